"""A day's articles cleaned and split once, in workers: each one's cleaned document, sentence units (in memory,
spilled to disk on a large day, or as the archive keeps them) and grouping terms."""

from __future__ import annotations

import os
import pickle
from collections.abc import Sequence
from dataclasses import dataclass

from ..core.pipeline import prepare_chunk, runs_serially
from ..documents import CleanDocument, Document, Unit
from ..parallel import Stages, no_stages, parallel_map
from ..text import content_terms, tokenize
from .grouping import ArticleTerms, article_terms
from .incremental import KeptUnits

__all__ = [
    "DIGEST_WORKERS_FROM_UNITS",
    "ArticleUnits",
    "PreparedArticle",
    "SpilledUnits",
    "digest_jobs",
    "grouping_terms",
    "loaded",
    "prepare_day",
    "unit_count",
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
        if not self.count:
            return ()
        with open(self.path, "rb") as stream:
            stream.seek(self.offset)
            units: tuple[Unit, ...] = pickle.loads(stream.read(self.length))
        return units


ArticleUnits = tuple[Unit, ...] | SpilledUnits | KeptUnits  # kept: as the archive keeps them (stories.incremental)


def loaded(article: ArticleUnits) -> tuple[Unit, ...]:
    return article.load() if isinstance(article, (SpilledUnits, KeptUnits)) else article


def unit_count(article: ArticleUnits) -> int:
    return article.count if isinstance(article, (SpilledUnits, KeptUnits)) else len(article)


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

    def written_here(chunk: list[PreparedArticle]) -> list[PreparedArticle]:
        path = next(returned)
        return chunk if path is None else _spilled(chunk, path)

    advance = stages("cleaning and splitting articles", len(documents))
    finished = iter([len(job[0]) for job in work])  # chunks come back in order: each one's articles

    def chunk_done(count: int) -> None:
        advance(sum(next(finished, 0) for _ in range(count)))

    chunks = parallel_map(_prepare_day_chunk, work, jobs=1 if serial else jobs, chunksize=1, progress=chunk_done,
                          scheduler=scheduler, receive=written_here)  # fmt: skip
    return [article for chunk in chunks for article in chunk]
