"""Writes the bad-model fixtures of tests/ui/equivalence: an ONNX model whose only node is
a LinearClassifier, which reqc does not read; a file that is not protobuf; a network with
a Sigmoid between its layers; a network whose layer shapes do not fit together; two
one-layer networks with logits [x, t] and [x, nextUp(t)] (t the float32 nearest 0.1),
which disagree exactly on the real interval [t, nextUp(t)), whose only float32 is t.

Run from the repository root: python3 tests/ui/equivalence/data/generate.py
"""
import os

import onnx
from onnx import TensorProto, helper

HERE = os.path.dirname(os.path.abspath(__file__))
node = helper.make_node("LinearClassifier", ["X"], ["label", "probabilities"], domain="ai.onnx.ml",
                        coefficients=[1.0, -1.0, 0.5, 0.25, -1.0, 1.0, -0.5, -0.25],
                        classlabels_ints=[0, 1], name="linear")
graph = helper.make_graph(
    [node], "linear",
    [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, 4])],
    [helper.make_tensor_value_info("label", TensorProto.INT64, [None]),
     helper.make_tensor_value_info("probabilities", TensorProto.FLOAT, [None, 2])])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17),
                                                helper.make_opsetid("ai.onnx.ml", 1)])
with open(os.path.join(HERE, "linear.onnx"), "wb") as handle:
    handle.write(model.SerializeToString())
with open(os.path.join(HERE, "garbage.onnx"), "wb") as handle:
    handle.write(b"\x0a\xff\xff\xff\x0fnot an onnx model")


def network(name, nodes, initializers, outputs=3, inputs=4):
    """A network graph on float inputs with the given nodes and weights."""
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info("X", TensorProto.FLOAT, [None, inputs])],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, [None, outputs])],
        initializer=[helper.make_tensor(key, TensorProto.FLOAT, list(value.shape),
                                        value.ravel().tolist())
                     for key, value in initializers.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)])
    with open(os.path.join(HERE, f"{name}.onnx"), "wb") as handle:
        handle.write(model.SerializeToString())


import numpy as np  # noqa: E402

weights = {"W1": np.full((4, 3), 0.5, dtype=np.float32), "B1": np.zeros(3, dtype=np.float32),
           "W2": np.eye(3, dtype=np.float32), "B2": np.zeros(3, dtype=np.float32)}
# A network with a Sigmoid between its layers: reqc reads ReLU networks only.
network("sigmoid_network", [
    helper.make_node("MatMul", ["X", "W1"], ["h"], name="first"),
    helper.make_node("Add", ["h", "B1"], ["a"], name="bias"),
    helper.make_node("Sigmoid", ["a"], ["s"], name="squash"),
    helper.make_node("MatMul", ["s", "W2"], ["z"], name="second"),
    helper.make_node("Add", ["z", "B2"], ["Y"], name="bias2")], weights)
# A network whose second layer takes 5 values but the first gives 3.
wrong = dict(weights, W2=np.ones((5, 3), dtype=np.float32))
network("wrong_shape_network", [
    helper.make_node("Gemm", ["X", "W1", "B1"], ["h"], name="first"),
    helper.make_node("Relu", ["h"], ["r"], name="relu"),
    helper.make_node("Gemm", ["r", "W2", "B2"], ["Y"], name="second")], wrong)

t = np.float32(0.1)
for name, bias in (("boundary_network_low", t), ("boundary_network_high", np.nextafter(t, np.float32(1)))):
    network(name, [
        helper.make_node("MatMul", ["X", "W"], ["z"], name="logits"),
        helper.make_node("Add", ["z", "B"], ["Y"], name="bias")],
        {"W": np.array([[1.0, 0.0]], dtype=np.float32),
         "B": np.array([0.0, bias], dtype=np.float32)}, outputs=2, inputs=1)
