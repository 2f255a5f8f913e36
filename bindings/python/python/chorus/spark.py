"""Summarize a large, partitioned dataset of clusters with Apache Spark.

The recipe: read clusters from JSONL (one cluster a line, the CLI's batch format) or
Parquet (one cluster a row, same fields), summarize each partition with
:func:`chorus.summarize_jsonl` inside ``mapPartitions`` (one native call per chunk of
clusters, in parallel, without the GIL), and write one JSON line per cluster. Each output
line is byte for byte what ``chorus summarize FILE.jsonl`` prints for that cluster, and
partitions are written in input order, so the part files concatenated in name order equal
the CLI's output.

Run it in local mode::

    python -m chorus.spark clusters.jsonl out/ --words 250 --master 'local[2]'

or on a cluster, with the ``chorus`` wheel installed on every executor::

    spark-submit "$(python -c 'import chorus.spark as m; print(m.__file__)')" \\
        s3://bucket/clusters/ s3://bucket/summaries/ --input-format parquet

A cluster that cannot be summarized (no usable sentence, a missing ``text``...) is
reported on the executor's stderr and counted, and the job goes on, as the CLI does.

The stories recipe (:func:`run_stories`, ``python -m chorus.spark stories INPUT OUTPUT``)
turns a partitioned crawl (JSONL feed lines, the ``chorus stories`` format) into the lines
``chorus stories --format jsonl`` prints for the same input, in the same order. The stream
is cut into time-window parts wherever two consecutive articles are more than ``window``
days apart (no story or copy reaches across such a gap); each part is folded, clustered
and summarized in ``mapPartitions``, after the vocabulary of the parts before it (document
frequencies carry across gaps; see ``chorus_stories::partition``).

pyspark is imported only when the job runs: install it with ``pip install pyspark``
(Spark 4 runs on Java 17 or newer).
"""

from __future__ import annotations

import argparse
import bisect
import json
import math
import os
import sys
import warnings
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import chorus
from chorus import _chorus  # the stories recipe's steps (not part of the public API)

#: How many clusters one native call summarizes at a time: large enough for rayon to keep
#: every core of an executor busy, small enough to bound the memory a partition holds.
CHUNK = 64


def to_json_line(summary: Dict[str, Any]) -> str:
    """A summary dict as the CLI's JSON line (compact, non-ASCII kept, keys in order)."""
    return json.dumps(summary, ensure_ascii=False, separators=(",", ":"))


def error_line(err: Exception) -> str:
    """The CLI's stand-in line for a failed batch item, ``{"id"?, "file"?, "line"?,
    "error"}``, so that output line N is still input item N."""
    line: Dict[str, Any] = {"error": str(err)}
    for key in ("file", "id", "line"):
        value = getattr(err, key, None)
        if value is not None:
            line[key] = value
    # The CLI's keys come out sorted (serde_json's map).
    return to_json_line(line)


def _chunks(items: Iterable[Any], size: int) -> Iterator[List[Any]]:
    chunk: List[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def summarize_partition(
    lines: Iterable[Tuple[int, str]],
    options: Dict[str, Any],
    counts: Optional[Dict[str, Any]] = None,
) -> Iterator[str]:
    """Summarizes one partition of numbered JSONL lines; yields JSON lines in input order,
    a failed line as the CLI's error line (:func:`error_line`).

    Each item is ``(line_number, json_text)``; lines are read by the CLI's own JSONL
    reader (:func:`chorus.summarize_jsonl`), so ids, skipped documents and errors are the
    CLI's. ``options`` are keyword arguments of :func:`chorus.summarize_jsonl`; ``counts``
    may hold Spark accumulators ``"summarized"`` and ``"failed"``.
    """
    for chunk in _chunks(lines, CHUNK):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            results = chorus.summarize_jsonl(chunk, return_exceptions=True, **options)
        for w in caught:
            print(f"chorus: warning: {w.message}", file=sys.stderr)
        for result in results:
            if result is None:
                continue
            if isinstance(result, Exception):
                print(f"chorus: {result}", file=sys.stderr)
                if counts is not None:
                    counts["failed"].add(1)
                yield error_line(result)
                continue
            if counts is not None:
                counts["summarized"].add(1)
            yield to_json_line(result)


def _row_to_line(row: Any) -> str:
    """A Parquet row as the JSONL line it stands for (nulls are absent fields)."""
    return json.dumps(row.asDict(recursive=True), ensure_ascii=False)


def run(
    spark: Any,
    input_path: str,
    output_path: str,
    input_format: str = "auto",
    partitions: Optional[int] = None,
    single_file: bool = False,
    **options: Any,
) -> Dict[str, int]:
    """Summarizes every cluster under ``input_path`` and writes JSON lines to ``output_path``.

    ``input_format`` is ``"jsonl"``, ``"parquet"`` or ``"auto"`` (by name: ``.parquet``,
    or a folder holding ``.parquet`` files, means Parquet). ``partitions`` is the least
    number of input partitions for JSONL (more parallelism for one large file). With
    ``single_file`` the output is one part file. ``options`` are
    :func:`chorus.summarize_jsonl` keywords. Returns ``{"summarized": n, "failed": n}``.

    Line numbers (which name clusters without an id, ``line-N``) count over the whole
    input in order; a Parquet row is numbered like a line.
    """
    fmt = _input_format(spark, input_path) if input_format == "auto" else input_format
    sc = spark.sparkContext
    if fmt == "jsonl":
        texts = (
            sc.textFile(input_path, minPartitions=partitions)
            if partitions
            else sc.textFile(input_path)
        )
    elif fmt == "parquet":
        texts = spark.read.parquet(input_path).rdd.map(_row_to_line)
    else:
        raise ValueError(f"unknown input format {fmt!r} (known: jsonl, parquet, auto)")
    # zipWithIndex keeps partition order, so numbers are positions in the input.
    numbered = texts.zipWithIndex().map(lambda pair: (pair[1] + 1, pair[0]))
    counts = {"summarized": sc.accumulator(0), "failed": sc.accumulator(0)}
    # Messages name the input as the CLI's do (`INPUT:LINE: ...`), so error lines match.
    line_options = {"source": input_path, **options}
    out = numbered.mapPartitions(lambda part: summarize_partition(part, line_options, counts))
    if single_file:
        out = out.coalesce(1)
    out.saveAsTextFile(output_path)
    return {name: acc.value for name, acc in counts.items()}


def _input_format(spark: Any, path: str) -> str:
    if path.rstrip("/").endswith(".parquet"):
        return "parquet"
    jvm = spark.sparkContext._jvm
    hpath = jvm.org.apache.hadoop.fs.Path(path)
    fs = hpath.getFileSystem(spark.sparkContext._jsc.hadoopConfiguration())
    if fs.getFileStatus(hpath).isDirectory():
        names = [s.getPath().getName() for s in fs.listStatus(hpath)]
        if any(n.endswith(".parquet") for n in names):
            return "parquet"
    return "jsonl"


#: Feed lines read at a time when keying a partition of the stories input.
KEY_CHUNK = 256

#: Settings of :func:`chorus.stories` the stories recipe passes on (and their defaults).
STORY_OPTIONS = ("min_sources", "window", "threshold", "name_weight", "number_weight",
                 "lead_words", "words", "method", "summary", "claims")


def _story_keys(
    lines: Iterable[Tuple[int, str]], source: str, failed: Any = None
) -> Iterator[Tuple[int, str, int, str]]:
    """``(time, id, line_number, line)`` for each usable feed line of a partition (the CLI's
    reader); a bad line is one stderr line naming ``source`` and its number, as the CLI's."""
    for chunk in _chunks(lines, KEY_CHUNK):
        for (n, line), (time, ident, error) in zip(chunk, _chorus.stories_keys(chunk, source=source)):
            if error is not None:
                print(f"chorus: {error}", file=sys.stderr)
                if failed is not None:
                    failed.add(1)
            elif time is not None:
                yield (time, ident, n, line)


def story_parts(keys: List[Tuple[int, str, int]], window: float) -> Tuple[List[Tuple[int, str, int]], set]:
    """Given every usable article's ``(time, id, line_number)``: the first key of each
    time-window part (in stream order) and the line numbers left out as repeated ids (the
    first line of an id is kept, as the CLI keeps it)."""
    first: Dict[str, int] = {}
    for _, ident, n in keys:
        if ident not in first or n < first[ident]:
            first[ident] = n
    repeated = {n for _, ident, n in keys if first[ident] != n}
    # Stream order is (time, id, input position), as the CLI sorts.
    kept = sorted(k for k in keys if k[2] not in repeated)
    seconds = math.floor(window * 86_400.0 + 0.5)  # the CLI's rounding of --window
    starts: List[Tuple[int, str, int]] = []
    last: Optional[int] = None
    for key in kept:
        # A story last seen at `last` takes an article at `time` while last >= time - window.
        if last is None or last < key[0] - seconds:
            starts.append(key)
        last = key[0]
    return starts, repeated


def _part_lines(items: Iterable[Tuple[Tuple[int, str, int], str]]) -> List[Tuple[int, str]]:
    """A part's ``(line_number, line)`` pairs in stream order."""
    return [(key[2], line) for key, line in sorted(items, key=lambda item: item[0])]


def run_stories(
    spark: Any,
    input_path: str,
    output_path: str,
    partitions: Optional[int] = None,
    single_file: bool = False,
    **options: Any,
) -> Dict[str, int]:
    """Writes the stories of the JSONL feed(s) under ``input_path`` to ``output_path``: the
    part files concatenated in name order are what ``chorus stories INPUT --format jsonl``
    prints with the same ``options`` (keywords of :func:`chorus.stories`).

    Steps: each input partition keys its lines (time, id) with the CLI's reader; the driver
    collects only those keys to order the stream, drop repeated ids and find the time-window
    parts; each part is read alone for its vocabulary; the driver chains the vocabularies;
    each task takes a run of consecutive parts and folds, clusters and summarizes them in
    ``mapPartitions``, in order, from the vocabulary before its first part; stories of all
    parts are sorted by the CLI's ranking. Returns ``{"articles", "parts", "stories", "failed"}``.
    """
    unknown = set(options) - set(STORY_OPTIONS)
    if unknown:
        raise TypeError(f"unknown stories options: {sorted(unknown)}")
    window = float(options.get("window", 3.0))
    sc = spark.sparkContext
    texts = (
        sc.textFile(input_path, minPartitions=partitions) if partitions else sc.textFile(input_path)
    )
    numbered = texts.zipWithIndex().map(lambda pair: (pair[1] + 1, pair[0]))
    failed = sc.accumulator(0)
    keyed = numbered.mapPartitions(lambda part: _story_keys(part, input_path, failed)).cache()
    keys = keyed.map(lambda r: (r[0], r[1], r[2])).collect()
    starts, repeated = story_parts(keys, window)
    for n in sorted(repeated):
        print(f"chorus: warning: {input_path}:{n}: repeated id, line left out", file=sys.stderr)
    starts_b = sc.broadcast(starts)
    repeated_b = sc.broadcast(repeated)

    def part_of(key: Tuple[int, str, int]) -> int:
        return bisect.bisect_right(starts_b.value, key) - 1

    # Parts go to Spark partitions in contiguous runs, so a task clusters its parts in order
    # from one starting vocabulary (each part returns the next one's) and the driver holds
    # one vocabulary per task rather than one per part.
    nparts = len(starts)
    tasks = max(1, min(nparts, sc.defaultParallelism))

    def task_of(part: int) -> int:
        return part * tasks // nparts

    grouped = (
        keyed.filter(lambda r: r[2] not in repeated_b.value)
        .map(lambda r: (part_of((r[0], r[1], r[2])), ((r[0], r[1], r[2]), r[3])))
        .groupByKey(numPartitions=tasks, partitionFunc=task_of)
        .cache()
    )
    vocabularies = dict(
        grouped.map(lambda kv: (kv[0], _chorus.stories_vocabulary(_part_lines(kv[1]), source=input_path,
                                                                   **options)))
        .collect()
    )
    firsts: List[int] = []  # the first part of each task's run
    for k in range(nparts):
        if not firsts or task_of(k) != task_of(firsts[-1]):
            firsts.append(k)
    before = dict(zip(firsts, _chorus.stories_prefixes([vocabularies[k] for k in range(nparts)], firsts)))
    before_b = sc.broadcast(before)

    def stories_of(groups: Iterable[Tuple[int, Iterable[Any]]]) -> Iterator[Tuple[Any, str]]:
        vocabulary: Optional[str] = None
        for k, items in sorted(groups, key=lambda group: group[0]):
            if vocabulary is None:
                vocabulary = before_b.value[k]  # the first part of this task's run
            rows, vocabulary = _chorus.stories_part(_part_lines(items), vocabulary,
                                                    source=input_path, **options)
            yield from rows

    # Cached: sorting samples the rows before writing them, and they are counted after.
    rows = grouped.mapPartitions(stories_of).cache()
    out = rows.sortBy(lambda row: row[0], numPartitions=1 if single_file else None)
    out.map(lambda row: row[1]).saveAsTextFile(output_path)
    counts = {
        "articles": len(keys) - len(repeated),
        "parts": len(starts),
        "stories": rows.count(),
        "failed": failed.value,
    }
    rows.unpersist()
    grouped.unpersist()
    keyed.unpersist()
    return counts


def stories_main(argv: List[str]) -> int:
    """Command line: ``python -m chorus.spark stories INPUT OUTPUT [options]``."""
    p = argparse.ArgumentParser(
        prog="python -m chorus.spark stories",
        description="Stories from JSONL feeds with Spark; writes what "
        "`chorus stories --format jsonl` prints, in its order.",
    )
    p.add_argument("input", help="JSONL feed file or folder of them")
    p.add_argument("output", help="output folder (must not exist)")
    p.add_argument("--master", default=None, help="Spark master, e.g. 'local[2]'")
    p.add_argument("--partitions", type=int, default=None, help="least number of input partitions")
    p.add_argument("--single-file", action="store_true", help="write one part file")
    p.add_argument("--min-sources", type=int, default=2,
                   help="leave out stories with fewer independent origins (default 2)")
    p.add_argument("--window", type=float, default=3.0,
                   help="days after its last article that a story closes (default 3)")
    p.add_argument("--threshold", type=float, default=None,
                   help="cosine to a story's centroid at which an article joins it")
    p.add_argument("--words", type=int, default=100, help="word budget of each summary (default 100)")
    p.add_argument("--method", default=None, choices=list(chorus.METHODS),
                   help=f"summarization method (default {chorus.DEFAULT_METHOD})")
    p.add_argument("--no-summary", action="store_true", help="only the stories and their sources")
    p.add_argument("--no-claims", action="store_true", help="leave out each summary's claims report")
    args = p.parse_args(argv)
    options: Dict[str, Any] = {
        "min_sources": args.min_sources,
        "window": args.window,
        "threshold": args.threshold,
        "words": args.words,
        "method": args.method,
        "summary": not args.no_summary,
        "claims": not args.no_claims,
    }
    spark, active = _session(args.master, "chorus-stories")
    try:
        counts = run_stories(spark, args.input, args.output, partitions=args.partitions,
                             single_file=args.single_file, **options)
    finally:
        if active is None:
            spark.stop()
    print(f"chorus-spark: {counts['articles']} articles in {counts['parts']} time-window parts, "
          f"{counts['stories']} stories, {counts['failed']} failed lines", file=sys.stderr)
    return 0 if counts["articles"] > 0 else 1


def _session(master: Optional[str], name: str) -> Tuple[Any, Any]:
    """The Spark session to run on and the one that was already active (``None``: ours)."""
    from pyspark.sql import SparkSession  # imported here: chorus itself needs no Spark

    if (master or "").startswith("local"):
        # Local executors run this interpreter, the one that has chorus installed, rather
        # than whatever `python3` is first on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # Called from a driver that already runs Spark (a notebook, a test), the job joins that
    # session and leaves it running; otherwise it starts its own and stops it at the end.
    active = SparkSession.getActiveSession()
    if active is not None:
        return active, active
    builder = SparkSession.builder.appName(name)
    if master:
        builder = builder.master(master)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark, None


def main(argv: Optional[List[str]] = None) -> int:
    """Command line: ``python -m chorus.spark INPUT OUTPUT [options]`` (summaries), or
    ``python -m chorus.spark stories INPUT OUTPUT [options]`` (:func:`stories_main`)."""
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["stories"]:
        return stories_main(argv[1:])
    p = argparse.ArgumentParser(
        prog="python -m chorus.spark",
        description="Summarize JSONL or Parquet clusters with Spark; "
        "writes one JSON line per cluster (the CLI's format). "
        "For stories from a stream of articles: python -m chorus.spark stories --help.",
    )
    p.add_argument("input", help="JSONL file/folder or Parquet file/folder of clusters")
    p.add_argument("output", help="output folder (must not exist)")
    p.add_argument("--input-format", choices=["auto", "jsonl", "parquet"], default="auto",
                   help="how to read INPUT (default: auto, from the file names)")
    p.add_argument("--master", default=None, help="Spark master, e.g. 'local[2]'")
    p.add_argument("--partitions", type=int, default=None,
                   help="least number of input partitions (JSONL)")
    p.add_argument("--single-file", action="store_true", help="write one part file")
    p.add_argument("--words", type=int, default=None,
                   help=f"word budget of each summary (default {chorus.DEFAULT_WORDS})")
    p.add_argument("--sentences", type=int, default=None,
                   help="sentence budget instead of a word budget")
    p.add_argument("--method", default=None, choices=list(chorus.METHODS),
                   help=f"summarization method (default {chorus.DEFAULT_METHOD})")
    p.add_argument("--query", default=None,
                   help="focus question for every cluster (overrides their own 'query')")
    p.add_argument("--no-query", action="store_true",
                   help="ignore every query, the clusters' own included")
    p.add_argument("--no-compress", action="store_true",
                   help="whole sentences: no cutting of attributions, parentheticals, asides")
    p.add_argument("--no-clean", action="store_true",
                   help="keep boilerplate (widgets, RELATED lines, datelines)")
    args = p.parse_args(argv)
    spark, active = _session(args.master, "chorus-summarize")
    options: Dict[str, Any] = {
        "words": args.words,
        "sentences": args.sentences,
        "method": args.method,
        "query": args.query,
        "ignore_query": args.no_query,
        "compress": not args.no_compress,
        "clean": not args.no_clean,
    }
    try:
        counts = run(
            spark,
            args.input,
            args.output,
            input_format=args.input_format,
            partitions=args.partitions,
            single_file=args.single_file,
            **options,
        )
    finally:
        if active is None:
            spark.stop()
    print(f"chorus-spark: {counts['summarized']} summarized, {counts['failed']} failed",
          file=sys.stderr)
    return 0 if counts["summarized"] > 0 else 1


if __name__ == "__main__":
    sys.exit(main())
