import pytest

from summarizer.evaluation.stemming import porter_perl, rouge155_stemmer
from summarizer.resources import smart_stop_words, wordnet_exceptions


@pytest.mark.parametrize(
    "word, stem",
    [
        ("agreement", "agreem"),  # Lin's step 4: -ement, -ment, -ent in turn
        ("regiment", "regim"),
        ("says", "sai"),  # Porter's Perl: y -> i after a vowel (NLTK gives "say")
        ("caresses", "caress"),
        ("ponies", "poni"),
        ("hopping", "hop"),
        ("relational", "relat"),
        ("generalization", "gener"),
        ("youth", "youth"),  # initial y is a consonant
        ("controll", "control"),
    ],
)
def test_porter_perl(word, stem):
    assert porter_perl(word) == stem


def test_exception_lists_win_and_merge_in_file_order():
    stem = rouge155_stemmer()
    assert stem("went") == "go"
    assert stem("children") == "child"
    assert stem("better") == "well"  # adv.exc comes after adj.exc
    assert wordnet_exceptions()["best"] == "well"


def test_smart_stop_word_list():
    words = smart_stop_words()
    assert len(words) == 596 and "the" in words and "reuters" in words  # 598 lines, two repeated
