"""Times the reference implementation (PiShield) and `reqc correct` on the same file and data.

Usage: python3 scripts/compare_pishield.py [FILE] [ROWS]
(default: ../shared/requirements/constrained-dgm/url_constraints.txt and 100000 rows).

Needs numpy, torch and pishield (`pip install pishield`); without them it says so and
exits 0. Runs `cargo build --release` first. Prints both times (best of three) and their
ratio; the reqc time is the correction itself as `reqc correct --message-format json`
reports it (parsing, JIT compilation and I/O of the .npy file included).
"""

import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_pishield():
    try:
        import numpy  # noqa: F401
        import torch  # noqa: F401
    except ImportError as error:
        return None, f"{error.name} is not installed"
    for module, name in (("pishield.shield_layer", "build_shield_layer"),
                         ("pishield.constraint_layer", "build_pishield_layer")):
        try:
            imported = __import__(module, fromlist=[name])
            return getattr(imported, name), None
        except (ImportError, AttributeError):
            continue
    return None, "pishield is not installed (pip install pishield)"


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "..", "shared", "requirements", "constrained-dgm", "url_constraints.txt")
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    build, problem = load_pishield()
    if build is None:
        print(f"skipped: {problem}")
        return
    import numpy as np
    import torch

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    reqc = os.path.join(ROOT, "target", "release", "reqc")
    columns = int(json.loads(subprocess.run(
        [reqc, "compile", path, "--emit", "sets-json"], capture_output=True, check=True,
        text=True).stdout)["columns"])
    data = np.random.default_rng(0).random((rows, columns))
    with tempfile.TemporaryDirectory() as directory:
        source = os.path.join(directory, "predictions.npy")
        np.save(source, data)
        reqc_seconds = []
        for _ in range(3):
            run = subprocess.run(
                [reqc, "correct", path, "--input", source, "--output",
                 os.path.join(directory, "corrected.npy"), "--message-format", "json"],
                capture_output=True, check=True, text=True)
            reqc_seconds.append(json.loads(run.stdout)["seconds"])
    layer = build(columns, path)
    predictions = torch.tensor(data)
    reference_seconds = []
    for _ in range(3):
        started = time.perf_counter()
        layer(predictions.clone())
        reference_seconds.append(time.perf_counter() - started)
    reqc_best, reference_best = min(reqc_seconds), min(reference_seconds)
    print(f"{os.path.basename(path)}: {rows} rows x {columns} columns")
    print(f"  PiShield: {reference_best:.3f} s")
    print(f"  reqc correct (JIT, including parsing, compilation and file I/O): {reqc_best:.3f} s")
    print(f"  ratio PiShield / reqc: {reference_best / reqc_best:.1f}x")


if __name__ == "__main__":
    main()
