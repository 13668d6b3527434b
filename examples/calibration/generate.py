#!/usr/bin/env python3
"""Generates the calibration example: a digits classifier (scikit-learn MLP, 64-64-10,
ReLU) made overconfident the way the calibration seed does it (probabilities p**10,
renormalised), exported to ONNX so that reqc evaluates and searches the same model.

Sharpening p**10 and renormalising is softmax(10 z): scaling the output layer by 10
gives exactly that model, so the probabilities reqc checks are the network's own.

    pip install scikit-learn skl2onnx onnx
    python3 examples/calibration/generate.py      # writes the files beside this script
"""
import os

import numpy as np
from sklearn.datasets import load_digits
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier
from skl2onnx import to_onnx

here = os.path.dirname(os.path.abspath(__file__))
X, y = load_digits(return_X_y=True)
X = (X / 16.0).astype(np.float32)
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.2, random_state=0, stratify=y)
classifier = MLPClassifier(hidden_layer_sizes=(64,), max_iter=120, random_state=0)
classifier.fit(X_train, y_train)
classifier.coefs_[-1] *= 10.0
classifier.intercepts_[-1] *= 10.0

probabilities = classifier.predict_proba(X_test.astype(np.float64))
np.save(os.path.join(here, "probabilities.npy"), probabilities)
np.save(os.path.join(here, "labels.npy"), y_test.astype(np.int64))
# A few inputs, so tests can compare reqc's evaluation of the ONNX file with scikit-learn's.
np.save(os.path.join(here, "sample_inputs.npy"), X_test[:20].astype(np.float64))
model = to_onnx(classifier, X_train[:1], options={"zipmap": False},
                target_opset=13)
with open(os.path.join(here, "digits.onnx"), "wb") as output:
    output.write(model.SerializeToString())
print("accuracy", (probabilities.argmax(1) == y_test).mean(),
      "confidence", probabilities.max(1).mean())
