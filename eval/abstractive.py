#!/usr/bin/env python3
"""Abstractive against extractive mode on a benchmark set, at its standard length.

Reports ROUGE (the set's standard settings, with 95% intervals), the share of
output bigrams that appear in no source article (novel bigrams), how many
sentences were fused or compressed, and how often the guard rejected every
fusion candidate of a group (so the extracted sentence stood).

    .venv/bin/python eval/abstractive.py ../shared/data/tac2011_multiling_en [--jobs 2]
"""

from __future__ import annotations

import argparse
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import itertools  # noqa: E402

from summarizer import summarize  # noqa: E402
from summarizer.abstractive import word_tokens  # noqa: E402
from summarizer.abstractive.grammar import link_parser  # noqa: E402
from summarizer.comparisons import load_dataset, rouge_settings, standard_settings  # noqa: E402
from summarizer.core.pipeline import prepare  # noqa: E402
from summarizer.evaluation import Scorer, corpus_from_results  # noqa: E402


def _bigrams(text: str) -> set[tuple[str, str]]:
    tokens = [t.lower() for t in word_tokens(text) if t[0].isalnum()]
    return set(itertools.pairwise(tokens))


def _run(job):
    cluster, words, mode, settings = job
    digest = summarize(cluster.documents, words=words, mode=mode, language="english")
    sentences = [s.text for s in digest.sentences]
    source = set()
    for document in cluster.documents:
        source |= _bigrams(document.text)
    produced = set()
    for sentence in sentences:
        produced |= _bigrams(sentence)
    novel = len(produced - source)
    fusion = digest.stats.get("fusion", {})
    examples = []
    if any(s.kind == "fused" for s in digest.sentences):
        text_of = {(u.document, u.index): u.text for u in prepare(cluster.documents, language="english", jobs=1).units}
        examples = [(s.text, [text_of.get((doc, index), "?") for doc, index in s.fused_from])
                    for s in digest.sentences if s.kind == "fused"]  # fmt: skip
    grammar = []  # per fused sentence: (parses completely, its best source does)
    parser = link_parser()
    if parser is not None:
        grammar = [(parser.parse(text) is not None, any(parser.parse(s) is not None for s in sources))
                   for text, sources in examples]  # fmt: skip
    return (
        cluster.id,
        mode,
        Scorer(settings).score(sentences, list(cluster.references)),
        novel,
        len(produced),
        fusion,
        [s.kind for s in digest.sentences],
        digest.word_count,
        examples,
        grammar,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dataset")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    clusters = load_dataset(args.dataset)
    standard = standard_settings(args.dataset)
    settings = rouge_settings(standard)
    jobs = [(c, standard.words, mode, settings) for mode in ("extractive", "abstractive") for c in clusters]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(_run, jobs, chunksize=4))
    measure = "recall" if standard.measure == "recall" else "f"
    print(
        f"# abstractive vs extractive — {Path(args.dataset).name}, {len(clusters)} clusters, "
        f"{standard.words} words — {time.strftime('%Y-%m-%d')}"
    )
    print(f"command: python {' '.join(sys.argv)}\n")
    metrics = [m.name for m in settings.parsed_metrics]
    print(
        "| mode | " + " | ".join(f"{m} {measure} [95% CI]" for m in metrics) + " | novel bigrams | "
        "sentences fused / compressed / extracted | groups tried | guard fell back |"
    )
    print("|---|" + "---|" * (len(metrics) + 4))
    for mode in ("extractive", "abstractive"):
        mine = [r for r in results if r[1] == mode]
        corpus = corpus_from_results(settings, [(r[0], r[2]) for r in mine])
        cells = []
        for metric in metrics:
            value = getattr(corpus.aggregate.average[metric], measure)
            interval = corpus.aggregate.confidence[metric].get(measure)
            cells.append(f"{value:.4f} [{interval.low:.4f}, {interval.high:.4f}]")
        novel = sum(r[3] for r in mine) / max(sum(r[4] for r in mine), 1)
        kinds = [k for r in mine for k in r[6]]
        groups = sum(r[5].get("groups", 0) for r in mine)
        fallbacks = sum(r[5].get("guard_fallbacks", 0) for r in mine)
        fell_back = f"{fallbacks} ({fallbacks / groups:.0%})" if groups else "—"
        print(
            f"| {mode} | " + " | ".join(cells) + f" | {novel:.2%} | {kinds.count('fused')} / "
            f"{kinds.count('compressed')} / {kinds.count('extracted')} | {groups} | {fell_back} |"
        )
    print(f"\nsignature: `{settings.signature()}`\n")
    for mode in ("extractive", "abstractive"):
        mine = [r for r in results if r[1] == mode]
        with_fused = sum(1 for r in mine if "fused" in r[6])
        words = sum(r[7] for r in mine) / max(len(mine), 1)
        print(f"- {mode}: {with_fused} of {len(mine)} digests contain a fused sentence; "
              f"{words:.1f} words per digest (budget {standard.words})")  # fmt: skip
    checked = [g for r in results if r[1] == "abstractive" for g in r[9]]
    if checked:
        no_worse = sum(1 for parses, source_parses in checked if parses or not source_parses)
        check = next(r[5].get("grammar", "?") for r in results if r[1] == "abstractive")
        print(f"- grammar ({check}): {no_worse} of {len(checked)} fused sentences parse no worse than "
              f"their best source (complete parse, or none of the sources parses completely)")  # fmt: skip
    examples = [(r[0], text, sources) for r in results if r[1] == "abstractive" for text, sources in r[8]]
    print(f"\n## Ten fused sentences and their sources (of {len(examples)})\n")
    for cluster_id, text, sources in examples[:10]:
        print(f"**{cluster_id}** fused: {text}\n")
        print("".join(f"> source: {source}\n>\n" for source in sources))


if __name__ == "__main__":
    main()
