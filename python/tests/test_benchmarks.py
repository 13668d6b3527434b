"""The Python package's benchmark runs: `bench_shield.py --smoke` prints every part of its report.

Its figures are not checked (speed claims live in the benchmark's output, never in timed
tests); what this catches is a benchmark that no longer runs, or that drops a part of its
report, as a broken scaling column once went unnoticed in the kernels' benchmark.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys

from conftest import ROOT, SHARED


def reqc_threads() -> int:
    import reqc

    return reqc._reqc.available_threads()


def test_the_shield_benchmark_runs_every_part_of_its_report() -> None:
    script = ROOT / "python" / "benches" / "bench_shield.py"
    environment = dict(os.environ, REQC_SHARED=str(SHARED))
    done = subprocess.run(
        [sys.executable, str(script), "--smoke"],
        capture_output=True,
        text=True,
        timeout=600,
        env=environment,
    )
    assert done.returncode == 0, done.stderr
    report = done.stdout
    # Three batch sizes of `Shield.correct` on heloc, each beside numpy.copy.
    batches = re.findall(r"^heloc\s+23\s+(\d+)\s+[\d,]+\s+[\d,]+\s+[\d.]+", report, re.MULTILINE)
    assert batches == ["512", "4096", "20000"], report
    assert re.search(r"overhead at 512 rows: -?[\d.]+ µs .*call on 0 rows [\d.]+ µs", report), report
    if reqc_threads() > 1:
        assert re.search(r"thread scaling, \d+ threads against one .*: 16,384 rows [\d.]+x, 65,536 rows [\d.]+x", report), report
    else:
        assert "thread scaling: one core here" in report, report
    assert re.search(r"heloc\s+23 cols: [\d.]+ ms without, [\d.]+ ms with the layer", report), report
    assert re.search(r"heloc\s+compiled and stored .* loading is [\d,]+x faster", report), report
    try:
        import pishield  # noqa: F401
    except ImportError:
        assert "PiShield: cannot import it" in report, report
    else:
        # The small batch is timed in interleaved rounds; the large one once.
        assert re.search(r"PiShield forward, 4,096 rows, .*: [\d.]+x \(median of 7 rounds, [\d.]+-[\d.]+x\)", report), report
        assert re.search(r"PiShield forward, 20,000 rows, .*: [\d.]+x$", report, re.MULTILINE), report
