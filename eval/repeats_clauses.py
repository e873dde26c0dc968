#!/usr/bin/env python3
"""Clause-level redundancy (issue 35, point 3, round 5): does the cosine of a sentence with one CLAUSE of another
separate a fact told twice from two facts better than the whole-sentence cosine? Measured, not adopted
(eval/results/repeats.md, round 5).

The idea tested: a pair told twice is a compound lead ("Putin proposed talks ..., and his counterpart Zelenskyy
said Kyiv was prepared for any discussion to halt attacks on civilian targets") and a later sentence that retells
one of its clauses, whose cosine with the whole lead is diluted by the other clause. So each digest sentence is
split at coordination (`SPLITS`: ", and", ";", ", while", ", but", " — ", ": " ...; or wider; or at every "and"),
clauses of fewer than N content words are left out (`MIN_WORDS`), and a pair's measure is the larger of the
whole-sentence cosine and the best cosine of one sentence's clause with the other sentence whole, either way round
(`clause-whole`; a rule in the selection would look one way only, so this is the most it could catch), or with the
other's clauses too (`clause-clause`). TF-IDF cosines in the story's term space, as the digest's; WordLlama cosines
of the same clauses when the `semantic` extra is installed.

    .venv/bin/python eval/repeats_clauses.py   # the tables: choose half + seeds (chosen on), then the report half
    .venv/bin/python eval/repeats_clauses.py --list "clause-whole wide ≥3"   # list the pairs of another measure

Labels: the hand reading of eval/results/repeats_reading.md (round 3's "after" digests, which are today's: the
library's selection has not changed since); the seeds' pair is eval/gate.py's SEED_SAME_FACTS.
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import repeats  # noqa: E402

from summarizer import load_paths, summarize  # noqa: E402
from summarizer.core.pipeline import prepare  # noqa: E402
from summarizer.core.represent import build_term_space  # noqa: E402
from summarizer.core.segment import content_terms  # noqa: E402
from summarizer.text import stemmer, stop_words, tokenize  # noqa: E402

# Where a compound sentence joins two statements: the brief's coordination, a wider set with the participle and
# relative clauses that often carry a second fact (", saying ...", ", alleging ...", ", which ..."), and every
# "and".
SPLITS = {
    "coordination": re.compile(r",\s+(?:and|but|while|whereas|yet)\s+|;\s+|\s+[—–]\s+|\s+--\s+|:\s+"),
    "wide": re.compile(
        r",\s+(?:and|but|while|whereas|yet|which|who|after|as|although|though|[a-z]+ing)\s+|;\s+|\s+[—–]\s+"
        r"|\s+--\s+|:\s+"
    ),
    # and any "and": a verb phrase joined without a comma ("called for an investigation ... and pledged to give
    # 1 billion vaccine doses"); a noun phrase's "and" makes a piece under the least length, which is left out
    "any-and": re.compile(r",\s+(?:but|while|whereas|yet)\s+|,?\s+and\s+|;\s+|\s+[—–]\s+|\s+--\s+|:\s+"),
}
MIN_WORDS = (3, 4, 5, 6)
LISTED = ("clause-whole coordination ≥4", "clause-whole any-and ≥4")  # the brief's split, and every "and"
# The round-3 reading of the choose half (after its marks) and of the report half: pairs told twice, borderline.
CHOOSE_TWICE = {"C03": {(2, 3)}, "C09": {(1, 3)}, "C12": {(1, 2)}, "C20": {(2, 3)}, "C24": {(1, 2)},
                "C25": {(2, 3)}, "C30": {(1, 3)}}  # fmt: skip
CHOOSE_BORDERLINE = {"C08": {(1, 3)}, "C10": {(1, 3)}, "C11": {(1, 3)}, "C19": {(1, 2)}}
ALL3 = {(1, 2), (1, 3), (2, 3)}
REPORT_TWICE = {"R02": ALL3, "R03": {(1, 2)}, "R09": {(1, 2)}, "R11": {(1, 3)}, "R13": {(1, 2)}, "R18": {(1, 3)},
                "R19": {(1, 2)}, "R20": {(1, 3)}, "R24": {(1, 2)}, "R25": ALL3, "R26": {(2, 3)}, "R28": ALL3}  # fmt: skip
REPORT_BORDERLINE = {"R16": {(2, 3)}, "R18": {(1, 2)}, "R30": {(1, 3)}}
SEED_PAIR = frozenset({("000_b8d4d1304aba4b28", 0), ("002_4d8b66e183443c02", 2)})


def clauses(text: str, split: str) -> list[str]:
    """The sentence's clauses; the sentence alone when it has no coordination."""
    return [c for c in SPLITS[split].split(text) if c.strip()]


def story_pairs(documents: list, language: str = "english") -> list[tuple[tuple[int, int], frozenset, dict]]:
    """Every pair of the digest's sentences: (S-pair, the two (document, index), the measures)."""
    digest = summarize(documents, sentences=3, language=language)
    return measured(documents, digest.sentences, language)


def measured(documents: list, chosen: tuple, language: str) -> list[tuple[tuple[int, int], frozenset, dict]]:
    prepared = prepare(documents, language=language, jobs=1)
    stem, stops = stemmer(language), stop_words(language)
    space = build_term_space(prepared.units, stem=stem, language=language)
    tfidf = space.tfidf()
    position = {(u.document, u.index): k for k, u in enumerate(prepared.units)}
    rows = [tfidf[position[(s.document, s.index)]] for s in chosen]
    parts: dict[tuple[str, int], list] = {}  # (split, min words) -> per sentence, its clause rows (or None)
    texts: dict[tuple[str, int], list[list[str]]] = {}  # the same clauses' texts
    for split, least in itertools.product(SPLITS, MIN_WORDS):
        per_sentence, per_text = [], []
        for s in chosen:
            pieces = clauses(s.text, split)
            kept = [p for p in pieces if len(content_terms(tokenize(p), stem=stem, stops=stops)) >= least]
            kept = kept if len(pieces) > 1 else []
            terms = [content_terms(tokenize(p), stem=stem, stops=stops) for p in kept]
            per_sentence.append(space.tfidf_of(terms) if kept else None)
            per_text.append(kept)
        parts[(split, least)], texts[(split, least)] = per_sentence, per_text
    meaning = _meaning(chosen, texts)
    found = []
    for a, b in itertools.combinations(range(len(chosen)), 2):
        whole = float((rows[a] @ rows[b].T).toarray()[0, 0])
        measures = {"whole": whole}
        for key, per_sentence in parts.items():
            mine_a = per_sentence[a] if per_sentence[a] is not None else rows[a]
            mine_b = per_sentence[b] if per_sentence[b] is not None else rows[b]
            alone = max(float((mine_a @ rows[b].T).toarray().max()), float((mine_b @ rows[a].T).toarray().max()))
            to_whole = max(whole, alone)
            if per_sentence[a] is not None or per_sentence[b] is not None:
                measures[f"_alone {key[0]} ≥{key[1]}"] = alone  # the best clause's own cosine, for the listing
            measures[f"clause-whole {key[0]} ≥{key[1]}"] = to_whole
            measures[f"clause-clause {key[0]} ≥{key[1]}"] = max(to_whole, float((mine_a @ mine_b.T).toarray().max()))
        if meaning is not None:
            vectors, clause_vectors = meaning
            measures["WordLlama whole"] = float(vectors[a] @ vectors[b])
            for key, per_sentence in clause_vectors.items():
                mine_a = per_sentence[a] if per_sentence[a] is not None else vectors[a][None, :]
                mine_b = per_sentence[b] if per_sentence[b] is not None else vectors[b][None, :]
                both = max(float((mine_a @ vectors[b]).max()), float((mine_b @ vectors[a]).max()),
                           float((mine_a @ mine_b.T).max()), measures["WordLlama whole"])  # fmt: skip
                measures[f"WordLlama clause {key[0]} ≥{key[1]}"] = both
        pair = frozenset({(chosen[a].document, chosen[a].index), (chosen[b].document, chosen[b].index)})
        found.append(((a + 1, b + 1), pair, measures))
    return found


def _meaning(chosen: tuple, texts: dict) -> tuple | None:
    """WordLlama vectors of the sentences and of their clauses (the `semantic` extra), or None without it."""
    try:
        from summarizer.core.semantic import available, text_vectors
    except ImportError:
        return None
    if not available():
        return None
    vectors = text_vectors([s.text for s in chosen])
    clause_vectors = {
        key: [text_vectors(kept) if kept else None for kept in per_text]
        for key, per_text in texts.items()
        if key[1] == 4  # one length for the vectors: the model is slow on a loaded machine
    }
    return vectors, clause_vectors


def labelled(stories: dict, half: str) -> list[tuple[str, str, tuple[int, int], dict]]:
    """(story, label, pair, measures) for every digest pair of the half; label twice / borderline / two."""
    twice, borderline = (CHOOSE_TWICE, CHOOSE_BORDERLINE) if half == "choose" else (REPORT_TWICE, REPORT_BORDERLINE)
    rows = []
    for name, (_, _, documents) in stories.items():
        if name[0] == half[0].upper():
            for pair, _, measures in story_pairs(documents):
                label = "twice" if pair in twice.get(name, ()) else "border" if pair in borderline.get(name, ()) else ""
                rows.append((name, label or "two", pair, measures))
    return rows


def seed_rows() -> list[tuple[str, str, tuple[int, int], dict]]:
    documents = load_paths([str(ROOT / "seeds")]).documents
    digest = summarize(documents)
    found = measured(list(documents), digest.sentences, digest.options.language)
    return [("seeds", "twice" if ids == SEED_PAIR else "two", pair, m) for pair, ids, m in found]


def table(rows: list, title: str) -> None:
    twice = [m for _, label, _, m in rows if label == "twice"]
    two = [m for _, label, _, m in rows if label == "two"]
    print(f"### {title}: {len(rows)} pairs, {len(twice)} told twice, {len(two)} two facts (borderline left out)\n")
    print("| measure | told twice: range | threshold catching all | two facts at or above it | best clean threshold "
          "| told twice it catches |")  # fmt: skip
    print("|---|---|---|---|---|---|")
    for measure in (m for m in twice[0] if not m.startswith("_")) if twice else ():
        values = sorted((m[measure] for m in twice), reverse=True)
        others = [m[measure] for m in two]
        low = values[-1]
        clean = max(others) + 1e-9  # above every pair of two facts
        print(f"| {measure} | {low:.2f} – {values[0]:.2f} | ≥ {low:.2f} | {sum(v >= low for v in others)} of "
              f"{len(others)} | > {max(others):.2f} | {sum(v >= clean for v in values)} of {len(values)} |")  # fmt: skip
    print()


def listing(rows: list, measure: str) -> None:
    alone = "_alone " + measure.split(" ", 1)[1]
    print(f"#### every pair told twice or borderline, and the two-fact pairs at 0.30 or more ({measure})\n")
    print("clause alone: the best clause's own cosine with the other sentence (blank: neither sentence splits)\n")
    print("| story | pair | read as | whole | clause alone | max |\n|---|---|---|---|---|---|")
    for name, label, (a, b), m in sorted(rows, key=lambda r: (-r[3][measure], r[0], r[2])):
        if label != "two" or m[measure] >= 0.30:
            own = f"{m[alone]:.2f}" if alone in m else ""
            print(f"| {name} | S{a}-S{b} | {label} | {m['whole']:.2f} | {own} | {m[measure]:.2f} |")
    split = sum(alone in m for *_, m in rows)
    print(f"\npairs with a sentence that splits into clauses of that length: {split} of {len(rows)}\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=repeats.DATA)
    parser.add_argument("--list", action="append", help="a measure whose pairs are listed (default: two)")
    args = parser.parse_args()
    if not (args.data / "allsides_days").is_dir():
        sys.exit(f"repeats_clauses: {args.data / 'allsides_days'} is not present")
    stories = repeats.picked_stories(args.data, repeats.READING)
    choose = labelled(stories, "choose") + seed_rows()
    listed = args.list or LISTED
    table(choose, "choose half and seeds (chosen on)")
    for measure in listed:
        listing(choose, measure)
    report = labelled(stories, "report")
    table(report, "report half (not chosen on)")
    for measure in listed:
        listing(report, measure)


if __name__ == "__main__":
    main()
