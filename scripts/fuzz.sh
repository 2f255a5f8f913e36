#!/usr/bin/env bash
# Fuzzes every target in fuzz/ for SECONDS each (default 600; CI runs a few seconds each)
# with libFuzzer, on the stable toolchain.
#
#   scripts/fuzz.sh            # 10 minutes per target, the issue-12 "long run"
#   scripts/fuzz.sh 60 rouge   # one target for a minute
#
# The targets are built into one binary (fuzz_targets/all.rs; CHORUS_FUZZ_TARGET picks the
# target), by cargo directly, so cargo-fuzz need not be installed: profile `fuzz`
# (fuzz/Cargo.toml), target folder fuzz/target. Only chorus's crates and the targets get
# the flags of cargo-fuzz's `-s none -a` (sanitizer coverage, no sanitizer: safe Rust; debug
# assertions and overflow checks on): fuzz/sancov-rustc.sh adds them as the RUSTC_WRAPPER,
# and the dependencies build as plain code with a lighter profile. A fresh build is about
# a third of the CPU time of instrumenting everything into seven binaries (README, Fuzzing).
# A C++ compiler must be present (libFuzzer is C++; scripts/ci/install-fuzz.sh installs one).
#
# New corpus entries stay in fuzz/corpus/<target>/ (only the seed-* files are committed).
# A crash or a timeout (> 10 s for one input) stops that target; its input is saved under
# fuzz/artifacts/<target>/ and the script goes on with the others, then exits 1 naming
# them. Reproduce with:
#   CHORUS_FUZZ_TARGET=TARGET fuzz/target/x86_64-unknown-linux-gnu/fuzz/all ARTIFACT
# Every crash becomes a named regression test (the input as a seed, and a test beside the
# code it concerns).
set -euo pipefail
cd "$(dirname "$0")/.."

secs=${1:-600}
shift || true
targets=("$@")
if [ "${#targets[@]}" -eq 0 ]; then
  mapfile -t targets < <(sed -n 's/^name = "\(.*\)"$/\1/p' fuzz/Cargo.toml | grep -v '^chorus-fuzz$\|^chorus_fuzz$\|^all$')
fi
host=$(rustc -vV | sed -n 's/^host: //p')

# The flags cargo-fuzz passes for `-s none -a`, for the wrapper to add to chorus's crates.
export CHORUS_FUZZ_RUSTFLAGS="--cfg fuzzing -Cpasses=sancov-module -Cllvm-args=-sanitizer-coverage-level=4 \
-Cllvm-args=-sanitizer-coverage-inline-8bit-counters -Cllvm-args=-sanitizer-coverage-pc-table \
-Cllvm-args=-sanitizer-coverage-trace-compares"
t0=$SECONDS
RUSTC_WRAPPER="$PWD/fuzz/sancov-rustc.sh" \
  cargo build --manifest-path fuzz/Cargo.toml --profile fuzz --target "$host" --bin all --quiet
echo "fuzz: built the targets in $((SECONDS - t0)) s"
bin="fuzz/target/$host/fuzz/all"

mkdir -p fuzz/logs
failed=()
for t in "${targets[@]}"; do
  mkdir -p "fuzz/artifacts/$t" "fuzz/corpus/$t"
  log="fuzz/logs/$t.log"
  if CHORUS_FUZZ_TARGET=$t "$bin" "fuzz/corpus/$t" \
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
