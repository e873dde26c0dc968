"""The archive file: its schema and migrations, opening it (checked, or read-only), one transaction per run,
what SQLite's errors mean to a user, and reading articles and stories back."""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import sqlite3
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..documents import Document, EarlierStory
from ..errors import InputError, InputNotFound
from ..sources.decoding import safe_document, safe_text

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
    # Where the outlets differ, first reported, coverage by label: the digest's differences JSON.
    """
    ALTER TABLE digests ADD COLUMN details TEXT;
    """,
    # An article's language when its feed says (the feed list's `language`).
    """
    ALTER TABLE articles ADD COLUMN language TEXT;
    """,
    # Runs of a day that arrives in pieces (stories.incremental): each article's cleaned document and sentence
    # units (zlib-compressed JSON) under the key of the code and language that made them; its group in the day's
    # latest grouping (the row of the group's first article) and its strongest similarities (JSON); and with
    # each digest the rows of its articles and the whole digest's JSON, to show an unchanged story again.
    """
    ALTER TABLE articles ADD COLUMN preparation TEXT;
    ALTER TABLE articles ADD COLUMN prepared BLOB;
    ALTER TABLE articles ADD COLUMN day_group INTEGER;
    ALTER TABLE articles ADD COLUMN strongest TEXT;
    ALTER TABLE digests ADD COLUMN articles TEXT;
    ALTER TABLE digests ADD COLUMN digest TEXT;
    """,
    # Each article's edges of the day's neighbour graph (JSON [[article row, similarity], ...]): a later run of the
    # day groups the day again on them (stories.incremental); `strongest` is no longer written.
    """
    ALTER TABLE articles ADD COLUMN neighbours TEXT;
    """,
    # Each article's sentence analyses (summarizer.sentence_analyses: its figures, names, negations, quotations),
    # made when its story is first summarised, read when it is summarised again by a later run of the day.
    """
    ALTER TABLE articles ADD COLUMN analyses BLOB;
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)
_ROWS_PER_QUERY = 500  # under SQLite's limit on a statement's parameters (999 before 3.32)
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
    terms: Any  # ArticleTerms.to_dict() once a daily run has seen it (or what articles_of_day's read_terms made)
    content_hash: str = ""


@dataclass
class ArchiveRun:
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
        if version == SCHEMA_VERSION or (self.readonly and version >= 1):
            return  # read-only, an older schema is read as it is (what a later one added is absent)
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
    def run(self, day: str, command: str) -> Iterator[ArchiveRun]:
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
                "INSERT INTO runs (day, started, command) VALUES (?, ?, ?)", (day, utc_now(), command)
            )
            run = ArchiveRun(self, int(cursor.lastrowid or 0), day)
            yield run
            self.db.execute(
                "UPDATE runs SET finished = ?, articles_added = ? WHERE id = ?", (utc_now(), run.added, run.id)
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
    def articles_of_day(self, day: str, *, read_terms: Callable[[dict], Any] | None = None) -> list[ArchivedArticle]:
        """The day's articles, their stored terms read with one string per distinct term (a 15,000-article day's
        terms took 270 MB read as JSON makes them, a string per occurrence, and 0 MB more once shared); with
        `read_terms`, each article's terms are what it makes of them, made as the row is read (at 100,000 articles
        the stored forms of every row held at once took about as much again as what is made of them)."""
        rows = self.db.execute(f"SELECT {_ARTICLE_COLUMNS} FROM articles a WHERE a.day = ? ORDER BY a.id", (day,))
        shared: dict[str, str] = {}
        return [_article(row, shared, read_terms) for row in rows]

    def open_stories(self, day: str, *, close_after: int) -> list[EarlierStory]:
        """Stories with an article within `close_after` days before `day` (and none closed), as the plain
        records the daily digest reads."""
        earliest = (datetime.date.fromisoformat(day) - datetime.timedelta(days=close_after)).isoformat()
        stories = self.db.execute(
            "SELECT id, first_day, last_day, headline FROM stories WHERE closed_day IS NULL AND last_day >= ? "
            "AND first_day < ? ORDER BY id",
            (earliest, day),
        ).fetchall()
        result = []
        for story_id, first_day, last_day, headline in stories:
            terms = tuple(  # a damaged row is passed over (see recent_terms)
                stored
                for (text,) in self.db.execute(
                    "SELECT a.terms FROM articles a JOIN story_articles s ON s.article_id = a.id "
                    "WHERE s.story_id = ? AND s.day < ? AND a.terms IS NOT NULL ORDER BY a.id",
                    (story_id, day),
                )
                if (stored := _stored_terms(text)) is not None
            )
            told, last_digest_day = self.told(story_id, before=day)
            result.append(EarlierStory(story_id, first_day, last_day, headline, terms, told, last_digest_day))
        return result

    def recent_terms(self, day: str, *, limit: int) -> list[dict]:
        """The grouping terms of the `limit` latest articles archived before `day` (ArticleTerms.to_dict()
        form, newest first). A row whose terms do not read as that form is passed over, never trusted."""
        rows = self.db.execute(
            "SELECT terms FROM articles WHERE day < ? AND terms IS NOT NULL ORDER BY day DESC, id DESC LIMIT ?",
            (day, limit),
        )
        return [stored for (text,) in rows if (stored := _stored_terms(text)) is not None]

    def day_state(self, day: str) -> dict[int, tuple[str | None, bytes | None, int | None, str | None]]:
        """row -> (preparation key, prepared blob, day group, kept edges as JSON) of each article."""
        rows = self.db.execute(
            "SELECT id, preparation, prepared, day_group, neighbours FROM articles WHERE day = ? ORDER BY id", (day,)
        )
        return {row: (key, blob, group, neighbours) for row, key, blob, group, neighbours in rows}

    def story_inputs_of(self, rows: Sequence[int]) -> dict[int, tuple[str, bytes | None, bytes | None]]:
        """row -> what a story's job reads back of the article: its text (made safe as articles_of_day makes it), its
        sentence analyses kept and its kept form (each None where there is none)."""
        found: dict[int, tuple[str, bytes | None, bytes | None]] = {}
        for start in range(0, len(rows), _ROWS_PER_QUERY):
            part = list(rows[start : start + _ROWS_PER_QUERY])
            query = f"SELECT id, text, analyses, prepared FROM articles WHERE id IN ({','.join('?' * len(part))})"
            for row, text, analyses, prepared in self.db.execute(query, part):
                found[row] = (safe_text(text)[0], _bytes_or_none(analyses), _bytes_or_none(prepared))
        return found

    def day_digests(self, day: str) -> list[tuple[str, list[int], str, str | None, str]]:
        """The latest digest of each story on `day` that kept its articles and JSON: (story id, article rows,
        the digest's JSON text, since, headline). A row whose articles do not read as JSON is passed over (its
        story is summarised again); the digest's JSON is read by who shows it again (at 100,000 articles the
        day's digests took 110 MB as objects, a late run shows few of them again)."""
        rows = self.db.execute(
            "SELECT d.story_id, d.articles, d.digest, d.since, d.headline FROM digests d WHERE d.day = ? "
            "AND d.digest IS NOT NULL "
            "AND d.id = (SELECT MAX(e.id) FROM digests e WHERE e.story_id = d.story_id AND e.day = d.day) "
            "ORDER BY d.story_id",
            (day,),
        ).fetchall()
        found = []
        for story_id, articles, digest, since, headline in rows:
            try:
                found.append((story_id, [int(r) for r in json.loads(articles)], str(digest), since, headline))
            except (TypeError, ValueError):
                continue
        return found

    def told(self, story_id: str, *, before: str) -> tuple[tuple[str, ...], str | None]:
        """Sentences of the story's digests before a day (the last run of each day) and that last day."""
        rows = self.db.execute(
            "SELECT d.day, d.sentences FROM digests d WHERE d.story_id = ? AND d.day < ? AND d.id = "
            "(SELECT MAX(e.id) FROM digests e WHERE e.story_id = d.story_id AND e.day = d.day) ORDER BY d.day",
            (story_id, before),
        ).fetchall()
        sentences = tuple(s["text"] for _, data in rows for s in json.loads(data))
        return sentences, (rows[-1][0] if rows else None)

    def story_of_articles(self, rows: Sequence[int]) -> tuple[str, int] | None:
        """The story most of these archived articles already belong to (a second run on one day), and how many of
        them do."""
        if not rows:
            return None
        marks = ",".join("?" * len(rows))
        found = self.db.execute(
            f"SELECT story_id, COUNT(*) AS n FROM story_articles WHERE article_id IN ({marks}) "
            "GROUP BY story_id ORDER BY n DESC, story_id LIMIT 1",
            tuple(rows),
        ).fetchone()
        return (found[0], found[1]) if found else None

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


def _stored_terms(text: str) -> dict | None:
    """Stored grouping terms, or None where the row is damaged: not JSON, or not lists of words."""
    try:
        terms = json.loads(text)
    except ValueError:
        return None
    if not isinstance(terms, dict):
        return None
    lists = [terms.get(key) for key in ("body", "title", "names")]
    if not all(isinstance(words, list) and all(isinstance(w, str) for w in words) for words in lists):
        return None
    return terms if terms.get("date") is None or isinstance(terms.get("date"), str) else None


_ARTICLE_COLUMNS = (
    "a.id, a.doc_id, a.url, a.day, a.date, a.title, a.source, a.text, a.terms, a.content_hash, a.language"
)


def _article(
    row: Sequence[Any], shared: dict[str, str] | None = None, read_terms: Callable[[dict], Any] | None = None
) -> ArchivedArticle:
    """An article as stored; with `shared`, each word of its terms is the one string of that word in `shared`; with
    `read_terms`, its terms are what that makes of them. Terms that do not read as terms are None."""
    row_id, doc_id, url, day, date, title, source, text, terms, digest, language = row
    # Made safe again: an archive written before documents were made safe may hold control characters.
    document = safe_document(Document(id=doc_id, text=text, title=title, source=source, url=url, date=date,
                                      language=language))[0]  # fmt: skip
    found = _stored_terms(terms) if terms else None  # a damaged row: as if never stored (its article is made again)
    if shared is not None and found is not None:
        found = {
            key: _shared_words(value, shared) if isinstance(value, list) else value for key, value in found.items()
        }
    if read_terms is not None and found is not None:
        found = read_terms(found)
    return ArchivedArticle(row_id, document, day, found, digest)


def _shared_words(words: list[Any], shared: dict[str, str]) -> list[Any]:
    """The words, each the one string of that word in `shared` (looked up in C: a late run of a 10,000-article
    day reads 2.4 million); anything else in the list as it is."""
    try:
        return list(map(shared.setdefault, words, words))
    except TypeError:  # a damaged row: a list or dict among the words
        return [shared.setdefault(w, w) if isinstance(w, str) else w for w in words]


def _bytes_or_none(blob: Any) -> bytes | None:
    return None if blob is None else bytes(blob)


def utc_now() -> str:
    return datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds")
