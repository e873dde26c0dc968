"""Where the outlets of one event differ: figures, contradicted claims, omissions, who had it first, and
coverage by the outlet labels a user keeps.

    figures.py   numbers and what they count; when two differ beyond rounding
    claims.py    negations and opposite words between two sentences of one fact
    find.py      the sentences of one event aligned, and every difference found on them
    labels.py    outlet labels from a TOML or CSV file (or the feed list) and a story's coverage by label
"""

from __future__ import annotations

from ..sources.labels import LabelMap, read_labels
from .figures import Figure, differ, figures_in
from .find import aligned_sentences, differences_step, find_differences, first_reported
from .labels import coverage_of

__all__ = [
    "Figure",
    "LabelMap",
    "aligned_sentences",
    "coverage_of",
    "differ",
    "differences_step",
    "figures_in",
    "find_differences",
    "first_reported",
    "read_labels",
]
