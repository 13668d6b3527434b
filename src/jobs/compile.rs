//! The compile job behind `reqc compile`: the requirements as SMT-LIB, the shield's levels,
//! or the shield's compiled kernels (LLVM IR, assembly, objects, C libraries and headers).

use super::{build_shield, CheckedFile, Failure, ShieldOptions};
use std::path::Path;

/// What to emit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Emit {
    /// The elimination result per variable, readable.
    Sets,
    /// The elimination result per variable, as JSON.
    SetsJson,
    /// SMT-LIB 2: one named assertion per requirement, exact rationals.
    Smt2,
    /// The shield kernels as LLVM IR (unoptimised).
    LlvmIr,
    /// The shield kernels as assembly.
    Assembly,
    /// The shield kernels as an object file.
    Object,
    /// A shared library exporting the kernels (C ABI).
    Library,
    /// The C header documenting the library's ABI.
    Header,
}

impl Emit {
    /// The name `--emit` takes.
    pub fn name(self) -> &'static str {
        match self {
            Emit::Sets => "sets",
            Emit::SetsJson => "sets-json",
            Emit::Smt2 => "smt2",
            Emit::LlvmIr => "llvm-ir",
            Emit::Assembly => "asm",
            Emit::Object => "obj",
            Emit::Library => "lib",
            Emit::Header => "header",
        }
    }

    /// Whether the output is binary, so it cannot go to a terminal.
    pub fn is_binary(self) -> bool {
        matches!(self, Emit::Object | Emit::Library)
    }
}

/// The options of a compilation.
#[derive(Clone, Debug)]
pub struct CompileOptions {
    pub emit: Emit,
    pub shield: ShieldOptions,
    /// The CPU name (`generic`, `native` or an LLVM CPU) for machine code.
    pub cpu: String,
    /// The target triple for machine code (default: this machine's).
    pub target: Option<String>,
}

/// The bytes of what `options.emit` names for a loaded file.
pub fn compile(loaded: &CheckedFile, options: &CompileOptions) -> Result<Vec<u8>, Failure> {
    let specification = &loaded.specification;
    let kernel_artifact = match options.emit {
        Emit::Smt2 => return Ok(smt2(specification)?.into_bytes()),
        Emit::Sets | Emit::SetsJson => {
            let shield = build_shield(loaded, &options.shield)?;
            let report = crate::shield::ShieldReport::new(&shield, specification);
            let text = if options.emit == Emit::Sets {
                report.render()
            } else {
                serde_json::to_string_pretty(&report).expect("reports serialise") + "\n"
            };
            return Ok(text.into_bytes());
        }
        #[cfg(feature = "jit")]
        Emit::LlvmIr => crate::codegen::Artifact::LlvmIr,
        #[cfg(feature = "jit")]
        Emit::Assembly => crate::codegen::Artifact::Assembly,
        #[cfg(feature = "jit")]
        Emit::Object => crate::codegen::Artifact::Object,
        #[cfg(feature = "jit")]
        Emit::Library => crate::codegen::Artifact::Library,
        #[cfg(feature = "jit")]
        Emit::Header => crate::codegen::Artifact::Header,
        #[cfg(not(feature = "jit"))]
        other => other,
    };
    kernels(loaded, options, kernel_artifact)
}

/// What the kind of compiled-kernel artifact is; `None` for the forms that need no LLVM.
#[cfg(feature = "jit")]
type KernelArtifact = crate::codegen::Artifact;
#[cfg(not(feature = "jit"))]
type KernelArtifact = Emit;

/// The bytes of a compiled-kernel artifact.
#[cfg(feature = "jit")]
fn kernels(
    loaded: &CheckedFile,
    options: &CompileOptions,
    artifact: KernelArtifact,
) -> Result<Vec<u8>, Failure> {
    let shield = build_shield(loaded, &options.shield)?;
    let target = crate::codegen::TargetOptions {
        cpu: options.cpu.clone(),
        triple: options.target.clone(),
    };
    crate::codegen::artifact_bytes(&shield, artifact, &target)
        .map_err(|error| Failure::Io(error.message))
}

#[cfg(not(feature = "jit"))]
fn kernels(
    _loaded: &CheckedFile,
    options: &CompileOptions,
    _artifact: KernelArtifact,
) -> Result<Vec<u8>, Failure> {
    Err(Failure::Io(super::missing_feature(
        "jit",
        &format!("`reqc compile --emit {}`", options.emit.name()),
    )))
}

fn smt2(specification: &crate::spec::Specification) -> Result<String, Failure> {
    Ok(crate::smt::smt2(specification))
}

/// Compiles and writes the result to `path` atomically.
pub fn compile_to_file(
    loaded: &CheckedFile,
    options: &CompileOptions,
    path: &Path,
) -> Result<(), Failure> {
    crate::atomic::refuse_inputs(path, &[&loaded.path])?;
    let bytes = compile(loaded, options)?;
    // A shared library is executable, as the linker would have made it.
    let mode = if options.emit == Emit::Library {
        0o777
    } else {
        0o666
    };
    crate::atomic::write_with_mode(path, &bytes, mode)?;
    Ok(())
}
