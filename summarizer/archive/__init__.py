"""The archive: one SQLite file that remembers feeds, articles, stories and every digest written.

A run (`daily --archive`, `fetch`) is one transaction, taken with BEGIN IMMEDIATE: a crash or
Ctrl-C mid-run leaves the file as it was, and a second run waits for the first (up to
`busy_seconds`) and then says the archive is busy. WAL journaling lets `summarizer archive`
read while a run writes. The schema is versioned with `PRAGMA user_version` and migrated
forward on open. Nothing is deleted except by `prune`.

store.py     the file: schema and migrations, opening (checked, or read-only), runs, SQLite's errors in words
records.py   writing a run: articles, feed states, grouping terms, stories and their digests
views.py     summarizer archive: days, stories, a story, export, check, recover, prune
"""

from .records import (
    add_articles,
    close_stale_stories,
    earlier_days_of,
    new_story_id,
    save_analyses,
    save_day_groups,
    save_feed_state,
    save_fetched,
    save_prepared,
    save_story,
    save_terms,
)
from .store import (
    BUSY_SECONDS,
    SCHEMA_VERSION,
    Archive,
    ArchiveBusy,
    ArchiveDamaged,
    ArchivedArticle,
    ArchiveRun,
    archive_error,
    content_hash,
    default_archive_path,
)
from .views import (
    TABLES,
    ArchiveView,
    check,
    prune,
    recover,
    recovered_name,
    view_days,
    view_export,
    view_stories,
    view_story,
)

__all__ = [
    "BUSY_SECONDS",
    "SCHEMA_VERSION",
    "TABLES",
    "Archive",
    "ArchiveBusy",
    "ArchiveDamaged",
    "ArchiveRun",
    "ArchiveView",
    "ArchivedArticle",
    "add_articles",
    "archive_error",
    "check",
    "close_stale_stories",
    "content_hash",
    "default_archive_path",
    "earlier_days_of",
    "new_story_id",
    "prune",
    "recover",
    "recovered_name",
    "save_analyses",
    "save_day_groups",
    "save_feed_state",
    "save_fetched",
    "save_prepared",
    "save_story",
    "save_terms",
    "view_days",
    "view_export",
    "view_stories",
    "view_story",
]
