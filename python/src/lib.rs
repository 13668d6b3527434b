//! `reqc._reqc`: the extension module behind the `reqc` Python package.
//!
//! A thin layer over `reqc::batch`: the Python side (`python/reqc/`) checks shapes and
//! dtypes, allocates outputs and turns errors into its own types; every call here that
//! does real work releases the GIL. PyO3 turns a Rust panic into a Python exception
//! (`pyo3_runtime.PanicException`), so nothing unwinds into the interpreter.

use numpy::{
    PyArray1, PyReadonlyArray1, PyReadonlyArray2, PyReadwriteArray1, PyReadwriteArray2,
    PyUntypedArrayMethods,
};
use pyo3::create_exception;
use pyo3::exceptions::{PyException, PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use reqc::batch::{
    BatchError, BatchOptions, BatchShield, Destination, Element, Engine, LoadError, Ordering,
};
use reqc::jobs;
use reqc::number::FloatFormat;
use reqc::propositional::shield::{Probability, PropositionalOrdering, PropositionalShield};
use reqc::propositional::PropositionalSpecification;
use reqc::shield::correct::{ImpossiblePolicy, NonFinitePolicy};
use reqc::world::DiskWorld;
use std::path::PathBuf;

create_exception!(
    _reqc,
    LoadFailure,
    PyException,
    "A file that could not be turned into a shield: args are (rendered, json_lines)."
);

fn load_failure(error: LoadError) -> PyErr {
    LoadFailure::new_err((error.rendered, error.json))
}

fn batch_error(error: BatchError) -> PyErr {
    match error {
        BatchError::Compile(message) => {
            PyRuntimeError::new_err(format!("the kernels could not be compiled: {message}"))
        }
        other => PyValueError::new_err(other.to_string()),
    }
}

fn ordering(kind: &str, seed: u64, columns: Option<Vec<usize>>) -> PyResult<Ordering> {
    Ok(match (kind, columns) {
        (_, Some(columns)) => Ordering::Columns(columns),
        ("file", None) => Ordering::File,
        ("random", None) => Ordering::Random(seed),
        ("auto", None) => Ordering::Auto,
        (other, None) => {
            return Err(PyValueError::new_err(format!(
            "ordering must be \"file\", \"random\", \"auto\" or a list of columns, not {other:?}"
        )))
        }
    })
}

fn options(
    engine: &str,
    threads: usize,
    non_finite: &str,
    impossible: &str,
) -> PyResult<BatchOptions> {
    Ok(BatchOptions {
        engine: match engine {
            "auto" => Engine::Auto,
            "jit" => Engine::Jit,
            "interp" => Engine::Interp,
            other => {
                return Err(PyValueError::new_err(format!(
                    "engine must be \"auto\", \"jit\" or \"interp\", not {other:?}"
                )))
            }
        },
        threads: threads.max(1),
        non_finite: match non_finite {
            "error" => NonFinitePolicy::Error,
            "keep" => NonFinitePolicy::Keep,
            other => {
                return Err(PyValueError::new_err(format!(
                    "non_finite must be \"error\" or \"keep\", not {other:?}"
                )))
            }
        },
        impossible: match impossible {
            "keep" => ImpossiblePolicy::Keep,
            "error" => ImpossiblePolicy::Error,
            other => {
                return Err(PyValueError::new_err(format!(
                    "impossible must be \"keep\" or \"error\", not {other:?}"
                )))
            }
        },
    })
}

fn format_of(dtype: &str) -> PyResult<FloatFormat> {
    match dtype {
        "float32" => Ok(FloatFormat::F32),
        "float64" => Ok(FloatFormat::F64),
        other => Err(PyValueError::new_err(format!(
            "dtype must be \"float32\" or \"float64\", not {other:?}"
        ))),
    }
}

fn contiguous<'a, T>(
    slice: Result<&'a mut [T], numpy::AsSliceError>,
    what: &str,
) -> PyResult<&'a mut [T]> {
    slice.map_err(|_| PyValueError::new_err(format!("{what} must be C-contiguous")))
}

fn contiguous_ref<'a, T>(
    slice: Result<&'a [T], numpy::AsSliceError>,
    what: &str,
) -> PyResult<&'a [T]> {
    slice.map_err(|_| PyValueError::new_err(format!("{what} must be C-contiguous")))
}

/// A loaded shield (the Python class `reqc.Shield` wraps it).
#[pyclass(frozen, module = "reqc._reqc")]
struct NativeShield {
    inner: BatchShield,
}

fn counts_dict<'py>(
    py: Python<'py>,
    counts: &reqc::batch::BatchCounts,
) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("rows", counts.rows)?;
    dict.set_item("changed", counts.changed)?;
    dict.set_item("inexact", counts.inexact)?;
    dict.set_item("impossible", counts.impossible)?;
    dict.set_item("non_finite", counts.non_finite)?;
    dict.set_item("kernel_rows", counts.kernel_rows)?;
    dict.set_item("undecided", counts.undecided)?;
    Ok(dict)
}

impl NativeShield {
    /// A loaded shield whose kernels go through the user's kernel cache, as `reqc
    /// correct`'s do (`REQC_CACHE_DIR`; set but empty: none): a later process, a Ray
    /// worker say, loads them instead of compiling.
    fn cached(inner: BatchShield) -> NativeShield {
        NativeShield {
            inner: inner.with_kernel_cache(reqc::jobs::correct::kernel_cache_directory()),
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn correct_generic<'py, T: Element + numpy::Element>(
        &self,
        py: Python<'py>,
        mut rows: PyReadwriteArray2<'py, T>,
        mut status: PyReadwriteArray1<'py, u8>,
        engine: &str,
        threads: usize,
        non_finite: &str,
        impossible: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let options = options(engine, threads, non_finite, impossible)?;
        let rows = contiguous(rows.as_slice_mut(), "the rows")?;
        let status = contiguous(status.as_slice_mut(), "the status array")?;
        let inner = &self.inner;
        let counts = py
            .detach(|| inner.correct(rows, status, &options))
            .map_err(batch_error)?;
        counts_dict(py, &counts)
    }

    #[allow(clippy::too_many_arguments)]
    fn correct_copy_generic<'py, T: Element + numpy::Element>(
        &self,
        py: Python<'py>,
        source: PyReadonlyArray2<'py, T>,
        mut destination: PyReadwriteArray2<'py, T>,
        scratch: bool,
        mut status: PyReadwriteArray1<'py, u8>,
        engine: &str,
        threads: usize,
        non_finite: &str,
        impossible: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        let options = options(engine, threads, non_finite, impossible)?;
        let source = contiguous_ref(source.as_slice(), "the rows")?;
        let destination = contiguous(destination.as_slice_mut(), "the output")?;
        let kind = if scratch {
            Destination::Scratch
        } else {
            Destination::Kept
        };
        let status = contiguous(status.as_slice_mut(), "the status array")?;
        let inner = &self.inner;
        let counts = py
            .detach(|| inner.correct_copy(source, (destination, kind), status, &options))
            .map_err(batch_error)?;
        counts_dict(py, &counts)
    }

    fn satisfied_generic<T: Element + numpy::Element>(
        &self,
        py: Python<'_>,
        rows: PyReadonlyArray2<'_, T>,
        mut mask: PyReadwriteArray1<'_, bool>,
        threads: usize,
    ) -> PyResult<()> {
        let rows = contiguous_ref(rows.as_slice(), "the rows")?;
        let mask = contiguous(mask.as_slice_mut(), "the mask")?;
        let inner = &self.inner;
        py.detach(|| inner.satisfied(rows, mask, threads))
            .map_err(batch_error)
    }

    fn stats_generic<T: Element + numpy::Element>(
        &self,
        py: Python<'_>,
        rows: PyReadonlyArray2<'_, T>,
    ) -> PyResult<(u64, u64, Vec<u64>)> {
        let count = rows.as_array().nrows();
        let rows = contiguous_ref(rows.as_slice(), "the rows")?;
        let inner = &self.inner;
        let stats = py
            .detach(|| inner.stats(rows, count))
            .map_err(batch_error)?;
        Ok((stats.rows, stats.violating_any, stats.satisfied))
    }

    fn trace_generic<T: Element + numpy::Element>(
        &self,
        py: Python<'_>,
        original: PyReadonlyArray2<'_, T>,
        corrected: PyReadonlyArray2<'_, T>,
        status: PyReadonlyArray1<'_, u8>,
        mut trace: PyReadwriteArray2<'_, u32>,
        threads: usize,
    ) -> PyResult<()> {
        let original = contiguous_ref(original.as_slice(), "the original rows")?;
        let corrected = contiguous_ref(corrected.as_slice(), "the corrected rows")?;
        let status = contiguous_ref(status.as_slice(), "the status array")?;
        let trace = contiguous(trace.as_slice_mut(), "the trace")?;
        let inner = &self.inner;
        py.detach(|| inner.trace(original, corrected, status, trace, threads))
            .map_err(batch_error)
    }
}

#[pymethods]
impl NativeShield {
    #[staticmethod]
    #[pyo3(signature = (path, ordering_kind="file", seed=0, columns=None, max_clauses=2000))]
    fn load(
        py: Python<'_>,
        path: PathBuf,
        ordering_kind: &str,
        seed: u64,
        columns: Option<Vec<usize>>,
        max_clauses: usize,
    ) -> PyResult<NativeShield> {
        let ordering = ordering(ordering_kind, seed, columns)?;
        let inner = py
            .detach(|| BatchShield::from_path(&DiskWorld, &path, ordering, max_clauses))
            .map_err(load_failure)?;
        Ok(NativeShield::cached(inner))
    }

    #[staticmethod]
    #[pyo3(signature = (text, name="<text>", base=None, ordering_kind="file", seed=0, columns=None, max_clauses=2000))]
    #[allow(clippy::too_many_arguments)]
    fn from_text(
        py: Python<'_>,
        text: &str,
        name: &str,
        base: Option<PathBuf>,
        ordering_kind: &str,
        seed: u64,
        columns: Option<Vec<usize>>,
        max_clauses: usize,
    ) -> PyResult<NativeShield> {
        let ordering = ordering(ordering_kind, seed, columns)?;
        let inner = py
            .detach(|| {
                BatchShield::from_text(
                    &DiskWorld,
                    text,
                    name,
                    &base.unwrap_or_else(|| PathBuf::from(".")),
                    ordering,
                    max_clauses,
                )
            })
            .map_err(load_failure)?;
        Ok(NativeShield::cached(inner))
    }

    #[getter]
    fn columns(&self) -> usize {
        self.inner.columns()
    }

    #[getter]
    fn ordering(&self) -> Vec<usize> {
        self.inner.ordering().to_vec()
    }

    /// Every column's declared name (`var`/`input`), or `y_k` when it has none.
    #[getter]
    fn column_names(&self) -> Vec<String> {
        let specification = self.inner.specification();
        (0..self.inner.columns())
            .map(|column| specification.column_name(column))
            .collect()
    }

    #[getter]
    fn requirements(&self) -> Vec<String> {
        self.inner
            .specification()
            .requirements
            .iter()
            .map(|requirement| requirement.label())
            .collect()
    }

    #[getter]
    fn levels(&self) -> usize {
        self.inner.gradient().levels()
    }

    #[getter]
    fn level_columns(&self) -> Vec<usize> {
        self.inner.gradient().columns().collect()
    }

    /// Compiles the kernels of a dtype now (once per shield) and returns the compile time in seconds.
    fn compile(&self, py: Python<'_>, dtype: &str) -> PyResult<f64> {
        let format = format_of(dtype)?;
        let inner = &self.inner;
        py.detach(|| inner.compile(format))
            .map(|duration| duration.as_secs_f64())
            .map_err(|message| {
                PyRuntimeError::new_err(format!("the kernels could not be compiled: {message}"))
            })
    }

    fn kernels_ready(&self, dtype: &str) -> PyResult<bool> {
        Ok(self.inner.kernels_ready(format_of(dtype)?))
    }

    #[allow(clippy::too_many_arguments)]
    fn correct_f32<'py>(
        &self,
        py: Python<'py>,
        rows: PyReadwriteArray2<'py, f32>,
        status: PyReadwriteArray1<'py, u8>,
        engine: &str,
        threads: usize,
        non_finite: &str,
        impossible: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.correct_generic(py, rows, status, engine, threads, non_finite, impossible)
    }

    #[allow(clippy::too_many_arguments)]
    fn correct_f64<'py>(
        &self,
        py: Python<'py>,
        rows: PyReadwriteArray2<'py, f64>,
        status: PyReadwriteArray1<'py, u8>,
        engine: &str,
        threads: usize,
        non_finite: &str,
        impossible: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.correct_generic(py, rows, status, engine, threads, non_finite, impossible)
    }

    #[allow(clippy::too_many_arguments)]
    fn correct_copy_f32<'py>(
        &self,
        py: Python<'py>,
        source: PyReadonlyArray2<'py, f32>,
        destination: PyReadwriteArray2<'py, f32>,
        scratch: bool,
        status: PyReadwriteArray1<'py, u8>,
        engine: &str,
        threads: usize,
        non_finite: &str,
        impossible: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.correct_copy_generic(
            py,
            source,
            destination,
            scratch,
            status,
            engine,
            threads,
            non_finite,
            impossible,
        )
    }

    #[allow(clippy::too_many_arguments)]
    fn correct_copy_f64<'py>(
        &self,
        py: Python<'py>,
        source: PyReadonlyArray2<'py, f64>,
        destination: PyReadwriteArray2<'py, f64>,
        scratch: bool,
        status: PyReadwriteArray1<'py, u8>,
        engine: &str,
        threads: usize,
        non_finite: &str,
        impossible: &str,
    ) -> PyResult<Bound<'py, PyDict>> {
        self.correct_copy_generic(
            py,
            source,
            destination,
            scratch,
            status,
            engine,
            threads,
            non_finite,
            impossible,
        )
    }

    fn satisfied_f32(
        &self,
        py: Python<'_>,
        rows: PyReadonlyArray2<'_, f32>,
        mask: PyReadwriteArray1<'_, bool>,
        threads: usize,
    ) -> PyResult<()> {
        self.satisfied_generic(py, rows, mask, threads)
    }

    fn satisfied_f64(
        &self,
        py: Python<'_>,
        rows: PyReadonlyArray2<'_, f64>,
        mask: PyReadwriteArray1<'_, bool>,
        threads: usize,
    ) -> PyResult<()> {
        self.satisfied_generic(py, rows, mask, threads)
    }

    fn stats_f32(
        &self,
        py: Python<'_>,
        rows: PyReadonlyArray2<'_, f32>,
    ) -> PyResult<(u64, u64, Vec<u64>)> {
        self.stats_generic(py, rows)
    }

    fn stats_f64(
        &self,
        py: Python<'_>,
        rows: PyReadonlyArray2<'_, f64>,
    ) -> PyResult<(u64, u64, Vec<u64>)> {
        self.stats_generic(py, rows)
    }

    fn trace_f32(
        &self,
        py: Python<'_>,
        original: PyReadonlyArray2<'_, f32>,
        corrected: PyReadonlyArray2<'_, f32>,
        status: PyReadonlyArray1<'_, u8>,
        trace: PyReadwriteArray2<'_, u32>,
        threads: usize,
    ) -> PyResult<()> {
        self.trace_generic(py, original, corrected, status, trace, threads)
    }

    fn trace_f64(
        &self,
        py: Python<'_>,
        original: PyReadonlyArray2<'_, f64>,
        corrected: PyReadonlyArray2<'_, f64>,
        status: PyReadonlyArray1<'_, u8>,
        trace: PyReadwriteArray2<'_, u32>,
        threads: usize,
    ) -> PyResult<()> {
        self.trace_generic(py, original, corrected, status, trace, threads)
    }

    /// The vector–Jacobian product, in place on `gradient` (f64 rows).
    fn backward(
        &self,
        py: Python<'_>,
        trace: PyReadonlyArray2<'_, u32>,
        mut gradient: PyReadwriteArray2<'_, f64>,
        threads: usize,
    ) -> PyResult<()> {
        let trace = contiguous_ref(trace.as_slice(), "the trace")?;
        let gradient = contiguous(gradient.as_slice_mut(), "the gradient")?;
        let inner = &self.inner;
        py.detach(|| inner.backward(trace, gradient, threads))
            .map_err(batch_error)
    }

    /// A traced literal: `(column it sets, [(column, numerator, denominator), ...], relation, (numerator, denominator))`.
    #[allow(clippy::type_complexity)]
    fn literal(
        &self,
        index: u32,
    ) -> PyResult<(
        usize,
        Vec<(usize, String, String)>,
        String,
        (String, String),
    )> {
        let rule = self.inner.gradient();
        let (level, literal) = rule
            .find_literal(index)
            .ok_or_else(|| PyValueError::new_err(format!("no traced literal {index}")))?;
        let report = reqc::shield::LiteralReport::of(literal);
        Ok((
            level,
            report.terms,
            report.relation.to_string(),
            report.constant,
        ))
    }
}

/// A loaded propositional shield (the Python class `reqc.PropositionalShield` wraps it).
#[pyclass(frozen, module = "reqc._reqc")]
struct NativePropositionalShield {
    specification: PropositionalSpecification,
    shield: PropositionalShield,
    /// The compiled kernels per format, compiled on first use and kept.
    kernels_f32: std::sync::OnceLock<Result<jobs::propositional::PropositionalKernels, String>>,
    kernels_f64: std::sync::OnceLock<Result<jobs::propositional::PropositionalKernels, String>>,
}

/// Batches of at least this many rows make `engine="auto"` compile the propositional
/// kernels; smaller ones use the interpreter until the kernels exist.
const AUTO_COMPILE_ROWS: usize = 16_384;

fn propositional_ordering(
    kind: &str,
    seed: u64,
    columns: Option<Vec<usize>>,
) -> PyResult<PropositionalOrdering> {
    Ok(match (kind, columns) {
        (_, Some(columns)) => PropositionalOrdering::Columns(columns),
        ("given" | "file", None) => PropositionalOrdering::Given,
        ("degree", None) => PropositionalOrdering::Degree,
        ("rev-degree", None) => PropositionalOrdering::ReverseDegree,
        ("random", None) => PropositionalOrdering::Random(seed),
        (other, None) => {
            return Err(PyValueError::new_err(format!(
                "ordering must be \"given\", \"degree\", \"rev-degree\", \"random\" or a list of labels, not {other:?}"
            )))
        }
    })
}

fn propositional_shield(
    loaded: Result<jobs::propositional::PropositionalFile, jobs::Failure>,
    ordering: &PropositionalOrdering,
) -> Result<NativePropositionalShield, LoadError> {
    let file = loaded.map_err(reqc::batch::failure_error)?;
    let shield = jobs::propositional::build(&file, ordering).map_err(reqc::batch::failure_error)?;
    Ok(NativePropositionalShield {
        specification: file.specification,
        shield,
        kernels_f32: std::sync::OnceLock::new(),
        kernels_f64: std::sync::OnceLock::new(),
    })
}

fn invalid_value(invalid: jobs::propositional::InvalidValue) -> PyErr {
    PyValueError::new_err(invalid.to_string())
}

impl NativePropositionalShield {
    fn check_rows(&self, length: usize) -> PyResult<()> {
        let columns = self.shield.columns.max(1);
        if !length.is_multiple_of(columns) {
            return Err(PyValueError::new_err(format!(
                "rows of {columns} values expected, got {length} values"
            )));
        }
        Ok(())
    }

    fn kernels_ready(&self, format: FloatFormat) -> bool {
        match format {
            FloatFormat::F32 => self.kernels_f32.get().is_some(),
            FloatFormat::F64 => self.kernels_f64.get().is_some(),
        }
    }

    /// The kernels of a format, compiled on first use.
    fn kernels(&self, format: FloatFormat) -> PyResult<&jobs::propositional::PropositionalKernels> {
        let cell = match format {
            FloatFormat::F32 => &self.kernels_f32,
            FloatFormat::F64 => &self.kernels_f64,
        };
        cell.get_or_init(|| {
            jobs::propositional::PropositionalKernels::compile(&self.shield, &[format])
                .map_err(|error| error.message)
        })
        .as_ref()
        .map_err(|message| {
            PyRuntimeError::new_err(format!("the kernels could not be compiled: {message}"))
        })
    }

    fn correct_generic<T: jobs::propositional::KernelRows + numpy::Element>(
        &self,
        py: Python<'_>,
        mut x: PyReadwriteArray2<'_, T>,
        threads: usize,
        engine: &str,
        format: FloatFormat,
    ) -> PyResult<usize> {
        let rows = contiguous(x.as_slice_mut(), "the array")?;
        self.check_rows(rows.len())?;
        let shield = &self.shield;
        match engine {
            "interp" => py
                .detach(|| jobs::propositional::correct_rows(shield, rows, threads))
                .map_err(invalid_value)
                .map(|_| 0),
            // `auto` keeps small batches on the interpreter until the kernels exist: compiling
            // them (about 0.2 s on the bundled rule set) would cost more than the batch.
            "auto"
                if rows.len() / self.shield.columns.max(1) < AUTO_COMPILE_ROWS
                    && !self.kernels_ready(format) =>
            {
                py.detach(|| jobs::propositional::correct_rows(shield, rows, threads))
                    .map_err(invalid_value)
                    .map(|_| 0)
            }
            "auto" | "jit" => {
                let kernels = py.detach(|| self.kernels(format))?;
                py.detach(|| {
                    jobs::propositional::correct_rows_compiled(shield, kernels, rows, threads)
                })
                .map_err(invalid_value)
                .map(|()| 0)
            }
            other => Err(PyValueError::new_err(format!(
                "engine must be \"auto\", \"jit\" or \"interp\", not {other:?}"
            ))),
        }
    }

    fn trace_generic<T: Probability + numpy::Element>(
        &self,
        py: Python<'_>,
        mut x: PyReadwriteArray2<'_, T>,
        goal: Option<PyReadonlyArray2<'_, T>>,
        modules: Option<usize>,
        mut trace: PyReadwriteArray2<'_, i64>,
        threads: usize,
    ) -> PyResult<()> {
        let rows = contiguous(x.as_slice_mut(), "the array")?;
        let trace = contiguous(trace.as_slice_mut(), "the trace")?;
        self.check_rows(rows.len())?;
        if trace.len() != rows.len() / self.shield.columns.max(1) * self.shield.heads.len() {
            return Err(PyValueError::new_err(
                "the trace needs one entry per row and corrected label",
            ));
        }
        let goal = match &goal {
            Some(goal) => {
                let goal = contiguous_ref(goal.as_slice(), "the goal")?;
                if goal.len() != rows.len() {
                    return Err(PyValueError::new_err(
                        "the goal must have the shape of the rows",
                    ));
                }
                Some(goal)
            }
            None => None,
        };
        let shield = &self.shield;
        py.detach(|| jobs::propositional::trace_rows(shield, rows, goal, modules, trace, threads))
            .map_err(|error| PyValueError::new_err(error.to_string()))
    }
}

#[pymethods]
impl NativePropositionalShield {
    #[staticmethod]
    #[pyo3(signature = (path, ordering_kind="given", seed=0, columns=None))]
    fn load(
        py: Python<'_>,
        path: PathBuf,
        ordering_kind: &str,
        seed: u64,
        columns: Option<Vec<usize>>,
    ) -> PyResult<NativePropositionalShield> {
        let ordering = propositional_ordering(ordering_kind, seed, columns)?;
        py.detach(|| propositional_shield(jobs::propositional::load(&DiskWorld, &path), &ordering))
            .map_err(load_failure)
    }

    #[staticmethod]
    #[pyo3(signature = (text, name="<text>", ordering_kind="given", seed=0, columns=None))]
    fn from_text(
        py: Python<'_>,
        text: String,
        name: &str,
        ordering_kind: &str,
        seed: u64,
        columns: Option<Vec<usize>>,
    ) -> PyResult<NativePropositionalShield> {
        let ordering = propositional_ordering(ordering_kind, seed, columns)?;
        let name = name.to_string();
        py.detach(|| {
            propositional_shield(
                jobs::propositional::load_text(std::path::Path::new(&name), name.clone(), text),
                &ordering,
            )
        })
        .map_err(load_failure)
    }

    #[getter]
    fn columns(&self) -> usize {
        self.shield.columns
    }

    #[getter]
    fn ordering(&self) -> Vec<usize> {
        self.shield.ordering.clone()
    }

    #[getter]
    fn strata(&self) -> usize {
        self.shield.strata
    }

    /// The PiShield module (stratum rank) of each label the shield may change, in order.
    #[getter]
    fn modules(&self) -> Vec<usize> {
        self.shield.heads.iter().map(|head| head.module).collect()
    }

    /// The labels the shield may change, in the order it corrects them.
    #[getter]
    fn heads(&self) -> Vec<usize> {
        self.shield.heads.iter().map(|head| head.column).collect()
    }

    #[getter]
    fn threshold(&self) -> f64 {
        self.specification.threshold_f64()
    }

    /// Every rule of the file as a clause: `[(column, positive), ...]`, each literal once.
    #[getter]
    fn clauses(&self) -> Vec<Vec<(usize, bool)>> {
        self.specification
            .rules
            .iter()
            .map(|rule| {
                let mut seen = Vec::new();
                for literal in &rule.written {
                    if !seen.contains(&(literal.column, literal.positive)) {
                        seen.push((literal.column, literal.positive));
                    }
                }
                seen
            })
            .collect()
    }

    /// Every rule of the file in reqc's form.
    #[getter]
    fn requirements(&self) -> Vec<String> {
        self.specification
            .rules
            .iter()
            .map(|rule| self.specification.rule_text(rule))
            .collect()
    }

    /// The rules the elimination derived, `head :- body` in PiShield's Horn notation.
    #[getter]
    fn derived_rules(&self) -> Vec<String> {
        let literal = |literal: &reqc::propositional::Literal| {
            if literal.positive {
                literal.column.to_string()
            } else {
                format!("n{}", literal.column)
            }
        };
        self.shield
            .rules
            .iter()
            .map(|rule| {
                let body: Vec<String> = rule.body.iter().map(literal).collect();
                format!("{} :- {}", literal(&rule.head), body.join(" "))
                    .trim_end()
                    .to_string()
            })
            .collect()
    }

    #[pyo3(signature = (x, threads, engine="auto"))]
    fn correct_f32(
        &self,
        py: Python<'_>,
        x: PyReadwriteArray2<'_, f32>,
        threads: usize,
        engine: &str,
    ) -> PyResult<usize> {
        self.correct_generic(py, x, threads, engine, FloatFormat::F32)
    }

    #[pyo3(signature = (x, threads, engine="auto"))]
    fn correct_f64(
        &self,
        py: Python<'_>,
        x: PyReadwriteArray2<'_, f64>,
        threads: usize,
        engine: &str,
    ) -> PyResult<usize> {
        self.correct_generic(py, x, threads, engine, FloatFormat::F64)
    }

    /// Compiles the kernels of a format now; returns the compile time in seconds.
    fn compile(&self, py: Python<'_>, dtype: &str) -> PyResult<f64> {
        let format = format_of(dtype)?;
        let kernels = py.detach(|| self.kernels(format))?;
        Ok(kernels.compile_time.as_secs_f64())
    }

    #[pyo3(signature = (x, trace, threads, goal=None, modules=None))]
    fn trace_f32(
        &self,
        py: Python<'_>,
        x: PyReadwriteArray2<'_, f32>,
        trace: PyReadwriteArray2<'_, i64>,
        threads: usize,
        goal: Option<PyReadonlyArray2<'_, f32>>,
        modules: Option<usize>,
    ) -> PyResult<()> {
        self.trace_generic(py, x, goal, modules, trace, threads)
    }

    #[pyo3(signature = (x, trace, threads, goal=None, modules=None))]
    fn trace_f64(
        &self,
        py: Python<'_>,
        x: PyReadwriteArray2<'_, f64>,
        trace: PyReadwriteArray2<'_, i64>,
        threads: usize,
        goal: Option<PyReadonlyArray2<'_, f64>>,
        modules: Option<usize>,
    ) -> PyResult<()> {
        self.trace_generic(py, x, goal, modules, trace, threads)
    }

    /// The vector–Jacobian product, in place on `gradient` (f64 rows).
    fn backward(
        &self,
        py: Python<'_>,
        trace: PyReadonlyArray2<'_, i64>,
        mut gradient: PyReadwriteArray2<'_, f64>,
        threads: usize,
    ) -> PyResult<()> {
        let trace = contiguous_ref(trace.as_slice(), "the trace")?;
        let gradient = contiguous(gradient.as_slice_mut(), "the gradient")?;
        self.check_rows(gradient.len())?;
        if trace.len() != gradient.len() / self.shield.columns.max(1) * self.shield.heads.len() {
            return Err(PyValueError::new_err("the trace does not fit the gradient"));
        }
        let shield = &self.shield;
        py.detach(|| jobs::propositional::backward_rows(shield, trace, gradient, threads));
        Ok(())
    }

    /// Whether each row's labels (true above the file's threshold) satisfy every rule.
    fn satisfied(
        &self,
        py: Python<'_>,
        x: PyReadonlyArray2<'_, f64>,
        mut mask: PyReadwriteArray1<'_, bool>,
        threads: usize,
    ) -> PyResult<()> {
        let rows = contiguous_ref(x.as_slice(), "the array")?;
        let mask = contiguous(mask.as_slice_mut(), "the mask")?;
        if mask.len() != rows.len() / self.shield.columns.max(1) {
            return Err(PyValueError::new_err("the mask needs one entry per row"));
        }
        self.check_rows(rows.len())?;
        let specification = &self.specification;
        py.detach(|| {
            let satisfied = jobs::propositional::satisfied_rows(specification, rows, threads);
            mask.copy_from_slice(&satisfied);
        });
        Ok(())
    }
}

/// The threads a call takes by default (`reqc::workers::available`: the cores this process
/// may run on, read once).
#[pyfunction]
fn available_threads() -> usize {
    reqc::workers::available()
}

/// Whether a requirements file is propositional (`reqc::propositional::detect`).
#[pyfunction]
fn is_propositional(path: PathBuf) -> PyResult<bool> {
    match jobs::read_source(&DiskWorld, &path) {
        Ok(jobs::SourceText::Text(text)) => Ok(reqc::propositional::detect(&text)),
        Ok(jobs::SourceText::Rejected(..)) => Ok(false),
        Err(message) => Err(pyo3::exceptions::PyOSError::new_err(message)),
    }
}

/// `reqc check` as values: `(rendered, json_lines)` of every diagnostic.
#[pyfunction]
#[pyo3(signature = (path, solver=true, timeout=2.0))]
fn check(py: Python<'_>, path: PathBuf, solver: bool, timeout: f64) -> PyResult<(String, String)> {
    let timeout = solver.then(|| std::time::Duration::from_secs_f64(timeout.max(0.0)));
    py.detach(|| reqc::batch::check_file(&DiskWorld, &path, timeout))
        .map_err(PyValueError::new_err)
}

/// `reqc verify` as values: `(rendered, json_lines, summary_json or None, assertion_lines)`
/// (the shield proof's summary, and one JSON line per calibration report and equivalence
/// result); a file that cannot be built raises `LoadFailure`.
#[pyfunction]
#[pyo3(signature = (path, ordering_kind="file", seed=0, columns=None, timeout=10.0, max_clauses=2000))]
fn verify(
    py: Python<'_>,
    path: PathBuf,
    ordering_kind: &str,
    seed: u64,
    columns: Option<Vec<usize>>,
    timeout: f64,
    max_clauses: usize,
) -> PyResult<(String, String, Option<String>, Vec<String>)> {
    let ordering = ordering(ordering_kind, seed, columns)?;
    let report = py
        .detach(|| reqc::batch::verify_file(&DiskWorld, &path, ordering, max_clauses, timeout))
        .map_err(load_failure)?;
    Ok((
        report.rendered,
        report.json,
        report.summary,
        report.assertions,
    ))
}

/// The binning of a calibration block: (sum tolerance, epsilon, bin count, edges or None
/// for `equal_mass`, whose edges depend on the data).
#[pyfunction]
fn calibration_binning(
    path: PathBuf,
    block: &str,
) -> PyResult<(f64, f64, usize, Option<Vec<f64>>)> {
    let binning =
        reqc::batch::calibration_binning(&DiskWorld, &path, block).map_err(load_failure)?;
    Ok((
        binning.tolerance,
        binning.epsilon,
        binning.bins,
        binning.edges,
    ))
}

/// Each row's confidence and prediction, as numpy arrays.
type ConfidencesAndPredictions<'py> = (Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<u32>>);

/// Validates probability rows as `reqc verify` does and returns (confidences, predictions),
/// or raises `ValueError` with the zero-based (row, column or -1, message) of the first bad
/// row in `args[1:]`.
#[pyfunction]
fn calibration_rows<'py>(
    py: Python<'py>,
    rows: PyReadonlyArray2<'py, f64>,
    tolerance: f64,
) -> PyResult<ConfidencesAndPredictions<'py>> {
    let classes = rows.shape()[1];
    let values = rows.as_slice().map_err(|_| {
        PyValueError::new_err("the probabilities must be a C-contiguous float64 array")
    })?;
    let result = py.detach(|| reqc::batch::calibration_rows(values, classes, tolerance));
    match result {
        Ok(predictions) => Ok((
            PyArray1::from_vec(py, predictions.confidences),
            PyArray1::from_vec(py, predictions.predicted),
        )),
        Err(problem) => Err(PyValueError::new_err((
            problem.message,
            problem.row,
            problem.column.map_or(-1, |column| column as i64),
        ))),
    }
}

/// Reads a pass from its JSON text, or raises `ValueError`. serde_json's
/// `float_roundtrip` feature (python/Cargo.toml) makes every float read back bit for bit.
fn pass_from_json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> PyResult<T> {
    serde_json::from_str(text)
        .map_err(|error| PyValueError::new_err(format!("not a calibration {what}: {error}")))
}

/// Writes a pass as JSON text.
fn pass_to_json<T: serde::Serialize>(pass: &T) -> PyResult<String> {
    serde_json::to_string(pass).map_err(|error| PyValueError::new_err(error.to_string()))
}

/// The first pass of calibration over validated rows (`specs/calibration.md`, "Merging"),
/// as JSON: per bin the support, correct count, class counts, exact confidence sum and
/// p-value moments.
#[pyfunction]
#[allow(clippy::too_many_arguments)]
fn calibration_first_pass(
    py: Python<'_>,
    edges: Vec<f64>,
    classes: usize,
    epsilon: f64,
    confidences: PyReadonlyArray1<'_, f64>,
    predicted: PyReadonlyArray1<'_, u32>,
    labels: PyReadonlyArray1<'_, u32>,
) -> PyResult<String> {
    let confidences = confidences.as_array();
    let predicted = predicted.as_array();
    let labels = labels.as_array();
    if !reqc::calibration::edges_are_valid(&edges) || classes == 0 {
        return Err(PyValueError::new_err(
            "edges must rise from 0 to 1 (at least two) and the class count be positive",
        ));
    }
    if predicted.len() != confidences.len() || labels.len() != confidences.len() {
        return Err(PyValueError::new_err(
            "confidences, predictions and labels must have the same length",
        ));
    }
    if let Some(row) = (0..confidences.len()).find(|&row| {
        !(0.0..=1.0).contains(&confidences[row])
            || predicted[row] as usize >= classes
            || labels[row] as usize >= classes
    }) {
        return Err(PyValueError::new_err(format!(
            "row {row}: confidences must lie in [0, 1], predictions and labels below the class count {classes}"
        )));
    }
    let (confidences, predicted, labels) =
        (confidences.to_vec(), predicted.to_vec(), labels.to_vec());
    let pass = py.detach(|| {
        let mut pass = reqc::calibration::FirstPass::new(edges, classes, epsilon);
        pass.add_rows(&confidences, &predicted, &labels);
        pass
    });
    pass_to_json(&pass)
}

/// Reads passes (JSON) over disjoint rows and merges them into one, with the GIL released.
fn merge_passes<T: serde::de::DeserializeOwned + Send>(
    py: Python<'_>,
    passes: &[String],
    what: &str,
    merge: impl Fn(&mut T, &T) -> Result<(), String> + Send + Sync,
) -> PyResult<T> {
    let mut parsed = passes
        .iter()
        .map(|text| pass_from_json::<T>(text, what))
        .collect::<PyResult<Vec<_>>>()?
        .into_iter();
    let mut merged = parsed
        .next()
        .ok_or_else(|| PyValueError::new_err(format!("no {what}es to merge")))?;
    py.detach(|| parsed.try_for_each(|pass| merge(&mut merged, &pass)))
        .map_err(PyValueError::new_err)?;
    Ok(merged)
}

/// Merges first passes (JSON) over disjoint rows into one, and returns it with the
/// needs of its bins' second pass: (merged pass, needs), both JSON.
#[pyfunction]
fn calibration_merge_first(py: Python<'_>, passes: Vec<String>) -> PyResult<(String, String)> {
    let merged = merge_passes(
        py,
        &passes,
        "first pass",
        reqc::calibration::FirstPass::merge,
    )?;
    Ok((pass_to_json(&merged)?, pass_to_json(&merged.needs())?))
}

/// The second pass over validated confidences, for the needs (JSON) of the merged first
/// pass, as JSON.
#[pyfunction]
fn calibration_second_pass(
    py: Python<'_>,
    edges: Vec<f64>,
    epsilon: f64,
    needs: &str,
    confidences: PyReadonlyArray1<'_, f64>,
) -> PyResult<String> {
    let needs: Vec<reqc::calibration::statistics::Need> = pass_from_json(needs, "needs list")?;
    if !reqc::calibration::edges_are_valid(&edges) || needs.len() + 1 != edges.len() {
        return Err(PyValueError::new_err(
            "edges must rise from 0 to 1, with one need per bin",
        ));
    }
    let confidences = confidences.as_array().to_vec();
    if let Some(row) = confidences.iter().position(|c| !(0.0..=1.0).contains(c)) {
        return Err(PyValueError::new_err(format!(
            "row {row}: confidences must lie in [0, 1]"
        )));
    }
    let pass = py.detach(|| {
        let mut pass = reqc::calibration::SecondPasses::new(&needs);
        pass.add_rows(&edges, epsilon, &confidences);
        pass
    });
    pass_to_json(&pass)
}

/// Merges second passes (JSON) over disjoint rows into one (JSON).
#[pyfunction]
fn calibration_merge_second(py: Python<'_>, passes: Vec<String>) -> PyResult<String> {
    let merged = merge_passes(
        py,
        &passes,
        "second pass",
        reqc::calibration::SecondPasses::merge,
    )?;
    pass_to_json(&merged)
}

/// `reqc verify` of one calibration block from its two merged passes (JSON):
/// (rendered verdict, JSON diagnostics, `calibration_report` JSON line).
#[pyfunction]
fn calibrate_passes(
    py: Python<'_>,
    path: PathBuf,
    block: &str,
    first: &str,
    second: &str,
) -> PyResult<(String, String, String)> {
    let first: reqc::calibration::FirstPass = pass_from_json(first, "first pass")?;
    let second: reqc::calibration::SecondPasses = pass_from_json(second, "second pass")?;
    py.detach(|| reqc::batch::calibrate_passes(&DiskWorld, &path, block, &first, &second))
        .map_err(load_failure)
}

/// Panics on purpose (with the GIL released, optionally in a worker thread), so that the
/// tests can show that a Rust panic reaches Python as an exception instead of aborting.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>, in_thread: bool) {
    py.detach(|| {
        if in_thread {
            std::thread::scope(|scope| {
                scope.spawn(|| panic!("a deliberate panic in a worker thread"));
            });
        } else {
            panic!("a deliberate panic");
        }
    })
}

#[pymodule]
fn _reqc(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<NativeShield>()?;
    module.add_class::<NativePropositionalShield>()?;
    module.add_function(wrap_pyfunction!(check, module)?)?;
    module.add_function(wrap_pyfunction!(is_propositional, module)?)?;
    module.add_function(wrap_pyfunction!(available_threads, module)?)?;
    module.add_function(wrap_pyfunction!(verify, module)?)?;
    module.add_function(wrap_pyfunction!(calibration_binning, module)?)?;
    module.add_function(wrap_pyfunction!(calibration_rows, module)?)?;
    module.add_function(wrap_pyfunction!(calibration_first_pass, module)?)?;
    module.add_function(wrap_pyfunction!(calibration_merge_first, module)?)?;
    module.add_function(wrap_pyfunction!(calibration_second_pass, module)?)?;
    module.add_function(wrap_pyfunction!(calibration_merge_second, module)?)?;
    module.add_function(wrap_pyfunction!(calibrate_passes, module)?)?;
    module.add_function(wrap_pyfunction!(_panic_for_tests, module)?)?;
    module.add("LoadFailure", module.py().get_type::<LoadFailure>())?;
    module.add("STATUS_UNCHANGED", reqc::codegen::STATUS_UNCHANGED)?;
    module.add("STATUS_CORRECTED", reqc::codegen::STATUS_CORRECTED)?;
    module.add("STATUS_IMPOSSIBLE", reqc::codegen::STATUS_IMPOSSIBLE)?;
    module.add("STATUS_UNDECIDED", reqc::codegen::STATUS_UNDECIDED)?;
    module.add("STATUS_NON_FINITE", reqc::codegen::STATUS_NON_FINITE)?;
    module.add("STATUS_INEXACT", reqc::codegen::STATUS_INEXACT)?;
    module.add("NO_LITERAL", reqc::shield::gradient::NO_LITERAL)?;
    Ok(())
}
