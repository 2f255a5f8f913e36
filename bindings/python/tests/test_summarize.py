"""chorus.summarize and chorus.render: shape, attribution, options and the CLI's equality."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest

import chorus
from conftest import HARBOR_FIRE, run_cli


def piece_texts(doc_text: str, spans: List[List[int]]) -> List[str]:
    """What each byte span shows, white space collapsed (as the renderer does)."""
    raw = doc_text.encode("utf-8")
    return [" ".join(raw[a:b].decode("utf-8").split()) for a, b in spans]


def check_attribution(summary: Dict[str, Any], docs: Dict[str, str]) -> None:
    """Every sentence is cut from its document by its byte spans; sources are other docs."""
    for s in summary["sentences"]:
        assert s["doc"] in docs, s
        assert s["spans"], s
        assert s["start"] == s["spans"][0][0] and s["end"] == s["spans"][-1][1], s
        pieces = piece_texts(docs[s["doc"]], s["spans"])
        if len(pieces) == 1:
            assert s["text"] == pieces[0]
        else:
            pos = 0
            for piece in pieces:
                found = s["text"].find(piece, pos)
                assert found >= 0, (piece, s["text"])
                pos = found + len(piece)
        for a, b in s["spans"]:
            assert 0 <= a <= b <= len(docs[s["doc"]].encode("utf-8"))
        assert s["doc"] not in s["sources"]
        assert len(set(s["sources"])) == len(s["sources"])
        assert all(src in docs for src in s["sources"])


def test_plain_strings_get_positional_ids(bridge):
    texts = [d["text"] for d in bridge]
    out = chorus.summarize(texts, words=60)
    assert list(out) == ["id", "method", "words", "text", "sentences", "disagreements", "agreements"]
    assert out["text"].replace("\n\n", " ") == " ".join(s["text"] for s in out["sentences"])
    assert out["id"] == "cluster"
    assert out["method"] == chorus.DEFAULT_METHOD == "ilp"
    assert out["sentences"], out
    docs = {f"doc-{i + 1}": t for i, t in enumerate(texts)}
    check_attribution(out, docs)
    assert out["words"] == sum(len([w for w in s["text"].split() if any(c.isalnum() for c in w)])
                               for s in out["sentences"])


def test_dict_documents_keep_their_ids_and_attribution(bridge):
    out = chorus.summarize(bridge, words=80, id="bridge")
    assert out["id"] == "bridge"
    check_attribution(out, {d["id"]: d["text"] for d in bridge})
    # The closure is told by two outlets in near-identical words: whichever one is chosen,
    # the other corroborates it.
    closure = [s for s in out["sentences"] if "cracked steel beam" in s["text"]]
    assert closure, out
    assert {closure[0]["doc"], *closure[0]["sources"]} >= {"valley-gazette", "river-wire"}


def test_byte_offsets_with_non_ascii_text(bridge):
    # Put the accented sentence first so the lead method takes it.
    doc = dict(bridge[2])
    doc["text"] = "Café owner José Núñez said the detour doubled his morning trade on Tuesday.\n\n" + doc["text"]
    out = chorus.summarize([doc, bridge[0]], sentences=2, method="lead", compress=False)
    first = [s for s in out["sentences"] if s["doc"] == "evening-post"][0]
    raw = doc["text"].encode("utf-8")
    assert raw[first["start"]:first["end"]].decode("utf-8") == first["text"]
    assert "Núñez" in first["text"]
    assert first["end"] > len(first["text"]) - 1  # byte offsets, not character offsets
    assert first["end"] - first["start"] == len(first["text"].encode("utf-8"))


@pytest.mark.parametrize("method", chorus.METHODS)
def test_every_method_runs_and_says_its_name(bridge, method):
    out = chorus.summarize(bridge, words=50, method=method)
    assert out["method"] == method
    assert out["sentences"]
    check_attribution(out, {d["id"]: d["text"] for d in bridge})


def test_method_names_are_case_insensitive(bridge):
    assert chorus.summarize(bridge, method="LexRank") == chorus.summarize(bridge, method="lexrank")


def test_sentence_budget(bridge):
    for n in (1, 2, 3):
        out = chorus.summarize(bridge, sentences=n)
        assert 1 <= len(out["sentences"]) <= n


def test_word_budget_grows_the_summary(bridge):
    short = chorus.summarize(bridge, words=25)
    long = chorus.summarize(bridge, words=150)
    assert short["words"] <= 25 or len(short["sentences"]) == 1
    assert long["words"] > short["words"]


def test_compress_false_shows_whole_sentences(harbor_fire):
    out = chorus.summarize(harbor_fire, words=120, compress=False)
    assert all(len(s["spans"]) == 1 for s in out["sentences"])


def test_deterministic(bridge):
    assert chorus.summarize(bridge, words=70) == chorus.summarize(bridge, words=70)


def test_query_of_a_cluster_dict_and_ignore_query(bridge):
    # LexRank's query-biased jump answers a focus question even with a one-sentence budget
    # (the concept ILP only boosts query concepts, too weakly to flip a single pick).
    cluster = {"id": "q", "query": "How will buses be rerouted?", "documents": bridge}
    focused = chorus.summarize(cluster, sentences=1, compress=False, method="lexrank")
    assert focused["id"] == "q"
    ignored = chorus.summarize(cluster, sentences=1, compress=False, method="lexrank", ignore_query=True)
    plain = chorus.summarize(bridge, sentences=1, compress=False, method="lexrank", id="q")
    assert ignored == plain
    explicit = chorus.summarize(bridge, sentences=1, compress=False, method="lexrank", id="q",
                                query="How will buses be rerouted?")
    assert explicit == focused
    assert "Bus routes" in focused["sentences"][0]["text"]


def test_bytes_documents_read_like_files(bridge):
    as_bytes = [d["text"].encode("utf-8") for d in bridge]
    as_str = [d["text"] for d in bridge]
    assert chorus.summarize(as_bytes, words=60) == chorus.summarize(as_str, words=60)
    with_ids = [{"id": d["id"], "text": d["text"].encode("utf-8")} for d in bridge]
    assert chorus.summarize(with_ids, words=60) == chorus.summarize(bridge, words=60)


def test_html_bytes_are_extracted(bridge):
    body = "".join(f"<p>{p}</p>" for p in bridge[0]["text"].split("\n\n"))
    page = (
        "<!doctype html><html><head><title>Bridge</title><script>var x = 1;</script></head>"
        f"<body><nav>Home | News | Sport</nav><article>{body}</article>"
        "<footer>Copyright 2026</footer></body></html>"
    ).encode("utf-8")
    out = chorus.summarize([page], words=80)
    assert out["sentences"], out
    assert all(s["doc"] == "doc-1" for s in out["sentences"])
    texts = " ".join(s["text"] for s in out["sentences"])
    assert "cracked steel beam" in texts
    for junk in ("<p>", "var x", "Home | News", "Copyright"):
        assert junk not in texts, texts
    # The spans index the extracted article, which the summary carries (issue 17).
    (doc,) = out["documents"]
    assert doc["id"] == "doc-1"
    extracted = doc["text"].encode()
    for s in out["sentences"]:
        for start, end in s["spans"]:
            assert extracted[start:end].decode().strip(), (start, end)


def test_bad_bytes_warn_or_raise(bridge):
    with pytest.warns(UserWarning, match="document doc-1: invalid UTF-8"):
        out = chorus.summarize([b"Caf\xe9 owner said the detour doubled his trade on Tuesday.",
                                bridge[0]["text"]], words=40)
    assert out["sentences"]
    with pytest.raises(ValueError, match=r"documents\[0\]: document doc-1: binary data"):
        chorus.summarize([b"\x00\x01binary\x00" * 10])
    with pytest.raises(ValueError, match=r"documents\[1\]: document b: empty"):
        chorus.summarize([bridge[0], {"id": "b", "text": b"   "}])


def test_duplicate_ids_are_refused(bridge):
    with pytest.raises(ValueError, match=r'documents\[2\] has the id "valley-gazette" of documents\[0\]'):
        chorus.summarize([bridge[0], bridge[1], dict(bridge[2], id="valley-gazette")])


def test_summary_equals_the_cli_json(chorus_cli, harbor_fire):
    for args, kwargs in [
        ([], {}),
        (["--words", "60", "--method", "textrank"], {"words": 60, "method": "textrank"}),
        (["--sentences", "3", "--no-compress"], {"sentences": 3, "compress": False}),
        (["--query", "Was anyone hurt?", "--method", "mmr"], {"query": "Was anyone hurt?", "method": "mmr"}),
    ]:
        cli = run_cli(chorus_cli, "summarize", str(HARBOR_FIRE), "--format", "json", *args)
        ours = chorus.summarize(harbor_fire, id=HARBOR_FIRE.name, **kwargs)
        assert ours == json.loads(cli), args
        text = run_cli(chorus_cli, "summarize", str(HARBOR_FIRE), *args).decode("utf-8")
        assert chorus.render(ours) == text
        md = run_cli(chorus_cli, "summarize", str(HARBOR_FIRE), "--format", "md", *args)
        assert chorus.render(ours, "md") == md.decode("utf-8")
        assert chorus.render(ours, "json") + "\n" == cli.decode("utf-8")


def test_render_formats(bridge):
    out = chorus.summarize(bridge, words=60)
    # Text is the prose: the summary's `text` (a short summary is one paragraph).
    assert chorus.render(out) == out["text"] + "\n"
    assert out["text"] == " ".join(s["text"] for s in out["sentences"])
    md = chorus.render(out, "md")
    assert "[1]" in md and "**Sources**" in md
    line = chorus.render(out, format="json")
    assert json.loads(line) == out
    assert line == json.dumps(out, ensure_ascii=False, separators=(",", ":"))


# --- bad input -------------------------------------------------------------------------

@pytest.mark.parametrize(
    "documents, error, message",
    [
        ([], ValueError, "documents is empty"),
        ("just one string", TypeError, "must be a list of documents"),
        ({"text": "a dict, not a list"}, ValueError, "without 'documents'"),
        (None, TypeError, "must be a list of documents"),
        (42, TypeError, "must be a list of documents"),
        (["ok text here.", 7], TypeError, r"documents\[1\] must be a str, bytes or a dict"),
        ([{"id": "a"}], ValueError, r"documents\[0\] has no 'text'"),
        ([{"text": 5}], TypeError, r"documents\[0\]\['text'\] must be str or bytes, not int"),
        ([{"text": "x", "id": 3}], TypeError, r"documents\[0\]\['id'\] must be str or None"),
        ([{"text": "x", "date": 2026}], TypeError, r"\['date'\] must be str or None"),
        ({"documents": []}, ValueError, r"documents\['documents'\] is empty"),
        ({"documents": "abc"}, TypeError, "must be a list of documents"),
    ],
)
def test_bad_documents(documents, error, message):
    with pytest.raises(error, match=message):
        chorus.summarize(documents)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"words": 0}, ValueError, "words must be at least 1, got 0"),
        ({"words": -5}, ValueError, "words must be at least 1, got -5"),
        ({"sentences": 0}, ValueError, "sentences must be at least 1"),
        ({"words": 50, "sentences": 2}, ValueError, "not both"),
        ({"words": "100"}, TypeError, "words"),
        ({"words": 2.5}, TypeError, "words"),
        ({"method": "nope"}, ValueError, r"unknown method \"nope\" \(known: lead, lexrank"),
        ({"method": 3}, TypeError, "method"),
        ({"similarity": 1.5}, ValueError, "similarity must be between 0 and 1"),
        ({"similarity": float("nan")}, ValueError, "similarity must be between 0 and 1"),
        ({"min_words": -1}, ValueError, "min_words must be 0 or more"),
        ({"stemmer": "porter"}, ValueError, "unknown stemmer"),
        ({"query": "q", "ignore_query": True}, ValueError, "not both"),
        ({"compress": "yes"}, TypeError, "compress"),
        ({"bogus": 1}, TypeError, "bogus"),
    ],
)
def test_bad_options(bridge, kwargs, error, message):
    with pytest.raises(error, match=message):
        chorus.summarize(bridge, **kwargs)


def test_nothing_usable_is_a_value_error():
    with pytest.raises(ValueError, match="no usable sentence"):
        chorus.summarize(["", "   \n\n  "], id="empty")


def test_render_rejects_what_is_not_a_summary(bridge):
    with pytest.raises(TypeError, match="must be a dict"):
        chorus.render("text")
    with pytest.raises(ValueError, match="not a chorus summary"):
        chorus.render({"id": "x"})
    with pytest.raises(ValueError, match="unknown format"):
        chorus.render(chorus.summarize(bridge), "pdf")
