"""What a static site of the archive shows, read from it: the days with a digest, each day's stories as its last
run of that day wrote them, each story's timeline, and the articles behind them. Plain records, for the renderer."""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from typing import Any

from .store import Archive

__all__ = ["SiteArticle", "SiteData", "SiteDay", "SiteStory", "site_data"]


@dataclass(frozen=True)
class SiteArticle:
    id: str
    title: str | None
    source: str | None
    url: str | None
    date: str | None
    day: str  # the day it joined the story


@dataclass(frozen=True)
class SiteStory:
    story_id: str
    headline: str
    since: str | None  # a continuing story: the day of its digest before this one
    sentences: tuple[dict[str, Any], ...]  # as the digest's JSON has them
    articles: tuple[SiteArticle, ...]  # every article of the story up to this day
    days: tuple[str, ...]  # the days the story has a digest, up to this one
    details: dict[str, Any] | None = None  # where the outlets differ, as the digest's JSON has it (None: not kept)


@dataclass(frozen=True)
class SiteDay:
    day: str
    updated: str  # when the run that wrote this day's page finished (UTC, ISO 8601)
    stories: tuple[SiteStory, ...]  # in the order the day ranked them


@dataclass(frozen=True)
class SiteData:
    site_id: str  # stable for the archive: Atom ids are made from it
    days: tuple[SiteDay, ...]  # oldest first
    timelines: dict[str, tuple[SiteStory, ...]]  # story id -> its digest of every day, oldest first


def _site_id(archive: Archive) -> str:
    first = archive.db.execute("SELECT id, started FROM runs ORDER BY id LIMIT 1").fetchone()
    return str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"summarizer-archive:{first[0] if first else 0}:{first[1] if first else ''}")
    )


def _articles(archive: Archive, story_id: str, until: str) -> tuple[SiteArticle, ...]:
    rows = archive.db.execute(
        "SELECT a.doc_id, a.title, a.source, a.url, a.date, m.day FROM story_articles m JOIN articles a ON a.id = "
        "m.article_id WHERE m.story_id = ? AND m.day <= ? ORDER BY m.day, a.id",
        (story_id, until),
    ).fetchall()
    return tuple(SiteArticle(*row) for row in rows)


def site_data(archive: Archive) -> SiteData:
    """Everything the site shows (see the module docstring), read in a handful of queries per day."""
    days = []
    timelines: dict[str, list[SiteStory]] = {}
    columns = {row[1] for row in archive.db.execute("PRAGMA table_info(digests)")}
    details_column = "details" if "details" in columns else "NULL"  # an archive of an older schema, read-only
    for (day,) in archive.db.execute("SELECT DISTINCT day FROM digests ORDER BY day").fetchall():
        run, updated = archive.db.execute(
            "SELECT r.id, COALESCE(r.finished, r.started) FROM runs r WHERE r.id = (SELECT MAX(run_id) FROM digests "
            "WHERE day = ?)",
            (day,),
        ).fetchone()
        stories = []
        for story_id, headline, since, sentences, details in archive.db.execute(
            f"SELECT story_id, headline, since, sentences, {details_column} FROM digests WHERE run_id = ? AND day = ? "
            "ORDER BY id",
            (run, day),
        ).fetchall():
            story_days = tuple(d for d, in archive.db.execute(
                "SELECT DISTINCT day FROM digests WHERE story_id = ? AND day <= ? ORDER BY day", (story_id, day)))  # fmt: skip
            story = SiteStory(story_id, headline, since, tuple(json.loads(sentences)),
                              _articles(archive, story_id, day), story_days,
                              json.loads(details) if details else None)  # fmt: skip
            stories.append(story)
            timelines.setdefault(story_id, []).append(story)
        days.append(SiteDay(day, updated, tuple(stories)))
    return SiteData(_site_id(archive), tuple(days), {k: tuple(v) for k, v in timelines.items()})
