#!/usr/bin/env python3
"""Evaluates `chorus extract` on a folder of test pages (Mozilla Readability's layout:
PAGE/source.html, PAGE/expected.html, PAGE/expected-metadata.json), optionally beside
trafilatura and readability-lxml.

Text quality is token precision, recall and F1 of the extracted text against the text of
expected.html (lowercased word tokens, bag overlap), micro-averaged (tokens summed over
pages) and macro-averaged (mean of per-page F1). Metadata accuracy is the share of pages
whose title, byline and published date equal the expected ones after white space is
collapsed (both absent counts as equal). Time is the mean per page, each extractor run in
one process over all pages, one thread (chorus: one `chorus extract` batch, start-up
included once).

    scripts/eval-extract.py [--pages DIR | --snippets DIR] [--chorus BIN] [--compare] [--json]

--snippets DIR scores pages the way trafilatura's own benchmark does instead: each
NAME.html in DIR comes with NAME.json holding {"with": [...], "without": [...]}, snippets
that must and must not be in the extracted text (white space collapsed on both sides). A
"with" snippet found is a true positive, one missing a false negative; a "without" snippet
found is a false positive. Precision, recall and F1 are over the snippets of all pages;
`misses` lists each page's failed snippets (crates/ingest/tests/fixtures/general holds
such pages, written for chorus).

--compare installs trafilatura and readability-lxml from PyPI into the script's own venv
(target/eval-extract-venv, created on first use) and runs them on the same pages.
"""

from __future__ import annotations

import argparse
import html
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_PAGES = ROOT.parent / "shared" / "data" / "html-pages" / "pages"
VENV = ROOT / "target" / "eval-extract-venv"
TOKEN = re.compile(r"\w+", re.UNICODE)
BLOCKS = {
    "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th",
    "table", "blockquote", "pre", "section", "article", "figure", "figcaption", "dd", "dt",
}


class _Text(HTMLParser):
    """The visible text of an HTML fragment, blocks separated by newlines."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style"):
            self.skip += 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style") and self.skip:
            self.skip -= 1
        if tag in BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def html_text(markup: str) -> str:
    parser = _Text()
    parser.feed(markup)
    parser.close()
    return "".join(parser.parts)


def tokens(text: str) -> Counter:
    return Counter(t.lower() for t in TOKEN.findall(text or ""))


def norm(value) -> str | None:
    if value is None:
        return None
    v = " ".join(html.unescape(str(value)).split())
    return v or None


def load_snippet_pages(root: Path) -> list[dict]:
    pages = []
    for src in sorted(root.glob("*.html")):
        spec = json.loads(src.with_suffix(".json").read_text(encoding="utf-8"))
        pages.append({"name": src.stem, "source": src, "with": spec.get("with", []),
                      "without": spec.get("without", [])})
    return pages


def score_snippets(pages: list[dict], results: dict[str, dict]) -> dict:
    tp = fp = fn = 0
    misses = {}
    times = []
    for p in pages:
        r = results.get(p["name"], {})
        text = " ".join((r.get("text") or "").split())
        missed = []
        for want in p["with"]:
            if " ".join(want.split()) in text:
                tp += 1
            else:
                fn += 1
                missed.append("-" + want)
        for bad in p["without"]:
            if " ".join(bad.split()) in text:
                fp += 1
                missed.append("+" + bad)
        if missed:
            misses[p["name"]] = missed
        if "seconds" in r:
            times.append(r["seconds"])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "pages": len(pages),
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "ms_per_page": round(statistics.mean(times) * 1e3, 2) if times else None,
        "misses": misses,
    }


def load_pages(root: Path) -> list[dict]:
    pages = []
    for d in sorted(p for p in root.iterdir() if (p / "source.html").is_file()):
        meta_file = d / "expected-metadata.json"
        meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.is_file() else {}
        expected = html_text((d / "expected.html").read_text(encoding="utf-8", errors="replace"))
        pages.append({"name": d.name, "source": d / "source.html", "expected": expected, "meta": meta})
    return pages


def run_chorus(binary: str, pages: list[dict]) -> dict[str, dict]:
    """One `chorus extract --format json` batch over every page, one thread (so the time per
    page is extraction, not process start-up)."""
    env = dict(os.environ, RAYON_NUM_THREADS="1")
    args = [binary, "extract", "--format", "json"] + [str(p["source"]) for p in pages]
    start = time.perf_counter()
    r = subprocess.run(args, capture_output=True, env=env)
    elapsed = time.perf_counter() - start
    lines = [json.loads(line) for line in r.stdout.decode().splitlines() if line.strip()]
    by_file = {line.get("file"): line for line in lines}
    out = {}
    for p in pages:
        got = by_file.get(str(p["source"]), {})
        out[p["name"]] = {"text": got.get("text", ""), "title": got.get("title"),
                          "byline": got.get("byline"), "date": got.get("date"),
                          "seconds": elapsed / len(pages), "error": got.get("error")}
    return out


# Runs inside the comparison venv: extracts every page with trafilatura and readability-lxml.
OTHERS = r'''
import json, sys, time
import trafilatura
from readability import Document
import lxml.html
pages = json.load(sys.stdin)
res = {"trafilatura": {}, "readability-lxml": {}}
for name, path in pages:
    # Bytes, as read from disk: each extractor does its own charset detection.
    page = open(path, "rb").read()
    t = time.perf_counter()
    # Text and metadata in one pass, as trafilatura's own CLI does with --with-metadata.
    doc = trafilatura.bare_extraction(page, with_metadata=True, include_comments=False,
                                      include_tables=True)
    el = time.perf_counter() - t
    get = (lambda k: doc.get(k) if isinstance(doc, dict) else getattr(doc, k, None)) if doc else (lambda k: None)
    res["trafilatura"][name] = {"text": get("text") or "", "seconds": el,
        "title": get("title"), "byline": get("author"), "date": get("date")}
    t = time.perf_counter()
    try:
        doc = Document(page)
        summary = doc.summary(html_partial=True)
        text = lxml.html.fromstring(summary).text_content() if summary.strip() else ""
        title = doc.short_title()
    except Exception:
        text, title = "", None
    el = time.perf_counter() - t
    res["readability-lxml"][name] = {"text": text, "seconds": el, "title": title,
        "byline": None, "date": None}
json.dump(res, sys.stdout)
'''


def run_others(pages: list[dict]) -> dict[str, dict[str, dict]]:
    py = VENV / "bin" / "python"
    if not py.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        # One at a time: pip's resolver trips over lxml's extras when both come together.
        for package in ("trafilatura", "readability-lxml"):
            subprocess.run([str(py), "-m", "pip", "install", "-q", package], check=True)
    listing = json.dumps([[p["name"], str(p["source"])] for p in pages])
    r = subprocess.run([str(py), "-c", OTHERS], input=listing.encode(), capture_output=True,
                       check=True)
    return json.loads(r.stdout)


def score(pages: list[dict], results: dict[str, dict]) -> dict:
    tp = fp = fn = 0
    f1s = []
    meta_ok = {"title": 0, "byline": 0, "date": 0}
    times = []
    failed = 0
    for p in pages:
        r = results.get(p["name"], {})
        got, want = tokens(r.get("text", "")), tokens(p["expected"])
        overlap = sum((got & want).values())
        tp += overlap
        fp += sum(got.values()) - overlap
        fn += sum(want.values()) - overlap
        prec = overlap / sum(got.values()) if got else 0.0
        rec = overlap / sum(want.values()) if want else 0.0
        f1s.append(2 * prec * rec / (prec + rec) if prec + rec else 0.0)
        failed += not r.get("text")
        meta = p["meta"]
        meta_ok["title"] += norm(r.get("title")) == norm(meta.get("title"))
        meta_ok["byline"] += norm(r.get("byline")) == norm(meta.get("byline"))
        meta_ok["date"] += norm(r.get("date")) == norm(meta.get("publishedTime"))
        if "seconds" in r:
            times.append(r["seconds"])
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    n = len(pages)
    return {
        "pages": n,
        "no_text": failed,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4) if precision + recall else 0.0,
        "macro_f1": round(statistics.mean(f1s), 4) if f1s else 0.0,
        "title_acc": round(meta_ok["title"] / n, 4),
        "byline_acc": round(meta_ok["byline"] / n, 4),
        "date_acc": round(meta_ok["date"] / n, 4),
        "ms_per_page": round(statistics.mean(times) * 1e3, 2) if times else None,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", type=Path, default=DEFAULT_PAGES)
    ap.add_argument("--snippets", type=Path, help="score NAME.html pages by NAME.json snippets")
    ap.add_argument("--chorus", default=str(ROOT / "target" / "release" / "chorus"))
    ap.add_argument("--compare", action="store_true", help="also run trafilatura and readability-lxml")
    ap.add_argument("--json", action="store_true", help="print the scores as one JSON object")
    args = ap.parse_args()
    if args.snippets is not None:
        return snippet_main(args)
    if not args.pages.is_dir():
        print(f"eval-extract: {args.pages}: no such folder", file=sys.stderr)
        return 2
    pages = load_pages(args.pages)
    rows = {"chorus": score(pages, run_chorus(args.chorus, pages))}
    if args.compare:
        for name, res in run_others(pages).items():
            rows[name] = score(pages, res)
    if args.json:
        print(json.dumps(rows))
        return 0
    cols = ["precision", "recall", "f1", "macro_f1", "title_acc", "byline_acc", "date_acc",
            "ms_per_page", "no_text"]
    print(f"{len(pages)} pages from {args.pages}")
    print("extractor".ljust(18) + "".join(c.rjust(12) for c in cols))
    for name, s in rows.items():
        print(name.ljust(18) + "".join(str(s[c]).rjust(12) for c in cols))
    return 0


def snippet_main(args) -> int:
    if not args.snippets.is_dir():
        print(f"eval-extract: {args.snippets}: no such folder", file=sys.stderr)
        return 2
    pages = load_snippet_pages(args.snippets)
    rows = {"chorus": score_snippets(pages, run_chorus(args.chorus, pages))}
    if args.compare:
        for name, res in run_others(pages).items():
            rows[name] = score_snippets(pages, res)
    if args.json:
        print(json.dumps(rows))
        return 0
    cols = ["precision", "recall", "f1", "ms_per_page"]
    print(f"{len(pages)} pages from {args.snippets} (snippet checks)")
    print("extractor".ljust(18) + "".join(c.rjust(12) for c in cols))
    for name, s in rows.items():
        print(name.ljust(18) + "".join(str(s[c]).rjust(12) for c in cols))
    for name, s in rows.items():
        for page, missed in s["misses"].items():
            print(f"{name} {page}: " + " | ".join(missed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
