"""Named summarization systems behind one interface, for comparisons.

A system takes a cluster's documents (and, for the oracle only, its
references) and a budget, and returns its summary as a list of sentences.
Every system sees the same cleaned, segmented sentences, so a comparison
measures ranking and selection, not cleaning; every system fills its budget
the same way (in its own rank order, skipping a sentence that does not fit).

    textrank            ours, the default digest (TF-IDF cosine edges, MMR)
    textrank-overlap    ours with the TextRank paper's overlap edges
    textrank-bm25       ours with BM25 edges
    textrank-semantic   ours with edges of meaning (centred WordLlama cosines; the 'semantic' extra)
    textrank-hybrid     ours with half TF-IDF, half meaning edges (the 'semantic' extra)
    textrank-coverage   ours with the coverage objective instead of MMR
    lexrank             ours as plain LexRank: cosine edges, no lead prior
    textrank-abstractive  ours in abstractive mode (fused and compressed sentences)
    sumy-textrank, sumy-lexrank, sumy-lsa, sumy-luhn, sumy-kl, sumy-sumbasic
                        sumy's summarizers, run offline through our splitter
    lead                the first sentences of the most recent article
    random              sentences in a random order (seeded per cluster)
    oracle              greedy ROUGE-1 + ROUGE-2 recall against the references: an upper bound
"""

from __future__ import annotations

import itertools
import random as random_module
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..core.clean import clean
from ..core.options import DigestOptions
from ..core.segment import segment, split_sentences
from ..documents import Budget, Document, Unit
from ..errors import OptionsError
from ..text import stemmer

SystemFunction = Callable[..., list[str]]


@dataclass(frozen=True)
class System:
    name: str
    run: SystemFunction  # run(documents, *, budget, references, cluster_id[, query]) -> sentences
    needs_references: bool = False
    uses_query: bool = False  # focuses on the cluster's topic statement when it has one

    def __call__(
        self,
        documents: Sequence[Document],
        *,
        budget: Budget,
        references: Sequence[str] = (),
        cluster_id: str = "",
        query: str | None = None,
    ) -> list[str]:
        extra = {"query": query} if self.uses_query and query else {}
        return self.run(documents, budget=budget, references=references, cluster_id=cluster_id, **extra)


def _units(documents: Sequence[Document]) -> list[Unit]:
    stem = stemmer("english")
    return [u for i, d in enumerate(documents) for u in segment(clean(d), i, stem=stem)]


def _candidates(documents: Sequence[Document]) -> list[Unit]:
    units = _units(documents)
    eligible = [u for u in units if u.eligible]
    return eligible or units


# --------------------------------------------------------------------------
# Ours


def _ours(**overrides: Any) -> SystemFunction:
    def run(documents, *, budget: Budget, references=(), cluster_id="", query: str | None = None) -> list[str]:
        from ..digest import summarize  # the pipeline is loaded by the workers that run it

        options = DigestOptions(words=budget.words, sentences=budget.sentences, language="english", query=query,
                                **overrides)  # fmt: skip
        return [s.text for s in summarize(documents, options=options, jobs=1).sentences]

    return run


# --------------------------------------------------------------------------
# sumy


class OfflineSumyTokenizer:
    """sumy's tokenizer interface on our offline Punkt and NLTK's data-free word tokenizer."""

    language = "english"

    def __init__(self):
        from nltk.tokenize import NLTKWordTokenizer

        self._words = NLTKWordTokenizer()

    def to_sentences(self, paragraph: str):
        return tuple(split_sentences(paragraph))

    def to_words(self, sentence: str):
        return tuple(w for w in self._words.tokenize(sentence) if any(c.isalnum() for c in w))


SUMY = ("textrank", "lexrank", "lsa", "luhn", "kl", "sumbasic")


def _sumy(name: str) -> SystemFunction:
    def run(documents, *, budget: Budget, references=(), cluster_id="") -> list[str]:
        from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
        from sumy.nlp.stemmers import Stemmer
        from sumy.summarizers.kl import KLSummarizer
        from sumy.summarizers.lex_rank import LexRankSummarizer
        from sumy.summarizers.lsa import LsaSummarizer
        from sumy.summarizers.luhn import LuhnSummarizer
        from sumy.summarizers.sum_basic import SumBasicSummarizer
        from sumy.summarizers.text_rank import TextRankSummarizer
        from sumy.utils import get_stop_words

        class DeterministicLsa(LsaSummarizer):
            """sumy's LSA numbers the words in set order, which changes with PYTHONHASHSEED and
            with it the SVD's last bits and the ranking of near ties; sorted words fix the order."""

            def _create_dictionary(self, document):
                words = map(self.normalize_word, document.words)
                unique = sorted({self.stem_word(w) for w in words if w not in self._stop_words})
                return {w: i for i, w in enumerate(unique)}

        classes = {
            "textrank": TextRankSummarizer,
            "lexrank": LexRankSummarizer,
            "lsa": DeterministicLsa,
            "luhn": LuhnSummarizer,
            "kl": KLSummarizer,
            "sumbasic": SumBasicSummarizer,
        }
        tokenizer = OfflineSumyTokenizer()
        units = _candidates(documents)
        paragraphs = []
        for doc_order in sorted({u.doc_order for u in units}):
            paragraphs.append(Paragraph([Sentence(u.text, tokenizer) for u in units if u.doc_order == doc_order]))
        document = ObjectDocumentModel(paragraphs)
        summarizer = classes[name](Stemmer("english"))
        summarizer.stop_words = get_stop_words("english")
        return budget.fill(_sumy_ranking(summarizer, document))

    return run


def _sumy_ranking(summarizer, document) -> list[str]:
    """All sentences in sumy's rank order (it only returns its pick in document order).

    sumy hands its ratings to `_get_best_sentences`: a dict, or a function that
    some summarizers (LSA) can only call once per sentence, in document order.
    """
    captured: dict = {}

    def capture(sentences, count, rating, *args, **kwargs):
        sentences = list(sentences)
        if isinstance(rating, dict):
            captured["ratings"] = [rating[s] for s in sentences]
        else:
            captured["ratings"] = [rating(s, *args, **kwargs) for s in sentences]
        captured["sentences"] = sentences
        return tuple(sentences[:1])

    original = summarizer._get_best_sentences
    summarizer._get_best_sentences = capture
    try:
        summarizer(document, 1)
    finally:
        summarizer._get_best_sentences = original
    sentences, ratings = captured.get("sentences", []), captured.get("ratings", [])
    order = sorted(range(len(sentences)), key=lambda i: (-ratings[i], i))
    return [str(sentences[i]) for i in order]


# --------------------------------------------------------------------------
# Baselines and the oracle

_DATE_IN_TEXT = re.compile(
    r"(January|February|March|April|May|June|July|August|September|October|November|December)\s+(\d{1,2}),\s+(\d{4})"
)


def _document_date(document: Document) -> str:
    """ISO date from the document's date or a 'Month D, YYYY' in its title; '' when unknown."""
    if document.date:
        return document.date
    match = _DATE_IN_TEXT.search(document.title or "")
    if match:
        return datetime.strptime(" ".join(match.groups()), "%B %d %Y").strftime("%Y-%m-%d")
    return ""


def _lead(documents, *, budget: Budget, references=(), cluster_id="") -> list[str]:
    units = _candidates(documents)
    if not units:
        return []
    # The most recent article; the last given when dates are unknown or tied.
    latest = max(range(len(documents)), key=lambda i: (_document_date(documents[i]), i))
    chosen = [u.text for u in units if u.doc_order == latest]
    return budget.fill(chosen) or budget.fill([u.text for u in units])


def _random(documents, *, budget: Budget, references=(), cluster_id="", seed: int = 0) -> list[str]:
    texts = [u.text for u in _candidates(documents)]
    random_module.Random(f"{seed}:{cluster_id}").shuffle(texts)
    return budget.fill(texts)


def _oracle(documents, *, budget: Budget, references=(), cluster_id="") -> list[str]:
    """Greedy selection maximising ROUGE-1 + ROUGE-2 recall, pooled over the references.

    Gains are computed per sentence (bigrams across a sentence boundary are
    left out), so this is the usual greedy approximation of the upper bound.
    """
    from collections import Counter

    from ..evaluation.rouge import Preparer, RougeSettings  # only the oracle scores while it summarises

    if not references:
        raise OptionsError("the oracle needs reference summaries")
    prepare = Preparer(RougeSettings(stem=True))
    candidates = [u.text for u in _candidates(documents)]
    reference_tokens = [prepare(r).tokens for r in references]
    reference_unigrams = [Counter(t) for t in reference_tokens]
    reference_bigrams = [Counter(itertools.pairwise(t)) for t in reference_tokens]
    total_1 = max(sum(sum(c.values()) for c in reference_unigrams), 1)
    total_2 = max(sum(sum(c.values()) for c in reference_bigrams), 1)
    grams = []
    for text in candidates:
        tokens = prepare([text]).tokens
        grams.append((Counter(tokens), Counter(itertools.pairwise(tokens))))
    current_1: Counter = Counter()
    current_2: Counter = Counter()

    def gain(unigrams: Counter, bigrams: Counter) -> float:
        value = 0.0
        for current, mine, refs, total in (
            (current_1, unigrams, reference_unigrams, total_1),
            (current_2, bigrams, reference_bigrams, total_2),
        ):
            hits = 0
            for gram, count in mine.items():
                have = current[gram]
                for ref in refs:
                    wanted = ref.get(gram, 0)
                    if wanted > have:
                        hits += min(have + count, wanted) - have
            value += hits / total
        return value

    chosen: list[int] = []
    used = 0
    while budget.sentences is None or len(chosen) < budget.sentences:
        best, best_gain = None, 1e-12
        for i, (unigrams, bigrams) in enumerate(grams):
            if i in chosen:
                continue
            n = len(candidates[i].split())
            if budget.words is not None and used + n > budget.words:
                continue
            value = gain(unigrams, bigrams)
            if value > best_gain:
                best, best_gain = i, value
        if best is None:
            break
        chosen.append(best)
        current_1.update(grams[best][0])
        current_2.update(grams[best][1])
        used += len(candidates[best].split())
    return [candidates[i] for i in sorted(chosen)]


SYSTEMS: dict[str, System] = {
    "textrank": System("textrank", _ours(), uses_query=True),
    "textrank-overlap": System("textrank-overlap", _ours(similarity="overlap"), uses_query=True),
    "textrank-bm25": System("textrank-bm25", _ours(similarity="bm25"), uses_query=True),
    "textrank-semantic": System("textrank-semantic", _ours(similarity="semantic"), uses_query=True),
    "textrank-hybrid": System("textrank-hybrid", _ours(similarity="hybrid"), uses_query=True),
    "textrank-coverage": System("textrank-coverage", _ours(selection="coverage"), uses_query=True),
    "lexrank": System("lexrank", _ours(similarity="cosine", position_prior=0.0), uses_query=True),
    "textrank-abstractive": System("textrank-abstractive", _ours(mode="abstractive"), uses_query=True),
    **{f"sumy-{name}": System(f"sumy-{name}", _sumy(name)) for name in SUMY},
    "lead": System("lead", _lead),
    "random": System("random", _random),
    "oracle": System("oracle", _oracle, needs_references=True),
}


def system_names() -> list[str]:
    return list(SYSTEMS)


def get_system(name: str) -> System:
    """The system of that name (see the module docstring)."""
    try:
        return SYSTEMS[name]
    except KeyError:
        raise OptionsError(f"unknown system {name!r}; choose from {', '.join(SYSTEMS)}") from None


def check_systems(names: Sequence[str], *, have_references: bool) -> None:
    """Fail before any work when a name is unknown or a system needs references there are not."""
    for name in names:
        if get_system(name).needs_references and not have_references:
            raise OptionsError(f"the {name} system needs reference summaries; plain articles have none")
