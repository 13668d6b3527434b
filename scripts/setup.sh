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

# --- Python package (python/, issue 15) ---------------------------------------------------
# torch (the Shield Layer and its tests), pytest, maturin (builds the extension), and
# ray[data] with pyarrow (for reqc.ray, a later issue), moto's S3 server (the object-store
# tests of reqc.ray), each when missing; then the package
# itself, rebuilt from this checkout. The extension is built into the same cargo target
# directory as reqc (CARGO_TARGET_DIR, else target/), so the Z3 and LLVM bindings are not
# compiled a second time.
pip_install() {
  python3 -m pip install --quiet "$@" || python3 -m pip install --quiet --break-system-packages "$@"
}
for requirement in torch:torch pytest:pytest maturin:maturin "ray.data:ray[data]" pyarrow:pyarrow \
    networkx:networkx scipy:scipy matplotlib:matplotlib "moto.server:moto[server]"; do
  module="${requirement%%:*}"
  package="${requirement#*:}"
  if ! python3 -c "import $module" 2>/dev/null; then
    echo "setup: installing $package"
    pip_install "$package"
  fi
done
# PiShield, the reference the propositional tests compare reqc with (its layer imports
# networkx and matplotlib, installed above; its declared dependencies are numpy and torch).
if ! python3 -c "import pishield" 2>/dev/null; then
  echo "setup: installing pishield"
  pip_install --no-deps pishield
fi
echo "setup: building and installing the Python package (python/)"
root="$(cd "$(dirname "$0")/.." && pwd)"
CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" pip_install --no-build-isolation --force-reinstall --no-deps "$root/python"
# --- end of the Python package ---------------------------------------------------------------
