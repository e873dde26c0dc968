"""Choosing sentences: relevance against redundancy, under a length budget.

Two methods:

- mmr: maximal marginal relevance (Carbonell & Goldstein 1998) over the
  PageRank scores, with TF-IDF cosine as the redundancy measure;
- coverage: a monotone submodular objective (Lin & Bilmes 2011): how well
  the chosen sentences cover every input sentence, capped so no single fact
  dominates, plus the PageRank relevance of each chosen sentence, maximised
  greedily with a length-scaled gain.

Both share a hard rule: a sentence whose cosine with one already chosen
exceeds `redundancy` states the same fact and is never chosen; so is one
that `one_fact` (core/facts.py: a mark of one fact in other words) joins
to a chosen sentence. Budgets are
never exceeded: a sentence that does not fit is skipped and the next tried.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..documents import Budget, Unit

__all__ = ["SELECTIONS", "Alternatives", "Chosen", "OneFact", "SelectionMethod", "make_budget", "select"]


def make_budget(
    *,
    sentences: int | None,
    words: int | None,
    ratio: float | None,
    size: int | None,
    total_sentences: int,
    default_sentences: int,
) -> Budget:
    """The budget from the options; with none given, `default_sentences`."""
    if ratio is not None:
        from_ratio = max(1, round(ratio * total_sentences))
        sentences = from_ratio if sentences is None else min(sentences, from_ratio)
    if sentences is None and words is None and size is None:
        sentences = default_sentences
    return Budget(sentences=sentences, words=words, bytes=size)


def _word_count(text: str) -> int:
    return len(text.split())


def _byte_count(text: str) -> int:
    return len(text.encode("utf-8"))


@dataclass(frozen=True)
class Chosen:
    indices: tuple[int, ...]  # into units; len(units) + k for alternative k
    truncated_text: str | None = None  # set when even one sentence did not fit
    nothing_new: bool = False  # every candidate restates what the reader has seen: nothing is chosen


@dataclass(frozen=True)
class Alternatives:
    """Other wordings of some sentences (fusions, compressions) that compete with them in one selection.

    Alternative k stands for units[bases[k]], reads texts[k], has the TF-IDF row
    tfidf[k], and includes the units in covers[k]: choosing it rules out every
    candidate that includes one of those.
    """

    bases: tuple[int, ...]
    texts: tuple[str, ...]
    tfidf: sp.csr_matrix
    covers: tuple[tuple[int, ...], ...]


DANGLING_PENALTY = 0.8

# Candidates considered per digest: enough to fill any budget after
# redundancy removal, few enough to keep the pairwise matrix small.
POOL_MIN = 300
POOL_PER_SENTENCE = 40


def _pool(units: Sequence[Unit], scores: np.ndarray, budget: Budget, shown: np.ndarray | None) -> np.ndarray:
    allowed = np.ones(len(units), dtype=bool) if shown is None else shown
    eligible = np.asarray([u.eligible for u in units], dtype=bool) & allowed
    candidates = np.flatnonzero(eligible)
    if not len(candidates):
        candidates = np.flatnonzero(allowed)  # nothing complete: best of what there is
    order = np.lexsort((candidates, -scores[candidates]))
    wanted = budget.sentences or max(1, (budget.words or (budget.bytes or 0) // 6) // 15)
    size = max(POOL_MIN, POOL_PER_SENTENCE * wanted)
    return candidates[order[:size]]


Gain = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (chosen mask, max similarity) -> gain per candidate
OneFact = Callable[[int, np.ndarray, np.ndarray], np.ndarray]  # (unit, other units, cosines) -> one fact


def _conflicts(covers: Sequence[tuple[int, ...]]) -> sp.csr_matrix:
    """Which candidates include a common sentence (and so exclude each other)."""
    rows = [k for k, cover in enumerate(covers) for _ in cover]
    columns = [unit for cover in covers for unit in cover]
    included = sp.csr_matrix((np.ones(len(rows)), (rows, columns)))
    return sp.csr_matrix(included @ included.T)


def select(
    units: Sequence[Unit],
    scores: np.ndarray,
    tfidf: sp.csr_matrix,
    *,
    budget: Budget,
    method: str,
    diversity: float,
    redundancy: float,
    graph: sp.csr_matrix,
    seen: np.ndarray | None = None,
    alternatives: Alternatives | None = None,
    shown: np.ndarray | None = None,
    weights: np.ndarray | None = None,
    one_fact: OneFact | None = None,
) -> Chosen:
    """Indices of the chosen sentences (into units), in the order chosen (see SELECTIONS).

    `alternatives` (abstractive mode) compete with the sentences they reword,
    under the same budget and redundancy rule: words a fusion saves buy another
    fact. `seen` is each sentence's highest cosine with what the reader has
    already read: a fact already seen is as redundant as one already chosen.
    `shown` marks the sentences that may be chosen (default: all; another
    version's wording of a sentence may not); `weights` say how much each
    sentence counts in what the coverage method covers (default 1). `one_fact(i, others, cosines)` says
    which of the units `others` state the fact of unit i in other words (default: none).
    """
    pool = _pool(units, scores, budget, shown)
    bases, texts, rows = pool, [units[i].text for i in pool], tfidf[pool]
    covers: list[tuple[int, ...]] = [(int(i),) for i in pool]
    extra: list[int] = []
    if alternatives is not None:
        in_pool = set(pool.tolist())
        extra = [k for k, base in enumerate(alternatives.bases) if base in in_pool]
        bases = np.concatenate([pool, np.asarray([alternatives.bases[k] for k in extra], dtype=pool.dtype)])
        texts += [alternatives.texts[k] for k in extra]
        rows = sp.vstack([rows, alternatives.tfidf[extra]]).tocsr()
        covers += [alternatives.covers[k] for k in extra]
    pair_similarity = (rows @ rows.T).toarray()
    relevance = scores[bases] / (scores[pool].max() or 1.0)
    if extra:
        relevance[len(pool) :] *= _centrality_ratio(rows, pool, tfidf, scores, bases)
    # A sentence that leans on its article's context reads badly out of it.
    relevance = relevance * np.where([units[i].dangling for i in bases], DANGLING_PENALTY, 1.0)
    words = np.asarray([_word_count(t) for t in texts])
    sizes = np.asarray([_byte_count(t) for t in texts])
    covered = tfidf if weights is None else sp.csr_matrix(sp.diags(weights) @ tfidf)
    gain = SELECTIONS[method].gain(rows, len(pool), covered, graph, relevance, words, diversity)
    initial = seen[bases] if seen is not None else np.zeros(len(bases))
    same = (
        None
        if one_fact is None
        else lambda best, rest: one_fact(int(bases[best]), bases[rest], pair_similarity[rest, best])
    )
    picked = _greedy(gain, pair_similarity, words, sizes, budget, redundancy, initial, _conflicts(covers), same)
    if picked:
        return Chosen(tuple(int(pool[p]) if p < len(pool) else len(units) + extra[p - len(pool)] for p in picked))
    if seen is not None and bool((seen[pool] > redundancy).all()):
        return Chosen((), nothing_new=True)  # not a budget too small: there is nothing left to tell
    # Nothing fits the word or byte budget: cut the best sentence to size.
    best = int(pool[0])
    return Chosen((best,), truncated_text=truncate(units[best].text, budget))


def _centrality_ratio(
    rows: sp.csr_matrix, pool: np.ndarray, tfidf: sp.csr_matrix, scores: np.ndarray, bases: np.ndarray
) -> np.ndarray:
    """For each alternative (the rows past the pool's), its cosine with the cluster's centre over its base
    sentence's: a rewrite that says more of what the outlets share ranks above the sentence it rewords,
    one that says less below it. The centre weighs each sentence's vector by its PageRank score."""
    centre = np.asarray(tfidf.T @ scores).ravel()
    centre /= np.linalg.norm(centre) or 1.0
    closeness = rows @ centre  # the rows are unit vectors (or empty); an alternative's base is in the pool
    row_of = {int(base): k for k, base in enumerate(pool)}
    base_closeness = closeness[[row_of[int(base)] for base in bases[len(pool) :]]]
    return np.divide(closeness[len(pool) :], base_closeness, out=np.ones(len(base_closeness)), where=base_closeness > 0)


def _fitting(budget: Budget, count: int, used_words: int, used_bytes: int, words, sizes) -> np.ndarray:
    """Which candidates would still fit if added as sentence number `count`."""
    fits = np.full(len(words), budget.sentences is None or count <= budget.sentences)
    separator = 1 if count > 1 else 0
    if budget.words is not None:
        fits &= used_words + words <= budget.words
    if budget.bytes is not None:
        fits &= used_bytes + separator + sizes <= budget.bytes
    return fits


def _greedy(
    gain: Gain,
    pair_similarity: np.ndarray,
    words: np.ndarray,
    sizes: np.ndarray,
    budget: Budget,
    redundancy: float,
    initial: np.ndarray,
    conflicts: sp.csr_matrix,
    same_fact: Callable[[int, np.ndarray], np.ndarray] | None = None,
) -> list[int]:
    n = len(words)
    chosen_mask = np.zeros(n, dtype=bool)
    max_similarity = initial.astype(np.float64)
    available = max_similarity <= redundancy
    picked: list[int] = []
    used_words = used_bytes = 0
    while not budget.full(len(picked)):
        available &= _fitting(budget, len(picked) + 1, used_words, used_bytes, words, sizes)
        if not available.any():
            break
        values = gain(chosen_mask, max_similarity)
        candidates = np.flatnonzero(available)
        best = int(candidates[np.lexsort((candidates, -values[candidates]))[0]])
        used_bytes += (1 if picked else 0) + int(sizes[best])
        used_words += int(words[best])
        picked.append(best)
        chosen_mask[best] = True
        available[conflicts[best].indices] = False  # itself, and every other wording of what it includes
        max_similarity = np.maximum(max_similarity, pair_similarity[:, best])
        available &= max_similarity <= redundancy
        if same_fact is not None:  # the chosen sentence's fact in other words
            rest = np.flatnonzero(available)
            available[rest[same_fact(best, rest)]] = False
    return picked


COVERAGE_CAP = 0.2  # alpha of Lin & Bilmes: share of a sentence's total similarity to cover
RELEVANCE_WEIGHT = 4.0
LENGTH_SCALING = 0.3


def _mmr_gain(
    rows: sp.csr_matrix,
    pool_size: int,
    tfidf: sp.csr_matrix,
    graph: sp.csr_matrix,
    relevance: np.ndarray,
    words: np.ndarray,
    diversity: float,
) -> Gain:
    """Maximal marginal relevance: relevance against the closest chosen sentence."""

    def gain(chosen_mask: np.ndarray, max_similarity: np.ndarray) -> np.ndarray:
        return diversity * relevance - (1 - diversity) * max_similarity

    return gain


def _coverage_gain(
    rows: sp.csr_matrix,
    pool_size: int,
    tfidf: sp.csr_matrix,
    graph: sp.csr_matrix,
    relevance: np.ndarray,
    words: np.ndarray,
    diversity: float,
) -> Gain:
    """Marginal gain of each pool sentence under the coverage objective."""
    coverage_matrix = (rows @ tfidf.T).tocsr()  # candidates x all sentences
    coverage_matrix.data[coverage_matrix.data < 0.05] = 0.0
    coverage_matrix.eliminate_zeros()
    total = np.maximum(np.asarray(coverage_matrix.sum(axis=0)).ravel(), np.asarray(graph.sum(axis=0)).ravel())
    cap = COVERAGE_CAP * total
    candidates = coverage_matrix.shape[0]
    row_of = np.repeat(np.arange(candidates), np.diff(coverage_matrix.indptr))
    scale = np.maximum(words, 1) ** LENGTH_SCALING
    normaliser = float(cap.sum()) or 1.0

    def gain(chosen_mask: np.ndarray, max_similarity: np.ndarray) -> np.ndarray:
        chosen = np.flatnonzero(chosen_mask)
        covered = np.zeros(coverage_matrix.shape[1])
        if len(chosen):
            covered = np.asarray(coverage_matrix[chosen].sum(axis=0)).ravel()
        before = np.minimum(covered, cap)
        after = np.minimum(covered[coverage_matrix.indices] + coverage_matrix.data, cap[coverage_matrix.indices])
        delta = after - before[coverage_matrix.indices]
        per_row = np.bincount(row_of, weights=delta, minlength=candidates) / normaliser
        return (per_row * pool_size + RELEVANCE_WEIGHT * relevance) / scale

    return gain


@dataclass(frozen=True)
class SelectionMethod:
    gain: Callable[[sp.csr_matrix, int, sp.csr_matrix, sp.csr_matrix, np.ndarray, np.ndarray, float], Gain]
    description: str


SELECTIONS: dict[str, SelectionMethod] = {
    "mmr": SelectionMethod(_mmr_gain, "maximal marginal relevance (Carbonell & Goldstein 1998)"),
    "coverage": SelectionMethod(_coverage_gain, "a submodular coverage objective (Lin & Bilmes 2011)"),
}


def truncate(text: str, budget: Budget) -> str:
    """The longest word-prefix of text, plus an ellipsis, within the budget."""
    words = text.split()
    for keep in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:keep]).rstrip(",;:—–-") + "…"
        if budget.allows(1, keep, _byte_count(candidate)):
            return candidate
    first = words[0] if words else ""
    # Not even one word fits: as many characters of it as fit, with the ellipsis when there is room.
    for ending in ("…", ""):
        for keep in range(len(first), 0, -1):
            if budget.allows(1, 1, _byte_count(first[:keep] + ending)):
                return first[:keep] + ending
    return first[:1]
