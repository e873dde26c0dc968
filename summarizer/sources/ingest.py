"""Reading articles: paths, globs, directories and stdin into Documents.

Formats: plain text, Markdown, HTML (main text by trafilatura), JSON and JSONL
records (`text` with optional `id`, `title`, `source`, `url`, `date`), feeds
(summarizer.sources.feeds), and the cluster files of the benchmark layout
(`{"documents": [...], ...}`). Bytes become text through summarizer.sources.decoding; a
document whose bytes were not plain UTF-8 carries a note saying so.

A problem with one file of several is a warning and the file is skipped; a
path that does not exist, or input with no usable text at all, is an error.
"""

from __future__ import annotations

import glob
import json
import re
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO

from ..documents import Document
from ..errors import InputError, InputNotFound
from .decoding import CONTROL_SAMPLE, decode, reads_as_plain_utf8, safe_document
from .feeds import is_feed


@dataclass
class LoadResult:
    documents: list[Document] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


TEXT_SUFFIXES = {".txt", ".text", ""}
MARKDOWN_SUFFIXES = {".md", ".markdown", ".mdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
FEED_SUFFIXES = {".rss", ".atom", ".xml"}
MAX_FILE_BYTES = 200 * 1024 * 1024  # one article, page or feed: larger is not an article
MAX_EXPORT_BYTES = 2 * 1024 * 1024 * 1024  # JSON / JSON Lines: a day's export of 100,000 articles is ~700 MB
_GLOB_CHARS = re.compile(r"[*?\[]")


# --------------------------------------------------------------------------
# Text to documents, by format


_FRONT_MATTER = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FRONT_FIELD = re.compile(r"^([A-Za-z_][\w-]*)[ \t]*:[ \t]*(.*?)[ \t]*$")


def _front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML front matter of a Markdown file (Jekyll, Hugo): its plain `key: value` fields, and the text after it."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return {}, text
    fields = {}
    for line in match.group(1).splitlines():
        found = _FRONT_FIELD.match(line)
        if found and found.group(2):
            fields[found.group(1).lower()] = found.group(2).strip("\"'")
    return fields, text[match.end() :]


def _markdown_to_text(text: str) -> tuple[str, str | None]:
    """Plain paragraphs of a Markdown text, and its first level-1 heading."""
    from markdown_it import MarkdownIt

    tokens = MarkdownIt("commonmark").parse(text)
    blocks: list[str] = []
    title = None
    in_heading = None
    for token in tokens:
        if token.type == "heading_open":
            in_heading = token.tag
        elif token.type == "heading_close":
            in_heading = None
        elif token.type == "inline":
            parts = []
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak",):
                    parts.append(" ")
                elif child.type == "hardbreak":
                    parts.append("\n")
            block = "".join(parts).strip()
            if not block:
                continue
            if in_heading == "h1" and title is None and not blocks:
                title = block
            blocks.append(block)
        elif token.type in ("fence", "code_block"):
            continue
    return "\n\n".join(blocks), title


# A character reference to a C0 control or to U+FFFE / U+FFFF ("&#1;", "&#x1b;") makes the HTML parser drop the
# whole page, so such references become a space first (&#128;-&#159; are cp1252's characters in HTML: they stay).
_BAD_REFERENCE = re.compile(
    r"&#(?:0*(?:[1-8]|1[124-9]|2[0-9]|3[01]|6553[45])|[xX]0*(?:[1-8bcefBCEF]|1[0-9a-fA-F]|[fF]{3}[eEfF]))(?![0-9a-fA-F]);?"
)


def _html_to_document(html: str, doc_id: str, path: str | None) -> Document:
    import trafilatura

    html = _BAD_REFERENCE.sub(" ", html) if "&#" in html else html
    extracted = trafilatura.bare_extraction(html, include_comments=False, include_tables=False, with_metadata=True)
    if extracted is None:
        raise InputError(path or doc_id, "no article text found in this HTML page")
    data = extracted.as_dict() if hasattr(extracted, "as_dict") else dict(extracted)
    text = data.get("text") or ""
    if not text.strip():
        raise InputError(path or doc_id, "no article text found in this HTML page")
    return Document(
        id=doc_id,
        text=text,
        title=data.get("title") or None,
        source=data.get("sitename") or None,
        url=data.get("url") or None,
        date=data.get("date") or None,
        path=path,
    )


_TEXT_KEYS = ("text", "content", "body", "article")


def _record_to_document(record: Any, fallback_id: str, path: str | None) -> Document:
    where = path or fallback_id
    if not isinstance(record, dict):
        raise InputError(where, f"record {fallback_id} is not a JSON object")
    text = next((record[k] for k in _TEXT_KEYS if isinstance(record.get(k), str)), None)
    if text is None:
        raise InputError(where, f"record {fallback_id} has no 'text' field")
    if not text.strip() and isinstance(record.get("title"), str):
        text = record["title"]  # a one-line article whose line was stored as its title

    def optional(key: str) -> str | None:
        value = record.get(key)
        return str(value) if value not in (None, "") else None

    return Document(
        id=optional("id") or fallback_id,
        text=text,
        title=optional("title"),
        source=optional("source") or optional("outlet"),
        url=optional("url"),
        date=optional("date") or optional("published"),
        path=path,
    )


def _safe(document: Document, where: str, warnings: list[str]) -> Document:
    """The document with every field made safe (summarizer.sources.decoding.safe_text); a field that held a lone surrogate
    (a JSON "\\ud800", which is no character) is a warning naming where it was."""
    document, broken = safe_document(document)
    if broken:
        warnings.append(f"{where}: invalid Unicode (a lone surrogate) in {', '.join(broken)}; replaced by \ufffd")
    return document


def _json_to_documents(text: str, stem: str, path: str | None, warnings: list[str]) -> list[Document]:
    where = path or stem
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        if error.msg == "Extra data" and text.lstrip().startswith("{"):
            return _jsonl_to_documents(text, stem, path, warnings)  # JSON Lines without the suffix
        raise InputError(where, f"invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}") from None
    if isinstance(data, dict) and isinstance(data.get("documents"), list):
        records = data["documents"]  # a cluster file
    elif isinstance(data, dict):
        records = [data]
    elif isinstance(data, list):
        records = data
    else:
        raise InputError(where, "JSON must be an object, a list of objects or a cluster file")
    if len(records) == 1:
        return [_safe(_record_to_document(records[0], stem, path), where, warnings)]
    return [_safe(_record_to_document(r, f"{stem}#{i}", path), f"{where}: record {i}", warnings)
            for i, r in enumerate(records)]  # fmt: skip


def _jsonl_to_documents(text: str, stem: str, path: str | None, warnings: list[str]) -> list[Document]:
    """One record a line; a bad line is a warning naming it, and the other records are kept."""
    return _json_lines_to_documents(text.splitlines(), stem, path, warnings)


def _json_lines_to_documents(lines: Iterable[str], stem: str, path: str | None, warnings: list[str]) -> list[Document]:
    """_jsonl_to_documents of a text's lines (str.splitlines)."""
    where = path or stem
    documents = []
    already = len(warnings)  # the list holds other files' warnings too
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = _record_to_document(json.loads(line), f"{stem}#{number}", path)
            documents.append(_safe(record, f"{where}: line {number}", warnings))
        except json.JSONDecodeError as error:
            warnings.append(f"{where}: line {number} skipped: invalid JSON ({error.msg})")
        except InputError as error:
            warnings.append(f"{where}: line {number} skipped: {error.problem}")
    if not documents and len(warnings) > already:
        raise InputError(where, f"no usable record (line {warnings[already].split('line ', 1)[-1]}")
    return documents


def _feed_to_documents(data: bytes, stem: str, path: str | None, warnings: list[str]) -> list[Document]:
    from .feeds import NotAFeed, entry_document, parse_feed

    try:
        feed = parse_feed(data)
    except NotAFeed:
        raise InputError(path or stem, "no entries found in this feed") from None
    if feed.problem:
        warnings.append(f"{path or stem}: malformed feed ({feed.problem}); read {len(feed.entries)} entries")
    documents = []
    for number, entry in enumerate(feed.entries, start=1):
        doc_id = entry.id or entry.link or f"{stem}#{number}"
        if entry.repaired:
            warnings.append(f"{path or stem}: entry {number}: invalid Unicode (a lone surrogate) in "
                            f"{', '.join(entry.repaired)}; replaced by \ufffd")  # fmt: skip
        document = entry_document(entry, doc_id=doc_id, outlet=feed.title, path=path)
        if document is None:
            warnings.append(f"{path or stem}: feed entry {number} has no text; skipped")
            continue
        documents.append(document)
    if not documents:
        raise InputError(path or stem, "no entry of this feed has any text")
    return documents


def _looks_like_html(text: str) -> bool:
    head = text[:2000].lstrip().lower()
    return head.startswith(("<!doctype html", "<html")) or bool(re.search(r"<(body|article|p|div)\b", head))


def parse_bytes(
    data: bytes, *, name: str, path: str | None = None, suffix: str = "", warnings: list[str] | None = None
) -> list[Document]:
    """Documents of one file's (or stdin's) bytes; problems with single records go to `warnings`."""
    warnings = [] if warnings is None else warnings
    where = path or name
    if not data.strip():
        raise InputError(where, "empty file (no text)")
    suffix = suffix.lower()
    if suffix in FEED_SUFFIXES or (suffix in ("", *JSON_SUFFIXES) and is_feed(data)):
        return _feed_to_documents(data, name, path, warnings)
    text, notes = decode(data, where)
    if not text.strip():
        raise InputError(where, "empty file (no text)")
    stripped = text.lstrip()
    if suffix in JSON_SUFFIXES or (suffix in TEXT_SUFFIXES and stripped[:1] in "[{" and suffix != ".txt"):
        documents = _json_to_documents(text, name, path, warnings)
    elif suffix in JSONL_SUFFIXES:
        documents = _jsonl_to_documents(text, name, path, warnings)
    elif suffix in HTML_SUFFIXES or (suffix in TEXT_SUFFIXES and _looks_like_html(text)):
        documents = [_safe(_html_to_document(text, name, path), where, warnings)]
    elif suffix in MARKDOWN_SUFFIXES:
        fields, text = _front_matter(text)
        body, title = _markdown_to_text(text)
        documents = [_safe(Document(id=name, text=body, title=fields.get("title") or title, path=path,
                                    source=fields.get("source") or fields.get("outlet") or fields.get("publisher"),
                                    url=fields.get("url") or fields.get("link"), date=fields.get("date")),
                           where, warnings)]  # fmt: skip
    else:
        documents = [_safe(Document(id=name, text=text, path=path), where, warnings)]
    documents = [d for d in documents if d.text.strip()]
    if not documents:
        raise InputError(where, "no text in this file")
    return [replace(d, notes=d.notes + notes) if notes else d for d in documents]


# --------------------------------------------------------------------------
# Paths


def expand_paths(paths: Sequence[str]) -> list[Path]:
    """Files named by paths, globs and directories (recursively, sorted, no hidden files)."""
    files: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and not any(part.startswith(".") for part in p.relative_to(path).parts)
            )
            if not found:
                raise InputError(raw, "directory contains no files")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        elif path.exists():
            raise InputError(raw, "not a regular file")
        elif _GLOB_CHARS.search(raw):
            matched = sorted(Path(p) for p in glob.glob(raw, recursive=True) if Path(p).is_file())
            if not matched:
                raise InputNotFound(raw, "no files match this pattern")
            files.extend(matched)
        else:
            raise InputNotFound(raw, "no such file or directory")
    return files


def unique_ids(documents: Iterable[Document]) -> list[Document]:
    seen: dict[str, int] = {}
    unique = []
    for document in documents:
        count = seen.get(document.id, 0)
        seen[document.id] = count + 1
        unique.append(document if count == 0 else replace(document, id=f"{document.id}~{count + 1}"))
    return unique


def read_file(path: Path, warnings: list[str] | None = None) -> list[Document]:
    warnings = [] if warnings is None else warnings
    if path.suffix.lower() in JSONL_SUFFIXES:
        documents = _read_json_lines(path, warnings)
        if documents is not None:
            return documents
    data = read_bytes(str(path))
    return parse_bytes(data, name=path.stem, path=str(path), suffix=path.suffix, warnings=warnings)


class _NotPlainUtf8(Exception):
    """A file that is not plain UTF-8 throughout: it is read whole (see _read_json_lines)."""


def _read_json_lines(path: Path, warnings: list[str]) -> list[Document] | None:
    """A JSON Lines file's documents, read a line at a time: a day's export of 100,000 articles is hundreds of MB,
    and its bytes, its text and its lines at once took several times that. The same documents and warnings as
    reading it whole (parse_bytes) when it is plain UTF-8 and has a usable record; else None (and no warning),
    and parse_bytes decides."""
    already = len(warnings)
    try:
        if path.stat().st_size > MAX_EXPORT_BYTES:
            return None
        with open(path, "rb") as stream:
            documents = _json_lines_to_documents(_plain_lines(stream), path.stem, str(path), warnings)
    except (OSError, InputError, _NotPlainUtf8):
        del warnings[already:]
        return None
    documents = [d for d in documents if d.text.strip()]
    if not documents:
        del warnings[already:]
    return documents or None


def _plain_lines(stream: BinaryIO) -> Iterator[str]:
    """The lines of a plain UTF-8 stream (reads_as_plain_utf8), as str.splitlines of its whole text gives them: a
    piece of the text that ends with a newline breaks into the same lines alone as within the whole. Raises
    _NotPlainUtf8 on the first sign it is not plain."""
    start: list[bytes] | None = []  # the first pieces, until they tell whether the stream is plain
    size = 0
    for piece in stream:  # pieces end after b"\n", never inside a UTF-8 character
        if start is not None:
            start.append(piece)
            size += len(piece)
            if size < 4 * CONTROL_SAMPLE:  # a character is at most 4 bytes
                continue
            yield from _checked_start(start)
            start = None
            continue
        try:
            yield from piece.decode("utf-8").splitlines()
        except UnicodeDecodeError:
            raise _NotPlainUtf8 from None
    if start is not None:
        yield from _checked_start(start)


def _checked_start(pieces: list[bytes]) -> list[str]:
    """The lines of a stream's first pieces, if it reads as plain UTF-8 from them."""
    if not reads_as_plain_utf8(b"".join(pieces)):
        raise _NotPlainUtf8
    return [line for piece in pieces for line in piece.decode("utf-8").splitlines()]


def load_paths(paths: Sequence[str]) -> LoadResult:
    """Documents of every file named; unusable files become warnings.

    Raises InputError when a path does not exist or when nothing usable is left.
    """
    files = expand_paths(paths)
    result = LoadResult()
    errors: list[InputError] = []
    for path in files:
        try:
            result.documents.extend(read_file(path, result.warnings))
        except InputError as error:
            errors.append(error)
            result.warnings.append(f"skipped {error}")
    if not result.documents:
        if len(errors) == 1:
            raise errors[0]
        raise InputError(", ".join(paths), f"no usable text in {len(files)} files")
    result.documents = unique_ids(result.documents)
    return result


def load_stream(stream: BinaryIO, *, name: str = "stdin") -> LoadResult:
    """Documents read from a byte stream such as stdin."""
    warnings: list[str] = []
    documents = parse_bytes(stream.read(), name=name, path="<stdin>", warnings=warnings)
    return LoadResult(documents=unique_ids(documents), warnings=warnings)


def load_inputs(paths: Sequence[str], *, stdin: BinaryIO | None = None) -> LoadResult:
    """Paths, or stdin when the only path is '-' (or none is given)."""
    if not paths or list(paths) == ["-"]:
        return load_stream(stdin or sys.stdin.buffer)
    if "-" in paths:
        raise InputError("-", "stdin cannot be combined with other paths")
    return load_paths(paths)


def documents_from_texts(texts: str | Document | Sequence[str | Document]) -> list[Document]:
    """Documents for the API: plain strings get ids doc1, doc2, ...; one string is one document. Every field is
    made safe as the files' are (a caller's text may hold control characters or lone surrogates too); a lone
    surrogate is a note of the document."""
    if isinstance(texts, (str, Document)):
        texts = [texts]
    documents = [t if isinstance(t, Document) else Document(id=f"doc{i}", text=t) for i, t in enumerate(texts, start=1)]
    return unique_ids(safe_documents(documents))


def safe_documents(documents: Iterable[Document]) -> list[Document]:
    """Documents a caller made, every field made safe as the files' are (`documents_from_texts` without new ids):
    what `daily()` is given may hold control characters or lone surrogates too."""
    return [_noted_safe(d) for d in documents]


def _noted_safe(document: Document) -> Document:
    notes: list[str] = []
    safe = _safe(document, "", notes)
    return replace(safe, notes=(*safe.notes, *(n.removeprefix(": ") for n in notes))) if notes else safe


# --------------------------------------------------------------------------
# Summaries and references to score


def read_bytes(path: str) -> bytes:
    """A file's bytes ('-': stdin), every failure one InputError naming the file."""
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        size = Path(path).stat().st_size
        most = MAX_EXPORT_BYTES if Path(path).suffix.lower() in JSON_SUFFIXES | JSONL_SUFFIXES else MAX_FILE_BYTES
        if size > most:
            megabytes, limit = size // (1024 * 1024), most // (1024 * 1024)
            raise InputError(path, f"file is {megabytes} MB; the limit is {limit} MB")
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputNotFound(path, "no such file or directory") from None
    except PermissionError:
        raise InputError(path, "permission denied") from None
    except IsADirectoryError:
        raise InputError(path, "is a directory, not a file") from None
    except OSError as error:
        raise InputError(path, error.strerror or "cannot be read") from None
