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

pyspark is imported only when the job runs: install it with ``pip install pyspark``
(Spark 4 runs on Java 17 or newer).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import warnings
from typing import Any, Dict, Iterable, Iterator, List, Optional, Tuple

import chorus

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


def main(argv: Optional[List[str]] = None) -> int:
    """Command line: ``python -m chorus.spark INPUT OUTPUT [options]``."""
    p = argparse.ArgumentParser(
        prog="python -m chorus.spark",
        description="Summarize JSONL or Parquet clusters with Spark; "
        "writes one JSON line per cluster (the CLI's format).",
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

    from pyspark.sql import SparkSession  # imported here: chorus itself needs no Spark

    if (args.master or "").startswith("local"):
        # Local executors run this interpreter, the one that has chorus installed, rather
        # than whatever `python3` is first on PATH.
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)

    # Called from a driver that already runs Spark (a notebook, a test), the job joins that
    # session and leaves it running; otherwise it starts its own and stops it at the end.
    active = SparkSession.getActiveSession()
    if active is not None:
        spark = active
    else:
        builder = SparkSession.builder.appName("chorus-summarize")
        if args.master:
            builder = builder.master(args.master)
        spark = builder.getOrCreate()
        spark.sparkContext.setLogLevel("WARN")
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
