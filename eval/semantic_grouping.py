#!/usr/bin/env python3
"""Story grouping with meaning: does adding article vectors of meaning to the words' TF-IDF group better?

Methods, each mixed in as weight w of the similarity ((1 - w) TF-IDF cosine + w the other cosine), through
the grouping's own slot for dense article vectors (`ArticleVectors.learned`), as `daily --learned` does:

- `words`: today's grouping (w = 0);
- `wordllama`: the article's cleaned text as one WordLlama vector (the 'semantic' extra), centred on the
  pile's mean;
- `learned`: vectors learned from the pile itself, a truncated SVD (LSA) of its TF-IDF body matrix with k
  dimensions (no extra, nothing shipped; the vectors adapt to the day's news).

Settings (w, k, the cut) are chosen on the Multi-News pile; ECB+ (two events of one kind per topic) is
reported at the chosen settings as the unseen set.

    .venv/bin/python eval/semantic_grouping.py [--data ../shared/data] [--out eval/results/semantic_grouping.md]
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from grouping import DATA, load, predicted_labels, publish, scores  # noqa: E402

from summarizer.stories.daily import prepare_day  # noqa: E402
from summarizer.stories.grouping import (  # noqa: E402
    average_linkage,
    event_days_factor,
    groups_of,
    learned_vectors,
    neighbour_graph,
    reassign_to_centroids,
    vectors_of,
    with_quiet_bonus,
    words_side_by_side,
)

CUTS = (0.6, 0.65, 0.7, 0.75, 0.8)
SHARES = (0.1, 0.3, 0.5, 0.8)
RANKS = (200, 300)


class Pile:
    """A labelled pile, cleaned and split once: its articles' terms and texts."""

    def __init__(self, name: str, data: Path) -> None:
        documents, self.labels = load(name, data)
        articles = prepare_day(documents, language="english", jobs=2)
        self.with_text = [i for i, (_, units, _) in enumerate(articles) if len(units)]
        self.terms = [articles[i][2] for i in self.with_text]
        self.texts = [" ".join(u.text for u in articles[i][1]) for i in self.with_text]
        self.words = vectors_of(self.terms, learned=0.0)
        self._wordllama: np.ndarray | None = None

    def wordllama(self) -> np.ndarray:
        if self._wordllama is None:
            from summarizer.core.semantic import centred, text_vectors

            self._wordllama = centred(text_vectors(self.texts))
        return self._wordllama

    def learned(self, rank: int) -> np.ndarray:
        return learned_vectors(self.words.body, rank=rank)

    def meaning(self, method: str, rank: int) -> np.ndarray | None:
        return None if method == "words" else self.wordllama() if method == "wordllama" else self.learned(rank)

    def grouped(self, meaning: np.ndarray | None, share: float, cut: float) -> dict[str, float]:
        vectors = replace(self.words, learned=meaning if share > 0 else None, learned_share=share)
        graph = neighbour_graph(vectors)
        # As `daily` does: each pair's cut falls in a quiet neighbourhood, and the centroid step moves articles by
        # their words alone.
        linked = average_linkage(with_quiet_bonus(graph, 1.0 - cut), 1.0 - cut)
        labels = reassign_to_centroids(
            words_side_by_side(self.words), self.words.days, graph, linked, event_days_factor
        )
        groups = [[self.with_text[member] for member in members] for members in groups_of(labels)]
        predicted = predicted_labels(groups, len(self.labels))  # no text: a singleton
        return scores(self.labels, predicted)


def settings() -> list[tuple[str, float, int, float]]:
    """(method, share, rank, cut) of every run."""
    runs = [("words", 0.0, 0, cut) for cut in CUTS]
    runs += [("wordllama", w, 0, cut) for w in SHARES for cut in CUTS]
    runs += [("learned", w, k, cut) for k in RANKS for w in SHARES for cut in CUTS]
    return runs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "semantic_grouping.md")
    parser.add_argument("--quick", action="store_true", help="one setting per method (a smoke test)")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"semantic_grouping: {args.data} is not present")
    started = time.perf_counter()
    piles = {name: Pile(name, args.data) for name in ("multinews", "ecbplus")}
    results: dict[tuple[str, float, int, float], dict[str, float]] = {}
    chosen_on = piles["multinews"]
    for method, share, rank, cut in settings()[:: 7 if args.quick else 1]:
        results[(method, share, rank, cut)] = chosen_on.grouped(chosen_on.meaning(method, rank), share, cut)
    lines = [f"# story grouping with meaning — {time.strftime('%Y-%m-%d')}", "",
             f"command: `python {' '.join(sys.argv)}`; settings chosen on the Multi-News pile (B³ F1), ECB+ unseen", "",
             "## Every run on the Multi-News pile (the set the settings are chosen on)", "",
             "| method | w | k | cut | B³ P | B³ R | B³ F1 | ARI |", "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for (method, share, rank, cut), s in results.items():
        lines.append(f"| {method} | {share:g} | {rank or ''} | {cut:g} | {s['b3p']:.3f} | {s['b3r']:.3f} | "
                     f"{s['b3f']:.3f} | {s['ari']:.3f} |")  # fmt: skip
    lines += ["", "## Each method at its best Multi-News settings, and ECB+ at the same settings (unseen)", "",
              "| method | w | k | cut | Multi-News B³ F1 | Multi-News ARI | ECB+ B³ F1 | ECB+ ARI |",
              "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    for method in ("words", "wordllama", "learned"):
        best = max((key for key in results if key[0] == method), key=lambda key: (results[key]["b3f"], -key[3]))
        _, share, rank, cut = best
        unseen = piles["ecbplus"].grouped(piles["ecbplus"].meaning(method, rank), share, cut)
        lines.append(f"| {method} | {share:g} | {rank or ''} | {cut:g} | {results[best]['b3f']:.3f} | "
                     f"{results[best]['ari']:.3f} | {unseen['b3f']:.3f} | {unseen['ari']:.3f} |")  # fmt: skip
    publish(lines, args.out, started)


if __name__ == "__main__":
    main()
