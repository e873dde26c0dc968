"""Reading articles: paths, globs, directories and stdin into Documents.

Formats: plain text, Markdown, HTML (main text by trafilatura), JSON and JSONL
records (`text` with optional `id`, `title`, `source`, `url`, `date`), and the
cluster files of the benchmark layout (`{"documents": [...], ...}`). Bytes are
decoded as UTF-8 (with or without BOM), UTF-16 with BOM, or, failing that, the
encoding charset-normalizer detects; the document carries a note saying so.

A problem with one file of several is a warning and the file is skipped; a
path that does not exist, or input with no usable text at all, is an error.
"""

from __future__ import annotations

import glob
import json
import re
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from .documents import Document
from .errors import InputError, InputNotFound
from .feeds import is_feed

if TYPE_CHECKING:
    from .evaluation.corpus import Item


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
_BINARY_MAGIC = {
    b"%PDF": "a PDF file",
    b"PK\x03\x04": "a zip archive (or an office document)",
    b"\x1f\x8b": "a gzip archive",
    b"\x89PNG": "a PNG image",
    b"\xff\xd8\xff": "a JPEG image",
    b"GIF8": "a GIF image",
    b"\x7fELF": "an executable",
}


# --------------------------------------------------------------------------
# Bytes to text


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


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    sample = text[:20000]
    controls = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return controls / len(sample)


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


def _html_to_document(html: str, doc_id: str, path: str | None) -> Document:
    import trafilatura

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
        return [_record_to_document(records[0], stem, path)]
    return [_record_to_document(r, f"{stem}#{i}", path) for i, r in enumerate(records)]


def _jsonl_to_documents(text: str, stem: str, path: str | None, warnings: list[str]) -> list[Document]:
    """One record a line; a bad line is a warning naming it, and the other records are kept."""
    where = path or stem
    documents = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            documents.append(_record_to_document(json.loads(line), f"{stem}#{number}", path))
        except json.JSONDecodeError as error:
            warnings.append(f"{where}: line {number} skipped: invalid JSON ({error.msg})")
        except InputError as error:
            warnings.append(f"{where}: line {number} skipped: {error.problem}")
    if not documents and warnings:
        raise InputError(where, f"no usable record (line {warnings[0].split('line ', 1)[-1]}")
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
        documents = [_html_to_document(text, name, path)]
    elif suffix in MARKDOWN_SUFFIXES:
        fields, text = _front_matter(text)
        body, title = _markdown_to_text(text)
        documents = [Document(id=name, text=body, title=fields.get("title") or title, path=path,
                              source=fields.get("source") or fields.get("outlet") or fields.get("publisher"),
                              url=fields.get("url") or fields.get("link"), date=fields.get("date"))]  # fmt: skip
    else:
        documents = [Document(id=name, text=text, path=path)]
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
    data = _read_bytes(str(path))
    return parse_bytes(data, name=path.stem, path=str(path), suffix=path.suffix, warnings=warnings)


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
    """Documents for the API: plain strings get ids doc1, doc2, ...; one string is one document."""
    if isinstance(texts, (str, Document)):
        texts = [texts]
    documents = [t if isinstance(t, Document) else Document(id=f"doc{i}", text=t) for i, t in enumerate(texts, start=1)]
    return unique_ids(documents)


# --------------------------------------------------------------------------
# Summaries and references to score


def _read_bytes(path: str) -> bytes:
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


# A digest's text view: "sentence [2; also 1, 4]", "sentence [fused from 1, 3]", then "Sources".
_SOURCE_MARKER = re.compile(r"\s\[(?:\d+(?:; also \d+(?:, \d+)*)?|(?:fused|compressed|neural) from \d+(?:, \d+)*)\]$")


def sentences_of_text(text: str) -> list[str]:
    """The sentences of a summary file: one per line; a digest's JSON or text view is read as its sentences."""
    if text.lstrip().startswith("{"):
        try:
            digest = json.loads(text)
        except ValueError:
            digest = None
        if isinstance(digest, dict) and isinstance(digest.get("sentences"), list):
            return [str(s.get("text", "")) if isinstance(s, dict) else str(s) for s in digest["sentences"]]
    lines = text.split("\n")
    if any(_SOURCE_MARKER.search(line) for line in lines):
        head = text.split("\n\nSources\n", 1)[0]
        lines = [_SOURCE_MARKER.sub("", line) for line in head.split("\n")]
    return [line for line in (line.rstrip("\r") for line in lines) if line.strip()] if lines else []


def read_sentences(path: str) -> list[str]:
    """A summary or reference file (or '-' for stdin) as its sentences."""
    data = _read_bytes(path)
    text, _ = decode(data, path) if data else ("", ())
    return sentences_of_text(text)


def read_pairs(path: str) -> list[Item]:
    """JSON Lines of {"id", "summary", "references": [...]} as evaluation items."""
    from .evaluation.corpus import Item  # evaluation brings numpy; only scoring needs it

    text, _ = decode(_read_bytes(path), path)
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except ValueError as error:
            raise InputError(path, f"line {number} is not JSON ({error})") from None
        if not isinstance(record, dict):
            raise InputError(path, f"line {number} is not a JSON object")
        summary, references = record.get("summary"), record.get("references")
        if not isinstance(summary, str):
            raise InputError(path, f"line {number} has no 'summary' string")
        if not isinstance(references, list) or not references or not all(isinstance(r, str) for r in references):
            raise InputError(path, f"line {number} needs 'references': a non-empty list of strings")
        items.append(Item(id=str(record.get("id", number)), summary=summary, references=references))
    if not items:
        raise InputError(path, "no pairs in this file")
    return items
