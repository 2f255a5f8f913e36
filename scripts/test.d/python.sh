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

# The CLI the equality tests compare against: the workspace's own debug build (already
# built by `cargo test --workspace` in scripts/test; cheap to check).
cargo build --quiet -p chorus-cli --bin chorus
export CHORUS_BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/chorus"

# Build the extension into the venv (release: the Spark test summarizes real clusters).
# Its own target folder under the workspace's, so a rebuild only relinks what changed.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}/python"
(
  cd bindings/python
  VIRTUAL_ENV=$VENV PATH="$VENV/bin:$PATH" "$VENV/bin/maturin" develop --release --quiet
)

cd bindings/python
exec "$VENV/bin/python" -m pytest -q -p no:cacheprovider tests
