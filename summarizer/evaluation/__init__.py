"""ROUGE evaluation: ROUGE-1.5.5-exact and rouge-score-exact modes.

This package never imports the summarizer's cleaning, ranking or selection
code: a metric must not know who made the summary. It shares only the text
utilities (`summarizer.text`: the Unicode tokenizer, stemmers, stop words)
and the data files of `summarizer.resources`.

    >>> from summarizer.evaluation import RougeSettings, Scorer
    >>> scorer = Scorer(RougeSettings(compat="rouge155", stem=True))
    >>> scorer.score("the cat sat.", ["a cat sat down."]).scores["rouge-1"].recall
"""

from .aggregate import Aggregate, Interval, aggregate, drand48_indices
from .corpus import CorpusResult, Item, PairedCorpus, compare_corpora, corpus_from_results, evaluate_corpus
from .perlflags import settings_from_perl_flags
from .rouge import Metric, PairResult, RougeSettings, Score, Scorer, parse_metric, score

evaluate = score  # the package's public name: summarizer.evaluate(summary, references, **settings)

__all__ = [
    "Aggregate",
    "CorpusResult",
    "Interval",
    "Item",
    "Metric",
    "PairResult",
    "PairedCorpus",
    "RougeSettings",
    "Score",
    "Scorer",
    "aggregate",
    "compare_corpora",
    "corpus_from_results",
    "drand48_indices",
    "evaluate",
    "evaluate_corpus",
    "parse_metric",
    "score",
    "settings_from_perl_flags",
]
