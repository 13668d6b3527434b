//! Reading XGBoost models saved as JSON (`Booster.save_model("model.json")`), gbtree
//! boosters with numerical splits, into the normal form of [`super::trees`].
//!
//! XGBoost sends `x` to the left child when the float32 input `x < split_condition`
//! (strict), a missing input along `default_left`, and a leaf's value is its
//! `split_conditions` entry (float32). The margin of output `k` is the base margin plus the
//! leaves of the trees whose `tree_info` is `k`.

use super::trees::{Node, Task, Transform, Tree, TreeEnsemble};
use super::ModelProblem;
use crate::number::{float_to_rational, parse_decimal, rational_to_float, FloatFormat, Rounding};
use num_rational::BigRational;
use num_traits::{One, Zero};
use serde_json::Value;

fn malformed(message: impl Into<String>) -> ModelProblem {
    ModelProblem::Malformed(message.into())
}

/// A JSON number or numeric string (XGBoost writes parameters as strings, `"5E-1"`)
/// rounded once, exactly, to float32.
fn float32(value: &Value, what: &str) -> Result<f32, ModelProblem> {
    let text = match value {
        Value::String(text) => text.trim().to_string(),
        Value::Number(number) => number.to_string(),
        _ => return Err(malformed(format!("{what} is not a number"))),
    };
    let (negative, magnitude) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.as_str()),
    };
    let exact = parse_decimal(magnitude)
        .ok_or_else(|| malformed(format!("{what} is `{text}`, not a decimal number")))?;
    let rounded = rational_to_float(&exact, FloatFormat::F32, Rounding::NearestEven) as f32;
    if !rounded.is_finite() {
        return Err(ModelProblem::Unsupported(format!(
            "{what} is `{text}`, beyond float32"
        )));
    }
    Ok(if negative { -rounded } else { rounded })
}

fn get<'a>(value: &'a Value, path: &[&str]) -> Result<&'a Value, ModelProblem> {
    let mut current = value;
    for (depth, key) in path.iter().enumerate() {
        current = current.get(key).ok_or_else(|| {
            malformed(format!(
                "not an XGBoost model: `{}` is missing",
                path[..=depth].join(".")
            ))
        })?;
    }
    Ok(current)
}

fn integer(value: &Value, what: &str) -> Result<i64, ModelProblem> {
    match value {
        Value::Number(number) => number.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        Value::Bool(flag) => Some(i64::from(*flag)),
        _ => None,
    }
    .ok_or_else(|| malformed(format!("{what} is not an integer")))
}

fn array<'a>(value: &'a Value, what: &str) -> Result<&'a Vec<Value>, ModelProblem> {
    value
        .as_array()
        .ok_or_else(|| malformed(format!("{what} is not a list")))
}

/// Reads the text of an XGBoost JSON model.
pub fn read(text: &str) -> Result<TreeEnsemble, ModelProblem> {
    let root: Value =
        serde_json::from_str(text).map_err(|error| malformed(format!("not JSON: {error}")))?;
    let learner = get(&root, &["learner"])?;
    let booster = get(learner, &["gradient_booster"])?;
    let name = get(booster, &["name"])?.as_str().unwrap_or_default();
    if name != "gbtree" {
        return Err(ModelProblem::Unsupported(format!(
            "booster `{name}`; reqc reads `gbtree` (dart and gblinear are not supported)"
        )));
    }
    let objective = get(learner, &["objective", "name"])?
        .as_str()
        .unwrap_or_default()
        .to_string();
    let parameters = get(learner, &["learner_model_param"])?;
    let features = integer(get(parameters, &["num_feature"])?, "num_feature")?;
    let classes = integer(get(parameters, &["num_class"])?, "num_class")?;
    let features = usize::try_from(features)
        .ok()
        .filter(|features| *features >= 1)
        .ok_or_else(|| malformed("num_feature is below 1"))?;
    let (task, outputs, transform, implicit_first_score) = match objective.as_str() {
        "reg:squarederror" | "reg:absoluteerror" | "reg:pseudohubererror" => {
            (Task::Regression, 1, Transform::Identity, false)
        }
        "binary:logistic" | "binary:logitraw" => (
            Task::Classification {
                labels: vec!["0".into(), "1".into()],
            },
            2,
            if objective == "binary:logistic" {
                Transform::Logistic
            } else {
                Transform::Identity
            },
            true,
        ),
        "multi:softprob" | "multi:softmax" if classes >= 2 => (
            Task::Classification {
                labels: (0..classes).map(|label| label.to_string()).collect(),
            },
            classes as usize,
            Transform::Softmax,
            false,
        ),
        other => {
            return Err(ModelProblem::Unsupported(format!(
                "objective `{other}`; reqc reads reg:squarederror, reg:absoluteerror, reg:pseudohubererror, binary:logistic, binary:logitraw, multi:softprob and multi:softmax"
            )))
        }
    };
    // The base score, in the objective's output space, one value or one per output.
    let base_text = get(parameters, &["base_score"])?;
    let base_values: Vec<f32> = match base_text {
        Value::String(text) if text.trim().starts_with('[') => {
            let inner = text.trim().trim_start_matches('[').trim_end_matches(']');
            inner
                .split(',')
                .map(|part| float32(&Value::String(part.to_string()), "base_score"))
                .collect::<Result<_, _>>()?
        }
        other => vec![float32(other, "base_score")?],
    };
    let score_columns = if implicit_first_score { 1 } else { outputs };
    let base_values: Vec<f32> = match base_values.len() {
        1 => vec![base_values[0]; score_columns],
        length if length == score_columns => base_values,
        length => {
            return Err(malformed(format!(
                "base_score has {length} values for {score_columns} outputs"
            )))
        }
    };
    let mut base = vec![BigRational::zero(); outputs];
    for (column, value) in base_values.iter().enumerate() {
        // binary:logistic stores a probability: the margin is its logit, which XGBoost
        // computes in float32; reqc takes the float32 nearest the exact logit.
        let margin = if objective == "binary:logistic" {
            if !(*value > 0.0 && *value < 1.0) {
                return Err(malformed(format!(
                    "base_score {value} is not a probability strictly between 0 and 1"
                )));
            }
            let probability = f64::from(*value);
            (-(1.0 / probability - 1.0).ln()) as f32
        } else {
            *value
        };
        let slot = if implicit_first_score { 1 } else { column };
        base[slot] = float_to_rational(f64::from(margin)).expect("finite");
    }
    let model = get(booster, &["model"])?;
    let trees = array(get(model, &["trees"])?, "trees")?;
    let info = array(get(model, &["tree_info"])?, "tree_info")?;
    if info.len() != trees.len() {
        return Err(malformed(format!(
            "tree_info has {} entries for {} trees",
            info.len(),
            trees.len()
        )));
    }
    let mut normalised = Vec::with_capacity(trees.len());
    for (index, (tree, group)) in trees.iter().zip(info).enumerate() {
        let group = usize::try_from(integer(group, "a tree_info entry")?)
            .ok()
            .filter(|group| *group < score_columns)
            .ok_or_else(|| malformed(format!("tree {index} belongs to a missing output")))?;
        let column = if implicit_first_score { 1 } else { group };
        normalised.push(read_tree(tree, index, column, features)?);
    }
    Ok(TreeEnsemble {
        features,
        outputs,
        task,
        trees: normalised,
        scale: BigRational::one(),
        base,
        transform,
        implicit_first_score,
    })
}

fn read_tree(
    tree: &Value,
    index: usize,
    column: usize,
    features: usize,
) -> Result<Tree, ModelProblem> {
    let list = |key: &str| array(get(tree, &[key])?, &format!("tree {index} `{key}`"));
    let left = list("left_children")?;
    let right = list("right_children")?;
    let conditions = list("split_conditions")?;
    let indices = list("split_indices")?;
    let default_left = list("default_left")?;
    let count = left.len();
    if [
        right.len(),
        conditions.len(),
        indices.len(),
        default_left.len(),
    ] != [count; 4]
        || count == 0
    {
        return Err(malformed(format!(
            "tree {index}: its node lists differ in length or are empty"
        )));
    }
    if let Some(types) = tree.get("split_type").and_then(Value::as_array) {
        if types.iter().any(|kind| kind.as_i64().unwrap_or(0) != 0) {
            return Err(ModelProblem::Unsupported(format!(
                "tree {index} has categorical splits (split_type 1); reqc reads numerical splits"
            )));
        }
    }
    // A tree: every node but the root has exactly one parent (children follow their
    // parent, so there is no cycle, but a node could be shared or left unreachable).
    let mut parents = vec![0usize; count];
    for node in 0..count {
        for side in [&left[node], &right[node]] {
            if let Some(child) = side.as_i64().and_then(|child| usize::try_from(child).ok()) {
                if let Some(slot) = parents.get_mut(child) {
                    *slot += 1;
                }
            }
        }
    }
    if let Some(node) = (1..count).find(|node| parents[*node] != 1) {
        return Err(malformed(format!(
            "tree {index} node {node} has {} parents; every node but the root has one",
            parents[node]
        )));
    }
    let mut nodes = Vec::with_capacity(count);
    for node in 0..count {
        let child = |value: &Value| -> Result<i64, ModelProblem> {
            integer(value, &format!("tree {index} node {node}'s child"))
        };
        let (low, high) = (child(&left[node])?, child(&right[node])?);
        if low == -1 {
            let value = float32(&conditions[node], &format!("tree {index} leaf {node}"))?;
            let exact = float_to_rational(f64::from(value)).expect("finite");
            nodes.push(Node::Leaf(vec![(column, exact)]));
            continue;
        }
        let valid = |child: i64| {
            usize::try_from(child)
                .ok()
                .filter(|child| *child > node && *child < count)
        };
        let (Some(below), Some(above)) = (valid(low), valid(high)) else {
            return Err(malformed(format!(
                "tree {index} node {node} has children {low} and {high}; children follow their parent"
            )));
        };
        let feature = usize::try_from(integer(&indices[node], "a split index")?)
            .ok()
            .filter(|feature| *feature < features)
            .ok_or_else(|| {
                malformed(format!(
                    "tree {index} node {node} splits a feature beyond num_feature {features}"
                ))
            })?;
        nodes.push(Node::Split {
            feature,
            cut: float32(&conditions[node], &format!("tree {index} node {node}"))?,
            below,
            above,
            missing_below: integer(&default_left[node], "default_left")? != 0,
        });
    }
    Ok(Tree { nodes })
}

#[cfg(test)]
mod tree_tests {
    use super::*;

    fn tree(left: &[i64], right: &[i64]) -> Value {
        let count = left.len();
        serde_json::json!({
            "left_children": left,
            "right_children": right,
            "split_conditions": vec![0.5; count],
            "split_indices": vec![0; count],
            "default_left": vec![0; count],
        })
    }

    #[test]
    fn trees_are_validated_as_trees() {
        assert!(read_tree(&tree(&[1, -1, -1], &[2, -1, -1]), 0, 0, 1).is_ok());
        // Node 2 shared by nodes 0 and 1, and node 3 reachable from nowhere.
        for (left, right, node, parents) in [
            (vec![1, 2, -1], vec![2, 2, -1], 2, 3),
            (vec![1, -1, -1, -1], vec![2, -1, -1, -1], 3, 0),
        ] {
            match read_tree(&tree(&left, &right), 4, 0, 1) {
                Err(ModelProblem::Malformed(message)) => assert_eq!(
                    message,
                    format!(
                        "tree 4 node {node} has {parents} parents; every node but the root has one"
                    )
                ),
                other => panic!("accepted: {:?}", other.map(|tree| tree.nodes.len())),
            }
        }
    }
}
