import numpy as np
import scipy.sparse as sp

from summarizer.rank import lead_prior, pagerank, rank, sentence_graph


def test_graph_has_one_node_per_sentence_and_weighted_edges():
    matrix = sp.csr_matrix(np.array([[0, 0.5, 0], [0.5, 0, 0.2], [0, 0.2, 0]]))
    graph = sentence_graph(matrix)
    assert graph.number_of_nodes() == 3
    assert graph[0][1]["weight"] == 0.5


def test_pagerank_favours_the_hub_and_sums_to_one():
    matrix = sp.csr_matrix(np.array([[0, 1, 0, 0], [1, 0, 1, 1], [0, 1, 0, 0], [0, 1, 0, 0]], dtype=float))
    scores, converged = pagerank(sentence_graph(matrix))
    assert converged and abs(scores.sum() - 1) < 1e-9
    assert scores.argmax() == 1


def test_lead_prior_blends_uniform_and_position():
    prior = lead_prior(np.zeros(3), np.array([0, 1, 2]), strength=0.5)
    assert abs(prior.sum() - 1) < 1e-12 and prior[0] > prior[1] > prior[2]
    assert np.allclose(lead_prior(np.zeros(3), np.array([0, 1, 2]), strength=0), 1 / 3)


def test_isolated_sentences_still_get_a_score():
    matrix = sp.csr_matrix((3, 3))
    scores, _ = rank(matrix, indices=np.array([0, 1, 2]), relative_positions=np.zeros(3), position_prior=0.0)
    assert np.allclose(scores, 1 / 3)
