//! In-memory correction of batches of rows by a built shield: the library behind the
//! Python package (`python/`), and anything else that holds predictions in memory.
//!
//! A [`BatchShield`] is loaded once (front end, ordering, elimination) and then corrects
//! row-major `f32` or `f64` buffers in place, with the same bytes as `reqc correct` on
//! the same rows: the engine of [`Engine::Auto`] interprets while the kernels of that
//! element type compile on a background thread, then uses them; the kernels are compiled
//! at most once per shield and element type and reused by every later call. Each row gets
//! a status with the C ABI's values (`specs/kernels.md`). It also answers the exact
//! satisfaction mask ([`RequirementChecker`]), the per-requirement counts of `reqc stats`,
//! and the forward trace and backward pass of the exact gradient
//! ([`crate::shield::gradient`], `specs/python.md`).
//!
//! A `BatchShield` is `Sync`: several threads may correct with it at once.

use crate::codegen::engine::count_equal;
use crate::codegen::{
    BackgroundKernels, KernelCache, Kernels, STATUS_CORRECTED, STATUS_IMPOSSIBLE, STATUS_INEXACT,
    STATUS_NON_FINITE, STATUS_UNCHANGED, STATUS_UNDECIDED,
};
use crate::diagnostics::Diagnostic;
use crate::jobs::{Failure, SourceText};
use crate::number::FloatFormat;
use crate::report::{render_human, render_json, SourceMap};
use crate::shield::correct::{
    ImpossiblePolicy, Interpreter, NonFinitePolicy, RequirementChecker, RowOutcome,
};
use crate::shield::gradient::GradientRule;
use crate::shield::ordering::{choose, OrderingChoice};
use crate::shield::{Limits, Shield};
use crate::spec::Specification;
use crate::world::World;
use std::path::Path;
use std::sync::OnceLock;

/// How the correction order is chosen (`reqc correct --ordering`, or an explicit list).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ordering {
    File,
    Random(u64),
    Auto,
    /// Columns in correction order: a permutation of the file's ordering.
    Columns(Vec<usize>),
}

/// Which engine corrects the rows (`reqc correct --engine`): the same bytes whichever.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Engine {
    /// The interpreter until this element type's kernels are compiled (in the background,
    /// once per shield), then the kernels.
    Auto,
    /// The kernels, waiting for them to compile on first use.
    Jit,
    /// The interpreter only.
    Interp,
}

/// Options of one correction call.
#[derive(Clone, Copy, Debug)]
pub struct BatchOptions {
    pub engine: Engine,
    /// Threads to share the rows among (at least one).
    pub threads: usize,
    pub non_finite: NonFinitePolicy,
    pub impossible: ImpossiblePolicy,
}

impl Default for BatchOptions {
    fn default() -> BatchOptions {
        BatchOptions {
            engine: Engine::Auto,
            threads: crate::workers::available(),
            non_finite: NonFinitePolicy::Error,
            impossible: ImpossiblePolicy::Keep,
        }
    }
}

/// A file that could not be turned into a shield: its diagnostics, rendered as `reqc`
/// prints them and as the JSON objects of `--message-format json` (one per line).
#[derive(Clone, Debug)]
pub struct LoadError {
    pub rendered: String,
    pub json: String,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a call failed, with a message naming what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BatchError {
    /// A buffer's length does not match the row count and the shield's column count.
    Shape(String),
    /// `NonFinitePolicy::Error` met NaN or an infinity (1-based row and column).
    NonFinite {
        row: u64,
        column: usize,
        message: String,
    },
    /// `ImpossiblePolicy::Error` met an impossible row (1-based). Rows before it in the
    /// buffer may already be corrected.
    Impossible { row: u64, message: String },
    /// `Engine::Jit` could not compile the kernels.
    Compile(String),
}

impl std::fmt::Display for BatchError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BatchError::Shape(message) | BatchError::Compile(message) => {
                formatter.write_str(message)
            }
            BatchError::NonFinite {
                row,
                column,
                message,
            } => write!(formatter, "row {row}, column {column}: {message}"),
            BatchError::Impossible { row, message } => write!(formatter, "row {row}: {message}"),
        }
    }
}

impl std::error::Error for BatchError {}

/// Counts of one correction call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct BatchCounts {
    pub rows: u64,
    pub changed: u64,
    pub inexact: u64,
    pub impossible: u64,
    pub non_finite: u64,
    /// Rows the kernels corrected or cleared (the rest were interpreted).
    pub kernel_rows: u64,
    /// Rows the kernels left undecided and the interpreter then corrected.
    pub undecided: u64,
}

/// Whose buffer `BatchShield::correct_copy` writes, which decides what an error may leave in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Destination {
    /// The caller's: a non-finite error leaves it as it was.
    Kept,
    /// A fresh buffer the caller drops on an error: it may be left partly written.
    Scratch,
}

/// `reqc stats` on a batch: per requirement, how many rows satisfy it exactly.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct BatchStats {
    pub rows: u64,
    pub violating_any: u64,
    /// Per requirement, in source order.
    pub satisfied: Vec<u64>,
}

/// An element type of the rows: `f32` or `f64`.
pub trait Element: Copy + Send + Sync + 'static {
    const FORMAT: FloatFormat;
    fn to_f64(self) -> f64;
    /// Neither NaN nor an infinity.
    fn is_finite(self) -> bool;
    /// From an f64 that holds a value of this type exactly.
    fn from_f64(value: f64) -> Self;
    /// The kernels on `rows` in place, or on a copy of `source` made into `rows` as they go.
    fn run_kernel(
        kernels: &Kernels,
        source: Option<&[Self]>,
        rows: &mut [Self],
        status: &mut [u8],
        threads: usize,
    );
}

impl Element for f32 {
    const FORMAT: FloatFormat = FloatFormat::F32;
    fn to_f64(self) -> f64 {
        f64::from(self)
    }
    fn is_finite(self) -> bool {
        f32::is_finite(self)
    }
    fn from_f64(value: f64) -> f32 {
        value as f32
    }
    fn run_kernel(
        kernels: &Kernels,
        source: Option<&[f32]>,
        rows: &mut [f32],
        status: &mut [u8],
        threads: usize,
    ) {
        match source {
            Some(source) => kernels.correct_copy_f32_parallel(source, rows, status, threads),
            None => kernels.correct_f32_parallel(rows, status, threads),
        };
    }
}

impl Element for f64 {
    const FORMAT: FloatFormat = FloatFormat::F64;
    fn to_f64(self) -> f64 {
        self
    }
    fn is_finite(self) -> bool {
        f64::is_finite(self)
    }
    fn from_f64(value: f64) -> f64 {
        value
    }
    fn run_kernel(
        kernels: &Kernels,
        source: Option<&[f64]>,
        rows: &mut [f64],
        status: &mut [u8],
        threads: usize,
    ) {
        match source {
            Some(source) => kernels.correct_copy_f64_parallel(source, rows, status, threads),
            None => kernels.correct_f64_parallel(rows, status, threads),
        };
    }
}

/// Rows the interpreter corrects between two looks at whether the kernels are ready
/// (the CLI's `INTERPRETED_BLOCK_ROWS`).
const INTERPRETED_BLOCK_ROWS: usize = crate::codegen::engine::INTERPRETED_BLOCK_ROWS;

/// Rows per thread below which the interpreter's and the gradient's work stays on one thread.
const ROWS_PER_THREAD: usize = 256;

/// Values per thread below which the test for NaN and infinities stays on one thread: a
/// megabyte of f32 values, tens of microseconds of SIMD compares, longer than a pooled
/// worker takes to wake.
const FINITE_TEST_VALUES_PER_THREAD: usize = 1 << 18;

/// A loaded shield that corrects batches of rows in memory.
pub struct BatchShield {
    specification: Specification,
    shield: Shield,
    checker: RequirementChecker,
    interpreters: [Interpreter; 2],
    kernels: [OnceLock<BackgroundKernels>; 2],
    gradient: OnceLock<GradientRule>,
    /// Where compiled kernels are looked up and stored across processes (`None`: compiled
    /// in every process).
    kernel_cache: Option<KernelCache>,
}

fn index(format: FloatFormat) -> usize {
    match format {
        FloatFormat::F32 => 0,
        FloatFormat::F64 => 1,
    }
}

impl BatchShield {
    /// Loads a `.req` file from `world` and builds its shield (`reqc correct`'s defaults:
    /// `max_clauses` 2000).
    pub fn from_path(
        world: &dyn World,
        path: &Path,
        ordering: Ordering,
        max_clauses: usize,
    ) -> Result<BatchShield, LoadError> {
        let name = path.display().to_string();
        let text = match crate::jobs::read_source(world, path) {
            Err(message) => return Err(plain_failure(message)),
            Ok(SourceText::Rejected(text, diagnostic)) => {
                return Err(rejected(&name, text, vec![diagnostic]))
            }
            Ok(SourceText::Text(text)) => text,
        };
        let base = crate::jobs::base_directory(path);
        BatchShield::from_text(world, &text, &name, &base, ordering, max_clauses)
    }

    /// Builds the shield of a source text; `name` is the file name diagnostics show and
    /// `base` the directory relative paths in the text are resolved in.
    pub fn from_text(
        world: &dyn World,
        text: &str,
        name: &str,
        base: &Path,
        ordering: Ordering,
        max_clauses: usize,
    ) -> Result<BatchShield, LoadError> {
        let outcome = crate::front_end(text, base, world);
        let errors: Vec<Diagnostic> = outcome
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_error)
            .collect();
        let specification = match outcome.specification {
            Some(specification) if errors.is_empty() => specification,
            _ => return Err(rejected(name, text.to_string(), errors)),
        };
        let columns = match ordering {
            Ordering::File => choose(&specification, OrderingChoice::File),
            Ordering::Random(seed) => choose(&specification, OrderingChoice::Random(seed)),
            Ordering::Auto => choose(&specification, OrderingChoice::Auto),
            Ordering::Columns(columns) => {
                let mut given = columns.clone();
                let mut expected = specification.ordering.clone();
                given.sort_unstable();
                expected.sort_unstable();
                if given != expected {
                    let names: Vec<String> = specification
                        .ordering
                        .iter()
                        .map(|column| column.to_string())
                        .collect();
                    let message = format!(
                        "the ordering {columns:?} is not a permutation of the file's ordered columns [{}]",
                        names.join(", ")
                    );
                    return Err(plain_failure(message));
                }
                columns
            }
        };
        let limits = Limits {
            clauses_per_level: max_clauses,
        };
        let shield = crate::shield::build(&specification, &columns, limits)
            .map_err(|diagnostics| rejected(name, text.to_string(), diagnostics))?;
        Ok(BatchShield::new(specification, shield))
    }

    /// A batch shield for a specification and a shield built from it.
    pub fn new(specification: Specification, shield: Shield) -> BatchShield {
        BatchShield {
            checker: RequirementChecker::new(&specification),
            interpreters: [
                Interpreter::new(&shield, FloatFormat::F32),
                Interpreter::new(&shield, FloatFormat::F64),
            ],
            kernels: [OnceLock::new(), OnceLock::new()],
            gradient: OnceLock::new(),
            kernel_cache: None,
            specification,
            shield,
        }
    }

    pub fn columns(&self) -> usize {
        self.shield.columns
    }

    /// The columns correction may change, in correction order.
    pub fn ordering(&self) -> &[usize] {
        &self.shield.ordering
    }

    pub fn specification(&self) -> &Specification {
        &self.specification
    }

    pub fn shield(&self) -> &Shield {
        &self.shield
    }

    /// The kernels of a format, compiling in the background from the first call on.
    fn background(&self, format: FloatFormat) -> &BackgroundKernels {
        self.kernels[index(format)].get_or_init(|| {
            BackgroundKernels::start(
                self.shield.clone(),
                vec![format],
                // A batch shield's kernels serve many calls: worth LLVM's IR pipeline.
                crate::codegen::Optimisation::Pipeline,
                self.kernel_cache.clone(),
            )
        })
    }

    /// The shield, its kernels looked up in and stored into the kernel cache in
    /// `directory` (`jobs::correct::kernel_cache_directory` for the user's), so that a
    /// later process loads them instead of compiling; `None` compiles them in every process.
    pub fn with_kernel_cache(mut self, directory: Option<std::path::PathBuf>) -> BatchShield {
        self.kernel_cache = directory.map(KernelCache::new);
        self
    }

    /// Compiles the kernels of a format now (if not yet compiled) and waits for them.
    pub fn compile(&self, format: FloatFormat) -> Result<std::time::Duration, String> {
        self.background(format)
            .wait()
            .map(|kernels| kernels.compile_time)
            .map_err(|error| error.message.clone())
    }

    /// Whether the kernels of a format are compiled and ready (without starting them).
    pub fn kernels_ready(&self, format: FloatFormat) -> bool {
        self.kernels[index(format)]
            .get()
            .is_some_and(|background| matches!(background.poll(), Some(Ok(_))))
    }

    fn check_shape(&self, values: usize, rows: usize, what: &str) -> Result<(), BatchError> {
        if values != rows * self.columns() {
            return Err(BatchError::Shape(format!(
                "{what} holds {values} values, not {rows} rows of {} columns",
                self.columns()
            )));
        }
        Ok(())
    }

    /// Corrects `status.len()` rows in place and writes each row's status (the C ABI's
    /// values; an undecided kernel row is corrected by the interpreter and gets its status).
    pub fn correct<T: Element>(
        &self,
        rows: &mut [T],
        status: &mut [u8],
        options: &BatchOptions,
    ) -> Result<BatchCounts, BatchError> {
        self.check_shape(rows.len(), status.len(), "the row buffer")?;
        self.check_finite(rows, options)?;
        self.correct_finite(rows, None, status, options)
    }

    /// Corrects the rows of `source` into `destination` (same length), as `correct` would
    /// in place: a separate output costs one copy, made here. A non-finite error leaves a
    /// [`Destination::Kept`] destination as it was (the rows are checked, then copied); a
    /// [`Destination::Scratch`] one is not checked first (the kernels mark the row, and the
    /// error comes from its status), so the rows are read once.
    pub fn correct_copy<T: Element>(
        &self,
        source: &[T],
        (destination, kind): (&mut [T], Destination),
        status: &mut [u8],
        options: &BatchOptions,
    ) -> Result<BatchCounts, BatchError> {
        self.check_shape(source.len(), status.len(), "the rows")?;
        self.check_shape(destination.len(), status.len(), "the output")?;
        if kind == Destination::Kept {
            self.check_finite(source, options)?;
        }
        // A scratch destination is not checked first: the kernels mark a row with NaN or an
        // infinity (and leave it as it was), and `correct_finite` then makes the same error.
        self.correct_finite(destination, Some(source), status, options)
    }

    /// The error of `NonFinitePolicy::Error` for the first row with NaN or an infinity.
    fn check_finite<T: Element>(
        &self,
        rows: &[T],
        options: &BatchOptions,
    ) -> Result<(), BatchError> {
        let columns = self.columns();
        if options.non_finite != NonFinitePolicy::Error || columns == 0 {
            return Ok(());
        }
        // Shared among the threads like the correction itself (a test on one thread
        // before the kernels on two was an eighth of a 65,536-row call on url), in parts
        // long enough to outlast waking a worker: small calls test on the caller alone.
        let chunk = (rows.len() / columns)
            .div_ceil(options.threads.max(1))
            .max(FINITE_TEST_VALUES_PER_THREAD.div_ceil(columns))
            * columns;
        let parts: Vec<_> = rows
            .chunks(chunk)
            .map(|part| move || first_non_finite(part))
            .collect();
        let first = crate::workers::run(parts)
            .into_iter()
            .enumerate()
            .find_map(|(index, position)| position.map(|position| index * chunk + position));
        match first {
            Some(position) => Err(self.non_finite_error(rows, position)),
            None => Ok(()),
        }
    }

    /// The error of `NonFinitePolicy::Error` for the value at `position` of `rows`.
    fn non_finite_error<T: Element>(&self, rows: &[T], position: usize) -> BatchError {
        let columns = self.columns();
        let row = position / columns;
        let values: Vec<f64> = rows[row * columns..(row + 1) * columns]
            .iter()
            .map(|value| value.to_f64())
            .collect();
        let error =
            crate::shield::correct::non_finite_error(row as u64 + 1, &values, position % columns);
        BatchError::NonFinite {
            row: row as u64 + 1,
            column: position % columns + 1,
            message: error.message,
        }
    }

    /// `correct` on rows of the right shape that `check_finite` accepted; with a `source`,
    /// on a copy of it that the kernels (or the interpreter's blocks) make into `rows` as
    /// they go.
    fn correct_finite<T: Element>(
        &self,
        rows: &mut [T],
        source: Option<&[T]>,
        status: &mut [u8],
        options: &BatchOptions,
    ) -> Result<BatchCounts, BatchError> {
        let columns = self.columns();
        let mut counts = BatchCounts {
            rows: status.len() as u64,
            ..BatchCounts::default()
        };
        status.fill(STATUS_UNCHANGED);
        if columns == 0 || status.is_empty() {
            return Ok(counts);
        }
        let threads = options.threads.max(1);
        let waited = match options.engine {
            Engine::Jit => Some(
                self.background(T::FORMAT)
                    .wait()
                    .map_err(|error| BatchError::Compile(error.message.clone()))?,
            ),
            _ => None,
        };
        let mut done = 0;
        while done < status.len() {
            let kernels = match options.engine {
                Engine::Interp => None,
                Engine::Jit => waited,
                Engine::Auto => match self.background(T::FORMAT).poll() {
                    Some(Ok(kernels)) => Some(kernels),
                    _ => None,
                },
            };
            let rest_rows = &mut rows[done * columns..];
            let rest_status = &mut status[done..];
            let rest_source = source.map(|source| &source[done * columns..]);
            match kernels {
                Some(kernels) => {
                    T::run_kernel(kernels, rest_source, rest_rows, rest_status, threads);
                    counts.kernel_rows += rest_status.len() as u64;
                    done = status.len();
                }
                None => {
                    let count = if options.engine == Engine::Auto {
                        rest_status.len().min(INTERPRETED_BLOCK_ROWS)
                    } else {
                        rest_status.len()
                    };
                    if let Some(source) = rest_source {
                        rest_rows[..count * columns].copy_from_slice(&source[..count * columns]);
                    }
                    self.interpret(
                        &mut rest_rows[..count * columns],
                        &mut rest_status[..count],
                        threads,
                    );
                    done += count;
                }
            }
        }
        // Each status is counted over the whole array at once, in byte-wide sums that
        // compile to SIMD; rows are visited one by one only where some are undecided.
        if count_equal(status, STATUS_UNDECIDED) != 0 {
            // Undecided kernel rows go through the interpreter, as in `reqc correct`.
            let interpreter = &self.interpreters[index(T::FORMAT)];
            let mut scratch = Vec::with_capacity(columns);
            for (row, row_status) in rows.chunks_exact_mut(columns).zip(status.iter_mut()) {
                if *row_status == STATUS_UNDECIDED {
                    counts.undecided += 1;
                    *row_status = interpret_row(interpreter, row, &mut scratch);
                }
            }
        }
        counts.inexact = count_equal(status, STATUS_INEXACT);
        counts.changed = count_equal(status, STATUS_CORRECTED) + counts.inexact;
        counts.impossible = count_equal(status, STATUS_IMPOSSIBLE);
        counts.non_finite = count_equal(status, STATUS_NON_FINITE);
        if counts.non_finite != 0 && options.non_finite == NonFinitePolicy::Error {
            // Only a scratch copy gets here (`correct` and a kept copy were checked first);
            // a non-finite row is left as it came.
            let row = status
                .iter()
                .position(|&value| value == STATUS_NON_FINITE)
                .expect("counted");
            let within = first_non_finite(&rows[row * columns..(row + 1) * columns]).unwrap_or(0);
            return Err(self.non_finite_error(rows, row * columns + within));
        }
        if counts.impossible != 0 && options.impossible == ImpossiblePolicy::Error {
            let number = status
                .iter()
                .position(|&value| value == STATUS_IMPOSSIBLE)
                .expect("counted");
            let error = crate::shield::correct::impossible_error(number as u64 + 1);
            return Err(BatchError::Impossible {
                row: number as u64 + 1,
                message: error.message,
            });
        }
        Ok(counts)
    }

    /// Corrects rows with the interpreter, shared among `threads` threads.
    fn interpret<T: Element>(&self, rows: &mut [T], status: &mut [u8], threads: usize) {
        let interpreter = &self.interpreters[index(T::FORMAT)];
        let columns = self.columns();
        split_rows(rows, status, columns, threads, &|rows, status| {
            let mut scratch = Vec::with_capacity(columns);
            for (row, row_status) in rows.chunks_exact_mut(columns).zip(status.iter_mut()) {
                *row_status = interpret_row(interpreter, row, &mut scratch);
            }
        });
    }

    /// Whether each row meets every requirement, decided exactly on its values (rows with
    /// NaN or an infinity do not).
    pub fn satisfied<T: Element>(
        &self,
        rows: &[T],
        mask: &mut [bool],
        threads: usize,
    ) -> Result<(), BatchError> {
        self.check_shape(rows.len(), mask.len(), "the row buffer")?;
        let columns = self.columns();
        if columns == 0 {
            mask.fill(true);
            return Ok(());
        }
        let chunk = mask.len().div_ceil(threads.max(1)).max(ROWS_PER_THREAD);
        let parts: Vec<_> = rows
            .chunks(chunk * columns)
            .zip(mask.chunks_mut(chunk))
            .map(|(rows, mask)| {
                move || {
                    let mut values = Vec::with_capacity(columns);
                    for (row, flag) in rows.chunks_exact(columns).zip(mask.iter_mut()) {
                        values.clear();
                        values.extend(row.iter().map(|value| value.to_f64()));
                        *flag = values.iter().all(|value| value.is_finite())
                            && self.checker.all_hold(&values);
                    }
                }
            })
            .collect();
        crate::workers::run(parts);
        Ok(())
    }

    /// The counts of `reqc stats`: rows, rows violating any requirement, and per
    /// requirement the rows satisfying it. NaN and infinities are an error, as there.
    pub fn stats<T: Element>(&self, rows: &[T], count: usize) -> Result<BatchStats, BatchError> {
        self.check_shape(rows.len(), count, "the row buffer")?;
        let columns = self.columns();
        let mut stats = BatchStats {
            rows: count as u64,
            violating_any: 0,
            satisfied: vec![0; self.checker.len()],
        };
        if columns == 0 {
            return Ok(stats);
        }
        let mut values = Vec::with_capacity(columns);
        for (number, row) in rows.chunks_exact(columns).enumerate() {
            values.clear();
            values.extend(row.iter().map(|value| value.to_f64()));
            if let Some(column) = values.iter().position(|value| !value.is_finite()) {
                return Err(BatchError::NonFinite {
                    row: number as u64 + 1,
                    column: column + 1,
                    message: format!("{} is not a finite number", values[column]),
                });
            }
            let mut all = true;
            for (requirement, satisfied) in stats.satisfied.iter_mut().enumerate() {
                if self.checker.holds(requirement, &values) {
                    *satisfied += 1;
                } else {
                    all = false;
                }
            }
            stats.violating_any += u64::from(!all);
        }
        Ok(stats)
    }

    /// The gradient rule of this shield (built on first use).
    pub fn gradient(&self) -> &GradientRule {
        self.gradient
            .get_or_init(|| GradientRule::new(&self.shield))
    }

    /// Records, for rows corrected from `original` into `corrected` with `status`, which
    /// literal set each ordered variable (`specs/python.md`): `trace` holds
    /// `levels` entries per row, [`crate::shield::gradient::NO_LITERAL`] where none did.
    pub fn trace<T: Element>(
        &self,
        original: &[T],
        corrected: &[T],
        status: &[u8],
        trace: &mut [u32],
        threads: usize,
    ) -> Result<(), BatchError> {
        let columns = self.columns();
        let rule = self.gradient();
        let levels = rule.levels();
        self.check_shape(original.len(), status.len(), "the original rows")?;
        self.check_shape(corrected.len(), status.len(), "the corrected rows")?;
        if trace.len() != status.len() * levels {
            return Err(BatchError::Shape(format!(
                "the trace holds {} entries, not {} rows of {levels} levels",
                trace.len(),
                status.len()
            )));
        }
        trace.fill(crate::shield::gradient::NO_LITERAL);
        if columns == 0 || levels == 0 {
            return Ok(());
        }
        let chunk = status.len().div_ceil(threads.max(1)).max(ROWS_PER_THREAD);
        let parts: Vec<_> = original
            .chunks(chunk * columns)
            .zip(corrected.chunks(chunk * columns))
            .zip(status.chunks(chunk))
            .zip(trace.chunks_mut(chunk * levels))
            .map(|(((original, corrected), status), trace)| {
                move || {
                    let mut before = Vec::with_capacity(columns);
                    let mut after = Vec::with_capacity(columns);
                    for (((original, corrected), status), trace) in original
                        .chunks_exact(columns)
                        .zip(corrected.chunks_exact(columns))
                        .zip(status)
                        .zip(trace.chunks_exact_mut(levels))
                    {
                        if !matches!(*status, STATUS_CORRECTED | STATUS_INEXACT) {
                            continue;
                        }
                        before.clear();
                        before.extend(original.iter().map(|value| value.to_f64()));
                        after.clear();
                        after.extend(corrected.iter().map(|value| value.to_f64()));
                        rule.trace_row(&before, &after, T::FORMAT, trace);
                    }
                }
            })
            .collect();
        crate::workers::run(parts);
        Ok(())
    }

    /// The vector–Jacobian product: turns `gradient` (the gradient with respect to the
    /// corrected rows) in place into the gradient with respect to the rows before
    /// correction, by the trace of [`BatchShield::trace`].
    pub fn backward(
        &self,
        trace: &[u32],
        gradient: &mut [f64],
        threads: usize,
    ) -> Result<(), BatchError> {
        let columns = self.columns();
        let rule = self.gradient();
        let levels = rule.levels();
        let rows = trace
            .len()
            .checked_div(levels)
            .unwrap_or_else(|| gradient.len() / columns.max(1));
        self.check_shape(gradient.len(), rows, "the gradient")?;
        if trace.len() != rows * levels {
            return Err(BatchError::Shape(format!(
                "the trace holds {} entries, not a multiple of {levels} levels",
                trace.len()
            )));
        }
        if columns == 0 || levels == 0 {
            return Ok(());
        }
        if let Some(row) = trace
            .chunks_exact(levels)
            .position(|entries| !rule.valid_trace(entries))
        {
            return Err(BatchError::Shape(format!(
                "row {} of the trace names a literal this shield's levels do not have",
                row + 1
            )));
        }
        let chunk = rows.div_ceil(threads.max(1)).max(4 * ROWS_PER_THREAD);
        let parts: Vec<_> = gradient
            .chunks_mut(chunk * columns)
            .zip(trace.chunks(chunk * levels))
            .map(|(gradient, trace)| {
                move || {
                    for (gradient, trace) in gradient
                        .chunks_exact_mut(columns)
                        .zip(trace.chunks_exact(levels))
                    {
                        rule.backward_row(trace, gradient);
                    }
                }
            })
            .collect();
        crate::workers::run(parts);
        Ok(())
    }
}

/// The index of the first value that is NaN or an infinity, on the widest vectors the CPU
/// has: the crate is compiled for baseline x86-64, whose 128-bit vectors made this test,
/// which precedes a correction into a given output (`Destination::Kept`), a fifth of a
/// 4,096-row call on url (`specs/python.md`).
fn first_non_finite<T: Element>(values: &[T]) -> Option<usize> {
    #[cfg(target_arch = "x86_64")]
    {
        if std::is_x86_feature_detected!("avx512f") {
            // Safety: the CPU has AVX-512F, as was just checked.
            return unsafe { first_non_finite_avx512(values) };
        }
        if std::is_x86_feature_detected!("avx2") {
            // Safety: the CPU has AVX2, as was just checked.
            return unsafe { first_non_finite_avx2(values) };
        }
    }
    first_non_finite_on_any_cpu(values)
}

/// [`first_non_finite`] compiled for AVX-512F.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx512f")]
fn first_non_finite_avx512<T: Element>(values: &[T]) -> Option<usize> {
    first_non_finite_on_any_cpu(values)
}

/// [`first_non_finite`] compiled for AVX2.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx2")]
fn first_non_finite_avx2<T: Element>(values: &[T]) -> Option<usize> {
    first_non_finite_on_any_cpu(values)
}

/// [`first_non_finite`] for any CPU, inlined into each variant. Each chunk is tested whole,
/// or-ing without an early exit, so that the test compiles to SIMD (a `position` over the
/// values took a fifth of a 4,096-row call on faults); only a chunk that fails is searched.
#[inline(always)]
fn first_non_finite_on_any_cpu<T: Element>(values: &[T]) -> Option<usize> {
    const CHUNK_VALUES: usize = 1024;
    values
        .chunks(CHUNK_VALUES)
        .enumerate()
        .find(|(_, chunk)| {
            chunk
                .iter()
                .fold(false, |any, value| any | !value.is_finite())
        })
        .and_then(|(number, chunk)| {
            let within = chunk.iter().position(|value| !value.is_finite())?;
            Some(number * CHUNK_VALUES + within)
        })
}

/// Corrects one row with the interpreter (non-finite rows are left as they are) and gives its status.
fn interpret_row<T: Element>(
    interpreter: &Interpreter,
    row: &mut [T],
    scratch: &mut Vec<f64>,
) -> u8 {
    scratch.clear();
    scratch.extend(row.iter().map(|value| value.to_f64()));
    if scratch.iter().any(|value| !value.is_finite()) {
        return STATUS_NON_FINITE;
    }
    let outcome = interpreter.correct_row(scratch);
    if matches!(outcome, RowOutcome::Corrected | RowOutcome::Inexact) {
        for (value, corrected) in row.iter_mut().zip(scratch.iter()) {
            *value = T::from_f64(*corrected);
        }
    }
    match outcome {
        RowOutcome::Unchanged => STATUS_UNCHANGED,
        RowOutcome::Corrected => STATUS_CORRECTED,
        RowOutcome::Inexact => STATUS_INEXACT,
        RowOutcome::Impossible => STATUS_IMPOSSIBLE,
    }
}

/// Runs `work` on up to `threads` disjoint ranges of rows with their status bytes.
fn split_rows<T: Send>(
    rows: &mut [T],
    status: &mut [u8],
    columns: usize,
    threads: usize,
    work: &(dyn Fn(&mut [T], &mut [u8]) + Sync),
) {
    let count = status.len();
    let threads = threads.max(1).min(count.div_ceil(ROWS_PER_THREAD)).max(1);
    if threads == 1 {
        return work(rows, status);
    }
    let per_thread = count.div_ceil(threads);
    let parts: Vec<_> = rows
        .chunks_mut(per_thread * columns)
        .zip(status.chunks_mut(per_thread))
        .map(|(rows, status)| move || work(rows, status))
        .collect();
    crate::workers::run(parts);
}

/// The load error of a file's diagnostics.
fn rejected(name: &str, text: String, diagnostics: Vec<Diagnostic>) -> LoadError {
    let mut sources = SourceMap::new();
    let file = sources.add(name.to_string(), text);
    let pairs: Vec<_> = diagnostics
        .iter()
        .cloned()
        .map(|diagnostic| (file, diagnostic))
        .collect();
    LoadError {
        rendered: render_human(&sources, &pairs, false),
        json: render_json(&sources, &pairs),
        diagnostics,
    }
}

/// A failure that is a message, not diagnostics (an unreadable file, a bad ordering).
fn plain_failure(message: String) -> LoadError {
    LoadError {
        rendered: format!("error: {message}\n"),
        json: String::new(),
        diagnostics: Vec::new(),
    }
}

/// The load error of a job's failure (the Python package raises it as `RequirementsError`).
pub fn failure_error(failure: Failure) -> LoadError {
    match failure {
        Failure::Io(message) => plain_failure(message),
        Failure::Input {
            sources,
            diagnostics,
        } => LoadError {
            rendered: render_human(&sources, &diagnostics, false),
            json: render_json(&sources, &diagnostics),
            diagnostics: diagnostics
                .into_iter()
                .map(|(_, diagnostic)| diagnostic)
                .collect(),
        },
    }
}

/// `reqc check` on a file, as values (through [`crate::jobs::check::check_files`]): the
/// front end's diagnostics and, when `solver` is set, the solver's. Returns the rendered
/// text and the JSON lines.
pub fn check_file(
    world: &dyn World,
    path: &Path,
    solver: Option<std::time::Duration>,
) -> Result<(String, String), String> {
    let options = crate::jobs::check::CheckOptions {
        solver: solver.map(crate::smt::SolverOptions::with_timeout),
        ..Default::default()
    };
    let checked = crate::jobs::check::check_files(world, &[path.to_path_buf()], &options);
    if let Some(message) = checked.unreadable.into_iter().next() {
        return Err(message);
    }
    Ok((
        render_human(&checked.sources, &checked.diagnostics, false),
        render_json(&checked.sources, &checked.diagnostics),
    ))
}

/// What `reqc verify` found, as values for front ends that render their own.
pub struct VerifyReport {
    /// Every verdict as `reqc verify` prints it.
    pub rendered: String,
    /// The verdicts as the JSON diagnostics of `--message-format json`, one per line.
    pub json: String,
    /// The shield proof's JSON summary (answer, obligations, counterexamples); `None` for
    /// a file without requirements.
    pub summary: Option<String>,
    /// One JSON line per calibration report and per equivalence result.
    pub assertions: Vec<String>,
}

/// `reqc verify` on a file (through [`crate::jobs::verify`]): the shield, built with the
/// given ordering, proved sound and complete, and every calibration and equivalence
/// assertion run.
pub fn verify_file(
    world: &dyn World,
    path: &Path,
    ordering: Ordering,
    max_clauses: usize,
    timeout: f64,
) -> Result<VerifyReport, LoadError> {
    let loaded = crate::jobs::load(world, path).map_err(failure_error)?;
    let shield = if loaded.specification.requirements.is_empty() {
        None
    } else {
        let built = BatchShield::from_text(
            world,
            &loaded.text,
            &loaded.name,
            &crate::jobs::base_directory(path),
            ordering,
            max_clauses,
        )?;
        Some(built.shield)
    };
    let options = crate::jobs::verify::VerifyOptions {
        solver: crate::smt::SolverOptions::with_timeout(std::time::Duration::from_secs_f64(
            timeout.clamp(0.001, 86_400.0),
        )),
        ..Default::default()
    };
    let verified = crate::jobs::verify::verify_shield(world, &loaded, shield, &options, None)
        .map_err(failure_error)?;
    let mut sources = SourceMap::new();
    let file = sources.add(loaded.name.clone(), loaded.text.clone());
    let diagnostics: Vec<_> = verified
        .diagnostics()
        .into_iter()
        .map(|diagnostic| (file, diagnostic))
        .collect();
    let summary = verified.verification.as_ref().map(|verification| {
        serde_json::to_string(&verification.summary(&loaded.specification))
            .expect("summaries serialise")
    });
    Ok(VerifyReport {
        rendered: render_human(&sources, &diagnostics, false),
        json: render_json(&sources, &diagnostics),
        summary,
        assertions: verified.json_lines(),
    })
}

/// The calibration assertion `block` of the file at `path` (for front ends that bring
/// their own rows, such as `reqc.ray`): the loaded file and the assertion's index.
fn calibration_assertion(
    world: &dyn World,
    path: &Path,
    block: &str,
) -> Result<(crate::jobs::CheckedFile, usize), LoadError> {
    let loaded = crate::jobs::load(world, path).map_err(failure_error)?;
    let index = loaded
        .specification
        .calibrations
        .iter()
        .position(|assertion| assertion.name == block);
    match index {
        Some(index) => Ok((loaded, index)),
        None => {
            let names: Vec<&str> = loaded
                .specification
                .calibrations
                .iter()
                .map(|assertion| assertion.name.as_str())
                .collect();
            Err(plain_failure(format!(
                "`{}` has no calibration block `{block}` (its blocks: {})",
                path.display(),
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            )))
        }
    }
}

/// What a worker needs to run the passes of calibration block `block` over its rows
/// (`reqc.ray`).
#[derive(Clone, Debug, PartialEq)]
pub struct CalibrationBinning {
    /// The `sum_tolerance` rows are validated with, as `reqc verify` reads them.
    pub tolerance: f64,
    pub epsilon: f64,
    /// The number of bins.
    pub bins: usize,
    /// The edges, when they do not depend on the data (`equal_width`); `equal_mass`
    /// edges are order statistics of all confidences, found by the caller.
    pub edges: Option<Vec<f64>>,
}

/// The binning of calibration block `block` of the file at `path`.
pub fn calibration_binning(
    world: &dyn World,
    path: &Path,
    block: &str,
) -> Result<CalibrationBinning, LoadError> {
    let (loaded, index) = calibration_assertion(world, path, block)?;
    Ok(binning_of(&loaded.specification.calibrations[index]))
}

/// The binning of one calibration assertion.
fn binning_of(assertion: &crate::spec::CalibrationAssertion) -> CalibrationBinning {
    let (bins, edges) = match assertion.binning {
        crate::spec::Binning::EqualWidth(count) => {
            (count, Some(crate::calibration::equal_width_edges(count)))
        }
        crate::spec::Binning::EqualMass(count) => (count, None),
    };
    CalibrationBinning {
        tolerance: assertion.sum_tolerance,
        epsilon: assertion.epsilon,
        bins,
        edges,
    }
}

/// Validates prediction rows (row-major, `classes` values each) as `reqc verify` reads
/// them and returns each row's confidence and prediction (`specs/calibration.md`, "Per
/// prediction"). Rows in a problem are zero-based within `rows`.
pub fn calibration_rows(
    rows: &[f64],
    classes: usize,
    tolerance: f64,
) -> Result<crate::calibration::Predictions, crate::calibration::RowProblem> {
    let mut predictions = crate::calibration::Predictions::new(classes);
    predictions.push_rows(rows, tolerance)?;
    Ok(predictions)
}

/// What `reqc verify` reports for calibration block `block` of the file at `path` when
/// its data are the rows behind two merged passes (`specs/calibration.md`, "Merging"):
/// the rendered verdict, the JSON diagnostics and the `calibration_report` JSON line of
/// `--message-format json`. The passes must have been made with the block's binning
/// and epsilon, and the second from the first's needs.
pub fn calibrate_passes(
    world: &dyn World,
    path: &Path,
    block: &str,
    first: &crate::calibration::FirstPass,
    second: &crate::calibration::SecondPasses,
) -> Result<(String, String, String), LoadError> {
    let (loaded, index) = calibration_assertion(world, path, block)?;
    let assertion = &loaded.specification.calibrations[index];
    let binning = binning_of(assertion);
    let edges_fit = first.edges.len() == binning.bins + 1
        && crate::calibration::edges_are_valid(&first.edges)
        && binning.edges.as_ref().is_none_or(|edges| {
            edges
                .iter()
                .zip(&first.edges)
                .all(|(a, b)| a.to_bits() == b.to_bits())
        });
    if !edges_fit || first.epsilon.to_bits() != binning.epsilon.to_bits() {
        return Err(plain_failure(format!(
            "calibration block `{block}`: the passes were made with other bins or another epsilon than the block's"
        )));
    }
    if first.bins.iter().all(|bin| bin.support == 0) {
        return Err(plain_failure(format!(
            "calibration block `{block}`: no prediction rows"
        )));
    }
    let settings = crate::calibration::Settings::of(assertion);
    let evaluation = crate::calibration::evaluate_passes(first, second, &settings)
        .map_err(|problem| plain_failure(format!("calibration block `{block}`: {problem}")))?;
    let outcome = crate::calibration::run_evaluation(assertion, world, evaluation);
    let mut sources = SourceMap::new();
    let file = sources.add(loaded.name.clone(), loaded.text.clone());
    let diagnostics: Vec<_> = outcome
        .diagnostics
        .iter()
        .cloned()
        .map(|diagnostic| (file, diagnostic))
        .collect();
    let report = outcome
        .report
        .as_ref()
        .map(|report| {
            serde_json::json!({ "type": "calibration_report", "report": report }).to_string()
        })
        .unwrap_or_default();
    Ok((
        render_human(&sources, &diagnostics, false),
        render_json(&sources, &diagnostics),
        report,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "ordering y_0 y_1\ny_0 >= 0\ny_1 >= y_0 + 1\n";

    fn shield() -> BatchShield {
        BatchShield::from_text(
            &crate::world::DiskWorld,
            TEXT,
            "t.req",
            Path::new("."),
            Ordering::File,
            2000,
        )
        .expect("a valid file")
    }

    #[test]
    fn corrects_like_the_interpreter_with_every_engine() {
        let shield = shield();
        for engine in [Engine::Interp, Engine::Jit, Engine::Auto] {
            let mut rows = vec![-1.0f32, 0.0, 2.0, 5.0, 0.5, 0.25];
            let mut status = vec![9u8; 3];
            let options = BatchOptions {
                engine,
                threads: 2,
                ..BatchOptions::default()
            };
            let counts = shield.correct(&mut rows, &mut status, &options).unwrap();
            assert_eq!(rows, vec![0.0, 1.0, 2.0, 5.0, 0.5, 1.5], "{engine:?}");
            assert_eq!(status, vec![1, 0, 1]);
            assert_eq!(counts.changed, 2);
        }
    }

    #[test]
    fn the_first_non_finite_value_is_found_in_any_chunk() {
        fn naive<T: Element>(values: &[T]) -> Option<usize> {
            values.iter().position(|value| !value.to_f64().is_finite())
        }
        type Test = (fn(&[f32]) -> Option<usize>, fn(&[f64]) -> Option<usize>);
        // The dispatching test, and each variant this CPU can run (the dispatch takes one).
        let mut variants: Vec<(&str, Test)> = vec![
            ("dispatched", (first_non_finite, first_non_finite)),
            (
                "any CPU",
                (first_non_finite_on_any_cpu, first_non_finite_on_any_cpu),
            ),
        ];
        #[cfg(target_arch = "x86_64")]
        {
            if std::is_x86_feature_detected!("avx2") {
                variants.push((
                    "AVX2",
                    (
                        // Safety: the CPU has AVX2, as was just checked.
                        |values| unsafe { first_non_finite_avx2(values) },
                        // Safety: the CPU has AVX2, as was just checked.
                        |values| unsafe { first_non_finite_avx2(values) },
                    ),
                ));
            }
            if std::is_x86_feature_detected!("avx512f") {
                variants.push((
                    "AVX-512F",
                    (
                        // Safety: the CPU has AVX-512F, as was just checked.
                        |values| unsafe { first_non_finite_avx512(values) },
                        // Safety: the CPU has AVX-512F, as was just checked.
                        |values| unsafe { first_non_finite_avx512(values) },
                    ),
                ));
            }
        }
        for (name, (single, double)) in variants {
            for length in [0, 1, 15, 16, 17, 1023, 1024, 1025, 3000] {
                let mut values = vec![1.5f32; length];
                let mut wide = vec![-2.25f64; length];
                assert_eq!(single(&values), None, "{name}");
                assert_eq!(double(&wide), None, "{name}");
                for position in (0..length).step_by(97).chain(length.checked_sub(1)) {
                    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
                        values[position] = bad as f32;
                        wide[position] = bad;
                        // A second bad value later must not hide the first.
                        if position + 1500 < length {
                            values[position + 1500] = f32::NAN;
                        }
                        assert_eq!(single(&values), naive(&values), "{name}");
                        assert_eq!(single(&values), Some(position), "{name}");
                        assert_eq!(double(&wide), Some(position), "{name}");
                        values.fill(f32::MAX);
                        wide.fill(f64::MAX);
                    }
                }
            }
        }
    }

    #[test]
    fn a_copy_is_corrected_as_in_place_and_an_error_writes_nothing() {
        let shield = shield();
        // Rows over several of the copy's chunks, the last one bad.
        let source: Vec<f64> = (0..2 * 1500)
            .map(|value| f64::from(value % 13) - 6.0)
            .collect();
        let mut in_place = source.clone();
        let mut status = vec![9u8; 1500];
        let options = BatchOptions::default();
        shield
            .correct(&mut in_place, &mut status, &options)
            .unwrap();
        for kind in [Destination::Kept, Destination::Scratch] {
            let mut destination = vec![7.0f64; 3000];
            let mut copy_status = vec![9u8; 1500];
            shield
                .correct_copy(
                    &source,
                    (&mut destination, kind),
                    &mut copy_status,
                    &options,
                )
                .unwrap();
            assert_eq!((&destination, &copy_status), (&in_place, &status));
            let mut bad = source.clone();
            bad[2999] = f64::INFINITY;
            bad[2501] = f64::NAN;
            let mut destination = vec![7.0f64; 3000];
            let error = shield
                .correct_copy(&bad, (&mut destination, kind), &mut [0u8; 1500], &options)
                .unwrap_err();
            assert!(
                matches!(
                    error,
                    BatchError::NonFinite {
                        row: 1251,
                        column: 2,
                        ..
                    }
                ),
                "{error:?}"
            );
            if kind == Destination::Kept {
                assert_eq!(destination, vec![7.0; 3000]);
            }
            let error = shield
                .correct_copy(
                    &source,
                    (&mut [0.0f64; 4], kind),
                    &mut [0u8; 1500],
                    &options,
                )
                .unwrap_err();
            assert!(matches!(error, BatchError::Shape(_)), "{error:?}");
        }
    }

    #[test]
    fn the_counts_are_the_statuses_counted() {
        // `y_0` is an input: rows with `y_0 > 5` are impossible.
        let shield = BatchShield::from_text(
            &crate::world::DiskWorld,
            "ordering y_1 y_2\ny_1 >= y_0\ny_0 <= 5\ny_2 >= y_1 / 3\n",
            "t.req",
            Path::new("."),
            Ordering::File,
            2000,
        )
        .expect("a valid file");
        let mut state = 7u64;
        let mut next = || {
            state = state
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            ((state >> 33) as f64 / (1u64 << 31) as f64 - 0.5) * 20.0
        };
        let source: Vec<f64> = (0..3 * 500)
            .map(|position| if position % 97 == 0 { f64::NAN } else { next() })
            .collect();
        for engine in [Engine::Interp, Engine::Jit] {
            let mut rows = source.clone();
            let mut status = vec![0u8; 500];
            let options = BatchOptions {
                engine,
                non_finite: NonFinitePolicy::Keep,
                ..BatchOptions::default()
            };
            let counts = shield.correct(&mut rows, &mut status, &options).unwrap();
            let of = |wanted: u8| status.iter().filter(|&&value| value == wanted).count() as u64;
            assert_eq!(counts.rows, 500);
            assert_eq!(counts.changed, of(STATUS_CORRECTED) + of(STATUS_INEXACT));
            assert_eq!(counts.inexact, of(STATUS_INEXACT));
            assert_eq!(counts.impossible, of(STATUS_IMPOSSIBLE));
            assert_eq!(counts.non_finite, of(STATUS_NON_FINITE));
            assert!(counts.changed > 0 && counts.impossible > 0 && counts.non_finite > 0);
            let first = status
                .iter()
                .position(|&value| value == STATUS_IMPOSSIBLE)
                .unwrap();
            let options = BatchOptions {
                impossible: ImpossiblePolicy::Error,
                ..options
            };
            let error = shield
                .correct(&mut source.clone(), &mut status, &options)
                .unwrap_err();
            assert!(
                matches!(error, BatchError::Impossible { row, .. } if row == first as u64 + 1),
                "{error:?}"
            );
        }
    }

    #[test]
    fn errors_name_what_was_wrong() {
        let shield = shield();
        let mut rows = vec![0.0f64, f64::NAN];
        let mut status = vec![0u8; 1];
        let error = shield
            .correct(&mut rows, &mut status, &BatchOptions::default())
            .unwrap_err();
        assert!(matches!(
            error,
            BatchError::NonFinite {
                row: 1,
                column: 2,
                ..
            }
        ));
        let error = shield
            .correct(&mut rows, &mut [0u8; 2], &BatchOptions::default())
            .unwrap_err();
        assert!(error.to_string().contains("2 rows of 2 columns"), "{error}");
        let bad = BatchShield::from_text(
            &crate::world::DiskWorld,
            "ordering y_0\ny_0 >= \n",
            "bad.req",
            Path::new("."),
            Ordering::File,
            2000,
        );
        let error = bad.err().expect("a syntax error");
        assert!(error.rendered.contains("bad.req:2"), "{}", error.rendered);
        assert!(error.json.contains("\"code\""));
    }

    #[test]
    fn gradient_follows_the_literal_that_set_each_variable() {
        let shield = shield();
        let original = vec![-1.0f64, 0.0];
        let mut rows = original.clone();
        let mut status = vec![0u8];
        let options = BatchOptions {
            engine: Engine::Interp,
            ..BatchOptions::default()
        };
        shield.correct(&mut rows, &mut status, &options).unwrap();
        let mut trace = vec![0u32; shield.gradient().levels()];
        shield
            .trace(&original, &rows, &status, &mut trace, 1)
            .unwrap();
        // y_0 = 0 (constant bound): no dependence; y_1 = y_0 + 1 depends on y_0 only.
        let mut gradient = vec![0.0, 1.0];
        shield.backward(&trace, &mut gradient, 1).unwrap();
        assert_eq!(gradient, vec![0.0, 0.0]);
        let original = vec![3.0f64, 0.0];
        let mut rows = original.clone();
        shield.correct(&mut rows, &mut status, &options).unwrap();
        shield
            .trace(&original, &rows, &status, &mut trace, 1)
            .unwrap();
        let mut gradient = vec![0.0, 1.0];
        shield.backward(&trace, &mut gradient, 1).unwrap();
        assert_eq!(gradient, vec![1.0, 0.0]);
    }
}
