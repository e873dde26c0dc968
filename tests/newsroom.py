"""A small newsroom on 127.0.0.1 for the morning run's end-to-end tests: five outlets' RSS feeds and the pages
they link to, over two days.

Day 1 (2025-04-21): three outlets report Putin's offer of talks (the repository's seeds, real articles), one
also runs a local cup final (a story one outlet covers), one a horoscope (blocked by the feed list), and one
item links to a page that is gone (its feed carries an excerpt). Day 2 (2025-04-22): two more outlets report
the talks (the story continues) and two report a bridge that reopened. Feeds keep their older items, as
real feeds do. Only 127.0.0.1 is used; the server records every path it was asked.
"""

from __future__ import annotations

import html
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path

from .local_server import local_server

QUICK = ("--delay", "0", "--timeout", "3")
SEEDS = Path(__file__).resolve().parent.parent / "seeds"
DAY_ONE, DAY_TWO = "2025-04-21", "2025-04-22"

CUP = [
    "Riverside Rovers won the county cup final on Monday, beating Hillford Town three goals to one.",
    "Captain Ana Ruiz scored twice in the second half in front of a crowd of four thousand at the old ground.",
    "It is the club's first trophy in twenty years, and the players paraded it through the town square.",
    "The manager said the squad would celebrate tonight and start training for the league on Thursday.",
]
HOROSCOPE = [
    "Your weekly horoscope: Aries will find the week busy, and Taurus should expect good news from a friend.",
    "Gemini may travel, while Cancer is advised to rest and to avoid hasty decisions about money.",
]
BRIDGE = [
    "The harbour bridge in Eastport reopened on Tuesday after two years of repairs, the city's transport office said.",
    "Mayor Grace Lee cut a ribbon at dawn while commuters queued in their cars on both banks of the river.",
    "Engineers expect about ten thousand cars a day to cross the bridge once the morning rush returns.",
    "The repairs cost forty million dollars, twice the first estimate, after rust was found in the pillars.",
]
BRIDGE_TOO = [
    "Eastport's harbour bridge opened to traffic again on Tuesday morning after two years of repair work.",
    "Mayor Grace Lee cut the ribbon as the first commuters crossed the river in the early morning.",
    "The city's transport office expects ten thousand cars a day on the bridge, which cost forty million dollars.",
    "Rust found in the pillars had doubled the cost of the repairs, the office said.",
]
GONE_EXCERPT = (
    "Ukraine's foreign minister said on Monday that Kyiv would study Russia's offer of bilateral talks "
    "on halting attacks on civilian targets. He said any talks would need a full ceasefire first."
)


@dataclass(frozen=True)
class Item:
    feed: str  # the feed's path, such as "/a.xml"
    day: str  # the first day it is in its feed
    path: str  # the page's path
    title: str
    paragraphs: tuple[str, ...]
    hour: int = 8
    excerpt: str = ""
    page: bool = True  # False: the page is gone (404)


def _seed(number: int) -> tuple[str, ...]:
    files = sorted(SEEDS.glob("*.txt"))
    text = files[number].read_text(encoding="utf-8")
    return tuple(p.strip() for p in text.split("\n\n") if len(p.split()) > 12)


ITEMS = (
    Item("/a.xml", DAY_ONE, "/a/putin-talks.html", "Putin proposes direct talks with Ukraine", _seed(0), 7),
    Item("/a.xml", DAY_ONE, "/a/horoscope.html", "Your horoscope for the week", tuple(HOROSCOPE), 6),
    Item("/b.xml", DAY_ONE, "/b/zelenskiy-ready.html", "Zelenskiy signals readiness to discuss ceasefire", _seed(1), 9),
    Item("/b.xml", DAY_ONE, "/b/cup-final.html", "Rovers win the county cup", tuple(CUP), 13),
    Item("/c.xml", DAY_ONE, "/c/kremlin-offer.html", "Kremlin offers bilateral talks", _seed(2), 11),
    Item("/c.xml", DAY_ONE, "/c/gone.html", "Kyiv to study the offer", (), 11, excerpt=GONE_EXCERPT, page=False),
    Item("/d.xml", DAY_TWO, "/d/talks-pressure.html", "Talks offer follows US pressure", _seed(3), 8),
    Item("/d.xml", DAY_TWO, "/d/bridge.html", "Harbour bridge reopens", tuple(BRIDGE), 9),
    Item("/e.xml", DAY_TWO, "/e/peace-moves.html", "Moscow moves towards peace talks", _seed(4), 7),
    Item("/e.xml", DAY_TWO, "/e/bridge-open.html", "Eastport bridge open again", tuple(BRIDGE_TOO), 10),
)
FEEDS = {"/a.xml": "Outlet A", "/b.xml": "Outlet B", "/c.xml": "Outlet C", "/d.xml": "Outlet D", "/e.xml": "Outlet E"}


def page(item: Item) -> bytes:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in item.paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{html.escape(item.title)}</title></head><body>"
            f"<nav>Home | World | Sport</nav><article><h1>{html.escape(item.title)}</h1>{body}</article>"
            "<footer>Copyright the outlet</footer></body></html>").encode()  # fmt: skip


def rss(base: str, feed: str, day: str) -> bytes:
    items = []
    for item in (i for i in ITEMS if i.feed == feed and i.day <= day):
        moment = datetime.fromisoformat(item.day).replace(hour=item.hour, tzinfo=timezone.utc)
        summary = f"<description>{html.escape(item.excerpt)}</description>" if item.excerpt else ""
        items.append(f"<item><title>{html.escape(item.title)}</title><link>{base}{item.path}</link>"
                     f"<guid>{base}{item.path}</guid><pubDate>{format_datetime(moment, usegmt=True)}</pubDate>"
                     f"{summary}</item>")  # fmt: skip
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>{FEEDS[feed]} (feed title)</title>'
            f"<link>{base}/</link>{''.join(items)}</channel></rss>").encode()  # fmt: skip


@dataclass
class Newsroom:
    base: str = ""
    day: str = DAY_ONE
    asked: Counter[str] = field(default_factory=Counter)

    def feed_list(self, folder: Path, extra: str = "") -> Path:
        """A TOML feed list of the five outlets: a global horoscope block, outlet E weighed double."""
        lines = ["[filter]", 'block = ["horoscope"]', ""]
        for path, name in FEEDS.items():
            lines += ["[[feed]]", f'url = "{self.base}{path}"', f'name = "{name}"']
            lines += ["weight = 2"] if path == "/e.xml" else []
            lines.append("")
        target = folder / "feeds.toml"
        target.write_text("\n".join(lines) + extra, encoding="utf-8")
        return target


def _handler(newsroom: Newsroom) -> type[BaseHTTPRequestHandler]:
    pages = {item.path: item for item in ITEMS if item.page}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            newsroom.asked[self.path] += 1
            if self.path in FEEDS:
                status, body, kind = 200, rss(newsroom.base, self.path, newsroom.day), "application/rss+xml"
            elif self.path in pages and pages[self.path].day <= newsroom.day:
                status, body, kind = 200, page(pages[self.path]), "text/html; charset=utf-8"
            elif self.path == "/robots.txt":
                status, body, kind = 200, b"User-agent: *\nAllow: /\n", "text/plain"
            else:
                status, body, kind = 404, b"not found", "text/plain"
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@contextmanager
def serving() -> Iterator[Newsroom]:
    newsroom = Newsroom()
    with local_server(_handler(newsroom)) as newsroom.base:
        yield newsroom


def two_mornings(newsroom: Newsroom, folder: Path, *extra: str) -> Path:
    """`daily --feeds --site` on both days, as cron runs it: folder/news.db, folder/site, folder/DAY.json."""
    for day in (DAY_ONE, DAY_TWO):
        newsroom.day = day
        result = subprocess.run(
            [sys.executable, "-m", "summarizer.cli", "daily", "--feeds", str(newsroom.feed_list(folder)), "--archive",
             str(folder / "news.db"), "--date", day, *QUICK, "--site", str(folder / "site"), "-o",
             str(folder / f"{day}.json"), "-f", "json", "-q", *extra],
            capture_output=True, text=True, timeout=120, cwd=SEEDS.parent,
        )  # fmt: skip
        if result.returncode != 0:
            raise AssertionError(f"daily for {day} failed ({result.returncode}): {result.stderr}")
    return folder / "site"
