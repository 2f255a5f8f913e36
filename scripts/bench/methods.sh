#!/usr/bin/env bash
# Issue 16's one-big-cluster benchmark: every method on one cluster of N articles, built from
# the DUC 2006 dev data (all 25 topics' articles pooled, repeated with shifted ids past 625,
# in a seeded shuffle, the first N kept), printing wall time, CPU time and peak memory (GNU
# time) per method and size; on a loaded machine wall time mostly measures the load.
# Targets: 1,600 articles in <= 5 s and <= 500 MB, 400 in <= 1 s.
# The clusters go to a temporary folder, removed at the end; nothing from the data is kept.
#
# Usage: scripts/bench/methods.sh [SIZE...]   (default: 400 1600; needs cargo build --release)
# Env: CHORUS (binary), METHODS (space-separated; default: every method), LIMIT (seconds a
# run may take before it is stopped and reported as such; default 120), CLUSTERS (dev data).
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=${CHORUS:-target/release/chorus}
CLUSTERS=${CLUSTERS:-../shared/data/duc2006-dev/clusters.jsonl}
METHODS=${METHODS:-lead lexrank textrank centroid mmr sumbasic klsum coverage ilp submodular}
LIMIT=${LIMIT:-120}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(400 1600)
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "methods: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
for n in "${SIZES[@]}"; do
  python3 - "$CLUSTERS" "$n" > "$TMP/big-$n.jsonl" <<'PY'
import json, random, sys
path, n = sys.argv[1], int(sys.argv[2])
docs = [d for line in open(path, encoding="utf-8") if line.strip()
        for d in json.loads(line)["documents"]]
pool = []
copy = 0
while len(pool) < n:
    pool += [{"id": "%s#%d" % (d["id"], copy) if copy else d["id"], "text": d["text"]} for d in docs]
    copy += 1
random.Random(16).shuffle(pool)
print(json.dumps({"id": "big%d" % n, "documents": pool[:n]}, ensure_ascii=False))
PY
  words=$(python3 -c 'import json,sys; print(sum(len(d["text"].split()) for d in json.load(open(sys.argv[1]))["documents"]))' "$TMP/big-$n.jsonl")
  echo "methods: cluster of $n articles, $words words"
  for m in $METHODS; do
    if /usr/bin/time -o "$TMP/time" -f "%e %U %S %M" timeout "$LIMIT" \
        "$BIN" summarize "$TMP/big-$n.jsonl" -m "$m" --words 250 > "$TMP/out-$m-$n.jsonl" 2>"$TMP/err"; then
      read -r secs user sys kb < <(tail -1 "$TMP/time")
      cpu=$(python3 -c "print('%.2f' % ($user + $sys))")
      printf 'methods: %5d articles %-10s %7.2f s wall %7.2f s cpu %6d MB peak RSS\n' "$n" "$m" "$secs" "$cpu" $((kb / 1024))
    else
      printf 'methods: %5d articles %-10s stopped or failed after %s s limit: %s\n' "$n" "$m" "$LIMIT" "$(head -c 200 "$TMP/err" | tr '\n' ' ')"
    fi
  done
done
echo "methods: load average $(cut -d' ' -f1-3 /proc/loadavg)"
