"""Daily digest: a day's articles grouped into stories, ranked, each summarised.

Grouping: each article becomes a TF-IDF vector over its cleaned text (stems,
merged name variants, sublinear term frequency, IDF from the pile blended
with general English); articles are joined by average-linkage agglomerative
clustering on cosine distance, cut at `distance` (1 - cosine). Near-duplicate
articles (syndicated copies: cosine above `duplicate`) inside a story count
once. Stories are ranked by the number of distinct outlets that cover them,
then by size, then by recency, and each is summarised by the core pipeline.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

import numpy as np
import scipy.sparse as sp

from .clean import clean
from .digest import summarize, summary_of_left_out
from .documents import JSON_SCHEMA_VERSION, CleanDocument, Digest, Document, Unit, check_count
from .errors import OptionsError
from .options import DigestOptions
from .parallel import Stages, no_stages, parallel_map
from .represent import build_term_space, find_copies
from .segment import segment
from .text import stemmer


@dataclass(frozen=True)
class GroupingOptions:
    method: str = "average"  # a name of GROUPINGS
    distance: float = 0.8  # cut height: 1 - cosine, average linkage (eval/grouping.py)
    duplicate: float = 0.9  # cosine above which two articles are copies of one

    def __post_init__(self) -> None:
        if self.method not in GROUPINGS:
            raise OptionsError(f"unknown grouping {self.method!r}; choose {', '.join(GROUPINGS)}")
        for name in ("distance", "duplicate"):
            if not 0 <= getattr(self, name) <= 1:
                raise OptionsError(f"{name} must be between 0 and 1, not {getattr(self, name)}")


@dataclass(frozen=True)
class Story:
    headline: str
    documents: tuple[str, ...]  # every article of the story, in input order
    duplicates: dict[str, str]  # copy id -> the article it copies
    sources: tuple[str, ...]  # distinct outlets (copies count once)
    latest: str | None
    digest: Digest

    def to_dict(self) -> dict[str, Any]:
        return {
            "headline": self.headline,
            "sentences": [s.to_dict() for s in self.digest.sentences],
            "documents": list(self.documents),
            "sources": list(self.sources),
            "duplicates": dict(self.duplicates),
            "latest": self.latest,
            "words": self.digest.word_count,
        }


@dataclass(frozen=True)
class DailyDigest:
    stories: tuple[Story, ...]
    date: str | None
    options: DigestOptions
    grouping: GroupingOptions
    dropped_singletons: int = 0
    skipped_by_date: int = 0
    notes: tuple[str, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)
    left_out: tuple[str, ...] = ()  # articles with no text after cleaning
    documents: dict[str, dict[str, str | None]] = field(default_factory=dict)  # id -> title, url (for pages)

    def to_dict(self) -> dict[str, Any]:
        """The documented JSON contract of `summarizer daily --format json`."""
        return {
            "schema": JSON_SCHEMA_VERSION,
            "date": self.date,
            "stories": [story.to_dict() for story in self.stories],
            "settings": {"digest": self.options.to_dict(), "grouping": asdict(self.grouping)},
            "dropped_singletons": self.dropped_singletons,
            "skipped_by_date": self.skipped_by_date,
            "notes": list(self.notes),
            "left_out": list(self.left_out),
            "stats": self.stats,
        }


# --------------------------------------------------------------------------
# Article vectors


def article_vectors(cleaned: Sequence[CleanDocument]) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows, one per article (sublinear tf, blended IDF)."""
    stem = stemmer("english")
    pseudo = []
    for order, document in enumerate(cleaned):
        units = segment(document, order, stem=stem)
        title_terms: tuple[str, ...] = ()
        if document.title:
            title_unit = segment(replace(document, paragraphs=(document.title,)), order, stem=stem)
            title_terms = tuple(t for u in title_unit for t in u.terms)
        terms = tuple(t for u in units for t in u.terms) + title_terms
        tokens = tuple(t for u in units for t in u.tokens)
        text = " ".join(u.text for u in units[:40])
        pseudo.append(
            Unit(
                text=text,
                document=document.document.id,
                doc_order=order,
                index=0,
                paragraph=0,
                tokens=tokens,
                terms=terms,
            )
        )
    space = build_term_space(pseudo, stem=stem)
    counts = space.counts.tocsr().astype(np.float64)
    counts.data = 1.0 + np.log(counts.data)  # sublinear tf: long articles do not swamp short ones
    # IDF over the pile itself (documents, not sentences), smoothed.
    n = counts.shape[0]
    df = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64)
    idf = np.log((n + 1.0) / (df + 1.0)) + 1.0
    weighted = counts.multiply(idf[np.newaxis, :]).tocsr()
    norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ weighted)


# --------------------------------------------------------------------------
# Grouping


def _average_linkage(vectors: sp.csr_matrix, distance: float) -> np.ndarray:
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    n = vectors.shape[0]
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    similarity = (vectors @ vectors.T).toarray()
    distances = np.clip(1.0 - similarity, 0.0, 2.0)
    np.fill_diagonal(distances, 0.0)
    tree = linkage(squareform(distances, checks=False), method="average")
    return fcluster(tree, t=distance, criterion="distance").astype(np.int64) - 1


def _incremental(vectors: sp.csr_matrix, distance: float) -> np.ndarray:
    """Single pass in input order: join the closest story centroid or start a new one."""
    n, width = vectors.shape
    labels = np.zeros(n, dtype=np.int64)
    centroids = np.zeros((0, width))
    norms = np.zeros(0)
    for i in range(n):
        row = vectors[i].toarray().ravel()
        if len(norms):
            similarity = (centroids @ row) / np.where(norms > 0, norms, 1.0)
            best = int(np.argmax(similarity))
            if similarity[best] >= 1.0 - distance:
                centroids[best] += row
                norms[best] = np.linalg.norm(centroids[best])
                labels[i] = best
                continue
        centroids = np.vstack([centroids, row])
        norms = np.append(norms, np.linalg.norm(row))
        labels[i] = len(norms) - 1
    return labels


GROUPINGS: dict[str, Callable[[sp.csr_matrix, float], np.ndarray]] = {
    "average": _average_linkage,
    "incremental": _incremental,
}


def group_articles(vectors: sp.csr_matrix, options: GroupingOptions | None = None) -> list[list[int]]:
    """Groups of article indices, each sorted, groups ordered by their first article."""
    options = options or GroupingOptions()
    if vectors.shape[0] == 0:
        return []
    labels = GROUPINGS[options.method](vectors, options.distance)
    groups: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        groups.setdefault(int(label), []).append(index)
    return sorted(groups.values(), key=lambda g: g[0])


# --------------------------------------------------------------------------
# Headlines

_HEADLINE_WORDS = 14
_LEADING_PHRASE = re.compile(
    r"^(?:according to|in|on|at|after|before|as|when|while|despite|during|for|since|with|by|under|amid|"
    r"following|last|this|earlier|later|meanwhile|however|yet|still)\b",
    re.I,
)


def trim_headline(sentence: str, words: int = _HEADLINE_WORDS) -> str:
    """A sentence cut to a headline: its first clause when that is long enough,
    at most `words` words, no final punctuation."""
    clauses = re.split(r",\s|;\s|\s[—–]\s|:\s", sentence)
    # A leading attribution or setting ("According to X,", "On Monday,") is no headline.
    while len(clauses) > 1 and _LEADING_PHRASE.match(clauses[0]):
        clauses = clauses[1:]
    clause = clauses[0]
    if 5 <= len(clause.split()) <= words and not re.match(r"^[\"“]", clause):
        sentence = clause[0].upper() + clause[1:]
    parts = sentence.split()
    if len(parts) > words:
        parts = parts[:words]
        while parts and parts[-1].lower().strip(",;:") in {
            "the",
            "a",
            "an",
            "of",
            "to",
            "and",
            "in",
            "on",
            "for",
            "with",
            "at",
            "by",
            "from",
            "that",
            "as",
            "its",
        }:
            parts.pop()
        return " ".join(parts).rstrip(",;:—–-") + "…"
    return " ".join(parts).rstrip(".,;:")


def _clean_title(title: str) -> str:
    # Titles of the TAC layout start with a date line: "Saturday, January 8, 2005 Headline".
    title = re.sub(r"^[A-Z][a-z]+day,\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s*", "", title.strip())
    return " ".join(title.split())


def choose_headline(
    members: Sequence[int], cleaned: Sequence[CleanDocument], vectors: sp.csr_matrix, digest: Digest
) -> str:
    """The title of the story's most central article; else its digest's lead, trimmed."""
    titled = [i for i in members if _clean_title(cleaned[i].title or "")]
    if titled:
        centroid = np.asarray(vectors[list(members)].sum(axis=0)).ravel()
        scores = np.asarray(vectors[titled] @ centroid).ravel()
        best = titled[int(np.argmax(scores))]  # argmax: first of equals, deterministic
        return _clean_title(cleaned[best].title or "")
    if digest.sentences:
        return trim_headline(digest.sentences[0].text)
    return cleaned[members[0]].document.id


# --------------------------------------------------------------------------
# The daily digest


def _summarize_story(job: tuple[list[Document], DigestOptions]) -> Digest:
    documents, options = job
    return summarize(documents, options=options, jobs=1)


def _outlet(document: Document, cleaned: CleanDocument) -> str:
    return cleaned.source or document.source or document.id


def daily(
    documents: Sequence[Document],
    *,
    date: str | None = None,
    stories: int | None = None,
    words_per_story: int | None = None,
    sentences_per_story: int | None = None,
    keep_singletons: bool = True,
    grouping: GroupingOptions | None = None,
    options: DigestOptions | None = None,
    jobs: int | None = None,
    stages: Stages = no_stages,
) -> DailyDigest:
    """A day's articles as ranked stories, each with its own digest."""
    grouping = grouping or GroupingOptions()
    options = options or DigestOptions()
    for name, value in (
        ("stories", stories),
        ("words_per_story", words_per_story),
        ("sentences_per_story", sentences_per_story),
        ("jobs", jobs),
    ):
        check_count(name, value)
    if date is not None:
        try:
            date = datetime.date.fromisoformat(date).isoformat()
        except (TypeError, ValueError):
            raise OptionsError(f"date must be a day as YYYY-MM-DD, not {date!r}") from None
    if words_per_story is None and sentences_per_story is None:
        sentences_per_story = 3
    options = replace(options, words=words_per_story, sentences=sentences_per_story)
    skipped = 0
    if date is not None:
        kept = [d for d in documents if not d.date or d.date[:10] == date]
        skipped = len(documents) - len(kept)
        documents = kept
    advance = stages("cleaning articles", len(documents))
    cleaned = []
    for document in documents:
        cleaned.append(clean(document))
        advance(1)
    usable = [i for i, c in enumerate(cleaned) if c.paragraphs]
    left_out = tuple(documents[i].id for i in range(len(documents)) if i not in set(usable))
    notes = [summary_of_left_out(left_out)] if left_out else []
    documents = [documents[i] for i in usable]
    cleaned = [cleaned[i] for i in usable]
    advance = stages("grouping articles into stories", 1)
    vectors = article_vectors(cleaned)
    groups = group_articles(vectors, grouping)
    advance(1)
    dropped = 0
    if not keep_singletons:
        dropped = sum(1 for g in groups if len(g) == 1)
        groups = [g for g in groups if len(g) > 1]
    prepared = []
    for members in groups:
        copies = find_copies(members, vectors, grouping.duplicate)
        originals = [i for i in members if i not in copies]
        outlets = tuple(dict.fromkeys(_outlet(documents[i], cleaned[i]) for i in originals))
        dates = [day for i in members if (day := documents[i].date)]
        prepared.append((members, copies, originals, outlets, max(dates) if dates else None))
    # Rank: distinct outlets, then articles, then recency, then input order.
    prepared.sort(key=lambda p: (-len(p[3]), -len(p[2]), _negated(p[4]), p[0][0]))
    if stories is not None:
        prepared = prepared[:stories]
    work = [([documents[i] for i in p[2]], options) for p in prepared]
    digests = parallel_map(_summarize_story, work, jobs=jobs, progress=stages("summarising stories", len(work)))
    result = []
    for (members, copies, _originals, outlets, latest), digest in zip(prepared, digests):
        result.append(
            Story(
                headline=choose_headline(members, cleaned, vectors, digest),
                documents=tuple(documents[i].id for i in members),
                duplicates={documents[c].id: documents[o].id for c, o in sorted(copies.items())},
                sources=outlets,
                latest=latest,
                digest=digest,
            )
        )
    return DailyDigest(
        stories=tuple(result),
        date=date,
        options=options,
        grouping=grouping,
        dropped_singletons=dropped,
        skipped_by_date=skipped,
        notes=tuple(notes),
        left_out=left_out,
        stats={"articles": len(documents), "stories_found": len(groups) + dropped},
        documents={d.id: {"title": d.title, "url": d.url} for d in documents},
    )


def _negated(date: str | None) -> tuple:
    """Sort key putting later dates first and undated stories last."""
    if not date:
        return (1, "")
    return (0, "".join(chr(0x10FFFF - ord(c)) for c in date))
