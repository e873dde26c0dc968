"""The order a digest is read in."""

from __future__ import annotations

from typing import Sequence

from .documents import Order, Unit


def order(chosen: Sequence[int], units: Sequence[Unit], scores: Sequence[float], *, how: Order = "article") -> list[int]:
    """Sentence indices in reading order.

    article: the lead fact (best score) first, then the rest by where they
    stand in their articles (relative position), so the digest reads like a
    news story; score: best first; source: input order.
    """
    by_source = sorted(chosen, key=lambda i: (units[i].doc_order, units[i].index))
    if how == "source":
        return by_source
    by_score = sorted(chosen, key=lambda i: (-scores[i], units[i].doc_order, units[i].index))
    if how == "score":
        return by_score
    if how != "article":
        raise ValueError(f"unknown order {how!r}; choose article, score or source")
    if not by_score:
        return []
    # The lead must make sense on its own: no opening pronoun or connective.
    lead = next((i for i in by_score if not units[i].dangling), by_score[0])
    rest = sorted(
        (i for i in chosen if i != lead),
        key=lambda i: (units[i].relative_position, units[i].doc_order, units[i].index),
    )
    return [lead, *rest]
