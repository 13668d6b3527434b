//! Exact variable elimination over clauses of linear inequalities: the projection behind every correction level.
//!
//! For a variable v, each clause forbids an interval of v (its *gap*): values
//! below all its lower bounds and above all its upper bounds, unless the rest
//! of the clause holds. v has a feasible value exactly when the gaps do not
//! cover the line, and a finite union of intervals covers the line exactly when
//! some *chain* does: a clause with only lower bounds (gap unbounded below),
//! then clauses with both (holes), then one with only upper bounds, each gap
//! overlapping the next. A link between consecutive clauses is broken exactly
//! when some lower bound of the first is at most some upper bound of the
//! second: the Fourier–Motzkin resolvent of the pair. So "no chain covers" is,
//! per chain, one clause: the residuals of its members or any resolvent of any
//! link. Conjunctive sets only have chains of two, which is Fourier–Motzkin.

use super::{Level, ShieldClause};
use crate::linear::{Inequality, Relation};
use num_rational::BigRational;
use num_traits::{Signed, Zero};
use std::collections::BTreeSet;

/// Limits on how large elimination may grow before it gives up.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// The most clauses one level may hold.
    pub clauses_per_level: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            clauses_per_level: 2_000,
        }
    }
}

/// Why elimination stopped.
#[derive(Debug)]
pub enum Failure {
    /// A clause became empty: the requirements it came from cannot hold together.
    Infeasible { origins: BTreeSet<usize> },
    /// A level grew past the limit while eliminating this column.
    TooLarge { column: usize, clauses: usize },
}

/// The result of eliminating every ordered column: a level per column, and what is left over inputs.
pub struct Eliminated {
    pub levels: Vec<Level>,
    pub input_clauses: Vec<ShieldClause>,
}

/// Puts a literal in canonical form: first coefficient plus or minus one.
fn canonical(literal: &Inequality) -> Inequality {
    literal.canonical()
}

/// Whether `stronger` implies `weaker` syntactically: same terms, a bound at least as tight.
fn implies(stronger: &Inequality, weaker: &Inequality) -> bool {
    if stronger.terms != weaker.terms {
        return false;
    }
    match (stronger.relation, weaker.relation) {
        (Relation::AtLeast, Relation::Greater) => stronger.constant > weaker.constant,
        _ => stronger.constant >= weaker.constant,
    }
}

/// Whether two literals with opposite terms cover every value (`a >= 1 or a <= 2`).
fn covers_everything(left: &Inequality, right: &Inequality) -> bool {
    let opposite = left.terms.len() == right.terms.len()
        && left.terms.iter().zip(&right.terms).all(
            |((left_column, left_coefficient), (right_column, right_coefficient))| {
                left_column == right_column && *left_coefficient == -right_coefficient
            },
        );
    if !opposite {
        return false;
    }
    // left: e >= c1 (or >); right: -e >= c2, that is e <= -c2.
    let lower = &left.constant;
    let upper = -&right.constant;
    let both_strict = left.relation == Relation::Greater && right.relation == Relation::Greater;
    upper > *lower || (upper == *lower && !both_strict)
}

/// Simplifies a disjunction: folds constants, drops literals implied by others.
/// Returns `None` when the clause always holds.
pub(crate) fn simplify(literals: Vec<Inequality>) -> Option<Vec<Inequality>> {
    let mut kept: Vec<Inequality> = Vec::new();
    for literal in literals {
        match literal.constant_truth() {
            Some(true) => return None,
            Some(false) => continue,
            None => kept.push(canonical(&literal)),
        }
    }
    kept.sort();
    kept.dedup();
    for (index, left) in kept.iter().enumerate() {
        for right in &kept[index + 1..] {
            if covers_everything(left, right) || covers_everything(right, left) {
                return None;
            }
        }
    }
    // In a disjunction, a literal that implies another adds nothing.
    let mut result: Vec<Inequality> = Vec::new();
    for (index, literal) in kept.iter().enumerate() {
        let redundant = kept.iter().enumerate().any(|(other_index, other)| {
            other_index != index
                && implies(literal, other)
                && !(implies(other, literal) && other_index > index)
        });
        if !redundant {
            result.push(literal.clone());
        }
    }
    Some(result)
}

/// Whether clause `general` makes clause `specific` redundant: each literal of `general` implies one of `specific`.
fn subsumes(general: &ShieldClause, specific: &ShieldClause) -> bool {
    general.literals.len() <= specific.literals.len()
        && general.literals.iter().all(|literal| {
            specific
                .literals
                .iter()
                .any(|other| implies(literal, other))
        })
}

/// Removes clauses subsumed by others, keeping the first of equal ones.
fn remove_subsumed(clauses: Vec<ShieldClause>) -> Vec<ShieldClause> {
    let mut clauses = clauses;
    // Shorter clauses subsume longer ones, so look at them first.
    clauses.sort_by(|left, right| {
        left.literals
            .len()
            .cmp(&right.literals.len())
            .then_with(|| left.literals.cmp(&right.literals))
    });
    let mut kept: Vec<ShieldClause> = Vec::new();
    for clause in clauses {
        if kept.iter().any(|existing| subsumes(existing, &clause)) {
            continue;
        }
        // A clause of the same length can still be stronger than one kept earlier.
        kept.retain(|existing| !subsumes(&clause, existing));
        kept.push(clause);
    }
    kept
}

/// The Fourier–Motzkin resolvent of a lower literal (positive coefficient of `column`)
/// and an upper literal (negative coefficient): satisfiable together exactly when it holds.
fn resolve(lower: &Inequality, upper: &Inequality, column: usize) -> Inequality {
    let lower_coefficient = lower.coefficient(column);
    let upper_coefficient = -upper.coefficient(column);
    let mut terms: Vec<(usize, BigRational)> = Vec::new();
    for (term_column, coefficient) in &lower.terms {
        if *term_column != column {
            terms.push((*term_column, coefficient * &upper_coefficient));
        }
    }
    for (term_column, coefficient) in &upper.terms {
        if *term_column != column {
            let scaled = coefficient * &lower_coefficient;
            match terms
                .iter_mut()
                .find(|(existing, _)| existing == term_column)
            {
                Some((_, sum)) => *sum += scaled,
                None => terms.push((*term_column, scaled)),
            }
        }
    }
    let constant = &lower.constant * &upper_coefficient + &upper.constant * &lower_coefficient;
    let relation = if lower.relation == Relation::Greater || upper.relation == Relation::Greater {
        Relation::Greater
    } else {
        Relation::AtLeast
    };
    Inequality::new(terms, relation, constant)
}

/// A clause split by how it mentions the column being eliminated.
struct Split<'a> {
    clause: &'a ShieldClause,
    lower: Vec<&'a Inequality>,
    upper: Vec<&'a Inequality>,
    residual: Vec<&'a Inequality>,
}

fn split(clause: &ShieldClause, column: usize) -> Split<'_> {
    let mut result = Split {
        clause,
        lower: Vec::new(),
        upper: Vec::new(),
        residual: Vec::new(),
    };
    for literal in &clause.literals {
        let coefficient = literal.coefficient(column);
        if coefficient.is_zero() {
            result.residual.push(literal);
        } else if coefficient.is_positive() {
            result.lower.push(literal);
        } else {
            result.upper.push(literal);
        }
    }
    result
}

/// Eliminates the ordered columns from last to first.
/// `position[c]` is the index of column c in the ordering, or `None` for inputs.
pub fn eliminate(
    clauses: Vec<ShieldClause>,
    ordering: &[usize],
    position: &[Option<usize>],
    limits: Limits,
) -> Result<Eliminated, Failure> {
    let last_ordered = |clause: &ShieldClause| -> Option<usize> {
        clause
            .literals
            .iter()
            .flat_map(|literal| literal.columns())
            .filter_map(|column| position.get(column).copied().flatten())
            .max()
    };
    let mut buckets: Vec<Vec<ShieldClause>> = vec![Vec::new(); ordering.len()];
    let mut input_clauses = Vec::new();
    let place = |clause: ShieldClause,
                 buckets: &mut Vec<Vec<ShieldClause>>,
                 input_clauses: &mut Vec<ShieldClause>|
     -> Result<(), Failure> {
        if clause.literals.is_empty() {
            return Err(Failure::Infeasible {
                origins: clause.origins,
            });
        }
        match last_ordered(&clause) {
            Some(level) => buckets[level].push(clause),
            None => input_clauses.push(clause),
        }
        Ok(())
    };
    for clause in clauses {
        place(clause, &mut buckets, &mut input_clauses)?;
    }
    let mut levels: Vec<Level> = Vec::with_capacity(ordering.len());
    for (level, &column) in ordering.iter().enumerate().rev() {
        let eliminated_so_far = ordering.len() - level;
        let bucket = remove_subsumed(std::mem::take(&mut buckets[level]));
        if bucket.len() > limits.clauses_per_level {
            return Err(Failure::TooLarge {
                column,
                clauses: bucket.len(),
            });
        }
        let derived = project(&bucket, column, eliminated_so_far, limits)?;
        for clause in derived {
            place(clause, &mut buckets, &mut input_clauses)?;
        }
        levels.push(Level {
            column,
            clauses: bucket,
        });
    }
    levels.reverse();
    Ok(Eliminated {
        levels,
        input_clauses: remove_subsumed(input_clauses),
    })
}

/// The clauses of `exists column: bucket`, one per chain of gaps.
fn project(
    bucket: &[ShieldClause],
    column: usize,
    eliminated: usize,
    limits: Limits,
) -> Result<Vec<ShieldClause>, Failure> {
    let splits: Vec<Split<'_>> = bucket.iter().map(|clause| split(clause, column)).collect();
    let starts: Vec<usize> = (0..splits.len())
        .filter(|&index| splits[index].upper.is_empty())
        .collect();
    let ends: Vec<usize> = (0..splits.len())
        .filter(|&index| splits[index].lower.is_empty())
        .collect();
    let holes: Vec<usize> = (0..splits.len())
        .filter(|&index| !splits[index].lower.is_empty() && !splits[index].upper.is_empty())
        .collect();
    let mut derived: Vec<ShieldClause> = Vec::new();
    let mut state = Chains {
        splits: &splits,
        ends: &ends,
        holes: &holes,
        column,
        eliminated,
        limit: limits.clauses_per_level,
        derived: &mut derived,
        visits: 0,
        links: std::collections::HashMap::new(),
    };
    for &start in &starts {
        let mut path = vec![start];
        state.extend(&mut path)?;
    }
    Ok(remove_subsumed(derived))
}

struct Chains<'a, 'b> {
    splits: &'a [Split<'b>],
    ends: &'a [usize],
    holes: &'a [usize],
    column: usize,
    eliminated: usize,
    limit: usize,
    derived: &'a mut Vec<ShieldClause>,
    /// Chains walked so far; many chains yield nothing (tautologies), so the walk
    /// itself is bounded too, or a dense bucket could take forever before any limit showed.
    visits: usize,
    /// Resolvents per link, computed once: every chain through a link needs the same ones.
    links: std::collections::HashMap<(usize, usize), Option<Vec<Inequality>>>,
}

impl Chains<'_, '_> {
    /// Resolvents of a link from `from`'s lower literals to `to`'s upper literals;
    /// `None` when the link can never connect (some resolvent always holds).
    fn link(&mut self, from: usize, to: usize) -> Option<Vec<Inequality>> {
        if let Some(cached) = self.links.get(&(from, to)) {
            return cached.clone();
        }
        let computed = self.compute_link(from, to);
        self.links.insert((from, to), computed.clone());
        computed
    }

    fn compute_link(&self, from: usize, to: usize) -> Option<Vec<Inequality>> {
        let mut literals = Vec::new();
        for lower in &self.splits[from].lower {
            for upper in &self.splits[to].upper {
                let resolvent = resolve(lower, upper, self.column);
                match resolvent.constant_truth() {
                    Some(true) => return None,
                    Some(false) => {}
                    None => literals.push(resolvent),
                }
            }
        }
        Some(literals)
    }

    fn extend(&mut self, path: &mut Vec<usize>) -> Result<(), Failure> {
        self.visits += 1;
        if self.visits > self.limit.saturating_mul(8) {
            return Err(Failure::TooLarge {
                column: self.column,
                clauses: self.derived.len(),
            });
        }
        let current = *path.last().expect("a chain has a start");
        for end_index in 0..self.ends.len() {
            let end = self.ends[end_index];
            if self.link(current, end).is_some() {
                path.push(end);
                let clause = self.chain_clause(path);
                path.pop();
                if let Some(clause) = clause {
                    self.derived.push(clause);
                    if self.derived.len() > self.limit {
                        return Err(Failure::TooLarge {
                            column: self.column,
                            clauses: self.derived.len(),
                        });
                    }
                }
            }
        }
        for hole_index in 0..self.holes.len() {
            let hole = self.holes[hole_index];
            if path.contains(&hole) || self.link(current, hole).is_none() {
                continue;
            }
            path.push(hole);
            self.extend(path)?;
            path.pop();
        }
        Ok(())
    }

    /// The clause saying the chain `path` does not cover the line.
    fn chain_clause(&mut self, path: &[usize]) -> Option<ShieldClause> {
        let mut literals: Vec<Inequality> = Vec::new();
        let mut origins = BTreeSet::new();
        for &member in path {
            let split = &self.splits[member];
            literals.extend(split.residual.iter().map(|literal| (*literal).clone()));
            origins.extend(split.clause.origins.iter().copied());
        }
        for pair in path.windows(2) {
            literals.extend(self.link(pair[0], pair[1])?);
        }
        let literals = simplify(literals)?;
        // Chernikov's rule: in pure Fourier–Motzkin, an inequality combined from more
        // than k + 1 original ones after k eliminations is implied by the others.
        let history = match path {
            [start, end] if literals.len() == 1 => {
                match (
                    &self.splits[*start].clause.history,
                    &self.splits[*end].clause.history,
                ) {
                    (Some(left), Some(right))
                        if self.splits[*start].residual.is_empty()
                            && self.splits[*end].residual.is_empty() =>
                    {
                        Some(left.union(right).copied().collect::<BTreeSet<usize>>())
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if history
            .as_ref()
            .is_some_and(|history| history.len() > self.eliminated + 1)
        {
            return None;
        }
        Some(ShieldClause {
            literals,
            origins,
            history,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(value: i64) -> BigRational {
        BigRational::from_integer(value.into())
    }

    #[test]
    fn resolvents_cancel_the_column() {
        // y_1 >= y_0 (lower on y_1) and 2 y_1 <= 3 (upper): y_0 <= 1.5.
        let lower = Inequality::new(vec![(0, r(-1)), (1, r(1))], Relation::AtLeast, r(0));
        let upper = Inequality::new(vec![(1, r(-2))], Relation::Greater, r(-3));
        let resolvent = resolve(&lower, &upper, 1);
        assert_eq!(resolvent.to_string(), "-2y_0 > -3");
    }

    #[test]
    fn simplification_folds_and_prunes() {
        let weaker = Inequality::new(vec![(0, r(1))], Relation::AtLeast, r(1));
        let stronger = Inequality::new(vec![(0, r(2))], Relation::AtLeast, r(4));
        assert_eq!(
            simplify(vec![weaker.clone(), stronger]).unwrap(),
            vec![weaker.canonical()]
        );
        let below = Inequality::new(vec![(0, r(-1))], Relation::AtLeast, r(-3));
        let above = Inequality::new(vec![(0, r(1))], Relation::Greater, r(2));
        assert!(
            simplify(vec![below, above]).is_none(),
            "y_0 <= 3 or y_0 > 2 always holds"
        );
    }
}
