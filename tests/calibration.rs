//! Calibration statistics and rules against the shared fixtures, scipy references and
//! hand-made data whose answers are known.

mod common;

use reqc::calibration::statistics::{
    binomial_upper_tail, clopper_pearson_lower, clopper_pearson_upper, exact_p_value,
    poisson_binomial_p_value, wilson_lower_bound, PValueMethod,
};
use reqc::calibration::{
    bin_index, equal_width_edges, evaluate, sums::ExactSum, BinStatus, Predictions, Settings,
};
use reqc::spec::{Binning, CalibrationRule};
use serde_json::Value;

/// Parses a float the way Python's repr wrote it; Rust's parser rounds correctly.
fn float(value: &Value) -> f64 {
    match value {
        Value::String(text) => text.parse().expect("a float"),
        other => panic!("expected a float string, found {other}"),
    }
}

/// The rows of a JSON array of arrays of numbers, parsed from the text itself so every
/// float is correctly rounded (serde_json's default parser may be one unit off).
fn matrix_after(text: &str, key: &str) -> Vec<Vec<f64>> {
    let start = text.find(&format!("\"{key}\"")).expect("key present");
    let open = start + text[start..].find('[').expect("an array");
    let mut depth = 0;
    let mut end = open;
    for (offset, character) in text[open..].char_indices() {
        match character {
            '[' => depth += 1,
            ']' => {
                depth -= 1;
                if depth == 0 {
                    end = open + offset;
                    break;
                }
            }
            _ => {}
        }
    }
    text[open + 1..end]
        .split(']')
        .filter(|row| row.contains(|c: char| c.is_ascii_digit()))
        .map(|row| {
            row.trim_start_matches([',', ' ', '\n', '['])
                .split(',')
                .map(|cell| cell.trim().parse::<f64>().expect("a number"))
                .collect()
        })
        .collect()
}

fn settings(binning: Binning, rule: CalibrationRule) -> Settings {
    Settings {
        binning,
        rule,
        epsilon: 0.0,
        min_support: 1,
        wilson_z: 1.96,
        alpha: 0.05,
    }
}

fn predictions_of(rows: &[Vec<f64>]) -> Predictions {
    let mut predictions = Predictions::new(rows[0].len());
    let flat: Vec<f64> = rows.iter().flatten().copied().collect();
    predictions.push_rows(&flat, 1e-6).expect("valid rows");
    predictions
}

#[test]
fn fixture_temp_hack_strong_reproduces_the_seed() {
    let path = common::shared().join("calibration/fixture_temp_hack_strong.json");
    let text = std::fs::read_to_string(&path).expect("the shared fixture");
    let fixture: Value = serde_json::from_str(&text).expect("JSON");
    let probabilities = matrix_after(&text, "probs");
    assert_eq!(probabilities.len(), 360);
    let labels: Vec<u32> = fixture["labels"]
        .as_array()
        .expect("labels")
        .iter()
        .map(|label| label.as_u64().expect("an integer") as u32)
        .collect();
    let predictions = predictions_of(&probabilities);
    let mut settings = settings(
        Binning::EqualWidth(fixture["num_bins"].as_u64().unwrap() as usize),
        CalibrationRule::Legacy,
    );
    settings.epsilon = fixture["epsilon"].as_f64().unwrap();
    settings.min_support = fixture["min_support"].as_u64().unwrap() as usize;
    settings.wilson_z = fixture["wilson_z"].as_f64().unwrap();
    let evaluation = evaluate(&predictions, &labels, &settings);
    let expected = fixture["expected_bins"].as_array().unwrap();
    let expected_text = &text[text.find("\"expected_bins\"").unwrap()..];
    // Exact floats of the expected bins, read from the text in order.
    let field = |name: &str, index: usize| -> f64 {
        let mut rest = expected_text;
        for _ in 0..=index {
            let at = rest.find(&format!("\"{name}\":")).expect("field");
            rest = &rest[at + name.len() + 3..];
        }
        let end = rest.find([',', '}']).unwrap();
        rest[..end].trim().parse().unwrap()
    };
    assert_eq!(evaluation.bins.len(), expected.len());
    for (index, (bin, want)) in evaluation.bins.iter().zip(expected).enumerate() {
        assert_eq!(bin.index as u64, want["bin"].as_u64().unwrap());
        assert_eq!(bin.support, want["support"].as_u64().unwrap());
        assert_eq!(bin.correct, want["correct"].as_u64().unwrap());
        for (name, actual) in [
            ("lo", bin.lower),
            ("hi", bin.upper),
            ("conf", bin.mean_confidence),
            ("acc", bin.accuracy),
            ("LCB", bin.wilson_lower),
        ] {
            let wanted = field(name, index);
            assert!(
                (actual - wanted).abs() <= 1e-12,
                "bin {}: {name} = {actual:?}, expected {wanted:?}",
                bin.index
            );
            // The order of operations is the seed's, so the values are bit for bit the same.
            assert_eq!(
                actual.to_bits(),
                wanted.to_bits(),
                "bin {}: {name}",
                bin.index
            );
        }
    }
    let expected_overconfident = fixture["expected_verdict_overconfident_bin_exists"]
        .as_bool()
        .unwrap();
    assert_eq!(!evaluation.passed, expected_overconfident);
    let flagged: Vec<usize> = evaluation
        .bins
        .iter()
        .filter(|bin| bin.status == BinStatus::Overconfident)
        .map(|bin| bin.index)
        .collect();
    assert_eq!(flagged, vec![5]);
    assert_eq!(
        evaluation
            .bins
            .iter()
            .filter(|bin| bin.status == BinStatus::NotAssessed)
            .count(),
        2
    );
}

#[test]
fn test_vectors_edges_bins_and_wilson() {
    let path = common::shared().join("calibration/test_vectors.json");
    let vectors: Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("vectors")).expect("JSON");
    for (count, edges) in vectors["edges"].as_object().unwrap() {
        let computed = equal_width_edges(count.parse().unwrap());
        let expected: Vec<f64> = edges.as_array().unwrap().iter().map(float).collect();
        let bits = |values: &[f64]| values.iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&computed), bits(&expected), "edges for N = {count}");
    }
    let cases = vectors["bin_index"].as_array().unwrap();
    assert!(cases.len() > 40);
    for case in cases {
        let count = case["N"].as_u64().unwrap() as usize;
        let confidence = float(&case["conf"]);
        let edges = equal_width_edges(count);
        assert_eq!(
            bin_index(&edges, confidence) as u64,
            case["bin"].as_u64().unwrap(),
            "N = {count}, confidence {confidence:?}"
        );
    }
    for case in vectors["wilson_lcb"].as_array().unwrap() {
        let computed = wilson_lower_bound(
            case["k"].as_u64().unwrap(),
            case["n"].as_u64().unwrap(),
            case["z"].as_f64().unwrap(),
        );
        let expected = float(&case["lcb"]);
        assert_eq!(computed.to_bits(), expected.to_bits(), "{case}");
    }
}

fn references() -> Value {
    let path = common::root().join("tests/calibration/references.json");
    serde_json::from_str(&std::fs::read_to_string(path).expect("references")).expect("JSON")
}

fn relative_error(actual: f64, expected: f64) -> f64 {
    if expected == 0.0 {
        actual.abs()
    } else {
        ((actual - expected) / expected).abs()
    }
}

#[test]
fn clopper_pearson_matches_scipy() {
    let references = references();
    let cases = references["clopper_pearson"].as_array().unwrap();
    assert!(cases.len() >= 60);
    for case in cases {
        let k = case["k"].as_u64().unwrap();
        let n = case["n"].as_u64().unwrap();
        let alpha = case["alpha"].as_f64().unwrap();
        let lower = clopper_pearson_lower(k, n, alpha);
        let upper = clopper_pearson_upper(k, n, alpha);
        // scipy's beta.ppf is itself accurate to about 1e-12 relative.
        assert!(
            relative_error(lower, float(&case["lower"])) < 1e-10,
            "lower {case}: {lower:?}"
        );
        assert!(
            relative_error(upper, float(&case["upper"])) < 1e-10,
            "upper {case}: {upper:?}"
        );
    }
}

#[test]
fn binomial_tail_and_poisson_binomial_match_scipy() {
    let references = references();
    for case in references["binomial_upper_tail"].as_array().unwrap() {
        let computed = binomial_upper_tail(
            case["k"].as_u64().unwrap(),
            case["n"].as_u64().unwrap(),
            float(&case["p"]),
        );
        assert!(
            relative_error(computed, float(&case["upper_tail"])) < 1e-11,
            "{case}: {computed:?}"
        );
    }
    for group in references["poisson_binomial_cdf"].as_array().unwrap() {
        let (confidences, epsilon, cases) = poisson_binomial_cases(group);
        for (correct, expected) in cases {
            let computed = exact_p_value(&confidences, epsilon, correct);
            // scipy sums with an FFT: its tiny values are absolute-accurate only.
            assert!(
                relative_error(computed, expected) < 1e-9 || (computed - expected).abs() < 1e-15,
                "n = {}, correct = {correct}: {computed:?} vs {expected:?}",
                confidences.len()
            );
        }
    }
}

/// A group of Poisson-binomial references: confidences, epsilon and (correct, p-value)
/// pairs. Large groups give only their size: c_i = 0.2 + 0.79 u_i with the Weyl sequence
/// u_i = ((i * 0x9E3779B97F4A7C15) mod 2^64 >> 11) / 2^53, exact in f64 (as the script says).
fn poisson_binomial_cases(group: &Value) -> (Vec<f64>, f64, Vec<(u64, f64)>) {
    let confidences = match group["size"].as_u64() {
        Some(size) => (0..size)
            .map(|i| {
                let bits = i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 11;
                0.2 + 0.79 * (bits as f64 / (1u64 << 53) as f64)
            })
            .collect(),
        None => group["confidences"]
            .as_array()
            .unwrap()
            .iter()
            .map(float)
            .collect(),
    };
    let corrects = group["correct"].as_array().unwrap();
    let p_values = group["p_value"].as_array().unwrap();
    let cases = corrects
        .iter()
        .zip(p_values)
        .map(|(correct, p_value)| (correct.as_u64().unwrap(), float(p_value)))
        .collect();
    (confidences, group["epsilon"].as_f64().unwrap(), cases)
}

#[test]
fn large_bins_are_bracketed_around_scipy() {
    let references = references();
    let groups = references["poisson_binomial_large"].as_array().unwrap();
    assert!(!groups.is_empty());
    for group in groups {
        let (confidences, epsilon, cases) = poisson_binomial_cases(group);
        for (correct, expected) in cases {
            let p_value = poisson_binomial_p_value(&confidences, epsilon, correct);
            assert_eq!(p_value.method, PValueMethod::FourierBracket);
            assert!(p_value.upper - p_value.lower <= 1e-11, "{p_value:?}");
            // scipy's FFT-based values are accurate to about 1e-13 absolute.
            assert!(
                p_value.lower - 1e-13 <= expected && expected <= p_value.upper + 1e-13,
                "n = {}, correct = {correct}: {p_value:?} vs scipy {expected:?}",
                confidences.len()
            );
        }
    }
}

#[test]
fn compressed_archives_read_like_stored_ones() {
    use reqc::data::npz::{members as npz_members, read as npz_read};
    let read_npz = |path: &std::path::Path| npz_read(&reqc::world::DiskWorld, path);
    let data = common::root().join("tests/ui/calibration/data");
    let stored = read_npz(&data.join("calibrated.npz")).expect("the stored archive");
    let compressed = read_npz(&data.join("calibrated_compressed.npz")).expect("the deflated one");
    assert_eq!(stored.len(), 2);
    assert_eq!(stored, compressed);
    let error = read_npz(&data.join("bad_crc.npz"))
        .expect_err("a wrong CRC-32")
        .to_string();
    assert!(
        error.contains("CRC-32") && error.contains("probabilities.npy"),
        "{error}"
    );
    // Every truncation and every single flipped byte is either reported or harmless
    // (a byte the reader does not use, such as a timestamp); never a panic, never other data.
    let bytes = std::fs::read(data.join("calibrated_compressed.npz")).expect("archive bytes");
    let mut reported = 0;
    for length in 0..bytes.len() {
        match npz_members(&bytes[..length]) {
            Err(_) => reported += 1,
            Ok(members) => assert_eq!(members, compressed, "cut at {length}"),
        }
    }
    assert_eq!(reported, bytes.len(), "every truncated archive is reported");
    let mut flipped_reported = 0;
    for position in 0..bytes.len() {
        let mut corrupt = bytes.clone();
        corrupt[position] ^= 0x5A;
        match npz_members(&corrupt) {
            Err(_) => flipped_reported += 1,
            Ok(members) => assert_eq!(members, compressed, "byte {position} flipped"),
        }
    }
    assert!(
        flipped_reported > bytes.len() * 9 / 10,
        "{flipped_reported}"
    );
}

#[test]
fn means_are_exactly_rounded_and_within_an_ulp_of_numpy() {
    use num_rational::BigRational;
    for case in references()["numpy_mean"].as_array().unwrap() {
        let values: Vec<f64> = case["values"]
            .as_array()
            .unwrap()
            .iter()
            .map(float)
            .collect();
        let mut sum = ExactSum::default();
        values.iter().for_each(|&value| sum.add(value));
        let mean = sum.mean(values.len() as u64);
        let exact = values
            .iter()
            .fold(BigRational::from_integer(0.into()), |total, &value| {
                total + reqc::number::finite_rational(value)
            })
            / BigRational::from_integer((values.len() as u64).into());
        let expected = reqc::number::rational_to_float(
            &exact,
            reqc::number::FloatFormat::F64,
            reqc::number::Rounding::NearestEven,
        );
        assert_eq!(
            mean.to_bits(),
            expected.to_bits(),
            "{} values",
            values.len()
        );
        // numpy's pairwise mean rounds at every addition; it stays within a few units
        // in the last place of the exact mean.
        let numpy = float(&case["mean"]);
        assert!(
            (mean - numpy).abs() <= 4.0 * f64::EPSILON * mean.abs(),
            "{} values: {mean:?} against numpy's {numpy:?}",
            values.len()
        );
    }
}

/// n rows of two classes with confidence `confidence`, the first `correct` labelled right.
fn block(n: usize, correct: usize, confidence: f64) -> (Vec<Vec<f64>>, Vec<u32>) {
    let rows = vec![vec![confidence, 1.0 - confidence]; n];
    let labels = (0..n).map(|i| if i < correct { 0 } else { 1 }).collect();
    (rows, labels)
}

fn combined(parts: &[(Vec<Vec<f64>>, Vec<u32>)]) -> (Predictions, Vec<u32>) {
    let rows: Vec<Vec<f64>> = parts.iter().flat_map(|(rows, _)| rows.clone()).collect();
    let labels: Vec<u32> = parts
        .iter()
        .flat_map(|(_, labels)| labels.clone())
        .collect();
    (predictions_of(&rows), labels)
}

#[test]
fn certify_passes_a_well_calibrated_large_sample_and_reports_small_bins() {
    // 0.75 confidence, 1000 predictions, 760 correct: CP lower bound at 0.05 is about 0.737.
    let (predictions, labels) = combined(&[block(1000, 760, 0.75)]);
    let mut settings = settings(Binning::EqualWidth(10), CalibrationRule::Certify);
    settings.epsilon = 0.02;
    let evaluation = evaluate(&predictions, &labels, &settings);
    assert!(evaluation.passed);
    assert_eq!(evaluation.bins[0].status, BinStatus::Certified);
    // Three predictions at 0.95 can never certify 0.93 at alpha 0.05: 0.05^(1/3) = 0.368.
    let (predictions, labels) = combined(&[block(1000, 760, 0.75), block(3, 3, 0.95)]);
    let evaluation = evaluate(&predictions, &labels, &settings);
    assert!(!evaluation.passed);
    assert_eq!(evaluation.bins[1].status, BinStatus::TooSmallToCertify);
    // min_support takes the small bin out of the assessment.
    settings.min_support = 10;
    let evaluation = evaluate(&predictions, &labels, &settings);
    assert!(evaluation.passed);
    assert_eq!(evaluation.bins[1].status, BinStatus::NotAssessed);
    // A clearly overconfident bin is not certified.
    settings.min_support = 1;
    let (predictions, labels) = combined(&[block(1000, 600, 0.75)]);
    let evaluation = evaluate(&predictions, &labels, &settings);
    assert!(!evaluation.passed);
    assert_eq!(evaluation.bins[0].status, BinStatus::NotCertified);
}

#[test]
fn detect_alarms_only_on_the_overconfident_bin_after_holm() {
    let (predictions, labels) = combined(&[
        block(500, 300, 0.65), // calibrated: 0.6 against 0.65 with epsilon 0.05
        block(500, 350, 0.85), // 0.70 against 0.80 (0.85 - epsilon): p-value about 1e-8
        block(200, 185, 0.95), // 0.925 against 0.95: not significant
    ]);
    let mut settings = settings(Binning::EqualWidth(10), CalibrationRule::Detect);
    settings.epsilon = 0.05;
    let evaluation = evaluate(&predictions, &labels, &settings);
    assert!(!evaluation.passed);
    let statuses: Vec<(usize, BinStatus)> = evaluation
        .bins
        .iter()
        .map(|bin| (bin.index, bin.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            (6, BinStatus::Fine),
            (8, BinStatus::Alarm),
            (9, BinStatus::Fine)
        ]
    );
    let alarm = &evaluation.bins[1];
    assert!(alarm.holm_p_value.unwrap() <= 3.0 * alarm.p_value);
    assert!(alarm.p_value < 1e-6);
    // A perfectly calibrated sample raises no alarm.
    let (predictions, labels) = combined(&[block(1000, 700, 0.7), block(1000, 900, 0.9)]);
    let evaluation = evaluate(&predictions, &labels, &settings);
    assert!(evaluation.passed);
}

#[test]
fn legacy_flags_a_perfectly_calibrated_bin_which_detect_does_not() {
    // The seed's weakness: mean confidence 0.9 with accuracy exactly 0.9 over 100
    // predictions has a Wilson bound of 0.826, so legacy with epsilon 0.02 flags it.
    let (predictions, labels) = combined(&[block(100, 90, 0.9)]);
    let mut legacy = settings(Binning::EqualWidth(10), CalibrationRule::Legacy);
    legacy.epsilon = 0.02;
    let evaluation = evaluate(&predictions, &labels, &legacy);
    assert!(!evaluation.passed);
    let mut detect = legacy;
    detect.rule = CalibrationRule::Detect;
    assert!(evaluate(&predictions, &labels, &detect).passed);
    assert!(evaluation.expected_calibration_error < 1e-12);
    assert_eq!(evaluation.bins[0].status, BinStatus::Overconfident);
}

/// Decodes the PNG files reqc writes (8-bit RGB, filter 0, zlib stored blocks), checking
/// every chunk CRC and the Adler-32; returns width, height and pixels.
fn decode_png(bytes: &[u8]) -> (usize, usize, Vec<u8>) {
    use reqc::calibration::diagram::{adler32, crc32};
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n");
    let mut position = 8;
    let (mut width, mut height) = (0, 0);
    let mut zlib = Vec::new();
    while position < bytes.len() {
        let length = u32::from_be_bytes(bytes[position..position + 4].try_into().unwrap()) as usize;
        let kind = &bytes[position + 4..position + 8];
        let data = &bytes[position + 8..position + 8 + length];
        let crc = u32::from_be_bytes(
            bytes[position + 8 + length..position + 12 + length]
                .try_into()
                .unwrap(),
        );
        assert_eq!(crc, crc32(&bytes[position + 4..position + 8 + length]));
        match kind {
            b"IHDR" => {
                width = u32::from_be_bytes(data[0..4].try_into().unwrap()) as usize;
                height = u32::from_be_bytes(data[4..8].try_into().unwrap()) as usize;
                assert_eq!(&data[8..], &[8, 2, 0, 0, 0]);
            }
            b"IDAT" => zlib.extend_from_slice(data),
            b"IEND" => {}
            other => panic!("unexpected chunk {other:?}"),
        }
        position += 12 + length;
    }
    assert_eq!(zlib[0] & 0x0f, 8, "deflate");
    assert_eq!(
        ((zlib[0] as u16) << 8 | zlib[1] as u16) % 31,
        0,
        "zlib header check"
    );
    let mut raw = Vec::new();
    let mut at = 2;
    loop {
        let header = zlib[at];
        assert_eq!(header & 0b110, 0, "stored block");
        let length = u16::from_le_bytes([zlib[at + 1], zlib[at + 2]]);
        let complement = u16::from_le_bytes([zlib[at + 3], zlib[at + 4]]);
        assert_eq!(length, !complement);
        raw.extend_from_slice(&zlib[at + 5..at + 5 + length as usize]);
        at += 5 + length as usize;
        if header & 1 == 1 {
            break;
        }
    }
    let adler = u32::from_be_bytes(zlib[at..at + 4].try_into().unwrap());
    assert_eq!(adler, adler32(&raw));
    let mut pixels = Vec::new();
    for row in raw.chunks_exact(width * 3 + 1) {
        assert_eq!(row[0], 0, "filter type 0");
        pixels.extend_from_slice(&row[1..]);
    }
    assert_eq!(pixels.len(), width * height * 3);
    (width, height, pixels)
}

/// The numeric attributes of every SVG element that starts with `prefix`. (The report's
/// floats come back through serde_json, which may round the last digit differently.)
fn svg_numbers(svg: &str, prefix: &str, attributes: &[&str]) -> Vec<Vec<f64>> {
    svg.match_indices(prefix)
        .map(|(start, _)| {
            let element = &svg[start..start + svg[start..].find('>').unwrap()];
            attributes
                .iter()
                .map(|name| {
                    let at = element.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
                    let end = at + element[at..].find('"').unwrap();
                    element[at..end].parse().unwrap()
                })
                .collect()
        })
        .collect()
}

#[test]
fn verify_writes_report_and_reliability_diagrams() {
    use reqc::calibration::diagram::{to_pixel, CALIBRATED, DECIDING, DIAGONAL, NOT_ASSESSED};
    let scratch = std::env::temp_dir().join(format!("reqc-calibration-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let report_path = scratch.join("report.json");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reqc"))
        .current_dir(common::root())
        .args(["verify", "--color", "never", "--report"])
        .arg(&report_path)
        .arg("--diagram-dir")
        .arg(&scratch)
        .arg("tests/ui/calibration/fails.req")
        .output()
        .expect("run reqc");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let reports: Value =
        serde_json::from_str(&std::fs::read_to_string(&report_path).unwrap()).unwrap();
    let reports = reports.as_array().unwrap();
    assert_eq!(reports.len(), 3);
    for report in reports {
        let name = report["name"].as_str().unwrap();
        let bins = report["evaluation"]["bins"].as_array().unwrap();
        let png = std::fs::read(scratch.join(format!("{name}.png"))).unwrap();
        let (width, height, pixels) = decode_png(&png);
        assert_eq!((width, height), (480, 480));
        let pixel = |x: f64, y: f64| -> [u8; 3] {
            let at = (y as usize * width + x as usize) * 3;
            [pixels[at], pixels[at + 1], pixels[at + 2]]
        };
        let svg = std::fs::read_to_string(scratch.join(format!("{name}.svg"))).unwrap();
        let (x0, y0) = to_pixel(0.0, 0.0);
        let (x1, y1) = to_pixel(1.0, 1.0);
        assert!(svg.contains(&format!(
            "<line class=\"diagonal\" x1=\"{x0}\" y1=\"{y0}\" x2=\"{x1}\" y2=\"{y1}\""
        )));
        for bin in bins {
            let confidence = bin["mean_confidence"].as_f64().unwrap();
            let accuracy = bin["accuracy"].as_f64().unwrap();
            let (x, y) = to_pixel(confidence, accuracy);
            let expected = match bin["status"].as_str().unwrap() {
                "not_assessed" => NOT_ASSESSED,
                "alarm" | "overconfident" | "not_certified" | "too_small_to_certify" => DECIDING,
                _ => CALIBRATED,
            };
            assert_eq!(pixel(x, y), expected, "{name}: bin {}", bin["index"]);
            assert!(svg_numbers(&svg, "<circle class=\"bin\"", &["cx", "cy"])
                .iter()
                .any(|found| (found[0] - x).abs() < 1e-9 && (found[1] - y).abs() < 1e-9));
            assert!(svg.contains(&format!(">n={}</text>", bin["support"])));
            // The Clopper-Pearson bar spans the interval.
            let (_, low) = to_pixel(0.0, bin["clopper_pearson_low"].as_f64().unwrap());
            let (_, high) = to_pixel(0.0, bin["clopper_pearson_high"].as_f64().unwrap());
            assert_eq!(pixel(x, (low + high) / 2.0), expected);
            assert!(
                svg_numbers(&svg, "<line class=\"interval\"", &["x1", "y1", "x2", "y2"])
                    .iter()
                    .any(|found| [x, low, x, high]
                        .iter()
                        .zip(found)
                        .all(|(want, got)| (want - got).abs() < 1e-9))
            );
        }
        // The diagonal is drawn where no bin covers it, and the rest is background.
        let diagonal_hits = (1..10)
            .map(|step| {
                let (x, y) = to_pixel(step as f64 / 10.0, step as f64 / 10.0);
                pixel(x, y)
            })
            .filter(|color| *color == DIAGONAL)
            .count();
        assert!(
            diagonal_hits >= 6,
            "{name}: diagonal at {diagonal_hits} of 9 points"
        );
        let (x, y) = to_pixel(0.05, 0.95);
        assert_eq!(pixel(x, y), [255, 255, 255]);
    }
    std::fs::remove_dir_all(&scratch).unwrap();
}

fn rational(text: &str) -> num_rational::BigRational {
    let (numerator, denominator) = text.split_once('/').unwrap_or((text, "1"));
    num_rational::BigRational::new(numerator.parse().unwrap(), denominator.parse().unwrap())
}

/// Re-validates a witness vector in exact arithmetic.
fn assert_valid_witness(
    probabilities: &[num_rational::BigRational],
    query: &reqc::smt::ProbabilityQuery,
) {
    use num_traits::{One, Zero};
    assert_eq!(probabilities.len(), query.classes);
    let sum: num_rational::BigRational = probabilities.iter().sum();
    assert!(sum.is_one(), "sum {sum}");
    assert!(probabilities
        .iter()
        .all(|p| *p >= num_rational::BigRational::zero()));
    let confidence = &probabilities[query.class];
    for (index, probability) in probabilities.iter().enumerate() {
        if index != query.class {
            assert!(
                confidence > probability,
                "class {index} ties or beats the argmax"
            );
        }
    }
    assert!(*confidence >= query.lower);
    assert!(if query.upper_closed {
        *confidence <= query.upper
    } else {
        *confidence < query.upper
    });
    assert!(*confidence > query.threshold);
}

#[test]
fn witness_vectors_are_exactly_valid() {
    use reqc::smt::{probability_witness, ProbabilityQuery, ProbabilityWitness};
    let timeout = std::time::Duration::from_secs(10);
    let query = ProbabilityQuery {
        classes: 10,
        class: 3,
        lower: rational("1/2"),
        upper: rational("2/3"),
        upper_closed: false,
        threshold: rational("6004799503160661/9007199254740992"),
    };
    // The threshold is just below 2/3, so the confidence is squeezed into a tiny interval.
    match probability_witness(&query, timeout) {
        ProbabilityWitness::Found(values) => assert_valid_witness(&values, &query),
        other => panic!("expected a witness, got {other:?}"),
    }
    // Two classes in [0.4, 0.5): the predicted class cannot be the strict argmax.
    let impossible = ProbabilityQuery {
        classes: 2,
        class: 0,
        lower: rational("2/5"),
        upper: rational("1/2"),
        upper_closed: false,
        threshold: rational("0"),
    };
    assert_eq!(
        probability_witness(&impossible, timeout),
        ProbabilityWitness::Impossible
    );
    // Closed last bin: confidence exactly 1 is allowed, above 1 nothing is.
    let mut last = ProbabilityQuery {
        classes: 3,
        class: 2,
        lower: rational("5/6"),
        upper: rational("1"),
        upper_closed: true,
        threshold: rational("999999/1000000"),
    };
    match probability_witness(&last, timeout) {
        ProbabilityWitness::Found(values) => assert_valid_witness(&values, &last),
        other => panic!("expected a witness, got {other:?}"),
    }
    last.threshold = rational("1");
    assert_eq!(
        probability_witness(&last, timeout),
        ProbabilityWitness::Impossible
    );
}

#[test]
fn failing_reports_carry_a_valid_witness() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reqc"))
        .current_dir(common::root())
        .args(["verify", "--message-format", "json"])
        .arg("tests/ui/calibration/fails.req")
        .output()
        .expect("run reqc");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let mut checked = 0;
    for line in stdout.lines() {
        let value: Value = serde_json::from_str(line).unwrap();
        if value["type"] != "calibration_report" {
            continue;
        }
        let report = &value["report"];
        let witness = &report["witness"];
        assert_eq!(witness["status"], "found");
        let bin = report["evaluation"]["bins"]
            .as_array()
            .unwrap()
            .iter()
            .find(|bin| bin["index"] == witness["bin"])
            .unwrap();
        let edges = report["evaluation"]["edges"].as_array().unwrap();
        let index = bin["index"].as_u64().unwrap() as usize;
        let exact =
            |value: &Value| reqc::number::float_to_rational(value.as_f64().unwrap()).unwrap();
        let query = reqc::smt::ProbabilityQuery {
            classes: report["evaluation"]["classes"].as_u64().unwrap() as usize,
            class: witness["class"].as_u64().unwrap() as usize,
            lower: exact(&edges[index]),
            upper: exact(&edges[index + 1]),
            upper_closed: index + 2 == edges.len(),
            threshold: rational(witness["threshold"].as_str().unwrap()),
        };
        let probabilities: Vec<_> = witness["probabilities"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| rational(p.as_str().unwrap()))
            .collect();
        assert_valid_witness(&probabilities, &query);
        checked += 1;
    }
    assert_eq!(checked, 3);
}

/// Reads a 2-D f64 `.npy` file as rows.
fn npy_rows(path: &std::path::Path) -> Vec<Vec<f64>> {
    use reqc::data::{NpyReader, RowReader};
    let file = std::io::BufReader::new(std::fs::File::open(path).expect("npy file"));
    let mut reader = NpyReader::new(file).expect("npy header");
    let columns = reader.columns();
    let mut values = Vec::new();
    while reader.read_rows(&mut values, 1024).expect("rows") > 0 {}
    values.chunks(columns).map(<[f64]>::to_vec).collect()
}

#[test]
fn onnx_network_matches_scikit_learn() {
    let directory = common::root().join("examples/calibration");
    let bytes = std::fs::read(directory.join("digits.onnx")).expect("the example model");
    let network = reqc::models::network::read_network(&bytes).expect("a ReLU network");
    assert_eq!(network.inputs(), 64);
    assert_eq!(network.outputs(), 10);
    assert_eq!(network.layers.len(), 2);
    assert!(network.layers[0].relu && !network.layers[1].relu);
    let inputs = npy_rows(&directory.join("sample_inputs.npy"));
    let probabilities = npy_rows(&directory.join("probabilities.npy"));
    assert_eq!(inputs.len(), 20);
    for (input, expected) in inputs.iter().zip(&probabilities) {
        let computed = network.probabilities(input);
        for (a, b) in computed.iter().zip(expected) {
            assert!((a - b).abs() < 1e-9, "{computed:?} vs {expected:?}");
        }
    }
    // Truncated files are errors, never panics.
    for length in [0, 1, 10, 100, 1000, bytes.len() - 1] {
        let _ = reqc::models::network::read_network(&bytes[..length]);
    }
}

fn exact_rational(value: f64) -> num_rational::BigRational {
    reqc::number::float_to_rational(value).unwrap()
}

/// The network's logits in exact rationals, computed here independently of reqc's
/// certifier: the float weights, biases and inputs as exact rationals, ReLU exact.
fn exact_logits(
    network: &reqc::models::network::Network,
    input: &[f64],
) -> Vec<num_rational::BigRational> {
    use num_traits::{Signed, Zero};
    let mut values: Vec<_> = input.iter().map(|value| exact_rational(*value)).collect();
    for layer in &network.layers {
        values = (0..layer.outputs)
            .map(|output| {
                let row = &layer.weights[output * layer.inputs..(output + 1) * layer.inputs];
                let mut sum = exact_rational(layer.bias[output]);
                for (weight, value) in row.iter().zip(&values) {
                    sum += exact_rational(*weight) * value;
                }
                if layer.relu && !sum.is_positive() {
                    num_rational::BigRational::zero()
                } else {
                    sum
                }
            })
            .collect();
    }
    values
}

/// Rounds a positive rational down (or up) to a multiple of 2^-200, keeping bounds valid
/// while their size stays small.
fn round_to_grid(value: &num_rational::BigRational, up: bool) -> num_rational::BigRational {
    use num_bigint::BigInt;
    let grid = num_rational::BigRational::from_integer(BigInt::from(1) << 200);
    let scaled = value * &grid;
    (if up { scaled.ceil() } else { scaled.floor() }) / grid
}

/// Rigorous bounds on e^x for a rational x >= 0: the series on x / 2^m <= 1 (20 terms,
/// remainder at most 3 y^21 / 21!), squared m times.
fn exponential_bounds(
    x: &num_rational::BigRational,
) -> (num_rational::BigRational, num_rational::BigRational) {
    use num_bigint::BigInt;
    use num_traits::{One, Signed};
    assert!(!x.is_negative());
    let one = num_rational::BigRational::one();
    let two = num_rational::BigRational::from_integer(BigInt::from(2));
    let mut y = x.clone();
    let mut squarings = 0;
    while y > one {
        y /= &two;
        squarings += 1;
    }
    let mut term = one.clone();
    let mut low = one.clone();
    for index in 1..=20 {
        term = term * &y / num_rational::BigRational::from_integer(BigInt::from(index));
        low += &term;
    }
    let remainder = &term * &y * num_rational::BigRational::from_integer(BigInt::from(3))
        / num_rational::BigRational::from_integer(BigInt::from(21));
    let mut high = &low + remainder;
    low = round_to_grid(&low, false);
    high = round_to_grid(&high, true);
    for _ in 0..squarings {
        low = round_to_grid(&(&low * &low), false);
        high = round_to_grid(&(&high * &high), true);
    }
    (low, high)
}

/// Checks a witness input independently of reqc's certifier: inside the box, a float32
/// value (the digits model is float32), the real-valued network's confidence bracketed
/// exactly (conf = 1 / (1 + sum e^(-d_j)) with rigorous bounds on each exponential) inside
/// the bin and above the bound, and the float32 and f64 evaluations inside too.
fn assert_certified_input(query: &reqc::smt::InputQuery<'_>, input: &[f64]) {
    use num_traits::{One, Signed, Zero};
    let (low, high) = query.input_box;
    assert!(input.iter().all(|value| (low..=high).contains(value)));
    assert!(input.iter().all(|value| f64::from(*value as f32) == *value));
    let logits = exact_logits(query.network, input);
    let k = query.class;
    let one = num_rational::BigRational::one();
    let (mut sum_low, mut sum_high) = (
        num_rational::BigRational::zero(),
        num_rational::BigRational::zero(),
    );
    for (j, logit) in logits.iter().enumerate() {
        if j == k {
            continue;
        }
        let difference = &logits[k] - logit;
        assert!(
            difference.is_positive(),
            "class {j} ties or beats class {k}"
        );
        let (exp_low, exp_high) = exponential_bounds(&difference);
        // e^(-d) lies in [1 / exp_high, 1 / exp_low].
        sum_low += &one / exp_high;
        sum_high += &one / exp_low;
    }
    let confidence_low = &one / (&one + sum_high);
    let confidence_high = &one / (&one + sum_low);
    assert!(
        confidence_low >= query.lower,
        "the real confidence may be below the bin"
    );
    assert!(
        confidence_low > query.threshold,
        "the real confidence may not exceed the bound"
    );
    assert!(
        if query.upper_closed {
            confidence_high <= query.upper
        } else {
            confidence_high < query.upper
        },
        "the real confidence may be above the bin"
    );
    // Floating point: f64, and float32 with sums in input order.
    let mut single: Vec<f32> = input.iter().map(|value| *value as f32).collect();
    for layer in &query.network.layers {
        single = (0..layer.outputs)
            .map(|output| {
                let mut sum = 0.0f32;
                for (index, value) in single.iter().enumerate() {
                    sum += layer.weights[output * layer.inputs + index] as f32 * value;
                }
                sum += layer.bias[output] as f32;
                if layer.relu {
                    sum.max(0.0)
                } else {
                    sum
                }
            })
            .collect();
    }
    let largest = single.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exponentials: Vec<f32> = single.iter().map(|z| (z - largest).exp()).collect();
    let total: f32 = exponentials.iter().sum();
    let float32: Vec<f64> = exponentials.iter().map(|e| f64::from(e / total)).collect();
    for probabilities in [query.network.probabilities(input), float32] {
        let first_best = (0..probabilities.len()).fold(0, |best, index| {
            if probabilities[index] > probabilities[best] {
                index
            } else {
                best
            }
        });
        assert_eq!(first_best, query.class);
        let confidence = exact_rational(probabilities[first_best]);
        assert!(confidence >= query.lower);
        assert!(if query.upper_closed {
            confidence <= query.upper
        } else {
            confidence < query.upper
        });
        assert!(confidence > query.threshold);
    }
}

#[test]
fn witness_inputs_reach_the_bin_or_are_unreachable() {
    use reqc::models::network::{Layer, Network};
    use reqc::smt::{input_witness, InputQuery, InputWitness};
    let bytes = std::fs::read(common::root().join("examples/calibration/digits.onnx")).unwrap();
    let network = reqc::models::network::read_network(&bytes).unwrap();
    for (class, lower, upper, closed, threshold) in [
        (1, 5.0 / 6.0, 1.0, true, 0.9800852628680312),
        (7, 0.5, 2.0 / 3.0, false, 0.6),
    ] {
        let query = InputQuery {
            network: &network,
            input_box: (0.0, 1.0),
            class,
            lower: exact_rational(lower),
            upper: exact_rational(upper),
            upper_closed: closed,
            threshold: exact_rational(threshold),
            timeout: std::time::Duration::from_secs(10),
        };
        match input_witness(&query) {
            InputWitness::Found {
                input,
                probabilities,
                method,
                precision,
                certificate,
                ..
            } => {
                assert_eq!(
                    probabilities,
                    reqc::certificate::probabilities_float32(&network, &input)
                );
                assert_eq!(precision, reqc::certificate::Precision::Float32);
                assert!(method.ends_with("+exact-certificate"), "{method}");
                assert!(certificate.difference_margin >= 0.0);
                assert_certified_input(&query, &input);
            }
            other => panic!("class {class}: expected a witness input, got {other:?}"),
        }
    }
    // Logits within [0, 0.1] on the box: no confidence reaches 0.8, and Z3 proves it.
    let small = Network {
        layers: vec![
            Layer {
                inputs: 2,
                outputs: 2,
                weights: vec![1.0, 0.0, 0.0, 1.0],
                bias: vec![0.0, 0.0],
                relu: true,
            },
            Layer {
                inputs: 2,
                outputs: 3,
                weights: vec![0.1, 0.0, 0.0, 0.1, 0.0, 0.0],
                bias: vec![0.0; 3],
                relu: false,
            },
        ],
    };
    let query = InputQuery {
        network: &small,
        input_box: (0.0, 1.0),
        class: 0,
        lower: exact_rational(0.8),
        upper: exact_rational(1.0),
        upper_closed: true,
        threshold: exact_rational(0.8),
        timeout: std::time::Duration::from_secs(10),
    };
    assert_eq!(input_witness(&query), InputWitness::Unreachable);
}

/// onnxruntime's probabilities for one float32 input of the digits model, when python3
/// with onnxruntime is installed (as `scripts/setup.sh` arranges).
fn onnxruntime_probabilities(input: &[f64]) -> Option<Vec<f64>> {
    let script = "import sys, numpy, onnxruntime\n\
        x = numpy.array([[float(v) for v in sys.argv[2].split(',')]], dtype=numpy.float32)\n\
        session = onnxruntime.InferenceSession(sys.argv[1], providers=['CPUExecutionProvider'])\n\
        outputs = {o.name: i for i, o in enumerate(session.get_outputs())}\n\
        result = session.run(None, {session.get_inputs()[0].name: x})[outputs['probabilities']]\n\
        print(','.join(repr(float(p)) for p in numpy.asarray(result, dtype=numpy.float32).ravel()))\n";
    let point = input
        .iter()
        .map(|value| format!("{value:?}"))
        .collect::<Vec<_>>()
        .join(",");
    let model = common::root().join("examples/calibration/digits.onnx");
    let output =
        common::run_onnxruntime_script(script, &[model.as_os_str(), std::ffi::OsStr::new(&point)])?;
    Some(
        output
            .trim()
            .split(',')
            .map(|value| value.parse().expect("a probability"))
            .collect(),
    )
}

#[test]
fn witness_inputs_reach_the_bin_in_onnxruntime() {
    use reqc::smt::{input_witness, InputWitness};
    let bytes = std::fs::read(common::root().join("examples/calibration/digits.onnx")).unwrap();
    let network = reqc::models::network::read_network(&bytes).unwrap();
    for (class, lower, upper, threshold) in [
        (1, 5.0 / 6.0, 1.0, 0.9800852628680312),
        (7, 0.5, 2.0 / 3.0, 0.6),
    ] {
        let query = query_of(&network, class, lower, upper, threshold);
        let InputWitness::Found { input, .. } = input_witness(&query) else {
            panic!("class {class}: no witness input");
        };
        let Some(probabilities) = onnxruntime_probabilities(&input) else {
            return;
        };
        let best = reqc::certificate::first_argmax(&probabilities);
        assert_eq!(best, class, "{probabilities:?}");
        let target = target_of(&query);
        assert!(
            target.admits(&exact_rational(probabilities[best])),
            "class {class}: onnxruntime gives {probabilities:?}"
        );
    }
}

fn query_of<'a>(
    network: &'a reqc::models::network::Network,
    class: usize,
    lower: f64,
    upper: f64,
    threshold: f64,
) -> reqc::smt::InputQuery<'a> {
    reqc::smt::InputQuery {
        network,
        input_box: (0.0, 1.0),
        class,
        lower: exact_rational(lower),
        upper: exact_rational(upper),
        upper_closed: upper == 1.0,
        threshold: exact_rational(threshold),
        timeout: std::time::Duration::from_secs(10),
    }
}

fn target_of(query: &reqc::smt::InputQuery<'_>) -> reqc::certificate::Target {
    reqc::certificate::Target {
        class: query.class,
        lower: query.lower.clone(),
        upper: query.upper.clone(),
        upper_closed: query.upper_closed,
        threshold: query.threshold.clone(),
    }
}

#[test]
fn a_candidate_the_floats_accept_but_the_sufficient_conditions_do_not_is_refined() {
    use reqc::certificate::{validate, Precision, Problem, Rejection};
    use reqc::models::network::{Layer, Network};
    // Logits (4 x, 0, -10): at x = 0.375 the confidence of class 0 is 0.8175 > 0.75, but
    // d_1 = 1.5 < ln(2 x 0.75 / 0.25) = ln 6, so the certificate cannot vouch for it.
    let network = Network {
        layers: vec![Layer {
            inputs: 1,
            outputs: 3,
            weights: vec![4.0, 0.0, 0.0],
            bias: vec![0.0, 0.0, -10.0],
            relu: false,
        }],
    };
    let query = query_of(&network, 0, 0.5, 1.0, 0.75);
    let problem = Problem::new(&network, target_of(&query), query.input_box).unwrap();
    let candidate = [0.375];
    assert!(validate(
        &network,
        &problem.target,
        (0.0, 1.0),
        Precision::Float32,
        &candidate
    )
    .is_some());
    assert_eq!(problem.precision, Precision::Float32);
    assert_eq!(
        problem.certify(&candidate),
        Err(Rejection::DifferenceTooSmall(1))
    );
    let settled = problem.settle(&candidate).expect("a certified point");
    assert!(settled.region_steps >= 1);
    assert!(settled.input[0] * 4.0 > 6f64.ln());
    assert!(settled.certificate.difference_margin > 0.0);
    assert_certified_input(&query, &settled.input);
    // Not a float32 value: rejected, since a float32 model never sees it.
    assert_eq!(
        problem.certify(&[0.9 + 1e-12]),
        Err(Rejection::NotInModelPrecision(0))
    );
}

#[test]
fn a_candidate_on_a_relu_boundary_is_moved_inside_its_region() {
    use reqc::certificate::{Problem, Rejection};
    use reqc::models::network::{Layer, Network};
    // z_0 = 4 relu(x - 0.5) + 2, z_1 = 0: at x = 0.5 the pre-activation is exactly zero.
    let network = Network {
        layers: vec![
            Layer {
                inputs: 1,
                outputs: 1,
                weights: vec![1.0],
                bias: vec![-0.5],
                relu: true,
            },
            Layer {
                inputs: 1,
                outputs: 2,
                weights: vec![4.0, 0.0],
                bias: vec![2.0, 0.0],
                relu: false,
            },
        ],
    };
    let query = query_of(&network, 0, 0.5, 1.0, 0.6);
    let problem = Problem::new(&network, target_of(&query), query.input_box).unwrap();
    assert_eq!(
        problem.certify(&[0.5]),
        Err(Rejection::OnReluBoundary {
            layer: 0,
            neuron: 0
        })
    );
    let settled = problem.settle(&[0.5]).expect("a certified point");
    assert!(settled.region_steps >= 1);
    assert!(settled.input[0] != 0.5);
    assert!(settled.certificate.activation_margin.unwrap() > 0.0);
    assert_certified_input(&query, &settled.input);
}

#[test]
fn the_solver_finds_what_the_gradient_search_cannot() {
    use reqc::models::network::{Layer, Network};
    use reqc::smt::{input_witness, InputWitness};
    // One ReLU, alive only where x_0 + x_1 > 1.9: the gradient is zero at the centre,
    // so the search has nothing to follow and Z3's region query supplies the candidate.
    let network = Network {
        layers: vec![
            Layer {
                inputs: 2,
                outputs: 1,
                weights: vec![1.0, 1.0],
                bias: vec![-1.9f32 as f64],
                relu: true,
            },
            Layer {
                inputs: 1,
                outputs: 3,
                weights: vec![40.0, 0.0, 0.0],
                bias: vec![0.0; 3],
                relu: false,
            },
        ],
    };
    let query = query_of(&network, 0, 0.5, 1.0, 0.6);
    match input_witness(&query) {
        InputWitness::Found { input, method, .. } => {
            assert!(method.starts_with("solver"), "{method}");
            assert_certified_input(&query, &input);
        }
        other => panic!("expected a witness input, got {other:?}"),
    }
}

#[test]
fn verify_saves_the_witness_input() {
    let scratch = std::env::temp_dir().join(format!("reqc-witness-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_reqc"))
        .current_dir(common::root())
        .args(["verify", "--color", "never", "--diagram-dir"])
        .arg(&scratch)
        .arg("--report")
        .arg(scratch.join("report.json"))
        .arg("examples/calibration/digits.req")
        .output()
        .expect("run reqc");
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let rows = npy_rows(&scratch.join("seed_rule_witness.npy"));
    assert_eq!((rows.len(), rows[0].len()), (8, 8));
    let input: Vec<f64> = rows.concat();
    let bytes = std::fs::read(common::root().join("examples/calibration/digits.onnx")).unwrap();
    let network = reqc::models::network::read_network(&bytes).unwrap();
    // The report says how the input was found and certified; check it independently.
    let text = std::fs::read_to_string(scratch.join("report.json")).unwrap();
    let reports: Value = serde_json::from_str(&text).unwrap();
    let report = reports
        .as_array()
        .unwrap()
        .iter()
        .find(|report| report["name"] == "seed_rule")
        .unwrap();
    let found = &report["witness_input"];
    assert_eq!(found["status"], "found");
    assert_eq!(found["precision"], "float32");
    assert!(found["method"]
        .as_str()
        .unwrap()
        .ends_with("+exact-certificate"));
    assert!(found["certificate"]["difference_margin"].as_f64().unwrap() >= 0.0);
    assert!(found["certification_seconds"].as_f64().unwrap() <= found["seconds"].as_f64().unwrap());
    // The first report is seed_rule's, the only one with a witness input.
    assert_eq!(matrix_after(&text, "input").concat(), input);
    let witness = &report["witness"];
    let edges = report["evaluation"]["edges"].as_array().unwrap();
    let bin = witness["bin"].as_u64().unwrap() as usize;
    let query = reqc::smt::InputQuery {
        network: &network,
        input_box: (0.0, 1.0),
        class: witness["class"].as_u64().unwrap() as usize,
        lower: exact_rational(edges[bin].as_f64().unwrap()),
        upper: exact_rational(edges[bin + 1].as_f64().unwrap()),
        upper_closed: bin + 2 == edges.len(),
        threshold: rational(witness["threshold"].as_str().unwrap()),
        timeout: std::time::Duration::from_secs(10),
    };
    assert_certified_input(&query, &input);
    let (width, height, pixels) =
        decode_png(&std::fs::read(scratch.join("seed_rule_witness.png")).unwrap());
    assert_eq!((width, height), (128, 128));
    // The top-left 16 x 16 square is the first value, scaled to grey.
    let level = (input[0] * 255.0).round() as u8;
    assert_eq!(&pixels[..3], &[level, level, level]);
    std::fs::remove_dir_all(&scratch).unwrap();
}
