//! Calibration assertions: bins of top-class confidence, their statistics, the three
//! decision rules (`legacy`, `certify`, `detect`) and the report `reqc verify` prints.
//!
//! The conventions (first argmax, numpy.linspace edges, closed last bin, skipped empty
//! bins, means rounded once from exact sums, every statistic independent of row order) are stated in `specs/calibration.md`.
//! Invariant: the library never prints; problems come back as diagnostics.

pub mod diagram;
pub mod input;
pub mod statistics;
pub mod sums;

use crate::certificate;
use crate::diagnostics::{Code, Diagnostic};
use crate::number::float_to_rational;
use crate::spec::{Binning, CalibrationAssertion, CalibrationRule};
use crate::world::World;
use serde::Deserialize;
use serde::Serialize;
use statistics::PValueMethod;
use sums::ExactSum;

/// The parameters of the computation, as the assertion gives them.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settings {
    pub binning: Binning,
    pub rule: CalibrationRule,
    pub epsilon: f64,
    pub min_support: usize,
    pub wilson_z: f64,
    pub alpha: f64,
}

impl Settings {
    pub fn of(assertion: &CalibrationAssertion) -> Settings {
        Settings {
            binning: assertion.binning,
            rule: assertion.rule,
            epsilon: assertion.epsilon,
            min_support: assertion.min_support,
            wilson_z: assertion.wilson_z,
            alpha: assertion.alpha,
        }
    }
}

/// A problem with one prediction row (rows and columns are zero-based here).
#[derive(Clone, Debug, PartialEq)]
pub struct RowProblem {
    pub row: u64,
    pub column: Option<usize>,
    pub message: String,
}

/// Confidence (the largest probability) and prediction (its first index) of every row.
#[derive(Clone, Debug, Default)]
pub struct Predictions {
    pub classes: usize,
    pub confidences: Vec<f64>,
    pub predicted: Vec<u32>,
}

impl Predictions {
    pub fn new(classes: usize) -> Predictions {
        Predictions {
            classes,
            confidences: Vec::new(),
            predicted: Vec::new(),
        }
    }

    /// Validates and summarises a block of rows (row-major, `classes` values each).
    /// A value that is NaN or outside [0, 1], or a row whose left-to-right f64 sum is
    /// further than `tolerance` from 1, is an error naming the row and column.
    pub fn push_rows(&mut self, block: &[f64], tolerance: f64) -> Result<(), RowProblem> {
        let classes = self.classes;
        if classes == 0 {
            return Err(RowProblem {
                row: 0,
                column: None,
                message: "the predictions have no classes".to_string(),
            });
        }
        self.confidences.reserve(block.len() / classes);
        self.predicted.reserve(block.len() / classes);
        for row in block.chunks_exact(classes) {
            let index = self.confidences.len() as u64;
            let mut best = row[0];
            let mut best_class = 0usize;
            let mut sum = 0.0;
            let mut valid = true;
            for (class, &value) in row.iter().enumerate() {
                // `!(0 <= v <= 1)` also catches NaN.
                valid &= (0.0..=1.0).contains(&value);
                sum += value;
                if value > best {
                    best = value;
                    best_class = class;
                }
            }
            if !valid {
                let column = row
                    .iter()
                    .position(|value| !(0.0..=1.0).contains(value))
                    .expect("an invalid value");
                let value = row[column];
                let what = if value.is_nan() {
                    "NaN".to_string()
                } else {
                    format!("{value:?}, outside [0, 1]")
                };
                return Err(RowProblem {
                    row: index,
                    column: Some(column),
                    message: format!("the probability is {what}"),
                });
            }
            if (sum - 1.0).abs() > tolerance {
                return Err(RowProblem {
                    row: index,
                    column: None,
                    message: format!(
                        "the probabilities sum to {sum:?}, not 1 within the tolerance {tolerance:?}"
                    ),
                });
            }
            self.confidences.push(best);
            self.predicted.push(best_class as u32);
        }
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.confidences.len()
    }

    pub fn is_empty(&self) -> bool {
        self.confidences.is_empty()
    }
}

/// Bin edges as numpy.linspace(0, 1, n + 1) computes them: e_i = i * (1 / n), e_n = 1.
pub fn equal_width_edges(count: usize) -> Vec<f64> {
    let step = 1.0 / count as f64;
    let mut edges: Vec<f64> = (0..=count).map(|index| index as f64 * step + 0.0).collect();
    edges[count] = 1.0;
    edges
}

/// Equal-mass edges: e_0 = 0, e_n = 1 and e_b the floor(b m / n)-th smallest confidence
/// (zero-based) of the m predictions. Equal confidences are never split: a tie at an edge
/// goes to the upper bin, and repeated edges leave bins empty (and skipped).
pub fn equal_mass_edges(count: usize, confidences: &[f64]) -> Vec<f64> {
    let mut sorted = confidences.to_vec();
    sorted.sort_unstable_by(f64::total_cmp);
    let m = sorted.len();
    let mut edges = Vec::with_capacity(count + 1);
    edges.push(0.0);
    for bin in 1..count {
        let position = (bin as u128 * m as u128 / count as u128) as usize;
        edges.push(sorted.get(position).copied().unwrap_or(1.0));
    }
    edges.push(1.0);
    edges
}

/// The bin of a confidence c in [0, 1]: the largest b < n with e_b <= c, so bin b holds
/// e_b <= c < e_(b+1) and the last bin also holds c = 1.
pub fn bin_index(edges: &[f64], confidence: f64) -> usize {
    let interior = &edges[1..edges.len() - 1];
    interior.partition_point(|&edge| edge <= confidence)
}

/// What a rule made of one bin.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BinStatus {
    /// Support below `min_support`: not assessed by any rule.
    NotAssessed,
    /// legacy: mean confidence > Wilson bound + epsilon.
    Overconfident,
    /// certify: Clopper–Pearson lower bound >= mean confidence - epsilon.
    Certified,
    /// certify: the bound is below mean confidence - epsilon.
    NotCertified,
    /// certify: even with every prediction correct the bound would be too low.
    TooSmallToCertify,
    /// detect: the Holm-adjusted p-value is <= alpha.
    Alarm,
    /// Assessed and not decisive against the assertion.
    Fine,
}

impl BinStatus {
    /// Whether the bin makes the assertion fail: the bins the verdict names and the
    /// witness is sought in.
    pub fn fails_the_assertion(self) -> bool {
        matches!(
            self,
            BinStatus::Overconfident
                | BinStatus::NotCertified
                | BinStatus::TooSmallToCertify
                | BinStatus::Alarm
        )
    }
}

/// The statistics of one non-empty bin.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bin {
    pub index: usize,
    pub lower: f64,
    pub upper: f64,
    pub support: u64,
    pub correct: u64,
    /// The exact sum of the bin's confidences divided by the support, rounded once.
    pub mean_confidence: f64,
    /// correct / support.
    pub accuracy: f64,
    pub wilson_lower: f64,
    /// The two-sided Clopper–Pearson interval at confidence 1 - alpha.
    pub clopper_pearson_low: f64,
    pub clopper_pearson_high: f64,
    /// The one-sided lower bound at level alpha (certify's bound).
    pub clopper_pearson_lower: f64,
    /// P(S <= correct) under H0: accuracy >= confidence - epsilon, prediction by
    /// prediction (the exact recursion's value, or the upper end of the bracket).
    pub p_value: f64,
    pub p_value_method: PValueMethod,
    /// An interval that certainly holds the exact P(S <= correct).
    pub p_value_bracket: [f64; 2],
    /// Holm-adjusted p-value among the assessed bins (detect only).
    pub holm_p_value: Option<f64>,
    /// Holm's adjustment of the lower ends of the brackets (detect only): when it is
    /// <= alpha but `holm_p_value` is not, the bracket did not decide the comparison and
    /// the bin raises no alarm (the conservative side).
    pub holm_p_value_lower: Option<f64>,
    pub status: BinStatus,
    /// The class predicted most often in the bin (the smallest on ties).
    pub most_predicted_class: usize,
}

/// The result of one calibration assertion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub predictions: u64,
    pub classes: usize,
    pub edges: Vec<f64>,
    /// Non-empty bins in increasing order.
    pub bins: Vec<Bin>,
    /// Sum over non-empty bins, in order, of (support / n) |accuracy - mean confidence|.
    pub expected_calibration_error: f64,
    /// The largest |accuracy - mean confidence| of a non-empty bin.
    pub maximum_calibration_error: f64,
    /// Whether the assertion holds under its rule.
    pub passed: bool,
}

/// Whether a >= b - c holds exactly, in rational arithmetic on the three floats.
fn at_least_difference(a: f64, b: f64, c: f64) -> bool {
    match (
        float_to_rational(a),
        float_to_rational(b),
        float_to_rational(c),
    ) {
        (Some(a), Some(b), Some(c)) => a >= b - c,
        _ => false,
    }
}

/// Whether `edges` can bin confidences: at least two, rising (ties allowed: empty bins)
/// from 0 to 1. The passes require it; front ends that take edges from elsewhere check it.
pub fn edges_are_valid(edges: &[f64]) -> bool {
    edges.len() >= 2
        && edges.first() == Some(&0.0)
        && edges.last() == Some(&1.0)
        && edges.windows(2).all(|pair| pair[0] <= pair[1])
}

/// One bin's mergeable statistics from the first pass over the rows.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct BinPartial {
    pub support: u64,
    pub correct: u64,
    /// How often each class is predicted in the bin.
    pub class_counts: Vec<u64>,
    /// The exact sum of the bin's confidences (the mean is rounded once from it).
    pub confidences: ExactSum,
    pub moments: statistics::Moments,
}

/// The first pass over a set of rows: every bin's support, correct count, class counts,
/// exact confidence sum and p-value moments. The passes of disjoint sets of rows merge
/// into the pass of their union, whatever the order and the split (`specs/calibration.md`,
/// "Merging"), which is how `reqc.ray` computes a block over many workers.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FirstPass {
    pub classes: usize,
    pub epsilon: f64,
    pub edges: Vec<f64>,
    pub bins: Vec<BinPartial>,
}

impl FirstPass {
    /// An empty pass over bins with these edges ([`edges_are_valid`]).
    pub fn new(edges: Vec<f64>, classes: usize, epsilon: f64) -> FirstPass {
        let bin = BinPartial {
            class_counts: vec![0; classes],
            ..BinPartial::default()
        };
        FirstPass {
            classes,
            epsilon,
            bins: vec![bin; edges.len() - 1],
            edges,
        }
    }

    /// Adds validated rows: confidences in [0, 1], predictions and labels below the
    /// class count, all of one length.
    pub fn add_rows(&mut self, confidences: &[f64], predicted: &[u32], labels: &[u32]) {
        for ((&confidence, &prediction), &label) in confidences.iter().zip(predicted).zip(labels) {
            let bin = &mut self.bins[bin_index(&self.edges, confidence)];
            bin.support += 1;
            bin.correct += u64::from(prediction == label);
            bin.class_counts[prediction as usize] += 1;
            bin.confidences.add(confidence);
            bin.moments.add(confidence, self.epsilon);
        }
    }

    /// Adds the rows of `other`, a pass with the same edges, classes and epsilon.
    pub fn merge(&mut self, other: &FirstPass) -> Result<(), String> {
        let same_bits = |left: &[f64], right: &[f64]| {
            left.len() == right.len()
                && left
                    .iter()
                    .zip(right)
                    .all(|(a, b)| a.to_bits() == b.to_bits())
        };
        if self.classes != other.classes
            || self.epsilon.to_bits() != other.epsilon.to_bits()
            || !same_bits(&self.edges, &other.edges)
        {
            return Err(format!(
                "first passes over different bins cannot be merged ({} classes, epsilon {:?}, edges {:?} against {} classes, epsilon {:?}, edges {:?})",
                self.classes, self.epsilon, self.edges, other.classes, other.epsilon, other.edges
            ));
        }
        for (bin, more) in self.bins.iter_mut().zip(&other.bins) {
            bin.support += more.support;
            bin.correct += more.correct;
            for (count, more) in bin.class_counts.iter_mut().zip(&more.class_counts) {
                *count += more;
            }
            bin.confidences.merge(&more.confidences);
            bin.moments.merge(&more.moments);
        }
        Ok(())
    }

    /// What the second pass must collect for each bin.
    pub fn needs(&self) -> Vec<statistics::Need> {
        self.bins
            .iter()
            .map(|bin| statistics::need(&bin.moments, bin.correct))
            .collect()
    }
}

/// The second pass over a set of rows: what each bin's p-value needs beyond its moments
/// (the probabilities for the exact recursion, power sums for the Fourier bracket).
/// Mergeable like the first pass.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SecondPasses {
    pub bins: Vec<statistics::SecondPass>,
}

impl SecondPasses {
    pub fn new(needs: &[statistics::Need]) -> SecondPasses {
        SecondPasses {
            bins: needs
                .iter()
                .map(|&need| statistics::SecondPass::new(need))
                .collect(),
        }
    }

    /// Adds validated confidences, binned by `edges` (those of the first pass).
    pub fn add_rows(&mut self, edges: &[f64], epsilon: f64, confidences: &[f64]) {
        if self
            .bins
            .iter()
            .all(|bin| *bin == statistics::SecondPass::Nothing)
        {
            return;
        }
        for &confidence in confidences {
            self.bins[bin_index(edges, confidence)].add(confidence, epsilon);
        }
    }

    pub fn merge(&mut self, other: &SecondPasses) -> Result<(), String> {
        if self.bins.len() != other.bins.len() {
            return Err("second passes over different bins cannot be merged".to_string());
        }
        for (bin, more) in self.bins.iter_mut().zip(&other.bins) {
            bin.merge(more)?;
        }
        Ok(())
    }
}

/// `make(range)` on consecutive ranges of 0..length, one per core, merged in order: the
/// passes are exact, so the split changes nothing but the time.
fn in_parallel<T: Send>(
    length: usize,
    make: impl Fn(std::ops::Range<usize>) -> T + Sync,
    merge: impl Fn(&mut T, T),
) -> T {
    const SMALLEST_SHARE: usize = 1 << 16;
    let workers = crate::workers::available()
        .min(length / SMALLEST_SHARE)
        .max(1);
    if workers == 1 {
        return make(0..length);
    }
    let share = length.div_ceil(workers);
    let mut parts: Vec<T> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|worker| {
                let make = &make;
                scope.spawn(move || make(worker * share..((worker + 1) * share).min(length)))
            })
            .collect();
        handles
            .into_iter()
            .map(|handle| handle.join().expect("a pass over rows does not panic"))
            .collect()
    });
    let mut whole = parts.remove(0);
    for part in parts {
        merge(&mut whole, part);
    }
    whole
}

/// Bins the predictions, computes every statistic and applies the rule. `labels` has one
/// entry per prediction, each below the class count (the loader checks both). The two
/// passes run on all cores and merge exactly, as `reqc.ray` runs them over many workers.
pub fn evaluate(predictions: &Predictions, labels: &[u32], settings: &Settings) -> Evaluation {
    let n = predictions.len();
    let edges = match settings.binning {
        Binning::EqualWidth(count) => equal_width_edges(count),
        Binning::EqualMass(count) => equal_mass_edges(count, &predictions.confidences),
    };
    let confidences = &predictions.confidences;
    let first = in_parallel(
        n,
        |range| {
            let mut pass = FirstPass::new(edges.clone(), predictions.classes, settings.epsilon);
            pass.add_rows(
                &confidences[range.clone()],
                &predictions.predicted[range.clone()],
                &labels[range],
            );
            pass
        },
        |whole, part| whole.merge(&part).expect("passes over the same bins"),
    );
    let needs = first.needs();
    let second = in_parallel(
        n,
        |range| {
            let mut pass = SecondPasses::new(&needs);
            pass.add_rows(&edges, settings.epsilon, &confidences[range]);
            pass
        },
        |whole, part| whole.merge(&part).expect("passes over the same needs"),
    );
    evaluate_passes(&first, &second, settings).expect("the second pass answers the first's needs")
}

/// The statistics of every non-empty bin, the calibration errors and the rule's verdict,
/// from the two merged passes over all rows. An error when the second pass does not
/// answer the first's needs (passes over different rows).
pub fn evaluate_passes(
    first: &FirstPass,
    second: &SecondPasses,
    settings: &Settings,
) -> Result<Evaluation, String> {
    if second.bins.len() != first.bins.len() {
        return Err("the passes have different numbers of bins".to_string());
    }
    let edges = &first.edges;
    let n: u64 = first.bins.iter().map(|bin| bin.support).sum();
    // Bins are independent: their statistics (the p-value dominates) are computed on
    // all cores, largest bins first, and collected in bin order.
    let statistics_of = |index: usize| -> Result<Bin, String> {
        let partial = &first.bins[index];
        let support = partial.support;
        let correct = partial.correct;
        let p_value = statistics::finish_p_value(&partial.moments, correct, &second.bins[index])
            .map_err(|problem| format!("bin {index}: {problem}"))?;
        let (low, high) = statistics::clopper_pearson_interval(correct, support, settings.alpha);
        let counts = &partial.class_counts;
        let largest = counts.iter().copied().max().unwrap_or(0);
        Ok(Bin {
            index,
            lower: edges[index],
            upper: edges[index + 1],
            support,
            correct,
            mean_confidence: partial.confidences.mean(support),
            accuracy: correct as f64 / support as f64,
            wilson_lower: statistics::wilson_lower_bound(correct, support, settings.wilson_z),
            clopper_pearson_low: low,
            clopper_pearson_high: high,
            clopper_pearson_lower: statistics::clopper_pearson_lower(
                correct,
                support,
                settings.alpha,
            ),
            p_value: p_value.value,
            p_value_method: p_value.method,
            p_value_bracket: [p_value.lower, p_value.upper],
            holm_p_value: None,
            holm_p_value_lower: None,
            status: BinStatus::Fine,
            most_predicted_class: counts
                .iter()
                .position(|&count| count == largest)
                .unwrap_or(0),
        })
    };
    let mut queue: Vec<usize> = (0..first.bins.len())
        .filter(|&bin| first.bins[bin].support > 0)
        .collect();
    queue.sort_by_key(|&bin| std::cmp::Reverse(first.bins[bin].support));
    let workers = crate::workers::available().min(queue.len());
    let computed: Vec<Result<Bin, String>> = if workers <= 1 {
        queue.iter().map(|&bin| statistics_of(bin)).collect()
    } else {
        let next = std::sync::atomic::AtomicUsize::new(0);
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..workers)
                .map(|_| {
                    scope.spawn(|| {
                        let mut done = Vec::new();
                        loop {
                            let taken = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                            match queue.get(taken) {
                                Some(&bin) => done.push(statistics_of(bin)),
                                None => return done,
                            }
                        }
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|handle| handle.join().expect("a bin's statistics do not panic"))
                .collect()
        })
    };
    let mut bins = computed.into_iter().collect::<Result<Vec<Bin>, String>>()?;
    bins.sort_by_key(|bin| bin.index);
    let mut expected_calibration_error = 0.0;
    let mut maximum_calibration_error = 0.0f64;
    for bin in &bins {
        let gap = (bin.accuracy - bin.mean_confidence).abs();
        expected_calibration_error += bin.support as f64 / n as f64 * gap;
        maximum_calibration_error = maximum_calibration_error.max(gap);
    }
    let passed = apply_rule(&mut bins, settings);
    Ok(Evaluation {
        predictions: n,
        classes: first.classes,
        edges: edges.clone(),
        bins,
        expected_calibration_error,
        maximum_calibration_error,
        passed,
    })
}

/// Sets each bin's status under the rule and returns whether the assertion holds.
fn apply_rule(bins: &mut [Bin], settings: &Settings) -> bool {
    let assessed = |bin: &Bin| bin.support >= settings.min_support as u64;
    for bin in bins.iter_mut() {
        if !assessed(bin) {
            bin.status = BinStatus::NotAssessed;
        }
    }
    match settings.rule {
        CalibrationRule::Legacy => {
            let mut passed = true;
            for bin in bins.iter_mut().filter(|bin| assessed(bin)) {
                // The seed compares Python floats: the sum is rounded before the comparison.
                if bin.mean_confidence > bin.wilson_lower + settings.epsilon {
                    bin.status = BinStatus::Overconfident;
                    passed = false;
                }
            }
            passed
        }
        CalibrationRule::Certify => {
            let mut passed = true;
            for bin in bins.iter_mut().filter(|bin| assessed(bin)) {
                if at_least_difference(
                    bin.clopper_pearson_lower,
                    bin.mean_confidence,
                    settings.epsilon,
                ) {
                    bin.status = BinStatus::Certified;
                } else {
                    passed = false;
                    let best =
                        statistics::clopper_pearson_lower(bin.support, bin.support, settings.alpha);
                    bin.status = if at_least_difference(best, bin.mean_confidence, settings.epsilon)
                    {
                        BinStatus::NotCertified
                    } else {
                        BinStatus::TooSmallToCertify
                    };
                }
            }
            passed
        }
        CalibrationRule::Detect => {
            let tested: Vec<usize> = (0..bins.len()).filter(|&i| assessed(&bins[i])).collect();
            let p_values: Vec<f64> = tested.iter().map(|&i| bins[i].p_value).collect();
            let adjusted = statistics::holm_adjust(&p_values);
            let lower_ends: Vec<f64> = tested.iter().map(|&i| bins[i].p_value_bracket[0]).collect();
            let adjusted_lower = statistics::holm_adjust(&lower_ends);
            let mut passed = true;
            for ((&i, &value), &lower) in tested.iter().zip(&adjusted).zip(&adjusted_lower) {
                bins[i].holm_p_value = Some(value);
                bins[i].holm_p_value_lower = Some(lower);
                if value <= settings.alpha {
                    bins[i].status = BinStatus::Alarm;
                    passed = false;
                }
            }
            passed
        }
    }
}

/// The rule's name as written in `.req` files.
pub fn rule_name(rule: CalibrationRule) -> &'static str {
    match rule {
        CalibrationRule::Legacy => "legacy",
        CalibrationRule::Certify => "certify",
        CalibrationRule::Detect => "detect",
    }
}

/// The per-bin table `reqc verify` prints.
pub fn table(evaluation: &Evaluation, settings: &Settings) -> String {
    let mut text = format!(
        "{:>3}  {:>19}  {:>8}  {:>8}  {:>8}  {:>8}  {:>8}  {:>19}  {:>9}  {:>9}  {}\n",
        "bin",
        "range",
        "support",
        "correct",
        "conf",
        "acc",
        "wilson",
        "clopper-pearson",
        "p-value",
        "holm",
        "status"
    );
    for bin in &evaluation.bins {
        let closing = if bin.index + 1 == evaluation.edges.len() - 1 {
            ']'
        } else {
            ')'
        };
        text.push_str(&format!(
            "{:>3}  [{:.6}, {:.6}{closing}  {:>8}  {:>8}  {:>8.6}  {:>8.6}  {:>8.6}  [{:.6}, {:.6}]  {:>9.3e}  {:>9}  {}\n",
            bin.index,
            bin.lower,
            bin.upper,
            bin.support,
            bin.correct,
            bin.mean_confidence,
            bin.accuracy,
            bin.wilson_lower,
            bin.clopper_pearson_low,
            bin.clopper_pearson_high,
            bin.p_value,
            bin.holm_p_value
                .map_or("-".to_string(), |value| format!("{value:.3e}")),
            status_text(bin.status)
        ));
    }
    text.push_str(&format!(
        "{} predictions, {} classes, rule {}: ECE {:.6}, MCE {:.6}\n",
        evaluation.predictions,
        evaluation.classes,
        rule_name(settings.rule),
        evaluation.expected_calibration_error,
        evaluation.maximum_calibration_error
    ));
    text
}

fn status_text(status: BinStatus) -> &'static str {
    match status {
        BinStatus::NotAssessed => "not assessed (support < min_support)",
        BinStatus::Overconfident => "overconfident",
        BinStatus::Certified => "certified",
        BinStatus::NotCertified => "not certified",
        BinStatus::TooSmallToCertify => "too small to certify",
        BinStatus::Alarm => "alarm",
        BinStatus::Fine => "ok",
    }
}

/// The diagnostic at the assertion: the verdict, with the bins that decide it.
pub fn verdict(
    assertion: &CalibrationAssertion,
    evaluation: &Evaluation,
    settings: &Settings,
) -> Diagnostic {
    let rule = rule_name(settings.rule);
    let deciding: Vec<&Bin> = evaluation
        .bins
        .iter()
        .filter(|bin| bin.status.fails_the_assertion())
        .collect();
    let last = evaluation.edges.len() - 2;
    let describe = |bin: &Bin| -> String {
        let closing = if bin.index == last { ']' } else { ')' };
        let range = format!(
            "bin {} [{:?}, {:?}{closing}",
            bin.index, bin.lower, bin.upper
        );
        match bin.status {
            BinStatus::Overconfident => format!(
                "{range}: mean confidence {:?} > Wilson bound {:?} + epsilon {:?} with support {}",
                bin.mean_confidence, bin.wilson_lower, settings.epsilon, bin.support
            ),
            BinStatus::NotCertified => format!(
                "{range}: Clopper-Pearson lower bound {:?} < mean confidence {:?} - epsilon {:?} ({} of {} correct)",
                bin.clopper_pearson_lower, bin.mean_confidence, settings.epsilon, bin.correct, bin.support
            ),
            BinStatus::TooSmallToCertify => format!(
                "{range}: too small to certify: with all {} predictions correct the bound would be {:?} < mean confidence {:?} - epsilon {:?}",
                bin.support,
                statistics::clopper_pearson_lower(bin.support, bin.support, settings.alpha),
                bin.mean_confidence,
                settings.epsilon
            ),
            BinStatus::Alarm => format!(
                "{range}: Holm-adjusted p-value {:?} <= alpha {:?} (accuracy {:?} against mean confidence {:?}, support {})",
                bin.holm_p_value.unwrap_or(bin.p_value), settings.alpha, bin.accuracy, bin.mean_confidence, bin.support
            ),
            _ => format!(
                "{range}: support {}, mean confidence {:?}, accuracy {:?}",
                bin.support, bin.mean_confidence, bin.accuracy
            ),
        }
    };
    let assessed = evaluation
        .bins
        .iter()
        .filter(|bin| bin.status != BinStatus::NotAssessed)
        .count();
    let mut diagnostic = if evaluation.passed {
        let reason = match settings.rule {
            CalibrationRule::Legacy => "no assessed bin is overconfident",
            CalibrationRule::Certify => "every assessed bin is certified",
            CalibrationRule::Detect => "no bin raises an alarm",
        };
        Diagnostic::new(
            Code::CalibrationHolds,
            format!(
                "calibration `{}` holds under rule {rule}: {reason}",
                assertion.name
            ),
        )
        .primary(
            assertion.name_span,
            format!(
                "{assessed} of {} non-empty bins assessed",
                evaluation.bins.len()
            ),
        )
    } else {
        Diagnostic::new(
            Code::CalibrationFails,
            format!(
                "calibration `{}` fails under rule {rule}: {} deciding bin{}",
                assertion.name,
                deciding.len(),
                if deciding.len() == 1 { "" } else { "s" }
            ),
        )
        .primary(
            assertion.name_span,
            format!(
                "{assessed} of {} non-empty bins assessed",
                evaluation.bins.len()
            ),
        )
    };
    for bin in &deciding {
        diagnostic = diagnostic.note(describe(bin));
    }
    if settings.rule == CalibrationRule::Certify {
        let counts = [
            BinStatus::Certified,
            BinStatus::NotCertified,
            BinStatus::TooSmallToCertify,
        ]
        .map(|status| {
            evaluation
                .bins
                .iter()
                .filter(|bin| bin.status == status)
                .count()
        });
        diagnostic = diagnostic.note(format!(
            "{} certified, {} not certified, {} too small to certify at alpha {:?}",
            counts[0], counts[1], counts[2], settings.alpha
        ));
    }
    diagnostic
}

/// Everything `reqc verify` reports about one calibration assertion.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Report {
    pub name: String,
    pub rule: &'static str,
    pub epsilon: f64,
    pub min_support: usize,
    pub alpha: f64,
    pub wilson_z: f64,
    pub binning: String,
    pub predictions_file: String,
    pub evaluation: Evaluation,
    /// For a failing assertion: a probability vector in the most decisive bin.
    pub witness: Option<Witness>,
    /// For a failing assertion with a model: an input reaching that bin.
    pub witness_input: Option<WitnessInput>,
}

/// An input of the model whose confidence falls in the witness bin above its bound.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct WitnessInput {
    /// `found`, `unreachable` (no input in the box reaches the bin) or `undecided`.
    pub status: &'static str,
    pub input: Vec<f64>,
    /// The model's probabilities at the input, evaluated in its precision (`precision`).
    pub probabilities: Vec<f64>,
    pub refinements: usize,
    /// How the input was found and certified (see `specs/calibration.md`), e.g.
    /// `search+region-lp+exact-certificate`; empty unless found.
    pub method: String,
    /// The exact certificate: the rational bounds and the exactly computed margins.
    pub certificate: Option<certificate::Certificate>,
    /// The precision of the floating-point validation besides f64: `float32` or `float64`.
    pub precision: &'static str,
    pub reason: String,
    pub seconds: f64,
    /// Of `seconds`, the time spent in exact certification.
    pub certification_seconds: f64,
    /// The declared shape of an input, for saving it as an image.
    pub shape: Option<Vec<usize>>,
}

/// A witness input as a `.npy` file of f64 with the declared shape (or a vector).
pub fn witness_npy(witness: &WitnessInput) -> Vec<u8> {
    let shape = match &witness.shape {
        Some(shape) => shape.clone(),
        None => vec![witness.input.len()],
    };
    let data: Vec<u8> = witness
        .input
        .iter()
        .flat_map(|value| value.to_le_bytes())
        .collect();
    crate::data::npy::file_bytes("<f8", false, &shape, &data)
}

/// A witness input with a 2-D shape as a grey PNG (box low black, high white), each
/// value a 16 x 16 square; `None` for other shapes.
pub fn witness_png(witness: &WitnessInput, input_box: (f64, f64)) -> Option<Vec<u8>> {
    let [rows, columns] = witness.shape.as_deref()? else {
        return None;
    };
    const SCALE: usize = 16;
    let (low, high) = input_box;
    let (width, height) = (columns * SCALE, rows * SCALE);
    let mut pixels = Vec::with_capacity(width * height * 3);
    for y in 0..height {
        for x in 0..width {
            let value = witness.input[(y / SCALE) * columns + x / SCALE];
            let level = if high > low {
                ((value - low) / (high - low) * 255.0)
                    .round()
                    .clamp(0.0, 255.0) as u8
            } else {
                0
            };
            pixels.extend_from_slice(&[level, level, level]);
        }
    }
    Some(diagram::encode_png(width, height, &pixels))
}

/// Reads the model and searches for a witness input for the witness vector's bin.
fn witness_input(
    assertion: &CalibrationAssertion,
    world: &dyn World,
    evaluation: &Evaluation,
    settings: &Settings,
    witness: &Witness,
) -> Result<Option<WitnessInput>, Diagnostic> {
    use crate::smt::{input_witness, InputQuery, InputWitness};
    let (Some(model), Some(input_box)) = (&assertion.model, assertion.input_box) else {
        return Ok(None);
    };
    let span = assertion
        .value_spans
        .get("model")
        .copied()
        .unwrap_or(assertion.name_span);
    let bytes = world
        .read(model, crate::models::MAXIMUM_MODEL_BYTES)
        .map_err(|error| {
            Diagnostic::new(
                Code::ModelUnusable,
                format!("cannot read `{}`: {error}", model.display()),
            )
            .primary(span, "named here")
        })?;
    let network = crate::models::network::read_network(&bytes).map_err(|error| {
        Diagnostic::new(
            Code::ModelUnusable,
            format!(
                "`{}` is not a ReLU network reqc reads: {error}",
                model.display()
            ),
        )
        .primary(span, "named here")
    })?;
    if network.outputs() != evaluation.classes {
        return Err(Diagnostic::new(
            Code::ModelUnusable,
            format!(
                "`{}` has {} outputs but the predictions have {} classes",
                model.display(),
                network.outputs(),
                evaluation.classes
            ),
        )
        .primary(span, "named here"));
    }
    if let Some(shape) = &assertion.input_shape {
        let size: usize = shape.iter().product();
        if size != network.inputs() {
            return Err(Diagnostic::new(
                Code::ModelUnusable,
                format!(
                    "`input_shape` holds {size} values but `{}` takes {} inputs",
                    model.display(),
                    network.inputs()
                ),
            )
            .primary(span, "named here"));
        }
    }
    let Some(bin) = evaluation.bins.iter().find(|bin| bin.index == witness.bin) else {
        return Ok(None);
    };
    let (Some(threshold), Some(lower), Some(upper)) = (
        witness_threshold(bin, settings),
        float_to_rational(bin.lower),
        float_to_rational(bin.upper),
    ) else {
        return Ok(None);
    };
    let query = InputQuery {
        network: &network,
        input_box,
        class: witness.class,
        lower,
        upper,
        upper_closed: bin.index + 2 == evaluation.edges.len(),
        threshold,
        timeout: std::time::Duration::from_secs(10),
    };
    let started = std::time::Instant::now();
    let answer = input_witness(&query);
    let seconds = started.elapsed().as_secs_f64();
    let mut result = WitnessInput {
        status: "undecided",
        input: Vec::new(),
        probabilities: Vec::new(),
        refinements: 0,
        method: String::new(),
        certificate: None,
        precision: "",
        reason: String::new(),
        seconds,
        certification_seconds: 0.0,
        shape: assertion.input_shape.clone(),
    };
    match answer {
        InputWitness::Found {
            input,
            probabilities,
            refinements,
            method,
            certificate,
            precision,
            certification_seconds,
        } => {
            result.status = "found";
            result.input = input;
            result.probabilities = probabilities;
            result.refinements = refinements;
            result.method = method;
            result.certificate = Some(certificate);
            result.precision = precision.name();
            result.certification_seconds = certification_seconds;
        }
        InputWitness::Unreachable => result.status = "unreachable",
        InputWitness::Undecided(reason) => result.reason = reason,
    }
    Ok(Some(result))
}

/// A witness probability vector for a failing bin (from Z3, exact).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Witness {
    pub bin: usize,
    pub class: usize,
    /// The confidence must exceed this bound: fl(Wilson + epsilon) for legacy, the
    /// one-sided Clopper-Pearson lower (certify) or upper (detect) bound plus epsilon.
    pub threshold: String,
    pub threshold_approximate: f64,
    /// `found`, `impossible` (no vector in the bin exceeds the bound) or `unknown`.
    pub status: &'static str,
    /// The probabilities as exact fractions.
    pub probabilities: Vec<String>,
    /// The nearest f64 of each probability.
    pub approximate: Vec<f64>,
}

/// The bound a deciding bin's confidence exceeds, exactly.
pub fn witness_threshold(bin: &Bin, settings: &Settings) -> Option<num_rational::BigRational> {
    let epsilon = float_to_rational(settings.epsilon)?;
    match settings.rule {
        // The seed rounds LCB + epsilon to f64 before comparing.
        CalibrationRule::Legacy => float_to_rational(bin.wilson_lower + settings.epsilon),
        CalibrationRule::Certify => Some(float_to_rational(bin.clopper_pearson_lower)? + epsilon),
        CalibrationRule::Detect => Some(
            float_to_rational(statistics::clopper_pearson_upper(
                bin.correct,
                bin.support,
                settings.alpha,
            ))? + epsilon,
        ),
    }
}

/// Z3's witness vector for the deciding bin with the largest gap between mean
/// confidence and its bound; `None` when the assertion holds.
pub fn witness(evaluation: &Evaluation, settings: &Settings) -> Option<Witness> {
    use crate::smt::{probability_witness, ProbabilityQuery, ProbabilityWitness};
    use num_traits::ToPrimitive;
    let last = evaluation.edges.len() - 2;
    let (bin, threshold) = evaluation
        .bins
        .iter()
        .filter(|bin| bin.status.fails_the_assertion())
        .filter_map(|bin| Some((bin, witness_threshold(bin, settings)?)))
        .max_by(|(left, left_bound), (right, right_bound)| {
            let gap = |bin: &Bin, bound: &num_rational::BigRational| {
                float_to_rational(bin.mean_confidence).map(|confidence| confidence - bound)
            };
            gap(left, left_bound)
                .cmp(&gap(right, right_bound))
                .then(right.index.cmp(&left.index))
        })?;
    let query = ProbabilityQuery {
        classes: evaluation.classes,
        class: bin.most_predicted_class,
        lower: float_to_rational(bin.lower)?,
        upper: float_to_rational(bin.upper)?,
        upper_closed: bin.index == last,
        threshold: threshold.clone(),
    };
    let answer = probability_witness(&query, std::time::Duration::from_secs(10));
    let (status, values) = match answer {
        ProbabilityWitness::Found(values) => ("found", values),
        ProbabilityWitness::Impossible => ("impossible", Vec::new()),
        ProbabilityWitness::Unknown => ("unknown", Vec::new()),
    };
    Some(Witness {
        bin: bin.index,
        class: bin.most_predicted_class,
        threshold: threshold.to_string(),
        threshold_approximate: threshold.to_f64().unwrap_or(f64::NAN),
        status,
        probabilities: values.iter().map(|value| value.to_string()).collect(),
        approximate: values
            .iter()
            .map(|value| value.to_f64().unwrap_or(f64::NAN))
            .collect(),
    })
}

/// The outcome of running one assertion: the report when the data could be read, and
/// the diagnostics (the verdict at the assertion, or the data errors).
#[derive(Clone, Debug)]
pub struct Outcome {
    pub settings: Settings,
    pub report: Option<Report>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads an assertion's data (and model) from `world`, evaluates it and states the verdict.
pub fn run(assertion: &CalibrationAssertion, world: &dyn World) -> Outcome {
    let settings = Settings::of(assertion);
    let loaded = match input::load(assertion, world) {
        Ok(loaded) => loaded,
        Err(diagnostic) => {
            return Outcome {
                settings,
                report: None,
                diagnostics: vec![diagnostic],
            }
        }
    };
    run_on(assertion, world, &loaded.predictions, &loaded.labels)
}

/// [`run`] on predictions and labels already read and validated (as
/// [`input::load`] returns them; `reqc.ray` gathers them from many workers): the
/// evaluation, the verdict and the witnesses. `world` serves the model file, if any.
pub fn run_on(
    assertion: &CalibrationAssertion,
    world: &dyn World,
    predictions: &Predictions,
    labels: &[u32],
) -> Outcome {
    let settings = Settings::of(assertion);
    run_evaluation(assertion, world, evaluate(predictions, labels, &settings))
}

/// [`run_on`] from the evaluation: the verdict, the witnesses and the report. `reqc.ray`
/// gets the evaluation from passes merged over many workers ([`evaluate_passes`]).
pub fn run_evaluation(
    assertion: &CalibrationAssertion,
    world: &dyn World,
    evaluation: Evaluation,
) -> Outcome {
    let settings = Settings::of(assertion);
    let mut diagnostic = verdict(assertion, &evaluation, &settings);
    let witness = witness(&evaluation, &settings);
    let mut witness_input_found = None;
    if let Some(witness) = witness.as_ref().filter(|witness| witness.status == "found") {
        match witness_input(assertion, world, &evaluation, &settings, witness) {
            Ok(found) => witness_input_found = found,
            Err(error) => {
                return Outcome {
                    settings,
                    report: None,
                    diagnostics: vec![error],
                }
            }
        }
    }
    if let Some(witness) = &witness {
        diagnostic = diagnostic.note(match witness.status {
            "found" => format!(
                "witness from Z3 for bin {}: the probability vector {:?} (exact fractions in the JSON report) sums to 1, predicts class {} and has a confidence above the bound {:?}",
                witness.bin,
                witness.approximate,
                witness.class,
                witness.threshold_approximate
            ),
            "impossible" => format!(
                "no probability vector in bin {} predicting class {} has a confidence above {:?}",
                witness.bin, witness.class, witness.threshold_approximate
            ),
            _ => format!("Z3 could not find a witness vector for bin {} in time", witness.bin),
        });
    }
    if let Some(found) = &witness_input_found {
        let bin = witness.as_ref().map_or(0, |witness| witness.bin);
        diagnostic = diagnostic.note(match found.status {
            "found" => format!(
                "witness input for bin {bin}: the model gives probabilities {:?} in {} (found by {} in {:.2} s: the real-valued network meets the sufficient conditions exactly, and the {} and f64 evaluations agree)",
                found.probabilities, found.precision, found.method, found.seconds, found.precision
            ),
            "unreachable" => format!(
                "no input in the box reaches bin {bin} above its bound (the necessary conditions are unsatisfiable)"
            ),
            _ => format!("no witness input for bin {bin}: {}", found.reason),
        });
    }
    let binning = match settings.binning {
        Binning::EqualWidth(count) => format!("equal_width({count})"),
        Binning::EqualMass(count) => format!("equal_mass({count})"),
    };
    Outcome {
        settings,
        report: Some(Report {
            name: assertion.name.clone(),
            rule: rule_name(settings.rule),
            epsilon: settings.epsilon,
            min_support: settings.min_support,
            alpha: settings.alpha,
            wilson_z: settings.wilson_z,
            binning,
            predictions_file: assertion.predictions.display().to_string(),
            evaluation,
            witness,
            witness_input: witness_input_found,
        }),
        diagnostics: vec![diagnostic],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two-class rows with pseudo-random confidences in [1/2, 1] and labels.
    fn two_class_rows(n: usize, seed: u64) -> (Predictions, Vec<u32>) {
        let mut state = seed | 1;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        };
        let mut predictions = Predictions::new(2);
        let mut labels = Vec::new();
        for _ in 0..n {
            // Denser near 1/2: large bins there (the Fourier bracket), small ones near 1.
            let uniform = next();
            let confidence = 0.5 + uniform * uniform / 2.0;
            predictions
                .push_rows(&[confidence, 1.0 - confidence], 1e-9)
                .expect("valid rows");
            labels.push(u32::from(next() > confidence - 0.02));
        }
        (predictions, labels)
    }

    #[test]
    fn evaluations_do_not_depend_on_row_order_or_split() {
        let (predictions, labels) = two_class_rows(300_000, 7);
        let settings = Settings {
            binning: Binning::EqualWidth(40),
            rule: CalibrationRule::Detect,
            epsilon: 0.01,
            min_support: 10,
            wilson_z: 1.96,
            alpha: 0.05,
        };
        let whole = evaluate(&predictions, &labels, &settings);
        let methods: std::collections::BTreeSet<String> = whole
            .bins
            .iter()
            .map(|bin| format!("{:?}", bin.p_value_method))
            .collect();
        assert!(
            methods.contains("Exact") && methods.contains("FourierBracket"),
            "{methods:?}"
        );
        // Reversed rows: the same evaluation, bit for bit.
        let mut reversed = Predictions::new(2);
        reversed.confidences = predictions.confidences.iter().rev().copied().collect();
        reversed.predicted = predictions.predicted.iter().rev().copied().collect();
        let reversed_labels: Vec<u32> = labels.iter().rev().copied().collect();
        assert_eq!(evaluate(&reversed, &reversed_labels, &settings), whole);
        // Three interleaved parts, passed separately and merged in another order.
        let edges = whole.edges.clone();
        let part = |remainder: usize| -> (Vec<f64>, Vec<u32>, Vec<u32>) {
            let rows = (0..labels.len()).filter(|row| row % 3 == remainder);
            let rows: Vec<usize> = rows.collect();
            (
                rows.iter()
                    .map(|&row| predictions.confidences[row])
                    .collect(),
                rows.iter().map(|&row| predictions.predicted[row]).collect(),
                rows.iter().map(|&row| labels[row]).collect(),
            )
        };
        let parts = [part(0), part(1), part(2)];
        let mut first = FirstPass::new(edges.clone(), 2, settings.epsilon);
        for (confidences, predicted, labels) in parts.iter().rev() {
            let mut pass = FirstPass::new(edges.clone(), 2, settings.epsilon);
            pass.add_rows(confidences, predicted, labels);
            first.merge(&pass).unwrap();
        }
        let needs = first.needs();
        let mut second = SecondPasses::new(&needs);
        for (confidences, _, _) in &parts {
            let mut pass = SecondPasses::new(&needs);
            pass.add_rows(&edges, settings.epsilon, confidences);
            second.merge(&pass).unwrap();
        }
        assert_eq!(evaluate_passes(&first, &second, &settings).unwrap(), whole);
        // A second pass over other rows does not answer the needs.
        let mut partial = SecondPasses::new(&needs);
        partial.add_rows(&edges, settings.epsilon, &parts[0].0);
        assert!(evaluate_passes(&first, &partial, &settings).is_err());
        let other = FirstPass::new(equal_width_edges(4), 2, settings.epsilon);
        assert!(first.clone().merge(&other).is_err());
    }

    #[test]
    fn means_are_rounded_once_from_the_exact_sum() {
        let (predictions, labels) = two_class_rows(5_000, 3);
        let settings = Settings {
            binning: Binning::EqualWidth(3),
            rule: CalibrationRule::Certify,
            epsilon: 0.0,
            min_support: 1,
            wilson_z: 1.96,
            alpha: 0.05,
        };
        let evaluation = evaluate(&predictions, &labels, &settings);
        for bin in &evaluation.bins {
            let members = predictions
                .confidences
                .iter()
                .filter(|&&confidence| bin_index(&evaluation.edges, confidence) == bin.index);
            let sum = members.fold(
                num_rational::BigRational::from_integer(0.into()),
                |total, &c| total + crate::number::finite_rational(c),
            );
            let mean = sum / num_rational::BigRational::from_integer(bin.support.into());
            let expected = crate::number::rational_to_float(
                &mean,
                crate::number::FloatFormat::F64,
                crate::number::Rounding::NearestEven,
            );
            assert_eq!(
                bin.mean_confidence.to_bits(),
                expected.to_bits(),
                "bin {}",
                bin.index
            );
        }
    }

    #[test]
    fn equal_mass_keeps_ties_together() {
        let confidences = [0.5, 0.5, 0.5, 0.5, 0.6, 0.7, 0.8, 0.9];
        let edges = equal_mass_edges(4, &confidences);
        assert_eq!(edges, vec![0.0, 0.5, 0.6, 0.8, 1.0]);
        let bins: Vec<usize> = confidences
            .iter()
            .map(|&confidence| bin_index(&edges, confidence))
            .collect();
        assert_eq!(bins, vec![1, 1, 1, 1, 2, 2, 3, 3]);
        // Repeated edges leave bins empty rather than splitting a tie.
        let tied = [0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.6, 0.9];
        let edges = equal_mass_edges(4, &tied);
        assert_eq!(edges, vec![0.0, 0.5, 0.5, 0.6, 1.0]);
        let bins: Vec<usize> = tied.iter().map(|&c| bin_index(&edges, c)).collect();
        assert_eq!(bins, vec![2, 2, 2, 2, 2, 2, 3, 3]);
    }

    #[test]
    fn rows_are_validated() {
        let mut predictions = Predictions::new(3);
        assert!(predictions.push_rows(&[0.2, 0.5, 0.3], 1e-9).is_ok());
        assert_eq!(predictions.predicted, vec![1]);
        let nan = predictions
            .push_rows(&[0.2, f64::NAN, 0.8], 1e-9)
            .unwrap_err();
        assert_eq!((nan.row, nan.column), (1, Some(1)));
        let sum = predictions.push_rows(&[0.2, 0.5, 0.2], 1e-9).unwrap_err();
        assert_eq!((sum.row, sum.column), (1, None));
        let range = predictions.push_rows(&[1.2, -0.2, 0.0], 1e-9).unwrap_err();
        assert_eq!(range.column, Some(0));
        // Ties go to the first index.
        let mut tied = Predictions::new(2);
        tied.push_rows(&[0.5, 0.5], 0.0).unwrap();
        assert_eq!(tied.predicted, vec![0]);
    }
}
