#!/usr/bin/env python3
"""ROUGE speed: our evaluation module against rouge-score and the ROUGE-1.5.5 Perl.

1,000 pairs: a summary of about 400 words (one sentence per line) against 4
references of about 400 words each, built from the articles in ../shared/data.
Metrics ROUGE-1, ROUGE-2, ROUGE-L (summary level; rouge-score's rougeLsum) and
ROUGE-SU4 (rouge-score has no SU4, so it is timed on the other three), stemming on.

Our rouge-score mode must give identical numbers to rouge-score where both
compute them; the script checks every pair and says so. The Perl runs on a
subset (it is slow) and is reported in pairs per second.

    .venv/bin/python eval/bench_rouge.py [--pairs 1000] [--perl-pairs 100] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
sys.path.insert(0, str(ROOT))


def passages(data: Path = DATA, words_per_passage: int = 400) -> list[list[str]]:
    """~400-word runs of whole sentences from the benchmark articles."""
    from summarizer import Document
    from summarizer.core.clean import clean
    from summarizer.core.segment import split_document

    out: list[list[str]] = []
    for folder in ("multinews_test_sample250", "tac2011_multiling_en"):
        for path in sorted((data / folder).glob("*.json")):
            for record in json.loads(path.read_text(encoding="utf-8"))["documents"]:
                sentences = [s for _, s in split_document(clean(Document(id="x", text=record["text"])).paragraphs)]
                current: list[str] = []
                count = 0
                for sentence in sentences:
                    current.append(sentence)
                    count += len(sentence.split())
                    if count >= words_per_passage:
                        out.append(current)
                        current, count = [], 0
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=1000)
    parser.add_argument("--perl-pairs", type=int, default=100)
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"bench_rouge: {args.data} is not present")
    pool = passages(args.data)
    rng = random.Random(0)
    pairs = []
    for _ in range(args.pairs):
        chosen = rng.sample(range(len(pool)), 5)
        pairs.append(("\n".join(pool[chosen[0]]), ["\n".join(pool[i]) for i in chosen[1:]]))
    words = sum(len(p[0].split()) for p in pairs) / len(pairs)
    print(f"# bench_rouge — {time.strftime('%Y-%m-%d')}")
    print(f"command: python {' '.join(sys.argv)}\n")
    print(f"{len(pairs)} pairs, summary {words:.0f} words on average, 4 references each, stemming on\n")

    from rouge_score import rouge_scorer

    from summarizer.evaluation import RougeSettings, Scorer

    theirs = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
    started = time.perf_counter()
    expected = [theirs.score_multi(refs, summary) for summary, refs in pairs]
    rouge_score_seconds = time.perf_counter() - started

    ours_three = Scorer(
        RougeSettings(compat="rouge-score", stem=True, metrics=("rouge-1", "rouge-2", "rouge-l"), resamples=0)
    )
    ours_four = Scorer(
        RougeSettings(
            compat="rouge-score", stem=True, metrics=("rouge-1", "rouge-2", "rouge-l", "rouge-su4"), resamples=0
        )
    )
    ours_perl = Scorer(
        RougeSettings(compat="rouge155", stem=True, metrics=("rouge-1", "rouge-2", "rouge-l", "rouge-su4"), resamples=0)
    )
    started = time.perf_counter()
    ours_three.score(*pairs[0])  # first call loads the compiled LCS from numba's cache
    warm_up = time.perf_counter() - started

    timings = {}
    results = None
    for name, scorer in (("three", ours_three), ("four", ours_four), ("rouge155", ours_perl)):
        started = time.perf_counter()
        got = [scorer.score(summary, refs) for summary, refs in pairs]
        timings[name] = time.perf_counter() - started
        if name == "three":
            results = got
    mismatches = 0
    for got, exp in zip(results, expected):
        for ours_name, their_name in (("rouge-1", "rouge1"), ("rouge-2", "rouge2"), ("rouge-l", "rougeLsum")):
            g, e = got.scores[ours_name], exp[their_name]
            if (g.recall, g.precision, g.f) != (e.recall, e.precision, e.fmeasure):
                mismatches += 1

    perl_rate = None
    sys.path.insert(0, str(ROOT / "tests"))
    try:
        from perl_rouge import perl_problem, run_perl

        if perl_problem() is None and args.perl_pairs:
            subset = [(s.split("\n"), [r.split("\n") for r in refs]) for s, refs in pairs[: args.perl_pairs]]
            run_perl(subset[:1], "-n 2 -m -2 4 -u -f A -p 0.5 -t 0 -r 1")  # builds the exception database
            started = time.perf_counter()
            run_perl(subset, "-n 2 -m -2 4 -u -f A -p 0.5 -t 0 -r 1")
            perl_rate = len(subset) / (time.perf_counter() - started)
        elif args.perl_pairs:
            print(f"(Perl not run: {perl_problem()})")
    except ImportError:
        print("(Perl helper not found)")

    n = len(pairs)
    print("| scorer | metrics | seconds | pairs per second | ratio to rouge-score |")
    print("|---|---|---|---|---|")
    print(
        f"| rouge-score 0.1.2 | R-1, R-2, R-Lsum | {rouge_score_seconds:.1f} | {n / rouge_score_seconds:.1f} | 1.0x |"
    )
    for name, label in (("three", "R-1, R-2, R-L"), ("four", "R-1, R-2, R-L, SU4"), ("rouge155", "R-1, R-2, R-L, SU4")):
        mode = "ours, rouge155 mode" if name == "rouge155" else "ours, rouge-score mode"
        seconds = timings[name]
        print(f"| {mode} | {label} | {seconds:.2f} | {n / seconds:.0f} | {rouge_score_seconds / seconds:.0f}x |")
    if perl_rate:
        print(
            f"| ROUGE-1.5.5 Perl ({args.perl_pairs} pairs, -r 1) | R-1, R-2, R-L, SU4 | "
            f"{args.perl_pairs / perl_rate:.1f} | {perl_rate:.1f} | {perl_rate / (n / rouge_score_seconds):.1f}x |"
        )
    print(f"\nfirst call (loads the compiled LCS): {warm_up:.2f} s, not counted above")
    print(f"pairs whose R-1, R-2, R-L numbers differ from rouge-score's: {mismatches} of {n}")


if __name__ == "__main__":
    main()
