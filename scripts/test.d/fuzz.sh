#!/usr/bin/env bash
# The fuzz suite. The replay of the committed seed corpora (and of deterministic mutations
# of them) through every fuzz target runs in `cargo test`
# (crates/cli/tests/fuzz_corpus.rs compiles fuzz/src/lib.rs in, on the workspace's build).
# This suite adds the libFuzzer run when CHORUS_FUZZ_SECONDS=N (N > 0) asks for it: every
# target for N seconds (scripts/fuzz.sh: its own build, chorus's crates instrumented in one
# binary, a few minutes on 2 cores; .ci/run sets N=10 unless told otherwise). It needs a
# C++ compiler (scripts/ci/install-fuzz.sh).
# Long runs: scripts/fuzz.sh (10 minutes a target).
set -euo pipefail
cd "$(dirname "$0")/../.."

secs=${CHORUS_FUZZ_SECONDS:-0}
if [ "$secs" = 0 ]; then
  echo "fuzz: libFuzzer run skipped (CHORUS_FUZZ_SECONDS=0, the default; the corpus replay ran in cargo test): CHORUS_FUZZ_SECONDS=15 scripts/test, or scripts/fuzz.sh for 10 minutes a target"
  exit 0
fi
if ! command -v c++ >/dev/null 2>&1; then
  if [ "${CHORUS_REQUIRE_REFERENCE:-0}" = 1 ]; then
    echo "fuzz: FAILED: CHORUS_FUZZ_SECONDS=$secs but no C++ compiler for libFuzzer (CHORUS_REQUIRE_REFERENCE=1)" >&2
    exit 1
  fi
  echo "fuzz: libFuzzer run skipped: no C++ compiler (run scripts/ci/install-fuzz.sh)"
  exit 0
fi
exec bash scripts/fuzz.sh "$secs"
