"""The archive: schema and migrations, one transaction per run, deduplication, prune, and stories that
continue across days (summarizer.archive, summarizer.stories.memory, summarizer archive)."""

from __future__ import annotations

import json
import shutil
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from summarizer.archive import (
    SCHEMA_VERSION,
    TABLES,
    Archive,
    ArchiveBusy,
    add_articles,
    prune,
    save_terms,
    view_days,
    view_export,
    view_stories,
    view_story,
)
from summarizer.documents import Document
from summarizer.errors import InputError
from summarizer.stories.memory import remembered_daily

from .conftest import UNRELATED, one_line_error, run_cli


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


def test_a_days_stored_terms_read_back_equal_with_one_string_per_distinct_word(tmp_path: Path) -> None:
    terms = [{"body": ["bridg", "reopen", "bridg"], "title": ["bridg"], "names": ["lee"], "date": None, "lead": []},
             {"body": ["bridg", "traffic"], "title": [], "names": ["lee", "2025"], "date": "2025-04-20",
              "lead": ["traffic"]}]  # fmt: skip
    with Archive(tmp_path / "news.db") as archive:
        with archive.run("2025-04-20", "test") as run:
            rows = add_articles(run, [Document(id=f"a{k}", text=f"Article number {k} on the bridge.") for k in (1, 2)])
            save_terms(run, list(zip(rows, terms)))
        read = [article.terms for article in archive.articles_of_day("2025-04-20")]
    assert read == terms
    words = [w for found in read for key in ("body", "title", "names", "lead") for w in found[key]]  # type: ignore[index]
    for word in set(words):  # each word one string, however many articles and channels hold it
        assert len({id(w) for w in words if w == word}) == 1


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
        # The second run of the day brought nothing new: its story shows the digest it had, and none is written.
        assert count(archive, "runs") == 3 and count(archive, "digests") == 2
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
        exported = view_export(archive).rows
        assert {"runs", "articles", "stories", "story_articles", "digests"} <= {row["table"] for row in exported}
        # Less the grouping's own (terms) and what a later run of a day reads back (stories.incremental, its
        # sentence analyses).
        kept = {"terms", "preparation", "prepared", "day_group", "strongest", "neighbours", "analyses"}
        columns = {row[1] for row in archive.db.execute("PRAGMA table_info(articles)")} - kept
        assert all(set(row) - {"table"} == columns for row in exported if row["table"] == "articles")
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
    learned = run_cli("daily", str(tuesday), "--archive", db, "--date", "2025-04-21", "--learned", "0.8",
                      "--learned-distance", "0.5", "--learn-from", "0", "-f", "json", "-q")  # fmt: skip
    result = json.loads(learned.stdout)
    assert result["stats"]["learned_from"] == 5  # the day's 2 and the archive's 3 from Monday
    assert (
        result["settings"]["grouping"] | {"learned": 0.8, "learned_distance": 0.5, "learn_from": 0}
        == result["settings"]["grouping"]
    )


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


# --------------------------------------------------------------------------
# A full disk, a damaged file, a read-only file, prune's confirmation, fetching outside the lock


def filled_archive(path: Path, seed_documents) -> None:
    with Archive(path) as archive:
        remembered_daily(archive, seed_documents[:3], day="2025-04-20")
        remembered_daily(archive, [*seed_documents[3:], UNRELATED], day="2025-04-21")


def test_a_full_disk_is_one_line_and_the_archive_stays_as_it_was(tmp_path: Path, seed_documents) -> None:
    path = tmp_path / "news.db"
    filled_archive(path, seed_documents[:3])
    before = path.read_bytes()
    with Archive(path) as archive:
        pages = archive.db.execute("PRAGMA page_count").fetchone()[0]
        archive.db.execute(f"PRAGMA max_page_count = {pages + 1}")  # SQLite's own "database or disk is full"
        big = Document(id="big", text=" ".join(f"Sentence number {n} about the harbor bridge." for n in range(5000)))
        with pytest.raises(InputError, match="the disk is full: nothing of this run was saved"):
            remembered_daily(archive, [big], day="2025-04-22")
        assert count(archive, "runs") == 2 and count(archive, "articles") == 4
    with Archive(path) as archive:
        assert archive.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert len(path.read_bytes()) == len(before)


@pytest.fixture
def small_disk(tmp_path: Path):
    """A 1 MB filesystem (tmpfs), where root may mount one; else the test is skipped."""
    import os
    import subprocess

    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0 or os.geteuid() != 0:
        pytest.skip("cannot mount a small tmpfs here (needs root)")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_cli_a_full_disk_exits_1_with_one_line(small_disk: Path, seeds_dir: Path, tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("\n\n".join(f"The harbor bridge story, paragraph {n}, told at length for the test. " * 20
                               for n in range(2000)))  # fmt: skip
    db = small_disk / "news.db"
    assert run_cli("daily", str(seeds_dir), "--archive", str(db), "--date", "2025-04-20", "-q").returncode == 0
    before = db.read_bytes()
    full = run_cli("daily", str(big), "--archive", str(db), "--date", "2025-04-21", "-q")
    assert full.returncode == 1, full.stderr
    assert "the disk is full: nothing of this run was saved" in one_line_error(full)
    days = run_cli("archive", "days", "--archive", str(db), "-f", "json")
    assert [r["day"] for r in json.loads(days.stdout)["rows"]] == ["2025-04-20"]
    assert db.read_bytes()[:100] == before[:100]


def damage(path: Path) -> None:
    """Overwrite a few pages in the middle of the file with garbage (as a failing disk would)."""
    data = bytearray(path.read_bytes())
    page = 4096
    for number in (3, 5, 8):
        if (number + 1) * page <= len(data):
            data[number * page + 8 : (number + 1) * page] = b"\xa5" * (page - 8)
    path.write_bytes(bytes(data))


def test_cli_a_damaged_archive_is_refused_checked_and_recovered(tmp_path: Path, seed_documents) -> None:
    db = tmp_path / "news.db"
    filled_archive(db, seed_documents)
    with sqlite3.connect(db) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    damage(db)
    broken = db.read_bytes()
    today = tmp_path / "today.txt"
    today.write_text("The harbor bridge reopened on Monday after two years of repairs.")
    for command in (["archive", "days"], ["archive", "export"], ["daily", str(today), "--date", "2025-04-22"]):
        result = run_cli(*command, "--archive", str(db), "-q")
        message = one_line_error(result)
        assert result.returncode == 1, (command, message)
        assert "the archive is damaged (SQLite:" in message and "summarizer archive recover --archive" in message
    assert db.read_bytes() == broken  # nothing the user gave is modified
    check = run_cli("archive", "check", "--archive", str(db))
    assert check.returncode == 1 and b"problem" in check.stdout
    recovered = run_cli("archive", "recover", "--archive", str(db), "-f", "json")
    assert recovered.returncode == 0, recovered.stderr
    view = json.loads(recovered.stdout)
    assert view["archive"].endswith("news.recovered.db") and sum(r["rows copied"] for r in view["rows"]) > 0
    assert view["notes"] and "could not be read (damaged pages)" in view["notes"][-1]  # what was lost is said
    good = run_cli("archive", "check", "--archive", str(tmp_path / "news.recovered.db"))
    assert good.returncode == 0 and b"no problem found" in good.stdout
    again = run_cli("archive", "recover", "--archive", str(db), "--into", str(tmp_path / "news.recovered.db"))
    assert again.returncode == 2 and b"exists already" in again.stderr  # recover never overwrites


@pytest.fixture
def read_only_folder(tmp_path: Path):
    """A folder no one may write: a read-only bind mount for root (who ignores permissions), else chmod 555."""
    import os
    import subprocess

    folder = tmp_path / "backup"
    folder.mkdir()
    yield folder
    if os.geteuid() == 0:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)
    folder.chmod(0o755)


def make_read_only(folder: Path) -> None:
    import os
    import subprocess

    if os.geteuid() != 0:
        folder.chmod(0o555)
        return
    for command in (["mount", "--bind", str(folder), str(folder)], ["mount", "-o", "remount,ro,bind", str(folder)]):
        if subprocess.run(command, capture_output=True).returncode != 0:
            pytest.skip("cannot make a read-only mount here")


def test_cli_a_read_only_archive_can_be_viewed(read_only_folder: Path, seed_documents) -> None:
    db = read_only_folder / "news.db"
    filled_archive(db, seed_documents)
    make_read_only(read_only_folder)
    with pytest.raises(OSError):
        (read_only_folder / "probe").write_text("x")  # it really is read-only
    for action in ("days", "stories", "export", "check"):
        result = run_cli("archive", action, "--archive", str(db), "-f", "json")
        assert result.returncode == 0, (action, result.stderr)
    days = json.loads(run_cli("archive", "days", "--archive", str(db), "-f", "json").stdout)["rows"]
    assert [r["day"] for r in days] == ["2025-04-20", "2025-04-21"]
    written = run_cli("daily", "--archive", str(db), "--date", "2025-04-22", "-q", stdin=b"A new article.")
    assert written.returncode == 1 and "read-only" in one_line_error(written)


def test_cli_prune_asks_first_and_a_dry_run_deletes_nothing(tmp_path: Path, seed_documents) -> None:
    db = tmp_path / "news.db"
    filled_archive(db, seed_documents)
    asked = run_cli("archive", "prune", "--before", "2099-01-01", "--archive", str(db))
    assert asked.returncode == 2
    assert "archive prune would delete" in one_line_error(asked) and "add --yes to delete them" in asked.stderr.decode()
    dry = run_cli("archive", "prune", "--before", "2099-01-01", "--dry-run", "--archive", str(db))
    assert dry.returncode == 0 and dry.stdout.startswith(b"would delete (dry run, nothing deleted) ")
    assert b"6 articles" in dry.stdout
    days = lambda: json.loads(run_cli("archive", "days", "--archive", str(db), "-f", "json").stdout)["rows"]  # noqa: E731
    assert len(days()) == 2
    done = run_cli("archive", "prune", "--before", "2025-04-21", "--yes", "--archive", str(db))
    assert done.returncode == 0 and done.stdout.startswith(b"deleted 1 digest, ") and b"3 articles" in done.stdout
    assert [d["day"] for d in days()] == ["2025-04-21"]


def test_files_already_archived_on_an_earlier_day_get_a_note(tmp_path: Path, seed_documents) -> None:
    with Archive(tmp_path / "news.db") as archive:
        remembered_daily(archive, seed_documents[:3], day="2025-04-20")
        later = remembered_daily(archive, [*seed_documents[1:4]], day="2025-04-21")
    assert any("2 of the articles given were archived on an earlier day (2025-04-20)" in n for n in later.notes)
    assert {d for s in later.stories for d in s.documents} == {seed_documents[3].id}


def test_with_a_date_articles_dated_another_day_are_not_archived_under_it(tmp_path: Path, seed_documents) -> None:
    """A file of several days' news given with --date D: its other days' articles were archived as news of D."""
    dated = [replace(d, date="2025-04-20T09:00:00Z") for d in seed_documents[:3]]
    older = replace(UNRELATED, date="2025-04-19T23:00:00+02:00")
    with Archive(tmp_path / "news.db") as archive:
        result = remembered_daily(archive, [*dated, older, seed_documents[3]], day="2025-04-20", date="2025-04-20")
        assert count(archive, "articles") == 4  # the three of the day and the undated one
    assert {d for s in result.stories for d in s.documents} == {d.id for d in [*dated, seed_documents[3]]}
    assert "1 article given dated another day than 2025-04-20 left out (not archived)" in result.notes


def test_learned_grouping_learns_from_the_archive_and_passes_over_damaged_terms(tmp_path: Path, seed_documents) -> None:
    from summarizer.stories.options import GroupingOptions

    learned = GroupingOptions(learned=0.8, learn_from=0)
    with Archive(tmp_path / "news.db") as archive:
        words_only = remembered_daily(archive, seed_documents[:3], day="2025-04-20")
        assert words_only.stats["learned_from"] == 0  # the default: words only, nothing read from the archive
        assert archive.recent_terms("2025-04-20", limit=10) == []  # nothing before the first day
        assert len(archive.recent_terms("2025-04-21", limit=10)) == 3
        tuesday = remembered_daily(archive, seed_documents[3:], day="2025-04-21", grouping=learned)
        assert tuesday.stats["learned_from"] == len(seed_documents)  # the day's 2 and the archive's 3
        # A damaged row is passed over, never trusted: the run goes on without it.
        archive.db.execute("UPDATE articles SET terms = '{\"body\": [1, 2' WHERE day = '2025-04-20' AND id = "
                           "(SELECT MIN(id) FROM articles)")  # fmt: skip
        archive.db.execute("UPDATE articles SET terms = '{\"body\": [[\"x\"]], \"title\": [], \"names\": []}' "
                           "WHERE id = (SELECT MAX(id) FROM articles WHERE day = '2025-04-20')")  # fmt: skip
        archive.db.commit()
        assert len(archive.recent_terms("2025-04-21", limit=10)) == 1
        again = remembered_daily(archive, seed_documents[3:], day="2025-04-21", grouping=learned)
        assert again.stats["learned_from"] == len(seed_documents) - 2
        assert len(archive.recent_terms("2025-04-22", limit=4)) == 3  # the newest first, up to the limit


def test_cli_prune_refuses_dry_run_with_yes_and_deletes_nothing(tmp_path: Path, seed_documents) -> None:
    db = tmp_path / "news.db"
    filled_archive(db, seed_documents)
    with Archive(db) as archive:
        before = {table: count(archive, table) for table in TABLES}
    both = run_cli("archive", "prune", "--before", "2099-01-01", "--dry-run", "--yes", "--archive", str(db))
    assert both.returncode == 2 and "--dry-run and --yes contradict each other" in one_line_error(both)
    with Archive(db) as archive:
        assert {table: count(archive, table) for table in TABLES} == before and before["articles"] == 6


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (("days", "--yes"), "archive days takes no --yes (only archive prune does)"),
        (("export", "--before", "2025-01-01"), "archive export takes no --before (only archive prune does)"),
        (("check", "--dry-run"), "archive check takes no --dry-run (only archive prune does)"),
        (("days", "--into", "copy.db"), "archive days takes no --into (only archive recover does)"),
        (("days", "--day", "2025-04-21"), "archive days takes no --day (only archive stories does)"),
        (
            ("prune", "s1", "--before", "2099-01-01", "--yes"),
            "archive prune takes no story ID (only archive story does)",
        ),
    ],
    ids=["days-yes", "export-before", "check-dry-run", "days-into", "days-day", "prune-id"],
)
def test_cli_an_option_the_action_does_not_read_is_refused(tmp_path: Path, seed_documents, arguments, message) -> None:
    db = tmp_path / "news.db"
    filled_archive(db, seed_documents)
    with Archive(db) as archive:
        before = {table: count(archive, table) for table in TABLES}
    result = run_cli("archive", *arguments, "--archive", str(db))
    assert result.returncode == 2 and message in one_line_error(result)
    assert not (tmp_path / "copy.db").exists()
    with Archive(db) as archive:
        assert {table: count(archive, table) for table in TABLES} == before


@pytest.mark.parametrize(
    ("content", "why"),
    [
        (lambda real: b"Remember to buy milk.\n" * 50, "not an SQLite database"),
        (lambda real: b"", "the file is empty"),
        (lambda real: real[:1000], "the file is truncated: 1,000 of "),
        (lambda real: real[:100], "the file is truncated: 100 of "),  # the header alone
        (lambda real: real[:4096], "the file is truncated: 4,096 of "),  # the list of tables, and no table
    ],
    ids=["text", "empty", "truncated", "header-only", "first-page"],
)
def test_cli_recover_from_a_file_with_nothing_readable_is_one_line_and_writes_nothing(
    tmp_path: Path, seed_documents, content, why: str
) -> None:
    real = tmp_path / "real.db"
    filled_archive(real, seed_documents)
    source = tmp_path / "broken" / "news.db"
    source.parent.mkdir()
    source.write_bytes(content(real.read_bytes()))
    result = run_cli("archive", "recover", "--archive", str(source))
    message = one_line_error(result)
    assert result.returncode == 1, message
    assert f"{source}: nothing could be read from it (" in message and why in message
    assert sorted(p.name for p in source.parent.iterdir()) == ["news.db"]  # no recovered file, no partial one


def test_cli_recover_from_an_empty_but_sound_archive_gives_an_empty_archive(tmp_path: Path) -> None:
    Archive(tmp_path / "empty.db").close()
    result = run_cli("archive", "recover", "--archive", str(tmp_path / "empty.db"), "-f", "json")
    assert result.returncode == 0, result.stderr
    assert sum(row["rows copied"] for row in json.loads(result.stdout)["rows"]) == 0
    assert run_cli("archive", "check", "--archive", str(tmp_path / "empty.recovered.db")).returncode == 0


def test_cli_recover_replays_what_a_crash_left_in_the_write_ahead_log(tmp_path: Path, seed_documents) -> None:
    real = tmp_path / "real.db"
    filled_archive(real, seed_documents)
    writer = sqlite3.connect(real)
    try:
        writer.execute("PRAGMA wal_autocheckpoint = 0")  # what was committed stays in the log, as after a crash
        writer.execute("INSERT INTO runs (day, started, command) VALUES ('2031-01-01', '2031-01-01T06:30', 'daily')")
        writer.commit()
        crashed = tmp_path / "crashed"
        crashed.mkdir()
        for suffix in ("", "-wal"):  # the files as a crash leaves them, the log not yet copied into the database
            shutil.copyfile(f"{real}{suffix}", crashed / f"news.db{suffix}")
    finally:
        writer.close()
    log = (crashed / "news.db-wal").read_bytes()
    result = run_cli("archive", "recover", "--archive", str(crashed / "news.db"), "-f", "json")
    assert result.returncode == 0, result.stderr
    recovered = sqlite3.connect(crashed / "news.recovered.db")
    assert recovered.execute("SELECT COUNT(*) FROM runs WHERE day = '2031-01-01'").fetchone() == (1,)
    recovered.close()
    assert (crashed / "news.db-wal").read_bytes() == log  # the source and its log as they were
    assert sorted(p.name for p in crashed.iterdir()) == ["news.db", "news.db-wal", "news.recovered.db"]


def test_cli_recover_from_a_truncated_archive_copies_the_rows_it_still_holds(tmp_path: Path, seed_documents) -> None:
    real = tmp_path / "real.db"
    filled_archive(real, seed_documents)
    source = tmp_path / "news.db"
    source.write_bytes(real.read_bytes()[:-4096])  # the last page lost (SQLite refuses such a file as it is)
    result = run_cli("archive", "recover", "--archive", str(source), "-f", "json")
    assert result.returncode == 0, result.stderr
    view = json.loads(result.stdout)
    copied = {row["table"]: row["rows copied"] for row in view["rows"]}
    assert copied["articles"] > 0 and copied["digests"] > 0
    # It exits 0 (the copy was written) and still says what was lost.
    assert [n for n in view["notes"] if n.startswith("the file is truncated:") and "missing pages are lost" in n]
    text = run_cli("archive", "recover", "--archive", str(source), "--into", str(tmp_path / "again.db"))
    assert b"note: the file is truncated:" in text.stdout
    assert run_cli("archive", "check", "--archive", str(tmp_path / "news.recovered.db")).returncode == 0
    assert not [p.name for p in tmp_path.iterdir() if "partial" in p.name]
