//! Benchmark of the shield: elimination time per real file and on dense random sets, and
//! interpreter throughput beside a memcpy of the same buffer measured in the same run.
//!
//! Run with `cargo bench --bench shield`. Figures are medians of several runs; the
//! ratio to memcpy is the number to compare across machines.

use reqc::number::FloatFormat;
use reqc::shield::correct::Interpreter;
use reqc::shield::{build, Limits};
use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn median(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 2]
}

fn time<T>(runs: usize, mut work: impl FnMut() -> T) -> Duration {
    median(
        (0..runs)
            .map(|_| {
                let started = Instant::now();
                black_box(work());
                started.elapsed()
            })
            .collect(),
    )
}

fn specification(text: &str, base: &Path) -> Option<reqc::spec::Specification> {
    reqc::front_end(text, base, &reqc::world::DiskWorld).specification
}

/// Dense random sets: `count` constraints over six variables, each with every variable,
/// conjunctive or as disjunctions of two inequalities (the reference did not finish these).
fn dense(seed: u64, count: usize, disjunctive: bool) -> String {
    let mut random = reqc::random::Random::new(seed);
    let mut next = |bound: u64| random.below(bound);
    let mut text = String::from("ordering y_0 y_1 y_2 y_3 y_4 y_5\n");
    for _ in 0..count {
        let inequality = |next: &mut dyn FnMut(u64) -> u64| {
            let terms: Vec<String> = (0..6)
                .map(|column| format!("{}*y_{column}", next(19) as i64 - 9))
                .collect();
            format!("{} <= {}", terms.join(" + "), next(20) + 1)
        };
        let first = inequality(&mut next);
        if disjunctive {
            let second = inequality(&mut next);
            text.push_str(&format!("{first} or {second}\n"));
        } else {
            text.push_str(&format!("{first}\n"));
        }
    }
    text
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files: Vec<PathBuf> = Vec::new();
    for directory in ["../shared/requirements/constrained-dgm", "../shared/cases"] {
        let mut entries: Vec<PathBuf> = std::fs::read_dir(root.join(directory))
            .expect("shared files")
            .map(|entry| entry.unwrap().path())
            .collect();
        entries.sort();
        files.extend(
            entries
                .into_iter()
                .filter(|path| path.extension().is_some_and(|extension| extension == "txt")),
        );
    }

    println!("elimination (median of 5; the reference implementation takes 0.30 s on botnet)");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let Some(specification) = specification(&text, path.parent().unwrap()) else {
            continue;
        };
        let mut result = None;
        let elapsed = time(5, || {
            result = Some(build(
                &specification,
                &specification.ordering,
                Limits::default(),
            ));
        });
        let size = match result.unwrap() {
            Ok(shield) => format!("{} clauses", shield.size()),
            Err(_) => "infeasible (diagnostic)".to_string(),
        };
        println!(
            "  {:<28} {:>9.3} ms   {size}",
            path.file_name().unwrap().to_string_lossy(),
            elapsed.as_secs_f64() * 1e3
        );
    }
    for (label, disjunctive) in [
        ("dense conjunctive 12x6", false),
        ("dense disjunctive 12x6", true),
    ] {
        for seed in 0..3 {
            let text = dense(seed, 12, disjunctive);
            let specification = specification(&text, root).expect("dense set checks");
            let started = Instant::now();
            let result = build(&specification, &specification.ordering, Limits::default());
            let outcome = match result {
                Ok(shield) => format!("{} clauses", shield.size()),
                Err(diagnostics) => format!(
                    "{} ({})",
                    diagnostics[0].code.as_str(),
                    diagnostics[0].message
                ),
            };
            println!(
                "  {label} seed {seed}: {:>9.3} ms   {outcome}",
                started.elapsed().as_secs_f64() * 1e3
            );
        }
    }

    println!("\ninterpreter throughput, one thread, f32 rows (median of 3), beside memcpy of the same buffer");
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        let Some(specification) = specification(&text, path.parent().unwrap()) else {
            continue;
        };
        let Ok(shield) = build(&specification, &specification.ordering, Limits::default()) else {
            continue;
        };
        let columns = specification.columns;
        let rows = (2_000_000 / columns.max(1)).clamp(1_000, 100_000);
        let mut random = reqc::random::Random::new(99);
        let input: Vec<f64> = (0..rows * columns)
            .map(|_| f64::from((random.below(1 << 24) as f32 / (1u64 << 24) as f32) * 4.0 - 2.0))
            .collect();
        let interpreter = Interpreter::new(&shield, FloatFormat::F32);
        let bytes = (rows * columns * 4) as f64;
        let mut buffer = input.clone();
        let interpret = time(3, || {
            buffer.copy_from_slice(&input);
            for row in buffer.chunks_exact_mut(columns) {
                interpreter.correct_row(row);
            }
        });
        let source: Vec<f32> = input.iter().map(|value| *value as f32).collect();
        let mut destination = vec![0f32; source.len()];
        let copy = time(9, || destination.copy_from_slice(black_box(&source)));
        let rows_per_second = rows as f64 / interpret.as_secs_f64();
        println!(
            "  {:<28} {:>12.0} rows/s {:>8.4} GB/s   memcpy {:>7.2} GB/s   interpreter/memcpy {:.5}",
            path.file_name().unwrap().to_string_lossy(),
            rows_per_second,
            bytes / interpret.as_secs_f64() / 1e9,
            bytes / copy.as_secs_f64() / 1e9,
            copy.as_secs_f64() / interpret.as_secs_f64()
        );
    }
}
