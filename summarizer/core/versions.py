"""Versions of one story: which documents are one outlet, and which wording of a repeated sentence is shown.

Wire services send one story several times in a day (a new lead, paragraphs added or cut, a figure
updated), and outlets republish syndicated copies word for word. Two articles whose document cosine
reaches `COPY_COSINE` are versions of one story: a *family*, counted as one outlet (in the `also` list,
coverage, omissions: five identical copies confirm nothing).

A family decides counting and wording only: every sentence of every version stays as evidence for the
ranking, the alignment and the differences. Within a family the versions are read in order (by date when
every version has one, else in input order), and a sentence another version repeats is *shown* in one
wording:

- a sentence with the same words as an earlier version's is shown as the earliest one;
- a sentence that differs from an earlier version's only a little (token-sequence similarity at least
  `SAME_SENTENCE`: a figure updated, a clause added) is shown in the later wording;
- any other sentence is new (a new lead, an added paragraph) and is its own; a sentence a later version
  cut is shown too, since cutting for space is not a correction.

The other wordings are *repeats*: never chosen themselves (the shown sentence stands for them, and scores
the best of its wordings), they weigh `REPEAT_WEIGHT` of a sentence in the ranking (1 ranks the versions as
separate articles would, 0 as if the repeats were not in the sentence graph), measured on DUC 2003, TAC 2011
and the Multi-News sample (`eval/versions.py`, `eval/results/versions.md`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
from rapidfuzz.distance import Indel

from ..documents import Document, Unit
from .represent import COPY_COSINE, document_vectors, find_copies

__all__ = ["REPEAT_WEIGHT", "SAME_SENTENCE", "VERSION_PRIOR", "VERSION_RULES", "Versions", "merge_versions"]

# Token-sequence similarity (Indel, as difflib's ratio) at or above which two sentences of two versions are
# one sentence edited: one word changed in ten is 0.9, two in ten 0.8. Chosen on DUC 2003 (0.8 and 0.9 both
# beat dropping later versions there; 0.8 also catches an updated figure in a short sentence).
SAME_SENTENCE = 0.8
# How much a repeat (another version's wording of a shown sentence) weighs in the ranking, from 0 (as if it
# were not in the sentence graph) to 1 (as a sentence of its own, as `separate` ranks). Measured on DUC 2003,
# TAC 2011 and Multi-News (eval/results/versions.md): TAC and Multi-News tie at every weight (no versions, 2),
# DUC 2003 ROUGE-2 falls with it (9.94, 9.88, 9.84, 9.71, 9.63 at 0, 0.25, 0.5, 0.75, 1), so no weight above 0
# goes without a loss on the sets that choose.
REPEAT_WEIGHT = 0.0
# How much the repetition counts where it is evidence of its own kind: the editors of a wire story kept the
# sentence through k versions. Like the lead prior it enters PageRank's teleport: a sentence k versions carry
# has 1 + VERSION_PRIOR * (k - 1) times its share, within its family's total share (so a family of five
# versions still weighs one outlet; the repetition only says which of its sentences matter most). 1 gives each
# version carrying it one share, as separate articles would. DUC 2003 ROUGE-2 9.94 at 0 and 0.5, 9.98 at 1, 2
# and 3 (3 of 30 digests change); TAC 2011 and Multi-News do not move at any (eval/results/versions.md). Off by
# default: the gain is within DUC 2003's noise, the hybrid digest does not share it, and it takes a later
# version's new lead (the newest news, carried by one version) out of a story's digest in favour of the
# sentences the versions repeat (tests/stories/test_daily.py).
VERSION_PRIOR = 0.0

VERSION_RULES: dict[str, str] = {
    "merge": "one outlet; every sentence kept as evidence, a repeated one shown once in its latest wording (default)",
    "separate": "every version counts as an article of its own (for measuring only: copies confirm each other)",
}


@dataclass(frozen=True)
class Versions:
    """Which documents are versions of which, and which sentences are another version's wording."""

    units: tuple[Unit, ...]  # every sentence of the input, in input order (none is deleted)
    family: dict[int, int]  # doc_order -> the doc_order of its family's first document (families of 2+ only)
    copy_of: dict[int, int]  # later version -> its family's first document (the `copy_of` of DocumentInfo)
    # position of a repeat (into units) -> position of the sentence shown for it (another version's wording)
    shown_as: dict[int, int] = field(default_factory=dict)

    def outlet_of(self, doc_order: int) -> int:
        """The document that stands for this one as an outlet (itself unless it is a version of another)."""
        return self.family.get(doc_order, doc_order)

    def weights(self, repeat_weight: float) -> np.ndarray:
        """Each unit's weight in the ranking: `repeat_weight` for a repeat, 1 for every other sentence."""
        weights = np.ones(len(self.units))
        weights[list(self.shown_as)] = repeat_weight
        return weights

    def carried(self) -> np.ndarray:
        """How many versions carry each unit's sentence: 1 + the repeats shown as it (1 for a repeat itself)."""
        counts = np.ones(len(self.units))
        for shown in self.shown_as.values():
            counts[shown] += 1
        return counts

    def shown(self) -> np.ndarray:
        """Which units may be chosen: every sentence but the repeats."""
        mask = np.ones(len(self.units), dtype=bool)
        mask[list(self.shown_as)] = False
        return mask


def merge_versions(
    units: Sequence[Unit],
    documents: Sequence[Document],
    *,
    rule: str = "merge",
    threshold: float = COPY_COSINE,
    same_sentence: float = SAME_SENTENCE,
) -> Versions:
    """The families of versions among the documents and the repeats within each, under `rule` (a name of
    VERSION_RULES; see the module docstring). Every unit is kept."""
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
    shown_as: dict[int, int] = {}
    for members in families.values():
        dated = all(documents[m].date for m in members)
        ordered = sorted(members, key=lambda m: (documents[m].date or "", m)) if dated else sorted(members)
        shown_as |= _repeats([[units[p] for p in by_document.get(m, [])] for m in ordered],
                             [by_document.get(m, []) for m in ordered], same_sentence)  # fmt: skip
    return Versions(tuple(units), family, dict(copy_of), dict(sorted(shown_as.items())))


def _repeats(versions: Sequence[Sequence[Unit]], positions: Sequence[Sequence[int]], same: float) -> dict[int, int]:
    """Each repeat of a family (its versions given oldest first) -> the sentence shown for it."""
    pool: dict[int, tuple[str, ...]] = {}  # position -> tokens, of the sentences shown so far
    exact: dict[tuple[str, ...], int] = {}
    replaced_by: dict[int, int] = {}
    for sentences, places in zip(versions, positions):
        for unit, position in zip(sentences, places):
            if unit.tokens in exact:  # the same words: the earliest wording stands
                replaced_by[position] = exact[unit.tokens]
                continue
            best, best_score = None, same
            for old, tokens in pool.items():  # pool order is reading order: ties go to the earlier sentence
                score = Indel.normalized_similarity(unit.tokens, tokens)
                if score >= best_score and (best is None or score > best_score):
                    best, best_score = old, score
            if best is not None:  # an edited sentence: the later wording replaces the earlier
                replaced_by[best] = position
                del exact[pool.pop(best)]
            pool[position] = unit.tokens
            exact[unit.tokens] = position
    return {repeat: _last(replaced_by, repeat) for repeat in replaced_by}


def _last(replaced_by: dict[int, int], position: int) -> int:
    """The end of a chain of wordings (a sentence edited in the second version and again in the third)."""
    while position in replaced_by:
        position = replaced_by[position]
    return position
