//! Lowering of a shield to LLVM IR: one kernel per float format that corrects row-major buffers in place.
//!
//! The kernel has two phases per chunk of rows. The first is straight-line code
//! over every row (so LLVM can vectorise it across rows): a row whose every level
//! clause and input condition holds by the interpreter's float test with its
//! rigorous error bound is certainly unchanged. The second visits the other rows
//! one at a time and follows `specs/correction.md`: each literal is decided by the
//! same float test, then by exact floating-point expansions; boundaries are the
//! exact first satisfying float, found by galloping and bisection from a compensated
//! estimate; the gaps of a level are skipped to the nearest feasible float, ties to
//! the lower one. Whatever the kernel cannot decide exactly (a literal needing big
//! rationals, a level with no float left, which needs the interpreter's search) marks
//! the row *undecided* and leaves it as it was.

use super::CodegenError;
use crate::linear::Relation;
use crate::number::FloatFormat;
use crate::shield::exact::PreparedInequality;
use crate::shield::Shield;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::intrinsics::Intrinsic;
use inkwell::module::{Linkage, Module};
use inkwell::types::{FloatType, IntType};
use inkwell::values::{BasicValueEnum, FloatValue, FunctionValue, IntValue, PointerValue};
use inkwell::{AddressSpace, FloatPredicate, IntPredicate};
use num_traits::Signed;

/// Row status written by the kernels (and documented in the C header).
pub const STATUS_UNCHANGED: u8 = 0;
pub const STATUS_CORRECTED: u8 = 1;
pub const STATUS_IMPOSSIBLE: u8 = 2;
pub const STATUS_UNDECIDED: u8 = 3;
pub const STATUS_NON_FINITE: u8 = 4;

/// Boundary results that are not keys (keys lie strictly between these and `i64::MAX`).
const UNDECIDED_KEY: i64 = i64::MIN;
const NO_KEY: i64 = i64::MIN + 1;

/// Literals with at most this many terms get exact expansion code; longer ones fall back when the float test cannot decide.
pub const EXPANSION_TERMS: usize = 8;

/// Rows per chunk: the first phase's flags live in a stack buffer of this size.
const CHUNK_ROWS: u64 = 256;

/// Unit roundoff of f64, as in the interpreter's float test.
const UNIT_ROUNDOFF: f64 = f64::EPSILON / 2.0;

/// A clause of a level, its literals (indices into the literal table) split by how they bound the level's column.
struct ClausePlan {
    lower: Vec<usize>,
    upper: Vec<usize>,
    residual: Vec<usize>,
}

impl ClausePlan {
    fn all(&self) -> impl Iterator<Item = usize> + '_ {
        self.lower
            .iter()
            .chain(&self.upper)
            .chain(&self.residual)
            .copied()
    }
}

struct LevelPlan {
    column: usize,
    clauses: Vec<ClausePlan>,
}

/// The shield in the shape the lowering needs: literals numbered once, clauses as index lists.
struct Plan {
    columns: usize,
    literals: Vec<PreparedInequality>,
    levels: Vec<LevelPlan>,
    inputs: Vec<Vec<usize>>,
}

impl Plan {
    fn new(shield: &Shield) -> Plan {
        let mut literals = Vec::new();
        let mut add = |literal: &crate::linear::Inequality| {
            literals.push(PreparedInequality::new(literal.clone()));
            literals.len() - 1
        };
        let mut levels = Vec::new();
        for level in &shield.levels {
            let mut clauses = Vec::new();
            for clause in &level.clauses {
                let mut plan = ClausePlan {
                    lower: Vec::new(),
                    upper: Vec::new(),
                    residual: Vec::new(),
                };
                for literal in &clause.literals {
                    let coefficient = literal.coefficient(level.column);
                    let index = add(literal);
                    if coefficient.is_positive() {
                        plan.lower.push(index);
                    } else if coefficient.is_negative() {
                        plan.upper.push(index);
                    } else {
                        plan.residual.push(index);
                    }
                }
                clauses.push(plan);
            }
            levels.push(LevelPlan {
                column: level.column,
                clauses,
            });
        }
        let inputs = shield
            .input_clauses
            .iter()
            .map(|clause| clause.literals.iter().map(&mut add).collect())
            .collect();
        Plan {
            columns: shield.columns,
            literals,
            levels,
            inputs,
        }
    }
}

/// The key of the largest finite float of a format (see `shield::exact::key`).
fn maximum_key(format: FloatFormat) -> i64 {
    crate::shield::exact::maximum_key(format)
}

fn suffix(format: FloatFormat) -> &'static str {
    match format {
        FloatFormat::F32 => "f32",
        FloatFormat::F64 => "f64",
    }
}

/// The exported symbol of the kernel for a format.
pub fn kernel_name(format: FloatFormat) -> String {
    format!("reqc_correct_{}", suffix(format))
}

struct Lowering<'a, 'ctx> {
    context: &'ctx Context,
    module: &'a Module<'ctx>,
    builder: Builder<'ctx>,
    plan: &'a Plan,
    f64_type: FloatType<'ctx>,
    i64_type: IntType<'ctx>,
    i8_type: IntType<'ctx>,
    fma: FunctionValue<'ctx>,
    fabs: FunctionValue<'ctx>,
    /// Per literal: `i8 holds(double* scratch)`, 0 false, 1 true, 2 undecided.
    holds: Vec<FunctionValue<'ctx>>,
}

type Emitted<T> = Result<T, CodegenError>;

/// Builds the module of a shield: the kernels of `formats` and the metadata functions.
pub fn lower<'ctx>(
    context: &'ctx Context,
    shield: &Shield,
    formats: &[FloatFormat],
    name: &str,
    hash: u64,
    version: &str,
) -> Emitted<Module<'ctx>> {
    let module = context.create_module(name);
    let plan = Plan::new(shield);
    let f64_type = context.f64_type();
    let fma = Intrinsic::find("llvm.fma")
        .and_then(|intrinsic| intrinsic.get_declaration(&module, &[f64_type.into()]))
        .ok_or_else(|| CodegenError::new("LLVM has no llvm.fma intrinsic"))?;
    let fabs = Intrinsic::find("llvm.fabs")
        .and_then(|intrinsic| intrinsic.get_declaration(&module, &[f64_type.into()]))
        .ok_or_else(|| CodegenError::new("LLVM has no llvm.fabs intrinsic"))?;
    let mut lowering = Lowering {
        context,
        module: &module,
        builder: context.create_builder(),
        plan: &plan,
        f64_type,
        i64_type: context.i64_type(),
        i8_type: context.i8_type(),
        fma,
        fabs,
        holds: Vec::new(),
    };
    for index in 0..plan.literals.len() {
        let function = lowering.emit_holds(index)?;
        lowering.holds.push(function);
    }
    for &format in formats {
        let slow = lowering.emit_slow(format)?;
        lowering.emit_kernel(format, slow)?;
    }
    lowering.emit_metadata(hash, version)?;
    Ok(module)
}

impl<'a, 'ctx> Lowering<'a, 'ctx> {
    fn float(&self, value: f64) -> FloatValue<'ctx> {
        self.f64_type.const_float(value)
    }

    fn int(&self, value: i64) -> IntValue<'ctx> {
        self.i64_type.const_int(value as u64, true)
    }

    fn byte(&self, value: u8) -> IntValue<'ctx> {
        self.i8_type.const_int(u64::from(value), false)
    }

    fn double_pointer(&self) -> inkwell::types::PointerType<'ctx> {
        self.f64_type.ptr_type(AddressSpace::default())
    }

    /// The address of element `index` of a buffer.
    fn element(
        &self,
        pointer: PointerValue<'ctx>,
        index: IntValue<'ctx>,
    ) -> Emitted<PointerValue<'ctx>> {
        // Safety: this only builds a `getelementptr inbounds` instruction (inkwell marks
        // GEP construction unsafe because wrong indices make the *generated* code fault).
        // Every index the lowering passes is below the length the kernel's contract
        // gives for the buffer: a column below the file's column count within a row,
        // a row below `n_rows`, or a chunk position below CHUNK_ROWS.
        Ok(unsafe {
            self.builder
                .build_in_bounds_gep(pointer, &[index], "element")?
        })
    }

    fn load_column(&self, scratch: PointerValue<'ctx>, column: usize) -> Emitted<FloatValue<'ctx>> {
        let address = self.element(scratch, self.int(column as i64))?;
        Ok(self
            .builder
            .build_load(address, "value")?
            .into_float_value())
    }

    /// Loads the element at `index` of a row of `format` and widens it to f64, the
    /// precision every test and correction works in.
    fn load_widened(
        &self,
        row: PointerValue<'ctx>,
        index: IntValue<'ctx>,
        format: FloatFormat,
    ) -> Emitted<FloatValue<'ctx>> {
        let loaded = self
            .builder
            .build_load(self.element(row, index)?, "value")?
            .into_float_value();
        Ok(match format {
            FloatFormat::F64 => loaded,
            FloatFormat::F32 => self
                .builder
                .build_float_ext(loaded, self.f64_type, "value")?,
        })
    }

    fn call(
        &self,
        function: FunctionValue<'ctx>,
        arguments: &[BasicValueEnum<'ctx>],
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let arguments: Vec<_> = arguments.iter().map(|value| (*value).into()).collect();
        self.builder
            .build_call(function, &arguments, "call")?
            .try_as_basic_value()
            .basic()
            .ok_or_else(|| CodegenError::new("a call returned no value"))
    }

    fn absolute(&self, value: FloatValue<'ctx>) -> Emitted<FloatValue<'ctx>> {
        Ok(self.call(self.fabs, &[value.into()])?.into_float_value())
    }

    fn select_int(
        &self,
        condition: IntValue<'ctx>,
        then: IntValue<'ctx>,
        otherwise: IntValue<'ctx>,
    ) -> Emitted<IntValue<'ctx>> {
        Ok(self
            .builder
            .build_select(condition, then, otherwise, "select")?
            .into_int_value())
    }

    fn select_float(
        &self,
        condition: IntValue<'ctx>,
        then: FloatValue<'ctx>,
        otherwise: FloatValue<'ctx>,
    ) -> Emitted<FloatValue<'ctx>> {
        Ok(self
            .builder
            .build_select(condition, then, otherwise, "select")?
            .into_float_value())
    }

    fn and(&self, left: IntValue<'ctx>, right: IntValue<'ctx>) -> Emitted<IntValue<'ctx>> {
        Ok(self.builder.build_and(left, right, "and")?)
    }

    fn or(&self, left: IntValue<'ctx>, right: IntValue<'ctx>) -> Emitted<IntValue<'ctx>> {
        Ok(self.builder.build_or(left, right, "or")?)
    }

    fn not(&self, value: IntValue<'ctx>) -> Emitted<IntValue<'ctx>> {
        Ok(self.builder.build_not(value, "not")?)
    }

    fn int_compare(
        &self,
        predicate: IntPredicate,
        left: IntValue<'ctx>,
        right: IntValue<'ctx>,
    ) -> Emitted<IntValue<'ctx>> {
        Ok(self
            .builder
            .build_int_compare(predicate, left, right, "compare")?)
    }

    fn float_compare(
        &self,
        predicate: FloatPredicate,
        left: FloatValue<'ctx>,
        right: FloatValue<'ctx>,
    ) -> Emitted<IntValue<'ctx>> {
        Ok(self
            .builder
            .build_float_compare(predicate, left, right, "compare")?)
    }

    /// Emits `for column in 0..columns` around `body`, which updates an i1 accumulator; returns
    /// the final accumulator with the builder after the loop. A loop rather than unrolled code
    /// keeps wide files (hundreds of columns) quick to compile, and LLVM vectorises it.
    fn column_loop(
        &self,
        initial: IntValue<'ctx>,
        body: &dyn Fn(IntValue<'ctx>, IntValue<'ctx>) -> Emitted<IntValue<'ctx>>,
    ) -> Emitted<IntValue<'ctx>> {
        if self.plan.columns == 0 {
            return Ok(initial);
        }
        let builder = &self.builder;
        let before = builder.get_insert_block().expect("positioned");
        let function = before.get_parent().expect("in a function");
        let header = self.context.append_basic_block(function, "columns");
        let after = self.context.append_basic_block(function, "columns_done");
        builder.build_unconditional_branch(header)?;
        builder.position_at_end(header);
        let column_phi = builder.build_phi(self.i64_type, "column")?;
        let accumulator_phi = builder.build_phi(self.context.bool_type(), "accumulator")?;
        let column = column_phi.as_basic_value().into_int_value();
        let accumulator = accumulator_phi.as_basic_value().into_int_value();
        let updated = body(column, accumulator)?;
        let next = builder.build_int_add(column, self.int(1), "next_column")?;
        let again =
            self.int_compare(IntPredicate::ULT, next, self.int(self.plan.columns as i64))?;
        let latch = builder.get_insert_block().expect("positioned");
        builder.build_conditional_branch(again, header, after)?;
        column_phi.add_incoming(&[(&self.int(0), before), (&next, latch)]);
        accumulator_phi.add_incoming(&[(&initial, before), (&updated, latch)]);
        builder.position_at_end(after);
        Ok(updated)
    }

    /// Keeps a slow-path function out of line, so compile time grows with the shield, not its square.
    fn out_of_line(&self, function: FunctionValue<'ctx>) {
        for name in ["noinline", "cold"] {
            let kind = inkwell::attributes::Attribute::get_named_enum_kind_id(name);
            function.add_attribute(
                inkwell::attributes::AttributeLoc::Function,
                self.context.create_enum_attribute(kind, 0),
            );
        }
    }

    fn boolean(&self, value: bool) -> IntValue<'ctx> {
        self.context.bool_type().const_int(u64::from(value), false)
    }

    /// The interpreter's float test of a literal on the given values: `(sum, error)`; the
    /// literal certainly holds when `sum > error` and certainly fails when `sum < -error`.
    fn float_test(
        &self,
        literal: &PreparedInequality,
        values: &dyn Fn(usize) -> Emitted<FloatValue<'ctx>>,
    ) -> Emitted<(FloatValue<'ctx>, FloatValue<'ctx>)> {
        let builder = &self.builder;
        let mut sum = self.float(-literal.constant);
        let mut magnitude = self.float(literal.constant.abs());
        for (column, coefficient) in &literal.terms {
            let product =
                builder.build_float_mul(self.float(*coefficient), values(*column)?, "product")?;
            sum = builder.build_float_add(sum, product, "sum")?;
            let size = self.absolute(product)?;
            magnitude = builder.build_float_add(magnitude, size, "magnitude")?;
        }
        let count = literal.terms.len() as f64 + 2.0;
        let scaled = builder.build_float_mul(
            self.float(4.0 * count * UNIT_ROUNDOFF),
            magnitude,
            "scaled",
        )?;
        let error =
            builder.build_float_add(scaled, self.float(count * f64::from_bits(1)), "error")?;
        Ok((sum, error))
    }

    /// `i8 holds_N(double* scratch)`: 1 when the literal holds at the scratch row, 0 when not, 2 when undecided.
    fn emit_holds(&self, index: usize) -> Emitted<FunctionValue<'ctx>> {
        let literal = &self.plan.literals[index];
        let function_type = self.i8_type.fn_type(&[self.double_pointer().into()], false);
        let function = self.module.add_function(
            &format!("holds_{index}"),
            function_type,
            Some(Linkage::Internal),
        );
        self.out_of_line(function);
        let scratch = function
            .get_nth_param(0)
            .expect("one parameter")
            .into_pointer_value();
        let entry = self.context.append_basic_block(function, "entry");
        let yes = self.context.append_basic_block(function, "holds");
        let test_no = self.context.append_basic_block(function, "test_fails");
        let no = self.context.append_basic_block(function, "fails");
        let exact = self.context.append_basic_block(function, "exact");
        let builder = &self.builder;
        builder.position_at_end(entry);
        let (sum, error) = self.float_test(literal, &|column| self.load_column(scratch, column))?;
        let above = self.float_compare(FloatPredicate::OGT, sum, error)?;
        builder.build_conditional_branch(above, yes, test_no)?;
        builder.position_at_end(test_no);
        let negative = builder.build_float_neg(error, "negative")?;
        let below = self.float_compare(FloatPredicate::OLT, sum, negative)?;
        builder.build_conditional_branch(below, no, exact)?;
        builder.position_at_end(yes);
        builder.build_return(Some(&self.byte(1)))?;
        builder.position_at_end(no);
        builder.build_return(Some(&self.byte(0)))?;
        builder.position_at_end(exact);
        let Some((terms, constant)) = &literal.integral else {
            builder.build_return(Some(&self.byte(2)))?;
            return Ok(function);
        };
        // Second tier: a dot product in twice the working precision (Dot2) on the exact
        // integer-scaled coefficients, with its error bound. Decides all but near-ties.
        let (value, bound) = self.emit_dot2(scratch, terms, *constant)?;
        let dot_yes = self.context.append_basic_block(function, "dot2_holds");
        let dot_test_no = self.context.append_basic_block(function, "dot2_test_fails");
        let expansion = self.context.append_basic_block(function, "expansion");
        let above = self.float_compare(FloatPredicate::OGT, value, bound)?;
        builder.build_conditional_branch(above, dot_yes, dot_test_no)?;
        builder.position_at_end(dot_yes);
        builder.build_return(Some(&self.byte(1)))?;
        builder.position_at_end(dot_test_no);
        let negative = builder.build_float_neg(bound, "negative")?;
        let below = self.float_compare(FloatPredicate::OLT, value, negative)?;
        builder.build_conditional_branch(below, no, expansion)?;
        // Third tier: the exact sign through a floating-point expansion.
        builder.position_at_end(expansion);
        if terms.len() <= EXPANSION_TERMS {
            let result =
                self.emit_expansion_decision(scratch, terms, *constant, literal.exact.relation)?;
            builder.build_return(Some(&result))?;
        } else {
            builder.build_return(Some(&self.byte(2)))?;
        }
        Ok(function)
    }

    /// Dot2 (Ogita, Rump and Oishi, "Accurate sum and dot product", 2005) of
    /// `sum c_i v_i - constant` with exact coefficients: returns `(value, bound)` with
    /// |value - exact| <= bound. Their bound is `u |exact| + gamma_m^2 sum |c_i v_i|`
    /// (m products, gamma_m = m u / (1 - m u)); this uses `2 u |value| + 4 (m u)^2 M` with
    /// the computed magnitude M, plus `4 m` smallest subnormals for error terms that
    /// underflow. Non-finite intermediate values give a NaN bound, which decides nothing.
    fn emit_dot2(
        &self,
        scratch: PointerValue<'ctx>,
        terms: &[(usize, f64)],
        constant: f64,
    ) -> Emitted<(FloatValue<'ctx>, FloatValue<'ctx>)> {
        let builder = &self.builder;
        let mut sum = self.float(-constant);
        let mut correction = self.float(0.0);
        let mut magnitude = self.float(constant.abs());
        for (column, coefficient) in terms {
            let value = self.load_column(scratch, *column)?;
            let coefficient = self.float(*coefficient);
            let product = builder.build_float_mul(coefficient, value, "product")?;
            let negated = builder.build_float_neg(product, "negated")?;
            let product_error = self
                .call(
                    self.fma,
                    &[coefficient.into(), value.into(), negated.into()],
                )?
                .into_float_value();
            let (next, sum_error) = self.two_sum(sum, product)?;
            sum = next;
            let errors = builder.build_float_add(sum_error, product_error, "errors")?;
            correction = builder.build_float_add(correction, errors, "correction")?;
            let size = self.absolute(product)?;
            magnitude = builder.build_float_add(magnitude, size, "magnitude")?;
        }
        let value = builder.build_float_add(sum, correction, "dot2")?;
        let count = terms.len() as f64 + 1.0;
        let relative = builder.build_float_mul(
            self.float(2.0 * UNIT_ROUNDOFF),
            self.absolute(value)?,
            "relative",
        )?;
        let gamma = count * UNIT_ROUNDOFF;
        let absolute =
            builder.build_float_mul(self.float(4.0 * gamma * gamma), magnitude, "absolute")?;
        let bound = builder.build_float_add(relative, absolute, "bound")?;
        let bound =
            builder.build_float_add(bound, self.float(4.0 * count * f64::from_bits(1)), "bound")?;
        // Infinite or NaN intermediates: make the bound NaN so that both tests fail.
        let finite = self.float_compare(
            FloatPredicate::OLE,
            self.absolute(magnitude)?,
            self.float(f64::MAX),
        )?;
        let bound = self.select_float(finite, bound, self.float(f64::NAN))?;
        Ok((value, bound))
    }

    /// Exact sum `a + b = sum + error` (TwoSum), as the interpreter's expansion arithmetic.
    fn two_sum(
        &self,
        a: FloatValue<'ctx>,
        b: FloatValue<'ctx>,
    ) -> Emitted<(FloatValue<'ctx>, FloatValue<'ctx>)> {
        let builder = &self.builder;
        let sum = builder.build_float_add(a, b, "two_sum")?;
        let virtual_b = builder.build_float_sub(sum, a, "virtual_b")?;
        let virtual_a = builder.build_float_sub(sum, virtual_b, "virtual_a")?;
        let round_a = builder.build_float_sub(a, virtual_a, "round_a")?;
        let round_b = builder.build_float_sub(b, virtual_b, "round_b")?;
        let error = builder.build_float_add(round_a, round_b, "two_sum_error")?;
        Ok((sum, error))
    }

    /// The exact sign of `sum c_i v_i - constant` on integer-scaled coefficients, through a
    /// nonoverlapping expansion (Shewchuk's GROW-EXPANSION, zeros kept); returns the i8
    /// decision, 2 when products could under- or overflow.
    fn emit_expansion_decision(
        &self,
        scratch: PointerValue<'ctx>,
        terms: &[(usize, f64)],
        constant: f64,
        relation: Relation,
    ) -> Emitted<IntValue<'ctx>> {
        let builder = &self.builder;
        let mut components: Vec<FloatValue<'ctx>> = Vec::new();
        let grow =
            |components: &mut Vec<FloatValue<'ctx>>, value: FloatValue<'ctx>| -> Emitted<()> {
                let mut carry = value;
                for component in components.iter_mut() {
                    let (sum, error) = self.two_sum(carry, *component)?;
                    *component = error;
                    carry = sum;
                }
                components.push(carry);
                Ok(())
            };
        grow(&mut components, self.float(-constant))?;
        let mut unsafe_range = self.boolean(false);
        for (column, coefficient) in terms {
            let value = self.load_column(scratch, *column)?;
            let coefficient = self.float(*coefficient);
            let product = builder.build_float_mul(coefficient, value, "product")?;
            let negated = builder.build_float_neg(product, "negated")?;
            let error = self
                .call(
                    self.fma,
                    &[coefficient.into(), value.into(), negated.into()],
                )?
                .into_float_value();
            let size = self.absolute(product)?;
            // With an integer coefficient the FMA error term is exact even for subnormal
            // products (both sides are multiples of the value's last bit), so only overflow
            // needs guarding; the interpreter is more cautious and takes big rationals there.
            // Not `<= 1e300` also catches infinities and NaN.
            let moderate = self.float_compare(FloatPredicate::OLE, size, self.float(1e300))?;
            let outside = self.not(moderate)?;
            unsafe_range = self.or(unsafe_range, outside)?;
            grow(&mut components, product)?;
            grow(&mut components, error)?;
        }
        // In a nonoverlapping expansion the largest nonzero component decides the sign.
        let mut leading = self.float(0.0);
        for component in &components {
            let nonzero = self.float_compare(FloatPredicate::UNE, *component, self.float(0.0))?;
            leading = self.select_float(nonzero, *component, leading)?;
        }
        let leading_size = self.absolute(leading)?;
        let finite = self.float_compare(FloatPredicate::OLE, leading_size, self.float(f64::MAX))?;
        let undecided = self.or(unsafe_range, self.not(finite)?)?;
        let predicate = match relation {
            Relation::AtLeast => FloatPredicate::OGE,
            Relation::Greater => FloatPredicate::OGT,
        };
        let truth = self.float_compare(predicate, leading, self.float(0.0))?;
        let truth = builder.build_int_z_extend(truth, self.i8_type, "truth")?;
        self.select_int(undecided, self.byte(2), truth)
    }

    /// The order-preserving integer key of a float of `format` held in an f64 (both zeros map to 0).
    fn key(&self, value: FloatValue<'ctx>, format: FloatFormat) -> Emitted<IntValue<'ctx>> {
        let builder = &self.builder;
        let (bits, integer) = match format {
            FloatFormat::F64 => (
                builder
                    .build_bit_cast(value, self.i64_type, "bits")?
                    .into_int_value(),
                self.i64_type,
            ),
            FloatFormat::F32 => {
                let single = builder.build_float_trunc(value, self.context.f32_type(), "single")?;
                let integer = self.context.i32_type();
                (
                    builder
                        .build_bit_cast(single, integer, "bits")?
                        .into_int_value(),
                    integer,
                )
            }
        };
        let zero = integer.const_zero();
        let negative = self.int_compare(IntPredicate::SLT, bits, zero)?;
        let magnitude = builder.build_and(
            bits,
            integer.const_int(u64::MAX >> (65 - integer.get_bit_width()), false),
            "magnitude",
        )?;
        let negated = builder.build_int_neg(magnitude, "negated")?;
        let key = self.select_int(negative, negated, bits)?;
        Ok(match format {
            FloatFormat::F64 => key,
            FloatFormat::F32 => builder.build_int_s_extend(key, self.i64_type, "key")?,
        })
    }

    /// The float of `format` with a key (as an f64); key 0 is +0.0.
    fn float_of_key(&self, key: IntValue<'ctx>, format: FloatFormat) -> Emitted<FloatValue<'ctx>> {
        let builder = &self.builder;
        let negative = self.int_compare(IntPredicate::SLT, key, self.int(0))?;
        let negated = builder.build_int_neg(key, "negated")?;
        let magnitude = self.select_int(negative, negated, key)?;
        let value = match format {
            FloatFormat::F64 => builder
                .build_bit_cast(magnitude, self.f64_type, "value")?
                .into_float_value(),
            FloatFormat::F32 => {
                let narrow =
                    builder.build_int_truncate(magnitude, self.context.i32_type(), "narrow")?;
                let single = builder
                    .build_bit_cast(narrow, self.context.f32_type(), "single")?
                    .into_float_value();
                builder.build_float_ext(single, self.f64_type, "value")?
            }
        };
        let negative_value = builder.build_float_neg(value, "negative")?;
        self.select_float(negative, negative_value, value)
    }

    /// `i64 boundary(double* scratch)`: the key of the first float (smallest for a lower
    /// literal, largest for an upper one) at which the literal holds in `column`, the
    /// other values fixed; NO_KEY when no finite float does; UNDECIDED_KEY when a test on
    /// the way cannot be decided. Same result as `shield::exact::boundary`, which it is
    /// unique: a compensated estimate, then galloping and bisection over keys, as there.
    fn emit_boundary(
        &self,
        literal_index: usize,
        column: usize,
        lower: bool,
        format: FloatFormat,
    ) -> Emitted<FunctionValue<'ctx>> {
        let name = format!("boundary_{literal_index}_{}", suffix(format));
        if let Some(function) = self.module.get_function(&name) {
            return Ok(function);
        }
        let literal = &self.plan.literals[literal_index];
        let function_type = self
            .i64_type
            .fn_type(&[self.double_pointer().into()], false);
        let function = self
            .module
            .add_function(&name, function_type, Some(Linkage::Internal));
        self.out_of_line(function);
        let scratch = function
            .get_nth_param(0)
            .expect("one parameter")
            .into_pointer_value();
        let context = self.context;
        let builder = &self.builder;
        let block = |label: &str| context.append_basic_block(function, label);
        let entry = block("entry");
        let decided = block("decided");
        let gallop_down = block("gallop_down");
        let gallop_up = block("gallop_up");
        let bisect = block("bisect");
        let bisect_step = block("bisect_step");
        let exit = block("exit");
        let maximum = maximum_key(format);
        let direction: i64 = if lower { 1 } else { -1 };
        // Galloping steps stop doubling here, so that no key arithmetic can overflow.
        let largest_step = self.int(1 << 62);

        builder.position_at_end(entry);
        let address = self.element(scratch, self.int(column as i64))?;
        let saved = builder.build_load(address, "saved")?.into_float_value();
        // Estimate: (constant - other terms) / own coefficient, the sum compensated (Dot2)
        // so that long literals start within a float or two of their boundary.
        let mut rest = self.float(literal.constant);
        let mut correction = self.float(0.0);
        let mut own = 0.0;
        for (term_column, coefficient) in &literal.terms {
            if *term_column == column {
                own = *coefficient;
                continue;
            }
            let value = self.load_column(scratch, *term_column)?;
            let negated = builder.build_float_neg(value, "negated")?;
            let coefficient = self.float(*coefficient);
            let product = builder.build_float_mul(coefficient, negated, "product")?;
            let minus_product = builder.build_float_neg(product, "minus_product")?;
            let product_error = self
                .call(
                    self.fma,
                    &[coefficient.into(), negated.into(), minus_product.into()],
                )?
                .into_float_value();
            let (next, sum_error) = self.two_sum(rest, product)?;
            rest = next;
            let errors = builder.build_float_add(sum_error, product_error, "errors")?;
            correction = builder.build_float_add(correction, errors, "correction")?;
        }
        let rest = builder.build_float_add(rest, correction, "rest")?;
        let mut estimate = builder.build_float_div(rest, self.float(own), "estimate")?;
        if format == FloatFormat::F32 {
            let single = builder.build_float_trunc(estimate, self.context.f32_type(), "single")?;
            estimate = builder.build_float_ext(single, self.f64_type, "estimate")?;
        }
        let is_nan = self.float_compare(FloatPredicate::UNO, estimate, estimate)?;
        let size = self.absolute(estimate)?;
        let is_infinite =
            self.float_compare(FloatPredicate::OEQ, size, self.float(f64::INFINITY))?;
        let positive = self.float_compare(FloatPredicate::OGT, estimate, self.float(0.0))?;
        let estimate_key = self.key(estimate, format)?;
        let clamped = self.select_int(positive, self.int(maximum), self.int(-maximum))?;
        let start = self.select_int(is_infinite, clamped, estimate_key)?;
        let start = self.select_int(is_nan, self.int(0), start)?;
        // Work on the axis t = key * direction, where the literal fails then holds as t grows.
        let t0 = builder.build_int_mul(start, self.int(direction), "t0")?;
        let holds_at = |t: IntValue<'ctx>| -> Emitted<IntValue<'ctx>> {
            let key = builder.build_int_mul(t, self.int(direction), "key")?;
            let value = self.float_of_key(key, format)?;
            builder.build_store(address, value)?;
            Ok(self
                .call(self.holds[literal_index], &[scratch.into()])?
                .into_int_value())
        };
        let first = holds_at(t0)?;
        let mut results: Vec<(IntValue<'ctx>, inkwell::basic_block::BasicBlock<'ctx>)> = Vec::new();
        let undecided_first = self.int_compare(IntPredicate::EQ, first, self.byte(2))?;
        let holds_first = self.int_compare(IntPredicate::EQ, first, self.byte(1))?;
        builder.build_conditional_branch(undecided_first, exit, decided)?;
        results.push((self.int(UNDECIDED_KEY), entry));
        builder.position_at_end(decided);
        builder.build_conditional_branch(holds_first, gallop_down, gallop_up)?;
        let double = |step: IntValue<'ctx>| -> Emitted<IntValue<'ctx>> {
            let doubled = builder.build_int_mul(step, self.int(2), "doubled")?;
            let capped = self.int_compare(IntPredicate::SGT, doubled, largest_step)?;
            self.select_int(capped, largest_step, doubled)
        };

        // It holds at `high`: step down, doubling, until it fails (then bisect) or the
        // smallest key is reached, where it holds everywhere.
        builder.position_at_end(gallop_down);
        let high_phi = builder.build_phi(self.i64_type, "high")?;
        let down_step_phi = builder.build_phi(self.i64_type, "step")?;
        let high = high_phi.as_basic_value().into_int_value();
        let step = down_step_phi.as_basic_value().into_int_value();
        // Distances in keys are computed unsigned: they can exceed i64 (about 2^64).
        let room = builder.build_int_sub(high, self.int(-maximum), "room")?;
        let floor = self.int_compare(IntPredicate::UGE, step, room)?;
        let stepped = builder.build_int_sub(high, step, "stepped")?;
        let low = self.select_int(floor, self.int(-maximum), stepped)?;
        let answer = holds_at(low)?;
        let undecided = self.int_compare(IntPredicate::EQ, answer, self.byte(2))?;
        let fails = self.int_compare(IntPredicate::EQ, answer, self.byte(0))?;
        let at_floor = self.int_compare(IntPredicate::EQ, low, self.int(-maximum))?;
        let down_more = block("down_more");
        let down_found = block("down_found");
        let down_decided = block("down_decided");
        builder.build_conditional_branch(undecided, exit, down_decided)?;
        results.push((
            self.int(UNDECIDED_KEY),
            builder.get_insert_block().expect("positioned"),
        ));
        builder.position_at_end(down_decided);
        builder.build_conditional_branch(fails, down_found, down_more)?;
        builder.position_at_end(down_more);
        let floor_key =
            builder.build_int_mul(self.int(-maximum), self.int(direction), "floor_key")?;
        let next_step = double(step)?;
        builder.build_conditional_branch(at_floor, exit, gallop_down)?;
        results.push((floor_key, down_more));
        high_phi.add_incoming(&[(&t0, decided), (&low, down_more)]);
        down_step_phi.add_incoming(&[(&self.int(1), decided), (&next_step, down_more)]);
        builder.position_at_end(down_found);
        builder.build_unconditional_branch(bisect)?;

        // It fails at `low`: step up, doubling, until it holds (then bisect) or the largest
        // key is passed, where no finite float satisfies it.
        builder.position_at_end(gallop_up);
        let low_phi = builder.build_phi(self.i64_type, "low")?;
        let up_step_phi = builder.build_phi(self.i64_type, "step")?;
        let low_up = low_phi.as_basic_value().into_int_value();
        let step = up_step_phi.as_basic_value().into_int_value();
        let room = builder.build_int_sub(self.int(maximum), low_up, "room")?;
        let ceiling = self.int_compare(IntPredicate::UGE, step, room)?;
        let stepped = builder.build_int_add(low_up, step, "stepped")?;
        let candidate = self.select_int(ceiling, self.int(maximum), stepped)?;
        let answer = holds_at(candidate)?;
        let undecided = self.int_compare(IntPredicate::EQ, answer, self.byte(2))?;
        let holds = self.int_compare(IntPredicate::EQ, answer, self.byte(1))?;
        let at_ceiling = self.int_compare(IntPredicate::EQ, candidate, self.int(maximum))?;
        let up_more = block("up_more");
        let up_found = block("up_found");
        let up_decided = block("up_decided");
        builder.build_conditional_branch(undecided, exit, up_decided)?;
        results.push((
            self.int(UNDECIDED_KEY),
            builder.get_insert_block().expect("positioned"),
        ));
        builder.position_at_end(up_decided);
        builder.build_conditional_branch(holds, up_found, up_more)?;
        builder.position_at_end(up_more);
        let next_step = double(step)?;
        builder.build_conditional_branch(at_ceiling, exit, gallop_up)?;
        results.push((self.int(NO_KEY), up_more));
        low_phi.add_incoming(&[(&t0, decided), (&candidate, up_more)]);
        up_step_phi.add_incoming(&[(&self.int(1), decided), (&next_step, up_more)]);
        builder.position_at_end(up_found);
        builder.build_unconditional_branch(bisect)?;

        // Bisection between a failing and a holding t; the first holding t is the boundary.
        builder.position_at_end(bisect);
        let failing_phi = builder.build_phi(self.i64_type, "failing")?;
        let holding_phi = builder.build_phi(self.i64_type, "holding")?;
        let failing = failing_phi.as_basic_value().into_int_value();
        let holding = holding_phi.as_basic_value().into_int_value();
        let width = builder.build_int_sub(holding, failing, "width")?;
        let adjacent = self.int_compare(IntPredicate::ULE, width, self.int(1))?;
        let found = builder.build_int_mul(holding, self.int(direction), "found")?;
        builder.build_conditional_branch(adjacent, exit, bisect_step)?;
        results.push((found, bisect));
        builder.position_at_end(bisect_step);
        let half = builder.build_right_shift(width, self.int(1), false, "half")?;
        let middle = builder.build_int_add(failing, half, "middle")?;
        let answer = holds_at(middle)?;
        let undecided = self.int_compare(IntPredicate::EQ, answer, self.byte(2))?;
        let holds = self.int_compare(IntPredicate::EQ, answer, self.byte(1))?;
        let next_failing = self.select_int(holds, failing, middle)?;
        let next_holding = self.select_int(holds, middle, holding)?;
        builder.build_conditional_branch(undecided, exit, bisect)?;
        results.push((self.int(UNDECIDED_KEY), bisect_step));
        failing_phi.add_incoming(&[
            (&low, down_found),
            (&low_up, up_found),
            (&next_failing, bisect_step),
        ]);
        holding_phi.add_incoming(&[
            (&high, down_found),
            (&candidate, up_found),
            (&next_holding, bisect_step),
        ]);

        builder.position_at_end(exit);
        let result = builder.build_phi(self.i64_type, "result")?;
        for (value, from) in &results {
            result.add_incoming(&[(value, *from)]);
        }
        builder.build_store(address, saved)?;
        builder.build_return(Some(&result.as_basic_value()))?;
        Ok(function)
    }

    /// Whether a clause holds and whether that is undecided: `(certainly true, undecided)`.
    fn clause_truth(
        &self,
        scratch: PointerValue<'ctx>,
        literals: impl Iterator<Item = usize>,
    ) -> Emitted<(IntValue<'ctx>, IntValue<'ctx>)> {
        let mut truth = self.boolean(false);
        let mut unknown = self.boolean(false);
        for index in literals {
            let answer = self
                .call(self.holds[index], &[scratch.into()])?
                .into_int_value();
            truth = self.or(
                truth,
                self.int_compare(IntPredicate::EQ, answer, self.byte(1))?,
            )?;
            unknown = self.or(
                unknown,
                self.int_compare(IntPredicate::EQ, answer, self.byte(2))?,
            )?;
        }
        let undecided = self.and(unknown, self.not(truth)?)?;
        Ok((truth, undecided))
    }

    /// `i8 slow_<format>(double* scratch)`: corrects one finite row held as f64 values, returning
    /// STATUS_UNCHANGED (the caller compares bits to tell corrected rows), STATUS_IMPOSSIBLE or STATUS_UNDECIDED.
    fn emit_slow(&self, format: FloatFormat) -> Emitted<FunctionValue<'ctx>> {
        // Boundary functions first, so the builder is free while the row function is written.
        for level in &self.plan.levels {
            for clause in &level.clauses {
                for &index in &clause.lower {
                    self.emit_boundary(index, level.column, true, format)?;
                }
                for &index in &clause.upper {
                    self.emit_boundary(index, level.column, false, format)?;
                }
            }
        }
        let function_type = self.i8_type.fn_type(&[self.double_pointer().into()], false);
        let function = self.module.add_function(
            &format!("correct_row_{}", suffix(format)),
            function_type,
            Some(Linkage::Internal),
        );
        self.out_of_line(function);
        let scratch = function
            .get_nth_param(0)
            .expect("one parameter")
            .into_pointer_value();
        let context = self.context;
        let builder = &self.builder;
        let block = |label: &str| context.append_basic_block(function, label);
        let entry = block("entry");
        let undecided_exit = block("undecided");
        let impossible_exit = block("impossible");
        builder.position_at_end(undecided_exit);
        builder.build_return(Some(&self.byte(STATUS_UNDECIDED)))?;
        builder.position_at_end(impossible_exit);
        builder.build_return(Some(&self.byte(STATUS_IMPOSSIBLE)))?;
        builder.position_at_end(entry);
        let maximum = maximum_key(format);

        // The fixed inputs must meet the conditions left after eliminating every variable.
        for clause in &self.plan.inputs {
            let (truth, undecided) = self.clause_truth(scratch, clause.iter().copied())?;
            let decided = block("input_decided");
            let next = block("input_holds");
            builder.build_conditional_branch(undecided, undecided_exit, decided)?;
            builder.position_at_end(decided);
            builder.build_conditional_branch(truth, next, impossible_exit)?;
            builder.position_at_end(next);
        }

        for level in &self.plan.levels {
            let column = level.column;
            let address = self.element(scratch, self.int(column as i64))?;
            let target = builder.build_load(address, "target")?.into_float_value();
            let mut all = self.boolean(true);
            let mut undecided = self.boolean(false);
            for clause in &level.clauses {
                let (truth, unknown) = self.clause_truth(scratch, clause.all())?;
                all = self.and(all, truth)?;
                undecided = self.or(undecided, unknown)?;
            }
            let decided = block("level_decided");
            let fix = block("level_fix");
            let done = block("level_done");
            builder.build_conditional_branch(undecided, undecided_exit, decided)?;
            builder.position_at_end(decided);
            builder.build_conditional_branch(all, done, fix)?;

            // The value does not meet its level: find each clause's gap, in keys.
            builder.position_at_end(fix);
            let mut gaps: Vec<(IntValue<'ctx>, IntValue<'ctx>)> = Vec::new();
            let mut undecided = self.boolean(false);
            for clause in &level.clauses {
                let (residual, residual_unknown) =
                    self.clause_truth(scratch, clause.residual.iter().copied())?;
                let mut unknown = residual_unknown;
                let mut lowest = self.int(maximum + 1);
                for &index in &clause.lower {
                    let boundary = self.emit_boundary(index, column, true, format)?;
                    let key = self.call(boundary, &[scratch.into()])?.into_int_value();
                    unknown = self.or(
                        unknown,
                        self.int_compare(IntPredicate::EQ, key, self.int(UNDECIDED_KEY))?,
                    )?;
                    let none = self.int_compare(IntPredicate::EQ, key, self.int(NO_KEY))?;
                    let key = self.select_int(none, self.int(maximum + 1), key)?;
                    let smaller = self.int_compare(IntPredicate::SLT, key, lowest)?;
                    lowest = self.select_int(smaller, key, lowest)?;
                }
                let mut highest = self.int(-maximum - 1);
                for &index in &clause.upper {
                    let boundary = self.emit_boundary(index, column, false, format)?;
                    let key = self.call(boundary, &[scratch.into()])?.into_int_value();
                    unknown = self.or(
                        unknown,
                        self.int_compare(IntPredicate::EQ, key, self.int(UNDECIDED_KEY))?,
                    )?;
                    let none = self.int_compare(IntPredicate::EQ, key, self.int(NO_KEY))?;
                    let key = self.select_int(none, self.int(-maximum - 1), key)?;
                    let larger = self.int_compare(IntPredicate::SGT, key, highest)?;
                    highest = self.select_int(larger, key, highest)?;
                }
                // A clause holds above its lowest lower boundary and below its highest upper one.
                let start = if clause.upper.is_empty() {
                    self.int(-maximum)
                } else {
                    builder.build_int_add(highest, self.int(1), "start")?
                };
                let end = if clause.lower.is_empty() {
                    self.int(maximum)
                } else {
                    builder.build_int_sub(lowest, self.int(1), "end")?
                };
                let nonempty = self.int_compare(IntPredicate::SLE, start, end)?;
                let active = self.and(nonempty, self.not(residual)?)?;
                let start = self.select_int(active, start, self.int(i64::MAX))?;
                let end = self.select_int(active, end, self.int(i64::MIN))?;
                undecided = self.or(undecided, self.and(unknown, self.not(residual)?)?)?;
                gaps.push((start, end));
            }
            let gaps_known = block("gaps_known");
            builder.build_conditional_branch(undecided, undecided_exit, gaps_known)?;
            builder.position_at_end(gaps_known);
            let current = self.key(target, format)?;
            let inside = |position: IntValue<'ctx>,
                          (start, end): (IntValue<'ctx>, IntValue<'ctx>)|
             -> Emitted<IntValue<'ctx>> {
                self.and(
                    self.int_compare(IntPredicate::SLE, start, position)?,
                    self.int_compare(IntPredicate::SLE, position, end)?,
                )
            };
            let mut blocked = self.boolean(false);
            for gap in &gaps {
                blocked = self.or(blocked, inside(current, *gap)?)?;
            }
            let first_below = builder.build_int_sub(current, self.int(1), "first_below")?;
            let first_above = builder.build_int_add(current, self.int(1), "first_above")?;
            let walk_down = block("walk_down");
            builder.build_conditional_branch(blocked, walk_down, done)?;

            // Walk down from the target, jumping over gaps, to the nearest unblocked key below.
            builder.position_at_end(walk_down);
            let below = builder.build_phi(self.i64_type, "below")?;
            let position = below.as_basic_value().into_int_value();
            let mut moved = position;
            for gap in &gaps {
                let hit = inside(moved, *gap)?;
                let jumped = builder.build_int_sub(gap.0, self.int(1), "jumped")?;
                moved = self.select_int(hit, jumped, moved)?;
            }
            let settled = self.int_compare(IntPredicate::EQ, moved, position)?;
            let outside = self.int_compare(IntPredicate::SLT, moved, self.int(-maximum))?;
            let stop = self.or(settled, outside)?;
            let walk_up = block("walk_up");
            builder.build_conditional_branch(stop, walk_up, walk_down)?;
            below.add_incoming(&[(&first_below, gaps_known), (&moved, walk_down)]);
            let low = moved;

            builder.position_at_end(walk_up);
            let above = builder.build_phi(self.i64_type, "above")?;
            let position = above.as_basic_value().into_int_value();
            let mut moved = position;
            for gap in &gaps {
                let hit = inside(moved, *gap)?;
                let jumped = builder.build_int_add(gap.1, self.int(1), "jumped")?;
                moved = self.select_int(hit, jumped, moved)?;
            }
            let settled = self.int_compare(IntPredicate::EQ, moved, position)?;
            let outside = self.int_compare(IntPredicate::SGT, moved, self.int(maximum))?;
            let stop = self.or(settled, outside)?;
            let choose = block("choose");
            builder.build_conditional_branch(stop, choose, walk_up)?;
            above.add_incoming(&[(&first_above, walk_down), (&moved, walk_up)]);
            let high = moved;

            builder.position_at_end(choose);
            let low_valid = self.int_compare(IntPredicate::SGE, low, self.int(-maximum))?;
            let high_valid = self.int_compare(IntPredicate::SLE, high, self.int(maximum))?;
            let low_value = self.float_of_key(low, format)?;
            let high_value = self.float_of_key(high, format)?;
            // Exact distances through TwoSum: |target - low| <= |high - target|, ties to the lower value.
            let negative_low = builder.build_float_neg(low_value, "negative_low")?;
            let negative_target = builder.build_float_neg(target, "negative_target")?;
            let (to_low, to_low_error) = self.two_sum(target, negative_low)?;
            let (to_high, to_high_error) = self.two_sum(high_value, negative_target)?;
            let strictly = self.float_compare(FloatPredicate::OLT, to_low, to_high)?;
            let equal = self.float_compare(FloatPredicate::OEQ, to_low, to_high)?;
            let by_error = self.float_compare(FloatPredicate::OLE, to_low_error, to_high_error)?;
            let nearer_low = self.or(strictly, self.and(equal, by_error)?)?;
            let low_size = self.absolute(to_low)?;
            let high_size = self.absolute(to_high)?;
            let finite = self.and(
                self.float_compare(FloatPredicate::OLE, low_size, self.float(f64::MAX))?,
                self.float_compare(FloatPredicate::OLE, high_size, self.float(f64::MAX))?,
            )?;
            let both = self.and(low_valid, high_valid)?;
            let pick_low = self.select_int(both, nearer_low, low_valid)?;
            let chosen = self.select_float(pick_low, low_value, high_value)?;
            // No float meets the level (the interpreter's search is needed), or distances overflowed.
            let neither = self.not(self.or(low_valid, high_valid)?)?;
            let unsure = self.or(neither, self.and(both, self.not(finite)?)?)?;
            let store = block("store");
            builder.build_conditional_branch(unsure, undecided_exit, store)?;
            builder.position_at_end(store);
            builder.build_store(address, chosen)?;
            builder.build_unconditional_branch(done)?;
            builder.position_at_end(done);
        }
        builder.build_return(Some(&self.byte(STATUS_UNCHANGED)))?;
        Ok(function)
    }

    /// The fast test of a row at `row` (elements of `format`): whether every input condition
    /// and every level clause certainly holds by the float test alone. Straight-line code.
    fn emit_fast_test(
        &self,
        row: PointerValue<'ctx>,
        format: FloatFormat,
    ) -> Emitted<IntValue<'ctx>> {
        let value = |column: usize| self.load_widened(row, self.int(column as i64), format);
        // Rows with NaN or infinities go to the second phase, which reports them.
        let mut all = self.column_loop(self.boolean(true), &|column, all| {
            let value = self.load_widened(row, column, format)?;
            let size = self.absolute(value)?;
            self.and(
                all,
                self.float_compare(FloatPredicate::OLE, size, self.float(f64::MAX))?,
            )
        })?;
        let clauses = self
            .plan
            .inputs
            .iter()
            .cloned()
            .chain(self.plan.levels.iter().flat_map(|level| {
                level
                    .clauses
                    .iter()
                    .map(|clause| clause.all().collect::<Vec<_>>())
            }));
        for clause in clauses {
            let mut any = self.boolean(false);
            for index in clause {
                let (sum, error) = self.float_test(&self.plan.literals[index], &value)?;
                any = self.or(any, self.float_compare(FloatPredicate::OGT, sum, error)?)?;
            }
            all = self.and(all, any)?;
        }
        Ok(all)
    }

    /// `i64 reqc_correct_<format>(T *rows, i64 n_rows, i8 *status)`: corrects rows in place,
    /// writes a status per row when `status` is not null, returns the number of undecided rows.
    fn emit_kernel(&self, format: FloatFormat, slow: FunctionValue<'ctx>) -> Emitted<()> {
        let element_type = match format {
            FloatFormat::F32 => self.context.f32_type(),
            FloatFormat::F64 => self.f64_type,
        };
        let byte_pointer = self.i8_type.ptr_type(AddressSpace::default());
        let function_type = self.i64_type.fn_type(
            &[
                element_type.ptr_type(AddressSpace::default()).into(),
                self.i64_type.into(),
                byte_pointer.into(),
            ],
            false,
        );
        let function =
            self.module
                .add_function(&kernel_name(format), function_type, Some(Linkage::External));
        let rows = function
            .get_nth_param(0)
            .expect("rows")
            .into_pointer_value();
        let count_rows = function.get_nth_param(1).expect("n_rows").into_int_value();
        let status = function
            .get_nth_param(2)
            .expect("status")
            .into_pointer_value();
        let context = self.context;
        let builder = &self.builder;
        let block = |label: &str| context.append_basic_block(function, label);
        let entry = block("entry");
        let chunk_head = block("chunk_head");
        let chunk_body = block("chunk_body");
        let fast_loop = block("fast_loop");
        let slow_head = block("slow_head");
        let slow_row = block("slow_row");
        let run = block("run");
        let write_back = block("write_back");
        let slow_next = block("slow_next");
        let store_status = block("store_status");
        let after_status = block("after_status");
        let chunk_tail = block("chunk_tail");
        let exit = block("exit");
        let columns = self.int(self.plan.columns as i64);

        builder.position_at_end(entry);
        let scratch = builder.build_array_alloca(
            self.f64_type,
            self.int(self.plan.columns.max(1) as i64),
            "scratch",
        )?;
        let flags =
            builder.build_array_alloca(self.i8_type, self.int(CHUNK_ROWS as i64), "flags")?;
        let no_status = builder.build_is_null(status, "no_status")?;
        builder.build_unconditional_branch(chunk_head)?;

        builder.position_at_end(chunk_head);
        let base_phi = builder.build_phi(self.i64_type, "base")?;
        let count_phi = builder.build_phi(self.i64_type, "undecided")?;
        let base = base_phi.as_basic_value().into_int_value();
        let count = count_phi.as_basic_value().into_int_value();
        let more = self.int_compare(IntPredicate::ULT, base, count_rows)?;
        builder.build_conditional_branch(more, chunk_body, exit)?;

        builder.position_at_end(chunk_body);
        let remaining = builder.build_int_sub(count_rows, base, "remaining")?;
        let short = self.int_compare(IntPredicate::ULT, remaining, self.int(CHUNK_ROWS as i64))?;
        let length = self.select_int(short, remaining, self.int(CHUNK_ROWS as i64))?;
        builder.build_unconditional_branch(fast_loop)?;

        // Phase one: straight-line test of every row of the chunk.
        builder.position_at_end(fast_loop);
        let fast_phi = builder.build_phi(self.i64_type, "i")?;
        let i = fast_phi.as_basic_value().into_int_value();
        let row_index = builder.build_int_add(base, i, "row_index")?;
        let offset = builder.build_int_mul(row_index, columns, "offset")?;
        let row = self.element(rows, offset)?;
        let fine = self.emit_fast_test(row, format)?;
        let flag = builder.build_int_z_extend(fine, self.i8_type, "flag")?;
        builder.build_store(self.element(flags, i)?, flag)?;
        let next_i = builder.build_int_add(i, self.int(1), "next_i")?;
        let again = self.int_compare(IntPredicate::ULT, next_i, length)?;
        let fast_latch = builder.get_insert_block().expect("positioned");
        builder.build_conditional_branch(again, fast_loop, slow_head)?;
        fast_phi.add_incoming(&[(&self.int(0), chunk_body), (&next_i, fast_latch)]);

        // Phase two: the rows the fast test did not clear, one at a time.
        builder.position_at_end(slow_head);
        let slow_phi = builder.build_phi(self.i64_type, "j")?;
        let slow_count_phi = builder.build_phi(self.i64_type, "undecided")?;
        let j = slow_phi.as_basic_value().into_int_value();
        let slow_count = slow_count_phi.as_basic_value().into_int_value();
        let flag = builder
            .build_load(self.element(flags, j)?, "flag")?
            .into_int_value();
        let cleared = self.int_compare(IntPredicate::NE, flag, self.byte(0))?;
        builder.build_conditional_branch(cleared, slow_next, slow_row)?;

        builder.position_at_end(slow_row);
        let row_index = builder.build_int_add(base, j, "row_index")?;
        let offset = builder.build_int_mul(row_index, columns, "offset")?;
        let row = self.element(rows, offset)?;
        let finite = self.column_loop(self.boolean(true), &|column, finite| {
            let value = self.load_widened(row, column, format)?;
            builder.build_store(self.element(scratch, column)?, value)?;
            let size = self.absolute(value)?;
            self.and(
                finite,
                self.float_compare(FloatPredicate::OLE, size, self.float(f64::MAX))?,
            )
        })?;
        let copied = builder.get_insert_block().expect("positioned");
        builder.build_conditional_branch(finite, run, slow_next)?;

        builder.position_at_end(run);
        let outcome = self.call(slow, &[scratch.into()])?.into_int_value();
        let completed = self.int_compare(IntPredicate::EQ, outcome, self.byte(STATUS_UNCHANGED))?;
        builder.build_conditional_branch(completed, write_back, slow_next)?;

        builder.position_at_end(write_back);
        let bits_type = match format {
            FloatFormat::F32 => self.context.i32_type(),
            FloatFormat::F64 => self.i64_type,
        };
        let changed = self.column_loop(self.boolean(false), &|column, changed| {
            let address = self.element(row, column)?;
            let old = builder.build_load(address, "old")?;
            let value = builder
                .build_load(self.element(scratch, column)?, "new")?
                .into_float_value();
            let new = match format {
                FloatFormat::F64 => value,
                FloatFormat::F32 => builder.build_float_trunc(value, element_type, "new")?,
            };
            let old_bits = builder
                .build_bit_cast(old, bits_type, "old_bits")?
                .into_int_value();
            let new_bits = builder
                .build_bit_cast(new, bits_type, "new_bits")?
                .into_int_value();
            builder.build_store(address, new)?;
            self.or(
                changed,
                self.int_compare(IntPredicate::NE, old_bits, new_bits)?,
            )
        })?;
        let written = builder.build_int_z_extend(changed, self.i8_type, "written")?;
        let written_block = builder.get_insert_block().expect("positioned");
        builder.build_unconditional_branch(slow_next)?;

        builder.position_at_end(slow_next);
        let row_status = builder.build_phi(self.i8_type, "row_status")?;
        row_status.add_incoming(&[
            (&self.byte(STATUS_UNCHANGED), slow_head),
            (&self.byte(STATUS_NON_FINITE), copied),
            (&outcome, run),
            (&written, written_block),
        ]);
        let row_status = row_status.as_basic_value().into_int_value();
        let undecided =
            self.int_compare(IntPredicate::EQ, row_status, self.byte(STATUS_UNDECIDED))?;
        let undecided = builder.build_int_z_extend(undecided, self.i64_type, "undecided")?;
        let next_count = builder.build_int_add(slow_count, undecided, "next_count")?;
        builder.build_conditional_branch(no_status, after_status, store_status)?;

        builder.position_at_end(store_status);
        let row_index = builder.build_int_add(base, j, "row_index")?;
        builder.build_store(self.element(status, row_index)?, row_status)?;
        builder.build_unconditional_branch(after_status)?;

        builder.position_at_end(after_status);
        let next_j = builder.build_int_add(j, self.int(1), "next_j")?;
        let again = self.int_compare(IntPredicate::ULT, next_j, length)?;
        builder.build_conditional_branch(again, slow_head, chunk_tail)?;
        slow_phi.add_incoming(&[(&self.int(0), fast_latch), (&next_j, after_status)]);
        slow_count_phi.add_incoming(&[(&count, fast_latch), (&next_count, after_status)]);

        builder.position_at_end(chunk_tail);
        let next_base = builder.build_int_add(base, length, "next_base")?;
        builder.build_unconditional_branch(chunk_head)?;
        base_phi.add_incoming(&[(&self.int(0), entry), (&next_base, chunk_tail)]);
        count_phi.add_incoming(&[(&self.int(0), entry), (&next_count, chunk_tail)]);

        builder.position_at_end(exit);
        builder.build_return(Some(&count))?;
        Ok(())
    }

    /// `reqc_columns`, `reqc_requirements_hash` and `reqc_version`.
    fn emit_metadata(&self, hash: u64, version: &str) -> Emitted<()> {
        let builder = &self.builder;
        let constant = |name: &str, value: u64| -> Emitted<()> {
            let function = self.module.add_function(
                name,
                self.i64_type.fn_type(&[], false),
                Some(Linkage::External),
            );
            builder.position_at_end(self.context.append_basic_block(function, "entry"));
            builder.build_return(Some(&self.i64_type.const_int(value, false)))?;
            Ok(())
        };
        constant("reqc_columns", self.plan.columns as u64)?;
        constant("reqc_requirements_hash", hash)?;
        let byte_pointer = self.i8_type.ptr_type(AddressSpace::default());
        let function = self.module.add_function(
            "reqc_version",
            byte_pointer.fn_type(&[], false),
            Some(Linkage::External),
        );
        builder.position_at_end(self.context.append_basic_block(function, "entry"));
        let text = builder.build_global_string_ptr(version, "version_text")?;
        builder.build_return(Some(&text.as_pointer_value()))?;
        Ok(())
    }
}
