#!/usr/bin/env bash
# Installs what the libFuzzer run (scripts/fuzz.sh) needs beyond the Rust toolchain: a C++
# compiler, which libfuzzer-sys builds libFuzzer with. Idempotent. Runs as root on a fresh
# CI machine. cargo-fuzz is not needed: scripts/fuzz.sh builds the targets with cargo.
set -euo pipefail

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
echo "install-fuzz: $(c++ --version | head -n 1)"
