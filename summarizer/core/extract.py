"""What the summarizer reads: each article's text after extraction and cleaning.

`summarizer extract` shows it, so a user can see what the tool saw (and what
cleaning took out); the cleaning benchmark in eval/ measures it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..documents import Document, Removal
from .clean import clean


@dataclass(frozen=True)
class ExtractedArticle:
    id: str
    path: str | None
    title: str | None
    source: str | None
    date: str | None
    url: str | None
    text: str  # paragraphs separated by a blank line
    removed: tuple[Removal, ...] = ()
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id, "path": self.path, "title": self.title, "source": self.source, "date": self.date,
            "url": self.url, "text": self.text, "removed": [{"step": r.step, "text": r.text} for r in self.removed],
            "notes": list(self.notes),
        }  # fmt: skip


@dataclass(frozen=True)
class Extraction:
    articles: tuple[ExtractedArticle, ...]
    raw: bool  # True: the text before cleaning

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `summarizer extract --format json`."""
        return {"raw": self.raw, "articles": [a.to_dict() for a in self.articles]}


def extract(documents: Sequence[Document], *, raw: bool = False) -> Extraction:
    """Each document's text as the summarizer works from it (cleaned), or as read (`raw`)."""
    articles = []
    for document in documents:
        removed: tuple[Removal, ...] = ()
        if raw:
            text, title, source = document.text.strip(), document.title, document.source
        else:
            cleaned = clean(document)
            text, removed = "\n\n".join(cleaned.paragraphs), cleaned.removed
            title, source = cleaned.title, cleaned.source
        articles.append(ExtractedArticle(document.id, document.path, title, source, document.date, document.url,
                                         text, removed, document.notes))  # fmt: skip
    return Extraction(tuple(articles), raw)
