"""A summary's scores against its references and each source (summarizer eval --summary)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .common import check_format, json_text
from .scores import rows_to_csv, rows_to_markdown, rows_to_rich

if TYPE_CHECKING:
    from ...comparisons.sources import SourceReport

FORMATS = ("table", "json", "csv", "markdown")


def render(report: SourceReport, fmt: str = "table") -> str:
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(report.to_dict())
    if fmt == "csv":
        return rows_to_csv(report.rows(), report.metrics, signature=report.signature)
    return rows_to_markdown(report.rows(), report.metrics, signature=report.signature)


def rich_view(report: SourceReport) -> Any:
    return rows_to_rich(report.rows(), report.metrics, signature=report.signature)
