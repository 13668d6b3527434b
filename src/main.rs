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
    /// Explain a diagnostic code, e.g. `reqc explain E0201`.
    Explain {
        /// The code.
        code: String,
    },
    /// Correct prediction rows so they satisfy the requirements (the shield).
    Correct(CorrectArguments),
    /// Compile the requirements and print an intermediate or final form.
    Compile(CompileArguments),
    /// Per-requirement satisfaction rates of prediction rows.
    Stats(StatsArguments),
    /// Prove with Z3 that the shield is sound and complete, run calibration assertions
    /// and check equivalence assertions.
    Verify(VerifyArguments),
    /// Run the language server over standard input and output, for editors.
    Lsp(LspArguments),
}

#[derive(clap::Args)]
struct VerifyArguments {
    /// The requirements.
    file: PathBuf,
    /// The time limit of each proof query, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = parse_timeout)]
    timeout: f64,
    /// Send every proof obligation to Z3, even those that hold syntactically.
    #[arg(long)]
    all_by_solver: bool,
    /// Also write the reports of all calibration assertions to this JSON file (atomically).
    #[arg(long, value_name = "PATH")]
    report: Option<PathBuf>,
    /// Write each calibration assertion's reliability diagram here, as NAME.svg and
    /// NAME.png, and its witness input as NAME_witness.npy (and NAME_witness.png for 2-D
    /// input shapes).
    #[arg(long, value_name = "DIRECTORY")]
    diagram_dir: Option<PathBuf>,
    /// Show the progress of equivalence checks on stderr (default: when stderr is a terminal).
    #[arg(long)]
    progress: bool,
    /// Send equivalence assertions straight to the solver, without first trying random points.
    #[arg(long)]
    no_sampling: bool,
    /// For each counterexample of an equivalence assertion, draw a disagreement map over a
    /// 2-D slice through it to PREFIX-NAME.svg and PREFIX-NAME.png.
    #[arg(long, value_name = "PREFIX")]
    map: Option<PathBuf>,
    /// The two features the map varies (`3,7`); default: the two features the most
    /// influential differing trees split on most.
    #[arg(long, value_name = "F,G", value_parser = parse_feature_pair)]
    map_features: Option<(usize, usize)>,
    #[command(flatten)]
    shield: ShieldOptions,
    #[command(flatten)]
    output_options: OutputOptions,
    /// Breaks the built shield on purpose (`drop:LEVEL:CLAUSE` or
    /// `shift:LEVEL:CLAUSE:LITERAL:AMOUNT`), so tests can show that faults are caught.
    #[arg(long, hide = true)]
    inject_fault: Option<String>,
}

#[derive(clap::Args)]
struct LspArguments {
    /// Skip the solver checks; publish only what the front end finds.
    #[arg(long)]
    no_solver: bool,
    /// The time limit of each solver query, in seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0, value_parser = parse_timeout)]
    solver_timeout: f64,
    /// How long a document must stay unchanged before its solver checks run, in milliseconds.
    #[arg(long, value_name = "MILLISECONDS", default_value_t = 300)]
    solver_delay: u64,
}

#[derive(clap::Args)]
struct ShieldOptions {
    /// The correction order: the file's, a seeded random permutation of it, or a heuristic that keeps elimination small.
    #[arg(long, value_enum, default_value_t = OrderingArgument::File)]
    ordering: OrderingArgument,
    /// The seed of `--ordering random`.
    #[arg(long, default_value_t = 0)]
    seed: u64,
    /// The most clauses one level of the elimination may hold.
    #[arg(long, default_value_t = reqc::shield::Limits::default().clauses_per_level)]
    max_clauses: usize,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum OrderingArgument {
    File,
    Random,
    Auto,
}

#[derive(clap::Args)]
struct CorrectArguments {
    /// The requirements.
    file: PathBuf,
    /// Predictions: CSV, .npy (f32 or f64, 2-D, C or Fortran order) or .npz.
    #[arg(long)]
    input: PathBuf,
    /// CSV input: the first record is a header of column names.
    #[arg(long, conflicts_with = "no_header")]
    header: bool,
    /// CSV input: the first record is data (default: a header exactly when none of its fields is a number).
    #[arg(long)]
    no_header: bool,
    /// Where to write the corrected predictions (.npy or CSV, by extension); written atomically.
    #[arg(long)]
    output: PathBuf,
    /// The element type of the output (default: the input's; f64 for CSV).
    #[arg(long, value_enum)]
    dtype: Option<DtypeArgument>,
    /// Rows with NaN or infinities: stop with an error, or pass them through unchanged.
    #[arg(long, value_enum, default_value_t = NonFiniteArgument::Error)]
    non_finite: NonFiniteArgument,
    /// Rows whose fixed input columns make the requirements impossible: pass them through (counted) or stop.
    #[arg(long, value_enum, default_value_t = ImpossibleArgument::Keep)]
    impossible: ImpossibleArgument,
    /// auto: the interpreter while the kernels compile in the background, then the kernels; jit: wait for the kernels; interp: the interpreter alone. The output is the same.
    #[arg(long, value_enum, default_value_t = EngineArgument::Auto)]
    engine: EngineArgument,
    /// Threads for the JIT engine (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
    #[command(flatten)]
    shield: ShieldOptions,
    #[command(flatten)]
    output_options: OutputOptions,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum EngineArgument {
    Auto,
    Jit,
    Interp,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum DtypeArgument {
    F32,
    F64,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum NonFiniteArgument {
    Error,
    Keep,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ImpossibleArgument {
    Keep,
    Error,
}

#[derive(clap::Args)]
struct CompileArguments {
    /// The requirements.
    file: PathBuf,
    /// What to emit.
    #[arg(long, value_enum)]
    emit: Emit,
    /// Where to write it (default: standard output); written atomically. Required for obj and lib.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// The CPU to generate code for (asm, obj, lib): an LLVM CPU name, `native` for this machine, or `generic` (portable).
    #[arg(long, default_value = "generic")]
    cpu: String,
    /// The target triple for asm, obj and lib (default: this machine's).
    #[arg(long, value_name = "TRIPLE")]
    target: Option<String>,
    #[command(flatten)]
    shield: ShieldOptions,
    #[command(flatten)]
    output_options: OutputOptions,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Emit {
    /// The elimination result per variable, readable.
    Sets,
    /// The elimination result per variable, as JSON.
    SetsJson,
    /// SMT-LIB 2: one named assertion per requirement, exact rationals.
    Smt2,
    /// The shield kernels as LLVM IR (unoptimised).
    LlvmIr,
    /// The shield kernels as assembly.
    Asm,
    /// The shield kernels as an object file.
    Obj,
    /// A shared library exporting the kernels (C ABI; see `--emit header`).
    Lib,
    /// The C header documenting the library's ABI.
    Header,
}

#[derive(clap::Args)]
struct StatsArguments {
    /// The requirements.
    file: PathBuf,
    /// Predictions: CSV, .npy or .npz.
    #[arg(long)]
    input: PathBuf,
    /// CSV input: the first record is a header of column names.
    #[arg(long, conflicts_with = "no_header")]
    header: bool,
    /// CSV input: the first record is data (default: a header exactly when none of its fields is a number).
    #[arg(long)]
    no_header: bool,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    output_options: OutputOptions,
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

/// Two distinct feature indices, `3,7`.
fn parse_feature_pair(text: &str) -> Result<(usize, usize), String> {
    let parsed: Option<(usize, usize)> = text
        .split_once(',')
        .and_then(|(a, b)| Some((a.trim().parse().ok()?, b.trim().parse().ok()?)));
    match parsed {
        Some((a, b)) if a != b => Ok((a, b)),
        _ => Err(format!(
            "`{text}` is not two different feature indices like `0,1`"
        )),
    }
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
        Command::Correct(arguments) => correct(&arguments),
        Command::Stats(arguments) => stats(&arguments),
        Command::Verify(arguments) => verify(&arguments),
        Command::Lsp(arguments) => lsp(&arguments),
    }
}

/// Serves the language server protocol on standard input and output; problems that have
/// no place in the protocol go to standard error.
fn lsp(arguments: &LspArguments) -> ExitCode {
    let options = reqc::lsp::ServerOptions {
        run_solver: !arguments.no_solver,
        solver_delay: std::time::Duration::from_millis(arguments.solver_delay),
        solver: reqc::smt::SolverOptions {
            timeout: std::time::Duration::from_secs_f64(arguments.solver_timeout),
        },
    };
    let status = reqc::lsp::serve(
        std::io::stdin(),
        std::io::stdout().lock(),
        std::io::stderr(),
        options,
    );
    ExitCode::from(status)
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

/// The codes of `--allow`, or the usage error for one that does not exist.
fn allowed_codes(options: &OutputOptions) -> Result<Vec<Code>, ExitCode> {
    options
        .allow
        .iter()
        .map(|code| {
            Code::parse(code).ok_or_else(|| {
                io_error(format!(
                    "`--allow {code}`: no such diagnostic code (see `reqc explain`)"
                ))
            })
        })
        .collect()
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
    let allowed = match allowed_codes(options) {
        Ok(allowed) => allowed,
        Err(code) => return code,
    };
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
                let mut outcome =
                    reqc::front_end(&text, &base_directory(path), &reqc::world::DiskWorld);
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
    let (errors, warnings) = settle(&mut collected, options);
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

/// Applies `--deny-warnings` to the diagnostics about to be emitted and counts the
/// errors and warnings among them (notes count as neither).
fn settle(collected: &mut [(usize, Diagnostic)], options: &OutputOptions) -> (usize, usize) {
    if options.deny_warnings {
        for (_, diagnostic) in collected.iter_mut() {
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
    (errors, warnings)
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

/// Loads and checks a requirements file for a back end; on errors prints them and returns the exit code.
fn specification(
    path: &Path,
    options: &OutputOptions,
) -> Result<reqc::spec::Specification, ExitCode> {
    let mut sources = SourceMap::new();
    let name = path.display().to_string();
    let (file, diagnostics, specification) = match load(path) {
        Err(message) => return Err(io_error(message)),
        Ok(Loaded::Rejected(text, diagnostic)) => (sources.add(name, text), vec![diagnostic], None),
        Ok(Loaded::Text(text)) => {
            let outcome = reqc::front_end(&text, &base_directory(path), &reqc::world::DiskWorld);
            (
                sources.add(name, text),
                outcome.diagnostics,
                outcome.specification,
            )
        }
    };
    // Back ends show errors only; warnings are `reqc check`'s business.
    let errors: Vec<(usize, Diagnostic)> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .map(|diagnostic| (file, diagnostic))
        .collect();
    match specification {
        Some(specification) if errors.is_empty() => Ok(specification),
        _ => {
            emit(&sources, &errors, options);
            Err(ExitCode::from(1))
        }
    }
}

/// Builds the shield, printing diagnostics on failure.
fn build_shield(
    path: &Path,
    specification: &reqc::spec::Specification,
    options: &ShieldOptions,
    output: &OutputOptions,
) -> Result<reqc::shield::Shield, ExitCode> {
    use reqc::shield::ordering::{choose, OrderingChoice};
    let choice = match options.ordering {
        OrderingArgument::File => OrderingChoice::File,
        OrderingArgument::Random => OrderingChoice::Random(options.seed),
        OrderingArgument::Auto => OrderingChoice::Auto,
    };
    let ordering = choose(specification, choice);
    let limits = reqc::shield::Limits {
        clauses_per_level: options.max_clauses,
    };
    reqc::shield::build(specification, &ordering, limits).map_err(|diagnostics| {
        let mut sources = SourceMap::new();
        let text = std::fs::read_to_string(path).unwrap_or_default();
        let file = sources.add(path.display().to_string(), text);
        let diagnostics: Vec<_> = diagnostics
            .into_iter()
            .map(|diagnostic| (file, diagnostic))
            .collect();
        emit(&sources, &diagnostics, output);
        ExitCode::from(1)
    })
}

/// Opens a prediction file as a row reader, requiring rows of `columns` values.
fn open_rows(
    path: &Path,
    columns: usize,
    (header, no_header): (bool, bool),
) -> Result<Box<dyn reqc::data::RowReader>, String> {
    use reqc::data::{HeaderRule, ReadOptions};
    let header = match (header, no_header) {
        (true, _) => HeaderRule::Present,
        (_, true) => HeaderRule::Absent,
        _ => HeaderRule::Auto,
    };
    let reader = reqc::data::open_rows(&reqc::world::DiskWorld, path, &ReadOptions { header })
        .map_err(|error| error.to_string())?;
    if reader.columns() != columns {
        return Err(format!(
            "`{}` has {} columns, but the requirements describe rows of {columns} columns",
            path.display(),
            reader.columns()
        ));
    }
    Ok(reader)
}

/// A temporary path beside `path`, for atomic writes.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default();
    base_directory(path).join(format!(".{name}.reqc-{}.tmp", std::process::id()))
}

fn correct(arguments: &CorrectArguments) -> ExitCode {
    use reqc::data::RowWriter;
    use reqc::number::FloatFormat;
    use reqc::shield::correct::{
        correct_stream, ImpossiblePolicy, Interpreter, NonFinitePolicy, RequirementChecker,
    };
    let started = std::time::Instant::now();
    let specification = match specification(&arguments.file, &arguments.output_options) {
        Ok(specification) => specification,
        Err(code) => return code,
    };
    let shield = match build_shield(
        &arguments.file,
        &specification,
        &arguments.shield,
        &arguments.output_options,
    ) {
        Ok(shield) => shield,
        Err(code) => return code,
    };
    let mut reader = match open_rows(
        &arguments.input,
        specification.columns,
        (arguments.header, arguments.no_header),
    ) {
        Ok(reader) => reader,
        Err(message) => return io_error(message),
    };
    let format = match (arguments.dtype, reader.dtype()) {
        (Some(DtypeArgument::F32), _) => FloatFormat::F32,
        (Some(DtypeArgument::F64), _) => FloatFormat::F64,
        (None, Some(format)) => format,
        (None, None) => FloatFormat::F64,
    };
    let interpreter = Interpreter::new(&shield, format);
    let checker = RequirementChecker::new(&specification);
    let temporary = temporary_beside(&arguments.output);
    let result = (|| -> Result<reqc::shield::correct::Summary, String> {
        let file = std::fs::File::create(&temporary).map_err(|error| {
            format!(
                "cannot write `{}`: {}",
                arguments.output.display(),
                plain(&error)
            )
        })?;
        let buffered = std::io::BufWriter::with_capacity(1 << 20, file);
        let data_error = |error: reqc::data::DataError| match error.path {
            Some(_) => error.to_string(),
            None => format!("`{}`: {error}", arguments.input.display()),
        };
        let mut writer: Box<dyn RowWriter> = reqc::data::create_writer(
            &arguments.output,
            buffered,
            specification.columns,
            format,
            reader.header(),
        )
        .map_err(|error| error.to_string())?;
        let non_finite = match arguments.non_finite {
            NonFiniteArgument::Error => NonFinitePolicy::Error,
            NonFiniteArgument::Keep => NonFinitePolicy::Keep,
        };
        let impossible = match arguments.impossible {
            ImpossibleArgument::Keep => ImpossiblePolicy::Keep,
            ImpossibleArgument::Error => ImpossiblePolicy::Error,
        };
        let summary = match arguments.engine {
            EngineArgument::Interp => correct_stream(
                &interpreter,
                &checker,
                reader.as_mut(),
                writer.as_mut(),
                non_finite,
                impossible,
            )
            .map_err(data_error)?,
            EngineArgument::Auto | EngineArgument::Jit => {
                let threads = arguments.threads.map_or_else(
                    || std::thread::available_parallelism().map_or(1, |count| count.get()),
                    |threads| threads as usize,
                );
                let background = reqc::codegen::BackgroundKernels::start(
                    shield.clone(),
                    vec![interpreter.format()],
                );
                let waited = if arguments.engine == EngineArgument::Jit {
                    Some(background.wait().map_err(|error| error.message.clone())?)
                } else {
                    None
                };
                let source = || match waited {
                    Some(kernels) => Some(Ok(kernels)),
                    None => background.poll(),
                };
                let (summary, counts) = reqc::codegen::engine::correct_stream(
                    &source,
                    &interpreter,
                    &checker,
                    reader.as_mut(),
                    writer.as_mut(),
                    non_finite,
                    impossible,
                    threads,
                )
                .map_err(data_error)?;
                if let Some(error) = counts.compile_error {
                    eprintln!(
                        "warning: the compiled kernels could not be used, so the interpreter corrected every row: {error}"
                    );
                }
                summary
            }
        };
        writer
            .finish()
            .map_err(|error| format!("cannot write `{}`: {error}", arguments.output.display()))?;
        std::fs::rename(&temporary, &arguments.output).map_err(|error| {
            format!(
                "cannot write `{}`: {}",
                arguments.output.display(),
                plain(&error)
            )
        })?;
        Ok(summary)
    })();
    let summary = match result {
        Ok(summary) => summary,
        Err(message) => {
            let _ = std::fs::remove_file(&temporary);
            return io_error(message);
        }
    };
    let elapsed = started.elapsed();
    if arguments.output_options.message_format == MessageFormat::Json {
        println!(
            "{}",
            serde_json::json!({ "summary": summary, "seconds": elapsed.as_secs_f64(), "dtype": format.name() })
        );
    } else {
        eprintln!(
            "corrected {} ({}, {}) into {} in {:.1} ms: {} changed; violating before {}, after {}",
            counted(summary.rows as usize, "row"),
            format.name(),
            counted(specification.columns, "column"),
            arguments.output.display(),
            elapsed.as_secs_f64() * 1000.0,
            summary.changed,
            summary.violating_before,
            summary.violating_after
        );
        if summary.inexact > 0 {
            eprintln!("warning: {} had a level with no representable solution; the nearest representable value was used (at most one unit in the last place off)", counted(summary.inexact as usize, "row"));
        }
        if summary.impossible > 0 {
            eprintln!("warning: {} could not be corrected because their fixed input columns make the requirements impossible; they were copied unchanged", counted(summary.impossible as usize, "row"));
        }
        if summary.non_finite > 0 {
            eprintln!(
                "warning: {} with NaN or infinities were copied unchanged",
                counted(summary.non_finite as usize, "row")
            );
        }
    }
    ExitCode::SUCCESS
}

/// `reqc verify`: proves the shield of the file's requirements sound and complete, then
/// runs its calibration assertions; every verdict is a diagnostic on the file.
fn verify(arguments: &VerifyArguments) -> ExitCode {
    let options = &arguments.output_options;
    let allowed = match allowed_codes(options) {
        Ok(allowed) => allowed,
        Err(code) => return code,
    };
    let specification = match specification(&arguments.file, options) {
        Ok(specification) => specification,
        Err(code) => return code,
    };
    let mut found = Vec::new();
    // A file of assertions alone has no shield to prove.
    let verification = if specification.requirements.is_empty() {
        None
    } else {
        let mut shield =
            match build_shield(&arguments.file, &specification, &arguments.shield, options) {
                Ok(shield) => shield,
                Err(code) => return code,
            };
        if let Some(text) = &arguments.inject_fault {
            let Some(fault) = reqc::shield::Fault::parse(text) else {
                return io_error(format!("`--inject-fault {text}`: not a fault"));
            };
            if let Err(message) = reqc::shield::inject_fault(&mut shield, &fault) {
                return io_error(format!("`--inject-fault {text}`: {message}"));
            }
        }
        let verify_options = reqc::smt::VerifyOptions {
            solver: reqc::smt::SolverOptions {
                timeout: std::time::Duration::from_secs_f64(arguments.timeout),
            },
            shortcuts: !arguments.all_by_solver,
        };
        let verification = reqc::smt::verify(&shield, &specification, &verify_options);
        found.extend(verification.diagnostics.iter().cloned());
        Some(verification)
    };
    let mut json_lines = Vec::new();
    for part in [verify_calibrations, verify_equivalences] {
        match part(arguments, &specification) {
            Ok((diagnostics, lines)) => {
                found.extend(diagnostics);
                json_lines.extend(lines);
            }
            Err(code) => return code,
        }
    }
    let mut sources = SourceMap::new();
    let text = std::fs::read_to_string(&arguments.file).unwrap_or_default();
    let file = sources.add(arguments.file.display().to_string(), text);
    let mut collected: Vec<(usize, Diagnostic)> = found
        .into_iter()
        .filter(|diagnostic| !allowed.contains(&diagnostic.code))
        .map(|diagnostic| (file, diagnostic))
        .collect();
    let (errors, warnings) = settle(&mut collected, options);
    emit(&sources, &collected, options);
    if options.message_format == MessageFormat::Json {
        for line in &json_lines {
            println!("{line}");
        }
    }
    match (&verification, options.message_format) {
        (Some(verification), MessageFormat::Json) => {
            let summary =
                serde_json::json!({ "verification": verification.summary(&specification) });
            println!("{summary}");
        }
        (Some(verification), MessageFormat::Human) => {
            let proved = verification.obligations - verification.failed;
            let how = format!(
                "{proved} of {} proved: {} by Z3, {} by inclusion of clauses",
                counted(verification.obligations, "proof obligation"),
                verification.proved_by_solver,
                verification.proved_by_inclusion
            );
            if verification.proved() {
                eprintln!(
                    "note: proved the shield of {} sound and complete ({how})",
                    counted(verification.levels, "level"),
                );
            } else {
                eprintln!(
                    "note: the shield of {} is not verified: {} ({how})",
                    counted(verification.levels, "level"),
                    verification.answer()
                );
            }
        }
        (None, _) => {}
    }
    if options.message_format == MessageFormat::Human {
        if verification.is_none()
            && specification.calibrations.is_empty()
            && specification.equivalences.is_empty()
        {
            eprintln!(
                "{}: no requirements or assertions to verify",
                arguments.file.display()
            );
        }
        if errors > 0 || warnings > 0 {
            eprintln!("{}", tally(errors, warnings));
        }
    }
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// The equivalence part of `reqc verify`: checks every equivalence assertion (with a
/// progress display when asked for or when stderr is a terminal), draws the maps asked
/// for, and returns the answers as diagnostics with one JSON line per assertion.
fn verify_equivalences(
    arguments: &VerifyArguments,
    specification: &reqc::spec::Specification,
) -> Result<(Vec<Diagnostic>, Vec<String>), ExitCode> {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    let show = arguments.progress || std::io::stderr().is_terminal();
    let started = std::time::Instant::now();
    let mut results = Vec::new();
    for assertion in &specification.equivalences {
        // A ticker reports that a long solver call is still running.
        let running = Arc::new(AtomicBool::new(true));
        let ticker = show.then(|| {
            let running = Arc::clone(&running);
            let name = assertion.name.clone();
            std::thread::spawn(move || {
                let mut waited = 0u64;
                while running.load(Ordering::Relaxed) {
                    std::thread::sleep(std::time::Duration::from_millis(100));
                    waited += 1;
                    if waited.is_multiple_of(50) && running.load(Ordering::Relaxed) {
                        eprintln!(
                            "[{:>7.1}s] {name}: still working",
                            started.elapsed().as_secs_f64()
                        );
                    }
                }
            })
        });
        let mut progress = |phase: &str| {
            if show {
                eprintln!("[{:>7.1}s] {phase}", started.elapsed().as_secs_f64());
            }
        };
        results.push(reqc::smt::check_equivalence_with(
            assertion,
            &reqc::world::DiskWorld,
            !arguments.no_sampling,
            &mut progress,
        ));
        running.store(false, Ordering::Relaxed);
        if let Some(ticker) = ticker {
            let _ = ticker.join();
        }
    }
    if let Some(prefix) = &arguments.map {
        for (assertion, result) in specification.equivalences.iter().zip(&results) {
            if let Err(message) = draw_map(prefix, assertion, result, arguments.map_features) {
                return Err(io_error(message));
            }
        }
    }
    let json_lines = results
        .iter()
        .map(|result| serde_json::json!({ "equivalence": result }).to_string())
        .collect();
    let diagnostics = results
        .into_iter()
        .flat_map(|result| result.diagnostics)
        .collect();
    Ok((diagnostics, json_lines))
}

/// Writes the disagreement map of an assertion's counterexample, if it has one.
fn draw_map(
    prefix: &Path,
    assertion: &reqc::spec::EquivalenceAssertion,
    result: &reqc::smt::EquivalenceResult,
    features: Option<(usize, usize)>,
) -> Result<(), String> {
    let Some(counterexample) = &result.counterexample else {
        return Ok(());
    };
    let load = |path: &Path| {
        reqc::models::load(&reqc::world::DiskWorld, path).map_err(|error| error.to_string())
    };
    let left = load(&assertion.left)?;
    let right = load(&assertion.right)?;
    let point: Vec<f32> = counterexample
        .input
        .iter()
        .map(|value| value.parse().unwrap_or(0.0))
        .collect();
    let count = point.len();
    let features = match features {
        Some((a, b)) if a < count && b < count => (a, b),
        Some((a, b)) => {
            return Err(format!(
                "`--map-features {a},{b}`: the models read {count} features"
            ))
        }
        None => busiest_features(&left, &right, counterexample, count),
    };
    let relation = assertion.relation;
    let map = reqc::models::map::disagreement_map(
        &left,
        &right,
        &point,
        features,
        (result.bounds[features.0], result.bounds[features.1]),
        120,
        &|a, b| reqc::smt::relation_fails(relation, a, b),
    );
    let name = |extension: &str| {
        let mut file = prefix.as_os_str().to_owned();
        file.push(format!("-{}.{extension}", assertion.name));
        PathBuf::from(file)
    };
    for (path, bytes) in [
        (name("svg"), map.to_svg(4).into_bytes()),
        (name("png"), map.to_png(4)),
    ] {
        write_atomically(&path, &bytes)
            .map_err(|error| format!("cannot write `{}`: {}", path.display(), plain(&error)))?;
        eprintln!(
            "wrote the disagreement map of `{}` (x_{} against x_{}) to {}",
            assertion.name,
            features.0,
            features.1,
            path.display()
        );
    }
    Ok(())
}

/// The two features split on most by the most influential differing trees; for networks,
/// the two features whose first-layer weights differ most between the models.
fn busiest_features(
    left: &reqc::models::Model,
    right: &reqc::models::Model,
    counterexample: &reqc::smt::EquivalenceCounterexample,
    count: usize,
) -> (usize, usize) {
    use reqc::models::Model;
    let mut weight = vec![0.0f64; count];
    match (left, right) {
        (Model::Trees(left), Model::Trees(right)) => {
            for entry in counterexample.influence.iter().take(5) {
                let model = if entry.model == "left" { left } else { right };
                for node in &model.trees[entry.tree].nodes {
                    if let reqc::models::Node::Split { feature, .. } = node {
                        weight[*feature] += 1.0;
                    }
                }
            }
        }
        (Model::Network(left), Model::Network(right)) => {
            weight = reqc::models::network::input_differences(&left.network, &right.network);
        }
        _ => {}
    }
    let mut order: Vec<usize> = (0..count).collect();
    order.sort_by(|a, b| weight[*b].total_cmp(&weight[*a]).then(a.cmp(b)));
    (order[0], order.get(1).copied().unwrap_or(0))
}

fn compile(arguments: &CompileArguments) -> ExitCode {
    let specification = match specification(&arguments.file, &arguments.output_options) {
        Ok(specification) => specification,
        Err(code) => return code,
    };
    let text = match arguments.emit {
        Emit::Sets | Emit::SetsJson => {
            let shield = match build_shield(
                &arguments.file,
                &specification,
                &arguments.shield,
                &arguments.output_options,
            ) {
                Ok(shield) => shield,
                Err(code) => return code,
            };
            let report = reqc::shield::ShieldReport::new(&shield, &specification);
            if arguments.emit == Emit::Sets {
                report.render()
            } else {
                serde_json::to_string_pretty(&report).expect("reports serialise") + "\n"
            }
        }
        Emit::Smt2 => reqc::smt::smt2(&specification),
        Emit::LlvmIr | Emit::Asm | Emit::Obj | Emit::Lib | Emit::Header => {
            return compile_kernels(arguments, &specification)
        }
    };
    write_output(arguments.output.as_deref(), &text)
}

/// `reqc compile --emit llvm-ir|asm|obj|lib|header`: the shield's compiled kernels.
fn compile_kernels(
    arguments: &CompileArguments,
    specification: &reqc::spec::Specification,
) -> ExitCode {
    use reqc::codegen::{write_artifact, Artifact, TargetOptions};
    let shield = match build_shield(
        &arguments.file,
        specification,
        &arguments.shield,
        &arguments.output_options,
    ) {
        Ok(shield) => shield,
        Err(code) => return code,
    };
    let artifact = match arguments.emit {
        Emit::LlvmIr => Artifact::LlvmIr,
        Emit::Asm => Artifact::Assembly,
        Emit::Obj => Artifact::Object,
        Emit::Lib => Artifact::Library,
        _ => Artifact::Header,
    };
    let options = TargetOptions {
        cpu: arguments.cpu.clone(),
        triple: arguments.target.clone(),
    };
    let Some(path) = arguments.output.as_deref() else {
        if matches!(artifact, Artifact::Object | Artifact::Library) {
            return io_error("`--emit obj` and `--emit lib` write binary files: give `-o PATH`");
        }
        // Text goes to standard output through a temporary file, so one code path writes everything.
        let temporary = std::env::temp_dir().join(format!("reqc-emit-{}.tmp", std::process::id()));
        let result = write_artifact(&shield, artifact, &options, &temporary)
            .map_err(|error| error.message)
            .and_then(|()| std::fs::read(&temporary).map_err(|error| plain(&error)));
        let _ = std::fs::remove_file(&temporary);
        return match result {
            Ok(bytes) => {
                let _ = std::io::stdout().lock().write_all(&bytes);
                ExitCode::SUCCESS
            }
            Err(message) => io_error(message),
        };
    };
    match write_artifact(&shield, artifact, &options, path) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => io_error(error.message),
    }
}

/// Writes command output to a file atomically, or to standard output.
fn write_output(path: Option<&Path>, text: &str) -> ExitCode {
    match path {
        Some(path) => match write_atomically(path, text.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => io_error(format!(
                "cannot write `{}`: {}",
                path.display(),
                plain(&error)
            )),
        },
        None => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
    }
}

fn stats(arguments: &StatsArguments) -> ExitCode {
    use reqc::shield::correct::RequirementChecker;
    let specification = match specification(&arguments.file, &arguments.output_options) {
        Ok(specification) => specification,
        Err(code) => return code,
    };
    let mut reader = match open_rows(
        &arguments.input,
        specification.columns,
        (arguments.header, arguments.no_header),
    ) {
        Ok(reader) => reader,
        Err(message) => return io_error(message),
    };
    let checker = RequirementChecker::new(&specification);
    let mut satisfied = vec![0u64; checker.len()];
    let mut rows = 0u64;
    let mut violating_any = 0u64;
    let mut block = Vec::new();
    loop {
        block.clear();
        let count = match reader.read_rows(&mut block, reqc::shield::correct::BLOCK_ROWS) {
            Ok(count) => count,
            Err(error) => return io_error(error.to_string()),
        };
        if count == 0 {
            break;
        }
        for row in block.chunks_exact(specification.columns.max(1)).take(count) {
            rows += 1;
            if let Some(column) = row.iter().position(|value| !value.is_finite()) {
                return io_error(format!(
                    "`{}`: row {rows}, column {}: {} is not a finite number",
                    arguments.input.display(),
                    column + 1,
                    row[column]
                ));
            }
            let mut all = true;
            for (index, count) in satisfied.iter_mut().enumerate() {
                if checker.holds(index, row) {
                    *count += 1;
                } else {
                    all = false;
                }
            }
            violating_any += u64::from(!all);
        }
    }
    let percent = |count: u64| {
        if rows == 0 {
            0.0
        } else {
            100.0 * count as f64 / rows as f64
        }
    };
    if arguments.json {
        let requirements: Vec<serde_json::Value> = specification
            .requirements
            .iter()
            .zip(&satisfied)
            .map(|(requirement, count)| serde_json::json!({ "requirement": requirement.label(), "satisfied": count, "rate": percent(*count) / 100.0 }))
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "rows": rows, "violating_any": violating_any, "violating_any_rate": percent(violating_any) / 100.0, "requirements": requirements }))
                .expect("statistics serialise")
        );
    } else {
        let width = specification
            .requirements
            .iter()
            .map(|requirement| requirement.label().len())
            .max()
            .unwrap_or(11)
            .max(11);
        println!(
            "{:width$}  {:>10}  {:>9}",
            "requirement", "satisfied", "rate"
        );
        for (requirement, count) in specification.requirements.iter().zip(&satisfied) {
            println!(
                "{:width$}  {:>10}  {:>8.2}%",
                requirement.label(),
                count,
                percent(*count)
            );
        }
        println!(
            "{rows} rows; {violating_any} ({:.2}%) violate at least one requirement",
            percent(violating_any)
        );
    }
    ExitCode::SUCCESS
}

/// The calibration part of `reqc verify`: runs every calibration assertion, prints a
/// per-bin table (human), writes the reports and diagrams asked for, and returns the
/// verdicts as diagnostics at the assertions with one JSON report line per assertion.
fn verify_calibrations(
    arguments: &VerifyArguments,
    specification: &reqc::spec::Specification,
) -> Result<(Vec<Diagnostic>, Vec<String>), ExitCode> {
    let options = &arguments.output_options;
    let mut diagnostics = Vec::new();
    let mut reports = Vec::new();
    for assertion in &specification.calibrations {
        let outcome = reqc::calibration::run(assertion, &reqc::world::DiskWorld);
        diagnostics.extend(outcome.diagnostics);
        if let Some(report) = outcome.report {
            if options.message_format == MessageFormat::Human {
                println!("calibration {}:", report.name);
                print!(
                    "{}",
                    reqc::calibration::table(&report.evaluation, &outcome.settings)
                );
            }
            reports.push(report);
        }
    }
    let json_lines = reports
        .iter()
        .map(|report| {
            serde_json::json!({ "type": "calibration_report", "report": report }).to_string()
        })
        .collect();
    if let Some(path) = &arguments.report {
        let text = serde_json::to_string_pretty(&reports).expect("reports serialise") + "\n";
        if let Err(error) = write_atomically(path, text.as_bytes()) {
            return Err(io_error(format!(
                "cannot write `{}`: {}",
                path.display(),
                plain(&error)
            )));
        }
    }
    if let Some(directory) = &arguments.diagram_dir {
        for report in &reports {
            let diagram = reqc::calibration::diagram::Diagram::new(report);
            let mut files = vec![
                (format!("{}.svg", report.name), diagram.svg().into_bytes()),
                (format!("{}.png", report.name), diagram.png()),
            ];
            let input_box = specification
                .calibrations
                .iter()
                .find(|assertion| assertion.name == report.name)
                .and_then(|assertion| assertion.input_box);
            if let (Some(witness), Some(input_box)) = (
                report
                    .witness_input
                    .as_ref()
                    .filter(|witness| witness.status == "found"),
                input_box,
            ) {
                files.push((
                    format!("{}_witness.npy", report.name),
                    reqc::calibration::witness_npy(witness),
                ));
                if let Some(png) = reqc::calibration::witness_png(witness, input_box) {
                    files.push((format!("{}_witness.png", report.name), png));
                }
            }
            for (name, bytes) in files {
                let path = directory.join(name);
                if let Err(error) = write_atomically(&path, &bytes) {
                    return Err(io_error(format!(
                        "cannot write `{}`: {}",
                        path.display(),
                        plain(&error)
                    )));
                }
            }
        }
    }
    Ok((diagnostics, json_lines))
}
