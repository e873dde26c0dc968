"""The static site's pages and its Atom feed, from the archive's records (summarizer.archive.pages).

Pages: index.html (the latest day), days.html (every day), days/DAY.html, stories/ID.html (a story's timeline
and every day's digest), feed.atom (one entry per day). No scripts and no outside resources; links between
pages are relative, so the site works from file:// and on any static host; only http(s) links go outside;
everything is escaped, and no character XML forbids reaches a page (render.common.page_text). The feed is
built with lxml, which cannot write malformed XML. One column, readable on a phone and in dark mode.
"""

from __future__ import annotations

import html
import uuid
from typing import TYPE_CHECKING, Any

from ...text import counted
from .common import check_format, json_text, page_text, safe_link
from .daily import PAGE_CSS, day_words, story_file_name
from .differences import lines_of

if TYPE_CHECKING:
    from ...archive.pages import SiteData, SiteDay, SiteStory
    from ..site import SiteReport

__all__ = ["ATOM_ENTRIES", "FORMATS", "atom_feed", "day_page", "days_page", "render", "story_page", "summary"]

FORMATS = ("text", "json")

ATOM_ENTRIES = 30  # the feed carries the last month of days
_SITE_CSS = (
    PAGE_CSS
    + """
nav { max-width: 46rem; margin: 0 auto; padding: .8rem 1.25rem 0; font: .9rem system-ui, sans-serif; }
nav a { margin-right: 1rem; }
main, article, header { overflow-wrap: anywhere; }
main > h3 { font: 600 1.05rem system-ui, sans-serif; margin: 1.6rem 0 .6rem; }
ul.days { list-style: none; padding: 0; } ul.days li { margin: .3rem 0; }
@media (max-width: 600px) { body { font-size: 16px; } article { padding: .9rem 1rem; } header h1 { font-size: 1.5rem; } }
"""
)
e = html.escape


def _page(title: str, body: list[str], *, up: str) -> str:
    """A whole page; `up` is the way from it to the site's root ("" or "../")."""
    nav = (f'<nav><a href="{up}index.html">Latest</a><a href="{up}days.html">All days</a>'
           f'<a href="{up}feed.atom">Atom feed</a></nav>')  # fmt: skip
    return page_text("\n".join(["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
                      '<meta name="viewport" content="width=device-width, initial-scale=1">',
                      '<meta name="generator" content="summarizer">', f"<title>{e(title)}</title>",
                      f'<link rel="alternate" type="application/atom+xml" href="{up}feed.atom" title="Daily digest">',
                      f"<style>{_SITE_CSS}</style>", "</head>", "<body>", nav, *body, "</body>", "</html>"]) + "\n")  # fmt: skip


def _story_block(story: SiteStory, *, up: str, number: int | None = None, with_link: bool = True) -> list[str]:
    """One story's digest: headline, what is new, the sentences with their articles' numbers, the articles."""
    position = {a.id: k for k, a in enumerate(story.articles, start=1)}
    rank = f'<span class="rank">{number}</span>' if number is not None else ""
    link = (
        f'<a href="{up}stories/{e(story_file_name(story.story_id))}">{e(story.headline)}</a>'
        if with_link
        else e(story.headline)
    )
    outlets = len({a.source or a.id for a in story.articles})
    meta = [counted(outlets, "outlet"), counted(len(story.articles), "article")]
    if story.since:
        meta.insert(0, f'<span class="new">new since {e(day_words(story.since))}</span>')
    if len(story.days) > 1:
        meta.append(f"followed for {counted(len(story.days), 'day')}")
    parts = [f"<article><h2>{rank}{link}</h2>", f'<div class="meta">{" · ".join(meta)}</div>']
    for sentence in story.sentences:
        marks = [position.get(sentence.get("document", "")), *sorted(
            m for d in sentence.get("also_reported_by", []) if (m := position.get(d)) is not None)]  # fmt: skip
        shown = ",".join(str(m) for m in dict.fromkeys(m for m in marks if m is not None))
        parts.append(f"<p>{e(sentence.get('text', ''))}<sup>{e(shown)}</sup></p>")
    if not story.sentences:
        parts.append(f'<p class="meta">Nothing new since {e(day_words(story.since or ""))}.</p>')
    names = {a.id: a.source or a.id for a in story.articles}
    parts += [f'<div class="meta differs">{e(line)}</div>' for line in lines_of(story.details or {}, names)]
    parts.append(f"<details><summary>{e(counted(len(story.articles), 'article'))}</summary><ol>")
    for article in story.articles:
        label = e(article.title or article.id) + (f" — {e(article.source)}" if article.source else "")
        href = safe_link(article.url)
        parts.append(f'<li><a href="{e(href)}">{label}</a></li>' if href else f"<li>{label}</li>")
    parts.append("</ol></details></article>")
    return parts


def day_page(day: SiteDay, *, up: str) -> str:
    """A day's stories, ranked as that day ranked them (index.html is the latest day's)."""
    body = [f"<header><h1>Daily digest — {e(day_words(day.day))} {e(day.day[:4])}</h1>"
            f"<p>{e(counted(len(day.stories), 'story'))}</p></header>", "<main>"]  # fmt: skip
    for number, story in enumerate(day.stories, start=1):
        body += _story_block(story, up=up, number=number)
    body += ["</main>", "<footer>Made by summarizer from its archive; numbers after sentences are the articles that "
             "report them.</footer>"]  # fmt: skip
    return _page(f"Daily digest — {day.day}", body, up=up)


def days_page(data: SiteData) -> str:
    items = [f'<li><a href="days/{e(d.day)}.html">{e(day_words(d.day))} {e(d.day[:4])}</a> · '
             f"{e(counted(len(d.stories), 'story'))}</li>" for d in reversed(data.days)]  # fmt: skip
    body = ["<header><h1>Every day</h1></header>", '<main><ul class="days">', *items, "</ul></main>"]
    return _page("Every day", body, up="")


def story_page(story_id: str, timeline: tuple[SiteStory, ...]) -> str:
    """A story's every day, newest first, each with its digest and a link to that day's page."""
    latest = timeline[-1]
    body = [f"<header><h1>{e(latest.headline)}</h1><p>story {e(story_id)} · "
            f"{e(counted(len(timeline), 'day'))}</p></header>", "<main>"]  # fmt: skip
    for story, day in zip(reversed(timeline), reversed(latest.days)):
        body.append(f'<h3><a href="../days/{e(day)}.html">{e(day_words(day))} {e(day[:4])}</a></h3>')
        body += _story_block(story, up="../", with_link=False)
    body.append("</main>")
    return _page(latest.headline, body, up="../")


def _entry_id(site_id: str, day: str) -> str:
    return f"urn:uuid:{uuid.uuid5(uuid.UUID(site_id), day)}"


def atom_feed(data: SiteData, *, base: str = "") -> str:
    """One entry per day (the last ATOM_ENTRIES), ids stable for the archive, the day's digest as HTML content;
    `base` (the site's address, ending in /) makes the links absolute."""
    from lxml import etree

    days = list(reversed(data.days))[:ATOM_ENTRIES]
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
        content = "".join(line for story in day.stories for line in _story_block(story, up=base))
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
