//! Benchmark of equivalence assertions: reqc's shared-atom encoding against the seed's
//! approach (nested if-then-else over real inputs through Z3's Python API), on the same
//! pairs of forests in the same run: binary forests of 10, 50 and 100 trees of depth 4, 8
//! and unbounded, and three-class forests of 10 trees of depth 4, 30 of depth 8 and 50 of
//! depth 10, on 10 features (make_classification, 2,000 samples), each against its pruned
//! copy (differs) and against an equivalent copy (the same trees plus a tree and its
//! label rotations). Goal: at least 10x faster on the equivalent pairs, never slower
//! on the differing ones.
//!
//! Run with `cargo bench --bench equivalence`. The pairs are generated and the baseline
//! is run by `benches/equivalence_seed.py` (scikit-learn, skl2onnx, onnx; `pip install
//! z3-solver` for the baseline); without them the baseline is skipped. Under `cargo test
//! --all-targets` (no `--bench`) it checks one small configuration (or, without Python,
//! the committed example models) once, as a smoke test.

use reqc::smt::{check_equivalence_with, EquivalenceAnswer};
use reqc::spec::{
    EquivalenceAssertion, EquivalenceDomain, EquivalenceEncoding, EquivalenceRelation,
};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// One pair to compare: a name, both model files and the domain.
struct Pair {
    name: String,
    kind: &'static str,
    left: PathBuf,
    right: PathBuf,
    domain: EquivalenceDomain,
}

fn python_has(modules: &str) -> bool {
    Command::new("python3")
        .args(["-c", &format!("import {modules}")])
        .output()
        .is_ok_and(|output| output.status.success())
}

fn assertion(pair: &Pair, timeout: f64, encoding: EquivalenceEncoding) -> EquivalenceAssertion {
    EquivalenceAssertion {
        name: format!("{}_{}", pair.name, pair.kind),
        span: Default::default(),
        left: pair.left.clone(),
        right: pair.right.clone(),
        relation: EquivalenceRelation::SameClass,
        domain: pair.domain.clone(),
        features: None,
        timeout_seconds: timeout,
        encoding,
        names: BTreeMap::new(),
        requirements: Vec::new(),
    }
}

fn answer_name(answer: EquivalenceAnswer) -> &'static str {
    match answer {
        EquivalenceAnswer::Proved => "proved",
        EquivalenceAnswer::Counterexample => "counterexample",
        EquivalenceAnswer::Unknown => "unknown",
        EquivalenceAnswer::Error => "error",
    }
}

fn main() {
    let benchmarking = std::env::args().any(|argument| argument == "--bench");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let timeout = if benchmarking { 60.0 } else { 20.0 };
    let directory = root.join("target/equivalence-bench");
    let script = root.join("benches/equivalence_seed.py");
    let smoke = if benchmarking { None } else { Some("--smoke") };
    let mut pairs = Vec::new();
    if python_has("sklearn, skl2onnx, onnx") {
        let marker = directory.join(if benchmarking {
            "trees50_depth10_classes3_equivalent.onnx"
        } else {
            "trees10_depth4_equivalent.onnx"
        });
        if !marker.is_file() {
            eprintln!("generating forests in {}", directory.display());
            let status = Command::new("python3")
                .arg(&script)
                .arg("generate")
                .arg(&directory)
                .args(smoke)
                .status()
                .expect("run the generator");
            assert!(status.success(), "the generator failed");
        }
        let domain = |file: &str| -> Vec<(f64, f64)> {
            let text = std::fs::read_to_string(directory.join(file)).expect("a domain file");
            serde_json::from_str(&text).expect("a list of intervals")
        };
        // (trees, depth, classes), as `equivalence_seed.py` names them.
        let configurations: Vec<(usize, Option<usize>, usize)> = if benchmarking {
            [10, 50, 100]
                .into_iter()
                .flat_map(|trees| [Some(4), Some(8), None].map(|depth| (trees, depth, 2)))
                .chain([(10, Some(4), 3), (30, Some(8), 3), (50, Some(10), 3)])
                .collect()
        } else {
            vec![(10, Some(4), 2)]
        };
        for (trees, depth, classes) in configurations {
            let mut name = format!(
                "trees{trees}_depth{}",
                depth.map_or("none".to_string(), |depth| depth.to_string())
            );
            let domain_file = if classes == 2 {
                "domain.json".to_string()
            } else {
                name.push_str(&format!("_classes{classes}"));
                format!("domain_classes{classes}.json")
            };
            for kind in ["pruned", "equivalent"] {
                pairs.push(Pair {
                    name: name.clone(),
                    kind,
                    left: directory.join(format!("{name}_left.onnx")),
                    right: directory.join(format!("{name}_{kind}.onnx")),
                    domain: EquivalenceDomain::PerFeature(domain(&domain_file)),
                });
            }
        }
    } else {
        println!("python3 with scikit-learn, skl2onnx and onnx is missing: benchmarking the committed example models only, baseline skipped");
        let examples = root.join("examples/equivalence");
        for (kind, right) in [("pruned", "pruned.onnx"), ("equivalent", "twins.onnx")] {
            pairs.push(Pair {
                name: "example".to_string(),
                kind,
                left: examples.join("forest.onnx"),
                right: examples.join(right),
                domain: EquivalenceDomain::Data(examples.join("train.csv")),
            });
        }
    }

    // reqc, in process: the whole check (random points first, then the solver), and the
    // solver alone, so the encoding's own speed is visible too.
    let mut ours: BTreeMap<(String, &'static str), (&'static str, f64)> = BTreeMap::new();
    let mut solver_only: BTreeMap<(String, &'static str), (&'static str, f64)> = BTreeMap::new();
    for pair in &pairs {
        let started = Instant::now();
        let alone = check_equivalence_with(
            &assertion(pair, timeout, EquivalenceEncoding::SharedAtoms),
            &reqc::world::DiskWorld,
            false,
            &mut |_| {},
        );
        solver_only.insert(
            (pair.name.clone(), pair.kind),
            (answer_name(alone.answer), started.elapsed().as_secs_f64()),
        );
        let started = Instant::now();
        let result = check_equivalence_with(
            &assertion(pair, timeout, EquivalenceEncoding::SharedAtoms),
            &reqc::world::DiskWorld,
            true,
            &mut |_| {},
        );
        let seconds = started.elapsed().as_secs_f64();
        assert!(
            result.answer != EquivalenceAnswer::Error,
            "{}: {:?}",
            pair.name,
            result.diagnostics
        );
        let expected = if pair.kind == "equivalent" {
            EquivalenceAnswer::Proved
        } else {
            EquivalenceAnswer::Counterexample
        };
        assert!(
            result.answer == expected || result.answer == EquivalenceAnswer::Unknown,
            "{} {}: reqc answered {}",
            pair.name,
            pair.kind,
            answer_name(result.answer)
        );
        if let Some(counterexample) = &result.counterexample {
            assert!(
                counterexample.reproduced,
                "counterexamples are re-validated"
            );
        }
        ours.insert(
            (pair.name.clone(), pair.kind),
            (answer_name(result.answer), seconds),
        );
    }

    // The seed's approach, in Python, on the same files.
    let mut seed: BTreeMap<(String, String), (String, f64)> = BTreeMap::new();
    let have_baseline = directory.join("domain.json").is_file() && python_has("z3, onnx");
    if have_baseline {
        let output = Command::new("python3")
            .arg(&script)
            .arg("baseline")
            .arg(&directory)
            .args(["--timeout", &timeout.to_string()])
            .args(smoke)
            .output()
            .expect("run the baseline");
        assert!(
            output.status.success(),
            "the baseline failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        for line in String::from_utf8_lossy(&output.stdout).lines() {
            let value: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            seed.insert(
                (
                    value["name"].as_str().unwrap_or_default().to_string(),
                    value["pair"].as_str().unwrap_or_default().to_string(),
                ),
                (
                    value["answer"].as_str().unwrap_or_default().to_string(),
                    value["seconds"].as_f64().unwrap_or(f64::NAN),
                ),
            );
        }
    } else {
        println!(
            "baseline skipped: python3 with z3-solver and onnx is missing (pip install z3-solver)"
        );
    }

    println!(
        "{:<22} {:<11} {:>15} {:>10} {:>15} {:>10} {:>15} {:>10} {:>9} {:>9}",
        "forest",
        "pair",
        "reqc",
        "seconds",
        "solver alone",
        "seconds",
        "seed approach",
        "seconds",
        "speed-up",
        "(alone)"
    );
    let mut worst: BTreeMap<&str, f64> = BTreeMap::new();
    for ((name, kind), (answer, seconds)) in &ours {
        let (seed_answer, seed_seconds) = seed
            .get(&(name.clone(), kind.to_string()))
            .cloned()
            .unwrap_or(("skipped".to_string(), f64::NAN));
        if seed_answer != "unknown" && seed_answer != "skipped" && *answer != "unknown" {
            assert_eq!(
                seed_answer, *answer,
                "{name} {kind}: reqc and the seed approach disagree"
            );
        }
        let (alone_answer, alone_seconds) = solver_only[&(name.clone(), *kind)];
        // A baseline that ran out of time gives a lower bound on the speed-up.
        let bound = if seed_answer == "unknown" { "≥" } else { "" };
        let shown = |ratio: f64| {
            if ratio.is_finite() {
                format!("{bound}{ratio:.1}x")
            } else {
                "-".to_string()
            }
        };
        let ratio = seed_seconds / seconds;
        if ratio.is_finite() {
            let entry = worst.entry(kind).or_insert(f64::INFINITY);
            *entry = entry.min(ratio);
        }
        println!(
            "{name:<22} {kind:<11} {answer:>15} {seconds:>10.3} {alone_answer:>15} {alone_seconds:>10.3} {seed_answer:>15} {seed_seconds:>10.3} {:>9} {:>9}",
            shown(ratio),
            shown(seed_seconds / alone_seconds)
        );
    }
    for (kind, ratio) in &worst {
        println!("smallest speed-up on {kind} pairs (whole check): {ratio:.1}x");
    }
}
