//! The `reqc` command line: reads files, runs the library's phases, prints results and sets exit codes.
//!
//! Exit codes: 0 success (warnings allowed), 1 the input has errors, 2 usage or I/O errors.

use clap::{Parser, Subcommand, ValueEnum};
use reqc::diagnostics::{Code, Diagnostic, Severity};
use reqc::report::{self, SourceMap};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "reqc",
    version,
    about = "A compiler for machine-learning requirement specifications"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Parse and check .req files, reporting every problem found.
    Check(CheckArguments),
    /// Rewrite .req files in canonical layout, keeping comments.
    Fmt {
        /// Files to format.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Do not write; exit 1 if any file is not formatted.
        #[arg(long)]
        check: bool,
    },
    /// Compile a .req file to another form, e.g. `reqc compile FILE --emit smt2`.
    Compile(CompileArguments),
    /// Explain a diagnostic code, e.g. `reqc explain E0201`.
    Explain {
        /// The code.
        code: String,
    },
}

#[derive(clap::Args)]
struct CheckArguments {
    /// Files to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    output: OutputOptions,
    /// Skip the solver checks (unsatisfiable sets, implied requirements, dead disjuncts,
    /// forced variables); only parse and check.
    #[arg(long)]
    no_solver: bool,
    /// The time limit of each solver query, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0, value_parser = parse_timeout)]
    solver_timeout: f64,
}

/// A solver timeout: a finite number of seconds, at least one millisecond.
fn parse_timeout(text: &str) -> Result<f64, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if !seconds.is_finite() || !(0.001..=86_400.0).contains(&seconds) {
        return Err("the timeout must be between 0.001 and 86400 seconds".to_string());
    }
    Ok(seconds)
}

#[derive(clap::Args)]
struct CompileArguments {
    /// The .req file to compile.
    file: PathBuf,
    /// What to produce.
    #[arg(long, value_enum)]
    emit: Emit,
    /// Where to write the result (atomically); standard output when absent.
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
}

/// The forms `reqc compile` produces.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Emit {
    /// SMT-LIB 2: one named assertion per requirement, exact rationals.
    Smt2,
}

#[derive(clap::Args, Clone)]
struct OutputOptions {
    /// How to print diagnostics: rustc-style text, or one JSON object per line on stdout.
    #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
    message_format: MessageFormat,
    /// Do not report this warning code (repeatable), e.g. `--allow W0302`.
    #[arg(long, value_name = "CODE")]
    allow: Vec<String>,
    /// Treat warnings as errors.
    #[arg(long)]
    deny_warnings: bool,
    /// When to colour text output.
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum MessageFormat {
    Human,
    Json,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check(arguments) => check(&arguments),
        Command::Fmt { files, check } => format(&files, check),
        Command::Compile(arguments) => compile(&arguments),
        Command::Explain { code } => explain(&code),
    }
}

/// An I/O problem with a command-line argument: printed plainly, exit code 2.
fn io_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// A file read from disk, or the diagnostic explaining why it cannot be used.
enum Loaded {
    Text(String),
    Rejected(String, Diagnostic),
}

/// Reads a source file. Missing files and directories are I/O errors; bad contents are diagnostics.
fn load(path: &Path) -> Result<Loaded, String> {
    let metadata = std::fs::metadata(path)
        .map_err(|error| format!("cannot read `{}`: {}", path.display(), plain(&error)))?;
    if metadata.is_dir() {
        return Err(format!(
            "`{}` is a directory, not a .req file",
            path.display()
        ));
    }
    if metadata.len() > reqc::MAXIMUM_SOURCE_BYTES {
        return Ok(Loaded::Rejected(
            String::new(),
            reqc::file_too_large(metadata.len()),
        ));
    }
    let bytes = std::fs::read(path)
        .map_err(|error| format!("cannot read `{}`: {}", path.display(), plain(&error)))?;
    Ok(match reqc::decode(bytes) {
        Ok(text) => Loaded::Text(text),
        Err(rejected) => Loaded::Rejected(rejected.0, rejected.1),
    })
}

/// An I/O error's message without Rust's "(os error 2)" suffix.
fn plain(error: &std::io::Error) -> String {
    let text = error.to_string();
    match text.find(" (os error") {
        Some(position) => text[..position].to_string(),
        None => text,
    }
}

/// The directory relative paths inside a file are resolved against.
fn base_directory(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn check(arguments: &CheckArguments) -> ExitCode {
    let options = &arguments.output;
    let mut allowed = Vec::new();
    for code in &options.allow {
        match Code::parse(code) {
            Some(code) => allowed.push(code),
            None => {
                return io_error(format!(
                    "`--allow {code}`: no such diagnostic code (see `reqc explain`)"
                ))
            }
        }
    }
    let solver_options = reqc::smt::SolverOptions {
        timeout: std::time::Duration::from_secs_f64(arguments.solver_timeout),
    };
    let mut sources = SourceMap::new();
    let mut collected: Vec<(usize, Diagnostic)> = Vec::new();
    let mut summaries = Vec::new();
    let mut io_failed = false;
    for path in &arguments.files {
        let name = path.display().to_string();
        match load(path) {
            Err(message) => {
                eprintln!("error: {message}");
                io_failed = true;
            }
            Ok(Loaded::Rejected(text, diagnostic)) => {
                let file = sources.add(name, text);
                collected.push((file, diagnostic));
            }
            Ok(Loaded::Text(text)) => {
                let mut outcome = reqc::front_end(&text, &base_directory(path));
                if !arguments.no_solver {
                    outcome
                        .diagnostics
                        .extend(reqc::solver_diagnostics(&outcome, &solver_options));
                    reqc::diagnostics::sort(&mut outcome.diagnostics);
                }
                let file = sources.add(name.clone(), text);
                if let Some(specification) = &outcome.specification {
                    summaries.push(format!(
                        "{name}: {} over {}, {} in the ordering",
                        counted(specification.requirements.len(), "requirement"),
                        counted(specification.columns, "column"),
                        specification.ordering.len()
                    ));
                }
                collected.extend(
                    outcome
                        .diagnostics
                        .into_iter()
                        .map(|diagnostic| (file, diagnostic)),
                );
            }
        }
    }
    collected.retain(|(_, diagnostic)| !allowed.contains(&diagnostic.code));
    if options.deny_warnings {
        for (_, diagnostic) in &mut collected {
            if diagnostic.severity == Severity::Warning {
                diagnostic.severity = Severity::Error;
            }
        }
    }
    let errors = collected
        .iter()
        .filter(|(_, diagnostic)| diagnostic.is_error())
        .count();
    let warnings = collected
        .iter()
        .filter(|(_, diagnostic)| diagnostic.severity == Severity::Warning)
        .count();
    emit(&sources, &collected, options);
    if options.message_format == MessageFormat::Human {
        for summary in &summaries {
            eprintln!("checked {summary}");
        }
        if errors > 0 || warnings > 0 {
            eprintln!("{}", tally(errors, warnings));
        }
    }
    if io_failed {
        ExitCode::from(2)
    } else if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn counted(count: usize, word: &str) -> String {
    format!("{count} {word}{}", if count == 1 { "" } else { "s" })
}

fn tally(errors: usize, warnings: usize) -> String {
    format!(
        "{}, {} emitted",
        counted(errors, "error"),
        counted(warnings, "warning")
    )
}

fn emit(sources: &SourceMap, diagnostics: &[(usize, Diagnostic)], options: &OutputOptions) {
    match options.message_format {
        MessageFormat::Json => {
            let mut stdout = std::io::stdout().lock();
            let _ = stdout.write_all(report::render_json(sources, diagnostics).as_bytes());
        }
        MessageFormat::Human => {
            let color = match options.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            let _ = std::io::stderr()
                .write_all(report::render_human(sources, diagnostics, color).as_bytes());
        }
    }
}

fn format(files: &[PathBuf], check_only: bool) -> ExitCode {
    let mut status = ExitCode::SUCCESS;
    for path in files {
        let text = match load(path) {
            Err(message) => return io_error(message),
            Ok(Loaded::Rejected(text, diagnostic)) => {
                let mut sources = SourceMap::new();
                let file = sources.add(path.display().to_string(), text);
                eprint!(
                    "{}",
                    report::render_human(&sources, &[(file, diagnostic)], false)
                );
                status = ExitCode::from(1);
                continue;
            }
            Ok(Loaded::Text(text)) => text,
        };
        let parsed = reqc::syntax::parse(&text);
        if !parsed.diagnostics.is_empty() {
            let mut sources = SourceMap::new();
            let file = sources.add(path.display().to_string(), text.clone());
            let diagnostics: Vec<_> = parsed
                .diagnostics
                .into_iter()
                .map(|diagnostic| (file, diagnostic))
                .collect();
            eprint!("{}", report::render_human(&sources, &diagnostics, false));
            eprintln!(
                "error: not formatting `{}` because it has syntax errors",
                path.display()
            );
            status = ExitCode::from(1);
            continue;
        }
        let formatted = reqc::format::format(&text, &parsed.file);
        if formatted == text {
            continue;
        }
        if check_only {
            println!("{} is not formatted", path.display());
            status = ExitCode::from(1);
        } else if let Err(error) = write_atomically(path, formatted.as_bytes()) {
            return io_error(format!(
                "cannot write `{}`: {}",
                path.display(),
                plain(&error)
            ));
        }
    }
    status
}

/// Writes through a temporary file in the same directory and renames it over the target,
/// so an interrupted write never leaves a half-written file.
fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let directory = base_directory(path);
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    let temporary = directory.join(format!(".{name}.reqc-{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        if let Ok(metadata) = std::fs::metadata(path) {
            std::fs::set_permissions(&temporary, metadata.permissions())?;
        }
        std::fs::rename(&temporary, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    result
}

/// `reqc compile`: checks the file, prints its diagnostics, and writes the chosen form
/// when there is no error.
fn compile(arguments: &CompileArguments) -> ExitCode {
    let path = &arguments.file;
    let name = path.display().to_string();
    let (text, outcome) = match load(path) {
        Err(message) => return io_error(message),
        Ok(Loaded::Rejected(text, diagnostic)) => {
            let mut sources = SourceMap::new();
            let file = sources.add(name, text);
            eprint!(
                "{}",
                report::render_human(&sources, &[(file, diagnostic)], false)
            );
            return ExitCode::from(1);
        }
        Ok(Loaded::Text(text)) => {
            let outcome = reqc::front_end(&text, &base_directory(path));
            (text, outcome)
        }
    };
    if !outcome.diagnostics.is_empty() {
        let mut sources = SourceMap::new();
        let file = sources.add(name.clone(), text);
        let diagnostics: Vec<_> = outcome
            .diagnostics
            .iter()
            .cloned()
            .map(|diagnostic| (file, diagnostic))
            .collect();
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        eprint!("{}", report::render_human(&sources, &diagnostics, color));
    }
    let Some(specification) = &outcome.specification else {
        eprintln!("error: not compiling `{name}` because it has errors");
        return ExitCode::from(1);
    };
    let emitted = match arguments.emit {
        Emit::Smt2 => reqc::smt::smt2(specification),
    };
    match &arguments.output {
        Some(output) => match write_atomically(output, emitted.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => io_error(format!(
                "cannot write `{}`: {}",
                output.display(),
                plain(&error)
            )),
        },
        None => {
            let _ = std::io::stdout().lock().write_all(emitted.as_bytes());
            ExitCode::SUCCESS
        }
    }
}

fn explain(code_text: &str) -> ExitCode {
    let Some(code) = Code::parse(code_text) else {
        return io_error(format!(
            "no diagnostic code `{code_text}`; codes are listed in specs/language.md"
        ));
    };
    match reqc::diagnostics::explanation(code) {
        Some(text) => {
            println!("{text}");
            ExitCode::SUCCESS
        }
        None => {
            println!("{}: {}", code.as_str(), code.summary());
            ExitCode::SUCCESS
        }
    }
}
