//! Reading ONNX files: the protobuf messages reqc needs (ModelProto → GraphProto →
//! NodeProto / AttributeProto / TensorProto / ValueInfoProto), and the tree ensembles of
//! the `ai.onnx.ml` domain (`TreeEnsembleClassifier`, `TreeEnsembleRegressor`) as
//! skl2onnx writes them, turned into the normal form of [`super::trees`].
//!
//! The semantics follow onnxruntime's float implementation, with exact score sums; they
//! are documented in `specs/equivalence.md`.

use super::protobuf::{fields, Field, WireError};
use super::trees::{next_up, Node, Task, Transform, Tree, TreeEnsemble};
use super::ModelProblem;
use crate::number::float_to_rational;
use num_rational::BigRational;
use num_traits::{One, Signed, Zero};
use std::collections::BTreeMap;

/// A tensor's shape and values (every numeric type widened to f64, which is exact for
/// float32, float64 and integers up to 2^53).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Tensor {
    pub name: String,
    pub dims: Vec<i64>,
    pub data_type: i32,
    pub values: Vec<f64>,
}

/// An attribute of a node; only the members its type uses are filled.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attribute {
    pub float: Option<f32>,
    pub int: Option<i64>,
    pub string: Option<Vec<u8>>,
    pub tensor: Option<Tensor>,
    pub floats: Vec<f32>,
    pub ints: Vec<i64>,
    pub strings: Vec<Vec<u8>>,
}

/// A node of the graph.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OnnxNode {
    pub op_type: String,
    pub domain: String,
    pub name: String,
    pub inputs: Vec<String>,
    pub outputs: Vec<String>,
    pub attributes: BTreeMap<String, Attribute>,
}

/// A graph input or output: its name and shape (`None` for a symbolic dimension).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ValueInfo {
    pub name: String,
    pub element_type: i32,
    pub shape: Option<Vec<Option<i64>>>,
}

/// The parts of an ONNX model reqc reads.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Graph {
    pub nodes: Vec<OnnxNode>,
    pub initializers: BTreeMap<String, Tensor>,
    pub inputs: Vec<ValueInfo>,
    pub outputs: Vec<ValueInfo>,
}

fn malformed(context: &str, error: WireError) -> ModelProblem {
    ModelProblem::Malformed(format!("{context}: {}", error.0))
}

/// Decodes the bytes of an `.onnx` file.
pub fn read_graph(bytes: &[u8]) -> Result<Graph, ModelProblem> {
    let model = fields(bytes).map_err(|error| malformed("not an ONNX model", error))?;
    let mut graph = None;
    for field in &model {
        if field.number == 7 {
            let bytes = field
                .bytes()
                .map_err(|error| malformed("the graph", error))?;
            graph = Some(read_graph_proto(bytes)?);
        }
    }
    graph.ok_or_else(|| {
        ModelProblem::Malformed("not an ONNX model: it has no graph (ModelProto field 7)".into())
    })
}

fn read_graph_proto(bytes: &[u8]) -> Result<Graph, ModelProblem> {
    let mut graph = Graph::default();
    for field in fields(bytes).map_err(|error| malformed("the graph", error))? {
        fn context(what: &'static str) -> impl Fn(WireError) -> ModelProblem {
            move |error| malformed(what, error)
        }
        match field.number {
            1 => graph
                .nodes
                .push(read_node(field.bytes().map_err(context("a node"))?)?),
            5 => {
                let tensor = read_tensor(field.bytes().map_err(context("an initializer"))?)?;
                graph.initializers.insert(tensor.name.clone(), tensor);
            }
            11 => graph.inputs.push(read_value_info(
                field.bytes().map_err(context("a graph input"))?,
            )?),
            12 => graph.outputs.push(read_value_info(
                field.bytes().map_err(context("a graph output"))?,
            )?),
            _ => {}
        }
    }
    Ok(graph)
}

fn read_node(bytes: &[u8]) -> Result<OnnxNode, ModelProblem> {
    let mut node = OnnxNode::default();
    let context = |error| malformed("a node", error);
    for field in fields(bytes).map_err(context)? {
        match field.number {
            1 => node.inputs.push(field.string().map_err(context)?),
            2 => node.outputs.push(field.string().map_err(context)?),
            3 => node.name = field.string().map_err(context)?,
            4 => node.op_type = field.string().map_err(context)?,
            7 => node.domain = field.string().map_err(context)?,
            5 => {
                let (name, attribute) = read_attribute(field.bytes().map_err(context)?)?;
                node.attributes.insert(name, attribute);
            }
            _ => {}
        }
    }
    Ok(node)
}

fn read_attribute(bytes: &[u8]) -> Result<(String, Attribute), ModelProblem> {
    let mut name = String::new();
    let mut attribute = Attribute::default();
    let context = |error| malformed("an attribute", error);
    for field in fields(bytes).map_err(context)? {
        match field.number {
            1 => name = field.string().map_err(context)?,
            2 => attribute.float = Some(field.float().map_err(context)?),
            3 => attribute.int = Some(field.int64().map_err(context)?),
            4 => attribute.string = Some(field.bytes().map_err(context)?.to_vec()),
            5 => attribute.tensor = Some(read_tensor(field.bytes().map_err(context)?)?),
            7 => field.floats(&mut attribute.floats).map_err(context)?,
            8 => field.int64s(&mut attribute.ints).map_err(context)?,
            9 => attribute
                .strings
                .push(field.bytes().map_err(context)?.to_vec()),
            _ => {}
        }
    }
    Ok((name, attribute))
}

/// TensorProto element types reqc reads.
const FLOAT: i32 = 1;
const INT32: i32 = 6;
const INT64: i32 = 7;
const DOUBLE: i32 = 11;

fn read_tensor(bytes: &[u8]) -> Result<Tensor, ModelProblem> {
    let mut tensor = Tensor::default();
    let context = |error| malformed("a tensor", error);
    let mut floats = Vec::new();
    let mut doubles = Vec::new();
    let mut integers = Vec::new();
    let mut raw: Option<&[u8]> = None;
    for field in fields(bytes).map_err(context)? {
        match field.number {
            1 => field.int64s(&mut tensor.dims).map_err(context)?,
            2 => tensor.data_type = field.int64().map_err(context)? as i32,
            4 => field.floats(&mut floats).map_err(context)?,
            5 | 7 => field.int64s(&mut integers).map_err(context)?,
            8 => tensor.name = field.string().map_err(context)?,
            9 => raw = Some(field.bytes().map_err(context)?),
            10 => field.doubles(&mut doubles).map_err(context)?,
            13 | 14 if field.number == 13 || matches!(field.int64(), Ok(1)) => {
                return Err(ModelProblem::Unsupported(format!(
                    "tensor `{}` keeps its data in an external file (external_data), which reqc does not read",
                    tensor.name
                )));
            }
            _ => {}
        }
    }
    tensor.values = match (tensor.data_type, raw) {
        (FLOAT, Some(raw)) => Field {
            number: 9,
            value: super::protobuf::Wire::Bytes(raw),
        }
        .floats(&mut floats)
        .map(|()| floats.iter().map(|value| f64::from(*value)).collect())
        .map_err(context)?,
        (DOUBLE, Some(raw)) => Field {
            number: 9,
            value: super::protobuf::Wire::Bytes(raw),
        }
        .doubles(&mut doubles)
        .map(|()| doubles.clone())
        .map_err(context)?,
        (INT64, Some(raw)) if raw.len() % 8 == 0 => raw
            .chunks_exact(8)
            .map(|chunk| i64::from_le_bytes(chunk.try_into().expect("eight bytes")) as f64)
            .collect(),
        (INT32, Some(raw)) if raw.len() % 4 == 0 => raw
            .chunks_exact(4)
            .map(|chunk| f64::from(i32::from_le_bytes(chunk.try_into().expect("four bytes"))))
            .collect(),
        (FLOAT, None) => floats.iter().map(|value| f64::from(*value)).collect(),
        (DOUBLE, None) => doubles,
        (INT32 | INT64, None) => integers.iter().map(|value| *value as f64).collect(),
        (other, _) => {
            return Err(ModelProblem::Unsupported(format!(
                "tensor `{}` has element type {other}; reqc reads float, double, int32 and int64 tensors",
                tensor.name
            )))
        }
    };
    let expected: i64 = tensor.dims.iter().product();
    if tensor.dims.iter().any(|dim| *dim < 0) || expected != tensor.values.len() as i64 {
        return Err(ModelProblem::Malformed(format!(
            "tensor `{}` has shape {:?} but {} values",
            tensor.name,
            tensor.dims,
            tensor.values.len()
        )));
    }
    Ok(tensor)
}

fn read_value_info(bytes: &[u8]) -> Result<ValueInfo, ModelProblem> {
    let mut info = ValueInfo::default();
    let context = |error| malformed("a graph input or output", error);
    for field in fields(bytes).map_err(context)? {
        match field.number {
            1 => info.name = field.string().map_err(context)?,
            2 => {
                // TypeProto.tensor_type (1) → Tensor.elem_type (1), Tensor.shape (2).
                for type_field in fields(field.bytes().map_err(context)?).map_err(context)? {
                    if type_field.number != 1 {
                        continue;
                    }
                    for tensor_field in
                        fields(type_field.bytes().map_err(context)?).map_err(context)?
                    {
                        match tensor_field.number {
                            1 => info.element_type = tensor_field.int64().map_err(context)? as i32,
                            2 => {
                                let mut shape = Vec::new();
                                for dimension in fields(tensor_field.bytes().map_err(context)?)
                                    .map_err(context)?
                                {
                                    if dimension.number != 1 {
                                        continue;
                                    }
                                    let mut value = None;
                                    for part in fields(dimension.bytes().map_err(context)?)
                                        .map_err(context)?
                                    {
                                        if part.number == 1 {
                                            value = Some(part.int64().map_err(context)?);
                                        }
                                    }
                                    shape.push(value);
                                }
                                info.shape = Some(shape);
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => {}
        }
    }
    Ok(info)
}

/// Operators that may follow a tree ensemble without changing its label or scores: they
/// only rename, retype or repackage outputs.
const PASSIVE_OPERATORS: &[&str] = &["ZipMap", "Cast", "Identity"];

/// The number of features the graph's first input declares (`[batch, features]`), if it does.
pub fn declared_features(graph: &Graph) -> Option<usize> {
    let input = graph
        .inputs
        .iter()
        .find(|input| !graph.initializers.contains_key(&input.name))?;
    let shape = input.shape.as_ref()?;
    match shape.as_slice() {
        [_, Some(features)] if *features > 0 => usize::try_from(*features).ok(),
        [Some(features)] if *features > 0 => usize::try_from(*features).ok(),
        _ => None,
    }
}

/// The tree ensemble of a graph, in normal form.
pub fn tree_ensemble(graph: &Graph) -> Result<TreeEnsemble, ModelProblem> {
    let mut ensemble_node = None;
    for node in &graph.nodes {
        match node.op_type.as_str() {
            "TreeEnsembleClassifier" | "TreeEnsembleRegressor" => {
                if ensemble_node.is_some() {
                    return Err(ModelProblem::Unsupported(
                        "the graph has more than one tree ensemble".into(),
                    ));
                }
                ensemble_node = Some(node);
            }
            operator if PASSIVE_OPERATORS.contains(&operator) => {}
            operator => {
                return Err(ModelProblem::Unsupported(format!(
                    "operator `{operator}` (node `{}`) is not supported in a tree-ensemble graph; reqc reads TreeEnsembleClassifier and TreeEnsembleRegressor followed only by {}",
                    node.name,
                    PASSIVE_OPERATORS.join(", ")
                )))
            }
        }
    }
    let node = ensemble_node.ok_or_else(|| {
        ModelProblem::Unsupported("the graph has no TreeEnsembleClassifier or TreeEnsembleRegressor and no supported network operators".into())
    })?;
    if !matches!(node.domain.as_str(), "ai.onnx.ml") {
        return Err(ModelProblem::Unsupported(format!(
            "operator `{}` in domain `{}`; reqc reads it from `ai.onnx.ml`",
            node.op_type, node.domain
        )));
    }
    ensemble(node, declared_features(graph))
}

/// Reads a node's attributes, tracking which ones were used so unknown ones are reported.
struct Attributes<'a> {
    node: &'a OnnxNode,
}

impl<'a> Attributes<'a> {
    fn ints(&self, name: &str) -> Vec<i64> {
        self.node
            .attributes
            .get(name)
            .map(|attribute| attribute.ints.clone())
            .unwrap_or_default()
    }

    /// Floats from `name`, or from the double tensor `name_as_tensor` (rounded to float32
    /// for thresholds, exact for weights).
    fn numbers(&self, name: &str) -> Vec<f64> {
        if let Some(attribute) = self.node.attributes.get(name) {
            if !attribute.floats.is_empty() {
                return attribute
                    .floats
                    .iter()
                    .map(|value| f64::from(*value))
                    .collect();
            }
        }
        self.node
            .attributes
            .get(&format!("{name}_as_tensor"))
            .and_then(|attribute| attribute.tensor.as_ref())
            .map(|tensor| tensor.values.clone())
            .unwrap_or_default()
    }

    fn strings(&self, name: &str) -> Vec<String> {
        self.node
            .attributes
            .get(name)
            .map(|attribute| {
                attribute
                    .strings
                    .iter()
                    .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn string(&self, name: &str) -> Option<String> {
        self.node
            .attributes
            .get(name)
            .and_then(|attribute| attribute.string.as_ref())
            .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
    }

    fn int(&self, name: &str) -> Option<i64> {
        self.node
            .attributes
            .get(name)
            .and_then(|attribute| attribute.int)
    }
}

/// Node attributes reqc understands; anything else is reported as unsupported.
const KNOWN_ATTRIBUTES: &[&str] = &[
    "nodes_treeids",
    "nodes_nodeids",
    "nodes_featureids",
    "nodes_modes",
    "nodes_values",
    "nodes_values_as_tensor",
    "nodes_truenodeids",
    "nodes_falsenodeids",
    "nodes_missing_value_tracks_true",
    "nodes_hitrates",
    "nodes_hitrates_as_tensor",
    "post_transform",
    "base_values",
    "base_values_as_tensor",
    "class_treeids",
    "class_nodeids",
    "class_ids",
    "class_weights",
    "class_weights_as_tensor",
    "classlabels_int64s",
    "classlabels_strings",
    "target_treeids",
    "target_nodeids",
    "target_ids",
    "target_weights",
    "target_weights_as_tensor",
    "n_targets",
    "aggregate_function",
];

fn finite_weight(value: f64, what: &str) -> Result<BigRational, ModelProblem> {
    float_to_rational(value)
        .ok_or_else(|| ModelProblem::Unsupported(format!("{what} is {value}, not a finite number")))
}

/// One tree's nodes before normalisation, keyed by node id.
struct RawNode {
    feature: i64,
    mode: String,
    threshold: f32,
    true_id: i64,
    false_id: i64,
    missing_true: bool,
    leaf: Vec<(usize, BigRational)>,
}

fn ensemble(node: &OnnxNode, declared: Option<usize>) -> Result<TreeEnsemble, ModelProblem> {
    let classifier = node.op_type == "TreeEnsembleClassifier";
    for name in node.attributes.keys() {
        if !KNOWN_ATTRIBUTES.contains(&name.as_str()) {
            return Err(ModelProblem::Unsupported(format!(
                "attribute `{name}` of {} is not supported",
                node.op_type
            )));
        }
    }
    let attributes = Attributes { node };
    let tree_ids = attributes.ints("nodes_treeids");
    let node_ids = attributes.ints("nodes_nodeids");
    let feature_ids = attributes.ints("nodes_featureids");
    let modes = attributes.strings("nodes_modes");
    let thresholds = attributes.numbers("nodes_values");
    let true_ids = attributes.ints("nodes_truenodeids");
    let false_ids = attributes.ints("nodes_falsenodeids");
    let missing = attributes.ints("nodes_missing_value_tracks_true");
    let count = tree_ids.len();
    let lengths = [
        ("nodes_nodeids", node_ids.len()),
        ("nodes_featureids", feature_ids.len()),
        ("nodes_modes", modes.len()),
        ("nodes_values", thresholds.len()),
        ("nodes_truenodeids", true_ids.len()),
        ("nodes_falsenodeids", false_ids.len()),
    ];
    for (name, length) in lengths {
        if length != count {
            return Err(ModelProblem::Malformed(format!(
                "attribute `{name}` has {length} entries but `nodes_treeids` has {count}"
            )));
        }
    }
    if !missing.is_empty() && missing.len() != count {
        return Err(ModelProblem::Malformed(format!(
            "attribute `nodes_missing_value_tracks_true` has {} entries but `nodes_treeids` has {count}",
            missing.len()
        )));
    }
    if count == 0 {
        return Err(ModelProblem::Malformed(format!(
            "{} has no nodes",
            node.op_type
        )));
    }
    let transform = match attributes.string("post_transform").as_deref() {
        None | Some("NONE") => Transform::Identity,
        Some("LOGISTIC") => Transform::Logistic,
        Some("SOFTMAX") => Transform::Softmax,
        Some(other) => {
            return Err(ModelProblem::Unsupported(format!(
                "attribute `post_transform` is `{other}`; reqc supports NONE, LOGISTIC and SOFTMAX"
            )))
        }
    };
    let mut trees: BTreeMap<i64, BTreeMap<i64, RawNode>> = BTreeMap::new();
    let mut largest_feature = 0usize;
    for index in 0..count {
        let mode = modes[index].clone();
        let known = [
            "BRANCH_LEQ",
            "BRANCH_LT",
            "BRANCH_GTE",
            "BRANCH_GT",
            "BRANCH_EQ",
            "BRANCH_NEQ",
            "LEAF",
        ];
        if !known.contains(&mode.as_str()) {
            return Err(ModelProblem::Unsupported(format!(
                "node mode `{mode}` (tree {}, node {}) is not supported; reqc reads {}",
                tree_ids[index],
                node_ids[index],
                known.join(", ")
            )));
        }
        let threshold = thresholds[index] as f32;
        if mode != "LEAF" {
            if !threshold.is_finite() {
                return Err(ModelProblem::Unsupported(format!(
                    "the threshold of tree {} node {} is {threshold}, not a finite float32",
                    tree_ids[index], node_ids[index]
                )));
            }
            let feature = usize::try_from(feature_ids[index]).map_err(|_| {
                ModelProblem::Malformed(format!(
                    "tree {} node {} reads feature {}",
                    tree_ids[index], node_ids[index], feature_ids[index]
                ))
            })?;
            if declared.is_some_and(|declared| feature >= declared) {
                return Err(ModelProblem::Malformed(format!(
                    "tree {} node {} reads feature {feature}, but the input has {} features",
                    tree_ids[index],
                    node_ids[index],
                    declared.unwrap_or_default()
                )));
            }
            largest_feature = largest_feature.max(feature + 1);
        }
        let previous = trees.entry(tree_ids[index]).or_default().insert(
            node_ids[index],
            RawNode {
                feature: feature_ids[index],
                mode,
                threshold,
                true_id: true_ids[index],
                false_id: false_ids[index],
                missing_true: missing.get(index).is_some_and(|flag| *flag != 0),
                leaf: Vec::new(),
            },
        );
        if previous.is_some() {
            return Err(ModelProblem::Malformed(format!(
                "tree {} has node {} twice",
                tree_ids[index], node_ids[index]
            )));
        }
    }
    // Leaf weights.
    let prefix = if classifier { "class" } else { "target" };
    let weight_trees = attributes.ints(&format!("{prefix}_treeids"));
    let weight_nodes = attributes.ints(&format!("{prefix}_nodeids"));
    let weight_ids = attributes.ints(&format!("{prefix}_ids"));
    let weights = attributes.numbers(&format!("{prefix}_weights"));
    if [weight_nodes.len(), weight_ids.len(), weights.len()] != [weight_trees.len(); 3] {
        return Err(ModelProblem::Malformed(format!(
            "attributes `{prefix}_treeids`, `{prefix}_nodeids`, `{prefix}_ids` and `{prefix}_weights` differ in length"
        )));
    }
    let labels: Vec<String> = if classifier {
        let integers = attributes.ints("classlabels_int64s");
        let strings = attributes.strings("classlabels_strings");
        if !integers.is_empty() {
            integers.iter().map(|label| label.to_string()).collect()
        } else {
            strings
        }
    } else {
        Vec::new()
    };
    let columns = if classifier {
        if labels.len() < 2 {
            return Err(ModelProblem::Unsupported(format!(
                "a classifier with {} class labels; reqc needs at least two",
                labels.len()
            )));
        }
        labels.len()
    } else {
        match attributes.int("n_targets") {
            Some(targets) if targets >= 1 => targets as usize,
            _ => {
                return Err(ModelProblem::Malformed(
                    "attribute `n_targets` is missing or below 1".into(),
                ))
            }
        }
    };
    let mut all_positive = true;
    let mut second_column = false;
    for index in 0..weight_trees.len() {
        let column = usize::try_from(weight_ids[index])
            .ok()
            .filter(|column| *column < columns)
            .ok_or_else(|| {
                ModelProblem::Malformed(format!(
                    "`{prefix}_ids` names output {} of {columns}",
                    weight_ids[index]
                ))
            })?;
        second_column |= column == 1;
        let value = finite_weight(weights[index], &format!("a `{prefix}_weights` entry"))?;
        all_positive &= !value.is_negative();
        let raw = trees
            .get_mut(&weight_trees[index])
            .and_then(|tree| tree.get_mut(&weight_nodes[index]))
            .ok_or_else(|| {
                ModelProblem::Malformed(format!(
                    "a weight names tree {} node {}, which does not exist",
                    weight_trees[index], weight_nodes[index]
                ))
            })?;
        if raw.mode != "LEAF" {
            return Err(ModelProblem::Malformed(format!(
                "a weight names tree {} node {}, which is not a leaf",
                weight_trees[index], weight_nodes[index]
            )));
        }
        raw.leaf.push((column, value));
    }
    let base_values = attributes.numbers("base_values");
    // The binary classifier with one stored column (skl2onnx's random forests): the column
    // holds the score of the second class. onnxruntime predicts the second class when that
    // score is > 0.5 (all weights non-negative: probabilities, reported as [1 - s, s]) or
    // > 0 (otherwise: margins), so the normal form is [1 - s, s] or [0, s].
    let single_binary = classifier && columns == 2 && !second_column;
    let mut base = vec![BigRational::zero(); columns];
    let mut implicit_first_score = false;
    if single_binary {
        match base_values.as_slice() {
            [] => {}
            [value] => base[1] = finite_weight(*value, "the base value")?,
            _ => {
                return Err(ModelProblem::Unsupported(
                    "attribute `base_values` with two values for a binary classifier that stores one score column".into(),
                ))
            }
        }
        if all_positive {
            base[0] = BigRational::one() - &base[1];
        } else {
            implicit_first_score = true;
        }
    } else if !base_values.is_empty() {
        if base_values.len() != columns || (classifier && columns == 2) {
            return Err(ModelProblem::Unsupported(format!(
                "attribute `base_values` with {} values for {columns} outputs",
                base_values.len()
            )));
        }
        for (slot, value) in base.iter_mut().zip(&base_values) {
            *slot = finite_weight(*value, "a base value")?;
        }
    }
    let mut normalised = Vec::with_capacity(trees.len());
    for (tree_id, raw_nodes) in &trees {
        let mut tree = normalise(*tree_id, raw_nodes)?;
        if single_binary {
            for node in &mut tree.nodes {
                if let Node::Leaf(values) = node {
                    let mut moved = Vec::new();
                    for (_, value) in values.drain(..) {
                        if all_positive {
                            moved.push((0, -value.clone()));
                        }
                        moved.push((1, value));
                    }
                    *values = moved;
                }
            }
        }
        normalised.push(tree);
    }
    let scale = match attributes.string("aggregate_function").as_deref() {
        None | Some("SUM") => BigRational::one(),
        Some("AVERAGE") if !classifier => {
            BigRational::new(1.into(), (normalised.len() as i64).into())
        }
        Some(other) => {
            return Err(ModelProblem::Unsupported(format!(
                "attribute `aggregate_function` is `{other}`; reqc supports SUM and AVERAGE"
            )))
        }
    };
    if !classifier && transform != Transform::Identity {
        return Err(ModelProblem::Unsupported(format!(
            "attribute `post_transform` is `{}` on a regressor; reqc supports NONE there",
            attributes.string("post_transform").unwrap_or_default()
        )));
    }
    Ok(TreeEnsemble {
        features: declared.unwrap_or(largest_feature).max(1),
        outputs: columns,
        task: if classifier {
            Task::Classification { labels }
        } else {
            Task::Regression
        },
        trees: normalised,
        scale,
        base,
        transform,
        implicit_first_score,
    })
}

/// One tree in normal form: the root first, every split `x < cut`.
fn normalise(tree_id: i64, raw: &BTreeMap<i64, RawNode>) -> Result<Tree, ModelProblem> {
    // A tree: no node points to itself, every node has at most one parent, and (below)
    // every node is reachable from the one root. Nodes off the root's paths would be
    // ignored silently, and a self-loop would hide the subtree it replaced.
    let mut parents: BTreeMap<i64, usize> = BTreeMap::new();
    for (id, node) in raw {
        if node.mode != "LEAF" {
            if node.true_id == *id || node.false_id == *id {
                return Err(ModelProblem::Malformed(format!(
                    "tree {tree_id}: node {id} points to itself"
                )));
            }
            for child in [node.true_id, node.false_id] {
                *parents.entry(child).or_default() += 1;
            }
        }
    }
    if let Some((child, _)) = parents.iter().find(|(_, count)| **count > 1) {
        return Err(ModelProblem::Malformed(format!(
            "tree {tree_id}: node {child} is the child of more than one node"
        )));
    }
    let referenced: std::collections::BTreeSet<i64> = parents.keys().copied().collect();
    let roots: Vec<i64> = raw
        .keys()
        .copied()
        .filter(|id| !referenced.contains(id))
        .collect();
    let [root] = roots.as_slice() else {
        return Err(ModelProblem::Malformed(format!(
            "tree {tree_id} has {} roots (nodes no other node points to); a tree has one",
            roots.len()
        )));
    };
    let mut nodes: Vec<Node> = Vec::new();
    let mut index_of: BTreeMap<i64, usize> = BTreeMap::new();
    // Iterative depth-first construction; a child id that does not exist or a cycle is an error.
    let mut order = vec![*root];
    let mut visiting = std::collections::BTreeSet::new();
    while let Some(&id) = order.last() {
        if index_of.contains_key(&id) {
            order.pop();
            continue;
        }
        let node = raw.get(&id).ok_or_else(|| {
            ModelProblem::Malformed(format!(
                "tree {tree_id} points to node {id}, which does not exist"
            ))
        })?;
        if node.mode == "LEAF" {
            index_of.insert(id, nodes.len());
            nodes.push(Node::Leaf(node.leaf.clone()));
            order.pop();
            continue;
        }
        let pending: Vec<i64> = [node.true_id, node.false_id]
            .into_iter()
            .filter(|child| !index_of.contains_key(child))
            .collect();
        if !pending.is_empty() {
            if !visiting.insert(id) {
                return Err(ModelProblem::Malformed(format!(
                    "tree {tree_id} has a cycle through node {id}"
                )));
            }
            order.extend(pending);
            continue;
        }
        order.pop();
        let true_index = index_of[&node.true_id];
        let false_index = index_of[&node.false_id];
        let feature = node.feature as usize;
        let threshold = node.threshold;
        let missing = node.missing_true;
        let split = |cut: f32, true_below: bool| Node::Split {
            feature,
            cut,
            below: if true_below { true_index } else { false_index },
            above: if true_below { false_index } else { true_index },
            missing_below: if true_below { missing } else { !missing },
        };
        let made = match node.mode.as_str() {
            "BRANCH_LEQ" => split(next_up(threshold), true),
            "BRANCH_LT" => split(threshold, true),
            "BRANCH_GTE" => split(threshold, false),
            "BRANCH_GT" => split(next_up(threshold), false),
            equality => {
                // x == t is `x >= t and x < nextUp(t)`: two splits, the second shared.
                let inner = nodes.len();
                let equal = equality == "BRANCH_EQ";
                let (on, off) = if equal {
                    (true_index, false_index)
                } else {
                    (false_index, true_index)
                };
                nodes.push(Node::Split {
                    feature,
                    cut: next_up(threshold),
                    below: on,
                    above: off,
                    missing_below: missing == equal,
                });
                Node::Split {
                    feature,
                    cut: threshold,
                    below: off,
                    above: inner,
                    missing_below: missing != equal,
                }
            }
        };
        index_of.insert(id, nodes.len());
        nodes.push(made);
    }
    if index_of.len() < raw.len() {
        let unreachable: Vec<String> = raw
            .keys()
            .filter(|id| !index_of.contains_key(id))
            .map(|id| id.to_string())
            .collect();
        return Err(ModelProblem::Malformed(format!(
            "tree {tree_id}: node{} {} cannot be reached from the root {root}",
            if unreachable.len() == 1 { "" } else { "s" },
            unreachable.join(", ")
        )));
    }
    // Put the root first by reversing the construction order (children were built first).
    let total = nodes.len();
    let remap = |index: usize| total - 1 - index;
    let mut reordered: Vec<Node> = nodes
        .into_iter()
        .rev()
        .map(|node| match node {
            Node::Split {
                feature,
                cut,
                below,
                above,
                missing_below,
            } => Node::Split {
                feature,
                cut,
                below: remap(below),
                above: remap(above),
                missing_below,
            },
            leaf => leaf,
        })
        .collect();
    reordered.shrink_to_fit();
    debug_assert_eq!(remap(index_of[root]), 0);
    Ok(Tree { nodes: reordered })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(true_id: i64, false_id: i64) -> RawNode {
        RawNode {
            feature: 0,
            mode: "BRANCH_LT".to_string(),
            threshold: 0.5,
            true_id,
            false_id,
            missing_true: false,
            leaf: Vec::new(),
        }
    }

    fn leaf() -> RawNode {
        RawNode {
            feature: 0,
            mode: "LEAF".to_string(),
            threshold: 0.0,
            true_id: 0,
            false_id: 0,
            missing_true: false,
            leaf: vec![(0, BigRational::from_integer(1.into()))],
        }
    }

    fn problem(nodes: Vec<(i64, RawNode)>) -> String {
        let raw: BTreeMap<i64, RawNode> = nodes.into_iter().collect();
        match normalise(3, &raw) {
            Err(ModelProblem::Malformed(message)) => message,
            other => panic!(
                "not refused as malformed: {:?}",
                other.map(|tree| tree.nodes.len())
            ),
        }
    }

    #[test]
    fn trees_are_validated_as_trees_reachable_or_not() {
        let good: BTreeMap<i64, RawNode> = [(0, split(1, 2)), (1, leaf()), (2, leaf())]
            .into_iter()
            .collect();
        assert_eq!(normalise(3, &good).expect("a tree").nodes.len(), 3);
        // The reproducer of issue 16: the root's true child set to the root itself.
        assert_eq!(
            problem(vec![(0, split(0, 2)), (1, leaf()), (2, leaf())]),
            "tree 3: node 0 points to itself"
        );
        // A node pointing to an ancestor, off the path from the root.
        assert_eq!(
            problem(vec![
                (0, split(1, 2)),
                (1, leaf()),
                (2, leaf()),
                (3, split(4, 5)),
                (4, leaf()),
                (5, split(3, 4)),
            ]),
            "tree 3: node 4 is the child of more than one node"
        );
        // A cycle with no way in from the root.
        assert_eq!(
            problem(vec![
                (0, split(1, 2)),
                (1, leaf()),
                (2, leaf()),
                (3, split(5, 6)),
                (5, split(3, 6)),
                (6, leaf()),
            ]),
            "tree 3: node 6 is the child of more than one node"
        );
        assert_eq!(
            problem(vec![
                (0, split(1, 2)),
                (1, leaf()),
                (2, leaf()),
                (3, split(5, 7)),
                (5, split(3, 6)),
                (6, leaf()),
                (7, leaf()),
            ]),
            "tree 3: nodes 3, 5, 6, 7 cannot be reached from the root 0"
        );
    }
}
