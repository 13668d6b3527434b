//! Exact linear inequalities in normal form `sum of coefficient * column OP constant`, with OP `>=` or `>`.
//!
//! This is PiShield's normal form; every phase after checking (solver, shield,
//! code generation) works on it.

use crate::number::{display_rational, signum};
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use serde::Serialize;
use std::fmt;

/// `>=` or `>`; `<=` and `<` are written by negating both sides.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Relation {
    AtLeast,
    Greater,
}

impl Relation {
    pub fn symbol(self) -> &'static str {
        match self {
            Relation::AtLeast => ">=",
            Relation::Greater => ">",
        }
    }
}

/// `sum(coefficient * y_column) relation constant`, terms sorted by column, no zero coefficients.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Inequality {
    pub terms: Vec<(usize, BigRational)>,
    pub relation: Relation,
    pub constant: BigRational,
}

impl Inequality {
    /// Builds an inequality, dropping zero coefficients and sorting terms.
    pub fn new(
        mut terms: Vec<(usize, BigRational)>,
        relation: Relation,
        constant: BigRational,
    ) -> Inequality {
        terms.retain(|(_, coefficient)| !coefficient.is_zero());
        terms.sort_by_key(|(column, _)| *column);
        Inequality {
            terms,
            relation,
            constant,
        }
    }

    /// The truth value when no variable is left, `None` otherwise.
    pub fn constant_truth(&self) -> Option<bool> {
        if !self.terms.is_empty() {
            return None;
        }
        Some(match self.relation {
            Relation::AtLeast => BigRational::zero() >= self.constant,
            Relation::Greater => BigRational::zero() > self.constant,
        })
    }

    /// The complement: `neg (e >= c)` is `-e > -c`, and `neg (e > c)` is `-e >= -c`.
    pub fn negate(&self) -> Inequality {
        Inequality {
            terms: self
                .terms
                .iter()
                .map(|(column, coefficient)| (*column, -coefficient))
                .collect(),
            relation: match self.relation {
                Relation::AtLeast => Relation::Greater,
                Relation::Greater => Relation::AtLeast,
            },
            constant: -&self.constant,
        }
    }

    /// The coefficient of a column, zero when absent.
    pub fn coefficient(&self, column: usize) -> BigRational {
        self.terms
            .binary_search_by_key(&column, |(term_column, _)| *term_column)
            .map(|index| self.terms[index].1.clone())
            .unwrap_or_else(|_| BigRational::zero())
    }

    /// Exact evaluation on exact values, indexed by column.
    pub fn holds(&self, values: &[BigRational]) -> bool {
        let mut sum = BigRational::zero();
        for (column, coefficient) in &self.terms {
            sum += coefficient * &values[*column];
        }
        match self.relation {
            Relation::AtLeast => sum >= self.constant,
            Relation::Greater => sum > self.constant,
        }
    }

    /// The same inequality scaled so its first coefficient is plus or minus one, for comparing forms.
    pub fn canonical(&self) -> Inequality {
        let Some((_, first)) = self.terms.first() else {
            return self.clone();
        };
        let scale = BigRational::one() / first.abs();
        Inequality {
            terms: self
                .terms
                .iter()
                .map(|(column, coefficient)| (*column, coefficient * &scale))
                .collect(),
            relation: self.relation,
            constant: &self.constant * &scale,
        }
    }

    pub fn columns(&self) -> impl Iterator<Item = usize> + '_ {
        self.terms.iter().map(|(column, _)| *column)
    }

    /// Renders with a naming function for columns, in PiShield's style: `y_0 - 2y_1 >= 3`.
    pub fn render(&self, name: &dyn Fn(usize) -> String) -> String {
        let mut text = String::new();
        for (index, (column, coefficient)) in self.terms.iter().enumerate() {
            let negative = signum(coefficient) < 0;
            let magnitude = coefficient.abs();
            match (index, negative) {
                (0, true) => text.push('-'),
                (0, false) => {}
                (_, true) => text.push_str(" - "),
                (_, false) => text.push_str(" + "),
            }
            if !magnitude.is_one() {
                let shown = display_rational(&magnitude);
                if shown.contains('/') {
                    text.push_str(&format!("({shown})"));
                } else {
                    text.push_str(&shown);
                }
            }
            text.push_str(&name(*column));
        }
        if self.terms.is_empty() {
            text.push('0');
        }
        text.push_str(&format!(
            " {} {}",
            self.relation.symbol(),
            display_rational(&self.constant)
        ));
        text
    }
}

impl fmt::Display for Inequality {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.render(&|column| format!("y_{column}")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(value: i64) -> BigRational {
        BigRational::from_integer(value.into())
    }

    #[test]
    fn negation_follows_pishield() {
        let inequality = Inequality::new(vec![(2, r(1))], Relation::Greater, r(3));
        assert_eq!(inequality.negate().to_string(), "-y_2 >= -3");
        assert_eq!(inequality.negate().negate(), inequality);
    }

    #[test]
    fn canonical_forms_compare_scaled_copies() {
        let a = Inequality::new(vec![(0, r(2)), (1, r(-4))], Relation::AtLeast, r(2));
        let b = Inequality::new(vec![(0, r(1)), (1, r(-2))], Relation::AtLeast, r(1));
        assert_eq!(a.canonical(), b.canonical());
        assert_eq!(a.to_string(), "2y_0 - 4y_1 >= 2");
    }
}
