from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer import Document

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DATA = SHARED / "data"


# An article about something else than the seeds (their event): news an archive's day also holds.
UNRELATED = Document(
    id="football",
    text=(
        "Arsenal beat Chelsea 3-1 at the Emirates Stadium on Saturday evening. Bukayo Saka scored twice in the "
        "first half and Martin Odegaard added a third after the break. Chelsea's manager said his side had been "
        "second best for most of the match. The win lifts Arsenal to second place in the Premier League table."
    ),
    source="Sports Desk",
)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    """The five seed articles of the repository (read only)."""
    return ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_documents(seeds_dir: Path):
    from summarizer import load_paths

    return load_paths([str(seeds_dir)]).documents


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not DATA.is_dir():
        pytest.skip("../shared/data is not present")
    return DATA


def run_cli(
    *args: str, stdin: bytes | None = None, env: dict | None = None, cwd: Path | None = None, timeout: int = 120
) -> subprocess.CompletedProcess:
    """The summarizer command in a subprocess, as a user runs it."""
    return subprocess.run(
        [sys.executable, "-m", "summarizer.cli", *args],
        input=stdin,
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=cwd or ROOT,
        timeout=timeout,
    )


def one_line_error(result: subprocess.CompletedProcess) -> str:
    """The command's stderr, asserted to be one line without a traceback."""
    error = result.stderr.decode()
    assert "Traceback" not in error
    assert error.count("\n") == 1, error
    return error
