//! Tests of `reqc verify`: the shield of every real and hand-written requirement file is
//! proved sound and complete, and a deliberately broken shield yields a counterexample
//! that this file re-checks with its own exact arithmetic on the interpreter's output.

mod common;

use num_rational::BigRational;
use num_traits::Zero;
use reqc::linear::{Inequality, Relation};
use reqc::number::{float_to_rational, rational_to_float, FloatFormat, Rounding};
use reqc::shield::correct::{Interpreter, RowOutcome};
use reqc::shield::{build, inject_fault, Fault, Limits, Shield};
use reqc::smt::{verify, Obligation, SolverOptions, Verification, VerifyOptions};
use reqc::spec::Specification;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Duration;

fn specification_of(text: &str, directory: &Path) -> Specification {
    let outcome = reqc::front_end(text, directory, &reqc::world::DiskWorld);
    outcome
        .specification
        .unwrap_or_else(|| panic!("does not check: {:?}", outcome.diagnostics))
}

fn specification(path: &Path) -> Specification {
    let text = std::fs::read_to_string(path).expect("read requirements");
    specification_of(&text, path.parent().expect("has a directory"))
}

fn options() -> VerifyOptions {
    VerifyOptions {
        solver: SolverOptions::with_timeout(Duration::from_secs(30)),
        shortcuts: true,
    }
}

/// The test's own exact evaluation of an inequality on a float row.
fn holds(inequality: &Inequality, row: &[f64]) -> bool {
    let mut sum = BigRational::zero();
    for (column, coefficient) in &inequality.terms {
        sum += coefficient * float_to_rational(row[*column]).expect("finite");
    }
    match inequality.relation {
        Relation::AtLeast => sum >= inequality.constant,
        Relation::Greater => sum > inequality.constant,
    }
}

fn requirement_holds(specification: &Specification, index: usize, row: &[f64]) -> bool {
    specification.requirements[index]
        .clauses
        .iter()
        .all(|clause| {
            clause
                .disjuncts
                .iter()
                .any(|disjunct| holds(&disjunct.inequality, row))
        })
}

fn real_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for directory in [
        "requirements/constrained-dgm",
        "requirements/pishield-custom",
    ] {
        files.extend(common::files_with_extension(
            &common::shared().join(directory),
            "txt",
        ));
        files.extend(common::files_with_extension(
            &common::shared().join(directory),
            "req",
        ));
    }
    files.extend(common::files_with_extension(
        &common::shared().join("cases"),
        "txt",
    ));
    files.extend(common::files_with_extension(
        &common::root().join("tests/shield"),
        "req",
    ));
    files.sort();
    files.dedup();
    files
}

#[test]
fn every_real_shield_is_sound_and_complete() {
    let files = real_files();
    assert!(files.len() >= 28, "shared requirement files are missing");
    let mut verified = 0;
    for path in &files {
        if path.ends_with("infeasible.txt") {
            continue;
        }
        let specification = specification(path);
        let shield = build(&specification, &specification.ordering, Limits::default())
            .unwrap_or_else(|_| panic!("{} builds", path.display()));
        // Once with the syntactic shortcuts, once with every obligation sent to Z3.
        for shortcuts in [true, false] {
            let options = VerifyOptions {
                shortcuts,
                ..options()
            };
            let verification = verify(&shield, &specification, &options);
            assert!(
                verification.proved() && verification.diagnostics.is_empty(),
                "{}: {:?}",
                path.display(),
                verification.diagnostics
            );
            assert_eq!(verification.answer(), "proved");
            assert_eq!(
                verification.obligations,
                verification.proved_by_solver + verification.proved_by_inclusion
            );
            assert_eq!(
                verification.obligations,
                specification.requirements.len() + shield.levels.len() + shield.size()
            );
            if !shortcuts {
                assert_eq!(verification.proved_by_solver, verification.obligations);
            }
        }
        verified += 1;
    }
    assert!(verified >= 27);
}

/// Builds a shield along the file's ordering, injects a fault and verifies the broken shield.
fn broken(specification: &Specification, fault: &Fault) -> (Shield, Verification) {
    let mut shield =
        build(specification, &specification.ordering, Limits::default()).expect("builds");
    inject_fault(&mut shield, fault).expect("the fault fits the shield");
    let verification = verify(&shield, specification, &options());
    (shield, verification)
}

/// Re-runs every soundness counterexample through the broken interpreter and checks, with
/// this file's arithmetic, that the output violates the requirement. Returns how many.
fn recheck_soundness(
    specification: &Specification,
    shield: &Shield,
    verification: &Verification,
) -> usize {
    let interpreter = Interpreter::new(shield, FloatFormat::F64);
    let mut rechecked = 0;
    for counterexample in &verification.counterexamples {
        let Obligation::Sound { requirement } = counterexample.obligation else {
            continue;
        };
        let mut row: Vec<f64> = counterexample
            .row
            .iter()
            .map(|value| rational_to_float(value, FloatFormat::F64, Rounding::NearestEven))
            .collect();
        let outcome = interpreter.correct_row(&mut row);
        if counterexample.reproduced {
            assert!(matches!(
                outcome,
                RowOutcome::Unchanged | RowOutcome::Corrected
            ));
            assert!(
                !requirement_holds(specification, requirement, &row),
                "the reported counterexample does not violate the requirement: {row:?}"
            );
            rechecked += 1;
        }
    }
    rechecked
}

#[test]
fn a_dropped_clause_yields_a_checked_counterexample() {
    let specification = specification_of(
        "ordering y_0 y_1\nrequirement floor: y_0 >= 1\nrequirement above: y_1 >= y_0\n",
        Path::new("."),
    );
    let (shield, verification) = broken(
        &specification,
        &Fault::DropClause {
            level: 1,
            clause: 0,
        },
    );
    assert!(!verification.proved());
    assert!(verification
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.code == reqc::diagnostics::Code::UnsoundShield));
    assert_eq!(recheck_soundness(&specification, &shield, &verification), 1);
}

#[test]
fn a_dropped_clause_of_a_real_file_is_caught() {
    let path = common::shared().join("requirements/constrained-dgm/heloc_constraints.txt");
    let specification = specification(&path);
    let shield = build(&specification, &specification.ordering, Limits::default()).expect("builds");
    // Drop the first clause of the last level that has one: the one the file's last
    // requirements depend on.
    let level = shield
        .levels
        .iter()
        .rposition(|level| !level.clauses.is_empty())
        .expect("a level with clauses");
    let (broken_shield, verification) =
        broken(&specification, &Fault::DropClause { level, clause: 0 });
    assert!(!verification.proved(), "dropping a clause went unnoticed");
    assert!(recheck_soundness(&specification, &broken_shield, &verification) >= 1);
}

#[test]
fn a_tightened_clause_is_not_implied() {
    let specification = specification_of(
        "ordering y_0 y_1\nrequirement floor: y_0 >= 1\nrequirement above: y_1 >= y_0\n",
        Path::new("."),
    );
    let fault = Fault::parse("shift:0:0:0:1").expect("a fault");
    let (shield, verification) = broken(&specification, &fault);
    let counterexample = verification
        .counterexamples
        .iter()
        .find(|counterexample| {
            counterexample.obligation
                == Obligation::Implied {
                    level: Some(0),
                    clause: 0,
                }
        })
        .expect("the tightened clause is refuted");
    // The row meets every requirement, yet the broken shield moves it.
    let mut row: Vec<f64> = counterexample
        .row
        .iter()
        .map(|value| rational_to_float(value, FloatFormat::F64, Rounding::NearestEven))
        .collect();
    assert!(
        (0..specification.requirements.len()).all(|index| requirement_holds(
            &specification,
            index,
            &row
        ))
    );
    let outcome = Interpreter::new(&shield, FloatFormat::F64).correct_row(&mut row);
    assert_eq!(outcome, RowOutcome::Corrected);
    assert!(counterexample.reproduced);
}

#[test]
fn faults_that_do_not_fit_are_refused() {
    let specification = specification_of("ordering y_0\ny_0 >= 1\n", Path::new("."));
    let mut shield =
        build(&specification, &specification.ordering, Limits::default()).expect("builds");
    assert!(inject_fault(
        &mut shield,
        &Fault::DropClause {
            level: 3,
            clause: 0
        }
    )
    .is_err());
    assert!(inject_fault(
        &mut shield,
        &Fault::DropClause {
            level: 0,
            clause: 5
        }
    )
    .is_err());
    assert!(Fault::parse("shift:0:0:9:x").is_none());
    assert!(Fault::parse("drop:0").is_none());
}

fn run(arguments: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_reqc"))
        .current_dir(common::root())
        .args(arguments)
        .output()
        .expect("run reqc");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn the_command_proves_real_files_and_reports_infeasible_ones() {
    let heloc = common::shared().join("requirements/constrained-dgm/heloc_constraints.txt");
    let (status, _, stderr) = run(&["verify", heloc.to_str().expect("utf-8 path")]);
    assert_eq!(status, 0, "{stderr}");
    assert!(stderr.contains("sound and complete"), "{stderr}");

    let infeasible = common::shared().join("cases/infeasible.txt");
    let (status, stdout, _) = run(&[
        "verify",
        "--message-format",
        "json",
        infeasible.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(status, 1);
    assert!(stdout.contains("E0702"), "{stdout}");

    let (status, _, stderr) = run(&[
        "verify",
        "--ordering",
        "random",
        "--seed",
        "7",
        heloc.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(status, 0, "{stderr}");
    let (status, _, stderr) = run(&[
        "verify",
        "--inject-fault",
        "drop:99:0",
        heloc.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(status, 2, "{stderr}");
}

#[test]
fn a_zero_time_limit_leaves_every_obligation_undecided() {
    let specification = specification_of(
        "ordering y_0 y_1\nrequirement floor: y_0 >= 1\nrequirement above: y_1 >= y_0 or y_1 <= -5\n",
        Path::new("."),
    );
    let shield = build(&specification, &specification.ordering, Limits::default()).expect("builds");
    let options = VerifyOptions {
        solver: SolverOptions::with_timeout(Duration::ZERO),
        shortcuts: false,
    };
    let verification = verify(&shield, &specification, &options);
    assert_eq!(verification.answer(), "unknown");
    assert!(verification.counterexamples.is_empty());
    assert_eq!(verification.failed, verification.obligations);
    assert!(verification
        .diagnostics
        .iter()
        .all(|diagnostic| diagnostic.code == reqc::diagnostics::Code::VerificationUndecided));
    assert_eq!(verification.diagnostics.len(), verification.obligations);
}

#[test]
fn a_fault_below_float_resolution_is_reported_as_not_reproduced() {
    // The level `y_0 >= 1/10 - 10^-30` lets through reals just under 1/10, but every such
    // real rounds to the f64 nearest 1/10, which is above it: the interpreter cannot show
    // the fault, so reqc says so instead of claiming a reproduced counterexample.
    let specification = specification_of(
        "ordering y_0\nrequirement floor: y_0 >= 0.1\n",
        Path::new("."),
    );
    let fault = Fault::parse("shift:0:0:0:-0.000000000000000000000000000001").expect("a fault");
    let (_, verification) = broken(&specification, &fault);
    assert_eq!(verification.answer(), "counterexample");
    let counterexample = verification
        .counterexamples
        .iter()
        .find(|counterexample| counterexample.obligation == Obligation::Sound { requirement: 0 })
        .expect("soundness is refuted over the reals");
    assert!(!counterexample.reproduced);
    // The model's row really is below 1/10 and meets the broken level.
    let tenth = BigRational::new(1.into(), 10.into());
    assert!(counterexample.row[0] < tenth);
    assert!(
        counterexample.row[0]
            >= tenth - BigRational::new(1.into(), num_bigint::BigInt::from(10).pow(30))
    );
    assert!(verification
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.code == reqc::diagnostics::Code::UnreproducedCounterexample));
}

#[test]
fn the_json_summary_gives_the_answer_and_exact_rows() {
    let path = common::root().join("tests/ui/verify/unsound.req");
    let (status, stdout, _) = run(&[
        "verify",
        "--message-format",
        "json",
        "--inject-fault",
        "drop:1:0",
        path.to_str().expect("utf-8 path"),
    ]);
    assert_eq!(status, 1);
    let last = stdout.lines().last().expect("a summary line");
    let summary: serde_json::Value = serde_json::from_str(last).expect("JSON");
    let verification = &summary["verification"];
    assert_eq!(verification["answer"], "counterexample");
    let row = &verification["counterexamples"][0]["row"];
    assert_eq!(row[0]["name"], "floor_value");
    assert!(row[0]["value"].as_str().is_some());
    assert_eq!(verification["counterexamples"][0]["reproduced"], true);
    // Every line before it is a diagnostic.
    for line in stdout.lines().rev().skip(1) {
        let diagnostic: serde_json::Value = serde_json::from_str(line).expect("JSON");
        assert!(diagnostic["code"].as_str().is_some());
    }
}

#[test]
fn the_readme_main_command_verifies_the_example() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("read README");
    assert!(
        readme.contains("cargo run --release -- verify examples/credit.req"),
        "the README's main command changed; update this test"
    );
    let (status, _, stderr) = run(&["verify", "examples/credit.req"]);
    assert_eq!(status, 0, "{stderr}");
    assert!(
        stderr.contains("note: proved the shield of 7 levels sound and complete"),
        "{stderr}"
    );
}
