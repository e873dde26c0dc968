"""How extractive, how long and how repetitive a summary is, against its sources.

Defined as in the papers, on lowercased word tokens (the Unicode tokenizer of summarizer.text):

- compression: the sources' words over the summary's (Grusky et al. 2018, Newsroom);
- extractive fragments (Newsroom): reading the summary left to right, the longest run of tokens that
  also runs, in that order, in one source; a token no source has is skipped. Coverage is the share of
  the summary's tokens inside a fragment, sum |f| / |S|; density the mean length of the fragment each
  token belongs to, sum |f|^2 / |S|;
- novel n-grams (n = 1 to 4): the share of the summary's distinct n-grams found in no source (n-grams
  within a sentence: the summary is read one sentence a line);
- redundancy: the share of the summary's bigrams that repeat one earlier in it, 1 - distinct / all.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, fields

from ..text import tokenize

__all__ = ["SummaryStatistics", "extractive_fragments", "mean_statistics", "summary_statistics"]


@dataclass(frozen=True)
class SummaryStatistics:
    words: float
    compression: float
    coverage: float
    density: float
    novel_1: float
    novel_2: float
    novel_3: float
    novel_4: float
    redundancy: float

    def to_dict(self) -> dict[str, float]:
        return {k: round(v, 6) for k, v in asdict(self).items()}


def extractive_fragments(summary: Sequence[str], sources: Sequence[Sequence[str]]) -> list[list[str]]:
    """Newsroom's greedy fragments of `summary` (tokens) in `sources` (each a token sequence)."""
    positions: dict[str, list[tuple[int, int]]] = {}
    for s, source in enumerate(sources):
        for j, token in enumerate(source):
            positions.setdefault(token, []).append((s, j))
    fragments, i = [], 0
    while i < len(summary):
        best = 0
        for s, j in positions.get(summary[i], ()):
            source, length = sources[s], 0
            while i + length < len(summary) and j + length < len(source) and summary[i + length] == source[j + length]:
                length += 1
            best = max(best, length)
        if best:
            fragments.append(list(summary[i : i + best]))
            i += best
        else:
            i += 1
    return fragments


def _ngrams(sentences: Sequence[Sequence[str]], n: int) -> set[tuple[str, ...]]:
    return {tuple(tokens[k : k + n]) for tokens in sentences for k in range(len(tokens) - n + 1)}


def summary_statistics(summary: Sequence[str], sources: Sequence[str]) -> SummaryStatistics:
    """The statistics of one summary (its sentences) against its source texts."""
    sentences = [tokenize(s) for s in summary]
    tokens = [t for s in sentences for t in s]
    source_tokens = [tokenize(text) for text in sources]
    fragments = extractive_fragments(tokens, source_tokens)
    size = max(len(tokens), 1)
    novel = []
    for n in range(1, 5):
        mine = _ngrams(sentences, n)
        novel.append(len(mine - _ngrams(source_tokens, n)) / len(mine) if mine else 0.0)
    bigrams = [tuple(s[k : k + 2]) for s in sentences for k in range(len(s) - 1)]
    return SummaryStatistics(
        words=float(sum(len(s.split()) for s in summary)),
        compression=sum(len(t) for t in source_tokens) / size,
        coverage=sum(len(f) for f in fragments) / size,
        density=sum(len(f) ** 2 for f in fragments) / size,
        novel_1=novel[0],
        novel_2=novel[1],
        novel_3=novel[2],
        novel_4=novel[3],
        redundancy=1.0 - len(set(bigrams)) / len(bigrams) if bigrams else 0.0,
    )


def mean_statistics(items: Sequence[SummaryStatistics]) -> SummaryStatistics:
    """The mean of each statistic over several summaries (a system's over the clusters)."""
    if not items:
        return SummaryStatistics(*(0.0 for _ in fields(SummaryStatistics)))
    return SummaryStatistics(*(sum(getattr(s, f.name) for s in items) / len(items) for f in fields(SummaryStatistics)))
