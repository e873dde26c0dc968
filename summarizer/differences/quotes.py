"""Who is quoted in a sentence: a quotation shown without its speaker reads as the outlet's own statement.

    quoted("“We hope this work will yield results,” Peskov told reporters.")  -> True
    speaker_of(...)                                                         -> "Peskov"

A speaker is a capitalised name (a title or two before it allowed) next to a verb of saying, or after
"according to"; a pronoun ("he said") names nobody a reader can check, so it is no speaker.
"""

from __future__ import annotations

import re

__all__ = ["quoted", "speaker_of"]

# A quotation worth the name: three words or more between quotation marks (a quoted title or word is not).
_QUOTATION = re.compile(r"[\"“«„]([^\"“”«»„]+?)[\"”»“]")
_SAYING = r"(?:said|says|told|tells|added|adds|stated|wrote|writes|insisted|insists|tweeted|explained|warned|noted)"
_NAME = r"[A-Z][\w'’.-]+(?:\s(?:[A-Z][\w'’.-]+|de|van|von|al|bin))*"
_SPEAKER = re.compile(rf"\b({_NAME})\s{_SAYING}\b|\b{_SAYING}\s(?:the\s)?({_NAME})|[Aa]ccording to (?:the\s)?({_NAME})")
_NOBODY = {"He", "She", "They", "It", "We", "I", "You", "The", "This", "That", "There", "But", "And", "So"}


def _quotations(text: str) -> list[str]:
    return [m.group(1) for m in _QUOTATION.finditer(text) if len(m.group(1).split()) >= 3]


def quoted(text: str) -> bool:
    """Whether the sentence carries a quotation of three words or more, or opens inside one (a quote split by
    the sentence splitter keeps only its opening mark)."""
    stripped = text.strip()
    return bool(_quotations(text)) or stripped[:1] in '"“«„' or stripped[-1:] in '"”»'


def speaker_of(text: str) -> str | None:
    """The named speaker of a sentence's quotation, or None when no name says it (outside the quotation)."""
    outside = _QUOTATION.sub(" … ", text)
    for match in _SPEAKER.finditer(outside):
        name = next(group for group in match.groups() if group).strip(".")
        words = name.split()
        while words and words[0] in _NOBODY:
            words = words[1:]
        if words:
            return " ".join(words)
    return None
