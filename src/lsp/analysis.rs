//! One document's analysis: the front end's result plus a table of declarations and the
//! places that name them, and the editor features computed from them as pure functions
//! (diagnostics, hover, definition, references, rename, outline, formatting, highlighting).

use super::text::LineIndex;
use crate::diagnostics::{Diagnostic, Severity};
use crate::span::Span;
use crate::spec::Specification;
use crate::syntax::ast::{
    self, AssertionEntry, ColumnFamily, Expression, Item, Value, VariableKind, VariableReference,
};
use crate::syntax::chunks::comment_start;
use crate::world::World;
use crate::FrontEnd;
use lsp_types as types;
use std::collections::BTreeMap;
use std::path::Path;

/// How many requirements a variable's hover lists before it only counts the rest.
const HOVER_LISTED_REQUIREMENTS: usize = 12;

/// What a declaration declares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DeclarationKind {
    Variable {
        kind: VariableKind,
        family: ColumnFamily,
        column: Option<usize>,
        /// The domain as written, e.g. `[0, 1e6]`.
        domain: Option<String>,
    },
    Requirement,
    Assertion(ast::AssertionKind),
}

/// A declared name.
#[derive(Clone, Debug)]
pub struct Declaration {
    pub name: String,
    pub kind: DeclarationKind,
    pub name_span: Span,
    pub item_span: Span,
    /// The assertion block (its index among the file's items) the name is local to;
    /// `None` for the file's top level.
    pub scope: Option<usize>,
}

/// What a place in the text names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Entity {
    /// A declaration, by index in [`Analysis::declarations`].
    Declared(usize),
    /// A column with no declared name, in a scope.
    Column(ColumnFamily, usize, Option<usize>),
}

/// One written occurrence of a name or column.
#[derive(Clone, Debug)]
struct Occurrence {
    span: Span,
    /// Whether it is a name (renamable) rather than a column such as `y_3`.
    is_name: bool,
    entity: Option<Entity>,
    /// The requirement item (its span) the occurrence is in, if any.
    requirement: Option<Span>,
}

/// A requirement item as written, with its scope.
#[derive(Clone, Debug)]
struct WrittenRequirement {
    name: Option<String>,
    name_span: Option<Span>,
    span: Span,
    scope: Option<usize>,
}

/// A document and everything computed from it.
pub struct Analysis {
    pub text: String,
    pub index: LineIndex,
    pub front_end: FrontEnd,
    /// The checked rules of a propositional document (its `front_end` then holds only the
    /// diagnostics, with an empty syntax tree).
    pub propositional: Option<crate::propositional::PropositionalSpecification>,
    /// A problem with the file's bytes (read from disk), reported beside the rest.
    pub file_problem: Option<Diagnostic>,
    pub declarations: Vec<Declaration>,
    occurrences: Vec<Occurrence>,
    requirements: Vec<WrittenRequirement>,
}

impl Analysis {
    /// Parses and checks a text; `base` is where relative paths in assertion blocks resolve,
    /// in `world`.
    pub fn new(text: String, base: &Path, world: &dyn World) -> Analysis {
        let (front_end, propositional) = if crate::propositional::detect(&text) {
            let outcome = crate::propositional::front_end(&text);
            let has_syntax_errors = outcome
                .diagnostics
                .iter()
                .any(|diagnostic| diagnostic.code == crate::diagnostics::Code::Syntax);
            let front_end = FrontEnd {
                file: crate::syntax::ast::File { items: Vec::new() },
                specification: None,
                diagnostics: outcome.diagnostics,
                has_syntax_errors,
            };
            (front_end, outcome.specification)
        } else {
            (crate::front_end(&text, base, world), None)
        };
        let index = LineIndex::new(&text);
        let mut analysis = Analysis {
            text,
            index,
            front_end,
            propositional,
            file_problem: None,
            declarations: Vec::new(),
            occurrences: Vec::new(),
            requirements: Vec::new(),
        };
        analysis.collect();
        analysis
    }

    /// A document whose bytes could not be used: the lossy text and the reason.
    pub fn rejected(text: String, problem: Diagnostic, base: &Path, world: &dyn World) -> Analysis {
        let mut analysis = Analysis::new(text, base, world);
        analysis.file_problem = Some(problem);
        analysis
    }

    /// Whether the text checked into a specification (linear or propositional), so the
    /// solver's checks can run on it.
    pub fn has_specification(&self) -> bool {
        self.front_end.specification.is_some() || self.propositional.is_some()
    }

    /// The diagnostics `reqc check` reports for the text: the file's own problem alone when
    /// it has one (as `reqc check` stops there), the front end's otherwise.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match &self.file_problem {
            Some(problem) => vec![problem.clone()],
            None => self.front_end.diagnostics.clone(),
        }
    }

    // ---- The table of declarations and occurrences. ----

    fn collect(&mut self) {
        let file = &self.front_end.file;
        let mut declarations = Vec::new();
        let mut requirements = Vec::new();
        // Occurrences before resolution: span, name or column, scope, requirement.
        let mut pending: Vec<(Span, Written, Option<usize>, Option<Span>)> = Vec::new();
        for (item_index, item) in file.items.iter().enumerate() {
            match item {
                Item::Ordering(ordering) => {
                    for reference in &ordering.variables {
                        pending.push((reference.span(), written(reference), None, None));
                    }
                }
                Item::Columns(_) => {}
                Item::Variable(variable) => {
                    declare_variable(&self.text, variable, None, &mut declarations);
                    pending.push((
                        variable.column.span,
                        Written::Column(variable.column.family, variable.column.index),
                        None,
                        None,
                    ));
                }
                Item::Requirement(requirement) => {
                    collect_requirement(
                        requirement,
                        None,
                        &mut declarations,
                        &mut requirements,
                        &mut pending,
                    );
                }
                Item::Assertion(assertion) => {
                    declarations.push(Declaration {
                        name: assertion.name.text.clone(),
                        kind: DeclarationKind::Assertion(assertion.kind),
                        name_span: assertion.name.span,
                        item_span: assertion.span,
                        scope: None,
                    });
                    let scope = Some(item_index);
                    for entry in &assertion.entries {
                        match entry {
                            AssertionEntry::Field(_) => {}
                            AssertionEntry::Variable(variable) => {
                                declare_variable(&self.text, variable, scope, &mut declarations);
                                pending.push((
                                    variable.column.span,
                                    Written::Column(variable.column.family, variable.column.index),
                                    scope,
                                    None,
                                ));
                            }
                            AssertionEntry::Requirement(requirement) => {
                                // Requirement names in a block are not in the file's namespace.
                                collect_requirement(
                                    requirement,
                                    scope,
                                    &mut Vec::new(),
                                    &mut requirements,
                                    &mut pending,
                                );
                            }
                        }
                    }
                }
            }
        }
        // Resolve names in their own scope, first declaration wins (a duplicate is E0207).
        let mut by_name: BTreeMap<(Option<usize>, &str), usize> = BTreeMap::new();
        let mut by_column: BTreeMap<(Option<usize>, ColumnFamily, usize), usize> = BTreeMap::new();
        for (index, declaration) in declarations.iter().enumerate() {
            by_name
                .entry((declaration.scope, declaration.name.as_str()))
                .or_insert(index);
            if let DeclarationKind::Variable {
                family,
                column: Some(column),
                ..
            } = declaration.kind
            {
                by_column
                    .entry((declaration.scope, family, column))
                    .or_insert(index);
            }
        }
        let mut occurrences: Vec<Occurrence> = declarations
            .iter()
            .enumerate()
            .map(|(index, declaration)| Occurrence {
                span: declaration.name_span,
                is_name: true,
                entity: Some(Entity::Declared(index)),
                requirement: None,
            })
            .collect();
        for (span, written, scope, requirement) in pending {
            let (is_name, entity) = match written {
                Written::Name(text) => (
                    true,
                    by_name
                        .get(&(scope, text.as_str()))
                        .map(|index| Entity::Declared(*index)),
                ),
                Written::Column(family, Some(column)) => (
                    false,
                    Some(
                        by_column
                            .get(&(scope, family, column))
                            .map_or(Entity::Column(family, column, scope), |index| {
                                Entity::Declared(*index)
                            }),
                    ),
                ),
                Written::Column(_, None) => (false, None),
            };
            occurrences.push(Occurrence {
                span,
                is_name,
                entity,
                requirement,
            });
        }
        occurrences.sort_by_key(|occurrence| (occurrence.span.start, occurrence.span.end));
        self.declarations = declarations;
        self.occurrences = occurrences;
        self.requirements = requirements;
    }

    /// The occurrence under a byte offset; the offset just after a word counts as on it,
    /// as editors put the cursor there.
    fn occurrence_at(&self, offset: usize) -> Option<&Occurrence> {
        let after = self
            .occurrences
            .partition_point(|occurrence| occurrence.span.start <= offset);
        self.occurrences[..after]
            .iter()
            .rev()
            .take(2)
            .find(|occurrence| occurrence.span.start <= offset && offset <= occurrence.span.end)
    }

    /// What the text at an offset names.
    pub fn entity_at(&self, offset: usize) -> Option<Entity> {
        self.occurrence_at(offset)?.entity
    }

    /// The spans that name an entity, in source order; `names_only` leaves out columns
    /// written for a named variable (`y_3` for `limit`), which a rename must not touch.
    pub fn occurrences_of(&self, entity: Entity, names_only: bool) -> Vec<Span> {
        self.occurrences
            .iter()
            .filter(|occurrence| occurrence.entity == Some(entity))
            .filter(|occurrence| !names_only || occurrence.is_name)
            .map(|occurrence| occurrence.span)
            .collect()
    }

    /// Where an entity is declared: its name in its declaration.
    pub fn definition(&self, entity: Entity) -> Option<Span> {
        match entity {
            Entity::Declared(index) => Some(self.declarations[index].name_span),
            Entity::Column(..) => None,
        }
    }

    // ---- Editor features. ----

    /// Hover text (Markdown) and the span it is about, for the text at an offset.
    pub fn hover(&self, offset: usize) -> Option<(String, Span)> {
        if let Some(occurrence) = self.occurrence_at(offset) {
            let entity = occurrence.entity?;
            if let Entity::Declared(index) = entity {
                if self.declarations[index].kind == DeclarationKind::Requirement {
                    let requirement = self
                        .requirements
                        .iter()
                        .find(|requirement| requirement.name_span == Some(occurrence.span))?;
                    return Some((self.requirement_hover(requirement), occurrence.span));
                }
                if let DeclarationKind::Assertion(kind) = self.declarations[index].kind {
                    let text = format!(
                        "**{}**: {} assertion",
                        self.declarations[index].name,
                        kind.keyword()
                    );
                    return Some((text, occurrence.span));
                }
            }
            return Some((self.variable_hover(entity), occurrence.span));
        }
        let requirement = self.requirements.iter().find(|requirement| {
            requirement.span.start <= offset && offset < requirement.span.end
        })?;
        Some((self.requirement_hover(requirement), requirement.span))
    }

    fn variable_hover(&self, entity: Entity) -> String {
        let mut lines = Vec::new();
        let scope = match entity {
            Entity::Declared(index) => {
                let declaration = &self.declarations[index];
                if let DeclarationKind::Variable {
                    kind,
                    family,
                    column,
                    domain,
                } = &declaration.kind
                {
                    let role = match (kind, family) {
                        (_, ColumnFamily::Feature) => "model input feature",
                        (VariableKind::Output, _) => "output variable",
                        (VariableKind::Input, _) => "input column (never corrected)",
                    };
                    let column = column.map_or_else(
                        || "an out-of-range column".to_string(),
                        |column| format!("column `{}_{column}`", family.prefix()),
                    );
                    lines.push(format!("**{}**: {role}, {column}", declaration.name));
                    lines.push(match domain {
                        Some(domain) => format!("declared bounds: `{domain}`"),
                        None => "declared bounds: none".to_string(),
                    });
                }
                declaration.scope
            }
            Entity::Column(family, column, scope) => {
                lines.push(format!(
                    "**{}_{column}**: column {column}, no declared name or bounds",
                    family.prefix()
                ));
                scope
            }
        };
        if scope.is_none() {
            if let Some(line) = self.ordering_line(entity) {
                lines.push(line);
            }
        }
        let spans: Vec<Span> = self
            .occurrences
            .iter()
            .filter(|occurrence| occurrence.entity == Some(entity))
            .filter_map(|occurrence| occurrence.requirement)
            .collect();
        let users: Vec<&WrittenRequirement> = self
            .requirements
            .iter()
            .filter(|requirement| spans.contains(&requirement.span))
            .collect();
        if users.is_empty() {
            lines.push("used by no requirement".to_string());
        } else {
            let mut list = format!("used by {}:", counted(users.len(), "requirement"));
            for requirement in users.iter().take(HOVER_LISTED_REQUIREMENTS) {
                let line = self.index.position(&self.text, requirement.span.start).line + 1;
                list.push_str(&format!(
                    "\n- line {line}: `{}`",
                    self.snippet(requirement.span)
                ));
            }
            if users.len() > HOVER_LISTED_REQUIREMENTS {
                list.push_str(&format!(
                    "\n- and {} more",
                    users.len() - HOVER_LISTED_REQUIREMENTS
                ));
            }
            lines.push(list);
        }
        lines.join("\n\n")
    }

    /// Where a prediction column stands in the ordering, as a hover line.
    fn ordering_line(&self, entity: Entity) -> Option<String> {
        let column = match entity {
            Entity::Declared(index) => match self.declarations[index].kind {
                DeclarationKind::Variable {
                    family: ColumnFamily::Output,
                    column,
                    ..
                } => column?,
                _ => return None,
            },
            Entity::Column(ColumnFamily::Output, column, _) => column,
            Entity::Column(..) => return None,
        };
        let specification = self.front_end.specification.as_ref()?;
        Some(
            match specification
                .ordering
                .iter()
                .position(|ordered| *ordered == column)
            {
                Some(position) => format!(
                    "ordering: position {} of {}",
                    position + 1,
                    specification.ordering.len()
                ),
                None => "ordering: not listed, so correction never changes it".to_string(),
            },
        )
    }

    fn requirement_hover(&self, requirement: &WrittenRequirement) -> String {
        let title = match &requirement.name {
            Some(name) => format!("**requirement {name}**"),
            None => "**requirement**".to_string(),
        };
        let body = match self.normal_form(requirement) {
            Some(form) => format!("normal form:\n```req\n{form}\n```"),
            None => "normal form: not available until the file's errors are fixed".to_string(),
        };
        format!("{title}\n\n`{}`\n\n{body}", self.snippet(requirement.span))
    }

    /// The checked requirement's clauses in PiShield's normal form, one clause per line.
    fn normal_form(&self, requirement: &WrittenRequirement) -> Option<String> {
        let specification: &Specification = self.front_end.specification.as_ref()?;
        let (checked, names) = match requirement.scope {
            None => (
                specification
                    .requirements
                    .iter()
                    .find(|checked| checked.span == requirement.span)?,
                &specification.names,
            ),
            Some(_) => specification.equivalences.iter().find_map(|equivalence| {
                equivalence
                    .requirements
                    .iter()
                    .find(|checked| checked.span == requirement.span)
                    .map(|checked| (checked, &equivalence.names))
            })?,
        };
        let prefix = match requirement.scope {
            None => "y",
            Some(_) => "x",
        };
        let name = |column: usize| {
            names
                .get(&column)
                .cloned()
                .unwrap_or_else(|| format!("{prefix}_{column}"))
        };
        let clauses: Vec<String> = checked
            .clauses
            .iter()
            .map(|clause| {
                clause
                    .disjuncts
                    .iter()
                    .map(|disjunct| disjunct.inequality.render(&name))
                    .collect::<Vec<_>>()
                    .join(" or ")
            })
            .collect();
        Some(clauses.join("\n"))
    }

    /// Source text of a span on one line without its comment, shortened when long.
    fn snippet(&self, span: Span) -> String {
        let text = &self.text[span.range()];
        let line = text.lines().next().unwrap_or("");
        let line = comment_start(line)
            .map_or(line, |start| &line[..start])
            .trim();
        if line.chars().count() > 80 {
            let short: String = line.chars().take(77).collect();
            format!("{short}...")
        } else {
            line.to_string()
        }
    }

    /// Checks a new name for a rename of an entity; the error says why it cannot be used.
    pub fn rename_edits(&self, entity: Entity, new_name: &str) -> Result<Vec<Span>, String> {
        let Entity::Declared(index) = entity else {
            return Err(
                "a column without a name cannot be renamed; declare a name with `var`".into(),
            );
        };
        if !is_valid_name(new_name) {
            return Err(format!(
                "`{new_name}` is not a valid name: names are letters, digits and `_`, not starting with a digit, not a keyword and not shaped like a column"
            ));
        }
        let scope = self.declarations[index].scope;
        if self
            .declarations
            .iter()
            .enumerate()
            .any(|(other, declaration)| {
                other != index && declaration.scope == scope && declaration.name == new_name
            })
        {
            return Err(format!("`{new_name}` is already declared"));
        }
        Ok(self.occurrences_of(entity, true))
    }

    /// The outline: every item, with blocks holding their entries.
    pub fn document_symbols(&self) -> Vec<types::DocumentSymbol> {
        let mut symbols = Vec::new();
        for item in &self.front_end.file.items {
            match item {
                Item::Ordering(ordering) => symbols.push(self.symbol(
                    "ordering".into(),
                    Some(format!("{} variables", ordering.variables.len())),
                    types::SymbolKind::ARRAY,
                    ordering.span,
                    ordering.span,
                    None,
                )),
                Item::Columns(columns) => symbols.push(self.symbol(
                    "columns".into(),
                    Some(self.text[columns.count_span.range()].to_string()),
                    types::SymbolKind::CONSTANT,
                    columns.span,
                    columns.count_span,
                    None,
                )),
                Item::Variable(variable) => symbols.push(self.variable_symbol(variable)),
                Item::Requirement(requirement) => {
                    symbols.push(self.requirement_symbol(requirement))
                }
                Item::Assertion(assertion) => {
                    let children = assertion
                        .entries
                        .iter()
                        .map(|entry| match entry {
                            AssertionEntry::Field(field) => self.symbol(
                                field.key.text.clone(),
                                Some(self.snippet(field.value.span())),
                                types::SymbolKind::FIELD,
                                field.span,
                                field.key.span,
                                None,
                            ),
                            AssertionEntry::Variable(variable) => self.variable_symbol(variable),
                            AssertionEntry::Requirement(requirement) => {
                                self.requirement_symbol(requirement)
                            }
                        })
                        .collect();
                    symbols.push(self.symbol(
                        assertion.name.text.clone(),
                        Some(assertion.kind.keyword().to_string()),
                        types::SymbolKind::MODULE,
                        assertion.span,
                        assertion.name.span,
                        Some(children),
                    ));
                }
            }
        }
        symbols
    }

    fn variable_symbol(&self, variable: &ast::VariableDeclaration) -> types::DocumentSymbol {
        let mut detail = self.text[variable.column.span.range()].to_string();
        if let Some(domain) = &variable.domain {
            detail.push(' ');
            detail.push_str(&self.text[domain.span.range()]);
        }
        self.symbol(
            variable.name.text.clone(),
            Some(detail),
            types::SymbolKind::VARIABLE,
            variable.span,
            variable.name.span,
            None,
        )
    }

    fn requirement_symbol(&self, requirement: &ast::Requirement) -> types::DocumentSymbol {
        let (name, selection) = match &requirement.name {
            Some(name) => (name.text.clone(), name.span),
            None => (self.snippet(requirement.span), requirement.span),
        };
        self.symbol(
            name,
            None,
            types::SymbolKind::FUNCTION,
            requirement.span,
            selection,
            None,
        )
    }

    fn symbol(
        &self,
        name: String,
        detail: Option<String>,
        kind: types::SymbolKind,
        span: Span,
        selection: Span,
        children: Option<Vec<types::DocumentSymbol>>,
    ) -> types::DocumentSymbol {
        #[allow(deprecated)]
        types::DocumentSymbol {
            name,
            detail,
            kind,
            tags: None,
            deprecated: None,
            range: self.index.range(&self.text, span),
            selection_range: self.index.range(&self.text, selection),
            children,
        }
    }

    /// `reqc fmt`'s layout as one edit of the whole text; no edit when it is already formatted.
    pub fn formatting(&self) -> Result<Vec<types::TextEdit>, String> {
        if self.file_problem.is_some() || self.front_end.has_syntax_errors {
            return Err("not formatting: the file has syntax errors".into());
        }
        let formatted = if self.propositional.is_some() {
            crate::propositional::format(&self.text)
                .map_err(|_| "not formatting: the file has syntax errors".to_string())?
        } else {
            crate::format::format(&self.text, &self.front_end.file)
        };
        if formatted == self.text {
            return Ok(Vec::new());
        }
        Ok(vec![types::TextEdit {
            range: self.index.whole(&self.text),
            new_text: formatted,
        }])
    }

    /// Converts reqc diagnostics to the protocol's, for this document.
    pub fn to_lsp(&self, uri: &types::Url, diagnostics: &[Diagnostic]) -> Vec<types::Diagnostic> {
        to_lsp(&self.text, &self.index, uri, diagnostics)
    }
}

/// Converts reqc diagnostics about `text` (whose lines `index` holds) to the protocol's.
pub fn to_lsp(
    text: &str,
    index: &LineIndex,
    uri: &types::Url,
    diagnostics: &[Diagnostic],
) -> Vec<types::Diagnostic> {
    diagnostics
        .iter()
        .map(|diagnostic| to_lsp_diagnostic(text, index, uri, diagnostic))
        .collect()
}

fn to_lsp_diagnostic(
    text: &str,
    index: &LineIndex,
    uri: &types::Url,
    diagnostic: &Diagnostic,
) -> types::Diagnostic {
    let span = diagnostic.primary_span().unwrap_or_default();
    let range = index.range(text, span);
    let mut related = Vec::new();
    for label in &diagnostic.labels {
        if label.message.is_empty() {
            continue;
        }
        related.push(types::DiagnosticRelatedInformation {
            location: types::Location::new(uri.clone(), index.range(text, label.span)),
            message: label.message.clone(),
        });
    }
    for (kind, texts) in [("note", &diagnostic.notes), ("help", &diagnostic.help)] {
        for note in texts {
            related.push(types::DiagnosticRelatedInformation {
                location: types::Location::new(uri.clone(), range),
                message: format!("{kind}: {note}"),
            });
        }
    }
    types::Diagnostic {
        range,
        severity: Some(match diagnostic.severity {
            Severity::Error => types::DiagnosticSeverity::ERROR,
            Severity::Warning => types::DiagnosticSeverity::WARNING,
            Severity::Note => types::DiagnosticSeverity::INFORMATION,
        }),
        code: Some(types::NumberOrString::String(
            diagnostic.code.as_str().to_string(),
        )),
        code_description: None,
        source: Some("reqc".into()),
        message: diagnostic.message.clone(),
        related_information: if related.is_empty() {
            None
        } else {
            Some(related)
        },
        tags: None,
        data: None,
    }
}

impl Analysis {
    /// Semantic tokens for the whole text, encoded relative to each other as the protocol says.
    pub fn semantic_tokens(&self) -> Vec<types::SemanticToken> {
        let classes = self.identifier_classes();
        let mut tokens = Vec::new();
        let mut previous = types::Position::new(0, 0);
        for (span, class, modifiers) in lex(&self.text, &classes) {
            let start = self.index.position(&self.text, span.start);
            let length: usize = self.text[span.range()].chars().map(char::len_utf16).sum();
            let delta_line = start.line - previous.line;
            let delta_start = if delta_line == 0 {
                start.character - previous.character
            } else {
                start.character
            };
            tokens.push(types::SemanticToken {
                delta_line,
                delta_start,
                length: u32::try_from(length).unwrap_or(u32::MAX),
                token_type: class as u32,
                token_modifiers_bitset: modifiers,
            });
            previous = start;
        }
        tokens
    }

    /// The token class of every identifier the syntax tree knows, by start offset.
    fn identifier_classes(&self) -> BTreeMap<usize, (TokenClass, u32)> {
        let mut classes = BTreeMap::new();
        for declaration in &self.declarations {
            let (class, modifiers) = match &declaration.kind {
                DeclarationKind::Variable { kind, .. } => (
                    TokenClass::Variable,
                    DECLARATION
                        | if *kind == VariableKind::Input {
                            READONLY
                        } else {
                            0
                        },
                ),
                DeclarationKind::Requirement => (TokenClass::Function, DECLARATION),
                DeclarationKind::Assertion(_) => (TokenClass::Namespace, DECLARATION),
            };
            classes.insert(declaration.name_span.start, (class, modifiers));
        }
        for occurrence in &self.occurrences {
            classes
                .entry(occurrence.span.start)
                .or_insert((TokenClass::Variable, 0));
        }
        for item in &self.front_end.file.items {
            if let Item::Assertion(assertion) = item {
                for entry in &assertion.entries {
                    if let AssertionEntry::Field(field) = entry {
                        classes.insert(field.key.span.start, (TokenClass::Property, 0));
                        value_classes(&field.value, &mut classes);
                    }
                }
            }
        }
        classes
    }
}

/// A name or column as written, before resolution.
enum Written {
    Name(String),
    Column(ColumnFamily, Option<usize>),
}

fn written(reference: &VariableReference) -> Written {
    match reference {
        VariableReference::Column(column) => Written::Column(column.family, column.index),
        VariableReference::Name(name) => Written::Name(name.text.clone()),
    }
}

fn declare_variable(
    text: &str,
    variable: &ast::VariableDeclaration,
    scope: Option<usize>,
    declarations: &mut Vec<Declaration>,
) {
    declarations.push(Declaration {
        name: variable.name.text.clone(),
        kind: DeclarationKind::Variable {
            kind: variable.kind,
            family: variable.column.family,
            column: variable.column.index,
            domain: variable.domain.as_ref().map(|domain| {
                let written = &text[domain.span.range()];
                written
                    .strip_prefix("in")
                    .map_or(written, str::trim_start)
                    .to_string()
            }),
        },
        name_span: variable.name.span,
        item_span: variable.span,
        scope,
    });
}

fn collect_requirement(
    requirement: &ast::Requirement,
    scope: Option<usize>,
    declarations: &mut Vec<Declaration>,
    requirements: &mut Vec<WrittenRequirement>,
    pending: &mut Vec<(Span, Written, Option<usize>, Option<Span>)>,
) {
    if let Some(name) = &requirement.name {
        declarations.push(Declaration {
            name: name.text.clone(),
            kind: DeclarationKind::Requirement,
            name_span: name.span,
            item_span: requirement.span,
            scope,
        });
    }
    requirements.push(WrittenRequirement {
        name: requirement.name.as_ref().map(|name| name.text.clone()),
        name_span: requirement.name.as_ref().map(|name| name.span),
        span: requirement.span,
        scope,
    });
    for disjunct in &requirement.disjuncts {
        for side in [&disjunct.comparison.left, &disjunct.comparison.right] {
            for reference in references(side) {
                pending.push((
                    reference.span(),
                    written(reference),
                    scope,
                    Some(requirement.span),
                ));
            }
        }
    }
}

/// The variables an expression reads, in source order; iterative, since a long sum is a
/// chain as deep as it has terms.
fn references(expression: &Expression) -> Vec<&VariableReference> {
    let mut found = Vec::new();
    let mut stack = vec![expression];
    while let Some(expression) = stack.pop() {
        match expression {
            Expression::Number(..) => {}
            Expression::Variable(reference) => found.push(reference),
            Expression::Negate(inner, _) | Expression::Parenthesised(inner, _) => stack.push(inner),
            Expression::Binary { left, right, .. } => {
                stack.push(right);
                stack.push(left);
            }
        }
    }
    found
}

fn value_classes(value: &Value, classes: &mut BTreeMap<usize, (TokenClass, u32)>) {
    match value {
        Value::Symbol(identifier) => {
            classes.insert(identifier.span.start, (TokenClass::EnumMember, 0));
        }
        Value::Call {
            function,
            arguments,
            ..
        } => {
            classes.insert(function.span.start, (TokenClass::Function, 0));
            for argument in arguments {
                value_classes(argument, classes);
            }
        }
        Value::List(values, _) => {
            for value in values {
                value_classes(value, classes);
            }
        }
        Value::String(..) | Value::Number { .. } => {}
    }
}

fn counted(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

/// The language's keywords (`and` and `not` are reserved).
pub const KEYWORDS: &[&str] = &[
    "ordering",
    "columns",
    "var",
    "input",
    "requirement",
    "or",
    "neg",
    "in",
    "calibration",
    "equivalence",
    "inf",
    "and",
    "not",
];

/// Whether a text can be a declared name: the grammar's `name` rule.
pub fn is_valid_name(text: &str) -> bool {
    let mut characters = text.chars();
    let Some(first) = characters.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && characters.all(|character| character.is_ascii_alphanumeric() || character == '_')
        && !KEYWORDS.contains(&text)
        && !is_column(text)
}

/// Whether a word is shaped like a column (`y_3`, `x_0`).
fn is_column(word: &str) -> bool {
    (word.starts_with("y_") || word.starts_with("x_"))
        && word.len() > 2
        && word[2..].bytes().all(|byte| byte.is_ascii_digit())
}

/// The semantic token classes reqc reports, in the order of [`TOKEN_TYPES`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenClass {
    Keyword = 0,
    Variable = 1,
    Function = 2,
    Property = 3,
    EnumMember = 4,
    Number = 5,
    String = 6,
    Comment = 7,
    Operator = 8,
    Namespace = 9,
}

/// The legend's token types, indexed by [`TokenClass`].
pub const TOKEN_TYPES: &[types::SemanticTokenType] = &[
    types::SemanticTokenType::KEYWORD,
    types::SemanticTokenType::VARIABLE,
    types::SemanticTokenType::FUNCTION,
    types::SemanticTokenType::PROPERTY,
    types::SemanticTokenType::ENUM_MEMBER,
    types::SemanticTokenType::NUMBER,
    types::SemanticTokenType::STRING,
    types::SemanticTokenType::COMMENT,
    types::SemanticTokenType::OPERATOR,
    types::SemanticTokenType::NAMESPACE,
];

/// The legend's modifiers: bit 0 a declaration, bit 1 read-only (an input column).
pub const TOKEN_MODIFIERS: &[types::SemanticTokenModifier] = &[
    types::SemanticTokenModifier::DECLARATION,
    types::SemanticTokenModifier::READONLY,
];
const DECLARATION: u32 = 1;
const READONLY: u32 = 2;

/// Splits a text into highlighted tokens. Lexical, so it also colours lines that do not
/// parse; identifiers the syntax tree knows take their class from `classes`.
fn lex(text: &str, classes: &BTreeMap<usize, (TokenClass, u32)>) -> Vec<(Span, TokenClass, u32)> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        let start = at;
        if byte == b'"' {
            // A string runs to its closing quote or the end of the line.
            at += 1;
            while at < bytes.len() && bytes[at] != b'"' && bytes[at] != b'\n' {
                at += 1;
            }
            if at < bytes.len() && bytes[at] == b'"' {
                at += 1;
            }
            tokens.push((Span::new(start, at), TokenClass::String, 0));
        } else if byte == b'#' {
            while at < bytes.len() && bytes[at] != b'\n' && bytes[at] != b'\r' {
                at += 1;
            }
            tokens.push((Span::new(start, at), TokenClass::Comment, 0));
        } else if byte.is_ascii_digit()
            || (byte == b'.' && bytes.get(at + 1).is_some_and(u8::is_ascii_digit))
        {
            while at < bytes.len() && (bytes[at].is_ascii_digit() || bytes[at] == b'.') {
                at += 1;
            }
            if at < bytes.len() && (bytes[at] == b'e' || bytes[at] == b'E') {
                let mut exponent = at + 1;
                if exponent < bytes.len() && (bytes[exponent] == b'+' || bytes[exponent] == b'-') {
                    exponent += 1;
                }
                if exponent < bytes.len() && bytes[exponent].is_ascii_digit() {
                    at = exponent;
                    while at < bytes.len() && bytes[at].is_ascii_digit() {
                        at += 1;
                    }
                }
            }
            tokens.push((Span::new(start, at), TokenClass::Number, 0));
        } else if byte.is_ascii_alphabetic() || byte == b'_' {
            while at < bytes.len() && (bytes[at].is_ascii_alphanumeric() || bytes[at] == b'_') {
                at += 1;
            }
            let word = &text[start..at];
            let class = if KEYWORDS.contains(&word) {
                Some((TokenClass::Keyword, 0))
            } else if let Some(class) = classes.get(&start) {
                Some(*class)
            } else if is_column(word) {
                Some((TokenClass::Variable, 0))
            } else {
                None
            };
            if let Some((class, modifiers)) = class {
                tokens.push((Span::new(start, at), class, modifiers));
            }
        } else if b"<>=+-*/".contains(&byte) {
            at += 1;
            if at < bytes.len() && bytes[at] == b'=' && b"<>=".contains(&byte) {
                at += 1;
            }
            tokens.push((Span::new(start, at), TokenClass::Operator, 0));
        } else {
            // Everything else (spaces, punctuation, other characters) is not highlighted;
            // step over a whole character so spans stay on boundaries.
            at += text[at..].chars().next().map_or(1, char::len_utf8);
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "\
ordering y_0 limit balance
var limit = y_3 in [0, 1e6]   # an output
var balance = y_4 in [0, inf]
input age = y_5
requirement covers: limit >= balance
y_4 <= 0 or limit - 2 * age > 0
";

    fn analyse(text: &str) -> Analysis {
        Analysis::new(text.to_string(), Path::new("."), &crate::world::DiskWorld)
    }

    fn at(text: &str, needle: &str, nth: usize) -> usize {
        text.match_indices(needle)
            .nth(nth)
            .expect("needle present")
            .0
    }

    #[test]
    fn names_resolve_to_their_declarations() {
        let analysis = analyse(SOURCE);
        let use_of_limit = at(SOURCE, "limit", 2);
        let entity = analysis.entity_at(use_of_limit + 2).expect("a name");
        let definition = analysis.definition(entity).expect("declared");
        assert_eq!(definition.start, at(SOURCE, "limit", 1));
        // The cursor just after a word still names it.
        assert_eq!(analysis.entity_at(use_of_limit + 5), Some(entity));
        // References: the ordering, the declaration, the column `y_3` and both uses.
        let references = analysis.occurrences_of(entity, false);
        assert_eq!(references.len(), 5);
        assert!(references.contains(&Span::new(at(SOURCE, "y_3", 0), at(SOURCE, "y_3", 0) + 3)));
        // A rename touches the names, never the column.
        let renamed = analysis
            .rename_edits(entity, "credit_limit")
            .expect("valid");
        assert_eq!(renamed.len(), 4);
        assert!(renamed.iter().all(|span| &SOURCE[span.range()] == "limit"));
    }

    #[test]
    fn requirement_names_are_defined_found_and_renamed() {
        let analysis = analyse(SOURCE);
        let entity = analysis.entity_at(at(SOURCE, "covers", 0) + 1).unwrap();
        let span = Span::new(at(SOURCE, "covers", 0), at(SOURCE, "covers", 0) + 6);
        assert_eq!(analysis.definition(entity), Some(span));
        assert_eq!(analysis.occurrences_of(entity, false), vec![span]);
        assert_eq!(analysis.rename_edits(entity, "covered"), Ok(vec![span]));
        assert!(analysis.rename_edits(entity, "limit").is_err());
    }

    #[test]
    fn renames_refuse_bad_and_taken_names() {
        let analysis = analyse(SOURCE);
        let entity = analysis.entity_at(at(SOURCE, "limit", 0)).unwrap();
        assert!(analysis.rename_edits(entity, "balance").is_err());
        assert!(analysis.rename_edits(entity, "y_7").is_err());
        assert!(analysis.rename_edits(entity, "or").is_err());
        assert!(analysis.rename_edits(entity, "2x").is_err());
        assert!(analysis.rename_edits(entity, "").is_err());
        let column = analysis.entity_at(at(SOURCE, "y_0", 0)).unwrap();
        assert_eq!(column, Entity::Column(ColumnFamily::Output, 0, None));
        assert!(analysis.rename_edits(column, "zero").is_err());
    }

    #[test]
    fn hover_on_a_variable_shows_its_column_bounds_and_users() {
        let analysis = analyse(SOURCE);
        let (text, span) = analysis.hover(at(SOURCE, "limit", 0)).unwrap();
        assert_eq!(&SOURCE[span.range()], "limit");
        assert!(text.contains("column `y_3`"), "{text}");
        assert!(text.contains("declared bounds: `[0, 1e6]`"), "{text}");
        assert!(text.contains("ordering: position 2 of 3"), "{text}");
        assert!(text.contains("used by 2 requirements"), "{text}");
        assert!(
            text.contains("line 5: `requirement covers: limit >= balance`"),
            "{text}"
        );
        let (input, _) = analysis.hover(at(SOURCE, "age", 1)).unwrap();
        assert!(input.contains("input column"), "{input}");
        assert!(input.contains("used by 1 requirement:"), "{input}");
    }

    #[test]
    fn hover_on_a_requirement_shows_its_normal_form() {
        let analysis = analyse(SOURCE);
        let (text, _) = analysis.hover(at(SOURCE, "covers", 0)).unwrap();
        assert!(text.contains("limit - balance >= 0"), "{text}");
        let (text, span) = analysis.hover(at(SOURCE, "<= 0", 0)).unwrap();
        assert_eq!(&SOURCE[span.range()], "y_4 <= 0 or limit - 2 * age > 0");
        assert!(text.contains("-balance >= 0 or limit - 2age > 0"), "{text}");
    }

    #[test]
    fn equivalence_blocks_have_their_own_names() {
        let source = "\
var income = y_0
ordering income
requirement positive: income >= 0
equivalence same {
    left = \"a.onnx\"
    var income = x_0 in [0, 1]
    requirement ratio: income - 2 * x_1 >= 0
}
";
        let analysis = analyse(source);
        let inner = analysis.entity_at(at(source, "income", 3)).unwrap();
        let outer = analysis.entity_at(at(source, "income", 2)).unwrap();
        assert_ne!(inner, outer);
        assert_eq!(
            analysis.definition(inner).unwrap().start,
            at(source, "income", 3)
        );
        let symbols = analysis.document_symbols();
        assert_eq!(symbols.len(), 4);
        assert_eq!(symbols[3].name, "same");
        assert_eq!(symbols[3].children.as_ref().unwrap().len(), 3);
    }

    #[test]
    fn formatting_is_reqc_fmt_and_refuses_broken_files() {
        let analysis = analyse("ordering   y_0\ny_0>=1\n");
        let edits = analysis.formatting().unwrap();
        assert_eq!(edits.len(), 1);
        assert_eq!(edits[0].new_text, "ordering y_0\ny_0 >= 1\n");
        assert!(analyse("ordering y_0\ny_0 >= 1\n")
            .formatting()
            .unwrap()
            .is_empty());
        assert!(analyse("ordering y_0\ny_0 => 1\n").formatting().is_err());
    }

    #[test]
    fn semantic_tokens_classify_every_kind_of_token() {
        let source = "input age = y_5 in [0, inf] # c\nrequirement r: 2y_0 >= .5e1\n";
        let analysis = analyse(source);
        let classes: BTreeMap<usize, (TokenClass, u32)> = analysis.identifier_classes();
        let tokens: Vec<(String, TokenClass, u32)> = lex(source, &classes)
            .into_iter()
            .map(|(span, class, modifiers)| (source[span.range()].to_string(), class, modifiers))
            .collect();
        let expected = [
            ("input", TokenClass::Keyword, 0),
            ("age", TokenClass::Variable, DECLARATION | READONLY),
            ("=", TokenClass::Operator, 0),
            ("y_5", TokenClass::Variable, 0),
            ("in", TokenClass::Keyword, 0),
            ("0", TokenClass::Number, 0),
            ("inf", TokenClass::Keyword, 0),
            ("# c", TokenClass::Comment, 0),
            ("requirement", TokenClass::Keyword, 0),
            ("r", TokenClass::Function, DECLARATION),
            ("2", TokenClass::Number, 0),
            ("y_0", TokenClass::Variable, 0),
            (">=", TokenClass::Operator, 0),
            (".5e1", TokenClass::Number, 0),
        ];
        let expected: Vec<(String, TokenClass, u32)> = expected
            .iter()
            .map(|(text, class, modifiers)| (text.to_string(), *class, *modifiers))
            .collect();
        assert_eq!(tokens, expected);
        // Relative encoding: the second line's first token starts a new line at column 0.
        let encoded = analysis.semantic_tokens();
        assert_eq!(encoded.len(), expected.len());
        assert_eq!((encoded[8].delta_line, encoded[8].delta_start), (1, 0));
        assert_eq!((encoded[1].delta_line, encoded[1].delta_start), (0, 6));
    }
}
