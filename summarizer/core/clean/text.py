"""Text-level steps: Unicode normalisation, widget labels and bylines glued to a paragraph, sentences glued
together, and splitting a text into blocks (paragraphs)."""

from __future__ import annotations

import re
import unicodedata

__all__ = ["fix_missing_spaces", "normalize_unicode", "split_blocks", "strip_glued_furniture", "strip_widget_labels"]


_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def normalize_unicode(text: str) -> str:
    """NFC, one kind of newline, no invisible characters, plain spaces.

    NFC rather than NFKC: compatibility folding would turn "½" into "1⁄2" and
    "…" into "...", which changes what the reader sees.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    text = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    text = text.replace("\u2029", "\n\n")
    return "\n".join(_SPACES.sub(" ", line).strip() for line in text.split("\n"))


# A sentence end glued to the next sentence: "ended.Meanwhile", "week.”Despite".
# Two lowercase letters or digits before the stop keep "U.S.", "e.g." and
# "Mr.Smith" whole; a digit after the stop keeps "3.5" whole.
_GLUED_SENTENCES = re.compile(r"(?<=[a-zà-ÿ0-9%][a-zà-ÿ0-9%])([.!?]+[\"”’)]?)(?=[A-ZÀ-Þ][a-zà-ÿ])")


# Widget labels scrapes glue to the start of a paragraph: "CLOSE Scientists say ...".
_LEADING_WIDGET = re.compile(
    r"^(?:CLOSE|WATCH|VIDEO|PHOTOS?|EXCLUSIVE|ADVERTISEMENT|SPONSORED|GALLERY)\s*[:|–—-]?\s+(?=[A-Z\"“])"
)


def strip_widget_labels(text: str) -> tuple[str, list[str]]:
    """Remove a widget label glued to the start of a paragraph; return what was removed."""
    match = _LEADING_WIDGET.match(text)
    if not match:
        return text, []
    return text[match.end() :], [match.group().strip()]


# A headline and byline glued to the first paragraph: "Headline By Jane Doe - Tweet Body ...".
_GLUED_BYLINE = re.compile(
    r"^.{10,160}?\s+By\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,3}\s+[-–—|]\s+(?:Tweet\s+)?(?=[A-Z])"
)
# Share widgets left inside a paragraph.
_INLINE_WIDGETS = re.compile(r"\s(?:Tweet\s+)?View Comments\s|\s-\s+Tweet\s")


def strip_glued_furniture(text: str) -> tuple[str, list[str]]:
    """Remove a headline-and-byline prefix and inline share widgets; return what was removed."""
    removed = []
    match = _GLUED_BYLINE.match(text)
    if match:
        removed.append(match.group().strip())
        text = text[match.end() :]
    for widget in _INLINE_WIDGETS.finditer(text):
        removed.append(widget.group().strip())
    return _INLINE_WIDGETS.sub(" ", text), removed


def fix_missing_spaces(text: str) -> tuple[str, list[str]]:
    """Put a space back between sentences that lost it; return what was fixed."""
    fixed = [text[max(0, m.start() - 12) : m.end() + 12] for m in _GLUED_SENTENCES.finditer(text)]
    return _GLUED_SENTENCES.sub(r"\1 ", text), fixed


_WRAP_SLACK = 25


def split_blocks(text: str) -> list[str]:
    """Paragraph blocks: one per line, unless the text is hard-wrapped.

    Scraped news puts one paragraph on a line; e-mail and some archives wrap
    lines at a fixed width. When most long lines end within a few characters
    of the widest one, single newlines are joined and blank lines separate
    paragraphs.
    """
    lines = text.split("\n")
    long_lines = [len(line) for line in lines if len(line) > 30]
    if len(long_lines) >= 4:
        width = max(long_lines)
        near_width = sum(1 for n in long_lines if n >= width - _WRAP_SLACK)
        if width <= 100 and near_width >= 0.7 * len(long_lines):
            paragraphs = re.split(r"\n\s*\n", text)
            return [" ".join(p.split()) for p in paragraphs if p.strip()]
    blocks: list[str] = []
    after_blank = True
    for line in lines:
        line = line.strip()
        if not line:
            after_blank = True
            continue
        # A line broken mid-sentence: the next starts in lowercase.
        if not after_blank and line[0].islower() and not re.search(r"[.!?:”\"]$", blocks[-1]):
            blocks[-1] = f"{blocks[-1]} {line}"
        else:
            blocks.append(line)
        after_blank = False
    return blocks
