"""What `summarizer fetch` did: per feed, its status and new pages; one line per problem."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import check_format, json_text

if TYPE_CHECKING:
    from ..fetch import FetchReport

FORMATS = ("text", "json")


def render(report: FetchReport, fmt: str = "text") -> str:
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(report.to_dict())
    lines = [f"{f.status:9}  {f.pages:3} new  {f.url}" + (f"  ({f.left_out} left out by the feed list's rules)"
             if f.left_out else "") for f in report.feeds]  # fmt: skip
    lines.append(f"{len(report.documents)} new articles, {report.requests} requests")
    lines += [f"problem: {p}" for p in report.problems]
    return "\n".join(lines) + "\n"
