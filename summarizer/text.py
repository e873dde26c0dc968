"""Text utilities shared by the pipeline and the evaluation: words, stop words, stemmers.

Nothing here knows about articles or summaries; both sides import it, so it
stays light (the standard library, PyStemmer and a package data file).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache

import Stemmer

from .resources import package_dir

__all__ = [
    "STEMMER_LANGUAGES",
    "content_terms",
    "counted",
    "singular",
    "stemmer",
    "stop_word_languages",
    "stop_words",
    "tokenize",
]

StemFunction = Callable[[str], str]

# Snowball stemmers (PyStemmer: the Snowball project's own C implementation).
STEMMER_LANGUAGES = frozenset(Stemmer.algorithms()) - {"porter", "dutch_porter"}

# Words: runs of letters/digits, allowing inner apostrophes, periods and
# commas so that "U.S.", "3.5", "3,000" and "don't" stay one token.
_WORD = re.compile(r"[^\W_]+(?:[.,'][^\W_]+)*")
_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'"})


def tokenize(text: str) -> list[str]:
    """Lowercased word tokens (Unicode letters and digits), possessives removed."""
    lowered = text.lower().translate(_APOSTROPHES)
    return [token[:-2] if token.endswith("'s") else token for token in _WORD.findall(lowered)]


@cache
def stop_words(language: str = "english") -> frozenset[str]:
    """Stop words from sumy's lists (the SMART list for English); empty when there is none.

    Read from sumy's package data directly: importing sumy.utils costs a
    tenth of a second at every start.
    """
    folder = package_dir("sumy")
    if folder is None:
        return frozenset()
    try:
        words = (folder / "data" / "stopwords" / f"{language}.txt").read_text(encoding="utf-8").split()
    except OSError:  # no list for this language
        return frozenset()
    return frozenset(w.lower().translate(_APOSTROPHES) for w in words)


def stop_word_languages() -> tuple[str, ...]:
    """Languages with a stop-word list installed."""
    folder = package_dir("sumy")
    if folder is None:
        return ()
    return tuple(sorted(p.stem for p in (folder / "data" / "stopwords").glob("*.txt")))


def cached_stemmer(stem_word: StemFunction) -> StemFunction:
    """A stemming function that remembers every word it has stemmed.

    News text repeats its words; a dict lookup is several times cheaper than
    any stemmer, in C or in Python.
    """
    cache: dict[str, str] = {}

    def stem(word: str) -> str:
        stemmed = cache.get(word)
        if stemmed is None:
            stemmed = cache[word] = stem_word(word)
        return stemmed

    return stem


@cache
def stemmer(language: str = "english") -> StemFunction:
    """The Snowball stemmer of a language, cached (identity when there is none)."""
    if language not in STEMMER_LANGUAGES:
        return cached_stemmer(str)
    return cached_stemmer(Stemmer.Stemmer(language).stemWord)


def content_terms(tokens: Iterable[str], *, language: str = "english") -> list[str]:
    """Stemmed tokens without stop words or single characters."""
    stops = stop_words(language)
    stem = stemmer(language)
    return [stem(t) for t in tokens if t not in stops and (len(t) > 1 or t.isdigit())]


def singular(noun: str) -> str:
    """'stories' -> 'story', 'articles' -> 'article' (for counts kept under plural keys)."""
    return noun[:-3] + "y" if noun.endswith("ies") else noun[:-1] if noun.endswith("s") else noun


def counted(number: int, noun: str, plural: str | None = None) -> str:
    """'1 story', '2 stories', '1 article', '3 articles' (a noun's plural given where it is not noun + s)."""
    if number == 1:
        return f"1 {noun}"
    return (
        f"{number} {plural or (noun[:-1] + 'ies' if noun.endswith('y') and noun[-2:-1] not in 'aeiou' else noun + 's')}"
    )
