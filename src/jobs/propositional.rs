//! The propositional jobs: load a clause or Horn-rule file, build PiShield's propositional shield, correct rows (files or memory, threaded), trace and back-propagate for the Python layer.

use super::{counted, read_source, Failure, SourceText};
use crate::data::{DataError, ReadOptions, RowReader, RowWriter};
use crate::diagnostics::Diagnostic;
use crate::number::FloatFormat;
use crate::propositional::shield::{self, Probability, PropositionalOrdering, PropositionalShield};
use crate::propositional::PropositionalSpecification;
use crate::world::World;
use std::path::{Path, PathBuf};

pub use super::correct::{RowSink, RowSource};

/// A propositional requirements file the front end accepted.
pub struct PropositionalFile {
    pub path: PathBuf,
    pub name: String,
    pub text: String,
    pub specification: PropositionalSpecification,
    /// The front end's warnings (W1301 and the like), for front ends that show them.
    pub warnings: Vec<Diagnostic>,
}

impl PropositionalFile {
    pub fn failure(&self, diagnostics: Vec<Diagnostic>) -> Failure {
        Failure::on_source(&self.name, &self.text, diagnostics)
    }
}

/// Reads and checks a propositional requirements file.
pub fn load(world: &dyn World, path: &Path) -> Result<PropositionalFile, Failure> {
    let name = path.display().to_string();
    match read_source(world, path).map_err(Failure::Io)? {
        SourceText::Rejected(text, diagnostic) => {
            Err(Failure::on_source(&name, &text, vec![diagnostic]))
        }
        SourceText::Text(text) => load_text(path, name, text),
    }
}

/// [`load`] on a text already read.
pub fn load_text(path: &Path, name: String, text: String) -> Result<PropositionalFile, Failure> {
    let outcome = crate::propositional::front_end(&text);
    let (errors, warnings): (Vec<Diagnostic>, Vec<Diagnostic>) = outcome
        .diagnostics
        .into_iter()
        .partition(Diagnostic::is_error);
    match outcome.specification {
        Some(specification) if errors.is_empty() => Ok(PropositionalFile {
            path: path.to_path_buf(),
            name,
            text,
            specification,
            warnings,
        }),
        _ => Err(Failure::on_source(&name, &text, errors)),
    }
}

/// Builds the shield of a loaded file for an ordering choice.
pub fn build(
    file: &PropositionalFile,
    ordering: &PropositionalOrdering,
) -> Result<PropositionalShield, Failure> {
    let columns = shield::choose_ordering(&file.specification, ordering);
    shield::build(&file.specification, &columns).map_err(|diagnostics| file.failure(diagnostics))
}

/// A value that is not a probability: 0-based row and column, and the value.
#[derive(Clone, Debug, PartialEq)]
pub struct InvalidValue {
    pub row: usize,
    pub column: usize,
    pub value: f64,
}

impl InvalidValue {
    /// The value as a message shows it: scientific notation for tiny and huge values,
    /// which `{}` would print in full.
    fn shown(&self) -> String {
        let magnitude = self.value.abs();
        if magnitude == 0.0 || (1e-4..1e16).contains(&magnitude) || !magnitude.is_finite() {
            format!("{}", self.value)
        } else {
            format!("{:e}", self.value)
        }
    }
}

impl std::fmt::Display for InvalidValue {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "row {}, column {} (y_{}): {} is not a probability in [0, 1]",
            self.row + 1,
            self.column + 1,
            self.column,
            self.shown()
        )
    }
}

/// Why rows could not be traced: a value that is not a probability, or a goal value that
/// is not a label.
#[derive(Clone, Debug, PartialEq)]
pub enum TraceError {
    Value(InvalidValue),
    Goal(InvalidValue),
}

impl std::fmt::Display for TraceError {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceError::Value(invalid) => invalid.fmt(formatter),
            TraceError::Goal(invalid) => write!(
                formatter,
                "goal row {}, column {} (y_{}): {} is not a label (0 or 1)",
                invalid.row + 1,
                invalid.column + 1,
                invalid.column,
                invalid.shown()
            ),
        }
    }
}

/// The first value of row-major `rows` outside [0, 1] (or NaN).
pub fn find_invalid<T: Probability>(rows: &[T], columns: usize) -> Option<InvalidValue> {
    // A branch-free pass (which the compiler vectorises) settles the common case, where
    // every value is a probability, at memory speed; only a failing buffer is searched.
    let valid = rows.chunks(4096).all(|chunk| {
        chunk.iter().fold(true, |valid, value| {
            valid & (*value >= T::ZERO) & (*value <= T::ONE)
        })
    });
    if valid {
        return None;
    }
    rows.chunks_exact(columns.max(1))
        .enumerate()
        .find_map(|(row, values)| {
            PropositionalShield::invalid_value(values).map(|column| InvalidValue {
                row,
                column,
                value: values[column].to_f64(),
            })
        })
}

fn thread_count(threads: usize, rows: usize) -> usize {
    threads.max(1).min(rows.div_ceil(4096).max(1))
}

/// Corrects row-major `rows` in place on `threads` threads; returns how many rows changed.
/// Every value must be a probability: the rows are checked first and left untouched if one is not.
pub fn correct_rows<T: Probability>(
    shield: &PropositionalShield,
    rows: &mut [T],
    threads: usize,
) -> Result<usize, InvalidValue> {
    let columns = shield.columns.max(1);
    if let Some(invalid) = find_invalid(rows, columns) {
        return Err(invalid);
    }
    let count = rows.len() / columns;
    let workers = thread_count(threads, count);
    let per_worker = count.div_ceil(workers).max(1) * columns;
    let parts: Vec<_> = rows
        .chunks_mut(per_worker)
        .map(|chunk| {
            move || {
                chunk
                    .chunks_exact_mut(columns)
                    .map(|row| shield.correct_row(row, None))
                    .filter(|changed| *changed)
                    .count()
            }
        })
        .collect();
    let changed: usize = crate::workers::run(parts).into_iter().sum();
    Ok(changed)
}

/// The compiled kernels of a propositional shield, when this build has the JIT.
#[cfg(feature = "jit")]
pub use crate::codegen::propositional::PropositionalKernels;

/// The float types the compiled kernels take.
pub trait KernelRows: Probability {
    /// Runs the unchecked kernels on whole rows of valid probabilities.
    #[cfg(feature = "jit")]
    fn run(kernels: &PropositionalKernels, rows: &mut [Self]);
}

impl KernelRows for f32 {
    #[cfg(feature = "jit")]
    fn run(kernels: &PropositionalKernels, rows: &mut [f32]) {
        kernels.correct_f32(rows, None);
    }
}

impl KernelRows for f64 {
    #[cfg(feature = "jit")]
    fn run(kernels: &PropositionalKernels, rows: &mut [f64]) {
        kernels.correct_f64(rows, None);
    }
}

/// [`correct_rows`] through compiled kernels (from [`PropositionalKernels::compile`]): the
/// same bytes as the interpreter. Every value is checked first, so a bad one leaves the
/// whole buffer untouched.
#[cfg(feature = "jit")]
pub fn correct_rows_compiled<T: KernelRows>(
    shield: &PropositionalShield,
    kernels: &PropositionalKernels,
    rows: &mut [T],
    threads: usize,
) -> Result<(), InvalidValue> {
    let columns = shield.columns.max(1);
    if let Some(invalid) = find_invalid(rows, columns) {
        return Err(invalid);
    }
    let count = rows.len() / columns;
    let workers = thread_count(threads, count);
    let per_worker = count.div_ceil(workers).max(1);
    let parts: Vec<_> = rows
        .chunks_mut(per_worker * columns)
        .map(|chunk| move || T::run(kernels, chunk))
        .collect();
    crate::workers::run(parts);
    Ok(())
}

/// A goal value that is not a label (0 or 1): 0-based row and column, and the value.
fn invalid_goal<T: Probability>(goal: &[T], columns: usize) -> Option<InvalidValue> {
    goal.iter()
        .position(|value| !(*value == T::ZERO || *value == T::ONE))
        .map(|position| InvalidValue {
            row: position / columns,
            column: position % columns,
            value: goal[position].to_f64(),
        })
}

/// [`correct_rows`] recording each row's sources (`shield.heads.len()` per row) for
/// [`backward_rows`], with PiShield's training-time arguments: `goal` (the rows' true
/// labels, each 0 or 1) and the number of strata to apply (PiShield's slicer); see
/// [`PropositionalShield::correct_row_with_goal`].
pub fn trace_rows<T: Probability>(
    shield: &PropositionalShield,
    rows: &mut [T],
    goal: Option<&[T]>,
    modules: Option<usize>,
    trace: &mut [i64],
    threads: usize,
) -> Result<(), TraceError> {
    let columns = shield.columns.max(1);
    let heads = shield.heads.len();
    if let Some(invalid) = find_invalid(rows, columns) {
        return Err(TraceError::Value(invalid));
    }
    if let Some(goal) = goal {
        assert_eq!(goal.len(), rows.len(), "one goal value per value");
        if let Some(invalid) = invalid_goal(goal, columns) {
            return Err(TraceError::Goal(invalid));
        }
    }
    let count = rows.len() / columns;
    assert_eq!(
        trace.len(),
        count * heads,
        "one trace entry per row and head"
    );
    let workers = thread_count(threads, count);
    let per_worker = count.div_ceil(workers).max(1);
    let goals: Vec<Option<&[T]>> = match goal {
        Some(goal) => goal.chunks(per_worker * columns).map(Some).collect(),
        None => vec![None; rows.len().div_ceil(per_worker * columns)],
    };
    let parts: Vec<_> = rows
        .chunks_mut(per_worker * columns)
        .zip(trace.chunks_mut((per_worker * heads).max(1)))
        .zip(goals)
        .map(|((chunk, traces), goal)| {
            move || {
                for (index, row) in chunk.chunks_exact_mut(columns).enumerate() {
                    let goal = goal.map(|goal| &goal[index * columns..(index + 1) * columns]);
                    shield.correct_row_with_goal(
                        row,
                        goal,
                        modules,
                        Some(&mut traces[index * heads..(index + 1) * heads]),
                    );
                }
            }
        })
        .collect();
    crate::workers::run(parts);
    Ok(())
}

/// The gradient with respect to the inputs, in place on `gradient` (row-major f64, the
/// gradient with respect to the corrected rows on entry).
pub fn backward_rows(
    shield: &PropositionalShield,
    trace: &[i64],
    gradient: &mut [f64],
    threads: usize,
) {
    let columns = shield.columns.max(1);
    let heads = shield.heads.len();
    let count = gradient.len() / columns;
    let workers = thread_count(threads, count);
    let per_worker = count.div_ceil(workers).max(1);
    let parts: Vec<_> = gradient
        .chunks_mut(per_worker * columns)
        .zip(
            trace
                .chunks((per_worker * heads).max(1))
                .chain(std::iter::repeat(&[][..])),
        )
        .map(|(chunk, traces)| {
            move || {
                for (index, row) in chunk.chunks_exact_mut(columns).enumerate() {
                    let start = index * heads;
                    shield.backward_row(traces.get(start..start + heads).unwrap_or(&[]), row);
                }
            }
        })
        .collect();
    crate::workers::run(parts);
}

/// What `reqc correct` did to a propositional file's rows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PropositionalSummary {
    pub rows: u64,
    pub changed: u64,
    /// Rows whose labels at the threshold broke a rule before and after correction.
    pub violating_before: u64,
    pub violating_after: u64,
    /// Of the rows violating after correction, those with no input probability equal to
    /// the threshold or its mirror: `reqc verify` proves this zero at threshold 1/2.
    pub violating_after_off_boundary: u64,
}

/// Whether a row has a probability equal to the threshold `t` or to `1 - t`, where
/// PiShield's correction leaves labels ambiguous (`specs/propositional.md`).
pub fn on_boundary(specification: &PropositionalSpecification, row: &[f64]) -> bool {
    let one = num_rational::BigRational::from_integer(1.into());
    let mirrored = &one - &specification.threshold;
    specification.used_columns().iter().any(|column| {
        let value = crate::number::finite_rational(row[*column]);
        value == specification.threshold || value == mirrored
    })
}

/// The options of a propositional correction.
#[derive(Clone, Debug, Default)]
pub struct PropositionalCorrectOptions {
    /// The element type rows are corrected and written in (default: the input's; f64 for CSV).
    pub dtype: Option<FloatFormat>,
    pub threads: Option<usize>,
    pub read: ReadOptions,
    /// `Auto`: the interpreter while the kernels compile in the background, then the
    /// kernels; `Jit`: the kernels from the first row; `Interpreter`: the interpreter alone.
    /// The same bytes from each.
    pub engine: super::correct::Engine,
}

/// Corrects a block through the kernels when there are some, else the interpreter.
fn correct_block<T: KernelRows>(
    shield: &PropositionalShield,
    #[cfg(feature = "jit")] kernels: Option<&PropositionalKernels>,
    #[cfg(not(feature = "jit"))] _kernels: Option<&()>,
    rows: &mut [T],
    threads: usize,
) -> Result<(), InvalidValue> {
    #[cfg(feature = "jit")]
    if let Some(kernels) = kernels {
        return correct_rows_compiled(shield, kernels, rows, threads);
    }
    correct_rows(shield, rows, threads).map(|_| ())
}

/// The kernels `reqc correct` uses, as they become available.
#[cfg(feature = "jit")]
enum KernelState {
    Absent,
    Compiling(std::sync::mpsc::Receiver<Result<PropositionalKernels, String>>),
    Ready(PropositionalKernels),
}

#[cfg(feature = "jit")]
impl KernelState {
    fn poll(&mut self) -> Option<&PropositionalKernels> {
        if let KernelState::Compiling(receiver) = self {
            match receiver.try_recv() {
                Ok(Ok(kernels)) => *self = KernelState::Ready(kernels),
                // A compile error leaves `auto` on the interpreter, which gives the same bytes.
                Ok(Err(_)) | Err(std::sync::mpsc::TryRecvError::Disconnected) => {
                    *self = KernelState::Absent
                }
                Err(std::sync::mpsc::TryRecvError::Empty) => {}
            }
        }
        match self {
            KernelState::Ready(kernels) => Some(kernels),
            _ => None,
        }
    }
}

/// Whether a row's labels (true above the file's threshold) satisfy every rule.
pub fn row_satisfies(specification: &PropositionalSpecification, row: &[f64]) -> bool {
    satisfies_at(
        specification,
        shield::Threshold::new(&specification.threshold),
        row,
    )
}

/// Whether each row of row-major `rows` satisfies every rule (labels true above the
/// file's threshold), on `threads` threads.
pub fn satisfied_rows(
    specification: &PropositionalSpecification,
    rows: &[f64],
    threads: usize,
) -> Vec<bool> {
    let threshold = shield::Threshold::new(&specification.threshold);
    let columns = specification.columns.max(1);
    let count = rows.len() / columns;
    let per_worker = count.div_ceil(thread_count(threads, count)).max(1);
    let parts: Vec<_> = rows
        .chunks(per_worker * columns)
        .map(|chunk| {
            move || {
                chunk
                    .chunks_exact(columns)
                    .map(|row| satisfies_at(specification, threshold, row))
                    .collect::<Vec<bool>>()
            }
        })
        .collect();
    crate::workers::run(parts).into_iter().flatten().collect()
}

/// [`row_satisfies`] with the threshold test prepared once.
fn satisfies_at(
    specification: &PropositionalSpecification,
    threshold: shield::Threshold,
    row: &[f64],
) -> bool {
    specification
        .rules
        .iter()
        .all(|rule| shield::clause_holds(&rule.literals, row, threshold))
}

/// Corrects every row of `source` into `sink`.
pub fn correct(
    world: &dyn World,
    file: &PropositionalFile,
    shield: &PropositionalShield,
    source: RowSource,
    sink: RowSink<'_>,
    options: &PropositionalCorrectOptions,
) -> Result<(PropositionalSummary, FloatFormat), Failure> {
    let columns = file.specification.columns;
    if let RowSink::File(output) = &sink {
        let mut inputs = vec![file.path.as_path()];
        if let RowSource::File(input) = &source {
            inputs.push(input.as_path());
        }
        crate::atomic::refuse_inputs(output, &inputs)?;
    }
    let (mut reader, input_name) = match source {
        RowSource::File(path) => (
            super::correct::open_rows(world, &path, columns, &options.read).map_err(Failure::Io)?,
            path.display().to_string(),
        ),
        RowSource::Reader(reader) => {
            if reader.columns() != columns {
                return Err(Failure::Io(format!(
                    "the rows have {} columns, but the rules describe rows of {columns} columns",
                    reader.columns()
                )));
            }
            (reader, "the input".to_string())
        }
    };
    let format = options.dtype.or(reader.dtype()).unwrap_or(FloatFormat::F64);
    let threads = options.threads.unwrap_or_else(crate::workers::available);
    let header = reader.header().map(<[String]>::to_vec);
    #[cfg(feature = "jit")]
    let mut kernels = {
        use super::correct::Engine;
        let compile =
            || PropositionalKernels::compile(shield, &[format]).map_err(|error| error.message);
        match options.engine {
            Engine::Interpreter => KernelState::Absent,
            Engine::Jit => KernelState::Ready(compile().map_err(Failure::Io)?),
            Engine::Auto => {
                // Compiling takes a fraction of a second; the interpreter starts meanwhile
                // and the kernels take over from the next block once they are ready.
                let (sender, receiver) = std::sync::mpsc::channel();
                let shield = shield.clone();
                std::thread::spawn(move || {
                    let _ = sender.send(
                        PropositionalKernels::compile(&shield, &[format])
                            .map_err(|error| error.message),
                    );
                });
                KernelState::Compiling(receiver)
            }
        }
    };
    #[cfg(not(feature = "jit"))]
    if options.engine == super::correct::Engine::Jit {
        return Err(Failure::Io(super::missing_feature("jit", "`--engine jit`")));
    }
    let mut run = |writer: &mut dyn RowWriter| {
        stream(
            &file.specification,
            (reader.as_mut(), &input_name),
            writer,
            format,
            threads,
            &mut |rows: BlockRows<'_>| {
                #[cfg(feature = "jit")]
                let ready = kernels.poll();
                #[cfg(not(feature = "jit"))]
                let ready: Option<&()> = None;
                match rows {
                    BlockRows::Narrow(rows) => correct_block(shield, ready, rows, threads),
                    BlockRows::Wide(rows) => correct_block(shield, ready, rows, threads),
                }
            },
        )
    };
    let summary = match sink {
        RowSink::Writer(writer) => run(writer)?,
        RowSink::File(path) => {
            let (output, pending) = crate::atomic::create(&path)?;
            let buffered = std::io::BufWriter::with_capacity(1 << 20, output);
            let mut writer =
                crate::data::create_writer(&path, buffered, columns, format, header.as_deref())
                    .map_err(|error| Failure::Io(error.to_string()))?;
            let summary = run(writer.as_mut())?;
            writer.finish().map_err(|error| {
                Failure::Io(format!("cannot write `{}`: {error}", path.display()))
            })?;
            pending.commit()?;
            summary
        }
    };
    Ok((summary, format))
}

/// A block of rows in the element type it is corrected in.
enum BlockRows<'a> {
    Narrow(&'a mut [f32]),
    Wide(&'a mut [f64]),
}

fn stream(
    specification: &PropositionalSpecification,
    (reader, input_name): (&mut dyn RowReader, &str),
    writer: &mut dyn RowWriter,
    format: FloatFormat,
    threads: usize,
    correct: &mut dyn FnMut(BlockRows<'_>) -> Result<(), InvalidValue>,
) -> Result<PropositionalSummary, Failure> {
    let data_error = |error: DataError| match error.path {
        Some(_) => Failure::Io(error.to_string()),
        None => Failure::Io(format!("`{input_name}`: {error}")),
    };
    let columns = specification.columns.max(1);
    let block = crate::data::rows_per_block(65_536, columns);
    let mut buffer = Vec::with_capacity(block * columns);
    let mut summary = PropositionalSummary::default();
    loop {
        buffer.clear();
        let count = reader.read_rows(&mut buffer, block).map_err(data_error)?;
        if count == 0 {
            break;
        }
        let first_row = summary.rows as usize;
        let invalid = |invalid: InvalidValue| {
            Failure::Io(format!(
                "`{input_name}`: {}",
                InvalidValue {
                    row: invalid.row + first_row,
                    ..invalid
                }
            ))
        };
        let before = satisfied_rows(specification, &buffer, threads);
        let inputs = buffer.clone();
        match format {
            FloatFormat::F32 => {
                let mut narrow: Vec<f32> = buffer.iter().map(|value| *value as f32).collect();
                correct(BlockRows::Narrow(&mut narrow)).map_err(invalid)?;
                for (wide, value) in buffer.iter_mut().zip(&narrow) {
                    *wide = f64::from(*value);
                }
            }
            FloatFormat::F64 => correct(BlockRows::Wide(&mut buffer)).map_err(invalid)?,
        }
        // A row changed when a value changed (its bits, as rounded to the element type).
        let narrowed = |value: f64| match format {
            FloatFormat::F32 => f64::from(value as f32).to_bits(),
            FloatFormat::F64 => value.to_bits(),
        };
        let changed = buffer
            .chunks_exact(columns)
            .zip(inputs.chunks_exact(columns))
            .filter(|(row, input)| {
                row.iter()
                    .zip(input.iter())
                    .any(|(a, b)| a.to_bits() != narrowed(*b))
            })
            .count();
        let after = satisfied_rows(specification, &buffer, threads);
        for ((input, satisfied_before), satisfied_after) in
            inputs.chunks_exact(columns).zip(before).zip(after)
        {
            summary.violating_before += u64::from(!satisfied_before);
            if !satisfied_after {
                summary.violating_after += 1;
                summary.violating_after_off_boundary +=
                    u64::from(!on_boundary(specification, input));
            }
        }
        summary.rows += count as u64;
        summary.changed += changed as u64;
        writer.write_rows(&buffer).map_err(data_error)?;
    }
    Ok(summary)
}

/// The bytes of what `emit` names for a propositional shield: the derived rules (`sets`:
/// PiShield's Horn notation by stratum; `sets-json`), or the kernels' IR, assembly, object,
/// library or header. SMT-LIB is the linear shield's only.
pub fn compile(
    file: &PropositionalFile,
    shield: &PropositionalShield,
    emit: super::compile::Emit,
    cpu: &str,
    target: Option<&str>,
) -> Result<Vec<u8>, Failure> {
    use super::compile::Emit;
    let horn = |literal: &crate::propositional::Literal| {
        if literal.positive {
            literal.column.to_string()
        } else {
            format!("n{}", literal.column)
        }
    };
    let stratum_of: std::collections::BTreeMap<usize, usize> = shield
        .heads
        .iter()
        .map(|head| (head.column, head.stratum))
        .collect();
    match emit {
        Emit::Smt2 => Err(Failure::Io(
            "`--emit smt2` writes linear requirements; for propositional rules use `reqc verify`, or `--emit sets` for the derived rules".to_string(),
        )),
        Emit::Sets => {
            let mut text = format!(
                "# {}: {} derived from {} by resolution, in {} strata, ordering {:?}\n",
                file.name,
                counted(shield.rules.len(), "rule"),
                counted(file.specification.rules.len(), "rule"),
                shield.strata,
                shield.ordering
            );
            let mut by_stratum: std::collections::BTreeMap<usize, Vec<String>> = Default::default();
            for rule in &shield.rules {
                let body: Vec<String> = rule.body.iter().map(horn).collect();
                by_stratum
                    .entry(stratum_of[&rule.head.column])
                    .or_default()
                    .push(format!("{} :- {}", horn(&rule.head), body.join(" ")).trim_end().to_string());
            }
            for (stratum, rules) in by_stratum {
                text.push_str(&format!("stratum {stratum}\n"));
                for rule in rules {
                    text.push_str(&format!("  {rule}\n"));
                }
            }
            Ok(text.into_bytes())
        }
        Emit::SetsJson => {
            let rules: Vec<serde_json::Value> = shield
                .rules
                .iter()
                .map(|rule| {
                    serde_json::json!({
                        "stratum": stratum_of[&rule.head.column],
                        "head": horn(&rule.head),
                        "body": rule.body.iter().map(horn).collect::<Vec<_>>(),
                    })
                })
                .collect();
            let value = serde_json::json!({
                "columns": shield.columns,
                "ordering": shield.ordering,
                "strata": shield.strata,
                "rules": rules,
            });
            Ok((serde_json::to_string_pretty(&value).expect("JSON serialises") + "\n").into_bytes())
        }
        #[cfg(feature = "jit")]
        other => {
            use crate::codegen::Artifact;
            let artifact = match other {
                Emit::LlvmIr => Artifact::LlvmIr,
                Emit::Assembly => Artifact::Assembly,
                Emit::Object => Artifact::Object,
                Emit::Library => Artifact::Library,
                _ => Artifact::Header,
            };
            let options = crate::codegen::TargetOptions {
                cpu: cpu.to_string(),
                triple: target.map(str::to_string),
            };
            crate::codegen::propositional::artifact_bytes(shield, artifact, &options)
                .map_err(|error| Failure::Io(error.message))
        }
        #[cfg(not(feature = "jit"))]
        other => {
            let _ = (cpu, target);
            Err(Failure::Io(super::missing_feature(
                "jit",
                &format!("`reqc compile --emit {}`", other.name()),
            )))
        }
    }
}

/// [`compile`], written to `path` atomically (a library executable, as a linker makes it).
pub fn compile_to_file(
    file: &PropositionalFile,
    shield: &PropositionalShield,
    emit: super::compile::Emit,
    (cpu, target): (&str, Option<&str>),
    path: &Path,
) -> Result<(), Failure> {
    crate::atomic::refuse_inputs(path, &[&file.path])?;
    let bytes = compile(file, shield, emit, cpu, target)?;
    let mode = if emit == super::compile::Emit::Library {
        0o777
    } else {
        0o666
    };
    crate::atomic::write_with_mode(path, &bytes, mode)?;
    Ok(())
}
