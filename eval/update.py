#!/usr/bin/env python3
"""What is new since the last digest: DUC 2007 update sets, generic digest against --query and --seen.

Each topic is followed over three sets, A, then B, then C; a reader of B has read A, a reader of
C has read A and B. For every set: our generic 100-word digest, and the digest focused on the
topic statement (`query`: title and narrative) that leaves out what the earlier sets said
(`seen`). Scored as NIST scored the task, ROUGE-1.5.5 `-n 2 -m -2 4 -u -l 100`, recall, through
our rouge155 mode, jackknifed over the four references (the mean of the scores against each
three of them). Anchors (README of the data): best participant ROUGE-2 0.1056 (B), 0.1043 (C).

    .venv/bin/python eval/update.py [--data ../shared/data] [--topics N] [--jobs 2]
"""

from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

from summarizer import DigestOptions, Document, NothingNew, summarize  # noqa: E402
from summarizer.evaluation import Scorer, settings_from_perl_flags  # noqa: E402

METRICS = ("rouge-1", "rouge-2", "rouge-su4")
SYSTEMS = ("generic", "query", "query + seen")


def documents_of(data: dict) -> list[Document]:
    return [Document(id=d["id"], text=d["text"], title=d.get("title"), date=d.get("date")) for d in data["documents"]]


def jackknifed(scorer: Scorer, summary: list[str], references: list[str]) -> dict[str, float]:
    totals = dict.fromkeys(METRICS, 0.0)
    subsets = list(combinations(references, len(references) - 1)) if len(references) > 1 else [tuple(references)]
    for subset in subsets:
        scores = scorer.score(summary, list(subset)).scores
        for metric in METRICS:
            totals[metric] += scores[metric].recall
    return {m: v / len(subsets) for m, v in totals.items()}


def _score_set(job: tuple[dict, list[Document], dict]) -> list[tuple[str, str, dict[str, float]]]:
    data, seen, tried = job
    scorer = Scorer(settings_from_perl_flags("-n 2 -m -2 4 -u -l 100", resamples=0))
    query = f"{data['query']['title']}. {data['query']['narrative']}"
    systems = {"generic": {}, "query": {"query": query}, "query + seen": {"query": query, "seen": seen}}
    rows = []
    for system, options in systems.items():
        try:
            digest = summarize(documents_of(data), words=100, language="english", options=DigestOptions(**tried),
                               **options)  # fmt: skip
            sentences = [s.text for s in digest.sentences]
        except NothingNew:  # an update that says there is nothing new: an empty summary
            sentences = []
        scores = jackknifed(scorer, sentences, data["references"])
        rows.append((system, data["meta"]["subset"], scores))
    return rows


def measure(data: Path = DATA, *, tried: dict | None = None, topics: int | None = None, jobs: int = 1) -> dict:
    """(system, subset) -> mean ROUGE recall over the sets; `tried`: DigestOptions fields to try."""
    sets = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((data / "duc2007_update").glob("*.json"))}
    chosen = sorted({name.split("-")[0] for name in sets})[:topics]
    work = [(record, [d for earlier in record["meta"].get("earlier", []) for d in documents_of(sets[earlier])],
             tried or {}) for name, record in sets.items() if name.split("-")[0] in chosen]  # fmt: skip
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            results = list(pool.map(_score_set, work))
    else:
        results = [_score_set(job) for job in work]
    rows: dict[tuple[str, str], list[dict[str, float]]] = {}
    for system, subset, scores in (row for result in results for row in result):
        rows.setdefault((system, subset), []).append(scores)
    return {key: {"sets": len(scores), **{m: sum(s[m] for s in scores) / len(scores) for m in METRICS}}
            for key, scores in rows.items()}  # fmt: skip


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--query-weight", type=float, default=None, help="DigestOptions.query_weight to try")
    parser.add_argument("--seen-weight", type=float, default=None, help="DigestOptions.seen_weight to try")
    parser.add_argument("--redundancy", type=float, default=None)
    parser.add_argument("--similarity", default=None, help="DigestOptions.similarity to try (e.g. hybrid)")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--topics", type=int, help="only the first N topics (a smoke test)")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    tried = {k: v for k, v in (("query_weight", args.query_weight), ("seen_weight", args.seen_weight),
                               ("redundancy", args.redundancy), ("similarity", args.similarity)) if v is not None}  # fmt: skip
    if not (args.data / "duc2007_update").is_dir():
        sys.exit(f"update: {args.data / 'duc2007_update'} is not present")
    rows = measure(args.data, tried=tried, topics=args.topics, jobs=args.jobs)
    print(f"# update digests on DUC 2007 — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `python {' '.join(sys.argv)}`; ROUGE-1.5.5 -n 2 -m -2 4 -u -l 100, recall, jackknifed\n")
    print("| system | set | sets | ROUGE-1 | ROUGE-2 | ROUGE-SU4 |")
    print("|---|---|---|---|---|---|")
    for (system, subset), means in sorted(rows.items(), key=lambda kv: (kv[0][1], kv[0][0])):
        print(f"| {system} | {subset} | {means['sets']} | {means['rouge-1']:.4f} | {means['rouge-2']:.4f} | "
              f"{means['rouge-su4']:.4f} |")  # fmt: skip


if __name__ == "__main__":
    main()
