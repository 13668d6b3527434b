"""reqc: exact shields for machine-learning requirements, in Python.

``reqc.Shield`` loads a ``.req`` file (or PiShield requirements file) and corrects numpy
arrays so that every requirement holds exactly, with the same bytes as ``reqc correct``;
``reqc.torch`` has PiShield's ``ShieldLayer`` with exact gradients. The work is done by
the Rust library (``reqc._reqc``); this module checks arguments and shapes results.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from typing import Any, Literal, Sequence

import numpy as np

from . import _reqc

__all__ = [
    "Shield",
    "PropositionalShield",
    "is_propositional",
    "RequirementsError",
    "Diagnostic",
    "Label",
    "Stats",
    "Verification",
    "check",
    "verify",
    "STATUS_UNCHANGED",
    "STATUS_CORRECTED",
    "STATUS_IMPOSSIBLE",
    "STATUS_UNDECIDED",
    "STATUS_NON_FINITE",
    "STATUS_INEXACT",
]

#: Row statuses, the C ABI's values (``specs/kernels.md``).
STATUS_UNCHANGED: int = _reqc.STATUS_UNCHANGED
STATUS_CORRECTED: int = _reqc.STATUS_CORRECTED
STATUS_IMPOSSIBLE: int = _reqc.STATUS_IMPOSSIBLE
STATUS_UNDECIDED: int = _reqc.STATUS_UNDECIDED
STATUS_NON_FINITE: int = _reqc.STATUS_NON_FINITE
STATUS_INEXACT: int = _reqc.STATUS_INEXACT

Ordering = Literal["file", "random", "auto"]
Engine = Literal["auto", "jit", "interp"]


@dataclass(frozen=True)
class Label:
    """A labelled place in the file: one-based line and column where it starts."""

    message: str
    primary: bool
    line: int
    column: int
    line_end: int
    column_end: int


@dataclass(frozen=True)
class Diagnostic:
    """One diagnostic of ``reqc check`` (the ``--message-format json`` object)."""

    code: str
    severity: str
    message: str
    file: str
    line: int
    column: int
    labels: list[Label] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    help: list[str] = field(default_factory=list)

    @staticmethod
    def _from_json(line: str) -> "Diagnostic":
        obj = json.loads(line)
        return Diagnostic(
            code=obj["code"],
            severity=obj["severity"],
            message=obj["message"],
            file=obj["file"],
            line=obj["line_start"],
            column=obj["column_start"],
            labels=[
                Label(
                    message=label["message"],
                    primary=label["primary"],
                    line=label["line_start"],
                    column=label["column_start"],
                    line_end=label["line_end"],
                    column_end=label["column_end"],
                )
                for label in obj["labels"]
            ],
            notes=list(obj["notes"]),
            help=list(obj["help"]),
        )


def _diagnostics(json_lines: str) -> list[Diagnostic]:
    return [Diagnostic._from_json(line) for line in json_lines.splitlines() if line.strip()]


class RequirementsError(ValueError):
    """A requirements file with errors. ``str(error)`` is the rendered diagnostics, as
    ``reqc check`` prints them; ``error.diagnostics`` the same as objects."""

    def __init__(self, rendered: str, diagnostics: list[Diagnostic]):
        super().__init__(rendered)
        self.rendered = rendered
        self.diagnostics = diagnostics


def _load_error(failure: Exception) -> RequirementsError:
    rendered, json_lines = failure.args
    return RequirementsError(rendered, _diagnostics(json_lines))


@dataclass(frozen=True)
class Stats:
    """``reqc stats`` on a batch: rates are shares of rows (0 to 1)."""

    rows: int
    violating_any: int
    requirements: list[str]
    satisfied: list[int]

    @property
    def violating_any_rate(self) -> float:
        return self.violating_any / self.rows if self.rows else 0.0

    @property
    def rates(self) -> dict[str, float]:
        return {
            name: (count / self.rows if self.rows else 0.0)
            for name, count in zip(self.requirements, self.satisfied)
        }


def _ordering_arguments(ordering: Any) -> tuple[str, list[int] | None]:
    if isinstance(ordering, str):
        if ordering not in ("file", "random", "auto"):
            raise ValueError(
                f'ordering must be "file", "random", "auto" or a list of column indices, not {ordering!r}'
            )
        return ordering, None
    try:
        columns = [int(column) for column in ordering]
    except TypeError:
        raise TypeError(
            f'ordering must be "file", "random", "auto" or a list of column indices, not {ordering!r}'
        ) from None
    return "file", columns


def _threads(threads: int | None) -> int:
    if threads is None:
        # The cores this process may run on (affinity and cgroup quotas), read once by the
        # native side: `os.cpu_count()` counted every core of the host and cost 6 µs a call.
        return _reqc.available_threads()
    if int(threads) < 1:
        raise ValueError(f"threads must be at least 1, not {threads}")
    return int(threads)


def _checked_rows(x: Any, columns: int, name: str, what: str) -> np.ndarray:
    """``x`` if it is a 2-D float32 or float64 array of ``columns`` columns; otherwise the
    error that names what was expected."""
    if not isinstance(x, np.ndarray):
        raise TypeError(f"{name} must be a numpy.ndarray of float32 or float64, not {type(x).__name__}")
    if x.dtype not in (np.float32, np.float64):
        raise ValueError(f"{name} must have dtype float32 or float64, not {x.dtype}")
    if x.ndim != 2:
        raise ValueError(f"{name} must be 2-D (rows, {columns} columns), not of shape {x.shape}")
    if x.shape[1] != columns:
        raise ValueError(f"{name} has {x.shape[1]} columns, but the {what} describe rows of {columns} columns")
    return x


_POLICIES = {"non_finite": ("error", "keep"), "impossible": ("keep", "error")}


class Shield:
    """The shield of a requirements file: maps every row to the nearest row that meets
    every requirement, exactly (``specs/correction.md``).

    ``ordering`` is ``"file"`` (the file's ``ordering`` line), ``"random"`` (seeded by
    ``seed``), ``"auto"`` (the heuristic of ``reqc correct --ordering auto``) or a list of
    column indices (a permutation of the file's ordering). A file with errors raises
    :class:`RequirementsError`.

    Compiled kernels are kept in the kernel cache of ``reqc correct`` (``$REQC_CACHE_DIR``,
    default ``~/.cache/reqc/kernels``; set but empty: off), so that a later process (a
    rerun, a Ray worker) loads them instead of compiling.
    """

    __slots__ = ("_native", "_ordering_choice", "_source")

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        ordering: Ordering | Sequence[int] = "file",
        seed: int = 0,
        max_clauses: int = 2000,
    ):
        kind, columns = _ordering_arguments(ordering)
        try:
            self._native = _reqc.NativeShield.load(
                os.fspath(path), kind, int(seed), columns, int(max_clauses)
            )
        except _reqc.LoadFailure as failure:
            raise _load_error(failure) from None
        self._ordering_choice = ordering
        self._source = ("path", os.fspath(path), ordering, int(seed), int(max_clauses), None)

    @classmethod
    def from_text(
        cls,
        text: str,
        *,
        ordering: Ordering | Sequence[int] = "file",
        seed: int = 0,
        max_clauses: int = 2000,
        name: str = "<text>",
    ) -> "Shield":
        """The shield of a requirements text (relative paths in it resolve in the current directory)."""
        kind, columns = _ordering_arguments(ordering)
        shield = cls.__new__(cls)
        try:
            shield._native = _reqc.NativeShield.from_text(
                text, name, None, kind, int(seed), columns, int(max_clauses)
            )
        except _reqc.LoadFailure as failure:
            raise _load_error(failure) from None
        shield._ordering_choice = ordering
        shield._source = ("text", text, ordering, int(seed), int(max_clauses), name)
        return shield

    def __reduce__(self) -> tuple[Any, ...]:
        # Pickling (and copy.deepcopy of a model holding a ShieldLayer) rebuilds the
        # shield from its file or text; compiled kernels are not carried over.
        return (_rebuild, self._source)

    @property
    def columns(self) -> int:
        """Columns per row."""
        return self._native.columns

    @property
    def ordering(self) -> list[int]:
        """The columns correction may change, in correction order."""
        return self._native.ordering

    @property
    def requirements(self) -> list[str]:
        """The requirements' labels, in source order (as ``reqc stats`` names them)."""
        return self._native.requirements

    def __repr__(self) -> str:
        return f"reqc.Shield(columns={self.columns}, requirements={len(self.requirements)})"

    def compile(self, dtype: Any = np.float32) -> float:
        """Compiles the kernels of ``dtype`` now (once per shield and dtype; later calls
        return at once) and returns the compile time in seconds. Optional: ``correct``
        with ``engine="auto"`` starts compiling on first use and interprets meanwhile."""
        return self._native.compile(np.dtype(dtype).name)

    def _rows(self, x: Any, name: str = "x") -> np.ndarray:
        return _checked_rows(x, self.columns, name, "requirements")

    def _correct(
        self,
        x: np.ndarray,
        out: np.ndarray | None,
        threads: int | None,
        engine: str,
        non_finite: str,
        impossible: str,
    ) -> tuple[np.ndarray, np.ndarray, dict[str, int]]:
        x = self._rows(x)
        for option, value in (("non_finite", non_finite), ("impossible", impossible)):
            if value not in _POLICIES[option]:
                allowed = " or ".join(f'"{v}"' for v in _POLICIES[option])
                raise ValueError(f"{option} must be {allowed}, not {value!r}")
        in_place = out is not None and out is x and x.flags.c_contiguous and x.flags.writeable
        if out is not None:
            out = self._rows(out, "out")
            if out.shape != x.shape or out.dtype != x.dtype:
                raise ValueError(
                    f"out must have the shape {x.shape} and dtype {x.dtype} of x, not {out.shape} and {out.dtype}"
                )
        status = np.empty(x.shape[0], dtype=np.uint8)
        native = self._native
        if (in_place and impossible == "keep") or not x.flags.c_contiguous:
            # In place; or on a fresh C-contiguous copy of non-contiguous rows (the copy
            # `impossible="error"` needs to leave `out` untouched when it raises).
            work = x if in_place and impossible == "keep" else np.array(x, order="C", copy=True)
            correct = native.correct_f32 if x.dtype == np.float32 else native.correct_f64
            counts = correct(work, status, engine, _threads(threads), non_finite, impossible)
        else:
            # The native side copies the rows into their output: straight into `out` where
            # it can be written as it is and no error can follow the writing
            # (`impossible="keep"`; the rows are checked for NaN first), otherwise into a
            # fresh array (not checked first: a NaN error comes from the row's status).
            direct = (
                out is not None
                and impossible == "keep"
                and out.flags.c_contiguous
                and out.flags.writeable
                and not np.may_share_memory(out, x)
            )
            work = out if direct else np.empty(x.shape, dtype=x.dtype)
            correct_copy = native.correct_copy_f32 if x.dtype == np.float32 else native.correct_copy_f64
            counts = correct_copy(x, work, not direct, status, engine, _threads(threads), non_finite, impossible)
        if out is not None and work is not out:
            out[...] = work
            work = out
        return work, status, counts

    def correct(
        self,
        x: np.ndarray,
        *,
        out: np.ndarray | None = None,
        threads: int | None = None,
        engine: Engine = "auto",
        non_finite: Literal["error", "keep"] = "error",
        impossible: Literal["keep", "error"] = "keep",
    ) -> np.ndarray:
        """The corrected rows of a 2-D float32 or float64 array: the bytes ``reqc correct``
        writes for the same rows. ``out=x`` corrects in place. The GIL is released while
        correcting. ``non_finite="keep"`` passes rows with NaN or infinities through
        (default: ``ValueError`` naming the row and column); ``impossible="error"`` raises
        on a row whose input columns make the requirements impossible (default: kept)."""
        corrected, _, _ = self._correct(x, out, threads, engine, non_finite, impossible)
        return corrected

    def correct_with_status(
        self,
        x: np.ndarray,
        *,
        out: np.ndarray | None = None,
        threads: int | None = None,
        engine: Engine = "auto",
        non_finite: Literal["error", "keep"] = "error",
        impossible: Literal["keep", "error"] = "keep",
    ) -> tuple[np.ndarray, np.ndarray]:
        """Like :meth:`correct`, with each row's status (uint8, the ``STATUS_*`` values)."""
        corrected, status, _ = self._correct(x, out, threads, engine, non_finite, impossible)
        return corrected, status

    def satisfied(self, x: np.ndarray, *, threads: int | None = None) -> np.ndarray:
        """Whether each row meets every requirement, decided exactly (rows with NaN or
        infinities do not)."""
        x = np.ascontiguousarray(self._rows(x))
        mask = np.empty(x.shape[0], dtype=np.bool_)
        check = self._native.satisfied_f32 if x.dtype == np.float32 else self._native.satisfied_f64
        check(x, mask, _threads(threads))
        return mask

    def stats(self, x: np.ndarray) -> Stats:
        """The per-requirement counts of ``reqc stats`` (NaN and infinities are an error)."""
        x = np.ascontiguousarray(self._rows(x))
        stats = self._native.stats_f32 if x.dtype == np.float32 else self._native.stats_f64
        rows, violating_any, satisfied = stats(x)
        return Stats(rows, violating_any, self.requirements, list(satisfied))

    # Used by reqc.torch: the forward with its trace, and the backward pass.
    def _forward_traced(
        self,
        x: np.ndarray,
        threads: int | None = None,
        engine: Engine = "auto",
        non_finite: Literal["error", "keep"] = "keep",
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        x = np.ascontiguousarray(self._rows(x))
        corrected, status, _ = self._correct(x, None, threads, engine, non_finite, "keep")
        trace = np.empty((x.shape[0], self._native.levels), dtype=np.uint32)
        tracer = self._native.trace_f32 if x.dtype == np.float32 else self._native.trace_f64
        tracer(x, corrected, status, trace, _threads(threads))
        return corrected, status, trace

    def _backward(self, trace: np.ndarray, gradient: np.ndarray, threads: int | None = None) -> np.ndarray:
        gradient = np.array(gradient, dtype=np.float64, order="C", copy=True)
        self._native.backward(trace, gradient, _threads(threads))
        return gradient


def _rebuild(kind: str, source: str, ordering: Any, seed: int, max_clauses: int, name: str | None) -> Shield:
    if kind == "path":
        return Shield(source, ordering=ordering, seed=seed, max_clauses=max_clauses)
    return Shield.from_text(source, ordering=ordering, seed=seed, max_clauses=max_clauses, name=name or "<text>")


def is_propositional(path: str | os.PathLike[str]) -> bool:
    """Whether a requirements file holds propositional rules (clauses ``y_0 or not y_3``,
    Horn rules ``c0 1 :- 0 n2`` or reqc's ``label``/``requirement`` form), decided as
    ``reqc`` and PiShield decide it: no line compares, and some line has ``:-``, ``or``,
    ``not`` or starts with ``label``."""
    return bool(_reqc.is_propositional(os.fspath(path)))


_PROPOSITIONAL_ORDERINGS = ("given", "file", "random") + tuple(
    prefix + measure for measure in ("degree", "eigenvector", "katz", "closeness", "betweenness") for prefix in ("", "rev-")
)


def _propositional_ordering(ordering: Any) -> tuple[str, list[int] | None]:
    if isinstance(ordering, str):
        if ordering not in _PROPOSITIONAL_ORDERINGS:
            raise ValueError(
                'ordering must be "given", "random", a centrality ("degree", "eigenvector", "katz", '
                '"closeness", "betweenness", each also with "rev-") or a list of label indices, '
                f"not {ordering!r}"
            )
        return ordering, None
    try:
        return "given", [int(column) for column in ordering]
    except TypeError:
        raise TypeError(
            f'ordering must be "given", "degree", "rev-degree", "random" or a list of label indices, not {ordering!r}'
        ) from None


_CENTRALITIES = ("degree", "eigenvector", "katz", "closeness", "betweenness")


def _pishield_centrality_ordering(clauses: list[list[tuple[int, bool]]], choice: str) -> list[int]:
    """PiShield's centrality ordering (``'degree'``, ``'eigenvector'``, ``'katz'``,
    ``'closeness'``, ``'betweenness'``, each also with ``'rev-'``), ties included. PiShield
    sorts ``list(ClausesGroup.atoms())`` by a networkx centrality of its atom-clause graph with
    a stable sort, so the order depends on the iteration order of its Python sets, which
    follows from the hashes and insertion order of its constraint, clause and literal sets.
    Tuples and frozensets hash and compare as PiShield's ``Literal``, ``Constraint`` and
    ``Clause`` objects do, so rebuilding those sets and that graph here, in PiShield's order,
    gives PiShield's ordering. Degree needs nothing else; the other measures need networkx
    (PiShield's own dependency). Eigenvector centrality departs from PiShield, whose order
    is not reproducible (see below)."""
    reverse = choice.startswith("rev-")
    measure = choice[4:] if reverse else choice
    constraints = [(clause[0], frozenset((label, not positive) for label, positive in clause[1:])) for clause in clauses]
    clause_set = frozenset(
        frozenset([head] + [(label, not positive) for label, positive in body])
        for head, body in frozenset(constraints)
    )
    atoms: set[int] = set()
    for clause in clause_set:
        atoms = atoms.union({label for label, _ in clause})
    ordered = list(atoms)
    if measure == "degree":
        # networkx's degree centrality is the degree over (nodes - 1), so the degree orders
        # the atoms alike; `rev-` mirrors the values, which reverses their order.
        degree = {atom: sum(1 for clause in clause_set if any(label == atom for label, _ in clause)) for atom in atoms}
        ordered.sort(key=lambda atom: -degree[atom] if reverse else degree[atom])
        return ordered
    try:
        import networkx
    except ImportError:
        raise ImportError(
            f"the {measure!r} ordering is computed by networkx, as PiShield computes it: pip install networkx"
        ) from None
    graph = networkx.Graph()
    graph.add_nodes_from(atoms, kind="atom")
    graph.add_nodes_from(clause_set, kind="clause")
    for clause in clause_set:
        for label, _ in clause:
            graph.add_edge(clause, label)
    def eigenvector(graph: Any) -> dict:
        # PiShield's `eigenvector_centrality_numpy` runs ARPACK from a random start vector,
        # so its order changes from run to run wherever centralities tie (three runs on the
        # bundled rule set gave 26, 27 and 27 strata). reqc takes the dense symmetric
        # eigenvector instead (deterministic) and rounds the values to 9 digits so that
        # ties by symmetry stay ties.
        nodes = list(graph)
        matrix = networkx.to_numpy_array(graph, nodelist=nodes)
        _, vectors = np.linalg.eigh(matrix)
        principal = vectors[:, -1]
        principal = principal * np.sign(principal.sum()) / np.linalg.norm(principal)
        return {node: round(float(value), 9) for node, value in zip(nodes, principal)}

    centrality = {
        "eigenvector": eigenvector,
        "katz": networkx.algorithms.centrality.katz_centrality_numpy,
        "closeness": networkx.algorithms.centrality.closeness_centrality,
        "betweenness": networkx.algorithms.centrality.betweenness_centrality,
    }[measure](graph)
    if reverse:
        values = np.array([centrality[node] for node in centrality])
        lowest, highest = values.min(), values.max()
        for node in centrality:
            centrality[node] = highest - (centrality[node] - lowest)
    ordered.sort(key=lambda atom: centrality[atom])
    return ordered


def _load_propositional(load: Any, ordering: Any, seed: int) -> Any:
    """A native propositional shield for an ordering: ``load(kind, seed, columns)`` builds it.
    A centrality needs the rules first (PiShield's order comes from Python's sets, see
    :func:`_pishield_centrality_ordering`), so it is built twice, the second time with the
    labels in PiShield's order. A file with errors raises :class:`RequirementsError`."""
    kind, columns = _propositional_ordering(ordering)
    centrality = kind not in ("given", "file", "random")
    try:
        native = load("given" if centrality else kind, seed, columns)
        if centrality:
            native = load("given", 0, _pishield_centrality_ordering(native.clauses, kind))
    except _reqc.LoadFailure as failure:
        raise _load_error(failure) from None
    return native


class PropositionalShield:
    """PiShield's propositional Shield Layer on numpy arrays: corrects probability rows so
    that their labels (true above 0.5) satisfy every rule, with PiShield's semantics
    computed exactly (``specs/propositional.md``).

    ``ordering`` is ``"given"`` (the file's ``ordering`` line, else labels 0, 1, ...), one
    of PiShield's centralities (``"degree"``, ``"eigenvector"``, ``"katz"``,
    ``"closeness"``, ``"betweenness"``, each also ``"rev-..."``; computed as PiShield
    computes them, ties included; all but degree need networkx), ``"random"`` (seeded by
    ``seed``) or a list of label indices, settled first to last. A file with errors raises :class:`RequirementsError`.

    PiShield's correction makes the labels satisfy every rule at threshold 0.5 (for rows
    with no probability exactly 0.5); at another ``threshold`` rules can break, which
    ``reqc verify`` reports.
    """

    __slots__ = ("_native", "_source")

    def __init__(self, path: str | os.PathLike[str], *, ordering: Any = "given", seed: int = 0):
        source = os.fspath(path)
        self._native = _load_propositional(
            lambda kind, seed, columns: _reqc.NativePropositionalShield.load(source, kind, seed, columns),
            ordering,
            int(seed),
        )
        self._source = ("path", source, ordering, int(seed), None)

    @classmethod
    def from_text(
        cls, text: str, *, ordering: Any = "given", seed: int = 0, name: str = "<text>"
    ) -> "PropositionalShield":
        """The shield of a rules text."""
        shield = cls.__new__(cls)
        shield._native = _load_propositional(
            lambda kind, seed, columns: _reqc.NativePropositionalShield.from_text(text, name, kind, seed, columns),
            ordering,
            int(seed),
        )
        shield._source = ("text", text, ordering, int(seed), name)
        return shield

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild_propositional, self._source)

    @property
    def columns(self) -> int:
        """Columns per row: the file's ``columns``, or one past the largest label it uses."""
        return self._native.columns

    @property
    def ordering(self) -> list[int]:
        """The labels in the order the shield settles them (the first is never changed)."""
        return self._native.ordering

    @property
    def heads(self) -> list[int]:
        """The labels the shield may change, in the order it corrects them."""
        return self._native.heads

    @property
    def strata(self) -> int:
        """The number of strata (PiShield's ``ConstraintsModule``s)."""
        return self._native.strata

    @property
    def threshold(self) -> float:
        return self._native.threshold

    @property
    def requirements(self) -> list[str]:
        """The rules, in source order, in reqc's form."""
        return self._native.requirements

    @property
    def clauses(self) -> list[list[tuple[int, bool]]]:
        """The rules as clauses: ``(label, positive)`` pairs, each once, in source order."""
        return self._native.clauses

    @property
    def derived_rules(self) -> list[str]:
        """The rules resolution derived, in PiShield's Horn notation (``3 :- 0 n1``)."""
        return self._native.derived_rules

    def __repr__(self) -> str:
        return f"reqc.PropositionalShield(columns={self.columns}, requirements={len(self.requirements)})"

    def _rows(self, x: Any, name: str = "x") -> np.ndarray:
        return _checked_rows(x, self.columns, name, "rules")

    def compile(self, dtype: Any = np.float32) -> float:
        """Compiles the kernels of ``dtype`` now (once per shield and dtype) and returns the
        compile time in seconds; ``correct`` otherwise compiles them on first use."""
        return self._native.compile(np.dtype(dtype).name)

    def correct(
        self,
        x: np.ndarray,
        *,
        out: np.ndarray | None = None,
        threads: int | None = None,
        engine: Engine = "auto",
    ) -> np.ndarray:
        """The corrected rows of a 2-D float32 or float64 array of probabilities (every
        value in [0, 1]; anything else raises ``ValueError`` naming the row and column and
        leaves ``out`` untouched). ``out=x`` corrects in place. The GIL is released.
        ``engine`` is ``"jit"`` (the compiled kernels, compiled once per shield and dtype),
        ``"interp"`` (the interpreter) or ``"auto"`` (the kernels once compiled, and for
        batches of 16,384 rows or more, which compile them; the interpreter otherwise).
        Every engine gives the same bytes."""
        x = self._rows(x)
        if out is not None:
            out = self._rows(out, "out")
            if out.shape != x.shape or out.dtype != x.dtype:
                raise ValueError(
                    f"out must have the shape {x.shape} and dtype {x.dtype} of x, not {out.shape} and {out.dtype}"
                )
        in_place = out is not None and out is x and x.flags.c_contiguous and x.flags.writeable
        # In place, the values are all checked before the first is written, so a bad value
        # still leaves `x` untouched.
        work = x if in_place else np.array(x, dtype=x.dtype, order="C", copy=True)
        correct = self._native.correct_f32 if work.dtype == np.float32 else self._native.correct_f64
        correct(work, _threads(threads), engine)
        if out is not None and work is not out:
            out[...] = work
            return out
        return work

    def satisfied(self, x: np.ndarray, *, threads: int | None = None) -> np.ndarray:
        """Whether each row's labels (true above the threshold) satisfy every rule, exactly."""
        x = np.ascontiguousarray(self._rows(x), dtype=np.float64)
        mask = np.empty(x.shape[0], dtype=np.bool_)
        self._native.satisfied(x, mask, _threads(threads))
        return mask

    # Used by reqc.torch: the forward with its trace, and the backward pass.
    def _forward_traced(
        self,
        x: np.ndarray,
        threads: int | None = None,
        goal: np.ndarray | None = None,
        modules: int | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        work = np.array(self._rows(x), order="C", copy=True)
        if goal is not None:
            goal = np.ascontiguousarray(self._rows(goal, "goal"), dtype=work.dtype)
        trace = np.empty((work.shape[0], len(self.heads)), dtype=np.int64)
        tracer = self._native.trace_f32 if work.dtype == np.float32 else self._native.trace_f64
        tracer(work, trace, _threads(threads), goal, modules)
        return work, trace

    @property
    def modules(self) -> list[int]:
        """PiShield's module (stratum rank) of each label in :attr:`heads`."""
        return self._native.modules

    def _backward(self, trace: np.ndarray, gradient: np.ndarray, threads: int | None = None) -> np.ndarray:
        gradient = np.array(gradient, dtype=np.float64, order="C", copy=True)
        self._native.backward(trace, gradient, _threads(threads))
        return gradient


def _rebuild_propositional(kind: str, source: str, ordering: Any, seed: int, name: str | None) -> PropositionalShield:
    if kind == "path":
        return PropositionalShield(source, ordering=ordering, seed=seed)
    return PropositionalShield.from_text(source, ordering=ordering, seed=seed, name=name or "<text>")


def check(path: str | os.PathLike[str], *, solver: bool = True, timeout: float = 2.0) -> list[Diagnostic]:
    """``reqc check`` as values: every diagnostic of the file (the solver's too unless
    ``solver=False``; ``timeout`` is each solver query's limit in seconds)."""
    _, json_lines = _reqc.check(os.fspath(path), solver, float(timeout))
    return _diagnostics(json_lines)


@dataclass(frozen=True)
class Verification:
    """``reqc verify`` as values. The shield's proof: ``answer`` is ``"proved"``,
    ``"counterexample"`` or ``"unknown"`` (``None`` for a file without requirements);
    ``counterexamples`` are the exact rows Z3 found (re-run through the interpreter), as in
    ``reqc verify --message-format json``. ``calibrations`` holds one report per
    calibration assertion (bins, statistics, verdict, witnesses) and ``equivalences`` one
    result per equivalence assertion (answer, counterexample re-evaluated by both
    models), as the JSON lines of ``reqc verify --message-format json``; ``diagnostics``
    are every verdict as a diagnostic."""

    answer: str | None
    levels: int
    obligations: int
    proved_by_solver: int
    proved_by_inclusion: int
    failed: int
    counterexamples: list[dict[str, Any]]
    calibrations: list[dict[str, Any]]
    equivalences: list[dict[str, Any]]
    diagnostics: list[Diagnostic]
    rendered: str

    @property
    def proved(self) -> bool:
        """Whether nothing failed: the shield (if any) proved and no diagnostic is an error."""
        return self.answer in (None, "proved") and not any(
            diagnostic.severity == "error" for diagnostic in self.diagnostics
        )


def verify(
    path: str | os.PathLike[str],
    *,
    ordering: Ordering | Sequence[int] = "file",
    seed: int = 0,
    timeout: float = 10.0,
    max_clauses: int = 2000,
) -> Verification:
    """``reqc verify``: proves with Z3 that the file's shield is sound and complete, and
    runs its calibration and equivalence assertions."""
    kind, columns = _ordering_arguments(ordering)
    try:
        rendered, json_lines, summary, assertion_lines = _reqc.verify(
            os.fspath(path), kind, int(seed), columns, float(timeout), int(max_clauses)
        )
    except _reqc.LoadFailure as failure:
        raise _load_error(failure) from None
    data = json.loads(summary) if summary is not None else None
    assertions = [json.loads(line) for line in assertion_lines]
    return Verification(
        answer=data["answer"] if data else None,
        levels=data["levels"] if data else 0,
        obligations=data["obligations"] if data else 0,
        proved_by_solver=data["proved_by_solver"] if data else 0,
        proved_by_inclusion=data["proved_by_inclusion"] if data else 0,
        failed=data["failed"] if data else 0,
        counterexamples=list(data["counterexamples"]) if data else [],
        calibrations=[line["report"] for line in assertions if line.get("type") == "calibration_report"],
        equivalences=[line["equivalence"] for line in assertions if "equivalence" in line],
        diagnostics=_diagnostics(json_lines),
        rendered=rendered,
    )
