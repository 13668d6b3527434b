#!/usr/bin/env bash
# Runs every test of reqc: unit, UI, command-line, property and example tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cargo test --all-targets "$@"
