"""Feeds: RSS/Atom feeds and the pages they link to, fetched politely and bounded in count and time.

urllib3 is the HTTP client (pooled connections, timeouts); feedparser reads the feeds; pages go
through the same HTML extraction as HTML files given on the command line. Politeness: a delay
between two requests to one host (robots.txt's Crawl-delay when longer), robots.txt obeyed for
pages (feeds are what the user subscribed to), conditional requests (ETag, Last-Modified) so an
unchanged feed costs one 304, retries with exponential backoff that honour Retry-After up to a
limit, and no page fetched twice (the archive knows every URL it holds). A failing feed or page
is one line of the report; the run goes on.
"""

from __future__ import annotations

import datetime
import email.utils
import re
import time
import urllib.robotparser
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from .documents import Document
from .errors import InputError, OptionsError
from .version import __version__

USER_AGENT = f"summarizer/{__version__} (offline news digests)"
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class FetchSettings:
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 10.0  # seconds to connect, and again to read
    retries: int = 2  # further attempts after a timeout, a refused connection or a 429/5xx answer
    backoff: float = 1.0  # first wait between attempts; doubles each time
    max_wait: float = 60.0  # a Retry-After longer than this is not waited for: the feed fails this run
    max_pages: int = 100  # new pages read per feed and run
    max_bytes: int = 10_000_000  # a larger answer is cut off and fails

    def __post_init__(self) -> None:
        for name in ("delay", "timeout", "backoff", "max_wait"):
            if getattr(self, name) < 0:
                raise OptionsError(f"{name} must not be negative")
        if self.retries < 0 or self.max_pages < 1:
            raise OptionsError("retries must be 0 or more and max_pages at least 1")


@dataclass
class FeedResult:
    url: str
    status: str  # "new", "unchanged" or "failed"
    pages: int = 0
    etag: str | None = None
    last_modified: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"url": self.url, "status": self.status, "pages": self.pages}


@dataclass
class FetchReport:
    feeds: list[FeedResult] = field(default_factory=list)
    documents: list[Document] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # one line per failing feed or page
    requests: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {"feeds": [f.to_dict() for f in self.feeds], "articles": len(self.documents),
                "problems": list(self.problems), "requests": self.requests}  # fmt: skip


class FetchFailed(Exception):
    """One URL could not be read; the message is the report's line."""


def read_feed_list(path: str) -> list[str]:
    """Feed URLs from an OPML file (every outline's xmlUrl) or a text file of one URL per line (# comments)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise InputError(path, "no such file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(path, f"cannot read the feed list ({error})") from None
    if text.lstrip().startswith("<"):
        from lxml import etree

        try:
            root = etree.fromstring(
                text.encode("utf-8"), parser=etree.XMLParser(resolve_entities=False, no_network=True)
            )
        except etree.XMLSyntaxError as error:
            raise InputError(path, f"not a valid OPML file ({error})") from None
        urls = [o.get("xmlUrl") for o in root.iter("outline") if o.get("xmlUrl")]
    else:
        urls = [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    bad = [u for u in urls if urlsplit(u).scheme not in ("http", "https") or not urlsplit(u).netloc]
    if bad:
        raise InputError(path, f"not an http(s) URL: {bad[0]!r}")
    if not urls:
        raise InputError(path, "no feed URL in it")
    return list(dict.fromkeys(urls))


@dataclass
class _Answer:
    status: int
    headers: Any
    data: bytes
    url: str


class Fetcher:
    """GET with per-host delay, retries with backoff and Retry-After, and robots.txt (for pages)."""

    def __init__(self, settings: FetchSettings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        import urllib3

        self.settings = settings
        self.sleep = sleep
        self.pool = urllib3.PoolManager(
            timeout=urllib3.Timeout(connect=settings.timeout, read=settings.timeout),
            retries=False,
            headers={"User-Agent": USER_AGENT},
        )
        self.last_request: dict[str, float] = {}
        self.robots: dict[str, urllib.robotparser.RobotFileParser | None] = {}
        self.requests = 0

    def _wait_for_host(self, host: str) -> None:
        delay = self.settings.delay
        robots = self.robots.get(host)
        crawl_delay = robots.crawl_delay(USER_AGENT) if robots else None
        if crawl_delay:
            delay = max(delay, min(float(crawl_delay), self.settings.max_wait))
        since = time.monotonic() - self.last_request.get(host, float("-inf"))
        if since < delay:
            self.sleep(delay - since)

    def _once(self, url: str, headers: dict[str, str]) -> _Answer:
        import urllib3

        host = urlsplit(url).netloc
        self._wait_for_host(host)
        self.requests += 1
        try:
            response = self.pool.request("GET", url, headers=headers, preload_content=False, redirect=True)
            try:
                data = response.read(self.settings.max_bytes + 1, decode_content=True)
            finally:
                response.release_conn()
        except urllib3.exceptions.TimeoutError:
            raise FetchFailed(f"timed out after {self.settings.timeout:g} s") from None
        except urllib3.exceptions.HTTPError as error:
            reason = getattr(error, "reason", None) or error
            raise FetchFailed(f"cannot connect ({reason})") from None
        finally:
            self.last_request[host] = time.monotonic()
        if len(data) > self.settings.max_bytes:
            raise FetchFailed(f"larger than {self.settings.max_bytes} bytes")
        return _Answer(response.status, response.headers, data, response.geturl() or url)

    def get(self, url: str, headers: dict[str, str] | None = None) -> _Answer:
        """The answer (any status but a retryable one), after up to `retries` further attempts."""
        wait = self.settings.backoff
        for attempt in range(self.settings.retries + 1):
            last_try = attempt == self.settings.retries
            try:
                answer = self._once(url, headers or {})
            except FetchFailed:
                if last_try:
                    raise
                self.sleep(wait)
                wait *= 2
                continue
            if answer.status not in RETRY_STATUSES:
                return answer
            asked = retry_after(answer.headers.get("Retry-After"))
            if asked is not None and asked > self.settings.max_wait:
                raise FetchFailed(
                    f"HTTP {answer.status}, retry after {asked:g} s (more than the {self.settings.max_wait:g} s limit)"
                )
            if last_try:
                raise FetchFailed(f"HTTP {answer.status} after {attempt + 1} attempts")
            self.sleep(max(wait, asked or 0.0))
            wait *= 2
        raise AssertionError("unreachable")  # pragma: no cover

    def allowed(self, url: str) -> bool:
        """robots.txt of the URL's host (read once per run): 4xx means no rules, 401/403 means none allowed."""
        parts = urlsplit(url)
        if parts.netloc not in self.robots:
            robots: urllib.robotparser.RobotFileParser | None = urllib.robotparser.RobotFileParser()
            assert robots is not None
            try:
                answer = self.get(f"{parts.scheme}://{parts.netloc}/robots.txt")
                if answer.status in (401, 403):
                    robots.parse(["User-agent: *", "Disallow: /"])
                elif answer.status < 400:
                    robots.parse(answer.data.decode("utf-8", "replace").splitlines())
                else:
                    robots.parse([])
            except FetchFailed:
                robots = None  # unreachable: read nothing from that host this run
            self.robots[parts.netloc] = robots
        robots = self.robots[parts.netloc]
        return robots is not None and robots.can_fetch(USER_AGENT, url)


def retry_after(value: str | None) -> float | None:
    """Seconds asked by a Retry-After header (a number of seconds or an HTTP date)."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=datetime.timezone.utc)
    return max(0.0, (when - datetime.datetime.now(datetime.timezone.utc)).total_seconds())


def _page_id(url: str) -> str:
    parts = urlsplit(url)
    path = re.sub(r"[^A-Za-z0-9]+", "-", parts.path).strip("-")[:80]
    return f"{parts.netloc}/{path}" if path else parts.netloc


def _entry_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None


def fetch_feeds(
    urls: Sequence[str],
    *,
    settings: FetchSettings | None = None,
    state: Callable[[str], tuple[str | None, str | None]] = lambda url: (None, None),
    known: Callable[[str], bool] = lambda url: False,
    fetcher: Fetcher | None = None,
) -> FetchReport:
    """New articles of the feeds. `state(url)` gives a feed's last ETag and Last-Modified (the archive
    keeps them); `known(url)` says a page is archived already, so it is not fetched again."""
    import feedparser

    from .ingest import parse_bytes

    fetcher = fetcher or Fetcher(settings or FetchSettings())
    report = FetchReport()
    seen: set[str] = set()
    for feed_url in urls:
        etag, modified = state(feed_url)
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", modified)) if v}
        try:
            answer = fetcher.get(feed_url, headers)
        except FetchFailed as error:
            report.problems.append(f"{feed_url}: {error}")
            report.feeds.append(FeedResult(feed_url, "failed"))
            continue
        if answer.status == 304:
            report.feeds.append(FeedResult(feed_url, "unchanged", etag=etag, last_modified=modified))
            continue
        if answer.status >= 400:
            report.problems.append(f"{feed_url}: HTTP {answer.status}")
            report.feeds.append(FeedResult(feed_url, "failed"))
            continue
        parsed = feedparser.parse(answer.data, response_headers={"content-location": answer.url})
        if parsed.bozo and not parsed.entries:
            reason = str(parsed.get("bozo_exception", "unreadable")).splitlines()[0][:120]
            report.problems.append(f"{feed_url}: not a feed ({reason})")
            report.feeds.append(FeedResult(feed_url, "failed"))
            continue
        outlet = parsed.feed.get("title") or urlsplit(feed_url).netloc
        result = FeedResult(feed_url, "new", etag=answer.headers.get("ETag"),
                            last_modified=answer.headers.get("Last-Modified"))  # fmt: skip
        for entry in parsed.entries:
            link = entry.get("link")
            if not link:
                continue
            link = urljoin(answer.url, link)
            if link in seen or known(link):
                continue
            seen.add(link)
            if result.pages >= fetcher.settings.max_pages:
                report.problems.append(f"{feed_url}: more than {fetcher.settings.max_pages} new pages; the rest wait")
                break
            if not fetcher.allowed(link):
                report.problems.append(f"{link}: robots.txt does not allow it (or its host is unreachable)")
                continue
            try:
                page = fetcher.get(link)
                if page.status >= 400:
                    raise FetchFailed(f"HTTP {page.status}")
                documents = parse_bytes(page.data, name=_page_id(link), path=link, suffix=".html", warnings=[])
            except FetchFailed as error:
                report.problems.append(f"{link}: {error}")
                continue
            except InputError as error:  # a page with no article text in it
                report.problems.append(str(error))
                continue
            for document in documents[:1]:
                report.documents.append(Document(
                    id=_page_id(link), text=document.text, title=document.title or entry.get("title"),
                    source=outlet, url=link, date=document.date or _entry_date(entry), notes=document.notes,
                ))  # fmt: skip
                result.pages += 1
        report.feeds.append(result)
    report.requests = fetcher.requests
    return report
