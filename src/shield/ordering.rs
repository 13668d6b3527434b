//! Choosing the order in which correction visits variables: the file's, a seeded shuffle, or a heuristic that keeps elimination small.

use crate::spec::Specification;
use std::collections::BTreeSet;

/// How the correction order is chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OrderingChoice {
    /// The file's `ordering` line.
    #[default]
    File,
    /// A uniformly random permutation of the file's ordering, reproducible from the seed.
    Random(u64),
    /// The greedy minimum-growth heuristic described in `specs/correction.md`.
    Auto,
}

/// The correction order for a choice.
pub fn choose(specification: &Specification, choice: OrderingChoice) -> Vec<usize> {
    let mut ordering = specification.ordering.clone();
    match choice {
        OrderingChoice::File => ordering,
        OrderingChoice::Random(seed) => {
            let mut generator = crate::random::Random::new(seed);
            for index in (1..ordering.len()).rev() {
                let other = generator.below(index as u64 + 1) as usize;
                ordering.swap(index, other);
            }
            ordering
        }
        OrderingChoice::Auto => auto(specification),
    }
}

/// Greedy elimination order: repeatedly eliminate the variable whose elimination creates the
/// fewest new clauses (lower-bound clauses times upper-bound clauses, minus the clauses removed),
/// on a running estimate of which variables share clauses. Elimination runs from the last
/// variable of the ordering to the first, so the order is built back to front. Ties keep the
/// file's order, so the heuristic is deterministic.
fn auto(specification: &Specification) -> Vec<usize> {
    let ordered: Vec<usize> = specification.ordering.clone();
    // Each clause as (set of ordered columns, columns with positive coefficient, with negative).
    let mut clauses: Vec<(BTreeSet<usize>, BTreeSet<usize>, BTreeSet<usize>)> = Vec::new();
    let is_ordered: BTreeSet<usize> = ordered.iter().copied().collect();
    for (_, clause) in specification.clauses() {
        let mut columns = BTreeSet::new();
        let mut positive = BTreeSet::new();
        let mut negative = BTreeSet::new();
        for disjunct in &clause.disjuncts {
            for (column, coefficient) in &disjunct.inequality.terms {
                if !is_ordered.contains(column) {
                    continue;
                }
                columns.insert(*column);
                if num_traits::Signed::is_positive(coefficient) {
                    positive.insert(*column);
                } else {
                    negative.insert(*column);
                }
            }
        }
        clauses.push((columns, positive, negative));
    }
    let mut remaining: Vec<usize> = ordered.clone();
    let mut eliminated_last_first = Vec::new();
    while !remaining.is_empty() {
        let cost = |column: usize| -> i64 {
            let lower = clauses
                .iter()
                .filter(|(_, positive, _)| positive.contains(&column))
                .count() as i64;
            let upper = clauses
                .iter()
                .filter(|(_, _, negative)| negative.contains(&column))
                .count() as i64;
            lower * upper - lower - upper
        };
        // Prefer the latest column in the file's order among equal costs, so an ordering
        // that is already good is kept as it is.
        let (index, &column) = remaining
            .iter()
            .enumerate()
            .rev()
            .min_by_key(|(_, column)| cost(**column))
            .expect("remaining is not empty");
        remaining.remove(index);
        eliminated_last_first.push(column);
        // The clauses mentioning the column are replaced by their resolvents, which mention
        // the union of the other columns of each lower/upper pair.
        let (with, without): (Vec<_>, Vec<_>) = clauses
            .into_iter()
            .partition(|(columns, _, _)| columns.contains(&column));
        let mut next = without;
        let lowers: Vec<_> = with
            .iter()
            .filter(|(_, positive, _)| positive.contains(&column))
            .collect();
        let uppers: Vec<_> = with
            .iter()
            .filter(|(_, _, negative)| negative.contains(&column))
            .collect();
        for lower in &lowers {
            for upper in &uppers {
                let mut columns: BTreeSet<usize> = lower.0.union(&upper.0).copied().collect();
                columns.remove(&column);
                let mut positive: BTreeSet<usize> = lower.1.union(&upper.1).copied().collect();
                positive.remove(&column);
                let mut negative: BTreeSet<usize> = lower.2.union(&upper.2).copied().collect();
                negative.remove(&column);
                next.push((columns, positive, negative));
            }
        }
        // Keep the estimate bounded on dense sets: duplicates carry no information.
        next.sort();
        next.dedup();
        clauses = next;
    }
    eliminated_last_first.reverse();
    eliminated_last_first
}
