"""The plain data types that flow between the pipeline stages (the digest itself is core/result.py).

Every type is a frozen dataclass: stages hand values forward and never mutate
what an earlier stage produced. Result types carry their JSON contract as
`to_dict()`; renderers in `summarizer.delivery.render` turn them into text.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

from .checks import check_count

JSON_SCHEMA_VERSION = 1

# Dates as newswire archives write them, besides ISO 8601 (DUC, TAC: "09/10/1998 04:25:00").
NEWSWIRE_DATE_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y%m%d")


def moment(date: str | None, *, newswire: bool = False, with_time: bool = False) -> datetime.datetime | None:
    """The time a document's date stands for, zone-aware (UTC when it names none), or None when it is no date.
    ISO 8601 ("Z" for UTC); with `newswire` also the forms of NEWSWIRE_DATE_FORMATS; with `with_time` only a
    date that carries a time of day (longer than "YYYY-MM-DD"). The one reader of Document.date as a time: the
    digest's same-day marks, the differences' "who wrote first" and the daily ranking's recent hours each say
    which dates they take."""
    if not date or (with_time and len(date) <= 10):
        return None
    text = date.strip()
    try:
        found = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for form in NEWSWIRE_DATE_FORMATS if newswire else ():
            try:
                found = datetime.datetime.strptime(text, form)
                break
            except ValueError:
                continue
        else:
            return None
    return found if found.tzinfo else found.replace(tzinfo=datetime.timezone.utc)


@dataclass(frozen=True)
class Document:
    """One article as the user gave it."""

    id: str
    text: str
    title: str | None = None
    source: str | None = None  # the outlet, when known
    url: str | None = None
    date: str | None = None
    path: str | None = None  # the file it was read from, for messages
    notes: tuple[str, ...] = ()  # e.g. "decoded as cp1252"
    language: str | None = None  # its language when its source says (a feed list's `language`); else detected


@dataclass(frozen=True)
class Removal:
    """Something a cleaning step took out of a document, for --explain."""

    step: str
    text: str


@dataclass(frozen=True)
class CleanDocument:
    """A document after cleaning: its paragraphs and what was removed."""

    document: Document
    paragraphs: tuple[str, ...]
    removed: tuple[Removal, ...] = ()
    title: str | None = None
    source: str | None = None
    headings: tuple[int, ...] = ()  # paragraphs that are section headings: text, never digest sentences


@dataclass(frozen=True, slots=True)  # a day's news holds millions: no per-object __dict__
class Unit:
    """A sentence inside the pipeline, with everything the ranker needs."""

    text: str
    document: str  # document id
    doc_order: int  # position of the document in the input
    index: int  # sentence position inside its document
    paragraph: int
    tokens: tuple[str, ...]  # lowercased word tokens
    terms: tuple[str, ...]  # stemmed content terms (stop words removed)
    eligible: bool = True  # complete enough to appear in a digest
    relative_position: float = 0.0  # index / sentences in its document
    dangling: bool = False  # leans on context: opens with a pronoun or connective

    def in_document(self, doc_order: int) -> Unit:
        """The unit as the `doc_order`-th document's: `dataclasses.replace(self, doc_order=...)`, 2.7x quicker
        (a story's digest renumbers every unit of its articles: millions on a large day)."""
        return Unit(self.text, self.document, doc_order, self.index, self.paragraph, self.tokens, self.terms,
                    self.eligible, self.relative_position, self.dangling)  # fmt: skip


# What a digest sentence is. "extracted": a source sentence as written;
# "fused": several outlets' sentences about one fact merged into one;
# "compressed": a source sentence with attributions or parentheticals dropped;
# "neural": written by a local model (--model) and checked by the guard.
SentenceKind = Literal["extracted", "fused", "compressed", "neural"]


@dataclass(frozen=True)
class Sentence:
    """A sentence of the digest."""

    text: str
    document: str
    index: int
    score: float
    also_reported_by: tuple[str, ...] = ()
    truncated: bool = False  # cut to fit a budget no whole sentence fits
    kind: SentenceKind = "extracted"
    fused_from: tuple[tuple[str, int], ...] = ()  # (document, index) of each source sentence

    def to_dict(self) -> dict[str, Any]:
        """The JSON of one digest sentence, the same in every command's output."""
        data: dict[str, Any] = {
            "text": self.text,
            "document": self.document,
            "index": self.index,
            "score": self.score,
            "also_reported_by": list(self.also_reported_by),
            "truncated": self.truncated,
            "kind": self.kind,
        }
        if self.fused_from:
            data["fused_from"] = [{"document": d, "index": i} for d, i in self.fused_from]
        return data


@dataclass(frozen=True)
class DifferenceValue:
    """One version of a fact: what it says and the articles that say it."""

    text: str
    documents: tuple[str, ...]
    when: str | None = None  # a figure reported at different times: its first report (UTC ISO 8601, or a day)
    speaker: str | None = None  # a sentence that quotes someone: who, as the sentence names them

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"text": self.text, "documents": list(self.documents)}
        return data | ({"when": self.when} if self.when else {}) | ({"speaker": self.speaker} if self.speaker else {})


DifferenceKind = Literal["figure", "claim", "omission", "only"]
# A figure's versions: told at no clear order ("differ"), a later figure from an outlet that gave an earlier one
# ("update"), or a later figure from other outlets only ("later": a later report, not a correction).
FigureChange = Literal["differ", "update", "later"]


@dataclass(frozen=True)
class Difference:
    """Where the outlets differ on one fact: figures ("17 killed" / "20 killed"), a claim one negates, a fact
    most outlets carry and some leave out (`missing`), or the digest's sentences no other outlet tells ("only":
    one per outlet, a value per sentence, its article in `documents`). A figure's `change` (FigureChange);
    `update`, kept for readers of the JSON, is true when an outlet revised its own figure."""

    kind: DifferenceKind
    values: tuple[DifferenceValue, ...]
    sentences: tuple[tuple[str, int], ...]  # (document, index) of every sentence concerned
    measure: str | None = None  # a figure: what it counts ("dead", "percent", "dollars")
    change: FigureChange = "differ"
    reason: str | None = None  # a claim: what differs ("negates 'agree'", "opposite words")
    missing: tuple[str, ...] = ()  # an omission: the articles (one per outlet) that leave the fact out

    @property
    def update(self) -> bool:
        return self.change == "update"

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"kind": self.kind, "values": [v.to_dict() for v in self.values],
                                "sentences": [{"document": d, "index": i} for d, i in self.sentences]}  # fmt: skip
        if self.kind == "figure":
            data |= {"measure": self.measure, "update": self.update, "change": self.change}
        if self.reason:
            data["reason"] = self.reason
        if self.kind == "omission":
            data["missing"] = list(self.missing)
        return data


@dataclass(frozen=True)
class Coverage:
    """How many of a story's articles come from each outlet label ("leaning=left"), and the labels under which
    alone it is covered (a blindspot)."""

    counts: dict[str, int]
    blindspot: tuple[str, ...] = ()


@dataclass(frozen=True)
class DocumentInfo:
    """What the digest says about each input document."""

    id: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    path: str | None
    sentences: int
    removed: tuple[Removal, ...] = ()
    notes: tuple[str, ...] = ()
    copy_of: str | None = None  # the id of the document this one is a copy of (counted once)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["removed"] = [asdict(r) for r in self.removed]
        data["notes"] = list(self.notes)
        return data


@dataclass(frozen=True)
class Budget:
    """Limits a summary must meet; None means no limit of that kind.

    Bytes count UTF-8 text with the sentences joined by single spaces.
    """

    sentences: int | None = None
    words: int | None = None
    bytes: int | None = None

    def __post_init__(self) -> None:
        for name in ("sentences", "words", "bytes"):
            check_count(name, getattr(self, name))

    def allows(self, count: int, words: int, size: int) -> bool:
        """Whether a summary of this many sentences, words and bytes fits."""
        return (
            (self.sentences is None or count <= self.sentences)
            and (self.words is None or words <= self.words)
            and (self.bytes is None or size <= self.bytes)
        )

    def expected(self) -> int:
        """About how many sentences the budget holds (news sentences run about 20 words, 120 bytes)."""
        return self.sentences or max(1, (self.words or (self.bytes or 0) // 6) // 20)

    def full(self, count: int) -> bool:
        return self.sentences is not None and count >= self.sentences

    def fill(self, ranked: Sequence[str]) -> list[str]:
        """Sentences in rank order while they fit (one that does not is skipped, the next tried)."""
        chosen: list[str] = []
        words = size = 0
        for sentence in ranked:
            if self.full(len(chosen)):
                break
            n = len(sentence.split())
            b = len(sentence.encode("utf-8")) + (1 if chosen else 0)
            if self.allows(len(chosen) + 1, words + n, size + b):
                chosen.append(sentence)
                words += n
                size += b
        return chosen

    def describe(self) -> str:
        parts = [
            f"{v} {k}"
            for k, v in (("sentences", self.sentences), ("words", self.words), ("bytes", self.bytes))
            if v is not None
        ]
        return ", ".join(parts) or "no limit"


@dataclass(frozen=True)
class EarlierStory:
    """A story of earlier days that today's articles may continue."""

    story_id: str
    first_day: str
    last_day: str
    headline: str
    article_terms: tuple[dict[str, Any], ...]  # the grouping terms of its articles (ArticleTerms.to_dict())
    told: tuple[str, ...]  # the sentences its earlier digests said (the latest run of each day)
    last_digest_day: str | None
