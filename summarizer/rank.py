"""The sentence graph (networkx) and PageRank.

Nodes are sentences of all articles; edges carry the similarity weights from
`represent`. PageRank teleports partly to article leads (`position_prior`):
news puts its main facts first, and a lead sentence that many outlets echo is
the strongest evidence of what the story is.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import scipy.sparse as sp


def sentence_graph(similarity: sp.csr_matrix) -> nx.Graph:
    """An undirected weighted graph with one node per sentence (0..n-1)."""
    graph = nx.from_scipy_sparse_array(similarity, edge_attribute="weight")
    return graph


def lead_prior(relative_positions: np.ndarray, indices: np.ndarray, *, strength: float) -> np.ndarray:
    """Teleport distribution: uniform, blended with a 1/(1+index) lead bias."""
    n = len(indices)
    uniform = np.full(n, 1.0 / n)
    if strength <= 0:
        return uniform
    lead = 1.0 / (1.0 + indices.astype(np.float64))
    lead /= lead.sum()
    return (1.0 - strength) * uniform + strength * lead


def pagerank(
    graph: nx.Graph,
    *,
    personalization: np.ndarray | None = None,
    damping: float = 0.85,
    tolerance: float = 1.0e-6,
    max_iterations: int = 200,
) -> tuple[np.ndarray, bool]:
    """PageRank score of every node, and whether the iteration converged.

    When the power iteration does not converge within the cap, the scores
    from a run with ten times the cap are returned, marked as unconverged.
    """
    n = graph.number_of_nodes()
    if n == 0:
        return np.zeros(0), True
    weights = None if personalization is None else {i: float(p) for i, p in enumerate(personalization)}
    converged = True
    try:
        scores = nx.pagerank(
            graph, alpha=damping, personalization=weights, tol=tolerance,
            max_iter=max_iterations, weight="weight",
        )
    except nx.PowerIterationFailedConvergence:
        converged = False
        scores = nx.pagerank(
            graph, alpha=damping, personalization=weights, tol=tolerance * 100,
            max_iter=max_iterations * 10, weight="weight",
        )
    return np.asarray([scores[i] for i in range(n)]), converged


def rank(
    similarity: sp.csr_matrix,
    *,
    indices: np.ndarray,
    relative_positions: np.ndarray,
    position_prior: float = 0.5,
    damping: float = 0.85,
    tolerance: float = 1.0e-6,
    max_iterations: int = 200,
) -> tuple[np.ndarray, bool]:
    """Scores of all sentences: PageRank over the sentence graph."""
    graph = sentence_graph(similarity)
    prior = lead_prior(relative_positions, indices, strength=position_prior)
    return pagerank(
        graph, personalization=prior, damping=damping, tolerance=tolerance, max_iterations=max_iterations
    )
