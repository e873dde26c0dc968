"""Checks of option values the library shares (the command line checks its arguments in summarizer.cli.arguments)."""

from __future__ import annotations

import datetime

from .errors import OptionsError

__all__ = ["FIRST_YEAR", "LAST_YEAR", "check_count", "check_day"]


FIRST_YEAR, LAST_YEAR = 1900, 9999  # a day outside these years is a typo (and leaves no room for date arithmetic)


def check_day(day: str, what: str = "date") -> str:
    """The day as YYYY-MM-DD, or OptionsError."""
    try:
        value = datetime.date.fromisoformat(day)
    except (TypeError, ValueError):
        value = None
    if value is None or not FIRST_YEAR <= value.year <= LAST_YEAR:
        raise OptionsError(f"{what} must be a day as YYYY-MM-DD in the years {FIRST_YEAR}-{LAST_YEAR}, not {day!r}")
    return value.isoformat()


def check_count(name: str, value: object, *, minimum: int = 1) -> None:
    """Raise OptionsError unless value is None or a whole number of at least `minimum`."""
    if value is not None and (isinstance(value, bool) or not isinstance(value, int) or value < minimum):
        raise OptionsError(f"{name.replace('_', ' ')} must be a whole number of at least {minimum}, not {value!r}")
