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
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from ..documents import Document, Unit

__all__ = ["LEAD_FLOOR", "FactMarks", "fact_marks"]

# The least TF-IDF cosine of two same-day leads joined: 0.15 and 0.20 join two leads on two facts of one quake
# day and cost DUC 2007 B (eval/results/repeats.md); 0.25 keeps two of the four pairs read as one fact.
LEAD_FLOOR = 0.25
SAME_DAY = timedelta(hours=24)


@dataclass(frozen=True)
class FactMarks:
    """Each unit's marks: when it is a dated lead of a named outlet, the article's date and the outlet's name;
    and its family of versions."""

    lead_time: tuple[datetime | None, ...]  # the article's date when the unit is its first sentence
    lead_outlet: tuple[str | None, ...]  # the outlet's name (lower-cased) when the unit is a lead
    outlet: tuple[int, ...]  # the family of versions

    def one_fact_with(self, chosen: int, others: Sequence[int] | np.ndarray, cosine: np.ndarray) -> np.ndarray:
        """Which of `others` (positions in the units) state the fact of `chosen` by a mark, given their TF-IDF
        cosines with it."""
        return np.asarray([j != chosen and self.marked(chosen, j, float(c)) for j, c in zip(others, cosine)], bool)

    def marked(self, i: int, j: int, cosine: float) -> bool:
        """Whether units i and j (TF-IDF cosine `cosine`) are two named outlets' same-day leads on one fact."""
        first, second = self.lead_time[i], self.lead_time[j]
        return (
            cosine >= LEAD_FLOOR
            and first is not None
            and second is not None
            and self.outlet[i] != self.outlet[j]
            and self.lead_outlet[i] != self.lead_outlet[j]
            and abs(first - second) <= SAME_DAY
        )


def fact_marks(
    units: Sequence[Unit],
    documents: Sequence[Document],
    *,
    outlets: Sequence[str | None],
    outlet_of: Callable[[int], int] = lambda doc_order: doc_order,
) -> FactMarks:
    """The marks of every unit (see the module docstring): `outlets` names each document's outlet (None when
    unknown); versions of one story are one outlet (`outlet_of`)."""
    dates = [_parsed(d.date) if outlets[k] else None for k, d in enumerate(documents)]
    leads = [u.index == 0 and dates[u.doc_order] is not None for u in units]
    return FactMarks(
        lead_time=tuple(dates[u.doc_order] if lead else None for u, lead in zip(units, leads)),
        lead_outlet=tuple((outlets[u.doc_order] or "").lower() if lead else None for u, lead in zip(units, leads)),
        outlet=tuple(outlet_of(u.doc_order) for u in units),
    )


def _parsed(date: str | None) -> datetime | None:
    """A document's date as a naive UTC datetime (a date alone is its midnight), or None."""
    if not date:
        return None
    try:
        parsed = datetime.fromisoformat(date.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is not None:
        parsed = (parsed - parsed.utcoffset()).replace(tzinfo=None)  # type: ignore[operator]
    return parsed
