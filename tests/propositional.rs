//! Propositional requirements end to end: every bundled form reads to the same rules, the shield's rows satisfy every rule exactly at threshold 1/2, coherent rows stay bit for bit, the compiled kernels equal the interpreter, and the command line checks, corrects, verifies and compiles them.

mod common;

use reqc::jobs::propositional::{self as job, PropositionalFile};
use reqc::propositional::shield::{self, PropositionalOrdering, PropositionalShield};
use reqc::random::Random;
use reqc::world::DiskWorld;

fn load(name: &str) -> PropositionalFile {
    let path = common::root().join("examples/propositional").join(name);
    match job::load(&DiskWorld, &path) {
        Ok(file) => file,
        Err(_) => panic!("{name} does not load"),
    }
}

fn build(file: &PropositionalFile, ordering: &PropositionalOrdering) -> PropositionalShield {
    match job::build(file, ordering) {
        Ok(shield) => shield,
        Err(_) => panic!("{} has no shield", file.name),
    }
}

/// Random probability rows, with the values where rounding and ties matter mixed in.
fn rows(columns: usize, count: usize, seed: u64) -> Vec<f64> {
    let mut random = Random::new(seed);
    let special = [
        0.0, -0.0, 1.0, 0.49999997, 0.50000006, 1e-30, 0.25, 0.75, 0.1, 0.9,
    ];
    (0..columns * count)
        .map(|_| {
            if random.below(8) == 0 {
                *random.pick(&special)
            } else {
                random.unit()
            }
        })
        .collect()
}

#[test]
fn the_three_forms_of_the_bundled_rule_set_read_to_the_same_clauses() {
    let forms: Vec<PropositionalFile> = ["road.req", "road.txt", "road_horn.txt"]
        .iter()
        .map(|name| load(name))
        .collect();
    let clauses = |file: &PropositionalFile| -> Vec<Vec<reqc::propositional::Literal>> {
        file.specification
            .rules
            .iter()
            .map(|rule| rule.literals.clone())
            .collect()
    };
    assert!(
        forms[0].specification.rules.len() >= 200,
        "the rule set is of ROAD-R's size"
    );
    assert_eq!(forms[0].specification.columns, 41);
    assert_eq!(clauses(&forms[0]), clauses(&forms[1]));
    assert_eq!(clauses(&forms[0]), clauses(&forms[2]));
}

#[test]
fn corrected_rows_satisfy_every_rule_at_one_half_and_coherent_rows_stay_bit_for_bit() {
    let file = load("road.req");
    let specification = &file.specification;
    for ordering in [
        PropositionalOrdering::Given,
        PropositionalOrdering::Degree,
        PropositionalOrdering::ReverseDegree,
        PropositionalOrdering::Random(7),
    ] {
        let shield = build(&file, &ordering);
        let mut data = rows(specification.columns, 4000, 1);
        let original = data.clone();
        job::correct_rows(&shield, &mut data, 2).expect("probabilities");
        for (row, input) in data
            .chunks_exact(specification.columns)
            .zip(original.chunks_exact(specification.columns))
        {
            let satisfied = job::row_satisfies(specification, row);
            assert!(
                satisfied || job::on_boundary(specification, input),
                "{ordering:?}: {input:?} corrects to {row:?}, which breaks a rule"
            );
        }
        // A corrected row is coherent: correcting it again changes no bit.
        let mut again = data.clone();
        let changed = job::correct_rows(&shield, &mut again, 1).expect("probabilities");
        assert_eq!(changed, 0, "{ordering:?}");
        assert!(again
            .iter()
            .zip(&data)
            .all(|(a, b)| a.to_bits() == b.to_bits()));
    }
}

/// Corrects `rows` (and their f32 roundings) with the interpreter and with the kernels, and
/// asserts the two equal bit for bit; `context` names the case in a failure.
fn assert_kernels_equal_the_interpreter(
    shield: &PropositionalShield,
    kernels: &job::PropositionalKernels,
    rows: &[f64],
    threads: usize,
    context: &str,
) {
    fn compare<T: job::KernelRows>(
        shield: &PropositionalShield,
        kernels: &job::PropositionalKernels,
        rows: Vec<T>,
        threads: usize,
    ) -> bool {
        let mut interpreted = rows.clone();
        let mut compiled = rows;
        job::correct_rows(shield, &mut interpreted, 1).unwrap();
        job::correct_rows_compiled(shield, kernels, &mut compiled, threads).unwrap();
        interpreted
            .iter()
            .zip(&compiled)
            // Widening is exact, so equal f64 bits mean equal bits (the rows hold no NaN).
            .all(|(a, b)| a.to_f64().to_bits() == b.to_f64().to_bits())
    }
    assert!(
        compare(shield, kernels, rows.to_vec(), threads),
        "f64, {context}"
    );
    let narrow: Vec<f32> = rows.iter().map(|value| *value as f32).collect();
    assert!(compare(shield, kernels, narrow, threads), "f32, {context}");
}

#[test]
fn the_kernels_equal_the_interpreter_bit_for_bit() {
    for name in ["road.req", "road_horn.txt"] {
        let file = load(name);
        let columns = file.specification.columns;
        for ordering in [PropositionalOrdering::Given, PropositionalOrdering::Degree] {
            let shield = build(&file, &ordering);
            let kernels = job::PropositionalKernels::compile(
                &shield,
                &[
                    reqc::number::FloatFormat::F32,
                    reqc::number::FloatFormat::F64,
                ],
            )
            .expect("the kernels compile");
            // An odd row count exercises the vector groups and the single rows after them.
            let wide = rows(columns, 3001, 2);
            assert_kernels_equal_the_interpreter(&shield, &kernels, &wide, 2, name);
        }
    }
}

/// Random clauses of two or three literals over `columns` labels, in reqc's form; some
/// sets are contradictory.
fn random_rules(columns: usize, seed: u64) -> String {
    let mut random = Random::new(seed);
    let mut text = format!("columns {columns}\n");
    for _ in 0..columns + 2 {
        let literals = 2 + random.index(2);
        let clause: Vec<String> = (0..literals)
            .map(|_| {
                let sign = if random.below(2) == 0 { "not " } else { "" };
                format!("{sign}y_{}", random.index(columns))
            })
            .collect();
        text.push_str(&clause.join(" or "));
        text.push('\n');
    }
    text
}

#[test]
fn the_kernels_equal_the_interpreter_at_every_width_around_a_vector() {
    // Rows narrower than a vector (16 f32 or 8 f64 values) are read value by value; wider
    // ones as whole vectors transposed in registers, the last one overlapping the one
    // before it when the width is not a multiple: every case, bit for bit.
    for columns in [1, 2, 7, 8, 9, 15, 16, 17, 24, 31, 32, 33, 47] {
        let mut shields = 0;
        for seed in 0..20 {
            if shields == 3 {
                break;
            }
            let text = random_rules(columns, seed);
            let file = match job::load_text(
                std::path::Path::new("random.req"),
                "random.req".to_string(),
                text.clone(),
            ) {
                Ok(file) => file,
                Err(_) => panic!("random rules do not load:\n{text}"),
            };
            // Contradictory rule sets have no shield; they are skipped.
            let Ok(shield) = job::build(&file, &PropositionalOrdering::Given) else {
                continue;
            };
            let kernels = job::PropositionalKernels::compile(
                &shield,
                &[
                    reqc::number::FloatFormat::F32,
                    reqc::number::FloatFormat::F64,
                ],
            )
            .expect("the kernels compile");
            let wide = rows(columns, 37, 10 + seed);
            let context = format!("{columns} columns:\n{text}");
            assert_kernels_equal_the_interpreter(&shield, &kernels, &wide, 1, &context);
            shields += 1;
        }
        assert_eq!(
            shields, 3,
            "{columns} columns: too few rule sets had a shield"
        );
    }
}

#[test]
fn the_kernels_leave_rows_that_are_not_probabilities_alone() {
    let file = load("road.txt");
    let shield = build(&file, &PropositionalOrdering::Given);
    let kernels =
        job::PropositionalKernels::compile_checked(&shield, &[reqc::number::FloatFormat::F64])
            .expect("the library's kernels compile");
    let columns = file.specification.columns;
    let mut data = rows(columns, 11, 3);
    data[2 * columns + 5] = f64::NAN;
    data[7 * columns + 40] = 1.5;
    data[9 * columns] = -0.25;
    let before = data.clone();
    let mut status = vec![0u8; 11];
    let left = kernels.correct_f64(&mut data, Some(&mut status));
    assert_eq!(left, 3);
    // The valid rows are corrected as the interpreter corrects them.
    let mut valid = before[..columns].to_vec();
    job::correct_rows(&shield, &mut valid, 1).unwrap();
    assert!(data[..columns]
        .iter()
        .zip(&valid)
        .all(|(a, b)| a.to_bits() == b.to_bits()));
    assert!(status.iter().all(|status| [0, 1, 6].contains(status)));
    for row in [2, 7, 9] {
        assert_eq!(
            status[row],
            reqc::codegen::propositional::STATUS_NOT_PROBABILITY
        );
        let range = row * columns..(row + 1) * columns;
        assert!(data[range.clone()]
            .iter()
            .zip(&before[range])
            .all(|(a, b)| a.to_bits() == b.to_bits()));
    }
    // The interpreter's entry point refuses the whole buffer and names the first bad value.
    let mut data = before.clone();
    let error = job::correct_rows(&shield, &mut data, 1).unwrap_err();
    assert_eq!((error.row, error.column), (2, 5));
    assert!(data
        .iter()
        .zip(&before)
        .all(|(a, b)| a.to_bits() == b.to_bits()));
}

#[test]
fn the_gradient_follows_the_value_each_label_was_set_from() {
    // y_1 :- y_0 and not (y_0 and y_2): y_1 is lifted to y_0, y_2 lowered to 1 - y_0.
    let specification = reqc::propositional::front_end("1 :- 0\nnot y_0 or not y_2\n")
        .specification
        .expect("valid");
    let shield = shield::build(&specification, &[0, 1, 2]).expect("a shield");
    let mut row = [0.8f64, 0.3, 0.6];
    let mut trace = vec![0i64; shield.heads.len()];
    shield.correct_row(&mut row, Some(&mut trace));
    assert_eq!(row[1], 0.8);
    assert_eq!(row[2], 0.8f64.complement_up_for_test());
    let mut gradient = [0.0, 1.0, 1.0];
    shield.backward_row(&trace, &mut gradient);
    // d y_1 / d y_0 = 1 and d y_2 / d y_0 = -1; y_1 and y_2 no longer depend on themselves.
    assert_eq!(gradient, [0.0, 0.0, 0.0]);
    let mut gradient = [0.0, 2.0, 0.5];
    shield.backward_row(&trace, &mut gradient);
    assert_eq!(gradient, [1.5, 0.0, 0.0]);
    // Finite differences agree away from ties.
    let step = 1e-7;
    let mut moved = [0.8 + step, 0.3, 0.6];
    shield.correct_row(&mut moved, None);
    assert!(((moved[1] - row[1]) / step - 1.0).abs() < 1e-6);
    assert!(((moved[2] - row[2]) / step + 1.0).abs() < 1e-6);
}

trait ComplementForTest {
    fn complement_up_for_test(self) -> Self;
}

impl ComplementForTest for f64 {
    fn complement_up_for_test(self) -> f64 {
        use reqc::propositional::shield::Probability;
        self.complement_up()
    }
}

#[test]
fn the_command_line_checks_corrects_verifies_and_compiles_rule_files() {
    let scratch = common::scratch("propositional");
    let input = scratch.join("rows.npy");
    let output = scratch.join("corrected.npy");
    let data = rows(41, 500, 4);
    let bytes: Vec<u8> = data.iter().flat_map(|value| value.to_le_bytes()).collect();
    std::fs::write(&input, common::npy("<f8", false, &[500, 41], &bytes)).unwrap();
    for name in ["road.req", "road.txt", "road_horn.txt"] {
        let path = format!("examples/propositional/{name}");
        let checked = common::reqc(&["check", "--allow", "W0602", &path]);
        assert!(
            checked.status.success(),
            "{}",
            common::output_text(&checked)
        );
        let verified = common::reqc(&["verify", &path]);
        assert!(
            verified.status.success(),
            "{}",
            common::output_text(&verified)
        );
        assert!(
            common::stderr(&verified).contains("note: proved"),
            "{}",
            common::stderr(&verified)
        );
        let corrected = common::reqc(&[
            "correct",
            "--message-format",
            "json",
            &path,
            "--input",
            input.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
        ]);
        assert!(
            corrected.status.success(),
            "{}",
            common::output_text(&corrected)
        );
        let summary: serde_json::Value =
            serde_json::from_slice(&corrected.stdout).expect("a JSON summary");
        assert_eq!(summary["summary"]["rows"], 500);
        assert_eq!(summary["summary"]["violating_after_off_boundary"], 0);
    }
    // The library's bytes: the file written equals the interpreter on the same rows.
    let file = load("road.req");
    let shield = build(&file, &PropositionalOrdering::Given);
    let mut expected = data.clone();
    job::correct_rows(&shield, &mut expected, 1).unwrap();
    let written = std::fs::read(&output).unwrap();
    let values: Vec<f64> = written[written.len() - 8 * expected.len()..]
        .chunks_exact(8)
        .map(|chunk| f64::from_le_bytes(chunk.try_into().unwrap()))
        .collect();
    assert!(values
        .iter()
        .zip(&expected)
        .all(|(a, b)| a.to_bits() == b.to_bits()));
    // Every engine writes the same bytes, in f32 as in f64.
    for dtype in ["f32", "f64"] {
        let mut outputs = Vec::new();
        for engine in ["interp", "jit", "auto"] {
            let path = scratch.join(format!("{engine}-{dtype}.npy"));
            let corrected = common::reqc(&[
                "correct",
                "--engine",
                engine,
                "--dtype",
                dtype,
                "examples/propositional/road.req",
                "--input",
                input.to_str().unwrap(),
                "--output",
                path.to_str().unwrap(),
            ]);
            assert!(
                corrected.status.success(),
                "{}",
                common::output_text(&corrected)
            );
            outputs.push(std::fs::read(&path).unwrap());
        }
        assert!(outputs.windows(2).all(|pair| pair[0] == pair[1]), "{dtype}");
    }
    // A propositional ordering choice works for compile; stats says what it counts instead
    // of reading rules as linear requirements.
    let sets = common::reqc(&[
        "compile",
        "--ordering",
        "rev-degree",
        "--emit",
        "sets",
        "examples/propositional/road.req",
    ]);
    assert!(sets.status.success(), "{}", common::output_text(&sets));
    assert!(String::from_utf8_lossy(&sets.stdout).contains("stratum"));
    let stats = common::reqc(&[
        "stats",
        "examples/propositional/road.req",
        "--input",
        input.to_str().unwrap(),
    ]);
    assert_eq!(stats.status.code(), Some(2));
    assert!(common::stderr(&stats).contains("holds propositional rules"));
    // A header and a C library.
    let header = common::reqc(&[
        "compile",
        "--emit",
        "header",
        "examples/propositional/road.req",
    ]);
    assert!(String::from_utf8_lossy(&header.stdout).contains("REQC_NOT_PROBABILITY 6"));
    let library = scratch.join("libroad.so");
    let compiled = common::reqc(&[
        "compile",
        "--emit",
        "lib",
        "-o",
        library.to_str().unwrap(),
        "examples/propositional/road.req",
    ]);
    assert!(
        compiled.status.success(),
        "{}",
        common::output_text(&compiled)
    );
    assert!(std::fs::metadata(&library).unwrap().len() > 1000);
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn verification_finds_the_thresholds_where_the_correction_breaks_a_rule() {
    let scratch = common::scratch("propositional-verify");
    let file = scratch.join("exclusive.txt");
    std::fs::write(&file, "threshold 0.3\nnot y_0 or not y_1\n").unwrap();
    let verified = common::reqc(&["verify", file.to_str().unwrap()]);
    assert_eq!(verified.status.code(), Some(1));
    let text = common::stderr(&verified);
    assert!(
        text.contains("error[E1305]") && text.contains("y_0=0.5, y_1=0.5"),
        "{text}"
    );
    std::fs::write(&file, "threshold 0.7\nnot y_0 or not y_1\n").unwrap();
    let verified = common::reqc(&["verify", file.to_str().unwrap()]);
    assert!(verified.status.success(), "{}", common::stderr(&verified));
    let _ = std::fs::remove_dir_all(&scratch);
}
