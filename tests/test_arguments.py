"""Every option value is checked once, where it is parsed, with the same rule wherever the option appears, and a
bad one is one line naming the option as typed, exit 2, before any work (summarizer/cli/arguments.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest

from summarizer.cli.arguments import count, day, fraction, seconds

from .conftest import one_line_error, run_cli


@pytest.mark.parametrize(
    ("command", "option", "value", "expected"),
    [
        ("fetch", "--timeout", "0", "argument --timeout: must be a number of seconds above 0 and at most 600, not '0'"),
        ("fetch", "--timeout", "nan", "argument --timeout: must be a number of seconds above 0"),
        ("daily", "--timeout", "inf", "argument --timeout: must be a number of seconds above 0"),
        ("daily", "--delay", "nan", "argument --delay: must be a number of seconds at least 0 and at most 3600"),
        ("fetch", "--delay", "-1", "argument --delay: must be a number of seconds at least 0"),
        ("daily", "--date", "0001-01-01", "argument --date: must be a day as YYYY-MM-DD between 1900-01-01"),
        ("daily", "--date", "2025-13-01", "argument --date: must be a day as YYYY-MM-DD"),
        ("fetch", "--date", "20250421", "argument --date: must be a day as YYYY-MM-DD"),
        ("digest", "--jobs", "0", "argument --jobs/-j: must be a whole number of at least 1, not '0'"),
        ("daily", "--jobs", "-3", "argument --jobs/-j: must be a whole number of at least 1, not '-3'"),
        ("compare", "--jobs", "0", "argument --jobs/-j: must be a whole number of at least 1, not '0'"),
        (
            "daily",
            "--close-after",
            "0",
            "argument --close-after: must be a whole number of at least 1 and at most 3650",
        ),
        ("digest", "--ratio", "0", "argument --ratio/-r: must be a number in (0, 1], not '0'"),
        ("digest", "--redundancy", "nan", "argument --redundancy: must be a number in [0, 1], not 'nan'"),
        ("daily", "--distance", "1.5", "argument --distance: must be a number in [0, 1], not '1.5'"),
        ("daily", "--learned-distance", "-0.1", "argument --learned-distance: must be a number in [0, 1], not '-0.1'"),
        ("daily", "--learn-from", "-5", "argument --learn-from: must be a whole number of at least 0, not '-5'"),
        ("eval", "--confidence", "100", "argument --confidence: must be a number in (0, 100), not '100'"),
        ("digest", "--bytes", "3", "argument --bytes/-b: must be a whole number of at least 4, not '3'"),
    ],
)
def test_a_bad_value_is_one_line_naming_the_option(command, option, value, expected, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    feeds.write_text("https://example.org/feed.xml\n")
    positional = {"fetch": [str(feeds)], "compare": [str(tmp_path)], "eval": ["--pairs", str(feeds)]}
    result = run_cli(command, *positional.get(command, []), f"{option}={value}", "--archive" if command == "fetch"
                     else "--quiet", *([str(tmp_path / "news.db")] if command == "fetch" else []))  # fmt: skip
    assert result.returncode == 2
    assert expected in one_line_error(result)
    assert not (tmp_path / "news.db").exists()  # refused before any work


def test_the_same_option_has_the_same_rule_everywhere() -> None:
    with pytest.raises(argparse.ArgumentTypeError):
        count()("0")
    assert count()("3") == 3 and count(0)("0") == 0
    for text in ("0", "-1", "nan", "inf", "1e9"):
        with pytest.raises(argparse.ArgumentTypeError):
            seconds(above=0, at_most=600)(text)
    assert seconds(above=0, at_most=600)("2.5") == 2.5
    assert fraction(0, 1)("0") == 0.0 and fraction(0, 1)("1") == 1.0
    with pytest.raises(argparse.ArgumentTypeError):
        fraction(0, 1, low_inclusive=False)("0")
    assert day("2025-04-21") == "2025-04-21"
    for text in ("0001-01-01", "2025-4-21", "2025-04-31", "tomorrow"):
        with pytest.raises(argparse.ArgumentTypeError):
            day(text)


@pytest.mark.parametrize("kind", ["missing", "directory", "binary", "not a URL"])
def test_a_feed_list_that_cannot_be_used_exits_2(kind: str, tmp_path: Path) -> None:
    feeds = tmp_path / "feeds.txt"
    if kind == "directory":
        feeds.mkdir()
    elif kind == "binary":
        feeds.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xfe")
    elif kind == "not a URL":
        feeds.write_text("https://example.org/a.xml\nfile:///etc/passwd\n")
    for command in (["fetch", str(feeds)], ["daily", "--feeds", str(feeds)]):
        result = run_cli(*command, "--archive", str(tmp_path / "news.db"), "-q")
        assert result.returncode == 2, result.stderr
        message = one_line_error(result)
        assert str(feeds) in message
        if kind == "not a URL":
            assert "line 2: not an http(s) URL: 'file:///etc/passwd'" in message
    assert not (tmp_path / "news.db").exists()


@pytest.mark.parametrize(
    "command", ["digest", "daily", "compare", "eval", "lengths", "fetch", "archive", "site", "extract"]
)
def test_help_shows_square_brackets_as_written(command: str) -> None:
    """rich-argparse reads [word] as markup and drops it: `summarizer[distributed]` became `summarizer`."""
    import re

    from summarizer.cli.program import build_parser

    parser = build_parser([command])  # a command's arguments are added when it is the one asked for
    sub = parser._subparsers._group_actions[0].choices[command]  # type: ignore[union-attr]
    written = " ".join(action.help or "" for action in sub._actions)
    assert len(sub._actions) > 3, "the command's own arguments were read"
    shown = run_cli(command, "--help", env={"COLUMNS": "400"}).stdout.decode()
    for bracketed in re.findall(r"(?<!\\)\[[a-z][a-z-]*\]", written.replace("\\[", "")):
        assert bracketed in shown, f"{command} --help drops {bracketed}"
    for escaped in re.findall(r"\\(\[[a-z][a-z-]*\])", written):
        assert escaped in shown, f"{command} --help drops {escaped}"
