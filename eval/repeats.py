#!/usr/bin/env python3
"""Facts told twice in the daily digest's stories: the stories a reader reads, and how well each similarity tells
a fact told twice from two facts.

The stories are picked by a rule that does not look at the digests: for each day of allsides_days (in date
order) the first story of `summarizer daily` with articles of two outlets or more; of the first 60 such days,
the 1st, 3rd, 5th ... story is in the *choose* half (rules and thresholds are chosen on it), the 2nd, 4th ... in
the *report* half (only reported). Each story's digest is the daily default (3 sentences). The halves keep the
days the hand reading's tables give them (the grouping has changed since they were drawn; see picked_stories).

    .venv/bin/python eval/repeats.py --dump choose|report   # the digests, to read by hand
    .venv/bin/python eval/repeats.py --dump report --without-marks   # as before core/facts.py joined sentences
    .venv/bin/python eval/repeats.py                       # each measure against the hand reading

The hand reading is eval/results/repeats_reading.md: for each story the pairs of digest sentences that tell one
fact twice (S1-S2 ...). With it, this script computes for every pair of digest sentences of the choose half
the TF-IDF cosine the digest's redundancy rule uses, the share of the shorter sentence's content words (stems,
and IDF-weighted) the other has, and the cosine of WordLlama vectors when the `semantic` extra is installed;
for each, the threshold that would call every pair read as told twice "one fact", and how many pairs of two
facts it would call one fact too.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"
READING = ROOT / "eval" / "results" / "repeats_reading.md"

from summarizer import load_paths, summarize  # noqa: E402
from summarizer.core.pipeline import prepare  # noqa: E402
from summarizer.core.represent import build_term_space  # noqa: E402
from summarizer.stories.daily import daily  # noqa: E402
from summarizer.text import stemmer  # noqa: E402

STORIES = 60  # the first 60 days with a story of two outlets: 30 to choose on, 30 to report on


def picked_stories(data: Path, reading: Path | None = None) -> dict[str, tuple[str, str, list]]:
    """name (C01 ... C30, R01 ... R30) -> (day, headline, documents), by the rule of the module docstring.

    With `reading`, each name keeps the day the hand reading gives it (when the file has that day): the halves
    were drawn once, and the daily grouping changed since (a day that had no story of two outlets now has one),
    which would move every later story to the other half if they were drawn again."""
    documents = load_paths([str(data / "allsides_days" / "allsides_days_dev.jsonl")]).documents
    by_id = {d.id: d for d in documents}
    dated = sorted({d.date[:10] for d in documents if d.date})
    pinned = read_days(reading) if reading is not None and reading.is_file() else {}
    pinned = {name: day for name, day in pinned.items() if day in dated}  # another file: drawn by the rule
    days = sorted(set(pinned.values())) if pinned else dated
    found = []
    for day in days:
        result = daily(documents, date=day, jobs=1)
        story = next((s for s in result.stories if len({d.source for d in s.digest.documents}) >= 2), None)
        if story is not None:
            found.append((day, story.headline, [by_id[d.id] for d in story.digest.documents]))
        if len(found) == STORIES:
            break
    if pinned:
        on_day = {day: story for day, *story in found}
        return {name: (day, *on_day[day]) for name, day in sorted(pinned.items()) if day in on_day}
    return {f"{'CR'[k % 2]}{k // 2 + 1:02d}": story for k, story in enumerate(found)}


def read_days(path: Path) -> dict[str, str]:
    """Story -> its day, from the reading's first table rows: | C01 | 2021-04-22 | ..."""
    days: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 2 and re.fullmatch(r"[CR]\d\d", cells[0]) and re.fullmatch(r"\d{4}-\d\d-\d\d", cells[1]):
            days.setdefault(cells[0], cells[1])
    return days


def dump(stories: dict[str, tuple[str, str, list]], half: str, *, other_words: bool = True) -> None:
    for name, (day, headline, documents) in stories.items():
        if name[0] != half[0].upper():
            continue
        digest = summarize(documents, sentences=3, language="english", other_words=other_words)
        source = {d.id: d.source for d in digest.documents}
        print(f"## {name} {day}: {headline}\ndocuments: {', '.join(d.id for d in documents)}")
        for k, s in enumerate(digest.sentences, 1):
            also = ", ".join(source.get(a, a) for a in s.also_reported_by)
            print(f"S{k} [{source[s.document]}{'; also ' + also if also else ''}] {s.text}")
        print()


def read_labels(path: Path) -> dict[str, set[tuple[int, int]]]:
    """Story -> the pairs read as one fact told twice, from the reading's table rows: | C01 | ... | S2-S3 | ..."""
    labels: dict[str, set[tuple[int, int]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) >= 4 and re.fullmatch(r"[CR]\d\d", cells[0]):
            labels[cells[0]] = {(int(a), int(b)) for a, b in re.findall(r"S(\d)-S(\d)", cells[3])}
    return labels


def pair_measures(documents: list) -> list[tuple[tuple[int, int], dict[str, float]]]:
    """Every pair of the story's digest sentences with each measure."""
    digest = summarize(documents, sentences=3, language="english", other_words=False)  # the digests read
    prepared = prepare(documents, language="english", jobs=1)
    space = build_term_space(prepared.units, stem=stemmer("english"))
    tfidf = space.tfidf()
    column = {t: c for c, t in enumerate(space.vocabulary)}
    position = {(u.document, u.index): k for k, u in enumerate(prepared.units)}
    chosen = [position[(s.document, s.index)] for s in digest.sentences]
    vectors = None
    try:
        from summarizer.core.semantic import available, text_vectors

        vectors = text_vectors([prepared.units[i].text for i in chosen]) if available() else None
    except ImportError:
        pass
    found = []
    for a, b in itertools.combinations(range(len(chosen)), 2):
        i, j = chosen[a], chosen[b]
        first, second = set(prepared.units[i].terms), set(prepared.units[j].terms)

        def weight(terms: set[str]) -> float:
            return float(sum(space.idf[column[space.variants.get(t, t)]] for t in terms))

        measures = {
            "tf-idf cosine": float((tfidf[i] @ tfidf[j].T).toarray()[0, 0]),
            "shared stems": len(first & second) / max(1, min(len(first), len(second))),
            "shared IDF": weight(first & second) / max(1e-9, min(weight(first), weight(second))),
        }
        if vectors is not None:
            measures["WordLlama cosine"] = float(vectors[a] @ vectors[b])
        found.append(((a + 1, b + 1), measures))
    return found


def separability(stories: dict[str, tuple[str, str, list]], labels: dict[str, set[tuple[int, int]]]) -> None:
    rows = []
    for name, (_, _, documents) in stories.items():
        if name.startswith("C") and name in labels:
            rows += [(pair in labels[name], measures) for pair, measures in pair_measures(documents)]
    twice = [m for told, m in rows if told]
    print(f"choose half: {len(rows)} pairs of digest sentences, {len(twice)} read as one fact told twice\n")
    print("| measure | told twice: range | threshold catching all | pairs of two facts it calls one fact too |")
    print("|---|---|---|---|")
    for measure in twice[0] if twice else ():
        values = [m[measure] for m in twice]
        low = min(values)
        others = [m[measure] for told, m in rows if not told]
        print(f"| {measure} | {low:.2f} – {max(values):.2f} | ≥ {low:.2f} | {sum(v >= low for v in others)} of "
              f"{len(others)} |")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dump", choices=("choose", "report"), help="print the digests of one half, to read")
    parser.add_argument("--without-marks", action="store_true", help="digests without core/facts.py's marks")
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--reading", type=Path, default=READING, help="the hand reading (default: the results')")
    args = parser.parse_args()
    if not (args.data / "allsides_days").is_dir():
        sys.exit(f"repeats: {args.data / 'allsides_days'} is not present")
    stories = picked_stories(args.data, args.reading)
    if args.dump:
        dump(stories, args.dump, other_words=not args.without_marks)
    else:
        separability(stories, read_labels(args.reading))


if __name__ == "__main__":
    main()
