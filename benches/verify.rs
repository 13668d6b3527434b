//! Benchmark of `reqc verify`: the time to prove the shield of every real requirement file
//! sound and complete (goal: under 10 s each, botnet included) and the number of proof
//! obligations, how many Z3 proved and how many followed from clause inclusion.
//!
//! Run with `cargo bench --bench verify`. Times are medians of several in-process runs of
//! elimination plus verification. Under `cargo test --all-targets` (no `--bench`) it only
//! verifies one small file once, as a smoke test.

use reqc::shield::{build, Limits};
use reqc::smt::{verify, SolverOptions, VerifyOptions};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Runs per file under `cargo bench`; the median is reported.
const RUNS: usize = 3;

/// The goal for one file.
const GOAL: Duration = Duration::from_secs(10);

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
            .filter(|path| {
                path.extension()
                    .is_some_and(|extension| extension == "txt" || extension == "req")
            })
            .collect();
        found.sort();
        files.extend(found);
    }
    files
}

fn main() {
    // `cargo bench` passes `--bench`; a filter argument selects files by name.
    let arguments: Vec<String> = std::env::args().skip(1).collect();
    let benchmarking = arguments.iter().any(|argument| argument == "--bench");
    let runs = if benchmarking { RUNS } else { 1 };
    let filter = arguments
        .iter()
        .find(|argument| !argument.starts_with('-'))
        .cloned()
        .or_else(|| (!benchmarking).then(|| "two_holes".to_string()));
    let options = |shortcuts| VerifyOptions {
        solver: SolverOptions::with_timeout(Duration::from_secs(10)),
        shortcuts,
    };
    // The baseline, measured in the same run: building the shield (elimination) itself.
    println!(
        "{:<32} {:>7} {:>7} {:>11} {:>7} {:>9} {:>10} {:>10} {:>10} {:>8}",
        "file",
        "levels",
        "clauses",
        "obligations",
        "by Z3",
        "inclusion",
        "build ms",
        "verify ms",
        "all-Z3 ms",
        "all/build"
    );
    let mut slowest = Duration::ZERO;
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
        let outcome = reqc::front_end(
            &source,
            path.parent().unwrap_or(Path::new(".")),
            &reqc::world::DiskWorld,
        );
        let Some(specification) = &outcome.specification else {
            println!("{name:<32} (front-end errors; skipped)");
            continue;
        };
        let Ok(shield) = build(specification, &specification.ordering, Limits::default()) else {
            println!("{name:<32} (no shield: infeasible or too large; skipped)");
            continue;
        };
        let build_time = median_of(runs, || {
            let started = Instant::now();
            let built = build(specification, &specification.ordering, Limits::default());
            assert!(built.is_ok());
            started.elapsed()
        });
        let mut last = None;
        let verify_time = median_of(runs, || {
            let started = Instant::now();
            let verification = verify(&shield, specification, &options(true));
            let elapsed = started.elapsed();
            last = Some(verification);
            elapsed
        });
        let all_time = median_of(runs, || {
            let started = Instant::now();
            let verification = verify(&shield, specification, &options(false));
            assert!(
                verification.proved(),
                "{name}: {:?}",
                verification.diagnostics
            );
            started.elapsed()
        });
        slowest = slowest.max(verify_time).max(all_time);
        let verification = last.expect("at least one run");
        assert!(
            verification.proved(),
            "{name}: {:?}",
            verification.diagnostics
        );
        println!(
            "{name:<32} {:>7} {:>7} {:>11} {:>7} {:>9} {:>10.2} {:>10.1} {:>10.1} {:>8.1}{}",
            verification.levels,
            shield.size(),
            verification.obligations,
            verification.proved_by_solver,
            verification.proved_by_inclusion,
            build_time.as_secs_f64() * 1000.0,
            verify_time.as_secs_f64() * 1000.0,
            all_time.as_secs_f64() * 1000.0,
            all_time.as_secs_f64() / build_time.as_secs_f64().max(1e-9),
            if verify_time.max(all_time) > GOAL {
                "  over the goal"
            } else {
                ""
            }
        );
    }
    println!(
        "slowest: {:.1} ms (goal: under {} s per file)",
        slowest.as_secs_f64() * 1000.0,
        GOAL.as_secs()
    );
}

/// The median of `runs` measurements.
fn median_of(runs: usize, mut measure: impl FnMut() -> Duration) -> Duration {
    let mut times: Vec<Duration> = (0..runs).map(|_| measure()).collect();
    times.sort();
    times[runs / 2]
}
