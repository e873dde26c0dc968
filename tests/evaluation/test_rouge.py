"""ROUGE in both modes: definitions, edge cases, settings, signatures."""

import pytest

from summarizer.evaluation import RougeSettings, Scorer, parse_metric, score
from summarizer.evaluation.perlflags import settings_from_perl_flags


def test_known_rouge155_numbers():
    # Checked against ROUGE-1.5.5 -n 2 -m -2 4 -u -f A -p 0.5 -t 0.
    result = score(
        ["the cat said hello.", "better children went home"],
        [["the cat says hello", "the children go home quickly"]],
        stem=True,
    )
    assert result.scores["rouge-1"].as_dict() == {"recall": 0.66667, "precision": 0.75, "f": 0.70588}
    assert result.scores["rouge-su4"].f == 0.48572  # F from the rounded P and R


def test_clipped_counts_not_sets():
    result = score("the the the cat", ["the cat"], compat="rouge-score", metrics=("rouge-1",))
    assert result.scores["rouge-1"].precision == 0.5


def test_pooled_is_not_the_mean_of_references():
    summary = "a b c d"
    references = ["a b", "a b c d e f g h"]
    pooled = score(summary, references, metrics=("rouge-1",)).scores["rouge-1"]
    assert pooled.recall == round(6 / 10, 5)
    best = score(summary, references, metrics=("rouge-1",), multi_ref="best").scores["rouge-1"]
    assert best.recall == 1.0


def test_rouge_l_summary_level_and_whole_text_differ():
    summary = ["c d", "a b"]
    reference = ["a b c d"]
    result = score(summary, [reference], compat="rouge-score", metrics=("rouge-l", "rouge-l-text"))
    assert result.scores["rouge-l"].recall == 1.0
    assert result.scores["rouge-l-text"].recall == 0.5


def test_unicode_tokenizer_scores_identical_russian_texts_one():
    text = "Президент выступил в парламенте"
    assert score(text, [text], compat="rouge-score", metrics=("rouge-1",)).scores["rouge-1"].f == 0
    unicode = score(text, [text], compat="rouge-score", tokenizer="unicode", metrics=("rouge-1",))
    assert unicode.scores["rouge-1"].f == 1.0


def test_one_token_summary_has_su_zero_even_against_itself():
    assert score("word", ["word"], metrics=("rouge-su4",)).scores["rouge-su4"].recall == 0


def test_empty_summary_and_empty_reference_get_notes():
    result = score("", ["some words here"])
    assert all(s.f == 0 for s in result.scores.values())
    assert any("summary has no tokens" in n for n in result.notes)
    result = score("some words", ["...", "some words"])
    assert any("reference 1 has no tokens" in n for n in result.notes)


def test_rouge_w_with_an_empty_reference_is_defined():
    result = score("some words", ["---"], metrics=("rouge-w",))
    assert result.scores["rouge-w-1.2"].recall == 0
    assert any("ROUGE-W" in n for n in result.notes)


def test_identical_texts_under_rouge_w_get_recall_below_one():
    text = ["the cat sat on the mat"]
    result = score(text, [text], metrics=("rouge-w",))
    assert result.scores["rouge-w-1.2"].precision == 1.0
    assert result.scores["rouge-w-1.2"].recall < 1.0  # the Perl weights the denominator twice


def test_truncation_to_words_and_bytes():
    long = ["one two three four five", "six seven eight nine ten"]
    words = score(long, [long], max_words=3, metrics=("rouge-1",)).scores["rouge-1"]
    assert words.recall == 1.0 and words.precision == 1.0
    cut = Scorer(RougeSettings(max_bytes=10)).prepare(long)
    assert cut.tokens == ("one", "two", "th")  # 10 bytes: "one two th"


def test_alpha():
    result = score("a b", ["a b c d"], metrics=("rouge-1",), alpha=0.8).scores["rouge-1"]
    assert result.f == round(1.0 * 0.5 / (0.2 * 1.0 + 0.8 * 0.5), 5)


@pytest.mark.parametrize(
    "name, canonical",
    [
        ("rouge2", "rouge-2"),
        ("ROUGE-L", "rouge-l"),
        ("rougeLsum", "rouge-l"),
        ("rougeL", "rouge-l-text"),
        ("rouge-su4", "rouge-su4"),
        ("rouge-s*", "rouge-s*"),
        ("rouge-w", "rouge-w-1.2"),
    ],
)
def test_metric_names(name, canonical):
    assert parse_metric(name).name == canonical


def test_bad_settings():
    with pytest.raises(ValueError):
        parse_metric("bleu")
    with pytest.raises(ValueError):
        RougeSettings(multi_ref="mean")
    with pytest.raises(ValueError):
        RougeSettings(max_words=10, max_bytes=10)
    with pytest.raises(ValueError):
        Scorer(RougeSettings(compat="rouge-score", stopwords=True))


def test_signature_names_every_setting():
    signature = settings_from_perl_flags("-n 2 -m -s -2 4 -u -f B -p 0.3 -l 100").signature()
    for part in (
        "mode:rouge155",
        "v:1.5.5",
        "rouge-1,rouge-2,rouge-l,rouge-su4",
        "stem:porter+wordnet",
        "stop:smart",
        "trunc:w100",
        "refs:best",
        "alpha:0.3",
        "round:5",
        "boot:1000@95",
    ):
        assert part in signature
    assert "mode:rouge-score" in RougeSettings(compat="rouge-score").signature()
    assert "refs:max-f" in RougeSettings(compat="rouge-score").signature()


def test_perl_flags_map_to_metrics():
    settings = settings_from_perl_flags("-n 1 -m -2 -1 -U -f A -p 0.5 -t 0 -x")
    assert settings.metrics == ("rouge-1", "rouge-s*", "rouge-su*")
    assert settings_from_perl_flags("-n 1 -w 1.2").metrics == ("rouge-1", "rouge-l", "rouge-w-1.2")


def test_a_string_reference_is_one_reference():
    assert score("the cat sat.", "a cat sat down.").scores == score("the cat sat.", ["a cat sat down."]).scores


def test_perl_flag_errors_say_which_flag_in_words():
    from summarizer import OptionsError

    with pytest.raises(OptionsError, match=r"flag -n takes the largest n-gram size, a whole number, not 'two'"):
        settings_from_perl_flags("-n two")
    with pytest.raises(OptionsError, match="flag -f takes A"):
        settings_from_perl_flags("-f C")
