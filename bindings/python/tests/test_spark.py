"""The Spark recipe (chorus.spark): its output equals the CLI's, byte for byte, in order.

Runs Spark in local mode with two executor threads (`local[2]`). Skips only when Java is
missing; the DUC data in ../shared is needed for the comparison on real clusters (skipped when
absent, a failure under CHORUS_REQUIRE_REFERENCE=1).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from conftest import BRIDGE, SHARED, need, run_cli

DUC = SHARED / "data" / "duc2006-dev" / "clusters.jsonl"

if shutil.which("java") is None:
    pytest.skip("Java is missing: the Spark tests need a JVM (Java 17+)", allow_module_level=True)

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (scripts/ci/install-python.sh)")

from chorus import spark as chorus_spark  # noqa: E402  (after the skips above)

# Executors run the same interpreter as the tests (the venv that has chorus installed),
# and Spark stays on loopback.
SPARK_ENV = {"PYSPARK_PYTHON": sys.executable, "PYSPARK_DRIVER_PYTHON": sys.executable,
             "SPARK_LOCAL_IP": "127.0.0.1"}
os.environ.update(SPARK_ENV)


def part_files(out: Path) -> bytes:
    """The job's output: its part files concatenated in name (= partition) order."""
    assert (out / "_SUCCESS").exists(), f"no _SUCCESS in {out}"
    return b"".join(p.read_bytes() for p in sorted(out.glob("part-*")))


# Real clusters, but by default not all 25: every one costs the CLI's unoptimized test build
# seconds, and 8 clusters of 25 articles over 4 partitions already exercise the ordering and
# the splits. CHORUS_FULL_REFERENCE=1 compares all of them.
DUC_CLUSTERS = 25 if os.environ.get("CHORUS_FULL_REFERENCE") == "1" else 8


@pytest.fixture(scope="module")
def duc(tmp_path_factory) -> Path:
    """The first DUC_CLUSTERS clusters of the DUC dev set, as a JSONL file."""
    need(DUC.is_file(), f"{DUC} (../shared) is absent")
    lines = DUC.read_bytes().splitlines(keepends=True)[:DUC_CLUSTERS]
    path = tmp_path_factory.mktemp("duc") / "clusters.jsonl"
    path.write_bytes(b"".join(lines))
    return path


@pytest.fixture(scope="module")
def duc_cli_output(chorus_cli, duc) -> bytes:
    """What `chorus summarize clusters.jsonl --words 250` prints for those clusters."""
    out = run_cli(chorus_cli, "summarize", str(duc), "--words", "250")
    assert out.count(b"\n") == DUC_CLUSTERS
    return out


@pytest.fixture(scope="module")
def spark():
    from pyspark.sql import SparkSession

    session = (
        SparkSession.builder.master("local[2]")
        .appName("chorus-tests")
        .config("spark.ui.enabled", "false")
        .config("spark.sql.shuffle.partitions", "2")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    yield session
    session.stop()


def test_job_command_on_duc_equals_the_cli(tmp_path, spark, duc, duc_cli_output, capsys):
    """The job command (`python -m chorus.spark`'s `main`) on DUC dev clusters, 4 partitions
    over 2 executors. It runs in this process, on the tests' session, so the suite starts one
    JVM rather than two; the `-m` entry point itself is run by test_readme's --help test."""
    expected = duc_cli_output
    out = tmp_path / "out"
    code = chorus_spark.main([str(duc), str(out), "--words", "250", "--master", "local[2]",
                              "--partitions", "4"])
    stderr = capsys.readouterr().err
    assert code == 0, stderr[-4000:]
    assert f"{DUC_CLUSTERS} summarized, 0 failed" in stderr
    assert len(list(out.glob("part-*"))) >= 2, "the input was not split into partitions"
    got = part_files(out)
    assert got.splitlines() == expected.splitlines()  # line by line first: a readable diff
    assert got == expected
    # The job joined the session it found and left it running for its caller.
    assert spark.sparkContext._jsc is not None
    assert spark.range(1).count() == 1


def test_parquet_input_equals_the_cli(tmp_path, spark, duc, duc_cli_output):
    """The same clusters as Parquet rows (written by Spark from the JSONL) summarize the same."""
    expected = duc_cli_output
    parquet = tmp_path / "clusters.parquet"
    spark.read.json(str(duc)).coalesce(1).write.parquet(str(parquet))
    out = tmp_path / "out"
    counts = chorus_spark.run(spark, str(parquet), str(out), words=250)
    assert counts == {"summarized": DUC_CLUSTERS, "failed": 0}
    assert part_files(out) == expected


def test_messy_jsonl_is_handled_like_the_cli(tmp_path, spark, chorus_cli):
    """Blank and broken lines, missing ids, a Multi-News line, an unusable cluster: the job
    writes what the CLI writes (ids such as line-N included) and counts the failures."""
    docs = [{"id": d["id"], "text": d["text"]} for d in BRIDGE]
    lines = [
        json.dumps({"id": "bridge", "documents": docs}),
        "",
        "{not json",
        json.dumps({"documents": docs[1:]}),  # no id: line-4
        json.dumps({"document": BRIDGE[0]["text"] + " ||||| " + BRIDGE[2]["text"]}),
        json.dumps({"id": "nothing", "documents": [{"id": "a", "text": "   "}]}),
        json.dumps({"id": 42, "query": "How will buses be rerouted?", "documents": docs}),
    ]
    src = tmp_path / "messy.jsonl"
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    proc = subprocess.run([str(chorus_cli), "summarize", str(src), "--words", "60"],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    expected = proc.stdout
    rows = [json.loads(x) for x in expected.splitlines()]
    # One output line per non-blank input line: summaries, and error lines in their place.
    assert [r.get("id") for r in rows] == ["bridge", None, "line-4", "line-5", "nothing", "42"]
    assert [r.get("line") for r in rows if "error" in r] == [3, 6]
    assert rows[1]["error"].startswith(f"{src}:3: invalid JSON")
    out = tmp_path / "out"
    counts = chorus_spark.run(spark, str(src), str(out), input_format="jsonl", partitions=3,
                              single_file=True, words=60)
    assert counts == {"summarized": 4, "failed": 2}
    assert part_files(out) == expected
    assert len(list(out.glob("part-*"))) == 1


STORY_FIXTURES = Path(__file__).resolve().parents[3] / "crates" / "cli" / "tests" / "fixtures" / "stories"


def story_stream(path: Path) -> Path:
    """A crawl of five time windows from the repository's own fixtures: labelled.jsonl (a
    dam failure with reprints, a ferry strike, a library notice, 10-11 March), again 2 days
    later (the same 3-day window: its reprints fold into the first copies), again 20 and 60
    days later (windows of their own), and disputed.jsonl (a fire) 10 and 20 days after its
    3 April. The fire of 13 April comes out with another title and summary without the
    document frequencies of the windows before it; on two executors it is the third part of
    the first task's run, so it needs each part's vocabulary handed to the next. Plus what
    a crawl holds: a broken line, an undated article, a blank line and a repeated id."""
    def feed(name: str):
        text = (STORY_FIXTURES / name).read_text(encoding="utf-8")
        return [json.loads(x) for x in text.splitlines() if x.strip()]

    labelled, disputed = feed("labelled.jsonl"), feed("disputed.jsonl")
    lines = []
    windows = [(0, labelled), (2, labelled), (20, labelled), (10, disputed), (20, disputed),
               (60, labelled)]
    for replica, (days, articles) in enumerate(windows):
        for a in articles:
            b = dict(a)
            b["id"] = f"{a['id']}-r{replica}"
            when = datetime.fromisoformat(a["date"].replace("Z", "+00:00")) + timedelta(days=days)
            b["date"] = when.strftime("%Y-%m-%dT%H:%M:%SZ")
            b["text"] = f"{a['text']} Replica {replica} of the report."
            b.pop("label", None)
            lines.append(json.dumps(b, ensure_ascii=False))
    lines.insert(3, "{not json")
    lines.insert(12, json.dumps({"id": "undated", "source": "Nowhere", "text": "No date here."}))
    lines.insert(20, "")
    lines.append(json.dumps({**json.loads(lines[0]), "text": "A later line with a repeated id."}))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_stories_job_equals_the_cli(tmp_path, spark, chorus_cli, capsys):
    """`python -m chorus.spark stories` (its `main`, on the tests' session) over 3 input
    partitions: its part files are the lines `chorus stories --format jsonl` prints, in
    order, summaries and claims included, and the stream was cut into five time-window parts."""
    src = story_stream(tmp_path / "crawl.jsonl")
    expected = run_cli(chorus_cli, "stories", str(src), "--format", "jsonl", "--words", "60",
                       "--min-sources", "1")
    stories = [json.loads(x) for x in expected.splitlines()]
    assert len(stories) >= 4 and any(s["independent_sources"] >= 2 for s in stories)
    out = tmp_path / "out"
    code = chorus_spark.main(["stories", str(src), str(out), "--partitions", "3", "--words", "60",
                              "--min-sources", "1"])
    stderr = capsys.readouterr().err
    assert code == 0, stderr[-4000:]
    assert "50 articles in 5 time-window parts" in stderr, stderr[-2000:]
    # The broken and the undated line are counted (their messages go to the executors'
    # stderr); the repeated id is named by the driver.
    assert "2 failed lines" in stderr and f"{src}:54: repeated id" in stderr, stderr[-2000:]
    got = part_files(out)
    assert got.splitlines() == expected.splitlines()
    assert got == expected
