"""reqc.torch: PiShield's layer with exact gradients."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
import torch

import reqc
from conftest import SHARED, requirement_files
from reqc.torch import ShieldLayer, build_shield_layer

FILES = requirement_files()
NO_LITERAL = reqc._reqc.NO_LITERAL


def random_rows(columns: int, count: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return rng.standard_normal((count, columns)) * rng.choice([0.5, 3.0, 20.0], size=(count, 1))


def rows_away_from_kinks(shield: reqc.Shield, rows: np.ndarray, step: float = 1e-5) -> np.ndarray:
    """Rows that moved and whose status and local Jacobian (probed by the backward pass with
    random vectors) stay the same under perturbations of every coordinate by ±step: no kink
    nearby, so gradcheck is meaningful there. (The recorded literal itself may change where
    two literals have the same partials, as the two halves of an equality do.)"""
    _, status, trace = shield._forward_traced(rows, engine="jit")
    probes = np.random.default_rng(0).standard_normal((2, rows.shape[1]))
    keep = []
    for index in range(rows.shape[0]):
        # Inexact rows too (botnet's equalities): their gradient is the real bound's.
        if status[index] not in (reqc.STATUS_CORRECTED, reqc.STATUS_INEXACT):
            continue
        scale = np.maximum(np.abs(rows[index]), 1.0) * step
        perturbed = np.repeat(rows[index : index + 1], 2 * rows.shape[1], axis=0)
        for column in range(rows.shape[1]):
            perturbed[2 * column, column] += scale[column]
            perturbed[2 * column + 1, column] -= scale[column]
        _, other_status, other_trace = shield._forward_traced(perturbed, engine="jit")
        if not (other_status == status[index]).all():
            continue
        same = True
        for probe in probes:
            base = shield._backward(trace[index : index + 1], probe[None, :])
            others = shield._backward(other_trace, np.repeat(probe[None, :], perturbed.shape[0], axis=0))
            same = same and np.allclose(others, base, rtol=1e-12, atol=1e-12)
        if same:
            keep.append(index)
    return rows[keep]


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
def test_gradcheck_away_from_kinks(path: Path) -> None:
    shield = reqc.Shield(path)
    columns = shield.columns
    count = 2 if columns > 200 else 12
    candidates = random_rows(columns, 6 if columns > 200 else 120, seed=columns)
    rows = rows_away_from_kinks(shield, candidates)[:count]
    if rows.shape[0] == 0:
        pytest.skip(f"no corrected row away from kinks among the random rows of {path.name}")
    layer = ShieldLayer(columns, str(path))
    x = torch.tensor(rows, dtype=torch.float64, requires_grad=True)
    assert torch.autograd.gradcheck(layer, (x,), eps=1e-7, atol=1e-5, rtol=1e-4, fast_mode=columns > 200)


def rule_jacobian(shield: reqc.Shield, trace_row: np.ndarray) -> np.ndarray:
    """The Jacobian of one row by the rule of specs/python.md, from the exact literals."""
    columns = shield.columns
    jacobian = np.eye(columns)
    for column, entry in zip(shield._native.level_columns, trace_row):
        if entry == NO_LITERAL:
            continue
        own_column, terms, _, _ = shield._native.literal(int(entry))
        assert own_column == column
        coefficients = {term: Fraction(int(n), int(d)) for term, n, d in terms}
        own = coefficients.pop(column)
        step = np.eye(columns)
        step[column, column] = 0.0
        for term, coefficient in coefficients.items():
            step[column, term] = float(-coefficient / own)
        jacobian = step @ jacobian  # y = step(current), composed in ordering order
    return jacobian


@pytest.mark.parametrize(
    "name", ["heloc_constraints.txt", "news_constraints.txt", "faults_constraints.txt", "lcld_constraints.txt", "two_holes.txt"]
)
def test_jacobian_follows_the_rule_on_rows_crossing_several_levels(name: str) -> None:
    path = [p for p in FILES if p.name == name][0]
    shield = reqc.Shield(path)
    rows = random_rows(shield.columns, 200, seed=1)
    _, status, trace = shield._forward_traced(rows)
    moved = (trace != NO_LITERAL).sum(axis=1)
    chosen = np.flatnonzero(moved >= 2)[:5]
    assert chosen.size > 0, "no row crossed several levels"
    layer = ShieldLayer(shield.columns, str(path))
    for index in chosen:
        x = torch.tensor(rows[index], dtype=torch.float64)
        analytic = torch.autograd.functional.jacobian(layer, x).numpy()
        expected = rule_jacobian(shield, trace[index])
        assert np.allclose(analytic, expected, rtol=1e-12, atol=1e-12), (name, index)


def test_forward_equals_shield_correct_and_keeps_dtype_and_shape() -> None:
    path = SHARED / "requirements" / "constrained-dgm" / "heloc_constraints.txt"
    shield = reqc.Shield(path)
    layer = build_shield_layer(shield.columns, str(path))
    for dtype in (torch.float32, torch.float64):
        x = torch.tensor(random_rows(shield.columns, 24, 2)).to(dtype).reshape(2, 3, 4, shield.columns)
        y = layer(x)
        assert y.dtype == dtype and y.shape == x.shape and y.device == x.device
        expected = shield.correct(x.reshape(-1, shield.columns).numpy())
        assert y.reshape(-1, shield.columns).numpy().tobytes() == expected.tobytes()
        with torch.no_grad():
            assert torch.equal(layer(x), y)
        with torch.inference_mode():
            assert torch.equal(layer(x), y)


def test_training_step_gradients_flow_and_extra_columns_pass_through() -> None:
    path = SHARED / "cases" / "two_holes.txt"
    layer = ShieldLayer(5, str(path))  # the file mentions 3 columns; 2 more pass through
    net = torch.nn.Linear(4, 5)
    x = torch.randn(64, 4)
    out = layer(net(x))
    assert out.shape == (64, 5)
    assert layer.shield.satisfied(out[:, :3].detach().numpy()).all()
    out.pow(2).sum().backward()
    assert net.weight.grad is not None and torch.isfinite(net.weight.grad).all()


def test_torch_compile_graph_breaks_at_the_layer() -> None:
    path = SHARED / "cases" / "bands.txt"
    shield = reqc.Shield(path)
    layer = ShieldLayer(shield.columns, str(path))
    model = torch.nn.Sequential(torch.nn.Linear(3, shield.columns), layer)
    compiled = torch.compile(model, backend="eager")
    x = torch.randn(16, 3)
    assert torch.equal(compiled(x), model(x))


@pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA device")
def test_cuda_round_trip_keeps_the_device() -> None:
    path = SHARED / "cases" / "two_holes.txt"
    layer = ShieldLayer(3, str(path))
    x = torch.randn(32, 3, device="cuda", requires_grad=True)
    y = layer(x)
    assert y.device == x.device
    y.sum().backward()
    assert x.grad is not None and x.grad.device == x.device


def test_a_tensor_on_another_device_makes_a_host_round_trip() -> None:
    """The round trip CUDA tensors take (to the CPU, corrected, back to their device), on
    torch's lazy-tensor device, a device other than the CPU that needs no GPU: values,
    gradient, dtype and device must be those of the same rows corrected on the CPU, with
    columns past the requirements' passed through."""
    lazy = pytest.importorskip("torch._lazy.ts_backend")
    lazy.init()
    layer = ShieldLayer(5, str(SHARED / "cases" / "two_holes.txt"))
    for dtype in (torch.float32, torch.float64):
        rows = torch.from_numpy(random_rows(5, 64, seed=3)).to(dtype)
        weights = torch.arange(1.0, 321.0, dtype=dtype).reshape(64, 5)
        on_cpu = rows.clone().requires_grad_(True)
        expected = layer(on_cpu)
        (expected * weights).sum().backward()
        assert not torch.equal(expected.detach(), rows), "some rows must move"
        on_device = rows.to("lazy").requires_grad_(True)
        corrected = layer(on_device)
        assert (corrected.device, corrected.dtype) == (on_device.device, dtype)
        (corrected * weights.to("lazy")).sum().backward()
        assert on_device.grad is not None and on_device.grad.device == on_device.device
        assert torch.equal(corrected.cpu(), expected.detach())
        assert torch.equal(on_device.grad.cpu(), on_cpu.grad)
        with torch.no_grad():
            untracked = layer(rows.to("lazy"))
        assert untracked.device == on_device.device
        assert torch.equal(untracked.cpu(), expected.detach())


def test_unsupported_requirement_types_raise_clearly(tmp_path: Path) -> None:
    propositional = tmp_path / "prop.txt"
    propositional.write_text("ordering y_0 y_1\n1 :- 0 n2\n")
    # A propositional file is built by the propositional layer, whose checks apply: this
    # ordering leaves out y_2.
    with pytest.raises(reqc.RequirementsError, match="E1302"):
        build_shield_layer(3, str(propositional))
    with pytest.raises(NotImplementedError, match="hierarchical"):
        build_shield_layer(3, str(propositional), requirements_type="hierarchical")
    with pytest.raises(ValueError, match="Unknown requirements type"):
        build_shield_layer(3, str(SHARED / "cases" / "bands.txt"), requirements_type="cubic")
    with pytest.raises(ValueError, match="num_variables is 1"):
        ShieldLayer(1, str(SHARED / "cases" / "bands.txt"))
    layer = ShieldLayer(2, str(SHARED / "cases" / "bands.txt"))
    with pytest.raises(TypeError, match="float32 or float64"):
        layer(torch.zeros(3, 2, dtype=torch.float16))
    with pytest.raises(ValueError, match=r"shape \(\.\.\., 2\)"):
        layer(torch.zeros(3, 4))


def test_signatures_match_pishield() -> None:
    import inspect

    parameters = inspect.signature(build_shield_layer).parameters
    assert [(name, parameter.default) for name, parameter in parameters.items()] == [
        ("num_variables", inspect.Parameter.empty),
        ("requirements_filepath", inspect.Parameter.empty),
        ("ordering_choice", "given"),
        ("custom_ordering", None),
        ("requirements_type", "auto"),
    ]
    layer_parameters = list(inspect.signature(ShieldLayer).parameters.values())[:3]
    assert [(p.name, p.default) for p in layer_parameters] == [
        ("num_variables", inspect.Parameter.empty),
        ("requirements_filepath", inspect.Parameter.empty),
        ("ordering_choice", "given"),
    ]
    assert issubclass(ShieldLayer, torch.nn.Module)


def test_layers_and_shields_pickle_and_deepcopy(tmp_path: Path) -> None:
    import copy
    import pickle

    path = SHARED / "cases" / "two_holes.txt"
    model = torch.nn.Sequential(torch.nn.Linear(2, 3), ShieldLayer(3, str(path), "random"))
    clone = copy.deepcopy(model)
    x = torch.randn(32, 2)
    assert torch.equal(clone(x), model(x))
    assert clone[1].shield.ordering == model[1].shield.ordering
    text_shield = reqc.Shield.from_text("ordering y_0\ny_0 >= 1\n")
    again = pickle.loads(pickle.dumps(text_shield))
    assert again.correct(np.zeros((1, 1))).tolist() == [[1.0]]
