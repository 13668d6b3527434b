"""reqc.ray on a local Ray cluster (two worker processes): correction of a Parquet dataset
equals `reqc correct` on the same rows byte for byte, calibration over differently split
datasets equals `reqc verify`, and bad input fails cleanly with no partial output."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import numpy as np
import pytest

pa = pytest.importorskip("pyarrow")
pq = pytest.importorskip("pyarrow.parquet")
ray = pytest.importorskip("ray")

import reqc  # noqa: E402
import reqc.ray as reqc_ray  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
CREDIT = ROOT / "examples" / "credit.req"
ROWS = 1_000_000
FILES = 8


@pytest.fixture(scope="module")
def ray_cluster():
    ray.init(
        num_cpus=2,
        include_dashboard=False,
        object_store_memory=300 * 1024 * 1024,
        log_to_driver=False,
        configure_logging=False,
    )
    context = ray.data.DataContext.get_current()
    context.enable_progress_bars = False
    yield
    ray.shutdown()


def credit_rows(rows: int, seed: int) -> np.ndarray:
    """Rows for examples/credit.req: mostly plausible, many violating a requirement."""
    rng = np.random.default_rng(seed)
    x = np.empty((rows, 8), dtype=np.float32)
    x[:, 0] = rng.uniform(-0.2, 1.2, rows)  # default_probability
    x[:, 1] = rng.uniform(-0.5, 1.0, rows)
    x[:, 2] = rng.uniform(-0.5, 1.0, rows)
    x[:, 3] = rng.normal(4000, 3000, rows)  # limit
    x[:, 4] = rng.normal(3000, 3000, rows)  # balance
    x[:, 5] = rng.uniform(18, 80, rows).round()  # age (an input)
    x[:, 6] = rng.normal(0, 1, rows)  # utilisation
    x[:, 7] = rng.normal(0, 1, rows)
    return x


NAMES = ["default_probability", "y_1", "y_2", "limit", "balance", "age", "utilisation", "y_7"]


def write_credit_dataset(directory: Path, x: np.ndarray, files: int) -> None:
    directory.mkdir()
    ids = np.arange(x.shape[0], dtype=np.int64)
    # Files hold interleaved, shuffled rows, so no file is a contiguous range.
    order = np.random.default_rng(7).permutation(x.shape[0])
    for part, chunk in enumerate(np.array_split(order, files)):
        columns = {"row_id": ids[chunk], "note": pa.array([f"r{i}" for i in chunk[:10]] + [None] * (chunk.size - 10))}
        for index, name in enumerate(NAMES):
            columns[name] = x[chunk, index]
        pq.write_table(pa.table(columns), directory / f"part-{part:02d}.parquet")


def credit_case(base: Path, rows: int, seed: int, reqc_bin: Path) -> tuple[Path, np.ndarray, dict]:
    """`rows` credit rows as `base/rows.npy` and as Parquet files in `base/source`, and
    `reqc correct` of them (`base/corrected.npy` and its summary)."""
    x = credit_rows(rows, seed=seed)
    np.save(base / "rows.npy", x)
    write_credit_dataset(base / "source", x, FILES)
    run = subprocess.run(
        [str(reqc_bin), "correct", str(CREDIT), "--input", str(base / "rows.npy"), "--output",
         str(base / "corrected.npy"), "--message-format", "json"],
        capture_output=True, text=True, check=True,
    )
    summary = next(json.loads(line)["summary"] for line in run.stdout.splitlines() if '"summary"' in line)
    return base, x, summary


@pytest.fixture(scope="module")
def credit(tmp_path_factory, reqc_bin):
    return credit_case(tmp_path_factory.mktemp("credit"), ROWS, 18, reqc_bin)


def test_correct_parquet_equals_the_cli(ray_cluster, credit):
    base, x, cli_summary = credit
    summary = reqc_ray.correct_parquet(base / "source", base / "out", CREDIT, concurrency=2, num_cpus=0.5)
    assert summary.as_dict() == {key: cli_summary[key] for key in summary.as_dict()}
    assert summary.rows == ROWS and summary.changed > 0 and summary.violating_before > 0
    table = pq.read_table(base / "out")
    assert table.num_rows == ROWS
    assert "path" not in table.column_names
    order = np.argsort(table.column("row_id").to_numpy())
    assert (table.column("row_id").to_numpy()[order] == np.arange(ROWS)).all()
    corrected = np.stack([table.column(name).to_numpy()[order] for name in NAMES], axis=1)
    expected = np.load(base / "corrected.npy")
    assert corrected.dtype == expected.dtype == np.float32
    assert corrected.tobytes() == expected.tobytes()
    # Other columns pass through untouched.
    notes = table.column("note").to_pylist()
    ids = table.column("row_id").to_pylist()
    assert sum(note is not None for note in notes) == 10 * FILES
    assert all(note == f"r{i}" for note, i in zip(notes, ids) if note is not None)


@pytest.fixture(scope="module")
def object_store():
    """A local S3 server (moto) and a pyarrow filesystem on it, with a bucket.

    Objects stay below S3's 5 MB part size and go up in one PutObject
    (``allow_delayed_open``): pyarrow 26's AWS SDK rejects moto's answer to
    CompleteMultipartUpload ("error embedded in a 200 OK response"), a test-server
    limitation (moto issue 10055 and kin), not one of real S3."""
    pytest.importorskip("moto.server")
    import socket
    import sys
    import time

    import pyarrow.fs

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the local S3 server (moto) did not start")
                time.sleep(0.2)
        options = {"endpoint_override": f"127.0.0.1:{port}", "scheme": "http", "region": "us-east-1"}
        store = pyarrow.fs.S3FileSystem(
            access_key="testing", secret_key="testing", allow_bucket_creation=True, allow_delayed_open=True,
            **options,
        )
        store.create_dir("reqc-test")
        uri_options = "&".join(f"{key}={value}" for key, value in options.items())
        yield store, uri_options
    finally:
        server.terminate()
        server.wait()


def test_correct_parquet_on_an_object_store(ray_cluster, object_store, tmp_path, reqc_bin):
    """Parquet in and out of S3 (a local moto server): the same bytes as `reqc correct`,
    committed with `_SUCCESS` last; an existing destination is refused; a failure leaves
    neither output nor temporary objects."""
    import pyarrow.fs

    store, _ = object_store
    _, _, cli_summary = credit_case(tmp_path, 100_000, 21, reqc_bin)
    local = pyarrow.fs.LocalFileSystem()
    pyarrow.fs.copy_files(str(tmp_path / "source"), "reqc-test/in", source_filesystem=local, destination_filesystem=store)
    summary = reqc_ray.correct_parquet(
        "reqc-test/in", "reqc-test/out", CREDIT, filesystem=store, concurrency=2, num_cpus=0.5
    )
    assert summary.as_dict() == {key: cli_summary[key] for key in summary.as_dict()}
    listing = store.get_file_info(pyarrow.fs.FileSelector("reqc-test", recursive=True))
    names = sorted(info.path for info in listing if info.type == pyarrow.fs.FileType.File)
    outputs = [name for name in names if name.startswith("reqc-test/out/")]
    expected_names = [f"reqc-test/out/part-{part:02d}.parquet" for part in range(FILES)] + ["reqc-test/out/_SUCCESS"]
    assert outputs == sorted(expected_names)
    assert not [name for name in names if ".reqc-" in name], names
    table = pq.read_table("reqc-test/out", filesystem=store)
    order = np.argsort(table.column("row_id").to_numpy())
    corrected = np.stack([table.column(name).to_numpy()[order] for name in NAMES], axis=1)
    assert corrected.tobytes() == np.load(tmp_path / "corrected.npy").tobytes()
    # The destination exists now: refused, nothing touched.
    with pytest.raises(ValueError, match="s3://reqc-test/out` exists"):
        reqc_ray.correct_parquet("reqc-test/in", "reqc-test/out", CREDIT, filesystem=store)
    # A null in a corrected column fails with the object's URI and leaves nothing behind.
    x_bad = credit_rows(3000, seed=4)
    bad = pa.table({name: x_bad[:, index] for index, name in enumerate(NAMES)})
    limit = bad.column("limit").to_pylist()
    limit[1234] = None
    bad = bad.set_column(NAMES.index("limit"), "limit", pa.array(limit, pa.float32()))
    pq.write_table(bad.slice(0, 10), "reqc-test/bad/part-00.parquet", filesystem=store)
    pq.write_table(bad, "reqc-test/bad/part-01.parquet", filesystem=store)
    with pytest.raises(ValueError, match=r"'limit'.*s3://reqc-test/bad/part-01\.parquet"):
        reqc_ray.correct_parquet(
            "reqc-test/bad", "reqc-test/fixed", CREDIT, filesystem=store, concurrency=2, num_cpus=0.5
        )
    listing = store.get_file_info(pyarrow.fs.FileSelector("reqc-test", recursive=True))
    names = [info.path for info in listing]
    assert not [name for name in names if name.startswith("reqc-test/fixed") or ".reqc-" in name], names


def test_calibration_reads_an_object_store_by_uri(ray_cluster, object_store, tmp_path):
    """`verify_calibration` on an `s3://` URI (credentials and endpoint in the URI) gives
    the report it gives on the same files on the local disk."""
    import pyarrow.fs

    store, uri_options = object_store
    p, labels = calibration_data(60_000, 3, seed=9)
    np.save(tmp_path / "probabilities.npy", p)
    np.save(tmp_path / "labels.npy", labels)
    requirements = tmp_path / "c.req"
    requirements.write_text(CALIBRATION.format(rule="certify"))
    split_dataset(tmp_path / "scores", p, labels, "shuffled")
    local = pyarrow.fs.LocalFileSystem()
    pyarrow.fs.copy_files(str(tmp_path / "scores"), "reqc-test/scores", source_filesystem=local,
                          destination_filesystem=store)
    here = reqc_ray.verify_calibration(
        tmp_path / "scores", requirements, "by_mass", probabilities=["p0", "p1", "p2"], labels="label",
        concurrency=2, num_cpus=0.5,
    )
    there = reqc_ray.verify_calibration(
        f"s3://testing:testing@reqc-test/scores?{uri_options}", requirements, "by_mass",
        probabilities=["p0", "p1", "p2"], labels="label", concurrency=2, num_cpus=0.5,
    )
    assert strip_timings(there.report) == strip_timings(here.report)
    with pytest.raises(ValueError, match="does not exist"):
        reqc_ray.verify_calibration(
            f"s3://testing:testing@reqc-test/nothing?{uri_options}", requirements, "by_mass",
            probabilities=["p0", "p1", "p2"], labels="label",
        )


def test_correct_batches_in_map_batches(ray_cluster, credit):
    base, x, _ = credit
    rows = 20_000
    data = {name: x[:rows, index] for index, name in enumerate(NAMES)}
    data["row_id"] = np.arange(rows)
    shield = reqc.Shield(CREDIT)
    expected, status = shield.correct_with_status(x[:rows])
    for batch_format in ("numpy", "pyarrow"):
        dataset = ray.data.from_arrow(pa.table(data)).repartition(4)
        out = dataset.map_batches(
            reqc_ray.CorrectBatches,
            fn_constructor_args=(str(CREDIT),),
            fn_constructor_kwargs={"status_column": "status", "counts": True},
            batch_format=batch_format,
            concurrency=2,
            num_cpus=0.5,
        ).to_pandas().sort_values("row_id")
        got = np.stack([out[name].to_numpy() for name in NAMES], axis=1)
        assert got.tobytes() == expected.tobytes()
        assert (out["status"].to_numpy() == status).all()
        # The flags come from the statuses; the exact masks of the rows must agree.
        before = ~shield.satisfied(x[:rows])
        after = before & ~shield.satisfied(expected)
        assert (out["reqc_violating_before"].to_numpy() == before).all()
        assert (out["reqc_violating_after"].to_numpy() == after).all()
        assert not after.any()


def test_columns_by_position(ray_cluster, credit):
    base, x, _ = credit
    renamed = {f"c{index}": x[:1000, index] for index in range(8)}
    out = ray.data.from_numpy(np.zeros(1)).map_batches(lambda _: renamed).map_batches(
        reqc_ray.CorrectBatches,
        fn_constructor_args=(str(CREDIT),),
        fn_constructor_kwargs={"columns": [f"c{index}" for index in range(8)], "engine": "interp"},
        batch_format="numpy",
        concurrency=1,
    ).take_batch(1000, batch_format="numpy")
    got = np.stack([out[f"c{index}"] for index in range(8)], axis=1)
    assert got.tobytes() == reqc.Shield(CREDIT).correct(x[:1000]).tobytes()


def leftovers(parent: Path) -> list[str]:
    return [name for name in os.listdir(parent) if ".reqc-" in name]


@pytest.mark.parametrize("problem", ["missing", "dtype", "null"])
def test_bad_input_names_the_column_and_file(ray_cluster, tmp_path, problem):
    x = credit_rows(4000, seed=3)
    source = tmp_path / "source"
    write_credit_dataset(source, x, 4)
    bad = source / "part-02.parquet"
    table = pq.read_table(bad)
    position = table.column_names.index("limit")
    if problem == "missing":
        table = table.drop_columns(["limit"])
    elif problem == "dtype":
        table = table.set_column(position, "limit", pa.array(np.arange(table.num_rows), type=pa.int64()))
    else:
        values = table.column("limit").to_pylist()
        values[17] = None
        table = table.set_column(position, "limit", pa.array(values, type=pa.float32()))
    pq.write_table(table, bad)
    with pytest.raises(ValueError) as caught:
        reqc_ray.correct_parquet(source, tmp_path / "out", CREDIT, concurrency=2, num_cpus=0.5)
    message = str(caught.value)
    assert "'limit'" in message and "part-02.parquet" in message, message
    assert {"missing": "missing", "dtype": "int64", "null": "null"}[problem] in message
    assert not (tmp_path / "out").exists()
    assert leftovers(tmp_path) == []


CALIBRATION = """
calibration by_width {{
    predictions = "probabilities.npy"
    labels = "labels.npy"
    bins = equal_width(10)
    rule = detect
    epsilon = 0.01
    alpha = 0.05
}}

calibration by_mass {{
    predictions = "probabilities.npy"
    labels = "labels.npy"
    bins = equal_mass(7)
    rule = {rule}
    epsilon = 0.02
    min_support = 30
}}
"""


def calibration_data(rows: int, classes: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, 1.5, (rows, classes))
    p = np.exp(logits)
    p /= p.sum(axis=1, keepdims=True)
    truth = np.array([rng.choice(classes, p=row) for row in p[:2000]])
    # The rest drawn vectorised: a label from each row's distribution, made overconfident.
    u = rng.uniform(size=rows - 2000)
    cumulative = np.cumsum(p[2000:] ** 0.8 / (p[2000:] ** 0.8).sum(axis=1, keepdims=True), axis=1)
    rest = (u[:, None] > cumulative).sum(axis=1).clip(0, classes - 1)
    return p, np.concatenate([truth, rest]).astype(np.int64)


def split_dataset(directory: Path, p: np.ndarray, labels: np.ndarray, how: str) -> None:
    directory.mkdir()
    n = p.shape[0]
    ids = np.arange(n, dtype=np.int64)
    if how == "contiguous":
        parts = np.array_split(ids, 8)
    elif how == "shuffled":
        order = np.random.default_rng(11).permutation(n)
        parts = np.split(order, [n // 10, n // 2, n // 2 + 12345])
    else:  # interleaved: row i into file i % 11
        parts = [ids[start::11] for start in range(11)]
    for part, chunk in enumerate(parts):
        columns = {"row_id": ids[chunk], "label": labels[chunk]}
        for k in range(p.shape[1]):
            columns[f"p{k}"] = p[chunk, k]
        pq.write_table(pa.table(columns), directory / f"part-{part:02d}.parquet")


def strip_timings(value):
    if isinstance(value, dict):
        return {key: strip_timings(item) for key, item in value.items() if "seconds" not in key}
    if isinstance(value, list):
        return [strip_timings(item) for item in value]
    return value


@pytest.mark.parametrize("rule", ["certify"])
def test_calibration_equals_reqc_verify_however_split(ray_cluster, tmp_path, reqc_bin, rule):
    p, labels = calibration_data(ROWS, 4, seed=18)
    np.save(tmp_path / "probabilities.npy", p)
    np.save(tmp_path / "labels.npy", labels)
    requirements = tmp_path / "calibration.req"
    requirements.write_text(CALIBRATION.format(rule=rule))
    run = subprocess.run(
        [str(reqc_bin), "verify", str(requirements), "--message-format", "json"],
        capture_output=True, text=True,
    )
    reports = {}
    for line in run.stdout.splitlines():
        obj = json.loads(line)
        if obj.get("type") == "calibration_report":
            reports[obj["report"]["name"]] = obj["report"]
    assert set(reports) == {"by_width", "by_mass"}, run.stdout + run.stderr
    methods = {bin["p_value_method"] for bin in reports["by_width"]["evaluation"]["bins"]}
    assert "fourier_bracket" in methods  # large bins: the bracket path is exercised too
    for how in ("contiguous", "shuffled", "interleaved"):
        source = tmp_path / how
        split_dataset(source, p, labels, how)
        for block in ("by_width", "by_mass"):
            result = reqc_ray.verify_calibration(
                source, requirements, block,
                probabilities=[f"p{k}" for k in range(4)], labels="label",
                concurrency=2, num_cpus=0.5,
            )
            assert strip_timings(result.report) == strip_timings(reports[block]), (how, block)
            assert result.passed == reports[block]["evaluation"]["passed"]
            assert [d.code for d in result.diagnostics]


def cli_report(directory: Path, p: np.ndarray, labels: np.ndarray, text: str, block: str, reqc_bin: Path) -> dict:
    """Writes the predictions and `text` (a `.req` file) to `directory` and returns
    `reqc verify`'s report of calibration block `block`."""
    np.save(directory / "probabilities.npy", p)
    np.save(directory / "labels.npy", labels)
    requirements = directory / "calibration.req"
    requirements.write_text(text)
    run = subprocess.run(
        [str(reqc_bin), "verify", str(requirements), "--message-format", "json"],
        capture_output=True, text=True,
    )
    reports = [json.loads(line)["report"] for line in run.stdout.splitlines()
               if json.loads(line).get("type") == "calibration_report"]
    chosen = [report for report in reports if report["name"] == block]
    assert len(chosen) == 1, run.stdout + run.stderr
    return chosen[0]


def test_calibration_of_a_ray_dataset_merges_passes_not_rows(ray_cluster, tmp_path, reqc_bin):
    """A Ray Dataset (not files) of shuffled rows in uneven blocks, under the detect rule:
    small bins take the exact recursion, large ones the Fourier bracket, and every
    statistic equals `reqc verify` on the file in row order."""
    rows = 300_000
    p, labels = calibration_data(rows, 3, seed=5)
    expected = cli_report(tmp_path, p, labels, CALIBRATION.format(rule="detect"), "by_width", reqc_bin)
    requirements = tmp_path / "calibration.req"
    methods = {bin["p_value_method"] for bin in expected["evaluation"]["bins"]}
    assert {"exact", "fourier_bracket"} <= methods, methods
    order = np.random.default_rng(3).permutation(rows)
    cuts = [0, 7, 40_000, 41_000, 150_000, rows]
    tables = []
    for start, end in zip(cuts, cuts[1:]):
        chunk = order[start:end]
        tables.append(pa.table({"p0": p[chunk, 0], "p1": p[chunk, 1], "p2": p[chunk, 2], "label": labels[chunk]}))
    dataset = ray.data.from_arrow(tables)
    result = reqc_ray.verify_calibration(
        dataset, requirements, "by_width", probabilities=["p0", "p1", "p2"], labels="label",
        concurrency=2, num_cpus=0.5,
    )
    assert strip_timings(result.report) == strip_timings(expected)


@pytest.mark.parametrize("gather_limit", [0, 1000])
def test_equal_mass_edges_by_counting_rounds(ray_cluster, tmp_path, reqc_bin, monkeypatch, gather_limit):
    """The radix selection with every round counting (limit 0: four 16-bit rounds) and
    with gathering after more than one round (limit 1000) finds the edges `reqc verify`
    finds by sorting; ties (repeated confidences) included."""
    p, labels = calibration_data(50_000, 3, seed=12)
    p[:5000] = p[0]  # 5,000 rows share one confidence: ties across an edge
    text = CALIBRATION.format(rule="certify").replace("equal_mass(7)", "equal_mass(13)")
    expected = cli_report(tmp_path, p, labels, text, "by_mass", reqc_bin)
    requirements = tmp_path / "calibration.req"
    monkeypatch.setattr(reqc_ray, "_GATHER_LIMIT", gather_limit)
    dataset = ray.data.from_arrow(
        pa.table({"p0": p[:, 0], "p1": p[:, 1], "p2": p[:, 2], "label": labels})
    ).repartition(5)
    result = reqc_ray.verify_calibration(
        dataset, requirements, "by_mass", probabilities=["p0", "p1", "p2"], labels="label",
        concurrency=2, num_cpus=0.5,
    )
    assert result.report["evaluation"]["edges"] == expected["evaluation"]["edges"]
    assert strip_timings(result.report) == strip_timings(expected)


def test_passes_that_do_not_belong_together_are_refused(tmp_path):
    p, labels = calibration_data(3000, 3, seed=2)
    np.save(tmp_path / "probabilities.npy", p)
    np.save(tmp_path / "labels.npy", labels)
    requirements = tmp_path / "c.req"
    requirements.write_text(CALIBRATION.format(rule="detect"))
    tolerance, epsilon, bins, edges = reqc._reqc.calibration_binning(str(requirements), "by_width")
    assert bins == 10 and edges is not None and edges[0] == 0.0 and edges[-1] == 1.0
    confidences, predicted = reqc._reqc.calibration_rows(np.ascontiguousarray(p), tolerance)
    label = labels.astype(np.uint32)
    first = reqc._reqc.calibration_first_pass(edges, 3, epsilon, confidences, predicted, label)
    merged, needs = reqc._reqc.calibration_merge_first([first])
    half = reqc._reqc.calibration_second_pass(edges, epsilon, needs, confidences[:1500])
    whole = reqc._reqc.calibration_second_pass(edges, epsilon, needs, confidences)
    # The second pass over half the rows does not answer the first pass's needs.
    with pytest.raises(Exception, match="does not answer"):
        reqc._reqc.calibrate_passes(str(requirements), "by_width", merged, half)
    rendered, _, report = reqc._reqc.calibrate_passes(str(requirements), "by_width", merged, whole)
    assert "by_width" in rendered and json.loads(report)["report"]["evaluation"]["predictions"] == 3000
    # Passes over other bins, other epsilons or nonsense are refused with a message.
    other = reqc._reqc.calibration_first_pass([0.0, 0.5, 1.0], 3, epsilon, confidences, predicted, label)
    with pytest.raises(ValueError, match="different bins"):
        reqc._reqc.calibration_merge_first([first, other])
    with pytest.raises(Exception, match="other bins or another epsilon"):
        reqc._reqc.calibrate_passes(str(requirements), "by_mass", merged, whole)
    with pytest.raises(ValueError, match="not a calibration first pass"):
        reqc._reqc.calibration_merge_first(["{}"])
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        reqc._reqc.calibration_first_pass(edges, 3, epsilon, confidences * 2, predicted, label)


def test_calibration_errors_name_column_and_file(ray_cluster, tmp_path):
    p, labels = calibration_data(5000, 3, seed=1)
    p[1234, 1] = 1.5
    np.save(tmp_path / "probabilities.npy", p)
    np.save(tmp_path / "labels.npy", labels)
    (tmp_path / "c.req").write_text(CALIBRATION.format(rule="legacy"))
    split_dataset(tmp_path / "data", p, labels, "contiguous")
    with pytest.raises(ValueError, match=r"part-\d\d\.parquet.*'p1'.*outside"):
        reqc_ray.verify_calibration(
            tmp_path / "data", tmp_path / "c.req", "by_width",
            probabilities=["p0", "p1", "p2"], labels="label",
        )
    with pytest.raises(reqc.RequirementsError, match="no calibration block `nope`"):
        reqc_ray.verify_calibration(
            tmp_path / "data", tmp_path / "c.req", "nope", probabilities=["p0"], labels="label"
        )


def test_the_summary_counts_inexact_rows_that_still_violate_as_the_cli_does(tmp_path, reqc_bin):
    # Equalities whose solutions are rarely floats: some rows are corrected inexactly and
    # still violate, the one kind of moved row whose "after" flag needs an exact check.
    requirements = ROOT / "tests" / "shield" / "equalities.req"
    x = (np.random.default_rng(3).random((4000, 4)) * 1.5 - 0.25).astype(np.float32)
    np.save(tmp_path / "rows.npy", x)
    run = subprocess.run(
        [str(reqc_bin), "correct", str(requirements), "--input", str(tmp_path / "rows.npy"),
         "--output", str(tmp_path / "corrected.npy"), "--message-format", "json", "--recheck"],
        capture_output=True, text=True, check=True,
    )
    cli = json.loads(run.stdout)["summary"]
    assert cli["violating_after"] > 0
    fixer = reqc_ray.CorrectBatches(str(requirements), counts=True, compile=False)
    out, summary = fixer.correct_numpy({f"y_{k}": x[:, k] for k in range(4)})
    assert summary.as_dict() == {key: cli[key] for key in summary.as_dict()}
    shield = reqc.Shield(requirements)
    corrected = np.stack([out[f"y_{k}"] for k in range(4)], axis=1)
    assert (out["reqc_violating_before"] == ~shield.satisfied(x)).all()
    assert (out["reqc_violating_after"] == (~shield.satisfied(x) & ~shield.satisfied(corrected))).all()
