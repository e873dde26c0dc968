"""Named summarization systems behind one interface, for comparisons.

A system takes a cluster's documents and a word budget and returns its
summary as a list of sentences. Every system sees the same cleaned,
segmented sentences, so comparisons measure ranking and selection, not
cleaning. sumy runs offline through our sentence splitter.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Sequence

from .clean import clean
from .documents import Document, DigestOptions, Unit
from .segment import segment, stemmer

System = Callable[[Sequence[Document], int], list[str]]


def _units(documents: Sequence[Document]) -> list[Unit]:
    stem = stemmer("english")
    return [u for i, d in enumerate(documents) for u in segment(clean(d), i, stem=stem)]


def _fill(ranked: Sequence[str], words: int) -> list[str]:
    """Sentences in rank order while they fit the word budget (skip, don't cut)."""
    chosen, used = [], 0
    for sentence in ranked:
        n = len(sentence.split())
        if used + n <= words:
            chosen.append(sentence)
            used += n
    return chosen


def ours(**overrides) -> System:
    from .digest import summarize

    def run(documents: Sequence[Document], words: int) -> list[str]:
        digest = summarize(documents, options=DigestOptions(words=words, **overrides))
        return [s.text for s in digest.sentences]

    return run


class _OfflineSumyTokenizer:
    """sumy's tokenizer interface on our offline Punkt and NLTK's word tokenizer."""

    language = "english"

    def __init__(self):
        from nltk.tokenize import NLTKWordTokenizer

        self._words = NLTKWordTokenizer()

    def to_sentences(self, paragraph: str):
        from .segment import split_sentences

        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str):
        return tuple(w for w in self._words.tokenize(sentence) if any(c.isalnum() for c in w))


def sumy_system(name: str) -> System:
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.summarizers.kl import KLSummarizer
    from sumy.summarizers.lex_rank import LexRankSummarizer
    from sumy.summarizers.lsa import LsaSummarizer
    from sumy.summarizers.luhn import LuhnSummarizer
    from sumy.summarizers.sum_basic import SumBasicSummarizer
    from sumy.summarizers.text_rank import TextRankSummarizer
    from sumy.utils import get_stop_words

    classes = {
        "textrank": TextRankSummarizer, "lexrank": LexRankSummarizer, "lsa": LsaSummarizer,
        "luhn": LuhnSummarizer, "kl": KLSummarizer, "sumbasic": SumBasicSummarizer,
    }
    tokenizer = _OfflineSumyTokenizer()

    def run(documents: Sequence[Document], words: int) -> list[str]:
        units = _units(documents)
        paragraphs = []
        for doc_order in sorted({u.doc_order for u in units}):
            sentences = [Sentence(u.text, tokenizer) for u in units if u.doc_order == doc_order]
            paragraphs.append(Paragraph(sentences))
        document = ObjectDocumentModel(paragraphs)
        summarizer = classes[name](Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        # sumy returns its chosen sentences in document order; capture its
        # ratings instead and fill the budget in rank order, as ours does.
        return _fill(_sumy_ranking(summarizer, document), words)

    return run


def _sumy_ranking(summarizer, document) -> list[str]:
    captured = {}
    original = summarizer._get_best_sentences

    def capture(sentences, count, rating, *args, **kwargs):
        captured["sentences"] = list(sentences)
        captured["rating"] = rating
        return original(sentences, count, rating, *args, **kwargs)

    summarizer._get_best_sentences = capture
    try:
        summarizer(document, 1)
    finally:
        summarizer._get_best_sentences = original
    sentences = captured["sentences"]
    rating = captured["rating"]
    rate = rating if callable(rating) else (lambda s: rating[s])
    order = sorted(range(len(sentences)), key=lambda i: (-rate(sentences[i]), i))
    return [str(sentences[i]) for i in order]


def lead(documents: Sequence[Document], words: int) -> list[str]:
    """The first sentences of the most recent article (the last given when undated)."""
    units = _units(documents)
    if not units:
        return []
    dated = [(d.date or "", i) for i, d in enumerate(documents)]
    latest = max(dated)[1]
    return _fill([u.text for u in units if u.doc_order == latest], words)


def get_system(name: str) -> System:
    if name == "textrank":
        return ours()
    if name.startswith("textrank-") or name in ("lexrank",):
        variants = {
            "textrank-overlap": dict(similarity="overlap"),
            "textrank-bm25": dict(similarity="bm25"),
            "textrank-coverage": dict(selection="coverage"),
            "lexrank": dict(similarity="cosine", position_prior=0.0),
        }
        if name in variants:
            return ours(**variants[name])
    if name.startswith("sumy-"):
        return sumy_system(name[len("sumy-"):])
    if name == "lead":
        return lead
    raise ValueError(f"unknown system {name!r}")
