"""The archive: one SQLite file that remembers feeds, articles, stories and every digest written.

A run (`daily --archive`, `fetch`) is one transaction, taken with BEGIN IMMEDIATE: a crash or
Ctrl-C mid-run leaves the file as it was, and a second run waits for the first (up to
`busy_seconds`) and then says the archive is busy. WAL journaling lets `summarizer archive`
read while a run writes. The schema is versioned with `PRAGMA user_version` and migrated
forward on open. Nothing is deleted except by `prune`.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .documents import Document, check_day
from .errors import InputError, InputNotFound

if TYPE_CHECKING:
    from .stories.records import EarlierStory

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


class ArchiveDamaged(InputError):
    """The file fails SQLite's integrity checks; the message says what SQLite found and how to go on."""

    def __init__(self, where: str, found: str) -> None:
        super().__init__(where, f"the archive is damaged (SQLite: {found}); restore a backup, or copy every row that "
                                "can still be read into a new archive")  # fmt: skip
        self.found = found


def _first_problem(problems: Sequence[str]) -> str:
    """The first thing an integrity check found, on one line (its report opens with a '*** in database' line)."""
    lines = [line.strip() for problem in problems for line in problem.splitlines()]
    found = [line for line in lines if line and not line.startswith("***")]
    return (found[0] if found else lines[0])[:200]


def archive_error(where: str, error: sqlite3.Error) -> InputError:
    """One line for an error SQLite raised on an archive, in the words a user can act on."""
    text = str(error)
    code = getattr(error, "sqlite_errorname", "")  # Python 3.11+; the message text before that
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or "locked" in text or "busy" in text:
        return ArchiveBusy(where, "the archive is busy (another run is writing it); try again later")
    if code.startswith("SQLITE_NOTADB") or "not a database" in text:
        return InputError(where, f"not a summarizer archive (SQLite says: {text})")
    if code.startswith("SQLITE_CORRUPT") or "malformed" in text:
        return ArchiveDamaged(where, text)
    if code.startswith("SQLITE_FULL") or "is full" in text:
        return InputError(where, "the disk is full: nothing of this run was saved, and the archive is as it was")
    if code.startswith("SQLITE_IOERR") or "disk I/O error" in text:
        return InputError(where, "an I/O error (a failing disk or mount): nothing of this run was saved")
    if code.startswith("SQLITE_READONLY") or "readonly" in text:
        return InputError(where, "the archive is read-only here: nothing can be written to it")
    if code.startswith("SQLITE_CANTOPEN") or "unable to open" in text:
        folder = os.path.dirname(os.path.abspath(where))
        if os.path.exists(where) and not (os.access(where, os.W_OK) and os.access(folder, os.W_OK)):
            return InputError(where, "the archive is read-only here (the file or its folder cannot be written)")
        return InputError(where, "cannot open the archive (a missing folder, or no permission)")
    return InputError(where, text)


def _open_readonly(path: Path, busy_seconds: float) -> sqlite3.Connection:
    """A read-only connection. A WAL file on read-only media (no -shm beside it, none can be made) opens only
    as immutable: then SQLite trusts that nothing else writes it, which holds for a backup or a mount."""
    uri = f"file:{urllib.parse.quote(str(path.resolve()))}"
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=busy_seconds, isolation_level=None)
    try:
        db.execute("PRAGMA user_version").fetchone()
        return db
    except sqlite3.OperationalError:
        db.close()
    return sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=busy_seconds, isolation_level=None)


def default_archive_path() -> Path:
    """$SUMMARIZER_ARCHIVE, else archive.db in the user's data directory ($XDG_DATA_HOME/summarizer)."""
    if os.environ.get("SUMMARIZER_ARCHIVE"):
        return Path(os.environ["SUMMARIZER_ARCHIVE"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "summarizer" / "archive.db"


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
    """The archive file. `readonly`: only read (a backup, a shared mount): nothing is written, not even the
    journal mode or a migration. Every open runs SQLite's quick_check and refuses a damaged file (`verify=False`
    skips it, for `check` itself)."""

    def __init__(
        self,
        path: str | os.PathLike[str],
        *,
        busy_seconds: float = BUSY_SECONDS,
        readonly: bool = False,
        verify: bool = True,
    ) -> None:
        self.path = Path(path)
        self.readonly = readonly
        if self.path.exists() and not self.path.is_file():
            raise InputError(str(self.path), "the archive must be a file")
        if readonly and not self.path.exists():
            raise InputNotFound(str(self.path), "no archive here yet (daily --archive or fetch makes one)")
        try:
            if readonly:
                self.db = _open_readonly(self.path, busy_seconds)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.db = sqlite3.connect(self.path, timeout=busy_seconds, isolation_level=None)
            self.db.execute("PRAGMA foreign_keys = ON")
            if verify:
                self._check_health()
            if not readonly:
                self.db.execute("PRAGMA journal_mode = WAL")
            self._migrate()
        except sqlite3.Error as error:
            raise self._error(error) from None
        except BaseException:
            with contextlib.suppress(Exception):
                self.db.close()
            raise

    def _error(self, error: sqlite3.Error) -> InputError:
        return archive_error(str(self.path), error)

    def _check_health(self) -> None:
        """SQLite's quick_check (every page readable, every index in order): O(size), a second for 500 MB."""
        problems = [row[0] for row in self.db.execute("PRAGMA quick_check(5)")]
        if problems != ["ok"]:
            raise ArchiveDamaged(str(self.path), _first_problem(problems))

    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise InputError(
                str(self.path), f"written by a newer summarizer (schema {version}, this one knows {SCHEMA_VERSION})"
            )
        if version == SCHEMA_VERSION:
            return
        if self.readonly:
            raise InputError(str(self.path), "not a summarizer archive (no schema), or one too old to read read-only")
        self.db.execute("BEGIN IMMEDIATE")
        try:
            for number in range(version, SCHEMA_VERSION):
                for statement in MIGRATIONS[number].split(";"):
                    if statement.strip():
                        self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
            self.db.execute("COMMIT")
        except BaseException:
            if self.db.in_transaction:
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
        """One run as one transaction: everything it wrote, or (on any error or Ctrl-C) nothing. SQLite's
        own errors (a full disk, an I/O error, a busy file) become one InputError naming the archive."""
        if self.readonly:
            raise InputError(str(self.path), "opened read-only; nothing can be written to it")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as error:
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
        except BaseException as error:
            # SQLite may have rolled back already (a full disk does): a second ROLLBACK would hide why.
            if self.db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self.db.execute("ROLLBACK")
            if isinstance(error, sqlite3.Error):
                raise self._error(error) from None
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

    def open_stories(self, day: str, *, close_after: int) -> list[EarlierStory]:
        """Stories with an article within `close_after` days before `day` (and none closed), as the plain
        records the daily digest reads."""
        from .stories.records import EarlierStory  # the stories package loads the pipeline: only when needed

        earliest = (datetime.date.fromisoformat(day) - datetime.timedelta(days=close_after)).isoformat()
        stories = self.db.execute(
            "SELECT id, first_day, last_day, headline FROM stories WHERE closed_day IS NULL AND last_day >= ? "
            "AND first_day < ? ORDER BY id",
            (earliest, day),
        ).fetchall()
        result = []
        for story_id, first_day, last_day, headline in stories:
            terms = tuple(
                json.loads(row[0])
                for row in self.db.execute(
                    "SELECT a.terms FROM articles a JOIN story_articles s ON s.article_id = a.id "
                    "WHERE s.story_id = ? AND s.day < ? AND a.terms IS NOT NULL ORDER BY a.id",
                    (story_id, day),
                )
            )
            told, last_digest_day = self.told(story_id, before=day)
            result.append(EarlierStory(story_id, first_day, last_day, headline, terms, told, last_digest_day))
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


def earlier_days_of(run: Run, rows: Sequence[int]) -> dict[int, str]:
    """row -> day, for the archived articles among `rows` that belong to a day before the run's."""
    found: dict[int, str] = {}
    for start in range(0, len(rows), 500):
        chunk = list(rows[start : start + 500])
        marks = ",".join("?" * len(chunk))
        found.update(run.db.execute(f"SELECT id, day FROM articles WHERE id IN ({marks}) AND day < ?",
                                    (*chunk, run.day)).fetchall())  # fmt: skip
    return found


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


class _DryRun(Exception):
    """Raised inside a run to roll back what it did (a prune's --dry-run)."""


def prune(archive: Archive, *, before: str, dry_run: bool = False) -> dict[str, int]:
    """Delete everything of the days before `before` (the only way anything leaves the archive); with
    `dry_run`, count what would go and delete nothing (the same statements, rolled back)."""
    before = check_day(before, "before")
    counts: dict[str, int] = {}
    try:
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
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return counts


def save_fetched(run: Run, feeds: Sequence[Any], documents: Sequence[Document]) -> list[int]:
    """What a fetch brought (feed results with url, etag, last_modified and status; the new articles), stored
    in a run: the feeds' states for the next conditional request, and the articles. Returns their rows."""
    for feed in feeds:
        save_feed_state(run, feed.url, etag=feed.etag, last_modified=feed.last_modified, status=feed.status)
    return add_articles(run, documents)


def check(archive: Archive) -> ArchiveView:
    """SQLite's full integrity_check (every page, every index entry against its row): one row per problem."""
    try:
        found = [row[0] for row in archive.db.execute("PRAGMA integrity_check(100)")]
    except sqlite3.Error as error:
        found = [str(error)]
    if found != ["ok"]:
        found = [line.strip() for problem in found for line in problem.splitlines() if line.strip()]
    rows = (
        [{"check": "integrity_check", "result": "ok"}]
        if found == ["ok"]
        else [{"check": "integrity_check", "result": problem} for problem in found]
    )
    return ArchiveView(str(archive.path), "check", tuple(rows))


# Tables in the order their rows can be copied (parents first).
TABLES = ("runs", "feeds", "articles", "stories", "story_articles", "digests")


def _readable_rows(db: sqlite3.Connection, table: str, columns: Sequence[str]) -> Iterator[tuple]:
    """Rows of a table in rowid order; past a damaged page, the next rowid that can be read again."""
    last = -(2**63)
    selected = ", ".join(columns)
    while True:
        try:
            for row in db.execute(f"SELECT rowid, {selected} FROM {table} WHERE rowid > ? ORDER BY rowid", (last,)):
                last = row[0]
                yield tuple(row[1:])
            return
        except sqlite3.DatabaseError:
            step = 1
            while True:  # probe further and further ahead until a read succeeds
                try:
                    found = db.execute(f"SELECT rowid FROM {table} WHERE rowid > ? ORDER BY rowid LIMIT 1",
                                       (last + step,)).fetchone()  # fmt: skip
                except sqlite3.DatabaseError:
                    if last + step * 2 >= 2**62:
                        return
                    step *= 2
                    continue
                if found is None:
                    return
                last = found[0] - 1
                break


def recover(source: str | os.PathLike[str], into: str | os.PathLike[str]) -> ArchiveView:
    """Copy every row of a (damaged) archive that can still be read into a new archive at `into`, which
    must not exist; the source is only read. One row per table: rows copied."""
    from .errors import OutputError

    source, target = Path(source), Path(into)
    if not source.is_file():
        raise InputNotFound(str(source), "no archive here")
    if target.exists() or target.is_symlink():
        raise OutputError(str(target), "exists already; recover writes a new file (choose another name)")
    partial = target.with_name(f".{target.name}.partial")
    partial.unlink(missing_ok=True)
    reader = sqlite3.connect(f"file:{urllib.parse.quote(str(source.resolve()))}?immutable=1", uri=True)
    counts: dict[str, int] = {}
    try:
        with Archive(partial) as new:
            new.db.execute("PRAGMA foreign_keys = OFF")  # a row whose parent was lost is still worth keeping
            new.db.execute("BEGIN")
            for table in TABLES:
                columns = [row[1] for row in new.db.execute(f"PRAGMA table_info({table})")]
                marks = ", ".join("?" * len(columns))
                counts[table] = 0
                try:
                    for row in _readable_rows(reader, table, columns):
                        counts[table] += new.db.execute(
                            f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})", row
                        ).rowcount
                except sqlite3.DatabaseError:
                    pass  # the table's root itself is unreadable: nothing of it can be copied
            new.db.execute("COMMIT")
        os.replace(partial, target)
    except sqlite3.DatabaseError as error:
        raise archive_error(str(source), error) from None
    finally:
        reader.close()
        partial.unlink(missing_ok=True)
    rows = tuple({"table": table, "rows copied": count} for table, count in counts.items())
    return ArchiveView(str(target), "recover", rows)


@dataclass(frozen=True)
class ArchiveView:
    """What `summarizer archive` shows: days, stories, one story's timeline, an export or what prune did."""

    path: str
    kind: str  # "days", "stories", "story", "export", "check", "recover" or "prune"
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
