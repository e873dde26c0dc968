"""Sentences as vectors: term matrices, IDF, name variants, similarity.

IDF is not taken from the input alone. In a multi-document cluster the words
every outlet shares (putin, ukraine, talks) would get an IDF of zero and the
main news would vanish, so each term's document frequency blends the input's
sentences with a background of general English: word frequencies from the
`wordfreq` package, read as the chance that a 20-word sentence contains the
word.

Similarity matrices are built with sparse matrix products, never a Python
loop over sentence pairs. Past `dense_limit` sentences, each sentence keeps
only its strongest `neighbours` edges, so memory grows linearly.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from ..documents import Unit
from ..resources import background_frequencies
from ..text import StemFunction

__all__ = [
    "COPY_COSINE",
    "SIMILARITIES",
    "SimilarityMeasure",
    "TermSpace",
    "build_term_space",
    "document_vectors",
    "find_copies",
    "normalised_rows",
    "query_coverage",
    "similarity_matrix",
    "transposed",
]

BACKGROUND_SENTENCES = 20_000  # weight of the background corpus, in sentences
BACKGROUND_SENTENCE_LENGTH = 20
BM25_K1 = 1.2
BM25_B = 0.75


@dataclass(frozen=True)
class TermSpace:
    """The input's sentences as a sparse term-count matrix."""

    vocabulary: tuple[str, ...]
    counts: sp.csr_matrix  # sentences x terms, raw counts
    idf: np.ndarray  # one weight per term
    lengths: np.ndarray  # words per sentence
    variants: dict[str, str]  # merged spelling variants: term -> canonical term
    texts: tuple[str, ...] = ()  # the sentences themselves, for similarities of meaning

    def rows(self, count: int) -> TermSpace:
        """The first `count` sentences in the same space (same vocabulary and IDF)."""
        return TermSpace(self.vocabulary, self.counts[:count], self.idf, self.lengths[:count], self.variants,
                         self.texts[:count])  # fmt: skip

    def tfidf(self) -> sp.csr_matrix:
        """L2-normalised TF-IDF rows (zero rows stay zero)."""
        return normalised_rows(self.counts.multiply(self.idf[np.newaxis, :]).tocsr())

    def tfidf_of(self, term_rows: Sequence[Sequence[str]]) -> sp.csr_matrix:
        """TF-IDF rows of further sentences (rewrites) in this space; terms outside its vocabulary are dropped."""
        column = {t: i for i, t in enumerate(self.vocabulary)}
        found = [[(row, column.get(self.variants.get(t, t))) for t in terms] for row, terms in enumerate(term_rows)]
        cells = [(row, index) for pairs in found for row, index in pairs if index is not None]
        counts = sp.csr_matrix(  # repeated (row, column) cells add up: term counts
            (np.ones(len(cells)), ([r for r, _ in cells], [c for _, c in cells])),
            shape=(len(term_rows), len(self.vocabulary)),
        )
        return normalised_rows(counts.multiply(self.idf[np.newaxis, :]).tocsr())


def transposed(matrix: sp.csr_matrix) -> sp.csr_matrix:
    """`matrix.T` as CSR, for products `rows @ transposed(matrix)` taken in a loop: with `matrix.T` (CSC) SciPy converts
    it to CSR in every product (on a day's neighbour search, 90 % of the search's products' time); made once, the
    same numbers."""
    return sp.csr_matrix(matrix.T)


def normalised_rows(weighted: sp.spmatrix) -> sp.csr_matrix:
    """Each row scaled to unit length (an all-zero row stays zero)."""
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ weighted)


def query_coverage(sentences: sp.csr_matrix, query: sp.csr_matrix) -> np.ndarray:
    """How much of a query each sentence covers: the sum of the query's unit TF-IDF weights over the query terms
    the sentence holds. Not their cosine: a cosine favours a short sentence that restates the topic ("Myanmar is
    also known as Burma.") over the ones that answer it (eval/update.py on DUC 2007, query weight 0.2: focused
    A digest ROUGE-2 0.0913 with the cosine, 0.1015 with this; B and C with --seen 0.0899 and 0.0856, 0.0915
    and 0.0941)."""
    present = sp.csr_matrix(sentences, copy=True)
    present.data = (present.data != 0).astype(np.float64)
    return np.asarray((present @ sp.csr_matrix(query).T).todense()).ravel()


# --------------------------------------------------------------------------
# Name variants


def _skeleton(word: str) -> str:
    """A spelling-insensitive key: no accents, y as i, no doubled letters."""
    folded = unicodedata.normalize("NFKD", word.lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c)).replace("y", "i")
    collapsed: list[str] = []
    for char in folded:
        if not collapsed or collapsed[-1] != char:
            collapsed.append(char)
    return "".join(collapsed)


_NAME_CANDIDATE = re.compile(r"(?<![\w'’])[^\W\d_]{4,}(?![\w'’-])|(?<![\w'’])[^\W\d_]{4,}(?=['’]s\b)")


def name_variants(units: Sequence[Unit], stem: StemFunction) -> dict[str, str]:
    """Map the stems of spelling variants of one name to a single stem.

    Names are words written capitalised in most of their occurrences.
    Variants share a skeleton (Zelenskyy, Zelenskiy, Zelensky all give
    "zelenski") or, for names of six letters or more, differ in the skeleton
    by one edit with the same first three letters.
    """
    # Each distinct text read once, its words counted as often as it occurs (copies repeat sentences verbatim).
    occurrences: Counter[str] = Counter()
    capitalised: Counter[str] = Counter()
    for text, times in Counter(unit.text for unit in units).items():
        for word in _NAME_CANDIDATE.findall(text):
            occurrences[word.lower()] += times
            if word[0].isupper():
                capitalised[word.lower()] += times
    names = sorted(w for w, n in capitalised.items() if n >= 0.8 * occurrences[w])
    groups: dict[str, list[str]] = defaultdict(list)
    for name in names:
        groups[_skeleton(name)].append(name)
    # Join skeletons one edit apart (long names only), blocked by prefix.
    skeletons = sorted(groups)
    parent = {s: s for s in skeletons}

    def root(s: str) -> str:
        while parent[s] != s:
            s = parent[s]
        return s

    by_prefix: dict[str, list[str]] = defaultdict(list)
    for skeleton in skeletons:
        if len(skeleton) >= 6:
            by_prefix[skeleton[:3]].append(skeleton)
    blocks = [block for block in by_prefix.values() if len(block) > 1]
    if blocks:
        from rapidfuzz.distance import Levenshtein  # a short text often has no pair to compare: skip the import
    for block in blocks:
        for i, a in enumerate(block):
            for b in block[i + 1 :]:
                if abs(len(a) - len(b)) <= 1 and Levenshtein.distance(a, b) == 1:
                    ra, rb = root(a), root(b)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    merged: dict[str, list[str]] = defaultdict(list)
    for skeleton in skeletons:
        merged[root(skeleton)].extend(groups[skeleton])
    mapping: dict[str, str] = {}
    for words in merged.values():
        stems = sorted({stem(w) for w in words})
        if len(stems) < 2:
            continue
        canonical = max(stems, key=lambda s: (sum(occurrences[w] for w in words if stem(w) == s), s))
        for s in stems:
            if s != canonical:
                mapping[s] = canonical
    return mapping


# --------------------------------------------------------------------------
# Term space


def build_term_space(
    units: Sequence[Unit], *, stem: StemFunction, language: str = "english", weights: np.ndarray | None = None
) -> TermSpace:
    """Count matrix, merged name variants and background-smoothed IDF. `weights` (one per unit, default 1) say
    how much each sentence counts towards the input's document frequencies (another version's wording of a
    sentence may count less than a sentence of its own)."""
    variants = name_variants(units, stem)
    # Copies repeat sentences word for word: each distinct row of terms is renamed and counted once.
    renamed = {terms: [variants.get(t, t) for t in terms] for terms in dict.fromkeys(u.terms for u in units)}
    vocabulary = tuple(sorted({t for row in renamed.values() for t in row}))
    column = {t: i for i, t in enumerate(vocabulary)}
    indptr = [0]
    indices: list[int] = []
    data: list[int] = []
    counted_rows = {terms: sorted(Counter(column[t] for t in row).items()) for terms, row in renamed.items()}
    for unit in units:
        cells = counted_rows[unit.terms]
        indices.extend(term for term, _ in cells)
        data.extend(count for _, count in cells)
        indptr.append(len(indices))
    counts = sp.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
        shape=(len(units), len(vocabulary)),
    )
    # Background document frequency of each term from its surface forms.
    frequencies = background_frequencies(language)
    background = np.zeros(len(vocabulary))
    if frequencies:
        seen: set[str] = set()
        for tokens in dict.fromkeys(unit.tokens for unit in units):  # a repeated sentence brings no new token
            for token in tokens:
                if token in seen:
                    continue
                seen.add(token)
                stemmed = stem(token)
                index = column.get(variants.get(stemmed, stemmed))
                if index is not None:
                    background[index] += frequencies.get(token, 0.0)
    background_df = BACKGROUND_SENTENCES * np.minimum(1.0, BACKGROUND_SENTENCE_LENGTH * background)
    row_weights = np.ones(len(units)) if weights is None else np.asarray(weights, dtype=np.float64)
    entry_weights = np.repeat(row_weights, np.diff(counts.indptr))
    input_df = np.bincount(counts.indices, weights=entry_weights, minlength=len(vocabulary)).astype(np.float64)
    total = BACKGROUND_SENTENCES + float(row_weights.sum())
    idf = np.log((total + 1.0) / (1.0 + background_df + input_df))
    lengths = np.asarray([max(len(unit.tokens), 1) for unit in units], dtype=np.float64)
    return TermSpace(vocabulary, counts, idf, lengths, variants, tuple(unit.text for unit in units))


# --------------------------------------------------------------------------
# Similarity


Weights = tuple[sp.csr_matrix, sp.csr_matrix]


def _cosine_weights(space: TermSpace) -> Weights:
    tfidf = space.tfidf()
    return tfidf, tfidf


def _overlap_weights(space: TermSpace) -> Weights:
    binary = space.counts.copy()
    binary.data[:] = 1.0
    return binary, binary


def _overlap_normaliser(space: TermSpace, rows: np.ndarray, cols: np.ndarray, data: np.ndarray) -> np.ndarray:
    """The TextRank paper's denominator: log|S1| + log|S2|."""
    log_lengths = np.log(np.maximum(space.lengths, 2.0))
    return data / (log_lengths[rows] + log_lengths[cols])


def _bm25_weights(space: TermSpace) -> Weights:
    counts = space.counts.tocsr()
    average = float(space.lengths.mean()) if len(space.lengths) else 1.0
    norm = BM25_K1 * (1 - BM25_B + BM25_B * space.lengths / average)
    row_of_entry = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
    saturated = counts.copy()
    saturated.data = counts.data * (BM25_K1 + 1) / (counts.data + norm[row_of_entry])
    query = counts.copy()
    query.data[:] = 1.0
    query = query.multiply(np.maximum(space.idf, 0.0)[np.newaxis, :]).tocsr()
    return query, saturated


HYBRID_MEANING = 0.2  # the meaning's share of a hybrid edge (eval/quality.py on TAC 2011; Multi-News unseen)


@dataclass(frozen=True)
class SimilarityMeasure:
    """One edge weighting: the product of two weightings of the term matrix.

    `normalise` rescales each product entry (rows, columns, values -> values);
    an asymmetric measure is averaged with its transpose.
    """

    weights: Callable[[TermSpace], Weights]
    description: str
    normalise: Callable[[TermSpace, np.ndarray, np.ndarray, np.ndarray], np.ndarray] | None = None
    symmetric: bool = True
    weak_edge_floor: float | None = None  # large inputs: edges below it go first (None: the median)
    meaning: float = 0.0  # share of each edge from the sentences' meaning (centred embedding cosine, semantic.py)


SIMILARITIES: dict[str, SimilarityMeasure] = {
    "cosine": SimilarityMeasure(
        _cosine_weights, "TF-IDF cosine (LexRank, Erkan & Radev 2004)", weak_edge_floor=0.1
    ),  # LexRank's own threshold
    "overlap": SimilarityMeasure(
        _overlap_weights,
        "distinct shared terms / (log|S1| + log|S2|) (TextRank, Mihalcea & Tarau 2004)",
        normalise=_overlap_normaliser,
    ),
    "bm25": SimilarityMeasure(
        _bm25_weights,
        "BM25 of each sentence as a query against the other, averaged both ways (Barrios et al. 2016)",
        symmetric=False,
    ),
    "semantic": SimilarityMeasure(
        _cosine_weights,
        "cosine of centred WordLlama sentence vectors (the 'semantic' extra); large inputs: on TF-IDF's edges",
        weak_edge_floor=0.1,
        meaning=1.0,
    ),
    "hybrid": SimilarityMeasure(
        _cosine_weights,
        f"TF-IDF cosine and centred WordLlama cosine, weighted {1 - HYBRID_MEANING:g} and {HYBRID_MEANING:g} "
        "(the 'semantic' extra)",
        weak_edge_floor=0.1,
        meaning=HYBRID_MEANING,
    ),
}


PAIR_BUDGET = 20_000_000  # sentence pairs sharing a term, in large inputs
EDGE_BUDGET = 500_000  # directed edges kept, in large inputs
MIN_NEIGHBOURS = 5


def _edge_terms(space: TermSpace) -> np.ndarray:
    """Which terms count for edge weights: the rarest, up to PAIR_BUDGET pairs."""
    df = np.bincount(space.counts.indices, minlength=len(space.vocabulary)).astype(np.int64)
    order = np.argsort(df, kind="stable")
    pairs = np.cumsum(df[order] ** 2)
    cutoff = np.searchsorted(pairs, PAIR_BUDGET, side="right")
    if cutoff < len(order):
        cutoff = np.searchsorted(df[order], df[order][cutoff], side="left")  # whole df levels only
    keep = np.zeros(len(df), dtype=bool)
    keep[order[:cutoff]] = True
    return keep


def _top_k_per_row(matrix: sp.csr_matrix, k: int) -> sp.csr_matrix:
    """Keep the k largest entries of each row (ties: lower column first)."""
    matrix = matrix.tocsr()
    matrix.sort_indices()
    counts = np.diff(matrix.indptr)
    if counts.max(initial=0) <= k:
        return matrix
    rows = np.repeat(np.arange(matrix.shape[0]), counts)
    # lexsort is stable, so equal values keep their (ascending) column order.
    order = np.lexsort((-matrix.data, rows))
    rank_in_row = np.arange(len(order)) - np.repeat(matrix.indptr[:-1], counts)
    keep = np.sort(order[rank_in_row < k])
    return sp.csr_matrix((matrix.data[keep], (rows[keep], matrix.indices[keep])), shape=matrix.shape)


def similarity_matrix(
    space: TermSpace,
    kind: str,
    *,
    neighbours: int,
    dense_limit: int = 3000,
    block_rows: int = 2000,
    meaning_vectors: np.ndarray | None = None,
    meaning_weights: np.ndarray | None = None,
) -> sp.csr_matrix:
    """Symmetric sentence-by-sentence edge weights, zero diagonal (see SIMILARITIES). A measure of meaning uses
    `meaning_vectors` (semantic.text_vectors of the rows, when the caller has them) or makes them, centred on
    their mean weighted by `meaning_weights` (default 1 each)."""
    measure = SIMILARITIES[kind]
    n = space.counts.shape[0]
    left, right = measure.weights(space)
    prune = n > dense_limit
    if prune:
        # Large inputs: the commonest terms are left out of edge weights until
        # the sentence pairs they create fit PAIR_BUDGET, and each sentence
        # keeps its strongest edges only, so time and memory grow linearly.
        kept_terms = sp.diags(_edge_terms(space).astype(np.float64))
        left, right = (left @ kept_terms).tocsr(), (right @ kept_terms).tocsr()
        neighbours = max(MIN_NEIGHBOURS, min(neighbours, EDGE_BUDGET // n))
    right_t = right.T.tocsc()
    blocks = []
    for start in range(0, n, block_rows):
        stop = min(start + block_rows, n)
        product = (left[start:stop] @ right_t).tocoo()
        off_diagonal = (product.row + start) != product.col
        rows, cols, data = product.row[off_diagonal], product.col[off_diagonal], product.data[off_diagonal]
        if measure.normalise is not None:
            data = measure.normalise(space, rows + start, cols, data)
        block = sp.csr_matrix((data, (rows, cols)), shape=(stop - start, n))
        block.eliminate_zeros()
        if prune:
            # Weak edges never make a sentence's top list; dropping them first keeps the sort small.
            floor = measure.weak_edge_floor
            if floor is None:
                floor = float(np.median(block.data)) if block.nnz else 0.0
            block.data[block.data < floor] = 0.0
            block.eliminate_zeros()
            block = _top_k_per_row(block, neighbours)
        blocks.append(block)
    matrix = sp.vstack(blocks).tocsr() if blocks else sp.csr_matrix((n, n))
    if measure.meaning:
        if meaning_vectors is None:
            from .semantic import text_vectors  # loads the model only when asked for

            meaning_vectors = text_vectors(space.texts)
        matrix = _with_meaning(matrix, meaning_vectors, measure.meaning, dense=not prune, weights=meaning_weights)
    if not measure.symmetric:
        matrix = (matrix + matrix.T) * 0.5
    elif prune:
        matrix = matrix.maximum(matrix.T)
    matrix = sp.csr_matrix(matrix)
    matrix.eliminate_zeros()
    matrix.sort_indices()
    return matrix


def _with_meaning(
    words: sp.csr_matrix, text_vectors: np.ndarray, share: float, *, dense: bool, weights: np.ndarray | None = None
) -> sp.csr_matrix:
    """Edges that are `share` the sentences' meaning (centred embedding cosine, negatives as 0) and the rest
    the words' weight. Small inputs: every pair; large ones: the word graph's edges, reweighted, so time and
    memory stay linear."""
    from .semantic import centred

    vectors = centred(text_vectors, weights)
    if dense:
        meaning = np.clip(vectors @ vectors.T, 0.0, None)
        np.fill_diagonal(meaning, 0.0)
        return sp.csr_matrix((1.0 - share) * words.toarray() + share * meaning)
    coo = words.tocoo()
    pairs = np.einsum("ij,ij->i", vectors[coo.row], vectors[coo.col])
    data = (1.0 - share) * coo.data + share * np.clip(pairs, 0.0, None)
    return sp.csr_matrix((data, (coo.row, coo.col)), shape=words.shape)


# --------------------------------------------------------------------------
# Copies

COPY_COSINE = 0.9  # articles this close are one text (syndicated, republished), not two reports
COPY_BLOCK_CELLS = 10_000_000  # document pairs compared at once when looking for copies (about 120 MB at worst)


def document_vectors(units: Sequence[Unit], documents: int) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows, one per document (sublinear tf, IDF over the documents)."""
    column: dict[str, int] = {}
    rows: list[int] = []
    cols: list[int] = []
    columns_of: dict[tuple[str, ...], list[int]] = {}  # copies repeat sentences: each distinct one looked up once
    for unit in units:
        columns = columns_of.get(unit.terms)
        if columns is None:
            columns = columns_of[unit.terms] = [column.setdefault(term, len(column)) for term in unit.terms]
        rows.extend([unit.doc_order] * len(columns))
        cols.extend(columns)
    counts = sp.csr_matrix((np.ones(len(rows)), (rows, cols)), shape=(documents, max(len(column), 1)))
    counts.sum_duplicates()
    counts.data = 1.0 + np.log(counts.data)
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    return normalised_rows(counts.multiply((np.log((documents + 1.0) / (df + 1.0)) + 1.0)[np.newaxis, :]))


def find_copies(members: Sequence[int], vectors: sp.csr_matrix, threshold: float = COPY_COSINE) -> dict[int, int]:
    """copy -> original, for documents whose cosine with an earlier one reaches threshold.

    The original of a copy is the earliest such document that is not itself a copy. The products are taken a
    block of rows at a time: articles of one day share many terms, and the whole product of 20,000 of them
    held 5 GB at once.
    """
    members = list(members)
    if len(members) < 2:
        return {}
    block = vectors[members]
    rows = max(1, COPY_BLOCK_CELLS // len(members))
    copies: dict[int, int] = {}
    for start in range(1, len(members), rows):
        similar = sp.csr_matrix(block[start : start + rows] @ block[: start + rows].T)
        similar.data[similar.data < threshold] = 0.0
        similar.eliminate_zeros()
        similar.sort_indices()
        for offset in range(similar.shape[0]):
            j = start + offset
            row = similar.indices[similar.indptr[offset] : similar.indptr[offset + 1]]
            original = next((i for i in row.tolist() if i < j and members[i] not in copies), None)
            if original is not None:
                copies[members[j]] = members[original]
    return copies
