#!/usr/bin/env bash
# Load benchmark of `chorus serve` (not run in CI): 1,000 concurrent connections on loopback,
# each POSTing the bundled harbor-fire cluster to /v1/summarize for a bounded time, with wrk;
# run twice, alone and then beside 1,000 slow-header clients (scripts/bench/slow_clients.py:
# a request head sent a byte a second, reopened whenever the server closes it). During both
# runs /healthz is probed on new connections every 50 ms.
# Reports throughput of each run and their ratio, p50/p99 latency, errors (socket errors
# and non-2xx answers), /healthz latency (p50, p99, max) and the server's peak resident
# memory (VmHWM from /proc/PID/status).
#
# Closes with issue 12's "Done when" load line checked: /healthz under 100 ms at its worst
# beside the slow clients, throughput within 20% of the run without them, peak RSS under
# 1 GiB (one line each, `ok` or `NOT MET`).
#
#   scripts/bench/serve-load.sh [--connections N] [--slow N] [--duration SECONDS]
#                               [--threads N] [--workers N] [--bin PATH]
#
# Needs wrk (Debian: apt-get install wrk) and builds the release binary (unless --bin names
# one, e.g. to compare two builds). Traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/../.."

connections=1000
slow=1000
duration=20
threads=2
workers=
bin=
while [ $# -gt 0 ]; do
  case "$1" in
    --bin) bin=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --slow) slow=$2; shift 2 ;;
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

if [ -z "$bin" ]; then
  cargo build --release -p chorus-cli --quiet
  target_dir=$(cargo metadata --format-version 1 --no-deps |
    python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')
  bin="$target_dir/release/chorus"
fi
[ -x "$bin" ] || { echo "serve-load: $bin is not an executable" >&2; exit 1; }

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

hostport=${addr#http://}
bytes=$(wc -c <"$work/body.json")

# One wrk run with a /healthz probe beside it; $1 names the run's files.
run_wrk() {
  python3 scripts/bench/slow_clients.py probe "$hostport" "$duration" 0.05 >"$work/$1.probe" &
  local probe=$!
  echo "== wrk -t$threads -c$connections -d${duration}s POST $addr/v1/summarize (harbor-fire, $bytes bytes) [$1]"
  BODY_FILE="$work/body.json" wrk -t"$threads" -c"$connections" -d"${duration}s" --timeout 30s \
    --latency -s "$work/post.lua" "$addr/v1/summarize" | tee "$work/$1.wrk"
  wait "$probe"
  cat "$work/$1.probe"
}
field() { awk -v k="$2" '$1 == k {print $2}' "$work/$1.wrk"; }

run_wrk alone

echo
echo "== $slow slow-header clients"
python3 scripts/bench/slow_clients.py slow "$hostport" "$slow" $((duration + 8)) >"$work/slow.out" &
slow_pid=$!
sleep 5
open_fds=$(ls "/proc/$server_pid/fd" | wc -l)
echo "server file descriptors with the slow clients connected: $open_fds"
run_wrk beside-slow
wait "$slow_pid"
cat "$work/slow.out"

hwm=$(awk '/VmHWM/ {print $2}' "/proc/$server_pid/status")
rss=$(awk '/VmRSS/ {print $2}' "/proc/$server_pid/status")
rps_alone=$(awk '/Requests\/sec/ {print $2}' "$work/alone.wrk")
rps_slow=$(awk '/Requests\/sec/ {print $2}' "$work/beside-slow.wrk")
echo
echo "== summary"
echo "connections:      $connections for ${duration}s (twice), $slow slow-header clients in the second run; server workers: ${workers:-one per core}"
for run in alone beside-slow; do
  socket_errors=$(grep -o 'Socket errors:.*' "$work/$run.wrk" || echo "Socket errors: none")
  printf '%-17s %s requests/s; latency p50 %s, p99 %s; non-2xx %s; %s\n' "$run:" \
    "$(awk '/Requests\/sec/ {print $2}' "$work/$run.wrk")" "$(field "$run" 50%)" "$(field "$run" 99%)" \
    "$(awk '/^status_non2xx/ {print $2}' "$work/$run.wrk")" "$socket_errors"
  printf '%-17s %s\n' "" "$(cat "$work/$run.probe")"
done
echo "throughput ratio: $(python3 -c "print(f'{$rps_slow / $rps_alone:.3f}')") (beside slow clients / alone)"
echo "server memory:    peak RSS (VmHWM) $((hwm / 1024)) MiB; idle before load $((rss_idle / 1024)) MiB; after $((rss / 1024)) MiB"
echo "machine:          $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end"

# Issue 12, "Done when": the load line, checked.
healthz_max=$(sed -n 's/.* max \([0-9.]*\).*/\1/p' "$work/beside-slow.probe")
healthz_failed=$(sed -n 's/.* \([0-9]*\) failed.*/\1/p' "$work/beside-slow.probe")
verdict() { if [ "$1" = 1 ]; then echo "ok"; else echo "NOT MET"; fi; }
echo
echo "== issue 12 load line"
echo "healthz beside slow clients under 100 ms (max ${healthz_max:-none} ms, ${healthz_failed:-?} failed): $(verdict "$(python3 -c "print(int(${healthz_max:-1e9} < 100 and ${healthz_failed:-1} == 0))")")"
echo "throughput within 20% of the run alone ($rps_slow vs $rps_alone): $(verdict "$(python3 -c "print(int($rps_slow >= 0.8 * $rps_alone))")")"
echo "peak memory bounded, under 1 GiB ($((hwm / 1024)) MiB): $(verdict "$((hwm < 1048576 ? 1 : 0))")"
