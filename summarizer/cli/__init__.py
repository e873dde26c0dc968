"""The command line: arguments and commands only; every decision lives in the library.

program.py    main(): the parser, one line per error, the exit codes
arguments.py  every command's options and their checks
support.py    what the commands share: reading articles, checking outputs first, writing a result
archive.py    fetch and archive (view, check, recover, prune)
delivery.py   the site and the mail of the morning run, and `summarizer site`
"""

from .program import main

__all__ = ["main"]
