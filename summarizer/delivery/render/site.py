"""The static site's pages and its Atom feed, from the archive's records (summarizer.archive.pages).

Pages: index.html (the latest day), days.html (every day), days/DAY.html, stories/ID.html (a story's timeline
and every day's digest), feed.atom (one entry per day). No scripts and no outside resources; links between
pages are relative, so the site works from file:// and on any static host; only http(s) links go outside;
everything is escaped, and no character XML forbids reaches a page (render.common.page_text). The feed is
built with lxml, which cannot write malformed XML. One column, readable on a phone and in dark mode.
"""

from __future__ import annotations

import uuid
from typing import TYPE_CHECKING, Any

from ...text import counted
from .common import check_format, json_text, page_text, safe_link
from .coverage import Scale, blindspot_view, coverage_view, scale_of_stories, without_coverage
from .daily import day_words, story_file_name
from .differences import lines_of, outlet_names
from .templates import Templates, shipped, view

if TYPE_CHECKING:
    from ...archive.pages import SiteData, SiteDay, SiteStory
    from ..site_folder import SiteReport

__all__ = [
    "ATOM_ENTRIES",
    "FORMATS",
    "atom_feed",
    "day_page",
    "days_page",
    "render",
    "site_scale",
    "story_page",
    "summary",
]

FORMATS = ("text", "json")

ATOM_ENTRIES = 30  # the feed carries the last month of days


def _story_view(story: SiteStory, scale: Scale) -> Any:
    """What the templates get of a story (site/blocks.html): text as it is, each article's address only when it
    is an http(s) one."""
    position = {a.id: k for k, a in enumerate(story.articles, start=1)}
    sentences = []
    for sentence in story.sentences:
        marks = [position.get(sentence.get("document", "")), *sorted(
            m for d in sentence.get("also_reported_by", []) if (m := position.get(d)) is not None)]  # fmt: skip
        numbers = list(dict.fromkeys(m for m in marks if m is not None))  # its own article first, then in order
        sentences.append(view(text=sentence.get("text", ""), numbers=numbers))
    names = outlet_names(story.articles)
    articles = [view(id=a.id, title=a.title, source=a.source, url=safe_link(a.url)) for a in story.articles]
    details = story.details or {}
    return view(id=story.story_id, file=story_file_name(story.story_id), headline=story.headline, since=story.since,
                outlets=len({a.source or a.id for a in story.articles}), days=list(story.days), sentences=sentences,
                differences=lines_of(without_coverage(details), names), articles=articles,
                coverage=coverage_view(details.get("coverage") or {}, details.get("blindspot_labels") or [], scale,
                                       new_only=story.since is not None),
                blindspot=bool(details.get("blindspot_labels")))  # fmt: skip


def site_scale(data: SiteData, labels: Scale | None = None) -> dict[str, list[str]]:
    """The order of the coverage bars on every page of the site: the label file's (`labels`, when the run has
    one), then what the archive's stories show (render.coverage.scale_of_stories)."""
    coverages = [(s.details or {}).get("coverage") or {} for day in data.days for s in day.stories]
    return scale_of_stories(coverages, labels)


def _blindspots(stories: tuple[SiteStory, ...]) -> list[Any]:
    return [blindspot_view(n, s.headline, (s.details or {}).get("blindspot_labels") or [])
            for n, s in enumerate(stories, start=1) if (s.details or {}).get("blindspot_labels")]  # fmt: skip


def day_page(day: SiteDay, *, up: str, templates: Templates | None = None, scale: Scale | None = None) -> str:
    """A day's stories, ranked as that day ranked them (index.html is the latest day's); `scale`: the order of the
    coverage bars (site_scale)."""
    scale = (
        scale if scale is not None else scale_of_stories((s.details or {}).get("coverage") or {} for s in day.stories)
    )
    stories = [_story_view(story, scale) for story in day.stories]
    return (templates or shipped()).page("site/day.html", day=day.day, stories=stories, up=up,
                                         blindspots=_blindspots(day.stories))  # fmt: skip


def days_page(data: SiteData, *, templates: Templates | None = None) -> str:
    days = [view(day=d.day, stories=len(d.stories)) for d in reversed(data.days)]
    return (templates or shipped()).page("site/days.html", days=days, up="")


def story_page(
    story_id: str, timeline: tuple[SiteStory, ...], *, templates: Templates | None = None, scale: Scale | None = None
) -> str:
    """A story's every day, newest first, each with its digest and a link to that day's page."""
    latest = timeline[-1]
    scale = scale if scale is not None else scale_of_stories((s.details or {}).get("coverage") or {} for s in timeline)
    entries = [
        view(day=day, story=_story_view(story, scale)) for story, day in zip(reversed(timeline), reversed(latest.days))
    ]
    return (templates or shipped()).page("site/story.html", story_id=story_id, headline=latest.headline,
                                         timeline=entries, up="../")  # fmt: skip


def _entry_id(site_id: str, day: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.UUID(site_id), day)}"


def atom_feed(data: SiteData, *, base: str = "", templates: Templates | None = None, scale: Scale | None = None) -> str:
    """One entry per day (the last ATOM_ENTRIES), ids stable for the archive, the day's digest as HTML content;
    `base` (the site's address, ending in /) makes the links absolute."""
    from lxml import etree

    days = list(reversed(data.days))[:ATOM_ENTRIES]
    scale = scale if scale is not None else site_scale(data)
    updated = max((d.updated for d in days), default="1970-01-01T00:00:00+00:00")
    feed = etree.Element(_ATOM + "feed", nsmap={None: _ATOM[1:-1]})
    _add(feed, "title", "Daily digest")
    _add(feed, "id", f"urn:uuid:{data.site_id}")
    _add(feed, "updated", updated)
    _add(feed, "link", rel="self", href=f"{base}feed.atom")
    _add(feed, "link", rel="alternate", href=f"{base}index.html")
    _add(_add(feed, "author"), "name", "summarizer")
    _add(feed, "generator", "summarizer")
    for day in days:
        entry = _add(feed, "entry")
        _add(entry, "title", f"Daily digest — {day_words(day.day)} {day.day[:4]}")
        _add(entry, "id", _entry_id(data.site_id, day.day))
        _add(entry, "updated", day.updated)
        _add(entry, "link", rel="alternate", type="text/html", href=f"{base}days/{day.day}.html")
        stories = [_story_view(story, scale) for story in day.stories]
        content = (templates or shipped()).page("site/entry.html", fragment=True, stories=stories, up=base)
        _add(entry, "content", content, type="html")
    return etree.tostring(feed, xml_declaration=True, encoding="utf-8", pretty_print=True).decode("utf-8")


_ATOM = "{http://www.w3.org/2005/Atom}"


def _add(parent: Any, tag: str, text: str | None = None, **attributes: str) -> Any:
    """An Atom element under `parent`, its text and attributes made fit for XML first (lxml refuses the rest)."""
    from lxml import etree

    element = etree.SubElement(parent, _ATOM + tag, {name: page_text(value) for name, value in attributes.items()})
    if text is not None:
        element.text = page_text(text)
    return element


def render(report: SiteReport, fmt: str = "text") -> str:
    """What a site update did (summarizer site)."""
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(report.to_dict())
    return summary(report) + "\n"


SHOWN_PAGES = 3  # the text names a few pages written; the JSON lists them all


def summary(report: SiteReport) -> str:
    """One line: the folder, its days and stories, and the pages written (the first few by name)."""
    written = list(report.written)
    more = f" and {len(written) - SHOWN_PAGES:,} more" if len(written) > SHOWN_PAGES else ""
    names = f" ({', '.join(written[:SHOWN_PAGES])}{more})" if written else ""
    return (f"{report.folder}: {counted(report.days, 'day')}, {counted(report.stories, 'story')}; "
            f"{counted(len(written), 'page')} written{names}, {len(report.unchanged):,} unchanged")  # fmt: skip
