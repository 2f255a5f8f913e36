#!/usr/bin/env bash
# Scale benchmark of `chorus stories` (not run in CI): streams of 10,000, 30,000 and 100,000
# articles resampled from the DUC 2006 dev stream, each run once with the release binary on
# all cores, reporting wall time, CPU time (user + system: what the run costs whatever else
# the machine is doing), peak resident memory (GNU time's maximum RSS) and the 1-minute load
# average before the run (the machine is shared: wall time means little at a load above 2).
#
# The dev stream (625 articles) is written by `chorus eval-stories --clusters ...
# --write-stream`. Replica r of it has every date shifted by r * 10 days and `#r` added to
# every id, so replicas are new articles (beyond the 3-day window, a copy is not folded into
# the previous replica) and the stream stays date-ordered news, about 35 articles a day.
#
#   scripts/bench/stories.sh [SIZES...]        (default: 10000 30000 100000)
#   CHORUS_BENCH_FLAGS="--no-summary" scripts/bench/stories.sh   (clustering only)
#
# Needs ../shared/data/duc2006-dev and GNU time (/usr/bin/time). Files go to a temporary
# folder that is removed at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 30000 100000)
dev=../shared/data/duc2006-dev/clusters.jsonl
[ -f "$dev" ] || { echo "stories bench: skipped: $dev not found"; exit 0; }
[ -x /usr/bin/time ] || { echo "stories bench: needs GNU time (apt-get install time)"; exit 1; }

cargo build --release -p chorus-cli --quiet
bin=target/release/chorus
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

"$bin" eval-stories --clusters "$dev" --write-stream "$tmp/dev.jsonl" >/dev/null
for n in "${sizes[@]}"; do
  python3 - "$tmp/dev.jsonl" "$n" "$tmp/stream-$n.jsonl" <<'PY'
import datetime, json, sys
src, n, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
dev = [json.loads(l) for l in open(src)]
rows = []
for k in range(n):
    r, a = divmod(k, len(dev))
    item = dict(dev[a])
    t = datetime.datetime.fromisoformat(item["date"]) + datetime.timedelta(days=10 * r)
    item["date"] = t.isoformat()
    item["id"] = f'{item["id"]}#{r}'
    rows.append((t, item["id"], item))
rows.sort(key=lambda x: (x[0], x[1]))
with open(out, "w") as f:
    for _, _, item in rows:
        f.write(json.dumps(item) + "\n")
PY
done

printf '%-9s %10s %12s %10s %9s %6s\n' articles seconds cpu_seconds peak_MiB stories load
for n in "${sizes[@]}"; do
  load=$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo '?')
  # shellcheck disable=SC2086
  /usr/bin/time -f '%e %U %S %M' -o "$tmp/time-$n" \
    "$bin" stories "$tmp/stream-$n.jsonl" -f jsonl ${CHORUS_BENCH_FLAGS:-} >"$tmp/out-$n" 2>"$tmp/err-$n"
  read -r secs user sys kib <"$tmp/time-$n"
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.1f", u + s }')
  printf '%-9s %10s %12s %10s %9s %6s\n' "$n" "$secs" "$cpu" "$((kib / 1024))" "$(wc -l <"$tmp/out-$n")" "$load"
done
