"""Feed lists: one URL a line, OPML, or TOML with settings for each feed and for all of them.

    [filter]                      # applies to every feed
    block = ["horoscope", "^sponsored"]

    [[feed]]
    url = "https://example.org/world.rss"
    name = "Example News"         # the outlet of its items that name none (else the feed's own title)
    labels = { leaning = "centre", country = "UK" }
    language = "en"
    keep = ["election", "parliament"]   # only items matching one of these
    block = ["live blog"]
    weight = 1.5                  # what the outlet counts for when stories are ranked

Patterns are regular expressions (a plain word is one) in RE2's syntax, matched case-insensitively anywhere in
an item's title or text. RE2 matches in time linear in the text, so no pattern (`^(a+)+$`) can hang a run; it
has no look-around or back-references, and its `\\w` and `\\b` are ASCII (`\\pL` is any letter). An item is left
out when a `block` pattern (the feed's or the global one) matches it, or when `keep` patterns are given (the
feed's, else the global ones) and none matches. A feed's `language` (a name such as "german", or its code,
"de") is the language of its articles. OPML outlines carry the same settings as attributes: text or title (the
name), language, keep and block (one pattern each), weight, and labels ("leaning=centre; country=UK"). A list
that cannot be used (bad syntax, an unknown setting, a pattern RE2 cannot take or one that matches every item,
an unknown language, a weight that is no number) is a SettingsFileError naming the file and the line, before
any fetch.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from ..errors import SettingsFileError
from ..languages import LANGUAGES, language_named
from .labels import label_problem

__all__ = ["FeedList", "FeedSettings", "Pattern", "read_feed_list"]

FEED_KEYS = ("url", "name", "labels", "language", "keep", "block", "weight")
FILTER_KEYS = ("keep", "block")


@dataclass(frozen=True)
class Pattern:
    """A keep or block pattern, compiled by RE2 (linear-time matching), without regard to case."""

    pattern: str
    compiled: Any = field(repr=False, compare=False)

    @classmethod
    def of(cls, pattern: str) -> Pattern:
        """The pattern compiled, or ValueError saying why RE2 cannot take it."""
        import re2

        options = re2.Options()
        options.case_sensitive = False
        options.log_errors = False  # the error comes back as the exception, not on stderr
        try:
            return cls(pattern, re2.compile(pattern, options))
        except re2.error as error:
            reason = error.args[0] if error.args else ""
            raise ValueError(reason.decode(errors="replace") if isinstance(reason, bytes) else str(reason)) from None

    def search(self, text: str) -> bool:
        return self.compiled.search(text) is not None


@dataclass(frozen=True)
class FeedSettings:
    url: str
    name: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    language: str | None = None  # a name of summarizer.languages.LANGUAGES
    keep: tuple[Pattern, ...] = ()
    block: tuple[Pattern, ...] = ()
    weight: float = 1.0


@dataclass(frozen=True)
class FeedList:
    """The feeds of a list, in its order, and the patterns that apply to every one."""

    path: str
    feeds: tuple[FeedSettings, ...]
    keep: tuple[Pattern, ...] = ()
    block: tuple[Pattern, ...] = ()

    @property
    def urls(self) -> list[str]:
        return [f.url for f in self.feeds]

    def __iter__(self) -> Iterator[str]:
        return iter(self.urls)

    def __len__(self) -> int:
        return len(self.feeds)

    def settings_of(self, url: str) -> FeedSettings:
        return next((f for f in self.feeds if f.url == url), FeedSettings(url))

    def left_out(self, url: str, title: str | None, text: str) -> str | None:
        """Why an item of this feed is left out ("blocked by 'x'", "no keep pattern matches"), or None."""
        settings = self.settings_of(url)
        haystack = f"{title or ''}\n{text}"
        for pattern in (*settings.block, *self.block):
            if pattern.search(haystack):
                return f"blocked by {pattern.pattern!r}"
        keep = settings.keep or self.keep
        if keep and not any(pattern.search(haystack) for pattern in keep):
            return "no keep pattern matches"
        return None

    def weights(self) -> dict[str, float]:
        """Outlet name -> weight, for the feeds that name their outlet and weigh it otherwise than 1."""
        return {f.name: f.weight for f in self.feeds if f.name and f.weight != 1.0}

    def labels(self) -> dict[str, dict[str, str]]:
        """Outlet name (or the feed's host) -> its labels."""
        return {(f.name or urlsplit(f.url).netloc): dict(f.labels) for f in self.feeds if f.labels}


class _Where:
    """Finds the line of a setting in the file, for error messages."""

    def __init__(self, path: str, text: str) -> None:
        self.path, self.lines = path, text.splitlines()

    def line_of(self, needle: str, *, after: int = 0, missing: int | None = None) -> int:
        """The first line after `after` that holds the needle; else `missing` (default: `after`, or 1)."""
        for number, line in enumerate(self.lines[after:], start=after + 1):
            if needle in line:
                return number
        return (after or 1) if missing is None else missing

    def error(self, line: int, problem: str) -> SettingsFileError:
        return SettingsFileError(self.path, f"line {line}: {problem}")


def _patterns(values: Any, where: _Where, line: int, key: str, feed: str | None = None) -> tuple[Pattern, ...]:
    """The `key` (keep or block) patterns of a feed (`feed`, its URL) or of [filter], compiled."""
    if isinstance(values, str):
        values = [values]
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise where.error(line, f"{key} must be a list of patterns (strings)")
    of = f"feed {feed}" if feed else "[filter]"
    compiled = []
    for value in values:
        at = next((n for needle in (value, repr(value)[1:-1], key) if needle and
                   (n := where.line_of(needle, after=line - 1, missing=0))), line)  # fmt: skip
        if not value:
            raise where.error(at, f"{of}: an empty {key} pattern matches everything and is refused")
        try:
            pattern = Pattern.of(value)
        except ValueError as error:
            raise where.error(at, f"{of}: {key} pattern {value!r} is not a regular expression RE2 can match "
                              f"({error})") from None  # fmt: skip
        if all(pattern.search(probe) for probe in ("", "x", " ", "\n")):
            raise where.error(at, f"{of}: {key} pattern {value!r} matches the empty text, so it matches every "
                              "item; refused")  # fmt: skip
        compiled.append(pattern)
    return tuple(compiled)


def _language(value: Any, where: _Where, line: int) -> str | None:
    """A feed's language as one of summarizer.languages.LANGUAGES, from its name or its code ("de", "en-GB")."""
    if value is None:
        return None
    language = language_named(value) if isinstance(value, str) else None
    if language is None:
        raise where.error(line, f"unsupported language {value!r}; choose one of {', '.join(LANGUAGES)} (or its "
                          "two-letter code)")  # fmt: skip
    return language


def _check_url(url: Any, where: _Where, line: int) -> str:
    parts = urlsplit(url) if isinstance(url, str) else None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise where.error(line, f"not an http(s) URL: {url!r}")
    return str(url)


def _feed(table: dict[str, Any], where: _Where, line: int, *, own_lines: bool = True) -> FeedSettings:
    """A feed's settings, checked; `own_lines`: each setting is on a line of its own (TOML, not OPML)."""
    unknown = sorted(set(table) - set(FEED_KEYS))
    if unknown:
        raise where.error(where.line_of(unknown[0], after=line - 1), f"unknown setting {unknown[0]!r}; a feed has "
                          f"{', '.join(FEED_KEYS)}")  # fmt: skip
    url = _check_url(table.get("url"), where, where.line_of("url", after=line - 1) if own_lines else line)
    weight = table.get("weight", 1.0)
    if isinstance(weight, bool) or not isinstance(weight, (int, float)) or not math.isfinite(weight) or weight < 0:
        raise where.error(
            where.line_of("weight", after=line - 1), f"weight must be a number of at least 0, not {weight!r}"
        )
    labels = table.get("labels", {})
    if not isinstance(labels, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in labels.items()):
        raise where.error(where.line_of("labels", after=line - 1), "labels must be a table of names to strings")
    for key in ("name", "language"):
        if key in table and not (isinstance(table[key], str) and table[key].strip()):
            raise where.error(where.line_of(key, after=line - 1), f"{key} must be a non-empty string")
    # The name and the labels are printed under every story: the label files' rules hold for them too.
    problem = label_problem(table.get("name") or "", "name") or next(
        (p for k, v in labels.items() if (p := label_problem(k, "label name") or label_problem(v, "label"))), None
    )
    if problem:
        raise where.error(where.line_of("name" if problem.startswith("the name") else "labels", after=line - 1),
                          problem)  # fmt: skip
    at = (lambda key: where.line_of(key, after=line - 1)) if own_lines else (lambda key: line)
    return FeedSettings(url, table.get("name"), dict(labels), _language(table.get("language"), where, at("language")),
                        _patterns(table.get("keep", []), where, line, "keep", url),
                        _patterns(table.get("block", []), where, line, "block", url), float(weight))  # fmt: skip


def _from_toml(path: str, text: str) -> FeedList:
    import tomllib

    where = _Where(path, text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        raise where.error(int(found.group(1)) if found else 1, f"not valid TOML ({error})") from None
    unknown = sorted(set(data) - {"filter", "feed"})
    if unknown:
        raise where.error(
            where.line_of(unknown[0]), f"unknown table {unknown[0]!r}; a feed list has [filter] and [[feed]]"
        )
    tables = data.get("feed", [])
    if not isinstance(tables, list):
        raise where.error(where.line_of("feed"), "feeds are [[feed]] tables")
    starts = [number for number, line in enumerate(where.lines, start=1) if line.strip() == "[[feed]]"]
    feeds = tuple(_feed(table, where, starts[k] if k < len(starts) else 1) for k, table in enumerate(tables))
    filters = data.get("filter", {})
    line = where.line_of("[filter]")
    unknown = sorted(set(filters) - set(FILTER_KEYS))
    if unknown:
        raise where.error(where.line_of(unknown[0], after=line - 1), f"unknown setting {unknown[0]!r} in [filter]")
    return FeedList(path, feeds, _patterns(filters.get("keep", []), where, line, "keep"),
                    _patterns(filters.get("block", []), where, line, "block"))  # fmt: skip


def _from_opml(path: str, data: bytes, text: str) -> FeedList:
    from lxml import etree

    where = _Where(path, text)
    try:
        root = etree.fromstring(data, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError as error:
        raise SettingsFileError(path, f"not a valid OPML file ({error})") from None
    feeds = []
    for outline in root.iter("outline"):
        if not outline.get("xmlUrl"):
            continue
        line = outline.sourceline or 1
        table: dict[str, Any] = {"url": outline.get("xmlUrl")}
        if outline.get("text") or outline.get("title"):
            table["name"] = outline.get("text") or outline.get("title")
        for key in ("language", "keep", "block"):
            if outline.get(key):
                table[key] = outline.get(key)
        if outline.get("weight"):
            try:
                table["weight"] = float(outline.get("weight"))
            except ValueError:
                raise where.error(line, f"weight must be a number, not {outline.get('weight')!r}") from None
        if outline.get("labels"):
            pairs = [part.split("=", 1) for part in outline.get("labels").split(";") if part.strip()]
            if not all(len(pair) == 2 for pair in pairs):
                raise where.error(line, "labels are written name=value; name=value")
            table["labels"] = {k.strip(): v.strip() for k, v in pairs}
        feeds.append(_feed(table, where, line, own_lines=False))
    return FeedList(path, tuple(feeds))


def _from_lines(path: str, text: str) -> FeedList:
    where = _Where(path, text)
    found = [(n, line.strip()) for n, line in enumerate(text.splitlines(), start=1)
             if line.strip() and not line.lstrip().startswith("#")]  # fmt: skip
    return FeedList(path, tuple(FeedSettings(_check_url(url, where, n)) for n, url in found))


def read_feed_list(path: str) -> FeedList:
    """The feeds of a list (see the module docstring). A list that cannot be used is a SettingsFileError naming
    the file and, where it can, the line."""
    file = Path(path)
    if not file.exists():
        raise SettingsFileError(path, "no such file")
    if not file.is_file():
        raise SettingsFileError(path, "not a file (give the feed list itself)")
    try:
        data = file.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as error:
        raise SettingsFileError(path, f"cannot read the feed list ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise SettingsFileError(path, "not a feed list (binary, or not UTF-8 text)") from None
    if "\x00" in text:
        raise SettingsFileError(path, "not a feed list (binary, or not UTF-8 text)")
    if text.lstrip().startswith("<"):
        feeds = _from_opml(path, data, text)
    elif file.suffix.lower() == ".toml" or re.search(r"^\s*\[\[?(feed|filter)\]\]?\s*$", text, re.M):
        feeds = _from_toml(path, text)
    else:
        feeds = _from_lines(path, text)
    if not feeds.feeds:
        raise SettingsFileError(path, "no feed URL in it")
    unique = {f.url: f for f in reversed(feeds.feeds)}  # a URL listed twice: its first settings
    return FeedList(path, tuple(unique[url] for url in dict.fromkeys(feeds.urls)), feeds.keep, feeds.block)
