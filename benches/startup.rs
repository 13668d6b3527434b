//! Benchmark of start-up: the whole-process wall time of `reqc --version`, `reqc check
//! --no-solver` and `reqc check` on botnet (757 columns), beside `true` (the cost of
//! starting any process, measured in the same run), against the goals (3 ms and
//! 10 ms). The binary is the one cargo built with this benchmark.
//!
//! `cargo bench --bench startup` runs 50 processes per command; without `--bench` (as under
//! `cargo test --all-targets`) each command runs once and nothing is timed.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const REQC: &str = env!("CARGO_BIN_EXE_reqc");

/// The fastest and the median wall time of `runs` runs of a command, which must succeed.
fn measure(program: &str, arguments: &[&str], runs: usize) -> (Duration, Duration) {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let status = Command::new(program)
                .args(arguments)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .expect("start the command");
            let elapsed = started.elapsed();
            assert!(status.success(), "{program} {arguments:?} failed: {status}");
            elapsed
        })
        .collect();
    times.sort();
    (times[0], times[runs / 2])
}

fn milliseconds(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

fn main() {
    let full = std::env::args().any(|argument| argument == "--bench");
    let runs = if full { 50 } else { 1 };
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let botnet = root.join("../shared/requirements/constrained-dgm/botnet_constraints.txt");
    let botnet = botnet.to_string_lossy();
    let (baseline, baseline_median) = measure("true", &[], runs);
    println!("start-up, {runs} process(es) each: fastest / median wall time");
    println!(
        "{:36} {:>8.2} ms {:>8.2} ms",
        "true (any process)",
        milliseconds(baseline),
        milliseconds(baseline_median)
    );
    // The label, the arguments, the goal (ms) and whether the command needs Z3.
    let commands: [(&str, Vec<&str>, Option<f64>, bool); 3] = [
        ("reqc --version", vec!["--version"], Some(3.0), false),
        (
            "reqc check --no-solver botnet",
            vec!["check", "--no-solver", &botnet],
            Some(10.0),
            false,
        ),
        (
            "reqc check botnet (with Z3)",
            vec!["check", &botnet],
            None,
            true,
        ),
    ];
    for (label, arguments, goal, needs_solver) in commands {
        if needs_solver && !cfg!(feature = "solver") {
            continue;
        }
        let (fastest, median) = measure(REQC, &arguments, runs);
        let goal = goal.map_or(String::new(), |goal| {
            format!(
                "   goal {goal} ms: {}",
                if milliseconds(median) < goal {
                    "met"
                } else {
                    "NOT met"
                }
            )
        });
        println!(
            "{label:36} {:>8.2} ms {:>8.2} ms   {:.1}x true{goal}",
            milliseconds(fastest),
            milliseconds(median),
            median.as_secs_f64() / baseline_median.as_secs_f64(),
        );
    }
}
