"""Many summaries at once: per-item scores, the average, the interval, the signature."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import OptionsError
from .aggregate import Aggregate, aggregate
from .rouge import PairResult, RougeSettings, Scorer
from .significance import MIN_RESAMPLES, SEED, PairedTest, paired_test


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


@dataclass(frozen=True)
class PairedCorpus:
    """Two summary sets of the same items, each scored, and the system tested against the baseline on
    every metric (per-item scores of `measure`; see summarizer.evaluation.significance)."""

    system: CorpusResult
    baseline: CorpusResult
    measure: str  # "recall", "precision" or "f"
    tests: dict[str, PairedTest]
    resamples: int
    seed: int

    @property
    def signature(self) -> str:
        return f"{self.system.signature}|paired:bs+ar@{self.resamples}|seed:{self.seed}|measure:{self.measure}"

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `summarizer eval --pairs SYSTEM --baseline-pairs BASELINE`."""
        return {
            "signature": self.signature,
            "measure": self.measure,
            "system": self.system.to_dict(),
            "baseline": self.baseline.to_dict(),
            "vs_baseline": {metric: test.to_dict() for metric, test in self.tests.items()},
        }


def compare_corpora(
    system: Sequence[Item],
    baseline: Sequence[Item],
    settings: RougeSettings | None = None,
    *,
    measure: str = "f",
    resamples: int = 10_000,
    seed: int = SEED,
) -> PairedCorpus:
    """Score both summary sets and test the system against the baseline; the sets must cover the same items
    (at least two), checked before any scoring."""
    settings = settings or RougeSettings()
    if measure not in ("recall", "precision", "f"):
        raise OptionsError(f"unknown measure {measure!r}; choose recall, precision or f")
    ours, theirs = {i.id for i in system}, {i.id for i in baseline}
    if ours != theirs:
        only = sorted(ours ^ theirs)
        raise OptionsError(f"the two summary sets do not cover the same items ({len(only)} in one only, such as "
                           f"{only[0]!r})")  # fmt: skip
    if len(ours) < 2:
        raise OptionsError(f"a paired test needs at least two items, not {len(ours)}")
    if resamples < MIN_RESAMPLES:
        raise OptionsError(f"a paired test needs at least {MIN_RESAMPLES} resamples, not {resamples}")
    scored = evaluate_corpus(system, settings)
    position = {item.id: k for k, item in enumerate(system)}
    reference = evaluate_corpus(sorted(baseline, key=lambda item: position[item.id]), settings)
    tests = {}
    for metric in (m.name for m in settings.parsed_metrics):
        x = [getattr(pair.scores[metric], measure) for _, pair in scored.items]
        y = [getattr(pair.scores[metric], measure) for _, pair in reference.items]
        tests[metric] = paired_test(x, y, resamples=resamples, seed=seed)
    return PairedCorpus(scored, reference, measure, tests, resamples, seed)
