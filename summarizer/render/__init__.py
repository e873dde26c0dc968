"""One renderer per result type, each a module with FORMATS and render(result, fmt).

    digest       a Digest (summarizer digest)
    daily        a DailyDigest (summarizer daily)
    comparison   a Comparison (summarizer compare)
    lengths      a Sweep (summarizer lengths), with its PNG plot
    rouge        a CorpusResult (summarizer eval --pairs)
    sources      a SourceReport (summarizer eval --summary)

`render` returns text for a file or a pipe; where a format has a terminal
view, `rich_view` returns it (rich is imported only then).
"""
