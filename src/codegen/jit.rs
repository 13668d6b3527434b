//! The JIT: compiles a shield's kernels in memory and hands out safe, thread-shareable handles to them.

use super::aot::{run_pipeline, set_target, target_machine, TargetOptions};
use super::KernelCache;
use super::{lower_only, verify, CodegenError};
use crate::number::FloatFormat;
use crate::shield::Shield;
use inkwell::context::Context;
use inkwell::OptimizationLevel;
use std::sync::{mpsc, Arc, Condvar, Mutex, OnceLock};

/// A kernel that corrects a copy of its rows, `reqc_correct_copy_f32(source, rows, n_rows,
/// status)` (`lower::copy_kernel_name`); in place where `source` is `rows`.
pub(super) type CopyKernel<T> = unsafe extern "C" fn(*const T, *mut T, u64, *mut u8) -> u64;
pub(super) type KernelF32 = CopyKernel<f32>;
pub(super) type KernelF64 = CopyKernel<f64>;

/// The compiled kernels of one shield, for the formats asked for. Only [`with_kernels`]
/// and the kernel cache make one, and only lend it out while the execution engine or the
/// loaded library that owns the machine code is alive.
pub struct Kernels {
    columns: usize,
    f32_kernel: Option<KernelF32>,
    f64_kernel: Option<KernelF64>,
    /// How long compiling took (lowering, verification, optimisation and code generation),
    /// or loading them from the kernel cache.
    pub compile_time: std::time::Duration,
    /// Whether the kernels came from the kernel cache instead of LLVM.
    pub from_cache: bool,
}

impl Kernels {
    pub(super) fn new(
        columns: usize,
        (f32_kernel, f64_kernel): (Option<KernelF32>, Option<KernelF64>),
        compile_time: std::time::Duration,
        from_cache: bool,
    ) -> Kernels {
        Kernels {
            columns,
            f32_kernel,
            f64_kernel,
            compile_time,
            from_cache,
        }
    }

    pub fn columns(&self) -> usize {
        self.columns
    }

    /// A second handle to the same machine code. Private: a copy must not outlive the
    /// engine, which only [`BackgroundKernels`] arranges for.
    fn duplicate(&self) -> Kernels {
        Kernels {
            columns: self.columns,
            f32_kernel: self.f32_kernel,
            f64_kernel: self.f64_kernel,
            compile_time: self.compile_time,
            from_cache: self.from_cache,
        }
    }

    /// Corrects f32 rows in place, writing a status per row; returns how many rows are undecided.
    ///
    /// Panics when the buffers do not hold `status.len()` rows of the shield's column count,
    /// or when the f32 kernel was not compiled.
    pub fn correct_f32(&self, rows: &mut [f32], status: &mut [u8]) -> usize {
        self.run(
            self.f32_kernel.expect("the f32 kernel was compiled"),
            None,
            rows,
            status,
        )
    }

    /// Corrects a copy of `source` made into `rows` (as [`Kernels::correct_f32`] corrects in
    /// place, a block at a time as it goes), writing a status per row; returns how many rows
    /// are undecided.
    ///
    /// Panics like [`Kernels::correct_f32`], or when `source` is not as long as `rows`.
    pub fn correct_copy_f32(&self, source: &[f32], rows: &mut [f32], status: &mut [u8]) -> usize {
        let kernel = self.f32_kernel.expect("the f32 kernel was compiled");
        self.run(kernel, Some(source), rows, status)
    }

    /// Corrects f64 rows in place, writing a status per row; returns how many rows are undecided.
    ///
    /// Panics like [`Kernels::correct_f32`].
    pub fn correct_f64(&self, rows: &mut [f64], status: &mut [u8]) -> usize {
        self.run(
            self.f64_kernel.expect("the f64 kernel was compiled"),
            None,
            rows,
            status,
        )
    }

    /// Like [`Kernels::correct_copy_f32`], with f64 rows.
    pub fn correct_copy_f64(&self, source: &[f64], rows: &mut [f64], status: &mut [u8]) -> usize {
        let kernel = self.f64_kernel.expect("the f64 kernel was compiled");
        self.run(kernel, Some(source), rows, status)
    }

    /// Runs `kernel` on `status.len()` rows: on a copy of `source` made into `rows`, or on
    /// `rows` in place without a source.
    fn run<T>(
        &self,
        kernel: CopyKernel<T>,
        source: Option<&[T]>,
        rows: &mut [T],
        status: &mut [u8],
    ) -> usize {
        assert_eq!(rows.len(), status.len() * self.columns, "row buffer size");
        if let Some(source) = source {
            assert_eq!(source.len(), rows.len(), "source buffer size");
        }
        let destination = rows.as_mut_ptr();
        let source = source.map_or(destination.cast_const(), <[T]>::as_ptr);
        // Safety: the kernel reads exactly `status.len()` rows of `columns` values at `source`,
        // writes as many at `destination` and one status byte per row at `status`; the slices
        // are that long (asserted above), `rows` and `status` exclusively borrowed, and a
        // separate `source` is a shared borrow, which cannot overlap `rows` (the kernel copies
        // only when the two addresses differ). The machine code lives as long as `self`.
        let undecided = unsafe {
            kernel(
                source,
                destination,
                status.len() as u64,
                status.as_mut_ptr(),
            )
        };
        undecided as usize
    }

    /// Like [`Kernels::correct_f32`], split over up to `threads` threads in blocks of rows.
    pub fn correct_f32_parallel(
        &self,
        rows: &mut [f32],
        status: &mut [u8],
        threads: usize,
    ) -> usize {
        let kernel = self.f32_kernel.expect("the f32 kernel was compiled");
        self.run_parallel(kernel, None, rows, status, threads)
    }

    /// Like [`Kernels::correct_f64`], split over up to `threads` threads in blocks of rows.
    pub fn correct_f64_parallel(
        &self,
        rows: &mut [f64],
        status: &mut [u8],
        threads: usize,
    ) -> usize {
        let kernel = self.f64_kernel.expect("the f64 kernel was compiled");
        self.run_parallel(kernel, None, rows, status, threads)
    }

    /// Like [`Kernels::correct_copy_f32`], split over up to `threads` threads in blocks of rows.
    pub fn correct_copy_f32_parallel(
        &self,
        source: &[f32],
        rows: &mut [f32],
        status: &mut [u8],
        threads: usize,
    ) -> usize {
        let kernel = self.f32_kernel.expect("the f32 kernel was compiled");
        self.run_parallel(kernel, Some(source), rows, status, threads)
    }

    /// Like [`Kernels::correct_copy_f64`], split over up to `threads` threads in blocks of rows.
    pub fn correct_copy_f64_parallel(
        &self,
        source: &[f64],
        rows: &mut [f64],
        status: &mut [u8],
        threads: usize,
    ) -> usize {
        let kernel = self.f64_kernel.expect("the f64 kernel was compiled");
        self.run_parallel(kernel, Some(source), rows, status, threads)
    }

    /// `run`, split over up to `threads` threads in blocks of rows.
    fn run_parallel<T: Send + Sync>(
        &self,
        kernel: CopyKernel<T>,
        source: Option<&[T]>,
        rows: &mut [T],
        status: &mut [u8],
        threads: usize,
    ) -> usize {
        let columns = self.columns.max(1);
        parallel_copy(
            source,
            rows,
            status,
            columns,
            threads,
            &|source, rows, status| self.run(kernel, source, rows, status),
        )
    }
}

/// Rows per thread below which threads are not worth starting.
const ROWS_PER_THREAD: usize = 2048;

/// Runs `kernel` on `threads` disjoint ranges of rows (with their status bytes), summing its results.
pub(super) fn parallel<T: Send + Sync>(
    rows: &mut [T],
    status: &mut [u8],
    columns: usize,
    threads: usize,
    kernel: &(dyn Fn(&mut [T], &mut [u8]) -> usize + Sync),
) -> usize {
    parallel_copy(None, rows, status, columns, threads, &|_, rows, status| {
        kernel(rows, status)
    })
}

/// A kernel on some of the rows, copying them from a source when there is one:
/// `(source, rows, status) -> undecided rows`.
type CopyWork<'a, T> = &'a (dyn Fn(Option<&[T]>, &mut [T], &mut [u8]) -> usize + Sync);

/// Runs `kernel` on `threads` disjoint ranges of rows (with their status bytes, and their
/// rows of `source` when there is one), summing its results: the first range on the calling
/// thread, the others on pooled worker threads (`workers`).
fn parallel_copy<T: Send + Sync>(
    source: Option<&[T]>,
    rows: &mut [T],
    status: &mut [u8],
    columns: usize,
    threads: usize,
    kernel: CopyWork<'_, T>,
) -> usize {
    let count = status.len();
    let threads = threads.max(1).min(count.div_ceil(ROWS_PER_THREAD)).max(1);
    if threads == 1 || columns == 0 {
        return kernel(source, rows, status);
    }
    let per_thread = count.div_ceil(threads);
    let sources: Vec<Option<&[T]>> = match source {
        Some(source) => source.chunks(per_thread * columns).map(Some).collect(),
        None => vec![None; count.div_ceil(per_thread)],
    };
    let parts: Vec<_> = sources
        .into_iter()
        .zip(rows.chunks_mut(per_thread * columns))
        .zip(status.chunks_mut(per_thread))
        .map(|((source, rows), status)| move || kernel(source, rows, status))
        .collect();
    crate::workers::run(parts).into_iter().sum()
}

extern "C" {
    /// The shield runtime (`runtime.c`), compiled natively by `build.rs` and linked into reqc;
    /// its signature is `lower::RUNTIME_ENTRY`'s. Only JIT code calls it.
    fn reqc_runtime_correct_row(
        integers: *const i64,
        reals: *const f64,
        row: *mut f64,
        single: i32,
    ) -> u8;

    /// The runtime's search resumed after the kernel's greedy pass (`lower::RUNTIME_RESUME`).
    fn reqc_runtime_resume_row(
        integers: *const i64,
        reals: *const f64,
        row: *mut f64,
        original: *const f64,
        single: i32,
        level: i64,
    ) -> u8;

    /// The runtime's boundary search for the f32 greedy pass (`lower::RUNTIME_BOUNDARY`).
    fn reqc_runtime_boundary(
        integers: *const i64,
        reals: *const f64,
        at: i64,
        column: i64,
        lower: i32,
        row: *mut f64,
    ) -> f64;

    /// The runtime's fast test over the tables (`lower::RUNTIME_FAST_TEST`).
    fn reqc_runtime_fast_test(integers: *const i64, reals: *const f64, row: *const f64) -> i32;
}

/// How much code the JIT's kernels hold and how much work LLVM does on it before
/// generating machine code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Optimisation {
    /// The greedy pass row by row only, and code generation only: the least code to
    /// compile. No command uses it (on two million violating rows, `CodeGeneration` was
    /// faster end to end, `specs/kernels.md`); `tests/kernels.rs` uses it to send every
    /// violating row through the row-by-row pass, which the block pass otherwise reaches
    /// only for the rows it leaves.
    RowByRow,
    /// The greedy pass on blocks of rows too, code generation only: for kernels that live
    /// for one run (`reqc correct`, whose compile time is start-up time).
    CodeGeneration,
    /// The greedy pass on blocks of rows too, and LLVM's `-O2` IR pipeline before code
    /// generation: about twice the compile time of `CodeGeneration`, for kernels 0.8–1.5
    /// times as fast (`cargo bench --bench kernels` prints the three side by side), for
    /// kernels reused across many calls (the Python package compiles once per shield; the
    /// kernel cache's entries).
    Pipeline,
}

impl Optimisation {
    /// Whether the kernels run the greedy pass on blocks of rows (`lower::lower`).
    pub(super) fn greedy_on_blocks(self) -> bool {
        self != Optimisation::RowByRow
    }
}

/// Compiles the shield's kernels for `formats` on this machine and runs `work` with them.
///
/// `reqc correct` asks for one format only: each kernel is compiled separately, so
/// compiling both would double the compile time.
pub fn with_kernels<R>(
    shield: &Shield,
    formats: &[FloatFormat],
    optimisation: Optimisation,
    work: impl FnOnce(&Kernels) -> R,
) -> Result<R, CodegenError> {
    let started = std::time::Instant::now();
    let context = Context::create();
    let module = lower_only(&context, shield, formats, optimisation.greedy_on_blocks())?;
    verify(&module, None)?;
    let machine = target_machine(&TargetOptions::native())?;
    // Only `Pipeline` runs LLVM's IR pipeline: the lowering emits SSA form directly, and
    // with the code generator's own optimisation alone the kernels ran at 0.65–1.25 times
    // the pipeline's speed, compiled in half its time (`specs/kernels.md`). Libraries go
    // through `-O3`.
    set_target(&module, &machine);
    if optimisation == Optimisation::Pipeline {
        run_pipeline(&module, &machine, "default<O2>")?;
    }
    let engine = module
        .create_jit_execution_engine(OptimizationLevel::Aggressive)
        .map_err(|message| {
            CodegenError::new(format!("cannot start the JIT: {}", message.to_string()))
        })?;
    // The kernels call the runtime natively compiled into reqc: compiling its bitcode on
    // every run would cost more than the kernels themselves. LLVM's pipeline deletes the
    // declarations no code calls (a shield whose rows always pass the fast test).
    if let Some(runtime) = module.get_function(super::lower::RUNTIME_ENTRY) {
        engine.add_global_mapping(&runtime, reqc_runtime_correct_row as *const () as usize);
    } else if optimisation != Optimisation::Pipeline {
        return Err(CodegenError::new(
            "the kernels do not declare the shield runtime",
        ));
    }
    if let Some(resume) = module.get_function(super::lower::RUNTIME_RESUME) {
        engine.add_global_mapping(&resume, reqc_runtime_resume_row as *const () as usize);
    }
    if let Some(search) = module.get_function(super::lower::RUNTIME_BOUNDARY) {
        engine.add_global_mapping(&search, reqc_runtime_boundary as *const () as usize);
    }
    if let Some(fast_test) = module.get_function(super::lower::RUNTIME_FAST_TEST) {
        engine.add_global_mapping(&fast_test, reqc_runtime_fast_test as *const () as usize);
    }
    let address = |name: &str| {
        engine
            .get_function_address(name)
            .map_err(|error| CodegenError::new(format!("the JIT has no `{name}`: {error}")))
    };
    let wanted = |format: FloatFormat| {
        formats
            .contains(&format)
            .then(|| address(&super::lower::copy_kernel_name(format)))
            .transpose()
    };
    let f32_address = wanted(FloatFormat::F32)?;
    let f64_address = wanted(FloatFormat::F64)?;
    // Safety: each address is a function this module defines with exactly this signature
    // (`lower::emit_kernel`, the copying kernel: pointer, pointer, i64, pointer -> i64, C
    // calling convention); the engine that owns them outlives `kernels`, which `work` only
    // borrows.
    let kernels = unsafe {
        Kernels::new(
            shield.columns,
            (
                f32_address.map(|address| std::mem::transmute::<usize, KernelF32>(address)),
                f64_address.map(|address| std::mem::transmute::<usize, KernelF64>(address)),
            ),
            started.elapsed(),
            false,
        )
    };
    let result = work(&kernels);
    // The engine owns the machine code the kernels point into; it goes only after `work` is done.
    drop(engine);
    Ok(result)
}

/// Kernels compiled on a background thread, so that correction can start at once with the
/// interpreter and move to machine code when it is ready (tiered execution: small inputs
/// never wait for LLVM, large ones spend most of their rows in the kernels). With a
/// [`KernelCache`], the thread first looks for the kernels there, and stores the ones it
/// compiles while their owner uses them.
///
/// It is `Sync`, so one shield's kernels can serve several threads (the Python package).
pub struct BackgroundKernels {
    receiver: Mutex<mpsc::Receiver<Result<Kernels, CodegenError>>>,
    ready: OnceLock<Result<Kernels, CodegenError>>,
    /// Where the thread's store into the cache is; dropping waits for a store under way.
    store: Arc<(Mutex<Store>, Condvar)>,
    /// Dropping this lets the compiler thread drop its execution engine: the kernels handed
    /// out here point into that engine's machine code, so it lives exactly as long as `self`.
    _release: mpsc::Sender<()>,
}

/// Where the compiler thread is with storing its kernels in the cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Store {
    /// Not storing (yet): nothing is being written.
    NotStoring,
    /// Writing the cache entry: the owner waits for it before going, so a process that
    /// ends right after never leaves a half-written entry.
    Storing,
    /// The owner has gone: nothing more is stored.
    Abandoned,
}

impl BackgroundKernels {
    /// Starts compiling the shield's kernels for `formats` on a new thread (or loading them
    /// from `cache`).
    pub fn start(
        shield: Shield,
        formats: Vec<FloatFormat>,
        optimisation: Optimisation,
        cache: Option<KernelCache>,
    ) -> BackgroundKernels {
        let (sender, receiver) = mpsc::sync_channel(1);
        let (release, released) = mpsc::channel::<()>();
        let store = Arc::new((Mutex::new(Store::NotStoring), Condvar::new()));
        let spawned = std::thread::Builder::new()
            .name("reqc-jit".to_string())
            .spawn({
                let sender = sender.clone();
                let store = Arc::clone(&store);
                move || {
                    let cached = cache.and_then(|cache| {
                        KernelCache::key(&shield, &formats, optimisation).map(|key| (cache, key))
                    });
                    if let Some((cache, key)) = &cached {
                        if let Some((library, kernels)) = cache.load(key, &formats, shield.columns)
                        {
                            if sender.send(Ok(kernels)).is_ok() {
                                // The library holds the machine code: it stays loaded until
                                // the owner drops `release`.
                                let _ = released.recv();
                            }
                            drop(library);
                            return;
                        }
                    }
                    let compiled = with_kernels(&shield, &formats, optimisation, |kernels| {
                        // The store is under way before the owner can have the kernels, so
                        // an owner done with them waits for it instead of racing it.
                        let storing = cached.is_some() && begin_store(&store);
                        if sender.send(Ok(kernels.duplicate())).is_ok() {
                            if let (true, Some((cache, key))) = (storing, &cached) {
                                // A failed store only costs the next run its compile.
                                let _ = cache.store(key, &shield, &formats, optimisation);
                            }
                        }
                        if storing {
                            end_store(&store);
                        }
                        // Keep the engine (and so the machine code) until the owner of the
                        // copy drops `release`; `recv` then fails and this returns.
                        let _ = released.recv();
                    });
                    if let Err(error) = compiled {
                        let _ = sender.send(Err(error));
                    }
                }
            });
        if let Err(error) = spawned {
            let _ = sender.send(Err(CodegenError::new(format!(
                "cannot start the JIT compiler thread: {error}"
            ))));
        }
        BackgroundKernels {
            receiver: Mutex::new(receiver),
            ready: OnceLock::new(),
            store,
            _release: release,
        }
    }

    /// The kernels if compilation has finished (or its error), without waiting.
    pub fn poll(&self) -> Option<Result<&Kernels, &CodegenError>> {
        if self.ready.get().is_none() {
            let Ok(receiver) = self.receiver.try_lock() else {
                // Another thread is receiving the kernels right now.
                return self.ready.get().map(Result::as_ref);
            };
            let outcome = match receiver.try_recv() {
                Ok(outcome) => outcome,
                // Another thread may have received them while this one waited for the lock.
                Err(mpsc::TryRecvError::Empty) => return self.ready.get().map(Result::as_ref),
                Err(mpsc::TryRecvError::Disconnected) => Err(stopped()),
            };
            let _ = self.ready.set(outcome);
        }
        self.ready.get().map(Result::as_ref)
    }

    /// The kernels (or the compiler's error), waiting for compilation to finish.
    pub fn wait(&self) -> Result<&Kernels, &CodegenError> {
        if self.ready.get().is_none() {
            let receiver = self
                .receiver
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            if self.ready.get().is_none() {
                let outcome = receiver.recv().unwrap_or_else(|_| Err(stopped()));
                let _ = self.ready.set(outcome);
            }
        }
        self.ready.get().expect("set just above").as_ref()
    }
}

impl Drop for BackgroundKernels {
    /// Waits for a store into the kernel cache under way, and stops any later one.
    fn drop(&mut self) {
        let (state, changed) = &*self.store;
        let mut state = state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        while *state == Store::Storing {
            state = changed
                .wait(state)
                .unwrap_or_else(|poisoned| poisoned.into_inner());
        }
        *state = Store::Abandoned;
    }
}

/// Marks a store as under way; `false` when the owner has already gone.
fn begin_store(store: &(Mutex<Store>, Condvar)) -> bool {
    let mut state = store
        .0
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if *state == Store::Abandoned {
        return false;
    }
    *state = Store::Storing;
    true
}

/// Marks the store as done and wakes an owner waiting to go.
fn end_store(store: &(Mutex<Store>, Condvar)) {
    let (state, changed) = store;
    *state
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = Store::NotStoring;
    changed.notify_all();
}

fn stopped() -> CodegenError {
    CodegenError::new("the JIT compiler thread stopped without an answer")
}
