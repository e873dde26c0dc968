"""The sentence graph and PageRank.

Nodes are sentences of all articles; edges carry the similarity weights from
`represent`. PageRank teleports partly to article leads (`position_prior`):
news puts its main facts first, and a lead sentence that many outlets echo is
the strongest evidence of what the story is.

The graph is a symmetric sparse matrix; `sentence_graph` gives the same graph
as a networkx Graph for users who want to explore it. PageRank runs on the
matrix directly: it is the power iteration of `networkx.pagerank` (the same
normalisation, dangling-node and convergence rules, checked by a test), without
converting the matrix to a networkx graph and back, which cost most of the
ranking time on large inputs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp

__all__ = ["lead_prior", "pagerank", "rank", "sentence_graph"]

if TYPE_CHECKING:
    import networkx as nx


def sentence_graph(similarity: sp.csr_matrix) -> nx.Graph:
    """The sentence graph as an undirected weighted networkx Graph (nodes 0..n-1)."""
    import networkx as nx  # only users who ask for the graph pay for networkx

    return nx.from_scipy_sparse_array(similarity, edge_attribute="weight")


def lead_prior(indices: np.ndarray, *, strength: float, weights: np.ndarray | None = None) -> np.ndarray:
    """Teleport distribution: uniform, blended with a 1/(1+index) lead bias; each node's share in both scaled
    by its weight (`weights`, default 1)."""
    n = len(indices)
    uniform = np.full(n, 1.0 / n) if weights is None else weights / weights.sum()
    if strength <= 0:
        return uniform
    lead = 1.0 / (1.0 + indices.astype(np.float64))
    if weights is not None:
        lead = lead * weights
    lead /= lead.sum()
    return (1.0 - strength) * uniform + strength * lead


def _power_iteration(
    transition: sp.csr_matrix,
    dangling: np.ndarray,
    teleport: np.ndarray,
    *,
    damping: float,
    tolerance: float,
    max_iterations: int,
) -> np.ndarray | None:
    n = len(teleport)
    x = np.full(n, 1.0 / n)
    for _ in range(max_iterations):
        previous = x
        x = damping * (transition @ x + x[dangling].sum() * teleport) + (1 - damping) * teleport
        if np.absolute(x - previous).sum() < n * tolerance:
            return x
    return None


def pagerank(
    similarity: sp.csr_matrix,
    *,
    personalization: np.ndarray | None = None,
    damping: float,
    tolerance: float,
    max_iterations: int,
) -> tuple[np.ndarray, bool]:
    """PageRank of every node of a symmetric weighted graph, and whether it converged.

    When the power iteration does not converge within the cap, the scores of
    a run with ten times the cap and a hundred times the tolerance are
    returned, marked as unconverged.
    """
    n = similarity.shape[0]
    if n == 0:
        return np.zeros(0), True
    teleport = np.full(n, 1.0 / n) if personalization is None else personalization / personalization.sum()
    out_weight = np.asarray(similarity.sum(axis=1)).ravel()
    inverse = np.zeros(n)
    inverse[out_weight != 0] = 1.0 / out_weight[out_weight != 0]
    # x @ (D^-1 A) as (D^-1 A)^T @ x: the transpose of a row-normalised matrix, in CSR.
    transition = sp.csr_matrix((sp.diags(inverse) @ similarity).T)
    dangling = np.flatnonzero(out_weight == 0)
    scores = _power_iteration(
        transition, dangling, teleport, damping=damping, tolerance=tolerance, max_iterations=max_iterations
    )
    if scores is not None:
        return scores, True
    scores = _power_iteration(
        transition, dangling, teleport, damping=damping, tolerance=tolerance * 100, max_iterations=max_iterations * 10
    )
    if scores is None:
        scores = teleport.copy()
    return scores, False


def rank(
    similarity: sp.csr_matrix,
    *,
    indices: np.ndarray,
    position_prior: float,
    damping: float,
    tolerance: float,
    max_iterations: int,
    focus: np.ndarray | None = None,
    focus_weight: float = 0.0,
    weights: np.ndarray | None = None,
    evidence: np.ndarray | None = None,
    groups: np.ndarray | None = None,
) -> tuple[np.ndarray, bool]:
    """Scores of all sentences: PageRank over the sentence graph, teleporting towards leads
    and, with `focus` (each sentence's similarity to a query), towards the query's sentences.

    `weights` (one per sentence, 0 to 1, default 1) make a sentence count that much: its edges are scaled by
    it (an edge by both ends' weights) and so is its share of the teleport; a sentence of weight 0 neither
    gives nor gets anything, as if it were not in the graph. `evidence` (one per sentence, default 1)
    multiplies a sentence's share of the teleport; with `groups` (a label per sentence: its family of
    versions) each group's shares are then scaled back to the group's total without it, so evidence moves
    teleport mass between one group's sentences, never to the group from the others."""
    if weights is not None and bool((weights != 1.0).any()) and weights.sum() > 0:
        scale = sp.diags(weights)
        similarity = sp.csr_matrix(scale @ similarity @ scale)
        similarity.eliminate_zeros()
        focus = None if focus is None else focus * weights
    else:
        weights = None
    prior = lead_prior(indices, strength=position_prior, weights=weights)
    if evidence is not None:
        prior = _with_evidence(prior, evidence, groups)
    if focus is not None and focus.sum() > 0 and focus_weight > 0:
        prior = (1 - focus_weight) * prior + focus_weight * focus / focus.sum()
    return pagerank(
        similarity, personalization=prior, damping=damping, tolerance=tolerance, max_iterations=max_iterations
    )


def _with_evidence(prior: np.ndarray, evidence: np.ndarray, groups: np.ndarray | None) -> np.ndarray:
    """The teleport shares multiplied by `evidence`, each of `groups` (integer labels) keeping its total."""
    moved = prior * evidence
    if groups is not None:
        before = np.bincount(groups, weights=prior)
        after = np.bincount(groups, weights=moved)
        scale = np.divide(before, after, out=np.ones_like(before), where=after > 0)
        moved = moved * scale[groups]
    total = moved.sum()
    return moved / total if total > 0 else prior
