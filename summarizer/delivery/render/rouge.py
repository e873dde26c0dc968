"""A ROUGE report over many summaries (summarizer eval --pairs): JSON, Markdown, CSV, terminal table; and two
summary sets compared (eval --pairs SYSTEM --baseline-pairs BASELINE), with their paired tests."""

from __future__ import annotations

from typing import Any

from ...evaluation import CorpusResult, PairedCorpus
from .common import check_format, csv_text, json_text
from .scores import Rows, rows_to_csv, rows_to_markdown, rows_to_rich

FORMATS = ("table", "json", "csv", "markdown")


def _rows(result: CorpusResult) -> Rows:
    return [("average", result.aggregate.average), *((item_id, pair.scores) for item_id, pair in result.items)]


def _metrics(result: CorpusResult) -> list[str]:
    return [m.name for m in result.settings.parsed_metrics]


PAIRED_COLUMNS = ("metric", "system", "baseline", "difference", "ci_low", "ci_high", "p_bootstrap", "p_permutation")


def _paired_rows(result: PairedCorpus) -> list[list[str]]:
    rows = []
    for metric, test in result.tests.items():
        mine, theirs = result.system.aggregate.average[metric], result.baseline.aggregate.average[metric]
        rows.append([metric, f"{getattr(mine, result.measure):.4f}", f"{getattr(theirs, result.measure):.4f}",
                     f"{test.difference:+.4f}" + ("*" if test.p_permutation < 0.05 else ""), f"{test.ci_low:+.4f}",
                     f"{test.ci_high:+.4f}", f"{test.p_bootstrap:.4f}", f"{test.p_permutation:.4f}"])  # fmt: skip
    return rows


def _render_paired(result: PairedCorpus, fmt: str) -> str:
    if fmt == "json":
        return json_text(result.to_dict())
    if fmt == "csv":
        return csv_text([*PAIRED_COLUMNS, "significant", "signature"],
                        ([*row, "yes" if row[3].endswith("*") else "no", result.signature] for row in _paired_rows(result)))  # fmt: skip
    lines = ["| " + " | ".join(PAIRED_COLUMNS) + " |", "|---" * len(PAIRED_COLUMNS) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in _paired_rows(result)]
    return "\n".join([*lines, "", f"{result.measure}; * p < 0.05 (permutation test); "
                       f"{len(result.system.items)} items", "", f"signature: {result.signature}", ""])  # fmt: skip


def render(result: CorpusResult | PairedCorpus, fmt: str = "table") -> str:
    check_format(fmt, FORMATS)
    if isinstance(result, PairedCorpus):
        return _render_paired(result, fmt)
    if fmt == "json":
        return json_text(result.to_dict())
    if fmt == "csv":
        return rows_to_csv(_rows(result), _metrics(result), signature=result.signature)
    return rows_to_markdown(_rows(result), _metrics(result), signature=result.signature)


def rich_view(result: CorpusResult | PairedCorpus) -> Any:
    if isinstance(result, PairedCorpus):
        from rich.text import Text

        return Text(_render_paired(result, "table"))
    return rows_to_rich(_rows(result), _metrics(result), signature=result.signature)
