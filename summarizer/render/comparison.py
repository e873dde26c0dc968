"""A system comparison as a rich table, Markdown, JSON or CSV, stamped with its settings."""

from __future__ import annotations

import csv
import io
import json

from ..compare import Comparison, comparison_rows


def _budget(comparison: Comparison) -> str:
    b = comparison.budget
    return f"{b.words} words" if b.words else f"{b.sentences} sentences"


def _ci(row: dict) -> str:
    if row["ci_low"] is None:
        return ""
    return f"[{row['ci_low']:.4f}, {row['ci_high']:.4f}]"


def render_comparison(comparison: Comparison, fmt: str, *, command: str):
    """(text, None) for files and plain formats, or (markdown text, rich renderable) for the terminal."""
    rows = comparison_rows(comparison)
    clusters = len(comparison.systems[0].runs) if comparison.systems else 0
    heading = f"{comparison.dataset}: {clusters} clusters, {_budget(comparison)}, reported measure: {comparison.measure}"
    if fmt == "json":
        data = {
            "dataset": comparison.dataset,
            "clusters": clusters,
            "budget": {"words": comparison.budget.words, "sentences": comparison.budget.sentences},
            "signature": comparison.signature,
            "command": command,
            "measure": comparison.measure,
            "rows": rows,
        }
        return json.dumps(data, indent=2) + "\n", None
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(["system", "metric", "recall", "precision", "f", "measure", "ci_low", "ci_high",
                         "seconds_per_cluster", "signature", "command"])
        for r in rows:
            writer.writerow([r["system"], r["metric"], f"{r['recall']:.5f}", f"{r['precision']:.5f}", f"{r['f']:.5f}",
                             r["measure"], r["ci_low"], r["ci_high"], f"{r['seconds_per_cluster']:.3f}",
                             comparison.signature, command])
        return out.getvalue(), None
    lines = [f"### {heading}", "", "| system | metric | recall | precision | F | 95% CI ("
             f"{comparison.measure}) | s/cluster |", "|---|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['system']} | {r['metric']} | {r['recall']:.4f} | {r['precision']:.4f} | {r['f']:.4f} | "
                     f"{_ci(r)} | {r['seconds_per_cluster']:.3f} |")
    lines += ["", f"signature: `{comparison.signature}`", f"command: `{command}`", ""]
    markdown = "\n".join(lines)
    if fmt == "markdown":
        return markdown, None
    from rich.table import Table

    table = Table(title=heading, caption=f"{comparison.signature}\n{command}", caption_justify="left")
    for column in ("system", "metric", "recall", "precision", "F", f"95% CI ({comparison.measure})", "s/cluster"):
        table.add_column(column, justify="left" if column in ("system", "metric") else "right")
    previous = None
    for r in rows:
        new_system = r["system"] != previous
        if new_system and previous is not None:
            table.add_section()
        table.add_row(r["system"] if new_system else "", r["metric"], f"{r['recall']:.4f}", f"{r['precision']:.4f}",
                      f"{r['f']:.4f}", _ci(r), f"{r['seconds_per_cluster']:.3f}")
        previous = r["system"]
    return markdown, table
