"""Shared fixtures for the chorus Python tests.

The articles below were written for these tests (a made-up story, told by three outlets);
the repository's own examples/harbor-fire/ is used too. Nothing here comes from ../shared:
tests that need it skip when it is absent.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Dict, List, Optional

import pytest

REPO = Path(__file__).resolve().parents[3]
SHARED = REPO.parent / "shared"
HARBOR_FIRE = REPO / "examples" / "harbor-fire"

# With the reference tools installed (CI), a missing tool is a failure, not a skip.
REQUIRE = os.environ.get("CHORUS_REQUIRE_REFERENCE") == "1"


def need(condition: bool, reason: str) -> None:
    """Skips the test (or fails it under CHORUS_REQUIRE_REFERENCE=1) unless `condition`."""
    if condition:
        return
    if REQUIRE:
        pytest.fail(f"required but missing: {reason}")
    pytest.skip(reason)


BRIDGE = [
    {
        "id": "valley-gazette",
        "headline": "Old Mill Bridge closed after inspectors find cracked beam",
        "date": "2026-03-02",
        "text": (
            "Old Mill Bridge closed after inspectors find cracked beam\n\n"
            "The Old Mill Bridge over the Quarry River was closed to all traffic on Monday "
            "after state inspectors found a cracked steel beam under its eastern span.\n\n"
            "The closure forces about 9,000 drivers a day onto a detour through the town "
            "center, adding roughly twenty minutes to the morning commute.\n\n"
            "Engineers said repairs would take at least six weeks and cost about "
            "$2.4 million, which the state will pay.\n\n"
            "Mayor Elena Ruiz asked residents to be patient and said extra crossing guards "
            "would be posted near the elementary school on the detour route.\n"
        ),
    },
    {
        "id": "river-wire",
        "headline": "Cracked beam shuts river bridge",
        "date": "2026-03-02",
        "text": (
            "State inspectors found a cracked steel beam under the eastern span of the Old "
            "Mill Bridge, and the bridge over the Quarry River was closed to all traffic "
            "on Monday.\n\n"
            "The crack was spotted during a routine inspection that takes place every two "
            "years, a transportation department spokesman said.\n\n"
            "Repairs will take at least six weeks and cost about $2.4 million, engineers "
            "said.\n\n"
            "Bus routes 4 and 11 will be rerouted across the Canal Street bridge until the "
            "work is finished.\n"
        ),
    },
    {
        "id": "evening-post",
        "headline": "Commuters face detours as bridge repairs begin",
        "date": "2026-03-03",
        "text": (
            "Commuters face detours as bridge repairs begin\n\n"
            "Drivers crawled through the town center on Tuesday, a day after the Old Mill "
            "Bridge was shut because of a cracked beam.\n\n"
            "Shop owners on Main Street said the extra traffic brought more customers but "
            "also made deliveries harder.\n\n"
            "“We will get this bridge open again as fast as we safely can,” said Mayor Elena "
            "Ruiz, who visited the site with engineers on Tuesday morning.\n\n"
            "Café owner José Núñez said the detour doubled his morning trade.\n"
        ),
    },
]


@pytest.fixture
def bridge() -> List[Dict[str, str]]:
    """Three short articles about one made-up event, as document dicts."""
    return [dict(d) for d in BRIDGE]


@pytest.fixture
def harbor_fire() -> List[Dict[str, str]]:
    """The repository's bundled example, as document dicts keyed by file name (like the CLI)."""
    return [
        {"id": p.name, "text": p.read_text(encoding="utf-8")}
        for p in sorted(HARBOR_FIRE.iterdir())
        if p.is_file()
    ]


def chorus_binary() -> Optional[Path]:
    """The `chorus` CLI: $CHORUS_BIN, else the workspace's debug build when present."""
    env = os.environ.get("CHORUS_BIN")
    if env:
        return Path(env)
    target = Path(os.environ.get("CARGO_TARGET_DIR", REPO / "target"))
    for candidate in (target / "debug" / "chorus", target / "release" / "chorus"):
        if candidate.is_file():
            return candidate
    return None


@pytest.fixture(scope="session")
def chorus_cli() -> Path:
    """Path to the CLI binary, building it with cargo when needed (skips without cargo)."""
    found = chorus_binary()
    if found is None and shutil.which("cargo"):
        subprocess.run(
            ["cargo", "build", "--quiet", "-p", "chorus-cli", "--bin", "chorus"],
            cwd=REPO,
            check=True,
        )
        found = chorus_binary()
    need(found is not None and found.is_file(), "the chorus CLI binary (cargo build -p chorus-cli)")
    assert found is not None
    return found


def run_cli(binary: Path, *args: str) -> bytes:
    """Runs the CLI from the repository root and returns its stdout (asserting exit 0)."""
    proc = subprocess.run(
        [str(binary), *args], cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.returncode == 0, (
        f"chorus {' '.join(args)} exited {proc.returncode}\n{proc.stderr.decode(errors='replace')}"
    )
    return proc.stdout
