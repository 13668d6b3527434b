//! The check phase: resolves names and columns, validates the ordering, and normalises requirements.
//!
//! Invariant: it reports every problem it finds (never stopping at the first)
//! and produces a [`Specification`] only when no error was found. It knows
//! nothing of Z3 or LLVM.

mod assertions;
mod linearize;

use crate::diagnostics::{Code, Diagnostic};
use crate::linear::{Inequality, Relation};
use crate::number::{is_exact_in, rational_to_float, FloatFormat, Rounding};
use crate::span::Span;
use crate::spec::{Clause, Disjunct, Origin, Requirement, Specification};
use crate::syntax::ast::{self, ColumnFamily, ComparisonOperator, Item, VariableKind};
use crate::world::World;
use linearize::Linear;
use num_rational::BigRational;
use num_traits::Zero;
use rustc_hash::{FxHashMap, FxHashSet};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::hash::{Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

/// Requirements fewer than this are checked on the calling thread: a thread costs more.
const PARALLEL_REQUIREMENTS: usize = 2048;

/// The most clauses one requirement may expand into through `==` inside a disjunction.
const MAXIMUM_CLAUSES_PER_REQUIREMENT: usize = 256;

/// The outcome of checking: a specification when there were no errors, and every diagnostic.
pub struct Checked {
    pub specification: Option<Specification>,
    pub diagnostics: Vec<Diagnostic>,
}

/// The specification of a requirements text that must check, for unit tests of the
/// modules above this one (which may not call the crate root's front end).
#[cfg(test)]
pub(crate) fn specification_of(source: &str) -> Specification {
    let parsed = crate::syntax::parse(source);
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    let checked = check(
        source,
        &parsed.file,
        Path::new("."),
        &crate::world::DiskWorld,
    );
    checked.specification.expect("the text checks")
}

/// Checks a parsed file. `source` is the text it was parsed from; `base` is the
/// directory that relative file paths in assertion blocks are resolved against, and
/// `world` is asked whether the files they name exist.
pub fn check<'s>(source: &'s str, file: &ast::File, base: &Path, world: &'s dyn World) -> Checked {
    let mut checker = Checker::new(source, world);
    let specification = checker.run(file, base, None);
    let has_errors = checker.diagnostics.iter().any(Diagnostic::is_error);
    Checked {
        specification: if has_errors {
            None
        } else {
            Some(specification)
        },
        diagnostics: checker.diagnostics,
    }
}

/// The diagnostics of [`check`], exactly, for the language server: requirements whose text
/// is in `memo` and whose names still mean what they meant are not checked again, and no
/// specification is built. `memo` afterwards holds the requirements of this file only.
pub fn check_diagnostics<'s>(
    source: &'s str,
    file: &ast::File,
    base: &Path,
    world: &'s dyn World,
    memo: &mut RequirementMemo,
) -> Vec<Diagnostic> {
    let mut checker = Checker::new(source, world);
    memo.generation += 1;
    checker.run(file, base, Some(memo));
    let generation = memo.generation;
    memo.entries
        .retain(|_, entry| entry.generation == generation);
    checker.diagnostics
}

/// What checking requirements found, by the requirement's text, kept between the language
/// server's checks of one document. An entry stays valid while the names it resolved still
/// name the same columns (its [`Dependency`] list); requirements whose findings depend on
/// more of the file (an unknown name's suggestions) are never kept.
#[derive(Default)]
pub struct RequirementMemo {
    entries: FxHashMap<String, MemoEntry>,
    /// The number of the current check; entries not used by it are dropped after it.
    generation: u64,
    /// What names meant in the last check, when every entry was valid: while it is the same,
    /// no entry's dependencies need to be looked at.
    environment: Option<Environment>,
}

/// Everything a [`Dependency`] can read: each variable's column, each column's name.
#[derive(PartialEq, Eq)]
struct Environment {
    variables: Vec<(String, usize)>,
    column_names: BTreeMap<usize, String>,
}

impl RequirementMemo {
    /// How many requirements are kept.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

struct MemoEntry {
    facts: RequirementFacts,
    generation: u64,
}

/// What checking one requirement yields, with spans relative to the requirement's first
/// byte, and what it read from the rest of the file to get there.
struct RequirementFacts {
    /// The normalised requirement, when it checked.
    requirement: Option<Requirement>,
    /// Its canonical form and the form's hash, for finding repeated requirements.
    canonical: Option<(u64, Arc<CanonicalForm>)>,
    diagnostics: Vec<Diagnostic>,
    /// The prediction columns it reads, where.
    column_uses: Vec<(usize, Span)>,
    /// The declared names it reads.
    used_names: Vec<String>,
    dependencies: Vec<Dependency>,
    /// Whether its findings depend on more of the file than `dependencies` records.
    volatile: bool,
}

/// A requirement's meaning up to scaling and order (`Requirement::canonical_form`).
type CanonicalForm = Vec<Vec<Inequality>>;

/// A written requirement's canonical form, the form's hash, and where the requirement is.
type WrittenForm = (u64, Arc<CanonicalForm>, Span);

/// One thing a requirement's check read from the rest of the file.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Dependency {
    /// A name that named a variable bound to this column.
    Variable(String, usize),
    /// The name bound to a column, if any (diagnostics show it).
    ColumnName(usize, Option<String>),
}

/// What a requirement's check records while it runs, instead of changing the checker's
/// file-wide state.
#[derive(Default)]
struct Recording {
    column_uses: Vec<(usize, Span)>,
    used_names: Vec<String>,
    dependencies: Vec<Dependency>,
    volatile: bool,
}

/// A declared name.
#[derive(Clone, Debug)]
struct Declaration {
    kind: DeclarationKind,
    span: Span,
}

#[derive(Clone, Debug)]
enum DeclarationKind {
    Variable {
        column: usize,
        kind: VariableKind,
        has_domain: bool,
    },
    Requirement,
    Assertion,
}

struct Checker<'a> {
    source: &'a str,
    /// Where the files named in assertion blocks are looked up.
    world: &'a dyn World,
    diagnostics: Vec<Diagnostic>,
    /// Every top-level name: variables, requirements and assertions share one namespace.
    /// Keys borrow the source's text: a 5 MB file declares 80,000 requirement names.
    names: FxHashMap<Cow<'a, str>, Declaration>,
    /// Which name a prediction column is bound to.
    column_names: BTreeMap<usize, String>,
    /// Looked up once per name a requirement reads, so hashed rather than ordered.
    used_names: FxHashSet<String>,
    /// Spans where each prediction column is read by a requirement, for warnings.
    column_uses: BTreeMap<usize, ColumnUses>,
    /// While one requirement is checked: what it reads and uses.
    recording: Option<Recording>,
}

impl<'a> Checker<'a> {
    fn new(source: &'a str, world: &'a dyn World) -> Checker<'a> {
        Checker {
            source,
            world,
            diagnostics: Vec::new(),
            names: FxHashMap::default(),
            column_names: BTreeMap::new(),
            used_names: FxHashSet::default(),
            column_uses: BTreeMap::new(),
            recording: None,
        }
    }

    /// Checks the file; with a memo, requirements are taken from it where they can be, and
    /// the specification returned holds no written requirements.
    fn run(
        &mut self,
        file: &ast::File,
        base: &Path,
        mut memo: Option<&mut RequirementMemo>,
    ) -> Specification {
        self.declare(file);
        let declared_columns = self.declared_columns(file);
        let (ordering, ordering_span) = self.ordering(file);

        let mut requirements = Vec::new();
        let mut calibrations = Vec::new();
        let mut equivalences = Vec::new();
        let mut has_outputs = false;
        // The canonical forms of the written requirements that checked, with their spans.
        let mut forms = Vec::new();
        // With a memo, the requirements it cannot answer for are checked first.
        let mut prepared = match memo.as_deref_mut() {
            Some(memo) => self.prepare(file, memo),
            None => FxHashMap::default(),
        };
        for (index, item) in file.items.iter().enumerate() {
            match item {
                Item::Requirement(requirement) => {
                    has_outputs = true;
                    let Some(memo) = memo.as_deref_mut() else {
                        let mut facts = self.requirement_facts(requirement);
                        self.apply(&facts, requirement.span, &mut forms);
                        if let Some(mut checked) = facts.requirement.take() {
                            move_requirement(&mut checked, 0, requirement.span.start);
                            requirements.push(checked);
                        }
                        continue;
                    };
                    let text = &self.source[requirement.span.range()];
                    let generation = memo.generation;
                    let facts = match prepared.remove(&index) {
                        Some(facts) => facts,
                        None => match memo.entries.get_mut(text) {
                            Some(entry) => {
                                entry.generation = generation;
                                self.apply(&entry.facts, requirement.span, &mut forms);
                                continue;
                            }
                            // Only if `prepare` found an entry that is gone: never.
                            None => self.requirement_facts(requirement),
                        },
                    };
                    self.apply(&facts, requirement.span, &mut forms);
                    if !facts.volatile {
                        memo.entries
                            .insert(text.to_string(), MemoEntry { facts, generation });
                    }
                }
                Item::Variable(variable) => {
                    if variable.kind == VariableKind::Output {
                        has_outputs = true;
                    }
                    if let Some(checked) = self.domain_requirement(variable, ColumnFamily::Output) {
                        requirements.push(checked);
                    }
                }
                Item::Assertion(assertion) => match assertion.kind {
                    ast::AssertionKind::Calibration => {
                        if let Some(checked) = assertions::calibration(self, assertion, base) {
                            calibrations.push(checked);
                        }
                    }
                    ast::AssertionKind::Equivalence => {
                        if let Some(checked) = assertions::equivalence(self, assertion, base) {
                            equivalences.push(checked);
                        }
                    }
                },
                Item::Ordering(_) | Item::Columns(_) => {}
            }
        }
        self.duplicate_requirements(&forms);

        // The column count: declared, or one past the largest column mentioned.
        let mentioned = self
            .column_uses
            .keys()
            .chain(ordering.iter())
            .chain(self.column_names.keys())
            .copied()
            .max()
            .map_or(0, |largest| largest + 1);
        let columns = declared_columns.unwrap_or(mentioned);

        if ordering_span.is_none() && has_outputs {
            self.missing_ordering();
        }
        let inputs = self.inputs(&ordering, ordering_span.is_some());
        self.unused_variables();
        if file.items.is_empty() {
            self.diagnostics.push(
                Diagnostic::new(Code::EmptyFile, "the file holds no items").note(
                    "a .req file lists an ordering and requirements; see the language reference",
                ),
            );
        }

        Specification {
            columns,
            ordering,
            ordering_span,
            names: self.column_names.clone(),
            inputs,
            requirements,
            calibrations,
            equivalences,
        }
    }

    /// Collects every declaration, reporting duplicate names and columns bound twice.
    fn declare(&mut self, file: &ast::File) {
        let mut column_declarations: BTreeMap<usize, Span> = BTreeMap::new();
        for item in &file.items {
            let (name, kind) = match item {
                Item::Variable(variable) => {
                    if variable.column.family != ColumnFamily::Output {
                        self.wrong_family(variable.column.span, ColumnFamily::Output);
                        continue;
                    }
                    let Some(column) = variable.column.index else {
                        continue;
                    };
                    if let Some(previous) = column_declarations.get(&column) {
                        self.diagnostics.push(
                            Diagnostic::new(
                                Code::ColumnNamedTwice,
                                format!("column `y_{column}` is bound to two names"),
                            )
                            .primary(variable.column.span, "bound again here")
                            .secondary(*previous, "first bound here")
                            .help("one column has one name; use the first name everywhere"),
                        );
                    } else {
                        column_declarations.insert(column, variable.span);
                    }
                    (
                        &variable.name,
                        DeclarationKind::Variable {
                            column,
                            kind: variable.kind,
                            has_domain: variable.domain.is_some(),
                        },
                    )
                }
                Item::Requirement(ast::Requirement {
                    name: Some(name), ..
                }) => (name, DeclarationKind::Requirement),
                Item::Assertion(assertion) => (&assertion.name, DeclarationKind::Assertion),
                _ => continue,
            };
            self.declare_name(name, kind);
        }
    }

    fn declare_name(&mut self, name: &ast::Identifier, kind: DeclarationKind) {
        if let Some(previous) = self.names.get(name.text.as_str()) {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateName,
                    format!("the name `{}` is declared twice", name.text),
                )
                .primary(name.span, "declared again here")
                .secondary(previous.span, "first declared here")
                .note("variables, requirements and assertions share one namespace"),
            );
            return;
        }
        if let DeclarationKind::Variable { column, .. } = kind {
            self.column_names
                .entry(column)
                .or_insert_with(|| name.text.clone());
        }
        let written = &self.source[name.span.range()];
        let key = if written == name.text {
            Cow::Borrowed(written)
        } else {
            Cow::Owned(name.text.clone())
        };
        self.names.insert(
            key,
            Declaration {
                kind,
                span: name.span,
            },
        );
    }

    fn declared_columns(&mut self, file: &ast::File) -> Option<usize> {
        let mut declared: Option<&ast::Columns> = None;
        for item in &file.items {
            if let Item::Columns(columns) = item {
                match declared {
                    Some(first) => self.diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicateColumns,
                            "the column count is declared twice",
                        )
                        .primary(columns.span, "declared again here")
                        .secondary(first.span, "first declared here"),
                    ),
                    None => declared = Some(columns),
                }
            }
        }
        let declared = declared?;
        let count = declared.count?;
        // Every column mentioned anywhere must fit below the declared count.
        let mut offending = Vec::new();
        collect_columns(file, &mut |reference: &ast::ColumnReference| {
            if reference.family == ColumnFamily::Output {
                if let Some(index) = reference.index {
                    if index >= count {
                        offending.push((index, reference.span));
                    }
                }
            }
        });
        for (index, span) in offending {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::ColumnOutOfRange,
                    format!("column `y_{index}` is beyond the declared {count} columns"),
                )
                .primary(
                    span,
                    format!("columns are numbered y_0 to y_{}", count.saturating_sub(1)),
                )
                .secondary(declared.count_span, "column count declared here"),
            );
        }
        Some(count)
    }

    /// Resolves the ordering line, reporting duplicates, repeats and inputs in it.
    fn ordering(&mut self, file: &ast::File) -> (Vec<usize>, Option<Span>) {
        let mut first: Option<&ast::Ordering> = None;
        for item in &file.items {
            if let Item::Ordering(ordering) = item {
                match first {
                    Some(previous) => self.diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicateOrdering,
                            "the file has more than one ordering",
                        )
                        .primary(ordering.span, "second ordering here")
                        .secondary(previous.span, "first ordering here")
                        .help("list every variable on one ordering line"),
                    ),
                    None => first = Some(ordering),
                }
            }
        }
        let Some(ordering) = first else {
            return (Vec::new(), None);
        };
        let mut columns = Vec::new();
        let mut seen: BTreeMap<usize, Span> = BTreeMap::new();
        for reference in &ordering.variables {
            let Some(column) = self.resolve(reference, &Scope::Predictions, false) else {
                continue;
            };
            if let Some(previous) = seen.get(&column) {
                let mut diagnostic = Diagnostic::new(
                    Code::RepeatedInOrdering,
                    format!(
                        "`{}` is listed twice in the ordering",
                        self.describe_column(column)
                    ),
                )
                .primary(reference.span(), "listed again here")
                .secondary(*previous, "first listed here");
                if let Some(name) = self.column_names.get(&column) {
                    diagnostic = diagnostic.note(format!("`{name}` is the name of `y_{column}`"));
                }
                self.diagnostics.push(diagnostic);
                continue;
            }
            if let Some(name) = self.column_names.get(&column).cloned() {
                if let Some(Declaration {
                    kind:
                        DeclarationKind::Variable {
                            kind: VariableKind::Input,
                            ..
                        },
                    span,
                }) = self.names.get(name.as_str())
                {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::InputInOrdering,
                            format!("the input `{name}` is listed in the ordering"),
                        )
                        .primary(reference.span(), "correction would change this input")
                        .secondary(*span, "declared as an input here")
                        .help("declare it with `var` if correction may change it, or remove it from the ordering"),
                    );
                    continue;
                }
            }
            seen.insert(column, reference.span());
            columns.push(column);
        }
        (columns, Some(ordering.span))
    }

    fn describe_column(&self, column: usize) -> String {
        match self.column_names.get(&column) {
            Some(name) => name.clone(),
            None => format!("y_{column}"),
        }
    }

    /// Resolves a variable reference to a column in a scope; `record` notes it as a use by a requirement.
    fn resolve(
        &mut self,
        reference: &ast::VariableReference,
        scope: &Scope,
        record: bool,
    ) -> Option<usize> {
        let expected = scope.family();
        match reference {
            ast::VariableReference::Column(column) => {
                if column.family != expected {
                    self.wrong_family(column.span, expected);
                    return None;
                }
                let index = column.index?;
                if record && expected == ColumnFamily::Output {
                    self.use_column(index, column.span);
                }
                Some(index)
            }
            ast::VariableReference::Name(name) => {
                let found = match scope {
                    Scope::Predictions => {
                        self.names
                            .get(name.text.as_str())
                            .and_then(|declaration| match declaration.kind {
                                DeclarationKind::Variable { column, .. } => Some(column),
                                _ => None,
                            })
                    }
                    Scope::Features(names) => names.get(&name.text).copied(),
                };
                match found {
                    Some(column) => {
                        if matches!(scope, Scope::Predictions) {
                            match &mut self.recording {
                                Some(recording) => {
                                    recording.used_names.push(name.text.clone());
                                    recording
                                        .dependencies
                                        .push(Dependency::Variable(name.text.clone(), column));
                                }
                                None => {
                                    self.used_names.insert(name.text.clone());
                                }
                            }
                            if record {
                                self.use_column(column, name.span);
                            }
                        }
                        Some(column)
                    }
                    None => {
                        self.unknown_name(name, scope);
                        None
                    }
                }
            }
        }
    }

    /// Notes that a requirement reads a prediction column.
    fn use_column(&mut self, column: usize, span: Span) {
        match &mut self.recording {
            Some(recording) => recording.column_uses.push((column, span)),
            None => self
                .column_uses
                .entry(column)
                .or_insert(ColumnUses::new(span))
                .add(),
        }
    }

    fn unknown_name(&mut self, name: &ast::Identifier, scope: &Scope) {
        // The suggestions depend on every declared name.
        if let Some(recording) = &mut self.recording {
            recording.volatile = true;
        }
        let is_other_kind =
            matches!(scope, Scope::Predictions) && self.names.contains_key(name.text.as_str());
        let mut diagnostic = Diagnostic::new(
            Code::UnknownName,
            format!("cannot find variable `{}`", name.text),
        )
        .primary(name.span, "not a declared variable");
        if is_other_kind {
            diagnostic = diagnostic.note(format!(
                "`{}` names a requirement or an assertion, not a variable",
                name.text
            ));
        } else {
            let candidates: Vec<String> = match scope {
                Scope::Predictions => self
                    .names
                    .iter()
                    .filter(|(_, declaration)| {
                        matches!(declaration.kind, DeclarationKind::Variable { .. })
                    })
                    .map(|(text, _)| text.to_string())
                    .collect(),
                Scope::Features(names) => names.keys().cloned().collect(),
            };
            if let Some(suggestion) = closest(&name.text, candidates.iter().map(String::as_str)) {
                diagnostic = diagnostic.help(format!(
                    "a variable with a similar name exists: `{suggestion}`"
                ));
            } else {
                let prefix = scope.family().prefix();
                diagnostic = diagnostic.help(format!(
                    "declare it with `var {} = {prefix}_<column>`, or refer to the column as `{prefix}_<column>`",
                    name.text
                ));
            }
        }
        self.diagnostics.push(diagnostic);
    }

    fn wrong_family(&mut self, span: Span, expected: ColumnFamily) {
        let (message, help) = match expected {
            ColumnFamily::Output => (
                "a feature column `x_k` cannot appear outside an equivalence block",
                "prediction columns are written `y_k`",
            ),
            ColumnFamily::Feature => (
                "a prediction column `y_k` cannot appear in an equivalence block",
                "model input features are written `x_k`",
            ),
        };
        self.diagnostics.push(
            Diagnostic::new(Code::WrongColumnFamily, message)
                .primary(span, "wrong kind of column")
                .help(help),
        );
    }

    /// Checks and normalises one requirement into clauses.
    ///
    /// Each disjunct is a small formula in clause normal form: a plain comparison is
    /// one clause of one inequality, `neg a == b` one clause of two (`<` or `>`), and
    /// `a == b` two clauses of one. `or` distributes over them. Constant inequalities
    /// are folded, which is where always-true, always-false and dead disjuncts show.
    fn requirement(
        &mut self,
        requirement: &ast::Requirement,
        scope: &Scope,
    ) -> Option<Requirement> {
        let errors_before = self.error_count();
        // The clause normal form of the disjunction so far; it starts as `false`.
        let mut clauses: Vec<Vec<Disjunct>> = vec![Vec::new()];
        let mut always_true: Option<Span> = None;
        let mut dead = Vec::new();
        let mut failed = false;
        // The inequalities of the only clause, while there is one.
        let mut present: Option<std::collections::HashSet<crate::linear::Inequality>> = None;
        for disjunct in &requirement.disjuncts {
            let comparison = &disjunct.comparison;
            let left = self.linearize(&comparison.left, scope);
            let right = self.linearize(&comparison.right, scope);
            let (Some(left), Some(right)) = (left, right) else {
                failed = true;
                continue;
            };
            let difference = left.subtract(right);
            self.cancelling_terms(&difference, comparison.span);
            let formula = disjunct_formula(
                &difference,
                comparison.operator,
                disjunct.negated,
                disjunct.span,
            );
            match formula {
                Formula::True => always_true = always_true.or(Some(disjunct.span)),
                Formula::False => dead.push(disjunct.span),
                Formula::Clauses(disjunct_clauses) => {
                    // A disjunction of comparisons grows one disjunct at a time, and most
                    // disjuncts are one clause of one inequality: then the one clause grows
                    // in place, with a set of what it holds, so n disjuncts take linear time
                    // (copying and scanning the clause per disjunct took 5 s for 10,000).
                    if let ([clause], [addition]) =
                        (clauses.as_mut_slice(), disjunct_clauses.as_slice())
                    {
                        let present = present.get_or_insert_with(|| {
                            clause.iter().map(|d| d.inequality.clone()).collect()
                        });
                        for disjunct in addition {
                            if present.insert(disjunct.inequality.clone()) {
                                clause.push(disjunct.clone());
                            }
                        }
                        continue;
                    }
                    present = None;
                    clauses = distribute(std::mem::take(&mut clauses), &disjunct_clauses);
                    if clauses.len() > MAXIMUM_CLAUSES_PER_REQUIREMENT {
                        self.diagnostics.push(
                            Diagnostic::new(Code::TooManyEqualities, "too many equalities in one disjunction")
                                .primary(requirement.span, format!("this expands into more than {MAXIMUM_CLAUSES_PER_REQUIREMENT} clauses"))
                                .help("split the requirement, or write the equalities as separate requirements"),
                        );
                        return None;
                    }
                }
            }
        }
        if failed || self.error_count() > errors_before {
            return None;
        }
        let label = requirement.name.as_ref().map_or_else(
            || "this requirement".to_string(),
            |name| format!("`{}`", name.text),
        );
        if let Some(span) = always_true {
            let mut diagnostic = Diagnostic::new(Code::AlwaysTrue, format!("{label} always holds"))
                .primary(span, "this is true for every value")
                .help("remove the requirement, or check its signs and constants");
            if requirement.disjuncts.len() > 1 {
                diagnostic =
                    diagnostic.note("one disjunct always holds, so the whole disjunction does");
            }
            self.diagnostics.push(diagnostic);
            return Some(self.finish_requirement(requirement, Vec::new(), Origin::Written));
        }
        if clauses.iter().any(Vec::is_empty) {
            let mut diagnostic =
                Diagnostic::new(Code::AlwaysFalse, format!("{label} can never hold"))
                    .primary(requirement.span, "false for every value");
            if requirement.disjuncts.len() > 1 {
                for span in &dead {
                    diagnostic = diagnostic.secondary(*span, "never holds");
                }
            }
            self.diagnostics.push(diagnostic.note(
                "after moving every term to the left, no variable is left and the constant comparison is false",
            ));
            return None;
        }
        for span in dead {
            self.diagnostics.push(
                Diagnostic::new(Code::DeadDisjunct, "this disjunct can never hold")
                    .primary(span, "false for every value")
                    .help("remove it; the other disjuncts say the same without it"),
            );
        }
        Some(self.finish_requirement(requirement, clauses, Origin::Written))
    }

    fn finish_requirement(
        &self,
        requirement: &ast::Requirement,
        clauses: Vec<Vec<Disjunct>>,
        origin: Origin,
    ) -> Requirement {
        let text = self.source[requirement.span.range()].to_string();
        Requirement {
            name: requirement.name.as_ref().map(|name| name.text.clone()),
            text: crate::syntax::chunks::strip_comment(&text)
                .trim()
                .to_string(),
            span: requirement.span,
            origin,
            clauses: clauses
                .into_iter()
                .map(|disjuncts| Clause { disjuncts })
                .collect(),
        }
    }

    /// The declared domain of a named variable as a requirement (for outputs) or an assumption (for inputs).
    fn domain_requirement(
        &mut self,
        variable: &ast::VariableDeclaration,
        family: ColumnFamily,
    ) -> Option<Requirement> {
        let domain = variable.domain.as_ref()?;
        let column = variable.column.index?;
        if variable.column.family != family {
            return None;
        }
        let lower = self.bound_value(&domain.lower)?;
        let upper = self.bound_value(&domain.upper)?;
        let empty = match (&lower, &upper) {
            (BoundValue::Finite(low), BoundValue::Finite(high)) => low > high,
            (BoundValue::PositiveInfinity, _) | (_, BoundValue::NegativeInfinity) => true,
            _ => false,
        };
        if empty {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::EmptyDomain,
                    format!("the domain of `{}` is empty", variable.name.text),
                )
                .primary(domain.span, "the lower end is above the upper end")
                .help("write the domain as `in [lower, upper]`"),
            );
            return None;
        }
        let mut clauses = Vec::new();
        if let BoundValue::Finite(low) = lower {
            clauses.push(vec![Disjunct {
                inequality: Inequality::new(
                    vec![(column, BigRational::from_integer(1.into()))],
                    Relation::AtLeast,
                    low,
                ),
                span: domain.lower.span,
            }]);
        }
        if let BoundValue::Finite(high) = upper {
            clauses.push(vec![Disjunct {
                inequality: Inequality::new(
                    vec![(column, BigRational::from_integer((-1).into()))],
                    Relation::AtLeast,
                    -high,
                ),
                span: domain.upper.span,
            }]);
        }
        let origin = Origin::Domain { column };
        let text = self.source[variable.span.range()].to_string();
        Some(Requirement {
            name: Some(format!("{}.domain", variable.name.text)),
            text: crate::syntax::chunks::strip_comment(&text)
                .trim()
                .to_string(),
            span: domain.span,
            origin,
            clauses: clauses
                .into_iter()
                .map(|disjuncts| Clause { disjuncts })
                .collect(),
        })
    }

    fn bound_value(&mut self, bound: &ast::Bound) -> Option<BoundValue> {
        match &bound.value {
            None if bound.negative => Some(BoundValue::NegativeInfinity),
            None => Some(BoundValue::PositiveInfinity),
            Some(number) => {
                let value = self.number(number, bound.span)?;
                Some(BoundValue::Finite(if bound.negative {
                    -value
                } else {
                    value
                }))
            }
        }
    }

    /// Validates a literal used in a requirement or domain and returns its exact value.
    pub(crate) fn number(
        &mut self,
        number: &crate::number::Number,
        span: Span,
    ) -> Option<BigRational> {
        let Some(value) = number.value.clone() else {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::NumberOutOfRange,
                    format!("the literal `{}` is out of range", number.text),
                )
                .primary(span, "far outside the range of f64")
                .note("f64 covers magnitudes from about 4.9e-324 to 1.8e308"),
            );
            return None;
        };
        if value.is_zero() {
            return Some(value);
        }
        let as_f64 = rational_to_float(&value, FloatFormat::F64, Rounding::NearestEven);
        if as_f64.is_infinite() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::NumberOutOfRange,
                    format!("the literal `{}` overflows f64", number.text),
                )
                .primary(span, "larger than the largest f64, 1.7976931348623157e308")
                .note("the shield computes in floating point, where this value would be infinite"),
            );
            return None;
        }
        if as_f64 == 0.0 {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::NumberOutOfRange,
                    format!("the literal `{}` underflows f64", number.text),
                )
                .primary(span, "smaller than the smallest f64, 4.9e-324")
                .note("the shield computes in floating point, where this value would be zero"),
            );
            return None;
        }
        let as_f32 = rational_to_float(&value, FloatFormat::F32, Rounding::NearestEven);
        if as_f32.is_infinite() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InexactInF32,
                    format!("the literal `{}` overflows f32", number.text),
                )
                .primary(span, "larger than the largest f32, 3.4028234663852886e38")
                .note("f32 predictions can never reach this value; f64 ones can")
                .help("silence this with `--allow W0302` when predictions are f64"),
            );
        } else if !is_exact_in(&value, FloatFormat::F32) {
            // Shown through f64 so the exact value of the f32 is visible, not its shortest repr.
            let nearest = rational_to_float(&value, FloatFormat::F32, Rounding::NearestEven);
            self.diagnostics.push(
                Diagnostic::new(Code::InexactInF32, format!("the literal `{}` is not exact in f32", number.text))
                    .primary(span, format!("the nearest f32 is {nearest}"))
                    .note("reqc compares exactly: an f32 prediction meets a bound at this value only from the right side of it")
                    .help("silence this with `--allow W0302` when the exact value is what you mean"),
            );
        }
        Some(value)
    }

    /// Warns when a variable's terms cancel out (`y_0 - y_0`), which usually means a typo.
    fn cancelling_terms(&mut self, linear: &Linear, span: Span) {
        for (column, coefficient) in &linear.terms {
            if coefficient.value.is_zero() {
                let name = self.describe_column(*column);
                if let Some(recording) = &mut self.recording {
                    let bound = self.column_names.get(column).cloned();
                    recording
                        .dependencies
                        .push(Dependency::ColumnName(*column, bound));
                }
                let mut diagnostic = Diagnostic::new(
                    Code::CancellingTerms,
                    format!("the terms of `{name}` cancel out"),
                );
                for term_span in &coefficient.spans {
                    diagnostic = diagnostic.primary(*term_span, "");
                }
                if coefficient.spans.is_empty() {
                    diagnostic = diagnostic.primary(span, "");
                }
                self.diagnostics.push(diagnostic.note(format!(
                    "their coefficients sum to zero, so `{name}` does not constrain this comparison"
                )));
            }
        }
    }

    /// The facts of the written requirements `memo` cannot answer for (by item index), checked on
    /// every core when they are many (a file just opened): a requirement's check reads only
    /// the names, which are all declared by now.
    fn prepare(
        &mut self,
        file: &ast::File,
        memo: &mut RequirementMemo,
    ) -> FxHashMap<usize, RequirementFacts> {
        let current = self.environment();
        let unchanged = memo.environment.as_ref() == Some(&current);
        memo.environment = Some(current);
        let missing: Vec<(usize, &ast::Requirement)> = file
            .items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| match item {
                Item::Requirement(requirement) => Some((index, requirement)),
                _ => None,
            })
            .filter(|(_, requirement)| {
                match memo.entries.get(&self.source[requirement.span.range()]) {
                    Some(entry) => !unchanged && !self.still_holds(&entry.facts.dependencies),
                    None => true,
                }
            })
            .collect();
        let mut prepared = FxHashMap::default();
        let threads = crate::workers::available();
        if missing.len() < PARALLEL_REQUIREMENTS || threads < 2 {
            for (index, requirement) in missing {
                prepared.insert(index, self.requirement_facts(requirement));
            }
            return prepared;
        }
        let part = missing.len().div_ceil(threads);
        let checked: Vec<Vec<RequirementFacts>> = std::thread::scope(|scope| {
            let workers: Vec<_> = missing
                .chunks(part)
                .map(|part| {
                    let mut checker = Checker {
                        names: self.names.clone(),
                        column_names: self.column_names.clone(),
                        ..Checker::new(self.source, self.world)
                    };
                    scope.spawn(move || {
                        part.iter()
                            .map(|(_, requirement)| checker.requirement_facts(requirement))
                            .collect()
                    })
                })
                .collect();
            workers
                .into_iter()
                .map(|worker| match worker.join() {
                    Ok(facts) => facts,
                    // A check that panicked panics here, as it would have on this thread.
                    Err(panic) => std::panic::resume_unwind(panic),
                })
                .collect()
        });
        for ((index, _), facts) in missing.iter().zip(checked.into_iter().flatten()) {
            prepared.insert(*index, facts);
        }
        prepared
    }

    /// Checks one written requirement, recording what it reads instead of noting it.
    fn requirement_facts(&mut self, requirement: &ast::Requirement) -> RequirementFacts {
        let start = requirement.span.start;
        let diagnostics_before = self.diagnostics.len();
        self.recording = Some(Recording::default());
        let mut checked = self.requirement(requirement, &Scope::Predictions);
        let recording = self.recording.take().unwrap_or_default();
        let mut diagnostics = self.diagnostics.split_off(diagnostics_before);
        for diagnostic in &mut diagnostics {
            move_diagnostic(diagnostic, start, 0);
        }
        let canonical = checked
            .as_ref()
            .filter(|checked| !checked.clauses.is_empty())
            .map(|checked| {
                let form = checked.canonical_form();
                let mut hasher = std::hash::DefaultHasher::new();
                form.hash(&mut hasher);
                (hasher.finish(), Arc::new(form))
            });
        if let Some(checked) = &mut checked {
            move_requirement(checked, start, 0);
        }
        RequirementFacts {
            requirement: checked,
            canonical,
            diagnostics,
            column_uses: recording
                .column_uses
                .into_iter()
                .map(|(column, span)| (column, move_span(span, start, 0)))
                .collect(),
            used_names: recording.used_names,
            dependencies: recording.dependencies,
            volatile: recording.volatile,
        }
    }

    /// What the file's names mean, as dependencies read it.
    fn environment(&self) -> Environment {
        let mut variables: Vec<(String, usize)> = self
            .names
            .iter()
            .filter_map(|(name, declaration)| match declaration.kind {
                DeclarationKind::Variable { column, .. } => Some((name.to_string(), column)),
                _ => None,
            })
            .collect();
        variables.sort();
        Environment {
            variables,
            column_names: self.column_names.clone(),
        }
    }

    /// Whether what a kept requirement read from the file still reads the same.
    fn still_holds(&self, dependencies: &[Dependency]) -> bool {
        dependencies.iter().all(|dependency| match dependency {
            Dependency::Variable(name, column) => matches!(
                self.names.get(name.as_str()),
                Some(Declaration { kind: DeclarationKind::Variable { column: bound, .. }, .. })
                    if bound == column
            ),
            Dependency::ColumnName(column, name) => self.column_names.get(column) == name.as_ref(),
        })
    }

    /// Notes what the requirement written at `span` found, as checking it in place would.
    fn apply(&mut self, facts: &RequirementFacts, span: Span, forms: &mut Vec<WrittenForm>) {
        let start = span.start;
        for name in &facts.used_names {
            if !self.used_names.contains(name) {
                self.used_names.insert(name.clone());
            }
        }
        for (column, span) in &facts.column_uses {
            self.column_uses
                .entry(*column)
                .or_insert(ColumnUses::new(move_span(*span, 0, start)))
                .add();
        }
        for diagnostic in &facts.diagnostics {
            let mut diagnostic = diagnostic.clone();
            move_diagnostic(&mut diagnostic, 0, start);
            self.diagnostics.push(diagnostic);
        }
        if let Some((hash, form)) = &facts.canonical {
            forms.push((*hash, form.clone(), span));
        }
    }

    /// Reports every written requirement that says what an earlier one says.
    fn duplicate_requirements(&mut self, forms: &[WrittenForm]) {
        // The first form with each hash, and the later distinct forms whose hash collides.
        let mut first: FxHashMap<u64, usize> = FxHashMap::default();
        let mut colliding: FxHashMap<u64, Vec<usize>> = FxHashMap::default();
        for (index, (hash, form, span)) in forms.iter().enumerate() {
            let earlier = match first.get(hash) {
                None => {
                    first.insert(*hash, index);
                    None
                }
                Some(&earlier) if forms[earlier].1 == *form => Some(earlier),
                Some(_) => {
                    let others = colliding.entry(*hash).or_default();
                    let found = others
                        .iter()
                        .find(|other| forms[**other].1 == *form)
                        .copied();
                    if found.is_none() {
                        others.push(index);
                    }
                    found
                }
            };
            if let Some(previous) = earlier {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateRequirement,
                        "this requirement repeats an earlier one",
                    )
                    .primary(*span, "the same constraint after normalisation")
                    .secondary(forms[previous].2, "first stated here")
                    .help("remove one of them"),
                );
            }
        }
    }

    fn missing_ordering(&mut self) {
        let used: Vec<String> = self
            .column_uses
            .keys()
            .map(|column| format!("y_{column}"))
            .collect();
        let suggestion = if used.is_empty() {
            "ordering y_0 y_1 ...".to_string()
        } else {
            format!("ordering {}", used.join(" "))
        };
        let mut diagnostic = Diagnostic::new(Code::MissingOrdering, "the file has requirements but no ordering")
            .note("the ordering says in which order correction visits the variables; it changes the result")
            .help(format!("add a line such as `{suggestion}`"));
        if let Some((_, uses)) = self.column_uses.iter().next() {
            diagnostic = diagnostic.primary(uses.first, "first variable used here");
        }
        self.diagnostics.push(diagnostic);
    }

    /// The columns requirements read that are not corrected, warning about undeclared ones.
    fn inputs(&mut self, ordering: &[usize], has_ordering: bool) -> BTreeSet<usize> {
        let ordered: BTreeSet<usize> = ordering.iter().copied().collect();
        let mut inputs = BTreeSet::new();
        let declared_inputs: BTreeSet<usize> = self
            .names
            .values()
            .filter_map(|declaration| match declaration.kind {
                DeclarationKind::Variable {
                    column,
                    kind: VariableKind::Input,
                    ..
                } => Some(column),
                _ => None,
            })
            .collect();
        inputs.extend(declared_inputs.iter().copied());
        let uses: Vec<(usize, ColumnUses)> = self
            .column_uses
            .iter()
            .map(|(column, uses)| (*column, *uses))
            .collect();
        for (column, uses) in uses {
            if ordered.contains(&column) || declared_inputs.contains(&column) {
                continue;
            }
            inputs.insert(column);
            if !has_ordering {
                continue;
            }
            let name = self.describe_column(column);
            let mut diagnostic = Diagnostic::new(
                Code::NotInOrdering,
                format!(
                    "`{name}` is not in the ordering, so correction treats it as a fixed input"
                ),
            )
            .primary(uses.first, "used here");
            if uses.count > 1 {
                diagnostic = diagnostic.note(format!("it is used {} times", uses.count));
            }
            self.diagnostics.push(diagnostic.help(format!(
                "add `{name}` to the ordering to let correction change it, or declare it with `input {}= y_{column}`",
                if self.column_names.contains_key(&column) { format!("{name} ") } else { "<name> ".to_string() }
            )));
        }
        inputs
    }

    fn unused_variables(&mut self) {
        let mut unused: Vec<(String, Span)> = self
            .names
            .iter()
            .filter(|(name, declaration)| {
                matches!(
                    declaration.kind,
                    DeclarationKind::Variable {
                        has_domain: false,
                        ..
                    }
                ) && !self.used_names.contains(name.as_ref())
            })
            .map(|(name, declaration)| (name.to_string(), declaration.span))
            .collect();
        unused.sort_by_key(|(_, span)| *span);
        for (name, span) in unused {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::UnusedVariable,
                    format!("the variable `{name}` is never used"),
                )
                .primary(span, "declared here")
                .help("use it in a requirement or the ordering, or remove the declaration"),
            );
        }
    }

    fn error_count(&self) -> usize {
        self.diagnostics
            .iter()
            .filter(|diagnostic| diagnostic.is_error())
            .count()
    }
}

/// Where requirements read one prediction column: the first place, and how many.
#[derive(Clone, Copy, Debug)]
struct ColumnUses {
    first: Span,
    count: usize,
}

impl ColumnUses {
    /// No uses yet; the first one, when it comes, is at `first`.
    fn new(first: Span) -> ColumnUses {
        ColumnUses { first, count: 0 }
    }

    fn add(&mut self) {
        self.count += 1;
    }
}

/// Where names are looked up: top-level prediction names, or the feature names of an equivalence block.
pub(crate) enum Scope {
    Predictions,
    Features(BTreeMap<String, usize>),
}

impl Scope {
    fn family(&self) -> ColumnFamily {
        match self {
            Scope::Predictions => ColumnFamily::Output,
            Scope::Features(_) => ColumnFamily::Feature,
        }
    }
}

enum BoundValue {
    NegativeInfinity,
    Finite(BigRational),
    PositiveInfinity,
}

/// A disjunct as a formula: constant, or clauses (a conjunction of disjunctions).
enum Formula {
    True,
    False,
    Clauses(Vec<Vec<Disjunct>>),
}

/// The clause form of one comparison `difference OP 0`, negated if asked, with constants folded.
fn disjunct_formula(
    difference: &Linear,
    operator: ComparisonOperator,
    negated: bool,
    span: Span,
) -> Formula {
    let terms: Vec<(usize, BigRational)> = difference
        .terms
        .iter()
        .map(|(column, coefficient)| (*column, coefficient.value.clone()))
        .collect();
    // `terms + constant OP 0`, that is `terms OP -constant`.
    let at_least = Inequality::new(terms.clone(), Relation::AtLeast, -&difference.constant);
    let greater = Inequality::new(terms, Relation::Greater, -&difference.constant);
    let literal = |inequality: Inequality| Disjunct { inequality, span };
    // `a >= b` is `a - b >= 0`; `a <= b` is `-(a - b) >= 0`.
    let (clauses, conjunction) = match (operator, negated) {
        (ComparisonOperator::GreaterEqual, false) => (vec![at_least], false),
        (ComparisonOperator::Greater, false) => (vec![greater], false),
        (ComparisonOperator::LessEqual, false) => (vec![greater.negate()], false),
        (ComparisonOperator::Less, false) => (vec![at_least.negate()], false),
        (ComparisonOperator::GreaterEqual, true) => (vec![at_least.negate()], false),
        (ComparisonOperator::Greater, true) => (vec![greater.negate()], false),
        (ComparisonOperator::LessEqual, true) => (vec![greater], false),
        (ComparisonOperator::Less, true) => (vec![at_least], false),
        (ComparisonOperator::Equal, false) => (vec![at_least.clone(), greater.negate()], true),
        (ComparisonOperator::Equal, true) => (vec![greater.clone(), at_least.negate()], false),
    };
    if conjunction {
        // Both halves must hold: each is its own clause.
        let mut result = Vec::new();
        for inequality in clauses {
            match inequality.constant_truth() {
                Some(true) => {}
                Some(false) => return Formula::False,
                None => result.push(vec![literal(inequality)]),
            }
        }
        if result.is_empty() {
            Formula::True
        } else {
            Formula::Clauses(result)
        }
    } else {
        let mut clause = Vec::new();
        for inequality in clauses {
            match inequality.constant_truth() {
                Some(true) => return Formula::True,
                Some(false) => {}
                None => clause.push(literal(inequality)),
            }
        }
        if clause.is_empty() {
            Formula::False
        } else {
            Formula::Clauses(vec![clause])
        }
    }
}

/// `left or right` for two formulas in clause form: every clause of one joined with every
/// clause of the other, each inequality once per clause.
fn distribute(left: Vec<Vec<Disjunct>>, right: &[Vec<Disjunct>]) -> Vec<Vec<Disjunct>> {
    let mut result = Vec::new();
    for left_clause in &left {
        for right_clause in right {
            let mut clause = left_clause.clone();
            for disjunct in right_clause {
                if !clause
                    .iter()
                    .any(|existing| existing.inequality == disjunct.inequality)
                {
                    clause.push(disjunct.clone());
                }
            }
            if !result.contains(&clause) {
                result.push(clause);
            }
        }
    }
    result
}

/// Visits every column reference in a file.
fn collect_columns(file: &ast::File, visit: &mut dyn FnMut(&ast::ColumnReference)) {
    fn expression(node: &ast::Expression, visit: &mut dyn FnMut(&ast::ColumnReference)) {
        ast::with_deep_stack(|| expression_step(node, visit))
    }
    fn expression_step(node: &ast::Expression, visit: &mut dyn FnMut(&ast::ColumnReference)) {
        match node {
            ast::Expression::Variable(ast::VariableReference::Column(column)) => visit(column),
            ast::Expression::Negate(inner, _) | ast::Expression::Parenthesised(inner, _) => {
                expression(inner, visit)
            }
            ast::Expression::Binary { left, right, .. } => {
                expression(left, visit);
                expression(right, visit);
            }
            _ => {}
        }
    }
    for item in &file.items {
        match item {
            Item::Ordering(ordering) => {
                for reference in &ordering.variables {
                    if let ast::VariableReference::Column(column) = reference {
                        visit(column);
                    }
                }
            }
            Item::Variable(variable) => visit(&variable.column),
            Item::Requirement(requirement) => {
                for disjunct in &requirement.disjuncts {
                    expression(&disjunct.comparison.left, visit);
                    expression(&disjunct.comparison.right, visit);
                }
            }
            _ => {}
        }
    }
}

/// The candidate closest to `name` by edit distance, if it is close enough to be a likely typo.
/// A span moved from a text where its surroundings began at `from` to one where they begin
/// at `to`.
fn move_span(span: Span, from: usize, to: usize) -> Span {
    Span::new(span.start - from + to, span.end - from + to)
}

fn move_diagnostic(diagnostic: &mut Diagnostic, from: usize, to: usize) {
    for label in &mut diagnostic.labels {
        label.span = move_span(label.span, from, to);
    }
}

fn move_requirement(requirement: &mut Requirement, from: usize, to: usize) {
    requirement.span = move_span(requirement.span, from, to);
    for clause in &mut requirement.clauses {
        for disjunct in &mut clause.disjuncts {
            disjunct.span = move_span(disjunct.span, from, to);
        }
    }
}

pub(crate) fn closest<'a>(
    name: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (name.len() / 3).max(1);
    candidates
        .map(|candidate| (edit_distance(name, candidate), candidate))
        .filter(|(distance, _)| *distance <= limit)
        .min()
        .map(|(_, candidate)| candidate)
}

fn edit_distance(left: &str, right: &str) -> usize {
    let right: Vec<char> = right.chars().collect();
    let mut previous: Vec<usize> = (0..=right.len()).collect();
    for (i, left_character) in left.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, right_character) in right.iter().enumerate() {
            let substitution = previous[j] + usize::from(left_character != *right_character);
            current.push(substitution.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[right.len()]
}
