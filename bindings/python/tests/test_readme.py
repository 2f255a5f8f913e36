"""The bindings' README says what the code does: its examples run as written, the default
method it names is the real one, and the Spark job's --help explains every option."""

from __future__ import annotations

import re
import subprocess
import sys

import chorus

from conftest import HARBOR_FIRE, REPO

README = (REPO / "bindings" / "python" / "README.md").read_text(encoding="utf-8")


def python_blocks():
    return re.findall(r"```python\n(.*?)```", README, flags=re.S)


def test_readme_names_the_real_default_method_issue17():
    # The README once said `lexrank` was the default; it is `ilp`.
    (default,) = re.findall(r"`(\w+)` \(default, `chorus.DEFAULT_METHOD`\)", README)
    assert default == chorus.DEFAULT_METHOD
    assert "lexrank` (default" not in README


def test_readme_python_examples_run_as_written(monkeypatch, capsys):
    monkeypatch.chdir(REPO)
    texts = [p.read_text(encoding="utf-8") for p in sorted(HARBOR_FIRE.iterdir()) if p.is_file()]
    ref = "A fire destroyed a harbor warehouse.\nNobody was hurt."
    # The names the snippets take as given (a prediction, references, a list of clusters).
    names = {
        "prediction": "Fire destroyed a warehouse at the harbor.\nNo one was hurt.",
        "refs": [ref],
        "ref1": ref,
        "ref2": "Firefighters fought a warehouse fire at the harbor.",
        "predictions": ["Fire destroyed a warehouse at the harbor."],
        "references": [[ref]],
        "target": ref,
        "target1": ref,
        "target2": "Firefighters fought a warehouse fire at the harbor.",
        "clusters": [{"id": "harbor", "documents": texts}],
    }
    blocks = python_blocks()
    assert len(blocks) >= 4
    # One namespace for all of them, as a reader runs them in one session, in order.
    for block in blocks:
        exec(compile(block, "README.md", "exec"), names)  # noqa: S102
    printed = capsys.readouterr().out
    assert "<- " in printed and "[1]" in printed


def spark_help(*args: str) -> str:
    # pyspark is imported only when the job runs, so --help works without Spark.
    proc = subprocess.run(
        [sys.executable, "-m", "chorus.spark", *args, "--help"], stdout=subprocess.PIPE, check=True
    )
    return proc.stdout.decode()


def test_spark_stories_help_explains_every_option():
    text = spark_help("stories")
    assert "chorus stories --format jsonl" in " ".join(text.split()), text
    options = [line for line in text.splitlines() if re.match(r"\s+--[a-z]", line)]
    assert len(options) >= 10, text
    for flag in ("--window", "--min-sources", "--threshold", "--no-summary", "--no-claims"):
        assert any(line.split()[0] == flag for line in options), (flag, text)
    assert "python -m chorus.spark stories" in " ".join(spark_help().split())


def test_spark_help_explains_every_option_issue17():
    text = spark_help()
    lines = text.splitlines()
    options = [i for i, line in enumerate(lines) if re.match(r"\s+--[a-z]", line)]
    assert len(options) >= 10, text
    for i in options:
        # argparse puts the help after the option, or on the next line when it is long.
        same_line = re.match(r"\s+--[a-z-]+(?: [A-Z_{},a-z]+)?\s{2,}\S", lines[i])
        next_line = i + 1 < len(lines) and re.match(r"\s{10,}\S", lines[i + 1])
        assert same_line or next_line, f"no help text for: {lines[i]}\n{text}"
