#!/usr/bin/env python3
"""Builds a Multi-News-sized synthetic batch from the DUC 2006 dev clusters (issue 16).

Multi-News has 5,622 clusters of 2-10 articles (15,915 articles, ~12 M words). This writes
as many clusters (times --scale), each of 2-10 articles drawn without replacement from one
dev topic (so a cluster is about one story), the number of articles drawn from a seeded
distribution whose mean (~3.5) gives ~12 M words from the dev articles' ~620 words each.
Each line is a chorus JSONL cluster with the topic's references, so the output of
`chorus summarize` can be scored with `chorus rouge --predictions OUT --references THIS`.

Usage: synth_corpus.py [--clusters ../shared/data/duc2006-dev/clusters.jsonl]
                       [--seed 16] [--scale 1] > synth.jsonl
Prints the totals on stderr. Nothing from the data is kept in the repository.
"""
import argparse
import json
import random
import sys

SIZES = list(range(2, 11))
WEIGHTS = [40, 25, 14, 8, 5, 3, 2, 1.5, 1.5]
MULTI_NEWS_CLUSTERS = 5622


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--clusters", default="../shared/data/duc2006-dev/clusters.jsonl")
    ap.add_argument("--seed", type=int, default=16)
    ap.add_argument("--scale", type=int, default=1)
    args = ap.parse_args()
    topics = [json.loads(line) for line in open(args.clusters, encoding="utf-8") if line.strip()]
    rng = random.Random(args.seed)
    out = sys.stdout
    articles = words = 0
    for i in range(MULTI_NEWS_CLUSTERS * args.scale):
        topic = rng.choice(topics)
        k = min(rng.choices(SIZES, WEIGHTS)[0], len(topic["documents"]))
        docs = rng.sample(topic["documents"], k)
        articles += k
        words += sum(len(d["text"].split()) for d in docs)
        line = {
            "id": "s%06d" % i,
            "documents": [{"id": d["id"], "text": d["text"]} for d in docs],
            "references": topic.get("references", []),
        }
        out.write(json.dumps(line, ensure_ascii=False))
        out.write("\n")
    print(
        "%d clusters, %d articles, %.1f M words" % (MULTI_NEWS_CLUSTERS * args.scale, articles, words / 1e6),
        file=sys.stderr,
    )


if __name__ == "__main__":
    main()
