#!/usr/bin/env bash
# Runs every test of reqc: unit, UI, command-line, property and example tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# One fresh kernel cache for the whole run (tests/correct_cli.rs tests the cache itself):
# later runs of the same shield load the kernels earlier ones stored, and nothing is
# written into the user's own cache.
REQC_CACHE_DIR="$(mktemp -d -t reqc-test-cache.XXXXXX)"
export REQC_CACHE_DIR
trap 'rm -rf "$REQC_CACHE_DIR"' EXIT
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
