//! Tree ensembles in one normal form, whatever file they came from, and their exact evaluator.
//!
//! Every split is `x < cut` on the input cast to float32, with `cut` a float32: ONNX's
//! `BRANCH_LEQ t` is `x < nextUp(t)`, `BRANCH_GT t` the same with the branches swapped,
//! and XGBoost's `x < t` is itself. Leaf values, base values and the averaging factor are
//! exact rationals (the float32 or float64 values stored in the file, exactly), and a
//! score is their exact sum: no rounding happens after the input cast.

use num_rational::BigRational;
use num_traits::{ToPrimitive, Zero};
use std::collections::BTreeMap;

/// One node of a tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// Goes to `below` when the float32 input `x[feature] < cut`, else to `above`; a
    /// missing input (NaN) goes to `below` when `missing_below`.
    Split {
        feature: usize,
        cut: f32,
        below: usize,
        above: usize,
        missing_below: bool,
    },
    /// Adds each `(output, value)` to the scores.
    Leaf(Vec<(usize, BigRational)>),
}

/// A tree: nodes indexed from 0, the root first. Children may be shared (a DAG), which
/// equality splits (`BRANCH_EQ`) need.
#[derive(Clone, Debug, PartialEq)]
pub struct Tree {
    pub nodes: Vec<Node>,
}

impl Tree {
    /// The leaf an input reaches (its node index).
    pub fn leaf(&self, input: &[f32]) -> usize {
        let mut node = 0;
        loop {
            match &self.nodes[node] {
                Node::Leaf(_) => return node,
                Node::Split {
                    feature,
                    cut,
                    below,
                    above,
                    missing_below,
                } => {
                    let value = input[*feature];
                    let goes_below = if value.is_nan() {
                        *missing_below
                    } else {
                        value < *cut
                    };
                    node = if goes_below { *below } else { *above };
                }
            }
        }
    }

    /// The leaf values an input reaches.
    pub fn values(&self, input: &[f32]) -> &[(usize, BigRational)] {
        match &self.nodes[self.leaf(input)] {
            Node::Leaf(values) => values,
            Node::Split { .. } => unreachable!("leaf() returns leaves"),
        }
    }
}

/// What the scores mean.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Task {
    /// One score per class; the predicted class is the first with the highest score.
    /// `labels` are the class labels as the file gives them.
    Classification { labels: Vec<String> },
    /// One score per target.
    Regression,
}

/// How scores become what the runtime reports; every transform here is strictly
/// increasing in each score or, for softmax, preserves the order of the scores, so the
/// predicted class is the arg-max of the raw scores either way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Transform {
    Identity,
    Logistic,
    Softmax,
}

impl Transform {
    pub fn name(self) -> &'static str {
        match self {
            Transform::Identity => "none",
            Transform::Logistic => "logistic",
            Transform::Softmax => "softmax",
        }
    }
}

/// A tree ensemble in normal form.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeEnsemble {
    /// The number of input features.
    pub features: usize,
    /// The number of scores (classes or targets).
    pub outputs: usize,
    pub task: Task,
    pub trees: Vec<Tree>,
    /// Each score is `scale * (sum of the trees' leaf values) + base[k]`.
    pub scale: BigRational,
    pub base: Vec<BigRational>,
    pub transform: Transform,
    /// Binary classifiers that store one score `s` (XGBoost's `binary:logistic`) are
    /// given two scores `[0, s]`: `true` here records that the first is implicit.
    pub implicit_first_score: bool,
}

/// The result of evaluating a model on one input.
#[derive(Clone, Debug, PartialEq)]
pub struct Evaluation {
    /// The exact raw scores (before the transform).
    pub scores: Vec<BigRational>,
    /// The predicted class (index of the first highest score), for classifiers.
    pub class: Option<usize>,
}

/// The index of the first largest value: ties go to the lowest index, as numpy's
/// `argmax` (and so scikit-learn's `predict`) and onnxruntime's label choice do.
pub fn first_maximum(values: &[BigRational]) -> usize {
    let mut best = 0;
    for (index, value) in values.iter().enumerate().skip(1) {
        if *value > values[best] {
            best = index;
        }
    }
    best
}

impl TreeEnsemble {
    /// The input as the model sees it: each value rounded to the nearest float32.
    pub fn cast(input: &[f64]) -> Vec<f32> {
        input.iter().map(|value| *value as f32).collect()
    }

    /// The exact scores and class of an input of `features` values.
    pub fn evaluate(&self, input: &[f64]) -> Evaluation {
        let cast = TreeEnsemble::cast(input);
        let mut sums = vec![BigRational::zero(); self.outputs];
        for tree in &self.trees {
            for (output, value) in tree.values(&cast) {
                sums[*output] += value;
            }
        }
        let scores: Vec<BigRational> = sums
            .into_iter()
            .zip(&self.base)
            .map(|(sum, base)| sum * &self.scale + base)
            .collect();
        let class = match self.task {
            Task::Classification { .. } => Some(first_maximum(&scores)),
            Task::Regression => None,
        };
        Evaluation { scores, class }
    }

    /// The scores after the transform, in f64, for display.
    pub fn transformed(&self, scores: &[BigRational]) -> Vec<f64> {
        let raw: Vec<f64> = scores
            .iter()
            .map(|score| score.to_f64().unwrap_or(f64::NAN))
            .collect();
        match self.transform {
            Transform::Identity => raw,
            Transform::Logistic => raw
                .iter()
                .map(|value| 1.0 / (1.0 + (-value).exp()))
                .collect(),
            Transform::Softmax => {
                let largest = raw.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                let exponentials: Vec<f64> =
                    raw.iter().map(|value| (value - largest).exp()).collect();
                let total: f64 = exponentials.iter().sum();
                exponentials.iter().map(|value| value / total).collect()
            }
        }
    }

    /// The distinct cuts of each feature, sorted: the only places where any tree's
    /// answer can change.
    pub fn cuts(&self) -> BTreeMap<usize, Vec<f32>> {
        let mut cuts: BTreeMap<usize, Vec<f32>> = BTreeMap::new();
        for tree in &self.trees {
            for node in &tree.nodes {
                if let Node::Split { feature, cut, .. } = node {
                    cuts.entry(*feature).or_default().push(*cut);
                }
            }
        }
        for values in cuts.values_mut() {
            values.sort_by(f32::total_cmp);
            values.dedup();
        }
        cuts
    }
}

/// The smallest float32 above `value` (IEEE 754 nextUp); infinities and NaN are returned as they are.
pub fn next_up(value: f32) -> f32 {
    if value.is_nan() || value == f32::INFINITY {
        return value;
    }
    if value == 0.0 {
        return f32::from_bits(1);
    }
    let bits = value.to_bits();
    f32::from_bits(if value > 0.0 { bits + 1 } else { bits - 1 })
}

/// The largest float32 below `value` (IEEE 754 nextDown).
pub fn next_down(value: f32) -> f32 {
    -next_up(-value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::number::float_to_rational;

    fn rational(value: f64) -> BigRational {
        float_to_rational(value).expect("finite")
    }

    #[test]
    fn next_up_and_down_step_one_float32() {
        assert_eq!(next_up(1.0), 1.0 + f32::EPSILON);
        assert_eq!(next_down(1.0), 1.0 - f32::EPSILON / 2.0);
        assert_eq!(next_up(0.0), f32::from_bits(1));
        assert_eq!(next_up(-0.0), f32::from_bits(1));
        assert_eq!(next_down(0.0), -f32::from_bits(1));
        assert_eq!(next_up(-1.0), -1.0 + f32::EPSILON / 2.0);
        assert_eq!(next_up(f32::MAX), f32::INFINITY);
    }

    #[test]
    fn inputs_are_compared_after_the_float32_cast() {
        // A split at 0.1f32 written as `x <= 0.1f32`: cut is nextUp(0.1f32).
        let threshold = 0.1f32;
        let tree = Tree {
            nodes: vec![
                Node::Split {
                    feature: 0,
                    cut: next_up(threshold),
                    below: 1,
                    above: 2,
                    missing_below: true,
                },
                Node::Leaf(vec![(0, rational(1.0))]),
                Node::Leaf(vec![(1, rational(1.0))]),
            ],
        };
        let ensemble = TreeEnsemble {
            features: 1,
            outputs: 2,
            task: Task::Classification {
                labels: vec!["0".into(), "1".into()],
            },
            trees: vec![tree],
            scale: rational(1.0),
            base: vec![rational(0.0), rational(0.0)],
            transform: Transform::Identity,
            implicit_first_score: false,
        };
        // 0.1 in f64 is above 0.1f32's real value? No: 0.1f32 > 0.1, and 0.1 rounds to 0.1f32.
        assert_eq!(ensemble.evaluate(&[0.1]).class, Some(0));
        assert_eq!(ensemble.evaluate(&[f64::from(threshold)]).class, Some(0));
        assert_eq!(
            ensemble.evaluate(&[f64::from(next_up(threshold))]).class,
            Some(1)
        );
        // Just above 0.1f32 in f64, but it rounds back down to 0.1f32.
        let above = f64::from(threshold) + 1e-12;
        assert_eq!(ensemble.evaluate(&[above]).class, Some(0));
        assert_eq!(ensemble.evaluate(&[f64::NAN]).class, Some(0));
    }

    #[test]
    fn ties_go_to_the_lowest_class() {
        assert_eq!(first_maximum(&[rational(0.5), rational(0.5)]), 0);
        assert_eq!(
            first_maximum(&[rational(0.2), rational(0.4), rational(0.4)]),
            1
        );
        assert_eq!(
            first_maximum(&[rational(0.2), rational(0.1), rational(0.7)]),
            2
        );
    }
}
