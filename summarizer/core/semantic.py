"""Meaning beyond shared words: sentence vectors from static token embeddings, an optional extra.

The vectors come from WordLlama (`pip install 'summarizer[semantic]'`): 256-dimension token embeddings
shipped inside its wheel, averaged over a text. It is loaded from its own package folder with downloads
turned off, once per process, and only when something asks for meaning: a semantic similarity, or the
differences step where the extra is installed (a fact told in other words is not left out; ~0.4 s to load), so
`digest --no-differences` starts as fast without it. Its code is MIT; its weights are distilled from the Llama 2 and Phi-3 embedding tables, which is
why it is an extra the user installs, not a dependency the tool ships (docs/digest.md, "Meaning beyond shared words").

Averaged embeddings of news texts share a large common direction (any two sentences score 0.3 to 0.6), so
the vectors of one input (20 rows or more) are centred on their mean before cosines are taken: what is left
is what sets a sentence apart from the others of its input.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Any

import numpy as np

from ..errors import OptionsError

__all__ = ["SEMANTIC_EXTRA", "MissingExtra", "available", "centred", "require_installed", "text_vectors"]

SEMANTIC_EXTRA = "semantic"


class MissingExtra(OptionsError):
    """A setting needs an optional part that is not installed; the message names the extra."""

    def __init__(self, message: str = "") -> None:  # the message travels when a worker process raises it
        super().__init__(message or f"the semantic similarity needs the optional extra '{SEMANTIC_EXTRA}' "
                         f"(WordLlama): pip install 'summarizer[{SEMANTIC_EXTRA}]'")  # fmt: skip


@functools.lru_cache(maxsize=1)
def _model() -> Any:
    try:
        import wordllama
        from wordllama import WordLlama
    except ImportError:
        raise MissingExtra() from None
    # Its default looks for the tokenizer in the wrong folder and then downloads; its own folder has everything.
    return WordLlama.load(cache_dir=os.path.dirname(wordllama.__file__), disable_download=True)


def available() -> bool:
    """Whether the semantic extra is installed (without loading it)."""
    import importlib.util

    return importlib.util.find_spec("wordllama") is not None


def require_installed() -> None:
    """A missing extra as one error before any work (options call it when they are made; nothing is loaded)."""
    if not available():
        raise MissingExtra()


def text_vectors(texts: Sequence[str]) -> np.ndarray:
    """Unit-length float64 vectors of texts (one row each; an empty text gives a zero row)."""
    if not texts:
        return np.zeros((0, 0))
    # Each text once: copies and versions of an article repeat most sentences (a text's vector does not depend
    # on the others embedded with it).
    unique = list(dict.fromkeys(texts))
    pieces = _word_pieces()
    embedded = pieces.embed(unique) if pieces is not None else _model().embed(unique, norm=False)
    vectors = np.asarray(embedded, dtype=np.float64)
    if len(unique) < len(texts):
        row = {text: k for k, text in enumerate(unique)}
        vectors = vectors[[row[text] for text in texts]]
    return _unit_rows(vectors)


# WordLlama's tokenizer (Llama's BPE) takes a whole text as one word ("▁" put before it and for every space, no
# pre-tokenizer), so each text is merged from its characters up: most of the meaning vectors' CPU. A token of its
# vocabulary has a "▁" only first, or is "▁" alone repeated, so no merge joins across a "▁" that follows another
# character: a text with no two "▁" in a row has its pieces' tokens, each piece from one "▁" to the next, and a
# piece (a word and the space before it) is merged once. A text with a run of them goes to the tokenizer whole.
SPACE = "\u2581"
BATCH = 64  # texts pooled at a time, as WordLlama.embed pools them
PIECES_KEPT = 200_000  # pieces remembered per process (a few tens of MB: a day's vocabulary); then forgotten


class _WordPieces:
    """WordLlama's embed, its tokenizer's merges done once per piece of text."""

    def __init__(self, model: Any, specials: list[str]) -> None:
        self.model = model
        self.specials = specials  # added tokens matched in the raw text: such a text goes to the tokenizer whole
        self.tokens: dict[str, list[int]] = {}

    def ids(self, text: str) -> list[int]:
        if not text:  # nothing to put "▁" before
            return []
        if SPACE in text or text.startswith(" ") or "  " in text or any(s in text for s in self.specials):
            return list(self.model.tokenizer.encode(text, add_special_tokens=False).ids)
        found: list[int] = []
        for piece in text.replace(" ", SPACE).split(SPACE):
            tokens = self.tokens.get(piece)
            if tokens is None:
                if len(self.tokens) >= PIECES_KEPT:
                    self.tokens.clear()
                tokens = self.tokens[piece] = [t.id for t in self.model.tokenizer.model.tokenize(SPACE + piece)]
            found.extend(tokens)
        return found

    def embed(self, texts: list[str]) -> np.ndarray:
        """Rows as `WordLlama.embed(texts, norm=False)` gives them, bit for bit. Texts of like lengths are pooled
        together (WordLlama pads a batch to its longest text: a third of the work, where lengths vary): a row's sum
        runs over its own tokens in order and then its padding's zeros, which add nothing, whatever else is in its
        batch (checked bit for bit on 20,619 sentences of a day and on texts pooled alone)."""
        table = self.model.embedding
        rows = [self.ids(text) for text in texts]
        by_length = sorted(range(len(texts)), key=lambda k: len(rows[k]))  # stable: ties in the texts' order
        pooled = np.empty((len(texts), table.shape[1]), dtype=np.float32)
        for start in range(0, len(texts), BATCH):
            batch = by_length[start : start + BATCH]
            longest = max(len(rows[k]) for k in batch)
            ids = np.zeros((len(batch), longest), dtype=np.int32)  # padded with 0, as its tokenizer pads
            mask = np.zeros((len(batch), longest), dtype=np.float32)
            for position, k in enumerate(batch):
                ids[position, : len(rows[k])] = rows[k]
                mask[position, : len(rows[k])] = 1.0
            np.clip(ids, 0, table.shape[0] - 1, out=ids)
            pooled[batch] = self.model.avg_pool(table[ids], mask)
        return pooled


@functools.lru_cache(maxsize=1)
def _word_pieces() -> _WordPieces | None:
    """The model's embed by pieces when its tokenizer is the one the reasoning above holds for; else None (then
    WordLlama's own embed: another version of it could tokenize otherwise)."""
    import json

    model = _model()
    config = json.loads(model.tokenizer.to_str())
    normalizers = (config.get("normalizer") or {}).get("normalizers")
    expected = [
        {"type": "Prepend", "prepend": SPACE},
        {"type": "Replace", "pattern": {"String": " "}, "content": SPACE},
    ]
    bpe = config.get("model") or {}
    if (normalizers != expected or config.get("pre_tokenizer") is not None or bpe.get("type") != "BPE"
            or bpe.get("dropout") is not None or getattr(model, "binary", True)
            or any(SPACE in token[1:] and token.strip(SPACE) for token in bpe.get("vocab", {}))):  # fmt: skip
        return None
    return _WordPieces(model, [added["content"] for added in config.get("added_tokens", [])])


CENTRE_FROM = 20  # fewer rows than this have no mean worth taking out (three rows centred all point apart)


def centred(vectors: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Rows minus their mean, at unit length: cosines then say what sets each apart from the others. Below
    CENTRE_FROM rows, the rows as they are. `weights` (one per row, default 1) weigh the rows in the mean, and a
    row of weight 0 does not count towards CENTRE_FROM (another version's wording of a sentence, say)."""
    if weights is None:
        weights = np.ones(len(vectors))
    if int((weights > 0).sum()) < CENTRE_FROM:
        return vectors
    mean = (weights @ vectors) / weights.sum()
    return _unit_rows(vectors - mean[np.newaxis, :])


def _unit_rows(vectors: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    return np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 1e-12)
