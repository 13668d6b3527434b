//! The `reqc` command line: parses arguments, calls the library's jobs (`reqc::jobs`), renders
//! their results and sets exit codes.
//!
//! Exit codes: 0 success (warnings allowed), 1 the input has errors, 2 usage or I/O errors.

/// mimalloc: a large check spent about half its time in glibc's malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Parser, Subcommand, ValueEnum};
use reqc::diagnostics::{Code, Diagnostic};
use reqc::jobs::{self, counted, Failure};
use reqc::number::FloatFormat;
use reqc::propositional::shield::PropositionalOrdering;
use reqc::report::{self, SourceMap};
use reqc::world::DiskWorld;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// Prints a line to standard output (see [`write_stdout`]).
macro_rules! outln {
    () => { write_stdout(format_args!(""), true) };
    ($($argument:tt)*) => { write_stdout(format_args!($($argument)*), true) };
}

/// Prints to standard output (see [`write_stdout`]).
macro_rules! out {
    ($($argument:tt)*) => { write_stdout(format_args!($($argument)*), false) };
}

/// Writes to standard output. When its reader has gone (a closed pipe, as in
/// `reqc explain E0201 | head -1`), reqc stops quietly with status 141, as a Unix tool
/// killed by SIGPIPE does, instead of panicking; another write error is reported (status 2).
fn write_stdout(arguments: std::fmt::Arguments<'_>, newline: bool) {
    let mut stdout = std::io::stdout().lock();
    let result = stdout.write_fmt(arguments).and_then(|()| {
        if newline {
            stdout.write_all(b"\n")
        } else {
            Ok(())
        }
    });
    if let Err(error) = result {
        drop(stdout);
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            leave(ExitCode::from(141));
        }
        eprintln!("error: cannot write to standard output: {error}");
        leave(ExitCode::from(2));
    }
}

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
    /// The correction order: the file's, a seeded random permutation of it, or a heuristic that keeps elimination small; for propositional rules also PiShield's centralities `degree` and `rev-degree` (there `auto` is `degree`).
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
    Degree,
    RevDegree,
}

#[derive(clap::Args)]
struct CorrectArguments {
    /// The requirements.
    file: PathBuf,
    /// Predictions: CSV, .npy (f32 or f64, 2-D, C or Fortran order) or .npz.
    #[arg(long)]
    input: PathBuf,
    #[command(flatten)]
    header: HeaderOptions,
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
    /// auto: the interpreter while the kernels compile in the background, then the kernels; jit: wait for the kernels; interp: the interpreter alone. The output is the same. Compiled kernels are kept in the kernel cache, `$REQC_CACHE_DIR` (default `~/.cache/reqc/kernels`; set but empty: no cache), and loaded from there by later runs.
    #[arg(long, value_enum, default_value_t = EngineArgument::Auto)]
    engine: EngineArgument,
    /// Threads for the JIT engine (default: every core; for linear requirements every core but one, which the output's writer thread keeps busy, and at least one).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=1024))]
    threads: Option<u32>,
    /// Check every moved row again with the independent exact evaluator for the summary's
    /// "violating after" count (by default only rows corrected inexactly are: a row corrected
    /// exactly meets every requirement by construction).
    #[arg(long)]
    recheck: bool,
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
    #[command(flatten)]
    header: HeaderOptions,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    output_options: OutputOptions,
}

/// How a CSV input's first record is read.
#[derive(clap::Args)]
struct HeaderOptions {
    /// CSV input: the first record is a header of column names.
    #[arg(long, conflicts_with = "no_header")]
    header: bool,
    /// CSV input: the first record is data (default: a header exactly when none of its fields is a number).
    #[arg(long)]
    no_header: bool,
}

impl HeaderOptions {
    fn to_library(&self) -> reqc::data::ReadOptions {
        use reqc::data::HeaderRule;
        reqc::data::ReadOptions {
            header: match (self.header, self.no_header) {
                (true, _) => HeaderRule::Present,
                (_, true) => HeaderRule::Absent,
                _ => HeaderRule::Auto,
            },
        }
    }
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

fn main() {
    let cli = Cli::parse();
    // An interrupted command removes the temporary files of the outputs it was writing.
    if let Err(error) = reqc::atomic::remove_temporaries_on_signals() {
        eprintln!("warning: cannot watch for signals ({error}); an interrupted write may leave a temporary file");
    }
    let code = match cli.command {
        Command::Check(arguments) => check(&arguments),
        Command::Fmt { files, check } => format(&files, check),
        Command::Compile(arguments) => compile(&arguments),
        Command::Explain { code } => explain(&code),
        Command::Correct(arguments) => correct(&arguments),
        Command::Stats(arguments) => stats(&arguments),
        Command::Verify(arguments) => verify(&arguments),
        Command::Lsp(arguments) => lsp(&arguments),
    };
    leave(code)
}

/// Ends the process with `code` once standard output is flushed, without running the
/// static destructors of libLLVM and libz3: a thread may still be inside one of them (a
/// background kernel compile that `correct --engine auto` no longer needs, or a stale
/// solver job of `reqc lsp`, possibly still loading the library), and destroying a
/// library under a running thread kills the process with a signal now and then. Every
/// output file was written and renamed into place before the command returned.
fn leave(code: ExitCode) -> ! {
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // `ExitCode` does not show its number; every code reqc makes comes from a `u8`.
    let status = (0..=u8::MAX)
        .find(|status| code == ExitCode::from(*status))
        .unwrap_or(1);
    // Safety: `_exit` ends the process at once; nothing is left to drop or write.
    unsafe { libc::_exit(i32::from(status)) }
}

/// Serves the language server protocol on standard input and output; problems that have
/// no place in the protocol go to standard error.
fn lsp(arguments: &LspArguments) -> ExitCode {
    let options = reqc::lsp::ServerOptions {
        run_solver: !arguments.no_solver,
        solver_delay: std::time::Duration::from_millis(arguments.solver_delay),
        solver: reqc::smt::SolverOptions::with_timeout(std::time::Duration::from_secs_f64(
            arguments.solver_timeout,
        )),
    };
    let status = reqc::lsp::serve(
        std::io::stdin(),
        std::io::stdout().lock(),
        std::io::stderr(),
        options,
    );
    // `main` leaves without destructors (`leave`): the solver worker may still be inside
    // Z3 with a job made stale by `exit`.
    ExitCode::from(status)
}

/// An I/O problem with a command-line argument: printed plainly, exit code 2.
fn io_error(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("error: {message}");
    ExitCode::from(2)
}

/// Shows a failed job: diagnostics (exit 1), or an I/O or usage message (exit 2).
fn failed(failure: Failure, options: &OutputOptions) -> ExitCode {
    match failure {
        Failure::Io(message) => io_error(message),
        Failure::Input {
            sources,
            diagnostics,
        } => {
            emit(&sources, &diagnostics, options);
            ExitCode::from(1)
        }
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

fn check(arguments: &CheckArguments) -> ExitCode {
    let options = &arguments.output;
    let allowed = match allowed_codes(options) {
        Ok(allowed) => allowed,
        Err(code) => return code,
    };
    let check_options = jobs::check::CheckOptions {
        solver: (!arguments.no_solver).then(|| {
            reqc::smt::SolverOptions::with_timeout(std::time::Duration::from_secs_f64(
                arguments.solver_timeout,
            ))
        }),
        allowed,
        deny_warnings: options.deny_warnings,
    };
    let checked = jobs::check::check_files(&DiskWorld, &arguments.files, &check_options);
    if !reqc::HAS_SOLVER && !arguments.no_solver && options.message_format == MessageFormat::Human {
        eprintln!(
            "note: {}; only the front end's checks ran",
            jobs::missing_feature("solver", "the solver checks")
        );
    }
    for message in &checked.unreadable {
        eprintln!("error: {message}");
    }
    let (errors, warnings) = checked.tally();
    emit(&checked.sources, &checked.diagnostics, options);
    if options.message_format == MessageFormat::Human {
        for summary in &checked.summaries {
            eprintln!("checked {summary}");
        }
        if errors > 0 || warnings > 0 {
            eprintln!("{}", jobs::check::tally_line(errors, warnings));
        }
    }
    if !checked.unreadable.is_empty() {
        ExitCode::from(2)
    } else if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
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
    use jobs::check::FileFormatted;
    let mut status = ExitCode::SUCCESS;
    for path in files {
        match jobs::check::format_file(&DiskWorld, path, check_only) {
            Err(message) => return io_error(message),
            Ok(FileFormatted::Unchanged) => {}
            Ok(FileFormatted::Changed) => {
                if check_only {
                    outln!("{} is not formatted", path.display());
                    status = ExitCode::from(1);
                }
            }
            Ok(FileFormatted::Rejected {
                sources,
                diagnostics,
                syntax,
            }) => {
                eprint!("{}", report::render_human(&sources, &diagnostics, false));
                if syntax {
                    eprintln!(
                        "error: not formatting `{}` because it has syntax errors",
                        path.display()
                    );
                }
                status = ExitCode::from(1);
            }
        }
    }
    status
}

fn explain(code_text: &str) -> ExitCode {
    let Some(code) = Code::parse(code_text) else {
        return io_error(format!(
            "no diagnostic code `{code_text}`; codes are listed in specs/language.md"
        ));
    };
    match reqc::diagnostics::explanation(code) {
        Some(text) => outln!("{text}"),
        None => outln!("{}: {}", code.as_str(), code.summary()),
    }
    ExitCode::SUCCESS
}

impl ShieldOptions {
    /// The library's form of the shield options (the centralities name propositional orderings only).
    fn to_library(&self) -> Result<jobs::ShieldOptions, Failure> {
        use reqc::shield::ordering::OrderingChoice;
        Ok(jobs::ShieldOptions {
            ordering: match self.ordering {
                OrderingArgument::File => OrderingChoice::File,
                OrderingArgument::Random => OrderingChoice::Random(self.seed),
                OrderingArgument::Auto => OrderingChoice::Auto,
                OrderingArgument::Degree | OrderingArgument::RevDegree => {
                    return Err(Failure::Io(
                        "`--ordering degree` and `--ordering rev-degree` order propositional rules; this file has linear requirements (use `file`, `random` or `auto`)".to_string(),
                    ))
                }
            },
            limits: reqc::shield::Limits {
                clauses_per_level: self.max_clauses,
            },
        })
    }

    /// The ordering of a propositional shield.
    fn propositional(&self) -> PropositionalOrdering {
        match self.ordering {
            OrderingArgument::File => PropositionalOrdering::Given,
            OrderingArgument::Random => PropositionalOrdering::Random(self.seed),
            OrderingArgument::Auto | OrderingArgument::Degree => PropositionalOrdering::Degree,
            OrderingArgument::RevDegree => PropositionalOrdering::ReverseDegree,
        }
    }
}

/// The library's engine for `--engine`.
fn engine_of(engine: EngineArgument) -> jobs::correct::Engine {
    match engine {
        EngineArgument::Auto => jobs::correct::Engine::Auto,
        EngineArgument::Jit => jobs::correct::Engine::Jit,
        EngineArgument::Interp => jobs::correct::Engine::Interpreter,
    }
}

#[cfg(feature = "solver")]
/// Shows a command's diagnostics on its requirements file (after `--allow` and
/// `--deny-warnings`) and returns how many errors and warnings remain.
fn emit_on_file(
    (name, text): (&str, &str),
    diagnostics: Vec<Diagnostic>,
    allowed: &[Code],
    options: &OutputOptions,
) -> (usize, usize) {
    let mut sources = SourceMap::new();
    let file = sources.add(name.to_string(), text.to_string());
    let mut collected: Vec<(usize, Diagnostic)> = diagnostics
        .into_iter()
        .map(|diagnostic| (file, diagnostic))
        .collect();
    jobs::check::settle(&mut collected, allowed, options.deny_warnings);
    let tally = jobs::check::tally(&collected);
    emit(&sources, &collected, options);
    tally
}

/// The status of a command that reported its verdicts as diagnostics: 1 when one is an error.
#[cfg(feature = "solver")]
fn exit_status(errors: usize) -> ExitCode {
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes an artifact to `-o PATH` (atomically), or its bytes to standard output; binary
/// artifacts need a path.
fn write_artifact(
    path: Option<&Path>,
    binary: bool,
    to_file: impl FnOnce(&Path) -> Result<(), Failure>,
    bytes: impl FnOnce() -> Result<Vec<u8>, Failure>,
) -> Result<(), Failure> {
    match path {
        Some(path) => to_file(path),
        None if binary => Err(Failure::Io(
            "`--emit obj` and `--emit lib` write binary files: give `-o PATH`".to_string(),
        )),
        None => bytes().map(|bytes| {
            let _ = std::io::stdout().lock().write_all(&bytes);
        }),
    }
}

/// The element type a `--dtype` names.
fn dtype_of(dtype: Option<DtypeArgument>) -> Option<FloatFormat> {
    dtype.map(|dtype| match dtype {
        DtypeArgument::F32 => FloatFormat::F32,
        DtypeArgument::F64 => FloatFormat::F64,
    })
}

/// The summary line of `reqc correct`: rows, element type and width, output, time, and
/// rows changed and violating before and after.
fn correction_line(
    (rows, format, width): (u64, FloatFormat, &str),
    output: &Path,
    elapsed: std::time::Duration,
    (changed, before, after): (u64, u64, u64),
) -> String {
    format!(
        "corrected {} ({}, {width}) into {} in {:.1} ms: {changed} changed; violating before {before}, after {after}",
        counted(rows as usize, "row"),
        format.name(),
        output.display(),
        elapsed.as_secs_f64() * 1000.0,
    )
}

/// `reqc correct` on propositional rules: PiShield's propositional shield, exactly.
fn correct_propositional(
    arguments: &CorrectArguments,
    file: jobs::propositional::PropositionalFile,
    started: std::time::Instant,
) -> ExitCode {
    use jobs::propositional::{PropositionalCorrectOptions, RowSink, RowSource};
    let output = &arguments.output_options;
    let result = (|| {
        let shield = jobs::propositional::build(&file, &arguments.shield.propositional())?;
        let options = PropositionalCorrectOptions {
            dtype: dtype_of(arguments.dtype),
            threads: arguments.threads.map(|threads| threads as usize),
            read: arguments.header.to_library(),
            engine: engine_of(arguments.engine),
        };
        let (summary, format) = jobs::propositional::correct(
            &DiskWorld,
            &file,
            &shield,
            RowSource::File(arguments.input.clone()),
            RowSink::File(arguments.output.clone()),
            &options,
        )?;
        Ok((file.specification.columns, summary, format))
    })();
    let (columns, summary, format) = match result {
        Ok(result) => result,
        Err(failure) => return failed(failure, output),
    };
    let elapsed = started.elapsed();
    if output.message_format == MessageFormat::Json {
        outln!(
            "{}",
            serde_json::json!({
                "summary": {
                    "rows": summary.rows,
                    "changed": summary.changed,
                    "violating_before": summary.violating_before,
                    "violating_after": summary.violating_after,
                    "violating_after_off_boundary": summary.violating_after_off_boundary,
                },
                "seconds": elapsed.as_secs_f64(),
                "dtype": format.name(),
            })
        );
    } else {
        eprintln!(
            "{}",
            correction_line(
                (summary.rows, format, &counted(columns, "label")),
                &arguments.output,
                elapsed,
                (
                    summary.changed,
                    summary.violating_before,
                    summary.violating_after
                )
            )
        );
        let on_boundary = summary.violating_after - summary.violating_after_off_boundary;
        if on_boundary > 0 {
            eprintln!(
                "note: {} violating after correction {} a probability equal to the threshold (or one minus it), where PiShield's correction leaves labels ambiguous (specs/propositional.md)",
                counted(on_boundary as usize, "row"),
                if on_boundary == 1 { "has" } else { "have" }
            );
        }
    }
    ExitCode::SUCCESS
}

fn correct(arguments: &CorrectArguments) -> ExitCode {
    use jobs::correct::{CorrectOptions, RowSink, RowSource};
    use reqc::shield::correct::{ImpossiblePolicy, NonFinitePolicy, Recheck};
    let started = std::time::Instant::now();
    let output = &arguments.output_options;
    let loaded = match jobs::load_any(&DiskWorld, &arguments.file) {
        Ok(jobs::LoadedFile::Linear(loaded)) => loaded,
        Ok(jobs::LoadedFile::Propositional(file)) => {
            return correct_propositional(arguments, file, started)
        }
        Err(failure) => return failed(failure, output),
    };
    let result = (|| {
        let shield = jobs::build_shield(&loaded, &arguments.shield.to_library()?)?;
        let options = CorrectOptions {
            dtype: dtype_of(arguments.dtype),
            non_finite: match arguments.non_finite {
                NonFiniteArgument::Error => NonFinitePolicy::Error,
                NonFiniteArgument::Keep => NonFinitePolicy::Keep,
            },
            impossible: match arguments.impossible {
                ImpossibleArgument::Keep => ImpossiblePolicy::Keep,
                ImpossibleArgument::Error => ImpossiblePolicy::Error,
            },
            engine: engine_of(arguments.engine),
            threads: arguments.threads.map(|threads| threads as usize),
            read: arguments.header.to_library(),
            recheck: if arguments.recheck {
                Recheck::Moved
            } else {
                Recheck::Inexact
            },
            kernel_cache: jobs::correct::kernel_cache_directory(),
        };
        let correction = jobs::correct::correct(
            &DiskWorld,
            &loaded,
            &shield,
            RowSource::File(arguments.input.clone()),
            RowSink::File(arguments.output.clone()),
            &options,
        )?;
        Ok((loaded.specification.columns, correction))
    })();
    let (columns, correction) = match result {
        Ok(result) => result,
        Err(failure) => return failed(failure, output),
    };
    if let Some(error) = &correction.kernel_error {
        eprintln!(
            "warning: the compiled kernels could not be used, so the interpreter corrected every row: {error}"
        );
    }
    let summary = correction.summary;
    let format = correction.format;
    let elapsed = started.elapsed();
    if output.message_format == MessageFormat::Json {
        outln!(
            "{}",
            serde_json::json!({
                "summary": summary,
                "seconds": elapsed.as_secs_f64(),
                "dtype": format.name(),
                "kernels": correction.kernels,
                "threads": correction.threads,
            })
        );
    } else {
        eprintln!(
            "{}",
            correction_line(
                (summary.rows, format, &counted(columns, "column")),
                &arguments.output,
                elapsed,
                (
                    summary.changed,
                    summary.violating_before,
                    summary.violating_after
                )
            )
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

/// `reqc verify` in a build without the solver: a clear error naming the feature.
#[cfg(not(feature = "solver"))]
fn verify(_arguments: &VerifyArguments) -> ExitCode {
    io_error(jobs::missing_feature("solver", "`reqc verify`"))
}

/// `reqc verify`: proves the shield of the file's requirements sound and complete, then
/// runs its calibration and equivalence assertions; every verdict is a diagnostic on the file.
#[cfg(feature = "solver")]
fn verify(arguments: &VerifyArguments) -> ExitCode {
    let options = &arguments.output_options;
    let allowed = match allowed_codes(options) {
        Ok(allowed) => allowed,
        Err(code) => return code,
    };
    let loaded = match jobs::load_any(&DiskWorld, &arguments.file) {
        Ok(jobs::LoadedFile::Linear(loaded)) => loaded,
        Ok(jobs::LoadedFile::Propositional(file)) => {
            return verify_propositional(arguments, file, &allowed)
        }
        Err(failure) => return failed(failure, options),
    };
    let verify_options = jobs::verify::VerifyOptions {
        solver: reqc::smt::SolverOptions::with_timeout(std::time::Duration::from_secs_f64(
            arguments.timeout,
        )),
        shortcuts: !arguments.all_by_solver,
        shield: match arguments.shield.to_library() {
            Ok(shield) => shield,
            Err(failure) => return failed(failure, options),
        },
        sampling: !arguments.no_sampling,
        fault: arguments.inject_fault.clone(),
    };
    let show_progress = arguments.progress || std::io::stderr().is_terminal();
    let print_progress = |line: &str| eprintln!("{line}");
    let verified = match jobs::verify::verify(
        &DiskWorld,
        &loaded,
        &verify_options,
        show_progress.then_some(&print_progress as jobs::verify::ProgressSink<'_>),
    ) {
        Ok(verified) => verified,
        Err(failure) => return failed(failure, options),
    };
    let specification = &loaded.specification;
    if options.message_format == MessageFormat::Human {
        for outcome in &verified.calibrations {
            if let Some(report) = &outcome.report {
                outln!("calibration {}:", report.name);
                out!(
                    "{}",
                    reqc::calibration::table(&report.evaluation, &outcome.settings)
                );
            }
        }
    }
    let written = (|| -> Result<(), Failure> {
        if let Some(path) = &arguments.report {
            jobs::verify::write_calibration_reports(&verified, path)?;
        }
        if let Some(directory) = &arguments.diagram_dir {
            jobs::verify::write_diagrams(&verified, specification, directory)?;
        }
        if let Some(prefix) = &arguments.map {
            for map in jobs::verify::draw_maps(
                &DiskWorld,
                &verified,
                specification,
                prefix,
                arguments.map_features,
            )? {
                eprintln!(
                    "wrote the disagreement map of `{}` (x_{} against x_{}) to {}",
                    map.assertion,
                    map.features.0,
                    map.features.1,
                    map.path.display()
                );
            }
        }
        Ok(())
    })();
    if let Err(failure) = written {
        return failed(failure, options);
    }
    let (errors, warnings) = emit_on_file(
        (&loaded.name, &loaded.text),
        verified.diagnostics(),
        &allowed,
        options,
    );
    if options.message_format == MessageFormat::Json {
        for line in verified.json_lines() {
            outln!("{line}");
        }
    }
    match (&verified.verification, options.message_format) {
        (Some(verification), MessageFormat::Json) => {
            let summary =
                serde_json::json!({ "verification": verification.summary(specification) });
            outln!("{summary}");
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
        if verified.verification.is_none()
            && specification.calibrations.is_empty()
            && specification.equivalences.is_empty()
        {
            eprintln!(
                "{}: no requirements or assertions to verify",
                arguments.file.display()
            );
        }
        if errors > 0 || warnings > 0 {
            eprintln!("{}", jobs::check::tally_line(errors, warnings));
        }
    }
    exit_status(errors)
}

/// `reqc verify` on propositional rules: proves that the shield's labels satisfy every rule.
#[cfg(feature = "solver")]
fn verify_propositional(
    arguments: &VerifyArguments,
    file: jobs::propositional::PropositionalFile,
    allowed: &[Code],
) -> ExitCode {
    let options = &arguments.output_options;
    let solver = reqc::smt::SolverOptions::with_timeout(std::time::Duration::from_secs_f64(
        arguments.timeout,
    ));
    let started = std::time::Instant::now();
    let shield = match jobs::propositional::build(&file, &arguments.shield.propositional()) {
        Ok(shield) => shield,
        Err(failure) => return failed(failure, options),
    };
    let answer = reqc::smt::propositional::verify(&file.specification, &shield, &solver);
    let (errors, warnings) = emit_on_file(
        (&file.name, &file.text),
        reqc::smt::propositional::answer_diagnostic(&file.specification, &answer, &solver)
            .into_iter()
            .collect(),
        allowed,
        options,
    );
    let proved = matches!(
        answer,
        reqc::smt::propositional::PropositionalAnswer::Proved
    );
    let threshold = reqc::number::display_rational(&file.specification.threshold);
    if options.message_format == MessageFormat::Json {
        outln!(
            "{}",
            serde_json::json!({ "verification": {
                "kind": "propositional",
                "proved": proved,
                "rules": file.specification.rules.len(),
                "derived_rules": shield.rules.len(),
                "strata": shield.strata,
                "threshold": threshold,
                "seconds": started.elapsed().as_secs_f64(),
            }})
        );
    } else {
        if proved {
            let mirrored = reqc::number::display_rational(
                &(num_rational::BigRational::from_integer(1.into())
                    - &file.specification.threshold),
            );
            let excluded = if mirrored == threshold {
                threshold.clone()
            } else {
                format!("{threshold} or {mirrored}")
            };
            eprintln!(
                "note: proved that the shield ({} in {} strat{}) makes the labels at threshold {threshold} satisfy all {} for every row with no probability equal to {excluded}",
                counted(shield.rules.len(), "derived rule"),
                shield.strata,
                if shield.strata == 1 { "um" } else { "a" },
                counted(file.specification.rules.len(), "rule"),
            );
        }
        if errors > 0 || warnings > 0 {
            eprintln!("{}", jobs::check::tally_line(errors, warnings));
        }
    }
    exit_status(errors)
}

fn compile(arguments: &CompileArguments) -> ExitCode {
    use jobs::compile::{CompileOptions, Emit as LibraryEmit};
    let output = &arguments.output_options;
    let emit = match arguments.emit {
        Emit::Sets => LibraryEmit::Sets,
        Emit::SetsJson => LibraryEmit::SetsJson,
        Emit::Smt2 => LibraryEmit::Smt2,
        Emit::LlvmIr => LibraryEmit::LlvmIr,
        Emit::Asm => LibraryEmit::Assembly,
        Emit::Obj => LibraryEmit::Object,
        Emit::Lib => LibraryEmit::Library,
        Emit::Header => LibraryEmit::Header,
    };
    let path = arguments.output.as_deref();
    let result = match jobs::load_any(&DiskWorld, &arguments.file) {
        Err(failure) => Err(failure),
        Ok(jobs::LoadedFile::Propositional(file)) => jobs::propositional::build(
            &file,
            &arguments.shield.propositional(),
        )
        .and_then(|shield| {
            let target = (arguments.cpu.as_str(), arguments.target.as_deref());
            write_artifact(
                path,
                emit.is_binary(),
                |path| jobs::propositional::compile_to_file(&file, &shield, emit, target, path),
                || jobs::propositional::compile(&file, &shield, emit, target.0, target.1),
            )
        }),
        Ok(jobs::LoadedFile::Linear(loaded)) => arguments.shield.to_library().and_then(|shield| {
            let options = CompileOptions {
                emit,
                shield,
                cpu: arguments.cpu.clone(),
                target: arguments.target.clone(),
            };
            write_artifact(
                path,
                emit.is_binary(),
                |path| jobs::compile::compile_to_file(&loaded, &options, path),
                || jobs::compile::compile(&loaded, &options),
            )
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(failure) => failed(failure, output),
    }
}

fn stats(arguments: &StatsArguments) -> ExitCode {
    let output = &arguments.output_options;
    let loaded = match jobs::load_any(&DiskWorld, &arguments.file) {
        Ok(jobs::LoadedFile::Linear(loaded)) => loaded,
        Ok(jobs::LoadedFile::Propositional(_)) => {
            return io_error(format!(
                "`{}` holds propositional rules; `reqc stats` counts linear requirements (`reqc correct` reports the rows whose labels break a rule before and after)",
                arguments.file.display()
            ))
        }
        Err(failure) => return failed(failure, output),
    };
    let mut reader = match jobs::correct::open_rows(
        &DiskWorld,
        &arguments.input,
        loaded.specification.columns,
        &arguments.header.to_library(),
    ) {
        Ok(reader) => reader,
        Err(message) => return io_error(message),
    };
    let statistics = match jobs::stats::statistics(&loaded.specification, reader.as_mut()) {
        Ok(statistics) => statistics,
        Err(error) => {
            return io_error(match error.path {
                Some(_) => error.to_string(),
                None => format!("`{}`: {error}", arguments.input.display()),
            })
        }
    };
    if arguments.json {
        outln!(
            "{}",
            serde_json::to_string_pretty(&statistics.to_json()).expect("statistics serialise")
        );
    } else {
        out!("{}", statistics.table());
    }
    ExitCode::SUCCESS
}
