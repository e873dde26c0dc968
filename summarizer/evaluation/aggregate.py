"""Averages over many summaries, and bootstrap confidence intervals.

ROUGE-1.5.5 (`-c 95 -r 1000`): for resample i it seeds Perl's generator with i
and draws N instance indices with replacement. Perl's `rand` is drand48, so the
draws can be reproduced exactly here. Instances are visited in string order of
their ids. The interval ends are the sorted resample means at positions
floor(r * (100 - c) / 200) and r - that - 1, and the average it prints is the
mean of the resample means, not the plain mean.

In rouge-score mode the average is the plain mean and the interval comes from
the same seeded resampling (rouge-score's own bootstrap is unseeded).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .rouge import Score

_A = 0x5DEECE66D
_C = 0xB
_MASK = (1 << 48) - 1


def drand48_indices(seed: int, count: int, population: int) -> np.ndarray:
    """`srand(seed); int(rand(population))` drawn `count` times, as Perl does."""
    state = ((seed & 0xFFFFFFFF) << 16) | 0x330E
    out = np.empty(count, dtype=np.int64)
    for k in range(count):
        state = (_A * state + _C) & _MASK
        out[k] = int(state / float(1 << 48) * population)
    return out


@dataclass(frozen=True)
class Interval:
    low: float
    high: float


@dataclass(frozen=True)
class Aggregate:
    average: dict[str, Score]
    confidence: dict[str, dict[str, Interval]]  # metric -> recall/precision/f -> interval


def _perl_interval(sorted_means: np.ndarray, resamples: int, confidence: float) -> tuple[float, float]:
    delta = resamples * ((100 - confidence) / 2.0) / 100.0
    upper_a = int(resamples - delta - 1)
    lower_a = int(delta)
    ratio = resamples - delta - 1 - upper_a
    upper_b = min(upper_a + 1, resamples - 1)
    lower_b = min(lower_a + 1, resamples - 1)
    low = sorted_means[lower_a] + (sorted_means[lower_b] - sorted_means[lower_a]) * ratio
    high = sorted_means[upper_a] + (sorted_means[upper_b] - sorted_means[upper_a]) * ratio
    return float(low), float(high)


def _round5(value: float) -> float:
    return float(f"{value:.5f}")


def aggregate(
    per_item: Mapping[str, Mapping[str, Score]],
    metrics: Sequence[str],
    *,
    resamples: int = 1000,
    confidence: float = 95.0,
    perl: bool = True,
) -> Aggregate:
    """Corpus average and confidence interval of per-item scores, keyed by item id."""
    ids = sorted(per_item)  # ROUGE-1.5.5 sorts instance ids as strings
    n = len(ids)
    draws = [drand48_indices(i, n, n) for i in range(resamples)] if n and resamples else []
    average: dict[str, Score] = {}
    intervals: dict[str, dict[str, Interval]] = {}
    for metric in metrics:
        values = np.asarray(
            [[per_item[i][metric].recall, per_item[i][metric].precision, per_item[i][metric].f] for i in ids],
            dtype=np.float64,
        ).reshape(n, 3)
        means = values.mean(axis=0) if n else np.zeros(3)
        if not draws:
            average[metric] = Score(*((_round5(x) if perl else float(x)) for x in means))
            intervals[metric] = {}
            continue
        # Perl adds the drawn scores in draw order; cumsum adds sequentially too,
        # so every resample mean carries the same rounding as the Perl's.
        resampled = np.cumsum(values[np.asarray(draws)], axis=1)[:, -1, :] / n
        resampled.sort(axis=0)
        bounds = {}
        summary = []
        for column, name in enumerate(("recall", "precision", "f")):
            column_sorted = resampled[:, column]
            low, high = _perl_interval(column_sorted, resamples, confidence)
            if perl:
                total = float(np.cumsum(column_sorted)[-1])  # ascending, as the Perl sums them
                summary.append(_round5(total / resamples))
                bounds[name] = Interval(_round5(low), _round5(high))
            else:
                summary.append(float(means[column]))
                bounds[name] = Interval(low, high)
        average[metric] = Score(*summary)
        intervals[metric] = bounds
    return Aggregate(average, intervals)
