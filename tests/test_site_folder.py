"""The site's folder is its own (summarizer/delivery/site_folder.py): a file the site did not write is never replaced, no
link is followed, neither the archive nor the output is ever inside it; `summarizer site` says one line, and
nothing with -q."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest

from summarizer import OutputError
from summarizer.delivery.output import write_beneath
from summarizer.delivery.site_folder import MANIFEST, SiteFolder, content_hash

from .conftest import ROOT, one_line_error, run_cli

DAY, NEXT_DAY = "2025-04-21", "2025-04-22"
SEEDS = str(ROOT / "seeds")
NEVER = "summarizer never replaces a file it did not write"


def daily(tmp_path: Path, *extra: str, day: str = DAY, inputs: str = SEEDS) -> object:
    return run_cli("daily", inputs, "--date", day, "-q", *extra, cwd=tmp_path)


def make_site(tmp_path: Path, name: str = "site") -> Path:
    """A site of one day of the seeds: tmp_path/news.db and tmp_path/name."""
    result = daily(tmp_path, "--archive", str(tmp_path / "news.db"), "--site", str(tmp_path / name), "-o", os.devnull)
    assert result.returncode == 0, result.stderr
    return tmp_path / name


def files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def site(folder: Path, archive: Path, *extra: str) -> object:
    return run_cli("site", str(folder), "--archive", str(archive), *extra)


# -- a file the site did not write is never replaced ------------------------------------------------------------


def test_the_users_own_pages_are_never_replaced_and_nothing_is_done(tmp_path: Path) -> None:
    folder = tmp_path / "mine"
    (folder / "days").mkdir(parents=True)
    (folder / "index.html").write_text("<p>my own index</p>")
    (folder / "feed.atom").write_text("my own feed")
    (folder / "days" / f"{DAY}.html").write_text("<p>my diary</p>")
    before = files(folder)
    result = daily(tmp_path, "--archive", str(tmp_path / "news.db"), "--site", str(folder))
    assert result.returncode == 2
    assert (
        f"{folder / 'index.html'}: is not a page of the site" in one_line_error(result)
        and NEVER in result.stderr.decode()
    )
    assert files(folder) == before and not (tmp_path / "news.db").exists()  # refused before any work
    # summarizer site, with an archive made elsewhere: the same.
    make_site(tmp_path, "elsewhere")
    result = site(folder, tmp_path / "news.db")
    assert result.returncode == 2 and f"{folder / 'index.html'}: is not a page of the site" in one_line_error(result)
    assert files(folder) == before


def test_a_page_edited_since_the_site_wrote_it_is_never_replaced(tmp_path: Path) -> None:
    folder = make_site(tmp_path)
    page = folder / "days" / f"{DAY}.html"
    page.write_text(page.read_text().replace("Daily digest", "My notes on the digest"))
    edited = files(folder)
    result = site(folder, tmp_path / "news.db")
    assert result.returncode == 2
    assert f"{page}: has changed since the site wrote it; {NEVER}" in one_line_error(result)
    assert files(folder) == edited
    page.unlink()  # moved away: the site writes its page again
    assert site(folder, tmp_path / "news.db").returncode == 0 and "Daily digest" in page.read_text()


def test_a_file_at_a_site_name_that_the_record_does_not_list_is_refused(tmp_path: Path) -> None:
    folder = make_site(tmp_path)
    stray = folder / "stories" / "2020-01-01-0123abcd.html"
    stray.write_text("<p>mine</p>")
    result = site(folder, tmp_path / "news.db")
    assert result.returncode == 2 and f"{stray}: was not written by the site; {NEVER}" in one_line_error(result)
    assert stray.read_text() == "<p>mine</p>"
    (folder / "stories" / "notes.html").write_text("mine")  # not a name the site gives a page: never looked at
    stray.unlink()
    assert site(folder, tmp_path / "news.db").returncode == 0


def test_the_record_lists_every_page_with_its_hash_and_an_unchanged_site_writes_nothing(tmp_path: Path) -> None:
    folder = make_site(tmp_path)
    (folder / "about.html").write_text("<p>my own page</p>")
    record = json.loads((folder / MANIFEST).read_text())
    pages = {name: data for name, data in files(folder).items() if name not in (MANIFEST, "about.html")}
    assert record["generator"] == "summarizer"
    assert record["pages"] == {name: [content_hash(data)] for name, data in pages.items()}
    before = {p: p.stat().st_mtime_ns for p in folder.rglob("*")}
    result = site(folder, tmp_path / "news.db", "-f", "json")
    assert result.returncode == 0 and json.loads(result.stdout)["written"] == []
    assert {p: p.stat().st_mtime_ns for p in folder.rglob("*")} == before
    assert (folder / "about.html").read_text() == "<p>my own page</p>"


def test_a_site_made_before_the_record_is_taken_over_page_by_page(tmp_path: Path) -> None:
    folder = make_site(tmp_path)
    (folder / MANIFEST).unlink()
    for page in folder.rglob("*.html"):  # as the version before the record wrote them
        page.write_text(page.read_text().replace('<meta name="generator" content="summarizer">\n', ""))
    mine = folder / "days" / "2020-01-01.html"
    mine.write_text("<!DOCTYPE html><p>a page of mine at a name the site uses</p>")
    result = site(folder, tmp_path / "news.db")
    assert (
        result.returncode == 2
        and f"{mine}: is not a page of the site (the folder has no {MANIFEST})" in one_line_error(result)
    )
    mine.unlink()
    result = site(folder, tmp_path / "news.db", "-f", "json")
    assert result.returncode == 0, result.stderr
    record = json.loads((folder / MANIFEST).read_text())
    assert set(record["pages"]) == {n for n in files(folder) if n != MANIFEST}


def test_an_interrupted_update_leaves_a_site_that_is_still_its_own(tmp_path: Path, monkeypatch) -> None:
    import summarizer.delivery.site_folder as module

    folder = tmp_path / "site"
    SiteFolder(folder).update([("days.html", "one"), ("index.html", "one")])
    written: list[str] = []

    def write_one_then_stop(root: str, name: str, data: bytes, *, shown: str | None = None) -> None:
        if name != MANIFEST and any(n != MANIFEST for n in written):  # one page written, then Ctrl-C
            raise KeyboardInterrupt
        write_beneath(root, name, data, shown=shown)
        written.append(name)

    monkeypatch.setattr(module, "write_beneath", write_one_then_stop)
    with pytest.raises(KeyboardInterrupt):
        SiteFolder(folder).update([("days.html", "two"), ("index.html", "two")])
    monkeypatch.undo()
    assert (folder / "days.html").read_text() == "two" and (folder / "index.html").read_text() == "one"
    assert SiteFolder(folder).update([("days.html", "two"), ("index.html", "two")]) == (["index.html"], ["days.html"])


# -- the archive and the output are never inside the site's folder -----------------------------------------------


def test_the_archive_is_never_inside_the_site_folder(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    result = daily(tmp_path, "--archive", str(folder / "news.db"), "--site", str(folder))
    assert result.returncode == 2 and f"{folder / 'news.db'}: is inside the site folder {folder}" in one_line_error(
        result
    )
    assert not folder.exists()
    # The default archive ($XDG_DATA_HOME/summarizer/archive.db) inside the site's folder: the same.
    result = run_cli("daily", SEEDS, "--date", DAY, "--site", str(tmp_path), env={"XDG_DATA_HOME": str(tmp_path / "data"),
                     "SUMMARIZER_ARCHIVE": ""})  # fmt: skip
    assert result.returncode == 2
    assert f"{tmp_path / 'data' / 'summarizer' / 'archive.db'}: is inside the site folder" in one_line_error(result)
    assert not (tmp_path / "data").exists()
    make_site(tmp_path, "built")
    (tmp_path / "news.db").rename(tmp_path / "built" / "news.db")
    result = site(tmp_path / "built", tmp_path / "built" / "news.db")
    assert result.returncode == 2 and "is inside the site folder" in one_line_error(result)


@pytest.mark.parametrize("output", ["index.html", "feed.atom", "days.html", "notes/today.json"])
def test_the_output_is_never_inside_the_site_folder(tmp_path: Path, output: str) -> None:
    folder = make_site(tmp_path)
    (folder / "notes").mkdir()
    before = files(folder)
    target = folder / output
    result = daily(tmp_path, "--archive", str(tmp_path / "other.db"), "--site", str(folder), "-o", str(target),
                   day=NEXT_DAY)  # fmt: skip
    assert result.returncode == 2 and f"{target}: is inside the site folder {folder}" in one_line_error(result)
    assert not (tmp_path / "other.db").exists()  # before any work
    result = site(folder, tmp_path / "news.db", "-o", str(target))
    assert result.returncode == 2 and f"{target}: is inside the site folder {folder}" in one_line_error(result)
    assert files(folder) == before


# -- links are refused, never followed ---------------------------------------------------------------------------


@pytest.mark.parametrize("page", ["index.html", "feed.atom", f"days/{DAY}.html"])
def test_a_page_that_is_a_link_is_refused_and_its_target_untouched(tmp_path: Path, page: str) -> None:
    folder = make_site(tmp_path)
    outside = tmp_path / "outside.txt"
    outside.write_text("not the site's")
    (folder / page).unlink()
    (folder / page).symlink_to(outside)
    result = site(folder, tmp_path / "news.db")
    assert result.returncode == 2 and f"{folder / page}: is a symbolic link" in one_line_error(result)
    assert outside.read_text() == "not the site's" and (folder / page).is_symlink()
    result = daily(tmp_path, "--archive", str(tmp_path / "news.db"), "--site", str(folder), day=NEXT_DAY)
    assert result.returncode == 2 and f"{folder / page}: is a symbolic link" in one_line_error(result)
    assert outside.read_text() == "not the site's"


def test_a_dangling_link_at_a_day_page_creates_nothing_at_its_target(tmp_path: Path) -> None:
    folder = tmp_path / "site"
    (folder / "days").mkdir(parents=True)
    target = tmp_path / "elsewhere" / "planted.html"
    target.parent.mkdir()
    (folder / "days" / f"{DAY}.html").symlink_to(target)  # an absolute link to a file that does not exist
    result = daily(tmp_path, "--archive", str(tmp_path / "news.db"), "--site", str(folder))
    assert result.returncode == 2 and "is a symbolic link" in one_line_error(result)
    assert not target.exists()


@pytest.mark.parametrize("subfolder", ["stories", "days"])
def test_a_subfolder_that_is_a_link_is_refused(tmp_path: Path, subfolder: str) -> None:
    folder = tmp_path / "site"
    folder.mkdir()
    outside = tmp_path / "outside"
    outside.mkdir()
    (folder / subfolder).symlink_to(outside)
    result = daily(tmp_path, "--archive", str(tmp_path / "news.db"), "--site", str(folder))
    assert result.returncode == 2 and f"{folder / subfolder}: is a symbolic link" in one_line_error(result)
    assert list(outside.iterdir()) == []


def test_the_site_folder_itself_may_be_a_link(tmp_path: Path) -> None:
    (tmp_path / "real").mkdir()
    (tmp_path / "public").symlink_to(tmp_path / "real")
    make_site(tmp_path, "public")
    assert (tmp_path / "real" / "index.html").is_file() and (tmp_path / "public").is_symlink()


def test_write_beneath_never_writes_through_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "page.html").write_text("theirs")
    root = tmp_path / "root"
    root.mkdir()
    (root / "linked").symlink_to(outside)
    (root / "page.html").symlink_to(outside / "page.html")
    for name in ("linked/page.html", "page.html", "linked/new/page.html"):
        with pytest.raises(OutputError, match="symbolic link"):
            write_beneath(str(root), name, b"mine")
    assert files(outside) == {"page.html": b"theirs"} and sorted(os.listdir(root)) == ["linked", "page.html"]
    with pytest.raises(OutputError, match="not a file name"):
        write_beneath(str(root), "../escape.html", b"mine")
    write_beneath(str(root), "deep/er/page.html", b"mine")  # folders are made; no temporary file is left
    assert files(root / "deep") == {"er/page.html": b"mine"}


def test_the_story_pages_next_to_a_daily_page_are_never_written_through_a_link(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (tmp_path / "today_stories").symlink_to(outside)
    result = daily(tmp_path, "--archive", str(tmp_path / "news.db"), "-f", "html", "-o", str(tmp_path / "today.html"))
    assert result.returncode == 2 and f"{tmp_path / 'today_stories'}: is a symbolic link" in one_line_error(result)
    assert list(outside.iterdir()) == [] and not (tmp_path / "news.db").exists()
    (tmp_path / "today_stories").unlink()
    (tmp_path / "today_stories").mkdir()
    (tmp_path / "today_stories" / "x.html").symlink_to(outside / "x.html")
    result = daily(tmp_path, "--archive", str(tmp_path / "news.db"), "-f", "html", "-o", str(tmp_path / "today.html"))
    assert result.returncode == 2 and "x.html: is a symbolic link" in one_line_error(result)
    assert list(outside.iterdir()) == []


def test_two_days_write_their_story_pages_into_the_real_folder(tmp_path: Path) -> None:
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    for day, some in ((DAY, seeds[:3]), (NEXT_DAY, seeds[3:])):  # one story, told over two days
        (tmp_path / day).mkdir()
        for seed in some:
            (tmp_path / day / seed.name).write_bytes(seed.read_bytes())
        out = tmp_path / "today.html"
        result = daily(tmp_path, "--archive", str(tmp_path / "news.db"), "-f", "html", "-o", str(out), day=day,
                       inputs=str(tmp_path / day))  # fmt: skip
        assert result.returncode == 0, result.stderr
    pages = list((tmp_path / "today_stories").iterdir())
    assert pages and all(p.is_file() and not p.is_symlink() for p in pages)
    assert not [p for p in (tmp_path / "today_stories").iterdir() if p.name.endswith(".tmp")]


# -- what `summarizer site` says ---------------------------------------------------------------------------------


def test_a_page_that_is_a_directory_is_named_as_the_page(tmp_path: Path) -> None:
    folder = make_site(tmp_path)
    (folder / "feed.atom").unlink()
    (folder / "feed.atom").mkdir()
    result = site(folder, tmp_path / "news.db")
    error = one_line_error(result)
    assert result.returncode == 2 and f"{folder / 'feed.atom'}: is a directory" in error and ".tmp" not in error


def test_site_says_one_line_and_nothing_with_quiet(tmp_path: Path) -> None:
    folder = make_site(tmp_path)
    for page in [folder / "index.html", *folder.glob("days/*.html"), *folder.glob("stories/*.html")]:
        page.unlink()
    result = site(folder, tmp_path / "news.db", "-q")
    assert (result.returncode, result.stdout, result.stderr) == (0, b"", b"")
    for page in [folder / "index.html", *folder.glob("days/*.html"), *folder.glob("stories/*.html")]:
        page.unlink()
    (folder / "days.html").write_text("edited")  # the record says it is the site's: refused, then given back
    result = site(folder, tmp_path / "news.db")
    assert result.returncode == 2
    (folder / "days.html").unlink()
    result = site(folder, tmp_path / "news.db")
    lines = result.stdout.decode().splitlines()
    assert result.returncode == 0 and len(lines) == 1, lines
    assert re.fullmatch(rf"{re.escape(str(folder))}: 1 day, 1 story; 4 pages written \(stories/\S+\.html, days/{DAY}"
                        r"\.html, days\.html and 1 more\), 1 unchanged", lines[0]), lines[0]  # fmt: skip
