"""Facts of the digest an outlet leaves out, and facts only one outlet tells: claims about named outlets, made
only with the evidence for them (see align.py for "states" and "touches").

An outlet leaves a digest sentence's fact out when all of this holds:

- the sentence states a fact: `MIN_FACT_WORDS` content words or more;
- at least two outlets other than the one blamed really state it (the sentence's own and one more at least):
  each stating sentence holds `STATED_SHARED` of its content words at least (not the story's topic words
  alone); and more outlets carry it than leave it out (counting every page that does not touch it);
- nothing the outlet published touches it: no sentence of any of its articles (copies and versions included)
  and no headline, in the same words or in others, nor any line of its text (a list item, a caption) that
  gives the fact's names and figures together;
- the outlet published an article on the story (`_articles_on_story`): `MIN_ARTICLE_SENTENCES` real
  sentences at least (a video's description, a reprint notice is none) and words in common with the rest of
  the story (`MIN_STORY_COSINE`: another story put in the cluster is off-topic);
- the outlet covers the story: it states at least one other fact of the digest that another outlet states too
  (an off-topic article, a photo gallery or a reprint notice put in the story, leaves nothing out);
- the outlet did not write before the fact was first reported (its every article is dated earlier than every
  article that carries it: it could not have known);
- the fact is no quotation whose speaker the sentence does not name (shown alone, an opinion reads as fact).

A digest sentence is "only in" its outlet when no other outlet touches it and the story has two outlets or more.
"""

from __future__ import annotations

import datetime
import re
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from ..core.represent import transposed
from ..documents import Difference, DifferenceValue, Document, Sentence, Unit
from ..text import tokenize
from .agree import differ
from .align import MEANING_TOUCHES, coverage, names_of, states, touches
from .figures import Figure, figures_in
from .outlets import moment
from .quotes import quoted, speaker_of

__all__ = ["omissions_and_singles"]

# A digest sentence with fewer content words says too little to be missed ("He declined to comment.").
MIN_FACT_WORDS = 5
# A sentence that states a digest sentence's fact holds at least this many of its content words: "states" alone
# (half of them) let two topic words carry a forum header ("Pizza for bitcoins?" / "... for two Papa John's
# Pizzas", Multi-News s177). On the choosing part, 3 kept 8 more blames, 4 of them false.
STATED_SHARED = 4
# An outlet is blamed only for an article on the story. A real sentence: complete, of this many words at least
# (a headline line, a byline, a forum's "Activity: 199" are none).
REAL_SENTENCE_TOKENS = 8
# ... and an article has this many of them: a video page's one-line description (Multi-News s165, 43 words), a
# reprint notice, a page of links and a one-line brief have fewer. allsides_days' excerpts of real articles have
# 3 (median), ECB+'s 9. On the choosing part, 2 kept 8 more blames (of pages with two sentences), 2 of them false.
MIN_ARTICLE_SENTENCES = 3
# ... and shares its words with the rest of the story: the TF-IDF cosine of all its sentences against all the
# other outlets' (Multi-News: median 0.50, 10 % of outlets under 0.18; another story put in the cluster, s229:
# 0.19). On the choosing part it removed 4 blames, all false (see differences_reading.md, fifth round).
MIN_STORY_COSINE = 0.2
_WORDS = re.compile(r"[^\W\d_]+")
_PIECE_END = re.compile(r"\n+|(?<=[.!?])\s+")


def _same_figure(first: str, second: str, figures_of: Callable[[str], list[Figure]] = figures_in) -> bool:
    """Whether two sentences give one figure of one measure (the same value): the same fact in other words."""
    mine = figures_of(first)
    return any(f.measure == g.measure and not differ(f, g) for f in mine for g in figures_of(second)) if mine else False


def omissions_and_singles(
    units: Sequence[Unit],
    tfidf: sp.csr_matrix,
    documents: Sequence[Document],
    sentences: Sequence[Sentence],
    outlet_of_document: dict[str, int],
    *,
    sets: Sequence[frozenset[str]],
    threshold: float,
    stem: Callable[[str], str],
    meaning: np.ndarray | None = None,
    figures_of: Callable[[str], list[Figure]] = figures_in,
) -> list[Difference]:
    """Omissions and "only in" facts of a digest's extracted sentences (see the module docstring).
    `outlet_of_document`: article id -> its outlet (outlets.outlet_groups); `meaning`: unit-length vectors of the
    units, then of the documents' headlines, when the semantic extra is there; `figures_of`: figures_in, or a
    memo of it (one sentence is compared with many)."""
    position = {(u.document, u.index): k for k, u in enumerate(units)}
    outlet_of_unit = [outlet_of_document[u.document] for u in units]
    outlets = sorted(set(outlet_of_unit))
    if len(outlets) < 2:
        return []
    by_id = {d.id: d for d in documents}
    headlines = [(outlet_of_document[d.id], frozenset(stem(t) for t in tokenize(d.title or "")), d.title or "")
                 for d in documents if d.title and d.id in outlet_of_document]  # fmt: skip
    digest_units = [position.get((s.document, s.index)) for s in sentences]
    stated: dict[int, set[int]] = {}  # digest sentence -> outlets that state it
    stating: dict[int, set[str]] = {}  # digest sentence -> articles that state it
    touched: dict[int, set[int]] = {}
    every = transposed(tfidf)
    for k, i in enumerate(digest_units):
        if i is None or sentences[k].fused_from:
            continue
        cosines = np.asarray((tfidf[i] @ every).todense()).ravel()
        meanings = meaning[: len(units)] @ meaning[i] if meaning is not None else None
        stated[k], touched[k], stating[k] = {outlet_of_unit[i]}, {outlet_of_unit[i]}, {units[i].document}
        near = cosines > 0
        if meanings is not None:
            near |= meanings >= MEANING_TOUCHES
        for j in map(int, np.flatnonzero(near)):
            if outlet_of_unit[j] == outlet_of_unit[i]:
                continue
            share, by_meaning = coverage(sets[i], sets[j]), None if meanings is None else float(meanings[j])
            if states(share, float(cosines[j]), by_meaning, threshold) and len(sets[i] & sets[j]) >= STATED_SHARED:
                stated[k].add(outlet_of_unit[j])
                stating[k].add(units[j].document)
            if touches(share, float(cosines[j]), by_meaning, _same_figure(units[i].text, units[j].text, figures_of)):
                touched[k].add(outlet_of_unit[j])
        for h, (outlet, words, title) in enumerate(headlines):
            by_meaning = None if meaning is None else float(meaning[len(units) + h] @ meaning[i])
            if touches(coverage(sets[i], words), 0.0, by_meaning, _same_figure(units[i].text, title, figures_of)):
                touched[k].add(outlet)
    found = []
    on_story: set[int] | None = None  # read when a fact could be left out at all: most are carried by one outlet
    for k in sorted(stated):
        if len(stated[k]) < 2 or len(touched[k]) == len(outlets):
            continue
        on_story = _articles_on_story(units, tfidf, outlet_of_unit) if on_story is None else on_story
        unit = units[digest_units[k]]  # type: ignore[index]
        earliest = [t for d in stating[k] if (t := moment(by_id[d].date)) is not None]
        missing = _missing(k, unit, stated, touched, on_story, min(earliest) if earliest else None,
                           units, outlet_of_unit, by_id)  # fmt: skip
        missing = [
            o for o in missing if not _told_in_its_lines(unit.text, o, documents, outlet_of_document, figures_of)
        ]
        if missing:
            carriers = sorted(stated[k])
            value = DifferenceValue(sentences[k].text, tuple(_first_documents(carriers, units, outlet_of_unit)),
                                    speaker=speaker_of(unit.text) if quoted(unit.text) else None)  # fmt: skip
            found.append(Difference("omission", (value,), ((unit.document, unit.index),),
                                    missing=tuple(_first_documents(missing, units, outlet_of_unit))))  # fmt: skip
    return found + _singles(sentences, digest_units, touched, units)


def _first_documents(outlets: Sequence[int], units: Sequence[Unit], outlet_of_unit: Sequence[int]) -> list[str]:
    """The article that names each outlet: its first with sentences."""
    first: dict[int, str] = {}
    for unit, outlet in zip(units, outlet_of_unit):
        first.setdefault(outlet, unit.document)
    return [first[o] for o in sorted(outlets)]


def _missing(
    k: int, unit: Unit, stated: dict[int, set[int]], touched: dict[int, set[int]], on_story: set[int],
    earliest: datetime.datetime | None, units: Sequence[Unit], outlet_of_unit: Sequence[int],
    by_id: dict[str, Document],
) -> list[int]:  # fmt: skip
    """The outlets that leave digest sentence k's fact out, with the evidence the module docstring lists;
    `earliest`: when the fact was first reported, where its articles are dated; `on_story`: the outlets with
    an article on the story (the others leave nothing out)."""
    carriers = stated[k]
    if len(carriers) < 2 or len(set(unit.terms)) < MIN_FACT_WORDS:
        return []
    if quoted(unit.text) and speaker_of(unit.text) is None:
        return []
    untouched = [o for o in sorted(set(outlet_of_unit)) if o not in touched[k]]
    # An outlet covers the story when it states a fact of the digest that another outlet states too: a sentence
    # of its own in the digest (a reprint notice, another story put in the cluster) is no such evidence.
    covering = {o for other, found in stated.items() if other != k and len(found) >= 2 for o in found}
    missing = []
    for outlet in untouched:
        if outlet not in covering:
            continue  # states no fact of the digest: off-topic here, or a story of its own
        written = [moment(by_id[u.document].date) for u, o in zip(units, outlet_of_unit) if o == outlet]
        if earliest is not None and written and all(t is not None and t < earliest for t in written):
            continue  # written before anyone reported it
        missing.append(outlet)
    # more outlets carry it than leave it out, counting every page that does not touch it; of those, only an
    # article on the story is blamed
    return [o for o in missing if o in on_story] if len(carriers) > len(missing) else []


def _articles_on_story(units: Sequence[Unit], tfidf: sp.csr_matrix, outlet_of_unit: Sequence[int]) -> set[int]:
    """The outlets that published an article on the story: MIN_ARTICLE_SENTENCES real sentences at least, and a
    TF-IDF cosine of MIN_STORY_COSINE at least between all its sentences and all the other outlets'."""
    rows_of: dict[int, list[int]] = defaultdict(list)
    for k, outlet in enumerate(outlet_of_unit):
        rows_of[outlet].append(k)
    total = np.asarray(tfidf[: len(units)].sum(axis=0)).ravel()
    found = set()
    for outlet, rows in sorted(rows_of.items()):
        real = [k for k in rows if units[k].eligible and len(units[k].tokens) >= REAL_SENTENCE_TOKENS]
        if len(real) < MIN_ARTICLE_SENTENCES:
            continue
        own = np.asarray(tfidf[rows].sum(axis=0)).ravel()
        rest = total - own
        norms = float(np.linalg.norm(own) * np.linalg.norm(rest))
        if norms > 0 and float(own @ rest) / norms >= MIN_STORY_COSINE:
            found.add(outlet)
    return found


def _told_in_its_lines(
    text: str, outlet: int, documents: Sequence[Document], outlet_of_document: dict[str, int],
    figures_of: Callable[[str], list[Figure]],
) -> bool:  # fmt: skip
    """Whether a line or sentence of the outlet's texts or headlines (a list item, a caption the digest does not
    take as a sentence) gives the fact's names and figures together: every name, every figure (the same value),
    two such marks at least and one name among them ("Slepian, 52, was shot ..." / "- Barnett Slepian, 52")."""
    names, figures = names_of(text), figures_of(text)
    if not names or len(names) + len(figures) < 2:
        return False
    for document in documents:
        if outlet_of_document.get(document.id) != outlet:
            continue
        for piece in [document.title or "", *_PIECE_END.split(document.text)]:
            if names <= set(_WORDS.findall(piece.lower())) and all(
                    any(f.measure == g.measure and not differ(f, g) for g in figures_of(piece)) for f in figures):  # fmt: skip
                return True
    return False


def _singles(
    sentences: Sequence[Sentence], digest_units: Sequence[int | None], touched: dict[int, set[int]],
    units: Sequence[Unit],
) -> list[Difference]:  # fmt: skip
    """One "only" difference per outlet: the digest sentences no other outlet touches."""
    alone: dict[int, list[int]] = {}
    for k, outlets in sorted(touched.items()):
        if len(outlets) == 1:
            alone.setdefault(next(iter(outlets)), []).append(k)
    found = []
    for _outlet, ks in sorted(alone.items(), key=lambda item: item[1][0]):
        values = tuple(DifferenceValue(sentences[k].text, (sentences[k].document,)) for k in ks)
        where = tuple((units[digest_units[k]].document, units[digest_units[k]].index) for k in ks)  # type: ignore[index]
        found.append(Difference("only", values, where))
    return found
