"""One fact in other words: when two sentences whose words differ too much for the TF-IDF cosine still state one
fact, by a mark a reader goes by.

The selection's redundancy rule (a cosine above `redundancy`) catches a fact told twice in shared words. Two
outlets' ways of stating a story's main event share few of them ("President Biden has decided against
appointing his own commission ..." / "President Joe Biden has no plans to create a presidential commission
..."), and no similarity of words or averaged word vectors tells such a pair from two facts of one story
(eval/results/repeats.md). A reader goes by the day and the place in the article: two outlets' leads on one
day state the story's main event. So two sentences state one fact when each is its article's first sentence,
the articles come from two named outlets (different names, not versions of one story) and were published
within a day of each other (both dated), and their TF-IDF cosine is at least `LEAD_FLOOR`. Undated articles,
articles with no outlet name (two stories of one wire service look like two articles), and leads days apart
(WikiNews follow-ups, a wire story and the next day's) are never joined.

Tried and left out, for what they cost (ROUGE-2 ×100 at the sets' standard settings, eval/results/repeats.md):
the same wording (a shared run of three words, two of them lower-case content words: DUC 2003 -0.09,
Multi-News -0.20; of four words, Multi-News -0.09), the same figure (TAC 2011 -0.95: "the 7.0 magnitude
earthquake", "228 people on board" name the event in sentences about other facts), and the same quotation (the
run inside quotation marks in both: Multi-News -0.08); the leads of articles without outlet names cost DUC 2007
B 0.33.

Two more marks, within one day's news of named outlets (both articles dated, within a day, each with an
outlet's name), where a later sentence retells a fact:

- **the same count**: a sentence and another outlet's lead that give one count (a number of 1,000 or more written
  in digits, not a year: "266,000 jobs", "600,000 deaths") and share a word besides. The lead states the day's
  event; another outlet giving its size that day is telling it again. Two later sentences sharing a count are
  not joined: a count often names the event in passing in a sentence about another fact ("the pandemic that has
  killed 3.34 million").
- **the same quotation**: a sentence and another outlet's that carry one quotation: four words in a row inside
  quotation marks, two of them lower-case content words, that the other says too ("ordinary, popular, modern
  rifles", quoted by one outlet and inside a longer quotation of the ruling by another), or two lower-case
  content words shared by quotations of three words or more in both ("does not advance the interests of the
  United States"). A term in quotation marks ("assault weapons", "red line") states nothing, and one shared word
  joins a question to its answer ("so confident" / "I'm not confident"). Within one article no quotation joins:
  a speaker's statements share their topic's words (on DUC 2007 it would join six pairs, all two statements).

Undated articles (TAC 2011, DUC 2003 and Multi-News are undated) are never joined by a mark, so no mark moves
their digests; what they cost is read by hand on allsides days (eval/results/repeats_reading.md) and measured
on the dated DUC 2007 update sets.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import numpy as np

from ..documents import Document, Unit, moment
from ..sentence_analyses import Kind, register, remembered
from ..text import stop_words

__all__ = ["LEAD_FLOOR", "FactMarks", "fact_marks"]

# The least TF-IDF cosine of two same-day leads joined: 0.15 and 0.20 join two leads on two facts of one quake
# day and cost DUC 2007 B (eval/results/repeats.md); 0.25 keeps two of the four pairs read as one fact.
LEAD_FLOOR = 0.25
SAME_DAY = timedelta(hours=24)


# A count: a number of 1,000 or more in digits (thousands separated by commas or not); a year is not one.
_COUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,]*\d)|(?<![\d.,])\d{4,}(?![\d.,]*\d)")
_YEAR = re.compile(r"(?:1[89]|20)\d\d")
# Quotation marks, straight or curly, double or single at a word's edge, and the words inside them.
_QUOTED = re.compile(r"[\"“”„«»]([^\"“”„«»]{3,})[\"“”„«»]|(?<!\w)[‘']([^‘’']{3,})[’'](?!\w)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
QUOTED_RUN = 4  # words in a row of one quotation
# Content words among them, and shared by two quotations: with one, a connective or a question's word joins
# ("of the pandemic"; "confident" / "not confident"); two make a phrase. A title in quotation marks ("Fairness
# in Women's Sports Act") is a name, not a statement: its words are capitalized and do not count.
QUOTED_CONTENT = 2
QUOTED_STATEMENT = 3  # words of a quotation that states something; shorter, it is a term ("red line", "evil")


@dataclass(frozen=True)
class FactMarks:
    """Each unit's marks: its article's date and outlet's name when both are known (and whether it is the
    article's first sentence), its family of versions, its counts, its quoted runs and its runs of words."""

    lead_time: tuple[datetime | None, ...]  # the article's date when the unit is its first sentence
    lead_outlet: tuple[str | None, ...]  # the outlet's name (lower-cased) when the unit is a lead
    outlet: tuple[int, ...]  # the family of versions
    day: tuple[datetime | None, ...] = ()  # the article's date when it and its outlet's name are known
    outlet_name: tuple[str | None, ...] = ()  # the outlet's name (lower-cased) when the article is dated
    counts: tuple[frozenset[str], ...] = ()  # the counts the unit gives
    terms: tuple[frozenset[str], ...] = ()  # its stemmed content terms, numbers left out
    quoted: tuple[frozenset[tuple[str, ...]], ...] = ()  # runs of QUOTED_RUN words inside its quotation marks
    texts: tuple[str, ...] = ()  # each unit's text: its runs of QUOTED_RUN words, read when a quotation is compared
    quoted_words: tuple[frozenset[str], ...] = ()  # the lower-case content words inside its quotation marks
    _runs: dict[str, frozenset[tuple[str, ...]]] = field(default_factory=dict, compare=False, repr=False)

    def one_fact_with(self, chosen: int, others: Sequence[int] | np.ndarray, cosine: np.ndarray) -> np.ndarray:
        """Which of `others` (positions in the units) state the fact of `chosen` by a mark, given their TF-IDF
        cosines with it."""
        return np.asarray([j != chosen and self.marked(chosen, j, float(c)) for j, c in zip(others, cosine)], bool)

    def marked(self, i: int, j: int, cosine: float) -> bool:
        """Whether units i and j (TF-IDF cosine `cosine`) state one fact by a mark: two named outlets' same-day
        leads, a lead's count given again, or one quotation."""
        first, second = self.lead_time[i], self.lead_time[j]
        leads = (
            cosine >= LEAD_FLOOR
            and first is not None
            and second is not None
            and self.outlet[i] != self.outlet[j]
            and self.lead_outlet[i] != self.lead_outlet[j]
            and abs(first - second) <= SAME_DAY
        )
        if leads or not self._same_day(i, j):
            return leads
        two_outlets = self.outlet[i] != self.outlet[j] and self.outlet_name[i] != self.outlet_name[j]
        return two_outlets and (self._same_quotation(i, j) or self._same_count(i, j))

    def _same_day(self, i: int, j: int) -> bool:
        """Both of named outlets' articles, dated within a day."""
        if not self.day:
            return False
        first, second = self.day[i], self.day[j]
        return first is not None and second is not None and abs(first - second) <= SAME_DAY

    def _same_count(self, i: int, j: int) -> bool:
        lead = self.lead_time[i] is not None or self.lead_time[j] is not None
        return lead and bool(self.counts[i] & self.counts[j]) and bool(self.terms[i] & self.terms[j])

    def _runs_of(self, unit: int) -> frozenset[tuple[str, ...]]:
        """Every run of QUOTED_RUN words of the unit: read only for a unit compared with a quotation (most sentences
        quote nothing), once per text."""
        text = self.texts[unit]
        found = self._runs.get(text)
        if found is None:
            found = self._runs[text] = frozenset(_runs(_words(text)))
        return found

    def _same_quotation(self, i: int, j: int) -> bool:
        said = bool(self.quoted[i] and self.quoted[i] & self._runs_of(j))
        said = said or bool(self.quoted[j] and self.quoted[j] & self._runs_of(i))
        return said or len(self.quoted_words[i] & self.quoted_words[j]) >= QUOTED_CONTENT


def fact_marks(
    units: Sequence[Unit],
    documents: Sequence[Document],
    *,
    outlets: Sequence[str | None],
    outlet_of: Callable[[int], int] = lambda doc_order: doc_order,
    language: str = "english",
) -> FactMarks:
    """The marks of every unit (see the module docstring): `outlets` names each document's outlet (None when
    unknown); versions of one story are one outlet (`outlet_of`)."""
    dates = [_parsed(d.date) if outlets[k] else None for k, d in enumerate(documents)]
    leads = [u.index == 0 and dates[u.doc_order] is not None for u in units]
    names = [(outlets[k] or "").lower() if dates[k] is not None else None for k in range(len(documents))]
    stop = stop_words(language)
    # Copies and versions of one story repeat their sentences word for word: each distinct text is read once.
    read: dict[tuple[str, tuple[str, ...]], _TextMarks] = {}
    marks = [
        read.get(key) or read.setdefault(key, _text_marks(*key, stop)) for key in ((u.text, u.terms) for u in units)
    ]
    return FactMarks(
        lead_time=tuple(dates[u.doc_order] if lead else None for u, lead in zip(units, leads)),
        lead_outlet=tuple((outlets[u.doc_order] or "").lower() if lead else None for u, lead in zip(units, leads)),
        outlet=tuple(outlet_of(u.doc_order) for u in units),
        day=tuple(dates[u.doc_order] for u in units),
        outlet_name=tuple(names[u.doc_order] for u in units),
        counts=tuple(m[0] for m in marks),
        terms=tuple(m[1] for m in marks),
        quoted=tuple(m[2] for m in marks),
        texts=tuple(u.text for u in units),
        quoted_words=tuple(m[3] for m in marks),
    )


# What a sentence's text and terms give: counts, terms without numbers, quoted runs, quoted words.
_TextMarks = tuple[frozenset[str], frozenset[str], frozenset[tuple[str, ...]], frozenset[str]]


def _text_marks(text: str, terms: tuple[str, ...], stop: frozenset[str]) -> _TextMarks:
    counts, runs, words = remembered("marks", text, lambda text: _marks_of_text(text, stop))
    return counts, frozenset(t for t in set(terms) if not any(map(str.isdigit, t))), runs, words  # a term once


def _marks_of_text(
    text: str, stop: frozenset[str]
) -> tuple[frozenset[str], frozenset[tuple[str, ...]], frozenset[str]]:
    """What the text alone gives (the stop words are the story's language's: kept analyses are by language)."""
    quotations = _quotations(text, stop)
    return _counts(text), _quoted_runs(quotations), _quoted_words(quotations)


register("marks", Kind(lambda marks: [sorted(marks[0]), sorted(map(list, marks[1])), sorted(marks[2])],
                       lambda row: (frozenset(row[0]), frozenset(map(tuple, row[1])), frozenset(row[2]))))  # fmt: skip


def _counts(text: str) -> frozenset[str]:
    """The counts a sentence gives, without their separators."""
    found = (m.replace(",", "") for m in _COUNT.findall(text))
    return frozenset(c for c in found if not (len(c) == 4 and _YEAR.fullmatch(c)))


def _words(text: str) -> list[str]:
    return [w.replace("’", "'") for w in _WORD.findall(text)]


def _runs(words: list[str]) -> list[tuple[str, ...]]:
    lowered = [w.lower() for w in words]
    return [tuple(lowered[k : k + QUOTED_RUN]) for k in range(len(words) - QUOTED_RUN + 1)]


def _quotations(text: str, stop: frozenset[str]) -> list[tuple[list[str], list[bool]]]:
    """The words inside each pair of quotation marks, and which are lower-case content words."""
    found = []
    for match in _QUOTED.finditer(text):
        words = _words(match.group(1) or match.group(2))
        found.append((words, [w[0].islower() and w.lower() not in stop for w in words]))
    return found


def _quoted_runs(quotations: list[tuple[list[str], list[bool]]]) -> frozenset[tuple[str, ...]]:
    """The runs of QUOTED_RUN words inside one pair of quotation marks (`_quotations`) with QUOTED_CONTENT
    lower-case content words among them."""
    return frozenset(
        run
        for words, content in quotations
        for k, run in enumerate(_runs(words))
        if sum(content[k : k + QUOTED_RUN]) >= QUOTED_CONTENT
    )


def _quoted_words(quotations: list[tuple[list[str], list[bool]]]) -> frozenset[str]:
    """The lower-case content words inside the sentence's quotation marks (`_quotations`)."""
    return frozenset(
        w.lower()
        for words, content in quotations
        if len(words) >= QUOTED_STATEMENT
        for w, c in zip(words, content)
        if c
    )


def _parsed(date: str | None) -> datetime | None:
    """A document's date as a naive UTC datetime (a date alone is its midnight), or None; ISO 8601 only: the
    newswire sets' dates leave their articles undated here, so no mark moves their digests."""
    found = moment(date)
    return found.astimezone(timezone.utc).replace(tzinfo=None) if found is not None else None
