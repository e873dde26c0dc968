"""Ctrl-C for the command line: every interrupted run ends with one line and exit status 130, none with 0.

Python raises KeyboardInterrupt wherever the main thread is when SIGINT arrives. In a few places it then only
prints the exception ("Exception ignored in ...") and carries on: a fork handler (every worker process
started), an object's __del__, a weakref callback, an atexit function. A run interrupted there used to finish
with exit status 0 and a traceback's tail. Here an interrupt is also noted, so it is reported whatever
swallowed it, and it is raised once: a second Ctrl-C does not break the clean-up the first one started.

Only the standard library is imported: `note_only()` runs before the command's own modules load.
"""

from __future__ import annotations

import itertools
import os
import signal
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

__all__ = ["interrupted", "note_only", "raising"]


class _State:
    noted = False  # an interrupt arrived
    armed = False  # the next one raises KeyboardInterrupt


def _on_interrupt(signum: int, frame: Any) -> None:
    _State.noted = True
    if _State.armed:
        _State.armed = False
        raise KeyboardInterrupt


def note_only() -> None:
    """From now on an interrupt is noted, not raised (while the program starts, before main can report it)."""
    if signal.getsignal(signal.SIGINT) is signal.default_int_handler:  # never where interrupts are ignored
        signal.signal(signal.SIGINT, _on_interrupt)


def interrupted() -> bool:
    return _State.noted


def _quiet_hook(default: Any) -> Any:
    def hook(unraisable: Any) -> None:
        if not isinstance(unraisable.exc_value, KeyboardInterrupt):  # noted already: reported by the caller
            default(unraisable)

    return hook


@contextmanager
def raising() -> Iterator[None]:
    """Within: the first interrupt raises KeyboardInterrupt (once); after: interrupts are only noted until the
    previous handler is back. The caller asks `interrupted()` at the end."""
    previous_handler, previous_hook = signal.getsignal(signal.SIGINT), sys.unraisablehook
    mine = previous_handler in (signal.default_int_handler, _on_interrupt)  # not where ignored, or someone else's
    if not mine or threading.current_thread() is not threading.main_thread():
        yield
        return
    _State.noted = _State.noted and previous_handler is _on_interrupt  # one noted while the program started
    _State.armed = not _State.noted
    signal.signal(signal.SIGINT, _on_interrupt)
    sys.unraisablehook = _quiet_hook(previous_hook)
    try:
        yield
    finally:
        _State.armed = False
        sys.unraisablehook = previous_hook
        signal.signal(signal.SIGINT, previous_handler)


def _started_as_the_command() -> bool:
    """`python -m summarizer.cli`, or the installed `summarizer` script (never a program importing the package)."""
    # `-m summarizer.cli` imports the package before its __main__ exists: the interpreter's own arguments say it
    if ("-m", "summarizer.cli") in itertools.pairwise(getattr(sys, "orig_argv", ())):
        return True
    program = sys.modules.get("__main__")
    spec = getattr(program, "__spec__", None)
    if spec is not None:
        return bool(spec.name in ("summarizer.cli", "summarizer.cli.__main__"))
    return os.path.basename(getattr(program, "__file__", "") or "").removesuffix(".exe") == "summarizer"


if _started_as_the_command():  # the command's modules load next: an interrupt meanwhile is noted for main()
    note_only()
