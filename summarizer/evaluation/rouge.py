"""ROUGE scores of one summary against its references.

Metrics (canonical names; docs/evaluation.md has the table):
  rouge-N        clipped n-gram co-occurrence (N >= 1)
  rouge-l        summary-level union LCS: ROUGE-1.5.5's ROUGE-L, rouge-score's rougeLsum
  rouge-l-text   one LCS over the whole text: rouge-score's rougeL
  rouge-w        weighted union LCS (ROUGE-1.5.5 -w, weight 1.2 by default)
  rouge-sD       skip-bigrams at most D tokens apart (rouge-s* : no limit)
  rouge-suD      the same plus unigrams (rouge-su4 is ROUGE-SU4)

Two compatibility modes decide tokenization, stemming, reference policy,
rounding and F:
  rouge155     reproduces ROUGE-1.5.5 (see docs/evaluation.md)
  rouge-score  reproduces Google's rouge-score package
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

from ..errors import OptionsError
from ..resources import smart_stop_words
from ..text import stemmer, stop_words
from ..version import __version__
from .encoding import ID_BITS, Encoder
from .lcs import LcsCounter
from .stemming import nltk_porter_stemmer, rouge155_stemmer
from .tokenize import TokenizedText, prepare_rouge155, prepare_rouge_score, prepare_unicode

COMPAT_MODES = ("rouge155", "rouge-score")
POLICIES = ("pooled", "best", "max-f")
TOKENIZERS = ("default", "unicode")
ROUGE_SCORE_VERSION = "0.1.2"

_ALIASES = {"rougel": "rouge-l-text", "rougelsum": "rouge-l", "rouge-lsum": "rouge-l"}


@dataclass(frozen=True)
class Metric:
    name: str  # canonical
    kind: str  # n, l, l-text, w, s
    n: int = 0
    skip: int = -1  # skip distance; -1 means no limit
    unigrams: bool = False


def parse_metric(text: str, *, weight: float = 1.2) -> Metric:
    """A metric from its name: rouge-2, rouge2, rouge-l, rougeLsum, rouge-su4, rouge-s*, rouge-w."""
    key = text.strip().lower()
    key = _ALIASES.get(key, key)
    match = re.fullmatch(r"rouge-?(\d+)", key)
    if match and int(match.group(1)) >= 1:
        return Metric(f"rouge-{int(match.group(1))}", "n", n=int(match.group(1)))
    if key == "rouge-l":
        return Metric("rouge-l", "l")
    if key == "rouge-l-text":
        return Metric("rouge-l-text", "l-text")
    match = re.fullmatch(r"rouge-w(?:-([\d.]+))?", key)
    if match:
        return Metric(f"rouge-w-{float(match.group(1) or weight):g}", "w")
    match = re.fullmatch(r"rouge-(su|s)(\d+|\*)", key)
    if match:
        skip = -1 if match.group(2) == "*" else int(match.group(2))
        return Metric(f"rouge-{match.group(1)}{match.group(2)}", "s", skip=skip, unigrams=match.group(1) == "su")
    raise OptionsError(
        f"unknown metric {text!r}; use rouge-N, rouge-l, rouge-l-text, rouge-w, rouge-sD, rouge-suD, rouge-s*, rouge-su*"
    )


@dataclass(frozen=True)
class RougeSettings:
    """Every setting that changes a ROUGE number."""

    compat: str = "rouge155"
    metrics: tuple[str, ...] = ("rouge-1", "rouge-2", "rouge-l", "rouge-su4")
    stem: bool = False
    stopwords: bool = False
    max_words: int | None = None
    max_bytes: int | None = None
    multi_ref: str | None = None  # None: the mode's own (pooled for rouge155, max-f for rouge-score)
    alpha: float = 0.5
    tokenizer: str = "default"
    weight: float = 1.2
    confidence: float = 95.0
    resamples: int = 1000
    language: str = "english"

    def __post_init__(self) -> None:
        if self.compat not in COMPAT_MODES:
            raise OptionsError(f"unknown compatibility mode {self.compat!r}; choose rouge155 or rouge-score")
        if self.multi_ref is not None and self.multi_ref not in POLICIES:
            raise OptionsError(f"unknown reference policy {self.multi_ref!r}; choose pooled, best or max-f")
        if self.tokenizer not in TOKENIZERS:
            raise OptionsError(f"unknown tokenizer {self.tokenizer!r}; choose default or unicode")
        if not 0 <= self.alpha <= 1:
            raise OptionsError(f"alpha must be between 0 and 1, not {self.alpha}")
        if self.max_words is not None and self.max_bytes is not None:
            raise OptionsError("give a word limit or a byte limit, not both")
        for limit in (self.max_words, self.max_bytes):
            if limit is not None and limit < 1:
                raise OptionsError(f"length limits must be at least 1, not {limit}")
        if self.weight <= 1:
            raise OptionsError(f"the ROUGE-W weight must be above 1, not {self.weight}")
        if not 0 < self.confidence < 100:
            raise OptionsError(f"confidence must be between 0 and 100, not {self.confidence}")
        if self.resamples < 0:
            raise OptionsError(f"resamples cannot be negative ({self.resamples})")
        for name in self.metrics:
            parse_metric(name, weight=self.weight)

    @property
    def policy(self) -> str:
        return self.multi_ref or ("pooled" if self.compat == "rouge155" else "max-f")

    @property
    def parsed_metrics(self) -> tuple[Metric, ...]:
        return tuple(parse_metric(m, weight=self.weight) for m in self.metrics)

    @property
    def rounds(self) -> bool:
        return self.compat == "rouge155"

    def signature(self) -> str:
        """Every setting that changed the numbers, in the manner of sacrebleu."""
        if self.compat == "rouge155":
            stem = "porter+wordnet" if self.stem else "no"
            version = "1.5.5"
        else:
            stem = "nltk-porter" if self.stem else "no"
            version = ROUGE_SCORE_VERSION
        if self.tokenizer == "unicode":
            stem = f"snowball-{self.language}" if self.stem else "no"
        truncation = f"w{self.max_words}" if self.max_words else f"b{self.max_bytes}" if self.max_bytes else "none"
        parts = [
            f"mode:{self.compat}",
            f"v:{version}",
            "metrics:" + ",".join(m.name for m in self.parsed_metrics),
            f"tok:{'unicode' if self.tokenizer == 'unicode' else self.compat}",
            f"stem:{stem}",
            f"stop:{'smart' if self.stopwords else 'no'}",
            f"trunc:{truncation}",
            f"refs:{self.policy}",
            f"alpha:{self.alpha:g}",
            f"round:{'5' if self.rounds else 'no'}",
        ]
        if any(m.kind == "w" for m in self.parsed_metrics):
            parts.append(f"w:{self.weight:g}")
        if self.resamples:
            parts.append(f"boot:{self.resamples}@{self.confidence:g}")
        parts.append(f"summarizer:{__version__}")
        return "|".join(parts)


@dataclass(frozen=True)
class Score:
    recall: float
    precision: float
    f: float

    def as_dict(self) -> dict[str, float]:
        return {"recall": self.recall, "precision": self.precision, "f": self.f}


@dataclass(frozen=True)
class PairResult:
    scores: dict[str, Score]
    notes: tuple[str, ...] = ()


# --------------------------------------------------------------------------
# Preparation


class Preparer:
    """Tokenizes texts for one settings object (stemmer and stop words loaded once)."""

    def __init__(self, settings: RougeSettings):
        self.settings = settings
        if settings.tokenizer == "unicode":
            self._stem = stemmer(settings.language) if settings.stem else None
            self._stops = stop_words(settings.language) if settings.stopwords else frozenset()
        elif settings.compat == "rouge155":
            self._stem = rouge155_stemmer() if settings.stem else None
            self._stops = smart_stop_words() if settings.stopwords else frozenset()
        else:
            self._stem = nltk_porter_stemmer() if settings.stem else None
            self._stops = frozenset()
            if settings.stopwords or settings.max_words or settings.max_bytes:
                raise OptionsError("rouge-score mode has no stop-word removal or truncation; use --compat rouge155")

    def __call__(self, text: str | Sequence[str]) -> TokenizedText:
        s = self.settings
        if s.tokenizer == "unicode":
            return prepare_unicode(
                text, stem=self._stem, stop_words=self._stops, max_words=s.max_words, max_bytes=s.max_bytes
            )
        if s.compat == "rouge155":
            return prepare_rouge155(
                text, stem=self._stem, stop_words=self._stops, max_words=s.max_words, max_bytes=s.max_bytes
            )
        return prepare_rouge_score(text, stem=self._stem)


# --------------------------------------------------------------------------
# Counting, on integer token ids
#
# n-grams and skip-bigrams become int64 codes (ids packed in 20-bit fields),
# counted with numpy; clipped hits are the sum of min(count) over the codes
# both texts have. Counts are exact, as with Python Counters, only faster.

MAX_PACKED_N = 3  # 3 x 20 bits fit in an int64; longer n-grams use tuples
_SKIP_OFFSET = np.int64(1) << np.int64(2 * ID_BITS + 1)


@dataclass(frozen=True)
class Grams:
    """A multiset of n-grams: sorted unique codes and their counts."""

    keys: np.ndarray
    counts: np.ndarray

    @property
    def total(self) -> int:
        return int(self.counts.sum())


def _grams(codes: np.ndarray) -> Grams:
    keys, counts = np.unique(codes, return_counts=True)
    return Grams(keys, counts)


def ngram_grams(ids: np.ndarray, n: int) -> Grams:
    """n-grams for n <= MAX_PACKED_N, as packed codes."""
    if len(ids) < n:
        return Grams(np.zeros(0, np.int64), np.zeros(0, np.int64))
    codes = np.zeros(len(ids) - n + 1, dtype=np.int64)
    for k in range(n):
        codes = (codes << np.int64(ID_BITS)) | ids[k : len(ids) - n + 1 + k]
    return _grams(codes)


def skip_grams(ids: np.ndarray, skip: int, unigrams: bool) -> Grams:
    """ROUGE-1.5.5's skip-bigrams (at most `skip` tokens between), plus unigrams
    of every token but the last when `unigrams` (the Perl's loop never counts it)."""
    length = len(ids)
    parts = []
    if unigrams and length > 1:
        parts.append(ids[: length - 1])
    widest = length - 1 if skip < 0 else min(skip + 1, length - 1)
    for offset in range(1, widest + 1):
        parts.append(_SKIP_OFFSET + ((ids[: length - offset] << np.int64(ID_BITS)) | ids[offset:]))
    if not parts:
        return Grams(np.zeros(0, np.int64), np.zeros(0, np.int64))
    return _grams(np.concatenate(parts))


def clipped_hits(model: Grams, peer: Grams) -> int:
    _, in_model, in_peer = np.intersect1d(model.keys, peer.keys, assume_unique=True, return_indices=True)
    return int(np.minimum(model.counts[in_model], peer.counts[in_peer]).sum())


@dataclass
class _Counts:
    """What one reference contributes: hits and the two denominators."""

    hits: float
    model: float
    peer: float
    choice: float  # ROUGE-1.5.5's -f B ranks references by this


def _round5(value: float) -> float:
    return float(f"{value:.5f}")


def _f(precision: float, recall: float, alpha: float, compat: str) -> float:
    if compat == "rouge-score" and alpha == 0.5:
        return 2 * precision * recall / (precision + recall) if precision + recall > 0 else 0.0
    denominator = (1 - alpha) * precision + alpha * recall
    return precision * recall / denominator if denominator > 0 else 0.0


# --------------------------------------------------------------------------
# Scoring


class Scorer:
    """Scores summaries against references under one RougeSettings."""

    def __init__(self, settings: RougeSettings | None = None):
        self.settings = settings or RougeSettings()
        self.metrics = self.settings.parsed_metrics
        self.prepare = Preparer(self.settings)
        self.encoder = Encoder()
        self.lcs = LcsCounter()

    def score(self, summary: str | Sequence[str], references: Sequence[str | Sequence[str]]) -> PairResult:
        """Scores of one summary against one or more references (a string is one reference)."""
        if isinstance(references, str):
            references = [references]
        if not references:
            raise OptionsError("at least one reference is needed")
        peer = self.prepare(summary)
        models = [self.prepare(r) for r in references]
        return self.score_prepared(peer, models)

    def score_prepared(self, peer: TokenizedText, models: Sequence[TokenizedText]) -> PairResult:
        notes: list[str] = []
        if not peer.tokens:
            notes.append("the summary has no tokens; every score is 0")
        for number, model in enumerate(models, start=1):
            if not model.tokens:
                notes.append(f"reference {number} has no tokens")
        if self.encoder.full:
            self.encoder = Encoder()  # only ids within one pair must agree
        encode = self.encoder.encode
        peer_ids = encode(peer.tokens)
        model_ids = [encode(model.tokens) for model in models]
        cache: dict = {}
        scores: dict[str, Score] = {}
        for metric in self.metrics:
            per_model = [
                self._counts(metric, peer, peer_ids, model, ids, cache, notes) for model, ids in zip(models, model_ids)
            ]
            scores[metric.name] = self._combine(metric, per_model)
        return PairResult(scores, tuple(dict.fromkeys(notes)))

    # One reference ---------------------------------------------------------

    def _grams_of(self, metric: Metric, ids: np.ndarray):
        if metric.kind == "n":
            return ngram_grams(ids, metric.n)
        return skip_grams(ids, metric.skip, metric.unigrams)

    def _counts(
        self, metric: Metric, peer: TokenizedText, peer_ids, model: TokenizedText, model_ids, cache, notes
    ) -> _Counts:
        s = self.settings
        if metric.kind in ("n", "s"):
            if metric.kind == "n" and metric.n > MAX_PACKED_N:
                return self._long_gram_counts(metric.n, peer, model)
            key = (metric.kind, metric.n, metric.skip, metric.unigrams)
            if key not in cache:
                cache[key] = self._grams_of(metric, peer_ids)
            return self._gram_counts(self._grams_of(metric, model_ids), cache[key])
        if metric.kind == "l-text":
            length = self.lcs.lcs_length(model_ids, peer_ids)
            return _Counts(
                length, len(model.tokens), len(peer.tokens), length / len(model.tokens) if model.tokens else 0
            )
        # Union LCS (rouge-l) and weighted union LCS (rouge-w).
        weighted = metric.kind == "w"
        rouge_score_clipping = s.compat == "rouge-score" and s.tokenizer == "default"
        if rouge_score_clipping:
            assert model.sentence_tokens_for_clipping is not None and peer.sentence_tokens_for_clipping is not None
            model_clip, peer_clip = model.sentence_tokens_for_clipping, peer.sentence_tokens_for_clipping
        else:
            model_clip, peer_clip = model.tokens, peer.tokens
        if "lcs" not in cache:  # one encoder per pair: the peer is encoded once
            encoder = Encoder()
            cache["lcs"] = (encoder, encoder.flat(peer.sentences), encoder.counts(peer_clip))
        encoder, peer_flat, peer_counts = cache["lcs"]
        model_flat = encoder.flat(model.sentences)
        model_counts = encoder.counts(model_clip)
        hits = self.lcs.union_hits(
            model_flat, peer_flat, model_counts, peer_counts, weight=s.weight if weighted else None
        )
        if not weighted:
            base = sum(len(sentence) for sentence in model.sentences)
            if rouge_score_clipping:
                peer_total = sum(len(sentence) for sentence in peer.sentences)
                if not peer.sentences or not model.sentences or not peer_total or not base:
                    return _Counts(0, base, peer_total, 0)
                return _Counts(hits, base, peer_total, hits / base)
            return _Counts(hits, base, len(peer_clip), hits / base if base else 0)
        base = sum(len(sentence) ** s.weight for sentence in model.sentences)
        if base == 0:
            notes.append("a reference with no tokens scores 0 under ROUGE-W (ROUGE-1.5.5 stops with an error)")
            return _Counts(0.0, 0.0, float(len(peer_clip)) ** s.weight, 0.0)
        return _Counts(hits, base**s.weight, float(len(peer_clip)) ** s.weight, (hits / base) ** (1 / s.weight))

    def _long_gram_counts(self, n: int, peer: TokenizedText, model: TokenizedText) -> _Counts:
        peer_grams = Counter(zip(*(peer.tokens[k:] for k in range(n))))
        model_grams = Counter(zip(*(model.tokens[k:] for k in range(n))))
        hits = sum(min(c, peer_grams[g]) for g, c in model_grams.items() if g in peer_grams)
        model_total = sum(model_grams.values())
        return _Counts(hits, model_total, sum(peer_grams.values()), _round5(hits / model_total) if model_total else 0.0)

    def _gram_counts(self, model_grams: Grams, peer_grams: Grams) -> _Counts:
        hits = clipped_hits(model_grams, peer_grams)
        model_total = model_grams.total
        choice = _round5(hits / model_total) if model_total else 0.0
        return _Counts(hits, model_total, peer_grams.total, choice)

    # Several references ------------------------------------------------------

    def _ratio(self, metric: Metric, hits: float, total: float) -> float:
        if self.settings.compat == "rouge-score" and metric.kind == "n":
            return hits / max(total, 1)
        if not total:
            return 0.0
        ratio = hits / total
        return ratio ** (1 / self.settings.weight) if metric.kind == "w" else ratio

    def _combine(self, metric: Metric, per_model: list[_Counts]) -> Score:
        s = self.settings
        policy = s.policy
        if policy == "max-f":
            candidates = [self._finish(metric, c.hits, c.model, c.hits, c.peer) for c in per_model]
            return candidates[max(range(len(candidates)), key=lambda i: (candidates[i].f, -i))]
        if policy == "best":
            chosen, best_choice = per_model[0], per_model[0].choice
            for counts in per_model[1:]:
                if counts.choice > best_choice:
                    chosen, best_choice = counts, counts.choice
            return self._finish(metric, chosen.hits, chosen.model, chosen.hits, chosen.peer)
        hits = sum(c.hits for c in per_model)
        return self._finish(metric, hits, sum(c.model for c in per_model), hits, sum(c.peer for c in per_model))

    def _finish(self, metric: Metric, hits: float, model_total: float, peer_hits: float, peer_total: float) -> Score:
        s = self.settings
        recall = self._ratio(metric, hits, model_total)
        precision = self._ratio(metric, peer_hits, peer_total)
        if s.rounds:
            recall, precision = _round5(recall), _round5(precision)
            return Score(recall, precision, _round5(_f(precision, recall, s.alpha, s.compat)))
        return Score(recall, precision, _f(precision, recall, s.alpha, s.compat))


def score(
    summary: str | Sequence[str],
    references: Sequence[str | Sequence[str]],
    *,
    settings: RougeSettings | None = None,
    **options,
) -> PairResult:
    """ROUGE of one summary: `score(summary, [ref1, ref2], compat="rouge155", stem=True)`."""
    settings = replace(settings or RougeSettings(), **options) if options else (settings or RougeSettings())
    return Scorer(settings).score(summary, references)
