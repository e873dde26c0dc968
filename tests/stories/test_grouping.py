import numpy as np
import pytest
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from summarizer.stories.grouping import average_linkage, groups_of, neighbour_graph
from summarizer.stories.headlines import clean_title


def _partition(labels):
    return sorted(sorted(g) for g in groups_of(np.asarray(labels)))


@pytest.mark.parametrize("seed", range(5))
def test_average_linkage_on_a_complete_graph_equals_dense_average_linkage(seed):
    rng = np.random.default_rng(seed)
    points = rng.random((30, 6)) ** 3
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    similarity = points @ points.T
    np.fill_diagonal(similarity, 0)
    threshold = 0.75
    ours = average_linkage(sp.csr_matrix(similarity), threshold)
    tree = linkage(squareform(1 - similarity, checks=False), method="average")
    dense = fcluster(tree, t=1 - threshold, criterion="distance")
    assert _partition(ours) == _partition(dense)


def test_the_neighbour_graph_is_sparse_and_symmetric():
    from summarizer.stories.grouping import ArticleVectors

    rng = np.random.default_rng(0)
    body = sp.csr_matrix(rng.random((300, 50)) * (rng.random((300, 50)) > 0.8))
    body = sp.csr_matrix(sp.diags(1 / np.sqrt(body.multiply(body).sum(axis=1).A.ravel() + 1e-12)) @ body)
    empty = sp.csr_matrix((300, 1))
    vectors = ArticleVectors(body, empty, empty, np.zeros(300, bool), np.full(300, np.nan))
    graph = neighbour_graph(vectors, neighbours=5, block=64)
    assert graph.nnz <= 2 * 5 * 300 and (graph != graph.T).nnz == 0 and graph.diagonal().sum() == 0


@pytest.mark.parametrize(
    "title",
    [
        "Embed Drone strikes plane near London airport 2:49 autoplay autoplay Copy this code to your website or blog",
        "Page 1 of 1",
        "Executive Health",
    ],
)
def test_page_furniture_is_never_a_headline(title):
    assert clean_title(title) == ""


def test_kickers_are_taken_off_real_titles():
    assert (
        clean_title("Story highlights At least 327 incidents were reported") == "At least 327 incidents were reported"
    )
    assert clean_title("Harbor bridge reopens") == "Harbor bridge reopens"


def _story_with_an_outlier(days):
    """a, b, c share term 0 (pairwise cosine 0.5); o shares one other term with each (0.41 with each, 0.5 with
    their centroid); w is faintly like the story (0.17 with its centroid); u shares nothing."""
    from summarizer.stories.grouping import ArticleVectors

    rows = np.array([
        [1, 1, 0, 0, 0, 0],  # a
        [1, 0, 1, 0, 0, 0],  # b
        [1, 0, 0, 1, 0, 0],  # c
        [0, 1, 1, 1, 0, 0],  # o
        [0.2, 0, 0, 0, 1, 0],  # w
        [0, 0, 0, 0, 0, 1],  # u
    ], dtype=float)  # fmt: skip
    rows /= np.linalg.norm(rows, axis=1, keepdims=True)
    empty = sp.csr_matrix((len(rows), 1))
    vectors = ArticleVectors(sp.csr_matrix(rows), empty, empty, np.zeros(len(rows), bool), np.asarray(days, float))
    similarity = rows @ rows.T
    np.fill_diagonal(similarity, 0)
    return vectors, sp.csr_matrix(similarity)


def test_an_article_the_linkage_leaves_out_joins_the_story_whose_centroid_it_is_close_to():
    from summarizer.stories.grouping import reassign_to_centroids

    vectors, graph = _story_with_an_outlier([np.nan] * 6)
    linked = average_linkage(graph, 0.45)
    assert _partition(linked) == [[0, 1, 2], [3], [4], [5]]  # o's average with a, b, c is 0.41 < 0.45
    moved = reassign_to_centroids(vectors, graph, linked, floor=0.25)
    assert _partition(moved) == [[0, 1, 2, 3], [4], [5]]  # o joins (0.5); w (0.17) and u (0) stay alone


def test_an_article_days_away_from_a_story_does_not_join_it():
    from summarizer.stories.grouping import reassign_to_centroids

    day = 20_000.0
    vectors, graph = _story_with_an_outlier([day, day, day + 1, day + 30, np.nan, np.nan])
    moved = reassign_to_centroids(vectors, graph, average_linkage(graph, 0.45), floor=0.25)
    assert _partition(moved) == [[0, 1, 2], [3], [4], [5]]
