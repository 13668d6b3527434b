//! Lowering a checked specification to Z3 linear real arithmetic: one `Real` per column,
//! each requirement a conjunction of clauses, each clause a disjunction of inequalities.
//!
//! Every numeral is built from the exact integer numerator and denominator of its
//! rational. Z3 4.8.12 misreads a numeral string with an exponent (`6.5e-05`) and can
//! die of SIGFPE on one, so no decimal or exponent text ever reaches it.

use crate::linear::{Inequality, Relation};
use crate::spec::{Clause, Origin, Specification};
use num_rational::BigRational;
use num_traits::{One, Signed};
use std::collections::BTreeMap;
use z3::ast::{Bool, Real};

/// Z3 rejected a numeral; carries the numeral as text for the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RejectedNumeral(pub String);

/// One requirement in Z3 form.
pub struct LoweredRequirement {
    /// The conjunction of its clauses.
    pub formula: Bool,
    /// Each clause's disjuncts, in the order of the specification's clauses.
    pub clauses: Vec<Vec<Bool>>,
    pub origin: Origin,
}

/// A specification in Z3 form.
pub struct Lowered {
    /// The Z3 constant of each column the requirements use, by column.
    pub columns: BTreeMap<usize, Real>,
    /// The requirements, in the specification's order.
    pub requirements: Vec<LoweredRequirement>,
}

/// The Z3 terms made so far, so that each column and each distinct number becomes one
/// Z3 term however often it occurs (building a numeral means parsing its digits).
#[derive(Default)]
pub struct Terms {
    pub columns: BTreeMap<usize, Real>,
    numerals: BTreeMap<BigRational, Real>,
}

impl Terms {
    pub(super) fn column(&mut self, column: usize) -> Real {
        self.columns
            .entry(column)
            .or_insert_with(|| Real::new_const(format!("y_{column}")))
            .clone()
    }

    pub(super) fn numeral(&mut self, value: &BigRational) -> Result<Real, RejectedNumeral> {
        if let Some(known) = self.numerals.get(value) {
            return Ok(known.clone());
        }
        let made = numeral(value)?;
        self.numerals.insert(value.clone(), made.clone());
        Ok(made)
    }
}

/// Lowers every requirement of a specification.
pub fn lower(specification: &Specification) -> Result<Lowered, RejectedNumeral> {
    let mut terms = Terms::default();
    let mut requirements = Vec::with_capacity(specification.requirements.len());
    for requirement in &specification.requirements {
        let mut clauses = Vec::with_capacity(requirement.clauses.len());
        for clause in &requirement.clauses {
            clauses.push(lower_clause(clause, &mut terms)?);
        }
        let clause_formulas: Vec<Bool> = clauses.iter().map(|clause| disjunction(clause)).collect();
        let formula = conjunction(&clause_formulas);
        requirements.push(LoweredRequirement {
            formula,
            clauses,
            origin: requirement.origin.clone(),
        });
    }
    Ok(Lowered {
        columns: terms.columns,
        requirements,
    })
}

fn lower_clause(clause: &Clause, terms: &mut Terms) -> Result<Vec<Bool>, RejectedNumeral> {
    clause
        .disjuncts
        .iter()
        .map(|disjunct| inequality(&disjunct.inequality, terms))
        .collect()
}

/// `sum coefficient*y_k >= constant` or `> constant`, strict when the relation is strict.
pub fn inequality(inequality: &Inequality, terms: &mut Terms) -> Result<Bool, RejectedNumeral> {
    let mut products = Vec::with_capacity(inequality.terms.len());
    for (column, coefficient) in &inequality.terms {
        let variable = terms.column(*column);
        products.push(if coefficient.is_one() {
            variable
        } else if (-coefficient).is_one() {
            variable.unary_minus()
        } else {
            Real::mul(&[terms.numeral(coefficient)?, variable])
        });
    }
    let sum = match products.len() {
        0 => terms.numeral(&BigRational::from_integer(0.into()))?,
        1 => products.remove(0),
        _ => Real::add(&products),
    };
    let constant = terms.numeral(&inequality.constant)?;
    Ok(match inequality.relation {
        Relation::AtLeast => sum.ge(&constant),
        Relation::Greater => sum.gt(&constant),
    })
}

/// An exact rational numeral, built from integer strings; a negative value is the
/// negation of its magnitude so that no sign handling is left to Z3's string parser.
pub fn numeral(value: &BigRational) -> Result<Real, RejectedNumeral> {
    let magnitude = value.abs();
    let numerator = magnitude.numer().to_string();
    let denominator = magnitude.denom().to_string();
    let real = Real::from_rational_str(&numerator, &denominator)
        .ok_or_else(|| RejectedNumeral(format!("{numerator}/{denominator}")))?;
    Ok(if value.is_negative() {
        real.unary_minus()
    } else {
        real
    })
}

/// The disjunction of formulas; `false` when there are none.
pub fn disjunction(formulas: &[Bool]) -> Bool {
    match formulas {
        [] => Bool::from_bool(false),
        [formula] => formula.clone(),
        _ => Bool::or(formulas),
    }
}

/// The conjunction of formulas; `true` when there are none.
pub fn conjunction(formulas: &[Bool]) -> Bool {
    match formulas {
        [] => Bool::from_bool(true),
        [formula] => formula.clone(),
        _ => Bool::and(formulas),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::parse_decimal;
    use num_bigint::BigInt;

    /// A signed decimal literal as the exact rational it denotes.
    fn parse_rational(text: &str) -> BigRational {
        match text.strip_prefix('-') {
            Some(magnitude) => -parse_decimal(magnitude).expect("a decimal literal"),
            None => parse_decimal(text).expect("a decimal literal"),
        }
    }

    /// Z3's text of a term with its line breaks (for long numerals) folded into spaces.
    fn printed(real: &Real) -> String {
        real.to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn numerals_reach_z3_as_exact_fractions() {
        // Z3 prints a rational numeral as a fraction of integers written as decimals.
        let cases = [
            ("6.5e-05", "(/ 13.0 200000.0)"),
            ("-6.5e-05", "(- (/ 13.0 200000.0))"),
            ("0.5", "(/ 1.0 2.0)"),
            ("12", "12.0"),
            ("-3", "(- 3.0)"),
        ];
        for (literal, printed) in cases {
            let real = numeral(&parse_rational(literal)).expect("Z3 accepts the numeral");
            assert_eq!(self::printed(&real), printed, "{literal}");
        }
    }

    #[test]
    fn numerals_with_hundreds_of_digits_stay_exact() {
        let tiny = numeral(&parse_rational("1e-300")).expect("Z3 accepts the numeral");
        assert_eq!(printed(&tiny), format!("(/ 1.0 1{}.0)", "0".repeat(300)));
        let huge = BigRational::from_integer(BigInt::from(10).pow(400) + 1);
        let real = numeral(&huge).expect("Z3 accepts the numeral");
        assert_eq!(printed(&real), format!("1{}1.0", "0".repeat(399)));
    }
}
