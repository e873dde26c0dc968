"""Which sentences of different outlets state one fact, by their words and, where the `semantic` extra is
installed, by their meaning.

Three strengths, each for what it decides:

- **one fact with a figure** (`figure_pairs`): two sentences that share the event's words, at least
  `MIN_SHARED` content words and at least `SHARE_OF_SHORTER` of the shorter sentence's, whatever else each one
  adds ("Wang Youcai was sentenced to 11 years" / "Also sentenced Monday, to 11 years in prison, was Wang
  Youcai"), and a name where both name someone (a sentence's first word counts as a name when the story writes
  it capitalised inside a sentence too), unless they share `ALIKE_SHARED` words and `ALIKE_SHARE` of the shorter
  one's and one's article names whom the other names ("Tanya" / "Callau"); or, with the `semantic` extra, that
  share `MIN_SHARED` words and `MEANING_SHARE` of the shorter one's and are close in meaning (`MEANING_PAIRS`)
  where each measure both give is one figure on each side ("The number of babies born in the U.S. dropped by 6%"
  / "The U.S. birth rate fell 4% last year"); their figures are then compared.
- **states** (`states`): a sentence of another outlet really says what a digest sentence says: it holds at
  least half of the digest sentence's content words and is close to it as a whole (TF-IDF cosine over the
  digest's threshold), or, by meaning, close and holding a third of its words. What "carried by" counts.
- **touches** (`touches`): a sentence or headline may say it in other words: a third of the content words, or a
  cosine of `TOUCH_COSINE`, or the same figure, or close by meaning. An outlet that touches a fact anywhere is
  never said to leave it out, nor is the fact said to be "only in" another outlet: when the evidence is not
  there, the differences say nothing.
"""

from __future__ import annotations

import itertools
import re
from array import array
from collections.abc import Callable, Hashable, Iterator, Mapping, Sequence

import numpy as np
import scipy.sparse as sp

from ..documents import Document, Unit
from ..sentence_analyses import Kind, register, remembered
from ..text import tokenize

__all__ = ["MIN_SHARED", "SHARE_OF_SHORTER", "content_sets", "figure_pairs", "headline_units",
           "meaning_of_one_figure_each", "names_of", "same_names"]  # fmt: skip

# One fact with a figure: chosen on the planted pairs and the flags of Multi-News and DUC 2003 together
# (eval/differences.py); reported on the other sets and on allsides_days.
MIN_SHARED = 4
SHARE_OF_SHORTER = 0.5
MIN_WORDS_ALIKE = 3
# Two sentences that share this much are one fact whatever names each gives when one's article names whom the other
# names ("he left Tanya 35 percent of his personal effects ..." / "He left Callau ... 25 percent of his personal
# effects", both articles about Tanya Callau); otherwise they must share a name where both name someone
# ("Phillips missed three games" / "Bush missed four games").
ALIKE_SHARED = 6
ALIKE_SHARE = 0.6
# "states": the share of the digest sentence's content words the other sentence holds.
STATES_SHARE = 0.5
# "touches": what is enough to say an outlet may carry a fact in its own words.
TOUCH_SHARE = 1 / 3
TOUCH_COSINE = 0.2
# WordLlama cosines (summarizer.core.semantic; centred from 20 sentences on), measured on the first 50
# Multi-News clusters: pairs of two articles' sentences that share 60 % of their words (one fact) score a median
# 0.64, and 90 % of them score 0.25 or more; pairs sharing no word score 0.10 or less in 95 %, and pairs sharing
# under a fifth of their words 0.24 or less in 95 %. "Touches" takes the lenient side (0.25: most facts told in
# other words are seen, at the cost of a few omissions not said); "states" the strict one (the median).
MEANING_STATES = 0.6
# Seventh round: one fact with a figure told in other words (allsides 6070: "The number of babies born in the U.S.
# dropped by 4%" / "The U.S. birth rate fell 4% last year", 5 of 12 words, a cosine of 0.63), chosen on the choosing
# part: without the meaning (a share of 0.4 alone) 6 plants more, 2 lost and some 50 new lines, most of them two
# games' or two quakes' figures; with it, and one figure of each measure both give on each side, 2 plants more
# (allsides 6070, 5930) and one new line, false ("nine dead, including the gunman" / "eight dead", now agreeing).
MEANING_PAIRS = 0.6
MEANING_SHARE = 0.4
MEANING_TOUCHES = 0.25
PAIRS_AT_ONCE = 100_000  # figure pairs turned back into numbers at once (figure_pairs)


_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]{2,}|[A-Z]{2,})\b")
NOT_NAMES = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february",
             "march", "april", "may", "june", "july", "august", "september", "october", "november", "december",
             "the", "but", "and", "mr", "mrs", "ms", "dr"}  # fmt: skip


# "the Fourth of July": a day, no name of whom the fact is about (allsides 5892: "A bloody Fourth of July weekend
# ended with at least 150 people killed" named "fourth", and so no fact with "150 people were killed ..., reports CNN").
_DAY_OF_MONTH = re.compile(
    r"\b(?:First|Second|Third|Fourth|Fifth|Sixth|Seventh|Eighth|Ninth|Tenth|\w+teenth|Twent\w+|Thirt\w+) of (?:"
    r"January|February|March|April|May|June|July|August|September|October|November|December)\b"
)
_FIRST = re.compile(r"^\W*([A-Z][a-z]{2,})\b")


def names_of(text: str, known: frozenset[str] = frozenset()) -> frozenset[str]:
    """The proper names a sentence mentions (capitalised words but weekdays, months), lowercased; its first word
    only when `known` holds it (a name the story writes capitalised inside a sentence: "Hansbrough finished")."""
    names = set(remembered("names", text, _capitalised))
    first = _FIRST.match(text.strip())
    if first and first.group(1).lower() in known:
        names.add(first.group(1).lower())
    return frozenset(names - NOT_NAMES)


def _capitalised(text: str) -> frozenset[str]:
    return frozenset(m.group(1).lower() for m in _NAME.finditer(_DAY_OF_MONTH.sub("day", text.strip())))


register("names", Kind(sorted, frozenset))


def same_names(first: frozenset[str], second: frozenset[str]) -> bool:
    """Whether two sentences can be about one event by their names: they share one, or one names nobody.
    ("Phillips missed three games" / "Bush missed four games" share every other word.)"""
    return not first or not second or bool(first & second)


# A byline glued to a headline ("... hopes for new start By Stefano Esposito Staff Reporter", Multi-News s021): no
# part of what the headline says.
_BYLINE = re.compile(r"\s+By\s+[A-Z][\w.'’-]+\s+[A-Z][\w.'’-]+.*$")


def headline_units(documents: Sequence[Document], units: Sequence[Unit], stem: Callable[[str], str]) -> list[Unit]:
    """The documents' headlines as units (index -1), byline split off, to be compared for their figures with the
    other outlets' sentences: a headline states its article's main fact ("Shermain Miles — arrested 396 times — out
    of prison", Multi-News s021; "The Row $39,000 backpack flying off shelves", s090). A headline's terms are the
    stems of its words that are terms of the story's sentences (stop words never are, in any language); a
    headline its article also has as a sentence is that sentence already."""
    vocabulary = {term for unit in units for term in unit.terms}
    texts = {unit.text for unit in units}
    found = []
    for order, document in enumerate(documents):
        headline = _BYLINE.sub("", " ".join((document.title or "").split()))
        if not headline or headline in texts:
            continue
        tokens = tuple(tokenize(headline))
        terms = tuple(term for term in map(stem, tokens) if term in vocabulary)
        found.append(Unit(headline, document.id, order, -1, -1, tokens, terms, eligible=False))
    return found


def content_sets(units: Sequence[Unit]) -> list[frozenset[str]]:
    """Each sentence's content words (stems), numbers aside: a changed figure leaves the fact's words alone."""
    found: dict[tuple[str, ...], frozenset[str]] = {}  # by terms: copies repeat sentences
    for unit in units:
        if unit.terms not in found:
            found[unit.terms] = frozenset(t for t in unit.terms if not t[:1].isdigit())
    return [found[unit.terms] for unit in units]


def figure_pairs(
    sets: Sequence[frozenset[str]], candidates: Sequence[int], comparable: Callable[[int, int], bool],
    names: Mapping[int, frozenset[str]], named_by_other: Callable[[int, int], bool],
    unspoken: Mapping[int, frozenset[str]] | None = None, meaning: Callable[[int, int], float] | None = None,
    contents: Mapping[int, Hashable] | None = None,
) -> Iterator[tuple[int, int]]:  # fmt: skip
    """(i, j), i < j, in order, of candidate sentences that state one fact (see the module docstring) and may be
    compared (`comparable`: different outlets, or one outlet's articles of different times; `named_by_other(i, j)`: the
    article of one names everyone the other sentence names, so two names can be one subject; `unspoken`: each
    sentence's names but its speaker's, which may stand for its names too: "Voters in 2009 approved a $3 million
    bond ..., Bower said" can tell "Palmer voters in 2010 approved a $4 million bond"). `contents`: a key per
    candidate such that two sentences of one key have the same words, names and meaning (copies of one sentence):
    what depends only on those is decided once per pair of keys, and only `comparable` and `named_by_other`, which
    read the articles, per pair of sentences (a story of 58 copies of a long article held 8,000 sentences with
    figures, whose pairs of words took 1.5 GB)."""
    if len(candidates) < 2:
        return iter(())
    copies: dict[Hashable, list[int]] = {}
    for sentence in candidates:
        copies.setdefault(contents[sentence] if contents is not None else sentence, []).append(sentence)
    groups = list(copies.values())  # each key's sentences, in the candidates' order
    vocabulary: dict[str, int] = {}
    rows, columns = [], []
    for row, members in enumerate(groups):
        for term in sorted(sets[members[0]]):
            rows.append(row)
            columns.append(vocabulary.setdefault(term, len(vocabulary)))
    binary = sp.csr_matrix((np.ones(len(rows)), (rows, columns)), shape=(len(groups), max(1, len(vocabulary))))
    shared = sp.triu(binary @ binary.T, k=0).tocoo()  # with each key itself: its copies are pairs too
    # The word counts first, over every pair at once: a big story's copies make most of its pairs share words.
    sizes = np.array([max(1, len(sets[members[0]])) for members in groups])
    shares = shared.data / np.minimum(sizes[shared.row], sizes[shared.col])
    # ... or every content word of both alike, MIN_WORDS_ALIKE at least besides names: one sentence but for its
    # figures ("It took under 10 seconds to hit the target", Multi-News s231, where two outlets quote one man; not two
    # tweets' signatures "— Scout LaRue Willis (@Scout_Willis) May 27, 2014", which name, and say nothing)
    alike = (shared.data >= MIN_WORDS_ALIKE) & (sizes[shared.row] == shared.data) & (sizes[shared.col] == shared.data)
    by_share = (shared.data >= MIN_SHARED) & (shares >= SHARE_OF_SHORTER)
    # ... or, by meaning, close and sharing MEANING_SHARE of the shorter's words (other words for one fact)
    by_meaning = (
        (shared.data >= MIN_SHARED) & (shares >= MEANING_SHARE) if meaning is not None else np.zeros_like(alike)
    )
    kept = by_share | alike | by_meaning
    width = max(candidates) + 1
    found = array("q")  # each pair as i * width + j: 8 bytes, where a tuple of two ints takes over 100
    for a, b, count, share, shared_enough, words_alike, near in zip(
        shared.row[kept], shared.col[kept], shared.data[kept], shares[kept], by_share[kept], alike[kept],
        by_meaning[kept],
    ):  # fmt: skip
        firsts, seconds = groups[int(a)], groups[int(b)]
        i, j = firsts[0], seconds[0]
        if not shared_enough:
            told_alike_words = words_alike and _unnamed_words(sets[i], names[i]) >= MIN_WORDS_ALIKE
            if not told_alike_words and not (near and meaning is not None and meaning(i, j) >= MEANING_PAIRS):
                continue
        named_alike = same_names(names[i], names[j]) or bool(unspoken and same_names(unspoken[i], unspoken[j]))
        # named_by_other reads the articles: asked only when the names alone do not decide
        may_be_told_alike = not named_alike and count >= ALIKE_SHARED and share >= ALIKE_SHARE
        if not (named_alike or may_be_told_alike):
            continue
        sentence_pairs = itertools.combinations(firsts, 2) if a == b else itertools.product(firsts, seconds)
        for i, j in sentence_pairs:
            if (named_alike or named_by_other(i, j)) and comparable(i, j):
                found.append(min(i, j) * width + max(i, j))
    return _in_order(np.frombuffer(found, dtype=np.int64) if found else np.zeros(0, dtype=np.int64), width)


def _in_order(keys: np.ndarray, width: int) -> Iterator[tuple[int, int]]:
    """The pairs (i, j) of these keys (i * width + j), sorted, made a block at a time: 300 copies of an article in
    one story made 4.4 GB of them as a list."""
    keys.sort()  # in place: the array figure_pairs filled
    for start in range(0, len(keys), PAIRS_AT_ONCE):
        block = keys[start : start + PAIRS_AT_ONCE]
        yield from zip((block // width).tolist(), (block % width).tolist())


def meaning_of_one_figure_each(vectors: np.ndarray, measures: Mapping[int, list[str]]) -> Callable[[int, int], float]:
    """The meaning cosine of two sentences (rows of `vectors`, centred) where each measure both give is one figure on
    each side (`measures`: each sentence's figures' measures), else 0: when one sentence gives two figures of the
    measure, other words cannot tell which is the count ("78 minutes per day" / "56 minutes a day, or nearly five
    hours a week")."""

    def close(i: int, j: int) -> float:
        mine, theirs = measures.get(i), measures.get(j)
        if mine is None or theirs is None:
            return 0.0  # a headline: no vector of its own here
        shared = set(mine) & set(theirs)
        if not shared or any(mine.count(m) != 1 or theirs.count(m) != 1 for m in shared):
            return 0.0
        return float(vectors[i] @ vectors[j])

    return close


def _unnamed_words(words: frozenset[str], names: frozenset[str]) -> int:
    """How many of a sentence's content words (stems) are no stem of one of its names ("willi" of "willis")."""
    return sum(1 for word in words if not any(name.startswith(word) for name in names))


def coverage(digest_set: frozenset[str], other: frozenset[str]) -> float:
    """The share of a sentence's content words another sentence holds."""
    return len(digest_set & other) / len(digest_set) if digest_set else 0.0


def states(share: float, cosine: float, meaning: float | None, threshold: float) -> bool:
    """Whether a sentence really says what a digest sentence says (see the module docstring)."""
    by_words = share >= STATES_SHARE and cosine > threshold
    return by_words or (meaning is not None and meaning >= MEANING_STATES and share >= TOUCH_SHARE)


def touches(share: float, cosine: float, meaning: float | None, same_figure: bool) -> bool:
    """Whether a sentence may say what a digest sentence says in other words (see the module docstring)."""
    return share >= TOUCH_SHARE or cosine >= TOUCH_COSINE or same_figure or (
        meaning is not None and meaning >= MEANING_TOUCHES)  # fmt: skip
