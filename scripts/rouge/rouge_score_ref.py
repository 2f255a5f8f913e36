#!/usr/bin/env python3
"""Runs google-research rouge-score on a pairs JSONL (the reference for chorus's rouge-score mode).

Usage: rouge_score_ref.py PAIRS.jsonl [--stem] [--types rouge1,rouge2,rougeL,rougeLsum] [--time-only]
Input lines: {"id": ..., "prediction": "...", "references": ["...", ...]}.
Output: one JSON line per pair: {"id": ..., "rouge1": {"r","p","f"}, ...} with full-precision
floats, from RougeScorer.score_multi(references, prediction). With --time-only, prints only
the scoring seconds (for `chorus bench-rouge`).
"""
import argparse
import json
import sys
import time

from rouge_score import rouge_scorer


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("pairs")
    ap.add_argument("--stem", action="store_true")
    ap.add_argument("--types", default="rouge1,rouge2,rougeL,rougeLsum")
    ap.add_argument("--time-only", action="store_true")
    args = ap.parse_args()
    types = args.types.split(",")
    pairs = [json.loads(l) for l in open(args.pairs, encoding="utf-8") if l.strip()]
    scorer = rouge_scorer.RougeScorer(types, use_stemmer=args.stem)
    start = time.time()
    results = [scorer.score_multi(p["references"], p["prediction"]) for p in pairs]
    seconds = time.time() - start
    if args.time_only:
        print("%.6f" % seconds)
        return
    print("rouge-score seconds: %.3f" % seconds, file=sys.stderr)
    for p, res in zip(pairs, results):
        row = {"id": p["id"]}
        for t in types:
            s = res[t]
            row[t] = {"r": s.recall, "p": s.precision, "f": s.fmeasure}
        print(json.dumps(row))


if __name__ == "__main__":
    main()
