"""Summary and reference files for `summarizer eval`: one sentence a line, or a digest's text or JSON view (read
as its sentences), and pairs of a summary and its references as JSON Lines."""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from ..errors import InputError
from .decoding import decode
from .ingest import read_bytes

if TYPE_CHECKING:
    from ..evaluation.corpus import Item

__all__ = ["read_pairs", "read_sentences", "sentences_of_text"]


# A digest's text view: "sentence [2; also 1, 4]", "sentence [fused from 1, 3]", then the differences and "Sources".
_AFTER_THE_SENTENCES = re.compile(r"\n\n(?:Where the outlets differ|Sources)\n")
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
        head = _AFTER_THE_SENTENCES.split(text, maxsplit=1)[0]
        lines = [_SOURCE_MARKER.sub("", line) for line in head.split("\n")]
    return [line for line in (line.rstrip("\r") for line in lines) if line.strip()] if lines else []


def read_sentences(path: str) -> list[str]:
    """A summary or reference file (or '-' for stdin) as its sentences."""
    data = read_bytes(path)
    text, _ = decode(data, path) if data else ("", ())
    return sentences_of_text(text)


def read_pairs(path: str) -> list[Item]:
    """JSON Lines of {"id", "summary", "references": [...]} as evaluation items."""
    from ..evaluation.corpus import Item  # evaluation brings numpy; only scoring needs it

    text, _ = decode(read_bytes(path), path)
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
