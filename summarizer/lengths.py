"""How summary quality grows with summary length.

For a benchmark dataset: ROUGE-1, ROUGE-2 and ROUGE-SU4 against the human
references at each length (the dataset's standard settings otherwise).
For plain articles (no references): ROUGE against each source article, and
the share of each source covered: the fraction of its sentences that state a
fact the summary states (TF-IDF cosine above the digest's redundancy
threshold with some summary sentence).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Callable, Sequence

import numpy as np

from .compare import rouge_settings, run_systems
from .datasets import Cluster, StandardSettings
from .documents import DigestOptions, Document
from .evaluation import RougeSettings, corpus_from_results
from .systems import Budget

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
    per_source: dict = None  # articles: {(system, words): {source id: {"rouge-1": r, ..., "coverage": c}}}

    @property
    def metrics(self) -> list[str]:
        return list(dict.fromkeys(p.metric for p in self.points))

    @property
    def systems(self) -> list[str]:
        return list(dict.fromkeys(p.system for p in self.points))

    @property
    def lengths(self) -> list[int]:
        return sorted({p.words for p in self.points})


def sweep_dataset(
    clusters: Sequence[Cluster], systems: Sequence[str], lengths: Sequence[int], *, name: str,
    standard: StandardSettings, jobs: int = 1, progress: Callable | None = None,
) -> Sweep:
    settings = rouge_settings(standard, metrics=METRICS)
    key = "recall" if standard.measure == "recall" else "f"
    points = []
    for words in lengths:
        runs = run_systems(clusters, systems, Budget(words=words), jobs=jobs, progress=progress, settings=settings)
        for system in systems:
            result = corpus_from_results(settings, [(r.cluster, r.scores) for r in runs if r.system == system])
            for metric in METRICS:
                score = getattr(result.aggregate.average[metric], key)
                interval = result.aggregate.confidence[metric].get(key)
                points.append(Point(system, words, metric, score, interval.low if interval else None,
                                    interval.high if interval else None))
    return Sweep(name, "dataset", key, settings, tuple(points))


def source_coverage(documents: Sequence[Document], summary: Sequence[str], *, threshold: float | None = None) -> dict[str, float]:
    """Share of each source's sentences that some summary sentence restates."""
    from .clean import clean
    from .represent import build_term_space
    from .segment import segment, stemmer

    threshold = DigestOptions().redundancy if threshold is None else threshold
    stem = stemmer("english")
    units = [u for i, d in enumerate(documents) for u in segment(clean(d), i, stem=stem)]
    summary_doc = Document(id="\x00summary", text="\n".join(summary))
    summary_units = segment(clean(summary_doc), len(documents), stem=stem) if summary else []
    if not units or not summary_units:
        return {d.id: 0.0 for d in documents}
    space = build_term_space(units + summary_units, stem=stem)
    tfidf = space.tfidf()
    similarity = (tfidf[: len(units)] @ tfidf[len(units):].T).toarray()
    covered = similarity.max(axis=1) > threshold
    shares = {}
    for order, document in enumerate(documents):
        mine = np.asarray([u.doc_order == order for u in units])
        shares[document.id] = float(covered[mine].mean()) if mine.any() else 0.0
    return shares


def sweep_articles(
    documents: Sequence[Document], systems: Sequence[str], lengths: Sequence[int], *, name: str,
    settings: RougeSettings | None = None, jobs: int = 1, progress: Callable | None = None,
) -> Sweep:
    from .evaluation.sources import score_against_sources

    settings = replace(settings or RougeSettings(), metrics=METRICS, resamples=0)
    cluster = Cluster(id="input", documents=tuple(documents), references=())
    points = []
    per_source: dict = {}
    for words in lengths:
        runs = run_systems([cluster], systems, Budget(words=words), jobs=jobs, progress=progress)
        for run in runs:
            report = score_against_sources(list(run.sentences), sources=documents, settings=settings)
            coverage = source_coverage(documents, run.sentences)
            table = {}
            for source_id, pair in report.sources:
                table[source_id] = {m: pair.scores[m].recall for m in METRICS}
                table[source_id]["coverage"] = coverage[source_id]
            per_source[(run.system, words)] = table
            for metric in (*METRICS, "coverage"):
                values = [row[metric] for row in table.values()]
                points.append(Point(run.system, words, metric, float(np.mean(values)), float(min(values)),
                                    float(max(values))))
    return Sweep(name, "articles", "recall", settings, tuple(points), per_source)


def plot_png(sweep: Sweep, path: str, *, title: str | None = None) -> None:
    """One panel per metric, one line per system, written to a PNG."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = sweep.metrics
    columns = 2 if len(metrics) > 2 else len(metrics)
    rows = -(-len(metrics) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, 3.9 * rows), squeeze=False)
    flat = [axis for row in axes for axis in row]
    for axis in flat[len(metrics):]:
        axis.set_visible(False)
    for axis, metric in zip(flat, metrics):
        for system in sweep.systems:
            points = sorted((p for p in sweep.points if p.system == system and p.metric == metric), key=lambda p: p.words)
            xs = [p.words for p in points]
            ys = [p.value for p in points]
            line, = axis.plot(xs, ys, marker="o", label=system)
            if all(p.low is not None for p in points):
                axis.fill_between(xs, [p.low for p in points], [p.high for p in points], alpha=0.12,
                                  color=line.get_color())
        label = "share of source sentences covered" if metric == "coverage" else f"{metric} {sweep.measure}"
        axis.set_title(label, fontsize=10)
        axis.set_xlabel("summary length (words)")
        axis.grid(alpha=0.3)
    flat[0].legend(fontsize=8)
    band = "95% interval" if sweep.kind == "dataset" else "min-max over sources"
    figure.suptitle(title or f"{sweep.input} ({band} shaded)", fontsize=11)
    figure.tight_layout()
    figure.savefig(path, dpi=110)
    plt.close(figure)


_BARS = " ▁▂▃▄▅▆▇█"


def terminal_chart(sweep: Sweep):
    """A rich table per metric: systems by lengths, each value with a bar."""
    from rich.console import Group
    from rich.table import Table

    tables = []
    for metric in sweep.metrics:
        values = [p.value for p in sweep.points if p.metric == metric]
        top = max(values) or 1.0
        table = Table(title=f"{metric} ({'share covered' if metric == 'coverage' else sweep.measure})",
                      title_justify="left")
        table.add_column("system")
        for words in sweep.lengths:
            table.add_column(f"{words} w", justify="right")
        for system in sweep.systems:
            cells = []
            for words in sweep.lengths:
                point = next(p for p in sweep.points if p.system == system and p.words == words and p.metric == metric)
                bar = _BARS[min(len(_BARS) - 1, int(round(point.value / top * (len(_BARS) - 1))))]
                cells.append(f"{point.value:.4f} {bar}")
            table.add_row(system, *cells)
        tables.append(table)
    return Group(*tables)


def sweep_rows(sweep: Sweep) -> list[dict]:
    return [
        {"system": p.system, "words": p.words, "metric": p.metric, "value": p.value, "low": p.low, "high": p.high}
        for p in sweep.points
    ]
