"""Bytes to text, in one order everywhere: a byte-order mark (UTF-8, UTF-16, UTF-32); strict UTF-8; UTF-16
without a mark; UTF-8 with a few bad bytes (replaced, with a note); cp1252 when it decodes cleanly and reads as
Western text; and only then a statistical guess (charset-normalizer), named in the note. Then every string a
document is made of is made safe (`safe_text`, `safe_document`): no control characters, noncharacters or lone
surrogates, whatever format it came in."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from typing import Any

from ..documents import Document
from ..errors import InputError

__all__ = [
    "CONTROL_SAMPLE",
    "WESTERN_NON_ASCII_LETTERS",
    "decode",
    "reads_as_plain_utf8",
    "safe_document",
    "safe_line",
    "safe_text",
]

_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a zip archive (or an office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8", None),
    (b"\xff\xfe\x00\x00", "utf-32", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32", "UTF-32"),
    (b"\xff\xfe", "utf-16", "UTF-16"),
    (b"\xfe\xff", "utf-16", "UTF-16"),
)
# Western text is mostly ASCII: when more of its letters than this are outside
# ASCII, a clean cp1252 decoding is more likely another script's legacy code page.
WESTERN_NON_ASCII_LETTERS = 0.3


def decode(data: bytes, where: str) -> tuple[str, tuple[str, ...]]:
    """Text of a file's bytes, and a note whenever it was not plain UTF-8.

    In order: a byte-order mark; strict UTF-8; UTF-16 without a mark (every
    other byte zero); UTF-8 with a few bad bytes (replaced, with a note);
    cp1252 (or latin-1) when it decodes cleanly and reads as Western text; and
    only then a statistical guess (charset-normalizer), named in the note.
    """
    for magic, kind in _BINARY_MAGIC.items():
        if data.startswith(magic):
            raise InputError(where, f"{kind}, not text")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            text = data.decode(codec, errors="replace")
            return text.lstrip("\ufeff"), ((f"decoded as {name}",) if name else ())
    first_bad = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        first_bad = error.start
    else:
        if _control_share(text) <= 0.05:
            return text, ()
    utf16 = _utf16_without_bom(data)
    if utf16 is not None:
        return utf16
    if first_bad is None:
        raise InputError(where, "binary file, not text")
    if b"\x00" in data[:8192]:
        raise InputError(where, "binary file, not text")
    mostly_utf8 = _mostly_utf8(data)
    if mostly_utf8 is not None:
        text, bad = mostly_utf8
        return text, (f"not valid UTF-8: {bad} bad byte(s), the first at offset {first_bad}, replaced by �",)
    for codec in ("cp1252", "latin-1"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        if _reads_as_western(text) and _control_share(text) <= 0.01:
            return text, (f"not valid UTF-8 (byte {first_bad}); decoded as {codec}",)
    from charset_normalizer import from_bytes  # the last resort, and slow to import

    best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    text = data.decode(encoding, errors="replace")
    if _control_share(text) > 0.05:
        raise InputError(where, "binary file, not text")
    return text, (f"not valid UTF-8 (byte {first_bad}); encoding guessed as {encoding}",)


def _utf16_without_bom(data: bytes) -> tuple[str, tuple[str, ...]] | None:
    """UTF-16 text without a byte-order mark: zeros in every other byte of ASCII-heavy text."""
    if len(data) < 8 or len(data) % 2:
        return None
    for codec in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        visible = [c for c in text[:5000] if not c.isspace()]
        letters = sum(1 for c in visible if c.isalpha())
        # Real text: no control characters, mostly letters (a wrong byte order gives CJK soup or controls).
        if _control_share(text) <= 0.01 and visible and letters >= 0.6 * len(visible) and _one_script(visible):
            return text, (f"decoded as {codec.upper()} (no byte-order mark)",)
    return None


def _one_script(characters: list[str]) -> bool:
    """Whether the letters mostly share one Unicode block (256 code points), as text in one language does."""
    blocks: dict[int, int] = {}
    for c in characters:
        if c.isalpha():
            blocks[ord(c) >> 8] = blocks.get(ord(c) >> 8, 0) + 1
    return bool(blocks) and max(blocks.values()) >= 0.8 * sum(blocks.values())


def _mostly_utf8(data: bytes) -> tuple[str, int] | None:
    """UTF-8 with a few bad bytes: many valid multi-byte characters, few invalid bytes."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    multibyte = sum(1 for c in text if ord(c) > 127 and c != "\ufffd")
    return (text, bad) if multibyte >= 2 * bad else None


def _reads_as_western(text: str) -> bool:
    letters = [c for c in text[:50_000] if c.isalpha()]
    if not letters:
        return True
    return sum(1 for c in letters if ord(c) > 127) <= WESTERN_NON_ASCII_LETTERS * len(letters)


def reads_as_plain_utf8(start: bytes) -> bool:
    """Whether `decode` returns a file's text as it is (strict UTF-8, no note) when the file starts with `start`
    (the whole file, or at least its first CONTROL_SAMPLE characters, cut after a whole character) and all of it
    is valid UTF-8: what a file read a line at a time must be to give the same text as `decode`."""
    if start.startswith(tuple(_BINARY_MAGIC)) or start.startswith(tuple(bom for bom, _, _ in _BOMS)):
        return False
    try:
        return _control_share(start.decode("utf-8")) <= 0.05
    except UnicodeDecodeError:
        return False


CONTROL_SAMPLE = 20000  # characters a text's share of control characters is measured on


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:CONTROL_SAMPLE]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / len(sample)


# What no text of a document keeps: a terminal escape sequence (whole), C0 and C1 control characters but tab and
# newline, U+FFFE / U+FFFF, and surrogates. XML 1.0 (the Atom feed, the site) forbids most of them outright, and a
# surrogate cannot even be written as UTF-8.
_UNSAFE = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\r\n?|[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
_ANY_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")  # one class: a fast scan
_LINE_BREAKS = "\r\n\x0b\x0c\x1c\x1d\x1e\x85"  # what str.splitlines() breaks at: a break stays a break


_SURROGATE = re.compile("[\ud800-\udfff]")


def _made_safe(match: re.Match[str]) -> str:
    found = match.group()
    return "\n" if found[0] in _LINE_BREAKS else ""


def safe_text(text: str) -> tuple[str, int]:
    """The text without control characters (but tab and newline; a carriage return, vertical tab, form feed or
    NEL becomes a newline), terminal escape sequences, U+FFFE and U+FFFF; a lone surrogate (a JSON "\\ud800")
    becomes U+FFFD. Returns the text and how many lone surrogates were replaced."""
    if not _ANY_UNSAFE.search(text):
        return text, 0
    replaced = 0
    if _SURROGATE.search(text):
        before = text.count("\ufffd")  # a valid pair joins into one character; a lone one becomes U+FFFD
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        replaced = text.count("\ufffd") - before
    return _UNSAFE.sub(_made_safe, text), replaced


def safe_line(text: str) -> tuple[str, int]:
    """`safe_text` for a field of one line (a title, an outlet, a URL): line breaks and tabs become one space."""
    text, replaced = safe_text(text)
    return (_BREAKS.sub(" ", text).strip() if "\n" in text or "\t" in text else text), replaced


_BREAKS = re.compile(r"[^\S\n\t]*[\n\t]\s*")


def safe_document(document: Document) -> tuple[Document, tuple[str, ...]]:
    """The document with every string field made safe (`safe_text`; every field but the text is one line), and
    the fields that held a lone surrogate."""
    changed: dict[str, Any] = {}
    broken = []
    for field in fields(Document):
        value = getattr(document, field.name)
        if isinstance(value, str):
            safe, replaced = safe_text(value) if field.name == "text" else safe_line(value)
            if safe != value:  # an optional field with nothing left is no field
                changed[field.name] = safe if safe.strip() or field.default is not None else None
            if replaced:
                broken.append(field.name)
    return (replace(document, **changed) if changed else document), tuple(broken)
