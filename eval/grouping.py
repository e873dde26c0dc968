#!/usr/bin/env python3
"""Story grouping quality: pile up every article of a dataset and regroup them.

The true story of each article is its cluster in ../shared/data. Reports the
adjusted Rand index and V-measure (scikit-learn's definitions) for each
grouping method and cut, so the default can be chosen on evidence.

    .venv/bin/python eval/grouping.py ../shared/data/multinews_test_sample250 ../shared/data/tac2011_multiling_en \
        [--methods average,incremental] [--distances 0.7,0.75,0.8,0.85,0.9]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from sklearn.metrics import adjusted_rand_score, v_measure_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.clean import clean  # noqa: E402
from summarizer.comparisons.datasets import load_dataset  # noqa: E402
from summarizer.stories import GroupingOptions, article_vectors, group_articles  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("datasets", nargs="+")
    parser.add_argument("--methods", default="average,incremental")
    parser.add_argument("--distances", default=f"{GroupingOptions().distance}")
    args = parser.parse_args()
    print(f"# grouping — {time.strftime('%Y-%m-%d')}")
    print(f"command: python {' '.join(sys.argv)}\n")
    print("| dataset | articles | stories | method | cut (1 - cosine) | groups | ARI | V-measure | seconds |")
    print("|---|---|---|---|---|---|---|---|---|")
    for path in args.datasets:
        clusters = load_dataset(path)
        documents, labels = [], []
        for cluster in clusters:
            for document in cluster.documents:
                documents.append(document)
                labels.append(cluster.id)
        started = time.perf_counter()
        cleaned = [clean(d) for d in documents]
        vectors = article_vectors(cleaned)
        prepare_seconds = time.perf_counter() - started
        for method in args.methods.split(","):
            for distance in (float(x) for x in args.distances.split(",")):
                started = time.perf_counter()
                groups = group_articles(vectors, GroupingOptions(method=method, distance=distance))
                seconds = prepare_seconds + time.perf_counter() - started
                predicted = [0] * len(documents)
                for number, members in enumerate(groups):
                    for index in members:
                        predicted[index] = number
                print(
                    f"| {Path(path).name} | {len(documents)} | {len(clusters)} | {method} | {distance:.2f} | "
                    f"{len(groups)} | {adjusted_rand_score(labels, predicted):.4f} | "
                    f"{v_measure_score(labels, predicted):.4f} | {seconds:.1f} |"
                )


if __name__ == "__main__":
    main()
