#!/usr/bin/env python3
"""A day of 5,000 articles through `summarizer daily`: wall time and peak memory.

The 766 articles of ../shared/data are cycled under new ids until there are
5,000 (so most stories also carry syndicated copies, which the daily digest
counts once). Whole process, as a user runs it, on this machine's cores.

    .venv/bin/python eval/bench_daily.py [--articles 5000] [--jobs 2]
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
DATA = ROOT.parent / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args()
    if not DATA.is_dir():
        sys.exit(f"bench_daily: {DATA} is not present")
    source = []
    for folder in ("multinews_test_sample250", "tac2011_multiling_en"):
        for path in sorted((DATA / folder).glob("*.json")):
            source.extend(json.loads(path.read_text(encoding="utf-8"))["documents"])
    with tempfile.TemporaryDirectory() as tmp:
        export = Path(tmp) / "day.jsonl"
        with export.open("w", encoding="utf-8") as stream:
            for number in range(args.articles):
                record = source[number % len(source)]
                stream.write(
                    json.dumps(
                        {
                            "id": f"a{number:05d}",
                            "text": record["text"],
                            "title": record.get("title"),
                            "source": f"outlet{number % 37}",
                        }
                    )
                    + "\n"
                )
        output = Path(tmp) / "daily.json"
        helper = (
            "import resource, subprocess, sys, time, json\n"
            "t = time.perf_counter()\n"
            "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
            "e = time.perf_counter() - t\n"
            "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
            "print(json.dumps({'rc': r.returncode, 'seconds': e, 'peak': peak, 'err': r.stderr[-2000:]}))\n"
        )
        command = [
            sys.executable,
            "-m",
            "summarizer.cli",
            "daily",
            str(export),
            "--format",
            "json",
            "--output",
            str(output),
            "--jobs",
            str(args.jobs),
        ]
        result = json.loads(
            subprocess.run([sys.executable, "-c", helper, *command], capture_output=True, text=True, cwd=ROOT).stdout
        )
        if result["rc"] != 0:
            sys.exit(f"bench_daily: daily failed: {result['err']}")
        data = json.loads(output.read_text())
    copies = sum(len(s["duplicates"]) for s in data["stories"])
    print(f"# bench_daily — {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores")
    print(f"command: python {' '.join(sys.argv)}\n")
    print(
        "| articles | stories | syndicated copies counted once | jobs | seconds (whole process) | peak MB (largest process) |"
    )
    print("|---|---|---|---|---|---|")
    print(
        f"| {args.articles} | {len(data['stories'])} | {copies} | {args.jobs} | {result['seconds']:.1f} | "
        f"{result['peak']:.0f} |"
    )


if __name__ == "__main__":
    main()
