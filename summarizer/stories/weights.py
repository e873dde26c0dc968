"""The grouping's TF-IDF, in the steps both the local grouping (tfidf_rows, over the whole day at once) and
the cluster's (scaleout, chunk by chunk with the day's columns and IDF) take: one formula, so a chunk's rows are
bit for bit the day's."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from ..core.represent import normalised_rows

__all__ = ["FirstSeenColumns", "idf_of", "term_counts", "tfidf_rows", "weighted_rows"]


class FirstSeenColumns(dict[str, int]):
    """Each term's column, numbered in the order terms are first looked up: `columns[term]` numbers a new term.
    A lookup runs in C (a miss alone calls __missing__): on a day's tens of millions of terms 1.6x quicker than
    `setdefault` called from a Python function, the same columns."""

    def __missing__(self, term: str) -> int:
        self[term] = column = len(self)
        return column


def term_counts(
    rows: Sequence[Sequence[str]], column_of: Callable[[str], int], width: Callable[[], int]
) -> sp.csr_matrix:
    """Each row's term counts, each term in column `column_of(term)`; `width()` is read once every term is numbered."""
    # Arrays, not lists: a large day's body terms are tens of millions (a list costs 8 bytes a term and its
    # conversion 8 more; the same matrix either way).
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(terms) for terms in rows])
    total = int(indptr[-1])
    indices = np.fromiter(map(column_of, itertools.chain.from_iterable(rows)), np.int32, total)
    counts = sp.csr_matrix((np.ones(total), indices, indptr), shape=(len(rows), width()))
    del indices
    counts.sum_duplicates()
    return counts


def idf_of(frequency: np.ndarray, articles: int, *, common_share: float | None = None) -> np.ndarray:
    """Smoothed IDF of document frequencies (float64) among `articles`. A term in most of the day's articles keeps
    its (small) weight: dropping such terms split a day that one event fills (each ECB+ topic grouped as a day of
    its own: B3 F1 0.742 with terms in over half the articles dropped, 0.882 without; the piles of many stories
    unchanged: eval/results/grouping.md). With `common_share`, in piles of 20+ articles a term in more than that
    share of them weighs nothing (the learned vectors' material: see grouping.LEARNED_COMMON_SHARE)."""
    idf = np.log((articles + 1.0) / (frequency + 1.0)) + 1.0
    if common_share is not None and articles >= 20:
        idf[frequency > common_share * articles] = 0.0
    return idf


def weighted_rows(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """L2-normalised rows of sublinear tf times IDF (counts changed in place)."""
    counts.data = 1.0 + np.log(counts.data)
    weighted = sp.csr_matrix(counts.multiply(idf[np.newaxis, :]))
    weighted.eliminate_zeros()
    return normalised_rows(weighted)


def tfidf_rows(
    rows: Sequence[Sequence[str]], vocabulary: list[str] | None = None, *, common_share: float | None = None
) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of term lists (sublinear tf, smoothed IDF; idf_of's `common_share`); the terms of
    the columns are appended to `vocabulary` when it is given."""
    column = FirstSeenColumns()
    counts = term_counts(rows, column.__getitem__, lambda: max(len(column), 1))
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    if vocabulary is not None:
        vocabulary.extend(column)
    return weighted_rows(counts, idf_of(df, len(rows), common_share=common_share))
