"""Feeds and the pages they link to, fetched politely and bounded in count and time.

`fetch_feeds` reads each feed (conditional requests: an unchanged feed costs one 304), maps its entries
to documents (`summarizer.sources.feeds`), and reads each new page through the same HTML extraction as HTML
files given on the command line. HTTP itself (deadlines, redirects, retries, robots.txt, the per-host
delay) is `summarizer.sources.web`. A failing feed or page is one line of the report; the run goes on. Nothing
here writes the archive: a run fetches first and takes the archive's write lock only to store.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..documents import Document
from ..errors import InputError
from .feedlist import FeedList, FeedSettings, read_feed_list
from .feeds import FeedEntry, NotAFeed, entry_document, parse_feed
from .web import Answer, Fetcher, FetchFailed, FetchSettings, is_web_url, retry_after

__all__ = [
    "FeedList",
    "FeedResult",
    "FetchReport",
    "FetchSettings",
    "Fetcher",
    "fetch_feeds",
    "fetch_for_archive",
    "read_feed_list",
    "retry_after",
]

# Content types that are no web page and no feed: refused before anything is parsed.
NOT_TEXT = re.compile(r"^(image|audio|video|font)/|^application/(pdf|zip|gzip|x-tar|octet-stream|vnd\.)")
PAGE_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
# Problems shown one line each; the rest is one line that counts them (10,000 failing feeds were 10,000 lines).
PROBLEMS_SHOWN = 20


@dataclass
class FeedResult:
    url: str
    status: str  # "new", "unchanged" or "failed"
    pages: int = 0
    left_out: int = 0  # items the feed list's keep / block patterns left out
    etag: str | None = None
    last_modified: str | None = None
    final_url: str | None = None  # where the feed answered from, when a redirect led elsewhere
    problem: str | None = None  # why it failed

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"url": self.url, "status": self.status, "pages": self.pages}
        if self.left_out:
            data["left_out"] = self.left_out
        if self.final_url:
            data["final_url"] = self.final_url
        if self.problem:
            data["problem"] = self.problem
        return data


@dataclass
class FetchReport:
    feeds: list[FeedResult] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per failing feed or page
    requests: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"feeds": [f.to_dict() for f in self.feeds], "articles": len(self.documents),
                "problems": list(self.problems), "requests": self.requests}  # fmt: skip

    def problem_lines(self, shown: int | None = PROBLEMS_SHOWN, *, every: str = "--format json") -> list[str]:
        """The problems to print: the first `shown` (None: all), then one line counting the rest, with the
        failing feeds' commonest causes; `every` says where each one can be read."""
        if shown is None or len(self.problems) <= shown:
            return list(self.problems)
        lines = self.problems[:shown]
        printed = set(lines)
        failed = [
            f.problem or "" for f in self.feeds if f.status == "failed" and f"{f.url}: {f.problem}" not in printed
        ]
        others = len(self.problems) - shown - len(failed)
        parts = []
        if failed:
            causes = Counter(failed).most_common(3)
            rest = len(failed) - sum(n for _, n in causes)
            parts.append(f"{len(failed):,} more feeds failed: " + ", ".join(f"{c} ({n:,})" for c, n in causes)
                         + (f", other causes ({rest:,})" if rest else ""))  # fmt: skip
        if others > 0:
            parts.append(f"{others:,} more problems")
        return [*lines, f"… and {'; and '.join(parts)}; {every} lists every one"]


def _page_id(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"[^A-Za-z0-9]+", "-", parts.path).strip("-")[:80]
    return f"{parts.netloc}/{path}" if path else parts.netloc


def _read_feed(fetcher: Fetcher, url: str, headers: dict[str, str]) -> tuple[Answer | None, str | None]:
    """The feed's answer, or the line saying why there is none."""
    try:
        answer = fetcher.get(url, headers)
    except FetchFailed as error:
        return None, str(error)
    if answer.status == 304:
        return answer, None
    if answer.status >= 400:
        return None, f"HTTP {answer.status}"
    if answer.status >= 300:
        return None, f"HTTP {answer.status} without a Location to follow"
    if not answer.data.strip():
        return None, "empty answer (HTTP 200 with no content)"
    if NOT_TEXT.match(answer.content_type):
        return None, f"not a feed (Content-Type {answer.content_type})"
    return answer, None


def _read_page(fetcher: Fetcher, link: str) -> Document:
    """The article of one page (its extracted text), or FetchFailed / InputError saying why not."""
    from .ingest import parse_bytes

    page = fetcher.get(link, page=True)
    if page.status >= 400:
        raise FetchFailed(f"HTTP {page.status}")
    if page.status >= 300:
        raise FetchFailed(f"HTTP {page.status} without a Location to follow")
    if page.content_type not in PAGE_TYPES and not page.content_type.startswith("text/"):
        raise FetchFailed(f"not a web page (Content-Type {page.content_type})")
    if not page.data.strip():
        raise FetchFailed("empty answer (HTTP 200 with no content)")
    (document,) = parse_bytes(page.data, name=_page_id(page.url), path=link, suffix=".html", warnings=[])[:1]
    return Document(id=document.id, text=document.text, title=document.title, url=page.url, date=document.date,
                    notes=document.notes)  # fmt: skip


def _feed_list(feeds: Sequence[str] | FeedList) -> FeedList:
    return feeds if isinstance(feeds, FeedList) else FeedList("", tuple(FeedSettings(url) for url in feeds))


def _entry_page(fetcher: Fetcher, entry: FeedEntry, link: str, report: FetchReport) -> Document | None:
    """The page an entry links to; where it cannot be read and the entry carries text of its own, None and a
    line saying the excerpt is used; where neither, FetchFailed."""
    try:
        return _read_page(fetcher, link)
    except (FetchFailed, InputError) as error:
        problem = error.problem if isinstance(error, InputError) else str(error)
        if not entry.text.strip() or entry.text.strip() == (entry.title or "").strip():
            raise FetchFailed(problem) from None
        report.problems.append(f"{link}: {problem}; the feed's excerpt is used instead")
        return None


def _entry_documents(
    fetcher: Fetcher, feeds: FeedList, feed_url: str, answer: Answer, report: FetchReport, result: FeedResult,
    known: Callable[[str], bool], seen: set[str],
) -> None:  # fmt: skip
    """The new articles of one feed into the report; the feed list's rules leave items out (an item a block
    pattern names is not even fetched)."""
    try:
        feed = parse_feed(answer.data, url=answer.url)
    except NotAFeed as error:
        result.status, result.problem = "failed", f"not a feed ({error})"
        report.problems.append(f"{feed_url}: {result.problem}")
        return
    settings = feeds.settings_of(feed_url)
    outlet = settings.name or feed.title or urlsplit(answer.url).netloc
    for entry in feed.entries:
        if not entry.link:
            continue
        link = urljoin(answer.url, entry.link)
        if not is_web_url(link):
            report.problems.append(f"{feed_url}: an entry links to {link[:80]!r}, not an http(s) page; skipped")
            continue
        if link in seen or known(link):
            continue
        seen.add(link)
        if entry.repaired:
            report.problems.append(f"{link}: the feed's entry has invalid Unicode (a lone surrogate) in "
                                   f"{', '.join(entry.repaired)}; replaced by \ufffd")  # fmt: skip
        if (feeds.left_out(feed_url, entry.title, entry.text) or "").startswith("blocked"):
            result.left_out += 1
            continue
        if result.pages >= fetcher.settings.max_pages:
            report.problems.append(f"{feed_url}: more than {fetcher.settings.max_pages} new pages; the rest wait")
            break
        try:
            page = _entry_page(fetcher, entry, link, report)
        except FetchFailed as error:
            report.problems.append(f"{link}: {error}")
            continue
        if page is not None and page.url != link and (page.url in seen or known(page.url or "")):
            continue  # a redirect to a page already read or archived
        seen.add(page.url or link if page is not None else link)
        document = entry_document(entry, doc_id=_page_id(page.url or link if page is not None else link),
                                  outlet=outlet, page=page, language=settings.language)  # fmt: skip
        if document is not None and page is None:
            document = replace(document, notes=(*document.notes, "the page could not be read: the feed's excerpt"))
        if document is not None and feeds.left_out(feed_url, document.title, document.text):
            result.left_out += 1
        elif document is not None:
            report.documents.append(document)
            result.pages += 1


def fetch_feeds(
    feeds: Sequence[str] | FeedList,
    *,
    settings: FetchSettings | None = None,
    state: Callable[[str], tuple[str | None, str | None]] = lambda url: (None, None),
    known: Callable[[str], bool] = lambda url: False,
    fetcher: Fetcher | None = None,
) -> FetchReport:
    """New articles of the feeds (URLs, or a FeedList with each feed's name and keep / block rules).
    `state(url)` gives a feed's last ETag and Last-Modified (the archive keeps them); `known(url)` says a page
    is archived already, so it is not fetched again."""
    fetcher = fetcher or Fetcher(settings or FetchSettings())
    feeds = _feed_list(feeds)
    report = FetchReport()
    seen: set[str] = set()
    for feed_url in feeds.urls:
        etag, modified = state(feed_url)
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
        answer, problem = _read_feed(fetcher, feed_url, headers)
        if answer is None:
            report.problems.append(f"{feed_url}: {problem}")
            report.feeds.append(FeedResult(feed_url, "failed", problem=problem))
            continue
        if answer.moved_permanently:
            report.problems.append(f"{feed_url}: moved permanently to {answer.url}; read from there (update the "
                                   "feed list)")  # fmt: skip
        if answer.status == 304:
            report.feeds.append(FeedResult(feed_url, "unchanged", etag=etag, last_modified=modified))
            continue
        result = FeedResult(feed_url, "new", etag=answer.headers.get("ETag"),
                            last_modified=answer.headers.get("Last-Modified"),
                            final_url=answer.url if answer.url != feed_url else None)  # fmt: skip
        _entry_documents(fetcher, feeds, feed_url, answer, report, result, known, seen)
        report.feeds.append(result)
    report.requests = fetcher.requests
    return report


def fetch_for_archive(
    archive: Any, feeds: Sequence[str] | FeedList, *, settings: FetchSettings | None = None
) -> FetchReport:
    """fetch_feeds with the archive's feed states and the pages it holds; it only reads the archive (the run
    that stores what came takes the write lock after this)."""
    return fetch_feeds(feeds, settings=settings, state=archive.feed_state, known=archive.knows_url)
