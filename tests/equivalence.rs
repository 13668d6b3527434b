//! Equivalence assertions: reqc's evaluators reproduce the predictions recorded by
//! `examples/equivalence/generate.py` (scikit-learn, onnxruntime, xgboost), and bad model
//! files give errors naming the file and the problem.

mod common;

use reqc::models::{self, Model, ModelProblem};
use std::path::{Path, PathBuf};

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples/equivalence")
        .join(name)
}

/// The recorded points (exact float32 values) and the predictions of each runtime, by column name.
/// A runtime's predictions: its column name and one class per point.
type Recorded = (String, Vec<usize>);

fn recorded() -> (Vec<Vec<f64>>, Vec<Recorded>) {
    let text = std::fs::read_to_string(example("predictions.csv")).expect("predictions.csv");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let features = header.iter().filter(|name| name.starts_with("x_")).count();
    let mut points = Vec::new();
    let mut columns: Vec<Recorded> = header[features..]
        .iter()
        .map(|name| (name.to_string(), Vec::new()))
        .collect();
    for line in lines {
        let cells: Vec<&str> = line.split(',').collect();
        let point: Vec<f64> = cells[..features]
            .iter()
            .map(|cell| cell.parse().expect("a number"))
            .collect();
        for value in &point {
            assert_eq!(f64::from(*value as f32), *value, "points are float32");
        }
        points.push(point);
        for (column, cell) in columns.iter_mut().zip(&cells[features..]) {
            column.1.push(cell.parse().expect("a class"));
        }
    }
    (points, columns)
}

fn load(name: &str) -> Model {
    models::load(&reqc::world::DiskWorld, &example(name)).unwrap_or_else(|error| panic!("{error}"))
}

#[test]
fn evaluators_reproduce_recorded_predictions_exactly() {
    let (points, columns) = recorded();
    assert!(points.len() >= 300);
    let mut compared = 0;
    for (column, labels) in &columns {
        let (runtime, model) = column.split_once('_').expect("runtime_model");
        let file = if runtime == "xgboost" {
            format!("{model}.json")
        } else {
            format!("{model}.onnx")
        };
        let loaded = load(&file);
        for (point, expected) in points.iter().zip(labels) {
            let evaluation = loaded.evaluate(point);
            assert_eq!(
                evaluation.class,
                Some(*expected),
                "{file} at {point:?}: reqc disagrees with {runtime}"
            );
            compared += 1;
        }
    }
    // scikit-learn, onnxruntime and xgboost columns must all be there.
    for runtime in ["sklearn_", "onnxruntime_", "xgboost_"] {
        assert!(
            columns.iter().any(|(name, _)| name.starts_with(runtime)),
            "no {runtime} predictions recorded"
        );
    }
    assert!(compared > 3000);
}

#[test]
fn models_read_with_their_shapes() {
    for name in ["forest.onnx", "pruned.onnx", "twins.onnx", "boosted.json"] {
        let model = load(name);
        assert_eq!(model.features(), 4, "{name}");
        assert_eq!(model.outputs(), 2, "{name}");
        assert_eq!(model.labels().map(<[String]>::len), Some(2), "{name}");
    }
    let Model::Trees(forest) = load("forest.onnx") else {
        panic!("a forest")
    };
    let Model::Trees(twins) = load("twins.onnx") else {
        panic!("a forest")
    };
    assert_eq!(forest.trees.len(), 9);
    assert_eq!(twins.trees.len(), 11);
}

fn problem(bytes: &[u8], extension: &str) -> ModelProblem {
    let directory = std::env::temp_dir().join(format!("reqc-models-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    let path = directory.join(format!("model-{}.{extension}", bytes.len()));
    std::fs::write(&path, bytes).expect("write model");
    let error = models::load(&reqc::world::DiskWorld, &path).expect_err("the model is rejected");
    assert_eq!(error.path, path);
    assert!(error.to_string().contains(&path.display().to_string()));
    let _ = std::fs::remove_file(&path);
    error.problem
}

#[test]
fn bad_model_files_are_errors_naming_the_problem() {
    // Every truncation of a real model is rejected or read, never a panic.
    let bytes = std::fs::read(example("forest.onnx")).expect("forest.onnx");
    for length in (0..bytes.len()).step_by(97) {
        let path = std::env::temp_dir().join(format!("reqc-truncated-{}.onnx", std::process::id()));
        std::fs::write(&path, &bytes[..length]).expect("write");
        let _ = models::load(&reqc::world::DiskWorld, &path);
        let _ = std::fs::remove_file(&path);
    }
    assert!(matches!(problem(b"", "onnx"), ModelProblem::Malformed(_)));
    assert!(matches!(
        problem(b"\x0b\x00", "onnx"),
        ModelProblem::Malformed(_)
    ));
    assert!(matches!(problem(b"{", "json"), ModelProblem::Malformed(_)));
    let json = std::fs::read_to_string(example("boosted.json")).expect("boosted.json");
    let dart = json.replace("\"gbtree\"", "\"dart\"");
    match problem(dart.as_bytes(), "json") {
        ModelProblem::Unsupported(message) => assert!(message.contains("dart"), "{message}"),
        other => panic!("{other:?}"),
    }
    let ranking = json.replace("binary:logistic", "rank:pairwise");
    match problem(ranking.as_bytes(), "json") {
        ModelProblem::Unsupported(message) => {
            assert!(message.contains("rank:pairwise"), "{message}")
        }
        other => panic!("{other:?}"),
    }
    // An unsupported node mode, written over a real one of the same length.
    let mut unsupported = bytes.clone();
    let position = unsupported
        .windows(10)
        .position(|window| window == b"BRANCH_LEQ")
        .expect("a BRANCH_LEQ mode");
    unsupported[position..position + 10].copy_from_slice(b"BRANCH_XYZ");
    match problem(&unsupported, "onnx") {
        ModelProblem::Unsupported(message) => assert!(message.contains("BRANCH_XYZ"), "{message}"),
        other => panic!("{other:?}"),
    }
    let missing =
        models::load(&reqc::world::DiskWorld, &example("absent.onnx")).expect_err("no such file");
    assert!(matches!(missing.problem, ModelProblem::Unreadable(_)));
}

/// Runs `reqc verify --message-format json` on a block written into a temporary file;
/// returns the exit code, the diagnostics and the equivalence summaries.
fn verify(name: &str, block: &str) -> (i32, Vec<serde_json::Value>, Vec<serde_json::Value>) {
    let directory = std::env::temp_dir().join(format!("reqc-equivalence-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    // Tests run in parallel and some share a name: each call gets its own file, so that one
    // test's clean-up never removes the file another's reqc is reading.
    static CALLS: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let call = CALLS.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let path = directory.join(format!("{name}-{call}.req"));
    let examples = example("");
    std::fs::write(
        &path,
        block.replace("EXAMPLES/", &format!("{}/", examples.display())),
    )
    .expect("write the file");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reqc"))
        .args(["verify", "--message-format", "json"])
        .args(name.ends_with("solver").then_some("--no-sampling"))
        .arg(&path)
        .output()
        .expect("run reqc");
    let _ = std::fs::remove_file(&path);
    let mut diagnostics = Vec::new();
    let mut summaries = Vec::new();
    for line in String::from_utf8_lossy(&output.stdout).lines() {
        let value: serde_json::Value = serde_json::from_str(line).expect("JSON lines");
        match value.get("equivalence") {
            Some(summary) => summaries.push(summary.clone()),
            None => diagnostics.push(value),
        }
    }
    (output.status.code().unwrap_or(-1), diagnostics, summaries)
}

fn block(name: &str, left: &str, right: &str, extra: &str) -> String {
    format!(
        "equivalence {name} {{\n    left = \"EXAMPLES/{left}\"\n    right = \"EXAMPLES/{right}\"\n    relation = same_class\n    domain = data(\"EXAMPLES/train.csv\")\n{extra}}}\n"
    )
}

/// The float32 input of a counterexample summary.
fn counterexample_input(summary: &serde_json::Value) -> Vec<f64> {
    summary["counterexample"]["input"]
        .as_array()
        .expect("an input")
        .iter()
        .map(|value| {
            let text = value.as_str().expect("a float32 as text");
            f64::from(text.parse::<f32>().expect("a float32"))
        })
        .collect()
}

/// The input of a counterexample summary, and a check that both models' evaluators,
/// run here again, disagree there.
fn revalidate(summary: &serde_json::Value, left: &str, right: &str) -> Vec<f64> {
    let counterexample = &summary["counterexample"];
    assert_eq!(counterexample["reproduced"], true);
    let input = counterexample_input(summary);
    let left_class = load(left).evaluate(&input).class;
    let right_class = load(right).evaluate(&input).class;
    assert_ne!(left_class, right_class, "the models differ at {input:?}");
    assert_eq!(
        counterexample["left"]["class"],
        left_class.map(|class| class.to_string()).expect("a class")
    );
    input
}

#[test]
fn equivalent_pairs_are_proved_in_both_encodings() {
    // The forest and its twins need the shared encoding (the seed's takes minutes);
    // the boundary pair is proved by both.
    for (left, right, encoding) in [
        ("forest.onnx", "twins.onnx", "shared_atoms"),
        ("boundary_leq.onnx", "boundary_lt_next.onnx", "nested_ite"),
        ("boundary_leq.onnx", "boundary_lt_next.onnx", "shared_atoms"),
    ] {
        let text = block(
            "twins",
            left,
            right,
            &format!("    encoding = {encoding}\n"),
        );
        let (code, diagnostics, summaries) = verify("twins", &text);
        assert_eq!(code, 0, "{diagnostics:?}");
        assert_eq!(summaries[0]["answer"], "proved", "{encoding}");
        assert_eq!(diagnostics[0]["code"], "N1207");
    }
}

#[test]
fn a_tree_and_all_its_label_rotations_are_proved_by_algebra_and_one_rotation_is_not() {
    // Three classes: a tree and its two rotations give every class one vote at every
    // input (trees of one shape summed leaf by leaf are constant), so the algebra proves
    // the pair; with one rotation only, the votes are uneven and the models differ.
    let three_classes = |name: &str, right: &str| {
        block(name, "forest3.onnx", right, "").replace("train.csv", "train3.csv")
    };
    let (code, diagnostics, summaries) =
        verify("rotations", &three_classes("rotations", "rotations3.onnx"));
    assert_eq!(code, 0, "{diagnostics:?}");
    assert_eq!(summaries[0]["answer"], "proved");
    assert_eq!(summaries[0]["found_by"], "algebra");
    let (code, diagnostics, summaries) = verify(
        "partial",
        &three_classes("partial", "rotation3_partial.onnx"),
    );
    assert_eq!(code, 1, "{diagnostics:?}");
    assert_eq!(summaries[0]["answer"], "counterexample");
    revalidate(&summaries[0], "forest3.onnx", "rotation3_partial.onnx");
}

#[test]
fn differing_pairs_give_revalidated_counterexamples() {
    for (left, right, domain) in [
        ("forest.onnx", "pruned.onnx", None),
        ("boosted.json", "boosted_more.json", Some("[-4, 4]")),
        ("forest.onnx", "boosted.json", None),
    ] {
        for encoding in ["shared_atoms", "nested_ite"] {
            let mut text = block(
                "differ",
                left,
                right,
                &format!("    encoding = {encoding}\n"),
            );
            if let Some(domain) = domain {
                text = text.replace("data(\"EXAMPLES/train.csv\")", domain);
            }
            // Once through the random-point pass, once through the solver alone.
            for name in ["differ", "differ_solver"] {
                let (code, diagnostics, summaries) = verify(name, &text);
                assert_eq!(code, 1);
                assert_eq!(diagnostics[0]["code"], "E1204", "{diagnostics:?}");
                assert_eq!(summaries[0]["answer"], "counterexample");
                if name == "differ_solver" {
                    assert_eq!(summaries[0]["found_by"], "solver");
                }
                revalidate(&summaries[0], left, right);
            }
        }
    }
}

#[test]
fn float32_boundaries_are_exact() {
    // `x <= t` and `x < nextUp(t)` agree on every float32, though not on the reals.
    let proved = block("same", "boundary_leq.onnx", "boundary_lt_next.onnx", "")
        .replace("data(\"EXAMPLES/train.csv\")", "[-1, 1]");
    let (code, _, summaries) = verify("same", &proved);
    assert_eq!(code, 0);
    assert_eq!(summaries[0]["answer"], "proved");
    // `x <= t` and `x < t` differ at exactly one float32, t itself, which must be found.
    for encoding in ["shared_atoms", "nested_ite"] {
        let differ = block(
            "one_point",
            "boundary_leq.onnx",
            "boundary_lt.onnx",
            &format!("    encoding = {encoding}\n"),
        )
        .replace("data(\"EXAMPLES/train.csv\")", "[-1, 1]");
        let (code, _, summaries) = verify("one_point", &differ);
        assert_eq!(code, 1);
        let input = revalidate(&summaries[0], "boundary_leq.onnx", "boundary_lt.onnx");
        assert_eq!(input[0], f64::from(0.1f32), "{encoding}");
    }
    // A domain that excludes t (0.1f32 is above 0.1) makes the pair equivalent.
    let excluded = block("excluded", "boundary_leq.onnx", "boundary_lt.onnx", "").replace(
        "data(\"EXAMPLES/train.csv\")",
        "[[-1, 0.1], [-1, 1], [-1, 1], [-1, 1]]",
    );
    let (code, _, summaries) = verify("excluded", &excluded);
    assert_eq!(code, 0);
    assert_eq!(summaries[0]["answer"], "proved");
}

#[test]
fn linear_requirements_restrict_the_domain() {
    // With x_0 held below the counterexample's region the answer must respect it.
    let text = block(
        "restricted",
        "forest.onnx",
        "pruned.onnx",
        "    requirement low: x_0 + x_1 <= -1\n",
    );
    let (_, _, summaries) = verify("restricted", &text);
    let answer = summaries[0]["answer"].as_str().expect("an answer");
    if answer == "counterexample" {
        let input = revalidate(&summaries[0], "forest.onnx", "pruned.onnx");
        assert!(input[0] + input[1] <= -1.0, "{input:?}");
    } else {
        assert_eq!(answer, "proved");
    }
}

#[test]
fn undecided_within_the_time_limit() {
    let text = block(
        "slow",
        "forest.onnx",
        "twins.onnx",
        "    encoding = nested_ite\n    timeout = 0.000001\n",
    );
    let (code, diagnostics, summaries) = verify("slow", &text);
    assert_eq!(code, 0, "an undecided assertion is a warning");
    assert_eq!(summaries[0]["answer"], "unknown");
    assert_eq!(diagnostics[0]["code"], "W1205");
}

#[test]
fn disagreement_maps_are_written_for_counterexamples() {
    let directory = std::env::temp_dir().join(format!("reqc-maps-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    let file = directory.join("pair.req");
    let text = block("pruning", "forest.onnx", "pruned.onnx", "")
        .replace("EXAMPLES/", &format!("{}/", example("").display()));
    std::fs::write(&file, text).expect("write the file");
    let prefix = directory.join("map");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reqc"))
        .args(["verify", "--map-features", "0,2", "--map"])
        .arg(&prefix)
        .arg(&file)
        .output()
        .expect("run reqc");
    assert_eq!(output.status.code(), Some(1), "the models differ");
    let png = std::fs::read(directory.join("map-pruning.png")).expect("a PNG");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    // 120 cells of 4 pixels: a 480 x 480 image.
    assert_eq!(&png[16..24], &[0, 0, 1, 0xe0, 0, 0, 1, 0xe0]);
    let svg = std::fs::read_to_string(directory.join("map-pruning.svg")).expect("an SVG");
    assert!(
        svg.starts_with("<svg") && svg.contains("rgb(215,48,39)"),
        "red cells where the models differ"
    );
    assert!(svg.contains("x_0 from") && svg.contains("x_2 from"));
    let _ = std::fs::remove_dir_all(&directory);
}

/// onnxruntime's labels for one float32 input, when python3 with onnxruntime is installed.
fn onnxruntime_labels(models: &[PathBuf], input: &[f64]) -> Option<Vec<usize>> {
    let script = "import sys, numpy, onnxruntime\n\
        x = numpy.array([[float(v) for v in sys.argv[1].split(',')]], dtype=numpy.float32)\n\
        for path in sys.argv[2:]:\n\
        \x20   session = onnxruntime.InferenceSession(path, providers=['CPUExecutionProvider'])\n\
        \x20   print(int(session.run(None, {session.get_inputs()[0].name: x})[0][0]))\n";
    let point = input
        .iter()
        .map(|value| format!("{:?}", *value as f32))
        .collect::<Vec<_>>()
        .join(",");
    let mut arguments = vec![std::ffi::OsString::from(point)];
    arguments.extend(models.iter().map(|model| model.as_os_str().to_owned()));
    let output = common::run_onnxruntime_script(script, &arguments)?;
    Some(
        output
            .lines()
            .map(|line| line.trim().parse().expect("a label"))
            .collect(),
    )
}

#[test]
fn counterexamples_reproduce_in_onnxruntime() {
    for (left, right, domain) in [
        ("forest.onnx", "pruned.onnx", None),
        ("boundary_leq.onnx", "boundary_lt.onnx", Some("[-1, 1]")),
    ] {
        let mut text = block("differ", left, right, "");
        if let Some(domain) = domain {
            text = text.replace("data(\"EXAMPLES/train.csv\")", domain);
        }
        let (_, _, summaries) = verify("onnxruntime_solver", &text);
        let input = revalidate(&summaries[0], left, right);
        let Some(labels) = onnxruntime_labels(&[example(left), example(right)], &input) else {
            return;
        };
        let ours: Vec<usize> = [left, right]
            .iter()
            .map(|name| load(name).evaluate(&input).class.expect("a class"))
            .collect();
        assert_eq!(labels, ours, "onnxruntime at {input:?}");
        assert_ne!(labels[0], labels[1], "the models differ in onnxruntime too");
    }
}

#[test]
fn regression_forests_follow_scikit_learn() {
    let text = std::fs::read_to_string(example("regression_predictions.csv")).expect("CSV");
    let (full, pruned) = (load("regressor.onnx"), load("regressor_pruned.onnx"));
    assert_eq!(full.labels(), None);
    // The first 300 rows are random points, away from thresholds, where scikit-learn's
    // float64 thresholds and ONNX's float32 ones agree; weights differ by float32 rounding.
    for line in text.lines().skip(1).take(300) {
        let cells: Vec<f64> = line
            .split(',')
            .map(|cell| cell.parse().expect("a number"))
            .collect();
        for (model, expected) in [(&full, cells[4]), (&pruned, cells[5])] {
            let score = model.evaluate(&cells[..4]).scores[0].clone();
            let ours: f64 = num_traits::ToPrimitive::to_f64(&score).expect("finite");
            assert!(
                (ours - expected).abs() <= 1e-5 * expected.abs().max(1.0),
                "{ours} against scikit-learn's {expected} at {:?}",
                &cells[..4]
            );
        }
    }
}

#[test]
fn within_and_margin_relations() {
    let regression = |relation: &str| {
        format!(
            "equivalence r {{\n    left = \"EXAMPLES/regressor.onnx\"\n    right = \"EXAMPLES/regressor_pruned.onnx\"\n    relation = {relation}\n    domain = data(\"EXAMPLES/train.csv\")\n}}\n"
        )
    };
    let (code, _, summaries) = verify("within_solver", &regression("within(0.01)"));
    assert_eq!(code, 1);
    assert_eq!(summaries[0]["answer"], "counterexample");
    let input = counterexample_input(&summaries[0]);
    let gap = load("regressor.onnx").evaluate(&input).scores[0].clone()
        - load("regressor_pruned.onnx").evaluate(&input).scores[0].clone();
    assert!(num_traits::Signed::abs(&gap) > num_rational::BigRational::new(1.into(), 100.into()));
    let (code, _, summaries) = verify("loose", &regression("within(1000)"));
    assert_eq!(code, 0);
    assert_eq!(summaries[0]["answer"], "proved");
    let (code, diagnostics, _) = verify("classes", &regression("same_class"));
    assert_eq!(code, 1);
    assert_eq!(diagnostics[0]["code"], "E1203");
    // A model agrees with itself with margin 0 (the winner leads or ties every other
    // class), but not with a margin of 0.5: forests have close votes somewhere.
    let same = |margin: &str| {
        format!(
            "equivalence m {{\n    left = \"EXAMPLES/forest.onnx\"\n    right = \"EXAMPLES/forest.onnx\"\n    relation = margin({margin})\n    domain = data(\"EXAMPLES/train.csv\")\n}}\n"
        )
    };
    // A model and itself: proved by algebra, without the solver, in the shared encoding;
    // the seed's encoding needs the solver.
    let identical = same("0").replace("margin(0)", "same_class");
    let (code, _, summaries) = verify("identical", &identical);
    assert_eq!(code, 0);
    assert_eq!(summaries[0]["found_by"], "algebra");
    let nested = identical.replace("}\n", "    encoding = nested_ite\n}\n");
    let (code, _, summaries) = verify("identical_nested", &nested);
    assert_eq!(code, 0);
    assert_eq!(summaries[0]["answer"], "proved");
    assert_eq!(summaries[0]["found_by"], serde_json::Value::Null);
    let (code, _, summaries) = verify("margin_zero", &same("0"));
    assert_eq!(code, 0);
    assert_eq!(summaries[0]["answer"], "proved");
    let (code, _, summaries) = verify("margin_solver", &same("0.5"));
    assert_eq!(code, 1);
    assert_eq!(summaries[0]["answer"], "counterexample");
}

/// A recorded column: its name and one value per point.
type Column = (String, Vec<f64>);

/// The recorded network points and columns of `network_predictions.csv` (all as f64).
fn recorded_networks() -> (Vec<Vec<f64>>, Vec<Column>) {
    let text = std::fs::read_to_string(example("network_predictions.csv")).expect("CSV");
    let mut lines = text.lines();
    let header: Vec<&str> = lines.next().expect("a header").split(',').collect();
    let mut points = Vec::new();
    let mut columns: Vec<Column> = header[4..]
        .iter()
        .map(|name| (name.to_string(), Vec::new()))
        .collect();
    for line in lines {
        let cells: Vec<f64> = line
            .split(',')
            .map(|cell| cell.parse().expect("a number"))
            .collect();
        points.push(cells[..4].to_vec());
        for (column, cell) in columns.iter_mut().zip(&cells[4..]) {
            column.1.push(*cell);
        }
    }
    (points, columns)
}

#[test]
fn network_evaluator_reproduces_onnxruntime_bit_for_bit() {
    let (points, columns) = recorded_networks();
    assert!(points.len() >= 250);
    let column = |name: &str| -> &Vec<f64> {
        &columns
            .iter()
            .find(|(column, _)| column == name)
            .unwrap_or_else(|| panic!("no column {name}"))
            .1
    };
    let box_bounds: Vec<(f64, f64)> = (0..4)
        .map(|feature| {
            let values = points.iter().map(|point| point[feature]);
            (
                values.clone().fold(f64::INFINITY, f64::min),
                values.fold(f64::NEG_INFINITY, f64::max),
            )
        })
        .collect();
    let mut compared = 0;
    for name in [
        "network",
        "network_pruned",
        "network_permuted",
        "network_rescaled",
        "network_regressor",
        "network_regressor_pruned",
    ] {
        let Model::Network(model) = load(&format!("{name}.onnx")) else {
            panic!("{name} is a network")
        };
        let outputs = model.network.outputs();
        let bounds = model
            .network
            .rounding_bounds(&box_bounds)
            .expect("no float32 overflow on the data box");
        for (row, point) in points.iter().enumerate() {
            let input: Vec<f32> = point.iter().map(|value| *value as f32).collect();
            let ours = model.network.logits_float32(&input);
            let exact = model.network.logits(point);
            for (output, value) in ours.iter().enumerate() {
                let recorded = column(&format!("logit{output}_{name}"))[row];
                // The same float32, bit for bit.
                assert_eq!(
                    f64::from(*value).to_bits(),
                    recorded.to_bits(),
                    "{name} output {output} at {point:?}"
                );
                // Within the rigorous rounding bound of the (f64, nearly exact) value.
                assert!((f64::from(*value) - exact[output]).abs() <= bounds[output]);
                compared += 1;
            }
            if outputs > 1 {
                let label = column(&format!("onnxruntime_{name}"))[row];
                let evaluation = models::Model::Network(model.clone()).evaluate(point);
                assert_eq!(
                    evaluation.class,
                    Some(label as usize),
                    "{name} at {point:?}"
                );
            }
        }
    }
    assert!(compared > 3000);
}

#[test]
fn network_pairs_are_proved_or_give_revalidated_counterexamples() {
    let networks = |name: &str, right: &str, relation: &str| {
        format!(
            "equivalence {name} {{\n    left = \"EXAMPLES/network.onnx\"\n    right = \"EXAMPLES/{right}\"\n    relation = {relation}\n    domain = data(\"EXAMPLES/network_train.csv\")\n}}\n"
        )
    };
    // Permuted and rescaled hidden units: the same neurons, found without the solver.
    for right in ["network_permuted.onnx", "network_rescaled.onnx"] {
        let (code, _, summaries) = verify("same_solver", &networks("same", right, "same_class"));
        assert_eq!(code, 0, "{right}");
        assert_eq!(summaries[0]["answer"], "proved");
        assert_eq!(summaries[0]["found_by"], "algebra");
        assert_eq!(summaries[0]["rounding"], "real");
        assert_eq!(summaries[0]["shared_neurons"], 14);
    }
    // margin(0) is not settled by algebra: the solver proves it, in real arithmetic.
    let (code, _, summaries) = verify(
        "margin_solver",
        &networks("margin", "network_rescaled.onnx", "margin(0)"),
    );
    assert_eq!(code, 0);
    assert_eq!(summaries[0]["answer"], "proved");
    assert!(summaries[0]["found_by"].is_null());
    // The pruned copy differs: the solver's point is re-validated here and in onnxruntime.
    let (code, _, summaries) = verify(
        "pruned_solver",
        &networks("pruned", "network_pruned.onnx", "same_class"),
    );
    assert_eq!(code, 1);
    assert_eq!(summaries[0]["found_by"], "solver");
    let input = revalidate(&summaries[0], "network.onnx", "network_pruned.onnx");
    if let Some(labels) = onnxruntime_labels(
        &[example("network.onnx"), example("network_pruned.onnx")],
        &input,
    ) {
        let ours: Vec<usize> = ["network.onnx", "network_pruned.onnx"]
            .iter()
            .map(|name| load(name).evaluate(&input).class.expect("a class"))
            .collect();
        assert_eq!(labels, ours, "onnxruntime at {input:?}");
        assert_ne!(labels[0], labels[1]);
    }
    // Sampling finds a difference too, and says so.
    let (_, _, summaries) = verify(
        "pruned",
        &networks("pruned", "network_pruned.onnx", "same_class"),
    );
    assert_eq!(summaries[0]["found_by"], "sampling");
    revalidate(&summaries[0], "network.onnx", "network_pruned.onnx");
}

#[test]
fn network_within_and_margin_relations() {
    let regressors = |relation: &str| {
        format!(
            "equivalence r {{\n    left = \"EXAMPLES/network_regressor.onnx\"\n    right = \"EXAMPLES/network_regressor_pruned.onnx\"\n    relation = {relation}\n    domain = data(\"EXAMPLES/network_train.csv\")\n}}\n"
        )
    };
    // A loose bound is proved with the float32 rounding bounds: sound for float32.
    let (code, _, summaries) = verify("loose_solver", &regressors("within(100)"));
    assert_eq!(code, 0);
    assert_eq!(summaries[0]["answer"], "proved");
    assert_eq!(summaries[0]["rounding"], "float32");
    // A tight one fails; the point is re-evaluated here.
    let (code, _, summaries) = verify("tight_solver", &regressors("within(0.01)"));
    assert_eq!(code, 1);
    assert_eq!(summaries[0]["answer"], "counterexample");
    let input = counterexample_input(&summaries[0]);
    let gap = load("network_regressor.onnx").evaluate(&input).scores[0].clone()
        - load("network_regressor_pruned.onnx")
            .evaluate(&input)
            .scores[0]
            .clone();
    assert!(num_traits::Signed::abs(&gap) > num_rational::BigRational::new(1.into(), 100.into()));
    // A classifier's final Softmax is not linear: `within` is refused, naming it.
    let softmax = "equivalence s {\n    left = \"EXAMPLES/network.onnx\"\n    right = \"EXAMPLES/network_pruned.onnx\"\n    relation = within(0.1)\n    domain = [-1, 1]\n}\n";
    let (code, diagnostics, _) = verify("softmax", softmax);
    assert_eq!(code, 1);
    assert_eq!(diagnostics[0]["code"], "E1202");
    assert!(diagnostics[0]["message"]
        .as_str()
        .expect("a message")
        .contains("`Softmax`"));
    // A margin the pruned copy does not keep everywhere.
    let margin = "equivalence m {\n    left = \"EXAMPLES/network.onnx\"\n    right = \"EXAMPLES/network_permuted.onnx\"\n    relation = margin(1)\n    domain = data(\"EXAMPLES/network_train.csv\")\n}\n";
    let (code, _, summaries) = verify("margin_solver", margin);
    assert_eq!(code, 1);
    assert_eq!(summaries[0]["answer"], "counterexample");
    let input = counterexample_input(&summaries[0]);
    let evaluation = load("network.onnx").evaluate(&input);
    let class = evaluation.class.expect("a class");
    let short = evaluation.scores.iter().enumerate().any(|(other, score)| {
        other != class
            && &evaluation.scores[class] - score < num_rational::BigRational::from_integer(1.into())
    }) || load("network_permuted.onnx").evaluate(&input).class != Some(class)
        || {
            let other = load("network_permuted.onnx").evaluate(&input);
            other.scores.iter().enumerate().any(|(index, score)| {
                index != class
                    && &other.scores[class] - score
                        < num_rational::BigRational::from_integer(1.into())
            })
        };
    assert!(short, "the margin fails at {input:?}");
}

#[test]
fn bad_network_files_name_the_file_and_operator() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/equivalence/data");
    let error = models::load(
        &reqc::world::DiskWorld,
        &fixtures.join("sigmoid_network.onnx"),
    )
    .unwrap_err();
    let text = error.to_string();
    assert!(
        matches!(error.problem, ModelProblem::Unsupported(_)),
        "{text}"
    );
    assert!(
        text.contains("sigmoid_network.onnx") && text.contains("`Sigmoid`"),
        "{text}"
    );
    let error = models::load(
        &reqc::world::DiskWorld,
        &fixtures.join("wrong_shape_network.onnx"),
    )
    .unwrap_err();
    let text = error.to_string();
    assert!(
        matches!(error.problem, ModelProblem::Malformed(_)),
        "{text}"
    );
    assert!(
        text.contains("`Gemm` (node `second`) takes 5 values"),
        "{text}"
    );
    // Truncated network files are errors, never panics.
    let bytes = std::fs::read(example("network.onnx")).expect("the example");
    for length in [1, 10, 100, 1000, bytes.len() - 1] {
        let _ = problem(&bytes[..length], "onnx");
    }
}

#[test]
fn network_maps_progress_and_time_limits() {
    let directory = std::env::temp_dir().join(format!("reqc-network-maps-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    let file = directory.join("networks.req");
    let text = "equivalence pruned {\n    left = \"EXAMPLES/network.onnx\"\n    right = \"EXAMPLES/network_pruned.onnx\"\n    relation = same_class\n    domain = data(\"EXAMPLES/network_train.csv\")\n}\n"
        .replace("EXAMPLES/", &format!("{}/", example("").display()));
    std::fs::write(&file, text).expect("write the file");
    let prefix = directory.join("map");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reqc"))
        .args(["verify", "--progress", "--no-sampling", "--map"])
        .arg(&prefix)
        .arg(&file)
        .output()
        .expect("run reqc");
    assert_eq!(output.status.code(), Some(1), "the networks differ");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("pruned: solving ("), "{stderr}");
    assert!(stderr.contains("unstable ReLUs"), "{stderr}");
    // The default slice: the two features whose first-layer weights differ most.
    let Model::Network(left) = load("network.onnx") else {
        panic!("a network")
    };
    let Model::Network(right) = load("network_pruned.onnx") else {
        panic!("a network")
    };
    let differences = models::network::input_differences(&left.network, &right.network);
    let mut order: Vec<usize> = (0..4).collect();
    order.sort_by(|a, b| differences[*b].total_cmp(&differences[*a]).then(a.cmp(b)));
    assert!(
        stderr.contains(&format!("(x_{} against x_{})", order[0], order[1])),
        "{stderr}"
    );
    let svg = std::fs::read_to_string(directory.join("map-pruned.svg")).expect("an SVG");
    assert!(
        svg.contains("rgb(215,48,39)"),
        "red cells where the networks differ"
    );
    let png = std::fs::read(directory.join("map-pruned.png")).expect("a PNG");
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let _ = std::fs::remove_dir_all(&directory);
    // No time to decide: unknown, a warning.
    let slow = "equivalence slow {\n    left = \"EXAMPLES/network.onnx\"\n    right = \"EXAMPLES/network_rescaled.onnx\"\n    relation = margin(0)\n    domain = data(\"EXAMPLES/network_train.csv\")\n    timeout = 0.000001\n}\n";
    let (code, diagnostics, summaries) = verify("slow_solver", slow);
    assert_eq!(code, 0, "an undecided assertion is a warning");
    assert_eq!(summaries[0]["answer"], "unknown");
    assert_eq!(diagnostics[0]["code"], "W1205");
}

#[test]
fn network_disagreements_thinner_than_a_float32_step_are_found() {
    // [x, t] against [x, nextUp(t)]: they disagree on the real interval [t, nextUp(t)),
    // whose only float32 is t itself, wherever the solver's real point lies in it.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/ui/equivalence/data");
    let text = format!(
        "equivalence thin {{\n    left = \"{}\"\n    right = \"{}\"\n    relation = same_class\n    domain = [0, 1]\n}}\n",
        fixtures.join("boundary_network_low.onnx").display(),
        fixtures.join("boundary_network_high.onnx").display()
    );
    let (code, _, summaries) = verify("thin_solver", &text);
    assert_eq!(code, 1);
    assert_eq!(summaries[0]["answer"], "counterexample");
    assert_eq!(summaries[0]["found_by"], "solver");
    assert_eq!(summaries[0]["counterexample"]["input"][0], "0.1");
    assert_eq!(summaries[0]["counterexample"]["left"]["class"], "0");
    assert_eq!(summaries[0]["counterexample"]["right"]["class"], "1");
    // Shifted by one float32 step on either side, the networks agree.
    let load_fixture = |name: &str| {
        models::load(&reqc::world::DiskWorld, &fixtures.join(name)).expect("a network")
    };
    let (low, high) = (
        load_fixture("boundary_network_low.onnx"),
        load_fixture("boundary_network_high.onnx"),
    );
    for value in [
        models::trees::next_down(0.1f32),
        models::trees::next_up(0.1f32),
    ] {
        let input = [f64::from(value)];
        assert_eq!(low.evaluate(&input).class, high.evaluate(&input).class);
    }
}
