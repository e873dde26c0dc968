"""The daily digest with the archive: today's articles are stored, stories continue across days, and a
continuing story's digest tells only what its earlier digests did not."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..archive import (
    Archive,
    ArchivedArticle,
    add_articles,
    close_stale_stories,
    earlier_days_of,
    new_story_id,
    save_analyses,
    save_day_groups,
    save_fetched,
    save_prepared,
    save_story,
    save_terms,
)
from ..documents import Document
from ..errors import NothingToSummarize
from ..parallel import Stages, no_stages
from ..sources.ingest import unique_ids
from ..text import counted
from .daily import DailyDigest, daily, of_day
from .grouping import ArticleTerms
from .incremental import DayPieces
from .options import DailyOptions

if TYPE_CHECKING:
    from ..sources.feedlist import FeedList
    from ..sources.fetch import FetchReport, FetchSettings
    from ..sources.labels import LabelMap

# The archive's latest articles the grouping's learned vectors are learned from besides the day's own: with
# about 1,000 to 1,500 of them a 100-article day groups better with learned vectors than with words
# (eval/archive_grouping.py); more would cost time for what was not measured.
LEARNING_CONTEXT = 2_000


def remembered_daily(
    archive: Archive,
    documents: Sequence[Document],
    *,
    day: str,
    options: DailyOptions | None = None,
    command: str = "daily",
    fetched: FetchReport | None = None,
    labels: LabelMap | None = None,
    jobs: int | None = None,
    stages: Stages = no_stages,
    scheduler: str | None = None,
    rebuild: bool = False,
    **overrides: Any,
) -> DailyDigest:
    """The day's digest of every article archived for `day` (the given `documents` and what was `fetched`
    are archived first), in one archive transaction: fetch before calling this, so that the archive's write
    lock is held only while writing. `options` (and keyword `overrides` of its fields) as for daily(); a
    story with no new article for `options.close_after` days is closed.

    A day that had a run goes on from it (stories.incremental): only new articles are cleaned and split, the
    day's stories stand and the new articles join them or make new ones, and a story whose articles did not
    change shows the digest it had. `rebuild` regroups the day from scratch, as its first run would."""
    asked = (options or DailyOptions()).with_overrides(**overrides)
    settings = replace(asked, date=None)  # the day is `day`
    close_after = settings.close_after
    with archive.run(day, command) as run:
        if fetched is not None:
            save_fetched(run, fetched.feeds, fetched.documents)
        dated_here = of_day(documents, asked.date)  # a file's articles dated another day are not this day's news
        given = add_articles(run, dated_here)
        earlier = earlier_days_of(run, given)
        todays = archive.articles_of_day(day, read_terms=ArticleTerms.from_dict)
        if not todays:
            raise NothingToSummarize(f"{archive.path}: no new article for {day} (articles already archived count once)")
        day_documents = unique_ids(a.document for a in todays)
        rows = {d.id: a.row for d, a in zip(day_documents, todays)}
        hashes = {d.id: a.content_hash for d, a in zip(day_documents, todays)}
        history = archive.open_stories(day, close_after=close_after)
        context = (
            [ArticleTerms.from_dict(t) for t in archive.recent_terms(day, limit=LEARNING_CONTEXT)]
            if settings.grouping.learned > 0
            else []
        )
        state = archive.day_state(day)
        pieces = _day_pieces(archive, day, day_documents, todays, state, rebuild=rebuild)
        stored = _stored_state(state)
        # The rows as read (the pieces hold what they use of them), the edges' text and the articles (daily() lets
        # go of their text once they are prepared, and their stories' jobs read it back): not held through the run
        handed = [day_documents]
        del todays, state, day_documents
        result = daily(handed.pop(), options=settings, history=history, context=context, keep_terms=True,
                       labels=labels, jobs=jobs, stages=stages, scheduler=scheduler, pieces=pieces)  # fmt: skip
        _save_day_state(run, result, rows, stored)
        stories = []
        reused = result.state.reused if result.state is not None else set()
        kept_ids = _kept_story_ids(archive, result, rows)
        for story, kept_id in zip(result.stories, kept_ids):
            members = [rows[doc_id] for doc_id in story.documents]
            story_id = kept_id or new_story_id(day, [hashes[doc_id] for doc_id in story.documents])
            if story.documents not in reused:  # a story shown again unchanged keeps the digest it has
                save_story(run, story_id, headline=story.headline, article_rows=members, since=story.since,
                           sentences=[s.to_dict() for s in story.digest.sentences],
                           details=story.digest.differences_dict(), digest=story.digest.to_dict())  # fmt: skip
            stories.append(replace(story, story_id=story_id, timeline=tuple(archive.timeline(story_id))))
        closed = close_stale_stories(run, close_after=close_after)
        notes = _run_notes(
            other_days=len(documents) - len(dated_here),
            day_asked=asked.date,
            earlier=earlier,
            closed=closed,
            close_after=close_after,
        )
        return replace(result, stories=tuple(stories), date=day, notes=(*result.notes, *notes))


def _run_notes(*, other_days: int, day_asked: str | None, earlier: dict[int, str], closed: int,
               close_after: int) -> list[str]:  # fmt: skip
    """What the run says besides the digest: articles given that are not this day's news, stories closed."""
    notes = []
    if other_days:
        notes.append(
            f"{counted(other_days, 'article')} given dated another day than {day_asked} left out (not archived)"
        )
    if earlier:
        days = ", ".join(sorted(set(earlier.values()))[:3])
        notes.append(f"{len(earlier)} of the articles given were archived on an earlier day ({days}) "
                     "and count there, not as news of this day")  # fmt: skip
    if closed:
        notes.append(f"{counted(closed, 'story')} closed (no new article for {counted(close_after, 'day')})")
    return notes


def _kept_story_ids(archive: Archive, result: DailyDigest, rows: dict[str, int]) -> list[str | None]:
    """Each story's id when it goes on from one: an earlier day's story it continues, else the story of an earlier
    run of the day most of its articles were in. A story split since keeps the id on the part with most of its
    articles (on a tie the higher-ranked part); the other parts, and a story of new articles, get none (a new id)."""
    # id -> (continues it, its articles of it, minus its rank, story) of each story claiming it
    claims: dict[str, list[tuple[int, int, int, int]]] = {}
    for number, story in enumerate(result.stories):
        if story.story_id is not None:
            claims.setdefault(story.story_id, []).append((1, len(story.documents), -number, number))
        elif (found := archive.story_of_articles([rows[doc_id] for doc_id in story.documents])) is not None:
            claims.setdefault(found[0], []).append((0, found[1], -number, number))
    kept: list[str | None] = [None] * len(result.stories)
    for story_id, claimants in claims.items():
        kept[max(claimants)[3]] = story_id
    return kept


def _day_pieces(
    archive: Archive,
    day: str,
    documents: Sequence[Document],
    articles: Sequence[ArchivedArticle],
    state: dict[int, tuple[str | None, bytes | None, int | None, str | None]],
    *,
    rebuild: bool,
) -> DayPieces:
    """What the archive kept of the day's earlier runs (with `rebuild`, only the articles' prepared forms)."""
    pieces = DayPieces()
    ids = {article.row: document.id for document, article in zip(documents, articles)}
    for document, article in zip(documents, articles):
        key, blob, group, edges = state.get(article.row, (None, None, None, None))
        if key is not None and blob is not None and article.terms is not None:
            pieces.prepared[document.id] = (key, bytes(blob), article.terms)
        if group is not None and not rebuild:
            pieces.groups[document.id] = group
            kept = _kept_edges(edges, ids)
            if kept is not None:  # else its edges are searched again, as a new article's
                pieces.neighbours[document.id] = kept
    rows = {doc_id: row for row, doc_id in ids.items()}
    pieces.stored_of = lambda wanted: {
        ids[row]: found for row, found in archive.story_inputs_of([rows[i] for i in wanted]).items()
    }
    if not rebuild and pieces.groups:
        for _story_id, members, digest, since, headline in archive.day_digests(day):
            if all(row in ids for row in members):
                pieces.digests[tuple(ids[row] for row in members)] = (digest, since, headline)
    return pieces


def _kept_edges(text: str | None, ids: dict[int, str]) -> tuple[tuple[str, float], ...] | None:
    """Stored edges (neighbour id, similarity), or None where the row does not read as them (never trusted); an
    edge to an article not of the day is dropped. (One pass: a late run of a 10,000-article day reads 170,000.)"""
    try:
        found = json.loads(text or "")
    except ValueError:
        return None
    if not isinstance(found, list):
        return None
    kept = []
    for edge in found:
        if not isinstance(edge, list) or len(edge) != 2:
            return None
        row, similarity = edge
        if not isinstance(row, int) or not isinstance(similarity, (int, float)):
            return None
        if row in ids:
            kept.append((ids[row], float(similarity)))
    return tuple(kept)


StoredState = dict[int, tuple[str | None, int | None, bytes]]  # row -> (preparation key, day group, edges' hash)


def _stored_state(state: dict[int, tuple[str | None, bytes | None, int | None, str | None]]) -> StoredState:
    """What the run's end compares with the day's state as stored: its kept edges by a hash of their JSON text (at
    100,000 articles the text takes about 45 MB, held through the run for this comparison alone)."""
    return {row: (key, group, _edges_hash(edges)) for row, (key, _, group, edges) in state.items()}


def _edges_hash(text: str | None) -> bytes:
    return hashlib.blake2b((text or "").encode("utf-8"), digest_size=16).digest()


def _save_day_state(run: Any, result: DailyDigest, rows: dict[str, int], stored: StoredState) -> None:
    """The newly prepared articles (their forms and grouping terms) and, where they changed, each article's group
    in the day's grouping (the row of its first article) and its edges of the day's graph."""
    day_state = result.state
    if day_state is None:
        return
    save_prepared(run, [(rows[doc_id], key, blob) for doc_id, (key, blob) in day_state.prepared.items()])
    save_analyses(run, [(rows[doc_id], blob) for doc_id, blob in sorted(day_state.analyses.items())])
    save_terms(run, [(rows[doc_id], terms.to_dict()) for doc_id, terms in result.terms.items()
                     if doc_id in day_state.prepared or stored.get(rows[doc_id], (None,) * 3)[0] is None])  # fmt: skip
    changed = []
    for members in day_state.groups:
        group = min(rows[doc_id] for doc_id in members)
        for doc_id in members:
            edges = json.dumps([[rows[other], similarity] for other, similarity in day_state.edges_of(doc_id)])
            if stored.get(rows[doc_id], (None,) * 3)[1:] != (group, _edges_hash(edges)):
                changed.append((rows[doc_id], group, edges))
    save_day_groups(run, changed)


def remembered_daily_at(
    path: str | os.PathLike[str],
    documents: Sequence[Document],
    *,
    day: str,
    options: DailyOptions | None = None,
    command: str = "daily",
    feeds: Sequence[str] | FeedList | None = None,
    fetch: FetchSettings | None = None,
    labels: LabelMap | None = None,
    warn: Callable[[str], None] = lambda line: None,
    every_problem: bool = False,
    jobs: int | None = None,
    stages: Stages = no_stages,
    scheduler: str | None = None,
    rebuild: bool = False,
) -> DailyDigest:
    """The morning run on the archive at `path`: the `feeds` fetched first (the archive only read meanwhile;
    the first problems a line each to `warn`, then one line counting the rest, or with `every_problem` each
    one), then the documents and what came stored and summarised in one transaction (see remembered_daily)."""
    with Archive(path) as archive:
        fetched = None
        if feeds:  # the fetching code (http, ssl: about 0.1 s to import) only when there are feeds
            from ..sources.fetch import PROBLEMS_SHOWN, fetch_for_archive

            fetched = fetch_for_archive(archive, feeds, settings=fetch)
            for problem in fetched.problem_lines(None if every_problem else PROBLEMS_SHOWN, every="--explain"):
                warn(problem)
        return remembered_daily(archive, documents, day=day, options=options, command=command, fetched=fetched,
                                labels=labels, jobs=jobs, stages=stages, scheduler=scheduler, rebuild=rebuild)  # fmt: skip
