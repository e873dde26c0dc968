#!/usr/bin/env python3
"""ROUGE of our systems, sumy's and `lead` on a benchmark set at its standard length.

Every system gets the same cleaned, segmented sentences and the same word
budget (filled in rank order, never exceeded). Scores come from Google's
`rouge-score` package (per reference, then averaged over references and
clusters); `summarizer compare` will replace this once the evaluation module
reproduces ROUGE-1.5.5.

    .venv/bin/python eval/quality.py ../shared/data/tac2011_multiling_en \
        --systems textrank,textrank-coverage,textrank-bm25,textrank-overlap,lexrank,sumy-textrank,sumy-lexrank,lead
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from rouge_score import rouge_scorer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer import Budget  # noqa: E402
from summarizer.comparisons import get_system, load_dataset, standard_settings  # noqa: E402

METRICS = ("rouge1", "rouge2", "rougeLsum")
_CLUSTERS = []


def _init(path: str) -> None:
    _CLUSTERS.extend(load_dataset(path))


def _score(job: tuple[str, int, int, bool]) -> tuple[str, dict[str, float]]:
    name, index, words, stem = job
    cluster = _CLUSTERS[index]
    started = time.perf_counter()
    sentences = get_system(name)(cluster.documents, budget=Budget(words=words))
    seconds = time.perf_counter() - started
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=stem)
    summary = "\n".join(sentences)
    per_reference = [scorer.score(reference, summary) for reference in cluster.references]
    row = {"seconds": seconds}
    for metric in METRICS:
        row[f"{metric}_recall"] = statistics.mean(s[metric].recall for s in per_reference)
        row[f"{metric}_f"] = statistics.mean(s[metric].fmeasure for s in per_reference)
    return name, row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset")
    parser.add_argument("--systems", default="textrank,sumy-textrank,sumy-lexrank,lead")
    parser.add_argument("--words", type=int, help="word budget (default: the set's standard length)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    settings = standard_settings(args.dataset)
    words = args.words or settings.words
    clusters = load_dataset(args.dataset)
    systems = args.systems.split(",")
    jobs = [(name, i, words, settings.stem) for name in systems for i in range(len(clusters))]
    with ProcessPoolExecutor(args.jobs, initializer=_init, initargs=(args.dataset,)) as pool:
        results = list(pool.map(_score, jobs, chunksize=4))
    print(
        f"# {Path(args.dataset).name}: {len(clusters)} clusters, {words} words, "
        f"rouge-score {'with' if settings.stem else 'without'} stemming"
    )
    print(f"command: {' '.join(['python', *sys.argv])}\n")
    header = [f"{m} {k}" for m in ("R-1", "R-2", "R-Lsum") for k in ("R", "F")]
    print("| system | " + " | ".join(header) + " | s/cluster |")
    print("|---|" + "---|" * (len(header) + 1))
    for name in systems:
        rows = [r for n, r in results if n == name]
        cells = [f"{statistics.mean(r[f'{m}_{k}'] for r in rows):.4f}" for m in METRICS for k in ("recall", "f")]
        print(f"| {name} | " + " | ".join(cells) + f" | {statistics.mean(r['seconds'] for r in rows):.3f} |")


if __name__ == "__main__":
    main()
