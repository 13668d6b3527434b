//! Compiled shield kernels: the elimination result lowered to LLVM IR, run by a JIT or written as a library.
//!
//! Invariants: the only module that imports inkwell; `unsafe` appears only
//! where JIT code is called (each with a `// Safety:` comment) and where inkwell
//! marks IR construction unsafe (`getelementptr`, in `lower::element`). A kernel
//! corrects exactly as the interpreter does, bit for bit, or marks the row
//! *undecided* and leaves it as it was; the JIT engine then corrects that row with
//! the interpreter, and the C library reports it in its status output.

mod aot;
pub mod engine;
mod jit;
pub mod lower;

pub use aot::{header, write_artifact, Artifact, TargetOptions};
pub use jit::{with_kernels, BackgroundKernels, Kernels};
pub use lower::{
    STATUS_CORRECTED, STATUS_IMPOSSIBLE, STATUS_NON_FINITE, STATUS_UNCHANGED, STATUS_UNDECIDED,
};

use crate::number::FloatFormat;
use crate::shield::Shield;
use inkwell::context::Context;
use inkwell::module::Module;
use std::fmt;

/// The version string the libraries export (`reqc_version`).
pub const VERSION: &str = concat!("reqc ", env!("CARGO_PKG_VERSION"), "; kernel ABI 1");

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
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in text.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// The LLVM IR of a shield's kernels, unoptimised, as text; verified after it is written
/// into the text so that invalid IR can still be inspected (the error carries it too).
pub fn llvm_ir(shield: &Shield) -> Result<String, CodegenError> {
    let context = Context::create();
    let module = build(&context, shield, &BOTH_FORMATS)?;
    let text = module.print_to_string().to_string();
    verify(&module, Some(&text))?;
    Ok(text)
}

/// Both kernels: what libraries and their intermediate forms hold.
const BOTH_FORMATS: [FloatFormat; 2] = [FloatFormat::F32, FloatFormat::F64];

/// Lowers a shield's kernels for `formats` into a module of `context`, without verifying it.
fn build<'ctx>(
    context: &'ctx Context,
    shield: &Shield,
    formats: &[FloatFormat],
) -> Result<Module<'ctx>, CodegenError> {
    lower::lower(
        context,
        shield,
        formats,
        "reqc_shield",
        requirements_hash(shield),
        VERSION,
    )
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
