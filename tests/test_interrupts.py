"""Ctrl-C anywhere in a morning run (`daily --feeds --site`) ends it with one line and exit status 130.

A terminal's Ctrl-C reaches the whole process group. Random delays found the window only once in about 16
runs, so each point is reached on purpose: a sitecustomize module sends SIGINT to the run's process group
while its modules load, mid-fetch, while a worker process is forked (Python runs fork handlers where an
exception is only printed, and the run went on to exit 0 with a traceback's tail), in an object's __del__
(the same), while the site is written and while the result is written."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from .conftest import ROOT
from .newsroom import DAY_ONE, QUICK, Newsroom, serving

SITECUSTOMIZE = '''
import os, signal, sys

POINT = os.environ.get("INTERRUPT_AT", "")


def interrupt(*args, **kwargs):
    os.killpg(os.getpgrp(), signal.SIGINT)  # as a terminal's Ctrl-C: the parent and its workers


def before(module, owner, name):
    """Interrupt before every call of module.owner.name (owner "" for a module's function)."""
    import importlib

    target = importlib.import_module(module)
    holder = getattr(target, owner) if owner else target
    original = getattr(holder, name)

    def wrapped(*args, **kwargs):
        interrupt()
        return original(*args, **kwargs)

    setattr(holder, name, wrapped)


class Bomb:
    def __del__(self):
        interrupt()
        sum(range(1000))  # the interrupt is raised here, where Python prints it and carries on


class Finder:
    def find_spec(self, name, path=None, target=None):
        if name == "summarizer.sources.ingest":
            interrupt()
        return None


if POINT == "start":
    sys.meta_path.insert(0, Finder())
elif POINT == "fetch":
    before("summarizer.sources.web", "Fetcher", "fetch")
elif POINT == "fork":
    import summarizer.stories.preparation as preparation

    preparation.DIGEST_WORKERS_FROM_UNITS = 0  # the story digests in workers, small as this day is
    os.register_at_fork(after_in_parent=interrupt)
elif POINT == "del":
    import summarizer.delivery.site as site

    original = site.build_site

    def build_site(*args, **kwargs):
        Bomb()
        return original(*args, **kwargs)

    site.build_site = build_site
elif POINT == "site":
    before("summarizer.delivery.site", "", "build_site")
elif POINT == "emit":
    before("summarizer.cli.delivery", "", "emit")
'''


@pytest.fixture(scope="module")
def newsroom() -> Iterator[Newsroom]:
    with serving() as room:
        yield room


def interrupted_run(newsroom: Newsroom, folder: Path, point: str, *command: str) -> subprocess.CompletedProcess:
    folder.mkdir()
    (folder / "hooks").mkdir()
    (folder / "hooks" / "sitecustomize.py").write_text(SITECUSTOMIZE)
    newsroom.day = DAY_ONE
    arguments = ["daily", "--feeds", str(newsroom.feed_list(folder)), "--archive", str(folder / "news.db"), "--date",
                 DAY_ONE, *QUICK, "--site", str(folder / "site"), "-o", str(folder / "day.json"), "-f", "json", "-q",
                 "--jobs", "2"]  # fmt: skip
    environment = {**os.environ, "PYTHONPATH": str(folder / "hooks"), "INTERRUPT_AT": point}
    return subprocess.run([*(command or (sys.executable, "-m", "summarizer.cli")), *arguments], capture_output=True,
                          env=environment, cwd=ROOT, timeout=120, start_new_session=True)  # fmt: skip


@pytest.mark.parametrize("point", ["start", "fetch", "fork", "del", "site", "emit"])
def test_an_interrupt_anywhere_exits_130_with_one_line(newsroom: Newsroom, tmp_path: Path, point: str) -> None:
    result = interrupted_run(newsroom, tmp_path / point, point)
    assert (result.returncode, result.stderr.decode()) == (130, "summarizer: interrupted\n")
    # The run stops there; only an interrupt Python swallowed (in __del__) is reported when the run ends.
    assert (tmp_path / point / "day.json").exists() == (point == "del")


def test_an_interrupt_while_the_installed_command_starts(newsroom: Newsroom, tmp_path: Path) -> None:
    command = Path(sys.executable).with_name("summarizer")
    if not command.is_file():
        pytest.skip("the summarizer command is not installed next to this Python")
    result = interrupted_run(newsroom, tmp_path / "installed", "start", str(command))
    assert (result.returncode, result.stderr.decode()) == (130, "summarizer: interrupted\n")


def test_the_signal_handler_is_given_back_after_main(tmp_path: Path) -> None:
    from summarizer.cli.program import main

    before = signal.getsignal(signal.SIGINT)
    assert main(["digest", str(ROOT / "seeds"), "-q", "-o", str(tmp_path / "d.txt")]) == 0
    assert signal.getsignal(signal.SIGINT) is before
