"""chorus.rouge, chorus.rouge_batch and the rouge-score drop-in (chorus.rouge_scorer)."""

from __future__ import annotations

import csv
import json
from typing import Dict, List

import pytest

import chorus
from chorus import rouge_scorer
from conftest import BRIDGE, HARBOR_FIRE, SHARED, need

DUC_ARGS = "-n 4 -w 1.2 -m -2 4 -u -c 95 -r 1000 -f A -p 0.5 -t 0 -a -d"


def test_known_values_by_hand():
    # Unigrams: the x2, cat, on, mat shared of 6 and 6 -> 5/6; bigrams: "the cat", "on the",
    # "the mat" of 5 and 5 -> 3/5; LCS "the cat on the mat" -> 5/6.
    pred, ref = "the cat sat on the mat", "the cat is on the mat"
    got = chorus.rouge(pred, [ref], metrics=["rouge-1", "rouge-2", "rouge-l"], stem=False)
    assert list(got) == ["rouge-1", "rouge-2", "rouge-l"]
    assert got["rouge-1"] == {"r": 0.83333, "p": 0.83333, "f": 0.83333}
    assert got["rouge-2"] == {"r": 0.6, "p": 0.6, "f": 0.6}
    assert got["rouge-l"] == {"r": 0.83333, "p": 0.83333, "f": 0.83333}
    exact = chorus.rouge(pred, ref, metrics=["rouge1", "rouge2", "rougeL"], compat="rouge-score")
    assert exact["rouge-1"]["f"] == pytest.approx(5 / 6, abs=1e-12)
    assert exact["rouge-2"]["r"] == pytest.approx(3 / 5, abs=1e-12)
    assert exact["rouge-l"]["p"] == pytest.approx(5 / 6, abs=1e-12)


def test_default_metrics_are_the_duc_set():
    got = chorus.rouge("a b c d", ["a b c e"])
    assert list(got) == ["rouge-1", "rouge-2", "rouge-3", "rouge-4", "rouge-l", "rouge-w-1.2", "rouge-su4"]
    assert got == chorus.rouge("a b c d", ["a b c e"], rouge155_args="-n 4 -w 1.2 -m -2 4 -u")


def test_precision_recall_and_alpha():
    got = chorus.rouge("a b", "a b c d", metrics=["rouge-1"], alpha=0.5)["rouge-1"]
    assert (got["r"], got["p"]) == (0.5, 1.0)
    assert got["f"] == pytest.approx(2 * 0.5 / 1.5, abs=1e-5)
    # ROUGE-1.5.5's -p: F = 1 / (alpha / P + (1 - alpha) / R).
    precision_only = chorus.rouge("a b", "a b c d", metrics=["rouge-1"], alpha=1.0)["rouge-1"]
    assert precision_only["f"] == pytest.approx(1.0, abs=1e-5)
    recall_only = chorus.rouge("a b", "a b c d", metrics=["rouge-1"], alpha=0.0)["rouge-1"]
    assert recall_only["f"] == pytest.approx(0.5, abs=1e-5)


def test_limit_words_truncates_the_prediction():
    full = chorus.rouge("a b x y", "a b", metrics=["rouge-1"])["rouge-1"]
    cut = chorus.rouge("a b x y", "a b", metrics=["rouge-1"], limit_words=2)["rouge-1"]
    assert full["p"] == 0.5 and cut["p"] == 1.0


def test_jackknife_is_the_mean_of_leave_one_out_scores():
    pred = BRIDGE[0]["text"]
    refs = [BRIDGE[1]["text"], BRIDGE[2]["text"], "The bridge was closed on Monday."]
    jk = chorus.rouge(pred, refs, metrics=["rouge-1", "rouge-2"], jackknife=True)
    for metric in ("rouge-1", "rouge-2"):
        for k in ("r", "p", "f"):
            parts = [
                chorus.rouge(pred, refs[:i] + refs[i + 1:], metrics=[metric])[metric][k]
                for i in range(len(refs))
            ]
            assert jk[metric][k] == pytest.approx(sum(parts) / len(parts), abs=1e-5)


def test_rouge_batch_equals_single_calls():
    preds = [d["text"] for d in BRIDGE]
    refs = [[BRIDGE[(i + 1) % 3]["text"]] for i in range(3)]
    batch = chorus.rouge_batch(preds, refs, metrics=["rouge-1", "rouge-l"])
    assert batch == [chorus.rouge(p, r, metrics=["rouge-1", "rouge-l"]) for p, r in zip(preds, refs)]
    assert chorus.rouge_batch([], []) == []


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: chorus.rouge("a", []), ValueError, "references is empty"),
        (lambda: chorus.rouge(3, ["a"]), TypeError, "prediction must be str, not int"),
        (lambda: chorus.rouge("a", ["b", None]), TypeError, r"references\[1\] must be str"),
        (lambda: chorus.rouge("a", "b", metrics=["bleu"]), ValueError, "unknown ROUGE metric"),
        (lambda: chorus.rouge("a", "b", metrics="rouge-1"), TypeError, "metrics"),
        (lambda: chorus.rouge("a", "b", metrics=[]), ValueError, "metrics is empty"),
        (lambda: chorus.rouge("a", "b", compat="perl"), ValueError, "unknown compat"),
        (lambda: chorus.rouge("a", "b", limit_words=0), ValueError, "limit_words must be at least 1"),
        (lambda: chorus.rouge("a", "b", limit_words=5, limit_bytes=5), ValueError, "not both"),
        (lambda: chorus.rouge("a", "b", alpha=2.0), ValueError, "alpha"),
        (lambda: chorus.rouge("a", "b", multi_ref="max"), ValueError, "unknown multi_ref"),
        (lambda: chorus.rouge("a", "b", rouge155_args="-n 2", stem=True), ValueError, "one or the other"),
        (lambda: chorus.rouge("a", "b", rouge155_args="-n 2 model.txt"), ValueError, "non-option"),
        (lambda: chorus.rouge("a", "b", rouge155_args="-q"), ValueError, "unknown ROUGE-1.5.5 option"),
        (lambda: chorus.rouge("a", "b", compat="rouge-score", remove_stopwords=True), ValueError, "rouge-score"),
        (lambda: chorus.rouge("a", "b", compat="rouge-score", metrics=["rouge-su4"]), ValueError, "rouge-score has no"),
        (lambda: chorus.rouge_batch(["a", "b"], [["a"]]), ValueError, "2 predictions but 1 reference"),
        (lambda: chorus.rouge_batch("a", [["a"]]), TypeError, "predictions must be a list"),
        (lambda: rouge_scorer.RougeScorer("rouge1"), TypeError, "rouge_types must be a list"),
        (lambda: rouge_scorer.RougeScorer(["rougeW"]), ValueError, "unknown ROUGE metric"),
        (lambda: rouge_scorer.RougeScorer(["rouge1"], split_summaries=True), ValueError, "split_summaries"),
        (lambda: rouge_scorer.RougeScorer(["rouge1"]).score_multi([], "a"), ValueError, "targets is empty"),
        (lambda: rouge_scorer.RougeScorer(["rouge1"]).score("a", None), TypeError, "prediction must be str"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()


# --- rouge-score compatibility -----------------------------------------------------------

def pairs() -> List[tuple]:
    """(target, prediction) pairs: the fixture articles and harbor-fire, cut in various ways."""
    texts = [d["text"] for d in BRIDGE] + [
        p.read_text(encoding="utf-8") for p in sorted(HARBOR_FIRE.iterdir())
    ]
    out = []
    for i, t in enumerate(texts):
        p = texts[(i + 1) % len(texts)]
        out.append((t, p))
        out.append((t, "\n".join(t.split("\n")[:3])))
        out.append((t[: len(t) // 2], p.upper()))
    out.append(("", "nothing to match"))
    out.append(("Dr. Smith's 3.5% rise -- in 2026!", "dr smith's 3 5 rise in 2026"))
    out.append(("running runners ran quickly", "the runner runs quick"))
    return out


TYPES = ["rouge1", "rouge2", "rouge3", "rougeL", "rougeLsum"]


def test_scorer_returns_rouge_score_shaped_results():
    scorer = rouge_scorer.RougeScorer(["rouge1", "rougeL"], use_stemmer=True)
    got = scorer.score("the cat is on the mat", "the cat sat on the mat")
    assert list(got) == ["rouge1", "rougeL"]
    s = got["rouge1"]
    assert isinstance(s, tuple) and s._fields == ("precision", "recall", "fmeasure")
    precision, recall, fmeasure = s
    assert (precision, recall) == (s.precision, s.recall) == (pytest.approx(5 / 6), pytest.approx(5 / 6))
    assert fmeasure == s.fmeasure


@pytest.mark.parametrize("use_stemmer", [False, True])
def test_equal_to_rouge_score_package(use_stemmer):
    reference = pytest.importorskip("rouge_score.rouge_scorer", reason="rouge-score is not installed")
    ours = rouge_scorer.RougeScorer(TYPES, use_stemmer=use_stemmer)
    theirs = reference.RougeScorer(TYPES, use_stemmer=use_stemmer)
    for target, prediction in pairs():
        a, b = ours.score(target, prediction), theirs.score(target, prediction)
        assert list(a) == list(b)
        for t in TYPES:
            assert tuple(a[t]) == pytest.approx(tuple(b[t]), abs=1e-12), (t, target[:40], prediction[:40])


def test_score_multi_equal_to_rouge_score_package():
    reference = pytest.importorskip("rouge_score.rouge_scorer", reason="rouge-score is not installed")
    ours = rouge_scorer.RougeScorer(TYPES, use_stemmer=True)
    theirs = reference.RougeScorer(TYPES, use_stemmer=True)
    texts = [t for t, _ in pairs()]
    for i, (_, prediction) in enumerate(pairs()):
        targets = [texts[i], texts[(i + 3) % len(texts)], texts[(i + 5) % len(texts)]]
        a, b = ours.score_multi(targets, prediction), theirs.score_multi(targets, prediction)
        for t in TYPES:
            assert tuple(a[t]) == pytest.approx(tuple(b[t]), abs=1e-12), (t, i)


# --- the official DUC 2006 numbers ------------------------------------------------------

def test_reproduces_nist_rouge_for_duc2006_peers():
    """Peers 1 and 24 on three topics, every jackknife eval, all 7 metrics, to 5 decimals."""
    data = SHARED / "data" / "duc2006-dev"
    need((data / "official_rouge.tsv").is_file(), f"{data} (../shared) is absent")
    topics = ["D0601", "D0607", "D0615"]
    refs: Dict[str, Dict[str, str]] = {}
    with open(data / "clusters.jsonl", encoding="utf-8") as f:
        for line in f:
            c = json.loads(line)
            topic = c["id"][:5]  # cluster "D0601A" is NIST topic "D0601"
            if topic in topics:
                refs[topic] = {r["id"]: r["text"] for r in c["references"]}
    peers = {}
    with open(data / "peers.jsonl", encoding="utf-8") as f:
        for line in f:
            p = json.loads(line)
            if p["topic"] in topics and p["peer"] in ("1", "24"):
                peers[(p["topic"], p["peer"])] = p["text"]
    expected: Dict[tuple, Dict[str, tuple]] = {}
    with open(data / "official_rouge.tsv", encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            topic, _, _, letters, peer = row["eval_id"].split(".")
            if topic in topics and peer in ("1", "24"):
                left_out = letters.split("-")[1]
                expected.setdefault((topic, peer, left_out), {})[row["metric"].lower()] = (
                    float(row["R"]), float(row["P"]), float(row["F"]))
    assert len(expected) == 2 * sum(len(refs[t]) for t in topics)
    for (topic, peer, left_out), metrics in expected.items():
        models = [text for rid, text in refs[topic].items() if rid != left_out]
        got = chorus.rouge(peers[(topic, peer)], models, compat="rouge155", rouge155_args=DUC_ARGS)
        assert len(metrics) == 7
        for metric, (r, p, f) in metrics.items():
            s = got[metric]
            assert (s["r"], s["p"], s["f"]) == (r, p, f), (topic, peer, left_out, metric)
