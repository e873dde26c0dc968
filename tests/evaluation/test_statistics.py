"""Summary statistics on hand-made examples, as Newsroom (Grusky et al. 2018) defines them."""

from __future__ import annotations

import pytest

from summarizer.evaluation.statistics import extractive_fragments, mean_statistics, summary_statistics

SOURCE = "the cat sat on the mat while the dog slept by the door"


def test_fragments_are_the_longest_shared_runs_read_left_to_right():
    summary = ["the", "cat", "sat", "by", "the", "door", "and", "barked"]
    assert extractive_fragments(summary, [SOURCE.split()]) == [["the", "cat", "sat"], ["by", "the", "door"]]
    # A run may come from either source, and a word no source has is skipped.
    other = ["and", "barked", "loudly"]
    assert extractive_fragments(summary, [SOURCE.split(), other]) == [["the", "cat", "sat"], ["by", "the", "door"],
                                                                       ["and", "barked"]]  # fmt: skip


def test_coverage_density_compression_by_hand():
    stats = summary_statistics(["The cat sat by the door, and barked."], [SOURCE])
    # 8 summary tokens; fragments of 3 and 3 tokens; "and barked" is new.
    assert stats.words == 8
    assert stats.coverage == pytest.approx(6 / 8)
    assert stats.density == pytest.approx((9 + 9) / 8)
    assert stats.compression == pytest.approx(13 / 8)
    assert stats.novel_1 == pytest.approx(2 / 7)  # "and", "barked" of the 7 distinct words ("the" is there twice)


def test_a_copied_sentence_is_fully_extractive_and_novel_ngrams_count_distinct_ones():
    stats = summary_statistics(["the cat sat on the mat"], [SOURCE])
    assert (stats.coverage, stats.density) == (1.0, 6.0)
    assert (stats.novel_1, stats.novel_2, stats.novel_3, stats.novel_4) == (0.0, 0.0, 0.0, 0.0)
    new = summary_statistics(["the mat sat on the cat"], [SOURCE])
    assert new.novel_2 == pytest.approx(1 / 5)  # "mat sat" is the one of its five bigrams no source has
    assert new.novel_1 == 0.0


def test_redundancy_is_the_share_of_repeated_bigrams():
    assert summary_statistics(["the cat sat", "the cat slept"], [SOURCE]).redundancy == pytest.approx(1 / 4)
    assert summary_statistics(["a b c d"], ["x"]).redundancy == 0.0


def test_empty_summaries_and_means():
    empty = summary_statistics([], [SOURCE])
    assert empty.coverage == 0.0 and empty.redundancy == 0.0
    one, two = summary_statistics(["the cat sat"], [SOURCE]), summary_statistics(["and barked"], [SOURCE])
    assert mean_statistics([one, two]).coverage == pytest.approx(0.5)
