"""Comparing systems on a benchmark dataset: every system on every cluster, scored.

Systems run in worker processes (`jobs`); results are gathered in a fixed
order, so the numbers are identical whatever the number of jobs. Only the
seconds-per-cluster column depends on the machine.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from ..documents import Budget
from ..errors import OptionsError
from ..evaluation import CorpusResult, PairResult, RougeSettings, Scorer, corpus_from_results
from ..evaluation.significance import MIN_RESAMPLES, SEED, PairedTest, holm, paired_test
from ..evaluation.statistics import SummaryStatistics, mean_statistics, summary_statistics
from ..parallel import Stages, no_stages, parallel_map
from .datasets import Cluster, StandardSettings, load_dataset, standard_settings
from .systems import check_systems, get_system


@dataclass(frozen=True)
class SystemRun:
    system: str
    cluster: str
    sentences: tuple[str, ...]
    seconds: float
    scores: PairResult | None = None
    statistics: SummaryStatistics | None = None


@dataclass(frozen=True)
class SystemResult:
    system: str
    result: CorpusResult
    seconds_per_cluster: float
    runs: tuple[SystemRun, ...]
    statistics: SummaryStatistics | None = None  # the mean over the clusters


@dataclass(frozen=True)
class PairedSettings:
    """A comparison against a baseline: which system, and how its tests resample."""

    baseline: str
    resamples: int = 10_000
    seed: int = SEED
    holm: bool = False  # Holm-Bonferroni across the systems compared with the baseline (per metric)

    def __post_init__(self) -> None:
        if self.resamples < MIN_RESAMPLES:
            raise OptionsError(f"paired tests need at least {MIN_RESAMPLES} resamples, not {self.resamples}")

    def signature(self) -> str:
        return f"paired:bs+ar@{self.resamples}|seed:{self.seed}|holm:{'yes' if self.holm else 'no'}"


SIGNIFICANCE = 0.05  # the level a difference is marked at (p from the permutation test, Holm-adjusted when asked)


@dataclass(frozen=True)
class Comparison:
    dataset: str
    budget: Budget
    settings: RougeSettings
    measure: str
    systems: tuple[SystemResult, ...]
    command: str = ""
    paired: PairedSettings | None = None
    tests: dict[tuple[str, str], PairedTest] = field(default_factory=dict)  # (system, metric) -> its test
    adjusted: dict[tuple[str, str], float] = field(default_factory=dict)  # Holm-adjusted permutation p-values

    @property
    def signature(self) -> str:
        return self.settings.signature() + (f"|{self.paired.signature()}" if self.paired else "")

    def significant(self, system: str, metric: str) -> bool:
        """Whether the system differs from the baseline on the metric (p < SIGNIFICANCE)."""
        test = self.tests.get((system, metric))
        if test is None:
            return False
        return self.adjusted.get((system, metric), test.p_permutation) < SIGNIFICANCE

    @property
    def clusters(self) -> int:
        return len(self.systems[0].runs) if self.systems else 0

    def rows(self) -> list[dict[str, Any]]:
        """One row per system and metric: mean R/P/F, the interval of the reported measure, seconds."""
        rows = []
        key = "recall" if self.measure == "recall" else "f"
        for system in self.systems:
            aggregate = system.result.aggregate
            for metric, score in aggregate.average.items():
                interval = aggregate.confidence[metric].get(key)
                rows.append(
                    {
                        "system": system.system,
                        "metric": metric,
                        "recall": score.recall,
                        "precision": score.precision,
                        "f": score.f,
                        "measure": key,
                        "ci_low": interval.low if interval else None,
                        "ci_high": interval.high if interval else None,
                        "seconds_per_cluster": system.seconds_per_cluster,
                        "statistics": system.statistics.to_dict() if system.statistics else None,
                        **self._versus(system.system, metric),
                    }
                )
        return rows

    def _versus(self, system: str, metric: str) -> dict[str, Any]:
        test = self.tests.get((system, metric))
        if test is None or self.paired is None:
            return {}
        versus: dict[str, Any] = {"system": self.paired.baseline, **test.to_dict()}
        if (system, metric) in self.adjusted:
            versus["p_permutation_holm"] = self.adjusted[system, metric]
        return {"vs_baseline": versus, "significant": self.significant(system, metric)}

    def per_cluster(self) -> list[dict[str, Any]]:
        """Every system x cluster x metric score, for any other analysis to start from."""
        return [
            {"system": run.system, "cluster": run.cluster, "metric": metric, "recall": score.recall,
             "precision": score.precision, "f": score.f}
            for system in self.systems for run in system.runs if run.scores is not None
            for metric, score in run.scores.scores.items()
        ]  # fmt: skip

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `summarizer compare --format json`."""
        return {
            "dataset": self.dataset,
            "clusters": self.clusters,
            "budget": {"words": self.budget.words, "sentences": self.budget.sentences},
            "signature": self.signature,
            "command": self.command,
            "measure": self.measure,
            "baseline": self.paired.baseline if self.paired else None,
            "rows": self.rows(),
            "per_cluster": self.per_cluster(),
        }


def rouge_settings(standard: StandardSettings, **overrides: Any) -> RougeSettings:
    """The dataset's standard ROUGE settings, with any overrides."""
    compat = "rouge155" if standard.measure == "recall" else "rouge-score"
    settings = RougeSettings(compat=compat, metrics=standard.metrics, stem=standard.stem,
                             max_words=standard.truncate_words)  # fmt: skip
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(settings, **given) if given else settings


_SCORERS: dict[RougeSettings, Scorer] = {}


def _run_one(job: tuple[str, Cluster, Budget, RougeSettings | None]) -> SystemRun:
    """One system on one cluster, scored in the same process (workers score in parallel too)."""
    from threadpoolctl import threadpool_limits

    name, cluster, budget, settings = job
    # One BLAS thread: sumy's LSA calls an SVD whose last bits depend on the
    # thread count, and results must not depend on --jobs.
    with threadpool_limits(limits=1):
        started = time.perf_counter()
        sentences = get_system(name)(
            cluster.documents, budget=budget, references=cluster.references, cluster_id=cluster.id, query=cluster.query
        )
        seconds = time.perf_counter() - started
    scores = None
    if settings is not None:
        scorer = _SCORERS.get(settings)
        if scorer is None:
            scorer = _SCORERS[settings] = Scorer(settings)
        scores = scorer.score(list(sentences), list(cluster.references))
    statistics = summary_statistics(list(sentences), [d.text for d in cluster.documents])
    return SystemRun(name, cluster.id, tuple(sentences), seconds, scores, statistics)


def run_systems(
    clusters: Sequence[Cluster],
    systems: Sequence[str],
    budget: Budget,
    *,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    settings: RougeSettings | None = None,
    scheduler: str | None = None,
) -> list[SystemRun]:
    """Every system on every cluster, in (system, cluster) order; scored when settings are given."""
    check_systems(systems, have_references=all(c.references for c in clusters))
    work = [(name, cluster, budget, settings) for name in systems for cluster in clusters]
    # Small chunks keep both workers busy when one system is much slower.
    chunksize = max(1, min(4, len(work) // (max(jobs, 1) * 16)))
    return parallel_map(_run_one, work, jobs=jobs, progress=progress, chunksize=chunksize, scheduler=scheduler)


def compare(
    clusters: Sequence[Cluster],
    systems: Sequence[str],
    *,
    dataset: str,
    budget: Budget,
    settings: RougeSettings,
    measure: str = "f",
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    command: str = "",
    scheduler: str | None = None,
    paired: PairedSettings | None = None,
) -> Comparison:
    check_paired(systems, len(clusters), paired)
    runs = run_systems(clusters, systems, budget, jobs=jobs, progress=progress, settings=settings, scheduler=scheduler)
    results = []
    for name in systems:
        mine = tuple(r for r in runs if r.system == name)
        corpus = corpus_from_results(settings, [(r.cluster, r.scores) for r in mine if r.scores is not None])
        seconds = sum(r.seconds for r in mine) / max(len(mine), 1)
        statistics = mean_statistics([r.statistics for r in mine if r.statistics is not None])
        results.append(SystemResult(name, corpus, seconds, mine, statistics))
    comparison = Comparison(dataset, budget, settings, measure, tuple(results), command)
    return with_paired_tests(comparison, paired) if paired else comparison


def check_paired(systems: Sequence[str], clusters: int, paired: PairedSettings | None) -> None:
    """Before any work: the baseline is one of the systems, and there are clusters enough to test on."""
    if paired is None:
        return
    if paired.baseline not in systems:
        raise OptionsError(f"the baseline {paired.baseline!r} is not among the systems compared ({', '.join(systems)})")
    if set(systems) == {paired.baseline}:
        raise OptionsError(f"the baseline {paired.baseline!r} is the only system compared: nothing to test against it "
                           "(give --systems the systems to test and the baseline)")  # fmt: skip
    if clusters < 2:
        raise OptionsError(f"a paired test needs at least two clusters; the dataset has {clusters}")


def with_paired_tests(comparison: Comparison, paired: PairedSettings) -> Comparison:
    """Every other system against the baseline, on every metric, over the clusters (their reported measure)."""
    key = "recall" if comparison.measure == "recall" else "f"

    def per_cluster(result: SystemResult, metric: str) -> list[float]:
        return [getattr(run.scores.scores[metric], key) for run in result.runs if run.scores is not None]

    base = next(s for s in comparison.systems if s.system == paired.baseline)
    tests: dict[tuple[str, str], PairedTest] = {}
    for result in comparison.systems:
        if result.system == paired.baseline:
            continue
        for metric in result.result.aggregate.average:
            tests[result.system, metric] = paired_test(per_cluster(result, metric), per_cluster(base, metric),
                                                       resamples=paired.resamples, seed=paired.seed)  # fmt: skip
    adjusted: dict[tuple[str, str], float] = {}
    if paired.holm:
        for metric in {m for _, m in tests}:
            family = [k for k in tests if k[1] == metric]
            adjusted.update(zip(family, holm([tests[k].p_permutation for k in family])))
    return replace(comparison, paired=paired, tests=tests, adjusted=adjusted)


def compare_dataset(
    path: str,
    systems: Sequence[str],
    *,
    words: int | None = None,
    sentences: int | None = None,
    compat: str | None = None,
    metrics: Sequence[str] | None = None,
    stem: bool | None = None,
    jobs: int = 1,
    stages: Stages = no_stages,
    command: str = "",
    scheduler: str | None = None,
    paired: PairedSettings | None = None,
) -> Comparison:
    """Every system on a dataset directory, scored with the set's standard settings unless overridden; with
    `paired`, every other system is tested against its baseline."""
    clusters = load_dataset(path)
    standard = standard_settings(path)
    settings = rouge_settings(standard, compat=compat, metrics=tuple(metrics) if metrics else None, stem=stem)
    budget = Budget(sentences=sentences) if sentences else Budget(words=words or standard.words)
    return compare(
        clusters,
        systems,
        dataset=path,
        budget=budget,
        settings=settings,
        measure=standard.measure,
        jobs=jobs,
        progress=stages("summarising and scoring", len(systems) * len(clusters)),
        command=command,
        scheduler=scheduler,
        paired=paired,
    )
