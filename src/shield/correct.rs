//! The reference interpreter: corrects one prediction row at a time, exactly, as `specs/correction.md` defines.

use super::exact::{
    boundary, from_key, key, maximum_key, nearer_to_low, nearest_finite, PreparedInequality,
};
use super::{Shield, ShieldClause};
use crate::number::{float_to_rational, FloatFormat};
use crate::spec::Specification;
use num_rational::BigRational;
use num_traits::Signed;

/// What happened to a row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RowOutcome {
    /// The row met every level and was left bit for bit.
    Unchanged,
    /// Some values moved; every requirement now holds exactly.
    Corrected,
    /// Some level had no representable solution (an equality whose value is not a float):
    /// the nearest representable value was used, violating by at most one unit in the last place.
    Inexact,
    /// The fixed input columns make the requirements impossible; the row was left as it was.
    Impossible,
}

/// A clause prepared for one level: literals split by the direction they bound the level's column.
#[derive(Clone, Debug)]
struct PreparedClause {
    lower: Vec<PreparedInequality>,
    upper: Vec<PreparedInequality>,
    residual: Vec<PreparedInequality>,
}

impl PreparedClause {
    fn new(clause: &ShieldClause, column: Option<usize>) -> PreparedClause {
        let mut prepared = PreparedClause {
            lower: Vec::new(),
            upper: Vec::new(),
            residual: Vec::new(),
        };
        for literal in &clause.literals {
            let coefficient = column.map(|column| literal.coefficient(column));
            let target = match coefficient {
                Some(coefficient) if coefficient.is_positive() => &mut prepared.lower,
                Some(coefficient) if coefficient.is_negative() => &mut prepared.upper,
                _ => &mut prepared.residual,
            };
            target.push(PreparedInequality::new(literal.clone()));
        }
        prepared
    }

    fn holds(&self, values: &[f64]) -> bool {
        self.lower
            .iter()
            .chain(&self.upper)
            .chain(&self.residual)
            .any(|literal| literal.holds(values))
    }
}

#[derive(Clone, Debug)]
struct PreparedLevel {
    column: usize,
    clauses: Vec<PreparedClause>,
    /// Every column the level's clauses mention, sorted: when the level has no solution,
    /// only earlier levels of these columns can change that directly.
    mentions: Vec<usize>,
}

/// The interpreter for one shield and one float format.
#[derive(Clone, Debug)]
pub struct Interpreter {
    format: FloatFormat,
    columns: usize,
    levels: Vec<PreparedLevel>,
    input_clauses: Vec<PreparedClause>,
    /// `Shield::next_visited_levels`: the levels the search passes by.
    next_visited: Vec<usize>,
}

/// A gap: an inclusive range of float keys a clause forbids.
type Gap = (i64, i64);

/// How many next-nearest floats the search tries per level after the greedy pass fails.
pub const SEARCH_CANDIDATES: usize = 4;

/// How many alternatives to the nearest float the search may try per row before the row is corrected inexactly.
pub const SEARCH_BUDGET: usize = 256;

impl Interpreter {
    pub fn new(shield: &Shield, format: FloatFormat) -> Interpreter {
        Interpreter {
            format,
            columns: shield.columns,
            levels: shield
                .levels
                .iter()
                .map(|level| PreparedLevel {
                    column: level.column,
                    clauses: level
                        .clauses
                        .iter()
                        .map(|clause| PreparedClause::new(clause, Some(level.column)))
                        .collect(),
                    mentions: level.mentions(),
                })
                .collect(),
            input_clauses: shield
                .input_clauses
                .iter()
                .map(|clause| PreparedClause::new(clause, None))
                .collect(),
            next_visited: shield.next_visited_levels(),
        }
    }

    pub fn format(&self) -> FloatFormat {
        self.format
    }

    pub fn columns(&self) -> usize {
        self.columns
    }

    /// Corrects a row in place. Every value must be a finite float of the interpreter's format.
    ///
    /// Each variable moves to the nearest float that satisfies its level and lets every
    /// later level be completed the same way. The greedy pass (nearest float at every
    /// level) almost always succeeds; when a later level has no representable solution
    /// (a strict chain such as `y_8 < y_9 < y_7` with no float left between its ends),
    /// a bounded search tries the next-nearest floats of earlier levels, nearest first.
    pub fn correct_row(&self, row: &mut [f64]) -> RowOutcome {
        debug_assert_eq!(row.len(), self.columns);
        if !self.input_clauses.iter().all(|clause| clause.holds(row)) {
            return RowOutcome::Impossible;
        }
        let original = row.to_vec();
        // The search alone: its first descent (the nearest candidate at every level) is the
        // greedy pass, and where that fails it goes on from there instead of starting again.
        let mut budget = SEARCH_BUDGET;
        if self.complete(row, &original, 0, SEARCH_CANDIDATES, &mut budget) {
            return if row
                .iter()
                .zip(&original)
                .all(|(a, b)| a.to_bits() == b.to_bits())
            {
                RowOutcome::Unchanged
            } else {
                RowOutcome::Corrected
            };
        }
        // No representable solution was found: take the nearest float at every level,
        // and where a level has none, the float nearest to its nearest real solution.
        row.copy_from_slice(&original);
        for level in &self.levels {
            let value = match self
                .candidates(level, row, original[level.column], 1)
                .first()
            {
                Some(value) => *value,
                None => self.nearest_real(level, row).unwrap_or(row[level.column]),
            };
            row[level.column] = value;
        }
        RowOutcome::Inexact
    }

    /// Whether levels `from..` can be completed, trying up to `width` candidates per level
    /// (nearest to the original value first); on success the row holds the completion.
    pub fn complete(
        &self,
        row: &mut [f64],
        original: &[f64],
        from: usize,
        width: usize,
        budget: &mut usize,
    ) -> bool {
        self.search(row, original, from, width, budget).is_ok()
    }

    /// The search behind [`Interpreter::complete`]. On failure it returns the level that had no
    /// solution, so that levels whose column that level does not mention are not retried
    /// (conflict-directed backjumping): their alternatives cannot give it a solution directly.
    fn search(
        &self,
        row: &mut [f64],
        original: &[f64],
        from: usize,
        width: usize,
        budget: &mut usize,
    ) -> Result<(), usize> {
        // Levels the search passes by keep the original values, which `row` still holds.
        let from = self.next_visited.get(from).copied().unwrap_or(from);
        let Some(level) = self.levels.get(from) else {
            return Ok(());
        };
        let column = level.column;
        let mut failed = from;
        // The nearest candidate first, alone: nearly every level is completed by it, and
        // the list of `width` candidates, which starts with the same float (candidates come
        // nearest first), is found only once it has failed.
        let mut candidates = self.candidates(level, row, original[column], 1);
        let mut rank = 0;
        while rank < candidates.len() {
            // The nearest candidate is the greedy path; only alternatives cost budget.
            if rank > 0 {
                if *budget == 0 {
                    break;
                }
                *budget -= 1;
            }
            row[column] = candidates[rank];
            match self.search(row, original, from + 1, width, budget) {
                Ok(()) => return Ok(()),
                Err(level) => {
                    failed = level;
                    if self.levels[level].mentions.binary_search(&column).is_err() {
                        break;
                    }
                }
            }
            if rank == 0 && width > 1 {
                candidates = self.candidates(level, row, original[column], width);
            }
            rank += 1;
        }
        row[column] = original[column];
        Err(failed)
    }

    /// Up to `count` floats satisfying the level, in order of distance from `target` (ties: lower first).
    fn candidates(
        &self,
        level: &PreparedLevel,
        row: &mut [f64],
        target: f64,
        count: usize,
    ) -> Vec<f64> {
        let column = level.column;
        row[column] = target;
        if level.clauses.iter().all(|clause| clause.holds(row)) && count == 1 {
            return vec![target];
        }
        let gaps = self.gaps(level, row);
        let maximum = maximum_key(self.format);
        let current = key(target, self.format);
        let blocked = |position: i64| {
            gaps.iter()
                .find(|(start, end)| *start <= position && position <= *end)
                .copied()
        };
        let mut result = Vec::with_capacity(count);
        // Walk outwards from the target on both sides, skipping whole gaps at a time.
        let mut below = current;
        let mut above = current;
        if blocked(current).is_none() {
            result.push(target);
        }
        let next_below = |mut position: i64| -> Option<i64> {
            position -= 1;
            while position >= -maximum {
                match blocked(position) {
                    Some((start, _)) => position = start - 1,
                    None => return Some(position),
                }
            }
            None
        };
        let next_above = |mut position: i64| -> Option<i64> {
            position += 1;
            while position <= maximum {
                match blocked(position) {
                    Some((_, end)) => position = end + 1,
                    None => return Some(position),
                }
            }
            None
        };
        let mut low = next_below(below);
        let mut high = next_above(above);
        while result.len() < count {
            let choice = match (low, high) {
                (Some(l), Some(h)) => {
                    if nearer_to_low(target, from_key(l, self.format), from_key(h, self.format)) {
                        below = l;
                        low = next_below(below);
                        l
                    } else {
                        above = h;
                        high = next_above(above);
                        h
                    }
                }
                (Some(l), None) => {
                    below = l;
                    low = next_below(below);
                    l
                }
                (None, Some(h)) => {
                    above = h;
                    high = next_above(above);
                    h
                }
                (None, None) => break,
            };
            result.push(from_key(choice, self.format));
        }
        result
    }

    /// The merged, sorted key ranges that the level's clauses forbid, given the earlier values.
    fn gaps(&self, level: &PreparedLevel, row: &mut [f64]) -> Vec<Gap> {
        let maximum = maximum_key(self.format);
        let column = level.column;
        let mut gaps: Vec<Gap> = Vec::new();
        for clause in &level.clauses {
            if clause.residual.iter().any(|literal| literal.holds(row)) {
                continue;
            }
            // The clause holds above its lowest lower boundary and below its highest upper one.
            let lowest = clause
                .lower
                .iter()
                .map(|literal| {
                    boundary(literal, column, true, row, self.format).unwrap_or(maximum + 1)
                })
                .min();
            let highest = clause
                .upper
                .iter()
                .map(|literal| {
                    boundary(literal, column, false, row, self.format).unwrap_or(-maximum - 1)
                })
                .max();
            let start = highest.map_or(-maximum, |high| high + 1);
            let end = lowest.map_or(maximum, |low| low - 1);
            if start <= end {
                gaps.push((start.max(-maximum), end.min(maximum)));
            }
        }
        gaps.sort_unstable();
        let mut merged: Vec<Gap> = Vec::new();
        for (start, end) in gaps {
            match merged.last_mut() {
                Some((_, last_end)) if start <= *last_end + 1 => *last_end = (*last_end).max(end),
                _ => merged.push((start, end)),
            }
        }
        merged
    }

    /// When no float satisfies a level: the nearest float to the nearest real solution, if any.
    fn nearest_real(&self, level: &PreparedLevel, row: &[f64]) -> Option<f64> {
        let column = level.column;
        let current = float_to_rational(row[column])?;
        let mut candidates: Vec<BigRational> = Vec::new();
        for clause in &level.clauses {
            for literal in clause.lower.iter().chain(&clause.upper) {
                candidates.push(literal.real_bound(column, row));
            }
        }
        // The closure of the level's solution set: strict bounds count as reached.
        let feasible = |point: &BigRational| {
            level.clauses.iter().all(|clause| {
                clause.residual.iter().any(|literal| literal.holds(row))
                    || clause
                        .lower
                        .iter()
                        .any(|literal| literal.real_bound(column, row) <= *point)
                    || clause
                        .upper
                        .iter()
                        .any(|literal| literal.real_bound(column, row) >= *point)
            })
        };
        let best = candidates
            .into_iter()
            .filter(|candidate| feasible(candidate))
            .min_by(|left, right| {
                let left_distance = (left - &current).abs();
                let right_distance = (right - &current).abs();
                left_distance.cmp(&right_distance).then(left.cmp(right))
            })?;
        Some(nearest_finite(&best, self.format))
    }
}

/// Exact satisfaction of a specification's requirements on float rows, for statistics and checks.
pub struct RequirementChecker {
    /// Per requirement, its clauses as prepared disjunctions.
    requirements: Vec<Vec<Vec<PreparedInequality>>>,
}

impl RequirementChecker {
    pub fn new(specification: &Specification) -> RequirementChecker {
        RequirementChecker {
            requirements: specification
                .requirements
                .iter()
                .map(|requirement| {
                    requirement
                        .clauses
                        .iter()
                        .map(|clause| {
                            clause
                                .disjuncts
                                .iter()
                                .map(|disjunct| {
                                    PreparedInequality::new(disjunct.inequality.clone())
                                })
                                .collect()
                        })
                        .collect()
                })
                .collect(),
        }
    }

    pub fn len(&self) -> usize {
        self.requirements.len()
    }

    pub fn is_empty(&self) -> bool {
        self.requirements.is_empty()
    }

    /// Whether requirement `index` holds on the row, decided exactly.
    pub fn holds(&self, index: usize, row: &[f64]) -> bool {
        self.requirements[index]
            .iter()
            .all(|clause| clause.iter().any(|literal| literal.holds(row)))
    }

    /// Whether every requirement holds on the row.
    pub fn all_hold(&self, row: &[f64]) -> bool {
        (0..self.requirements.len()).all(|index| self.holds(index, row))
    }
}

/// What to do with rows holding NaN or an infinity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NonFinitePolicy {
    /// Stop with an error naming the row and column.
    Error,
    /// Copy the row unchanged and count it.
    Keep,
}

/// What to do with rows whose fixed input columns make the requirements impossible.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImpossiblePolicy {
    /// Copy the row unchanged and count it.
    Keep,
    /// Stop with an error naming the row.
    Error,
}

/// Which moved rows the summary checks again, exactly, for its "violating after" count.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Recheck {
    /// Only rows corrected inexactly (and rows left impossible). A row corrected exactly
    /// meets every requirement by construction: each variable took a float meeting its
    /// level, decided exactly, which is what `reqc verify` proves sound; checking it again
    /// cost a quarter of a correction's time.
    #[default]
    Inexact,
    /// Every row that moved, with the independent exact evaluator (`--recheck`).
    Moved,
}

/// Counts from one correction run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    pub rows: u64,
    pub changed: u64,
    pub violating_before: u64,
    pub violating_after: u64,
    pub inexact: u64,
    pub impossible: u64,
    pub non_finite: u64,
}

/// Rows per block: large enough to amortise calls, small enough to stream.
pub const BLOCK_ROWS: usize = 4096;

/// Corrects every row from `reader` into `writer` with the interpreter, checking requirements before and after.
pub fn correct_stream(
    interpreter: &Interpreter,
    checker: &RequirementChecker,
    reader: &mut dyn crate::data::RowReader,
    writer: &mut dyn crate::data::RowWriter,
    non_finite: NonFinitePolicy,
    impossible: ImpossiblePolicy,
    recheck: Recheck,
) -> Result<Summary, crate::data::DataError> {
    let mut summary = Summary::default();
    let rows = crate::data::rows_per_block(BLOCK_ROWS, interpreter.columns());
    let mut block = Vec::with_capacity(rows * interpreter.columns());
    loop {
        block.clear();
        let count = reader.read_rows(&mut block, rows)?;
        if count == 0 {
            break;
        }
        correct_block(
            interpreter,
            checker,
            &mut block,
            non_finite,
            impossible,
            recheck,
            &mut summary,
        )?;
        writer.write_rows(&block)?;
    }
    Ok(summary)
}

/// Corrects a block of rows (row-major, the interpreter's column count) with the
/// interpreter, numbering rows after those `summary` has counted: the one loop behind the
/// interpreter engine and the JIT engine's rows before its kernels are ready.
pub fn correct_block(
    interpreter: &Interpreter,
    checker: &RequirementChecker,
    block: &mut [f64],
    non_finite: NonFinitePolicy,
    impossible: ImpossiblePolicy,
    recheck: Recheck,
    summary: &mut Summary,
) -> Result<(), crate::data::DataError> {
    let columns = interpreter.columns();
    if columns == 0 {
        return Ok(());
    }
    for row in block.chunks_exact_mut(columns) {
        summary.rows += 1;
        let row_number = summary.rows;
        // Values are corrected in the output format, so round them into it first.
        if interpreter.format() == FloatFormat::F32 {
            row.iter_mut()
                .for_each(|value| *value = f64::from(*value as f32));
        }
        if let Some(column) = row.iter().position(|value| !value.is_finite()) {
            match non_finite {
                NonFinitePolicy::Error => return Err(non_finite_error(row_number, row, column)),
                NonFinitePolicy::Keep => {
                    summary.non_finite += 1;
                    continue;
                }
            }
        }
        correct_and_count(
            interpreter,
            checker,
            row,
            row_number,
            impossible,
            recheck,
            summary,
        )?;
    }
    Ok(())
}

/// Corrects one finite row with the interpreter and counts it in `summary`: the one place
/// an interpreter outcome is tallied, for the interpreter engine and the JIT's fallback.
pub fn correct_and_count(
    interpreter: &Interpreter,
    checker: &RequirementChecker,
    row: &mut [f64],
    row_number: u64,
    impossible: ImpossiblePolicy,
    recheck: Recheck,
    summary: &mut Summary,
) -> Result<(), crate::data::DataError> {
    let violating_before = !checker.all_hold(row);
    summary.violating_before += u64::from(violating_before);
    let outcome = interpreter.correct_row(row);
    match outcome {
        RowOutcome::Unchanged => {}
        RowOutcome::Corrected => summary.changed += 1,
        RowOutcome::Inexact => {
            summary.changed += 1;
            summary.inexact += 1;
        }
        RowOutcome::Impossible => {
            if impossible == ImpossiblePolicy::Error {
                return Err(impossible_error(row_number));
            }
            summary.impossible += 1;
        }
    }
    let decided = outcome == RowOutcome::Corrected && recheck == Recheck::Inexact;
    if violating_before && !decided {
        summary.violating_after += u64::from(!checker.all_hold(row));
    }
    Ok(())
}

/// The error of `--impossible error` for row `row`.
pub fn impossible_error(row: u64) -> crate::data::DataError {
    crate::data::DataError {
        path: None,
        row: Some(row),
        column: None,
        message: "the fixed input columns of this row make the requirements impossible".to_string(),
    }
}

/// The error of `--non-finite error` for the value at `column` (0-based) of row `row`.
pub fn non_finite_error(row: u64, values: &[f64], column: usize) -> crate::data::DataError {
    crate::data::DataError {
        path: None,
        row: Some(row),
        column: Some(column + 1),
        message: format!(
            "{} is not a finite number (use `--non-finite keep` to pass such rows through)",
            values[column]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::random::Random;

    /// The interpreter of a requirements text, in its file's ordering.
    fn interpreter(text: &str, format: FloatFormat) -> Interpreter {
        let specification = crate::check::specification_of(text);
        let shield = crate::shield::build(
            &specification,
            &specification.ordering,
            crate::shield::Limits::default(),
        )
        .expect("the shield builds");
        Interpreter::new(&shield, format)
    }

    #[test]
    fn the_search_passes_by_levels_with_the_same_outcome() {
        // Faults' shape: a strict chain whose middle level often has no float left, so
        // that the search backjumps past clause-free levels (y_2, y_4, y_5). And
        // y_10 = 3 y_9: y_9 has no clause, but where 3 y_9 is no float the search must
        // move y_9 itself, which a search that passed it by would not.
        let text = "ordering y_0 y_1 y_2 y_3 y_4 y_5 y_6 y_7 y_8 y_9 y_10\n\
                    y_1 - y_0 > 0\n\
                    y_7 - y_6 > 0\n\
                    y_3 - y_7 > 0\n\
                    y_8 - y_4 >= 0 or y_8 - y_2 < 0\n\
                    y_10 - 3y_9 >= 0\n\
                    3y_9 - y_10 >= 0\n";
        for format in [FloatFormat::F32, FloatFormat::F64] {
            let passing = interpreter(text, format);
            assert!(
                passing
                    .next_visited
                    .iter()
                    .enumerate()
                    .any(|(index, next)| *next > index),
                "some level is passed by: {:?}",
                passing.next_visited
            );
            let mut visiting = interpreter(text, format);
            visiting.next_visited = (0..=visiting.levels.len()).collect();
            let mut generator = Random::new(17);
            let mut searched = 0;
            for _ in 0..4000 {
                let row: Vec<f64> = (0..11)
                    .map(|_| {
                        let value = generator.pick(&[0.0, -0.0, 1.0, 0.1, -2.0, 3.0, 1.1]);
                        let value = *value + (generator.next_u64() % 3) as f64;
                        match format {
                            FloatFormat::F32 => f64::from(value as f32),
                            FloatFormat::F64 => value,
                        }
                    })
                    .collect();
                let (mut passed, mut visited) = (row.clone(), row.clone());
                let outcomes = (
                    passing.correct_row(&mut passed),
                    visiting.correct_row(&mut visited),
                );
                assert_eq!(
                    format!("{:?}", outcomes.0),
                    format!("{:?}", outcomes.1),
                    "{row:?}"
                );
                assert_eq!(
                    passed
                        .iter()
                        .map(|value| value.to_bits())
                        .collect::<Vec<_>>(),
                    visited
                        .iter()
                        .map(|value| value.to_bits())
                        .collect::<Vec<_>>(),
                    "{row:?}"
                );
                searched += usize::from(passed != row);
            }
            assert!(searched > 1000, "{searched} rows changed");
        }
    }
}
