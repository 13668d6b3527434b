"""reqc on Ray Data: correction and calibration over datasets larger than one machine,
with exactly the answer a single machine gives (``specs/scale.md``).

- :class:`CorrectBatches` is a callable class for ``Dataset.map_batches``: each worker
  builds the shield (and compiles its kernels) once and corrects every batch with the
  bytes ``reqc correct`` writes.
- :func:`correct_parquet` reads a Parquet dataset, corrects it and writes Parquet,
  returning the summary of ``reqc correct`` summed over the workers.
- :func:`verify_calibration` runs one calibration block on a dataset: the same report
  as ``reqc verify`` on the same rows.

Ray runs the work; reqc has no scheduler of its own. Nothing here imports Ray until a
function that needs it is called, so ``import reqc.ray`` is cheap.
"""

from __future__ import annotations

import os
import shutil
import time
import uuid
import json
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from . import STATUS_CORRECTED, STATUS_IMPOSSIBLE, STATUS_INEXACT, STATUS_NON_FINITE
from . import Diagnostic, Shield, _diagnostics, _load_error, _reqc

__all__ = ["CorrectBatches", "Summary", "Calibration", "correct_parquet", "verify_calibration"]

#: The column Ray's ``read_parquet(include_paths=True)`` adds: the file of each row.
#: When a dataset has it, errors name the row's file.
PATH_COLUMN = "path"


@dataclass(frozen=True)
class Summary:
    """The summary of ``reqc correct`` (its ``--message-format json`` ``summary``)."""

    rows: int = 0
    changed: int = 0
    violating_before: int = 0
    violating_after: int = 0
    inexact: int = 0
    impossible: int = 0
    non_finite: int = 0

    def __add__(self, other: "Summary") -> "Summary":
        return Summary(*(a + b for a, b in zip(self._values(), other._values())))

    def _values(self) -> tuple[int, ...]:
        return (
            self.rows,
            self.changed,
            self.violating_before,
            self.violating_after,
            self.inexact,
            self.impossible,
            self.non_finite,
        )

    def as_dict(self) -> dict[str, int]:
        return dict(zip(_SUMMARY_FIELDS, self._values()))


_SUMMARY_FIELDS = (
    "rows",
    "changed",
    "violating_before",
    "violating_after",
    "inexact",
    "impossible",
    "non_finite",
)


def _where(batch_paths: Any, row: int | None = None) -> str:
    """The file a batch (or one row of it) came from, for error messages."""
    if batch_paths is None or len(batch_paths) == 0:
        return "the batch"
    if row is None:
        files = sorted({str(path) for path in batch_paths})
        return "`" + "`, `".join(files[:3]) + "`" + (" and others" if len(files) > 3 else "")
    return f"`{batch_paths[row]}`"


class CorrectBatches:
    """A callable class for ``ray.data.Dataset.map_batches``: corrects the columns the
    requirements describe and passes every other column through untouched.

    ``columns`` lists the dataset column of each ``y_k`` (``columns[k]``); by default a
    column is found by its ``var``/``input`` name in the ``.req`` file, else ``y_k``.
    ``status_column`` (a name) adds each row's status (uint8, ``reqc.STATUS_*``);
    ``counts=True`` adds ``reqc_violating_before`` and ``reqc_violating_after`` (bool),
    from which the summary of ``reqc correct`` is a column sum. ``path_column`` names
    the column holding each row's file (``read_parquet(include_paths=True)``): errors
    name that file and the column is dropped from the output. Other keyword arguments
    go to :class:`reqc.Shield` (``ordering``, ``seed``, ``max_clauses``) and to
    :meth:`reqc.Shield.correct` (``engine``, ``threads``, ``non_finite``,
    ``impossible``). Batches may be ``pyarrow.Table`` or ``dict`` of numpy arrays.
    """

    def __init__(
        self,
        requirements_path: str | os.PathLike[str],
        *,
        columns: Sequence[str] | None = None,
        status_column: str | None = None,
        counts: bool = False,
        path_column: str | None = None,
        compile: bool = True,
        **shield_options: Any,
    ):
        correct_keys = ("engine", "threads", "non_finite", "impossible")
        self._correct_options = {key: shield_options.pop(key) for key in correct_keys if key in shield_options}
        self._correct_options.setdefault("threads", 1)
        self.shield = Shield(requirements_path, **shield_options)
        self.requirements_path = os.fspath(requirements_path)
        names = list(columns) if columns is not None else list(self.shield._native.column_names)
        if len(names) != self.shield.columns:
            raise ValueError(
                f"columns names {len(names)} dataset columns, but `{self.requirements_path}` "
                f"describes rows of {self.shield.columns} columns"
            )
        if len(set(names)) != len(names):
            raise ValueError(f"columns names a dataset column twice: {names}")
        self.columns = names
        self.status_column = status_column
        self.counts = counts
        self.path_column = path_column
        self._compiled: set[str] = set()
        self._compile = compile

    def _matrix(self, get: Any, available: Sequence[str], rows: int, paths: Any) -> np.ndarray:
        missing = [name for name in self.columns if name not in available]
        if missing:
            raise ValueError(
                f"column {missing[0]!r} (y_{self.columns.index(missing[0])} of "
                f"`{self.requirements_path}`) is missing from {_where(paths)}; "
                f"its columns are {list(available)}"
            )
        arrays = []
        for index, name in enumerate(self.columns):
            array = get(name)
            if array.dtype not in (np.float32, np.float64):
                raise ValueError(
                    f"column {name!r} (y_{index}) of {_where(paths)} has dtype {array.dtype}; "
                    "reqc corrects float32 or float64 columns"
                )
            arrays.append(array)
        dtype = arrays[0].dtype
        for name, array in zip(self.columns, arrays):
            if array.dtype != dtype:
                raise ValueError(
                    f"column {name!r} of {_where(paths)} has dtype {array.dtype}, but column "
                    f"{self.columns[0]!r} has {dtype}: the corrected columns must share one dtype"
                )
        matrix = np.empty((rows, len(arrays)), dtype=dtype)
        for index, array in enumerate(arrays):
            matrix[:, index] = array
        return matrix

    def _correct(self, matrix: np.ndarray, paths: Any) -> tuple[np.ndarray, np.ndarray]:
        dtype = matrix.dtype.name
        if self._compile and dtype not in self._compiled:
            # Once per worker and dtype: the kernels, before the first batch is timed.
            self.shield.compile(dtype)
            self._compiled.add(dtype)
        try:
            return self.shield.correct_with_status(matrix, **self._correct_options)
        except ValueError as error:
            raise ValueError(f"{_where(paths)}: {error}") from None

    def _flags(self, after: np.ndarray, status: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # reqc correct counts a row as violating before when it is finite and not
        # satisfied; violating after when it also is not satisfied after correction. As
        # the CLI does (specs/correction.md), both come from the statuses: the shield
        # moves exactly the rows that violate (or finds them impossible), and a row
        # corrected exactly meets every requirement by construction, so only rows
        # corrected inexactly are checked again, exactly.
        threads = self._correct_options["threads"]
        impossible = status == STATUS_IMPOSSIBLE
        inexact = status == STATUS_INEXACT
        violating_before = (status == STATUS_CORRECTED) | inexact | impossible
        violating_after = impossible.copy()
        if inexact.any():
            violating_after[inexact] = ~self.shield.satisfied(after[inexact], threads=threads)
        return violating_before, violating_after

    def summary(self, status: np.ndarray, violating_before: np.ndarray, violating_after: np.ndarray) -> Summary:
        """The summary of ``reqc correct`` for one corrected batch."""
        return Summary(
            rows=int(status.shape[0]),
            changed=int(np.count_nonzero((status == STATUS_CORRECTED) | (status == STATUS_INEXACT))),
            violating_before=int(np.count_nonzero(violating_before)),
            violating_after=int(np.count_nonzero(violating_after)),
            inexact=int(np.count_nonzero(status == STATUS_INEXACT)),
            impossible=int(np.count_nonzero(status == STATUS_IMPOSSIBLE)),
            non_finite=int(np.count_nonzero(status == STATUS_NON_FINITE)),
        )

    def correct_table(self, table: Any, source: str | None = None) -> tuple[Any, Summary]:
        """Corrects a ``pyarrow.Table``; returns the table (other columns untouched, the
        path column dropped) and the batch's summary. ``source`` names the file of
        every row, for error messages."""
        import pyarrow as pa

        paths: Any = [source] * table.num_rows if source is not None else None
        if self.path_column is not None and self.path_column in table.column_names:
            paths = table.column(self.path_column).to_numpy(zero_copy_only=False)
            table = table.drop_columns([self.path_column])
        available = table.column_names
        for name in self.columns:
            if name in available:
                column = table.column(name)
                if column.null_count:
                    valid = column.is_valid().to_numpy(zero_copy_only=False)
                    row = int(np.flatnonzero(~valid)[0])
                    raise ValueError(
                        f"column {name!r} of {_where(paths, row)} holds a null (null values: "
                        f"{column.null_count} in this batch); reqc corrects numbers only"
                    )
                if not pa.types.is_floating(column.type) or pa.types.is_float16(column.type):
                    raise ValueError(
                        f"column {name!r} (y_{self.columns.index(name)}) of {_where(paths)} has "
                        f"type {column.type}; reqc corrects float32 or float64 columns"
                    )

        def get(name: str) -> np.ndarray:
            return table.column(name).to_numpy()

        matrix = self._matrix(get, available, table.num_rows, paths)
        corrected, status = self._correct(matrix, paths)
        before_after = self._flags(corrected, status)
        arrow_type = pa.float32() if corrected.dtype == np.float32 else pa.float64()
        for index, name in enumerate(self.columns):
            position = table.column_names.index(name)
            field = table.schema.field(position)
            table = table.set_column(position, field, pa.array(corrected[:, index], type=arrow_type))
        if self.status_column is not None:
            table = table.append_column(self.status_column, pa.array(status, type=pa.uint8()))
        if self.counts:
            table = table.append_column("reqc_violating_before", pa.array(before_after[0]))
            table = table.append_column("reqc_violating_after", pa.array(before_after[1]))
        return table, self.summary(status, *before_after)

    def correct_numpy(self, batch: Mapping[str, np.ndarray]) -> tuple[dict[str, np.ndarray], Summary]:
        """Corrects a batch of numpy columns (NaN stands for a null there)."""
        batch = dict(batch)
        paths = batch.pop(self.path_column, None) if self.path_column is not None else None
        rows = len(next(iter(batch.values()))) if batch else 0
        matrix = self._matrix(lambda name: np.asarray(batch[name]), list(batch), rows, paths)
        corrected, status = self._correct(matrix, paths)
        before_after = self._flags(corrected, status)
        for index, name in enumerate(self.columns):
            batch[name] = corrected[:, index].copy()
        if self.status_column is not None:
            batch[self.status_column] = status
        if self.counts:
            batch["reqc_violating_before"], batch["reqc_violating_after"] = before_after
        return batch, self.summary(status, *before_after)

    def __call__(self, batch: Any) -> Any:
        if isinstance(batch, Mapping):
            return self.correct_numpy(batch)[0]
        if hasattr(batch, "column_names") and hasattr(batch, "set_column"):
            return self.correct_table(batch)[0]
        raise TypeError(
            'CorrectBatches takes batch_format="pyarrow" or "numpy" batches, not ' + type(batch).__name__
        )


class _CorrectFiles(CorrectBatches):
    """Worker of :func:`correct_parquet`: each input row names one Parquet file on
    ``source_filesystem``, which is read in record batches, corrected and written as the
    file of the same relative name under ``directory`` on ``filesystem`` (``pyarrow.fs``
    filesystems: the local disk or object stores); only the file's summary (one row)
    goes back to the driver."""

    def __init__(
        self,
        requirements_path: str,
        directory: str,
        batch_size: int,
        source_filesystem: Any,
        filesystem: Any,
        **options: Any,
    ):
        super().__init__(requirements_path, **options)
        self.directory = directory
        self.batch_size = batch_size
        self.source_filesystem = source_filesystem
        self.filesystem = filesystem

    def __call__(self, batch: Any) -> Any:
        import pyarrow as pa
        import pyarrow.parquet as pq

        total = Summary()
        for source, relative in zip(batch["source"], batch["relative"]):
            source, relative = str(source), str(relative)
            target = f"{self.directory}/{relative}"
            self.filesystem.create_dir(target.rsplit("/", 1)[0], recursive=True)
            shown = _shown(self.source_filesystem, source)
            with self.source_filesystem.open_input_file(source) as handle:
                reader = pq.ParquetFile(handle)
                writer = None
                try:
                    for record_batch in reader.iter_batches(batch_size=self.batch_size):
                        table = pa.Table.from_batches([record_batch])
                        corrected, summary = self.correct_table(table, source=shown)
                        total = total + summary
                        if writer is None:
                            writer = pq.ParquetWriter(target, corrected.schema, filesystem=self.filesystem)
                        writer.write_table(corrected)
                    if writer is None:  # an empty file stays an empty file
                        pq.write_table(reader.schema_arrow.empty_table(), target, filesystem=self.filesystem)
                finally:
                    if writer is not None:
                        writer.close()
            if _abandoned(self.filesystem, self.directory):
                # Another file failed and the driver removed the directory while this one
                # was written: what this task wrote (and any directory it recreated) goes too.
                _remove_directory(self.filesystem, self.directory)
                raise RuntimeError("the correction was abandoned: another file failed")
        return {key: np.array([value], dtype=np.int64) for key, value in total.as_dict().items()}


def _local_filesystem() -> Any:
    import pyarrow.fs

    return pyarrow.fs.LocalFileSystem()


def _is_local(filesystem: Any) -> bool:
    import pyarrow.fs

    return isinstance(filesystem, pyarrow.fs.LocalFileSystem)


def _shown(filesystem: Any, path: str) -> str:
    """A path as the user would write it: local paths as they are, others as URIs."""
    return path if _is_local(filesystem) else f"{filesystem.type_name}://{path}"


def _locate(location: str | os.PathLike[str], filesystem: Any = None) -> tuple[Any, str]:
    """A dataset location as (``pyarrow.fs`` filesystem, path on it): ``filesystem`` when
    given; else the filesystem a URI names (``s3://``, ``gs://``, ``hdfs://``,
    ``file://``, with pyarrow's query options such as ``?endpoint_override=``); else the
    local disk, the path made absolute."""
    import pyarrow.fs

    text = os.fspath(location)
    if filesystem is not None:
        if "://" in text:
            text = text.split("://", 1)[1]
        return filesystem, text.rstrip("/") or "/"
    if "://" in text:
        found, path = pyarrow.fs.FileSystem.from_uri(text)
        return found, path.rstrip("/")
    return pyarrow.fs.LocalFileSystem(), os.path.abspath(text)


def _parquet_files(
    source: str | os.PathLike[str] | Sequence[str], filesystem: Any = None
) -> tuple[Any, list[str], str | None]:
    """The Parquet files of ``source`` (a file, a directory or prefix searched
    recursively for ``*.parquet``, or a list of files on one filesystem): (filesystem,
    sorted paths, the directory they were found under or ``None``)."""
    import pyarrow.fs

    if isinstance(source, (str, os.PathLike)):
        found, path = _locate(source, filesystem)
        info = found.get_file_info(path)
        if info.type == pyarrow.fs.FileType.Directory:
            listing = found.get_file_info(pyarrow.fs.FileSelector(path, recursive=True))
            files = sorted(
                entry.path
                for entry in listing
                if entry.type == pyarrow.fs.FileType.File and entry.path.endswith(".parquet")
            )
            return found, files, path
        if info.type == pyarrow.fs.FileType.NotFound:
            raise ValueError(f"the source `{os.fspath(source)}` does not exist")
        return found, [path], None
    located = [_locate(item, filesystem) for item in source]
    if not located:
        return filesystem or _local_filesystem(), [], None
    first = located[0][0]
    if any(type(found) is not type(first) for found, _ in located):
        raise ValueError("the source files are on different filesystems")
    return first, [path for _, path in located], None


def _check_schemas(filesystem: Any, files: Sequence[str], columns: Sequence[str], requirements: str) -> None:
    """Fails before any work on a file that lacks a column or holds one of the wrong
    type (Parquet metadata only)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    if not files:
        raise ValueError("the source holds no Parquet files")
    for file in files:
        schema = pq.read_schema(file, filesystem=filesystem)
        shown = _shown(filesystem, file)
        for index, name in enumerate(columns):
            if name not in schema.names:
                raise ValueError(
                    f"column {name!r} (y_{index} of `{requirements}`) is missing from `{shown}`; "
                    f"its columns are {schema.names}"
                )
            kind = schema.field(name).type
            if not (pa.types.is_float32(kind) or pa.types.is_float64(kind)):
                raise ValueError(
                    f"column {name!r} (y_{index}) of `{shown}` has type {kind}; "
                    "reqc corrects float32 or float64 columns"
                )


def _unwrap(error: BaseException) -> BaseException:
    """The user's error inside Ray's task errors: the first ``ValueError`` along
    ``RayTaskError.cause``, ``__cause__`` and ``__context__``, else ``error``."""
    seen: set[int] = set()
    pending: list[BaseException] = [error]
    while pending:
        current = pending.pop(0)
        if id(current) in seen:
            continue
        seen.add(id(current))
        if isinstance(current, ValueError) and "ray" not in type(current).__module__:
            return current
        for link in (getattr(current, "cause", None), current.__cause__, current.__context__):
            if isinstance(link, BaseException):
                pending.append(link)
    # Across processes Ray may keep only the text of the worker's traceback.
    lines = [line.strip() for line in str(error).splitlines() if line.strip().startswith("ValueError: ")]
    if lines:
        return ValueError(lines[-1][len("ValueError: ") :])
    return error


def correct_parquet(
    source: str | os.PathLike[str] | Sequence[str],
    destination: str | os.PathLike[str],
    requirements_path: str | os.PathLike[str],
    *,
    columns: Sequence[str] | None = None,
    concurrency: int | None = None,
    num_cpus: float = 1.0,
    batch_size: int | None = None,
    filesystem: Any = None,
    **options: Any,
) -> Summary:
    """Reads the Parquet dataset ``source`` (a file, a directory or a list of files),
    corrects it on Ray (``concurrency`` workers) and writes Parquet files to the
    directory ``destination``; returns the summary of ``reqc correct`` summed over the
    workers. A missing column, a wrong type or a null raises ``ValueError`` naming the
    column and the file. Nothing partial is left at ``destination``: the output is
    written beside it under a temporary name and committed only when every batch
    succeeded (on the local disk by one rename; on an object store, which has no
    atomic rename, by moving the files into place and writing ``_SUCCESS`` last).
    ``source`` and ``destination`` are local paths or URIs (``s3://bucket/prefix``,
    ``gs://``, ``hdfs://``, with pyarrow's query options), or paths on ``filesystem``
    (a ``pyarrow.fs.FileSystem``, pickled to the workers). ``options`` are those of
    :class:`CorrectBatches`. ``num_cpus`` is each worker's CPU reservation: when
    ``concurrency`` workers would take every CPU of the cluster, give less than 1 (say
    0.5), or Ray Data's own tasks find no CPU left and the job waits forever."""
    import pyarrow.fs
    import ray

    requirements = os.fspath(requirements_path)
    store, files, root = _parquet_files(source, filesystem)
    output, destination_path = _locate(destination, filesystem)
    if output.get_file_info(destination_path).type != pyarrow.fs.FileType.NotFound:
        raise ValueError(
            f"the destination `{_shown(output, destination_path)}` exists; reqc does not overwrite a dataset"
        )
    probe = CorrectBatches(requirements, columns=columns, compile=False, **dict(options))
    _check_schemas(store, files, probe.columns, requirements)
    parent, _, name = destination_path.rpartition("/")
    temporary = f"{parent}/.{name}.reqc-{uuid.uuid4().hex[:8]}.tmp"
    output.create_dir(temporary, recursive=True)
    with output.open_output_stream(f"{temporary}/{_OPEN_MARKER}"):
        pass
    relative = [
        file[len(root) + 1 :] if root else f"part-{index:05d}-{file.rsplit('/', 1)[-1]}"
        for index, file in enumerate(files)
    ]
    committed = False
    try:
        # One task per file, read by the worker itself (pyarrow): the file of every row
        # is known for error messages, and each output file mirrors an input file.
        summaries = ray.data.from_items(
            [{"source": file, "relative": name} for file, name in zip(files, relative)],
            override_num_blocks=len(files),
        ).map_batches(
            _CorrectFiles,
            fn_constructor_args=(requirements, temporary, batch_size or 65536, store, output),
            fn_constructor_kwargs={"columns": probe.columns, **options},
            batch_format="numpy",
            batch_size=1,
            concurrency=concurrency or 1,
            num_cpus=num_cpus,
        )
        total = Summary()
        try:
            for row in summaries.iter_rows():
                total = total + Summary(**{key: int(row[key]) for key in _SUMMARY_FIELDS})
        except Exception as error:
            cause = _unwrap(error)
            if isinstance(cause, ValueError):
                raise ValueError(str(cause)) from None
            raise
        # Every task has finished: the marker is no longer needed, and must not be moved.
        output.delete_file(f"{temporary}/{_OPEN_MARKER}")
        _commit(output, temporary, destination_path, relative)
        committed = True
        return total
    finally:
        if not committed:
            # The marker goes first: a task still writing sees it gone after its write and
            # removes what it wrote, so nothing is left whichever finishes last.
            try:
                output.delete_file(f"{temporary}/{_OPEN_MARKER}")
            except OSError:
                pass
            _remove_directory(output, temporary)
            # A task Ray is still stopping may finish an upload after that removal (an
            # object store's delete can also race the task's own): look again for a
            # moment and remove what reappeared, so nothing is left behind.
            for _ in range(_SWEEPS):
                time.sleep(_SWEEP_PAUSE)
                _remove_directory(output, temporary)


#: The file whose presence in a correction's temporary directory says the correction is
#: still going on (see :func:`correct_parquet`).
_OPEN_MARKER = ".reqc-open"

#: After a failed correction, how many more times (and how many seconds apart) the driver
#: removes the temporary directory again (see :func:`correct_parquet`).
_SWEEPS = 8
_SWEEP_PAUSE = 0.25


def _abandoned(filesystem: Any, directory: str) -> bool:
    """Whether the driver gave the correction writing into ``directory`` up."""
    import pyarrow.fs

    return filesystem.get_file_info(f"{directory}/{_OPEN_MARKER}").type == pyarrow.fs.FileType.NotFound


def _remove_directory(filesystem: Any, path: str) -> None:
    """Removes ``path`` and everything under it, if it exists."""
    import pyarrow.fs

    try:
        if filesystem.get_file_info(path).type != pyarrow.fs.FileType.NotFound:
            filesystem.delete_dir(path)
    except OSError:
        if _is_local(filesystem):
            shutil.rmtree(path, ignore_errors=True)


#: The marker written last into a dataset committed on an object store (Hadoop's and
#: Spark's convention): readers that check it never see a partial dataset.
SUCCESS_MARKER = "_SUCCESS"


def _commit(filesystem: Any, temporary: str, destination: str, relative: Sequence[str]) -> None:
    """Moves the finished output into place: one atomic rename on the local disk; on an
    object store (no atomic directory rename) each file is moved, then ``_SUCCESS`` is
    written; if a move fails, what was moved is removed again."""
    if _is_local(filesystem):
        os.rename(temporary, destination)
        return
    try:
        for name in relative:
            target = f"{destination}/{name}"
            filesystem.create_dir(target.rsplit("/", 1)[0], recursive=True)
            filesystem.move(f"{temporary}/{name}", target)
        with filesystem.open_output_stream(f"{destination}/{SUCCESS_MARKER}"):
            pass
    except BaseException:
        _remove_directory(filesystem, destination)
        raise
    _remove_directory(filesystem, temporary)


@dataclass(frozen=True)
class Calibration:
    """``reqc verify`` on one calibration block: ``report`` is the ``report`` object of
    its ``calibration_report`` JSON line (bins, statistics, verdict, witness),
    ``diagnostics`` the verdict as a diagnostic, ``rendered`` as printed."""

    report: dict[str, Any]
    diagnostics: list[Diagnostic]
    rendered: str

    @property
    def passed(self) -> bool:
        return bool(self.report["evaluation"]["passed"])


class _CalibrationRows:
    """First step of :func:`verify_calibration` on the workers: validates probability rows
    as ``reqc verify`` reads them and keeps, per row, its confidence, prediction and label
    (16 bytes instead of 8 per class), kept in Ray's object store for the passes."""

    def __init__(self, probabilities: Sequence[str] | str, labels: str, tolerance: float, filesystem: Any):
        self.probabilities = probabilities
        self.labels = labels
        self.tolerance = tolerance
        self.filesystem = filesystem

    def __call__(self, table: Any) -> Any:
        if isinstance(table, Mapping) and "source" in table:
            import pyarrow as pa
            import pyarrow.parquet as pq

            # One Parquet file per input row (verify_calibration on files).
            parts = []
            for source in table["source"]:
                read = pq.read_table(str(source), filesystem=self.filesystem)
                shown = _shown(self.filesystem, str(source))
                for name in self._wanted():
                    if name not in read.column_names:
                        raise ValueError(
                            f"column {name!r} is missing from `{shown}`; its columns are {read.column_names}"
                        )
                parts.append(self.reduce(read.select(self._wanted()), [shown] * read.num_rows))
            return pa.concat_tables(parts)
        paths = None
        if PATH_COLUMN in table.column_names and PATH_COLUMN not in self._wanted():
            paths = table.column(PATH_COLUMN).to_numpy(zero_copy_only=False)
        return self.reduce(table, paths)

    def reduce(self, table: Any, paths: Any) -> Any:
        import pyarrow as pa

        for name in self._wanted():
            if name not in table.column_names:
                raise ValueError(f"column {name!r} is missing from {_where(paths)}; its columns are {table.column_names}")
            column = table.column(name)
            if column.null_count:
                valid = column.is_valid().to_numpy(zero_copy_only=False)
                row = int(np.flatnonzero(~valid)[0])
                raise ValueError(f"column {name!r} of {_where(paths, row)} holds a null")
        if isinstance(self.probabilities, str):
            column = table.column(self.probabilities).combine_chunks()
            flat = column.flatten() if hasattr(column, "flatten") else column
            values = np.asarray(flat.to_numpy(zero_copy_only=False), dtype=np.float64)
            matrix = values.reshape(table.num_rows, -1)
            names = [f"{self.probabilities}[{k}]" for k in range(matrix.shape[1])]
        else:
            names = list(self.probabilities)
            matrix = np.empty((table.num_rows, len(names)), dtype=np.float64)
            for index, name in enumerate(names):
                column = table.column(name)
                if not (pa.types.is_floating(column.type) or pa.types.is_integer(column.type)):
                    raise ValueError(f"column {name!r} of {_where(paths)} has type {column.type}; probabilities are numbers")
                matrix[:, index] = column.to_numpy()
        try:
            confidences, predicted = _reqc.calibration_rows(matrix, self.tolerance)
        except ValueError as error:
            message, row, column_index = error.args
            place = f"column {names[column_index]!r}, " if column_index >= 0 else ""
            raise ValueError(f"{_where(paths, row)}, {place}batch row {row + 1}: {message}") from None
        labels = table.column(self.labels)
        if not (pa.types.is_integer(labels.type) or pa.types.is_floating(labels.type) or pa.types.is_boolean(labels.type)):
            raise ValueError(f"column {self.labels!r} of {_where(paths)} has type {labels.type}; labels are class indices")
        raw = np.asarray(labels.to_numpy(), dtype=np.float64)
        bad = ~((np.floor(raw) == raw) & (raw >= 0) & (raw < matrix.shape[1]))
        if bad.any():
            row = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"column {self.labels!r} of {_where(paths, row)}: the label {raw[row]!r} is not a class "
                f"index from 0 to {matrix.shape[1] - 1}"
            )
        columns = {
            "confidence": confidences,
            "predicted": predicted,
            "label": raw.astype(np.uint32),
            "classes": np.full(table.num_rows, matrix.shape[1], dtype=np.uint32),
        }
        return pa.table(columns)

    def _wanted(self) -> list[str]:
        names = [self.probabilities] if isinstance(self.probabilities, str) else list(self.probabilities)
        return names + [self.labels]


def _order_keys(confidences: np.ndarray) -> np.ndarray:
    """Unsigned keys in the total order of the floats (-0 before +0), as Rust's
    ``f64::total_cmp`` sorts them for ``equal_mass`` edges."""
    bits = confidences.view(np.uint64)
    negative = (bits >> np.uint64(63)).astype(bool)
    return np.where(negative, ~bits, bits | np.uint64(1 << 63))


def _float_of_key(key: int) -> float:
    """The inverse of :func:`_order_keys` for one key."""
    bits = key ^ (1 << 63) if key >> 63 else (~key) & ((1 << 64) - 1)
    return float(np.array([bits], dtype=np.uint64).view(np.float64)[0])


#: Bits per round of the distributed selection of ``equal_mass`` edges.
_DIGIT_BITS = 16


def _calibration_rows(table: Any, probabilities: Sequence[str] | str, labels: str, tolerance: float,
                      filesystem: Any) -> Any:
    """A Ray Data task of :func:`verify_calibration`: :class:`_CalibrationRows` without
    an actor (no actor start-up per call)."""
    return _CalibrationRows(probabilities, labels, tolerance, filesystem)(table)


def _digit_counts(table: Any, prefixes: Sequence[int], shift: int) -> dict[str, np.ndarray]:
    """One round of the radix selection on a block: for each prefix (the key bits above
    ``shift + 16`` that a wanted order statistic is known to have), how many of the
    block's keys with that prefix have each next 16-bit digit (only digits that occur)."""
    keys = _order_keys(np.ascontiguousarray(table.column("confidence").to_numpy(), dtype=np.float64))
    above = np.uint64(shift + _DIGIT_BITS)
    out_prefix, out_digit, out_count = [], [], []
    for prefix in prefixes:
        if shift + _DIGIT_BITS >= 64:
            chosen = keys
        else:
            chosen = keys[(keys >> above) == np.uint64(prefix)]
        digits = ((chosen >> np.uint64(shift)) & np.uint64((1 << _DIGIT_BITS) - 1)).astype(np.int64)
        counts = np.bincount(digits, minlength=1 << _DIGIT_BITS)
        present = np.flatnonzero(counts)
        out_prefix.append(np.full(present.size, prefix, dtype=np.uint64))
        out_digit.append(present.astype(np.uint64))
        out_count.append(counts[present].astype(np.uint64))
    return {
        "prefix": np.concatenate(out_prefix) if out_prefix else np.zeros(0, np.uint64),
        "digit": np.concatenate(out_digit) if out_digit else np.zeros(0, np.uint64),
        "count": np.concatenate(out_count) if out_count else np.zeros(0, np.uint64),
    }


def _keys_under(table: Any, prefixes: Sequence[int], shift: int) -> dict[str, np.ndarray]:
    """The last round of the radix selection on a block: the distinct keys under each
    prefix (the key bits above ``shift``), with their counts."""
    keys = _order_keys(np.ascontiguousarray(table.column("confidence").to_numpy(), dtype=np.float64))
    chosen = keys[np.isin(keys >> np.uint64(shift), np.array(prefixes, dtype=np.uint64))] if shift < 64 else keys
    distinct, counts = np.unique(chosen, return_counts=True)
    return {"key": distinct, "count": counts.astype(np.uint64)}


#: Keys under one prefix that the radix selection gathers instead of counting further
#: digits (8 bytes each, so at most 32 MB per wanted edge on the driver).
_GATHER_LIMIT = 1 << 22


def _equal_mass_edges(run: Any, rows: int, bins: int) -> list[float]:
    """``equal_mass`` edges over distributed blocks, exactly as ``reqc verify`` computes
    them on one machine (``specs/calibration.md``): e_0 = 0, e_N = 1, e_b the
    floor(b m / N)-th smallest confidence (zero-based). Found by radix selection on the
    floats' order keys: every round the blocks count the next 16-bit digit under the
    prefixes the wanted ranks are known to have (mergeable counts), and the driver walks
    the merged counts to the digit holding each rank; once a prefix holds at most
    ``_GATHER_LIMIT`` keys, its distinct keys are gathered instead and the rank is read
    off directly. No sort and no gathering of rows. ``run(function, **arguments)``
    applies a function to every block and returns the results."""
    # Per wanted edge: the key's known high bits, how many bits are known, the rank left
    # within them, and how many keys share those bits.
    wanted = [{"prefix": 0, "known": 0, "rank": b * rows // bins, "under": rows} for b in range(1, bins)]

    def gathers(target: dict[str, int]) -> bool:
        # The first round always counts, so that no round gathers every key.
        return 0 < target["known"] < 64 and target["under"] <= _GATHER_LIMIT

    def counts(target: dict[str, int]) -> bool:
        return target["known"] < 64 and not gathers(target)

    while any(target["known"] < 64 for target in wanted):
        gather = sorted({t["prefix"] for t in wanted if gathers(t)})
        count = sorted({t["prefix"] for t in wanted if counts(t)})
        counted_known = {t["known"] for t in wanted if counts(t)}
        gathered_known = {t["known"] for t in wanted if gathers(t)}
        # Targets advance in step, so the prefixes of one kind share a length.
        assert len(counted_known) <= 1 and len(gathered_known) <= 1
        if count:
            shift = 64 - next(iter(counted_known)) - _DIGIT_BITS
            merged: dict[int, dict[int, int]] = {}
            for result in run(_digit_counts, prefixes=count, shift=shift):
                for prefix, digit, number in zip(
                    result["prefix"].tolist(), result["digit"].tolist(), result["count"].tolist()
                ):
                    slot = merged.setdefault(prefix, {})
                    slot[digit] = slot.get(digit, 0) + number
            for target in wanted:
                if counts(target):
                    rank = target["rank"]
                    for digit in sorted(merged.get(target["prefix"], {})):
                        number = merged[target["prefix"]][digit]
                        if rank < number:
                            target.update(prefix=(target["prefix"] << _DIGIT_BITS) | digit,
                                          known=target["known"] + _DIGIT_BITS, rank=rank, under=number)
                            break
                        rank -= number
                    else:  # pragma: no cover - the counts always hold the rank
                        raise RuntimeError("the radix selection lost a rank")
        if gather:
            shift = 64 - next(iter(gathered_known))
            results = run(_keys_under, prefixes=gather, shift=shift)
            keys = np.concatenate([result["key"] for result in results])
            numbers = np.concatenate([result["count"] for result in results])
            order = np.argsort(keys, kind="stable")
            keys, numbers = keys[order], numbers[order]
            for target in wanted:
                if gathers(target):
                    mine = (keys >> np.uint64(shift)) == np.uint64(target["prefix"])
                    running = np.cumsum(numbers[mine])
                    index = int(np.searchsorted(running, target["rank"], side="right"))
                    target.update(prefix=int(keys[mine][index]), known=64, rank=0)
    return [0.0] + [_float_of_key(target["prefix"]) for target in wanted] + [1.0]


def _row_count(table: Any) -> int:
    return int(table.num_rows)


def _first_pass(table: Any, edges: Sequence[float], epsilon: float) -> tuple[str, int] | None:
    """The first calibration pass over one block of validated rows: (JSON, classes)."""
    if table.num_rows == 0:
        return None
    classes = np.unique(table.column("classes").to_numpy())
    if classes.size != 1:
        raise ValueError(f"rows have different class counts: {classes.tolist()}")
    text = _reqc.calibration_first_pass(
        list(edges),
        int(classes[0]),
        epsilon,
        np.ascontiguousarray(table.column("confidence").to_numpy(), dtype=np.float64),
        np.ascontiguousarray(table.column("predicted").to_numpy(), dtype=np.uint32),
        np.ascontiguousarray(table.column("label").to_numpy(), dtype=np.uint32),
    )
    return text, int(classes[0])


def _second_pass(table: Any, edges: Sequence[float], epsilon: float, needs: str) -> str:
    """The second calibration pass over one block of validated rows (JSON)."""
    confidences = np.ascontiguousarray(table.column("confidence").to_numpy(), dtype=np.float64)
    return _reqc.calibration_second_pass(list(edges), epsilon, needs, confidences)


def _apply_to_blocks(function: Any, blocks: Sequence[Any], num_cpus: float, **arguments: Any) -> list[Any]:
    """``function(block, **arguments)`` as one Ray task per block of the object store
    (scheduled where the block lives), with a worker's ``ValueError`` re-raised as itself."""
    import ray

    remote = ray.remote(num_cpus=num_cpus)(function)
    try:
        return ray.get([remote.remote(block, **arguments) for block in blocks])
    except Exception as error:
        cause = _unwrap(error)
        if isinstance(cause, ValueError):
            raise ValueError(str(cause)) from None
        raise


def verify_calibration(
    dataset: Any,
    requirements_path: str | os.PathLike[str],
    block: str,
    *,
    probabilities: Sequence[str] | str,
    labels: str,
    concurrency: int | None = None,
    num_cpus: float = 1.0,
    filesystem: Any = None,
) -> Calibration:
    """``reqc verify`` of calibration block ``block`` on the rows of ``dataset`` (a Ray
    Dataset, or Parquet files as for :func:`correct_parquet`) instead of the files the
    block names: the same bins, counts, means, p-values, verdict and witness, however
    the rows are ordered and split. Paths and URIs are read as by
    :func:`correct_parquet` (``filesystem`` likewise).

    ``probabilities`` names one column per class (in class order) or one list/tensor
    column; ``labels`` the class-index column. The workers validate the rows and reduce
    them to (confidence, prediction, label), kept in Ray's object store; the statistics
    are then two mergeable passes over them (``specs/calibration.md``, "Merging"): per
    bin exact counts, exact sums and the p-value's moments, then what each bin's p-value
    still needs (the probabilities of small bins, exact power sums for large ones). Only
    the passes reach the driver, never the rows; ``equal_mass`` edges are found by a
    distributed radix selection first (``specs/scale.md``)."""
    import ray

    requirements = os.fspath(requirements_path)
    try:
        tolerance, epsilon, bins, edges = _reqc.calibration_binning(requirements, block)
    except _reqc.LoadFailure as failure:
        raise _load_error(failure) from None
    by_file = not isinstance(dataset, ray.data.Dataset)
    store = None
    if by_file:
        store, files, _ = _parquet_files(dataset, filesystem)
        if not files:
            raise ValueError("the source holds no Parquet files")
        dataset = ray.data.from_items([{"source": file} for file in files], override_num_blocks=len(files))
    reduced = dataset.map_batches(
        _calibration_rows,
        fn_kwargs={"probabilities": probabilities, "labels": labels, "tolerance": tolerance, "filesystem": store},
        batch_format="numpy" if by_file else "pyarrow",
        batch_size=1 if by_file else None,
        concurrency=concurrency or 1,
        num_cpus=num_cpus,
        zero_copy_batch=True,
    )
    # The reduced rows stay in Ray's object store, on the nodes that made them; every
    # pass below is one Ray task per block, scheduled where the block lives.
    try:
        blocks = reduced.to_arrow_refs()
    except Exception as error:
        cause = _unwrap(error)
        if isinstance(cause, ValueError):
            raise ValueError(str(cause)) from None
        raise

    def run(function: Any, **arguments: Any) -> list[Any]:
        return _apply_to_blocks(function, blocks, num_cpus, **arguments)

    rows = sum(run(_row_count))
    if rows == 0:
        raise ValueError("the dataset holds no rows")
    if edges is None:
        edges = _equal_mass_edges(run, rows, bins)
    firsts = [result for result in run(_first_pass, edges=edges, epsilon=epsilon) if result is not None]
    classes = sorted({number for _, number in firsts})
    if len(classes) != 1:
        raise ValueError(f"rows have different class counts: {classes}")
    first, needs = _reqc.calibration_merge_first([text for text, _ in firsts])
    second = _reqc.calibration_merge_second(run(_second_pass, edges=edges, epsilon=epsilon, needs=needs))
    try:
        rendered, json_lines, report_line = _reqc.calibrate_passes(requirements, block, first, second)
    except _reqc.LoadFailure as failure:
        raise _load_error(failure) from None
    return Calibration(
        report=json.loads(report_line)["report"] if report_line else {},
        diagnostics=_diagnostics(json_lines),
        rendered=rendered,
    )
