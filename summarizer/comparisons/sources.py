"""A summary against each of its source articles, and against references.

Scoring a digest against every source it came from tells a user how much of
each article the digest carries; the mean, min and max rows summarise it.
Sources are cleaned and split into sentences by the summarizer's own
cleaning and segmentation, the same text the digest was made from, which is
why this lives here and not in `summarizer.evaluation` (a metric must not
know how a summary was made).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..documents import Document
from ..evaluation import PairResult, RougeSettings, Score, Scorer


@dataclass(frozen=True)
class SourceReport:
    settings: RougeSettings
    references: PairResult | None
    sources: tuple[tuple[str, PairResult], ...]
    reference_count: int = 0

    @property
    def signature(self) -> str:
        return self.settings.signature()

    @property
    def metrics(self) -> list[str]:
        return [m.name for m in self.settings.parsed_metrics]

    def summary_rows(self) -> dict[str, dict[str, Score]]:
        """mean, min and max over the sources, per metric (min/max per column)."""
        if not self.sources:
            return {}
        rows: dict[str, dict[str, Score]] = {"mean": {}, "min": {}, "max": {}}
        for metric in self.metrics:
            columns = [
                [r.scores[metric].recall, r.scores[metric].precision, r.scores[metric].f] for _, r in self.sources
            ]
            by_column = list(zip(*columns))
            rows["mean"][metric] = Score(*(sum(c) / len(c) for c in by_column))
            rows["min"][metric] = Score(*(min(c) for c in by_column))
            rows["max"][metric] = Score(*(max(c) for c in by_column))
        return rows

    def rows(self) -> list[tuple[str, dict[str, Score]]]:
        """(label, scores) in display order: references, each source, then mean/min/max."""
        rows: list[tuple[str, dict[str, Score]]] = []
        if self.references is not None:
            rows.append((f"references ({self.reference_count})", self.references.scores))
        rows += [(f"source {i}", p.scores) for i, p in self.sources]
        rows += list(self.summary_rows().items())
        return rows

    def notes(self) -> list[str]:
        notes = []
        if self.references is not None:
            notes += [f"references: {n}" for n in self.references.notes]
        for source_id, pair in self.sources:
            notes += [f"source {source_id}: {n}" for n in pair.notes]
        return list(dict.fromkeys(notes))

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `summarizer eval --summary ... --format json`."""
        metrics = self.metrics
        return {
            "signature": self.signature,
            "references": (
                {m: self.references.scores[m].as_dict() for m in metrics} if self.references is not None else None
            ),
            "sources": [{"id": i, "scores": {m: p.scores[m].as_dict() for m in metrics}} for i, p in self.sources],
            "sources_summary": {name: {m: s[m].as_dict() for m in metrics} for name, s in self.summary_rows().items()},
            "notes": self.notes(),
        }


def document_sentences(document: Document) -> list[str]:
    """A source article as the digest saw it: cleaned, one sentence per item."""
    # Scoring against references alone never loads the cleaning and sentence models.
    from ..core.clean import clean
    from ..core.segment import split_document

    return [sentence for _, sentence in split_document(clean(document).paragraphs)]


def score_against_sources(
    summary: str | Sequence[str],
    *,
    sources: Sequence[Document] = (),
    references: Sequence[str | Sequence[str]] = (),
    settings: RougeSettings | None = None,
) -> SourceReport:
    """Scores of one summary against its references (together) and each source (alone)."""
    scorer = Scorer(settings or RougeSettings())
    against_references = scorer.score(summary, list(references)) if references else None
    per_source = tuple((doc.id, scorer.score(summary, [document_sentences(doc)])) for doc in sources)
    return SourceReport(scorer.settings, against_references, per_source, len(references))
