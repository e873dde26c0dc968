"""Captions, photo credits, bylines, desk and agency tags: the lines that say who made an article. They leave the
text; an agency or desk that names the outlet is kept as the document's source."""

from __future__ import annotations

import re

from ...documents import Removal
from .steps import StepResult, words_in

__all__ = ["remove_bylines", "remove_captions"]


_CREDIT_WORDS = (
    r"photo|photos|photograph|photographer|image|images|getty|ap|afp|reuters|epa|pool|file|"
    r"credit|courtesy|shutterstock|xinhua|sputnik|ansa|efe|dpa|bloomberg|handout|illustration"
)
_TRAILING_CREDIT = re.compile(rf"\s*\((?=[^()]*\b(?:{_CREDIT_WORDS})\b)[^()]{{2,200}}\)\s*$", re.I)
_INLINE_CREDIT = re.compile(r"\s*\((?:photo|image|picture|credit)s?\s*(?:by|:|credit)[^()]{1,120}\)", re.I)
_CAPTION_START = re.compile(
    r"^(?:(?:an? |this )?(?:photo|image|picture|file photo) (?:of|shows|taken)\b"
    r"|(?:photo|image|picture|caption|video|file photo)s?\s*(?:copyright|caption|credit)?\s*[:|/–—-]"
    r"|(?:image|photo|picture) (?:copyright|caption|credit)\b"
    r"|file\s*[–—-]\s"
    r"|\(?(?:photo|image|picture)s?\s+by\s)",
    re.I,
)
_CREDIT_ONLY = re.compile(
    r"^(?:photo|image|picture|getty images?|ap photo|afp photo|reuters photo|epa|shutterstock)"
    r"(?:\s*(?:/|via|:|–|—|-)\s*[\w .,'/&-]{0,60})?$",
    re.I,
)


_POSITION_IN_PHOTO = re.compile(
    r"(?:,\s*(?:left|right|center|centre|top|bottom|second from (?:left|right))\s*,|"
    r"\((?:left|right|center|centre|top|bottom|pictured|above|below)\))",
    re.I,
)


def _credited_agency(credit: str) -> str | None:
    """The agency a photo credit names as its distributor ("... Pool Photo via AP)", "(AP Photo/Jane Doe)")."""
    found = _CREDIT_AGENCY.search(credit)
    return _AGENCIES[(found.group(1) or found.group(2)).lower()] if found else None


def remove_captions(blocks: list[str]) -> StepResult:
    """Photo captions and credits: "... (Jane Doe, AP Photo)", "Image copyright PA", "X, left, and Y ...".

    The agency a caption's credit names ("via AP", "AP Photo") is kept as the document's source, used only
    when nothing else (the file, a byline, an agency tag) says who published it."""
    kept, removed, source = [], [], None
    for block in blocks:
        credit_agency = _credited_agency(block) if _TRAILING_CREDIT.search(block) or _CREDIT_ONLY.match(block) else None
        source = source or credit_agency
        positional = _POSITION_IN_PHOTO.search(block) and words_in(block) <= 60
        if _CREDIT_ONLY.match(block) or positional or (_CAPTION_START.match(block) and words_in(block) <= 80):
            removed.append(Removal("caption", block))
            continue
        credit = _TRAILING_CREDIT.search(block)
        if credit and words_in(block) <= 80:
            removed.append(Removal("caption", block))
            continue
        if credit:
            removed.append(Removal("caption", credit.group().strip()))
            block = block[: credit.start()].rstrip()
        for match in _INLINE_CREDIT.finditer(block):
            removed.append(Removal("caption", match.group().strip()))
        block = _INLINE_CREDIT.sub("", block)
        kept.append(block)
    return StepResult(kept, removed, source=source)


_AGENCIES = {
    "reuters": "Reuters",
    "ap": "AP",
    "associated press": "Associated Press",
    "the associated press": "Associated Press",
    "afp": "AFP",
    "agence france-presse": "AFP",
    "bloomberg": "Bloomberg",
    "cnn": "CNN",
    "bbc": "BBC",
    "bbc news": "BBC",
    "upi": "UPI",
    "xinhua": "Xinhua",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "pti": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "efe": "EFE",
    "dpa": "dpa",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "yonhap": "Yonhap",
    "interfax": "Interfax",
    "healthday": "HealthDay",
    "healthday news": "HealthDay",
}
_AGENCY_NAMES = "|".join(sorted((re.escape(a) for a in _AGENCIES), key=len, reverse=True))
_CREDIT_AGENCY = re.compile(rf"\bvia\s+(?:the\s+)?({_AGENCY_NAMES})\s*\)?\s*$|\b({_AGENCY_NAMES})\s+photo\b", re.I)
_AGENCY_ONLY = re.compile(rf"^(?:by\s+|source\s*:\s*|from\s+)?({_AGENCY_NAMES})\s*[.:]?$", re.I)
_DESK = re.compile(
    r"^((?:[\w.&'-]+\s+){0,4}?)(?:online\s+)?(?:news\s+)?(?:desk|bureau|staff|wire|correspondent|reporter|team)\s*[:|–—-]?\s*$",
    re.I,
)
_BYLINE_CONNECTORS = {"and", "&", "|", "/", "-", "–", "—", "of", "the", "in", "for", "at"}


def _is_byline(block: str) -> bool:
    """ "By Jane Doe and John Roe, Reuters": "By" then names, connectors only."""
    words = block.rstrip(".").replace(",", " ").split()
    if len(words) < 2 or len(words) > 12 or words[0].lower() != "by":
        return False
    rest = words[1:]
    return rest[0][0].isupper() and all(w[0].isupper() or w.lower() in _BYLINE_CONNECTORS for w in rest)


_DATE_ONLY = re.compile(
    r"^(?:(?:published|updated|posted|last updated)\s*:?\s*)?"
    r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*,?\s+)?"
    r"(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4}"
    r"|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,?\s+\d{4}"
    r"|\d{4}-\d{2}-\d{2})"
    r"(?:[ ,]+(?:at\s+)?\d{1,2}[:.]\d{2}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\.?$",
    re.I,
)
_DATELINE = re.compile(
    rf"^(?:[A-Z][A-Za-z.'’/-]*(?:[ ,]+[A-Za-z0-9.'’/-]+){{0,5}}\s*)?\((?:{_AGENCY_NAMES})\)\s*(?:[-–—:]+\s*)?",
    re.I,
)
_DESK_PREFIX = re.compile(r"^(?:[A-Z][\w&'-]*\s+){0,3}(?:online\s+)?(?:desk|bureau)\s*:\s+", re.I)


_DESK_OUTLET = re.compile(
    r"^((?:[A-Z]{2,}|[A-Z][\w&'-]*)(?:\s+[A-Z][\w&'-]*){0,2}?(?:\s+Online)?)\s+(?:desk|bureau)\b", re.I
)


def _desk_outlet(block: str) -> str | None:
    """The outlet a desk line names ("DE Online Desk :" -> "DE Online"): an acronym or an online edition, not a
    section ("Sports Desk", "News Desk")."""
    found = _DESK_OUTLET.match(block.strip())
    if not found:
        return None
    name = found.group(1)
    words = name.split()
    if any(w.isupper() and len(w) >= 2 and w.isalpha() for w in words) or (len(words) > 1 and words[-1] == "Online"):
        return name
    return None


def remove_bylines(blocks: list[str]) -> StepResult:
    """Bylines, desk and agency tags, date stamps and datelines.

    A lone agency tag ("reuters") tells us the outlet, so it is kept as the
    document's source.
    """
    kept, removed, source, desk = [], [], None, None
    for position, block in enumerate(blocks):
        agency = _AGENCY_ONLY.match(block)
        if agency:
            removed.append(Removal("byline", block))
            source = source or _AGENCIES[agency.group(1).lower()]
            continue
        if words_in(block) <= 12 and (_DESK.match(block) or _is_byline(block) or _DATE_ONLY.match(block)):
            removed.append(Removal("byline", block))
            desk = desk or _desk_outlet(block)
            continue
        if position <= 3:
            for pattern in (_DESK_PREFIX, _DATELINE):
                prefix = pattern.match(block)
                if prefix and prefix.end() < len(block):
                    removed.append(Removal("byline", prefix.group().strip()))
                    agency_in_prefix = re.search(rf"\(({_AGENCY_NAMES})\)", prefix.group(), re.I)
                    if agency_in_prefix:
                        source = source or _AGENCIES[agency_in_prefix.group(1).lower()]
                    block = block[prefix.end() :]
        kept.append(block)
    return StepResult(kept, removed, source=source or desk)  # an agency tag says more than a desk's name
