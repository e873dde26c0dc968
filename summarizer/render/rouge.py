"""A ROUGE report over many summaries (summarizer eval --pairs): JSON, Markdown, CSV, terminal table."""

from __future__ import annotations

from typing import Any

from ..evaluation import CorpusResult
from .common import check_format, json_text
from .scores import Rows, rows_to_csv, rows_to_markdown, rows_to_rich

FORMATS = ("table", "json", "csv", "markdown")


def _rows(result: CorpusResult) -> Rows:
    return [("average", result.aggregate.average), *((item_id, pair.scores) for item_id, pair in result.items)]


def _metrics(result: CorpusResult) -> list[str]:
    return [m.name for m in result.settings.parsed_metrics]


def render(result: CorpusResult, fmt: str = "table") -> str:
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(result.to_dict())
    if fmt == "csv":
        return rows_to_csv(_rows(result), _metrics(result), signature=result.signature)
    return rows_to_markdown(_rows(result), _metrics(result), signature=result.signature)


def rich_view(result: CorpusResult) -> Any:
    return rows_to_rich(_rows(result), _metrics(result), signature=result.signature)
