"""The order a digest is read in (see ORDERS)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from ..documents import Unit

__all__ = ["ORDERS", "Ordering", "order"]

OrderFunction = Callable[[Sequence[int], Sequence[Unit], Sequence[float]], list[int]]


def _by_source(chosen: Sequence[int], units: Sequence[Unit], scores: Sequence[float]) -> list[int]:
    return sorted(chosen, key=lambda i: (units[i].doc_order, units[i].index))


def _by_score(chosen: Sequence[int], units: Sequence[Unit], scores: Sequence[float]) -> list[int]:
    return sorted(chosen, key=lambda i: (-scores[i], units[i].doc_order, units[i].index))


def _as_article(chosen: Sequence[int], units: Sequence[Unit], scores: Sequence[float]) -> list[int]:
    by_score = _by_score(chosen, units, scores)
    if not by_score:
        return []
    # The lead must make sense on its own: no opening pronoun or connective.
    lead = next((i for i in by_score if not units[i].dangling), by_score[0])
    rest = sorted(
        (i for i in chosen if i != lead),
        key=lambda i: (units[i].relative_position, units[i].doc_order, units[i].index),
    )
    return [lead, *rest]


@dataclass(frozen=True)
class Ordering:
    arrange: OrderFunction
    description: str


ORDERS: dict[str, Ordering] = {
    "article": Ordering(
        _as_article,
        "the lead fact (best score) first, then the rest by where they stand in "
        "their articles, so the digest reads like a news story",
    ),
    "score": Ordering(_by_score, "best first"),
    "source": Ordering(_by_source, "input order"),
}


def order(chosen: Sequence[int], units: Sequence[Unit], scores: Sequence[float], *, how: str) -> list[int]:
    """Sentence indices in reading order (see ORDERS)."""
    return ORDERS[how].arrange(chosen, units, scores)
