"""The day's digest by e-mail: one message, plain text and HTML alternatives, links to the sources and to the
site's page of the day when there is one; sent with the standard library's smtplib.

Settings come from options or the environment (SUMMARIZER_SMTP, SUMMARIZER_SMTP_SECURITY,
SUMMARIZER_SMTP_USER, SUMMARIZER_MAIL_FROM, SUMMARIZER_MAIL_TO); the password only from
SUMMARIZER_SMTP_PASSWORD or a file, never from the command line and never kept in the archive. Every
setting is checked before any work; a failed send is a MailError with one line saying why.
"""

from __future__ import annotations

import contextlib
import os
import re
import smtplib
import ssl
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OptionsError, SummarizerError

if TYPE_CHECKING:
    from ..stories import DailyDigest
    from .render.templates import Templates

__all__ = ["SECURITY", "MailError", "MailSettings", "digest_message", "send", "split_server"]

SECURITY = ("none", "starttls", "tls")
_ADDRESS = re.compile(r"^[^@\s<>]+@[^@\s<>]+$")
TIMEOUT = 30.0  # seconds for each step of the conversation (connecting, each answer of the server)
PASSWORD_SOURCES = "$SUMMARIZER_SMTP_PASSWORD or --smtp-password-file FILE"


def split_server(text: str) -> tuple[str, int | None]:
    """HOST, HOST:PORT, [IPV6]:PORT, [IPV6] or a bare IPv6 address (no port: its colons are the address's) ->
    (host, port or None); ValueError saying what is wrong."""
    import ipaddress

    def ipv6(address: str) -> str:
        try:
            return str(ipaddress.IPv6Address(address))
        except ValueError:
            raise ValueError(f"{address!r} is no IPv6 address") from None

    bracketed = re.fullmatch(r"\[([^\]]*)\](?::(.*))?", text)
    if bracketed:
        host, port = ipv6(bracketed.group(1)), bracketed.group(2)
    elif text.count(":") > 1:
        host, port = ipv6(text), None
    else:
        host, _, port = text.partition(":") if ":" in text else (text, "", None)
    if not host or "[" in host or "]" in host:
        raise ValueError("no host")
    if port is not None and not (port.isascii() and port.isdigit() and 0 < int(port) < 65536):
        raise ValueError(f"the port must be a number from 1 to 65535, not {port!r}")
    return host, int(port) if port is not None else None


def server_name(host: str, port: int) -> str:
    """host:port as typed back to the user ([::1]:25 for an IPv6 address)."""
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


class MailError(SummarizerError):
    """The message could not be sent; the run's archive and site are saved all the same."""


@dataclass(frozen=True)
class MailSettings:
    to: tuple[str, ...]
    host: str = "localhost"
    port: int = 25
    security: str = "none"
    user: str | None = None
    password: str | None = None
    sender: str = "summarizer@localhost"

    def __post_init__(self) -> None:
        for address in (*self.to, self.sender):
            if not _ADDRESS.match(address):
                raise OptionsError(f"not an e-mail address: {address!r}")
        if not self.to:
            raise OptionsError("no address to send the digest to")
        if self.security not in SECURITY:
            raise OptionsError(f"unknown SMTP security {self.security!r}; choose {', '.join(SECURITY)}")
        if not 0 < self.port < 65536:
            raise OptionsError(f"SMTP port must be between 1 and 65535, not {self.port}")
        if self.password and not self.user:
            raise OptionsError("an SMTP password needs an SMTP user")

    @classmethod
    def from_options(
        cls,
        to: list[str] | None,
        *,
        smtp: str | None = None,
        security: str | None = None,
        user: str | None = None,
        sender: str | None = None,
        password_file: str | None = None,
        environ: dict[str, str] | None = None,
    ) -> MailSettings:
        """Options first, then the environment; the password from SUMMARIZER_SMTP_PASSWORD or `password_file`."""
        env = dict(os.environ if environ is None else environ)
        server = smtp or env.get("SUMMARIZER_SMTP") or "localhost:25"
        try:
            host, port = split_server(server)
        except ValueError as error:
            where = "--smtp" if smtp else "$SUMMARIZER_SMTP"
            raise OptionsError(f"{where}: an SMTP server is HOST, HOST:PORT or [IPV6]:PORT, not {server!r} "
                               f"({error})") from None  # fmt: skip
        password = env.get("SUMMARIZER_SMTP_PASSWORD") or None
        if password_file:
            try:
                password = Path(password_file).read_text(encoding="utf-8").strip()
            except OSError as error:
                raise OptionsError(
                    f"{password_file}: cannot read the SMTP password ({error.strerror or error})"
                ) from None
        addresses = to or [a.strip() for a in env.get("SUMMARIZER_MAIL_TO", "").split(",") if a.strip()]
        chosen = security or env.get("SUMMARIZER_SMTP_SECURITY")
        security = chosen or "none"
        port = port or {"none": 25, "starttls": 587, "tls": 465}.get(security, 25)
        user = user or env.get("SUMMARIZER_SMTP_USER") or None
        if user and not password:  # else found only at the end of the run, when the server refuses the login
            raise OptionsError(f"the SMTP user {user!r} needs a password: set {PASSWORD_SOURCES}")
        if user and password and security == "none" and chosen != "none":
            raise OptionsError(f"the SMTP password would go unencrypted to {server_name(host, port)}: give "
                               "--smtp-security starttls or tls (or --smtp-security none to send it so all the same)")  # fmt: skip
        return cls(tuple(addresses), host, port, security, user, password,
                   sender or env.get("SUMMARIZER_MAIL_FROM") or "summarizer@localhost")  # fmt: skip


def digest_message(
    result: DailyDigest,
    settings: MailSettings,
    *,
    page_url: str | None = None,
    templates: Templates | None = None,
    scale: Mapping[str, Sequence[str]] | None = None,
) -> EmailMessage:
    """The day's digest as one message: the text view with every source's address, and the HTML page (the
    template mail.html, through the path every page takes: render.templates; `scale` orders the coverage bars)."""
    from ..text import counted
    from .render.common import day_words, safe_link
    from .render.daily import page_context, render_text
    from .render.templates import shipped

    day = result.date or ""
    text = render_text(result).rstrip() + "\n"
    sources = []
    for number, story in enumerate(result.stories, start=1):
        links = [link for doc_id in story.documents if (link := safe_link(result.documents.get(doc_id, {}).get("url")))]
        if links:
            sources.append(f"\n{number}. {story.headline}\n" + "".join(f"   {link}\n" for link in links))
    if sources:
        text += "\nSources\n-------\n" + "".join(sources)
    if page_url:
        text += f"\nOn the web: {page_url}\n"
    message = EmailMessage()
    message["Subject"] = (
        f"Daily digest — {day_words(day)}: {counted(len(result.stories), 'story')}"
        if day
        else (f"Daily digest: {counted(len(result.stories), 'story')}")
    )
    message["From"] = settings.sender
    message["To"] = ", ".join(settings.to)
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2] or "localhost")
    message.set_content(text)
    context = page_context(result, scale=scale)
    page = (templates or shipped()).page("mail.html", **context, page_url=safe_link(page_url))
    message.add_alternative(page, subtype="html")
    return message


def send(message: EmailMessage, settings: MailSettings, *, timeout: float = TIMEOUT) -> None:
    """Send the message, or raise MailError with the cause in one line."""
    where = server_name(settings.host, settings.port)
    try:
        if settings.security == "tls":
            client: smtplib.SMTP = smtplib.SMTP_SSL(settings.host, settings.port, timeout=timeout,
                                                    context=ssl.create_default_context())  # fmt: skip
        else:
            client = smtplib.SMTP(settings.host, settings.port, timeout=timeout)
        # Not `with client`: on any error (Ctrl-C too) its exit says QUIT and waits up to `timeout` for an answer
        # a stalled server never gives. A failed conversation is only closed; a finished one says QUIT.
        try:
            if settings.security == "starttls":
                client.starttls(context=ssl.create_default_context())
            if settings.user:
                client.login(settings.user, settings.password or "")
            refused = client.send_message(message)
            with contextlib.suppress(smtplib.SMTPException, OSError):  # sent already: a lost goodbye changes nothing
                client.quit()
        finally:
            client.close()
        if refused:
            raise MailError(f"mail: {where} refused {', '.join(sorted(refused))}")
    except smtplib.SMTPAuthenticationError:
        raise MailError(f"mail: {where} did not accept the user {settings.user!r} and its password") from None
    except smtplib.SMTPRecipientsRefused as error:
        raise MailError(f"mail: {where} refused every address ({', '.join(sorted(error.recipients))})") from None
    except (smtplib.SMTPException, ssl.SSLError) as error:
        raise MailError(f"mail: {where} failed ({error})") from None
    except ConnectionRefusedError:
        raise MailError(f"mail: connection refused by {where}; nothing was sent") from None
    except TimeoutError:
        raise MailError(f"mail: {where} did not answer within {timeout:g} s; nothing was sent") from None
    except OSError as error:
        raise MailError(f"mail: cannot reach {where} ({error.strerror or error}); nothing was sent") from None
