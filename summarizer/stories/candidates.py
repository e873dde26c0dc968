"""The pruned vectors that find a large day's neighbour candidates (grouping.neighbour_graph, the incremental
search, the cluster's chunks): a product of two of them scores the pairs worth scoring exactly.

Each article keeps its CANDIDATE_TERMS strongest terms among those of at most CANDIDATE_MAX_ARTICLES articles:
a rare term names a story, and its articles' pairs stay few. An article with almost none (a report of an event
that hundreds of articles report: its words are all common) fills up with its strongest common terms,
each cut into windows of COMMON_WINDOW of the articles that fill with it: articles in one window are
candidates, so the pairs grow with the articles, not with their square. A term's windows start at an offset of
its own (its column), so the windows of an event's terms overlap and join all its articles.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = [
    "CANDIDATE_MAX_ARTICLES",
    "CANDIDATE_TERMS",
    "COMMON_WINDOW",
    "FILL_BELOW",
    "candidate_vectors",
    "filling_counts",
    "top_per_row",
]

CANDIDATE_TERMS = 50  # chosen on 6,000 bench articles: grouping ARI 0.98 against exact search, 1.6x faster
CANDIDATE_MAX_ARTICLES = 200  # a term in more articles than this finds candidates no better than others do
# Articles that fill with one common term are candidates in windows of this many (600 copies of one report on
# a day of 10,600 articles: 600 stories of one article without them).
COMMON_WINDOW = 20
# Articles with fewer rare terms than this fill up. Measured on the bench's days (eval/bench_daily.py edits, one
# day, scored against the events of the articles copied): at 10,000 articles filling below 1, 10, 25 and 50 rare
# terms gave B3 F1 0.6578, 0.6581, 0.6568, 0.6571 (none: 0.6583); at 100,000, 10 and 50 gave 0.3666 and 0.3672
# (none: 0.3167).
FILL_BELOW = 10


def top_per_row(rows: np.ndarray, cols: np.ndarray, data: np.ndarray, k: int) -> tuple[np.ndarray, ...]:
    """The k largest entries of each row (ties broken by column), sorted by row."""
    order = np.lexsort((cols, -data, rows))
    rows, cols, data = rows[order], cols[order], data[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    keep = rank < k
    return rows[keep], cols[keep], data[keep]


def _rare_and_filling(body: sp.csr_matrix, df: np.ndarray) -> tuple[tuple[np.ndarray, ...], tuple[np.ndarray, ...]]:
    """Each article's strongest rare terms, and the strongest common terms it fills up with (rows, columns,
    weights each)."""
    coo = body.tocoo()
    rare = df[coo.col] <= CANDIDATE_MAX_ARTICLES
    kept = top_per_row(coo.row[rare], coo.col[rare], coo.data[rare], CANDIDATE_TERMS)
    have = np.bincount(kept[0], minlength=body.shape[0])
    short = np.where(have < FILL_BELOW, CANDIDATE_TERMS - have, 0)
    rows, cols, data = top_per_row(coo.row[~rare], coo.col[~rare], coo.data[~rare], CANDIDATE_TERMS)
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    filling = rank < short[rows]
    return kept, (rows[filling], cols[filling], data[filling])


def filling_counts(body: sp.csr_matrix, df: np.ndarray | None = None) -> np.ndarray:
    """How many of these articles fill up with each term (`df`: of the day, when `body` is a part of it)."""
    df = np.bincount(body.indices, minlength=body.shape[1]) if df is None else df
    return np.bincount(_rare_and_filling(body, df)[1][1], minlength=body.shape[1]).astype(np.int64)


def candidate_vectors(
    body: sp.csr_matrix, df: np.ndarray | None = None, *, before: np.ndarray | None = None,
    filling: np.ndarray | None = None,
) -> sp.csr_matrix:  # fmt: skip
    """The articles' pruned vectors: rare terms in their columns, common ones in a column per window. `df`,
    `before` and `filling` are the day's when `body` is a part of it: document frequencies, how many articles of
    the parts before this one fill up with each term, and how many of the whole day do (filling_counts)."""
    df = np.bincount(body.indices, minlength=body.shape[1]) if df is None else df
    (rows, cols, data), (fill_rows, fill_cols, fill_data) = _rare_and_filling(body, df)
    width = body.shape[1]
    filling = np.bincount(fill_cols, minlength=width) if filling is None else filling
    before = np.zeros(width, dtype=np.int64) if before is None else before
    offset = np.arange(width) % COMMON_WINDOW
    windows = np.where(filling > 0, (filling + offset + COMMON_WINDOW - 1) // COMMON_WINDOW, 0)
    first_window = width + np.concatenate([[0], np.cumsum(windows)[:-1]])
    order = np.lexsort((fill_rows, fill_cols))  # each term's articles in the day's order
    fill_rows, fill_cols, fill_data = fill_rows[order], fill_cols[order], fill_data[order]
    place = before[fill_cols] + np.arange(len(fill_cols)) - np.searchsorted(fill_cols, fill_cols, side="left")
    window_cols = first_window[fill_cols] + (place + offset[fill_cols]) // COMMON_WINDOW
    entries = (np.concatenate([rows, fill_rows]), np.concatenate([cols, window_cols]))
    return sp.csr_matrix(
        (np.concatenate([data, fill_data]), entries), shape=(body.shape[0], width + int(windows.sum()))
    )
