//! The real requirement files in `../shared` (PiShield's QFLRA format) check without errors,
//! with exactly the warnings listed here, file by file, and to the specification their text implies.

mod common;

use reqc::diagnostics::Severity;
use std::collections::BTreeSet;
use std::path::Path;

/// Every shared file with the diagnostics it must get: (code, the source text the
/// diagnostic points at). A file missing from this table, or a table entry without a
/// file, fails the test, so the table stays complete.
const EXPECTED: &[(&str, &[(&str, &str)])] = &[
    ("requirements/constrained-dgm/botnet_constraints.txt", &[]),
    ("requirements/constrained-dgm/faults_constraints.txt", &[]),
    ("requirements/constrained-dgm/heloc_constraints.txt", &[]),
    ("requirements/constrained-dgm/lcld_constraints.txt", &[]),
    ("requirements/constrained-dgm/news_constraints.txt", &[]),
    ("requirements/constrained-dgm/url_constraints.txt", &[]),
    ("requirements/constrained-dgm/wids_constraints.txt", &[]),
    (
        "requirements/pishield-custom/constraints_constants1.txt",
        &[],
    ),
    (
        "requirements/pishield-custom/constraints_constants2.txt",
        &[],
    ),
    (
        "requirements/pishield-custom/constraints_constants3.txt",
        &[],
    ),
    (
        "requirements/pishield-custom/equality_constraints1.txt",
        &[],
    ),
    (
        "requirements/pishield-custom/equality_constraints2.txt",
        // `y_0 >= 1.8`: 1.8 has no exact f32.
        &[("W0302", "1.8")],
    ),
    (
        "requirements/pishield-custom/equality_constraints3.txt",
        &[],
    ),
    ("requirements/pishield-custom/tiny_constraints1.txt", &[]),
    ("requirements/pishield-custom/tiny_constraints2.txt", &[]),
    ("requirements/pishield-custom/tiny_constraints3.txt", &[]),
    ("requirements/pishield-custom/tiny_constraints4.txt", &[]),
    (
        "cases/bands.txt",
        // The band edges 0.1, 0.3, 0.4, 0.6 and 0.7 are all inexact in f32.
        &[
            ("W0302", "0.7"),
            ("W0302", "0.1"),
            ("W0302", "0.3"),
            ("W0302", "0.4"),
            ("W0302", "0.6"),
        ],
    ),
    ("cases/disj_small.txt", &[]),
    ("cases/infeasible.txt", &[]),
    ("cases/norm_neg.txt", &[]),
    ("cases/norm_pos.txt", &[]),
    ("cases/two_holes.txt", &[]),
];

fn relative(path: &Path) -> String {
    path.strip_prefix(common::shared())
        .expect("under ../shared")
        .display()
        .to_string()
}

#[test]
fn every_shared_file_has_exactly_its_listed_diagnostics() {
    let files = common::shared_requirement_files();
    let found: BTreeSet<String> = files.iter().map(|path| relative(path)).collect();
    let listed: BTreeSet<String> = EXPECTED.iter().map(|(name, _)| name.to_string()).collect();
    assert_eq!(
        found, listed,
        "the shared files and this test's table differ"
    );

    let mut failures = Vec::new();
    for path in &files {
        let name = relative(path);
        let text = std::fs::read_to_string(path).expect("a shared file is UTF-8");
        let outcome = reqc::front_end(&text, &common::base_of(path), &reqc::world::DiskWorld);
        let actual: Vec<(&str, &str)> = outcome
            .diagnostics
            .iter()
            .map(|diagnostic| {
                let span = diagnostic.primary_span().expect("points somewhere");
                (diagnostic.code.as_str(), &text[span.range()])
            })
            .collect();
        let expected = EXPECTED
            .iter()
            .find(|(listed, _)| *listed == name)
            .map(|(_, diagnostics)| diagnostics.to_vec())
            .expect("listed");
        if actual != expected {
            failures.push(format!("{name}: expected {expected:?}, got {actual:?}"));
        }
        if outcome
            .diagnostics
            .iter()
            .any(|diagnostic| diagnostic.severity != Severity::Warning)
        {
            failures.push(format!("{name}: a diagnostic that is not a warning"));
        }
        if outcome.specification.is_none() {
            failures.push(format!("{name}: no specification"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The column indices written in a text (`y_k`), read without reqc.
fn columns_written(text: &str) -> Vec<usize> {
    let mut columns = Vec::new();
    let mut rest = text;
    while let Some(position) = rest.find("y_") {
        let digits: String = rest[position + 2..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if let Ok(column) = digits.parse() {
            columns.push(column);
        }
        rest = &rest[position + 2..];
    }
    columns
}

/// In PiShield's format the first line is the ordering and every other line one
/// requirement, so the specification's shape can be read off the text independently.
#[test]
fn every_shared_file_checks_to_the_shape_its_text_implies() {
    for path in common::shared_requirement_files() {
        let name = relative(&path);
        let text = std::fs::read_to_string(&path).unwrap();
        let specification =
            reqc::front_end(&text, &common::base_of(&path), &reqc::world::DiskWorld)
                .specification
                .unwrap_or_else(|| panic!("{name}: no specification"));
        let mut lines = text.lines().filter(|line| !line.trim().is_empty());
        let ordering_line = lines.next().expect("an ordering line");
        assert!(ordering_line.starts_with("ordering"), "{name}");
        assert_eq!(
            specification.ordering,
            columns_written(ordering_line),
            "{name}: ordering"
        );
        let requirement_lines: Vec<&str> = lines.collect();
        assert_eq!(
            specification.requirements.len(),
            requirement_lines.len(),
            "{name}: requirements"
        );
        for (requirement, line) in specification.requirements.iter().zip(&requirement_lines) {
            // Each requirement reads exactly the columns its line names.
            let read: BTreeSet<usize> = requirement
                .clauses
                .iter()
                .flat_map(|clause| &clause.disjuncts)
                .flat_map(|disjunct| disjunct.inequality.terms.iter().map(|(column, _)| *column))
                .collect();
            let named: BTreeSet<usize> = columns_written(line).into_iter().collect();
            assert_eq!(read, named, "{name}: `{line}`");
        }
        let widest = columns_written(&text).into_iter().max().unwrap_or(0);
        assert_eq!(specification.columns, widest + 1, "{name}: columns");
    }
}

#[test]
fn botnet_has_the_documented_size() {
    let path = common::shared().join("requirements/constrained-dgm/botnet_constraints.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let specification = reqc::front_end(&text, &common::base_of(&path), &reqc::world::DiskWorld)
        .specification
        .expect("botnet checks");
    assert_eq!(specification.columns, 757);
    assert_eq!(specification.ordering.len(), 757);
    assert_eq!(specification.requirements.len(), 362);
}
