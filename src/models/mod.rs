//! Models that equivalence assertions compare: readers for ONNX tree ensembles, XGBoost
//! JSON and ONNX ReLU networks; one normal form for trees ([`trees::TreeEnsemble`]) with
//! its exact evaluator, and one network type ([`network::Network`], also used by
//! calibration witnesses) with its float32 evaluator.
//!
//! Invariants: no Z3 here; reading never panics on any bytes (errors name the file and the
//! unsupported operator or attribute); evaluation is exact (the input is cast to float32
//! as the runtimes do, scores are exact rationals). The semantics are `specs/equivalence.md`.

pub mod map;
pub mod network;
pub mod onnx;
pub mod protobuf;
pub mod trees;
pub mod xgboost;

use crate::world::{World, WorldError};
use std::fmt;
use std::path::{Path, PathBuf};
pub use trees::{Evaluation, Node, Task, Transform, Tree, TreeEnsemble};

/// What is wrong with a model file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ModelProblem {
    /// The file cannot be read.
    Unreadable(String),
    /// The bytes are not a well-formed model of the format.
    Malformed(String),
    /// A well-formed model that uses an operator, attribute or value reqc does not support.
    Unsupported(String),
}

impl ModelProblem {
    /// The explanation, without the kind.
    pub fn message(&self) -> &str {
        match self {
            ModelProblem::Unreadable(message)
            | ModelProblem::Malformed(message)
            | ModelProblem::Unsupported(message) => message,
        }
    }
}

/// A model file reqc cannot use, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModelError {
    pub path: PathBuf,
    pub problem: ModelProblem,
}

impl fmt::Display for ModelError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (kind, message) = match &self.problem {
            ModelProblem::Unreadable(message) => ("cannot read", message),
            ModelProblem::Malformed(message) => ("malformed model", message),
            ModelProblem::Unsupported(message) => ("unsupported", message),
        };
        write!(formatter, "`{}`: {kind}: {message}", self.path.display())
    }
}

/// The largest model file reqc reads.
pub const MAXIMUM_MODEL_BYTES: u64 = 512 * 1024 * 1024;

/// A model loaded from a file.
#[derive(Clone, Debug, PartialEq)]
pub enum Model {
    Trees(TreeEnsemble),
    Network(network::NetworkModel),
}

impl Model {
    /// The number of input features.
    pub fn features(&self) -> usize {
        match self {
            Model::Trees(ensemble) => ensemble.features,
            Model::Network(model) => model.network.inputs(),
        }
    }

    /// The number of scores.
    pub fn outputs(&self) -> usize {
        match self {
            Model::Trees(ensemble) => ensemble.outputs,
            Model::Network(model) => model.network.outputs(),
        }
    }

    /// The model's exact scores and class on an input.
    pub fn evaluate(&self, input: &[f64]) -> Evaluation {
        match self {
            Model::Trees(ensemble) => ensemble.evaluate(input),
            Model::Network(model) => model.evaluate(input),
        }
    }

    /// Whether the model predicts classes (else it gives regression targets).
    pub fn task(&self) -> &Task {
        match self {
            Model::Trees(ensemble) => &ensemble.task,
            Model::Network(model) => &model.task,
        }
    }

    /// The transform the model applies to its raw scores.
    pub fn transform(&self) -> Transform {
        match self {
            Model::Trees(ensemble) => ensemble.transform,
            Model::Network(model) => model.transform,
        }
    }

    /// The class labels, for classifiers.
    pub fn labels(&self) -> Option<&[String]> {
        match self.task() {
            Task::Classification { labels } => Some(labels),
            Task::Regression => None,
        }
    }
}

/// Loads a model from `world`: `.onnx` as ONNX, `.json` as XGBoost JSON.
pub fn load(world: &dyn World, path: &Path) -> Result<Model, ModelError> {
    let error = |problem| ModelError {
        path: path.to_path_buf(),
        problem,
    };
    let bytes = world
        .read(path, MAXIMUM_MODEL_BYTES)
        .map_err(|failure| match failure {
            WorldError::TooLarge { size, .. } => error(ModelProblem::Unsupported(format!(
                "the file has {size} bytes; reqc reads models of at most {MAXIMUM_MODEL_BYTES}"
            ))),
            other => error(ModelProblem::Unreadable(other.to_string())),
        })?;
    let extension = path
        .extension()
        .and_then(|extension| extension.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let model = match extension.as_str() {
        "json" => {
            let text = String::from_utf8(bytes).map_err(|_| {
                error(ModelProblem::Malformed(
                    "not an XGBoost JSON model: the file is not UTF-8 text".into(),
                ))
            })?;
            Model::Trees(xgboost::read(&text).map_err(error)?)
        }
        _ => {
            if bytes.is_empty() {
                return Err(error(ModelProblem::Malformed(
                    "the file is empty, not an ONNX model".into(),
                )));
            }
            let graph = onnx::read_graph(&bytes).map_err(error)?;
            if network::is_network(&graph) {
                Model::Network(network::read(&graph).map_err(error)?)
            } else {
                Model::Trees(onnx::tree_ensemble(&graph).map_err(error)?)
            }
        }
    };
    Ok(model)
}
