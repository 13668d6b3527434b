"""Pairs of forests for `cargo bench --bench equivalence`, and the seed's approach as the
baseline: nested if-then-else terms over real inputs through Z3's Python API.

    python3 benches/equivalence_seed.py generate DIRECTORY [--smoke]
    python3 benches/equivalence_seed.py baseline DIRECTORY [--timeout SECONDS] [--smoke]

`generate` trains random forests of 10, 50 and 100 trees with depth 4, 8 and unbounded on
make_classification (2,000 samples, 10 features, two classes), and three-class forests
of 10 trees of depth 4, 30 of depth 8 and 50 of depth 10, and writes, per configuration,
three ONNX models (skl2onnx, float32 thresholds and weights):
- NAME_left.onnx:       the forest;
- NAME_pruned.onnx:     its first half of trees (differs from the forest somewhere);
- NAME_equivalent.onnx: the same trees with the same weights plus a fully grown tree and
                        its label rotations (for two classes, its label-flipped twin;
                        together one extra vote of weight w for every class at every
                        input; with two classes, base value -w, so the score equals the
                        forest's exactly): equivalent, not identical.
and domain.json (two classes) and domain_classes3.json, the per-feature [min, max] box of
the training data.

`baseline` reads those files and, per pair, builds the seed's encoding: one z3 Real per
feature bounded by the box, each tree a nested If(x[f] <= t, ..., ...) whose leaves are
the exact leaf weights (soft vote, so both tools answer the same question: onnxruntime's
binary rule, class 1 iff score > 0.5), and asks for an input where the classes differ.
With three classes the question is the same as reqc's: an input where the first largest
score of one forest is not the other's. It prints one JSON line per pair: name, pair, answer (proved / counterexample / unknown)
and seconds (building plus solving).
"""
import json
import os
import sys
import time
from fractions import Fraction

# (trees, depth, classes): binary forests of every size and depth, and three-class ones.
CONFIGURATIONS = [(trees, depth, 2) for trees in (10, 50, 100) for depth in (4, 8, None)] + [
    (10, 4, 3), (30, 8, 3), (50, 10, 3)]
SMOKE = [(10, 4, 2)]


def name_of(trees, depth, classes=2):
    name = f"trees{trees}_depth{depth if depth is not None else 'none'}"
    return name if classes == 2 else f"{name}_classes{classes}"


def domain_file(classes):
    """The box of the training data of `classes`-class forests."""
    return "domain.json" if classes == 2 else f"domain_classes{classes}.json"


def generate(directory, configurations):
    import copy

    import numpy as np
    import onnx
    from onnx import helper
    from sklearn.datasets import make_classification
    from sklearn.ensemble import RandomForestClassifier
    from sklearn.tree import DecisionTreeClassifier
    from skl2onnx import to_onnx

    os.makedirs(directory, exist_ok=True)
    data = {}
    for classes in sorted({classes for _, _, classes in configurations}):
        # Two classes: make_classification's defaults (the binary forests of earlier runs);
        # more need more informative features.
        extra_options = {} if classes == 2 else {"n_informative": 5, "n_classes": classes}
        X, y = make_classification(n_samples=2000, n_features=10, random_state=0, **extra_options)
        X = X.astype(np.float32)
        data[classes] = (X, y)
        with open(os.path.join(directory, domain_file(classes)), "w") as handle:
            json.dump([[float(X[:, k].min()), float(X[:, k].max())] for k in range(X.shape[1])], handle)

    def convert(model, X):
        return to_onnx(model, X[:1], options={id(model): {"zipmap": False}},
                       target_opset={"": 17, "ai.onnx.ml": 3})

    def save(model, path):
        with open(path, "wb") as handle:
            handle.write(model.SerializeToString())

    def attribute(node, name):
        return next(a for a in node.attribute if a.name == name)

    for trees, depth, classes in configurations:
        X, y = data[classes]
        name = name_of(trees, depth, classes)
        forest = RandomForestClassifier(n_estimators=trees, max_depth=depth, random_state=1).fit(X, y)
        pruned = copy.deepcopy(forest)
        pruned.estimators_ = forest.estimators_[: trees // 2]
        pruned.n_estimators = trees // 2
        # A fully grown foreign tree and its label rotations (for two classes, its
        # label-flipped twin): at every input they land in the same leaf and give every
        # class the same extra vote, so the class never changes.
        extra = DecisionTreeClassifier(random_state=2).fit(X[::3], y[::3])
        rotations = []
        for shift in range(1, classes):
            rotated = copy.deepcopy(extra)
            rotated.tree_.value[:, 0, :] = np.roll(extra.tree_.value[:, 0, :], shift, axis=1)
            rotations.append(rotated)
        plus = copy.deepcopy(forest)
        plus.estimators_ = list(forest.estimators_) + [extra] + rotations
        plus.n_estimators = trees + classes
        left = convert(forest, X)
        save(left, os.path.join(directory, f"{name}_left.onnx"))
        save(convert(pruned, X), os.path.join(directory, f"{name}_pruned.onnx"))
        equivalent = convert(plus, X)
        # Copy the forest's weights exactly; the added trees vote with weight
        # w = float32(1 / trees).
        left_node, node = left.graph.node[0], equivalent.graph.node[0]
        left_weights = {}
        for t, n, c, w in zip(attribute(left_node, "class_treeids").ints,
                              attribute(left_node, "class_nodeids").ints,
                              attribute(left_node, "class_ids").ints,
                              attribute(left_node, "class_weights").floats):
            left_weights[(t, n, c)] = w
        vote = float(np.float32(1.0 / trees))
        weights = attribute(node, "class_weights")
        new = []
        for t, n, c, w in zip(attribute(node, "class_treeids").ints,
                              attribute(node, "class_nodeids").ints,
                              attribute(node, "class_ids").ints, weights.floats):
            if t < trees:
                new.append(left_weights.get((t, n, c), 0.0))
            else:
                assert w == 0.0 or abs(w - 1.0 / (trees + classes)) < 1e-6, "added trees have pure leaves"
                new.append(vote if w > 0 else 0.0)
        del weights.floats[:]
        weights.floats.extend(new)
        if classes == 2:
            # One score column: the twins add w to every score; the base takes it away.
            node.attribute.append(helper.make_attribute("base_values", [-vote]))
        save(equivalent, os.path.join(directory, f"{name}_equivalent.onnx"))
        print(f"generated {name}", file=sys.stderr)


def read_forest(path):
    """Trees of a skl2onnx TreeEnsembleClassifier: per tree, nodes by id, each leaf with its
    weight per score column; and the base value per score column."""
    import onnx
    from onnx import helper

    model = onnx.load(path)
    node = next(n for n in model.graph.node if n.op_type == "TreeEnsembleClassifier")
    a = {attribute.name: helper.get_attribute_value(attribute) for attribute in node.attribute}
    columns = max(a["class_ids"]) + 1
    trees = {}
    for i, tree in enumerate(a["nodes_treeids"]):
        mode = a["nodes_modes"][i].decode()
        assert mode in ("BRANCH_LEQ", "LEAF"), mode
        trees.setdefault(tree, {})[a["nodes_nodeids"][i]] = {
            "mode": mode, "feature": a["nodes_featureids"][i], "threshold": a["nodes_values"][i],
            "true": a["nodes_truenodeids"][i], "false": a["nodes_falsenodeids"][i],
            "weights": [0.0] * columns}
    for t, n, c, w in zip(a["class_treeids"], a["class_nodeids"], a["class_ids"], a["class_weights"]):
        trees[t][n]["weights"][c] += w
    base = list(a.get("base_values", [])) or [0.0] * columns
    return trees, base


def baseline(directory, configurations, timeout):
    import z3

    def exact(value):
        fraction = Fraction(float(value))
        return z3.Q(fraction.numerator, fraction.denominator)

    def encode_tree(nodes, x, column):
        # The seed's encode_tree_as_z3, on the ONNX tree: If(x[f] <= t, left, right).
        def go(n):
            node = nodes[n]
            if node["mode"] == "LEAF":
                return exact(node["weights"][column])
            return z3.If(x[node["feature"]] <= exact(node["threshold"]), go(node["true"]), go(node["false"]))
        return go(0)

    def scores(path, x):
        trees, base = read_forest(path)
        return [z3.Sum(*[encode_tree(nodes, x, column) for _, nodes in sorted(trees.items())]) + exact(base[column])
                for column in range(len(base))]

    def picks(scores, i):
        # onnxruntime's label: the first largest score.
        return z3.And(*[scores[i] > scores[j] if j < i else scores[i] >= scores[j]
                        for j in range(len(scores)) if j != i])

    sys.setrecursionlimit(100000)
    for trees, depth, classes in configurations:
        name = name_of(trees, depth, classes)
        with open(os.path.join(directory, domain_file(classes))) as handle:
            box = json.load(handle)
        for pair in ("pruned", "equivalent"):
            started = time.perf_counter()
            x = [z3.Real(f"x{i}") for i in range(len(box))]
            left = scores(os.path.join(directory, f"{name}_left.onnx"), x)
            right = scores(os.path.join(directory, f"{name}_{pair}.onnx"), x)
            solver = z3.Solver()
            solver.set("timeout", int(timeout * 1000))
            solver.add(z3.And(*[z3.And(x[i] >= exact(lo), x[i] <= exact(hi)) for i, (lo, hi) in enumerate(box)]))
            if len(left) == 1:
                # One score column (binary): class 1 iff the score is above 1/2.
                solver.add((left[0] > z3.Q(1, 2)) != (right[0] > z3.Q(1, 2)))
            else:
                solver.add(z3.Or(*[z3.And(picks(left, i), picks(right, j))
                                   for i in range(len(left)) for j in range(len(right)) if i != j]))
            result = solver.check()
            seconds = time.perf_counter() - started
            answer = "counterexample" if result == z3.sat else "proved" if result == z3.unsat else "unknown"
            if seconds >= timeout:
                answer = "unknown"
            print(json.dumps({"name": name, "pair": pair, "answer": answer, "seconds": seconds}), flush=True)


def main():
    command, directory = sys.argv[1], sys.argv[2]
    configurations = SMOKE if "--smoke" in sys.argv else CONFIGURATIONS
    if "--only" in sys.argv:
        wanted = sys.argv[sys.argv.index("--only") + 1]
        configurations = [c for c in CONFIGURATIONS if name_of(*c) == wanted]
    timeout = 60.0
    if "--timeout" in sys.argv:
        timeout = float(sys.argv[sys.argv.index("--timeout") + 1])
    if command == "generate":
        generate(directory, configurations)
    elif command == "baseline":
        baseline(directory, configurations, timeout)
    else:
        raise SystemExit(f"unknown command {command}")


if __name__ == "__main__":
    main()
