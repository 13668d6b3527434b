//! Equivalence assertions (`reqc verify`): Z3 proves that two models agree on every
//! float32 input of a domain, or finds a cell of inputs where they differ, from which a
//! float32 point is chosen and re-evaluated by both models' exact evaluators before it is
//! reported.
//!
//! The `shared_atoms` encoding has no real variables for tree inputs: every feature has
//! one ordered set of Boolean atoms `x_f < c` (one per distinct float32 cut of either
//! model, plus the domain's bounds) with the axioms `x_f < c_i → x_f < c_(i+1)`, and each
//! tree is an if-then-else term over atoms. Trees of the same shape (the same splits,
//! leaves in the same places) whose leaf values are an affine image of the first such
//! tree's are that tree's term times a constant plus a constant, so shared and pruned
//! trees become linear facts instead of new case splits. `nested_ite` is the seed's
//! encoding: real inputs compared with each threshold inside nested if-then-else terms.
//! The semantics are `specs/equivalence.md`.

mod common;
mod networks;
mod trees;

pub use common::{
    relation_fails, EquivalenceAnswer, EquivalenceCounterexample, EquivalenceResult, Influence,
    Output, Progress,
};

use crate::data::{self, ReadOptions};
use crate::diagnostics::{Code, Diagnostic};
use crate::models::{self, Model, ModelError, ModelProblem, Transform};
use crate::number::{float_to_rational, rational_to_float, FloatFormat, Rounding};
use crate::spec::{
    EquivalenceAssertion, EquivalenceDomain, EquivalenceEncoding, EquivalenceRelation,
};
use crate::world::World;
use std::path::Path;
use std::time::Instant;
use trees::{run, Prepared};

/// Checks one equivalence assertion, trying random points before the solver.
pub fn check_equivalence(
    assertion: &EquivalenceAssertion,
    world: &dyn World,
    progress: Progress<'_>,
) -> EquivalenceResult {
    check_equivalence_with(assertion, world, true, progress)
}

/// Checks one equivalence assertion, reading its models and data from `world`;
/// `sampling` enables the random-point pass that runs before the solver.
pub fn check_equivalence_with(
    assertion: &EquivalenceAssertion,
    world: &dyn World,
    sampling: bool,
    progress: Progress<'_>,
) -> EquivalenceResult {
    let started = Instant::now();
    let mut result = EquivalenceResult {
        name: assertion.name.clone(),
        answer: EquivalenceAnswer::Error,
        encoding: match assertion.encoding {
            EquivalenceEncoding::SharedAtoms => "shared_atoms",
            EquivalenceEncoding::NestedIte => "nested_ite",
        },
        seconds: 0.0,
        atoms: 0,
        left_trees: 0,
        right_trees: 0,
        shared_trees: 0,
        found_by: None,
        counterexample: None,
        left_neurons: None,
        right_neurons: None,
        shared_neurons: None,
        unstable_neurons: None,
        rounding: None,
        diagnostics: Vec::new(),
        bounds: Vec::new(),
    };
    progress(&format!("{}: reading models", assertion.name));
    match prepare(assertion, world) {
        Err(diagnostic) => result.diagnostics.push(diagnostic),
        Ok(loaded) => {
            result.bounds = loaded
                .bounds
                .iter()
                .map(|bounds| bounds.unwrap_or((0.0, 0.0)))
                .collect();
            match (loaded.left, loaded.right) {
                (Model::Trees(left), Model::Trees(right)) => {
                    let prepared = Prepared {
                        left,
                        right,
                        bounds: loaded.bounds,
                    };
                    result.left_trees = prepared.left.trees.len();
                    result.right_trees = prepared.right.trees.len();
                    run(assertion, &prepared, sampling, &mut result, progress);
                }
                (Model::Network(left), Model::Network(right)) => {
                    result.encoding = "relu_ite";
                    let pair = networks::NetworkPair {
                        left,
                        right,
                        bounds: loaded.bounds,
                    };
                    networks::run(assertion, &pair, sampling, &mut result, progress);
                }
                _ => unreachable!("prepare rejects a network paired with a tree ensemble"),
            }
        }
    }
    result.seconds = started.elapsed().as_secs_f64();
    result
}

/// Both models and the domain, validated against each other.
pub(super) struct ModelPair {
    left: Model,
    right: Model,
    /// Per feature: the smallest and largest float32 the domain allows (None: empty).
    bounds: Vec<Option<(f32, f32)>>,
}

pub(super) fn model_diagnostic(assertion: &EquivalenceAssertion, error: &ModelError) -> Diagnostic {
    let code = match error.problem {
        ModelProblem::Unsupported(_) => Code::UnsupportedModel,
        _ => Code::MalformedModel,
    };
    Diagnostic::new(code, error.to_string()).primary(
        assertion.span,
        format!("in the equivalence assertion `{}`", assertion.name),
    )
}

pub(super) fn incompatible(assertion: &EquivalenceAssertion, message: String) -> Diagnostic {
    Diagnostic::new(Code::IncompatibleModels, message).primary(
        assertion.span,
        format!("in the equivalence assertion `{}`", assertion.name),
    )
}

pub(super) fn prepare(
    assertion: &EquivalenceAssertion,
    world: &dyn World,
) -> Result<ModelPair, Diagnostic> {
    let load = |path: &Path| {
        models::load(world, path).map_err(|error| model_diagnostic(assertion, &error))
    };
    let left = load(&assertion.left)?;
    let right = load(&assertion.right)?;
    let name = |path: &Path| path.display().to_string();
    if matches!(left, Model::Network(_)) != matches!(right, Model::Network(_)) {
        return Err(incompatible(
            assertion,
            format!(
                "`{}` and `{}` are a ReLU network and a tree ensemble; reqc compares two networks or two tree ensembles",
                name(&assertion.left),
                name(&assertion.right)
            ),
        ));
    }
    if left.features() != right.features() {
        return Err(incompatible(
            assertion,
            format!(
                "`{}` reads {} features but `{}` reads {}",
                name(&assertion.left),
                left.features(),
                name(&assertion.right),
                right.features()
            ),
        ));
    }
    if left.outputs() != right.outputs() || left.task() != right.task() {
        return Err(incompatible(
            assertion,
            format!(
                "`{}` and `{}` have different outputs ({} {} and {} {})",
                name(&assertion.left),
                name(&assertion.right),
                left.outputs(),
                describe(&left),
                right.outputs(),
                describe(&right)
            ),
        ));
    }
    let classifier = matches!(left.task(), models::Task::Classification { .. });
    match assertion.relation {
        EquivalenceRelation::SameClass | EquivalenceRelation::Margin(_) if !classifier => {
            return Err(incompatible(
                assertion,
                "the relation compares classes, but the models are regressors; use `within(epsilon)`"
                    .to_string(),
            ))
        }
        EquivalenceRelation::Within(_) => {
            for (model, path) in [(&left, &assertion.left), (&right, &assertion.right)] {
                if model.transform() != Transform::Identity {
                    let applies = match model {
                        Model::Network(network) => format!(
                            "the network ends in operator `Softmax`{}, which is not linear (probabilities are not an affine function of the input on any region)",
                            network
                                .softmax_node
                                .as_ref()
                                .filter(|node| !node.is_empty())
                                .map(|node| format!(" (node `{node}`)"))
                                .unwrap_or_default()
                        ),
                        Model::Trees(ensemble) => format!(
                            "the model applies the {} transform to them",
                            ensemble.transform.name()
                        ),
                    };
                    return Err(Diagnostic::new(
                        Code::UnsupportedModel,
                        format!(
                            "`{}`: unsupported: `within` compares scores linearly, but {applies}",
                            name(path),
                        ),
                    )
                    .primary(assertion.span, format!("in the equivalence assertion `{}`", assertion.name))
                    .help("use `same_class` or `margin(m)`, which compare raw scores")); 
                }
            }
        }
        _ => {}
    }
    let features = left.features();
    if let Some(declared) = assertion.features {
        if declared != features {
            return Err(incompatible(
                assertion,
                format!("the block declares {declared} features but the models read {features}"),
            ));
        }
    }
    let read = assertion
        .requirements
        .iter()
        .flat_map(|requirement| &requirement.clauses)
        .flat_map(|clause| &clause.disjuncts)
        .flat_map(|disjunct| &disjunct.inequality.terms)
        .map(|(column, _)| *column)
        .max();
    if let Some(column) = read.filter(|column| *column >= features) {
        return Err(incompatible(
            assertion,
            format!("the block's requirements read x_{column}, but the models read {features} features (x_0 to x_{})", features - 1),
        ));
    }
    let intervals: Vec<(f64, f64)> = match &assertion.domain {
        EquivalenceDomain::Uniform(low, high) => vec![(*low, *high); features],
        EquivalenceDomain::PerFeature(intervals) => {
            if intervals.len() != features {
                return Err(incompatible(
                    assertion,
                    format!(
                        "`domain` gives {} intervals but the models read {features} features",
                        intervals.len()
                    ),
                ));
            }
            intervals.clone()
        }
        EquivalenceDomain::Data(path) => data_box(world, path, features).map_err(|message| {
            incompatible(assertion, format!("`domain = data(...)`: {message}"))
        })?,
    };
    let bounds = intervals
        .iter()
        .map(|(low, high)| float32_range(*low, *high))
        .collect();
    Ok(ModelPair {
        left,
        right,
        bounds,
    })
}

pub(super) fn describe(model: &Model) -> &'static str {
    match model.task() {
        models::Task::Classification { .. } => "classes",
        models::Task::Regression => "regression targets",
    }
}

/// The smallest and largest float32 in `[low, high]`, or `None` when there is none.
pub(super) fn float32_range(low: f64, high: f64) -> Option<(f32, f32)> {
    let round = |value: f64, rounding: Rounding| -> f32 {
        if value.is_infinite() {
            return if value > 0.0 { f32::MAX } else { f32::MIN };
        }
        let exact = float_to_rational(value).expect("finite");
        let rounded = rational_to_float(&exact, FloatFormat::F32, rounding) as f32;
        rounded.clamp(f32::MIN, f32::MAX)
    };
    let lowest = round(low, Rounding::Up);
    let highest = round(high, Rounding::Down);
    let inside = |value: f32| f64::from(value) >= low && f64::from(value) <= high;
    (lowest <= highest && inside(lowest) && inside(highest)).then_some((lowest, highest))
}

/// Per-column minimum and maximum of a data file (any format the input layer reads).
pub(super) fn data_box(
    world: &dyn World,
    path: &Path,
    features: usize,
) -> Result<Vec<(f64, f64)>, String> {
    let mut reader =
        data::open_rows(world, path, &ReadOptions::default()).map_err(|error| error.to_string())?;
    if reader.columns() != features {
        return Err(format!(
            "`{}` has {} columns but the models read {features} features",
            path.display(),
            reader.columns()
        ));
    }
    let mut ranges = vec![(f64::INFINITY, f64::NEG_INFINITY); features];
    let mut block = Vec::new();
    let mut rows = 0u64;
    loop {
        block.clear();
        let count = reader
            .read_rows(&mut block, 4096)
            .map_err(|error| error.to_string())?;
        if count == 0 {
            break;
        }
        for row in block.chunks_exact(features).take(count) {
            rows += 1;
            for (column, value) in row.iter().enumerate() {
                if !value.is_finite() {
                    return Err(format!(
                        "`{}`: row {rows}, column {}: {value} is not a finite number",
                        path.display(),
                        column + 1
                    ));
                }
                ranges[column].0 = ranges[column].0.min(*value);
                ranges[column].1 = ranges[column].1.max(*value);
            }
        }
    }
    if rows == 0 {
        return Err(format!("`{}` has no rows", path.display()));
    }
    Ok(ranges)
}

#[cfg(test)]
mod tests {
    use super::trees::{affine, inside};
    use super::*;
    use num_rational::BigRational;

    fn rational(numerator: i64, denominator: i64) -> BigRational {
        BigRational::new(numerator.into(), denominator.into())
    }

    #[test]
    fn affine_images_are_found_exactly() {
        let base = vec![rational(0, 1), rational(1, 9), rational(1, 9)];
        let own = vec![rational(1, 11), rational(0, 1), rational(0, 1)];
        assert_eq!(
            affine(&base, &own),
            Some((rational(-9, 11), rational(1, 11)))
        );
        let other = vec![rational(1, 11), rational(0, 1), rational(1, 11)];
        assert_eq!(affine(&base, &other), None);
    }

    #[test]
    fn float32_ranges_keep_inside_the_interval() {
        assert_eq!(float32_range(0.0, 1.0), Some((0.0, 1.0)));
        let (low, high) = float32_range(0.1, 0.2).expect("nonempty");
        assert!(f64::from(low) >= 0.1 && f64::from(high) <= 0.2);
        assert_eq!(float32_range(0.1, 0.1), None, "no float32 equals 0.1");
        assert_eq!(
            float32_range(f64::NEG_INFINITY, f64::INFINITY),
            Some((f32::MIN, f32::MAX))
        );
    }

    #[test]
    fn points_are_chosen_inside_cells() {
        assert_eq!(inside(0.0, 1.0), 0.5);
        assert_eq!(inside(-1.0, 1.0), 0.0);
        assert_eq!(inside(0.1, 0.2), 0.15);
        let low = 0.1f32;
        let high = models::trees::next_up(low);
        assert_eq!(inside(low, high), low, "a one-float cell is its only float");
        let middle = inside(f32::MIN, f32::MAX);
        assert!(middle > f32::MIN && middle < f32::MAX);
    }
}
