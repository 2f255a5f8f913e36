#!/usr/bin/env bash
# The Python suite: builds the bindings (bindings/python) into .venv with maturin, then
# runs pytest on them, the rouge-score comparisons and the Spark recipe's test.
# Needs .venv from scripts/ci/install-python.sh; without it the suite skips with a message,
# unless CHORUS_REQUIRE_REFERENCE=1 (CI), where a missing tool is a failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
VENV=$ROOT/.venv

skip() {
  if [ "${CHORUS_REQUIRE_REFERENCE:-0}" = 1 ]; then
    echo "python: FAILED: $1 (CHORUS_REQUIRE_REFERENCE=1)" >&2
    exit 1
  fi
  echo "python: skipped: $1"
  exit 0
}

[ -x "$VENV/bin/python" ] || skip "no $VENV (run scripts/ci/install-python.sh)"
[ -x "$VENV/bin/maturin" ] || skip "maturin is not installed in $VENV"
"$VENV/bin/python" -c 'import pytest' 2>/dev/null || skip "pytest is not installed in $VENV"

# The CLI the equality tests compare against: the workspace's own debug build, exactly as
# `cargo test` built it in scripts/test (a no-op then).
cargo test --no-run --quiet
export CHORUS_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/chorus"

# Build the extension into the venv with the workspace's dev profile. bindings/python is a
# member of the workspace, so its build links the chorus crates `cargo test` just built,
# and crates/shared-features keeps the third-party crates' features equal, so they are
# reused too (scripts/check-shared-features.py checks that nothing builds twice): only
# pyo3 and the bindings crate compile here. `pip install ./bindings/python` and `maturin
# build --release` make the optimized wheel (profile `wheel`).
(
  cd bindings/python
  VIRTUAL_ENV=$VENV PATH="$VENV/bin:$PATH" "$VENV/bin/maturin" develop --quiet --profile dev
)

cd bindings/python
# -rs: every skipped test prints one line with its reason.
exec "$VENV/bin/python" -m pytest -q -rs -p no:cacheprovider tests
