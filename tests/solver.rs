//! Solver tests: the checks of `reqc check` on every shared requirement file, exact lowering
//! of numerals Z3 4.8.12 would misread, and `reqc compile --emit smt2` (read back by Z3,
//! compared with the direct lowering, and snapshotted).

mod common;

use reqc::diagnostics::{Code, Diagnostic};
use reqc::smt::{self, Answer, SolverOptions};
use reqc::spec::Specification;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The checked specification of a source text, which must have no errors.
fn specification(source: &str) -> Specification {
    let outcome = reqc::front_end(source, Path::new("."), &reqc::world::DiskWorld);
    assert!(
        outcome
            .diagnostics
            .iter()
            .all(|diagnostic| !diagnostic.is_error()),
        "front-end errors: {:?}",
        outcome.diagnostics
    );
    outcome.specification.expect("a checked specification")
}

fn answer(source: &str) -> Answer {
    smt::satisfiability(&specification(source), &SolverOptions::default())
}

fn solver_diagnostics(source: &str) -> Vec<Diagnostic> {
    let outcome = reqc::front_end(source, Path::new("."), &reqc::world::DiskWorld);
    reqc::solver_diagnostics(&outcome, &SolverOptions::default())
}

/// Every shared requirement file: the PiShield/C-DGM benchmarks and the hard cases.
fn shared_files() -> Vec<PathBuf> {
    let shared = root().join("../shared");
    let mut files = Vec::new();
    for directory in [
        "requirements/constrained-dgm",
        "requirements/pishield-custom",
        "cases",
    ] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(shared.join(directory))
            .expect("read the shared files")
            .map(|entry| entry.expect("directory entry").path())
            .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
            .collect();
        entries.sort();
        files.extend(entries);
    }
    assert!(files.len() >= 23, "shared files went missing: {files:?}");
    files
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|name| name.to_string_lossy().into_owned())
        .unwrap_or_default()
}

#[test]
fn shared_files_get_the_expected_solver_diagnostics() {
    // Files not listed here must get no solver diagnostic at all. Botnet's orderings are
    // chains `a >= b`, `b >= c` together with the shortcut `a >= c`: 108 shortcuts, each
    // implied by exactly two links.
    let expected: BTreeMap<&str, Vec<(Code, usize)>> = BTreeMap::from([
        ("infeasible.txt", vec![(Code::Unsatisfiable, 2)]),
        ("botnet_constraints.txt", vec![(Code::Implied, 2); 108]),
        (
            "equality_constraints2.txt",
            vec![(Code::Implied, 3), (Code::Implied, 3), (Code::Implied, 2)],
        ),
    ]);
    for path in shared_files() {
        let name = file_name(&path);
        let source = std::fs::read_to_string(&path).expect("read a shared file");
        let diagnostics = solver_diagnostics(&source);
        // The size of a core is the number of requirements marked besides the primary one,
        // except for a conflict, where every member is primary.
        let found: Vec<(Code, usize)> = diagnostics
            .iter()
            .map(|diagnostic| {
                let members = if diagnostic.code == Code::Unsatisfiable {
                    diagnostic.labels.len()
                } else {
                    diagnostic
                        .labels
                        .iter()
                        .filter(|label| !label.primary)
                        .count()
                };
                (diagnostic.code, members)
            })
            .collect();
        let mut wanted = expected.get(name.as_str()).cloned().unwrap_or_default();
        let mut sorted = found.clone();
        sorted.sort();
        wanted.sort();
        assert_eq!(sorted, wanted, "{name}: {diagnostics:#?}");
    }
}

#[test]
fn infeasible_case_names_both_requirements_at_their_spans() {
    let path = root().join("../shared/cases/infeasible.txt");
    let source = std::fs::read_to_string(path).expect("read infeasible.txt");
    let diagnostics = solver_diagnostics(&source);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    let conflict = &diagnostics[0];
    assert_eq!(conflict.code, Code::Unsatisfiable);
    assert!(
        conflict.message.contains("`y_0 + y_1 >= 2`"),
        "{}",
        conflict.message
    );
    assert!(
        conflict.message.contains("`-y_0 - y_1 >= 0`"),
        "{}",
        conflict.message
    );
    let marked: Vec<&str> = conflict
        .labels
        .iter()
        .map(|label| &source[label.span.range()])
        .collect();
    assert_eq!(marked, ["y_0 + y_1 >= 2", "-y_0 - y_1 >= 0"]);
}

#[test]
fn smt2_means_what_the_direct_lowering_means() {
    let options = SolverOptions::default();
    for path in shared_files() {
        let name = file_name(&path);
        let source = std::fs::read_to_string(&path).expect("read a shared file");
        let specification = specification(&source);
        let direct = smt::satisfiability(&specification, &options);
        let text = smt::smt2(&specification);
        let reading = smt::read_smt2(&text, &options);
        let wanted = if name == "infeasible.txt" {
            Answer::Unsatisfiable
        } else {
            Answer::Satisfiable
        };
        assert_eq!(direct, wanted, "{name}: direct lowering");
        assert_eq!(reading.answer, wanted, "{name}: SMT-LIB text\n{text}");
        assert_eq!(
            reading.assertions,
            specification.requirements.len(),
            "{name}: Z3 reads one assertion per requirement"
        );
    }
}

#[test]
fn smt2_text_is_parsed_not_ignored() {
    // An unparsable script must not pass for satisfiable, or the round trip above proves nothing.
    let options = SolverOptions::default();
    let contradiction = "(declare-const y_0 Real)\n(assert (>= y_0 1))\n(assert (< y_0 1))\n";
    assert_eq!(
        smt::read_smt2(contradiction, &options),
        smt::Smt2Reading {
            answer: Answer::Unsatisfiable,
            assertions: 2
        }
    );
    // A script Z3 cannot parse shows as missing assertions, not as a silent success.
    let broken = "(declare-const y_0 Real)\n(assert (>= y_0 1)\n";
    assert_eq!(smt::read_smt2(broken, &options).assertions, 0);
}

#[test]
fn exponents_are_exact() {
    assert_eq!(
        answer("ordering y_0\ny_0 >= 6.5e-05\ny_0 < 0.000065\n"),
        Answer::Unsatisfiable
    );
    assert_eq!(
        answer("ordering y_0\ny_0 >= 6.5e-05\ny_0 <= 0.000065\n"),
        Answer::Satisfiable
    );
    assert_eq!(
        answer("ordering y_0\ny_0 > 6.5e-05\ny_0 <= 0.000065\n"),
        Answer::Unsatisfiable
    );
    assert_eq!(
        answer("ordering y_0\ny_0 >= 6.5E-5\ny_0 < 0.0000650000000000000000000000000001\n"),
        Answer::Satisfiable
    );
}

#[test]
fn long_decimals_are_exact() {
    // Both disjuncts are empty by a margin of 1e-34: only exact arithmetic sees it.
    let tight = "ordering y_0\n\
                 y_0 >= 0\n\
                 y_0 <= 0.000065\n\
                 y_0 > 0.0000650000000000000000000000000001 or y_0 < 0\n";
    assert_eq!(answer(tight), Answer::Unsatisfiable);
    let loose = "ordering y_0\n\
                 y_0 >= 0\n\
                 y_0 <= 0.0000650000000000000000000000000002\n\
                 y_0 > 0.0000650000000000000000000000000001 or y_0 < 0\n";
    assert_eq!(answer(loose), Answer::Satisfiable);
}

#[test]
fn tiny_and_huge_exponents_are_exact() {
    let tiny_written_out = format!("0.{}1", "0".repeat(299));
    assert_eq!(
        answer(&format!(
            "ordering y_0\ny_0 >= 1e-300\ny_0 < {tiny_written_out}\n"
        )),
        Answer::Unsatisfiable
    );
    assert_eq!(
        answer("ordering y_0\ny_0 > 0\ny_0 < 1e-300\n"),
        Answer::Satisfiable
    );
    // f64::MAX written with an exponent and as its exact 309-digit integer.
    let maximum = format!("17976931348623157{}", "0".repeat(292));
    assert_eq!(maximum.len(), 309);
    assert_eq!(
        answer(&format!(
            "ordering y_0\ny_0 >= 1.7976931348623157e308\ny_0 < {maximum}\n"
        )),
        Answer::Unsatisfiable
    );
    assert_eq!(
        answer(&format!(
            "ordering y_0\ny_0 > 1.7976931348623157e308\ny_0 <= {maximum}\n"
        )),
        Answer::Unsatisfiable
    );
    assert_eq!(
        answer(&format!(
            "ordering y_0\ny_0 >= 1.7976931348623157e308\ny_0 <= {maximum}.0000000000000000000000000000000000000001\n"
        )),
        Answer::Satisfiable
    );
}

#[test]
fn huge_integers_and_fractions_are_exact() {
    let huge = "123456789012345678901234567890123456789012345";
    let huge_minus_one = "123456789012345678901234567890123456789012344";
    assert_eq!(
        answer(&format!(
            "ordering y_0 y_1\ny_0 - y_1 >= {huge}\ny_1 >= 0\ny_0 <= {huge_minus_one}\n"
        )),
        Answer::Unsatisfiable
    );
    assert_eq!(
        answer(&format!(
            "ordering y_0 y_1\ny_0 - y_1 >= {huge}\ny_1 >= 0\ny_0 <= {huge}\n"
        )),
        Answer::Satisfiable
    );
    // A third is not a finite decimal; 3 * (y_0 / 3) must still be exactly y_0.
    assert_eq!(
        answer("ordering y_0\ny_0 / 3 >= 1\ny_0 < 3\n"),
        Answer::Unsatisfiable
    );
    assert_eq!(
        answer("ordering y_0 y_1\ny_0 / 3 - y_1 / 7 > 0\n7 * y_0 <= 3 * y_1\n"),
        Answer::Unsatisfiable
    );
}

#[test]
fn negative_coefficients_and_constants_are_exact() {
    assert_eq!(
        answer("ordering y_0 y_1\n-0.5 y_0 - y_1 >= -1e-5\ny_1 >= 0\ny_0 > 0.00002\n"),
        Answer::Unsatisfiable
    );
    assert_eq!(
        answer("ordering y_0 y_1\n-0.5 y_0 - y_1 >= -1e-5\ny_1 >= 0\ny_0 >= 0.00002\n"),
        Answer::Satisfiable
    );
}

/// Runs `reqc` with arguments from the repository root.
fn reqc(arguments: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_reqc"))
        .current_dir(root())
        .args(arguments)
        .output()
        .expect("run reqc")
}

#[test]
fn smt2_snapshot() {
    let output = reqc(&["compile", "tests/smt2/credit.req", "--emit", "smt2"]);
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let actual = String::from_utf8(output.stdout).expect("UTF-8 output");
    common::assert_snapshot(&root().join("tests/smt2/credit.smt2"), &actual);
    // The snapshot must itself mean what the file means.
    let source = std::fs::read_to_string(root().join("tests/smt2/credit.req")).expect("read");
    let direct = smt::satisfiability(&specification(&source), &SolverOptions::default());
    let reading = smt::read_smt2(&actual, &SolverOptions::default());
    assert_eq!(reading.answer, direct);
    assert_eq!(reading.assertions, 7);
}

#[test]
fn smt2_output_file_matches_standard_output() {
    let directory = std::env::temp_dir().join(format!("reqc-smt2-{}", std::process::id()));
    std::fs::create_dir_all(&directory).expect("create a temporary directory");
    let target = directory.join("credit.smt2");
    let target_text = target.to_string_lossy().into_owned();
    let written = reqc(&[
        "compile",
        "tests/smt2/credit.req",
        "--emit",
        "smt2",
        "-o",
        &target_text,
    ]);
    assert_eq!(written.status.code(), Some(0), "{written:?}");
    assert!(written.stdout.is_empty());
    let printed = reqc(&["compile", "tests/smt2/credit.req", "--emit", "smt2"]);
    let file = std::fs::read(&target).expect("read the written file");
    assert_eq!(file, printed.stdout);
    // Nothing but the output is left behind by the atomic write.
    let entries = std::fs::read_dir(&directory).expect("list").count();
    assert_eq!(entries, 1);
    std::fs::remove_dir_all(&directory).expect("clean up");
}

#[test]
fn compile_refuses_files_with_errors() {
    let output = reqc(&[
        "compile",
        "tests/ui/names/missing_ordering.req",
        "--emit",
        "smt2",
    ]);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(output.stdout.is_empty());
}

#[test]
fn solver_checks_are_deterministic() {
    let path = root().join("../shared/requirements/pishield-custom/equality_constraints2.txt");
    let source = std::fs::read_to_string(path).expect("read");
    let first = solver_diagnostics(&source);
    let second = solver_diagnostics(&source);
    assert_eq!(first, second);
    let specification = specification(&source);
    assert_eq!(smt::smt2(&specification), smt::smt2(&specification));
}
