#!/usr/bin/env python3
"""Where the outlets differ, measured: planted conflicts found, and every flag on unplanted clusters listed.

Planting. In each cluster of real multi-outlet news (Multi-News, TAC 2011, DUC 2007 update sets, ECB+ events)
find two sentences of different articles that state one fact (as the tool aligns them:
`summarizer.differences.aligned_sentences`) and carry the same figure of the same measure; change the figure in one of them (17 -> 23: beyond any rounding) and run the
digest: a find is a "figure" difference naming both articles. Separately, negate one of two such sentences
("has ... " -> "has not ...", on an auxiliary verb outside quotations whose verb the other sentence also has)
and look for a "claim" difference naming both. One plant per cluster and kind, at the first site found (deterministic).

Unplanted. Every flag the digest raises on the first --flags-clusters Multi-News clusters, with its sentences,
goes to the report for reading (false flags are counted by hand and written into it).

    .venv/bin/python eval/differences.py [--data ../shared/data] [--limit N] [--flags-clusters 50]
        [--out eval/results/differences.md] [--jobs 2]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
DATA = ROOT.parent / "shared" / "data"

from summarizer import Document, summarize  # noqa: E402
from summarizer.comparisons import load_dataset  # noqa: E402
from summarizer.differences import aligned_sentences, figures_in  # noqa: E402

SETS = ("multinews_test_sample250", "tac2011_multiling_en", "duc2007_update", "ecbplus_events")
WORD = re.compile(r"[a-z]+")
STOP = set(["the", "a", "an", "of", "to", "in", "on", "and", "or", "for", "with", "by", "at", "from", "as", "is", "was", "were", "are", "be", "been", "has", "have", "had", "that", "this", "it", "its", "he", "she", "they", "his", "her", "their", "said", "says", "will", "would", "could", "not"])  # fmt: skip
AUXILIARY = re.compile(r"\b(is|was|are|were|has|have|had|will|would|can|could|should|did|does)\b(?! not\b| never\b)")
QUOTED = re.compile(r"[\"“][^\"”]*[\"”]")


def clusters_of(name: str, data: Path) -> list[tuple[str, list[Document]]]:
    if name == "ecbplus_events":
        groups: dict[str, list[Document]] = defaultdict(list)
        for line in (data / name / "ecbplus.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("text"):
                groups[row["cluster"]].append(Document(id=row["id"], text=row["text"], title=row.get("title")))
        return [(key, docs) for key, docs in sorted(groups.items()) if len(docs) >= 2]
    return [(c.id, list(c.documents)) for c in load_dataset(data / name)]


def aligned(documents: list[Document]) -> list[tuple[int, str, int, str]]:
    """(article, sentence, other article, sentence) of sentences the tool aligns as one fact, in input order."""
    position = {d.id: k for k, d in enumerate(documents)}
    pairs = aligned_sentences(documents)
    return [(position[x.document], x.text, position[y.document], y.text) for x, y in pairs
            if x.text in documents[position[x.document]].text]  # fmt: skip


def _changed(written: str) -> str:
    """A written number changed beyond any rounding: "17" -> "23", "1,200" -> "1,680", "7" (million) -> "10"."""
    value = float(written.replace(",", ""))
    changed = value + max(3, round(value * 0.4))
    return f"{int(changed):,}" if "," in written else str(int(changed))


def figure_plant(documents: list[Document]) -> tuple[list[Document], int, int, str] | None:
    """Documents with one figure changed in a sentence another article also states, the two articles, and the
    planted text; None when no site is found."""
    for a, first, b, second in aligned(documents):
        mine = {f.measure: f for f in figures_in(first)}
        theirs = {f.measure: f for f in figures_in(second)}
        for measure in sorted(set(mine) & set(theirs)):
            figure = mine[measure]
            number = re.search(r"\d[\d,]*(?:\.\d+)?", figure.text)
            if not number or figure.value != theirs[measure].value or figure.value < 2 or "." in number.group():
                continue
            planted = figure.text.replace(number.group(), _changed(number.group()), 1)
            text = documents[a].text.replace(first, first.replace(figure.text, planted, 1), 1)
            if text == documents[a].text:
                continue
            changed = [*documents]
            changed[a] = Document(id=documents[a].id, text=text, title=documents[a].title, date=documents[a].date)
            return changed, a, b, planted
    return None


def claim_plant(documents: list[Document]) -> tuple[list[Document], int, int, str] | None:
    """Documents with one sentence negated ("has" -> "has not") that another article also states."""
    for a, first, b, second in aligned(documents):
        outside = QUOTED.sub(lambda m: " " * len(m.group()), first)
        found = AUXILIARY.search(outside)
        if not found or "not" in first.split() or "n't" in first:
            continue
        # a claim the other outlet also states: the word the auxiliary carries is in its sentence too
        carried = next((w for w in WORD.findall(first[found.end() :].lower())[:3] if w not in STOP), None)
        if carried is None or carried[:5] not in second.lower():
            continue
        negated = first[: found.end()] + " not" + first[found.end() :]
        text = documents[a].text.replace(first, negated, 1)
        changed = [*documents]
        changed[a] = Document(id=documents[a].id, text=text, title=documents[a].title, date=documents[a].date)
        return changed, a, b, negated
    return None


def _names_both(difference: dict, first: str, second: str) -> bool:
    sides = [set(v["documents"]) for v in difference["values"]]
    return any(first in x and second in y for x in sides for y in sides if x is not y)


def run_cluster(job: tuple[str, str, list[Document]]) -> dict:
    name, cluster, documents = job
    result: dict = {"set": name, "cluster": cluster}
    for kind, plant in (("figure", figure_plant), ("claim", claim_plant)):
        planted = plant(documents)
        if planted is None:
            continue
        changed, a, b, text = planted
        digest = summarize(changed, words=100).to_dict()
        hits = [d for d in digest["differences"] if d["kind"] == kind]
        result[kind] = {"found": any(_names_both(d, changed[a].id, changed[b].id) for d in hits), "planted": text,
                        "articles": [changed[a].id, changed[b].id]}  # fmt: skip
    return result


def flags_of(job: tuple[str, list[Document]]) -> dict:
    cluster, documents = job
    digest = summarize(documents, words=100).to_dict()
    flags = [d for d in digest["differences"] if d["kind"] in ("figure", "claim")]
    return {"cluster": cluster, "articles": len(documents), "flags": flags,
            "omissions": sum(d["kind"] == "omission" for d in digest["differences"])}  # fmt: skip


def report(results: list[dict], flags: list[dict], seconds: float) -> str:
    lines = ["# Where the outlets differ: planted conflicts and unplanted flags (eval/differences.py)", "",
             "Planted: one changed figure, or one negated sentence, in a sentence another article also states;",
             "found = a difference of that kind naming both articles. Digest: `summarize(words=100)`.", "",
             "| set | clusters | figure plants | found | recall | claim plants | found | recall |",
             "|---|---|---|---|---|---|---|---|"]  # fmt: skip
    totals = {"figure": [0, 0], "claim": [0, 0]}
    for name in SETS:
        rows = [r for r in results if r["set"] == name]
        if not rows:
            continue
        cells = []
        for kind in ("figure", "claim"):
            plants = [r[kind]["found"] for r in rows if kind in r]
            totals[kind][0] += len(plants)
            totals[kind][1] += sum(plants)
            cells += [str(len(plants)), str(sum(plants)), f"{sum(plants) / len(plants):.1%}" if plants else "—"]
        lines.append(f"| {name} | {len(rows)} | " + " | ".join(cells) + " |")
    cells = [c for kind in ("figure", "claim") for c in (str(totals[kind][0]), str(totals[kind][1]),
             f"{totals[kind][1] / totals[kind][0]:.1%}" if totals[kind][0] else "—")]  # fmt: skip
    lines += [f"| **all** | {len(results)} | " + " | ".join(cells) + " |", ""]
    misses = [(r, kind) for r in results for kind in ("figure", "claim") if kind in r and not r[kind]["found"]]
    lines += [f"Missed plants ({len(misses)}):", ""]
    lines += [f"- {r['set']} {r['cluster']} ({kind}): {r[kind]['planted'][:160]}" for r, kind in misses[:40]]
    total_flags = sum(len(f["flags"]) for f in flags)
    lines += ["", f"## Every figure and claim flag on {len(flags)} unplanted Multi-News clusters", "",
              f"{total_flags} flags ({sum(f['omissions'] for f in flags)} omissions besides, not listed).", ""]  # fmt: skip
    for cluster in flags:
        for flag in cluster["flags"]:
            what = flag.get("measure") or flag.get("reason")
            update = f" ({flag['change']})" if flag.get("change", "differ") != "differ" else ""
            lines.append(f"- **{cluster['cluster']}** {flag['kind']} `{what}`{update}: " + " · ".join(
                f"{v['text'][:200]!r} ({', '.join(v['documents'])})" for v in flag["values"]))  # fmt: skip
    lines += ["", f"{seconds:.0f} s on this machine.", ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--sets", default=",".join(SETS))
    parser.add_argument("--limit", type=int, help="at most N clusters a set")
    parser.add_argument("--flags-clusters", type=int, default=50)
    parser.add_argument("--out", type=Path)
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    started = time.perf_counter()
    jobs = [(name, cluster, docs) for name in args.sets.split(",") if (args.data / name).exists()
            for cluster, docs in clusters_of(name, args.data)[: args.limit]]  # fmt: skip
    flag_jobs = []
    if (args.data / SETS[0]).exists():
        flag_jobs = [(c, d) for c, d in clusters_of(SETS[0], args.data)[: args.flags_clusters]]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(run_cluster, jobs, chunksize=2))
        flags = list(pool.map(flags_of, flag_jobs, chunksize=2))
    text = report(results, flags, time.perf_counter() - started)
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
