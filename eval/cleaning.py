#!/usr/bin/env python3
"""Does cleaning delete real text? Snippet precision and recall on real web pages.

For each of the 990 pages in ../shared/data/html_pages_trafilatura, the page is read as
`summarizer extract` reads it (trafilatura's extraction, as the tool calls it), then cleaned.
Each annotated snippet is looked for in (a) the extracted text and (b) the cleaned text, as
trafilatura's own evaluation does: whitespace-normalised substring test; a `with` snippet
found is a true positive, missing a false negative; a `without` snippet found is a false
positive, absent a true negative; counts summed over pages. Printed overall and per language,
with the pages that cleaning emptied.

    .venv/bin/python eval/cleaning.py [--limit N] [--jobs 2] [--data ../shared/data]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
PAGES = "html_pages_trafilatura"

from summarizer import InputError, extract, load_paths  # noqa: E402


def _normalise(text: str) -> str:
    return " ".join(text.split())


def score_page(job: tuple[Path, dict]) -> dict:
    """Counts for one page: extraction and cleaning, and the texts' sizes."""
    folder, record = job
    try:
        documents = load_paths([str(folder / record["file"])]).documents
    except InputError:
        documents = []
    raw = "\n\n".join(a.text for a in extract(documents, raw=True).articles)
    cleaned = "\n\n".join(a.text for a in extract(documents).articles)
    counts = {}
    for name, text in (("extraction", raw), ("cleaned", cleaned)):
        flat = _normalise(text)
        found_with = [_normalise(s) in flat for s in record.get("with", [])]
        found_without = [_normalise(s) in flat for s in record.get("without", [])]
        counts[name] = Counter(tp=sum(found_with), fn=len(found_with) - sum(found_with),
                               fp=sum(found_without), tn=len(found_without) - sum(found_without))  # fmt: skip
    return {"id": record["id"], "lang": record.get("lang_guess") or "?", "counts": counts,
            "raw_chars": len(raw), "clean_chars": len(cleaned)}  # fmt: skip


def prf(c: Counter) -> tuple[float, float, float]:
    p = c["tp"] / max(c["tp"] + c["fp"], 1)
    r = c["tp"] / max(c["tp"] + c["fn"], 1)
    return p, r, 2 * c["tp"] / max(2 * c["tp"] + c["fp"] + c["fn"], 1)


def measure(data: Path = DATA, *, jobs: int = 2, limit: int | None = None) -> tuple[list[dict], float]:
    """Every page's counts (see score_page), and the seconds it took."""
    folder = data / PAGES
    records = [json.loads(line) for line in (folder / "annotations.jsonl").read_text(encoding="utf-8").splitlines()]
    records = records[:limit] if limit else records
    started = time.perf_counter()
    work = [(folder, record) for record in records]
    if jobs > 1:
        with ProcessPoolExecutor(jobs) as pool:
            pages = list(pool.map(score_page, work, chunksize=8))
    else:
        pages = [score_page(job) for job in work]
    return pages, time.perf_counter() - started


def totals_of(pages: list[dict]) -> dict[str, dict[str, Counter]]:
    """Counts summed overall ("all") and per language, for extraction and for the cleaned text."""
    totals: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for page in pages:
        for name, counts in page["counts"].items():
            totals["all"][name].update(counts)
            totals[page["lang"]][name].update(counts)
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    args = parser.parse_args()
    if not (args.data / PAGES).is_dir():
        sys.exit(f"cleaning: {args.data / PAGES} is not present")
    pages, seconds = measure(args.data, jobs=args.jobs, limit=args.limit)
    totals = totals_of(pages)
    print(f"# Cleaning benchmark — {time.strftime('%Y-%m-%d')}\n")
    print(f"command: `{' '.join([Path(sys.executable).name, *sys.argv])}` ({len(pages)} pages, {seconds:.0f} s)\n")
    print("| pages | language | extraction P | R | F1 | cleaned P | R | F1 | recall lost by cleaning |")
    print("|---|---|---|---|---|---|---|---|---|")
    languages = sorted(totals, key=lambda k: (k != "all", -sum(p["lang"] == k for p in pages), k))
    for lang in languages:
        n = len(pages) if lang == "all" else sum(p["lang"] == lang for p in pages)
        if n < 5 and lang != "all":
            continue
        ep, er, ef = prf(totals[lang]["extraction"])
        cp, cr, cf = prf(totals[lang]["cleaned"])
        print(
            f"| {n} | {lang} | {ep:.3f} | {er:.3f} | {ef:.3f} | {cp:.3f} | {cr:.3f} | {cf:.3f} | {100 * (er - cr):.1f} pt |"
        )
    emptied = [p["id"] for p in pages if p["raw_chars"] and not p["clean_chars"]]
    print(
        f"\nPages with extracted text that cleaning emptied: {len(emptied)}"
        + (f" ({', '.join(emptied[:10])})" if emptied else "")
    )
    lost = Counter()
    for page in pages:
        lost[page["lang"]] += page["counts"]["extraction"]["tp"] - page["counts"]["cleaned"]["tp"]
    print(f"`with` snippets lost by cleaning, by language: {dict(lost.most_common())}")


if __name__ == "__main__":
    main()
