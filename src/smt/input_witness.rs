//! Witness inputs for failing calibration bins: an input inside the declared box whose
//! top-class confidence, under the ONNX network itself, lies in the bin and above its
//! bound. The network is encoded exactly in linear real arithmetic (ReLU as
//! if-then-else, bounds from interval propagation); the confidence conditions become
//! linear conditions on the logit differences d_j = z_k - z_j:
//!
//! * sufficient: every d_j >= ln((K-1) t / (1-t)) gives conf >= t, and mean d_j <=
//!   ln((K-1) h / (1-h)) gives conf <= h (Jensen);
//! * necessary: conf >= t needs every d_j >= ln(t / (1-t)), and conf <= h needs some
//!   d_j <= ln((K-1) h / (1-h)).
//!
//! Every candidate (from the projected-gradient search or from Z3) is settled by
//! [`crate::certificate`]: rounded to the model's precision, certified in
//! exact rational arithmetic against the sufficient conditions, validated in floating
//! point, and otherwise moved to the deepest point of its activation region and tried
//! again. When even the necessary conditions (rounded outward) are unsatisfiable, the
//! bin is unreachable from the box.

use super::lower::numeral;
use super::{decided, timeout_milliseconds};
use crate::certificate::{Certificate, Precision, Problem, Settled, Target};
use crate::models::network::Network;
use crate::number::{finite_rational, float_to_rational};
use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};
use std::time::{Duration, Instant};
use z3::ast::{Bool, Real};
use z3::{Params, SatResult, Solver};

/// What the witness input must satisfy.
#[derive(Clone, Debug)]
pub struct InputQuery<'a> {
    pub network: &'a Network,
    pub input_box: (f64, f64),
    pub class: usize,
    /// The bin: lower <= conf, and conf < upper (or <= upper when closed).
    pub lower: BigRational,
    pub upper: BigRational,
    pub upper_closed: bool,
    /// conf > threshold.
    pub threshold: BigRational,
    /// The limit of each solver query.
    pub timeout: Duration,
}

/// The answer to an input query.
#[derive(Clone, Debug, PartialEq)]
pub enum InputWitness {
    /// An input certified exactly and validated in floating point.
    Found {
        input: Vec<f64>,
        /// The probabilities in the model's precision.
        probabilities: Vec<f64>,
        /// How many region linear programs moved the candidate before certification.
        refinements: usize,
        /// Where the candidate came from: `search` or `solver`, then `+region-lp` when a
        /// region linear program moved it, then `+exact-certificate`.
        method: String,
        certificate: Certificate,
        /// The precision of the floating-point validation (besides f64).
        precision: Precision,
        /// Seconds spent in exact certification, over all candidates.
        certification_seconds: f64,
    },
    /// The necessary conditions are unsatisfiable: no input in the box reaches the bin.
    Unreachable,
    /// Neither found nor refuted (the reason says why).
    Undecided(String),
}

/// The most times the margins grow after a candidate fails validation.
const MAXIMUM_REFINEMENTS: usize = 6;

/// ln(x) rounded outward by a relative and absolute margin, as an exact rational.
fn logarithm_bound(value: f64, upward: bool) -> Option<BigRational> {
    let logarithm = value.ln();
    if !logarithm.is_finite() {
        return None;
    }
    let slack = 1e-12 * (1.0 + logarithm.abs());
    float_to_rational(if upward {
        logarithm + slack
    } else {
        logarithm - slack
    })
}

/// The network in Z3: input constants, and the logits as linear terms.
struct Encoding {
    inputs: Vec<Real>,
    logits: Vec<Real>,
    /// The box and the valid relaxation of every unstable ReLU (always asserted).
    constraints: Vec<Bool>,
    /// The exact if-then-else definition of every unstable ReLU.
    exact: Vec<Bool>,
    /// Per unstable ReLU: its layer, its neuron, and the linear form of each phase.
    unstable: Vec<(usize, usize, Bool, Bool)>,
}

fn encode(network: &Network, input_box: (f64, f64)) -> Option<Encoding> {
    let (low, high) = input_box;
    let low_exact = numeral(&finite_rational(low)).ok()?;
    let high_exact = numeral(&finite_rational(high)).ok()?;
    let zero = numeral(&BigRational::zero()).ok()?;
    let inputs: Vec<Real> = (0..network.inputs())
        .map(|index| Real::new_const(format!("x_{index}")))
        .collect();
    let mut constraints = Vec::new();
    for input in &inputs {
        constraints.push(input.ge(&low_exact));
        constraints.push(input.le(&high_exact));
    }
    let mut values = inputs.clone();
    let mut definitions = Vec::new();
    let mut unstable = Vec::new();
    let mut bounds: Vec<(f64, f64)> = vec![(low, high); network.inputs()];
    for (layer_index, layer) in network.layers.iter().enumerate() {
        let mut next = Vec::with_capacity(layer.outputs);
        let mut next_bounds = Vec::with_capacity(layer.outputs);
        for output in 0..layer.outputs {
            let row = &layer.weights[output * layer.inputs..(output + 1) * layer.inputs];
            let mut terms = Vec::with_capacity(layer.inputs + 1);
            // Interval propagation in f64, widened by far more than its rounding error.
            let (mut lower, mut upper, mut magnitude) = (
                layer.bias[output],
                layer.bias[output],
                layer.bias[output].abs(),
            );
            for ((weight, value), (value_low, value_high)) in row.iter().zip(&values).zip(&bounds) {
                if *weight == 0.0 {
                    continue;
                }
                terms.push(Real::mul(&[
                    &numeral(&finite_rational(*weight)).ok()?,
                    value,
                ]));
                let (a, b) = (weight * value_low, weight * value_high);
                lower += a.min(b);
                upper += a.max(b);
                magnitude += a.abs().max(b.abs());
            }
            let slack = 1e-9 * magnitude + 1e-12;
            let (lower, upper) = (lower - slack, upper + slack);
            terms.push(numeral(&finite_rational(layer.bias[output])).ok()?);
            let sum = Real::add(&terms.iter().collect::<Vec<_>>());
            if !layer.relu {
                next.push(sum);
                next_bounds.push((lower, upper));
            } else if upper <= 0.0 {
                next.push(zero.clone());
                next_bounds.push((0.0, 0.0));
            } else if lower >= 0.0 {
                next.push(sum);
                next_bounds.push((lower, upper));
            } else {
                let activation = Real::new_const(format!("h_{layer_index}_{output}"));
                let condition = sum.ge(&zero);
                definitions.push(activation.eq(condition.ite(&sum, &zero)));
                unstable.push((
                    layer_index,
                    output,
                    Bool::and(&[&condition, &activation.eq(&sum)]),
                    Bool::and(&[&sum.le(&zero), &activation.eq(&zero)]),
                ));
                constraints.push(activation.ge(&zero));
                constraints.push(activation.ge(&sum));
                // The triangle relaxation, exact in rationals: h <= u (a - l) / (u - l).
                let (l, u) = (finite_rational(lower), finite_rational(upper));
                let slope = &u / (&u - &l);
                let line = Real::add(&[
                    &Real::mul(&[&numeral(&slope).ok()?, &sum]),
                    &numeral(&(-(&slope * &l))).ok()?,
                ]);
                constraints.push(activation.le(&line));
                next.push(activation);
                next_bounds.push((0.0, upper));
            }
        }
        values = next;
        bounds = next_bounds;
    }
    Some(Encoding {
        inputs,
        logits: values,
        constraints,
        exact: definitions,
        unstable,
    })
}

/// What a search under some conditions found.
enum Search {
    /// An input satisfying the conditions on the exact network (real arithmetic).
    Candidate(Vec<f64>),
    /// The conditions are unsatisfiable on the exact network.
    Infeasible,
    Unknown,
}

/// The most activation patterns tried before the exact if-then-else query.
const PATTERN_ATTEMPTS: usize = 8;

/// Solves conditions on the network: first the relaxation (its unsatisfiability proves
/// infeasibility), then the linear problems of the activation patterns that the f64
/// network has at the candidates (exact on their regions), then the exact encoding.
fn search(
    solver: &Solver,
    encoding: &Encoding,
    exact_guard: &Bool,
    network: &Network,
    conditions: &[Bool],
    query: &InputQuery<'_>,
    exact_fallback: bool,
) -> Search {
    let candidate = |solver: &Solver| -> Option<Vec<f64>> {
        let model = solver.get_model()?;
        encoding
            .inputs
            .iter()
            .map(|input| {
                let value = model.eval(input, true)?;
                super::consistency::parse_numeral(&value.to_string())?.to_f64()
            })
            .collect()
    };
    let ask = |assumptions: &[Bool]| {
        let started = Instant::now();
        decided(
            solver.check_assumptions(assumptions),
            started,
            query.timeout,
        )
    };
    let mut point = match ask(conditions) {
        SatResult::Unsat => return Search::Infeasible,
        SatResult::Unknown => return Search::Unknown,
        SatResult::Sat => match candidate(solver) {
            Some(point) => point,
            None => return Search::Unknown,
        },
    };
    for _ in 0..PATTERN_ATTEMPTS {
        let activations = network.pre_activations(&point);
        let mut assumptions = conditions.to_vec();
        for (layer, neuron, active, inactive) in &encoding.unstable {
            assumptions.push(if activations[*layer][*neuron] >= 0.0 {
                active.clone()
            } else {
                inactive.clone()
            });
        }
        match ask(&assumptions) {
            SatResult::Sat => match candidate(solver) {
                Some(found) if found == point => return Search::Candidate(found),
                Some(found) => {
                    // Exact under the pattern: a real solution of the network.
                    if validate_pattern(network, &found, &activations) {
                        return Search::Candidate(found);
                    }
                    point = found;
                }
                None => return Search::Unknown,
            },
            SatResult::Unknown => return Search::Unknown,
            SatResult::Unsat => break,
        }
    }
    if !exact_fallback {
        return Search::Unknown;
    }
    let mut assumptions = conditions.to_vec();
    assumptions.push(exact_guard.clone());
    match ask(&assumptions) {
        SatResult::Unsat => Search::Infeasible,
        SatResult::Unknown => Search::Unknown,
        SatResult::Sat => candidate(solver).map_or(Search::Unknown, Search::Candidate),
    }
}

/// Whether the point's f64 activation pattern is the given one (up to ties at zero).
fn validate_pattern(network: &Network, point: &[f64], pattern: &[Vec<f64>]) -> bool {
    let activations = network.pre_activations(point);
    activations.iter().zip(pattern).all(|(layer, expected)| {
        layer
            .iter()
            .zip(expected)
            .all(|(value, wanted)| (*value >= 0.0) == (*wanted >= 0.0) || value.abs() < 1e-12)
    })
}

/// Searches for an input of the network reaching the bin above its bound.
pub fn input_witness(query: &InputQuery<'_>) -> InputWitness {
    let network = query.network;
    let classes = network.outputs();
    if query.class >= classes || classes < 2 {
        return InputWitness::Undecided("the class is not an output of the network".into());
    }
    let (Some(lower), Some(upper), Some(threshold)) = (
        query.lower.to_f64(),
        query.upper.to_f64(),
        query.threshold.to_f64(),
    ) else {
        return InputWitness::Undecided("the bounds are not finite".into());
    };
    // The confidence must lie in [t, h]: t = max(lower, threshold), h = upper.
    let t = lower.max(threshold);
    let h = upper;
    if t >= h && !(t == h && query.upper_closed && query.threshold < query.upper) {
        return InputWitness::Unreachable;
    }
    let target = Target {
        class: query.class,
        lower: query.lower.clone(),
        upper: query.upper.clone(),
        upper_closed: query.upper_closed,
        threshold: query.threshold.clone(),
    };
    let Some(problem) = Problem::new(network, target, query.input_box) else {
        return InputWitness::Undecided(
            "the bin leaves no open interval of confidences above the bound, so no exact certificate can place the real-valued confidence in it".into(),
        );
    };
    let found = |settled: Settled, source: &str| {
        let region = if settled.region_steps > 0 {
            "+region-lp"
        } else {
            ""
        };
        InputWitness::Found {
            input: settled.input,
            probabilities: settled.probabilities,
            refinements: settled.region_steps,
            method: format!("{source}{region}+exact-certificate"),
            certificate: settled.certificate,
            precision: problem.precision,
            certification_seconds: problem.certification.get().as_secs_f64(),
        }
    };
    // First, points where the f64 network itself puts the confidence inside the bin
    // (from projected gradient steps on this same network), settled exactly.
    let mut last_reason = String::new();
    for seed in seeds(network, query, t, h) {
        match problem.settle(&seed) {
            Ok(settled) => return found(settled, "search"),
            Err(reason) => last_reason = reason,
        }
    }
    let Some(encoding) = encode(network, query.input_box) else {
        return InputWitness::Undecided("Z3 rejected a numeral of the network".into());
    };
    let k = query.class;
    let differences: Vec<(usize, Real)> = (0..classes)
        .filter(|&j| j != k)
        .map(|j| (j, Real::sub(&[&encoding.logits[k], &encoding.logits[j]])))
        .collect();
    let count = (classes - 1) as f64;
    let solver = Solver::new();
    let mut parameters = Params::new();
    parameters.set_u32("timeout", timeout_milliseconds(query.timeout));
    solver.set_params(&parameters);
    for constraint in &encoding.constraints {
        solver.assert(constraint);
    }
    let exact_guard = Bool::new_const("exact_network");
    if !encoding.exact.is_empty() {
        let definitions: Vec<&Bool> = encoding.exact.iter().collect();
        solver.assert(exact_guard.implies(Bool::and(&definitions)));
    }
    let search = |conditions: &[Bool], exact_fallback: bool| {
        search(
            &solver,
            &encoding,
            &exact_guard,
            network,
            conditions,
            query,
            exact_fallback,
        )
    };
    // Sufficient conditions, with margins that grow when a candidate is not settled.
    let mut margin: f64 = 1e-6;
    for _ in 0..=MAXIMUM_REFINEMENTS {
        // Aim strictly inside [t, h] by a relative margin in probability.
        let target_low = t + (h - t) * margin.min(0.25);
        let target_high = h - (h - t) * margin.min(0.25);
        let mut conditions = Vec::new();
        let low_bound = if target_low <= 0.0 {
            Some(BigRational::zero())
        } else {
            logarithm_bound(count * target_low / (1.0 - target_low), true)
        };
        let Some(low_bound) = low_bound else {
            return InputWitness::Unreachable;
        };
        let low_bound = if low_bound < BigRational::zero() {
            BigRational::zero()
        } else {
            low_bound
        } + finite_rational(margin);
        let Ok(low_numeral) = numeral(&low_bound) else {
            return InputWitness::Undecided("Z3 rejected a numeral".into());
        };
        for (_, difference) in &differences {
            conditions.push(difference.ge(&low_numeral));
        }
        if target_high < 1.0 {
            if let Some(high_bound) =
                logarithm_bound(count * target_high / (1.0 - target_high), false)
            {
                let scaled = high_bound * BigRational::from_integer((classes - 1).into());
                let total = Real::add(&differences.iter().map(|(_, d)| d).collect::<Vec<_>>());
                if let Ok(limit) = numeral(&(scaled - finite_rational(margin))) {
                    conditions.push(total.le(&limit));
                }
            }
        }
        match search(&conditions, false) {
            Search::Candidate(input) => match problem.settle(&input) {
                Ok(settled) => return found(settled, "solver"),
                Err(reason) => {
                    last_reason = reason;
                    margin *= 10.0;
                }
            },
            Search::Unknown => {
                last_reason =
                    "no activation pattern tried satisfies the sufficient conditions".into();
                break;
            }
            Search::Infeasible => break,
        }
    }
    // Necessary conditions, rounded outward, with slack for floating-point evaluation.
    let slack = finite_rational(1e-6);
    let mut necessary = Vec::new();
    let zero = numeral(&BigRational::zero()).expect("zero");
    if t > 0.0 {
        let Some(bound) = logarithm_bound(t / (1.0 - t), false) else {
            return InputWitness::Unreachable;
        };
        let Ok(bound) = numeral(&(bound - &slack)) else {
            return InputWitness::Undecided("Z3 rejected a numeral".into());
        };
        for (_, difference) in &differences {
            necessary.push(difference.ge(&bound));
        }
    }
    for (j, difference) in &differences {
        // The prediction is the first argmax: it beats earlier classes strictly.
        necessary.push(if *j < k {
            difference.gt(&zero)
        } else {
            difference.ge(&zero)
        });
    }
    if h < 1.0 {
        if let Some(bound) = logarithm_bound(count * h / (1.0 - h), true) {
            if let Ok(bound) = numeral(&(bound + &slack)) {
                let some: Vec<Bool> = differences.iter().map(|(_, d)| d.le(&bound)).collect();
                necessary.push(Bool::or(&some.iter().collect::<Vec<_>>()));
            }
        }
    }
    match search(&necessary, true) {
        Search::Infeasible => InputWitness::Unreachable,
        Search::Unknown => InputWitness::Undecided(if last_reason.is_empty() {
            "the solver ran out of time".into()
        } else {
            last_reason
        }),
        Search::Candidate(input) => match problem.settle(&input) {
            Ok(settled) => found(settled, "solver"),
            Err(reason) => InputWitness::Undecided(if last_reason.is_empty() {
                format!("the necessary conditions are satisfiable but {reason}")
            } else {
                last_reason
            }),
        },
    }
}

/// Points of the box where the f64 network puts the confidence of the class strictly
/// inside (t, h): projected, normalised gradient steps on log p_k from the box centre
/// and seven fixed pseudo-random starts. They only propose candidates and activation
/// regions; a witness is reported only once settled (certified exactly, validated).
fn seeds(network: &Network, query: &InputQuery<'_>, t: f64, h: f64) -> Vec<Vec<f64>> {
    let (low, high) = query.input_box;
    let inputs = network.inputs();
    let target_low = t + (h - t) * 0.25;
    let target_high = if h >= 1.0 { 2.0 } else { h - (h - t) * 0.25 };
    let mut state = 0x853C_49E6_748F_EA9Bu64;
    let mut random = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut found = Vec::new();
    for start in 0..8 {
        let mut point: Vec<f64> = (0..inputs)
            .map(|_| {
                if start == 0 {
                    (low + high) / 2.0
                } else {
                    low + (high - low) * random()
                }
            })
            .collect();
        let mut step = (high - low) * 0.5;
        for _ in 0..400 {
            let (log_probability, gradient) = network.log_probability_gradient(&point, query.class);
            let confidence = log_probability.exp();
            let probabilities = network.probabilities(&point);
            let first_best = probabilities
                .iter()
                .enumerate()
                .fold(0, |best, (index, value)| {
                    if *value > probabilities[best] {
                        index
                    } else {
                        best
                    }
                });
            if confidence > target_low && confidence < target_high && first_best == query.class {
                found.push(point);
                break;
            }
            let norm = gradient.iter().map(|g| g * g).sum::<f64>().sqrt();
            if norm == 0.0 || !norm.is_finite() {
                break;
            }
            let direction = if confidence >= target_high { -1.0 } else { 1.0 };
            for (value, g) in point.iter_mut().zip(&gradient) {
                *value = (*value + direction * step * g / norm).clamp(low, high);
            }
            step *= 0.99;
        }
        if found.len() >= 3 {
            break;
        }
    }
    found
}
