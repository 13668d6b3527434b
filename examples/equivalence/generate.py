"""Generates the committed models of examples/equivalence and the predictions reqc's tests
compare against.

Run from the repository root: python3 examples/equivalence/generate.py
Needs scikit-learn, skl2onnx and onnx; onnxruntime and xgboost add recorded predictions.

Models (4 features, binary classification, make_classification with 300 samples):
- forest.onnx:   a random forest of 9 fully grown trees (pure leaves).
- pruned.onnx:   its first 5 trees: a pruned copy that differs somewhere.
- twins.onnx:    the 9 trees plus a fully grown tree and its label-flipped twin: the
                 pair adds exactly one vote for each class, so with an odd number of trees
                 (9 and 11) the predicted class never changes: equivalent, not identical.
- boosted.json:  an XGBoost binary:logistic model (base_score 0.5), and boosted_more.json
                 with more rounds (they differ).
- regressor.onnx, regressor_pruned.onnx: a regression forest of 5 trees (depth 3) and
                 its first 3 trees; regression_predictions.csv holds scikit-learn's
                 predictions on the same points.
- boundary_leq.onnx, boundary_lt.onnx, boundary_lt_next.onnx: one split on x_0 at the
                 float32 nearest 0.1 (t), as `x <= t`, `x < t` and `x < nextUp(t)`. In
                 float32 the first and third are equivalent, and the first two differ at
                 exactly one input, x_0 = t.
predictions.csv: points (random ones in the box, and points exactly on and next to
float32 thresholds) with scikit-learn's, onnxruntime's and xgboost's predictions.

Networks (4 features, 3 classes, MLPClassifier with hidden layers of 8 and 6 ReLUs):
- network.onnx:          the trained network.
- network_pruned.onnx:   its magnitude-pruned copy (the 40% smallest weights set to 0):
                         differs somewhere.
- network_permuted.onnx: the hidden units of both layers permuted (rows and columns of
                         the weights moved together): the same function, other bytes.
- network_rescaled.onnx: every unit of the first hidden layer scaled by 2 and its
                         outgoing weights by 1/2 (ReLU is positively homogeneous, and
                         powers of two are exact in float32): the same function, with
                         no neuron in common, so only the solver can prove it.
- network_regressor.onnx, network_regressor_pruned.onnx: an MLPRegressor (one hidden
                         layer of 6 ReLUs, no Softmax) and its magnitude-pruned copy.
Three-class forests (4 features, make_classification with 300 samples):
- forest3.onnx:           a random forest of 7 fully grown trees (pure leaves).
- rotations3.onnx:        the 7 trees plus a fully grown tree and its two label rotations:
                          at every input the three land in leaves of the same place and
                          give each class one vote, so the class never changes:
                          equivalent (reqc proves it by algebra, summing trees of one
                          shape leaf by leaf).
- rotation3_partial.onnx: the 7 trees plus the tree and only one rotation: differs.

network_predictions.csv: random points of the data box and points between training
samples, with onnxruntime's labels and the float32 logits (the input of the final
Softmax) of each network, and the regressors' outputs, written as float64 decimals that
are exactly the float32s.
"""
import copy
import csv
import os

import numpy as np
import onnx
from sklearn.datasets import make_classification
from sklearn.ensemble import RandomForestClassifier
from sklearn.tree import DecisionTreeClassifier
from skl2onnx import to_onnx

HERE = os.path.dirname(os.path.abspath(__file__))
FEATURES = 4


def convert(model, X, name):
    onx = to_onnx(model, X[:1], options={id(model): {"zipmap": False}},
                  target_opset={"": 17, "ai.onnx.ml": 3})
    onx.producer_name = "reqc examples/equivalence/generate.py"
    path = os.path.join(HERE, name)
    with open(path, "wb") as handle:
        handle.write(onx.SerializeToString())
    return path


def thresholds(forest):
    found = set()
    for tree in forest.estimators_:
        t = tree.tree_
        for node in range(t.node_count):
            if t.children_left[node] != t.children_right[node]:
                found.add((int(t.feature[node]), float(t.threshold[node])))
    return sorted(found)


def single_split(name, mode, threshold):
    """A binary classifier with one split on x_0: class 1 when the split is true."""
    from onnx import TensorProto, helper
    node = helper.make_node(
        "TreeEnsembleClassifier", ["X"], ["label", "probabilities"], domain="ai.onnx.ml",
        nodes_treeids=[0, 0, 0], nodes_nodeids=[0, 1, 2], nodes_featureids=[0, 0, 0],
        nodes_modes=[mode, "LEAF", "LEAF"], nodes_values=[float(threshold), 0.0, 0.0],
        nodes_truenodeids=[1, 0, 0], nodes_falsenodeids=[2, 0, 0],
        class_treeids=[0, 0, 0, 0], class_nodeids=[1, 1, 2, 2], class_ids=[0, 1, 0, 1],
        class_weights=[0.0, 1.0, 1.0, 0.0], classlabels_int64s=[0, 1], post_transform="NONE")
    graph = helper.make_graph(
        [node], name,
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, FEATURES])],
        [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
         helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17),
                                                    helper.make_opsetid("ai.onnx.ml", 3)],
                              ir_version=8)
    model.producer_name = "reqc examples/equivalence/generate.py"
    with open(os.path.join(HERE, f"{name}.onnx"), "wb") as handle:
        handle.write(model.SerializeToString())


def main():
    t = np.float32(0.1)
    single_split("boundary_leq", "BRANCH_LEQ", t)
    single_split("boundary_lt", "BRANCH_LT", t)
    single_split("boundary_lt_next", "BRANCH_LT", np.nextafter(t, np.float32(1)))
    X, y = make_classification(n_samples=300, n_features=FEATURES, n_informative=3,
                               n_redundant=0, random_state=7)
    X = X.astype(np.float32)
    forest = RandomForestClassifier(n_estimators=9, random_state=7).fit(X, y)
    pruned = copy.deepcopy(forest)
    pruned.estimators_ = forest.estimators_[:5]
    pruned.n_estimators = 5
    extra = DecisionTreeClassifier(random_state=11).fit(X[::2], y[::2])
    flipped = copy.deepcopy(extra)
    flipped.tree_.value[:, 0, :] = flipped.tree_.value[:, 0, ::-1]
    twins = copy.deepcopy(forest)
    twins.estimators_ = list(forest.estimators_) + [extra, flipped]
    twins.n_estimators = 11
    models = {"forest": forest, "pruned": pruned, "twins": twins}
    for name, model in models.items():
        convert(model, X, f"{name}.onnx")

    # Points: random ones in the box, and on and beside every float32 threshold.
    low, high = X.min(axis=0), X.max(axis=0)
    rng = np.random.default_rng(3)
    points = [rng.uniform(low, high).astype(np.float32) for _ in range(300)]
    base = X[0].copy()
    for feature, threshold in thresholds(forest)[:150]:
        for value in (np.float32(threshold),
                      np.nextafter(np.float32(threshold), np.float32(np.inf))):
            point = base.copy()
            point[feature] = value
            points.append(point)
    # On, just below and just above the boundary models' threshold.
    t = np.float32(0.1)
    for value in (t, np.nextafter(t, np.float32(-1)), np.nextafter(t, np.float32(1)), np.float32(0.1 + 1e-9)):
        point = base.copy()
        point[0] = value
        points.append(point)
    points = np.array(points, dtype=np.float32)

    columns = {}
    for name, model in models.items():
        columns[f"sklearn_{name}"] = model.predict(points)
    try:
        import onnxruntime
        for name in models:
            session = onnxruntime.InferenceSession(os.path.join(HERE, f"{name}.onnx"),
                                                   providers=["CPUExecutionProvider"])
            label, _ = session.run(None, {"X": points})
            columns[f"onnxruntime_{name}"] = label
        for name in ("boundary_leq", "boundary_lt", "boundary_lt_next"):
            session = onnxruntime.InferenceSession(os.path.join(HERE, f"{name}.onnx"),
                                                   providers=["CPUExecutionProvider"])
            label, _ = session.run(None, {"X": points})
            columns[f"onnxruntime_{name}"] = label
    except ImportError:
        print("onnxruntime is not installed: no onnxruntime predictions recorded")
    try:
        import xgboost
        for name, rounds in (("boosted", 4), ("boosted_more", 6)):
            booster = xgboost.XGBClassifier(n_estimators=rounds, max_depth=3, base_score=0.5,
                                            learning_rate=0.5, random_state=0)
            booster.fit(X, y)
            booster.get_booster().save_model(os.path.join(HERE, f"{name}.json"))
            columns[f"xgboost_{name}"] = booster.predict(points)
    except ImportError:
        print("xgboost is not installed: no XGBoost models written")

    # Regressors: a forest of 5 trees on a continuous target and its first 3 trees.
    from sklearn.ensemble import RandomForestRegressor
    target = X[:, 0] * 2.0 + X[:, 1]
    regressor = RandomForestRegressor(n_estimators=5, max_depth=3, random_state=7).fit(X, target)
    regressor_pruned = copy.deepcopy(regressor)
    regressor_pruned.estimators_ = regressor.estimators_[:3]
    regressor_pruned.n_estimators = 3
    for name, model in (("regressor", regressor), ("regressor_pruned", regressor_pruned)):
        onx = to_onnx(model, X[:1], target_opset={"": 17, "ai.onnx.ml": 3})
        with open(os.path.join(HERE, f"{name}.onnx"), "wb") as handle:
            handle.write(onx.SerializeToString())
    with open(os.path.join(HERE, "regression_predictions.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f"x_{k}" for k in range(FEATURES)] + ["sklearn_regressor", "sklearn_regressor_pruned"])
        a, b = regressor.predict(points), regressor_pruned.predict(points)
        for row, point in enumerate(points):
            writer.writerow([repr(float(v)) for v in point] + [repr(float(a[row])), repr(float(b[row]))])

    with open(os.path.join(HERE, "predictions.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        names = sorted(columns)
        writer.writerow([f"x_{k}" for k in range(FEATURES)] + names)
        for row, point in enumerate(points):
            # repr of a float32 widened to float64 is exact and round-trips.
            writer.writerow([repr(float(v)) for v in point] + [int(columns[n][row]) for n in names])
    with open(os.path.join(HERE, "train.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f"x_{k}" for k in range(FEATURES)])
        for point in X:
            writer.writerow([repr(float(v)) for v in point])


def three_classes():
    X, y = make_classification(n_samples=300, n_features=FEATURES, n_informative=3,
                               n_redundant=0, n_classes=3, n_clusters_per_class=1,
                               random_state=7)
    X = X.astype(np.float32)
    forest = RandomForestClassifier(n_estimators=7, random_state=7).fit(X, y)
    extra = DecisionTreeClassifier(random_state=11).fit(X[::2], y[::2])
    rotations = []
    for shift in (1, 2):
        rotated = copy.deepcopy(extra)
        rotated.tree_.value[:, 0, :] = np.roll(extra.tree_.value[:, 0, :], shift, axis=1)
        rotations.append(rotated)
    for name, added in (("rotations3", [extra] + rotations), ("rotation3_partial", [extra, rotations[0]])):
        model = copy.deepcopy(forest)
        model.estimators_ = list(forest.estimators_) + added
        model.n_estimators = len(model.estimators_)
        convert(model, X, f"{name}.onnx")
    convert(forest, X, "forest3.onnx")
    with open(os.path.join(HERE, "train3.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f"x_{k}" for k in range(FEATURES)])
        writer.writerows([[repr(float(value)) for value in row] for row in X])


def networks():
    from sklearn.neural_network import MLPClassifier
    X, y = make_classification(n_samples=300, n_features=FEATURES, n_informative=3,
                               n_redundant=0, n_classes=3, n_clusters_per_class=1,
                               random_state=5)
    X = X.astype(np.float32)
    network = MLPClassifier(hidden_layer_sizes=(8, 6), max_iter=3000,
                            random_state=0).fit(X, y)
    pruned = copy.deepcopy(network)
    everything = np.concatenate([np.abs(w).ravel() for w in pruned.coefs_])
    cut = np.quantile(everything, 0.4)
    for w in pruned.coefs_:
        w[np.abs(w) < cut] = 0.0
    permuted = copy.deepcopy(network)
    rng = np.random.default_rng(1)
    for layer in range(len(permuted.coefs_) - 1):
        order = rng.permutation(permuted.coefs_[layer].shape[1])
        permuted.coefs_[layer] = permuted.coefs_[layer][:, order]
        permuted.intercepts_[layer] = permuted.intercepts_[layer][order]
        permuted.coefs_[layer + 1] = permuted.coefs_[layer + 1][order, :]
    rescaled = copy.deepcopy(network)
    # Round to float32 first, so that scaling by 2 and 1/2 stays exact.
    rescaled.coefs_ = [w.astype(np.float32).astype(np.float64) for w in rescaled.coefs_]
    rescaled.intercepts_ = [b.astype(np.float32).astype(np.float64)
                            for b in rescaled.intercepts_]
    rescaled.coefs_[0] = rescaled.coefs_[0] * 2.0
    rescaled.intercepts_[0] = rescaled.intercepts_[0] * 2.0
    rescaled.coefs_[1] = rescaled.coefs_[1] * 0.5
    models = {"network": network, "network_pruned": pruned,
              "network_permuted": permuted, "network_rescaled": rescaled}
    for name, model in models.items():
        convert(model, X, f"{name}.onnx")
    from sklearn.neural_network import MLPRegressor
    regressor = MLPRegressor(hidden_layer_sizes=(6,), max_iter=3000, random_state=0).fit(
        X, X[:, 0] * 2.0 - X[:, 1])
    regressor_pruned = copy.deepcopy(regressor)
    for w in regressor_pruned.coefs_:
        w[np.abs(w) < np.quantile(np.abs(w), 0.3)] = 0.0
    regressors = {"network_regressor": regressor,
                  "network_regressor_pruned": regressor_pruned}
    for name, model in regressors.items():
        onx = to_onnx(model, X[:1], target_opset={"": 17})
        with open(os.path.join(HERE, f"{name}.onnx"), "wb") as handle:
            handle.write(onx.SerializeToString())
    low, high = X.min(axis=0), X.max(axis=0)
    rng = np.random.default_rng(4)
    points = [rng.uniform(low, high).astype(np.float32) for _ in range(200)]
    for a, b in zip(X[:100:2], X[1:100:2]):
        points.append(((a + b) / 2).astype(np.float32))
    points = np.array(points, dtype=np.float32)
    columns = {}
    try:
        import onnxruntime
    except ImportError:
        print("onnxruntime is not installed: no network predictions recorded")
        return
    for name in models:
        # The recorded logits come from the same file with the Softmax input added as a
        # graph output (a copy in memory; the committed file is unchanged).
        onx = onnx.load(os.path.join(HERE, f"{name}.onnx"))
        softmax = next(node for node in onx.graph.node if node.op_type == "Softmax")
        onx.graph.output.append(onnx.helper.make_tensor_value_info(
            softmax.input[0], onnx.TensorProto.FLOAT, [None, 3]))
        session = onnxruntime.InferenceSession(onx.SerializeToString(),
                                               providers=["CPUExecutionProvider"])
        names = [output.name for output in session.get_outputs()]
        outputs = dict(zip(names, session.run(None, {"X": points})))
        columns[f"onnxruntime_{name}"] = outputs["label"]
        for k in range(3):
            columns[f"logit{k}_{name}"] = outputs[softmax.input[0]][:, k]
    for name in regressors:
        session = onnxruntime.InferenceSession(os.path.join(HERE, f"{name}.onnx"),
                                               providers=["CPUExecutionProvider"])
        columns[f"logit0_{name}"] = session.run(None, {"X": points})[0][:, 0]
    with open(os.path.join(HERE, "network_predictions.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        names = sorted(columns)
        writer.writerow([f"x_{k}" for k in range(FEATURES)] + names)
        for row, point in enumerate(points):
            writer.writerow([repr(float(v)) for v in point]
                            + [repr(float(columns[n][row])) if n.startswith("logit")
                               else int(columns[n][row]) for n in names])
    with open(os.path.join(HERE, "network_train.csv"), "w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow([f"x_{k}" for k in range(FEATURES)])
        for point in X:
            writer.writerow([repr(float(v)) for v in point])


if __name__ == "__main__":
    main()
    three_classes()
    networks()
