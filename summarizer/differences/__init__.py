"""Where the outlets of one event differ: figures, contradicted claims, omissions, who had it first, and
coverage by the outlet labels a user keeps.

    figures.py   numbers and what they count (ranges, ages, durations, dates)
    agree.py     when two figures count one thing, and when they differ beyond rounding
    claims.py    negations and opposite words between two sentences of one fact
    align.py     which sentences of different outlets state one fact (words, and meaning where installed)
    outlets.py   which articles are one outlet (a source name, a family of versions) and when each was written
    omissions.py facts an outlet leaves out, and facts only one outlet tells, with the evidence for them
    quotes.py    who is quoted in a sentence, so a quotation is shown with its speaker
    find.py      every difference found on one event's sentences (the differences step)
    sides.py     one figure's versions as one line: a conflict, an update or a later report, and who is on which side
    labels.py    outlet labels from a TOML or CSV file (or the feed list) and a story's coverage by label
"""

from __future__ import annotations

from ..sources.labels import LabelMap, read_labels
from .agree import differ
from .figures import Figure, figures_in
from .find import differences_step, find_differences, first_reported
from .labels import coverage_of

__all__ = [
    "Figure",
    "LabelMap",
    "coverage_of",
    "differ",
    "differences_step",
    "figures_in",
    "find_differences",
    "first_reported",
    "read_labels",
]
