"""Which of the day's stories show, and in what order.

A story counts the distinct outlets of its articles (a copy of another outlet's article counts for the
original's), each weighed by the feed list's `weight` (1 unless set). Stories rank by that sum, then by
articles, then by their newest article, then by input order. With `hot_hours` they rank first by the
outlets that reported them in the last hours before the day's newest article (its timestamp, not the
clock: the same articles always rank the same). `min_sources` leaves out stories fewer outlets cover.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from ..documents import CleanDocument, Document, moment
from .grouping import ArticleVectors, copies_in
from .options import DailyOptions

__all__ = ["Candidate", "outlet_of", "rank_stories"]

# A story before its digest: its articles (indices into the day), copies (copy -> original), the originals,
# the distinct outlets and the latest date.
Candidate = tuple[list[int], dict[int, int], list[int], tuple[str, ...], str | None]


def outlet_of(document: Document, cleaned: CleanDocument) -> str:
    return cleaned.source or document.source or document.id


def _negated(date: str | None) -> tuple:
    """Sort key putting later dates first and undated stories last."""
    if not date:
        return (1, "")
    return (0, "".join(chr(0x10FFFF - ord(c)) for c in date))


def _sort_key(
    documents: Sequence[Document], cleaned: Sequence[CleanDocument], settings: DailyOptions
) -> Callable[[Candidate], tuple]:
    weights = dict(settings.outlet_weights)
    times = [moment(d.date, with_time=True) for d in documents]  # a date alone says nothing of the hour
    known = [t for t in times if t is not None]
    since = max(known) - datetime.timedelta(hours=settings.hot_hours) if settings.hot_hours and known else None

    def key(candidate: Candidate) -> tuple:
        members, _copies, originals, outlets, latest = candidate
        usual = (-sum(weights.get(o, 1.0) for o in outlets), -len(originals), _negated(latest), members[0])
        if since is None:
            return usual
        recent = {outlet_of(documents[i], cleaned[i]) for i in originals if (t := times[i]) is not None and t >= since}
        return (-sum(weights.get(o, 1.0) for o in recent), *usual)

    return key


def rank_stories(
    groups: Sequence[list[int]],
    vectors: ArticleVectors,
    documents: Sequence[Document],
    cleaned: Sequence[CleanDocument],
    settings: DailyOptions,
) -> tuple[list[Candidate], int, int]:
    """The stories to summarise, best first (see the module docstring), at most `settings.stories`; how many
    `min_sources` left out; and the most outlets any story had."""
    ranked: list[Candidate] = []
    for members in groups:
        copies = copies_in(members, vectors, settings.grouping.duplicate)
        originals = [i for i in members if i not in copies]
        outlets = tuple(dict.fromkeys(outlet_of(documents[i], cleaned[i]) for i in originals))
        dates = [date for i in members if (date := documents[i].date)]
        ranked.append((members, copies, originals, outlets, max(dates) if dates else None))
    found = len(ranked)
    most = max((len(c[3]) for c in ranked), default=0)
    ranked = [c for c in ranked if len(c[3]) >= (settings.min_sources or 0)]
    ranked.sort(key=_sort_key(documents, cleaned, settings))
    return (ranked[: settings.stories] if settings.stories is not None else ranked), found - len(ranked), most
