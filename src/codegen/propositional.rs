//! Kernels of the propositional shield: PiShield's correction lowered to LLVM IR over vectors of rows (sixteen f32 or eight f64 rows at a time, read as whole row vectors transposed in registers), operation for operation as `propositional::shield::correct_row`, so every row equals the interpreter's bit for bit.
//!
//! ABI (the same symbols as the linear shield's kernels): `reqc_correct_f32(float *rows,
//! size_t n_rows, uint8_t *status)` corrects row-major rows in place and returns how many
//! rows it left alone because a value is not a probability (NaN or outside [0, 1]); their
//! status is [`STATUS_NOT_PROBABILITY`]. `status` may be NULL.

use super::aot::{
    for_this_machine, link_library, optimise, set_target, target_machine, write_machine,
};
use super::blocks::RowBlocks;
use super::{CodegenError, TargetOptions};
use crate::number::FloatFormat;
use crate::propositional::shield::{Body, PropositionalShield};
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::module::{Linkage, Module};
use inkwell::targets::{FileType, TargetMachine};
use inkwell::types::{FloatType, IntType, VectorType};
use inkwell::values::{FunctionValue, IntValue, PointerValue, VectorValue};
use inkwell::{AddressSpace, FloatPredicate, IntPredicate, OptimizationLevel};

/// The status of a row with a value that is not a probability (left unchanged).
pub const STATUS_NOT_PROBABILITY: u8 = 6;

type Emitted<T> = Result<T, CodegenError>;

/// Rows per vector: 512 bits of lanes (one AVX-512 register, two AVX2 ones).
fn width(format: FloatFormat) -> u32 {
    match format {
        FloatFormat::F32 => 16,
        FloatFormat::F64 => 8,
    }
}

struct Lowering<'a, 'ctx> {
    /// Whether the kernel checks that every value is a probability and writes statuses (the
    /// library's); the JIT's callers check the whole buffer first and need neither.
    checked: bool,
    context: &'ctx Context,
    builder: Builder<'ctx>,
    shield: &'a PropositionalShield,
    float: FloatType<'ctx>,
    bits: IntType<'ctx>,
    i64_type: IntType<'ctx>,
}

/// The values of one group of rows, a vector per column, and their complements once computed.
struct Group<'ctx> {
    values: Vec<VectorValue<'ctx>>,
    complements: Vec<Option<VectorValue<'ctx>>>,
}

impl<'a, 'ctx> Lowering<'a, 'ctx> {
    fn vector(&self, lanes: u32) -> VectorType<'ctx> {
        self.float.vec_type(lanes)
    }

    fn splat(&self, value: f64, lanes: u32) -> VectorValue<'ctx> {
        let constant = self.float.const_float(value);
        VectorType::const_vector(&vec![constant; lanes as usize])
    }

    fn compare(
        &self,
        predicate: FloatPredicate,
        left: VectorValue<'ctx>,
        right: VectorValue<'ctx>,
    ) -> Emitted<VectorValue<'ctx>> {
        Ok(self
            .builder
            .build_float_compare(predicate, left, right, "compare")?)
    }

    fn select(
        &self,
        condition: VectorValue<'ctx>,
        then: VectorValue<'ctx>,
        otherwise: VectorValue<'ctx>,
    ) -> Emitted<VectorValue<'ctx>> {
        Ok(self
            .builder
            .build_select(condition, then, otherwise, "select")?
            .into_vector_value())
    }

    /// `if candidate < current { candidate } else { current }`, as the interpreter's `minimum`.
    fn minimum(
        &self,
        current: VectorValue<'ctx>,
        candidate: VectorValue<'ctx>,
    ) -> Emitted<VectorValue<'ctx>> {
        let smaller = self.compare(FloatPredicate::OLT, candidate, current)?;
        self.select(smaller, candidate, current)
    }

    /// `if candidate > current { candidate } else { current }`, as the interpreter's `maximum`.
    fn maximum(
        &self,
        current: VectorValue<'ctx>,
        candidate: VectorValue<'ctx>,
    ) -> Emitted<VectorValue<'ctx>> {
        let larger = self.compare(FloatPredicate::OGT, candidate, current)?;
        self.select(larger, candidate, current)
    }

    /// The smallest float at least `1 - x` (Fast2Sum's error decides the bump), as
    /// `Probability::complement_up`.
    fn complement_up(&self, value: VectorValue<'ctx>, lanes: u32) -> Emitted<VectorValue<'ctx>> {
        // With `rounded = fl(1 - x)` for x in [0, 1], `1 - rounded` is exact (Sterbenz: x
        // above 1/2 makes `rounded` exact; below, `rounded` lies in [1/2, 1]), so it exceeds
        // x exactly when `rounded` fell below `1 - x`: the interpreter's Fast2Sum test in
        // two operations instead of three.
        let one = self.splat(1.0, lanes);
        let builder = &self.builder;
        let rounded = builder.build_float_sub(one, value, "rounded")?;
        let back = builder.build_float_sub(one, rounded, "back")?;
        let bump = self.compare(FloatPredicate::OGT, back, value)?;
        let integers = self.bits.vec_type(lanes);
        let as_bits = builder
            .build_bit_cast(rounded, integers, "bits")?
            .into_vector_value();
        let ones = VectorType::const_vector(&vec![self.bits.const_int(1, false); lanes as usize]);
        let next = builder.build_int_add(as_bits, ones, "next_bits")?;
        let next = builder
            .build_bit_cast(next, self.vector(lanes), "next")?
            .into_vector_value();
        self.select(bump, next, rounded)
    }

    /// `1 - value` of a column rounded up, computed once per column and value.
    fn complement_of(
        &self,
        group: &mut Group<'ctx>,
        column: usize,
        lanes: u32,
    ) -> Emitted<VectorValue<'ctx>> {
        if let Some(complement) = group.complements[column] {
            return Ok(complement);
        }
        let complement = self.complement_up(group.values[column], lanes)?;
        group.complements[column] = Some(complement);
        Ok(complement)
    }

    /// The body value of a rule with a positive head. The interpreter takes the complement
    /// of the largest negated label; since rounding `1 - x` up is monotone (and never
    /// gives -0), the smallest complement is the same float, and each column's complement
    /// is computed once.
    fn raise_value(
        &self,
        group: &mut Group<'ctx>,
        body: &Body,
        lanes: u32,
    ) -> Emitted<VectorValue<'ctx>> {
        let mut value = self.splat(1.0, lanes);
        for column in &body.positive {
            value = self.minimum(value, group.values[*column])?;
        }
        for column in &body.negative {
            let complement = self.complement_of(group, *column, lanes)?;
            value = self.minimum(value, complement)?;
        }
        for column in &body.either {
            let complement = self.complement_of(group, *column, lanes)?;
            let either = self.maximum(group.values[*column], complement)?;
            value = self.minimum(value, either)?;
        }
        Ok(value)
    }

    /// One minus the body value of a rule with a negative head (the largest complement of
    /// a positive label, as above, then the negated labels).
    fn lower_value(
        &self,
        group: &mut Group<'ctx>,
        body: &Body,
        lanes: u32,
    ) -> Emitted<VectorValue<'ctx>> {
        let mut value = self.splat(0.0, lanes);
        for column in &body.positive {
            let complement = self.complement_of(group, *column, lanes)?;
            value = self.maximum(value, complement)?;
        }
        for column in &body.negative {
            value = self.maximum(value, group.values[*column])?;
        }
        for column in &body.either {
            let complement = self.complement_of(group, *column, lanes)?;
            let neither = self.minimum(complement, group.values[*column])?;
            value = self.maximum(value, neither)?;
        }
        Ok(value)
    }

    /// The address of `column` in row `first + lane`.
    /// The rows' block reader: whole-row vector loads transposed in registers.
    fn blocks(&self) -> RowBlocks<'_, 'ctx> {
        RowBlocks {
            context: self.context,
            builder: &self.builder,
            element: self.float,
            element_bytes: self.bits.get_bit_width() / 8,
            columns: self.shield.columns,
        }
    }

    /// Corrects `lanes` consecutive rows starting at row `first`; returns the number of rows
    /// left alone (not probabilities) as an i64.
    fn group(
        &self,
        rows: PointerValue<'ctx>,
        status: PointerValue<'ctx>,
        first: IntValue<'ctx>,
        lanes: u32,
        function: FunctionValue<'ctx>,
    ) -> Emitted<IntValue<'ctx>> {
        let builder = &self.builder;
        let i32_type = self.context.i32_type();
        let values = self.blocks().load_columns(rows, first, lanes)?;
        let mut valid: Option<VectorValue<'ctx>> = None;
        if self.checked {
            for vector in &values {
                let at_least_zero =
                    self.compare(FloatPredicate::OGE, *vector, self.splat(0.0, lanes))?;
                let at_most_one =
                    self.compare(FloatPredicate::OLE, *vector, self.splat(1.0, lanes))?;
                let inside = builder.build_and(at_least_zero, at_most_one, "inside")?;
                valid = Some(match valid {
                    Some(valid) => builder.build_and(valid, inside, "valid")?,
                    None => inside,
                });
            }
        }
        let bool_vector = self.context.bool_type().vec_type(lanes);
        let valid = valid.unwrap_or_else(|| {
            VectorType::const_vector(&vec![
                self.context.bool_type().const_int(1, false);
                lanes as usize
            ])
        });
        let original = values.clone();
        let mut group = Group {
            complements: vec![None; values.len()],
            values,
        };
        let mut changed = bool_vector.const_zero();
        for head in &self.shield.heads {
            let mut lower = self.splat(0.0, lanes);
            for body in &head.raise {
                let value = self.raise_value(&mut group, body, lanes)?;
                lower = self.maximum(lower, value)?;
            }
            let mut upper = self.splat(1.0, lanes);
            for body in &head.lower {
                let value = self.lower_value(&mut group, body, lanes)?;
                upper = self.minimum(upper, value)?;
            }
            let swap = self.compare(FloatPredicate::OGT, lower, upper)?;
            let (low, high) = (
                self.select(swap, upper, lower)?,
                self.select(swap, lower, upper)?,
            );
            let current = group.values[head.column];
            let below = self.compare(FloatPredicate::OLT, current, low)?;
            let above = self.compare(FloatPredicate::OGT, current, high)?;
            let clamped = self.select(above, high, current)?;
            let result = self.select(below, low, clamped)?;
            let moved = builder.build_or(below, above, "moved")?;
            changed = builder.build_or(changed, moved, "changed")?;
            group.values[head.column] = result;
            group.complements[head.column] = None;
        }
        // Store the corrected labels of valid rows (a row with a bad value stays as it was).
        let mut written = vec![false; group.values.len()];
        for head in &self.shield.heads {
            written[head.column] = true;
        }
        let mut kept = group.values;
        if self.checked {
            for (column, value) in kept.iter_mut().enumerate() {
                if written[column] {
                    *value = self.select(valid, *value, original[column])?;
                }
            }
        }
        self.blocks()
            .store_columns(rows, first, lanes, &kept, &written)?;
        if !self.checked {
            return Ok(self.i64_type.const_zero());
        }
        // Statuses, when the caller asked for them.
        let i8_type = self.context.i8_type();
        let splat8 = |value: u8| {
            VectorType::const_vector(&vec![
                i8_type.const_int(value as u64, false);
                lanes as usize
            ])
        };
        let moved_status = builder
            .build_select(
                changed,
                splat8(super::STATUS_CORRECTED),
                splat8(super::STATUS_UNCHANGED),
                "moved_status",
            )?
            .into_vector_value();
        let statuses = builder
            .build_select(
                valid,
                moved_status,
                splat8(STATUS_NOT_PROBABILITY),
                "status",
            )?
            .into_vector_value();
        let wanted = builder.build_is_not_null(status, "wanted")?;
        let write = self.context.append_basic_block(function, "write_status");
        let after = self.context.append_basic_block(function, "status_done");
        builder.build_conditional_branch(wanted, write, after)?;
        builder.position_at_end(write);
        for lane in 0..lanes {
            let value = builder.build_extract_element(
                statuses,
                i32_type.const_int(lane as u64, false),
                "lane_status",
            )?;
            let row =
                builder.build_int_add(first, self.i64_type.const_int(lane as u64, false), "row")?;
            // Safety: one status byte per row, as the ABI requires.
            let slot = unsafe { builder.build_in_bounds_gep(status, &[row], "status_slot")? };
            builder.build_store(slot, value)?;
        }
        builder.build_unconditional_branch(after)?;
        builder.position_at_end(after);
        // Count the rows left alone.
        let mut invalid = self.i64_type.const_zero();
        for lane in 0..lanes {
            let flag = builder
                .build_extract_element(valid, i32_type.const_int(lane as u64, false), "valid_lane")?
                .into_int_value();
            let bad = builder.build_not(flag, "bad")?;
            let widened = builder.build_int_z_extend(bad, self.i64_type, "bad_count")?;
            invalid = builder.build_int_add(invalid, widened, "invalid")?;
        }
        Ok(invalid)
    }

    /// `size_t reqc_correct_T(T *rows, size_t n_rows, uint8_t *status)`: vector groups,
    /// then the remaining rows one at a time.
    fn kernel(&self, module: &Module<'ctx>, format: FloatFormat) -> Emitted<()> {
        let pointer = self.float.ptr_type(AddressSpace::default());
        let status_pointer = self.context.i8_type().ptr_type(AddressSpace::default());
        let name = if self.checked {
            super::lower::kernel_name(format)
        } else {
            unchecked_name(format)
        };
        let function = module.add_function(
            &name,
            self.i64_type.fn_type(
                &[pointer.into(), self.i64_type.into(), status_pointer.into()],
                false,
            ),
            Some(Linkage::External),
        );
        let rows = function
            .get_nth_param(0)
            .expect("rows")
            .into_pointer_value();
        let count = function.get_nth_param(1).expect("count").into_int_value();
        let status = function
            .get_nth_param(2)
            .expect("status")
            .into_pointer_value();
        let builder = &self.builder;
        let entry = self.context.append_basic_block(function, "entry");
        builder.position_at_end(entry);
        let lanes = width(format);
        let lanes_value = self.i64_type.const_int(lanes as u64, false);
        let groups_end = builder.build_int_mul(
            builder.build_int_unsigned_div(count, lanes_value, "groups")?,
            lanes_value,
            "groups_end",
        )?;
        // Two counted loops: `lanes` rows at a time up to `groups_end`, then one at a time.
        let mut total = self.i64_type.const_zero();
        let mut start = self.i64_type.const_zero();
        for (step, end) in [(lanes, groups_end), (1, count)] {
            let before = builder.get_insert_block().expect("a block");
            let header = self.context.append_basic_block(function, "loop");
            let body = self.context.append_basic_block(function, "body");
            let done = self.context.append_basic_block(function, "done");
            builder.build_unconditional_branch(header)?;
            builder.position_at_end(header);
            let row = builder.build_phi(self.i64_type, "row")?;
            let sum = builder.build_phi(self.i64_type, "sum")?;
            let more = builder.build_int_compare(
                IntPredicate::ULT,
                row.as_basic_value().into_int_value(),
                end,
                "more",
            )?;
            builder.build_conditional_branch(more, body, done)?;
            builder.position_at_end(body);
            let first = row.as_basic_value().into_int_value();
            let invalid = self.group(rows, status, first, step, function)?;
            let next_sum = builder.build_int_add(
                sum.as_basic_value().into_int_value(),
                invalid,
                "next_sum",
            )?;
            let next_row = builder.build_int_add(
                first,
                self.i64_type.const_int(step as u64, false),
                "next_row",
            )?;
            let latch = builder.get_insert_block().expect("a block");
            builder.build_unconditional_branch(header)?;
            row.add_incoming(&[(&start, before), (&next_row, latch)]);
            sum.add_incoming(&[(&total, before), (&next_sum, latch)]);
            builder.position_at_end(done);
            start = row.as_basic_value().into_int_value();
            total = sum.as_basic_value().into_int_value();
        }
        builder.build_return(Some(&total))?;
        Ok(())
    }
}

/// The symbol of the JIT's kernel, which trusts its caller to have checked the values.
fn unchecked_name(format: FloatFormat) -> String {
    format!("{}_unchecked", super::lower::kernel_name(format))
}

/// The module of a propositional shield's kernels for `formats`, with `reqc_columns`:
/// `checked` kernels (the library's ABI) or the JIT's unchecked ones.
pub fn lower<'ctx>(
    context: &'ctx Context,
    shield: &PropositionalShield,
    formats: &[FloatFormat],
    checked: bool,
) -> Emitted<Module<'ctx>> {
    let module = context.create_module("reqc_propositional");
    for format in formats {
        let float = match format {
            FloatFormat::F32 => context.f32_type(),
            FloatFormat::F64 => context.f64_type(),
        };
        let bits = match format {
            FloatFormat::F32 => context.i32_type(),
            FloatFormat::F64 => context.i64_type(),
        };
        let lowering = Lowering {
            checked,
            context,
            builder: context.create_builder(),
            shield,
            float,
            bits,
            i64_type: context.i64_type(),
        };
        lowering.kernel(&module, *format)?;
    }
    let i64_type = context.i64_type();
    let columns = module.add_function(
        "reqc_columns",
        i64_type.fn_type(&[], false),
        Some(Linkage::External),
    );
    let builder = context.create_builder();
    builder.position_at_end(context.append_basic_block(columns, "entry"));
    builder.build_return(Some(&i64_type.const_int(shield.columns as u64, false)))?;
    super::verify(&module, None)?;
    Ok(module)
}

type KernelF32 = unsafe extern "C" fn(*mut f32, u64, *mut u8) -> u64;
type KernelF64 = unsafe extern "C" fn(*mut f64, u64, *mut u8) -> u64;

/// A propositional shield's compiled kernels, alive as long as this value.
pub struct PropositionalKernels {
    checked: bool,
    columns: usize,
    f32_kernel: Option<KernelF32>,
    f64_kernel: Option<KernelF64>,
    /// Keeps the machine code alive; the kernels point into it.
    _engine: inkwell::execution_engine::ExecutionEngine<'static>,
    _context: &'static Context,
    pub compile_time: std::time::Duration,
}

// Safety: the kernels are pure functions of their arguments (no globals written), and the
// engine is only kept to own the machine code, never used again after construction.
unsafe impl Send for PropositionalKernels {}
// Safety: as above; concurrent calls on disjoint rows are what the ABI promises.
unsafe impl Sync for PropositionalKernels {}

impl PropositionalKernels {
    /// Compiles the kernels of `formats` for this machine, for callers that check every
    /// value first (`jobs::propositional::find_invalid`): no checks, no statuses.
    pub fn compile(
        shield: &PropositionalShield,
        formats: &[FloatFormat],
    ) -> Emitted<PropositionalKernels> {
        PropositionalKernels::compile_with(shield, formats, false)
    }

    /// Compiles the library's kernels (they check every value and write statuses).
    pub fn compile_checked(
        shield: &PropositionalShield,
        formats: &[FloatFormat],
    ) -> Emitted<PropositionalKernels> {
        PropositionalKernels::compile_with(shield, formats, true)
    }

    fn compile_with(
        shield: &PropositionalShield,
        formats: &[FloatFormat],
        checked: bool,
    ) -> Emitted<PropositionalKernels> {
        let started = std::time::Instant::now();
        // The context must outlive the engine, which the returned value owns: leak one small
        // context per compiled shield (a shield's kernels live as long as the shield).
        let context: &'static Context = Box::leak(Box::new(Context::create()));
        let module = lower(context, shield, formats, checked)?;
        let machine = target_machine(&TargetOptions::native())?;
        // No IR pipeline: `-O3` doubled the compile time on the bundled rule set without a
        // measurable speed-up (python/benches/bench_propositional.py); the code generator
        // still optimises at its aggressive level.
        set_target(&module, &machine);
        let engine = module
            .create_jit_execution_engine(OptimizationLevel::Aggressive)
            .map_err(|message| {
                CodegenError::new(format!("cannot start the JIT: {}", message.to_string()))
            })?;
        let address = |format: FloatFormat| -> Emitted<Option<usize>> {
            if !formats.contains(&format) {
                return Ok(None);
            }
            let name = if checked {
                super::lower::kernel_name(format)
            } else {
                unchecked_name(format)
            };
            engine
                .get_function_address(&name)
                .map(Some)
                .map_err(|error| CodegenError::new(format!("the JIT has no `{name}`: {error}")))
        };
        let f32_address = address(FloatFormat::F32)?;
        let f64_address = address(FloatFormat::F64)?;
        // Safety: each address is a function this module defines with exactly this
        // signature (`Lowering::kernel`); the engine that owns the code lives in the result.
        let (f32_kernel, f64_kernel) = unsafe {
            (
                f32_address.map(|address| std::mem::transmute::<usize, KernelF32>(address)),
                f64_address.map(|address| std::mem::transmute::<usize, KernelF64>(address)),
            )
        };
        Ok(PropositionalKernels {
            checked,
            columns: shield.columns,
            f32_kernel,
            f64_kernel,
            _engine: engine,
            _context: context,
            compile_time: started.elapsed(),
        })
    }

    /// Corrects f32 rows in place; returns how many rows were left alone because a value
    /// is not a probability. Checked kernels leave such rows alone with status 6; the
    /// unchecked ones need every value to be a probability (other values give meaningless,
    /// though memory-safe, rows) and take no status. Panics if the buffer is not whole
    /// rows, the f32 kernel was not compiled, or statuses are asked of unchecked kernels.
    pub fn correct_f32(&self, rows: &mut [f32], status: Option<&mut [u8]>) -> usize {
        let kernel = self.f32_kernel.expect("the f32 kernel was compiled");
        self.run(kernel, rows, status)
    }

    /// [`Self::correct_f32`] for f64 rows.
    pub fn correct_f64(&self, rows: &mut [f64], status: Option<&mut [u8]>) -> usize {
        let kernel = self.f64_kernel.expect("the f64 kernel was compiled");
        self.run(kernel, rows, status)
    }

    fn run<T>(
        &self,
        kernel: unsafe extern "C" fn(*mut T, u64, *mut u8) -> u64,
        rows: &mut [T],
        status: Option<&mut [u8]>,
    ) -> usize {
        assert!(
            self.checked || status.is_none(),
            "unchecked kernels write no statuses"
        );
        let count = rows.len() / self.columns.max(1);
        assert_eq!(rows.len(), count * self.columns, "whole rows");
        let status = status.map_or(std::ptr::null_mut(), |status| {
            assert_eq!(status.len(), count, "one status per row");
            status.as_mut_ptr()
        });
        // Safety: the kernel reads and writes `count` rows of `columns` values at `rows`
        // (asserted above) and, when `status` is not null, one byte per row there.
        unsafe { kernel(rows.as_mut_ptr(), count as u64, status) as usize }
    }
}

/// The C header of a propositional shield's library.
pub fn header(shield: &PropositionalShield) -> String {
    format!(
        r#"/* Generated by {version}. Do not edit.
 *
 * Kernels of a propositional shield (PiShield's propositional Shield Layer,
 * computed exactly) over {columns} labels, {rules} derived rules in {strata} strata.
 * Link with the library that `reqc compile FILE --emit lib` wrote beside this header.
 */
#ifndef REQC_PROPOSITIONAL_SHIELD_H
#define REQC_PROPOSITIONAL_SHIELD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {{
#endif

#define REQC_UNCHANGED 0       /* the row's probabilities were already coherent; left bit for bit */
#define REQC_CORRECTED 1       /* some labels moved, as PiShield's layer moves them */
#define REQC_NOT_PROBABILITY 6 /* a value is NaN or outside [0, 1]; the row is left unchanged */

#define REQC_COLUMNS {columns}

/* Corrects `n_rows` rows of probabilities in place. `rows` is row-major: row i,
 * label k is rows[i * reqc_columns() + k]. When `status` is not NULL it receives
 * one REQC_* value per row. Returns the number of REQC_NOT_PROBABILITY rows.
 * Rows equal `reqc correct` bit for bit. Thread-safe and reentrant. */
size_t reqc_correct_f32(float *rows, size_t n_rows, uint8_t *status);
size_t reqc_correct_f64(double *rows, size_t n_rows, uint8_t *status);

/* The number of labels a row has. */
size_t reqc_columns(void);

#ifdef __cplusplus
}}
#endif

#endif /* REQC_PROPOSITIONAL_SHIELD_H */
"#,
        version = super::VERSION,
        columns = shield.columns,
        rules = shield.rules.len(),
        strata = shield.strata,
    )
}

/// The bytes of an artifact of a propositional shield (`reqc compile --emit ...`).
pub fn artifact_bytes(
    shield: &PropositionalShield,
    artifact: super::Artifact,
    options: &TargetOptions,
) -> Emitted<Vec<u8>> {
    use super::Artifact;
    let context = Context::create();
    let both = [FloatFormat::F32, FloatFormat::F64];
    match artifact {
        Artifact::Header => return Ok(header(shield).into_bytes()),
        Artifact::LlvmIr => {
            return Ok(lower(&context, shield, &both, true)?
                .print_to_string()
                .to_string()
                .into_bytes())
        }
        _ => {}
    }
    let module = lower(&context, shield, &both, true)?;
    let machine: TargetMachine = target_machine(options)?;
    if artifact == Artifact::Library && !for_this_machine(&machine) {
        return Err(CodegenError::new(
            "`--emit lib` links with this machine's C compiler, so it builds libraries for this machine only; use `--emit obj` for another target",
        ));
    }
    optimise(&module, &machine)?;
    match artifact {
        Artifact::Assembly => write_machine(&machine, &module, FileType::Assembly),
        Artifact::Object => write_machine(&machine, &module, FileType::Object),
        _ => link_library(&machine, &module),
    }
}
