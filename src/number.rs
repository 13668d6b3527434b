//! Exact numbers: decimal literals as rationals, and correctly rounded conversions between rationals and floats.
//!
//! Every number in a `.req` file is kept as the exact rational it denotes, so the
//! solver sees what the user wrote. Conversion to a float happens once, here, with
//! an explicit rounding direction, so no phase rounds twice.

use num_bigint::{BigInt, Sign};
use num_integer::Integer;
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};

/// Decimal exponents beyond this magnitude are rejected before any big-number work,
/// so a literal like `1e999999999` cannot exhaust memory; such values are far outside
/// every float format anyway.
pub const MAX_DECIMAL_EXPONENT: i64 = 4000;

/// A numeric literal: its source text and the exact value it denotes.
#[derive(Clone, Debug, PartialEq)]
pub struct Number {
    pub text: String,
    /// `None` when the exponent is beyond [`MAX_DECIMAL_EXPONENT`].
    pub value: Option<BigRational>,
}

impl Number {
    pub fn parse(text: &str) -> Number {
        Number {
            text: text.to_string(),
            value: parse_decimal(text),
        }
    }
}

/// Parses an unsigned decimal literal (`12`, `0.25`, `.5`, `6.5e-05`) into the exact rational it denotes.
pub fn parse_decimal(text: &str) -> Option<BigRational> {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(position) => (&text[..position], &text[position + 1..]),
        None => (text, ""),
    };
    let (whole, fraction) = match mantissa.find('.') {
        Some(position) => (&mantissa[..position], &mantissa[position + 1..]),
        None => (mantissa, ""),
    };
    let digits: String = format!("{whole}{fraction}");
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return None;
    }
    let written_exponent: i64 = if exponent.is_empty() {
        0
    } else {
        // Saturate: an exponent too long for i64 is certainly out of range.
        exponent
            .parse::<i64>()
            .unwrap_or(if exponent.starts_with('-') {
                i64::MIN / 2
            } else {
                i64::MAX / 2
            })
    };
    let significand: BigInt = digits.parse().ok()?;
    if significand.is_zero() {
        return Some(BigRational::zero());
    }
    let exponent = written_exponent - fraction.len() as i64;
    // Leading zeros of the significand do not count towards its magnitude.
    let magnitude = exponent + significand.to_string().len() as i64;
    if !(-MAX_DECIMAL_EXPONENT..=MAX_DECIMAL_EXPONENT).contains(&magnitude) {
        return None;
    }
    let ten = BigInt::from(10u32);
    if exponent >= 0 {
        Some(BigRational::from_integer(
            significand * num_traits::pow(ten, exponent as usize),
        ))
    } else {
        Some(BigRational::new(
            significand,
            num_traits::pow(ten, (-exponent) as usize),
        ))
    }
}

/// A binary floating-point format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize)]
pub enum FloatFormat {
    F32,
    F64,
}

impl FloatFormat {
    /// Significand bits including the implicit one.
    fn precision(self) -> i64 {
        match self {
            FloatFormat::F32 => 24,
            FloatFormat::F64 => 53,
        }
    }

    /// The exponent of the smallest normal number.
    fn minimum_exponent(self) -> i64 {
        match self {
            FloatFormat::F32 => -126,
            FloatFormat::F64 => -1022,
        }
    }

    /// The exponent of the largest finite number.
    fn maximum_exponent(self) -> i64 {
        match self {
            FloatFormat::F32 => 127,
            FloatFormat::F64 => 1023,
        }
    }

    pub fn maximum_finite(self) -> f64 {
        match self {
            FloatFormat::F32 => f32::MAX as f64,
            FloatFormat::F64 => f64::MAX,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            FloatFormat::F32 => "f32",
            FloatFormat::F64 => "f64",
        }
    }

    /// Bytes per element.
    pub fn size(self) -> usize {
        match self {
            FloatFormat::F32 => 4,
            FloatFormat::F64 => 8,
        }
    }
}

/// How a rational that falls between two floats is rounded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rounding {
    /// To the nearest float, ties to even (IEEE 754 default).
    NearestEven,
    /// Towards negative infinity.
    Down,
    /// Towards positive infinity.
    Up,
}

/// Rounds an exact rational to a float of `format` (returned as f64, which holds every f32 exactly).
/// Overflow gives an infinity or the largest finite value, as IEEE 754 prescribes for the rounding direction.
pub fn rational_to_float(value: &BigRational, format: FloatFormat, rounding: Rounding) -> f64 {
    if value.is_zero() {
        return 0.0;
    }
    if value.is_negative() {
        let mirrored = match rounding {
            Rounding::NearestEven => Rounding::NearestEven,
            Rounding::Down => Rounding::Up,
            Rounding::Up => Rounding::Down,
        };
        return -rational_to_float(&-value, format, mirrored);
    }
    let numerator = value.numer().magnitude().clone();
    let denominator = value.denom().magnitude().clone();
    // floor(log2(value)) is bits(n) - bits(d) or one less.
    let mut exponent = numerator.bits() as i64 - denominator.bits() as i64;
    let below = if exponent >= 0 {
        numerator < (&denominator << exponent as usize)
    } else {
        (&numerator << (-exponent) as usize) < denominator
    };
    if below {
        exponent -= 1;
    }
    let quantum = exponent.max(format.minimum_exponent()) - (format.precision() - 1);
    // significand = value / 2^quantum, split into floor and remainder.
    let (scaled_numerator, scaled_denominator) = if quantum >= 0 {
        (numerator, denominator << quantum as usize)
    } else {
        (numerator << (-quantum) as usize, denominator)
    };
    let (mut significand, remainder) = scaled_numerator.div_rem(&scaled_denominator);
    if !remainder.is_zero() {
        let round_up = match rounding {
            Rounding::Down => false,
            Rounding::Up => true,
            Rounding::NearestEven => {
                let twice = &remainder << 1usize;
                twice > scaled_denominator || (twice == scaled_denominator && significand.bit(0))
            }
        };
        if round_up {
            significand += 1u32;
        }
    }
    let significand = significand.to_u64().expect("significand fits in 54 bits") as f64;
    // The largest finite value has significand 2^p - 1 at quantum emax - p + 1.
    let largest_quantum = format.maximum_exponent() - (format.precision() - 1);
    let limit = 2f64.powi(format.precision() as i32);
    if quantum > largest_quantum || (quantum == largest_quantum && significand >= limit) {
        return match rounding {
            Rounding::Down => format.maximum_finite(),
            _ => f64::INFINITY,
        };
    }
    scale_by_power_of_two(significand, quantum)
}

/// `significand * 2^exponent`, exact whenever the result is representable.
fn scale_by_power_of_two(significand: f64, exponent: i64) -> f64 {
    // Split the scaling so no intermediate under- or overflows.
    let mut result = significand;
    let mut remaining = exponent;
    while remaining < -1000 {
        result *= 2f64.powi(-1000);
        remaining += 1000;
    }
    while remaining > 1000 {
        result *= 2f64.powi(1000);
        remaining -= 1000;
    }
    result * 2f64.powi(remaining as i32)
}

/// A finite float as its exact significand and exponent: value = significand 2^exponent,
/// the significand signed; `None` for NaN and infinities.
pub fn float_parts(value: f64) -> Option<(BigInt, i64)> {
    if !value.is_finite() {
        return None;
    }
    let bits = value.to_bits();
    let biased = ((bits >> 52) & 0x7ff) as i64;
    let fraction = bits & ((1u64 << 52) - 1);
    let (significand, exponent) = if biased == 0 {
        (fraction, -1074)
    } else {
        (fraction | (1u64 << 52), biased - 1075)
    };
    let significand = BigInt::from(significand);
    Some((
        if bits >> 63 == 1 {
            -significand
        } else {
            significand
        },
        exponent,
    ))
}

/// The exact value of a finite float as a rational; zero for NaN and the infinities (for
/// callers that have already excluded them, or for which zero is the documented stand-in).
pub fn finite_rational(value: f64) -> BigRational {
    float_to_rational(value).unwrap_or_else(BigRational::zero)
}

/// The exact rational value of a finite float; `None` for NaN and infinities.
pub fn float_to_rational(value: f64) -> Option<BigRational> {
    let (significand, exponent) = float_parts(value)?;
    Some(if exponent >= 0 {
        BigRational::from_integer(significand << exponent as usize)
    } else {
        BigRational::new(significand, BigInt::one() << (-exponent) as usize)
    })
}

/// Whether a rational is exactly representable in `format`.
pub fn is_exact_in(value: &BigRational, format: FloatFormat) -> bool {
    let rounded = rational_to_float(value, format, Rounding::NearestEven);
    float_to_rational(rounded).is_some_and(|exact| &exact == value)
}

/// Formats a rational for people: an integer, a short exact decimal, or `p/q`.
pub fn display_rational(value: &BigRational) -> String {
    if value.is_integer() {
        return value.numer().to_string();
    }
    // A denominator of the form 2^a 5^b has a finite decimal expansion.
    let mut denominator = value.denom().clone();
    let mut twos = 0usize;
    let mut fives = 0usize;
    let two = BigInt::from(2u32);
    let five = BigInt::from(5u32);
    while (&denominator % &two).is_zero() {
        denominator /= &two;
        twos += 1;
    }
    while (&denominator % &five).is_zero() {
        denominator /= &five;
        fives += 1;
    }
    let places = twos.max(fives);
    if denominator.is_one() && places <= 30 {
        let scaled =
            value * BigRational::from_integer(num_traits::pow(BigInt::from(10u32), places));
        let digits = scaled.to_integer().abs().to_string();
        let padded = format!("{digits:0>width$}", width = places + 1);
        let (whole, fraction) = padded.split_at(padded.len() - places);
        let sign = if value.is_negative() { "-" } else { "" };
        return format!("{sign}{whole}.{fraction}");
    }
    format!("{}/{}", value.numer(), value.denom())
}

/// The sign of a big integer as -1, 0 or 1.
pub fn signum(value: &BigRational) -> i32 {
    match value.numer().sign() {
        Sign::Minus => -1,
        Sign::NoSign => 0,
        Sign::Plus => 1,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rational(text: &str) -> BigRational {
        parse_decimal(text).unwrap()
    }

    #[test]
    fn decimal_literals_are_exact() {
        assert_eq!(
            rational("6.5e-05"),
            BigRational::new(65.into(), 1_000_000.into())
        );
        assert_eq!(rational(".5"), BigRational::new(1.into(), 2.into()));
        assert_eq!(rational("1500"), BigRational::from_integer(1500.into()));
        assert_eq!(rational("2.50E+2"), BigRational::from_integer(250.into()));
        assert_eq!(rational("0.0"), BigRational::zero());
        assert!(parse_decimal("1e999999999999999999999").is_none());
        assert!(parse_decimal("1e5000").is_none());
        assert!(parse_decimal("1e300").is_some());
    }

    #[test]
    fn rounding_matches_the_standard_library() {
        for text in [
            "0.1",
            "1e-300",
            "123456789.123456789",
            "4.9e-324",
            "2.2250738585072014e-308",
            "1.7976931348623157e308",
            "0.3",
            "3.4028235e38",
            "1e-45",
            "16777217",
            "9007199254740993",
        ] {
            let value = rational(text);
            assert_eq!(
                rational_to_float(&value, FloatFormat::F64, Rounding::NearestEven),
                text.parse::<f64>().unwrap(),
                "{text} as f64"
            );
            assert_eq!(
                rational_to_float(&value, FloatFormat::F32, Rounding::NearestEven) as f32,
                text.parse::<f32>().unwrap(),
                "{text} as f32"
            );
        }
    }

    #[test]
    fn directed_rounding_brackets_the_value() {
        for text in ["0.1", "1e-310", "1e-46", "3.4028236e38", "7"] {
            let value = rational(text);
            for format in [FloatFormat::F32, FloatFormat::F64] {
                let down = rational_to_float(&value, format, Rounding::Down);
                let up = rational_to_float(&value, format, Rounding::Up);
                assert!(float_to_rational(down).is_none_or(|d| d <= value));
                assert!(float_to_rational(up).is_none_or(|u| u >= value));
                assert!(down <= up);
            }
        }
        assert_eq!(
            rational_to_float(&rational("1e400"), FloatFormat::F64, Rounding::Down),
            f64::MAX
        );
        assert_eq!(
            rational_to_float(&rational("1e400"), FloatFormat::F64, Rounding::NearestEven),
            f64::INFINITY
        );
    }

    #[test]
    fn floats_round_trip_through_rationals() {
        for value in [0.1f64, -2.5, 5e-324, f64::MAX, 1.0 / 3.0] {
            let exact = float_to_rational(value).unwrap();
            assert_eq!(
                rational_to_float(&exact, FloatFormat::F64, Rounding::NearestEven),
                value
            );
        }
        assert!(is_exact_in(&rational("0.5"), FloatFormat::F32));
        assert!(!is_exact_in(&rational("0.1"), FloatFormat::F32));
        assert!(!is_exact_in(&rational("16777217"), FloatFormat::F32));
    }

    #[test]
    fn rationals_display_readably() {
        assert_eq!(display_rational(&rational("0.25")), "0.25");
        assert_eq!(display_rational(&-rational("3")), "-3");
        assert_eq!(display_rational(&-rational("0.05")), "-0.05");
        assert_eq!(
            display_rational(&BigRational::new(1.into(), 3.into())),
            "1/3"
        );
    }
}
