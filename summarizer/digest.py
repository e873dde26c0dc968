"""One event's digest, whole: the one-event pipeline (summarizer.core) with the abstractive mode's rewrite step
and the differences between outlets composed in. Everything above it (the daily digest, the comparisons, the
command line, the public API) summarises through here."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from .core.options import DigestOptions
from .core.pipeline import Prepared, prepare
from .core.pipeline import summarize_prepared as summarize_core
from .core.result import Digest
from .core.segment import input_language
from .documents import Document, Unit
from .errors import NothingToSummarize
from .parallel import Stages, no_stages
from .sources.ingest import documents_from_texts

if TYPE_CHECKING:
    from .sources.labels import LabelMap

__all__ = ["summarize", "summarize_prepared"]


def summarize(
    documents: str | Document | Sequence[Document | str],
    *,
    options: DigestOptions | None = None,
    seen: Sequence[Document | str] = (),
    labels: LabelMap | None = None,
    jobs: int | None = None,
    stages: Stages = no_stages,
    **overrides: Any,
) -> Digest:
    """One digest of several articles about one event.

    `documents` are Documents or plain strings (one string is one document).
    `options` (DigestOptions) hold every setting; keyword `overrides` of its fields
    (`words=120`, `mode="abstractive"`) are a convenience that builds them.
    Budgets (`sentences`, `words`, `ratio` of input sentences, `bytes`) can be
    combined; all are met and none is exceeded. With no budget the digest has
    7 sentences.
    `query` focuses the digest on a topic statement; `seen` are articles the
    reader has already read: what they say is not repeated (an update digest).
    `labels` (outlet -> labels, summarizer.differences.read_labels) add the coverage by label.
    `jobs` bounds the processes used to clean and segment large inputs
    (default: every core); it never changes the result. `stages` hears of
    progress (see `summarizer.parallel.Stages`).
    """
    started = time.perf_counter()
    options = (options or DigestOptions()).with_overrides(**overrides)
    if options.model:
        from .abstractive.neural import check_model_directory  # a bad path fails before any work

        check_model_directory(options.model)
    docs = documents_from_texts(documents)
    if not docs:
        raise NothingToSummarize("no documents given")
    language_used = input_language(docs, options.language)
    notes: list[str] = []
    if options.language == "auto" and language_used != "english":
        notes.append(f"language detected: {language_used}")
    prepared = prepare(docs, language=language_used, jobs=jobs, stages=stages)
    already = prepare(documents_from_texts(seen), language=language_used, jobs=jobs) if seen else None
    digest = summarize_prepared(
        prepared,
        options=replace(options, language=language_used),
        notes=notes,
        seen=already.units if already else (),
        stages=stages,
    )
    if labels is not None:
        from .differences import coverage_of

        outlets = [replace(c.document, source=c.source or c.document.source) for c in prepared.cleaned]
        digest = replace(digest, coverage=coverage_of(outlets, labels))
    digest.stats["seconds"] = round(time.perf_counter() - started, 3)
    return digest


def summarize_prepared(
    prepared: Prepared,
    *,
    options: DigestOptions,
    notes: Sequence[str] = (),
    seen: Sequence[Unit] = (),
    stages: Stages = no_stages,
) -> Digest:
    """The digest of documents already cleaned and segmented, with the rewrite and differences steps the options
    ask for (summarizer.core.pipeline.summarize_prepared does the rest)."""
    rewrite = differences = None
    if options.mode == "abstractive" or options.model:
        from .abstractive import rewrite_step  # the abstractive mode only

        rewrite = rewrite_step
    if options.differences:
        from .differences import differences_step

        differences = differences_step
    return summarize_core(prepared, options=options, notes=notes, seen=seen, stages=stages, rewrite=rewrite,
                          differences=differences)  # fmt: skip
