"""Token strings to small integer ids, for counting n-grams and filling LCS tables."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

ID_BITS = 20  # n-grams pack ids in 20-bit fields (see rouge.ngram_grams)
MAX_IDS = (1 << ID_BITS) - 100_000


class Encoder:
    """Gives each distinct token the next id; ids agree for everything one encoder saw."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    @property
    def full(self) -> bool:
        """True when the ids no longer fit the n-gram packing; start a new encoder."""
        return len(self.ids) > MAX_IDS

    def encode(self, tokens: Sequence[str]) -> np.ndarray:
        ids = self.ids
        return np.fromiter((ids.setdefault(t, len(ids)) for t in tokens), dtype=np.int64, count=len(tokens))

    def flat(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        """All sentences as one id array, with the offset where each starts (and the end)."""
        starts = np.zeros(len(sentences) + 1, dtype=np.int64)
        np.cumsum([len(s) for s in sentences], out=starts[1:])
        return self.encode([t for s in sentences for t in s]), starts

    def counts(self, tokens: Sequence[str]) -> np.ndarray:
        """How often each id occurs among the tokens."""
        return np.bincount(self.encode(tokens), minlength=len(self.ids) + 1).astype(np.int64)
