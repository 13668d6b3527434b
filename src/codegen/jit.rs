//! The JIT: compiles a shield's kernels in memory and hands out safe, thread-shareable handles to them.

use super::aot::{optimise, target_machine, TargetOptions};
use super::{build, verify, CodegenError};
use crate::shield::Shield;
use inkwell::context::Context;
use inkwell::OptimizationLevel;

type KernelF32 = unsafe extern "C" fn(*mut f32, u64, *mut u8) -> u64;
type KernelF64 = unsafe extern "C" fn(*mut f64, u64, *mut u8) -> u64;

/// The compiled kernels of one shield. Only [`with_kernels`] makes one, and only lends it
/// out while the execution engine that owns the machine code is alive.
pub struct Kernels {
    columns: usize,
    f32_kernel: KernelF32,
    f64_kernel: KernelF64,
    /// How long compiling took (lowering, verification, optimisation and code generation).
    pub compile_time: std::time::Duration,
}

impl Kernels {
    pub fn columns(&self) -> usize {
        self.columns
    }

    /// Corrects f32 rows in place, writing a status per row; returns how many rows are undecided.
    ///
    /// Panics when the buffers do not hold `status.len()` rows of the shield's column count.
    pub fn correct_f32(&self, rows: &mut [f32], status: &mut [u8]) -> usize {
        assert_eq!(rows.len(), status.len() * self.columns, "row buffer size");
        // Safety: the kernel reads and writes exactly `status.len()` rows of `columns` f32
        // values at `rows` and one status byte per row at `status`; both slices are that long
        // (asserted above), exclusively borrowed, and the machine code lives as long as `self`.
        let undecided = unsafe {
            (self.f32_kernel)(rows.as_mut_ptr(), status.len() as u64, status.as_mut_ptr())
        };
        undecided as usize
    }

    /// Corrects f64 rows in place, writing a status per row; returns how many rows are undecided.
    pub fn correct_f64(&self, rows: &mut [f64], status: &mut [u8]) -> usize {
        assert_eq!(rows.len(), status.len() * self.columns, "row buffer size");
        // Safety: as in `correct_f32`, with f64 rows.
        let undecided = unsafe {
            (self.f64_kernel)(rows.as_mut_ptr(), status.len() as u64, status.as_mut_ptr())
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
        let columns = self.columns.max(1);
        parallel(rows, status, columns, threads, &|rows, status| {
            self.correct_f32(rows, status)
        })
    }

    /// Like [`Kernels::correct_f64`], split over up to `threads` threads in blocks of rows.
    pub fn correct_f64_parallel(
        &self,
        rows: &mut [f64],
        status: &mut [u8],
        threads: usize,
    ) -> usize {
        let columns = self.columns.max(1);
        parallel(rows, status, columns, threads, &|rows, status| {
            self.correct_f64(rows, status)
        })
    }
}

/// Rows per thread below which threads are not worth starting.
const ROWS_PER_THREAD: usize = 2048;

fn parallel<T: Send>(
    rows: &mut [T],
    status: &mut [u8],
    columns: usize,
    threads: usize,
    kernel: &(dyn Fn(&mut [T], &mut [u8]) -> usize + Sync),
) -> usize {
    let count = status.len();
    let threads = threads.max(1).min(count.div_ceil(ROWS_PER_THREAD)).max(1);
    if threads == 1 || columns == 0 {
        return kernel(rows, status);
    }
    let per_thread = count.div_ceil(threads);
    std::thread::scope(|scope| {
        let handles: Vec<_> = rows
            .chunks_mut(per_thread * columns)
            .zip(status.chunks_mut(per_thread))
            .map(|(rows, status)| scope.spawn(move || kernel(rows, status)))
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("kernel threads do not panic"))
            .sum()
    })
}

/// Compiles the shield's kernels for this machine and runs `work` with them.
pub fn with_kernels<R>(
    shield: &Shield,
    work: impl FnOnce(&Kernels) -> R,
) -> Result<R, CodegenError> {
    let started = std::time::Instant::now();
    let context = Context::create();
    let module = build(&context, shield)?;
    verify(&module, None)?;
    let machine = target_machine(&TargetOptions::native())?;
    optimise(&module, &machine)?;
    let engine = module
        .create_jit_execution_engine(OptimizationLevel::Aggressive)
        .map_err(|message| {
            CodegenError::new(format!("cannot start the JIT: {}", message.to_string()))
        })?;
    let address = |name: &str| {
        engine
            .get_function_address(name)
            .map_err(|error| CodegenError::new(format!("the JIT has no `{name}`: {error}")))
    };
    let f32_address = address(&super::lower::kernel_name(crate::number::FloatFormat::F32))?;
    let f64_address = address(&super::lower::kernel_name(crate::number::FloatFormat::F64))?;
    // Safety: both addresses are functions this module defines with exactly these
    // signatures (`lower::emit_kernel`: pointer, i64, pointer -> i64, C calling
    // convention); the engine that owns them outlives `kernels`, which `work` only borrows.
    let kernels = unsafe {
        Kernels {
            columns: shield.columns,
            f32_kernel: std::mem::transmute::<usize, KernelF32>(f32_address),
            f64_kernel: std::mem::transmute::<usize, KernelF64>(f64_address),
            compile_time: started.elapsed(),
        }
    };
    let result = work(&kernels);
    // The engine owns the machine code the kernels point into; it goes only after `work` is done.
    drop(engine);
    Ok(result)
}
