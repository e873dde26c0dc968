"""The morning run, delivered: two days of `daily --feeds --site` against a newsroom on 127.0.0.1 build a static
site whose every link resolves and whose Atom feed parses with stable ids; the feed list's rules include and
exclude what they say; --min-sources and --hot choose what shows; the digest arrives by mail at a real SMTP
server on 127.0.0.1 (aiosmtpd), and a failed send loses nothing."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import sqlite3
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path
from urllib.parse import unquote, urlsplit

import feedparser
import pytest
from lxml import html as lxml_html

from .conftest import one_line_error, run_cli
from .newsroom import DAY_ONE, DAY_TWO, QUICK, Newsroom, serving, two_mornings


@pytest.fixture
def newsroom() -> Iterator[Newsroom]:
    with serving() as room:
        yield room


def morning(newsroom: Newsroom, folder: Path, day: str, *extra: str, feeds: Path | None = None) -> object:
    newsroom.day = day
    feed_list = feeds or newsroom.feed_list(folder)
    return run_cli("daily", "--feeds", str(feed_list), "--archive", str(folder / "news.db"), "--date", day, *QUICK,
                   "-o", str(folder / f"{day}.json"), "-f", "json", *extra)  # fmt: skip


@pytest.fixture
def two_days(newsroom: Newsroom, tmp_path: Path) -> Path:
    """The site after two mornings (the folder holds news.db, site/ and each day's JSON digest)."""
    site = tmp_path / "site"
    site.mkdir()
    (site / "about.html").write_text("<p>my own page</p>")  # a page the run did not write: never touched
    two_mornings(newsroom, tmp_path)
    return tmp_path


def local_links(page: Path) -> list[str]:
    tree = lxml_html.fromstring(page.read_bytes())
    return [link for element in tree.iter("a", "link") if (link := element.get("href"))]


def test_two_mornings_build_a_site_whose_links_all_resolve(two_days: Path) -> None:
    site = two_days / "site"
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert {"index.html", "days.html", "feed.atom", f"days/{DAY_ONE}.html", f"days/{DAY_TWO}.html"} <= set(pages)
    assert (site / "about.html").read_text() == "<p>my own page</p>"
    stories = [p for p in pages if p.startswith("stories/")]
    assert len(stories) == 3  # the talks (both days), the cup final (day one), the bridge (day two)
    checked = 0
    for name in (p for p in pages if p.endswith(".html") and p != "about.html"):
        page = site / name
        text = page.read_text(encoding="utf-8")
        assert "<script" not in text.lower() and "javascript:" not in text.lower(), name
        for link in local_links(page):
            parts = urlsplit(link)
            if parts.scheme:
                assert parts.scheme in ("http", "https"), (name, link)
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            assert target.is_file() and site.resolve() in target.parents, (name, link)
            checked += 1
    assert checked >= 30  # every page links to the others: nav, days, stories
    index = lxml_html.fromstring((site / "index.html").read_bytes())
    assert index.findtext(".//h1") == "Daily digest — 22 April 2025"
    # the latest day ranks the bridge first: two outlets, one weighed double, and the newer articles
    headlines = [h.text_content() for h in index.iter("h2")]
    assert len(headlines) == 2 and "bridge" in headlines[0].lower(), headlines
    talks = next(p for p in stories if (site / p).read_text().count("<h3>") == 2)
    story = lxml_html.fromstring((site / talks).read_bytes())
    assert [h.text_content() for h in story.iter("h3")] == ["22 April 2025", "21 April 2025"]
    assert "new since 21 April" in story.text_content()


def test_feed_atom_parses_with_one_entry_a_day_and_stable_ids(two_days: Path, tmp_path: Path) -> None:
    site = two_days / "site"
    feed = feedparser.parse((site / "feed.atom").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert [e.title for e in feed.entries] == ["Daily digest — 22 April 2025", "Daily digest — 21 April 2025"]
    assert len({e.id for e in feed.entries}) == 2 and all(e.id.startswith("urn:uuid:") for e in feed.entries)
    assert [e.link for e in feed.entries] == [f"days/{DAY_TWO}.html", f"days/{DAY_ONE}.html"]
    content = feed.entries[1].content[0].value
    assert "Putin" in content and "/a/putin-talks.html" in content  # the digest, with links to the sources
    assert all(e.updated_parsed for e in feed.entries)
    # Rebuilt from the archive alone, elsewhere and with the site's address: the same ids, absolute links.
    rebuilt = tmp_path / "rebuilt"
    result = run_cli("site", str(rebuilt), "--archive", str(two_days / "news.db"), "--site-url",
                     "https://news.example.org/daily", "-f", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["days"] == 2 and "index.html" in report["written"]
    again = feedparser.parse((rebuilt / "feed.atom").read_bytes())
    assert [e.id for e in again.entries] == [e.id for e in feed.entries]
    assert again.entries[0].link == f"https://news.example.org/daily/days/{DAY_TWO}.html"
    # An unchanged archive rewrites nothing; the pages are the same bytes.
    result = run_cli("site", str(site), "--archive", str(two_days / "news.db"), "-f", "json")
    assert json.loads(result.stdout)["written"] == []


def test_feed_list_rules_keep_and_block(newsroom: Newsroom, tmp_path: Path) -> None:
    newsroom.day = DAY_ONE
    feeds = newsroom.feed_list(tmp_path)
    text = feeds.read_text().replace('name = "Outlet B"', 'name = "Outlet B"\nkeep = ["ceasefire", "talks"]')
    feeds.write_text(text)
    result = run_cli("fetch", str(feeds), "--archive", str(tmp_path / "news.db"), *QUICK, "-f", "json")
    assert result.returncode == 0, result.stderr
    report = {f["url"].rsplit("/", 1)[1]: f for f in json.loads(result.stdout)["feeds"]}
    assert report["a.xml"]["left_out"] == 1 and report["a.xml"]["pages"] == 1  # the horoscope (global block)
    assert report["b.xml"]["left_out"] == 1 and report["b.xml"]["pages"] == 1  # the cup final (no keep pattern)
    assert newsroom.asked["/a/horoscope.html"] == 0  # blocked on the feed's own title: never even fetched
    with sqlite3.connect(tmp_path / "news.db") as db:
        titles = {row[0] for row in db.execute("SELECT title FROM articles")}
        sources = {row[0] for row in db.execute("SELECT source FROM articles")}
    assert not any("horoscope" in t.lower() or "cup" in t.lower() for t in titles), titles
    assert sources == {"Outlet A", "Outlet B", "Outlet C"}  # the feed list's names, not the feeds' titles
    assert "Kyiv to study the offer" in titles  # its page is gone: the feed's excerpt stands in
    assert "the feed's excerpt is used instead" in result.stderr.decode()


def test_a_bad_feed_list_is_refused_before_any_fetch(newsroom: Newsroom, tmp_path: Path) -> None:
    feeds = newsroom.feed_list(tmp_path, extra='\n[[feed]]\nurl = "https://x.example/f"\nblock = ["(unclosed"]\n')
    result = morning(newsroom, tmp_path, DAY_ONE, feeds=feeds)
    assert result.returncode == 2
    line = next(n for n, text in enumerate(feeds.read_text().splitlines(), start=1) if "(unclosed" in text)
    assert (f"{feeds}: line {line}: feed https://x.example/f: block pattern '(unclosed' is not a regular expression"
            in one_line_error(result))  # fmt: skip
    assert sum(newsroom.asked.values()) == 0 and not (tmp_path / "news.db").exists()


def test_min_sources_and_hot(newsroom: Newsroom, tmp_path: Path) -> None:
    result = morning(newsroom, tmp_path, DAY_ONE, "--min-sources", "2")
    assert result.returncode == 0, result.stderr
    digest = json.loads((tmp_path / f"{DAY_ONE}.json").read_text())
    assert [len(s["sources"]) for s in digest["stories"]] == [3]  # the cup final (one outlet) left out
    assert any("fewer than 2 outlets" in note for note in digest["notes"])
    # --hot 1: the hour before the day's newest article (the cup final, 13:00) holds only the cup final (the
    # talks' last articles came at 11:00), so it leads, where by outlets it comes second.
    hot = tmp_path / "hot"
    hot.mkdir()
    result = morning(newsroom, hot, DAY_ONE, "--hot", "1")
    assert result.returncode == 0, result.stderr
    ranked = json.loads((hot / f"{DAY_ONE}.json").read_text())
    assert [len(s["sources"]) for s in ranked["stories"]] == [1, 3]
    result = morning(newsroom, hot, DAY_ONE, "--hot", "3")  # 10:00 on: both stories, then by outlets
    assert [len(s["sources"]) for s in json.loads((hot / f"{DAY_ONE}.json").read_text())["stories"]] == [3, 1]
    bad = run_cli("daily", "--hot", "nan", str(tmp_path))
    assert bad.returncode == 2 and "must be a number of hours above 0" in one_line_error(bad)


class Mailbox:
    """An aiosmtpd handler keeping every message that arrives."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        raw = envelope.content  # type: ignore[attr-defined]
        message = email.message_from_bytes(raw, _class=EmailMessage, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[attr-defined]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    pytest.importorskip("aiosmtpd", reason="aiosmtpd is not installed (pip install -e '.[test]')")
    from aiosmtpd.controller import Controller

    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


def test_the_digest_arrives_by_mail(newsroom: Newsroom, tmp_path: Path, mailbox: tuple[Mailbox, int]) -> None:
    box, port = mailbox
    result = morning(newsroom, tmp_path, DAY_ONE, "--site", str(tmp_path / "site"), "--site-url",
                     "https://news.example.org/daily/", "--smtp", f"127.0.0.1:{port}", "--mail-from",
                     "digest@news.example.org", "--mail-to", "reader@example.org", "second@example.org")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "mailed the digest to reader@example.org, second@example.org" in result.stderr.decode()
    ((recipients, message),) = box.messages
    assert recipients == ["reader@example.org", "second@example.org"]
    assert message["From"] == "digest@news.example.org" and message["Subject"] == "Daily digest — 21 April: 2 stories"
    assert message.get_content_type() == "multipart/alternative"
    text = message.get_body(("plain",)).get_content()
    page = message.get_body(("html",)).get_content()
    assert "Putin" in text and f"{newsroom.base}/a/putin-talks.html" in text
    assert "On the web: https://news.example.org/daily/days/2025-04-21.html" in text
    tree = lxml_html.fromstring(page)
    links = [a.get("href") for a in tree.iter("a")]
    assert "https://news.example.org/daily/days/2025-04-21.html" in links
    assert f"{newsroom.base}/b/zelenskiy-ready.html" in links


def test_the_password_is_never_on_the_command_line(tmp_path: Path) -> None:
    result = run_cli("daily", str(tmp_path), "--mail-to", "a@example.org", "--smtp-password", "secret")
    assert result.returncode == 2 and "unrecognized arguments: --smtp-password" in one_line_error(result)


def test_a_failed_send_is_one_line_after_everything_is_saved(newsroom: Newsroom, tmp_path: Path) -> None:
    nobody = free_port()
    result = morning(newsroom, tmp_path, DAY_ONE, "--site", str(tmp_path / "site"), "--smtp",
                     f"127.0.0.1:{nobody}", "--mail-to", "reader@example.org", "-q")  # fmt: skip
    assert result.returncode == 1
    assert f"mail: connection refused by 127.0.0.1:{nobody}; nothing was sent" in one_line_error(result)
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / f"{DAY_ONE}.json").is_file()
    days = run_cli("archive", "days", "--archive", str(tmp_path / "news.db"), "-f", "json")
    assert DAY_ONE in days.stdout.decode()


def test_mail_settings_are_checked_before_any_work(newsroom: Newsroom, tmp_path: Path) -> None:
    result = morning(newsroom, tmp_path, DAY_ONE, "--mail-to", "not-an-address")
    assert result.returncode == 2 and "not an e-mail address: 'not-an-address'" in one_line_error(result)
    result = morning(newsroom, tmp_path, DAY_ONE, "--mail-to", "a@example.org", "--smtp-user", "me",
                     "--smtp-password-file", str(tmp_path / "missing"))  # fmt: skip
    assert result.returncode == 2 and "cannot read the SMTP password" in one_line_error(result)
    assert sum(newsroom.asked.values()) == 0 and not (tmp_path / "news.db").exists()
    env_run = run_cli("daily", "--archive", str(tmp_path / "x.db"), str(tmp_path / "none"),
                      env={"SUMMARIZER_MAIL_TO": "a@example.org", "SUMMARIZER_SMTP_SECURITY": "carrier-pigeon"})  # fmt: skip
    assert env_run.returncode == 2 and "unknown SMTP security 'carrier-pigeon'" in one_line_error(env_run)
