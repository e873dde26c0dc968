"""The archive: one SQLite file that remembers feeds, articles, stories and every digest written.

A run (`daily --archive`, `fetch`) is one transaction, taken with BEGIN IMMEDIATE: a crash or
Ctrl-C mid-run leaves the file as it was, and a second run waits for the first (up to
`busy_seconds`) and then says the archive is busy. WAL journaling lets `summarizer archive`
read while a run writes. The schema is versioned with `PRAGMA user_version` and migrated
forward on open. Nothing is deleted except by `prune`.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import os
import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .documents import Document
from .errors import InputError, OptionsError

# Each entry takes the schema from version i to i + 1; append, never edit.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY, day TEXT NOT NULL, started TEXT NOT NULL, finished TEXT,
        command TEXT NOT NULL, articles_added INTEGER NOT NULL DEFAULT 0);
    CREATE TABLE feeds (
        url TEXT PRIMARY KEY, etag TEXT, last_modified TEXT, checked TEXT, status TEXT);
    CREATE TABLE articles (
        id INTEGER PRIMARY KEY, doc_id TEXT NOT NULL, url TEXT UNIQUE, content_hash TEXT NOT NULL UNIQUE,
        day TEXT NOT NULL, date TEXT, title TEXT, source TEXT, feed TEXT, text TEXT NOT NULL,
        terms TEXT, run_id INTEGER REFERENCES runs(id));
    CREATE INDEX articles_by_day ON articles(day);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY, first_day TEXT NOT NULL, last_day TEXT NOT NULL, closed_day TEXT,
        headline TEXT NOT NULL);
    CREATE INDEX stories_by_last_day ON stories(last_day);
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id), article_id INTEGER NOT NULL REFERENCES articles(id),
        day TEXT NOT NULL, PRIMARY KEY (story_id, article_id));
    CREATE INDEX story_articles_by_article ON story_articles(article_id);
    CREATE TABLE digests (
        id INTEGER PRIMARY KEY, run_id INTEGER NOT NULL REFERENCES runs(id), story_id TEXT NOT NULL
        REFERENCES stories(id), day TEXT NOT NULL, headline TEXT NOT NULL, since TEXT, sentences TEXT NOT NULL);
    CREATE INDEX digests_by_story ON digests(story_id, day);
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
BUSY_SECONDS = 30.0  # how long a run waits for another run to finish before saying the archive is busy


class ArchiveBusy(InputError):
    """Another run holds the archive."""


def default_archive_path() -> Path:
    """$SUMMARIZER_ARCHIVE, else archive.db in the user's data directory ($XDG_DATA_HOME/summarizer)."""
    if os.environ.get("SUMMARIZER_ARCHIVE"):
        return Path(os.environ["SUMMARIZER_ARCHIVE"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "summarizer" / "archive.db"


def check_day(day: str, what: str = "date") -> str:
    try:
        return datetime.date.fromisoformat(day).isoformat()
    except (TypeError, ValueError):
        raise OptionsError(f"{what} must be a day as YYYY-MM-DD, not {day!r}") from None


def content_hash(text: str) -> str:
    """Articles with the same words (whatever the spacing) are one article."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class ArchivedArticle:
    row: int
    document: Document
    day: str
    terms: dict | None  # ArticleTerms.to_dict() once a daily run has seen it
    content_hash: str = ""


@dataclass(frozen=True)
class OpenStory:
    """A story of earlier days that today's articles may continue."""

    story_id: str
    first_day: str
    last_day: str
    headline: str
    articles: tuple[ArchivedArticle, ...]
    told: tuple[str, ...]  # the sentences its earlier digests said (latest run of each day)
    last_digest_day: str | None


@dataclass
class Run:
    """One transaction on the archive; `Archive.run()` makes it."""

    archive: Archive
    id: int
    day: str
    added: int = 0

    @property
    def db(self) -> sqlite3.Connection:
        return self.archive.db


class Archive:
    def __init__(self, path: str | os.PathLike[str], *, busy_seconds: float = BUSY_SECONDS) -> None:
        self.path = Path(path)
        if self.path.exists() and not self.path.is_file():
            raise InputError(str(self.path), "the archive must be a file")
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.db = sqlite3.connect(self.path, timeout=busy_seconds, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.DatabaseError as error:
            raise self._error(error) from None

    def _error(self, error: sqlite3.Error) -> InputError:
        text = str(error)
        if "locked" in text or "busy" in text:
            return ArchiveBusy(str(self.path), "the archive is busy (another run is writing it); try again later")
        if "not a database" in text or "malformed" in text:
            return InputError(str(self.path), f"not a summarizer archive (SQLite says: {text})")
        return InputError(str(self.path), f"{text}")

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError(
                str(self.path), f"written by a newer summarizer (schema {version}, this one knows {SCHEMA_VERSION})"
            )
        if version == SCHEMA_VERSION:
            return
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def run(self, day: str, command: str) -> Iterator[Run]:
        """One run as one transaction: everything it wrote, or (on any error or Ctrl-C) nothing."""
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as error:
            raise self._error(error) from None
        try:
            cursor = self.db.execute(
                "INSERT INTO runs (day, started, command) VALUES (?, ?, ?)", (day, _now(), command)
            )
            run = Run(self, int(cursor.lastrowid or 0), day)
            yield run
            self.db.execute(
                "UPDATE runs SET finished = ?, articles_added = ? WHERE id = ?", (_now(), run.added, run.id)
            )
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    # Feeds -----------------------------------------------------------------
    def feed_state(self, url: str) -> tuple[str | None, str | None]:
        row = self.db.execute("SELECT etag, last_modified FROM feeds WHERE url = ?", (url,)).fetchone()
        return (row[0], row[1]) if row else (None, None)

    def knows_url(self, url: str) -> bool:
        return self.db.execute("SELECT 1 FROM articles WHERE url = ?", (url,)).fetchone() is not None

    # Reading ---------------------------------------------------------------
    def articles_of_day(self, day: str) -> list[ArchivedArticle]:
        rows = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.day = ? ORDER BY a.id", (day,))
        return [_article(row) for row in rows]

    def open_stories(self, day: str, *, close_after: int) -> list[OpenStory]:
        """Stories with an article within `close_after` days before `day` (and none closed)."""
        earliest = (datetime.date.fromisoformat(day) - datetime.timedelta(days=close_after)).isoformat()
        stories = self.db.execute(
            "SELECT id, first_day, last_day, headline FROM stories WHERE closed_day IS NULL AND last_day >= ? "
            "AND first_day < ? ORDER BY id",
            (earliest, day),
        ).fetchall()
        result = []
        for story_id, first_day, last_day, headline in stories:
            articles = tuple(
                _article(row)
                for row in self.db.execute(
                    f"SELECT {_ARTICLE_COLUMNS} FROM articles a JOIN story_articles s ON s.article_id = a.id "
                    "WHERE s.story_id = ? AND s.day < ? ORDER BY a.id",
                    (story_id, day),
                )
            )
            told, last_digest_day = self.told(story_id, before=day)
            result.append(OpenStory(story_id, first_day, last_day, headline, articles, told, last_digest_day))
        return result

    def told(self, story_id: str, *, before: str) -> tuple[tuple[str, ...], str | None]:
        """Sentences of the story's digests before a day (the last run of each day) and that last day."""
        rows = self.db.execute(
            "SELECT d.day, d.sentences FROM digests d WHERE d.story_id = ? AND d.day < ? AND d.id = "
            "(SELECT MAX(e.id) FROM digests e WHERE e.story_id = d.story_id AND e.day = d.day) ORDER BY d.day",
            (story_id, before),
        ).fetchall()
        sentences = tuple(s["text"] for _, data in rows for s in json.loads(data))
        return sentences, (rows[-1][0] if rows else None)

    def story_of_articles(self, rows: Sequence[int]) -> str | None:
        """The story most of these archived articles already belong to (a second run on one day)."""
        if not rows:
            return None
        marks = ",".join("?" * len(rows))
        found = self.db.execute(
            f"SELECT story_id, COUNT(*) AS n FROM story_articles WHERE article_id IN ({marks}) "
            "GROUP BY story_id ORDER BY n DESC, story_id LIMIT 1",
            tuple(rows),
        ).fetchone()
        return found[0] if found else None

    def timeline(self, story_id: str) -> list[dict[str, Any]]:
        """Per day: articles that joined the story and the headline of that day's last digest."""
        days = self.db.execute(
            "SELECT day, COUNT(*) FROM story_articles WHERE story_id = ? GROUP BY day ORDER BY day", (story_id,)
        ).fetchall()
        result = []
        for day, count in days:
            digest = self.db.execute(
                "SELECT headline, sentences, since FROM digests WHERE story_id = ? AND day = ? ORDER BY id DESC LIMIT 1",
                (story_id, day),
            ).fetchone()
            entry: dict[str, Any] = {"day": day, "articles": count}
            if digest:
                entry.update(headline=digest[0], sentences=[s["text"] for s in json.loads(digest[1])], since=digest[2])
            result.append(entry)
        return result


_ARTICLE_COLUMNS = "a.id, a.doc_id, a.url, a.day, a.date, a.title, a.source, a.text, a.terms, a.content_hash"


def _article(row: Sequence[Any]) -> ArchivedArticle:
    row_id, doc_id, url, day, date, title, source, text, terms, digest = row
    document = Document(id=doc_id, text=text, title=title, source=source, url=url, date=date)
    return ArchivedArticle(row_id, document, day, json.loads(terms) if terms else None, digest)


def _now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")


def add_articles(run: Run, documents: Sequence[Document], *, feed: str | None = None) -> list[int]:
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
            "INSERT INTO articles (doc_id, url, content_hash, day, date, title, source, feed, text, run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
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
            ),
        )
        run.added += 1
        rows.append(int(cursor.lastrowid or 0))
    return rows


def save_feed_state(run: Run, url: str, *, etag: str | None, last_modified: str | None, status: str) -> None:
    run.db.execute(
        "INSERT INTO feeds (url, etag, last_modified, checked, status) VALUES (?, ?, ?, ?, ?) ON CONFLICT(url) DO "
        "UPDATE SET etag = COALESCE(excluded.etag, etag), last_modified = COALESCE(excluded.last_modified, "
        "last_modified), checked = excluded.checked, status = excluded.status",
        (url, etag, last_modified, _now(), status),
    )


def save_terms(run: Run, rows_and_terms: Sequence[tuple[int, dict]]) -> None:
    run.db.executemany("UPDATE articles SET terms = ? WHERE id = ?", [(json.dumps(t), r) for r, t in rows_and_terms])


def new_story_id(day: str, article_hashes: Sequence[str]) -> str:
    """A story's id: its first day and a hash of its first articles (stable, readable, sortable)."""
    return f"{day}-{hashlib.sha256(''.join(sorted(article_hashes)).encode()).hexdigest()[:8]}"


def save_story(run: Run, story_id: str, *, headline: str, article_rows: Sequence[int], since: str | None,
               sentences: Sequence[dict[str, Any]]) -> None:  # fmt: skip
    """Record a story's day: the story (created or extended), its new members and the digest written."""
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
        "INSERT INTO digests (run_id, story_id, day, headline, since, sentences) VALUES (?, ?, ?, ?, ?, ?)",
        (run.id, story_id, run.day, headline, since, json.dumps(list(sentences), ensure_ascii=False)),
    )


def close_stale_stories(run: Run, *, close_after: int) -> int:
    """Close stories with no new article for more than `close_after` days before the run's day."""
    earliest = (datetime.date.fromisoformat(run.day) - datetime.timedelta(days=close_after)).isoformat()
    cursor = run.db.execute(
        "UPDATE stories SET closed_day = ? WHERE closed_day IS NULL AND last_day < ?", (run.day, earliest)
    )
    return cursor.rowcount


def prune(archive: Archive, *, before: str) -> dict[str, int]:
    """Delete everything of the days before `before` (the only way anything leaves the archive)."""
    before = check_day(before, "before")
    counts: dict[str, int] = {}
    with archive.run(before, f"prune --before {before}") as run:
        statements = {
            "digests": "DELETE FROM digests WHERE day < ?",
            "memberships": "DELETE FROM story_articles WHERE day < ?",
            "stories": "DELETE FROM stories WHERE last_day < ? AND id NOT IN (SELECT story_id FROM story_articles)",
            "articles": "DELETE FROM articles WHERE day < ? AND id NOT IN (SELECT article_id FROM story_articles)",
        }
        for name, statement in statements.items():
            counts[name] = run.db.execute(statement, (before,)).rowcount
        run.db.execute(
            "UPDATE articles SET run_id = NULL WHERE run_id IN (SELECT id FROM runs WHERE day < ?)", (before,)
        )
        counts["runs"] = run.db.execute(
            "DELETE FROM runs WHERE day < ? AND id NOT IN (SELECT run_id FROM digests)", (before,)
        ).rowcount
    return counts


_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def story_file_name(story_id: str) -> str:
    return _SAFE_NAME.sub("_", story_id) + ".html"


@dataclass(frozen=True)
class ArchiveView:
    """What `summarizer archive` shows: days, stories, one story's timeline, an export or what prune did."""

    path: str
    kind: str  # "days", "stories", "story", "export" or "prune"
    rows: tuple[dict[str, Any], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"archive": self.path, "kind": self.kind, "rows": [dict(r) for r in self.rows]}


def _rows(archive: Archive, query: str, parameters: Sequence[Any] = ()) -> list[dict[str, Any]]:
    cursor = archive.db.execute(query, tuple(parameters))
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def view_days(archive: Archive) -> ArchiveView:
    rows = _rows(archive, """
        SELECT a.day AS day, COUNT(*) AS articles,
               (SELECT COUNT(DISTINCT s.story_id) FROM story_articles s WHERE s.day = a.day) AS stories,
               (SELECT COUNT(*) FROM runs r WHERE r.day = a.day) AS runs
        FROM articles a GROUP BY a.day ORDER BY a.day""")  # fmt: skip
    return ArchiveView(str(archive.path), "days", tuple(rows))


def view_stories(archive: Archive, *, day: str | None = None) -> ArchiveView:
    where, parameters = (
        ("WHERE s.id IN (SELECT story_id FROM story_articles WHERE day = ?)", [day]) if day else ("", [])
    )
    rows = _rows(archive, f"""
        SELECT s.id AS story_id, s.first_day, s.last_day, s.closed_day, s.headline,
               (SELECT COUNT(*) FROM story_articles m WHERE m.story_id = s.id) AS articles,
               (SELECT COUNT(DISTINCT m.day) FROM story_articles m WHERE m.story_id = s.id) AS days
        FROM stories s {where} ORDER BY s.last_day DESC, s.id""", parameters)  # fmt: skip
    return ArchiveView(str(archive.path), "stories", tuple(rows))


def view_story(archive: Archive, story_id: str) -> ArchiveView:
    found = _rows(archive, "SELECT id AS story_id, first_day, last_day, closed_day, headline FROM stories WHERE id = ?",
                  [story_id])  # fmt: skip
    if not found:
        raise InputError(str(archive.path), f"no story {story_id!r} (summarizer archive stories lists them)")
    story = found[0]
    story["timeline"] = archive.timeline(story_id)
    story["articles"] = _rows(archive, """
        SELECT a.doc_id AS id, a.title, a.source, a.url, a.date, m.day FROM story_articles m
        JOIN articles a ON a.id = m.article_id WHERE m.story_id = ? ORDER BY m.day, a.id""", [story_id])  # fmt: skip
    return ArchiveView(str(archive.path), "story", (story,))


def view_export(archive: Archive) -> ArchiveView:
    """Everything in the archive as plain rows (articles with their text)."""
    tables = {
        "runs": "SELECT * FROM runs ORDER BY id",
        "feeds": "SELECT * FROM feeds ORDER BY url",
        "articles": "SELECT id, doc_id, url, content_hash, day, date, title, source, feed, text, run_id FROM articles "
        "ORDER BY id",
        "stories": "SELECT * FROM stories ORDER BY id",
        "story_articles": "SELECT * FROM story_articles ORDER BY story_id, article_id",
        "digests": "SELECT * FROM digests ORDER BY id",
    }
    rows = []
    for table, query in tables.items():
        for row in _rows(archive, query):
            if table == "digests":
                row["sentences"] = json.loads(row["sentences"])
            rows.append({"table": table, **row})
    return ArchiveView(str(archive.path), "export", tuple(rows))
