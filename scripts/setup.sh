#!/usr/bin/env bash
# Installs what reqc needs to build and test on a fresh Debian machine, skipping what is present.
set -euo pipefail

# Debian packages: Z3 4.8.12 and LLVM 14 with their headers, clang for bindgen, valgrind for
# the memory checks of compiled kernels, Neovim for the headless editor test of `reqc lsp`.
packages=(libz3-dev llvm-14-dev libclang-14-dev clang-14 valgrind neovim)
missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  sudo_prefix=""
  if [ "$(id -u)" -ne 0 ]; then sudo_prefix="sudo"; fi
  $sudo_prefix apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_prefix apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# numpy for the Python example of compiled kernels (examples/correct_batch.py), which the tests run.
if ! python3 -c "import numpy" 2>/dev/null; then
  echo "setup: installing numpy"
  python3 -m pip install --quiet numpy || python3 -m pip install --quiet --break-system-packages numpy
fi

# onnxruntime, so tests/equivalence.rs also replays reqc's counterexamples in the
# runtime that serves the models; without it that one comparison is skipped, saying so.
if ! python3 -c "import onnxruntime" 2>/dev/null; then
  echo "setup: installing onnxruntime"
  python3 -m pip install --quiet onnxruntime || python3 -m pip install --quiet --break-system-packages onnxruntime \
    || echo "setup: onnxruntime could not be installed; its comparison in tests/equivalence.rs will be skipped"
fi
