"""When two figures count one thing, and when they disagree (the figures themselves are read by figures.py).

Two figures of one measure differ when their values differ by more than the rounding of the less precise one:
"1.5 million" and "1,523,000" do not; an approximate figure ("about 200") is as precise as its last non-zero digit;
an exact one ("17") is exact, so "at least 17 killed" and "20 killed" differ, as newsrooms read them. A bound agrees
with every value past it; a range is compared end for end, or by its upper end with the top of what there is. The
words of a figure's clause (`context_of`) tell which figure of one sentence is which of another's.
"""

from __future__ import annotations

import math
import re
from dataclasses import replace

from ..text import stemmer
from .figures import WORD, Figure

__all__ = ["context_of", "differ", "hyphens_spaced", "same_count", "same_year"]

# Two figures, one of them hedged, that differ by at most this share of the larger say the same: outlets round
# "about" figures their own way (ECB+: "some 930 miles" / "about 940 miles"); "nearly 2,800" / "3,198" still differ.
APPROXIMATE_SHARE = 0.02
# The irregular forms of the verbs that say how a figure moved, read as one word in a figure's clause ("rose 5.9%" /
# "has risen 4.2 percent": allsides 6050); the stemmer leaves them apart.
IRREGULAR = {"rose": "rise", "risen": "rise", "fell": "fall", "fallen": "fall", "grew": "grow", "grown": "grow"}
# The words around a figure that say what it is of: up to this many content words either side, within its clause.
CONTEXT_WORDS = 5
_CLAUSE_END = re.compile(r"[,;:()\[\]—–]|\s-\s")
# In an article that spaces its hyphens (ECB+'s tokenised text: "about 20 miles north - northeast of Healdsburg"),
# " - " between two words is a hyphen, no end of a clause.
_CLAUSE_END_SPACED = re.compile(r"[,;:()\[\]—–]|(?<!\w)\s-\s|\s-\s(?!\w)")
_SPACED_HYPHEN = re.compile(r"(?<=\w) - (?=\w)")
_HYPHEN = re.compile(r"(?<=\w)-(?=\w)")
# An article spaces its hyphens when it writes " - " between words more than this many times as often as a hyphen
# inside a word (once is enough where it writes none: 38ecbplus' 296 characters, "north - northeast"): 439 of ECB+'s
# 919 articles, 8 of the other five sets' 2,071 (a writer's dashes, read as hyphens there: clauses run on).
SPACED_SHARE = 2
_MINOR = {"the", "a", "an", "of", "to", "in", "on", "at", "by", "for", "from", "with", "and", "or", "was", "were",
          "is", "are", "be", "been", "has", "have", "had", "it", "its", "that", "this", "who", "which", "as", "than",
          "about", "some", "more", "least", "nearly", "almost", "over", "up", "just", "only", "per", "said", "says"}  # fmt: skip
_stem = stemmer("english")


def same_year(first: Figure, second: Figure) -> bool:
    """Whether two dates can be of one year: both written alike, or neither written; a date without one is of its
    article's year or a year next to it ("filed for divorce July 29" in April 2000 / "July 19, 1999"), and of no
    known year in an undated article. Dates of two years are two events' (read on all 664 clusters: "in September
    1986" / "in July ratings" of 1998; ECB+: "quarters ended July 31, 2007" / "its first fiscal 2008 quarter, which
    ends January 31"; a special "in November" / "the 2013 Christmas special (airing December 25)")."""
    if first.year is None and second.year is None:
        return True
    if first.year is not None and second.year is not None:
        return first.year == second.year
    written, other = (first, second) if first.year is not None else (second, first)
    return other.around is not None and written.year is not None and abs(other.around - written.year) <= 1


def same_count(first: Figure, second: Figure) -> bool:
    """Whether two figures count the same thing: one measure, and no two different participles said of it
    ("1,000 flights canceled" / "1,500 flights delayed")."""
    if first.measure != second.measure:
        return False
    if (first.low is None) != (second.low is None) and not (first.top or second.top):
        return False  # a range and one value: on the choosing part, two things each time (see RANGE_AND_VALUE)
    return not (first.qualifier and second.qualifier and first.qualifier != second.qualifier)


def differ(first: Figure, second: Figure) -> bool:
    """Whether two figures of one measure disagree beyond the rounding of the less precise one."""
    if first.measure != second.measure:
        return False
    if first.measure == "date":  # a month alone agrees with any day of it
        if first.precision > 1 or second.precision > 1:
            return int(first.value) // 100 != int(second.value) // 100
        return first.value != second.value
    if first.low is not None or second.low is not None:
        return _ranges_differ(first, second)
    if first.with_perpetrator != second.with_perpetrator:
        counted, victims = (first, second) if first.with_perpetrator else (second, first)
        if math.isclose(counted.value - 1, victims.value):
            return False  # "nine dead, including the gunman" / "eight dead": the gunman's victims
    low, high = sorted((first, second), key=lambda figure: figure.value)
    if (low.bound == "lower" or high.bound == "upper") and low.bound != high.bound:
        return False  # "more than 10 years" and "12 years", "more than 40" and "almost 50": one value can be both
    # Two bounds of one kind ("more than 700 pages" / "more than 500 pages") are two outlets' figures: compared.
    # Half the coarser rounding, a hair less: "2.5bn" is no rounding of "2bn", "1,523,000" is of "1.5 million".
    tolerance = max(first.precision, second.precision) / 2 * 0.999
    if first.approximate or second.approximate:  # "some 930 miles" and "about 940 miles" tell one distance
        tolerance = max(tolerance, APPROXIMATE_SHARE * max(abs(first.value), abs(second.value)))
    return not math.isclose(first.value, second.value, rel_tol=1e-9) and abs(first.value - second.value) > tolerance


def hyphens_spaced(article: str) -> bool:
    """Whether an article writes its hyphens with spaces ("a 45 - year - old", "north - northeast"): see
    SPACED_SHARE."""
    spaced = len(_SPACED_HYPHEN.findall(article))
    return spaced > 0 and spaced > SPACED_SHARE * len(_HYPHEN.findall(article))


def _ranges_differ(first: Figure, second: Figure) -> bool:
    """A range against a range: either end differs ("aged 5 to 11" / "aged 5 to 15"); against the top of what there
    is, its upper end ("between $1.8 million and $7 million" / "as high as $10 million"); against one value, the value
    falls outside it ("20 to 30" / "42", as a reader sees it; "20 to 30" / "25" agree); each end to its own rounding.
    (Whether a range and one value are ever paired is same_count's.)"""
    ranged, other = (first, second) if first.low is not None else (second, first)
    assert ranged.low is not None
    upper = replace(ranged, low=None, bound=None, approximate=False)
    lower = replace(upper, value=ranged.low)
    if other.low is not None:
        return differ(upper, replace(other, low=None)) or differ(lower, replace(other, value=other.low, low=None))
    if other.top:
        return differ(upper, other)
    return (other.value > ranged.value and differ(upper, other)) or (other.value < ranged.low and differ(lower, other))


def context_of(text: str, figure: Figure, spaced: bool = False) -> frozenset[str]:
    """The stems of the content words around a figure in its clause ("the unemployment rate rose to 8.5% in April,
    up from 6%": "unemploy", "rate", "rose", "april" for 8.5%; nothing for 6%), numbers and its own words aside.
    `spaced`: the sentence's article spaces its hyphens (hyphens_spaced)."""
    ends = _CLAUSE_END_SPACED if spaced else _CLAUSE_END
    before = ends.split(text[: figure.start])[-1]
    after = ends.split(text[figure.end :])[0]
    words = [w for w in WORD.findall(before.lower()) if w.isalpha() and w not in _MINOR][-CONTEXT_WORDS:]
    words += [w for w in WORD.findall(after.lower()) if w.isalpha() and w not in _MINOR][:CONTEXT_WORDS]
    return frozenset(_stem(IRREGULAR.get(w, w)) for w in words)
