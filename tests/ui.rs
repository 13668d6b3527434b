//! UI tests: every `tests/ui/**/*.req` is checked by the real `reqc` binary and its
//! output compared with the `.expected` file beside it.
//!
//! A first line `# reqc-args: ...` adds arguments to `reqc check`; a first line
//! `# reqc-command: compile --emit sets` runs that command instead. Re-bless the
//! expected files after an intended change with `REQC_BLESS=1 cargo test --test ui`.

mod common;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

fn collect(directory: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(directory)
        .expect("read tests/ui")
        .map(|entry| entry.expect("directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "req") {
            found.push(path);
        }
    }
}

/// Runs `reqc check` on a file as a user would, from the repository root with a relative path.
fn run(relative: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(root.join(relative)).expect("read test file");
    let text = String::from_utf8_lossy(&bytes);
    let first_line = text.lines().next().unwrap_or("");
    let words = |prefix: &str| -> Option<Vec<String>> {
        first_line
            .strip_prefix(prefix)
            .map(|arguments| arguments.split_whitespace().map(String::from).collect())
    };
    let (command, extra) = match (words("# reqc-command:"), words("# reqc-args:")) {
        (Some(mut command), _) => {
            let name = command.remove(0);
            (name, command)
        }
        (None, arguments) => ("check".to_string(), arguments.unwrap_or_default()),
    };
    let output = Command::new(env!("CARGO_BIN_EXE_reqc"))
        .current_dir(root)
        .arg(command)
        .arg("--color")
        .arg("never")
        .args(&extra)
        .arg(relative)
        .env_remove("NO_COLOR")
        .output()
        .expect("run reqc");
    let mut rendered = format!("exit: {}\n", output.status.code().unwrap_or(-1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !stdout.is_empty() {
        rendered.push_str("--- stdout\n");
        rendered.push_str(&stdout);
    }
    if !stderr.is_empty() {
        rendered.push_str("--- stderr\n");
        rendered.push_str(&stderr);
    }
    rendered
}

#[test]
fn ui() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("tests/ui"), &mut files);
    assert!(files.len() > 30, "the UI suite went missing");
    let mut failures = Vec::new();
    let mut codes_seen = BTreeSet::new();
    for path in &files {
        let relative = path.strip_prefix(root).expect("under the root");
        let actual = run(relative);
        for word in actual.split(|character: char| !character.is_ascii_alphanumeric()) {
            if reqc::diagnostics::Code::parse(word).is_some() {
                codes_seen.insert(word.to_string());
            }
        }
        if let Err(failure) = common::check_snapshot(&path.with_extension("expected"), &actual) {
            failures.push(failure);
        }
    }
    assert!(
        failures.is_empty(),
        "{} UI test(s) failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );

    // Every diagnostic code has a UI test, except those whose input cannot be a
    // committed file; each exemption names the test that covers it instead.
    let exempt = [
        ("E0003", "tests/cli.rs: a 100 MB file"),
        (
            "W1205",
            "tests/equivalence.rs: undecided_within_the_time_limit (a timing-dependent answer)",
        ),
        (
            "W0803",
            "tests/verify.rs: a zero time limit, which the command line does not accept",
        ),
    ];
    for code in reqc::diagnostics::Code::ALL {
        let text = code.as_str();
        assert!(
            reqc::diagnostics::explanation(*code).is_some(),
            "diagnostic code {text} has no `### {text}` section in specs/language.md"
        );
        if !codes_seen.contains(text) && !exempt.iter().any(|(code, _)| *code == text) {
            panic!("diagnostic code {text} has no UI test in tests/ui");
        }
    }
}
