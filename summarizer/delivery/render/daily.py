"""The daily digest as text, Markdown, JSON, a self-contained HTML page, or a terminal view."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...text import counted
from .common import check_format, day_words, json_text, markdown_escape, safe_link, when
from .coverage import Scale, blindspot_view, coverage_view, scale_of_stories
from .differences import difference_lines, outlet_names
from .templates import Templates, shipped, view

if TYPE_CHECKING:
    from ...stories import DailyDigest, Story

FORMATS = ("text", "markdown", "json", "html")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def story_file_name(story_id: str) -> str:
    """The file name of a story's page (in the story folder next to a daily page)."""
    return _SAFE_NAME.sub("_", story_id) + ".html"


def _meta(story: Story) -> str:
    outlets = len(story.sources)
    parts = [
        *([f"new since {day_words(story.since)}"] if story.since else []),
        counted(outlets, "outlet"),
        counted(len(story.documents), "article"),
    ]
    if story.duplicates:
        parts.append(f"{counted(len(story.duplicates), 'copy', 'copies')} counted once")
    if story.latest:
        parts.append(f"latest {when(story.latest)}")
    return " · ".join(parts)


@dataclass(frozen=True)
class _Named:
    """An article as outlet_names reads it, from what the day keeps of it (its title and address)."""

    id: str
    title: str | None
    url: str | None
    source: str | None = None


def _sources(story: Story, documents: dict[str, dict[str, str | None]]) -> list[str]:
    """The story's outlets as a reader knows them: an article with no outlet name counts under its own id, and
    is shown by its web domain, its headline or "unnamed source N", as the differences lines name it."""
    if not set(story.sources) & set(story.documents):
        return list(story.sources)
    names = outlet_names(story.digest.documents) if story.digest.documents else {}
    missing = [i for i in story.documents if i not in names]
    names |= outlet_names(
        [_Named(i, documents.get(i, {}).get("title"), documents.get(i, {}).get("url")) for i in missing]
    )
    return [names.get(source, source) if source in story.documents else source for source in story.sources]


def _nothing_new(story: Story) -> str:
    """What a continuing story with no new fact says instead of sentences."""
    return f"Nothing new since {day_words(story.since)}." if story.since else "Nothing new."


def _title(daily: DailyDigest) -> str:
    return f"Daily digest — {daily.date}" if daily.date else "Daily digest"


def _blindspots(daily: DailyDigest) -> list[str]:
    """The day's stories covered under one outlet label only."""
    blind = [f"{n}. {s.headline} ({', '.join(s.digest.coverage.blindspot)})" for n, s in enumerate(daily.stories, 1)
             if s.digest.coverage and s.digest.coverage.blindspot]  # fmt: skip
    return [f"Blindspots: {'; '.join(blind)}"] if blind else []


WHY_LINKS_SHOWN = 3  # a story's strongest links in the text: enough to see what holds it


def _why_lines(story: Story) -> list[str]:
    """Why the grouping made the story (daily --explain; stories.explain): its strongest links, or for a single
    article its nearest story and what kept it out."""
    why = story.why
    if not why:
        return []

    def shared(item: dict[str, Any]) -> str:
        days = item.get("days_apart")
        apart = [] if not days else [counted(days, "day") + " apart"]
        return "; ".join([", ".join(item.get("shared") or ["no shared term"]), *apart])

    if why.get("nearest") is not None:
        near = why["nearest"]
        if near.get("article") is None:
            return [f"why alone: {near['reason']}"]
        where = f"story {near['story']}" if near.get("story") else "a story not shown"
        found = f"{near['similarity']:.3f}, {near['needed']:.3f} needed"
        if "before_days" in near:
            found += f", {near['before_days']:.3f} before days apart"
        if "average" in near:
            found += f"; on average with the story {near['average']:.3f}, {near['average_needed']:.3f} needed"
        return [f"why alone: nearest {where} (via {near['article']}: {found}; {shared(near)}): {near['reason']}"]
    links = [f"{link['articles'][0]} – {link['articles'][1]} {link['similarity']:.3f} ({shared(link)})"
             for link in sorted(why.get("links", []), key=lambda link: -link["similarity"])]  # fmt: skip
    more = len(links) - WHY_LINKS_SHOWN
    lines = [f"why: joined by {'; '.join(links[:WHY_LINKS_SHOWN])}" + (f"; and {more} more" if more > 0 else "")]
    centroid = [f"why: {item['article']} by its closeness to the story ({item['similarity']:.3f})"
                for item in why.get("by_centroid", [])]  # fmt: skip
    return (lines if links else []) + centroid


def render_text(daily: DailyDigest, *, explain: bool = False) -> str:
    lines = [_title(daily), "=" * len(_title(daily)), ""]
    for number, story in enumerate(daily.stories, start=1):
        lines += [f"{number}. {story.headline}", f"   {_meta(story)}"]
        lines += [f"   - {s.text}" for s in story.digest.sentences] or [f"   - ({_nothing_new(story)})"]
        lines += [f"   sources: {', '.join(_sources(story, daily.documents))}"]
        lines += [f"   {line}" for line in difference_lines(story.digest)]
        lines += [f"   {line}" for line in _why_lines(story)] + [""]
    lines += _blindspots(daily)
    lines += [f"note: {n}" for n in daily.notes]
    if explain and daily.left_out:
        lines += ["", "Left out (no text after cleaning):", *(f"  {doc_id}" for doc_id in daily.left_out)]
    return "\n".join(lines).rstrip() + "\n"


def render_markdown(daily: DailyDigest) -> str:
    lines = [
        f"# {_title(daily)}",
        "",
        f"{counted(len(daily.stories), 'story')} from {counted(daily.stats.get('articles', 0), 'article')}.",
        "",
    ]
    for number, story in enumerate(daily.stories, start=1):
        lines += [f"## {number}. {markdown_escape(story.headline)}", "", f"*{markdown_escape(_meta(story))}*", ""]
        lines += [" ".join(markdown_escape(s.text) for s in story.digest.sentences) or f"*{_nothing_new(story)}*", ""]
        lines += [f"Sources: {markdown_escape(', '.join(_sources(story, daily.documents)))}", ""]
        lines += [f"- {markdown_escape(line)}" for line in difference_lines(story.digest)]
        lines += [""] if difference_lines(story.digest) else []
    lines += [markdown_escape(line) + "\n" for line in _blindspots(daily)]
    if daily.notes:
        lines += ["---", ""] + [f"- {markdown_escape(n)}" for n in daily.notes] + [""]
    return "\n".join(lines)


def render_story_page(story: Story, *, day_page: str | None = None, templates: Templates | None = None) -> str:
    """A continuing story's timeline: every day's digest, newest first (a static page in the folder next to the
    daily page `day_page`, which it links back to; templates daily/story.html)."""
    timeline = [view(day=day["day"], headline=day.get("headline", ""), since=day.get("since"),
                     articles=day["articles"], sentences=list(day.get("sentences", [])))
                for day in reversed(story.timeline)]  # fmt: skip
    return (templates or shipped()).page("daily/story.html", headline=story.headline, story_id=story.story_id or "",
                                         timeline=timeline, day_page=quote(day_page) if day_page else None)  # fmt: skip


def _story_view(story: Story, documents: dict[str, dict[str, Any]], story_pages: str | None, scale: Scale) -> Any:
    """What the templates get of a story of the day (daily/day.html): text as it is, each article's address only
    when it is an http(s) one."""
    index = {doc_id: n for n, doc_id in enumerate(story.documents, start=1)}
    sentences = []
    for sentence in story.digest.sentences:
        others = sorted(m for d in sentence.also_reported_by if (m := index.get(d)) is not None)
        marks = [m for m in (index.get(sentence.document), *others) if m is not None]
        sentences.append(view(text=sentence.text, numbers=list(dict.fromkeys(marks))))  # its own article first
    articles = [view(id=doc_id, title=documents.get(doc_id, {}).get("title") or doc_id,
                     url=safe_link(documents.get(doc_id, {}).get("url")), copy=doc_id in story.duplicates)
                for doc_id in story.documents]  # fmt: skip
    earlier = None
    if story_pages and story.story_id and len(story.timeline) > 1:
        earlier = f"{quote(story_pages)}/{story_file_name(story.story_id)}"  # a relative path, whatever its name
    coverage = story.digest.coverage
    return view(id=story.story_id, headline=story.headline, since=story.since, outlets=len(story.sources),
                sources=_sources(story, documents), copies=len(story.duplicates), latest=story.latest,
                days=len(story.timeline), earlier=earlier, sentences=sentences, articles=articles,
                differences=difference_lines(replace(story.digest, coverage=None)),  # the bar draws the coverage
                coverage=coverage_view(coverage.counts, coverage.blindspot, scale) if coverage else [],
                blindspot=bool(coverage and coverage.blindspot))  # fmt: skip


def page_context(daily: DailyDigest, *, story_pages: str | None = None, scale: Scale | None = None) -> dict[str, Any]:
    """What daily/day.html (and mail.html) get: the day, its stories, the blindspots and the notes; `scale`: the
    order of the coverage bars (the label file's; else render.coverage.scale_of_stories)."""
    scale = scale_of_stories((s.digest.coverage.counts for s in daily.stories if s.digest.coverage), scale)
    blindspots = [blindspot_view(n, s.headline, s.digest.coverage.blindspot)
                  for n, s in enumerate(daily.stories, 1) if s.digest.coverage and s.digest.coverage.blindspot]  # fmt: skip
    return {"date": daily.date, "articles": daily.stats.get("articles", 0), "blindspots": blindspots,
            "stories": [_story_view(s, daily.documents, story_pages, scale) for s in daily.stories],
            "notes": list(daily.notes)}  # fmt: skip


def render_html(
    daily: DailyDigest,
    *,
    story_pages: str | None = None,
    templates: Templates | None = None,
    scale: Scale | None = None,
) -> str:
    """A self-contained page (daily/day.html): inline CSS, no scripts, no external resources, no control
    character. With `story_pages` (a folder next to the page) each continuing story links to its page of earlier
    digests there; `scale` orders the coverage bars (a label file's order)."""
    context = page_context(daily, story_pages=story_pages, scale=scale)
    return (templates or shipped()).page("daily/day.html", **context)


def render(
    daily: DailyDigest,
    fmt: str = "text",
    *,
    explain: bool = False,
    story_pages: str | None = None,
    templates: Templates | None = None,
    scale: Scale | None = None,
) -> str:
    """The daily digest in one of FORMATS; `explain` lists every article left out (text format); `story_pages`,
    `templates` and `scale` (the order of the coverage bars) make the HTML page."""
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(daily.to_dict())
    if fmt == "markdown":
        return render_markdown(daily)
    if fmt == "html":
        return render_html(daily, story_pages=story_pages, templates=templates, scale=scale)
    return render_text(daily, explain=explain)


def rich_view(daily: DailyDigest, *, explain: bool = False) -> Any:
    from rich.console import Group
    from rich.panel import Panel
    from rich.rule import Rule
    from rich.text import Text

    parts: list[Any] = [Rule(_title(daily))]
    for number, story in enumerate(daily.stories, start=1):
        body = Text()
        body.append(_meta(story) + "\n", style="dim")
        for sentence in story.digest.sentences:
            body.append("• " + sentence.text + "\n")
        if not story.digest.sentences:
            body.append(_nothing_new(story) + "\n", style="italic")
        body.append("sources: " + ", ".join(_sources(story, daily.documents)), style="cyan")
        for line in difference_lines(story.digest):
            body.append("\n" + line, style="magenta")
        for line in _why_lines(story):
            body.append("\n" + line, style="dim")
        parts.append(Panel(body, title=Text(f"{number}. {story.headline}"), title_align="left", border_style="blue"))
    parts += [Text.assemble(("note: ", "yellow"), note) for note in daily.notes]
    if explain and daily.left_out:
        parts.append(Text("Left out (no text after cleaning): " + ", ".join(daily.left_out)))
    return Group(*parts)
