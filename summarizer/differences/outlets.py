"""Which articles are one outlet, and when each was written.

Two articles are one outlet when they carry one source name, or when they are versions of one story (a family:
a syndicated copy, an updated wire story), and so on through both relations: the Daily Mirror's copy of an AP
story is one outlet with AP's story, which is one outlet with AP's later story. An outlet never confirms, leaves
out or contradicts what another of its own articles says.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence

from ..documents import Document
from ..documents import moment as document_moment
from ..sources.labels import outlet_key

__all__ = ["moment", "outlet_groups"]


def moment(date: str | None) -> datetime.datetime | None:
    """The time a date stands for (UTC when it names no zone; newswire archives' forms too), or None."""
    return document_moment(date, newswire=True)


def outlet_groups(documents: Sequence[Document], family_of: Callable[[int], int]) -> list[int]:
    """Each document's outlet, as the position of the outlet's first document: documents of one source name
    and versions of one story (`family_of`: a document position -> its family's first) are one outlet."""
    parent = list(range(len(documents)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    def join(a: int, b: int) -> None:
        a, b = find(a), find(b)
        parent[max(a, b)] = min(a, b)

    first_of_name: dict[str, int] = {}
    for position, document in enumerate(documents):
        join(position, family_of(position))
        name = outlet_key(document.source or "")
        if name:
            join(position, first_of_name.setdefault(name, position))
    return [find(position) for position in range(len(documents))]
