//! Rendering diagnostics: rustc-style text through codespan-reporting, or one JSON object per diagnostic.
//!
//! This is the only module that knows how diagnostics look; phases only build
//! [`Diagnostic`] values.

use crate::diagnostics::{Diagnostic, Severity};
use crate::span::Span;
use codespan_reporting::diagnostic as codespan;
use codespan_reporting::files::{Files, SimpleFiles};
use codespan_reporting::term::{self, termcolor};
use serde::Serialize;

/// The source files diagnostics point into.
pub struct SourceMap {
    files: SimpleFiles<String, String>,
}

impl Default for SourceMap {
    fn default() -> SourceMap {
        SourceMap::new()
    }
}

/// A file's handle in a [`SourceMap`].
pub type FileId = usize;

impl SourceMap {
    pub fn new() -> SourceMap {
        SourceMap {
            files: SimpleFiles::new(),
        }
    }

    /// Adds a file under the name diagnostics will show for it.
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        self.files.add(name.into(), text.into())
    }

    pub fn name(&self, file: FileId) -> String {
        self.files
            .get(file)
            .map(|file| file.name().clone())
            .unwrap_or_default()
    }

    pub fn text(&self, file: FileId) -> &str {
        self.files
            .get(file)
            .map(|file| file.source().as_str())
            .unwrap_or("")
    }

    /// One-based line and column (in characters) of a byte offset.
    pub fn line_column(&self, file: FileId, offset: usize) -> (usize, usize) {
        let text = self.text(file);
        let offset = clamp_to_boundary(text, offset);
        match self.files.location(file, offset) {
            Ok(location) => (location.line_number, location.column_number),
            Err(_) => (1, 1),
        }
    }
}

/// Moves an offset back onto a character boundary inside the text.
fn clamp_to_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn clamp_span(text: &str, span: Span) -> std::ops::Range<usize> {
    let start = clamp_to_boundary(text, span.start);
    let end = clamp_to_boundary(text, span.end.max(span.start));
    start..end.max(start)
}

fn to_codespan(
    sources: &SourceMap,
    file: FileId,
    diagnostic: &Diagnostic,
) -> codespan::Diagnostic<FileId> {
    let text = sources.text(file);
    let severity = match diagnostic.severity {
        Severity::Error => codespan::Severity::Error,
        Severity::Warning => codespan::Severity::Warning,
        Severity::Note => codespan::Severity::Note,
    };
    let mut labels: Vec<codespan::Label<FileId>> = diagnostic
        .labels
        .iter()
        .map(|label| {
            let range = clamp_span(text, label.span);
            let codespan_label = if label.primary {
                codespan::Label::primary(file, range)
            } else {
                codespan::Label::secondary(file, range)
            };
            codespan_label.with_message(label.message.clone())
        })
        .collect();
    if labels.is_empty() {
        // A file-level problem still names its file.
        labels.push(codespan::Label::primary(file, 0..0));
    }
    let mut notes: Vec<String> = diagnostic
        .notes
        .iter()
        .map(|note| format!("note: {note}"))
        .collect();
    notes.extend(diagnostic.help.iter().map(|help| format!("help: {help}")));
    codespan::Diagnostic::new(severity)
        .with_code(diagnostic.code.as_str())
        .with_message(diagnostic.message.clone())
        .with_labels(labels)
        .with_notes(notes)
}

/// Renders diagnostics as text; `color` turns on ANSI colours.
pub fn render_human(
    sources: &SourceMap,
    diagnostics: &[(FileId, Diagnostic)],
    color: bool,
) -> String {
    let mut buffer = if color {
        termcolor::Buffer::ansi()
    } else {
        termcolor::Buffer::no_color()
    };
    let config = term::Config::default();
    for (file, diagnostic) in diagnostics {
        let converted = to_codespan(sources, *file, diagnostic);
        // Writing into an in-memory buffer with every file present cannot fail.
        term::emit(&mut buffer, &config, &sources.files, &converted).expect("render into memory");
    }
    String::from_utf8_lossy(buffer.as_slice()).into_owned()
}

/// A position range in JSON output: bytes, and one-based lines and columns.
#[derive(Serialize)]
pub struct JsonRange {
    pub byte_start: usize,
    pub byte_end: usize,
    pub line_start: usize,
    pub column_start: usize,
    pub line_end: usize,
    pub column_end: usize,
}

#[derive(Serialize)]
pub struct JsonLabel {
    #[serde(flatten)]
    pub range: JsonRange,
    pub message: String,
    pub primary: bool,
}

/// One diagnostic as a JSON object, the `--message-format json` contract.
#[derive(Serialize)]
pub struct JsonDiagnostic {
    pub file: String,
    #[serde(flatten)]
    pub range: JsonRange,
    pub severity: Severity,
    pub code: &'static str,
    pub message: String,
    pub labels: Vec<JsonLabel>,
    pub notes: Vec<String>,
    pub help: Vec<String>,
}

fn json_range(sources: &SourceMap, file: FileId, span: Span) -> JsonRange {
    let range = clamp_span(sources.text(file), span);
    let (line_start, column_start) = sources.line_column(file, range.start);
    let (line_end, column_end) = sources.line_column(file, range.end);
    JsonRange {
        byte_start: range.start,
        byte_end: range.end,
        line_start,
        column_start,
        line_end,
        column_end,
    }
}

pub fn to_json(sources: &SourceMap, file: FileId, diagnostic: &Diagnostic) -> JsonDiagnostic {
    let span = diagnostic.primary_span().unwrap_or_default();
    JsonDiagnostic {
        file: sources.name(file),
        range: json_range(sources, file, span),
        severity: diagnostic.severity,
        code: diagnostic.code.as_str(),
        message: diagnostic.message.clone(),
        labels: diagnostic
            .labels
            .iter()
            .map(|label| JsonLabel {
                range: json_range(sources, file, label.span),
                message: label.message.clone(),
                primary: label.primary,
            })
            .collect(),
        notes: diagnostic.notes.clone(),
        help: diagnostic.help.clone(),
    }
}

/// Renders diagnostics as JSON lines, one object per line.
pub fn render_json(sources: &SourceMap, diagnostics: &[(FileId, Diagnostic)]) -> String {
    let mut output = String::new();
    for (file, diagnostic) in diagnostics {
        let json = to_json(sources, *file, diagnostic);
        output.push_str(&serde_json::to_string(&json).expect("diagnostics serialise"));
        output.push('\n');
    }
    output
}
