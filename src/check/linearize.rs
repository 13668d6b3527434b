//! Turning an arithmetic expression into an exact linear form, rejecting what is not linear.

use super::{Checker, Scope};
use crate::diagnostics::{Code, Diagnostic};
use crate::span::Span;
use crate::syntax::ast::{BinaryOperator, Expression};
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::collections::BTreeMap;

/// A coefficient with the spans of the terms that contributed to it.
#[derive(Clone, Debug)]
pub(crate) struct Coefficient {
    pub value: BigRational,
    pub spans: Vec<Span>,
}

/// `sum(coefficient * column) + constant`.
#[derive(Clone, Debug, Default)]
pub(crate) struct Linear {
    pub terms: BTreeMap<usize, Coefficient>,
    pub constant: BigRational,
}

impl Linear {
    fn constant(value: BigRational) -> Linear {
        Linear {
            terms: BTreeMap::new(),
            constant: value,
        }
    }

    fn variable(column: usize, span: Span) -> Linear {
        let mut terms = BTreeMap::new();
        terms.insert(
            column,
            Coefficient {
                value: BigRational::one(),
                spans: vec![span],
            },
        );
        Linear {
            terms,
            constant: BigRational::zero(),
        }
    }

    fn is_constant(&self) -> bool {
        self.terms.is_empty()
    }

    fn scale(mut self, factor: &BigRational, span: Span) -> Linear {
        for coefficient in self.terms.values_mut() {
            coefficient.value *= factor;
            // A term's span grows to cover its coefficient, so labels underline `2*y_0`, not `y_0`.
            for term_span in &mut coefficient.spans {
                *term_span = term_span.to(span);
            }
        }
        self.constant *= factor;
        self
    }

    fn add(mut self, other: Linear) -> Linear {
        for (column, coefficient) in other.terms {
            let entry = self.terms.entry(column).or_insert_with(|| Coefficient {
                value: BigRational::zero(),
                spans: Vec::new(),
            });
            entry.value += coefficient.value;
            entry.spans.extend(coefficient.spans);
        }
        self.constant += other.constant;
        self
    }

    fn negate(self) -> Linear {
        let minus_one = -BigRational::one();
        let mut result = Linear {
            terms: BTreeMap::new(),
            constant: -self.constant,
        };
        for (column, coefficient) in self.terms {
            result.terms.insert(
                column,
                Coefficient {
                    value: coefficient.value * &minus_one,
                    spans: coefficient.spans,
                },
            );
        }
        result
    }

    pub fn subtract(self, other: Linear) -> Linear {
        self.add(other.negate())
    }
}

impl Checker<'_> {
    /// The linear form of an expression, or `None` after reporting why it is not linear.
    pub(crate) fn linearize(&mut self, expression: &Expression, scope: &Scope) -> Option<Linear> {
        crate::syntax::ast::with_deep_stack(|| self.linearize_step(expression, scope))
    }

    /// One level of [`Checker::linearize`], which keeps the recursion on a stack that can grow.
    fn linearize_step(&mut self, expression: &Expression, scope: &Scope) -> Option<Linear> {
        match expression {
            Expression::Number(number, span) => Some(Linear::constant(self.number(number, *span)?)),
            Expression::Variable(reference) => {
                let column = self.resolve(reference, scope, true)?;
                Some(Linear::variable(column, reference.span()))
            }
            Expression::Negate(inner, _) => Some(self.linearize(inner, scope)?.negate()),
            Expression::Parenthesised(inner, _) => self.linearize(inner, scope),
            Expression::Binary {
                operator,
                left,
                right,
                span,
            } => {
                // Both sides are checked even when one fails, so every error is reported.
                let left_form = self.linearize(left, scope);
                let right_form = self.linearize(right, scope);
                let (left_form, right_form) = (left_form?, right_form?);
                match operator {
                    BinaryOperator::Add => Some(left_form.add(right_form)),
                    BinaryOperator::Subtract => Some(left_form.subtract(right_form)),
                    BinaryOperator::Multiply | BinaryOperator::Juxtapose => {
                        if left_form.is_constant() {
                            let factor = left_form.constant;
                            Some(right_form.scale(&factor, *span))
                        } else if right_form.is_constant() {
                            let factor = right_form.constant;
                            Some(left_form.scale(&factor, *span))
                        } else {
                            self.diagnostics.push(
                                Diagnostic::new(Code::NonLinear, "a product of variables is not linear")
                                    .primary(*span, "both factors depend on variables")
                                    .note("requirements are linear: each term is a constant times one variable"),
                            );
                            None
                        }
                    }
                    BinaryOperator::Divide => {
                        if !right_form.is_constant() {
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::DivisionByVariable,
                                    "division by an expression with variables is not linear",
                                )
                                .primary(right.span(), "this divisor depends on variables")
                                .help(
                                    "multiply both sides by the divisor instead, minding its sign",
                                ),
                            );
                            return None;
                        }
                        if right_form.constant.is_zero() {
                            self.diagnostics.push(
                                Diagnostic::new(Code::DivisionByZero, "division by zero")
                                    .primary(right.span(), "this divisor is zero"),
                            );
                            return None;
                        }
                        let factor = BigRational::one() / right_form.constant;
                        Some(left_form.scale(&factor, *span))
                    }
                }
            }
        }
    }
}
