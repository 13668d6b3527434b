//! Start-up: commands that need neither LLVM nor Z3 never load them (`src/lazy_libraries.c`
//! loads each on its first call), and commands that need them load them and work. The
//! dynamic loader's own trace (`LD_DEBUG=libs`) says which libraries a run initialised.
//! Only where the libraries are loaded lazily: x86_64 Linux, with both of them.
#![cfg(all(
    feature = "solver",
    feature = "jit",
    target_arch = "x86_64",
    target_os = "linux"
))]

mod common;

use std::process::Command;

const REQC: &str = env!("CARGO_BIN_EXE_reqc");

/// Which of libLLVM and libz3 a run of `reqc` with `arguments` and the kernel cache
/// `cache` (empty: none) initialised.
fn libraries_loaded(arguments: &[&str], cache: &str) -> (bool, bool) {
    let output = Command::new(REQC)
        .args(arguments)
        .current_dir(common::root())
        .env("LD_DEBUG", "libs")
        .env("REQC_CACHE_DIR", cache)
        .output()
        .expect("run reqc");
    let trace = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success(),
        "reqc {arguments:?} failed: {}",
        trace
            .lines()
            .filter(|line| !line.contains("file=") && !line.contains("calling"))
            .collect::<Vec<_>>()
            .join("\n")
    );
    let initialised = |library: &str| {
        trace
            .lines()
            .any(|line| line.contains("calling init:") && line.contains(library))
    };
    (initialised("libLLVM-14.so"), initialised("libz3.so"))
}

#[test]
fn llvm_and_z3_are_loaded_only_by_the_commands_that_call_them() {
    let output = std::env::temp_dir().join(format!("reqc-startup-{}.csv", std::process::id()));
    let output = output.to_string_lossy().into_owned();
    let formatted = std::env::temp_dir().join(format!("reqc-startup-{}.req", std::process::id()));
    std::fs::copy(common::root().join("examples/credit.req"), &formatted).expect("a copy");
    let formatted = formatted.to_string_lossy().into_owned();
    let correct = |engine: &'static str| -> Vec<String> {
        [
            "correct",
            "--engine",
            engine,
            "--header",
            "--input",
            "examples/credit_predictions.csv",
            "--output",
            &output,
            "examples/credit.req",
        ]
        .map(str::to_string)
        .to_vec()
    };
    let cases: Vec<(Vec<String>, (bool, bool))> = vec![
        (vec!["--version".into()], (false, false)),
        (
            vec![
                "check".into(),
                "--no-solver".into(),
                "examples/credit.req".into(),
            ],
            (false, false),
        ),
        (vec!["explain".into(), "E0206".into()], (false, false)),
        (vec!["fmt".into(), formatted.clone()], (false, false)),
        (correct("interp"), (false, false)),
        (
            vec!["check".into(), "examples/credit.req".into()],
            (false, true),
        ),
        // Debian's libLLVM-14 itself needs libz3, so loading LLVM loads Z3 too.
        (correct("jit"), (true, true)),
        (
            vec!["verify".into(), "examples/credit.req".into()],
            (false, true),
        ),
        (
            vec![
                "compile".into(),
                "--emit".into(),
                "llvm-ir".into(),
                "examples/credit.req".into(),
            ],
            (true, true),
        ),
    ];
    for (arguments, expected) in cases {
        let arguments: Vec<&str> = arguments.iter().map(String::as_str).collect();
        assert_eq!(
            libraries_loaded(&arguments, ""),
            expected,
            "reqc {arguments:?}: (LLVM, Z3) initialised"
        );
    }
    // Kernels from the kernel cache: the run that compiles them loads LLVM, a later one
    // loads neither library.
    let cache = tempfile::tempdir().expect("a temporary directory");
    let cache = cache.path().to_string_lossy().into_owned();
    let jit = correct("jit");
    let jit: Vec<&str> = jit.iter().map(String::as_str).collect();
    assert_eq!(
        libraries_loaded(&jit, &cache),
        (true, true),
        "the first run compiles"
    );
    assert_eq!(
        libraries_loaded(&jit, &cache),
        (false, false),
        "a later run loads the cache"
    );
    let _ = std::fs::remove_file(&output);
    let _ = std::fs::remove_file(&formatted);
}
