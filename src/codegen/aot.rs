//! Ahead-of-time output: LLVM IR, assembly, objects, shared libraries and the C header of a shield's kernels.

use super::{build, requirements_hash, verify, CodegenError, VERSION};
use crate::shield::Shield;
use inkwell::attributes::AttributeLoc;
use inkwell::context::Context;
use inkwell::module::Module;
use inkwell::passes::PassBuilderOptions;
use inkwell::targets::{
    CodeModel, FileType, InitializationConfig, RelocMode, Target, TargetMachine, TargetTriple,
};
use inkwell::OptimizationLevel;

/// What `reqc compile --emit` writes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Artifact {
    LlvmIr,
    Assembly,
    Object,
    Library,
    Header,
}

/// The machine to generate code for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TargetOptions {
    /// An LLVM CPU name, `native` for this machine, or `generic` for a portable baseline.
    pub cpu: String,
    /// A target triple; `None` means this machine's.
    pub triple: Option<String>,
}

impl Default for TargetOptions {
    /// Portable code for this machine's architecture (`x86-64` on x86_64: SSE2 only).
    fn default() -> TargetOptions {
        TargetOptions {
            cpu: "generic".to_string(),
            triple: None,
        }
    }
}

impl TargetOptions {
    /// This machine's CPU, with all its features.
    pub fn native() -> TargetOptions {
        TargetOptions {
            cpu: "native".to_string(),
            triple: None,
        }
    }
}

/// The CPU names LLVM 14 knows per architecture (`build.rs` lists them with `llc-14`).
mod cpus {
    include!(concat!(env!("OUT_DIR"), "/cpus.rs"));
}

/// Checks a CPU name for the architectures whose names are known: LLVM only warns about
/// an unknown one, and on x86_64 then aborts the process when it generates code.
fn check_cpu(cpu: &str, triple: &str) -> Result<(), CodegenError> {
    let known = if triple.starts_with("x86_64") {
        cpus::X86_64
    } else if triple.starts_with("aarch64") {
        cpus::AARCH64
    } else {
        return Ok(());
    };
    if known.contains(&cpu) {
        return Ok(());
    }
    Err(CodegenError::new(format!(
        "LLVM 14 knows no CPU `{cpu}` for `{triple}`: use `generic`, `native`, or a name \
         from `llc-14 -mtriple={triple} -mcpu=help`"
    )))
}

/// The LLVM 14 targets (by LLVM's target name) that compile the kernels and their runtime,
/// each checked by `tests/reliability.rs` against every target this LLVM registers. The
/// others fail inside LLVM, which aborts the process (no dynamic stack allocation on bpf;
/// over-aligned dynamic allocation on 32-bit sparc; `stacksave` on the GPU targets; crashes
/// in m68k and ve; on avr, "Not supported instr" in its machine-code emitter, which the
/// runtime's exact tiers reach depending on how LLVM inlines them), so they are refused
/// before LLVM runs.
pub const SUPPORTED_TARGETS: &[&str] = &[
    "aarch64",
    "aarch64_32",
    "aarch64_be",
    "arm",
    "arm64",
    "arm64_32",
    "armeb",
    "hexagon",
    "lanai",
    "mips",
    "mips64",
    "mips64el",
    "mipsel",
    "msp430",
    "ppc32",
    "ppc32le",
    "ppc64",
    "ppc64le",
    "riscv32",
    "riscv64",
    "sparcv9",
    "systemz",
    "thumb",
    "thumbeb",
    "wasm32",
    "wasm64",
    "x86",
    "x86-64",
];

/// A target machine for the options, set up for position-independent code.
pub(crate) fn target_machine(options: &TargetOptions) -> Result<TargetMachine, CodegenError> {
    let triple = match &options.triple {
        Some(triple) => {
            Target::initialize_all(&InitializationConfig::default());
            TargetTriple::create(triple)
        }
        None => {
            Target::initialize_native(&InitializationConfig::default()).map_err(|message| {
                CodegenError::new(format!("LLVM cannot target this machine: {message}"))
            })?;
            TargetMachine::get_default_triple()
        }
    };
    let target = Target::from_triple(&triple).map_err(|message| {
        CodegenError::new(format!(
            "unknown target `{}`: {}",
            triple.as_str().to_string_lossy(),
            message.to_string()
        ))
    })?;
    let name = target.get_name().to_string_lossy().into_owned();
    if !SUPPORTED_TARGETS.contains(&name.as_str()) {
        return Err(CodegenError::new(format!(
            "reqc cannot compile kernels for `{}` (LLVM's `{name}` target): LLVM 14 cannot \
             generate its runtime there; reqc compiles kernels for {}",
            triple.as_str().to_string_lossy(),
            SUPPORTED_TARGETS.join(", ")
        )));
    }
    let (cpu, features) = match options.cpu.as_str() {
        "native" => (
            TargetMachine::get_host_cpu_name().to_string(),
            TargetMachine::get_host_cpu_features().to_string(),
        ),
        "generic" if triple.as_str().to_string_lossy().starts_with("x86_64") => {
            ("x86-64".to_string(), String::new())
        }
        // RISC-V has no CPU named `generic`: LLVM 14 aborts on it.
        "generic" if name == "riscv64" => ("generic-rv64".to_string(), String::new()),
        "generic" if name == "riscv32" => ("generic-rv32".to_string(), String::new()),
        cpu => {
            check_cpu(cpu, &triple.as_str().to_string_lossy())?;
            (cpu.to_string(), String::new())
        }
    };
    target
        .create_target_machine(
            &triple,
            &cpu,
            &features,
            OptimizationLevel::Aggressive,
            RelocMode::PIC,
            CodeModel::Default,
        )
        .ok_or_else(|| {
            CodegenError::new(format!(
                "LLVM cannot generate code for CPU `{cpu}` on `{}`",
                triple.as_str().to_string_lossy()
            ))
        })
}

/// Sets the module's target triple and data layout to the machine's.
pub(crate) fn set_target(module: &Module<'_>, machine: &TargetMachine) {
    module.set_triple(&machine.get_triple());
    module.set_data_layout(&machine.get_target_data().get_data_layout());
    // The JIT builds its own target machine for the generic CPU of the triple (plain SSE2
    // on x86_64), whatever the machine here says: pinning the CPU and its features on every
    // function is what makes JIT code use this machine's vector units.
    let context = module.get_context();
    let cpu = machine.get_cpu().to_string();
    let features = machine.get_feature_string().to_string_lossy().into_owned();
    for function in module.get_functions() {
        if function.count_basic_blocks() == 0 {
            continue;
        }
        function.add_attribute(
            AttributeLoc::Function,
            context.create_string_attribute("target-cpu", &cpu),
        );
        if !features.is_empty() {
            function.add_attribute(
                AttributeLoc::Function,
                context.create_string_attribute("target-features", &features),
            );
        }
    }
}

/// Sets the module's target and runs LLVM's `-O3` pipeline (which vectorises loops) on it.
pub(crate) fn optimise(module: &Module<'_>, machine: &TargetMachine) -> Result<(), CodegenError> {
    set_target(module, machine);
    run_pipeline(module, machine, "default<O3>")
}

/// Runs one of LLVM's IR pipelines (`default<O2>`, `default<O3>`) on the module.
pub(crate) fn run_pipeline(
    module: &Module<'_>,
    machine: &TargetMachine,
    pipeline: &str,
) -> Result<(), CodegenError> {
    module
        .run_passes(pipeline, machine, PassBuilderOptions::create())
        .map_err(|message| {
            CodegenError::new(format!("LLVM optimisation failed: {}", message.to_string()))
        })
}

/// The bytes of an artifact for a shield; the caller writes them (atomically, through
/// `crate::atomic`), so this module never touches the user's paths.
///
/// LLVM IR is the unoptimised lowering, verified before it is returned (a verification
/// error carries the IR).
pub fn artifact_bytes(
    shield: &Shield,
    artifact: Artifact,
    options: &TargetOptions,
) -> Result<Vec<u8>, CodegenError> {
    match artifact {
        Artifact::Header => return Ok(header(shield).into_bytes()),
        Artifact::LlvmIr => return super::llvm_ir(shield).map(String::into_bytes),
        _ => {}
    }
    let context = Context::create();
    let module = build(&context, shield, &super::BOTH_FORMATS)?;
    verify(&module, None)?;
    let machine = target_machine(options)?;
    if artifact == Artifact::Library && !for_this_machine(&machine) {
        return Err(CodegenError::new(format!(
            "`--emit lib` links with this machine's C compiler, so it builds libraries for \
             `{}` only; for `{}`, use `--emit obj` and link the object with that target's \
             toolchain",
            TargetMachine::get_default_triple()
                .as_str()
                .to_string_lossy(),
            machine.get_triple().as_str().to_string_lossy()
        )));
    }
    optimise(&module, &machine)?;
    match artifact {
        Artifact::Assembly => write_machine(&machine, &module, FileType::Assembly),
        Artifact::Object => write_machine(&machine, &module, FileType::Object),
        _ => link_library(&machine, &module),
    }
}

/// Assembly or an object file, in memory.
pub(super) fn write_machine(
    machine: &TargetMachine,
    module: &Module<'_>,
    kind: FileType,
) -> Result<Vec<u8>, CodegenError> {
    machine
        .write_to_memory_buffer(module, kind)
        .map(|buffer| buffer.as_slice().to_vec())
        .map_err(|message| {
            CodegenError::new(format!(
                "LLVM could not generate code: {}",
                message.to_string()
            ))
        })
}

/// Whether a target machine generates code for this machine's architecture.
pub(super) fn for_this_machine(machine: &TargetMachine) -> bool {
    let name = |triple: &TargetTriple| {
        Target::from_triple(triple).map(|target| target.get_name().to_string_lossy().into_owned())
    };
    Target::initialize_native(&InitializationConfig::default()).is_ok()
        && matches!(
            (name(&machine.get_triple()), name(&TargetMachine::get_default_triple())),
            (Ok(target), Ok(host)) if target == host
        )
}

/// Emits an object and links it into a shared library with the system C compiler
/// (`cc -shared`), in a private temporary directory.
pub(super) fn link_library(
    machine: &TargetMachine,
    module: &Module<'_>,
) -> Result<Vec<u8>, CodegenError> {
    let directory = tempfile::Builder::new()
        .prefix("reqc-link-")
        .tempdir()
        .map_err(|error| {
            CodegenError::new(format!(
                "cannot create a temporary directory to link the library in: {error}"
            ))
        })?;
    let object = directory.path().join("shield.o");
    let library = directory.path().join("shield.so");
    let bytes = write_machine(machine, module, FileType::Object)?;
    std::fs::write(&object, bytes).map_err(|error| {
        CodegenError::new(format!(
            "cannot write the object file to link the library: {error}"
        ))
    })?;
    let output = std::process::Command::new("cc")
        .arg("-shared")
        .arg("-o")
        .arg(&library)
        .arg(&object)
        .arg("-lm")
        .output();
    match output {
        Ok(output) if output.status.success() => std::fs::read(&library)
            .map_err(|error| CodegenError::new(format!("cannot read the linked library: {error}"))),
        Ok(output) => Err(CodegenError::new(format!(
            "linking the library with `cc -shared` failed: {}",
            String::from_utf8_lossy(&output.stderr).trim()
        ))),
        Err(error) => Err(CodegenError::new(format!(
            "cannot run the C compiler `cc` to link the library: {error}"
        ))),
    }
}

/// The C header documenting a library's ABI.
pub fn header(shield: &Shield) -> String {
    format!(
        r#"/* Generated by {VERSION}. Do not edit.
 *
 * Shield kernels for a requirement set with {columns} columns
 * (requirements hash 0x{hash:016x}). Link with the library that
 * `reqc compile FILE --emit lib` wrote beside this header.
 */
#ifndef REQC_SHIELD_H
#define REQC_SHIELD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {{
#endif

/* Row status values written by the kernels. */
#define REQC_UNCHANGED 0  /* the row met every requirement; left bit for bit */
#define REQC_CORRECTED 1  /* values moved to the nearest floats meeting every requirement */
#define REQC_IMPOSSIBLE 2 /* the fixed input columns make the requirements impossible; left unchanged */
#define REQC_UNDECIDED 3  /* rare: deciding this row exactly needs big-rational arithmetic (a
                             product beyond 1e300, or a coefficient that scales to an integer of
                             more than 212 bits); left unchanged: correct it with `reqc correct` */
#define REQC_NON_FINITE 4 /* the row holds NaN or an infinity; left unchanged */
#define REQC_INEXACT 5    /* some level had no representable solution (an equality whose value is
                             not a float): the nearest floats were used, as `reqc correct` does;
                             they violate a requirement by at most one unit in the last place */

#define REQC_COLUMNS {columns}
#define REQC_REQUIREMENTS_HASH UINT64_C(0x{hash:016x})

/* Corrects `n_rows` rows in place. `rows` is row-major: row i, column k is
 * rows[i * reqc_columns() + k]. When `status` is not NULL it receives one
 * REQC_* value per row. Returns the number of REQC_UNDECIDED rows. Corrected
 * rows equal `reqc correct` bit for bit. Thread-safe and reentrant: disjoint
 * row ranges may be corrected concurrently. n_rows may be 0. */
size_t reqc_correct_f32(float *rows, size_t n_rows, uint8_t *status);
size_t reqc_correct_f64(double *rows, size_t n_rows, uint8_t *status);

/* Like reqc_correct_f32, on a copy: `source` (n_rows rows, only read) is copied
 * into `rows` as the rows are corrected, a few rows at a time, which costs less
 * than copying the whole buffer first. `source` and `rows` must not overlap,
 * unless they are the same buffer (then it corrects in place). */
size_t reqc_correct_copy_f32(const float *source, float *rows, size_t n_rows, uint8_t *status);
size_t reqc_correct_copy_f64(const double *source, double *rows, size_t n_rows, uint8_t *status);

/* The number of columns a row has. */
size_t reqc_columns(void);

/* The requirements hash above: FNV-1a over the eliminated requirement set. */
uint64_t reqc_requirements_hash(void);

/* A static string naming the reqc version and the kernel ABI version. */
const char *reqc_version(void);

#ifdef __cplusplus
}}
#endif

#endif /* REQC_SHIELD_H */
"#,
        columns = shield.columns,
        hash = requirements_hash(shield),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_target_pins_the_machines_cpu_and_features_on_every_defined_function() {
        // Without the pins the JIT generates plain SSE2 code on x86_64: the propositional
        // kernels ran at half their speed.
        let context = Context::create();
        let module = context.create_module("pinned");
        let function_type = context.void_type().fn_type(&[], false);
        let defined = module.add_function("defined", function_type, None);
        let builder = context.create_builder();
        builder.position_at_end(context.append_basic_block(defined, "entry"));
        builder.build_return(None).expect("a return");
        let declared = module.add_function("declared", function_type, None);
        let machine = target_machine(&TargetOptions::native()).expect("this machine");
        set_target(&module, &machine);
        let attribute = |function: inkwell::values::FunctionValue<'_>, name: &str| {
            function
                .get_string_attribute(AttributeLoc::Function, name)
                .map(|attribute| attribute.get_string_value().to_string_lossy().into_owned())
        };
        assert_eq!(
            attribute(defined, "target-cpu"),
            Some(machine.get_cpu().to_string())
        );
        let features = machine.get_feature_string().to_string_lossy().into_owned();
        assert_eq!(
            attribute(defined, "target-features"),
            (!features.is_empty()).then_some(features)
        );
        assert_eq!(attribute(declared, "target-cpu"), None);
    }
}
