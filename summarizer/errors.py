"""The errors the library raises on purpose, each with a one-line message.

The command line maps them to exit codes (see `summarizer.cli`): a usage
problem (an invalid option, a path that does not exist) is 2, input with
nothing usable in it is 1. Anything else is a bug. Messages never mention
command-line flags: the API raises them too.
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of every error the library raises on purpose."""


class OptionsError(SummarizerError, ValueError):
    """An option value the library cannot work with (a usage problem)."""


class InputError(SummarizerError):
    """Input that cannot be used; the message names the file and the problem."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class InputNotFound(InputError):
    """A path that does not exist or a pattern that matches nothing (a usage problem)."""


class SettingsFileError(InputError):
    """A file of settings the user gave (a feed list, a label file) that cannot be used: a usage problem,
    found before any work; the message names the file and, where it can, the line."""


class OutputError(SummarizerError):
    """An output path that cannot be written (a usage problem, found before any work)."""

    def __init__(self, where: str, problem: str):
        super().__init__(f"{where}: {problem}")
        self.where = where
        self.problem = problem


class NothingToSummarize(SummarizerError, ValueError):
    """The input has no sentences left after cleaning."""


class NothingNew(NothingToSummarize):
    """Every sentence of the input restates one the reader has already seen (an update digest)."""


class ModelError(SummarizerError, ValueError):
    """The optional neural backend cannot run; the message says why."""
