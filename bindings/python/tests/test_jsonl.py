"""chorus.summarize_jsonl: JSONL lines read by the CLI's own reader, summarized like the CLI."""

from __future__ import annotations

import json

import pytest

import chorus
from conftest import BRIDGE, run_cli

DOCS = [{"id": d["id"], "text": d["text"]} for d in BRIDGE]


def test_lines_equal_the_cli_on_the_same_file(tmp_path, chorus_cli):
    lines = [
        json.dumps({"id": "bridge", "query": "What will repairs cost?", "documents": DOCS}),
        "",
        json.dumps({"documents": DOCS[::-1]}),
        json.dumps({"document": DOCS[0]["text"] + " ||||| " + DOCS[1]["text"], "summary": "x"}),
        json.dumps({"id": 7, "documents": [{"text": DOCS[2]["text"]}, {"id": "e", "text": ""}]}),
    ]
    src = tmp_path / "batch.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    expected = run_cli(chorus_cli, "summarize", str(src), "--words", "50", "--method", "centroid")
    with pytest.warns(UserWarning, match="line 5: document e: empty"):
        got = chorus.summarize_jsonl(lines, words=50, method="centroid")
    assert got[1] is None  # the blank line
    assert [g["id"] for g in got if g] == ["bridge", "line-3", "line-4", "7"]
    text = "".join(json.dumps(g, ensure_ascii=False, separators=(",", ":")) + "\n" for g in got if g)
    assert text.encode("utf-8") == expected


def test_line_numbers_from_pairs_or_first_line():
    line = json.dumps({"documents": DOCS})
    assert chorus.summarize_jsonl([line], first_line=10)[0]["id"] == "line-10"
    assert chorus.summarize_jsonl([(99, line), (3, line + "\r")])[1]["id"] == "line-3"


def test_bad_lines_raise_or_are_returned():
    lines = [json.dumps({"id": "ok", "documents": DOCS}), "{broken", json.dumps({"id": "x"})]
    with pytest.raises(ValueError, match="line 2: invalid JSON"):
        chorus.summarize_jsonl(lines)
    out = chorus.summarize_jsonl(lines, return_exceptions=True)
    assert out[0]["id"] == "ok"
    assert isinstance(out[1], ValueError) and "line 2: invalid JSON" in str(out[1])
    assert isinstance(out[2], ValueError) and "line 3: unexpected JSON shape" in str(out[2])
    with pytest.raises(TypeError, match=r"lines\[0\] must be a str"):
        chorus.summarize_jsonl([{"documents": DOCS}])
    with pytest.raises(TypeError, match=r"lines\[0\] must be a str or a \(line_number >= 1, str\) pair"):
        chorus.summarize_jsonl([(0, "{}")])
    with pytest.raises(ValueError, match="first_line must be at least 1"):
        chorus.summarize_jsonl([], first_line=0)


def test_a_bad_lines_exception_says_where_it_came_from_like_the_cli():
    # The Spark job writes the CLI's error lines from these attributes.
    lines = ["{broken", json.dumps({"id": "empty", "documents": [{"id": "a", "text": "  "}]})]
    with pytest.warns(UserWarning, match="news.jsonl:2: document a: empty"):
        out = chorus.summarize_jsonl(lines, return_exceptions=True, source="news.jsonl")
    assert (out[0].line, out[0].id, out[0].file) == (1, None, "news.jsonl")
    assert str(out[0]).startswith("news.jsonl:1: invalid JSON")
    assert (out[1].line, out[1].id, out[1].file) == (2, "empty", "news.jsonl")
    assert str(out[1]) == "news.jsonl:2: no documents to summarize (1 skipped, see the warning)"
    with pytest.warns(UserWarning, match="line 2: document a: empty"):
        plain = chorus.summarize_jsonl(lines, return_exceptions=True)
    assert (plain[1].line, plain[1].id, plain[1].file) == (2, "empty", None)
    assert str(plain[1]).startswith("line 2: no documents")
