"""Issue 17's end-to-end measurement: `reqc correct` against `dd` of the same file and against
the reference implementation (PiShield) on the same rows, every figure from the same run.

Usage: python3 scripts/compare_pishield.py [FILE] [ROWS]
(default: ../shared/requirements/constrained-dgm/url_constraints.txt and 2000000 rows, the size
of the measurements this comparison began with).

f32 rows uniform in [0, 1) (most of them violate a requirement), one thread:
`reqc correct --engine jit --threads 1` end to end (parsing, kernels and file I/O included:
the process's wall time), by default and with `--recheck`; `dd` copying the same file; then
the corrected file as input, whose rows all satisfy the requirements. The kernel cache is a
fresh directory: the first run compiles the kernels (loading LLVM) and stores them, later
runs load them; the same commands without a cache (`REQC_CACHE_DIR=`) are timed too.
PiShield's forward pass runs in memory on the same rows with torch on one thread. Best of
five runs for the commands, of three for PiShield.
Without numpy, torch and pishield (`pip install pishield`) it says so and exits 0. Runs
`cargo build --release` first.
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


def best_of(command, runs=5, cache=None):
    """The best wall time of some runs of a command (this machine is noisy), and its last
    standard output; `cache` is the kernel cache's directory ("": none)."""
    environment = dict(os.environ)
    if cache is not None:
        environment["REQC_CACHE_DIR"] = cache
    times, output = [], ""
    for _ in range(runs):
        started = time.perf_counter()
        output = subprocess.run(command, capture_output=True, check=True, text=True,
                                env=environment).stdout
        times.append(time.perf_counter() - started)
    return min(times), output


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "..", "shared", "requirements", "constrained-dgm", "url_constraints.txt")
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
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
    data = np.random.default_rng(0).random((rows, columns), dtype=np.float32)
    with tempfile.TemporaryDirectory() as directory:
        source = os.path.join(directory, "predictions.npy")
        corrected = os.path.join(directory, "corrected.npy")
        np.save(source, data)
        size = os.path.getsize(source)
        correct = [reqc, "correct", path, "--engine", "jit", "--threads", "1",
                   "--message-format", "json", "--output", corrected, "--input"]
        cache = os.path.join(directory, "kernels")
        dd_seconds, _ = best_of(
            ["dd", f"if={source}", f"of={os.path.join(directory, 'copy.npy')}", "bs=4M"])
        first_seconds, report = best_of(correct + [source], runs=1, cache=cache)
        assert json.loads(report)["kernels"] == "compiled"
        violating_seconds, report = best_of(correct + [source], cache=cache)
        assert json.loads(report)["kernels"] == "cached"
        summary = json.loads(report)["summary"]
        uncached_seconds, _ = best_of(correct + [source], cache="")
        recheck_seconds, _ = best_of(correct + [source, "--recheck"], cache=cache)
        satisfying = os.path.join(directory, "satisfying.npy")
        os.replace(corrected, satisfying)
        satisfying_seconds, satisfied = best_of(correct + [satisfying], cache=cache)
        assert json.loads(satisfied)["summary"]["changed"] == 0
        satisfying_uncached_seconds, _ = best_of(correct + [satisfying], cache="")
    torch.set_num_threads(1)
    layer = build(columns, path)
    predictions = torch.tensor(data)
    reference_seconds = []
    for _ in range(3):
        started = time.perf_counter()
        with torch.no_grad():
            layer(predictions.clone())
        reference_seconds.append(time.perf_counter() - started)
    reference = min(reference_seconds)
    print(f"{os.path.basename(path)}: {rows} rows x {columns} columns, f32 ({size / 1e6:.0f} MB), "
          f"{summary['violating_before']} violating; one thread")
    print(f"  dd of the same file:                       {dd_seconds:.3f} s")
    for label, seconds in (
            ("reqc correct, violating rows", violating_seconds),
            ("  first run (compiles, fills the cache)", first_seconds),
            ("  without the kernel cache", uncached_seconds),
            ("reqc correct --recheck, violating rows", recheck_seconds),
            ("reqc correct, rows that satisfy (on bounds)", satisfying_seconds),
            ("  without the kernel cache", satisfying_uncached_seconds)):
        print(f"  {label + ':':<42} {seconds:.3f} s  {rows / seconds / 1e6:6.2f} M rows/s  "
              f"{dd_seconds / seconds:.3f} of dd")
    print(f"  PiShield forward (in memory, torch, 1 thread): {reference:.3f} s  "
          f"{rows / reference / 1e6:6.2f} M rows/s")
    print(f"  reqc / PiShield on violating rows: {reference / violating_seconds:.1f}x "
          f"(first run: {reference / first_seconds:.1f}x; without the cache: "
          f"{reference / uncached_seconds:.1f}x; --recheck: {reference / recheck_seconds:.1f}x)")
    print("  goals (issue 17): violating rows >= 0.25 of dd and >= 50x PiShield; "
          "satisfying rows >= 0.8 of dd")


if __name__ == "__main__":
    main()
