"""Comparison tooling: benchmark clusters, named systems, system comparisons, length sweeps,
and scores of a summary against its sources.

    datasets   the cluster layout of ../shared/data and each set's standard ROUGE settings
    systems    SYSTEMS: every named summarizer behind one interface
    compare    every system on every cluster, scored (`summarizer compare`)
    lengths    ROUGE by summary length (`summarizer lengths`)
    sources    a summary against each source article and the references (`summarizer eval --source`)
"""

from .compare import Comparison, compare, compare_dataset, rouge_settings
from .datasets import STANDARD_SETTINGS, Cluster, StandardSettings, load_dataset, standard_settings
from .systems import SYSTEMS, OfflineSumyTokenizer, get_system

__all__ = [
    "STANDARD_SETTINGS",
    "SYSTEMS",
    "Cluster",
    "Comparison",
    "OfflineSumyTokenizer",
    "StandardSettings",
    "compare",
    "compare_dataset",
    "get_system",
    "load_dataset",
    "rouge_settings",
    "standard_settings",
]
