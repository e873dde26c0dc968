"""Cleaning: small named steps that strip what scrapers leave in news text.

Each block step takes the document's blocks (paragraphs) and returns the blocks
it keeps plus a record of what it removed, so `--explain` and JSON output can
show exactly what was taken out and why. Nothing here guesses at the content
of a story: the steps look for the shapes of page furniture (captions,
bylines, comment widgets, share bars, headings).

text.py       text-level steps: Unicode, glued widgets and sentences, blocks
credits.py    captions, credits, bylines, desk and agency tags (an agency names the outlet)
furniture.py  comment and share widgets, navigation, what a comment section starts
headings.py   headlines, kickers, section headings, a repeated title
"""

from __future__ import annotations

from collections.abc import Callable

from ...documents import CleanDocument, Document, Removal
from .credits import remove_bylines, remove_captions
from .furniture import remove_furniture
from .headings import remove_headings, remove_repeated_title
from .steps import StepResult
from .text import fix_missing_spaces, normalize_unicode, split_blocks, strip_glued_furniture, strip_widget_labels

__all__ = [
    "BLOCK_STEPS",
    "StepResult",
    "clean",
    "fix_missing_spaces",
    "normalize_unicode",
    "remove_bylines",
    "remove_captions",
    "remove_furniture",
    "remove_headings",
    "remove_repeated_title",
    "split_blocks",
    "strip_glued_furniture",
    "strip_widget_labels",
]


BLOCK_STEPS: tuple[Callable[[list[str]], StepResult], ...] = (
    remove_furniture,
    remove_bylines,
    remove_captions,
)


def clean(document: Document) -> CleanDocument:
    """Run every cleaning step over one document."""
    text = normalize_unicode(document.text)
    blocks = split_blocks(text)
    removed: list[Removal] = []
    result = remove_repeated_title(blocks, document.title)
    blocks, removed = result.blocks, list(result.removed)
    title, source = document.title, document.source
    for step in BLOCK_STEPS:
        result = step(blocks)
        blocks = result.blocks
        removed.extend(result.removed)
        title = title or result.title
        source = source or result.source
    result = remove_headings(blocks, has_title=bool(document.title))
    blocks, headings = result.blocks, result.headings
    removed.extend(result.removed)
    title = title or result.title
    if not blocks:
        # A one-line article ("Tara Reid enters rehab") looks like a headline; it is the whole article.
        headlines = [r for r in removed if r.step == "headline"]
        if headlines:
            restored = max(headlines, key=lambda r: len(r.text))
            removed.remove(restored)
            blocks = [restored.text]
    paragraphs = []
    for block in blocks:
        block, labels = strip_widget_labels(block)
        removed.extend(Removal("widget", label) for label in labels)
        block, glued = strip_glued_furniture(block)
        removed.extend(Removal("byline" if " By " in g else "widget", g) for g in glued)
        fixed_block, fixes = fix_missing_spaces(block)
        removed.extend(Removal("missing-space", f) for f in fixes)
        paragraphs.append(fixed_block)
    return CleanDocument(
        document=document,
        paragraphs=tuple(paragraphs),
        removed=tuple(removed),
        title=title,
        source=source,
        headings=tuple(headings),
    )
