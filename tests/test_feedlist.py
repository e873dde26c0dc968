"""Feed lists: one URL a line, OPML, TOML with each feed's settings; errors name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.errors import InputError, SettingsFileError
from summarizer.sources.feedlist import read_feed_list

TOML = """\
[filter]                      # applies to every feed
block = ["horoscope", "^sponsored"]

[[feed]]
url = "https://example.org/world.rss"
name = "Example News"
labels = { leaning = "centre", country = "UK" }
language = "en"
keep = ["election", "parliament"]
block = ["live blog"]
weight = 1.5

[[feed]]
url = "https://other.example/feed.xml"
"""


def test_lines_and_opml_lists(tmp_path: Path) -> None:
    opml = tmp_path / "feeds.opml"
    opml.write_text('<?xml version="1.0"?><opml version="2.0"><body><outline text="News">'
                    '<outline xmlUrl="https://a.example/feed.xml"/>'
                    '<outline text="B Times" xmlUrl="https://b.example/rss" weight="2" block="sport" '
                    'labels="leaning=left; country=FR"/></outline></body></opml>')  # fmt: skip
    feeds = read_feed_list(str(opml))
    assert feeds.urls == ["https://a.example/feed.xml", "https://b.example/rss"]
    b = feeds.settings_of("https://b.example/rss")
    assert (b.name, b.weight, b.labels) == ("B Times", 2.0, {"leaning": "left", "country": "FR"})
    assert feeds.left_out("https://b.example/rss", "Sport today", "") == "blocked by 'sport'"
    assert feeds.left_out("https://a.example/feed.xml", "Sport today", "") is None
    lines = tmp_path / "feeds.txt"
    lines.write_text("# my feeds\nhttps://a.example/feed.xml\n\nhttps://a.example/feed.xml\n")
    assert read_feed_list(str(lines)).urls == ["https://a.example/feed.xml"]
    lines.write_text("# my feeds\nfile:///etc/passwd\n")
    with pytest.raises(InputError, match=r"line 2: not an http"):
        read_feed_list(str(lines))


def test_toml_list_with_settings(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(TOML)
    feeds = read_feed_list(str(path))
    assert feeds.urls == ["https://example.org/world.rss", "https://other.example/feed.xml"]
    world = feeds.settings_of("https://example.org/world.rss")
    assert (world.name, world.language, world.weight) == ("Example News", "english", 1.5)  # "en": its code
    assert world.labels == {"leaning": "centre", "country": "UK"}
    assert feeds.weights() == {"Example News": 1.5}
    assert feeds.labels() == {"Example News": {"leaning": "centre", "country": "UK"}}
    left_out = feeds.left_out
    url, other = "https://example.org/world.rss", "https://other.example/feed.xml"
    assert left_out(url, "Election night", "Polls closed.") is None
    assert left_out(url, "PARLIAMENT votes", "") is None  # patterns ignore case
    assert left_out(url, "Football", "A match.") == "no keep pattern matches"
    assert left_out(url, "Election live blog", "") == "blocked by 'live blog'"
    assert left_out(url, "Election and your horoscope", "") == "blocked by 'horoscope'"  # the global block
    assert left_out(other, "Sponsored: a car", "") == "blocked by '^sponsored'"
    assert left_out(other, "Football", "A match.") is None  # no keep pattern of its own and none global


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        (TOML.replace("weight = 1.5", 'weight = "heavy"'), "line 11: weight must be a number"),
        (
            TOML.replace('"live blog"', '"live (blog"'),
            "line 10: feed https://example.org/world.rss: block pattern 'live (blog' is not a regular expression RE2 "
            "can match (missing ): live (blog)",
        ),
        (
            TOML.replace('"live blog"', '"(?<!no )live"'),
            "line 10: feed https://example.org/world.rss: block pattern "
            "'(?<!no )live' is not a regular expression RE2 can match",
        ),
        # An empty pattern was "must be a list of patterns"; any pattern that matches the empty text keeps everything.
        (
            TOML.replace('"election", "parliament"', '""'),
            "line 9: feed https://example.org/world.rss: an empty keep pattern matches everything and is refused",
        ),
        (
            TOML.replace('"horoscope", "^sponsored"', '"horoscope", "sport|"'),
            "line 2: [filter]: block pattern 'sport|' matches the empty text",
        ),
        (
            TOML.replace('language = "en"', 'language = "klingon"'),
            "line 8: unsupported language 'klingon'; choose one of arabic, armenian,",
        ),
        (TOML.replace('name = "Example News"', f'name = "{"x" * 101}"'), "line 6: the name 'xxx"),
        (TOML.replace('country = "UK"', 'country = "U\\u001bK"'), "line 7: the label 'U\\x1bK' holds a line break"),
        (TOML.replace("language =", "lang ="), "line 8: unknown setting 'lang'"),
        (TOML.replace('block = ["horoscope"', 'blocks = ["horoscope"'), "line 2: unknown setting 'blocks' in"),
        (TOML.replace('url = "https://other', 'url = "ftp://other'), "line 14: not an http(s) URL"),
        (
            TOML.replace('[[feed]]\nurl = "https://example.org', '[[feed]\nurl = "https://example.org', 1),
            "line 4: not valid TOML",
        ),
        (TOML + "[extra]\n", "line 15: unknown table 'extra'"),
        (TOML.replace('labels = { leaning = "centre", country = "UK" }', "labels = 3"), "line 7: labels must be"),
    ],
)
def test_bad_settings_name_the_file_and_line(tmp_path: Path, text: str, problem: str) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    with pytest.raises(SettingsFileError) as caught:
        read_feed_list(str(path))
    assert str(path) in str(caught.value) and problem in str(caught.value), str(caught.value)
    assert "\n" not in str(caught.value)


def test_bad_lists_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SettingsFileError, match="no such file"):
        read_feed_list(str(tmp_path / "missing.toml"))
    with pytest.raises(SettingsFileError, match="not a file"):
        read_feed_list(str(tmp_path))
    binary = tmp_path / "feeds.bin"
    binary.write_bytes(b"\x00\x01\xff")
    with pytest.raises(SettingsFileError, match="binary"):
        read_feed_list(str(binary))
    empty = tmp_path / "feeds.toml"
    empty.write_text("[filter]\nblock = ['x']\n")
    with pytest.raises(SettingsFileError, match="no feed URL"):
        read_feed_list(str(empty))
    opml = tmp_path / "bad.opml"
    opml.write_text('<opml><body>\n<outline xmlUrl="https://a.example/f" weight="lots"/></body></opml>')
    with pytest.raises(SettingsFileError, match="line 2: weight must be a number"):
        read_feed_list(str(opml))


def test_languages_by_name_or_code(tmp_path: Path) -> None:
    path = tmp_path / "feeds.toml"
    for given, language in (("de", "german"), ("German", "german"), ("pt-BR", "portuguese"), ("french", "french")):
        path.write_text(TOML.replace('language = "en"', f'language = "{given}"'))
        assert read_feed_list(str(path)).settings_of("https://example.org/world.rss").language == language
    opml = tmp_path / "feeds.opml"
    opml.write_text('<opml><body>\n<outline xmlUrl="https://a.example/f" language="klingon"/></body></opml>')
    with pytest.raises(SettingsFileError, match="line 2: unsupported language 'klingon'"):
        read_feed_list(str(opml))


def test_patterns_match_as_before_in_linear_time(tmp_path: Path) -> None:
    """RE2 keeps the rules' meaning (any case, anywhere in the title or the text) and cannot backtrack: Python's
    re took 2^n steps for `^(a+)+$` on n a's and a b, and the run never ended."""
    path = tmp_path / "feeds.toml"
    path.write_text(
        '[[feed]]\nurl = "https://example.org/a.rss"\nblock = ["^(a+)+$", "\\\\bLIVE\\\\b", "^sponsored"]\n'
    )
    feeds = read_feed_list(str(path))
    url = "https://example.org/a.rss"
    assert feeds.left_out(url, "a" * 100_000 + "b", "a" * 100_000 + "b") is None  # returns at once
    assert feeds.left_out(url, "The live blog", "") == "blocked by '\\\\bLIVE\\\\b'"
    assert feeds.left_out(url, "Olive oil", "") is None
    assert feeds.left_out(url, "Prices", "A Live view.") == "blocked by '\\\\bLIVE\\\\b'"  # in the text too
    assert feeds.left_out(url, "SPONSORED: a car", "") == "blocked by '^sponsored'"
    assert feeds.left_out(url, "A car", "Sponsored") is None  # ^ is the start of the title
