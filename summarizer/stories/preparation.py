"""A day's articles cleaned and split once, in workers: each one's cleaned document, sentence units (in memory,
spilled to disk on a large day, or as the archive keeps them) and grouping terms."""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from ..core.pipeline import prepare_chunk, runs_serially
from ..documents import CleanDocument, Document, Unit
from ..parallel import Stages, no_stages, parallel_map
from ..text import content_terms, tokenize
from .grouping import ArticleTerms, article_terms
from .incremental import KeptUnits, StoredOf

__all__ = [
    "DIGEST_WORKERS_FROM_UNITS",
    "ArticleUnits",
    "PackedChunk",
    "PackedUnits",
    "PreparedArticle",
    "SpilledUnits",
    "digest_jobs",
    "grouping_terms",
    "loaded",
    "packed_day_chunk",
    "prepare_day",
    "spill_folder",
    "spilled_texts",
    "unit_count",
    "unpacked",
]


def grouping_terms(
    cleaned: Sequence[CleanDocument], per_article: Sequence[Sequence[Unit]], language: str
) -> list[ArticleTerms]:
    """What grouping needs of each article: its sentences' terms, its title's terms and its date."""
    titles = [content_terms(tokenize(c.title or ""), language=c.document.language or language) for c in cleaned]
    return article_terms(per_article, titles, [c.document.date for c in cleaned])


@dataclass(frozen=True)
class SpilledUnits:
    """Where one article's sentence units lie in a spill file (pickled), and how many there are."""

    path: str
    offset: int
    length: int
    count: int

    def load(self) -> tuple[Unit, ...]:
        return self.packed().load()

    def packed(self) -> PackedUnits:
        """The units as they lie on disk (a cluster's worker unpickles them: this machine need not)."""
        if not self.count:
            return PackedUnits(b"", 0)
        with open(self.path, "rb") as stream:
            stream.seek(self.offset)
            return PackedUnits(stream.read(self.length), self.count)


@dataclass(frozen=True)
class PackedUnits:
    """One article's sentence units pickled, as a spill file holds them."""

    data: bytes
    count: int

    def load(self) -> tuple[Unit, ...]:
        units: tuple[Unit, ...] = pickle.loads(self.data) if self.count else ()
        return units


def spilled_texts(documents: Sequence[Document], folder: str) -> StoredOf:
    """The documents' text written to a file in a spill `folder`, and a reader of it by document id (as an archive's
    day reads its articles back, stories.incremental.StoredOf): a large day's text waits there from its preparation
    to its story's job, not in memory."""
    path = os.path.join(folder, "texts")
    where: dict[str, tuple[int, int]] = {}
    with open(path, "wb") as stream:
        for document in documents:
            data = document.text.encode("utf-8", "surrogatepass")
            where[document.id] = (stream.tell(), len(data))
            stream.write(data)

    def read(ids: Sequence[str]) -> dict[str, tuple[str, bytes | None, bytes | None]]:
        found: dict[str, tuple[str, bytes | None, bytes | None]] = {}
        with open(path, "rb") as stream:
            for doc_id in ids:
                if doc_id in where:
                    offset, length = where[doc_id]
                    stream.seek(offset)
                    found[doc_id] = (stream.read(length).decode("utf-8", "surrogatepass"), None, None)
        return found

    return read


# Kept: as the archive keeps them (stories.incremental).
ArticleUnits = tuple[Unit, ...] | SpilledUnits | KeptUnits | PackedUnits


def loaded(article: ArticleUnits) -> tuple[Unit, ...]:
    return article.load() if isinstance(article, (SpilledUnits, KeptUnits, PackedUnits)) else article


def unit_count(article: ArticleUnits) -> int:
    return article.count if isinstance(article, (SpilledUnits, KeptUnits, PackedUnits)) else len(article)


# Story digests go to worker processes from this many sentence units to summarise; below, this process does them.
# Each worker pays its own start (a fork, the digest modules, the meaning model: 0.5-0.8 s of CPU for two,
# measured on runs of the bench pile's day in 24 pieces), and a digest costs about 0.4 ms of CPU a unit: two
# workers finish sooner only from about 2,000 units, and a later run of a day often summarises fewer.
DIGEST_WORKERS_FROM_UNITS = 2_000


def digest_jobs(articles: Sequence[ArticleUnits], *, jobs: int | None, scheduler: str | None) -> int | None:
    """The `jobs` of summarising stories of these articles' units: 1 (this process) when they are too few to pay
    for starting workers (a cluster's are running already)."""
    if scheduler or sum(unit_count(units) for units in articles) >= DIGEST_WORKERS_FROM_UNITS:
        return jobs
    return 1


# One article after cleaning and splitting: its cleaned document (without its text), its units (or where
# they were spilled) and what the grouping needs of it.
PreparedArticle = tuple[CleanDocument, ArticleUnits, ArticleTerms]


def _prepare_day_chunk(job: tuple[Sequence[Document], int, str, str | None]) -> list[PreparedArticle]:
    documents, first_order, language, spill_path = job
    cleaned, units = prepare_chunk((documents, first_order, language, True))
    per_article: list[list[Unit]] = [[] for _ in documents]
    for unit in units:
        per_article[unit.doc_order - first_order].append(unit)
    terms = grouping_terms(cleaned, per_article, language)
    chunk: list[PreparedArticle] = list(zip(cleaned, (tuple(a) for a in per_article), terms))
    return chunk if spill_path is None else _spilled(chunk, spill_path)


# A chunk prepared on a cluster for a client that spills its units: each article's cleaned document and terms, and
# its units pickled into one blob (each article's length and count), which the client writes to disk as it comes:
# a day's units never become objects on the client (as objects, passing through, they fragmented its memory:
# 500 MB held after preparing 30,000 articles, of 180 MB at the start).
PackedChunk = tuple[list[CleanDocument], list[ArticleTerms], bytes, list[int], list[int]]


def packed_day_chunk(job: tuple[Sequence[Document], int, str, str | None]) -> PackedChunk:
    """_prepare_day_chunk's articles, their units pickled as _spilled writes them."""
    chunk = _prepare_day_chunk(job)
    pickles = [pickle.dumps(tuple(loaded(units)), protocol=pickle.HIGHEST_PROTOCOL) for _, units, _ in chunk]
    return ([c for c, _, _ in chunk], [t for _, _, t in chunk], b"".join(pickles), [len(p) for p in pickles],
            [unit_count(u) for _, u, _ in chunk])  # fmt: skip


def unpacked(chunk: PackedChunk, spill_path: str) -> list[PreparedArticle]:
    """A packed chunk's articles, its blob written to `spill_path` and each article's place kept."""
    cleaned, terms, blob, lengths, counts = chunk
    with open(spill_path, "wb") as stream:
        stream.write(blob)
    offsets = [0, *itertools.accumulate(lengths)]
    return [(c, SpilledUnits(spill_path, offset, length, count), t)
            for c, t, offset, length, count in zip(cleaned, terms, offsets, lengths, counts)]  # fmt: skip


def _spilled(chunk: list[PreparedArticle], spill_path: str) -> list[PreparedArticle]:
    """The chunk with its articles' units written to `spill_path` and only their place kept."""
    spilled: list[PreparedArticle] = []
    with open(spill_path, "wb") as stream:
        for cleaned, units, terms in chunk:
            data = pickle.dumps(tuple(loaded(units)), protocol=pickle.HIGHEST_PROTOCOL)
            spilled.append((cleaned, SpilledUnits(spill_path, stream.tell(), len(data), unit_count(units)), terms))
            stream.write(data)
    return spilled


def prepare_day(
    documents: Sequence[Document],
    *,
    language: str,
    jobs: int | None = None,
    stages: Stages = no_stages,
    scheduler: str | None = None,
    spill_directory: str | None = None,
) -> list[PreparedArticle]:
    """Every article cleaned and split once, in worker processes (or on a Dask cluster) when the day is large;
    with `spill_directory` the units are written there and only their place is kept (a cluster's workers may not
    share this machine's disk: their chunks are written here as they come back)."""
    serial = runs_serially(documents, jobs=jobs, scheduler=scheduler)
    size = max(1, -(-len(documents) // 16))  # 16 chunks: progress to watch, and bounded memory per worker
    starts = list(range(0, len(documents), size))
    paths = [
        os.path.join(spill_directory, f"units-{start:09d}.pickle") if spill_directory else None for start in starts
    ]
    on_workers = not scheduler  # local workers share this disk
    work = [(documents[start : start + size], start, language, path if on_workers else None)
            for start, path in zip(starts, paths)]  # fmt: skip
    returned = iter(paths)
    packed = bool(scheduler and spill_directory)  # a cluster's chunks come back pickled, to be written here

    def written_here(chunk: Any) -> list[PreparedArticle]:
        path = next(returned)
        return unpacked(chunk, path) if packed and path else chunk

    advance = stages("cleaning and splitting articles", len(documents))
    finished = iter([len(job[0]) for job in work])  # chunks come back in order: each one's articles

    def chunk_done(count: int) -> None:
        advance(sum(next(finished, 0) for _ in range(count)))

    chunks = parallel_map(packed_day_chunk if packed else _prepare_day_chunk, work, jobs=1 if serial else jobs,
                          chunksize=1, progress=chunk_done, scheduler=scheduler, receive=written_here)  # fmt: skip
    return [article for chunk in chunks for article in chunk]


SPILL_PREFIX = "summarizer-units-"
SPILL_LOCK = ".in-use"  # held (flock) by the run that spills here: the kernel lets go when the run ends, even killed
ABANDONED_AFTER = 600  # seconds a folder of ours has not changed before it counts as abandoned (a run that has
# just made its folder has not yet taken its lock)


@contextlib.contextmanager
def spill_folder(parent: str | None = None) -> Iterator[str]:
    """A new folder for a large day's sentence units (in `parent`, default the system's temporary folder), removed
    when the run ends. A run killed outright (out of memory, SIGKILL) cannot remove its own: each holds a lock in
    it, and a folder of ours whose lock nobody holds is removed here first, so killed runs do not pile up."""
    parent = parent or tempfile.gettempdir()
    remove_abandoned_spills(parent)
    with (
        tempfile.TemporaryDirectory(prefix=SPILL_PREFIX, dir=parent) as folder,
        open(os.path.join(folder, SPILL_LOCK), "w") as lock,
    ):
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        yield folder


def remove_abandoned_spills(parent: str) -> list[str]:
    """Remove the spill folders in `parent` that a run of ours made (named so, holding our lock file, owned by this
    user), unchanged for ABANDONED_AFTER seconds, whose lock no run holds; a folder without the lock file (another
    program's, or made before this version) is never touched. Returns the folders removed."""
    removed = []
    with contextlib.suppress(OSError), os.scandir(parent) as entries:
        for entry in entries:
            if not entry.name.startswith(SPILL_PREFIX) or not entry.is_dir(follow_symlinks=False):
                continue
            lock_path = os.path.join(entry.path, SPILL_LOCK)
            try:
                made = entry.stat(follow_symlinks=False)
                recent = time.time() - made.st_mtime < ABANDONED_AFTER
                if made.st_uid != os.getuid() or recent or os.path.islink(lock_path):
                    continue
                with open(lock_path) as lock:
                    fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # held by a live run: BlockingIOError
                    shutil.rmtree(entry.path)
                removed.append(entry.path)
            except OSError:  # no lock file, a lock held, or gone meanwhile
                continue
    return removed
