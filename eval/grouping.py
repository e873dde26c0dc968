#!/usr/bin/env python3
"""Story grouping quality: pile up labelled articles and regroup them as `summarizer daily` does.

Sets that choose the grouping's settings, together (never one alone):
- `allsides`: allsides_days, 757 dated articles of 89 days, a left-, centre- and right-rated outlet's excerpt
  (about 90 words) per story, 261 stories; grouped in one run over all days, as
  `daily --format json --sentences-per-story 1` groups them (`cluster` is the label: never read as input);
- `multinews`: the Multi-News pile (every article of multinews_test_sample250, its cluster as the story; undated);
- `ecbplus`: ECB+ (982 articles, two real events of the same kind per topic; undated);
- `ecbplus-topics`: each ECB+ topic grouped as a day of its own (14 to 39 articles, two events of one kind): the
  day of a feed list that follows one subject, or a day one event fills.

Settings are chosen on the first 60 days of allsides_days (`allsides-first60`) with the Multi-News pile and ECB+
(eval/grouping_sweep.py); the last 29 days (`allsides-rest`) are reported as days not chosen on.

Sets that only report:
- `allsides-first60`, `allsides-rest`: allsides_days' first 60 and last 29 days, each grouped in one run;
- `allsides-days`: allsides_days grouped day by day (`daily --date D` on each day's articles);
- `duc2003`, `tac2011`: newswire piles, a topic of 10 articles per story (undated, as the data gives them);
- `duc2007`: ten topics followed over months (sets A, B, C; dated): a topic is a wider story than an event;
- `duc2007-topics`: each of those topics grouped as a day of its own, undated (25 articles of one topic);
- `lonely`: one article of every Multi-News story and every ECB+ event (the first with text): no article has a
  partner, so every join is wrong (ECB+'s two events of one kind per topic are the hard ones).

Reports B-cubed P/R/F1, pairwise P/R/F1, ARI, V-measure, the stories made and the share that are a single
article; an article left out of every story (no text) counts as a singleton. On allsides also the gold stories
split and how many of them are opinion roundups ("Perspectives: ...", which no grouping by event joins).

    .venv/bin/python eval/grouping.py [--sets allsides,multinews,ecbplus,...] [--distances 0.8] [--methods centroid]
        [--learned 0,0.8] [--data ../shared/data] [--limit N] [--cli] [--out eval/results/grouping.md]

`--cli` also runs `summarizer daily --format json --sentences-per-story 1` on allsides_days (the issue's command)
and scores its stories.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from sklearn.metrics import adjusted_rand_score, v_measure_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

from summarizer import Document, load_paths  # noqa: E402
from summarizer.comparisons import load_dataset  # noqa: E402
from summarizer.stories import GROUPINGS, GroupingOptions, group_articles  # noqa: E402

SETS = ("multinews", "ecbplus", "allsides", "ecbplus-topics")  # the sets that choose (eval/gate.py measures them)
REPORTED = ("allsides-first60", "allsides-rest", "allsides-days", "duc2003", "tac2011", "duc2007", "duc2007-topics",
            "lonely")  # fmt: skip
ALLSIDES = Path("allsides_days") / "allsides_days_dev.jsonl"
# Settings are chosen on the first 60 of allsides_days' 89 days (with the Multi-News pile and ECB+); the last 29
# are reported as days not chosen on. Each part is grouped in one run, as `allsides` is.
CHOSEN_DAYS = 60
# The sets grouped day by day, and an article's day from it and its label: its date, or its topic (ECB+ ids are
# "topic_document"; a DUC 2007 label is its topic).
DAY_OF: dict[str, Callable[[Document, str], str]] = {
    "allsides-days": lambda document, label: (document.date or "")[:10],
    "ecbplus-topics": lambda document, label: document.id.split("_")[0],
    "duc2007-topics": lambda document, label: label,
}
ALLSIDES_PARTS = {"allsides-first60": slice(None, CHOSEN_DAYS), "allsides-rest": slice(CHOSEN_DAYS, None)}
NEWSWIRE = {"duc2003": "duc2003_task2", "tac2011": "tac2011_multiling_en", "duc2007": "duc2007_update"}


def load(name: str, data: Path = DATA, *, limit: int | None = None) -> tuple[list[Document], list[str]]:
    """The articles of a labelled pile and each one's true story; `limit`: only the first stories."""
    if name.startswith("allsides"):
        return _allsides(data, limit, ALLSIDES_PARTS.get(name, slice(None)))
    if name == "lonely":
        return _lonely(data, limit)
    if name in DAY_OF:  # the same articles, grouped day by day (grouped())
        documents, labels = load(name.removesuffix("-topics"), data, limit=limit)
        if name == "duc2007-topics":  # one topic's months as one day
            documents = [replace(d, date=None) for d in documents]
        return documents, labels
    documents, labels = [], []
    if name in NEWSWIRE or name == "multinews":
        for cluster in load_dataset(data / NEWSWIRE.get(name, "multinews_test_sample250"))[:limit]:
            for document in cluster.documents:
                documents.append(document)
                labels.append(cluster.id.split("-")[0] if name == "duc2007" else cluster.id)  # D0703A-B: topic D0703A
        return documents, labels
    kept: list[str] = []
    for line in (data / "ecbplus_events" / "ecbplus.jsonl").read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        label = str(record["cluster"])
        if limit is not None and label not in kept:
            if len(kept) >= limit:
                continue
            kept.append(label)
        text = record["text"] or record["title"] or ""
        documents.append(Document(id=record["id"], text=text, title=record["title"] or None,
                                  source=record.get("source"), date=record.get("date")))  # fmt: skip
        labels.append(label)
    return documents, labels


def _allsides(data: Path, limit: int | None, days: slice) -> tuple[list[Document], list[str]]:
    """allsides_days read as `daily` reads the file (only the articles of `days`, a slice of its sorted days); the
    labels from the same lines, never given to the tool."""
    path = data / ALLSIDES
    documents = list(load_paths([str(path)]).documents)
    kept = set(sorted({(d.date or "")[:10] for d in documents})[days])
    documents = [d for d in documents if (d.date or "")[:10] in kept]
    story = {r["id"]: r["cluster"] for r in map(json.loads, path.read_text(encoding="utf-8").splitlines())}
    if limit is not None:
        first = list(dict.fromkeys(story[d.id] for d in documents))[:limit]
        documents = [d for d in documents if story[d.id] in first]
    return documents, [story[d.id] for d in documents]


def _lonely(data: Path, limit: int | None) -> tuple[list[Document], list[str]]:
    """The first article with text of every Multi-News story and every ECB+ event: no article has a partner."""
    documents, labels = [], []
    for name in ("multinews", "ecbplus"):
        seen: set[str] = set()
        for document, label in zip(*load(name, data, limit=limit)):
            if label not in seen and document.text.strip():
                seen.add(label)
                documents.append(document)
                labels.append(f"{name}:{label}")
    return documents, labels


def present(name: str, data: Path) -> bool:
    """Whether the data of a set is in `data`."""
    folders = {**{name: ALLSIDES for name in ("allsides", "allsides-days", *ALLSIDES_PARTS)}, "multinews": Path("multinews_test_sample250"),
               "ecbplus": Path("ecbplus_events"), "lonely": Path("ecbplus_events"),
               "ecbplus-topics": Path("ecbplus_events"), "duc2007-topics": Path(NEWSWIRE["duc2007"]),
               **{k: Path(v) for k, v in NEWSWIRE.items()}}  # fmt: skip
    return (data / folders[name]).exists()


def opinion_roundups(data: Path = DATA) -> set[str]:
    """The allsides_days stories that are roundups of opinion pieces ("Perspectives: ..." in the editors' title,
    a label read only to report)."""
    lines = (data / ALLSIDES).read_text(encoding="utf-8").splitlines()
    return {r["cluster"] for r in map(json.loads, lines) if r["story_title"].startswith("Perspectives")}


def predicted_labels(groups: list[list[int]], count: int) -> list[int]:
    """Each of `count` items' group number; an item in no group (no text) is a singleton of its own."""
    predicted = list(range(count, 2 * count))
    for number, members in enumerate(groups):
        for member in members:
            predicted[member] = number
    return predicted


def publish(lines: list[str], out: Path, started: float) -> None:
    """End a report with its running time, write it to `out` and print it."""
    text = "\n".join([*lines, "", f"{time.perf_counter() - started:.0f} s on this machine."]) + "\n"
    out.write_text(text, encoding="utf-8")
    print(text)


def scores(labels: list[str], predicted: list[int]) -> dict[str, float]:
    gold_size = Counter(labels)
    pred_size = Counter(predicted)
    both = Counter(zip(labels, predicted))
    n = len(labels)
    b3p = sum(both[(g, p)] / pred_size[p] for g, p in zip(labels, predicted)) / n
    b3r = sum(both[(g, p)] / gold_size[g] for g, p in zip(labels, predicted)) / n
    same_both = sum(c * (c - 1) / 2 for c in both.values())
    same_pred = sum(c * (c - 1) / 2 for c in pred_size.values())
    same_gold = sum(c * (c - 1) / 2 for c in gold_size.values())
    pp, pr = same_both / max(same_pred, 1), same_both / max(same_gold, 1)
    return {"b3p": b3p, "b3r": b3r, "b3f": 2 * b3p * b3r / max(b3p + b3r, 1e-12), "pp": pp, "pr": pr,
            "pf": 2 * pp * pr / max(pp + pr, 1e-12), "ari": adjusted_rand_score(labels, predicted),
            "v": v_measure_score(labels, predicted)}  # fmt: skip


def story_counts(
    labels: list[str], predicted: list[int], roundups: frozenset[str] | set[str] = frozenset()
) -> dict[str, float]:
    """Stories made, the share of a single article, gold stories split (and of them opinion roundups), and
    articles that share a story with an article of another gold story."""
    size = Counter(predicted)
    stories: dict[int, set[str]] = {p: set() for p in predicted}
    for gold, p in zip(labels, predicted):
        stories[p].add(gold)
    parts: dict[str, set[int]] = {g: set() for g in labels}
    for gold, p in zip(labels, predicted):
        parts[gold].add(p)
    split = {g for g, p in parts.items() if len(p) > 1}
    return {"groups": len(size), "single": sum(1 for c in size.values() if c == 1) / len(size),
            "split": len(split), "split_roundups": len(split & roundups), "roundups": len(roundups),
            "joined": sum(1 for p in predicted if len(stories[p]) > 1)}  # fmt: skip


def grouped(
    name: str, documents: list[Document], labels: list[str], options: GroupingOptions, jobs: int
) -> list[list[int]]:
    """The groups `daily` makes: one run over the pile, or for the sets of DAY_OF one run per day (the labels only
    say a DUC 2007 article's topic)."""
    if name not in DAY_OF:
        return group_articles(documents, grouping=options, jobs=jobs)
    days: dict[str, list[int]] = {}
    for index, (document, label) in enumerate(zip(documents, labels)):
        days.setdefault(DAY_OF[name](document, label), []).append(index)
    return [[members[i] for i in group] for _, members in sorted(days.items())
            for group in group_articles([documents[i] for i in members], grouping=options, jobs=jobs)]  # fmt: skip


def measure(
    name: str, *, data: Path = DATA, method: str = GroupingOptions.method, distance: float = GroupingOptions.distance,
    limit: int | None = None, jobs: int = 1, learned: float = GroupingOptions.learned,
) -> dict[str, float]:  # fmt: skip
    """Scores of the grouping `daily` makes of one labelled pile, with the number of articles and groups. With
    `learned` > 0 the learned vectors are used whatever the pile's size, at the cut `distance`."""
    documents, labels = load(name, data, limit=limit)
    options = GroupingOptions(
        method=method, distance=distance, learned=learned, learned_distance=distance, learn_from=0
    )
    groups = grouped(name, documents, labels, options, jobs)
    predicted = predicted_labels(groups, len(documents))
    roundups = opinion_roundups(data) & set(labels) if name.startswith("allsides") else set()
    return {**scores(labels, predicted), **story_counts(labels, predicted, roundups), "articles": len(documents),
            "stories": len(set(labels))}  # fmt: skip


def cli_allsides(data: Path) -> dict[str, float]:
    """The issue's measurement: `summarizer daily --format json --sentences-per-story 1` on allsides_days, its
    stories scored."""
    documents, labels = load("allsides", data)
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "day.json"
        subprocess.run([sys.executable, "-m", "summarizer.cli", "daily", str(data / ALLSIDES), "--format", "json",
                        "--sentences-per-story", "1", "--quiet", "--jobs", "2", "--output", str(out)],
                       check=True, cwd=ROOT)  # fmt: skip
        stories = json.loads(out.read_text(encoding="utf-8"))["stories"]
    number = {doc_id: n for n, story in enumerate(stories) for doc_id in story["documents"]}
    predicted = [number.get(d.id, len(stories) + i) for i, d in enumerate(documents)]
    return {**scores(labels, predicted), **story_counts(labels, predicted, opinion_roundups(data)),
            "articles": len(documents), "stories": len(set(labels))}  # fmt: skip


ROW = ("| {name} | {method} | {learned:g} | {articles} | {stories} | {distance:.2f} | {groups} | {single:.0%} | "
       "{b3p:.3f} | {b3r:.3f} | **{b3f:.3f}** | {pp:.3f} | {pr:.3f} | {pf:.3f} | **{ari:.3f}** | {v:.3f} | {seconds:.1f} |")  # fmt: skip
HEADER = [
    "| set | method | learned | articles | stories | cut (1 - similarity) | stories made | single | B³ P | B³ R | "
    "B³ F1 | pair P | pair R | pair F1 | ARI | V | seconds |",
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--distances", default=f"{GroupingOptions().distance}")
    parser.add_argument("--methods", default=",".join(GROUPINGS), help="names of GROUPINGS")
    parser.add_argument("--sets", default=",".join((*SETS, *REPORTED)))
    parser.add_argument(
        "--learned",
        default=f"{GroupingOptions().learned}",
        help="shares of similarity from vectors learned from the pile (comma-separated; 0: words only)",
    )
    parser.add_argument("--data", type=Path, default=DATA, help="the folder of the data sets (default ../shared/data)")
    parser.add_argument("--limit", type=int, help="only the first N stories of each set (a smoke test)")
    parser.add_argument("--cli", action="store_true", help="also score `summarizer daily` on allsides_days")
    parser.add_argument("--out", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    if not args.data.is_dir():
        sys.exit(f"grouping: {args.data} is not present")
    started = time.perf_counter()
    lines = [f"# grouping — {time.strftime('%Y-%m-%d')}", "", f"command: `python {' '.join(sys.argv)}`", "", *HEADER]
    print("\n".join(lines), flush=True)
    notes = []
    for name in args.sets.split(","):
        if not present(name, args.data):
            notes.append(f"{name}: not in {args.data}, skipped")
            continue
        for method, learned, distance in (
            (m, float(w), float(x))
            for m in args.methods.split(",")
            for w in args.learned.split(",")
            for x in args.distances.split(",")
        ):
            begun = time.perf_counter()
            s = measure(name, data=args.data, method=method, distance=distance, limit=args.limit, learned=learned)
            lines.append(ROW.format(name=name, method=method, learned=learned, distance=distance,
                                    seconds=time.perf_counter() - begun, **s))  # fmt: skip
            print(lines[-1], flush=True)
            if name.startswith("allsides"):
                notes.append(f"{name} ({method}, learned {learned:g}, cut {distance:.2f}): {s['split']} of "
                             f"{s['stories']} gold stories split, {s['split_roundups']} of them among the "
                             f"{s['roundups']} opinion roundups")  # fmt: skip
            if name == "lonely":
                notes.append(f"lonely ({method}, learned {learned:g}, cut {distance:.2f}): {s['joined']} of "
                             f"{s['articles']} articles without a partner were joined to another")  # fmt: skip
    if args.cli and present("allsides", args.data):
        s = cli_allsides(args.data)
        notes = [f"`summarizer daily --format json --sentences-per-story 1` on allsides_days: B³ F1 {s['b3f']:.3f}, "
                 f"ARI {s['ari']:.3f}, {s['groups']} stories, {s['single']:.0%} a single article, {s['split']} gold "
                 f"stories split ({s['split_roundups']} opinion roundups)", "", *notes]  # fmt: skip
    print("\n".join(["", *notes]))
    if args.out:
        publish([*lines, "", *notes], args.out, started)


if __name__ == "__main__":
    main()
