//! Equivalence assertions: reqc's evaluators reproduce the predictions recorded by
//! `examples/equivalence/generate.py` (scikit-learn, onnxruntime, xgboost), and bad model
//! files give errors naming the file and the problem.

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
    models::load(&example(name)).unwrap_or_else(|error| panic!("{error}"))
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
    let Model::Trees(forest) = load("forest.onnx");
    let Model::Trees(twins) = load("twins.onnx");
    assert_eq!(forest.trees.len(), 9);
    assert_eq!(twins.trees.len(), 11);
}

fn problem(bytes: &[u8], extension: &str) -> ModelProblem {
    let directory = std::env::temp_dir().join(format!("reqc-models-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("temporary directory");
    let path = directory.join(format!("model-{}.{extension}", bytes.len()));
    std::fs::write(&path, bytes).expect("write model");
    let error = models::load(&path).expect_err("the model is rejected");
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
        let _ = models::load(&path);
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
    let missing = models::load(&example("absent.onnx")).expect_err("no such file");
    assert!(matches!(missing.problem, ModelProblem::Unreadable(_)));
}
