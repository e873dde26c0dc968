"""Do two checkouts of summarizer give the same output? For changes that must not change what the tool says
(moving code between modules, replacing a hand-written part by a library).

Runs each checkout's own code (PYTHONPATH=CHECKOUT, `python -m summarizer.cli`) on the same inputs and compares
the outputs byte for byte, after removing the one field that measures time (`stats.seconds` of a digest's JSON):

- `digest` of the seeds in text, Markdown and JSON, and in the abstractive mode;
- `digest -f json` of every cluster of the benchmark sets in ../shared/data (TAC 2011, Multi-News sample,
  DUC 2003, DUC 2007 update sets);
- `daily -f json` and `-f html` of allsides_days (one run over every day) and of ECB+;
- `extract -f json` of the seeds.

    python eval/same_output.py OLD_CHECKOUT NEW_CHECKOUT [--data DIR] [--jobs 2] [--quick]

Prints one line per kind of input (how many outputs, how many differ) and the first difference; exit 1 when
any output differs. Without ../shared/data only the seeds are compared.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HERE = Path(__file__).resolve().parent
DATA = HERE.parent.parent / "shared" / "data"
SEEDS = HERE.parent / "seeds"
SETS = ("tac2011_multiling_en", "multinews_test_sample250", "duc2003_task2", "duc2007_update")


def runs(data: Path, quick: bool) -> list[tuple[str, list[str]]]:
    """(kind, arguments) of every run."""
    found = [(f"seeds digest -f {fmt}", ["digest", str(SEEDS), "-f", fmt]) for fmt in ("text", "markdown", "json")]
    found += [("seeds digest --mode abstractive", ["digest", str(SEEDS), "--mode", "abstractive", "-f", "json"])]
    found += [("seeds extract", ["extract", str(SEEDS), "-f", "json"])]
    for name in SETS:
        clusters = sorted((data / name).glob("*.json"))[: 10 if quick else None]
        found += [(f"{name} digest", ["digest", str(path), "-f", "json", "--words", "100"]) for path in clusters]
    days = data / "allsides_days" / "allsides_days_dev.jsonl"
    events = data / "ecbplus_events" / "ecbplus.jsonl"
    for fmt in ("json", "html") if days.is_file() else ():
        found.append((f"allsides_days daily -f {fmt}", ["daily", str(days), "-f", fmt]))
    if events.is_file():
        found.append(("ecbplus daily -f json", ["daily", str(events), "-f", "json"]))
    return found


def without_time(output: bytes) -> bytes:
    """The output with `stats.seconds` removed wherever a JSON document carries it."""
    try:
        document = json.loads(output)
    except ValueError:
        return output

    def strip(value: object) -> object:
        if isinstance(value, dict):
            return {k: strip(v) for k, v in value.items() if k != "seconds"}
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    return json.dumps(strip(document), ensure_ascii=False, sort_keys=True).encode("utf-8")


def run(checkout: Path, arguments: list[str], jobs: int) -> bytes:
    environment = {**os.environ, "PYTHONPATH": str(checkout), "PYTHONHASHSEED": "0"}
    command = [sys.executable, "-m", "summarizer.cli", *arguments, "-q"]
    if arguments[0] in ("digest", "daily"):
        command += ["--jobs", str(jobs)]
    done = subprocess.run(command, capture_output=True, env=environment, cwd=checkout, timeout=3600)
    return without_time(done.stdout) + b"\n--exit %d--\n" % done.returncode


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--data", type=Path, default=DATA, help="the data sets (default ../shared/data)")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--quick", action="store_true", help="the first 10 clusters of each set")
    args = parser.parse_args()
    every = runs(args.data, args.quick)
    counts: dict[str, list[int]] = {}
    first: str | None = None

    def compare(item: tuple[str, list[str]]) -> tuple[str, list[str], bool]:
        kind, arguments = item
        old, new = run(args.old, arguments, 1), run(args.new, arguments, 1)
        if not old.endswith(b"--exit 0--\n") or len(old) < 200:  # a failed run compares nothing
            raise SystemExit(f"the old checkout did not run {' '.join(arguments)}: {old[-300:]!r}")
        return kind, arguments, old == new

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for kind, arguments, same in pool.map(compare, every):
            group = kind.split(" digest")[0] + " digest" if " digest" in kind and not kind.startswith("seeds") else kind
            counts.setdefault(group, [0, 0])
            counts[group][0] += 1
            if not same:
                counts[group][1] += 1
                first = first or " ".join(arguments)
    digest = hashlib.sha256(repr(sorted(counts.items())).encode()).hexdigest()[:12]
    for group, (total, differ) in counts.items():
        print(f"{group}: {total} outputs, {differ} differ")
    print(f"{sum(t for t, _ in counts.values())} outputs compared ({digest}); first difference: {first or 'none'}")
    return 1 if first else 0


if __name__ == "__main__":
    raise SystemExit(main())
