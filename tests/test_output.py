"""Where results are written: regular files atomically, links followed, devices written into, inputs refused."""

import os
import stat

import pytest

from summarizer import OutputError
from summarizer.delivery.output import check_output, write_text

from .conftest import one_line_error, run_cli


def test_regular_file_is_replaced_whole_and_keeps_its_permissions(tmp_path):
    target = tmp_path / "digest.txt"
    target.write_text("old")
    target.chmod(0o600)
    write_text(target, "new")
    assert target.read_text() == "new" and stat.S_IMODE(target.stat().st_mode) == 0o600
    assert os.listdir(tmp_path) == ["digest.txt"]


def test_a_symlink_is_followed_and_kept(tmp_path):
    real = tmp_path / "real.txt"
    real.write_text("old")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text(link, "new")
    assert link.is_symlink() and real.read_text() == "new"


def test_a_fifo_is_written_into_not_replaced(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)
    try:
        write_text(fifo, "through the pipe")
        assert os.read(reader, 100) == b"through the pipe"
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_dev_null_survives_as_a_device(seeds_dir):
    before = os.stat("/dev/null")
    result = run_cli("digest", str(seeds_dir), "-o", "/dev/null", "--sentences", "1")
    assert result.returncode == 0, result.stderr
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def test_dash_is_standard_output(seeds_dir, tmp_path):
    result = run_cli("digest", str(seeds_dir), "-o", "-", "--sentences", "1", "--no-sources", cwd=tmp_path)
    assert result.returncode == 0 and len(result.stdout.decode().splitlines()) == 1
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize(
    "make, problem",
    [
        (lambda d: d / "missing" / "out.txt", "does not exist"),
        (lambda d: d, "is a directory"),
    ],
)
def test_bad_output_paths_fail_before_any_work(tmp_path, seeds_dir, make, problem):
    target = make(tmp_path)
    result = run_cli("digest", str(seeds_dir), "-o", str(target))
    assert result.returncode == 2 and problem in one_line_error(result)


def test_unwritable_directory(tmp_path):
    if os.geteuid() == 0:
        pytest.skip("root may write anywhere")
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    with pytest.raises(OutputError, match="permission denied"):
        check_output(str(locked / "out.txt"))


def test_an_input_is_never_overwritten(tmp_path, seeds_dir):
    article = tmp_path / "article.txt"
    original = (seeds_dir / "000_b8d4d1304aba4b28.txt").read_bytes()
    article.write_bytes(original)
    for target in (article, tmp_path / "." / "article.txt"):
        result = run_cli("digest", str(tmp_path), "-o", str(target))
        assert result.returncode == 2 and "is one of the input files" in one_line_error(result)
    assert article.read_bytes() == original


def test_lengths_plot_path_is_checked_before_the_sweep(seeds_dir, tmp_path):
    result = run_cli("lengths", str(seeds_dir), "--lengths", "50", "--plot", str(tmp_path / "no" / "plot.png"))
    assert result.returncode == 2 and "does not exist" in one_line_error(result)


def test_a_full_disk_is_one_line_and_a_closed_pipe_is_quiet(seeds_dir, tmp_path):
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    with open("/dev/full", "w") as full:
        import subprocess
        import sys

        result = subprocess.run([sys.executable, "-m", "summarizer.cli", "digest", str(seeds_dir)], stdout=full,
                                stderr=subprocess.PIPE, timeout=120)  # fmt: skip
    assert result.returncode != 0 and b"Traceback" not in result.stderr and result.stderr.count(b"\n") == 1
    import subprocess
    import sys

    for number in range(40):  # output well past a pipe's buffer
        for path in seeds_dir.iterdir():
            (tmp_path / f"{number}-{path.name}").write_bytes(path.read_bytes())
    digest = subprocess.Popen([sys.executable, "-m", "summarizer.cli", "extract", str(tmp_path)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    assert digest.stdout is not None
    digest.stdout.read(10)
    digest.stdout.close()  # like `| head -c 10`
    _, error = digest.communicate(timeout=120)
    assert error == b""


# --------------------------------------------------------------------------
# Every path a run writes, against every path it reads or writes, before any work


def test_daily_never_writes_its_output_over_the_archive(seeds_dir, tmp_path):
    db = tmp_path / "news.db"
    assert run_cli("daily", str(seeds_dir), "--archive", str(db), "--date", "2025-04-20", "-q").returncode == 0
    before = db.read_bytes()
    result = run_cli("daily", str(seeds_dir), "--archive", str(db), "--date", "2025-04-21", "-o", str(db))
    assert result.returncode == 2
    assert f"{db}: is also the archive; choose another output" in one_line_error(result)
    assert db.read_bytes() == before


def test_the_feed_list_the_inputs_and_the_story_folder_are_protected_too(seeds_dir, tmp_path):
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/feed.xml\n")
    db = tmp_path / "news.db"
    cases = {
        "is also the feed list; choose another output": ["--feeds", str(feeds), "--archive", str(db), "-o", str(feeds)],
        "is also the feed list; choose another archive": ["--feeds", str(feeds), "--archive", str(feeds)],
        "is one of the input files; choose another archive": [str(seeds_dir), "--archive", str(next(seeds_dir.iterdir()))],
    }  # fmt: skip
    for expected, arguments in cases.items():
        result = run_cli("daily", *arguments, "-q")
        assert result.returncode == 2 and expected in one_line_error(result), arguments
    assert feeds.read_text() == "https://example.org/feed.xml\n" and not db.exists()
    page = tmp_path / "today.html"
    (tmp_path / "today_stories").write_text("a file where the story folder would go")
    result = run_cli("daily", str(seeds_dir), "--archive", str(db), "-f", "html", "-o", str(page))
    assert result.returncode == 2 and "today_stories: exists and is not a directory" in one_line_error(result)
    assert not db.exists() and not page.exists()  # checked before the run, not after it committed
    inputs = tmp_path / "today2_stories"
    inputs.mkdir()
    (inputs / "a.txt").write_text(next(seeds_dir.iterdir()).read_text())
    result = run_cli("daily", str(inputs), "--archive", str(db), "-f", "html", "-o", str(tmp_path / "today2.html"))
    assert (
        result.returncode == 2
        and "holds input files (a.txt); choose another story pages folder" in result.stderr.decode()
    )


def test_archive_commands_never_write_over_the_archive(seeds_dir, tmp_path):
    db = tmp_path / "news.db"
    assert run_cli("daily", str(seeds_dir), "--archive", str(db), "--date", "2025-04-20", "-q").returncode == 0
    before = db.read_bytes()
    for action in (["export"], ["days"], ["recover", "--into", str(tmp_path / "copy.db")]):
        result = run_cli("archive", *action, "--archive", str(db), "-o", str(db))
        assert result.returncode == 2 and "is also the archive; choose another output" in one_line_error(result)
    result = run_cli("archive", "recover", "--archive", str(db), "--into", str(db))
    assert result.returncode == 2 and "is also the archive; choose another recovered archive" in result.stderr.decode()
    assert db.read_bytes() == before
