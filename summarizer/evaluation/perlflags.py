"""ROUGE-1.5.5 command-line flags to RougeSettings, and metric names back.

Lets a user who knows the Perl's options say `--perl-flags "-n 2 -m -2 4 -u"`
and get exactly that run.
"""

from __future__ import annotations

import shlex
from dataclasses import replace
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


def settings_from_perl_flags(flags: str, **overrides: Any) -> RougeSettings:
    """RougeSettings (rouge155 mode) for a ROUGE-1.5.5 flag string such as '-n 2 -m -2 4 -u -f A'."""
    try:
        words = shlex.split(flags)
    except ValueError as error:
        raise OptionsError(f"ROUGE-1.5.5 flags {flags!r} cannot be read: {error}") from None
    n = 0
    stem = stopwords = False
    skip: int | None = None
    su = s_and_su = False
    no_lcs = False
    weight: float | None = None
    policy = "pooled"
    alpha = 0.5
    max_words = max_bytes = None
    confidence, resamples = 95.0, 1000
    i = 0

    def value() -> str:
        nonlocal i
        i += 1
        if i >= len(words):
            raise OptionsError(f"ROUGE-1.5.5 flag {words[i - 1]} needs a value")
        return words[i]

    def number(kind: type[int] | type[float]) -> Any:
        flag, text = words[i], value()
        try:
            return kind(text)
        except ValueError:
            raise OptionsError(f"ROUGE-1.5.5 flag {flag} takes {_FLAG_MEANINGS[flag]}, not {text!r}") from None

    while i < len(words):
        flag = words[i]
        if flag == "-n":
            n = number(int)
        elif flag == "-m":
            stem = True
        elif flag == "-s":
            stopwords = True
        elif flag == "-2":
            skip = number(int)
        elif flag == "-u":
            su = True
        elif flag == "-U":
            s_and_su = True
        elif flag == "-x":
            no_lcs = True
        elif flag == "-w":
            weight = number(float)
        elif flag == "-f":
            choice = value()
            if choice.upper() not in ("A", "B"):
                raise OptionsError(f"ROUGE-1.5.5 flag -f takes A (pool the references) or B (best one), not {choice!r}")
            policy = "pooled" if choice.upper() == "A" else "best"
        elif flag == "-p":
            alpha = number(float)
        elif flag == "-l":
            max_words = number(int)
        elif flag == "-b":
            max_bytes = number(int)
        elif flag == "-c":
            confidence = number(float)
        elif flag == "-r":
            resamples = number(int)
        elif flag in ("-t", "-e", "-z"):
            value()  # averaging is per summary (-t 0); data dir and input format do not apply
        elif flag in ("-a", "-d", "-v", "-M", "-h", "-H"):
            pass
        else:
            raise OptionsError(f"ROUGE-1.5.5 flag {flag} is not supported")
        i += 1
    metrics = [f"rouge-{k}" for k in range(1, n + 1)]
    if not no_lcs:
        metrics.append("rouge-l")
    if weight is not None:
        metrics.append(f"rouge-w-{weight:g}")
    if skip is not None:
        name = "*" if skip < 0 else str(skip)
        if s_and_su:
            metrics += [f"rouge-s{name}", f"rouge-su{name}"]
        elif su:
            metrics.append(f"rouge-su{name}")
        else:
            metrics.append(f"rouge-s{name}")
    # ROUGE-1.5.5: -l wins over -b when both are given.
    if max_words:
        max_bytes = None
    settings = RougeSettings(
        compat="rouge155",
        metrics=tuple(metrics),
        stem=stem,
        stopwords=stopwords,
        max_words=max_words,
        max_bytes=max_bytes,
        multi_ref=policy,
        alpha=alpha,
        weight=weight or 1.2,
        confidence=confidence,
        resamples=resamples,
    )
    if overrides:
        settings = replace(settings, **overrides)
    return settings


def perl_metric_name(name: str) -> str:
    """Our canonical metric name as ROUGE-1.5.5 prints it: rouge-su4 -> ROUGE-SU4."""
    if name == "rouge-l":
        return "ROUGE-L"
    if name.startswith("rouge-w-"):
        return "ROUGE-W-" + name[len("rouge-w-") :]
    return name.upper()
