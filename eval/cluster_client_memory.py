"""Where the client's memory goes on the cluster path: `summarizer daily PILE --format json --jobs 2 --scheduler ...`
run in this process (the client) against a two-worker LocalCluster started in another process (so that the
scheduler and workers are not counted), its RSS sampled every 50 ms and told per stage (the stage's peak, and what
it holds at its end after malloc_trim gives back what the C library can).

    python eval/cluster_client_memory.py /tmp/p38s/day10000.jsonl --output /tmp/out.json

Prints a Markdown table (results in eval/results/bench_daily.md); the piles are eval/bench_daily.py's.
"""

from __future__ import annotations

import argparse
import ctypes
import importlib
import inspect
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

CLUSTER = """
import sys, time
from distributed import LocalCluster
cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1", dashboard_address=None,
                       memory_limit=0)
open(sys.argv[1], "w").write(cluster.scheduler_address)
sys.stdin.read()  # until the parent closes it
cluster.close()
"""

# (module, function, the stage while it runs, the stage after it): the client's steps on the cluster path.
STAGES = [
    ("summarizer.stories.scaleout", "prepare_day", "cleaning and splitting (on the workers)", "between"),
    ("summarizer.stories.scaleout", "prepare_day_on_cluster", "cleaning and splitting (on the workers)", "between"),
    ("summarizer.stories.daily", "grouping_vectors", "grouping: terms -> vectors", "grouping: terms dropped"),
    ("summarizer.stories.grouping", "neighbour_graph", "grouping: neighbour search", "grouping: after the search"),
    ("summarizer.stories.grouping", "grouping_on", "grouping: linkage, centroid step", "ranking"),
    ("summarizer.stories.scaleout", "graph_of_edges", "grouping: graph of the edges", "grouping: linkage, words back"),
    ("summarizer.stories.scaleout", "reassign_to_centroids", "grouping: centroid step", "grouping: bodies back"),
    ("summarizer.stories.daily", "_story_jobs", "story jobs", "story jobs made"),
    ("summarizer.stories.daily", "digests", "summarising stories (on the workers)", "headlines, writing"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pile")
    parser.add_argument("--output", default=os.devnull)
    args = parser.parse_args()
    import psutil

    importlib.import_module("summarizer.stories.daily")  # the modules whose steps are timed

    with tempfile.TemporaryDirectory() as folder:
        address_file = Path(folder, "address")
        cluster = subprocess.Popen([sys.executable, "-c", CLUSTER, str(address_file)], stdin=subprocess.PIPE)
        try:
            while not address_file.exists() or not address_file.read_text():
                time.sleep(0.2)
            table = _measure(args.pile, args.output, address_file.read_text(), psutil.Process())
        finally:
            cluster.stdin.close()  # type: ignore[union-attr]
            cluster.wait(timeout=60)
    print(table)


def _measure(pile: str, output: str, scheduler: str, me) -> str:
    from summarizer.cli import main as cli

    libc = ctypes.CDLL("libc.so.6")
    stage = ["start-up, reading the input"]
    order, peaks, held = [stage[0]], {}, {}
    start = time.time()
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            peak = peaks.setdefault(stage[0], [0, time.time() - start])
            peak[0] = max(peak[0], me.memory_info().rss)
            time.sleep(0.05)

    def enter(name: str) -> None:
        libc.malloc_trim(0)
        held[stage[0]] = me.memory_info().rss
        stage[0] = name
        order.append(name)

    for module_name, function, during, after in STAGES:
        module = sys.modules.get(module_name)
        if module is not None and hasattr(module, function):
            setattr(module, function, _wrapped(getattr(module, function), enter, during, after))
    scaleout = sys.modules.get("summarizer.stories.scaleout")
    if scaleout is not None:  # the linkage's stage starts when the graph is made (above)
        scaleout.DayOnCluster.grouping = _wrapped(scaleout.DayOnCluster.grouping, enter,
                                                  "grouping: vectors and search on the workers", "ranking")  # fmt: skip
    threading.Thread(target=sample, daemon=True).start()
    code = cli(["daily", pile, "--format", "json", "--output", output, "--jobs", "2", "--quiet",
                "--scheduler", scheduler])  # fmt: skip
    enter("end")
    done.set()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    lines = [f"exit {code}, {time.time() - start:.1f} s wall, client CPU {usage.ru_utime + usage.ru_stime:.1f} s, "
             f"client peak {usage.ru_maxrss / 1024:.0f} MB", "",
             "| stage | from s | peak MB | held at its end MB |", "|---|---|---|---|"]  # fmt: skip
    lines += [f"| {name} | {peaks[name][1]:.0f} | {peaks[name][0] / 2**20:.0f} | {held.get(name, 0) / 2**20:.0f} |"
              for name in order[:-1] if name in peaks]  # fmt: skip
    return "\n".join(lines)


def _wrapped(function, enter, during: str, after: str):
    def wrapped(*args, **kwargs):
        enter(during)
        result = None
        try:
            result = function(*args, **kwargs)
        finally:
            if not inspect.isgenerator(result):
                enter(after)
        return _ended(result, enter, after) if inspect.isgenerator(result) else result

    return wrapped


def _ended(steps, enter, after: str):
    """A stage that yields its results (the story digests, as they come) ends when the last is taken or it is closed."""
    try:
        yield from steps
    finally:
        steps.close()
        enter(after)


if __name__ == "__main__":
    main()
