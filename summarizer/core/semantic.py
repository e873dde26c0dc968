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
    vectors = np.asarray(_model().embed(unique, norm=False), dtype=np.float64)
    if len(unique) < len(texts):
        row = {text: k for k, text in enumerate(unique)}
        vectors = vectors[[row[text] for text in texts]]
    return _unit_rows(vectors)


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
