//! The jobs behind `reqc check` and `reqc fmt`: every diagnostic of a set of files, and the
//! canonical layout of a file.

use super::{counted, read_source, SourceText};
use crate::diagnostics::{Code, Diagnostic, Severity};
use crate::report::SourceMap;
use crate::smt::SolverOptions;
use crate::world::World;
use std::path::{Path, PathBuf};

/// The options of a check.
#[derive(Clone, Debug, Default)]
pub struct CheckOptions {
    /// Run the solver checks with these options; `None` skips them.
    pub solver: Option<SolverOptions>,
    /// Codes not to report.
    pub allowed: Vec<Code>,
    /// Report warnings as errors.
    pub deny_warnings: bool,
}

/// The result of checking files.
pub struct Checked {
    pub sources: SourceMap,
    /// The diagnostics to report, each with its file, in the files' order.
    pub diagnostics: Vec<(usize, Diagnostic)>,
    /// One line per file the front end accepted: what it describes.
    pub summaries: Vec<String>,
    /// Files that could not be read.
    pub unreadable: Vec<String>,
}

impl Checked {
    /// The number of errors and of warnings among the diagnostics.
    pub fn tally(&self) -> (usize, usize) {
        tally(&self.diagnostics)
    }
}

/// Counts the errors and the warnings among diagnostics (notes count as neither).
pub fn tally(diagnostics: &[(usize, Diagnostic)]) -> (usize, usize) {
    let errors = diagnostics
        .iter()
        .filter(|(_, diagnostic)| diagnostic.is_error())
        .count();
    let warnings = diagnostics
        .iter()
        .filter(|(_, diagnostic)| diagnostic.severity == Severity::Warning)
        .count();
    (errors, warnings)
}

/// Drops the allowed codes and applies `deny_warnings`.
pub fn settle(diagnostics: &mut Vec<(usize, Diagnostic)>, allowed: &[Code], deny_warnings: bool) {
    diagnostics.retain(|(_, diagnostic)| !allowed.contains(&diagnostic.code));
    if deny_warnings {
        for (_, diagnostic) in diagnostics.iter_mut() {
            if diagnostic.severity == Severity::Warning {
                diagnostic.severity = Severity::Error;
            }
        }
    }
}

/// `errors, warnings emitted`, as `reqc check` ends its report.
pub fn tally_line(errors: usize, warnings: usize) -> String {
    format!(
        "{}, {} emitted",
        counted(errors, "error"),
        counted(warnings, "warning")
    )
}

/// Checks files: the front end on each, then the solver checks when asked for.
pub fn check_files(world: &dyn World, paths: &[PathBuf], options: &CheckOptions) -> Checked {
    let mut checked = Checked {
        sources: SourceMap::new(),
        diagnostics: Vec::new(),
        summaries: Vec::new(),
        unreadable: Vec::new(),
    };
    for path in paths {
        let name = path.display().to_string();
        match read_source(world, path) {
            Err(message) => checked.unreadable.push(message),
            Ok(SourceText::Rejected(text, diagnostic)) => {
                let file = checked.sources.add(name, text);
                checked.diagnostics.push((file, diagnostic));
            }
            Ok(SourceText::Text(text)) if crate::propositional::detect(&text) => {
                let outcome = crate::propositional::front_end(&text);
                let mut diagnostics = outcome.diagnostics;
                if let (Some(specification), Some(solver)) =
                    (&outcome.specification, &options.solver)
                {
                    #[cfg(feature = "solver")]
                    diagnostics.extend(crate::smt::propositional::check(specification, solver));
                    #[cfg(not(feature = "solver"))]
                    let _ = (specification, solver);
                    crate::diagnostics::sort(&mut diagnostics);
                }
                if let Some(specification) = &outcome.specification {
                    checked.summaries.push(format!(
                        "{name}: {} over {} (propositional)",
                        counted(specification.rules.len(), "rule"),
                        counted(specification.columns, "label")
                    ));
                }
                let file = checked.sources.add(name.clone(), text);
                checked
                    .diagnostics
                    .extend(diagnostics.into_iter().map(|diagnostic| (file, diagnostic)));
            }
            Ok(SourceText::Text(text)) => {
                let mut outcome = crate::front_end(&text, &super::base_directory(path), world);
                if let Some(solver) = &options.solver {
                    outcome
                        .diagnostics
                        .extend(crate::solver_diagnostics(&outcome, solver));
                    crate::diagnostics::sort(&mut outcome.diagnostics);
                }
                let file = checked.sources.add(name.clone(), text);
                if let Some(specification) = &outcome.specification {
                    checked.summaries.push(format!(
                        "{name}: {} over {}, {} in the ordering",
                        counted(specification.requirements.len(), "requirement"),
                        counted(specification.columns, "column"),
                        specification.ordering.len()
                    ));
                }
                checked.diagnostics.extend(
                    outcome
                        .diagnostics
                        .into_iter()
                        .map(|diagnostic| (file, diagnostic)),
                );
            }
        }
    }
    settle(
        &mut checked.diagnostics,
        &options.allowed,
        options.deny_warnings,
    );
    checked
}

/// The canonical layout of a source text.
pub enum Formatted {
    /// The text is already in canonical layout.
    Unchanged,
    /// The text in canonical layout.
    Changed(String),
    /// The text cannot be formatted: it has syntax errors (or could not be decoded).
    Rejected(Vec<Diagnostic>),
}

/// Formats a source text.
pub fn format_text(text: &str) -> Formatted {
    if crate::propositional::detect(text) {
        return match crate::propositional::format(text) {
            Err(diagnostics) => Formatted::Rejected(diagnostics),
            Ok(formatted) if formatted == text => Formatted::Unchanged,
            Ok(formatted) => Formatted::Changed(formatted),
        };
    }
    let parsed = crate::syntax::parse(text);
    if !parsed.diagnostics.is_empty() {
        return Formatted::Rejected(parsed.diagnostics);
    }
    let formatted = crate::format::format(text, &parsed.file);
    if formatted == text {
        Formatted::Unchanged
    } else {
        Formatted::Changed(formatted)
    }
}

/// What formatting a file did.
pub enum FileFormatted {
    Unchanged,
    /// The file was not in canonical layout; it was rewritten unless only checking.
    Changed,
    /// The file was not formatted; the diagnostics say why, on its text.
    Rejected {
        sources: SourceMap,
        diagnostics: Vec<(usize, Diagnostic)>,
        /// Whether the parser rejected it (rather than its bytes).
        syntax: bool,
    },
}

/// Formats a file in place (atomically), or only reports whether it is formatted.
pub fn format_file(
    world: &dyn World,
    path: &Path,
    check_only: bool,
) -> Result<FileFormatted, String> {
    let rejected = |text: String, diagnostics: Vec<Diagnostic>, syntax: bool| {
        let mut sources = SourceMap::new();
        let file = sources.add(path.display().to_string(), text);
        FileFormatted::Rejected {
            sources,
            diagnostics: diagnostics
                .into_iter()
                .map(|diagnostic| (file, diagnostic))
                .collect(),
            syntax,
        }
    };
    let text = match read_source(world, path)? {
        SourceText::Rejected(text, diagnostic) => {
            return Ok(rejected(text, vec![diagnostic], false))
        }
        SourceText::Text(text) => text,
    };
    match format_text(&text) {
        Formatted::Unchanged => Ok(FileFormatted::Unchanged),
        Formatted::Rejected(diagnostics) => Ok(rejected(text, diagnostics, true)),
        Formatted::Changed(formatted) => {
            if !check_only {
                crate::atomic::write(path, formatted.as_bytes())
                    .map_err(|error| error.to_string())?;
            }
            Ok(FileFormatted::Changed)
        }
    }
}
