//! Compiles the shield runtime (`src/codegen/runtime.c`) with clang-14: to LLVM 14 bitcode,
//! which `codegen::build` links into every library's module, and to a native static library
//! linked into reqc, which the JIT's kernels call instead of compiling the runtime each time.
//!
//! LLVM 14 reads only bitcode from LLVM 14 or older, so the compiler must be clang 14:
//! `REQC_CLANG` names it, else `clang-14` from PATH (`scripts/setup.sh` installs it).

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    println!("cargo:rerun-if-env-changed=REQC_CLANG");
    let clang = std::env::var("REQC_CLANG").unwrap_or_else(|_| "clang-14".to_string());
    let directory = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let jit = std::env::var_os("CARGO_FEATURE_JIT").is_some();
    let solver = std::env::var_os("CARGO_FEATURE_SOLVER").is_some();
    lazy_libraries(&clang, &directory, jit, solver);
    // The runtime serves only the compiled kernels: a build without the `jit` feature
    // needs neither clang-14 nor llc-14.
    if !jit {
        return;
    }
    let source = "src/codegen/runtime.c";
    println!("cargo:rerun-if-changed={source}");
    compile(
        &clang,
        source,
        &["-emit-llvm"],
        &directory.join("runtime.bc"),
    );
    let object = directory.join("runtime.o");
    compile(&clang, source, &[], &object);
    archive(&directory, "reqc_runtime", &[&object]);
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

/// Archives `objects` as `lib{name}.a` in `directory`, where the linker will look.
fn archive(directory: &Path, name: &str, objects: &[&Path]) {
    let archive = directory.join(format!("lib{name}.a"));
    let _ = std::fs::remove_file(&archive);
    let status = Command::new("ar")
        .arg("crs")
        .arg(&archive)
        .args(objects)
        .status();
    if !matches!(&status, Ok(status) if status.success()) {
        panic!("`ar` failed to archive {name} ({status:?})");
    }
    println!("cargo:rustc-link-search=native={}", directory.display());
}

/// A shared library reqc calls through trampolines: where it is, and which of its
/// functions (by prefix) reqc may call.
struct LazyLibrary {
    tag: &'static str,
    what: &'static str,
    path: PathBuf,
    prefix: &'static str,
}

/// Trampolines for every function of libLLVM-14 (`jit`) and libz3 (`solver`) reqc may
/// call, linked whole into every binary: the linker then binds the bindings' calls to
/// them, drops the libraries from the binary's needs (rustc links with `--as-needed`),
/// and `src/lazy_libraries.c` loads each library at the first call into it. Only on
/// x86_64 Linux (the trampolines are x86_64 assembly); elsewhere, or when a library or
/// tool is not where expected, the libraries are linked as usual (with a warning).
fn lazy_libraries(clang: &str, directory: &Path, jit: bool, solver: bool) {
    let target = |name: &str| std::env::var(name).unwrap_or_default();
    if !(jit || solver)
        || target("CARGO_CFG_TARGET_ARCH") != "x86_64"
        || target("CARGO_CFG_TARGET_OS") != "linux"
    {
        return;
    }
    let source = "src/lazy_libraries.c";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-env-changed=LLVM_SYS_140_PREFIX");
    let mut libraries = Vec::new();
    if jit {
        let llvm_config = match std::env::var("LLVM_SYS_140_PREFIX") {
            Ok(prefix) => format!("{prefix}/bin/llvm-config"),
            Err(_) => "llvm-config-14".to_string(),
        };
        let libdir = tool_output(&llvm_config, &["--libdir"]);
        libraries.push(libdir.map(|libdir| LazyLibrary {
            tag: "llvm",
            what: "LLVM 14, for compiled kernels",
            path: Path::new(libdir.trim()).join("libLLVM-14.so"),
            prefix: "LLVM",
        }));
    }
    if solver {
        let found = tool_output(clang, &["-print-file-name=libz3.so"]);
        libraries.push(found.map(|path| LazyLibrary {
            tag: "z3",
            what: "the Z3 solver",
            path: PathBuf::from(path.trim()),
            prefix: "Z3_",
        }));
    }
    let mut assembly = String::from(LAZY_ENTRY);
    let mut lazy = 0;
    for library in libraries {
        let written = library.and_then(|library| {
            let symbols = tool_output(
                "nm",
                &["-D", "--defined-only", &library.path.to_string_lossy()],
            )?;
            let soname = tool_output("objdump", &["-p", &library.path.to_string_lossy()])?
                .lines()
                .find_map(|line| {
                    line.trim()
                        .strip_prefix("SONAME")
                        .map(|name| name.trim().to_string())
                })
                .ok_or_else(|| format!("{} has no SONAME", library.path.display()))?;
            // Versioned names (`LLVMContextCreate@@LLVM_14`) are called by their bare name.
            let mut functions: Vec<&str> = symbols
                .lines()
                .filter_map(
                    |line| match line.split_whitespace().collect::<Vec<_>>()[..] {
                        [_, "T", name] if name.starts_with(library.prefix) => {
                            name.split('@').next()
                        }
                        _ => None,
                    },
                )
                .collect();
            functions.sort_unstable();
            functions.dedup();
            if functions.is_empty() {
                return Err(format!(
                    "{} exports no {}* function",
                    library.path.display(),
                    library.prefix
                ));
            }
            assembly.push_str(&trampolines(&library, &soname, &functions));
            Ok(())
        });
        match written {
            Ok(()) => lazy += 1,
            Err(problem) => {
                println!("cargo:warning=linking the library as usual, not lazily: {problem}")
            }
        }
    }
    if lazy == 0 {
        return;
    }
    let assembly_path = directory.join("lazy_trampolines.S");
    std::fs::write(&assembly_path, assembly).expect("write the trampolines");
    let resolver = directory.join("lazy_libraries.o");
    compile(clang, source, &[], &resolver);
    let trampolines = directory.join("lazy_trampolines.o");
    let status = Command::new(clang)
        .arg("-c")
        .arg(&assembly_path)
        .arg("-o")
        .arg(&trampolines)
        .status();
    if !matches!(&status, Ok(status) if status.success()) {
        panic!("{clang} failed to assemble the trampolines ({status:?})");
    }
    archive(directory, "reqc_lazy", &[&resolver, &trampolines]);
    // Whole: the trampolines must be in the link before the bindings refer to the functions.
    println!("cargo:rustc-link-lib=static:+whole-archive=reqc_lazy");
    println!("cargo:rustc-link-lib=dylib=dl");
}

/// The common entry of every trampoline's first call (x86_64 System V): `%r10` holds the
/// library's table, `%r11` the function's index; the real call's arguments are saved
/// around the resolver (integer registers, `%rax` for variadic calls, `%xmm0`-`%xmm7`) and
/// the call continues at the resolved address with the caller's return address in place.
const LAZY_ENTRY: &str = r#"
    .text
    .p2align 4
    .type reqc_lazy_enter,@function
reqc_lazy_enter:
    pushq %rdi
    pushq %rsi
    pushq %rdx
    pushq %rcx
    pushq %r8
    pushq %r9
    pushq %rax
    subq $128, %rsp
    movdqu %xmm0, 0(%rsp)
    movdqu %xmm1, 16(%rsp)
    movdqu %xmm2, 32(%rsp)
    movdqu %xmm3, 48(%rsp)
    movdqu %xmm4, 64(%rsp)
    movdqu %xmm5, 80(%rsp)
    movdqu %xmm6, 96(%rsp)
    movdqu %xmm7, 112(%rsp)
    movq %r10, %rdi
    movq %r11, %rsi
    call reqc_lazy_resolve
    movq %rax, %r11
    movdqu 0(%rsp), %xmm0
    movdqu 16(%rsp), %xmm1
    movdqu 32(%rsp), %xmm2
    movdqu 48(%rsp), %xmm3
    movdqu 64(%rsp), %xmm4
    movdqu 80(%rsp), %xmm5
    movdqu 96(%rsp), %xmm6
    movdqu 112(%rsp), %xmm7
    addq $128, %rsp
    popq %rax
    popq %r9
    popq %r8
    popq %rcx
    popq %rdx
    popq %rsi
    popq %rdi
    jmpq *%r11
    .size reqc_lazy_enter, .-reqc_lazy_enter
    .section .note.GNU-stack,"",@progbits
"#;

/// A library's table (`struct reqc_lazy_library`), its slots and names, and one
/// trampoline and first-call stub per function; the trampolines are hidden, so a shared
/// library built with them does not export them.
fn trampolines(library: &LazyLibrary, soname: &str, functions: &[&str]) -> String {
    let tag = library.tag;
    let mut text = format!(
        "\n    .section .data.rel.ro,\"aw\"\n    .p2align 3\nreqc_lazy_{tag}_library:\n    .quad reqc_lazy_{tag}_soname\n    .quad reqc_lazy_{tag}_what\n    .quad reqc_lazy_{tag}_names\n    .quad reqc_lazy_{tag}_slots\n"
    );
    text.push_str(&format!("reqc_lazy_{tag}_names:\n"));
    for index in 0..functions.len() {
        text.push_str(&format!("    .quad reqc_lazy_{tag}_name_{index}\n"));
    }
    text.push_str(&format!(
        "\n    .data\n    .p2align 3\nreqc_lazy_{tag}_slots:\n"
    ));
    for index in 0..functions.len() {
        text.push_str(&format!("    .quad reqc_lazy_{tag}_stub_{index}\n"));
    }
    text.push_str("\n    .section .rodata.str1.1,\"aMS\",@progbits,1\n");
    text.push_str(&format!(
        "reqc_lazy_{tag}_soname:\n    .asciz \"{soname}\"\n"
    ));
    text.push_str(&format!(
        "reqc_lazy_{tag}_what:\n    .asciz \"{}\"\n",
        library.what
    ));
    for (index, name) in functions.iter().enumerate() {
        text.push_str(&format!(
            "reqc_lazy_{tag}_name_{index}:\n    .asciz \"{name}\"\n"
        ));
    }
    text.push_str("\n    .text\n");
    for (index, name) in functions.iter().enumerate() {
        text.push_str(&format!(
            "    .globl {name}\n    .hidden {name}\n    .type {name},@function\n{name}:\n    jmpq *reqc_lazy_{tag}_slots+{offset}(%rip)\n    .size {name}, .-{name}\nreqc_lazy_{tag}_stub_{index}:\n    leaq reqc_lazy_{tag}_library(%rip), %r10\n    movl ${index}, %r11d\n    jmp reqc_lazy_enter\n",
            offset = index * 8
        ));
    }
    text
}

/// A tool's standard output, or why there is none.
fn tool_output(tool: &str, arguments: &[&str]) -> Result<String, String> {
    let output = Command::new(tool)
        .args(arguments)
        .output()
        .map_err(|error| format!("cannot run `{tool}`: {error}"))?;
    if !output.status.success() {
        return Err(format!(
            "`{tool} {}` failed ({})",
            arguments.join(" "),
            output.status
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
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
