"""A day's story digests: each story's work for a worker, the worker's side, and the digests in rank order as they
are made (an earlier run's digest shown again where a story's articles did not change).

With an archive, each article's sentence analyses (summarizer.sentence_analyses) go with its story's job and the
worker hands back those it made: a story summarised again when it gains an article reads its other articles'
figures, names, negations and quotations instead of making them again.
"""

from __future__ import annotations

import contextlib
from collections.abc import Generator, Iterable, Sequence
from dataclasses import replace
from functools import partial

from ..core.options import DigestOptions
from ..core.pipeline import Prepared, prepare
from ..core.result import Digest
from ..digest import summarize_prepared
from ..documents import CleanDocument, Document, EarlierStory, Unit
from ..errors import NothingNew
from ..parallel import Stages, parallel_results
from ..sentence_analyses import kept_analyses
from .incremental import DayPieces, DayState, KeptUnits, StoredOf
from .preparation import ArticleUnits, SpilledUnits, digest_jobs, loaded

__all__ = ["NOTHING_NEW", "StoryJob", "digests", "renumbered", "summarize_story", "told_units"]

# One story's work: its documents, cleaned documents and each article's units (or where they were spilled;
# renumbered in the worker, so the day's units are never copied all at once), the language, options, what was
# told, and each article's kept sentence analyses (None: none kept; the whole None: nothing kept, no archive; set
# by `digests` for the stories it summarises).
StoryJob = tuple[tuple[Document, ...], tuple[CleanDocument, ...], tuple[ArticleUnits, ...], str, DigestOptions,
                 tuple[Unit, ...], tuple[bytes | None, ...] | None]  # fmt: skip

# A story's digest and, where analyses are kept, each article's to keep (None: what it kept holds them all).
StoryMade = tuple[Digest, tuple[bytes | None, ...]]

NOTHING_NEW = "nothing new: every sentence restates what its earlier digests said"


def renumbered(articles: Iterable[Sequence[Unit]]) -> tuple[Unit, ...]:
    """The units of these articles, the articles numbered from 0 in this order."""
    return tuple(u.in_document(position) for position, article in enumerate(articles) for u in article)


def summarize_story(job: StoryJob) -> StoryMade:
    documents, cleaned, per_article, language, options, seen, kept = job
    articles = [loaded(article) for article in per_article]
    prepared = Prepared(documents, cleaned, renumbered(articles), language)
    if kept is None:
        return _digest(prepared, options, seen), ()
    with kept_analyses([[u.text for u in article] for article in articles], kept, language) as analyses:
        digest = _digest(prepared, options, seen)
    return digest, tuple(analyses.to_keep(k) for k in range(len(articles)))


def _digest(prepared: Prepared, options: DigestOptions, seen: tuple[Unit, ...]) -> Digest:
    try:
        return summarize_prepared(prepared, options=options, seen=seen)
    except NothingNew:  # a continuing story whose new articles only repeat it: an empty update that says so
        return Digest(sentences=(), documents=(), options=options, notes=(NOTHING_NEW,))


def _units_read(job: StoryJob) -> StoryJob:
    """The job with its articles' spilled units read from this machine's disk (a cluster's workers may not share it),
    still pickled: the worker unpickles them."""
    documents, cleaned, per_article, language, options, told, kept = job
    read = tuple(a.packed() if isinstance(a, SpilledUnits) else a for a in per_article)
    return documents, cleaned, read, language, options, told, kept


def _read_back(stored_of: StoredOf, job: StoryJob) -> StoryJob:
    """The job with its articles' text and kept units (a day in pieces holds neither once it is prepared) and their
    kept analyses read back from the archive."""
    documents, cleaned, per_article, language, options, told, _ = job
    found = stored_of([d.id for d in documents])
    whole = tuple(d if d.text or d.id not in found else replace(d, text=found[d.id][0]) for d in documents)
    units = tuple(
        replace(article, blob=found[d.id][2] or b"") if isinstance(article, KeptUnits) and not article.blob else article
        for d, article in zip(documents, per_article)
    )
    analyses = tuple(found[d.id][1] if d.id in found else None for d in documents)
    return whole, cleaned, units, language, options, told, analyses


def told_units(told: Sequence[str], language: str) -> tuple[Unit, ...]:
    """Sentence units of what earlier digests of a story said (an update digest leaves them out)."""
    if not told:
        return ()
    return prepare([Document(id="earlier digests", text="\n\n".join(told))], language=language, jobs=1).units


def digests(work: Sequence[StoryJob], members: Sequence[Sequence[int]], documents: Sequence[Document],
            continues: dict[int, EarlierStory], pieces: DayPieces | None, state: DayState | None, *,
            jobs: int | None, stages: Stages, scheduler: str | None, fresh: bool = False,
            read_back: StoredOf | None = None) -> Generator[tuple[Digest, str | None], None, None]:  # fmt: skip
    """Each story's digest, in order, as it is made (the caller puts a story together while workers make the next):
    an earlier run's of the day (with its headline) when the story's articles did not change, else made (no headline
    yet; in `fresh` worker processes on a large day). The analyses made are left in `state` to keep. `read_back`
    gives back, as each job goes out, its articles' text (and kept units and analyses) where the day let go of them."""
    reused: list[tuple[Digest, str] | None] = [None] * len(work)
    if pieces is not None and state is not None:
        for n, (job, group) in enumerate(zip(work, members)):
            earlier = continues.get(group[0])
            since = (earlier.last_digest_day or earlier.last_day) if earlier else None
            ids = tuple(documents[i].id for i in group)
            reused[n] = pieces.digest_of(ids, job[4], since)
            if reused[n] is not None:
                state.reused.add(ids)
    todo = [job for job, digest in zip(work, reused) if digest is None]
    jobs = digest_jobs([units for job in todo for units in job[2]], jobs=jobs, scheduler=scheduler)
    with contextlib.closing(parallel_results(summarize_story, todo, jobs=jobs, scheduler=scheduler, fresh=fresh,
                                             progress=stages("summarising stories", len(todo)), send=_units_read,
                                             ready=None if read_back is None else partial(_read_back, read_back),
                                             )) as made:  # fmt: skip
        jobs_made = iter(todo)
        for found in reused:
            if found is not None:
                yield found
                continue
            digest, to_keep = next(made)
            story_documents = next(jobs_made)[0]
            if state is not None:
                state.analyses.update((d.id, blob) for d, blob in zip(story_documents, to_keep) if blob is not None)
            yield digest, None
