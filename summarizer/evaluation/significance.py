"""Paired significance between two systems scored on the same clusters.

For per-cluster scores x (a system) and y (the baseline), d = x - y:

- the difference is mean(d); its interval the percentile interval of mean(d*) over `resamples` paired
  bootstrap samples of the clusters (Koehn 2004; sacrebleu's --paired-bs);
- the paired bootstrap p-value is two-sided, on the bootstrap distribution shifted to the null:
  p = (1 + #{|mean(d*) - mean(d)| >= |mean(d)|}) / (resamples + 1);
- the approximate randomization p-value (Noreen 1989; sacrebleu's --paired-ar) swaps the two systems'
  scores of each cluster at random: p = (1 + #{|mean(s * d)| >= |mean(d)|}) / (resamples + 1), s in {-1, 1}.

Both draw from numpy's PCG64 seeded with `seed`, a fresh generator per test, so a result does not depend
on the order the tests run in, nor on the number of jobs that scored the clusters. Holm-Bonferroni
adjusts a family of p-values (one per system against the baseline). A cluster where both systems tie
counts as a zero difference; all ties give a difference of 0 and p-values of 1.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ..errors import OptionsError

__all__ = ["MIN_RESAMPLES", "PairedTest", "holm", "paired_test"]

MIN_RESAMPLES = 100  # fewer resamples cannot resolve p = 0.05
SEED = 12345


@dataclass(frozen=True)
class PairedTest:
    """A system against the baseline on one metric."""

    difference: float  # mean over clusters of system minus baseline
    ci_low: float
    ci_high: float
    p_bootstrap: float
    p_permutation: float
    clusters: int

    def to_dict(self) -> dict[str, float | int]:
        return {"difference": self.difference, "ci_low": self.ci_low, "ci_high": self.ci_high,
                "p_bootstrap": self.p_bootstrap, "p_permutation": self.p_permutation}  # fmt: skip


def paired_test(
    system: Sequence[float],
    baseline: Sequence[float],
    *,
    resamples: int = 10_000,
    seed: int = SEED,
    confidence: float = 95.0,
) -> PairedTest:
    """The paired bootstrap interval and p-value, and the approximate randomization p-value (module doc)."""
    x, y = np.asarray(system, dtype=np.float64), np.asarray(baseline, dtype=np.float64)
    if x.shape != y.shape:
        raise OptionsError(f"the two systems were scored on different clusters ({len(x)} and {len(y)})")
    if len(x) < 2:
        raise OptionsError(f"a paired test needs at least two clusters, not {len(x)}")
    if resamples < MIN_RESAMPLES:
        raise OptionsError(f"a paired test needs at least {MIN_RESAMPLES} resamples, not {resamples}")
    differences = x - y
    observed = float(differences.mean())
    n = len(differences)
    tolerance = 1e-12 * max(1.0, abs(observed))  # sums in another order must not flip a tie
    boot_rng = np.random.Generator(np.random.PCG64(seed))
    boot = np.empty(resamples)
    for start in range(0, resamples, 1000):  # bounded memory: 1,000 samples of every cluster at a time
        stop = min(resamples, start + 1000)
        boot[start:stop] = differences[boot_rng.integers(0, n, size=(stop - start, n))].mean(axis=1)
    tail = (100.0 - confidence) / 2.0
    low, high = np.percentile(boot, [tail, 100.0 - tail])
    p_boot = (1 + int(np.sum(np.abs(boot - observed) >= abs(observed) - tolerance))) / (resamples + 1)
    flip_rng = np.random.Generator(np.random.PCG64(seed))
    extreme = 0
    for start in range(0, resamples, 1000):
        signs = flip_rng.choice(np.array([-1.0, 1.0]), size=(min(resamples, start + 1000) - start, n))
        extreme += int(np.sum(np.abs((signs * differences).mean(axis=1)) >= abs(observed) - tolerance))
    p_perm = (1 + extreme) / (resamples + 1)
    return PairedTest(observed, float(low), float(high), min(1.0, p_boot), min(1.0, p_perm), n)


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values (step-down, kept monotone, at most 1), in the order given."""
    order = sorted(range(len(p_values)), key=lambda k: p_values[k])
    adjusted = [0.0] * len(p_values)
    running = 0.0
    for rank, k in enumerate(order):
        running = max(running, min(1.0, (len(p_values) - rank) * p_values[k]))
        adjusted[k] = running
    return adjusted
