"""The web, for feeds and the pages they link to: one HTTP GET with a deadline, redirects checked hop by hop.

Every request goes through `Fetcher.get`:

- only `http` and `https` are ever requested; a redirect is followed (at most MAX_REDIRECTS hops), each
  hop checked against the same scheme rule and, for pages, robots.txt of its host; a loop is named;
- one deadline bounds the whole fetch of a URL (name lookup, connect, TLS, headers, every read and every
  redirect hop): a watchdog shuts the socket when it passes, so a server trickling a byte at a time
  cannot hold a run;
- the size limit is enforced while reading, after decompression (a gzip bomb stops at the limit), and a
  Content-Length above it is refused before reading;
- each failure has its cause in words (refused, name not found, timed out, too large, redirect loop, TLS);
  a permanent cause (a bad name, a 4xx, too large, a loop, a certificate) is not retried, a passing one
  (a timeout, a reset, 429 or 5xx) is, with exponential backoff that honours Retry-After up to a limit;
- requests to one host are spaced by a delay (robots.txt's Crawl-delay when longer).

It is built on the standard library's `http.client`. urllib3, used before, bounds each socket read, not
the request (a byte every half second kept a 3-second request alive past 90 s), and with `retries=False`
it follows no redirect at all.
"""

from __future__ import annotations

import contextlib
import datetime
import email.utils
import http.client
import math
import socket
import ssl
import threading
import time
import urllib.robotparser
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from ..errors import OptionsError
from ..version import __version__

__all__ = ["ALLOWED_SCHEMES", "MAX_REDIRECTS", "USER_AGENT", "Answer", "FetchFailed", "FetchSettings", "Fetcher",
           "is_web_url", "retry_after"]  # fmt: skip

USER_AGENT = f"summarizer/{__version__} (offline news digests)"
ALLOWED_SCHEMES = ("http", "https")
MAX_REDIRECTS = 5
RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
PERMANENT_REDIRECTS = frozenset({301, 308})
READ_CHUNK = 65_536
# Bounds of the settings: a timeout of zero or of hours is a typo, as is waiting longer than an hour.
MAX_TIMEOUT = 600.0
MAX_DELAY = 3600.0


@dataclass(frozen=True)
class FetchSettings:
    delay: float = 1.0  # seconds between two requests to one host
    timeout: float = 10.0  # seconds for the whole fetch of one URL (every hop, connect and read)
    retries: int = 2  # further attempts after a passing failure (a timeout, a reset, 429 or 5xx)
    backoff: float = 1.0  # first wait between attempts; doubles each time
    max_wait: float = 60.0  # a Retry-After longer than this is not waited for: the feed fails this run
    max_pages: int = 100  # new pages read per feed and run
    max_bytes: int = 10_000_000  # a larger answer (after decompression) fails

    def __post_init__(self) -> None:
        checks = {"delay": (0.0, MAX_DELAY, True), "timeout": (0.0, MAX_TIMEOUT, False),
                  "backoff": (0.0, MAX_DELAY, True), "max_wait": (0.0, MAX_DELAY, True)}  # fmt: skip
        for name, (low, high, low_allowed) in checks.items():
            value = getattr(self, name)
            inside = low <= value if low_allowed else low < value
            if not (isinstance(value, (int, float)) and math.isfinite(value) and inside and value <= high):
                bound = f"at least {low:g}" if low_allowed else f"above {low:g}"
                raise OptionsError(f"{name.replace('_', ' ')} must be a number of seconds {bound} and at most "
                                   f"{high:g}, not {value!r}")  # fmt: skip
        if self.retries < 0 or self.max_pages < 1 or self.max_bytes < 1:
            raise OptionsError("retries must be 0 or more, and max_pages and max_bytes at least 1")


class FetchFailed(Exception):
    """One URL could not be read; the message is the report's line. `permanent`: trying again will not help."""

    def __init__(self, message: str, *, permanent: bool = False) -> None:
        super().__init__(message)
        self.permanent = permanent


@dataclass(frozen=True)
class Answer:
    status: int
    headers: Mapping[str, str]  # case-insensitive (an http.client message)
    data: bytes
    url: str  # where the answer came from, after redirects
    redirects: tuple[tuple[int, str], ...] = ()  # each hop followed: (status, the URL it led to)

    @property
    def moved_permanently(self) -> bool:
        """Every hop was a permanent redirect (301/308): the old URL should be replaced by `url`."""
        return bool(self.redirects) and all(status in PERMANENT_REDIRECTS for status, _ in self.redirects)

    @property
    def content_type(self) -> str:
        return (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()


def is_web_url(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme.lower() in ALLOWED_SCHEMES and bool(parts.hostname)


class _Deadline:
    """The time left for one fetch, and a watchdog that shuts its sockets when none is left."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.end = time.monotonic() + seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True
        self._timer.start()

    def left(self) -> float:
        left = self.end - time.monotonic()
        if left <= 0:
            self.expired = True
            raise FetchFailed(f"timed out after {self.seconds:g} s")
        return left

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                self._shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                self._shut(sock)

    @staticmethod
    def _shut(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)  # a blocked connect or recv returns at once

    def cancel(self) -> None:
        self._timer.cancel()


def _resolve(host: str, port: int, deadline: _Deadline) -> list[tuple[Any, ...]]:
    """Addresses of a host, within the deadline (a name lookup cannot be interrupted, so it runs aside)."""
    found: dict[str, Any] = {}

    def look_up() -> None:
        try:
            found["addresses"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as error:
            found["error"] = error

    worker = threading.Thread(target=look_up, daemon=True)
    worker.start()
    worker.join(deadline.left())
    if worker.is_alive():
        deadline.expired = True
        raise FetchFailed(f"timed out after {deadline.seconds:g} s (looking up {host})")
    if "error" in found:
        raise FetchFailed(f"cannot find the host {host} (name lookup failed)", permanent=True)
    return found["addresses"]


def _connect(host: str, port: int, tls: bool, deadline: _Deadline) -> socket.socket:
    refused: OSError | None = None
    for family, kind, protocol, _, address in _resolve(host, port, deadline):
        sock = socket.socket(family, kind, protocol)
        deadline.watch(sock)
        try:
            sock.settimeout(deadline.left())
            sock.connect(address)
        except (ConnectionRefusedError, OSError) as error:
            sock.close()
            if deadline.expired or isinstance(error, TimeoutError):
                raise FetchFailed(f"timed out after {deadline.seconds:g} s (connecting to {host})") from None
            refused = error
            continue
        if not tls:
            return sock
        wrapped = ssl.create_default_context().wrap_socket(sock, server_hostname=host, do_handshake_on_connect=False)
        deadline.watch(wrapped)
        try:
            wrapped.settimeout(deadline.left())
            wrapped.do_handshake()
        except ssl.SSLCertVerificationError as error:
            wrapped.close()
            raise FetchFailed(f"the TLS certificate of {host} is not valid ({error.verify_message})",
                              permanent=True) from None  # fmt: skip
        except (ssl.SSLError, OSError) as error:
            wrapped.close()
            if deadline.expired or isinstance(error, TimeoutError):
                raise FetchFailed(f"timed out after {deadline.seconds:g} s (TLS with {host})") from None
            raise FetchFailed(f"TLS with {host} failed ({error})") from None
        return wrapped
    if isinstance(refused, ConnectionRefusedError):
        raise FetchFailed(f"connection refused by {host}:{port}")
    raise FetchFailed(f"cannot connect to {host}:{port} ({getattr(refused, 'strerror', None) or refused})")


def _decoder(encoding: str) -> Any:
    encoding = encoding.strip().lower()
    if encoding in ("gzip", "x-gzip"):
        return zlib.decompressobj(16 + zlib.MAX_WBITS)
    if encoding == "deflate":
        return zlib.decompressobj()
    if encoding in ("", "identity"):
        return None
    raise FetchFailed(f"answer in an unknown content encoding ({encoding})", permanent=True)


def _read_body(response: http.client.HTTPResponse, sock: socket.socket, deadline: _Deadline, limit: int) -> bytes:
    """The body, decompressed, read chunk by chunk against the deadline and the size limit."""
    too_large = FetchFailed(f"larger than {limit:,} bytes", permanent=True)
    decoder = _decoder(response.headers.get("Content-Encoding") or "")
    parts: list[bytes] = []
    size = 0
    while True:
        sock.settimeout(deadline.left())
        chunk = response.read1(READ_CHUNK)
        if deadline.expired:  # the watchdog shut the socket: what was read is not the whole answer
            raise FetchFailed(f"timed out after {deadline.seconds:g} s")
        if not chunk:
            break
        if decoder is not None:
            chunk = decoder.decompress(chunk, limit + 1 - size)
            if decoder.unconsumed_tail:
                raise too_large
        size += len(chunk)
        if size > limit:
            raise too_large
        parts.append(chunk)
    if decoder is not None:
        parts.append(decoder.flush())
    return b"".join(parts)


def _get_once(url: str, headers: Mapping[str, str], deadline: _Deadline, limit: int) -> tuple[int, Any, bytes]:
    """Status, headers and body of one GET (a redirect's body is not read)."""
    parts = urlsplit(url)
    tls = parts.scheme.lower() == "https"
    host = parts.hostname or ""
    try:
        port = parts.port or (443 if tls else 80)
    except ValueError:
        raise FetchFailed(f"not a valid URL ({url})", permanent=True) from None
    sock = _connect(host, port, tls, deadline)
    connection = http.client.HTTPConnection(host, port)
    connection.sock = sock  # connected (and TLS-wrapped) under the deadline above
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("GET", target, headers={"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
                                                    "Connection": "close", **headers})  # fmt: skip
        sock.settimeout(deadline.left())
        response = connection.getresponse()
        if response.status in REDIRECT_STATUSES:
            return response.status, response.headers, b""
        declared = response.headers.get("Content-Length")
        if declared and declared.strip().isdigit() and int(declared) > limit:
            raise FetchFailed(f"larger than {limit:,} bytes (Content-Length {int(declared):,})", permanent=True)
        return response.status, response.headers, _read_body(response, sock, deadline, limit)
    except FetchFailed:
        raise
    except (TimeoutError, OSError, http.client.HTTPException) as error:
        if deadline.expired or isinstance(error, TimeoutError):
            raise FetchFailed(f"timed out after {deadline.seconds:g} s") from None
        if isinstance(error, (http.client.RemoteDisconnected, http.client.IncompleteRead, ConnectionError)):
            raise FetchFailed("the connection was closed before the answer was complete") from None
        if isinstance(error, http.client.HTTPException):
            raise FetchFailed(f"not a valid HTTP answer ({type(error).__name__})", permanent=True) from None
        raise FetchFailed(f"the connection failed ({error.strerror or error})") from None
    finally:
        connection.close()


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


class Fetcher:
    """GET with a deadline, redirects, per-host delay, retries with backoff and Retry-After, and robots.txt."""

    def __init__(self, settings: FetchSettings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        self.settings = settings
        self.sleep = sleep
        self.last_request: dict[str, float] = {}
        self.robots: dict[str, urllib.robotparser.RobotFileParser | FetchFailed] = {}
        self.requests = 0

    def _wait_for_host(self, host: str) -> None:
        delay = self.settings.delay
        robots = self.robots.get(host)
        crawl_delay = robots.crawl_delay(USER_AGENT) if isinstance(robots, urllib.robotparser.RobotFileParser) else None
        if crawl_delay:
            delay = max(delay, min(float(crawl_delay), self.settings.max_wait))
        since = time.monotonic() - self.last_request.get(host, float("-inf"))
        if since < delay:
            self.sleep(delay - since)

    def fetch(self, url: str, headers: Mapping[str, str] | None = None, *, page: bool = False) -> Answer:
        """One attempt: the answer at the end of the redirects, within one deadline. `page`: every hop must
        be allowed by its host's robots.txt."""
        chain: list[tuple[int, str]] = []
        seen = {url}
        self._check(url, page)
        self._wait_for_host(urlsplit(url).netloc)
        deadline = _Deadline(self.settings.timeout)
        try:
            while True:
                host = urlsplit(url).netloc
                self.requests += 1
                try:
                    status, answer_headers, data = _get_once(url, headers or {}, deadline, self.settings.max_bytes)
                finally:
                    self.last_request[host] = time.monotonic()
                location = answer_headers.get("Location") if status in REDIRECT_STATUSES else None
                if not location:
                    return Answer(status, answer_headers, data, url, tuple(chain))
                target = urljoin(url, location.strip())
                if target in seen:
                    raise FetchFailed(f"redirect loop ({url} leads back to {target})", permanent=True)
                if len(chain) >= MAX_REDIRECTS:
                    raise FetchFailed(f"more than {MAX_REDIRECTS} redirects", permanent=True)
                chain.append((status, target))
                seen.add(target)
                self._check(target, page, redirected=True)
                url = target
        finally:
            deadline.cancel()

    def _check(self, url: str, page: bool, *, redirected: bool = False) -> None:
        lead = f"redirected to {url[:100]}, " if redirected else ""
        if not is_web_url(url):
            raise FetchFailed(f"{lead}not an http(s) URL" + ("" if redirected else f": {url[:100]}"), permanent=True)
        if page and not self.allowed(url):
            host = urlsplit(url).netloc
            robots = self.robots.get(host)
            if isinstance(robots, FetchFailed):  # asked once a run: trying again would give the same answer
                raise FetchFailed(f"{lead}{host} is unreachable (robots.txt: {robots})", permanent=True)
            raise FetchFailed(f"{lead}robots.txt of {host} does not allow it", permanent=True)

    def get(self, url: str, headers: Mapping[str, str] | None = None, *, page: bool = False) -> Answer:
        """The answer (any status but a passing one), after up to `retries` further attempts."""
        wait = self.settings.backoff
        for attempt in range(self.settings.retries + 1):
            last_try = attempt == self.settings.retries
            try:
                answer = self.fetch(url, headers, page=page)
            except FetchFailed as error:
                if last_try or error.permanent:
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
        """robots.txt of the URL's host (read once per run): 401/403 means nothing is allowed, another 4xx
        means no rules; a host whose robots.txt cannot be read is not fetched from this run."""
        parts = urlsplit(url)
        if parts.netloc not in self.robots:
            robots = urllib.robotparser.RobotFileParser()
            try:
                answer = self.get(f"{parts.scheme}://{parts.netloc}/robots.txt")
                if answer.status in (401, 403):
                    robots.parse(["User-agent: *", "Disallow: /"])
                elif answer.status < 400:
                    robots.parse(answer.data.decode("utf-8", "replace").splitlines())
                else:
                    robots.parse([])
                self.robots[parts.netloc] = robots
            except FetchFailed as error:
                self.robots[parts.netloc] = error
        found = self.robots[parts.netloc]
        return isinstance(found, urllib.robotparser.RobotFileParser) and found.can_fetch(USER_AGENT, url)
