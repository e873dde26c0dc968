"""Turning summaries into the token sequences each scorer sees.

A text to score is a list of sentences (one per line, as both scorers
expect). `TokenizedText` holds what the metrics need: every token in order (for
n-grams and skip-bigrams) and the tokens of each sentence (for the union
LCS of ROUGE-L and ROUGE-W).

Three tokenizers:
- rouge155: ROUGE-1.5.5's. The text is read as bytes; only A-Z are
  lowercased; word (`-l`) or byte (`-b`) limits apply to the raw text, with
  the Perl's quirk for ROUGE-L/W under `-b`; `-` is split off and every
  other character outside [A-Za-z0-9] separates tokens.
- rouge-score: Google's package's: Python lowercase, runs of [a-z0-9].
- unicode: the summarizer's own word tokenizer (any script), for text that
  is not English; ROUGE-1.5.5 and rouge-score find no tokens in Cyrillic.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_PERL_SPACE = re.compile(r"\s+", re.ASCII)
_PERL_NON_TOKEN = re.compile(r"[^A-Za-z0-9\-]")
_PERL_VALID = re.compile(r"^[a-z0-9$]")
_RS_NON_ALNUM = re.compile(r"[^a-z0-9]+")
_RS_SPACES = re.compile(r"\s+")
_RS_VALID = re.compile(r"^[a-z0-9]+$")


@dataclass(frozen=True)
class TokenizedText:
    """A text as one scorer sees it."""

    tokens: tuple[str, ...]  # all tokens, in order (n-grams, skip-bigrams, unigram clipping)
    sentences: tuple[tuple[str, ...], ...]  # tokens per sentence (ROUGE-L, ROUGE-W)
    sentence_tokens_for_clipping: tuple[str, ...] | None = None  # rouge-score Lsum clips on these


def split_lines(text: str | Sequence[str]) -> list[str]:
    """Sentences of a text given as one string (one per line) or a list."""
    if isinstance(text, str):
        return text.split("\n")
    lines: list[str] = []
    for sentence in text:
        lines.extend(sentence.split("\n"))
    return lines


# --------------------------------------------------------------------------
# ROUGE-1.5.5


def _perl_split(text: str) -> list[str]:
    """Perl's split(/\\s+/, $s): a leading empty field stays, trailing ones go."""
    fields = _PERL_SPACE.split(text)
    while fields and fields[-1] == "":
        fields.pop()
    return fields


def _perl_lines(text: str | Sequence[str]) -> list[str]:
    """Lines as the Perl reads them: bytes, empty lines dropped, A-Z lowercased."""
    raw = "\n".join(split_lines(text)).encode("utf-8").decode("latin-1")
    return [line.translate(_ASCII_LOWER) for line in raw.split("\n") if len(line) > 0]


def _truncate_joined(lines: list[str], max_words: int | None, max_bytes: int | None) -> str | None:
    """readText: the text for n-grams, cut to the word or byte limit."""
    if not max_words and not max_bytes:
        return " ".join(lines)
    kept = ""
    length = 0
    for line in lines:
        if max_words:
            fields = _perl_split(line)
            size = len(fields)
            if length + size < max_words:
                kept = f"{kept} {line}" if length != 0 else kept + line
                length += size
                continue
            if length > 0:
                kept += " "
            kept += " ".join(fields[: max_words - length])
            break
        assert max_bytes is not None  # one of the two limits is set here
        size = len(line)
        if length + size < max_bytes:
            kept = f"{kept} {line}" if length != 0 else kept + line
            length += size
            continue
        if length > 0:
            kept += " "
        kept += line[: max_bytes - length]
        break
    return kept if len(kept) > 0 else None


def _truncate_sentences(lines: list[str], max_words: int | None, max_bytes: int | None) -> list[str]:
    """readText_LCS: the sentences for ROUGE-L/W, cut to the limit.

    Reproduces the Perl's byte-limit bug: the running length is never
    updated, so every sentence shorter than the limit is kept up to the first
    one as long as the limit, which is cut.
    """
    if not max_words and not max_bytes:
        return list(lines)
    kept: list[str] = []
    length = 0
    for line in lines:
        if max_words:
            fields = _perl_split(line)
            if length + len(fields) < max_words:
                length += len(fields)
                kept.append(line)
                continue
            kept.append(" ".join(fields[: max_words - length]))
            break
        assert max_bytes is not None  # one of the two limits is set here
        if length + len(line) < max_bytes:
            kept.append(line)
            continue
        kept.append(line[: max_bytes - length])
        break
    return kept


def _perl_tokens(text: str, keep: Callable[[str], bool], stem: Callable[[str], str] | None) -> list[str]:
    text = text.replace("-", " - ")
    text = _PERL_NON_TOKEN.sub(" ", text)
    tokens = []
    for token in _PERL_SPACE.split(text.strip(" \t\n\r\f\v")):
        if not token or not keep(token) or not _PERL_VALID.match(token):
            continue
        tokens.append(stem(token) if stem is not None and len(token) > 3 else token)
    return tokens


def prepare_rouge155(
    text: str | Sequence[str],
    *,
    stem: Callable[[str], str] | None = None,
    stop_words: frozenset[str] = frozenset(),
    max_words: int | None = None,
    max_bytes: int | None = None,
) -> TokenizedText:
    lines = _perl_lines(text)
    keep = (lambda token: token not in stop_words) if stop_words else (lambda token: True)
    joined = _truncate_joined(lines, max_words, max_bytes)
    tokens = _perl_tokens(joined, keep, stem) if joined is not None else []
    sentences = [_perl_tokens(s, keep, stem) for s in _truncate_sentences(lines, max_words, max_bytes)]
    return TokenizedText(tuple(tokens), tuple(tuple(s) for s in sentences))


# --------------------------------------------------------------------------
# rouge-score


def _rouge_score_tokens(text: str, stem: Callable[[str], str] | None) -> list[str]:
    text = _RS_NON_ALNUM.sub(" ", text.lower())
    tokens = _RS_SPACES.split(text)
    if stem is not None:
        tokens = [stem(t) if len(t) > 3 else t for t in tokens]
    return [t for t in tokens if _RS_VALID.match(t)]


def prepare_rouge_score(text: str | Sequence[str], *, stem: Callable[[str], str] | None = None) -> TokenizedText:
    whole = text if isinstance(text, str) else "\n".join(text)
    sentences = [_rouge_score_tokens(s, stem) for s in whole.split("\n") if len(s)]
    return TokenizedText(
        tuple(_rouge_score_tokens(whole, stem)),
        tuple(tuple(s) for s in sentences),
        tuple(t for s in sentences for t in s),
    )


# --------------------------------------------------------------------------
# Unicode


def prepare_unicode(
    text: str | Sequence[str],
    *,
    stem: Callable[[str], str] | None = None,
    stop_words: frozenset[str] = frozenset(),
    max_words: int | None = None,
    max_bytes: int | None = None,
) -> TokenizedText:
    """Any script: the summarizer's word tokenizer, limits counted in words or UTF-8 bytes."""
    from ..text import tokenize  # only the unicode tokenizer needs it

    lines = [line for line in split_lines(text) if line.strip()]
    limit = max_words or max_bytes
    if limit:
        cut: list[str] = []
        used = 0
        for line in lines:
            size = len(line.split()) if max_words else len(line.encode("utf-8"))
            if used + size <= limit:
                cut.append(line)
                used += size
                continue
            room = limit - used
            if max_words:
                cut.append(" ".join(line.split()[:room]))
            else:
                cut.append(line.encode("utf-8")[:room].decode("utf-8", errors="ignore"))
            break
        lines = cut

    def words(line: str) -> list[str]:
        tokens = [t for t in tokenize(line) if t not in stop_words]
        return [stem(t) for t in tokens] if stem is not None else tokens

    sentences = [words(line) for line in lines]
    return TokenizedText(tuple(t for s in sentences for t in s), tuple(tuple(s) for s in sentences))
