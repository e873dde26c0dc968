#!/usr/bin/env python3
"""Speed and memory: `summarizer digest` against sumy's TextRank, and how we scale.

Part 1 runs both tools as whole processes (interpreter start, imports, reading,
summarising, printing) on the same articles, about 1,200 sentences, and prints
the ratio. sumy cannot split sentences offline on its own (it needs NLTK's
punkt data), so it gets the same offline Punkt splitter and NLTK's data-free
word tokenizer, which is how a user makes it run at all.

Part 2 runs `summarizer digest` on growing inputs up to about 100,000 sentences
and prints wall time and peak memory (the main process and its largest worker).

Articles come from ../shared/data (Multi-News and TAC 2011); to reach large sizes
the articles are repeated under new ids.

    .venv/bin/python eval/bench_speed.py [--sizes 1200,5000,20000,50000,100000] [--repeat 3] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
PYTHON = sys.executable

SUMY_SCRIPT = r"""
import sys
from pathlib import Path
from nltk.tokenize import NLTKWordTokenizer
from sumy.parsers.plaintext import PlaintextParser
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words
import punkt

class OfflineTokenizer:
    language = "english"
    def __init__(self):
        self._sentences = punkt.PunktSentenceTokenizer(punkt.load_model("english"))
        self._words = NLTKWordTokenizer()
    def to_sentences(self, paragraph):
        return tuple(self._sentences.tokenize(paragraph))
    def to_words(self, sentence):
        return tuple(w for w in self._words.tokenize(sentence) if any(c.isalnum() for c in w))

text = "\n\n".join(p.read_text(encoding="utf-8") for p in sorted(Path(sys.argv[1]).iterdir()))
parser = PlaintextParser.from_string(text, OfflineTokenizer())
summarizer = TextRankSummarizer(Stemmer("english"))
summarizer.stop_words = get_stop_words("english")
for sentence in summarizer(parser.document, 7):
    print(sentence)
"""


def load_articles(data: Path = DATA) -> list[str]:
    if not data.is_dir():
        sys.exit(f"bench_speed: {data} is not present; it holds the articles this benchmark uses")
    texts = []
    for folder in ("multinews_test_sample250", "tac2011_multiling_en"):
        for path in sorted((data / folder).glob("*.json")):
            texts.extend(d["text"] for d in json.loads(path.read_text(encoding="utf-8"))["documents"])
    return texts


def count_sentences(texts: list[str]) -> int:
    from summarizer import Document
    from summarizer.core.clean import clean
    from summarizer.core.segment import split_document

    return sum(len(split_document(clean(Document(id="x", text=t)).paragraphs)) for t in texts)


def write_input(folder: Path, texts: list[str], target: int, per_article: float) -> int:
    """Write articles until ~target sentences; past the first pass each copy keeps a seeded two thirds
    of its sentences, so that copies are distinct articles, not duplicates the digest counts once."""
    import random

    rng = random.Random(target)
    needed = max(1, round(target / per_article))
    for number in range(needed):
        text = texts[number % len(texts)]
        if number >= len(texts):
            sentences = text.replace("\n", " ").split(". ")
            text = ". ".join(s for s in sentences if rng.random() < 0.65) or text
        (folder / f"article_{number:06d}.txt").write_text(text, encoding="utf-8")
    return needed


def run(command: list[str]) -> tuple[float, float, str]:
    """Wall seconds, peak RSS in MB of the largest process, and stdout."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(f"bench_speed: {' '.join(command[:3])} failed: {result.stderr.strip()[-500:]}")
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return elapsed, max(peak, before) / 1024, result.stdout


def startup(repeat: int) -> None:
    """Part 0: a command on tiny input against the floor of importing numpy and scipy.sparse."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "three.txt").write_text(
            "Russia and Ukraine agreed to talks on Monday. The meeting will be held in Istanbul next week. "
            "Officials said the agenda is open.\n",
            encoding="utf-8",
        )
        (folder / "summary.txt").write_text("The cat sat on the mat.\nIt was happy.\n", encoding="utf-8")
        (folder / "reference.txt").write_text("A cat sat on a mat.\nThe cat was happy.\n", encoding="utf-8")
        commands = {
            "floor: python -c 'import numpy, scipy.sparse'": [PYTHON, "-c", "import numpy, scipy.sparse"],
            "summarizer digest (three sentences)": [
                PYTHON,
                "-m",
                "summarizer.cli",
                "digest",
                str(folder / "three.txt"),
            ],
            "summarizer eval (one pair)": [
                PYTHON,
                "-m",
                "summarizer.cli",
                "eval",
                "--summary",
                str(folder / "summary.txt"),
                "--reference",
                str(folder / "reference.txt"),
            ],
        }
        for command in commands.values():
            run(command)  # warm the disk caches (numba's, wordfreq's) once
        times = {name: [] for name in commands}
        for _ in range(repeat):  # interleaved, so load on the machine hits every command alike
            for name, command in commands.items():
                times[name].append(run(command)[0])
    floor = statistics.median(next(iter(times.values())))
    print(f"## Part 0: start-up, median of {repeat} interleaved runs\n")
    print("| command | median seconds | × floor |")
    print("|---|---|---|")
    for name, values in times.items():
        print(f"| {name} | {statistics.median(values):.3f} | {statistics.median(values) / floor:.2f} |")
    print()


def in_process(folder: Path) -> None:
    """Part 1b: ranking and selection in one process, ours against sumy's TextRank on the same sentences."""
    import cProfile
    import io
    import pstats

    import numpy as np
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    from summarizer import Budget, DigestOptions, load_paths
    from summarizer.comparisons import OfflineSumyTokenizer
    from summarizer.core.pipeline import prepare
    from summarizer.core.rank import rank
    from summarizer.core.represent import build_term_space, similarity_matrix
    from summarizer.core.select import select
    from summarizer.text import stemmer

    options = DigestOptions()
    prepared = prepare(load_paths([str(folder)]).documents, language="english", jobs=1)
    units = prepared.units

    def ours() -> None:
        space = build_term_space(units, stem=stemmer("english"))
        graph = similarity_matrix(space, options.similarity, neighbours=options.neighbours)
        scores, _ = rank(
            graph,
            indices=np.asarray([u.index for u in units]),
            position_prior=options.position_prior,
            damping=options.damping,
            tolerance=options.tolerance,
            max_iterations=options.max_iterations,
        )
        select(
            units,
            scores,
            space.tfidf(),
            budget=Budget(sentences=7),
            method=options.selection,
            diversity=options.diversity,
            redundancy=options.redundancy,
            graph=graph,
        )

    tokenizer = OfflineSumyTokenizer()
    paragraphs = [
        Paragraph([Sentence(u.text, tokenizer) for u in units if u.doc_order == d])
        for d in sorted({u.doc_order for u in units})
    ]
    document = ObjectDocumentModel(paragraphs)
    textrank = TextRankSummarizer(Stemmer("english"))
    textrank.stop_words = get_stop_words("english")
    ours()  # warm caches (background frequencies, stemmer)
    our_times, sumy_times = [], []
    for _ in range(3):
        started = time.perf_counter()
        ours()
        our_times.append(time.perf_counter() - started)
        started = time.perf_counter()
        textrank(document, 7)
        sumy_times.append(time.perf_counter() - started)
    mine, theirs = statistics.median(our_times), statistics.median(sumy_times)
    print(f"## Part 1b: in-process ranking and selection, {len(units)} sentences (median of 3)\n")
    print("| | seconds |\n|---|---|")
    print(f"| ours: term space, graph, PageRank, selection | {mine:.3f} |")
    print(f"| sumy TextRank on the same sentences | {theirs:.3f} |")
    print(f"\nratio sumy / ours: **{theirs / mine:.0f}x**\n")
    profile = cProfile.Profile()
    profile.enable()
    ours()
    profile.disable()
    out = io.StringIO()
    pstats.Stats(profile, stream=out).sort_stats("cumulative").print_stats(r"summarizer/(represent|rank|select)", 8)
    lines = [line for line in out.getvalue().splitlines() if "summarizer/" in line]
    print("Where our time goes (cProfile, cumulative seconds):\n\n```")
    print("\n".join(lines[:8]))
    print("```\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1200,5000,20000,50000,100000", help="part 2 sizes ('' skips part 2)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool in part 1 (median reported)")
    parser.add_argument("--startup-repeat", type=int, default=15, help="runs per command in part 0")
    parser.add_argument("--sentences", type=int, default=1200, help="sentences of the part 1 input (default 1200)")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    args = parser.parse_args()
    texts = load_articles(args.data)
    sample = texts[:200]
    per_article = count_sentences(sample) / len(sample)
    print(f"# bench_speed — {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}\n")
    startup(args.startup_repeat)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "input"
        folder.mkdir()
        articles = write_input(folder, texts, args.sentences, per_article)
        sentences = count_sentences([p.read_text() for p in folder.iterdir()])
        ours_cmd = [PYTHON, "-m", "summarizer.cli", "digest", str(folder), "--sentences", "7", "--no-sources"]
        sumy_cmd = [PYTHON, "-c", SUMY_SCRIPT, str(folder)]
        ours_times = [run(ours_cmd)[0] for _ in range(args.repeat)]
        sumy_times = [run(sumy_cmd)[0] for _ in range(args.repeat)]
        ours, theirs = statistics.median(ours_times), statistics.median(sumy_times)
        print(f"## Part 1: whole process, {articles} articles, {sentences} sentences, 7-sentence summary\n")
        print(f"| tool | median seconds (of {args.repeat}) |")
        print("|---|---|")
        print(f"| summarizer digest | {ours:.2f} |")
        print(f"| sumy TextRank (offline tokenizer) | {theirs:.2f} |")
        print(f"\nratio sumy / ours: **{theirs / ours:.1f}x**\n")
        in_process(folder)

    print("## Part 2: growth with input size (summarizer digest, whole process)\n")
    print(
        "| target sentences | articles | sentences | seconds | peak MB (largest process) | seconds per 1k sentences |"
    )
    print("|---|---|---|---|---|---|")
    for target in (int(s) for s in args.sizes.split(",") if s.strip()):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp) / "input"
            folder.mkdir()
            articles = write_input(folder, texts, target, per_article)
            command = [PYTHON, "-m", "summarizer.cli", "digest", str(folder), "--sentences", "10", "--format", "json"]
            elapsed, _, out = run_isolated(command)
            stats = json.loads(out[0])["stats"]
            print(
                f"| {target} | {articles} | {stats['sentences']} | {elapsed:.1f} | {out[1]:.0f} | "
                f"{1000 * elapsed / stats['sentences']:.3f} |"
            )


def run_isolated(command: list[str]) -> tuple[float, float, tuple[str, float]]:
    """Run in a fresh helper so RUSAGE_CHILDREN peaks belong to this run only."""
    helper = (
        "import resource, subprocess, sys, time, json\n"
        "t = time.perf_counter()\n"
        "r = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "e = time.perf_counter() - t\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024\n"
        "print(json.dumps({'rc': r.returncode, 'seconds': e, 'peak': peak, 'out': r.stdout, 'err': r.stderr}))\n"
    )
    result = subprocess.run([PYTHON, "-c", helper, *command], capture_output=True, text=True)
    data = json.loads(result.stdout)
    if data["rc"] != 0:
        sys.exit(f"bench_speed: digest failed: {data['err'][-500:]}")
    return data["seconds"], data["peak"], (data["out"], data["peak"])


if __name__ == "__main__":
    main()
