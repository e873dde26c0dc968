"""summarizer: one digest from several news articles about the same event.

    >>> from summarizer import summarize
    >>> digest = summarize([text_a, text_b, text_c], words=120)
    >>> for sentence in digest.sentences:
    ...     print(sentence.text, sentence.document, sentence.also_reported_by)

The names below are loaded on first use, so that importing one part of the
package (the evaluation, say) never loads the whole pipeline.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from .version import __version__

_PUBLIC = {
    "summarize": "summarizer.digest",
    "daily": "summarizer.stories",
    "group_articles": "summarizer.stories",
    "GroupingOptions": "summarizer.stories",
    "remembered_daily": "summarizer.stories.memory",
    "Archive": "summarizer.archive",
    "extract": "summarizer.core.extract",
    "evaluate": "summarizer.evaluation",
    "Digest": "summarizer.core.result",
    "Document": "summarizer.documents",
    "DocumentInfo": "summarizer.documents",
    "Removal": "summarizer.documents",
    "Sentence": "summarizer.documents",
    "Budget": "summarizer.documents",
    "DigestOptions": "summarizer.core.options",
    "load_paths": "summarizer.sources.ingest",
    "SummarizerError": "summarizer.errors",
    "InputError": "summarizer.errors",
    "InputNotFound": "summarizer.errors",
    "OptionsError": "summarizer.errors",
    "OutputError": "summarizer.errors",
    "NothingToSummarize": "summarizer.errors",
    "NothingNew": "summarizer.errors",
    "ModelError": "summarizer.errors",
}

__all__ = ["__version__", *sorted(_PUBLIC)]

if TYPE_CHECKING:
    from .archive import Archive as Archive
    from .core.extract import extract as extract
    from .core.options import DigestOptions as DigestOptions
    from .core.result import Digest as Digest
    from .digest import summarize as summarize
    from .documents import Budget as Budget
    from .documents import Document as Document
    from .documents import DocumentInfo as DocumentInfo
    from .documents import Removal as Removal
    from .documents import Sentence as Sentence
    from .errors import InputError as InputError
    from .errors import InputNotFound as InputNotFound
    from .errors import ModelError as ModelError
    from .errors import NothingNew as NothingNew
    from .errors import NothingToSummarize as NothingToSummarize
    from .errors import OptionsError as OptionsError
    from .errors import OutputError as OutputError
    from .errors import SummarizerError as SummarizerError
    from .evaluation import evaluate as evaluate
    from .sources.ingest import load_paths as load_paths
    from .stories import GroupingOptions as GroupingOptions
    from .stories import group_articles as group_articles
    from .stories.daily import daily as daily
    from .stories.memory import remembered_daily as remembered_daily


def __getattr__(name: str) -> Any:
    module = _PUBLIC.get(name)
    if module is None:
        raise AttributeError(f"module 'summarizer' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
