//! Benchmark of the solver checks: `reqc check` with and without them on every real
//! requirement file, measured in the same run, with the cores the checks found.
//!
//! Run with `cargo bench --bench solver`. Times are medians of several runs of the
//! release binary, so they include process start-up and Z3's context creation, as a
//! user sees them.

use reqc::smt::{self, SolverOptions};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

/// Runs per file and mode under `cargo bench`; the median is reported. `cargo test`
/// also runs this target (without `--bench`), as a quick smoke test of one run each.
const RUNS: usize = 7;

fn shared_files() -> Vec<PathBuf> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut files = Vec::new();
    for directory in [
        "requirements/constrained-dgm",
        "requirements/pishield-custom",
        "cases",
    ] {
        let Ok(entries) = std::fs::read_dir(shared.join(directory)) else {
            eprintln!("skipping {directory}: not found");
            continue;
        };
        let mut found: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|entry| entry.path()))
            .filter(|path| path.extension().is_some_and(|extension| extension == "txt"))
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

/// The median wall time of `reqc check` on a file, with extra arguments.
fn median_check_time(path: &Path, extra: &[&str], runs: usize) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let status = Command::new(env!("CARGO_BIN_EXE_reqc"))
                .arg("check")
                .arg("--message-format")
                .arg("json")
                .args(extra)
                .arg(path)
                .output()
                .expect("run reqc")
                .status;
            let elapsed = started.elapsed();
            assert!(
                status.code().is_some(),
                "reqc was killed on {}",
                path.display()
            );
            elapsed
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn milliseconds(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects files by name.
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let runs = if arguments.iter().any(|argument| argument == "--bench") {
        RUNS
    } else {
        1
    };
    let filter = arguments
        .iter()
        .find(|argument| !argument.starts_with('-'))
        .cloned();
    println!(
        "{:<32} {:>8} {:>10} {:>10} {:>7} {:>8}  cores (sizes)",
        "file", "columns", "solver ms", "plain ms", "ratio", "queries"
    );
    let mut total_solver = Duration::ZERO;
    let mut total_plain = Duration::ZERO;
    for path in shared_files() {
        let name = path
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_default();
        if filter
            .as_ref()
            .is_some_and(|filter| !name.contains(filter.as_str()))
        {
            continue;
        }
        let source = std::fs::read_to_string(&path).expect("read a requirement file");
        let outcome = reqc::front_end(&source, Path::new("."), &reqc::world::DiskWorld);
        let Some(specification) = &outcome.specification else {
            println!("{name:<32} (front-end errors; skipped)");
            continue;
        };
        let (_, statistics) = smt::analyse(
            specification,
            &reqc::declared_variables(&outcome.file),
            &SolverOptions::default(),
        );
        let with_solver = median_check_time(&path, &[], runs);
        let without_solver = median_check_time(&path, &["--no-solver"], runs);
        total_solver += with_solver;
        total_plain += without_solver;
        let mut sizes = statistics.core_sizes.clone();
        sizes.sort_unstable();
        let summary = summarise(&sizes);
        println!(
            "{name:<32} {:>8} {:>10.1} {:>10.1} {:>7.1} {:>8}  {}",
            specification.columns,
            milliseconds(with_solver),
            milliseconds(without_solver),
            with_solver.as_secs_f64() / without_solver.as_secs_f64(),
            statistics.queries,
            summary
        );
    }
    println!(
        "total: {:.1} ms with the solver, {:.1} ms without, ratio {:.1}",
        milliseconds(total_solver),
        milliseconds(total_plain),
        total_solver.as_secs_f64() / total_plain.as_secs_f64().max(f64::MIN_POSITIVE)
    );
}

/// Core sizes as `count x size` groups, e.g. `108 x 2`, or `none`.
fn summarise(sizes: &[usize]) -> String {
    if sizes.is_empty() {
        return "none".to_string();
    }
    let mut groups: Vec<(usize, usize)> = Vec::new();
    for size in sizes {
        match groups.last_mut() {
            Some((last, count)) if last == size => *count += 1,
            _ => groups.push((*size, 1)),
        }
    }
    let parts: Vec<String> = groups
        .iter()
        .map(|(size, count)| format!("{count} x {size}"))
        .collect();
    format!("{} ({})", sizes.len(), parts.join(", "))
}
