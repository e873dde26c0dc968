"""Rewrites that add to the main sentence what another outlet says about the same fact.

Enrichment: the unique trailing clause of a redundant sentence ("..., saying they had been pardoned").
Description: another outlet's appositive or relative clause about a name, after that name's first mention.
Widening: one phrase of the main sentence in another outlet's fuller wording of it, between two anchors."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Sequence
from itertools import pairwise

from ..core.segment import quote_depth, quotes_balanced
from ..text import stop_words
from .records import Description, SourceSentence
from .words import (
    POSSESSIVE,
    SUBORDINATE_START,
    detokenize,
    first_verb,
    has_verb,
    hedges_in,
    negations_in,
    numbers_in,
    subject_of,
    word_tokens,
)

__all__ = ["adds_content", "describe", "descriptions", "enrich", "widen"]


# A tail that can follow a complete sentence after a comma and still modify it: a participle
# ("saying ..."), a time or cause clause, or a place or time phrase.
_TAIL_OPENERS = frozenset(
    {"after", "before", "when", "while", "as", "because", "since", "until", "following", "amid", "despite",
     "during", "in", "on", "at", "near", "with", "saying", "adding", "citing", "calling", "leaving", "killing",
     "injuring", "forcing", "prompting", "making", "bringing"}
)  # fmt: skip
_RELATIVE_OPENERS = frozenset({"which", "who", "where"})
ENRICH_MIN_NEW_WORDS = 2  # content words the tail must add to the main sentence
ENRICH_MIN_NEW_SHARE = 0.6  # and the share of the tail's content words that are new
ENRICH_TAIL_WORDS = (3, 25)


def adds_content(words: Sequence[str], known: set[str]) -> bool:
    """Whether the content words among `words` are mostly new to a sentence whose lowercased words are `known`."""
    stops = stop_words("english")
    content = {w.lower() for w in words if w[0].isalnum() and w.lower() not in stops}
    new = content - known
    return bool(content) and len(new) >= ENRICH_MIN_NEW_WORDS and len(new) >= ENRICH_MIN_NEW_SHARE * len(content)


def enrich(main: str, other: str) -> list[str]:
    """`main` with a trailing clause of `other` that states what `main` does not, shortest first.

    The clause must start after a comma of `other` with a word that lets it modify
    a whole sentence (see _TAIL_OPENERS), or with a relative pronoun whose
    antecedent is the last word of `main` too; `other` must name the subject of
    `main` before the clause, so that the clause is about the same event.
    """
    if not re.search(r"\w\.$", main):  # a plain full stop: quotes and questions end differently
        return []
    main_tokens = word_tokens(main)
    main_words = {t.lower() for t in main_tokens}
    subject = subject_of(main_tokens)
    other_tokens = word_tokens(other)
    lowered = [t.lower() for t in other_tokens]
    if not other_tokens or other_tokens[-1] != "." or subject is None:
        return []
    last_of_main = main_tokens[-2].lower()
    out = []
    for comma in (k for k, t in enumerate(other_tokens[:-1]) if t == ","):
        tail = other_tokens[comma + 1 : -1]
        opener = tail[0].lower() if tail else ""
        relative = opener in _RELATIVE_OPENERS and comma > 0 and lowered[comma - 1] == last_of_main
        if not (opener in _TAIL_OPENERS or relative) or subject not in lowered[:comma]:
            continue
        words = [t for t in tail if t[0].isalnum()]
        if not ENRICH_TAIL_WORDS[0] <= len(words) <= ENRICH_TAIL_WORDS[1]:
            continue
        if numbers_in(tail) & numbers_in(main_tokens):  # it restates what main says
            continue
        if adds_content(words, main_words):
            out.append(detokenize([*main_tokens[:-1], ",", *tail, "."]))
    return sorted(out, key=lambda text: (len(text), text))


# An appositive ("Steve Redgrave, a five-time Olympic champion,") or a non-restrictive relative clause
# ("Hasan, who was wounded in the shootout,") that another sentence gives a name: the outlet's
# description of someone, set off by commas, which fits after the same name in any sentence.
_APPOSITIVE_OPENERS = frozenset({"a", "an", "the", "who", "whose", "his", "her", "their", "its", "aged"})
APPOSITIVE_WORDS = (3, 16)


def _name_runs(tokens: Sequence[str], *, lone_first_word: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each run of capitalised words, the first word of the sentence alone only with
    `lone_first_word` (a lone capitalised first word is usually not a name)."""
    stops = stop_words("english")
    runs, start = [], None
    for k, token in enumerate([*tokens, "."]):
        capital = token[:1].isupper() and token[0].isalpha() and token.lower() not in stops
        if capital and start is None:
            start = k
        elif not capital and start is not None:
            if start > 0 or k - start > 1 or lone_first_word:
                runs.append((start, k))
            start = None
    return runs


# Words that stand before a surname without being a first name ("Mr Love", "President Obama").
_TITLE_WORDS = frozenset(
    {"mr", "mrs", "ms", "miss", "dr", "sir", "lord", "lady", "dame", "president", "vice", "prime", "minister",
     "secretary", "senator", "sen", "rep", "representative", "gov", "governor", "mayor", "judge", "justice",
     "detective", "officer", "sgt", "sergeant", "capt", "captain", "major", "gen", "general", "colonel", "col",
     "lt", "chief", "coach", "king", "queen", "prince", "princess", "pope", "rev", "father", "sister", "brother",
     "professor", "prof", "chancellor", "ambassador", "agent", "commissioner", "inspector", "superintendent"}
)  # fmt: skip


def descriptions(sentences: Sequence[SourceSentence]) -> dict[str, list[Description]]:
    """Every appositive or relative clause that follows a name between commas, by the name's last word.

    A last word that two people share in the cluster ("Joe Wethington" and "Mackenzie Wethington")
    is marked: the surname alone would not say whom a description is about.
    """
    found: dict[str, list[Description]] = {}
    given_names: dict[str, set[str]] = {}
    runs_of = [
        (sentence, tokens, _name_runs(tokens)) for sentence in sentences for tokens in [word_tokens(sentence.text)]
    ]
    for _, tokens, runs in runs_of:
        for start, end in runs:
            if end - start >= 2 and tokens[end - 2].lower() not in _TITLE_WORDS:
                given_names.setdefault(tokens[end - 1], set()).add(tokens[end - 2])
    for sentence, tokens, runs in runs_of:
        for start, end in runs:
            shared = len(given_names.get(tokens[end - 1], ())) > 1
            if (shared and end - start < 2) or quote_depth(" ".join(tokens[:end])) > 0:
                continue
            if end + 1 >= len(tokens) or tokens[end] != "," or tokens[end + 1].lower() not in _APPOSITIVE_OPENERS:
                continue
            close = next((k for k in range(end + 1, len(tokens)) if tokens[k] in {",", ".", ";", ":"}), None)
            if close is None or tokens[close] != ",":
                continue  # a description must be closed by a comma: what ends the sentence may be its predicate
            words = tuple(tokens[end + 1 : close])
            relative = words[0].lower() in {"who", "whose"}
            if "of" in (t.lower() for t in tokens[max(start - 2, 0) : start]):
                continue  # "the President of the Conference, the minister,": it describes the President
            opener = SUBORDINATE_START.match(tokens[0]) or re.match(r"^[A-Z]\w+ing$", tokens[0])
            if opener and "," not in tokens[:end]:
                continue  # the comma closes an opening phrase ("At the Conference, the minister said ...")
            if tokens[close + 1 : close + 2] in (["and"], ["or"]):
                continue  # "Miley Cyrus, a hashtag ..., and Cara Delevingne": items of a list
            if _name_runs(tokens[close + 1 : close + 2], lone_first_word=True):
                continue  # "the minister, Rachmat Witoelar,": the description introduces the name that follows
            if not APPOSITIVE_WORDS[0] <= len(words) <= APPOSITIVE_WORDS[1] or any(
                not quotes_balanced(w) for w in words
            ):
                continue
            if not relative and has_verb(words):
                continue  # "Putin, the president said, ..." is not a description
            name = tuple(tokens[start:end])
            found.setdefault(name[-1], []).append(Description(name, words, sentence, shared))
    return found


def describe(main: str, known: dict[str, list[Description]]) -> list[tuple[str, SourceSentence]]:
    """`main` with another outlet's description of a name it mentions, set after the name's first
    mention, when the description adds content words `main` lacks; shortest first."""
    tokens = word_tokens(main)
    main_words = {t.lower() for t in tokens}
    out: dict[str, SourceSentence] = {}
    met: set[str] = set()
    for start, end in _name_runs(tokens, lone_first_word=True):  # only names described elsewhere count
        last, following = tokens[end - 1], tokens[end] if end < len(tokens) else ""
        first_mention = last not in met  # the first mention is where a reader meets the name
        met.add(POSSESSIVE.sub("", last))
        if not first_mention or following in {",", "(", "-", ""} or not (following[0].isalnum() or following in ".;"):
            continue  # already described, or inside punctuation
        if quote_depth(" ".join(tokens[:end])) > 0 or following in {"and", "or"}:
            continue  # a quotation stays as it was said; a list item takes no description
        for description in known.get(last, []):
            width = min(len(description.name), end - start)
            if tuple(tokens[end - width : end]) != description.name[-width:] or description.source.text == main:
                continue
            if description.shared_surname and width < 2:
                continue  # "Wethington" alone: the father or the daughter
            if not adds_content(description.words, main_words):
                continue
            closing = [] if following in ".;" else [","]
            text = detokenize([*tokens[:end], ",", *description.words, *closing, *tokens[end:]])
            out.setdefault(text, description.source)
    return sorted(out.items(), key=lambda item: (len(item[0]), item[0]))


WIDEN_RUN_TOKENS = 10  # the longest run taken from the other sentence: a phrase, not a clause


def _inside_quotes(tokens: Sequence[str]) -> list[bool]:
    """For each token, whether a quotation is open where it stands."""
    return [quote_depth(" ".join(tokens[: k + 1])) > 0 for k in range(len(tokens))]


def widen(main: str, other: str) -> list[str]:
    """`main` with the run between two of its anchors replaced by what `other` says between the same
    anchors, when that run keeps every content word of `main`'s run and adds one `main` lacks
    ("up for Best Supporting Actress for August" -> "... for her role in August"); shortest first.

    An anchor is a pair of adjacent words, one of them a content word, found once in each sentence,
    so every three-word window of the result is in one of the two and the two runs stand in the same
    place. Neither run may hold punctuation (a comma can open a clause), a verb, a negation, a hedge,
    or be in a quotation; the new run brings no number `main` lacks (outlets' counts differ). `other`
    must have the subject and the first verb of `main`: it states the same thing, in other words.
    """
    stops = stop_words("english")
    tokens, theirs = word_tokens(main), word_tokens(other)
    lowered, their_lowered = [t.lower() for t in tokens], [t.lower() for t in theirs]
    main_words = {POSSESSIVE.sub("", t) for t in lowered}
    main_numbers = numbers_in(tokens)

    def content(run: Sequence[str]) -> set[str]:
        return {POSSESSIVE.sub("", t) for t in run if t[0].isalnum() and t not in stops}

    def plain(run: Sequence[str]) -> bool:
        words_only = all(t[0].isalnum() for t in run)
        return words_only and not (has_verb(run) or negations_in(run) or hedges_in(run))

    def unique_anchors(words: Sequence[str]) -> dict[tuple[str, str], int]:
        """Each adjacent pair with a content word that occurs once, to the index of its second word."""
        pairs = list(pairwise(words))
        counts = Counter(pairs)
        return {pair: k + 1 for k, pair in enumerate(pairs) if counts[pair] == 1 and content(pair)}

    subject, verb = subject_of(tokens), first_verb(tokens)
    if subject is None or subject not in their_lowered or (verb is not None and verb not in their_lowered):
        return []  # not the same statement: a place or time of another event's sentence is not this one's
    mine, their_anchors = unique_anchors(lowered), unique_anchors(their_lowered)
    quoted, their_quoted = _inside_quotes(tokens), _inside_quotes(theirs)
    out: set[str] = set()
    for (left, i), (right, j) in itertools.product(mine.items(), mine.items()):
        p, q = their_anchors.get(left), their_anchors.get(right)
        # The runs lie between the left pair's second word and the right pair's first word.
        if p is None or q is None or not (i < j <= i + WIDEN_RUN_TOKENS) or not (p < q <= p + WIDEN_RUN_TOKENS + 1):
            continue
        old, new = lowered[i + 1 : j - 1], their_lowered[p + 1 : q - 1]
        if new == old or quoted[i] or their_quoted[p] or not content(old) <= content(new):
            continue
        if not content(new) - main_words or not numbers_in(new) <= main_numbers:
            continue
        if plain(theirs[p + 1 : q - 1]) and plain(tokens[i + 1 : j - 1]):
            out.add(detokenize([*tokens[: i + 1], *theirs[p + 1 : q - 1], *tokens[j - 1 :]]))
    return sorted(out, key=lambda text: (len(text), text))
