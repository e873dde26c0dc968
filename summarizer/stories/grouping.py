"""Which articles report the same event: article vectors, a sparse neighbour graph, average linkage on it.

Each article is three sparse TF-IDF vectors (sublinear tf, smoothed IDF: a term in most of a day that one
event fills still counts): its body; its headline channel, the title with the first sentences (all a short excerpt
gives, and where a wire story says what happened); and its names and figures (capitalised phrases
inside sentences, numbers). Two articles' similarity is a weighted sum of the three cosines (a channel
one of them lacks counts as the body), lowered by the days between them: an event's articles fall
within a day or two. Candidates come from a top-k neighbour graph built with blocked sparse products,
so memory grows with the articles, never with their square. Average linkage runs on that graph (a
missing edge counts as similarity 0) with a cut that falls where the neighbourhood is quiet
(linkage.needed_similarity): three outlets' excerpts of one event share fewer words than ten wire
stories do, and nothing else near them competes. Then each article moves to the story whose centroid
it is closest to (linkage.reassign_to_centroids). Near-duplicates (syndicated copies) come from the
same graph.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import datetime
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from functools import partial

import numpy as np
import scipy.sparse as sp

from ..core.represent import transposed
from ..documents import Unit
from ..parallel import parallel_map_shared
from .candidates import candidate_vectors, top_per_row
from .linkage import (
    average_linkage,
    graph_of_edges,
    groups_of,
    merge_split_stories,
    reassign_to_centroids,
    row_dots,
    side_by_side,
    with_quiet_bonus,
)
from .options import GROUPINGS, GroupingOptions
from .weights import tfidf_rows

__all__ = [
    "GROUPINGS",
    "ArticleTerms",
    "ArticleVectors",
    "Grouping",
    "article_terms",
    "average_linkage",
    "copies_in",
    "event_days_factor",
    "give_back_freed_memory",
    "group_terms",
    "grouping_by_vectors",
    "grouping_of",
    "grouping_on",
    "grouping_vectors",
    "groups_of",
    "learned_vectors",
    "learns",
    "names_and_figures",
    "neighbour_graph",
    "pair_similarities",
    "reassign_to_centroids",
    "similarities",
    "vectors_of",
    "with_quiet_bonus",
    "words_side_by_side",
]

# Weights of the three cosines and the sentences of the headline channel, chosen together on allsides_days (one
# run over all its days), the Multi-News pile and ECB+ (eval/grouping.py; results/grouping.md). They sum to 1.
BODY_WEIGHT, HEADLINE_WEIGHT, NAMES_WEIGHT = 0.6, 0.3, 0.1
LEAD_SENTENCES = 3
# Similarity of articles d calendar days apart is multiplied by 1 / (1 + d / EVENT_DAYS): half on the next day, a
# third two days apart. One event's articles fall within a day or two; a wider story's later events (a vote the
# day after the debate) are other events, which the archive links across days (stories.continuing).
EVENT_DAYS = 1.0
# From this many articles, neighbours are searched with pruned vectors and then scored exactly.
CANDIDATE_FROM = 5_000
CANDIDATE_NEIGHBOURS = 50  # candidates scored exactly per article
# From this many articles (where the pruned candidate search starts) the neighbour search is spread over worker
# processes; below, their start-up (about a second) and the vectors sent to them cost more than the search.
PARALLEL_GRAPH_FROM = CANDIDATE_FROM
BLOCK_CELLS = 5_000_000  # similarity cells computed at once (about 60 MB of sparse entries at worst)
NEIGHBOURS = 20  # edges kept per article; a story of more, split by the missing pairs, is merged again (linkage)
EDGE_FLOOR = 0.05  # pairs less similar than this are never joined
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*)")
_FIGURE = re.compile(r"\d[\d,.]*\d|\d")  # "266,000", "3.5", "48": a figure two reports of one event share


# Vectors learned from the day's own articles (LSA: a truncated SVD of the body TF-IDF matrix) can join the
# words: articles that tell one event in different words share latent dimensions. They find the joins (graph and
# linkage); the centroid step moves articles by their words. The rank and `daily --learned 0.8 --distance 0.6`
# were chosen together on the Multi-News pile (eval/semantic_grouping.py); off by default (GroupingOptions).
LEARNED_RANK = 300
LEARNED_OVERSAMPLING = 10  # extra random directions of the range finder (Halko, Martinsson & Tropp 2011)
LEARNED_POWER_ITERATIONS = 5
LEARNED_SEED = 0
# The latent space is learned without the terms of more than half of a pile of 20+ articles (the words keep them):
# with them it leads with what the whole day shares (the Multi-News pile at `--learned 0.8`: B3 F1 0.8929 without
# them, 0.8923 with).
LEARNED_COMMON_SHARE = 0.5


@dataclass(frozen=True)
class ArticleVectors:
    body: sp.csr_matrix
    headline: sp.csr_matrix  # the title and the first LEAD_SENTENCES sentences
    names: sp.csr_matrix  # names and figures
    has_headline: np.ndarray  # bool per article
    days: np.ndarray  # days since 1970 per article, NaN when undated
    learned: np.ndarray | None = None  # unit rows in the pile's latent space (None: words only)
    learned_share: float = 0.0
    vocabulary: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)  # channel -> column terms

    @property
    def count(self) -> int:
        return int(self.body.shape[0])

    @property
    def has_names(self) -> np.ndarray:
        return np.diff(self.names.indptr) > 0


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
    names: tuple[str, ...]  # lowercased capitalised phrases inside sentences, and figures
    date: str | None
    lead: tuple[str, ...] = ()  # the terms of the first LEAD_SENTENCES sentences

    def to_dict(self) -> dict:
        return {"body": list(self.body), "title": list(self.title), "names": list(self.names), "date": self.date,
                "lead": list(self.lead)}  # fmt: skip

    @classmethod
    def from_dict(cls, data: dict) -> ArticleTerms:
        # Archived before the headline channel: no "lead" (such an article's headline is its title alone).
        return cls(tuple(data["body"]), tuple(data["title"]), tuple(data["names"]), data.get("date"),
                   tuple(data.get("lead", ())))  # fmt: skip


def names_and_figures(text: str) -> list[str]:
    """The capitalised phrases inside the sentence (lowercased) and its figures."""
    return [n.lower() for n in _NAME.findall(text)] + _FIGURE.findall(text)


def article_terms(
    units: Sequence[Sequence[Unit]], titles: Sequence[Sequence[str]], dates: Sequence[str | None]
) -> list[ArticleTerms]:
    """Terms of articles from their sentence units, their titles' terms and their dates.

    Equal terms are one string object: a day's terms are tens of millions of words of a few hundred thousand
    distinct ones, and pickled from a worker each distinct one is then sent (and kept) once."""
    known: dict[str, str] = {}
    found: dict[str, list[str]] = {}  # copies repeat sentences: each distinct one's names and figures read once

    def one(terms: Iterable[str]) -> tuple[str, ...]:
        return tuple([known.setdefault(t, t) for t in terms])

    def names_in(text: str) -> list[str]:
        names = found.get(text)
        if names is None:
            names = found[text] = names_and_figures(text)
        return names

    return [
        ArticleTerms(
            one(t for u in article for t in u.terms),
            one(title),
            one(n for u in article for n in names_in(u.text)),
            date,
            one(t for u in article[:LEAD_SENTENCES] for t in u.terms),
        )
        for article, title, date in zip(units, titles, dates)
    ]


def vectors_of(
    terms: Sequence[ArticleTerms],
    *,
    learned: float = 0.0,
    context: Sequence[ArticleTerms] = (),
    vocabulary: bool = False,
) -> ArticleVectors:
    """One vector space for these articles (their IDF is computed over them); with `learned` > 0, that share
    of each similarity comes from vectors learned from these articles and the `context` ones (articles of
    earlier days, never grouped: they only widen what the latent space is learned from; see learned_vectors).
    `vocabulary` keeps each channel's column terms (to say which terms two articles share)."""
    columns: dict[str, list[str]] = {"body": [], "headline": [], "names": []}

    def kept(channel: str) -> list[str] | None:
        return columns[channel] if vocabulary else None

    body = tfidf_rows([a.body for a in terms], kept("body"))
    headlines = [(*a.title, *a.lead) for a in terms]
    latent = None
    if learned > 0:
        material = tfidf_rows([a.body for a in (*terms, *context)], common_share=LEARNED_COMMON_SHARE)
        latent = learned_vectors(material)[: len(terms)]
    names = tfidf_rows([a.names for a in terms], kept("names"))
    return ArticleVectors(body, tfidf_rows(headlines, kept("headline")), names,
                          np.asarray([bool(h) for h in headlines]), np.asarray([_day(a.date) for a in terms]),
                          latent, learned, {k: tuple(v) for k, v in columns.items()} if vocabulary else {})  # fmt: skip


def learns(article_count: int, context_count: int, options: GroupingOptions) -> bool:
    """Whether the grouping mixes in learned vectors: asked for, and enough articles to learn them from."""
    return options.learned > 0 and article_count + context_count >= options.learn_from


@dataclass(frozen=True)
class Grouping:
    """A day's articles grouped: the groups (indices into the terms), the vectors, the neighbour graph of their
    similarities and the cut of the linkage (what explanations of the grouping read)."""

    groups: list[list[int]]
    vectors: ArticleVectors
    graph: sp.csr_matrix
    cut: float


def grouping_of(
    terms: Sequence[ArticleTerms],
    options: GroupingOptions,
    *,
    context: Sequence[ArticleTerms] = (),
    vocabulary: bool = False,
    jobs: int | None = 1,
    scheduler: str | None = None,
) -> Grouping:
    """The grouping of these articles; `context`: articles of earlier days the learned vectors are learned from
    too (the archive's latest); `vocabulary`: keep the terms of the vectors' columns (for explanations); `jobs`
    and `scheduler`: where the neighbour search runs (neighbour_graph)."""
    vectors = grouping_vectors(terms, options, context=context, vocabulary=vocabulary)
    return grouping_by_vectors(vectors, options, jobs=jobs, scheduler=scheduler)


def grouping_vectors(
    terms: Sequence[ArticleTerms],
    options: GroupingOptions,
    *,
    context: Sequence[ArticleTerms] = (),
    vocabulary: bool = False,
) -> ArticleVectors:
    """The vectors grouping_of groups these articles by: all it needs of their terms (a caller that needs the
    terms no longer can drop them before the neighbour search and the centroid step)."""
    learn = learns(len(terms), len(context), options)
    return vectors_of(terms, learned=options.learned if learn else 0.0, context=context if learn else (),
                      vocabulary=vocabulary)  # fmt: skip


def grouping_by_vectors(
    vectors: ArticleVectors, options: GroupingOptions, *, jobs: int | None = 1, scheduler: str | None = None
) -> Grouping:
    """The grouping of articles by their vectors (grouping_vectors; see grouping_of)."""
    give_back_freed_memory()  # what the caller freed (a large day's terms, once their vectors are made)
    learn = vectors.learned is not None
    graph = neighbour_graph(vectors, jobs=jobs, scheduler=scheduler)
    cut = 1.0 - (options.learned_distance if learn else options.distance)
    return grouping_on(vectors, graph, cut, options, jobs=1 if scheduler else jobs)


def give_back_freed_memory() -> None:
    """Freed memory back to the system where the C library can (glibc's malloc_trim): a large day's freed objects
    otherwise stay resident while the next step allocates as much again (the main process's peak)."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim(0)


def grouping_on(vectors: ArticleVectors, graph: sp.csr_matrix, cut: float, options: GroupingOptions, *,
                jobs: int | None = 1) -> Grouping:  # fmt: skip
    """The grouping of articles with these vectors on their neighbour graph (symmetric), at `cut`: average linkage
    with each pair's quiet cut (its batches in `jobs` local processes on a large day), then (options.method
    "centroid") the centroid step."""
    labels = average_linkage(with_quiet_bonus(graph, cut), cut, jobs=jobs)
    if options.method == "centroid":
        give_back_freed_memory()  # the linkage's: the side-by-side vectors are the largest matrix a day makes
        # Learned vectors find the joins; the centroid step moves an article by its words alone: with them, it
        # pulled one unrelated article into a continuing story (eval/linking.py).
        words = replace(vectors, learned=None, learned_share=0.0)
        rows = words_side_by_side(words)
        labels = merge_split_stories(rows, words.days, graph, labels, event_days_factor, threshold=cut,
                                     holds=NEIGHBOURS)  # fmt: skip
        labels = reassign_to_centroids(rows, words.days, graph, labels, event_days_factor)
    return Grouping(groups_of(labels), vectors, graph, cut)


def group_terms(
    terms: Sequence[ArticleTerms], options: GroupingOptions, *, context: Sequence[ArticleTerms] = ()
) -> tuple[list[list[int]], ArticleVectors]:
    """Groups of article indices (into terms) and the article vectors (see grouping_of)."""
    grouping = grouping_of(terms, options, context=context)
    return grouping.groups, grouping.vectors


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


def event_days_factor(days: np.ndarray, other_days: np.ndarray) -> np.ndarray:
    """What a similarity keeps when two articles are days apart (see EVENT_DAYS); all when either is undated."""
    gap = np.abs(days - other_days)
    return 1.0 / (1.0 + np.where(np.isnan(gap), 0.0, gap) / EVENT_DAYS)


def _where_both(mask: np.ndarray, rows: slice | np.ndarray, columns: slice | np.ndarray,
                matrix: sp.spmatrix) -> sp.csr_matrix:  # fmt: skip
    """The entries of `matrix` (rows x columns) where both articles have the channel, else 0."""
    return sp.csr_matrix(sp.diags(mask[rows].astype(float)) @ matrix @ sp.diags(mask[columns].astype(float)))


def similarities(vectors: ArticleVectors, rows: slice | np.ndarray, columns: slice | np.ndarray) -> sp.csr_matrix:
    """Combined similarity of articles `rows` to articles `columns` (sparse), lowered by days apart."""

    def part(matrix: sp.csr_matrix, which: slice | np.ndarray) -> sp.csr_matrix:
        return matrix if isinstance(which, slice) and which == slice(None) else matrix[which]

    def product(matrix: sp.csr_matrix) -> sp.csr_matrix:
        return sp.csr_matrix(part(matrix, rows) @ part(matrix, columns).T)

    body = product(vectors.body)
    # The weights sum to 1: where either article lacks a channel, its weight goes to the body.
    combined = body
    if HEADLINE_WEIGHT:
        combined = combined + HEADLINE_WEIGHT * _where_both(vectors.has_headline, rows, columns,
                                                            product(vectors.headline) - body)  # fmt: skip
    if NAMES_WEIGHT:
        combined = combined + NAMES_WEIGHT * _where_both(
            vectors.has_names, rows, columns, product(vectors.names) - body
        )
    if vectors.learned is not None:  # dense: kept only where it reaches EDGE_FLOOR (a block is at most BLOCK_CELLS)
        latent = vectors.learned[rows] @ vectors.learned[columns].T
        mixed = (1.0 - vectors.learned_share) * sp.csr_matrix(combined).toarray() + vectors.learned_share * latent
        combined = sp.csr_matrix(np.where(mixed >= EDGE_FLOOR, mixed, 0.0))
    combined = sp.csr_matrix(combined).tocoo()
    data = combined.data * event_days_factor(vectors.days[rows][combined.row], vectors.days[columns][combined.col])
    return sp.csr_matrix((data, (combined.row, combined.col)), shape=combined.shape)


def neighbour_graph(
    vectors: ArticleVectors,
    *,
    neighbours: int = NEIGHBOURS,
    block: int | None = None,
    jobs: int | None = 1,
    scheduler: str | None = None,
) -> sp.csr_matrix:
    """Symmetric sparse graph: each article's strongest `neighbours` edges above EDGE_FLOOR.

    Blocks of articles are searched independently, in worker processes from PARALLEL_GRAPH_FROM articles (with
    `jobs` other than 1) or on the Dask cluster at `scheduler`: the vectors go to each worker once and only each
    block's edges come back. The graph is the same wherever its blocks ran."""
    n = vectors.count
    # A block's product may be dense (copies share most terms): bound it to about BLOCK_CELLS cells.
    block = block or max(16, min(1000, BLOCK_CELLS // max(n, 1)))
    candidates = candidate_vectors(vectors.body) if n >= CANDIDATE_FROM else None
    others = None if candidates is None else transposed(candidates)
    search = _BlockSearch(vectors, candidates, others, block, neighbours)
    starts = list(range(0, n, block))
    if scheduler:
        blocks = parallel_map_shared(_block_edges, search, starts, scheduler=scheduler)
    elif jobs != 1 and n >= PARALLEL_GRAPH_FROM:
        blocks = parallel_map_shared(_block_edges, search, starts, jobs=jobs, chunksize=1, fresh=True)
    else:
        blocks = [_block_edges(search, start) for start in starts]
    return graph_of_edges(blocks, n)


@dataclass(frozen=True)
class _BlockSearch:
    """What searching one block of articles for neighbours needs (sent once to each worker)."""

    vectors: ArticleVectors
    candidates: sp.csr_matrix | None  # pruned vectors that find candidates (None: every pair is scored)
    candidates_t: sp.csr_matrix | None  # their transpose, made once (a product would make it again every block)
    block: int
    neighbours: int


def _block_edges(search: _BlockSearch, start: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The strongest edges (rows, columns, similarities) of articles start .. start + block."""
    vectors, candidates = search.vectors, search.candidates
    stop = min(start + search.block, vectors.count)
    if candidates is None:
        sims = similarities(vectors, slice(start, stop), slice(None)).tocoo()
        rows, cols, data = sims.row, sims.col, sims.data
    else:  # candidates from the pruned vectors, then their exact similarity
        found = (candidates[start:stop] @ search.candidates_t).tocoo()
        rows, cols, data = top_per_row(found.row, found.col, found.data, CANDIDATE_NEIGHBOURS)
        data = pair_similarities(vectors, rows + start, cols)
    keep = (rows + start != cols) & (data >= EDGE_FLOOR)
    rows, cols, data = top_per_row(rows[keep], cols[keep], data[keep], search.neighbours)
    return rows + start, cols, data


def pair_similarities(vectors: ArticleVectors, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The combined similarity of the article pairs (rows[i], cols[i]), lowered by days apart."""

    def dots(matrix: sp.csr_matrix) -> np.ndarray:
        return row_dots(matrix, rows, matrix, cols)

    body = dots(vectors.body)
    combined = body
    if HEADLINE_WEIGHT:
        both = vectors.has_headline[rows] & vectors.has_headline[cols]
        combined = combined + HEADLINE_WEIGHT * np.where(both, dots(vectors.headline) - body, 0.0)
    if NAMES_WEIGHT:
        has_names = vectors.has_names
        both = has_names[rows] & has_names[cols]
        combined = combined + NAMES_WEIGHT * np.where(both, dots(vectors.names) - body, 0.0)
    if vectors.learned is not None:
        latent = np.einsum("ij,ij->i", vectors.learned[rows], vectors.learned[cols])
        combined = (1.0 - vectors.learned_share) * combined + vectors.learned_share * latent
    return combined * event_days_factor(vectors.days[rows], vectors.days[cols])


def words_side_by_side(vectors: ArticleVectors) -> sp.csr_matrix:
    """Each article's three word vectors side by side, scaled by the square roots of their weights (a channel it
    lacks replaced by its body), so that a dot product is the similarity of the graph before days apart and a
    sum of rows is a story's centroid in all three at once; the learned vectors, when mixed in, beside them."""
    scale = None if vectors.learned is None else np.sqrt(1.0 - vectors.learned_share)  # the words as a whole
    parts: list[Callable[[], sp.csr_matrix]] = [partial(_weighted, BODY_WEIGHT, vectors.body, None, scale)]
    for weight, channel, has in ((HEADLINE_WEIGHT, vectors.headline, vectors.has_headline),
                                 (NAMES_WEIGHT, vectors.names, vectors.has_names)):  # fmt: skip
        if weight:
            parts += [partial(_weighted, weight, channel, has.astype(float), scale),
                      partial(_weighted, weight, vectors.body, 1.0 - has, scale)]  # fmt: skip
    if vectors.learned is not None:
        parts.append(partial(sp.csr_matrix, np.sqrt(vectors.learned_share) * vectors.learned))
    return side_by_side(vectors.body.shape[0], parts)


def _weighted(weight: float, matrix: sp.csr_matrix, rows_kept: np.ndarray | None, scale: float | None):
    part = np.sqrt(weight) * (matrix if rows_kept is None else sp.diags(rows_kept) @ matrix)
    return part if scale is None else sp.csr_matrix(scale * part)  # the products hstack-then-scale made


def copies_in(members: Sequence[int], vectors: ArticleVectors, threshold: float) -> dict[int, int]:
    """copy -> original within one story: body cosine at or above threshold with an earlier article."""
    from ..core.represent import find_copies

    return find_copies(members, vectors.body, threshold)
