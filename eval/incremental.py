#!/usr/bin/env python3
"""A day that arrives in pieces (issue 38, point 2): the stories of `daily --archive` fed a labelled pile in 24
pieces against one batch run of the same pile, and both against gold.

Each pile is fed in time order (its articles' dates; undated articles in input order), cut into `--pieces` equal
pieces, each one a run of `daily --archive` on a fresh archive, all under one archive day (the library's
remembered_daily, in this process: what the command runs). The batch is one such run with every article. The
grouping compared is the final run's: every group it found, a singleton too (DailyDigest.state.groups, what the
archive keeps for the next run); an article in no group (no text) is a singleton of its own.

Sets (as eval/grouping.py builds them): `allsides` (allsides_days, dated: real time order), `multinews` (the
Multi-News pile, undated), `ecbplus` (ECB+, undated). The 30,000-article pile built as eval/bench_daily.py builds
them is measured by `eval/bench_daily.py --pieces 24` (its ARI against the batch is printed there).

    .venv/bin/python eval/incremental.py [--sets allsides,multinews,ecbplus] [--pieces 24] [--jobs 2]
        [--data ../shared/data] [--out eval/results/incremental.md]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from grouping import DATA, load, present, scores  # noqa: E402

from summarizer import Document  # noqa: E402
from summarizer.stories import remembered_daily_at  # noqa: E402

DAY = "2021-01-01"  # the archive day every piece is a run of (the articles keep their own dates)
TARGET_ARI = 0.95  # against the batch
TARGET_GOLD = 0.01  # B3 F1 and ARI against gold within this of the batch's


def in_time_order(documents: list[Document]) -> list[int]:
    """Indices of the articles in time order; undated ones keep their input order (after the dated ones' ties)."""
    return sorted(range(len(documents)), key=lambda i: (documents[i].date or "", i))


def final_groups(documents: list[Document], pieces: int, jobs: int, folder: str) -> tuple[list[int], list[float]]:
    """Each article's group after the pile was fed in `pieces` runs, and each run's seconds."""
    path = os.path.join(folder, f"pieces-{pieces}.db")
    order = in_time_order(documents)
    seconds, result = [], None
    for k in range(pieces):
        piece = [documents[i] for i in order[k * len(order) // pieces : (k + 1) * len(order) // pieces]]
        started = time.perf_counter()
        result = remembered_daily_at(path, piece, day=DAY, jobs=jobs)
        seconds.append(time.perf_counter() - started)
    assert result is not None and result.state is not None
    number = {doc_id: n for n, group in enumerate(result.state.groups) for doc_id in group}
    return [number.get(d.id, len(number) + i) for i, d in enumerate(documents)], seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default="allsides,multinews,ecbplus")
    parser.add_argument("--pieces", type=int, default=24)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "incremental.md")
    args = parser.parse_args()
    started = time.perf_counter()
    lines = [
        f"# incremental — {time.strftime('%Y-%m-%d')}",
        "",
        f"command: `python {' '.join(sys.argv)}`; load average at the start "
        f"{', '.join(f'{x:.1f}' for x in os.getloadavg())}",
        "",
        f"Each pile fed to `daily --archive` in {args.pieces} pieces in time order, against one batch run; targets: "
        f"ARI >= {TARGET_ARI} against the batch, B3 F1 and ARI against gold within {TARGET_GOLD} of the batch's.",
        "",
        "| set | articles | ARI vs batch | B3 F1 pieces | B3 F1 batch | ARI gold pieces | ARI gold batch | "
        "groups pieces / batch | seconds: first run, last run, all runs, batch | targets |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name in (s for s in args.sets.split(",") if s.strip()):
        if not present(name, args.data):
            lines.append(f"| {name} | data not present | | | | | | | | |")
            continue
        documents, labels = load(name, args.data)
        with tempfile.TemporaryDirectory() as folder:
            pieces, seconds = final_groups(documents, args.pieces, args.jobs, folder)
            batch, batch_seconds = final_groups(documents, 1, args.jobs, folder)
        against = adjusted_rand_score(batch, pieces)
        mine, theirs = scores(labels, pieces), scores(labels, batch)
        met = (against >= TARGET_ARI and mine["b3f"] >= theirs["b3f"] - TARGET_GOLD
               and mine["ari"] >= theirs["ari"] - TARGET_GOLD)  # fmt: skip
        lines.append(
            f"| {name} | {len(documents)} | {against:.3f} | {mine['b3f']:.3f} | {theirs['b3f']:.3f} | "
            f"{mine['ari']:.3f} | {theirs['ari']:.3f} | {len(set(pieces))} / {len(set(batch))} | "
            f"{seconds[0]:.1f}, {seconds[-1]:.1f}, {sum(seconds):.1f}, {batch_seconds[0]:.1f} | "
            f"{'met' if met else 'missed'} |"
        )
        print(lines[-1], flush=True)
    lines += ["", f"{time.perf_counter() - started:.0f} s on this machine (shared with other runs)."]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
