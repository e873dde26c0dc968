"""Sentence analyses kept from one run of a day to the next (summarizer.sentence_analyses): each kind reads back as
it was made, a kept analysis is handed back instead of made again, and stale or missing ones are made."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from summarizer import sentence_analyses
from summarizer.core import facts
from summarizer.core.pipeline import prepare
from summarizer.differences import align, claims, figures
from summarizer.sentence_analyses import _KINDS, ANALYSES_CODE, KeptAnalyses, analyses_key, kept_analyses, remembered
from summarizer.text import stemmer, stop_words

STEM = stemmer("english")
STOP = stop_words("english")
MAKERS = {
    "figures": figures._figures_in,
    "polarity": lambda text: claims._polarity_of(text, STEM),
    "names": align._capitalised,
    "marks": lambda text: facts._marks_of_text(text, STOP),
}


@pytest.fixture(scope="module")
def sentences(seed_documents) -> list[str]:
    return list(dict.fromkeys(u.text for u in prepare(seed_documents, language="english").units))


def test_every_kind_is_registered_by_a_module_whose_code_makes_the_key() -> None:
    assert set(_KINDS) == set(MAKERS)
    package = Path(sentence_analyses.__file__).resolve().parent
    registering = {path.relative_to(package).as_posix() for path in package.rglob("*.py")
                   if re.search(r"^register\(", path.read_text(encoding="utf-8"), re.MULTILINE)}  # fmt: skip
    assert registering == set(ANALYSES_CODE) - {"text.py", "languages.py"}  # and the stems and stop words they use
    assert analyses_key("english") != analyses_key("german")


@pytest.mark.parametrize("kind", sorted(MAKERS))
def test_each_kind_reads_back_from_its_json_as_it_was_made(kind: str, sentences: list[str]) -> None:
    made = [MAKERS[kind](text) for text in sentences]
    assert any(made)  # the seeds have figures, names, negations and counts to read
    codec = _KINDS[kind]
    kept = json.loads(json.dumps([codec.encode(value) for value in made]))
    assert [codec.decode(value) for value in kept] == made


def test_a_kept_analysis_is_handed_back_and_what_is_missing_or_stale_is_made(sentences: list[str]) -> None:
    first, second = sentences[:6], sentences[3:9]
    asked: list[str] = []

    def counted(text: str) -> list:
        asked.append(text)
        return figures._figures_in(text)

    with kept_analyses([first], [None], "english") as made:
        found = [remembered("figures", text, counted) for text in first]
    assert asked == first
    blob = made.to_keep(0)
    assert blob is not None and made.to_keep(0) is not None  # nothing was kept before: all of it is to keep
    asked.clear()
    with kept_analyses([first, second], [blob, None], "english") as again:
        assert [remembered("figures", text, counted) for text in first] == found
        [remembered("figures", text, counted) for text in second]
    assert asked == sentences[6:9]  # only the sentences no article kept
    assert again.to_keep(0) is None  # the first article's analyses hold all of its sentences'
    assert again.to_keep(1) is not None
    asked.clear()
    stale = b"0.0.0/other/english" + blob[blob.index(b"\n") :]
    with kept_analyses([first], [stale], "english"):
        [remembered("figures", text, counted) for text in first]
    assert asked == first  # made by other code: made again
    asked.clear()
    with kept_analyses([first], [blob], "german"):
        [remembered("figures", text, counted) for text in first]
    assert asked == first  # another language


def test_outside_a_story_with_kept_analyses_they_are_only_made(sentences: list[str]) -> None:
    asked: list[str] = []
    for _ in range(2):
        remembered("names", sentences[0], lambda text: asked.append(text) or align._capitalised(text))
    assert asked == [sentences[0]] * 2


def test_kept_analyses_of_other_sentences_are_not_read_as_these() -> None:
    kept = KeptAnalyses(analyses_key("english"), [["One sentence.", "Two sentences."]], [None])
    with kept_analyses([["One sentence.", "Two sentences."]], [None], "english") as made:
        remembered("names", "One sentence.", align._capitalised)
    blob = made.to_keep(0)
    assert blob is not None
    other = KeptAnalyses(kept.key, [["Another sentence."]], [blob])  # as many sentences differ: not this article's
    assert not other.fits(0) and other.get("names", "Another sentence.") == (False, None)
