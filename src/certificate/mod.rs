//! Exact certificates for witness inputs: the network evaluated in exact rational
//! arithmetic at a float input, and the linear sufficient conditions on the logit
//! differences d_j = z_k - z_j checked against rational bounds on the logarithms.
//!
//! A certificate proves that the real-valued network (the weights' exact values, ReLU
//! exact) puts the class's softmax confidence in the bin and above the bound at the
//! input:
//!
//! * every d_j >= `low` > ln((K-1) t / (1-t)) gives conf > t (and d_j > 0 makes the
//!   class the strict argmax);
//! * mean d_j <= `high` < ln((K-1) h / (1-h)) gives conf < h, by Jensen's inequality
//!   (sum_j e^(-d_j) >= (K-1) e^(-mean d_j)).
//!
//! The logarithms are irrational, so `low` and `high` come from the atanh series with a
//! rigorous remainder bound, rounded outward on a 2^-64 grid. The certificate also
//! demands that no pre-activation is exactly zero (the input is inside its activation
//! region) and, for float32 models, that the input is a float32 value (the point the
//! model will actually be given). The floating-point evaluations in the model's dtype
//! are a separate validation ([`validate`]).

pub mod region;

use crate::models::network::Network;
use crate::number::float_to_rational;
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// The floating-point format in which the model computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Precision {
    Float32,
    Float64,
}

impl Precision {
    /// Float32 when every weight and bias is a float32 value (what ONNX float tensors
    /// hold); float64 otherwise.
    pub fn of(network: &Network) -> Precision {
        let float32 = network.layers.iter().all(|layer| {
            layer
                .weights
                .iter()
                .chain(&layer.bias)
                .all(|value| f64::from(*value as f32) == *value)
        });
        if float32 {
            Precision::Float32
        } else {
            Precision::Float64
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Precision::Float32 => "float32",
            Precision::Float64 => "float64",
        }
    }
}

/// What the witness's confidence must satisfy, exactly: lower <= conf, conf < upper (or
/// <= upper when closed), conf > threshold, the class the first argmax.
#[derive(Clone, Debug, PartialEq)]
pub struct Target {
    pub class: usize,
    pub lower: BigRational,
    pub upper: BigRational,
    pub upper_closed: bool,
    pub threshold: BigRational,
}

impl Target {
    /// Whether a confidence (an exact rational) lies in the bin above the bound.
    pub fn admits(&self, confidence: &BigRational) -> bool {
        confidence >= &self.lower
            && if self.upper_closed {
                confidence <= &self.upper
            } else {
                confidence < &self.upper
            }
            && confidence > &self.threshold
    }
}

/// The linear sufficient conditions on the logit differences, with rational bounds.
#[derive(Clone, Debug, PartialEq)]
pub struct Conditions {
    pub classes: usize,
    pub class: usize,
    /// Every d_j >= low (and > 0).
    pub low: BigRational,
    /// The mean of the d_j <= high, when the bin's upper edge is below 1.
    pub high: Option<BigRational>,
}

impl Conditions {
    /// The conditions for a target; `None` when no confidence can satisfy it
    /// (t = max(lower, threshold) >= 1, or t >= h).
    pub fn new(classes: usize, target: &Target) -> Option<Conditions> {
        if classes < 2 || target.class >= classes {
            return None;
        }
        let one = BigRational::one();
        let t = if target.lower > target.threshold {
            target.lower.clone()
        } else {
            target.threshold.clone()
        };
        let h = &target.upper;
        if t >= one || &t >= h || !h.is_positive() {
            return None;
        }
        let others = BigRational::from_integer(BigInt::from(classes - 1));
        let low = if t.is_positive() {
            logarithm_bounds(&(&others * &t / (&one - &t))).1
        } else {
            // Any d_j > 0 already gives conf > 0 >= t.
            BigRational::zero()
        };
        let high = (h < &one).then(|| logarithm_bounds(&(&others * h / (&one - h))).0);
        Some(Conditions {
            classes,
            class: target.class,
            low,
            high,
        })
    }
}

/// Why a candidate is not certified.
#[derive(Clone, Debug, PartialEq)]
pub enum Rejection {
    /// A value is outside the box, or not finite.
    OutsideBox(usize),
    /// A value is not a float32 although the model computes in float32.
    NotInModelPrecision(usize),
    /// A pre-activation is exactly zero: the input is on a ReLU boundary.
    OnReluBoundary { layer: usize, neuron: usize },
    /// d_j is below the lower bound (or not positive).
    DifferenceTooSmall(usize),
    /// The mean logit difference is above the upper bound.
    MeanTooLarge,
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Rejection::OutsideBox(index) => write!(formatter, "input {index} is outside the box"),
            Rejection::NotInModelPrecision(index) => {
                write!(formatter, "input {index} is not a float32 value")
            }
            Rejection::OnReluBoundary { layer, neuron } => write!(
                formatter,
                "the pre-activation of neuron {neuron} in layer {layer} is exactly zero"
            ),
            Rejection::DifferenceTooSmall(class) => write!(
                formatter,
                "the logit difference to class {class} is below its exact bound"
            ),
            Rejection::MeanTooLarge => {
                write!(
                    formatter,
                    "the mean logit difference is above its exact bound"
                )
            }
        }
    }
}

/// What an exact certificate establishes, with its margins (rounded for reading).
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Certificate {
    /// The rational bound every d_j reaches, as `p/q` or a decimal.
    pub low: String,
    /// The rational bound the mean d_j stays under, when there is one.
    pub high: Option<String>,
    /// min_j d_j - low, exactly computed, rounded to f64.
    pub difference_margin: f64,
    /// high - mean d_j, exactly computed, rounded to f64 (none without `high`).
    pub mean_margin: Option<f64>,
    /// The smallest |pre-activation| of a ReLU, exactly computed, rounded to f64 (none
    /// without ReLUs).
    pub activation_margin: Option<f64>,
    /// The exact logits rounded to f64.
    pub logits: Vec<f64>,
}

/// A number m 2^e with an integer m: the values of a float network at a float input.
#[derive(Clone, Debug, PartialEq)]
struct Dyadic {
    mantissa: BigInt,
    exponent: i64,
}

impl Dyadic {
    fn zero() -> Dyadic {
        Dyadic {
            mantissa: BigInt::zero(),
            exponent: 0,
        }
    }

    fn of(value: f64) -> Option<Dyadic> {
        let (mantissa, exponent) = crate::number::float_parts(value)?;
        Some(Dyadic { mantissa, exponent })
    }

    fn times(&self, other: &Dyadic) -> Dyadic {
        Dyadic {
            mantissa: &self.mantissa * &other.mantissa,
            exponent: self.exponent + other.exponent,
        }
    }

    /// The exact sum of the terms, aligned to their smallest exponent.
    fn sum(terms: &[Dyadic]) -> Dyadic {
        let Some(exponent) = terms
            .iter()
            .filter(|term| !term.mantissa.is_zero())
            .map(|term| term.exponent)
            .min()
        else {
            return Dyadic::zero();
        };
        let mut mantissa = BigInt::zero();
        for term in terms.iter().filter(|term| !term.mantissa.is_zero()) {
            mantissa += &term.mantissa << (term.exponent - exponent) as usize;
        }
        Dyadic { mantissa, exponent }
    }

    fn to_rational(&self) -> BigRational {
        if self.exponent >= 0 {
            BigRational::from_integer(&self.mantissa << self.exponent as usize)
        } else {
            BigRational::new(
                self.mantissa.clone(),
                BigInt::one() << (-self.exponent) as usize,
            )
        }
    }
}

/// The network evaluated exactly at an input: every pre-activation and the logits.
#[derive(Clone, Debug, PartialEq)]
pub struct ExactEvaluation {
    /// Per layer, the exact sign of each pre-activation (-1, 0 or 1).
    pub signs: Vec<Vec<i32>>,
    /// Per layer, the smallest |pre-activation| among ReLU neurons (none for the last).
    pub smallest_activation: Option<BigRational>,
    pub logits: Vec<BigRational>,
}

/// Evaluates the network in exact rational arithmetic at a finite input: the float
/// weights, biases and inputs as the exact rationals they denote, ReLU exact.
pub fn evaluate_exactly(network: &Network, input: &[f64]) -> Option<ExactEvaluation> {
    let mut values: Vec<Dyadic> = input
        .iter()
        .map(|value| Dyadic::of(*value))
        .collect::<Option<_>>()?;
    let mut signs = Vec::with_capacity(network.layers.len());
    let mut smallest: Option<Dyadic> = None;
    for layer in &network.layers {
        let mut next = Vec::with_capacity(layer.outputs);
        let mut layer_signs = Vec::with_capacity(layer.outputs);
        for output in 0..layer.outputs {
            let row = &layer.weights[output * layer.inputs..(output + 1) * layer.inputs];
            let mut terms = Vec::with_capacity(layer.inputs + 1);
            for (weight, value) in row.iter().zip(&values) {
                if *weight != 0.0 && !value.mantissa.is_zero() {
                    terms.push(Dyadic::of(*weight)?.times(value));
                }
            }
            terms.push(Dyadic::of(layer.bias[output])?);
            let sum = Dyadic::sum(&terms);
            let sign = match sum.mantissa.sign() {
                num_bigint::Sign::Minus => -1,
                num_bigint::Sign::NoSign => 0,
                num_bigint::Sign::Plus => 1,
            };
            layer_signs.push(sign);
            if layer.relu {
                let magnitude = Dyadic {
                    mantissa: sum.mantissa.abs(),
                    exponent: sum.exponent,
                };
                let smaller = smallest
                    .as_ref()
                    .is_none_or(|current| magnitude.to_rational() < current.to_rational());
                if smaller {
                    smallest = Some(magnitude);
                }
                next.push(if sign > 0 { sum } else { Dyadic::zero() });
            } else {
                next.push(sum);
            }
        }
        signs.push(layer_signs);
        values = next;
    }
    Some(ExactEvaluation {
        signs,
        smallest_activation: smallest.map(|value| value.to_rational()),
        logits: values.iter().map(Dyadic::to_rational).collect(),
    })
}

/// Checks the exact sufficient conditions at an input; the certificate on success.
pub fn certify(
    network: &Network,
    conditions: &Conditions,
    input_box: (f64, f64),
    precision: Precision,
    input: &[f64],
) -> Result<Certificate, Rejection> {
    let (low, high) = input_box;
    for (index, value) in input.iter().enumerate() {
        if !(low..=high).contains(value) {
            return Err(Rejection::OutsideBox(index));
        }
        if precision == Precision::Float32 && f64::from(*value as f32) != *value {
            return Err(Rejection::NotInModelPrecision(index));
        }
    }
    let evaluation = evaluate_exactly(network, input).ok_or(Rejection::OutsideBox(0))?;
    for (layer, (signs, description)) in evaluation.signs.iter().zip(&network.layers).enumerate() {
        if description.relu {
            if let Some(neuron) = signs.iter().position(|sign| *sign == 0) {
                return Err(Rejection::OnReluBoundary { layer, neuron });
            }
        }
    }
    let k = conditions.class;
    let logits = &evaluation.logits;
    let mut smallest: Option<BigRational> = None;
    let mut total = BigRational::zero();
    for (j, logit) in logits.iter().enumerate() {
        if j == k {
            continue;
        }
        let difference = &logits[k] - logit;
        if !difference.is_positive() || difference < conditions.low {
            return Err(Rejection::DifferenceTooSmall(j));
        }
        if smallest.as_ref().is_none_or(|value| &difference < value) {
            smallest = Some(difference.clone());
        }
        total += difference;
    }
    let count = BigRational::from_integer(BigInt::from(conditions.classes - 1));
    let mean_margin = match &conditions.high {
        Some(bound) => {
            let slack = bound * &count - &total;
            if slack.is_negative() {
                return Err(Rejection::MeanTooLarge);
            }
            Some(approximate(&(slack / &count)))
        }
        None => None,
    };
    let smallest = smallest.unwrap_or_else(BigRational::zero);
    Ok(Certificate {
        low: crate::number::display_rational(&conditions.low),
        high: conditions
            .high
            .as_ref()
            .map(crate::number::display_rational),
        difference_margin: approximate(&(smallest - &conditions.low)),
        mean_margin,
        activation_margin: evaluation.smallest_activation.as_ref().map(approximate),
        logits: logits.iter().map(approximate).collect(),
    })
}

fn approximate(value: &BigRational) -> f64 {
    value.to_f64().unwrap_or(f64::NAN)
}

/// Softmax probabilities computed in float32 the way a sequential float32 runtime does:
/// the input cast to float32, each sum accumulated in input order in float32 (no fused
/// multiply-add), the softmax shifted by the largest logit.
pub fn probabilities_float32(network: &Network, input: &[f64]) -> Vec<f64> {
    let mut values: Vec<f32> = input.iter().map(|value| *value as f32).collect();
    for layer in &network.layers {
        let mut next = Vec::with_capacity(layer.outputs);
        for output in 0..layer.outputs {
            let row = &layer.weights[output * layer.inputs..(output + 1) * layer.inputs];
            let mut sum = 0.0f32;
            for (weight, value) in row.iter().zip(&values) {
                sum += (*weight as f32) * value;
            }
            sum += layer.bias[output] as f32;
            next.push(if layer.relu { sum.max(0.0) } else { sum });
        }
        values = next;
    }
    let largest = values.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exponentials: Vec<f32> = values.iter().map(|value| (value - largest).exp()).collect();
    let total: f32 = exponentials.iter().sum();
    exponentials
        .iter()
        .map(|value| f64::from(value / total))
        .collect()
}

/// Floating-point validation: the probabilities in f64 and, for a float32 model, in
/// float32 both put the first argmax on the class and the confidence (compared exactly)
/// in the bin above the bound. Returns the probabilities in the model's precision.
pub fn validate(
    network: &Network,
    target: &Target,
    input_box: (f64, f64),
    precision: Precision,
    input: &[f64],
) -> Option<Vec<f64>> {
    let (low, high) = input_box;
    if input.iter().any(|value| !(low..=high).contains(value)) {
        return None;
    }
    let admits = |probabilities: &[f64]| {
        let best = first_argmax(probabilities);
        best == target.class
            && float_to_rational(probabilities[best]).is_some_and(|value| target.admits(&value))
    };
    let double = network.probabilities(input);
    if !admits(&double) {
        return None;
    }
    match precision {
        Precision::Float64 => Some(double),
        Precision::Float32 => {
            let single = probabilities_float32(network, input);
            admits(&single).then_some(single)
        }
    }
}

/// The index of the first largest value.
pub fn first_argmax(values: &[f64]) -> usize {
    let mut best = 0;
    for (index, value) in values.iter().enumerate() {
        if *value > values[best] {
            best = index;
        }
    }
    best
}

/// The point rounded to the model's precision (to nearest, then toward the box's inside
/// if rounding left it).
pub fn snap(input: &[f64], input_box: (f64, f64), precision: Precision) -> Vec<f64> {
    let (low, high) = input_box;
    input
        .iter()
        .map(|value| {
            let value = value.clamp(low, high);
            match precision {
                Precision::Float64 => value,
                Precision::Float32 => {
                    let mut single = value as f32;
                    if f64::from(single) > high {
                        single = next_toward(single, f32::NEG_INFINITY);
                    } else if f64::from(single) < low {
                        single = next_toward(single, f32::INFINITY);
                    }
                    f64::from(single)
                }
            }
        })
        .collect()
}

/// The neighbouring float32 of a finite value in the given direction.
fn next_toward(value: f32, direction: f32) -> f32 {
    if value == direction {
        return value;
    }
    if value == 0.0 {
        let tiny = f32::from_bits(1);
        return if direction > 0.0 { tiny } else { -tiny };
    }
    let bits = value.to_bits();
    let away_from_zero = (direction > value) == (value > 0.0);
    f32::from_bits(if away_from_zero { bits + 1 } else { bits - 1 })
}

/// A witness-input problem: the network, the exact target and its sufficient
/// conditions, the box and the model's precision.
#[derive(Debug)]
pub struct Problem<'a> {
    pub network: &'a Network,
    pub target: Target,
    pub conditions: Conditions,
    pub input_box: (f64, f64),
    pub precision: Precision,
    /// Time spent in exact certification so far.
    pub certification: std::cell::Cell<std::time::Duration>,
}

/// A certified and validated witness input.
#[derive(Clone, Debug, PartialEq)]
pub struct Settled {
    pub input: Vec<f64>,
    /// The probabilities in the model's precision.
    pub probabilities: Vec<f64>,
    pub certificate: Certificate,
    /// How many region linear programs moved the candidate before it was certified.
    pub region_steps: usize,
}

/// The most region linear programs solved from one starting point.
pub const REGION_STEPS: usize = 8;

impl<'a> Problem<'a> {
    /// `None` when the sufficient conditions cannot be stated (see [`Conditions::new`]).
    pub fn new(network: &'a Network, target: Target, input_box: (f64, f64)) -> Option<Problem<'a>> {
        let conditions = Conditions::new(network.outputs(), &target)?;
        Some(Problem {
            network,
            target,
            conditions,
            input_box,
            precision: Precision::of(network),
            certification: std::cell::Cell::new(std::time::Duration::ZERO),
        })
    }

    /// Certifies exactly, keeping count of the time spent.
    pub fn certify(&self, input: &[f64]) -> Result<Certificate, Rejection> {
        let started = std::time::Instant::now();
        let verdict = certify(
            self.network,
            &self.conditions,
            self.input_box,
            self.precision,
            input,
        );
        self.certification
            .set(self.certification.get() + started.elapsed());
        verdict
    }

    /// Turns a candidate into a witness: rounded to the model's precision, certified
    /// exactly and validated in floating point; when either fails, the deepest point of
    /// the candidate's activation region (a sound restriction of the network) becomes
    /// the next candidate, up to [`REGION_STEPS`] times. The error says why the last
    /// candidate failed.
    pub fn settle(&self, start: &[f64]) -> Result<Settled, String> {
        let aim = region::Aim {
            class: self.conditions.class,
            low: approximate(&self.conditions.low),
            high: self.conditions.high.as_ref().map(approximate),
        };
        let mut point = snap(start, self.input_box, self.precision);
        let mut tried = Vec::new();
        let mut reason = String::new();
        for region_steps in 0..=REGION_STEPS {
            match self.certify(&point) {
                Ok(certificate) => {
                    match validate(
                        self.network,
                        &self.target,
                        self.input_box,
                        self.precision,
                        &point,
                    ) {
                        Some(probabilities) => {
                            return Ok(Settled {
                                input: point,
                                probabilities,
                                certificate,
                                region_steps,
                            })
                        }
                        None => {
                            reason = format!(
                                "a candidate certified exactly misses the bin in {} evaluation",
                                self.precision.name()
                            )
                        }
                    }
                }
                Err(rejection) => reason = format!("a candidate is not certified: {rejection}"),
            }
            let pattern = region::pattern(self.network, &point);
            if tried.contains(&pattern) {
                break;
            }
            let Some(deepest) = region::deepest_point(self.network, &pattern, self.input_box, &aim)
            else {
                reason = format!("{reason}; the linear program of its region failed");
                break;
            };
            tried.push(pattern);
            point = snap(&deepest.input, self.input_box, self.precision);
        }
        Err(reason)
    }
}

/// The grid on which the logarithm bounds are rounded outward.
const GRID_BITS: usize = 64;

/// Rational bounds lo < ln(x) < hi for a rational x > 0, hi - lo < 2^-60: x = m 2^e with
/// m in [1, 2), ln m = 2 atanh(y) with y = (m-1)/(m+1) in [0, 1/3), summed to 40 terms
/// with the remainder bounded by the geometric series, ln 2 = 2 atanh(1/3) alike.
pub fn logarithm_bounds(x: &BigRational) -> (BigRational, BigRational) {
    assert!(x.is_positive(), "the logarithm of a non-positive number");
    let one = BigRational::one();
    let two = BigRational::from_integer(BigInt::from(2));
    let mut exponent: i64 = x.numer().bits() as i64 - x.denom().bits() as i64;
    let scale = |exponent: i64| {
        if exponent >= 0 {
            BigRational::from_integer(BigInt::one() << exponent as usize)
        } else {
            BigRational::new(BigInt::one(), BigInt::one() << (-exponent) as usize)
        }
    };
    let mut mantissa = x / scale(exponent);
    while mantissa >= two {
        mantissa /= &two;
        exponent += 1;
    }
    while mantissa < one {
        mantissa *= &two;
        exponent -= 1;
    }
    let (mantissa_low, mantissa_high) =
        twice_atanh_bounds(&((&mantissa - &one) / (&mantissa + &one)));
    let (two_low, two_high) = twice_atanh_bounds(&BigRational::new(BigInt::one(), BigInt::from(3)));
    let count = BigRational::from_integer(BigInt::from(exponent));
    let (low, high) = if exponent >= 0 {
        (
            &count * two_low + mantissa_low,
            &count * two_high + mantissa_high,
        )
    } else {
        (
            &count * two_high + mantissa_low,
            &count * two_low + mantissa_high,
        )
    };
    // Outward to the grid, one step further so that both bounds are strict.
    let grid = BigRational::from_integer(BigInt::one() << GRID_BITS);
    let low = ((low * &grid).floor() - &one) / &grid;
    let high = ((high * &grid).ceil() + &one) / &grid;
    (low, high)
}

/// Bounds on 2 atanh(y) = 2 sum y^(2i+1)/(2i+1) for a rational y in [0, 1/3].
fn twice_atanh_bounds(y: &BigRational) -> (BigRational, BigRational) {
    const TERMS: usize = 40;
    let one = BigRational::one();
    let square = y * y;
    let mut power = y.clone();
    let mut sum = BigRational::zero();
    for index in 0..TERMS {
        sum += &power / BigRational::from_integer(BigInt::from(2 * index + 1));
        power *= &square;
    }
    // The remaining terms are at most y^(2N+1)/(2N+1) times a geometric series in y².
    let remainder =
        &power / BigRational::from_integer(BigInt::from(2 * TERMS + 1)) / (&one - &square);
    let two = BigRational::from_integer(BigInt::from(2));
    let low = &sum * &two;
    let high = (sum + remainder) * two;
    debug_assert!(low <= high);
    (low, high)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rational(value: f64) -> BigRational {
        float_to_rational(value).unwrap()
    }

    #[test]
    fn logarithm_bounds_bracket_the_logarithm_tightly() {
        for x in [
            1.0, 2.0, 0.5, 441.0, 13.5, 18.0, 1e-30, 7e40, 1.0000001, 0.999,
        ] {
            let (low, high) = logarithm_bounds(&rational(x));
            let ln = x.ln();
            assert!(low < high);
            assert!(approximate(&low) <= ln + 1e-15 * ln.abs().max(1.0), "{x}");
            assert!(approximate(&high) >= ln - 1e-15 * ln.abs().max(1.0), "{x}");
            assert!(approximate(&(high - low)) < 1e-17, "{x}");
        }
        // ln 1 = 0 exactly: the bounds stay strict.
        let (low, high) = logarithm_bounds(&BigRational::one());
        assert!(low.is_negative() && high.is_positive());
    }

    #[test]
    fn conditions_follow_the_bin_and_refuse_empty_ones() {
        let target = |lower: f64, upper: f64, threshold: f64| Target {
            class: 0,
            lower: rational(lower),
            upper: rational(upper),
            upper_closed: upper == 1.0,
            threshold: rational(threshold),
        };
        let narrow = Conditions::new(10, &target(0.5, 2.0 / 3.0, 0.6)).unwrap();
        assert!((approximate(&narrow.low) - 13.5f64.ln()).abs() < 1e-12);
        let high = narrow.high.as_ref().unwrap();
        assert!((approximate(high) - 18f64.ln()).abs() < 1e-12);
        // The last bin needs no upper condition; a bound below zero only needs d_j > 0.
        let last = Conditions::new(10, &target(0.9, 1.0, 0.95)).unwrap();
        assert!(last.high.is_none());
        assert!(Conditions::new(3, &target(0.0, 0.5, -1.0))
            .unwrap()
            .low
            .is_zero());
        // Empty: the bound above the bin, a confidence of exactly 1, a class too large.
        assert!(Conditions::new(10, &target(0.5, 0.6, 0.7)).is_none());
        assert!(Conditions::new(10, &target(1.0, 1.0, 0.5)).is_none());
        assert!(Conditions::new(1, &target(0.5, 1.0, 0.5)).is_none());
    }

    #[test]
    fn exact_evaluation_is_exact_where_floats_round() {
        use crate::models::network::Layer;
        // 1 + 2^-60 - 1 is 2^-60 exactly, 0 in f64.
        let network = Network {
            layers: vec![Layer {
                inputs: 3,
                outputs: 1,
                weights: vec![1.0, 1.0, -1.0],
                bias: vec![0.0],
                relu: false,
            }],
        };
        let input = [1.0, 2f64.powi(-60), 1.0];
        assert_eq!(network.logits(&input), vec![0.0]);
        let exact = evaluate_exactly(&network, &input).unwrap();
        assert_eq!(exact.logits, vec![rational(2f64.powi(-60))]);
    }

    #[test]
    fn snapping_keeps_float32_values_inside_the_box() {
        let high = 0.1f64;
        let snapped = snap(&[0.1, 0.3, -1.0], (0.0, high), Precision::Float32);
        assert!(snapped.iter().all(|value| (0.0..=high).contains(value)));
        assert!(snapped
            .iter()
            .all(|value| f64::from(*value as f32) == *value));
        assert!(high - snapped[0] < 1e-8);
    }
}
