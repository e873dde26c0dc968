"""Page furniture: comment and share widgets, navigation, archive notices, and the tail a comment section starts."""

from __future__ import annotations

import re

from ...documents import Removal
from .steps import StepResult, words_in

__all__ = ["remove_furniture"]


# Page furniture. Patterns anchored at the start apply to short blocks only;
# "signatures" are phrases no news sentence uses, matched anywhere in a block
# of moderate length.
_FURNITURE_START = re.compile(
    r"^(?:"
    r"(?:post|leave|add|write|view|show|read|load|see)(?: (?:a|the first|your|all|\d+|our))? comments?\b"
    r"|comments?\s*(?:\(\d+\)|:|\d+)?\s*$"
    r"|\d+\s+comments?\s*$"
    r"|(?:previous|next|older|newer) (?:post|article|story|page)\b"
    r"|contact (?:form|us)\s*$"
    r"|(?:tags?|topics?|related(?: articles| stories| posts| coverage| content)?|see also|more from [\w ]+|"
    r"recommended(?: for you)?|trending(?: now)?|most (?:read|popular|viewed)|popular stories|you may also like|"
    r"more stories|latest news|top stories|editor's picks)\s*:?\s*$"
    r"|skip to (?:main )?content|back to top|jump to"
    r"|(?:share|tweet|e-?mail|print|pin|whatsapp|facebook|twitter|linkedin|reddit|google plus|copy link|"
    r"flipboard|messenger|pinterest)(?:\s+(?:this|on|via|to|it)\b.*)?\s*$"
    r"|share (?:this|the) (?:article|story|page|post)"
    r"|click (?:here|to|on|the|image|photo|above|below)\b"
    r"|advertisement\b"
    r"|ad\s*$"
    r"|sponsored(?: content| links?)?\b"
    r"|story continue[sd] below"
    r"|continue reading\b"
    r"|read (?:more|next|full story)\b"
    r"|(?:also|related|read|more|see|watch|listen|recommended|exclusive)\s*:"
    r"|exclusive\s*$"
    r"|sign (?:up|in)\b"
    r"|subscribe\b"
    r"|(?:get|receive) (?:our|the|push|breaking|daily)\b"
    r"|newsletter\b"
    r"|follow (?:us|@)"
    r"|download (?:our|the) app"
    r"|text size\b"
    r"|(?:listen|watch) (?:to )?(?:this|the) (?:article|story|video)"
    r"|play (?:video|facebook|twitter|youtube)"
    r"|image \d+ of \d+"
    r"|\d+ of \d+ (?:photos|images)"
    r"|(?:copyright|©)\s"
    r"|have a (?:news )?tip\b"
    r")",
    re.I,
)
_FURNITURE_SIGNATURES = re.compile(
    r"(?:comment policy|comments (?:will be|are) moderated|we love comments|be the first to comment"
    r"|what is your opinion on this"
    r"|join the (?:conversation|discussion)"
    r"|add location information to your tweets|tweet with a location|twitter stores that location"
    r"|add a location to your tweets"
    r"|enable javascript|javascript is (?:disabled|required)|your browser (?:does not|doesn't) support"
    r"|verify you(?:'|’)re not a robot|we use cookies|accept (?:all )?cookies|cookie (?:policy|settings|preferences)"
    r"|all rights reserved|may not be (?:published|reproduced), broadcast|rewritten or redistributed"
    r"|scroll down for (?:video|more)"
    r"|please (?:enable|turn on|update) (?:javascript|your browser)"
    r"|e-?mail this to a friend|(?:sign up|subscribe) (?:for|to) (?:our|the) (?:\w+ )?newsletter"
    r"|get (?:breaking news|push notifications)|breaking news emails"
    r"|this (?:article|story) (?:has been|was) (?:automatically )?(?:generated|published) from (?:a|an) (?:syndicated|agency) feed"
    r"|terms of (?:use|service) and privacy policy|privacy policy and terms"
    r"|tips@|@\w+\.com\b(?=[^.]*tip)"
    r")",
)  # matched against lowercased text: seven times faster than re.I on alternations this long
# Web-archive capture notices, which scrapes of archived pages carry: furniture at any length.
_ARCHIVE_NOTICE = re.compile(
    r"crawl data to the internet archive|added to the wayback machine|crawls are part of an effort to archive"
    r"|the seed for [\w ]{1,40} was\b|this crawl was run at a level|warc files associated with this crawl"
    r"|focused crawls are collections|slash pages from every domain|incoming inter-domain link"
    r"|most highly ranked urls per domain|from every linked-to domain|every host in the wayback machine",
)  # matched against lowercased text, like _FURNITURE_SIGNATURES
_SYMBOLS_ONLY = re.compile(r"^[\W_]+$")
# Comment sections and navigation end an article: what follows them is page
# furniture too, unless a real paragraph turns up.
_TAIL_MARKER = re.compile(
    r"^(?:post a comment|leave a comment|leave the first comment|comments?\s*(?:\(\d+\))?|tags?|"
    r"previous post|related(?: articles| stories)?|share this(?: article| story)?)\b",
    re.I,
)
_REAL_PARAGRAPH_WORDS = 45


def _split_furniture_tail(block: str) -> tuple[str, str]:
    """A block whose furniture signature comes after real sentences: (the sentences, the furniture)."""
    lowered = block.lower()
    found = _FURNITURE_SIGNATURES.search(lowered) or _ARCHIVE_NOTICE.search(lowered)
    if found is None or len(lowered) != len(block) or words_in(block) <= 25:
        return block, ""
    cut = block.rfind(". ", 0, found.start())
    if cut < 0.3 * len(block):
        return block, ""
    return block[: cut + 1], block[cut + 2 :]


def remove_furniture(blocks: list[str]) -> StepResult:
    """Comment, share, navigation, advert, cookie and newsletter furniture."""
    kept: list[str] = []
    removed: list[Removal] = []
    in_tail = False
    for position, block in enumerate(blocks):
        words = words_in(block)
        if in_tail and words < _REAL_PARAGRAPH_WORDS:
            removed.append(Removal("furniture", block))
            continue
        in_tail = False
        body, tail = _split_furniture_tail(block)
        if tail:  # real sentences, then a share bar or a copyright line glued to them
            removed.append(Removal("furniture", tail))
            kept.append(body)
            continue
        if (
            _SYMBOLS_ONLY.match(block)
            or (words <= 40 and _FURNITURE_START.match(block))
            or (words <= 80 and _FURNITURE_SIGNATURES.search(block.lower()))
            or _ARCHIVE_NOTICE.search(block.lower())
        ):
            removed.append(Removal("furniture", block))
            if _TAIL_MARKER.match(block) and kept and position >= len(blocks) // 2:  # a tail follows a body
                in_tail = True
            continue
        kept.append(block)
    return StepResult(kept, removed)
