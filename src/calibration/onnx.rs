//! Reading a feed-forward ReLU classifier from ONNX: a hand-written decoder of the
//! protobuf wire format for the subset of ModelProto, GraphProto, NodeProto,
//! AttributeProto, TensorProto and ValueInfoProto that such networks use.
//!
//! Supported graphs are chains from the input through MatMul / Gemm / Add (with constant
//! weights), Relu, and the pass-through Cast / Identity, ending at Softmax (whose input
//! are the logits) or at a graph output; this is what skl2onnx writes for MLPClassifier
//! and torch.onnx for a stack of Linear and ReLU layers. Anything else is an error that
//! names the node, never a panic.

use std::collections::BTreeMap;

/// One affine layer, optionally followed by ReLU.
#[derive(Clone, Debug, PartialEq)]
pub struct Layer {
    pub inputs: usize,
    pub outputs: usize,
    /// Row-major `outputs x inputs`: output o is sum_i weights[o * inputs + i] x_i + bias[o].
    pub weights: Vec<f64>,
    pub bias: Vec<f64>,
    pub relu: bool,
}

/// A feed-forward ReLU network whose outputs are logits.
#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    pub layers: Vec<Layer>,
}

impl Network {
    pub fn inputs(&self) -> usize {
        self.layers.first().map_or(0, |layer| layer.inputs)
    }

    pub fn outputs(&self) -> usize {
        self.layers.last().map_or(0, |layer| layer.outputs)
    }

    /// The logits in f64, each layer's sums added in input order.
    pub fn logits(&self, input: &[f64]) -> Vec<f64> {
        let mut values = input.to_vec();
        for layer in &self.layers {
            let mut next = Vec::with_capacity(layer.outputs);
            for output in 0..layer.outputs {
                let row = &layer.weights[output * layer.inputs..(output + 1) * layer.inputs];
                let mut sum = 0.0;
                for (weight, value) in row.iter().zip(&values) {
                    sum += weight * value;
                }
                sum += layer.bias[output];
                next.push(if layer.relu { sum.max(0.0) } else { sum });
            }
            values = next;
        }
        values
    }

    /// The pre-activations (before ReLU) of every layer in f64, the same sums as `logits`.
    pub fn pre_activations(&self, input: &[f64]) -> Vec<Vec<f64>> {
        let mut values = input.to_vec();
        let mut all = Vec::with_capacity(self.layers.len());
        for layer in &self.layers {
            let mut sums = Vec::with_capacity(layer.outputs);
            for output in 0..layer.outputs {
                let row = &layer.weights[output * layer.inputs..(output + 1) * layer.inputs];
                let mut sum = 0.0;
                for (weight, value) in row.iter().zip(&values) {
                    sum += weight * value;
                }
                sums.push(sum + layer.bias[output]);
            }
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
                let row = &layer.weights[output * layer.inputs..(output + 1) * layer.inputs];
                for (target, weight) in below.iter_mut().zip(row) {
                    *target += gradient * weight;
                }
            }
            upstream = below;
        }
        (value, upstream)
    }

    /// Softmax probabilities in f64 (shifted by the largest logit).
    pub fn probabilities(&self, input: &[f64]) -> Vec<f64> {
        let logits = self.logits(input);
        let largest = logits.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let exponentials: Vec<f64> = logits.iter().map(|z| (z - largest).exp()).collect();
        let total: f64 = exponentials.iter().sum();
        exponentials.iter().map(|value| value / total).collect()
    }
}

/// A protobuf field value.
#[derive(Clone, Copy, Debug)]
enum Wire<'a> {
    Varint(u64),
    Fixed64(u64),
    Bytes(&'a [u8]),
    Fixed32(u32),
}

fn varint(bytes: &[u8], position: &mut usize) -> Result<u64, String> {
    let mut value = 0u64;
    for shift in (0..64).step_by(7) {
        let byte = *bytes
            .get(*position)
            .ok_or("the file ends inside a number")?;
        *position += 1;
        value |= u64::from(byte & 0x7f) << shift;
        if byte & 0x80 == 0 {
            return Ok(value);
        }
    }
    Err("a number is longer than ten bytes".to_string())
}

/// The fields of one message, in order.
fn fields(bytes: &[u8]) -> Result<Vec<(u64, Wire<'_>)>, String> {
    let mut position = 0;
    let mut found = Vec::new();
    while position < bytes.len() {
        let key = varint(bytes, &mut position)?;
        let number = key >> 3;
        let value = match key & 7 {
            0 => Wire::Varint(varint(bytes, &mut position)?),
            1 => {
                let chunk = bytes
                    .get(position..position + 8)
                    .ok_or("the file ends inside a field")?;
                position += 8;
                Wire::Fixed64(u64::from_le_bytes(chunk.try_into().expect("8 bytes")))
            }
            2 => {
                let length = varint(bytes, &mut position)? as usize;
                let end = position
                    .checked_add(length)
                    .filter(|&end| end <= bytes.len())
                    .ok_or("a field runs past the end of the file")?;
                let chunk = &bytes[position..end];
                position = end;
                Wire::Bytes(chunk)
            }
            5 => {
                let chunk = bytes
                    .get(position..position + 4)
                    .ok_or("the file ends inside a field")?;
                position += 4;
                Wire::Fixed32(u32::from_le_bytes(chunk.try_into().expect("4 bytes")))
            }
            other => return Err(format!("unknown protobuf wire type {other}")),
        };
        found.push((number, value));
    }
    Ok(found)
}

fn text(value: Wire<'_>) -> String {
    match value {
        Wire::Bytes(bytes) => String::from_utf8_lossy(bytes).into_owned(),
        _ => String::new(),
    }
}

/// A constant tensor: shape and values as f64.
#[derive(Clone, Debug, PartialEq)]
struct Tensor {
    dims: Vec<usize>,
    values: Vec<f64>,
}

fn tensor(bytes: &[u8]) -> Result<(String, Tensor), String> {
    let mut name = String::new();
    let mut dims = Vec::new();
    let mut data_type = 0;
    let mut raw: Option<&[u8]> = None;
    let mut floats = Vec::new();
    let mut doubles = Vec::new();
    let mut integers = Vec::new();
    for (number, value) in fields(bytes)? {
        match (number, value) {
            (1, Wire::Varint(dim)) => dims.push(dim as usize),
            (1, Wire::Bytes(packed)) => {
                let mut position = 0;
                while position < packed.len() {
                    dims.push(varint(packed, &mut position)? as usize);
                }
            }
            (2, Wire::Varint(kind)) => data_type = kind,
            (4, Wire::Fixed32(bits)) => floats.push(f64::from(f32::from_bits(bits))),
            (4, Wire::Bytes(packed)) => floats.extend(
                packed
                    .chunks_exact(4)
                    .map(|chunk| f64::from(f32::from_le_bytes(chunk.try_into().expect("4")))),
            ),
            (7, Wire::Varint(integer)) => integers.push(integer as i64 as f64),
            (7, Wire::Bytes(packed)) => {
                let mut position = 0;
                while position < packed.len() {
                    integers.push(varint(packed, &mut position)? as i64 as f64);
                }
            }
            (8, value) => name = text(value),
            (9, Wire::Bytes(bytes)) => raw = Some(bytes),
            (10, Wire::Fixed64(bits)) => doubles.push(f64::from_bits(bits)),
            (10, Wire::Bytes(packed)) => doubles.extend(
                packed
                    .chunks_exact(8)
                    .map(|chunk| f64::from_le_bytes(chunk.try_into().expect("8"))),
            ),
            (14, Wire::Varint(1)) => {
                return Err(format!(
                "the tensor `{name}` keeps its data in an external file, which reqc does not read"
            ))
            }
            _ => {}
        }
    }
    let values = match (data_type, raw) {
        (1, Some(raw)) => raw
            .chunks_exact(4)
            .map(|chunk| f64::from(f32::from_le_bytes(chunk.try_into().expect("4"))))
            .collect(),
        (11, Some(raw)) => raw
            .chunks_exact(8)
            .map(|chunk| f64::from_le_bytes(chunk.try_into().expect("8")))
            .collect(),
        (7, Some(raw)) => raw
            .chunks_exact(8)
            .map(|chunk| i64::from_le_bytes(chunk.try_into().expect("8")) as f64)
            .collect(),
        (1, None) => floats,
        (11, None) => doubles,
        (6 | 7, None) => integers,
        // Tensors of other types (strings, class labels) are never weights.
        _ => Vec::new(),
    };
    Ok((name, Tensor { dims, values }))
}

/// One graph node.
#[derive(Clone, Debug)]
struct Node {
    name: String,
    op_type: String,
    inputs: Vec<String>,
    outputs: Vec<String>,
    float_attributes: BTreeMap<String, f64>,
    integer_attributes: BTreeMap<String, i64>,
}

fn node(bytes: &[u8]) -> Result<Node, String> {
    let mut node = Node {
        name: String::new(),
        op_type: String::new(),
        inputs: Vec::new(),
        outputs: Vec::new(),
        float_attributes: BTreeMap::new(),
        integer_attributes: BTreeMap::new(),
    };
    for (number, value) in fields(bytes)? {
        match (number, value) {
            (1, value) => node.inputs.push(text(value)),
            (2, value) => node.outputs.push(text(value)),
            (3, value) => node.name = text(value),
            (4, value) => node.op_type = text(value),
            (5, Wire::Bytes(attribute)) => {
                let mut name = String::new();
                let mut float = None;
                let mut integer = None;
                for (number, value) in fields(attribute)? {
                    match (number, value) {
                        (1, value) => name = text(value),
                        (2, Wire::Fixed32(bits)) => float = Some(f64::from(f32::from_bits(bits))),
                        (3, Wire::Varint(value)) => integer = Some(value as i64),
                        _ => {}
                    }
                }
                if let Some(float) = float {
                    node.float_attributes.insert(name.clone(), float);
                }
                if let Some(integer) = integer {
                    node.integer_attributes.insert(name, integer);
                }
            }
            _ => {}
        }
    }
    Ok(node)
}

/// Reads a network from the bytes of an `.onnx` file.
pub fn read_network(bytes: &[u8]) -> Result<Network, String> {
    let graph = fields(bytes)?
        .into_iter()
        .find_map(|(number, value)| match (number, value) {
            (7, Wire::Bytes(graph)) => Some(graph),
            _ => None,
        })
        .ok_or("not an ONNX model: no graph")?;
    let mut nodes = Vec::new();
    let mut initializers = BTreeMap::new();
    let mut inputs = Vec::new();
    for (number, value) in fields(graph)? {
        match (number, value) {
            (1, Wire::Bytes(bytes)) => nodes.push(node(bytes)?),
            (5, Wire::Bytes(bytes)) => {
                let (name, tensor) = tensor(bytes)?;
                initializers.insert(name, tensor);
            }
            (11, Wire::Bytes(bytes)) => {
                if let Some((_, value)) = fields(bytes)?.into_iter().find(|(n, _)| *n == 1) {
                    inputs.push(text(value));
                }
            }
            _ => {}
        }
    }
    // Constant nodes hold weights too (torch.onnx writes some).
    for node in &nodes {
        if node.op_type == "Constant" {
            return Err(format!(
                "the node `{}` is a Constant; reqc reads weights from initializers only",
                node.name
            ));
        }
    }
    let data_inputs: Vec<&String> = inputs
        .iter()
        .filter(|name| !initializers.contains_key(*name))
        .collect();
    let [input] = data_inputs.as_slice() else {
        return Err(format!(
            "the graph has {} data inputs; reqc reads networks with one",
            data_inputs.len()
        ));
    };
    let mut current = (*input).clone();
    let mut layers: Vec<Layer> = Vec::new();
    // The affine layer being assembled (MatMul then Add), not yet closed by a ReLU.
    let mut open = false;
    loop {
        let consumers: Vec<&Node> = nodes
            .iter()
            .filter(|node| node.inputs.contains(&current))
            .filter(|node| node.op_type != "ArgMax")
            .collect();
        let node = match consumers.as_slice() {
            [] => break,
            [node] => *node,
            _ => {
                return Err(format!(
                    "the value `{current}` feeds {} nodes; reqc reads chains of layers",
                    consumers.len()
                ))
            }
        };
        let constant = |index: usize| -> Result<&Tensor, String> {
            node.inputs
                .get(index)
                .and_then(|name| initializers.get(name))
                .ok_or_else(|| {
                    format!(
                        "the {} node `{}` needs constant weights (an initializer) as input {}",
                        node.op_type,
                        node.name,
                        index + 1
                    )
                })
        };
        let width = layers.last().map(|layer| layer.outputs);
        match node.op_type.as_str() {
            "Cast" | "Identity" => {}
            "Softmax" => break,
            "MatMul" | "Gemm" => {
                if node.inputs.first() != Some(&current) {
                    return Err(format!(
                        "the {} node `{}` multiplies the activations from the right",
                        node.op_type, node.name
                    ));
                }
                let weights = constant(1)?;
                let transpose = node.op_type == "Gemm"
                    && node.integer_attributes.get("transB").copied().unwrap_or(0) != 0;
                if node.op_type == "Gemm"
                    && node.integer_attributes.get("transA").copied().unwrap_or(0) != 0
                {
                    return Err(format!("the Gemm node `{}` transposes its input", node.name));
                }
                let [rows, columns] = weights.dims.as_slice() else {
                    return Err(format!(
                        "the weights of `{}` are not a matrix",
                        node.name
                    ));
                };
                let (inputs, outputs) = if transpose {
                    (*columns, *rows)
                } else {
                    (*rows, *columns)
                };
                if weights.values.len() != inputs * outputs {
                    return Err(format!("the weights of `{}` have the wrong size", node.name));
                }
                if let Some(width) = width.filter(|_| !open) {
                    if width != inputs {
                        return Err(format!(
                            "`{}` takes {inputs} values but the previous layer gives {width}",
                            node.name
                        ));
                    }
                }
                if open {
                    return Err(format!(
                        "`{}` follows a linear layer without a ReLU between; reqc reads alternating layers",
                        node.name
                    ));
                }
                let alpha = node.float_attributes.get("alpha").copied().unwrap_or(1.0);
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
                if node.op_type == "Gemm" && node.inputs.len() > 2 {
                    let beta = node.float_attributes.get("beta").copied().unwrap_or(1.0);
                    let constant = constant(2)?;
                    add_bias(&mut bias, constant, beta, &node.name)?;
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
                    .and_then(|name| initializers.get(name));
                let (Some(constant), true, Some(layer)) = (other, open, layers.last_mut()) else {
                    return Err(format!(
                        "the Add node `{}` must add a constant bias right after MatMul",
                        node.name
                    ));
                };
                add_bias(&mut layer.bias, constant, 1.0, &node.name)?;
            }
            "Relu" => {
                let Some(layer) = layers.last_mut().filter(|_| open) else {
                    return Err(format!("the Relu node `{}` follows no linear layer", node.name));
                };
                layer.relu = true;
                open = false;
            }
            other => {
                return Err(format!(
                    "the node `{}` is {other}; reqc reads MatMul, Gemm, Add, Relu, Cast, Identity and Softmax",
                    node.name
                ))
            }
        }
        current = node.outputs.first().cloned().unwrap_or_default();
    }
    if layers.is_empty() {
        return Err("the graph has no linear layer".to_string());
    }
    if layers.last().is_some_and(|layer| layer.relu) {
        return Err("the last layer ends in a ReLU; reqc expects logits".to_string());
    }
    Ok(Network { layers })
}

fn add_bias(bias: &mut [f64], constant: &Tensor, scale: f64, name: &str) -> Result<(), String> {
    if constant.values.len() == bias.len() {
        for (value, added) in bias.iter_mut().zip(&constant.values) {
            *value += scale * added;
        }
        Ok(())
    } else if constant.values.len() == 1 {
        for value in bias.iter_mut() {
            *value += scale * constant.values[0];
        }
        Ok(())
    } else {
        Err(format!(
            "the bias of `{name}` has {} values for {} outputs",
            constant.values.len(),
            bias.len()
        ))
    }
}

#[cfg(test)]
mod tests {
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
