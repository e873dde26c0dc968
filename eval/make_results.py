#!/usr/bin/env python3
"""Regenerate the comparison tables and length sweeps under eval/results/.

Runs the `summarizer` commands a user would run and keeps their output:
  compare_tac2011.md, compare_multinews.md   every system at the set's standard length, tested against lead
  compare_*_per_cluster.csv                  every system x cluster x metric score
  jobs_multinews.md                          --jobs 2 against --jobs 1: identical numbers, wall-clock ratio
  lengths_seeds.{md,png}, lengths_tac2011.{md,png}

    .venv/bin/python eval/make_results.py [--skip-jobs-check] [--data ../shared/data] [--results eval/results]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "eval" / "results"
DATA = ROOT.parent / "shared" / "data"
ALL = (
    "textrank,textrank-overlap,textrank-bm25,textrank-coverage,lexrank,sumy-textrank,sumy-lexrank,sumy-lsa,"
    "sumy-luhn,sumy-kl,sumy-sumbasic,lead,random,oracle"
)
LENGTH_SYSTEMS = "textrank,sumy-textrank,sumy-lexrank,lead,oracle"
CLI = [sys.executable, "-m", "summarizer.cli"]


def run(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([*CLI, *args], check=True, cwd=ROOT)
    return time.perf_counter() - started


def shown(path: Path) -> str:
    """A path as the commands take it (they run in the repository): relative when it is in or beside it."""
    relative = os.path.relpath(path.resolve(), ROOT)
    return str(path.resolve()) if relative.startswith(os.path.join("..", "..")) else relative


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-jobs-check", action="store_true")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the files go (default eval/results)")
    parser.add_argument(
        "--systems", help=f"systems to compare (default: all of them) and sweep (default {LENGTH_SYSTEMS})"
    )
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"make_results: {args.data} is not present")
    args.results.mkdir(parents=True, exist_ok=True)
    results, jobs = shown(args.results), str(args.jobs)
    tac, multinews = shown(args.data / "tac2011_multiling_en"), shown(args.data / "multinews_test_sample250")
    everything, sweep = args.systems or ALL, args.systems or LENGTH_SYSTEMS
    for name, dataset in (("tac2011", tac), ("multinews", multinews)):
        run(["compare", dataset, "--systems", everything, "--jobs", jobs, "--format", "markdown", "--baseline", "lead",
             "--output", f"{results}/compare_{name}.md", "--per-cluster", f"{results}/compare_{name}_per_cluster.csv"])  # fmt: skip
    run(["lengths", "seeds/", "--plot", f"{results}/lengths_seeds.png", "--format", "markdown",
         "--output", f"{results}/lengths_seeds.md"])  # fmt: skip
    run(["lengths", tac, "--systems", sweep, "--jobs", jobs, "--plot", f"{results}/lengths_tac2011.png",
         "--format", "markdown", "--output", f"{results}/lengths_tac2011.md"])  # fmt: skip
    if args.skip_jobs_check:
        return
    with tempfile.TemporaryDirectory() as tmp:
        outputs, seconds = {}, {}
        for count in (2, 1):
            path = Path(tmp) / f"jobs{count}.json"
            seconds[count] = run(["compare", multinews, "--systems", everything, "--jobs", str(count), "--format", "json",
                                  "--output", str(path)])  # fmt: skip
            rows = json.loads(path.read_text())["rows"]
            outputs[count] = [{k: v for k, v in r.items() if k != "seconds_per_cluster"} for r in rows]
    identical = outputs[1] == outputs[2]
    systems = len(everything.split(","))
    clusters = len(list((args.data / "multinews_test_sample250").glob("*.json")))
    lines = [
        f"# compare --jobs 2 against --jobs 1 on Multi-News ({clusters} clusters, {systems} systems)",
        "",
        f"command: `summarizer compare {multinews} --systems {everything} --jobs N --format json`",
        "",
        "| jobs | wall-clock seconds |",
        "|---|---|",
        f"| 1 | {seconds[1]:.1f} |",
        f"| 2 | {seconds[2]:.1f} |",
        "",
        f"speed-up: {seconds[1] / seconds[2]:.2f}x; every number identical (seconds per cluster aside): "
        f"{'yes' if identical else 'NO'}",
        "",
    ]
    (args.results / "jobs_multinews.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
