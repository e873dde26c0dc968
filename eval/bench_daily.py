#!/usr/bin/env python3
"""A day's articles through `summarizer daily` at growing sizes: wall time, peak memory, time per 1,000.

Articles are the real ones of ../shared/data (Multi-News, TAC 2011, ECB+), made distinct by the
edits that separate outlets' copies of one story: a new id and outlet, dates spread over three
days, a fifth of the sentences dropped and neighbouring paragraphs swapped (seeded, so every run
builds the same piles). Whole process, as a user runs it, with --jobs 2 on this 2-core machine.

    .venv/bin/python eval/bench_daily.py [--sizes 1000,10000,30000,100000] [--jobs 2] [--data ../shared/data]
        [--daily-options '--similarity hybrid']
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
HELPER = (
    "import resource, subprocess, sys, time, json\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "e = time.perf_counter() - t\n"
    "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
    "print(json.dumps({'rc': r.returncode, 'seconds': e, 'peak': peak, 'err': r.stderr[-2000:]}))\n"
)


def real_articles(data: Path = DATA) -> list[dict]:
    articles = []
    for folder in ("multinews_test_sample250", "tac2011_multiling_en"):
        for path in sorted((data / folder).glob("*.json")):
            articles.extend(json.loads(path.read_text(encoding="utf-8"))["documents"])
    for line in (data / "ecbplus_events" / "ecbplus.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        articles.append({"text": record["text"] or record["title"] or "", "title": record["title"]})
    return [a for a in articles if a.get("text", "").strip()]


def edited(article: dict, number: int, rng: random.Random) -> dict:
    paragraphs = [p for p in article["text"].split("\n") if p.strip()]
    sentences = [s for p in paragraphs for s in p.split(". ")]
    kept = [s for s in sentences if rng.random() > 0.2] or sentences[:1]
    for k in range(0, len(kept) - 1, 4):  # swap neighbours now and then
        if rng.random() < 0.5:
            kept[k], kept[k + 1] = kept[k + 1], kept[k]
    text = "\n".join(". ".join(kept[k : k + 3]) for k in range(0, len(kept), 3))
    return {"id": f"a{number:06d}", "text": text, "title": article.get("title"), "source": f"outlet{number % 97}",
            "date": f"2025-04-{19 + number % 3:02d}"}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,30000,100000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cluster", action="store_true",
                        help="also run each size on a two-worker Dask LocalCluster (processes) started here")  # fmt: skip
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--daily-options", default="", help="further `daily` options, e.g. '--similarity hybrid'")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"bench_daily: {args.data} is not present")
    source = real_articles(args.data)
    print(f"# bench_daily — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `python {' '.join(sys.argv)}` ({len(source)} real articles, edited per copy)\n")
    print("| articles | where | seconds | peak MB (largest process) | seconds per 1,000 articles | stories | copies |")
    print("|---|---|---|---|---|---|---|")
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        rng = random.Random(size)
        with tempfile.TemporaryDirectory() as tmp:
            export = Path(tmp) / "day.jsonl"
            with export.open("w", encoding="utf-8") as stream:
                for number in range(size):
                    stream.write(json.dumps(edited(source[number % len(source)], number, rng)) + "\n")
            for where in ("local", "cluster") if args.cluster else ("local",):
                measure(export, Path(tmp) / f"daily-{where}.json", size, where, args.jobs, args.daily_options.split())


def measure(export: Path, output: Path, size: int, where: str, jobs: int, options: list[str]) -> None:
    command = [sys.executable, "-m", "summarizer.cli", "daily", str(export), "--format", "json", "--output",
               str(output), "--jobs", str(jobs), "--quiet", *options]  # fmt: skip
    cluster = None
    if where == "cluster":
        from distributed import Client, LocalCluster

        cluster = LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None, memory_limit=0)  # fmt: skip
        command += ["--scheduler", cluster.scheduler_address]
    try:
        result = json.loads(subprocess.run([sys.executable, "-c", HELPER, *command], capture_output=True,
                                           text=True).stdout)  # fmt: skip
        peak = result["peak"]
        if cluster is not None:
            import resource

            with Client(cluster) as client:
                worker_peaks = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
            peak = max(peak, *worker_peaks.values())
    finally:
        if cluster is not None:
            cluster.close()
    if result["rc"] != 0:
        sys.exit(f"bench_daily: daily failed: {result['err']}")
    data = json.loads(output.read_text(encoding="utf-8"))
    copies = sum(len(s["duplicates"]) for s in data["stories"])
    print(f"| {size} | {where} | {result['seconds']:.1f} | {peak:.0f} | {1000 * result['seconds'] / size:.2f} | "
          f"{len(data['stories'])} | {copies} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
