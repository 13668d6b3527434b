"""Shared fixtures: the shared requirement files and the `reqc` binary to compare with."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def shared_directory() -> Path:
    for candidate in (os.environ.get("REQC_SHARED"), ROOT.parent / "shared", ROOT / "../shared"):
        if candidate and Path(candidate, "requirements").is_dir():
            return Path(candidate).resolve()
    raise RuntimeError("the shared directory (../shared from the repository root) is missing")


SHARED = shared_directory()


def requirement_files(include_infeasible: bool = False) -> list[Path]:
    files = sorted((SHARED / "requirements").rglob("*.txt")) + sorted((SHARED / "cases").glob("*.txt"))
    return [path for path in files if include_infeasible or path.name != "infeasible.txt"]


def reqc_binary() -> Path:
    candidates = [os.environ.get("REQC_BIN")]
    target = os.environ.get("CARGO_TARGET_DIR")
    if target:
        candidates.append(str(Path(target) / "release" / "reqc"))
    candidates += [str(ROOT / "target" / "release" / "reqc"), shutil.which("reqc")]
    for candidate in candidates:
        if candidate and Path(candidate).is_file():
            return Path(candidate)
    raise RuntimeError(
        "no reqc binary: run `cargo build --release` (or set REQC_BIN) before the Python tests"
    )


@pytest.fixture(scope="session")
def reqc_bin() -> Path:
    return reqc_binary()
