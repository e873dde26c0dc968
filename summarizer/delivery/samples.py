"""Templates checked before any work (`--templates DIR`): every page the run writes is rendered once from sample
data that takes each branch the shipped templates have (a continuing story and a new one, a story with nothing
new, copies, differences, coverage by label and a blindspot, articles with and without an address), so that a
missing or broken template is one line naming its file and line before anything is fetched or written."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from ..archive.pages import SiteArticle, SiteData, SiteDay, SiteStory
from ..core.result import Digest
from ..documents import Coverage, Difference, DifferenceValue, DocumentInfo, Sentence
from .render.templates import Templates

if TYPE_CHECKING:
    from ..stories import DailyDigest

__all__ = ["checked_templates", "sample_daily", "sample_site"]

DAYS = ("2025-04-20", "2025-04-21")
COVERAGE = {"leaning=center": 1, "leaning=left": 2, "unlabelled": 1}


def sample_site() -> SiteData:
    first, second = DAYS
    articles = (
        SiteArticle("a1", "Talks offered", "Outlet A", "https://example.org/a1", first, first),
        SiteArticle("a2", None, "Outlet B", None, first, first),
        SiteArticle("a3", "Talks welcomed", None, "https://example.org/a3", second, second),
    )
    details = {"differences": [{"kind": "figure", "values": [{"text": "17 killed", "documents": ["a1"]},
                                                             {"text": "20 killed", "documents": ["a2"]}],
                                "sentences": [], "measure": "dead", "update": False, "change": "differ"}],
               "first": "a1", "coverage": COVERAGE, "blindspot": True, "blindspot_labels": ["leaning=left"]}  # fmt: skip
    sentence = {"text": "Talks were offered.", "document": "a1", "also_reported_by": ["a2"]}
    talks = [SiteStory("2025-04-20-0123abcd", "Talks offered", None, (sentence,), articles[:2], (first,), details),
             SiteStory("2025-04-20-0123abcd", "Talks welcomed", first, (), articles, DAYS, None)]  # fmt: skip
    cup = SiteStory("2025-04-21-4567cdef", "Cup final", None, (sentence,), articles[2:], (second,), {})
    days = (SiteDay(first, f"{first}T08:00:00+00:00", (talks[0],)),
            SiteDay(second, f"{second}T08:00:00+00:00", (talks[1], cup)))  # fmt: skip
    return SiteData(
        "c5eadc9d-1cbe-5005-bea6-c187c6651893", days, {talks[0].story_id: tuple(talks), cup.story_id: (cup,)}
    )


def sample_daily() -> DailyDigest:
    """A DailyDigest of two stories: a continuing one with differences, coverage and a blindspot, copies and a
    latest time, and a new one with nothing new to say."""
    from ..core.options import DigestOptions
    from ..stories import DailyDigest, GroupingOptions, Story

    infos = tuple(DocumentInfo(i, f"Title {i}", f"Outlet {i}", f"https://example.org/{i}", DAYS[1], None, 1)
                  for i in ("a1", "a2", "a3"))  # fmt: skip
    difference = Difference(
        "figure", (DifferenceValue("17 killed", ("a1",)), DifferenceValue("20 killed", ("a2",))), ()
    )
    digest = Digest((Sentence("Talks were offered.", "a1", 0, 1.0, ("a2",)),), infos, DigestOptions(),
                    differences=(difference,), first="a1", coverage=Coverage(dict(COVERAGE), ("leaning=left",)))  # fmt: skip
    timeline = ({"day": DAYS[0], "headline": "Talks offered", "since": None, "articles": 2, "sentences": ["Talks."]},
                {"day": DAYS[1], "headline": "Talks welcomed", "since": DAYS[0], "articles": 1, "sentences": []})  # fmt: skip
    stories = (
        Story("Talks welcomed", ("a1", "a2", "a3"), {"a3": "a1"}, ("Outlet a1", "Outlet a2"),
              f"{DAYS[1]}T08:00:00Z", digest, "2025-04-20-0123abcd", DAYS[0], timeline),
        Story("Cup final", ("a3",), {}, ("Outlet a3",), None, Digest((), infos[2:], DigestOptions()), None, DAYS[0]),
    )  # fmt: skip
    documents = {i.id: {"title": i.title, "url": i.url} for i in infos}
    return DailyDigest(stories, DAYS[1], DigestOptions(), GroupingOptions(), notes=("A note.",),
                       stats={"articles": 3}, documents=documents)  # fmt: skip


def checked_templates(folder: str | None, *, site: bool = False, page: bool = False, mail: bool = False) -> Templates:
    """The run's templates (`folder`, else the shipped ones), checked before any work: every file of the folder
    reads, and each page the run writes (the site's; the daily page and its story pages; the mail) renders from
    sample data; else a SettingsFileError naming the file and the line."""
    templates = Templates(folder)
    checks: dict[str, Callable[[Templates], object]] = {}
    if site:
        from .render import site as pages

        data = sample_site()
        story_id, timeline = next(iter(data.timelines.items()))
        checks |= {"site/day.html": lambda t: pages.day_page(data.days[-1], up="", templates=t),
                   "site/days.html": lambda t: pages.days_page(data, templates=t),
                   "site/story.html": lambda t: pages.story_page(story_id, timeline, templates=t),
                   "site/entry.html": lambda t: pages.atom_feed(data, templates=t)}  # fmt: skip
    if page or mail:
        from .render import daily

        result = sample_daily()
        if page:
            checks |= {"daily/day.html": lambda t: daily.render_html(result, story_pages="x", templates=t),
                       "daily/story.html": lambda t: daily.render_story_page(result.stories[0], day_page="x.html",
                                                                             templates=t)}  # fmt: skip
        if mail:
            checks["mail.html"] = lambda t: t.page("mail.html", **daily.page_context(result), page_url="https://x.org/")
    templates.check(checks)
    return templates
