"""Writing a run: articles (stored once), feed states, grouping terms, stories and their digests."""

from __future__ import annotations

import datetime
import hashlib
import json
from collections.abc import Sequence
from typing import Any

from ..documents import Document
from .store import ArchiveRun, content_hash, utc_now


def add_articles(run: ArchiveRun, documents: Sequence[Document], *, feed: str | None = None) -> list[int]:
    """Archive documents under the run's day; an article already archived (same URL or same text) is
    not added again. Returns the row of each document, new or old."""
    rows = []
    for document in documents:
        digest = content_hash(document.text)
        found = run.db.execute(
            "SELECT id FROM articles WHERE content_hash = ? OR (url IS NOT NULL AND url = ?)", (digest, document.url)
        ).fetchone()
        if found:
            rows.append(int(found[0]))
            continue
        cursor = run.db.execute(
            "INSERT INTO articles (doc_id, url, content_hash, day, date, title, source, feed, text, run_id, language) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                document.id,
                document.url,
                digest,
                run.day,
                document.date,
                document.title,
                document.source,
                feed,
                document.text,
                run.id,
                document.language,
            ),
        )
        run.added += 1
        rows.append(int(cursor.lastrowid or 0))
    return rows


def earlier_days_of(run: ArchiveRun, rows: Sequence[int]) -> dict[int, str]:
    """row -> day, for the archived articles among `rows` that belong to a day before the run's."""
    found: dict[int, str] = {}
    for start in range(0, len(rows), 500):
        chunk = list(rows[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found.update(run.db.execute(f"SELECT id, day FROM articles WHERE id IN ({marks}) AND day < ?",
                                    (*chunk, run.day)).fetchall())  # fmt: skip
    return found


def save_feed_state(run: ArchiveRun, url: str, *, etag: str | None, last_modified: str | None, status: str) -> None:
    run.db.execute(
        "INSERT INTO feeds (url, etag, last_modified, checked, status) VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO "
        "UPDATE SET etag = COALESCE(excluded.etag, etag), last_modified = COALESCE(excluded.last_modified, "
        "last_modified), checked = excluded.checked, status = excluded.status",
        (url, etag, last_modified, utc_now(), status),
    )


def save_terms(run: ArchiveRun, rows_and_terms: Sequence[tuple[int, dict]]) -> None:
    run.db.executemany("UPDATE articles SET terms = ? WHERE id = ?", [(json.dumps(t), r) for r, t in rows_and_terms])


def new_story_id(day: str, article_hashes: Sequence[str]) -> str:
    """A story's id: its first day and a hash of its first articles (stable, readable, sortable)."""
    return f"{day}-{hashlib.sha256(''.join(sorted(article_hashes)).encode()).hexdigest()[:8]}"


def save_prepared(run: ArchiveRun, rows_and_blobs: Sequence[tuple[int, str, bytes]]) -> None:
    """Keep each article's prepared form (row, preparation key, blob): a later run of its day reads it back."""
    run.db.executemany("UPDATE articles SET preparation = ?, prepared = ? WHERE id = ?",
                       [(key, blob, row) for row, key, blob in rows_and_blobs])  # fmt: skip


def save_analyses(run: ArchiveRun, rows_and_blobs: Sequence[tuple[int, bytes]]) -> None:
    """Keep each article's sentence analyses (summarizer.sentence_analyses): a later run of its day reads them back."""
    run.db.executemany("UPDATE articles SET analyses = ? WHERE id = ?", [(blob, row) for row, blob in rows_and_blobs])


def save_day_groups(run: ArchiveRun, rows_groups_edges: Sequence[tuple[int, int | None, str | None]]) -> None:
    """Each article's group in the day's latest grouping (the row of its first article) and its edges of the day's
    neighbour graph (JSON [[article row, similarity], ...])."""
    run.db.executemany("UPDATE articles SET day_group = ?, neighbours = ? WHERE id = ?",
                       [(group, edges, row) for row, group, edges in rows_groups_edges])  # fmt: skip


def save_story(run: ArchiveRun, story_id: str, *, headline: str, article_rows: Sequence[int], since: str | None,
               sentences: Sequence[dict[str, Any]], details: dict[str, Any] | None = None,
               digest: dict[str, Any] | None = None) -> None:  # fmt: skip
    """Record a story's day: the story (created or extended), its new members and the digest written (with
    `details`: where the outlets differ, as the digest's JSON has it; with `digest`, the whole digest's JSON and
    its article rows, so that a later run of the day can show it again unchanged)."""
    run.db.execute(
        "INSERT INTO stories (id, first_day, last_day, headline) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
        "last_day = MAX(last_day, excluded.last_day), headline = excluded.headline, closed_day = NULL",
        (story_id, run.day, run.day, headline),
    )
    run.db.executemany(
        "INSERT OR IGNORE INTO story_articles (story_id, article_id, day) VALUES (?, ?, ?)",
        [(story_id, row, run.day) for row in article_rows],
    )
    run.db.execute(
        "INSERT INTO digests (run_id, story_id, day, headline, since, sentences, details, articles, digest) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            run.id,
            story_id,
            run.day,
            headline,
            since,
            json.dumps(list(sentences), ensure_ascii=False),
            json.dumps(details, ensure_ascii=False) if details is not None else None,
            json.dumps(list(article_rows)) if digest is not None else None,
            json.dumps(digest, ensure_ascii=False) if digest is not None else None,
        ),
    )


def close_stale_stories(run: ArchiveRun, *, close_after: int) -> int:
    """Close stories with no new article for more than `close_after` days before the run's day."""
    earliest = (datetime.date.fromisoformat(run.day) - datetime.timedelta(days=close_after)).isoformat()
    cursor = run.db.execute(
        "UPDATE stories SET closed_day = ? WHERE closed_day IS NULL AND last_day < ?", (run.day, earliest)
    )
    return cursor.rowcount


def save_fetched(run: ArchiveRun, feeds: Sequence[Any], documents: Sequence[Document]) -> list[int]:
    """What a fetch brought (feed results with url, etag, last_modified and status; the new articles), stored
    in a run: the feeds' states for the next conditional request, and the articles. Returns their rows."""
    for feed in feeds:
        save_feed_state(run, feed.url, etag=feed.etag, last_modified=feed.last_modified, status=feed.status)
    return add_articles(run, documents)
