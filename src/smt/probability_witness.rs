//! Witness probability vectors for failing calibration bins: a vector that sums to 1,
//! whose predicted class is the strict argmax and whose confidence lies inside the bin
//! and above the bin's bound, found by Z3 in exact linear real arithmetic.

use super::consistency::parse_numeral;
use super::lower::numeral;
use super::{decided, timeout_milliseconds, Answer};
use num_rational::BigRational;
use std::time::{Duration, Instant};
use z3::ast::Real;
use z3::{Params, SatResult, Solver};

/// What the witness must satisfy; every bound is an exact rational.
#[derive(Clone, Debug, PartialEq)]
pub struct ProbabilityQuery {
    pub classes: usize,
    /// The class that must be the strict argmax.
    pub class: usize,
    /// The bin: lower <= p_class, and p_class < upper (or <= upper when closed).
    pub lower: BigRational,
    pub upper: BigRational,
    pub upper_closed: bool,
    /// p_class > threshold.
    pub threshold: BigRational,
}

/// Z3's answer to a witness query.
#[derive(Clone, Debug, PartialEq)]
pub enum ProbabilityWitness {
    Found(Vec<BigRational>),
    /// No probability vector satisfies the query.
    Impossible,
    Unknown,
}

impl ProbabilityWitness {
    pub fn answer(&self) -> Answer {
        match self {
            ProbabilityWitness::Found(_) => Answer::Satisfiable,
            ProbabilityWitness::Impossible => Answer::Unsatisfiable,
            ProbabilityWitness::Unknown => Answer::Unknown,
        }
    }
}

/// Asks Z3 for a probability vector satisfying the query.
pub fn probability_witness(query: &ProbabilityQuery, timeout: Duration) -> ProbabilityWitness {
    if query.class >= query.classes {
        return ProbabilityWitness::Impossible;
    }
    let (Ok(lower), Ok(upper), Ok(threshold)) = (
        numeral(&query.lower),
        numeral(&query.upper),
        numeral(&query.threshold),
    ) else {
        return ProbabilityWitness::Unknown;
    };
    let zero = Real::from_rational_str("0", "1").expect("a numeral");
    let one = Real::from_rational_str("1", "1").expect("a numeral");
    let probabilities: Vec<Real> = (0..query.classes)
        .map(|index| Real::new_const(format!("p_{index}")))
        .collect();
    let solver = Solver::new();
    let mut parameters = Params::new();
    parameters.set_u32("timeout", timeout_milliseconds(timeout));
    solver.set_params(&parameters);
    for probability in &probabilities {
        solver.assert(probability.ge(&zero));
    }
    let sum = Real::add(&probabilities);
    solver.assert(sum.eq(&one));
    let confidence = &probabilities[query.class];
    for (index, probability) in probabilities.iter().enumerate() {
        if index != query.class {
            solver.assert(confidence.gt(probability));
        }
    }
    solver.assert(confidence.ge(&lower));
    if query.upper_closed {
        solver.assert(confidence.le(&upper));
    } else {
        solver.assert(confidence.lt(&upper));
    }
    solver.assert(confidence.gt(&threshold));
    let started = Instant::now();
    match decided(solver.check(), started, timeout) {
        SatResult::Unsat => ProbabilityWitness::Impossible,
        SatResult::Unknown => ProbabilityWitness::Unknown,
        SatResult::Sat => {
            let Some(model) = solver.get_model() else {
                return ProbabilityWitness::Unknown;
            };
            let mut values = Vec::with_capacity(query.classes);
            for probability in &probabilities {
                let Some(value) = model
                    .eval(probability, true)
                    .and_then(|value| parse_numeral(&value.to_string()))
                else {
                    return ProbabilityWitness::Unknown;
                };
                values.push(value);
            }
            ProbabilityWitness::Found(values)
        }
    }
}
