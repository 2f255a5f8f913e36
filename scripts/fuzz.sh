#!/usr/bin/env bash
# Fuzzes every target in fuzz/ for SECONDS each (default 600; CI runs 15) with cargo-fuzz
# (libFuzzer) on the stable toolchain, installing cargo-fuzz first when missing.
#
#   scripts/fuzz.sh            # 10 minutes per target, the issue-12 "long run"
#   scripts/fuzz.sh 60 rouge   # one target for a minute
#
# New corpus entries stay in fuzz/corpus/<target>/ (only the seed-* files are committed).
# A crash or a timeout (> 10 s for one input) stops that target; its input is saved under
# fuzz/artifacts/<target>/ and the script goes on with the others, then exits 1 naming
# them. Reproduce with: RUSTC_BOOTSTRAP=1 cargo fuzz run -s none -a TARGET ARTIFACT.
# Every crash becomes a named regression test (the input as a seed, and a test beside the
# code it concerns).
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${1:-600}
shift || true
if ! cargo fuzz --version >/dev/null 2>&1; then
  bash scripts/ci/install-fuzz.sh
fi
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  mapfile -t targets < <(cargo fuzz list --fuzz-dir fuzz)
fi

# -s none: no sanitizer (safe Rust; more executions per second); -a: debug assertions
# and overflow checks on.
export RUSTC_BOOTSTRAP=1
mkdir -p fuzz/logs
failed=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/artifacts/$t" "fuzz/corpus/$t"
  log="fuzz/logs/$t.log"
  if cargo fuzz run --fuzz-dir fuzz -s none -a "$t" "fuzz/corpus/$t" -- \
      -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
      -artifact_prefix="fuzz/artifacts/$t/" -print_final_stats=1 >"$log" 2>&1; then
    runs=$(grep -o 'Done [0-9]* runs in [0-9]* second' "$log" | tail -n 1 || true)
    echo "fuzz $t: ok (${runs:-see $log})"
  else
    echo "fuzz $t: FAILED, see $log and fuzz/artifacts/$t/" >&2
    grep -E 'panicked|ERROR|Test unit written' "$log" | head -n 5 >&2 || true
    failed+=("$t")
  fi
done
if [ "${#failed[@]}" -gt 0 ]; then
  echo "fuzz: failed: ${failed[*]}" >&2
  exit 1
fi
