"""Helpers the renderers share: Markdown escaping, JSON and CSV text, text fit for an HTML or XML page."""

from __future__ import annotations

import csv
import datetime
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any
from urllib.parse import urlsplit

from ...errors import OptionsError

_MARKDOWN_SPECIAL = "\\`*_[]<>#|"
# What XML 1.0 forbids (C0 controls but tab, newline and CR; U+FFFE, U+FFFF; lone surrogates) and the controls
# HTML reports as errors (DEL, C1).
_NOT_IN_PAGES = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")


def page_text(text: str) -> str:
    """`text` without the characters no XML or HTML page may hold, whatever the input carried: every page and
    the Atom feed pass their text through it (the loaders clean documents too; this holds regardless)."""
    return _NOT_IN_PAGES.sub("", text)


def markdown_escape(text: str) -> str:
    for char in _MARKDOWN_SPECIAL:
        text = text.replace(char, "\\" + char)
    return text


def json_text(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def check_format(fmt: str, formats: Sequence[str]) -> None:
    if fmt not in formats:
        raise OptionsError(f"unknown format {fmt!r}; choose {', '.join(formats)}")


def safe_link(url: str | None) -> str | None:
    """The URL when it is an http(s) address; anything else (javascript:, data:, file:) is never a link."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    return url.strip() if parts.scheme.lower() in ("http", "https") and parts.netloc else None


def markdown_link(label: str, url: str | None) -> str:
    """[label](url) for an http(s) URL (brackets, spaces and parentheses escaped), else the label alone."""
    link = safe_link(url)
    if link is None:
        return label
    return f"[{label}]({link.replace(' ', '%20').replace('(', '%28').replace(')', '%29')})"


def day_words(day: str) -> str:
    """'2025-04-21' as '21 April' (the reader knows the year)."""
    try:
        date = datetime.date.fromisoformat(day[:10])
    except ValueError:
        return day
    return f"{date.day} {date:%B}"


def when(date: str) -> str:
    """A date as given, or a feed's UTC timestamp as '2025-04-21 08:00 UTC'."""
    if len(date) == 20 and date[10] == "T" and date.endswith("Z"):
        return f"{date[:10]} {date[11:16]} UTC"
    return date
