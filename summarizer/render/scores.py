"""ROUGE results as rich tables, Markdown, CSV and JSON, always with the signature."""

from __future__ import annotations

import csv
import io
import json
from typing import Any, Mapping, Sequence

from ..evaluation.rouge import Score

Rows = Sequence[tuple[str, Mapping[str, Score]]]


def _cell(value: float) -> str:
    return f"{value:.5f}"


def rows_to_markdown(rows: Rows, metrics: Sequence[str], *, signature: str, command: str | None = None,
                     label: str = "target") -> str:
    header = [label] + [f"{m} {k}" for m in metrics for k in ("R", "P", "F")]
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    for name, scores in rows:
        cells = [_cell(getattr(scores[m], k)) for m in metrics for k in ("recall", "precision", "f")]
        lines.append("| " + " | ".join([name, *cells]) + " |")
    lines += ["", f"signature: `{signature}`"]
    if command:
        lines.append(f"command: `{command}`")
    return "\n".join(lines) + "\n"


def rows_to_csv(rows: Rows, metrics: Sequence[str], *, signature: str, label: str = "target") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([label, "metric", "recall", "precision", "f", "signature"])
    for name, scores in rows:
        for metric in metrics:
            s = scores[metric]
            writer.writerow([name, metric, _cell(s.recall), _cell(s.precision), _cell(s.f), signature])
    return out.getvalue()


def rows_to_table(rows: Rows, metrics: Sequence[str], *, signature: str, title: str | None = None,
                  label: str = "target"):
    """A rich Table in long form (one line per target and metric), so it fits any terminal."""
    from rich.table import Table

    table = Table(title=title, caption=signature, caption_justify="left")
    table.add_column(label, style="bold", overflow="fold")
    table.add_column("metric")
    for k in ("recall", "precision", "F"):
        table.add_column(k, justify="right")
    for name, scores in rows:
        for position, metric in enumerate(metrics):
            s = scores[metric]
            table.add_row(name if position == 0 else "", metric, _cell(s.recall), _cell(s.precision), _cell(s.f),
                          end_section=position == len(metrics) - 1)
    return table


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
