"""Stories across days: a group of today's articles that reports an open story of the archive continues it.

The archive keeps each article's grouping terms (stories.grouping.ArticleTerms); today's groups are compared
with the open stories by their centroids, lowered by the days between them more slowly than the grouping
lowers the similarity of one event's articles: a story lasts, its events do not.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from ..core.represent import normalised_rows
from ..documents import EarlierStory
from .grouping import ArticleTerms, vectors_of

__all__ = ["LINK_SIMILARITY", "continued", "continuing_days_factor", "link_to_history"]

# Centroid cosine at or above which today's group continues an open story (eval/linking.py chose it on the
# DUC 2007 update sets mixed into unrelated news).
LINK_SIMILARITY = 0.3
# A story continues over days: the cosine with an open story halves this many days after the first day apart (the
# grouping's own factor, for one event, falls faster: stories.grouping.EVENT_DAYS).
LINK_DAYS_SCALE = 2.0


def link_to_history(
    groups: Sequence[Sequence[int]], terms: Sequence[ArticleTerms], history: Sequence[EarlierStory], threshold: float
) -> dict[int, int]:
    """group -> open story it continues: the cosine of the group's centroid with the story's centroid (body
    vectors, one space for both), lowered by the days between them as in the grouping, at least `threshold`.
    Centroids, not average linkage: a story grows over days, and the average over all its pairs would
    shrink with every day it lasts."""
    old = [(s, ArticleTerms.from_dict(terms)) for s, story in enumerate(history) for terms in story.article_terms]
    if not old or not groups:
        return {}
    vectors = vectors_of([*terms, *(t for _, t in old)])
    new_count = len(terms)
    in_group = sp.csr_matrix((np.ones(sum(map(len, groups))), ([g for g, m in enumerate(groups) for _ in m],
                              [i for m in groups for i in m])), shape=(len(groups), new_count))  # fmt: skip
    in_story = sp.csr_matrix(
        (np.ones(len(old)), ([s for s, _ in old], range(len(old)))), shape=(len(history), len(old))
    )
    cosine = (
        normalised_rows(in_group @ vectors.body[:new_count]) @ normalised_rows(in_story @ vectors.body[new_count:]).T
    ).toarray()
    new_days, old_days = vectors.days[:new_count], vectors.days[new_count:]
    first_new = np.array(
        [np.nanmin(new_days[list(m)]) if not np.isnan(new_days[list(m)]).all() else np.nan for m in groups]
    )
    last_old = np.full(len(history), np.nan)
    for (s, _), day in zip(old, old_days):
        if not np.isnan(day):
            last_old[s] = day if np.isnan(last_old[s]) else max(last_old[s], day)
    similarity = cosine * continuing_days_factor(first_new[:, None], last_old[None, :])
    links = {}
    for g in range(len(groups)):
        best = int(np.argmax(similarity[g]))  # ties: the first (oldest id) story
        if similarity[g, best] >= threshold:
            links[g] = best
    return links


def continuing_days_factor(days: np.ndarray, other_days: np.ndarray) -> np.ndarray:
    """What a story's similarity keeps when its articles are days apart: all within a day, half at LINK_DAYS_SCALE
    more days, and all when either is undated (NaN)."""
    gap = np.abs(days - other_days)
    gap = np.where(np.isnan(gap), 0.0, np.maximum(gap - 1.0, 0.0))
    return 1.0 / (1.0 + gap / LINK_DAYS_SCALE)


def continued(
    groups: list[list[int]], terms: Sequence[ArticleTerms], history: Sequence[EarlierStory]
) -> tuple[list[list[int]], dict[int, EarlierStory]]:
    """The groups, two of today's groups that continue one earlier story made one, and for the first article
    of each continuing group, the story it continues."""
    if not history:
        return groups, {}
    links = link_to_history(groups, terms, history, LINK_SIMILARITY)
    merged: dict[int, list[int]] = {}
    for g, members in enumerate(groups):
        merged.setdefault(links.get(g, -1 - g), []).extend(members)
    pairs = sorted(((sorted(m), key) for key, m in merged.items()), key=lambda pair: pair[0][0])
    return [m for m, _ in pairs], {m[0]: history[key] for m, key in pairs if key >= 0}
