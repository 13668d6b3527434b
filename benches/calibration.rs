//! Benchmark of calibration assertions: 10 million predictions of 10 classes validated,
//! binned and tested under each rule, against a baseline measured in the same run (one
//! pass that only adds up every probability, the least any reader of the rows must do).
//!
//! Run with `cargo bench --bench calibration`. The goal is under one second for the whole
//! validation, binning and testing of 10 million rows in release mode.
//!
//! `cargo test --all-targets` runs this file without `--bench`; it then evaluates 20,000
//! rows, checks the bin counts add up, and times nothing.

use reqc::calibration::statistics::PValueMethod;
use reqc::calibration::{evaluate, Predictions, Settings};
use reqc::random::Random;
use reqc::spec::{Binning, CalibrationRule};
use std::hint::black_box;
use std::time::{Duration, Instant};

const CLASSES: usize = 10;
const GOAL: Duration = Duration::from_secs(1);

/// Softmax rows of random logits with varied sharpness, and labels drawn from a slightly
/// flattened version of each row, so the classifier is mildly overconfident; and labels
/// drawn from each row itself (a calibrated classifier, whose p-values are moderate).
fn data(rows: usize) -> (Vec<f64>, Vec<u32>, Vec<u32>) {
    let mut random = Random::new(0x9E37_79B9_7F4A_7C15);
    let mut calibrated_random = Random::new(0xD1B5_4A32_D192_ED03);
    let mut calibrated = Vec::with_capacity(rows);
    let mut probabilities = Vec::with_capacity(rows * CLASSES);
    let mut labels = Vec::with_capacity(rows);
    let mut row = [0.0f64; CLASSES];
    for _ in 0..rows {
        let sharpness = 1.0 + 4.0 * random.unit();
        let mut total = 0.0;
        for value in row.iter_mut() {
            *value = (sharpness * random.unit()).exp();
            total += *value;
        }
        for value in row.iter_mut() {
            *value /= total;
        }
        probabilities.extend_from_slice(&row);
        let draw = random.unit();
        let mut cumulative = 0.0;
        let mut label = CLASSES - 1;
        for (class, value) in row.iter().enumerate() {
            cumulative += 0.9 * value + 0.1 / CLASSES as f64;
            if draw < cumulative {
                label = class;
                break;
            }
        }
        labels.push(label as u32);
        let draw = calibrated_random.unit();
        let mut cumulative = 0.0;
        let mut label = CLASSES - 1;
        for (class, value) in row.iter().enumerate() {
            cumulative += value;
            if draw < cumulative {
                label = class;
                break;
            }
        }
        calibrated.push(label as u32);
    }
    (probabilities, labels, calibrated)
}

fn settings(rule: CalibrationRule) -> Settings {
    Settings {
        binning: Binning::EqualWidth(10),
        rule,
        epsilon: 0.01,
        min_support: 30,
        wilson_z: 1.96,
        alpha: 0.05,
    }
}

/// Validation (NaN, range, row sums), argmax, binning, statistics and the rule.
fn run(
    probabilities: &[f64],
    labels: &[u32],
    rule: CalibrationRule,
) -> reqc::calibration::Evaluation {
    let mut predictions = Predictions::new(CLASSES);
    for block in probabilities.chunks(CLASSES << 16) {
        predictions.push_rows(block, 1e-9).expect("valid rows");
    }
    evaluate(&predictions, labels, &settings(rule))
}

/// Finds a witness input for the example's 64-64-10 digits network: class `class` in the
/// bin [lower, upper] above `threshold`. Returns the total time, the part spent in exact
/// certification, and how the input was found.
fn witness_input_time(
    class: usize,
    lower: f64,
    upper: f64,
    threshold: f64,
) -> (Duration, Duration, String) {
    use reqc::smt::{input_witness, InputQuery, InputWitness};
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/calibration/digits.onnx");
    let network = reqc::models::network::read_network(&std::fs::read(path).expect("model"))
        .expect("a ReLU network");
    let exact = |value: f64| reqc::number::float_to_rational(value).expect("finite");
    let query = InputQuery {
        network: &network,
        input_box: (0.0, 1.0),
        class,
        lower: exact(lower),
        upper: exact(upper),
        upper_closed: upper == 1.0,
        threshold: exact(threshold),
        timeout: Duration::from_secs(10),
    };
    let started = Instant::now();
    let answer = input_witness(&query);
    let elapsed = started.elapsed();
    match answer {
        InputWitness::Found {
            method,
            certification_seconds,
            ..
        } => (
            elapsed,
            Duration::from_secs_f64(certification_seconds),
            method,
        ),
        other => panic!("no witness input: {other:?}"),
    }
}

/// The baseline for certification: one f64 forward pass of the digits network.
fn forward_pass_time() -> Duration {
    let path =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/calibration/digits.onnx");
    let network = reqc::models::network::read_network(&std::fs::read(path).expect("model"))
        .expect("a ReLU network");
    let input = vec![0.5; network.inputs()];
    const PASSES: u32 = 1000;
    let started = Instant::now();
    for _ in 0..PASSES {
        black_box(network.probabilities(black_box(&input)));
    }
    started.elapsed() / PASSES
}

/// The time of binning and testing alone (rows already validated), median of three.
fn evaluate_only(probabilities: &[f64], labels: &[u32], rule: CalibrationRule) -> Duration {
    let mut predictions = Predictions::new(CLASSES);
    for block in probabilities.chunks(CLASSES << 16) {
        predictions.push_rows(block, 1e-9).expect("valid rows");
    }
    let mut times: Vec<Duration> = (0..3)
        .map(|_| {
            let started = Instant::now();
            black_box(evaluate(&predictions, labels, &settings(rule)));
            started.elapsed()
        })
        .collect();
    times.sort();
    times[1]
}

fn main() {
    let benchmarking = std::env::args().any(|argument| argument == "--bench");
    let rows = if benchmarking { 10_000_000 } else { 20_000 };
    let (probabilities, labels, calibrated) = data(rows);
    let evaluation = run(&probabilities, &labels, CalibrationRule::Detect);
    let total: u64 = evaluation.bins.iter().map(|bin| bin.support).sum();
    assert_eq!(total, rows as u64);
    assert!(evaluation.bins.iter().all(|bin| bin.correct <= bin.support));
    // The seed rule's failing bin, and a narrow bin where all nine other logits must
    // nearly tie (found through a region linear program).
    let witnesses = [
        (
            "bin [5/6, 1], class 1, bound 0.98",
            (1, 5.0 / 6.0, 1.0, 0.9800852628680312),
        ),
        (
            "bin [1/2, 2/3), class 7, bound 0.6",
            (7, 0.5, 2.0 / 3.0, 0.6),
        ),
    ]
    .map(|(name, (class, lower, upper, threshold))| {
        (name, witness_input_time(class, lower, upper, threshold))
    });
    if !benchmarking {
        println!("bench calibration: {rows} rows evaluated, a witness input found; run `cargo bench --bench calibration` to time 10 million");
        return;
    }
    let started = Instant::now();
    let sum: f64 = probabilities.iter().sum();
    let baseline = started.elapsed();
    black_box(sum);
    println!(
        "bench calibration: {rows} predictions x {CLASSES} classes ({} MB of f64), 10 equal-width bins",
        probabilities.len() * 8 / 1_000_000
    );
    println!(
        "  baseline (sum every probability once): {:.1} ms",
        baseline.as_secs_f64() * 1e3
    );
    let forward = forward_pass_time();
    println!(
        "  baseline (one f64 forward pass of the 64-64-10 digits network): {:.1} us",
        forward.as_secs_f64() * 1e6
    );
    for (name, (total, certification, method)) in &witnesses {
        println!(
            "  witness input for the 64-64-10 digits network ({name}): {:.1} ms synthesis in all, of which {:.2} ms exact certification = {:.0} forward passes ({method})",
            total.as_secs_f64() * 1e3,
            certification.as_secs_f64() * 1e3,
            certification.as_secs_f64() / forward.as_secs_f64()
        );
    }
    for (rule, labels, which) in [
        (CalibrationRule::Legacy, &labels, "overconfident"),
        (CalibrationRule::Certify, &labels, "overconfident"),
        (CalibrationRule::Detect, &labels, "overconfident"),
        (CalibrationRule::Detect, &calibrated, "calibrated"),
    ] {
        let mut times = Vec::new();
        let mut last = None;
        for _ in 0..3 {
            let started = Instant::now();
            let evaluation = run(&probabilities, labels, rule);
            times.push(started.elapsed());
            last = Some(evaluation);
        }
        times.sort();
        let median = times[1];
        let evaluation = last.expect("three runs");
        let count = |method: PValueMethod| {
            evaluation
                .bins
                .iter()
                .filter(|bin| bin.p_value_method == method)
                .count()
        };
        let widest = evaluation
            .bins
            .iter()
            .filter(|bin| bin.p_value_method == PValueMethod::FourierBracket)
            .map(|bin| bin.p_value_bracket[1] - bin.p_value_bracket[0])
            .fold(0.0f64, f64::max);
        let undecided = evaluation
            .bins
            .iter()
            .filter(|bin| match (bin.holm_p_value, bin.holm_p_value_lower) {
                (Some(upper), Some(lower)) => (lower <= 0.05) != (upper <= 0.05),
                _ => false,
            })
            .count();
        println!(
            "  {:<8} ({which} labels) validated, binned and tested in {:.1} ms ({:.1}x baseline; goal {} ms: {}); {} bins: {} exact p-values, {} Fourier brackets (widest {:.1e}), {} Berry-Esseen bounds; {} undecided Holm comparisons; assertion {}",
            reqc::calibration::rule_name(rule),
            median.as_secs_f64() * 1e3,
            median.as_secs_f64() / baseline.as_secs_f64(),
            GOAL.as_millis(),
            if median < GOAL { "met" } else { "MISSED" },
            evaluation.bins.len(),
            count(PValueMethod::Exact),
            count(PValueMethod::FourierBracket),
            widest,
            count(PValueMethod::BerryEsseenBound),
            undecided,
            if evaluation.passed { "holds" } else { "fails" }
        );
        if rule == CalibrationRule::Detect {
            println!(
                "    of which binning and testing (rows already validated): {:.1} ms",
                evaluate_only(&probabilities, labels, rule).as_secs_f64() * 1e3
            );
            for bin in &evaluation.bins {
                println!(
                    "    bin {}: support {}, correct {}, {:?} p-value {:.6e}, bracket width {:.1e}",
                    bin.index,
                    bin.support,
                    bin.correct,
                    bin.p_value_method,
                    bin.p_value,
                    bin.p_value_bracket[1] - bin.p_value_bracket[0]
                );
            }
        }
    }
}
