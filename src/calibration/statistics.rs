//! The statistics of calibration bins: Wilson and Clopper–Pearson bounds, the
//! Poisson-binomial p-value (exact, or rigorously bracketed for large bins), Holm's
//! adjustment and the normal tail.
//!
//! Formulas and operation orders are stated in `specs/calibration.md`; the tests compare
//! every function with references computed once by `scripts/calibration_references.py`
//! (scipy) and committed in `tests/calibration/references.json`.

use super::sums::{double_double, ExactSum};
use crate::number::{rational_to_float, FloatFormat, Rounding};
use num_bigint::BigInt;
use num_rational::BigRational;
use serde::{Deserialize, Serialize};

/// The Wilson score lower bound exactly as the calibration seed computes it, operation
/// for operation, so that its rule is reproduced bit for bit.
pub fn wilson_lower_bound(correct: u64, total: u64, z: f64) -> f64 {
    if total == 0 {
        return 0.0;
    }
    let total_f = total as f64;
    let p = correct as f64 / total_f;
    let denominator = 1.0 + (z * z) / total_f;
    let center = (p + (z * z) / (2.0 * total_f)) / denominator;
    let margin = z * ((p * (1.0 - p) + (z * z) / (4.0 * total_f)) / total_f).sqrt() / denominator;
    // Python's max(0.0, x) returns x unless 0.0 > x.
    let bound = center - margin;
    if 0.0 > bound {
        0.0
    } else {
        bound
    }
}

/// ln(n!) - ln(sqrt(2 pi n) (n/e)^n), the error of Stirling's formula (Loader's `stirlerr`).
fn stirling_error(n: f64) -> f64 {
    const HALF_LN_2PI: f64 = 0.918_938_533_204_672_8;
    if n < 10.0 {
        // n! is an exact integer below 10, so ln(n!) is one correctly rounded logarithm.
        let mut factorial = 1.0;
        let mut index = 2.0;
        while index <= n {
            factorial *= index;
            index += 1.0;
        }
        return factorial.ln() - (n + 0.5) * n.ln() + n - HALF_LN_2PI;
    }
    // The asymptotic series; for n >= 10 its first omitted term is below 1e-17.
    let inverse = 1.0 / n;
    let square = inverse * inverse;
    const S0: f64 = 1.0 / 12.0;
    const S1: f64 = 1.0 / 360.0;
    const S2: f64 = 1.0 / 1260.0;
    const S3: f64 = 1.0 / 1680.0;
    const S4: f64 = 1.0 / 1188.0;
    const S5: f64 = 691.0 / 360_360.0;
    const S6: f64 = 1.0 / 156.0;
    (S0 - (S1 - (S2 - (S3 - (S4 - (S5 - S6 * square) * square) * square) * square) * square)
        * square)
        * inverse
}

/// x ln(x / m) + m - x, computed without cancellation when x is near m (Loader's `bd0`).
fn deviance(x: f64, m: f64) -> f64 {
    if (x - m).abs() < 0.1 * (x + m) {
        let v = (x - m) / (x + m);
        let mut sum = (x - m) * v;
        let mut term = 2.0 * x * v;
        let v_squared = v * v;
        let mut j = 1.0;
        loop {
            term *= v_squared;
            let next = sum + term / (2.0 * j + 1.0);
            if next == sum {
                return next;
            }
            sum = next;
            j += 1.0;
        }
    }
    x * (x / m).ln() + m - x
}

/// The binomial probability P(X = k) for X ~ Binomial(n, p), accurate to a few units in
/// the last place for any n (Loader's saddle-point algorithm).
pub fn binomial_pmf(k: u64, n: u64, p: f64) -> f64 {
    if k > n {
        return 0.0;
    }
    let q = 1.0 - p;
    if p == 0.0 {
        return if k == 0 { 1.0 } else { 0.0 };
    }
    if q == 0.0 {
        return if k == n { 1.0 } else { 0.0 };
    }
    let n_f = n as f64;
    if k == 0 {
        return (n_f * (-p).ln_1p()).exp();
    }
    if k == n {
        return (n_f * p.ln()).exp();
    }
    let k_f = k as f64;
    let rest = n_f - k_f;
    let exponent = stirling_error(n_f)
        - stirling_error(k_f)
        - stirling_error(rest)
        - deviance(k_f, n_f * p)
        - deviance(rest, n_f * q);
    let log_front = (2.0 * std::f64::consts::PI).ln() + k_f.ln() + (-k_f / n_f).ln_1p();
    (exponent - 0.5 * log_front).exp()
}

/// The continued fraction of the incomplete beta function (modified Lentz).
fn beta_continued_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let sum = a + b;
    let a_plus = a + 1.0;
    let a_minus = a - 1.0;
    let mut c = 1.0;
    let mut d = 1.0 - sum * x / a_plus;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut fraction = d;
    // Convergence takes O(sqrt(max(a, b))) terms; the cap only guards against NaN input.
    let limit = 1000 + 20 * (a.max(b).sqrt() as u64);
    for m in 1..=limit {
        let m = m as f64;
        let twice = 2.0 * m;
        let even = m * (b - m) * x / ((a_minus + twice) * (a + twice));
        d = 1.0 + even * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + even / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        fraction *= d * c;
        let odd = -(a + m) * (sum + m) * x / ((a + twice) * (a_plus + twice));
        d = 1.0 + odd * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + odd / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let change = d * c;
        fraction *= change;
        if (change - 1.0).abs() <= 1e-16 {
            break;
        }
    }
    fraction
}

/// P(X >= k) for X ~ Binomial(n, p), which is the regularized incomplete beta function
/// I_p(k, n - k + 1). The front factor of the continued fraction is a binomial
/// probability, so nothing overflows or cancels for large n.
pub fn binomial_upper_tail(k: u64, n: u64, p: f64) -> f64 {
    if k == 0 || p >= 1.0 {
        return 1.0;
    }
    if k > n || p <= 0.0 {
        return 0.0;
    }
    let a = k as f64;
    let b = (n - k + 1) as f64;
    if p < (a + 1.0) / (a + b + 2.0) {
        // x^a (1-x)^b / (a B(a, b)) = P(X = k) (1 - p).
        binomial_pmf(k, n, p) * (1.0 - p) * beta_continued_fraction(a, b, p)
    } else {
        // 1 - I_{1-p}(b, a); x^a (1-x)^b / (b B(a, b)) = P(X = k - 1) p.
        1.0 - binomial_pmf(k - 1, n, p) * p * beta_continued_fraction(b, a, 1.0 - p)
    }
}

/// The smallest float in [lo, hi] where an increasing predicate turns true, by bisection
/// on the bit patterns of non-negative floats (which are ordered like the floats).
fn bisect_floats(lo: f64, hi: f64, predicate: impl Fn(f64) -> bool) -> f64 {
    let mut low = lo.to_bits();
    let mut high = hi.to_bits();
    // Invariant: predicate(high) holds, or high is the upper end.
    while high - low > 1 {
        let middle = low + (high - low) / 2;
        if predicate(f64::from_bits(middle)) {
            high = middle;
        } else {
            low = middle;
        }
    }
    if predicate(f64::from_bits(low)) {
        f64::from_bits(low)
    } else {
        f64::from_bits(high)
    }
}

/// The one-sided Clopper–Pearson lower confidence bound at level `alpha`: the p with
/// P(X >= k | Binomial(n, p)) = alpha, that is the alpha quantile of Beta(k, n - k + 1);
/// 0 when k = 0. Found by bisection to adjacent floats.
pub fn clopper_pearson_lower(k: u64, n: u64, alpha: f64) -> f64 {
    if k == 0 || n == 0 {
        return 0.0;
    }
    if k == n {
        // Closed form: p^n = alpha.
        return alpha.powf(1.0 / n as f64);
    }
    bisect_floats(0.0, 1.0, |p| binomial_upper_tail(k, n, p) >= alpha)
}

/// The one-sided Clopper–Pearson upper confidence bound at level `alpha`.
pub fn clopper_pearson_upper(k: u64, n: u64, alpha: f64) -> f64 {
    if n == 0 {
        return 1.0;
    }
    1.0 - clopper_pearson_lower(n - k, n, alpha)
}

/// The two-sided Clopper–Pearson interval at confidence 1 - alpha.
pub fn clopper_pearson_interval(k: u64, n: u64, alpha: f64) -> (f64, f64) {
    (
        clopper_pearson_lower(k, n, alpha / 2.0),
        clopper_pearson_upper(k, n, alpha / 2.0),
    )
}

/// The largest work (predictions times tracked states) the exact Poisson-binomial
/// recursion may take for one bin; larger bins use the Fourier bracket.
pub const EXACT_WORK_LIMIT: u64 = 1 << 28;

/// The tail mass the Fourier bracket leaves outside its window on each side, and the
/// bound on the frequencies it leaves out (each at most this much of P(S <= correct)).
const FOURIER_NEGLIGIBLE: f64 = 1e-20;

/// The longest series in log(1 + p z) the Fourier bracket evaluates; bins whose standard
/// deviation is too small to need fewer terms use the Berry–Esseen bound.
const MAXIMUM_SERIES_TERMS: usize = 64;

/// The unit roundoff of f64.
const UNIT: f64 = f64::EPSILON / 2.0;

/// How a p-value was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PValueMethod {
    /// The exact recursion over the bin's predictions (relative error below (2n + k + 1) 2^-53).
    Exact,
    /// A rigorous bracket from the inversion of the characteristic function on a lattice
    /// (absolute width stated with the bracket, typically below 1e-12).
    FourierBracket,
    /// A valid upper bound: the normal tail plus the Berry–Esseen error bound (Shevtsova's constant 0.56).
    BerryEsseenBound,
}

/// A p-value with an interval that certainly holds the exact P(S <= correct).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PValue {
    /// The value the rules use: the exact recursion's result, or the upper end of a
    /// bracket (so that a test on it keeps its level).
    pub value: f64,
    pub lower: f64,
    pub upper: f64,
    pub method: PValueMethod,
}

/// The success probability of a prediction of confidence c under H0:
/// p = max(0, c - epsilon), rounded once.
#[inline]
pub fn success_probability(confidence: f64, epsilon: f64) -> f64 {
    (confidence - epsilon).max(0.0)
}

/// Order-independent, mergeable sums of one bin's success probabilities
/// p_i = max(0, c_i - epsilon): everything its p-value needs besides the probabilities
/// themselves (the exact recursion) or their power sums (the Fourier bracket). Each
/// value is rounded per prediction and summed exactly ([`ExactSum`]), so the moments of
/// a bin are the same however its predictions are ordered or split between machines.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    /// Predictions with p >= 1 (certainly correct).
    pub sure: u64,
    /// Predictions with p <= 0 (certainly wrong).
    pub never: u64,
    /// The sum of the random p <= 1/2.
    pub low: ExactSum,
    /// The sum of q = 1 - p (exact, by Sterbenz) over the random p > 1/2.
    pub high: ExactSum,
    /// The sum of x (1 - x), x = min(p, q), each product rounded: p q of every random
    /// prediction, relative error below 2 u each.
    pub variance: ExactSum,
    /// The sum of p q (p^2 + q^2), each rounded: the third absolute central moments.
    pub third: ExactSum,
}

impl Moments {
    /// Adds one prediction of confidence `confidence` in [0, 1].
    #[inline]
    pub fn add(&mut self, confidence: f64, epsilon: f64) {
        let p = success_probability(confidence, epsilon);
        if p >= 1.0 {
            self.sure += 1;
            return;
        }
        if p <= 0.0 {
            self.never += 1;
            return;
        }
        let q = 1.0 - p;
        let x = if p <= 0.5 {
            self.low.add(p);
            p
        } else {
            self.high.add(q);
            q
        };
        self.variance.add(x * (1.0 - x));
        self.third.add(p * q * (p * p + q * q));
    }

    /// Adds the predictions of `other`.
    pub fn merge(&mut self, other: &Moments) {
        self.sure += other.sure;
        self.never += other.never;
        self.low.merge(&other.low);
        self.high.merge(&other.high);
        self.variance.merge(&other.variance);
        self.third.merge(&other.third);
    }

    /// The number of predictions with 0 < p < 1.
    pub fn random(&self) -> u64 {
        self.low.count() + self.high.count()
    }
}

/// What a bin's p-value needs from a second pass over its predictions, decided from
/// its moments and correct count ([`need`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Need {
    /// The moments decide (a certain answer, a bracket from the tails, Berry–Esseen).
    Nothing,
    /// The random success probabilities themselves, for the exact recursion.
    Probabilities,
    /// Power sums of x = min(p, 1 - p) of this many terms, for the Fourier bracket.
    PowerSums(usize),
}

/// The second pass over a bin's predictions: what [`Need`] asks for, mergeable like the
/// moments (probabilities are concatenated and put in ascending order before use).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SecondPass {
    Nothing,
    Probabilities(Vec<f64>),
    PowerSums {
        low: Vec<ExactSum>,
        high: Vec<ExactSum>,
    },
}

impl SecondPass {
    pub fn new(need: Need) -> SecondPass {
        match need {
            Need::Nothing => SecondPass::Nothing,
            Need::Probabilities => SecondPass::Probabilities(Vec::new()),
            Need::PowerSums(terms) => SecondPass::PowerSums {
                low: vec![ExactSum::default(); terms],
                high: vec![ExactSum::default(); terms],
            },
        }
    }

    /// Adds one prediction of confidence `confidence` in [0, 1].
    #[inline]
    pub fn add(&mut self, confidence: f64, epsilon: f64) {
        let p = success_probability(confidence, epsilon);
        if p <= 0.0 || p >= 1.0 {
            return;
        }
        match self {
            SecondPass::Nothing => {}
            SecondPass::Probabilities(values) => values.push(p),
            SecondPass::PowerSums { low, high } => {
                let (x, sums) = if p <= 0.5 { (p, low) } else { (1.0 - p, high) };
                // x^r by repeated multiplication: relative error below (r - 1) u, plus
                // 2^-1075 per product should it underflow.
                let mut power = x;
                for (term, sum) in sums.iter_mut().enumerate() {
                    if term > 0 {
                        power *= x;
                    }
                    sum.add(power);
                }
            }
        }
    }

    /// Adds the predictions of `other`, which must answer the same need.
    pub fn merge(&mut self, other: &SecondPass) -> Result<(), String> {
        match (self, other) {
            (SecondPass::Nothing, SecondPass::Nothing) => Ok(()),
            (SecondPass::Probabilities(values), SecondPass::Probabilities(more)) => {
                values.extend_from_slice(more);
                Ok(())
            }
            (
                SecondPass::PowerSums { low, high },
                SecondPass::PowerSums {
                    low: more_low,
                    high: more_high,
                },
            ) if low.len() == more_low.len() && high.len() == more_high.len() => {
                low.iter_mut()
                    .zip(more_low)
                    .for_each(|(sum, more)| sum.merge(more));
                high.iter_mut()
                    .zip(more_high)
                    .for_each(|(sum, more)| sum.merge(more));
                Ok(())
            }
            _ => Err("second passes of different needs cannot be merged".to_string()),
        }
    }
}

/// How a bin's p-value is computed, decided from its moments and correct count alone.
enum Plan {
    /// Known without a second pass.
    Settled(PValue),
    /// The exact recursion over the random probabilities in ascending order.
    Exact,
    /// The Fourier bracket, once the power sums are known.
    Fourier(Box<FourierSetup>),
    /// The Berry–Esseen bound.
    BerryEsseen,
}

fn plan(moments: &Moments, correct: u64) -> Plan {
    let certain = |value: f64| {
        Plan::Settled(PValue {
            value,
            lower: value,
            upper: value,
            method: PValueMethod::Exact,
        })
    };
    if correct < moments.sure {
        return certain(0.0);
    }
    let n = moments.random();
    let correct = correct - moments.sure;
    if correct >= n {
        return certain(1.0);
    }
    if n.saturating_mul(correct + 2) <= EXACT_WORK_LIMIT {
        return Plan::Exact;
    }
    match fourier_setup(moments, correct) {
        Some(FourierStart::Settled(lower, upper)) => Plan::Settled(PValue {
            value: upper,
            lower,
            upper,
            method: PValueMethod::FourierBracket,
        }),
        Some(FourierStart::Series(setup)) => Plan::Fourier(setup),
        None => Plan::BerryEsseen,
    }
}

/// What the second pass must collect for a bin with these moments and correct count.
pub fn need(moments: &Moments, correct: u64) -> Need {
    match plan(moments, correct) {
        Plan::Settled(_) | Plan::BerryEsseen => Need::Nothing,
        Plan::Exact => Need::Probabilities,
        Plan::Fourier(setup) => Need::PowerSums(setup.terms),
    }
}

/// The one-sided p-value of H0: every prediction i of the bin is correct with probability
/// at least p_i = max(0, c_i - epsilon), against overconfidence: P(S <= correct) where S
/// is the sum of independent Bernoulli(p_i) (the least favourable point of H0), from the
/// bin's moments and the second pass that [`need`] asked for.
///
/// Predictions with p exactly 0 or 1 are deterministic and are taken out first. Then the
/// exact recursion runs when its work n (k + 2) is at most [`EXACT_WORK_LIMIT`], over the
/// probabilities in ascending order (so the value depends on the bin's predictions only,
/// not on their order); otherwise the Fourier bracket, which needs the standard deviation
/// of S to be at least about 25; otherwise (a huge bin of near-certain predictions) the
/// Berry–Esseen bound.
pub fn finish_p_value(
    moments: &Moments,
    correct: u64,
    second: &SecondPass,
) -> Result<PValue, String> {
    match (plan(moments, correct), second) {
        (Plan::Settled(value), _) => Ok(value),
        (Plan::Exact, SecondPass::Probabilities(values))
            if values.len() as u64 == moments.random() =>
        {
            let mut ordered = values.clone();
            ordered.sort_unstable_by(f64::total_cmp);
            let correct = correct - moments.sure;
            let value = exact_p_value(&ordered, 0.0, correct);
            let relative = exact_relative_error(moments.random(), correct);
            Ok(PValue {
                value,
                lower: value * (1.0 - relative),
                upper: (value * (1.0 + relative)).min(1.0),
                method: PValueMethod::Exact,
            })
        }
        (Plan::Fourier(setup), SecondPass::PowerSums { low, high })
            if low.len() == setup.terms
                && high.len() == setup.terms
                && low[0].count() + high[0].count() == moments.random() =>
        {
            let (lower, upper) = fourier_finish(&setup, low, high);
            Ok(PValue {
                value: upper,
                lower,
                upper,
                method: PValueMethod::FourierBracket,
            })
        }
        (Plan::BerryEsseen, _) => {
            let bound = berry_esseen_bound(moments, correct);
            Ok(PValue {
                value: bound,
                lower: 0.0,
                upper: bound,
                method: PValueMethod::BerryEsseenBound,
            })
        }
        _ => Err("the second pass does not answer the bin's need".to_string()),
    }
}

/// [`finish_p_value`] on one bin's confidences in memory: both passes, then the value.
pub fn poisson_binomial_p_value(confidences: &[f64], epsilon: f64, correct: u64) -> PValue {
    let mut moments = Moments::default();
    for &confidence in confidences {
        moments.add(confidence, epsilon);
    }
    let mut second = SecondPass::new(need(&moments, correct));
    for &confidence in confidences {
        second.add(confidence, epsilon);
    }
    finish_p_value(&moments, correct, &second).expect("the second pass answers the need")
}

/// P(S <= correct) by the recursion over the predictions: distribution[j] = P(S_t = j)
/// for j <= correct, and distribution[correct + 1] holds P(S_t > correct), which never
/// flows back. Every update adds two non-negative products (with q = 1 - p rounded),
/// at most three roundings, so after t predictions each entry has a relative error below
/// 3 t u (u = 2^-53, to first order), and the sum of correct + 1 entries below
/// (3 n + correct + 1) u; [`exact_relative_error`] rounds this up.
pub fn exact_p_value(confidences: &[f64], epsilon: f64, correct: u64) -> f64 {
    let n = confidences.len() as u64;
    if correct >= n {
        return 1.0;
    }
    let k = correct as usize;
    let mut distribution = vec![0.0f64; k + 2];
    distribution[0] = 1.0;
    let mut reach = 0usize;
    for &confidence in confidences {
        let p = (confidence - epsilon).max(0.0);
        let q = 1.0 - p;
        distribution[k + 1] += distribution[k] * p;
        let top = (reach + 1).min(k);
        for j in (1..=top).rev() {
            distribution[j] = distribution[j] * q + distribution[j - 1] * p;
        }
        distribution[0] *= q;
        reach = top;
    }
    let tail: f64 = distribution[..=k].iter().sum();
    tail.min(1.0)
}

/// A bound on the relative error of [`exact_p_value`] over n predictions: (4 n + k + 2) u,
/// above the first-order (3 n + k + 1) u with room for the second-order terms.
pub fn exact_relative_error(n: u64, correct: u64) -> f64 {
    (4 * n + correct + 2) as f64 * UNIT
}

/// (sin, cos) of pi * numerator / denominator, the angle reduced exactly in integers to
/// (-pi, pi] first: the angle then has relative error below 3 u, so each value has
/// absolute error below 12 u, and relative error below 5 u when the angle is small.
fn sin_cos_pi(numerator: i128, denominator: i128) -> (f64, f64) {
    let mut reduced = numerator.rem_euclid(2 * denominator);
    if reduced > denominator {
        reduced -= 2 * denominator;
    }
    let angle = std::f64::consts::PI * (reduced as f64 / denominator as f64);
    angle.sin_cos()
}

/// What [`fourier_setup`] computes from the moments: the lattice, the frequencies and
/// series terms kept, and the mean's offset from the lattice's centre.
struct FourierSetup {
    period: i128,
    half: i128,
    relative: i128,
    count: i128,
    kept: i128,
    omitted: f64,
    terms: usize,
    /// The sum of the low p minus the sum of the high q, as high + low (double-double).
    difference: (f64, f64),
    offset: f64,
    offset_error: f64,
    /// An upper bound on the sum of x = min(p, q).
    scale: f64,
    /// Bernstein's bound on P(S <= k), which caps both ends of the bracket.
    tail_bound: f64,
}

/// The start of the Fourier bracket.
enum FourierStart {
    /// The tails decide without power sums: the bracket [lower, upper].
    Settled(f64, f64),
    Series(Box<FourierSetup>),
}

/// The series' tail after `terms` terms at |p z| / 2 = s: below
/// 2 (A1 + B1) s^(terms+1) / ((terms + 1)(1 - s)).
fn series_tail(scale: f64, terms: usize, s: f64) -> f64 {
    2.0 * scale * 1.01 * s.powi(terms as i32 + 1) / ((terms as f64 + 1.0) * (1.0 - s))
}

/// The first half of the Fourier bracket around P(S <= correct) (with `correct` counted
/// after the certain predictions are taken out), from the moments alone; `None` when the
/// standard deviation of S is too small for the series (see [`fourier_finish`]).
fn fourier_setup(moments: &Moments, correct: u64) -> Option<FourierStart> {
    let n = moments.random() as f64;
    let certain = moments.high.count() as f64;
    // The sum of the low p minus the sum of the high q, exactly, then as a double-double.
    let difference = double_double(&(moments.low.exact() - moments.high.exact()));
    // The variance: an exact sum of terms each within 2 u (relative) of x (1 - x), rounded
    // once: relative error below 3 u to first order, 4 u with room. The sum of x is exact
    // before its one rounding.
    let plain_error = 4.0 * UNIT;
    let variance = moments.variance.value();
    let variance_low = variance * (1.0 - plain_error);
    let variance_high = variance * (1.0 + plain_error);
    if variance_low.is_nan() || variance_low <= 0.0 {
        return None;
    }
    // The mean: certain + difference, the integer m nearest it and mu - m accurately.
    let mean = certain + difference.0 + difference.1;
    let center = mean.round();
    let offset = ((certain - center) + difference.0) + difference.1;
    let plain_scale = {
        let mut both = moments.low.clone();
        both.merge(&moments.high);
        both.value()
    };
    let scale = plain_scale * (1.0 + plain_error);
    // |offset - (mu - m)|: the rounding of the two additions and of the double-double.
    let offset_error = 2.0 * UNIT * offset.abs() + UNIT + (n + 8.0) * UNIT * UNIT * scale;
    // Bernstein: P(T - (mu - m) <= -t) <= exp(-t^2 / (2 (sigma^2 + t / 3))) <= 1e-20.
    let log_inverse = 2.0 * 1.01 * (1.0 / FOURIER_NEGLIGIBLE).ln();
    let t = (log_inverse / 3.0
        + (log_inverse * log_inverse / 9.0 + 4.0 * log_inverse * variance_high).sqrt())
        / 2.0;
    let half = t.ceil() + 1.0;
    if half > 1e15 || half > n {
        return None;
    }
    let half = half as i128;
    let period = 2 * half + 1;
    let period_f = period as f64;
    let relative = correct as i128 - center as i128;
    // Bernstein's bound on P(S - mu <= -distance); the exponent (five roundings) is
    // lowered by 8 u of itself and exp's result raised by 8 u, so it stays an upper bound.
    let bernstein = |distance: f64| -> f64 {
        if distance.is_nan() || distance <= 0.0 {
            return 1.0;
        }
        let exponent = distance * distance / (2.0 * (variance_high + distance / 3.0));
        // An exp that underflows to 0 still bounds by the smallest positive float.
        ((-exponent * (1.0 - 8.0 * UNIT)).exp() * (1.0 + 8.0 * UNIT))
            .max(f64::from_bits(1))
            .min(1.0)
    };
    // mu - k >= (m - k) + offset - offset_error; m and k are integers below 2^53.
    let distance_to_mean = (center - correct as f64) + offset - offset_error;
    if relative < -half {
        // P(S <= k) <= P(T - (mu - m) <= k - mu), and k - mu >= t in magnitude.
        return Some(FourierStart::Settled(
            0.0,
            bernstein(distance_to_mean).min(FOURIER_NEGLIGIBLE),
        ));
    }
    if relative >= half {
        // 1 - 2^-52 is a float below 1 - 1e-20 (which itself rounds to 1).
        return Some(FourierStart::Settled(1.0 - f64::EPSILON, 1.0));
    }
    let count = relative + half + 1;
    // The frequencies kept: |psi(w_l)| <= exp(-2 sigma^2 sin^2(pi l / L)) and
    // sin(pi l / L) >= 2 l / L, so the terms left out after `kept` add up to at most
    // sum_{l > kept} exp(-a l^2) / l with a = 8 sigma^2 / L^2.
    let decay = 8.0 * variance_low / (period_f * period_f);
    let omitted_bound = |kept: i128| -> f64 {
        if kept >= half {
            return 0.0;
        }
        let next = (kept + 1) as f64;
        let ratio = (-decay * (2.0 * next + 1.0)).exp();
        (-decay * next * next).exp() / next / (1.0 - ratio).max(f64::MIN_POSITIVE)
            * (1.0 + 64.0 * UNIT)
    };
    let mut kept = 1i128;
    while kept < half && omitted_bound(kept) > FOURIER_NEGLIGIBLE {
        kept += 1;
    }
    let omitted = omitted_bound(kept);
    // Series terms: the largest |p z| / 2 = s = sin(pi kept / L).
    let largest = (sin_cos_pi(kept, period).0 + 16.0 * UNIT).min(1.0);
    if largest > 0.5 {
        return None;
    }
    let mut terms = 2;
    while series_tail(scale, terms, largest) > 1e-3 * FOURIER_NEGLIGIBLE {
        terms += 1;
        if terms > MAXIMUM_SERIES_TERMS {
            return None;
        }
    }
    Some(FourierStart::Series(Box::new(FourierSetup {
        period,
        half,
        relative,
        count,
        kept,
        omitted,
        terms,
        difference,
        offset,
        offset_error,
        scale,
        tail_bound: bernstein(distance_to_mean),
    })))
}

/// A rigorous bracket [lower, upper] around P(S <= correct) for S = sum of Bernoulli(p_i),
/// by inverting the characteristic function on a lattice, from the setup and the power
/// sums A_r = sum of p^r over the p <= 1/2 and B_r = sum of q^r over the p > 1/2.
///
/// With m the integer nearest the mean mu and T = S - m, Bernstein's inequality
/// (|X_i - p_i| <= 1) puts T in [-h, h] except for mass below 1e-20 on each side. On the
/// lattice of period L = 2h + 1 the inverse transform of psi(w) = E exp(i w T) at
/// w_l = 2 pi l / L gives the aliased probabilities; summed over j = -h..k - m in closed
/// form this is
///   Sigma = c / L + (2 / L) sum_{l=1}^{h} Re(psi(w_l) D_l),
///   D_l = exp(i w_l (h - k + m) / 2) sin(pi l c / L) / sin(pi l / L), c = k - m + h + 1,
/// and P(S <= k) lies in [Sigma - P(|T| > h), Sigma + P(T < -h)] since aliasing only adds
/// mass from outside the window. |psi(w)| <= exp(-sigma^2 (1 - cos w)) bounds the
/// frequencies left out. log psi is a series in power sums: for p <= 1/2,
/// log(1 - p + p e^{iw}) = sum_r (-1)^{r+1} (p z)^r / r with z = e^{iw} - 1, |p z| < 1; for
/// p > 1/2 the same with q = 1 - p and conj(z), plus i w. Every rounding error is bounded
/// as it is made (the standard model for + - * /, and 16 u absolute for sin, cos and
/// exp's relative error, which the platform's libm meets) and added to the bracket. The
/// power sums are exact sums of x^r rounded per prediction, rounded once: relative error
/// below (r + 1) u, and an absolute 2^-1074 r per prediction for products that underflow.
fn fourier_finish(setup: &FourierSetup, low: &[ExactSum], high: &[ExactSum]) -> (f64, f64) {
    let FourierSetup {
        period,
        half,
        relative,
        count,
        kept,
        omitted,
        terms,
        difference,
        offset,
        offset_error,
        scale,
        tail_bound,
    } = *setup;
    let low_sums: Vec<f64> = low.iter().map(ExactSum::value).collect();
    let high_sums: Vec<f64> = high.iter().map(ExactSum::value).collect();
    let predictions = (low[0].count() + high[0].count()) as f64;
    let sum_error = |r: usize| (r as f64 + 2.0) * UNIT;
    let underflow = |r: usize| predictions * r as f64 * f64::from_bits(1) * 2.0;
    let period_f = period as f64;
    let mut total = count as f64 / period_f;
    // The error of the computed Sigma: rounding and the frequencies left out.
    let mut error = UNIT * total.abs() + omitted;
    let mut weights = 0.0;
    for l in 1..=kept {
        let (s, c) = sin_cos_pi(l, period);
        // w = 2 pi l / L; z = e^{iw} - 1 = 2 s (-s + i c) with |z| = 2 s.
        let w = 2.0 * std::f64::consts::PI * (l as f64 / period_f);
        // Real part of the first-order term: (cos w - 1)(A1 + B1) = -2 s^2 (A1 + B1).
        let first_real = -2.0 * s * s * (low_sums[0] + high_sums[0]);
        // Imaginary part: w (mu - m) + (sin w - w)(A1 - B1), sin w - w by its series.
        let mut sine_excess = 0.0;
        let mut power = w;
        let mut factorial = 1.0;
        let mut index = 1.0;
        loop {
            power *= -w * w;
            factorial *= (index + 1.0) * (index + 2.0);
            index += 2.0;
            let next = sine_excess + power / factorial;
            if next == sine_excess {
                break;
            }
            sine_excess = next;
        }
        let d1 = difference.0 + difference.1;
        let first_imaginary = w * offset + sine_excess * d1;
        let mut log_real = first_real;
        let mut log_imaginary = first_imaginary;
        let mut magnitudes = first_real.abs() + (w * offset).abs() + (sine_excess * d1).abs();
        let mut log_error = (w * offset_error + sine_excess.abs() * offset_error)
            + 16.0 * UNIT * magnitudes
            + sum_error(1) * first_real.abs();
        // Higher orders: (-1)^{r+1}/r (z^r A_r + conj(z)^r B_r).
        let (z_re, z_im) = (-2.0 * s * s, 2.0 * s * c);
        let (mut power_re, mut power_im) = (z_re, z_im);
        for r in 2..=terms {
            let (next_re, next_im) = (
                power_re * z_re - power_im * z_im,
                power_re * z_im + power_im * z_re,
            );
            power_re = next_re;
            power_im = next_im;
            let (a, b) = (low_sums[r - 1], high_sums[r - 1]);
            // z^r A + conj(z^r) B = (A + B) Re z^r + i (A - B) Im z^r.
            let sign = if r % 2 == 0 { -1.0 } else { 1.0 } / r as f64;
            let term_re = sign * (a + b) * power_re;
            let term_im = sign * (a - b) * power_im;
            let size = (2.0 * s).powi(r as i32) * (a + b) / r as f64;
            log_real += term_re;
            log_imaginary += term_im;
            magnitudes += size;
            log_error += size * ((16.0 * r as f64 + 16.0) * UNIT + sum_error(r))
                + (2.0 * s).powi(r as i32) * underflow(r);
        }
        log_error +=
            (terms as f64 + 4.0) * UNIT * magnitudes + series_tail(scale, terms, s + 16.0 * UNIT);
        // psi = exp(log_real) (cos + i sin)(log_imaginary).
        let modulus = log_real.exp();
        let (phase_sin, phase_cos) = log_imaginary.sin_cos();
        // D_l = exp(i pi l (h - k + m) / L) sin(pi l c / L) / sin(pi l / L).
        let (d_sin, d_cos) = sin_cos_pi(l * (half - relative), period);
        let (ratio_sin, _) = sin_cos_pi(l * count, period);
        let d_size = ratio_sin / s;
        // Re(psi D) = modulus d_size (cos(theta) cos(phi) - sin(theta) sin(phi)).
        let product = modulus * d_size * (phase_cos * d_cos - phase_sin * d_sin);
        total += 2.0 / period_f * product;
        let bound = 2.0 / period_f * modulus * (1.0 + 16.0 * UNIT) / s;
        weights += bound;
        // |psi - psi_hat| <= |psi_hat| (e^{E} - 1 + 64 u) (exp, sin, cos, products), and D
        // has absolute error below 120 u / s: three trigonometric values, one division.
        error += bound * ((log_error.exp_m1() + 64.0 * UNIT) + 120.0 * UNIT);
    }
    // Rounding of the products and the running sum of `kept` + 1 terms.
    error += (kept as f64 + 8.0) * UNIT * (weights + total.abs());
    // P(S <= k) lies in [Sigma - P(|T| > h), Sigma + P(T < -h)], each tail below 1e-20.
    // The last subtraction and addition round too: widen by 4 u relative (and by the
    // smallest positive float, should the upper end underflow).
    let lower = ((total - error - 2.0 * FOURIER_NEGLIGIBLE) * (1.0 - 4.0 * UNIT)).max(0.0);
    let upper =
        ((total + error + FOURIER_NEGLIGIBLE) * (1.0 + 4.0 * UNIT) + f64::from_bits(1)).min(1.0);
    (lower.min(tail_bound), upper.min(tail_bound))
}

/// A rigorous bracket around P(S <= correct) by [`fourier_finish`], on one bin's
/// confidences in memory; `None` when the plan is not the Fourier bracket's.
pub fn fourier_bracket(confidences: &[f64], epsilon: f64, correct: u64) -> Option<(f64, f64)> {
    let mut moments = Moments::default();
    for &confidence in confidences {
        moments.add(confidence, epsilon);
    }
    if correct < moments.sure {
        return Some((0.0, 0.0));
    }
    match fourier_setup(&moments, correct - moments.sure)? {
        FourierStart::Settled(lower, upper) => Some((lower, upper)),
        FourierStart::Series(setup) => {
            let mut second = SecondPass::new(Need::PowerSums(setup.terms));
            for &confidence in confidences {
                second.add(confidence, epsilon);
            }
            match &second {
                SecondPass::PowerSums { low, high } => Some(fourier_finish(&setup, low, high)),
                _ => None,
            }
        }
    }
}

/// A valid upper bound on P(S <= correct): the normal distribution function at the
/// standardised count plus the Berry–Esseen bound 0.56 sum E|X_i - p_i|^3 / sigma^3
/// (Shevtsova 2010, independent non-identical summands) and 1e-12 for rounding.
fn berry_esseen_bound(moments: &Moments, correct: u64) -> f64 {
    // The mean, exactly: the certain predictions, the low p and the high 1 - q.
    let exact_mean = moments.low.exact() - moments.high.exact()
        + BigRational::from_integer(BigInt::from(moments.sure + moments.high.count()));
    let mean = rational_to_float(&exact_mean, FloatFormat::F64, Rounding::NearestEven);
    let variance = moments.variance.value();
    let third = moments.third.value();
    if variance == 0.0 {
        return if correct as f64 >= mean { 1.0 } else { 0.0 };
    }
    let deviation = variance.sqrt();
    let z = (correct as f64 - mean) / deviation;
    let bound = normal_cdf(z) + 0.56 * third / (variance * deviation) + 1e-12;
    bound.min(1.0)
}

/// [`berry_esseen_bound`] on one bin's confidences in memory.
pub fn berry_esseen_p_value(confidences: &[f64], epsilon: f64, correct: u64) -> f64 {
    let mut moments = Moments::default();
    for &confidence in confidences {
        moments.add(confidence, epsilon);
    }
    berry_esseen_bound(&moments, correct)
}

/// The standard normal distribution function, with absolute error below 1e-14.
pub fn normal_cdf(z: f64) -> f64 {
    if z.is_nan() {
        return f64::NAN;
    }
    let x = z / std::f64::consts::SQRT_2;
    if x < 0.0 {
        0.5 * complementary_error_function(-x)
    } else {
        1.0 - 0.5 * complementary_error_function(x)
    }
}

/// erfc(x) for x >= 0: the Taylor series of erf below 2.5, the continued fraction above.
fn complementary_error_function(x: f64) -> f64 {
    let two_over_root_pi = 2.0 / std::f64::consts::PI.sqrt();
    if x < 2.5 {
        let square = x * x;
        let mut term = x;
        let mut sum = x;
        let mut n = 0.0;
        loop {
            n += 1.0;
            term *= -square / n;
            let next = sum + term / (2.0 * n + 1.0);
            if next == sum {
                break;
            }
            sum = next;
        }
        return 1.0 - two_over_root_pi * sum;
    }
    if x > 27.0 {
        return 0.0;
    }
    // erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + ...)))), by Lentz.
    const TINY: f64 = 1e-300;
    let mut fraction = x;
    let mut c = x;
    let mut d = 0.0;
    for k in 1..500 {
        let coefficient = k as f64 / 2.0;
        d = x + coefficient * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = x + coefficient / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let change = c * d;
        fraction *= change;
        if (change - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (-x * x).exp() / std::f64::consts::PI.sqrt() / fraction
}

/// Holm's step-down adjustment. Hypotheses are ordered by p-value, ties by index (the
/// order of ties does not change any adjusted value); the adjusted p-value of the i-th
/// smallest (1-based) is max over j <= i of min(1, (m - j + 1) p_(j)), in f64.
pub fn holm_adjust(p_values: &[f64]) -> Vec<f64> {
    let m = p_values.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&left, &right| {
        p_values[left]
            .total_cmp(&p_values[right])
            .then(left.cmp(&right))
    });
    let mut adjusted = vec![0.0; m];
    let mut running = 0.0f64;
    for (rank, &index) in order.iter().enumerate() {
        let scaled = ((m - rank) as f64 * p_values[index]).min(1.0);
        running = running.max(scaled);
        adjusted[index] = running;
    }
    adjusted
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Exact P(S <= k) by enumerating all outcomes, for tiny n.
    fn brute_force_cdf(probabilities: &[f64], k: u64) -> f64 {
        let n = probabilities.len();
        let mut total = 0.0;
        for mask in 0u32..(1 << n) {
            if u64::from(mask.count_ones()) > k {
                continue;
            }
            let mut product = 1.0;
            for (index, &p) in probabilities.iter().enumerate() {
                product *= if mask & (1 << index) != 0 { p } else { 1.0 - p };
            }
            total += product;
        }
        total
    }

    #[test]
    fn poisson_binomial_matches_enumeration() {
        let confidences = [0.91, 0.5, 0.77, 0.33, 0.99, 0.62, 0.85, 0.4, 0.7, 0.95];
        for epsilon in [0.0, 0.05] {
            let shifted: Vec<f64> = confidences
                .iter()
                .map(|c| f64::max(c - epsilon, 0.0))
                .collect();
            for k in 0..confidences.len() as u64 {
                let p_value = poisson_binomial_p_value(&confidences, epsilon, k);
                assert_eq!(p_value.method, PValueMethod::Exact);
                let expected = brute_force_cdf(&shifted, k);
                assert!(
                    (p_value.value - expected).abs() <= 1e-14 * expected.max(1e-300),
                    "k = {k}: {p_value:?} vs {expected}"
                );
                assert!(p_value.lower <= expected && expected <= p_value.upper);
            }
        }
    }

    /// Success probabilities of several shapes: spread out, concentrated near 0 or 1,
    /// a mixture of both sides of 1/2, and some exactly 0 or 1 (taken out before the
    /// bracket, as the p-value function does).
    fn probability_sets(n: usize) -> Vec<Vec<f64>> {
        let mut random = crate::random::Random::new(0x2545_F491_4F6C_DD1D ^ n as u64);
        let mut uniform = move || random.unit();
        let spread: Vec<f64> = (0..n).map(|_| 0.05 + 0.9 * uniform()).collect();
        let confident: Vec<f64> = (0..n).map(|_| 0.9 + 0.0999 * uniform()).collect();
        let rare: Vec<f64> = (0..n).map(|_| 0.08 * uniform() + 1e-9).collect();
        let mixed: Vec<f64> = (0..n)
            .map(|i| {
                if i % 3 == 0 {
                    0.5
                } else if i % 3 == 1 {
                    0.5 + 0.5 * uniform() * 0.999
                } else {
                    0.5 * uniform() + 1e-12
                }
            })
            .collect();
        vec![spread, confident, rare, mixed]
    }

    /// The mean and standard deviation of the sum of Bernoulli(p_i).
    fn mean_and_deviation(probabilities: &[f64]) -> (f64, f64) {
        let mean = probabilities.iter().sum();
        let variance: f64 = probabilities.iter().map(|p| p * (1.0 - p)).sum();
        (mean, variance.sqrt())
    }

    /// The exact recursion's value and its rounding bound, as an interval.
    fn exact_interval(probabilities: &[f64], k: u64) -> (f64, f64) {
        let value = exact_p_value(probabilities, 0.0, k);
        let relative = exact_relative_error(probabilities.len() as u64, k);
        (value * (1.0 - relative), value * (1.0 + relative))
    }

    /// The whole distribution of S by the forward recursion, and the cumulative sums
    /// P(S <= k) for every k; each with relative error below (2 n + k + 1) u.
    fn exact_distribution_function(probabilities: &[f64]) -> Vec<f64> {
        let mut distribution = vec![1.0];
        for &p in probabilities {
            let mut next = vec![0.0; distribution.len() + 1];
            for (j, &mass) in distribution.iter().enumerate() {
                next[j] += mass * (1.0 - p);
                next[j + 1] += mass * p;
            }
            distribution = next;
        }
        let mut running = 0.0;
        distribution
            .iter()
            .map(|&mass| {
                running += mass;
                running
            })
            .collect()
    }

    #[test]
    fn fourier_bracket_holds_the_exact_value() {
        let mut bracketed = 0;
        for n in [1500usize, 6000, 12000] {
            for probabilities in probability_sets(n) {
                let cumulative = exact_distribution_function(&probabilities);
                let (mean, deviation) = mean_and_deviation(&probabilities);
                for z in [
                    -40.0, -20.0, -12.0, -6.0, -3.0, -1.7, -0.4, 0.0, 0.9, 2.5, 8.0, 15.0, 30.0,
                ] {
                    let k = (mean + z * deviation).floor().clamp(0.0, n as f64 - 1.0) as u64;
                    let Some((lower, upper)) = fourier_bracket(&probabilities, 0.0, k) else {
                        assert!(deviation < 30.0, "no bracket with sigma = {deviation}");
                        continue;
                    };
                    bracketed += 1;
                    let relative = exact_relative_error(n as u64, k);
                    let exact = cumulative[k as usize];
                    let (exact_low, exact_high) =
                        (exact * (1.0 - relative), exact * (1.0 + relative));
                    assert!(
                        lower <= exact_high && exact_low <= upper,
                        "n = {n}, sigma = {deviation}, k = {k}: [{lower:e}, {upper:e}] misses {exact_low:e}"
                    );
                    assert!(
                        upper - lower <= 1e-11,
                        "n = {n}, k = {k}: the bracket [{lower:e}, {upper:e}] is wide"
                    );
                }
            }
        }
        assert!(bracketed >= 100, "only {bracketed} brackets computed");
    }

    /// Double-double arithmetic (about 106 bits) for a reference distribution function
    /// whose error, about n 2^-104, is far below the brackets' widths.
    type DoubleDouble = (f64, f64);

    fn two_sum(a: f64, b: f64) -> DoubleDouble {
        let sum = a + b;
        let virtual_b = sum - a;
        (sum, (a - (sum - virtual_b)) + (b - virtual_b))
    }

    /// Dekker's exact product by Veltkamp splitting (no fused multiply-add needed).
    fn two_product(a: f64, b: f64) -> DoubleDouble {
        let split = |x: f64| {
            let scaled = 134_217_729.0 * x;
            let high = scaled - (scaled - x);
            (high, x - high)
        };
        let product = a * b;
        let (a_high, a_low) = split(a);
        let (b_high, b_low) = split(b);
        let error = ((a_high * b_high - product) + a_high * b_low + a_low * b_high) + a_low * b_low;
        (product, error)
    }

    fn add(x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let (sum, error) = two_sum(x.0, y.0);
        let error = error + x.1 + y.1;
        let high = sum + error;
        (high, error - (high - sum))
    }

    fn multiply(x: DoubleDouble, y: DoubleDouble) -> DoubleDouble {
        let (product, error) = two_product(x.0, y.0);
        let error = error + x.0 * y.1 + x.1 * y.0;
        let high = product + error;
        (high, error - (high - product))
    }

    /// P(S <= k) for every k, in double-double.
    fn precise_distribution_function(probabilities: &[f64]) -> Vec<f64> {
        let mut distribution: Vec<DoubleDouble> = vec![(1.0, 0.0)];
        for &p in probabilities {
            let q = two_sum(1.0, -p);
            let mut next = vec![(0.0, 0.0); distribution.len() + 1];
            for (j, &mass) in distribution.iter().enumerate() {
                next[j] = add(next[j], multiply(mass, q));
                next[j + 1] = add(next[j + 1], multiply(mass, (p, 0.0)));
            }
            distribution = next;
        }
        let mut running = (0.0, 0.0);
        distribution
            .iter()
            .map(|&mass| {
                running = add(running, mass);
                running.0 + running.1
            })
            .collect()
    }

    #[test]
    fn fourier_error_bounds_hold_against_double_double() {
        // The brackets are about 1e-13 wide, far narrower than the f64 recursion's own
        // error bound, so their error accounting is checked against a 106-bit reference.
        let mut checked = 0;
        for probabilities in probability_sets(6000) {
            let (mean, deviation) = mean_and_deviation(&probabilities);
            let ks: Vec<u64> = [-9.0, -5.0, -2.0, -1.0, -0.3, 0.0, 0.6, 1.4, 3.0, 6.0]
                .iter()
                .map(|z| (mean + z * deviation).floor() as u64)
                .collect();
            if fourier_bracket(&probabilities, 0.0, ks[5]).is_none() {
                continue;
            }
            let reference = precise_distribution_function(&probabilities);
            for &k in &ks {
                let (lower, upper) = fourier_bracket(&probabilities, 0.0, k).expect("a bracket");
                let exact = reference[k as usize];
                let slack = 1e-25 + 1e-28 * exact;
                assert!(
                    lower - slack <= exact && exact <= upper + slack,
                    "k = {k}: [{lower:e}, {upper:e}] misses {exact:e}"
                );
                checked += 1;
            }
        }
        assert!(checked >= 20, "{checked}");
    }

    #[test]
    fn large_bins_get_a_bracket_that_matches_the_recursion() {
        // n (k + 2) > 2^28: the p-value function brackets; the recursion, run here
        // anyway, must lie inside.
        let probabilities = &probability_sets(24000)[0];
        let mean: f64 = probabilities.iter().sum();
        for offset in [-300.0, -150.0, -60.0, 0.0] {
            let k = (mean + offset) as u64;
            let p_value = poisson_binomial_p_value(probabilities, 0.0, k);
            assert_eq!(p_value.method, PValueMethod::FourierBracket);
            assert_eq!(p_value.value, p_value.upper);
            let (exact_low, exact_high) = exact_interval(probabilities, k);
            assert!(p_value.lower <= exact_high && exact_low <= p_value.upper);
        }
    }

    #[test]
    fn certain_predictions_are_taken_out_exactly() {
        // Confidences 1.0 with epsilon 0 are always correct; 0.0 never.
        let mut confidences = vec![1.0; 50];
        confidences.extend([0.0; 20]);
        confidences.extend([0.7, 0.8, 0.6]);
        let shifted = [0.7, 0.8, 0.6];
        for k in 0..73u64 {
            let p_value = poisson_binomial_p_value(&confidences, 0.0, k);
            let expected = if k < 50 {
                0.0
            } else {
                brute_force_cdf(&shifted, k - 50)
            };
            assert!((p_value.value - expected).abs() <= 1e-15, "k = {k}");
        }
    }

    #[test]
    fn berry_esseen_bound_is_above_the_exact_value() {
        let confidences: Vec<f64> = (0..4000)
            .map(|i| 0.5 + 0.4 * ((i % 97) as f64 / 97.0))
            .collect();
        for k in [2500u64, 2700, 2750, 2800, 2900, 3999] {
            let exact = exact_p_value(&confidences, 0.01, k);
            let bound = berry_esseen_p_value(&confidences, 0.01, k);
            assert!(bound >= exact, "k = {k}: bound {bound} below exact {exact}");
            assert!(
                bound - exact < 0.02,
                "k = {k}: bound {bound} far from {exact}"
            );
        }
    }

    #[test]
    fn binomial_tail_matches_summed_probabilities() {
        for (n, p) in [(10u64, 0.3), (57, 0.91), (200, 0.02), (1000, 0.5)] {
            let mut tail = 0.0;
            for k in (0..=n).rev() {
                tail += binomial_pmf(k, n, p);
                let computed = binomial_upper_tail(k, n, p);
                assert!(
                    (computed - tail).abs() <= 1e-13 * tail.max(1e-200) + 1e-300,
                    "n = {n}, p = {p}, k = {k}: {computed} vs {tail}"
                );
            }
        }
    }

    #[test]
    fn holm_handles_ties_and_order() {
        let adjusted = holm_adjust(&[0.01, 0.04, 0.03, 0.01]);
        assert_eq!(adjusted, vec![0.04, 0.06, 0.06, 0.04]);
        assert_eq!(holm_adjust(&[0.9, 0.001]), vec![0.9, 0.002]);
        assert!(holm_adjust(&[]).is_empty());
    }

    #[test]
    fn normal_cdf_known_values() {
        assert!((normal_cdf(0.0) - 0.5).abs() < 1e-16);
        assert!((normal_cdf(-1.959_963_984_540_054) - 0.025).abs() < 1e-14);
        assert!((normal_cdf(1.0) - 0.841_344_746_068_542_9).abs() < 1e-14);
        assert!((normal_cdf(-5.0) - 2.866_515_718_791_939e-7).abs() < 1e-18);
    }
}
