"""Helpers the renderers share: Markdown escaping, JSON and CSV text."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..errors import OptionsError

_MARKDOWN_SPECIAL = "\\`*_[]<>#|"


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
