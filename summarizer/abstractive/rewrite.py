"""One group of sentences that state one fact: every rewrite of its main sentence that passes the guard."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from . import grammar
from .additions import describe, enrich, widen
from .guard import TrigramModel, grammar_reason, guard, structure_reason
from .records import Description, FusionStats, Rewrite, SourceSentence
from .wordgraph import compress, fuse
from .words import numbers_in, word_tokens

__all__ = ["new_verb", "rewrite_alternatives"]


def rewrite_alternatives(
    main: SourceSentence,
    others: Sequence[SourceSentence],
    *,
    stats: FusionStats | None = None,
    compress_over: int = 28,
    model: TrigramModel | None = None,
    accept: Callable[[str, Sequence[SourceSentence]], bool] | None = None,
    rules: bool = True,
    rewriter: Callable[[Sequence[str]], Sequence[str]] | None = None,
    known: dict[str, list[Description]] | None = None,
) -> list[Rewrite]:
    """Rewrites that may stand for `main` in the selection: at most one fusion, one enrichment, one
    description of a name from `known` (see `descriptions`), one compression (`rules`), and one
    sentence written by `rewriter` (a local model: the group's texts in, sentences out).

    Each must pass the guard, keep every number of `main`, pass the grammar
    check (see grammar_reason), and satisfy `accept(text, replaced)`: the
    caller's check of information per word against the sentences it replaces.
    """
    stats = stats or FusionStats()
    accept = accept or (lambda text, replaced: True)
    group = [main, *others]
    main_numbers = numbers_in(word_tokens(main.text))
    found: list[Rewrite] = []

    def reason_against(
        candidate: str, sources: Sequence[SourceSentence], *, fused: bool, replaces: int | None = None
    ) -> str | None:
        """Why `candidate` may not stand for the first `replaces` of `sources` (all of them by default)."""
        source_texts = [s.text for s in sources]
        reason = guard(candidate, source_texts, main=main.text, fused=fused)
        if reason is None and not main_numbers <= numbers_in(word_tokens(candidate)):
            reason = "drops a number of the main sentence"
        if reason is None:
            reason = grammar_reason(candidate, source_texts, model)
        if reason is None and not accept(candidate, sources[:replaces]):
            reason = "less information per word than the sentences it replaces"
        return reason

    if rewriter is not None:
        found += _model_rewrite(rewriter, group, stats, reason_against)
    if not rules:
        return found
    if others:
        stats.groups += 1
        found += _fusion(main, others, stats, reason_against)
        found += _enrichment(main, others, stats, reason_against)
        found += _widening(main, others, stats, reason_against)
    found += _description(main, known or {}, stats, reason_against)
    if len(main.text.split()) > compress_over:
        shorter = compress(main.text)
        if shorter != main.text and guard(shorter, [main.text], main=main.text) is None and accept(shorter, [main]):
            stats.compressed += 1
            found.append(Rewrite(shorter, "compressed", ((main.document, main.index),)))
    return found


def _fusion(
    main: SourceSentence,
    others: Sequence[SourceSentence],
    stats: FusionStats,
    reason_against: Callable[..., str | None],
) -> list[Rewrite]:
    """The first word-graph fusion of the group that keeps the main sentence's structure and passes every check."""
    group = [main, *others]
    texts = [s.text for s in group]
    total = sum(len(t.split()) for t in texts)
    for candidate in fuse(texts)[:25]:
        if len(candidate.split()) >= total:
            continue
        reason = structure_reason(candidate, main.text, [o.text for o in others]) or reason_against(
            candidate, group, fused=True
        )
        if reason is None:
            stats.fused += 1
            return [Rewrite(candidate, "fused", tuple((s.document, s.index) for s in group))]
        stats.note(reason)
    stats.fallbacks += 1
    return []


def _addition(
    main: SourceSentence,
    candidates: Iterable[tuple[str, SourceSentence]],
    check: Callable[[str, SourceSentence], str | None],
    stats: FusionStats,
    kind: str,
) -> list[Rewrite]:
    """The first candidate (with the sentence it takes words from) that passes `check`, as a rewrite fused from
    `main` and that sentence; each refusal is counted under `kind`."""
    for candidate, source in candidates:
        reason = check(candidate, source)
        if reason is None:
            return [Rewrite(candidate, "fused", ((main.document, main.index), (source.document, source.index)))]
        stats.note(f"{kind}: {reason}")
    return []


def _enrichment(
    main: SourceSentence,
    others: Sequence[SourceSentence],
    stats: FusionStats,
    reason_against: Callable[..., str | None],
) -> list[Rewrite]:
    """The main sentence with the unique trailing clause of the first other sentence that has one that passes."""
    candidates = ((candidate, other) for other in others for candidate in enrich(main.text, other.text))
    found = _addition(main, candidates, lambda c, o: reason_against(c, [main, o], fused=False), stats, "enrichment")
    stats.enriched += len(found)
    return found


def _description(
    main: SourceSentence,
    known: dict[str, list[Description]],
    stats: FusionStats,
    reason_against: Callable[..., str | None],
) -> list[Rewrite]:
    """The main sentence with another outlet's description of a name it mentions (see `describe`)."""
    # It takes a phrase of the source, not its statement: it must be as dense as `main` alone.
    found = _addition(main, describe(main.text, known),
                      lambda c, s: reason_against(c, [main, s], fused=False, replaces=1), stats, "description")  # fmt: skip
    stats.described += len(found)
    return found


def new_verb(candidate: str, main: str) -> str | None:
    """Why not, when the parser reads a verb `main` lacks in `candidate` ("did not release [or confirm]
    the names"): the word tests in `widen` miss verbs without a telltale ending."""
    parser = grammar.link_parser()
    parse = parser.parse(candidate) if parser is not None else None
    if parse is None:
        return None
    main_words = {t.lower() for t in word_tokens(main)}
    new = [verb for verb in parse.verbs if verb not in main_words]
    return f"adds a verb: {new[0]}" if new else None


def _widening(
    main: SourceSentence,
    others: Sequence[SourceSentence],
    stats: FusionStats,
    reason_against: Callable[..., str | None],
) -> list[Rewrite]:
    """The shortest widening of `main` by one of `others` (see `widen`) that passes every check."""
    candidates = ((candidate, other) for other in others for candidate in widen(main.text, other.text))

    def check(candidate: str, other: SourceSentence) -> str | None:
        # It takes a phrase of `other`, not its statement: it must be as dense as `main` alone.
        return reason_against(candidate, [main, other], fused=True, replaces=1) or new_verb(candidate, main.text)

    found = _addition(main, candidates, check, stats, "widening")
    stats.widened += len(found)
    return found


def _model_rewrite(
    rewriter: Callable[[Sequence[str]], Sequence[str]],
    group: Sequence[SourceSentence],
    stats: FusionStats,
    reason_against: Callable[..., str | None],
) -> list[Rewrite]:
    """The first sentence the model writes for the group that passes every check, and is not a copy of a
    source (a copy adds nothing the original does not already offer the selection)."""
    texts = {" ".join(s.text.split()) for s in group}
    for sentence in rewriter([s.text for s in group]):
        sentence = " ".join(sentence.split())
        if not sentence or sentence in texts:
            continue
        stats.model_written += 1
        # A model paraphrases: its words need not run in the sources' order (fused=False), but
        # names, numbers, negations, hedges, the subject and the grammar are checked as for a fusion.
        reason = reason_against(sentence, group, fused=False)
        if reason is None:
            stats.model_passed += 1
            return [Rewrite(sentence, "neural", tuple((s.document, s.index) for s in group))]
        stats.note(f"model: {reason}")
    return []
