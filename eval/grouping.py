#!/usr/bin/env python3
"""Story grouping quality: pile up labelled articles and regroup them as `summarizer daily` does.

Sets: the Multi-News pile (every article of ../shared/data/multinews_test_sample250, its cluster
as the story) and ECB+ (../shared/data/ecbplus_events: 982 articles, two real events of the same
kind per topic). Reports B-cubed P/R/F1, pairwise P/R/F1, ARI and V-measure per cut; an article
left out of every story (no text) counts as a singleton. Settings are chosen on the Multi-News
pile; ECB+ is the unseen set.

    .venv/bin/python eval/grouping.py [--distances 0.7,0.75,0.8,0.85,0.9] [--methods centroid,average]
        [--sets multinews,ecbplus]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components
from sklearn.metrics import adjusted_rand_score, v_measure_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

from summarizer.comparisons.datasets import load_dataset  # noqa: E402
from summarizer.digest import prepare  # noqa: E402
from summarizer.documents import Document  # noqa: E402
from summarizer.stories.daily import GROUPINGS, GroupingOptions, group, story_prepared  # noqa: E402


def load(name: str) -> tuple[list[Document], list[str]]:
    documents, labels = [], []
    if name == "multinews":
        for cluster in load_dataset(DATA / "multinews_test_sample250"):
            for document in cluster.documents:
                documents.append(document)
                labels.append(cluster.id)
    else:
        for line in (DATA / "ecbplus_events" / "ecbplus.jsonl").read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            text = record["text"] or record["title"] or ""
            documents.append(Document(id=record["id"], text=text, title=record["title"] or None,
                                      source=record.get("source"), date=record.get("date")))  # fmt: skip
            labels.append(str(record["cluster"]))
    return documents, labels


def scores(labels: list[str], predicted: list[int]) -> dict[str, float]:
    gold_size = Counter(labels)
    pred_size = Counter(predicted)
    both = Counter(zip(labels, predicted))
    n = len(labels)
    b3p = sum(both[(g, p)] / pred_size[p] for g, p in zip(labels, predicted)) / n
    b3r = sum(both[(g, p)] / gold_size[g] for g, p in zip(labels, predicted)) / n
    same_both = sum(c * (c - 1) / 2 for c in both.values())
    same_pred = sum(c * (c - 1) / 2 for c in pred_size.values())
    same_gold = sum(c * (c - 1) / 2 for c in gold_size.values())
    pp, pr = same_both / max(same_pred, 1), same_both / max(same_gold, 1)
    return {"b3p": b3p, "b3r": b3r, "b3f": 2 * b3p * b3r / max(b3p + b3r, 1e-12), "pp": pp, "pr": pr,
            "pf": 2 * pp * pr / max(pp + pr, 1e-12), "ari": adjusted_rand_score(labels, predicted),
            "v": v_measure_score(labels, predicted)}  # fmt: skip


def ceiling(labels: list[str], with_text: list[int], body: sp.csr_matrix, floor: float) -> dict[str, float]:
    """Scores of a grouping that joins exactly the articles of one true story linked, directly or through
    others of that story, by a body cosine of at least `floor` (0: every article with text in its story)."""
    gold = [labels[i] for i in with_text]
    same = sp.csr_matrix(np.equal.outer(gold, gold) & ((body @ body.T).toarray() >= floor))
    _, components = connected_components(same, directed=False)
    predicted = list(range(len(labels), 2 * len(labels)))
    for k, i in enumerate(with_text):
        predicted[i] = int(components[k])
    return scores(labels, predicted)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--distances", default=f"{GroupingOptions().distance}")
    parser.add_argument("--methods", default=",".join(GROUPINGS), help="names of GROUPINGS")
    parser.add_argument("--sets", default="multinews,ecbplus")
    args = parser.parse_args()
    print(f"# grouping — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `python {' '.join(sys.argv)}`\n")
    print("| set | method | articles | stories | cut (1 - similarity) | groups | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 "
          "| ARI | V | seconds |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    ceilings = []
    for name in args.sets.split(","):
        documents, labels = load(name)
        started = time.perf_counter()
        everything = prepare(documents, language="english", jobs=1)
        with_text = sorted({u.doc_order for u in everything.units})
        prepared = story_prepared(everything, with_text)
        prepare_seconds = time.perf_counter() - started
        for method, distance in ((m, float(x)) for m in args.methods.split(",") for x in args.distances.split(",")):
            started = time.perf_counter()
            groups, vectors, _ = group(prepared, GroupingOptions(method=method, distance=distance))
            seconds = prepare_seconds + time.perf_counter() - started
            predicted = list(range(len(documents), 2 * len(documents)))  # left out: singletons
            for number, members in enumerate(groups):
                for member in members:
                    predicted[with_text[member]] = number
            s = scores(labels, predicted)
            print(f"| {name} | {method} | {len(documents)} | {len(set(labels))} | {distance:.2f} | {len(groups)} | "
                  f"{s['b3p']:.3f} | {s['b3r']:.3f} | **{s['b3f']:.3f}** | {s['pp']:.3f} | {s['pr']:.3f} | "
                  f"{s['pf']:.3f} | **{s['ari']:.3f}** | {s['v']:.3f} | {seconds:.1f} |")  # fmt: skip
        for floor in (0.0, 0.05, 0.1):  # the vectors are the same for every method and cut
            c = ceiling(labels, with_text, vectors.body, floor)
            ceilings.append(f"| {name} | {floor:.2f} | {c['b3f']:.3f} | {c['ari']:.3f} |")
    print("\nCeilings of the body vectors: the true stories, with articles that have no text left alone and each story")
    print(
        "split where no chain of its articles reaches the body cosine (0: only the articles with no text are lost).\n"
    )
    print("| set | body cosine at least | B³ F1 | ARI |\n|---|---|---|---|")
    print("\n".join(ceilings))


if __name__ == "__main__":
    main()
