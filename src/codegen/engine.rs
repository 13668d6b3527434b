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

/// Rows per block and thread: enough to amortise a block's bookkeeping and threads, few
/// enough that a block (0.75 MB of 23 f32 columns) stays in the cache from being read to
/// being written, and that its buffers are few fresh pages (`reqc correct --engine jit
/// --threads 1` on a million rows of heloc and url, as `scripts/compare_pishield.py` runs it,
/// took 5–10% less time with 8,192 rows than with 65,536, alternating best-of-nine runs).
pub const JIT_BLOCK_ROWS: usize = 1 << 13;

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
    /// Whether the kernels came from the kernel cache.
    pub kernels_from_cache: bool,
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
    let mut accounting = Accounting {
        interpreter,
        checker,
        non_finite,
        impossible,
        recheck,
        summary: Summary::default(),
        counts: EngineCounts::default(),
    };
    let kernel_rows =
        crate::data::rows_per_block(JIT_BLOCK_ROWS.saturating_mul(threads.max(1)), columns);
    let interpreted_rows = crate::data::rows_per_block(INTERPRETED_BLOCK_ROWS, columns);
    let mut block: Vec<f64> = Vec::with_capacity(kernel_rows * columns);
    let mut single: Vec<f32> = Vec::new();
    let mut status: Vec<u8> = Vec::new();
    let mut violated: Vec<u8> = Vec::new();
    let mut wide: Vec<f64> = Vec::with_capacity(columns);
    let mut failed = false;
    loop {
        let ready = if failed {
            None
        } else {
            match kernels() {
                Some(Ok(kernels)) => {
                    accounting.counts.kernels_from_cache = kernels.from_cache;
                    Some(kernels)
                }
                Some(Err(error)) => {
                    failed = true;
                    accounting.counts.compile_error = Some(error.message.clone());
                    None
                }
                None => None,
            }
        };
        if let (Some(kernels), FloatFormat::F32, true) = (ready, format, columns > 0) {
            // f32 rows stay f32 from the file to the kernels and back: no widening to f64.
            let count = reader.read_rows_single(&mut single, kernel_rows)?;
            if count == 0 {
                break;
            }
            accounting.counts.kernel_rows += count as u64;
            status.clear();
            status.resize(count, STATUS_UNCHANGED);
            kernels.correct_f32_parallel(&mut single, &mut status, threads);
            flag_violations(
                &mut single,
                &status,
                &mut violated,
                columns,
                threads,
                checker,
                recheck,
            );
            if !accounting.account_block(&status, &violated) {
                for (index, (row_status, violated)) in status.iter().zip(&violated).enumerate() {
                    let narrow = &mut single[index * columns..(index + 1) * columns];
                    if matches!(*row_status, STATUS_NON_FINITE | STATUS_UNDECIDED) {
                        wide.clear();
                        wide.extend(narrow.iter().map(|value| f64::from(*value)));
                        accounting.account(*row_status, *violated, &mut wide)?;
                        for (narrow, wide) in narrow.iter_mut().zip(&wide) {
                            *narrow = *wide as f32;
                        }
                    } else {
                        // Only non-finite and undecided rows are read: no row is needed here.
                        accounting.account(*row_status, *violated, &mut [])?;
                    }
                }
            }
            writer.write_rows_single(&single)?;
            continue;
        }
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
            accounting.counts.interpreted_rows += count as u64;
            correct_block(
                interpreter,
                checker,
                &mut block,
                non_finite,
                impossible,
                recheck,
                &mut accounting.summary,
            )?;
            writer.write_rows(&block)?;
            continue;
        };
        accounting.counts.kernel_rows += count as u64;
        status.clear();
        status.resize(count, STATUS_UNCHANGED);
        if columns == 0 {
            accounting.summary.rows += count as u64;
            writer.write_rows(&block)?;
            continue;
        }
        // f32 rows with kernels and columns took the path above: these are f64.
        debug_assert_eq!(format, FloatFormat::F64);
        kernels.correct_f64_parallel(&mut block, &mut status, threads);
        flag_violations(
            &mut block,
            &status,
            &mut violated,
            columns,
            threads,
            checker,
            recheck,
        );
        if !accounting.account_block(&status, &violated) {
            for ((row, row_status), violated) in
                block.chunks_exact_mut(columns).zip(&status).zip(&violated)
            {
                accounting.account(*row_status, *violated, row)?;
            }
        }
        writer.write_rows(&block)?;
    }
    Ok((accounting.summary, accounting.counts))
}

/// The per-row bookkeeping after the kernels: the summary and counts it adds to, with the
/// policies and the interpreter that it applies to rows the kernels left to it.
struct Accounting<'a> {
    interpreter: &'a Interpreter,
    checker: &'a RequirementChecker,
    non_finite: NonFinitePolicy,
    impossible: ImpossiblePolicy,
    recheck: Recheck,
    summary: Summary,
    counts: EngineCounts,
}

impl Accounting<'_> {
    /// Counts a block's rows by their kernel statuses all at once, as `account` would row
    /// by row, when none needs more than counting: no row is undecided (the interpreter's)
    /// or not finite, and no impossible row is an error. `false` (nothing counted) leaves
    /// the block to `account`. A pass over the statuses per kind instead of a branch per
    /// row: the per-row accounting was 9% of heloc's run once the kernels got fast.
    fn account_block(&mut self, status: &[u8], violated: &[u8]) -> bool {
        let count = |kind: u8| count_equal(status, kind);
        let impossible = count(STATUS_IMPOSSIBLE);
        if count(STATUS_UNDECIDED) > 0
            || count(STATUS_NON_FINITE) > 0
            || (impossible > 0 && self.impossible == ImpossiblePolicy::Error)
        {
            return false;
        }
        let (corrected, inexact) = (count(STATUS_CORRECTED), count(STATUS_INEXACT));
        // `violated` is 1 only for moved rows (`flag_violations`).
        let still_violating = count_equal(violated, 1);
        let summary = &mut self.summary;
        summary.rows += status.len() as u64;
        summary.changed += corrected + inexact;
        summary.inexact += inexact;
        summary.impossible += impossible;
        summary.violating_before += corrected + inexact + impossible;
        summary.violating_after += still_violating + impossible;
        true
    }

    /// Counts the next row by its kernel status, and `violated` (1 when the row was checked
    /// after moving and still violates a requirement). The row itself is read only for a
    /// non-finite row under `NonFinitePolicy::Error` (for the message) and corrected only
    /// when undecided (by the interpreter, in place).
    fn account(&mut self, status: u8, violated: u8, row: &mut [f64]) -> Result<(), DataError> {
        let summary = &mut self.summary;
        summary.rows += 1;
        let row_number = summary.rows;
        match status {
            STATUS_UNCHANGED => {}
            STATUS_CORRECTED => {
                summary.changed += 1;
                summary.violating_before += 1;
                summary.violating_after += u64::from(violated);
            }
            STATUS_INEXACT => {
                summary.changed += 1;
                summary.inexact += 1;
                summary.violating_before += 1;
                summary.violating_after += u64::from(violated);
            }
            STATUS_IMPOSSIBLE => {
                if self.impossible == ImpossiblePolicy::Error {
                    return Err(impossible_error(row_number));
                }
                summary.impossible += 1;
                summary.violating_before += 1;
                summary.violating_after += 1;
            }
            STATUS_NON_FINITE => match self.non_finite {
                NonFinitePolicy::Error => {
                    let column = row.iter().position(|value| !value.is_finite()).unwrap_or(0);
                    return Err(non_finite_error(row_number, row, column));
                }
                NonFinitePolicy::Keep => summary.non_finite += 1,
            },
            _ => {
                debug_assert_eq!(status, STATUS_UNDECIDED);
                self.counts.undecided += 1;
                correct_and_count(
                    self.interpreter,
                    self.checker,
                    row,
                    row_number,
                    self.impossible,
                    self.recheck,
                    summary,
                )?;
            }
        }
        Ok(())
    }
}

/// Sets `violated[i]` to 1 when row i moved, is one the exact check covers (those corrected
/// inexactly, or every moved row with `Recheck::Moved`), and still violates a requirement.
/// That check is per-row work like the correction itself, so the threads share it.
fn flag_violations<T: Copy + Into<f64> + Send + Sync>(
    rows: &mut [T],
    status: &[u8],
    violated: &mut Vec<u8>,
    columns: usize,
    threads: usize,
    checker: &RequirementChecker,
    recheck: Recheck,
) {
    let checked = |flag: u8| match flag {
        STATUS_INEXACT => true,
        STATUS_CORRECTED => recheck == Recheck::Moved,
        _ => false,
    };
    violated.clear();
    // Or-ed over the whole block without an early exit, so that the test is vectorised: a
    // block has a checked row rarely, and `any` went a byte at a time.
    if !status.iter().fold(false, |any, flag| any | checked(*flag)) {
        violated.resize(status.len(), 0);
        return;
    }
    violated.extend_from_slice(status);
    super::jit::parallel(rows, violated, columns, threads, &|rows, flags| {
        let mut wide = Vec::with_capacity(columns);
        for (row, flag) in rows.chunks_exact(columns).zip(flags.iter_mut()) {
            let moved_and_checked = checked(*flag);
            *flag = 0;
            if moved_and_checked {
                wide.clear();
                wide.extend(row.iter().map(|value| (*value).into()));
                *flag = u8::from(!checker.all_hold(&wide));
            }
        }
        0
    });
}

/// How many of `bytes` equal `value`: summed in byte-wide counters over chunks of 255
/// bytes, which the compiler vectorises 16 or more bytes at a time (`filter().count()`
/// widened every byte to 64 bits; with one such pass per status, the counting took a
/// twelfth of a profile of a run on rows that meet the requirements). Statuses are
/// counted with it here and in `batch` (the Python package's calls).
pub(crate) fn count_equal(bytes: &[u8], value: u8) -> u64 {
    bytes
        .chunks(usize::from(u8::MAX))
        .map(|chunk| {
            let equal = chunk
                .iter()
                .fold(0u8, |sum, byte| sum.wrapping_add(u8::from(*byte == value)));
            u64::from(equal)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Byte-wide counters hold every chunk's count: runs of one value longer than a chunk,
    /// and lengths around the chunks' edges.
    #[test]
    fn counts_of_equal_bytes_are_whole() {
        for length in [0, 1, 254, 255, 256, 510, 511, 8192, 100_000] {
            let same = vec![3u8; length];
            assert_eq!(count_equal(&same, 3), length as u64);
            assert_eq!(count_equal(&same, 4), 0);
            let mixed: Vec<u8> = (0..length).map(|index| (index % 7) as u8).collect();
            let expected = mixed.iter().filter(|byte| **byte == 2).count() as u64;
            assert_eq!(count_equal(&mixed, 2), expected);
        }
    }

    /// Counting a block at once gives the summary that counting its rows one by one gives,
    /// and a block with a row that needs more than counting is left to the rows.
    #[test]
    fn a_block_is_counted_as_its_rows_are() {
        let text = "ordering y_0 y_1\ny_1 - y_0 >= 0\n";
        let parsed = crate::syntax::parse(text);
        let specification = crate::check::check(
            text,
            &parsed.file,
            std::path::Path::new("."),
            &crate::world::DiskWorld,
        )
        .specification
        .expect("the specification checks");
        let shield = crate::shield::build(
            &specification,
            &specification.ordering,
            crate::shield::Limits::default(),
        )
        .expect("the shield builds");
        let interpreter = Interpreter::new(&shield, FloatFormat::F32);
        let checker = RequirementChecker::new(&specification);
        let accounting = |impossible| Accounting {
            interpreter: &interpreter,
            checker: &checker,
            non_finite: NonFinitePolicy::Error,
            impossible,
            recheck: Recheck::Inexact,
            summary: Summary::default(),
            counts: EngineCounts::default(),
        };
        let mut random = crate::random::Random::new(7);
        let kinds = [
            STATUS_UNCHANGED,
            STATUS_CORRECTED,
            STATUS_INEXACT,
            STATUS_IMPOSSIBLE,
        ];
        let status: Vec<u8> = (0..1000)
            .map(|_| kinds[(random.next_u64() % 4) as usize])
            .collect();
        let violated: Vec<u8> = status
            .iter()
            .map(|kind| u8::from(*kind == STATUS_INEXACT && random.next_u64().is_multiple_of(2)))
            .collect();
        let mut at_once = accounting(ImpossiblePolicy::Keep);
        assert!(at_once.account_block(&status, &violated));
        let mut one_by_one = accounting(ImpossiblePolicy::Keep);
        for (kind, flag) in status.iter().zip(&violated) {
            one_by_one.account(*kind, *flag, &mut []).expect("counted");
        }
        assert_eq!(at_once.summary, one_by_one.summary);
        assert!(at_once.summary.inexact > 0 && at_once.summary.violating_after > 0);
        // Rows that need the row-by-row path: nothing is counted at once.
        let mut error = accounting(ImpossiblePolicy::Error);
        assert!(!error.account_block(&status, &violated));
        for kind in [STATUS_UNDECIDED, STATUS_NON_FINITE] {
            let mut with = status.clone();
            with[500] = kind;
            let mut keep = accounting(ImpossiblePolicy::Keep);
            assert!(!keep.account_block(&with, &violated));
            assert_eq!(keep.summary, Summary::default());
        }
        assert_eq!(error.summary, Summary::default());
    }
}
