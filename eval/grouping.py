#!/usr/bin/env python3
"""Story grouping quality: pile up labelled articles and regroup them as `summarizer daily` does.

Sets: the Multi-News pile (every article of multinews_test_sample250, its cluster as the story) and
ECB+ (ecbplus_events: 982 articles, two real events of the same kind per topic). Reports B-cubed
P/R/F1, pairwise P/R/F1, ARI and V-measure per method and cut; an article left out of every story
(no text) counts as a singleton. Settings are chosen on the Multi-News pile; ECB+ is the unseen set.

    .venv/bin/python eval/grouping.py [--distances 0.7,0.75,0.8,0.85,0.9] [--methods centroid,average] [--learned 0,0.2]
        [--sets multinews,ecbplus] [--data ../shared/data] [--limit N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

from sklearn.metrics import adjusted_rand_score, v_measure_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

from summarizer import Document  # noqa: E402
from summarizer.comparisons import load_dataset  # noqa: E402
from summarizer.stories import GROUPINGS, GroupingOptions, group_articles  # noqa: E402

SETS = ("multinews", "ecbplus")


def load(name: str, data: Path = DATA, *, limit: int | None = None) -> tuple[list[Document], list[str]]:
    """The articles of a labelled pile and each one's true story; `limit`: only the first stories."""
    documents, labels = [], []
    if name == "multinews":
        for cluster in load_dataset(data / "multinews_test_sample250")[:limit]:
            for document in cluster.documents:
                documents.append(document)
                labels.append(cluster.id)
        return documents, labels
    kept: list[str] = []
    for line in (data / "ecbplus_events" / "ecbplus.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        label = str(record["cluster"])
        if limit is not None and label not in kept:
            if len(kept) >= limit:
                continue
            kept.append(label)
        text = record["text"] or record["title"] or ""
        documents.append(Document(id=record["id"], text=text, title=record["title"] or None,
                                  source=record.get("source"), date=record.get("date")))  # fmt: skip
        labels.append(label)
    return documents, labels


def predicted_labels(groups: list[list[int]], count: int) -> list[int]:
    """Each of `count` items' group number; an item in no group (no text) is a singleton of its own."""
    predicted = list(range(count, 2 * count))
    for number, members in enumerate(groups):
        for member in members:
            predicted[member] = number
    return predicted


def publish(lines: list[str], out: Path, started: float) -> None:
    """End a report with its running time, write it to `out` and print it."""
    text = "\n".join([*lines, "", f"{time.perf_counter() - started:.0f} s on this machine."]) + "\n"
    out.write_text(text, encoding="utf-8")
    print(text)


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


def measure(
    name: str, *, data: Path = DATA, method: str = GroupingOptions.method, distance: float = GroupingOptions.distance,
    limit: int | None = None, jobs: int = 1, learned: float = GroupingOptions.learned,
) -> dict[str, float]:  # fmt: skip
    """Scores of the grouping `daily` makes of one labelled pile, with the number of articles and groups. With
    `learned` > 0 the learned vectors are used whatever the pile's size, at the cut `distance`."""
    documents, labels = load(name, data, limit=limit)
    options = GroupingOptions(
        method=method, distance=distance, learned=learned, learned_distance=distance, learn_from=0
    )
    groups = group_articles(documents, grouping=options, jobs=jobs)
    predicted = predicted_labels(groups, len(documents))
    return {**scores(labels, predicted), "articles": len(documents), "stories": len(set(labels)), "groups": len(groups)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--distances", default=f"{GroupingOptions().distance}")
    parser.add_argument("--methods", default=",".join(GROUPINGS), help="names of GROUPINGS")
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument(
        "--learned",
        default=f"{GroupingOptions().learned}",
        help="shares of similarity from vectors learned from the pile (comma-separated; 0: words only)",
    )
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--limit", type=int, help="only the first N stories of each set (a smoke test)")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"grouping: {args.data} is not present")
    print(f"# grouping — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `python {' '.join(sys.argv)}`\n")
    print("| set | method | learned | articles | stories | cut (1 - similarity) | groups | B³ P | B³ R | B³ F1 | pair P | pair R | pair F1 "
          "| ARI | V | seconds |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        for method, learned, distance in (
            (m, float(w), float(x))
            for m in args.methods.split(",")
            for w in args.learned.split(",")
            for x in args.distances.split(",")
        ):
            started = time.perf_counter()
            s = measure(name, data=args.data, method=method, distance=distance, limit=args.limit, learned=learned)
            seconds = time.perf_counter() - started
            print(f"| {name} | {method} | {learned:g} | {s['articles']} | {s['stories']} | {distance:.2f} | {s['groups']} | "
                  f"{s['b3p']:.3f} | {s['b3r']:.3f} | **{s['b3f']:.3f}** | {s['pp']:.3f} | {s['pr']:.3f} | "
                  f"{s['pf']:.3f} | **{s['ari']:.3f}** | {s['v']:.3f} | {seconds:.1f} |")  # fmt: skip


if __name__ == "__main__":
    main()
