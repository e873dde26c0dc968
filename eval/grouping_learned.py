#!/usr/bin/env python3
"""A learned join-or-create decision for story grouping, against the fixed body-cosine cut.

For every edge of the neighbour graph (each article's 30 most similar), a logistic regression
over the per-field cosines (body, title where both have one, names), days apart, and article
length predicts whether the two articles report one story; average linkage then runs on those
probabilities. Trained on one set, its cut chosen there, and reported on the other as unseen
(both directions). Same sets and scores as eval/grouping.py.

    .venv/bin/python eval/grouping_learned.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.linear_model import LogisticRegression

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from grouping import load, scores  # noqa: E402

from summarizer.digest import prepare  # noqa: E402
from summarizer.stories import grouping  # noqa: E402
from summarizer.stories.daily import GroupingOptions, story_prepared, units_by_article  # noqa: E402
from summarizer.text import content_terms, tokenize  # noqa: E402

FEATURES = ("body", "title (both titled)", "both titled", "names", "days apart", "both dated", "log length",
            "body x log length")  # fmt: skip
CUTS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def pairs_of(name: str) -> dict:
    documents, labels = load(name)
    everything = prepare(documents, language="english", jobs=1)
    with_text = sorted({u.doc_order for u in everything.units})
    prepared = story_prepared(everything, with_text)
    titles = [content_terms(tokenize(c.title or ""), language="english") for c in prepared.cleaned]
    terms = [
        grouping.ArticleTerms(tuple(t for u in units for t in u.terms), tuple(title),
                              tuple(n.lower() for u in units for n in grouping._NAME.findall(u.text)), d.date)
        for units, title, d in zip(units_by_article(prepared), titles, prepared.documents)
    ]  # fmt: skip
    vectors = grouping.vectors_of(terms)
    edges = sp.triu(grouping.neighbour_graph(vectors, neighbours=30), k=1).tocoo()
    rows, cols = edges.row, edges.col

    def dots(matrix: sp.csr_matrix) -> np.ndarray:
        return np.asarray(matrix[rows].multiply(matrix[cols]).sum(axis=1)).ravel()

    body = dots(vectors.body)
    both_titled = (vectors.has_title[rows] & vectors.has_title[cols]).astype(float)
    gap = np.abs(vectors.days[rows] - vectors.days[cols])
    lengths = np.asarray([len(t.body) for t in terms], dtype=float)
    short = np.log1p(np.minimum(lengths[rows], lengths[cols]))
    features = np.column_stack([body, dots(vectors.title) * both_titled, both_titled, dots(vectors.names),
                                np.nan_to_num(gap), (~np.isnan(gap)).astype(float), short, body * short])  # fmt: skip
    gold = np.asarray([labels[i] for i in with_text])
    return {"documents": documents, "labels": labels, "with_text": with_text, "rows": rows, "cols": cols,
            "features": features, "same": (gold[rows] == gold[cols]).astype(int), "body": body}  # fmt: skip


def grouped(pile: dict, weights: np.ndarray, cut: float) -> dict[str, float]:
    n = len(pile["with_text"])
    graph = sp.csr_matrix((weights, (pile["rows"], pile["cols"])), shape=(n, n))
    labels = grouping.average_linkage(sp.csr_matrix(graph.maximum(graph.T)), cut)
    predicted = list(range(len(pile["documents"]), 2 * len(pile["documents"])))  # left out: singletons
    for index, label in enumerate(labels.tolist()):
        predicted[pile["with_text"][index]] = label
    return scores(pile["labels"], predicted)


def row(name: str, method: str, cut: float, s: dict[str, float]) -> str:
    return (f"| {name} | {method} | {cut:.2f} | {s['b3p']:.3f} | {s['b3r']:.3f} | **{s['b3f']:.3f}** | {s['pf']:.3f} "
            f"| **{s['ari']:.3f}** | {s['v']:.3f} |")  # fmt: skip


def main() -> None:
    print(f"# grouping: learned join decision — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `python {' '.join(sys.argv)}`\n")
    piles = {name: pairs_of(name) for name in ("multinews", "ecbplus")}
    print("| set | method | cut | B³ P | B³ R | B³ F1 | pair F1 | ARI | V |")
    print("|---|---|---|---|---|---|---|---|---|")
    fixed = 1.0 - GroupingOptions().distance
    learned: list[str] = []
    for name, pile in piles.items():
        print(row(name, "fixed body cosine (the default)", fixed, grouped(pile, pile["body"], fixed)))
    for train, unseen in (("multinews", "ecbplus"), ("ecbplus", "multinews")):
        model = LogisticRegression(max_iter=2000).fit(piles[train]["features"], piles[train]["same"])
        seen = {cut: grouped(piles[train], model.predict_proba(piles[train]["features"])[:, 1], cut) for cut in CUTS}
        cut = max(CUTS, key=lambda c: (seen[c]["b3f"] + seen[c]["ari"], -c))
        print(row(train, f"learned on {train} (cut chosen there)", cut, seen[cut]))
        print(row(unseen, f"learned on {train}: **unseen**", cut,
                  grouped(piles[unseen], model.predict_proba(piles[unseen]["features"])[:, 1], cut)))  # fmt: skip
        weights = ", ".join(f"{f} {w:+.2f}" for f, w in zip(FEATURES, model.coef_[0]))
        learned.append(f"weights learned on {train}: {weights}; intercept {model.intercept_[0]:+.2f}")
    print("\n(fixed: the body cosine of the same 30-neighbour graph, without the days-apart factor)\n")
    print("\n\n".join(learned) + "\n")
    for name, pile in piles.items():
        missing = len(pile["documents"]) - len(pile["with_text"])
        print(f"{name}: {missing} of {len(pile['documents'])} articles have no text after cleaning (singletons here).")


if __name__ == "__main__":
    main()
