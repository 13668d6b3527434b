//! The optional features `solver` (Z3) and `jit` (LLVM): every build checks, formats,
//! corrects with the interpreter and computes stats; a build without a feature answers the
//! commands that need it with an error naming the feature. Run in both configurations by
//! `scripts/test.sh` (`cargo test` and `cargo test --no-default-features`).

mod common;

use std::path::PathBuf;

use common::{reqc, stderr};

fn scratch(name: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!("reqc-features-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("a scratch directory");
    directory.join(name)
}

#[test]
fn check_format_correct_and_stats_work_in_every_build() {
    let output = reqc(&["check", "examples/credit.req"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let note = "needs the `solver` feature";
    assert_eq!(
        stderr(&output).contains(note),
        !reqc::HAS_SOLVER,
        "{}",
        stderr(&output)
    );
    let copy = scratch("credit.req");
    std::fs::copy(common::root().join("examples/credit.req"), &copy).expect("a copy");
    let copy_text = copy.to_str().expect("UTF-8 path");
    let output = reqc(&["fmt", copy_text]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let output = reqc(&["fmt", "--check", copy_text]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The default engine gives the interpreter's bytes, with or without the kernels.
    let by_default = scratch("default.csv");
    let by_interpreter = scratch("interpreter.csv");
    for (path, engine) in [(&by_default, "auto"), (&by_interpreter, "interp")] {
        let output = reqc(&[
            "correct",
            "examples/credit.req",
            "--input",
            "examples/credit_predictions.csv",
            "--output",
            path.to_str().expect("UTF-8 path"),
            "--engine",
            engine,
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(stderr(&output).contains("after 0"), "{}", stderr(&output));
    }
    assert_eq!(
        std::fs::read(&by_default).expect("output"),
        std::fs::read(&by_interpreter).expect("output")
    );
    let output = reqc(&[
        "stats",
        "examples/credit.req",
        "--input",
        by_default.to_str().expect("UTF-8 path"),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(String::from_utf8_lossy(&output.stdout).contains("200 rows; 0 (0.00%) violate"));
}

#[test]
fn verify_proves_or_names_the_solver_feature() {
    let output = reqc(&["verify", "examples/credit.req"]);
    if reqc::HAS_SOLVER {
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(
            stderr(&output).contains("sound and complete"),
            "{}",
            stderr(&output)
        );
    } else {
        assert_eq!(output.status.code(), Some(2));
        assert_eq!(
            stderr(&output),
            "error: `reqc verify` needs the `solver` feature, which this reqc was built \
             without (rebuild with `cargo build --features solver`; it is on by default)\n"
        );
    }
}

#[test]
fn kernels_compile_or_name_the_jit_feature() {
    let output = reqc(&["compile", "examples/credit.req", "--emit", "header"]);
    let engine = reqc(&[
        "correct",
        "examples/credit.req",
        "--input",
        "examples/credit_predictions.csv",
        "--output",
        scratch("jit.csv").to_str().expect("UTF-8 path"),
        "--engine",
        "jit",
    ]);
    // SMT-LIB needs neither feature.
    let smt2 = reqc(&["compile", "examples/credit.req", "--emit", "smt2"]);
    assert_eq!(smt2.status.code(), Some(0), "{}", stderr(&smt2));
    assert!(String::from_utf8_lossy(&smt2.stdout).contains("(assert"));
    if reqc::HAS_JIT {
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        assert!(String::from_utf8_lossy(&output.stdout).contains("reqc_correct_f32"));
        assert_eq!(engine.status.code(), Some(0), "{}", stderr(&engine));
    } else {
        assert_eq!(output.status.code(), Some(2));
        assert!(
            stderr(&output).contains("`reqc compile --emit header` needs the `jit` feature"),
            "{}",
            stderr(&output)
        );
        assert_eq!(engine.status.code(), Some(2));
        assert!(
            stderr(&engine).contains("`--engine jit` needs the `jit` feature"),
            "{}",
            stderr(&engine)
        );
    }
}
