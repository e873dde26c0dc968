"""One renderer per result type, each a module with FORMATS and render(result, fmt).

    digest       a Digest (summarizer digest)
    daily        a DailyDigest (summarizer daily)
    comparison   a Comparison (summarizer compare)
    lengths      a Sweep (summarizer lengths), with its PNG plot
    rouge        a CorpusResult (summarizer eval --pairs)
    sources      a SourceReport (summarizer eval --summary)
    extraction   an Extraction (summarizer extract)
    archive      an ArchiveView (summarizer archive)
    fetch        a FetchReport (summarizer fetch)
    site         a SiteReport (summarizer site), and the site's pages and Atom feed

`render` returns text for a file or a pipe; where a format has a terminal
view, `rich_view` returns it (rich is imported only then).
"""

from __future__ import annotations

from importlib import import_module
from types import ModuleType
from typing import Any

# Result type name -> the module that renders it (imported on first use).
RENDERERS = {
    "Digest": "digest",
    "DailyDigest": "daily",
    "Comparison": "comparison",
    "Sweep": "lengths",
    "CorpusResult": "rouge",
    "PairedCorpus": "rouge",
    "SourceReport": "sources",
    "Extraction": "extraction",
    "ArchiveView": "archive",
    "FetchReport": "fetch",
    "SiteReport": "site",
}


def renderer_for(result: Any) -> ModuleType:
    """The render module of a result: FORMATS, render(result, fmt) and, for terminals, rich_view(result)."""
    return import_module(f"{__name__}.{RENDERERS[type(result).__name__]}")
