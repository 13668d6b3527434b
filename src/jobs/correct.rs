//! The correction job behind `reqc correct`: rows from a file or memory, through the chosen
//! engine, to a file (written atomically) or memory, with a summary of what changed.

use super::Failure;
use crate::data::{DataError, ReadOptions, RowReader, RowWriter};
use crate::jobs::CheckedFile;
use crate::number::FloatFormat;
use crate::shield::correct::{
    ImpossiblePolicy, Interpreter, NonFinitePolicy, Recheck, RequirementChecker,
};
use crate::shield::Shield;
use crate::spec::Specification;
use crate::world::World;
use std::path::{Path, PathBuf};

pub use crate::shield::correct::Summary;

/// Which engine corrects the rows; every engine gives the same bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Engine {
    /// The interpreter while the kernels compile in the background, then the kernels.
    #[default]
    Auto,
    /// Wait for the compiled kernels, then use them for every row they decide.
    Jit,
    /// The reference interpreter alone.
    Interpreter,
}

/// The options of a correction, with the command line's defaults.
#[derive(Clone, Debug)]
pub struct CorrectOptions {
    /// The element type rows are corrected and written in (default: the input's; f64 for CSV).
    pub dtype: Option<FloatFormat>,
    pub non_finite: NonFinitePolicy,
    pub impossible: ImpossiblePolicy,
    pub engine: Engine,
    /// Threads for the compiled kernels (default: every core, but one less into a file:
    /// [`threads_beside_writer`]).
    pub threads: Option<usize>,
    /// How a CSV input's first record is read.
    pub read: ReadOptions,
    /// Which moved rows the summary checks again (`--recheck`: all of them).
    pub recheck: Recheck,
    /// The directory of the kernel cache (`codegen::KernelCache`): compiled kernels are
    /// looked up there and stored there; `None` compiles them every time.
    pub kernel_cache: Option<PathBuf>,
}

impl Default for CorrectOptions {
    fn default() -> CorrectOptions {
        CorrectOptions {
            dtype: None,
            non_finite: NonFinitePolicy::Error,
            impossible: ImpossiblePolicy::Keep,
            engine: Engine::Auto,
            threads: None,
            read: ReadOptions::default(),
            recheck: Recheck::Inexact,
            kernel_cache: None,
        }
    }
}

/// The kernel cache's directory, for every front end (`reqc correct`, the Python
/// package): `REQC_CACHE_DIR` when set (set but empty: no cache), else
/// `$XDG_CACHE_HOME/reqc/kernels`, else `$HOME/.cache/reqc/kernels`.
pub fn kernel_cache_directory() -> Option<PathBuf> {
    let variable = |name: &str| std::env::var_os(name).filter(|value| !value.is_empty());
    if let Some(directory) = std::env::var_os("REQC_CACHE_DIR") {
        return (!directory.is_empty()).then(|| PathBuf::from(directory));
    }
    let base = variable("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| variable("HOME").map(|home| PathBuf::from(home).join(".cache")))?;
    Some(base.join("reqc").join("kernels"))
}

/// Where rows come from.
pub enum RowSource {
    /// A data file, in the format its extension names.
    File(PathBuf),
    /// Rows already open (in memory, or a stream a front end opened).
    Reader(Box<dyn RowReader + Send>),
}

/// Where corrected rows go.
pub enum RowSink<'a> {
    /// A data file in the format its extension names, written atomically.
    File(PathBuf),
    /// A writer the caller owns.
    Writer(&'a mut dyn RowWriter),
}

/// What a correction did.
#[derive(Clone, Debug)]
pub struct Correction {
    pub summary: Summary,
    /// The element type the rows were corrected in.
    pub format: FloatFormat,
    /// Why the compiled kernels could not be used, when the interpreter had to do all the work.
    pub kernel_error: Option<String>,
    /// Where the kernels came from, when they corrected any row.
    pub kernels: Option<KernelOrigin>,
    /// The threads the rows were corrected on: the kernels' (`CorrectOptions::threads`, or
    /// its default), or one for the interpreter alone.
    pub threads: usize,
}

/// Where the kernels of a correction came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KernelOrigin {
    /// Compiled by LLVM in this run.
    Compiled,
    /// Loaded from the kernel cache.
    Cached,
}

/// The kernels' threads when a correction into a file is not told: every core but one, and
/// at least one. The output's writer thread (`atomic::StreamingWriter`) copies every
/// corrected byte into the file while the kernels run, and the reading thread is also the
/// first kernel thread, so a kernel thread on every core leaves the writer none: on the
/// 2-core development machine, two kernel threads ran at 0.74–0.99 times one thread's speed
/// end to end (`specs/kernels.md`, Threads).
pub fn threads_beside_writer() -> usize {
    crate::workers::available().saturating_sub(1).max(1)
}

/// Opens a prediction file (any format the input layer reads) as a row reader, requiring
/// rows of `columns` values.
pub fn open_rows(
    world: &dyn World,
    path: &Path,
    columns: usize,
    options: &ReadOptions,
) -> Result<Box<dyn RowReader + Send>, String> {
    let reader = crate::data::open_rows(world, path, options).map_err(|error| error.to_string())?;
    if reader.columns() != columns {
        return Err(format!(
            "`{}` has {} columns, but the requirements describe rows of {columns} columns",
            path.display(),
            reader.columns()
        ));
    }
    Ok(reader)
}

/// Corrects every row of `source` into `sink` with `shield`, counting rows that violate
/// `specification` before and after.
pub fn correct(
    world: &dyn World,
    loaded: &CheckedFile,
    shield: &Shield,
    source: RowSource,
    sink: RowSink<'_>,
    options: &CorrectOptions,
) -> Result<Correction, Failure> {
    let specification = &loaded.specification;
    if let RowSink::File(output) = &sink {
        let mut inputs = vec![loaded.path.as_path()];
        if let RowSource::File(input) = &source {
            inputs.push(input.as_path());
        }
        crate::atomic::refuse_inputs(output, &inputs)?;
    }
    let (mut reader, input_name) = match source {
        RowSource::File(path) => (
            open_rows(world, &path, specification.columns, &options.read).map_err(Failure::Io)?,
            path.display().to_string(),
        ),
        RowSource::Reader(reader) => {
            if reader.columns() != specification.columns {
                return Err(Failure::Io(format!(
                    "the rows have {} columns, but the requirements describe rows of {} columns",
                    reader.columns(),
                    specification.columns
                )));
            }
            (reader, "the input".to_string())
        }
    };
    let format = options.dtype.or(reader.dtype()).unwrap_or(FloatFormat::F64);
    let threads = options.threads.unwrap_or_else(|| match sink {
        RowSink::File(_) => threads_beside_writer(),
        RowSink::Writer(_) => crate::workers::available(),
    });
    match sink {
        RowSink::Writer(writer) => run_engine(
            specification,
            shield,
            (reader.as_mut(), &input_name),
            writer,
            (format, threads),
            options,
        ),
        RowSink::File(path) => {
            let (file, pending) = crate::atomic::create(&path)?;
            // Corrected rows are large: a thread writes them while the next ones are
            // corrected, past the page cache where it can (see `atomic::StreamingWriter`).
            let streaming = pending.streaming_writer(file);
            let mut writer = crate::data::create_writer(
                &path,
                streaming,
                specification.columns,
                format,
                reader.header(),
            )
            .map_err(|error| Failure::Io(error.to_string()))?;
            let correction = run_engine(
                specification,
                shield,
                (reader.as_mut(), &input_name),
                writer.as_mut(),
                (format, threads),
                options,
            )?;
            writer.finish().map_err(|error| {
                Failure::Io(format!("cannot write `{}`: {error}", path.display()))
            })?;
            pending.commit()?;
            Ok(correction)
        }
    }
}

/// Streams `reader` (named `input_name` in errors) through the engine into `writer`, in
/// `format`, the kernels on `threads` threads.
fn run_engine(
    specification: &Specification,
    shield: &Shield,
    (reader, input_name): (&mut dyn RowReader, &str),
    writer: &mut dyn RowWriter,
    (format, threads): (FloatFormat, usize),
    options: &CorrectOptions,
) -> Result<Correction, Failure> {
    let data_error = |error: DataError| match error.path {
        Some(_) => Failure::Io(error.to_string()),
        None => Failure::Io(format!("`{input_name}`: {error}")),
    };
    let interpreter = Interpreter::new(shield, format);
    let checker = RequirementChecker::new(specification);
    // Without the `jit` feature, `auto` means the interpreter; `jit` cannot be had.
    if !crate::HAS_JIT && options.engine == Engine::Jit {
        return Err(Failure::Io(super::missing_feature("jit", "`--engine jit`")));
    }
    if options.engine == Engine::Interpreter || !crate::HAS_JIT {
        let summary = crate::shield::correct::correct_stream(
            &interpreter,
            &checker,
            reader,
            writer,
            options.non_finite,
            options.impossible,
            options.recheck,
        )
        .map_err(data_error)?;
        return Ok(Correction {
            summary,
            format,
            kernel_error: None,
            kernels: None,
            threads: 1,
        });
    }
    #[cfg(feature = "jit")]
    return run_kernels(
        (shield, &interpreter, &checker),
        (reader, writer, &data_error),
        (format, threads),
        options,
    );
    #[cfg(not(feature = "jit"))]
    {
        // Only the kernels run on more than one thread, and this build has none.
        let _ = threads;
        unreachable!("without the `jit` feature every engine is the interpreter")
    }
}

/// The compiled kernels' engine (the interpreter while they compile, with `auto`).
#[cfg(feature = "jit")]
fn run_kernels(
    (shield, interpreter, checker): (&Shield, &Interpreter, &RequirementChecker),
    (reader, writer, data_error): (
        &mut dyn RowReader,
        &mut dyn RowWriter,
        &dyn Fn(DataError) -> Failure,
    ),
    (format, threads): (FloatFormat, usize),
    options: &CorrectOptions,
) -> Result<Correction, Failure> {
    let background = crate::codegen::BackgroundKernels::start(
        shield.clone(),
        vec![format],
        // One run: compile time is start-up time. Without the IR pipeline, the greedy pass
        // on blocks costs 1–16 ms more to compile than the row-by-row pass alone and, on
        // two million violating rows, saved 22–51 ms end to end; the pipeline's faster
        // kernels did not pay for its compile time (`specs/kernels.md`).
        crate::codegen::Optimisation::CodeGeneration,
        options
            .kernel_cache
            .clone()
            .map(crate::codegen::KernelCache::new),
    );
    // `--engine jit` waits for the kernels, and a compiler error stops the job.
    let waited = if options.engine == Engine::Jit {
        Some(
            background
                .wait()
                .map_err(|error| Failure::Io(error.message.clone()))?,
        )
    } else {
        None
    };
    let source = || match waited {
        Some(kernels) => Some(Ok(kernels)),
        None => background.poll(),
    };
    let (summary, counts) = crate::codegen::engine::correct_stream(
        &source,
        interpreter,
        checker,
        reader,
        writer,
        options.non_finite,
        options.impossible,
        options.recheck,
        threads,
    )
    .map_err(data_error)?;
    Ok(Correction {
        summary,
        format,
        kernel_error: counts.compile_error,
        kernels: match (counts.kernel_rows, counts.kernels_from_cache) {
            (0, _) => None,
            (_, true) => Some(KernelOrigin::Cached),
            (_, false) => Some(KernelOrigin::Compiled),
        },
        // Rows the kernels never saw were the interpreter's, on this thread alone.
        threads: if counts.kernel_rows == 0 { 1 } else { threads },
    })
}
