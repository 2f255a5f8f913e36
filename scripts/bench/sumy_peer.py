#!/usr/bin/env python3
"""Peer timing for `chorus bench`: sumy's LexRank/TextRank over the same clusters.

sumy's default tokenizer needs NLTK's punkt data, which cannot be downloaded on our build
machines, so this script swaps in a plain regex splitter (split after . ! ? followed by
white space and a capital letter or quote) and a plain word tokenizer. Stemming (NLTK's
Snowball) and sumy's English stop words are sumy's own. Only the summarization work is
timed: reading the JSONL and importing sumy are outside the clock.

Usage: sumy_peer.py CLUSTERS.jsonl METHOD SENTENCES   (METHOD: lexrank | textrank)
Prints one JSON object: {"method", "clusters", "seconds"}.
"""
import json
import re
import sys
import time

try:
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words
except ImportError as e:  # pragma: no cover - reported to the caller
    print(json.dumps({"error": f"sumy is not installed ({e}); pip install sumy"}))
    sys.exit(3)

SENTENCE_END = re.compile(r"(?<=[.!?])[\"'\u201d\u2019)]*\s+(?=[\"'\u201c\u2018(]*[A-Z])")
WORD = re.compile(r"\w+(?:'\w+)?")


class PlainTokenizer:
    """Stands in for sumy.nlp.tokenizers.Tokenizer without NLTK data."""

    language = "english"

    def to_sentences(self, paragraph):
        return [s.strip() for s in SENTENCE_END.split(paragraph) if s.strip()]

    def to_words(self, sentence):
        return WORD.findall(sentence)


def main():
    path, method, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
    clusters = [json.loads(line) for line in open(path, encoding="utf-8") if line.strip()]
    texts = ["\n\n".join(d["text"] for d in c["documents"]) for c in clusters]
    tokenizer = PlainTokenizer()
    summarizer = (LexRankSummarizer if method == "lexrank" else TextRankSummarizer)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    start = time.perf_counter()
    for text in texts:
        parser = PlaintextParser.from_string(text, tokenizer)
        summarizer(parser.document, count)
    seconds = time.perf_counter() - start
    print(json.dumps({"method": method, "clusters": len(texts), "seconds": seconds}))


if __name__ == "__main__":
    main()
