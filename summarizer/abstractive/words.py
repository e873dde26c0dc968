"""Words for the abstractive mode: tokens and their joining, and the tests the guard is made of (a verb,
names, numbers, negations, hedges, a sentence's subject). Long word lists are package data (abstractive/data/)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from importlib.resources import files

from ..resources import irregular_verb_forms
from ..text import stop_words

__all__ = [
    "POSSESSIVE",
    "SUBORDINATE_START",
    "detokenize",
    "first_verb",
    "has_verb",
    "hedges_in",
    "names_in",
    "negations_in",
    "numbers_in",
    "subject_of",
    "word_tokens",
]


def _word_list(name: str) -> frozenset[str]:
    """A word list shipped in abstractive/data/ (one word a line, '#' comments)."""
    text = files(__package__).joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))


_NUMBER_WORDS = _word_list("number_words.txt")
_AUXILIARIES = _word_list("auxiliaries.txt")
# Words that make a statement uncertain, planned or second-hand: "was due to be sworn in" is not "was sworn in".
_HEDGES = _word_list("hedges.txt")


_TOKEN = re.compile(r"\w+(?:[-'’.,]\w+)*|[^\w\s]")
_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", "”", ")", "]", "’", "%", "…"}
_NO_SPACE_AFTER = {"“", "(", "[", "$", "‘"}
_NEGATIONS = {"not", "no", "never", "n't", "without", "nor", "none", "nobody", "nothing", "neither", "cannot"}
_NUMBER = re.compile(r"^\d[\d.,]*$")
POSSESSIVE = re.compile(r"['’]s$")
SUBORDINATE_START = re.compile(
    r"^[\"“]?(?:despite|although|though|while|whereas|when|whenever|after|before|because|if|since|unless|until|"
    r"as|in|on|at|during|following|amid|with|without|for|by|from|under|over|through|according|speaking|"
    r"and|but|or|so|which|who|whose|that)\b",
    re.I,
)


def word_tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def detokenize(tokens: Sequence[str]) -> str:
    out = ""
    quote_open = False
    for token in tokens:
        if not out:
            out = token
        elif token in _NO_SPACE_BEFORE or out[-1] in _NO_SPACE_AFTER or token.startswith(("'s", "’s", "n't")):
            out += token
        elif token == '"':
            out += token if quote_open else " " + token
        elif out.endswith('"') and quote_open:
            out += token
        else:
            out += " " + token
        if token == '"':
            quote_open = not quote_open
    return out


def has_verb(tokens: Sequence[str]) -> bool:
    """A heuristic verb test (no tagger model is available offline)."""
    stops = stop_words("english")
    for token in tokens:
        lower = token.lower()
        if lower in _AUXILIARIES or lower in irregular_verb_forms():
            return True
        participle = lower.endswith(("ed", "ing")) and not lower.endswith(("need", "speed", "seed", "feed", "bed"))
        if participle and len(lower) > 4 and lower.isalpha() and lower not in stops and token[0].islower():
            return True
    return False


def names_in(tokens: Sequence[str]) -> set[str]:
    """Capitalised words not at the start of the sentence (after an opening quote)."""
    names = set()
    started = False
    for token in tokens:
        if not token[0].isalnum():
            continue
        if started and token[0].isupper():
            names.add(token)
        started = True
    return names


def numbers_in(tokens: Sequence[str]) -> set[str]:
    return {t.lower() for t in tokens if _NUMBER.match(t) or t.lower() in _NUMBER_WORDS}


def negations_in(tokens: Sequence[str]) -> set[str]:
    found = set()
    for token in tokens:
        lower = token.lower().replace("’", "'")
        if lower in _NEGATIONS or lower.endswith("n't"):
            found.add("not")
    return found


def hedges_in(tokens: Sequence[str]) -> set[str]:
    return {t.lower() for t in tokens} & _HEDGES


def subject_of(tokens: Sequence[str]) -> str | None:
    """The first content word of a sentence's main clause, taken as its subject's head: after an opening
    phrase ("On Monday, ...", "In his address, ...") when there is one."""
    stops = stop_words("english")
    if tokens and SUBORDINATE_START.match(tokens[0]) and "," in tokens:
        tokens = tokens[tokens.index(",") + 1 :]
    for token in tokens:
        if token[0].isalnum() and token.lower() not in stops:
            return token.lower()
    return None


def first_verb(tokens: Sequence[str]) -> str | None:
    for token in tokens:
        if has_verb([token]):
            return token.lower()
    return None
