"""Link Grammar as the grammar check of rewrites (skips where Debian's python3-link-grammar is absent)."""

import pytest

from summarizer.abstractive import SourceSentence, grammar_check_name, rewrite_alternatives
from summarizer.abstractive.grammar import Parse, link_parser, subjects_from_one_source

parser = link_parser()
needs_parser = pytest.mark.skipif(parser is None, reason="Link Grammar (python3-link-grammar) is not installed")


@needs_parser
def test_a_sentence_parses_completely_and_a_garbled_join_does_not() -> None:
    assert parser is not None
    parse = parser.parse("The police said the man who fled was arrested on Monday.")
    assert parse is not None
    assert ("police", "said") in parse.subject_verbs and ("man", "was") in parse.subject_verbs
    assert parser.parse("The man arrested on Monday, police said the suspect.") is None
    assert grammar_check_name().startswith("link-grammar")


@needs_parser
def test_the_same_text_gets_the_same_answer() -> None:
    assert parser is not None
    text = "Iran says the sailors were in Iranian waters while the UK insists they were in Iraqi waters."
    first = parser.parse(text)
    parser.parse.cache_clear()
    assert parser.parse(text) == first


def test_subjects_must_stand_with_their_verbs_in_one_source() -> None:
    parse = Parse((("iran", "says"),))
    assert subjects_from_one_source(parse, [["iran", "says", "they", "were", "there"]])
    assert not subjects_from_one_source(parse, [["iran", "claims"], ["the", "uk", "says"]])
    assert not subjects_from_one_source(parse, [["says", "iran"]])  # the order matters


def test_without_the_parser_the_trigram_check_stands_in(monkeypatch: pytest.MonkeyPatch) -> None:
    from summarizer import abstractive
    from summarizer.abstractive import grammar

    monkeypatch.setattr(grammar, "link_parser", lambda: None)
    assert grammar_check_name() == "trigram model of the cluster"
    main = SourceSentence("The storm killed three people in the north of the country on Monday.", "a", 0)
    other = SourceSentence("The storm killed three people in the north, officials said on Monday.", "b", 0)
    for rewrite in rewrite_alternatives(main, [other], model=abstractive.TrigramModel([main.text, other.text])):
        assert abstractive.guard(rewrite.text, [main.text, other.text], main=main.text) is None
