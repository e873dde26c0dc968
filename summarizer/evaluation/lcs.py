"""Longest common subsequences for ROUGE-L and ROUGE-W.

The union LCS walks a dynamic-programming table per pair of sentences and
backtracks one particular path (equal tokens: diagonal; otherwise up when
c[i-1][j] >= c[i][j-1], else left), exactly as ROUGE-1.5.5 and rouge-score
do: which path is taken changes which reference tokens count.

Two implementations of the same loops: plain Python for small work (one
summary scored from the command line must not wait a third of a second for
numba to import), and the same loops compiled with numba (cached on disk)
once a scorer has more to do. A test checks that both give identical hits.

Tokens arrive as integer ids; sentences as one flat array plus offsets.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from typing import Any

import numpy as np

# Table cells a scorer fills in Python before it switches to the compiled loops.
PYTHON_CELL_BUDGET = 2_000_000

FlatSentences = tuple[np.ndarray, np.ndarray]  # token ids, sentence start offsets


# --------------------------------------------------------------------------
# Plain Python


def _union_hits_python(
    model: FlatSentences,
    peer: FlatSentences,
    model_counts: list[int],
    peer_counts: list[int],
    weight: float,
    weighted: bool,
) -> float:
    model_ids, model_starts = model[0].tolist(), model[1].tolist()
    peer_ids, peer_starts = peer[0].tolist(), peer[1].tolist()
    peer_sentences = [peer_ids[peer_starts[p] : peer_starts[p + 1]] for p in range(len(peer_starts) - 1)]
    hits = 0.0
    for s in range(len(model_starts) - 1):
        a = model_ids[model_starts[s] : model_starts[s + 1]]
        m = len(a)
        if m == 0:
            continue
        mask = [False] * m
        for b in peer_sentences:
            n = len(b)
            table = [[0.0] * (n + 1) for _ in range(m + 1)]
            moves = [[0] * (n + 1) for _ in range(m + 1)]
            for i in range(1, m + 1):
                token, row, above, move_row, move_above = a[i - 1], table[i], table[i - 1], moves[i], moves[i - 1]
                for j in range(1, n + 1):
                    if token == b[j - 1]:
                        if weighted:
                            k = move_above[j - 1] >> 2  # run length so far, stored above the move bits
                            row[j] = above[j - 1] + (k + 1.0) ** weight - float(k) ** weight
                            move_row[j] = ((k + 1) << 2) | 1
                        else:
                            row[j] = above[j - 1] + 1.0
                            move_row[j] = 1
                    elif above[j] >= row[j - 1]:
                        row[j] = above[j]
                        move_row[j] = 2
                    else:
                        row[j] = row[j - 1]
                        move_row[j] = 3
            i, j = m, n
            while i != 0 and j != 0:
                move = moves[i][j] & 3
                if move == 1:
                    i -= 1
                    j -= 1
                    mask[i] = True
                elif move == 2:
                    i -= 1
                else:
                    j -= 1
        run = 0
        for j in range(m):
            if mask[j]:
                token = a[j]
                if model_counts[token] > 0 and peer_counts[token] > 0:
                    if weighted:
                        # ROUGE-1.5.5 scores each run of consecutive hits as run^W.
                        run += 1
                        if j + 1 == m or not mask[j + 1]:
                            hits += float(run) ** weight
                            run = 0
                    else:
                        hits += 1.0
                    model_counts[token] -= 1
                    peer_counts[token] -= 1
    return hits


def _lcs_length_python(a: list[int], b: list[int]) -> int:
    previous = [0] * (len(b) + 1)
    for token in a:
        current = [0] * (len(b) + 1)
        for j in range(1, len(b) + 1):
            if token == b[j - 1]:
                current[j] = previous[j - 1] + 1
            elif previous[j] >= current[j - 1]:
                current[j] = previous[j]
            else:
                current[j] = current[j - 1]
        previous = current
    return previous[len(b)]


# --------------------------------------------------------------------------
# Compiled (numba); the same loops on arrays


@lru_cache(maxsize=1)
def _compiled() -> dict[str, Callable[..., Any]]:
    """The kernels compiled by numba (cached on disk); numba is imported only when a score needs them."""
    from numba import njit

    return {"union_hits": njit(cache=True)(_union_hits), "lcs_length": njit(cache=True)(_lcs_length)}


# The kernels, in the subset of Python numba compiles: plain loops over int64 arrays.
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
        for p in range(len(peer_starts) - 1):
            b0 = peer_starts[p]
            n = peer_starts[p + 1] - b0
            for j in range(n + 1):
                table[0, j] = 0.0
                moves[0, j] = 0
            for i in range(1, m + 1):
                table[i, 0] = 0.0
                moves[i, 0] = 0
                for j in range(1, n + 1):
                    if model[a0 + i - 1] == peer[b0 + j - 1]:
                        if weighted:
                            k = moves[i - 1, j - 1] >> 2
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
        run = 0
        for j in range(m):
            if mask[j]:
                token = model[a0 + j]
                if model_counts[token] > 0 and peer_counts[token] > 0:
                    if weighted:
                        run += 1
                        if j + 1 == m or not mask[j + 1]:
                            hits += float(run) ** weight
                            run = 0
                    else:
                        hits += 1.0
                    model_counts[token] -= 1
                    peer_counts[token] -= 1
    return hits


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


# --------------------------------------------------------------------------
# Interface


class LcsCounter:
    """Runs LCS work in Python until `python_cells` table cells are spent, then compiled."""

    def __init__(self, python_cells: int = PYTHON_CELL_BUDGET):
        self.python_cells = python_cells

    def _use_python(self, cells: int) -> bool:
        if self.python_cells >= cells:
            self.python_cells -= cells
            return True
        self.python_cells = 0
        return False

    def union_hits(
        self,
        model: FlatSentences,
        peer: FlatSentences,
        model_counts: np.ndarray,
        peer_counts: np.ndarray,
        *,
        weight: float | None = None,
    ) -> float:
        """Clipped union-LCS hits of a model (reference) against a peer, both as sentences.

        The count arrays are not changed. With `weight`, the weighted LCS of
        ROUGE-W: hits are the sum of run_length ** weight.
        """
        size = max(len(model_counts), len(peer_counts))
        model_left = np.zeros(size, dtype=np.int64)
        model_left[: len(model_counts)] = model_counts
        peer_left = np.zeros(size, dtype=np.int64)
        peer_left[: len(peer_counts)] = peer_counts
        if self._use_python(len(model[0]) * len(peer[0])):
            return _union_hits_python(
                model, peer, model_left.tolist(), peer_left.tolist(), float(weight or 1.0), weight is not None
            )
        return float(
            _compiled()["union_hits"](
                model[0], model[1], peer[0], peer[1], model_left, peer_left, float(weight or 1.0), weight is not None
            )
        )

    def lcs_length(self, a: np.ndarray, b: np.ndarray) -> int:
        """Length of the longest common subsequence of two id sequences."""
        if len(a) == 0 or len(b) == 0:
            return 0
        if self._use_python(len(a) * len(b)):
            return _lcs_length_python(a.tolist(), b.tolist())
        return int(_compiled()["lcs_length"](a, b))
