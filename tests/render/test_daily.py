"""The daily digest's renderers: counts read as English, superscripts in order, story pages that link back."""

from __future__ import annotations

from dataclasses import replace

from summarizer import Document
from summarizer.delivery.render.daily import render, render_story_page
from summarizer.stories import daily

BRIDGE = [
    Document(id="bridge-a", source="City Paper", text="The harbor bridge reopened on Monday after two years of "
             "repairs. The mayor cut the ribbon at dawn."),
    Document(id="bridge-b", source="Metro News", text="After two years of repair work, the harbor bridge is open "
             "again. Mayor Lee cut a ribbon on Monday morning."),
]  # fmt: skip


def test_one_story_one_article_read_as_english():
    result = daily(BRIDGE[:1], jobs=1)
    for fmt in ("text", "markdown", "html"):
        text = render(result, fmt)
        assert "1 stories" not in text and "1 articles" not in text and "1 outlets" not in text
    assert "1 story from 1 article" in render(result, "markdown")
    assert "1 outlet · 1 article" in render(result, "text")


def test_superscripts_give_the_sentences_article_first_then_the_others_in_order():
    third = Document(id="bridge-c", source="Harbor Times", text="The harbor bridge reopened on Monday after two "
                     "years of repairs, officials said. Cars crossed it again from dawn.")  # fmt: skip
    html = render(daily([third, *BRIDGE], jobs=1), "html")
    marks = [m.split("</sup>")[0] for m in html.split("<sup>")[1:]]
    for mark in marks:
        numbers = [int(n) for n in mark.split(",")]
        assert numbers[1:] == sorted(numbers[1:])


def test_a_story_page_links_back_to_its_day():
    result = daily(BRIDGE, jobs=1)
    page = render_story_page(result.stories[0], day_page="today 21.html")
    assert '<a href="../today%2021.html">back to the day</a>' in page


def test_the_link_to_a_story_page_is_a_path_whatever_the_pages_name():
    """The story pages' folder is named after the page (`-o 'a:b.html'` -> 'a:b_stories'): quoted, it stays a
    relative path (unquoted, 'a:' read as a scheme, and the link checker removed it)."""
    story = daily(BRIDGE, jobs=1).stories[0]
    continuing = replace(story, story_id="2025-04-21-0123abcd", timeline=({"day": "2025-04-20"}, {"day": "2025-04-21"}))
    result = replace(daily(BRIDGE, jobs=1), stories=(continuing,))
    page = render(result, "html", story_pages="a:b 1_stories")
    assert '<a href="a%3Ab%201_stories/2025-04-21-0123abcd.html">earlier digests (1 day)</a>' in page


def test_an_article_with_no_outlet_name_is_shown_as_a_reader_knows_it_never_by_its_file_id(seed_documents) -> None:
    # The seeds: two articles name no outlet; the sources line named them by their file ids (002_4d8b66e183443c02).
    result = daily(seed_documents)
    for fmt in ("text", "markdown"):
        assert not any(d.id in render(result, fmt) for d in seed_documents), fmt
    assert "unnamed source 1" in render(result, "html")  # its article list names each file, as a list of articles
    line = next(line for line in render(result, "text").splitlines() if line.strip().startswith("sources:"))
    assert "unnamed source 1" in line and "“Putin Says Yes to Peace Talks" in line  # its headline, then a number
    assert any(d.id in render(result, "json") for d in seed_documents)  # the JSON keeps the ids it identifies by
