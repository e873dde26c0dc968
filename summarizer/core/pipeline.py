"""The one-event pipeline: documents in, one Digest out.

clean -> segment -> versions -> represent -> rank -> (the rewrite step, when composed in: other wordings of the
best candidates) -> select -> order -> (the differences step, when composed in). The two optional steps come
from above (summarizer.digest composes them), so this package never imports them; rendering is the caller's
business (summarizer.delivery.render).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Protocol

import numpy as np
import scipy.sparse as sp

from ..documents import (
    Budget,
    CleanDocument,
    Difference,
    Document,
    DocumentInfo,
    Sentence,
    SentenceKind,
    Unit,
)
from ..errors import NothingNew, NothingToSummarize
from ..parallel import Stages, no_stages, parallel_map
from ..text import StemFunction, stemmer, stop_words, tokenize
from ..version import __version__
from .clean import clean
from .confirmations import also_reported_by, same_fact_groups
from .facts import FactMarks, fact_marks
from .options import DEFAULT_SENTENCES, DigestOptions
from .order import order as reading_order
from .rank import rank
from .represent import SIMILARITIES, TermSpace, build_term_space, query_coverage, similarity_matrix
from .result import Digest
from .segment import SentenceReading, content_terms, segment
from .select import Alternatives, Chosen, make_budget, select
from .versions import Versions, merge_versions

__all__ = ["Evidence", "Prepared", "RewriteStep", "prepare", "same_fact_groups", "summarize_prepared"]


class Rewritten(Protocol):
    """Another wording of one or more units (summarizer.abstractive.Rewrite)."""

    @property
    def text(self) -> str: ...
    @property
    def kind(self) -> SentenceKind: ...
    @property
    def fused_from(self) -> tuple[tuple[str, int], ...]: ...


class RewriteStep(Protocol):
    """The abstractive mode's step (summarizer.abstractive.rewrite_candidates): other wordings of the best
    candidates, and the stats of the fusion (a dict whose "grammar" names the grammar check)."""

    def __call__(
        self,
        units: Sequence[Unit],
        scores: np.ndarray,
        same_fact: Callable[[Sequence[int]], dict[int, list[int]]],
        *,
        expected: int,
        rules: bool,
        model_path: str | None,
        longer: bool,
    ) -> tuple[Sequence[Rewritten], dict[str, Any]]: ...  # the fusion's stats, to_dict()ed


@dataclass(frozen=True)
class Evidence:
    """What the differences step reads: the sentence units, their TF-IDF rows, the documents, the digest's
    sentences, the same-fact threshold, the stemmer and which outlet each document belongs to.

    `units` hold every sentence of every document, versions of one story included (none is deleted: a
    syndicated copy's sentences are there word for word). `outlet_of(doc_order)` is the doc_order of the
    document that stands for its family of versions (itself when it has none): versions are one outlet.
    `shown_as` maps a repeat (a position in `units`: a sentence another version of the same story also
    carries, word for word or edited) to the position of the wording the digest shows for it (the later
    wording of an edited sentence, the earliest of identical ones); a document carries a digest sentence
    when one of its units is that sentence or a repeat shown as it. `families` maps each document in a
    family of two or more versions (doc_order) to its family's first document, as `outlet_of` does.
    """

    units: Sequence[Unit]
    tfidf: sp.csr_matrix
    documents: Sequence[Document]
    sentences: Sequence[Sentence]
    threshold: float
    stem: StemFunction
    outlet_of: Callable[[int], int]
    shown_as: Mapping[int, int] = field(default_factory=dict)
    families: Mapping[int, int] = field(default_factory=dict)
    cleaned: Sequence[CleanDocument] = ()  # the documents cleaned: no second cleaning for their source, headline


DifferencesStep = Callable[[Evidence], tuple[tuple[Difference, ...], Any]]  # -> (differences, first reported)


@dataclass(frozen=True)
class Prepared:
    """Documents cleaned and split into sentence units, ready to rank."""

    documents: tuple[Document, ...]
    cleaned: tuple[CleanDocument, ...]
    units: tuple[Unit, ...]
    language: str


# Below this many characters one process cleans and segments faster than a pool starts.
PARALLEL_MIN_CHARACTERS = 2_000_000
# With a similarity of meaning: the meaning's share of relevance to the query (eval/update.py on DUC 2007 A, of
# 0.2 / 0.35 / 0.5 / 0.7 / 0.9; 0.9 scored 0.0012 more on A but cost B and C 0.002 to 0.006: noise on 10 sets,
# so the smaller share that leaves the words the larger part). Closeness to what was read stays the words':
# meaning there cost DUC 2007 B 0.013 ROUGE-2.
QUERY_MEANING = 0.35


def prepare_chunk(job: tuple[Sequence[Document], int, str, bool]) -> tuple[list[CleanDocument], list[Unit]]:
    """Documents cleaned and split into sentence units, each in its own language (Document.language) if it
    declares one, else in `language`."""
    documents, first_order, language, slim = job
    cleaned = [clean(d) for d in documents]
    read: dict[str, dict[str, SentenceReading]] = {}  # per language: each distinct sentence of the chunk read once
    units = [u for offset, c in enumerate(cleaned) for u in segment(
        c, first_order + offset, language=c.document.language or language,
        stem=stemmer(c.document.language or language),
        read=read.setdefault(c.document.language or language, {}))]  # fmt: skip
    if slim:  # the units carry the text on: no second and third copy of every article
        cleaned = [replace(c, document=replace(c.document, text=""), paragraphs=()) for c in cleaned]
    return cleaned, units


def runs_serially(documents: Sequence[Document], *, jobs: int | None, scheduler: str | None) -> bool:
    """Whether cleaning and splitting these documents is best done in this process."""
    return not scheduler and (jobs == 1 or sum(len(d.text) for d in documents) < PARALLEL_MIN_CHARACTERS)


def prepare(
    documents: Sequence[Document],
    *,
    language: str,
    jobs: int | None = None,
    stages: Stages = no_stages,
    scheduler: str | None = None,
    slim: bool = False,
) -> Prepared:
    """Clean and segment every document, in worker processes (or on a Dask cluster) when the input is large.

    `slim` keeps of each cleaned document only what ranking and rendering need (not its paragraphs)."""
    serial = runs_serially(documents, jobs=jobs, scheduler=scheduler)
    size = 1 if serial else max(1, -(-len(documents) // 16))
    starts = list(range(0, len(documents), size))
    advance = stages("cleaning and splitting articles", len(starts))
    if serial:
        cleaned, units = [], []
        for order, document in enumerate(documents):
            more_cleaned, more_units = prepare_chunk(([document], order, language, slim))
            cleaned += more_cleaned
            units += more_units
            advance(1)
    else:
        jobs_list = [(documents[s : s + size], s, language, slim) for s in starts]
        chunks = parallel_map(prepare_chunk, jobs_list, jobs=jobs, chunksize=1, progress=advance, scheduler=scheduler)
        cleaned = [c for chunk, _ in chunks for c in chunk]
        units = [u for _, chunk in chunks for u in chunk]
    return Prepared(tuple(documents), tuple(cleaned), tuple(units), language)


def summarize_prepared(
    prepared: Prepared,
    *,
    options: DigestOptions,
    notes: Sequence[str] = (),
    seen: Sequence[Unit] = (),
    stages: Stages = no_stages,
    rewrite: RewriteStep | None = None,
    differences: DifferencesStep | None = None,
) -> Digest:
    """The digest of documents already cleaned and segmented (`options.language` is theirs).

    `seen` are sentence units of articles the reader has read: facts they state are not repeated. `rewrite`
    (the abstractive mode, used when the options ask for it) and `differences` (when the options ask for them)
    are the steps composed in from above.
    """
    notes = list(notes)
    if not prepared.units:
        raise NothingToSummarize(f"{describe_sources(prepared.documents)}: no sentences left after cleaning")
    docs = prepared.documents
    # Versions of one story (a copy, an updated wire story) are one outlet; every sentence of each stays as
    # evidence, and one another version repeats is shown once (its repeats weigh options.repeat_weight).
    versions = merge_versions(prepared.units, docs, rule=options.versions, same_sentence=options.edited_sentence)
    units = versions.units
    weights = versions.weights(options.repeat_weight) if versions.shown_as else None
    shown = versions.shown()
    notes += _version_notes(versions, docs)
    advance = stages("ranking and choosing sentences", 3)  # the sentence graph, PageRank, the selection
    ranked = _ranked(units, seen, options, prepared.language, advance, versions)
    notes += [f"PageRank did not converge in {options.max_iterations} iterations"] if not ranked.converged else []
    notes += ["no complete sentence found; the digest uses fragments"] if not any(u.eligible for u in units) else []
    budget = make_budget(sentences=options.sentences, words=options.words, ratio=options.ratio, size=options.bytes,
                         total_sentences=len(units), default_sentences=DEFAULT_SENTENCES)  # fmt: skip
    rewrites: Sequence[Rewritten] = ()
    alternatives: Alternatives | None = None
    stats: dict = {}
    if rewrite is not None and (options.mode == "abstractive" or options.model):
        rewrites, alternatives, stats["fusion"] = _rewritten(rewrite, versions, ranked, budget, options,
                                                             prepared.language)  # fmt: skip
    marks = _fact_marks(prepared, versions) if options.other_words else None
    chosen = select(units, ranked.scores, ranked.tfidf, budget=budget, method=options.selection,
                    diversity=options.diversity, redundancy=options.redundancy, graph=ranked.graph,
                    seen=ranked.seen, alternatives=alternatives, shown=shown, weights=weights,
                    one_fact=None if marks is None else marks.one_fact_with)  # fmt: skip
    advance(1)
    if chosen.nothing_new:
        raise NothingNew(f"{describe_sources(docs)}: nothing new: every sentence restates one already seen")
    if chosen.truncated_text is not None:
        notes.append("no whole sentence fits the budget; the best one was cut")
    sentences = _digest_sentences(chosen, rewrites, alternatives, units, ranked, options, versions, docs, marks)
    notes += _fusion_stats(stats["fusion"], sentences, options) if "fusion" in stats else []
    per_document = Counter(u.document for u in units)
    copies = versions.copy_of
    found: tuple[Difference, ...] = ()
    first = None
    if differences is not None and options.differences:
        found, first = differences(Evidence(units, ranked.tfidf, docs, sentences, options.redundancy,
                                            stemmer(prepared.language), versions.outlet_of, versions.shown_as,
                                            versions.family, prepared.cleaned))  # fmt: skip
    return Digest(
        sentences=tuple(sentences),
        documents=tuple(
            _document_info(c, per_document[c.document.id], docs[copies[i]].id if i in copies else None)
            for i, c in enumerate(prepared.cleaned)
        ),
        options=options,
        notes=tuple(n for d in docs for n in (f"{d.path or d.id}: {x}" for x in d.notes)) + tuple(notes),
        stats={
            "version": __version__,
            "documents": len(docs),
            "sentences": len(units),
            "eligible_sentences": sum(u.eligible for u in units),
            "edges": int(ranked.graph.nnz // 2),
            "terms": len(ranked.space.vocabulary),
            "merged_name_variants": dict(sorted(ranked.space.variants.items())),
            **stats,
        },
        differences=found,
        first=first,
    )


def _fact_marks(prepared: Prepared, versions: Versions) -> FactMarks:
    """Which sentences state one fact in other words: two named outlets' same-day leads, a lead's count given
    again, one quotation (core/facts.py)."""
    outlets = [c.source for c in prepared.cleaned]
    return fact_marks(versions.units, prepared.documents, outlets=outlets, outlet_of=versions.outlet_of,
                      language=prepared.language)  # fmt: skip


def _rewritten(
    rewrite: RewriteStep, versions: Versions, ranked: _Ranking, budget: Budget, options: DigestOptions, language: str
) -> tuple[Sequence[Rewritten], Alternatives, dict[str, Any]]:
    """Other wordings of the best candidates (the rewrite step), as alternatives for the selection, and the
    fusion's stats. Another version's wording is neither rewritten nor a source of a fusion: its shown sentence is."""
    units, shown = versions.units, versions.shown()
    rewritable = [replace(u, eligible=False) if not shown[i] else u for i, u in enumerate(units)]
    same_fact = same_fact_groups(rewritable, ranked.tfidf, options.redundancy, outlet_of=versions.outlet_of)
    rewrites, stats = rewrite(rewritable, ranked.scores, same_fact, expected=budget.expected(),
                              rules=options.mode == "abstractive", model_path=options.model,
                              longer=budget.words is not None or budget.bytes is not None)  # fmt: skip
    return rewrites, _as_alternatives(rewrites, units, ranked.space, stemmer(language), language), stats


def _version_notes(versions: Versions, docs: Sequence[Document]) -> list[str]:
    """One note per version of another document, and one for the documents with no text left."""
    notes = []
    with_sentences = {u.doc_order for u in versions.units}
    with_own = {u.doc_order for i, u in enumerate(versions.units) if i not in versions.shown_as}
    for c, o in sorted(versions.copy_of.items()):
        own = c in with_own  # a sentence no other version has, or the later wording of one
        notes.append(f"{docs[c].id} is {'another version' if own else 'a copy'} of {docs[o].id}; counted once"
                     + ("; its new and updated sentences shown" if own else ""))  # fmt: skip
    empty = [d.id for i, d in enumerate(docs) if i not in with_sentences]
    return [*notes, summary_of_left_out(empty)] if empty else notes


@dataclass(frozen=True)
class _Ranking:
    """The sentences in one term space, their graph, their scores, and what the selection compares them with."""

    space: TermSpace
    tfidf: sp.csr_matrix
    graph: sp.csr_matrix
    scores: np.ndarray
    converged: bool
    seen: np.ndarray | None  # each sentence's discounted cosine with the closest one already read


def _ranked(
    units: Sequence[Unit],
    seen: Sequence[Unit],
    options: DigestOptions,
    language: str,
    advance: Callable[[int], None],
    versions: Versions | None = None,
) -> _Ranking:
    """The sentence graph and PageRank over it, teleporting towards leads and the query's sentences. Another
    version's wording of a sentence (`versions`) weighs options.repeat_weight, and the sentence shown for it
    scores the best of its wordings."""
    stem = stemmer(language)
    extra = list(seen) + ([_query_unit(options.query, stem, language)] if options.query else [])
    weights = None if versions is None or not versions.shown_as else versions.weights(options.repeat_weight)
    # One term space for the new sentences, the ones already read and the query, so their vectors compare.
    everything = build_term_space(
        [*units, *extra],
        stem=stem,
        language=language,
        weights=None if weights is None else np.concatenate([weights, np.ones(len(extra))]),
    )
    space = everything.rows(len(units))
    meaning = None
    if SIMILARITIES[options.similarity].meaning:  # each text embedded once, for the graph and the query
        from .semantic import text_vectors  # loads the model only when asked for

        meaning = text_vectors([*(u.text for u in units), *([options.query] if options.query else [])])
    graph = similarity_matrix(space, options.similarity, neighbours=options.neighbours,
                              meaning_vectors=None if meaning is None else meaning[: len(units)],
                              meaning_weights=weights)  # fmt: skip
    all_tfidf = everything.tfidf()
    old = all_tfidf[len(units) : len(units) + len(seen)]
    seen_similarity = (
        options.seen_weight * np.asarray((all_tfidf[: len(units)] @ old.T).max(axis=1).todense()).ravel()
        if len(seen)
        else None
    )
    focus = None
    if options.query:
        sentences, query = all_tfidf[: len(units)], all_tfidf[-1]
        if meaning is None:
            focus = query_coverage(sentences, query)
        else:  # mixed with meaning, the words' part stays their cosine: coverage there cost the focused A 0.008
            focus = _focus_with_meaning(meaning, np.asarray((sentences @ query.T).todense()).ravel(), weights)
    advance(1)
    scores, converged = rank(
        graph,
        indices=np.asarray([u.index for u in units]),
        position_prior=options.position_prior,
        damping=options.damping,
        tolerance=options.tolerance,
        max_iterations=options.max_iterations,
        focus=focus,
        focus_weight=options.query_weight,
        weights=weights,
        **_version_evidence(versions, options.version_prior),
    )
    for repeat, shown in versions.shown_as.items() if versions is not None else ():
        scores[shown] = max(scores[shown], scores[repeat])
    if focus is not None and focus.max() > 0:  # relevance to the query counts in selection too
        scores = scores * ((1 - options.query_weight) + options.query_weight * focus / focus.max())
    advance(1)
    return _Ranking(space, space.tfidf(), graph, scores, converged, seen_similarity)


def _version_evidence(versions: Versions | None, prior: float) -> dict[str, np.ndarray]:
    """The teleport evidence of repetition (rank's `evidence` and `groups`): a sentence that k versions of its
    story carry weighs 1 + prior * (k - 1) within its family's share (see core/versions.py)."""
    if versions is None or not versions.shown_as or prior <= 0:
        return {}
    families = np.unique([versions.outlet_of(u.doc_order) for u in versions.units], return_inverse=True)[1]
    return {"evidence": 1.0 + prior * (versions.carried() - 1.0), "groups": families}


def _digest_sentences(
    chosen: Chosen,
    rewrites: Sequence[Rewritten],
    alternatives: Alternatives | None,
    units: Sequence[Unit],
    ranked: _Ranking,
    options: DigestOptions,
    versions: Versions,
    docs: Sequence[Document],
    marks: FactMarks | None = None,
) -> list[Sentence]:
    """The chosen sentences (or their rewrites) in reading order, each with the outlets that report it."""
    # A chosen index past the units is alternative k = index - len(units): it stands in its base sentence's place.
    bases = alternatives.bases if alternatives else ()
    rewrite_at = {bases[i - len(units)]: rewrites[i - len(units)] for i in chosen.indices if i >= len(units)}
    chosen_bases = [bases[i - len(units)] if i >= len(units) else i for i in chosen.indices]
    ordered = reading_order(chosen_bases, units, ranked.scores.tolist(), how=options.order)
    reported, _ = also_reported_by(ordered, units, ranked.tfidf, options.redundancy, outlet_of=versions.outlet_of,
                                   ids=[d.id for d in docs], marks=marks)  # fmt: skip
    sentences = []
    for base in ordered:
        rewrite = rewrite_at.get(base)
        text = rewrite.text if rewrite else units[base].text
        sentences.append(
            Sentence(
                text=chosen.truncated_text if chosen.truncated_text is not None else text,
                document=units[base].document,
                index=units[base].index,
                score=round(float(ranked.scores[base]), 8),
                also_reported_by=reported[base],
                truncated=chosen.truncated_text is not None,
                kind=rewrite.kind if rewrite else "extracted",
                fused_from=rewrite.fused_from if rewrite else (),
            )
        )
    return sentences


def _fusion_stats(fusion: dict, sentences: Sequence[Sentence], options: DigestOptions) -> list[str]:
    """Completes the abstractive mode's stats (what was chosen, then the grammar check the step named); the note on
    a model's work."""
    notes = []
    if options.model:
        chosen_by_model = sum(s.kind == "neural" for s in sentences)
        notes.append(f"the model at {options.model} wrote {fusion.get('model_passed', 0)} sentences that "
                     f"passed the guard; {chosen_by_model} chosen")  # fmt: skip
    grammar = fusion.pop("grammar", None)
    fusion["chosen"] = dict(sorted(Counter(s.kind for s in sentences).items()))
    fusion["grammar"] = grammar
    return notes


def _focus_with_meaning(text_vectors: np.ndarray, focus: np.ndarray, weights: np.ndarray | None = None) -> np.ndarray:
    """Relevance to the query, QUERY_MEANING from the sentences' meaning (centred embedding cosines over the
    sentences and the query together: `text_vectors`, the query's last) and the rest from their words; each
    part scaled to its largest value first, since the two cosines have different ranges. `weights`: the
    sentences' weights in the mean the vectors are centred on."""
    from .semantic import centred

    vectors = centred(text_vectors, None if weights is None else np.append(weights, 1.0))  # the query counts 1

    def scaled(values: np.ndarray) -> np.ndarray:
        top = float(values.max(initial=0.0))
        return values / top if top > 0 else values

    meaning = np.clip(vectors[:-1] @ vectors[-1], 0.0, None)
    return (1.0 - QUERY_MEANING) * scaled(focus) + QUERY_MEANING * scaled(meaning)


def _query_unit(query: str, stem: StemFunction, language: str) -> Unit:
    tokens = tuple(tokenize(query))
    stops = stop_words(language)
    terms = content_terms(tokens, stem=stem, stops=stops)
    return Unit(text=query, document="\x00query", doc_order=-1, index=0, paragraph=0, tokens=tokens, terms=terms,
                eligible=False)  # fmt: skip


def describe_sources(documents: Sequence[Document], *, most: int = 3) -> str:
    """The files (or ids) documents came from, for a one-line message."""
    names = list(dict.fromkeys(d.path or d.id for d in documents))
    more = f" and {len(names) - most} more" if len(names) > most else ""
    return ", ".join(names[:most]) + more if names else "the input"


def _as_alternatives(
    rewrites: Sequence[Rewritten], units: Sequence[Unit], space: TermSpace, stem: StemFunction, language: str
) -> Alternatives:
    position = {(u.document, u.index): i for i, u in enumerate(units)}
    stops = stop_words(language)
    return Alternatives(
        bases=tuple(position[r.fused_from[0]] for r in rewrites),
        texts=tuple(r.text for r in rewrites),
        tfidf=space.tfidf_of([content_terms(tokenize(r.text), stem=stem, stops=stops) for r in rewrites]),
        covers=tuple(tuple(position[pair] for pair in r.fused_from) for r in rewrites),
    )


def summary_of_left_out(ids: Sequence[str], *, most: int = 5) -> str:
    """One line for the articles that had no text after cleaning (the full list goes to --explain)."""
    more = f" and {len(ids) - most} more" if len(ids) > most else ""
    noun = "article" if len(ids) == 1 else "articles"
    return f"{len(ids)} {noun} had no text after cleaning: {', '.join(ids[:most])}{more}"


def _document_info(cleaned: CleanDocument, sentence_count: int, copy_of: str | None) -> DocumentInfo:
    document = cleaned.document
    return DocumentInfo(
        id=document.id,
        title=cleaned.title,
        source=cleaned.source,
        url=document.url,
        date=document.date,
        path=document.path,
        sentences=sentence_count,
        removed=cleaned.removed,
        notes=document.notes,
        copy_of=copy_of,
    )
