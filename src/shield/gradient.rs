//! The exact gradient of the correction (`specs/python.md`).
//!
//! Correction is piecewise linear: a variable `y_k` that moved onto the boundary of a
//! literal `a_k y_k + Σ a_j y_j ⋈ c` of its level equals `(c − Σ a_j y_j) / a_k`, with the
//! already-corrected earlier variables and the inputs as `y_j`; so `∂y_k/∂y_j = −a_j/a_k`,
//! and `y_k` no longer depends on its own value before correction. A variable that did not
//! move passes its gradient through.
//!
//! The trace is derived after the forward pass, from the row before and after correction,
//! whichever engine corrected it (the kernels and the interpreter give the same bytes, so
//! the trace does not depend on the engine): for each variable that moved, the literal
//! whose boundary float (given the corrected earlier values) is the new value. That is the
//! branch the forward took: the interpreter only ever moves a value to the end of a gap,
//! which is the boundary float of one of the gap's literals. Where several literals have
//! that boundary (a kink), the first in the level's clause order is recorded. A value
//! no boundary equals (an inexact row's nearest float to a real solution, or a completion
//! search's alternative a few floats further out) is attributed to the literal whose
//! boundary, or rounded real bound, is nearest to it in floats.
//!
//! The backward pass is the vector–Jacobian product by a reverse sweep over the ordering.

use super::exact::{boundary, key, nearest_finite, PreparedInequality};
use super::Shield;
use crate::number::FloatFormat;
use num_traits::{Signed, ToPrimitive, Zero};

/// The trace entry of a variable that no literal set (it did not move, or its row was unchanged).
pub const NO_LITERAL: u32 = u32::MAX;

/// A literal that bounds its level's variable, with the partial derivatives of the
/// variable when the literal sets it.
#[derive(Clone, Debug)]
pub struct BoundLiteral {
    prepared: PreparedInequality,
    /// The column the literal sets when it is traced.
    pub column: usize,
    /// Whether the literal is a lower bound on the level's variable (positive coefficient).
    lower: bool,
    /// `(j, −a_j / a_k)` for every other column of the literal, rounded to f64.
    pub partials: Vec<(usize, f64)>,
}

#[derive(Clone, Debug)]
struct TraceClause {
    /// Literals not mentioning the level's variable: when one holds, the clause does not bound it.
    residual: Vec<PreparedInequality>,
    /// Indices into [`GradientRule::literals`].
    bounds: Vec<u32>,
}

#[derive(Clone, Debug)]
struct TraceLevel {
    column: usize,
    clauses: Vec<TraceClause>,
}

/// A shield's literals and levels, prepared for tracing and the backward pass.
#[derive(Clone, Debug)]
pub struct GradientRule {
    levels: Vec<TraceLevel>,
    literals: Vec<BoundLiteral>,
}

impl GradientRule {
    pub fn new(shield: &Shield) -> GradientRule {
        let mut literals = Vec::new();
        let levels = shield
            .levels
            .iter()
            .map(|level| {
                let column = level.column;
                let clauses = level
                    .clauses
                    .iter()
                    .map(|clause| {
                        let mut residual = Vec::new();
                        let mut bounds = Vec::new();
                        for literal in &clause.literals {
                            let own = literal.coefficient(column);
                            if own.is_zero() {
                                residual.push(PreparedInequality::new(literal.clone()));
                                continue;
                            }
                            let partials = literal
                                .terms
                                .iter()
                                .filter(|(term, _)| *term != column)
                                .map(|(term, coefficient)| {
                                    let ratio = -(coefficient / &own);
                                    (*term, ratio.to_f64().unwrap_or(f64::NAN))
                                })
                                .collect();
                            bounds.push(literals.len() as u32);
                            literals.push(BoundLiteral {
                                prepared: PreparedInequality::new(literal.clone()),
                                column,
                                lower: own.is_positive(),
                                partials,
                            });
                        }
                        TraceClause { residual, bounds }
                    })
                    .collect();
                TraceLevel { column, clauses }
            })
            .collect();
        GradientRule { levels, literals }
    }

    /// How many trace entries a row has: one per ordered variable, in correction order.
    pub fn levels(&self) -> usize {
        self.levels.len()
    }

    /// The column of each level, in correction order.
    pub fn columns(&self) -> impl Iterator<Item = usize> + '_ {
        self.levels.iter().map(|level| level.column)
    }

    /// A traced literal: the column it sets and the exact inequality.
    pub fn find_literal(&self, index: u32) -> Option<(usize, &crate::linear::Inequality)> {
        self.literals
            .get(index as usize)
            .map(|literal| (literal.column, &literal.prepared.exact))
    }

    /// Records which literal set each ordered variable of a row corrected from `original`
    /// into `corrected` (values of `format`, finite): `trace[level]` is the literal's index
    /// or [`NO_LITERAL`] where the variable did not move.
    pub fn trace_row(
        &self,
        original: &[f64],
        corrected: &[f64],
        format: FloatFormat,
        trace: &mut [u32],
    ) {
        trace.fill(NO_LITERAL);
        let mut values = corrected.to_vec();
        for (level, entry) in self.levels.iter().zip(trace.iter_mut()) {
            let column = level.column;
            if original[column].to_bits() == corrected[column].to_bits() {
                continue;
            }
            let target = key(corrected[column], format);
            let active: Vec<&TraceClause> = level
                .clauses
                .iter()
                .filter(|clause| !clause.residual.iter().any(|literal| literal.holds(&values)))
                .collect();
            let mut best: Option<(u64, u32)> = None;
            'search: for clause in &active {
                for &index in &clause.bounds {
                    let literal = &self.literals[index as usize];
                    let Some(found) = boundary(
                        &literal.prepared,
                        column,
                        literal.lower,
                        &mut values,
                        format,
                    ) else {
                        continue;
                    };
                    let distance = found.abs_diff(target);
                    if best.is_none_or(|(nearest, _)| distance < nearest) {
                        best = Some((distance, index));
                        if distance == 0 {
                            break 'search;
                        }
                    }
                }
            }
            if best.is_none_or(|(distance, _)| distance > 0) {
                // An inexact row: the nearest float to a literal's real bound.
                for clause in &active {
                    for &index in &clause.bounds {
                        let literal = &self.literals[index as usize];
                        let bound = literal.prepared.real_bound(column, &values);
                        let distance = key(nearest_finite(&bound, format), format).abs_diff(target);
                        if best.is_none_or(|(nearest, _)| distance < nearest) {
                            best = Some((distance, index));
                        }
                    }
                }
            }
            if let Some((_, index)) = best {
                *entry = index;
            }
        }
        debug_assert_eq!(values, corrected);
    }

    /// Whether a row's trace names, at each level, no literal or a literal of that level.
    pub fn valid_trace(&self, trace: &[u32]) -> bool {
        trace.len() == self.levels.len()
            && self.levels.iter().zip(trace).all(|(level, &entry)| {
                entry == NO_LITERAL
                    || self
                        .literals
                        .get(entry as usize)
                        .is_some_and(|literal| literal.column == level.column)
            })
    }

    /// Turns the gradient with respect to a corrected row into the gradient with respect
    /// to the row before correction, in place: the reverse sweep over the ordering.
    pub fn backward_row(&self, trace: &[u32], gradient: &mut [f64]) {
        for (level, &entry) in self.levels.iter().zip(trace).rev() {
            if entry == NO_LITERAL {
                continue;
            }
            let column = level.column;
            let upstream = gradient[column];
            gradient[column] = 0.0;
            if upstream == 0.0 {
                continue;
            }
            for &(term, partial) in &self.literals[entry as usize].partials {
                gradient[term] += upstream * partial;
            }
        }
    }
}
