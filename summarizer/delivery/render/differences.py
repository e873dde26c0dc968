"""Where the outlets differ, as short lines under a digest (text, Markdown, HTML and the site share them):

    Figures differ: at least 17 killed (AP) · 20 killed (Reuters)
    Figure updated: 17 killed (AP, 09:00) → 20 killed (AP, 11:00)
    Later report: 17 killed (AP, 09:00) → 20 killed (Reuters, 10:00)
    Claims differ: "Russia agreed to ..." (AP) · "Russia did not agree to ..." (Reuters)
    Left out by Fox: Peskov: "We hope this work will yield results" (carried by AP, Reuters, BBC)
    Only in Reuters: 2 sentences of the digest
    First reported by AP · Coverage: leaning=left 2 · leaning=right 1 · unlabelled 1 · blindspot: only leaning=left

They are made from the JSON contract (`Digest.differences_dict()`), which the archive keeps with each digest.
An outlet is named by its source; an article without one by its web domain, else its headline, else "unnamed
source N" (never by a file id, which names no outlet). A line stays under MAX_LINE characters: a few outlets and
figures are named, the rest counted.
"""

from __future__ import annotations

import datetime
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from ...core.result import Digest
from ...text import counted

__all__ = ["SHOWN_PER_KIND", "difference_lines", "lines_of", "outlet_names"]

SHOWN_PER_KIND = 5  # lines of each kind under a digest; the JSON output has every one
QUOTED_WORDS = 14  # a claim's sentence is quoted up to this many words
OUTLETS_NAMED = 3  # outlets named on one side of a line; the rest counted ("and 4 more")
FIGURES_SHOWN = 4  # a figure's versions shown on one line
MAX_LINE = 300  # characters: a line is read at a glance (the JSON has everything)
HEADLINE_AS_NAME = 40  # characters of a headline that names an article without source or domain


class Article(Protocol):
    """What names an article's outlet (DocumentInfo, the site's articles)."""

    @property
    def id(self) -> str: ...
    @property
    def source(self) -> str | None: ...
    @property
    def title(self) -> str | None: ...
    @property
    def url(self) -> str | None: ...


def outlet_names(articles: Sequence[Article]) -> dict[str, str]:
    """Article id -> the outlet's name as a reader knows it: its source; else its web domain ("apnews.com");
    else its headline, quoted and cut; else "unnamed source N" (N counts such articles in input order)."""
    names, unnamed = {}, 0
    for article in articles:
        domain = urllib.parse.urlsplit(article.url or "").hostname or ""
        domain = domain.removeprefix("www.")
        title = " ".join((article.title or "").split())
        if article.source:
            names[article.id] = article.source
        elif domain:
            names[article.id] = domain
        elif title:
            cut = title if len(title) <= HEADLINE_AS_NAME else title[: HEADLINE_AS_NAME - 1].rsplit(" ", 1)[0] + " …"
            names[article.id] = f"“{cut}”"
        else:
            unnamed += 1
            names[article.id] = f"unnamed source {unnamed}"
    return names


def _short(text: str) -> str:
    words = text.strip("\"“”'‘’ ").split()
    return " ".join(words[:QUOTED_WORDS]) + (" …" if len(words) > QUOTED_WORDS else "")


def _fit(line: str) -> str:
    return line if len(line) < MAX_LINE else line[: MAX_LINE - 3].rsplit(" ", 1)[0] + " …"


FIGURE_HEADS = {"differ": "Figures differ", "update": "Figure updated", "later": "Later report"}


def _change(difference: Mapping[str, Any], outlets: Mapping[str, str]) -> str:
    """A figure's change; a digest archived before "change" was kept has only "update", which then also meant a
    later figure from another outlet: an update only where an outlet of an earlier figure gives the later one."""
    if "change" in difference or not difference.get("update"):
        return str(difference.get("change", "differ"))
    told = [{outlets.get(d, d) for d in v["documents"]} for v in difference["values"]]
    return "update" if all(told[k] & set().union(*told[:k]) for k in range(1, len(told))) else "later"


def _times(values: list[Mapping[str, Any]]) -> list[str]:
    """When each figure was first reported: the time (UTC) when all are of one day, else the day too."""
    whens = [str(v.get("when") or "") for v in values]
    one_day = len({w[:10] for w in whens}) == 1
    shown = []
    for when in whens:
        if len(when) <= 10:
            shown.append(_day(when))
        else:
            shown.append(when[11:16] if one_day else f"{_day(when[:10])} {when[11:16]}")
    return shown


def _day(day: str) -> str:  # "22 April", as the daily digest writes days
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError:
        return day
    return f"{date.day} {date:%B}"


def _line(difference: Mapping[str, Any], name: Callable[[list[str]], str], outlets: Mapping[str, str]) -> str:
    return _fit(_whole_line(difference, name, outlets))


def _whole_line(difference: Mapping[str, Any], name: Callable[[list[str]], str], outlets: Mapping[str, str]) -> str:
    values = difference["values"]
    if difference["kind"] == "figure" and len(values) > FIGURES_SHOWN:
        more = len(values) - FIGURES_SHOWN
        values = [*values[:FIGURES_SHOWN], {"text": f"{counted(more, 'other figure')}", "documents": []}]
    if difference["kind"] == "figure":
        change = _change(difference, outlets)
        if change == "differ":
            return "Figures differ: " + " · ".join(_value(v, name(v["documents"])) for v in values)
        times = [f", {t}" if t else "" for t in _times(values)]
        return f"{FIGURE_HEADS.get(change, 'Figures differ')}: " + " → ".join(
            _value(v, name(v["documents"]) + t) for v, t in zip(values, times)
        )
    if difference["kind"] == "claim":
        return "Claims differ: " + " · ".join(f"{_quoted(v)} ({name(v['documents'])})" for v in values)
    if difference["kind"] == "only":
        return f"Only in {name(values[0]['documents'])}: {counted(len(values), 'sentence')} of the digest"
    return (f"Left out by {name(difference.get('missing', []))}: {_quoted(values[0])} "
            f"(carried by {name(values[0]['documents'])})")  # fmt: skip


def _value(value: Mapping[str, Any], named: str) -> str:
    return f"{value['text']} ({named})" if named else value["text"]


def _quoted(value: Mapping[str, Any]) -> str:
    """A sentence cut for a line, in quotation marks; a quotation shows its speaker first."""
    speaker = value.get("speaker")
    return f"{speaker}: “{_short(value['text'])}”" if speaker else f"“{_short(value['text'])}”"


def lines_of(details: Mapping[str, Any], outlets: Mapping[str, str]) -> list[str]:
    """The lines of a digest's differences JSON; `outlets`: article id -> outlet name (outlet_names)."""

    def name(documents: list[str]) -> str:
        named = list(dict.fromkeys(outlets.get(d, "an unnamed source") for d in documents))
        more = len(named) - OUTLETS_NAMED
        return ", ".join(named[:OUTLETS_NAMED]) + (f" and {more} more" if more > 0 else "")

    lines = []
    for kind in ("figure", "claim", "omission", "only"):
        found = [d for d in details.get("differences", []) if d["kind"] == kind]
        lines += [_line(d, name, outlets) for d in found[:SHOWN_PER_KIND]]
        if len(found) > SHOWN_PER_KIND:
            lines.append(f"… and {len(found) - SHOWN_PER_KIND} more of this kind (the JSON output has them all)")
    facts = [f"First reported by {name([details['first']])}"] if details.get("first") else []
    if details.get("coverage"):
        facts.append("Coverage: " + " · ".join(f"{label} {count}" for label, count in details["coverage"].items()))
    if details.get("blindspot"):
        facts.append("blindspot: only " + ", ".join(details.get("blindspot_labels", [])))
    return [*lines, " · ".join(facts)] if facts else lines


def difference_lines(digest: Digest) -> list[str]:
    """The lines under one digest (none when the outlets agree and nothing is known of coverage or firsts)."""
    if not digest.options.differences:
        return []
    return lines_of(digest.differences_dict(), outlet_names(digest.documents))
