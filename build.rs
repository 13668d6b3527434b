//! Compiles the shield runtime (`src/codegen/runtime.c`) to LLVM 14 bitcode with clang-14,
//! for `codegen::build` to link into every kernel module.
//!
//! LLVM 14 reads only bitcode from LLVM 14 or older, so the compiler must be clang 14:
//! `REQC_CLANG` names it, else `clang-14` from PATH (`scripts/setup.sh` installs it).

use std::path::PathBuf;
use std::process::Command;

fn main() {
    let source = "src/codegen/runtime.c";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-env-changed=REQC_CLANG");
    let clang = std::env::var("REQC_CLANG").unwrap_or_else(|_| "clang-14".to_string());
    let output =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("runtime.bc");
    let status = Command::new(&clang)
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
            "-emit-llvm",
            source,
            "-o",
        ])
        .arg(&output)
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
