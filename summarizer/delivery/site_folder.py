"""The static site's folder is its own: a record of the pages it wrote, and nothing else is ever replaced.

`.summarizer-site.json` in the folder lists each page the site wrote with the SHA-256 of its content (while a
page is being replaced, of the old and the new content, so an interrupted update is still the site's). A file
at one of the site's names (index.html, days.html, feed.atom, days/DAY.html, stories/ID.html) is replaced only
when it holds what the site last wrote there: a user's own file at such a name, or a page edited since, is
never replaced, and the run is refused with one line before any work. A folder with no record (a site made
before there was one) is taken over only where each file at a site's name is recognisably a page the site
made: its head and navigation are the site's, or, for feed.atom, its generator is summarizer. Other files in
the folder are never read or written.

Links are refused, never followed: days/, stories/, the record and every page must be real folders and
regular files (output.write_beneath writes each one without following a link). The folder itself may be
a link: it is resolved once. The archive and the command's output are never inside the folder, which is
published as it is.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import OutputError
from .output import STDOUT, entry_kind, read_beneath, write_beneath

__all__ = ["MANIFEST", "SiteFolder", "SiteReport", "check_site_paths"]

MANIFEST = ".summarizer-site.json"
FOLDERS = ("days", "stories")
TOP_PAGES = ("index.html", "days.html", "feed.atom")
# The names the site gives its pages (days are ISO dates; story ids are a day and 8 hex digits).
PAGE_NAME = re.compile(r"days/\d{4}-\d{2}-\d{2}\.html|stories/\d{4}-\d{2}-\d{2}-[0-9a-f]{8}\.html")
NEVER_REPLACED = "summarizer never replaces a file it did not write: move it away, or choose another folder"

# How the site's pages have begun since its first version: what a folder without a record is recognised by.
_HEAD = '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
_FEED_LINK = '<link rel="alternate" type="application/atom+xml" href="{up}feed.atom" title="Daily digest">'
_NAV = (
    '<nav><a href="{up}index.html">Latest</a><a href="{up}days.html">All days</a><a href="{up}feed.atom">Atom feed</a>'
)


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def made_by_the_site(name: str, data: bytes) -> bool:
    """Whether a file at a site's name is recognisably a page the site made (for a folder with no record)."""
    text = data.decode("utf-8", "replace")
    if name == "feed.atom":
        return '<feed xmlns="http://www.w3.org/2005/Atom"' in text and "<generator>summarizer</generator>" in text
    up = "../" if "/" in name else ""
    return text.startswith(_HEAD) and _FEED_LINK.format(up=up) in text and _NAV.format(up=up) in text


class SiteFolder:
    """The site's folder: `check()` before any work, `update(plan)` to write the pages."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.shown = os.fspath(folder)
        self.root = os.path.realpath(self.shown)
        self.pages: dict[str, list[str]] = {}  # the record: page -> the hashes of what the site left there
        self.recorded = False

    def where(self, name: str) -> str:
        return str(Path(self.shown) / name)

    def holds(self, path: str) -> bool:
        """Whether `path` is the folder or inside it (as written, or once its links are resolved)."""
        inside = [(os.path.abspath(self.shown), os.path.abspath(path)), (self.root, os.path.realpath(path))]
        return any(p == folder or p.startswith(folder.rstrip(os.sep) + os.sep) for folder, p in inside)

    def check(self) -> None:
        """Before any work: the folder can be the site's (see the module docstring), else OutputError."""
        path = Path(self.shown)
        if path.exists() and not path.is_dir():
            raise OutputError(self.shown, "exists and is not a directory; the site needs a folder")
        existing = path
        while not existing.exists():
            existing = existing.parent
        if not os.access(existing, os.W_OK | os.X_OK):
            raise OutputError(self.shown, "permission denied")
        if not path.exists():
            return
        for folder in FOLDERS:
            kind = entry_kind(self.root, folder, self.shown)
            if kind not in (None, "folder"):
                problem = "a symbolic link" if kind == "link" else "not a folder"
                raise OutputError(self.where(folder), f"is {problem}; the site writes only into its own folders")
        self._read_record()
        for name in self._files_at_site_names():
            self._check_owned(name, read_beneath(self.root, name, self.shown))

    def _read_record(self) -> None:
        data = read_beneath(self.root, MANIFEST, self.shown)
        self.recorded = data is not None
        if data is None:
            return
        try:
            record = json.loads(data)
            pages = record["pages"]
            if record.get("generator") != "summarizer" or not all(
                isinstance(k, str) and isinstance(v, list) and all(isinstance(h, str) for h in v)
                for k, v in pages.items()
            ):
                raise ValueError
        except (ValueError, KeyError, TypeError, AttributeError):
            raise OutputError(
                self.where(MANIFEST), "is not the site's record of its pages; " + NEVER_REPLACED
            ) from None
        self.pages = pages

    def _files_at_site_names(self) -> list[str]:
        """Whatever is at a name the site gives its pages, links included (so that they are refused)."""
        names = [name for name in TOP_PAGES if entry_kind(self.root, name, self.shown) is not None]
        for folder in FOLDERS:
            if entry_kind(self.root, folder, self.shown) == "folder":
                with os.scandir(os.path.join(self.root, folder)) as entries:
                    names += sorted(n for e in entries if PAGE_NAME.fullmatch(n := f"{folder}/{e.name}"))
        return names

    def _check_owned(self, name: str, data: bytes | None) -> None:
        if data is None:
            return
        if not self.recorded:
            if not made_by_the_site(name, data):
                raise OutputError(self.where(name), f"is not a page of the site (the folder has no {MANIFEST}); "
                                  + NEVER_REPLACED)  # fmt: skip
        elif content_hash(data) not in self.pages.get(name, ()):
            problem = "has changed since the site wrote it" if name in self.pages else "was not written by the site"
            raise OutputError(self.where(name), f"{problem}; {NEVER_REPLACED}")

    def update(self, plan: Sequence[tuple[str, str]]) -> tuple[list[str], list[str]]:
        """Write the pages of `plan` (name, content), in its order, each only when its content changed; the
        names written and those left as they were."""
        self.check()
        os.makedirs(self.root, exist_ok=True)
        new = {name: content.encode("utf-8") for name, content in plan}
        old = {name: read_beneath(self.root, name, self.shown) for name in new}
        for name, data in old.items():
            if data != new[name]:
                self._check_owned(name, data)
        pages = dict(self.pages)
        if not self.recorded:  # taking over a site made before the record: its pages are the site's
            pages.update({n: [content_hash(d)] for n in self._files_at_site_names()
                          if (d := read_beneath(self.root, n, self.shown)) is not None})  # fmt: skip
        changed = [name for name in new if old[name] != new[name]]
        # While the pages are replaced, the record admits the old content and the new: an interrupted update
        # leaves a folder that is still the site's.
        during = {**pages, **{n: sorted({content_hash(new[n]), *([content_hash(d)] if (d := old[n]) is not None
                                                                  else [])}) for n in changed}}  # fmt: skip
        if changed or not self.recorded:
            self._write_record(during)
        for name in changed:
            write_beneath(self.root, name, new[name], shown=self.shown)
        after = {**pages, **{n: [content_hash(data)] for n, data in new.items()}}
        if after != during or not self.recorded:
            self._write_record(after)
        return changed, [name for name in new if name not in changed]

    def _write_record(self, pages: Mapping[str, list[str]]) -> None:
        lines = [f"  {json.dumps(name)}: {json.dumps(hashes)}" for name, hashes in sorted(pages.items())]
        text = ('{\n "generator": "summarizer",\n "about": "the pages the site wrote, with the SHA-256 of their '
                'content; a file not listed, or changed since, is never replaced",\n "pages": {\n'
                + ",\n".join(lines) + "\n }\n}\n")  # fmt: skip
        write_beneath(self.root, MANIFEST, text.encode("utf-8"), shown=self.shown)
        self.pages, self.recorded = dict(pages), True


def check_site_paths(folder: str, *, archive: str | None = None, outputs: Mapping[str, str | None] = {}) -> None:
    """Before any work: the site's folder can be the site's, and neither the archive nor any output (role ->
    path) is inside it (the folder is published as it is; the site writes nothing but its pages there)."""
    site = SiteFolder(folder)
    site.check()
    for role, path in {"archive": archive, **outputs}.items():
        if path and path != STDOUT and site.holds(path):
            raise OutputError(path, f"is inside the site folder {folder}, which holds only the site's pages and is "
                              f"published as it is; choose another {role}")  # fmt: skip


@dataclass(frozen=True)
class SiteReport:
    """What a site update did: the folder, the pages written (changed or new) and those left as they were."""

    folder: str
    written: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    days: int = 0
    stories: int = 0
    notes: tuple[str, ...] = field(default_factory=tuple)

    def to_dict(self) -> dict[str, Any]:
        return {"site": self.folder, "written": list(self.written), "unchanged": len(self.unchanged),
                "days": self.days, "stories": self.stories}  # fmt: skip
