"""summarizer: one digest from several news articles about the same event.

    >>> from summarizer import summarize
    >>> digest = summarize([text_a, text_b, text_c], words=120)
    >>> for sentence in digest.sentences:
    ...     print(sentence.text, sentence.document, sentence.also_reported_by)
"""

__version__ = "0.1.0"

from .documents import Digest, DigestOptions, Document, DocumentInfo, Removal, Sentence  # noqa: E402
from .digest import NothingToSummarize, summarize  # noqa: E402
from .ingest import InputError, load_paths  # noqa: E402

__all__ = [
    "Digest",
    "DigestOptions",
    "Document",
    "DocumentInfo",
    "InputError",
    "NothingToSummarize",
    "Removal",
    "Sentence",
    "load_paths",
    "summarize",
]
