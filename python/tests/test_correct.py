"""`Shield.correct` against `reqc correct`, byte for byte, on every shared file."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np
import pytest

import reqc
from conftest import requirement_files

FILES = requirement_files()
SIZES = [0, 1, 7, 300]


def rows_for(shield: reqc.Shield, count: int, dtype, seed: int) -> np.ndarray:
    """Random rows that violate the requirements in many ways: a mix of scales."""
    rng = np.random.default_rng(seed)
    scale = rng.choice([0.5, 3.0, 100.0], size=(count, 1))
    return (rng.standard_normal((count, shield.columns)) * scale).astype(dtype)


def cli_correct(binary: Path, requirements: Path, rows: np.ndarray, directory: Path, *extra: str) -> np.ndarray:
    source = directory / "input.npy"
    target = directory / "output.npy"
    np.save(source, rows)
    subprocess.run(
        [str(binary), "correct", str(requirements), "--input", str(source), "--output", str(target), *extra],
        check=True,
        capture_output=True,
    )
    return np.load(target)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.name)
@pytest.mark.parametrize("dtype", [np.float32, np.float64], ids=["f32", "f64"])
def test_bytes_equal_reqc_correct(path: Path, dtype, reqc_bin: Path, tmp_path: Path) -> None:
    shield = reqc.Shield(path)
    for size in SIZES:
        rows = rows_for(shield, size, dtype, seed=size)
        expected = cli_correct(reqc_bin, path, rows, tmp_path)
        assert expected.dtype == rows.dtype and expected.shape == rows.shape
        for engine in ("auto", "jit", "interp"):
            corrected = shield.correct(rows, engine=engine)
            assert corrected.dtype == rows.dtype
            assert corrected.tobytes() == expected.tobytes(), (path.name, size, engine)
        if size:
            # In place, and the mask: every corrected row meets every requirement
            # (inexact rows aside, which the status reports).
            in_place = rows.copy()
            result, status = shield.correct_with_status(in_place, out=in_place)
            assert result is in_place and in_place.tobytes() == expected.tobytes()
            satisfied = shield.satisfied(in_place)
            exact = np.isin(status, [reqc.STATUS_UNCHANGED, reqc.STATUS_CORRECTED])
            assert satisfied[exact].all(), path.name
            assert not np.isin(status, [reqc.STATUS_UNDECIDED]).any()


@pytest.mark.parametrize("path", [p for p in FILES if p.parent.name == "cases"], ids=lambda p: p.name)
def test_orderings_match_the_cli(path: Path, reqc_bin: Path, tmp_path: Path) -> None:
    for ordering, extra in (("random", ["--ordering", "random", "--seed", "7"]), ("auto", ["--ordering", "auto"])):
        shield = reqc.Shield(path, ordering=ordering, seed=7)
        rows = rows_for(shield, 200, np.float64, seed=3)
        expected = cli_correct(reqc_bin, path, rows, tmp_path, *extra)
        assert shield.correct(rows).tobytes() == expected.tobytes()


def test_non_finite_keep_and_impossible_match_the_cli(reqc_bin: Path, tmp_path: Path) -> None:
    text = "ordering y_1\ny_1 >= y_0\ny_0 <= 5\n"
    path = tmp_path / "inputs.req"
    path.write_text(text)
    shield = reqc.Shield(path)
    rows = np.array([[1.0, 0.0], [7.0, 0.0], [np.nan, 1.0], [2.0, 3.0]], dtype=np.float32)
    expected = cli_correct(reqc_bin, path, rows, tmp_path, "--non-finite", "keep")
    corrected, status = shield.correct_with_status(rows, non_finite="keep")
    assert corrected.tobytes() == expected.tobytes()
    assert status.tolist() == [
        reqc.STATUS_CORRECTED,
        reqc.STATUS_IMPOSSIBLE,
        reqc.STATUS_NON_FINITE,
        reqc.STATUS_UNCHANGED,
    ]
    with pytest.raises(ValueError, match="row 2: .*impossible"):
        shield.correct(rows, non_finite="keep", impossible="error")
    untouched = rows.copy()
    with pytest.raises(ValueError):
        shield.correct(untouched, out=untouched, non_finite="keep", impossible="error")
    assert np.array_equal(untouched, rows, equal_nan=True)


def test_every_output_path_gives_the_same_bytes_and_errors_write_nothing() -> None:
    """A separate `out` (written directly), non-contiguous and read-only rows, `out`
    overlapping the rows, and `impossible="error"`: the same bytes as a plain call; a
    non-finite or impossible error leaves `out` as it was."""
    path = [p for p in FILES if p.name == "heloc_constraints.txt"][0]
    shield = reqc.Shield(path)
    for dtype in (np.float32, np.float64):
        rows = rows_for(shield, 500, dtype, seed=11)
        expected = shield.correct(rows).tobytes()
        out = np.zeros_like(rows)
        assert shield.correct(rows, out=out) is out and out.tobytes() == expected
        wide = np.zeros((rows.shape[0], 2 * rows.shape[1]), dtype=dtype)
        wide[:, ::2] = rows
        assert shield.correct(wide[:, ::2]).tobytes() == expected
        out = np.zeros_like(rows)
        assert shield.correct(wide[:, ::2], out=out) is out and out.tobytes() == expected
        frozen = rows.copy()
        frozen.flags.writeable = False
        assert shield.correct(frozen).tobytes() == expected
        assert shield.correct(frozen, impossible="error").tobytes() == expected
        # `out` a view of the rows' own memory (not `x` itself): a fresh array first.
        shared = rows.copy()
        assert shield.correct(shared, out=shared[:]).tobytes() == expected
        assert shared.tobytes() == expected
        # Errors: `out` keeps its bytes.
        bad = rows.copy()
        bad[321, 5] = np.nan
        out = np.full_like(rows, 7.0)
        with pytest.raises(ValueError, match="row 322"):
            shield.correct(bad, out=out)
        assert (out == 7.0).all() and np.array_equal(bad[:321], rows[:321])
    text = "ordering y_1\ny_1 >= y_0\ny_0 <= 5\n"
    shield = reqc.Shield.from_text(text)
    rows = np.array([[1.0, 0.0], [7.0, 0.0]], dtype=np.float32)
    out = np.full_like(rows, 3.0)
    with pytest.raises(ValueError, match="row 2: .*impossible"):
        shield.correct(rows, out=out, impossible="error")
    assert (out == 3.0).all()


def test_stats_count_like_reqc_stats(reqc_bin: Path, tmp_path: Path) -> None:
    import json

    path = [p for p in FILES if p.name == "heloc_constraints.txt"][0]
    shield = reqc.Shield(path)
    rows = rows_for(shield, 500, np.float64, seed=11)
    np.save(tmp_path / "rows.npy", rows)
    output = subprocess.run(
        [str(reqc_bin), "stats", str(path), "--input", str(tmp_path / "rows.npy"), "--json"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    expected = json.loads(output)
    stats = shield.stats(rows)
    assert stats.rows == expected["rows"] == 500
    assert stats.violating_any == expected["violating_any"]
    assert stats.satisfied == [entry["satisfied"] for entry in expected["requirements"]]
    assert stats.requirements == [entry["requirement"] for entry in expected["requirements"]]
    assert stats.violating_any == int((~shield.satisfied(rows)).sum())


def test_concurrent_threads_give_the_same_bytes() -> None:
    path = [p for p in FILES if p.name == "news_constraints.txt"][0]
    shield = reqc.Shield(path)
    rows = rows_for(shield, 20_000, np.float32, seed=5)
    expected = shield.correct(rows, engine="interp").tobytes()
    results: list[bytes] = []
    errors: list[BaseException] = []

    def work(engine: str) -> None:
        try:
            for _ in range(3):
                results.append(shield.correct(rows, engine=engine, threads=2).tobytes())
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    threads = [threading.Thread(target=work, args=(engine,)) for engine in ("auto", "jit", "interp", "auto")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors, errors
    assert len(results) == 12 and all(result == expected for result in results)


def test_non_contiguous_input_is_copied() -> None:
    path = [p for p in FILES if p.name == "two_holes.txt"][0]
    shield = reqc.Shield(path)
    wide = rows_for(shield, 100, np.float64, seed=1).repeat(2, axis=0)
    strided = wide[::2]
    assert not strided.flags.c_contiguous
    before = strided.copy()
    assert shield.correct(strided).tobytes() == shield.correct(before).tobytes()
    assert np.array_equal(strided, before)
    fortran = np.asfortranarray(before)
    result = shield.correct(fortran, out=fortran)
    assert result is fortran and fortran.tobytes(order="C") == shield.correct(before).tobytes()


def test_kernels_compile_once_per_dtype() -> None:
    path = [p for p in FILES if p.name == "faults_constraints.txt"][0]
    shield = reqc.Shield(path)
    first = shield.compile(np.float32)
    assert first > 0
    assert shield.compile(np.float32) == first  # cached: the same compilation's time
    assert shield._native.kernels_ready("float32") and not shield._native.kernels_ready("float64")


CACHE_PROBE = """
import sys
import numpy as np
import reqc
shield = reqc.Shield(sys.argv[1])
rows = np.random.default_rng(3).random((5000, shield.columns), dtype=np.float32)
corrected = shield.correct(rows, engine="jit")
mapped = any(sys.argv[2] in line for line in open("/proc/self/maps"))
sys.stdout.write("cache" if mapped else "compiled")
np.save(sys.argv[3], corrected)
"""


def test_kernels_are_kept_across_processes_in_the_kernel_cache(tmp_path: Path) -> None:
    """A later process loads the kernels an earlier one stored in `REQC_CACHE_DIR` (seen in
    its memory mappings), with the same bytes; set but empty, nothing is cached; a damaged
    entry is compiled again, never used."""
    path = [p for p in FILES if p.name == "heloc_constraints.txt"][0]
    cache = tmp_path / "kernels"
    cache.mkdir(mode=0o700)

    def run(directory: str, output: str) -> tuple[str, bytes]:
        environment = dict(os.environ, REQC_CACHE_DIR=directory)
        done = subprocess.run(
            [sys.executable, "-c", CACHE_PROBE, str(path), str(cache), str(tmp_path / output)],
            capture_output=True, text=True, env=environment, check=True,
        )
        return done.stdout.strip(), np.load(tmp_path / output).tobytes()

    first, expected = run(str(cache), "first.npy")
    assert first == "compiled"
    entries = sorted(cache.glob("*.so"))
    assert len(entries) == 1, entries
    second, output = run(str(cache), "second.npy")
    assert second == "cache" and output == expected
    # Set but empty: no cache at all, the same bytes.
    uncached, output = run("", "uncached.npy")
    assert uncached == "compiled" and output == expected
    # A damaged entry is never loaded: the kernels are compiled (and stored) again.
    entries[0].write_bytes(b"not a library")
    damaged, output = run(str(cache), "damaged.npy")
    assert damaged == "compiled" and output == expected
    third, output = run(str(cache), "third.npy")
    assert third == "cache" and output == expected


@pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork on this platform")
def test_a_forked_child_corrects_on_threads_of_its_own() -> None:
    # PyTorch's data loaders fork workers from a process that may already have corrected
    # on several threads. The child inherits the worker pool's state but not its threads:
    # without a pool of its own, its first call on two threads would wait forever.
    path = [p for p in FILES if p.name == "heloc_constraints.txt"][0]
    shield = reqc.Shield(path)
    rows = rows_for(shield, 50_000, np.float32, 5)
    expected = shield.correct(rows, threads=2, engine="jit")
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe and exits
        try:
            os.close(read)
            same = shield.correct(rows, threads=2, engine="jit").tobytes() == expected.tobytes()
            os.write(write, b"same" if same else b"different")
        finally:
            os._exit(0)
    os.close(write)
    import select
    import signal
    import time

    deadline = time.monotonic() + 120
    answer = b""
    while time.monotonic() < deadline:
        ready, _, _ = select.select([read], [], [], 1.0)
        if ready:
            answer = os.read(read, 100)
            break
    os.close(read)
    if not answer:
        os.kill(child, signal.SIGKILL)
    os.waitpid(child, 0)
    assert answer == b"same", "the forked child did not finish its correction on two threads"


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="no CPU affinity on this system")
def test_the_default_thread_count_is_the_cores_the_process_may_run_on() -> None:
    # A process pinned to one core (taskset, a batch scheduler's cgroup) gets one thread by
    # default; os.cpu_count() would still have counted every core of the machine.
    script = (
        "import os; os.sched_setaffinity(0, {min(os.sched_getaffinity(0))}); "
        "import reqc; print(reqc._threads(None), reqc._reqc.available_threads(), len(os.sched_getaffinity(0)))"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["1", "1", "1"]
    assert reqc._reqc.available_threads() == len(os.sched_getaffinity(0))
    # The default path (threads=None) gives the bytes of an explicit count.
    shield = reqc.Shield.from_text("ordering y_0 y_1\ny_0 - y_1 >= 0\n")
    rows = np.random.default_rng(5).standard_normal((5000, 2)).astype(np.float32)
    assert shield.correct(rows).tobytes() == shield.correct(rows, threads=1).tobytes()
