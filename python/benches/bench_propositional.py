"""Speed of the propositional shield on the bundled ROAD-R-shaped rule set, every ratio measured in this run.

Usage: python3 python/benches/bench_propositional.py [--rows N] [--quick]

- One thread, f32, N random probability rows (41 labels, in place): the compiled kernels
  and the interpreter, beside `numpy.copyto` of the same buffer (memcpy speed). The
  kernels' time excludes compilation (`PropositionalShield.compile`, printed).
- PiShield's propositional `ShieldLayer` on the same rows (torch on one thread) when
  `pishield` is installed, with the same ordering; reqc's rows equal PiShield's.
- The torch layer's forward and backward per batch of 512.
Goal (issue 19): kernels at least 0.25 of memcpy, one thread, f32.
"""

from __future__ import annotations

import argparse
import contextlib
import io
from pathlib import Path

import numpy as np
from bench_shield import best  # the same timer as the linear benchmark (this directory)

import reqc

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "examples" / "propositional" / "road.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--quick", action="store_true", help="fewer rows and repeats")
    arguments = parser.parse_args()
    rows = 100_000 if arguments.quick else arguments.rows
    repeat = 3 if arguments.quick else 7
    shield = reqc.PropositionalShield(RULES)
    compile_time = shield.compile(np.float32)
    print(f"{RULES.name}: {len(shield.requirements)} rules, {len(shield.derived_rules)} derived rules "
          f"in {shield.strata} strata; f32 kernels compiled in {compile_time * 1000:.0f} ms")
    x = np.random.default_rng(0).random((rows, shield.columns), dtype=np.float32)
    work = np.empty_like(x)
    copy = best(lambda: np.copyto(work, x), repeat)

    def kernels() -> None:
        np.copyto(work, x)
        shield.correct(work, out=work, threads=1, engine="jit")

    def interpreter() -> None:
        np.copyto(work, x)
        shield.correct(work, out=work, threads=1, engine="interp")

    kernel_time = best(kernels, repeat) - copy
    interpreter_time = best(interpreter, max(1, repeat // 3)) - copy
    gigabytes = x.nbytes / 1e9
    print(f"numpy.copyto       {gigabytes / copy:7.2f} GB/s   {rows / copy / 1e6:8.2f} M rows/s")
    print(f"kernels (1 thread) {gigabytes / kernel_time:7.2f} GB/s   {rows / kernel_time / 1e6:8.2f} M rows/s"
          f"   {copy / kernel_time:.3f} of memcpy (goal 0.25)")
    print(f"interpreter        {gigabytes / interpreter_time:7.2f} GB/s   {rows / interpreter_time / 1e6:8.2f} M rows/s"
          f"   kernels {interpreter_time / kernel_time:.1f}x faster")
    try:
        import torch
        from pishield.propositional_requirements.shield_layer import ShieldLayer
    except ImportError:
        print("PiShield: not installed (pip install pishield) - no comparison")
        return
    torch.set_num_threads(1)
    ordering = ",".join(str(label) for label in range(shield.columns))
    with contextlib.redirect_stdout(io.StringIO()):
        layer = ShieldLayer(shield.columns, str(RULES), "custom", custom_ordering=ordering)
    sample = min(rows, 100_000)
    tensor = torch.from_numpy(x[:sample].copy())
    with torch.no_grad(), contextlib.redirect_stdout(io.StringIO()):
        theirs = best(lambda: layer(tensor), max(1, repeat // 3))
        expected = layer(tensor).numpy()
    ours = shield.correct(x[:sample], threads=1)
    differing = int((ours != expected).any(axis=1).sum())
    per_row_theirs = theirs / sample
    per_row_ours = kernel_time / rows
    print(f"PiShield layer     {sample / theirs / 1e6:8.3f} M rows/s (torch, 1 thread, {sample} rows)"
          f"   kernels {per_row_theirs / per_row_ours:.0f}x faster; rows differing: {differing}")
    layer_ours = reqc.torch.build_shield_layer(shield.columns, str(RULES), "custom", custom_ordering=ordering)
    batch = torch.from_numpy(x[:512].copy()).requires_grad_(True)

    def ours_step() -> None:
        layer_ours(batch).sum().backward()

    def theirs_step() -> None:
        with contextlib.redirect_stdout(io.StringIO()):
            layer(batch).sum().backward()

    ours_time = best(ours_step, repeat * 3)
    theirs_time = best(theirs_step, repeat)
    print(f"forward+backward, 512 rows: reqc {ours_time * 1e6:.0f} us, PiShield {theirs_time * 1e6:.0f} us"
          f" ({theirs_time / ours_time:.1f}x)")


if __name__ == "__main__":
    import reqc.torch  # noqa: F401  (registers the layer for the comparison)

    main()
