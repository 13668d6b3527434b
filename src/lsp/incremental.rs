//! Reparsing only what changed. A file is parsed chunk by chunk (`syntax::chunks`), and a
//! chunk that parsed depends on its own text alone, so the language server keeps each such
//! chunk's parse and, after an edit, reuses it wherever its text now stands, shifting its
//! spans; only new or changed chunks, and rejected ones (whose messages can mention the end
//! of the file), go through the parser again. The syntax trees are moved, never copied:
//! [`ChunkCache::parse`] lends them out as the file's items and [`ChunkCache::restore`]
//! takes them back, so a keystroke in a 5 MB file costs a comparison of chunk texts and a
//! shift of the spans after it, not a copy of the file's tree.

use crate::check::RequirementMemo;
use crate::diagnostics::Diagnostic;
use crate::span::Span;
use crate::syntax::ast::{
    Assertion, AssertionEntry, Bound, ColumnReference, Columns, Comparison, Disjunct, Domain,
    Expression, Field, File, Identifier, Item, Ordering, Requirement, Value, VariableDeclaration,
    VariableReference,
};
use crate::syntax::{self, chunks};
use crate::world::World;
use rustc_hash::FxHashMap;
use std::path::Path;

/// The accepted chunks of the last text parsed, in order, with their parses at their
/// positions in that text.
#[derive(Default)]
pub struct ChunkCache {
    chunks: Vec<KeptChunk>,
    /// Emptied buffers kept for the next parse: on a large file, allocating them afresh
    /// each time costs more in page faults than the parse of a changed chunk.
    spare_chunks: Vec<KeptChunk>,
    spare_items: Vec<Item>,
}

/// One accepted chunk.
struct KeptChunk {
    start: usize,
    text: String,
    /// Whether the chunk's parse holds an item.
    has_item: bool,
    /// The item, absent while lent out by `parse` and not yet restored.
    item: Option<Item>,
    diagnostics: Vec<Diagnostic>,
}

impl KeptChunk {
    /// Whether the chunk's whole parse is here to be reused.
    fn is_complete(&self) -> bool {
        self.item.is_some() == self.has_item
    }
}

impl ChunkCache {
    /// Parses a text, reusing the parses of chunks seen in the previous text; the result is
    /// exactly `syntax::parse(source)`. The result's items are the cache's own: hand them
    /// back with [`ChunkCache::restore`] for the next parse to reuse them.
    pub fn parse(&mut self, source: &str) -> syntax::Parsed {
        let mut items = std::mem::take(&mut self.spare_items);
        items.clear();
        let mut parsed = syntax::Parsed {
            file: File { items },
            diagnostics: Vec::new(),
            rejected_keywords: Vec::new(),
        };
        let spans = chunks::split(source);
        let mut previous = std::mem::take(&mut self.chunks);
        self.chunks = std::mem::take(&mut self.spare_chunks);
        self.chunks.clear();
        let mut matches = match_chunks(source, &spans, &previous);
        for found in &mut matches {
            if found.is_some_and(|index| !previous[index].is_complete()) {
                *found = None;
            }
        }
        let fresh: Vec<Span> = spans
            .iter()
            .zip(&matches)
            .filter(|(_, found)| found.is_none())
            .map(|(span, _)| *span)
            .collect();
        let mut fresh = parse_chunks(source, &fresh).into_iter();
        for (span, found) in spans.into_iter().zip(matches) {
            let (mut item, diagnostics, text) = match found {
                Some(index) => {
                    // Each kept chunk matches one new chunk at most; its parse moves over.
                    let kept = &mut previous[index];
                    let mut item = kept.item.take();
                    let mut diagnostics = std::mem::take(&mut kept.diagnostics);
                    if kept.start != span.start {
                        let (old, new) = (kept.start, span.start);
                        let by = move |offset: usize| offset - old + new;
                        if let Some(item) = &mut item {
                            move_item(item, &by);
                        }
                        for diagnostic in &mut diagnostics {
                            move_diagnostic(diagnostic, &by);
                        }
                    }
                    (item, diagnostics, std::mem::take(&mut kept.text))
                }
                None => {
                    let Some(fresh) = fresh.next() else {
                        continue; // Never: one parse was made for each chunk without a match.
                    };
                    if fresh.rejected_keyword.is_some() {
                        parsed.add(fresh);
                        continue;
                    }
                    (
                        fresh.item,
                        fresh.diagnostics,
                        source[span.range()].to_string(),
                    )
                }
            };
            parsed.diagnostics.extend(diagnostics.iter().cloned());
            let has_item = item.is_some();
            parsed.file.items.extend(item.take());
            self.chunks.push(KeptChunk {
                start: span.start,
                text,
                has_item,
                item: None,
                diagnostics,
            });
        }
        previous.clear();
        self.spare_chunks = previous;
        parsed
    }

    /// Takes back the items of the last parse's file (in its order, unchanged), so that the
    /// next parse reuses them. Any other list of items empties the cache.
    pub fn restore(&mut self, file: File) {
        let lent = self.chunks.iter().filter(|chunk| chunk.has_item).count();
        if lent != file.items.len() {
            self.chunks.clear();
            return;
        }
        let mut items = file.items;
        let mut returned = items.drain(..);
        for chunk in self.chunks.iter_mut().filter(|chunk| chunk.has_item) {
            chunk.item = returned.next();
        }
        drop(returned);
        self.spare_items = items;
    }

    /// How many chunk parses are kept whole.
    pub fn len(&self) -> usize {
        self.chunks
            .iter()
            .filter(|chunk| chunk.is_complete())
            .count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The front end's diagnostics of successive texts of one document, each computed from what
/// the previous ones left: the chunks' parses ([`ChunkCache`]) and the requirements' checks
/// ([`RequirementMemo`]). Every result equals `reqc check --no-solver`'s diagnostics.
#[derive(Default)]
pub struct IncrementalFrontEnd {
    chunks: ChunkCache,
    requirements: RequirementMemo,
}

impl IncrementalFrontEnd {
    /// The front end's diagnostics of `text`; `base` and `world` as for [`crate::front_end`].
    pub fn diagnostics(&mut self, text: &str, base: &Path, world: &dyn World) -> Vec<Diagnostic> {
        if crate::propositional::detect(text) {
            return crate::propositional::front_end(text).diagnostics;
        }
        let parsed = self.chunks.parse(text);
        let diagnostics =
            crate::front_end_diagnostics(text, &parsed, base, world, &mut self.requirements);
        self.chunks.restore(parsed.file);
        diagnostics
    }

    /// How many chunk parses and requirement checks are kept.
    pub fn kept(&self) -> (usize, usize) {
        (self.chunks.len(), self.requirements.len())
    }
}

/// Chunks fewer than this are parsed on the calling thread: a thread costs more than they do.
const PARALLEL_CHUNKS: usize = 2048;

/// Parses chunks of `source`, in order; many of them (a file just opened) on every core, since
/// each chunk's parse depends on its own text alone.
fn parse_chunks(source: &str, spans: &[Span]) -> Vec<syntax::ParsedChunk> {
    let threads = crate::workers::available();
    if spans.len() < PARALLEL_CHUNKS || threads < 2 {
        return spans
            .iter()
            .map(|span| syntax::parse_chunk(source, *span))
            .collect();
    }
    let part = spans.len().div_ceil(threads);
    std::thread::scope(|scope| {
        let workers: Vec<_> = spans
            .chunks(part)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|span| syntax::parse_chunk(source, *span))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| match worker.join() {
                Ok(parses) => parses,
                // A parse that panicked panics here, as it would have on this thread.
                Err(panic) => std::panic::resume_unwind(panic),
            })
            .collect()
    })
}

/// For each chunk of the new text, a kept chunk with the same text, if any: the common
/// prefix and suffix of the two lists pair up in order (an edit is usually in one place);
/// the chunks between them are paired by text.
fn match_chunks(source: &str, spans: &[Span], kept: &[KeptChunk]) -> Vec<Option<usize>> {
    let text_of = |index: usize| &source[spans[index].range()];
    let kept_text = |index: usize| kept[index].text.as_str();
    let mut matches = vec![None; spans.len()];
    let mut prefix = 0;
    while prefix < spans.len() && prefix < kept.len() && kept_text(prefix) == text_of(prefix) {
        matches[prefix] = Some(prefix);
        prefix += 1;
    }
    let mut suffix = 0;
    while suffix < spans.len() - prefix
        && suffix < kept.len() - prefix
        && kept_text(kept.len() - 1 - suffix) == text_of(spans.len() - 1 - suffix)
    {
        matches[spans.len() - 1 - suffix] = Some(kept.len() - 1 - suffix);
        suffix += 1;
    }
    let mut by_text: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
    for index in (prefix..kept.len() - suffix).rev() {
        by_text.entry(kept_text(index)).or_default().push(index);
    }
    for (index, found) in matches
        .iter_mut()
        .enumerate()
        .take(spans.len() - suffix)
        .skip(prefix)
    {
        *found = by_text.get_mut(text_of(index)).and_then(Vec::pop);
    }
    matches
}

/// How offsets move.
type Move<'a> = &'a dyn Fn(usize) -> usize;

fn move_span(span: &mut Span, by: Move) {
    *span = Span::new(by(span.start), by(span.end));
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
        cache.restore(incremental.file);
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
        assert_eq!(cache.len(), 7);
        // Everything moves down by a line, then the middle changes, then errors appear.
        assert_same(&mut cache, &format!("columns 9\n{source}"));
        assert_same(&mut cache, &source.replace("-.5", "-0.75"));
        assert_same(&mut cache, &source.replace("y_0 >= 1\n", "y_0 => 1\n"));
        assert_same(&mut cache, &source.replace("\n}\n", "\n"));
        assert_same(&mut cache, source);
        assert_same(&mut cache, "");
        assert!(cache.is_empty());
    }

    #[test]
    fn parses_whose_items_were_not_restored_are_made_again() {
        let source = "ordering y_0 y_1\ny_0 >= 1\ny_1 <= y_0\n";
        let mut cache = ChunkCache::default();
        let first = cache.parse(source);
        assert_eq!(cache.len(), 0, "every item is lent out");
        drop(first);
        let moved = format!("# a comment\n{source}");
        assert_eq!(cache.parse(&moved).file, syntax::parse(&moved).file);
        // Items from another parse are refused, and the cache starts again.
        cache.restore(syntax::parse("y_0 >= 1\n").file);
        assert!(cache.is_empty());
        assert_same(&mut cache, &moved);
        assert_eq!(cache.len(), 3);
        assert_same(&mut cache, &moved.replace("y_1 <=", "y_1 >="));
        assert_eq!(cache.len(), 3);
    }
}
