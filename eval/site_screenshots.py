#!/usr/bin/env python3
"""The morning run delivered, shown: two days of `daily --feeds --labels --site --mail-to` against the test
newsroom on 127.0.0.1 (tests/newsroom.py; its outlets labelled by leaning as tests/test_site_browser.py's LABELS
say), the site's pages photographed in headless Chromium (Debian's) at 1200 px and 400 px wide and in dark mode,
and the message that arrived at a real SMTP server on 127.0.0.1 (aiosmtpd): its text, and its HTML part
photographed at 600 px as it is and without its style sheet (as a mail client that drops <style> shows it).

    .venv/bin/python eval/site_screenshots.py [--out eval/results/site]

Writes OUT/*.png, OUT/mail.txt (the message's headers, its plain-text part and the parts it has), OUT/mail.html
(its HTML part) and OUT/README.md (what each file is). Needs the test extra (playwright, aiosmtpd) and the
chromium package.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import re
import shutil
import socket
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.newsroom import DAY_ONE, serving, two_mornings  # noqa: E402
from tests.test_site_browser import BROWSER_FLAGS, LABELS, chromium_path, continuing_story  # noqa: E402

SHOTS = {"index": "index.html", "day": f"days/{DAY_ONE}.html"}


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[bytes] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        self.messages.append(envelope.content)  # type: ignore[attr-defined]
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def photograph(site: Path, mail: Path, out: Path) -> list[str]:
    from playwright.sync_api import sync_playwright

    executable = chromium_path()
    if executable is None:
        raise SystemExit("chromium is not installed (Debian's package 'chromium')")
    shots = {**{name: site / path for name, path in SHOTS.items()}, "story": continuing_story(site)}
    bare = mail.with_name("mail-nostyle.html")
    bare.write_text(re.sub(r"<style>.*?</style>", "", mail.read_text(encoding="utf-8"), flags=re.S), encoding="utf-8")
    written = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=BROWSER_FLAGS)
        for width, scheme in ((1200, "light"), (400, "light"), (400, "dark")):
            context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
            page = context.new_page()
            for name, path in shots.items():
                page.goto(path.as_uri())
                target = out / f"{name}-{width}{'-dark' if scheme == 'dark' else ''}.png"
                page.screenshot(path=str(target), full_page=True)
                written.append(target.name)
            context.close()
        context = browser.new_context(viewport={"width": 600, "height": 900})
        page = context.new_page()
        for name, path in (("mail-600.png", mail), ("mail-600-nostyle.png", bare)):
            page.goto(path.as_uri())
            page.screenshot(path=str(out / name), full_page=True)
            written.append(name)
        context.close()
        browser.close()
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "eval" / "results" / "site")
    args = parser.parse_args()
    from aiosmtpd.controller import Controller

    args.out.mkdir(parents=True, exist_ok=True)
    box, port = Mailbox(), free_port()
    controller = Controller(box, hostname="127.0.0.1", port=port)
    controller.start()
    with tempfile.TemporaryDirectory() as temporary, serving() as newsroom:
        folder = Path(temporary)
        (folder / "labels.csv").write_text(LABELS, encoding="utf-8")
        mail = ("--smtp", f"127.0.0.1:{port}", "--mail-to", "reader@example.org", "--mail-from",
                "digest@news.example.org", "--site-url", "https://news.example.org/daily/", "--labels",
                str(folder / "labels.csv"))  # fmt: skip
        site = two_mornings(newsroom, folder, *mail)
        controller.stop()
        message = email.message_from_bytes(box.messages[-1], policy=email.policy.default)
        html_part = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
        (folder / "mail.html").write_text(html_part, encoding="utf-8")
        shots = photograph(site, folder / "mail.html", folder)
        for name in [*shots, "mail.html"]:
            shutil.copy(folder / name, args.out / name)
        shutil.copy(site / "feed.atom", args.out / "feed.atom")
    headers = "".join(f"{key}: {message[key]}\n" for key in ("From", "To", "Subject"))
    parts = ", ".join(part.get_content_type() for part in message.walk())
    text = message.get_body(("plain",)).get_content()  # type: ignore[union-attr]
    (args.out / "mail.txt").write_text(f"{headers}Parts: {parts}\n\n{text}", encoding="utf-8")
    notes = [f"- `{name}`" for name in shots]
    (args.out / "README.md").write_text(
        "# The site and the mail of two mornings (eval/site_screenshots.py)\n\n"
        f"{len(box.messages)} messages arrived at the SMTP server on 127.0.0.1 (one per morning); `mail.txt` and "
        "`mail.html` are the second's text and HTML parts.\n`feed.atom` is the site's feed after the second morning. "
        "The outlets are labelled by leaning (A left, B center, C, D and E right): each story's coverage is a bar in "
        "that order, and day two's stories, from D and E alone, are blindspots.\n\nScreenshots (page-width-scheme; "
        "`mail-600-nostyle.png` is the mail's HTML without its <style>, as clients that drop it show it):\n\n"
        + "\n".join(notes) + "\n",
        encoding="utf-8",
    )  # fmt: skip
    print(f"wrote {len(shots)} screenshots, mail.txt, mail.html, feed.atom and README.md to {args.out}")


if __name__ == "__main__":
    main()
