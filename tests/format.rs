//! `reqc fmt` through the library: idempotent on every file we have, the formatted text checks to
//! the same specification, and comments and blank lines are kept as documented.

mod common;

use reqc::linear::Inequality;
use reqc::spec::Specification;
use std::path::{Path, PathBuf};

/// Formats a text that parses cleanly.
fn format(text: &str) -> String {
    let parsed = reqc::syntax::parse(text);
    assert!(
        parsed.diagnostics.is_empty(),
        "not formattable: {:?}\n{text}",
        parsed.diagnostics
    );
    reqc::format::format(text, &parsed.file)
}

/// Every file the formatter can take: shared files, examples, and UI inputs without syntax errors.
fn formattable_files() -> Vec<(PathBuf, String)> {
    let mut paths = common::shared_requirement_files();
    paths.extend(common::example_files());
    let mut files: Vec<(PathBuf, String)> = paths
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("UTF-8");
            (path, text)
        })
        .collect();
    let mut ui_taken = 0;
    for path in common::ui_files() {
        let Ok(text) = reqc::decode(std::fs::read(&path).expect("read")) else {
            continue;
        };
        if reqc::syntax::parse(&text).diagnostics.is_empty() {
            files.push((path, text));
            ui_taken += 1;
        }
    }
    // Most UI inputs are about checking, not syntax, so most must be formattable.
    assert!(ui_taken >= 30, "only {ui_taken} UI files parse cleanly");
    files
}

/// What a specification means, without source spans or requirement texts (which formatting changes).
#[derive(Debug, PartialEq)]
struct Meaning {
    columns: usize,
    ordering: Vec<usize>,
    names: Vec<(usize, String)>,
    inputs: Vec<usize>,
    requirements: Vec<(Option<String>, Vec<Vec<Inequality>>)>,
    calibrations: Vec<String>,
    equivalences: Vec<(String, Vec<Vec<Vec<Inequality>>>)>,
}

fn clauses(requirement: &reqc::spec::Requirement) -> Vec<Vec<Inequality>> {
    requirement
        .clauses
        .iter()
        .map(|clause| {
            clause
                .disjuncts
                .iter()
                .map(|disjunct| disjunct.inequality.clone())
                .collect()
        })
        .collect()
}

fn meaning(specification: &Specification) -> Meaning {
    Meaning {
        columns: specification.columns,
        ordering: specification.ordering.clone(),
        names: specification
            .names
            .iter()
            .map(|(column, name)| (*column, name.clone()))
            .collect(),
        inputs: specification.inputs.iter().copied().collect(),
        requirements: specification
            .requirements
            .iter()
            .map(|requirement| (requirement.name.clone(), clauses(requirement)))
            .collect(),
        calibrations: specification
            .calibrations
            .iter()
            .map(|calibration| {
                // Everything but the span, which formatting moves.
                let mut calibration = calibration.clone();
                calibration.span = Default::default();
                calibration.name_span = Default::default();
                calibration.value_spans.clear();
                format!("{calibration:?}")
            })
            .collect(),
        equivalences: specification
            .equivalences
            .iter()
            .map(|equivalence| {
                (
                    format!(
                        "{} {:?} {:?} {:?} {:?} {:?} {:?} {:?} {:?}",
                        equivalence.name,
                        equivalence.left,
                        equivalence.right,
                        equivalence.relation,
                        equivalence.domain,
                        equivalence.features,
                        equivalence.timeout_seconds,
                        equivalence.encoding,
                        equivalence.names
                    ),
                    equivalence.requirements.iter().map(clauses).collect(),
                )
            })
            .collect(),
    }
}

fn codes(text: &str, base: &Path) -> Vec<&'static str> {
    reqc::front_end(text, base, &reqc::world::DiskWorld)
        .diagnostics
        .iter()
        .map(|diagnostic| diagnostic.code.as_str())
        .collect()
}

#[test]
fn formatting_is_idempotent_on_every_file() {
    let mut failures = Vec::new();
    for (path, text) in formattable_files() {
        let once = format(&text);
        let twice = format(&once);
        if once != twice {
            failures.push(format!(
                "{}:\n--- once\n{once}--- twice\n{twice}",
                common::shown(&path)
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_formatted_text_checks_to_the_same_specification() {
    let mut compared = 0;
    for (path, text) in formattable_files() {
        let base = common::base_of(&path);
        let formatted = format(&text);
        let name = common::shown(&path);
        // Files with check errors have no specification; their diagnostics must stay the same.
        assert_eq!(codes(&text, &base), codes(&formatted, &base), "{name}");
        let before = reqc::front_end(&text, &base, &reqc::world::DiskWorld).specification;
        let after = reqc::front_end(&formatted, &base, &reqc::world::DiskWorld).specification;
        match (before, after) {
            (Some(before), Some(after)) => {
                assert_eq!(meaning(&before), meaning(&after), "{name}");
                compared += 1;
            }
            (None, None) => {}
            _ => panic!("{name}: formatting changed whether the file checks"),
        }
    }
    assert!(compared >= 30, "only {compared} specifications compared");
}

#[test]
fn the_shared_files_are_already_nearly_canonical() {
    // PiShield's layout is the canonical one apart from spacing: formatting must not add
    // or drop lines, which would mean an item was lost or split.
    for path in common::shared_requirement_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = format(&text);
        let lines = |text: &str| text.lines().filter(|line| !line.trim().is_empty()).count();
        assert_eq!(lines(&text), lines(&formatted), "{}", common::shown(&path));
    }
}

#[test]
fn comments_are_kept_where_they_were() {
    let source = "\n\n# A header comment.\n\n\n\n\
                  ordering y_0 y_1   # trailing on the ordering\n\
                  \x20  # an indented full-line comment\n\
                  y_0>=1\n\n\n\n\n\
                  calibration c {   # on the block header\n\
                  \x20 # inside the block, on its own line\n\
                  \x20     predictions=\"p.npz\"    # trailing inside the block\n\n\n\
                  \x20 rule = legacy\n\
                  \x20 # before the closing brace\n\
                  }  # after the closing brace\n\
                  y_1 >= 0 # \"quoted\" # and a second hash\n\
                  # the last comment\n\n\n";
    let expected = "# A header comment.\n\
                    \n\
                    ordering y_0 y_1 # trailing on the ordering\n\
                    # an indented full-line comment\n\
                    y_0 >= 1\n\
                    \n\
                    calibration c { # on the block header\n\
                    \x20   # inside the block, on its own line\n\
                    \x20   predictions = \"p.npz\" # trailing inside the block\n\
                    \n\
                    \x20   rule = legacy\n\
                    \x20   # before the closing brace\n\
                    } # after the closing brace\n\
                    y_1 >= 0 # \"quoted\" # and a second hash\n\
                    # the last comment\n";
    assert_eq!(format(source), expected);
    assert_eq!(format(expected), expected);
}

#[test]
fn a_hash_inside_a_string_is_not_a_comment() {
    let source =
        "calibration c {\n  predictions = \"data#1.npz\"  # the real comment\n  rule = legacy\n}\n";
    assert_eq!(
        format(source),
        "calibration c {\n    predictions = \"data#1.npz\" # the real comment\n    rule = legacy\n}\n"
    );
}

#[test]
fn blank_lines_collapse_to_one_and_comment_lines_are_not_blank() {
    let source = "ordering y_0\n\n\n\n# one\n# two\n\n\n\ny_0 >= 1\ny_0 <= 2\n";
    assert_eq!(
        format(source),
        "ordering y_0\n\n# one\n# two\n\ny_0 >= 1\ny_0 <= 2\n"
    );
}

#[test]
fn windows_line_breaks_become_unix_ones() {
    let source = "ordering y_0\r\n\r\n\r\ny_0 >= 1 # a comment\r\n";
    assert_eq!(format(source), "ordering y_0\n\ny_0 >= 1 # a comment\n");
}

#[test]
fn expressions_get_the_canonical_spacing() {
    let source = "ordering y_0 y_1 limit\nvar limit = y_2 in [ -inf , 1e6 ]\n\
                  requirement  r :y_0+2*y_1-( y_0 - 3y_1 )/4>=-1.50 or neg limit==y_0\n\
                  1500y_1 - 0.5 y_0 < .5\n";
    assert_eq!(
        format(source),
        "ordering y_0 y_1 limit\nvar limit = y_2 in [-inf, 1e6]\n\
         requirement r: y_0 + 2 * y_1 - (y_0 - 3y_1) / 4 >= -1.50 or neg limit == y_0\n\
         1500y_1 - 0.5y_0 < .5\n"
    );
}
