#!/usr/bin/env python3
"""Versions of one story (copies, updated wire stories): how much another version's wording weighs, measured.

Every rule of `summarizer.core.versions.VERSION_RULES` on the benchmark sets at their standard settings: `merge`
(one outlet; every sentence kept as evidence; a sentence another version repeats is shown once) at each ranking
weight of the repeats (0: as if they were deleted, the rule before issue 35; 1: as much as a sentence of its
own) and each threshold at which two versions' sentences count as one edited sentence, and `separate` (every
version an article of its own). For each: the mean over clusters of the reported ROUGE measure, how many digests
differ from the default settings', and how many versions the sets hold.

The weight is chosen on DUC 2003, TAC 2011 and the Multi-News sample together: no loss on any of them
against the weight-0 rule. DUC 2003 is the only one of the three with many versions (30 in 20 clusters; TAC
none, Multi-News 2); a second newswire set with versions is held out and checked by the maintainers.

    .venv/bin/python eval/versions.py [--sets duc2003_task2,tac2011_multiling_en,multinews_test_sample250]
        [--weights 0,0.25,0.5,0.75,1] [--priors 0,0.5,1,2,3] [--thresholds 0.8] [--data ../shared/data] [--limit N]
        [--jobs 2]
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
from summarizer.core.versions import VERSION_RULES  # noqa: E402
from summarizer.evaluation import Scorer  # noqa: E402

SETS = ("duc2003_task2", "tac2011_multiling_en", "multinews_test_sample250")
METRICS = ("rouge-1", "rouge-2", "rouge-su4")

Variant = tuple[str, float, float, float]  # rule, edited-sentence threshold, repeat weight, version prior


def _run(job: tuple[str, Cluster, Variant]) -> tuple[list[str], dict[str, float], int]:
    folder, cluster, (rule, threshold, weight, prior) = job
    standard = standard_settings(folder)
    options = DigestOptions(words=standard.words, language="english", versions=rule, edited_sentence=threshold,
                            repeat_weight=weight, version_prior=prior)  # fmt: skip
    digest = summarize(list(cluster.documents), options=options, jobs=1)
    sentences = [s.text for s in digest.sentences]
    key = "recall" if standard.measure == "recall" else "f"
    scores = Scorer(rouge_settings(standard, resamples=0)).score(sentences, list(cluster.references)).scores
    versions = sum(1 for d in digest.documents if d.copy_of)
    return sentences, {m: getattr(scores[m], key) for m in METRICS}, versions


def variants_of(
    weights: tuple[float, ...], thresholds: tuple[float, ...], priors: tuple[float, ...] = (0.0,)
) -> list[Variant]:
    """Every rule: `merge` at each threshold, at each repeat weight with no version prior and at each version
    prior with repeats weighing 0 (the two ways the repetition enters the ranking, each alone), every other rule
    once (weight and prior play no part)."""
    default = DigestOptions()
    merged = [("merge", t, w, 0.0) for t in thresholds for w in weights]
    merged += [("merge", t, 0.0, p) for t in thresholds for p in priors if ("merge", t, 0.0, p) not in merged]
    return merged + [
        (rule, default.edited_sentence, default.repeat_weight, default.version_prior)
        for rule in VERSION_RULES
        if rule != "merge"
    ]


def measure(
    folder: str,
    *,
    data: Path = DATA,
    weights: tuple[float, ...] = (0.0, 1.0),
    thresholds: tuple[float, ...] = (0.8,),
    priors: tuple[float, ...] = (0.0,),
    limit: int | None = None,
    jobs: int = 1,
) -> list[dict]:
    """One row per variant: mean scores, digests that differ from the default's, versions found."""
    clusters = load_dataset(data / folder)[:limit]
    variants = variants_of(weights, thresholds, priors)
    work = [(folder, c, v) for v in variants for c in clusters]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_run, work, chunksize=4))
    else:
        results = [_run(job) for job in work]
    by_variant = {v: results[k * len(clusters) : (k + 1) * len(clusters)] for k, v in enumerate(variants)}
    options = DigestOptions()
    standard = ("merge", options.edited_sentence, options.repeat_weight, options.version_prior)
    default = by_variant.get(standard) or by_variant[variants[0]]
    rows = []
    for (rule, threshold, weight, prior), runs in by_variant.items():
        rows.append({
            "set": folder, "rule": rule, "threshold": threshold if rule == "merge" else None,
            "weight": weight if rule == "merge" else None, "prior": prior if rule == "merge" else None,
            **{m: statistics.fmean(r[1][m] for r in runs) for m in METRICS},
            "changed": sum(r[0] != d[0] for r, d in zip(runs, default)),
            "versions": sum(r[2] for r in runs), "clusters": len(runs),
        })  # fmt: skip
    return rows


def _numbers(text: str) -> tuple[float, ...]:
    return tuple(float(t) for t in text.split(","))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--weights", default="0,0.25,0.5,0.75,1", help="ranking weights of the repeats")
    parser.add_argument("--thresholds", default="0.8", help="edited-sentence thresholds")
    parser.add_argument("--priors", default="0,0.5,1,2,3", help="version priors (teleport evidence of repetition)")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--limit", type=int, help="only the first N clusters of each set (a smoke test)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"versions: {args.data} is not present")
    started = time.perf_counter()
    rows = [row for folder in args.sets.split(",") for row in
            measure(folder, data=args.data, weights=_numbers(args.weights), thresholds=_numbers(args.thresholds),
                    priors=_numbers(args.priors), limit=args.limit, jobs=args.jobs)]  # fmt: skip
    default = DigestOptions()
    print(f"# versions of one story — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `python {' '.join(sys.argv)}`; {time.perf_counter() - started:.0f} s. Scores are means over "
          "clusters of each set's reported measure (×100); `changed`: digests that differ from the default "
          f"settings' (merge, edited sentence at {default.edited_sentence}, repeats weighing "
          f"{default.repeat_weight}, version prior {default.version_prior}); `versions`: documents counted as a "
          "version of another.\n")  # fmt: skip
    print("| set | rule | edited sentence at | repeat weight | version prior | ROUGE-1 | ROUGE-2 | ROUGE-SU4 | changed "
          "| versions |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        threshold = "—" if r["threshold"] is None else f"{r['threshold']:.2f}"
        weight = "—" if r["weight"] is None else f"{r['weight']:.2f}"
        prior = "—" if r["prior"] is None else f"{r['prior']:.2f}"
        print(f"| {r['set']} | {r['rule']} | {threshold} | {weight} | {prior} | {100 * r['rouge-1']:.2f} | "
              f"**{100 * r['rouge-2']:.2f}** | {100 * r['rouge-su4']:.2f} | {r['changed']} of {r['clusters']} | "
              f"{r['versions']} |")  # fmt: skip


if __name__ == "__main__":
    main()
