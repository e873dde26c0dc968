"""A story's coverage by outlet label, drawn: one bar per label name ("leaning"), its values left to right in the
label file's order, each as wide as its share of the story's articles, the unlabelled ones last; the counts in
words beside it (the bar's text alternative) and the blindspot named. Presentation only: the JSON keeps
`coverage`, `blindspot` and `blindspot_labels` as they are.

The order ("scale") is the label file's: the values of each name in the order they first appear in it
(`scale_of_labels`). Without a label file (a site rebuilt from the archive alone, a library caller), the values
the stories show are ordered left to right when they are all words of the political spectrum (left, centre,
right, lean left, far right, ...), else alphabetically (`scale_of_stories`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ...text import counted
from .templates import view

__all__ = [
    "UNLABELLED",
    "Scale",
    "blindspot_view",
    "coverage_view",
    "scale_of_labels",
    "scale_of_stories",
    "without_coverage",
]

UNLABELLED = "unlabelled"
Scale = Mapping[str, Sequence[str]]  # label name -> its values, left to right
# Two ends and a middle: blue, a muted violet-grey, red; values between them are mixed from these. Mid-tones, so
# that each stands out on a light page and on a dark one.
ENDS = ((0x35, 0x66, 0xC8), (0x95, 0x8C, 0xAE), (0xC8, 0x45, 0x3D))
UNLABELLED_COLOUR = "#b9bec8"
_SPECTRUM = {"far-left": 0, "left": 1, "lean-left": 2, "centre-left": 2, "center-left": 2, "left-leaning": 2,
             "centre": 3, "center": 3, "centrist": 3, "lean-right": 4, "centre-right": 4, "center-right": 4,
             "right-leaning": 4, "right": 5, "far-right": 6}  # fmt: skip


def scale_of_labels(outlets: Mapping[str, Mapping[str, str]]) -> dict[str, list[str]]:
    """Each label name's values in the order a label file gives them (`outlets`: outlet -> name -> value, in the
    file's order, as summarizer.sources.labels.LabelMap keeps it)."""
    scale: dict[str, list[str]] = {}
    for labels in outlets.values():
        for name, value in labels.items():
            if value not in scale.setdefault(name, []):
                scale[name].append(value)
    return scale


def _split(key: str) -> tuple[str, str]:
    name, _, value = key.partition("=")
    return name, value


def _spectrum_order(values: Iterable[str]) -> list[str]:
    found = sorted(set(values))
    ranks = {v: _spectrum_rank(v) for v in found}
    if all(rank is not None for rank in ranks.values()):
        return sorted(found, key=lambda v: (ranks[v] or 0, v))
    return found


def scale_of_stories(coverages: Iterable[Mapping[str, int]], known: Scale | None = None) -> dict[str, list[str]]:
    """The scale of the bars for these stories: `known`'s order (a label file's) first, then the values the
    stories show that it lacks, ordered left to right when they are words of the spectrum, else alphabetically."""
    seen: dict[str, set[str]] = {}
    for coverage in coverages:
        for key in coverage:
            if key != UNLABELLED:
                name, value = _split(key)
                seen.setdefault(name, set()).add(value)
    scale = {name: list(values) for name, values in (known or {}).items()}
    for name in sorted(seen):
        given = scale.setdefault(name, [])
        given += [v for v in _spectrum_order(seen[name]) if v not in given]
    return scale


def _spectrum_rank(value: str) -> int | None:
    return _SPECTRUM.get("-".join(value.lower().replace("_", " ").split()))


def _colours(values: Sequence[str]) -> list[str]:
    """A colour for each value, from the first end through the middle to the last: by its place on the political
    spectrum when every value is a word of it (centre is the middle whatever else a story shows), else by its
    place in the scale."""
    ranks = [_spectrum_rank(v) for v in values]
    if values and all(r is not None for r in ranks):
        places = [r / max(_SPECTRUM.values()) for r in ranks if r is not None]
    else:
        places = [k / (len(values) - 1) if len(values) > 1 else 0.0 for k in range(len(values))]
    colours = []
    for place in places:
        t = 2 * place
        low, high, share = (ENDS[0], ENDS[1], t) if t <= 1 else (ENDS[1], ENDS[2], t - 1)
        colours.append("#" + "".join(f"{round(a + (b - a) * share):02x}" for a, b in zip(low, high)))
    return colours


def _percents(counts: Sequence[int]) -> list[int]:
    """Whole percentages of the counts that add up to 100 (largest remainders), for a table's cells."""
    total = sum(counts)
    if not total:
        return [0] * len(counts)
    exact = [100 * c / total for c in counts]
    whole = [int(x) for x in exact]
    for k in sorted(range(len(counts)), key=lambda k: (whole[k] - exact[k], k))[: 100 - sum(whole)]:
        whole[k] += 1
    return whole


def coverage_view(
    coverage: Mapping[str, int], blindspot: Sequence[str], scale: Scale, *, new_only: bool = False
) -> list[Any]:
    """What the templates get of a story's coverage (coverage.html): one bar per label name, each with its
    segments (value, count, colour, percent; the unlabelled articles last, as `unlabelled`), the words that say
    it (`text`), the blindspot's value (or none) and `scope`: with `new_only` (a continuing story's page, whose
    card counts every article it had, while its digest and coverage are of the new ones) the words that say so."""
    unlabelled = coverage.get(UNLABELLED, 0)
    names = [name for name in scale if any(_split(k)[0] == name for k in coverage if k != UNLABELLED)]
    bars = []
    for name in names:
        values = list(scale[name])
        counts = [coverage.get(f"{name}={value}", 0) for value in values]
        colours = _colours(values)
        percents = _percents([*counts, unlabelled])
        segments = [view(value=v, count=c, colour=col, percent=p, unlabelled=False)
                    for v, c, col, p in zip(values, counts, colours, percents)]  # fmt: skip
        if unlabelled:
            segments.append(view(value=UNLABELLED, count=unlabelled, colour=UNLABELLED_COLOUR, percent=percents[-1],
                                 unlabelled=True))  # fmt: skip
        blind = next((_split(k)[1] for k in blindspot if _split(k)[0] == name), None)
        total = sum(counts) + unlabelled
        scope = f" ({counted(total, 'new article')})" if new_only else ""
        text = (f"Coverage by {name}: " + ", ".join(f"{s.value} {s.count}" for s in segments)
                + f" ({counted(total, 'new article' if new_only else 'article')})"
                + (f"; blindspot: only {blind}" if blind else ""))  # fmt: skip
        bars.append(view(name=name, segments=segments, total=total, blindspot=blind, text=text, scope=scope))
    return bars


def blindspot_view(number: int, headline: str, labels: Sequence[str]) -> Any:
    """A blindspot of the day (blindspots.html): the story's number and headline, its labels ("leaning=left")
    and the sides alone covering it ("left")."""
    return view(number=number, headline=headline, labels=list(labels), sides=[_split(k)[1] for k in labels])


def without_coverage(details: Mapping[str, Any]) -> dict[str, Any]:
    """A digest's differences JSON without its coverage, whose bar replaces the words on pages and in the mail."""
    return {k: v for k, v in details.items() if k not in ("coverage", "blindspot", "blindspot_labels")}
