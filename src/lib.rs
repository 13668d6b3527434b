//! reqc: a compiler for machine-learning requirement specifications (`.req` files).
//!
//! Data flows one way through the phases: [`syntax`] (text to AST) → [`check`]
//! (AST to a checked [`spec::Specification`]) → the back ends. The library never
//! prints; `main.rs` does input, output and exit codes.

pub mod atomic;
#[cfg(all(feature = "solver", feature = "jit"))]
pub mod batch;
#[cfg(feature = "solver")]
pub mod calibration;
pub mod certificate;
pub mod check;
#[cfg(feature = "jit")]
pub mod codegen;
pub mod data;
pub mod diagnostics;
pub mod format;
pub mod jobs;
pub mod linear;
pub mod lsp;
pub mod models;
pub mod number;
pub mod png;
pub mod propositional;
pub mod random;
pub mod report;
pub mod shield;
pub mod smt;
pub mod span;
pub mod spec;
pub mod syntax;
pub mod workers;
pub mod world;

use diagnostics::{Code, Diagnostic};
use span::Span;
use std::path::Path;

/// The largest `.req` file reqc reads. Real requirement files are kilobytes; the
/// limit keeps a mistaken argument (a data set, a binary) from exhausting memory.
pub const MAXIMUM_SOURCE_BYTES: u64 = 64 * 1024 * 1024;

/// A diagnostic for a file over [`MAXIMUM_SOURCE_BYTES`].
pub fn file_too_large(size: u64) -> Diagnostic {
    Diagnostic::new(
        Code::FileTooLarge,
        format!(
            "the file is {} MiB; reqc reads .req files of at most {} MiB",
            size.div_ceil(1024 * 1024),
            MAXIMUM_SOURCE_BYTES / (1024 * 1024)
        ),
    )
    .note("is this the requirements file? data belongs in `--input` or in an assertion block")
}

/// Decodes the bytes of a source file. On failure, returns the text to show
/// (invalid bytes replaced) and a diagnostic pointing at the first bad byte.
pub fn decode(bytes: Vec<u8>) -> Result<String, Box<(String, Diagnostic)>> {
    if let Some(position) = bytes.iter().position(|byte| *byte == 0) {
        let text = String::from_utf8_lossy(&bytes).replace('\0', "\u{FFFD}");
        // Offsets before the first NUL are unchanged by the replacement above only
        // when the prefix is valid UTF-8; otherwise point at the start.
        let offset = if std::str::from_utf8(&bytes[..position]).is_ok() {
            position
        } else {
            0
        };
        let diagnostic = Diagnostic::new(
            Code::BinaryFile,
            "the file contains NUL bytes and looks binary",
        )
        .primary(Span::new(offset, offset + 3), "NUL byte here")
        .note("a .req file is UTF-8 text");
        return Err(Box::new((text, diagnostic)));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let diagnostic = Diagnostic::new(Code::NotUtf8, "the file is not valid UTF-8")
                .primary(Span::new(offset, offset + 3), "invalid byte sequence here")
                .note("a .req file is UTF-8 text; re-save it with UTF-8 encoding");
            Err(Box::new((text, diagnostic)))
        }
    }
}

/// The result of the front end on one file.
pub struct FrontEnd {
    pub file: syntax::ast::File,
    pub specification: Option<spec::Specification>,
    pub diagnostics: Vec<Diagnostic>,
    /// Whether the parser rejected part of the file.
    pub has_syntax_errors: bool,
}

/// Parses and checks a source text; `base` is the directory relative paths are resolved in,
/// and `world` holds the files they name ([`world::DiskWorld`] for the disk).
pub fn front_end(source: &str, base: &Path, world: &dyn world::World) -> FrontEnd {
    let parsed = syntax::parse(source);
    let has_syntax_errors = !parsed.diagnostics.is_empty();
    let checked = check::check(source, &parsed.file, base, world);
    let diagnostics = all_diagnostics(&parsed, checked.diagnostics);
    FrontEnd {
        file: parsed.file,
        specification: if has_syntax_errors {
            None
        } else {
            checked.specification
        },
        diagnostics,
        has_syntax_errors,
    }
}

/// The diagnostics of [`front_end`] on a text already parsed, exactly, without its specification: the
/// language server's republish after an edit, where `memo` keeps the findings about
/// requirements between edits (see [`check::check_diagnostics`]).
pub fn front_end_diagnostics(
    source: &str,
    parsed: &syntax::Parsed,
    base: &Path,
    world: &dyn world::World,
    memo: &mut check::RequirementMemo,
) -> Vec<Diagnostic> {
    let checked = check::check_diagnostics(source, &parsed.file, base, world, memo);
    all_diagnostics(parsed, checked)
}

/// The parser's diagnostics and the checker's, in the order reports show them, without the
/// checker's findings that would only echo a syntax error.
fn all_diagnostics(parsed: &syntax::Parsed, checked: Vec<Diagnostic>) -> Vec<Diagnostic> {
    let has_syntax_errors = !parsed.diagnostics.is_empty();
    let rejected = |keywords: &[&str]| {
        parsed
            .rejected_keywords
            .iter()
            .any(|word| keywords.contains(&word.as_str()))
    };
    // Items the parser rejected are missing from the tree, so a check about something
    // absent would only echo the syntax error when the broken line could have supplied it.
    let mut echoes = Vec::new();
    if has_syntax_errors {
        echoes.extend([Code::EmptyFile, Code::UnusedVariable]);
    }
    if rejected(&["ordering"]) {
        echoes.extend([Code::MissingOrdering, Code::NotInOrdering]);
    }
    if rejected(&["var", "input"]) {
        echoes.extend([Code::UnknownName, Code::NotInOrdering]);
    }
    let mut diagnostics = parsed.diagnostics.clone();
    diagnostics.extend(
        checked
            .into_iter()
            .filter(|diagnostic| !echoes.contains(&diagnostic.code)),
    );
    diagnostics::sort(&mut diagnostics);
    diagnostics
}

/// The solver's diagnostics for a file the front end accepted (none when it has errors).
/// The forced-value check needs the `var` declarations, which only the syntax tree keeps.
/// Without the `solver` feature there are none (front ends say the checks were skipped).
pub fn solver_diagnostics(front_end: &FrontEnd, options: &smt::SolverOptions) -> Vec<Diagnostic> {
    #[cfg(feature = "solver")]
    if let Some(specification) = &front_end.specification {
        return smt::check(specification, &declared_variables(&front_end.file), options);
    }
    let _ = (front_end, options);
    Vec::new()
}

/// Whether this build has the Z3 solver (the `solver` feature).
pub const HAS_SOLVER: bool = cfg!(feature = "solver");

/// Whether this build has LLVM's compiled kernels (the `jit` feature).
pub const HAS_JIT: bool = cfg!(feature = "jit");

/// The `var name = y_k` declarations of a file, with the spans of their names.
pub fn declared_variables(file: &syntax::ast::File) -> Vec<smt::DeclaredVariable> {
    use syntax::ast::{ColumnFamily, Item, VariableKind};
    file.items
        .iter()
        .filter_map(|item| match item {
            Item::Variable(variable)
                if variable.kind == VariableKind::Output
                    && variable.column.family == ColumnFamily::Output =>
            {
                Some(smt::DeclaredVariable {
                    column: variable.column.index?,
                    name: variable.name.text.clone(),
                    span: variable.name.span,
                })
            }
            _ => None,
        })
        .collect()
}
