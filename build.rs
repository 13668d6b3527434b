//! Compiles the shield runtime (`src/codegen/runtime.c`) with clang-14: to LLVM 14 bitcode,
//! which `codegen::build` links into every library's module, and to a native static library
//! linked into reqc, which the JIT's kernels call instead of compiling the runtime each time.
//!
//! LLVM 14 reads only bitcode from LLVM 14 or older, so the compiler must be clang 14:
//! `REQC_CLANG` names it, else `clang-14` from PATH (`scripts/setup.sh` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    // The runtime serves only the compiled kernels: a build without the `jit` feature
    // needs neither clang-14 nor llc-14.
    if std::env::var_os("CARGO_FEATURE_JIT").is_none() {
        return;
    }
    let source = "src/codegen/runtime.c";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-env-changed=REQC_CLANG");
    let clang = std::env::var("REQC_CLANG").unwrap_or_else(|_| "clang-14".to_string());
    let directory = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    compile(
        &clang,
        source,
        &["-emit-llvm"],
        &directory.join("runtime.bc"),
    );
    let object = directory.join("runtime.o");
    compile(&clang, source, &[], &object);
    let archive = directory.join("libreqc_runtime.a");
    let _ = std::fs::remove_file(&archive);
    let status = Command::new("ar")
        .arg("crs")
        .arg(&archive)
        .arg(&object)
        .status();
    if !matches!(&status, Ok(status) if status.success()) {
        panic!("`ar` failed to archive the shield runtime ({status:?})");
    }
    println!("cargo:rustc-link-search=native={}", directory.display());
    println!("cargo:rustc-link-lib=static=reqc_runtime");
    write_cpu_names(&directory.join("cpus.rs"));
}

/// Writes the CPU names LLVM 14 knows for x86_64 and aarch64, as `llc-14 -mcpu=help` lists
/// them: `reqc compile --cpu` checks names against them, because LLVM itself only warns
/// about an unknown CPU and on x86_64 then aborts the process.
fn write_cpu_names(output: &Path) {
    println!("cargo:rerun-if-env-changed=REQC_LLC");
    let llc = std::env::var("REQC_LLC").unwrap_or_else(|_| "llc-14".to_string());
    let mut text = String::new();
    for (constant, triple) in [
        ("X86_64", "x86_64-unknown-linux-gnu"),
        ("AARCH64", "aarch64-unknown-linux-gnu"),
    ] {
        let listing = Command::new(&llc)
            .arg(format!("-mtriple={triple}"))
            .arg("-mcpu=help")
            .output()
            .unwrap_or_else(|error| {
                panic!(
                    "cannot run `{llc}` to list LLVM's CPUs: {error}; install llvm-14 \
                     (`bash scripts/setup.sh`) or point REQC_LLC at llc 14"
                )
            });
        // The list goes to standard error, CPUs first, then the features.
        let listing = String::from_utf8_lossy(&listing.stderr).into_owned();
        let names: Vec<&str> = listing
            .lines()
            .skip_while(|line| !line.starts_with("Available CPUs"))
            .take_while(|line| !line.starts_with("Available features"))
            .filter_map(|line| line.split(" - ").next())
            .map(str::trim)
            .filter(|name| !name.is_empty() && !name.starts_with("Available"))
            .collect();
        if names.is_empty() {
            panic!("`{llc} -mtriple={triple} -mcpu=help` listed no CPUs");
        }
        text.push_str(&format!("pub const {constant}: &[&str] = &{names:?};\n"));
    }
    std::fs::write(output, text).expect("write the CPU list");
}

fn compile(clang: &str, source: &str, extra: &[&str], output: &Path) {
    let status = Command::new(clang)
        .args([
            // Every rounding is the one written: no contraction into FMA, no fast-math.
            "-ffp-contract=off",
            // `fma` and `fabs` become LLVM intrinsics.
            "-fno-math-errno",
            "-O2",
            "-std=c11",
            "-Wall",
            "-Wextra",
            "-Werror",
            "-fno-stack-protector",
            "-fPIC",
            "-c",
        ])
        .args(extra)
        .arg(source)
        .arg("-o")
        .arg(output)
        .status();
    match status {
        Ok(status) if status.success() => {}
        Ok(status) => panic!("{clang} failed to compile {source} ({status})"),
        Err(error) => panic!(
            "cannot run `{clang}` to compile {source}: {error}; install clang-14 \
             (`bash scripts/setup.sh`) or point REQC_CLANG at clang 14"
        ),
    }
}
