"""Where the outlets of one event differ, found on the sentences the digest is made from.

An outlet is a source name or a family of versions, joined (outlets.py): one outlet never confirms itself or
leaves out what another of its articles says. A figure is compared across sources, and across versions of one
story (a copy or a later version that changed a figure: an update where dated); one source's two figures at
no known times are no conflict. Figures are compared between
sentences that state one fact by their shared words (align.figure_pairs), each figure read from its own phrase
(figures.py); claims between sentences the digest's TF-IDF alignment pairs and that share their content words
(claims.py); omissions and "only in" facts with the evidence omissions.py lists.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import numpy as np
import scipy.sparse as sp

from ..core.clean import clean
from ..core.pipeline import Evidence
from ..documents import CleanDocument, Difference, DifferenceValue, Document, Sentence, Unit
from ..sources.labels import outlet_key
from .agree import context_of, differ, hyphens_spaced, same_count, same_year
from .align import content_sets, figure_pairs, headline_units, meaning_of_one_figure_each, names_of, same_names
from .claims import NEGATIONS, OPPOSITES, Polarity, contradiction, polarity_of
from .figures import Figure, figures_in
from .omissions import omissions_and_singles
from .outlets import moment, outlet_groups
from .quotes import quoted, speaker_of
from .sides import figure_difference

__all__ = ["find_differences", "first_reported"]

_WORDS = re.compile(r"[^\W\d_]+")
CUES = NEGATIONS | {w for pair in OPPOSITES for side in pair for w in side}
# Two reports of one count differ by less than this factor; past it, two sentences that share their words still
# count different things (DUC 2003, read: "224 killed" in two embassies / "11 dead" in one, "40 km" / "1,900 km",
# "$300 million a day" / "$1 billion a day", 32 dead in Poland / 62 in Europe (1.94); every real conflict read on
# DUC 2003, DUC 2007 and Multi-News was within 1.51 but the toll of one ECB+ earthquake, 3 / 10, now missed).
MAX_RATIO = 1.6
# Claims: two sentences the TF-IDF alignment pairs must also share content words at a set cosine of 0.6 (0.5 let
# through nine claims on the choosing sets, every one false when read: "did not order" / "confessed to ordering").
SAME_FACT_OVERLAP = 0.6
# ... and at least this many of them: three let "De Kock has applied for amnesty" face "De Klerk has not applied for
# amnesty" (DUC 2003, read).
CLAIM_SHARED = 4
PAIR_CELLS = 2_000_000  # candidate x sentence cosines taken at once (_tfidf_pairs): about 50 MB
# Two figures of one count in sentences that give different numbers of them are one report when their clauses
# share this many content words and neither has a better match ("rose to 8.5% in April" / "rose slightly to 6.1%").
PHRASE_SHARED = 2
# A figure that agrees with another only by rounding is compared with a third whose clause shares this many of its
# words (allsides_days 6064, choosing set: "rose to 8.5% in April, up from 6%" / "rose slightly to 6.1%").
ROUNDED_SHARED = 3


def _overlap(first: frozenset[str], second: frozenset[str]) -> float:
    """The cosine of two sentences' content-word sets; 0 when they share fewer than three."""
    shared = len(first & second)
    return shared / (len(first) * len(second)) ** 0.5 if shared >= 3 else 0.0


def _unspoken_names(text: str, names: frozenset[str]) -> frozenset[str]:
    """A sentence's names but its speaker's: "Voters in 2009 approved a $3 million bond ..., Bower said" names
    nobody the fact is about."""
    speaker = speaker_of(text)
    return names - {word.lower() for word in speaker.split()} if speaker else names


def _told(unit: Unit, figures_of: Callable[[str], list[Figure]]) -> list[Figure]:
    """A sentence's figures; of a headline (index -1), those it tells as values: "Offer … Bumped as High as $184M" or
    a range in a headline sums up bids or estimates (ECB+ 10ecbplus, read: the Orioles' range and the Nationals'
    earlier offer)."""
    figures = figures_of(unit.text)
    return [f for f in figures if not (f.top or f.low is not None)] if unit.index < 0 else figures


def _dated(figures: list[Figure], document: Document) -> list[Figure]:
    """A sentence's figures with its article's year on the dates that write none (figures.same_year)."""
    when = moment(document.date)
    if when is None or not any(f.measure == "date" and f.year is None for f in figures):
        return figures
    return [replace(f, around=when.year) if f.measure == "date" and f.year is None else f for f in figures]


def _around(figures: list[Figure]) -> int | None:
    """The article year _dated gave a sentence's dates, if any."""
    return next((f.around for f in figures if f.around is not None), None)


def first_reported(documents: Sequence[Document]) -> str | None:
    """The article that had the story first (the earliest date or feed time; the first given on a tie), when at
    least two articles are dated and they differ."""
    dated = [(when, k) for k, d in enumerate(documents) if (when := moment(d.date)) is not None]
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


# The words around a figure in its sentence (figures.context_of), or the same read from a cache.
Context = Callable[[str, Figure], frozenset[str]]


def _context_cache(spaced: frozenset[str] = frozenset()) -> Context:
    """context_of, each figure's words read once: one sentence is paired with many others of its story. `spaced`:
    the texts of articles that space their hyphens (figures.hyphens_spaced)."""
    found: dict[tuple[str, int, int], frozenset[str]] = {}

    def context(text: str, figure: Figure) -> frozenset[str]:
        key = (text, figure.start, figure.end)
        if key not in found:
            found[key] = context_of(text, figure, text in spaced)
        return found[key]

    return context


def _matched(
    mine: list[Figure], theirs: list[Figure], texts: tuple[str, str], context: Context = context_of
) -> list[tuple[Figure, Figure]]:  # fmt: skip
    """The pairs of figures two sentences of one fact disagree on. Of each count (`_by_count`), the figures both
    give are set aside; when both give as many, what is left is paired in the order the sentences give it ("11
    years" and "13 years" against "15 years" and "13 years": 11 against 15; "23,226 days, 16 hours and 23
    minutes" against "32,516 days, 16 hours and 30 minutes"); otherwise a figure is paired with the one whose
    own phrase says what it says ("the unemployment rate rose to 8.5% in April, up from 6%" / "the unemployment
    rate rose slightly to 6.1%": 8.5% against 6.1%, `_by_phrase`). Each pair is one count within MAX_RATIO;
    where which is which is unclear, nothing is said. `context`: context_of, or a cache of it."""
    found = []
    for left, right in _by_count(mine, theirs):
        rest_left = [f for f in left if all(differ(f, g) for g in right)]
        rest_right = [g for g in right if all(differ(f, g) for f in left)]
        rounded = _by_rounding(left, right, rest_left, rest_right, texts, context)
        found += rounded
        rest_left = [f for f in rest_left if all(f is not pair[0] for pair in rounded)]
        rest_right = [g for g in rest_right if all(g is not pair[1] for pair in rounded)]
        if not rest_left or not rest_right:
            continue
        if len(left) == len(right) and len(rest_left) == len(rest_right):
            pairs = list(zip(rest_left, rest_right))
            if all(_one_count(f, g) for f, g in pairs):
                found += pairs
                continue
        found += [(f, g) for f, g in _by_phrase(rest_left, rest_right, texts, context) if _one_count(f, g)]
    return found


def _by_rounding(
    left: list[Figure], right: list[Figure], rest_left: list[Figure], rest_right: list[Figure], texts: tuple[str, str],
    context: Context = context_of,
) -> list[tuple[Figure, Figure]]:  # fmt: skip
    """Figures that agree with one of the other sentence's only by its rounding (not told alike, no bound), compared
    with the one whose own clause tells what theirs tells: at least ROUNDED_SHARED words of it, more than any other figure's ("the
    unemployment rate rose to 8.5% in April, up from 6% a month earlier" / "the unemployment rate rose slightly to
    6.1%": 6.1% is 6% rounded, but its clause is 8.5%'s)."""
    pairs = []
    for mine, theirs, rest, side in ((right, left, rest_left, 1), (left, right, rest_right, 0)):
        contexts: list[frozenset[str]] = []  # read when a figure first needs them: most agree or differ outright
        for g in mine:
            if any(g is r for r in (rest_right if side else rest_left)):
                continue  # it agrees with nothing: paired below
            agreeing = [f for f in theirs if not differ(f, g)]
            if any(math.isclose(f.value, g.value) or f.bound or g.bound for f in agreeing):
                continue  # told alike, or a bound that any value past it agrees with: not rounded
            contexts = contexts or [context(texts[1 - side], f) for f in theirs]
            own = context(texts[side], g)
            scores = [len(own & c) for c in contexts]
            best = max(scores)
            match = theirs[scores.index(best)]
            unique = best >= ROUNDED_SHARED and scores.count(best) == 1 and any(match is r for r in rest)
            if unique and differ(match, g) and _one_count(match, g):
                pairs.append((g, match) if side == 0 else (match, g))
    return pairs


def _by_phrase(
    left: list[Figure], right: list[Figure], texts: tuple[str, str], context: Context = context_of
) -> list[tuple[Figure, Figure]]:  # fmt: skip
    """Figures paired by the words of their own clause: each the other's one best match, sharing at least
    PHRASE_SHARED of them; a tie is broken by the figures that can be one count (`_one_count`: "rose 1.3% from May
    and 5.4% over the past year" / "rose 0.9% in June" share "prices", "rose" and "June" with both, but only 1.3% can
    be 0.9%: allsides 5871)."""
    contexts = [context(texts[0], f) for f in left], [context(texts[1], g) for g in right]
    scores = [[len(a & b) for b in contexts[1]] for a in contexts[0]]
    pairs = []
    for k, row in enumerate(scores):
        best = max(row)
        columns = [c for c, score in enumerate(row) if score == best]
        if len(columns) > 1:
            columns = [c for c in columns if _one_count(left[k], right[c])]
        if best < PHRASE_SHARED or len(columns) != 1:
            continue
        column = [scores[m][columns[0]] for m in range(len(left))]
        rivals = [m for m, score in enumerate(column) if score == best]
        if len(rivals) > 1:
            rivals = [m for m in rivals if _one_count(left[m], right[columns[0]])]
        if max(column) == best and rivals == [k]:
            pairs.append((left[k], right[columns[0]]))
    return pairs


def _by_count(mine: list[Figure], theirs: list[Figure]) -> list[tuple[list[Figure], list[Figure]]]:
    """Two sentences' figures grouped by what they count: by measure, and by the participle said of it when the
    two sentences say different ones ("1,500 flights delayed" / "1,000 flights canceled"); a participle only one
    side says ("the threshold of 67 letters had been reached" / "48 letters") does not set a count apart."""
    by_measure: dict[str, tuple[list[Figure], list[Figure]]] = defaultdict(lambda: ([], []))
    for side, figures in enumerate((mine, theirs)):
        for figure in figures:
            by_measure[figure.measure][side].append(figure)
    groups = []
    for measure in sorted(by_measure):
        left, right = by_measure[measure]
        qualifiers = {f.qualifier for f in (*left, *right) if f.qualifier}
        if len(qualifiers) <= 1:
            groups.append((left, right))
            continue
        for qualifier in sorted(qualifiers | {""}):  # a participle sets a count apart: "averaged 5.2 yards"
            groups.append(([f for f in left if (f.qualifier or "") == qualifier],
                           [f for f in right if (f.qualifier or "") == qualifier]))  # fmt: skip
    return groups


def _one_count(first: Figure, second: Figure) -> bool:
    """Whether two figures can be two reports of one count: one measure, and within MAX_RATIO of each other."""
    if not same_count(first, second):
        return False
    if first.measure == "date":
        return first.qualifier is not None and first.qualifier == second.qualifier and same_year(first, second)
    low, high = sorted((abs(first.value), abs(second.value)))
    return low > 0 and high / low <= MAX_RATIO


def _figure_differences(
    pairs: Iterable[tuple[int, int]], units: Sequence[Unit], figures: dict[int, list[Figure]],
    documents: dict[str, Document], source_of: dict[str, str | None], spaced: frozenset[str] = frozenset(),
) -> list[Difference]:  # fmt: skip
    union = _Union()
    keyed: dict[tuple[int, int], int] = {}  # (sentence, figure's start) -> a node number
    figure_at: dict[tuple[int, int], Figure] = {}
    context = _context_cache(spaced)
    # by the two texts and their articles' years (_dated): copies repeat pairs
    matched: dict[tuple[str, str, int | None, int | None], list[tuple[Figure, Figure]]] = {}
    around = {i: _around(found) for i, found in figures.items()}
    for i, j in pairs:
        texts = units[i].text, units[j].text
        memo = (*texts, around[i], around[j])
        if memo not in matched:  # a text's figures are one list wherever it stands (find_differences' memo)
            matched[memo] = _matched(figures[i], figures[j], texts, context)
        for first, second in matched[memo]:
            a = keyed.setdefault((i, first.start), len(keyed))
            b = keyed.setdefault((j, second.start), len(keyed))
            figure_at[(i, first.start)], figure_at[(j, second.start)] = first, second
            union.join(a, b)
    components: dict[int, list[tuple[int, int]]] = defaultdict(list)
    for key, node in sorted(keyed.items()):
        components[union.find(node)].append(key)
    found = []
    for _root, members in sorted(components.items()):
        versions: list[tuple[Figure, list[int]]] = []
        for sentence, start in members:
            figure = figure_at[(sentence, start)]
            same = next((v for v in versions if not differ(v[0], figure)), None)
            if same:
                same[1].append(sentence)
            else:
                versions.append((figure, [sentence]))
        if len(versions) >= 2:
            difference = figure_difference(versions, units, documents, source_of)
            if difference is not None:
                found.append(difference)
    return found


def _meaning(units: Sequence[Unit], documents: Sequence[Document]) -> np.ndarray | None:
    """Centred meaning vectors of the units, then of the headlines, when the semantic extra is installed."""
    from ..core import semantic

    if not semantic.available() or not units:
        return None
    titles = [d.title for d in documents if d.title]
    return semantic.centred(semantic.text_vectors([*(u.text for u in units), *titles]))


def _as_shown(documents: Sequence[Document], cleaned: Sequence[CleanDocument] = ()) -> list[Document]:
    """The documents with the source and headline the digest shows for them: cleaning finds an agency in a
    dateline or a credit ("GOTEBORG, Sweden (AP) _", "via AP") and a headline in the text; the outlets and
    headlines compared must be the ones the lines then name. `cleaned`: the documents already cleaned, if at hand."""
    shown = []
    for k, document in enumerate(documents):
        if document.source and document.title:
            shown.append(document)
            continue
        found = cleaned[k] if k < len(cleaned) else clean(document)
        shown.append(replace(document, source=document.source or found.source, title=document.title or found.title))
    return shown


def find_differences(
    units: Sequence[Unit],
    tfidf: sp.csr_matrix,
    documents: Sequence[Document],
    sentences: Sequence[Sentence],
    *,
    threshold: float,
    stem: Callable[[str], str],
    outlet_of: Callable[[int], int] = lambda doc_order: doc_order,
    meaning: bool = True,
    cleaned: Sequence[CleanDocument] = (),
) -> tuple[Difference, ...]:
    """Figures that differ, claims one outlet negates, facts of the digest some outlets leave out and facts only
    one tells (see the module docstring). `outlet_of` maps a document's position to its family's first;
    `meaning`: use the semantic extra, where installed, to see a fact told in other words; `cleaned`: the
    documents cleaned (else they are cleaned here for their source and headline)."""
    documents = _as_shown(documents, cleaned)
    groups = outlet_groups(documents, outlet_of)
    outlet_of_document = {d.id: groups[k] for k, d in enumerate(documents)}
    by_id = {d.id: d for d in documents}
    compared = [*units, *headline_units(documents, units, stem)]  # and the headlines, for their figures
    sets = content_sets(compared)
    found_in: dict[str, list[Figure]] = {}  # by text: copies repeat sentences, omissions ask again per pair

    def figures_of(text: str) -> list[Figure]:
        if text not in found_in:
            found_in[text] = figures_in(text)
        return found_in[text]

    figures = {i: _dated(found, by_id[u.document]) for i, u in enumerate(compared) if (found := _told(u, figures_of))}

    texts = dict.fromkeys(u.text for u in units)  # each distinct text once: copies repeat most sentences
    known = frozenset().union(*(names_of(text) for text in texts))  # names written inside a sentence somewhere
    names_in = {text: names_of(text, known) for text in dict.fromkeys(u.text for u in compared)}
    names = {i: names_in[compared[i].text] for i in figures}
    source_of = {d.id: outlet_key(d.source or "") or None for d in documents}

    def comparable(i: int, j: int) -> bool:  # two articles of two sources, or of one at two different times
        first, second = compared[i].document, compared[j].document
        if first == second:
            return False
        if source_of[first] is None or source_of[first] != source_of[second]:
            return True  # versions of one story may differ too: a figure a later version changed
        times = moment(by_id[first].date), moment(by_id[second].date)
        return None not in times and times[0] != times[1]

    words_of: dict[str, frozenset[str]] = {}

    def named_by_other(i: int, j: int) -> bool:  # one article names everyone the other sentence names
        for mine, other in ((i, j), (j, i)):
            document = compared[other].document
            if document not in words_of:
                words_of[document] = frozenset(_WORDS.findall(by_id[document].text.lower()))
            if names[mine] and names[mine] <= words_of[document]:
                return True
        return False

    unspoken_in = {text: _unspoken_names(text, names_in[text]) for text in {compared[i].text for i in figures}}
    unspoken = {i: unspoken_in[compared[i].text] for i in figures}
    vectors = _meaning(units, documents) if meaning else None

    measures = {i: [f.measure for f in found] for i, found in figures.items() if i < len(units)}
    close = None if vectors is None else meaning_of_one_figure_each(vectors, measures)
    contents = {i: (compared[i].text, compared[i].terms, i >= len(units)) for i in figures}  # copies: one (see close)
    pairs = figure_pairs(sets, sorted(figures), comparable, names, named_by_other, unspoken, close, contents)
    cue_in = {tokens: _cued(tokens) for tokens in dict.fromkeys(u.tokens for u in units)}  # copies repeat them
    cued = [i for i, u in enumerate(units) if cue_in[u.tokens]]
    outlet_of_unit = np.array([outlet_of_document[u.document] for u in units])

    def one_fact(i: int, j: int) -> bool:  # a claim is compared only between sentences of one fact
        return (_overlap(sets[i], sets[j]) >= SAME_FACT_OVERLAP and len(sets[i] & sets[j]) >= CLAIM_SHARED
                and same_names(names_in[units[i].text], names_in[units[j].text]))  # fmt: skip

    claim_pairs = _tfidf_pairs(tfidf, cued, threshold, outlet_of_unit)
    spaced = _spaced_texts(documents, [compared[i] for i in figures])
    return (*_figure_differences(pairs, compared, figures, by_id, source_of, spaced),
            *_claim_differences(claim_pairs, units, stem, one_fact),
            *omissions_and_singles(units, tfidf, documents, sentences, outlet_of_document, sets=sets[: len(units)],
                                   threshold=threshold, stem=stem, meaning=vectors,
                                   figures_of=figures_of))  # fmt: skip


def _spaced_texts(documents: Sequence[Document], sentences: Sequence[Unit]) -> frozenset[str]:
    """The texts of the sentences whose articles space their hyphens (figures.hyphens_spaced)."""
    spaced_articles = {d.id for d in documents if hyphens_spaced(d.text)}
    return frozenset(u.text for u in sentences if u.document in spaced_articles)


def _cued(tokens: tuple[str, ...]) -> bool:
    """Whether a sentence says a word of negation or of an opposite pair (a claim may hang on it)."""
    return bool(CUES & set(tokens)) or any(t.endswith("n't") for t in tokens)


def _tfidf_pairs(
    tfidf: sp.csr_matrix, candidates: list[int], threshold: float, outlet_of_unit: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """(i, j), i < j, of sentences of two outlets (`outlet_of_unit`: each sentence's) whose TF-IDF cosine passes
    the threshold, at least one a candidate: the i and the j, sorted by i, then j."""
    if not candidates:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    n, found = tfidf.shape[0], []
    transposed = sp.csr_matrix(tfidf.T)
    # Over every entry of a block of candidates at once: in a big story most sentences share a word with most
    # others (300 copies of an article: 34 million entries, 2.6 GB at once).
    block = max(1, PAIR_CELLS // max(n, 1))
    for start in range(0, len(candidates), block):
        chosen = np.asarray(candidates[start : start + block], dtype=np.int64)
        similarities = sp.csr_matrix(tfidf[chosen] @ transposed).tocoo()
        rows, columns = chosen[similarities.row], similarities.col.astype(np.int64)
        kept = (similarities.data > threshold) & (rows != columns) & (outlet_of_unit[rows] != outlet_of_unit[columns])
        found.append(np.minimum(rows[kept], columns[kept]) * n + np.maximum(rows[kept], columns[kept]))
    pairs = np.unique(np.concatenate(found))  # each pair once, sorted as the pairs sort
    return pairs // n, pairs % n


def _content_ids(units: Sequence[Unit]) -> np.ndarray:
    """A number per unit, one for every unit of one text and terms: what is said of a sentence's content is said
    once for its copies."""
    ids: dict[tuple[str, tuple[str, ...]], int] = {}
    return np.array([ids.setdefault((u.text, u.terms), len(ids)) for u in units], dtype=np.int64)


def _claim_differences(
    pairs: tuple[np.ndarray, np.ndarray], units: Sequence[Unit], stem: Callable[[str], str],
    one_fact: Callable[[int, int], bool],
) -> list[Difference]:  # fmt: skip
    """The pairs (`pairs`: their i and j, sorted) of sentences of one fact (`one_fact`) that contradict each
    other. Both depend only on the two sentences' content: each is asked once per pair of contents."""
    firsts, seconds = pairs
    content = _content_ids(units)
    keys = content[firsts] * len(units) + content[seconds]
    _, first_of_key, key_of_pair = np.unique(keys, return_index=True, return_inverse=True)
    key_of_pair = key_of_pair.ravel()
    polarity: dict[str, Polarity] = {}  # by text

    def reason_of(i: int, j: int) -> str | None:
        if not one_fact(i, j):
            return None
        for text in (units[i].text, units[j].text):
            if text not in polarity:
                polarity[text] = polarity_of(text, stem)
        return contradiction(polarity[units[i].text], polarity[units[j].text])

    reasons = [reason_of(int(firsts[k]), int(seconds[k])) for k in first_of_key]
    found = []
    said = np.array([reason is not None for reason in reasons], dtype=bool)
    for k in np.flatnonzero(said[key_of_pair]):
        i, j, reason = int(firsts[k]), int(seconds[k]), reasons[key_of_pair[k]]
        values = tuple(DifferenceValue(units[m].text, (units[m].document,),
                                       speaker=speaker_of(units[m].text) if quoted(units[m].text) else None)
                       for m in (i, j))  # fmt: skip
        found.append(Difference("claim", values, ((units[i].document, units[i].index),
                                                  (units[j].document, units[j].index)), reason=reason))  # fmt: skip
    return found


def differences_step(evidence: Evidence) -> tuple[tuple[Difference, ...], str | None]:
    """The pipeline's differences step (summarizer.core.pipeline's DifferencesStep): every difference found on
    its evidence, and the article that had the story first."""
    found = find_differences(evidence.units, evidence.tfidf, evidence.documents, evidence.sentences,
                             threshold=evidence.threshold, stem=evidence.stem, outlet_of=evidence.outlet_of,
                             cleaned=evidence.cleaned)  # fmt: skip
    return found, first_reported(evidence.documents)
