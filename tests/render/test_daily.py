"""The daily digest's renderers: counts read as English, superscripts in order, story pages that link back."""

from __future__ import annotations

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
