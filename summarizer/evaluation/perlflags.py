"""ROUGE-1.5.5 command-line flags to RougeSettings, and metric names back.

Lets a user who knows the Perl's options say `--perl-flags "-n 2 -m -2 4 -u"`
and get exactly that run.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass, replace
from typing import Any

from ..errors import OptionsError
from .rouge import RougeSettings

_FLAG_MEANINGS = {
    "-n": "the largest n-gram size, a whole number",
    "-2": "the skip distance, a whole number (-1 for no limit)",
    "-w": "the ROUGE-W weight, a number above 1",
    "-p": "alpha, a number between 0 and 1",
    "-l": "the word limit, a whole number",
    "-b": "the byte limit, a whole number",
    "-c": "the confidence level in percent, a number",
    "-r": "the number of bootstrap resamples, a whole number",
}


@dataclass
class _Flags:
    """What a ROUGE-1.5.5 flag string asks for (the Perl's defaults where it says nothing)."""

    n: int = 0
    stem: bool = False
    stopwords: bool = False
    skip: int | None = None
    su: bool = False
    s_and_su: bool = False
    no_lcs: bool = False
    weight: float | None = None
    policy: str = "pooled"
    alpha: float = 0.5
    max_words: int | None = None
    max_bytes: int | None = None
    confidence: float = 95.0
    resamples: int = 1000


_SWITCHES = {"-m": "stem", "-s": "stopwords", "-u": "su", "-U": "s_and_su", "-x": "no_lcs"}
_VALUES: dict[str, tuple[str, type[int] | type[float]]] = {
    "-n": ("n", int), "-2": ("skip", int), "-w": ("weight", float), "-p": ("alpha", float), "-l": ("max_words", int),
    "-b": ("max_bytes", int), "-c": ("confidence", float), "-r": ("resamples", int),
}  # fmt: skip
_IGNORED_WITH_VALUE = ("-t", "-e", "-z")  # averaging is per summary (-t 0); data dir and input format do not apply
_IGNORED = ("-a", "-d", "-v", "-M", "-h", "-H")


def _parse(words: list[str]) -> _Flags:
    flags = _Flags()
    i = 0
    while i < len(words):
        flag = words[i]
        takes_value = flag in _VALUES or flag in _IGNORED_WITH_VALUE or flag == "-f"
        if takes_value and i + 1 >= len(words):
            raise OptionsError(f"ROUGE-1.5.5 flag {flag} needs a value")
        if flag in _SWITCHES:
            setattr(flags, _SWITCHES[flag], True)
        elif flag in _VALUES:
            name, kind = _VALUES[flag]
            try:
                setattr(flags, name, kind(words[i + 1]))
            except ValueError:
                raise OptionsError(
                    f"ROUGE-1.5.5 flag {flag} takes {_FLAG_MEANINGS[flag]}, not {words[i + 1]!r}"
                ) from None
        elif flag == "-f":
            choice = words[i + 1]
            if choice.upper() not in ("A", "B"):
                raise OptionsError(f"ROUGE-1.5.5 flag -f takes A (pool the references) or B (best one), not {choice!r}")
            flags.policy = "pooled" if choice.upper() == "A" else "best"
        elif flag not in _IGNORED_WITH_VALUE and flag not in _IGNORED:
            raise OptionsError(f"ROUGE-1.5.5 flag {flag} is not supported")
        i += 2 if takes_value else 1
    return flags


def _metrics(flags: _Flags) -> tuple[str, ...]:
    metrics = [f"rouge-{k}" for k in range(1, flags.n + 1)]
    if not flags.no_lcs:
        metrics.append("rouge-l")
    if flags.weight is not None:
        metrics.append(f"rouge-w-{flags.weight:g}")
    if flags.skip is not None:
        name = "*" if flags.skip < 0 else str(flags.skip)
        if flags.s_and_su:
            metrics += [f"rouge-s{name}", f"rouge-su{name}"]
        elif flags.su:
            metrics.append(f"rouge-su{name}")
        else:
            metrics.append(f"rouge-s{name}")
    return tuple(metrics)


def settings_from_perl_flags(flags: str, **overrides: Any) -> RougeSettings:
    """RougeSettings (rouge155 mode) for a ROUGE-1.5.5 flag string such as '-n 2 -m -2 4 -u -f A'."""
    try:
        words = shlex.split(flags)
    except ValueError as error:
        raise OptionsError(f"ROUGE-1.5.5 flags {flags!r} cannot be read: {error}") from None
    parsed = _parse(words)
    settings = RougeSettings(
        compat="rouge155",
        metrics=_metrics(parsed),
        stem=parsed.stem,
        stopwords=parsed.stopwords,
        max_words=parsed.max_words,
        max_bytes=None if parsed.max_words else parsed.max_bytes,  # ROUGE-1.5.5: -l wins over -b
        multi_ref=parsed.policy,
        alpha=parsed.alpha,
        weight=parsed.weight or 1.2,
        confidence=parsed.confidence,
        resamples=parsed.resamples,
    )
    return replace(settings, **overrides) if overrides else settings


def perl_metric_name(name: str) -> str:
    """Our canonical metric name as ROUGE-1.5.5 prints it: rouge-su4 -> ROUGE-SU4."""
    if name == "rouge-l":
        return "ROUGE-L"
    if name.startswith("rouge-w-"):
        return "ROUGE-W-" + name[len("rouge-w-") :]
    return name.upper()
