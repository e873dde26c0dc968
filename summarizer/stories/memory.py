"""The daily digest with the archive: today's articles are stored, stories continue across days, and a
continuing story's digest tells only what its earlier digests did not."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..archive import (
    Archive,
    add_articles,
    close_stale_stories,
    earlier_days_of,
    new_story_id,
    save_fetched,
    save_story,
    save_terms,
)
from ..documents import Document
from ..errors import NothingToSummarize
from ..parallel import Stages, no_stages
from ..sources.ingest import unique_ids
from ..text import counted
from .daily import DailyDigest, daily
from .grouping import ArticleTerms
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
    **overrides: Any,
) -> DailyDigest:
    """The day's digest of every article archived for `day` (the given `documents` and what was `fetched`
    are archived first), in one archive transaction: fetch before calling this, so that the archive's write
    lock is held only while writing. `options` (and keyword `overrides` of its fields) as for daily(); a
    story with no new article for `options.close_after` days is closed."""
    settings = replace((options or DailyOptions()).with_overrides(**overrides), date=None)  # the day is `day`
    close_after = settings.close_after
    with archive.run(day, command) as run:
        if fetched is not None:
            save_fetched(run, fetched.feeds, fetched.documents)
        given = add_articles(run, documents)
        earlier = earlier_days_of(run, given)
        todays = archive.articles_of_day(day)
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
        result = daily(day_documents, options=settings, history=history, context=context, keep_terms=True,
                       labels=labels, jobs=jobs, stages=stages, scheduler=scheduler)  # fmt: skip
        save_terms(run, [(rows[doc_id], terms.to_dict()) for doc_id, terms in result.terms.items()])
        stories, used = [], set()
        for story in result.stories:
            members = [rows[doc_id] for doc_id in story.documents]
            story_id = story.story_id or archive.story_of_articles(members)
            if story_id is None or story_id in used:
                story_id = new_story_id(day, [hashes[doc_id] for doc_id in story.documents])
            used.add(story_id)
            save_story(run, story_id, headline=story.headline, article_rows=members, since=story.since,
                       sentences=[s.to_dict() for s in story.digest.sentences],
                       details=story.digest.differences_dict())  # fmt: skip
            stories.append(replace(story, story_id=story_id, timeline=tuple(archive.timeline(story_id))))
        closed = close_stale_stories(run, close_after=close_after)
        notes = [
            *result.notes,
            *(
                [
                    f"{len(earlier)} of the articles given were archived on an earlier day ({', '.join(sorted(set(earlier.values()))[:3])}) "
                    "and count there, not as news of this day"
                ]
                if earlier
                else []
            ),
            *(
                [f"{counted(closed, 'story')} closed (no new article for {counted(close_after, 'day')})"]
                if closed
                else []
            ),
        ]
        return replace(result, stories=tuple(stories), date=day, notes=tuple(notes))


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
) -> DailyDigest:
    """The morning run on the archive at `path`: the `feeds` fetched first (the archive only read meanwhile;
    the first problems a line each to `warn`, then one line counting the rest, or with `every_problem` each
    one), then the documents and what came stored and summarised in one transaction (see remembered_daily)."""
    from ..sources.fetch import PROBLEMS_SHOWN, fetch_for_archive

    with Archive(path) as archive:
        fetched = fetch_for_archive(archive, feeds, settings=fetch) if feeds else None
        shown = None if every_problem else PROBLEMS_SHOWN
        for problem in fetched.problem_lines(shown, every="--explain") if fetched else []:
            warn(problem)
        return remembered_daily(archive, documents, day=day, options=options, command=command, fetched=fetched,
                                labels=labels, jobs=jobs, stages=stages, scheduler=scheduler)  # fmt: skip
