#!/usr/bin/env python3
"""Versions of one story (copies, updated wire stories): which rule keeps which sentences, measured.

Every rule of `summarizer.core.versions.VERSION_RULES` (and, for `merge`, several thresholds at which two
versions' sentences count as one edited sentence) on the benchmark sets at their standard settings:
the mean over clusters of the reported ROUGE measure, how many digests differ from the default rule's,
and how many versions the sets hold. DUC 2003 (wire services' several versions of a story) is the set
to choose on; TAC 2011 and the Multi-News sample have almost none and must not lose.

    .venv/bin/python eval/versions.py [--sets duc2003_task2,tac2011_multiling_en,multinews_test_sample250]
        [--thresholds 0.6,0.7,0.8,0.9] [--data ../shared/data] [--limit N] [--jobs 2]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

from summarizer import DigestOptions, summarize  # noqa: E402
from summarizer.comparisons import Cluster, load_dataset, rouge_settings, standard_settings  # noqa: E402
from summarizer.evaluation import Scorer  # noqa: E402

SETS = ("duc2003_task2", "tac2011_multiling_en", "multinews_test_sample250")
METRICS = ("rouge-1", "rouge-2", "rouge-su4")


def _run(job: tuple[str, Cluster, str, float]) -> tuple[list[str], dict[str, float], int]:
    folder, cluster, rule, threshold = job
    standard = standard_settings(folder)
    options = DigestOptions(words=standard.words, language="english", versions=rule, edited_sentence=threshold)
    digest = summarize(list(cluster.documents), options=options, jobs=1)
    sentences = [s.text for s in digest.sentences]
    key = "recall" if standard.measure == "recall" else "f"
    scores = Scorer(rouge_settings(standard, resamples=0)).score(sentences, list(cluster.references)).scores
    versions = sum(1 for d in digest.documents if d.copy_of)
    return sentences, {m: getattr(scores[m], key) for m in METRICS}, versions


def measure(
    folder: str, *, data: Path = DATA, thresholds: tuple[float, ...] = (0.8,), limit: int | None = None, jobs: int = 1
) -> list[dict]:
    """One row per rule (and threshold): mean scores, digests that differ from the default's, versions found."""
    clusters = load_dataset(data / folder)[:limit]
    variants = [("merge", t) for t in thresholds] + [("first", 0.8), ("separate", 0.8)]
    work = [(folder, c, rule, t) for rule, t in variants for c in clusters]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_run, work, chunksize=4))
    else:
        results = [_run(job) for job in work]
    by_variant = {v: results[k * len(clusters) : (k + 1) * len(clusters)] for k, v in enumerate(variants)}
    default = by_variant.get(("merge", DigestOptions().edited_sentence)) or by_variant[variants[0]]
    rows = []
    for (rule, threshold), runs in by_variant.items():
        rows.append({
            "set": folder, "rule": rule, "threshold": threshold if rule == "merge" else None,
            **{m: statistics.fmean(r[1][m] for r in runs) for m in METRICS},
            "changed": sum(r[0] != d[0] for r, d in zip(runs, default)),
            "versions": sum(r[2] for r in runs), "clusters": len(runs),
        })  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--thresholds", default="0.6,0.7,0.8,0.9")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--limit", type=int, help="only the first N clusters of each set (a smoke test)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"versions: {args.data} is not present")
    thresholds = tuple(float(t) for t in args.thresholds.split(","))
    started = time.perf_counter()
    rows = [row for folder in args.sets.split(",") for row in
            measure(folder, data=args.data, thresholds=thresholds, limit=args.limit, jobs=args.jobs)]  # fmt: skip
    print(f"# versions of one story — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `python {' '.join(sys.argv)}`; {time.perf_counter() - started:.0f} s. Scores are means over "
          "clusters of each set's reported measure (×100); `changed`: digests that differ from the default "
          f"rule's (merge at {DigestOptions().edited_sentence}); `versions`: documents counted as a version of "
          "another.\n")  # fmt: skip
    print("| set | rule | edited sentence at | ROUGE-1 | ROUGE-2 | ROUGE-SU4 | changed | versions |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        threshold = "—" if r["threshold"] is None else f"{r['threshold']:.1f}"
        print(f"| {r['set']} | {r['rule']} | {threshold} | {100 * r['rouge-1']:.2f} | **{100 * r['rouge-2']:.2f}** | "
              f"{100 * r['rouge-su4']:.2f} | {r['changed']} of {r['clusters']} | {r['versions']} |")  # fmt: skip


if __name__ == "__main__":
    main()
