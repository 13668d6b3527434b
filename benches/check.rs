//! Benchmark of the front end (`reqc check` without I/O) on botnet, the largest real file, and on
//! synthetic 10× and 100× enlargements of it, to show the time per requirement and linear growth.
//!
//! Run with `cargo bench --bench check`. Machines differ, so every figure is also printed as a
//! ratio: to a baseline measured in the same run (parsing alone, and copying the text), and of
//! each enlargement to botnet itself (linear growth means ratios near 10 and 100).
//!
//! `cargo test --all-targets` runs this file without `--bench`; it then only checks that botnet
//! and its 10x enlargement check to the expected size, and times nothing.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// The goal for botnet (757 variables, 362 requirements) in release mode.
const GOAL: Duration = Duration::from_millis(20);

/// Rewrites every column `y_k` in `text` to `y_{k + shift}`.
fn shift_columns(text: &str, shift: usize) -> String {
    let mut result = String::with_capacity(text.len() + text.len() / 4);
    let mut rest = text;
    while let Some(position) = rest.find("y_") {
        result.push_str(&rest[..position + 2]);
        rest = &rest[position + 2..];
        let digits = rest
            .find(|character: char| !character.is_ascii_digit())
            .unwrap_or(rest.len());
        match rest[..digits].parse::<usize>() {
            Ok(column) => result.push_str(&(column + shift).to_string()),
            Err(_) => result.push_str(&rest[..digits]),
        }
        rest = &rest[digits..];
    }
    result.push_str(rest);
    result
}

/// `copies` copies of a PiShield file side by side: the requirements of copy `k` read columns
/// shifted by `k * columns`, and one ordering lists every copy's columns in turn, so the result
/// is a valid file with `copies` times the variables and requirements.
fn enlarge(text: &str, columns: usize, copies: usize) -> String {
    let mut lines = text.lines();
    let ordering = lines.next().expect("an ordering line");
    let ordering_variables = ordering
        .strip_prefix("ordering")
        .expect("the first line is the ordering");
    let requirements: String = lines.map(|line| format!("{line}\n")).collect();
    let mut enlarged = String::from("ordering");
    for copy in 0..copies {
        enlarged.push_str(&shift_columns(ordering_variables, copy * columns));
    }
    enlarged.push('\n');
    for copy in 0..copies {
        enlarged.push_str(&shift_columns(&requirements, copy * columns));
    }
    enlarged
}

/// The median wall-clock time of `runs` calls (after one warm-up call).
fn median(runs: usize, mut work: impl FnMut()) -> Duration {
    work();
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            work();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}

fn milliseconds(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1e3
}

struct Measured {
    label: String,
    requirements: usize,
    front_end: Duration,
    parse: Duration,
    copy: Duration,
}

fn measure(label: &str, text: &str, base: &Path, runs: usize) -> Measured {
    let requirements = check_size(text, base).1;
    Measured {
        label: label.to_string(),
        requirements,
        front_end: median(runs, || {
            black_box(reqc::front_end(
                black_box(text),
                base,
                &reqc::world::DiskWorld,
            ));
        }),
        parse: median(runs, || {
            black_box(reqc::syntax::parse(black_box(text)));
        }),
        copy: median(runs, || {
            black_box(black_box(text).to_string());
        }),
    }
}

/// Checks a text and returns its column and requirement counts; panics on any diagnostic,
/// because timing a file that does not check would measure the wrong thing.
fn check_size(text: &str, base: &Path) -> (usize, usize) {
    let outcome = reqc::front_end(text, base, &reqc::world::DiskWorld);
    assert!(
        outcome.diagnostics.is_empty(),
        "the benchmark input has diagnostics: {:?}",
        outcome.diagnostics.first()
    );
    let specification = outcome.specification.expect("a specification");
    (specification.columns, specification.requirements.len())
}

fn main() {
    let benchmarking = std::env::args().any(|argument| argument == "--bench");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/requirements/constrained-dgm/botnet_constraints.txt");
    let base = path.parent().expect("a directory").to_path_buf();
    let botnet = std::fs::read_to_string(&path).expect("read botnet");
    let (columns, requirements) = check_size(&botnet, &base);
    assert_eq!((columns, requirements), (757, 362), "botnet changed");

    // Copies and timed runs per size. Without `--bench` (under `cargo test`, unoptimised)
    // the 100x input would take seconds to verify, so only the smaller ones are checked.
    let sizes: &[(usize, usize)] = if benchmarking {
        &[(1, 21), (10, 9), (100, 5)]
    } else {
        &[(1, 1), (10, 1)]
    };
    let texts: Vec<(usize, usize, String)> = sizes
        .iter()
        .map(|&(copies, runs)| (copies, runs, enlarge(&botnet, columns, copies)))
        .collect();
    for (copies, _, text) in &texts {
        assert_eq!(
            check_size(text, &base),
            (columns * copies, requirements * copies),
            "the {copies}x enlargement is not {copies} copies of botnet"
        );
    }
    if !benchmarking {
        println!("bench check: inputs verified; run `cargo bench --bench check` to time them");
        return;
    }
    if cfg!(debug_assertions) {
        println!("warning: built without optimisations; the figures mean little");
    }

    let measured: Vec<Measured> = texts
        .iter()
        .map(|(copies, runs, text)| {
            let label = if *copies == 1 {
                "botnet".to_string()
            } else {
                format!("botnet {copies}x")
            };
            measure(&label, text, &base, *runs)
        })
        .collect();

    println!("front end (parse + check) on botnet and enlargements; medians");
    println!(
        "{:<14} {:>12} {:>12} {:>14} {:>14} {:>14} {:>12}",
        "input",
        "requirements",
        "front end",
        "per require.",
        "front / parse",
        "front / copy",
        "vs botnet"
    );
    let single = measured[0].front_end.as_secs_f64();
    for entry in &measured {
        println!(
            "{:<14} {:>12} {:>9.3} ms {:>11.2} µs {:>14.2} {:>14.0} {:>12.1}",
            entry.label,
            entry.requirements,
            milliseconds(entry.front_end),
            entry.front_end.as_secs_f64() * 1e6 / entry.requirements as f64,
            entry.front_end.as_secs_f64() / entry.parse.as_secs_f64(),
            entry.front_end.as_secs_f64() / entry.copy.as_secs_f64().max(1e-9),
            entry.front_end.as_secs_f64() / single,
        );
    }
    println!(
        "growth: 10x/1x = {:.1} (linear: 10), 100x/1x = {:.1} (linear: 100)",
        measured[1].front_end.as_secs_f64() / single,
        measured[2].front_end.as_secs_f64() / single,
    );
    println!(
        "goal: botnet under {} ms: {} ({:.3} ms)",
        GOAL.as_millis(),
        if measured[0].front_end < GOAL {
            "met"
        } else {
            "NOT MET"
        },
        milliseconds(measured[0].front_end),
    );
}
