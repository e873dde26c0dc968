#!/usr/bin/env python3
"""A day's articles through `summarizer daily` at growing sizes: wall time, peak memory, time per 1,000.

Articles are the real ones of ../shared/data (Multi-News, TAC 2011, ECB+), made distinct by the
edits that separate outlets' copies of one story: a new id and outlet, dates spread over three
days, a fifth of the sentences dropped and neighbouring paragraphs swapped (seeded, so every run
builds the same piles). Whole process, as a user runs it, with --jobs 2 on this 2-core machine.

    .venv/bin/python eval/bench_daily.py [--sizes 1000,10000,30000,100000] [--jobs 2] [--data ../shared/data]
        [--daily-options '--similarity hybrid'] [--pieces 24 [--one-day] [--stages-json FILE] [--keep-last FILE] [--batch-last]]

With `--pieces N` each size is a day that arrives in pieces (issue 38): one batch run of `daily --archive` with the
whole day, then the day in N equal pieces in input order (the pile's articles carry a day, no time), each a run of
`daily --archive` on one archive; a table per run (new articles, wall, CPU, peak memory), the totals against the
batch, and the ARI of the last run's stories against the batch's (an article in no story a singleton of its own).
Each run goes through eval/timed_daily.py, and a second table gives the CPU of its stages (main process and the
workers it waited for). A pile's articles are dated over three days, so a third of them are the run's day; with
`--one-day` every article is dated the run's day, so a size of N is a day of N articles (issue 38's
"100,000-article day"); `--stages-json FILE` keeps every run's stage times.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RUN_DAY = "2025-04-20"  # the archive day of --pieces runs: a third of a pile's articles are dated it
HELPER = (
    "import resource, subprocess, sys, time, json\n"
    "t = time.perf_counter()\n"
    "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
    "e = time.perf_counter() - t\n"
    "usage = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
    "peak, cpu = usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime\n"
    "print(json.dumps({'rc': r.returncode, 'seconds': e, 'peak': peak, 'cpu': cpu, 'err': r.stderr[-2000:]}))\n"
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


def edited(article: dict, number: int, rng: random.Random, *, day: str | None = None) -> dict:
    paragraphs = [p for p in article["text"].split("\n") if p.strip()]
    sentences = [s for p in paragraphs for s in p.split(". ")]
    kept = [s for s in sentences if rng.random() > 0.2] or sentences[:1]
    for k in range(0, len(kept) - 1, 4):  # swap neighbours now and then
        if rng.random() < 0.5:
            kept[k], kept[k + 1] = kept[k + 1], kept[k]
    text = "\n".join(". ".join(kept[k : k + 3]) for k in range(0, len(kept), 3))
    return {"id": f"a{number:06d}", "text": text, "title": article.get("title"), "source": f"outlet{number % 97}",
            "date": day or f"2025-04-{19 + number % 3:02d}"}  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,30000,100000")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--cluster", action="store_true",
                        help="also run each size on a two-worker Dask LocalCluster (processes) started here")  # fmt: skip
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--daily-options", default="", help="further `daily` options, e.g. '--similarity hybrid'")
    parser.add_argument("--pieces", type=int, default=0, help="also feed each day in this many pieces (issue 38)")
    parser.add_argument("--one-day", action="store_true",
                        help="with --pieces: every article dated the run's day (else a third of the pile is)")  # fmt: skip
    parser.add_argument("--stages-json", type=Path, help="with --pieces: every run's stage times written here")
    parser.add_argument("--keep-last", type=Path, help="with --pieces: the last run's output copied here")
    parser.add_argument("--batch-last", action="store_true", help="with --pieces: the batch run after the pieces")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"bench_daily: {args.data} is not present")
    source = real_articles(args.data)
    print(f"# bench_daily — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `python {' '.join(sys.argv)}` ({len(source)} real articles, edited per copy)\n")
    if args.pieces:
        return in_pieces(source, args)
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


def build_day(source: list[dict], size: int, *, day: str | None = None) -> list[str]:
    """The pile of `size` articles (as main() builds it; each dated `day` when given), as JSON lines."""
    rng = random.Random(size)
    return [json.dumps(edited(source[number % len(source)], number, rng, day=day)) for number in range(size)]


def timed_run(command: list[str]) -> dict:
    result = json.loads(subprocess.run([sys.executable, "-c", HELPER, *command], capture_output=True,
                                       text=True).stdout)  # fmt: skip
    if result["rc"] != 0:
        sys.exit(f"bench_daily: daily failed: {result['err']}")
    return result


def story_labels(output: Path) -> dict[str, int]:
    stories = json.loads(output.read_text(encoding="utf-8"))["stories"]
    return {doc_id: n for n, story in enumerate(stories) for doc_id in story["documents"]}


def archive_run(folder: Path, name: str, part: list[str], archive: str, args: argparse.Namespace) -> tuple[dict, Path]:
    """One run of `daily --archive` on these articles (JSON lines): its measures and its output."""
    day, output, stages = folder / f"{name}.jsonl", folder / f"{name}.json", folder / f"{name}-stages.json"
    day.write_text("\n".join(part) + "\n", encoding="utf-8")
    command = [sys.executable, str(ROOT / "eval" / "timed_daily.py"), str(stages), "daily", str(day), "--archive",
               str(folder / archive), "--date", RUN_DAY, "--format", "json", "--output", str(output), "--jobs",
               str(args.jobs), "--quiet", *args.daily_options.split()]  # fmt: skip
    result = timed_run(command)
    result["stages"] = json.loads(stages.read_text(encoding="utf-8"))
    return result, output


def in_pieces(source: list[dict], args: argparse.Namespace) -> None:
    """Each size as one batch run of `daily --archive` and in args.pieces runs (see the module docstring); with
    --batch-last the pieces run first (their rows come while the day goes on), the batch after them."""
    for size in (int(s) for s in args.sizes.split(",") if s.strip()):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            lines = build_day(source, size, day=RUN_DAY if args.one_day else None)
            load = os.getloadavg()
            of_day = sum(json.loads(line)["date"] == RUN_DAY for line in lines)  # the others are other days' news
            print(f"\n{size:,} articles in {args.pieces} pieces ({of_day:,} dated the run's day {RUN_DAY}: the day's "
                  f"articles), `daily --archive --jobs {args.jobs}`; load average at the start {load[0]:.1f} "
                  f"(1 min), {load[1]:.1f} (5 min)\n")  # fmt: skip
            print("| run | new articles | wall s | CPU s | peak MB (largest process) | stories |")
            print("|---|---|---|---|---|---|")
            batch = None if args.batch_last else batch_row(folder, lines, args)
            runs: list[dict] = []
            for k in range(args.pieces):
                part = lines[k * size // args.pieces : (k + 1) * size // args.pieces]
                run, output = archive_run(folder, f"piece{k + 1:02d}", part, "pieces.db", args)
                runs.append(run)
                print(f"| {k + 1} | {len(part)} | {run['seconds']:.1f} | {run['cpu']:.1f} | {run['peak']:.0f} | "
                      f"{len(set(story_labels(output).values()))} |", flush=True)  # fmt: skip
                if args.stages_json:  # after every run: a day stopped midway keeps what it measured
                    args.stages_json.write_text(json.dumps({"size": size, "batch": batch and batch[0]["stages"],
                                                            "runs": [r["stages"] for r in runs]}, indent=1))  # fmt: skip
                if args.keep_last:
                    shutil.copyfile(output, args.keep_last)
            batch = batch or batch_row(folder, lines, args)
            ids = [json.loads(line)["id"] for line in lines]
            totals(runs, batch[0], ids, story_labels(output), story_labels(batch[1]), args.pieces)
            stage_table(batch[0], runs)
            if args.stages_json:
                args.stages_json.write_text(json.dumps({"size": size, "batch": batch[0]["stages"],
                                                        "runs": [r["stages"] for r in runs]}, indent=1))  # fmt: skip


def batch_row(folder: Path, lines: list[str], args: argparse.Namespace) -> tuple[dict, Path]:
    """The day in one run of `daily --archive` (on an archive of its own), its row of the table printed."""
    batch, output = archive_run(folder, "batch", lines, "batch.db", args)
    print(f"| batch | {len(lines)} | {batch['seconds']:.1f} | {batch['cpu']:.1f} | {batch['peak']:.0f} | "
          f"{len(set(story_labels(output).values()))} |", flush=True)  # fmt: skip
    return batch, output


def stage_table(batch: dict, runs: list[dict]) -> None:
    """CPU seconds of each stage (eval/timed_daily.py) in the batch and in some of the runs."""
    shown = sorted({0, 1, len(runs) // 4, len(runs) // 2, 3 * len(runs) // 4, len(runs) - 2, len(runs) - 1})
    shown = [k for k in shown if 0 <= k < len(runs)]
    from timed_daily import STAGES  # eval/, beside this script

    for r in (batch, *runs):  # what no stage holds: arguments, the archive's transaction, exiting
        r["stages"]["the rest"] = r["stages"]["whole run"] - sum(
            seconds for name, seconds in r["stages"].items() if name != "whole run" and not name.startswith("of it")
        )
    names = ["imports", *dict.fromkeys(stage for _, _, stage in STAGES), "the rest", "whole run"]
    names = [name for name in names if any(name in r["stages"] for r in (batch, *runs))]
    print("\nCPU s per stage (main process and the workers it waited for; `of it` lines are parts of the line above)\n")
    print("| stage | batch | " + " | ".join(f"run {k + 1}" for k in shown) + " |")
    print("|---|---|" + "---|" * len(shown))
    for name in names:
        cells = [batch["stages"].get(name), *(runs[k]["stages"].get(name) for k in shown)]
        print(f"| {name} | " + " | ".join("" if c is None else f"{c:.2f}" for c in cells) + " |")
    print(flush=True)


def totals(runs: list[dict], batch: dict, ids: list[str], mine: dict[str, int], theirs: dict[str, int],
           pieces: int) -> None:  # fmt: skip
    """The pieces' totals against the batch, and the last run's stories against the batch's."""
    from sklearn.metrics import adjusted_rand_score

    wall, cpu = sum(r["seconds"] for r in runs), sum(r["cpu"] for r in runs)
    ari = adjusted_rand_score([theirs.get(i, -1 - n) for n, i in enumerate(ids)],
                              [mine.get(i, -1 - n) for n, i in enumerate(ids)])  # fmt: skip
    load = os.getloadavg()
    print(
        f"\n- last run / first run: wall {runs[-1]['seconds'] / runs[0]['seconds']:.2f}x, CPU "
        f"{runs[-1]['cpu'] / runs[0]['cpu']:.2f}x (target <= 1.5x)"
    )
    print(
        f"- {pieces} runs / batch: wall {wall:.0f} s / {batch['seconds']:.0f} s = {wall / batch['seconds']:.2f}x, "
        f"CPU {cpu:.0f} s / {batch['cpu']:.0f} s = {cpu / batch['cpu']:.2f}x (target <= 2x)"
    )
    print(f"- peak per run: at most {max(r['peak'] for r in runs):.0f} MB (target <= 1,024 MB); batch "
          f"{batch['peak']:.0f} MB")  # fmt: skip
    print(f"- the last run's stories against the batch's: ARI {ari:.4f} (target >= 0.95)")
    print(f"- load average at the end {load[0]:.1f} (1 min), {load[1]:.1f} (5 min)", flush=True)


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
        peak = client_peak = result["peak"]
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
    if cluster is not None:  # the client (the `daily` process) alone: what bounds a day on a real cluster
        where = f"cluster (client {client_peak:.0f} MB)"
    print(f"| {size} | {where} | {result['seconds']:.1f} | {peak:.0f} | {1000 * result['seconds'] / size:.2f} | "
          f"{len(data['stories'])} | {copies} |", flush=True)  # fmt: skip


if __name__ == "__main__":
    main()
