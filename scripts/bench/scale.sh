#!/usr/bin/env bash
# Issue 16's corpus benchmark: builds the seeded Multi-News-sized batch from the DUC 2006 dev
# data (scripts/bench/synth_corpus.py, SCALE times as many clusters), summarizes it with the
# release binary and scores every summary against its cluster's references with ROUGE,
# printing wall time and peak memory (GNU time) for each step. The batch and outputs go to a
# temporary folder, removed at the end.
#
# Usage: scripts/bench/scale.sh [SCALE]   (needs a release build: cargo build --release)
set -euo pipefail
cd "$(dirname "$0")/../.."
SCALE=${1:-1}
BIN=${CHORUS:-target/release/chorus}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
echo "scale: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 scripts/bench/synth_corpus.py --scale "$SCALE" > "$TMP/batch.jsonl"
ls -l "$TMP/batch.jsonl" | awk '{printf "scale: batch %.0f MB\n", $5/1e6}'
measure() {
  local label=$1; shift
  /usr/bin/time -f "scale: $label: %e s wall, %M KB peak RSS" "$@"
}
measure summarize "$BIN" summarize "$TMP/batch.jsonl" > "$TMP/summaries.jsonl"
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
measure "rouge --pairs" "$BIN" rouge --pairs "$TMP/pairs.jsonl" --format jsonl > "$TMP/scores.jsonl"
echo "scale: $(wc -l < "$TMP/summaries.jsonl") summaries, $(wc -l < "$TMP/scores.jsonl") scored; load average $(cut -d' ' -f1-3 /proc/loadavg)"
