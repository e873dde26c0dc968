"""What the digest reads from a sentence's text alone (its figures, names, negations, counts and quotations), kept
from one run of a day to the next.

A day that arrives in pieces summarises a story again each time it gains an article, and most of its sentences
were read in an earlier run. Each kind of analysis is a pure function of the sentence's text (and the language);
the module that makes it registers it here with a JSON encoding. While a story is summarised with the analyses
its articles kept (`kept_analyses`), `remembered` hands back a kept one instead of making it again, and what was
made is kept for the next run: per article, for each kind a list aligned with its distinct sentences (zlib-
compressed JSON), after a line with the key (the package's version, the code that makes them, the language) and
a line with the number of sentences; a change to any of them makes the kept analyses stale, and they are made
again. JSON, never pickle: the archive that keeps them is a file that travels. Outside `kept_analyses` (a
digest, a daily run without an archive) `remembered` only makes them.
"""

from __future__ import annotations

import json
import threading
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .version import code_key

__all__ = ["KeptAnalyses", "Kind", "analyses_key", "kept_analyses", "register", "remembered"]

T = TypeVar("T")
_ZLIB_LEVEL = 1  # made in every run that summarises new articles, read in the next: speed over size


@dataclass(frozen=True)
class Kind:
    """One kind of analysis: its JSON encoding and decoding (defined in the module that makes it, one of
    ANALYSES_CODE)."""

    encode: Callable[[Any], Any]
    decode: Callable[[Any], Any]


# The modules that make the kinds of analyses (each registers its kinds) and the stems and stop words they use:
# a change to any of them makes kept analyses stale.
ANALYSES_CODE = ("differences/figures.py", "differences/claims.py", "differences/align.py", "core/facts.py", "text.py",
                 "languages.py")  # fmt: skip
_KINDS: dict[str, Kind] = {}


def register(name: str, kind: Kind) -> None:
    """Make analyses of this kind keepable (called once, by the module that makes them, when it is imported)."""
    _KINDS[name] = kind


def analyses_key(language: str) -> str:
    """What kept analyses depend on: the package's version, the code that makes them (`ANALYSES_CODE`), the
    language."""
    return f"{code_key(ANALYSES_CODE)}/{language}"


@dataclass
class KeptAnalyses:
    """A story's analyses while it is summarised: those its articles kept (decoded when first asked for) and
    those made now."""

    key: str
    texts: list[list[str]]  # each article's distinct sentences, in order
    stored: list[bytes | None]  # each article's kept analyses as stored (None: none kept)
    where: dict[str, tuple[int, int]] = field(default_factory=dict)  # text -> (article, place) of a kept one
    read: dict[int, dict[str, list[Any]]] = field(default_factory=dict)  # article -> its kept analyses, decoded
    values: dict[tuple[str, str], Any] = field(default_factory=dict)  # (kind, text) -> analysis
    made: set[str] = field(default_factory=set)  # texts of which an analysis was made now

    def __post_init__(self) -> None:
        for article, texts in enumerate(self.texts):
            if self.fits(article):
                for place, text in enumerate(texts):
                    self.where.setdefault(text, (article, place))

    def fits(self, article: int) -> bool:
        """Whether the article kept analyses made by this code, in this language, of these sentences."""
        blob = self.stored[article]
        return blob is not None and blob.startswith(f"{self.key}\n{len(self.texts[article])}\n".encode())

    def get(self, kind: str, text: str) -> tuple[bool, Any]:
        if (kind, text) in self.values:
            return True, self.values[kind, text]
        if text in self.where:
            article, place = self.where[text]
            found = self.kept(article).get(kind)
            if found is not None and found[place] is not None:
                value = self.values[kind, text] = _KINDS[kind].decode(found[place])
                return True, value
        return False, None

    def kept(self, article: int) -> dict[str, list[Any]]:
        """An article's kept analyses by kind ({} when it kept none, or stale ones)."""
        if article not in self.read:
            blob = self.stored[article]
            fits = blob is not None and self.fits(article)
            self.read[article] = (
                json.loads(zlib.decompress(blob.split(b"\n", 2)[2])) if blob is not None and fits else {}
            )
        return self.read[article]

    def to_keep(self, article: int) -> bytes | None:
        """An article's analyses to keep (those it kept and those made now, for each of its distinct sentences),
        or None when what it kept already holds them all."""
        if self.fits(article) and not any(t in self.made for t in self.texts[article]):
            return None
        earlier = self.kept(article)
        kinds: dict[str, list[Any]] = {}
        for name, kind in sorted(_KINDS.items()):
            column = [kind.encode(self.values[name, t]) if (name, t) in self.values else None
                      for t in self.texts[article]]  # fmt: skip
            if name in earlier:
                column = [e if c is None else c for c, e in zip(column, earlier[name])]
            if any(c is not None for c in column):
                kinds[name] = column
        head = f"{self.key}\n{len(self.texts[article])}\n".encode()
        return head + zlib.compress(json.dumps(kinds, ensure_ascii=False, separators=(",", ":")).encode(), _ZLIB_LEVEL)


class _Active(threading.local):  # a cluster's worker runs tasks in threads: each has its own story
    def __init__(self) -> None:
        self.stack: list[KeptAnalyses] = []


_active = _Active()


@contextmanager
def kept_analyses(texts: Sequence[Sequence[str]], stored: Sequence[bytes | None], language: str
                  ) -> Iterator[KeptAnalyses]:  # fmt: skip
    """Within it, `remembered` hands back the analyses these articles kept (`stored`, as `KeptAnalyses.to_keep`
    wrote them, or None) and remembers those it makes."""
    kept = KeptAnalyses(analyses_key(language), [list(dict.fromkeys(t)) for t in texts], list(stored))
    _active.stack.append(kept)
    try:
        yield kept
    finally:
        _active.stack.pop()


def remembered(kind: str, text: str, make: Callable[[str], T]) -> T:
    """`make(text)`, or the analysis of this kind kept for `text` (within `kept_analyses`)."""
    if not _active.stack:
        return make(text)
    kept = _active.stack[-1]
    found, value = kept.get(kind, text)
    if not found:
        value = kept.values[kind, text] = make(text)
        kept.made.add(text)
    return value
