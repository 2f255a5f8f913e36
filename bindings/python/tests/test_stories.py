"""chorus.stories: the CLI's `chorus stories --format json` from Python, on the repository's
own labelled fixtures (crates/cli/tests/fixtures/stories)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List

import pytest

import chorus
from conftest import REPO, run_cli

FIXTURES = REPO / "crates" / "cli" / "tests" / "fixtures" / "stories"


def feed(name: str) -> List[Dict[str, Any]]:
    """The articles of a JSONL feed, as dicts."""
    path = FIXTURES / name
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def cli_stories(binary: Path, name: str, *flags: str) -> Dict[str, Any]:
    out = run_cli(binary, "stories", str(FIXTURES / name), "--format", "json", *flags)
    return json.loads(out)


def test_stories_equal_the_cli_json_with_summaries_and_claims(chorus_cli):
    got = chorus.stories(feed("disputed.jsonl"), words=60)
    assert got == cli_stories(chorus_cli, "disputed.jsonl", "--words", "60")
    (fire,) = got["stories"]
    assert fire["independent_sources"] == 3 and fire["outlet_count"] == 5
    killed = [d for d in fire["summary"]["disagreements"] if d["about"] == "people killed"]
    assert killed and killed[0]["origins"] == 3, fire["summary"]["disagreements"]


def test_stories_equal_the_cli_json_with_options(chorus_cli):
    got = chorus.stories(feed("labelled.jsonl"), min_sources=1, summary=False, threshold=0.2, window=1.5)
    want = cli_stories(
        chorus_cli, "labelled.jsonl", "--min-sources", "1", "--no-summary", "--threshold", "0.2", "--window", "1.5"
    )
    assert got == want
    assert all("summary" not in s for s in got["stories"])


def test_a_bad_article_is_a_warning_and_the_rest_runs():
    articles = feed("disputed.jsonl")
    articles.append({"id": "undated", "source": "Nowhere", "text": "A report with no date at all."})
    with pytest.warns(UserWarning, match="undated|date"):
        got = chorus.stories(articles, summary=False)
    assert len(got["stories"]) == 1


def test_bad_options_and_empty_input_raise_value_error():
    with pytest.raises(ValueError, match="threshold"):
        chorus.stories(feed("disputed.jsonl"), threshold=1.5)
    with pytest.raises(ValueError, match="window"):
        chorus.stories(feed("disputed.jsonl"), window=0)
    with pytest.raises(ValueError, match="method"):
        chorus.stories(feed("disputed.jsonl"), method="nope")
    with pytest.raises(ValueError, match="no usable article"):
        with pytest.warns(UserWarning):
            chorus.stories([{"id": "x"}])
