"""Comparing systems on a benchmark dataset: every system on every cluster, scored.

Systems run in worker processes (`jobs`); results are gathered in a fixed
order, so the numbers are identical whatever the number of jobs. Only the
seconds-per-cluster column depends on the machine.
"""

from __future__ import annotations

import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable, Sequence

from .datasets import Cluster, StandardSettings
from .evaluation import CorpusResult, PairResult, RougeSettings, Scorer, corpus_from_results
from .systems import Budget, get_system


@dataclass(frozen=True)
class Run:
    system: str
    cluster: str
    sentences: tuple[str, ...]
    seconds: float
    scores: PairResult | None = None


@dataclass(frozen=True)
class SystemResult:
    system: str
    result: CorpusResult
    seconds_per_cluster: float
    runs: tuple[Run, ...]


@dataclass(frozen=True)
class Comparison:
    dataset: str
    budget: Budget
    settings: RougeSettings
    measure: str
    systems: tuple[SystemResult, ...]

    @property
    def signature(self) -> str:
        return self.settings.signature()


def rouge_settings(standard: StandardSettings, **overrides) -> RougeSettings:
    """The dataset's standard ROUGE settings, with any overrides."""
    compat = "rouge155" if standard.measure == "recall" else "rouge-score"
    settings = RougeSettings(compat=compat, metrics=standard.metrics, stem=standard.stem)
    given = {k: v for k, v in overrides.items() if v is not None}
    return replace(settings, **given) if given else settings


_SCORERS: dict = {}


def _run_one(job: tuple[str, Cluster, Budget, RougeSettings | None]) -> Run:
    """One system on one cluster, scored in the same process (workers score in parallel too)."""
    from threadpoolctl import threadpool_limits

    name, cluster, budget, settings = job
    # One BLAS thread: sumy's LSA calls an SVD whose last bits depend on the
    # thread count, and results must not depend on --jobs.
    with threadpool_limits(limits=1):
        started = time.perf_counter()
        sentences = get_system(name)(cluster.documents, budget=budget, references=cluster.references,
                                     cluster_id=cluster.id)
        seconds = time.perf_counter() - started
    scores = None
    if settings is not None:
        scorer = _SCORERS.get(settings)
        if scorer is None:
            scorer = _SCORERS[settings] = Scorer(settings)
        scores = scorer.score(list(sentences), list(cluster.references))
    return Run(name, cluster.id, tuple(sentences), seconds, scores)


def run_systems(
    clusters: Sequence[Cluster],
    systems: Sequence[str],
    budget: Budget,
    *,
    jobs: int = 1,
    progress: Callable[[Run], None] | None = None,
    settings: RougeSettings | None = None,
) -> list[Run]:
    """Every system on every cluster, in (system, cluster) order; scored when settings are given."""
    for name in systems:
        get_system(name)  # unknown names fail before any work starts
    work = [(name, cluster, budget, settings) for name in systems for cluster in clusters]
    runs: list[Run] = []
    if jobs <= 1:
        for job in work:
            runs.append(_run_one(job))
            if progress:
                progress(runs[-1])
        return runs
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        # Small chunks keep both workers busy when one system is much slower.
        for run in pool.map(_run_one, work, chunksize=max(1, min(4, len(work) // (jobs * 16)))):
            runs.append(run)
            if progress:
                progress(run)
    return runs


def compare(
    clusters: Sequence[Cluster],
    systems: Sequence[str],
    *,
    dataset: str,
    budget: Budget,
    settings: RougeSettings,
    measure: str = "f",
    jobs: int = 1,
    progress: Callable[[Run], None] | None = None,
) -> Comparison:
    runs = run_systems(clusters, systems, budget, jobs=jobs, progress=progress, settings=settings)
    results = []
    for name in systems:
        mine = tuple(r for r in runs if r.system == name)
        corpus = corpus_from_results(settings, [(r.cluster, r.scores) for r in mine])
        seconds = sum(r.seconds for r in mine) / max(len(mine), 1)
        results.append(SystemResult(name, corpus, seconds, mine))
    return Comparison(dataset, budget, settings, measure, tuple(results))


def save_summaries(comparison: Comparison, folder: str | Path) -> int:
    """One text file per system and cluster, one sentence per line; returns the count."""
    root = Path(folder)
    count = 0
    for system in comparison.systems:
        target = root / system.system
        target.mkdir(parents=True, exist_ok=True)
        for run in system.runs:
            (target / f"{run.cluster}.txt").write_text("\n".join(run.sentences) + "\n", encoding="utf-8")
            count += 1
    return count


def comparison_rows(comparison: Comparison) -> list[dict]:
    """One row per system and metric: mean R/P/F, the interval of the reported measure, seconds."""
    rows = []
    for system in comparison.systems:
        aggregate = system.result.aggregate
        for metric, score in aggregate.average.items():
            key = "recall" if comparison.measure == "recall" else "f"
            interval = aggregate.confidence[metric].get(key)
            rows.append({
                "system": system.system,
                "metric": metric,
                "recall": score.recall,
                "precision": score.precision,
                "f": score.f,
                "measure": key,
                "ci_low": interval.low if interval else None,
                "ci_high": interval.high if interval else None,
                "seconds_per_cluster": system.seconds_per_cluster,
            })
    return rows
