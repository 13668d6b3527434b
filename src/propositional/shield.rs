//! PiShield's propositional Shield Layer, exact: clauses eliminated label by label by resolution, each label's rules made strongly coherent, stratified, and applied to probability rows with complements rounded up.
//!
//! `specs/propositional.md` is the reference; the steps below name the PiShield
//! functions they reproduce (`ClausesGroup.stratify`, `ClausesGroup.resolution`,
//! `compacted`, `strong_coherency_constraint_preprocessing`, `ConstraintsGroup.stratify`,
//! `ConstraintsModule.apply_iter`).

use super::{Literal, PropositionalSpecification};
use crate::diagnostics::{Code, Diagnostic};
use std::collections::{BTreeMap, BTreeSet};

/// The order in which the shield settles labels: the first is never changed, the last is
/// eliminated first.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PropositionalOrdering {
    /// PiShield's `'given'`: the file's `ordering`, else the labels 0, 1, ... in turn.
    Given,
    /// An explicit list of labels (PiShield's `custom_ordering`).
    Columns(Vec<usize>),
    /// PiShield's `'degree'` centrality: labels in fewer clauses first (ties by index).
    Degree,
    /// PiShield's `'rev-degree'`: labels in more clauses first (ties by index).
    ReverseDegree,
    /// A seeded random permutation of the labels (reqc's; PiShield has none for this backend).
    Random(u64),
}

/// The most clauses resolution may hold at once before reqc gives up (resolution can
/// grow exponentially; real rule sets stay in the thousands).
pub const MAXIMUM_CLAUSES: usize = 200_000;

/// A rule's body: the labels that must be true, those that must be false, and those that
/// may be either. The last come from merging the two rules strong coherency splits a rule
/// into (`B and l`, `B and not l`): the larger of their body values is `min(B, max(p_l,
/// 1 - p_l))` (min distributes over max), one rule instead of two.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Body {
    pub positive: Vec<usize>,
    pub negative: Vec<usize>,
    pub either: Vec<usize>,
}

/// Everything the shield does to one label: rules that raise it (positive head) and rules
/// that lower it (negative head).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Head {
    pub column: usize,
    /// The stratum that corrects this label (a level of the dependency graph).
    pub stratum: usize,
    /// PiShield's `ConstraintsModule` that corrects this label: the rank of its stratum
    /// among the strata that correct a label (what a `Slicer` counts).
    pub module: usize,
    pub raise: Vec<Body>,
    pub lower: Vec<Body>,
}

/// A rule the elimination derived: `head :- body`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DerivedRule {
    pub head: Literal,
    pub body: Vec<Literal>,
}

/// The built shield.
#[derive(Clone, Debug)]
pub struct PropositionalShield {
    pub columns: usize,
    /// The ordering used, first settled first.
    pub ordering: Vec<usize>,
    /// The labels the shield changes, in the order it corrects them (stratum by stratum,
    /// ascending label within a stratum).
    pub heads: Vec<Head>,
    pub strata: usize,
    /// Every rule the elimination derived (after strong coherency), sorted.
    pub rules: Vec<DerivedRule>,
}

type ClauseSet = BTreeSet<Vec<Literal>>;

/// The ordering a choice names for a specification.
pub fn choose_ordering(
    specification: &PropositionalSpecification,
    choice: &PropositionalOrdering,
) -> Vec<usize> {
    match choice {
        PropositionalOrdering::Given => specification
            .ordering
            .clone()
            .unwrap_or_else(|| (0..specification.columns).collect()),
        PropositionalOrdering::Columns(columns) => columns.clone(),
        PropositionalOrdering::Degree | PropositionalOrdering::ReverseDegree => {
            let clauses = clause_set(specification);
            let mut degree: BTreeMap<usize, usize> = BTreeMap::new();
            for clause in &clauses {
                let mut columns: Vec<usize> = clause.iter().map(|literal| literal.column).collect();
                columns.dedup();
                for column in columns {
                    *degree.entry(column).or_default() += 1;
                }
            }
            // PiShield sorts the atoms (in Python's set order, ascending for small labels)
            // by centrality with a stable sort; `rev-` mirrors the values.
            let mut atoms: Vec<usize> = degree.keys().copied().collect();
            if *choice == PropositionalOrdering::Degree {
                atoms.sort_by_key(|atom| degree[atom]);
            } else {
                atoms.sort_by_key(|atom| std::cmp::Reverse(degree[atom]));
            }
            atoms
        }
        PropositionalOrdering::Random(seed) => {
            let mut columns: Vec<usize> = (0..specification.columns).collect();
            let mut generator = crate::random::Random::new(*seed);
            for index in (1..columns.len()).rev() {
                let other = generator.below(index as u64 + 1) as usize;
                columns.swap(index, other);
            }
            columns
        }
    }
}

/// The file's rules as PiShield's clause set: each clause once, tautologies left out
/// (reqc departs from PiShield there; W1301 says why).
fn clause_set(specification: &PropositionalSpecification) -> ClauseSet {
    specification
        .rules
        .iter()
        .filter(|rule| !rule.is_tautology())
        .map(|rule| rule.literals.clone())
        .collect()
}

/// Builds the shield for an ordering. Errors: a label of a rule missing from the ordering
/// (E1302), resolution past [`MAXIMUM_CLAUSES`] (E0701), or rules that cannot all hold
/// (E0702).
pub fn build(
    specification: &PropositionalSpecification,
    ordering: &[usize],
) -> Result<PropositionalShield, Vec<Diagnostic>> {
    if let Some(diagnostic) = super::missing_from_ordering(specification, ordering, None) {
        return Err(vec![diagnostic]);
    }
    let mut clauses = clause_set(specification);
    // PiShield eliminates the last label of the ordering first.
    let elimination: Vec<usize> = ordering.iter().rev().copied().collect();
    let rank: BTreeMap<usize, usize> = elimination
        .iter()
        .enumerate()
        .map(|(index, column)| (*column, index))
        .collect();
    let mut derived: BTreeSet<DerivedRule> = BTreeSet::new();
    for &atom in &elimination {
        let positive = Literal {
            column: atom,
            positive: true,
        };
        let negative = positive.negated();
        let (mut with_positive, mut with_negative, mut others) =
            (Vec::new(), Vec::new(), Vec::new());
        for clause in std::mem::take(&mut clauses) {
            if clause.contains(&positive) {
                with_positive.push(clause);
            } else if clause.contains(&negative) {
                with_negative.push(clause);
            } else {
                others.push(clause);
            }
        }
        let mut next: ClauseSet = others.into_iter().collect();
        for first in &with_positive {
            for second in &with_negative {
                let mut resolvent: Vec<Literal> = first
                    .iter()
                    .chain(second.iter())
                    .filter(|literal| literal.column != atom)
                    .copied()
                    .collect();
                resolvent.sort_unstable();
                resolvent.dedup();
                if resolvent
                    .windows(2)
                    .any(|pair| pair[0].column == pair[1].column)
                {
                    continue;
                }
                next.insert(resolvent);
                if next.len() > MAXIMUM_CLAUSES {
                    return Err(vec![Diagnostic::new(
                        Code::EliminationTooLarge,
                        format!(
                            "eliminating y_{atom} by resolution makes more than {MAXIMUM_CLAUSES} clauses"
                        ),
                    )
                    .note("a different ordering (`--ordering`) may keep resolution small")]);
                }
            }
        }
        clauses = compacted(next);
        let mut rules: Vec<DerivedRule> = with_positive
            .iter()
            .map(|clause| fix_head(clause, positive))
            .chain(
                with_negative
                    .iter()
                    .map(|clause| fix_head(clause, negative)),
            )
            .collect();
        if !rules.is_empty() {
            rules = strongly_coherent(rules, &rank);
        }
        derived.extend(rules);
    }
    if !clauses.is_empty() {
        return Err(vec![Diagnostic::new(
            Code::InfeasibleRequirements,
            "resolution derived the empty clause: the rules cannot all hold",
        )
        .note("`reqc check` shows a smallest set of rules that conflict")]);
    }
    let rules: Vec<DerivedRule> = derived.into_iter().collect();
    let (heads, strata) = stratify(&rules);
    Ok(PropositionalShield {
        columns: specification.columns,
        ordering: ordering.to_vec(),
        heads,
        strata,
        rules,
    })
}

/// PiShield's `compacted`: drops every clause that strictly contains another.
fn compacted(clauses: ClauseSet) -> ClauseSet {
    let mut by_length: Vec<Vec<Literal>> = clauses.into_iter().collect();
    by_length.sort_by_key(Vec::len);
    let mut kept: Vec<Vec<Literal>> = Vec::new();
    for clause in by_length {
        let subsumed = kept.iter().any(|smaller| {
            smaller.len() < clause.len()
                && smaller
                    .iter()
                    .all(|literal| clause.binary_search(literal).is_ok())
        });
        if !subsumed {
            kept.push(clause);
        }
    }
    kept.into_iter().collect()
}

/// PiShield's `Clause.fix_head`: the clause as the rule `head :- negations of the rest`.
fn fix_head(clause: &[Literal], head: Literal) -> DerivedRule {
    let mut body: Vec<Literal> = clause
        .iter()
        .filter(|literal| **literal != head)
        .map(|literal| literal.negated())
        .collect();
    body.sort_unstable();
    DerivedRule { head, body }
}

/// PiShield's `strong_coherency_constraint_preprocessing`: the body label eliminated
/// soonest among all the rules of this head is added, positively and negatively, to every
/// rule whose body lacks it.
fn strongly_coherent(rules: Vec<DerivedRule>, rank: &BTreeMap<usize, usize>) -> Vec<DerivedRule> {
    let Some(pivot) = rules
        .iter()
        .flat_map(|rule| rule.body.iter().map(|literal| literal.column))
        .min_by_key(|column| rank[column])
    else {
        return rules;
    };
    let mut extended = BTreeSet::new();
    for rule in rules {
        if rule.body.iter().any(|literal| literal.column == pivot) {
            extended.insert(rule);
            continue;
        }
        for positive in [true, false] {
            let mut body = rule.body.clone();
            body.push(Literal {
                column: pivot,
                positive,
            });
            body.sort_unstable();
            extended.insert(DerivedRule {
                head: rule.head,
                body,
            });
        }
    }
    extended.into_iter().collect()
}

/// PiShield's `ConstraintsGroup.stratify`: a label's stratum is one past the highest
/// stratum of the labels its rules' bodies use (labels no rule changes are stratum 0).
fn stratify(rules: &[DerivedRule]) -> (Vec<Head>, usize) {
    let mut by_head: BTreeMap<usize, (Vec<Body>, Vec<Body>)> = BTreeMap::new();
    let mut depends: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for rule in rules {
        let body = Body {
            positive: rule
                .body
                .iter()
                .filter(|l| l.positive)
                .map(|l| l.column)
                .collect(),
            negative: rule
                .body
                .iter()
                .filter(|l| !l.positive)
                .map(|l| l.column)
                .collect(),
            either: Vec::new(),
        };
        let entry = by_head.entry(rule.head.column).or_default();
        if rule.head.positive {
            entry.0.push(body);
        } else {
            entry.1.push(body);
        }
        depends
            .entry(rule.head.column)
            .or_default()
            .extend(rule.body.iter().map(|literal| literal.column));
    }
    for (raise, lower) in by_head.values_mut() {
        merge_splits(raise);
        merge_splits(lower);
    }
    // Bodies only use labels eliminated later, which are settled earlier, so the
    // dependencies form a DAG and memoised depth-first levels terminate.
    fn level(
        column: usize,
        depends: &BTreeMap<usize, BTreeSet<usize>>,
        levels: &mut BTreeMap<usize, usize>,
    ) -> usize {
        if let Some(level) = levels.get(&column) {
            return *level;
        }
        let mut stack = vec![(column, false)];
        while let Some((node, expanded)) = stack.pop() {
            if levels.contains_key(&node) {
                continue;
            }
            let inputs = depends.get(&node);
            if expanded {
                let value = inputs
                    .map(|inputs| {
                        inputs
                            .iter()
                            .map(|input| levels[input] + 1)
                            .max()
                            .unwrap_or(0)
                    })
                    .unwrap_or(0);
                levels.insert(node, value);
            } else {
                stack.push((node, true));
                for input in inputs.into_iter().flatten() {
                    if !levels.contains_key(input) {
                        stack.push((*input, false));
                    }
                }
            }
        }
        levels[&column]
    }
    let mut levels = BTreeMap::new();
    let mut heads: Vec<Head> = by_head
        .into_iter()
        .map(|(column, (raise, lower))| Head {
            column,
            stratum: level(column, &depends, &mut levels),
            module: 0,
            raise,
            lower,
        })
        .collect();
    heads.sort_by_key(|head| (head.stratum, head.column));
    let mut module = 0;
    for index in 0..heads.len() {
        if index > 0 && heads[index].stratum != heads[index - 1].stratum {
            module += 1;
        }
        heads[index].module = module;
    }
    let strata = heads
        .iter()
        .map(|head| head.stratum)
        .collect::<BTreeSet<_>>()
        .len();
    (heads, strata)
}

/// Merges every pair of bodies `B + y_c` and `B + not y_c` into `B + either y_c` until no
/// pair is left (the pairs strong coherency made, and any others).
fn merge_splits(bodies: &mut Vec<Body>) {
    let mut set: BTreeSet<Body> = bodies.drain(..).collect();
    'merging: loop {
        for body in &set {
            for (index, column) in body.positive.iter().enumerate() {
                let Err(at) = body.negative.binary_search(column) else {
                    continue;
                };
                let mut positive = body.positive.clone();
                positive.remove(index);
                let mut counterpart = Body {
                    positive: positive.clone(),
                    negative: body.negative.clone(),
                    either: body.either.clone(),
                };
                counterpart.negative.insert(at, *column);
                if !set.contains(&counterpart) {
                    continue;
                }
                let mut either = body.either.clone();
                let place = either.binary_search(column).unwrap_or_else(|place| place);
                either.insert(place, *column);
                let merged = Body {
                    positive,
                    negative: body.negative.clone(),
                    either,
                };
                let body = body.clone();
                set.remove(&body);
                set.remove(&counterpart);
                set.insert(merged);
                continue 'merging;
            }
        }
        break;
    }
    bodies.extend(set);
}

/// The float types the shield corrects.
pub trait Probability: Copy + PartialOrd + Send + Sync + 'static {
    const ZERO: Self;
    const ONE: Self;
    /// The smallest float at least `1 - self` (`self` in [0, 1]).
    fn complement_up(self) -> Self;
    fn to_f64(self) -> f64;
}

macro_rules! probability {
    ($float:ty) => {
        impl Probability for $float {
            const ZERO: $float = 0.0;
            const ONE: $float = 1.0;
            fn complement_up(self) -> $float {
                // Fast2Sum: with |1| >= |self| the rounding error of `1 - self` is exactly
                // `-self - (rounded - 1)`.
                let rounded = 1.0 - self;
                let error = -self - (rounded - 1.0);
                if error > 0.0 {
                    <$float>::from_bits(rounded.to_bits() + 1)
                } else {
                    rounded
                }
            }
            fn to_f64(self) -> f64 {
                self as f64
            }
        }
    };
}
probability!(f32);
probability!(f64);

/// Where a corrected value came from, for the gradient: the row's own value, a constant
/// (0 or 1), or another label's corrected value `p` (`sign` +1) or its complement `1 - p`
/// (`sign` -1). Encoded as one `i64` per head: -1 keep, -2 constant, `2 * column` for
/// `p`, `2 * column + 1` for `1 - p`.
pub const SOURCE_KEEP: i64 = -1;
pub const SOURCE_CONSTANT: i64 = -2;

/// The value of `either y_c` in a rule's body: `max(p, 1 - p)`, with its source.
fn either<T: Probability>(value: T, column: usize) -> (T, i64) {
    maximum(
        (value, 2 * column as i64),
        (value.complement_up(), 2 * column as i64 + 1),
    )
}

/// One minus the value of `either y_c`: `min(1 - p, p)` (the complement rounded up, as
/// everywhere).
fn neither<T: Probability>(value: T, column: usize) -> (T, i64) {
    minimum(
        (value.complement_up(), 2 * column as i64 + 1),
        (value, 2 * column as i64),
    )
}

fn minimum<T: Probability>(current: (T, i64), candidate: (T, i64)) -> (T, i64) {
    if candidate.0 < current.0 {
        candidate
    } else {
        current
    }
}

fn maximum<T: Probability>(current: (T, i64), candidate: (T, i64)) -> (T, i64) {
    if candidate.0 > current.0 {
        candidate
    } else {
        current
    }
}

impl PropositionalShield {
    /// The first value of a row that is not a probability (NaN or outside [0, 1]).
    pub fn invalid_value<T: Probability>(row: &[T]) -> Option<usize> {
        row.iter()
            .position(|value| !(*value >= T::ZERO && *value <= T::ONE))
    }

    /// Corrects one row in place (values in [0, 1]; see [`Self::invalid_value`]), writing
    /// each head's source into `trace` when given. Returns whether a value changed.
    pub fn correct_row<T: Probability>(&self, row: &mut [T], trace: Option<&mut [i64]>) -> bool {
        self.correct_row_with_goal(row, None, None, trace)
    }

    /// A head's lower and upper bounds on a row, with their sources.
    #[inline]
    fn bounds<T: Probability>(&self, head: &Head, row: &[T]) -> ((T, i64), (T, i64)) {
        // The lower bound: the largest body value of a rule with this head.
        let mut lower = (T::ZERO, SOURCE_CONSTANT);
        for body in &head.raise {
            let mut value = (T::ONE, SOURCE_CONSTANT);
            for &column in &body.positive {
                value = minimum(value, (row[column], 2 * column as i64));
            }
            let mut largest = (T::ZERO, SOURCE_CONSTANT);
            for &column in &body.negative {
                largest = maximum(largest, (row[column], 2 * column as i64 + 1));
            }
            value = minimum(value, (largest.0.complement_up(), largest.1));
            for &column in &body.either {
                value = minimum(value, either(row[column], column));
            }
            lower = maximum(lower, value);
        }
        // The upper bound: one minus the largest body value of a rule with the negated
        // head. Every complement rounds up, which keeps each value on the same side of 1/2
        // as PiShield's function computed exactly (specs/propositional.md).
        let mut upper = (T::ONE, SOURCE_CONSTANT);
        for body in &head.lower {
            let mut smallest = (T::ONE, SOURCE_CONSTANT);
            for &column in &body.positive {
                smallest = minimum(smallest, (row[column], 2 * column as i64 + 1));
            }
            let mut value = (smallest.0.complement_up(), smallest.1);
            for &column in &body.negative {
                value = maximum(value, (row[column], 2 * column as i64));
            }
            for &column in &body.either {
                value = maximum(value, neither(row[column], column));
            }
            upper = minimum(upper, value);
        }
        (lower, upper)
    }

    /// PiShield's training-time correction (`ShieldLayer.forward(preds, goal=...,
    /// slicer=...)`, its `ConstraintsModule.apply_goal`): with `goal` the row's true labels
    /// (each 0 or 1), a rule counts with its whole body when the goal satisfies the body,
    /// and with only the body literals the goal falsifies when the goal falsifies its head;
    /// only the first `modules` strata (PiShield's modules) apply when given. The same
    /// rounding and trace as [`Self::correct_row`]. Returns whether a value changed.
    pub fn correct_row_with_goal<T: Probability>(
        &self,
        row: &mut [T],
        goal: Option<&[T]>,
        modules: Option<usize>,
        mut trace: Option<&mut [i64]>,
    ) -> bool {
        let truth = |column: usize| goal.is_some_and(|goal| goal[column] > T::ZERO);
        let mut changed = false;
        for (index, head) in self.heads.iter().enumerate() {
            if modules.is_some_and(|modules| head.module >= modules) {
                if let Some(trace) = trace.as_deref_mut() {
                    trace[index] = SOURCE_KEEP;
                }
                continue;
            }
            let (mut lower, mut upper) = match goal {
                None => self.bounds(head, row),
                Some(_) => {
                    // A body literal: its value v, 1 - v (both with sources) and whether the
                    // goal makes it true.
                    let literal = |column: usize, positive: bool| {
                        let value = (row[column], 2 * column as i64);
                        let complement = (row[column].complement_up(), 2 * column as i64 + 1);
                        if positive {
                            (value, complement, truth(column))
                        } else {
                            (complement, value, !truth(column))
                        }
                    };
                    // The body's value (for a raised head) and one minus it (for a lowered
                    // one), over the whole body or, `masked`, over the literals the goal
                    // falsifies. `either y_c` is the two rules with y_c and with not y_c:
                    // whole, the one the goal satisfies counts; masked, each rule keeps its
                    // literal only where the goal falsifies it, and the larger of the two
                    // body values is the one without it, so it adds nothing.
                    let values = |body: &Body, masked: bool| {
                        let mut value = (T::ONE, SOURCE_CONSTANT);
                        let mut complement = (T::ZERO, SOURCE_CONSTANT);
                        let written = body
                            .positive
                            .iter()
                            .map(|column| literal(*column, true))
                            .chain(body.negative.iter().map(|column| literal(*column, false)));
                        let either = body
                            .either
                            .iter()
                            .filter(|_| !masked)
                            .map(|column| literal(*column, truth(*column)));
                        for (literal_value, literal_complement, true_in_goal) in
                            written.chain(either)
                        {
                            if !masked || !true_in_goal {
                                value = minimum(value, literal_value);
                                complement = maximum(complement, literal_complement);
                            }
                        }
                        (value, complement)
                    };
                    let body_true = |body: &Body| {
                        body.positive.iter().all(|column| truth(*column))
                            && body.negative.iter().all(|column| !truth(*column))
                    };
                    let head_true = truth(head.column);
                    let mut lower = (T::ZERO, SOURCE_CONSTANT);
                    for body in &head.raise {
                        if body_true(body) {
                            lower = maximum(lower, values(body, false).0);
                        }
                        if !head_true {
                            lower = maximum(lower, values(body, true).0);
                        }
                    }
                    let mut upper = (T::ONE, SOURCE_CONSTANT);
                    for body in &head.lower {
                        if body_true(body) {
                            upper = minimum(upper, values(body, false).1);
                        }
                        if head_true {
                            upper = minimum(upper, values(body, true).1);
                        }
                    }
                    (lower, upper)
                }
            };
            if lower.0 > upper.0 {
                std::mem::swap(&mut lower, &mut upper);
            }
            let current = row[head.column];
            let (value, source) = if current < lower.0 {
                lower
            } else if current > upper.0 {
                upper
            } else {
                (current, SOURCE_KEEP)
            };
            if source != SOURCE_KEEP {
                changed = true;
                row[head.column] = value;
            }
            if let Some(trace) = trace.as_deref_mut() {
                trace[index] = source;
            }
        }
        changed
    }

    /// The gradient of the loss with respect to a row's inputs from its gradient with
    /// respect to the corrected row (`gradient`, overwritten) and the row's trace.
    pub fn backward_row(&self, trace: &[i64], gradient: &mut [f64]) {
        for (index, head) in self.heads.iter().enumerate().rev() {
            let source = trace[index];
            if source == SOURCE_KEEP {
                continue;
            }
            let upstream = std::mem::replace(&mut gradient[head.column], 0.0);
            if source >= 0 {
                let column = (source / 2) as usize;
                if source % 2 == 0 {
                    gradient[column] += upstream;
                } else {
                    gradient[column] -= upstream;
                }
            }
        }
    }
}

/// The test "a probability is above the threshold", exact for f64 values: with `floor`
/// the largest f64 at most the threshold, a double is above the threshold exactly when it
/// is above `floor` (no double lies strictly between them).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Threshold {
    pub floor: f64,
}

impl Threshold {
    pub fn new(threshold: &num_rational::BigRational) -> Threshold {
        Threshold {
            floor: crate::number::rational_to_float(
                threshold,
                crate::number::FloatFormat::F64,
                crate::number::Rounding::Down,
            ),
        }
    }

    pub fn above(self, value: f64) -> bool {
        value > self.floor
    }
}

/// Whether a row's labels satisfy a clause at a threshold: a label is true when its
/// probability is above the threshold.
pub fn clause_holds(literals: &[Literal], row: &[f64], threshold: Threshold) -> bool {
    literals
        .iter()
        .any(|literal| threshold.above(row[literal.column]) == literal.positive)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::propositional::front_end;

    fn shield(source: &str, ordering: &[usize]) -> PropositionalShield {
        let specification = front_end(source).specification.expect("valid rules");
        build(&specification, ordering).expect("a shield")
    }

    #[test]
    fn complements_round_outward() {
        let values = [0.1f32, 0.3, 0.49999997, 1.0e-30, 0.0, 1.0, 0.7];
        for value in values {
            let exact = 1.0 - value as f64;
            let up = value.complement_up() as f64;
            assert!(exact <= up, "{value}");
            assert!(up - exact < f32::EPSILON as f64, "{value}");
        }
        assert_eq!(0.25f32.complement_up(), 0.75);
        // 1 - (1/2 - 2^-25) lies between two f32s; rounding up keeps it above 1/2.
        assert_eq!(0.49999997f32.complement_up(), 0.50000006);
    }

    #[test]
    fn a_horn_rule_lifts_its_head_to_its_body() {
        // 1 :- 0: y_1 >= y_0 afterwards; the ordering settles y_0 first.
        let shield = shield("1 :- 0\n", &[0, 1]);
        let mut row = [0.8f32, 0.3];
        assert!(shield.correct_row(&mut row, None));
        assert_eq!(row, [0.8, 0.8]);
        let mut coherent = [0.2f32, 0.3];
        assert!(!shield.correct_row(&mut coherent, None));
        assert_eq!(coherent, [0.2, 0.3]);
    }

    #[test]
    fn mutual_exclusion_lowers_the_later_label() {
        let shield = shield("not y_0 or not y_1\n", &[0, 1]);
        let mut row = [0.7f64, 0.6];
        let mut trace = [0i64; 1];
        shield.correct_row(&mut row, Some(&mut trace));
        assert_eq!(row[0], 0.7);
        assert_eq!(row[1], 0.7f64.complement_up());
        assert_eq!(trace[0], 1); // 1 - p_0
        let mut gradient = [0.0, 1.0];
        shield.backward_row(&trace, &mut gradient);
        assert_eq!(gradient, [-1.0, 0.0]);
    }

    #[test]
    fn contradictions_are_found_by_resolution() {
        let specification = front_end("y_0\nnot y_0 or y_1\nnot y_1\n")
            .specification
            .unwrap();
        let errors = build(&specification, &[0, 1]).unwrap_err();
        assert_eq!(errors[0].code, Code::InfeasibleRequirements);
    }
}
