"""The checks a rewrite must pass before it may stand for the sentences it rewords.

The guard (a verb, balanced quotes and brackets, final punctuation, the subject, every number, negation
and hedge of the main sentence, no number, name or negation its sources lack; for fusions, every three-word
window from a source); the structure rule of word-graph fusions (the main sentence with words left out, or
one wording swapped); and the grammar check: Link Grammar's complete parse where installed, else a trigram
model of the cluster's sentences."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

from ..core.segment import quotes_balanced
from ..text import stop_words
from . import grammar
from .words import (
    SUBORDINATE_START,
    first_verb,
    has_verb,
    hedges_in,
    names_in,
    negations_in,
    numbers_in,
    subject_of,
    word_tokens,
)

__all__ = [
    "TrigramModel",
    "dropped_spans",
    "grammar_check_name",
    "grammar_reason",
    "guard",
    "structure_reason",
    "subject_and_verb_from_one_source",
    "trigrams_of",
]


def trigrams_of(tokens: Sequence[str]) -> set[tuple[str, ...]]:
    lowered = ["<s>", *(t.lower() for t in tokens), "</s>"]
    return set(zip(lowered, lowered[1:], lowered[2:]))


def guard(candidate: str, sources: Sequence[str], *, main: str | None = None, fused: bool = False) -> str | None:
    """None when the candidate may replace its sources, else the reason it may not.

    For fused sentences two fluency checks apply as well: every three-word
    window must occur in some source (the sentence changes source only where
    the sources overlap), and a sentence that opens with a subordinate or
    prepositional phrase must go on, after a comma, to a main clause.
    """
    tokens = word_tokens(candidate)
    source_tokens = [word_tokens(s) for s in sources]
    every_source_token = {t for ts in source_tokens for t in ts}
    lowered_source_tokens = {t.lower() for t in every_source_token}
    if not tokens:
        return "empty"
    if not re.search(r"[.!?][\"”’')\]]*$", candidate):
        return "does not end with punctuation"
    if not quotes_balanced(candidate):
        return "unbalanced quotes or brackets"
    if not has_verb(tokens):
        return "no verb"
    new_numbers = numbers_in(tokens) - {t.lower() for t in every_source_token}
    if new_numbers:
        return f"number not in the sources: {sorted(new_numbers)[0]}"
    source_names = {t for ts in source_tokens for t in ts if t[0].isupper()}
    new_names = {n for n in names_in(tokens) if n not in source_names and n.lower() not in lowered_source_tokens}
    if new_names:
        return f"name not in the sources: {sorted(new_names)[0]}"
    if negations_in(tokens) and not any(negations_in(ts) for ts in source_tokens):
        return "adds a negation"
    reference = word_tokens(main) if main else source_tokens[0]
    if negations_in(reference) and not negations_in(tokens):
        return "drops a negation"
    dropped_hedges = hedges_in(reference) - hedges_in(tokens)
    if dropped_hedges:
        return f"drops a hedge: {sorted(dropped_hedges)[0]}"
    subject = subject_of(reference)
    if subject and subject not in {t.lower() for t in tokens}:
        return "drops the subject"
    if fused:
        known = set().union(*(trigrams_of(ts) for ts in source_tokens))
        if not trigrams_of(tokens) <= known:
            return "joins sources where they do not overlap"
        if SUBORDINATE_START.match(candidate):
            after = candidate.split(",", 1)
            if len(after) < 2 or not has_verb(word_tokens(after[1])):
                return "a fragment: no main clause"
    return None


class TrigramModel:
    """A trigram language model of one cluster's sentences (stupid backoff, Brants et al. 2007).

    The grammar check that needs no parser and nothing downloaded: a fusion is
    made of its sources' words, so its log-probability per word under the
    model of those very sentences says whether its joins read as well as the
    sources do. Tokens are lowercased words and punctuation.
    """

    BACKOFF = 0.4

    def __init__(self, sentences: Sequence[str]):
        self.unigrams: dict[str, int] = {}
        self.bigrams: dict[tuple[str, str], int] = {}
        self.trigrams: dict[tuple[str, str, str], int] = {}
        for sentence in sentences:
            tokens = self._tokens(sentence)
            for k in range(len(tokens)):
                self.unigrams[tokens[k]] = self.unigrams.get(tokens[k], 0) + 1
                if k >= 1:
                    pair = (tokens[k - 1], tokens[k])
                    self.bigrams[pair] = self.bigrams.get(pair, 0) + 1
                if k >= 2:
                    triple = (tokens[k - 2], tokens[k - 1], tokens[k])
                    self.trigrams[triple] = self.trigrams.get(triple, 0) + 1
        self.total = sum(self.unigrams.values()) or 1
        self._per_token: dict[str, float] = {}  # sources are scored once per candidate checked against them

    @staticmethod
    def _tokens(text: str) -> list[str]:
        return ["<s>", "<s>", *(t.lower() for t in word_tokens(text)), "</s>"]

    def _score(self, u: str, v: str, w: str) -> float:
        triple = self.trigrams.get((u, v, w), 0)
        if triple:
            return triple / self.bigrams[(u, v)]
        pair = self.bigrams.get((v, w), 0)
        if pair:
            return self.BACKOFF * pair / self.unigrams[v]
        return self.BACKOFF * self.BACKOFF * (self.unigrams.get(w, 0) + 0.5) / (self.total + len(self.unigrams))

    def per_token(self, text: str) -> float:
        """Mean log-probability of the text's tokens (higher reads better)."""
        if text not in self._per_token:
            tokens = self._tokens(text)
            scores = [math.log(self._score(tokens[k - 2], tokens[k - 1], tokens[k])) for k in range(2, len(tokens))]
            self._per_token[text] = sum(scores) / max(len(scores), 1)
        return self._per_token[text]


def subject_and_verb_from_one_source(candidate: str, sources: Sequence[str]) -> bool:
    """The fusion's subject and its first verb stand, in that order, in one source sentence."""
    tokens = word_tokens(candidate)
    subject, verb = subject_of(tokens), first_verb(tokens)
    if subject is None or verb is None:
        return False
    for source in sources:
        lowered = [t.lower() for t in word_tokens(source)]
        if subject in lowered and verb in lowered and lowered.index(subject) < lowered.index(verb):
            return True
    return False


def dropped_spans(candidate: Sequence[str], main: Sequence[str]) -> list[list[str]] | None:
    """The runs of `main`'s tokens that `candidate` leaves out, or None when it is not `main` with words dropped."""
    spans: list[list[str]] = []
    run: list[str] = []
    position = 0
    for token in (t.lower() for t in candidate):
        while position < len(main) and main[position].lower() != token:
            run.append(main[position])
            position += 1
        if position == len(main):
            return None
        if run:
            spans.append(run)
            run = []
        position += 1
    if position < len(main):
        spans.append(list(main[position:]))
    return spans


def _contiguous(needle: Sequence[str], haystack: Sequence[str]) -> bool:
    width = len(needle)
    return any(list(haystack[k : k + width]) == list(needle) for k in range(len(haystack) - width + 1))


def _substitution(candidate: Sequence[str], main: Sequence[str], others: Sequence[Sequence[str]]) -> bool:
    """Whether candidate is `main` (words left out, no verb among them) with one run of `main` between two
    content words replaced by what another source says between the same two words, with no verb in either."""
    stops = stop_words("english")
    lowered = [t.lower() for t in candidate]
    main_lowered = [t.lower() for t in main]

    def anchor(token: str) -> bool:
        return token[0].isalnum() and token not in stops

    for i in range(1, len(lowered) - 1):
        if not anchor(lowered[i - 1]):
            continue
        for j in range(i + 1, len(lowered)):
            if not anchor(lowered[j]):
                continue
            inserted = lowered[i:j]
            if has_verb(inserted) or not any(_contiguous(lowered[i - 1 : j + 1], o) for o in others):
                continue
            head_end = next((a for a in range(len(main_lowered)) if main_lowered[a] == lowered[i - 1]
                             and dropped_spans(lowered[:i], main_lowered[: a + 1]) is not None), None)  # fmt: skip
            head = dropped_spans(lowered[:i], main_lowered[: head_end + 1]) if head_end is not None else None
            if head_end is None or head is None or any(has_verb(span) for span in head):
                continue
            for b in range(len(main_lowered) - 1, head_end + 1, -1):
                if main_lowered[b] != lowered[j] or has_verb(main_lowered[head_end + 1 : b]):
                    continue
                tail = dropped_spans(lowered[j:], main_lowered[b:])
                if tail is not None and not any(has_verb(span) for span in tail):
                    return True
    return False


def structure_reason(candidate: str, main: str, others: Sequence[str] = ()) -> str | None:
    """A word-graph fusion keeps the main sentence's structure: it leaves out words (never a verb) and
    at most swaps one run between two content words for another outlet's wording of it.

    The graph can jump between two mentions of one word ("they were in [Iranian waters while
    the UK insists they were operating] in Iraqi waters") and reverse what the sentence says;
    a dropped run with a verb in it is such a jump, or a clause that changes the meaning. A
    swap needs content words on both sides, so nothing is tacked onto the end ("won stage 13
    of the Tour de France [general classification]").
    """
    tokens, main_tokens = word_tokens(candidate), word_tokens(main)
    spans = dropped_spans(tokens, main_tokens)
    if spans is not None:
        return "leaves out a verb" if any(has_verb(span) for span in spans) else None
    if _substitution(tokens, main_tokens, [[t.lower() for t in word_tokens(o)] for o in others]):
        return None
    return "not the main sentence with words left out or one wording swapped"


def grammar_reason(candidate: str, sources: Sequence[str], model: TrigramModel | None) -> str | None:
    """Link Grammar's verdict where installed (it must parse completely, subjects as in one source), else the trigram model's."""
    parser = grammar.link_parser()
    if parser is not None:
        parse = parser.parse(candidate)
        if parse is None:
            return "does not parse"
        if not grammar.subjects_from_one_source(parse, [[t.lower() for t in word_tokens(s)] for s in sources]):
            return "subject and verb from different sources"
        return None
    if not subject_and_verb_from_one_source(candidate, sources):
        return "subject and verb from different sources"
    if model is not None and model.per_token(candidate) < max(model.per_token(s) for s in sources):
        return "reads worse than its best source"
    return None


def grammar_check_name() -> str:
    """The grammar check this process applies to rewrites (for the digest's stats)."""
    parser = grammar.link_parser()
    return parser.name if parser is not None else "trigram model of the cluster"
