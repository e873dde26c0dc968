"""Versions of one story: which sentences of each version stay, and why versions never confirm each other.

Wire services send one story several times in a day (a new lead, paragraphs added or cut, a figure
updated), and outlets republish syndicated copies word for word. Two articles whose document cosine
reaches `COPY_COSINE` are versions of one story: a *family*, counted as one outlet. Within a family,
the versions are read in order (by date when every version has one, else in input order) and a pool
of sentences is kept:

- a sentence with the same words as one in the pool is dropped: the earliest version keeps it (five
  identical copies leave one set of sentences);
- a sentence that differs from one in the pool only a little (token-sequence similarity at least
  `SAME_SENTENCE`: a figure updated, a clause added) replaces it: the later version's wording wins;
- any other sentence is new (a new lead, an added paragraph) and joins the pool; a sentence that a
  later version cut stays too, since cutting for space is not a correction.

The rule was measured on DUC 2003 against dropping every later version and against keeping
everything (`eval/versions.py`, `eval/results/versions_duc2003.md`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Indel

from ..documents import Document, Unit
from .represent import COPY_COSINE, document_vectors, find_copies

__all__ = ["SAME_SENTENCE", "VERSION_RULES", "Versions", "merge_versions"]

# Token-sequence similarity (Indel, as difflib's ratio) at or above which two sentences of two versions are
# one sentence edited: one word changed in ten is 0.9, two in ten 0.8. Chosen on DUC 2003 (0.8 and 0.9 both
# beat dropping later versions there; 0.8 also catches an updated figure in a short sentence).
SAME_SENTENCE = 0.8

VERSION_RULES: dict[str, str] = {
    "merge": "one outlet; a later version's new and edited sentences replace or join the earlier ones (default)",
    "first": "one outlet; every later version is dropped (the rule before versions were merged)",
    "separate": "every version counts as an article of its own (for measuring only: copies confirm each other)",
}


@dataclass(frozen=True)
class Versions:
    """What stays of each version, and which documents are versions of which."""

    units: tuple[Unit, ...]  # every sentence of the input but those a version repeats or updates
    family: dict[int, int]  # doc_order -> the doc_order of its family's first document (families of 2+ only)
    copy_of: dict[int, int]  # later version -> its family's first document (the `copy_of` of DocumentInfo)

    def outlet_of(self, doc_order: int) -> int:
        """The document that stands for this one as an outlet (itself unless it is a version of another)."""
        return self.family.get(doc_order, doc_order)


def merge_versions(
    units: Sequence[Unit],
    documents: Sequence[Document],
    *,
    rule: str = "merge",
    threshold: float = COPY_COSINE,
    same_sentence: float = SAME_SENTENCE,
) -> Versions:
    """The units that stay once every family of versions is read as one story under `rule` (a name of
    VERSION_RULES; see the module docstring)."""
    copy_of = (
        {}
        if rule == "separate"
        else find_copies(range(len(documents)), document_vectors(units, len(documents)), threshold)
    )
    if not copy_of:
        return Versions(tuple(units), {}, {})
    families: dict[int, list[int]] = {}
    for copy, original in sorted(copy_of.items()):
        families.setdefault(original, [original]).append(copy)
    family = {member: first for first, members in families.items() for member in members}
    by_document: dict[int, list[int]] = {}
    for position, unit in enumerate(units):
        by_document.setdefault(unit.doc_order, []).append(position)
    dropped: set[int] = set()
    if rule == "first":
        dropped = {p for copy in copy_of for p in by_document.get(copy, [])}
    for members in families.values() if rule == "merge" else ():
        dated = all(documents[m].date for m in members)
        ordered = sorted(members, key=lambda m: (documents[m].date or "", m)) if dated else sorted(members)
        dropped |= _superseded([[units[p] for p in by_document.get(m, [])] for m in ordered],
                               [by_document.get(m, []) for m in ordered], same_sentence)  # fmt: skip
    kept = tuple(unit for position, unit in enumerate(units) if position not in dropped)
    return Versions(kept, family, dict(copy_of))


def _superseded(versions: Sequence[Sequence[Unit]], positions: Sequence[Sequence[int]], same: float) -> set[int]:
    """Positions of the sentences a family does not keep, its versions given oldest first."""
    pool: dict[int, tuple[str, ...]] = {}  # position -> tokens, of the sentences kept so far
    exact: dict[tuple[str, ...], int] = {}
    dropped: set[int] = set()
    for sentences, places in zip(versions, positions):
        for unit, position in zip(sentences, places):
            if unit.tokens in exact:
                dropped.add(position)
                continue
            best, best_score = None, same
            for old, tokens in pool.items():  # pool order is reading order: ties go to the earlier sentence
                score = Indel.normalized_similarity(unit.tokens, tokens)
                if score >= best_score and (best is None or score > best_score):
                    best, best_score = old, score
            if best is not None:  # an edited sentence: the later wording replaces the earlier
                dropped.add(best)
                del exact[pool.pop(best)]
            pool[position] = unit.tokens
            exact[unit.tokens] = position
    return dropped
