//! Equivalence assertions between two ONNX ReLU networks: both networks over the same
//! real input variables (the domain's box, and the block's requirements), each ReLU whose
//! sign the box does not fix an if-then-else, identical neurons of the two networks (the
//! same weights on the same inputs, in any order) encoded once.
//!
//! The solver works in exact real arithmetic on the float32 weights. Its counterexamples
//! are real points: each is rounded to a float32 point of the domain and re-evaluated by
//! both networks' float32 evaluators; when the relation does not fail there (rounding near
//! a tie), the query is asked again with the disagreement required to exceed a growing
//! margin. `within` and `margin` are first proved with their bound tightened by a rigorous
//! float32 rounding bound of both networks, so such proofs hold for every float32
//! evaluation order; see `specs/equivalence.md`.

use super::common::{
    assert_requirements, output, proof, random_points, report_point, reproduces, sampled, vacuous,
    EquivalenceAnswer, EquivalenceResult, Progress,
};
use crate::diagnostics::{Code, Diagnostic};
use crate::models::network::{softmax, NetworkModel};
use crate::models::Transform;
use crate::number::{finite_rational, float_to_rational, rational_to_float, FloatFormat, Rounding};
use crate::smt::lower::{numeral, RejectedNumeral, Terms};
use crate::smt::{decided, timeout_milliseconds};
use crate::spec::{EquivalenceAssertion, EquivalenceRelation};
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use z3::ast::{Bool, Real};
use z3::{Params, SatResult, Solver};

/// Two networks and the domain.
pub(super) struct NetworkPair {
    pub left: NetworkModel,
    pub right: NetworkModel,
    /// Per feature: the smallest and largest float32 the domain allows (None: empty).
    pub bounds: Vec<Option<(f32, f32)>>,
}

/// A linear form over neuron ids (features first, then distinct neurons), plus a constant.
type Form = (BTreeMap<usize, BigRational>, BigRational);

/// A neuron's identity: its pre-activation form divided by a positive normaliser (so
/// `relu(c s) = c relu(s)` for `c > 0` makes rescaled neurons one), and whether a ReLU
/// follows.
type NeuronKey = (Vec<(usize, BigRational)>, BigRational, bool);

/// Both networks in Z3.
struct Encoding {
    /// Per model, the logits as linear terms.
    logits: [Vec<Real>; 2],
    /// Per model, each logit as a linear form over neuron ids.
    logit_forms: [Vec<Form>; 2],
    inputs: Vec<Real>,
    neurons: [usize; 2],
    shared: usize,
    unstable: usize,
    /// Per unstable canonical neuron: its id, its pre-activation form, and the two phase
    /// literals (active: `s >= 0` and `h = s`; inactive: `s <= 0` and `h = 0`).
    phases: Vec<(usize, Form, Bool, Bool)>,
}

fn rational(value: f64) -> BigRational {
    float_to_rational(value).unwrap_or_else(BigRational::zero)
}

/// The Z3 term of a linear form.
fn term(form: &Form, terms: &[Real]) -> Result<Real, RejectedNumeral> {
    let mut parts = Vec::with_capacity(form.0.len() + 1);
    for (id, coefficient) in &form.0 {
        parts.push(Real::mul(&[&numeral(coefficient)?, &terms[*id]]));
    }
    parts.push(numeral(&form.1)?);
    Ok(Real::add(&parts.iter().collect::<Vec<_>>()))
}

/// Encodes both networks over shared inputs, asserting the domain box and the ReLU
/// definitions. Each neuron's value is `scale * term[id]` of a canonical neuron: neurons
/// with the same normalised form, in either network, share one term.
fn encode(
    pair: &NetworkPair,
    box_bounds: &[(f64, f64)],
    solver: &Solver,
) -> Result<Encoding, RejectedNumeral> {
    let features = box_bounds.len();
    let inputs: Vec<Real> = (0..features)
        .map(|feature| Real::new_const(format!("x_{feature}")))
        .collect();
    for (input, (low, high)) in inputs.iter().zip(box_bounds) {
        solver.assert(input.ge(&numeral(&rational(*low))?));
        solver.assert(input.le(&numeral(&rational(*high))?));
    }
    let zero = numeral(&BigRational::zero())?;
    let mut terms: Vec<Real> = inputs.clone();
    let mut known: BTreeMap<NeuronKey, usize> = BTreeMap::new();
    let mut encoding = Encoding {
        logits: [Vec::new(), Vec::new()],
        logit_forms: [Vec::new(), Vec::new()],
        inputs: inputs.clone(),
        neurons: [0, 0],
        shared: 0,
        unstable: 0,
        phases: Vec::new(),
    };
    for (model, network) in [&pair.left.network, &pair.right.network]
        .into_iter()
        .enumerate()
    {
        let intervals = network.intervals(box_bounds);
        // Each value of the current layer as (canonical id, positive scale), or a constant.
        let mut values: Vec<Form> = (0..features)
            .map(|feature| {
                (
                    BTreeMap::from([(feature, BigRational::one())]),
                    BigRational::zero(),
                )
            })
            .collect();
        for (layer, sums) in network.layers.iter().zip(&intervals) {
            let mut next = Vec::with_capacity(layer.outputs);
            for (output, &(lower, upper)) in sums.iter().enumerate() {
                encoding.neurons[model] += 1;
                let row = &layer.weights[output * layer.inputs..(output + 1) * layer.inputs];
                let mut form: Form = (BTreeMap::new(), rational(layer.bias[output]));
                for (weight, value) in row.iter().zip(&values) {
                    if *weight == 0.0 {
                        continue;
                    }
                    let weight = rational(*weight);
                    for (id, coefficient) in &value.0 {
                        *form.0.entry(*id).or_insert_with(BigRational::zero) +=
                            &weight * coefficient;
                    }
                    form.1 += &weight * &value.1;
                }
                form.0.retain(|_, coefficient| !coefficient.is_zero());
                if !layer.relu {
                    next.push(form);
                    continue;
                }
                if lower >= 0.0 {
                    next.push(form);
                    continue;
                }
                if upper <= 0.0 {
                    next.push((BTreeMap::new(), BigRational::zero()));
                    continue;
                }
                let scale = form
                    .0
                    .values()
                    .next()
                    .map(|coefficient| coefficient.abs())
                    .filter(|scale| !scale.is_zero())
                    .unwrap_or_else(BigRational::one);
                let key: NeuronKey = (
                    form.0
                        .iter()
                        .map(|(id, coefficient)| (*id, coefficient / &scale))
                        .collect(),
                    &form.1 / &scale,
                    true,
                );
                let id = match known.get(&key) {
                    Some(id) => {
                        if model == 1 {
                            encoding.shared += 1;
                        }
                        *id
                    }
                    None => {
                        encoding.unstable += 1;
                        let canonical: Form = (key.0.iter().cloned().collect(), key.1.clone());
                        let sum = term(&canonical, &terms)?;
                        let activation = Real::new_const(format!("relu_{}", terms.len()));
                        solver.assert(activation.eq(sum.ge(&zero).ite(&sum, &zero)));
                        // The triangle relaxation (implied by the definition) guides the
                        // search: h >= 0, h >= s, h <= u (s - l) / (u - l).
                        solver.assert(activation.ge(&zero));
                        solver.assert(activation.ge(&sum));
                        let (l, u) = (rational(lower) / &scale, rational(upper) / &scale);
                        let slope = &u / (&u - &l);
                        let line = Real::add(&[
                            &Real::mul(&[&numeral(&slope)?, &sum]),
                            &numeral(&(-(&slope * &l)))?,
                        ]);
                        solver.assert(activation.le(&line));
                        let id = terms.len();
                        encoding.phases.push((
                            id,
                            canonical,
                            Bool::and(&[&sum.ge(&zero), &activation.eq(&sum)]),
                            Bool::and(&[&sum.le(&zero), &activation.eq(&zero)]),
                        ));
                        terms.push(activation);
                        known.insert(key, id);
                        id
                    }
                };
                next.push((BTreeMap::from([(id, scale)]), BigRational::zero()));
            }
            values = next;
        }
        encoding.logits[model] = values
            .iter()
            .map(|form| term(form, &terms))
            .collect::<Result<_, _>>()?;
        encoding.logit_forms[model] = values;
    }
    Ok(encoding)
}

impl Encoding {
    /// The phase literals of every unstable neuron at a point (exact arithmetic in f64
    /// is enough here: the pattern only proposes a linear region to search).
    fn pattern(&self, point: &[f64]) -> Vec<Bool> {
        let mut values: BTreeMap<usize, f64> = point.iter().copied().enumerate().collect();
        let mut literals = Vec::with_capacity(self.phases.len());
        for (id, form, active, inactive) in &self.phases {
            let sum = form.0.iter().fold(
                form.1.to_f64().unwrap_or(0.0),
                |sum, (input, coefficient)| {
                    sum + coefficient.to_f64().unwrap_or(0.0)
                        * values.get(input).copied().unwrap_or(0.0)
                },
            );
            values.insert(*id, sum.max(0.0));
            literals.push(if sum >= 0.0 {
                active.clone()
            } else {
                inactive.clone()
            });
        }
        literals
    }
}

/// How many random points are ranked to pick the activation patterns.
const CANDIDATE_POINTS: usize = 256;

/// How many activation patterns (linear regions) a query tries before the full search.
const PATTERNS: usize = 8;

/// Random points of the domain ordered by how close the relation is to failing there
/// (the smallest top-two logit gap of either model, or the largest logit difference).
fn promising_points(assertion: &EquivalenceAssertion, pair: &NetworkPair) -> Vec<Vec<f64>> {
    let mut scored: Vec<(f64, Vec<f64>)> = random_points(&pair.bounds, CANDIDATE_POINTS)
        .into_iter()
        .map(|point| {
            let input: Vec<f64> = point.iter().map(|value| f64::from(*value)).collect();
            let left = pair.left.network.logits(&input);
            let right = pair.right.network.logits(&input);
            let closeness = match assertion.relation {
                EquivalenceRelation::Within(epsilon) => {
                    epsilon
                        - left
                            .iter()
                            .zip(&right)
                            .map(|(a, b)| (a - b).abs())
                            .fold(0.0, f64::max)
                }
                _ => top_gap(&left).min(top_gap(&right)),
            };
            (closeness, input)
        })
        .collect();
    scored.sort_by(|a, b| a.0.total_cmp(&b.0));
    scored
        .into_iter()
        .take(PATTERNS)
        .map(|(_, point)| point)
        .collect()
}

/// The gap between the largest and second largest value.
fn top_gap(values: &[f64]) -> f64 {
    let mut sorted = values.to_vec();
    sorted.sort_by(|a, b| b.total_cmp(a));
    sorted
        .first()
        .zip(sorted.get(1))
        .map_or(f64::INFINITY, |(a, b)| a - b)
}

/// How strictly a query asks for a violation.
#[derive(Clone, Copy, Debug)]
enum Query<'a> {
    /// The relation with its bound tightened by the rounding bounds (per output, the sum
    /// of both models' bounds): unsatisfiable means it holds for every float32 evaluation.
    Tightened(&'a [f64], &'a [f64]),
    /// The relation fails in real arithmetic by more than `delta` (0: at all).
    Exact(f64),
}

/// The formula "the relation fails" for a query.
fn violation(
    relation: EquivalenceRelation,
    encoding: &Encoding,
    query: Query<'_>,
) -> Result<Bool, RejectedNumeral> {
    let outputs = encoding.logits[0].len();
    let number = |value: &BigRational| numeral(value);
    let (delta, slack) = match query {
        Query::Exact(delta) => (rational(delta), None),
        Query::Tightened(left, right) => (BigRational::zero(), Some((left, right))),
    };
    // The rounding bound of a gap between outputs a and b of one model.
    let gap_slack = |model: usize, a: usize, b: usize| -> BigRational {
        slack.map_or_else(BigRational::zero, |(left, right)| {
            let bounds = if model == 0 { left } else { right };
            rational(bounds[a] + bounds[b])
        })
    };
    let gap = |model: usize, a: usize, b: usize| -> Real {
        Real::sub(&[&encoding.logits[model][a], &encoding.logits[model][b]])
    };
    // Model m picks class c (first arg-max), by at least delta when delta > 0.
    let picks = |model: usize, class: usize| -> Result<Bool, RejectedNumeral> {
        let bound = number(&delta)?;
        let conditions: Vec<Bool> = (0..outputs)
            .filter(|other| *other != class)
            .map(|other| {
                let difference = gap(model, class, other);
                if other < class || delta > BigRational::zero() {
                    difference.gt(&bound)
                } else {
                    difference.ge(&bound)
                }
            })
            .collect();
        Ok(Bool::and(&conditions.iter().collect::<Vec<_>>()))
    };
    let different_classes = || -> Result<Bool, RejectedNumeral> {
        let mut cases = Vec::new();
        for class in 0..outputs {
            for other in (0..outputs).filter(|other| *other != class) {
                cases.push(Bool::and(&[&picks(0, class)?, &picks(1, other)?]));
            }
        }
        Ok(Bool::or(&cases.iter().collect::<Vec<_>>()))
    };
    Ok(match relation {
        EquivalenceRelation::SameClass => different_classes()?,
        EquivalenceRelation::Margin(margin) => {
            let mut cases = vec![different_classes()?];
            for class in 0..outputs {
                let mut short = Vec::new();
                for model in 0..2 {
                    for other in (0..outputs).filter(|other| *other != class) {
                        let bound =
                            finite_rational(margin) + gap_slack(model, class, other) - &delta;
                        short.push(gap(model, class, other).lt(&number(&bound)?));
                    }
                }
                let short = Bool::or(&short.iter().collect::<Vec<_>>());
                cases.push(Bool::and(&[&picks(0, class)?, &picks(1, class)?, &short]));
            }
            Bool::or(&cases.iter().collect::<Vec<_>>())
        }
        EquivalenceRelation::Within(epsilon) => {
            let mut cases = Vec::new();
            for output in 0..outputs {
                let tightening = slack.map_or_else(BigRational::zero, |(left, right)| {
                    rational(left[output] + right[output])
                });
                let bound = number(&(finite_rational(epsilon) - tightening + &delta))?;
                let difference =
                    Real::sub(&[&encoding.logits[0][output], &encoding.logits[1][output]]);
                cases.push(difference.gt(&bound));
                cases.push(difference.unary_minus().gt(&bound));
            }
            Bool::or(&cases.iter().collect::<Vec<_>>())
        }
    })
}

/// The most features whose float32 neighbours are all combined (2^n points).
const CORNER_FEATURES: usize = 10;

/// Float32 points for the solver's real point, clamped into the domain: first the
/// nearest, then the corners of the float32 cell around it (each coordinate rounded down
/// or up; with more than [`CORNER_FEATURES`] features only all-down and all-up), since a
/// disagreement region can be thinner than a float32 step and miss the nearest point.
fn float32_points(
    model: &z3::Model,
    inputs: &[Real],
    bounds: &[(f32, f32)],
) -> Option<Vec<Vec<f32>>> {
    let roundings: Vec<[f32; 3]> = inputs
        .iter()
        .zip(bounds)
        .map(|(input, (low, high))| {
            let value = model.eval(input, true)?;
            let value = crate::smt::verify::rational_of(&value.to_string())?;
            let rounded = |rounding| {
                (rational_to_float(&value, FloatFormat::F32, rounding) as f32).clamp(*low, *high)
            };
            Some([
                rounded(Rounding::NearestEven),
                rounded(Rounding::Down),
                rounded(Rounding::Up),
            ])
        })
        .collect::<Option<_>>()?;
    let nearest: Vec<f32> = roundings.iter().map(|rounded| rounded[0]).collect();
    let mut points = vec![nearest];
    if roundings.len() <= CORNER_FEATURES {
        for corner in 0..1usize << roundings.len() {
            points.push(
                roundings
                    .iter()
                    .enumerate()
                    .map(|(feature, rounded)| rounded[1 + (corner >> feature & 1)])
                    .collect(),
            );
        }
    } else {
        for side in 1..3 {
            points.push(roundings.iter().map(|rounded| rounded[side]).collect());
        }
    }
    points.dedup();
    Some(points)
}

/// Reports a float32 point: both evaluators re-run it.
fn report(
    assertion: &EquivalenceAssertion,
    pair: &NetworkPair,
    point: Vec<f32>,
    result: &mut EquivalenceResult,
) {
    let input: Vec<f64> = point.iter().map(|value| f64::from(*value)).collect();
    let left = pair.left.evaluate(&input);
    let right = pair.right.evaluate(&input);
    let shown = |model: &NetworkModel, evaluation: &crate::models::Evaluation| {
        let logits: Vec<f64> = evaluation
            .scores
            .iter()
            .map(|score| score.to_f64().unwrap_or(f64::NAN))
            .collect();
        let transformed = if model.transform == Transform::Softmax {
            softmax(&logits)
        } else {
            logits
        };
        output(&model.task, transformed, evaluation)
    };
    let outputs = (shown(&pair.left, &left), shown(&pair.right, &right));
    report_point(
        assertion,
        point,
        (&left, &right),
        outputs,
        Vec::new(),
        result,
    );
}

/// Whether a float32 point reproduces the disagreement under both float32 evaluators.
fn reproduced(assertion: &EquivalenceAssertion, pair: &NetworkPair, point: &[f32]) -> bool {
    let input: Vec<f64> = point.iter().map(|value| f64::from(*value)).collect();
    let (requirements_hold, differs) = reproduces(
        assertion,
        point,
        &pair.left.evaluate(&input),
        &pair.right.evaluate(&input),
    );
    requirements_hold && differs
}

/// The most times a query is repeated with a larger margin after its point failed to
/// reproduce in float32.
const REFINEMENTS: usize = 6;

pub(super) fn run(
    assertion: &EquivalenceAssertion,
    pair: &NetworkPair,
    sampling: bool,
    result: &mut EquivalenceResult,
    progress: Progress<'_>,
) {
    if vacuous(assertion, &pair.bounds, result) {
        return;
    }
    let bounds: Vec<(f32, f32)> = pair
        .bounds
        .iter()
        .map(|bounds| bounds.expect("nonempty domain"))
        .collect();
    let box_bounds: Vec<(f64, f64)> = bounds
        .iter()
        .map(|(low, high)| (f64::from(*low), f64::from(*high)))
        .collect();
    let left_rounding = pair.left.network.rounding_bounds(&box_bounds);
    let right_rounding = pair.right.network.rounding_bounds(&box_bounds);
    if let (Some(left), Some(right)) = (&left_rounding, &right_rounding) {
        let largest = left.iter().chain(right).copied().fold(0.0, f64::max);
        progress(&format!(
            "{}: float32 rounding changes a logit by at most {largest:.3e}",
            assertion.name
        ));
    }
    // Sampling first, before the algebra: a float32 disagreement it finds is real in
    // float32 even when the networks agree in exact arithmetic (rounding).
    let evaluate = |input: &[f64]| (pair.left.evaluate(input), pair.right.evaluate(input));
    if let Some(point) = sampled(assertion, &pair.bounds, sampling, progress, evaluate) {
        result.found_by = Some("sampling");
        report(assertion, pair, point, result);
        return;
    }
    progress(&format!("{}: encoding", assertion.name));
    let timeout = Duration::from_secs_f64(assertion.timeout_seconds);
    let started = Instant::now();
    let solver = Solver::new();
    let undecided = |result: &mut EquivalenceResult, text: String| {
        result.answer = EquivalenceAnswer::Unknown;
        result.diagnostics.push(
            Diagnostic::new(Code::EquivalenceUndecided, text)
                .primary(assertion.span, "neither proved nor refuted")
                .note("an answer arriving after the time limit counts as undecided")
                .help("raise `timeout` in the block"),
        );
    };
    let encoded = encode(pair, &box_bounds, &solver).and_then(|encoding| {
        if !assertion.requirements.is_empty() {
            let mut terms = Terms::default();
            for (feature, input) in encoding.inputs.iter().enumerate() {
                terms.columns.insert(feature, input.clone());
            }
            assert_requirements(assertion, &mut terms, &solver)?;
        }
        Ok(encoding)
    });
    let timed_out = |result: &mut EquivalenceResult| {
        undecided(
            result,
            format!(
                "could not decide `{}` within {} s",
                assertion.name, assertion.timeout_seconds
            ),
        );
    };
    let rejected = |result: &mut EquivalenceResult, RejectedNumeral(text)| {
        undecided(
            result,
            format!(
                "Z3 rejected the numeral {text}, so `{}` was not checked",
                assertion.name
            ),
        );
    };
    let encoding = match encoded {
        Ok(encoding) => encoding,
        Err(error) => return rejected(result, error),
    };
    result.left_neurons = Some(encoding.neurons[0]);
    result.right_neurons = Some(encoding.neurons[1]);
    result.shared_neurons = Some(encoding.shared);
    result.unstable_neurons = Some(encoding.unstable);
    let proved = |result: &mut EquivalenceResult, rounding: &'static str, note: String| {
        result.answer = EquivalenceAnswer::Proved;
        result.rounding = Some(rounding);
        result
            .diagnostics
            .push(proof(assertion, "on every input of the domain").note(note));
    };
    let largest_rounding = match (&left_rounding, &right_rounding) {
        (Some(left), Some(right)) => Some(left.iter().chain(right).copied().fold(0.0, f64::max)),
        _ => None,
    };
    let real_note = |by: &str| {
        match (largest_rounding, assertion.relation) {
        (Some(largest), EquivalenceRelation::Within(_)) => format!(
            "{by} in exact arithmetic on the networks' float32 weights; float32 evaluation changes each output by at most {largest:.3e}, so in float32 the outputs can differ by up to twice that more"
        ),
        (Some(largest), _) => format!(
            "{by} in exact arithmetic on the networks' float32 weights; float32 evaluation changes each logit by at most {largest:.3e}, so in float32 the models can only disagree where a model's two largest logits are that close"
        ),
        (None, _) => format!(
            "{by} in exact arithmetic on the networks' float32 weights; float32 evaluation can overflow on this domain, so nothing is claimed for it"
        ),
    }
    };
    // Algebra first: the same neurons give the same logits.
    let identical = encoding.logit_forms[0] == encoding.logit_forms[1];
    if identical
        && assertion.requirements.is_empty()
        && matches!(
            assertion.relation,
            EquivalenceRelation::SameClass | EquivalenceRelation::Within(_)
        )
    {
        result.found_by = Some("algebra");
        let within_rounding = match (assertion.relation, &left_rounding, &right_rounding) {
            (EquivalenceRelation::Within(epsilon), Some(left), Some(right)) => {
                left.iter().zip(right).all(|(a, b)| a + b <= epsilon)
            }
            _ => false,
        };
        let by = "every logit is the same combination of the same neurons (up to their order and positive rescaling), so the networks compute the same function";
        if within_rounding {
            proved(
                result,
                "float32",
                format!("{by}, and the float32 rounding bounds of both networks' outputs add up to less than the bound, so it holds for every float32 evaluation order"),
            );
        } else {
            proved(result, "real", real_note(by));
        }
        return;
    }
    let mut queries = Vec::new();
    if let (Some(left), Some(right)) = (&left_rounding, &right_rounding) {
        if !matches!(assertion.relation, EquivalenceRelation::SameClass) {
            queries.push(Query::Tightened(left, right));
        }
    }
    queries.push(Query::Exact(0.0));
    let base = match (&left_rounding, &right_rounding) {
        (Some(left), Some(right)) => {
            left.iter()
                .chain(right)
                .copied()
                .fold(0.0, f64::max)
                .max(1e-9)
                * 4.0
        }
        _ => 1e-6,
    };
    for refinement in 0..REFINEMENTS {
        queries.push(Query::Exact(base * 10f64.powi(refinement as i32)));
    }
    let patterns = promising_points(assertion, pair);
    let mut last_point = None;
    for query in queries {
        let remaining = timeout.saturating_sub(started.elapsed());
        if remaining.is_zero() {
            break;
        }
        let formula = match violation(assertion.relation, &encoding, query) {
            Ok(formula) => formula,
            Err(error) => return rejected(result, error),
        };
        progress(&format!(
            "{}: solving ({} + {} neurons, {} shared, {} unstable ReLUs){}",
            assertion.name,
            encoding.neurons[0],
            encoding.neurons[1],
            encoding.shared,
            encoding.unstable,
            match query {
                Query::Tightened(..) => " with float32 rounding bounds".to_string(),
                Query::Exact(delta) if delta > 0.0 => format!(", by more than {delta:.3e}"),
                Query::Exact(_) => String::new(),
            }
        ));
        let mut parameters = Params::new();
        parameters.set_u32("timeout", timeout_milliseconds(remaining));
        solver.set_params(&parameters);
        solver.push();
        solver.assert(&formula);
        // Linear regions around promising points first: with every ReLU's phase fixed
        // the query is a linear program, and a solution is a real counterexample.
        let mut answer = SatResult::Unknown;
        for point in &patterns {
            let literals = encoding.pattern(point);
            if decided(solver.check_assumptions(&literals), started, timeout) == SatResult::Sat {
                answer = SatResult::Sat;
                break;
            }
        }
        if answer != SatResult::Sat {
            answer = decided(solver.check(), started, timeout);
        }
        let points = if answer == SatResult::Sat {
            solver
                .get_model()
                .and_then(|model| float32_points(&model, &encoding.inputs, &bounds))
        } else {
            None
        };
        solver.pop(1);
        match (answer, query) {
            (SatResult::Unsat, Query::Tightened(..)) => {
                proved(
                    result,
                    "float32",
                    "proved with the bound tightened by a rigorous bound on the float32 rounding of both networks' logits, so it holds for every float32 evaluation order".to_string(),
                );
                return;
            }
            (SatResult::Unsat, Query::Exact(0.0)) => {
                proved(result, "real", real_note("proved"));
                return;
            }
            (SatResult::Unsat, Query::Exact(delta)) => {
                // Every real disagreement is within delta of agreeing: none of the
                // points tried reproduced in float32, and larger margins find no more.
                result.found_by = Some("solver");
                let note = format!(
                    "in exact arithmetic the models disagree only where the relation fails by less than {delta:.3e}, and no float32 point tried there reproduces it"
                );
                finish_unreproduced(assertion, pair, last_point, note, result);
                return;
            }
            (SatResult::Unknown, _) => {
                return timed_out(result);
            }
            (SatResult::Sat, _) => {
                let Some(points) = points else {
                    continue;
                };
                if let Some(point) = points
                    .iter()
                    .find(|point| reproduced(assertion, pair, point))
                {
                    result.found_by = Some("solver");
                    report(assertion, pair, point.clone(), result);
                    return;
                }
                last_point = points.into_iter().next();
            }
        }
    }
    result.found_by = Some("solver");
    let note = format!(
        "Z3 found real inputs where the relation fails, but after {REFINEMENTS} larger margins no float32 point near them reproduces it"
    );
    if started.elapsed() >= timeout && last_point.is_none() {
        return timed_out(result);
    }
    finish_unreproduced(assertion, pair, last_point, note, result);
}

/// Reports that the solver's disagreements do not reproduce in float32 (E1206, unknown).
fn finish_unreproduced(
    assertion: &EquivalenceAssertion,
    pair: &NetworkPair,
    point: Option<Vec<f32>>,
    note: String,
    result: &mut EquivalenceResult,
) {
    match point {
        Some(point) => {
            report(assertion, pair, point, result);
            if let Some(diagnostic) = result.diagnostics.pop() {
                result.diagnostics.push(diagnostic.note(note));
            }
        }
        None => {
            result.answer = EquivalenceAnswer::Unknown;
            result.diagnostics.push(
                Diagnostic::new(
                    Code::UnreproducedEquivalenceCounterexample,
                    format!(
                        "`{}` is neither proved nor refuted in float32",
                        assertion.name
                    ),
                )
                .primary(assertion.span, "not proved")
                .note(note),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::trees::next_up;

    #[test]
    fn real_points_give_the_nearest_float32_and_the_cell_corners() {
        // The solver's point strictly between t and nextUp(t): the nearest float32 may
        // miss a disagreement that holds on [t, nextUp(t)), so both corners are offered.
        let t = 0.1f32;
        let up = next_up(t);
        let middle = (rational(f64::from(t)) + rational(f64::from(up)))
            / BigRational::from_integer(2.into());
        let x = Real::new_const("x_0");
        let y = Real::new_const("x_1");
        let solver = Solver::new();
        solver.assert(x.eq(numeral(&middle).expect("a numeral")));
        solver.assert(y.eq(numeral(&rational(2.0)).expect("a numeral")));
        assert_eq!(solver.check(), SatResult::Sat);
        let model = solver.get_model().expect("a model");
        let points =
            float32_points(&model, &[x, y], &[(0.0, 1.0), (0.0, 1.5)]).expect("float32 points");
        // Ties go to the even significand; y is clamped into its domain.
        let even = if t.to_bits().is_multiple_of(2) { t } else { up };
        assert_eq!(points[0], vec![even, 1.5]);
        assert!(points.contains(&vec![t, 1.5]) && points.contains(&vec![up, 1.5]));
        assert!(points.iter().all(|point| point[1] == 1.5));
    }
}
