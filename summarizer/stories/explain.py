"""Why the grouping joined a story's articles, and why an article stayed alone (`daily --explain`).

A story's links are the strongest similarities that hold it together (a maximum spanning tree of its
articles' graph edges), each with the cut that pair needed and the terms the two share most; an
article that no link holds joined by the centroid step. A single article's explanation names its
nearest article, the story that article is in, and what kept it out: a similarity below the cut its
pair needed (lowered by the days between them, when they are dated apart), an average with the
story's articles below the cut, or no similarity worth an edge at all.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import scipy.sparse as sp

from .grouping import (
    BODY_WEIGHT,
    EDGE_FLOOR,
    HEADLINE_WEIGHT,
    NAMES_WEIGHT,
    Grouping,
    event_days_factor,
    words_side_by_side,
)
from .linkage import backgrounds, needed_similarity

__all__ = ["SHARED_TERMS", "explain_groups"]

SHARED_TERMS = 5  # terms shown per link: enough to see what a pair is about
DIGITS = 3

Words = Callable[[int, str], str]  # (article, term) -> how the article writes it


def explain_groups(
    grouping: Grouping, members: Sequence[Sequence[int]], ids: Sequence[str], words: Words
) -> list[dict[str, Any]]:
    """One explanation per story (`members`: indices into the grouped articles; `ids`: their ids; `words`: how
    an article writes a term). See the module docstring; the shape is documented on stories.daily.Story."""
    story_of = {i: s for s, group in enumerate(members) for i in group}
    background = backgrounds(grouping.graph)
    rows = words_side_by_side(grouping.vectors)
    explained = []
    for story, group in enumerate(members):
        if len(group) > 1:
            explained.append(_joined(grouping, rows, list(group), ids, words, background))
        else:
            explained.append(_alone(grouping, group[0], story_of, story, members, ids, words, background))
    return explained


def _round(value: float) -> float:
    return round(float(value), DIGITS)


def _days_apart(grouping: Grouping, a: int, b: int) -> int | None:
    gap = abs(grouping.vectors.days[a] - grouping.vectors.days[b])
    return None if np.isnan(gap) else int(gap)


def _link(grouping: Grouping, a: int, b: int, ids: Sequence[str], words: Words, background: np.ndarray) -> dict:
    needed = needed_similarity(grouping.cut, background, np.array([a]), np.array([b]))[0]
    return {"articles": [ids[a], ids[b]], "similarity": _round(grouping.graph[a, b]), "needed": _round(needed),
            "days_apart": _days_apart(grouping, a, b), "shared": shared_terms(grouping, a, b, words)}  # fmt: skip


def _joined(grouping: Grouping, rows: sp.csr_matrix, group: list[int], ids: Sequence[str], words: Words,
            background: np.ndarray) -> dict:  # fmt: skip
    """The maximum spanning tree of the story's edges (Kruskal: strongest first, ties by article order); the
    articles it leaves out came by the centroid step."""
    inside = grouping.graph[group][:, group].tocoo()
    edges = sorted((-w, group[r], group[c]) for r, c, w in zip(inside.row, inside.col, inside.data) if r < c)
    parent = {i: i for i in group}

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    links: list[dict[str, Any]] = []
    linked: set[int] = set()
    for _, a, b in edges:
        if root(a) != root(b):
            parent[root(a)] = root(b)
            links.append(_link(grouping, a, b, ids, words, background))
            linked.update((a, b))
    by_centroid = [{"article": ids[i], "similarity": _round(_centroid_similarity(grouping, rows, i, group))}
                   for i in group if i not in linked]  # fmt: skip
    return {"links": links, "by_centroid": by_centroid, "nearest": None}


def _centroid_similarity(grouping: Grouping, rows: sp.csr_matrix, article: int, group: Sequence[int]) -> float:
    """The article's similarity with the centroid of the story's other articles (`rows`: the articles' words side
    by side, as the centroid step compares them), lowered by days apart."""
    others = [i for i in group if i != article]
    centroid = np.asarray(rows[others].sum(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    if norm == 0:
        return 0.0
    days = grouping.vectors.days
    mean_day = np.nanmean(days[others]) if not np.isnan(days[others]).all() else np.nan
    cosine = float(rows[article].toarray().ravel() @ centroid) / norm
    return float(cosine * event_days_factor(np.array([days[article]]), np.array([mean_day]))[0])


def _alone(grouping: Grouping, article: int, story_of: dict[int, int], story: int,
           members: Sequence[Sequence[int]], ids: Sequence[str], words: Words,
           background: np.ndarray) -> dict:  # fmt: skip
    row = grouping.graph[article].tocoo()
    if not row.nnz:
        return {"links": [], "by_centroid": [], "nearest": {
            "article": None, "story": None, "reason": f"no other article reaches similarity {EDGE_FLOOR}"}}  # fmt: skip
    order = np.lexsort((row.col, -row.data))
    nearest = int(row.col[order[0]])
    link = _link(grouping, article, nearest, ids, words, background)
    other = story_of.get(nearest)
    found: dict[str, Any] = {"article": ids[nearest], "story": None if other is None else other + 1,
                             **{k: link[k] for k in ("similarity", "needed", "days_apart", "shared")}}  # fmt: skip
    factor = event_days_factor(grouping.vectors.days[[article]], grouping.vectors.days[[nearest]])[0]
    if factor < 1:
        found["before_days"] = _round(link["similarity"] / factor)
    if link["similarity"] < link["needed"]:
        found["reason"] = "below the cut its pair needed"
    else:
        group = list(members[other]) if other is not None else [nearest]
        found["average"] = _round(_raised_average(grouping, article, group, background))
        found["average_needed"] = _round(grouping.cut)
        found["reason"] = ("its average with the story's articles is below the cut"
                           if found["average"] < found["average_needed"]
                           else "the linkage joined them; the centroid step moved it apart")  # fmt: skip
    return {"links": [], "by_centroid": [], "nearest": found}


def _raised_average(grouping: Grouping, article: int, group: Sequence[int], background: np.ndarray) -> float:
    """The article's average with the group as the linkage weighs it (each pair's quiet bonus added, a missing
    edge 0), to compare with the cut."""
    values = np.asarray(grouping.graph[article, list(group)].todense()).ravel()
    needed = needed_similarity(grouping.cut, background, np.full(len(group), article), np.asarray(group))
    return float(np.where(values > 0, values + grouping.cut - needed, 0.0).mean())


def shared_terms(grouping: Grouping, a: int, b: int, words: Words) -> list[str]:
    """The terms that add most to the pair's similarity (every channel, as weighted), as article `a` writes them."""
    vectors = grouping.vectors
    scores: dict[str, float] = {}
    for weight, channel, name in ((BODY_WEIGHT, vectors.body, "body"), (HEADLINE_WEIGHT, vectors.headline, "headline"),
                                  (NAMES_WEIGHT, vectors.names, "names")):  # fmt: skip
        vocabulary = vectors.vocabulary.get(name, ())
        if not weight or not vocabulary:
            continue
        both = sp.csr_matrix(channel[a].multiply(channel[b])).tocoo()
        for column, value in zip(both.col, both.data):
            term = vocabulary[column]
            shown = term if name == "names" else words(a, term)
            scores[shown] = scores.get(shown, 0.0) + weight * value
    return [term for term, _ in sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:SHARED_TERMS]]
