import itertools
import math

import numpy as np
import pytest

from summarizer.core.clean import clean
from summarizer.core.represent import build_term_space, name_variants, similarity_matrix
from summarizer.core.segment import segment
from summarizer.documents import Document
from summarizer.text import content_terms, stemmer, tokenize

STEM = stemmer("english")


def units_of(*texts):
    return [u for i, t in enumerate(texts) for u in segment(clean(Document(id=f"d{i}", text=t)), i, stem=STEM)]


def test_spelling_variants_of_a_name_merge():
    units = units_of(
        "Volodymyr Zelenskyy spoke on Monday. Zelenskyy said more.",
        "Volodymyr Zelenskiy spoke on Monday in Kyiv.",
        "Volodymyr Zelensky spoke on Monday in Kyiv.",
    )
    mapping = name_variants(units, STEM)
    canonical = {mapping.get(STEM(w), STEM(w)) for w in ("zelenskyy", "zelenskiy", "zelensky")}
    assert len(canonical) == 1


def test_different_names_do_not_merge():
    units = units_of("Iran and Iraq met. Austria and Australia met. Peskov and Putin spoke.")
    assert name_variants(units, STEM) == {}


def test_shared_words_keep_weight_against_background():
    texts = [f"Putin proposed direct talks with Ukraine, outlet {n} said on Monday." for n in range(5)]
    space = build_term_space(units_of(*texts), stem=STEM)
    idf = dict(zip(space.vocabulary, space.idf))
    # In every sentence, yet far from weightless, and rarer in English than "monday".
    assert idf[STEM("putin")] > 2.0
    assert idf[STEM("putin")] > idf[STEM("monday")]


def _brute_force(space, kind):
    counts = space.counts.toarray()
    n = counts.shape[0]
    expected = np.zeros((n, n))
    for i, j in itertools.permutations(range(n), 2):
        if kind == "overlap":
            shared = np.sum((counts[i] > 0) & (counts[j] > 0))
            expected[i, j] = shared / (math.log(max(space.lengths[i], 2)) + math.log(max(space.lengths[j], 2)))
        elif kind == "cosine":
            a, b = counts[i] * space.idf, counts[j] * space.idf
            denominator = np.linalg.norm(a) * np.linalg.norm(b)
            expected[i, j] = a @ b / denominator if denominator else 0
    return expected


@pytest.mark.parametrize("kind", ["overlap", "cosine"])
def test_vectorised_similarity_matches_the_definition(seeds_dir, kind):
    text = (seeds_dir / "000_b8d4d1304aba4b28.txt").read_text()
    space = build_term_space(units_of(text), stem=STEM)
    matrix = similarity_matrix(space, kind, neighbours=50).toarray()
    assert np.allclose(matrix, _brute_force(space, kind))
    assert np.allclose(matrix, matrix.T) and np.all(np.diag(matrix) == 0)


def test_bm25_is_symmetric_and_positive(seeds_dir):
    text = (seeds_dir / "000_b8d4d1304aba4b28.txt").read_text()
    matrix = similarity_matrix(build_term_space(units_of(text), stem=STEM), "bm25", neighbours=50).toarray()
    assert np.allclose(matrix, matrix.T) and matrix.min() >= 0 and matrix.max() > 0


def test_large_graphs_keep_a_bounded_number_of_edges(seeds_dir):
    texts = [p.read_text() for p in sorted(seeds_dir.iterdir())] * 30
    space = build_term_space(units_of(*texts), stem=STEM)
    matrix = similarity_matrix(space, "cosine", neighbours=10, dense_limit=100)
    n = matrix.shape[0]
    assert matrix.nnz <= 2 * 10 * n
    assert np.allclose(matrix.toarray(), matrix.toarray().T)


def test_content_terms_drop_stop_words():
    assert content_terms(tokenize("The talks are in London")) == [STEM("talks"), STEM("london")]


def test_query_coverage_counts_the_query_terms_a_sentence_holds_whatever_its_length():
    import scipy.sparse as sp

    from summarizer.core.represent import query_coverage

    # Terms: myanmar, burma, arrest, party, leader. The query: myanmar 0.6, burma 0.6, arrest 0.4, party 0.35.
    query = sp.csr_matrix([[0.6, 0.6, 0.4, 0.35, 0.0]])
    sentences = sp.csr_matrix([
        [0.7, 0.7, 0.0, 0.0, 0.0],  # "Myanmar is also known as Burma."
        [0.3, 0.0, 0.4, 0.5, 0.7],  # a long sentence on the arrests of party members in Myanmar
        [0.0, 0.0, 0.0, 0.0, 1.0],  # nothing of the query
    ])  # fmt: skip
    covered = query_coverage(sentences, query)
    assert np.allclose(covered, [1.2, 1.35, 0.0])
    cosine = (sentences @ query.T).toarray().ravel() / np.linalg.norm(sentences.toarray(), axis=1)
    assert cosine[0] > cosine[1]  # the cosine prefers the restatement; coverage the answer
    assert np.allclose(query_coverage(sentences * 3.0, query), covered)  # weights in the sentence do not count
