"""One figure's versions as one line: a conflict between outlets, an update an outlet made to its own figure, or a
later report by other outlets; who is on which side, and the time of each first report."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from ..documents import Difference, DifferenceValue, Document, FigureChange, Unit
from .figures import Figure
from .outlets import moment

__all__ = ["bodies_over_headlines", "figure_difference", "one_side_each"]


def _when(date: str | None) -> str | None:
    """A first report's time as the JSON gives it: UTC to the minute, or the day alone when the date has no time."""
    found = moment(date)
    if found is None or date is None:
        return None
    if ":" not in date and found.time() == datetime.time(0):
        return found.date().isoformat()
    return found.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def figure_difference(
    versions: list[tuple[Figure, list[int]]], units: Sequence[Unit], documents: dict[str, Document],
    source_of: dict[str, str | None],
) -> Difference | None:  # fmt: skip
    """One figure's versions. When every article of a later version is later than every one before, it is an
    update if an outlet of an earlier version gives the later figure (it revised its own), else a later report
    by other outlets, which is no correction of the first. Otherwise the figures differ, which takes two sources
    (two articles where none is named): a source on two sides (two figures of its own at no clear order) says
    nothing against another."""
    versions = bodies_over_headlines(versions, units)
    if len(versions) < 2:
        return None
    moments = {s: moment(documents[units[s].document].date) for _, group in versions for s in group}
    known = {s: t for s, t in moments.items() if t is not None}
    told = [{source_of.get(units[s].document) or units[s].document for s in group} for _, group in versions]
    change: FigureChange = "differ"
    if len(known) == len(moments):
        order = sorted(range(len(versions)), key=lambda k: min(known[s] for s in versions[k][1]))
        versions, told = [versions[k] for k in order], [told[k] for k in order]
        spans = [(min(known[s] for s in group), max(known[s] for s in group)) for _, group in versions]
        if all(spans[k][1] < spans[k + 1][0] for k in range(len(spans) - 1)):
            revised = all(told[k] & set().union(*told[:k]) for k in range(1, len(told)))
            change = "update" if revised else "later"
    if change == "differ" and sum(len(t) for t in told) != len(set().union(*told)):
        versions, told = one_side_each(versions, told, units, source_of)
        if len(versions) < 2:
            return None

    def first_report(group: list[int]) -> str | None:  # when the figure was first given, for an update or later
        return _when(documents[units[min(group, key=known.__getitem__)].document].date) if change != "differ" else None

    values = tuple(DifferenceValue(figure.text, tuple(dict.fromkeys(units[s].document for s in group)),
                                   first_report(group)) for figure, group in versions)  # fmt: skip
    sentences = tuple(sorted({(units[s].document, units[s].index) for _, group in versions for s in group}))
    return Difference("figure", values, sentences, measure=versions[0][0].measure, change=change)


def one_side_each(
    versions: list[tuple[Figure, list[int]]], told: list[set[str]], units: Sequence[Unit],
    source_of: dict[str, str | None],
) -> tuple[list[tuple[Figure, list[int]]], list[set[str]]]:  # fmt: skip
    """The versions without the source on two sides: its two figures say nothing against each other, but the other
    outlets' still differ (ECB+ 31ecbplus: omaha.com's Artino "14 points" and Echenique "11 points" joined the
    planted "20 points" / "14 points" of two others). When several sources are on two sides, each tells two things
    by its own account (10ecbplus: the Orioles' "seven-year" offer and the Red Sox' "eight-year" one): nothing."""
    twice = {source for k, sources in enumerate(told) for other in told[k + 1 :] for source in sources & other}
    if len(twice) > 1:
        return [], []
    kept = []
    for figure, group in versions:
        left = [s for s in group if (source_of.get(units[s].document) or units[s].document) not in twice]
        if left:
            kept.append((figure, left))
    return kept, [{source_of.get(units[s].document) or units[s].document for s in group} for _, group in kept]


def bodies_over_headlines(
    versions: list[tuple[Figure, list[int]]], units: Sequence[Unit]
) -> list[tuple[Figure, list[int]]]:  # fmt: skip
    """The versions without a headline (index -1) whose own article's sentences give another of them: the article's
    account is its sentences ("Biden to Propose $6 Trillion Budget" over a body that says $8 trillion: a headline is
    written apart, and may lag the text), and the article is no outlet on two sides."""
    bodies = [{units[s].document for s in group if units[s].index >= 0} for _, group in versions]
    kept = []
    for k, (figure, group) in enumerate(versions):
        elsewhere = set().union(*(found for m, found in enumerate(bodies) if m != k))
        left = [s for s in group if units[s].index >= 0 or units[s].document not in elsewhere]
        if left:
            kept.append((figure, left))
    return kept
