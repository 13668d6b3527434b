"""Propositional requirements: `reqc.PropositionalShield`, reqc.torch's propositional layer and
Shield Loss, checked against independent evaluators written here (exact arithmetic) and
against PiShield where it is installed."""

from __future__ import annotations

import contextlib
import copy
import functools
import inspect
import io
import pickle
import random
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import torch

import reqc
from conftest import ROOT
from reqc.torch import PropositionalShieldLayer, ShieldLoss, build_shield_layer, build_shield_loss

EXAMPLES = ROOT / "examples" / "propositional"
ROAD = EXAMPLES / "road.txt"
ROAD_HORN = EXAMPLES / "road_horn.txt"
ROAD_REQ = EXAMPLES / "road.req"
ROAD_FILES = [ROAD, ROAD_HORN, ROAD_REQ]
LABELS = 41
ONE, ZERO, HALF = Fraction(1), Fraction(0), Fraction(1, 2)
DTYPES = pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
# Shields that only serve as a second opinion skip compiling kernels where reqc has an
# interpreter (the compiled kernels are checked against it in test_engines_give_the_same_bytes).
INTERP = {"engine": "interp"} if "engine" in inspect.signature(reqc.PropositionalShield.correct).parameters else {}

Clause = frozenset  # of (label, positive) pairs


# Independent readers and evaluators (they share no code with reqc).


def horn_literal(token: str) -> tuple[int, bool]:
    return (int(token[1:]), False) if token.startswith("n") else (int(token), True)


def read_clauses(path: Path) -> list[Clause]:
    """The clauses of a file in PiShield's clause format (`not y_0 or y_5`) or Horn format
    (`c3 n0 :- n5 7`, the clause `not y_0 or y_5 or not y_7`), one per rule line."""
    clauses = []
    for line in path.read_text().splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.split()[0] in ("ordering", "columns", "threshold"):
            continue
        if ":-" in line:
            tokens = line.split()
            if tokens[1] == ":-":
                tokens = ["c"] + tokens
            head, body = horn_literal(tokens[1]), [horn_literal(token) for token in tokens[3:]]
            clauses.append(Clause([head] + [(label, not positive) for label, positive in body]))
        else:
            literals = []
            for part in line.split(" or "):
                part = part.strip()
                negated = part.startswith("not ")
                name = part[4:].strip() if negated else part
                assert name.startswith("y_"), line
                literals.append((int(name[2:]), not negated))
            clauses.append(Clause(literals))
    return clauses


ROAD_CLAUSES = read_clauses(ROAD)


@functools.lru_cache(maxsize=None)
def road_shield(ordering: str = "given", path: Path = ROAD, seed: int = 0) -> reqc.PropositionalShield:
    """One shield per file and ordering for the whole module (each compiles its kernels once)."""
    return reqc.PropositionalShield(path, ordering=ordering, seed=seed)


@functools.lru_cache(maxsize=None)
def road_layer(choice: str = "given", custom: str | None = None) -> PropositionalShieldLayer:
    return build_shield_layer(LABELS, str(ROAD), choice, custom_ordering=custom, requirements_type="propositional")


def exact_labels(rows: np.ndarray, threshold: Fraction = HALF) -> np.ndarray:
    """Each label is true iff its probability, taken exactly, is above the threshold."""
    return np.array([[Fraction(float(value)) > threshold for value in row] for row in rows], dtype=bool).reshape(
        rows.shape
    )


def clauses_hold(labels: np.ndarray, clauses: list[Clause]) -> np.ndarray:
    """Per row: every clause has a true literal."""
    holds = np.ones(labels.shape[0], dtype=bool)
    for clause in clauses:
        some = np.zeros(labels.shape[0], dtype=bool)
        for label, positive in clause:
            some |= labels[:, label] if positive else ~labels[:, label]
        holds &= some
    return holds


def rules_by_head(shield: reqc.PropositionalShield) -> dict[int, list[tuple[bool, list[tuple[int, bool]]]]]:
    """The shield's derived rules (`3 :- 0 n1`), grouped by head label."""
    rules: dict[int, list] = {}
    for text in shield.derived_rules:
        head, separator, body = text.partition(":-")
        assert separator, text
        label, positive = horn_literal(head.strip())
        rules.setdefault(label, []).append((positive, [horn_literal(token) for token in body.split()]))
    return rules


def exact_shield(shield: reqc.PropositionalShield, row: np.ndarray, jacobian: bool = False):
    """PiShield's `ConstraintsModule.apply_iter` in exact arithmetic, head by head in the
    shield's order: a rule `h :- body` raises h to `1 - max(0, 1 - p_b (b in body), p_b
    (not b in body))`, a rule `not h :- body` lowers it to `max(...)`; the bounds are
    swapped if crossed and p_h is clamped between them. With `jacobian`, also the Jacobian
    of the written gradient rule: a corrected label takes the gradient of the value it was
    set from (`p`, `1 - p` of a body label, or a constant)."""
    rules = rules_by_head(shield)
    columns = len(row)
    p = [Fraction(float(value)) for value in row]
    grads = np.eye(columns)
    nothing = np.zeros(columns)
    for head in shield.heads:
        lower, lower_grad = ZERO, nothing
        upper, upper_grad = ONE, nothing
        for positive, body in rules.get(head, []):
            largest, largest_grad = ZERO, nothing
            for label, body_positive in body:
                value, grad = (ONE - p[label], -grads[label]) if body_positive else (p[label], grads[label])
                if value > largest:
                    largest, largest_grad = value, grad
            if positive and ONE - largest > lower:
                lower, lower_grad = ONE - largest, -largest_grad
            if not positive and largest < upper:
                upper, upper_grad = largest, largest_grad
        if lower > upper:
            lower, upper, lower_grad, upper_grad = upper, lower, upper_grad, lower_grad
        if p[head] < lower:
            p[head], grads[head] = lower, lower_grad
        elif p[head] > upper:
            p[head], grads[head] = upper, upper_grad
    return (p, grads) if jacobian else p


def grid_rows(count: int, dtype, seed: int, columns: int = LABELS) -> np.ndarray:
    """Uniform rows on the dtype's grid of [0, 1) (multiples of 2^-24 or 2^-53), where every
    complement 1 - p is exact: PiShield's float arithmetic has no rounding there."""
    return np.random.default_rng(seed).random((count, columns), dtype=dtype)


def logit_rows(count: int, dtype, seed: int, columns: int = LABELS) -> np.ndarray:
    """A network's outputs: sigmoids of wide logits, with full mantissas and tiny values."""
    logits = np.random.default_rng(seed).standard_normal((count, columns)) * 8.0
    return (1.0 / (1.0 + np.exp(-logits))).astype(dtype)


def near_half_rows(count: int, dtype, seed: int, columns: int = LABELS) -> np.ndarray:
    """Half the values a few ulps either side of 1/2 (never 1/2 itself), half uniform: rows
    where a complement rounded the wrong way moves a label across the threshold."""
    rng = np.random.default_rng(seed)
    eps = np.finfo(dtype).eps
    steps = rng.integers(1, 6, size=(count, columns))
    below = rng.random((count, columns)) < 0.5
    near = np.where(below, 0.5 - steps * (eps / 4), 0.5 + steps * (eps / 2))  # ulp below 1/2 is eps/4
    rows = np.where(rng.random((count, columns)) < 0.5, near, rng.random((count, columns))).astype(dtype)
    assert not (rows == 0.5).any()
    return rows


# The rule files and their reading.


def test_the_three_road_files_hold_the_same_clauses() -> None:
    assert len(ROAD_CLAUSES) == 248
    assert read_clauses(ROAD_HORN) == ROAD_CLAUSES
    for path in ROAD_FILES:
        shield = reqc.PropositionalShield(path)
        assert shield.columns == LABELS and shield.threshold == 0.5
        assert [Clause(clause) for clause in shield.clauses] == ROAD_CLAUSES, path.name
        assert len(shield.requirements) == 248
        assert shield.ordering == list(range(LABELS))
        assert reqc.is_propositional(path)


def test_is_propositional_tells_rules_from_inequalities(tmp_path: Path) -> None:
    linear = tmp_path / "linear.txt"
    linear.write_text("y_0 + y_1 >= 1\n")
    assert not reqc.is_propositional(linear)
    horn = tmp_path / "horn.txt"
    horn.write_text("c0 1 :- 0 n2\n")
    assert reqc.is_propositional(horn)


# Correction: the guarantee, exactly.


@DTYPES
def test_random_rows_are_corrected_into_rows_satisfying_every_clause(dtype) -> None:
    rows = grid_rows(5000, dtype, seed=7)
    outputs = [road_shield().correct(rows)] + [road_shield(path=path).correct(rows, **INTERP) for path in ROAD_FILES[1:]]
    assert all(output.dtype == dtype and output.shape == rows.shape for output in outputs)
    assert outputs[1].tobytes() == outputs[0].tobytes(), "road_horn.txt and road.txt differ"
    assert outputs[2].tobytes() == outputs[0].tobytes(), "road.req and road.txt differ"
    shield = road_shield()
    before = clauses_hold(exact_labels(rows), ROAD_CLAUSES)
    assert (~before).sum() > 4000, "the random rows should mostly violate the rules"
    assert np.array_equal(shield.satisfied(rows), before)
    after = clauses_hold(exact_labels(outputs[0]), ROAD_CLAUSES)
    assert after.all(), f"{(~after).sum()} corrected rows break a clause, e.g. row {np.flatnonzero(~after)[0]}"
    assert shield.satisfied(outputs[0]).all()
    assert ((outputs[0] >= 0) & (outputs[0] <= 1)).all()


@DTYPES
def test_network_outputs_are_corrected_into_rows_satisfying_every_clause(dtype) -> None:
    rows = logit_rows(3000, dtype, seed=8)
    for ordering in ("given", "rev-degree"):
        shield = road_shield(ordering)
        corrected = shield.correct(rows)
        assert clauses_hold(exact_labels(corrected), ROAD_CLAUSES).all(), ordering
        assert shield.satisfied(corrected).all(), ordering


@DTYPES
def test_near_half_rows_keep_the_labels_of_pishields_exact_function(dtype) -> None:
    """No input equals 1/2, so PiShield's function, computed exactly, never outputs 1/2 and
    its labels satisfy every clause; reqc's floats must put every value on the same side of
    1/2 (a complement 1 - p rounded to nearest can land on 1/2 itself)."""
    rows = near_half_rows(250, dtype, seed=9)
    shield = road_shield()
    corrected = shield.correct(rows)
    exact = [exact_shield(shield, row) for row in rows]
    exact_truth = np.array([[value > HALF for value in row] for row in exact])
    assert clauses_hold(exact_truth, ROAD_CLAUSES).all(), "the exact reference itself breaks a clause"
    truth = exact_labels(corrected)
    wrong_side = np.argwhere(truth != exact_truth)
    assert wrong_side.size == 0, (
        f"{len(wrong_side)} values on the wrong side of 1/2, first at row {wrong_side[0][0]} "
        f"label {wrong_side[0][1]}: reqc {corrected[tuple(wrong_side[0])]!r}, "
        f"exact {float(exact[wrong_side[0][0]][wrong_side[0][1]])!r}"
    )
    held = clauses_hold(truth, ROAD_CLAUSES)
    assert held.all(), f"{(~held).sum()} of {len(rows)} corrected near-half rows break a clause"


@DTYPES
@pytest.mark.parametrize("ordering", ["given", "rev-degree"])
def test_correct_applies_the_derived_rules_head_by_head(dtype, ordering: str) -> None:
    """On grid rows every complement is exact, so reqc's floats equal the exact function."""
    shield = road_shield(ordering)
    rows = grid_rows(100, dtype, seed=10)
    corrected = shield.correct(rows)
    for index, row in enumerate(rows):
        expected = exact_shield(shield, row)
        assert [Fraction(float(value)) for value in corrected[index]] == expected, (ordering, index)


@DTYPES
def test_correction_is_idempotent_and_models_are_fixpoints(dtype) -> None:
    shield = road_shield()
    rows = np.concatenate([grid_rows(2000, dtype, seed=11), logit_rows(2000, dtype, seed=12)])
    once = shield.correct(rows)
    assert shield.correct(once).tobytes() == once.tobytes()
    # Rows of 0s and 1s that satisfy the rules (the corrected labels) are left alone, and
    # so are probabilities already between the bounds every rule sets.
    models = (once > 0.5).astype(dtype)
    assert shield.correct(models).tobytes() == models.tobytes()
    high = dtype(0.9)
    softened = np.where(models == 1, high, dtype(1) - high).astype(dtype)  # exact complements
    assert shield.correct(softened).tobytes() == softened.tobytes()


def test_every_labelling_of_a_small_file_is_corrected_into_a_model(tmp_path: Path) -> None:
    text = "y_0 or y_1 or y_2\nnot y_0 or not y_1\ny_3 or not y_2\nc3 n3 :- 1 n4\nnot y_4 or y_0 or y_3\n"
    path = tmp_path / "small.txt"
    path.write_text(text)
    clauses = read_clauses(path)
    for ordering in ("given", "degree", "rev-degree", [4, 2, 0, 3, 1]):
        shield = reqc.PropositionalShield.from_text(text, ordering=ordering)
        assert [Clause(clause) for clause in shield.clauses] == clauses
        labellings = np.array(np.meshgrid(*[[0.0, 1.0]] * 5)).reshape(5, -1).T
        soft = np.where(labellings == 1, 0.75, 0.25)  # exact complements
        for rows in (labellings, soft):
            corrected = shield.correct(rows)
            models = clauses_hold(rows > 0.5, clauses)
            assert clauses_hold(exact_labels(corrected), clauses).all(), ordering
            assert np.array_equal(corrected[models], rows[models]), ordering
            assert np.array_equal(shield.satisfied(rows), models)


def test_satisfied_is_strict_at_the_threshold() -> None:
    shield = reqc.PropositionalShield.from_text("y_0 or y_1\n")
    half_up = np.nextafter(0.5, 1.0)
    rows = np.array([[0.5, 0.5], [0.5, half_up], [half_up, 0.0]])
    assert shield.satisfied(rows).tolist() == [False, True, True]
    assert shield.satisfied(rows.astype(np.float32)).tolist() == [False, False, False]  # half_up rounds to 1/2
    other = reqc.PropositionalShield.from_text("threshold 0.7\ny_0 or y_1\n")
    assert other.threshold == 0.7
    assert other.satisfied(np.array([[0.6, 0.6], [0.71, 0.0], [0.7, 0.7]])).tolist() == [False, True, False]


@DTYPES
def test_engines_give_the_same_bytes(dtype) -> None:
    if "engine" not in inspect.signature(reqc.PropositionalShield.correct).parameters:
        pytest.skip("this build of reqc has one engine for propositional rules")
    rows = np.concatenate([grid_rows(1000, dtype, 33), logit_rows(1000, dtype, 34), near_half_rows(1000, dtype, 35)])
    for ordering in ("given", "degree"):
        shield = road_shield(ordering)
        expected = shield.correct(rows, engine="interp")
        for engine in ("jit", "auto"):
            assert shield.correct(rows, engine=engine).tobytes() == expected.tobytes(), (ordering, engine)
        in_place = rows.copy()
        shield.correct(in_place, out=in_place, engine="jit")
        assert in_place.tobytes() == expected.tobytes()


def test_threads_do_not_change_the_bytes() -> None:
    shield = road_shield("degree")
    rows = logit_rows(4000, np.float64, seed=13)
    expected = shield.correct(rows, threads=1)
    assert shield.correct(rows, threads=2).tobytes() == expected.tobytes()
    assert shield.correct(rows).tobytes() == expected.tobytes()


# Gradients.


def small_layer(directory: Path, text: str, columns: int) -> PropositionalShieldLayer:
    path = directory / f"rules{len(list(directory.iterdir()))}.txt"
    path.write_text(text)
    return PropositionalShieldLayer(columns, str(path))


def row_jacobian(layer: torch.nn.Module, row: list[float]) -> np.ndarray:
    x = torch.tensor(row, dtype=torch.float64)
    return torch.autograd.functional.jacobian(lambda t: layer(t[None])[0], x).numpy()


def test_backward_follows_the_written_rule_on_a_three_label_file(tmp_path: Path) -> None:
    # `1 :- 0` (y_1 or not y_0) and `not y_0 or not y_2`: with labels settled 0, 1, 2 the
    # shield raises y_1 to p_0 and lowers y_2 to 1 - p_0.
    layer = small_layer(tmp_path, "c0 1 :- 0\nnot y_0 or not y_2\n", 3)
    assert layer.shield.heads == [1, 2]
    assert sorted(layer.shield.derived_rules) == ["1 :- 0", "n2 :- 0"]
    cases = [
        ([0.7, 0.2, 0.6], [0.7, 0.7, 0.3], [[1, 0, 0], [1, 0, 0], [-1, 0, 0]]),
        ([0.7, 0.9, 0.1], [0.7, 0.9, 0.1], np.eye(3)),
        ([0.3, 0.2, 0.6], [0.3, 0.3, 0.6], [[1, 0, 0], [1, 0, 0], [0, 0, 1]]),
        ([0.3, 0.4, 0.8], [0.3, 0.4, 0.7], [[1, 0, 0], [0, 1, 0], [-1, 0, 0]]),
    ]
    for row, expected_row, expected_jacobian in cases:
        out = layer(torch.tensor([row], dtype=torch.float64))[0]
        assert torch.allclose(out, torch.tensor(expected_row, dtype=torch.float64), rtol=0, atol=1e-15), row
        assert np.array_equal(row_jacobian(layer, row), np.array(expected_jacobian, dtype=float)), row
    # The gradient flows through a chain: `2 :- 1` is settled after `1 :- 0`.
    chain = small_layer(tmp_path, "c0 1 :- 0\nc1 2 :- 1\n", 3)
    assert np.array_equal(row_jacobian(chain, [0.8, 0.1, 0.05]), np.array([[1, 0, 0], [1, 0, 0], [1, 0, 0]], float))
    assert np.array_equal(row_jacobian(chain, [0.8, 0.9, 0.05]), np.array([[1, 0, 0], [0, 1, 0], [0, 1, 0]], float))
    # Lowered to 1 - p of a body label through a negative body literal: `n2 :- n0` lowers
    # y_2 to p_0 (the clause y_0 or not y_2).
    negative = small_layer(tmp_path, "c0 n2 :- n0\n", 3)
    assert np.array_equal(row_jacobian(negative, [0.2, 0.5, 0.9]), np.array([[1, 0, 0], [0, 1, 0], [1, 0, 0]], float))


def test_jacobian_on_road_rows_matches_the_rule() -> None:
    shield_layer = road_layer("rev-degree")
    rng = np.random.default_rng(14)
    rows = rng.uniform(0.01, 0.99, size=(6, LABELS))
    for row in rows:
        _, expected = exact_shield(shield_layer.shield, row, jacobian=True)
        jacobian = row_jacobian(shield_layer, row.tolist())
        assert np.array_equal(jacobian, expected)
        assert not np.array_equal(jacobian, np.eye(LABELS)), "the row should be corrected"


def test_gradcheck_of_the_layer() -> None:
    layer = road_layer("degree")
    rng = np.random.default_rng(15)
    x = torch.tensor(rng.uniform(0.01, 0.99, size=(3, LABELS)), requires_grad=True)
    assert torch.autograd.gradcheck(layer, (x,), eps=1e-7, atol=1e-6, rtol=1e-5)
    # Batch dimensions and a float32 backward.
    y = torch.tensor(rng.uniform(0.01, 0.99, size=(2, 3, LABELS)), dtype=torch.float32, requires_grad=True)
    out = layer(y)
    assert out.shape == y.shape and out.dtype == torch.float32
    out.sum().backward()
    assert y.grad is not None and y.grad.dtype == torch.float32 and torch.isfinite(y.grad).all()


# PiShield's layer.


@contextlib.contextmanager
def one_torch_thread():
    """PiShield's many small tensor operations are slower with torch's thread pool (and much
    slower on a busy machine); run them on one thread."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


@functools.lru_cache(maxsize=None)
def pishield_layer(path: str, choice: str, custom: str | None, columns: int):
    module = pytest.importorskip("pishield.propositional_requirements.shield_layer")
    with contextlib.redirect_stdout(io.StringIO()), one_torch_thread():
        return module.ShieldLayer(columns, path, choice, custom_ordering=custom)


def run_pishield(layer, rows: np.ndarray) -> np.ndarray:
    with contextlib.redirect_stdout(io.StringIO()), torch.no_grad(), one_torch_thread():
        return layer(torch.from_numpy(rows)).numpy()


def ulps(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Floats between a and b (values in [0, 1], so the bit patterns are ordered)."""
    kind = np.int32 if a.dtype == np.float32 else np.int64
    return np.abs(a.view(kind).astype(np.int64) - b.view(kind).astype(np.int64))


IDENTITY = ",".join(str(label) for label in range(LABELS))
PERMUTATION = ",".join(str(label) for label in np.random.default_rng(16).permutation(LABELS))
ORDERINGS = [("custom", IDENTITY), ("custom-rev", IDENTITY), ("custom", PERMUTATION), ("degree", None), ("rev-degree", None)]


@DTYPES
@pytest.mark.parametrize("choice,custom", ORDERINGS, ids=["custom", "custom-rev", "permutation", "degree", "rev-degree"])
def test_layer_equals_pishields(dtype, choice: str, custom: str | None) -> None:
    theirs = pishield_layer(str(ROAD), choice, custom, LABELS)
    ours = road_layer(choice, custom)
    assert isinstance(ours, PropositionalShieldLayer)
    assert ours.shield.strata == len(theirs.module_list)
    if custom is not None:
        order = [int(label) for label in custom.split(",")]
        assert ours.shield.ordering == (order[::-1] if "rev" in choice else order)
    # Grid rows: no rounding anywhere, the same bytes.
    rows = grid_rows(2000, dtype, seed=17)
    expected = run_pishield(theirs, rows)
    corrected = ours(torch.from_numpy(rows)).numpy()
    differ = (ulps(expected, corrected) > 0).any(axis=1)
    assert not differ.any(), f"{differ.sum()} rows differ, max {ulps(expected, corrected).max()} ulps"
    # A network's outputs: PiShield rounds each complement to nearest (and 1 - (1 - p)
    # absorbs a tiny p), reqc rounds it up, so values may differ by one unit of [1/2, 1).
    rows = logit_rows(2000, dtype, seed=18)
    expected = run_pishield(theirs, rows)
    corrected = ours(torch.from_numpy(rows)).numpy()
    unit = np.finfo(dtype).eps / 2
    worst = np.abs(expected.astype(np.float64) - corrected.astype(np.float64)).max()
    assert worst <= unit, f"max difference {worst / unit} units of [1/2, 1), max {ulps(expected, corrected).max()} ulps"
    assert np.array_equal(exact_labels(expected[:500]), exact_labels(corrected[:500]))


def random_rule_file(rng: random.Random, labels: list[int]) -> str:
    clauses = set()
    for _ in range(rng.randint(1, 9)):
        atoms = rng.sample(labels, rng.randint(2, min(3, len(labels))))
        clauses.add(tuple((atom, rng.random() < 0.5) for atom in atoms))
    return "".join(" or ".join(f"y_{a}" if positive else f"not y_{a}" for a, positive in clause) + "\n" for clause in clauses)


def test_random_rule_sets_match_pishield(tmp_path: Path) -> None:
    rng = random.Random(19)
    compared = 0
    for trial in range(25):
        columns = rng.randint(3, 7)
        text = random_rule_file(rng, list(range(columns)))
        path = tmp_path / f"rules{trial}.txt"
        path.write_text(text)
        order = list(range(columns))
        rng.shuffle(order)
        custom = ",".join(map(str, order))
        for choice in ("custom", "custom-rev", "degree", "rev-degree"):
            custom_ordering = custom if "custom" in choice else None
            try:
                theirs = pishield_layer(str(path), choice, custom_ordering, columns)
            except AssertionError:
                # PiShield asserts some label is never corrected; when the rules force every
                # label reqc still corrects, into rows meeting every clause.
                ours = build_shield_layer(columns, str(path), choice, custom_ordering=custom_ordering)
                out = ours.shield.correct(grid_rows(200, np.float64, trial, ours.shield.columns), **INTERP)
                assert clauses_hold(exact_labels(out), read_clauses(path)).all(), (text, choice)
                continue
            except Exception as error:
                assert "Unsatisfiable" in str(error)
                with pytest.raises(reqc.RequirementsError) as raised:
                    build_shield_layer(columns, str(path), choice, custom_ordering=custom_ordering)
                assert "E0702" in [d.code for d in raised.value.diagnostics]
                continue
            ours = build_shield_layer(columns, str(path), choice, custom_ordering=custom_ordering)
            assert ours.shield.strata == len(theirs.module_list), (text, choice)
            for dtype in (np.float32, np.float64):
                rows = grid_rows(300, dtype, trial, columns)
                corrected = rows.copy()  # the labels past the last one the rules use pass through
                corrected[:, : ours.shield.columns] = ours.shield.correct(rows[:, : ours.shield.columns], **INTERP)
                assert corrected.tobytes() == run_pishield(theirs, rows).tobytes(), (
                    text,
                    choice,
                    custom,
                )
            compared += 1
    assert compared > 60


@pytest.mark.parametrize("choice", ["degree", "rev-degree"])
def test_degree_ties_are_broken_as_pishield_breaks_them(tmp_path: Path, choice: str) -> None:
    """PiShield sorts `list(ClausesGroup.atoms())` by centrality with a stable sort, so labels of
    equal degree keep the iteration order of a Python set of ints, which is ascending only
    when the labels are small and dense. Here every label has degree 3 and PiShield's set
    iterates 2, 19, 11."""
    path = tmp_path / "sparse.txt"
    path.write_text("not y_11 or y_2 or y_19\ny_11 or not y_19 or y_2\nnot y_19 or not y_11 or not y_2\n")
    theirs = pishield_layer(str(path), choice, None, 20)
    ours = build_shield_layer(20, str(path), choice, requirements_type="propositional")
    assert ours.shield.heads == sorted(set().union(*theirs.strata))
    rows = grid_rows(500, np.float64, seed=20, columns=20)
    assert ours(torch.from_numpy(rows)).numpy().tobytes() == run_pishield(theirs, rows).tobytes()


# The torch layer's arguments.


def test_build_shield_layer_detects_propositional_files_and_passes_extra_columns() -> None:
    for path in ROAD_FILES:
        layer = build_shield_layer(LABELS, str(path))
        assert isinstance(layer, PropositionalShieldLayer), path.name
    layer = build_shield_layer(LABELS + 4, str(ROAD))
    x = torch.tensor(grid_rows(64, np.float64, seed=21, columns=LABELS + 4), requires_grad=True)
    out = layer(x)
    assert out.shape == x.shape
    assert torch.equal(out[:, LABELS:], x[:, LABELS:])
    assert torch.equal(out[:, :LABELS], torch.from_numpy(layer.shield.correct(x[:, :LABELS].detach().numpy())))
    weights = torch.arange(out.numel(), dtype=torch.float64).reshape(out.shape)
    (out * weights).sum().backward()
    assert torch.equal(x.grad[:, LABELS:], weights[:, LABELS:])
    with torch.no_grad():
        assert torch.equal(layer(x), out)
    with pytest.raises(ValueError, match="num_variables is 40"):
        build_shield_layer(LABELS - 1, str(ROAD))


def test_ordering_choices_follow_pishield() -> None:
    order = [int(label) for label in PERMUTATION.split(",")]
    as_string = build_shield_layer(LABELS, str(ROAD), "custom", custom_ordering=PERMUTATION)
    as_list = build_shield_layer(LABELS, str(ROAD), "custom", custom_ordering=order)
    reversed_ = build_shield_layer(LABELS, str(ROAD), "custom-rev", custom_ordering=PERMUTATION)
    assert as_string.shield.ordering == as_list.shield.ordering == order
    assert reversed_.shield.ordering == order[::-1]
    assert build_shield_layer(LABELS, str(ROAD)).shield.ordering == list(range(LABELS))
    degree = build_shield_layer(LABELS, str(ROAD), "degree")
    assert degree.shield.ordering == reqc.PropositionalShield(ROAD, ordering="degree").ordering
    with pytest.raises(ValueError):
        build_shield_layer(LABELS, str(ROAD), "sideways")
    layer = build_shield_layer(LABELS, str(ROAD))
    x = torch.from_numpy(grid_rows(4, np.float64, seed=23))
    assert torch.equal(layer(x, iterative=False), layer(x))
    with pytest.raises(ValueError, match="goal"):
        layer(x, goal=x)  # probabilities are not labels
    with pytest.raises(ValueError, match="shape"):
        layer(x, goal=x[:2])


def test_layer_rejects_wrong_tensors() -> None:
    layer = build_shield_layer(LABELS, str(ROAD))
    with pytest.raises(TypeError, match="float32 or float64"):
        layer(torch.zeros(3, LABELS, dtype=torch.float16))
    with pytest.raises(ValueError, match=r"shape \(\.\.\., 41\)"):
        layer(torch.zeros(3, 40))
    bad = torch.full((3, LABELS), 0.5, dtype=torch.float64)
    bad[1, 4] = 1.5
    with pytest.raises(ValueError, match="y_4"):
        layer(bad)


def test_layers_and_shields_pickle_and_deepcopy() -> None:
    rows = grid_rows(300, np.float64, seed=24)
    for shield in (
        reqc.PropositionalShield(ROAD, ordering="random", seed=5),
        reqc.PropositionalShield.from_text(ROAD.read_text(), ordering=[int(c) for c in PERMUTATION.split(",")]),
    ):
        clone = pickle.loads(pickle.dumps(shield))
        assert clone.ordering == shield.ordering and clone.strata == shield.strata
        assert clone.correct(rows, **INTERP).tobytes() == shield.correct(rows, **INTERP).tobytes()
    model = torch.nn.Sequential(torch.nn.Linear(3, LABELS), torch.nn.Sigmoid(), build_shield_layer(LABELS, str(ROAD), "degree"))
    x = torch.randn(16, 3)
    for clone in (copy.deepcopy(model), pickle.loads(pickle.dumps(model))):
        assert torch.equal(clone(x), model(x))


# Errors.


def test_malformed_files_raise_requirements_error_with_code_and_line(tmp_path: Path) -> None:
    cases = {
        "y_0 or or y_1\n": 1,
        "not y_0 or y_1\nnot y_1 or y_2 zzz\n": 2,
        "c0 1 :- 0\nc1 1 :- 0 x2\n": 2,
    }
    for text, line in cases.items():
        path = tmp_path / "bad.txt"
        path.write_text(text)
        for load in (lambda: reqc.PropositionalShield(path), lambda: reqc.PropositionalShield.from_text(text, name="bad.txt")):
            with pytest.raises(reqc.RequirementsError) as raised:
                load()
            codes = [(d.code, d.line) for d in raised.value.diagnostics]
            assert ("E0101", line) in codes, (text, codes)
            assert "E0101" in str(raised.value)
        with pytest.raises(reqc.RequirementsError):
            build_shield_layer(3, str(path), requirements_type="propositional")
    with pytest.raises(reqc.RequirementsError) as raised:
        reqc.PropositionalShield.from_text("y_0 or y_1\nnot y_0\nnot y_1\n")
    assert "E0702" in [d.code for d in raised.value.diagnostics]
    with pytest.raises(reqc.RequirementsError) as raised:
        reqc.PropositionalShield(ROAD, ordering=[0, 1, 2])
    assert "E1302" in [d.code for d in raised.value.diagnostics]
    with pytest.raises(ValueError, match="ordering"):
        reqc.PropositionalShield(ROAD, ordering="sideways")


@DTYPES
@pytest.mark.parametrize("bad", [1.5, float("nan"), -1e-3, float("inf")], ids=["1.5", "nan", "negative", "inf"])
def test_values_outside_zero_one_raise_naming_row_and_column(dtype, bad: float) -> None:
    shield = road_shield()
    rows = grid_rows(5, dtype, seed=25)
    rows[2, 7] = bad
    out = np.full_like(rows, 7.0)
    before = rows.copy()
    with pytest.raises(ValueError, match=r"row 3, column 8 \(y_7\)"):
        shield.correct(rows, out=out)
    assert (out == 7.0).all(), "out was written"
    assert np.array_equal(rows, before, equal_nan=True), "x was written"
    with pytest.raises(ValueError, match="y_7"):
        shield.correct(rows, out=rows)
    assert np.array_equal(rows, before, equal_nan=True), "x was written in place"


def test_wrong_arrays_raise() -> None:
    shield = road_shield()
    rows = grid_rows(4, np.float64, seed=26)
    with pytest.raises(ValueError, match="40 columns"):
        shield.correct(rows[:, :40])
    with pytest.raises(ValueError, match="2-D"):
        shield.correct(rows.reshape(-1))
    with pytest.raises(ValueError, match="float32 or float64"):
        shield.correct(rows.astype(np.float16))
    with pytest.raises(TypeError):
        shield.correct(rows.tolist())
    with pytest.raises(ValueError):
        shield.correct(rows, out=np.zeros_like(rows, dtype=np.float32))
    with pytest.raises(ValueError):
        shield.correct(rows, out=np.zeros((3, LABELS)))
    with pytest.raises(ValueError, match="40 columns"):
        shield.satisfied(rows[:, :40])
    assert shield.correct(np.empty((0, LABELS))).shape == (0, LABELS)
    assert shield.satisfied(np.empty((0, LABELS))).shape == (0,)


def test_non_contiguous_input_and_in_place_output() -> None:
    shield = road_shield()
    rows = logit_rows(600, np.float64, seed=27)
    expected = shield.correct(rows)
    assert shield.correct(np.asfortranarray(rows)).tobytes() == expected.tobytes()
    assert shield.correct(rows[::2]).tobytes() == expected[::2].tobytes()
    wide = np.zeros((600, 2 * LABELS))
    wide[:, ::2] = rows
    assert shield.correct(wide[:, ::2]).tobytes() == expected.tobytes()
    in_place = rows.copy()
    assert shield.correct(in_place, out=in_place) is in_place
    assert in_place.tobytes() == expected.tobytes()
    out = np.empty_like(rows)
    assert shield.correct(rows, out=out) is out and out.tobytes() == expected.tobytes()
    strided = np.zeros((600, 2 * LABELS))
    shield.correct(rows, out=strided[:, ::2])
    assert np.array_equal(strided[:, ::2], expected) and not strided[:, 1::2].any()


# PiShield's Shield Loss.


def reference_loss(clauses: list[Clause], rows: np.ndarray, tnorm: str) -> float:
    """PiShield's loss in plain Python: one term per rule line, v = p for y_k, 1 - p for not y_k."""
    total = 0.0
    for row in rows:
        for clause in clauses:
            values = [row[label] if positive else 1.0 - row[label] for label, positive in clause]
            if tnorm == "godel":
                total += max(values)
            elif tnorm == "lukasiewicz":
                total += min(1.0, sum(values))
            else:
                product = 1.0
                for value in values:
                    product *= 1.0 - value
                total += 1.0 - product
    return 1.0 - total / (len(rows) * len(clauses))


TNORMS = pytest.mark.parametrize("tnorm", ["godel", "lukasiewicz", "product"])


@TNORMS
def test_shield_loss_equals_the_reference(tnorm: str) -> None:
    rows = grid_rows(12, np.float64, seed=28)
    expected = reference_loss(ROAD_CLAUSES, rows, tnorm)
    for path in ROAD_FILES:
        loss = build_shield_loss(LABELS, str(path), tnorm)
        assert isinstance(loss, ShieldLoss)
        value = loss(torch.from_numpy(rows))
        assert value.dtype == torch.float64 and value.shape == ()
        assert value.item() == pytest.approx(expected, rel=1e-12, abs=1e-15), path.name
        assert loss(torch.from_numpy(rows.astype(np.float32))).item() == pytest.approx(expected, rel=1e-5)
    # Rows of 0s and 1s that meet every rule have no loss.
    models = (road_shield().correct(rows) > 0.5).astype(np.float64)
    loss = build_shield_loss(LABELS, str(ROAD), tnorm)
    assert loss(torch.from_numpy(models)).item() == pytest.approx(0.0, abs=1e-15)


@TNORMS
def test_shield_loss_counts_every_line_as_pishield_does(tmp_path: Path, tnorm: str) -> None:
    # A repeated rule, a literal twice in a rule and a tautology each count as written.
    text = "c0 1 :- 0 n2\nc1 1 :- 0 n2\nc2 1 :- 1\nc3 n2 :- 0 0\nc4 0 :- n0 3\n"
    path = tmp_path / "lines.txt"
    path.write_text(text)
    clauses = read_clauses(path)
    assert len(clauses) == 5
    rows = grid_rows(9, np.float64, seed=29, columns=4)
    loss = build_shield_loss(4, str(path), tnorm)
    assert loss(torch.from_numpy(rows)).item() == pytest.approx(reference_loss(clauses, rows, tnorm), rel=1e-12)


@TNORMS
def test_shield_loss_gradcheck(tnorm: str) -> None:
    loss = build_shield_loss(LABELS, str(ROAD_HORN), tnorm)
    x = torch.tensor(np.random.default_rng(30).uniform(0.01, 0.99, size=(3, LABELS)), requires_grad=True)
    assert torch.autograd.gradcheck(loss, (x,), eps=1e-7, atol=1e-7, rtol=1e-5)


def test_shield_loss_arguments() -> None:
    with pytest.raises(ValueError, match="tnorm"):
        build_shield_loss(LABELS, str(ROAD), "hamacher")
    with pytest.raises(Exception, match="Unknown requirements type"):
        build_shield_loss(LABELS, str(ROAD), "godel", requirements_type="linear")
    with pytest.raises(ValueError, match="num_variables"):
        build_shield_loss(LABELS - 1, str(ROAD))
    loss = build_shield_loss(LABELS, str(ROAD))
    assert loss.tnorm_choice == "godel"
    empty = loss(torch.zeros(0, LABELS))
    assert empty.shape == () and empty.item() == 0.0
    with pytest.raises(ValueError):
        loss(torch.zeros(3, LABELS - 1))
    wider = build_shield_loss(LABELS + 2, str(ROAD), "product")
    rows = grid_rows(5, np.float64, seed=31, columns=LABELS + 2)
    assert wider(torch.from_numpy(rows)).item() == pytest.approx(reference_loss(ROAD_CLAUSES, rows, "product"), rel=1e-12)


@TNORMS
def test_shield_loss_equals_pishields(tnorm: str) -> None:
    module = pytest.importorskip("pishield.propositional_requirements.shield_loss")
    theirs = module.ShieldLoss(LABELS, str(ROAD_HORN), tnorm)
    ours = build_shield_loss(LABELS, str(ROAD_HORN), tnorm)
    # PiShield's loss keeps float32 buffers, so it takes float32 predictions only.
    x = torch.from_numpy(grid_rows(257, np.float32, seed=32))
    a, b = x.clone().requires_grad_(), x.clone().requires_grad_()
    expected, value = theirs(a), ours(b)
    expected.backward()
    value.backward()
    assert value.item() == pytest.approx(expected.item(), rel=1e-6)
    assert torch.allclose(b.grad, a.grad, rtol=1e-5, atol=1e-9)


@pytest.mark.parametrize("choice", ["closeness", "betweenness", "katz", "rev-closeness", "rev-katz"])
def test_networkx_centralities_order_the_labels_as_pishield(choice: str) -> None:
    """PiShield's other centralities come from networkx on its atom-clause graph; reqc builds
    the same graph in the same order, so the ordering, strata and rows are PiShield's."""
    pytest.importorskip("networkx")
    theirs = pishield_layer(str(ROAD), choice, None, LABELS)
    ours = build_shield_layer(LABELS, str(ROAD), choice, requirements_type="propositional")
    assert ours.shield.strata == len(theirs.strata)
    rows = grid_rows(2000, np.float64, seed=31)
    assert ours(torch.from_numpy(rows)).numpy().tobytes() == run_pishield(theirs, rows).tobytes()


@DTYPES
def test_the_c_library_equals_the_interpreter_and_leaves_bad_rows_alone(
    tmp_path: Path, reqc_bin: Path, dtype: type
) -> None:
    """`reqc compile --emit lib` on the rule set, loaded with ctypes: the same bytes as the
    interpreter, statuses 0/1/6, and rows with a value outside [0, 1] untouched."""
    import ctypes
    import subprocess

    library_path = tmp_path / "libroad.so"
    subprocess.run(
        [str(reqc_bin), "compile", "--emit", "lib", "-o", str(library_path), str(ROAD)],
        check=True,
        capture_output=True,
    )
    library = ctypes.CDLL(str(library_path))
    kernel = library.reqc_correct_f32 if dtype == np.float32 else library.reqc_correct_f64
    kernel.restype = ctypes.c_size_t
    kernel.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_void_p]
    library.reqc_columns.restype = ctypes.c_size_t
    assert library.reqc_columns() == LABELS
    # Network outputs and near-half rows, where complements round.
    rows = np.concatenate([logit_rows(601, dtype, seed=41), near_half_rows(400, dtype, seed=42)])
    rows[7, 3] = 1.5
    rows[500, 40] = np.nan
    shield = reqc.PropositionalShield(ROAD)
    valid = np.ones(len(rows), dtype=bool)
    valid[[7, 500]] = False
    expected = rows.copy()
    expected[valid] = shield.correct(rows[valid], engine="interp")
    work = rows.copy()
    status = np.full(len(rows), 255, dtype=np.uint8)
    left = kernel(work.ctypes.data, len(rows), status.ctypes.data)
    assert left == 2
    assert work.tobytes() == expected.tobytes()
    assert status[7] == status[500] == 6
    assert set(status[valid].tolist()) <= {0, 1}
    changed = (work != rows).any(axis=1)
    assert (status[valid] == 1).tolist() == changed[valid].tolist()


def test_training_with_a_goal_and_a_slicer_equals_pishield() -> None:
    """PiShield's training-time forward: `goal` (the true labels) and `slicer` (a prefix of
    the strata), on float32 grid rows (PiShield's goal path is float32 only)."""
    theirs = pishield_layer(str(ROAD), "custom", ",".join(map(str, range(LABELS))), LABELS)
    ours = build_shield_layer(LABELS, str(ROAD), "custom", custom_ordering=list(range(LABELS)))
    rng = np.random.default_rng(51)
    x = torch.from_numpy(rng.random((1500, LABELS), dtype=np.float32))
    goal = torch.from_numpy((rng.random((1500, LABELS)) > 0.5).astype(np.float32))
    with contextlib.redirect_stdout(io.StringIO()), torch.no_grad(), one_torch_thread():
        expected = theirs(x, goal=goal)
    assert ours(x, goal=goal).numpy().tobytes() == expected.numpy().tobytes()
    for ratio in (0.2, 0.5, 0.8, 1.0):
        with contextlib.redirect_stdout(io.StringIO()), torch.no_grad(), one_torch_thread():
            their_slicer = theirs.slicer(ratio)
            expected = theirs(x, goal=goal, slicer=their_slicer)
        our_slicer = ours.slicer(ratio)
        assert (our_slicer.atoms, our_slicer.modules) == (their_slicer.atoms, their_slicer.modules)
        assert ours(x, goal=goal, slicer=our_slicer).numpy().tobytes() == expected.numpy().tobytes()


def test_the_goal_path_has_the_gradient_of_its_max_min_network() -> None:
    layer = build_shield_layer(LABELS, str(ROAD))
    rng = np.random.default_rng(52)
    x = torch.from_numpy(rng.uniform(0.02, 0.98, (6, LABELS))).requires_grad_(True)
    goal = torch.from_numpy((rng.random((6, LABELS)) > 0.5).astype(np.float64))
    assert torch.autograd.gradcheck(lambda rows: layer(rows, goal=goal), (x,), eps=1e-7, atol=1e-6)
    sliced = layer.slicer(0.5)
    assert torch.autograd.gradcheck(lambda rows: layer(rows, slicer=sliced), (x,), eps=1e-7, atol=1e-6)


def test_the_eigenvector_ordering_is_reproducible() -> None:
    """PiShield's eigenvector order comes from ARPACK with a random start and changes between
    runs; reqc's is the same on every build and its rows satisfy every rule."""
    pytest.importorskip("networkx")
    orders = {tuple(reqc.PropositionalShield(ROAD, ordering="eigenvector").ordering) for _ in range(3)}
    assert len(orders) == 1
    shield = reqc.PropositionalShield(ROAD, ordering="rev-eigenvector")
    rows = grid_rows(500, np.float64, seed=53)
    assert shield.satisfied(shield.correct(rows)).all()
