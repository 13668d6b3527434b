//! Compiles the shield runtime (`src/codegen/runtime.c`) with clang-14: to LLVM 14 bitcode,
//! which `codegen::build` links into every library's module, and to a native static library
//! linked into reqc, which the JIT's kernels call instead of compiling the runtime each time.
//!
//! LLVM 14 reads only bitcode from LLVM 14 or older, so the compiler must be clang 14:
//! `REQC_CLANG` names it, else `clang-14` from PATH (`scripts/setup.sh` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
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
