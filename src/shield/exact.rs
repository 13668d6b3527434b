//! Exact decisions on floats: whether a linear inequality holds at float values, and the exact boundary float of a literal.
//!
//! Correction is defined on representable values: a bound is "the smallest
//! float of the output type that satisfies the literal", not a rounded real.
//! Decisions use a float evaluation with a rigorous error bound and fall back
//! to exact rational arithmetic when the bound cannot decide.

use crate::linear::{Inequality, Relation};
use crate::number::{float_to_rational, rational_to_float, FloatFormat, Rounding};
use num_rational::BigRational;
use num_traits::{Signed, ToPrimitive, Zero};

/// Unit roundoff of f64.
const UNIT_ROUNDOFF: f64 = f64::EPSILON / 2.0;

/// An inequality prepared for fast evaluation: f64 approximations of its coefficients beside the exact ones.
#[derive(Clone, Debug)]
pub struct PreparedInequality {
    pub exact: Inequality,
    /// `(column, nearest f64 of the coefficient)`.
    pub terms: Vec<(usize, f64)>,
    pub constant: f64,
    /// The inequality scaled by the common denominator of its numbers, when every scaled
    /// number is an integer exactly representable in f64: `(terms, constant)`. Its sign can
    /// then be decided exactly with floating-point expansions instead of big rationals.
    pub integral: Option<(Vec<(usize, f64)>, f64)>,
    /// `compared_columns`, found once.
    compared: Option<(usize, usize)>,
}

impl PreparedInequality {
    pub fn new(exact: Inequality) -> PreparedInequality {
        let nearest =
            |value: &BigRational| rational_to_float(value, FloatFormat::F64, Rounding::NearestEven);
        PreparedInequality {
            terms: exact
                .terms
                .iter()
                .map(|(column, coefficient)| (*column, nearest(coefficient)))
                .collect(),
            constant: nearest(&exact.constant),
            integral: integral_form(&exact),
            compared: compared_columns(&exact),
            exact,
        }
    }

    /// Whether the inequality holds at `values` (indexed by column), decided exactly.
    pub fn holds(&self, values: &[f64]) -> bool {
        if let Some((larger, smaller)) = self.compared {
            let (larger, smaller) = (values[larger], values[smaller]);
            // Comparing two finite floats is exact; anything else takes the general path.
            if larger.is_finite() && smaller.is_finite() {
                return match self.exact.relation {
                    Relation::AtLeast => larger >= smaller,
                    Relation::Greater => larger > smaller,
                };
            }
        }
        let mut sum = -self.constant;
        let mut magnitude = self.constant.abs();
        for (column, coefficient) in &self.terms {
            let product = coefficient * values[*column];
            sum += product;
            magnitude += product.abs();
        }
        // Rounding of n products, n+1 additions and n+1 coefficients, each at most
        // one unit roundoff relative to the magnitudes involved, plus underflow.
        let count = self.terms.len() as f64 + 2.0;
        // `count` smallest subnormals, from their bits: a multiplication with a subnormal
        // result takes a slow microcode assist on x86.
        let error = 4.0 * count * UNIT_ROUNDOFF * magnitude + f64::from_bits(count as u64);
        if sum.is_finite() && error.is_finite() {
            if sum > error {
                return true;
            }
            if sum < -error {
                return false;
            }
        }
        if let Some(sign) = self
            .integral_dot2_sign(values)
            .or_else(|| self.integral_sign(values))
        {
            return match self.exact.relation {
                Relation::AtLeast => sign >= 0,
                Relation::Greater => sign > 0,
            };
        }
        self.holds_exactly(values)
    }

    /// A difference literal `a y_i - a y_j ⋈ 0` (any nonzero `a`, exactly) compares two
    /// values of the row: `(larger, smaller)` such that it says `y_larger ⋈ y_smaller`.
    /// Most requirements in the shared files have this shape, and a comparison of two
    /// floats is exact, so such literals are decided with one comparison and their
    /// boundaries found with no arithmetic. `None` for every other literal.
    pub fn compared_columns(&self) -> Option<(usize, usize)> {
        self.compared
    }

    /// The other column of a difference literal (`compared_columns`) that mentions `column`.
    pub fn difference_partner(&self, column: usize) -> Option<usize> {
        match self.compared_columns()? {
            (larger, smaller) if larger == column => Some(smaller),
            (larger, smaller) if smaller == column => Some(larger),
            _ => None,
        }
    }

    /// The sign of `sum - constant` on the integral form when Dot2 (Ogita, Rump and Oishi: a
    /// dot product in twice the working precision) with its error bound decides it, which it
    /// does for all but near-ties; cheaper than the expansion and allocation-free. The
    /// compiled runtime (`codegen/runtime.c`) uses the same bound.
    fn integral_dot2_sign(&self, values: &[f64]) -> Option<i32> {
        let (terms, constant) = self.integral.as_ref()?;
        let mut dot = -constant;
        let mut correction = 0.0;
        let mut size = constant.abs();
        for (column, coefficient) in terms {
            let value = values[*column];
            let product = coefficient * value;
            let product_error = coefficient.mul_add(value, -product);
            let sum = dot + product;
            let virtual_product = sum - dot;
            let sum_error = (dot - (sum - virtual_product)) + (product - virtual_product);
            dot = sum;
            correction += sum_error + product_error;
            size += product.abs();
        }
        if size > f64::MAX {
            return None;
        }
        let value = dot + correction;
        let count = terms.len() as f64 + 1.0;
        let gamma = count * UNIT_ROUNDOFF;
        // `4 count` smallest subnormals from their bits (see `holds`).
        let bound = 2.0 * UNIT_ROUNDOFF * value.abs()
            + 4.0 * gamma * gamma * size
            + f64::from_bits(4 * (terms.len() as u64 + 1));
        if value > bound {
            Some(1)
        } else if value < -bound {
            Some(-1)
        } else {
            None
        }
    }

    /// The exact sign of `sum - constant` through the integral form, or `None` when products
    /// could under- or overflow (their rounding errors would then not be representable).
    fn integral_sign(&self, values: &[f64]) -> Option<i32> {
        let (terms, constant) = self.integral.as_ref()?;
        let mut expansion: Vec<f64> = Vec::with_capacity(2 * terms.len() + 1);
        grow(&mut expansion, -constant);
        for (column, coefficient) in terms {
            let value = values[*column];
            let product = coefficient * value;
            if product == 0.0 {
                continue;
            }
            if !product.is_finite() || product.abs() < 1e-280 || product.abs() > 1e300 {
                return None;
            }
            let error = coefficient.mul_add(value, -product);
            grow(&mut expansion, product);
            grow(&mut expansion, error);
        }
        // In a nonoverlapping expansion the largest nonzero component decides the sign.
        let leading = expansion
            .iter()
            .rev()
            .find(|component| **component != 0.0)
            .copied()
            .unwrap_or(0.0);
        if !leading.is_finite() {
            return None;
        }
        Some(if leading > 0.0 {
            1
        } else if leading < 0.0 {
            -1
        } else {
            0
        })
    }

    fn holds_exactly(&self, values: &[f64]) -> bool {
        let mut sum = BigRational::zero();
        for (column, coefficient) in &self.exact.terms {
            let value =
                float_to_rational(values[*column]).expect("finite values only reach the shield");
            sum += coefficient * value;
        }
        match self.exact.relation {
            Relation::AtLeast => sum >= self.exact.constant,
            Relation::Greater => sum > self.exact.constant,
        }
    }

    /// The exact real value of `(constant - sum of other terms) / coefficient of column`: where the literal's boundary is.
    pub fn real_bound(&self, column: usize, values: &[f64]) -> BigRational {
        let mut rest = self.exact.constant.clone();
        let mut own = BigRational::zero();
        for (term_column, coefficient) in &self.exact.terms {
            if *term_column == column {
                own = coefficient.clone();
            } else {
                let value = float_to_rational(values[*term_column])
                    .expect("finite values only reach the shield");
                rest -= coefficient * value;
            }
        }
        rest / own
    }

    /// An f64 estimate of the boundary of the literal in `column`.
    ///
    /// The sum is compensated (Dot2: TwoSum and FMA error terms), so that a literal of
    /// many terms starts the boundary search within a float or two of its answer; the
    /// compiled kernels estimate the same way.
    fn estimated_bound(&self, column: usize, values: &[f64]) -> f64 {
        let mut rest = self.constant;
        let mut correction = 0.0;
        let mut own = 0.0;
        for (term_column, coefficient) in &self.terms {
            if *term_column == column {
                own = *coefficient;
                continue;
            }
            let product = coefficient * -values[*term_column];
            let product_error = coefficient.mul_add(-values[*term_column], -product);
            let sum = rest + product;
            let virtual_product = sum - rest;
            let sum_error = (rest - (sum - virtual_product)) + (product - virtual_product);
            rest = sum;
            correction += sum_error + product_error;
        }
        (rest + correction) / own
    }
}

/// Adds a float to a nonoverlapping expansion exactly (Shewchuk's GROW-EXPANSION with TwoSum).
fn grow(expansion: &mut Vec<f64>, value: f64) {
    let mut carry = value;
    for component in expansion.iter_mut() {
        let sum = carry + *component;
        let virtual_value = sum - carry;
        let error = (carry - (sum - virtual_value)) + (*component - virtual_value);
        *component = error;
        carry = sum;
    }
    expansion.push(carry);
    expansion.retain(|component| *component != 0.0);
}

/// The least common denominator of an inequality's numbers: scaling by it makes every
/// coefficient and the constant an integer.
fn common_denominator(inequality: &Inequality) -> num_bigint::BigInt {
    use num_integer::Integer;
    let mut denominator = num_bigint::BigInt::from(1u32);
    for value in inequality
        .terms
        .iter()
        .map(|(_, coefficient)| coefficient)
        .chain(std::iter::once(&inequality.constant))
    {
        denominator = denominator.lcm(value.denom());
    }
    denominator
}

/// The inequality times the least common denominator of its numbers, if every scaled number is an
/// integer of magnitude at most 2^53 (so exactly an f64).
fn integral_form(inequality: &Inequality) -> Option<(Vec<(usize, f64)>, f64)> {
    let (terms, constant) = integral_parts(inequality, 1)?;
    Some((
        terms
            .into_iter()
            .map(|(column, parts)| (column, parts[0]))
            .collect(),
        constant[0],
    ))
}

/// An integer-scaled inequality with each integer split into exact doubles: `(terms, constant)`,
/// each term a column and the parts of its coefficient.
pub type IntegralParts = (Vec<(usize, Vec<f64>)>, Vec<f64>);

/// The inequality times the least common denominator of its numbers, every scaled integer
/// written as a sum of at most `most` doubles (largest first, each exact, nonoverlapping):
/// the form in which the compiled runtime decides literals exactly with float expansions.
/// Zero is one part `0.0`. `None` when some integer needs more parts.
pub fn integral_parts(inequality: &Inequality, most: usize) -> Option<IntegralParts> {
    let denominator = common_denominator(inequality);
    let split = |value: &BigRational| -> Option<Vec<f64>> {
        let scaled = (value * BigRational::from_integer(denominator.clone())).to_integer();
        let mut rest = scaled.magnitude().clone();
        let mut parts = Vec::new();
        while !rest.is_zero() {
            // The top 53 bits of what is left are exactly a double.
            let shift = rest.bits().saturating_sub(53);
            let chunk = (&rest >> shift) << shift;
            let part = chunk.to_f64().filter(|part| part.is_finite())?;
            parts.push(if scaled.is_negative() { -part } else { part });
            rest -= chunk;
        }
        if parts.is_empty() {
            parts.push(0.0);
        }
        (parts.len() <= most).then_some(parts)
    };
    let terms = inequality
        .terms
        .iter()
        .map(|(column, coefficient)| split(coefficient).map(|parts| (*column, parts)))
        .collect::<Option<Vec<_>>>()?;
    Some((terms, split(&inequality.constant)?))
}

/// `PreparedInequality::compared_columns` of an inequality.
fn compared_columns(exact: &Inequality) -> Option<(usize, usize)> {
    let [(first, a), (second, b)] = exact.terms.as_slice() else {
        return None;
    };
    if !exact.constant.is_zero() || *a != -b.clone() {
        return None;
    }
    Some(if a.is_positive() {
        (*first, *second)
    } else {
        (*second, *first)
    })
}

/// Maps a float of `format` (held in an f64) to an integer key with the same order; both zeros map to 0.
pub fn key(value: f64, format: FloatFormat) -> i64 {
    match format {
        FloatFormat::F64 => {
            let bits = value.to_bits() as i64;
            if bits < 0 {
                -(bits & i64::MAX)
            } else {
                bits
            }
        }
        FloatFormat::F32 => {
            let bits = (value as f32).to_bits() as i32;
            i64::from(if bits < 0 { -(bits & i32::MAX) } else { bits })
        }
    }
}

/// The float of `format` with a key; zero is +0.0.
pub fn from_key(key: i64, format: FloatFormat) -> f64 {
    match format {
        FloatFormat::F64 => {
            if key < 0 {
                -f64::from_bits((-key) as u64)
            } else {
                f64::from_bits(key as u64)
            }
        }
        FloatFormat::F32 => {
            let magnitude = f32::from_bits(key.unsigned_abs() as u32);
            f64::from(if key < 0 { -magnitude } else { magnitude })
        }
    }
}

/// The key of the largest finite float of a format.
pub fn maximum_key(format: FloatFormat) -> i64 {
    key(format.maximum_finite(), format)
}

/// The smallest (for a lower literal) or largest (for an upper literal) finite float of `format`
/// at which the literal holds in `column`, the others fixed at `values`. `None` when no finite float satisfies it.
pub fn boundary(
    literal: &PreparedInequality,
    column: usize,
    coefficient_positive: bool,
    values: &mut [f64],
    format: FloatFormat,
) -> Option<i64> {
    let maximum = maximum_key(format);
    if let Some(other) = literal.difference_partner(column) {
        // `a (y - v) ⋈ 0` with v = values[other]: for a > 0 (a lower literal) the first
        // float at which it holds is v when it is not strict and the next float up when it
        // is; for a < 0 the mirror image. Exact whenever v is a finite float of the format,
        // which every value of a row being corrected is; anything else takes the search below.
        let value = values[other];
        let own_key = key(value, format);
        if value.is_finite() && from_key(own_key, format) == value {
            let direction: i64 = if coefficient_positive { 1 } else { -1 };
            let strict = i64::from(literal.exact.relation == Relation::Greater);
            let found = own_key + direction * strict;
            return (-maximum..=maximum).contains(&found).then_some(found);
        }
    }
    searched_boundary(literal, column, coefficient_positive, values, format)
}

/// `boundary` by search on the key axis, for any literal: from the compensated estimate,
/// galloping until the answer changes, then bisecting; every step decided by `holds`.
fn searched_boundary(
    literal: &PreparedInequality,
    column: usize,
    coefficient_positive: bool,
    values: &mut [f64],
    format: FloatFormat,
) -> Option<i64> {
    let maximum = maximum_key(format);
    let saved = values[column];
    let holds_at = |candidate: i64, values: &mut [f64]| {
        values[column] = from_key(candidate, format);
        literal.holds(values)
    };
    // The literal is monotone in the column: for a lower literal it fails below the
    // boundary and holds above it. Flip the key axis for upper literals so one search serves both.
    let direction: i64 = if coefficient_positive { 1 } else { -1 };
    let estimate = literal.estimated_bound(column, values);
    let start = if estimate.is_nan() {
        0
    } else {
        let rounded = match format {
            FloatFormat::F64 => estimate,
            FloatFormat::F32 => f64::from(estimate as f32),
        };
        if rounded.is_infinite() {
            if rounded > 0.0 {
                maximum
            } else {
                -maximum
            }
        } else {
            key(rounded, format)
        }
    };
    // In the flipped axis, `holds` is false then true as t grows; find the first true.
    let to_key = |t: i64| t * direction;
    let result = (|| {
        let mut t = to_key(start);
        if holds_at(to_key(t), values) {
            // Walk down (in t) with doubling steps until it fails, then bisect.
            let mut step = 1i64;
            let mut high = t;
            loop {
                let low = (high - step).max(-maximum);
                if !holds_at(to_key(low), values) {
                    t = low;
                    break;
                }
                if low == -maximum {
                    return Some(to_key(-maximum));
                }
                high = low;
                step = step.saturating_mul(2);
            }
            Some(to_key(bisect(t, high, &mut |t| {
                holds_at(to_key(t), values)
            })))
        } else {
            let mut step = 1i64;
            let mut low = t;
            let high;
            loop {
                let candidate = (low + step).min(maximum);
                if holds_at(to_key(candidate), values) {
                    high = candidate;
                    break;
                }
                if candidate == maximum {
                    return None;
                }
                low = candidate;
                step = step.saturating_mul(2);
            }
            Some(to_key(bisect(low, high, &mut |t| {
                holds_at(to_key(t), values)
            })))
        }
    })();
    values[column] = saved;
    result
}

/// The first position where a monotone predicate holds, given one where it fails and a later one where it holds.
fn bisect(mut failing: i64, mut holding: i64, holds: &mut dyn FnMut(i64) -> bool) -> i64 {
    while holding - failing > 1 {
        let middle = failing + (holding - failing) / 2;
        if holds(middle) {
            holding = middle;
        } else {
            failing = middle;
        }
    }
    holding
}

/// Rounds an exact rational to the nearest finite float of `format`, saturating at the largest finite value.
pub fn nearest_finite(value: &BigRational, format: FloatFormat) -> f64 {
    let rounded = rational_to_float(value, format, Rounding::NearestEven);
    if rounded.is_infinite() {
        format.maximum_finite().copysign(rounded)
    } else {
        rounded
    }
}

/// Whether `value` is nearer to `low` than to `high`, exactly; ties go to `low`.
pub fn nearer_to_low(value: f64, low: f64, high: f64) -> bool {
    let exact = |x: f64| float_to_rational(x).expect("finite");
    let value = exact(value);
    let to_low = &value - exact(low);
    let to_high = exact(high) - &value;
    to_low.abs() <= to_high.abs()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(text: &str) -> BigRational {
        crate::number::parse_decimal(text).unwrap()
    }

    #[test]
    fn keys_order_floats() {
        for format in [FloatFormat::F32, FloatFormat::F64] {
            let values = [-3.5, -1e-30, -0.0, 0.0, 1e-40, 0.1, 2.0, 1e30];
            for pair in values.windows(2) {
                let (a, b) = (f64::from(pair[0] as f32), f64::from(pair[1] as f32));
                let (a, b) = if format == FloatFormat::F64 {
                    (pair[0], pair[1])
                } else {
                    (a, b)
                };
                assert!(key(a, format) <= key(b, format));
                assert_eq!(from_key(key(b, format), format), b);
            }
        }
    }

    #[test]
    fn boundaries_are_the_exact_first_satisfying_float() {
        // 3 y_1 >= 1 with nothing else: the smallest float with 3v >= 1 exactly.
        let literal = PreparedInequality::new(Inequality::new(
            vec![(1, r("3"))],
            Relation::AtLeast,
            r("1"),
        ));
        for format in [FloatFormat::F32, FloatFormat::F64] {
            let mut values = vec![0.0, 0.0];
            let found = from_key(
                boundary(&literal, 1, true, &mut values, format).unwrap(),
                format,
            );
            let third = BigRational::new(1.into(), 3.into());
            assert!(float_to_rational(found).unwrap() >= third);
            let below = from_key(key(found, format) - 1, format);
            assert!(float_to_rational(below).unwrap() < third);
        }
        // Strict upper literal: -y_0 > -0.5, i.e. y_0 < 0.5: the largest float below 0.5.
        let upper = PreparedInequality::new(Inequality::new(
            vec![(0, -r("1"))],
            Relation::Greater,
            -r("0.5"),
        ));
        let mut values = vec![0.0];
        let found = from_key(
            boundary(&upper, 0, false, &mut values, FloatFormat::F32).unwrap(),
            FloatFormat::F32,
        );
        assert_eq!(found, f64::from(0.5f32.next_down()));
        assert!((float_to_rational(found).unwrap() - r("0.5")).is_negative());
    }

    #[test]
    fn difference_boundaries_equal_the_search() {
        // `a y_c - a y_o ⋈ 0` in both orders of terms, both relations, scaled coefficients
        // of both signs: the shortcut's key equals the search's at every edge value.
        let edges = [
            0.0,
            -0.0,
            1.0,
            -2.5,
            f64::from(f32::MIN_POSITIVE),
            -f64::from(f32::from_bits(1)),
            f64::from(f32::MAX),
            -f64::from(f32::MAX),
            f64::MAX,
            -f64::MAX,
            f64::from_bits(1),
            0.1,
            -1e300,
        ];
        let mut checked = 0;
        for format in [FloatFormat::F32, FloatFormat::F64] {
            for (own, other) in [(0, 1), (1, 0)] {
                for scale in [r("1"), -r("1"), r("3"), -r("0.5")] {
                    for relation in [Relation::AtLeast, Relation::Greater] {
                        let literal = PreparedInequality::new(Inequality::new(
                            vec![(own, scale.clone()), (other, -scale.clone())],
                            relation,
                            r("0"),
                        ));
                        assert_eq!(literal.difference_partner(own), Some(other));
                        let lower = scale.is_positive();
                        for edge in edges {
                            let value = match format {
                                FloatFormat::F32 => f64::from(edge as f32),
                                FloatFormat::F64 => edge,
                            };
                            if !value.is_finite() {
                                continue;
                            }
                            let mut values = vec![7.0, 7.0];
                            values[other] = value;
                            let shortcut = boundary(&literal, own, lower, &mut values, format);
                            let searched =
                                searched_boundary(&literal, own, lower, &mut values, format);
                            assert_eq!(
                                shortcut, searched,
                                "{scale} {relation:?} {value} {format:?}"
                            );
                            // The comparison that decides the literal agrees with rationals.
                            for own_value in edges {
                                let mut row = values.clone();
                                row[own] = own_value;
                                assert_eq!(
                                    literal.holds(&row),
                                    literal.holds_exactly(&row),
                                    "{scale} {relation:?} {row:?}"
                                );
                            }
                            assert_eq!(values, {
                                let mut expected = vec![7.0, 7.0];
                                expected[other] = value;
                                expected
                            });
                            checked += 1;
                        }
                    }
                }
            }
        }
        assert!(checked > 300);
        // Not differences: a constant, unequal coefficients, a third term.
        for (terms, constant) in [
            (vec![(0, r("1")), (1, -r("1"))], r("1")),
            (vec![(0, r("1")), (1, -r("2"))], r("0")),
            (vec![(0, r("1")), (1, -r("1")), (2, r("1"))], r("0")),
        ] {
            let literal =
                PreparedInequality::new(Inequality::new(terms, Relation::AtLeast, constant));
            assert_eq!(literal.difference_partner(0), None);
        }
    }

    #[test]
    fn integral_parts_split_scaled_integers_exactly() {
        // Scaled by 10^25: 10^5 y_0 + 10^25 y_1 >= 1 - 10^25 + 3 * 10^24.
        let literal = Inequality::new(
            vec![(0, r("1e-20")), (1, r("1"))],
            Relation::AtLeast,
            r("1e-25") - r("0.7"),
        );
        let (terms, constant) = integral_parts(&literal, 4).unwrap();
        let exact = |parts: &[f64]| {
            let mut sum = BigRational::zero();
            for pair in parts.windows(2) {
                // Largest first and nonoverlapping: each part below the last bit of the one before.
                assert!(pair[1].abs() < pair[0].abs() * f64::EPSILON);
            }
            for part in parts {
                sum += float_to_rational(*part).unwrap();
            }
            sum
        };
        let scale = r("1e25");
        assert_eq!(exact(&terms[0].1), r("1e-20") * &scale);
        assert_eq!(exact(&terms[1].1), scale.clone());
        assert_eq!(terms[1].1.len(), 2, "10^25 needs two doubles");
        assert_eq!(exact(&constant), (r("1e-25") - r("0.7")) * &scale);
        assert!(constant.iter().all(|part| *part < 0.0));
        assert!(integral_parts(&literal, 1).is_none());
        let tiny = Inequality::new(vec![(0, r("1e-200"))], Relation::AtLeast, r("1"));
        assert!(
            integral_parts(&tiny, 4).is_none(),
            "10^200 needs nine doubles"
        );
    }

    #[test]
    fn unreachable_boundaries_are_none() {
        let literal = PreparedInequality::new(Inequality::new(
            vec![(0, r("1"))],
            Relation::AtLeast,
            r("1e300"),
        ));
        let mut values = vec![0.0];
        assert!(boundary(&literal, 0, true, &mut values, FloatFormat::F32).is_none());
        assert!(boundary(&literal, 0, true, &mut values, FloatFormat::F64).is_some());
    }
}
