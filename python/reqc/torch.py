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

import os
from typing import Any, List, Optional, Sequence, Union

import numpy as np
import torch

from . import Shield

__all__ = ["ShieldLayer", "build_shield_layer", "detect_requirements_type"]

_SUPPORTED = ("linear", "qflra")
_LATER = ("propositional", "hierarchical")


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
        upstream = grad.detach().to(torch.float64).contiguous().numpy()
        result = ctx.layer.shield._backward(ctx.trace, upstream, threads=ctx.layer.threads)
        return torch.from_numpy(result).to(grad.dtype), None


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


@torch.compiler.disable
def _forward(layer: ShieldLayer, preds: torch.Tensor) -> torch.Tensor:
    if not isinstance(preds, torch.Tensor):
        raise TypeError(f"ShieldLayer expects a torch.Tensor, not {type(preds).__name__}")
    if preds.dtype not in (torch.float32, torch.float64):
        raise TypeError(f"ShieldLayer expects float32 or float64 tensors, not {preds.dtype}")
    if preds.ndim < 1 or preds.shape[-1] != layer.num_variables:
        raise ValueError(
            f"ShieldLayer expects tensors of shape (..., {layer.num_variables}), not {tuple(preds.shape)}"
        )
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
    requirements (both are corrected by reqc's exact shield). Propositional and
    hierarchical requirements are not supported yet and raise ``NotImplementedError``."""
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
    return ShieldLayer(num_variables, requirements_filepath, ordering_choice, custom_ordering=custom_ordering)
