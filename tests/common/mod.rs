//! Helpers shared by the integration tests: where the repository and the shared material are, and which files they hold.

// Each test crate includes this module and uses only part of it, so unused helpers are expected.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The read-only shared material, which tests reference in place and never copy.
pub fn shared() -> PathBuf {
    root().join("../shared")
}

/// Every file under `directory` (recursively) whose name ends in `.extension`, sorted.
pub fn files_with_extension(directory: &Path, extension: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    collect(directory, extension, &mut found);
    found.sort();
    found
}

fn collect(directory: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(directory)
        .unwrap_or_else(|error| panic!("cannot list {}: {error}", directory.display()));
    for entry in entries {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            collect(&path, extension, found);
        } else if path.extension().is_some_and(|found| found == extension) {
            found.push(path);
        }
    }
}

/// The real requirement files: `../shared/requirements/**` and `../shared/cases/*.txt`.
pub fn shared_requirement_files() -> Vec<PathBuf> {
    let mut files = files_with_extension(&shared().join("requirements"), "txt");
    files.extend(files_with_extension(&shared().join("cases"), "txt"));
    assert!(
        files.len() >= 20,
        "the shared requirement files went missing: found {}",
        files.len()
    );
    files
}

/// The repository's own example specifications: `examples/` and `specs/examples/`.
pub fn example_files() -> Vec<PathBuf> {
    let mut files = files_with_extension(&root().join("examples"), "req");
    files.extend(files_with_extension(&root().join("specs/examples"), "req"));
    // Propositional rule files have their own front end and tests (tests/propositional.rs).
    files.retain(|path| {
        !reqc::propositional::detect(&std::fs::read_to_string(path).unwrap_or_default())
    });
    assert!(files.len() >= 2, "the example files went missing");
    files
}

/// The bundled propositional rule files: `examples/propositional/*.{req,txt}`.
pub fn propositional_example_files() -> Vec<PathBuf> {
    let directory = root().join("examples/propositional");
    let mut files = files_with_extension(&directory, "req");
    files.extend(files_with_extension(&directory, "txt"));
    files.sort();
    assert!(files.len() >= 3, "the propositional examples went missing");
    files
}

/// Every UI test input, `tests/ui/**/*.req`, including the deliberately broken ones.
pub fn ui_files() -> Vec<PathBuf> {
    let files = files_with_extension(&root().join("tests/ui"), "req");
    assert!(files.len() > 30, "the UI test files went missing");
    files
}

/// The directory relative paths inside a file resolve against, as the command line uses.
pub fn base_of(path: &Path) -> PathBuf {
    path.parent().expect("a file has a parent").to_path_buf()
}

/// A path relative to the repository root, for readable failure messages.
pub fn shown(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string()
}

/// Runs a python3 script that imports onnxruntime and returns its standard output, or
/// `None` when python3 or onnxruntime is missing (the check is then skipped, and says
/// so); any other failure of the script fails the test.
pub fn run_onnxruntime_script<S: AsRef<std::ffi::OsStr>>(
    script: &str,
    arguments: &[S],
) -> Option<String> {
    let output = std::process::Command::new("python3")
        .args(["-c", script])
        .args(arguments)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&output.stderr);
    if !output.status.success() {
        assert!(
            stderr.contains("No module named"),
            "onnxruntime failed: {stderr}"
        );
        eprintln!("onnxruntime check skipped: {stderr}");
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The one snapshot check of the test suite (UI output, SMT-LIB, LLVM IR): `actual` must
/// equal the file at `path`; with `REQC_BLESS=1` in the environment the file is written
/// instead. The error names the file and shows both texts.
pub fn check_snapshot(path: &Path, actual: &str) -> Result<(), String> {
    let name = path
        .strip_prefix(root())
        .unwrap_or(path)
        .display()
        .to_string();
    if std::env::var_os("REQC_BLESS").is_some() {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|error| format!("{name}: {error}"))?;
        }
        return std::fs::write(path, actual).map_err(|error| format!("{name}: {error}"));
    }
    match std::fs::read_to_string(path) {
        Ok(expected) if expected == actual => Ok(()),
        Ok(expected) => Err(format!(
            "{name}: the output differs from the snapshot (re-bless with REQC_BLESS=1 after an \
             intended change)\n--- expected\n{expected}\n--- actual\n{actual}"
        )),
        Err(_) => Err(format!(
            "{name}: no snapshot; run with REQC_BLESS=1 to create it\n{actual}"
        )),
    }
}

/// [`check_snapshot`], panicking on a mismatch.
pub fn assert_snapshot(path: &Path, actual: &str) {
    if let Err(message) = check_snapshot(path, actual) {
        panic!("{message}");
    }
}

/// Runs the `reqc` binary of this build in the repository root.
pub fn reqc(arguments: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_reqc"))
        .current_dir(root())
        .args(arguments)
        .output()
        .expect("run reqc")
}

/// A command's standard error as text.
pub fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A command's standard output and standard error together, as text.
pub fn output_text(output: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// A fresh, empty directory for one test's files (unique per test binary and label).
pub fn scratch(label: &str) -> PathBuf {
    let directory = std::env::temp_dir().join(format!("reqc-test-{label}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).expect("create a scratch directory");
    directory
}

/// The bytes of an `.npy` file as numpy writes them (version 1, header padded to 64).
pub fn npy(descr: &str, fortran_order: bool, shape: &[usize], data: &[u8]) -> Vec<u8> {
    reqc::data::npy::file_bytes(descr, fortran_order, shape, data)
}
