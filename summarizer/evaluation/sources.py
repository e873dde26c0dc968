"""A summary against each of its source articles (and against references).

Scoring a digest against every source it came from tells a user how much of
each article the digest carries; the mean, min and max rows summarise it.
Sources are cleaned and split into sentences by the summarizer's own
cleaning and segmentation, the same text the digest was made from.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

from ..clean import clean
from ..documents import Document
from ..segment import split_document
from .rouge import PairResult, RougeSettings, Score, Scorer


@dataclass(frozen=True)
class SourceReport:
    settings: RougeSettings
    references: PairResult | None
    sources: tuple[tuple[str, PairResult], ...]

    def summary_rows(self) -> dict[str, dict[str, Score]]:
        """mean, min and max over the sources, per metric (min/max per column)."""
        if not self.sources:
            return {}
        metrics = list(self.sources[0][1].scores)
        rows: dict[str, dict[str, Score]] = {"mean": {}, "min": {}, "max": {}}
        for metric in metrics:
            columns = [[r.scores[metric].recall, r.scores[metric].precision, r.scores[metric].f]
                       for _, r in self.sources]
            by_column = list(zip(*columns))
            rows["mean"][metric] = Score(*(sum(c) / len(c) for c in by_column))
            rows["min"][metric] = Score(*(min(c) for c in by_column))
            rows["max"][metric] = Score(*(max(c) for c in by_column))
        return rows


def document_sentences(document: Document) -> list[str]:
    """A source article as the digest saw it: cleaned, one sentence per item."""
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
    return SourceReport(scorer.settings, against_references, per_source)
