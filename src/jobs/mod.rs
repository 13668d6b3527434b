//! The library API of reqc's commands: one function per job, called alike by the command
//! line, the language server and the Python package, returning values that front ends render.
//!
//! A job reads its inputs, runs the phases and writes its outputs (atomically, through
//! [`crate::atomic`]); it never prints. Failures come back as [`Failure`]: diagnostics on
//! the requirements file (the input is wrong) or a plain message (I/O or usage).

pub mod check;
pub mod compile;
pub mod correct;
pub mod propositional;
pub mod stats;
#[cfg(feature = "solver")]
pub mod verify;

use crate::diagnostics::Diagnostic;
use crate::report::SourceMap;
use crate::shield::ordering::OrderingChoice;
use crate::shield::{Limits, Shield};
use crate::spec::Specification;
use crate::world::{World, WorldError};
use std::path::{Path, PathBuf};

/// Why a job stopped.
pub enum Failure {
    /// The input has errors: the diagnostics to show, each with the file it is about.
    Input {
        sources: SourceMap,
        diagnostics: Vec<(usize, Diagnostic)>,
    },
    /// An I/O or usage problem, as the message to show.
    Io(String),
}

impl Failure {
    /// Diagnostics about one source text.
    pub fn on_source(name: &str, text: &str, diagnostics: Vec<Diagnostic>) -> Failure {
        let mut sources = SourceMap::new();
        let file = sources.add(name.to_string(), text.to_string());
        Failure::Input {
            sources,
            diagnostics: diagnostics
                .into_iter()
                .map(|diagnostic| (file, diagnostic))
                .collect(),
        }
    }
}

impl From<crate::atomic::WriteError> for Failure {
    fn from(error: crate::atomic::WriteError) -> Failure {
        Failure::Io(error.to_string())
    }
}

/// A requirements file's text, or the text to show with the diagnostic that rejects it
/// (too large, binary, not UTF-8).
pub enum SourceText {
    Text(String),
    Rejected(String, Diagnostic),
}

/// Reads a requirements file from `world`. A missing file, a directory or a special file
/// is an I/O error (a message); bad contents (too large, binary, not UTF-8) are a diagnostic.
pub fn read_source(world: &dyn World, path: &Path) -> Result<SourceText, String> {
    let bytes = match world.read(path, crate::MAXIMUM_SOURCE_BYTES) {
        Ok(bytes) => bytes,
        Err(WorldError::Directory) => {
            return Err(format!(
                "`{}` is a directory, not a .req file",
                path.display()
            ))
        }
        Err(WorldError::TooLarge { size, .. }) => {
            return Ok(SourceText::Rejected(
                String::new(),
                crate::file_too_large(size),
            ))
        }
        Err(error) => return Err(format!("cannot read `{}`: {error}", path.display())),
    };
    Ok(match crate::decode(bytes) {
        Ok(text) => SourceText::Text(text),
        Err(rejected) => SourceText::Rejected(rejected.0, rejected.1),
    })
}

/// The directory relative paths inside a requirements file are resolved against.
pub fn base_directory(path: &Path) -> PathBuf {
    crate::atomic::directory_of(path)
}

/// A requirements file the front end accepted: its name, text and specification.
pub struct CheckedFile {
    pub path: PathBuf,
    /// The name diagnostics show for the file.
    pub name: String,
    pub text: String,
    pub specification: Specification,
}

impl CheckedFile {
    /// Diagnostics about this file, as a failure.
    pub fn failure(&self, diagnostics: Vec<Diagnostic>) -> Failure {
        Failure::on_source(&self.name, &self.text, diagnostics)
    }
}

/// Reads and checks a requirements file for a back end. Its errors are a failure; its
/// warnings are dropped (they are `reqc check`'s business).
pub fn load(world: &dyn World, path: &Path) -> Result<CheckedFile, Failure> {
    let name = path.display().to_string();
    let text = read_source(world, path).map_err(Failure::Io)?;
    load_text(world, path, name, text)
}

/// A requirements file the front end accepted, of either kind.
pub enum LoadedFile {
    Linear(CheckedFile),
    Propositional(propositional::PropositionalFile),
}

/// Reads a requirements file once and checks it with the front end its contents call for
/// ([`crate::propositional::detect`]): what every command that takes either kind starts with.
pub fn load_any(world: &dyn World, path: &Path) -> Result<LoadedFile, Failure> {
    let name = path.display().to_string();
    match read_source(world, path).map_err(Failure::Io)? {
        SourceText::Text(text) if crate::propositional::detect(&text) => {
            propositional::load_text(path, name, text).map(LoadedFile::Propositional)
        }
        text => load_text(world, path, name, text).map(LoadedFile::Linear),
    }
}

/// [`load`] on a text already read; `path` places the files the text refers to.
pub fn load_text(
    world: &dyn World,
    path: &Path,
    name: String,
    text: SourceText,
) -> Result<CheckedFile, Failure> {
    let (text, diagnostics, specification) = match text {
        SourceText::Rejected(text, diagnostic) => (text, vec![diagnostic], None),
        SourceText::Text(text) => {
            let outcome = crate::front_end(&text, &base_directory(path), world);
            (text, outcome.diagnostics, outcome.specification)
        }
    };
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    match specification {
        Some(specification) if errors.is_empty() => Ok(CheckedFile {
            path: path.to_path_buf(),
            name,
            text,
            specification,
        }),
        _ => Err(Failure::on_source(&name, &text, errors)),
    }
}

/// How to build a shield: the correction order and the elimination's limits.
#[derive(Clone, Debug, Default)]
pub struct ShieldOptions {
    pub ordering: OrderingChoice,
    pub limits: Limits,
}

/// Builds the shield of a loaded file; a requirement set the elimination cannot handle
/// is a failure with diagnostics on the file.
pub fn build_shield(loaded: &CheckedFile, options: &ShieldOptions) -> Result<Shield, Failure> {
    let ordering = crate::shield::ordering::choose(&loaded.specification, options.ordering);
    crate::shield::build(&loaded.specification, &ordering, options.limits)
        .map_err(|diagnostics| loaded.failure(diagnostics))
}

/// The message for a job this build cannot do: `what` needs `feature`.
pub fn missing_feature(feature: &str, what: &str) -> String {
    format!(
        "{what} needs the `{feature}` feature, which this reqc was built without \
         (rebuild with `cargo build --features {feature}`; it is on by default)"
    )
}

/// `count word`, with the word in the plural unless the count is one.
pub fn counted(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}
