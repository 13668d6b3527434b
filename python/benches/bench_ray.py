"""Rows per second of correction through Ray Data (one and two workers) against in-process
`Shield.correct` on the same rows, printed as ratios from one run (`specs/scale.md`).

    python3 python/benches/bench_ray.py [--rows 2000000] [--files 8]

Three measurements on the same rows of examples/credit.req (float32):
- in-process: `Shield.correct` (one thread, kernels compiled beforehand), and
  `CorrectBatches.correct_table` on the same Arrow batches (one thread): reqc's own
  overhead per batch (stacking columns, the exact check of inexact rows for the
  summary, rebuilding the table);
- Ray: `map_batches(CorrectBatches)` with concurrency 1 and 2 over an in-memory dataset
  (`materialize()` of the result), and `correct_parquet` (read, correct, write Parquet)
  with concurrency 2. Worker start-up and kernel compilation are inside the Ray timings.

And calibration: `reqc verify` of two blocks (equal_width detect, equal_mass certify) on
the same probability rows, as a whole process reading `.npy` files (the baseline), against
`reqc.ray.verify_calibration` over an in-memory dataset with one and two workers (the
reports must be equal; validation, the radix selection of equal_mass edges and both
passes are inside the timing).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import ray

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from test_ray import (  # noqa: E402
    CALIBRATION,
    CREDIT,
    NAMES,
    calibration_data,
    credit_rows,
    strip_timings,
    write_credit_dataset,
)

import reqc  # noqa: E402
import reqc.ray as reqc_ray  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=2_000_000)
    parser.add_argument("--files", type=int, default=8)
    parser.add_argument("--calibration-rows", type=int, default=2_000_000)
    arguments = parser.parse_args()
    rows = arguments.rows
    x = credit_rows(rows, seed=18)

    shield = reqc.Shield(CREDIT)
    shield.compile(np.float32)
    start = time.perf_counter()
    expected = shield.correct(x, threads=1)
    in_process = rows / (time.perf_counter() - start)

    table = pa.table({name: x[:, index] for index, name in enumerate(NAMES)})
    callable_ = reqc_ray.CorrectBatches(CREDIT)
    batches = table.to_batches(max_chunksize=rows // arguments.files)
    start = time.perf_counter()
    for batch in batches:
        callable_.correct_table(pa.Table.from_batches([batch]))
    in_process_table = rows / (time.perf_counter() - start)

    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    ray.data.DataContext.get_current().enable_progress_bars = False
    results = {}
    for workers in (1, 2):
        dataset = ray.data.from_arrow(table).repartition(arguments.files).materialize()
        start = time.perf_counter()
        out = dataset.map_batches(
            reqc_ray.CorrectBatches,
            fn_constructor_args=(str(CREDIT),),
            batch_format="pyarrow",
            batch_size=None,
            concurrency=workers,
            num_cpus=0.5,
            zero_copy_batch=True,
        ).materialize()
        results[workers] = rows / (time.perf_counter() - start)
        assert out.count() == rows
    with tempfile.TemporaryDirectory() as directory:
        source = Path(directory) / "source"
        write_credit_dataset(source, x, arguments.files)
        start = time.perf_counter()
        summary = reqc_ray.correct_parquet(source, Path(directory) / "out", CREDIT, concurrency=2, num_cpus=0.5)
        parquet = rows / (time.perf_counter() - start)
        got = pq.read_table(Path(directory) / "out")
        order = np.argsort(got.column("row_id").to_numpy())
        corrected = np.stack([got.column(name).to_numpy()[order] for name in NAMES], axis=1)
        assert corrected.tobytes() == expected.tobytes()
        calibration = calibrate(Path(directory), arguments.calibration_rows, arguments.files)
    ray.shutdown()

    print(f"rows: {rows:,} (examples/credit.req, float32; {summary.violating_before:,} violating before)")
    print(f"in-process Shield.correct, 1 thread:          {in_process / 1e6:8.3f} M rows/s (baseline 1.000)")
    print(
        f"in-process CorrectBatches.correct_table:      {in_process_table / 1e6:8.3f} M rows/s "
        f"({in_process_table / in_process:.3f})"
    )
    for workers, speed in results.items():
        print(
            f"Ray map_batches, {workers} worker{'s' if workers > 1 else ' '}:              "
            f"{speed / 1e6:8.3f} M rows/s ({speed / in_process:.3f})"
        )
    print(f"correct_parquet, 2 workers (read+write):      {parquet / 1e6:8.3f} M rows/s ({parquet / in_process:.3f})")
    baseline = calibration.pop("reqc verify")
    print(f"calibration rows: {arguments.calibration_rows:,} (4 classes; two blocks)")
    print(f"reqc verify, one process (reads .npy):        {baseline:8.3f} s (baseline 1.000)")
    for name, seconds in calibration.items():
        print(f"{name + ':':46}{seconds:8.3f} s ({seconds / baseline:.3f})")


def calibrate(directory: Path, rows: int, blocks: int) -> dict[str, float]:
    """Seconds of `reqc verify` on two calibration blocks against `verify_calibration`
    on the same rows through Ray, with one and two workers; the reports must be equal."""
    p, labels = calibration_data(rows, 4, seed=18)
    np.save(directory / "probabilities.npy", p)
    np.save(directory / "labels.npy", labels)
    requirements = directory / "calibration.req"
    requirements.write_text(CALIBRATION.format(rule="certify"))
    binary = os.environ.get("REQC_BIN") or str(Path(__file__).resolve().parents[2] / "target" / "release" / "reqc")
    start = time.perf_counter()
    run = subprocess.run([binary, "verify", str(requirements), "--message-format", "json"],
                         capture_output=True, text=True)
    seconds = {"reqc verify": time.perf_counter() - start}
    expected = {}
    for line in run.stdout.splitlines():
        record = json.loads(line)
        if record.get("type") == "calibration_report":
            expected[record["report"]["name"]] = record["report"]
    columns = {f"p{k}": p[:, k] for k in range(4)}
    columns["label"] = labels
    dataset = ray.data.from_arrow(pa.table(columns)).repartition(blocks).materialize()
    for workers in (1, 2):
        start = time.perf_counter()
        for block in ("by_width", "by_mass"):
            result = reqc_ray.verify_calibration(
                dataset, requirements, block, probabilities=[f"p{k}" for k in range(4)], labels="label",
                concurrency=workers, num_cpus=0.5,
            )
            assert strip_timings(result.report) == strip_timings(expected[block]), block
        seconds[f"verify_calibration, {workers} worker{'s' if workers > 1 else ''}"] = time.perf_counter() - start
    return seconds


if __name__ == "__main__":
    main()
