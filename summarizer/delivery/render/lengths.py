"""A length sweep as Markdown tables, JSON, CSV, a terminal chart, or a PNG plot."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING, Any

from .common import check_format, csv_text, json_text

if TYPE_CHECKING:
    from ...comparisons.lengths import Sweep

FORMATS = ("table", "markdown", "json", "csv")
_BARS = " ▁▂▃▄▅▆▇█"


def _band(sweep: Sweep) -> str:
    return "95% interval" if sweep.kind == "dataset" else "min-max over sources"


def render_markdown(sweep: Sweep) -> str:
    lines = [f"### {sweep.input}: {sweep.measure} by summary length ({_band(sweep)})", ""]
    for metric in sweep.metrics:
        lines += [
            f"**{metric}**",
            "",
            "| system | " + " | ".join(f"{w} words" for w in sweep.lengths) + " |",
            "|---|" + "---|" * len(sweep.lengths),
        ]
        for system in sweep.systems:
            cells = []
            for words in sweep.lengths:
                p = sweep.point(system, words, metric)
                cells.append(f"{p.value:.4f}" + (f" [{p.low:.3f}, {p.high:.3f}]" if p.low is not None else ""))
            lines.append(f"| {system} | " + " | ".join(cells) + " |")
        lines.append("")
    if sweep.statistics:
        names = ("words", "compression", "coverage", "density", "novel_2", "redundancy")
        lines += ["**summary statistics** (Newsroom's coverage and density; novel bigrams; repeated bigrams)", "",
                  "| system | length | " + " | ".join(names) + " |", "|---|---|" + "---|" * len(names)]  # fmt: skip
        for (system, words), stats in sweep.statistics.items():
            values = stats.to_dict()
            lines.append(f"| {system} | {words} | " + " | ".join(f"{values[k]:.3f}" for k in names) + " |")
        lines.append("")
    lines += [f"signature: `{sweep.signature}`", f"command: `{sweep.command}`", ""]
    return "\n".join(lines)


def render(sweep: Sweep, fmt: str = "table") -> str:
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(sweep.to_dict())
    if fmt == "csv":
        return csv_text(
            ["system", "words", "metric", "value", "low", "high", "signature", "command"],
            (
                [
                    r["system"],
                    r["words"],
                    r["metric"],
                    f"{r['value']:.5f}",
                    r["low"],
                    r["high"],
                    sweep.signature,
                    sweep.command,
                ]
                for r in sweep.rows()
            ),
        )
    return render_markdown(sweep)


def rich_view(sweep: Sweep) -> Any:
    """One table per metric: systems by lengths, each value with a bar; then the signature."""
    from rich.console import Group
    from rich.table import Table
    from rich.text import Text

    parts: list[Any] = []
    for metric in sweep.metrics:
        top = max(p.value for p in sweep.points if p.metric == metric) or 1.0
        table = Table(
            title=f"{metric} ({'share covered' if metric == 'coverage' else sweep.measure})", title_justify="left"
        )
        table.add_column("system")
        for words in sweep.lengths:
            table.add_column(f"{words} w", justify="right")
        for system in sweep.systems:
            cells = []
            for words in sweep.lengths:
                value = sweep.point(system, words, metric).value
                cells.append(f"{value:.4f} {_BARS[min(len(_BARS) - 1, round(value / top * (len(_BARS) - 1)))]}")
            table.add_row(system, *cells)
        parts.append(table)
    parts.append(Text(f"signature: {sweep.signature}", no_wrap=True, overflow="ignore"))
    return Group(*parts)


def plot_png(sweep: Sweep, *, title: str | None = None) -> bytes:
    """One panel per metric, one line per system, as the bytes of a PNG image."""
    import matplotlib  # plotting is optional work: load matplotlib only for it

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    metrics = sweep.metrics
    columns = 2 if len(metrics) > 2 else len(metrics)
    rows = -(-len(metrics) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(5.2 * columns, 3.9 * rows), squeeze=False)
    flat = [axis for row in axes for axis in row]
    for axis in flat[len(metrics) :]:
        axis.set_visible(False)
    for axis, metric in zip(flat, metrics):
        for system in sweep.systems:
            points = [sweep.point(system, words, metric) for words in sweep.lengths]
            xs = [p.words for p in points]
            (line,) = axis.plot(xs, [p.value for p in points], marker="o", label=system)
            lows, highs = [p.low for p in points], [p.high for p in points]
            if all(v is not None for v in lows + highs):
                axis.fill_between(xs, lows, highs, alpha=0.12, color=line.get_color())
        label = "share of source sentences covered" if metric == "coverage" else f"{metric} {sweep.measure}"
        axis.set_title(label, fontsize=10)
        axis.set_xlabel("summary length (words)")
        axis.grid(alpha=0.3)
    flat[0].legend(fontsize=8)
    figure.suptitle(title or f"{sweep.input} ({_band(sweep)} shaded)", fontsize=11)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    return buffer.getvalue()


def density_png(sweep: Sweep) -> bytes:
    """Extractive coverage against density, one line per system through its lengths, as Newsroom draws them
    (Grusky et al. 2018, figure 2), as the bytes of a PNG image."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, axis = plt.subplots(figsize=(6.0, 4.4))
    for system in sweep.systems:
        points = sorted((words, stats) for (name, words), stats in sweep.statistics.items() if name == system)
        (line,) = axis.plot([s.coverage for _, s in points], [s.density for _, s in points], marker="o", label=system)
        for words, stats in points:
            axis.annotate(f"{words}", (stats.coverage, stats.density), fontsize=7, color=line.get_color(),
                          xytext=(3, 3), textcoords="offset points")  # fmt: skip
    axis.set_xlabel("extractive fragment coverage")
    axis.set_ylabel("extractive fragment density")
    axis.set_yscale("symlog")
    axis.set_xlim(0.0, 1.02)
    axis.grid(alpha=0.3)
    axis.legend(fontsize=8)
    figure.suptitle(f"{sweep.input}: how extractive (labels: summary length in words)", fontsize=10)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110)
    plt.close(figure)
    return buffer.getvalue()
