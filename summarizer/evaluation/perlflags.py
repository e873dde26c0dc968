"""ROUGE-1.5.5 command-line flags to RougeSettings, and metric names back.

Lets a user who knows the Perl's options say `--perl-flags "-n 2 -m -2 4 -u"`
and get exactly that run.
"""

from __future__ import annotations

import shlex

from .rouge import RougeSettings


def settings_from_perl_flags(flags: str, **overrides) -> RougeSettings:
    """RougeSettings (rouge155 mode) for a ROUGE-1.5.5 flag string such as '-n 2 -m -2 4 -u -f A'."""
    words = shlex.split(flags)
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
            raise ValueError(f"ROUGE-1.5.5 flag {words[i - 1]} needs a value")
        return words[i]

    while i < len(words):
        flag = words[i]
        if flag == "-n":
            n = int(value())
        elif flag == "-m":
            stem = True
        elif flag == "-s":
            stopwords = True
        elif flag == "-2":
            skip = int(value())
        elif flag == "-u":
            su = True
        elif flag == "-U":
            s_and_su = True
        elif flag == "-x":
            no_lcs = True
        elif flag == "-w":
            weight = float(value())
        elif flag == "-f":
            policy = {"A": "pooled", "B": "best"}[value().upper()]
        elif flag == "-p":
            alpha = float(value())
        elif flag == "-l":
            max_words = int(value())
        elif flag == "-b":
            max_bytes = int(value())
        elif flag == "-c":
            confidence = float(value())
        elif flag == "-r":
            resamples = int(value())
        elif flag in ("-t", "-e", "-z"):
            value()  # averaging is per summary (-t 0); data dir and input format do not apply
        elif flag in ("-a", "-d", "-v", "-M", "-h", "-H"):
            pass
        else:
            raise ValueError(f"ROUGE-1.5.5 flag {flag} is not supported")
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
        compat="rouge155", metrics=tuple(metrics), stem=stem, stopwords=stopwords, max_words=max_words,
        max_bytes=max_bytes, multi_ref=policy, alpha=alpha, weight=weight or 1.2, confidence=confidence,
        resamples=resamples,
    )
    if overrides:
        from dataclasses import replace

        settings = replace(settings, **overrides)
    return settings


def perl_metric_name(name: str) -> str:
    """Our canonical metric name as ROUGE-1.5.5 prints it: rouge-su4 -> ROUGE-SU4."""
    if name == "rouge-l":
        return "ROUGE-L"
    if name.startswith("rouge-w-"):
        return "ROUGE-W-" + name[len("rouge-w-"):]
    return name.upper()
