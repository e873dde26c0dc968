"""Where the outlets of one event differ, found on the sentences the digest is made from.

Sentences of different outlets state one fact when their TF-IDF cosine passes the digest's redundancy threshold
(the alignment behind the `also` list). Only sentences with a figure or a negation / opposite word are compared
with the rest, so the cost grows with those, not with the square of the sentences. Versions of one story (a
copy, an updated wire story) are one outlet: they never disagree with themselves.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Sequence

import numpy as np
import scipy.sparse as sp

from ..core.pipeline import Evidence
from ..documents import Difference, DifferenceValue, Document, FigureChange, Sentence, Unit
from ..sources.labels import outlet_key
from .claims import NEGATIONS, OPPOSITES, contradiction, polarity_of
from .figures import Figure, differ, figures_in, same_count

__all__ = ["aligned_sentences", "find_differences", "first_reported"]

CUES = NEGATIONS | {w for pair in OPPOSITES for side in pair for w in side}
# Two sentences compared for figures and claims must share content words (numbers aside) at a set cosine of 0.5,
# at least three of them: the TF-IDF alignment alone pairs sentences that only share a topic ("$4.9 million" for a
# house, "$200,000" for a car). Chosen on the Multi-News flags of eval/differences.py; the plants are measured
# on all four sets.
SAME_FACT_OVERLAP = 0.5


def _overlap(first: Unit, second: Unit) -> float:
    """The cosine of two sentences' content-word sets (numbers aside); 0 when they share fewer than three."""
    a = {t for t in first.terms if not t[:1].isdigit()}
    b = {t for t in second.terms if not t[:1].isdigit()}
    shared = len(a & b)
    return shared / (len(a) * len(b)) ** 0.5 if shared >= 3 else 0.0


# Dates as newswire archives write them, besides ISO 8601 (DUC, TAC: "09/10/1998 04:25:00").
DATE_FORMATS = ("%m/%d/%Y %H:%M:%S", "%m/%d/%Y %H:%M", "%m/%d/%Y", "%Y%m%d")


def _moment(date: str | None) -> datetime.datetime | None:
    """The time a date stands for (UTC when it names no zone), or None when it is no date."""
    if not date:
        return None
    text = date.strip()
    try:
        moment = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        for form in DATE_FORMATS:
            try:
                moment = datetime.datetime.strptime(text, form)
                break
            except ValueError:
                continue
        else:
            return None
    return moment if moment.tzinfo else moment.replace(tzinfo=datetime.timezone.utc)


def first_reported(documents: Sequence[Document]) -> str | None:
    """The article that had the story first (the earliest date or feed time; the first given on a tie), when at
    least two articles are dated and they differ."""
    dated = [(moment, k) for k, d in enumerate(documents) if (moment := _moment(d.date)) is not None]
    if len(dated) < 2 or len({m for m, _ in dated}) < 2:
        return None
    return documents[min(dated)[1]].id


class _Union:
    def __init__(self) -> None:
        self.parent: dict[int, int] = {}

    def find(self, x: int) -> int:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def join(self, a: int, b: int) -> None:
        self.parent[self.find(max(a, b))] = self.find(min(a, b))


def _aligned_pairs(
    units: Sequence[Unit], tfidf: sp.csr_matrix, candidates: list[int], family: np.ndarray, threshold: float
) -> list[tuple[int, int]]:
    """(i, j), i < j, of sentences of different outlets that state one fact, at least one a candidate."""
    if not candidates:
        return []
    similarities = sp.csr_matrix(tfidf[candidates] @ tfidf.T)
    pairs = set()
    for row, i in enumerate(candidates):
        start, stop = similarities.indptr[row], similarities.indptr[row + 1]
        for j, value in zip(similarities.indices[start:stop], similarities.data[start:stop]):
            if value > threshold and family[j] != family[i]:
                pairs.add((min(i, int(j)), max(i, int(j))))
    return sorted(pairs)


def _single(figures: list[Figure]) -> dict[str, Figure]:
    """The figures of a sentence by measure, where the measure occurs once (twice: which is which is unclear)."""
    by_measure: dict[str, list[Figure]] = defaultdict(list)
    for figure in figures:
        by_measure[figure.measure].append(figure)
    return {measure: found[0] for measure, found in by_measure.items() if len(found) == 1}


def _figure_differences(
    pairs: list[tuple[int, int]], units: Sequence[Unit], figures: dict[int, dict[str, Figure]],
    documents: dict[str, Document], outlets: dict[str, frozenset[object]],
) -> list[Difference]:  # fmt: skip
    union = _Union()
    measure_of: dict[int, str] = {}
    differing: set[int] = set()
    keyed: dict[tuple[int, str], int] = {}  # (sentence, measure) -> a node number
    for i, j in pairs:
        for measure in sorted(set(figures.get(i, {})) & set(figures.get(j, {}))):
            if not same_count(figures[i][measure], figures[j][measure]):
                continue
            a = keyed.setdefault((i, measure), len(keyed))
            b = keyed.setdefault((j, measure), len(keyed))
            measure_of[a] = measure_of[b] = measure
            union.join(a, b)
            if differ(figures[i][measure], figures[j][measure]):
                differing |= {a, b}
    components: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for (sentence, measure), node in sorted(keyed.items()):
        components[union.find(node)].append((sentence, measure))
    found = []
    for _root, members in sorted(components.items()):
        if not any(keyed[m] in differing for m in members):
            continue
        versions: list[tuple[Figure, list[int]]] = []
        for sentence, measure in members:
            figure = figures[sentence][measure]
            same = next((v for v in versions if not differ(v[0], figure)), None)
            if same:
                same[1].append(sentence)
            else:
                versions.append((figure, [sentence]))
        if len(versions) < 2:
            continue
        found.append(_figure_difference(versions, units, documents, outlets))
    return found


def _when(date: str | None) -> str | None:
    """A first report's time as the JSON gives it: UTC to the minute, or the day alone when the date has no time."""
    moment = _moment(date)
    if moment is None or date is None:
        return None
    if ":" not in date and moment.time() == datetime.time(0):
        return moment.date().isoformat()
    return moment.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%MZ")


def _figure_difference(
    versions: list[tuple[Figure, list[int]]], units: Sequence[Unit], documents: dict[str, Document],
    outlets: dict[str, frozenset[object]],
) -> Difference:  # fmt: skip
    """One figure's versions. When every article of a later version is later than every one before, it is an
    update if an outlet of an earlier version gives the later figure (it revised its own), else a later report
    by other outlets, which is no correction of the first."""
    moments = {s: _moment(documents[units[s].document].date) for _, group in versions for s in group}
    known = {s: t for s, t in moments.items() if t is not None}
    change: FigureChange = "differ"
    if len(known) == len(moments):
        versions = sorted(versions, key=lambda version: min(known[s] for s in version[1]))
        spans = [(min(known[s] for s in group), max(known[s] for s in group)) for _, group in versions]
        if all(spans[k][1] < spans[k + 1][0] for k in range(len(spans) - 1)):
            told = [frozenset().union(*(outlets[units[s].document] for s in group)) for _, group in versions]
            revised = all(told[k] & frozenset().union(*told[:k]) for k in range(1, len(told)))
            change = "update" if revised else "later"

    def first_report(group: list[int]) -> str | None:  # when the figure was first given, for an update or later
        return _when(documents[units[min(group, key=known.__getitem__)].document].date) if change != "differ" else None

    values = tuple(DifferenceValue(figure.text, tuple(dict.fromkeys(units[s].document for s in group)),
                                   first_report(group)) for figure, group in versions)  # fmt: skip
    sentences = tuple(sorted({(units[s].document, units[s].index) for _, group in versions for s in group}))
    return Difference("figure", values, sentences, measure=versions[0][0].measure, change=change)


def _outlets(units: Sequence[Unit], documents: Sequence[Document], family: np.ndarray) -> dict[str, frozenset[object]]:
    """What makes two articles one outlet: the same source name, or versions of one story (one family)."""
    family_of = {u.document: int(f) for u, f in zip(units, family)}
    return {d.id: frozenset({("family", family_of.get(d.id, d.id)),
                             *([("source", key)] if (key := outlet_key(d.source or "")) else [])})
            for d in documents}  # fmt: skip


def find_differences(
    units: Sequence[Unit],
    tfidf: sp.csr_matrix,
    documents: Sequence[Document],
    sentences: Sequence[Sentence],
    *,
    threshold: float,
    stem: Callable[[str], str],
    outlet_of: Callable[[int], int] = lambda doc_order: doc_order,
) -> tuple[Difference, ...]:
    """Figures that differ, claims one outlet negates, and facts of the digest that most outlets carry and some
    leave out (see the module docstring). `outlet_of` maps a document's position to its family's."""
    family = np.asarray([outlet_of(u.doc_order) for u in units])
    by_id = {d.id: d for d in documents}
    figures = {i: found for i, u in enumerate(units) if (found := _single(figures_in(u.text)))}
    cued = [i for i, u in enumerate(units) if CUES & set(u.tokens) or any(t.endswith("n't") for t in u.tokens)]
    candidates = sorted(set(figures) | set(cued))
    pairs = [(i, j) for i, j in _aligned_pairs(units, tfidf, candidates, family, threshold)
             if _overlap(units[i], units[j]) >= SAME_FACT_OVERLAP]  # fmt: skip
    outlets = _outlets(units, documents, family)
    return (*_figure_differences(pairs, units, figures, by_id, outlets),
            *_claim_differences(pairs, units, set(cued), stem), *_omissions(units, documents, sentences, family))  # fmt: skip


def _claim_differences(
    pairs: list[tuple[int, int]], units: Sequence[Unit], cued: set[int], stem: Callable[[str], str]
) -> list[Difference]:
    found = []
    polarity = {}
    for i, j in pairs:
        if i not in cued and j not in cued:
            continue
        for k in (i, j):
            if k not in polarity:
                polarity[k] = polarity_of(units[k].text, stem)
        reason = contradiction(polarity[i], polarity[j])
        if reason:
            values = (DifferenceValue(units[i].text, (units[i].document,)),
                      DifferenceValue(units[j].text, (units[j].document,)))  # fmt: skip
            found.append(Difference("claim", values, ((units[i].document, units[i].index),
                                                      (units[j].document, units[j].index)), reason=reason))  # fmt: skip
    return found


def _omissions(
    units: Sequence[Unit], documents: Sequence[Document], sentences: Sequence[Sentence], family: np.ndarray
) -> list[Difference]:
    """Facts of the digest that most outlets carry (at least two) and the outlets that leave them out. An outlet
    is a source name where the articles carry one (two articles of one outlet are one outlet: it leaves a fact
    out only when none of its articles carries it), else a family of versions."""
    family_of_document = {u.document: int(f) for u, f in zip(units, family)}
    outlet_of_document: dict[str, tuple[str, str | int]] = {}
    named: dict[tuple[str, str | int], str] = {}
    for document in documents:  # an outlet is named by its first article
        if document.id in family_of_document:
            source = outlet_key(document.source or "")
            outlet = ("source", source) if source else ("family", family_of_document[document.id])
            outlet_of_document[document.id] = outlet
            named.setdefault(outlet, document.id)
    order = {outlet: number for number, outlet in enumerate(named)}
    found = []
    for sentence in sentences:
        carriers = {outlet_of_document[d] for d in (sentence.document, *sentence.also_reported_by)
                    if d in outlet_of_document}  # fmt: skip
        missing = sorted(set(named) - carriers, key=order.__getitem__)
        if len(carriers) >= 2 and missing and len(carriers) > len(missing):
            value = DifferenceValue(sentence.text, tuple(named[o] for o in sorted(carriers, key=order.__getitem__)))
            found.append(Difference("omission", (value,), ((sentence.document, sentence.index),),
                                    missing=tuple(named[o] for o in missing)))  # fmt: skip
    return found


def differences_step(evidence: Evidence) -> tuple[tuple[Difference, ...], str | None]:
    """The pipeline's differences step (summarizer.core.pipeline's DifferencesStep): every difference found on
    its evidence, and the article that had the story first."""
    found = find_differences(evidence.units, evidence.tfidf, evidence.documents, evidence.sentences,
                             threshold=evidence.threshold, stem=evidence.stem, outlet_of=evidence.outlet_of)  # fmt: skip
    return found, first_reported(evidence.documents)


def aligned_sentences(
    documents: Sequence[Document], *, language: str = "english", threshold: float = 0.3
) -> list[tuple[Unit, Unit]]:
    """Every pair of sentences of different outlets that state one fact as the digest compares them for figures
    and claims (TF-IDF alignment and the content-word overlap), in input order: what "another outlet also
    states" means here, for eval scripts and for readers who want the whole alignment."""
    from ..core.options import DigestOptions
    from ..core.pipeline import prepare
    from ..core.represent import build_term_space
    from ..core.versions import merge_versions
    from ..text import stemmer

    prepared = prepare(documents, language=language)
    options = DigestOptions()
    versions = merge_versions(prepared.units, prepared.documents, rule=options.versions,
                              same_sentence=options.edited_sentence)  # fmt: skip
    units = versions.units
    tfidf = build_term_space(units, stem=stemmer(language), language=language).tfidf()
    family = np.asarray([versions.outlet_of(u.doc_order) for u in units])
    pairs = _aligned_pairs(units, tfidf, list(range(len(units))), family, threshold)
    return [(units[i], units[j]) for i, j in pairs if _overlap(units[i], units[j]) >= SAME_FACT_OVERLAP]
