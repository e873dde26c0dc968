import networkx as nx
import numpy as np
import pytest
import scipy.sparse as sp

from summarizer.core.clean import clean
from summarizer.core.rank import lead_prior, pagerank, rank, sentence_graph
from summarizer.core.represent import build_term_space, similarity_matrix
from summarizer.core.segment import segment
from summarizer.documents import Document
from summarizer.text import stemmer

SETTINGS = {"damping": 0.85, "tolerance": 1e-6, "max_iterations": 200}


def test_graph_has_one_node_per_sentence_and_weighted_edges():
    matrix = sp.csr_matrix(np.array([[0, 0.5, 0], [0.5, 0, 0.2], [0, 0.2, 0]]))
    graph = sentence_graph(matrix)
    assert graph.number_of_nodes() == 3
    assert graph[0][1]["weight"] == 0.5


def test_pagerank_favours_the_hub_and_sums_to_one():
    matrix = sp.csr_matrix(np.array([[0, 1, 0, 0], [1, 0, 1, 1], [0, 1, 0, 0], [0, 1, 0, 0]], dtype=float))
    scores, converged = pagerank(matrix, **SETTINGS)
    assert converged and abs(scores.sum() - 1) < 1e-9
    assert scores.argmax() == 1


@pytest.mark.parametrize("kind", ["cosine", "overlap", "bm25"])
@pytest.mark.parametrize("strength", [0.0, 0.5])
def test_scores_equal_networkx_pagerank_on_the_same_graph(seeds_dir, kind, strength):
    stem = stemmer("english")
    texts = [p.read_text() for p in sorted(seeds_dir.iterdir())]
    units = [u for i, t in enumerate(texts) for u in segment(clean(Document(id=f"d{i}", text=t)), i, stem=stem)]
    matrix = similarity_matrix(build_term_space(units, stem=stem), kind, neighbours=50)
    indices = np.asarray([u.index for u in units])
    prior = lead_prior(indices, strength=strength)
    ours, converged = rank(matrix, indices=indices, position_prior=strength, **SETTINGS)
    theirs = nx.pagerank(
        sentence_graph(matrix),
        alpha=0.85,
        personalization=dict(enumerate(prior)),
        tol=1e-6,
        max_iter=200,
        weight="weight",
    )
    assert converged and len(ours) == len(units) > 100
    assert np.allclose(ours, [theirs[i] for i in range(len(units))], rtol=0, atol=1e-12)


def test_graph_with_isolated_nodes_matches_networkx_too():
    matrix = sp.csr_matrix(np.array([[0, 2, 0, 0], [2, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]], dtype=float))
    prior = np.array([0.4, 0.3, 0.2, 0.1])
    ours, _ = pagerank(matrix, personalization=prior, **SETTINGS)
    theirs = nx.pagerank(sentence_graph(matrix), personalization=dict(enumerate(prior)), tol=1e-6)
    assert np.allclose(ours, [theirs[i] for i in range(4)], rtol=0, atol=1e-12)


def test_lead_prior_blends_uniform_and_position():
    prior = lead_prior(np.array([0, 1, 2]), strength=0.5)
    assert abs(prior.sum() - 1) < 1e-12 and prior[0] > prior[1] > prior[2]
    assert np.allclose(lead_prior(np.array([0, 1, 2]), strength=0), 1 / 3)


def test_isolated_sentences_still_get_a_score():
    matrix = sp.csr_matrix((3, 3))
    scores, _ = rank(matrix, indices=np.array([0, 1, 2]), position_prior=0.0, **SETTINGS)
    assert np.allclose(scores, 1 / 3)


def test_an_unconverged_run_is_reported():
    matrix = sp.csr_matrix(np.array([[0, 1], [1, 0]], dtype=float))
    scores, converged = pagerank(
        matrix, personalization=np.array([0.9, 0.1]), damping=0.99, tolerance=1e-15, max_iterations=1
    )
    assert not converged and abs(scores.sum() - 1) < 1e-9
