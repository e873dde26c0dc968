"""Average linkage on a sparse similarity graph, the cut it applies, and the centroid step after it.

The cut a pair of articles must reach is the usual one (GroupingOptions.distance) where their
neighbourhood is busy, and falls where it is quiet. Each article's background is its
BACKGROUND_RANK-th strongest similarity; a pair needs the mean of the two backgrounds (times
BACKGROUND_WEIGHT) plus QUIET_SHARE of the cut, never more than the cut. Among ten wire stories of
one topic the fourth neighbour is close and the cut stays; three outlets' short excerpts of one event
on a day of other news stand out from a background near 0 with cosines of 0.1 to 0.2, and join
(eval/grouping.py measures both, and what the lower cut costs articles that have no partner).
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Iterator, Sequence

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components

from ..parallel import parallel_map

__all__ = [
    "BACKGROUND_RANK",
    "QUIET_SHARE",
    "average_linkage",
    "backgrounds",
    "graph_of_edges",
    "groups_of",
    "merge_split_stories",
    "needed_similarity",
    "reassign_to_centroids",
    "row_dots",
    "side_by_side",
    "with_quiet_bonus",
]

# Chosen with the weights of the similarity (stories.grouping) on allsides_days, the Multi-News pile and ECB+
# together (eval/grouping.py, results/grouping.md): the best of them that keeps every gate figure, among them no
# unrelated article joining a continuing story in eval/linking.py (the best two let a sitcom revival join a report
# of Emmy night at 0.117). The fourth neighbour lies outside a story of three outlets. Shares of the cut, not fixed
# similarities: learned vectors (`--learned 0.8`, cut 0.4) raise every similarity.
BACKGROUND_RANK = 4
QUIET_SHARE = 0.15
BACKGROUND_WEIGHT = 1.25
# An article joins another story's centroid only this close (chosen with the rest on the same sets; lower floors
# pull long, diffuse articles into unrelated stories).
REASSIGN_SIMILARITY = 0.2
# Two stories of more articles together than the graph keeps edges per article merge only when their average
# similarity is at least this share of the looser one's own (stories.linkage.merge_split_stories).
SPLIT_SHARE = 0.8
REASSIGN_ROUNDS = 10  # rounds of moving articles; it settles in 2 to 4 on real piles
PAIR_BLOCK = 4096  # pairs scored at once: bounds the rows copied out of the sparse vectors


def backgrounds(graph: sp.csr_matrix) -> np.ndarray:
    """Each article's BACKGROUND_RANK-th strongest similarity in the graph (0 when it has fewer edges)."""
    n = graph.shape[0]
    counts = np.diff(graph.indptr)
    rows = np.repeat(np.arange(n), counts)
    order = np.lexsort((-graph.data, rows))  # each row's weights, strongest first
    rank = np.arange(len(order)) - graph.indptr[rows[order]]
    found = np.zeros(n)
    at_rank = rank == BACKGROUND_RANK - 1
    found[rows[order][at_rank]] = graph.data[order][at_rank]
    return found


def needed_similarity(cut: float, background: np.ndarray, rows: np.ndarray, cols: np.ndarray) -> np.ndarray:
    """The similarity the pairs (rows[i], cols[i]) must reach to be joined (see the module docstring)."""
    return np.minimum(cut, QUIET_SHARE * cut + BACKGROUND_WEIGHT * (background[rows] + background[cols]) / 2)


def with_quiet_bonus(graph: sp.csr_matrix, cut: float) -> sp.csr_matrix:
    """The graph with each edge raised by what its pair's cut falls below `cut`, so that average linkage at
    `cut` applies each pair's own cut (an edge missing from the graph still counts 0)."""
    edges = graph.tocoo()
    needed = needed_similarity(cut, backgrounds(graph), edges.row, edges.col)
    raised = sp.csr_matrix((edges.data + cut - needed, (edges.row, edges.col)), shape=graph.shape)
    raised.sort_indices()
    return raised


def average_linkage(graph: sp.csr_matrix, threshold: float, *, jobs: int | None = 1) -> np.ndarray:
    """Cluster labels: merge the two clusters of highest average similarity while it reaches threshold.

    The average is over all member pairs, an edge missing from the graph counting 0. Ties merge
    the pair with the lowest cluster numbers first, so the result never depends on hash order.
    Clusters only ever join within a component of the pairs that reach the threshold (_mergeable_edges),
    and what happens in one component never touches another: the merges run a batch of whole components
    at a time (_batches), each component's in the order of one run over the whole graph; from
    LINKAGE_WORKERS_FROM edges that can merge, the batches run in `jobs` worker processes (the same labels).
    """
    n = graph.shape[0]
    representative = np.arange(n)  # each article's cluster, named by the member whose number it keeps
    edges = _mergeable_edges(sp.triu(graph, k=1).tocoo(), threshold)
    batches = [(*batch, threshold) for batch in _batches(*edges)]
    workers = jobs if len(edges[0]) >= LINKAGE_WORKERS_FROM else 1
    for batch, cluster in zip(batches, parallel_map(_merged_batch, batches, jobs=workers, chunksize=1)):
        representative[batch[0]] = batch[0][cluster]
    return np.unique(representative, return_inverse=True)[1].astype(np.int64)


def _merged_batch(batch: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, float]) -> np.ndarray:
    """_merged on a batch of _batches (arrays: as Python numbers, as the linkage has always summed them)."""
    nodes, rows, cols, weights, threshold = batch
    return _merged(rows.tolist(), cols.tolist(), weights.tolist(), len(nodes), threshold)


def _merged(rows: list[int], cols: list[int], weights: list[float], n: int, threshold: float) -> np.ndarray:
    """Average linkage on n nodes joined by these edges (rows[i] < cols[i]): each node's cluster, named by the
    node whose number the cluster keeps (the larger of two merged, the lower number on equal sizes)."""
    size = [1] * n
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for a, b, w in zip(rows, cols, weights):
        links[a][b] = links[a].get(b, 0.0) + w
        links[b][a] = links[b].get(a, 0.0) + w
    members = [[i] for i in range(n)]
    alive = [True] * n
    heap = [(-average, a, b) for a, b, w in zip(rows, cols, weights)
            if (average := w / (size[a] * size[b])) >= threshold]  # fmt: skip
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]):
            continue
        average = links[a].get(b, 0.0) / (size[a] * size[b])
        if abs(average + negative) > 1e-12:  # stale: the pair's average changed since it was pushed
            continue
        keep, gone = (a, b) if size[a] >= size[b] else (b, a)
        alive[gone] = False
        members[keep].extend(members[gone])
        members[gone] = []
        size[keep] += size[gone]
        for other, weight in links[gone].items():
            if other == keep:
                continue
            links[keep][other] = links[keep].get(other, 0.0) + weight
            links[other][keep] = links[other].get(keep, 0.0) + weight
            del links[other][gone]
        links[keep].pop(gone, None)
        links[gone] = {}
        for other, total in links[keep].items():
            average = total / (size[keep] * size[other])
            if average >= threshold:
                heapq.heappush(heap, (-average, min(keep, other), max(keep, other)))
    cluster = np.zeros(n, dtype=np.int64)
    for keep, group in enumerate(members):
        cluster[group] = keep
    return cluster


# Relative slack on the threshold when finding what can merge: a cluster pair's average, summed in floating point,
# may round above the mean of its pairs' exact averages; with this slack no pair that could merge is left out.
MERGE_SLACK = 1e-9
# Edges merged at once (whole components; a larger component alone): each is a Python float, two dictionary
# entries and a heap entry while its batch runs (about 300 bytes), against 16 bytes in the arrays that wait. At
# 100,000 articles the largest component had 6,263 edges; smaller batches only add calls.
LINKAGE_BATCH_EDGES = 20_000
# From this many edges that can merge, the batches run in worker processes: on the bench's 100,000-article day
# (1.07 million such edges, 56 batches) the linkage took 5.2 s of the main process alone.
LINKAGE_WORKERS_FROM = 200_000

Batch = tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]


def _mergeable_edges(edges: sp.coo_matrix, threshold: float) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The edges (rows, columns, weights) that can count in a merge, in their order, and the component of each:
    two clusters join only when their average reaches the threshold, and an average never exceeds the largest
    of its pairs', so clusters only ever join within the components of the pairs that reach it. Edges between
    such components, and those of articles in none, never count."""
    strong = edges.data >= threshold * (1.0 - MERGE_SLACK)
    n = edges.shape[0]
    joined = sp.csr_matrix((np.ones(int(strong.sum())), (edges.row[strong], edges.col[strong])), shape=(n, n))
    component = connected_components(joined, directed=False)[1]
    keep = component[edges.row] == component[edges.col]
    return edges.row[keep], edges.col[keep], edges.data[keep], component[edges.row[keep]]


def _batches(rows: np.ndarray, cols: np.ndarray, weights: np.ndarray, component: np.ndarray) -> Iterator[Batch]:
    """The edges in batches of whole components (up to LINKAGE_BATCH_EDGES edges, or one larger component), each
    as its nodes (ascending) and its edges (arrays) between their positions, in their order within each component:
    numbering a batch's nodes in their order keeps every comparison of node numbers the linkage makes."""
    order = np.argsort(component, kind="stable")
    bounds = [0, *(np.flatnonzero(np.diff(component[order])) + 1).tolist(), len(order)]  # each component's edges
    start = 0
    for end, following in zip(bounds[1:], [*bounds[2:], None]):
        if end > start and (following is None or following - start > LINKAGE_BATCH_EDGES):
            chosen = order[start:end]
            nodes = np.unique(np.concatenate([rows[chosen], cols[chosen]]))
            yield nodes, np.searchsorted(nodes, rows[chosen]), np.searchsorted(nodes, cols[chosen]), weights[chosen]
            start = end


def side_by_side(rows: int, parts: Sequence[Callable[[], sp.csr_matrix]]) -> sp.csr_matrix:
    """The CSR matrices `parts` make, side by side, entry for entry as scipy's hstack lays them out (each row: the
    parts in order, each part's row as stored), with one part in memory at a time: each is made once to count its
    rows' entries and once to be copied in (at 100,000 articles hstack held the parts, their concatenation and the
    result at once: the main process's peak)."""
    counts = np.zeros(rows, dtype=np.int64)
    widths = []
    for make in parts:
        part = make()
        counts += np.diff(part.indptr)
        widths.append(part.shape[1])
        del part
    indptr = np.zeros(rows + 1, dtype=np.int64)
    np.cumsum(counts, out=indptr[1:])
    index_type = np.int32 if max(int(indptr[-1]), sum(widths)) < np.iinfo(np.int32).max else np.int64
    indices = np.empty(int(indptr[-1]), dtype=index_type)
    data: np.ndarray | None = None
    filled = indptr[:-1].copy()  # where each row's next part starts
    offset = 0
    for make, width in zip(parts, widths):
        part = make()
        lengths = np.diff(part.indptr)
        starts = np.repeat(filled - part.indptr[:-1], lengths) + np.arange(part.nnz)
        if data is None:
            data = np.empty(int(indptr[-1]), dtype=part.dtype)
        data[starts] = part.data
        indices[starts] = part.indices + offset
        filled += lengths
        offset += width
        del part, starts
    return sp.csr_matrix((data if data is not None else np.empty(0), indices, indptr.astype(index_type)),
                         shape=(rows, offset))  # fmt: skip


def row_dots(left: sp.csr_matrix, rows: np.ndarray, right: sp.csr_matrix, cols: np.ndarray) -> np.ndarray:
    """left[rows[i]] . right[cols[i]] for each i, PAIR_BLOCK pairs at a time (the rows are copied out)."""
    return np.concatenate([
        np.asarray(left[rows[i : i + PAIR_BLOCK]].multiply(right[cols[i : i + PAIR_BLOCK]]).sum(axis=1)).ravel()
        for i in range(0, len(rows), PAIR_BLOCK)
    ] or [np.zeros(0)])  # fmt: skip


DaysFactor = Callable[[np.ndarray, np.ndarray], np.ndarray]


def _clusters(
    rows: sp.csr_matrix, labels: np.ndarray, days: np.ndarray, dated: np.ndarray, k: int
) -> tuple[sp.csr_matrix, np.ndarray, np.ndarray]:
    """Each of the k clusters' sum of rows (its unnormalised centroid), that sum's squared norm, and its mean day
    (NaN when no member is dated)."""
    n = len(labels)
    sums = sp.csr_matrix(sp.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n)) @ rows)
    squared = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()
    dated_count = np.bincount(labels[dated], minlength=k)
    day_sum = np.bincount(labels[dated], weights=days[dated], minlength=k)
    return sums, squared, np.where(dated_count > 0, day_sum / np.maximum(dated_count, 1), np.nan)


def merge_split_stories(
    rows: sp.csr_matrix, days: np.ndarray, graph: sp.csr_matrix, labels: np.ndarray, days_factor: DaysFactor, *,
    threshold: float, holds: int,
) -> np.ndarray:  # fmt: skip
    """Cluster labels after merging the stories the neighbour graph split: where two stories joined by an edge have
    more articles together than the graph holds edges of one article (`holds`), most of their pairs are no edge,
    and average linkage counted each as 0 (300 copies of one report: 10 stories). Their average similarity is
    computed exactly instead, from the sums of their `rows` (a dot product of two rows is their similarity, days
    aside, lowered by `days_factor` of the stories' mean dates as in the centroid step): pairs at `threshold` or
    more merge, pairs that are each other's best first, round by round, as average linkage merges them."""
    labels = np.unique(labels, return_inverse=True)[1].astype(np.int64)
    edges = graph.tocoo()
    dated = ~np.isnan(days)
    norms = np.asarray(rows.multiply(rows).sum(axis=1)).ravel()
    while len(labels):
        k = int(labels.max()) + 1
        counts = np.bincount(labels, minlength=k)
        pairs = np.unique(np.minimum(labels[edges.row], labels[edges.col]) * k
                          + np.maximum(labels[edges.row], labels[edges.col]))  # fmt: skip
        a, b = pairs // k, pairs % k
        kept = (a != b) & (counts[a] + counts[b] > holds)
        a, b = a[kept], b[kept]
        if not len(a):
            break
        sums, squared, day = _clusters(rows, labels, days, dated, k)
        similarity = row_dots(sums, a, sums, b) / (counts[a] * counts[b]) * days_factor(day[a], day[b])
        # A split the graph made leaves two parts as alike between them as within; two events of one kind are less
        # alike between them than within the looser one (ECB+: at most 0.73 of it, copies split by the graph 0.88+).
        pairs_within = counts * (counts - 1.0)
        within = np.where(pairs_within > 0, (squared - np.bincount(labels, weights=norms, minlength=k))
                          / np.maximum(pairs_within, 1.0), np.inf)  # fmt: skip
        looser = np.minimum(within[a], within[b])
        similarity = np.where(similarity >= SPLIT_SHARE * looser, similarity, 0.0)
        a, b, similarity = a[similarity >= threshold], b[similarity >= threshold], similarity[similarity >= threshold]
        if not len(a):
            break
        # Each story's best partner (on a tie the lowest number); a pair that is each other's best merges.
        ends, others = np.concatenate([a, b]), np.concatenate([b, a])
        order = np.lexsort((others, -np.concatenate([similarity, similarity]), ends))
        first = np.ones(len(order), dtype=bool)
        first[1:] = ends[order][1:] != ends[order][:-1]
        best = np.full(k, -1, dtype=np.int64)
        best[ends[order][first]] = others[order][first]
        mutual = (best[a] == b) & (best[b] == a)
        if not mutual.any():
            break
        target = np.arange(k)
        target[b[mutual]] = a[mutual]
        labels = np.unique(target[labels], return_inverse=True)[1].astype(np.int64)
    return labels


def reassign_to_centroids(
    rows: sp.csr_matrix,
    days: np.ndarray,
    graph: sp.csr_matrix,
    labels: np.ndarray,
    days_factor: DaysFactor,
    *,
    floor: float = REASSIGN_SIMILARITY,
    rounds: int = REASSIGN_ROUNDS,
) -> np.ndarray:
    """Cluster labels after moving each article to the cluster whose centroid is most similar to it.

    `rows` are the articles' vectors (a dot product of two is their similarity, days aside). An article's own
    cluster is measured without the article itself, so a singleton has nothing to stay for; it moves only to a
    cluster at least `floor` similar. The clusters considered are its own and those of its graph neighbours,
    so the work grows with the graph, never with clusters x articles. Similarities are lowered by
    `days_factor` of the article's day and the cluster's mean date, as in the graph. All articles move at once
    each round; on a tie an article stays, else goes to the lowest cluster number.
    """
    n = rows.shape[0]
    labels = np.unique(labels, return_inverse=True)[1].astype(np.int64)
    if n == 0:
        return labels
    edges = graph.tocoo()
    dated = ~np.isnan(days)
    norms_squared = np.asarray(rows.multiply(rows).sum(axis=1)).ravel()
    earlier: _RoundDots | None = None
    for _ in range(rounds):
        k = int(labels.max()) + 1
        sums, squared, cluster_day = _clusters(rows, labels, days, dated, k)
        # Candidate (article, cluster) pairs: its own cluster and its neighbours' clusters, each once; an
        # article whose neighbours are all in its own cluster has nowhere to go and is left out.
        pairs = np.unique(np.concatenate([np.arange(n), edges.row]) * k + np.concatenate([labels, labels[edges.col]]))
        article, cluster = pairs // k, pairs % k
        choices = np.bincount(article, minlength=n)
        article, cluster = article[choices[article] > 1], cluster[choices[article] > 1]
        if not len(article):
            break
        dot = earlier.dots(labels, article, cluster, rows, sums) if earlier else row_dots(rows, article, sums, cluster)
        earlier = _RoundDots(labels, k, article * k + cluster, dot)
        own = cluster == labels[article]
        self_norm = norms_squared[article]  # 1, or 0 for an empty article
        # Own cluster without the article: |S - x|^2 = |S|^2 - 2 x.S + |x|^2, and x.(S - x) = x.S - |x|^2.
        norm = np.sqrt(np.clip(np.where(own, squared[cluster] - 2 * dot + self_norm, squared[cluster]), 0, None))
        numerator = np.where(own, dot - self_norm, dot)
        similarity = np.where(norm > 1e-9, numerator / np.where(norm > 1e-9, norm, 1.0), 0.0)
        similarity = similarity * days_factor(days[article], cluster_day[cluster])
        order = np.lexsort((cluster, ~own, -similarity, article))  # on a tie an article stays where it is
        first = np.ones(len(order), dtype=bool)
        first[1:] = article[order][1:] != article[order][:-1]
        best_cluster = labels.copy()
        best_similarity = np.zeros(n)
        best_cluster[article[order][first]] = cluster[order][first]
        best_similarity[article[order][first]] = similarity[order][first]
        moved = np.where((best_cluster != labels) & (best_similarity >= floor), best_cluster, labels)
        if np.array_equal(moved, labels):
            break
        labels = np.unique(moved, return_inverse=True)[1].astype(np.int64)
    return labels


class _RoundDots:
    """One round's article . centroid products, for the next round: a cluster whose members did not change has the
    same centroid, summed in the same order, so its products are the same numbers and are not taken again: after the
    first round only those of clusters that articles left or joined are (the centroid step of the bench's
    100,000-article day, 7 rounds: 6.6 -> 3.0 s of CPU, the same labels)."""

    def __init__(self, labels: np.ndarray, clusters: int, keys: np.ndarray, dots: np.ndarray) -> None:
        self.labels, self.clusters, self.keys, self.values = labels, clusters, keys, dots  # keys ascending

    def dots(self, labels: np.ndarray, article: np.ndarray, cluster: np.ndarray, rows: sp.csr_matrix,
             sums: sp.csr_matrix) -> np.ndarray:  # fmt: skip
        k = int(labels.max()) + 1
        lowest = np.full(k, self.clusters, dtype=np.int64)
        highest = np.full(k, -1, dtype=np.int64)
        np.minimum.at(lowest, labels, self.labels)
        np.maximum.at(highest, labels, self.labels)
        before = np.bincount(self.labels, minlength=self.clusters)
        # a cluster now that is exactly one cluster then: all its members were there, and as many as were there
        same = (lowest == highest) & (np.bincount(labels, minlength=k) == before[lowest])
        keys = article * self.clusters + np.where(same[cluster], lowest[cluster], 0)
        place = np.minimum(np.searchsorted(self.keys, keys), max(len(self.keys) - 1, 0))
        known = same[cluster] & (self.keys[place] == keys) if len(self.keys) else np.zeros(len(keys), dtype=bool)
        dot = np.empty(len(article))
        dot[known] = self.values[place[known]]
        dot[~known] = row_dots(rows, article[~known], sums, cluster[~known])
        return dot


def groups_of(labels: np.ndarray) -> list[list[int]]:
    """Groups of article indices, each sorted, ordered by their first article."""
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


def graph_of_edges(blocks: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]], n: int) -> sp.csr_matrix:
    """The symmetric graph of blocks of (rows, columns, similarities), wherever the blocks were searched."""
    if not blocks:
        return sp.csr_matrix((n, n))
    # One matrix from every block's edges at once (adding block matrices one by one is quadratic).
    graph = sp.csr_matrix((np.concatenate([b[2] for b in blocks]),
                           (np.concatenate([b[0] for b in blocks]), np.concatenate([b[1] for b in blocks]))),
                          shape=(n, n))  # fmt: skip
    graph = sp.csr_matrix(graph.maximum(graph.T))
    graph.sort_indices()
    return graph
