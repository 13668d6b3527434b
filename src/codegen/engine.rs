//! The JIT correction engine: streams rows through compiled kernels, with the interpreter for undecided rows.
//!
//! It produces the same rows and the same summary as `shield::correct::correct_stream`:
//! the kernel's status says which rows met every level (they meet every requirement,
//! because the levels are the exact projection of the requirements), which moved
//! (checked exactly afterwards, like the interpreter's rows), and which are undecided;
//! those go through the interpreter exactly as the interpreter engine would run them.

use super::jit::Kernels;
use super::lower::{
    STATUS_CORRECTED, STATUS_IMPOSSIBLE, STATUS_INEXACT, STATUS_NON_FINITE, STATUS_UNCHANGED,
    STATUS_UNDECIDED,
};
use super::CodegenError;
use crate::data::{DataError, RowReader, RowWriter};
use crate::number::FloatFormat;
use crate::shield::correct::{
    correct_and_count, correct_block, impossible_error, non_finite_error, ImpossiblePolicy,
    Interpreter, NonFinitePolicy, Recheck, RequirementChecker, Summary,
};

/// Rows per block: large enough to share among threads, small enough to stream.
pub const JIT_BLOCK_ROWS: usize = 1 << 16;

/// Rows per block while the kernels are still compiling: small, so that the engine moves
/// to the kernels soon after they are ready.
pub const INTERPRETED_BLOCK_ROWS: usize = 1 << 12;

/// Counts beside the summary: which engine corrected how many rows.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize)]
pub struct EngineCounts {
    /// Rows the kernels corrected or cleared.
    pub kernel_rows: u64,
    /// Rows the kernels left undecided, which the interpreter then corrected.
    pub undecided: u64,
    /// Rows the interpreter corrected before the kernels were ready.
    pub interpreted_rows: u64,
    /// Why the kernels could not be used, when compiling them failed.
    pub compile_error: Option<String>,
}

/// Where the engine gets its kernels, asked before every block: `None` while they are
/// still compiling (the block is interpreted), then the kernels or the compiler's error
/// (after which every remaining block is interpreted).
pub type KernelSource<'k> = dyn Fn() -> Option<Result<&'k Kernels, &'k CodegenError>> + 'k;

/// Corrects every row from `reader` into `writer`, with the kernels on `threads` threads
/// once `kernels` has them and with the interpreter until then.
#[allow(clippy::too_many_arguments)]
pub fn correct_stream<'k>(
    kernels: &KernelSource<'k>,
    interpreter: &Interpreter,
    checker: &RequirementChecker,
    reader: &mut dyn RowReader,
    writer: &mut dyn RowWriter,
    non_finite: NonFinitePolicy,
    impossible: ImpossiblePolicy,
    recheck: Recheck,
    threads: usize,
) -> Result<(Summary, EngineCounts), DataError> {
    let columns = interpreter.columns();
    let format = interpreter.format();
    let mut summary = Summary::default();
    let mut counts = EngineCounts::default();
    let kernel_rows = crate::data::rows_per_block(JIT_BLOCK_ROWS, columns);
    let interpreted_rows = crate::data::rows_per_block(INTERPRETED_BLOCK_ROWS, columns);
    let mut block: Vec<f64> = Vec::with_capacity(kernel_rows * columns);
    let mut single: Vec<f32> = Vec::new();
    let mut status: Vec<u8> = Vec::new();
    let mut violated: Vec<u8> = Vec::new();
    let mut failed = false;
    loop {
        let ready = if failed {
            None
        } else {
            match kernels() {
                Some(Ok(kernels)) => Some(kernels),
                Some(Err(error)) => {
                    failed = true;
                    counts.compile_error = Some(error.message.clone());
                    None
                }
                None => None,
            }
        };
        block.clear();
        let wanted = if ready.is_some() {
            kernel_rows
        } else {
            interpreted_rows
        };
        let count = reader.read_rows(&mut block, wanted)?;
        if count == 0 {
            break;
        }
        let Some(kernels) = ready else {
            counts.interpreted_rows += count as u64;
            correct_block(
                interpreter,
                checker,
                &mut block,
                non_finite,
                impossible,
                recheck,
                &mut summary,
            )?;
            writer.write_rows(&block)?;
            continue;
        };
        counts.kernel_rows += count as u64;
        status.clear();
        status.resize(count, STATUS_UNCHANGED);
        if columns == 0 {
            summary.rows += count as u64;
            writer.write_rows(&block)?;
            continue;
        }
        match format {
            FloatFormat::F32 => {
                // Values are corrected in the output format, so round them into it first.
                single.clear();
                single.extend(block.iter().map(|value| *value as f32));
                kernels.correct_f32_parallel(&mut single, &mut status, threads);
                for (wide, narrow) in block.iter_mut().zip(&single) {
                    *wide = f64::from(*narrow);
                }
            }
            FloatFormat::F64 => {
                kernels.correct_f64_parallel(&mut block, &mut status, threads);
            }
        }
        // The exact check of the rows that moved (those corrected inexactly, or all with
        // `Recheck::Moved`) is per-row work like the correction itself, so it is shared among
        // the threads too. `violated[i]` is 1 when row i was checked and still violates a
        // requirement.
        violated.clear();
        violated.extend_from_slice(&status);
        super::jit::parallel(
            &mut block,
            &mut violated,
            columns,
            threads,
            &|rows, flags| {
                for (row, flag) in rows.chunks_exact(columns).zip(flags.iter_mut()) {
                    let checked = match *flag {
                        STATUS_INEXACT => true,
                        STATUS_CORRECTED => recheck == Recheck::Moved,
                        _ => false,
                    };
                    *flag = u8::from(checked && !checker.all_hold(row));
                }
                0
            },
        );
        for ((row, row_status), violated) in
            block.chunks_exact_mut(columns).zip(&status).zip(&violated)
        {
            summary.rows += 1;
            let row_number = summary.rows;
            match *row_status {
                STATUS_UNCHANGED => {}
                STATUS_CORRECTED => {
                    summary.changed += 1;
                    summary.violating_before += 1;
                    summary.violating_after += u64::from(*violated);
                }
                STATUS_INEXACT => {
                    summary.changed += 1;
                    summary.inexact += 1;
                    summary.violating_before += 1;
                    summary.violating_after += u64::from(*violated);
                }
                STATUS_IMPOSSIBLE => {
                    if impossible == ImpossiblePolicy::Error {
                        return Err(impossible_error(row_number));
                    }
                    summary.impossible += 1;
                    summary.violating_before += 1;
                    summary.violating_after += 1;
                }
                STATUS_NON_FINITE => match non_finite {
                    NonFinitePolicy::Error => {
                        let column = row.iter().position(|value| !value.is_finite()).unwrap_or(0);
                        return Err(non_finite_error(row_number, row, column));
                    }
                    NonFinitePolicy::Keep => summary.non_finite += 1,
                },
                _ => {
                    debug_assert_eq!(*row_status, STATUS_UNDECIDED);
                    counts.undecided += 1;
                    correct_and_count(
                        interpreter,
                        checker,
                        row,
                        row_number,
                        impossible,
                        recheck,
                        &mut summary,
                    )?;
                }
            }
        }
        writer.write_rows(&block)?;
    }
    Ok((summary, counts))
}
