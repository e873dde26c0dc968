"""The pruned vectors of a large day's neighbour search (summarizer.stories.candidates)."""

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from summarizer.stories.candidates import (
    CANDIDATE_MAX_ARTICLES,
    COMMON_WINDOW,
    FILL_BELOW,
    candidate_vectors,
    filling_counts,
)


def _day(seed: int = 0) -> sp.csr_matrix:
    """600 reports of one event, whose 40 words are all in more than CANDIDATE_MAX_ARTICLES articles, and 300
    articles of 100 small stories, each with rare words of its own."""
    rng = np.random.default_rng(seed)
    rows, cols = [], []
    for article in range(600):
        words = np.flatnonzero(rng.random(40) < 0.8)
        rows += [article] * len(words)
        cols += words.tolist()
    for article in range(600, 900):
        story = (article - 600) // 3
        words = 40 + 30 * story + np.flatnonzero(rng.random(30) < 0.8)
        rows += [article] * len(words)
        cols += words.tolist()
    counts = sp.csr_matrix((rng.random(len(rows)) + 0.5, (rows, cols)), shape=(900, 40 + 30 * 100))
    return sp.csr_matrix(counts.multiply(1 / np.sqrt(counts.multiply(counts).sum(axis=1))))


def test_the_reports_of_an_event_every_article_reports_find_each_other_in_windows():
    body = _day()
    assert np.bincount(body.indices)[:40].min() > CANDIDATE_MAX_ARTICLES  # the event's words are all common
    candidates = candidate_vectors(body)
    windows = candidates[:, body.shape[1] :]
    assert windows[:600].nnz > 0 and windows[600:].nnz == 0  # the small stories have their rare words
    assert np.bincount(windows.indices).max() <= COMMON_WINDOW  # pairs grow with the articles
    product = sp.csr_matrix(candidates[:600] @ candidates[:600].T)
    assert connected_components(product, directed=False)[0] == 1  # the windows overlap: one event
    # Articles with FILL_BELOW rare terms or more keep only those.
    assert (candidates[600:, : body.shape[1]] != sp.csr_matrix(body[600:])).nnz == 0
    assert FILL_BELOW <= 30


def test_a_days_parts_make_the_rows_the_whole_day_makes():
    body = _day(1)
    df = np.bincount(body.indices, minlength=body.shape[1])
    whole = candidate_vectors(body)
    parts = [body[:250], body[250:700], body[700:]]
    fills = [filling_counts(part, df) for part in parts]
    made = [candidate_vectors(part, df, before=np.sum(fills[:k], axis=0) if k else np.zeros_like(fills[0]),
                              filling=np.sum(fills, axis=0)) for k, part in enumerate(parts)]  # fmt: skip
    stacked = sp.csr_matrix(sp.vstack(made))
    assert stacked.shape == whole.shape and (stacked != whole).nnz == 0
