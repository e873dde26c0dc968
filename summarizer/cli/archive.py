"""The archive's commands: fetch (feeds into the archive), archive (view, check, recover, prune) and site (the static
site, rebuilt from the archive alone)."""

from __future__ import annotations

import datetime
import os
from argparse import Namespace
from typing import Any

from ..delivery.output import check_run_paths
from ..errors import InputNotFound
from .support import (
    EXIT_NO_RESULT,
    EXIT_OK,
    UsageError,
    archive_path,
    check_outputs,
    emit,
    fetch_settings,
    warner,
)


def run_fetch(args: Namespace) -> int:
    """Fetch RSS/Atom feeds and the pages they link to into the archive (politely; each problem is one line)."""
    from ..archive import Archive, save_fetched
    from ..sources.feedlist import read_feed_list
    from ..sources.fetch import fetch_for_archive

    archive = archive_path(args)
    check_outputs(args, [args.feeds])
    check_run_paths(written={"output": args.output, "archive": archive}, read={"feed list": args.feeds})
    feeds = read_feed_list(args.feeds)
    day = args.date or datetime.date.today().isoformat()
    with Archive(archive) as store:
        report = fetch_for_archive(store, feeds, settings=fetch_settings(args))
        if not report_shows_problems(args):  # else each problem would be printed twice, on stderr and stdout
            for problem in report.problem_lines():
                warner(args)(problem)
        with store.run(day, args.command) as run:
            save_fetched(run, report.feeds, report.documents)
    emit(args, report)
    return EXIT_OK if not report.problems or report.documents else EXIT_NO_RESULT


def report_shows_problems(args: Namespace) -> bool:
    """Whether the report goes to standard output as text, where its `problem:` lines already name each problem."""
    return args.format == "text" and (not args.output or args.output == "-")


# Options that only one action reads: given to another, they would be ignored without a word.
ACTION_OPTIONS = {"story_id": ("story", "story ID"), "day": ("stories", "--day"), "before": ("prune", "--before"),
                  "dry_run": ("prune", "--dry-run"), "yes": ("prune", "--yes"), "into": ("recover", "--into")}  # fmt: skip


def check_action_options(args: Namespace) -> None:
    """Refuse an option the action does not read (`archive days --yes`), before any work."""
    for name, (action, shown) in ACTION_OPTIONS.items():
        if getattr(args, name) and args.action != action:
            raise UsageError(f"archive {args.action} takes no {shown} (only archive {action} does)")


def run_archive(args: Namespace) -> int:
    """Show what the archive holds: days, stories, a story's timeline; export it as JSON; check or recover it;
    prune old days."""
    from .. import archive as store

    path = archive_path(args)
    check_action_options(args)
    check_run_paths(written={"output": args.output, "recovered archive": args.into}, read={"archive": path})
    if args.action == "story" and not args.story_id:
        raise UsageError("archive story needs a story ID (summarizer archive stories lists them)")
    if args.action == "prune" and not args.before:
        raise UsageError("archive prune needs --before YYYY-MM-DD")
    if args.action == "prune" and args.dry_run and args.yes:  # which one was meant is unknown: delete nothing
        raise UsageError("archive prune: --dry-run and --yes contradict each other; give one (nothing was deleted)")
    if args.action == "recover":
        emit(args, store.recover(path, args.into))
        return EXIT_OK
    if not os.path.exists(path):
        raise InputNotFound(path, "no archive here yet (daily --archive or fetch makes one)")
    with store.Archive(path, readonly=args.action != "prune", verify=args.action != "check") as archive:
        if args.action == "prune":
            view = prune(args, archive)
        else:
            views = {
                "days": lambda: store.view_days(archive),
                "stories": lambda: store.view_stories(archive, day=args.day),
                "story": lambda: store.view_story(archive, args.story_id),
                "export": lambda: store.view_export(archive),
                "check": lambda: store.check(archive),
            }
            view = views[args.action]()
    emit(args, view)
    damaged = view.kind == "check" and any(row["result"] != "ok" for row in view.rows)
    return EXIT_NO_RESULT if damaged else EXIT_OK


def prune(args: Namespace, archive: Any) -> Any:
    """prune --dry-run shows what would go; prune without --yes says so and deletes nothing."""
    from ..archive import ArchiveView
    from ..archive import prune as prune_days
    from ..text import counted, singular

    counts = prune_days(archive, before=args.before, dry_run=not args.yes)
    if not args.yes and not args.dry_run:
        what = ", ".join(counted(n, singular(k)) for k, n in counts.items())
        raise UsageError(f"archive prune would delete {what} of the days before {args.before}; add --yes to delete "
                         "them (--dry-run shows this without asking)")  # fmt: skip
    return ArchiveView(str(archive.path), "prune" if args.yes else "prune-dry-run", (counts,))
