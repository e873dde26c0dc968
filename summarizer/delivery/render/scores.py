"""Rows of ROUGE scores as Markdown, CSV or a terminal table; shared by the rouge and sources renderers."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from ...evaluation import Score
from .common import csv_text

Rows = Sequence[tuple[str, Mapping[str, Score]]]


def _cell(value: float) -> str:
    return f"{value:.5f}"


def rows_to_markdown(rows: Rows, metrics: Sequence[str], *, signature: str, label: str = "target") -> str:
    header = [label] + [f"{m} {k}" for m in metrics for k in ("R", "P", "F")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, scores in rows:
        cells = [_cell(getattr(scores[m], k)) for m in metrics for k in ("recall", "precision", "f")]
        lines.append("| " + " | ".join([name, *cells]) + " |")
    lines += ["", f"signature: `{signature}`"]
    return "\n".join(lines) + "\n"


def rows_to_csv(rows: Rows, metrics: Sequence[str], *, signature: str, label: str = "target") -> str:
    return csv_text(
        [label, "metric", "recall", "precision", "f", "signature"],
        (
            [
                name,
                metric,
                _cell(scores[metric].recall),
                _cell(scores[metric].precision),
                _cell(scores[metric].f),
                signature,
            ]
            for name, scores in rows
            for metric in metrics
        ),
    )


def rows_to_rich(rows: Rows, metrics: Sequence[str], *, signature: str, label: str = "target") -> Any:
    """A table in long form (one line per target and metric), so it fits any terminal; the signature
    follows whole on one line."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table()
    table.add_column(label, style="bold", overflow="fold")
    table.add_column("metric")
    for k in ("recall", "precision", "F"):
        table.add_column(k, justify="right")
    for name, scores in rows:
        for position, metric in enumerate(metrics):
            s = scores[metric]
            table.add_row(
                name if position == 0 else "",
                metric,
                _cell(s.recall),
                _cell(s.precision),
                _cell(s.f),
                end_section=position == len(metrics) - 1,
            )
    return Group(table, Text(f"signature: {signature}", no_wrap=True, overflow="ignore"))
