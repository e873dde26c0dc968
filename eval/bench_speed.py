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

    .venv/bin/python eval/bench_speed.py [--sizes 1200,5000,20000,50000,100000] [--repeat 3]
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


def load_articles() -> list[str]:
    if not DATA.is_dir():
        sys.exit(f"bench_speed: {DATA} is not present; it holds the articles this benchmark uses")
    texts = []
    for folder in ("multinews_test_sample250", "tac2011_multiling_en"):
        for path in sorted((DATA / folder).glob("*.json")):
            texts.extend(d["text"] for d in json.loads(path.read_text(encoding="utf-8"))["documents"])
    return texts


def count_sentences(texts: list[str]) -> int:
    from summarizer.clean import clean
    from summarizer.documents import Document
    from summarizer.segment import split_document

    return sum(len(split_document(clean(Document(id="x", text=t)).paragraphs)) for t in texts)


def write_input(folder: Path, texts: list[str], target: int, per_article: float) -> int:
    """Write articles (repeating the list when needed) until ~target sentences."""
    needed = max(1, round(target / per_article))
    for number in range(needed):
        (folder / f"article_{number:06d}.txt").write_text(texts[number % len(texts)], encoding="utf-8")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1200,5000,20000,50000,100000")
    parser.add_argument("--repeat", type=int, default=3, help="runs per tool in part 1 (median reported)")
    args = parser.parse_args()
    texts = load_articles()
    sample = texts[:200]
    per_article = count_sentences(sample) / len(sample)
    print(f"# bench_speed — {time.strftime('%Y-%m-%d')}, {os.cpu_count()} cores, Python {sys.version.split()[0]}")
    print(f"command: {' '.join([Path(sys.executable).name, *sys.argv])}\n")

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "input"
        folder.mkdir()
        articles = write_input(folder, texts, 1200, per_article)
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

    print("## Part 2: growth with input size (summarizer digest, whole process)\n")
    print(
        "| target sentences | articles | sentences | seconds | peak MB (largest process) | seconds per 1k sentences |"
    )
    print("|---|---|---|---|---|---|")
    for target in (int(s) for s in args.sizes.split(",")):
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
