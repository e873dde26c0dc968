"""Longest common subsequences for ROUGE-L and ROUGE-W, compiled with numba.

The union LCS walks a dynamic-programming table per pair of sentences and
backtracks one particular path (equal tokens: diagonal; otherwise up when
c[i-1][j] >= c[i][j-1], else left), exactly as ROUGE-1.5.5 and rouge-score
do: which path is taken changes which reference tokens count. Pure Python
spends most of an evaluation here, so these loops are compiled (numba,
cached on disk after the first run).

Tokens arrive as integer ids; sentences as one flat array plus offsets.
"""

from __future__ import annotations

from typing import Sequence

import numpy as np
from numba import njit


@njit(cache=True)
def _mark_union(model, a0, m, peer, peer_starts, table, moves, mask, weight, weighted):
    """Mark the model positions on the chosen LCS path with each peer sentence."""
    for p in range(len(peer_starts) - 1):
        b0 = peer_starts[p]
        n = peer_starts[p + 1] - b0
        for j in range(n + 1):
            table[0, j] = 0.0
        for i in range(1, m + 1):
            table[i, 0] = 0.0
            for j in range(1, n + 1):
                if model[a0 + i - 1] == peer[b0 + j - 1]:
                    if weighted:
                        k = moves[i - 1, j - 1] >> 2  # run length so far, stored above the move bits
                        table[i, j] = table[i - 1, j - 1] + (k + 1.0) ** weight - float(k) ** weight
                        moves[i, j] = ((k + 1) << 2) | 1
                    else:
                        table[i, j] = table[i - 1, j - 1] + 1.0
                        moves[i, j] = 1
                elif table[i - 1, j] >= table[i, j - 1]:
                    table[i, j] = table[i - 1, j]
                    moves[i, j] = 2
                else:
                    table[i, j] = table[i, j - 1]
                    moves[i, j] = 3
        i = m
        j = n
        while i != 0 and j != 0:
            move = moves[i, j] & 3
            if move == 1:
                i -= 1
                j -= 1
                mask[i] = True
            elif move == 2:
                i -= 1
            else:
                j -= 1


@njit(cache=True)
def _union_hits(model, model_starts, peer, peer_starts, model_counts, peer_counts, weight, weighted):
    longest_model = 0
    for s in range(len(model_starts) - 1):
        longest_model = max(longest_model, model_starts[s + 1] - model_starts[s])
    longest_peer = 0
    for p in range(len(peer_starts) - 1):
        longest_peer = max(longest_peer, peer_starts[p + 1] - peer_starts[p])
    table = np.zeros((longest_model + 1, longest_peer + 1))
    moves = np.zeros((longest_model + 1, longest_peer + 1), dtype=np.int64)
    hits = 0.0
    for s in range(len(model_starts) - 1):
        a0 = model_starts[s]
        m = model_starts[s + 1] - a0
        if m == 0:
            continue
        mask = np.zeros(m, dtype=np.bool_)
        for i in range(m + 1):
            moves[i, 0] = 0
        for j in range(longest_peer + 1):
            moves[0, j] = 0
        _mark_union(model, a0, m, peer, peer_starts, table, moves, mask, weight, weighted)
        run = 0
        for j in range(m):
            if mask[j]:
                token = model[a0 + j]
                if model_counts[token] > 0 and peer_counts[token] > 0:
                    if weighted:
                        # ROUGE-1.5.5 scores each run of consecutive hits as run^W.
                        run += 1
                        if j + 1 < m and not mask[j + 1]:
                            hits += float(run) ** weight
                            run = 0
                        elif j + 1 == m:
                            hits += float(run) ** weight
                            run = 0
                    else:
                        hits += 1.0
                    model_counts[token] -= 1
                    peer_counts[token] -= 1
    return hits


@njit(cache=True)
def _lcs_length(a, b):
    n = len(b)
    previous = np.zeros(n + 1, dtype=np.int64)
    current = np.zeros(n + 1, dtype=np.int64)
    for i in range(1, len(a) + 1):
        for j in range(1, n + 1):
            if a[i - 1] == b[j - 1]:
                current[j] = previous[j - 1] + 1
            elif previous[j] >= current[j - 1]:
                current[j] = previous[j]
            else:
                current[j] = current[j - 1]
        previous, current = current, previous
    return previous[n]


class Encoder:
    """Token strings to small integer ids, shared by one summary and its references."""

    def __init__(self) -> None:
        self.ids: dict[str, int] = {}

    def encode(self, tokens: Sequence[str]) -> np.ndarray:
        ids = self.ids
        return np.fromiter((ids.setdefault(t, len(ids)) for t in tokens), dtype=np.int64, count=len(tokens))

    def flat(self, sentences: Sequence[Sequence[str]]) -> tuple[np.ndarray, np.ndarray]:
        starts = np.zeros(len(sentences) + 1, dtype=np.int64)
        np.cumsum([len(s) for s in sentences], out=starts[1:])
        return self.encode([t for s in sentences for t in s]), starts

    def counts(self, tokens: Sequence[str]) -> np.ndarray:
        return np.bincount(self.encode(tokens), minlength=len(self.ids) + 1).astype(np.int64)


def union_lcs_hits(
    model: tuple[np.ndarray, np.ndarray],
    peer: tuple[np.ndarray, np.ndarray],
    model_counts: np.ndarray,
    peer_counts: np.ndarray,
    *,
    weight: float | None = None,
) -> float:
    """Clipped union-LCS hits of a model (reference) against a peer, both as sentences.

    The count arrays are consumed (copies are made here). With `weight`, the
    weighted LCS of ROUGE-W: hits are the sum of run_length ** weight.
    """
    size = max(len(model_counts), len(peer_counts))
    model_left = np.zeros(size, dtype=np.int64)
    model_left[: len(model_counts)] = model_counts
    peer_left = np.zeros(size, dtype=np.int64)
    peer_left[: len(peer_counts)] = peer_counts
    return float(
        _union_hits(model[0], model[1], peer[0], peer[1], model_left, peer_left,
                    float(weight or 1.0), weight is not None)
    )


def lcs_length(a: np.ndarray, b: np.ndarray) -> int:
    """Length of the longest common subsequence of two id sequences."""
    if len(a) == 0 or len(b) == 0:
        return 0
    return int(_lcs_length(a, b))
