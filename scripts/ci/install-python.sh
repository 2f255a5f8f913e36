#!/usr/bin/env bash
# Installs the Python toolchain for the bindings and the Spark recipe into .venv at the
# repository root: maturin (builds bindings/python), pytest, pyspark and rouge-score (the
# reference the ROUGE tests compare against). Idempotent: a second run only checks that the
# pinned requirements are satisfied. Java (for Spark) comes from the machine; this script
# only warns when it is missing, since the Spark test then skips.
set -euo pipefail
cd "$(dirname "$0")/../.."

VENV=.venv
PYTHON=${PYTHON:-python3}

if ! command -v "$PYTHON" >/dev/null; then
  echo "install-python: $PYTHON not found" >&2
  exit 1
fi
if [ ! -x "$VENV/bin/python" ]; then
  echo "install-python: creating $VENV with $($PYTHON --version)"
  "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
  -r bindings/python/requirements-dev.txt
if ! command -v java >/dev/null; then
  echo "install-python: warning: java not found; the Spark test will skip" >&2
fi
echo "install-python: $("$VENV/bin/python" --version), $("$VENV/bin/maturin" --version)," \
  "pytest $("$VENV/bin/python" -c 'import pytest; print(pytest.__version__)')," \
  "pyspark $("$VENV/bin/python" -c 'import pyspark; print(pyspark.__version__)')"
