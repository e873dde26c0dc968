"""What `summarizer archive` shows and does: days, stories, a story, an export, check, recover and prune."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import urllib.parse
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..checks import check_day
from ..errors import InputError, InputNotFound
from .store import Archive, archive_error


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


def _readable_rows(
    db: sqlite3.Connection, table: str, columns: Sequence[str], damaged: set[str] | None = None
) -> Iterator[tuple]:
    """Rows of a table in rowid order; past a damaged page, the next rowid that can be read again (the table's
    name then goes into `damaged`: some of its rows were lost)."""
    last = -(2**63)
    selected = ", ".join(columns)
    while True:
        try:
            for row in db.execute(f"SELECT rowid, {selected} FROM {table} WHERE rowid > ? ORDER BY rowid", (last,)):
                last = row[0]
                yield tuple(row[1:])
            return
        except sqlite3.DatabaseError:
            if damaged is not None:
                damaged.add(table)
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


SQLITE_HEADER = b"SQLite format 3\x00"
LARGEST_PADDED = 2**40  # a header stating more than a terabyte is itself damaged: no padded copy of it


def _stated_size(header: bytes) -> int:
    """The file's size as its SQLite header states it (page size x page count), or 0 when the header does not
    vouch for it (its count is valid only while bytes 92-95 match the change counter at 24-27)."""
    if len(header) < 100 or header[92:96] != header[24:28]:
        return 0
    page = int.from_bytes(header[16:18], "big")
    return (65536 if page == 1 else page) * int.from_bytes(header[28:32], "big")


def _write_ahead_log(path: Path) -> Path:
    return path.with_name(path.name + "-wal")


def _readable_file(source: Path, scratch: Path) -> tuple[Path, str]:
    """The file to read `source` through, and what to say of it. SQLite refuses a file shorter than its header
    states, even the pages that are there: a truncated archive is read through a copy padded with empty pages.
    Rows a run committed just before a crash may still be only in the write-ahead log beside the file: then the
    file is read through a copy with a copy of its log, which SQLite replays (the source and its log stay as
    they are)."""
    with source.open("rb") as file:
        header = file.read(100)
    size, stated = source.stat().st_size, _stated_size(header)
    truncated = size < stated <= LARGEST_PADDED
    log = _write_ahead_log(source)
    logged = log.is_file() and log.stat().st_size > 0
    if not truncated and not logged:
        return source, ""
    with source.open("rb") as original, scratch.open("wb") as copy:
        shutil.copyfileobj(original, copy)
        if truncated:
            copy.truncate(stated)  # zeros, sparse on most file systems
    if logged:
        shutil.copyfile(log, _write_ahead_log(scratch))
    return scratch, f"the file is truncated: {size:,} of {stated:,} bytes; " if truncated else ""


def _unreadable(source: Path, reader: sqlite3.Connection) -> str | None:
    """Why nothing of `source` can be read, when that shows before any row is tried; else None."""
    with source.open("rb") as file:
        header = file.read(len(SQLITE_HEADER))
    if not header:
        return "the file is empty"
    if header != SQLITE_HEADER:
        return "not an SQLite database: it does not start with SQLite's header"
    try:
        names = {name for (name,) in reader.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as error:
        return f"its list of tables cannot be read; SQLite: {error}"
    return None if names & set(TABLES) else "an SQLite database, but none of its tables is an archive's"


def _read_error(reader: sqlite3.Connection) -> str | None:
    """The first table of the archive that cannot be read (only asked when no row could be copied: a
    readable archive with no rows is recovered as the empty archive it is)."""
    for table in TABLES:
        try:
            reader.execute(f"SELECT * FROM {table}").fetchall()
        except sqlite3.OperationalError as error:
            if "no such table" not in str(error):
                return f"SQLite: {error}"
        except sqlite3.DatabaseError as error:
            return f"SQLite: {error}"
    return None


def _copy_rows(reader: sqlite3.Connection, new: Archive, damaged: set[str]) -> dict[str, int]:
    """Every row of every table that can be read, into the new archive; rows copied per table (the tables where
    rows could not be read go into `damaged`)."""
    counts: dict[str, int] = {}
    new.db.execute("PRAGMA foreign_keys = OFF")  # a row whose parent was lost is still worth keeping
    new.db.execute("BEGIN")
    for table in TABLES:
        columns = [row[1] for row in new.db.execute(f"PRAGMA table_info({table})")]
        marks = ", ".join("?" * len(columns))
        counts[table] = 0
        try:
            for row in _readable_rows(reader, table, columns, damaged):
                counts[table] += new.db.execute(
                    f"INSERT OR IGNORE INTO {table} ({', '.join(columns)}) VALUES ({marks})", row
                ).rowcount
        except sqlite3.DatabaseError:
            damaged.add(table)  # the table's root itself is unreadable: nothing of it can be copied
    new.db.execute("COMMIT")
    return counts


def recovered_name(path: str | os.PathLike[str]) -> Path:
    """news.db -> news.recovered.db (news.recovered-2.db when that exists: recover never overwrites)."""
    base, suffix = os.path.splitext(os.fspath(path))
    names = (Path(f"{base}.recovered{f'-{n}' if n > 1 else ''}{suffix or '.db'}") for n in range(1, 1000))
    return next(name for name in names if not os.path.lexists(name))


def recover(source: str | os.PathLike[str], into: str | os.PathLike[str] | None = None) -> ArchiveView:
    """Copy every row of a (damaged) archive that can still be read into a new archive at `into` (default
    recovered_name(source)), which must not exist; the source is only read. One row per table: rows copied."""
    from ..errors import OutputError

    source, target = Path(source), Path(into) if into is not None else recovered_name(source)
    if not source.is_file():
        raise InputNotFound(str(source), "no archive here")
    if target.exists() or target.is_symlink():
        raise OutputError(str(target), "exists already; recover writes a new file (choose another name)")
    partial, padded = (target.with_name(f".{target.name}.{part}") for part in ("partial", "source.partial"))
    partial.unlink(missing_ok=True)
    padded.unlink(missing_ok=True)
    reader = None
    try:
        readable, note = _readable_file(source, padded)
        # The source is never written to (immutable); a copy of ours may be, to replay the log copied with it.
        flags = "immutable=1" if readable == source else "mode=rw"
        reader = sqlite3.connect(f"file:{urllib.parse.quote(str(readable.resolve()))}?{flags}", uri=True)
        # An empty archive "recovered" from a text file would pass `check` as healthy: say so instead, write nothing.
        if why := _unreadable(readable, reader):
            raise InputError(str(source), f"nothing could be read from it ({note}{why}); no archive was written")
        damaged: set[str] = set()
        with Archive(partial) as new:
            counts = _copy_rows(reader, new, damaged)
        if not any(counts.values()) and (why := _read_error(reader)):
            raise InputError(str(source), f"nothing could be read from it ({note}{why}); no archive was written")
        os.replace(partial, target)
    except sqlite3.DatabaseError as error:
        raise archive_error(str(source), error) from None
    finally:
        if reader is not None:
            reader.close()
        for scratch in (partial, padded, _write_ahead_log(padded), padded.with_name(padded.name + "-shm")):
            scratch.unlink(missing_ok=True)
    rows = tuple({"table": table, "rows copied": count} for table, count in counts.items())
    return ArchiveView(str(target), "recover", rows, _recovery_notes(note, [t for t in TABLES if t in damaged]))


def _recovery_notes(truncated: str, damaged: Sequence[str]) -> tuple[str, ...]:
    """What the copy could not hold: a recovery that exits 0 still says what was lost."""
    notes = []
    if truncated:
        notes.append(f"{truncated.rstrip('; ')}: the rows on the missing pages are lost")
    if damaged:
        notes.append(f"rows of {', '.join(damaged)} could not be read (damaged pages) and are not in the copy")
    return tuple(notes)


@dataclass(frozen=True)
class ArchiveView:
    """What `summarizer archive` shows: days, stories, one story's timeline, an export or what prune did."""

    path: str
    kind: str  # "days", "stories", "story", "export", "check", "recover" or "prune"
    rows: tuple[dict[str, Any], ...]
    notes: tuple[str, ...] = ()  # what the user should know of the view (recover: what was lost)

    def to_dict(self) -> dict[str, Any]:
        return {
            "archive": self.path,
            "kind": self.kind,
            "rows": [dict(r) for r in self.rows],
            "notes": list(self.notes),
        }


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
        "articles": "SELECT id, doc_id, url, content_hash, day, date, title, source, feed, language, text, run_id "
        "FROM articles ORDER BY id",
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
