"""Feeds against a real HTTP server on 127.0.0.1 serving real web pages (../shared/data/html_pages_trafilatura)
and feeds that link to them: 304, 503 with Retry-After, a timeout, malformed XML, robots.txt, per-host delay."""

from __future__ import annotations

import itertools
import json
import sqlite3
import time
from collections import defaultdict
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from summarizer.sources.feedlist import read_feed_list
from summarizer.sources.fetch import Fetcher, FetchSettings, fetch_feeds, retry_after

from .conftest import one_line_error, run_cli
from .local_server import local_server

PAGES = ["theverge.com.ios13.html", "threatpost.com.android.html", "vice.com.amazon.html", "knowtechie.com.rally.html"]
SLOW_SECONDS = 3.0  # the slow feed answers after this; the fetcher's timeout in these tests is 1 s


def rss(base: str, links: list[str], title: str = "Test outlet") -> bytes:
    items = "".join(
        f"<item><title>Story {n}</title><link>{base}{link}</link><pubDate>Mon, 21 Apr 2025 08:00:00 GMT</pubDate></item>"
        for n, link in enumerate(links)
    )
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'.encode()


class Site:
    """What the server serves and what it was asked, per path (with times)."""

    def __init__(self, pages: dict[str, bytes]) -> None:
        self.pages = pages
        self.asked: dict[str, list[float]] = defaultdict(list)
        self.busy_answers = 0
        self.base = ""


def make_handler(site: Site) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:  # quiet
            pass

        def answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            site.asked[self.path].append(time.monotonic())
            pages = [f"/pages/{name}" for name in PAGES[:3]]
            if self.path == "/robots.txt":
                self.answer(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})
            elif self.path == "/news.xml":
                if self.headers.get("If-None-Match") == '"v1"':
                    self.answer(304)
                else:
                    body = rss(site.base, [*pages, "/private/secret.html"])
                    self.answer(200, body, {"ETag": '"v1"', "Content-Type": "application/rss+xml"})
            elif self.path == "/busy.xml":
                site.busy_answers += 1
                if site.busy_answers == 1:
                    self.answer(503, b"busy", {"Retry-After": "1"})
                else:
                    self.answer(200, rss(site.base, [f"/pages/{PAGES[3]}", pages[0]], "Busy outlet"))
            elif self.path == "/down.xml":
                self.answer(503, b"down for maintenance", {"Retry-After": "3600"})
            elif self.path == "/slow.xml":
                time.sleep(SLOW_SECONDS)
                self.answer(200, rss(site.base, pages))
            elif self.path == "/broken.xml":
                self.answer(
                    200, b"<?xml version='1.0'?><rss><channel><title>Broken</titl", {"Content-Type": "text/xml"}
                )
            elif self.path.startswith("/pages/") and self.path[7:] in site.pages:
                self.answer(200, site.pages[self.path[7:]], {"Content-Type": "text/html; charset=utf-8"})
            else:
                self.answer(404, b"not found")

    return Handler


@pytest.fixture
def site(shared_data: Path) -> Iterator[Site]:
    folder = shared_data / "html_pages_trafilatura" / "html"
    site = Site({name: (folder / name).read_bytes() for name in PAGES})
    with local_server(make_handler(site)) as site.base:
        yield site


FAST = FetchSettings(delay=0.0, timeout=1.0, retries=1, backoff=0.1, max_wait=5.0)


def test_every_fault_is_one_line_and_the_run_goes_on(site: Site) -> None:
    feeds = [f"{site.base}/{name}.xml" for name in ("news", "busy", "down", "slow", "broken", "missing")]
    started = time.monotonic()
    report = fetch_feeds(feeds, settings=FAST)
    status = {f.url.rsplit("/", 1)[1]: f.status for f in report.feeds}
    assert status == {"news.xml": "new", "busy.xml": "new", "down.xml": "failed", "slow.xml": "failed",
                      "broken.xml": "failed", "missing.xml": "failed"}  # fmt: skip
    problems = "\n".join(report.problems)
    assert "down.xml: HTTP 503, retry after 3600 s" in problems
    assert "slow.xml: timed out after 1 s" in problems
    assert "broken.xml: not a feed" in problems
    assert "missing.xml: HTTP 404" in problems
    assert "secret.html: robots.txt of 127.0.0.1:" in problems and "does not allow it" in problems
    assert "/private/secret.html" not in site.asked  # robots.txt was obeyed
    # The busy feed was asked again after its Retry-After (1 s), and then read.
    first, second = site.asked["/busy.xml"]
    assert second - first >= 1.0
    assert sorted(d.url.rsplit("/", 1)[1] for d in report.documents) == sorted(PAGES)  # each page once
    assert all(len(site.asked[f"/pages/{name}"]) == 1 for name in PAGES)
    verge = next(d for d in report.documents if "theverge" in (d.url or ""))
    assert verge.source == "Test outlet" and len(verge.text) > 500 and verge.date
    assert time.monotonic() - started < 30  # bounded: nothing waited for the hour asked by down.xml


def test_unchanged_feeds_cost_one_304_and_known_pages_are_not_fetched_again(site: Site) -> None:
    feed = f"{site.base}/news.xml"
    first = fetch_feeds([feed], settings=FAST)
    (result,) = first.feeds
    assert result.etag == '"v1"' and result.pages == 3
    again = fetch_feeds([feed], settings=FAST, state=lambda url: (result.etag, None))
    assert again.feeds[0].status == "unchanged" and not again.documents
    known = {d.url for d in first.documents}
    third = fetch_feeds([feed], settings=FAST, known=lambda url: url in known)
    assert third.feeds[0].status == "new" and not third.documents
    assert all(len(site.asked[f"/pages/{name}"]) == 1 for name in PAGES[:3])


def test_requests_to_one_host_are_spaced_by_the_delay(site: Site) -> None:
    fetch_feeds([f"{site.base}/news.xml"], settings=FetchSettings(delay=0.3, timeout=2.0, retries=0))
    times = sorted(t for path, ts in site.asked.items() for t in ts)
    assert len(times) >= 5  # feed, robots.txt, three pages
    assert min(b - a for a, b in itertools.pairwise(times)) >= 0.29


def test_retry_after_reads_seconds_and_http_dates() -> None:
    assert retry_after("120") == 120.0
    assert retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0.0  # in the past
    assert retry_after("soon") is None and retry_after(None) is None
    waits: list[float] = []
    fetcher = Fetcher(FetchSettings(), sleep=waits.append)
    fetcher.last_request["example.org"] = time.monotonic()
    fetcher._wait_for_host("example.org")
    assert waits and 0.9 <= waits[0] <= 1.0


def test_daily_from_feeds_with_archive_twice_a_day(site: Site, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{site.base}/news.xml\n{site.base}/broken.xml\n")
    db, page = str(tmp_path / "news.db"), tmp_path / "today.html"
    command = [
        "daily",
        "--feeds",
        str(feeds),
        "--archive",
        db,
        "--delay",
        "0",
        "--timeout",
        "1",
        "--date",
        "2025-04-21",
    ]
    first = run_cli(*command, "-f", "html", "-o", str(page))
    assert first.returncode == 0, first.stderr
    assert b"broken.xml: not a feed" in first.stderr and b"Traceback" not in first.stderr
    assert '<article id="story-1">' in page.read_text()
    fetched = {path: len(times) for path, times in site.asked.items()}
    second = run_cli(*command, "-f", "json", "-q")
    assert second.returncode == 0, second.stderr
    assert site.asked["/news.xml"] and len(site.asked["/news.xml"]) == 2  # asked again, answered 304
    assert all(len(site.asked[p]) == n for p, n in fetched.items() if p.startswith("/pages/"))  # no page twice
    days = json.loads(run_cli("archive", "days", "--archive", db, "-f", "json").stdout)["rows"]
    assert days == [{"day": "2025-04-21", "articles": 3, "stories": days[0]["stories"], "runs": 2}]


def serve(routes: dict[str, tuple[int, str, bytes]]) -> type[BaseHTTPRequestHandler]:
    """A handler that answers each path with (status, Content-Type, body); 404 for any other."""

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            status, kind, body = routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


ARTICLE = "".join(f"<p>The harbour bridge in Eastport reopened on Tuesday after {n} years of repairs, the city said.</p>"
                  for n in range(2, 9))  # fmt: skip


def article_page(title: str) -> bytes:
    return f"<html><head><title>{title}</title></head><body><article>{ARTICLE}</article></body></html>".encode()


def test_a_catastrophic_pattern_no_longer_hangs_the_run(tmp_path: Path) -> None:
    """`^(a+)+$` against "aaa…ab" took Python's re 2^40 steps: the fetch never ended. RE2 takes linear time."""
    title = "a" * 40 + "b"
    routes = {"/feed.xml": (200, "application/rss+xml", rss("", ["/page.html"], "Outlet").replace(b"Story 0", title.encode())),
              "/page.html": (200, "text/html", article_page(title)), "/robots.txt": (200, "text/plain", b"")}  # fmt: skip
    with local_server(serve(routes)) as base:
        routes["/feed.xml"] = (
            200,
            "application/rss+xml",
            routes["/feed.xml"][2].replace(b"<link>", f"<link>{base}".encode()),
        )
        feeds = tmp_path / "feeds.toml"
        feeds.write_text(f'[[feed]]\nurl = "{base}/feed.xml"\nblock = ["^(a+)+$"]\nkeep = ["^(a+)+$|bridge"]\n')
        result = run_cli("fetch", str(feeds), "--archive", str(tmp_path / "news.db"), "--delay", "0", "-f", "json",
                         timeout=60)  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["articles"] == 1 and report["feeds"][0]["pages"] == 1


GERMAN = (
    "Das Treffen der Außenminister fand am 3. Mai in Berlin statt, sagte ein Sprecher der Regierung.",
    "Die Minister sprachen bis zum 4. Mai über die Lage in der Ukraine und über neue Hilfen für die Bevölkerung.",
    "Die gemeinsame Verteidigung gilt laut dem Vertrag ab dem 1. Januar, sagte der Minister am Abend.",
    "Die Regierungen wollen die Gespräche am 12. September in Paris fortsetzen, hieß es in einer Erklärung.",
    "Vertreter der Opposition nannten die Ergebnisse des Treffens vom 3. Mai zu vage und forderten mehr Hilfe.",
)  # English Punkt splits each of them after its ordinal ("am 3."); German Punkt does not


def two_language_day(base: str, folder: Path, language: str) -> tuple[dict, list[tuple[str, str, str]]]:
    """`daily --feeds --archive` of a day with three English articles and one German one (its feed's `language`
    setting as given): the digest's JSON, and each archived article's (url, language, terms)."""
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))[:3]
    feeds = folder / "feeds.toml"
    feeds.write_text(f'[[feed]]\nurl = "{base}/en.xml"\nname = "English Outlet"\n\n'
                     f'[[feed]]\nurl = "{base}/de.xml"\nname = "Deutsche Zeitung"\n{language}\n')  # fmt: skip
    db = folder / "news.db"
    result = run_cli("daily", "--feeds", str(feeds), "--archive", str(db), "--date", "2025-04-21", "--delay", "0",
                     "-f", "json", "-q")  # fmt: skip
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as connection:
        rows = connection.execute("SELECT url, language, terms FROM articles ORDER BY id").fetchall()
    assert len(rows) == len(seeds) + 1
    return json.loads(result.stdout), rows


def test_a_feeds_language_is_the_language_of_its_articles(tmp_path: Path) -> None:
    """The day is English (three articles of four), so without the setting the German article was split and
    stemmed as English; with `language = "de"` it gets German's sentence model, stemmer and stop words."""
    seeds = sorted((Path(__file__).parent.parent / "seeds").glob("*.txt"))[:3]
    routes = {f"/en/{n}.html": (200, "text/html", article_page(f"Talks {n}").replace(
        ARTICLE.encode(), "".join(f"<p>{p}</p>" for p in s.read_text().split("\n\n") if p.strip()).encode()))
        for n, s in enumerate(seeds)}  # fmt: skip
    routes["/de/treffen.html"] = (
        200,
        "text/html",
        f"<html><head><title>Treffen in Berlin</title></head><body>"
        f"<article>{''.join(f'<p>{s}</p>' for s in GERMAN)}</article></body></html>".encode(),
    )
    with local_server(serve(routes)) as base:
        routes["/en.xml"] = (200, "application/rss+xml", rss(base, [f"/en/{n}.html" for n in range(len(seeds))]))
        routes["/de.xml"] = (200, "application/rss+xml", rss(base, ["/de/treffen.html"], "Deutsche Zeitung"))
        (tmp_path / "de").mkdir()
        (tmp_path / "auto").mkdir()
        digest, rows = two_language_day(base, tmp_path / "de", 'language = "de"')
        auto_digest, auto_rows = two_language_day(base, tmp_path / "auto", "")
    german = next(s for s in digest["stories"] if "Deutsche Zeitung" in s["sources"])
    assert german["sentences"] and all(s["text"] in GERMAN for s in german["sentences"])  # whole sentences
    assert [language for _, language, _ in rows] == [None, None, None, "german"]
    body = json.loads(rows[-1][2])["body"]
    assert "regier" in body and "und" not in body and "die" not in body  # German stems, German stop words
    # Without the setting: the day's language (English) for every article, the premise of the test.
    assert digest["settings"]["digest"]["language"] == auto_digest["settings"]["digest"]["language"] == "english"
    auto_german = next(s for s in auto_digest["stories"] if "Deutsche Zeitung" in s["sources"])
    assert not any(s["text"] in GERMAN for s in auto_german["sentences"])
    assert "und" in json.loads(auto_rows[-1][2])["body"]


def test_an_unknown_language_in_a_feed_list_is_refused_before_any_fetch(tmp_path: Path) -> None:
    asked: dict[str, tuple[int, str, bytes]] = {}
    with local_server(serve(asked)) as base:
        feeds = tmp_path / "feeds.toml"
        feeds.write_text(f'[[feed]]\nurl = "{base}/a.xml"\nname = "A"\nlanguage = "klingon"\n')
        result = run_cli("daily", "--feeds", str(feeds), "--archive", str(tmp_path / "news.db"), "--delay", "0")
    assert result.returncode == 2
    error = one_line_error(result)
    assert error.startswith(f"summarizer: error: {feeds}: line 4: unsupported language 'klingon'; choose one of ")
    assert not (tmp_path / "news.db").exists()


def test_thousands_of_failing_feeds_are_twenty_lines_and_one_that_counts_the_rest(tmp_path: Path) -> None:
    """Each failing feed was a warning and a report line: 10,000 feeds, 20,000 lines. Now the first 20, then one line
    with the commonest causes, once: in the text report, or on stderr when the report is JSON or a file; the JSON
    report (fetch) and --explain (daily) still give each one."""
    routes = {"/ok.xml": (200, "application/rss+xml", rss("", [])), **{f"/gone{n}.xml": (410, "text/plain", b"")
              for n in range(5)}}  # fmt: skip
    with local_server(serve(routes)) as base:
        feeds = tmp_path / "feeds.txt"
        feeds.write_text("\n".join([f"{base}/ok.xml", *(f"{base}/missing{n}.xml" for n in range(25)),
                                    *(f"{base}/gone{n}.xml" for n in range(5))]))  # fmt: skip
        quick = ("--delay", "0", "--archive", str(tmp_path / "news.db"))
        fetched = run_cli("fetch", str(feeds), *quick)
        as_json = run_cli("fetch", str(feeds), *quick, "-f", "json")
        report = json.loads(as_json.stdout)
        daily = run_cli("daily", "--feeds", str(feeds), *quick)
        explained = run_cli("daily", "--feeds", str(feeds), *quick, "--explain")
    summary = "… and 10 more feeds failed: HTTP 404 (5), HTTP 410 (5); {} lists every one"
    assert fetched.stderr == b""  # the text report names them: not printed twice
    warnings = as_json.stderr.decode().splitlines()
    assert len(warnings) == 21 and warnings[0] == f"summarizer: warning: {base}/missing0.xml: HTTP 404"
    assert warnings[-1] == "summarizer: warning: " + summary.format("--format json")
    out = fetched.stdout.decode().splitlines()
    assert out[:2] == [f"new          0 new  {base}/ok.xml", "0 new articles, 31 requests, 30 feeds failed"]
    assert len(out) == 23 and out[-1] == "problem: " + summary.format("--format json")
    assert len(report["problems"]) == 30 and report["feeds"][-1]["problem"] == "HTTP 410"  # each cause, in JSON
    daily_lines = daily.stderr.decode().splitlines()
    assert daily_lines[20] == "summarizer: warning: " + summary.format("--explain") and len(daily_lines) == 22
    assert sum("warning: http" in line for line in explained.stderr.decode().splitlines()) == 30


AGGREGATOR = """<?xml version="1.0"?><rss version="2.0"><channel><title>News Aggregator</title>
<item><title>Bridge reopens</title><link>{base}/a.html</link><source url="https://reuters.example/rss">Reuters</source>
<description>The harbour bridge reopened.</description></item>
<item><title>Bridge open again</title><link>{base}/b.html</link><source url="https://ap.example/rss">AP</source>
<description>The bridge is open again.</description></item>
<item><title>Our own report</title><link>{base}/c.html</link><description>The bridge reopened.</description></item>
</channel></rss>"""


def test_an_aggregators_items_keep_their_own_outlets(tmp_path: Path) -> None:
    """The feed list's name replaced every item's outlet: an aggregator's feed became one outlet. It is now the
    outlet of the items that name none (RSS <source>, Atom source/title)."""
    routes = {f"/{n}.html": (200, "text/html", article_page(f"Bridge {n}")) for n in "abc"}
    with local_server(serve(routes)) as base:
        routes["/agg.xml"] = (200, "application/rss+xml", AGGREGATOR.format(base=base).encode())
        feeds = tmp_path / "feeds.toml"
        feeds.write_text(f'[[feed]]\nurl = "{base}/agg.xml"\nname = "My Aggregator"\n')
        report = fetch_feeds(read_feed_list(str(feeds)), settings=FetchSettings(delay=0.0, timeout=3.0))
    assert [d.source for d in report.documents] == ["Reuters", "AP", "My Aggregator"]


def test_fetched_items_carry_no_control_character(tmp_path: Path) -> None:
    """The same safe fields for a fetched feed as for a file: its title (the outlet), each item's title, and the
    excerpt that stands in for a page that is gone."""
    feed = ('<?xml version="1.0"?><rss version="2.0"><channel><title>Planet\x01 News\x1b[1m</title>'
            "<item><title>Bridge\x08 reopens\x0b today</title><link>{base}/gone.html</link><description>The harbour "
            "bridge reopened\x1b[31m on Tuesday after two years of repairs, the city said.\x7f</description></item>"
            "</channel></rss>")  # fmt: skip
    routes: dict[str, tuple[int, str, bytes]] = {}
    with local_server(serve(routes)) as base:
        routes["/feed.xml"] = (200, "application/rss+xml", feed.replace("{base}", base).encode())
        report = fetch_feeds([f"{base}/feed.xml"], settings=FetchSettings(delay=0.0, timeout=3.0))
    (document,) = report.documents
    assert (document.source, document.title) == ("Planet News", "Bridge reopens today")
    assert document.text == "The harbour bridge reopened on Tuesday after two years of repairs, the city said."
