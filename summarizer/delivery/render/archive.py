"""What `summarizer archive` shows, as text or JSON."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ...text import counted, singular
from .common import check_format, json_text

if TYPE_CHECKING:
    from ...archive import ArchiveView

FORMATS = ("text", "json")


def _table(rows: list[dict[str, Any]], columns: list[str]) -> list[str]:
    cells = [[str(r.get(c) if r.get(c) is not None else "-") for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) if cells else len(c) for i, c in enumerate(columns)]
    line = lambda values: "  ".join(v.ljust(w) for v, w in zip(values, widths)).rstrip()  # noqa: E731
    return [line(columns), line(["-" * w for w in widths]), *(line(row) for row in cells)]


def render_text(view: ArchiveView) -> str:
    rows = [dict(r) for r in view.rows]
    if view.kind == "days":
        lines = _table(rows, ["day", "articles", "stories", "runs"]) if rows else ["(the archive is empty)"]
    elif view.kind == "stories":
        lines = _table(rows, ["story_id", "first_day", "last_day", "closed_day", "days", "articles", "headline"])
        lines = lines if rows else ["(no story)"]
    elif view.kind == "story":
        story = rows[0]
        lines = [f"{story['story_id']}: {story['headline']}",
                 f"from {story['first_day']} to {story['last_day']}" + (f", closed {story['closed_day']}"
                                                                       if story["closed_day"] else ""), ""]  # fmt: skip
        for day in story["timeline"]:
            since = f" (new since {day['since']})" if day.get("since") else ""
            lines.append(f"{day['day']}: {counted(day['articles'], 'new article')}{since} — {day.get('headline', '')}")
            lines += [f"  - {sentence}" for sentence in day.get("sentences", [])]
    elif view.kind in ("prune", "prune-dry-run"):
        verb = "deleted" if view.kind == "prune" else "would delete (dry run, nothing deleted)"
        lines = [f"{verb} {', '.join(counted(n, singular(k)) for k, n in rows[0].items())}"]
    elif view.kind == "check":
        problems = [r["result"] for r in rows if r["result"] != "ok"]
        lines = (
            [f"{view.path}: no problem found (integrity_check)"]
            if not problems
            else [
                f"{view.path}: {counted(len(problems), 'problem')} found (integrity_check)",
                *(f"  {p}" for p in problems),
            ]
        )
    elif view.kind == "recover":
        lines = [f"recovered into {view.path}:", *(f"  {r['table']}: {counted(r['rows copied'], 'row')}" for r in rows)]
        lines += [f"note: {note}" for note in view.notes]
    else:
        return json_text(view.to_dict())
    return "\n".join(lines) + "\n"


def render(view: ArchiveView, fmt: str = "text") -> str:
    check_format(fmt, FORMATS)
    return json_text(view.to_dict()) if fmt == "json" else render_text(view)
