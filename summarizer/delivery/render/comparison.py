"""A system comparison as Markdown (the "table" view in files), JSON, CSV or a terminal table,
stamped with its ROUGE signature and the command that made it."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from .common import check_format, csv_text, json_text

if TYPE_CHECKING:
    from ...comparisons.compare import Comparison

FORMATS = ("table", "markdown", "json", "csv")


def _budget(comparison: Comparison) -> str:
    b = comparison.budget
    return f"{b.words} words" if b.words else f"{b.sentences} sentences"


def _ci(row: dict[str, Any]) -> str:
    if row["ci_low"] is None:
        return ""
    return f"[{row['ci_low']:.4f}, {row['ci_high']:.4f}]"


def _versus(comparison: Comparison, row: dict[str, Any]) -> list[str]:
    """The columns against the baseline: the difference (marked * when significant), its interval, both p-values."""
    if comparison.paired is None:
        return []
    versus = row.get("vs_baseline")
    if versus is None:
        return ["(baseline)", "", "", ""]
    mark = "*" if row.get("significant") else ""
    p_permutation = versus.get("p_permutation_holm", versus["p_permutation"])
    return [f"{versus['difference']:+.4f}{mark}", f"[{versus['ci_low']:+.4f}, {versus['ci_high']:+.4f}]",
            f"{versus['p_bootstrap']:.4f}", f"{p_permutation:.4f}"]  # fmt: skip


def _versus_header(comparison: Comparison) -> list[str]:
    if comparison.paired is None:
        return []
    holm = " (Holm)" if comparison.paired.holm else ""
    return [f"Δ vs {comparison.paired.baseline}", "95% CI of Δ", "p bootstrap", f"p permutation{holm}"]


STATISTICS = ("words", "compression", "coverage", "density", "novel_1", "novel_2", "novel_3", "novel_4", "redundancy")


def _statistics_lines(comparison: Comparison) -> list[str]:
    """One Markdown row per system: how long, how extractive and how repetitive its summaries are."""
    lines = ["| system | " + " | ".join(STATISTICS) + " |", "|---|" + "---|" * len(STATISTICS)]
    for system in comparison.systems:
        if system.statistics is not None:
            values = system.statistics.to_dict()
            lines.append(f"| {system.system} | " + " | ".join(f"{values[k]:.3f}" for k in STATISTICS) + " |")
    return lines


def heading(comparison: Comparison) -> str:
    return (
        f"{comparison.dataset}: {comparison.clusters} clusters, {_budget(comparison)}, "
        f"reported measure: {comparison.measure}"
    )


def render_markdown(comparison: Comparison) -> str:
    extra = _versus_header(comparison)
    lines = [
        f"### {heading(comparison)}",
        "",
        f"| system | metric | recall | precision | F | 95% CI ({comparison.measure}) | s/cluster |"
        + "".join(f" {h} |" for h in extra),
        "|---|---|---|---|---|---|---|" + "---|" * len(extra),
    ]
    for r in comparison.rows():
        lines.append(
            f"| {r['system']} | {r['metric']} | {r['recall']:.4f} | {r['precision']:.4f} | {r['f']:.4f} | "
            f"{_ci(r)} | {r['seconds_per_cluster']:.3f} |" + "".join(f" {v} |" for v in _versus(comparison, r))
        )
    if extra:
        lines += ["", f"Δ: {comparison.measure} of the system minus the baseline's, mean over clusters; * p < 0.05 "
                      "(permutation test)."]  # fmt: skip
    lines += ["", "Summary statistics (means over clusters):", "", *_statistics_lines(comparison)]
    lines += ["", f"signature: `{comparison.signature}`", f"command: `{comparison.command}`", ""]
    return "\n".join(lines)


def render_per_cluster(comparison: Comparison, fmt: str = "csv") -> str:
    """Every system x cluster x metric score: CSV, or JSON Lines (`fmt` "jsonl")."""
    rows = comparison.per_cluster()
    if fmt == "jsonl":
        return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
    columns = ["system", "cluster", "metric", "recall", "precision", "f"]
    return csv_text(columns, ([row[c] for c in columns] for row in rows))


def _csv_versus(row: dict[str, Any]) -> list[Any]:
    versus = row.get("vs_baseline")
    if versus is None:
        return ["", "", "", "", "", ""]
    p_permutation = versus.get("p_permutation_holm", versus["p_permutation"])
    return [f"{versus['difference']:.6f}", f"{versus['ci_low']:.6f}", f"{versus['ci_high']:.6f}",
            f"{versus['p_bootstrap']:.6f}", f"{p_permutation:.6f}", "yes" if row.get("significant") else "no"]  # fmt: skip


def render(comparison: Comparison, fmt: str = "table") -> str:
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(comparison.to_dict())
    if fmt == "csv":
        return csv_text(
            [
                "system",
                "metric",
                "recall",
                "precision",
                "f",
                "measure",
                "ci_low",
                "ci_high",
                "seconds_per_cluster",
                "difference",
                "diff_ci_low",
                "diff_ci_high",
                "p_bootstrap",
                "p_permutation",
                "significant",
                "signature",
                "command",
            ],
            (
                [
                    r["system"],
                    r["metric"],
                    f"{r['recall']:.5f}",
                    f"{r['precision']:.5f}",
                    f"{r['f']:.5f}",
                    r["measure"],
                    r["ci_low"],
                    r["ci_high"],
                    f"{r['seconds_per_cluster']:.3f}",
                    *_csv_versus(r),
                    comparison.signature,
                    comparison.command,
                ]
                for r in comparison.rows()
            ),
        )
    return render_markdown(comparison)


def rich_view(comparison: Comparison) -> Any:
    """A terminal table; the signature and command follow it, each whole on one line."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    table = Table(title=heading(comparison))
    columns = ("system", "metric", "recall", "precision", "F", f"95% CI ({comparison.measure})", "s/cluster")
    for column in (*columns, *_versus_header(comparison)):
        table.add_column(column, justify="left" if column in ("system", "metric") else "right")
    previous = None
    for r in comparison.rows():
        new_system = r["system"] != previous
        if new_system and previous is not None:
            table.add_section()
        table.add_row(
            r["system"] if new_system else "",
            r["metric"],
            f"{r['recall']:.4f}",
            f"{r['precision']:.4f}",
            f"{r['f']:.4f}",
            _ci(r),
            f"{r['seconds_per_cluster']:.3f}",
            *_versus(comparison, r),
        )
        previous = r["system"]
    return Group(
        table,
        Text(f"signature: {comparison.signature}", no_wrap=True, overflow="ignore"),
        Text(f"command: {comparison.command}", no_wrap=True, overflow="ignore"),
    )
