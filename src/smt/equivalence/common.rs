//! What the tree and the network encoders of equivalence assertions share: the answer and
//! result types, the diagnostics of proofs and counterexamples, seeded sampling, the
//! block's requirements as Z3 assertions, and the exact re-evaluation of a counterexample
//! by both models before it is reported.

use crate::diagnostics::{Code, Diagnostic};
use crate::models::{self};
use crate::number::{finite_rational, float_to_rational};
use crate::smt::lower::{RejectedNumeral, Terms};
use crate::spec::{EquivalenceAssertion, EquivalenceRelation};
use num_rational::BigRational;
use num_traits::Signed;
use serde::Serialize;
use std::path::Path;
use z3::Solver;

/// The answer to one equivalence assertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum EquivalenceAnswer {
    Proved,
    Counterexample,
    Unknown,
    /// The models or the domain could not be used (diagnostics say why).
    Error,
}

/// A point where the two models differ, re-evaluated by both evaluators.
#[derive(Clone, Debug, Serialize)]
pub struct EquivalenceCounterexample {
    /// The input, every value a float32 written as the shortest decimal that reads back
    /// as that float32 (JSON numbers would be read as f64 by most parsers).
    pub input: Vec<String>,
    pub left: Output,
    pub right: Output,
    /// Whether both evaluators confirm the relation fails at `input`.
    pub reproduced: bool,
    /// Trees that differ between the models, most influential first.
    pub influence: Vec<Influence>,
}

/// A model's answer at a point.
#[derive(Clone, Debug, Serialize)]
pub struct Output {
    pub class: Option<String>,
    /// Exact raw scores as `numerator/denominator`.
    pub scores: Vec<String>,
    /// Scores after the model's transform, in f64 (probabilities for classifiers).
    pub transformed: Vec<f64>,
}

/// One differing tree's push on the disagreement at the counterexample.
#[derive(Clone, Debug, Serialize)]
pub struct Influence {
    /// `left` or `right`.
    pub model: &'static str,
    pub tree: usize,
    /// Its contribution to the score gap in favour of its own model's answer.
    pub push: f64,
}

/// The result of checking one equivalence assertion.
#[derive(Clone, Debug, Serialize)]
pub struct EquivalenceResult {
    pub name: String,
    pub answer: EquivalenceAnswer,
    pub encoding: &'static str,
    pub seconds: f64,
    /// Boolean threshold atoms (shared_atoms) or real comparisons (nested_ite).
    pub atoms: usize,
    pub left_trees: usize,
    pub right_trees: usize,
    /// Trees encoded as a linear image of another tree of the same shape.
    pub shared_trees: usize,
    /// How the counterexample was found: `sampling` (the pre-pass over seeded random
    /// float32 points) or `solver`.
    pub found_by: Option<&'static str>,
    pub counterexample: Option<EquivalenceCounterexample>,
    /// Networks: the neurons (hidden units and outputs) of each model.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub left_neurons: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub right_neurons: Option<usize>,
    /// Networks: neurons of the right model that are a neuron of the left model (the same
    /// weights on the same inputs, in any order), encoded once.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub shared_neurons: Option<usize>,
    /// Networks: ReLUs whose sign the domain does not fix, encoded as if-then-else.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unstable_neurons: Option<usize>,
    /// Networks: what a proof covers: `float32` (every float32 evaluation order, by a
    /// rigorous rounding bound) or `real` (exact arithmetic on the float32 weights).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rounding: Option<&'static str>,
    #[serde(skip)]
    pub diagnostics: Vec<Diagnostic>,
    /// Per feature, the smallest and largest float32 of the domain (empty when unknown).
    #[serde(skip)]
    pub bounds: Vec<(f32, f32)>,
}

/// Progress reports for long runs: a phase name.
pub type Progress<'a> = &'a mut dyn FnMut(&str);

/// The N1207 diagnostic of a proof: "the models <relation> <scope>".
pub(super) fn proof(assertion: &EquivalenceAssertion, scope: &str) -> Diagnostic {
    Diagnostic::new(
        Code::EquivalenceProved,
        format!(
            "proved: `{}` and `{}` {} {scope}",
            file_name(&assertion.left),
            file_name(&assertion.right),
            relation_text(assertion.relation)
        ),
    )
    .primary(assertion.span, format!("`{}` holds", assertion.name))
}

/// Settles an assertion whose domain holds no float32 value on some feature.
pub(super) fn vacuous(
    assertion: &EquivalenceAssertion,
    bounds: &[Option<(f32, f32)>],
    result: &mut EquivalenceResult,
) -> bool {
    let Some(feature) = bounds.iter().position(Option::is_none) else {
        return false;
    };
    result.answer = EquivalenceAnswer::Proved;
    result.diagnostics.push(
        Diagnostic::new(
            Code::EquivalenceProved,
            format!(
                "`{}` holds vacuously: the domain of feature x_{feature} holds no float32 value",
                assertion.name
            ),
        )
        .primary(assertion.span, "proved"),
    );
    true
}

/// How many random points the sampling pass tries before the solver runs.
pub(super) const SAMPLES: usize = 64;

/// The sampling pass (when enabled and the block has no requirements): the first of
/// [`SAMPLES`] seeded random float32 points where the relation fails under `evaluate`.
pub(super) fn sampled(
    assertion: &EquivalenceAssertion,
    bounds: &[Option<(f32, f32)>],
    sampling: bool,
    progress: Progress<'_>,
    evaluate: impl Fn(&[f64]) -> (models::Evaluation, models::Evaluation),
) -> Option<Vec<f32>> {
    if !sampling || !assertion.requirements.is_empty() {
        return None;
    }
    progress(&format!("{}: sampling", assertion.name));
    sample(bounds, SAMPLES, |input| {
        let (left, right) = evaluate(input);
        relation_fails(assertion.relation, &left, &right)
    })
}

/// The first of `count` seeded random float32 points of the domain where the relation
/// fails, if any.
pub(super) fn sample(
    bounds: &[Option<(f32, f32)>],
    count: usize,
    fails: impl Fn(&[f64]) -> bool,
) -> Option<Vec<f32>> {
    random_points(bounds, count).into_iter().find(|point| {
        let input: Vec<f64> = point.iter().map(|value| f64::from(*value)).collect();
        fails(&input)
    })
}

/// `count` seeded random float32 points of the domain box (every bound present), from
/// reqc's one generator with a fixed seed, so runs repeat.
pub(super) fn random_points(bounds: &[Option<(f32, f32)>], count: usize) -> Vec<Vec<f32>> {
    let mut random = crate::random::Random::from_state(0x9e37_79b9_7f4a_7c15);
    let mut next = || random.unit();
    (0..count)
        .map(|_| {
            bounds
                .iter()
                .map(|bounds| {
                    let (low, high) = bounds.expect("nonempty domain");
                    let (low, high) = (f64::from(low), f64::from(high));
                    let value = (low + (high - low) * next()) as f32;
                    value.clamp(low as f32, high as f32)
                })
                .collect()
        })
        .collect()
}

pub(super) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

pub(super) fn relation_text(relation: EquivalenceRelation) -> String {
    match relation {
        EquivalenceRelation::SameClass => "predict the same class".to_string(),
        EquivalenceRelation::Within(epsilon) => format!("give scores within {epsilon}"),
        EquivalenceRelation::Margin(margin) => {
            format!("predict the same class with a margin of at least {margin}")
        }
    }
}

/// Asserts the block's requirements over the real inputs in `terms.columns`.
pub(super) fn assert_requirements(
    assertion: &EquivalenceAssertion,
    terms: &mut Terms,
    solver: &Solver,
) -> Result<(), RejectedNumeral> {
    for requirement in &assertion.requirements {
        for clause in &requirement.clauses {
            let disjuncts = clause
                .disjuncts
                .iter()
                .map(|disjunct| crate::smt::lower::inequality(&disjunct.inequality, terms))
                .collect::<Result<Vec<_>, _>>()?;
            solver.assert(crate::smt::lower::disjunction(&disjuncts));
        }
    }
    Ok(())
}

/// A model's answer at a point, for reports.
pub(super) fn output(
    task: &models::Task,
    transformed: Vec<f64>,
    evaluation: &models::Evaluation,
) -> Output {
    Output {
        class: evaluation.class.map(|class| match task {
            models::Task::Classification { labels } => labels[class].clone(),
            models::Task::Regression => class.to_string(),
        }),
        scores: evaluation.scores.iter().map(ToString::to_string).collect(),
        transformed,
    }
}

/// Whether the block's requirements hold at a float32 point and the relation fails there.
pub(super) fn reproduces(
    assertion: &EquivalenceAssertion,
    point: &[f32],
    left: &models::Evaluation,
    right: &models::Evaluation,
) -> (bool, bool) {
    let values: Vec<BigRational> = point
        .iter()
        .map(|value| float_to_rational(f64::from(*value)).expect("finite"))
        .collect();
    let requirements_hold = assertion.requirements.iter().all(|requirement| {
        requirement
            .clauses
            .iter()
            .all(|clause| clause.holds(&values))
    });
    (
        requirements_hold,
        relation_fails(assertion.relation, left, right),
    )
}

/// Reports a re-evaluated point: a counterexample when it reproduces, else E1206.
pub(super) fn report_point(
    assertion: &EquivalenceAssertion,
    point: Vec<f32>,
    (left, right): (&models::Evaluation, &models::Evaluation),
    (left_output, right_output): (Output, Output),
    influence: Vec<Influence>,
    result: &mut EquivalenceResult,
) {
    let (requirements_hold, differs) = reproduces(assertion, &point, left, right);
    let reproduced = requirements_hold && differs;
    let name = |feature: usize| {
        assertion
            .names
            .get(&feature)
            .cloned()
            .unwrap_or_else(|| format!("x_{feature}"))
    };
    let rendered_input = point
        .iter()
        .enumerate()
        .map(|(feature, value)| format!("{} = {value}", name(feature)))
        .collect::<Vec<_>>()
        .join(", ");
    let describe = |output: &Output| {
        let values = output
            .transformed
            .iter()
            .map(|value| format!("{value:.6}"))
            .collect::<Vec<_>>()
            .join(", ");
        match &output.class {
            Some(class) => format!("class {class} (scores [{values}])"),
            None => format!("[{values}]"),
        }
    };
    let mut diagnostic = if reproduced {
        Diagnostic::new(
            Code::ModelsDiffer,
            format!(
                "`{}` and `{}` do not {} on the domain",
                file_name(&assertion.left),
                file_name(&assertion.right),
                relation_text(assertion.relation)
                    .replace("predict", "always predict")
                    .replace("give", "always give")
            ),
        )
        .primary(assertion.span, format!("`{}` fails", assertion.name))
        .note(format!("at the float32 input {rendered_input}"))
        .note(format!(
            "`{}` gives {}, `{}` gives {}",
            file_name(&assertion.left),
            describe(&left_output),
            file_name(&assertion.right),
            describe(&right_output)
        ))
        .note("both models' evaluators re-ran the input and confirm the difference")
    } else {
        Diagnostic::new(
            Code::UnreproducedEquivalenceCounterexample,
            format!(
                "Z3 found inputs where `{}` fails, but the float32 point chosen from them does not reproduce it",
                assertion.name
            ),
        )
        .primary(assertion.span, "not proved")
        .note(format!("the chosen point is {rendered_input}"))
        .note(format!(
            "there `{}` gives {}, `{}` gives {}{}",
            file_name(&assertion.left),
            describe(&left_output),
            file_name(&assertion.right),
            describe(&right_output),
            if requirements_hold {
                String::new()
            } else {
                ", and the block's requirements do not hold at the float32 point".to_string()
            }
        ))
        .help("the requirements may allow real inputs but no float32 input in that cell")
    };
    if influence.iter().any(|entry| entry.push != 0.0) {
        let ranked = influence
            .iter()
            .filter(|entry| entry.push != 0.0)
            .take(5)
            .map(|entry| format!("{} tree {} ({:+.6})", entry.model, entry.tree, entry.push))
            .collect::<Vec<_>>()
            .join(", ");
        diagnostic = diagnostic.note(format!(
            "trees that differ between the models, by their push towards their own model's answer here: {ranked}"
        ));
    }
    result.diagnostics.push(diagnostic);
    result.answer = if reproduced {
        EquivalenceAnswer::Counterexample
    } else {
        EquivalenceAnswer::Unknown
    };
    result.counterexample = Some(EquivalenceCounterexample {
        input: point.iter().map(ToString::to_string).collect(),
        left: left_output,
        right: right_output,
        reproduced,
        influence,
    });
}

/// Whether the relation fails for two evaluations, exactly.
pub fn relation_fails(
    relation: EquivalenceRelation,
    left: &models::Evaluation,
    right: &models::Evaluation,
) -> bool {
    match relation {
        EquivalenceRelation::SameClass => left.class != right.class,
        EquivalenceRelation::Within(epsilon) => {
            let epsilon = finite_rational(epsilon);
            left.scores
                .iter()
                .zip(&right.scores)
                .any(|(a, b)| (a - b).abs() > epsilon)
        }
        EquivalenceRelation::Margin(margin) => {
            let margin = finite_rational(margin);
            let Some(class) = left.class else {
                return true;
            };
            if right.class != Some(class) {
                return true;
            }
            [left, right].iter().any(|evaluation| {
                evaluation.scores.iter().enumerate().any(|(other, score)| {
                    other != class && &evaluation.scores[class] - score < margin
                })
            })
        }
    }
}
