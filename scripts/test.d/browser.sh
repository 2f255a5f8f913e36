#!/usr/bin/env bash
# Browser end-to-end test of the page `chorus serve` embeds: builds the binary, serves on a
# free loopback port, and drives headless Debian Chromium with playwright-core
# (crates/serve/e2e/page.test.mjs). Leaves a screenshot in target/serve-e2e/page.png.
# Skips with a message when Chromium, Node or playwright-core is missing, unless
# CHORUS_REQUIRE_REFERENCE=1 (CI, after scripts/ci/install-browser.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."

e2e=crates/serve/e2e
chromium_bin=${CHROMIUM:-/usr/bin/chromium}

skip() {
  if [ "${CHORUS_REQUIRE_REFERENCE:-0}" = "1" ]; then
    echo "browser: $1 (required: CHORUS_REQUIRE_REFERENCE=1)" >&2
    echo "0 passed, 1 failed"
    exit 1
  fi
  echo "browser: skipping: $1"
  exit 0
}

[ -x "$chromium_bin" ] || skip "$chromium_bin not found (run scripts/ci/install-browser.sh as root)"
command -v node >/dev/null 2>&1 || skip "node not found"
if [ ! -f "$e2e/node_modules/playwright-core/package.json" ]; then
  if command -v npm >/dev/null 2>&1; then
    (cd "$e2e" && npm ci --no-audit --no-fund --loglevel=error) || skip "npm ci of playwright-core failed"
  else
    skip "playwright-core is not installed and npm is missing"
  fi
fi

# The binary as `cargo test` built it (a no-op after it in scripts/test).
cargo test --no-run --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps |
  node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).target_directory))')
bin="$target_dir/debug/chorus"

mkdir -p target/serve-e2e
work=$(mktemp -d "$PWD/target/serve-e2e/run.XXXXXX")
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

# Created here: the server's own redirection may come after the first read below.
: >"$work/out"
: >"$work/err"
"$bin" serve --addr 127.0.0.1:0 >>"$work/out" 2>>"$work/err" &
server_pid=$!
addr=
for _ in $(seq 1 100); do
  addr=$(sed -n 's/^listening on //p' "$work/out")
  [ -n "$addr" ] && break
  kill -0 "$server_pid" 2>/dev/null || break
  sleep 0.1
done
if [ -z "$addr" ]; then
  echo "browser: the server did not start" >&2
  cat "$work/err" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

shot="$PWD/target/serve-e2e/page.png"
node "$e2e/page.test.mjs" --url "$addr" --examples examples/harbor-fire \
  --screenshot "$shot" --chromium "$chromium_bin"
echo "browser: screenshot in $shot"
