"""chorus.summarize_batch: order, equality with single calls, errors, and the GIL."""

from __future__ import annotations

import threading
import time

import pytest

import chorus


def clusters_of(bridge, harbor_fire, n):
    """n clusters that differ (rotated documents, different ids), alternating stories."""
    out = []
    for i in range(n):
        docs = bridge if i % 2 == 0 else harbor_fire
        k = i % len(docs)
        out.append({"id": f"c{i:03d}", "documents": docs[k:] + docs[:k]})
    return out


def test_batch_equals_single_calls_in_input_order(bridge, harbor_fire):
    clusters = clusters_of(bridge, harbor_fire, 12)
    batch = chorus.summarize_batch(clusters, words=60, method="textrank")
    assert [b["id"] for b in batch] == [c["id"] for c in clusters]
    for c, b in zip(clusters, batch):
        assert b == chorus.summarize(c, words=60, method="textrank")


def test_batch_of_lists_gets_positional_ids(bridge):
    texts = [d["text"] for d in bridge]
    batch = chorus.summarize_batch([texts, texts[:2], bridge], sentences=2)
    assert [b["id"] for b in batch] == ["cluster-1", "cluster-2", "cluster-3"]
    assert batch[0]["sentences"][0]["doc"].startswith("doc-")
    assert batch[2]["sentences"][0]["doc"] in {d["id"] for d in bridge}


def test_batch_accepts_any_iterable_and_empty(bridge):
    assert chorus.summarize_batch([]) == []
    gen = ({"id": str(i), "documents": bridge} for i in range(3))
    assert [b["id"] for b in chorus.summarize_batch(gen)] == ["0", "1", "2"]


def test_batch_errors_raise_or_are_returned_in_place(bridge):
    clusters = [
        {"id": "good", "documents": bridge},
        {"id": "empty", "documents": ["", "  "]},
        {"id": "bad", "documents": [{"id": "x", "text": 3}]},
        {"id": "also-good", "documents": bridge},
    ]
    with pytest.raises(ValueError, match="cluster empty: no usable sentence"):
        chorus.summarize_batch(clusters[:2])
    with pytest.raises(TypeError, match=r"clusters\[2\]\['documents'\]\[0\]\['text'\]"):
        chorus.summarize_batch(clusters)
    out = chorus.summarize_batch(clusters, return_exceptions=True)
    assert out[0]["id"] == "good" and out[3]["id"] == "also-good"
    assert isinstance(out[1], ValueError) and "no usable sentence" in str(out[1])
    assert isinstance(out[2], TypeError)


def test_batch_rejects_a_single_cluster(bridge):
    with pytest.raises(TypeError, match="clusters must be a list"):
        chorus.summarize_batch({"documents": bridge})
    with pytest.raises(TypeError, match="clusters must be a list"):
        chorus.summarize_batch("text")
    with pytest.raises(ValueError, match="words must be at least 1"):
        chorus.summarize_batch([bridge], words=0)


def test_batch_releases_the_gil(bridge, harbor_fire):
    """While a batch runs in one thread, Python code keeps running in another.

    If the native call held the GIL, the main thread could not run a single bytecode
    between `started` and `done`; with it released, it counts freely.
    """
    clusters = clusters_of(bridge, harbor_fire, 24) * 4
    t0 = time.perf_counter()
    chorus.summarize_batch(clusters, words=100, method="ilp")
    one_run = time.perf_counter() - t0
    # Make the call long enough to measure (at least ~0.3 s), whatever the machine.
    repeat = max(1, int(0.3 / max(one_run, 1e-3)) + 1)
    work = clusters * repeat

    started, done = threading.Event(), threading.Event()
    results = []

    def worker():
        started.set()
        results.append(chorus.summarize_batch(work, words=100, method="ilp"))
        done.set()

    thread = threading.Thread(target=worker)
    thread.start()
    started.wait()
    ticks = 0
    while not done.is_set():
        ticks += 1
    thread.join()
    assert len(results[0]) == len(work)
    # Held GIL: a handful of ticks (before the call starts). Released: many thousands.
    assert ticks > 10_000, f"only {ticks} loop iterations ran during the batch"


def test_concurrent_threads_get_the_same_answers(bridge, harbor_fire):
    clusters = clusters_of(bridge, harbor_fire, 8)
    expected = [chorus.summarize(c, words=70) for c in clusters]
    got = [None] * len(clusters)
    errors = []

    def run(i):
        try:
            got[i] = chorus.summarize(clusters[i], words=70)
        except Exception as e:  # pragma: no cover - reported below
            errors.append(e)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clusters))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert got == expected
