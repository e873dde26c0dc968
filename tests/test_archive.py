"""The archive: schema and migrations, one transaction per run, deduplication, prune, and stories that
continue across days (summarizer.archive, summarizer.stories.memory, summarizer archive)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from summarizer.archive import (
    SCHEMA_VERSION,
    Archive,
    ArchiveBusy,
    add_articles,
    prune,
    view_days,
    view_export,
    view_stories,
    view_story,
)
from summarizer.documents import Document
from summarizer.errors import InputError
from summarizer.stories.memory import remembered_daily

from .conftest import run_cli

UNRELATED = Document(
    id="football",
    text=(
        "Arsenal beat Chelsea 3-1 at the Emirates Stadium on Saturday evening. Bukayo Saka scored twice in the "
        "first half and Martin Odegaard added a third after the break. Chelsea's manager said his side had been "
        "second best for most of the match. The win lifts Arsenal to second place in the Premier League table."
    ),
    source="Sports Desk",
)


def count(archive: Archive, table: str) -> int:
    return archive.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def test_a_new_archive_has_the_current_schema_in_wal_mode(tmp_path: Path) -> None:
    with Archive(tmp_path / "news.db") as archive:
        assert archive.db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        assert archive.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    with Archive(tmp_path / "news.db") as again:  # opening twice migrates nothing
        assert count(again, "runs") == 0


def test_an_archive_from_a_newer_version_or_not_an_archive_is_refused(tmp_path: Path) -> None:
    newer = tmp_path / "newer.db"
    with sqlite3.connect(newer) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    with pytest.raises(InputError, match="newer summarizer"):
        Archive(newer)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite at all, just some bytes " * 100)
    with pytest.raises(InputError, match="not a summarizer archive"):
        Archive(junk)
    assert junk.read_bytes().startswith(b"this is not sqlite")  # nothing the user gave is modified


def test_a_failed_or_interrupted_run_leaves_the_archive_as_it_was(tmp_path: Path, seed_documents) -> None:
    with Archive(tmp_path / "news.db") as archive:
        for error in (RuntimeError("crash"), KeyboardInterrupt()):
            with pytest.raises(type(error)), archive.run("2025-04-20", "daily") as run:
                add_articles(run, seed_documents)
                assert count(archive, "articles") == len(seed_documents)
                raise error
            assert count(archive, "articles") == 0
            assert count(archive, "runs") == 0


def test_a_second_run_waits_then_says_the_archive_is_busy(tmp_path: Path) -> None:
    path = tmp_path / "news.db"
    Archive(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    try:
        with (
            Archive(path, busy_seconds=0.2) as archive,
            pytest.raises(ArchiveBusy, match="busy"),
            archive.run("2025-04-20", "daily"),
        ):
            pass
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_articles_are_archived_once_by_url_and_by_text(tmp_path: Path, seed_documents) -> None:
    first = replace(seed_documents[0], url="https://example.org/a")
    same_url = replace(seed_documents[1], url="https://example.org/a")
    same_text = replace(seed_documents[0], id="another id", text="  " + seed_documents[0].text.replace(" ", "  "))
    with Archive(tmp_path / "news.db") as archive, archive.run("2025-04-20", "test") as run:
        rows = add_articles(run, [first, same_url, same_text, seed_documents[2]])
        assert rows[0] == rows[1] == rows[2] != rows[3]
        assert run.added == 2


def test_a_story_continues_with_the_same_id_and_tells_only_what_is_new(tmp_path: Path, seed_documents) -> None:
    with Archive(tmp_path / "news.db") as archive:
        monday = remembered_daily(archive, seed_documents[:3], day="2025-04-20")
        tuesday = remembered_daily(archive, [*seed_documents[3:], UNRELATED], day="2025-04-21")
    (story,) = monday.stories
    continuing = next(s for s in tuesday.stories if s.story_id == story.story_id)
    other = next(s for s in tuesday.stories if s.story_id != story.story_id)
    assert continuing.since == "2025-04-20" and other.since is None
    assert set(continuing.documents) == {d.id for d in seed_documents[3:]}
    assert other.documents == ("football",) and other.story_id.startswith("2025-04-21-")
    told = {s.text for s in story.digest.sentences}
    assert not told & {s.text for s in continuing.digest.sentences}
    assert [day["day"] for day in continuing.timeline] == ["2025-04-20", "2025-04-21"]
    assert continuing.to_dict()["story_id"] == story.story_id


def test_the_same_day_twice_gives_the_same_digest_and_keeps_both_runs(tmp_path: Path, seed_documents) -> None:
    with Archive(tmp_path / "news.db") as archive:
        remembered_daily(archive, seed_documents[:3], day="2025-04-20")
        first = remembered_daily(archive, seed_documents[3:], day="2025-04-21")
        second = remembered_daily(archive, seed_documents[3:], day="2025-04-21")
        assert json.dumps(first.to_dict()) == json.dumps(second.to_dict())
        assert count(archive, "runs") == 3 and count(archive, "digests") == 3
        assert count(archive, "articles") == len(seed_documents)


def test_stories_close_after_days_without_news_and_prune_deletes_old_days(tmp_path: Path, seed_documents) -> None:
    with Archive(tmp_path / "news.db") as archive:
        first = remembered_daily(archive, seed_documents[:3], day="2025-04-01", close_after=3)
        later = remembered_daily(archive, seed_documents[3:], day="2025-04-10", close_after=3)
        assert later.stories[0].story_id != first.stories[0].story_id  # the old story was closed, not continued
        assert archive.db.execute(
            "SELECT closed_day FROM stories WHERE id = ?", (first.stories[0].story_id,)
        ).fetchone()[0]
        assert [r["day"] for r in view_days(archive).rows] == ["2025-04-01", "2025-04-10"]
        counts = prune(archive, before="2025-04-05")
        assert counts["articles"] == 3 and counts["stories"] == 1
        assert [r["story_id"] for r in view_stories(archive).rows] == [later.stories[0].story_id]
        tables = {row["table"] for row in view_export(archive).rows}
        assert {"runs", "articles", "stories", "story_articles", "digests"} <= tables
        with pytest.raises(InputError, match="no story"):
            view_story(archive, "nothing")


def test_cli_daily_with_archive_writes_story_pages_and_archive_shows_them(tmp_path: Path, seeds_dir: Path) -> None:
    monday, tuesday = tmp_path / "monday", tmp_path / "tuesday"
    monday.mkdir(), tuesday.mkdir()
    for n, path in enumerate(sorted(seeds_dir.iterdir())):
        (monday if n < 3 else tuesday).joinpath(path.name).write_bytes(path.read_bytes())
    db = str(tmp_path / "news.db")
    assert run_cli("daily", str(monday), "--archive", db, "--date", "2025-04-20", "-q").returncode == 0
    page = tmp_path / "today.html"
    done = run_cli("daily", str(tuesday), "--archive", db, "--date", "2025-04-21", "-f", "html", "-o", str(page), "-q")
    assert done.returncode == 0, done.stderr
    html = page.read_text()
    assert "new since 20 April" in html and "<script" not in html
    (story_page,) = (tmp_path / "today_stories").iterdir()
    assert f'href="today_stories/{story_page.name}"' in html
    assert "20 April" in story_page.read_text() and "21 April" in story_page.read_text()
    shown = run_cli("archive", "stories", "--archive", db, "-f", "json")
    (story,) = json.loads(shown.stdout)["rows"]
    assert story["days"] == 2 and story["articles"] == 5
    timeline = run_cli("archive", "story", story["story_id"], "--archive", db)
    assert timeline.returncode == 0 and b"2025-04-21" in timeline.stdout
    again = run_cli("daily", str(tuesday), "--archive", db, "--date", "2025-04-22", "-q")
    assert again.returncode == 1 and b"no new article for 2025-04-22" in again.stderr


def test_cli_archive_errors_are_one_line(tmp_path: Path) -> None:
    missing = run_cli("archive", "days", "--archive", str(tmp_path / "none.db"))
    assert missing.returncode == 2 and b"no archive here yet" in missing.stderr and b"Traceback" not in missing.stderr
    junk = tmp_path / "junk.db"
    junk.write_text("not a database " * 200)
    bad = run_cli("archive", "days", "--archive", str(junk))
    assert bad.returncode == 1 and len(bad.stderr.strip().splitlines()) == 1 and b"junk.db" in bad.stderr
    Archive(tmp_path / "ok.db").close()
    no_date = run_cli("archive", "prune", "--archive", str(tmp_path / "ok.db"))
    assert no_date.returncode == 2 and b"--before" in no_date.stderr
