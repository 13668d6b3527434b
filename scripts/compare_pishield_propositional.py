"""Compares reqc's propositional Shield Layer and Shield Loss with PiShield's on a rule file.

Run from the repository root, where PiShield is installed (`pip install pishield`):

    python3 scripts/compare_pishield_propositional.py [--rules examples/propositional/road.txt]
        [--rows 20000] [--seed 0] [--horn-rules examples/propositional/road_horn.txt]
        [--shield-loss-module path/to/pishield/propositional_requirements/shield_loss.py]

The layer: for the orderings custom (0, 1, ..., n-1), custom-rev, a seeded custom
permutation, degree and rev-degree (PiShield 1.0.0's 'given' crashes, so 'custom' stands
in for it), in float32 and float64, on three kinds of rows: uniform rows on the dtype's grid
(torch.rand; every complement 1 - p is exact there), a network's outputs (sigmoids of
wide logits, with full mantissas and tiny values) and near-half rows (half the values a
few ulps either side of 1/2, never 1/2 itself, where a complement's rounding decides a
label; PiShield's function computed exactly meets every rule on them). Per case it prints the largest absolute
difference (also in units of 2^-24 or 2^-53, the spacing of floats in [1/2, 1), which is one
rounding of a complement), the largest difference in ulps of the values themselves, the
rows that differ, the rows whose labels at 1/2 differ, the share of rows meeting every rule
for each side, and the strata counts. PiShield rounds each complement to nearest (and its
1 - (1 - p) absorbs a tiny p); reqc rounds complements up, so differences of one unit are
expected on network outputs, and none on grid rows. The share of rows meeting every rule is
informative (a value below 1 for reqc on rows without a 1/2 is a reqc bug) and does not
change the exit code.

The loss: if PiShield's Shield Loss imports (module
pishield.propositional_requirements.shield_loss, or the file --shield-loss-module names),
its value and gradients against reqc.torch.ShieldLoss for the t-norms godel, lukasiewicz
and product on the Horn file (PiShield's loss reads Horn rules with an id only).

Exit code 1 on any mismatch: a layer difference above one unit of [1/2, 1) or different
strata counts, a loss value more than 1e-6 apart (relative), a gradient more than 1e-6 of
the largest gradient apart, or one side failing where the other does not.
"""

from __future__ import annotations

import argparse
import contextlib
import importlib
import importlib.util
import io
import sys
from pathlib import Path

import numpy as np
import torch

import reqc
from reqc.torch import build_shield_layer, build_shield_loss

ROOT = Path(__file__).resolve().parents[1]


def pishield_layer_class():
    try:
        module = importlib.import_module("pishield.propositional_requirements.shield_layer")
    except ImportError:
        return None
    return module.ShieldLayer


def pishield_loss_class(path: str | None):
    if path:
        spec = importlib.util.spec_from_file_location("pishield_shield_loss", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module.ShieldLoss, path
    try:
        module = importlib.import_module("pishield.propositional_requirements.shield_loss")
    except ImportError:
        return None, None
    return module.ShieldLoss, module.__name__


def quiet(function, *args, **keywords):
    """PiShield prints while it builds and runs; keep it out of the report."""
    with contextlib.redirect_stdout(io.StringIO()):
        return function(*args, **keywords)


def ulps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    kind = np.int32 if a.dtype == np.float32 else np.int64
    return np.abs(a.view(kind).astype(np.int64) - b.view(kind).astype(np.int64))


def rows_of(kind: str, count: int, columns: int, dtype: torch.dtype, seed: int) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    if kind == "grid":
        return torch.rand(count, columns, generator=generator, dtype=dtype)
    if kind == "near-half":
        # Half the values 1 to 5 ulps either side of 1/2 (never 1/2 itself), half uniform.
        eps = torch.finfo(dtype).eps
        steps = torch.randint(1, 6, (count, columns), generator=generator).to(torch.float64)
        below = torch.rand(count, columns, generator=generator) < 0.5
        near = torch.where(below, 0.5 - steps * (eps / 4), 0.5 + steps * (eps / 2))
        uniform = torch.rand(count, columns, generator=generator, dtype=torch.float64)
        return torch.where(torch.rand(count, columns, generator=generator) < 0.5, near, uniform).to(dtype)
    logits = torch.randn(count, columns, generator=generator, dtype=torch.float64) * 8.0
    return torch.sigmoid(logits).to(dtype)


def compare_layer(args: argparse.Namespace) -> bool:
    ShieldLayer = pishield_layer_class()
    if ShieldLayer is None:
        print("PiShield is not installed: no layer comparison")
        return True
    rules = str(args.rules)
    columns = reqc.PropositionalShield(rules).columns
    identity = ",".join(str(label) for label in range(columns))
    permutation = ",".join(str(label) for label in np.random.default_rng(args.seed).permutation(columns))
    orderings = [
        ("custom", "custom", identity),
        ("custom-rev", "custom-rev", identity),
        ("permutation", "custom", permutation),
        ("degree", "degree", None),
        ("rev-degree", "rev-degree", None),
    ]
    print(f"layer: {rules}, {columns} labels, {args.rows} rows per case, seed {args.seed}")
    print(
        f"{'ordering':<12} {'dtype':<8} {'rows':<9} {'max abs diff':>13} {'units':>6} {'max ulps':>20} "
        f"{'rows differ':>11} {'labels differ':>13} {'sat pishield':>12} {'sat reqc':>9} {'strata':>13}"
    )
    ok = True
    for name, choice, custom in orderings:
        try:
            theirs = quiet(ShieldLayer, columns, rules, choice, custom_ordering=custom)
            their_error = None
        except Exception as error:  # noqa: BLE001 - reported below
            theirs, their_error = None, f"{type(error).__name__}: {error}"
        try:
            ours = build_shield_layer(columns, rules, choice, custom_ordering=custom, requirements_type="propositional")
            our_error = None
        except Exception as error:  # noqa: BLE001
            ours, our_error = None, f"{type(error).__name__}: {str(error).splitlines()[0]}"
        if their_error or our_error:
            print(f"{name:<12} PiShield: {their_error or 'builds'}; reqc: {our_error or 'builds'}")
            ok = ok and bool(their_error) and bool(our_error)
            continue
        strata = (ours.shield.strata, len(theirs.module_list))
        for dtype in (torch.float32, torch.float64):
            unit = torch.finfo(dtype).eps / 2
            for kind in ("grid", "logits", "near-half"):
                x = rows_of(kind, args.rows, columns, dtype, args.seed + (dtype == torch.float64))
                with torch.no_grad():
                    expected = quiet(theirs, x).numpy()
                    corrected = ours(x).numpy()
                difference = np.abs(expected.astype(np.float64) - corrected.astype(np.float64))
                worst = float(difference.max()) if difference.size else 0.0
                rows_differ = int((difference > 0).any(axis=1).sum())
                labels_differ = int(((expected > 0.5) != (corrected > 0.5)).any(axis=1).sum())
                sat_theirs = float(ours.shield.satisfied(expected).mean())
                sat_ours = float(ours.shield.satisfied(corrected).mean())
                case_ok = worst <= unit and strata[0] == strata[1]
                ok = ok and case_ok
                print(
                    f"{name:<12} {str(dtype)[6:]:<8} {kind:<9} {worst:>13.3e} {worst / unit:>6.2f} "
                    f"{int(ulps(expected, corrected).max()):>20} {rows_differ:>11} {labels_differ:>13} "
                    f"{sat_theirs:>12.5f} {sat_ours:>9.5f} {f'{strata[0]} / {strata[1]}':>13}"
                    + ("" if case_ok else "   MISMATCH")
                )
    return ok


def compare_loss(args: argparse.Namespace) -> bool:
    ShieldLoss, origin = pishield_loss_class(args.shield_loss_module)
    if ShieldLoss is None:
        print("\nPiShield's Shield Loss is not importable (pishield.propositional_requirements.shield_loss); "
              "give --shield-loss-module to compare the loss")
        return True
    horn = str(args.horn_rules)
    columns = reqc.PropositionalShield(horn).columns
    print(f"\nloss: PiShield's ShieldLoss from {origin}, on {horn}, {args.rows} rows")
    print(f"{'t-norm':<12} {'dtype':<8} {'pishield':>12} {'reqc':>12} {'rel diff':>10} {'grad max':>10} {'grad rel diff':>13}")
    ok = True
    for tnorm in ("godel", "lukasiewicz", "product"):
        theirs = ShieldLoss(columns, horn, tnorm)
        ours = build_shield_loss(columns, horn, tnorm)
        for dtype in (torch.float32, torch.float64):
            x = rows_of("grid", args.rows, columns, dtype, args.seed + 7)
            a, b = x.clone().requires_grad_(), x.clone().requires_grad_()
            value = ours(b)
            value.backward()
            try:
                expected = theirs(a)
                expected.backward()
            except Exception as error:  # noqa: BLE001 - PiShield's loss keeps float32 buffers
                message = str(error).splitlines()[0]
                print(f"{tnorm:<12} {str(dtype)[6:]:<8} PiShield fails: {type(error).__name__}: {message} "
                      f"(reqc: {value.item():.8f})")
                continue
            relative = abs(value.item() - expected.item()) / max(abs(expected.item()), 1e-30)
            scale = float(a.grad.abs().max())
            grad_relative = float((a.grad - b.grad).abs().max()) / max(scale, 1e-30)
            case_ok = relative <= 1e-6 and grad_relative <= 1e-6
            ok = ok and case_ok
            print(
                f"{tnorm:<12} {str(dtype)[6:]:<8} {expected.item():>12.8f} {value.item():>12.8f} {relative:>10.2e} "
                f"{scale:>10.3e} {grad_relative:>13.2e}" + ("" if case_ok else "   MISMATCH")
            )
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rules", type=Path, default=ROOT / "examples" / "propositional" / "road.txt")
    parser.add_argument("--horn-rules", type=Path, default=ROOT / "examples" / "propositional" / "road_horn.txt",
                        help="the Horn file (`cN head :- body`) for the loss comparison")
    parser.add_argument("--rows", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shield-loss-module", default=None,
                        help="a file defining PiShield's ShieldLoss (e.g. a checkout's "
                             "pishield/propositional_requirements/shield_loss.py)")
    args = parser.parse_args()
    ok = compare_layer(args)
    ok = compare_loss(args) and ok
    print("\n" + ("no mismatch" if ok else "MISMATCH"))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
