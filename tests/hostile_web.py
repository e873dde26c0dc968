"""A web server on 127.0.0.1 that misbehaves like the real web: redirect chains and loops, trickling bodies and
headers, stalls, resets, wrong content types, gzip bombs, huge or empty answers, feeds with non-http links.

Every path is a behaviour; the server records what it was asked (path and time). Only 127.0.0.1 is used.
"""

from __future__ import annotations

import gzip
import socket
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qs, urlsplit

from .local_server import local_server

PARAGRAPHS = [
    "The harbor bridge reopened on Monday after two years of repairs, the city's transport office said.",
    "Mayor Lee cut a ribbon at dawn while commuters queued in their cars on both banks of the river.",
    "Engineers expect about ten thousand cars a day to cross the bridge once the morning rush returns.",
    "The repairs cost forty million dollars, twice the first estimate, after rust was found in the pillars.",
    "Shop owners near the bridge said their sales had fallen by a third while it was closed.",
    "The city will open a cycle lane on the bridge in the summer, the transport office added.",
]
BOMB = gzip.compress(b"\0" * 50_000_000, compresslevel=9)  # about 50 KB that inflates to 50 MB


def article(number: int) -> bytes:
    body = "".join(f"<p>{p} (Report {number}.)</p>" for p in PARAGRAPHS)
    return (f"<!DOCTYPE html><html><head><title>Bridge report {number}</title></head><body><nav>Home | News</nav>"
            f"<article><h1>Bridge report {number}</h1>{body}</article></body></html>").encode()  # fmt: skip


def rss(links: list[str], title: str = "Hostile outlet") -> bytes:
    items = "".join(f"<item><title>Item {n}</title><link>{link}</link><pubDate>Mon, 21 Apr 2025 08:00:00 GMT"
                    f"</pubDate></item>" for n, link in enumerate(links))  # fmt: skip
    return f'<?xml version="1.0"?><rss version="2.0"><channel><title>{title}</title>{items}</channel></rss>'.encode()


class HostileWeb:
    """The server's state: what it was asked, and the base URL."""

    def __init__(self) -> None:
        self.asked: dict[str, list[float]] = defaultdict(list)
        self.base = ""
        self.served_bytes = 0

    def count(self, prefix: str) -> int:
        return sum(len(times) for path, times in self.asked.items() if path.startswith(prefix))


def _handler(web: HostileWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            pass

        def answer(self, status: int, body: bytes = b"", headers: dict[str, str] | None = None) -> None:
            self.send_response(status)
            for key, value in {"Content-Type": "text/html; charset=utf-8", **(headers or {})}.items():
                self.send_header(key, value)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Connection", "close")
            self.end_headers()
            self.wfile.write(body)
            web.served_bytes += len(body)

        def redirect(self, location: str, status: int = 302) -> None:
            self.answer(status, b"", {"Location": location})

        def trickle(self, data: bytes, pause: float) -> None:
            try:
                for byte in data:
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(pause)
            except OSError:
                pass  # the client gave up: that is the point

        def do_GET(self) -> None:
            web.asked[self.path].append(time.monotonic())
            parts = urlsplit(self.path)
            path, query = parts.path, {k: v[0] for k, v in parse_qs(parts.query).items()}
            if path == "/robots.txt":
                self.answer(200, b"User-agent: *\nDisallow: /private/\n", {"Content-Type": "text/plain"})
            elif path.startswith("/page/"):
                self.answer(200, article(int(path.split("/")[2].split(".")[0])))
            elif path.startswith("/chain/"):  # /chain/N/K: N more hops, then page K
                hops, target = int(path.split("/")[2]), path.split("/")[3]
                self.redirect(f"/chain/{hops - 1}/{target}" if hops > 1 else f"/page/{target}.html")
            elif path == "/loop/a":
                self.redirect("/loop/b", 301)
            elif path == "/loop/b":
                self.redirect(f"{web.base}/loop/a", 302)
            elif path == "/to-ftp":
                self.redirect("ftp://127.0.0.1/file.txt")
            elif path == "/track":  # a tracking link: 302 to the article, with the id in the query
                self.redirect(f"/page/{query.get('id', '1')}.html")
            elif path == "/slash":  # a missing trailing slash
                self.redirect("/slash/", 301)
            elif path == "/slash/":
                self.answer(200, article(77))
            elif path == "/moved.xml":
                self.redirect("/feed.xml", 301)
            elif path == "/feed.xml":
                self.answer(200, rss([f"{web.base}/page/1.html", f"{web.base}/track?id=2", f"{web.base}/slash"]),
                            {"Content-Type": "application/rss+xml", "ETag": '"f1"'})  # fmt: skip
            elif path == "/odd-links.xml":
                links = ["javascript:alert(1)", "data:text/html,<p>hi</p>", "file:///etc/passwd",
                         "ftp://127.0.0.1/a.html", "mailto:editor@example.org", f"{web.base}/page/3.html"]  # fmt: skip
                self.answer(200, rss(links), {"Content-Type": "application/rss+xml"})
            elif path == "/slow-links.xml":
                self.answer(200, rss([f"{web.base}/trickle?pause=0.3"]), {"Content-Type": "application/rss+xml"})
            elif path == "/image-link.xml":
                self.answer(200, rss([f"{web.base}/image-page.html"]), {"Content-Type": "application/rss+xml"})
            elif path == "/empty.xml":
                self.answer(200, b"", {"Content-Type": "application/rss+xml"})
            elif path == "/image.xml" or path == "/image-page.html":
                self.answer(200, b"\x89PNG\r\n\x1a\n" + b"\0" * 64, {"Content-Type": "image/png"})
            elif path == "/trickle":  # headers at once, then the body a byte at a time
                pause = float(query.get("pause", "0.5"))
                body = article(5)
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.flush()
                self.trickle(body, pause)
            elif path == "/trickle-headers":  # even the status line comes a byte at a time
                pause = float(query.get("pause", "0.3"))
                self.trickle(
                    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nX-Slow: " + b"x" * 200 + b"\r\n\r\n", pause
                )
            elif path == "/stall":  # part of the body, then nothing
                body = article(6)
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body[:100])
                self.wfile.flush()
                time.sleep(float(query.get("for", "30")))
            elif path == "/reset":  # the connection dies without an answer
                self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")
                self.connection.close()
            elif path == "/huge":  # announced too large
                self.send_response(200)
                self.send_header("Content-Length", str(200_000_000))
                self.end_headers()
                try:
                    for _ in range(2000):
                        self.wfile.write(b"\0" * 100_000)
                        web.served_bytes += 100_000
                except OSError:
                    pass
            elif path == "/huge-unannounced":  # no Content-Length, the body goes on and on
                self.send_response(200)
                self.send_header("Connection", "close")
                self.end_headers()
                try:
                    for _ in range(2000):
                        self.wfile.write(b"<p>" + b"a" * 100_000 + b"</p>")
                        web.served_bytes += 100_007
                except OSError:
                    pass
                self.close_connection = True
            elif path == "/bomb":
                self.answer(200, BOMB, {"Content-Encoding": "gzip"})
            elif path == "/gzip-page":
                self.answer(200, gzip.compress(article(8)), {"Content-Encoding": "gzip"})
            elif path == "/busy":
                self.answer(503, b"busy", {"Retry-After": "0"})
            else:
                self.answer(404, b"not found")

    return Handler


@contextmanager
def hostile_web() -> Iterator[HostileWeb]:
    web = HostileWeb()
    with local_server(_handler(web)) as web.base:
        yield web


def refused_url() -> str:
    """An address on 127.0.0.1 where nothing listens: connecting is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}/feed.xml"
