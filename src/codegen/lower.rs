//! Lowering of a shield to LLVM IR: one kernel per float format that corrects row-major buffers in place.
//!
//! The kernel has two phases per chunk of rows. The first is straight-line code
//! over every row, every coefficient and constant an immediate, on vectors of eight
//! rows (a lane per row) while whole blocks are left: a row whose every level clause and input condition
//! holds by the interpreter's float test with its rigorous error bound, or at a tie
//! by an evaluation without rounding, is certainly unchanged; in kept kernels the
//! greedy pass then runs on the same block for the other rows (`emit_block_greedy`),
//! completing those it can. The second hands each other row to the shield runtime (`runtime.c`,
//! linked in by `codegen::build`), which corrects it from the shield's constant
//! tables (`tables.rs`) exactly as the interpreter does. The slow path is therefore
//! one shared routine, not code per literal, and compile time grows only with the
//! fast test.

use super::blocks::RowBlocks;
use super::tables::{ClausePlan, Plan, Tables};
use super::CodegenError;
use crate::number::FloatFormat;
use crate::shield::exact::PreparedInequality;
use crate::shield::Shield;
use inkwell::basic_block::BasicBlock;
use inkwell::builder::Builder;
use inkwell::context::Context;
use inkwell::intrinsics::Intrinsic;
use inkwell::module::{Linkage, Module};
use inkwell::types::{BasicTypeEnum, FloatType, IntType, VectorType};
use inkwell::values::{
    BasicValue, BasicValueEnum, FloatMathValue, FloatValue, FunctionValue, IntMathValue, IntValue,
    PointerValue, VectorValue,
};
use inkwell::{AddressSpace, FloatPredicate, IntPredicate};

/// Row status written by the kernels (and documented in the C header).
pub const STATUS_UNCHANGED: u8 = 0;
pub const STATUS_CORRECTED: u8 = 1;
pub const STATUS_IMPOSSIBLE: u8 = 2;
pub const STATUS_UNDECIDED: u8 = 3;
pub const STATUS_NON_FINITE: u8 = 4;
pub const STATUS_INEXACT: u8 = 5;

/// The runtime's entry point (`runtime.c`): `i8 (i64 *integers, double *reals, double *row, i32 single)`.
pub const RUNTIME_ENTRY: &str = "reqc_runtime_correct_row";

/// The runtime's search resumed after the kernel's greedy pass found a level without a
/// float (`runtime.c`): `i8 (i64 *integers, double *reals, double *row, double *original,
/// i32 single, i64 level)`.
pub const RUNTIME_RESUME: &str = "reqc_runtime_resume_row";
/// The runtime's boundary search (`shield::exact::boundary`), for the f32 greedy pass.
pub const RUNTIME_BOUNDARY: &str = "reqc_runtime_boundary";

/// What `fast_greedy_<format>` returns when it completed the row; a level's index (from
/// 0) says that level had no float, and this, that the runtime must decide from the start.
const GREEDY_COMPLETED: i64 = -1;
const GREEDY_UNDECIDED: i64 = -2;
/// The most other terms whose f32 residual the greedy pass tracks exactly: each costs an
/// error-free sum (five operations) on every row.
const EXACT_RESIDUAL_TERMS: usize = 2;

/// Whether `coefficient` (an integer of the integral form) times any f32 value is exact in
/// f64: its significand has at most 29 bits (with f32's 24, at most 53) and no product
/// can overflow.
fn exact_f32_product(coefficient: f64) -> bool {
    let magnitude = coefficient.abs();
    if magnitude == 0.0 {
        return true;
    }
    if !(1.0..=2f64.powi(600)).contains(&magnitude) {
        return false;
    }
    let significand = (magnitude.to_bits() & ((1u64 << 52) - 1)) | (1u64 << 52);
    53 - significand.trailing_zeros() <= 29
}

/// The power of 2 dividing a nonzero finite number: `v` with `x = odd × 2^v`.
fn two_adic_valuation(number: f64) -> i32 {
    let (significand, exponent) = crate::number::float_parts(number).expect("a finite number");
    let zeros = significand.trailing_zeros().expect("a nonzero number");
    (exponent + zeros as i64) as i32
}

/// The exponent `E` of a nonzero finite number: `2^E <= |x| < 2^(E + 1)`.
fn exponent_of(number: f64) -> i32 {
    let (significand, exponent) = crate::number::float_parts(number).expect("a finite number");
    (exponent + significand.bits() as i64 - 1) as i32
}

/// The runtime's fast test (`runtime.c`): `i32 (i64 *integers, double *reals, double *row)`.
pub const RUNTIME_FAST_TEST: &str = "reqc_runtime_fast_test";

/// Shields whose fast test has more terms than this use the runtime's fast test over the
/// tables instead of an unrolled one: LLVM's instruction selection time grows with the
/// unrolled code, and botnet (1,074 terms) is the shared file above the limit
/// (`cargo bench --bench kernels` prints every file's compile time).
const UNROLLED_FAST_TEST_TERMS: usize = 512;

/// Shields with at most this many terms have their greedy pass unrolled (`emit_fast_greedy`)
/// even where their fast test is the runtime's; without the step back, whose copies of the
/// levels after each retried one grow with the square of the levels.
const UNROLLED_GREEDY_TERMS: usize = 4096;

/// Literals with more terms than this are left to the runtime by the exact evaluations
/// (`exact_answer`) of the fast test's ties and the greedy pass, which are unrolled (the
/// longest literal of the unrolled shared files, url's, has 17 terms).
const EXACT_TERMS: usize = 64;

/// A row's flag after the first phase: 0, left to the second; FLAG_PASSED, the block test
/// found it unchanged; FLAG_COMPLETED or FLAG_CORRECTED, the block's greedy pass completed
/// it, without or with a change.
const FLAG_PASSED: u8 = 1;
const FLAG_COMPLETED: u8 = 2;
const FLAG_CORRECTED: u8 = 3;
const _: () = assert!(
    FLAG_PASSED == 1 && FLAG_CORRECTED == FLAG_COMPLETED + 1,
    "a flag is a truth value widened (passed) or FLAG_COMPLETED plus one (changed)"
);

/// Rows per chunk: the first phase's flags live in a stack buffer of this size.
const CHUNK_ROWS: u64 = 256;

/// Unit roundoff of f64, as in the interpreter's float test.
const UNIT_ROUNDOFF: f64 = f64::EPSILON / 2.0;

fn suffix(format: FloatFormat) -> &'static str {
    match format {
        FloatFormat::F32 => "f32",
        FloatFormat::F64 => "f64",
    }
}

/// Rows per block of the fast test's first pass: eight f64 lanes, one AVX-512 register or
/// two AVX2 ones, whatever the rows' format (the test computes in f64).
const BLOCK_ROWS: u32 = 8;
const _: () = assert!(BLOCK_ROWS == 8, "`any_lane` packs the lanes into a byte");

/// What a test computes on: one row's values, as scalars, or a block's, as vectors of
/// BLOCK_ROWS lanes (lane `i` the block's row `i`), so that each test is written once.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Shape {
    Row,
    Block,
}

/// `$operation` on two values of one shape, as a `BasicValueEnum`: on the vectors of a
/// block, or on one row's scalars (converted with `$scalar`, `into_float_value` or
/// `into_int_value`), so that each operation is written once for both shapes.
macro_rules! on_either_shape {
    ($left:expr, $right:expr, $scalar:ident, |$l:ident, $r:ident| $operation:expr) => {
        match ($left, $right) {
            (BasicValueEnum::VectorValue($l), BasicValueEnum::VectorValue($r)) => {
                BasicValueEnum::from($operation)
            }
            (left, right) => {
                let ($l, $r) = (left.$scalar(), right.$scalar());
                BasicValueEnum::from($operation)
            }
        }
    };
}

/// The shape of a value: a vector is a block's.
fn shape_of(value: BasicValueEnum<'_>) -> Shape {
    if value.is_vector_value() {
        Shape::Block
    } else {
        Shape::Row
    }
}

/// The connectives `Lowering::logic` emits.
#[derive(Clone, Copy)]
enum Connective {
    And,
    Or,
    ExclusiveOr,
}

/// The operations on integers `Lowering::integer` emits: on the bit patterns of floats,
/// and on truth values (`Lowering::logic`).
#[derive(Clone, Copy)]
enum IntegerOperation {
    Add,
    Subtract,
    And,
    Or,
    ExclusiveOr,
    /// A logical (unsigned) shift to the right.
    ShiftRight,
}

/// The arithmetic `Lowering::arithmetic` emits.
#[derive(Clone, Copy)]
enum Arithmetic {
    Add,
    Subtract,
    Multiply,
    Divide,
}

/// The exported symbol of the kernel for a format.
pub fn kernel_name(format: FloatFormat) -> String {
    format!("reqc_correct_{}", suffix(format))
}

/// The exported symbol of the kernel for a format that corrects a copy of its rows
/// (`reqc_correct_copy_f32(source, rows, n_rows, status)`), of which the kernel that
/// corrects in place is the case `source == rows`.
pub fn copy_kernel_name(format: FloatFormat) -> String {
    format!("reqc_correct_copy_{}", suffix(format))
}

/// A literal's residual in one column (`Lowering::residual`).
#[derive(Clone, Copy)]
struct Residual<'ctx> {
    /// `c` minus the other terms, rounded.
    rest: BasicValueEnum<'ctx>,
    /// `|c|` plus the other terms' absolute values, when asked for.
    magnitude: Option<BasicValueEnum<'ctx>>,
    /// The column's own coefficient.
    own: f64,
    /// Where `rest` is certainly exact, when it is tracked (f32 rows): by error-free sums
    /// (EXACT_RESIDUAL_TERMS other terms on every row, EXACT_TERMS where the bracket does
    /// not settle), or by the grid of the terms' values for longer residuals (`grid_exact`).
    exact: Option<BasicValueEnum<'ctx>>,
    /// Whether `exact` comes from error-free sums, which find every exact residual; the
    /// grid's certificate is only sufficient, and the sums may still settle what it leaves.
    summed: bool,
}

/// A boundary (for one row, or a block's lane by lane) and where it is known: `None` when
/// it always is.
type KnownBoundary<'ctx> = (BasicValueEnum<'ctx>, Option<BasicValueEnum<'ctx>>);

/// A level of single bounds in the block pass, lane by lane: its value as the row came, the
/// interval its boundaries leave, and whether that interval holds a float.
#[derive(Clone, Copy)]
struct BlockInterval<'ctx> {
    target: BasicValueEnum<'ctx>,
    lowest: BasicValueEnum<'ctx>,
    highest: BasicValueEnum<'ctx>,
    nonempty: BasicValueEnum<'ctx>,
}

/// A level's bounds on a block as they are gathered: the largest lower and the least upper
/// boundary so far, lane by lane.
#[derive(Clone, Copy)]
struct Bounds<'ctx> {
    lowest: BasicValueEnum<'ctx>,
    highest: BasicValueEnum<'ctx>,
}

/// The block pass's step back from a level whose interval is empty: the lanes that take it,
/// the earlier level they step back to, and their next candidate there.
struct BlockStep<'ctx> {
    lanes: BasicValueEnum<'ctx>,
    earlier: usize,
    candidate: BasicValueEnum<'ctx>,
}

/// A column's value in the block pass (only columns some literal names are loaded).
fn block_value<'ctx>(
    values: &[Option<BasicValueEnum<'ctx>>],
    column: usize,
) -> Emitted<BasicValueEnum<'ctx>> {
    values[column]
        .ok_or_else(|| CodegenError::new("the block's greedy pass read a column no literal names"))
}

/// What the greedy pass knows of a level of single bounds it clamped.
struct GreedyLevel<'ctx> {
    /// The level's value as the row came.
    target: FloatValue<'ctx>,
    lowest: FloatValue<'ctx>,
    highest: FloatValue<'ctx>,
    /// Whether the level has both a lower and an upper bound (only then can its interval
    /// be empty while every boundary exists).
    two_sided: bool,
    /// Reached when the interval holds no float; left for the caller to finish.
    empty: BasicBlock<'ctx>,
    /// Where the pass goes on after the level.
    after: BasicBlock<'ctx>,
}

struct Lowering<'a, 'ctx> {
    context: &'ctx Context,
    module: &'a Module<'ctx>,
    builder: Builder<'ctx>,
    plan: &'a Plan,
    f64_type: FloatType<'ctx>,
    i64_type: IntType<'ctx>,
    i8_type: IntType<'ctx>,
    fabs: FunctionValue<'ctx>,
    /// `llvm.fma.f64`, for the exact error of a product in `exact_answer`.
    fma: FunctionValue<'ctx>,
    /// `llvm.fabs` and `llvm.fma` on vectors of BLOCK_ROWS f64 lanes, for the block test.
    block_fabs: FunctionValue<'ctx>,
    block_fma: FunctionValue<'ctx>,
    /// The runtime's entry, declared here and defined when the runtime is linked in.
    runtime: FunctionValue<'ctx>,
    /// The runtime's resumed search, declared when the greedy pass is unrolled.
    resume: Option<FunctionValue<'ctx>>,
    /// The runtime's fast test, declared when the shield's fast test is too large to unroll.
    fast_test: Option<FunctionValue<'ctx>>,
    /// The shield's tables as constant globals: `(integers, reals)`.
    tables: (PointerValue<'ctx>, PointerValue<'ctx>),
    /// Per literal: where its record starts in the tables.
    literal_positions: Vec<i64>,
    /// The runtime's boundary search, declared with the greedy pass.
    boundary_search: Option<FunctionValue<'ctx>>,
    /// Whether the kernels run the greedy pass on blocks too (`lower`).
    greedy_on_blocks: bool,
}

type Emitted<T> = Result<T, CodegenError>;

/// Builds the module of a shield: the kernels of `formats`, the shield's tables and the
/// metadata functions, with the runtime's entry declared but not defined. With
/// `greedy_on_blocks`, the kernels also run the greedy pass on blocks of rows
/// (`emit_block_greedy`), which about doubles the code LLVM compiles.
#[allow(clippy::too_many_arguments)]
pub fn lower<'ctx>(
    context: &'ctx Context,
    shield: &Shield,
    formats: &[FloatFormat],
    greedy_on_blocks: bool,
    name: &str,
    hash: u64,
    version: &str,
) -> Emitted<Module<'ctx>> {
    let module = context.create_module(name);
    let plan = Plan::new(shield);
    let f64_type = context.f64_type();
    let i64_type = context.i64_type();
    let i8_type = context.i8_type();
    // `llvm.fabs` and `llvm.fma` on f64, and on vectors of BLOCK_ROWS f64 lanes.
    let declare = |name: &str, on: inkwell::types::BasicTypeEnum<'ctx>| {
        Intrinsic::find(name)
            .and_then(|intrinsic| intrinsic.get_declaration(&module, &[on]))
            .ok_or_else(|| CodegenError::new(format!("LLVM has no {name} intrinsic on {on:?}")))
    };
    let lanes = f64_type.vec_type(BLOCK_ROWS);
    let fabs = declare("llvm.fabs", f64_type.into())?;
    let fma = declare("llvm.fma", f64_type.into())?;
    let block_fabs = declare("llvm.fabs", lanes.into())?;
    let block_fma = declare("llvm.fma", lanes.into())?;
    let double_pointer = f64_type.ptr_type(AddressSpace::default());
    let runtime = module.add_function(
        RUNTIME_ENTRY,
        i8_type.fn_type(
            &[
                i64_type.ptr_type(AddressSpace::default()).into(),
                double_pointer.into(),
                double_pointer.into(),
                context.i32_type().into(),
            ],
            false,
        ),
        Some(Linkage::External),
    );
    let terms: usize = plan
        .literals
        .iter()
        .map(|literal| literal.terms.len())
        .sum();
    let fast_test = (terms > UNROLLED_FAST_TEST_TERMS).then(|| {
        module.add_function(
            RUNTIME_FAST_TEST,
            context.i32_type().fn_type(
                &[
                    i64_type.ptr_type(AddressSpace::default()).into(),
                    double_pointer.into(),
                    double_pointer.into(),
                ],
                false,
            ),
            Some(Linkage::External),
        )
    });
    // The kernels' greedy pass resumes the runtime's search.
    let greedy_unrolled = terms <= UNROLLED_GREEDY_TERMS;
    let resume = greedy_unrolled.then(|| {
        module.add_function(
            RUNTIME_RESUME,
            i8_type.fn_type(
                &[
                    i64_type.ptr_type(AddressSpace::default()).into(),
                    double_pointer.into(),
                    double_pointer.into(),
                    double_pointer.into(),
                    context.i32_type().into(),
                    i64_type.into(),
                ],
                false,
            ),
            Some(Linkage::External),
        )
    });
    // The f32 greedy pass asks the runtime for a boundary its bracket does not settle.
    let boundary_search = greedy_unrolled.then(|| {
        module.add_function(
            RUNTIME_BOUNDARY,
            f64_type.fn_type(
                &[
                    i64_type.ptr_type(AddressSpace::default()).into(),
                    double_pointer.into(),
                    i64_type.into(),
                    i64_type.into(),
                    context.i32_type().into(),
                    double_pointer.into(),
                ],
                false,
            ),
            Some(Linkage::External),
        )
    });
    let tables = Tables::new(&plan);
    let constant_global = |name: &str, value: inkwell::values::ArrayValue<'ctx>| {
        let global = module.add_global(value.get_type(), None, name);
        global.set_initializer(&value);
        global.set_constant(true);
        global.set_linkage(Linkage::Private);
        global.set_unnamed_addr(true);
        global.as_pointer_value()
    };
    let integers: Vec<IntValue<'ctx>> = tables
        .integers
        .iter()
        .map(|value| i64_type.const_int(*value as u64, true))
        .collect();
    let reals: Vec<FloatValue<'ctx>> = tables
        .reals
        .iter()
        .map(|value| f64_type.const_float(*value))
        .collect();
    let integers = constant_global("shield_integers", i64_type.const_array(&integers));
    let reals = constant_global("shield_reals", f64_type.const_array(&reals));
    let builder = context.create_builder();
    let lowering = Lowering {
        context,
        module: &module,
        builder,
        plan: &plan,
        f64_type,
        i64_type,
        i8_type,
        fabs,
        fma,
        block_fabs,
        block_fma,
        runtime,
        resume,
        fast_test,
        tables: (integers, reals),
        literal_positions: tables.literal_positions.clone(),
        boundary_search,
        greedy_on_blocks,
    };
    for &format in formats {
        lowering.emit_kernel(format)?;
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

    fn and(&self, left: IntValue<'ctx>, right: IntValue<'ctx>) -> Emitted<IntValue<'ctx>> {
        Ok(self.builder.build_and(left, right, "and")?)
    }

    fn or(&self, left: IntValue<'ctx>, right: IntValue<'ctx>) -> Emitted<IntValue<'ctx>> {
        Ok(self.builder.build_or(left, right, "or")?)
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

    fn boolean(&self, value: bool) -> IntValue<'ctx> {
        self.context.bool_type().const_int(u64::from(value), false)
    }

    /// A constant of `shape`: the number itself for one row, a vector of it for a block.
    fn constant(&self, shape: Shape, value: f64) -> BasicValueEnum<'ctx> {
        self.splat(shape, self.float(value))
    }

    /// A truth value of `shape`.
    fn truth(&self, shape: Shape, value: bool) -> BasicValueEnum<'ctx> {
        self.splat(shape, self.boolean(value))
    }

    /// `scalar` itself for one row, a vector of BLOCK_ROWS copies of it for a block.
    fn splat<V: BasicValue<'ctx> + Copy + Into<BasicValueEnum<'ctx>>>(
        &self,
        shape: Shape,
        scalar: V,
    ) -> BasicValueEnum<'ctx> {
        match shape {
            Shape::Row => scalar.into(),
            Shape::Block => VectorType::const_vector(&[scalar; BLOCK_ROWS as usize]).into(),
        }
    }

    /// `left ⊕ right` on two values of the same shape.
    fn arithmetic(
        &self,
        operation: Arithmetic,
        left: BasicValueEnum<'ctx>,
        right: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        fn apply<'ctx, T: FloatMathValue<'ctx>>(
            builder: &Builder<'ctx>,
            operation: Arithmetic,
            left: T,
            right: T,
        ) -> Result<T, inkwell::builder::BuilderError> {
            match operation {
                Arithmetic::Add => builder.build_float_add(left, right, "add"),
                Arithmetic::Subtract => builder.build_float_sub(left, right, "sub"),
                Arithmetic::Multiply => builder.build_float_mul(left, right, "mul"),
                Arithmetic::Divide => builder.build_float_div(left, right, "div"),
            }
        }
        let builder = &self.builder;
        Ok(on_either_shape!(
            left,
            right,
            into_float_value,
            |left, right| apply(builder, operation, left, right)?
        ))
    }

    fn negate(&self, value: BasicValueEnum<'ctx>) -> Emitted<BasicValueEnum<'ctx>> {
        let builder = &self.builder;
        Ok(match value {
            BasicValueEnum::VectorValue(value) => builder.build_float_neg(value, "neg")?.into(),
            value => builder
                .build_float_neg(value.into_float_value(), "neg")?
                .into(),
        })
    }

    /// `llvm.fabs` of a value of either shape.
    fn magnitude_of(&self, value: BasicValueEnum<'ctx>) -> Emitted<BasicValueEnum<'ctx>> {
        let function = match value {
            BasicValueEnum::VectorValue(_) => self.block_fabs,
            _ => self.fabs,
        };
        self.call(function, &[value])
    }

    /// `llvm.fma` (`a b + c`, rounded once) of values of either shape.
    fn fused(
        &self,
        a: BasicValueEnum<'ctx>,
        b: BasicValueEnum<'ctx>,
        c: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let function = match a {
            BasicValueEnum::VectorValue(_) => self.block_fma,
            _ => self.fma,
        };
        self.call(function, &[a, b, c])
    }

    /// `then` where `condition` holds and `otherwise` where not, lane by lane for a block.
    fn select(
        &self,
        condition: BasicValueEnum<'ctx>,
        then: BasicValueEnum<'ctx>,
        otherwise: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let builder = &self.builder;
        Ok(match condition {
            BasicValueEnum::VectorValue(lanes) => {
                builder.build_select(lanes, then, otherwise, "select")?
            }
            condition => {
                builder.build_select(condition.into_int_value(), then, otherwise, "select")?
            }
        })
    }

    /// `left ⊕ right` on integers (or vectors of them) of the same type.
    fn integer(
        &self,
        operation: IntegerOperation,
        left: BasicValueEnum<'ctx>,
        right: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        fn apply<'ctx, T: IntMathValue<'ctx>>(
            builder: &Builder<'ctx>,
            operation: IntegerOperation,
            left: T,
            right: T,
        ) -> Result<T, inkwell::builder::BuilderError> {
            match operation {
                IntegerOperation::Add => builder.build_int_add(left, right, "add"),
                IntegerOperation::Subtract => builder.build_int_sub(left, right, "sub"),
                IntegerOperation::And => builder.build_and(left, right, "and"),
                IntegerOperation::Or => builder.build_or(left, right, "or"),
                IntegerOperation::ExclusiveOr => builder.build_xor(left, right, "xor"),
                IntegerOperation::ShiftRight => {
                    builder.build_right_shift(left, right, false, "shift")
                }
            }
        }
        let builder = &self.builder;
        Ok(on_either_shape!(
            left,
            right,
            into_int_value,
            |left, right| apply(builder, operation, left, right)?
        ))
    }

    /// A signed or unsigned comparison of integers of either shape.
    fn integer_compare(
        &self,
        predicate: IntPredicate,
        left: BasicValueEnum<'ctx>,
        right: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let builder = &self.builder;
        Ok(on_either_shape!(
            left,
            right,
            into_int_value,
            |left, right| builder.build_int_compare(predicate, left, right, "compare")?
        ))
    }

    /// A value converted to another float type of the same shape: f64 to f32 rounds to
    /// the nearest (ties to even), f32 to f64 is exact.
    fn convert(
        &self,
        value: BasicValueEnum<'ctx>,
        to: FloatType<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let builder = &self.builder;
        let (from, to) = match value {
            BasicValueEnum::VectorValue(lanes) => {
                let size = lanes.get_type().get_size();
                let element = lanes.get_type().get_element_type().into_float_type();
                (element.vec_type(size).into(), to.vec_type(size).into())
            }
            value => (value.get_type(), BasicTypeEnum::from(to)),
        };
        let width = |float: BasicTypeEnum<'ctx>| match float {
            BasicTypeEnum::VectorType(lanes) => {
                lanes.get_element_type().into_float_type().get_bit_width()
            }
            float => float.into_float_type().get_bit_width(),
        };
        Ok(match width(from).cmp(&width(to)) {
            std::cmp::Ordering::Equal => value,
            std::cmp::Ordering::Greater => builder.build_cast(
                inkwell::values::InstructionOpcode::FPTrunc,
                value,
                to,
                "narrow",
            )?,
            std::cmp::Ordering::Less => builder.build_cast(
                inkwell::values::InstructionOpcode::FPExt,
                value,
                to,
                "widen",
            )?,
        })
    }

    /// A value's bits reinterpreted as `to` (a scalar type), in the value's shape.
    fn reinterpret(
        &self,
        value: BasicValueEnum<'ctx>,
        to: BasicTypeEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let to: BasicTypeEnum<'ctx> = match (value, to) {
            (BasicValueEnum::VectorValue(lanes), BasicTypeEnum::IntType(to)) => {
                to.vec_type(lanes.get_type().get_size()).into()
            }
            (BasicValueEnum::VectorValue(lanes), BasicTypeEnum::FloatType(to)) => {
                to.vec_type(lanes.get_type().get_size()).into()
            }
            (_, to) => to,
        };
        Ok(self.builder.build_bit_cast(value, to, "bits")?)
    }

    /// A float comparison of values of either shape: an i1, or a vector of them.
    fn compare(
        &self,
        predicate: FloatPredicate,
        left: BasicValueEnum<'ctx>,
        right: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let builder = &self.builder;
        Ok(on_either_shape!(
            left,
            right,
            into_float_value,
            |left, right| builder.build_float_compare(predicate, left, right, "compare")?
        ))
    }

    /// `left ∧ right`, `left ∨ right` or `left ⊕ right` of truth values of either shape.
    fn logic(
        &self,
        connective: Connective,
        left: BasicValueEnum<'ctx>,
        right: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let operation = match connective {
            Connective::And => IntegerOperation::And,
            Connective::Or => IntegerOperation::Or,
            Connective::ExclusiveOr => IntegerOperation::ExclusiveOr,
        };
        self.integer(operation, left, right)
    }

    /// `left ∧ ¬right`, written `left ⊕ (left ∧ right)`: no constant, since LLVM 14's
    /// Hexagon back end cannot select a constant vector of i1 (as `not` would need).
    fn and_not(
        &self,
        left: BasicValueEnum<'ctx>,
        right: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let both = self.logic(Connective::And, left, right)?;
        self.logic(Connective::ExclusiveOr, left, both)
    }

    /// Folds truth values with `logic(connective, ..)`; `None` for none. Lane truth values are
    /// built from the values themselves, never from constants (see `and_not`).
    fn fold_logic(
        &self,
        connective: Connective,
        values: impl IntoIterator<Item = Emitted<BasicValueEnum<'ctx>>>,
    ) -> Emitted<Option<BasicValueEnum<'ctx>>> {
        let mut folded = None;
        for value in values {
            let value = value?;
            folded = Some(match folded {
                None => value,
                Some(folded) => self.logic(connective, folded, value)?,
            });
        }
        Ok(folded)
    }

    /// Knuth's TwoSum: the rounding error of `sum`, the computed `a + b`, exactly (as a
    /// value of the same shape), provided nothing overflows.
    fn two_sum_error(
        &self,
        a: BasicValueEnum<'ctx>,
        b: BasicValueEnum<'ctx>,
        sum: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let virtual_b = self.arithmetic(Arithmetic::Subtract, sum, a)?;
        let virtual_a = self.arithmetic(Arithmetic::Subtract, sum, virtual_b)?;
        let a_part = self.arithmetic(Arithmetic::Subtract, a, virtual_a)?;
        let b_part = self.arithmetic(Arithmetic::Subtract, b, virtual_b)?;
        self.arithmetic(Arithmetic::Add, a_part, b_part)
    }

    /// The interpreter's float test of a literal on the given values: `(sum, error)`; the
    /// literal certainly holds when `sum > error` and certainly fails when `sum < -error`.
    fn float_test(
        &self,
        shape: Shape,
        literal: &PreparedInequality,
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<(BasicValueEnum<'ctx>, BasicValueEnum<'ctx>)> {
        let mut sum = self.constant(shape, -literal.constant);
        let mut magnitude = self.constant(shape, literal.constant.abs());
        for (column, coefficient) in &literal.terms {
            let product = self.arithmetic(
                Arithmetic::Multiply,
                self.constant(shape, *coefficient),
                values(*column)?,
            )?;
            sum = self.arithmetic(Arithmetic::Add, sum, product)?;
            let size = self.magnitude_of(product)?;
            magnitude = self.arithmetic(Arithmetic::Add, magnitude, size)?;
        }
        Ok((
            sum,
            self.float_test_error(shape, literal.terms.len(), magnitude)?,
        ))
    }

    /// The float test's rigorous error bound on a sum of `terms` products and a constant
    /// whose absolute values add up to `magnitude`: `4 (terms + 2) u magnitude` plus as many
    /// smallest subnormals (for products that underflow).
    fn float_test_error(
        &self,
        shape: Shape,
        terms: usize,
        magnitude: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let count = terms as f64 + 2.0;
        let scaled = self.arithmetic(
            Arithmetic::Multiply,
            self.constant(shape, 4.0 * count * UNIT_ROUNDOFF),
            magnitude,
        )?;
        self.arithmetic(
            Arithmetic::Add,
            scaled,
            self.constant(shape, count * f64::from_bits(1)),
        )
    }

    /// A literal's answer at the given values, decided exactly on its integral form (the
    /// literal times the common denominator of its numbers, integer coefficients exact in
    /// f64): `(holds, fails)`, both false when neither the float test with its rigorous
    /// error bound nor an evaluation without rounding decides. Without rounding (every
    /// product's FMA error and every sum's TwoSum error zero) the computed sum is the exact
    /// value and its sign decides: this settles the exact ties the float test cannot, such
    /// as a row that sits on a boundary after a correction, as the runtime's exact tier
    /// would (`holds_exactly` in `runtime.c`). `None` for literals without an
    /// integral form or with more than EXACT_TERMS terms.
    fn exact_answer(
        &self,
        shape: Shape,
        literal: &PreparedInequality,
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<Option<(BasicValueEnum<'ctx>, BasicValueEnum<'ctx>)>> {
        if let Some(answer) = self.difference_answer(literal, values)? {
            return Ok(Some(answer));
        }
        let Some((terms, constant)) = &literal.integral else {
            return Ok(None);
        };
        if terms.len() > EXACT_TERMS {
            return Ok(None);
        }
        let zero = self.constant(shape, 0.0);
        let mut sum = self.constant(shape, -constant);
        let mut magnitude = self.constant(shape, constant.abs());
        let mut rounded = None;
        for (column, coefficient) in terms {
            let value = values(*column)?;
            let coefficient = self.constant(shape, *coefficient);
            let product = self.arithmetic(Arithmetic::Multiply, coefficient, value)?;
            let negated = self.negate(product)?;
            let product_error = self.fused(coefficient, value, negated)?;
            let next = self.arithmetic(Arithmetic::Add, sum, product)?;
            let sum_error = self.two_sum_error(sum, product, next)?;
            let lost = self.logic(
                Connective::Or,
                self.compare(FloatPredicate::UNE, product_error, zero)?,
                self.compare(FloatPredicate::UNE, sum_error, zero)?,
            )?;
            rounded = self.fold_logic(Connective::Or, rounded.into_iter().chain([lost]).map(Ok))?;
            magnitude = self.arithmetic(Arithmetic::Add, magnitude, self.magnitude_of(product)?)?;
            sum = next;
        }
        // The float test's bound, valid a fortiori for exact coefficients.
        let error = self.float_test_error(shape, terms.len(), magnitude)?;
        let negative_error = self.negate(error)?;
        let certainly_holds = self.compare(FloatPredicate::OGT, sum, error)?;
        let certainly_fails = self.compare(FloatPredicate::OLT, sum, negative_error)?;
        let (holds, fails) = match literal.exact.relation {
            crate::linear::Relation::AtLeast => (FloatPredicate::OGE, FloatPredicate::OLT),
            crate::linear::Relation::Greater => (FloatPredicate::OGT, FloatPredicate::OLE),
        };
        // Where nothing rounded the sum is exact (and not NaN: a NaN or an infinite value
        // makes an FMA error NaN), and its sign decides.
        let sign_holds = self.compare(holds, sum, zero)?;
        let sign_fails = self.compare(fails, sum, zero)?;
        let (exactly_holds, exactly_fails) = match rounded {
            Some(rounded) => (
                self.and_not(sign_holds, rounded)?,
                self.and_not(sign_fails, rounded)?,
            ),
            None => (sign_holds, sign_fails),
        };
        Ok(Some((
            self.logic(Connective::Or, certainly_holds, exactly_holds)?,
            self.logic(Connective::Or, certainly_fails, exactly_fails)?,
        )))
    }

    /// A difference literal's answer (`PreparedInequality::compared_columns`): `a y_i -
    /// a y_j ⋈ 0` compares two values, and a comparison of two floats is exact, so one
    /// `fcmp` decides it where the float test would need its error bound and, at the ties
    /// that corrected rows sit on, the evaluation without rounding. `(holds, fails)`, both
    /// false when a value is NaN; `None` for other literals.
    fn difference_answer(
        &self,
        literal: &PreparedInequality,
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<Option<(BasicValueEnum<'ctx>, BasicValueEnum<'ctx>)>> {
        let Some((larger, smaller)) = literal.compared_columns() else {
            return Ok(None);
        };
        let (holds, fails) = match literal.exact.relation {
            crate::linear::Relation::AtLeast => (FloatPredicate::OGE, FloatPredicate::OLT),
            crate::linear::Relation::Greater => (FloatPredicate::OGT, FloatPredicate::OLE),
        };
        let (larger, smaller) = (values(larger)?, values(smaller)?);
        Ok(Some((
            self.compare(holds, larger, smaller)?,
            self.compare(fails, larger, smaller)?,
        )))
    }

    /// Whether every clause certainly holds at the values (some literal of each decided to
    /// hold by `exact_answer`), for one row or a block; `None` when there are no clauses.
    fn clauses_hold(
        &self,
        shape: Shape,
        clauses: &[ClausePlan],
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<Option<BasicValueEnum<'ctx>>> {
        let each = clauses.iter().map(|clause| {
            let mut answers = Vec::new();
            for index in clause.all() {
                if let Some((holds, _)) =
                    self.exact_answer(shape, &self.plan.literals[index], values)?
                {
                    answers.push(Ok(holds));
                }
            }
            // A clause without a literal to decide never certainly holds (a block's
            // greedy pass is only emitted where every clause has one: `block_greedy_applies`).
            Ok(self
                .fold_logic(Connective::Or, answers)?
                .unwrap_or_else(|| self.truth(shape, false)))
        });
        self.fold_logic(Connective::And, each)
    }

    /// `clauses_hold` on one row's values.
    fn clauses_certainly_hold(
        &self,
        clauses: &[ClausePlan],
        values: &dyn Fn(usize) -> Emitted<FloatValue<'ctx>>,
    ) -> Emitted<IntValue<'ctx>> {
        let values = |column: usize| values(column).map(BasicValueEnum::from);
        Ok(self
            .clauses_hold(Shape::Row, clauses, &values)?
            .map_or(self.boolean(true), |all| all.into_int_value()))
    }

    /// The float of `format` `steps` (-1 or 1) places from `value` (a float of the format,
    /// held as f64; or a block's, lane by lane) in the order of `shield::exact::key`,
    /// where both zeros are key 0.
    fn float_step(
        &self,
        value: BasicValueEnum<'ctx>,
        format: FloatFormat,
        step: i64,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let (float_type, bits_type, sign_bit) = match format {
            FloatFormat::F32 => (self.context.f32_type(), self.context.i32_type(), 1u64 << 31),
            FloatFormat::F64 => (self.f64_type, self.i64_type, 1u64 << 63),
        };
        let shape = shape_of(value);
        let integer = |bits: u64| self.splat(shape, bits_type.const_int(bits, false));
        let zero = integer(0);
        let narrow = self.convert(value, float_type)?;
        let bits = self.reinterpret(narrow, bits_type.into())?;
        let magnitude = self.integer(IntegerOperation::And, bits, integer(sign_bit - 1))?;
        let negative = self.integer_compare(IntPredicate::SLT, bits, zero)?;
        let negated = self.integer(IntegerOperation::Subtract, zero, magnitude)?;
        let key = self.select(negative, negated, magnitude)?;
        let stepped = self.integer(IntegerOperation::Add, key, integer(step as u64))?;
        let below = self.integer_compare(IntPredicate::SLT, stepped, zero)?;
        let stepped_magnitude = self.integer(IntegerOperation::Subtract, zero, stepped)?;
        let stepped_negative =
            self.integer(IntegerOperation::Or, stepped_magnitude, integer(sign_bit))?;
        let stepped_bits = self.select(below, stepped_negative, stepped)?;
        let stepped = self.reinterpret(stepped_bits, float_type.into())?;
        self.convert(stepped, self.f64_type)
    }

    /// `float_step` on one row's value.
    fn row_float_step(
        &self,
        value: FloatValue<'ctx>,
        format: FloatFormat,
        step: i64,
    ) -> Emitted<FloatValue<'ctx>> {
        Ok(self
            .float_step(value.into(), format, step)?
            .into_float_value())
    }

    /// `i64 fast_greedy_<format>(double *row)`: the runtime's greedy pass for the common
    /// shapes, in straight-line code with immediates. Returns [`GREEDY_COMPLETED`] when it
    /// completed the row in place; the index of a level of single-bound clauses whose
    /// interval is empty (no float at all: the row holds the search's first descent up to
    /// there, and the runtime resumes the search from that failure); [`GREEDY_UNDECIDED`]
    /// when the runtime must decide from the start (the row is then partly overwritten, and
    /// the caller copies it again).
    ///
    /// A level of single-bound clauses (each one literal that bounds the column, as most
    /// levels are) clamps its value into the interval its boundaries leave, which is the
    /// nearest allowed float; each boundary (the first float at which the literal holds,
    /// `shield::exact::boundary`) is found by rounding the real bound into the format and
    /// deciding the literal there and at one neighbour. Input conditions and other levels
    /// must hold at the row as it is, decided by `exact_answer`; anything else (an
    /// undecided answer, a value that is not finite) leaves the row to the runtime.
    ///
    /// When a two-sided level's interval is empty, the search's first step back is taken
    /// here too (`emit_step_back`): the search's next candidate at the deepest earlier
    /// level the failure mentions, then its first descent from there, where the shield's
    /// fast test is unrolled too. `None` when the shield is too large for an unrolled pass
    /// (`UNROLLED_GREEDY_TERMS`).
    fn emit_fast_greedy(&self, format: FloatFormat) -> Emitted<Option<FunctionValue<'ctx>>> {
        if self.resume.is_none() {
            return Ok(None);
        }
        let function = self.module.add_function(
            &format!("fast_greedy_{}", suffix(format)),
            self.i64_type
                .fn_type(&[self.double_pointer().into()], false),
            Some(Linkage::Internal),
        );
        // Out of line: it runs once per row the fast test did not clear, and inlined into
        // the kernel's loop it would multiply LLVM's work on that loop.
        let noinline = inkwell::attributes::Attribute::get_named_enum_kind_id("noinline");
        function.add_attribute(
            inkwell::attributes::AttributeLoc::Function,
            self.context.create_enum_attribute(noinline, 0),
        );
        let row = function.get_nth_param(0).expect("row").into_pointer_value();
        let builder = &self.builder;
        let entry = self.context.append_basic_block(function, "entry");
        let bail = self.context.append_basic_block(function, "bail");
        builder.position_at_end(bail);
        builder.build_return(Some(&self.int(GREEDY_UNDECIDED)))?;
        builder.position_at_end(entry);
        let inputs_hold = self
            .clauses_certainly_hold(&self.plan.inputs, &|column| self.load_column(row, column))?;
        self.continue_if(function, inputs_hold, bail, "inputs_hold")?;
        // The first pass's values of every level it clamped, for the step back.
        let mut passed: Vec<Option<GreedyLevel<'ctx>>> = Vec::new();
        // The block that runs the first descent again from the level after each level the
        // step back changes, filled once the first pass is emitted.
        let mut retries: Vec<(usize, BasicBlock<'ctx>)> = Vec::new();
        for index in 0..self.plan.levels.len() {
            let level = self.emit_greedy_level(function, index, format, row, bail)?;
            if let Some(level) = &level {
                builder.position_at_end(level.empty);
                let earlier = self
                    .step_back_level(index)
                    .filter(|_| level.two_sided && self.fast_test.is_none())
                    .and_then(|earlier| passed[earlier].as_ref().map(|values| (earlier, values)));
                match earlier {
                    Some((earlier, values)) => {
                        let retry = match retries.iter().find(|(from, _)| *from == earlier) {
                            Some((_, retry)) => *retry,
                            None => {
                                let retry = self.context.append_basic_block(function, "retry");
                                retries.push((earlier, retry));
                                retry
                            }
                        };
                        self.emit_step_back(
                            function,
                            row,
                            format,
                            (earlier, values),
                            &passed[earlier + 1..],
                            index,
                            retry,
                        )?;
                    }
                    None => {
                        builder.build_return(Some(&self.int(index as i64)))?;
                    }
                }
                builder.position_at_end(level.after);
            }
            passed.push(level);
        }
        builder.build_return(Some(&self.int(GREEDY_COMPLETED)))?;
        for (earlier, retry) in retries {
            builder.position_at_end(retry);
            for index in earlier + 1..self.plan.levels.len() {
                if let Some(level) = self.emit_greedy_level(function, index, format, row, bail)? {
                    // A second failure is left to the runtime's search from the start.
                    builder.position_at_end(level.empty);
                    builder.build_unconditional_branch(bail)?;
                    builder.position_at_end(level.after);
                }
            }
            builder.build_return(Some(&self.int(GREEDY_COMPLETED)))?;
        }
        Ok(Some(function))
    }

    /// A value of `row` (f64 values) as the greedy pass reads it.
    fn load_column(&self, row: PointerValue<'ctx>, column: usize) -> Emitted<FloatValue<'ctx>> {
        Ok(self
            .builder
            .build_load(self.element(row, self.int(column as i64))?, "value")?
            .into_float_value())
    }

    /// Continues in a fresh block when `condition` holds, and branches to `otherwise` when not.
    fn continue_if(
        &self,
        function: FunctionValue<'ctx>,
        condition: IntValue<'ctx>,
        otherwise: BasicBlock<'ctx>,
        label: &str,
    ) -> Emitted<()> {
        let next = self.context.append_basic_block(function, label);
        self.builder
            .build_conditional_branch(condition, next, otherwise)?;
        self.builder.position_at_end(next);
        Ok(())
    }

    /// Level `index` of the greedy pass, at the builder's position. A level without clauses
    /// emits nothing; a level whose clauses are not all single bounds is only tested (it
    /// must hold at the row as it is, or the pass bails). A level of single bounds clamps
    /// its value and returns its values, with the builder at the end of `after` and the
    /// block `empty` (reached when no float is allowed) left for the caller to finish.
    fn emit_greedy_level(
        &self,
        function: FunctionValue<'ctx>,
        index: usize,
        format: FloatFormat,
        row: PointerValue<'ctx>,
        bail: BasicBlock<'ctx>,
    ) -> Emitted<Option<GreedyLevel<'ctx>>> {
        let builder = &self.builder;
        let level = &self.plan.levels[index];
        if level.clauses.is_empty() {
            return Ok(None);
        }
        let load = |column: usize| self.load_column(row, column);
        let column = level.column;
        // On f32 rows a long literal's boundary needs no exact evaluation here: its
        // bracket settles it, or the runtime's search finds it (botnet's 90-term
        // equalities, whose level would otherwise send every row to the runtime).
        let long_bounds = format == FloatFormat::F32 && self.single_bounds_of_any_length(index);
        if !self.single_bounds(index) && !long_bounds {
            let holds = self.clauses_certainly_hold(&level.clauses, &load)?;
            self.continue_if(function, holds, bail, "level_holds")?;
            return Ok(None);
        }
        // No separate test of the value itself: the clamp keeps a value that every
        // clause allows, and each test costs LLVM compile time.
        let target = load(column)?;
        let mut lowest = self.float(f64::NEG_INFINITY);
        let mut highest = self.float(f64::INFINITY);
        let mut decided = self.boolean(true);
        for clause in &level.clauses {
            let lower = !clause.lower.is_empty();
            let index = clause.all().next().expect("one literal");
            let (boundary, known) =
                self.single_bound_boundary(index, column, lower, format, row)?;
            decided = self.and(decided, known)?;
            if lower {
                let larger = self.float_compare(FloatPredicate::OGT, boundary, lowest)?;
                lowest = builder
                    .build_select(larger, boundary, lowest, "lowest")?
                    .into_float_value();
            } else {
                let smaller = self.float_compare(FloatPredicate::OLT, boundary, highest)?;
                highest = builder
                    .build_select(smaller, boundary, highest, "highest")?
                    .into_float_value();
            }
        }
        self.continue_if(function, decided, bail, "bounds_known")?;
        // Every boundary is known: an empty interval means that no float satisfies the
        // level, where the search steps back.
        let nonempty = self.float_compare(FloatPredicate::OLE, lowest, highest)?;
        let after = self.context.append_basic_block(function, "level_clamps");
        let empty = self.context.append_basic_block(function, "level_empty");
        builder.build_conditional_branch(nonempty, after, empty)?;
        builder.position_at_end(after);
        let raise = self.float_compare(FloatPredicate::OLT, target, lowest)?;
        let reduce = self.float_compare(FloatPredicate::OGT, target, highest)?;
        let clamped = builder
            .build_select(reduce, highest, target, "clamped")?
            .into_float_value();
        let clamped = builder
            .build_select(raise, lowest, clamped, "clamped")?
            .into_float_value();
        builder.build_store(self.element(row, self.int(column as i64))?, clamped)?;
        let two_sided = level.clauses.iter().any(|clause| !clause.lower.is_empty())
            && level.clauses.iter().any(|clause| !clause.upper.is_empty());
        Ok(Some(GreedyLevel {
            target,
            lowest,
            highest,
            two_sided,
            empty,
            after: builder.get_insert_block().expect("positioned"),
        }))
    }

    /// Whether every clause of level `index` is one bounding literal the pass can decide.
    fn single_bounds(&self, index: usize) -> bool {
        self.single_bounds_of_any_length(index)
            && self.plan.levels[index].clauses.iter().all(|clause| {
                clause
                    .all()
                    .all(|index| self.plan.literals[index].terms.len() <= EXACT_TERMS)
            })
    }

    /// Whether every clause of level `index` is one bounding literal with an integral form,
    /// whatever its length.
    fn single_bounds_of_any_length(&self, index: usize) -> bool {
        self.plan.levels[index].clauses.iter().all(|clause| {
            clause.residual.is_empty()
                && clause.lower.len() + clause.upper.len() == 1
                && clause
                    .all()
                    .all(|index| self.plan.literals[index].integral.is_some())
        })
    }

    /// The level where the search tries its next candidate when level `failed` has no
    /// float: the deepest earlier level it visits whose column `failed` mentions (the
    /// levels between are passed by, `Interpreter::search`'s backjumping). `None` when
    /// there is none or the search keeps one candidate per level.
    fn step_back_level(&self, failed: usize) -> Option<usize> {
        if crate::shield::correct::SEARCH_CANDIDATES < 2
            || crate::shield::correct::SEARCH_BUDGET < 1
        {
            return None;
        }
        let mentions = &self.plan.levels[failed].mentions;
        (0..failed).rev().find(|&earlier| {
            self.plan.next_visited[earlier] == earlier
                && mentions
                    .binary_search(&self.plan.levels[earlier].column)
                    .is_ok()
        })
    }

    /// The search's first step back from level `failed` (whose interval is empty, at the
    /// builder's position): level `earlier`'s second candidate, then a jump to `retry`,
    /// which runs the first descent from the level after it. On a level of single bounds
    /// whose value the pass moved onto a boundary, the candidates nearest first are that
    /// boundary and then the floats beyond it into the interval, so the second is the
    /// boundary's neighbour inside it; when the pass kept the value, or the interval holds
    /// one float, the runtime resumes the search as before (the row is untouched here).
    #[allow(clippy::too_many_arguments)]
    fn emit_step_back(
        &self,
        function: FunctionValue<'ctx>,
        row: PointerValue<'ctx>,
        format: FloatFormat,
        (earlier, values): (usize, &GreedyLevel<'ctx>),
        between: &[Option<GreedyLevel<'ctx>>],
        failed: usize,
        retry: BasicBlock<'ctx>,
    ) -> Emitted<()> {
        let builder = &self.builder;
        let reduced = self.float_compare(FloatPredicate::OGT, values.target, values.highest)?;
        let raised = self.float_compare(FloatPredicate::OLT, values.target, values.lowest)?;
        let below = self.row_float_step(values.highest, format, -1)?;
        let above = self.row_float_step(values.lowest, format, 1)?;
        let next = builder
            .build_select(reduced, below, above, "next_candidate")?
            .into_float_value();
        let moved = self.or(reduced, raised)?;
        let inside = self.and(
            self.float_compare(FloatPredicate::OLE, values.lowest, next)?,
            self.float_compare(FloatPredicate::OLE, next, values.highest)?,
        )?;
        let usable = self.and(self.and(moved, inside)?, self.finite_in(next, format)?)?;
        let resume = self.context.append_basic_block(function, "resume_search");
        let step = self.context.append_basic_block(function, "step_back");
        builder.build_conditional_branch(usable, step, resume)?;
        builder.position_at_end(resume);
        builder.build_return(Some(&self.int(failed as i64)))?;
        builder.position_at_end(step);
        // The levels after `earlier` get their values again from the row as it came.
        for (offset, level) in between.iter().enumerate() {
            if let Some(level) = level {
                let column = self.plan.levels[earlier + 1 + offset].column;
                builder.build_store(self.element(row, self.int(column as i64))?, level.target)?;
            }
        }
        let column = self.plan.levels[earlier].column;
        builder.build_store(self.element(row, self.int(column as i64))?, next)?;
        builder.build_unconditional_branch(retry)?;
        Ok(())
    }

    /// A single-bound literal's boundary in `column` as the greedy pass needs it:
    /// `(boundary, whether it is known)`. The shortcuts of `shortcut_boundary` where they
    /// apply; otherwise, on f32 rows, the bracket of `bracketed_boundary` where it settles;
    /// otherwise the real bound `(c - other terms) / own coefficient` rounded into the
    /// format, confirmed by deciding the literal there and at the neighbour on the other
    /// side (`confirmed_boundary`), unknown when neither decides or a probe is not finite.
    fn single_bound_boundary(
        &self,
        index: usize,
        column: usize,
        lower: bool,
        format: FloatFormat,
        row: PointerValue<'ctx>,
    ) -> Emitted<(FloatValue<'ctx>, IntValue<'ctx>)> {
        let literal = &self.plan.literals[index];
        let values = &|column: usize| self.load_column(row, column).map(BasicValueEnum::from);
        if let Some((found, finite)) =
            self.shortcut_boundary(Shape::Row, literal, column, lower, format, values)?
        {
            let finite = finite.map_or(self.boolean(true), |finite| finite.into_int_value());
            return Ok((found.into_float_value(), finite));
        }
        // The magnitude only serves the f32 bracket.
        let f32_rows = format == FloatFormat::F32;
        let residual = self.residual(
            Shape::Row,
            literal,
            column,
            f32_rows,
            f32_rows.then_some(EXACT_RESIDUAL_TERMS),
            values,
        )?;
        if format == FloatFormat::F64 {
            let (boundary, known) =
                self.confirmed_boundary(literal, column, lower, format, values, &residual)?;
            return Ok((boundary.into_float_value(), known.into_int_value()));
        }
        // f32 rows: the real bound with a rigorous error interval nearly always lies
        // between two consecutive floats of the format, which then settles the boundary
        // without evaluating the literal; the confirmed boundary where it does not.
        let builder = &self.builder;
        let (bracketed, settled) = self.bracketed_boundary(literal, lower, format, &residual)?;
        let (bracketed, settled) = (bracketed.into_float_value(), settled.into_int_value());
        let function = builder
            .get_insert_block()
            .and_then(|block| block.get_parent())
            .expect("positioned in a function");
        let settled_block = builder.get_insert_block().expect("positioned");
        let confirm = self
            .context
            .append_basic_block(function, "boundary_confirm");
        let found = self.context.append_basic_block(function, "boundary_found");
        builder.build_conditional_branch(settled, found, confirm)?;
        builder.position_at_end(confirm);
        // A longer residual is tracked exactly only here, where the bracket did not settle:
        // the real bound is often a float (a sum of f32 values that f64 holds exactly, as
        // url's `3y_20 + 4y_21 + 4y_22 + 2y_23` for one random row in eight), which no
        // bracket settles, and the error-free sums would cost every row their operations.
        let mut tracked = None;
        if !residual.summed && self.exactly_trackable(literal, column, EXACT_TERMS) {
            let long = self.residual(
                Shape::Row,
                literal,
                column,
                false,
                Some(EXACT_TERMS),
                values,
            )?;
            let exact = long.exact.expect("trackable");
            let (at_bound, known) =
                self.exact_boundary(literal, lower, format, long.rest, long.own, exact)?;
            let (at_bound, known) = (at_bound.into_float_value(), known.into_int_value());
            let tracked_block = builder.get_insert_block().expect("positioned");
            let search = self.context.append_basic_block(function, "boundary_search");
            builder.build_conditional_branch(known, found, search)?;
            builder.position_at_end(search);
            tracked = Some((at_bound, tracked_block));
        }
        // The rare case is the runtime's (`reqc_runtime_boundary`, the same search as
        // `shield::exact::boundary`): inlined, the confirmation was two thirds of the
        // pass's code on url, which every run without the kernel cache compiles.
        let (integers, reals) = self.table_pointers()?;
        let searched = self
            .call(
                self.boundary_search.expect("declared with the greedy pass"),
                &[
                    integers.into(),
                    reals.into(),
                    self.int(self.literal_positions[index]).into(),
                    self.int(column as i64).into(),
                    self.context
                        .i32_type()
                        .const_int(u64::from(lower), false)
                        .into(),
                    row.into(),
                ],
            )?
            .into_float_value();
        // NaN when no finite float is the boundary or a test was undecided.
        let known = self.float_compare(FloatPredicate::ORD, searched, searched)?;
        let confirmed_block = builder.get_insert_block().expect("positioned");
        builder.build_unconditional_branch(found)?;
        builder.position_at_end(found);
        let boundary = builder.build_phi(self.f64_type, "boundary")?;
        boundary.add_incoming(&[(&bracketed, settled_block), (&searched, confirmed_block)]);
        let boundary_known = builder.build_phi(self.context.bool_type(), "boundary_known")?;
        boundary_known.add_incoming(&[
            (&self.boolean(true), settled_block),
            (&known, confirmed_block),
        ]);
        if let Some((at_bound, tracked_block)) = tracked {
            boundary.add_incoming(&[(&at_bound, tracked_block)]);
            boundary_known.add_incoming(&[(&self.boolean(true), tracked_block)]);
        }
        Ok((
            boundary.as_basic_value().into_float_value(),
            boundary_known.as_basic_value().into_int_value(),
        ))
    }

    /// The boundary of a single-bound literal from an interval around its real bound
    /// `x = (c - other terms) / own coefficient`: the residual is computed in f64 with the
    /// float test's rigorous error bound (`float_test_error`), widened by twice that and
    /// by four units of rounding at each later step (the margin, the division), so the
    /// exact `x` lies in `[low, high]`. The boundary is the first float of the format at
    /// or beyond `x` on the side where the literal holds (the smallest float `>= x`, or
    /// `> x` when strict, for a lower bound; the largest `<= x` or `< x` for an upper
    /// one), a nondecreasing function of `x`: where it takes the same finite value at
    /// `low` and `high`, that value is the boundary. `(boundary, settled)`.
    fn bracketed_boundary(
        &self,
        literal: &PreparedInequality,
        lower: bool,
        format: FloatFormat,
        residual: &Residual<'ctx>,
    ) -> Emitted<(BasicValueEnum<'ctx>, BasicValueEnum<'ctx>)> {
        let builder = &self.builder;
        let Residual {
            rest,
            magnitude,
            own,
            exact,
            ..
        } = *residual;
        let shape = shape_of(rest);
        // A residual tracked exactly is nearly always exact: its boundary first, and the
        // bracket's arithmetic only where it is not (for a block: where some lane is not).
        let exact_part = match exact {
            Some(exact) => {
                let (at_bound, known) =
                    self.exact_boundary(literal, lower, format, rest, own, exact)?;
                let exact_block = builder.get_insert_block().expect("positioned");
                let function = exact_block.get_parent().expect("in a function");
                let bracket = self.context.append_basic_block(function, "bracket");
                let joined = self.context.append_basic_block(function, "bracketed");
                builder.build_conditional_branch(self.all_of(known)?, joined, bracket)?;
                builder.position_at_end(bracket);
                Some((at_bound, known, exact_block, joined))
            }
            None => None,
        };
        let terms = literal
            .integral
            .as_ref()
            .map_or(0, |(terms, _)| terms.len());
        let magnitude = magnitude.expect("the bracket asks for the magnitude");
        let error = self.float_test_error(shape, terms, magnitude)?;
        let roundoff = |value: BasicValueEnum<'ctx>| -> Emitted<BasicValueEnum<'ctx>> {
            self.arithmetic(
                Arithmetic::Multiply,
                self.constant(shape, 4.0 * UNIT_ROUNDOFF),
                self.magnitude_of(value)?,
            )
        };
        let margin = self.arithmetic(
            Arithmetic::Add,
            self.arithmetic(Arithmetic::Multiply, self.constant(shape, 2.0), error)?,
            roundoff(rest)?,
        )?;
        let below = self.arithmetic(Arithmetic::Subtract, rest, margin)?;
        let above = self.arithmetic(Arithmetic::Add, rest, margin)?;
        let (low, high) = if own > 0.0 {
            (below, above)
        } else {
            (above, below)
        };
        let tiny = self.constant(shape, 2.0 * f64::from_bits(1));
        let widen = |value: BasicValueEnum<'ctx>, outwards: f64| -> Emitted<BasicValueEnum<'ctx>> {
            let quotient = self.arithmetic(Arithmetic::Divide, value, self.constant(shape, own))?;
            let slack = self.arithmetic(Arithmetic::Add, roundoff(quotient)?, tiny)?;
            let slack =
                self.arithmetic(Arithmetic::Multiply, slack, self.constant(shape, outwards))?;
            self.arithmetic(Arithmetic::Add, quotient, slack)
        };
        let low = widen(low, -1.0)?;
        let high = widen(high, 1.0)?;
        let at_low = self.first_float(literal, lower, format, low)?;
        let at_high = self.first_float(literal, lower, format, high)?;
        let same = self.compare(FloatPredicate::OEQ, at_low, at_high)?;
        let settled = self.logic(Connective::And, same, self.finite(at_low, format)?)?;
        let Some((at_bound, known, exact_block, joined)) = exact_part else {
            return Ok((at_low, settled));
        };
        // Lanes the exact residual settled keep its boundary (for one row, it settled none).
        let bracketed = self.select(known, at_bound, at_low)?;
        let settled = self.logic(Connective::Or, known, settled)?;
        let bracket_end = builder.get_insert_block().expect("positioned");
        builder.build_unconditional_branch(joined)?;
        builder.position_at_end(joined);
        let boundary = builder.build_phi(at_low.get_type(), "boundary")?;
        boundary.add_incoming(&[(&at_bound, exact_block), (&bracketed, bracket_end)]);
        // Where the branch skipped the bracket, `known` holds (in every lane).
        let merged = builder.build_phi(settled.get_type(), "settled")?;
        merged.add_incoming(&[(&known, exact_block), (&settled, bracket_end)]);
        Ok((boundary.as_basic_value(), merged.as_basic_value()))
    }

    /// Whether a truth value holds: for a block, in every lane.
    fn all_of(&self, truth: BasicValueEnum<'ctx>) -> Emitted<IntValue<'ctx>> {
        match truth {
            BasicValueEnum::VectorValue(_) => self.every_lane(truth),
            truth => Ok(truth.into_int_value()),
        }
    }

    /// The first f32 at or beyond `x` on the side where the literal holds (see
    /// `bracketed_boundary`), as f64.
    fn first_float(
        &self,
        literal: &PreparedInequality,
        lower: bool,
        format: FloatFormat,
        x: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let strict = literal.exact.relation == crate::linear::Relation::Greater;
        // The format's nearest float, then one step towards the holding side when it
        // lies on the other side of `x` (or at `x`, for a strict literal).
        let nearest = self.convert(self.convert(x, self.context.f32_type())?, self.f64_type)?;
        let (outside, step) = match (lower, strict) {
            (true, false) => (FloatPredicate::OLT, 1),
            (true, true) => (FloatPredicate::OLE, 1),
            (false, false) => (FloatPredicate::OGT, -1),
            (false, true) => (FloatPredicate::OGE, -1),
        };
        let stepped = self.float_step(nearest, format, step)?;
        let outside = self.compare(outside, nearest, x)?;
        let found = self.select(outside, stepped, nearest)?;
        // Both zeros are key 0, whose float is +0.
        self.arithmetic(Arithmetic::Add, found, self.constant(shape_of(x), 0.0))
    }

    /// The boundary of a literal whose residual `rest` is exact where `exact` holds: an
    /// exact residual over an own coefficient of ±1, or whose quotient leaves no remainder
    /// (FMA computes a correctly rounded division's remainder exactly), is the real bound
    /// itself, and its first float is the boundary, even where the bound is a float
    /// (which no bracket of positive width settles: on url, about half of the literals
    /// `y_0 - 4y_21 >= 1` of random rows). `(boundary, whether it is known)`, of the
    /// residual's shape.
    fn exact_boundary(
        &self,
        literal: &PreparedInequality,
        lower: bool,
        format: FloatFormat,
        rest: BasicValueEnum<'ctx>,
        own: f64,
        exact: BasicValueEnum<'ctx>,
    ) -> Emitted<(BasicValueEnum<'ctx>, BasicValueEnum<'ctx>)> {
        let shape = shape_of(rest);
        let coefficient = self.constant(shape, own);
        let quotient = self.arithmetic(Arithmetic::Divide, rest, coefficient)?;
        let exact = if own.abs() == 1.0 {
            exact
        } else {
            let remainder = self.fused(self.negate(quotient)?, coefficient, rest)?;
            let none = self.compare(FloatPredicate::OEQ, remainder, self.constant(shape, 0.0))?;
            self.logic(Connective::And, exact, none)?
        };
        let at_bound = self.first_float(literal, lower, format, quotient)?;
        let exact = self.logic(Connective::And, exact, self.finite(at_bound, format)?)?;
        Ok((at_bound, exact))
    }

    /// Whether `residual` can track the literal's residual in `column` exactly on f32 rows:
    /// at most `most` other terms, each coefficient's product with an f32 exact in f64.
    fn exactly_trackable(&self, literal: &PreparedInequality, column: usize, most: usize) -> bool {
        let Some((terms, _)) = &literal.integral else {
            return false;
        };
        terms.len().saturating_sub(1) <= most
            && terms.iter().all(|(term_column, coefficient)| {
                *term_column == column || exact_f32_product(*coefficient)
            })
    }

    /// A literal's residual in `column` on its integral form: `c` minus the other terms,
    /// computed in f64 (for one row, or a block's lane by lane), beside the column's own
    /// coefficient and, when asked for, the sum of their absolute values (for the float
    /// test's error bound). On f32 rows (`exact_terms` given) it says where the residual
    /// is certainly exact: by error-free sums for at most `exact_terms` other terms, by
    /// the grid of its terms (`grid_exact`) for longer ones whose products are exact
    /// (which the magnitude then serves too).
    fn residual(
        &self,
        shape: Shape,
        literal: &PreparedInequality,
        column: usize,
        with_magnitude: bool,
        exact_terms: Option<usize>,
        load: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<Residual<'ctx>> {
        let (terms, constant) = literal.integral.as_ref().expect("checked by the caller");
        let zero = self.constant(shape, 0.0);
        let mut rest = self.constant(shape, *constant);
        let mut magnitude = with_magnitude.then(|| self.constant(shape, constant.abs()));
        let mut own = 1.0;
        // On f32 rows, a residual of at most `exact_terms` other terms whose products are
        // exact is tracked with error-free sums: when no subtraction rounds, `rest` is exact.
        let trackable =
            exact_terms.is_some_and(|most| self.exactly_trackable(literal, column, most));
        let gridded = !trackable
            && with_magnitude
            && exact_terms.is_some()
            && self.exactly_trackable(literal, column, usize::MAX);
        let bits = self.i64_type;
        let integer = |value: u64| self.splat(shape, bits.const_int(value, false));
        // The smallest nonzero product's bits less one (a zero's wrap to the largest).
        let mut smallest = gridded.then(|| integer(u64::MAX));
        let mut exact: Option<BasicValueEnum<'ctx>> = None;
        for (term_column, coefficient) in terms {
            if *term_column == column {
                own = *coefficient;
                continue;
            }
            let product = self.arithmetic(
                Arithmetic::Multiply,
                self.constant(shape, *coefficient),
                load(*term_column)?,
            )?;
            let before = rest;
            rest = self.arithmetic(Arithmetic::Subtract, rest, product)?;
            if trackable {
                // The rounding error of `before - product`, exactly (no sum here can
                // overflow: the values are f32 ones times coefficients below 2^600).
                let negated = self.negate(product)?;
                let error = self.two_sum_error(before, negated, rest)?;
                let none = self.compare(FloatPredicate::OEQ, error, zero)?;
                exact = Some(match exact {
                    Some(all) => self.logic(Connective::And, all, none)?,
                    None => none,
                });
            }
            if let Some(sum) = magnitude {
                let size = self.magnitude_of(product)?;
                magnitude = Some(self.arithmetic(Arithmetic::Add, sum, size)?);
                if let Some(least) = smallest {
                    let key = self.integer(
                        IntegerOperation::Subtract,
                        self.reinterpret(size, bits.into())?,
                        integer(1),
                    )?;
                    let below = self.integer_compare(IntPredicate::ULT, key, least)?;
                    smallest = Some(self.select(below, key, least)?);
                }
            }
        }
        // A residual of no other term is the constant itself, exact; its truth value is
        // built from it, never a constant (see `and_not`).
        if trackable && exact.is_none() {
            exact = Some(self.compare(FloatPredicate::OEQ, rest, rest)?);
        }
        if let (Some(least), Some(sum)) = (smallest, magnitude) {
            exact = Some(self.grid_exact(shape, literal, column, least, sum)?);
        }
        Ok(Residual {
            rest,
            magnitude,
            own,
            exact,
            summed: trackable,
        })
    }

    /// Where a residual whose products are exact (f32 values times the integral form's
    /// coefficients) is computed exactly, from its grid: every product `a y` is a multiple
    /// of `2^v(a)` times the unit in the last place of `y` in f32 (`2^(max(E_y, -126) -
    /// 23)`), and `c` of `2^v(c)` (`v`, the power of 2 dividing a number), so every partial
    /// sum is a multiple of `2^g` for the least of them; bounded by the magnitude `M`, it is
    /// an integer times `2^g` below `2^53` in size, which f64 holds, when `M < 2^(52 + g)`
    /// (the factor 2 covers the rounding of the computed `M`). `E_y` is bounded below from
    /// the smallest nonzero product's exponent `E_p` (`least` holds its bits less one):
    /// `|a y| < 2^(E_a + E_y + 2)`, so `E_y >= E_p - E_a - 1` with the largest `E_a`. For
    /// random rows of f32 values this nearly always holds, for a few integer operations a
    /// term instead of an error-free sum's five floating ones. An infinite or NaN term may
    /// pass it; its `rest` is then not finite, and `exact_boundary` knows no boundary there.
    fn grid_exact(
        &self,
        shape: Shape,
        literal: &PreparedInequality,
        column: usize,
        least: BasicValueEnum<'ctx>,
        magnitude: BasicValueEnum<'ctx>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let (terms, constant) = literal.integral.as_ref().expect("checked by the caller");
        let coefficients = || {
            terms
                .iter()
                .filter(move |(term_column, _)| *term_column != column)
                .map(|(_, coefficient)| *coefficient)
                .filter(|coefficient| *coefficient != 0.0)
        };
        let least_power = coefficients().map(two_adic_valuation).min().unwrap_or(0);
        let largest_exponent = coefficients()
            .map(|coefficient| i64::from(exponent_of(coefficient)))
            .max()
            .unwrap_or(0);
        let bits = self.i64_type;
        let integer = |value: i64| self.splat(shape, bits.const_int(value as u64, true));
        let smaller = |left: BasicValueEnum<'ctx>, right: BasicValueEnum<'ctx>| {
            let below = self.integer_compare(IntPredicate::SLT, left, right)?;
            self.select(below, left, right)
        };
        let exponent_bits = |value: BasicValueEnum<'ctx>| -> Emitted<BasicValueEnum<'ctx>> {
            self.integer(IntegerOperation::ShiftRight, value, integer(52))
        };
        // The smallest nonzero product's biased exponent (0 when every product is zero,
        // which only makes the grid finer than it is).
        let product_exponent =
            exponent_bits(self.integer(IntegerOperation::Add, least, integer(1))?)?;
        // g = E_p - E_a - 1 - 23 + v(a), with E_p = product_exponent - 1023. Taking the
        // unit in the last place at E_y - 23 also for f32 subnormals (whose unit is 2^-149)
        // again only makes the grid finer.
        let mut grid = self.integer(
            IntegerOperation::Add,
            product_exponent,
            integer(i64::from(least_power) - 23 - 1024 - largest_exponent),
        )?;
        if *constant != 0.0 {
            grid = smaller(grid, integer(i64::from(two_adic_valuation(*constant))))?;
        }
        // M < 2^(B - 1022) for its biased exponent B: exact when B - 1022 <= 52 + g.
        let magnitude_exponent = exponent_bits(self.reinterpret(magnitude, bits.into())?)?;
        let limit = self.integer(IntegerOperation::Add, grid, integer(1074))?;
        self.integer_compare(IntPredicate::SLE, magnitude_exponent, limit)
    }

    /// A single-bound literal's boundary from the real bound rounded into the format,
    /// confirmed by deciding the literal there and at the neighbour on the other side
    /// (`exact_answer`): `(boundary, whether it is known)`, for one row or a block's lanes.
    fn confirmed_boundary(
        &self,
        literal: &PreparedInequality,
        column: usize,
        lower: bool,
        format: FloatFormat,
        load: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
        residual: &Residual<'ctx>,
    ) -> Emitted<(BasicValueEnum<'ctx>, BasicValueEnum<'ctx>)> {
        // The real bound (C - the other terms) / own coefficient, nearly.
        let Residual { rest, own, .. } = *residual;
        let shape = shape_of(rest);
        let estimate = self.arithmetic(Arithmetic::Divide, rest, self.constant(shape, own))?;
        let near = match format {
            FloatFormat::F32 => self.convert(
                self.convert(estimate, self.context.f32_type())?,
                self.f64_type,
            )?,
            FloatFormat::F64 => estimate,
        };
        type Answer<'ctx> = (BasicValueEnum<'ctx>, BasicValueEnum<'ctx>);
        let answer = |value: BasicValueEnum<'ctx>| -> Emitted<Answer<'ctx>> {
            let values = |term_column: usize| {
                if term_column == column {
                    Ok(value)
                } else {
                    load(term_column)
                }
            };
            Ok(self
                .exact_answer(shape, literal, &values)?
                .expect("checked above"))
        };
        let (near_holds, near_fails) = answer(near)?;
        // A lower bound fails below its boundary and holds from it on, an upper
        // bound the other way round: where it holds at `near`, the boundary is `near`
        // when it fails at the neighbour towards the failing side; where it fails,
        // the boundary is the neighbour towards the holding side when it holds there.
        let below = self.float_step(near, format, -1)?;
        let above = self.float_step(near, format, 1)?;
        let (if_holds, if_fails) = if lower {
            (below, above)
        } else {
            (above, below)
        };
        let beside = self.select(near_holds, if_holds, if_fails)?;
        let (beside_holds, beside_fails) = answer(beside)?;
        let at_near = self.logic(Connective::And, near_holds, beside_fails)?;
        let at_beside = self.logic(Connective::And, near_fails, beside_holds)?;
        let probes_finite = self.logic(
            Connective::And,
            self.finite(near, format)?,
            self.finite(beside, format)?,
        )?;
        let decided = self.logic(Connective::Or, at_near, at_beside)?;
        let known = self.logic(Connective::And, probes_finite, decided)?;
        let boundary = self.select(at_near, near, beside)?;
        // Both zeros are key 0, whose float is +0.
        let boundary = self.arithmetic(Arithmetic::Add, boundary, self.constant(shape, 0.0))?;
        Ok((boundary, known))
    }

    /// A single-bound literal's boundary in `column` (`shield::exact::boundary`) without
    /// its search, where the literal's shape gives it: `(boundary, whether it is finite)`,
    /// of `shape`, the second `None` when it always is.
    /// A literal on the column alone has the same boundary for every row, found here once;
    /// a difference literal (`PreparedInequality::difference_partner`) has the other
    /// value, or its neighbour in the format when strict. `None` for other literals, and
    /// for a constant bound that no finite float meets (the general code then bails).
    fn shortcut_boundary(
        &self,
        shape: Shape,
        literal: &PreparedInequality,
        column: usize,
        lower: bool,
        format: FloatFormat,
        load: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<Option<KnownBoundary<'ctx>>> {
        use crate::shield::exact::{boundary, from_key};
        if literal.exact.terms.len() == 1 {
            let mut values = vec![0.0; self.plan.columns];
            return Ok(boundary(literal, column, lower, &mut values, format)
                .map(|found| (self.constant(shape, from_key(found, format)), None)));
        }
        let Some(other) = literal.difference_partner(column) else {
            return Ok(None);
        };
        let value = load(other)?;
        let strict = literal.exact.relation == crate::linear::Relation::Greater;
        let found = if strict {
            self.float_step(value, format, if lower { 1 } else { -1 })?
        } else {
            // Both zeros are key 0, whose float is +0.
            self.arithmetic(Arithmetic::Add, value, self.constant(shape, 0.0))?
        };
        Ok(Some((found, Some(self.finite(found, format)?))))
    }

    /// Whether a value (a float of `format`, held as f64; or a block's, lane by lane) is finite.
    fn finite(
        &self,
        value: BasicValueEnum<'ctx>,
        format: FloatFormat,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let largest = match format {
            FloatFormat::F32 => f64::from(f32::MAX),
            FloatFormat::F64 => f64::MAX,
        };
        let shape = shape_of(value);
        self.compare(
            FloatPredicate::OLE,
            self.magnitude_of(value)?,
            self.constant(shape, largest),
        )
    }

    /// `finite` on one row's value.
    fn finite_in(&self, value: FloatValue<'ctx>, format: FloatFormat) -> Emitted<IntValue<'ctx>> {
        Ok(self.finite(value.into(), format)?.into_int_value())
    }

    /// The tables as `i64*` and `double*`.
    fn table_pointers(&self) -> Emitted<(PointerValue<'ctx>, PointerValue<'ctx>)> {
        let (integers, reals) = self.tables;
        Ok((
            self.builder.build_pointer_cast(
                integers,
                self.i64_type.ptr_type(AddressSpace::default()),
                "integers",
            )?,
            self.builder
                .build_pointer_cast(reals, self.double_pointer(), "reals")?,
        ))
    }

    /// Whether a literal certainly holds by the fast test: one comparison for a difference
    /// literal, else the float test with its error bound.
    fn literal_certainly_holds(
        &self,
        shape: Shape,
        literal: &PreparedInequality,
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        if let Some((holds, _)) = self.difference_answer(literal, values)? {
            return Ok(holds);
        }
        let (sum, error) = self.float_test(shape, literal, values)?;
        self.compare(FloatPredicate::OGT, sum, error)
    }

    /// The literals of a clause whose ties an evaluation without rounding settles (those with
    /// an integral form of at most EXACT_TERMS terms): the fast test asks them only where the
    /// float test leaves the clause open.
    fn tie_literals(&self, clause: &ClausePlan) -> Vec<&'a PreparedInequality> {
        let plan: &'a Plan = self.plan;
        clause
            .all()
            .map(|index| &plan.literals[index])
            .filter(|literal| literal.integral.is_some() && literal.terms.len() <= EXACT_TERMS)
            // A difference literal is decided exactly by the float pass; it has no tie.
            .filter(|literal| literal.compared_columns().is_none())
            .collect()
    }

    /// Whether some of `literals` (`tie_literals`) holds by `exact_answer`.
    fn exactly_holds(
        &self,
        shape: Shape,
        literals: &[&PreparedInequality],
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let answers = literals.iter().map(|literal| {
            Ok(self
                .exact_answer(shape, literal, values)?
                .expect("an integral form of at most EXACT_TERMS terms")
                .0)
        });
        Ok(self
            .fold_logic(Connective::Or, answers)?
            .unwrap_or_else(|| self.truth(shape, false)))
    }

    /// Whether some lane of a block's truth values is true.
    fn any_lane(&self, lanes: BasicValueEnum<'ctx>) -> Emitted<IntValue<'ctx>> {
        self.int_compare(IntPredicate::NE, self.packed(lanes)?, self.byte(0))
    }

    /// Whether every lane of a block's truth values is true.
    fn every_lane(&self, lanes: BasicValueEnum<'ctx>) -> Emitted<IntValue<'ctx>> {
        self.int_compare(IntPredicate::EQ, self.packed(lanes)?, self.byte(u8::MAX))
    }

    /// A block's truth values as a byte, a bit per lane (BLOCK_ROWS is eight).
    fn packed(&self, lanes: BasicValueEnum<'ctx>) -> Emitted<IntValue<'ctx>> {
        Ok(self
            .builder
            .build_bit_cast(lanes, self.i8_type, "packed")?
            .into_int_value())
    }

    /// Marks a load or store of a block's flags as aligned only as a byte is.
    fn byte_aligned(&self, access: inkwell::values::InstructionValue<'ctx>) -> Emitted<()> {
        access
            .set_alignment(1)
            .map_err(|error| CodegenError::new(format!("cannot align the flags: {error}")))
    }

    /// The fast test of BLOCK_ROWS rows at once, from row `first` of `source` (elements of
    /// `format`; the block greedy pass writes its rows into `rows`, which already hold a copy
    /// of them, or are `source`), the values of each column a vector with a lane per row: per row, whether
    /// every value is finite and every clause holds by the float test (as the runtime's
    /// `reqc_runtime_fast_test`) or, where that leaves it open, by `exact_answer`, written as a flag per row
    /// (1: certainly unchanged) at `flags`. The block leaves early once no row is left that
    /// could pass, and asks the evaluation without rounding only of clauses the float test
    /// leaves open for some row. Where the greedy pass runs on blocks, the clauses are
    /// tested only when `testing` is true (otherwise every finite row goes to the greedy
    /// pass), and the answer is whether the next block should test them. The builder ends
    /// after the flags are stored.
    fn emit_block_test(
        &self,
        (source, rows): (PointerValue<'ctx>, PointerValue<'ctx>),
        first: IntValue<'ctx>,
        format: FloatFormat,
        flags: PointerValue<'ctx>,
        testing: IntValue<'ctx>,
    ) -> Emitted<IntValue<'ctx>> {
        let builder = &self.builder;
        let function = builder
            .get_insert_block()
            .and_then(|block| block.get_parent())
            .expect("positioned in a function");
        let (element, element_bytes) = match format {
            FloatFormat::F32 => (self.context.f32_type(), 4),
            FloatFormat::F64 => (self.f64_type, 8),
        };
        let blocks = RowBlocks {
            context: self.context,
            builder,
            element,
            element_bytes,
            columns: self.plan.columns,
        };
        // The columns a literal mentions are transposed, a vector each; the others are only
        // read, for the finiteness of every value.
        let mut mentioned = vec![false; self.plan.columns];
        for literal in &self.plan.literals {
            for (column, _) in &literal.terms {
                mentioned[*column] = true;
            }
        }
        // Read from the source, not from the copy the kernel has just stored into `rows`:
        // a load that spans two of those stores (a row's last, overlapping chunk) would wait
        // for them to reach the cache.
        let loaded = blocks.load_block(source, first, BLOCK_ROWS, &mentioned)?;
        let bytes = self.i8_type.vec_type(BLOCK_ROWS);
        let flags_vector = builder.build_pointer_cast(
            flags,
            bytes.ptr_type(AddressSpace::default()),
            "flags_vector",
        )?;
        let finite = self.finite_rows(&blocks, (source, first), &loaded)?;
        let mut alive = finite;
        // The mentioned columns widened to f64 here, where they dominate every use.
        let mut widened: Vec<Option<BasicValueEnum<'ctx>>> = vec![None; self.plan.columns];
        for (column, vector) in loaded.iter().enumerate() {
            if let (true, Some(vector)) = (mentioned[column], vector) {
                widened[column] = Some(match format {
                    FloatFormat::F64 => (*vector).into(),
                    FloatFormat::F32 => builder
                        .build_float_ext(*vector, self.f64_type.vec_type(BLOCK_ROWS), "widened")?
                        .into(),
                });
            }
        }
        let value = |column: usize| {
            widened[column]
                .ok_or_else(|| CodegenError::new("the block test read a column no literal names"))
        };
        let done = self.context.append_basic_block(function, "block_done");
        // The flags as bytes: none pass where the block leaves early.
        let none_left: BasicValueEnum<'ctx> = bytes.const_zero().into();
        let mut outcomes = Vec::new();
        // Where the greedy pass runs on blocks, it also finds the rows that meet every
        // requirement (it completes them unchanged, with the same values and status), so
        // the clauses here only save time on blocks whose every row passes. On rows that
        // violate they are spent in vain, a tenth of url's kernel: a block after one with
        // two rows or more that did not come out unchanged skips them, and every finite
        // row goes to the greedy pass.
        let greedy_applies = self.block_greedy_applies(format);
        if greedy_applies {
            let tested = self.context.append_basic_block(function, "block_tested");
            let here = builder.get_insert_block().expect("positioned");
            builder.build_conditional_branch(testing, tested, done)?;
            outcomes.push((none_left, here));
            builder.position_at_end(tested);
        }
        // The cheapest clauses first (a comparison for a difference literal, a term each
        // otherwise): a lane that fails one is out, and the block leaves with its last lane,
        // so on violating rows the long sums are mostly never computed (url's 17 terms). The
        // answer is the same in any order: every clause must hold.
        let cost = |clause: &ClausePlan| -> usize {
            clause
                .all()
                .map(|index| {
                    let literal = &self.plan.literals[index];
                    match literal.compared_columns() {
                        Some(_) => 1,
                        None => literal.terms.len() + 1,
                    }
                })
                .sum()
        };
        let mut clauses: Vec<&ClausePlan> = self
            .plan
            .inputs
            .iter()
            .chain(self.plan.levels.iter().flat_map(|level| &level.clauses))
            .collect();
        clauses.sort_by_key(|clause| cost(clause));
        for clause in clauses {
            // The rows still passing leave together once none is left.
            let some_left = self.any_lane(alive)?;
            let next = self.context.append_basic_block(function, "block_clause");
            let here = builder.get_insert_block().expect("positioned");
            builder.build_conditional_branch(some_left, next, done)?;
            outcomes.push((none_left, here));
            builder.position_at_end(next);
            let answers = clause.all().map(|index| {
                self.literal_certainly_holds(Shape::Block, &self.plan.literals[index], &value)
            });
            let mut any = self
                .fold_logic(Connective::Or, answers)?
                .expect("a clause has a literal");
            let tie_literals = self.tie_literals(clause);
            if !tie_literals.is_empty() {
                let open = self.and_not(alive, any)?;
                let some_open = self.any_lane(open)?;
                let before = builder.get_insert_block().expect("positioned");
                let tie = self.context.append_basic_block(function, "block_tie");
                let settled = self.context.append_basic_block(function, "block_settled");
                builder.build_conditional_branch(some_open, tie, settled)?;
                builder.position_at_end(tie);
                let exactly = self.exactly_holds(Shape::Block, &tie_literals, &value)?;
                let with_ties = self.logic(Connective::Or, any, exactly)?;
                let tie_end = builder.get_insert_block().expect("positioned");
                builder.build_unconditional_branch(settled)?;
                builder.position_at_end(settled);
                let merged = builder.build_phi(any.get_type(), "any")?;
                merged.add_incoming(&[(&any, before), (&with_ties, tie_end)]);
                any = merged.as_basic_value();
            }
            alive = self.logic(Connective::And, alive, any)?;
        }
        // A passing row's flag is FLAG_PASSED, its truth value widened.
        let passed = builder.build_int_z_extend(alive.into_vector_value(), bytes, "passed")?;
        let here = builder.get_insert_block().expect("positioned");
        builder.build_unconditional_branch(done)?;
        outcomes.push((passed.into(), here));
        builder.position_at_end(done);
        let flag_bytes = builder.build_phi(bytes, "flags")?;
        for (outcome, block) in &outcomes {
            flag_bytes.add_incoming(&[(outcome, *block)]);
        }
        let flag_bytes = flag_bytes.as_basic_value();
        self.byte_aligned(builder.build_store(flags_vector, flag_bytes)?)?;
        if !greedy_applies {
            return Ok(self.boolean(true));
        }
        let passed = builder.build_int_compare(
            IntPredicate::NE,
            flag_bytes.into_vector_value(),
            bytes.const_zero(),
            "passed",
        )?;
        let pending = self.and_not(finite, passed.into())?;
        self.emit_block_greedy(
            format,
            &blocks,
            (rows, first),
            (&loaded, &widened),
            pending,
            (flags_vector, flag_bytes),
        )?;
        // The clauses pay only where every row of a block passes them (the greedy pass runs
        // for a block with one row left), so the next block is tested when at most one row of
        // this one did not come out unchanged, as the flags that the test and the greedy pass
        // left say (passed, or completed without moving a value).
        let final_flags = builder.build_load(flags_vector, "final_flags")?;
        self.byte_aligned(final_flags.as_instruction_value().expect("a load"))?;
        let flag_is = |flag: u8| {
            let flag = self.splat(Shape::Block, self.byte(flag));
            self.integer_compare(IntPredicate::EQ, final_flags, flag)
        };
        let unchanged = self.logic(
            Connective::Or,
            flag_is(FLAG_PASSED)?,
            flag_is(FLAG_COMPLETED)?,
        )?;
        // The lanes that did not come out unchanged, as bits: none, or a power of two.
        let others = builder.build_not(self.packed(unchanged)?, "others")?;
        let less_one = builder.build_int_sub(others, self.byte(1), "others_less_one")?;
        let lowest_cleared = builder.build_and(others, less_one, "lowest_cleared")?;
        self.int_compare(IntPredicate::EQ, lowest_cleared, self.byte(0))
    }

    /// Which rows of the block at `first` hold only finite values (rows with NaN or
    /// infinities go to the second phase, which reports them): from the columns `loaded`
    /// for rows narrower than a vector; otherwise a row at a time in a loop over its
    /// whole-row vectors (unrolled, it would be the largest part of the block test's code
    /// for wide files), the answers gathered as the bits of a byte that the loop carries.
    /// (Stored as a flag per row and read back as a vector, they stalled every block on
    /// the eight narrow stores: a tenth of heloc's kernel.)
    fn finite_rows(
        &self,
        blocks: &RowBlocks<'_, 'ctx>,
        (rows, first): (PointerValue<'ctx>, IntValue<'ctx>),
        loaded: &[Option<VectorValue<'ctx>>],
    ) -> Emitted<BasicValueEnum<'ctx>> {
        let finite = |vector: &VectorValue<'ctx>| blocks.finite(*vector).map(BasicValueEnum::from);
        if self.plan.columns < BLOCK_ROWS as usize {
            return Ok(self
                .fold_logic(Connective::And, loaded.iter().flatten().map(finite))?
                .unwrap_or_else(|| self.truth(Shape::Block, true)));
        }
        let builder = &self.builder;
        let before = builder.get_insert_block().expect("positioned");
        let function = before.get_parent().expect("in a function");
        let finite_loop = self.context.append_basic_block(function, "block_finite");
        let finite_done = self
            .context
            .append_basic_block(function, "block_finite_done");
        builder.build_unconditional_branch(finite_loop)?;
        builder.position_at_end(finite_loop);
        let lane_phi = builder.build_phi(self.i64_type, "lane")?;
        let bits_phi = builder.build_phi(self.i8_type, "finite_bits")?;
        let lane = lane_phi.as_basic_value().into_int_value();
        let bits = bits_phi.as_basic_value().into_int_value();
        let row = builder.build_int_add(first, lane, "row")?;
        let chunks = blocks.load_row_chunks(rows, row, BLOCK_ROWS)?;
        let all = self
            .fold_logic(Connective::And, chunks.iter().map(finite))?
            .expect("a row at least a vector wide has a chunk");
        let bit = builder.build_int_z_extend(self.every_lane(all)?, self.i8_type, "row_finite")?;
        let shift = builder.build_int_truncate(lane, self.i8_type, "shift")?;
        let bit = builder.build_left_shift(bit, shift, "lane_bit")?;
        let next_bits = builder.build_or(bits, bit, "next_bits")?;
        let next = builder.build_int_add(lane, self.int(1), "next_lane")?;
        let again = self.int_compare(IntPredicate::ULT, next, self.int(i64::from(BLOCK_ROWS)))?;
        let latch = builder.get_insert_block().expect("positioned");
        builder.build_conditional_branch(again, finite_loop, finite_done)?;
        lane_phi.add_incoming(&[(&self.int(0), before), (&next, latch)]);
        bits_phi.add_incoming(&[(&self.byte(0), before), (&next_bits, latch)]);
        builder.position_at_end(finite_done);
        // Lane `i` of the vector is bit `i` of the byte (`packed` is the inverse).
        Ok(builder.build_bit_cast(
            next_bits,
            self.context.bool_type().vec_type(BLOCK_ROWS),
            "finite_rows",
        )?)
    }

    /// Whether the greedy pass runs on blocks too: with `greedy_on_blocks`, for
    /// shields whose fast test is unrolled, where every clause the pass must find
    /// holding (input conditions, levels that are not single bounds) has a literal
    /// `exact_answer` decides.
    fn block_greedy_applies(&self, format: FloatFormat) -> bool {
        let decidable = |clause: &ClausePlan| {
            clause.all().any(|index| {
                let literal = &self.plan.literals[index];
                literal.compared_columns().is_some()
                    || literal
                        .integral
                        .as_ref()
                        .is_some_and(|(terms, _)| terms.len() <= EXACT_TERMS)
            })
        };
        // A literal on the level's column alone whose bound no finite float meets has no
        // boundary to take (the row-by-row pass leaves it to the runtime); the block's
        // truth values would then start from a constant (see `and_not`).
        let finite_boundaries = |index: usize| {
            let level = &self.plan.levels[index];
            level.clauses.iter().all(|clause| {
                clause.all().all(|literal| {
                    let literal = &self.plan.literals[literal];
                    let lower = !clause.lower.is_empty();
                    literal.exact.terms.len() != 1
                        || crate::shield::exact::boundary(
                            literal,
                            level.column,
                            lower,
                            &mut vec![0.0; self.plan.columns],
                            format,
                        )
                        .is_some()
                })
            })
        };
        self.greedy_on_blocks
            && self.fast_test.is_none()
            && self.plan.inputs.iter().all(decidable)
            && (0..self.plan.levels.len()).all(|index| {
                if self.single_bounds(index) {
                    finite_boundaries(index)
                } else {
                    self.plan.levels[index].clauses.iter().all(decidable)
                }
            })
    }

    /// The greedy pass of `emit_fast_greedy` on the rows of a block the block test left
    /// (`pending`), a lane per row: each level's boundaries from the shortcuts, the exact
    /// short residual and the bracket, or the longer residual tracked exactly where some
    /// lane needs it; each value clamped into its interval. A row completes here when every
    /// boundary it needed is known and no interval is empty, which is where the row-by-row
    /// pass would complete it the same way; its values are written back and its flag says
    /// so (FLAG_COMPLETED, or FLAG_CORRECTED when a value changed). Any other row keeps its
    /// values and its flag 0 and goes to the second phase, which decides it from the start
    /// (the runtime's boundary search, the resumed search). A row whose two-sided level has
    /// no float takes the row-by-row pass's first step back here too (`block_step_back`,
    /// `emit_block_retry`). The block leaves as soon as no row is left that could complete
    /// on its first descent.
    fn emit_block_greedy(
        &self,
        format: FloatFormat,
        blocks: &RowBlocks<'_, 'ctx>,
        (rows, first): (PointerValue<'ctx>, IntValue<'ctx>),
        (loaded, widened): (
            &[Option<VectorValue<'ctx>>],
            &[Option<BasicValueEnum<'ctx>>],
        ),
        pending: BasicValueEnum<'ctx>,
        (flags_vector, flags): (PointerValue<'ctx>, BasicValueEnum<'ctx>),
    ) -> Emitted<()> {
        let builder = &self.builder;
        let function = builder
            .get_insert_block()
            .and_then(|block| block.get_parent())
            .expect("positioned in a function");
        let done = self
            .context
            .append_basic_block(function, "block_greedy_done");
        let continue_while_some = |ok: BasicValueEnum<'ctx>| -> Emitted<()> {
            self.continue_if(function, self.any_lane(ok)?, done, "block_greedy")
        };
        let mut values = widened.to_vec();
        let mut written = vec![false; self.plan.columns];
        let mut ok = pending;
        continue_while_some(ok)?;
        if let Some(hold) = self.clauses_hold(Shape::Block, &self.plan.inputs, &|column| {
            block_value(&values, column)
        })? {
            ok = self.logic(Connective::And, ok, hold)?;
        }
        // Each level's interval, for the step back; the lanes that step back from a level
        // whose interval is empty, with the level they step back to and its next candidate.
        let mut intervals: Vec<Option<BlockInterval<'ctx>>> = vec![None; self.plan.levels.len()];
        let mut steps: Vec<BlockStep<'ctx>> = Vec::new();
        let mut stepping: Option<BasicValueEnum<'ctx>> = None;
        for (index, level) in self.plan.levels.iter().enumerate() {
            if level.clauses.is_empty() {
                continue;
            }
            continue_while_some(ok)?;
            let read = |column: usize| block_value(&values, column);
            if !self.single_bounds(index) {
                if let Some(hold) = self.clauses_hold(Shape::Block, &level.clauses, &read)? {
                    ok = self.logic(Connective::And, ok, hold)?;
                }
                continue;
            }
            let column = level.column;
            let target = read(column)?;
            let interval = self.block_interval(index, format, &mut ok, target, &read)?;
            if let Some(earlier) = self.block_step_back_level(index, &intervals) {
                let failing = self.and_not(ok, interval.nonempty)?;
                let clamped = block_value(&values, self.plan.levels[earlier].column)?;
                let step = self.block_step_back(format, failing, (earlier, clamped), &intervals)?;
                stepping = Some(match stepping {
                    Some(stepping) => self.logic(Connective::Or, stepping, step.lanes)?,
                    None => step.lanes,
                });
                steps.push(step);
            }
            ok = self.logic(Connective::And, ok, interval.nonempty)?;
            values[column] = Some(self.clamp(&interval)?);
            written[column] = true;
            intervals[index] = Some(interval);
        }
        if let Some(stepping) = stepping {
            let (retried, retried_values) =
                self.emit_block_retry(format, stepping, &steps, widened, &values)?;
            for (column, retried_value) in retried_values {
                let first_value = block_value(&values, column)?;
                values[column] = Some(self.select(retried, retried_value, first_value)?);
            }
            ok = self.logic(Connective::Or, ok, retried)?;
        }
        continue_while_some(ok)?;
        // The completed rows' values, narrowed to the rows' format (exactly: each is a float
        // of it) and compared with the values as they came bit for bit; the other rows'
        // values are written back unchanged.
        let (element, bits) = match format {
            FloatFormat::F32 => (self.context.f32_type(), self.context.i32_type()),
            FloatFormat::F64 => (self.f64_type, self.i64_type),
        };
        let undefined = element.vec_type(BLOCK_ROWS).get_undef();
        let mut changes = Vec::new();
        let mut stored = Vec::with_capacity(self.plan.columns);
        for column in 0..self.plan.columns {
            let original = loaded[column];
            if !written[column] {
                stored.push(original.unwrap_or(undefined));
                continue;
            }
            let original: BasicValueEnum<'ctx> = original
                .ok_or_else(|| CodegenError::new("a level's column was not loaded"))?
                .into();
            let new = self.convert(block_value(&values, column)?, element)?;
            changes.push(self.integer_compare(
                IntPredicate::NE,
                self.reinterpret(new, bits.into())?,
                self.reinterpret(original, bits.into())?,
            ));
            stored.push(self.select(ok, new, original)?.into_vector_value());
        }
        blocks.store_columns(rows, first, BLOCK_ROWS, &stored, &written)?;
        let bytes = self.i8_type.vec_type(BLOCK_ROWS);
        let completed = self.splat(Shape::Block, self.byte(FLAG_COMPLETED));
        let completed = match self.fold_logic(Connective::Or, changes)? {
            Some(changed) => {
                let changed =
                    builder.build_int_z_extend(changed.into_vector_value(), bytes, "changed")?;
                self.integer(IntegerOperation::Add, completed, changed.into())?
            }
            None => completed,
        };
        let flags = self.select(ok, completed, flags)?;
        self.byte_aligned(builder.build_store(flags_vector, flags)?)?;
        builder.build_unconditional_branch(done)?;
        builder.position_at_end(done);
        Ok(())
    }

    /// Level `index` (single bounds) of the block pass: its interval at `values`, lane by
    /// lane; a lane where some boundary is not known leaves `ok`. On f32 rows, where every
    /// lane knows the exact real bound of each literal that has one (`exact_quotient`), a
    /// side's literals of one strictness share one first float: the first float at or
    /// beyond a bound never decreases as the bound grows, so the largest lower bound's
    /// first float is the largest of their first floats (and the least upper bound's the
    /// least). Url's `y_0` has seven lower bounds: six first floats fewer a block.
    fn block_interval(
        &self,
        index: usize,
        format: FloatFormat,
        ok: &mut BasicValueEnum<'ctx>,
        target: BasicValueEnum<'ctx>,
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<BlockInterval<'ctx>> {
        let level = &self.plan.levels[index];
        let literal_of =
            |clause: &ClausePlan| &self.plan.literals[clause.all().next().expect("one literal")];
        // A side's literals of one strictness form a group: sharing pays only where some
        // group has two (faults' `y_8 < y_9 < y_7` has a group of one on each side).
        let group_of = |clause: &ClausePlan| {
            (
                !clause.lower.is_empty(),
                literal_of(clause).exact.relation == crate::linear::Relation::Greater,
            )
        };
        let sharing: Vec<usize> = (0..level.clauses.len())
            .filter(|&clause| {
                format == FloatFormat::F32
                    && self.has_exact_quotient(literal_of(&level.clauses[clause]), level.column)
            })
            .collect();
        let mut groups: Vec<(bool, bool)> = sharing
            .iter()
            .map(|&clause| group_of(&level.clauses[clause]))
            .collect();
        groups.sort_unstable();
        groups.dedup();
        if groups.len() == sharing.len() {
            let bounds = self.block_bounds(index, format, ok, values, &|_| true)?;
            return self.interval(target, bounds);
        }
        let mut quotients = Vec::with_capacity(sharing.len());
        for &clause in &sharing {
            let clause = &level.clauses[clause];
            let literal = literal_of(clause);
            quotients.push((
                group_of(clause),
                literal,
                self.exact_quotient(literal, level.column, values)?,
            ));
        }
        let builder = &self.builder;
        let known = self
            .fold_logic(
                Connective::And,
                quotients.iter().map(|(_, _, (_, known))| Ok(*known)),
            )?
            .expect("two quotients");
        let before = builder.get_insert_block().expect("positioned");
        let function = before.get_parent().expect("in a function");
        let shared = self
            .context
            .append_basic_block(function, "shared_first_float");
        let each = self
            .context
            .append_basic_block(function, "each_first_float");
        let joined = self.context.append_basic_block(function, "first_floats");
        builder.build_conditional_branch(self.every_lane(known)?, shared, each)?;
        // Every lane knows every quotient: one first float per side and strictness.
        builder.position_at_end(shared);
        let mut shared_ok = *ok;
        let mut shared_bounds = self.unbounded();
        for &(lower, strict) in &groups {
            let members: Vec<_> = quotients
                .iter()
                .filter(|(group, _, _)| *group == (lower, strict))
                .collect();
            let mut group_bounds = self.unbounded();
            for (_, _, (quotient, _)) in &members {
                group_bounds = self.tighten(group_bounds, lower, *quotient)?;
            }
            let bound = if lower {
                group_bounds.lowest
            } else {
                group_bounds.highest
            };
            // A group's literals share their strictness, which is all `first_float` reads.
            let literal = members[0].1;
            let boundary = self.first_float(literal, lower, format, bound)?;
            shared_ok = self.logic(Connective::And, shared_ok, self.finite(boundary, format)?)?;
            shared_bounds = self.tighten(shared_bounds, lower, boundary)?;
        }
        let shared_end = builder.get_insert_block().expect("positioned");
        builder.build_unconditional_branch(joined)?;
        // Some lane does not: each literal's boundary as it is found alone.
        builder.position_at_end(each);
        let mut each_ok = *ok;
        let each_bounds = self.block_bounds(index, format, &mut each_ok, values, &|clause| {
            sharing.contains(&clause)
        })?;
        let each_end = builder.get_insert_block().expect("positioned");
        builder.build_unconditional_branch(joined)?;
        builder.position_at_end(joined);
        let merge = |left: BasicValueEnum<'ctx>, right: BasicValueEnum<'ctx>, name: &str| {
            let phi = builder.build_phi(left.get_type(), name)?;
            phi.add_incoming(&[(&left, shared_end), (&right, each_end)]);
            Ok::<_, CodegenError>(phi.as_basic_value())
        };
        *ok = merge(shared_ok, each_ok, "ok")?;
        let merged = Bounds {
            lowest: merge(shared_bounds.lowest, each_bounds.lowest, "lowest")?,
            highest: merge(shared_bounds.highest, each_bounds.highest, "highest")?,
        };
        // The literals without a quotient, after the merge: the same code on both paths.
        let others = self.block_bounds(index, format, ok, values, &|clause| {
            !sharing.contains(&clause)
        })?;
        let bounds = self.tighten(merged, true, others.lowest)?;
        let bounds = self.tighten(bounds, false, others.highest)?;
        self.interval(target, bounds)
    }

    /// The bounds of level `index`'s clauses (by index) that `included` takes, each
    /// boundary found alone (`block_boundary`); a lane where one is not known leaves `ok`.
    fn block_bounds(
        &self,
        index: usize,
        format: FloatFormat,
        ok: &mut BasicValueEnum<'ctx>,
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
        included: &dyn Fn(usize) -> bool,
    ) -> Emitted<Bounds<'ctx>> {
        let level = &self.plan.levels[index];
        let mut bounds = self.unbounded();
        for (position, clause) in level.clauses.iter().enumerate() {
            if !included(position) {
                continue;
            }
            let lower = !clause.lower.is_empty();
            let literal = clause.all().next().expect("one literal");
            let (boundary, known) =
                self.block_boundary(literal, level.column, lower, format, *ok, values)?;
            if let Some(known) = known {
                *ok = self.logic(Connective::And, *ok, known)?;
            }
            bounds = self.tighten(bounds, lower, boundary)?;
        }
        Ok(bounds)
    }

    /// No bound on either side, for a block.
    fn unbounded(&self) -> Bounds<'ctx> {
        Bounds {
            lowest: self.constant(Shape::Block, f64::NEG_INFINITY),
            highest: self.constant(Shape::Block, f64::INFINITY),
        }
    }

    /// `bounds` with one more boundary, a lower or an upper one: the larger lower, the
    /// smaller upper bound, lane by lane (a NaN boundary changes nothing).
    fn tighten(
        &self,
        bounds: Bounds<'ctx>,
        lower: bool,
        boundary: BasicValueEnum<'ctx>,
    ) -> Emitted<Bounds<'ctx>> {
        Ok(if lower {
            let larger = self.compare(FloatPredicate::OGT, boundary, bounds.lowest)?;
            Bounds {
                lowest: self.select(larger, boundary, bounds.lowest)?,
                ..bounds
            }
        } else {
            let smaller = self.compare(FloatPredicate::OLT, boundary, bounds.highest)?;
            Bounds {
                highest: self.select(smaller, boundary, bounds.highest)?,
                ..bounds
            }
        })
    }

    /// A level's interval from its bounds, with the lanes where it holds a float.
    fn interval(
        &self,
        target: BasicValueEnum<'ctx>,
        bounds: Bounds<'ctx>,
    ) -> Emitted<BlockInterval<'ctx>> {
        let nonempty = self.compare(FloatPredicate::OLE, bounds.lowest, bounds.highest)?;
        Ok(BlockInterval {
            target,
            lowest: bounds.lowest,
            highest: bounds.highest,
            nonempty,
        })
    }

    /// A literal's residual on a block of f32 rows, with its magnitude and where it is
    /// certainly exact (`residual`).
    fn block_residual(
        &self,
        literal: &PreparedInequality,
        column: usize,
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<Residual<'ctx>> {
        self.residual(
            Shape::Block,
            literal,
            column,
            true,
            Some(EXACT_RESIDUAL_TERMS),
            values,
        )
    }

    /// Whether `exact_quotient` applies to a literal of level column `column`: a
    /// difference literal, or one whose own coefficient is ±1 and whose f32 residual
    /// `residual` tracks exactly (by error-free sums or its grid: every product exact).
    /// Other own coefficients rarely divide the residual exactly; their literals keep the
    /// bracket.
    fn has_exact_quotient(&self, literal: &PreparedInequality, column: usize) -> bool {
        let own_unit = literal.integral.as_ref().is_some_and(|(terms, _)| {
            terms.iter().any(|(term_column, coefficient)| {
                *term_column == column && coefficient.abs() == 1.0
            })
        });
        literal.difference_partner(column).is_some()
            || (literal.exact.terms.len() > 1
                && own_unit
                && self.exactly_trackable(literal, column, usize::MAX))
    }

    /// A single-bound literal's exact real bound on a block of f32 rows
    /// (`has_exact_quotient`): `(bound, where it is known)`. A difference literal's is the
    /// other value; another's is its residual over its own coefficient, ±1, where the
    /// residual is exact.
    fn exact_quotient(
        &self,
        literal: &PreparedInequality,
        column: usize,
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<(BasicValueEnum<'ctx>, BasicValueEnum<'ctx>)> {
        if let Some(other) = literal.difference_partner(column) {
            let value = values(other)?;
            return Ok((value, self.compare(FloatPredicate::ORD, value, value)?));
        }
        let residual = self.block_residual(literal, column, values)?;
        let exact = residual
            .exact
            .ok_or_else(|| CodegenError::new("a residual with a quotient is not tracked"))?;
        let quotient = if residual.own > 0.0 {
            residual.rest
        } else {
            self.negate(residual.rest)?
        };
        let ordered = self.compare(FloatPredicate::ORD, quotient, quotient)?;
        Ok((quotient, self.logic(Connective::And, exact, ordered)?))
    }

    /// A level's value clamped into its interval: the nearest value it allows.
    fn clamp(&self, interval: &BlockInterval<'ctx>) -> Emitted<BasicValueEnum<'ctx>> {
        let raise = self.compare(FloatPredicate::OLT, interval.target, interval.lowest)?;
        let reduce = self.compare(FloatPredicate::OGT, interval.target, interval.highest)?;
        let clamped = self.select(reduce, interval.highest, interval.target)?;
        self.select(raise, interval.lowest, clamped)
    }

    /// Where the block pass steps back to when level `failed`'s interval is empty: as the
    /// row-by-row pass (`emit_fast_greedy`), only from a two-sided level, to the level
    /// `step_back_level` names when that level clamped (single bounds).
    fn block_step_back_level(
        &self,
        failed: usize,
        intervals: &[Option<BlockInterval<'ctx>>],
    ) -> Option<usize> {
        let clauses = &self.plan.levels[failed].clauses;
        let two_sided = clauses.iter().any(|clause| !clause.lower.is_empty())
            && clauses.iter().any(|clause| !clause.upper.is_empty());
        self.step_back_level(failed)
            .filter(|&earlier| two_sided && intervals[earlier].is_some())
    }

    /// The step back of `emit_step_back` for the lanes of `failing`: level `earlier`'s next
    /// candidate (the neighbour, inside the interval, of the boundary the value was moved
    /// onto), taken by the lanes where the value was moved and that neighbour is allowed
    /// and finite; the other failing lanes are left to the second phase. Whether and which
    /// way the value moved is read off its clamped value (`clamped`), not the clamp's own
    /// comparisons: given those a second use, LLVM 14's InstCombine rewrote the clamp
    /// `x < 0 ? 0 : x` into `x <= 0 ? 0 : x`, which turns -0 into +0 (caught by
    /// `block_greedy_pass_completes_each_row_of_a_block_on_its_own` on tiny_constraints3).
    fn block_step_back(
        &self,
        format: FloatFormat,
        failing: BasicValueEnum<'ctx>,
        (earlier, clamped): (usize, BasicValueEnum<'ctx>),
        intervals: &[Option<BlockInterval<'ctx>>],
    ) -> Emitted<BlockStep<'ctx>> {
        let interval = intervals[earlier].expect("the step back's level clamped");
        // A finite value keeps its bits exactly where the clamp kept it.
        let bits = self.i64_type.vec_type(BLOCK_ROWS).into();
        let moved = self.integer_compare(
            IntPredicate::NE,
            self.reinterpret(clamped, bits)?,
            self.reinterpret(interval.target, bits)?,
        )?;
        let reduced = self.compare(FloatPredicate::OLT, clamped, interval.target)?;
        let below = self.float_step(interval.highest, format, -1)?;
        let above = self.float_step(interval.lowest, format, 1)?;
        let candidate = self.select(reduced, below, above)?;
        let inside = self.logic(
            Connective::And,
            self.compare(FloatPredicate::OLE, interval.lowest, candidate)?,
            self.compare(FloatPredicate::OLE, candidate, interval.highest)?,
        )?;
        let usable = self.logic(
            Connective::And,
            self.logic(Connective::And, moved, inside)?,
            self.finite(candidate, format)?,
        )?;
        Ok(BlockStep {
            lanes: self.logic(Connective::And, failing, usable)?,
            earlier,
            candidate,
        })
    }

    /// The block pass's second descent, for the lanes of `stepping` (when there are any),
    /// as the row-by-row pass's `retry`: a lane keeps the first descent's values up to the
    /// level it steps back to, takes its candidate there, and takes each later level again
    /// from the rows' values as they came. Returns the lanes that complete it (a second
    /// failure is left to the second phase, as the row-by-row pass leaves it to the
    /// runtime) and the values of the columns it wrote (the others keep the first
    /// descent's).
    fn emit_block_retry(
        &self,
        format: FloatFormat,
        stepping: BasicValueEnum<'ctx>,
        steps: &[BlockStep<'ctx>],
        widened: &[Option<BasicValueEnum<'ctx>>],
        first_descent: &[Option<BasicValueEnum<'ctx>>],
    ) -> Emitted<(BasicValueEnum<'ctx>, Vec<(usize, BasicValueEnum<'ctx>)>)> {
        let builder = &self.builder;
        let before = builder.get_insert_block().expect("positioned");
        let function = before.get_parent().expect("in a function");
        let retry = self.context.append_basic_block(function, "block_retry");
        let retried = self.context.append_basic_block(function, "block_retried");
        builder.build_conditional_branch(self.any_lane(stepping)?, retry, retried)?;
        builder.position_at_end(retry);
        let start = steps
            .iter()
            .map(|step| step.earlier)
            .min()
            .expect("a step back");
        let mut values = first_descent.to_vec();
        let mut rewritten = Vec::new();
        let mut ok = stepping;
        for index in start..self.plan.levels.len() {
            let level = &self.plan.levels[index];
            if level.clauses.is_empty() {
                continue;
            }
            // The lanes that step back to an earlier level take this one again.
            let again = self.fold_logic(
                Connective::Or,
                steps
                    .iter()
                    .filter(|step| step.earlier < index)
                    .map(|step| Ok(step.lanes)),
            )?;
            let read = |column: usize| block_value(&values, column);
            if !self.single_bounds(index) {
                if let (Some(again), Some(hold)) = (
                    again,
                    self.clauses_hold(Shape::Block, &level.clauses, &read)?,
                ) {
                    let failed = self.and_not(again, hold)?;
                    ok = self.and_not(ok, failed)?;
                }
                continue;
            }
            let column = level.column;
            let mut value = block_value(first_descent, column)?;
            if let Some(again) = again {
                let target = block_value(widened, column)?;
                let mut fine = again;
                let interval = self.block_interval(index, format, &mut fine, target, &read)?;
                fine = self.logic(Connective::And, fine, interval.nonempty)?;
                let failed = self.and_not(again, fine)?;
                ok = self.and_not(ok, failed)?;
                value = self.select(again, self.clamp(&interval)?, value)?;
            }
            for step in steps.iter().filter(|step| step.earlier == index) {
                value = self.select(step.lanes, step.candidate, value)?;
            }
            values[column] = Some(value);
            rewritten.push(column);
        }
        // The lanes merged as bytes: a constant vector of truth values (none completed, on
        // the way around the retry) is what LLVM 14's Hexagon back end cannot select.
        let bytes = self.i8_type.vec_type(BLOCK_ROWS);
        let completed = builder.build_int_s_extend(ok.into_vector_value(), bytes, "retried")?;
        let end = builder.get_insert_block().expect("positioned");
        builder.build_unconditional_branch(retried)?;
        builder.position_at_end(retried);
        let merged = builder.build_phi(bytes, "retried_lanes")?;
        merged.add_incoming(&[(&completed, end), (&bytes.const_zero(), before)]);
        let mut merged_values = Vec::with_capacity(rewritten.len());
        for column in rewritten {
            let value = block_value(&values, column)?;
            let phi = builder.build_phi(value.get_type(), "retried_value")?;
            let untouched = block_value(first_descent, column)?;
            phi.add_incoming(&[(&value, end), (&untouched, before)]);
            merged_values.push((column, phi.as_basic_value()));
        }
        // After the phis, which LLVM wants first in their block.
        let merged_lanes = self.integer_compare(
            IntPredicate::NE,
            merged.as_basic_value(),
            bytes.const_zero().into(),
        )?;
        Ok((merged_lanes, merged_values))
    }

    /// A single-bound literal's boundary in `column` for a block of rows, as
    /// `single_bound_boundary` finds it without the runtime: `(boundary, where it is known)`,
    /// the second `None` when it is known in every lane. On f32 rows the longer residual is
    /// tracked exactly only when some lane of `ok` needs it; f64 rows confirm the rounded
    /// real bound at two floats (`confirmed_boundary`).
    fn block_boundary(
        &self,
        index: usize,
        column: usize,
        lower: bool,
        format: FloatFormat,
        ok: BasicValueEnum<'ctx>,
        values: &dyn Fn(usize) -> Emitted<BasicValueEnum<'ctx>>,
    ) -> Emitted<KnownBoundary<'ctx>> {
        let literal = &self.plan.literals[index];
        if let Some(found) =
            self.shortcut_boundary(Shape::Block, literal, column, lower, format, values)?
        {
            return Ok(found);
        }
        if format == FloatFormat::F64 {
            let residual = self.residual(Shape::Block, literal, column, false, None, values)?;
            let (boundary, known) =
                self.confirmed_boundary(literal, column, lower, format, values, &residual)?;
            return Ok((boundary, Some(known)));
        }
        let residual = self.block_residual(literal, column, values)?;
        let (bracketed, settled) = self.bracketed_boundary(literal, lower, format, &residual)?;
        if residual.summed || !self.exactly_trackable(literal, column, EXACT_TERMS) {
            return Ok((bracketed, Some(settled)));
        }
        let builder = &self.builder;
        let before = builder.get_insert_block().expect("positioned");
        let function = before.get_parent().expect("in a function");
        let track = self.context.append_basic_block(function, "block_track");
        let joined = self.context.append_basic_block(function, "block_tracked");
        let open = self.and_not(ok, settled)?;
        builder.build_conditional_branch(self.any_lane(open)?, track, joined)?;
        builder.position_at_end(track);
        let long = self.residual(
            Shape::Block,
            literal,
            column,
            false,
            Some(EXACT_TERMS),
            values,
        )?;
        let exact = long.exact.expect("trackable");
        let (at_bound, known) =
            self.exact_boundary(literal, lower, format, long.rest, long.own, exact)?;
        let tracked = self.select(settled, bracketed, at_bound)?;
        let tracked_known = self.logic(Connective::Or, settled, known)?;
        let track_end = builder.get_insert_block().expect("positioned");
        builder.build_unconditional_branch(joined)?;
        builder.position_at_end(joined);
        let boundary = builder.build_phi(bracketed.get_type(), "boundary")?;
        boundary.add_incoming(&[(&bracketed, before), (&tracked, track_end)]);
        let known = builder.build_phi(settled.get_type(), "known")?;
        known.add_incoming(&[(&settled, before), (&tracked_known, track_end)]);
        Ok((boundary.as_basic_value(), Some(known.as_basic_value())))
    }

    /// `i64 reqc_correct_<format>(T *rows, i64 n_rows, i8 *status)`: corrects rows in place,
    /// writes a status per row when `status` is not null, returns the number of undecided rows.
    fn emit_kernel(&self, format: FloatFormat) -> Emitted<()> {
        let fast_greedy = self.emit_fast_greedy(format)?;
        let element_type = match format {
            FloatFormat::F32 => self.context.f32_type(),
            FloatFormat::F64 => self.f64_type,
        };
        let byte_pointer = self.i8_type.ptr_type(AddressSpace::default());
        let row_pointer = element_type.ptr_type(AddressSpace::default());
        let copy_type = self.i64_type.fn_type(
            &[
                row_pointer.into(),
                row_pointer.into(),
                self.i64_type.into(),
                byte_pointer.into(),
            ],
            false,
        );
        // One body for both kernels: a copy made as the rows are corrected (a block at a
        // time, which the block test then reads back from the store buffer) costs less than
        // a copy of the whole buffer first, which the kernel then reads again from a slower
        // cache (the Python package's `correct` without `out`).
        let function = self.module.add_function(
            &copy_kernel_name(format),
            copy_type,
            Some(Linkage::External),
        );
        // The kernel in place only calls it: inlined there, its code would be compiled twice.
        let noinline = inkwell::attributes::Attribute::get_named_enum_kind_id("noinline");
        function.add_attribute(
            inkwell::attributes::AttributeLoc::Function,
            self.context.create_enum_attribute(noinline, 0),
        );
        let source = function
            .get_nth_param(0)
            .expect("source")
            .into_pointer_value();
        let rows = function
            .get_nth_param(1)
            .expect("rows")
            .into_pointer_value();
        let count_rows = function.get_nth_param(2).expect("n_rows").into_int_value();
        let status = function
            .get_nth_param(3)
            .expect("status")
            .into_pointer_value();
        let context = self.context;
        let builder = &self.builder;
        let blocks = RowBlocks {
            context,
            builder,
            element: element_type,
            element_bytes: match format {
                FloatFormat::F32 => 4,
                FloatFormat::F64 => 8,
            },
            columns: self.plan.columns,
        };
        let block = |label: &str| context.append_basic_block(function, label);
        let entry = block("entry");
        let chunk_head = block("chunk_head");
        let chunk_body = block("chunk_body");
        let group_head = block("group_head");
        let group_flags = block("group_flags");
        let group_cleared = block("group_cleared");
        let group_status = block("group_status");
        let group_rows = block("group_rows");
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
        let block_rows = self.int(i64::from(BLOCK_ROWS));
        // A block's flags or statuses, a byte per row.
        let bytes = self.i8_type.vec_type(BLOCK_ROWS);

        builder.position_at_end(entry);
        let scratch = builder.build_array_alloca(
            self.f64_type,
            self.int(self.plan.columns.max(1) as i64),
            "scratch",
        )?;
        // The row as it came, widened, beside the greedy pass's values, for a resumed search
        // of f32 rows (f64 rows are read where they are: they change only when written back).
        let unchanged = match (fast_greedy, format) {
            (Some(_), FloatFormat::F32) => Some(builder.build_array_alloca(
                self.f64_type,
                self.int(self.plan.columns.max(1) as i64),
                "unchanged",
            )?),
            _ => None,
        };
        // A flag per row of a chunk, and a block's more for the block test's tail.
        let flags = builder.build_array_alloca(
            self.i8_type,
            self.int(CHUNK_ROWS as i64 + i64::from(BLOCK_ROWS)),
            "flags",
        )?;
        let no_status = builder.build_is_null(status, "no_status")?;
        let copying = self.int_compare(
            IntPredicate::NE,
            builder.build_ptr_to_int(source, self.i64_type, "source_address")?,
            builder.build_ptr_to_int(rows, self.i64_type, "rows_address")?,
        )?;
        let copy = |from: IntValue<'ctx>, to: IntValue<'ctx>| {
            self.emit_copy_rows(&blocks, (source, rows), copying, (from, to))
        };
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
        // Phase one: the fast test of every row of the chunk: the runtime's, row by row, for
        // shields too large to unroll; else unrolled, BLOCK_ROWS rows at a time. The few rows
        // after the last whole block (only at the end of the buffer: a chunk is whole blocks)
        // are left to phase two, which leaves a row that meets every requirement as it is, so
        // the kernel needs no second, row-by-row test.
        let phase_one_end = if let Some(fast_test) = self.fast_test {
            let fast_loop = block("fast_loop");
            builder.build_unconditional_branch(fast_loop)?;
            builder.position_at_end(fast_loop);
            let fast_phi = builder.build_phi(self.i64_type, "i")?;
            let i = fast_phi.as_basic_value().into_int_value();
            let row_index = builder.build_int_add(base, i, "row_index")?;
            copy(
                row_index,
                builder.build_int_add(row_index, self.int(1), "after_row")?,
            )?;
            let offset = builder.build_int_mul(row_index, columns, "offset")?;
            let row = self.element(rows, offset)?;
            let widened = match format {
                FloatFormat::F64 => row,
                FloatFormat::F32 => {
                    self.column_loop(self.boolean(true), &|column, accumulator| {
                        let value = self.load_widened(row, column, format)?;
                        builder.build_store(self.element(scratch, column)?, value)?;
                        Ok(accumulator)
                    })?;
                    scratch
                }
            };
            let (integers, reals) = self.table_pointers()?;
            let answer = self
                .call(fast_test, &[integers.into(), reals.into(), widened.into()])?
                .into_int_value();
            let fine = self.int_compare(
                IntPredicate::NE,
                answer,
                self.context.i32_type().const_zero(),
            )?;
            let flag = builder.build_int_z_extend(fine, self.i8_type, "flag")?;
            builder.build_store(self.element(flags, i)?, flag)?;
            let next_i = builder.build_int_add(i, self.int(1), "next_i")?;
            let again = self.int_compare(IntPredicate::ULT, next_i, length)?;
            let fast_latch = builder.get_insert_block().expect("positioned");
            builder.build_conditional_branch(again, fast_loop, group_head)?;
            fast_phi.add_incoming(&[(&self.int(0), chunk_body), (&next_i, fast_latch)]);
            fast_latch
        } else {
            let block_loop = block("block_loop");
            let blocks_done = block("blocks_done");
            let whole = builder.build_and(length, self.int(-i64::from(BLOCK_ROWS)), "whole")?;
            let some = self.int_compare(IntPredicate::NE, whole, self.int(0))?;
            builder.build_conditional_branch(some, block_loop, blocks_done)?;
            builder.position_at_end(block_loop);
            let block_phi = builder.build_phi(self.i64_type, "block")?;
            let testing_phi = builder.build_phi(self.context.bool_type(), "testing")?;
            let at = block_phi.as_basic_value().into_int_value();
            let first = builder.build_int_add(base, at, "first")?;
            copy(
                first,
                builder.build_int_add(first, block_rows, "after_block")?,
            )?;
            // A chunk's first block is tested; each later one as its block test decides.
            let next_testing = self.emit_block_test(
                (source, rows),
                first,
                format,
                self.element(flags, at)?,
                testing_phi.as_basic_value().into_int_value(),
            )?;
            let next_block = builder.build_int_add(at, block_rows, "next_block")?;
            let again = self.int_compare(IntPredicate::ULT, next_block, whole)?;
            let block_latch = builder.get_insert_block().expect("positioned");
            builder.build_conditional_branch(again, block_loop, blocks_done)?;
            block_phi.add_incoming(&[(&self.int(0), chunk_body), (&next_block, block_latch)]);
            testing_phi.add_incoming(&[
                (&self.boolean(true), chunk_body),
                (&next_testing, block_latch),
            ]);
            builder.position_at_end(blocks_done);
            copy(
                builder.build_int_add(base, whole, "tail")?,
                builder.build_int_add(base, length, "end")?,
            )?;
            // The rows after the last whole block are not cleared (the flags have room).
            let address = builder.build_pointer_cast(
                self.element(flags, whole)?,
                bytes.ptr_type(AddressSpace::default()),
                "tail_flags",
            )?;
            self.byte_aligned(builder.build_store(address, bytes.const_zero())?)?;
            let tail_done = builder.get_insert_block().expect("positioned");
            builder.build_unconditional_branch(group_head)?;
            tail_done
        };

        // Phase two: the rows the fast test did not clear, one at a time, in groups of
        // BLOCK_ROWS rows: a group whose every row phase one cleared takes its statuses
        // from its flags at once, on a vector (row by row, the statuses of heloc's rows
        // were a tenth of its kernel).
        builder.position_at_end(group_head);
        let group_phi = builder.build_phi(self.i64_type, "group")?;
        let group_count_phi = builder.build_phi(self.i64_type, "undecided")?;
        let group = group_phi.as_basic_value().into_int_value();
        let group_count = group_count_phi.as_basic_value().into_int_value();
        let some_rows = self.int_compare(IntPredicate::ULT, group, length)?;
        builder.build_conditional_branch(some_rows, group_flags, chunk_tail)?;

        builder.position_at_end(group_flags);
        let after_group = builder.build_int_add(group, block_rows, "after_group")?;
        let whole_group = self.int_compare(IntPredicate::ULE, after_group, length)?;
        let group_end = self.select_int(whole_group, after_group, length)?;
        let group_flags_address = builder.build_pointer_cast(
            self.element(flags, group)?,
            bytes.ptr_type(AddressSpace::default()),
            "group_flags",
        )?;
        // The flags have room for a whole group past the chunk's last row.
        let group_flag_bytes = builder.build_load(group_flags_address, "group_flag_bytes")?;
        self.byte_aligned(group_flag_bytes.as_instruction_value().expect("a load"))?;
        let group_flag_bytes = group_flag_bytes.into_vector_value();
        let cleared_lanes = builder.build_int_compare(
            IntPredicate::NE,
            group_flag_bytes,
            bytes.const_zero(),
            "cleared_lanes",
        )?;
        // A select, not an `and`: the flags past the chunk's last row may never have been
        // written, and only a whole group's are read.
        let all_cleared = self.select_int(
            whole_group,
            self.every_lane(cleared_lanes.into())?,
            self.boolean(false),
        )?;
        builder.build_conditional_branch(all_cleared, group_cleared, group_rows)?;

        builder.position_at_end(group_cleared);
        builder.build_conditional_branch(no_status, group_head, group_status)?;

        builder.position_at_end(group_status);
        let splat =
            |value: u8| VectorType::const_vector(&vec![self.byte(value); BLOCK_ROWS as usize]);
        let corrected_lanes = builder.build_int_compare(
            IntPredicate::EQ,
            group_flag_bytes,
            splat(FLAG_CORRECTED),
            "corrected_lanes",
        )?;
        let statuses = builder.build_select(
            corrected_lanes,
            splat(STATUS_CORRECTED),
            splat(STATUS_UNCHANGED),
            "statuses",
        )?;
        let group_row = builder.build_int_add(base, group, "group_row")?;
        let status_address = builder.build_pointer_cast(
            self.element(status, group_row)?,
            bytes.ptr_type(AddressSpace::default()),
            "group_status",
        )?;
        self.byte_aligned(builder.build_store(status_address, statuses)?)?;
        builder.build_unconditional_branch(group_head)?;

        builder.position_at_end(group_rows);
        builder.build_unconditional_branch(slow_head)?;

        builder.position_at_end(slow_head);
        let slow_phi = builder.build_phi(self.i64_type, "j")?;
        let slow_count_phi = builder.build_phi(self.i64_type, "undecided")?;
        let j = slow_phi.as_basic_value().into_int_value();
        let slow_count = slow_count_phi.as_basic_value().into_int_value();
        let flag = builder
            .build_load(self.element(flags, j)?, "flag")?
            .into_int_value();
        let cleared = self.int_compare(IntPredicate::NE, flag, self.byte(0))?;
        // A row the first phase cleared was corrected there or is unchanged.
        let corrected = self.int_compare(IntPredicate::EQ, flag, self.byte(FLAG_CORRECTED))?;
        let cleared_status = self.select_int(
            corrected,
            self.byte(STATUS_CORRECTED),
            self.byte(STATUS_UNCHANGED),
        )?;
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
        // The straight-line greedy pass first; the runtime when it cannot complete the row:
        // the search resumed where the pass found a level without a float, or from the
        // start on a fresh copy (the pass may have moved some values before it stopped).
        let single = self
            .context
            .i32_type()
            .const_int(u64::from(format == FloatFormat::F32), false);
        let (integers, reals) = self.table_pointers()?;
        let (fast_completed, resumed) = match (fast_greedy, self.resume) {
            (Some(fast_greedy), Some(resume)) => {
                let outcome = self.call(fast_greedy, &[scratch.into()])?.into_int_value();
                let completed =
                    self.int_compare(IntPredicate::EQ, outcome, self.int(GREEDY_COMPLETED))?;
                let fast_completed = builder.get_insert_block().expect("positioned");
                let not_completed = block("not_completed");
                builder.build_conditional_branch(completed, write_back, not_completed)?;
                builder.position_at_end(not_completed);
                let resumable = self.int_compare(IntPredicate::SGE, outcome, self.int(0))?;
                let resume_row = block("resume_row");
                let copy_again = block("copy_again");
                builder.build_conditional_branch(resumable, resume_row, copy_again)?;

                builder.position_at_end(resume_row);
                let unchanged = match unchanged {
                    Some(unchanged) => {
                        self.column_loop(self.boolean(true), &|column, accumulator| {
                            let value = self.load_widened(row, column, format)?;
                            builder.build_store(self.element(unchanged, column)?, value)?;
                            Ok(accumulator)
                        })?;
                        unchanged
                    }
                    None => row,
                };
                let resumed = self
                    .call(
                        resume,
                        &[
                            integers.into(),
                            reals.into(),
                            scratch.into(),
                            unchanged.into(),
                            single.into(),
                            outcome.into(),
                        ],
                    )?
                    .into_int_value();
                let resumed_block = builder.get_insert_block().expect("positioned");

                builder.position_at_end(copy_again);
                self.column_loop(self.boolean(true), &|column, accumulator| {
                    let value = self.load_widened(row, column, format)?;
                    builder.build_store(self.element(scratch, column)?, value)?;
                    Ok(accumulator)
                })?;
                let runtime_row = block("runtime_row");
                builder.build_unconditional_branch(runtime_row)?;
                builder.position_at_end(runtime_row);
                (Some(fast_completed), Some((resumed, resumed_block)))
            }
            _ => (None, None),
        };
        let outcome = self
            .call(
                self.runtime,
                &[integers.into(), reals.into(), scratch.into(), single.into()],
            )?
            .into_int_value();
        let outcome = match resumed {
            Some((resumed, resumed_block)) => {
                let started = builder.get_insert_block().expect("positioned");
                let merged = block("runtime_outcome");
                builder.build_unconditional_branch(merged)?;
                builder.position_at_end(resumed_block);
                builder.build_unconditional_branch(merged)?;
                builder.position_at_end(merged);
                let phi = builder.build_phi(self.i8_type, "outcome")?;
                phi.add_incoming(&[(&outcome, started), (&resumed, resumed_block)]);
                phi.as_basic_value().into_int_value()
            }
            None => outcome,
        };
        // Completed rows (exactly or inexactly) are written back; the others stay as they were.
        let exact = self.int_compare(IntPredicate::EQ, outcome, self.byte(STATUS_UNCHANGED))?;
        let inexact = self.int_compare(IntPredicate::EQ, outcome, self.byte(STATUS_INEXACT))?;
        let completed = self.or(exact, inexact)?;
        let runtime_done = builder.get_insert_block().expect("positioned");
        builder.build_conditional_branch(completed, write_back, slow_next)?;

        builder.position_at_end(write_back);
        let inexact = match fast_completed {
            Some(fast_completed) => {
                let phi = builder.build_phi(self.context.bool_type(), "inexact")?;
                phi.add_incoming(&[
                    (&inexact, runtime_done),
                    (&self.boolean(false), fast_completed),
                ]);
                phi.as_basic_value().into_int_value()
            }
            None => inexact,
        };
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
        let written = self.select_int(inexact, self.byte(STATUS_INEXACT), written)?;
        let written_block = builder.get_insert_block().expect("positioned");
        builder.build_unconditional_branch(slow_next)?;

        builder.position_at_end(slow_next);
        let row_status = builder.build_phi(self.i8_type, "row_status")?;
        row_status.add_incoming(&[
            (&cleared_status, slow_head),
            (&self.byte(STATUS_NON_FINITE), copied),
            (&outcome, runtime_done),
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
        let again = self.int_compare(IntPredicate::ULT, next_j, group_end)?;
        builder.build_conditional_branch(again, slow_head, group_head)?;
        slow_phi.add_incoming(&[(&group, group_rows), (&next_j, after_status)]);
        slow_count_phi.add_incoming(&[(&group_count, group_rows), (&next_count, after_status)]);
        group_phi.add_incoming(&[
            (&self.int(0), phase_one_end),
            (&after_group, group_cleared),
            (&after_group, group_status),
            (&group_end, after_status),
        ]);
        group_count_phi.add_incoming(&[
            (&count, phase_one_end),
            (&group_count, group_cleared),
            (&group_count, group_status),
            (&next_count, after_status),
        ]);

        builder.position_at_end(chunk_tail);
        let next_base = builder.build_int_add(base, length, "next_base")?;
        builder.build_unconditional_branch(chunk_head)?;
        base_phi.add_incoming(&[(&self.int(0), entry), (&next_base, chunk_tail)]);
        count_phi.add_incoming(&[(&self.int(0), entry), (&group_count, chunk_tail)]);

        builder.position_at_end(exit);
        builder.build_return(Some(&count))?;

        let in_place = self.module.add_function(
            &kernel_name(format),
            self.i64_type.fn_type(
                &[
                    row_pointer.into(),
                    self.i64_type.into(),
                    byte_pointer.into(),
                ],
                false,
            ),
            Some(Linkage::External),
        );
        builder.position_at_end(context.append_basic_block(in_place, "entry"));
        let parameter = |index: u32| in_place.get_nth_param(index).expect("a parameter");
        let undecided = self.call(
            function,
            &[parameter(0), parameter(0), parameter(1), parameter(2)],
        )?;
        builder.build_return(Some(&undecided))?;
        Ok(())
    }

    /// Copies rows `from..to` of `source` to `rows` when `copying` (the kernel was given a
    /// separate source), a row at a time.
    fn emit_copy_rows(
        &self,
        blocks: &RowBlocks<'_, 'ctx>,
        (source, rows): (PointerValue<'ctx>, PointerValue<'ctx>),
        copying: IntValue<'ctx>,
        (from, to): (IntValue<'ctx>, IntValue<'ctx>),
    ) -> Emitted<()> {
        let builder = &self.builder;
        let before = builder.get_insert_block().expect("positioned");
        let function = before.get_parent().expect("in a function");
        let copy_loop = self.context.append_basic_block(function, "copy_rows");
        let copied = self.context.append_basic_block(function, "copied_rows");
        let some = self.and(copying, self.int_compare(IntPredicate::ULT, from, to)?)?;
        builder.build_conditional_branch(some, copy_loop, copied)?;
        builder.position_at_end(copy_loop);
        let row_phi = builder.build_phi(self.i64_type, "copied_row")?;
        let row = row_phi.as_basic_value().into_int_value();
        blocks.copy_row((source, rows), row, BLOCK_ROWS)?;
        let next = builder.build_int_add(row, self.int(1), "next_copied_row")?;
        let again = self.int_compare(IntPredicate::ULT, next, to)?;
        let latch = builder.get_insert_block().expect("positioned");
        builder.build_conditional_branch(again, copy_loop, copied)?;
        row_phi.add_incoming(&[(&from, before), (&next, latch)]);
        builder.position_at_end(copied);
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

#[cfg(test)]
mod tests {
    use super::{exponent_of, two_adic_valuation};

    /// The grid certificate's constants (`grid_exact`): the power of 2 dividing a number
    /// and its exponent, on integers, fractions, negatives and the extremes of f64.
    #[test]
    fn valuations_and_exponents_of_numbers() {
        let cases = [
            (1.0, 0, 0),
            (3.0, 0, 1),
            (4.0, 2, 2),
            (-12.0, 2, 3),
            (268435457.0, 0, 28),
            (0.75, -2, -1),
            (2f64.powi(600), 600, 600),
            (f64::MAX, 971, 1023),
            (f64::MIN_POSITIVE, -1022, -1022),
            (f64::from_bits(1), -1074, -1074),
            (f64::from_bits(6), -1073, -1072),
        ];
        for (number, valuation, exponent) in cases {
            assert_eq!(two_adic_valuation(number), valuation, "v({number:e})");
            assert_eq!(exponent_of(number), exponent, "E({number:e})");
        }
    }
}
