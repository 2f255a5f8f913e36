#!/usr/bin/env bash
# Load benchmark of `chorus serve` (not run in CI): 1,000 concurrent connections on loopback,
# each POSTing the bundled harbor-fire cluster to /v1/summarize for a bounded time, with wrk.
# Reports throughput, p50/p99 latency, errors (socket errors and non-2xx answers) and the
# server's peak resident memory (VmHWM from /proc/PID/status).
#
#   scripts/bench/serve-load.sh [--connections N] [--duration SECONDS] [--threads N] [--workers N]
#
# Needs wrk (Debian: apt-get install wrk) and builds the release binary. Traffic goes to
# 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."

connections=1000
duration=20
threads=2
workers=
while [ $# -gt 0 ]; do
  case "$1" in
    --connections) connections=$2; shift 2 ;;
    --duration) duration=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
# Bounded: never longer than ten minutes.
if [ "$duration" -gt 600 ]; then duration=600; fi

command -v wrk >/dev/null 2>&1 || { echo "serve-load: wrk not found (apt-get install wrk)" >&2; exit 1; }
# Every connection is a file descriptor, on both sides.
ulimit -n 65536 2>/dev/null || ulimit -n "$(ulimit -Hn)" || true

cargo build --release -p chorus-cli --quiet
target_dir=$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
bin="$target_dir/release/chorus"

work=$(mktemp -d)
server_pid=
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

# The request: the harbor-fire folder as /v1/summarize documents, 100 words, LexRank.
python3 - "$work/body.json" <<'EOF'
import json, os, sys
d = "examples/harbor-fire"
docs = [{"id": f, "text": open(os.path.join(d, f), encoding="utf-8").read()}
        for f in sorted(os.listdir(d))]
json.dump({"id": "harbor-fire", "documents": docs, "words": 100}, open(sys.argv[1], "w"))
EOF
cat >"$work/post.lua" <<'EOF'
local f = assert(io.open(os.getenv("BODY_FILE"), "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
-- wrk counts non-2xx answers itself; print them on a line of their own.
function done(summary, latency, requests)
  io.write(string.format("status_non2xx %d\n", summary.errors.status))
end
EOF

args=(serve --addr 127.0.0.1:0)
[ -n "$workers" ] && args+=(--workers "$workers")
"$bin" "${args[@]}" >"$work/out" 2>"$work/err" &
server_pid=$!
addr=
for _ in $(seq 1 100); do
  addr=$(sed -n 's/^listening on //p' "$work/out")
  [ -n "$addr" ] && break
  sleep 0.1
done
[ -n "$addr" ] || { echo "serve-load: server did not start" >&2; cat "$work/err" >&2; exit 1; }

# Warm up and check the answer is a summary before measuring.
curl -sf -X POST -H 'Content-Type: application/json' --data-binary @"$work/body.json" \
  "$addr/v1/summarize" | python3 -c 'import json,sys; j=json.load(sys.stdin); assert j["sentences"], j'
rss_idle=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")

echo "== wrk -t$threads -c$connections -d${duration}s POST $addr/v1/summarize (harbor-fire, $(wc -c <"$work/body.json") bytes)"
BODY_FILE="$work/body.json" wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 30s \
  --latency -s "$work/post.lua" "$addr/v1/summarize" | tee "$work/wrk.txt"

hwm=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
rps=$(awk '/Requests\/sec/ {print $2}' "$work/wrk.txt")
p50=$(awk '$1 == "50%" {print $2}' "$work/wrk.txt")
p99=$(awk '$1 == "99%" {print $2}' "$work/wrk.txt")
socket_errors=$(grep -o 'Socket errors:.*' "$work/wrk.txt" || echo "Socket errors: none")
non2xx=$(awk '/^status_non2xx/ {print $2}' "$work/wrk.txt")
echo
echo "== summary"
echo "connections:      $connections for ${duration}s, server workers: ${workers:-one per core}"
echo "throughput:       $rps requests/s"
echo "latency:          p50 $p50, p99 $p99"
echo "errors:           non-2xx ${non2xx:-?}; $socket_errors"
echo "server memory:    peak RSS (VmHWM) $((hwm / 1024)) MiB; idle before load $((rss_idle / 1024)) MiB; after $((rss / 1024)) MiB"
