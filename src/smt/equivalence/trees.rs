//! Equivalence of two tree ensembles (`shared_atoms` and the seed's `nested_ite`
//! encodings): atoms per feature, each tree an if-then-else term, trees of the same shape
//! encoded as affine images, and the cell of inputs a model describes.

use super::common::*;
use crate::diagnostics::{Code, Diagnostic};
use crate::models::{self, Node, Transform, TreeEnsemble};
use crate::number::{finite_rational, float_to_rational, rational_to_float, FloatFormat, Rounding};
use crate::smt::lower::{numeral, RejectedNumeral, Terms};
use crate::smt::{decided, timeout_milliseconds};
use crate::spec::{EquivalenceAssertion, EquivalenceEncoding, EquivalenceRelation};
use num_rational::BigRational;
use num_traits::{One, Signed, ToPrimitive, Zero};
use std::collections::BTreeMap;
use std::time::{Duration, Instant};
use z3::ast::{Bool, Real};
use z3::{Params, SatResult, Solver};

/// Two tree ensembles and the domain.
pub(super) struct Prepared {
    pub(super) left: TreeEnsemble,
    pub(super) right: TreeEnsemble,
    /// Per feature: the smallest and largest float32 the domain allows (None: empty).
    pub(super) bounds: Vec<Option<(f32, f32)>>,
}

/// A linear functional of a model's scores: one coefficient per output.
pub(super) type Functional = Vec<BigRational>;

pub(super) fn unit(outputs: usize, index: usize) -> Functional {
    (0..outputs)
        .map(|output| {
            if output == index {
                BigRational::one()
            } else {
                BigRational::zero()
            }
        })
        .collect()
}

pub(super) fn difference(outputs: usize, plus: usize, minus: usize) -> Functional {
    let mut functional = unit(outputs, plus);
    functional[minus] -= BigRational::one();
    functional
}

/// The Z3 side: atoms, tree terms and the models' functionals.
pub(super) struct Encoder<'p> {
    prepared: &'p Prepared,
    encoding: EquivalenceEncoding,
    /// Per feature, the atoms `x_f < cut` by cut bits (ordered by value through the Vec).
    atoms: BTreeMap<usize, Vec<(f32, Bool)>>,
    /// Real inputs (nested_ite, or features linear requirements read).
    reals: BTreeMap<usize, Real>,
    terms: Terms,
    numerals: BTreeMap<BigRational, Real>,
    /// Per (model, tree): its shape id.
    shapes: Vec<Vec<usize>>,
    /// Per shape: the first (model, tree) with that shape.
    canonical: BTreeMap<usize, (usize, usize)>,
    shared: usize,
    /// Memo of (model, tree, functional) terms.
    tree_terms: BTreeMap<(usize, usize, usize), Real>,
    functionals: Vec<Functional>,
}

impl<'p> Encoder<'p> {
    fn model(&self, index: usize) -> &'p TreeEnsemble {
        if index == 0 {
            &self.prepared.left
        } else {
            &self.prepared.right
        }
    }

    fn number(&mut self, value: &BigRational) -> Result<Real, RejectedNumeral> {
        if let Some(known) = self.numerals.get(value) {
            return Ok(known.clone());
        }
        let made = numeral(value)?;
        self.numerals.insert(value.clone(), made.clone());
        Ok(made)
    }

    /// `x_f < cut` on float32 inputs: a constant when the domain decides it.
    fn below(&mut self, feature: usize, cut: f32) -> Result<Bool, RejectedNumeral> {
        let Some((lowest, highest)) = self.prepared.bounds[feature] else {
            return Ok(Bool::from_bool(false));
        };
        if cut <= lowest {
            return Ok(Bool::from_bool(false));
        }
        if cut > highest {
            return Ok(Bool::from_bool(true));
        }
        if self.encoding == EquivalenceEncoding::NestedIte {
            let value = float_to_rational(f64::from(cut)).expect("finite cut");
            let threshold = self.number(&value)?;
            let input = self.real(feature);
            return Ok(input.lt(&threshold));
        }
        let atoms = self.atoms.entry(feature).or_default();
        match atoms.binary_search_by(|(known, _)| known.total_cmp(&cut)) {
            Ok(position) => Ok(atoms[position].1.clone()),
            Err(position) => {
                let atom = Bool::new_const(format!("x{feature}_lt_{:08x}", cut.to_bits()));
                atoms.insert(position, (cut, atom.clone()));
                Ok(atom)
            }
        }
    }

    fn real(&mut self, feature: usize) -> Real {
        self.reals
            .entry(feature)
            .or_insert_with(|| Real::new_const(format!("x_{feature}")))
            .clone()
    }

    fn functional_index(&mut self, functional: &Functional) -> usize {
        match self
            .functionals
            .iter()
            .position(|known| known == functional)
        {
            Some(index) => index,
            None => {
                self.functionals.push(functional.clone());
                self.functionals.len() - 1
            }
        }
    }

    /// The leaf values of a tree under a functional, in depth-first order (below first).
    fn leaf_values(tree: &models::Tree, functional: &Functional) -> Vec<BigRational> {
        let mut values = Vec::new();
        let mut stack = vec![0usize];
        while let Some(node) = stack.pop() {
            match &tree.nodes[node] {
                Node::Leaf(leaf) => values.push(
                    leaf.iter()
                        .map(|(output, value)| &functional[*output] * value)
                        .sum(),
                ),
                Node::Split { below, above, .. } => {
                    stack.push(*above);
                    stack.push(*below);
                }
            }
        }
        values
    }

    /// The term of a tree under a functional.
    fn tree_term(
        &mut self,
        model: usize,
        tree: usize,
        functional: usize,
    ) -> Result<Real, RejectedNumeral> {
        if let Some(known) = self.tree_terms.get(&(model, tree, functional)) {
            return Ok(known.clone());
        }
        let coefficients = self.functionals[functional].clone();
        let ensemble = self.model(model);
        let term = if self.encoding == EquivalenceEncoding::SharedAtoms {
            let shape = self.shapes[model][tree];
            let (first_model, first_tree) = self.canonical[&shape];
            if (first_model, first_tree) != (model, tree) {
                let own = Encoder::leaf_values(&ensemble.trees[tree], &coefficients);
                let base =
                    Encoder::leaf_values(&self.model(first_model).trees[first_tree], &coefficients);
                match affine(&base, &own) {
                    Some((slope, offset)) => {
                        let first = self.tree_term(first_model, first_tree, functional)?;
                        let slope_term = self.number(&slope)?;
                        let offset_term = self.number(&offset)?;
                        let linear = Real::add(&[Real::mul(&[slope_term, first]), offset_term]);
                        self.tree_terms
                            .insert((model, tree, functional), linear.clone());
                        return Ok(linear);
                    }
                    None => self.build(&ensemble.trees[tree], &coefficients)?,
                }
            } else {
                self.build(&ensemble.trees[tree], &coefficients)?
            }
        } else {
            self.build(&ensemble.trees[tree], &coefficients)?
        };
        self.tree_terms
            .insert((model, tree, functional), term.clone());
        Ok(term)
    }

    /// The nested if-then-else term of a tree, children before parents.
    fn build(
        &mut self,
        tree: &models::Tree,
        functional: &Functional,
    ) -> Result<Real, RejectedNumeral> {
        let mut built: Vec<Option<Real>> = vec![None; tree.nodes.len()];
        let mut stack = vec![0usize];
        while let Some(&node) = stack.last() {
            if built[node].is_some() {
                stack.pop();
                continue;
            }
            match &tree.nodes[node] {
                Node::Leaf(leaf) => {
                    let value: BigRational = leaf
                        .iter()
                        .map(|(output, value)| &functional[*output] * value)
                        .sum();
                    built[node] = Some(self.number(&value)?);
                    stack.pop();
                }
                Node::Split {
                    feature,
                    cut,
                    below,
                    above,
                    ..
                } => {
                    let (Some(low), Some(high)) = (&built[*below], &built[*above]) else {
                        if built[*below].is_none() {
                            stack.push(*below);
                        }
                        if built[*above].is_none() {
                            stack.push(*above);
                        }
                        continue;
                    };
                    let (low, high) = (low.clone(), high.clone());
                    let condition = self.below(*feature, *cut)?;
                    built[node] = Some(match condition.as_bool() {
                        Some(true) => low,
                        Some(false) => high,
                        None if low == high => low,
                        None => condition.ite(&low, &high),
                    });
                    stack.pop();
                }
            }
        }
        Ok(built[0].take().expect("the root is built"))
    }

    /// `functional(scores of model)` as a Z3 term.
    fn score(&mut self, model: usize, functional: &Functional) -> Result<Real, RejectedNumeral> {
        let index = self.functional_index(functional);
        let ensemble = self.model(model);
        let mut parts = Vec::with_capacity(ensemble.trees.len());
        for tree in 0..ensemble.trees.len() {
            parts.push(self.tree_term(model, tree, index)?);
        }
        let sum = if parts.is_empty() {
            self.number(&BigRational::zero())?
        } else {
            Real::add(&parts)
        };
        let scale = self.number(&ensemble.scale)?;
        let constant: BigRational = functional
            .iter()
            .zip(&ensemble.base)
            .map(|(coefficient, base)| coefficient * base)
            .sum();
        let constant = self.number(&constant)?;
        Ok(Real::add(&[Real::mul(&[scale, sum]), constant]))
    }
}

/// `(a, b)` with `own = a * base + b` at every leaf, when there is one.
pub(super) fn affine(
    base: &[BigRational],
    own: &[BigRational],
) -> Option<(BigRational, BigRational)> {
    if base.len() != own.len() || base.is_empty() {
        return None;
    }
    let other = base.iter().position(|value| *value != base[0]);
    let (slope, offset) = match other {
        None => {
            // A constant tree: only a constant image is affine.
            if own.iter().all(|value| *value == own[0]) {
                (BigRational::zero(), own[0].clone())
            } else {
                return None;
            }
        }
        Some(index) => {
            let slope = (&own[index] - &own[0]) / (&base[index] - &base[0]);
            let offset = &own[0] - &slope * &base[0];
            (slope, offset)
        }
    };
    base.iter()
        .zip(own)
        .all(|(b, o)| &slope * b + &offset == *o)
        .then_some((slope, offset))
}

/// Shape ids of every tree of both models: equal ids mean the same splits with leaves in
/// the same places.
pub(super) fn shapes(left: &TreeEnsemble, right: &TreeEnsemble) -> Vec<Vec<usize>> {
    #[derive(PartialEq, Eq, PartialOrd, Ord)]
    enum Shape {
        Leaf,
        Split(usize, u32, usize, usize),
    }
    let mut interned: BTreeMap<Shape, usize> = BTreeMap::new();
    let mut all = Vec::new();
    for model in [left, right] {
        let mut ids = Vec::with_capacity(model.trees.len());
        for tree in &model.trees {
            let mut node_shapes: Vec<Option<usize>> = vec![None; tree.nodes.len()];
            // Children have larger or smaller indices depending on the reader, so resolve
            // with an explicit stack.
            let mut stack = vec![0usize];
            while let Some(&node) = stack.last() {
                if node_shapes[node].is_some() {
                    stack.pop();
                    continue;
                }
                let key = match &tree.nodes[node] {
                    Node::Leaf(_) => Shape::Leaf,
                    Node::Split {
                        feature,
                        cut,
                        below,
                        above,
                        ..
                    } => match (node_shapes[*below], node_shapes[*above]) {
                        (Some(low), Some(high)) => Shape::Split(*feature, cut.to_bits(), low, high),
                        (low, high) => {
                            if low.is_none() {
                                stack.push(*below);
                            }
                            if high.is_none() {
                                stack.push(*above);
                            }
                            continue;
                        }
                    },
                };
                let next = interned.len();
                node_shapes[node] = Some(*interned.entry(key).or_insert(next));
                stack.pop();
            }
            ids.push(node_shapes[0].expect("the root has a shape"));
        }
        all.push(ids);
    }
    all
}

pub(super) fn run(
    assertion: &EquivalenceAssertion,
    prepared: &Prepared,
    sampling: bool,
    result: &mut EquivalenceResult,
    progress: Progress<'_>,
) {
    if vacuous(assertion, &prepared.bounds, result) {
        return;
    }
    progress(&format!("{}: comparing the trees", assertion.name));
    let shapes = shapes(&prepared.left, &prepared.right);
    let mut canonical = BTreeMap::new();
    for (model, ids) in shapes.iter().enumerate() {
        for (tree, shape) in ids.iter().enumerate() {
            canonical.entry(*shape).or_insert((model, tree));
        }
    }
    if assertion.encoding == EquivalenceEncoding::SharedAtoms
        && assertion.requirements.is_empty()
        && proved_by_algebra(assertion.relation, prepared, &shapes, &canonical)
    {
        result.answer = EquivalenceAnswer::Proved;
        result.found_by = Some("algebra");
        result.diagnostics.push(
            proof(assertion, "on every input")
            .note("as sums of the same trees (up to exact affine maps of their leaves), every score gap of the right model is a positive multiple of the left model's, so no input can separate them"),
        );
        return;
    }
    // A cheap falsification pass before the solver (after the algebra, which settles
    // equivalent pairs at once): seeded random float32 points of the domain,
    // evaluated exactly; a disagreement found here is as valid as one from the solver.
    let evaluate = |input: &[f64]| {
        (
            prepared.left.evaluate(input),
            prepared.right.evaluate(input),
        )
    };
    if let Some(point) = sampled(assertion, &prepared.bounds, sampling, progress, evaluate) {
        result.found_by = Some("sampling");
        report(assertion, prepared, point, result);
        return;
    }
    progress(&format!("{}: encoding", assertion.name));
    let mut encoder = Encoder {
        prepared,
        encoding: assertion.encoding,
        atoms: BTreeMap::new(),
        reals: BTreeMap::new(),
        terms: Terms::default(),
        numerals: BTreeMap::new(),
        shapes,
        canonical,
        shared: 0,
        tree_terms: BTreeMap::new(),
        functionals: Vec::new(),
    };
    let timeout = Duration::from_secs_f64(assertion.timeout_seconds);
    let solver = Solver::new();
    let mut parameters = Params::new();
    parameters.set_u32("timeout", timeout_milliseconds(timeout));
    // Z3 4.8.12's older simplex-based arithmetic solver (2) decides these queries (a
    // disjunction of ties and comparisons over if-then-else sums) far faster than its
    // default (6): on the pruned 100-tree forests of `cargo bench --bench equivalence`,
    // depth 4 took 0.6 s instead of 9.7 s, and depth 8 and unbounded 28 s instead of 53 s
    // and over 60 s (specs/equivalence.md).
    parameters.set_u32("smt.arith.solver", 2);
    solver.set_params(&parameters);
    let violation = match encode(assertion, &mut encoder, &solver) {
        Ok(violation) => violation,
        Err(RejectedNumeral(text)) => {
            result.answer = EquivalenceAnswer::Unknown;
            result.diagnostics.push(
                Diagnostic::new(
                    Code::EquivalenceUndecided,
                    format!(
                        "Z3 rejected the numeral {text}, so `{}` was not checked",
                        assertion.name
                    ),
                )
                .primary(assertion.span, "undecided"),
            );
            return;
        }
    };
    solver.assert(&violation);
    result.atoms = if assertion.encoding == EquivalenceEncoding::SharedAtoms {
        encoder.atoms.values().map(Vec::len).sum()
    } else {
        count_comparisons(prepared)
    };
    result.shared_trees = encoder
        .tree_terms
        .keys()
        .filter(|(model, tree, _)| {
            encoder.canonical[&encoder.shapes[*model][*tree]] != (*model, *tree)
        })
        .map(|(model, tree, _)| (*model, *tree))
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    encoder.shared = result.shared_trees;
    progress(&format!(
        "{}: solving ({} atoms, {} + {} trees, {} shared)",
        assertion.name, result.atoms, result.left_trees, result.right_trees, result.shared_trees
    ));
    let started = Instant::now();
    let answer = decided(solver.check(), started, timeout);
    match answer {
        SatResult::Unsat => {
            result.answer = EquivalenceAnswer::Proved;
            result
                .diagnostics
                .push(proof(assertion, "on every float32 input of the domain"));
        }
        SatResult::Unknown => {
            result.answer = EquivalenceAnswer::Unknown;
            result.diagnostics.push(
                Diagnostic::new(
                    Code::EquivalenceUndecided,
                    format!(
                        "could not decide `{}` within {} s",
                        assertion.name, assertion.timeout_seconds
                    ),
                )
                .primary(assertion.span, "neither proved nor refuted")
                .note("an answer arriving after the time limit counts as undecided")
                .help("raise `timeout` in the block"),
            );
        }
        SatResult::Sat => {
            let Some(model) = solver.get_model() else {
                result.answer = EquivalenceAnswer::Unknown;
                return;
            };
            let point = witness(&encoder, &model, prepared);
            result.found_by = Some("solver");
            report(assertion, prepared, point, result);
        }
    }
}

/// A model's functional as a linear form over canonical trees (model, tree), plus a constant.
pub(super) type LinearForm = (BTreeMap<(usize, usize), BigRational>, BigRational);

/// The functional of a model's scores as a linear form over the canonical tree of each
/// shape, using the same affine sharing as the encoding.
pub(super) fn linear_form(
    prepared: &Prepared,
    shapes: &[Vec<usize>],
    canonical: &BTreeMap<usize, (usize, usize)>,
    model: usize,
    functional: &Functional,
) -> LinearForm {
    let ensemble = if model == 0 {
        &prepared.left
    } else {
        &prepared.right
    };
    let mut terms: BTreeMap<(usize, usize), BigRational> = BTreeMap::new();
    let mut constant: BigRational = functional
        .iter()
        .zip(&ensemble.base)
        .map(|(coefficient, base)| coefficient * base)
        .sum();
    // Trees of one shape reach the same leaf at every input, so together they act as one
    // tree whose leaf values are their sums: a group whose sums are all equal (a tree and
    // its label rotations, which give every class the same vote) adds a constant.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (index, shape) in shapes[model].iter().enumerate() {
        groups.entry(*shape).or_default().push(index);
    }
    let mut in_constant_group = vec![false; ensemble.trees.len()];
    for members in groups.values().filter(|members| members.len() > 1) {
        let mut sums = Encoder::leaf_values(&ensemble.trees[members[0]], functional);
        for member in &members[1..] {
            let values = Encoder::leaf_values(&ensemble.trees[*member], functional);
            for (sum, value) in sums.iter_mut().zip(values) {
                *sum += value;
            }
        }
        if sums.iter().all(|value| *value == sums[0]) {
            constant += &ensemble.scale * &sums[0];
            for member in members {
                in_constant_group[*member] = true;
            }
        }
    }
    for (index, tree) in ensemble.trees.iter().enumerate() {
        if in_constant_group[index] {
            continue;
        }
        let own = Encoder::leaf_values(tree, functional);
        if own.iter().all(|value| *value == own[0]) {
            constant += &ensemble.scale * &own[0];
            continue;
        }
        let (first_model, first_tree) = canonical[&shapes[model][index]];
        let first_ensemble = if first_model == 0 {
            &prepared.left
        } else {
            &prepared.right
        };
        let base = Encoder::leaf_values(&first_ensemble.trees[first_tree], functional);
        let (key, slope, offset) = match affine(&base, &own) {
            Some((slope, offset)) if (first_model, first_tree) != (model, index) => {
                ((first_model, first_tree), slope, offset)
            }
            _ => ((model, index), BigRational::one(), BigRational::zero()),
        };
        *terms.entry(key).or_insert_with(BigRational::zero) += &ensemble.scale * slope;
        constant += &ensemble.scale * offset;
    }
    terms.retain(|_, coefficient| !coefficient.is_zero());
    (terms, constant)
}

/// Whether `right = factor * left` for one factor > 0 (`None` when the forms are not proportional).
pub(super) fn positive_multiple(left: &LinearForm, right: &LinearForm) -> bool {
    let factor = match left.0.values().next() {
        Some(coefficient) => match right.0.get(left.0.keys().next().expect("a key")) {
            Some(other) => other / coefficient,
            None => return false,
        },
        None => {
            if !right.0.is_empty() {
                return false;
            }
            // Two constants: the same sign (zero counts as its own sign).
            return left.1.signum() == right.1.signum();
        }
    };
    factor.is_positive()
        && left.0.len() == right.0.len()
        && left
            .0
            .iter()
            .all(|(key, coefficient)| right.0.get(key) == Some(&(coefficient * &factor)))
        && right.1 == &left.1 * &factor
}

/// A proof without the solver: for `same_class`, every pairwise score gap of the right
/// model is a positive multiple of the left's as a linear form over the same tree terms
/// (so each gap has the same sign everywhere, ties included); for `within`, each score
/// is the same linear form in both models.
pub(super) fn proved_by_algebra(
    relation: EquivalenceRelation,
    prepared: &Prepared,
    shapes: &[Vec<usize>],
    canonical: &BTreeMap<usize, (usize, usize)>,
) -> bool {
    let outputs = prepared.left.outputs;
    let form = |model: usize, functional: &Functional| {
        linear_form(prepared, shapes, canonical, model, functional)
    };
    match relation {
        EquivalenceRelation::SameClass => (0..outputs).all(|first| {
            (first + 1..outputs).all(|second| {
                let gap = difference(outputs, first, second);
                positive_multiple(&form(0, &gap), &form(1, &gap))
            })
        }),
        EquivalenceRelation::Within(_) => (0..outputs).all(|output| {
            let score = unit(outputs, output);
            form(0, &score) == form(1, &score)
        }),
        EquivalenceRelation::Margin(_) => false,
    }
}

pub(super) fn count_comparisons(prepared: &Prepared) -> usize {
    [&prepared.left, &prepared.right]
        .iter()
        .flat_map(|model| model.trees.iter())
        .flat_map(|tree| tree.nodes.iter())
        .filter(|node| matches!(node, Node::Split { .. }))
        .count()
}

/// The formula "the relation fails", with the domain, atom order and requirements asserted.
pub(super) fn encode(
    assertion: &EquivalenceAssertion,
    encoder: &mut Encoder<'_>,
    solver: &Solver,
) -> Result<Bool, RejectedNumeral> {
    let outputs = encoder.prepared.left.outputs;
    let violation = match assertion.relation {
        EquivalenceRelation::SameClass | EquivalenceRelation::Margin(_) => {
            let margin = match assertion.relation {
                EquivalenceRelation::Margin(margin) => Some(finite_rational(margin)),
                _ => None,
            };
            let mut gaps: BTreeMap<(usize, usize, usize), Real> = BTreeMap::new();
            for model in 0..2 {
                for first in 0..outputs {
                    for second in 0..outputs {
                        if first != second && (first < second || margin.is_some()) {
                            let term = encoder.score(model, &difference(outputs, first, second))?;
                            gaps.insert((model, first, second), term);
                        }
                    }
                }
            }
            let zero = encoder.number(&BigRational::zero())?;
            // Model m picks class i: S_i > S_j for j < i, S_i >= S_j for j > i.
            let picks = |model: usize, class: usize| -> Bool {
                let conditions: Vec<Bool> = (0..outputs)
                    .filter(|other| *other != class)
                    .map(|other| {
                        if other < class {
                            gaps[&(model, other, class)].lt(&zero)
                        } else {
                            gaps[&(model, class, other)].ge(&zero)
                        }
                    })
                    .collect();
                Bool::and(&conditions)
            };
            let mut cases = Vec::new();
            for class in 0..outputs {
                let mut failures = vec![picks(1, class).not()];
                if let Some(margin) = &margin {
                    let bound = encoder.number(margin)?;
                    for model in 0..2 {
                        for other in (0..outputs).filter(|other| *other != class) {
                            failures.push(gaps[&(model, class, other)].lt(&bound));
                        }
                    }
                }
                cases.push(Bool::and(&[picks(0, class), Bool::or(&failures)]));
            }
            Bool::or(&cases)
        }
        EquivalenceRelation::Within(epsilon) => {
            let epsilon = encoder.number(&finite_rational(epsilon))?;
            let mut cases = Vec::new();
            for output in 0..outputs {
                let functional = unit(outputs, output);
                let left = encoder.score(0, &functional)?;
                let right = encoder.score(1, &functional)?;
                let gap = Real::sub(&[left, right]);
                cases.push(gap.gt(&epsilon));
                cases.push(gap.unary_minus().gt(&epsilon));
            }
            Bool::or(&cases)
        }
    };
    // Atoms of one feature are ordered: x < c_i implies x < c_(i+1).
    for atoms in encoder.atoms.values() {
        for pair in atoms.windows(2) {
            solver.assert(pair[0].1.implies(&pair[1].1));
        }
    }
    // Real inputs (nested_ite) stay in the domain; the cells they fall into are float32 cells.
    let features: Vec<usize> = encoder.reals.keys().copied().collect();
    for feature in &features {
        let (lowest, highest) = encoder.prepared.bounds[*feature].expect("nonempty domain");
        let input = encoder.real(*feature);
        let low = encoder.number(&float_to_rational(f64::from(lowest)).expect("finite"))?;
        solver.assert(input.ge(&low));
        let high = encoder.number(&float_to_rational(f64::from(highest)).expect("finite"))?;
        solver.assert(input.le(&high));
    }
    // Extra requirements read real inputs, tied to the atoms of their features.
    if !assertion.requirements.is_empty() {
        let mut mentioned = std::collections::BTreeSet::new();
        for requirement in &assertion.requirements {
            for clause in &requirement.clauses {
                for disjunct in &clause.disjuncts {
                    for (column, _) in &disjunct.inequality.terms {
                        mentioned.insert(*column);
                    }
                }
            }
        }
        if let Some(column) = mentioned
            .iter()
            .find(|column| **column >= encoder.prepared.left.features)
        {
            // Checked by the caller as well; an out-of-range feature cannot be encoded.
            return Err(RejectedNumeral(format!(
                "x_{column} (beyond the models' features)"
            )));
        }
        for feature in &mentioned {
            let input = encoder.real(*feature);
            encoder.terms.columns.insert(*feature, input.clone());
            let (lowest, highest) = encoder.prepared.bounds[*feature].expect("nonempty domain");
            let low = encoder.number(&float_to_rational(f64::from(lowest)).expect("finite"))?;
            solver.assert(input.ge(&low));
            let high = encoder.number(&float_to_rational(f64::from(highest)).expect("finite"))?;
            solver.assert(input.le(&high));
            if encoder.encoding == EquivalenceEncoding::SharedAtoms {
                let atoms = encoder.atoms.get(feature).cloned().unwrap_or_default();
                for (cut, atom) in atoms {
                    let value =
                        encoder.number(&float_to_rational(f64::from(cut)).expect("finite"))?;
                    solver.assert(atom.iff(input.lt(&value)));
                }
            }
        }
        assert_requirements(assertion, &mut encoder.terms, solver)?;
    }
    Ok(violation)
}

/// A float32 point inside the cell the solver's model describes, per feature.
pub(super) fn witness(encoder: &Encoder<'_>, model: &z3::Model, prepared: &Prepared) -> Vec<f32> {
    let features = prepared.left.features;
    let mut point = Vec::with_capacity(features);
    for feature in 0..features {
        let (lowest, highest) = prepared.bounds[feature].expect("nonempty domain");
        // The cell is [low, high) on float32, with high = nextUp(highest) at most.
        let mut low = lowest;
        let mut high = models::trees::next_up(highest);
        let real = encoder.reals.get(&feature).and_then(|real| {
            let value = model.eval(real, true)?;
            crate::smt::verify::rational_of(&value.to_string())
        });
        let cuts: Vec<f32> = match encoder.encoding {
            EquivalenceEncoding::SharedAtoms => {
                for (cut, atom) in encoder.atoms.get(&feature).into_iter().flatten() {
                    let below = model
                        .eval(atom, true)
                        .and_then(|value| value.as_bool())
                        .unwrap_or(false);
                    if below {
                        high = high.min(*cut);
                    } else {
                        low = low.max(*cut);
                    }
                }
                Vec::new()
            }
            EquivalenceEncoding::NestedIte => {
                let mut cuts: Vec<f32> = [&prepared.left, &prepared.right]
                    .iter()
                    .flat_map(|ensemble| ensemble.cuts().remove(&feature).unwrap_or_default())
                    .collect();
                cuts.sort_by(f32::total_cmp);
                cuts
            }
        };
        if let Some(value) = &real {
            for cut in &cuts {
                let cut_exact = float_to_rational(f64::from(*cut)).expect("finite");
                if value < &cut_exact {
                    high = high.min(*cut);
                } else {
                    low = low.max(*cut);
                }
            }
            // The float32 nearest the solver's real value, kept inside the cell.
            let nearest = rational_to_float(value, FloatFormat::F32, Rounding::NearestEven) as f32;
            if nearest >= low && nearest < high {
                point.push(nearest);
                continue;
            }
        }
        point.push(inside(low, high));
    }
    point
}

/// A float32 in `[low, high)`, away from both ends when the cell has room.
pub(super) fn inside(low: f32, high: f32) -> f32 {
    if low < 0.0 && high > 0.0 {
        return 0.0;
    }
    let middle = (f64::from(low) + f64::from(high)) / 2.0;
    // The shortest decimal near the middle that is still strictly inside, for readability.
    for digits in 1..=9 {
        let rounded: f64 = format!("{middle:.digits$e}", digits = digits - 1)
            .parse()
            .unwrap_or(middle);
        let candidate = rounded as f32;
        if candidate > low && candidate < high {
            return candidate;
        }
    }
    low
}

/// Re-evaluates the point with both evaluators and reports it.
pub(super) fn report(
    assertion: &EquivalenceAssertion,
    prepared: &Prepared,
    point: Vec<f32>,
    result: &mut EquivalenceResult,
) {
    let input: Vec<f64> = point.iter().map(|value| f64::from(*value)).collect();
    let left = prepared.left.evaluate(&input);
    let right = prepared.right.evaluate(&input);
    let output = |ensemble: &TreeEnsemble, evaluation: &models::Evaluation| {
        output(
            &ensemble.task,
            transformed(ensemble, &evaluation.scores),
            evaluation,
        )
    };
    let left_output = output(&prepared.left, &left);
    let right_output = output(&prepared.right, &right);
    let influence = influence(prepared, &input, &left, &right);
    report_point(
        assertion,
        point,
        (&left, &right),
        (left_output, right_output),
        influence,
        result,
    );
}

pub(super) fn transformed(ensemble: &TreeEnsemble, scores: &[BigRational]) -> Vec<f64> {
    if ensemble.implicit_first_score && ensemble.transform == Transform::Logistic {
        let margin = scores[1].to_f64().unwrap_or(f64::NAN);
        let probability = 1.0 / (1.0 + (-margin).exp());
        return vec![1.0 - probability, probability];
    }
    ensemble.transformed(scores)
}

/// Trees that differ between the models (no tree of the same shape with proportional
/// leaf values in the other model), ranked by their push on the disagreement at the point.
pub(super) fn influence(
    prepared: &Prepared,
    input: &[f64],
    left: &models::Evaluation,
    right: &models::Evaluation,
) -> Vec<Influence> {
    let outputs = prepared.left.outputs;
    // The two outputs in dispute: each model's answer, or the output that differs most.
    let (towards_left, towards_right) = match (left.class, right.class) {
        (Some(a), Some(b)) if a != b => (Some(a), Some(b)),
        _ => {
            let worst = (0..outputs)
                .max_by(|a, b| {
                    let gap = |k: usize| (&left.scores[k] - &right.scores[k]).abs();
                    gap(*a).cmp(&gap(*b)).then(b.cmp(a))
                })
                .unwrap_or(0);
            (Some(worst), None)
        }
    };
    let shapes = shapes(&prepared.left, &prepared.right);
    let cast = TreeEnsemble::cast(input);
    let mut used = vec![vec![false; prepared.right.trees.len()]; 1];
    let mut ranked = Vec::new();
    let proportional = |a: &models::Tree, b: &models::Tree| -> bool {
        let all = unit_all(outputs);
        all.iter().all(|functional| {
            let x = Encoder::leaf_values(a, functional);
            let y = Encoder::leaf_values(b, functional);
            affine(&x, &y).is_some_and(|(slope, offset)| offset.is_zero() && slope.is_positive())
                || x.iter().chain(&y).all(Zero::is_zero)
        })
    };
    let mut left_differs = vec![true; prepared.left.trees.len()];
    for (index, tree) in prepared.left.trees.iter().enumerate() {
        if let Some(partner) = (0..prepared.right.trees.len()).find(|partner| {
            !used[0][*partner]
                && shapes[1][*partner] == shapes[0][index]
                && proportional(tree, &prepared.right.trees[*partner])
        }) {
            used[0][partner] = true;
            left_differs[index] = false;
        }
    }
    let push = |ensemble: &TreeEnsemble,
                tree: &models::Tree,
                toward: Option<usize>,
                away: Option<usize>|
     -> f64 {
        let values = tree.values(&cast);
        let of = |output: Option<usize>| -> BigRational {
            output.map_or_else(BigRational::zero, |output| {
                values
                    .iter()
                    .filter(|(k, _)| *k == output)
                    .map(|(_, value)| value.clone())
                    .sum()
            })
        };
        ((of(toward) - of(away)) * &ensemble.scale)
            .to_f64()
            .unwrap_or(0.0)
    };
    for (index, differs) in left_differs.iter().enumerate() {
        if *differs {
            ranked.push(Influence {
                model: "left",
                tree: index,
                push: push(
                    &prepared.left,
                    &prepared.left.trees[index],
                    towards_left,
                    towards_right,
                ),
            });
        }
    }
    for (index, matched) in used[0].iter().enumerate() {
        if !matched {
            let (toward, away) = match towards_right {
                Some(right_class) => (Some(right_class), towards_left),
                None => (towards_left, None),
            };
            ranked.push(Influence {
                model: "right",
                tree: index,
                push: push(&prepared.right, &prepared.right.trees[index], toward, away),
            });
        }
    }
    ranked.sort_by(|a, b| {
        b.push
            .abs()
            .total_cmp(&a.push.abs())
            .then(a.model.cmp(b.model))
            .then(a.tree.cmp(&b.tree))
    });
    ranked
}

pub(super) fn unit_all(outputs: usize) -> Vec<Functional> {
    (0..outputs).map(|output| unit(outputs, output)).collect()
}
