"""Which other outlets report a sentence: the `also` list of a digest sentence, and the sentences of other outlets
that state its fact (what the abstractive mode fuses). Two sentences state one fact when their TF-IDF cosine
passes the digest's redundancy threshold, or when a mark joins them (`marks`, core/facts.py: two outlets'
same-day leads, a lead's count given again, one quotation); versions of one story are one outlet
(`outlet_of`) and never confirm each other."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from ..documents import Unit
from .facts import FactMarks

__all__ = ["MAX_FUSED_SOURCES", "also_reported_by", "same_fact_groups"]

MAX_FUSED_SOURCES = 4


def same_fact_groups(
    units: Sequence[Unit],
    tfidf: sp.csr_matrix,
    threshold: float,
    *,
    outlet_of: Callable[[int], int] = lambda doc_order: doc_order,
) -> Callable[[Sequence[int]], dict[int, list[int]]]:
    """For candidate sentences (indices into units): the sentences of other outlets that state the same fact,
    most similar first, at most MAX_FUSED_SOURCES (what the abstractive mode rewrites a sentence from)."""
    return lambda candidates: also_reported_by(candidates, units, tfidf, threshold, outlet_of=outlet_of)[1]


def also_reported_by(
    chosen: Sequence[int],
    units: Sequence[Unit],
    tfidf: sp.csr_matrix,
    threshold: float,
    *,
    outlet_of: Callable[[int], int] = lambda doc_order: doc_order,
    ids: Sequence[str] = (),
    marks: FactMarks | None = None,
) -> tuple[dict[int, tuple[str, ...]], dict[int, list[int]]]:
    """For each chosen sentence: the other outlets with a sentence stating the same fact, and that sentence
    (the most similar one of each such outlet, best first). Versions of one story are one outlet
    (`outlet_of`: a document's family), named by its first document (`ids`: every document's id). With
    `marks`, another outlet's sentence a mark joins to it (core/facts.py) confirms it too."""
    if not chosen:
        return {}, {}
    similarities = sp.csr_matrix(tfidf[list(chosen)] @ tfidf.T)
    doc_of = np.asarray([outlet_of(u.doc_order) for u in units])
    doc_ids: dict[int, str] = dict(enumerate(ids))
    for unit in units:  # without `ids`: a family whose first document kept no sentence is named by another
        doc_ids.setdefault(unit.doc_order, unit.document)
        doc_ids.setdefault(outlet_of(unit.doc_order), unit.document)
    reported: dict[int, tuple[str, ...]] = {}
    same_fact: dict[int, list[int]] = {}
    for row, i in enumerate(chosen):
        start, stop = similarities.indptr[row], similarities.indptr[row + 1]
        best: dict[int, tuple[float, int]] = {}
        for column, value in zip(similarities.indices[start:stop], similarities.data[start:stop]):
            document = int(doc_of[column])
            stronger = document not in best or (value, -column) > (best[document][0], -best[document][1])
            same = value > threshold or (marks is not None and marks.marked(i, int(column), value))
            if same and document != doc_of[i] and stronger:
                best[document] = (float(value), int(column))
        reported[i] = tuple(doc_ids[d] for d in sorted(best))
        ranked = sorted(best.values(), key=lambda pair: (-pair[0], pair[1]))
        same_fact[i] = [column for _, column in ranked[:MAX_FUSED_SOURCES] if units[column].eligible]
    return reported, same_fact
