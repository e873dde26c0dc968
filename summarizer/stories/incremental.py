"""A day that arrives in pieces: what a run of the day leaves for its next run, and the grouping that carries on.

With the archive, a run of a day that already had one works on what is new: an article cleaned and split
once keeps that form (zlib-compressed JSON, under a key of the code and language that made it), and each
article keeps its edges of the day's neighbour graph (its NEIGHBOURS strongest similarities). A later run
searches the edges of its new articles and, again at today's vectors, of their earlier neighbours; with the
other articles' kept edges that is the day's graph, and the day is grouped on it as one batch run groups it
(average linkage with the quiet-neighbourhood cut, then the centroid step). Carrying the earlier stories on
and joining the new articles to them instead made the stories depend on the pieces: a day's first pieces are
small piles whose cut is low, and their joins and splits stood (ARI against the batch 0.77 on a 3,000-article
pile in 24 pieces; eval/results/incremental.md). A story whose articles did not change shows its digest again.
The same articles in the same pieces give the same stories: nothing here depends on the clock or on hashes.
"""

from __future__ import annotations

import json
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

import numpy as np
import scipy.sparse as sp

from ..core.options import DigestOptions
from ..core.represent import transposed
from ..core.result import Digest
from ..documents import CleanDocument, Document, Removal, Unit
from ..version import code_key
from .candidates import candidate_vectors, top_per_row
from .grouping import (
    BLOCK_CELLS,
    CANDIDATE_FROM,
    CANDIDATE_NEIGHBOURS,
    EDGE_FLOOR,
    NEIGHBOURS,
    ArticleTerms,
    ArticleVectors,
    Grouping,
    grouping_on,
    learns,
    pair_similarities,
    similarities,
    vectors_of,
)
from .options import GroupingOptions

__all__ = [
    "DayPieces",
    "DayState",
    "KeptRow",
    "KeptUnits",
    "StoredOf",
    "decode_prepared",
    "earlier_run_vectors",
    "encode_prepared",
    "grouping_on_kept_edges",
    "neighbour_rows",
    "preparation_key",
]

# The code that cleans and splits an article and takes its grouping terms: a change to any of it makes the
# kept forms stale (their key no longer matches, and the article is prepared again).
_PREPARATION_CODE = ("core/clean", "core/segment.py", "core/pipeline.py", "text.py", "languages.py",
                     "stories/grouping.py")  # fmt: skip
_ZLIB_LEVEL = 3  # about as small as level 6 on news text, at twice its speed


def preparation_key(language: str) -> str:
    """What an article's kept form depends on: the package's version, the code that makes it, the language."""
    return f"{code_key(_PREPARATION_CODE)}/{language}"


def encode_prepared(cleaned: CleanDocument, units: Sequence[Unit]) -> bytes:
    """An article's cleaned document (its parts besides the article itself) and sentence units, as the archive
    keeps them: JSON, never pickle (an archive is a file that travels), compressed in two parts (the cleaned
    document with the units' count, then the units) so that a run reads the units only of the stories it
    summarises."""
    head = {"paragraphs": list(cleaned.paragraphs), "removed": [[r.step, r.text] for r in cleaned.removed],
            "title": cleaned.title, "source": cleaned.source, "headings": list(cleaned.headings), "units": len(units)}  # fmt: skip
    body = [[u.text, u.index, u.paragraph, list(u.tokens), list(u.terms), u.eligible, u.relative_position, u.dangling]
            for u in units]  # fmt: skip
    head_part, body_part = (zlib.compress(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8"),
                                          _ZLIB_LEVEL) for part in (head, body))  # fmt: skip
    return len(head_part).to_bytes(4, "big") + head_part + body_part


@dataclass(frozen=True)
class KeptUnits:
    """An article's sentence units as the archive keeps them (read when its story is summarised)."""

    blob: bytes
    document: str  # the article's id in this run
    count: int

    def load(self) -> tuple[Unit, ...]:
        size = int.from_bytes(self.blob[:4], "big")
        rows = json.loads(zlib.decompress(self.blob[4 + size :]).decode("utf-8"))
        return tuple(Unit(text, self.document, 0, index, paragraph, tuple(tokens), tuple(terms), eligible, position,
                          dangling) for text, index, paragraph, tokens, terms, eligible, position, dangling in rows)  # fmt: skip


def decode_prepared(blob: bytes, document: Document) -> tuple[CleanDocument, KeptUnits]:
    """encode_prepared's article back, for `document` (its text left out, as a day's cleaned articles keep it)."""
    size = int.from_bytes(blob[:4], "big")
    head = json.loads(zlib.decompress(blob[4 : 4 + size]).decode("utf-8"))
    cleaned = CleanDocument(replace(document, text=""), tuple(head["paragraphs"]),
                            tuple(Removal(s, t) for s, t in head["removed"]), head["title"], head["source"],
                            tuple(head["headings"]))  # fmt: skip
    return cleaned, KeptUnits(blob, document.id, head["units"])


KeptRow = tuple[np.ndarray, np.ndarray]  # an article's kept edges: columns (indices into the day) and similarities
# ids -> what the archive has of each article for its story's job: (text, kept sentence analyses, kept form)
StoredOf = Callable[[Sequence[str]], dict[str, tuple[str, bytes | None, bytes | None]]]


@dataclass
class DayPieces:
    """What the archive keeps of a day's earlier runs, by article id: each article's kept form (preparation key,
    blob) and grouping terms, its group in the latest grouping and its kept edges (neighbour id, similarity), and
    the digests written (members -> (the digest's JSON text, since, headline)); `stored_of` reads articles' text, kept
    analyses and kept units back (a story's as its digest is made: at 100,000 articles the day's text is 190 MB and
    its kept units 245 MB). A
    run takes the kept forms and edges as it uses them (they are read once, and a late run of a large day holds
    hundreds of MB of them)."""

    prepared: dict[str, tuple[str, bytes, ArticleTerms]] = field(default_factory=dict)
    groups: dict[str, int] = field(default_factory=dict)
    neighbours: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    digests: dict[tuple[str, ...], tuple[str, str | None, str]] = field(default_factory=dict)
    stored_of: StoredOf | None = None  # a run holds no article's text nor kept units once it is prepared

    def kept_form(self, document: Document, language: str) -> tuple[CleanDocument, KeptUnits, ArticleTerms] | None:
        """The article as an earlier run prepared it, when the same code and language did."""
        found = self.prepared.get(document.id)
        if found is None or found[0] != preparation_key(document.language or language):
            return None
        cleaned, units = decode_prepared(found[1], document)
        return cleaned, units, found[2]

    def digest_of(
        self, documents: Sequence[str], options: DigestOptions, since: str | None
    ) -> tuple[Digest, str] | None:
        """The digest (and headline) an earlier run of the day wrote for exactly these articles, with these options
        and `since`."""
        found = self.digests.get(tuple(documents))
        if found is None or found[1] != since:
            return None
        try:
            data = json.loads(found[0])
        except ValueError:  # a damaged row: the story is summarised again
            return None
        if not isinstance(data, dict) or data.get("settings") != json.loads(json.dumps(options.to_dict())):
            return None
        return replace(Digest.from_dict(data, options), coverage=None), found[2]  # coverage is the run's labels'


@dataclass
class DayState:
    """What a run leaves for the next run of its day: every group found (article ids, before any was left out),
    each article's kept edges (neighbour id, similarity), the newly prepared articles (id -> (key, blob)), the
    stories shown again and the sentence analyses made (id -> blob)."""

    groups: list[tuple[str, ...]] = field(default_factory=list)
    neighbours: dict[str, KeptRow] = field(default_factory=dict)  # columns into `ids` (arrays: a tuple of pairs an
    ids: Sequence[str] = ()  # edge took about 1 KB an article)
    prepared: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    reused: set[tuple[str, ...]] = field(default_factory=set)
    analyses: dict[str, bytes] = field(default_factory=dict)  # id -> sentence analyses to keep (made or added to)

    def edges_of(self, doc_id: str) -> list[tuple[str, float]]:
        """An article's kept edges: (neighbour id, similarity), strongest first."""
        found = self.neighbours.get(doc_id)
        if found is None:
            return []
        return list(zip([self.ids[c] for c in found[0].tolist()], found[1].tolist()))


def _edges_of(
    vectors: ArticleVectors, which: np.ndarray, candidates: sp.csr_matrix | None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Articles `which`'s strongest NEIGHBOURS similarities to any article of the day at or above EDGE_FLOOR, as the
    grouping's neighbour graph finds them (every pair scored; from CANDIDATE_FROM articles, the CANDIDATE_NEIGHBOURS
    pairs the pruned `candidates` vectors rank first, then scored exactly), sorted by row, strongest first."""
    n = vectors.count
    block = max(16, min(1000, BLOCK_CELLS // max(n, 1)))
    found = []
    others = None if candidates is None else transposed(candidates)
    for start in range(0, len(which), block):
        rows_of = which[start : start + block]
        if candidates is None:
            sims = similarities(vectors, rows_of, slice(None)).tocoo()
            rows, cols, data = rows_of[sims.row], sims.col, sims.data
        else:  # a day's articles: searched over the whole day would cost each run about the batch's search
            near = (candidates[rows_of] @ others).tocoo()
            local, cols, _ = top_per_row(near.row, near.col, near.data, CANDIDATE_NEIGHBOURS)
            rows = rows_of[local]
            data = pair_similarities(vectors, rows, cols)
        keep = (rows != cols) & (data >= EDGE_FLOOR)
        found.append(top_per_row(rows[keep], cols[keep], data[keep], NEIGHBOURS))
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    return tuple(np.concatenate([f[i] for f in found]) for i in range(3))  # type: ignore[return-value]


def neighbour_rows(graph: sp.csr_matrix) -> list[tuple[np.ndarray, np.ndarray]]:
    """Each article's row of the day's graph as a later run keeps it: its NEIGHBOURS strongest edges (columns,
    similarities; strongest first, ties by column), the edges it found itself (a symmetric graph's row holds them
    and weaker ones other articles found)."""
    edges = graph.tocoo()
    rows, cols, data = top_per_row(edges.row, edges.col, edges.data, NEIGHBOURS)
    starts = np.searchsorted(rows, np.arange(graph.shape[0] + 1))
    return [(cols[starts[i] : starts[i + 1]], data[starts[i] : starts[i + 1]]) for i in range(graph.shape[0])]


def earlier_run_vectors(
    terms: Sequence[ArticleTerms], options: GroupingOptions, *, context: Sequence[ArticleTerms] = ()
) -> tuple[ArticleVectors, bool]:
    """The day's vectors for grouping_on_kept_edges, and whether they are learned (apart, so that a caller holding
    the terms can let them go before the search; at 100,000 articles they take about 190 MB)."""
    learn = learns(len(terms), len(context), options)
    return vectors_of(terms, learned=options.learned if learn else 0.0, context=context if learn else ()), learn


def grouping_on_kept_edges(
    vectors: ArticleVectors, kept: Sequence[KeptRow | None], options: GroupingOptions, *, learn: bool
) -> Grouping:
    """The day's grouping when earlier runs kept each article's edges (`kept`: per article, None for a new one), on
    the day's vectors (`learn`: whether they are learned): the new articles' edges are searched, and their earlier
    neighbours' again (today's vectors: the day's IDF as it is now, and an earlier article's new nearest
    neighbours); every other article's edges are the kept ones. On that graph the day is grouped as the batch
    groups it (grouping.grouping_on): the stories do not depend on the pieces the day came in, only on how stale
    the kept edges are (measured in eval/results/incremental.md)."""
    n = vectors.count
    new = np.array([i for i, row in enumerate(kept) if row is None], dtype=np.int64)
    candidates = candidate_vectors(vectors.body) if n >= CANDIDATE_FROM else None
    rows, cols, data = _edges_of(vectors, new, candidates)
    neighbours = np.setdiff1d(np.unique(cols), new)
    again = _edges_of(vectors, neighbours, candidates)
    searched = np.zeros(n, dtype=bool)
    searched[new] = searched[neighbours] = True
    stored = [(i, row) for i, row in enumerate(kept) if row is not None and not searched[i]]
    parts = [(rows, cols, data), again,
             *((np.full(len(row[0]), i, dtype=np.int64), row[0].astype(np.int64), row[1]) for i, row in stored)]  # fmt: skip
    every = [np.concatenate([part[k] for part in parts]) for k in range(3)]
    graph = sp.csr_matrix((every[2], (every[0], every[1])), shape=(n, n))
    graph = sp.csr_matrix(graph.maximum(graph.T))
    graph.sort_indices()
    return grouping_on(vectors, graph, 1.0 - (options.learned_distance if learn else options.distance), options)
