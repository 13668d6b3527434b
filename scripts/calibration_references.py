#!/usr/bin/env python3
"""Writes tests/calibration/references.json: reference values for reqc's calibration
statistics, computed independently with scipy and numpy.

Run once (pip install numpy scipy; about two minutes); the output is committed so the
tests need neither.
    python3 scripts/calibration_references.py > tests/calibration/references.json
"""
import json
import math

import numpy as np
import scipy
from scipy import stats

cases = [(0, 1), (1, 1), (0, 10), (1, 10), (5, 10), (9, 10), (10, 10), (2, 3), (19, 26),
         (350, 357), (357, 357), (7, 45), (1929, 1962), (50, 1000), (999, 1000),
         (123456, 200000), (3, 1000000), (999990, 1000000)]
alphas = [0.05, 0.01, 0.2, 1e-6]

clopper_pearson = []
for k, n in cases:
    for alpha in alphas:
        lower = 0.0 if k == 0 else float(stats.beta.ppf(alpha, k, n - k + 1))
        upper = 1.0 if k == n else float(stats.beta.ppf(1 - alpha, k + 1, n - k))
        clopper_pearson.append({"k": k, "n": n, "alpha": alpha,
                                "lower": repr(lower), "upper": repr(upper)})

binomial_tail = []
for k, n, p in [(1, 10, 0.3), (7, 10, 0.3), (350, 357, 0.95), (60, 100, 0.7),
                (123456, 200000, 0.6), (123456, 200000, 0.62), (5, 1000000, 1e-6),
                (999990, 1000000, 0.99999)]:
    binomial_tail.append({"k": k, "n": n, "p": repr(p),
                          "upper_tail": repr(float(stats.binom.sf(k - 1, n, p)))})

rng = np.random.default_rng(20261121)
poisson_binomial = []
for size, epsilon in [(5, 0.0), (40, 0.02), (300, 0.05), (600, 0.0)]:
    confidences = rng.uniform(0.3, 1.0, size)
    shifted = np.maximum(confidences - epsilon, 0.0)
    expected_correct = int(shifted.sum())
    corrects = sorted({0, max(expected_correct - int(3 * math.sqrt(size)), 0),
                       max(expected_correct - 2, 0), expected_correct, size - 1})
    poisson_binomial.append({"confidences": [repr(float(c)) for c in confidences],
                             "epsilon": epsilon, "correct": corrects,
                             "p_value": [repr(float(stats.poisson_binom.cdf(c, shifted)))
                                         for c in corrects]})

means = []
for size in [1, 7, 8, 9, 127, 128, 129, 300, 1000]:
    values = rng.uniform(0.0, 1.0, size) ** 3
    means.append({"values": [repr(float(v)) for v in values], "mean": repr(float(values.mean()))})

# A bin too large for reqc's exact recursion (n (k + 2) > 2^28): reqc brackets these
# p-values by Fourier inversion; scipy's poisson_binom is the independent reference.
# The confidences are not stored: c_i = 0.2 + 0.79 u_i with u_i = ((i * 0x9E3779B97F4A7C15)
# mod 2^64 >> 11) / 2^53, exact in any IEEE double arithmetic, so the test recomputes them.
def weyl_confidences(size):
    return np.array([0.2 + 0.79 * (float(((i * 0x9E3779B97F4A7C15) % 2**64) >> 11) / 2.0**53)
                     for i in range(size)])


large = []
for size, epsilon in [(40000, 0.01)]:
    confidences = weyl_confidences(size)
    shifted = np.maximum(confidences - epsilon, 0.0)
    mean = shifted.sum()
    deviation = math.sqrt((shifted * (1.0 - shifted)).sum())
    corrects = [int(mean + z * deviation) for z in (-9.0, -4.0, -2.5, -1.0, 0.0, 1.5)]
    large.append({"size": size, "epsilon": epsilon, "correct": corrects,
                  "p_value": [repr(float(stats.poisson_binom.cdf(c, shifted)))
                              for c in corrects]})

print(json.dumps({"generator": "scripts/calibration_references.py",
                  "numpy": np.__version__, "scipy": scipy.__version__,
                  "clopper_pearson": clopper_pearson, "binomial_upper_tail": binomial_tail,
                  "poisson_binomial_cdf": poisson_binomial, "numpy_mean": means,
                  "poisson_binomial_large": large}, indent=1))
