"""The digest: what summarizing a set of documents gives, with the options that made it and its JSON contract.

It lives beside its options (core/options.py) rather than with the plain types of documents.py, which every
layer below the pipeline shares and which must not know the pipeline's options."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..documents import (
    JSON_SCHEMA_VERSION,
    Coverage,
    Difference,
    DifferenceValue,
    DocumentInfo,
    Removal,
    Sentence,
)
from .options import DigestOptions

__all__ = ["Digest"]


@dataclass(frozen=True)
class Digest:
    """The result of summarizing a set of documents."""

    sentences: tuple[Sentence, ...]
    documents: tuple[DocumentInfo, ...]
    options: DigestOptions
    notes: tuple[str, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)
    differences: tuple[Difference, ...] = ()
    first: str | None = None  # the article that had it first (dates and feed times), when they say
    coverage: Coverage | None = None  # with outlet labels

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def word_count(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON contract (docs/json.md)."""
        return {
            "schema": JSON_SCHEMA_VERSION,
            "summarizer": {"version": self.stats.get("version")},
            "settings": self.options.to_dict(),
            "sentences": [s.to_dict() for s in self.sentences],
            "words": self.word_count,
            "documents": [d.to_dict() for d in self.documents],
            "notes": list(self.notes),
            **self.differences_dict(),
            # Seconds differ between runs; the contract is byte-identical output.
            "stats": {k: v for k, v in self.stats.items() if k != "seconds"},
        }

    def differences_dict(self) -> dict[str, Any]:
        """The JSON of where the outlets differ (a digest's and each daily story's)."""
        return {
            "differences": [d.to_dict() for d in self.differences],
            "first": self.first,
            "coverage": dict(self.coverage.counts) if self.coverage else {},
            "blindspot": bool(self.coverage and self.coverage.blindspot),
            "blindspot_labels": list(self.coverage.blindspot) if self.coverage else [],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any], options: DigestOptions) -> Digest:
        """The digest whose to_dict() gave `data` (the archive keeps it to show an unchanged story again), made
        with `options` (to_dict() keeps only their JSON: the caller checks that they are the ones)."""
        return cls(
            sentences=tuple(_sentence(s) for s in data["sentences"]),
            documents=tuple(_document_info(d) for d in data["documents"]),
            options=options,
            notes=tuple(data["notes"]),
            stats=dict(data["stats"]),
            differences=tuple(_difference(d) for d in data["differences"]),
            first=data["first"],
            coverage=Coverage(dict(data["coverage"]), tuple(data["blindspot_labels"]))
            if data["coverage"] or data["blindspot_labels"]
            else None,
        )


def _sentence(data: dict[str, Any]) -> Sentence:
    return Sentence(data["text"], data["document"], data["index"], data["score"], tuple(data["also_reported_by"]),
                    data["truncated"], data["kind"],
                    tuple((f["document"], f["index"]) for f in data.get("fused_from", ())))  # fmt: skip


def _document_info(data: dict[str, Any]) -> DocumentInfo:
    return DocumentInfo(data["id"], data["title"], data["source"], data["url"], data["date"], data["path"],
                        data["sentences"], tuple(Removal(r["step"], r["text"]) for r in data["removed"]),
                        tuple(data["notes"]), data["copy_of"])  # fmt: skip


def _difference(data: dict[str, Any]) -> Difference:
    values = tuple(DifferenceValue(v["text"], tuple(v["documents"]), v.get("when"), v.get("speaker"))
                   for v in data["values"])  # fmt: skip
    return Difference(data["kind"], values, tuple((s["document"], s["index"]) for s in data["sentences"]),
                      data.get("measure"), data.get("change", "differ"), data.get("reason"),
                      tuple(data.get("missing", ())))  # fmt: skip
