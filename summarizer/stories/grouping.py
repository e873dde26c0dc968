"""Which articles report the same event: article vectors, a sparse neighbour graph, average linkage on it.

Each article is three sparse TF-IDF vectors (sublinear tf, terms in more than
half of a large pile dropped): its body, its title, and the names in it
(capitalised words inside sentences, spelling variants merged). Two articles'
similarity is a weighted sum of the three cosines, lowered when their dates
are days apart. Candidates come from a top-k neighbour graph built with
blocked sparse products, so memory grows with the articles, never with their
square; average linkage runs on that graph (a missing edge counts as
similarity 0), which is what dense average linkage does with the weak pairs
it would never join anyway. Then each article moves to the story whose
centroid it is closest to: average linkage leaves a story's outlying
articles out (their average over all its pairs stays below the cut), while
their cosine with the story as a whole is high. Near-duplicates (syndicated copies) come from the
same graph.
"""

from __future__ import annotations

import datetime
import heapq
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np
import scipy.sparse as sp

from ..core.represent import normalised_rows
from ..documents import Unit
from .options import GROUPINGS, GroupingOptions

__all__ = [
    "GROUPINGS",
    "ArticleTerms",
    "ArticleVectors",
    "article_terms",
    "average_linkage",
    "copies_in",
    "group_terms",
    "groups_of",
    "learned_vectors",
    "learns",
    "neighbour_graph",
    "reassign_to_centroids",
    "vectors_of",
]

# Weights of the three cosines (chosen on the Multi-News pile, eval/grouping.py; ECB+ is the unseen set).
BODY_WEIGHT, TITLE_WEIGHT, NAMES_WEIGHT = 1.0, 0.0, 0.0
# From this many articles, neighbours are searched with pruned vectors and then scored exactly.
CANDIDATE_FROM = 5_000
CANDIDATE_TERMS = 50  # chosen on 6,000 bench articles: grouping ARI 0.98 against exact search, 1.6x faster
CANDIDATE_MAX_ARTICLES = 200  # a term in more articles than this finds candidates no better than others do
CANDIDATE_NEIGHBOURS = 50  # candidates scored exactly per article
BLOCK_CELLS = 5_000_000  # similarity cells computed at once (about 60 MB of sparse entries at worst)
NEIGHBOURS = 20  # edges kept per article: enough for stories of any size a day has
EDGE_FLOOR = 0.05  # pairs less similar than this are never joined
DAYS_SCALE = 2.0  # similarity halves for articles this many days apart (beyond the first day)
# An article joins another story's centroid only this close (chosen on the Multi-News pile with eval/grouping.py;
# lower floors pull long, diffuse articles into unrelated stories).
REASSIGN_SIMILARITY = 0.25
PAIR_BLOCK = 4096  # pairs scored at once: bounds the rows copied out of the sparse vectors
REASSIGN_ROUNDS = 10  # rounds of moving articles; it settles in 2 to 4 on real piles
COMMON_SHARE = 0.5  # in piles of 20+ articles, terms in more than this share of them carry nothing
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")


# Vectors learned from the day's own articles (LSA: a truncated SVD of the body TF-IDF matrix) can join the
# words: articles that tell one event in different words share latent dimensions. They find the joins (graph and
# linkage); the centroid step moves articles by their words. The rank and `daily --learned 0.8 --distance 0.6`
# were chosen together on the Multi-News pile (eval/semantic_grouping.py); off by default (GroupingOptions).
LEARNED_RANK = 300
LEARNED_OVERSAMPLING = 10  # extra random directions of the range finder (Halko, Martinsson & Tropp 2011)
LEARNED_POWER_ITERATIONS = 5
LEARNED_SEED = 0


@dataclass(frozen=True)
class ArticleVectors:
    body: sp.csr_matrix
    title: sp.csr_matrix
    names: sp.csr_matrix
    has_title: np.ndarray  # bool per article
    days: np.ndarray  # days since 1970 per article, NaN when undated
    learned: np.ndarray | None = None  # unit rows in the pile's latent space (None: words only)
    learned_share: float = 0.0

    @property
    def count(self) -> int:
        return int(self.body.shape[0])


def _tfidf(rows: Sequence[Sequence[str]]) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows of term lists (sublinear tf; very common terms dropped)."""
    column: dict[str, int] = {}
    indptr: list[int] = [0]
    indices: list[int] = []
    for terms in rows:
        indices.extend(column.setdefault(t, len(column)) for t in terms)
        indptr.append(len(indices))
    counts = sp.csr_matrix((np.ones(len(indices)), indices, indptr), shape=(len(rows), max(len(column), 1)))
    counts.sum_duplicates()
    n = len(rows)
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
    if n >= 20:
        idf[df > COMMON_SHARE * n] = 0.0
    counts.data = 1.0 + np.log(counts.data)
    weighted = sp.csr_matrix(counts.multiply(idf[np.newaxis, :]))
    weighted.eliminate_zeros()
    return normalised_rows(weighted)


def _day(date: str | None) -> float:
    try:
        return float(datetime.date.fromisoformat((date or "")[:10]).toordinal())
    except ValueError:
        return float("nan")


@dataclass(frozen=True)
class ArticleTerms:
    """What the grouping knows of one article; the archive stores it to link later days' articles."""

    body: tuple[str, ...]  # stemmed content terms of the cleaned sentences, with repeats
    title: tuple[str, ...]
    names: tuple[str, ...]  # lowercased capitalised phrases inside sentences
    date: str | None

    def to_dict(self) -> dict:
        return {"body": list(self.body), "title": list(self.title), "names": list(self.names), "date": self.date}

    @classmethod
    def from_dict(cls, data: dict) -> ArticleTerms:
        return cls(tuple(data["body"]), tuple(data["title"]), tuple(data["names"]), data.get("date"))


def article_terms(
    units: Sequence[Sequence[Unit]], titles: Sequence[Sequence[str]], dates: Sequence[str | None]
) -> list[ArticleTerms]:
    """Terms of articles from their sentence units, their titles' terms and their dates."""
    return [
        ArticleTerms(
            tuple(t for u in article for t in u.terms),
            tuple(title),
            tuple(n.lower() for u in article for n in _NAME.findall(u.text)) if NAMES_WEIGHT else (),  # unused at 0
            date,
        )
        for article, title, date in zip(units, titles, dates)
    ]


def vectors_of(
    terms: Sequence[ArticleTerms], *, learned: float = 0.0, context: Sequence[ArticleTerms] = ()
) -> ArticleVectors:
    """One vector space for these articles (their IDF is computed over them); with `learned` > 0, that share
    of each similarity comes from vectors learned from these articles and the `context` ones (articles of
    earlier days, never grouped: they only widen what the latent space is learned from; see learned_vectors)."""
    body = _tfidf([a.body for a in terms])
    latent = None
    if learned > 0:
        material = _tfidf([a.body for a in (*terms, *context)]) if context else body
        latent = learned_vectors(material)[: len(terms)]
    return ArticleVectors(body, _tfidf([a.title for a in terms]), _tfidf([a.names for a in terms]),
                          np.asarray([bool(a.title) for a in terms]), np.asarray([_day(a.date) for a in terms]),
                          latent, learned)  # fmt: skip


def learns(article_count: int, context_count: int, options: GroupingOptions) -> bool:
    """Whether the grouping mixes in learned vectors: asked for, and enough articles to learn them from."""
    return options.learned > 0 and article_count + context_count >= options.learn_from


def group_terms(
    terms: Sequence[ArticleTerms], options: GroupingOptions, *, context: Sequence[ArticleTerms] = ()
) -> tuple[list[list[int]], ArticleVectors]:
    """Groups of article indices (into terms) and the article vectors; `context`: articles of earlier days
    the learned vectors are learned from too (the archive's latest)."""
    learn = learns(len(terms), len(context), options)
    vectors = vectors_of(terms, learned=options.learned if learn else 0.0, context=context if learn else ())
    graph = neighbour_graph(vectors)
    labels = average_linkage(graph, 1.0 - (options.learned_distance if learn else options.distance))
    if options.method == "centroid":
        # Learned vectors find the joins; the centroid step moves an article by its words alone: with them, it
        # pulled one unrelated article into a continuing story (eval/linking.py).
        labels = reassign_to_centroids(replace(vectors, learned=None, learned_share=0.0), graph, labels)
    return groups_of(labels), vectors


def learned_vectors(body: sp.csr_matrix, *, rank: int = LEARNED_RANK) -> np.ndarray:
    """Each article's coordinates in the pile's `rank` strongest latent dimensions, at unit length: LSA by a
    seeded randomized SVD. Only the small Gram matrix of the range is decomposed, so memory stays articles x
    (rank + oversampling), whatever the vocabulary."""
    # A term of one article says nothing of which articles go together; dropping them keeps the products small.
    body = sp.csr_matrix(body[:, np.flatnonzero(np.bincount(body.indices, minlength=body.shape[1]) >= 2)])
    n, m = body.shape
    width = min(rank + LEARNED_OVERSAMPLING, n, m)
    if width < 1:
        return np.zeros((n, 0))
    omega = np.random.default_rng(LEARNED_SEED).standard_normal((m, width))
    basis = np.linalg.qr(body @ omega)[0]
    for _ in range(LEARNED_POWER_ITERATIONS):
        basis = np.linalg.qr(body.T @ basis)[0]
        basis = np.linalg.qr(body @ basis)[0]
    gram = basis.T @ (body @ (body.T @ basis))  # = (Q^T A)(Q^T A)^T, width x width
    values, directions = np.linalg.eigh((gram + gram.T) / 2)
    top = np.argsort(-values, kind="stable")[: min(rank, width)]
    coordinates = basis @ (directions[:, top] * np.sqrt(np.clip(values[top], 0.0, None)))
    norms = np.linalg.norm(coordinates, axis=1, keepdims=True)
    return np.divide(coordinates, norms, out=np.zeros_like(coordinates), where=norms > 1e-12)


def days_apart_factor(days: np.ndarray, other_days: np.ndarray) -> np.ndarray:
    """What a similarity keeps when two articles are days apart: all within a day, half at DAYS_SCALE more
    days, and all when either is undated (NaN)."""
    gap = np.abs(days - other_days)
    gap = np.where(np.isnan(gap), 0.0, np.maximum(gap - 1.0, 0.0))
    return 1.0 / (1.0 + gap / DAYS_SCALE)


def similarities(vectors: ArticleVectors, rows: slice | np.ndarray, columns: slice | np.ndarray) -> sp.csr_matrix:
    """Combined similarity of articles `rows` to articles `columns` (sparse), lowered by days apart."""

    def part(matrix: sp.csr_matrix, which: slice | np.ndarray) -> sp.csr_matrix:
        return matrix if isinstance(which, slice) and which == slice(None) else matrix[which]

    body = part(vectors.body, rows) @ part(vectors.body, columns).T
    combined = BODY_WEIGHT * body
    if TITLE_WEIGHT:  # where either article has no title, the title's weight goes to the body
        title = part(vectors.title, rows) @ part(vectors.title, columns).T
        both_titled = sp.csr_matrix(
            sp.diags(vectors.has_title[rows].astype(float))
            @ (body > 0).astype(float)
            @ sp.diags(vectors.has_title[columns].astype(float))
        )
        combined = combined + TITLE_WEIGHT * (body - body.multiply(both_titled) + title.multiply(both_titled))
    if NAMES_WEIGHT:
        combined = combined + NAMES_WEIGHT * (part(vectors.names, rows) @ part(vectors.names, columns).T)
    if vectors.learned is not None:  # dense: kept only where it reaches EDGE_FLOOR (a block is at most BLOCK_CELLS)
        latent = vectors.learned[rows] @ vectors.learned[columns].T
        mixed = (1.0 - vectors.learned_share) * sp.csr_matrix(combined).toarray() + vectors.learned_share * latent
        combined = sp.csr_matrix(np.where(mixed >= EDGE_FLOOR, mixed, 0.0))
    combined = sp.csr_matrix(combined).tocoo()
    data = combined.data * days_apart_factor(vectors.days[rows][combined.row], vectors.days[columns][combined.col])
    return sp.csr_matrix((data, (combined.row, combined.col)), shape=combined.shape)


def neighbour_graph(
    vectors: ArticleVectors, *, neighbours: int = NEIGHBOURS, block: int | None = None
) -> sp.csr_matrix:
    """Symmetric sparse graph: each article's strongest `neighbours` edges above EDGE_FLOOR."""
    n = vectors.count
    # A block's product may be dense (copies share most terms): bound it to about BLOCK_CELLS cells.
    block = block or max(16, min(1000, BLOCK_CELLS // max(n, 1)))
    blocks: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []
    candidates = _candidate_vectors(vectors.body) if n >= CANDIDATE_FROM else None
    for start in range(0, n, block):
        stop = min(start + block, n)
        if candidates is None:
            sims = similarities(vectors, slice(start, stop), slice(None)).tocoo()
            rows, cols, data = sims.row, sims.col, sims.data
        else:  # candidates from the pruned vectors, then their exact similarity
            found = (candidates[start:stop] @ candidates.T).tocoo()
            rows, cols, data = _top_per_row(found.row, found.col, found.data, CANDIDATE_NEIGHBOURS)
            data = _pair_similarities(vectors, rows + start, cols)
        keep = (rows + start != cols) & (data >= EDGE_FLOOR)
        rows, cols, data = _top_per_row(rows[keep], cols[keep], data[keep], neighbours)
        blocks.append((rows + start, cols, data))
    if not blocks:
        return sp.csr_matrix((n, n))
    # One matrix from every block's edges at once (adding block matrices one by one is quadratic).
    graph = sp.csr_matrix((np.concatenate([b[2] for b in blocks]),
                           (np.concatenate([b[0] for b in blocks]), np.concatenate([b[1] for b in blocks]))),
                          shape=(n, n))  # fmt: skip
    graph = sp.csr_matrix(graph.maximum(graph.T))
    graph.sort_indices()
    return graph


def _top_per_row(rows: np.ndarray, cols: np.ndarray, data: np.ndarray, k: int) -> tuple[np.ndarray, ...]:
    """The k largest entries of each row (ties broken by column), sorted by row."""
    order = np.lexsort((cols, -data, rows))
    rows, cols, data = rows[order], cols[order], data[order]
    rank = np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")
    keep = rank < k
    return rows[keep], cols[keep], data[keep]


def _candidate_vectors(body: sp.csr_matrix) -> sp.csr_matrix:
    """Each article's CANDIDATE_TERMS strongest terms among those of at most CANDIDATE_MAX_ARTICLES articles:
    enough to find the articles of its story, and the products stay sparse at 100,000 articles."""
    df = np.bincount(body.indices, minlength=body.shape[1])
    coo = body.tocoo()
    rare = df[coo.col] <= CANDIDATE_MAX_ARTICLES
    rows, cols, data = _top_per_row(coo.row[rare], coo.col[rare], coo.data[rare], CANDIDATE_TERMS)
    return sp.csr_matrix((data, (rows, cols)), shape=body.shape)


def _pair_similarities(vectors: ArticleVectors, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The combined similarity of the article pairs (rows[i], cols[i]), lowered by days apart."""

    def dots(matrix: sp.csr_matrix) -> np.ndarray:
        return row_dots(matrix, rows, matrix, cols)

    body = dots(vectors.body)
    combined = BODY_WEIGHT * body
    if TITLE_WEIGHT:
        both = vectors.has_title[rows] & vectors.has_title[cols] & (body > 0)
        combined = combined + TITLE_WEIGHT * np.where(both, dots(vectors.title), body)
    if NAMES_WEIGHT:
        combined = combined + NAMES_WEIGHT * dots(vectors.names)
    if vectors.learned is not None:
        latent = np.einsum("ij,ij->i", vectors.learned[rows], vectors.learned[cols])
        combined = (1.0 - vectors.learned_share) * combined + vectors.learned_share * latent
    return combined * days_apart_factor(vectors.days[rows], vectors.days[cols])


def row_dots(left: sp.csr_matrix, rows: np.ndarray, right: sp.csr_matrix, cols: np.ndarray) -> np.ndarray:
    """left[rows[i]] . right[cols[i]] for each i, PAIR_BLOCK pairs at a time (the rows are copied out)."""
    return np.concatenate([
        np.asarray(left[rows[i : i + PAIR_BLOCK]].multiply(right[cols[i : i + PAIR_BLOCK]]).sum(axis=1)).ravel()
        for i in range(0, len(rows), PAIR_BLOCK)
    ] or [np.zeros(0)])  # fmt: skip


def average_linkage(graph: sp.csr_matrix, threshold: float) -> np.ndarray:
    """Cluster labels: merge the two clusters of highest average similarity while it reaches threshold.

    The average is over all member pairs, an edge missing from the graph counting 0. Ties merge
    the pair with the lowest cluster numbers first, so the result never depends on hash order.
    """
    n = graph.shape[0]
    coo = sp.triu(graph, k=1).tocoo()
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for a, b, w in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()):
        links[a][b] = links[a].get(b, 0.0) + w
        links[b][a] = links[b].get(a, 0.0) + w
    members = [[i] for i in range(n)]
    alive = [True] * n
    heap = [(-w, a, b) for a, b, w in zip(coo.row.tolist(), coo.col.tolist(), coo.data.tolist()) if w >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        average = links[a].get(b, 0.0) / (len(members[a]) * len(members[b]))
        if abs(average + negative) > 1e-12:  # stale: the pair's average changed since it was pushed
            continue
        keep, gone = (a, b) if len(members[a]) >= len(members[b]) else (b, a)
        alive[gone] = False
        members[keep].extend(members[gone])
        members[gone] = []
        for other, weight in links[gone].items():
            if other == keep:
                continue
            links[keep][other] = links[keep].get(other, 0.0) + weight
            links[other][keep] = links[other].get(keep, 0.0) + weight
            del links[other][gone]
        links[keep].pop(gone, None)
        links[gone] = {}
        for other, total in links[keep].items():
            average = total / (len(members[keep]) * len(members[other]))
            if average >= threshold:
                heapq.heappush(heap, (-average, min(keep, other), max(keep, other)))
    labels = np.zeros(n, dtype=np.int64)
    for cluster, group in enumerate(g for g in members if g):
        labels[group] = cluster
    return labels


def reassign_to_centroids(
    vectors: ArticleVectors,
    graph: sp.csr_matrix,
    labels: np.ndarray,
    *,
    floor: float = REASSIGN_SIMILARITY,
    rounds: int = REASSIGN_ROUNDS,
) -> np.ndarray:
    """Cluster labels after moving each article to the cluster whose body centroid is most similar to it.

    An article's own cluster is measured without the article itself, so a singleton has nothing to stay
    for; it moves only to a cluster at least `floor` similar. The clusters considered are its own and
    those of its graph neighbours, so the work grows with the graph, never with clusters x articles.
    Similarities are lowered by the days between the article and the cluster's mean date, as in the graph.
    All articles move at once each round; on a tie an article stays, else goes to the lowest cluster number.
    """
    n = vectors.count
    labels = np.unique(labels, return_inverse=True)[1].astype(np.int64)
    if n == 0:
        return labels
    body, learned, share = vectors.body, vectors.learned, vectors.learned_share
    if learned is None:
        learned, share = np.zeros((n, 0)), 0.0
    # An article is its body and learned vectors side by side, scaled by the square roots of their shares, so a
    # dot product is the similarity of the graph; the sums below are the same two parts of each centroid.
    edges = graph.tocoo()
    dated = ~np.isnan(vectors.days)
    norms_squared = (1.0 - share) * np.asarray(body.multiply(body).sum(axis=1)).ravel() + share * np.einsum(
        "ij,ij->i", learned, learned
    )
    for _ in range(rounds):
        k = int(labels.max()) + 1
        membership = sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
        sums = sp.csr_matrix(membership @ body)  # unnormalised centroids
        learned_sums = np.asarray(membership @ learned)
        squared = (1.0 - share) * np.asarray(sums.multiply(sums).sum(axis=1)).ravel() + share * np.einsum(
            "ij,ij->i", learned_sums, learned_sums
        )
        dated_count = np.bincount(labels[dated], minlength=k)
        day_sum = np.bincount(labels[dated], weights=vectors.days[dated], minlength=k)
        cluster_day = np.where(dated_count > 0, day_sum / np.maximum(dated_count, 1), np.nan)
        # Candidate (article, cluster) pairs: its own cluster and its neighbours' clusters, each once; an
        # article whose neighbours are all in its own cluster has nowhere to go and is left out.
        pairs = np.unique(np.concatenate([np.arange(n), edges.row]) * k + np.concatenate([labels, labels[edges.col]]))
        rows, cols = pairs // k, pairs % k
        choices = np.bincount(rows, minlength=n)
        rows, cols = rows[choices[rows] > 1], cols[choices[rows] > 1]
        if not len(rows):
            break
        dot = (1.0 - share) * row_dots(body, rows, sums, cols) + share * np.einsum(
            "ij,ij->i", learned[rows], learned_sums[cols]
        )
        own = cols == labels[rows]
        self_norm = norms_squared[rows]  # 1, or 0 for an empty article
        # Own cluster without the article: |S - x|^2 = |S|^2 - 2 x.S + |x|^2, and x.(S - x) = x.S - |x|^2.
        norm = np.sqrt(np.clip(np.where(own, squared[cols] - 2 * dot + self_norm, squared[cols]), 0, None))
        numerator = np.where(own, dot - self_norm, dot)
        similarity = np.where(norm > 1e-9, numerator / np.where(norm > 1e-9, norm, 1.0), 0.0)
        similarity = similarity * days_apart_factor(vectors.days[rows], cluster_day[cols])
        order = np.lexsort((cols, ~own, -similarity, rows))  # on a tie an article stays where it is
        first = np.ones(len(order), dtype=bool)
        first[1:] = rows[order][1:] != rows[order][:-1]
        best_cluster = labels.copy()
        best_similarity = np.zeros(n)
        best_cluster[rows[order][first]] = cols[order][first]
        best_similarity[rows[order][first]] = similarity[order][first]
        moved = np.where((best_cluster != labels) & (best_similarity >= floor), best_cluster, labels)
        if np.array_equal(moved, labels):
            break
        labels = np.unique(moved, return_inverse=True)[1].astype(np.int64)
    return labels


def groups_of(labels: np.ndarray) -> list[list[int]]:
    """Groups of article indices, each sorted, ordered by their first article."""
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


def copies_in(members: Sequence[int], vectors: ArticleVectors, threshold: float) -> dict[int, int]:
    """copy -> original within one story: body cosine at or above threshold with an earlier article."""
    from ..core.represent import find_copies

    return find_copies(members, vectors.body, threshold)
