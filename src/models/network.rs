//! Feed-forward ReLU networks read from ONNX (the one network type of reqc, used by
//! calibration witnesses and equivalence assertions): the reader, a float32 evaluator that
//! computes what onnxruntime computes, f64 helpers, interval bounds and a rigorous bound on
//! the float32 rounding error of the logits.
//!
//! Supported graphs are chains from the one data input through Gemm / MatMul / Add (with
//! weights from initializers), Relu, and the pass-through Cast / Identity / Flatten,
//! ending at a Softmax (whose input are the logits), a Reshape or a graph output; this
//! is what skl2onnx writes for MLPClassifier / MLPRegressor and torch.onnx for a stack of
//! Linear and ReLU layers. Nodes after the chain may only pick the label (ArgMax,
//! ArrayFeatureExtractor, Reshape, Cast, Identity, ZipMap). Anything else is an error that
//! names the operator and the node, never a panic. Semantics: `specs/equivalence.md`.

use super::onnx::{declared_features, Graph, OnnxNode, Tensor};
use super::trees::{Evaluation, Task, Transform};
use super::ModelProblem;
use crate::number::float_to_rational;
use num_rational::BigRational;
use num_traits::Zero;

/// One affine layer, optionally followed by ReLU.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub inputs: usize,
    pub outputs: usize,
    /// Row-major `outputs x inputs`: output o is sum_i weights[o * inputs + i] x_i + bias[o].
    /// Every value is a float32 (widened exactly).
    pub weights: Vec<f64>,
    pub bias: Vec<f64>,
    pub relu: bool,
}

/// A feed-forward ReLU network whose outputs are logits (or regression targets).
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub layers: Vec<Layer>,
}

/// A network read from a file, with what its graph does after the logits.
#[derive(Clone, Debug, PartialEq)]
pub struct NetworkModel {
    pub network: Network,
    /// Classifiers: a final Softmax, or more than one output; labels from the graph's
    /// `ArrayFeatureExtractor` when it has one, else the class indices.
    pub task: Task,
    /// `Softmax` when the graph ends in one (it does not change the predicted class).
    pub transform: Transform,
    /// The node name of the final Softmax, for diagnostics.
    pub softmax_node: Option<String>,
}

/// The unit roundoff of float32 (round to nearest).
const UNIT_ROUNDOFF: f64 = 1.0 / 16_777_216.0;
/// The smallest positive float32 (subnormal): the absolute error one underflowing
/// operation can add is below it.
const SMALLEST_SUBNORMAL: f64 = 1.401_298_464_324_817e-45;

impl Network {
    pub fn inputs(&self) -> usize {
        self.layers.first().map_or(0, |layer| layer.inputs)
    }

    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, |layer| layer.outputs)
    }

    fn row(layer: &Layer, output: usize) -> &[f64] {
        &layer.weights[output * layer.inputs..(output + 1) * layer.inputs]
    }

    /// The logits in float32, as onnxruntime's CPU kernels compute them for these layers:
    /// per output, a fused multiply-add chain over the inputs in order starting from 0,
    /// then the bias added, then ReLU.
    pub fn logits_float32(&self, input: &[f32]) -> Vec<f32> {
        let mut values = input.to_vec();
        for layer in &self.layers {
            values = (0..layer.outputs)
                .map(|output| {
                    let mut sum = 0.0f32;
                    for (weight, value) in Self::row(layer, output).iter().zip(&values) {
                        sum = (*weight as f32).mul_add(*value, sum);
                    }
                    let sum = sum + layer.bias[output] as f32;
                    if layer.relu {
                        sum.max(0.0)
                    } else {
                        sum
                    }
                })
                .collect();
        }
        values
    }

    /// The logits in f64, each layer's sums added in input order.
    pub fn logits(&self, input: &[f64]) -> Vec<f64> {
        let sums = self.pre_activations(input);
        sums.last().cloned().unwrap_or_default()
    }

    /// The pre-activations (before ReLU) of every layer in f64.
    pub fn pre_activations(&self, input: &[f64]) -> Vec<Vec<f64>> {
        let mut values = input.to_vec();
        let mut all = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            let sums: Vec<f64> = (0..layer.outputs)
                .map(|output| {
                    let mut sum = 0.0;
                    for (weight, value) in Self::row(layer, output).iter().zip(&values) {
                        sum += weight * value;
                    }
                    sum + layer.bias[output]
                })
                .collect();
            values = sums
                .iter()
                .map(|&sum| if layer.relu { sum.max(0.0) } else { sum })
                .collect();
            all.push(sums);
        }
        all
    }

    /// log softmax_k of the logits at `input` and its gradient with respect to the input
    /// (a subgradient where a ReLU is exactly at zero), by backpropagation in f64.
    pub fn log_probability_gradient(&self, input: &[f64], class: usize) -> (f64, Vec<f64>) {
        let sums = self.pre_activations(input);
        let logits = sums.last().cloned().unwrap_or_default();
        let largest = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let total: f64 = logits.iter().map(|z| (z - largest).exp()).sum();
        let value = logits[class] - largest - total.ln();
        // d/dz of log softmax_k = e_k - softmax.
        let mut upstream: Vec<f64> = logits
            .iter()
            .enumerate()
            .map(|(index, z)| f64::from(u8::from(index == class)) - (z - largest).exp() / total)
            .collect();
        for (position, layer) in self.layers.iter().enumerate().rev() {
            if layer.relu {
                for (gradient, sum) in upstream.iter_mut().zip(&sums[position]) {
                    if *sum <= 0.0 {
                        *gradient = 0.0;
                    }
                }
            }
            let mut below = vec![0.0; layer.inputs];
            for (output, gradient) in upstream.iter().enumerate() {
                for (target, weight) in below.iter_mut().zip(Self::row(layer, output)) {
                    *target += gradient * weight;
                }
            }
            upstream = below;
        }
        (value, upstream)
    }

    /// Softmax probabilities in f64 (shifted by the largest logit).
    pub fn probabilities(&self, input: &[f64]) -> Vec<f64> {
        softmax(&self.logits(input))
    }

    /// Per layer and neuron, an interval that holds the exact (real-arithmetic)
    /// pre-activation for every input of the box. Computed in f64 and widened by far more
    /// than its own rounding error.
    pub fn intervals(&self, bounds: &[(f64, f64)]) -> Vec<Vec<(f64, f64)>> {
        let mut values = bounds.to_vec();
        let mut all = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            let sums: Vec<(f64, f64)> = (0..layer.outputs)
                .map(|output| {
                    let bias = layer.bias[output];
                    let (mut lower, mut upper, mut magnitude) = (bias, bias, bias.abs());
                    for (weight, (low, high)) in Self::row(layer, output).iter().zip(&values) {
                        let (a, b) = (weight * low, weight * high);
                        lower += a.min(b);
                        upper += a.max(b);
                        magnitude += a.abs().max(b.abs());
                    }
                    let slack = 1e-9 * magnitude + 1e-12;
                    (lower - slack, upper + slack)
                })
                .collect();
            values = sums
                .iter()
                .map(|&(low, high)| {
                    if layer.relu {
                        (low.max(0.0), high.max(0.0))
                    } else {
                        (low, high)
                    }
                })
                .collect();
            all.push(sums);
        }
        all
    }

    /// Per logit, a bound on |float32 logit - exact logit| at every float32 input of the
    /// box, for any order of summation, with or without fused multiply-adds, and for
    /// `Gemm` / `MatMul` + `Add` alike: a dot product of n terms plus a bias (and a Gemm's
    /// power-of-two alpha and beta) rounds at most n + 3 times per term, so its error is
    /// at most gamma(n + 3) = (n + 3) u / (1 - (n + 3) u) times the sum of the magnitudes
    /// (u = 2^-24), plus the propagated error of the inputs (ReLU does not enlarge it) and
    /// the absolute error of underflow. `None` when float32 could overflow on the box.
    pub fn rounding_bounds(&self, bounds: &[(f64, f64)]) -> Option<Vec<f64>> {
        let intervals = self.intervals(bounds);
        let mut magnitudes: Vec<f64> = bounds
            .iter()
            .map(|(low, high)| low.abs().max(high.abs()))
            .collect();
        let mut errors = vec![0.0; self.inputs()];
        for (layer, sums) in self.layers.iter().zip(&intervals) {
            let terms = (layer.inputs + 3) as f64;
            let gamma = terms * UNIT_ROUNDOFF / (1.0 - terms * UNIT_ROUNDOFF);
            let mut next_errors = Vec::with_capacity(layer.outputs);
            for output in 0..layer.outputs {
                let mut propagated = 0.0;
                let mut size = layer.bias[output].abs();
                for ((weight, magnitude), error) in Self::row(layer, output)
                    .iter()
                    .zip(&magnitudes)
                    .zip(&errors)
                {
                    propagated += weight.abs() * error;
                    size += weight.abs() * (magnitude + error);
                }
                let error = (propagated + gamma * size + terms * SMALLEST_SUBNORMAL) * (1.0 + 1e-6);
                if !error.is_finite() || size > f64::from(f32::MAX) / 4.0 {
                    return None;
                }
                next_errors.push(error);
            }
            magnitudes = sums
                .iter()
                .map(|&(low, high)| {
                    if layer.relu {
                        high.max(0.0)
                    } else {
                        low.abs().max(high.abs())
                    }
                })
                .collect();
            errors = next_errors;
        }
        Some(errors)
    }
}

impl NetworkModel {
    /// The scores (the float32 logits as exact rationals) and the class (the first
    /// largest logit; a final Softmax does not change it) of an input, cast to float32.
    pub fn evaluate(&self, input: &[f64]) -> Evaluation {
        let cast: Vec<f32> = input.iter().map(|value| *value as f32).collect();
        let logits = self.network.logits_float32(&cast);
        let scores: Vec<BigRational> = logits
            .iter()
            .map(|value| float_to_rational(f64::from(*value)).unwrap_or_else(BigRational::zero))
            .collect();
        let class = match self.task {
            Task::Classification { .. } => Some(first_largest(&logits)),
            Task::Regression => None,
        };
        Evaluation { scores, class }
    }
}

/// The index of the first largest value (NaN never wins).
pub fn first_largest(values: &[f32]) -> usize {
    let mut best = 0;
    for (index, value) in values.iter().enumerate() {
        if *value > values[best] {
            best = index;
        }
    }
    best
}

/// Per input feature, how much the two networks' first layers differ on it: the sum over
/// neurons of |w_left - w_right| when the layers have the same shape, else the sum of
/// both layers' |w|. Disagreement maps slice along the two largest by default.
pub fn input_differences(left: &Network, right: &Network) -> Vec<f64> {
    let mut totals = vec![0.0; left.inputs()];
    let (Some(first), Some(second)) = (left.layers.first(), right.layers.first()) else {
        return totals;
    };
    let same_shape = first.outputs == second.outputs && first.inputs == second.inputs;
    for output in 0..first.outputs.max(second.outputs) {
        for (input, total) in totals.iter_mut().enumerate() {
            let weight = |layer: &Layer| {
                if output < layer.outputs && input < layer.inputs {
                    layer.weights[output * layer.inputs + input]
                } else {
                    0.0
                }
            };
            *total += if same_shape {
                (weight(first) - weight(second)).abs()
            } else {
                weight(first).abs() + weight(second).abs()
            };
        }
    }
    totals
}

/// Whether an ONNX graph is meant as a network: it multiplies by a weight matrix and has
/// no tree ensemble.
pub fn is_network(graph: &Graph) -> bool {
    let has = |operators: &[&str]| {
        graph
            .nodes
            .iter()
            .any(|node| operators.contains(&node.op_type.as_str()))
    };
    has(&["MatMul", "Gemm"]) && !has(&["TreeEnsembleClassifier", "TreeEnsembleRegressor"])
}

/// Softmax in f64, shifted by the largest value.
pub fn softmax(logits: &[f64]) -> Vec<f64> {
    let largest = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let exponentials: Vec<f64> = logits.iter().map(|z| (z - largest).exp()).collect();
    let total: f64 = exponentials.iter().sum();
    exponentials.iter().map(|value| value / total).collect()
}

/// Operators that may sit after the chain, picking or repackaging the label.
const LABEL_OPERATORS: &[&str] = &[
    "ArgMax",
    "ArrayFeatureExtractor",
    "Reshape",
    "Cast",
    "Identity",
    "ZipMap",
];

/// The operators a network graph may use, for messages.
pub const NETWORK_OPERATORS: &str =
    "Gemm, MatMul, Add, Relu, Flatten, Cast, Identity, a final Softmax or Reshape, and ArgMax / ArrayFeatureExtractor / ZipMap for the label";

fn unsupported(message: String) -> ModelProblem {
    ModelProblem::Unsupported(message)
}

fn malformed(message: String) -> ModelProblem {
    ModelProblem::Malformed(message)
}

fn describe(node: &OnnxNode) -> String {
    if node.name.is_empty() {
        format!("operator `{}`", node.op_type)
    } else {
        format!("operator `{}` (node `{}`)", node.op_type, node.name)
    }
}

fn float_attribute(node: &OnnxNode, name: &str, default: f64) -> f64 {
    node.attributes
        .get(name)
        .and_then(|attribute| attribute.float)
        .map_or(default, f64::from)
}

fn int_attribute(node: &OnnxNode, name: &str) -> Option<i64> {
    node.attributes
        .get(name)
        .and_then(|attribute| attribute.int)
}

/// Whether a Gemm scale keeps float32 rounding unchanged: 1 or another power of two.
fn power_of_two(value: f64) -> bool {
    value > 0.0 && value.is_finite() && value.log2().fract() == 0.0
}

/// Adds a constant bias (one value per output, or one broadcast value) times `scale`.
fn add_bias(
    bias: &mut [f64],
    constant: &Tensor,
    scale: f64,
    node: &OnnxNode,
) -> Result<(), ModelProblem> {
    let values = &constant.values;
    if values.len() != bias.len() && values.len() != 1 {
        return Err(malformed(format!(
            "the bias `{}` of {} has {} values for {} outputs",
            constant.name,
            describe(node),
            values.len(),
            bias.len()
        )));
    }
    for (index, value) in bias.iter_mut().enumerate() {
        *value += scale * values[if values.len() == 1 { 0 } else { index }];
    }
    Ok(())
}

/// Whether every value is a finite float32.
fn float32_values(values: &[f64]) -> bool {
    values
        .iter()
        .all(|value| value.is_finite() && f64::from(*value as f32) == *value)
}

/// Reads the ReLU network of a decoded ONNX graph.
pub fn read(graph: &Graph) -> Result<NetworkModel, ModelProblem> {
    if let Some(node) = graph.nodes.iter().find(|node| node.op_type == "Constant") {
        return Err(unsupported(format!(
            "{} holds weights in the graph; reqc reads network weights from initializers only",
            describe(node)
        )));
    }
    let data_inputs: Vec<&str> = graph
        .inputs
        .iter()
        .map(|input| input.name.as_str())
        .filter(|name| !graph.initializers.contains_key(*name))
        .collect();
    let [input] = data_inputs.as_slice() else {
        return Err(unsupported(format!(
            "the graph has {} data inputs; reqc reads networks with one",
            data_inputs.len()
        )));
    };
    let mut current = (*input).to_string();
    let mut layers: Vec<Layer> = Vec::new();
    let mut in_chain = vec![false; graph.nodes.len()];
    // The affine layer being assembled (MatMul then Add), not yet closed by a ReLU.
    let mut open = false;
    let mut softmax_node = None;
    let mut ended = false;
    while !ended {
        let consumers: Vec<usize> = (0..graph.nodes.len())
            .filter(|index| graph.nodes[*index].inputs.contains(&current))
            .filter(|index| graph.nodes[*index].op_type != "ArgMax")
            .collect();
        let index = match consumers.as_slice() {
            [] => break,
            [index] => *index,
            _ => {
                return Err(unsupported(format!(
                    "the value `{current}` feeds {} nodes; reqc reads chains of layers",
                    consumers.len()
                )))
            }
        };
        let node = &graph.nodes[index];
        in_chain[index] = true;
        let constant = |position: usize| -> Result<&Tensor, ModelProblem> {
            node.inputs
                .get(position)
                .and_then(|name| graph.initializers.get(name))
                .ok_or_else(|| {
                    unsupported(format!(
                        "{} needs constant weights (an initializer) as input {}",
                        describe(node),
                        position + 1
                    ))
                })
        };
        let width = layers.last().map(|layer| layer.outputs);
        match node.op_type.as_str() {
            "Cast" | "Identity" => {}
            "Flatten" => {
                if int_attribute(node, "axis").unwrap_or(1) != 1 {
                    return Err(unsupported(format!(
                        "{} flattens from an axis other than 1",
                        describe(node)
                    )));
                }
            }
            "Softmax" => {
                let axis = int_attribute(node, "axis").unwrap_or(-1);
                if !matches!(axis, -1 | 1) {
                    return Err(unsupported(format!(
                        "{} normalises over axis {axis}, not the classes",
                        describe(node)
                    )));
                }
                softmax_node = Some(node.name.clone());
                ended = true;
            }
            "Reshape" if !layers.is_empty() => {
                let shape = constant(1)?;
                let keeps_rows = matches!(shape.values.as_slice(), [_, last] if *last == -1.0 || Some(*last as usize) == width);
                if !keeps_rows {
                    return Err(unsupported(format!(
                        "{} reshapes the outputs to {:?}; reqc reads [batch, outputs]",
                        describe(node),
                        shape.values
                    )));
                }
                ended = true;
            }
            "MatMul" | "Gemm" => {
                if node.inputs.first() != Some(&current) {
                    return Err(unsupported(format!(
                        "{} multiplies the activations from the right",
                        describe(node)
                    )));
                }
                if open {
                    return Err(unsupported(format!(
                        "{} follows a linear layer without a ReLU between; reqc reads alternating layers",
                        describe(node)
                    )));
                }
                let weights = constant(1)?;
                let gemm = node.op_type == "Gemm";
                if gemm && int_attribute(node, "transA").unwrap_or(0) != 0 {
                    return Err(unsupported(format!(
                        "{} transposes its input (transA)",
                        describe(node)
                    )));
                }
                let transpose = gemm && int_attribute(node, "transB").unwrap_or(0) != 0;
                let [rows, columns] = weights.dims.as_slice() else {
                    return Err(malformed(format!(
                        "the weights `{}` of {} have shape {:?}, not a matrix",
                        weights.name,
                        describe(node),
                        weights.dims
                    )));
                };
                let (rows, columns) = (*rows as usize, *columns as usize);
                let (inputs, outputs) = if transpose {
                    (columns, rows)
                } else {
                    (rows, columns)
                };
                let expected = width.unwrap_or_else(|| declared_features(graph).unwrap_or(inputs));
                if expected != inputs {
                    return Err(malformed(format!(
                        "{} takes {inputs} values but {} gives {expected}",
                        describe(node),
                        if width.is_some() {
                            "the previous layer"
                        } else {
                            "the graph input"
                        }
                    )));
                }
                let alpha = if gemm {
                    float_attribute(node, "alpha", 1.0)
                } else {
                    1.0
                };
                let beta = if gemm {
                    float_attribute(node, "beta", 1.0)
                } else {
                    1.0
                };
                if !power_of_two(alpha) || !power_of_two(beta) {
                    return Err(unsupported(format!(
                        "{} scales by alpha = {alpha}, beta = {beta}; reqc reads powers of two (which float32 rounding commutes with)",
                        describe(node)
                    )));
                }
                let mut matrix = vec![0.0; inputs * outputs];
                for output in 0..outputs {
                    for input in 0..inputs {
                        let value = if transpose {
                            weights.values[output * inputs + input]
                        } else {
                            weights.values[input * outputs + output]
                        };
                        matrix[output * inputs + input] = alpha * value;
                    }
                }
                let mut bias = vec![0.0; outputs];
                if gemm && node.inputs.len() > 2 && !node.inputs[2].is_empty() {
                    add_bias(&mut bias, constant(2)?, beta, node)?;
                }
                layers.push(Layer {
                    inputs,
                    outputs,
                    weights: matrix,
                    bias,
                    relu: false,
                });
                open = true;
            }
            "Add" => {
                let other = node
                    .inputs
                    .iter()
                    .find(|name| **name != current)
                    .and_then(|name| graph.initializers.get(name));
                let (Some(constant), true, Some(layer)) = (other, open, layers.last_mut()) else {
                    return Err(unsupported(format!(
                        "{} must add a constant bias (an initializer) right after MatMul",
                        describe(node)
                    )));
                };
                if layer.bias.iter().any(|value| *value != 0.0) {
                    return Err(unsupported(format!(
                        "{} adds a second bias to one layer",
                        describe(node)
                    )));
                }
                add_bias(&mut layer.bias, constant, 1.0, node)?;
            }
            "Relu" => {
                let Some(layer) = layers.last_mut().filter(|_| open) else {
                    return Err(unsupported(format!(
                        "{} follows no linear layer",
                        describe(node)
                    )));
                };
                layer.relu = true;
                open = false;
            }
            _ => {
                return Err(unsupported(format!(
                    "{} is not supported in a ReLU network; reqc reads {NETWORK_OPERATORS}",
                    describe(node)
                )))
            }
        }
        current = node.outputs.first().cloned().unwrap_or_default();
    }
    for (index, node) in graph.nodes.iter().enumerate() {
        if !in_chain[index] && !LABEL_OPERATORS.contains(&node.op_type.as_str()) {
            return Err(unsupported(format!(
                "{} is not supported in a ReLU network; reqc reads {NETWORK_OPERATORS}",
                describe(node)
            )));
        }
    }
    let Some(last) = layers.last() else {
        return Err(unsupported(
            "the graph has no linear layer (Gemm or MatMul)".to_string(),
        ));
    };
    if last.relu {
        return Err(unsupported(
            "the last layer ends in a Relu; reqc expects logits or regression targets".to_string(),
        ));
    }
    for (position, layer) in layers.iter().enumerate() {
        if !float32_values(&layer.weights) || !float32_values(&layer.bias) {
            return Err(unsupported(format!(
                "layer {} has weights that are not finite float32 values (reqc evaluates networks in float32)",
                position + 1
            )));
        }
    }
    let outputs = last.outputs;
    let classifier = softmax_node.is_some() || outputs > 1;
    let task = if classifier {
        Task::Classification {
            labels: labels(graph, outputs),
        }
    } else {
        Task::Regression
    };
    Ok(NetworkModel {
        network: Network { layers },
        task,
        transform: if softmax_node.is_some() {
            Transform::Softmax
        } else {
            Transform::Identity
        },
        softmax_node,
    })
}

/// The class labels: the integer table an `ArrayFeatureExtractor` looks the arg-max up
/// in (skl2onnx's `classes`), else the class indices.
fn labels(graph: &Graph, outputs: usize) -> Vec<String> {
    graph
        .nodes
        .iter()
        .filter(|node| node.op_type == "ArrayFeatureExtractor")
        .filter_map(|node| graph.initializers.get(node.inputs.first()?))
        .find(|table| table.values.len() == outputs)
        .map(|table| {
            table
                .values
                .iter()
                .map(|value| format!("{value}"))
                .collect()
        })
        .unwrap_or_else(|| (0..outputs).map(|class| class.to_string()).collect())
}

/// Reads a network from the bytes of an `.onnx` file; the error says what is unsupported
/// or malformed, naming the operator and node.
pub fn read_network(bytes: &[u8]) -> Result<Network, String> {
    let graph = super::onnx::read_graph(bytes).map_err(|problem| problem.message().to_string())?;
    read(&graph)
        .map(|model| model.network)
        .map_err(|problem| problem.message().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn network() -> Network {
        Network {
            layers: vec![
                Layer {
                    inputs: 2,
                    outputs: 2,
                    weights: vec![1.0, -1.0, 0.5, 0.25],
                    bias: vec![0.0, -0.125],
                    relu: true,
                },
                Layer {
                    inputs: 2,
                    outputs: 2,
                    weights: vec![1.0, 0.0, -1.0, 2.0],
                    bias: vec![0.5, 0.0],
                    relu: false,
                },
            ],
        }
    }

    #[test]
    fn float32_and_f64_agree_on_exact_inputs() {
        let network = network();
        let input = [0.75f32, 0.5];
        let float32: Vec<f64> = network
            .logits_float32(&input)
            .iter()
            .map(|value| f64::from(*value))
            .collect();
        assert_eq!(float32, network.logits(&[0.75, 0.5]));
        assert_eq!(float32, vec![0.75, 0.5]);
    }

    #[test]
    fn intervals_and_rounding_bounds_hold() {
        let network = network();
        let intervals = network.intervals(&[(0.0, 1.0), (0.0, 1.0)]);
        assert!(intervals[0][0].0 <= -1.0 && intervals[0][0].1 >= 1.0);
        let bounds = network
            .rounding_bounds(&[(0.0, 1.0), (0.0, 1.0)])
            .expect("no overflow");
        assert!(bounds.iter().all(|bound| *bound > 0.0 && *bound < 1e-5));
        assert_eq!(network.rounding_bounds(&[(0.0, 1e38), (0.0, 1e38)]), None);
    }
}

#[cfg(test)]
mod read_network_tests {
    use super::*;

    fn key(number: u64, wire: u64) -> u8 {
        (number << 3 | wire) as u8
    }

    fn bytes_field(number: u64, content: &[u8]) -> Vec<u8> {
        let mut out = vec![key(number, 2), content.len() as u8];
        out.extend_from_slice(content);
        out
    }

    #[test]
    fn malformed_input_is_an_error_not_a_panic() {
        assert!(read_network(&[]).is_err());
        assert!(read_network(&[0x3a, 0xff]).is_err());
        assert!(read_network(&[0xff; 12]).is_err());
        // A graph with an unsupported node.
        let node = [
            bytes_field(1, b"x"),
            bytes_field(2, b"y"),
            bytes_field(4, b"Conv"),
        ]
        .concat();
        let input = bytes_field(1, b"x");
        let graph = [bytes_field(1, &node), bytes_field(11, &input)].concat();
        let model = bytes_field(7, &graph);
        let error = read_network(&model).unwrap_err();
        assert!(error.contains("Conv"), "{error}");
    }
}
