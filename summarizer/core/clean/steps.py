"""What every block step returns, and the word count the steps share."""

from __future__ import annotations

from dataclasses import dataclass, field

from ...documents import Removal

__all__ = ["StepResult", "words_in"]


@dataclass
class StepResult:
    blocks: list[str]
    removed: list[Removal] = field(default_factory=list)
    title: str | None = None
    source: str | None = None
    headings: list[int] = field(default_factory=list)  # kept blocks that are section headings


def words_in(text: str) -> int:
    return len(text.split())
