"""The extractive pipeline end to end: documents in, one Digest out.

ingest -> clean -> segment -> represent -> rank -> select -> order; rendering
is the caller's business (see `summarizer.render`).
"""

from __future__ import annotations

import os
import time
from concurrent.futures import ProcessPoolExecutor
from collections import Counter
from dataclasses import replace
from typing import Sequence

import numpy as np

from . import __version__
from .clean import clean
from .documents import (
    DEFAULT_SENTENCES,
    CleanDocument,
    Digest,
    DigestOptions,
    Document,
    DocumentInfo,
    Sentence,
    Unit,
)
from .ingest import documents_from_texts
from .order import order as reading_order
from .rank import rank
from .represent import build_term_space, similarity_matrix
from .segment import detect_language, segment, stemmer
from .select import make_budget, select


class NothingToSummarize(ValueError):
    """The input has no sentences left after cleaning."""


def _options(options: DigestOptions | None, overrides: dict) -> DigestOptions:
    options = options or DigestOptions()
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(options, **given) if given else options


def _validate(options: DigestOptions) -> None:
    for name in ("sentences", "words", "bytes"):
        value = getattr(options, name)
        if value is not None and value < 1:
            raise ValueError(f"{name} must be at least 1, not {value}")
    if options.ratio is not None and not 0 < options.ratio <= 1:
        raise ValueError(f"ratio must be in (0, 1], not {options.ratio}")
    if not 0 < options.damping < 1:
        raise ValueError(f"damping must be in (0, 1), not {options.damping}")
    if not 0 <= options.position_prior <= 1:
        raise ValueError(f"position prior must be in [0, 1], not {options.position_prior}")


def summarize(
    documents: Sequence[Document | str],
    *,
    sentences: int | None = None,
    words: int | None = None,
    ratio: float | None = None,
    bytes: int | None = None,
    similarity: str | None = None,
    selection: str | None = None,
    order: str | None = None,
    language: str | None = None,
    mode: str | None = None,
    options: DigestOptions | None = None,
    jobs: int | None = None,
) -> Digest:
    """One digest of several articles about one event.

    `documents` are Documents or plain strings. Budgets (`sentences`,
    `words`, `ratio` of input sentences, `bytes`) can be combined; all are met
    and none is exceeded. With no budget the digest has 7 sentences.
    `jobs` bounds the processes used to clean and segment large inputs
    (default: every core); it never changes the result.
    """
    started = time.perf_counter()
    options = _options(
        options,
        dict(sentences=sentences, words=words, ratio=ratio, bytes=bytes, similarity=similarity,
             selection=selection, order=order, language=language, mode=mode),
    )
    _validate(options)
    docs = documents_from_texts(documents)
    if not docs:
        raise NothingToSummarize("no documents given")
    notes: list[str] = []
    language_used = options.language
    if language_used == "auto":
        sample = " ".join(d.text[:20_000] for d in docs[:50])
        language_used = detect_language(sample)
        if language_used != "english":
            notes.append(f"language detected: {language_used}")
    cleaned, units = _prepare(docs, language_used, jobs=jobs)
    stem = stemmer(language_used)
    if not units:
        raise NothingToSummarize("no sentences left after cleaning")
    space = build_term_space(units, stem=stem, language=language_used)
    graph = similarity_matrix(space, options.similarity, neighbours=options.neighbours)
    scores, converged = rank(
        graph,
        indices=np.asarray([u.index for u in units]),
        relative_positions=np.asarray([u.relative_position for u in units]),
        position_prior=options.position_prior,
        damping=options.damping,
        tolerance=options.tolerance,
        max_iterations=options.max_iterations,
    )
    if not converged:
        notes.append(f"PageRank did not converge in {options.max_iterations} iterations")
    if not any(u.eligible for u in units):
        notes.append("no complete sentence found; the digest uses fragments")
    tfidf = space.tfidf()
    budget = make_budget(
        sentences=options.sentences, words=options.words, ratio=options.ratio, size=options.bytes,
        total_sentences=len(units), default_sentences=DEFAULT_SENTENCES,
    )
    chosen = select(
        units, scores, tfidf, budget=budget, method=options.selection,
        diversity=options.diversity, redundancy=options.redundancy, graph=graph,
    )
    if chosen.truncated_text is not None:
        notes.append("no whole sentence fits the budget; the best one was cut")
    ordered = reading_order(chosen.indices, units, scores, how=options.order)
    reported, same_fact = _also_reported_by(ordered, units, tfidf, options.redundancy)
    digest_sentences = [
        Sentence(
            text=chosen.truncated_text if chosen.truncated_text is not None else units[i].text,
            document=units[i].document,
            index=units[i].index,
            score=round(float(scores[i]), 8),
            also_reported_by=reported[i],
            truncated=chosen.truncated_text is not None,
        )
        for i in ordered
    ]
    fusion = None
    if options.mode == "abstractive" and chosen.truncated_text is None:
        fusion = _rewrite(digest_sentences, ordered, units, same_fact, budget)
    elif options.mode not in ("extractive", "abstractive"):
        raise ValueError(f"unknown mode {options.mode!r}; choose extractive or abstractive")
    per_document = Counter(u.document for u in units)
    stats_extra = {}
    if fusion is not None:
        stats_extra["fusion"] = {"groups": fusion.groups, "fused": fusion.fused, "compressed": fusion.compressed,
                                 "guard_fallbacks": fusion.fallbacks, "guard_reasons": dict(sorted((fusion.reasons or {}).items()))}
    return Digest(
        sentences=tuple(digest_sentences),
        documents=tuple(_document_info(c, per_document[c.document.id]) for c in cleaned),
        options=replace(options, language=language_used) if options.language == "auto" else options,
        notes=tuple(n for d in docs for n in (f"{d.path or d.id}: {x}" for x in d.notes)) + tuple(notes),
        stats={
            "version": __version__,
            "documents": len(docs),
            "sentences": len(units),
            "eligible_sentences": sum(u.eligible for u in units),
            "edges": int(graph.nnz // 2),
            "terms": len(space.vocabulary),
            "merged_name_variants": dict(sorted(space.variants.items())),
            "seconds": round(time.perf_counter() - started, 3),
            **stats_extra,
        },
    )


PARALLEL_MIN_CHARACTERS = 2_000_000


def _prepare_chunk(documents: Sequence[Document], first_order: int, language: str):
    stem = stemmer(language)
    cleaned = [clean(d) for d in documents]
    units = [
        u for offset, c in enumerate(cleaned) for u in segment(c, first_order + offset, language=language, stem=stem)
    ]
    return cleaned, units


def _prepare(documents: Sequence[Document], language: str, *, jobs: int | None):
    """Clean and segment every document, in worker processes when the input is large."""
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or sum(len(d.text) for d in documents) < PARALLEL_MIN_CHARACTERS:
        return _prepare_chunk(documents, 0, language)
    size = -(-len(documents) // (workers * 4))
    starts = list(range(0, len(documents), size))
    cleaned: list[CleanDocument] = []
    units: list[Unit] = []
    with ProcessPoolExecutor(max_workers=workers) as pool:
        for chunk_cleaned, chunk_units in pool.map(
            _prepare_chunk, [documents[s : s + size] for s in starts], starts, [language] * len(starts)
        ):
            cleaned.extend(chunk_cleaned)
            units.extend(chunk_units)
    return cleaned, units


MAX_FUSED_SOURCES = 4


def _also_reported_by(chosen: Sequence[int], units: Sequence[Unit], tfidf, threshold: float):
    """For each chosen sentence: the other documents with a sentence stating the same fact,
    and that sentence (the most similar one of each such document, best first)."""
    if not chosen:
        return {}, {}
    similarities = (tfidf[list(chosen)] @ tfidf.T).tocsr()
    doc_of = np.asarray([u.doc_order for u in units])
    doc_ids: dict[int, str] = {u.doc_order: u.document for u in units}
    reported, same_fact = {}, {}
    for row, i in enumerate(chosen):
        start, stop = similarities.indptr[row], similarities.indptr[row + 1]
        best: dict[int, tuple[float, int]] = {}
        for column, value in zip(similarities.indices[start:stop], similarities.data[start:stop]):
            document = int(doc_of[column])
            if value > threshold and document != units[i].doc_order:
                if document not in best or (value, -column) > (best[document][0], -best[document][1]):
                    best[document] = (float(value), int(column))
        reported[i] = tuple(doc_ids[d] for d in sorted(best))
        ranked = sorted(best.values(), key=lambda pair: (-pair[0], pair[1]))
        same_fact[i] = [column for _, column in ranked[:MAX_FUSED_SOURCES] if units[column].eligible]
    return reported, same_fact


def _rewrite(sentences: list[Sentence], ordered: Sequence[int], units: Sequence[Unit], same_fact, budget):
    """Abstractive mode: fuse each sentence with the others that state its fact, or compress it."""
    from .fuse import FusionStats, SourceSentence, rewrite_group

    stats = FusionStats()
    for position, i in enumerate(ordered):
        main = SourceSentence(units[i].text, units[i].document, units[i].index)
        others = [SourceSentence(units[j].text, units[j].document, units[j].index) for j in same_fact.get(i, [])]
        used_words = sum(len(s.text.split()) for k, s in enumerate(sentences) if k != position)
        room = None if budget.words is None else budget.words - used_words
        rewrite = rewrite_group(main, others, max_words=room, stats=stats)
        if rewrite is None:
            continue
        trial = [s.text for s in sentences]
        trial[position] = rewrite.text
        joined = " ".join(trial)
        if not budget.allows(len(trial), len(joined.split()), len(joined.encode("utf-8"))):
            continue
        sentences[position] = replace(sentences[position], text=rewrite.text, kind=rewrite.kind,
                                      fused_from=rewrite.fused_from)
    return stats


def _document_info(cleaned: CleanDocument, sentence_count: int) -> DocumentInfo:
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
    )
