#!/usr/bin/env bash
# The fuzz suite: replays the committed seed corpora through every fuzz target as ordinary
# tests (stable Rust, no cargo-fuzz), then fuzzes each target briefly (CHORUS_FUZZ_SECONDS,
# default 15) when cargo-fuzz is installed (scripts/ci/install-fuzz.sh). Without it the
# short run skips with a message, unless CHORUS_REQUIRE_REFERENCE=1 (CI), where a missing
# tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."

cargo test --quiet --manifest-path fuzz/Cargo.toml

if ! cargo fuzz --version >/dev/null 2>&1; then
  if [ "${CHORUS_REQUIRE_REFERENCE:-0}" = 1 ]; then
    echo "fuzz: FAILED: cargo-fuzz is not installed (CHORUS_REQUIRE_REFERENCE=1)" >&2
    exit 1
  fi
  echo "fuzz: short run skipped: cargo-fuzz is not installed (run scripts/ci/install-fuzz.sh)"
  exit 0
fi
exec bash scripts/fuzz.sh "${CHORUS_FUZZ_SECONDS:-15}"
