#!/usr/bin/env python3
"""Writes the small data files of the calibration UI tests (run from this directory)."""
import numpy as np

rng = np.random.default_rng(6)
n, k = 300, 3
logits = rng.normal(0.0, 2.0, (n, k))
probabilities = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
# Labels drawn from the probabilities themselves: calibrated by construction.
labels = np.array([rng.choice(k, p=row) for row in probabilities])
np.save("probabilities.npy", probabilities)
np.save("labels.npy", labels)
np.savez("calibrated.npz", probabilities=probabilities, labels=labels)
np.savetxt("probabilities.csv", probabilities, delimiter=",", fmt="%.17g")
# Overconfident: the same probabilities with labels right only half as often.
wrong = labels.copy()
flip = rng.random(n) < 0.5
wrong[flip] = (wrong[flip] + 1) % k
np.save("overconfident_labels.npy", wrong)
bad = probabilities.copy()
bad[2, 1] = np.nan
np.save("nan_probabilities.npy", bad)
unnormalised = probabilities.copy()
unnormalised[4] *= 1.01
np.save("unnormalised.npy", unnormalised)
out_of_range = labels.copy()
out_of_range[7] = 3
np.save("labels_out_of_range.npy", out_of_range)
np.save("short_labels.npy", labels[:-5])
with open("probabilities.npy", "rb") as source:
    cut = source.read()[:300]
with open("truncated.npy", "wb") as target:
    target.write(cut)
