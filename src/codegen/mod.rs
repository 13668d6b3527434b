//! Compiled shield kernels: the elimination result lowered to LLVM IR, run by a JIT or written as a library.
//!
//! Invariants: the only module that imports inkwell; `unsafe` appears only
//! where JIT code is called (each with a `// Safety:` comment) and where inkwell
//! marks IR construction unsafe (`getelementptr`, in `lower::element` and
//! `blocks::element`). A kernel
//! corrects exactly as the interpreter does, bit for bit, or (rarely: only where big
//! rationals are needed) marks the row *undecided* and leaves it as it was; the JIT
//! engine then corrects that row with the interpreter, and the C library reports it
//! in its status output. The slow path is `runtime.c`, compiled by `build.rs` to
//! bitcode and linked into every module.

mod aot;
mod blocks;
mod cache;
pub mod engine;
mod jit;
pub mod lower;
pub mod propositional;
mod tables;

pub use aot::{artifact_bytes, header, Artifact, TargetOptions, SUPPORTED_TARGETS};
pub use cache::KernelCache;
pub use jit::{with_kernels, BackgroundKernels, Kernels, Optimisation};
pub use lower::{
    STATUS_CORRECTED, STATUS_IMPOSSIBLE, STATUS_INEXACT, STATUS_NON_FINITE, STATUS_UNCHANGED,
    STATUS_UNDECIDED,
};

use crate::number::FloatFormat;
use crate::shield::Shield;
use inkwell::attributes::AttributeLoc;
use inkwell::context::Context;
use inkwell::memory_buffer::MemoryBuffer;
use inkwell::module::{Linkage, Module};
use std::fmt;

/// The version string the libraries export (`reqc_version`).
pub const VERSION: &str = concat!("reqc ", env!("CARGO_PKG_VERSION"), "; kernel ABI 2");

/// A failure to build, verify, optimise, emit or link a kernel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodegenError {
    pub message: String,
}

impl CodegenError {
    pub fn new(message: impl Into<String>) -> CodegenError {
        CodegenError {
            message: message.into(),
        }
    }
}

impl fmt::Display for CodegenError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.message)
    }
}

impl std::error::Error for CodegenError {}

impl From<inkwell::builder::BuilderError> for CodegenError {
    fn from(error: inkwell::builder::BuilderError) -> CodegenError {
        CodegenError::new(format!("building LLVM IR failed: {error}"))
    }
}

/// A hash of the shield (FNV-1a, 64 bits) over its canonical text: columns, ordering and
/// every clause with exact rational coefficients, so a library can be matched to its file.
pub fn requirements_hash(shield: &Shield) -> u64 {
    let name = |column: usize| format!("y_{column}");
    let mut text = format!("columns {}\nordering", shield.columns);
    for column in &shield.ordering {
        text.push_str(&format!(" {column}"));
    }
    text.push('\n');
    let mut clause_text = |label: &str, literals: &[crate::linear::Inequality]| {
        let rendered: Vec<String> = literals
            .iter()
            .map(|literal| literal.render(&name))
            .collect();
        text.push_str(&format!("{label}: {}\n", rendered.join(" or ")));
    };
    for level in &shield.levels {
        for clause in &level.clauses {
            clause_text(&format!("level {}", level.column), &clause.literals);
        }
    }
    for clause in &shield.input_clauses {
        clause_text("input", &clause.literals);
    }
    fnv1a(text.as_bytes())
}

/// FNV-1a, 64 bits: identifies texts (a library's requirements, a cache entry's key), not
/// a defence against deliberate collisions.
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The LLVM IR of a shield's kernels with the runtime linked in (self-contained), as text;
/// the kernels are unoptimised. Verified after it is written into the text so that invalid
/// IR can still be inspected (the error carries it too).
pub fn llvm_ir(shield: &Shield) -> Result<String, CodegenError> {
    let context = Context::create();
    let module = build(&context, shield, &BOTH_FORMATS)?;
    let text = module.print_to_string().to_string();
    verify(&module, Some(&text))?;
    Ok(text)
}

/// The IR that the lowering itself writes for a shield (both kernels, the tables and the
/// metadata, with the runtime only declared): what the snapshot tests pin down, free of
/// the runtime's clang-compiled body.
pub fn lowered_ir(shield: &Shield) -> Result<String, CodegenError> {
    let context = Context::create();
    let module = lower_only(&context, shield, &BOTH_FORMATS, true)?;
    let text = module.print_to_string().to_string();
    verify(&module, Some(&text))?;
    Ok(text)
}

/// Both kernels: what libraries and their intermediate forms hold.
const BOTH_FORMATS: [FloatFormat; 2] = [FloatFormat::F32, FloatFormat::F64];

/// Lowers a shield's kernels for `formats` into a module of `context` and links the
/// runtime in, without verifying the result.
fn build<'ctx>(
    context: &'ctx Context,
    shield: &Shield,
    formats: &[FloatFormat],
) -> Result<Module<'ctx>, CodegenError> {
    let module = lower_only(context, shield, formats, true)?;
    link_runtime(context, &module)?;
    Ok(module)
}

/// Lowers a shield's kernels for `formats`, the runtime only declared (the JIT maps it to
/// the native runtime linked into reqc). `greedy_on_blocks`: whether the kernels run
/// the greedy pass on blocks of rows too (`lower::lower`), which adds up to a quarter to
/// the code generator's time and corrects violating rows faster: every kernel but those
/// of `Optimisation::RowByRow` has it.
fn lower_only<'ctx>(
    context: &'ctx Context,
    shield: &Shield,
    formats: &[FloatFormat],
    greedy_on_blocks: bool,
) -> Result<Module<'ctx>, CodegenError> {
    lower::lower(
        context,
        shield,
        formats,
        greedy_on_blocks,
        "reqc_shield",
        requirements_hash(shield),
        VERSION,
    )
}

/// The shield runtime (`runtime.c`) as LLVM 14 bitcode, compiled by `build.rs` with clang-14.
static RUNTIME_BITCODE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/runtime.bc"));

/// Links the runtime into a kernel module and makes it internal: libraries export only
/// the documented symbols, and LLVM may inline or specialise the runtime's entry.
fn link_runtime<'ctx>(context: &'ctx Context, module: &Module<'ctx>) -> Result<(), CodegenError> {
    let buffer = MemoryBuffer::create_from_memory_range(RUNTIME_BITCODE, "reqc_runtime");
    let runtime = Module::parse_bitcode_from_buffer(&buffer, context).map_err(|message| {
        CodegenError::new(format!(
            "cannot read the shield runtime's bitcode: {}",
            message.to_string()
        ))
    })?;
    // The kernels are compiled for the target the caller chooses later, not clang's.
    runtime.set_triple(&module.get_triple());
    runtime.set_data_layout(&module.get_data_layout());
    module.link_in_module(runtime).map_err(|message| {
        CodegenError::new(format!(
            "cannot link the shield runtime: {}",
            message.to_string()
        ))
    })?;
    for name in [
        lower::RUNTIME_ENTRY,
        lower::RUNTIME_RESUME,
        lower::RUNTIME_BOUNDARY,
        lower::RUNTIME_FAST_TEST,
    ] {
        let entry = module
            .get_function(name)
            .filter(|function| function.count_basic_blocks() > 0)
            .ok_or_else(|| {
                CodegenError::new(format!("the shield runtime does not define `{name}`"))
            })?;
        entry.set_linkage(Linkage::Internal);
    }
    // clang pinned its own CPU on every function; the target machine chosen later
    // (`--cpu`, `--target`) must decide for the runtime as for the kernels.
    for function in module.get_functions() {
        for name in ["target-cpu", "target-features", "tune-cpu"] {
            if function
                .get_string_attribute(AttributeLoc::Function, name)
                .is_some()
            {
                function.remove_string_attribute(AttributeLoc::Function, name);
            }
        }
    }
    Ok(())
}

/// Runs LLVM's verifier; on failure the error quotes the verifier and, when given, where the IR was.
fn verify(module: &Module<'_>, text: Option<&str>) -> Result<(), CodegenError> {
    module.verify().map_err(|message| {
        let mut error = format!("the generated LLVM IR is invalid: {}", message.to_string());
        if let Some(text) = text {
            error.push_str(&format!("\n--- IR ---\n{text}"));
        }
        CodegenError::new(error)
    })
}
