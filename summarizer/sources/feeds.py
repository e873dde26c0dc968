"""Feeds: bytes to entries (RSS and Atom through feedparser, JSON Feed), and entries to documents.

One mapping from a feed entry to a `Document` serves both a feed file given on the command line (the
entry's own text) and a fetched feed (the text of the page the entry links to, when it has one). A new
feed type is one entry in FEED_FORMATS: a test on the first bytes and a parser to a `Feed`.
"""

from __future__ import annotations

import datetime
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ..documents import Document
from .decoding import safe_document, safe_line, safe_text

__all__ = ["FEED_FORMATS", "Feed", "FeedEntry", "FeedFormat", "entry_document", "is_feed", "parse_feed",
           "strip_tags"]  # fmt: skip


@dataclass(frozen=True)
class FeedEntry:
    title: str | None
    link: str | None  # absolute when the feed's own URL is known
    id: str | None
    date: str | None  # from the published (else updated) time: YYYY-MM-DDTHH:MM:SSZ (UTC), or YYYY-MM-DD
    text: str  # the entry's content, else its summary, as plain paragraphs
    repaired: tuple[str, ...] = ()  # fields that held a lone surrogate (replaced by U+FFFD)
    source: str | None = None  # the item's own outlet, in an aggregator's feed (RSS <source>, Atom source/title)


def _entry(title: Any, link: str | None, id: str | None, date: str | None, text: Any, source: Any = None) -> FeedEntry:
    """An entry whose every field is made safe (summarizer.sources.decoding.safe_text), naming the fields that held a
    lone surrogate; an optional field with nothing left is None."""
    repaired: list[str] = []

    def safe(name: str, value: Any) -> str:
        made_safe = safe_text if name == "text" else safe_line
        cleaned, replaced = made_safe(str(value)) if value is not None else ("", 0)
        repaired.extend([name] if replaced else [])
        return cleaned

    return FeedEntry(title=safe("title", title) or None, link=safe("link", link) or None,
                     id=safe("id", id) or None, date=safe("date", date) or None, text=safe("text", text),
                     source=safe("source", source) or None, repaired=tuple(repaired))  # fmt: skip


def _title(title: Any) -> str | None:
    return safe_line(str(title))[0] or None if title else None


@dataclass(frozen=True)
class Feed:
    title: str | None
    entries: tuple[FeedEntry, ...]
    kind: str  # a name of FEED_FORMATS
    problem: str | None = None  # malformed, but its entries could be read


class NotAFeed(ValueError):
    """The bytes are no feed of any known kind; the message says what the parser saw."""


@dataclass(frozen=True)
class FeedFormat:
    detect: Callable[[bytes], bool]  # on the first bytes
    parse: Callable[[bytes, str | None], Feed]  # (data, the feed's URL) -> Feed, or NotAFeed


def strip_tags(html: str) -> str:
    """Plain paragraphs of an HTML fragment (an entry's content)."""
    if "<" not in html:
        return html
    import lxml.html

    try:
        root = lxml.html.fromstring(f"<div>{html}</div>")
    except Exception:  # lxml raises several kinds on broken markup
        return re.sub(r"<[^>]+>", " ", html)
    blocks = [" ".join(p.text_content().split()) for p in root.iter("p")]
    blocks = [b for b in blocks if b]
    return "\n\n".join(blocks) if blocks else " ".join(root.text_content().split())


def _absolute(link: str | None, base: str | None) -> str | None:
    link = (link or "").strip() or None
    return urljoin(base, link) if link and base else link


def _source_title(source: Any) -> Any:
    """The name of the outlet an aggregator's item comes from (feedparser's entry.source.title), or None."""
    return source.get("title") if isinstance(source, dict) else None


def _parse_xml(data: bytes, url: str | None) -> Feed:
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    problem = str(parsed.get("bozo_exception", "malformed XML")).splitlines()[0][:120] if parsed.get("bozo") else None
    if not parsed.entries and not (parsed.get("version") and parsed.feed):
        raise NotAFeed(problem or "no entries")  # an empty channel of a known kind is a feed with nothing new
    entries = []
    for entry in parsed.entries:
        html = " ".join(part.get("value", "") for part in entry.get("content") or []) or entry.get("summary", "")
        parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
        timed = ":" in (entry.get("published") or entry.get("updated") or "")
        entries.append(_entry(
            title=entry.get("title") or None, link=_absolute(entry.get("link"), url), id=entry.get("id") or None,
            date=(time.strftime("%Y-%m-%dT%H:%M:%SZ" if timed else "%Y-%m-%d", parsed_time) if parsed_time else None),
            text=strip_tags(html) or entry.get("title", ""), source=_source_title(entry.get("source")),
        ))  # fmt: skip
    return Feed(_title(parsed.feed.get("title")), tuple(entries), "rss/atom", problem)


def _json_date(published: str) -> str | None:
    """A JSON Feed's RFC 3339 time as UTC (YYYY-MM-DDTHH:MM:SSZ); a bare date as it is; else None."""
    if not re.match(r"\d{4}-\d\d-\d\d", published):
        return None
    try:
        moment = datetime.datetime.fromisoformat(published.replace("z", "Z"))
    except ValueError:
        return published[:10]
    if len(published) <= 10:
        return published[:10]
    moment = moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _is_json_feed(data: bytes) -> bool:
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    return head.startswith(b"{") and b"jsonfeed.org/version/" in head


def _parse_json(data: bytes, url: str | None) -> Feed:
    try:
        feed = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise NotAFeed(f"invalid JSON Feed ({error})") from None
    items = feed.get("items") if isinstance(feed, dict) else None
    if not isinstance(items, list) or not items:
        raise NotAFeed("a JSON Feed without items")
    base = feed.get("feed_url") or feed.get("home_page_url") or url
    entries = []
    for item in items:
        if not isinstance(item, dict):
            continue
        html = item.get("content_html") or ""
        text = item.get("content_text") or (strip_tags(html) if html else "") or item.get("summary") or ""
        published = str(item.get("date_published") or item.get("date_modified") or "")
        entries.append(_entry(
            title=item.get("title") or None, link=_absolute(item.get("url") or item.get("external_url"), url or base),
            id=str(item["id"]) if item.get("id") is not None else None,
            date=_json_date(published),
            text=text or item.get("title") or "",
        ))  # fmt: skip
    return Feed(_title(feed.get("title")), tuple(entries), "json feed")


# Tried in order: the first whose test accepts the bytes parses them.
FEED_FORMATS: dict[str, FeedFormat] = {
    "json feed": FeedFormat(_is_json_feed, _parse_json),
    "rss/atom": FeedFormat(lambda data: True, _parse_xml),
}


def is_feed(data: bytes) -> bool:
    """Bytes that announce a feed on their own (an XML feed's root, or a JSON Feed's version)."""
    head = data.lstrip()[:2000]
    return (head.startswith(b"<?xml") and re.search(rb"<(rss|feed|rdf:RDF)\b", head) is not None) or _is_json_feed(data)


def parse_feed(data: bytes, *, url: str | None = None) -> Feed:
    """The feed in these bytes; NotAFeed (a ValueError) when they hold none."""
    for feed_format in FEED_FORMATS.values():
        if feed_format.detect(data):
            return feed_format.parse(data, url)
    raise NotAFeed("no known feed format")  # pragma: no cover - the last format accepts anything


def entry_document(
    entry: FeedEntry, *, doc_id: str, outlet: str | None, path: str | None = None, page: Document | None = None,
    language: str | None = None,
) -> Document | None:  # fmt: skip
    """The document of a feed entry: the text of the page it links to (`page`, when fetched) or its own;
    None when it has no text at all. Its outlet is the entry's own source when it names one (an aggregator's
    item), else `outlet` (the feed list's name, else the feed's title). `language`: the feed's, when the feed
    list gives one."""
    text = page.text if page is not None else entry.text
    if not text.strip():
        return None
    document = Document(
        id=doc_id,
        text=text,
        title=(page.title if page is not None else None) or entry.title,
        source=entry.source or outlet,
        url=(page.url if page is not None and page.url else None) or entry.link,
        # A feed's timestamp says when, to the minute (what --hot needs); a page's own date is a day at best.
        date=(entry.date if entry.date and len(entry.date) > 10 else None)
        or (page.date if page is not None else None)
        or entry.date,
        path=path,
        notes=page.notes if page is not None else (),
        language=language,
    )
    return safe_document(document)[0]  # the entry's own fields are safe already: this is for the outlet's name
