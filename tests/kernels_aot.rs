//! Ahead-of-time kernels: the emitted IR (snapshot), libraries used from C and Python giving the
//! bytes of `reqc correct`, their status output, valgrind, and the JIT engine on the command line.

mod common;

use reqc::number::FloatFormat;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn reqc(arguments: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reqc"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(arguments)
        .output()
        .expect("run reqc")
}

fn succeed(output: Output, what: &str) -> Output {
    assert!(
        output.status.success(),
        "{what} failed: {}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn scratch(name: &str) -> PathBuf {
    let directory =
        std::env::temp_dir().join(format!("reqc-kernels-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).expect("create scratch directory");
    directory
}

fn text(path: &Path) -> String {
    path.display().to_string()
}

/// Deterministic rows: predictions in [0, 1] with some exact bounds, zeros of both signs and subnormals.
fn rows(count: usize, columns: usize, seed: u64, format: FloatFormat) -> Vec<f64> {
    let mut random = reqc::random::Random::new(seed);
    (0..count * columns)
        .map(|_| {
            let unit = random.unit();
            let value = match random.below(16) {
                0 => 0.0,
                1 => -0.0,
                2 => 1.0,
                3 => 0.5,
                4 => 1e-310,
                _ => unit,
            };
            match format {
                FloatFormat::F32 => f64::from(value as f32),
                FloatFormat::F64 => value,
            }
        })
        .collect()
}

fn raw_bytes(values: &[f64], format: FloatFormat) -> Vec<u8> {
    match format {
        FloatFormat::F32 => values
            .iter()
            .flat_map(|value| (*value as f32).to_le_bytes())
            .collect(),
        FloatFormat::F64 => values
            .iter()
            .flat_map(|value| value.to_le_bytes())
            .collect(),
    }
}

fn write_npy(path: &Path, columns: usize, format: FloatFormat, values: &[f64]) {
    use reqc::data::RowWriter;
    let mut writer: Box<dyn RowWriter> = Box::new(
        reqc::data::NpyWriter::new(
            std::fs::File::create(path).expect("create"),
            columns,
            format,
        )
        .expect("header"),
    );
    writer.write_rows(values).expect("write");
    writer.finish().expect("finish");
}

/// The data part of an `.npy` file (version 1 or 2 header).
fn npy_data(path: &Path) -> Vec<u8> {
    let bytes = std::fs::read(path).expect("read npy");
    let (length, start) = if bytes[6] == 1 {
        (u16::from_le_bytes([bytes[8], bytes[9]]) as usize, 10)
    } else {
        (
            u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize,
            12,
        )
    };
    bytes[start + length..].to_vec()
}

fn name(format: FloatFormat) -> &'static str {
    match format {
        FloatFormat::F32 => "f32",
        FloatFormat::F64 => "f64",
    }
}

/// Compiles a library and its header into `directory`, and the C example against them.
fn build_c_example(file: &Path, directory: &Path) -> PathBuf {
    let library = directory.join("libshield.so");
    succeed(
        reqc(&[
            "compile",
            &text(file),
            "--emit",
            "lib",
            "-o",
            &text(&library),
        ]),
        "reqc compile --emit lib",
    );
    succeed(
        reqc(&[
            "compile",
            &text(file),
            "--emit",
            "header",
            "-o",
            &text(&directory.join("reqc_shield.h")),
        ]),
        "reqc compile --emit header",
    );
    let program = directory.join("correct_batch");
    let example = common::root().join("examples/correct_batch.c");
    succeed(
        Command::new("cc")
            .args(["-O2", "-Wall", "-Werror", "-I"])
            .arg(directory)
            .arg(&example)
            .arg(&library)
            .arg(format!("-Wl,-rpath,{}", directory.display()))
            .arg("-o")
            .arg(&program)
            .output()
            .expect("run cc"),
        "compiling examples/correct_batch.c",
    );
    program
}

/// Files for the library-against-`reqc correct` tests: wide ones, the strict chain that
/// needs the search (faults), disjunctions, negations and inexact equalities.
fn decided_files() -> Vec<PathBuf> {
    let shared = common::shared();
    vec![
        shared.join("requirements/constrained-dgm/faults_constraints.txt"),
        shared.join("requirements/constrained-dgm/heloc_constraints.txt"),
        shared.join("requirements/constrained-dgm/news_constraints.txt"),
        shared.join("requirements/constrained-dgm/wids_constraints.txt"),
        shared.join("cases/disj_small.txt"),
        shared.join("cases/two_holes.txt"),
        common::root().join("tests/shield/negations.req"),
        common::root().join("tests/shield/equalities.req"),
        common::root().join("tests/shield/strict_bounds.req"),
    ]
}

fn columns_of(file: &Path) -> usize {
    let text = std::fs::read_to_string(file).expect("read");
    reqc::front_end(
        &text,
        file.parent().expect("directory"),
        &reqc::world::DiskWorld,
    )
    .specification
    .expect("checks")
    .columns
}

#[test]
fn c_library_gives_the_bytes_of_reqc_correct() {
    for (index, file) in decided_files().iter().enumerate() {
        let directory = scratch(&format!("c{index}"));
        let program = build_c_example(file, &directory);
        let columns = columns_of(file);
        for format in [FloatFormat::F32, FloatFormat::F64] {
            let values = rows(1000, columns, 11 + index as u64, format);
            let input = directory.join("in.npy");
            write_npy(&input, columns, format, &values);
            let expected = reqc_correct(
                file,
                &input,
                &directory.join("expected.npy"),
                Some("interp"),
            );
            let raw = directory.join("in.bin");
            std::fs::write(&raw, raw_bytes(&values, format)).expect("write raw");
            let output = directory.join("out.bin");
            let run = succeed(
                Command::new(&program)
                    .args([name(format), &text(&raw), &text(&output), "64"])
                    .output()
                    .expect("run the C example"),
                "the C example",
            );
            let report = String::from_utf8_lossy(&run.stdout);
            assert!(
                report.contains(" 0 undecided"),
                "{}: {report}",
                file.display()
            );
            assert!(
                !report.contains(" 0 corrected"),
                "{}: nothing to correct: {report}",
                file.display()
            );
            assert_eq!(
                std::fs::read(&output).expect("read output"),
                expected,
                "{} {format:?}: the C library and reqc correct differ",
                file.display()
            );
        }
    }
}

/// Runs the C example on raw f64 rows of `file` in batches of 100; returns (statuses, corrected bytes, stdout).
fn run_c_example(file: &Path, directory: &Path, values: &[f64]) -> (Vec<u8>, Vec<u8>, String) {
    let program = build_c_example(file, directory);
    let raw = directory.join("in.bin");
    std::fs::write(&raw, raw_bytes(values, FloatFormat::F64)).expect("write raw");
    let output = directory.join("out.bin");
    let status = directory.join("status.bin");
    let run = succeed(
        Command::new(&program)
            .args(["f64", &text(&raw), &text(&output), "100", &text(&status)])
            .output()
            .expect("run the C example"),
        "the C example",
    );
    (
        std::fs::read(&status).expect("status"),
        std::fs::read(&output).expect("output"),
        String::from_utf8_lossy(&run.stdout).into_owned(),
    )
}

/// Runs `reqc correct` (with `--engine` when given) from `input` into `output`; returns the output's data bytes.
fn reqc_correct(file: &Path, input: &Path, output: &Path, engine: Option<&str>) -> Vec<u8> {
    let mut arguments = vec![
        "correct".to_string(),
        text(file),
        "--input".to_string(),
        text(input),
        "--output".to_string(),
        text(output),
    ];
    if let Some(engine) = engine {
        arguments.extend(["--engine".to_string(), engine.to_string()]);
    }
    let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
    succeed(reqc(&arguments), "reqc correct");
    npy_data(output)
}

/// The bytes `reqc correct --engine interp` writes for f64 rows of `file` (its input is `in.npy`).
fn interpreted(file: &Path, directory: &Path, columns: usize, values: &[f64]) -> Vec<u8> {
    let input = directory.join("in.npy");
    write_npy(&input, columns, FloatFormat::F64, values);
    reqc_correct(
        file,
        &input,
        &directory.join("expected.npy"),
        Some("interp"),
    )
}

#[test]
fn rows_needing_the_search_are_corrected_by_the_library() {
    // `y_9 > y_8` and `y_7 > y_9` with y_7 first: when y_8 lies above y_7 it moves just
    // below y_7 and no float is left for y_9, so the row needs the completion search.
    let file = common::shared().join("requirements/constrained-dgm/faults_constraints.txt");
    let directory = scratch("search");
    let columns = columns_of(&file);
    let values = rows(500, columns, 5, FloatFormat::F64);
    let (status, corrected, report) = run_c_example(&file, &directory, &values);
    let expected = interpreted(&file, &directory, columns, &values);
    assert_eq!(corrected, expected, "the library and reqc correct differ");
    let searched = (0..status.len())
        .filter(|row| values[row * columns + 8] >= values[row * columns + 7])
        .count();
    assert!(searched > 0, "no row needed the search");
    assert!(
        status
            .iter()
            .all(|row_status| *row_status != reqc::codegen::STATUS_UNDECIDED),
        "{report}"
    );
    assert!(report.contains(" 0 undecided"), "{report}");
}

#[test]
fn inexact_rows_are_corrected_and_reported_by_the_library() {
    // `3 * y_2 == y_0`: for most values of y_0 no float y_2 satisfies it exactly.
    let directory = scratch("inexact");
    let file = common::root().join("tests/shield/equalities.req");
    let values = rows(300, 4, 11, FloatFormat::F64);
    let (status, corrected, report) = run_c_example(&file, &directory, &values);
    assert_eq!(corrected, interpreted(&file, &directory, 4, &values));
    let inexact = status
        .iter()
        .filter(|row_status| **row_status == reqc::codegen::STATUS_INEXACT)
        .count();
    assert!(inexact > 0, "{report}");
    assert!(report.contains(&format!(" {inexact} inexact")), "{report}");
}

#[test]
fn undecided_rows_are_reported_and_left_unchanged() {
    // Scaled to integers the literal is 10^200 y_0 + y_1 >= 10^200, and 10^200 needs more
    // than four doubles: a row exactly on the boundary, and a row whose correction must
    // find the boundary, need big rationals; a row far inside does not.
    let directory = scratch("undecided");
    let file = directory.join("tiny.req");
    std::fs::write(&file, "ordering y_0 y_1\ny_0 + 1e-200 * y_1 >= 1\n").expect("write");
    let values = [1.0, 0.0, 0.5, 0.0, 2.0, 0.0];
    let (status, corrected, report) = run_c_example(&file, &directory, &values);
    let expected = interpreted(&file, &directory, 2, &values);
    assert_eq!(
        status,
        [
            reqc::codegen::STATUS_UNDECIDED,
            reqc::codegen::STATUS_UNDECIDED,
            reqc::codegen::STATUS_UNCHANGED
        ],
        "{report}"
    );
    assert_eq!(corrected, raw_bytes(&values, FloatFormat::F64));
    assert_ne!(
        expected, corrected,
        "the interpreter corrects the second row"
    );
    assert!(report.contains(" 2 undecided"), "{report}");
    // `reqc correct` gives the undecided row to the interpreter.
    for engine in ["auto", "jit"] {
        let output = directory.join(format!("{engine}.npy"));
        let corrected = reqc_correct(&file, &directory.join("in.npy"), &output, Some(engine));
        assert_eq!(corrected, expected, "--engine {engine}");
    }
}

#[test]
fn python_library_gives_the_bytes_of_reqc_correct() {
    let available = Command::new("python3")
        .args(["-c", "import numpy"])
        .output()
        .is_ok_and(|output| output.status.success());
    if !available {
        println!("skipped: python3 with numpy is not installed (scripts/setup.sh installs it)");
        return;
    }
    let file = common::shared().join("requirements/constrained-dgm/news_constraints.txt");
    let directory = scratch("python");
    let library = directory.join("libshield.so");
    succeed(
        reqc(&[
            "compile",
            &text(&file),
            "--emit",
            "lib",
            "-o",
            &text(&library),
        ]),
        "reqc compile --emit lib",
    );
    let columns = columns_of(&file);
    for format in [FloatFormat::F32, FloatFormat::F64] {
        let values = rows(777, columns, 3, format);
        let input = directory.join("in.npy");
        write_npy(&input, columns, format, &values);
        let expected = reqc_correct(&file, &input, &directory.join("expected.npy"), None);
        let output = directory.join("out.bin");
        let run = succeed(
            Command::new("python3")
                .arg(common::root().join("examples/correct_batch.py"))
                .args([text(&library), text(&input), text(&output)])
                .output()
                .expect("run python3"),
            "examples/correct_batch.py",
        );
        let report = String::from_utf8_lossy(&run.stdout);
        assert!(report.contains(" 0 undecided"), "{report}");
        assert_eq!(
            std::fs::read(&output).expect("read output"),
            expected,
            "{format:?}: the Python example and reqc correct differ"
        );
    }
}

#[test]
fn library_under_valgrind_reads_and_writes_only_its_rows() {
    let available = Command::new("valgrind")
        .arg("--version")
        .output()
        .is_ok_and(|output| output.status.success());
    assert!(
        available,
        "valgrind is not installed (scripts/setup.sh installs it)"
    );
    let file = common::shared().join("requirements/constrained-dgm/heloc_constraints.txt");
    let directory = scratch("valgrind");
    let program = build_c_example(&file, &directory);
    let columns = columns_of(&file);
    for format in [FloatFormat::F32, FloatFormat::F64] {
        let values = rows(1003, columns, 9, format);
        let raw = directory.join("in.bin");
        std::fs::write(&raw, raw_bytes(&values, format)).expect("write raw");
        for batch in ["0", "1", "7", "1003"] {
            let output = directory.join("out.bin");
            let run = Command::new("valgrind")
                .args(["--error-exitcode=99", "--leak-check=no", "-q"])
                .arg(&program)
                .args([name(format), &text(&raw), &text(&output), batch])
                .output()
                .expect("run valgrind");
            assert!(
                run.status.success(),
                "valgrind found errors with batch {batch} ({format:?}): {}",
                String::from_utf8_lossy(&run.stderr)
            );
        }
    }
}

/// The lowering's own IR (`codegen::lowered_ir`) for a file under `../shared/`.
fn lowered(relative: &str) -> String {
    let file = common::shared().join(relative);
    let text_of_file = std::fs::read_to_string(&file).expect("read");
    let specification = reqc::front_end(
        &text_of_file,
        file.parent().expect("directory"),
        &reqc::world::DiskWorld,
    )
    .specification
    .expect("checks");
    let shield = reqc::shield::build(
        &specification,
        &specification.ordering,
        reqc::shield::Limits::default(),
    )
    .expect("eliminates");
    reqc::codegen::lowered_ir(&shield).expect("lowers")
}

#[test]
fn lowered_ir_matches_its_snapshot() {
    let actual = lowered("requirements/pishield-custom/constraints_constants2.txt");
    common::assert_snapshot(
        &common::root().join("tests/snapshots/constraints_constants2.ll"),
        &actual,
    );
}

/// A block after one with two rows or more that did not come out unchanged skips the block
/// test's clauses (`emit_block_test` in `lower.rs`): where the greedy pass runs on blocks,
/// the block loop carries whether the next block is tested, true at a chunk's start and then
/// each block's own answer, never a constant (a loop that always or never tests would be
/// correct, and only slower). A shield whose fast test is the runtime's has no block loop to
/// carry it.
#[test]
fn the_block_loop_carries_whether_the_next_block_is_tested() {
    let heloc = lowered("requirements/constrained-dgm/heloc_constraints.txt");
    let testing: Vec<&str> = heloc
        .lines()
        .map(str::trim_start)
        .filter(|line| line.starts_with("%testing = phi i1 "))
        .collect();
    assert_eq!(
        testing.len(),
        2,
        "one block loop in each of the two kernels"
    );
    for line in testing {
        let (from_chunk, from_latch) = line
            .split_once("], [ ")
            .unwrap_or_else(|| panic!("two incoming values: {line}"));
        assert!(from_chunk.ends_with("[ true, %chunk_body "), "{line}");
        assert!(
            from_latch.starts_with('%'),
            "the latch's value is computed: {line}"
        );
    }
    assert_eq!(heloc.matches("\nblock_tested:").count(), 2);
    let botnet = lowered("requirements/constrained-dgm/botnet_constraints.txt");
    assert!(!botnet.contains("%testing = phi"));
}

#[test]
fn large_shields_take_the_runtimes_fast_test() {
    // Unrolled, botnet's fast test (1,074 terms) would take LLVM over 100 ms to compile.
    let call = "call i32 @reqc_runtime_fast_test(";
    assert!(lowered("requirements/constrained-dgm/botnet_constraints.txt").contains(call));
    assert!(!lowered("requirements/constrained-dgm/wids_constraints.txt").contains(call));
}

#[test]
fn emitted_ir_is_self_contained() {
    // `--emit llvm-ir` holds the runtime too, so that the text compiles on its own.
    let file = common::shared().join("requirements/pishield-custom/constraints_constants2.txt");
    let output = succeed(
        reqc(&["compile", &text(&file), "--emit", "llvm-ir"]),
        "reqc compile --emit llvm-ir",
    );
    let ir = String::from_utf8(output.stdout).expect("IR is text");
    for definition in [
        "define i64 @reqc_correct_f32(",
        "define i64 @reqc_correct_f64(",
        "@reqc_runtime_correct_row(",
    ] {
        assert!(
            ir.lines().any(|line| line.starts_with("define")
                && line.contains(definition.trim_start_matches("define "))),
            "no definition of {definition}"
        );
    }
    assert!(!ir.contains("\ndeclare i8 @reqc_runtime_correct_row"));
}

#[test]
fn an_unknown_cpu_is_an_error_not_a_crash() {
    // LLVM only warns about an unknown CPU, and on x86_64 then aborts while generating code.
    let file = common::shared().join("cases/two_holes.txt");
    let directory = scratch("cpu");
    let output = directory.join("kernel.o");
    for target in [None, Some("aarch64-unknown-linux-gnu")] {
        let mut arguments = vec!["compile", "--emit", "obj", "--cpu", "bogus"];
        arguments.extend(target.iter().flat_map(|triple| ["--target", triple]));
        let file_text = text(&file);
        let output_text = text(&output);
        arguments.extend([file_text.as_str(), "-o", output_text.as_str()]);
        let run = reqc(&arguments);
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{target:?}: {stderr}");
        assert!(
            stderr.contains("error: LLVM 14 knows no CPU `bogus`"),
            "{target:?}: {stderr}"
        );
        assert!(!output.exists(), "nothing is written");
    }
}

#[test]
fn compile_emits_assembly_objects_and_headers() {
    let file = common::shared().join("cases/two_holes.txt");
    let directory = scratch("emit");
    let assembly = succeed(
        reqc(&["compile", &text(&file), "--emit", "asm", "--cpu", "native"]),
        "--emit asm",
    );
    assert!(String::from_utf8_lossy(&assembly.stdout).contains("reqc_correct_f64"));
    let object = directory.join("shield.o");
    succeed(
        reqc(&[
            "compile",
            &text(&file),
            "--emit",
            "obj",
            "-o",
            &text(&object),
        ]),
        "--emit obj",
    );
    assert_eq!(&std::fs::read(&object).expect("object")[..4], b"\x7fELF");
    let header = succeed(
        reqc(&["compile", &text(&file), "--emit", "header"]),
        "--emit header",
    );
    let header = String::from_utf8_lossy(&header.stdout);
    for symbol in [
        "reqc_correct_f32",
        "reqc_correct_f64",
        "reqc_correct_copy_f32",
        "reqc_correct_copy_f64",
        "reqc_columns",
        "reqc_requirements_hash",
        "reqc_version",
        "REQC_UNDECIDED",
    ] {
        assert!(header.contains(symbol), "the header lacks {symbol}");
    }
    let missing = reqc(&["compile", &text(&file), "--emit", "lib"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&missing.stderr).contains("-o PATH"));
    let bad_cpu = reqc(&[
        "compile",
        &text(&file),
        "--emit",
        "obj",
        "-o",
        &text(&object),
        "--target",
        "no-such-triple",
    ]);
    assert_eq!(bad_cpu.status.code(), Some(2));
}

#[test]
fn both_engines_write_the_same_bytes_and_summary() {
    let directory = scratch("engines");
    let mut files = decided_files();
    files.push(common::shared().join("requirements/constrained-dgm/faults_constraints.txt"));
    files.push(common::root().join("tests/shield/strict_bounds.req"));
    files.push(common::root().join("tests/shield/inputs.req"));
    for (index, file) in files.iter().enumerate() {
        let columns = columns_of(file);
        for format in [FloatFormat::F32, FloatFormat::F64] {
            let input = directory.join(format!("in{index}.npy"));
            write_npy(
                &input,
                columns,
                format,
                &rows(3000, columns, index as u64, format),
            );
            let mut results = Vec::new();
            for engine in [
                ["--engine", "interp"],
                ["--engine", "jit"],
                ["--engine", "auto"],
            ] {
                for threads in ["1", "2"] {
                    for extension in ["npy", "csv"] {
                        let output = directory.join(format!("out.{extension}"));
                        let run = succeed(
                            reqc(&[
                                "correct",
                                &text(file),
                                "--input",
                                &text(&input),
                                "--output",
                                &text(&output),
                                engine[0],
                                engine[1],
                                "--threads",
                                threads,
                                "--message-format",
                                "json",
                            ]),
                            "reqc correct",
                        );
                        let summary: serde_json::Value =
                            serde_json::from_slice(&run.stdout).expect("JSON summary");
                        results.push((
                            extension,
                            std::fs::read(&output).expect("output"),
                            summary["summary"].clone(),
                        ));
                    }
                }
            }
            for result in &results[2..] {
                let reference = if result.0 == "npy" {
                    &results[0]
                } else {
                    &results[1]
                };
                assert_eq!(
                    result.1,
                    reference.1,
                    "{} {format:?}: output bytes differ",
                    file.display()
                );
                assert_eq!(
                    result.2,
                    reference.2,
                    "{} {format:?}: summaries differ",
                    file.display()
                );
            }
        }
    }
}
