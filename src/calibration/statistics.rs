//! The statistics of calibration bins: Wilson and Clopper–Pearson bounds, the exact
//! Poisson-binomial p-value, Holm's adjustment and the normal tail.
//!
//! Formulas and operation orders are stated in `specs/calibration.md`; the tests compare
//! every function with references computed once by `scripts/calibration_references.py`
//! (scipy) and committed in `tests/calibration/references.json`.

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
/// recursion may take for one bin; larger bins use the Berry–Esseen bound.
pub const EXACT_WORK_LIMIT: u64 = 1 << 28;

/// How a p-value was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PValueMethod {
    /// The exact recursion over the bin's predictions (relative error below (n + k + 2) * 2^-52).
    Exact,
    /// A valid upper bound: the normal tail plus the Berry–Esseen error bound (Shevtsova's constant 0.56).
    BerryEsseenBound,
}

/// The one-sided p-value of H0: every prediction i of the bin is correct with probability
/// at least max(0, c_i - epsilon), against overconfidence: P(S <= correct) where S is the
/// sum of independent Bernoulli(max(0, c_i - epsilon)) variables (the least favourable
/// point of H0). `confidences` are the bin's confidences in any order.
pub fn poisson_binomial_p_value(
    confidences: &[f64],
    epsilon: f64,
    correct: u64,
) -> (f64, PValueMethod) {
    let n = confidences.len() as u64;
    if correct >= n {
        return (1.0, PValueMethod::Exact);
    }
    let states = correct as usize + 2;
    if n.saturating_mul(states as u64) <= EXACT_WORK_LIMIT {
        (
            exact_p_value(confidences, epsilon, correct),
            PValueMethod::Exact,
        )
    } else {
        (
            berry_esseen_p_value(confidences, epsilon, correct),
            PValueMethod::BerryEsseenBound,
        )
    }
}

/// P(S <= correct) by the recursion over the predictions: distribution[j] = P(S_t = j)
/// for j <= correct, and distribution[correct + 1] holds P(S_t > correct), which never
/// flows back. Every update is a convex combination of non-negative numbers, so after
/// t predictions each entry has a relative error below 2 t 2^-53, and the sum of
/// correct + 1 entries below (2 n + correct + 1) 2^-53.
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

/// A valid upper bound on P(S <= correct): the normal distribution function at the
/// standardised count plus the Berry–Esseen bound 0.56 sum E|X_i - p_i|^3 / sigma^3
/// (Shevtsova 2010, independent non-identical summands) and 1e-12 for rounding.
pub fn berry_esseen_p_value(confidences: &[f64], epsilon: f64, correct: u64) -> f64 {
    let mut mean = 0.0;
    let mut variance = 0.0;
    let mut third = 0.0;
    for &confidence in confidences {
        let p = (confidence - epsilon).max(0.0);
        let q = 1.0 - p;
        mean += p;
        variance += p * q;
        third += p * q * (p * p + q * q);
    }
    if variance == 0.0 {
        return if correct as f64 >= mean { 1.0 } else { 0.0 };
    }
    let deviation = variance.sqrt();
    let z = (correct as f64 - mean) / deviation;
    let bound = normal_cdf(z) + 0.56 * third / (variance * deviation) + 1e-12;
    bound.min(1.0)
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
                let (p_value, method) = poisson_binomial_p_value(&confidences, epsilon, k);
                assert_eq!(method, PValueMethod::Exact);
                let expected = brute_force_cdf(&shifted, k);
                assert!(
                    (p_value - expected).abs() <= 1e-14 * expected.max(1e-300),
                    "k = {k}: {p_value} vs {expected}"
                );
            }
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
