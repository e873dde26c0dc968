#!/usr/bin/env python3
"""The grouping's settings swept one at a time around the chosen point, scored on the sets that choose together.

Choosing sets: the first 60 days of allsides_days (`allsides-first60`), the Multi-News pile and ECB+; a setting
is scored by the mean over them of (B³ F1 + ARI) / 2, and one that takes a Multi-News or ECB+ figure below its
gate floor (eval/floors.toml) is not eligible. The last 29 days (`allsides-rest`) are printed beside each
setting and never enter the choice. Articles are cleaned and split once per set; each setting regroups them
(the constants of stories.grouping and stories.linkage set for the run, as `daily` would read them).

    .venv/bin/python eval/grouping_sweep.py [--data ../shared/data] [--out eval/results/grouping_sweep.md]
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import tomllib

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from grouping import DATA, load, predicted_labels, present, publish, scores, story_counts  # noqa: E402

from summarizer.stories import GroupingOptions  # noqa: E402
from summarizer.stories.daily import prepare_day  # noqa: E402
from summarizer.stories.grouping import group_terms  # noqa: E402

# The sweep sets the modules' own constants for a run (they are not options of `daily`), so it holds the modules.
grouping_module = importlib.import_module("summarizer.stories.grouping")
linkage = importlib.import_module("summarizer.stories.linkage")

CHOOSING = ("allsides-first60", "multinews", "ecbplus")
UNSEEN = "allsides-rest"
GUARD = "lonely"  # articles without a partner: every join is wrong (reported, not scored)
# Each setting's values around the chosen one; the weights of the three channels move together (they sum to 1).
WEIGHTS = ((1.0, 0.0, 0.0), (0.7, 0.3, 0.0), (0.6, 0.3, 0.1), (0.5, 0.4, 0.1), (0.7, 0.2, 0.1), (0.5, 0.3, 0.2))
SWEEP: dict[str, tuple] = {
    "weights (body, headline, names)": WEIGHTS,
    "BACKGROUND_RANK": (2, 3, 4, 6, 8),
    "QUIET_SHARE": (0.05, 0.1, 0.15, 0.25, 0.4, 1.0),
    "BACKGROUND_WEIGHT": (0.75, 1.0, 1.25, 1.5, 2.0),
    "EVENT_DAYS": (0.5, 1.0, 2.0, 1e9),
    "REASSIGN_SIMILARITY": (0.15, 0.2, 0.25, 0.3),
    "distance": (0.75, 0.8, 0.85),
}


def chosen() -> dict[str, object]:
    """The settings as the code has them now."""
    return {"weights (body, headline, names)": (grouping_module.BODY_WEIGHT, grouping_module.HEADLINE_WEIGHT,
                                                grouping_module.NAMES_WEIGHT),
            "BACKGROUND_RANK": linkage.BACKGROUND_RANK, "QUIET_SHARE": linkage.QUIET_SHARE,
            "BACKGROUND_WEIGHT": linkage.BACKGROUND_WEIGHT, "EVENT_DAYS": grouping_module.EVENT_DAYS,
            "REASSIGN_SIMILARITY": linkage.REASSIGN_SIMILARITY, "distance": GroupingOptions.distance}  # fmt: skip


@contextmanager
def settings(values: dict[str, object]) -> Iterator[float]:
    """The module constants set to `values` for the block (restored after); yields the distance."""
    saved = chosen()
    floor_defaults = dict(linkage.reassign_to_centroids.__kwdefaults__ or {})

    def apply(v: dict[str, object]) -> None:
        body, headline, names = v["weights (body, headline, names)"]  # type: ignore[misc]
        grouping_module.BODY_WEIGHT, grouping_module.HEADLINE_WEIGHT, grouping_module.NAMES_WEIGHT = (
            body, headline, names)  # fmt: skip
        linkage.BACKGROUND_RANK = v["BACKGROUND_RANK"]  # type: ignore[assignment]
        linkage.QUIET_SHARE = v["QUIET_SHARE"]  # type: ignore[assignment]
        linkage.BACKGROUND_WEIGHT = v["BACKGROUND_WEIGHT"]  # type: ignore[assignment]
        grouping_module.EVENT_DAYS = v["EVENT_DAYS"]  # type: ignore[assignment]
        linkage.reassign_to_centroids.__kwdefaults__ = {**floor_defaults, "floor": v["REASSIGN_SIMILARITY"]}

    apply(values)
    try:
        yield float(values["distance"])  # type: ignore[arg-type]
    finally:
        apply(saved)
        linkage.reassign_to_centroids.__kwdefaults__ = floor_defaults


class Pile:
    """A labelled set cleaned and split once."""

    def __init__(self, name: str, data: Path) -> None:
        documents, self.labels = load(name, data)
        articles = prepare_day(documents, language="english", jobs=1)
        self.with_text = [i for i, (_, units, _) in enumerate(articles) if len(units) > 0]  # jobs=1: never spilled
        self.terms = [articles[i][2] for i in self.with_text]

    def scored(self, distance: float) -> dict[str, float]:
        groups, _ = group_terms(self.terms, GroupingOptions(distance=distance, learn_from=0))
        predicted = predicted_labels([[self.with_text[m] for m in g] for g in groups], len(self.labels))
        return {**scores(self.labels, predicted), **story_counts(self.labels, predicted)}


def floors() -> dict[str, float]:
    table = tomllib.loads((ROOT / "eval" / "floors.toml").read_text(encoding="utf-8"))
    return {name: entry["floor"] for name, entry in table.items() if "floor" in entry}


def run(piles: dict[str, Pile], values: dict[str, object], gate: dict[str, float]) -> tuple[float, bool, dict]:
    """The mean over the choosing sets, whether every gate floor holds, and each set's figures."""
    with settings(values) as distance:
        found = {name: pile.scored(distance) for name, pile in piles.items()}
    choosing = [n for n in CHOOSING if n in found]  # a data folder without a set (the tests' tiny data) skips it
    score = sum((found[n]["b3f"] + found[n]["ari"]) / 2 for n in choosing) / len(choosing)
    eligible = all(found[n][key] >= gate.get(f"grouping.{n}.{figure}", 0.0) - 1e-9
                   for n in ("multinews", "ecbplus") if n in found for key, figure in (("b3f", "b3-f1"), ("ari", "ari")))  # fmt: skip
    return score, eligible, found


def row(label: str, score: float, eligible: bool, found: dict) -> str:
    def cell(name: str, text: str) -> str:
        return text.format(**found[name]) if name in found else "—"

    cells = [cell(n, "{b3f:.3f} / {ari:.3f}") for n in (*CHOOSING, UNSEEN)]
    singles = f"{cell('allsides-first60', '{single:.0%}')} / {cell(UNSEEN, '{single:.0%}')}"
    return f"| {label} | {score:.4f} | {'yes' if eligible else 'no'} | {' | '.join(cells)} | {singles} | " + cell(
        GUARD, "{joined} |"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"grouping_sweep: {args.data} is not present")
    started = time.perf_counter()
    piles = {name: Pile(name, args.data) for name in (*CHOOSING, UNSEEN, GUARD) if present(name, args.data)}
    gate, base = floors(), chosen()
    lines = [f"# grouping settings, one at a time — {time.strftime('%Y-%m-%d')}", "",
             f"command: `python {' '.join(sys.argv)}`", "",
             "Score: mean over allsides-first60, multinews and ecbplus of (B³ F1 + ARI) / 2; eligible: the Multi-News "
             "and ECB+ figures at or above their gate floors. allsides-rest (the last 29 days) is never chosen on. "
             "lonely joined: of 336 articles without a partner (one per Multi-News story and ECB+ event), how many "
             "were joined to another (every join wrong; reported, not scored).", "",
             "| setting | score | eligible | allsides-first60 B³ F1 / ARI | multinews | ecbplus | allsides-rest "
             "(not chosen on) | single first60 / rest | lonely joined |", "|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    print("\n".join(lines), flush=True)
    score, eligible, found = run(piles, base, gate)
    best = (score, eligible, "as chosen")
    lines.append(row("as chosen", score, eligible, found))
    print(lines[-1], flush=True)
    for name, values in SWEEP.items():
        for value in values:
            if value == base[name]:
                continue
            score, eligible, found = run(piles, {**base, name: value}, gate)
            lines.append(row(f"{name} = {value}", score, eligible, found))
            print(lines[-1], flush=True)
            if eligible and score > best[0] + 1e-4:
                best = (score, eligible, f"{name} = {value}")
    lines += ["", f"Best eligible: {best[2]} (score {best[0]:.4f})."]
    print(lines[-1])
    if args.out:
        publish(lines, args.out, started)


if __name__ == "__main__":
    main()
