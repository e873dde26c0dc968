"""What `summarizer fetch` did: per feed, its status and new pages; one line per problem."""

from __future__ import annotations

from typing import TYPE_CHECKING

from .common import check_format, json_text

if TYPE_CHECKING:
    from ...sources.fetch import FetchReport

FORMATS = ("text", "json")


def render(report: FetchReport, fmt: str = "text") -> str:
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(report.to_dict())
    # A failed feed is a problem line (the first 20, then one line counting the rest), not a row as well.
    lines = [f"{f.status:9}  {f.pages:3} new  {f.url}" + (f"  ({f.left_out} left out by the feed list's rules)"
             if f.left_out else "") for f in report.feeds if f.status != "failed"]  # fmt: skip
    failed = sum(f.status == "failed" for f in report.feeds)
    lines.append(f"{len(report.documents)} new articles, {report.requests} requests"
                 + (f", {failed:,} feeds failed" if failed else ""))  # fmt: skip
    lines += [f"problem: {p}" for p in report.problem_lines()]
    return "\n".join(lines) + "\n"
