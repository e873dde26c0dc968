#!/usr/bin/env python3
"""`summarizer daily ...` with the CPU of each stage of the run written to a JSON file (eval/bench_daily.py --pieces).

    .venv/bin/python eval/timed_daily.py STAGES.json daily DAY.jsonl --archive A.db ...

Each stage is a function of the package wrapped here (nothing in the package changes): its CPU is the main
process's (time.process_time) plus that of the worker processes it waited for (RUSAGE_CHILDREN), summed over its
calls. Stages nest (the centroid step is part of the grouping): the JSON gives each stage's own total, and
"whole run" the process's at its end; "imports" is the CPU from the interpreter's start to the command's modules
imported.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import json
import resource
import sys
import time
from collections.abc import Callable, Generator, Iterator
from typing import Any

# (module, attribute path, stage): where a stage is called from, so the wrapper replaces the name that is called
STAGES = (
    ("summarizer.cli.program", "load_articles", "reading the input file"),
    ("summarizer.stories.memory", "add_articles", "storing the new articles"),
    ("summarizer.archive", "Archive.articles_of_day", "reading the day back: articles"),
    ("summarizer.archive", "Archive.day_state", "reading the day back: kept forms and edges"),
    ("summarizer.archive", "Archive.open_stories", "reading the day back: open stories"),
    ("summarizer.stories.memory", "_day_pieces", "reading the day back: DayPieces (digests too)"),
    ("summarizer.stories.daily", "_DayArticles.prepare", "preparing: kept forms decoded, new articles made"),
    ("summarizer.stories.daily", "prepare_day", "of it: cleaning and splitting the new articles"),
    ("summarizer.stories.daily", "earlier_run_vectors", "grouping (with the earlier runs' edges)"),
    ("summarizer.stories.daily", "grouping_on_kept_edges", "grouping (with the earlier runs' edges)"),
    ("summarizer.stories.daily", "grouping_by_vectors", "grouping (from scratch)"),
    ("summarizer.stories.incremental", "vectors_of", "of it: the day's vectors"),
    ("summarizer.stories.incremental", "_edges_of", "of it: searching edges (new articles, their neighbours)"),
    ("summarizer.stories.grouping", "average_linkage", "of it: average linkage"),
    ("summarizer.stories.grouping", "reassign_to_centroids", "of it: the centroid step"),
    ("summarizer.stories.daily", "neighbour_rows", "the edges kept for the next run"),
    ("summarizer.stories.daily", "rank_stories", "ranking the stories"),
    ("summarizer.stories.daily", "_story_jobs", "the stories' jobs"),
    ("summarizer.stories.daily", "digests", "story digests (reused or made, workers included)"),
    ("summarizer.stories.daily", "_story", "headlines, the stories put together"),
    ("summarizer.stories.memory", "_save_day_state", "writing the day's state"),
    ("summarizer.stories.memory", "_kept_story_ids", "the stories' ids"),
    ("summarizer.stories.memory", "save_story", "writing the changed stories"),
    ("summarizer.archive", "Archive.timeline", "the stories' timelines"),
    ("summarizer.stories.memory", "close_stale_stories", "closing stale stories"),
    ("summarizer.cli.program", "deliver", "rendering and writing the output"),
)
totals: dict[str, float] = {}


def cpu_now() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def timed(function: Callable[..., Any], stage: str) -> Callable[..., Any]:
    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = cpu_now()
        try:
            result = function(*args, **kwargs)
        finally:
            totals[stage] = totals.get(stage, 0.0) + cpu_now() - start
        return timed_steps(result, stage) if inspect.isgenerator(result) else result

    return wrapper


def timed_steps(steps: Generator[Any, None, None], stage: str) -> Iterator[Any]:
    """A stage that yields its results (the story digests, as they come): its CPU is that of each step and of its
    closing (which joins its workers: only then is their CPU counted), not of what the caller does between steps
    (putting a story together)."""
    try:
        while True:
            start = cpu_now()
            try:
                item = next(steps)
            except StopIteration:
                return
            finally:
                totals[stage] = totals.get(stage, 0.0) + cpu_now() - start
            yield item
    finally:
        start = cpu_now()
        steps.close()
        totals[stage] = totals.get(stage, 0.0) + cpu_now() - start


def main() -> int:
    target, argv = sys.argv[1], sys.argv[2:]
    program = importlib.import_module("summarizer.cli.program")
    for name in ("summarizer.stories.memory", "summarizer.stories.daily", "summarizer.delivery.render.daily"):
        importlib.import_module(name)
    totals["imports"] = cpu_now()
    for module_name, path, stage in STAGES:
        owner: Any = importlib.import_module(module_name)
        *outer, attribute = path.split(".")
        for part in outer:
            owner = getattr(owner, part)
        function = owner.__dict__[attribute] if isinstance(owner, type) else getattr(owner, attribute)
        if isinstance(function, classmethod):
            setattr(owner, attribute, classmethod(timed(function.__func__, stage)))
        else:
            setattr(owner, attribute, timed(function, stage))
    try:
        return program.main(argv)
    finally:
        totals["whole run"] = cpu_now()
        with open(target, "w", encoding="utf-8") as stream:
            json.dump(totals, stream, indent=1)


if __name__ == "__main__":
    sys.exit(main())
