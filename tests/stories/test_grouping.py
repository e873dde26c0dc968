import itertools

import numpy as np
import pytest
import scipy.sparse as sp
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.spatial.distance import squareform

from summarizer.stories.grouping import average_linkage, groups_of, neighbour_graph
from summarizer.stories.headlines import clean_title


def _partition(labels):
    return sorted(sorted(g) for g in groups_of(np.asarray(labels)))


def _cosines_of_random_points(rng, count: int, dimensions: int) -> np.ndarray:
    points = rng.random((count, dimensions)) ** 3
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    return points @ points.T


def _dense_average_linkage(similarity: np.ndarray, threshold: float) -> np.ndarray:
    """scipy's average linkage on the whole matrix (a missing edge counts 0), cut at `threshold`."""
    tree = linkage(squareform(1 - similarity, checks=False), method="average")
    return fcluster(tree, t=1 - threshold, criterion="distance")


@pytest.mark.parametrize("seed", range(5))
def test_average_linkage_on_a_complete_graph_equals_dense_average_linkage(seed):
    similarity = _cosines_of_random_points(np.random.default_rng(seed), 30, 6)
    np.fill_diagonal(similarity, 0)
    ours = average_linkage(sp.csr_matrix(similarity), 0.75)
    assert _partition(ours) == _partition(_dense_average_linkage(similarity, 0.75))


@pytest.mark.parametrize("seed", range(3))
def test_average_linkage_on_a_sparse_graph_of_several_components_equals_dense_average_linkage(seed):
    # The linkage keeps only the edges within components of pairs that reach the threshold (the rest can never
    # count in a merge): with weak edges between components and isolated articles, the same clusters as a dense
    # average linkage in which a missing edge counts 0.
    rng = np.random.default_rng(seed)
    similarity = _cosines_of_random_points(rng, 40, 8)
    block = np.arange(40) // 8  # five groups of eight; between groups only a few weak edges
    weak = (block[:, None] != block[None, :]) & (rng.random((40, 40)) < 0.1)
    similarity = np.where((block[:, None] == block[None, :]) | weak, similarity, 0.0)
    similarity = np.where(weak, np.minimum(similarity, 0.5), similarity)
    similarity = np.maximum(similarity, similarity.T)
    similarity[:, 39] = similarity[39, :] = 0.0  # an article with no edge at all
    np.fill_diagonal(similarity, 0)
    ours = average_linkage(sp.csr_matrix(similarity), 0.7)
    assert _partition(ours) == _partition(_dense_average_linkage(similarity, 0.7))
    assert len(set(ours.tolist())) > 5  # not one cluster: the cut is met within groups only


def _whole_graph_average_linkage(graph: sp.csr_matrix, threshold: float) -> np.ndarray:
    """The linkage as it ran before it went a batch of components at a time: every edge of the graph in one set
    of dictionaries and one heap (the reference the batched linkage must equal label for label)."""
    import heapq

    n = graph.shape[0]
    edges = sp.triu(graph, k=1).tocoo()
    rows, cols, weights = edges.row.tolist(), edges.col.tolist(), edges.data.tolist()
    size, alive, members = [1] * n, [True] * n, [[i] for i in range(n)]
    links: list[dict[int, float]] = [{} for _ in range(n)]
    for a, b, w in zip(rows, cols, weights):
        links[a][b] = links[a].get(b, 0.0) + w
        links[b][a] = links[b].get(a, 0.0) + w
    heap = [(-w, a, b) for a, b, w in zip(rows, cols, weights) if w >= threshold]
    heapq.heapify(heap)
    while heap:
        negative, a, b = heapq.heappop(heap)
        if not (alive[a] and alive[b]) or abs(links[a].get(b, 0.0) / (size[a] * size[b]) + negative) > 1e-12:
            continue
        keep, gone = (a, b) if size[a] >= size[b] else (b, a)
        alive[gone] = False
        members[keep].extend(members[gone])
        members[gone] = []
        size[keep] += size[gone]
        for other, weight in links[gone].items():
            if other != keep:
                links[keep][other] = links[keep].get(other, 0.0) + weight
                links[other][keep] = links[other].get(keep, 0.0) + weight
                del links[other][gone]
        links[keep].pop(gone, None)
        links[gone] = {}
        for other, total in links[keep].items():
            if (average := total / (size[keep] * size[other])) >= threshold:
                heapq.heappush(heap, (-average, min(keep, other), max(keep, other)))
    labels = np.zeros(n, dtype=np.int64)
    for cluster, group in enumerate(g for g in members if g):
        labels[group] = cluster
    return labels


def _sparse_graph_of_components(seed: int, count: int = 120) -> sp.csr_matrix:
    """Groups of 4 to 40 articles with their cosines inside, a few weak edges between groups, some ties (copied
    articles) and articles with no edge at all."""
    rng = np.random.default_rng(seed)
    points = rng.random((count, 10)) ** 3
    points[rng.choice(count, count // 6, replace=False)] = points[rng.choice(count, count // 6, replace=False)]
    points /= np.linalg.norm(points, axis=1, keepdims=True)
    similarity = points @ points.T
    block = np.repeat(np.arange(count), rng.integers(4, 40, count))[:count]
    weak = (block[:, None] != block[None, :]) & (rng.random((count, count)) < 0.05)
    similarity = np.where(block[:, None] == block[None, :], similarity, np.where(weak, similarity * 0.1, 0.0))
    similarity = np.maximum(similarity, similarity.T)
    similarity[:, -3:] = similarity[-3:, :] = 0.0
    np.fill_diagonal(similarity, 0)
    return sp.csr_matrix(similarity)


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize("batch_edges", [1, 200, 100_000])
def test_the_linkage_a_batch_of_components_at_a_time_gives_the_whole_graphs_labels(seed, batch_edges, monkeypatch):
    # Batches of one component each (1), of several (200) and one batch for all: the same labels, number for
    # number, as every edge in one heap, at the cuts the grouping uses and around them.
    import summarizer.stories.linkage as linkage

    monkeypatch.setattr(linkage, "LINKAGE_BATCH_EDGES", batch_edges)
    graph = _sparse_graph_of_components(seed)
    for cut in (0.2, 0.4, 0.6):
        for raised in (graph, linkage.with_quiet_bonus(graph, cut)):
            labels = average_linkage(raised, cut)
            assert np.array_equal(labels, _whole_graph_average_linkage(raised, cut))
            assert labels.dtype == np.int64
    assert average_linkage(sp.csr_matrix((0, 0)), 0.4).shape == (0,)


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


def _reassigned(vectors, graph, labels, floor):
    from summarizer.stories.grouping import event_days_factor, reassign_to_centroids, words_side_by_side

    return reassign_to_centroids(words_side_by_side(vectors), vectors.days, graph, labels, event_days_factor,
                                 floor=floor)  # fmt: skip


def test_an_article_the_linkage_leaves_out_joins_the_story_whose_centroid_it_is_close_to():
    vectors, graph = _story_with_an_outlier([np.nan] * 6)
    linked = average_linkage(graph, 0.45)
    assert _partition(linked) == [[0, 1, 2], [3], [4], [5]]  # o's average with a, b, c is 0.41 < 0.45
    moved = _reassigned(vectors, graph, linked, floor=0.25)
    assert _partition(moved) == [[0, 1, 2, 3], [4], [5]]  # o joins (0.5); w (0.17) and u (0) stay alone


def test_an_article_days_away_from_a_story_does_not_join_it():
    day = 20_000.0
    vectors, graph = _story_with_an_outlier([day, day, day + 1, day + 30, np.nan, np.nan])
    moved = _reassigned(vectors, graph, average_linkage(graph, 0.45), floor=0.25)
    assert _partition(moved) == [[0, 1, 2], [3], [4], [5]]


def _random_vectors(seed: int, n: int = 120, terms: int = 40):
    from summarizer.core.represent import normalised_rows
    from summarizer.stories.grouping import ArticleVectors

    rng = np.random.default_rng(seed)
    body = normalised_rows(sp.csr_matrix(rng.random((n, terms)) * (rng.random((n, terms)) > 0.7)))
    empty = sp.csr_matrix((n, 1))
    days = np.where(rng.random(n) > 0.5, 20_000.0 + rng.integers(0, 4, n), np.nan)
    return ArticleVectors(body, empty, empty, np.zeros(n, bool), days)


def test_learned_vectors_are_seeded_unit_rows_of_the_piles_strongest_dimensions():
    from summarizer.stories.grouping import learned_vectors

    rng = np.random.default_rng(3)  # 120 articles of 10 topics over 60 terms, with noise
    topics = rng.random((10, 60)) * (rng.random((10, 60)) > 0.6)
    body = sp.csr_matrix(topics[rng.integers(0, 10, 120)] + 0.05 * rng.random((120, 60)))
    first, again = learned_vectors(body, rank=10), learned_vectors(body, rank=10)
    assert first.shape == (120, 10) and np.array_equal(first, again)
    assert np.allclose(np.linalg.norm(first, axis=1), 1.0)
    # The same subspace as an exact SVD's top 10 dimensions: cosines between articles agree.
    u, s, _ = np.linalg.svd(body.toarray(), full_matrices=False)
    exact = u[:, :10] * s[:10]
    exact /= np.linalg.norm(exact, axis=1, keepdims=True)
    assert np.allclose(first @ first.T, exact @ exact.T, atol=1e-6)


def test_learned_similarity_is_the_concatenated_vectors_dot_product_in_graph_and_centroid_step():
    """With `learned` > 0 every similarity is (1 - w) words + w learned: the same as one sparse vector of both
    parts side by side, scaled by the square roots of their shares. The grouping must agree with that."""
    from dataclasses import replace

    from summarizer.stories.grouping import learned_vectors

    share = 0.3
    words = _random_vectors(5)
    learned = learned_vectors(words.body, rank=8)
    mixed = replace(words, learned=learned, learned_share=share)
    side_by_side = replace(
        words, body=sp.hstack([np.sqrt(1 - share) * words.body, sp.csr_matrix(np.sqrt(share) * learned)]).tocsr()
    )
    graph, reference = neighbour_graph(mixed, neighbours=6), neighbour_graph(side_by_side, neighbours=6)
    assert np.allclose(graph.toarray(), reference.toarray())
    labels = average_linkage(graph, 0.4)
    assert np.array_equal(_reassigned(mixed, graph, labels, 0.2), _reassigned(side_by_side, reference, labels, 0.2))


def test_the_unseen_ecbplus_pile_groups_as_measured_with_words_and_with_learned_vectors(shared_data):
    """ECB+ (two events of one kind per topic) chose none of the learned settings. Since the headline and names
    channels, words alone group it better than the learned vectors do (eval/grouping.py)."""
    import sys
    from pathlib import Path

    from summarizer.stories import GroupingOptions, group_articles

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))
    from grouping import load, scores

    documents, labels = load("ecbplus", shared_data)
    found = {}
    for name, options in (
        ("words", GroupingOptions()),
        ("learned", GroupingOptions(learned=0.8, learned_distance=0.6, learn_from=0)),
    ):
        predicted = list(range(len(documents), 2 * len(documents)))
        for number, members in enumerate(group_articles(documents, grouping=options, jobs=1)):
            for member in members:
                predicted[member] = number
        found[name] = scores(labels, predicted)
    assert found["words"]["b3f"] >= 0.92 and found["words"]["ari"] >= 0.885  # measured 0.925 and 0.891
    assert found["learned"]["b3f"] >= 0.90 and found["learned"]["ari"] >= 0.87  # measured 0.908 and 0.875
    assert found["words"]["b3f"] > found["learned"]["b3f"]


def _terms(words: str, date: str | None = None):
    from summarizer.stories.grouping import ArticleTerms

    return ArticleTerms(tuple(words.split()), (), (), date)


def test_learned_vectors_need_enough_articles_and_learn_from_the_context_too():
    from summarizer.stories.grouping import LEARNED_COMMON_SHARE, group_terms, learned_vectors, learns, vectors_of
    from summarizer.stories.options import GroupingOptions
    from summarizer.stories.weights import tfidf_rows

    options = GroupingOptions(learned=0.8, learn_from=10)
    assert not learns(4, 5, options) and learns(4, 6, options) and learns(10, 0, options)
    assert not learns(10, 100, GroupingOptions(learned=0.0, learn_from=0))

    day = [_terms("quake iran killed rescue"), _terms("quake iran rescue villages"), _terms("football cup final goal")]
    context = [_terms(f"quake earthquake iran tehran {k}") for k in ("dead", "killed", "rescue")]
    context += [_terms(f"football match cup {k}") for k in ("goal", "final", "league")]
    alone = vectors_of(day, learned=0.8)
    widened = vectors_of(day, learned=0.8, context=context)
    expected = learned_vectors(tfidf_rows([a.body for a in (*day, *context)], common_share=LEARNED_COMMON_SHARE))
    expected = expected[: len(day)]
    assert widened.learned is not None and alone.learned is not None
    assert np.allclose(widened.learned, expected) and widened.learned.shape[0] == len(day)
    assert not np.allclose(widened.learned @ widened.learned.T, alone.learned @ alone.learned.T)
    assert (widened.body != alone.body).nnz == 0  # the words stay the day's own

    # The context widens what is learned; only the day's articles are grouped.
    groups, _ = group_terms(day, options, context=context)
    assert sorted(i for g in groups for i in g) == [0, 1, 2]
    assert [0, 1] in groups and [2] in groups


def _three_articles_and_others(others: int, other_similarity: float):
    """Articles 0, 1, 2 report one event (similarity 0.12 with each other); every other pair of the `others`
    articles and them is `other_similarity` alike."""
    n = 3 + others
    similarity = np.full((n, n), other_similarity)
    similarity[:3, :3] = 0.12
    np.fill_diagonal(similarity, 0)
    return sp.csr_matrix(similarity)


def test_a_quiet_neighbourhood_lowers_the_cut_and_a_busy_one_keeps_it():
    from summarizer.stories.linkage import with_quiet_bonus

    cut = 0.2
    quiet = _three_articles_and_others(0, 0.0)  # three excerpts of one event on a day of other news
    assert _partition(average_linkage(quiet, cut)) == [[0], [1], [2]]  # 0.12 is below the usual cut
    assert _partition(average_linkage(with_quiet_bonus(quiet, cut), cut)) == [[0, 1, 2]]
    # Among ten other articles all 0.1 alike, 0.12 no longer stands out: nothing joins.
    busy = _three_articles_and_others(10, 0.1)
    assert all(len(group) == 1 for group in _partition(average_linkage(with_quiet_bonus(busy, cut), cut)))


def test_the_cut_a_pair_needs_follows_its_backgrounds_and_never_exceeds_the_cut():
    from summarizer.stories.linkage import (
        BACKGROUND_RANK,
        BACKGROUND_WEIGHT,
        QUIET_SHARE,
        backgrounds,
        needed_similarity,
    )

    graph = _three_articles_and_others(2, 0.1)  # five articles: four edges each
    graph[3, 4] = graph[4, 3] = 0.0
    graph.eliminate_zeros()
    found = backgrounds(graph)
    assert BACKGROUND_RANK == 4
    assert np.allclose(found[:3], 0.1)  # the fourth strongest of 0.12, 0.12, 0.1, 0.1
    assert np.allclose(found[3:], 0.0)  # three edges each: fewer than BACKGROUND_RANK
    needed = needed_similarity(0.2, found, np.array([0, 0, 3]), np.array([1, 3, 4]))
    quiet = QUIET_SHARE * 0.2
    assert np.allclose(needed, [quiet + BACKGROUND_WEIGHT * 0.1, quiet + BACKGROUND_WEIGHT * 0.05, quiet])
    assert np.allclose(needed_similarity(0.2, np.full(2, 0.5), np.array([0]), np.array([1])), 0.2)


def test_an_event_keeps_half_its_similarity_a_day_apart_and_undated_articles_keep_all():
    from summarizer.stories.grouping import event_days_factor

    day = 20_000.0
    found = event_days_factor(np.array([day, day, day, day, np.nan]), np.array([day, day + 1, day - 2, np.nan, day]))
    assert np.allclose(found, [1.0, 0.5, 1 / 3, 1.0, 1.0])


def test_a_channel_one_article_lacks_counts_as_the_body():
    from summarizer.stories.grouping import ArticleTerms, pair_similarities, similarities, vectors_of

    terms = [
        ArticleTerms(("quake", "iran", "rescue", "village"), ("quake", "iran"), ("iran",), None, ("quake", "iran")),
        ArticleTerms(("quake", "iran", "dead", "tehran"), (), (), None, ()),  # no title, lead or name
        ArticleTerms(("quake", "iran", "aid", "tehran"), ("aid", "iran"), ("tehran",), None, ("aid",)),
    ]
    vectors = vectors_of(terms)
    body = (vectors.body @ vectors.body.T).toarray()
    combined = similarities(vectors, slice(None), slice(None)).toarray()
    assert np.isclose(combined[0, 1], body[0, 1]) and np.isclose(combined[1, 2], body[1, 2])
    assert not np.isclose(combined[0, 2], body[0, 2])  # both titled: the headline and names count
    pairs = pair_similarities(vectors, np.array([0, 1, 0]), np.array([1, 2, 2]))
    assert np.allclose(pairs, [combined[0, 1], combined[1, 2], combined[0, 2]])


def test_names_and_figures_and_terms_archived_before_the_lead_still_load():
    from summarizer.stories.grouping import ArticleTerms, names_and_figures

    assert names_and_figures("Employers added 266,000 jobs in April, the Labor Department said.") == [
        "april", "labor department", "266,000"]  # fmt: skip
    old = ArticleTerms.from_dict({"body": ["quak"], "title": ["quak"], "names": [], "date": "2025-04-21"})
    assert old.lead == () and ArticleTerms.from_dict(old.to_dict()) == old


def test_a_day_of_allsides_roundups_groups_one_story_per_event(shared_data):
    """The dev part of allsides_days, one run over its 89 days as `daily` groups it (eval/grouping.py measures the
    same: B3 F1 0.979, ARI 0.957, 7% of stories a single article)."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "eval"))
    from grouping import load, predicted_labels, scores

    from summarizer.stories import group_articles

    documents, labels = load("allsides", shared_data)
    groups = group_articles(documents, jobs=1)
    found = scores(labels, predicted_labels(groups, len(documents)))
    assert found["b3f"] >= 0.975 and found["ari"] >= 0.95
    assert sum(len(g) == 1 for g in groups) <= 0.08 * len(groups)
    assert all(len({documents[i].date[:10] for i in g}) == 1 for g in groups)  # no story across days


def test_side_by_side_lays_out_parts_entry_for_entry_as_hstack():
    from summarizer.stories.linkage import side_by_side

    rng = np.random.default_rng(7)
    rows = 60
    parts = [sp.random(rows, width, density=density, format="csr", random_state=rng)
             for width, density in ((40, 0.1), (15, 0.0), (25, 0.3), (1, 0.5))]  # fmt: skip
    parts[2] = sp.diags((rng.random(rows) > 0.5).astype(float)) @ parts[2]  # some rows empty, as a missing headline
    made = []
    stacked = side_by_side(rows, [lambda part=part: made.append(1) or part for part in parts])
    expected = sp.csr_matrix(sp.hstack(parts))
    assert stacked.shape == expected.shape and len(made) == 2 * len(parts)  # each part made twice, one at a time
    assert np.array_equal(stacked.indptr, expected.indptr) and np.array_equal(stacked.indices, expected.indices)
    assert stacked.data.tobytes() == expected.data.tobytes()


@pytest.mark.parametrize("learned", [False, True])
def test_words_side_by_side_are_the_weighted_channels_stacked_then_scaled(learned):
    from summarizer.stories.grouping import (
        BODY_WEIGHT,
        HEADLINE_WEIGHT,
        NAMES_WEIGHT,
        ArticleVectors,
        words_side_by_side,
    )

    rng = np.random.default_rng(11)
    body, headline, names = (sp.random(50, 30, density=0.2, format="csr", random_state=rng) for _ in range(3))
    vectors = ArticleVectors(body, headline, names, rng.random(50) > 0.3, np.full(50, np.nan),
                             rng.random((50, 8)) if learned else None, 0.3 if learned else 0.0)  # fmt: skip
    parts = [np.sqrt(BODY_WEIGHT) * body]  # what the matrix was before it was built a part at a time
    for weight, channel, has in ((HEADLINE_WEIGHT, headline, vectors.has_headline),
                                 (NAMES_WEIGHT, names, vectors.has_names)):  # fmt: skip
        if weight:
            parts += [np.sqrt(weight) * (sp.diags(has.astype(float)) @ channel),
                      np.sqrt(weight) * (sp.diags(1.0 - has) @ body)]  # fmt: skip
    expected = sp.csr_matrix(sp.hstack(parts))
    if learned:
        expected = sp.csr_matrix(sp.hstack([np.sqrt(0.7) * expected, sp.csr_matrix(np.sqrt(0.3) * vectors.learned)]))
    made = words_side_by_side(vectors)
    assert np.array_equal(made.indptr, expected.indptr) and np.array_equal(made.indices, expected.indices)
    assert made.data.tobytes() == expected.data.tobytes()


@pytest.mark.parametrize("seed", range(3))
def test_the_centroid_step_keeps_a_rounds_products_only_for_clusters_that_did_not_change(seed, monkeypatch):
    # Each round after the first takes afresh only the products of clusters that articles left or joined; the
    # labels are those of taking every product afresh each round, number for number, and some were kept.
    import summarizer.stories.linkage as linkage
    from summarizer.stories.grouping import event_days_factor, words_side_by_side

    vectors = _random_vectors(seed, n=300, terms=60)
    graph = neighbour_graph(vectors, neighbours=8)
    start = np.arange(300) % 37  # a poor start: articles move for several rounds
    rows = words_side_by_side(vectors)
    kept = linkage.reassign_to_centroids(rows, vectors.days, graph, start, event_days_factor, floor=0.05)
    taken: list[int] = []
    real_dots = linkage.row_dots

    def counted(left, articles, right, clusters):
        taken.append(len(articles))
        return real_dots(left, articles, right, clusters)

    monkeypatch.setattr(linkage, "row_dots", counted)
    monkeypatch.setattr(linkage._RoundDots, "dots", lambda self, labels, a, c, left, right: counted(left, a, right, c))
    afresh = linkage.reassign_to_centroids(rows, vectors.days, graph, start, event_days_factor, floor=0.05)
    assert np.array_equal(kept, afresh)
    assert len(taken) >= 3  # rounds with products
    monkeypatch.undo()
    monkeypatch.setattr(linkage, "row_dots", counted)
    fresh_count = sum(taken)
    taken.clear()
    assert np.array_equal(linkage.reassign_to_centroids(rows, vectors.days, graph, start, event_days_factor,
                                                        floor=0.05), kept)  # fmt: skip
    assert sum(taken) < fresh_count


def test_columns_are_numbered_as_terms_first_appear():
    from summarizer.stories.weights import FirstSeenColumns, term_counts

    columns = FirstSeenColumns()
    counts = term_counts([["b", "a", "b"], [], ["c", "a"]], columns.__getitem__, lambda: len(columns))
    assert dict(columns) == {"b": 0, "a": 1, "c": 2}
    assert counts.toarray().tolist() == [[2, 1, 0], [0, 0, 0], [0, 1, 1]]


def test_the_linkage_batches_in_worker_processes_give_the_same_labels(monkeypatch):
    import summarizer.stories.linkage as linkage

    monkeypatch.setattr(linkage, "LINKAGE_BATCH_EDGES", 50)  # several batches
    monkeypatch.setattr(linkage, "LINKAGE_WORKERS_FROM", 0)
    for seed in range(3):
        graph = linkage.with_quiet_bonus(_sparse_graph_of_components(seed), 0.4)
        here = average_linkage(graph, 0.4)
        assert np.array_equal(average_linkage(graph, 0.4, jobs=2), here)
        assert np.array_equal(here, _whole_graph_average_linkage(graph, 0.4))


def test_a_day_that_one_event_fills_is_one_story():
    """30 of a day's 40 articles tell one event (each carries most of its words, as edited copies and rewrites do):
    words in most of the day's articles still count, so the event is one story and the others stay apart."""
    from summarizer.stories.grouping import group_terms
    from summarizer.stories.options import GroupingOptions

    rng = np.random.default_rng(3)
    event = [f"event{k}" for k in range(40)]
    day = [_terms(" ".join([*(w for w in event if rng.random() < 0.8), *(f"own{n}x{k}" for k in range(5))]))
           for n in range(30)]  # fmt: skip
    for story in range(5):
        words = [f"story{story}w{k}" for k in range(30)]
        day += [_terms(" ".join([*words[copy * 5 :], f"other{story}x{copy}"])) for copy in range(2)]
    groups, _ = group_terms(day, GroupingOptions())
    assert sorted(sorted(g) for g in groups) == [list(range(30)), *([30 + 2 * s, 31 + 2 * s] for s in range(5))]


def _parts(angle_between: float, sizes: tuple[int, ...], seed: int = 0):
    """Unit rows of stories: story s's rows close to a direction at angle_between * s from the first, with a little
    noise of their own; edges only within each story but one from each story to the next (as a sparse neighbour
    graph holds a large story)."""
    rng = np.random.default_rng(seed)
    rows, labels = [], []
    for story, size in enumerate(sizes):
        direction = np.zeros(2 + sum(sizes))
        direction[0], direction[1] = np.cos(angle_between * story), np.sin(angle_between * story)
        for _ in range(size):
            row = direction.copy()
            row[2 + len(rows)] = 0.3 * rng.random()
            rows.append(row / np.linalg.norm(row))
            labels.append(story)
    rows_matrix, labels_array = np.array(rows), np.array(labels)
    edges = [(i, j) for i in range(len(rows)) for j in range(len(rows)) if i != j and labels[i] == labels[j]]
    firsts = [labels.index(s) for s in range(len(sizes))]
    edges += [pair for a, b in itertools.pairwise(firsts) for pair in ((a, b), (b, a))]
    i, j = np.array(edges).T
    graph = sp.csr_matrix((np.einsum("ij,ij->i", rows_matrix[i], rows_matrix[j]), (i, j)), shape=(len(rows),) * 2)
    return sp.csr_matrix(rows_matrix), graph, labels_array


def test_the_parts_of_a_story_the_neighbour_graph_split_are_merged_and_two_events_are_not():
    from summarizer.stories.linkage import merge_split_stories

    days = lambda n: np.full(n, np.nan)  # noqa: E731
    same = lambda a, b: np.ones(len(a))  # noqa: E731
    # Three parts of one story (their rows alike): more articles together than the graph keeps per article.
    rows, graph, labels = _parts(0.0, (12, 12, 12))
    merged = merge_split_stories(rows, days(36), graph, labels, same, threshold=0.2, holds=20)
    assert len(set(merged)) == 1
    # Small parts, together no more than the graph holds: the linkage saw their pairs; left as they are.
    rows, graph, labels = _parts(0.0, (10, 10))
    assert len(set(merge_split_stories(rows, days(20), graph, labels, same, threshold=0.2, holds=20))) == 2
    # Two events of one kind: their average similarity (cos 1.1 = 0.45) passes the cut, but is under 0.8 of how
    # alike each one's own articles are.
    rows, graph, labels = _parts(1.1, (15, 15))
    assert len(set(merge_split_stories(rows, days(30), graph, labels, same, threshold=0.2, holds=20))) == 2
    # Below the cut nothing merges, however alike the parts.
    rows, graph, labels = _parts(0.0, (15, 15))
    assert len(set(merge_split_stories(rows, days(30), graph, labels, same, threshold=0.99, holds=20))) == 2


def test_a_hundred_and_twenty_edited_copies_of_a_real_report_are_one_story(seeds_dir):
    """Each copy drops a fifth of the sentences (as outlets cut a wire story): the neighbour graph keeps 20 edges
    an article, and its average linkage alone made three or four stories of each seed article's copies."""
    import random

    from summarizer import Document
    from summarizer.stories import GroupingOptions, group_articles

    for path in sorted(seeds_dir.glob("*.txt"))[:2]:
        sentences = path.read_text(encoding="utf-8").replace("\n", " ").split(". ")
        rng = random.Random(7)
        copies = [Document(id=f"{path.stem}-{n}", text=". ".join(s for s in sentences if rng.random() > 0.2),
                           source=f"outlet{n}", date="2025-04-20") for n in range(120)]  # fmt: skip
        assert [len(g) for g in group_articles(copies, grouping=GroupingOptions(), jobs=1)] == [120]


def test_a_large_days_pruned_search_keeps_an_event_that_every_article_reports_together(seeds_dir, monkeypatch):
    """Through the pruned candidate search of a large day (from 2 articles here): 400 edited copies of a seed
    article, each word of them in more than CANDIDATE_MAX_ARTICLES articles, were stories of one article."""
    import random

    from summarizer import Document
    from summarizer.stories import GroupingOptions, group_articles, grouping

    monkeypatch.setattr(grouping, "CANDIDATE_FROM", 2)
    path = sorted(seeds_dir.glob("*.txt"))[3]
    sentences = path.read_text(encoding="utf-8").replace("\n", " ").split(". ")
    rng = random.Random(11)
    copies = [Document(id=f"copy-{n}", text=". ".join(s for s in sentences if rng.random() > 0.2),
                       source=f"outlet{n}", date="2025-04-20") for n in range(400)]  # fmt: skip
    assert [len(g) for g in group_articles(copies, grouping=GroupingOptions(), jobs=1)] == [400]
