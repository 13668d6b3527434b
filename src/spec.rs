//! The checked specification: what the checker hands to the solver, the shield and code generation.
//!
//! Invariant: everything here has been resolved and validated. Columns are
//! indices below `columns`, requirements are in clause normal form with exact
//! rational coefficients, and assertion fields have their types and ranges.

use crate::linear::Inequality;
use crate::span::Span;
use num_rational::BigRational;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// A checked `.req` file.
#[derive(Clone, Debug, Default)]
pub struct Specification {
    /// The number of columns of a prediction row.
    pub columns: usize,
    /// Columns in correction order.
    pub ordering: Vec<usize>,
    /// The span of the ordering line, when there is one.
    pub ordering_span: Option<Span>,
    /// Declared names of prediction columns.
    pub names: BTreeMap<usize, String>,
    /// Columns the requirements read but correction never changes.
    pub inputs: BTreeSet<usize>,
    /// Requirements in source order, declared domains of outputs included.
    pub requirements: Vec<Requirement>,
    pub calibrations: Vec<CalibrationAssertion>,
    pub equivalences: Vec<EquivalenceAssertion>,
}

impl Specification {
    /// The name a person uses for a column: its declared name, or `y_k`.
    pub fn column_name(&self, column: usize) -> String {
        self.names
            .get(&column)
            .cloned()
            .unwrap_or_else(|| format!("y_{column}"))
    }

    /// All clauses of all requirements, with the index of the requirement they came from.
    pub fn clauses(&self) -> impl Iterator<Item = (usize, &Clause)> {
        self.requirements
            .iter()
            .enumerate()
            .flat_map(|(index, requirement)| {
                requirement
                    .clauses
                    .iter()
                    .map(move |clause| (index, clause))
            })
    }
}

/// Where a requirement came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Written as a requirement line.
    Written,
    /// The declared domain of a named output variable.
    Domain { column: usize },
}

/// One requirement: a conjunction of clauses (an `==` inside a disjunction gives two).
#[derive(Clone, Debug)]
pub struct Requirement {
    pub name: Option<String>,
    /// The requirement as written, for reports.
    pub text: String,
    pub span: Span,
    pub origin: Origin,
    pub clauses: Vec<Clause>,
}

impl Requirement {
    /// The requirement's meaning up to scaling and order: clauses of canonical inequalities,
    /// sorted and without repeats, so two requirements that say the same compare equal.
    pub fn canonical_form(&self) -> Vec<Vec<Inequality>> {
        let mut form: Vec<Vec<Inequality>> = self
            .clauses
            .iter()
            .map(|clause| {
                let mut inequalities: Vec<Inequality> = clause
                    .disjuncts
                    .iter()
                    .map(|disjunct| disjunct.inequality.canonical())
                    .collect();
                inequalities.sort();
                inequalities.dedup();
                inequalities
            })
            .collect();
        form.sort();
        form.dedup();
        form
    }

    /// How reports refer to this requirement: its name, or its text.
    pub fn label(&self) -> String {
        match &self.name {
            Some(name) => name.clone(),
            None => format!("`{}`", self.text),
        }
    }
}

/// A disjunction of inequalities.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    pub disjuncts: Vec<Disjunct>,
}

impl Clause {
    pub fn holds(&self, values: &[BigRational]) -> bool {
        self.disjuncts
            .iter()
            .any(|disjunct| disjunct.inequality.holds(values))
    }
}

/// One inequality of a clause, with the source span of the disjunct it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disjunct {
    pub inequality: Inequality,
    pub span: Span,
}

/// How calibration bins are formed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Binning {
    /// Equal-width bins on [0, 1], edges as `numpy.linspace(0, 1, n + 1)`.
    EqualWidth(usize),
    /// Bins with (as near as ties allow) equal numbers of predictions.
    EqualMass(usize),
}

/// The decision rule of a calibration assertion.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CalibrationRule {
    /// The seed's rule: a bin with support >= min_support and mean confidence > Wilson LCB + epsilon fails.
    Legacy,
    /// Pass iff every bin's Clopper-Pearson lower bound is >= mean confidence - epsilon.
    Certify,
    /// Alarm on bins whose Holm-adjusted exact p-value is <= alpha.
    Detect,
}

/// A checked `calibration name { ... }` block.
#[derive(Clone, Debug, PartialEq)]
pub struct CalibrationAssertion {
    pub name: String,
    pub span: Span,
    /// The span of the block's name, where verdicts are reported.
    pub name_span: Span,
    /// The span of each field's value, by key, for diagnostics about the data it names.
    pub value_spans: BTreeMap<String, Span>,
    pub predictions: PathBuf,
    pub labels: Option<PathBuf>,
    pub binning: Binning,
    pub rule: CalibrationRule,
    pub epsilon: f64,
    pub min_support: usize,
    pub wilson_z: f64,
    pub alpha: f64,
    pub sum_tolerance: f64,
    pub model: Option<PathBuf>,
    pub input_box: Option<(f64, f64)>,
    pub input_shape: Option<Vec<usize>>,
}

/// What two models must have in common.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum EquivalenceRelation {
    /// The same predicted class.
    SameClass,
    /// Scores or probabilities within epsilon in the max norm.
    Within(f64),
    /// The same class, and the left model's winner leads by at least the margin in both.
    Margin(f64),
}

/// The input domain of an equivalence assertion.
#[derive(Clone, Debug, PartialEq)]
pub enum EquivalenceDomain {
    /// The same interval for every feature.
    Uniform(f64, f64),
    /// One interval per feature.
    PerFeature(Vec<(f64, f64)>),
    /// Per-column minimum and maximum of a data file.
    Data(PathBuf),
}

/// How models are encoded for the solver.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EquivalenceEncoding {
    /// Shared ordered Boolean threshold atoms per feature.
    SharedAtoms,
    /// The seed's nested if-then-else terms, kept for comparison.
    NestedIte,
}

/// A checked `equivalence name { ... }` block.
#[derive(Clone, Debug)]
pub struct EquivalenceAssertion {
    pub name: String,
    pub span: Span,
    pub left: PathBuf,
    pub right: PathBuf,
    pub relation: EquivalenceRelation,
    pub domain: EquivalenceDomain,
    pub features: Option<usize>,
    pub timeout_seconds: f64,
    pub encoding: EquivalenceEncoding,
    /// Names of feature columns declared in the block.
    pub names: BTreeMap<usize, String>,
    /// Extra linear requirements over feature columns (`x_k`), declared domains included.
    pub requirements: Vec<Requirement>,
}
