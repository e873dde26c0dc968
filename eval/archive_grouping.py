#!/usr/bin/env python3
"""Learned vectors for small days: learned from the day alone, or from the day and the archive's latest articles.

A day's grouping can mix in vectors learned from the articles (LSA, `GroupingOptions.learned`). Learned from a
small day alone they group worse than words: the latent space is as wide as the pile. `daily --archive` learns
them from the day's articles and the archive's latest (stories.memory.LEARNING_CONTEXT). This script measures
that on days drawn from labelled piles: each day is whole stories of one pile, drawn at random (seeded) until it
holds `size` articles; its "archive" is the other articles of both piles (Multi-News and ECB+), none of which
share a story with the day, capped at `context` articles. Every learned setting is run with `learn_from` 0, so
the vectors are used whatever their material; words are the grouping without them.

Settings (share, cut) are chosen on days drawn from the Multi-News pile (mean B³ F1 over every size, with the
whole archive); days drawn from ECB+ (two events of one kind per topic) are reported at them, unseen. Articles
with no text after cleaning are left out of the draws.

    .venv/bin/python eval/archive_grouping.py [--data ../shared/data] [--draws 8] [--sizes 100,300]
        [--out eval/results/archive_grouping.md]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from grouping import DATA, load, predicted_labels, publish, scores  # noqa: E402

from summarizer import GroupingOptions  # noqa: E402
from summarizer.stories.daily import prepare_day  # noqa: E402
from summarizer.stories.grouping import ArticleTerms, group_terms  # noqa: E402

PILES = ("multinews", "ecbplus")  # the first is the one settings are chosen on
LEARNED = ((0.3, 0.75), (0.5, 0.7), (0.8, 0.6))  # (share, cut) tried
CONTEXTS = (0, 1000, None)  # archive articles learned from besides the day's (None: all the other articles)


def labelled_terms(data: Path) -> tuple[list[ArticleTerms], list[str], list[str]]:
    """Grouping terms of every article with text in both piles, its story (pile-qualified) and its pile."""
    terms, stories, piles = [], [], []
    for name in PILES:
        documents, labels = load(name, data)
        for (_, units, article_terms), label in zip(prepare_day(documents, language="english", jobs=2), labels):
            if len(units):
                terms.append(article_terms)
                stories.append(f"{name}:{label}")
                piles.append(name)
    return terms, stories, piles


def draw(stories: list[str], piles: list[str], pile: str, size: int, seed: int) -> list[int]:
    """Whole stories of one pile, in a seeded random order, until the day holds `size` articles."""
    members: dict[str, list[int]] = {}
    for index, (story, where) in enumerate(zip(stories, piles)):
        if where == pile:
            members.setdefault(story, []).append(index)
    order = sorted(members)
    random.Random(seed).shuffle(order)
    day: list[int] = []
    for story in order:
        if len(day) >= size:
            break
        day += members[story]
    return sorted(day)


def grouped(terms: list[ArticleTerms], stories: list[str], day: list[int], context: list[int],
            options: GroupingOptions) -> dict[str, float]:  # fmt: skip
    groups, _ = group_terms([terms[i] for i in day], options, context=[terms[i] for i in context])
    return scores([stories[i] for i in day], predicted_labels(groups, len(day)))


def settings() -> dict[str, GroupingOptions]:
    runs = {"words": GroupingOptions()}
    for share, cut in LEARNED:
        runs[f"learned {share:g}, cut {cut:g}"] = GroupingOptions(learned=share, learned_distance=cut, learn_from=0)
    return runs


def measure(data: Path, *, sizes: tuple[int, ...], draws: int) -> dict[tuple[str, int, str, str], list[dict]]:
    """(pile, size, context label, setting) -> the scores of each draw."""
    terms, stories, piles = labelled_terms(data)
    results: dict[tuple[str, int, str, str], list[dict]] = {}
    for pile in PILES:
        for size in sizes:
            for seed in range(draws):
                day = draw(stories, piles, pile, size, seed)
                rest = [i for i in range(len(terms)) if i not in set(day)]
                random.Random(seed).shuffle(rest)
                for cap in CONTEXTS:
                    context = sorted(rest[:cap] if cap is not None else rest)
                    label = "day alone" if cap == 0 else f"day + {len(context) if cap is None else cap} archive"
                    label = "day + all others" if cap is None else label
                    for name, options in settings().items():
                        if name == "words" and cap != 0:
                            continue  # words ignore the archive: one run per draw
                        results.setdefault((pile, size, label, name), []).append(
                            grouped(terms, stories, day, context, options)
                        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--draws", type=int, default=8)
    parser.add_argument("--sizes", default="100,300")
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "archive_grouping.md")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"archive_grouping: {args.data} is not present")
    started = time.perf_counter()
    sizes = tuple(int(s) for s in args.sizes.split(","))
    results = measure(args.data, sizes=sizes, draws=args.draws)

    def mean(key: tuple[str, int, str, str], metric: str) -> float:
        return float(np.mean([s[metric] for s in results[key]]))

    lines = [f"# learned vectors for small days: the day alone or the day and the archive — {time.strftime('%Y-%m-%d')}",
             "", f"command: `python {' '.join(sys.argv)}`; {args.draws} seeded draws per pile and size; mean B³ F1 "
             "and ARI over the draws; settings chosen on Multi-News days, ECB+ days unseen", "",
             "| days from | size | learned from | setting | B³ F1 | ARI | worst draw B³ F1 |",
             "|---|---|---|---|---|---|---|"]  # fmt: skip
    for key in sorted(results, key=lambda k: (PILES.index(k[0]), k[1], k[2] != "day alone", k[2], k[3])):
        pile, size, label, name = key
        worst = min(s["b3f"] for s in results[key])
        lines.append(f"| {pile} | {size} | {'—' if name == 'words' else label} | {name} | {mean(key, 'b3f'):.3f} | "
                     f"{mean(key, 'ari'):.3f} | {worst:.3f} |")  # fmt: skip
    learned = [name for name in settings() if name != "words"]
    chosen = max(learned, key=lambda n: (np.mean([mean(("multinews", s, "day + all others", n), "b3f") for s in sizes]),
                                         -learned.index(n)))  # fmt: skip
    lines += ["", f"Chosen on Multi-News days (mean B³ F1 over the sizes, learned from the day and the archive): "
              f"**{chosen}**.", "", "| days from | size | words B³ F1 / ARI | chosen, day alone | chosen, day + archive |",
              "|---|---|---|---|---|"]  # fmt: skip
    for pile in PILES:
        for size in sizes:
            cells = [(pile, size, "day alone", "words"), (pile, size, "day alone", chosen),
                     (pile, size, "day + all others", chosen)]  # fmt: skip
            lines.append(
                f"| {pile}{'' if pile == PILES[0] else ' (unseen)'} | {size} | "
                + " | ".join(f"{mean(c, 'b3f'):.3f} / {mean(c, 'ari'):.3f}" for c in cells)
                + " |"
            )
    publish(lines, args.out, started)


if __name__ == "__main__":
    main()
