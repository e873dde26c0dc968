"""Story headlines: a real title of a member article, never page furniture; else the lead, cut."""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from ..core.clean import remove_furniture
from ..documents import CleanDocument

_HEADLINE_WORDS = 14
_LEADING_PHRASE = re.compile(
    r"^(?:according to|in|on|at|after|before|as|when|while|despite|during|for|since|with|by|under|amid|"
    r"following|last|this|earlier|later|meanwhile|however|yet|still)\b",
    re.I,
)


def trim_headline(sentence: str, words: int = _HEADLINE_WORDS) -> str:
    """A sentence cut to a headline: its first clause when that is long enough,
    at most `words` words, no final punctuation."""
    clauses = re.split(r",\s|;\s|\s[—–]\s|:\s", sentence)
    # A leading attribution or setting ("According to X,", "On Monday,") is no headline.
    while len(clauses) > 1 and _LEADING_PHRASE.match(clauses[0]):
        clauses = clauses[1:]
    clause = clauses[0]
    if 5 <= len(clause.split()) <= words and not re.match(r"^[\"“]", clause):
        sentence = clause[0].upper() + clause[1:]
    parts = sentence.split()
    if len(parts) > words:
        parts = parts[:words]
        while parts and parts[-1].lower().strip(",;:") in {
            "the",
            "a",
            "an",
            "of",
            "to",
            "and",
            "in",
            "on",
            "for",
            "with",
            "at",
            "by",
            "from",
            "that",
            "as",
            "its",
        }:
            parts.pop()
        return " ".join(parts).rstrip(",;:—–-") + "…"
    return " ".join(parts).rstrip(".,;:")


# Titles that are page furniture, not headlines: seen on Multi-News scrapes ("Embed ... autoplay",
# "Page 1 of 1", a section name such as "Executive Health", "Story highlights ...").
_FURNITURE_TITLE = re.compile(
    r"\b(?:autoplay|embed|copy this code|page \d+ of \d+|subscribe|sign in|log in|cookie|404|not found|"
    r"access denied|javascript)\b",
    re.I,
)
_KICKER = re.compile(
    r"^(?:story highlights|breaking|update[d]?|exclusive|watch|video|photos?|live)\s*[:|–—-]?\s*", re.I
)
MIN_TITLE_WORDS = 3  # shorter "titles" are section names ("Executive Health", "World News")
MAX_TITLE_WORDS = 25


def clean_title(title: str) -> str:
    """A member article's title fit to head a story, or "" when it is furniture."""
    # Titles of the TAC layout start with a date line: "Saturday, January 8, 2005 Headline".
    title = re.sub(r"^[A-Z][a-z]+day,\s+[A-Z][a-z]+\s+\d{1,2},\s+\d{4}\s*", "", title.strip())
    title = " ".join(_KICKER.sub("", " ".join(title.split())).split())
    if not MIN_TITLE_WORDS <= len(title.split()) <= MAX_TITLE_WORDS or _FURNITURE_TITLE.search(title):
        return ""
    if remove_furniture([title]).removed:
        return ""
    return title


def choose_headline(members: Sequence[int], cleaned: Sequence[CleanDocument], vectors: sp.csr_matrix,
                    lead: str | None) -> str:  # fmt: skip
    """The title of the story's most central article; else the lead sentence cut to a headline."""
    titles = {i: clean_title(cleaned[i].title or "") for i in members}
    titled = [i for i in members if titles[i]]
    if titled:
        centroid = np.asarray(vectors[list(members)].sum(axis=0)).ravel()
        scores = np.asarray(vectors[titled] @ centroid).ravel()
        return titles[titled[int(np.argmax(scores))]]  # argmax: the first of equals
    if lead:
        return trim_headline(lead)
    return cleaned[members[0]].document.id
