#!/usr/bin/env bash
# Issue 16's corpus benchmark: builds the seeded Multi-News-sized batch from the DUC 2006 dev
# data (scripts/bench/synth_corpus.py, SCALE times as many clusters), summarizes it with the
# release binary and scores every summary against its cluster's references with ROUGE,
# printing wall time, CPU time and peak memory (GNU time) for each step. The batch and
# outputs go to a temporary folder, removed at the end.
#
# With PEERS=N (and PYTHON naming an interpreter with sumy and rouge-score, default
# .venv-ref/bin/python), it also times sumy's LexRank (scripts/bench/sumy_peer.py, 5
# sentences a cluster) and rouge-score (scripts/rouge/rouge_score_ref.py: rouge1, rouge2,
# rougeL, rougeLsum with the stemmer) on a sample of N clusters spread evenly over the batch,
# and extrapolates their time to the whole batch linearly (both work cluster by cluster):
# an extrapolation from a timed sample, printed as one.
#
# With RUNS=K (default 3 with PEERS, else 1), both sides run K times, interleaved (chorus,
# peers, chorus, peers, ...), and the ratio printed is the peers' median over chorus's
# median: the machine's speed drifts by a third within minutes, and one run of each side,
# minutes apart, gave ratios 20% apart.
#
# SUMMARIZE_ARGS and ROUGE_ARGS are added to chorus's two commands. The peers make plain
# summaries and score them with rouge-score's metrics, so the same work on chorus's side is
# SUMMARIZE_ARGS=--no-claims (no claims report beside the summaries) and
# ROUGE_ARGS="--compat rouge-score --stem" (rouge1, rouge2, rougeL, rougeLsum, stemmed);
# without them chorus runs its defaults, which do more.
#
# Usage: [PEERS=200] [RUNS=3] [SUMMARIZE_ARGS=...] [ROUGE_ARGS=...] scripts/bench/scale.sh [SCALE]
# (needs a release build)
set -euo pipefail
cd "$(dirname "$0")/../.."
SCALE=${1:-1}
BIN=${CHORUS:-target/release/chorus}
PEERS=${PEERS:-0}
if [ "$PEERS" -gt 0 ]; then RUNS=${RUNS:-3}; else RUNS=${RUNS:-1}; fi
# Word-split on purpose: each holds options.
read -r -a summarize_args <<< "${SUMMARIZE_ARGS:-}"
read -r -a rouge_args <<< "${ROUGE_ARGS:-}"
PYTHON=${PYTHON:-.venv-ref/bin/python}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "scale: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg); summarize ${SUMMARIZE_ARGS:-(defaults)}; rouge --pairs ${ROUGE_ARGS:-(defaults)}"
python3 scripts/bench/synth_corpus.py --scale "$SCALE" > "$TMP/batch.jsonl"
ls -l "$TMP/batch.jsonl" | awk '{printf "scale: batch %.0f MB\n", $5/1e6}'
# Runs `$@` under GNU time with its output to $3, prints the times and appends the wall
# seconds to $TMP/$1.wall.
measure() {
  local key=$1 label=$2 out=$3; shift 3
  /usr/bin/time -o "$TMP/time" -f "%e %U %S %M" "$@" > "$out"
  read -r wall user sys rss < "$TMP/time"
  echo "scale: $label: $wall s wall, $user s user, $sys s system, $rss KB peak RSS"
  echo "$wall" >> "$TMP/$key.wall"
}
# One chorus run: summarize the batch, join each summary with its references, score.
chorus_run() {
  measure summarize summarize "$TMP/summaries.jsonl" "$BIN" summarize "$TMP/batch.jsonl" "${summarize_args[@]}"
  # Pairs: each summary's sentences (one per line) against its cluster's references.
  python3 - "$TMP/batch.jsonl" "$TMP/summaries.jsonl" > "$TMP/pairs.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as clusters, open(sys.argv[2], encoding="utf-8") as sums:
    for c, s in zip(clusters, sums):
        c, s = json.loads(c), json.loads(s)
        if "sentences" not in s:
            continue
        refs = [r["text"] if isinstance(r, dict) else r for r in c.get("references", [])]
        pred = "\n".join(x["text"] for x in s["sentences"])
        print(json.dumps({"id": c["id"], "prediction": pred, "references": refs}))
PY
  measure rouge "rouge --pairs" "$TMP/scores.jsonl" "$BIN" rouge --pairs "$TMP/pairs.jsonl" --format jsonl "${rouge_args[@]}"
  tail -n 1 "$TMP/summarize.wall" | paste -d' ' - <(tail -n 1 "$TMP/rouge.wall") \
    | awk '{print $1 + $2}' >> "$TMP/chorus.wall"
  echo "scale: $(wc -l < "$TMP/summaries.jsonl") summaries, $(wc -l < "$TMP/scores.jsonl") scored; load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
median() { sort -g "$1" | awk '{v[NR] = $1} END {print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
chorus_run
peers_ok=0
if [ "$PEERS" -gt 0 ]; then
  if "$PYTHON" -c 'import sumy, rouge_score' 2>/dev/null; then
    peers_ok=1
  else
    echo "scale: peers skipped: $PYTHON lacks sumy or rouge-score (scripts/ci/install-rouge-reference.sh; pip install sumy)"
  fi
fi
if [ "$peers_ok" = 1 ]; then
  # Every k-th cluster and its pair, so the sample spans the batch's cluster sizes.
  python3 - "$PEERS" "$TMP/batch.jsonl" "$TMP/pairs.jsonl" "$TMP/sample-clusters.jsonl" "$TMP/sample-pairs.jsonl" <<'PY'
import json, sys
n, batch, pairs, out_clusters, out_pairs = int(sys.argv[1]), *sys.argv[2:]
clusters = open(batch, encoding="utf-8").readlines()
step = max(1, len(clusters) // n)
chosen = clusters[::step][:n]
ids = {json.loads(c)["id"] for c in chosen}
with open(out_clusters, "w", encoding="utf-8") as f:
    f.writelines(chosen)
with open(out_pairs, "w", encoding="utf-8") as f:
    f.writelines(p for p in open(pairs, encoding="utf-8") if json.loads(p)["id"] in ids)
PY
  total=$(wc -l < "$TMP/batch.jsonl")
  scored=$(wc -l < "$TMP/pairs.jsonl")
  sample=$(wc -l < "$TMP/sample-clusters.jsonl")
  sample_pairs=$(wc -l < "$TMP/sample-pairs.jsonl")
fi
# Interleaved: chorus, then (peers, chorus) K times; without peers, chorus K times.
for run in $(seq 1 "$RUNS"); do
  if [ "$peers_ok" = 1 ]; then
    sumy=$("$PYTHON" scripts/bench/sumy_peer.py "$TMP/sample-clusters.jsonl" lexrank 5 | python3 -c 'import json,sys; print(json.load(sys.stdin)["seconds"])')
    rs=$("$PYTHON" scripts/rouge/rouge_score_ref.py "$TMP/sample-pairs.jsonl" --stem --time-only)
    # Prints the sample's times and their extrapolation, which also goes to peers.wall.
    awk -v s="$sumy" -v r="$rs" -v n="$sample" -v np="$sample_pairs" -v t="$total" -v tp="$scored" \
      -v out="$TMP/peers.wall" 'BEGIN {
      printf "scale: peers on a sample of %d clusters (%d pairs): sumy LexRank %.1f s, rouge-score %.2f s\n", n, np, s, r
      printf "scale: peers extrapolated linearly to all %d clusters (%d pairs): sumy %.0f s + rouge-score %.0f s = %.0f s\n", t, tp, s*t/n, r*tp/np, s*t/n + r*tp/np
      print s*t/n + r*tp/np >> out
    }'
    echo "scale: load average $(cut -d' ' -f1-3 /proc/loadavg)"
    chorus_run
  elif [ "$run" -gt 1 ]; then
    chorus_run
  fi
done
c=$(median "$TMP/chorus.wall")
if [ "$(wc -l < "$TMP/chorus.wall")" -gt 1 ]; then
  echo "scale: chorus summarize + rouge --pairs, median of $(wc -l < "$TMP/chorus.wall") runs: $c s (summarize $(median "$TMP/summarize.wall") s, rouge $(median "$TMP/rouge.wall") s)"
fi
if [ "$peers_ok" = 1 ]; then
  p=$(median "$TMP/peers.wall")
  awk -v p="$p" -v c="$c" -v k="$(wc -l < "$TMP/peers.wall")" 'BEGIN {
    printf "scale: peers extrapolated, median of %d run(s): %.0f s; ratio of the medians %.0fx (interleaved runs; an extrapolation from a timed sample)\n", k, p, p / c
  }'
fi
