"""Whether two sentences that state one fact say opposite things: one negates what the other asserts ("will" /
"will not"), or they use the two sides of a pair ("confirmed" / "denied", "agreed" / "rejected").

A negation counts when the word it governs (the next content word within three) is in the other sentence
too: "talks, not a ceasefire" against "talks" is no contradiction. Words inside quotation marks are the
speaker's: when both sentences quote and name different speakers, they report two people, not a dispute;
when a negation is inside a quotation, the difference is shown as the speaker's (`Polarity.speakers`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..sentence_analyses import Kind, register, remembered

__all__ = ["Polarity", "contradiction", "polarity_of"]

NEGATIONS = {"not", "no", "never", "n't", "cannot", "neither", "nor", "without"}
# Verbs that say "not" in their own way: "avoiding strikes" agrees with "not striking", "declined to reveal" with
# "would not reveal".
NEGATING = {"avoid", "avoiding", "avoids", "halt", "halting", "halts", "stop", "stopping", "stops", "refrain",
            "refraining", "prevent", "preventing", "ban", "banning", "cease", "ceasing", "end", "ending", "lack",
            "lacking", "absence", "none", "nothing", "nobody", "yet", "failed", "fails", "unable", "against",
            "declined", "declines", "declining", "refused", "refuses", "refusing", "denied", "denies", "deny",
            "denying"}  # fmt: skip
# Each pair: what asserts, what denies (stems are compared, so "confirms", "confirmed" both count).
OPPOSITES = (
    ({"confirm", "confirmed", "confirms"}, {"deny", "denied", "denies", "rejected"}),
    (
        {"agree", "agreed", "agrees", "accept", "accepted", "accepts"},
        {"reject", "rejected", "rejects", "refuse", "refused", "refuses", "declined"},
    ),
    ({"approve", "approved", "approves", "pass", "passed"}, {"veto", "vetoed", "vetoes", "block", "blocked"}),
    ({"admit", "admitted", "admits"}, {"deny", "denied", "denies"}),
    ({"won", "wins", "win"}, {"lost", "loses", "lose"}),
    ({"guilty", "convicted"}, {"acquitted", "innocent", "cleared"}),
    ({"succeeded", "succeeds", "success"}, {"failed", "fails", "failure"}),
    ({"alive", "survived", "rescued"}, {"dead", "died", "killed"}),
    ({"open", "opened", "reopened"}, {"closed", "shut"}),
    ({"rose", "rise", "rises", "increased", "up"}, {"fell", "fall", "falls", "decreased", "down"}),
)
_QUOTED = re.compile(r"[\"“«][^\"”»]{3,}[\"”»]")
_SPEAKER = re.compile(r"\b([A-Z][\w'-]+(?:\s[A-Z][\w'-]+)*)\s(?:said|says|told|added|stated|wrote|insisted)\b|"
                      r"\b(?:said|says|told|added|stated|insisted)\s([A-Z][\w'-]+(?:\s[A-Z][\w'-]+)*)")  # fmt: skip
_TOKEN = re.compile(r"n't|\w+(?:'\w+)?", re.IGNORECASE)
_MINOR = {"a", "an", "the", "be", "been", "is", "was", "were", "are", "to", "have", "has", "had", "it", "that",
          "this", "any", "yet", "so", "far", "one", "do", "did", "does", "will", "would", "could", "can", "should",
          "just", "even", "only", "also", "still", "being", "he", "she", "they", "we", "i", "you"}  # fmt: skip


@dataclass(frozen=True)
class Polarity:
    negated: tuple[str, ...]  # the stems each verbal negation ("not", "n't", "never") governs, outside quotes
    negations: int  # every negation (quotations included), said with "not", "no" or a negating verb
    denied: frozenset[str]  # the stems any negation governs ("no direct reference": "direct")
    sides: tuple[tuple[int, int, frozenset[str]], ...]  # (pair, 0 asserts / 1 denies, the words beside it)
    quoted: bool
    speakers: frozenset[str]
    stems: frozenset[str]


VERBAL = {"not", "never", "n't", "cannot"}
# A "not" that negates a verb follows one of these ("did not agree", "is not"); "X, not Y" contrasts two nouns.
AUXILIARIES = {"is", "was", "are", "were", "be", "been", "do", "does", "did", "has", "have", "had", "will", "would",
               "can", "could", "should", "may", "might", "must", "shall", "am"}  # fmt: skip
CONDITIONS = {"if", "unless", "whether", "until", "before"}  # "if no progress is made": no assertion
# "did not say why" / "say": not saying is no claim against what another says.
SAYING = {"say", "said", "specifi", "indic", "comment", "elabor", "disclos", "reveal", "know", "explain", "confirm",
          "identifi", "name", "detail", "release", "provid", "give", "immedi", "return"}  # fmt: skip


def _words(text: str) -> list[str]:
    return [t.lower() for t in _TOKEN.findall(text.replace("’", "'"))]


def _content(words: list[str], stem: Callable[[str], str]) -> list[str]:
    return [stem(w) for w in words if w not in _MINOR and w not in NEGATIONS and len(w) > 2]


def polarity_of(text: str, stem: Callable[[str], str]) -> Polarity:
    """What a sentence negates and which side of each opposite pair it takes, in its own words (quotations are
    the speaker's and left out). `stem` is the story's language's stemmer (kept analyses are by language)."""
    return remembered("polarity", text, lambda text: _polarity_of(text, stem))


def _polarity_of(text: str, stem: Callable[[str], str]) -> Polarity:
    words = _words(_QUOTED.sub(" ", text))
    negated = []
    for k, word in enumerate(words):
        verbal = (
            word.endswith("n't") or word == "cannot" or (word in VERBAL and AUXILIARIES & set(words[max(0, k - 2) : k]))
        )
        if verbal and not CONDITIONS & set(words[max(0, k - 4) : k]):
            governed = next((w for w in words[k + 1 : k + 4] if w not in _MINOR and w not in NEGATIONS), None)
            if governed:
                negated.append(stem(governed))
    sides = []
    for k, word in enumerate(words):
        for pair, (yes, no) in enumerate(OPPOSITES):
            if word in yes or word in no:
                beside = frozenset(
                    _content(words[max(0, k - 3) : k], stem)[-1:] + _content(words[k + 1 : k + 5], stem)[:1]
                )
                sides.append((pair, int(word in no), beside))
    speakers = frozenset(next(g for g in m.groups() if g) for m in _SPEAKER.finditer(text))
    every = _words(text)  # quotations included: what the sentence denies, whoever says it
    negating = [k for k, w in enumerate(every) if w in NEGATIONS or w in NEGATING or w.endswith("n't")]
    denied = frozenset(stem(w) for k in negating for w in every[k + 1 : k + 4] if w not in _MINOR)
    return Polarity(tuple(negated), len(negating), denied, tuple(sides), bool(_QUOTED.search(text)), speakers,
                    frozenset(stem(w) for w in _words(text)))  # fmt: skip


def contradiction(first: Polarity, second: Polarity) -> str | None:
    """Why two sentences of one fact contradict each other ("not agree" / "agree"), or None."""
    if first.quoted and second.quoted and first.speakers and second.speakers and not first.speakers & second.speakers:
        return None  # two people quoted: each speaks for themselves
    for one, other in ((first, second), (second, first)):
        if other.negations:
            continue  # both deny something: they more often agree on what is not so (DUC 2003, read)
        for governed in one.negated:
            if governed in other.stems and governed not in other.denied and governed not in SAYING:
                return f"negates {governed!r}"

    both_sides = {p for one in (first, second) for p, _, _ in one.sides
                  if len({s for q, s, _ in one.sides if q == p}) == 2}  # fmt: skip
    for pair, side, beside in first.sides:
        for other_pair, other_side, other_beside in second.sides:
            if pair == other_pair and pair not in both_sides and side != other_side and beside & other_beside:
                return "opposite words"  # (a sentence that takes both sides of a pair takes neither)
    return None


def _encoded(p: Polarity) -> list:
    return [list(p.negated), p.negations, sorted(p.denied), [[pair, side, sorted(beside)] for pair, side, beside in p.sides],
            p.quoted, sorted(p.speakers), sorted(p.stems)]  # fmt: skip


def _decoded(row: list) -> Polarity:
    negated, negations, denied, sides, quoted, speakers, stems = row
    return Polarity(tuple(negated), negations, frozenset(denied),
                    tuple((pair, side, frozenset(beside)) for pair, side, beside in sides), quoted, frozenset(speakers),
                    frozenset(stems))  # fmt: skip


register("polarity", Kind(_encoded, _decoded))
