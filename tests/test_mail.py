"""Mailing the digest (summarizer.delivery.mail, `daily --mail-to`): Ctrl-C ends a send to a server that stalls at
once; a user without a password and a password over a plain connection are refused before any work; a failed
send names only what the run saved; an IPv6 server is reached at [::1]; --help names the settings' variables
as they are spelt. The servers are real: aiosmtpd, or a socket that stops answering, on the loopback."""

from __future__ import annotations

import email
import email.policy
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import pytest

from summarizer.delivery.mail import MailSettings, split_server
from summarizer.errors import OptionsError

from .conftest import ROOT, one_line_error, run_cli

NO_PASSWORD = {"SUMMARIZER_SMTP_PASSWORD": "", "SUMMARIZER_SMTP_USER": "", "SUMMARIZER_SMTP_SECURITY": ""}


class Mailbox:
    """An aiosmtpd handler keeping every message that arrives, and who logged in."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], EmailMessage]] = []
        self.logins: list[tuple[str, str]] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        raw = envelope.content  # type: ignore[attr-defined]
        message = email.message_from_bytes(raw, _class=EmailMessage, policy=email.policy.default)
        self.messages.append((list(envelope.rcpt_tos), message))  # type: ignore[attr-defined]
        return "250 OK"

    def authenticate(self, server: object, session: object, envelope: object, mechanism: str, data: object) -> object:
        from aiosmtpd.smtp import AuthResult

        login, password = data.login.decode(), data.password.decode()  # type: ignore[attr-defined]
        self.logins.append((login, password))
        return AuthResult(success=(login, password) == ("me", "secret"))


def free_port(family: socket.AddressFamily = socket.AF_INET, host: str = "127.0.0.1") -> int:
    with socket.socket(family) as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def serving(host: str, family: socket.AddressFamily = socket.AF_INET) -> Iterator[tuple[Mailbox, int]]:
    pytest.importorskip("aiosmtpd", reason="aiosmtpd is not installed (pip install -e '.[test]')")
    from aiosmtpd.controller import Controller

    box, port = Mailbox(), free_port(family, host)
    controller = Controller(box, hostname=host, port=port, authenticator=box.authenticate, auth_require_tls=False)
    controller.start()
    try:
        yield box, port
    finally:
        controller.stop()


@pytest.fixture
def mailbox() -> Iterator[tuple[Mailbox, int]]:
    yield from serving("127.0.0.1")


@pytest.fixture
def mailbox_v6() -> Iterator[tuple[Mailbox, int]]:
    try:
        free_port(socket.AF_INET6, "::1")
    except OSError:
        pytest.skip("no IPv6 loopback here")
    yield from serving("::1", socket.AF_INET6)


def daily(tmp_path: Path, seeds_dir: Path, *extra: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return run_cli("daily", str(seeds_dir), "-q", "-o", str(tmp_path / "today.json"), "-f", "json", *extra,
                   env={**NO_PASSWORD, **(env or {})})  # fmt: skip


# --------------------------------------------------------------------------
# Ctrl-C while sending


class StallingServer:
    """Accepts, then stops answering: at once, or after its greeting and its answer to EHLO (smtplib's `with`
    then said QUIT on Ctrl-C and waited its whole 30 s timeout for the answer)."""

    def __init__(self, greets: bool) -> None:
        self.greets = greets
        self.stalled = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.connections: list[socket.socket] = []
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        with self.listener:
            connection, _ = self.listener.accept()
        self.connections.append(connection)
        if self.greets:
            connection.sendall(b"220 stalling.example.org ESMTP\r\n")
            connection.makefile("rb").readline()  # EHLO
            connection.sendall(b"250 stalling.example.org\r\n")
        self.stalled.set()

    def close(self) -> None:
        for connection in self.connections:
            connection.close()


@pytest.mark.parametrize("greets", [True, False], ids=["stalls-after-ehlo", "never-answers"])
def test_ctrl_c_while_sending_ends_the_run_at_once(tmp_path: Path, seeds_dir: Path, greets: bool) -> None:
    server = StallingServer(greets)
    command = [sys.executable, "-m", "summarizer.cli", "daily", str(seeds_dir), "-q", "-o", str(tmp_path / "out.json"),
               "-f", "json", "--smtp", f"127.0.0.1:{server.port}", "--mail-to", "reader@example.org"]  # fmt: skip
    process = subprocess.Popen(command, cwd=ROOT, env={**os.environ, **NO_PASSWORD}, stderr=subprocess.PIPE)
    try:
        assert server.stalled.wait(60), "the run never reached the server"
        threading.Event().wait(0.5)  # the client is now waiting for an answer
        process.send_signal(signal.SIGINT)
        _, error = process.communicate(timeout=20)  # the SMTP timeout is 30 s: waiting it out fails here
    finally:
        process.kill()
        server.close()
    assert process.returncode == 130, error
    assert error.decode().endswith("summarizer: interrupted\n") and b"Traceback" not in error
    assert (tmp_path / "out.json").is_file()  # written before the mail was sent


# --------------------------------------------------------------------------
# Settings checked before any work


def test_a_user_without_a_password_is_refused_before_any_work(tmp_path: Path, seeds_dir: Path) -> None:
    result = daily(tmp_path, seeds_dir, "--archive", str(tmp_path / "news.db"), "--mail-to", "reader@example.org",
                   "--smtp-user", "me")  # fmt: skip
    assert result.returncode == 2
    assert "the SMTP user 'me' needs a password: set $SUMMARIZER_SMTP_PASSWORD or --smtp-password-file FILE" in (
        one_line_error(result)
    )
    assert not (tmp_path / "news.db").exists() and not (tmp_path / "today.json").exists()
    from_env = daily(tmp_path, seeds_dir, "--mail-to", "reader@example.org", env={"SUMMARIZER_SMTP_USER": "me"})
    assert from_env.returncode == 2 and "needs a password" in one_line_error(from_env)


def test_a_password_goes_over_a_plain_connection_only_when_asked(
    tmp_path: Path, seeds_dir: Path, mailbox: tuple[Mailbox, int]
) -> None:
    box, port = mailbox
    login = ("--smtp", f"127.0.0.1:{port}", "--smtp-user", "me", "--mail-to", "reader@example.org")
    secret = {"SUMMARIZER_SMTP_PASSWORD": "secret"}
    refused = daily(tmp_path, seeds_dir, "--archive", str(tmp_path / "news.db"), *login, env=secret)
    assert refused.returncode == 2
    assert (
        f"the SMTP password would go unencrypted to 127.0.0.1:{port}: give --smtp-security starttls or tls"
        in one_line_error(refused)
    )
    assert not (tmp_path / "news.db").exists() and box.logins == [] and box.messages == []
    sent = daily(tmp_path, seeds_dir, *login, "--smtp-security", "none", env=secret)
    assert sent.returncode == 0, sent.stderr
    assert box.logins == [("me", "secret")] and len(box.messages) == 1
    also = daily(tmp_path, seeds_dir, *login, env={**secret, "SUMMARIZER_SMTP_SECURITY": "none"})
    assert also.returncode == 0, also.stderr  # the environment's setting is as explicit as the option


# --------------------------------------------------------------------------
# A failed send says what was saved, and only that


def test_a_failed_send_names_only_what_the_run_saved(tmp_path: Path, seeds_dir: Path) -> None:
    nobody = free_port()
    to = ("--smtp", f"127.0.0.1:{nobody}", "--mail-to", "reader@example.org")
    only_file = daily(tmp_path, seeds_dir, *to)
    assert only_file.returncode == 1
    assert one_line_error(only_file).endswith(f"nothing was sent ({tmp_path / 'today.json'} is saved)\n")
    printed = run_cli("daily", str(seeds_dir), "-q", "-f", "json", *to, env=NO_PASSWORD)
    assert printed.returncode == 1 and one_line_error(printed).endswith("; nothing was sent\n")
    everything = daily(tmp_path, seeds_dir, "--archive", str(tmp_path / "news.db"), "--site", str(tmp_path / "site"),
                       *to)  # fmt: skip
    assert one_line_error(everything).endswith(
        f"nothing was sent (the archive, the site and {tmp_path / 'today.json'} are saved)\n"
    )


# --------------------------------------------------------------------------
# The server's address


@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("mail.example.org", ("mail.example.org", None)),
        ("mail.example.org:587", ("mail.example.org", 587)),
        ("127.0.0.1:2525", ("127.0.0.1", 2525)),
        ("[::1]:2525", ("::1", 2525)),
        ("[::1]", ("::1", None)),
        ("::1", ("::1", None)),  # a bare IPv6 address: its colons are the address's, there is no port
        ("2001:db8::25", ("2001:db8::25", None)),
    ],
)
def test_smtp_servers_are_read_with_ipv6_in_brackets(text: str, parsed: tuple[str, int | None]) -> None:
    assert split_server(text) == parsed


@pytest.mark.parametrize("text", ["", ":25", "mail.example.org:", "mail.example.org:smtp", "[::1]:0", "[::1]25",
                                  "[mail.example.org]:25", "[::1", "::g", "host:70000"])  # fmt: skip
def test_bad_smtp_servers_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        split_server(text)


def test_a_bad_smtp_server_is_one_line_naming_where_it_came_from(tmp_path: Path) -> None:
    option = run_cli("daily", str(tmp_path), "--mail-to", "a@example.org", "--smtp", "[::1")
    assert option.returncode == 2
    assert "argument --smtp: must be HOST, HOST:PORT or [IPV6]:PORT, not '[::1'" in one_line_error(option)
    with pytest.raises(OptionsError, match=r"\$SUMMARIZER_SMTP: an SMTP server is HOST"):
        MailSettings.from_options(["a@example.org"], environ={"SUMMARIZER_SMTP": "::1:x:"})
    assert MailSettings.from_options(["a@example.org"], environ={"SUMMARIZER_SMTP": "[::1]"}).port == 25


def test_the_digest_reaches_a_server_on_ipv6(tmp_path: Path, seeds_dir: Path, mailbox_v6: tuple[Mailbox, int]) -> None:
    box, port = mailbox_v6
    result = daily(tmp_path, seeds_dir, "--smtp", f"[::1]:{port}", "--mail-to", "reader@example.org")
    assert result.returncode == 0, result.stderr
    ((recipients, message),) = box.messages
    assert recipients == ["reader@example.org"] and message["Subject"].startswith("Daily digest")
    refused = daily(tmp_path, seeds_dir, "--smtp", f"[::1]:{free_port(socket.AF_INET6, '::1')}", "--mail-to",
                    "reader@example.org")  # fmt: skip
    assert refused.returncode == 1 and "connection refused by [::1]:" in one_line_error(refused)


# --------------------------------------------------------------------------
# --help


def test_help_names_the_mail_variables_as_they_are_spelt() -> None:
    result = run_cli("daily", "--help", env={"COLUMNS": "100"})
    assert result.returncode == 0
    help_text = result.stdout.decode()
    variables = set(re.findall(r"\$(\w+)", help_text))
    assert {"SUMMARIZER_SMTP", "SUMMARIZER_SMTP_SECURITY", "SUMMARIZER_SMTP_USER", "SUMMARIZER_MAIL_FROM",
            "SUMMARIZER_MAIL_TO", "SUMMARIZER_SMTP_PASSWORD"} <= variables  # fmt: skip
    assert all(name.isupper() for name in variables), variables  # none as "$Summarizer_Smtp"
    assert "E-mail (settings also from $SUMMARIZER_SMTP, $SUMMARIZER_SMTP_SECURITY, " in help_text


def test_the_html_part_takes_the_path_of_every_page(seed_documents) -> None:
    """The mail's HTML comes from its template through render.templates, as every page does: no character XML
    forbids, the site's address escaped in its attribute (it was pasted in as it came) and no other link than
    http(s) (issue 33's review)."""
    from lxml import html as lxml_html

    from summarizer import Document, daily
    from summarizer.delivery.mail import digest_message

    bad = "\x01\x0b\x1b\x7f\x85"
    documents = [Document(id=d.id, text=d.text, title=f"T{bad}", source=f"S{bad}", url="javascript:alert(1)")
                 for d in seed_documents]  # fmt: skip
    settings = MailSettings(("reader@example.org",))
    address = 'https://news.example.org/day.html"onmouseover="alert(1)\x01'
    part = digest_message(daily(documents, jobs=1), settings, page_url=address).get_body(("html",))
    page = part.get_content()  # type: ignore[union-attr]
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]", page)
    links = [a.attrib for a in lxml_html.fromstring(page).iter("a")]
    assert links == [{"href": 'https://news.example.org/day.html"onmouseover="alert(1)'}]
    assert page.count(">T<") == len(documents)  # the titles, without their control characters
