#!/usr/bin/env python3
"""The headline as a mark of one fact (issue 35, point 3, round 4): measured on the stories of eval/repeats.py and
not adopted (eval/results/repeats.md, round 4).

In a daily story every outlet's headline states the story's central fact, so a digest sentence that states a
headline's fact could be told once. Three forms are measured, each as one more mark of core/facts.py between
sentences of named outlets' articles dated within a day (so undated sets cannot move):

- `brief-0.60`, `brief-0.75`: any two sentences that each cover that share of one of the story's headlines'
  stemmed content words (a headline of 4 content words or more) are one fact: the digest keeps the best-ranked;
- `leads`: two same-day leads of two outlets (under the cosine of `LEAD_FLOOR`, which joins them already) whose
  shared words are half of one of their own articles' headlines or more.

    .venv/bin/python eval/repeats_headlines.py                 # the table of shared headline words, choose half
    .venv/bin/python eval/repeats_headlines.py --form leads --half report   # the digests a form changes

The table gives, for each pair of the choose half's digest sentences, the share of one headline's content words
both sentences have (the best headline), against the round-3 hand reading (eval/results/repeats_reading.md).
"""

from __future__ import annotations

import argparse
import importlib
import itertools
import sys
from dataclasses import dataclass, fields
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

import repeats  # noqa: E402

from summarizer import summarize  # noqa: E402
from summarizer.core.facts import LEAD_FLOOR, FactMarks, fact_marks  # noqa: E402
from summarizer.core.pipeline import prepare  # noqa: E402
from summarizer.text import content_terms, tokenize  # noqa: E402

# The forms are not in the library: for a run, the pipeline's fact_marks is swapped for one that adds the form.
pipeline = importlib.import_module("summarizer.core.pipeline")
HEADLINE_WORDS = 4  # fewer content words make a label ("Biden's first 100 days"), not a statement
FORMS = {"brief-0.60": 0.60, "brief-0.75": 0.75, "leads": 0.5}
# The round-3 reading of the choose half's digests (after its marks): pairs told twice, and borderline ones.
TWICE = {"C03": {(2, 3)}, "C09": {(1, 3)}, "C12": {(1, 2)}, "C20": {(2, 3)}, "C24": {(1, 2)}, "C25": {(2, 3)},
         "C30": {(1, 3)}}  # fmt: skip
BORDERLINE = {"C08": {(1, 3)}, "C10": {(1, 3)}, "C11": {(1, 3)}, "C19": {(1, 2)}}


def stems(text: str | None) -> frozenset[str]:
    return frozenset(content_terms(tokenize(text or "")))


@dataclass(frozen=True)
class HeadlineMarks(FactMarks):
    """core/facts.py's marks and one more: a headline's fact told by both sentences (the form measured)."""

    form: str = "leads"
    share: float = 0.5
    unit_stems: tuple[frozenset[str], ...] = ()
    own_headline: tuple[frozenset[str], ...] = ()  # each unit's article's headline
    story_headlines: tuple[frozenset[str], ...] = ()  # the headlines of the named outlets' articles

    def marked(self, i: int, j: int, cosine: float) -> bool:
        return super().marked(i, j, cosine) or (self._same_day(i, j) and self._headline(i, j, cosine))

    def _headline(self, i: int, j: int, cosine: float) -> bool:
        if self.form == "leads":
            leads = self.lead_time[i] is not None and self.lead_time[j] is not None and cosine < LEAD_FLOOR
            shared = self.unit_stems[i] & self.unit_stems[j]
            own = (self.own_headline[i], self.own_headline[j])
            return leads and self.outlet_name[i] != self.outlet_name[j] and any(self._covers(shared, h) for h in own)
        return all(any(self._covers(self.unit_stems[k], h) for h in self.story_headlines) for k in (i, j))

    def _covers(self, words: frozenset[str], headline: frozenset[str]) -> bool:
        return len(headline) >= HEADLINE_WORDS and len(words & headline) >= self.share * len(headline)


def with_form(form: str):
    """core/facts.py's fact_marks with the headline mark of `form` added (what the pipeline calls)."""

    def marks(units, documents, *, outlets, **options) -> FactMarks:
        found = fact_marks(units, documents, outlets=outlets, **options)
        headlines = [stems(d.title) for d in documents]
        return HeadlineMarks(
            **{f.name: getattr(found, f.name) for f in fields(FactMarks)},
            form="leads" if form == "leads" else "brief",
            share=FORMS[form],
            unit_stems=tuple(frozenset(u.terms) for u in units),
            own_headline=tuple(headlines[u.doc_order] for u in units),
            story_headlines=tuple(h for k, h in enumerate(headlines) if outlets[k]),
        )

    return marks


def digests(stories: dict, half: str) -> dict[str, list[str]]:
    found = {}
    for name, (_, _, documents) in stories.items():
        if name.startswith(half[0].upper()):
            digest = summarize(documents, sentences=3, language="english")
            source = {d.id: d.source for d in digest.documents}
            also = [", ".join(source.get(a, a) for a in s.also_reported_by) for s in digest.sentences]
            found[name] = [
                f"[{source[s.document]}{'; also ' + names if names else ''}] {s.text}"
                for s, names in zip(digest.sentences, also)
            ]
    return found


def changed(stories: dict, form: str, half: str) -> None:
    """The digests the form changes (before, then after), and the stories whose `also` lists alone change."""
    before = digests(stories, half)
    original = pipeline.fact_marks
    pipeline.fact_marks = with_form(form)
    try:
        after = digests(stories, half)
    finally:
        pipeline.fact_marks = original
    for name in before:
        if before[name] != after[name]:
            print(f"## {name} ({form})")
            for k, (old, new) in enumerate(zip(before[name], after[name]), 1):
                print(f"S{k} {'=' if old == new else '-'} {old}" + ("" if old == new else f"\nS{k} + {new}"))
            print()


def shared_headline_table(stories: dict) -> None:
    rows = []
    for name, (_, _, documents) in stories.items():
        if not name.startswith("C"):
            continue
        headlines = [h for h in (stems(c.title) for c in prepare(documents, language="english", jobs=1).cleaned) if h]
        sentences = [stems(s.text) for s in summarize(documents, sentences=3, language="english").sentences]
        for a, b in itertools.combinations(range(len(sentences)), 2):
            share = max(len(sentences[a] & sentences[b] & h) / len(h) for h in headlines)
            pair = (a + 1, b + 1)
            label = (
                "told twice"
                if pair in TWICE.get(name, ())
                else "borderline"
                if pair in BORDERLINE.get(name, ())
                else ""
            )
            rows.append((share, name, pair, label))
    rows.sort(key=lambda row: (-row[0], row[1], row[2]))
    print("| shared share of one headline | story | pair | read as |\n|---|---|---|---|")
    for share, name, (a, b), label in rows:
        if share >= 0.4 or label:
            print(f"| {share:.2f} | {name} | S{a}-S{b} | {label or 'two facts'} |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--form", choices=sorted(FORMS), help="print the digests this form changes")
    parser.add_argument("--half", choices=("choose", "report"), default="choose")
    parser.add_argument("--data", type=Path, default=repeats.DATA)
    args = parser.parse_args()
    if not (args.data / "allsides_days").is_dir():
        sys.exit(f"repeats_headlines: {args.data / 'allsides_days'} is not present")
    stories = repeats.picked_stories(args.data, repeats.READING)
    if args.form:
        changed(stories, args.form, args.half)
    else:
        shared_headline_table(stories)


if __name__ == "__main__":
    main()
