"""Where the outlets differ, as short lines under a digest (text, Markdown, HTML and the site share them):

    Figures differ: at least 17 killed (AP) · 20 killed (Reuters)
    Figure updated: 17 killed (AP, 09:00) → 20 killed (AP, 11:00)
    Later report: 17 killed (AP, 09:00) → 20 killed (Reuters, 10:00)
    Claims differ: "Russia agreed to ..." (AP) · "Russia did not agree to ..." (Reuters)
    Left out by Fox: "The strike hit a school ..." (carried by AP, Reuters, BBC)
    Only in Reuters: 2 sentences of the digest
    First reported by AP · Coverage: leaning=left 2 · leaning=right 1 · unlabelled 1 · blindspot: only leaning=left

They are made from the JSON contract (`Digest.differences_dict()`), which the archive keeps with each digest.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Mapping
from typing import Any

from ...documents import Digest
from ...text import counted

__all__ = ["SHOWN_PER_KIND", "difference_lines", "lines_of"]

SHOWN_PER_KIND = 5  # lines of each kind under a digest; the JSON output has every one
QUOTED_WORDS = 14  # a claim's sentence is quoted up to this many words


def _short(text: str) -> str:
    words = text.strip("\"“”'‘’ ").split()
    return " ".join(words[:QUOTED_WORDS]) + (" …" if len(words) > QUOTED_WORDS else "")


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
    values = difference["values"]
    if difference["kind"] == "figure":
        change = _change(difference, outlets)
        if change == "differ":
            return "Figures differ: " + " · ".join(f"{v['text']} ({name(v['documents'])})" for v in values)
        times = [f", {t}" if t else "" for t in _times(values)]
        return f"{FIGURE_HEADS.get(change, 'Figures differ')}: " + " → ".join(
            f"{v['text']} ({name(v['documents'])}{t})" for v, t in zip(values, times)
        )
    if difference["kind"] == "claim":
        return "Claims differ: " + " · ".join(f"“{_short(v['text'])}” ({name(v['documents'])})" for v in values)
    return (f"Left out by {name(difference.get('missing', []))}: “{_short(values[0]['text'])}” "
            f"(carried by {name(values[0]['documents'])})")  # fmt: skip


def lines_of(details: Mapping[str, Any], outlets: Mapping[str, str], *, alone: Mapping[str, int] = {}) -> list[str]:
    """The lines of a digest's differences JSON; `outlets`: article id -> outlet name; `alone`: outlet -> the
    digest's sentences no other outlet reports."""

    def name(documents: list[str]) -> str:
        return ", ".join(dict.fromkeys(outlets.get(d, d) for d in documents))

    lines = []
    for kind in ("figure", "claim", "omission"):
        found = [d for d in details.get("differences", []) if d["kind"] == kind]
        lines += [_line(d, name, outlets) for d in found[:SHOWN_PER_KIND]]
        if len(found) > SHOWN_PER_KIND:
            lines.append(f"… and {len(found) - SHOWN_PER_KIND} more of this kind (the JSON output has them all)")
    lines += [
        f"Only in {outlet}: {counted(count, 'sentence')} of the digest" for outlet, count in sorted(alone.items())
    ]
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
    outlets = {info.id: info.source or info.id for info in digest.documents}
    alone: Counter[str] = Counter()
    if len({outlets[i.id] for i in digest.documents if i.sentences}) > 1:
        alone.update(outlets.get(s.document, s.document) for s in digest.sentences
                     if not s.also_reported_by and not s.fused_from)  # fmt: skip
    return lines_of(digest.differences_dict(), outlets, alone=alone)
