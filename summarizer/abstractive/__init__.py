"""Abstractive mode: other wordings of the best candidates, which compete with them in the selection.

For each of the best candidate sentences and the sentences other outlets write about the same fact, every
rewrite that passes the guard is offered to the selection (see summarizer/core/select.py):

    wordgraph.py  a fusion of the group (multi-sentence compression over a word graph) and a compression
    additions.py  an enrichment, a description of a name, a widening of one phrase
    neural.py     a sentence a local seq2seq model writes (--model; optional)
    guard.py      the checks every rewrite must pass, and the grammar check
    grammar.py    Link Grammar, the grammar check where it is installed (optional)
    words.py      tokens and the word tests; long word lists in data/
    records.py    SourceSentence, Rewrite, FusionStats, Description
    rewrite.py    one group: every rewrite of its main sentence that passes the guard

Nothing is used unless it passes the guard; otherwise the extracted sentence stands. `rewrite_step` is what
summarizer.digest composes into the one-event pipeline (summarizer.core.pipeline's RewriteStep).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

import numpy as np

from ..documents import Unit
from ..text import tokenize
from .additions import describe, descriptions, enrich, widen
from .guard import TrigramModel, dropped_spans, grammar_check_name, guard, structure_reason
from .records import Description, FusionStats, Rewrite, SourceSentence
from .rewrite import new_verb, rewrite_alternatives
from .wordgraph import compress, fuse
from .words import detokenize, has_verb, word_tokens

__all__ = [
    "Description",
    "FusionStats",
    "Rewrite",
    "SourceSentence",
    "TrigramModel",
    "compress",
    "describe",
    "descriptions",
    "detokenize",
    "dropped_spans",
    "enrich",
    "fuse",
    "grammar_check_name",
    "guard",
    "has_verb",
    "new_verb",
    "rewrite_alternatives",
    "rewrite_candidates",
    "rewrite_step",
    "structure_reason",
    "widen",
    "word_tokens",
]

# Abstractive mode rewrites the best candidates before selection, so that the words a fusion saves
# buy another fact: rewrites of about two candidates for each sentence the budget can hold.
REWRITE_CANDIDATES_PER_SENTENCE = 2
MAX_REWRITE_CANDIDATES = 40


def _information(units: Sequence[Unit]) -> Callable[[str], float]:
    """Information per word of a text: the cluster's document frequency of each distinct token it
    has (stop words included, as ROUGE counts them), divided by its words."""
    tokens_of: dict[int, set[str]] = {}
    for unit in units:  # one pass: the distinct tokens of each document
        tokens_of.setdefault(unit.doc_order, set()).update(unit.tokens)
    documents = max(len(tokens_of), 1)
    frequency: Counter[str] = Counter()
    for tokens in tokens_of.values():
        frequency.update(tokens)

    def per_word(text: str) -> float:
        tokens = tokenize(text)
        return sum(frequency[t] for t in set(tokens)) / documents / max(len(text.split()), 1)

    return per_word


def rewrite_candidates(
    units: Sequence[Unit],
    scores: np.ndarray,
    same_fact: Callable[[Sequence[int]], dict[int, list[int]]],
    *,
    expected: int,
    rules: bool = True,
    model_path: str | None = None,
    longer: bool = True,
) -> tuple[list[Rewrite], FusionStats]:
    """Fusions, enrichments and compressions (`rules`) of the best candidates, and the sentences a local
    model writes for them (`model_path`), each carrying at least the information per word of the
    sentences it replaces (the main one, and for an enrichment the one it takes a clause from).

    `same_fact(candidates)` gives, for each candidate, the sentences of other outlets that state its fact.
    Without `longer` (a budget that counts sentences only, where words saved buy nothing), a rewrite
    has no more words than the sentence it stands for: the abstractive digest is never the longer one.
    """
    rewriter = None
    if model_path:
        from .neural import sentence_rewriter  # transformers is optional and slow to import

        rewriter = sentence_rewriter(model_path)

    eligible = [int(i) for i in np.lexsort((np.arange(len(units)), -scores)) if units[i].eligible]
    candidates = eligible[: min(MAX_REWRITE_CANDIDATES, REWRITE_CANDIDATES_PER_SENTENCE * expected)]
    groups = same_fact(candidates)
    model = TrigramModel([u.text for u in units])
    density = _information(units)
    stats = FusionStats()
    rewrites: list[Rewrite] = []
    known = descriptions([SourceSentence(u.text, u.document, u.index) for u in units if u.eligible]) if rules else {}

    def dense_enough(text: str, replaced: Sequence[SourceSentence]) -> bool:
        return density(text) >= density(" ".join(s.text for s in replaced[:2]))

    for i in candidates:
        main = SourceSentence(units[i].text, units[i].document, units[i].index)
        others = [SourceSentence(units[j].text, units[j].document, units[j].index) for j in groups.get(i, [])]
        found = rewrite_alternatives(
            main, others, stats=stats, model=model, accept=dense_enough, rules=rules, rewriter=rewriter, known=known
        )
        rewrites += [r for r in found if longer or len(r.text.split()) <= len(main.text.split())]
    return rewrites, stats


def rewrite_step(
    units: Sequence[Unit],
    scores: np.ndarray,
    same_fact: Callable[[Sequence[int]], dict[int, list[int]]],
    *,
    expected: int,
    rules: bool,
    model_path: str | None,
    longer: bool,
) -> tuple[list[Rewrite], dict]:
    """The pipeline's rewrite step: rewrite_candidates, with the fusion's stats as a dict naming the grammar
    check."""
    rewrites, fusion = rewrite_candidates(units, scores, same_fact, expected=expected, rules=rules,
                                          model_path=model_path, longer=longer)  # fmt: skip
    return rewrites, {**fusion.to_dict(), "grammar": grammar_check_name()}
