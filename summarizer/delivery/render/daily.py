"""The daily digest as text, Markdown, JSON, a self-contained HTML page, or a terminal view."""

from __future__ import annotations

import datetime
import html
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from ...text import counted
from .common import check_format, json_text, markdown_escape, page_text, safe_link
from .differences import difference_lines

if TYPE_CHECKING:
    from ...stories import DailyDigest, Story

FORMATS = ("text", "markdown", "json", "html")
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def story_file_name(story_id: str) -> str:
    """The file name of a story's page (in the story folder next to a daily page)."""
    return _SAFE_NAME.sub("_", story_id) + ".html"


def day_words(day: str) -> str:
    """'2025-04-21' as '21 April' (the reader knows the year)."""
    try:
        date = datetime.date.fromisoformat(day[:10])
    except ValueError:
        return day
    return f"{date.day} {date:%B}"


def when(date: str) -> str:
    """A date as given, or a feed's UTC timestamp as '2025-04-21 08:00 UTC'."""
    if len(date) == 20 and date[10] == "T" and date.endswith("Z"):
        return f"{date[:10]} {date[11:16]} UTC"
    return date


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


def render_text(daily: DailyDigest, *, explain: bool = False) -> str:
    lines = [_title(daily), "=" * len(_title(daily)), ""]
    for number, story in enumerate(daily.stories, start=1):
        lines += [f"{number}. {story.headline}", f"   {_meta(story)}"]
        lines += [f"   - {s.text}" for s in story.digest.sentences] or [f"   - ({_nothing_new(story)})"]
        lines += [f"   sources: {', '.join(story.sources)}"]
        lines += [f"   {line}" for line in difference_lines(story.digest)] + [""]
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
        lines += [f"Sources: {markdown_escape(', '.join(story.sources))}", ""]
        lines += [f"- {markdown_escape(line)}" for line in difference_lines(story.digest)]
        lines += [""] if difference_lines(story.digest) else []
    lines += [markdown_escape(line) + "\n" for line in _blindspots(daily)]
    if daily.notes:
        lines += ["---", ""] + [f"- {markdown_escape(n)}" for n in daily.notes] + [""]
    return "\n".join(lines)


PAGE_CSS = """
:root { --ink:#1d2330; --muted:#5b6475; --rule:#e3e6ec; --accent:#2452c9; --paper:#fbfbf8; --card:#ffffff; }
@media (prefers-color-scheme: dark) {
  :root { --ink:#e8eaf0; --muted:#a3abbb; --rule:#2c3240; --accent:#8fb0ff; --paper:#14171d; --card:#1b1f27; }
}
* { box-sizing: border-box; }
body { margin:0; background:var(--paper); color:var(--ink);
       font: 17px/1.6 Charter, "Bitstream Charter", "Sitka Text", Cambria, Georgia, serif; }
header { max-width: 46rem; margin: 0 auto; padding: 2.5rem 1.25rem 0.5rem; }
header h1 { font: 700 2rem/1.2 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 0 .3rem; }
header p { color: var(--muted); margin: 0; font-family: system-ui, sans-serif; font-size: .95rem; }
main { max-width: 46rem; margin: 0 auto; padding: 1rem 1.25rem 3rem; }
article { background: var(--card); border: 1px solid var(--rule); border-radius: 10px; padding: 1.2rem 1.4rem;
          margin: 1.1rem 0; }
article h2 { font: 650 1.3rem/1.3 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 0 .35rem; }
article h2 .rank { color: var(--accent); margin-right: .4rem; }
.meta { color: var(--muted); font: .85rem/1.4 system-ui, sans-serif; margin-bottom: .7rem; }
article p { margin: 0 0 .6rem; }
.differs { margin: .2rem 0; }
.new { background: var(--accent); color: var(--paper); border-radius: 4px; padding: 0 .35rem; }
sup { color: var(--accent); font: .7rem system-ui, sans-serif; margin-left: .15rem; }
details { font: .85rem/1.5 system-ui, sans-serif; color: var(--muted); }
details summary { cursor: pointer; }
details li { margin: .15rem 0; }
a { color: var(--accent); }
footer { max-width: 46rem; margin: 0 auto; padding: 0 1.25rem 2rem; color: var(--muted);
         font: .8rem system-ui, sans-serif; }
"""


def _page(title: str, body: list[str]) -> list[str]:
    e = html.escape
    return ["<!DOCTYPE html>", '<html lang="en">', "<head>", '<meta charset="utf-8">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">', f"<title>{e(title)}</title>",
            f"<style>{PAGE_CSS}</style>", "</head>", "<body>", *body, "</body>", "</html>"]  # fmt: skip


def render_story_page(story: Story, *, day_page: str | None = None) -> str:
    """A continuing story's timeline: every day's digest, newest first (a static page in the folder next to the
    daily page `day_page`, which it links back to)."""
    e = html.escape
    back = f' · <a href="../{e(quote(day_page))}">back to the day</a>' if day_page else ""
    body = [f"<header><h1>{e(story.headline)}</h1><p>story {e(story.story_id or '')} · "
            f"{e(counted(len(story.timeline), 'day'))}{back}</p></header>", "<main>"]  # fmt: skip
    for day in reversed(story.timeline):
        since = f' <span class="new">new since {e(day_words(day["since"]))}</span>' if day.get("since") else ""
        body.append(f"<article><h2>{e(day_words(day['day']))} · {e(day.get('headline', ''))}{since}</h2>")
        body.append(f'<div class="meta">{e(counted(day["articles"], "new article"))}</div>')
        body += [f"<p>{e(sentence)}</p>" for sentence in day.get("sentences", [])]
        body.append("</article>")
    body += ["</main>", "<footer>Made by summarizer from its archive.</footer>"]
    return page_text("\n".join(_page(story.headline, body)) + "\n")


def render_html(daily: DailyDigest, *, story_pages: str | None = None) -> str:
    """A self-contained page: inline CSS, no scripts, no external resources, no control character (page_text).
    With `story_pages` (a folder next to the page) each continuing story links to its page of earlier digests
    there."""
    e = html.escape
    documents = daily.documents
    parts = [
        f"<header><h1>{e(_title(daily))}</h1><p>{e(counted(len(daily.stories), 'story'))} from "
        f"{e(counted(daily.stats.get('articles', 0), 'article'))}</p></header>",
        "<main>",
    ]
    for number, story in enumerate(daily.stories, start=1):
        index = {doc_id: n for n, doc_id in enumerate(story.documents, start=1)}
        parts.append("<article>")
        parts.append(f'<h2><span class="rank">{number}</span>{e(story.headline)}</h2>')
        meta = e(_meta(story))
        if story.since:
            meta = meta.replace(e(f"new since {day_words(story.since)}"),
                                f'<span class="new">new since {e(day_words(story.since))}</span>', 1)  # fmt: skip
        if story_pages and story.story_id and len(story.timeline) > 1:
            href = f"{story_pages}/{story_file_name(story.story_id)}"
            meta += f' · <a href="{e(href)}">earlier digests ({e(counted(len(story.timeline) - 1, "day"))})</a>'
        parts.append(f'<div class="meta">{meta}</div>')
        if not story.digest.sentences:
            parts.append(f'<p class="meta">{e(_nothing_new(story))}</p>')
        for sentence in story.digest.sentences:
            others = sorted(m for d in sentence.also_reported_by if (m := index.get(d)) is not None)
            marks = [m for m in (index.get(sentence.document), *others) if m is not None]
            marks_text = ",".join(str(m) for m in dict.fromkeys(marks))  # its own article first, then in order
            parts.append(f"<p>{e(sentence.text)}<sup>{e(marks_text)}</sup></p>")
        parts += [f'<div class="meta differs">{e(line)}</div>' for line in difference_lines(story.digest)]
        parts.append(
            f"<details><summary>{e(counted(len(story.documents), 'article'))} · {e(', '.join(story.sources))}"
            "</summary><ol>"
        )
        for doc_id in story.documents:
            info = documents.get(doc_id, {})
            label = info.get("title") or doc_id
            copy = " (copy)" if doc_id in story.duplicates else ""
            link = safe_link(info.get("url"))
            if link:
                parts.append(f'<li><a href="{e(link)}">{e(label)}</a>{copy}</li>')
            else:
                parts.append(f"<li>{e(label)}{copy}</li>")
        parts.append("</ol></details></article>")
    parts += [f'<p class="meta">{e(line)}</p>' for line in _blindspots(daily)]
    parts.append("</main>")
    notes = "".join(f"<div>{e(n)}</div>" for n in daily.notes)
    parts.append(
        f"<footer>Made by summarizer from the articles given; numbers after sentences are the articles "
        f"that report them.{notes}</footer>"
    )
    return page_text("\n".join(_page(_title(daily), parts)) + "\n")


def render(daily: DailyDigest, fmt: str = "text", *, explain: bool = False, story_pages: str | None = None) -> str:
    """The daily digest in one of FORMATS; `explain` lists every article left out (text format)."""
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(daily.to_dict())
    if fmt == "markdown":
        return render_markdown(daily)
    if fmt == "html":
        return render_html(daily, story_pages=story_pages)
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
        body.append("sources: " + ", ".join(story.sources), style="cyan")
        for line in difference_lines(story.digest):
            body.append("\n" + line, style="magenta")
        parts.append(Panel(body, title=Text(f"{number}. {story.headline}"), title_align="left", border_style="blue"))
    parts += [Text.assemble(("note: ", "yellow"), note) for note in daily.notes]
    if explain and daily.left_out:
        parts.append(Text("Left out (no text after cleaning): " + ", ".join(daily.left_out)))
    return Group(*parts)
