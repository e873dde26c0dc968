import numpy as np
import pytest
import scipy.sparse as sp

from summarizer.core.clean import clean
from summarizer.core.options import DigestOptions
from summarizer.core.represent import build_term_space, similarity_matrix
from summarizer.core.segment import segment
from summarizer.core.select import make_budget, truncate
from summarizer.core.select import select as select_with
from summarizer.documents import Budget, Document
from summarizer.text import stemmer

STEM = stemmer("english")
DEFAULTS = DigestOptions()
GRAPHS: dict = {}


def prepared(seeds_dir):
    texts = [p.read_text() for p in sorted(seeds_dir.iterdir())]
    units = [u for i, t in enumerate(texts) for u in segment(clean(Document(id=f"d{i}", text=t)), i, stem=STEM)]
    space = build_term_space(units, stem=STEM)
    GRAPHS[id(units)] = similarity_matrix(space, "cosine", neighbours=DEFAULTS.neighbours)
    # A score that prefers leads: enough to exercise selection without ranking.
    scores = np.asarray([1.0 / (1 + u.index) for u in units])
    return units, scores, space.tfidf()


def select(units, scores, tfidf, *, budget, method=DEFAULTS.selection, redundancy=DEFAULTS.redundancy):
    return select_with(
        units,
        scores,
        tfidf,
        budget=budget,
        method=method,
        diversity=DEFAULTS.diversity,
        redundancy=redundancy,
        graph=GRAPHS[id(units)],
    )


@pytest.mark.parametrize("method", ["mmr", "coverage"])
@pytest.mark.parametrize("words", [15, 40, 100, 250])
def test_word_budget_is_never_exceeded(seeds_dir, method, words):
    units, scores, tfidf = prepared(seeds_dir)
    chosen = select(units, scores, tfidf, budget=Budget(words=words), method=method)
    texts = [units[i].text for i in chosen.indices] if chosen.truncated_text is None else [chosen.truncated_text]
    assert 0 < sum(len(t.split()) for t in texts) <= words


@pytest.mark.parametrize("size", [80, 300, 1000])
def test_byte_budget_is_never_exceeded(seeds_dir, size):
    units, scores, tfidf = prepared(seeds_dir)
    chosen = select(units, scores, tfidf, budget=Budget(bytes=size))
    text = " ".join(units[i].text for i in chosen.indices) if chosen.truncated_text is None else chosen.truncated_text
    assert 0 < len(text.encode("utf-8")) <= size


def test_sentence_budget_is_met_exactly(seeds_dir):
    units, scores, tfidf = prepared(seeds_dir)
    assert len(select(units, scores, tfidf, budget=Budget(sentences=6)).indices) == 6


def test_no_two_chosen_sentences_are_redundant(seeds_dir):
    units, scores, tfidf = prepared(seeds_dir)
    chosen = select(units, scores, tfidf, budget=Budget(sentences=10), redundancy=0.3)
    similarity = (tfidf[list(chosen.indices)] @ tfidf[list(chosen.indices)].T).toarray()
    np.fill_diagonal(similarity, 0)
    assert similarity.max() <= 0.3


def test_tiny_budget_cuts_the_best_sentence_instead_of_returning_nothing(seeds_dir):
    units, scores, tfidf = prepared(seeds_dir)
    chosen = select(units, scores, tfidf, budget=Budget(words=3))
    assert chosen.truncated_text and len(chosen.truncated_text.split()) <= 3


def test_make_budget_defaults_and_ratio():
    assert make_budget(
        sentences=None, words=None, ratio=None, size=None, total_sentences=100, default_sentences=7
    ) == Budget(sentences=7)
    assert (
        make_budget(
            sentences=None, words=None, ratio=0.05, size=None, total_sentences=100, default_sentences=7
        ).sentences
        == 5
    )
    assert make_budget(
        sentences=None, words=50, ratio=None, size=None, total_sentences=100, default_sentences=7
    ) == Budget(words=50)


def test_truncate_respects_words_and_bytes():
    text = "Russian President Vladimir Putin proposed talks with Ukraine on Monday."
    assert truncate(text, Budget(words=4)) == "Russian President Vladimir Putin…"
    assert len(truncate(text, Budget(bytes=20)).encode()) <= 20


@pytest.mark.parametrize("method", ["coverage", "mmr"])
def test_a_shorter_wording_competes_with_its_sentence_and_the_words_it_saves_buy_more(seeds_dir, method):
    """An alternative wording is chosen instead of (never with) its sentence, and within the same budget."""
    from summarizer.core.select import Alternatives

    units, scores, tfidf = prepared(seeds_dir)
    budget = Budget(words=120)
    plain = select(units, scores, tfidf, budget=budget, method=method)
    first = plain.indices[0]
    words = units[first].text.split()
    shorter = " ".join(words[: max(6, len(words) // 2)]).rstrip(",") + "."
    alternatives = Alternatives(bases=(first,), texts=(shorter,), tfidf=tfidf[[first]], covers=((first,),))
    chosen = select_with(units, scores, tfidf, budget=budget, method=method, diversity=DEFAULTS.diversity,
                         redundancy=DEFAULTS.redundancy, graph=GRAPHS[id(units)], alternatives=alternatives)  # fmt: skip
    alternative = len(units)
    assert not (alternative in chosen.indices and first in chosen.indices)  # one wording of a sentence at most
    if method == "coverage":  # its gain is per word: same content in fewer words wins
        assert alternative in chosen.indices
    texts = [shorter if i == alternative else units[i].text for i in chosen.indices]
    assert sum(len(t.split()) for t in texts) <= 120
    assert len(chosen.indices) >= len(plain.indices)


def test_an_alternative_ranks_by_its_own_content_against_the_cluster_centre(seeds_dir):
    """Under MMR an alternative with its base's PageRank would never beat it: its relevance is scaled by its
    cosine with the cluster's centre over its base's, so a wording closer to what the outlets share wins and
    one further from it loses."""
    from summarizer.core.select import Alternatives

    units, scores, tfidf = prepared(seeds_dir)
    budget = Budget(sentences=3)
    plain = select(units, scores, tfidf, budget=budget, method="mmr")
    first = plain.indices[0]
    centre = np.asarray(tfidf.T @ scores).ravel()
    row = tfidf[[first]].toarray().ravel()
    outlier = np.zeros_like(row)  # the term least present elsewhere that the sentence lacks
    outlier[np.argmin(np.where(row > 0, np.inf, centre))] = 1.0
    closer, further = row + 0.5 * centre / np.linalg.norm(centre), row + outlier
    chosen = {}
    for name, vector in (("closer", closer), ("further", further)):
        vector = vector / np.linalg.norm(vector)
        alternatives = Alternatives(bases=(first,), texts=(units[first].text,), tfidf=sp.csr_matrix(vector[None, :]),
                                    covers=((first,),))  # fmt: skip
        chosen[name] = select_with(units, scores, tfidf, budget=budget, method="mmr", diversity=DEFAULTS.diversity,
                                   redundancy=DEFAULTS.redundancy, graph=GRAPHS[id(units)],
                                   alternatives=alternatives).indices  # fmt: skip
    assert len(units) in chosen["closer"] and first not in chosen["closer"]
    assert len(units) not in chosen["further"] and first in chosen["further"]
