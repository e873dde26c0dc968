"""Figures in a sentence, what each one counts, and when two figures of one fact differ.

A figure is a number (digits, "1.5 million", "$2bn", "3%", "seventeen") with what it measures: the
currency or percent it carries, else the first word after it that names a count ("killed", "people",
"soldiers"), read through a few synonym sets so "17 dead" and "20 killed" measure the same thing.
Years (1900-2099 written alone) and ordinals are no figures here. Two figures of one measure differ when
their values differ by more than the rounding of the less precise one: "1.5 million" and "1,523,000" do
not; an approximate figure ("about 200", "nearly 2,000") is as precise as its last non-zero digit; an exact
one ("17", "20") is exact, so "at least 17 killed" and "20 killed" differ, as newsrooms read them.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

__all__ = ["Figure", "differ", "figures_in"]

NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
                "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
                "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                "hundred": 100, "dozen": 12}  # fmt: skip
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "b": 1e9,
          "trillion": 1e12, "tn": 1e12}  # fmt: skip
CURRENCIES = {"$": "dollars", "us$": "dollars", "€": "euros", "£": "pounds", "¥": "yen"}
CURRENCY_WORDS = {"dollar": "dollars", "dollars": "dollars", "usd": "dollars", "euro": "euros", "euros": "euros",
                  "eur": "euros", "pound": "pounds", "pounds": "pounds", "gbp": "pounds", "yen": "yen",
                  "rupees": "rupees", "yuan": "yuan", "roubles": "roubles", "rubles": "roubles"}  # fmt: skip
# What a count measures, whatever the word an outlet chose.
MEASURES = {
    "dead": {"killed", "dead", "died", "deaths", "death", "fatalities", "lives", "bodies", "perished", "toll"},
    "injured": {"injured", "wounded", "hurt", "injuries", "hospitalised", "hospitalized"},
    "missing": {"missing", "unaccounted"},
    "arrested": {"arrested", "detained", "arrests", "detentions"},
    "percent": {"percent", "per", "%", "pct", "percentage"},
}
MEASURE_OF = {word: measure for measure, words in MEASURES.items() for word in words}
# Words between a number and what it counts ("17 people were killed", "at least 20 more").
FILLERS = {"people", "persons", "more", "other", "others", "of", "the", "were", "was", "have", "had", "been", "are",
           "is", "reportedly", "confirmed", "believed", "feared", "being", "who", "and", "in", "total", "all",
           "so", "far", "now", "also", "a", "an", "it", "its", "their", "to", "be", "say", "said"}  # fmt: skip
# Two figures, one of them hedged, that differ by at most this share of the larger say the same: outlets round
# "about" figures their own way (ECB+: "some 930 miles" / "about 940 miles"); "nearly 2,800" / "3,198" still differ.
APPROXIMATE_SHARE = 0.02
APPROXIMATE = {"about", "around", "nearly", "almost", "roughly", "approximately", "some", "estimated", "close",
               "approx", "circa", "~", "over", "more", "than", "upwards", "under", "fewer", "less"}  # fmt: skip
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov",
          "dec"}  # fmt: skip

# Durations count time between events that two sentences rarely share ("two weeks ago", "six weeks of talks").
DURATIONS = {"second", "minute", "hour", "day", "week", "month", "year", "decade", "time", "times", "century",
             "seconds", "minutes", "hours", "days", "weeks", "months", "years", "decades", "centuries"}  # fmt: skip
# Words before a number that make it a name, not a count.
NAMING = {"flight", "route", "highway", "number", "no", "article", "section", "room", "gate", "level", "channel",
          "model", "version", "game", "week", "chapter", "episode", "season", "class", "category", "interstate",
          "paragraph", "page", "line", "bus", "platform", "terminal", "district", "ward", "row", "seat", "unit"}  # fmt: skip

_NUMBER = (r"(?P<currency>US\$|[$€£¥])?\s?(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
           r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?(?P<percent>\s?%)?")  # fmt: skip
_WORD_NUMBER = (
    r"(?P<word>"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?:\s(?P<wscale>thousand|million|billion))?"
)
FIGURE = re.compile(rf"(?<![\w.,:/-])(?:{_NUMBER}|{_WORD_NUMBER})(?![\w/:-]|\.\d|,\d)", re.IGNORECASE)
WORD = re.compile(r"[%\w']+")


@dataclass(frozen=True)
class Figure:
    text: str  # as written, with what it measures: "at least 17 killed"
    value: float
    measure: str  # "dead", "percent", "dollars", or the counted word ("soldiers")
    precision: float  # the rounding the written form allows (half of it either way)
    start: int  # character offsets in the sentence
    end: int
    approximate: bool = False  # hedged: "about 940", "some 930", "nearly 2,000"


def _precision(digits: str, scale: float, approximate: bool) -> float:
    """What the written number is rounded to: "1.5 million" to 100,000; "about 200" to 100; "200" to 1."""
    whole, _, fraction = digits.replace(",", "").partition(".")
    if fraction:
        return 10.0 ** -len(fraction) * scale
    if scale > 1 or approximate:
        zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
        return 10.0**zeros * scale
    return 1.0


def _measure(after: list[str], currency: str | None, percent: bool) -> tuple[str | None, int]:
    """What the number counts, and how many of the following words it took to say so."""
    if currency:
        return currency, 0
    if percent:
        return "percent", 0
    for taken, word in enumerate(after[:5], start=1):
        lowered = word.lower()
        if lowered == "per" and after[taken : taken + 1] and after[taken].lower() == "cent":
            return "percent", taken + 1
        if lowered in CURRENCY_WORDS:
            return CURRENCY_WORDS[lowered], taken
        if lowered in MEASURE_OF:
            return MEASURE_OF[lowered], taken
        if lowered in FILLERS:
            continue
        if lowered in MONTHS or lowered in DURATIONS or not lowered.isalpha() or len(lowered) < 3:
            return None, 0
        return lowered.rstrip("s") if len(lowered) > 4 else lowered, taken
    if after[:1] and after[0].lower() == "people":
        return "people", 1
    return None, 0


def _value(match: re.Match[str]) -> tuple[float, float, str | None, bool] | None:
    """(value, scale, currency, percent) of a matched number; None for what is no figure (a year, a date)."""
    if match.group("word"):
        scale = SCALES.get((match.group("wscale") or "").lower(), 1.0)
        return NUMBER_WORDS[match.group("word").lower()] * scale, scale, None, False
    digits = match.group("digits")
    scale = SCALES.get((match.group("scale") or "").lower(), 1.0)
    currency = CURRENCIES.get((match.group("currency") or "").lower())
    if scale == 1.0 and not currency and not match.group("percent") and re.fullmatch(r"(19|20)\d\d", digits):
        return None  # a year
    return float(digits.replace(",", "")) * scale, scale, currency, bool(match.group("percent"))


def figures_in(text: str) -> list[Figure]:
    """Every figure of a sentence with what it measures (figures that measure nothing known are left out)."""
    found = []
    for match in FIGURE.finditer(text):
        parsed = _value(match)
        if parsed is None:
            continue
        value, scale, currency, percent = parsed
        before = WORD.findall(text[max(0, match.start() - 40) : match.start()].lower())[-3:]
        if before and (before[-1] in MONTHS or before[-1] in NAMING):
            continue  # "March 26": a date; "flight 214", "Article 50": a name
        if (
            before
            and re.search(r"[A-Z][a-z]+\s?$", text[max(0, match.start() - 20) : match.start()])
            and not (set(before[-1:]) & (APPROXIMATE | {"least", "than", "to", "of", "and"}))
        ):
            continue  # "Apollo 11", "Windows 10"
        if re.match(r"\s?(st|nd|rd|th)\b", text[match.end() : match.end() + 3]):
            continue  # an ordinal
        after = WORD.findall(text[match.end() : match.end() + 80])
        measure, taken = _measure(after, currency, percent)
        if measure is None:
            continue
        approximate = bool(set(before) & APPROXIMATE)
        end = match.end()
        if taken:
            tail = re.match(r"(?:\W*[%\w']+){" + str(taken) + "}", text[end:])
            end += tail.end() if tail else 0
        start = match.start()
        qualifier = re.search(r"((?:at least|at most|more than|about|around|nearly|almost|some|over|up to)\s)$",
                              text[max(0, start - 20) : start], re.IGNORECASE)  # fmt: skip
        start -= len(qualifier.group(1)) if qualifier else 0
        precision = _precision(match.group("digits") or "1", scale, approximate) if not match.group("word") else 1.0
        found.append(Figure(text[start:end].strip(), value, measure, precision, start, end, approximate))
    return found


def same_count(first: Figure, second: Figure) -> bool:
    """Whether two figures count the same thing: one measure. (A word beside them in common was tried as a
    further test and cost a tenth of the planted conflicts for one false flag in 50 clusters: eval/differences.py.)"""
    return first.measure == second.measure


def differ(first: Figure, second: Figure) -> bool:
    """Whether two figures of one measure disagree beyond the rounding of the less precise one."""
    if first.measure != second.measure:
        return False
    # Half the coarser rounding, a hair less: "2.5bn" is no rounding of "2bn", "1,523,000" is of "1.5 million".
    tolerance = max(first.precision, second.precision) / 2 * 0.999
    if first.approximate or second.approximate:  # "some 930 miles" and "about 940 miles" tell one distance
        tolerance = max(tolerance, APPROXIMATE_SHARE * max(abs(first.value), abs(second.value)))
    return not math.isclose(first.value, second.value, rel_tol=1e-9) and abs(first.value - second.value) > tolerance
