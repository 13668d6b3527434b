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
# The same archive deflated (numpy.savez_compressed), and a copy whose central directory
# gives the first member (`probabilities`) a wrong CRC-32.
np.savez_compressed("calibrated_compressed.npz", probabilities=probabilities, labels=labels)
with open("calibrated_compressed.npz", "rb") as source:
    archive = bytearray(source.read())
central = archive.find(b"PK\x01\x02")
archive[central + 16] ^= 0xFF
with open("bad_crc.npz", "wb") as target:
    target.write(archive)
