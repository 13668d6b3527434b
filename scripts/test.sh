#!/usr/bin/env bash
# Runs every test of reqc: unit, UI, command-line, property and example tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --all-targets "$@"
# The build without the optional features (no Z3, no LLVM): what it can do must work, and
# what it cannot must say which feature it lacks (tests/features.rs).
cargo test --no-default-features --all-targets "$@"

# --- Python package (python/, issue 15) ---------------------------------------------------
# setup.sh has just rebuilt and installed the package from this checkout; the tests compare
# it with this checkout's reqc binary, byte for byte.
cargo build --release --bin reqc
REQC_BIN="${CARGO_TARGET_DIR:-$(pwd)/target}/release/reqc" python3 -m pytest -q python/tests
# --- end of the Python package ---------------------------------------------------------------
