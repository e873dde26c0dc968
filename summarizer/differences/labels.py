"""A story's coverage by the outlet labels a user keeps (summarizer.sources.labels reads them).

An article no label matches counts as "unlabelled". A story is a blindspot under a label name (leaning) when
the map knows at least two values of that name and the story's labelled articles, from at least two outlets,
all carry one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from ..documents import Coverage, Document
from ..sources.labels import UNLABELLED, LabelMap, outlet_key

__all__ = ["coverage_of"]


def coverage_of(documents: Sequence[Document], labels: LabelMap) -> Coverage:
    """How many of the articles come from each label ("leaning=left"; "unlabelled"), and the label names under
    which the story is covered from one side only."""
    counts: Counter[str] = Counter()
    sides: dict[str, set[str]] = {}
    outlets = set()
    for document in documents:
        found = labels.labels_of(document)
        if not found:
            counts[UNLABELLED] += 1
            continue
        outlets.add(outlet_key(document.source or document.url or document.id))
        for name, value in sorted(found.items()):
            counts[f"{name}={value}"] += 1
            sides.setdefault(name, set()).add(value)
    known: dict[str, set[str]] = {}
    for outlet_labels in labels.outlets.values():
        for name, value in outlet_labels.items():
            known.setdefault(name, set()).add(value)
    blind = tuple(f"{name}={next(iter(values))}" for name, values in sorted(sides.items())
                  if len(values) == 1 and len(known.get(name, ())) >= 2 and len(outlets) >= 2)  # fmt: skip
    return Coverage(dict(sorted(counts.items())), blind)
