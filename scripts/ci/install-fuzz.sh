#!/usr/bin/env bash
# Installs cargo-fuzz (libFuzzer driver for the targets in fuzz/) and the C++ compiler that
# libfuzzer-sys builds libFuzzer with. Idempotent: a second run only checks both. Runs as
# root on a fresh CI machine. Stable Rust is enough: scripts/fuzz.sh sets RUSTC_BOOTSTRAP=1
# for the -Z flags cargo-fuzz passes.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v c++ >/dev/null; then
  if command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq g++ >/dev/null
  else
    echo "install-fuzz: no C++ compiler and no apt-get to install one" >&2
    exit 1
  fi
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
  cargo install --locked cargo-fuzz
fi
echo "install-fuzz: $(cargo fuzz --version), $(c++ --version | head -n 1)"
