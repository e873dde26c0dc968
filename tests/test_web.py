"""The web as it is: redirects, deadlines, size limits, resets and odd links, against a misbehaving server on
127.0.0.1 (tests/hostile_web.py). Each case the issue "The morning job survives the real web" found."""

from __future__ import annotations

import contextlib
import socket
import time
from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.sources.fetch import fetch_feeds
from summarizer.sources.web import Fetcher, FetchFailed, FetchSettings

from .hostile_web import HostileWeb, hostile_web, refused_url

QUICK = FetchSettings(delay=0.0, timeout=2.0, retries=0, backoff=0.05, max_bytes=1_000_000)


@pytest.fixture(scope="module")
def web() -> Iterator[HostileWeb]:
    with hostile_web() as server:
        yield server


def fetcher(**changes: float) -> Fetcher:
    from dataclasses import replace

    return Fetcher(replace(QUICK, **changes))


def failure(url: str, *, page: bool = True, **changes: float) -> tuple[str, float, FetchFailed]:
    started = time.monotonic()
    with pytest.raises(FetchFailed) as caught:
        fetcher(**changes).get(url, page=page)
    return str(caught.value), time.monotonic() - started, caught.value


def test_redirect_chains_are_followed_and_the_final_url_recorded(web: HostileWeb) -> None:
    answer = fetcher().get(f"{web.base}/chain/3/4", page=True)
    assert answer.status == 200 and answer.url == f"{web.base}/page/4.html"
    assert [status for status, _ in answer.redirects] == [302, 302, 302]
    assert b"Bridge report 4" in answer.data


def test_more_than_five_redirects_and_loops_fail_with_their_cause(web: HostileWeb) -> None:
    assert fetcher().get(f"{web.base}/chain/5/1").status == 200
    message, _, error = failure(f"{web.base}/chain/6/1")
    assert message == "more than 5 redirects" and error.permanent
    message, _, _ = failure(f"{web.base}/loop/a")
    assert message.startswith("redirect loop (") and "/loop/b leads back to" in message


def test_a_redirect_to_another_scheme_is_not_followed(web: HostileWeb) -> None:
    message, _, error = failure(f"{web.base}/to-ftp")
    assert message == "redirected to ftp://127.0.0.1/file.txt, not an http(s) URL" and error.permanent


@pytest.mark.parametrize("path", ["/trickle?pause=0.5", "/trickle-headers?pause=0.3", "/stall?for=30"])
def test_the_timeout_bounds_the_whole_request(web: HostileWeb, path: str) -> None:
    message, seconds, _ = failure(f"{web.base}{path}", timeout=1.5)
    assert message.startswith("timed out after 1.5 s")
    assert seconds < 1.5 + 1.0


def test_a_refused_connection_says_refused_not_timed_out() -> None:
    message, seconds, error = failure(refused_url(), page=False)
    assert message.startswith("connection refused by 127.0.0.1:") and not error.permanent
    assert seconds < 1.0
    message, _, error = failure(refused_url().replace("feed.xml", "page.html"))  # a page: its robots.txt first
    assert message.endswith("is unreachable (robots.txt: connection refused by " + message.split()[0] + ")")
    assert error.permanent  # robots.txt is asked once a run: asking the page again would give the same answer


def test_a_name_that_cannot_be_found_is_named_and_not_retried(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_such_name(*args: object, **kwargs: object) -> None:
        raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")

    monkeypatch.setattr(socket, "getaddrinfo", no_such_name)  # no lookup leaves the machine
    waits: list[float] = []
    with pytest.raises(FetchFailed, match=r"cannot find the host news\.invalid") as caught:
        Fetcher(FetchSettings(retries=2, delay=0), sleep=waits.append).get("http://news.invalid/feed.xml")
    assert caught.value.permanent and waits == []


def test_answers_over_the_limit_are_refused_once_and_read_no_further(web: HostileWeb) -> None:
    before = web.count("/huge")
    message, seconds, error = failure(f"{web.base}/huge", retries=2)
    assert message.startswith("larger than 1,000,000 bytes (Content-Length 200,000,000)") and error.permanent
    assert web.count("/huge") == before + 1 and seconds < 3
    message, _, _ = failure(f"{web.base}/huge-unannounced", retries=2)
    assert message == "larger than 1,000,000 bytes"
    assert web.count("/huge-unannounced") == 1


def test_a_gzip_bomb_stops_at_the_limit_and_gzip_pages_are_read(web: HostileWeb) -> None:
    message, seconds, _ = failure(f"{web.base}/bomb")
    assert message == "larger than 1,000,000 bytes" and seconds < 3
    assert b"Bridge report 8" in fetcher().get(f"{web.base}/gzip-page").data


def test_a_reset_is_retried_then_named(web: HostileWeb) -> None:
    before = web.count("/reset")
    message, _, error = failure(f"{web.base}/reset", retries=1)
    assert "closed" in message or "connection failed" in message
    assert not error.permanent and web.count("/reset") == before + 2


def test_a_permanent_failure_is_not_retried(web: HostileWeb) -> None:
    waits: list[float] = []
    fetch = Fetcher(FetchSettings(delay=0, timeout=2, retries=2), sleep=waits.append)
    with pytest.raises(FetchFailed):
        fetch.get(f"{web.base}/loop/a")
    assert waits == []


def test_feeds_and_links_that_redirect_are_read(web: HostileWeb) -> None:
    report = fetch_feeds([f"{web.base}/moved.xml"], settings=QUICK)
    (feed,) = report.feeds
    assert feed.status == "new" and feed.final_url == f"{web.base}/feed.xml" and feed.pages == 3
    assert f"{web.base}/moved.xml: moved permanently to {web.base}/feed.xml" in report.problems[0]
    urls = sorted(d.url or "" for d in report.documents)
    assert urls == [f"{web.base}/page/1.html", f"{web.base}/page/2.html", f"{web.base}/slash/"]
    assert all("Bridge report" in (d.title or "") for d in report.documents)


def test_odd_item_links_are_skipped_without_a_request(web: HostileWeb) -> None:
    started = time.monotonic()
    report = fetch_feeds([f"{web.base}/odd-links.xml"], settings=QUICK)
    assert time.monotonic() - started < 2
    skipped = [p for p in report.problems if "not an http(s) page; skipped" in p]
    assert len(skipped) == 5 and not any("robots" in p for p in report.problems)
    assert [d.url for d in report.documents] == [f"{web.base}/page/3.html"]


def test_an_empty_feed_or_an_image_is_a_failed_feed_with_a_reason(web: HostileWeb) -> None:
    report = fetch_feeds([f"{web.base}/empty.xml", f"{web.base}/image.xml"], settings=QUICK)
    assert [f.status for f in report.feeds] == ["failed", "failed"]
    assert report.problems == [f"{web.base}/empty.xml: empty answer (HTTP 200 with no content)",
                               f"{web.base}/image.xml: not a feed (Content-Type image/png)"]  # fmt: skip


def test_a_page_that_is_not_a_web_page_is_named(web: HostileWeb) -> None:
    report = fetch_feeds([f"{web.base}/image-link.xml"], settings=QUICK)
    assert report.problems == [f"{web.base}/image-page.html: not a web page (Content-Type image/png)"]
    assert report.feeds[0].status == "new" and not report.documents


BEHAVIOURS = ["/trickle?pause={p}", "/trickle-headers?pause={p}", "/stall?for=5", "/chain/{n}/1", "/loop/a",
              "/bomb", "/huge", "/huge-unannounced", "/reset", "/page/2.html", "/busy"]  # fmt: skip


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    behaviour=st.sampled_from(BEHAVIOURS),
    pause=st.sampled_from([0.05, 0.2, 0.6]),
    hops=st.integers(min_value=1, max_value=7),
    timeout=st.floats(min_value=0.3, max_value=1.5),
)
def test_no_fetch_outlives_its_deadline_by_more_than_a_second(web, behaviour, pause, hops, timeout) -> None:
    url = web.base + behaviour.format(p=pause, n=hops)
    started = time.monotonic()
    with contextlib.suppress(FetchFailed):
        Fetcher(FetchSettings(delay=0, timeout=timeout, retries=0, max_bytes=1_000_000)).get(url)
    assert time.monotonic() - started <= timeout + 1.0


def test_fetching_holds_no_lock_on_the_archive(web: HostileWeb, tmp_path, seed_documents) -> None:
    import subprocess
    import sys

    from summarizer.archive import Archive, add_articles

    feeds = tmp_path / "feeds.txt"
    feeds.write_text(f"{web.base}/slow-links.xml\n")
    db = tmp_path / "news.db"
    Archive(db).close()
    command = [sys.executable, "-m", "summarizer.cli", "daily", "--feeds", str(feeds), "--archive", str(db),
               "--timeout", "2", "--delay", "0", "--date", "2025-04-22", "-q"]  # fmt: skip
    slow = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        time.sleep(1.5)  # the run is reading a page a byte at a time
        assert slow.poll() is None
        started = time.monotonic()
        with Archive(db, busy_seconds=1.0) as archive, archive.run("2025-04-22", "another run") as run:
            add_articles(run, seed_documents[:1])
        assert time.monotonic() - started < 1.0  # no wait: the slow run holds no lock while it fetches
    finally:
        _, error = slow.communicate(timeout=60)
    assert slow.returncode == 0, error  # it then stored its run after the other one
    with Archive(db) as archive:
        assert archive.db.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2
