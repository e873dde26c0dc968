"""A day that arrives in pieces: what a run of the day leaves for its next run, and the grouping that carries on.

With the archive, a run of a day that already had one works on what is new: an article cleaned and split
once keeps that form (zlib-compressed JSON, under a key of the code and language that made it); today's
earlier grouping stands, each new article joins the story of the day it is closest to when their average
linkage (the grouping's similarity, its quiet-neighbourhood cut: stories.linkage) clears the cut, and the
others are grouped among themselves on the same graph, then a group of them that clears the cut with one of
the day's stories joins it (the consolidation: all three are average linkage carried on from the day's stories,
each one node of its size); then the grouping's centroid step runs over the day on the new articles' edges and
their earlier neighbours' (an earlier article may move to a new neighbour's story). An article's background (the quiet cut)
comes from its BACKGROUND_RANK strongest similarities, kept by the archive and raised by new articles' edges. A
story whose articles did not change shows its digest again.
The same articles in the same pieces give the same stories: nothing here depends on the clock or on hashes.
"""

from __future__ import annotations

import hashlib
import json
import zlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

from ..core.options import DigestOptions
from ..core.result import Digest
from ..documents import CleanDocument, Document, Removal, Unit
from ..version import __version__
from .grouping import (
    BLOCK_CELLS,
    EDGE_FLOOR,
    NEIGHBOURS,
    ArticleTerms,
    ArticleVectors,
    Grouping,
    _top_per_row,
    event_days_factor,
    learns,
    similarities,
    vectors_of,
    words_side_by_side,
)
from .linkage import BACKGROUND_RANK, average_linkage, groups_of, needed_similarity, reassign_to_centroids
from .options import GroupingOptions

__all__ = [
    "DayPieces",
    "DayState",
    "KeptUnits",
    "decode_prepared",
    "encode_prepared",
    "grouping_with_earlier",
    "preparation_key",
]

# The code that cleans and splits an article and takes its grouping terms: a change to any of it makes the
# kept forms stale (their key no longer matches, and the article is prepared again).
_PREPARATION_CODE = ("core/clean", "core/segment.py", "core/pipeline.py", "text.py", "languages.py",
                     "stories/grouping.py")  # fmt: skip
_ZLIB_LEVEL = 3  # about as small as level 6 on news text, at twice its speed
_code_digest: list[str] = []
NO_EDGES = (0.0,) * BACKGROUND_RANK  # the strongest similarities of an article with no edge


def preparation_key(language: str) -> str:
    """What an article's kept form depends on: the package's version, the code that makes it, the language."""
    if not _code_digest:
        package = Path(__file__).resolve().parent.parent
        digest = hashlib.sha256()
        for part in _PREPARATION_CODE:
            path = package / part
            for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
                digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
        _code_digest.append(digest.hexdigest()[:16])
    return f"{__version__}/{_code_digest[0]}/{language}"


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


@dataclass
class DayPieces:
    """What the archive keeps of a day's earlier runs, by article id: each article's kept form (preparation key,
    blob) and grouping terms, its group in the latest grouping and its strongest similarities, and the digests
    written (members -> (the digest's JSON, since, headline))."""

    prepared: dict[str, tuple[str, bytes, ArticleTerms]] = field(default_factory=dict)
    groups: dict[str, int] = field(default_factory=dict)
    strongest: dict[str, tuple[float, ...]] = field(default_factory=dict)
    digests: dict[tuple[str, ...], tuple[dict[str, Any], str | None, str]] = field(default_factory=dict)

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
        data = found[0]
        if data.get("settings") != json.loads(json.dumps(options.to_dict())):
            return None
        return replace(Digest.from_dict(data, options), coverage=None), found[2]  # coverage is the run's labels'


@dataclass
class DayState:
    """What a run leaves for the next run of its day: every group found (article ids, before any was left out),
    each article's strongest similarities, the newly prepared articles (id -> (key, blob)) and the stories shown again."""

    groups: list[tuple[str, ...]] = field(default_factory=list)
    strongest: dict[str, tuple[float, ...]] = field(default_factory=dict)
    prepared: dict[str, tuple[str, bytes]] = field(default_factory=dict)
    reused: set[tuple[str, ...]] = field(default_factory=set)


def _new_edges(vectors: ArticleVectors, new: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each new article's strongest NEIGHBOURS similarities to any article of the day at or above EDGE_FLOOR (as
    the grouping's neighbour graph keeps them), sorted by row, strongest first."""
    n = vectors.count
    block = max(16, min(1000, BLOCK_CELLS // max(n, 1)))
    found = []
    for start in range(0, len(new), block):
        rows_of = new[start : start + block]
        sims = similarities(vectors, rows_of, slice(None)).tocoo()
        rows, cols, data = rows_of[sims.row], sims.col, sims.data
        keep = (rows != cols) & (data >= EDGE_FLOOR)
        found.append(_top_per_row(rows[keep], cols[keep], data[keep], NEIGHBOURS))
    if not found:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64), np.zeros(0)
    return tuple(np.concatenate([f[i] for f in found]) for i in range(3))  # type: ignore[return-value]


def strongest_of(rows: np.ndarray, data: np.ndarray, count: int) -> np.ndarray:
    """Each of `count` articles' BACKGROUND_RANK strongest similarities, strongest first (0 where it has fewer),
    from edges (rows[i], data[i]) in any order."""
    rows, _, data = _top_per_row(rows, np.zeros(len(rows), dtype=np.int64), data, BACKGROUND_RANK)
    found = np.zeros((count, BACKGROUND_RANK))
    found[rows, np.arange(len(rows)) - np.searchsorted(rows, rows, side="left")] = data
    return found


def strongest_in(graph: sp.csr_matrix) -> np.ndarray:
    """Each article's BACKGROUND_RANK strongest similarities in the grouping's graph (its background is the last)."""
    edges = graph.tocoo()
    return strongest_of(edges.row, edges.data, graph.shape[0])


def _linkage_continued(labels: np.ndarray, new: np.ndarray, rows: np.ndarray, cols: np.ndarray, weights: np.ndarray,
                       cut: float) -> np.ndarray:  # fmt: skip
    """Average linkage carried on from the day's earlier stories (`labels` 0..k-1; -1 for the `new` articles):
    each earlier story one node of its size, each new article one, the new articles' edges (rows, cols, weights
    with the quiet bonus) summed per story; two earlier stories share no edge (their average did not reach the
    cut when they were made), so they join only through new articles."""
    k = int(labels.max(initial=-1)) + 1
    node = labels.copy()
    node[new] = k + np.arange(len(new))
    count = k + len(new)
    to_new = labels[cols] < 0
    # Between two new articles: the edge once (either may hold the other); to an earlier story: summed over it.
    among = sp.csr_matrix((weights[to_new], (node[rows[to_new]], node[cols[to_new]])), shape=(count, count))
    to_story = sp.csr_matrix((weights[~to_new], (node[rows[~to_new]], node[cols[~to_new]])), shape=(count, count))
    graph = sp.csr_matrix(among.maximum(among.T) + to_story + to_story.T)
    graph.sort_indices()
    sizes = [*np.bincount(labels[labels >= 0], minlength=k).tolist(), *([1] * len(new))]
    return average_linkage(graph, cut, sizes)[node]


def grouping_with_earlier(
    terms: Sequence[ArticleTerms],
    earlier: Sequence[int | None],
    strongest: np.ndarray,
    options: GroupingOptions,
    *,
    context: Sequence[ArticleTerms] = (),
) -> tuple[Grouping, np.ndarray]:
    """The day's grouping when `earlier` (per article: its group in the day's earlier grouping, None for a new
    one) stands: the new articles join it or group among themselves (see the module docstring); and each article's
    BACKGROUND_RANK strongest similarities (`strongest`: the earlier ones', kept by the archive), with the new
    articles' edges: an article's background is the last of them, as linkage.backgrounds finds it in the graph."""
    learn = learns(len(terms), len(context), options)
    vectors = vectors_of(terms, learned=options.learned if learn else 0.0, context=context if learn else ())
    cut = 1.0 - (options.learned_distance if learn else options.distance)
    n = len(terms)
    _, labels = np.unique(np.array([-1 if g is None else g for g in earlier]), return_inverse=True)
    new = np.array([i for i, g in enumerate(earlier) if g is None], dtype=np.int64)
    labels = labels.astype(np.int64) - (1 if len(new) else 0)  # the earlier groups 0..k-1, new articles -1
    rows, cols, data = _new_edges(vectors, new)
    kept = np.asarray(strongest, dtype=float).reshape(n, BACKGROUND_RANK)
    # Each pair once (two new articles may each hold the other among their edges), counted for both of its articles.
    _, once = np.unique(np.minimum(rows, cols) * n + np.maximum(rows, cols), return_index=True)
    strongest = strongest_of(np.concatenate([np.repeat(np.arange(n), BACKGROUND_RANK), rows[once], cols[once]]),
                             np.concatenate([kept.ravel(), data[once], data[once]]), n)  # fmt: skip
    background = strongest[:, -1]
    weights = data + cut - needed_similarity(cut, background, rows, cols)
    labels = _linkage_continued(labels, new, rows, cols, weights, cut)
    if len(new):  # the centroid step's edges: the new articles' and their earlier neighbours' (their rows again)
        touched = np.setdiff1d(np.unique(cols), new)
        more = _new_edges(vectors, touched)
        rows, cols, data = (np.concatenate([part, extra]) for part, extra in zip((rows, cols, data), more))
    graph = sp.csr_matrix((data, (rows, cols)), shape=(n, n))
    graph = sp.csr_matrix(graph.maximum(graph.T))
    graph.sort_indices()
    if options.method == "centroid" and len(new):
        # The grouping's centroid step over the day on these edges: an article moves to the story whose centroid is
        # closest (measured against holding the earlier articles where they were: ARI against the batch 0.952
        # against 0.923 on ECB+, 0.979 against 0.970 on the Multi-News pile, 0.994 both on allsides_days).
        words = replace(vectors, learned=None, learned_share=0.0)
        labels = reassign_to_centroids(words_side_by_side(words), vectors.days, graph, labels, event_days_factor)
    return Grouping(groups_of(labels), vectors, graph, cut), strongest
