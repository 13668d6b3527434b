"""Type stubs of the extension module (``python/src/lib.rs``); use ``reqc``'s wrappers."""

import numpy as np
import numpy.typing as npt

STATUS_UNCHANGED: int
STATUS_CORRECTED: int
STATUS_IMPOSSIBLE: int
STATUS_UNDECIDED: int
STATUS_NON_FINITE: int
STATUS_INEXACT: int
NO_LITERAL: int

class LoadFailure(Exception):
    """args: (rendered diagnostics, JSON lines)."""

class NativeShield:
    @staticmethod
    def load(
        path: str,
        ordering_kind: str = "file",
        seed: int = 0,
        columns: list[int] | None = None,
        max_clauses: int = 2000,
    ) -> NativeShield: ...
    @staticmethod
    def from_text(
        text: str,
        name: str = "<text>",
        base: str | None = None,
        ordering_kind: str = "file",
        seed: int = 0,
        columns: list[int] | None = None,
        max_clauses: int = 2000,
    ) -> NativeShield: ...
    @property
    def columns(self) -> int: ...
    @property
    def ordering(self) -> list[int]: ...
    @property
    def column_names(self) -> list[str]: ...
    @property
    def requirements(self) -> list[str]: ...
    @property
    def levels(self) -> int: ...
    @property
    def level_columns(self) -> list[int]: ...
    def compile(self, dtype: str) -> float: ...
    def kernels_ready(self, dtype: str) -> bool: ...
    def correct_f32(
        self,
        rows: npt.NDArray[np.float32],
        status: npt.NDArray[np.uint8],
        engine: str,
        threads: int,
        non_finite: str,
        impossible: str,
    ) -> dict[str, int]: ...
    def correct_f64(
        self,
        rows: npt.NDArray[np.float64],
        status: npt.NDArray[np.uint8],
        engine: str,
        threads: int,
        non_finite: str,
        impossible: str,
    ) -> dict[str, int]: ...
    def correct_copy_f32(
        self,
        source: npt.NDArray[np.float32],
        destination: npt.NDArray[np.float32],
        scratch: bool,
        status: npt.NDArray[np.uint8],
        engine: str,
        threads: int,
        non_finite: str,
        impossible: str,
    ) -> dict[str, int]: ...
    def correct_copy_f64(
        self,
        source: npt.NDArray[np.float64],
        destination: npt.NDArray[np.float64],
        scratch: bool,
        status: npt.NDArray[np.uint8],
        engine: str,
        threads: int,
        non_finite: str,
        impossible: str,
    ) -> dict[str, int]: ...
    def satisfied_f32(self, rows: npt.NDArray[np.float32], mask: npt.NDArray[np.bool_], threads: int) -> None: ...
    def satisfied_f64(self, rows: npt.NDArray[np.float64], mask: npt.NDArray[np.bool_], threads: int) -> None: ...
    def stats_f32(self, rows: npt.NDArray[np.float32]) -> tuple[int, int, list[int]]: ...
    def stats_f64(self, rows: npt.NDArray[np.float64]) -> tuple[int, int, list[int]]: ...
    def trace_f32(
        self,
        original: npt.NDArray[np.float32],
        corrected: npt.NDArray[np.float32],
        status: npt.NDArray[np.uint8],
        trace: npt.NDArray[np.uint32],
        threads: int,
    ) -> None: ...
    def trace_f64(
        self,
        original: npt.NDArray[np.float64],
        corrected: npt.NDArray[np.float64],
        status: npt.NDArray[np.uint8],
        trace: npt.NDArray[np.uint32],
        threads: int,
    ) -> None: ...
    def backward(self, trace: npt.NDArray[np.uint32], gradient: npt.NDArray[np.float64], threads: int) -> None: ...
    def literal(self, index: int) -> tuple[int, list[tuple[int, str, str]], str, tuple[str, str]]: ...

class NativePropositionalShield:
    @staticmethod
    def load(
        path: str, ordering_kind: str = "given", seed: int = 0, columns: list[int] | None = None
    ) -> NativePropositionalShield: ...
    @staticmethod
    def from_text(
        text: str,
        name: str = "<text>",
        ordering_kind: str = "given",
        seed: int = 0,
        columns: list[int] | None = None,
    ) -> NativePropositionalShield: ...
    @property
    def columns(self) -> int: ...
    @property
    def ordering(self) -> list[int]: ...
    @property
    def strata(self) -> int: ...
    @property
    def heads(self) -> list[int]: ...
    @property
    def modules(self) -> list[int]: ...
    @property
    def threshold(self) -> float: ...
    @property
    def clauses(self) -> list[list[tuple[int, bool]]]: ...
    @property
    def requirements(self) -> list[str]: ...
    @property
    def derived_rules(self) -> list[str]: ...
    def correct_f32(self, x: np.ndarray, threads: int, engine: str = "auto") -> int: ...
    def correct_f64(self, x: np.ndarray, threads: int, engine: str = "auto") -> int: ...
    def compile(self, dtype: str) -> float: ...
    def trace_f32(
        self, x: np.ndarray, trace: np.ndarray, threads: int, goal: np.ndarray | None = None, modules: int | None = None
    ) -> None: ...
    def trace_f64(
        self, x: np.ndarray, trace: np.ndarray, threads: int, goal: np.ndarray | None = None, modules: int | None = None
    ) -> None: ...
    def backward(self, trace: np.ndarray, gradient: np.ndarray, threads: int) -> None: ...
    def satisfied(self, x: np.ndarray, mask: np.ndarray, threads: int) -> None: ...

def is_propositional(path: str) -> bool: ...
def available_threads() -> int: ...
def check(path: str, solver: bool = True, timeout: float = 2.0) -> tuple[str, str]: ...
def verify(
    path: str,
    ordering_kind: str = "file",
    seed: int = 0,
    columns: list[int] | None = None,
    timeout: float = 10.0,
    max_clauses: int = 2000,
) -> tuple[str, str, str | None, list[str]]: ...
def calibration_binning(path: str, block: str) -> tuple[float, float, int, list[float] | None]: ...
def calibration_rows(
    rows: npt.NDArray[np.float64], tolerance: float
) -> tuple[npt.NDArray[np.float64], npt.NDArray[np.uint32]]: ...
def calibration_first_pass(
    edges: list[float],
    classes: int,
    epsilon: float,
    confidences: npt.NDArray[np.float64],
    predicted: npt.NDArray[np.uint32],
    labels: npt.NDArray[np.uint32],
) -> str: ...
def calibration_merge_first(passes: list[str]) -> tuple[str, str]: ...
def calibration_second_pass(
    edges: list[float], epsilon: float, needs: str, confidences: npt.NDArray[np.float64]
) -> str: ...
def calibration_merge_second(passes: list[str]) -> str: ...
def calibrate_passes(path: str, block: str, first: str, second: str) -> tuple[str, str, str]: ...
def _panic_for_tests(in_thread: bool) -> None: ...
