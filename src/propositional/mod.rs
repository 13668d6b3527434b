//! Propositional requirements: PiShield's clause and Horn-rule files and reqc's named form, checked into a [`PropositionalSpecification`] whose shield ([`shield`]) corrects probabilities as PiShield's propositional Shield Layer does.
//!
//! The semantics, PiShield's orderings and where reqc departs from PiShield are written
//! down in `specs/propositional.md`. Invariant: this module is pure (no files, no Z3, no
//! LLVM); the solver checks are `smt::propositional`'s, the kernels `codegen`'s.

pub mod shield;
pub mod syntax;

use crate::diagnostics::{Code, Diagnostic};
use crate::span::Span;
use num_rational::BigRational;
use num_traits::{One, Zero};
use std::collections::BTreeMap;
use syntax::{Item, Reference, RuleForm, Target};

/// A label or its negation. Ordered as PiShield orders its literals: by label, then
/// negative before positive.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Literal {
    pub column: usize,
    pub positive: bool,
}

impl Literal {
    pub fn negated(self) -> Literal {
        Literal {
            column: self.column,
            positive: !self.positive,
        }
    }
}

/// One rule of the file, as a clause.
#[derive(Clone, Debug)]
pub struct PropositionalRule {
    /// The clause's literals, sorted, each once.
    pub literals: Vec<Literal>,
    /// The literals as written (for a Horn rule: the head, then the negated body).
    pub written: Vec<Literal>,
    pub name: Option<String>,
    pub form: RuleForm,
    pub span: Span,
}

impl PropositionalRule {
    /// Whether the clause holds whatever the labels are: it has a label and its negation.
    pub fn is_tautology(&self) -> bool {
        self.literals
            .windows(2)
            .any(|pair| pair[0].column == pair[1].column)
    }
}

/// A checked propositional requirements file.
#[derive(Clone, Debug)]
pub struct PropositionalSpecification {
    /// Columns of a prediction row: `columns N`, or one past the largest label used.
    pub columns: usize,
    /// `label name = y_k` declarations, by column.
    pub names: BTreeMap<usize, String>,
    pub rules: Vec<PropositionalRule>,
    /// The file's `ordering`, if it has one.
    pub ordering: Option<Vec<usize>>,
    /// A label is true when its probability is above this (default 1/2).
    pub threshold: BigRational,
}

impl PropositionalSpecification {
    /// The name a label is shown by: its declared name, or `y_k`.
    pub fn label_name(&self, column: usize) -> String {
        self.names
            .get(&column)
            .cloned()
            .unwrap_or_else(|| format!("y_{column}"))
    }

    /// A literal as reqc's form writes it.
    pub fn literal_text(&self, literal: Literal) -> String {
        let name = self.label_name(literal.column);
        if literal.positive {
            name
        } else {
            format!("not {name}")
        }
    }

    /// A rule as a clause in reqc's form.
    pub fn rule_text(&self, rule: &PropositionalRule) -> String {
        rule.written
            .iter()
            .map(|literal| self.literal_text(*literal))
            .collect::<Vec<_>>()
            .join(" or ")
    }

    /// The labels the rules use, ascending.
    pub fn used_columns(&self) -> Vec<usize> {
        let mut columns: Vec<usize> = self
            .rules
            .iter()
            .flat_map(|rule| rule.literals.iter().map(|literal| literal.column))
            .collect();
        columns.sort_unstable();
        columns.dedup();
        columns
    }

    /// The threshold as the nearest f64 (it is checked to lie strictly between 0 and 1).
    pub fn threshold_f64(&self) -> f64 {
        crate::number::rational_to_float(
            &self.threshold,
            crate::number::FloatFormat::F64,
            crate::number::Rounding::NearestEven,
        )
    }
}

/// Whether a requirements text is propositional, decided as PiShield decides it: no line
/// compares (`>=`, `<`, ...), and some line is a Horn rule (`:-`), declares a `label`, or
/// joins labels with `or` or `not`. Comments and `ordering` lines are skipped.
pub fn detect(text: &str) -> bool {
    let mut propositional = false;
    for line in text.lines() {
        let code = line.split('#').next().unwrap_or("");
        let tokens: Vec<&str> = code.split_whitespace().collect();
        if tokens.is_empty() || tokens[0] == "ordering" {
            continue;
        }
        if ["<", ">", "=="].iter().any(|sign| code.contains(sign)) || code.contains('{') {
            return false;
        }
        if code.contains(":-")
            || tokens[0] == "label"
            || tokens[0] == "threshold"
            || tokens.iter().any(|token| *token == "or" || *token == "not")
        {
            propositional = true;
        }
    }
    propositional
}

/// The result of the propositional front end on one text.
pub struct PropositionalFrontEnd {
    pub specification: Option<PropositionalSpecification>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and checks a propositional requirements text.
pub fn front_end(source: &str) -> PropositionalFrontEnd {
    let parsed = syntax::parse(source);
    let mut diagnostics = parsed.diagnostics;
    let syntax_failed = !diagnostics.is_empty();
    let specification = check(&parsed.items, &mut diagnostics);
    if parsed.items.is_empty() && !syntax_failed {
        diagnostics.push(Diagnostic::new(Code::EmptyFile, "the file holds no rules"));
    }
    crate::diagnostics::sort(&mut diagnostics);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    PropositionalFrontEnd {
        specification: if failed { None } else { Some(specification) },
        diagnostics,
    }
}

fn check(items: &[Item], diagnostics: &mut Vec<Diagnostic>) -> PropositionalSpecification {
    let mut declared_columns: Option<(usize, Span)> = None;
    let mut threshold: Option<(BigRational, Span)> = None;
    let mut first_threshold: Option<Span> = None;
    let mut names: BTreeMap<String, (usize, Span)> = BTreeMap::new();
    let mut column_names: BTreeMap<usize, (String, Span)> = BTreeMap::new();
    for item in items {
        match item {
            Item::Columns { count, span } => {
                if let Some((_, first)) = declared_columns {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::DuplicateColumns,
                            "more than one columns declaration",
                        )
                        .primary(*span, "second declaration")
                        .secondary(first, "first declared here"),
                    );
                } else if let Some(count) = count {
                    declared_columns = Some((*count, *span));
                }
            }
            Item::Threshold { value, span } => {
                if let Some(first) = first_threshold {
                    diagnostics.push(
                        Diagnostic::new(Code::DuplicateThreshold, "more than one threshold line")
                            .primary(*span, "second threshold")
                            .secondary(first, "first given here"),
                    );
                    continue;
                }
                first_threshold = Some(*span);
                if value.is_zero() || *value >= BigRational::one() {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::ThresholdOutOfRange,
                            format!(
                                "the threshold {} is not strictly between 0 and 1",
                                crate::number::display_rational(value)
                            ),
                        )
                        .primary(*span, "out of range")
                        .note("a label is true when its probability is above the threshold"),
                    );
                } else {
                    threshold = Some((value.clone(), *span));
                }
            }
            Item::Label {
                name,
                name_span,
                column,
                ..
            } => {
                let Target::Column(Some(index)) = column.target else {
                    continue;
                };
                if let Some((_, first)) = names.get(name) {
                    diagnostics.push(
                        Diagnostic::new(Code::DuplicateName, format!("`{name}` is declared twice"))
                            .primary(*name_span, "declared again")
                            .secondary(*first, "first declared here"),
                    );
                    continue;
                }
                if let Some((other, first)) = column_names.get(&index) {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::ColumnNamedTwice,
                            format!("y_{index} is named both `{other}` and `{name}`"),
                        )
                        .primary(column.span, "named again")
                        .secondary(*first, "first named here"),
                    );
                    continue;
                }
                names.insert(name.clone(), (index, *name_span));
                column_names.insert(index, (name.clone(), *name_span));
            }
            _ => {}
        }
    }
    let resolve = |reference: &Reference, diagnostics: &mut Vec<Diagnostic>| -> Option<usize> {
        let column = match &reference.target {
            Target::Column(column) => (*column)?,
            Target::Name(name) => match names.get(name) {
                Some((column, _)) => *column,
                None => {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::UnknownName,
                            format!("`{name}` is not a declared label"),
                        )
                        .primary(reference.span, "not declared")
                        .help(format!("declare it: `label {name} = y_0`")),
                    );
                    return None;
                }
            },
        };
        if let Some((count, span)) = declared_columns {
            if column >= count {
                diagnostics.push(
                    Diagnostic::new(
                        Code::ColumnOutOfRange,
                        format!(
                            "y_{column} is beyond the {count} declared columns (y_0 to y_{})",
                            count.max(1) - 1
                        ),
                    )
                    .primary(reference.span, "out of range")
                    .secondary(span, "columns declared here"),
                );
                return None;
            }
        }
        Some(column)
    };
    let mut rules = Vec::new();
    let mut ordering: Option<(Vec<usize>, Span)> = None;
    for item in items {
        match item {
            Item::Rule {
                name,
                literals,
                form,
                span,
            } => {
                let written: Vec<Literal> = literals
                    .iter()
                    .filter_map(|literal| {
                        resolve(&literal.reference, diagnostics).map(|column| Literal {
                            column,
                            positive: literal.positive,
                        })
                    })
                    .collect();
                if written.len() != literals.len() {
                    continue;
                }
                let mut sorted = written.clone();
                sorted.sort_unstable();
                sorted.dedup();
                let rule = PropositionalRule {
                    literals: sorted,
                    written,
                    name: name.as_ref().map(|(name, _)| name.clone()),
                    form: *form,
                    span: *span,
                };
                if rule.is_tautology() {
                    let repeated = rule
                        .literals
                        .windows(2)
                        .find(|pair| pair[0].column == pair[1].column)
                        .map(|pair| pair[0].column)
                        .expect("a tautology repeats a label");
                    let name = column_names
                        .get(&repeated)
                        .map_or_else(|| format!("y_{repeated}"), |(name, _)| name.clone());
                    diagnostics.push(
                        Diagnostic::new(
                            Code::TautologicalRule,
                            format!("this rule holds whatever the labels are: it has {name} and its negation"),
                        )
                        .primary(*span, "always true")
                        .note("reqc leaves it out of the shield; PiShield's resolution mishandles it (specs/propositional.md)"),
                    );
                }
                rules.push(rule);
            }
            Item::Ordering { references, span } => {
                if let Some((_, first)) = &ordering {
                    diagnostics.push(
                        Diagnostic::new(Code::DuplicateOrdering, "more than one ordering line")
                            .primary(*span, "second ordering")
                            .secondary(*first, "first ordering here"),
                    );
                    continue;
                }
                let mut columns = Vec::new();
                let mut seen: BTreeMap<usize, Span> = BTreeMap::new();
                for reference in references {
                    let Some(column) = resolve(reference, diagnostics) else {
                        continue;
                    };
                    if let Some(first) = seen.get(&column) {
                        diagnostics.push(
                            Diagnostic::new(
                                Code::RepeatedInOrdering,
                                format!("y_{column} is listed twice in the ordering"),
                            )
                            .primary(reference.span, "listed again")
                            .secondary(*first, "first listed here"),
                        );
                        continue;
                    }
                    seen.insert(column, reference.span);
                    columns.push(column);
                }
                ordering = Some((columns, *span));
            }
            _ => {}
        }
    }
    let largest = rules
        .iter()
        .flat_map(|rule| rule.literals.iter().map(|literal| literal.column + 1))
        .chain(
            ordering
                .iter()
                .flat_map(|(columns, _)| columns.iter().map(|column| column + 1)),
        )
        .chain(column_names.keys().map(|column| column + 1))
        .max()
        .unwrap_or(0);
    let specification = PropositionalSpecification {
        columns: declared_columns.map_or(largest, |(count, _)| count),
        names: column_names
            .into_iter()
            .map(|(column, (name, _))| (column, name))
            .collect(),
        rules,
        ordering: ordering.as_ref().map(|(columns, _)| columns.clone()),
        threshold: threshold
            .map_or_else(|| BigRational::new(1.into(), 2.into()), |(value, _)| value),
    };
    if let Some((columns, span)) = &ordering {
        if let Some(diagnostic) = missing_from_ordering(&specification, columns, Some(*span)) {
            diagnostics.push(diagnostic);
        }
    }
    specification
}

/// E1302 when `ordering` leaves out a label a rule uses (PiShield fails on such an
/// ordering with a Python exception).
pub fn missing_from_ordering(
    specification: &PropositionalSpecification,
    ordering: &[usize],
    ordering_span: Option<Span>,
) -> Option<Diagnostic> {
    let listed: std::collections::BTreeSet<usize> = ordering.iter().copied().collect();
    let missing: Vec<usize> = specification
        .used_columns()
        .into_iter()
        .filter(|column| !listed.contains(column))
        .collect();
    let first = *missing.first()?;
    let rule = specification
        .rules
        .iter()
        .find(|rule| rule.literals.iter().any(|literal| literal.column == first))?;
    let names: Vec<String> = missing
        .iter()
        .take(8)
        .map(|column| specification.label_name(*column))
        .collect();
    let mut diagnostic = Diagnostic::new(
        Code::LabelNotInOrdering,
        format!(
            "the ordering leaves out {} label{} the rules use: {}{}",
            missing.len(),
            if missing.len() == 1 { "" } else { "s" },
            names.join(", "),
            if missing.len() > 8 { ", ..." } else { "" }
        ),
    )
    .primary(
        rule.span,
        format!("{} is used here", specification.label_name(first)),
    );
    if let Some(span) = ordering_span {
        diagnostic = diagnostic.secondary(span, "the ordering");
    }
    Some(diagnostic.help("add every label the rules use to the ordering"))
}

/// The canonical layout of a propositional text: one space between tokens, `name:` and
/// `label name = y_k` spaced as in the documentation, `# comment` one space after the code,
/// no trailing spaces, one final newline. Comments, blank lines and the order of lines are
/// kept; a text with syntax errors is not formatted.
pub fn format(source: &str) -> Result<String, Vec<Diagnostic>> {
    let parsed = syntax::parse(source);
    if !parsed.diagnostics.is_empty() {
        return Err(parsed.diagnostics);
    }
    let body = source.strip_prefix('\u{FEFF}').unwrap_or(source);
    let mut formatted = String::with_capacity(source.len());
    if body.len() != source.len() {
        formatted.push('\u{FEFF}');
    }
    for line in body.lines() {
        let (code, comment) = match line.find('#') {
            Some(position) => (&line[..position], Some(line[position..].trim_end())),
            None => (line, None),
        };
        // `:-` is set aside while lone colons get their spaces.
        let code = code
            .replace(":-", "\u{1}")
            .replace(':', " : ")
            .replace('\u{1}', " :- ")
            .replace('=', " = ");
        let mut tokens: Vec<String> = code.split_whitespace().map(str::to_string).collect();
        // `requirement name: clause`: the colon belongs to the name.
        if let Some(position) = tokens.iter().position(|token| token == ":") {
            if position > 0 {
                tokens.remove(position);
                tokens[position - 1].push(':');
            }
        }
        let mut text = tokens.join(" ");
        if let Some(comment) = comment {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(comment);
        }
        formatted.push_str(&text);
        formatted.push('\n');
    }
    while formatted.ends_with("\n\n") {
        formatted.pop();
    }
    if formatted == "\n" {
        formatted.clear();
    }
    Ok(formatted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_spaces_tokens_and_keeps_comments() {
        let source =
            "label  red=y_0 # the light\n\nrequirement   r :not red  or y_1\nc0 1:-0  n2\n\n";
        let formatted = format(source).expect("valid");
        assert_eq!(
            formatted,
            "label red = y_0 # the light\n\nrequirement r: not red or y_1\nc0 1 :- 0 n2\n"
        );
        assert_eq!(format(&formatted).unwrap(), formatted);
    }

    #[test]
    fn detection_follows_pishield() {
        assert!(detect("y_0 or not y_28\n"));
        assert!(detect("c0 1 :- 0 n2\n"));
        assert!(detect(
            "# labels\nlabel red = y_0\nrequirement r: not red\n"
        ));
        assert!(!detect("ordering y_0\ny_0 >= 1\n"));
        assert!(!detect("ordering y_0 y_1\ny_0 >= 1 or y_1 <= 0\n"));
        assert!(!detect(""));
    }

    #[test]
    fn names_resolve_and_mistakes_are_located() {
        let source =
            "label red = y_0\nlabel green = y_1\nrequirement exclusive: not red or not green\n";
        let outcome = front_end(source);
        let specification = outcome.specification.expect("no errors");
        assert_eq!(specification.columns, 2);
        assert_eq!(
            specification.rule_text(&specification.rules[0]),
            "not red or not green"
        );
        let outcome = front_end("columns 2\ny_0 or blue\ny_5 or y_1\nthreshold 1.5\n");
        let codes: Vec<&str> = outcome
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert_eq!(codes, ["E0206", "E0205", "E1303"]);
    }
}
