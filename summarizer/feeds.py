"""Feeds: bytes to entries (RSS and Atom through feedparser, JSON Feed), entries to documents, feed lists.

One mapping from a feed entry to a `Document` serves both a feed file given on the command line (the
entry's own text) and a fetched feed (the text of the page the entry links to, when it has one). A new
feed type is one entry in FEED_FORMATS: a test on the first bytes and a parser to a `Feed`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from .documents import Document
from .errors import SettingsFileError

__all__ = ["FEED_FORMATS", "Feed", "FeedEntry", "FeedFormat", "entry_document", "is_feed", "parse_feed",
           "read_feed_list", "strip_tags"]  # fmt: skip


@dataclass(frozen=True)
class FeedEntry:
    title: str | None
    link: str | None  # absolute when the feed's own URL is known
    id: str | None
    date: str | None  # YYYY-MM-DD, from the published (else updated) time
    text: str  # the entry's content, else its summary, as plain paragraphs


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


def _parse_xml(data: bytes, url: str | None) -> Feed:
    import feedparser

    parsed = feedparser.parse(data, response_headers={"content-location": url} if url else None)
    problem = str(parsed.get("bozo_exception", "malformed XML")).splitlines()[0][:120] if parsed.get("bozo") else None
    if not parsed.entries:
        raise NotAFeed(problem or "no entries")
    entries = []
    for entry in parsed.entries:
        html = " ".join(part.get("value", "") for part in entry.get("content") or []) or entry.get("summary", "")
        parsed_time = entry.get("published_parsed") or entry.get("updated_parsed")
        entries.append(FeedEntry(
            title=entry.get("title") or None, link=_absolute(entry.get("link"), url), id=entry.get("id") or None,
            date="{:04d}-{:02d}-{:02d}".format(*parsed_time[:3]) if parsed_time else None,
            text=strip_tags(html) or entry.get("title", ""),
        ))  # fmt: skip
    return Feed(parsed.feed.get("title") or None, tuple(entries), "rss/atom", problem)


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
        entries.append(FeedEntry(
            title=item.get("title") or None, link=_absolute(item.get("url") or item.get("external_url"), url or base),
            id=str(item["id"]) if item.get("id") is not None else None,
            date=published[:10] if re.match(r"\d{4}-\d\d-\d\d", published) else None,
            text=text or item.get("title") or "",
        ))  # fmt: skip
    return Feed(feed.get("title") or None, tuple(entries), "json feed")


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
    entry: FeedEntry, *, doc_id: str, outlet: str | None, path: str | None = None, page: Document | None = None
) -> Document | None:
    """The document of a feed entry: the text of the page it links to (`page`, when fetched) or its own;
    None when it has no text at all."""
    text = page.text if page is not None else entry.text
    if not text.strip():
        return None
    return Document(
        id=doc_id,
        text=text,
        title=(page.title if page is not None else None) or entry.title,
        source=outlet,
        url=(page.url if page is not None and page.url else None) or entry.link,
        date=(page.date if page is not None else None) or entry.date,
        path=path,
        notes=page.notes if page is not None else (),
    )


def read_feed_list(path: str) -> list[str]:
    """Feed URLs from an OPML file (every outline's xmlUrl) or a text file of one URL per line (# comments).
    A list that cannot be used is a SettingsFileError naming the file (and the line)."""
    file = Path(path)
    if not file.exists():
        raise SettingsFileError(path, "no such file")
    if not file.is_file():
        raise SettingsFileError(path, "not a file (give the feed list itself)")
    try:
        data = file.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as error:
        raise SettingsFileError(path, f"cannot read the feed list ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise SettingsFileError(path, "not a feed list (binary, or not UTF-8 text)") from None
    if "\x00" in text:
        raise SettingsFileError(path, "not a feed list (binary, or not UTF-8 text)")
    if text.lstrip().startswith("<"):
        from lxml import etree

        try:
            root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
        except etree.XMLSyntaxError as error:
            raise SettingsFileError(path, f"not a valid OPML file ({error})") from None
        found = [(o.sourceline or 0, o.get("xmlUrl")) for o in root.iter("outline") if o.get("xmlUrl")]
    else:
        found = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)
                 if line.strip() and not line.lstrip().startswith("#")]  # fmt: skip
    for number, url in found:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise SettingsFileError(path, f"line {number}: not an http(s) URL: {url!r}")
    if not found:
        raise SettingsFileError(path, "no feed URL in it")
    return list(dict.fromkeys(url for _, url in found))
