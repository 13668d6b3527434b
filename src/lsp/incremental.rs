//! Reparsing only what changed. A file is parsed chunk by chunk (`syntax::chunks`), and a
//! chunk that parsed depends on its own text alone, so the language server keeps each such
//! chunk's parse by its text and, after an edit, reuses it wherever the text now stands,
//! moving its spans; only new or changed chunks, and rejected ones (whose messages can
//! mention the end of the file), go through the parser again.

use crate::diagnostics::Diagnostic;
use crate::span::Span;
use crate::syntax::ast::{
    Assertion, AssertionEntry, Bound, ColumnReference, Columns, Comparison, Disjunct, Domain,
    Expression, Field, Identifier, Item, Ordering, Requirement, Value, VariableDeclaration,
    VariableReference,
};
use crate::syntax::{self, chunks, ParsedChunk};
use std::collections::HashMap;

/// Parses of chunks that were accepted, by their text, with spans relative to the chunk.
#[derive(Default)]
pub struct ChunkCache {
    parses: HashMap<String, ParsedChunk>,
}

impl ChunkCache {
    /// Parses a text, reusing the parses of chunks seen in the previous text; the result is
    /// exactly `syntax::parse(source)`. Only the chunks of this text are kept afterwards.
    pub fn parse(&mut self, source: &str) -> syntax::Parsed {
        let mut parsed = syntax::Parsed {
            file: crate::syntax::ast::File { items: Vec::new() },
            diagnostics: Vec::new(),
            rejected_keywords: Vec::new(),
        };
        let mut kept: HashMap<String, ParsedChunk> = HashMap::new();
        for chunk in chunks::split(source) {
            let text = &source[chunk.range()];
            let cached = kept.get(text).or_else(|| self.parses.get(text)).cloned();
            let relative = match cached {
                Some(relative) => relative,
                None => {
                    let mut fresh = syntax::parse_chunk(source, chunk);
                    if fresh.rejected_keyword.is_some() {
                        parsed.add(fresh);
                        continue;
                    }
                    move_chunk(&mut fresh, &|offset| offset.saturating_sub(chunk.start));
                    fresh
                }
            };
            if !kept.contains_key(text) {
                kept.insert(text.to_string(), relative.clone());
            }
            let mut placed = relative;
            move_chunk(&mut placed, &|offset| offset + chunk.start);
            parsed.add(placed);
        }
        self.parses = kept;
        parsed
    }

    /// How many chunk parses are kept.
    pub fn len(&self) -> usize {
        self.parses.len()
    }

    pub fn is_empty(&self) -> bool {
        self.parses.is_empty()
    }
}

/// How offsets move.
type Move<'a> = &'a dyn Fn(usize) -> usize;

fn move_span(span: &mut Span, by: Move) {
    *span = Span::new(by(span.start), by(span.end));
}

fn move_chunk(chunk: &mut ParsedChunk, by: Move) {
    let ParsedChunk {
        item,
        diagnostics,
        rejected_keyword: _,
    } = chunk;
    if let Some(item) = item {
        move_item(item, by);
    }
    for diagnostic in diagnostics {
        move_diagnostic(diagnostic, by);
    }
}

fn move_diagnostic(diagnostic: &mut Diagnostic, by: Move) {
    for label in &mut diagnostic.labels {
        move_span(&mut label.span, by);
    }
}

// Every struct is taken apart without `..`, so a span field added to the tree later fails
// to compile here instead of being left unmoved.

fn move_item(item: &mut Item, by: Move) {
    match item {
        Item::Ordering(Ordering { variables, span }) => {
            move_span(span, by);
            for reference in variables {
                move_reference(reference, by);
            }
        }
        Item::Columns(Columns {
            count: _,
            count_span,
            span,
        }) => {
            move_span(count_span, by);
            move_span(span, by);
        }
        Item::Variable(variable) => move_variable(variable, by),
        Item::Requirement(requirement) => move_requirement(requirement, by),
        Item::Assertion(assertion) => {
            let Assertion {
                kind: _,
                kind_span,
                name,
                entries,
                span,
            } = &mut **assertion;
            move_span(kind_span, by);
            move_identifier(name, by);
            move_span(span, by);
            for entry in entries {
                match entry {
                    AssertionEntry::Field(Field { key, value, span }) => {
                        move_identifier(key, by);
                        move_value(value, by);
                        move_span(span, by);
                    }
                    AssertionEntry::Variable(variable) => move_variable(variable, by),
                    AssertionEntry::Requirement(requirement) => move_requirement(requirement, by),
                }
            }
        }
    }
}

fn move_identifier(identifier: &mut Identifier, by: Move) {
    let Identifier { text: _, span } = identifier;
    move_span(span, by);
}

fn move_column(column: &mut ColumnReference, by: Move) {
    let ColumnReference {
        family: _,
        index: _,
        span,
    } = column;
    move_span(span, by);
}

fn move_reference(reference: &mut VariableReference, by: Move) {
    match reference {
        VariableReference::Column(column) => move_column(column, by),
        VariableReference::Name(name) => move_identifier(name, by),
    }
}

fn move_variable(variable: &mut VariableDeclaration, by: Move) {
    let VariableDeclaration {
        kind: _,
        name,
        column,
        domain,
        span,
    } = variable;
    move_identifier(name, by);
    move_column(column, by);
    move_span(span, by);
    if let Some(domain) = domain {
        let Domain { lower, upper, span } = &mut **domain;
        move_span(span, by);
        for bound in [lower, upper] {
            let Bound {
                value: _,
                negative: _,
                span,
            } = bound;
            move_span(span, by);
        }
    }
}

fn move_requirement(requirement: &mut Requirement, by: Move) {
    let Requirement {
        name,
        disjuncts,
        span,
    } = requirement;
    if let Some(name) = name {
        move_identifier(name, by);
    }
    move_span(span, by);
    for Disjunct {
        negated: _,
        comparison,
        span,
    } in disjuncts
    {
        move_span(span, by);
        let Comparison {
            left,
            operator: _,
            operator_span,
            right,
            span,
        } = comparison;
        move_span(operator_span, by);
        move_span(span, by);
        move_expression(left, by);
        move_expression(right, by);
    }
}

/// Iterative, since a long sum is a chain as deep as it has terms.
fn move_expression(expression: &mut Expression, by: Move) {
    let mut pending = vec![expression];
    while let Some(expression) = pending.pop() {
        match expression {
            Expression::Number(_, span) => move_span(span, by),
            Expression::Variable(reference) => move_reference(reference, by),
            Expression::Negate(inner, span) | Expression::Parenthesised(inner, span) => {
                move_span(span, by);
                pending.push(inner);
            }
            Expression::Binary {
                operator: _,
                left,
                right,
                span,
            } => {
                move_span(span, by);
                pending.push(left);
                pending.push(right);
            }
        }
    }
}

/// Iterative, since lists can nest as deep as a line is long.
fn move_value(value: &mut Value, by: Move) {
    let mut pending = vec![value];
    while let Some(value) = pending.pop() {
        match value {
            Value::String(_, span) => move_span(span, by),
            Value::Number {
                value: _,
                negative: _,
                span,
            } => move_span(span, by),
            Value::Symbol(identifier) => move_identifier(identifier, by),
            Value::Call {
                function,
                arguments,
                span,
            } => {
                move_identifier(function, by);
                move_span(span, by);
                pending.extend(arguments.iter_mut());
            }
            Value::List(values, span) => {
                move_span(span, by);
                pending.extend(values.iter_mut());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_same(cache: &mut ChunkCache, source: &str) {
        let incremental = cache.parse(source);
        let full = syntax::parse(source);
        assert_eq!(incremental.file, full.file, "{source}");
        assert_eq!(incremental.diagnostics, full.diagnostics, "{source}");
        assert_eq!(
            incremental.rejected_keywords, full.rejected_keywords,
            "{source}"
        );
    }

    #[test]
    fn reused_chunks_parse_as_the_whole_file_does() {
        let source = "\
var limit = y_3 in [0, 1e6]   # c
ordering y_0 limit
requirement r: 2 * (limit - y_0) / 4 >= -.5 or neg limit == 1
y_0 >= 1e400
calibration c {
    predictions = \"p.npy\"
    bins = equal_width(6)
    input_box = [[0, 1], [-inf, 2]]
}
y_0 >= 1
y_0 >= 1
";
        let mut cache = ChunkCache::default();
        assert_same(&mut cache, source);
        assert_eq!(cache.len(), 6);
        // Everything moves down by a line, then the middle changes, then errors appear.
        assert_same(&mut cache, &format!("columns 9\n{source}"));
        assert_same(&mut cache, &source.replace("-.5", "-0.75"));
        assert_same(&mut cache, &source.replace("y_0 >= 1\n", "y_0 => 1\n"));
        assert_same(&mut cache, &source.replace("\n}\n", "\n"));
        assert_same(&mut cache, source);
        assert_same(&mut cache, "");
        assert!(cache.is_empty());
    }
}
