#!/usr/bin/env python3
"""One very large digest: time, peak memory, what the output holds, and how fast Ctrl-C ends it.

A JSON Lines file of real articles (Multi-News, TAC 2011, ECB+, edited per copy as bench_daily.py does)
of about `--megabytes` MB goes through `summarizer digest` as a user runs it, with --jobs 2. Reported:
wall seconds, peak resident memory of the largest process, the lines printed (the digest's and the rest),
and, for a second run interrupted at each of `--interrupts` seconds with SIGINT to the whole process group
(what Ctrl-C in a terminal does), the seconds until it exited and its exit status.

    .venv/bin/python eval/bench_large.py [--megabytes 50] [--interrupts 5,15,30] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

EVAL = Path(__file__).resolve().parent
sys.path.insert(0, str(EVAL))
DATA = EVAL.parent.parent / "shared" / "data"

from bench_daily import HELPER, edited, real_articles  # noqa: E402


def build(path: Path, megabytes: float, data: Path) -> int:
    source = real_articles(data)
    rng = random.Random(7)
    size = count = 0
    with path.open("w", encoding="utf-8") as stream:
        while size < megabytes * 1_000_000:
            line = json.dumps(edited(source[count % len(source)], count, rng)) + "\n"
            stream.write(line)
            size += len(line.encode("utf-8"))
            count += 1
    return count


def interrupted_after(command: list[str], seconds: float) -> tuple[float, int, str]:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    time.sleep(seconds)
    if process.poll() is not None:
        return 0.0, process.returncode, "finished before the interrupt"
    started = time.perf_counter()
    os.killpg(process.pid, signal.SIGINT)
    _, error = process.communicate(timeout=120)
    return time.perf_counter() - started, process.returncode, error.decode().strip().splitlines()[-1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--megabytes", type=float, default=50.0)
    parser.add_argument("--interrupts", default="5,15,30", help="seconds after which to interrupt ('' for none)")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"bench_large: {args.data} is not present")
    with tempfile.TemporaryDirectory() as folder:
        pile = Path(folder) / "pile.jsonl"
        articles = build(pile, args.megabytes, args.data)
        command = [sys.executable, "-m", "summarizer.cli", "digest", str(pile), "--jobs", "2", "-q"]
        run = json.loads(subprocess.run([sys.executable, "-c", HELPER, *command], capture_output=True,
                                        text=True).stdout)  # fmt: skip
        if run["rc"] != 0:
            sys.exit(f"bench_large: digest failed: {run['err']}")
        output = subprocess.run(command, capture_output=True, text=True).stdout.splitlines()
        digest_lines = output.index("Sources") - 1 if "Sources" in output else len(output)
        stops = [interrupted_after(command, float(s)) for s in args.interrupts.split(",") if s.strip()]
    print(f"# bench_large — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `python {' '.join(sys.argv)}`; {articles:,} articles, {args.megabytes:g} MB of JSON Lines; "
          f"`summarizer digest --jobs 2` on {os.cpu_count()} cores\n")  # fmt: skip
    print("| seconds | peak MB (largest process) | lines printed | of them the digest |")
    print("|---|---|---|---|")
    print(f"| {run['seconds']:.1f} | {run['peak']:.0f} | {len(output)} | {digest_lines} |\n")
    if stops:
        print("| interrupted after | seconds to exit | exit status | last line on stderr |")
        print("|---|---|---|---|")
        for at, (seconds, status, last) in zip(args.interrupts.split(","), stops):
            print(f"| {at} s | {seconds:.2f} | {status} | {last} |")


if __name__ == "__main__":
    main()
