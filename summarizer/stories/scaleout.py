"""A day's grouping on a Dask cluster with the articles' terms and vectors left on the workers.

On the cluster path (`daily --scheduler`) the articles are cleaned and split in chunks on the workers, as
prepare_day does; what the client needs of each article (its cleaned document and its units) comes back, and its
grouping terms stay on the worker, in the chunk's future. The vector space is made there too: each chunk's column
terms (in the order they first appear) and document frequencies go to one task that numbers the columns for the
whole day in chunk order and sets the IDF, so each chunk's vectors are, row for row and bit for bit, the rows of
the vectors grouping_vectors makes of the whole day. The neighbour search then runs per pair of chunks: candidates
from the pruned vectors, each article's best of all pairs kept by a task per chunk, then their exact similarity per
pair of chunks (on a small day every pair is scored); only each article's strongest edges come back, and the client
builds the same graph as neighbour_graph. The linkage runs on the client (the graph only); the centroid step and the ranking need every
article's word vectors, which come back a chunk at a time (the side-by-side matrix, then the bodies) once the
search is done. Not on this path: learned vectors (their SVD needs the whole matrix), `--explain` (the
vocabulary), and runs that keep or compare terms (`--archive`): those group on the client as before.
"""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..core.represent import transposed
from ..documents import Document
from ..parallel import CLUSTER_TASKS_PER_THREAD, Stages, cluster_client
from .candidates import candidate_vectors, filling_counts, top_per_row
from .grouping import (
    BLOCK_CELLS,
    CANDIDATE_FROM,
    CANDIDATE_NEIGHBOURS,
    EDGE_FLOOR,
    NEIGHBOURS,
    ArticleTerms,
    ArticleVectors,
    Grouping,
    _day,
    event_days_factor,
    pair_similarities,
    similarities,
    words_side_by_side,
)
from .linkage import (
    average_linkage,
    graph_of_edges,
    groups_of,
    merge_split_stories,
    reassign_to_centroids,
    with_quiet_bonus,
)
from .options import DailyOptions, GroupingOptions
from .preparation import (
    PackedChunk,
    PreparedArticle,
    _prepare_day_chunk,
    packed_day_chunk,
    prepare_day,
    unit_count,
    unpacked,
)
from .weights import FirstSeenColumns, idf_of, term_counts, weighted_rows

__all__ = ["DayOnCluster", "prepare_day_on_cluster", "prepared_day", "scales_out"]

# Stands for every article's terms on the client: they stay on the workers (DayOnCluster).
TERMS_ON_CLUSTER = ArticleTerms((), (), (), None)
CHUNKS = 16  # as prepare_day: progress to watch, and bounded memory per task


def scales_out(scheduler: str | None, settings: DailyOptions, pieces: object, keeps_terms: bool) -> bool:
    """Whether the day's grouping runs on the cluster (see the module docstring for what does not)."""
    return bool(scheduler) and pieces is None and not keeps_terms and not settings.explain and (
        settings.grouping.learned <= 0)  # fmt: skip


def prepare_day_on_cluster(documents: Sequence[Document], *, language: str, scheduler: str, stages: Stages,
                           spill_directory: str | None) -> tuple[list[PreparedArticle], DayOnCluster]:  # fmt: skip
    """prepare_day's articles (their terms TERMS_ON_CLUSTER) and the day's terms left on the cluster."""
    client = cluster_client(scheduler)
    try:
        size = max(1, -(-len(documents) // CHUNKS))
        starts = list(range(0, len(documents), size))
        advance = stages("cleaning and splitting articles", len(documents))
        window = CLUSTER_TASKS_PER_THREAD * max(1, sum(client.nthreads().values()))
        waiting = iter(starts)
        out: deque = deque()
        terms: list[Any] = []  # each chunk's terms (of its articles with text), a future on the cluster

        def submit_next() -> None:
            start = next(waiting, None)
            if start is not None:  # the chunk's result stays there, until both its parts are taken from it
                job = (documents[start : start + size], start, language, None)
                chunk = client.submit(packed_day_chunk if spill_directory else _prepare_day_chunk, job, pure=False)
                terms.append(client.submit(_terms_with_text, chunk, pure=False))
                out.append((start, client.submit(_without_terms, chunk, pure=False)))

        for _ in range(window):
            submit_next()
        articles: list[PreparedArticle] = []
        while out:
            start, future = out.popleft()
            chunk = future.result()
            del future
            submit_next()
            if spill_directory:  # the units written to this machine's disk as they come, as prepare_day does
                chunk = unpacked(chunk, os.path.join(spill_directory, f"units-{start:09d}.pickle"))
            articles.extend(chunk)
            advance(len(chunk))
        with_text = sum(unit_count(units) > 0 for _, units, _ in articles)
        return articles, DayOnCluster(client, terms, with_text)
    except BaseException:
        client.close()
        raise


def prepared_day(documents: Sequence[Document], *, language: str, jobs: int | None, stages: Stages,
                 scheduler: str | None, spill_directory: str | None,
                 on_cluster: bool) -> tuple[list[PreparedArticle], DayOnCluster | None]:  # fmt: skip
    """prepare_day's articles; with `on_cluster` (scales_out) and a scheduler, the day's terms left on the cluster."""
    if on_cluster and scheduler:
        return prepare_day_on_cluster(documents, language=language, scheduler=scheduler, stages=stages,
                                      spill_directory=spill_directory)  # fmt: skip
    return prepare_day(documents, language=language, jobs=jobs, stages=stages, scheduler=scheduler,
                       spill_directory=spill_directory), None  # fmt: skip


def _terms_with_text(chunk: list[PreparedArticle] | PackedChunk) -> list[ArticleTerms]:
    """The chunk's grouping terms of its articles with text (the day leaves out the others)."""
    if isinstance(chunk, tuple):
        return [terms for terms, count in zip(chunk[1], chunk[4]) if count > 0]
    return [terms for _, units, terms in chunk if unit_count(units) > 0]


def _without_terms(chunk: list[PreparedArticle] | PackedChunk) -> list[PreparedArticle] | PackedChunk:
    """The chunk as the client receives it: every article's terms TERMS_ON_CLUSTER."""
    if isinstance(chunk, tuple):
        return chunk[0], [TERMS_ON_CLUSTER] * len(chunk[0]), *chunk[2:]
    return [(cleaned, units, TERMS_ON_CLUSTER) for cleaned, units, _ in chunk]


def _channels(terms: Sequence[ArticleTerms]) -> tuple[list[Sequence[str]], ...]:
    """Each article's terms of the three channels (vectors_of's body, headline and names)."""
    return [a.body for a in terms], [(*a.title, *a.lead) for a in terms], [a.names for a in terms]


def _width(column: dict[str, int]) -> int:
    return max(len(column), 1)


Columns = tuple[tuple[str, ...], np.ndarray]  # a chunk's terms in the order they first appear, and their counts of rows


def _chunk_columns(terms: list[ArticleTerms]) -> tuple[Columns, ...]:
    found = []
    for rows in _channels(terms):
        column = FirstSeenColumns()
        counts = term_counts(rows, column.__getitem__, partial(_width, column))
        found.append((tuple(column), np.bincount(counts.indices, minlength=len(column)).astype(np.int64)))
    return tuple(found)


@dataclass(frozen=True)
class _Space:
    """The day's columns and IDF per channel: what vectors_of computes over every article at once."""

    columns: tuple[dict[str, int], ...]
    idf: tuple[np.ndarray, ...]


def _day_space(articles: int, *chunks: tuple[Columns, ...]) -> _Space:
    """Columns numbered as the whole day's terms first appear (chunk after chunk), document frequencies summed
    (whole numbers: exact in any order), and the IDF as weights.tfidf_rows sets it."""
    columns, idfs = [], []
    for channel in range(3):
        column: dict[str, int] = {}
        places = [np.fromiter((column.setdefault(t, len(column)) for t in chunk[channel][0]), np.int64)
                  for chunk in chunks]  # fmt: skip
        df = np.zeros(max(len(column), 1), dtype=np.int64)
        for where, chunk in zip(places, chunks):
            df[where] += chunk[channel][1]
        columns.append(column)
        idfs.append(idf_of(df.astype(np.float64), articles))
    return _Space(tuple(columns), tuple(idfs))


def _chunk_vectors(terms: list[ArticleTerms], space: _Space) -> ArticleVectors:
    """The chunk's rows of the day's vectors (words only)."""
    made = []
    for rows, column, idf in zip(_channels(terms), space.columns, space.idf):
        made.append(weighted_rows(term_counts(rows, column.__getitem__, partial(len, idf)), idf))
    headlines = _channels(terms)[1]
    return ArticleVectors(made[0], made[1], made[2], np.asarray([bool(h) for h in headlines], dtype=bool),
                          np.asarray([_day(a.date) for a in terms], dtype=float))  # fmt: skip


def _body_frequencies(vectors: ArticleVectors) -> np.ndarray:
    return np.bincount(vectors.body.indices, minlength=vectors.body.shape[1]).astype(np.int64)


def _summed(*arrays: np.ndarray) -> np.ndarray:
    return np.sum(arrays, axis=0)


def _summed_before(count: int, *arrays: np.ndarray) -> np.ndarray:
    return np.sum(arrays[:count], axis=0) if count else np.zeros_like(arrays[0])


def _chunk_filling(vectors: ArticleVectors, frequencies: np.ndarray) -> np.ndarray:
    return filling_counts(vectors.body, frequencies)


def _chunk_candidates(vectors: ArticleVectors, frequencies: np.ndarray, before: np.ndarray,
                      filling: np.ndarray) -> sp.csr_matrix:  # fmt: skip
    return candidate_vectors(vectors.body, frequencies, before=before, filling=filling)


def _stacked(first: ArticleVectors, second: ArticleVectors) -> ArticleVectors:
    """Two chunks' vectors as one (the rows of the first, then the second's): the day's rows, bit for bit."""

    def both(part: Callable[[ArticleVectors], Any]) -> Any:
        matrices = part(first), part(second)
        if sp.issparse(matrices[0]):
            return sp.csr_matrix(sp.vstack(matrices, format="csr"))
        return np.concatenate(matrices)

    return ArticleVectors(both(lambda v: v.body), both(lambda v: v.headline), both(lambda v: v.names),
                          both(lambda v: v.has_headline), both(lambda v: v.days))  # fmt: skip


Edges = tuple[np.ndarray, np.ndarray, np.ndarray]  # rows, columns (the day's numbers), scores or similarities


@dataclass(frozen=True)
class _Pair:
    """Two chunks of the day's articles whose neighbour pairs one task searches (the first's rows)."""

    rows_from: int  # the day's number of the first chunk's first article
    columns_from: int
    neighbours: int


def _block(columns: int) -> int:
    return max(16, min(1000, BLOCK_CELLS // max(columns, 1)))  # as neighbour_graph's: about BLOCK_CELLS cells at once


def _shifted(pair: _Pair, found: list[Edges]) -> Edges:
    """Blocks' edges (rows within the first chunk, columns within the second) numbered as in the day."""
    if not found:
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    rows, cols, data = (np.concatenate([f[i] for f in found]) for i in range(3))
    return rows.astype(np.int64) + pair.rows_from, cols.astype(np.int64) + pair.columns_from, data


def _pair_candidates(pair: _Pair, rows: sp.csr_matrix, columns: sp.csr_matrix) -> Edges:
    """Each of the first chunk's articles' CANDIDATE_NEIGHBOURS best candidates among the second's (pruned vectors),
    as grouping._block_edges scores them."""
    found = []
    others = transposed(columns)
    for start in range(0, rows.shape[0], _block(columns.shape[0])):
        product = (rows[start : start + _block(columns.shape[0])] @ others).tocoo()
        local, cols, score = top_per_row(product.row, product.col, product.data, CANDIDATE_NEIGHBOURS)
        found.append((local + start, cols, score))
    return _shifted(pair, found)


def _best(limit: int, *parts: Edges) -> Edges:
    """Each row's `limit` best entries of all the parts, ties to the lower column: a total order, so the same as
    one search over the whole day keeps."""
    rows, cols, data = (np.concatenate([p[i] for p in parts]) for i in range(3))
    return top_per_row(rows, cols, data, limit)  # type: ignore[return-value]


def _pair_similarities(pair: _Pair, rows: ArticleVectors, columns: ArticleVectors, candidates: Edges) -> Edges:
    """The exact similarity of the candidate pairs whose second article is in the second chunk."""
    chosen = (candidates[1] >= pair.columns_from) & (candidates[1] < pair.columns_from + columns.count)
    row, col = candidates[0][chosen], candidates[1][chosen]
    same = pair.rows_from == pair.columns_from
    both = rows if same else _stacked(rows, columns)
    shift = 0 if same else rows.count  # where the second chunk's rows are in `both`
    return row, col, pair_similarities(both, row - pair.rows_from, col - pair.columns_from + shift)


def _pair_scored(pair: _Pair, rows: ArticleVectors, columns: ArticleVectors) -> Edges:
    """Every pair of the two chunks scored (a small day): each of the first chunk's articles' strongest edges."""
    same = pair.rows_from == pair.columns_from
    both = rows if same else _stacked(rows, columns)
    shift = 0 if same else rows.count
    found = []
    for start in range(0, rows.count, _block(columns.count)):
        stop = min(start + _block(columns.count), rows.count)
        sims = similarities(both, slice(start, stop), slice(shift, shift + columns.count)).tocoo()
        keep = (sims.row + start + pair.rows_from != sims.col + pair.columns_from) & (sims.data >= EDGE_FLOOR)
        found.append(top_per_row(sims.row[keep] + start, sims.col[keep], sims.data[keep], pair.neighbours))
    return _shifted(pair, found)  # type: ignore[arg-type]


def _strong(neighbours: int, *parts: Edges) -> Edges:
    """The exact similarities of a chunk's candidates: the article itself and the weak left out, each article's
    `neighbours` strongest kept."""
    rows, cols, data = (np.concatenate([p[i] for p in parts]) for i in range(3))
    keep = (rows != cols) & (data >= EDGE_FLOOR)
    return top_per_row(rows[keep], cols[keep], data[keep], neighbours)  # type: ignore[return-value]


class DayOnCluster:
    """The day's grouping terms on the cluster, chunk by chunk (prepare_day_on_cluster), and the client that
    holds them there until the day is grouped."""

    def __init__(self, client: Any, terms: list[Any], articles: int) -> None:
        self.client, self.terms, self.articles = client, terms, articles

    def grouping(self, options: GroupingOptions, *, neighbours: int = NEIGHBOURS,
                 candidate_from: int = CANDIDATE_FROM) -> Grouping:  # fmt: skip
        """grouping_of's grouping of the day (words only), the neighbour search on the workers; then the client
        closed (the terms and vectors on the cluster released)."""
        try:
            return self._grouping(options, neighbours, candidate_from)
        finally:
            self.terms = []
            self.client.close()

    def _grouping(self, options: GroupingOptions, neighbours: int, candidate_from: int) -> Grouping:
        submit = self.client.submit
        n = self.articles
        space = submit(_day_space, n, *[submit(_chunk_columns, terms) for terms in self.terms])
        vectors = [submit(_chunk_vectors, terms, space) for terms in self.terms]
        sizes = [int(size) for size in self.client.gather([submit(_count, v) for v in vectors])]
        self.terms = []
        del space
        starts = np.concatenate([[0], np.cumsum(sizes)]).astype(int).tolist()
        chunks = [i for i, size in enumerate(sizes) if size]
        by_candidates = n >= candidate_from and bool(chunks)
        edges = []
        if by_candidates:  # candidates per pair of chunks, each article's best of them all, then their similarity
            frequencies = submit(_summed, *[submit(_body_frequencies, vectors[i]) for i in chunks])
            # Each chunk's common-term windows continue the chunks' before it (candidates.candidate_vectors).
            fills = [submit(_chunk_filling, vectors[i], frequencies) for i in chunks]
            filling = submit(_summed, *fills)
            candidates = {i: submit(_chunk_candidates, vectors[i], frequencies, submit(_summed_before, k, *fills),
                                    filling) for k, i in enumerate(chunks)}  # fmt: skip
            del fills
            for a in chunks:
                best = submit(_best, CANDIDATE_NEIGHBOURS, *[submit(_pair_candidates, _Pair(starts[a], starts[b],
                              neighbours), candidates[a], candidates[b]) for b in chunks])  # fmt: skip
                edges.append(submit(_strong, neighbours, *[submit(_pair_similarities, _Pair(starts[a], starts[b],
                                    neighbours), vectors[a], vectors[b], best) for b in chunks]))  # fmt: skip
            del candidates, best
        else:
            edges = [submit(_best, neighbours, *[submit(_pair_scored, _Pair(starts[a], starts[b], neighbours),
                            vectors[a], vectors[b]) for b in chunks]) for a in chunks]  # fmt: skip
        graph = graph_of_edges(self.client.gather(edges), n)
        del edges
        cut = 1.0 - options.distance
        labels = average_linkage(with_quiet_bonus(graph, cut), cut)
        # What the centroid step needs (the side-by-side word vectors), then what the ranking and the headlines
        # need (the bodies), a chunk at a time: never both at once.
        flags = self.client.gather([submit(_days_and_headlines, v) for v in vectors])
        days = np.concatenate([f[0] for f in flags]) if flags else np.zeros(0)
        has_headline = np.concatenate([f[1] for f in flags]) if flags else np.zeros(0, dtype=bool)
        if options.method == "centroid" and n:
            words = sp.csr_matrix(sp.vstack(self.client.gather([submit(words_side_by_side, v) for v in vectors]),
                                            format="csr"))  # fmt: skip
            labels = merge_split_stories(words, days, graph, labels, event_days_factor, threshold=cut,
                                         holds=NEIGHBOURS)  # fmt: skip
            labels = reassign_to_centroids(words, days, graph, labels, event_days_factor)
            del words
        bodies = self.client.gather([submit(_body, v) for v in vectors])
        del vectors
        body = sp.csr_matrix(sp.vstack(bodies, format="csr")) if bodies else sp.csr_matrix((0, 1))
        del bodies
        empty = sp.csr_matrix((n, 0))
        return Grouping(groups_of(labels), ArticleVectors(body, empty, empty, has_headline, days), graph, cut)


def _days_and_headlines(vectors: ArticleVectors) -> tuple[np.ndarray, np.ndarray]:
    return vectors.days, vectors.has_headline


def _body(vectors: ArticleVectors) -> sp.csr_matrix:
    return vectors.body


def _count(vectors: ArticleVectors) -> int:
    return vectors.count
