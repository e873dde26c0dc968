"""Extracted articles (summarizer extract) as text, JSON or JSON Lines."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from .common import check_format, json_text

if TYPE_CHECKING:
    from ...core.extract import Extraction

FORMATS = ("text", "json", "jsonl")


def render(extraction: Extraction, fmt: str = "text") -> str:
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(extraction.to_dict())
    if fmt == "jsonl":
        return "".join(json.dumps(a.to_dict(), ensure_ascii=False) + "\n" for a in extraction.articles)
    blocks = []
    for article in extraction.articles:
        head = [f"# {article.id}"] + [
            f"{k}: {v}"
            for k, v in (
                ("path", article.path),
                ("title", article.title),
                ("source", article.source),
                ("date", article.date),
            )
            if v
        ]
        blocks.append("\n".join(head) + "\n\n" + (article.text or "(no text left)") + "\n")
    return "\n".join(blocks)
