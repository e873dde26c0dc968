"""How summary quality grows with summary length.

For a benchmark dataset: ROUGE-1, ROUGE-2 and ROUGE-SU4 against the human
references at each length (the dataset's standard settings otherwise).
For plain articles (no references): ROUGE against each source article, and
the share of each source covered: the fraction of its sentences that state a
fact the summary states (TF-IDF cosine above the digest's redundancy
threshold with some summary sentence).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from ..core.clean import clean
from ..core.options import DigestOptions
from ..core.represent import build_term_space
from ..core.segment import segment
from ..documents import Budget, Document
from ..errors import OptionsError
from ..evaluation import RougeSettings, corpus_from_results
from ..evaluation.statistics import SummaryStatistics, mean_statistics
from ..parallel import Stages, no_stages
from ..sources.ingest import load_paths
from ..text import stemmer
from .compare import rouge_settings, run_systems
from .datasets import Cluster, StandardSettings, is_dataset, load_dataset, standard_settings
from .sources import score_against_sources
from .systems import check_systems

METRICS = ("rouge-1", "rouge-2", "rouge-su4")


@dataclass(frozen=True)
class Point:
    system: str
    words: int
    metric: str  # rouge-1 ... or "coverage"
    value: float
    low: float | None = None
    high: float | None = None


@dataclass(frozen=True)
class Sweep:
    input: str
    kind: str  # "dataset" or "articles"
    measure: str
    settings: RougeSettings
    points: tuple[Point, ...]
    # articles only: {(system, words): {source id: {"rouge-1": r, ..., "coverage": c}}}
    per_source: dict[tuple[str, int], dict[str, dict[str, float]]] = field(default_factory=dict)
    command: str = ""
    statistics: dict[tuple[str, int], SummaryStatistics] = field(default_factory=dict)  # (system, words) -> means

    @property
    def metrics(self) -> list[str]:
        return list(dict.fromkeys(p.metric for p in self.points))

    @property
    def systems(self) -> list[str]:
        return list(dict.fromkeys(p.system for p in self.points))

    @property
    def lengths(self) -> list[int]:
        return sorted({p.words for p in self.points})

    @property
    def signature(self) -> str:
        return self.settings.signature()

    def point(self, system: str, words: int, metric: str) -> Point:
        return next(p for p in self.points if p.system == system and p.words == words and p.metric == metric)

    def rows(self) -> list[dict[str, Any]]:
        return [
            {"system": p.system, "words": p.words, "metric": p.metric, "value": p.value, "low": p.low, "high": p.high}
            for p in self.points
        ]

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `summarizer lengths --format json`."""
        data: dict[str, Any] = {
            "input": self.input,
            "kind": self.kind,
            "measure": self.measure,
            "signature": self.signature,
            "command": self.command,
            "rows": self.rows(),
        }
        if self.per_source:
            data["per_source"] = {f"{system}@{words}": table for (system, words), table in self.per_source.items()}
        data["statistics"] = [{"system": system, "length": words, **stats.to_dict()}
                              for (system, words), stats in self.statistics.items()]  # fmt: skip
        return data


def sweep_dataset(
    clusters: Sequence[Cluster],
    systems: Sequence[str],
    lengths: Sequence[int],
    *,
    name: str,
    standard: StandardSettings,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    command: str = "",
) -> Sweep:
    settings = rouge_settings(standard, metrics=METRICS)
    key = "recall" if standard.measure == "recall" else "f"
    points = []
    statistics: dict[tuple[str, int], SummaryStatistics] = {}
    for words in lengths:
        runs = run_systems(clusters, systems, Budget(words=words), jobs=jobs, progress=progress, settings=settings)
        for system in systems:
            statistics[system, words] = mean_statistics(
                [r.statistics for r in runs if r.system == system and r.statistics]
            )
            result = corpus_from_results(
                settings, [(r.cluster, r.scores) for r in runs if r.system == system and r.scores is not None]
            )
            for metric in METRICS:
                score = getattr(result.aggregate.average[metric], key)
                interval = result.aggregate.confidence[metric].get(key)
                points.append(
                    Point(
                        system,
                        words,
                        metric,
                        score,
                        interval.low if interval else None,
                        interval.high if interval else None,
                    )
                )
    return Sweep(name, "dataset", key, settings, tuple(points), command=command, statistics=statistics)


def source_coverage(
    documents: Sequence[Document], summary: Sequence[str], *, threshold: float | None = None
) -> dict[str, float]:
    """Share of each source's sentences that some summary sentence restates."""
    threshold = DigestOptions().redundancy if threshold is None else threshold
    stem = stemmer("english")
    units = [u for i, d in enumerate(documents) for u in segment(clean(d), i, stem=stem)]
    summary_doc = Document(id="\x00summary", text="\n".join(summary))
    summary_units = segment(clean(summary_doc), len(documents), stem=stem) if summary else []
    if not units or not summary_units:
        return {d.id: 0.0 for d in documents}
    space = build_term_space(units + summary_units, stem=stem)
    tfidf = space.tfidf()
    similarity = (tfidf[: len(units)] @ tfidf[len(units) :].T).toarray()
    covered = similarity.max(axis=1) > threshold
    shares = {}
    for order, document in enumerate(documents):
        mine = np.asarray([u.doc_order == order for u in units])
        shares[document.id] = float(covered[mine].mean()) if mine.any() else 0.0
    return shares


def sweep_articles(
    documents: Sequence[Document],
    systems: Sequence[str],
    lengths: Sequence[int],
    *,
    name: str,
    settings: RougeSettings | None = None,
    jobs: int = 1,
    progress: Callable[[int], None] | None = None,
    command: str = "",
) -> Sweep:
    settings = replace(settings or RougeSettings(), metrics=METRICS, resamples=0)
    cluster = Cluster(id="input", documents=tuple(documents), references=())
    points = []
    per_source: dict[tuple[str, int], dict[str, dict[str, float]]] = {}
    statistics: dict[tuple[str, int], SummaryStatistics] = {}
    for words in lengths:
        runs = run_systems([cluster], systems, Budget(words=words), jobs=jobs, progress=progress)
        for run in runs:
            statistics[run.system, words] = mean_statistics([run.statistics] if run.statistics else [])
            report = score_against_sources(list(run.sentences), sources=documents, settings=settings)
            coverage = source_coverage(documents, run.sentences)
            table = {}
            for source_id, pair in report.sources:
                table[source_id] = {m: pair.scores[m].recall for m in METRICS}
                table[source_id]["coverage"] = coverage[source_id]
            per_source[(run.system, words)] = table
            for metric in (*METRICS, "coverage"):
                values = [row[metric] for row in table.values()]
                points.append(
                    Point(run.system, words, metric, float(np.mean(values)), float(min(values)), float(max(values)))
                )
    return Sweep(
        name, "articles", "recall", settings, tuple(points), per_source, command=command, statistics=statistics
    )


def sweep_lengths(
    inputs: Sequence[str],
    systems: Sequence[str],
    lengths: Sequence[int],
    *,
    jobs: int = 1,
    stages: Stages = no_stages,
    command: str = "",
) -> Sweep:
    """A dataset directory (scored against its references) or article paths (against each source)."""
    if not lengths or min(lengths) < 1:
        raise OptionsError("summary lengths must be whole numbers of at least 1")
    name, lengths = " ".join(inputs), sorted(set(lengths))
    if is_dataset(inputs):
        clusters = load_dataset(inputs[0])
        progress = stages("summarising and scoring", len(lengths) * len(systems) * len(clusters))
        standard = standard_settings(inputs[0])
        return sweep_dataset(clusters, systems, lengths, name=name, standard=standard, jobs=jobs, progress=progress,
                             command=command)  # fmt: skip
    check_systems(systems, have_references=False)
    documents = load_paths(inputs).documents
    progress = stages("summarising and scoring", len(lengths) * len(systems))
    return sweep_articles(documents, systems, lengths, name=name, jobs=jobs, progress=progress, command=command)
