#!/usr/bin/env bash
# RUSTC_WRAPPER of scripts/fuzz.sh: adds libFuzzer's sanitizer-coverage flags
# ($CHORUS_FUZZ_RUSTFLAGS) to chorus's own crates (crate names chorus_*) and the fuzz targets
# (fuzz_targets/*.rs) only. The fuzzer then steers by the coverage of the code under test,
# and the dependencies (tokio, serde, regex, SQLite, ...) build as plain optimized code:
# less to compile, and faster executions.
# Cargo runs it as: sancov-rustc.sh RUSTC ARGS...
rustc=$1
shift
instrument=0
prev=
for arg in "$@"; do
  case "$prev:$arg" in
    --crate-name:chorus_* | *:fuzz_targets/*.rs | *:*/fuzz_targets/*.rs) instrument=1 ;;
  esac
  prev=$arg
done
if [ "$instrument" = 1 ]; then
  # One flag per word: the splitting is meant.
  # shellcheck disable=SC2086
  exec "$rustc" "$@" $CHORUS_FUZZ_RUSTFLAGS
fi
exec "$rustc" "$@"
