//! Exact, mergeable sums of floats in [0, 1], hand-written because the answer must not
//! depend on the order of the additions or on how the rows are split between machines
//! (`specs/calibration.md`, "Merging"): every float is added as an integer multiple of
//! a power of two, so the sum is exact and two partial sums merge by integer addition.

use crate::number::{rational_to_float, FloatFormat, Rounding};
use num_bigint::BigInt;
use num_rational::BigRational;
use num_traits::Zero;
use serde::{Deserialize, Serialize};

/// The number of tiers: tier t holds the floats with binary exponent in [-36 t - 36, -36 t]
/// (tier 28 reaches the subnormals at exponent -1022).
const TIERS: usize = 29;

/// Exponents per tier: a float of tier t is m 2^(e - 52) with e in [-36 t - 36, -36 t], so
/// scaled by 2^(88 + 36 t) it is the integer m 2^(e + 36 + 36 t), with a shift of 0 to 36
/// bits, below 2^89. A tier then holds 2^39 (about 5.5e11) additions before it could
/// overflow, more than any bin of 10^10 rows.
const TIER_EXPONENTS: i32 = 36;

/// The scale of tier 0: 2^88.
const TIER_ZERO_SCALE: i32 = 88;

/// An exact sum of floats in [0, 1]: tier t holds the sum of its floats times
/// 2^(88 + 36 t) as an integer. Adding is a shift and a 128-bit addition; merging adds
/// tier by tier; the value is rounded once, at the end, from the exact rational.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExactSum {
    /// Decimal strings in the serialised form, so that JSON readers keep every bit.
    #[serde(with = "tiers_as_strings")]
    tiers: [u128; TIERS],
    /// How many floats were added (the bound on the tiers' capacity is checked with it).
    count: u64,
}

impl Default for ExactSum {
    fn default() -> ExactSum {
        ExactSum {
            tiers: [0; TIERS],
            count: 0,
        }
    }
}

impl ExactSum {
    /// Adds a float in [0, 1] exactly (the callers validate the range; NaN and values
    /// outside it are a logic error).
    #[inline]
    pub fn add(&mut self, value: f64) {
        debug_assert!((0.0..=1.0).contains(&value), "{value}");
        self.count += 1;
        let bits = value.to_bits();
        let biased = (bits >> 52) as i32;
        if biased == 0 && bits == 0 {
            return;
        }
        let fraction = bits & ((1u64 << 52) - 1);
        // Subnormals have exponent -1022 and no implicit bit.
        let (mantissa, exponent) = if biased == 0 {
            (fraction, -1022)
        } else {
            (fraction | (1u64 << 52), biased - 1023)
        };
        let tier = (-exponent / TIER_EXPONENTS) as usize;
        let shift = exponent + TIER_EXPONENTS + TIER_EXPONENTS * tier as i32;
        self.tiers[tier] += u128::from(mantissa) << shift;
    }

    /// Adds every value of `other` (the sum of the union of both sets of floats).
    pub fn merge(&mut self, other: &ExactSum) {
        for (tier, more) in self.tiers.iter_mut().zip(&other.tiers) {
            *tier = tier
                .checked_add(*more)
                .expect("an exact sum's tier holds 2^39 additions");
        }
        self.count += other.count;
    }

    /// How many floats were added.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The exact value of the sum.
    pub fn exact(&self) -> BigRational {
        let mut total = BigRational::zero();
        for (tier, &value) in self.tiers.iter().enumerate() {
            if value != 0 {
                let scale = TIER_ZERO_SCALE + TIER_EXPONENTS * tier as i32;
                let denominator = BigInt::from(1u8) << scale as usize;
                total += BigRational::new(BigInt::from(value), denominator);
            }
        }
        total
    }

    /// The sum rounded to the nearest f64 (ties to even): one rounding in all.
    pub fn value(&self) -> f64 {
        rational_to_float(&self.exact(), FloatFormat::F64, Rounding::NearestEven)
    }

    /// The sum divided by `count`, rounded once to the nearest f64: the exactly rounded mean.
    pub fn mean(&self, count: u64) -> f64 {
        let quotient = self.exact() / BigRational::from_integer(BigInt::from(count));
        rational_to_float(&quotient, FloatFormat::F64, Rounding::NearestEven)
    }
}

/// An exact rational as an unevaluated pair high + low: high the nearest f64, low the
/// nearest f64 to the rest, so |high + low - value| <= 2^-53 |low|.
pub fn double_double(value: &BigRational) -> (f64, f64) {
    let high = rational_to_float(value, FloatFormat::F64, Rounding::NearestEven);
    let rest = value - crate::number::finite_rational(high);
    (
        high,
        rational_to_float(&rest, FloatFormat::F64, Rounding::NearestEven),
    )
}

/// Serialises the tiers as decimal strings (JSON numbers lose bits above 2^53 in most readers).
mod tiers_as_strings {
    use super::TIERS;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        tiers: &[u128; TIERS],
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(tiers.iter().map(|tier| tier.to_string()))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<[u128; TIERS], D::Error> {
        let texts = Vec::<String>::deserialize(deserializer)?;
        if texts.len() != TIERS {
            return Err(serde::de::Error::custom(format!(
                "an exact sum has {TIERS} tiers, not {}",
                texts.len()
            )));
        }
        let mut tiers = [0u128; TIERS];
        for (tier, text) in tiers.iter_mut().zip(&texts) {
            *tier = text.parse().map_err(serde::de::Error::custom)?;
        }
        Ok(tiers)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::finite_rational;

    fn exact_sum(values: &[f64]) -> BigRational {
        values.iter().fold(BigRational::zero(), |total, &value| {
            total + finite_rational(value)
        })
    }

    fn sample() -> Vec<f64> {
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut values = vec![
            0.0,
            1.0,
            0.5,
            f64::from_bits(1),
            f64::MIN_POSITIVE,
            f64::MIN_POSITIVE / 3.0,
            2f64.powi(-36),
            2f64.powi(-37),
            2f64.powi(-72),
            1.0 - f64::EPSILON / 2.0,
        ];
        for _ in 0..2000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            // Uniform mantissas over a wide range of exponents.
            let exponent = -((state >> 54) as i32 % 1080);
            let mantissa = (state & ((1 << 52) - 1)) as f64 / (1u64 << 52) as f64 + 1.0;
            values.push((mantissa * 2f64.powi(exponent - 1)).min(1.0));
        }
        values
    }

    #[test]
    fn sums_are_exact_whatever_the_order_and_split() {
        let values = sample();
        let mut whole = ExactSum::default();
        values.iter().for_each(|&value| whole.add(value));
        assert_eq!(whole.exact(), exact_sum(&values));
        assert_eq!(whole.count(), values.len() as u64);
        // Reversed and split into three partial sums merged in another order.
        let mut parts = [
            ExactSum::default(),
            ExactSum::default(),
            ExactSum::default(),
        ];
        for (index, &value) in values.iter().rev().enumerate() {
            parts[index % 3].add(value);
        }
        let mut merged = parts[2].clone();
        merged.merge(&parts[0]);
        merged.merge(&parts[1]);
        assert_eq!(merged, whole);
    }

    #[test]
    fn means_and_values_are_rounded_once() {
        let values = [0.1, 0.2, 0.3, 0.7, 2f64.powi(-60)];
        let mut sum = ExactSum::default();
        values.iter().for_each(|&value| sum.add(value));
        let exact = exact_sum(&values);
        let five = BigRational::from_integer(BigInt::from(5));
        assert_eq!(
            sum.mean(5),
            rational_to_float(
                &(exact.clone() / five),
                FloatFormat::F64,
                Rounding::NearestEven
            )
        );
        let (high, low) = double_double(&sum.exact());
        assert_eq!(high, sum.value());
        assert!(low != 0.0, "2^-60 is below the last bit of the sum");
        assert_eq!(finite_rational(high) + finite_rational(low), exact);
    }

    #[test]
    fn sums_survive_serialisation() {
        let mut sum = ExactSum::default();
        sample().iter().for_each(|&value| sum.add(value));
        let text = serde_json::to_string(&sum).unwrap();
        let back: ExactSum = serde_json::from_str(&text).unwrap();
        assert_eq!(back, sum);
        assert!(serde_json::from_str::<ExactSum>(r#"{"tiers":["1"],"count":1}"#).is_err());
    }
}
