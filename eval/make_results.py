#!/usr/bin/env python3
"""Regenerate the comparison tables and length sweeps under eval/results/.

Runs the `summarizer` commands a user would run and keeps their output:
  compare_tac2011.md, compare_multinews.md   every system at the set's standard length
  jobs_multinews.md                          --jobs 2 against --jobs 1: identical numbers, wall-clock ratio
  lengths_seeds.{md,png}, lengths_tac2011.{md,png}

    .venv/bin/python eval/make_results.py [--skip-jobs-check]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path("eval") / "results"  # relative to ROOT, where the commands run
DATA = ROOT.parent / "shared" / "data"
ALL = (
    "textrank,textrank-overlap,textrank-bm25,textrank-coverage,lexrank,sumy-textrank,sumy-lexrank,sumy-lsa,"
    "sumy-luhn,sumy-kl,sumy-sumbasic,lead,random,oracle"
)
CLI = [sys.executable, "-m", "summarizer.cli"]


def run(args: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run([*CLI, *args], check=True, cwd=ROOT)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--skip-jobs-check", action="store_true")
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"make_results: {DATA} is not present")
    (ROOT / RESULTS).mkdir(parents=True, exist_ok=True)
    tac = "../shared/data/tac2011_multiling_en"
    multinews = "../shared/data/multinews_test_sample250"
    run(
        [
            "compare",
            tac,
            "--systems",
            ALL,
            "--jobs",
            "2",
            "--format",
            "markdown",
            "--output",
            str(RESULTS / "compare_tac2011.md"),
        ]
    )
    run(
        [
            "compare",
            multinews,
            "--systems",
            ALL,
            "--jobs",
            "2",
            "--format",
            "markdown",
            "--output",
            str(RESULTS / "compare_multinews.md"),
        ]
    )
    run(
        [
            "lengths",
            "seeds/",
            "--plot",
            str(RESULTS / "lengths_seeds.png"),
            "--format",
            "markdown",
            "--output",
            str(RESULTS / "lengths_seeds.md"),
        ]
    )
    run(
        [
            "lengths",
            tac,
            "--systems",
            "textrank,sumy-textrank,sumy-lexrank,lead,oracle",
            "--jobs",
            "2",
            "--plot",
            str(RESULTS / "lengths_tac2011.png"),
            "--format",
            "markdown",
            "--output",
            str(RESULTS / "lengths_tac2011.md"),
        ]
    )
    if args.skip_jobs_check:
        return
    with tempfile.TemporaryDirectory() as tmp:
        outputs, seconds = {}, {}
        for jobs in (2, 1):
            path = Path(tmp) / f"jobs{jobs}.json"
            seconds[jobs] = run(
                ["compare", multinews, "--systems", ALL, "--jobs", str(jobs), "--format", "json", "--output", str(path)]
            )
            rows = json.loads(path.read_text())["rows"]
            outputs[jobs] = [{k: v for k, v in r.items() if k != "seconds_per_cluster"} for r in rows]
    identical = outputs[1] == outputs[2]
    lines = [
        "# compare --jobs 2 against --jobs 1 on Multi-News (250 clusters, 14 systems)",
        "",
        f"command: `summarizer compare {multinews} --systems {ALL} --jobs N --format json`",
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
    (ROOT / RESULTS / "jobs_multinews.md").write_text("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
