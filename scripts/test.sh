#!/usr/bin/env bash
# Runs every test of reqc: unit, UI, command-line, property and example tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --all-targets "$@"

# --- Python package (python/, issue 15) ---------------------------------------------------
# setup.sh has just rebuilt and installed the package from this checkout; the tests compare
# it with this checkout's reqc binary, byte for byte.
cargo build --release --bin reqc
REQC_BIN="${CARGO_TARGET_DIR:-$(pwd)/target}/release/reqc" python3 -m pytest -q python/tests
# --- end of the Python package ---------------------------------------------------------------
