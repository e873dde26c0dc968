"""A progress bar on stderr for long runs: shown only in a terminal, never with --quiet."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any


class Progress:
    """A progress bar on stderr in a terminal (nothing elsewhere, or with --quiet).

    `bar.stage(description, total)` starts a line with its total and returns a
    callback that advances it by n: the library's `Stages` (summarizer.parallel).
    """

    def __init__(self, *, quiet: bool = False):
        self.enabled = not quiet and sys.stderr.isatty()
        self._bar: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._bar.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def stage(self, description: str, total: int | None = None) -> Callable[[int], None]:
        if self._bar is None:
            return lambda n: None
        task_id = self._bar.add_task(description, total=total)
        return lambda n: self._bar.advance(task_id, n)
