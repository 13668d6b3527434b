#!/usr/bin/env bash
# Runs every test of reqc: unit, UI, command-line, property and example tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --all-targets "$@"
# The build without the optional features (no Z3, no LLVM): what it can do must work, and
# what it cannot must say which feature it lacks (tests/features.rs).
cargo test --no-default-features --all-targets "$@"
