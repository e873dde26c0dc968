"""Sources: everything that turns bytes or URLs into Documents.

decoding.py       bytes to text, in one order everywhere
ingest.py         files, directories, globs and stdin in every format (text, Markdown, HTML, JSON, JSONL, feeds)
feeds.py          the entries of an RSS or Atom feed
web.py            HTTP with deadlines, redirects, robots.txt and size limits
fetch.py          feeds and the pages they link to, politely, into the archive
feedlist.py       feed lists (TOML, OPML, one URL a line) and their per-feed rules
summary_files.py  summaries and references for the evaluation
"""
