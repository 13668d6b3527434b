"""PiShield's Shield Layer, exactly: ``reqc.torch.ShieldLayer`` and ``build_shield_layer``
take PiShield's arguments, so that swapping the import is the only change::

    from reqc.torch import build_shield_layer   # was: from pishield.shield_layer import ...
    layer = build_shield_layer(num_variables, "requirements.txt")
    corrected = layer(predictions)               # (..., num_variables), float32 or float64

The forward pass corrects every row so that every requirement holds exactly (the bytes
of ``reqc correct``); the backward pass is the exact gradient of that piecewise-linear
map (``specs/python.md``), computed in Rust with the GIL released.

- Devices: CUDA tensors make a host round trip (copied to the CPU, corrected, copied
  back) until a device kernel exists; dtype and device are preserved.
- ``torch.no_grad()`` and ``torch.inference_mode()`` skip the gradient trace.
- ``torch.compile``: the layer is excluded from compilation (``torch.compiler.disable``),
  so a compiled model has a graph break at the layer and compiles the rest.
- Rows with NaN or infinities pass through unchanged (as PiShield's layer lets them
  through), with the identity as their gradient; ``non_finite="error"`` raises instead.
"""

from __future__ import annotations

import math
import os
from typing import Any, List, Optional, Sequence, Union

import numpy as np
import torch

from . import PropositionalShield, Shield

__all__ = [
    "ShieldLayer",
    "PropositionalShieldLayer",
    "Slicer",
    "ShieldLoss",
    "build_shield_layer",
    "build_shield_loss",
    "detect_requirements_type",
]

_SUPPORTED = ("linear", "qflra", "propositional")
_LATER = ("hierarchical",)


def detect_requirements_type(requirements_filepath: str) -> Optional[str]:
    """PiShield's detection of a requirements file's type, from its contents: ``'linear'``
    or ``'qflra'`` (inequalities, with ``or``/``neg`` for qflra), ``'propositional'`` or
    ``'hierarchical'`` (Horn rules ``:-`` or clauses without inequalities), or None."""
    if os.fspath(requirements_filepath).lower().endswith(".arff"):
        return "hierarchical"
    has_inequality = has_boolean = has_horn = False
    all_horn_binary = True
    with open(requirements_filepath, "r", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            line = line.split("#", 1)[0].strip()
            tokens = line.split()
            if not line or tokens[0] == "ordering":
                continue
            if ":-" in tokens:
                has_horn = True
                rule = tokens[1:] if len(tokens) >= 3 and tokens[2] == ":-" else tokens
                binary = len(rule) == 3 and rule[1] == ":-" and all(
                    (token[2:] if token.startswith("y_") else token).isdigit()
                    for token in (rule[0], rule[2])
                )
                all_horn_binary = all_horn_binary and binary
                continue
            if any(sign in line for sign in (">=", ">", "<=", "<", "==")):
                has_inequality = True
            if "or" in tokens or "neg" in tokens:
                has_boolean = True
    if has_inequality:
        return "qflra" if has_boolean else "linear"
    if has_horn:
        return "hierarchical" if all_horn_binary else "propositional"
    if has_boolean:
        return "propositional"
    return None


def _ordering(ordering_choice: Any, custom_ordering: Optional[Sequence[int]]) -> Any:
    if custom_ordering is not None:
        return [int(column) for column in custom_ordering]
    if isinstance(ordering_choice, str):
        choices = {"given": "file", "file": "file", "random": "random", "auto": "auto"}
        if ordering_choice not in choices:
            raise ValueError(
                f"ordering_choice must be 'given', 'random', 'auto' or a list of variable indices, not {ordering_choice!r}"
            )
        return choices[ordering_choice]
    return [int(column) for column in ordering_choice]


def _input_gradient(ctx: Any, grad: torch.Tensor) -> torch.Tensor:
    """The gradient with respect to a layer's input rows from the gradient with respect to
    its output, through the trace its forward pass saved (computed in f64 by the shield)."""
    upstream = grad.detach().to(torch.float64).contiguous().numpy()
    result = ctx.layer.shield._backward(ctx.trace, upstream, threads=ctx.layer.threads)
    return torch.from_numpy(result).to(grad.dtype)


class _ShieldFunction(torch.autograd.Function):
    """The correction as an autograd function over (N, D) tensors on the CPU."""

    @staticmethod
    def forward(ctx: Any, x: torch.Tensor, layer: "ShieldLayer") -> torch.Tensor:  # type: ignore[override]
        host = x.detach().contiguous().numpy()
        corrected, _, trace = layer.shield._forward_traced(
            host, threads=layer.threads, engine=layer.engine, non_finite=layer.non_finite
        )
        ctx.layer = layer
        ctx.trace = trace
        return torch.from_numpy(corrected)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> Any:  # type: ignore[override]
        return _input_gradient(ctx, grad), None


class ShieldLayer(torch.nn.Module):
    """A differentiable layer that corrects predictions so that they satisfy the
    requirements exactly (PiShield's ``ShieldLayer``, with PiShield's arguments).

    ``ordering_choice`` is ``'given'`` (the file's ordering), ``'random'`` (a seeded
    permutation: ``seed``), ``'auto'`` or a list of variable indices. Further keywords:
    ``engine`` and ``threads`` (as in :meth:`reqc.Shield.correct`), ``non_finite``.
    """

    def __init__(
        self,
        num_variables: int,
        requirements_filepath: str,
        ordering_choice: Union[str, List[int]] = "given",
        *,
        custom_ordering: Optional[List[int]] = None,
        seed: int = 0,
        engine: str = "auto",
        threads: Optional[int] = None,
        non_finite: str = "keep",
    ):
        super().__init__()
        self.num_variables = int(num_variables)
        self.requirements_filepath = os.fspath(requirements_filepath)
        self.shield = Shield(
            self.requirements_filepath, ordering=_ordering(ordering_choice, custom_ordering), seed=seed
        )
        if self.shield.columns > self.num_variables:
            raise ValueError(
                f"the requirements mention {self.shield.columns} variables (y_0 to y_{self.shield.columns - 1}), "
                f"but num_variables is {self.num_variables}"
            )
        if non_finite not in ("keep", "error"):
            raise ValueError(f'non_finite must be "keep" or "error", not {non_finite!r}')
        self.ordering = self.shield.ordering
        self.engine = engine
        self.threads = threads
        self.non_finite = non_finite

    def extra_repr(self) -> str:
        return f"num_variables={self.num_variables}, requirements_filepath={self.requirements_filepath!r}"

    def forward(self, preds: torch.Tensor) -> torch.Tensor:
        return _forward(self, preds)

    # PiShield calls the layer directly; nn.Module.__call__ already dispatches to forward.


def _check_preds(preds: Any, num_variables: int) -> None:
    """Raises the error that names what a Shield Layer expects of ``preds``."""
    if not isinstance(preds, torch.Tensor):
        raise TypeError(f"ShieldLayer expects a torch.Tensor, not {type(preds).__name__}")
    if preds.dtype not in (torch.float32, torch.float64):
        raise TypeError(f"ShieldLayer expects float32 or float64 tensors, not {preds.dtype}")
    if preds.ndim < 1 or preds.shape[-1] != num_variables:
        raise ValueError(f"ShieldLayer expects tensors of shape (..., {num_variables}), not {tuple(preds.shape)}")


@torch.compiler.disable
def _forward(layer: ShieldLayer, preds: torch.Tensor) -> torch.Tensor:
    _check_preds(preds, layer.num_variables)
    columns = layer.shield.columns
    shape = preds.shape
    flat = preds.reshape(-1, layer.num_variables)
    head = flat[:, :columns]
    if torch.is_grad_enabled() and preds.requires_grad:
        # Autograd sees the device transfer and the slicing, so gradients flow back to
        # the caller's device and to the columns the requirements do not mention.
        corrected = _ShieldFunction.apply(head.to("cpu"), layer)
    else:
        array = head.detach().to("cpu").contiguous().numpy()
        corrected = torch.from_numpy(
            layer.shield.correct(array, threads=layer.threads, engine=layer.engine, non_finite=layer.non_finite)
        )
    corrected = corrected.to(preds.device)
    if columns < layer.num_variables:
        corrected = torch.cat([corrected, flat[:, columns:]], dim=1)
    return corrected.reshape(shape)


def build_shield_layer(
    num_variables: int,
    requirements_filepath: str,
    ordering_choice: str = "given",
    custom_ordering: Optional[List] = None,
    requirements_type: str = "auto",
) -> ShieldLayer:
    """PiShield's ``build_shield_layer``: a :class:`ShieldLayer` for linear and QFLRA
    requirements (both are corrected by reqc's exact shield) and a
    :class:`PropositionalShieldLayer` for propositional ones. Hierarchical requirements
    are not supported yet and raise ``NotImplementedError``."""
    if requirements_type == "auto":
        detected = detect_requirements_type(requirements_filepath)
        requirements_type = detected if detected is not None else "qflra"
    if requirements_type in _LATER:
        raise NotImplementedError(
            f"reqc.torch does not support {requirements_type} requirements yet "
            f"({os.fspath(requirements_filepath)}): only linear and qflra requirements; "
            f"use pishield.shield_layer.build_shield_layer for {requirements_type} ones"
        )
    if requirements_type not in _SUPPORTED:
        raise ValueError(
            f"Unknown requirements type {requirements_type!r}: expected 'auto', 'linear', 'qflra', "
            f"'propositional' or 'hierarchical'"
        )
    if requirements_type == "propositional":
        return PropositionalShieldLayer(
            num_variables, requirements_filepath, ordering_choice, custom_ordering=custom_ordering
        )
    return ShieldLayer(num_variables, requirements_filepath, ordering_choice, custom_ordering=custom_ordering)


_CENTRALITIES = ("degree", "eigenvector", "katz", "closeness", "betweenness")


def _propositional_ordering(num_variables: int, ordering_choice: Any, custom_ordering: Any) -> Any:
    """PiShield's ``get_order_and_centrality`` for the propositional layer: a custom
    ordering (a ``"0,3,1"`` string or a list) with ``'given'`` or ``'custom'`` (``rev`` in
    the choice reverses it), ``'given'`` alone (labels 0 to ``num_variables - 1``, or the
    file's ``ordering`` line), or one of PiShield's centralities (``'degree'``,
    ``'eigenvector'``, ``'katz'``, ``'closeness'``, ``'betweenness'``, each also ``'rev-...'``),
    computed as PiShield computes them."""
    if not isinstance(ordering_choice, str):
        return [int(column) for column in ordering_choice]
    if custom_ordering is not None and ("custom" in ordering_choice or "given" in ordering_choice):
        if isinstance(custom_ordering, str):
            columns = [int(part) for part in custom_ordering.split(",")]
        else:
            columns = [int(column) for column in custom_ordering]
        return columns[::-1] if "rev" in ordering_choice else columns
    if ordering_choice == "given":
        return "given"
    name = ordering_choice[4:] if ordering_choice.startswith("rev-") else ordering_choice
    if name in _CENTRALITIES or ordering_choice == "random":
        return ordering_choice
    raise ValueError(
        f"ordering_choice must be 'given', 'custom', a centrality ('degree', 'eigenvector', 'katz', "
        f"'closeness', 'betweenness', or 'rev-' one of them), 'random' or a list, not {ordering_choice!r}"
    )


class _PropositionalFunction(torch.autograd.Function):
    """The propositional correction as an autograd function over (N, D) CPU tensors, with
    PiShield's training-time `goal` (true labels) and module limit (its slicer)."""

    @staticmethod
    def forward(  # type: ignore[override]
        ctx: Any,
        x: torch.Tensor,
        layer: "PropositionalShieldLayer",
        goal: Optional[np.ndarray],
        modules: Optional[int],
    ) -> torch.Tensor:
        corrected, trace = layer.shield._forward_traced(
            x.detach().contiguous().numpy(), threads=layer.threads, goal=goal, modules=modules
        )
        ctx.layer = layer
        ctx.trace = trace
        return torch.from_numpy(corrected)

    @staticmethod
    def backward(ctx: Any, grad: torch.Tensor) -> Any:  # type: ignore[override]
        return _input_gradient(ctx, grad), None, None, None


class Slicer:
    """PiShield's ``Slicer``: the labels and the number of strata of a layer's prefix
    (``PropositionalShieldLayer.slicer(ratio)``), for training on part of the hierarchy."""

    def __init__(self, atoms: Any, modules: int):
        self.atoms = list(atoms)
        self.modules = int(modules)

    def slice_atoms(self, tensor: torch.Tensor) -> torch.Tensor:
        return tensor[:, self.atoms]

    def slice_modules(self, modules: Any) -> Any:
        return modules[: self.modules]


class PropositionalShieldLayer(torch.nn.Module):
    """PiShield's propositional ``ShieldLayer``: corrects predicted probabilities so that
    their labels satisfy every rule at threshold 0.5, with PiShield's semantics computed
    exactly (``specs/propositional.md``). The gradient follows the layer's max/min
    structure: each corrected label passes its gradient to the value it was set from.

    ``forward(preds, goal=None, iterative=True, slicer=None)`` takes PiShield's
    arguments: ``goal`` (the true labels, 0 or 1, as PiShield's training loop passes them)
    counts a rule with its whole body when the goal satisfies the body and with the body
    literals the goal falsifies when it falsifies the head (PiShield's ``apply_goal``);
    ``slicer`` (from :meth:`slicer`) applies the first strata only; ``iterative`` does not
    change the result (both of PiShield's paths compute the same function)."""

    def __init__(
        self,
        num_variables: int,
        requirements_filepath: str,
        ordering_choice: Any = "given",
        *,
        custom_ordering: Any = None,
        seed: int = 0,
        threads: Optional[int] = None,
    ):
        super().__init__()
        self.num_variables = int(num_variables)
        self.requirements_filepath = os.fspath(requirements_filepath)
        ordering = _propositional_ordering(self.num_variables, ordering_choice, custom_ordering)
        self.shield = PropositionalShield(self.requirements_filepath, ordering=ordering, seed=seed)
        if self.shield.columns > self.num_variables:
            raise ValueError(
                f"the rules mention {self.shield.columns} labels (y_0 to y_{self.shield.columns - 1}), "
                f"but num_variables is {self.num_variables}"
            )
        self.ordering = self.shield.ordering
        self.threads = threads
        # PiShield's strata (the labels each module corrects) and core (labels none does).
        strata: dict[int, set[int]] = {}
        for head, module in zip(self.shield.heads, self.shield.modules):
            strata.setdefault(module, set()).add(head)
        self.strata = [strata[module] for module in sorted(strata)]
        core = set(range(self.num_variables))
        for stratum in self.strata:
            core = core.difference(stratum)
        self.core = core

    def extra_repr(self) -> str:
        return f"num_variables={self.num_variables}, requirements_filepath={self.requirements_filepath!r}"

    def gradual_prefix(self, ratio: float) -> tuple[set, int]:
        """PiShield's ``gradual_prefix``: the core labels and whole strata that fit in
        ``floor(ratio * num_variables)`` labels, and how many strata that is."""
        atoms = self.core
        remaining = math.floor(ratio * self.num_variables) - len(atoms)
        if remaining <= 0:
            return atoms, 0
        for index, stratum in enumerate(self.strata):
            remaining -= len(stratum)
            if remaining < 0:
                return atoms, index
            atoms = atoms.union(stratum)
        return atoms, len(self.strata)

    def slicer(self, ratio: float) -> Slicer:
        """PiShield's ``slicer``: a :class:`Slicer` for ``forward(..., slicer=...)``."""
        atoms, modules = self.gradual_prefix(ratio)
        return Slicer(atoms, modules)

    def forward(
        self, preds: torch.Tensor, goal: Any = None, iterative: bool = True, slicer: Any = None
    ) -> torch.Tensor:
        return _propositional_forward(self, preds, goal, None if slicer is None else int(slicer.modules))


@torch.compiler.disable
def _propositional_forward(
    layer: PropositionalShieldLayer,
    preds: torch.Tensor,
    goal: Any = None,
    modules: Optional[int] = None,
) -> torch.Tensor:
    _check_preds(preds, layer.num_variables)
    columns = layer.shield.columns
    shape = preds.shape
    flat = preds.reshape(-1, layer.num_variables)
    head = flat[:, :columns]
    goal_rows = None
    if goal is not None:
        goal = torch.as_tensor(goal)
        if tuple(goal.shape) != tuple(shape):
            raise ValueError(f"goal must have the shape of preds {tuple(shape)}, not {tuple(goal.shape)}")
        goal_rows = goal.reshape(-1, layer.num_variables)[:, :columns].detach().to("cpu", preds.dtype).contiguous().numpy()
    if torch.is_grad_enabled() and preds.requires_grad:
        corrected = _PropositionalFunction.apply(head.to("cpu"), layer, goal_rows, modules)
    elif goal_rows is not None or modules is not None:
        corrected_rows, _ = layer.shield._forward_traced(
            head.detach().to("cpu").contiguous().numpy(), threads=layer.threads, goal=goal_rows, modules=modules
        )
        corrected = torch.from_numpy(corrected_rows)
    else:
        corrected = torch.from_numpy(
            layer.shield.correct(head.detach().to("cpu").contiguous().numpy(), threads=layer.threads)
        )
    corrected = corrected.to(preds.device)
    if columns < layer.num_variables:
        corrected = torch.cat([corrected, flat[:, columns:]], dim=1)
    return corrected.reshape(shape)


class ShieldLoss(torch.nn.Module):
    """PiShield's Shield Loss (its "memory-efficient loss"): a differentiable penalty in
    [0, 1] that is small when the predictions satisfy the rules, under the Gödel
    (``'godel'``), Łukasiewicz (``'lukasiewicz'``) or product (``'product'``) t-norm. Every
    rule of the file counts once, in the file's order, as PiShield counts them:

    - ``godel``: ``1 - mean(max over a rule's literals of v)``,
    - ``lukasiewicz``: ``1 - mean(min(1, sum of v))``,
    - ``product``: ``mean(product of (1 - v))``,

    where ``v`` is ``p`` for a literal ``y_k`` and ``1 - p`` for ``not y_k``. The rules
    may be written in any of reqc's propositional forms (PiShield's loss reads Horn rules
    with an identifier only). Autograd differentiates it; ``torch.autograd.gradcheck``
    confirms the gradients in the tests."""

    def __init__(self, num_variables: int, requirements_filepath: str, tnorm_choice: str = "godel"):
        super().__init__()
        if tnorm_choice not in ("godel", "lukasiewicz", "product"):
            raise ValueError(f"tnorm {tnorm_choice!r} not defined: use 'godel', 'lukasiewicz' or 'product'")
        self.num_variables = int(num_variables)
        self.requirements_filepath = os.fspath(requirements_filepath)
        self.tnorm_choice = tnorm_choice
        shield = PropositionalShield(self.requirements_filepath)
        if shield.columns > self.num_variables:
            raise ValueError(
                f"the rules mention {shield.columns} labels (y_0 to y_{shield.columns - 1}), "
                f"but num_variables is {self.num_variables}"
            )
        rules, columns, signs = [], [], []
        for index, clause in enumerate(shield.clauses):
            for column, positive in clause:
                rules.append(index)
                columns.append(column)
                signs.append(positive)
        self.num_requirements = len(shield.clauses)
        self.register_buffer("_rules", torch.tensor(rules, dtype=torch.long), persistent=False)
        self.register_buffer("_columns", torch.tensor(columns, dtype=torch.long), persistent=False)
        self.register_buffer("_positive", torch.tensor(signs, dtype=torch.bool), persistent=False)

    def extra_repr(self) -> str:
        return f"num_variables={self.num_variables}, tnorm_choice={self.tnorm_choice!r}"

    def forward(self, preds: torch.Tensor) -> torch.Tensor:
        if not isinstance(preds, torch.Tensor) or not preds.is_floating_point():
            raise TypeError("ShieldLoss expects a floating-point torch.Tensor")
        if preds.ndim != 2 or preds.shape[1] != self.num_variables:
            raise ValueError(f"ShieldLoss expects tensors of shape (batch, {self.num_variables}), not {tuple(preds.shape)}")
        if preds.shape[0] == 0:
            return torch.zeros((), dtype=preds.dtype, device=preds.device)
        rules = self._rules.to(preds.device)
        picked = preds[:, self._columns.to(preds.device)]
        values = torch.where(self._positive.to(preds.device), picked, 1.0 - picked)
        shape = (preds.shape[0], self.num_requirements)
        index = rules.unsqueeze(0).expand(preds.shape[0], -1)
        if self.tnorm_choice == "godel":
            satisfaction = torch.zeros(shape, dtype=preds.dtype, device=preds.device).scatter_reduce(
                1, index, values, reduce="amax", include_self=True
            )
            return 1.0 - satisfaction.mean()
        if self.tnorm_choice == "lukasiewicz":
            total = torch.zeros(shape, dtype=preds.dtype, device=preds.device).scatter_add(1, index, values)
            return 1.0 - torch.clamp(total, max=1.0).mean()
        negated = torch.ones(shape, dtype=preds.dtype, device=preds.device).scatter_reduce(
            1, index, 1.0 - values, reduce="prod", include_self=True
        )
        return 1.0 - (1.0 - negated).mean()


def build_shield_loss(
    num_variables: int,
    requirements_filepath: str,
    tnorm_choice: str = "godel",
    requirements_type: str = "propositional",
) -> ShieldLoss:
    """PiShield's ``build_shield_loss``: a :class:`ShieldLoss` for propositional rules."""
    if requirements_type != "propositional":
        raise Exception("Unknown requirements type!")
    return ShieldLoss(num_variables, requirements_filepath, tnorm_choice)
