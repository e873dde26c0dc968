"""Outlet labels a user keeps (leaning, country, owner: any name), read from a label file or a feed list (a
story's coverage by them is summarizer.differences.labels).

A label file is TOML or CSV. TOML: one table per outlet, named by its source name or web domain:

    ["Reuters"]
    leaning = "centre"
    country = "UK"

    ["foxnews.com"]
    leaning = "right"

CSV: a header whose first column is `outlet`, then one column per label; an empty cell is no label. An
outlet listed twice with different labels, an empty or repeated column name, a value that is not text, an
outlet or label longer than MAX_LABEL characters or of more than one line, or bad syntax (a quote never
closed) is a SettingsFileError naming the file and the line, before any work. The same labels can
come from a feed list (`labels = {...}` of a feed). No labels ship with the tool.

An article's outlet is matched by its source name (case-insensitive), else by its web address's host
(without "www.", a subdomain matches its domain).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from ..documents import Document
from ..errors import SettingsFileError
from .decoding import safe_line

__all__ = ["MAX_LABEL", "UNLABELLED", "LabelMap", "label_problem", "outlet_key", "read_labels"]

UNLABELLED = "unlabelled"
# Every outlet name, label name and value is printed under each story: a longer one is a mistake in the file.
MAX_LABEL = 100
MAX_FILE_BYTES = 16 * 1024 * 1024  # 100,000 outlets of ten labels each fit well in this


def label_problem(text: str, what: str) -> str | None:
    """What is wrong with an outlet name or a label (`what` says which), or None: at most MAX_LABEL
    characters of one line, with no control character."""
    shown = repr(text[:40] + "…" if len(text) > 40 else text)
    if len(text) > MAX_LABEL:
        return f"the {what} {shown} is longer than {MAX_LABEL} characters"
    if safe_line(text)[0] != text:
        return f"the {what} {shown} holds a line break or a control character"
    return None


@dataclass(frozen=True)
class LabelMap:
    outlets: Mapping[str, Mapping[str, str]]  # outlet name or domain, lowercased -> label name -> value

    @classmethod
    def of(cls, labels: Mapping[str, Mapping[str, str]]) -> LabelMap:
        return cls({outlet_key(k): dict(v) for k, v in labels.items()})

    def merged(self, other: LabelMap, *, where: str) -> LabelMap:
        """Both maps; an outlet in both must carry the same labels."""
        for outlet, labels in other.outlets.items():
            if outlet in self.outlets and dict(self.outlets[outlet]) != dict(labels):
                raise SettingsFileError(where, f"{outlet!r} has other labels in the feed list")
        return LabelMap({**self.outlets, **other.outlets})

    def labels_of(self, document: Document) -> Mapping[str, str] | None:
        if document.source and outlet_key(document.source) in self.outlets:
            return self.outlets[outlet_key(document.source)]
        host = (urlsplit(document.url).hostname or "") if document.url else ""
        host = host.removeprefix("www.")
        while host:
            if host in self.outlets:
                return self.outlets[host]
            host = host.partition(".")[2] if host.count(".") > 1 else ""
        return None


def outlet_key(outlet: str) -> str:
    """One spelling of an outlet's name: "AP", "ap" and " AP " are one outlet."""
    return " ".join(outlet.lower().split())


def _from_toml(path: str, text: str) -> LabelMap:
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = re.search(r"line (\d+)", str(error))
        raise SettingsFileError(path, f"line {found.group(1) if found else 1}: not valid TOML ({error})") from None
    lines = text.splitlines()
    outlets: dict[str, dict[str, str]] = {}
    for outlet, labels in data.items():
        line = next((n for n, row in enumerate(lines, 1) if row.strip().startswith("[") and outlet in row), 1)
        if not isinstance(labels, dict) or not all(isinstance(v, str) and v for v in labels.values()):
            raise SettingsFileError(path, f"line {line}: {outlet[:40]!r} must be a table of label names to text")
        if label_problem(outlet, "outlet"):
            raise SettingsFileError(path, f"line {line}: {label_problem(outlet, 'outlet')}")
        for name, value in labels.items():
            problem = label_problem(name, "label name") or label_problem(value, "label")
            if problem:  # the line of the label: the first after the table's that starts with its name
                at = next((n for n, row in enumerate(lines[line:], line + 1) if row.lstrip(" \t\"'").startswith(
                    name[:40])), line)  # fmt: skip
                raise SettingsFileError(path, f"line {at}: {problem}")
        if outlet_key(outlet) in outlets and outlets[outlet_key(outlet)] != labels:
            raise SettingsFileError(path, f"line {line}: {outlet!r} is listed twice with different labels")
        outlets[outlet_key(outlet)] = dict(labels)
    return LabelMap(outlets)


def _csv_rows(path: str, text: str) -> list[tuple[int, list[str]]]:
    """Each row of a CSV text with the line it starts on; strict, so that a quote never closed is an error
    (not every line after it read as one cell)."""
    reader = csv.reader(io.StringIO(text), strict=True)
    rows = []
    start = 1
    try:
        for row in reader:
            rows.append((start, row))
            start = reader.line_num + 1
    except csv.Error as error:
        if "field limit" in str(error):
            raise SettingsFileError(path, f"line {start}: a cell longer than {MAX_LABEL} characters (an outlet or a "
                                    "label is at most that)") from None  # fmt: skip
        if "end of data" in str(error):
            raise SettingsFileError(path, f"line {start}: a quote that is never closed") from None
        raise SettingsFileError(path, f"line {start}: not valid CSV ({error})") from None
    return rows


def _from_csv(path: str, text: str) -> LabelMap:
    rows = _csv_rows(path, text)
    if not rows or not rows[0][1] or rows[0][1][0].strip().lower() != "outlet":
        raise SettingsFileError(path, "line 1: the header's first column must be 'outlet'")
    header = [name.strip() for name in rows[0][1]]
    for name in header[1:]:
        if not name or header.count(name) > 1:
            raise SettingsFileError(path, f"line 1: unknown column {name!r} (every label column needs its own name)")
        if label_problem(name, "label name"):
            raise SettingsFileError(path, f"line 1: {label_problem(name, 'label name')}")
    outlets: dict[str, dict[str, str]] = {}
    for number, row in rows[1:]:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise SettingsFileError(path, f"line {number}: {len(row)} cells under a header of {len(header)}")
        outlet = row[0].strip()
        if not outlet:
            raise SettingsFileError(path, f"line {number}: no outlet in the first column")
        for cell, what in zip(row, ("outlet", *["label"] * len(row))):
            if label_problem(cell.strip(), what):
                raise SettingsFileError(path, f"line {number}: {label_problem(cell.strip(), what)}")
        labels = {header[k]: cell.strip() for k, cell in enumerate(row) if k and cell.strip()}
        if outlet_key(outlet) in outlets and outlets[outlet_key(outlet)] != labels:
            raise SettingsFileError(path, f"line {number}: {outlet!r} is listed twice with different labels")
        outlets[outlet_key(outlet)] = labels
    return LabelMap(outlets)


def read_labels(path: str) -> LabelMap:
    """The labels of a TOML or CSV file (see the module docstring)."""
    file = Path(path)
    if not file.is_file():
        raise SettingsFileError(path, "no such file" if not file.exists() else "not a file")
    try:
        if file.stat().st_size > MAX_FILE_BYTES:
            raise SettingsFileError(path, f"{file.stat().st_size // 2**20} MB is no label file (at most "
                                    f"{MAX_FILE_BYTES // 2**20} MB)")  # fmt: skip
        text = file.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise SettingsFileError(path, f"cannot read the label file ({error.strerror or error})") from None
    except UnicodeDecodeError:
        raise SettingsFileError(path, "not a label file (binary, or not UTF-8 text)") from None
    if file.suffix.lower() == ".csv" or text.lstrip().lower().startswith("outlet"):
        return _from_csv(path, text)
    return _from_toml(path, text)
