"""Plain renderers: every format is a pure function of the Digest."""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from ..documents import Digest

FORMATS = ("text", "markdown", "json")
JSON_SCHEMA_VERSION = 1


def source_numbers(digest: Digest) -> dict[str, int]:
    """Document id -> 1-based number used in source markers."""
    return {info.id: number for number, info in enumerate(digest.documents, start=1)}


def source_marker(digest: Digest, sentence) -> str:
    numbers = source_numbers(digest)
    if sentence.fused_from:
        sources = ", ".join(dict.fromkeys(str(numbers[d]) for d, _ in sentence.fused_from if d in numbers))
        return f"[{sentence.kind} from {sources}]"
    main = str(numbers[sentence.document])
    others = ", ".join(str(numbers[d]) for d in sentence.also_reported_by)
    return f"[{main}; also {others}]" if others else f"[{main}]"


def source_label(info) -> str:
    parts = [info.id]
    if info.source:
        parts.append(info.source)
    if info.title:
        parts.append(f"“{info.title}”")
    return " — ".join(parts)


def to_dict(digest: Digest) -> dict[str, Any]:
    """The documented JSON contract (see README, "JSON output")."""
    return {
        "schema": JSON_SCHEMA_VERSION,
        "summarizer": {"version": digest.stats.get("version")},
        "settings": digest.options.to_dict(),
        "sentences": [
            {
                "text": s.text,
                "document": s.document,
                "index": s.index,
                "score": s.score,
                "also_reported_by": list(s.also_reported_by),
                "truncated": s.truncated,
                "kind": s.kind,
                **({"fused_from": [{"document": d, "index": i} for d, i in s.fused_from]} if s.fused_from else {}),
            }
            for s in digest.sentences
        ],
        "words": digest.word_count,
        "documents": [
            {
                "id": d.id,
                "title": d.title,
                "source": d.source,
                "url": d.url,
                "date": d.date,
                "path": d.path,
                "sentences": d.sentences,
                "removed": [asdict(r) for r in d.removed],
                "notes": list(d.notes),
            }
            for d in digest.documents
        ],
        "notes": list(digest.notes),
        "stats": {k: v for k, v in digest.stats.items() if k != "seconds"},
    }


def _explain_lines(digest: Digest) -> list[str]:
    lines = ["", "What cleaning removed"]
    for info in digest.documents:
        lines.append(f"  {info.id}: {len(info.removed)} item(s), {info.sentences} sentences kept")
        for removal in info.removed:
            text = removal.text if len(removal.text) <= 100 else removal.text[:97] + "..."
            lines.append(f"    - {removal.step}: {text}")
    variants = digest.stats.get("merged_name_variants") or {}
    if variants:
        lines.append("Spelling variants counted as one term")
        lines.extend(f"  {a} -> {b}" for a, b in variants.items())
    return lines


def render_text(digest: Digest, *, sources: bool = True, explain: bool = False) -> str:
    if not sources:
        return "\n".join(s.text for s in digest.sentences) + "\n"
    lines = [f"{s.text} {source_marker(digest, s)}" for s in digest.sentences]
    lines += ["", "Sources"]
    lines += [f"  [{n}] {source_label(info)}" for n, info in enumerate(digest.documents, start=1)]
    if digest.notes:
        lines += ["", "Notes"] + [f"  {note}" for note in digest.notes]
    if explain:
        lines += _explain_lines(digest)
    return "\n".join(lines) + "\n"


def _md_escape(text: str) -> str:
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def render_markdown(digest: Digest, *, sources: bool = True, explain: bool = False) -> str:
    count = len(digest.documents)
    lines = [f"# Digest of {count} article{'s' if count != 1 else ''}", ""]
    if not sources:
        return "\n".join(lines + [" ".join(_md_escape(s.text) for s in digest.sentences), ""])
    for sentence in digest.sentences:
        marker = source_marker(digest, sentence).replace("[", "\\[").replace("]", "\\]")
        lines.append(f"- {_md_escape(sentence.text)} {marker}")
    lines += ["", "## Sources", ""]
    for number, info in enumerate(digest.documents, start=1):
        label = _md_escape(source_label(info))
        if info.url:
            label = f"[{label}]({info.url})"
        lines.append(f"{number}. {label}")
    if digest.notes:
        lines += ["", "## Notes", ""] + [f"- {_md_escape(n)}" for n in digest.notes]
    if explain:
        lines += ["", "## What cleaning removed", "", "```"] + _explain_lines(digest)[2:] + ["```"]
    return "\n".join(lines) + "\n"


def render(digest: Digest, fmt: str = "text", *, sources: bool = True, explain: bool = False) -> str:
    """The digest in one of FORMATS, as a string ending in a newline."""
    if fmt == "json":
        return json.dumps(to_dict(digest), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return render_markdown(digest, sources=sources, explain=explain)
    if fmt == "text":
        return render_text(digest, sources=sources, explain=explain)
    raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")


def write_atomic(path: str | os.PathLike, content: str) -> None:
    """Write a file so that readers see the old content or the new, never half."""
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
