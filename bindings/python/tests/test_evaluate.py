"""chorus.evaluate gives the table `chorus eval` prints for the same data and options."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import List

import pytest

import chorus

from conftest import REPO, SHARED, need

FIXTURES = REPO / "crates" / "eval" / "tests" / "fixtures"


def without_timing(report: str) -> List[str]:
    """The report's lines without the ms/cluster column, the one part that varies."""
    lines = report.splitlines()
    cut = next(line.find("ms/cluster") for line in lines if "ms/cluster" in line)
    return [line[:cut].rstrip() for line in lines]


def cli_eval(binary: Path, *args: str) -> str:
    proc = subprocess.run(
        [str(binary), "eval", *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.returncode == 0, proc.stderr.decode(errors="replace")
    return proc.stdout.decode()


def test_evaluate_equals_chorus_eval_on_the_fixture(chorus_cli):
    data, peers = FIXTURES / "clusters.jsonl", FIXTURES / "peers.jsonl"
    out = chorus.evaluate(
        data, methods=["lead", "ilp"], words=60, peers=str(peers), peer_rows=["7", "humans"],
        resamples=200,
    )
    cli = cli_eval(
        chorus_cli, str(data), "--methods", "lead,ilp", "--words", "60", "--peers", str(peers),
        "--peer-rows", "7,humans", "--resamples", "200",
    )
    assert without_timing(out["report"]) == without_timing(cli)
    assert out["errors"] == []
    systems = [row["system"] for row in out["rows"]]
    assert systems == ["lead", "ilp", "DUC peer 7", "human summaries (avg)"]
    assert all(len(row["scores"]) == 3 for row in out["rows"])
    first = out["rows"][0]["scores"][0]
    assert set(first) >= {"system", "id", "words", "seconds", "scores", "checks"}
    assert 0 < first["scores"]["rouge-2"]["r"] <= 1


def test_evaluate_wide_and_markdown_match_too(chorus_cli):
    data = FIXTURES / "clusters.jsonl"
    out = chorus.evaluate(data, methods=["lead"], words=60, resamples=50, wide=True, markdown=True)
    cli = cli_eval(
        chorus_cli, str(data), "--methods", "lead", "--words", "60", "--resamples", "50",
        "--wide", "--markdown",
    )
    assert without_timing(out["report"]) == without_timing(cli)
    assert "SU4 F" in out["report"]


def test_evaluate_equals_chorus_eval_on_the_dev_data(chorus_cli):
    dev = SHARED / "data" / "duc2006-dev"
    need((dev / "clusters.jsonl").is_file(), f"{dev} (../shared is absent)")
    out = chorus.evaluate(
        dev / "clusters.jsonl", methods=["lead"], peers=dev / "peers.jsonl", resamples=1000
    )
    cli = cli_eval(
        chorus_cli, str(dev / "clusters.jsonl"), "--methods", "lead",
        "--peers", str(dev / "peers.jsonl"),
    )
    assert without_timing(out["report"]) == without_timing(cli)
    assert out["report"].startswith("25 clusters, 250 words")


def test_evaluate_reports_bad_arguments():
    with pytest.raises(ValueError, match="unknown method"):
        chorus.evaluate(FIXTURES / "clusters.jsonl", methods=["nope"])
    with pytest.raises(ValueError, match="no cluster with references"):
        chorus.evaluate(FIXTURES / "README.md")
