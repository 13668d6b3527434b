//! Command-line tests: the real `reqc` binary on bad files, several files, JSON output,
//! `explain`, `fmt` and the README's main command, checking exit codes and output.

mod common;

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A directory under the system's temporary directory, removed when dropped (also when a test fails).
struct Scratch {
    path: PathBuf,
}

impl Scratch {
    fn new(label: &str) -> Scratch {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let unique = format!(
            "reqc-cli-{label}-{}-{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::SeqCst)
        );
        let path = std::env::temp_dir().join(unique);
        std::fs::create_dir_all(&path).expect("create a scratch directory");
        Scratch { path }
    }

    fn write(&self, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
        let path = self.path.join(name);
        std::fs::write(&path, bytes).expect("write a scratch file");
        path
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

fn reqc(arguments: &[&str], directory: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_reqc"))
        .current_dir(directory)
        .args(arguments)
        .env("NO_COLOR", "1")
        .output()
        .expect("run reqc")
}

fn exit_code(output: &Output) -> i32 {
    output.status.code().expect("reqc exited, not killed")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

/// Every stdout line of `--message-format json`, parsed.
fn json_lines(output: &Output) -> Vec<Value> {
    stdout(output)
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|error| panic!("not JSON: {line}: {error}"))
        })
        .collect()
}

fn codes(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .map(|diagnostic| diagnostic["code"].as_str().expect("a code").to_string())
        .collect()
}

/// Checks a file with JSON output and returns the exit code and the diagnostic codes.
fn check_codes(path: &Path) -> (i32, Vec<String>) {
    let output = reqc(
        &[
            "check",
            "--message-format",
            "json",
            path.to_str().expect("UTF-8 path"),
        ],
        &common::root(),
    );
    assert_no_panic(&output);
    (exit_code(&output), codes(&json_lines(&output)))
}

fn assert_no_panic(output: &Output) {
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(!text.contains("panicked"), "reqc panicked:\n{text}");
    assert_ne!(output.status.code(), Some(101), "reqc panicked:\n{text}");
}

#[test]
fn a_missing_file_is_an_io_error_naming_it() {
    let scratch = Scratch::new("missing");
    let missing = scratch.path.join("no_such_file.req");
    let output = reqc(&["check", missing.to_str().unwrap()], &scratch.path);
    assert_no_panic(&output);
    assert_eq!(exit_code(&output), 2);
    let message = stderr(&output);
    assert!(
        message.contains("no_such_file.req") && message.contains("error"),
        "{message}"
    );
    assert!(
        !message.contains("os error"),
        "the message keeps Rust's noise: {message}"
    );
}

#[test]
fn a_directory_is_an_io_error() {
    let scratch = Scratch::new("directory");
    let output = reqc(&["check", "."], &scratch.path);
    assert_no_panic(&output);
    assert_eq!(exit_code(&output), 2);
    assert!(stderr(&output).contains("directory"), "{}", stderr(&output));
}

#[test]
fn bad_contents_get_file_codes() {
    let scratch = Scratch::new("contents");
    let binary = scratch.write("binary.req", b"ordering y_0\ny_0 >= 1\0\0\x01\x02");
    let latin1 = b"ordering y_0\n# caf\xe9\ny_0 >= 1\n";
    let not_utf8 = scratch.write("latin1.req", latin1);
    let empty = scratch.write("empty.req", b"");
    let only_comments = scratch.write("comments.req", b"# nothing here\n\n   \n");
    assert_eq!(check_codes(&binary), (1, vec!["E0002".to_string()]));
    assert_eq!(check_codes(&not_utf8), (1, vec!["E0001".to_string()]));
    assert_eq!(check_codes(&empty), (0, vec!["W0004".to_string()]));
    assert_eq!(check_codes(&only_comments), (0, vec!["W0004".to_string()]));

    // The first invalid byte is where the diagnostic points.
    let output = reqc(
        &[
            "check",
            "--message-format",
            "json",
            not_utf8.to_str().unwrap(),
        ],
        &scratch.path,
    );
    let diagnostics = json_lines(&output);
    let invalid = latin1.iter().position(|byte| *byte == 0xe9).unwrap();
    assert_eq!(diagnostics[0]["byte_start"], invalid);
    assert_eq!(diagnostics[0]["line_start"], 2);
}

#[test]
fn a_huge_file_is_refused_without_reading_it() {
    let scratch = Scratch::new("huge");
    let path = scratch.path.join("huge.req");
    let file = std::fs::File::create(&path).expect("create the huge file");
    // 100 MB, well over the limit; `set_len` makes it without writing 100 MB of data.
    let size: u64 = 100 * 1000 * 1000;
    assert!(size > reqc::MAXIMUM_SOURCE_BYTES);
    file.set_len(size).expect("size the huge file");
    drop(file);
    let (code, found) = check_codes(&path);
    assert_eq!((code, found), (1, vec!["E0003".to_string()]));
    let output = reqc(&["check", path.to_str().unwrap()], &scratch.path);
    assert!(stderr(&output).contains("96 MiB"), "{}", stderr(&output));
    // The formatter refuses it too, and leaves it alone.
    let output = reqc(&["fmt", path.to_str().unwrap()], &scratch.path);
    assert_no_panic(&output);
    assert_eq!(exit_code(&output), 1);
    assert_eq!(std::fs::metadata(&path).unwrap().len(), size);
}

#[test]
fn several_files_report_every_good_one_even_when_one_is_missing() {
    let scratch = Scratch::new("several");
    scratch.write("good.req", "ordering y_0\ny_0 >= 0.1\n");
    scratch.write("also_good.req", "ordering y_0\ny_0 >= 1\n");
    let output = reqc(
        &[
            "check",
            "--color",
            "never",
            "good.req",
            "missing.req",
            "also_good.req",
        ],
        &scratch.path,
    );
    assert_no_panic(&output);
    assert_eq!(exit_code(&output), 2);
    let message = stderr(&output);
    assert!(message.contains("missing.req"), "{message}");
    assert!(
        message.contains("warning[W0302]") && message.contains("good.req:2:8"),
        "the good file's diagnostic is missing:\n{message}"
    );
    assert!(message.contains("checked also_good.req"), "{message}");
}

/// One-based line and column (in characters) of a byte offset, computed independently of reqc.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    (line, before[line_start..].chars().count() + 1)
}

/// Asserts the position fields of a JSON object (a diagnostic or a label) against `text[start..end]`.
fn assert_range(object: &Value, text: &str, start: usize, end: usize) {
    let (line_start, column_start) = line_column(text, start);
    let (line_end, column_end) = line_column(text, end);
    for (field, expected) in [
        ("byte_start", start),
        ("byte_end", end),
        ("line_start", line_start),
        ("column_start", column_start),
        ("line_end", line_end),
        ("column_end", column_end),
    ] {
        assert_eq!(
            object[field].as_u64(),
            Some(expected as u64),
            "{field} of {object}"
        );
    }
}

#[test]
fn json_output_has_every_field() {
    let scratch = Scratch::new("json");
    let text = "ordering y_0 limit\n\
                var limit = y_1\n\
                var limit = y_2\n\
                y_0 >= 0.1\n\
                y_0 >= limt # a typo\n\
                calibration digits {\n    predictions = \"é.npz\"\n    rule = legacy\n}\n";
    scratch.write("small.req", text);
    let output = reqc(
        &["check", "--message-format", "json", "small.req"],
        &scratch.path,
    );
    assert_no_panic(&output);
    assert_eq!(exit_code(&output), 1);
    assert_eq!(
        stderr(&output),
        "",
        "JSON mode prints nothing but JSON lines"
    );
    let diagnostics = json_lines(&output);
    assert_eq!(codes(&diagnostics), ["E0207", "W0302", "E0206", "E0505"]);
    for diagnostic in &diagnostics {
        let object = diagnostic.as_object().expect("an object");
        let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            [
                "byte_end",
                "byte_start",
                "code",
                "column_end",
                "column_start",
                "file",
                "help",
                "labels",
                "line_end",
                "line_start",
                "message",
                "notes",
                "severity"
            ]
        );
        assert_eq!(diagnostic["file"], "small.req");
        for label in diagnostic["labels"].as_array().expect("labels") {
            assert!(label["message"].is_string() && label["primary"].is_boolean());
        }
    }

    // A name declared twice: the primary label on the second, a secondary on the first.
    let duplicate = &diagnostics[0];
    let second = text.rfind("limit = y_2").unwrap();
    let first = text.find("limit = y_1").unwrap();
    assert_eq!(duplicate["severity"], "error");
    assert_eq!(duplicate["message"], "the name `limit` is declared twice");
    assert_range(duplicate, text, second, second + 5);
    let labels = duplicate["labels"].as_array().unwrap();
    assert_eq!(labels.len(), 2);
    assert_range(&labels[0], text, second, second + 5);
    assert_eq!(labels[0]["primary"], true);
    assert_range(&labels[1], text, first, first + 5);
    assert_eq!(labels[1]["primary"], false);
    assert_eq!(labels[1]["message"], "first declared here");
    assert!(!duplicate["notes"].as_array().unwrap().is_empty());

    let inexact = &diagnostics[1];
    let literal = text.find("0.1").unwrap();
    assert_eq!(inexact["severity"], "warning");
    assert_range(inexact, text, literal, literal + 3);
    assert!(inexact["help"][0]
        .as_str()
        .unwrap()
        .contains("--allow W0302"));

    let unknown = &diagnostics[2];
    let typo = text.find("limt").unwrap();
    assert_eq!(unknown["message"], "cannot find variable `limt`");
    assert_range(unknown, text, typo, typo + 4);
    assert_eq!(
        unknown["help"],
        serde_json::json!(["a variable with a similar name exists: `limit`"])
    );
    assert_eq!(unknown["notes"], serde_json::json!([]));

    // Columns count characters, not bytes: `é` is two bytes and one column.
    let missing = &diagnostics[3];
    let path = text.find("\"é.npz\"").unwrap();
    assert_range(missing, text, path, path + "\"é.npz\"".len());
    assert_eq!(
        missing["column_end"].as_u64().unwrap() - missing["column_start"].as_u64().unwrap(),
        7
    );
}

/// The section of the language reference under `### CODE`, extracted independently of reqc.
fn reference_section(code: &str) -> String {
    let reference =
        std::fs::read_to_string(common::root().join("specs/language.md")).expect("read reference");
    let start = reference
        .find(&format!("### {code}:"))
        .expect("the code is documented");
    let rest = &reference[start..];
    let end = rest[4..]
        .find("\n### ")
        .map_or(rest.len(), |index| index + 4);
    rest[..end].trim().to_string()
}

#[test]
fn explain_prints_the_reference_section() {
    let output = reqc(&["explain", "E0201"], &common::root());
    assert_eq!(exit_code(&output), 0);
    assert_eq!(stdout(&output).trim(), reference_section("E0201"));
    assert!(stdout(&output).contains("Fix: add `ordering y_0 y_1`."));

    let output = reqc(&["explain", "w0302"], &common::root());
    assert_eq!(exit_code(&output), 0);
    assert_eq!(stdout(&output).trim(), reference_section("W0302"));

    for unknown in ["E9999", "banana", ""] {
        let output = reqc(&["explain", unknown], &common::root());
        assert_no_panic(&output);
        assert_eq!(exit_code(&output), 2, "explain {unknown:?}");
        assert_eq!(stdout(&output), "");
    }
}

#[test]
fn the_readme_main_command_checks_cleanly() {
    let readme = std::fs::read_to_string(common::root().join("README.md")).expect("read README");
    assert!(
        readme.contains("cargo run --release -- check examples/credit.req"),
        "the README's main command changed; update this test"
    );
    let output = reqc(&["check", "examples/credit.req"], &common::root());
    assert_no_panic(&output);
    assert_eq!(exit_code(&output), 0, "{}", stderr(&output));
    assert!(
        stderr(&output).contains("checked examples/credit.req: 8 requirements over 8 columns"),
        "{}",
        stderr(&output)
    );
}

const UNFORMATTED: &str = "ordering   y_0 y_1 # the order\ny_0+2 * y_1>=1\n\n\n\ny_1 >= 0\n";
const FORMATTED: &str = "ordering y_0 y_1 # the order\ny_0 + 2 * y_1 >= 1\n\ny_1 >= 0\n";

#[test]
fn fmt_check_reports_without_writing() {
    let scratch = Scratch::new("fmt-check");
    let unformatted = scratch.write("unformatted.req", UNFORMATTED);
    let formatted = scratch.write("formatted.req", FORMATTED);

    let output = reqc(&["fmt", "--check", "unformatted.req"], &scratch.path);
    assert_no_panic(&output);
    assert_eq!(exit_code(&output), 1);
    assert!(stdout(&output).contains("unformatted.req is not formatted"));
    assert_eq!(std::fs::read_to_string(&unformatted).unwrap(), UNFORMATTED);

    let output = reqc(&["fmt", "--check", "formatted.req"], &scratch.path);
    assert_eq!(exit_code(&output), 0, "{}", stdout(&output));
    assert_eq!(std::fs::read_to_string(&formatted).unwrap(), FORMATTED);
}

#[test]
fn fmt_rewrites_in_place() {
    let scratch = Scratch::new("fmt-write");
    let path = scratch.write("spec.req", UNFORMATTED);
    let output = reqc(&["fmt", "spec.req"], &scratch.path);
    assert_no_panic(&output);
    assert_eq!(exit_code(&output), 0, "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FORMATTED);
    let output = reqc(&["fmt", "--check", "spec.req"], &scratch.path);
    assert_eq!(exit_code(&output), 0);
}

#[test]
fn fmt_leaves_a_file_with_syntax_errors_byte_identical() {
    let scratch = Scratch::new("fmt-broken");
    let broken = "ordering   y_0\ny_0 => 1\r\ny_0+1>=2   # fine but unformatted\n";
    let path = scratch.write("broken.req", broken);
    for arguments in [
        ["fmt", "broken.req"].as_slice(),
        &["fmt", "--check", "broken.req"],
    ] {
        let output = reqc(arguments, &scratch.path);
        assert_no_panic(&output);
        assert_eq!(exit_code(&output), 1);
        assert!(stderr(&output).contains("E0101"), "{}", stderr(&output));
        assert_eq!(std::fs::read(&path).unwrap(), broken.as_bytes());
    }
}

#[cfg(unix)]
#[test]
fn fmt_replaces_the_file_atomically() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let scratch = Scratch::new("fmt-atomic");
    let path = scratch.write("spec.req", UNFORMATTED);
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
    // A hard link keeps the old file reachable: writing in place would change what it
    // shows, while writing a new file and renaming it over the old name does not.
    let link = scratch.path.join("old_link.req");
    std::fs::hard_link(&path, &link).unwrap();
    let inode_before = std::fs::metadata(&path).unwrap().ino();

    let output = reqc(&["fmt", "spec.req"], &scratch.path);
    assert_eq!(exit_code(&output), 0, "{}", stderr(&output));

    let metadata = std::fs::metadata(&path).unwrap();
    assert_ne!(
        metadata.ino(),
        inode_before,
        "the file was rewritten in place"
    );
    assert_eq!(std::fs::read_to_string(&link).unwrap(), UNFORMATTED);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FORMATTED);
    assert_eq!(metadata.permissions().mode() & 0o777, 0o640);
    // No temporary file is left behind.
    let mut names: Vec<String> = std::fs::read_dir(&scratch.path)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["old_link.req", "spec.req"]);
}

#[test]
fn a_sum_of_ten_thousand_terms_neither_aborts_check_nor_fmt() {
    // Such a line once overflowed the stack and aborted reqc (a signal, not even a panic).
    let scratch = Scratch::new("long-sum");
    let terms = vec!["y_0"; 10_000].join(" + ");
    scratch.write("long.req", format!("ordering y_0\n{terms} >= 1\n"));
    let output = reqc(&["check", "long.req"], &scratch.path);
    assert_no_panic(&output);
    assert_eq!(exit_code(&output), 0, "{}", stderr(&output));
    let output = reqc(&["fmt", "--check", "long.req"], &scratch.path);
    assert_no_panic(&output);
    assert_eq!(exit_code(&output), 0, "{}", stdout(&output));
}
