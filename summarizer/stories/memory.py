"""The daily digest with the archive: today's articles are stored, stories continue across days, and a
continuing story's digest tells only what its earlier digests did not."""

from __future__ import annotations

from collections.abc import Sequence
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
from ..ingest import unique_ids
from .daily import DailyDigest, daily

if TYPE_CHECKING:
    from ..fetch import FetchReport

CLOSE_AFTER_DAYS = 3  # a story with no new article for this many days is closed: later articles start a new one


def remembered_daily(
    archive: Archive,
    documents: Sequence[Document],
    *,
    day: str,
    command: str = "daily",
    close_after: int = CLOSE_AFTER_DAYS,
    fetched: FetchReport | None = None,
    **settings: Any,
) -> DailyDigest:
    """The day's digest of every article archived for `day` (the given `documents` and what was `fetched`
    are archived first), in one archive transaction: fetch before calling this, so that the archive's write
    lock is held only while writing. `settings` are daily()'s keywords."""
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
        result = daily(day_documents, history=history, keep_terms=True, **settings)
        save_terms(run, [(rows[doc_id], terms.to_dict()) for doc_id, terms in result.terms.items()])
        stories, used = [], set()
        for story in result.stories:
            members = [rows[doc_id] for doc_id in story.documents]
            story_id = story.story_id or archive.story_of_articles(members)
            if story_id is None or story_id in used:
                story_id = new_story_id(day, [hashes[doc_id] for doc_id in story.documents])
            used.add(story_id)
            save_story(run, story_id, headline=story.headline, article_rows=members, since=story.since,
                       sentences=[s.to_dict() for s in story.digest.sentences])  # fmt: skip
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
            *([f"{closed} stories closed (no new article for {close_after} days)"] if closed else []),
        ]
        return replace(result, stories=tuple(stories), date=day, notes=tuple(notes))
