"""The plain data types that flow between the pipeline stages.

Every type is a frozen dataclass: stages hand values forward and never mutate
what an earlier stage produced.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Similarity = Literal["overlap", "bm25", "cosine"]
Selection = Literal["mmr", "coverage"]
Order = Literal["article", "score", "source"]
Mode = Literal["extractive", "abstractive"]


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


@dataclass(frozen=True)
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


@dataclass(frozen=True)
class Sentence:
    """A sentence of the digest."""

    text: str
    document: str
    index: int
    score: float
    also_reported_by: tuple[str, ...] = ()
    truncated: bool = False
    kind: str = "extracted"  # "extracted", "fused" or "compressed"
    fused_from: tuple[tuple[str, int], ...] = ()  # (document, index) of each source sentence


@dataclass(frozen=True)
class DigestOptions:
    """Every setting that changes a digest; it travels into JSON output."""

    sentences: int | None = None
    words: int | None = None
    ratio: float | None = None
    bytes: int | None = None
    similarity: Similarity = "cosine"
    selection: Selection = "mmr"
    order: Order = "article"
    damping: float = 0.85
    tolerance: float = 1.0e-6
    max_iterations: int = 200
    position_prior: float = 0.5  # how much PageRank teleports to article leads
    redundancy: float = 0.3  # cosine above which two sentences state one fact
    diversity: float = 0.7  # MMR lambda: weight of relevance against novelty
    neighbours: int = 50  # edges kept per sentence in large graphs
    language: str = "auto"
    mode: Mode = "extractive"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


DEFAULT_SENTENCES = 7


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


@dataclass(frozen=True)
class Digest:
    """The result of summarizing a set of documents."""

    sentences: tuple[Sentence, ...]
    documents: tuple[DocumentInfo, ...]
    options: DigestOptions
    notes: tuple[str, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def word_count(self) -> int:
        return sum(len(s.text.split()) for s in self.sentences)
