"""Writes the unsupported-operator fixture of tests/ui/equivalence: an ONNX model whose
only node is a LinearClassifier, which reqc does not read.

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
