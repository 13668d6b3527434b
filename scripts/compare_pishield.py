"""Issue 17's end-to-end measurement: `reqc correct` against `dd` of the same file and against
the reference implementation (PiShield) on the same rows, every figure from the same run.

Usage: python3 scripts/compare_pishield.py [FILE] [ROWS]
(default: ../shared/requirements/constrained-dgm/url_constraints.txt and 2000000 rows, the size
of the measurements this comparison began with).

f32 rows uniform in [0, 1) (most of them violate a requirement): `reqc correct --engine jit
--threads 1` end to end (parsing, kernels and file I/O included: the process's wall time),
by default and with `--recheck`; then the corrected file as input, whose rows all satisfy
the requirements; both kinds again with `--threads` set to every core, for the thread
scaling. The kernel cache is a fresh directory: the first run compiles the kernels
(loading LLVM) and stores them, later runs load them (best of five first runs, each on a
new empty cache); the same commands without a cache (`REQC_CACHE_DIR=`) are timed too.

`dd` copies the same file before every run of reqc, so that it meets each state of the
page cache that reqc meets, and its best time of the whole run is the baseline: a plain
`dd` (the goal's, which leaves its copy in the page cache unsynced) and, beside it, `dd`
with the durability of reqc's output (`oflag=direct conv=fsync`: reqc writes with direct
I/O where the file system takes it and syncs the file before renaming it into place, so
that an interrupted run never leaves a half-written output).

PiShield's forward pass runs in memory on the same rows with torch on one thread. Best of
five runs for the commands, of three for PiShield.
Without numpy, torch and pishield (`pip install pishield`) it says so and exits 0. Runs
`cargo build --release` first.
"""

import filecmp
import json
import os
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_pishield():
    try:
        import numpy  # noqa: F401
        import torch  # noqa: F401
    except ImportError as error:
        return None, f"{error.name} is not installed"
    for module, name in (("pishield.shield_layer", "build_shield_layer"),
                         ("pishield.constraint_layer", "build_pishield_layer")):
        try:
            imported = __import__(module, fromlist=[name])
            return getattr(imported, name), None
        except (ImportError, AttributeError):
            continue
    return None, "pishield is not installed (pip install pishield)"


def timed(command, environment=None):
    """The wall time of one run of a command, and its standard output."""
    started = time.perf_counter()
    output = subprocess.run(command, capture_output=True, check=True, text=True,
                            env=environment).stdout
    return time.perf_counter() - started, output


class Copies:
    """`dd` of the source file, plain and durable, run before every timed command: the disk's
    speed swings with how much the page cache still holds to write back (0.036 to 0.132 s
    for heloc's 184 MB within an hour), and copies made only at the start would meet one of
    those states. The baseline is each copy's best time of the whole run.

    The same two copies are also made in `parts` shares at once, a `dd` process each (its
    own range of 4 MiB blocks, `conv=notrunc` into one output truncated first, as a plain
    `dd` truncates it): how much the machine itself gains from a second core when it only
    copies the file, the ceiling of any end-to-end thread scaling of reqc."""

    BLOCK = 4 << 20

    def __init__(self, source, directory, parts):
        self.source, self.copy = source, os.path.join(directory, "copy.npy")
        self.plain_command = ["dd", f"if={source}", f"of={self.copy}", f"bs={self.BLOCK}"]
        self.durable_command = self.plain_command + ["oflag=direct", "conv=fsync"]
        blocks = -(-os.path.getsize(source) // self.BLOCK)
        share = -(-blocks // parts)
        self.parts = parts
        self.plain_parts = [
            self.plain_command + [f"skip={part * share}", f"seek={part * share}",
                                  f"count={share}", "status=none"]
            for part in range(parts)]
        self.plain, self.durable, self.plain_split, self.durable_split = [], [], [], []

    def split(self, durable):
        """The wall time of the copy in parts, every part running at once."""
        flags = ["oflag=direct", "conv=fsync,notrunc"] if durable else ["conv=notrunc"]
        started = time.perf_counter()
        if os.path.exists(self.copy):
            os.truncate(self.copy, 0)
        processes = [subprocess.Popen(command + flags) for command in self.plain_parts]
        for process in processes:
            if process.wait() != 0:
                raise subprocess.CalledProcessError(process.returncode, process.args)
        seconds = time.perf_counter() - started
        # The first copy of each kind is compared with its source, so that a wrong share
        # (a gap, an overlap, a truncation) fails here instead of timing a partial copy.
        if not (self.durable_split if durable else self.plain_split) and not filecmp.cmp(
                self.source, self.copy, shallow=False):
            raise RuntimeError(f"the copy in {self.parts} parts differs from `{self.source}`")
        return seconds

    def run(self):
        self.plain.append(timed(self.plain_command)[0])
        self.durable.append(timed(self.durable_command)[0])
        if self.parts > 1:
            self.plain_split.append(self.split(durable=False))
            self.durable_split.append(self.split(durable=True))


def best_of(command, copies, runs=5, cache=None):
    """The best wall time of some runs of a command (this machine is noisy), each after the
    copies of `copies`, and its last standard output; `cache` is the kernel cache's
    directory ("": none)."""
    environment = dict(os.environ)
    if cache is not None:
        environment["REQC_CACHE_DIR"] = cache
    times, output = [], ""
    for _ in range(runs):
        copies.run()
        seconds, output = timed(command, environment)
        times.append(seconds)
    return min(times), output


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
        ROOT, "..", "shared", "requirements", "constrained-dgm", "url_constraints.txt")
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 2_000_000
    build, problem = load_pishield()
    if build is None:
        print(f"skipped: {problem}")
        return
    import numpy as np
    import torch

    subprocess.run(["cargo", "build", "--release", "--quiet"], cwd=ROOT, check=True)
    reqc = os.path.join(ROOT, "target", "release", "reqc")
    columns = int(json.loads(subprocess.run(
        [reqc, "compile", path, "--emit", "sets-json"], capture_output=True, check=True,
        text=True).stdout)["columns"])
    data = np.random.default_rng(0).random((rows, columns), dtype=np.float32)
    with tempfile.TemporaryDirectory() as directory:
        source = os.path.join(directory, "predictions.npy")
        corrected = os.path.join(directory, "corrected.npy")
        np.save(source, data)
        size = os.path.getsize(source)
        correct = [reqc, "correct", path, "--engine", "jit", "--threads", "1",
                   "--message-format", "json", "--output", corrected, "--input"]
        # The cores reqc's default `--threads` takes: those this process may run on.
        cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
        copies = Copies(source, directory, cores)
        # A first run meets an empty cache: each of five gets a new one (a single run was
        # at the disk's mercy), and the last of them is the cache of the runs after.
        first_seconds = float("inf")
        for attempt in range(5):
            cache = os.path.join(directory, f"kernels-{attempt}")
            seconds, report = best_of(correct + [source], copies, runs=1, cache=cache)
            assert json.loads(report)["kernels"] == "compiled"
            first_seconds = min(first_seconds, seconds)
        violating_seconds, report = best_of(correct + [source], copies, cache=cache)
        assert json.loads(report)["kernels"] == "cached"
        summary = json.loads(report)["summary"]
        uncached_seconds, _ = best_of(correct + [source], copies, cache="")
        recheck_seconds, _ = best_of(correct + [source, "--recheck"], copies, cache=cache)
        # The same commands on every core (issue 17's thread scaling), with the cache.
        on_cores = list(correct)
        on_cores[on_cores.index("--threads") + 1] = str(cores)
        violating_cores_seconds, _ = best_of(on_cores + [source], copies, cache=cache)
        satisfying = os.path.join(directory, "satisfying.npy")
        os.replace(corrected, satisfying)
        satisfying_seconds, satisfied = best_of(correct + [satisfying], copies, cache=cache)
        assert json.loads(satisfied)["summary"]["changed"] == 0
        satisfying_uncached_seconds, _ = best_of(correct + [satisfying], copies, cache="")
        satisfying_cores_seconds, _ = best_of(on_cores + [satisfying], copies, cache=cache)
        dd_seconds, durable_seconds = min(copies.plain), min(copies.durable)
        copy_scaling = (dd_seconds / min(copies.plain_split),
                        durable_seconds / min(copies.durable_split)) if cores > 1 else None
    torch.set_num_threads(1)
    layer = build(columns, path)
    predictions = torch.tensor(data)
    reference_seconds = []
    for _ in range(3):
        started = time.perf_counter()
        with torch.no_grad():
            layer(predictions.clone())
        reference_seconds.append(time.perf_counter() - started)
    reference = min(reference_seconds)
    print(f"{os.path.basename(path)}: {rows} rows x {columns} columns, f32 ({size / 1e6:.0f} MB), "
          f"{summary['violating_before']} violating; one thread")
    for label, times in ((f"dd of the same file (best of {len(copies.plain)})", copies.plain),
                         ("  with reqc's durability (direct, fsync)", copies.durable)):
        print(f"  {label + ':':<42} {min(times):.3f} s  (slowest {max(times):.3f} s)")
    if copy_scaling is not None:
        for label, times in ((f"  in {cores} parts at once ({cores} dd processes)",
                              copies.plain_split),
                             (f"  durable, in {cores} parts at once", copies.durable_split)):
            print(f"  {label + ':':<42} {min(times):.3f} s  (slowest {max(times):.3f} s)")
    for label, seconds in (
            ("reqc correct, violating rows", violating_seconds),
            ("  first run (compiles, fills the cache)", first_seconds),
            ("  without the kernel cache", uncached_seconds),
            (f"  on {cores} threads (--threads {cores})", violating_cores_seconds),
            ("reqc correct --recheck, violating rows", recheck_seconds),
            ("reqc correct, rows that satisfy (on bounds)", satisfying_seconds),
            ("  without the kernel cache", satisfying_uncached_seconds),
            (f"  on {cores} threads (--threads {cores})", satisfying_cores_seconds)):
        print(f"  {label + ':':<42} {seconds:.3f} s  {rows / seconds / 1e6:6.2f} M rows/s  "
              f"{dd_seconds / seconds:.3f} of dd, {durable_seconds / seconds:.3f} of durable dd")
    print(f"  PiShield forward (in memory, torch, 1 thread): {reference:.3f} s  "
          f"{rows / reference / 1e6:6.2f} M rows/s")
    print(f"  reqc / PiShield on violating rows: {reference / violating_seconds:.1f}x "
          f"(first run: {reference / first_seconds:.1f}x; without the cache: "
          f"{reference / uncached_seconds:.1f}x; --recheck: {reference / recheck_seconds:.1f}x)")
    print(f"  scaling, one thread's time over {cores} threads': violating rows "
          f"{violating_seconds / violating_cores_seconds:.2f}x, rows that satisfy "
          f"{satisfying_seconds / satisfying_cores_seconds:.2f}x (the kernels alone: "
          "`cargo bench --bench kernels`, thread scaling)")
    if copy_scaling is not None:
        # The copy's own gain from more cores bounds reqc's: reqc reads and writes every
        # byte that dd does, and with one kernel thread it already overlaps the two.
        print(f"  the copy's own scaling, one dd's time over {cores} parts at once: "
              f"{copy_scaling[0]:.2f}x plain, {copy_scaling[1]:.2f}x durable; reqc on {cores} "
              f"threads against it (1: as fast as the machine copies the file on every core): "
              f"violating rows {min(copies.plain_split) / violating_cores_seconds:.3f} plain, "
              f"{min(copies.durable_split) / violating_cores_seconds:.3f} durable, rows that "
              f"satisfy {min(copies.plain_split) / satisfying_cores_seconds:.3f} plain, "
              f"{min(copies.durable_split) / satisfying_cores_seconds:.3f} durable")
    print("  goals (issue 17): violating rows >= 0.25 of dd and >= 50x PiShield; "
          "satisfying rows >= 0.8 of dd")


if __name__ == "__main__":
    main()
