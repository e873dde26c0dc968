"""A system comparison as Markdown (the "table" view in files), JSON, CSV or a terminal table,
stamped with its ROUGE signature and the command that made it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .common import check_format, csv_text, json_text

if TYPE_CHECKING:
    from ..comparisons.compare import Comparison

FORMATS = ("table", "markdown", "json", "csv")


def _budget(comparison: Comparison) -> str:
    b = comparison.budget
    return f"{b.words} words" if b.words else f"{b.sentences} sentences"


def _ci(row: dict[str, Any]) -> str:
    if row["ci_low"] is None:
        return ""
    return f"[{row['ci_low']:.4f}, {row['ci_high']:.4f}]"


def heading(comparison: Comparison) -> str:
    return (
        f"{comparison.dataset}: {comparison.clusters} clusters, {_budget(comparison)}, "
        f"reported measure: {comparison.measure}"
    )


def render_markdown(comparison: Comparison) -> str:
    lines = [
        f"### {heading(comparison)}",
        "",
        f"| system | metric | recall | precision | F | 95% CI ({comparison.measure}) | s/cluster |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in comparison.rows():
        lines.append(
            f"| {r['system']} | {r['metric']} | {r['recall']:.4f} | {r['precision']:.4f} | {r['f']:.4f} | "
            f"{_ci(r)} | {r['seconds_per_cluster']:.3f} |"
        )
    lines += ["", f"signature: `{comparison.signature}`", f"command: `{comparison.command}`", ""]
    return "\n".join(lines)


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
    for column in ("system", "metric", "recall", "precision", "F", f"95% CI ({comparison.measure})", "s/cluster"):
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
        )
        previous = r["system"]
    return Group(
        table,
        Text(f"signature: {comparison.signature}", no_wrap=True, overflow="ignore"),
        Text(f"command: {comparison.command}", no_wrap=True, overflow="ignore"),
    )
