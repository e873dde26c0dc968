"""Benchmark clusters: one JSON file per cluster, documents and references.

The layout of ../shared/data (and of a user's own data):
    {"id": ..., "documents": [{"id", "title"?, "text"}], "references": ["...", ...], "meta": {...}}
Each known set has standard settings (summary length, ROUGE flags) that
comparisons use unless told otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..documents import Document
from ..errors import InputError, InputNotFound


@dataclass(frozen=True)
class Cluster:
    id: str
    documents: tuple[Document, ...]
    references: tuple[str, ...]
    meta: dict[str, Any] = field(default_factory=dict)
    query: str | None = None  # the topic statement ({"title", "narrative"} joined), when the set has one


@dataclass(frozen=True)
class StandardSettings:
    """How a set is conventionally scored."""

    words: int
    stem: bool
    metrics: tuple[str, ...]
    measure: str  # which of recall / f the literature reports
    note: str = ""
    truncate_words: int | None = None  # ROUGE-1.5.5 -l: summaries and references cut to this many words


STANDARD_SETTINGS: dict[str, StandardSettings] = {
    "tac2011_multiling_en": StandardSettings(
        words=250,
        stem=False,
        metrics=("rouge-1", "rouge-2", "rouge-su4"),
        measure="recall",
        note="TAC 2011 MultiLing: ROUGE-1.5.5 -n 2 -2 4 -u -f A -p 0.5 -t 0, no stemming, 240-250 words",
    ),
    "multinews_test_sample250": StandardSettings(
        words=260,
        stem=True,
        metrics=("rouge-1", "rouge-2", "rouge-su4", "rouge-lsum"),
        measure="f",
        note="Multi-News: F1 with stemming, summaries of about 260-300 words",
    ),
    "duc2003_task2": StandardSettings(
        words=100,
        stem=True,
        metrics=("rouge-1", "rouge-2", "rouge-su4"),
        measure="recall",
        note="DUC 2003 task 2: ROUGE-1.5.5 -n 2 -2 4 -u -m -l 100, recall, 100 words",
        truncate_words=100,
    ),
}
DEFAULT_SETTINGS = StandardSettings(words=250, stem=True, metrics=("rouge-1", "rouge-2", "rouge-su4"), measure="f")


def is_cluster_record(data: object) -> bool:
    """A benchmark cluster: an object with a 'documents' list and references."""
    return isinstance(data, dict) and isinstance(data.get("documents"), list) and bool(data.get("references"))


def is_dataset(paths: Sequence[str]) -> bool:
    """Whether the paths name one directory of cluster files (judged by its first file)."""
    if len(paths) != 1 or not Path(paths[0]).is_dir():
        return False
    files = sorted(Path(paths[0]).glob("*.json"))
    if not files:
        return False
    try:
        return is_cluster_record(json.loads(files[0].read_text(encoding="utf-8")))
    except (OSError, ValueError):
        return False


def load_cluster(path: Path) -> Cluster:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise InputError(str(path), f"not a readable cluster file ({error})") from None
    if not isinstance(data, dict) or not isinstance(data.get("documents"), list):
        raise InputError(str(path), "not a cluster file: no 'documents' list")
    documents = []
    for number, record in enumerate(data["documents"]):
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            raise InputError(str(path), f"document {number} has no 'text'")
        documents.append(
            Document(
                id=str(record.get("id") or f"{path.stem}#{number}"),
                text=record["text"],
                title=record.get("title") or None,
                source=record.get("source") or None,
                date=record.get("date") or None,
                path=str(path),
            )
        )
    references = data.get("references") or []
    if not all(isinstance(r, str) for r in references):
        raise InputError(str(path), "'references' must be a list of strings")
    return Cluster(str(data.get("id") or path.stem), tuple(documents), tuple(references), data.get("meta") or {},
                   _query(data.get("query")))  # fmt: skip


def _query(value: Any) -> str | None:
    """A cluster's topic statement: a string, or DUC's {"title", "narrative"} as one text."""
    if isinstance(value, dict):
        value = ". ".join(str(value[k]).strip().rstrip(".") for k in ("title", "narrative") if value.get(k)) + "."
    return value.strip() if isinstance(value, str) and value.strip() not in ("", ".") else None


def load_dataset(path: str | Path) -> list[Cluster]:
    """Every cluster file of a directory, sorted by file name."""
    folder = Path(path)
    if not folder.exists():
        raise InputNotFound(str(path), "no such file or directory")
    if not folder.is_dir():
        raise InputError(str(path), "not a directory of cluster files")
    files = sorted(folder.glob("*.json"))
    if not files:
        raise InputError(str(path), "no cluster files (*.json) in this directory")
    return [load_cluster(f) for f in files]


def standard_settings(path: str | Path) -> StandardSettings:
    return STANDARD_SETTINGS.get(Path(path).name, DEFAULT_SETTINGS)
