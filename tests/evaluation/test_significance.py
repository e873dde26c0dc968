"""Paired tests between two systems, checked against scipy's independent computations on the same scores."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import stats

from summarizer.errors import OptionsError
from summarizer.evaluation.significance import holm, paired_test

RNG = np.random.default_rng(7)
BASELINE = RNG.uniform(0.05, 0.15, size=40)
BETTER = BASELINE + RNG.normal(0.01, 0.02, size=40)  # a small real gain
SAME = BASELINE + RNG.normal(0.0, 0.02, size=40)  # noise around no gain


@pytest.mark.parametrize("system", [BETTER, SAME], ids=["a real gain", "no gain"])
def test_p_values_and_interval_agree_with_scipy(system):
    ours = paired_test(system, BASELINE, resamples=20_000, seed=3)
    permutation = stats.permutation_test(
        (system, BASELINE), lambda x, y: np.mean(x - y), permutation_type="samples", n_resamples=20_000,
        alternative="two-sided", random_state=11,
    )  # fmt: skip
    assert abs(ours.p_permutation - permutation.pvalue) < 0.015  # the resampling error of 20,000 draws
    interval = stats.bootstrap((system - BASELINE,), np.mean, n_resamples=20_000, method="percentile",
                               confidence_level=0.95, random_state=5).confidence_interval  # fmt: skip
    assert abs(ours.ci_low - interval.low) < 0.002 and abs(ours.ci_high - interval.high) < 0.002
    assert ours.difference == pytest.approx(np.mean(system - BASELINE))
    # The bootstrap p-value tells the same story: small for the real gain, large for noise.
    assert (ours.p_bootstrap < 0.05) == (ours.p_permutation < 0.05)


def test_a_real_gain_is_significant_and_noise_is_not():
    assert paired_test(BETTER, BASELINE).p_permutation < 0.05
    assert paired_test(SAME, BASELINE).p_permutation > 0.05


def test_seeded_and_deterministic():
    assert paired_test(BETTER, BASELINE, seed=1) == paired_test(BETTER, BASELINE, seed=1)
    one, other = paired_test(SAME, BASELINE, seed=1), paired_test(SAME, BASELINE, seed=2)
    assert (one.ci_low, one.p_permutation) != (other.ci_low, other.p_permutation)  # the seed is really used


def test_ties_everywhere_give_no_difference_and_p_of_one():
    tie = paired_test(BASELINE, BASELINE.copy())
    assert (tie.difference, tie.ci_low, tie.ci_high, tie.p_bootstrap, tie.p_permutation) == (0.0, 0.0, 0.0, 1.0, 1.0)


@pytest.mark.parametrize(("system", "baseline", "resamples", "message"), [
    ([0.1], [0.2], 1000, "at least two clusters"),
    ([0.1, 0.2], [0.2], 1000, "different clusters"),
    ([0.1, 0.2], [0.2, 0.1], 99, "at least 100 resamples"),
])  # fmt: skip
def test_bad_input_is_an_options_error(system, baseline, resamples, message):
    with pytest.raises(OptionsError, match=message):
        paired_test(system, baseline, resamples=resamples)


def test_holm_bonferroni():
    assert holm([0.01, 0.04, 0.03]) == pytest.approx([0.03, 0.06, 0.06])
    assert holm([0.5, 0.9]) == pytest.approx([1.0, 1.0])  # kept monotone, at most 1
    assert holm([0.001]) == [0.001]
