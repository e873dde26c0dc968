"""Headlines, kickers and section headings: a headline becomes the title, a heading stays marked (never a
digest sentence); list items and labelled lines are content, however short."""

from __future__ import annotations

import re

from ...documents import Removal
from .steps import StepResult, words_in

__all__ = ["remove_headings", "remove_repeated_title"]


_TERMINAL = re.compile(r"[.!?…:;][\"”’')\]]*$|[\"”’][.!?]?$")
# List items, table rows and "Label: value" lines are content, however short: a recipe's
# "200 g Zucker" or "Moderator: Jane Doe" must survive (measured on trafilatura's pages).
_LIST_ITEM = re.compile(r"^(?:[-–—•*·▪►✓]|\d+(?:[.,)]|\s)|\(?[a-zA-Z0-9]\)\s)")
_LABELLED = re.compile(r"^[^:]{1,40}:\s*\S")
_MAX_HEADLINE_WORDS = 20  # a headline, kicker or standfirst before the body
_MAX_HEADING_WORDS = 12  # a section heading inside the body


def _is_title_case(block: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'’-]*", block) if len(w) >= 4]
    if len(words) < 2:
        return False
    return sum(w[0].isupper() for w in words) >= 0.75 * len(words)


def _is_heading(block: str) -> bool:
    """A section heading: short, Title Case or capitals, not a sentence, not a list item."""
    if words_in(block) > _MAX_HEADING_WORDS or _LIST_ITEM.match(block) or _LABELLED.match(block):
        return False
    if not _TERMINAL.search(block):
        return _is_title_case(block) or (block.isupper() and words_in(block) >= 2)
    # Title Case lines that end in "?" or "!" are headlines, not sentences.
    return block[-1] in "?!" and _is_title_case(block)


def _is_headline(block: str) -> bool:
    """A line before the body that is not a sentence: a headline in any case, a kicker, a dateline."""
    if _is_heading(block):
        return True
    return (
        words_in(block) <= _MAX_HEADLINE_WORDS
        and not _TERMINAL.search(block)
        and not _LIST_ITEM.match(block)
        and not _LABELLED.match(block)
    )


def remove_headings(blocks: list[str], *, has_title: bool = False) -> StepResult:
    """Headlines before the body go (the first becomes the title, unless the document has one).

    Section headings inside the body stay in the text, which they belong to, and are
    listed in `headings` (indices into the blocks kept): they are not sentences, so the
    digest never picks them. With a title known from metadata (an HTML page), the lines
    before the body are content too: only a title-like heading is taken for a headline.
    """
    kept: list[str] = []
    removed: list[Removal] = []
    headings: list[int] = []
    title = None
    for block in blocks:
        leading = not kept
        if leading and (_is_heading(block) or (not has_title and _is_headline(block))):
            removed.append(Removal("headline", block))
            title = title or block
            continue
        if not leading and _is_heading(block):
            headings.append(len(kept))
        kept.append(block)
    return StepResult(kept, removed, title=title, headings=headings)


def remove_repeated_title(blocks: list[str], title: str | None) -> StepResult:
    """A title given in the metadata and repeated as the first line of the text."""
    if not title or len(blocks) < 2:  # an article that is only its title is still an article
        return StepResult(blocks)
    first = blocks[0]
    if " ".join(first.split()).lower().strip(" .") == " ".join(title.split()).lower().strip(" ."):
        return StepResult(blocks[1:], [Removal("headline", first)])
    return StepResult(blocks)
