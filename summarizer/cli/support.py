"""What the command line's commands share: the usage error, the one-line messages, reading articles, checking
outputs first, and writing a result (to a file, a terminal's rich view, or a pipe)."""

from __future__ import annotations

import argparse
import sys
from argparse import Namespace
from collections.abc import Callable, Sequence
from typing import Any, NoReturn

from ..delivery.output import check_output, write_text
from ..delivery.render import renderer_for
from ..errors import InputNotFound, ModelError, OptionsError, OutputError, SettingsFileError
from ..sources.ingest import load_inputs

EXIT_OK, EXIT_NO_RESULT, EXIT_USAGE, EXIT_SOFTWARE, EXIT_INTERRUPTED = 0, 1, 2, 70, 130
USAGE_ERRORS = (OptionsError, InputNotFound, OutputError, ModelError, SettingsFileError)


class UsageError(Exception):
    """A problem with how the command was called (argparse's errors end up here)."""


class Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        # No abbreviations: "--smtp-password SECRET" must not pass as --smtp-password-file, and a typo is an error.
        super().__init__(*args, **{"allow_abbrev": False, **kwargs})

    def error(self, message: str) -> NoReturn:  # one line, exit 2, no usage dump
        raise UsageError(message)


def say(message: str) -> None:  # one plain line on stderr, never wrapped or styled
    print(message, file=sys.stderr, flush=True)


def load_articles(args: Namespace, what: str) -> Any:
    """Documents from the paths or stdin, with warnings printed (digest and daily share it)."""
    if not args.paths and sys.stdin.isatty():
        raise UsageError(f"no input: give files or directories, or pipe {what} to stdin")
    loaded = load_inputs(args.paths)
    for warning in loaded.warnings if not args.quiet else []:
        say(f"summarizer: warning: {warning}")
    return loaded


def check_outputs(args: Namespace, inputs: Sequence[str], *files: str | None) -> None:
    """Refuse, before any work, outputs that cannot be written or that are inputs."""
    for path in (args.output, *files):
        if path:
            check_output(path, inputs=inputs)


def emit(args: Namespace, result: Any, **options: Any) -> None:
    """Write a result: to --output, to a terminal as its rich view, or as text to a pipe."""
    renderer = renderer_for(result)
    if args.output and args.output != "-":
        write_text(args.output, renderer.render(result, args.format, **options))
        if not args.quiet:
            say(f"wrote {args.output}")
    elif args.format in ("text", "table") and sys.stdout.isatty() and hasattr(renderer, "rich_view"):
        from rich.console import Console

        view = renderer.rich_view(result, **{k: v for k, v in options.items() if k == "explain"})
        Console(highlight=False).print(view, crop=False)
    else:
        write_text("-", renderer.render(result, args.format, **options))


def archive_path(args: Namespace) -> str:
    from ..archive import default_archive_path

    return str(args.archive or default_archive_path())


def fetch_settings(args: Namespace) -> Any:
    from ..sources.fetch import FetchSettings

    return FetchSettings(delay=args.delay, timeout=args.timeout)


def warner(args: Namespace) -> Callable[[str], None]:
    """Where the library's warnings go: one line each on stderr (none with --quiet)."""
    return (lambda line: None) if args.quiet else (lambda line: say(f"summarizer: warning: {line}"))
