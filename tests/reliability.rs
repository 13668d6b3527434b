//! Regression tests for hostile inputs and outputs (issue 16): nothing the user gave is
//! lost, clobbered or half-overwritten, special files never hang a command, and every
//! refusal is a clear error naming the path.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{reqc, stderr};

/// A fresh directory holding a copy of the credit example and its predictions.
fn workspace(name: &str) -> PathBuf {
    let directory =
        std::env::temp_dir().join(format!("reqc-reliability-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&directory);
    std::fs::create_dir_all(&directory).expect("a scratch directory");
    for file in ["credit.req", "credit_predictions.csv"] {
        std::fs::copy(
            common::root().join("examples").join(file),
            directory.join(file),
        )
        .expect("copy an example");
    }
    directory
}

fn text(path: &Path) -> &str {
    path.to_str().expect("UTF-8 path")
}

/// The names in a directory, sorted: no temporary file may be left behind.
fn names(directory: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(directory)
        .expect("list")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    names
}

fn correct_into(directory: &Path, output: &Path) -> Output {
    reqc(&[
        "correct",
        text(&directory.join("credit.req")),
        "--input",
        text(&directory.join("credit_predictions.csv")),
        "--output",
        text(output),
    ])
}

#[test]
fn an_output_that_is_an_input_is_refused_and_the_input_kept() {
    let directory = workspace("inputs");
    let requirements = directory.join("credit.req");
    let predictions = directory.join("credit_predictions.csv");
    let before = (
        std::fs::read(&requirements).unwrap(),
        std::fs::read(&predictions).unwrap(),
    );
    for output in [&requirements, &predictions] {
        let run = correct_into(&directory, output);
        assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
        assert!(
            stderr(&run).contains("reqc never writes over its own inputs"),
            "{}",
            stderr(&run)
        );
    }
    // The same file under another name (a hard link) is the same input.
    let alias = directory.join("alias.req");
    std::fs::hard_link(&requirements, &alias).unwrap();
    let run = reqc(&[
        "compile",
        text(&requirements),
        "--emit",
        "smt2",
        "-o",
        text(&alias),
    ]);
    assert_eq!(run.status.code(), Some(2), "{}", stderr(&run));
    assert!(stderr(&run).contains("is the input"), "{}", stderr(&run));
    assert_eq!(std::fs::read(&requirements).unwrap(), before.0);
    assert_eq!(std::fs::read(&predictions).unwrap(), before.1);
    assert_eq!(
        names(&directory),
        ["alias.req", "credit.req", "credit_predictions.csv"]
    );
}

#[test]
fn outputs_through_links_update_the_target_and_special_files_are_refused() {
    let directory = workspace("links");
    // A symbolic link: the file it names is replaced, the link stays a link.
    let target = directory.join("target.csv");
    std::fs::write(&target, "old").unwrap();
    let link = directory.join("link.csv");
    std::os::unix::fs::symlink("target.csv", &link).unwrap();
    let run = correct_into(&directory, &link);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().lines().count() > 100);
    // A FIFO would be replaced by a rename: refused, and it stays a FIFO.
    let fifo = directory.join("fifo.csv");
    let made = Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let run = correct_into(&directory, &fifo);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("not a regular file"),
        "{}",
        stderr(&run)
    );
    use std::os::unix::fs::FileTypeExt;
    assert!(std::fs::symlink_metadata(&fifo)
        .unwrap()
        .file_type()
        .is_fifo());
    // A directory, and a directory that does not exist, are named as such.
    let run = correct_into(&directory, &directory);
    assert!(
        stderr(&run).contains("it is a directory"),
        "{}",
        stderr(&run)
    );
    let run = correct_into(&directory, &directory.join("missing/out.csv"));
    assert!(stderr(&run).contains("does not exist"), "{}", stderr(&run));
    assert!(!stderr(&run).contains(".tmp"), "{}", stderr(&run));
    assert_eq!(
        names(&directory),
        [
            "credit.req",
            "credit_predictions.csv",
            "fifo.csv",
            "link.csv",
            "target.csv"
        ]
    );
}

#[test]
fn formatting_through_a_link_formats_the_target_and_keeps_the_link() {
    let directory = workspace("fmt");
    let target = directory.join("messy.req");
    std::fs::write(&target, "ordering y_0   y_1\ny_0>=y_1\n").unwrap();
    let link = directory.join("link.req");
    std::os::unix::fs::symlink("messy.req", &link).unwrap();
    let run = reqc(&["fmt", text(&link)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "ordering y_0 y_1\ny_0 >= y_1\n"
    );
}

#[test]
fn special_files_as_inputs_are_refused_at_once() {
    for command in [
        vec!["check"],
        vec!["fmt"],
        vec!["compile", "--emit", "smt2"],
    ] {
        let mut arguments = command.clone();
        arguments.insert(1, "/dev/zero");
        let started = std::time::Instant::now();
        let run = reqc(&arguments);
        assert_eq!(run.status.code(), Some(2), "{command:?}: {}", stderr(&run));
        assert!(
            stderr(&run).contains("not a regular file"),
            "{command:?}: {}",
            stderr(&run)
        );
        assert!(started.elapsed() < std::time::Duration::from_secs(10));
    }
    let directory = workspace("special");
    let run = reqc(&[
        "correct",
        text(&directory.join("credit.req")),
        "--input",
        "/dev/zero",
        "--output",
        text(&directory.join("out.csv")),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("not a regular file"),
        "{}",
        stderr(&run)
    );
    assert_eq!(names(&directory), ["credit.req", "credit_predictions.csv"]);
}

#[test]
fn a_library_into_a_missing_directory_names_that_directory() {
    if !reqc::HAS_JIT {
        return;
    }
    let directory = workspace("library");
    let run = reqc(&[
        "compile",
        text(&directory.join("credit.req")),
        "--emit",
        "lib",
        "-o",
        text(&directory.join("missing/libcredit.so")),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(stderr(&run).contains("does not exist"), "{}", stderr(&run));
    assert!(!stderr(&run).contains(".tmp"), "{}", stderr(&run));
}

/// A `.npy` file of `rows` rows of 8 float32 values, written without numpy.
fn write_npy(path: &Path, rows: usize) {
    let mut random = reqc::random::Random::new(16);
    let mut data = Vec::with_capacity(rows * 8 * 4);
    for _ in 0..rows * 8 {
        data.extend_from_slice(&((random.unit() * 4.0 - 2.0) as f32).to_le_bytes());
    }
    std::fs::write(path, common::npy("<f4", false, &[rows, 8], &data))
        .expect("write the predictions");
}

#[test]
fn signals_remove_the_temporary_file_of_an_interrupted_correction() {
    let directory = workspace("signals");
    let input = directory.join("large.npy");
    write_npy(&input, 3_000_000);
    for (signal, name) in [(2, "INT"), (15, "TERM"), (1, "HUP")] {
        let output = directory.join("out.npy");
        let mut child = Command::new(env!("CARGO_BIN_EXE_reqc"))
            .args([
                "correct",
                text(&directory.join("credit.req")),
                "--input",
                text(&input),
                "--output",
                text(&output),
                "--engine",
                "interp",
            ])
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start reqc");
        // Wait until the output's temporary file exists, then interrupt.
        let started = std::time::Instant::now();
        let temporary = || {
            names(&directory)
                .into_iter()
                .any(|name| name.starts_with(".out.npy.reqc-") && name.ends_with(".tmp"))
        };
        while !temporary() {
            assert!(
                started.elapsed() < std::time::Duration::from_secs(30),
                "no temporary file appeared"
            );
            assert!(child.try_wait().unwrap().is_none(), "reqc ended too soon");
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
        let sent = Command::new("kill")
            .args([format!("-{name}"), child.id().to_string()])
            .status()
            .expect("kill");
        assert!(sent.success());
        let status = child.wait().expect("reqc ends");
        assert_eq!(status.code(), Some(128 + signal), "SIG{name}: {status:?}");
        assert_eq!(
            names(&directory),
            ["credit.req", "credit_predictions.csv", "large.npy"],
            "SIG{name} left files behind"
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted_and_kept_by_the_formatter() {
    let directory = workspace("bom");
    let path = directory.join("bom.req");
    std::fs::write(&path, "\u{FEFF}ordering y_0   y_1\ny_0>=y_1\n").unwrap();
    let run = reqc(&["check", "--no-solver", text(&path)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    let run = reqc(&["fmt", text(&path)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "\u{FEFF}ordering y_0 y_1\ny_0 >= y_1\n"
    );
}

/// The process's umask, which `reqc` inherits.
fn umask() -> u32 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|line| line.strip_prefix("Umask:"))
        .map(|value| u32::from_str_radix(value.trim(), 8).expect("an octal umask"))
        .expect("a Umask line")
}

#[test]
fn new_outputs_get_the_usual_permissions_and_replaced_ones_keep_theirs() {
    use std::os::unix::fs::PermissionsExt;
    let directory = workspace("modes");
    let mode = |path: &Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    let output = directory.join("out.csv");
    let run = correct_into(&directory, &output);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(mode(&output), 0o666 & !umask());
    std::fs::set_permissions(&output, std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = correct_into(&directory, &output);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(mode(&output), 0o600);
    if reqc::HAS_JIT {
        let library = directory.join("libcredit.so");
        let run = reqc(&[
            "compile",
            text(&directory.join("credit.req")),
            "--emit",
            "lib",
            "-o",
            text(&library),
        ]);
        assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
        assert_eq!(mode(&library), 0o777 & !umask());
    }
}

/// The targets LLVM 14 registers, as `llc-14 --version` lists them.
#[cfg(feature = "jit")]
fn registered_targets() -> Vec<String> {
    let output = Command::new("llc-14")
        .arg("--version")
        .output()
        .expect("llc-14 (scripts/setup.sh installs llvm-14)");
    String::from_utf8_lossy(&output.stdout)
        .lines()
        .skip_while(|line| !line.contains("Registered Targets"))
        .skip(1)
        .filter_map(|line| line.split_whitespace().next().map(str::to_string))
        .collect()
}

#[cfg(feature = "jit")]
#[test]
fn every_registered_target_compiles_or_is_refused_never_aborts() {
    let directory = workspace("targets");
    let targets = registered_targets();
    assert!(targets.len() > 20, "llc-14 listed {targets:?}");
    for target in &targets {
        // LLVM names two targets differently from their triples' architectures.
        let architecture = match target.as_str() {
            "x86" => "i686",
            "x86-64" => "x86_64",
            other => other,
        };
        let triple = format!("{architecture}-unknown-linux-gnu");
        let output = directory.join(format!("{target}.o"));
        let run = reqc(&[
            "compile",
            text(&directory.join("credit.req")),
            "--emit",
            "obj",
            "--target",
            &triple,
            "-o",
            text(&output),
        ]);
        let supported = reqc::codegen::SUPPORTED_TARGETS.contains(&target.as_str());
        if supported {
            assert_eq!(run.status.code(), Some(0), "{triple}: {}", stderr(&run));
            assert!(std::fs::metadata(&output).unwrap().len() > 0);
        } else {
            assert_eq!(run.status.code(), Some(2), "{triple}: {:?}", run.status);
            assert!(
                stderr(&run).contains("reqc cannot compile kernels for"),
                "{triple}: {}",
                stderr(&run)
            );
        }
    }
    // A library is linked by this machine's C compiler: other architectures are refused.
    let run = reqc(&[
        "compile",
        text(&directory.join("credit.req")),
        "--emit",
        "lib",
        "--target",
        "aarch64-unknown-linux-gnu",
        "-o",
        text(&directory.join("cross.so")),
    ]);
    if !cfg!(target_arch = "aarch64") {
        assert_eq!(run.status.code(), Some(2));
        assert!(
            stderr(&run).contains("use `--emit obj`"),
            "{}",
            stderr(&run)
        );
    }
}

/// Runs reqc with a deadline, killing it past the deadline: for inputs that once hung.
fn reqc_within(arguments: &[&str], deadline: std::time::Duration) -> Option<Output> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_reqc"))
        .args(arguments)
        .current_dir(common::root())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start reqc");
    let started = std::time::Instant::now();
    while child.try_wait().expect("wait").is_none() {
        if started.elapsed() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    Some(child.wait_with_output().expect("output"))
}

#[test]
fn a_requirement_of_a_hundred_thousand_disjuncts_is_checked_without_hanging() {
    // Quadratic once: 10,000 disjuncts took 5 s and 100,000 did not finish in 30 s.
    let directory = workspace("disjuncts");
    let path = directory.join("wide.req");
    let disjuncts: Vec<String> = (0..100_000)
        .map(|value| format!("y_0 >= {value}"))
        .collect();
    std::fs::write(&path, format!("ordering y_0\n{}\n", disjuncts.join(" or "))).unwrap();
    let run = reqc_within(
        &["check", "--no-solver", text(&path)],
        std::time::Duration::from_secs(120),
    )
    .expect("reqc check did not finish in two minutes");
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("1 requirement over 1 column"),
        "{}",
        stderr(&run)
    );
}

#[test]
fn directories_as_outputs_and_piped_sources_get_clear_errors() {
    let directory = workspace("directories");
    let requirements = directory.join("credit.req");
    let run = reqc(&[
        "compile",
        text(&requirements),
        "--emit",
        "smt2",
        "-o",
        text(&directory),
    ]);
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("it is a directory"),
        "{}",
        stderr(&run)
    );
    if reqc::HAS_SOLVER {
        let run = reqc(&["verify", text(&requirements), "--report", text(&directory)]);
        assert_eq!(run.status.code(), Some(2));
        assert!(
            stderr(&run).contains("it is a directory"),
            "{}",
            stderr(&run)
        );
    }
    // A source on a pipe (`/dev/stdin` fed by another program) is refused, not read forever.
    let child = Command::new(env!("CARGO_BIN_EXE_reqc"))
        .args(["check", "/dev/stdin"])
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("start reqc");
    let run = child
        .wait_with_output()
        .expect("reqc ends without reading its input");
    assert_eq!(run.status.code(), Some(2));
    assert!(
        stderr(&run).contains("not a regular file"),
        "{}",
        stderr(&run)
    );
    assert_eq!(names(&directory), ["credit.req", "credit_predictions.csv"]);
}

#[test]
fn a_hard_linked_file_is_replaced_under_the_name_given() {
    // The documented choice (README, Outputs): atomic replacement, so other names of the
    // file keep the old text rather than ever seeing half a file.
    let directory = workspace("hardlink");
    let path = directory.join("messy.req");
    std::fs::write(&path, "ordering y_0   y_1\ny_0>=y_1\n").unwrap();
    let other = directory.join("other.req");
    std::fs::hard_link(&path, &other).unwrap();
    let run = reqc(&["fmt", text(&path)]);
    assert_eq!(run.status.code(), Some(0), "{}", stderr(&run));
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "ordering y_0 y_1\ny_0 >= y_1\n"
    );
    assert_eq!(
        std::fs::read_to_string(&other).unwrap(),
        "ordering y_0   y_1\ny_0>=y_1\n"
    );
}

#[test]
fn a_closed_standard_output_stops_reqc_quietly_instead_of_panicking() {
    // `reqc explain E0201 | head -0`: the reader is gone before reqc writes.
    for arguments in [
        vec!["explain", "E0201"],
        vec![
            "check",
            "--message-format",
            "json",
            "tests/ui/propositional/threshold.req",
        ],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_reqc"))
            .current_dir(common::root())
            .args(&arguments)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("start reqc");
        drop(child.stdout.take());
        let output = child.wait_with_output().expect("wait for reqc");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(!stderr.contains("panicked"), "{arguments:?}: {stderr}");
        assert!(
            matches!(output.status.code(), Some(0 | 1 | 141)),
            "{arguments:?}: {:?}",
            output.status
        );
    }
}

#[test]
fn a_correction_that_ends_while_its_kernels_still_compile_exits_cleanly() {
    // `correct --engine auto` finishes 200 rows with the interpreter while the kernels
    // compile in the background (and, since LLVM is loaded on first use, while that thread
    // may still be loading LLVM). Leaving through libc's `exit` ran LLVM's static
    // destructors under that thread and killed about one run in 200 with SIGSEGV; two
    // runs at a time, 150 times each, must all exit with 0.
    let directory = workspace("early-exit");
    std::thread::scope(|scope| {
        for worker in 0..2 {
            let directory = &directory;
            scope.spawn(move || {
                for round in 0..150 {
                    let output = directory.join(format!("out-{worker}-{}.csv", round % 2));
                    let run = correct_into(directory, &output);
                    assert_eq!(
                        run.status.code(),
                        Some(0),
                        "round {round}: {:?} {}",
                        run.status,
                        stderr(&run)
                    );
                }
            });
        }
    });
    let _ = std::fs::remove_dir_all(&directory);
}
