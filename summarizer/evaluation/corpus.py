"""Many summaries at once: per-item scores, the average, the interval, the signature."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .aggregate import Aggregate, aggregate
from .rouge import PairResult, RougeSettings, Scorer


@dataclass(frozen=True)
class Item:
    id: str
    summary: str | Sequence[str]
    references: Sequence[str | Sequence[str]]


@dataclass(frozen=True)
class CorpusResult:
    settings: RougeSettings
    items: tuple[tuple[str, PairResult], ...]
    aggregate: Aggregate

    @property
    def signature(self) -> str:
        return self.settings.signature()

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `summarizer eval --pairs`."""
        metrics = [m.name for m in self.settings.parsed_metrics]
        return {
            "signature": self.signature,
            "items": [
                {
                    "id": item_id,
                    "scores": {m: result.scores[m].as_dict() for m in metrics},
                    **({"notes": list(result.notes)} if result.notes else {}),
                }
                for item_id, result in self.items
            ],
            "average": {m: self.aggregate.average[m].as_dict() for m in metrics},
            "confidence": {m: {k: [v.low, v.high] for k, v in self.aggregate.confidence[m].items()} for m in metrics},
        }


def evaluate_corpus(items: Sequence[Item], settings: RougeSettings | None = None) -> CorpusResult:
    """Score every item, then average (ROUGE-1.5.5's bootstrap in rouge155 mode)."""
    settings = settings or RougeSettings()
    ids = [item.id for item in items]
    if len(set(ids)) != len(ids):
        duplicate = next(i for i in ids if ids.count(i) > 1)
        raise ValueError(f"item id {duplicate!r} appears more than once")
    scorer = Scorer(settings)
    return corpus_from_results(settings, [(item.id, scorer.score(item.summary, item.references)) for item in items])


def corpus_from_results(settings: RougeSettings, results: Sequence[tuple[str, PairResult]]) -> CorpusResult:
    """Average per-item results that were scored elsewhere (say, in worker processes)."""
    results = tuple(results)
    metrics = [m.name for m in settings.parsed_metrics]
    summary = aggregate(
        {item_id: result.scores for item_id, result in results},
        metrics,
        resamples=settings.resamples,
        confidence=settings.confidence,
        perl=settings.compat == "rouge155",
    )
    return CorpusResult(settings, results, summary)
