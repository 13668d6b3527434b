"""Errors: bad files, bad arrays, and nothing that panics across the boundary."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import reqc
from conftest import SHARED

GOOD = "ordering y_0 y_1\ny_0 >= 0\ny_1 >= y_0 + 1\n"


def test_a_bad_file_raises_requirements_error_with_code_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.req"
    path.write_text("ordering y_0 y_1\ny_0 >= 0\ny_1 >= y_0 +\n")
    with pytest.raises(reqc.RequirementsError) as caught:
        reqc.Shield(path)
    error = caught.value
    assert isinstance(error, ValueError)
    assert error.diagnostics, str(error)
    first = error.diagnostics[0]
    assert first.severity == "error" and first.code.startswith("E")
    assert first.line == 3 and first.file == str(path)
    assert f"{path}:3:" in str(error)  # the rendered diagnostics, as `reqc check` prints them
    assert first.labels and first.labels[0].line == 3


def test_infeasible_requirements_name_their_core() -> None:
    with pytest.raises(reqc.RequirementsError) as caught:
        reqc.Shield(SHARED / "cases" / "infeasible.txt")
    codes = [diagnostic.code for diagnostic in caught.value.diagnostics]
    assert codes == ["E0702"]
    assert {label.line for label in caught.value.diagnostics[0].labels} == {2, 3}


def test_from_text_and_properties() -> None:
    shield = reqc.Shield.from_text(GOOD)
    assert shield.columns == 2 and shield.ordering == [0, 1]
    assert len(shield.requirements) == 2
    assert reqc.Shield.from_text(GOOD, ordering=[1, 0]).ordering == [1, 0]
    with pytest.raises(reqc.RequirementsError, match="not a permutation"):
        reqc.Shield.from_text(GOOD, ordering=[0])
    with pytest.raises(ValueError, match='ordering must be "file"'):
        reqc.Shield.from_text(GOOD, ordering="sideways")
    with pytest.raises(reqc.RequirementsError):
        reqc.Shield(Path("/nonexistent/file.req"))


def test_wrong_arrays_raise_value_errors_naming_what_was_expected() -> None:
    shield = reqc.Shield.from_text(GOOD)
    with pytest.raises(ValueError, match=r"must be 2-D \(rows, 2 columns\)"):
        shield.correct(np.zeros(4, dtype=np.float32))
    with pytest.raises(ValueError, match="float32 or float64, not int64"):
        shield.correct(np.zeros((3, 2), dtype=np.int64))
    with pytest.raises(ValueError, match="float32 or float64, not float16"):
        shield.correct(np.zeros((3, 2), dtype=np.float16))
    with pytest.raises(ValueError, match="has 3 columns, but the requirements describe rows of 2 columns"):
        shield.correct(np.zeros((3, 3)))
    with pytest.raises(TypeError, match="numpy.ndarray"):
        shield.correct([[0.0, 1.0]])  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="out must have the shape"):
        shield.correct(np.zeros((3, 2)), out=np.zeros((3, 2), dtype=np.float32))
    with pytest.raises(ValueError, match='engine must be "auto", "jit" or "interp"'):
        shield.correct(np.zeros((3, 2)), engine="gpu")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="threads must be at least 1"):
        shield.correct(np.zeros((3, 2)), threads=0)


def test_nan_is_an_error_naming_row_and_column_unless_kept() -> None:
    shield = reqc.Shield.from_text(GOOD)
    rows = np.array([[0.0, 2.0], [1.0, np.inf]])
    with pytest.raises(ValueError, match="row 2, column 2: inf is not a finite number"):
        shield.correct(rows)
    corrected, status = shield.correct_with_status(rows, non_finite="keep")
    assert status.tolist() == [reqc.STATUS_UNCHANGED, reqc.STATUS_NON_FINITE]
    assert np.array_equal(corrected, rows)
    assert shield.satisfied(rows).tolist() == [True, False]
    with pytest.raises(ValueError, match="row 2, column 2"):
        shield.stats(rows)


@pytest.mark.parametrize("threads", [1, 2, 3])
def test_the_first_non_finite_row_is_named_whichever_thread_finds_it(threads: int) -> None:
    # Kept outputs are checked before they are written, the rows shared among the threads:
    # the error names the first bad row of the whole array, not of the first part to find one.
    # 300,000 rows of 2 columns: parts of at least 2^18 values, so two or three parts.
    shield = reqc.Shield.from_text(GOOD)
    rows = np.zeros((300_000, 2), dtype=np.float32)
    for bad_rows, first in (([290_000], 290_001), ([200_000, 100_000], 100_001), ([131_071, 131_072, 299_999], 131_072)):
        bad = rows.copy()
        for row in bad_rows:
            bad[row, 1] = np.nan
        out = np.full_like(rows, 5.0)
        with pytest.raises(ValueError, match=f"row {first}, column 2: NaN"):
            shield.correct(bad, out=out, threads=threads)
        assert (out == 5.0).all()


def test_native_calls_with_inconsistent_buffers_raise_instead_of_panicking() -> None:
    native = reqc.Shield.from_text(GOOD)._native
    rows = np.zeros((3, 2), dtype=np.float32)
    with pytest.raises(ValueError, match="not 2 rows of 2 columns"):
        native.correct_f32(rows, np.zeros(2, dtype=np.uint8), "auto", 1, "error", "keep")
    with pytest.raises(ValueError, match="C-contiguous"):
        native.correct_f32(np.zeros((2, 6), dtype=np.float32)[:, ::3], np.zeros(2, dtype=np.uint8), "auto", 1, "error", "keep")
    with pytest.raises(ValueError, match="trace"):
        native.trace_f32(rows, rows, np.zeros(3, dtype=np.uint8), np.zeros((3, 7), dtype=np.uint32), 1)
    with pytest.raises(ValueError):
        native.backward(np.zeros((3, 2), dtype=np.uint32), np.zeros((2, 2)), 1)
    with pytest.raises(ValueError, match="no traced literal"):
        native.literal(10_000)
    # A trace entry naming no literal of the shield must not index out of bounds.
    bad_trace = np.full((1, 2), 123_456, dtype=np.uint32)
    with pytest.raises(ValueError, match="literal"):
        native.backward(bad_trace, np.zeros((1, 2)), 1)
    with pytest.raises(TypeError):
        native.correct_f64(rows, np.zeros(3, dtype=np.uint8), "auto", 1, "error", "keep")


def test_check_and_verify_return_values(tmp_path: Path) -> None:
    path = tmp_path / "warn.req"
    path.write_text("ordering y_0 y_1\ny_0 >= 0\ny_0 >= -1\ny_1 >= y_0\n")
    diagnostics = reqc.check(path)
    assert all(isinstance(diagnostic, reqc.Diagnostic) for diagnostic in diagnostics)
    verification = reqc.verify(SHARED / "cases" / "two_holes.txt")
    assert verification.proved and verification.answer == "proved"
    assert verification.obligations > 0 and verification.counterexamples == []
    with pytest.raises(reqc.RequirementsError):
        reqc.verify(SHARED / "cases" / "infeasible.txt")


def test_verify_returns_calibration_and_equivalence_verdicts() -> None:
    root = Path(__file__).resolve().parents[2]
    # The bundled calibration example fails its assertion: a report with bins and a witness.
    calibration = reqc.verify(root / "examples" / "calibration" / "digits.req")
    assert calibration.answer is None and calibration.obligations == 0
    assert len(calibration.calibrations) >= 1
    report = calibration.calibrations[0]
    assert report["name"] and report["evaluation"]["bins"]
    assert not calibration.proved
    assert any(d.code.startswith("E") for d in calibration.diagnostics)
    # The equivalence example: one pair proved, one refuted with a re-evaluated input.
    equivalence = reqc.verify(root / "examples" / "equivalence" / "pruning.req")
    answers = {result["name"]: result["answer"] for result in equivalence.equivalences}
    assert "proved" in answers.values() and "counterexample" in answers.values(), answers
    refuted = [r for r in equivalence.equivalences if r["answer"] == "counterexample"]
    assert all(r["counterexample"]["reproduced"] for r in refuted)


@pytest.mark.parametrize("in_thread", [False, True])
def test_a_rust_panic_is_a_python_exception(in_thread: bool) -> None:
    with pytest.raises(BaseException, match="panic") as caught:
        reqc._reqc._panic_for_tests(in_thread)
    assert type(caught.value).__name__ == "PanicException"
    # The interpreter and the package still work afterwards.
    assert reqc.Shield.from_text(GOOD).correct(np.array([[-1.0, 0.0]])).tolist() == [[0.0, 1.0]]
