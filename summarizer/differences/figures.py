"""Figures in a sentence, what each one counts, and when two figures of one fact differ.

A figure is a number (digits, "1.5 million", "$2bn", "3%", "seventeen") with what it measures, read from its
own phrase: the currency or percent it carries; else a verb of counting just before it ("killed 37": dead);
else the noun it counts and what is said of that noun ("17 people were killed": dead; "20 million doses";
"452,000 people"), through a few synonym sets so "17 dead" and "20 killed" measure the same thing. The phrase
ends at a conjunction or a comma: in "killed 37 and injured 100" the 37 are the dead. A count's noun may carry a
past participle that says what happened to it ("1,500 flights delayed", "canceled 1,000 flights"): two counts
of one noun with different participles count different things. Durations are figures too ("two-day", "11
years", "48 hours": one measure, in seconds), and so are ages ("33-year-old") and dates ("in August", "March
26").

Years (1900-2099 written alone) and ordinals are no figures here. Two figures of one measure differ when their
values differ by more than the rounding of the less precise one: "1.5 million" and "1,523,000" do not; an
approximate figure ("about 200", "nearly 2,000") is as precise as its last non-zero digit; an exact one ("17",
"20") is exact, so "at least 17 killed" and "20 killed" differ, as newsrooms read them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from ..sentence_analyses import Kind, register, remembered
from ..text import stemmer

__all__ = ["Figure", "figures_in"]

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
    "dead": {"killed", "killing", "kills", "dead", "died", "deaths", "death", "fatalities", "lives", "bodies",
             "perished", "toll"},
    "injured": {"injured", "injuring", "wounded", "wounding", "hurt", "injuries", "hospitalised", "hospitalized"},
    "missing": {"missing", "unaccounted"},
    "arrested": {"arrested", "arresting", "detained", "detaining", "arrests", "detentions"},
    "percent": {"percent", "%", "pct", "percentage"},
}  # fmt: skip
MEASURE_OF = {word: measure for measure, words in MEASURES.items() for word in words}
# Between a number and the noun it counts ("20 more", "17 of the").
BEFORE_NOUN = {"more", "other", "others", "of", "the", "total", "all", "a", "an", "additional", "new"}
# Between the noun and what is said of it ("17 people were reportedly killed"); any other word ends the phrase.
AFTER_NOUN = {"were", "was", "have", "had", "been", "are", "is", "being", "reportedly", "confirmed", "believed",
              "feared", "so", "far", "now", "also", "who", "to", "be", "say", "said", "in", "total", "all"}  # fmt: skip
# Words that end a number's phrase: what follows speaks of something else ("killed 37 and injured 100").
PHRASE_ENDS = {"and", "but", "or", "while", "whereas", "including", "plus", "than", "as", "with", "from", "them",
               "those", "these", "which", "whom", "us", "it", "they"}  # fmt: skip
# Words before a number that leave it to the verb before them ("killed at least 40", "sent about 20"; "killing as
# much as 200,000 people", which TAC 2011 M006 read as a count of people).
HEDGES = {"at", "least", "most", "more", "than", "about", "around", "nearly", "almost", "some", "over", "up", "to",
          "an", "estimated", "roughly", "approximately", "another", "just", "only", "fewer", "less", "under", "as",
          "many", "much"}  # fmt: skip
APPROXIMATE = {"about", "around", "nearly", "almost", "roughly", "approximately", "some", "estimated", "close",
               "approx", "circa", "~", "over", "more", "than", "upwards", "under", "fewer", "less"}  # fmt: skip
# A hedge that makes a figure a bound: "more than 40 percent" and "almost 50 percent" can both be true.
LOWER_BOUNDS = {"over", "upwards", "exceeding", "above"}
UPPER_BOUNDS = {"almost", "nearly", "under", "below"}
# "more than", "less than" (and "no more than", an upper bound): the words before "than" that make a bound.
COMPARATIVES = {"more", "less", "fewer"}
MONTH_NUMBER = {name: k for k, name in enumerate(("january", "february", "march", "april", "may", "june", "july",
                "august", "september", "october", "november", "december"), start=1)}  # fmt: skip
MONTHS = {*MONTH_NUMBER, "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec"}
# A month alone is a date only after one of these ("in August"); "May" alone is more often a name or a verb.
DATE_PREPOSITIONS = {"in", "on", "since", "until", "till", "by", "from", "through", "of", "early", "late", "mid",
                     "last", "next", "during", "before", "after"}  # fmt: skip
# A date after these is where something starts or ends, not when it happened: "rose 0.9% from May" tells the base
# month of a change, and is no conflict with "rose 0.9% in June" (a real day's false "May · June").
DATE_STARTS = {"since", "from", "after"}
# "the sharpest spike since August 2008": when a record was last matched, no date of the fact; two outlets measuring
# two spans (a 12-month and a 1-month rise) give two such dates (allsides 5871, a real day's false "August · June").
SUPERLATIVES = {"most", "least", "best", "worst"}
NOT_SUPERLATIVES = {"interest", "forest", "protest", "arrest", "request", "contest", "harvest", "midwest", "honest",
                    "modest", "suggest", "digest", "conquest", "inquest", "earnest", "unrest", "invest", "manifest",
                    "southwest", "northwest", "priest"}  # fmt: skip
DATE_ENDS = {"until", "till", "by", "through", "before"}

# "mins" and "secs" too: "peak at 2 hours 15 mins" is no count of "mins" (Multi-News s042); not "hrs", a time of
# day's ("1100 hrs").
SECONDS = {"second": 1, "minute": 60, "hour": 3600, "day": 86400, "week": 604800, "month": 2629800,
           "year": 31557600, "decade": 315576000, "min": 60, "sec": 1}  # fmt: skip
DURATIONS = {*SECONDS, *(unit + "s" for unit in SECONDS)}
# After a duration: it is an age or a distance in time from now, not how long something lasted.
NOT_LASTING = {"ago", "old", "since"}
# After a duration: a time before or after the event ("34 hours before the theft"), compared with its own side.
OFFSETS = {"before": "before", "earlier": "before", "after": "after", "later": "after"}
# One unit, two spellings.
SPELLINGS = {"metres": "meters", "metre": "meter", "kilometres": "kilometers", "kilometre": "kilometer",
             "litres": "liters", "litre": "liter", "tonnes": "tons", "tonne": "ton", "kms": "kilometers",
             "km": "kilometers"}  # fmt: skip
# An age of a relative is another person's ("a 32-year-old man ... his 58-year-old mother"): a count of its own.
KIN = {"mother", "father", "sister", "brother", "son", "daughter", "wife", "husband", "girlfriend", "boyfriend",
       "grandmother", "grandfather", "grandson", "granddaughter", "stepfather", "stepmother", "stepson",
       "stepdaughter", "niece", "nephew", "aunt", "uncle", "cousin", "mom", "dad", "fiancee", "fiance"}  # fmt: skip
# Nouns after a number that make it a time of day or an address, not a count ("1100 GMT", "the 12000 block").
NOT_COUNTED = {"gmt", "utc", "est", "edt", "pst", "pdt", "cet", "bst", "ist", "block", "hrs", "local"}
# Words before a number that make it a name, not a count.
NAMING = {"flight", "route", "highway", "number", "no", "article", "section", "room", "gate", "level", "channel",
          "model", "version", "game", "week", "chapter", "episode", "season", "class", "category", "interstate",
          "paragraph", "page", "line", "bus", "platform", "terminal", "district", "ward", "row", "seat", "unit"}  # fmt: skip

# Thousands are grouped by commas, in tokenised text with a space after them ("170, 000 people").
_NUMBER = (r"(?P<currency>US\$|[$€£¥])?\s?(?P<digits>\d{1,3}(?:, ?\d{3}(?!\d))+(?:\.\d+)?|\d+(?:\.\d+)?)"
           r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn|[kmb])\b)?(?P<percent>\s?%)?")  # fmt: skip
_WORD_NUMBER = (
    r"(?P<word>"
    + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
    + r")(?:\s(?P<wscale>thousand|million|billion))?"
)
FIGURE = re.compile(rf"(?<![\w.,:/-])(?:{_NUMBER}|{_WORD_NUMBER})(?![\w/:-]|\.\d|,\d)", re.IGNORECASE)
# An age: "a 33-year-old man", "the twenty-year-old" (tokenised text writes "35 - year - old").
AGE = re.compile(rf"(?<![\w.,:/-])(?P<n>\d+|{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})"
                 r" ?- ?years? ?-? ?old\b", re.IGNORECASE)  # fmt: skip
# "two-day", "11-year", "48-hour" (not "33-year-old": an age).
HYPHENATED = re.compile(
    rf"(?<![\w.,:/-])(?P<n>\d+|{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))}) ?- ?(?P<unit>"
    + "|".join(SECONDS)
    + r")s?\b(?! ?-)",
    re.IGNORECASE,
)
# "a 30-business-day period": days of a kind, a count of its own (never compared with calendar days).
KIND_OF_DAYS = re.compile(r"(?<![\w.,:/-])(?P<n>\d+) ?- ?(?P<kind>business|working|school|trading) ?- ?days?\b(?! ?-)",
                          re.IGNORECASE)  # fmt: skip
# "a 70-mile zone", "the 4,900-page report": a number and its unit in one word (not "33-year-old", "42-business-day").
HYPHENATED_UNIT = re.compile(r"(?<![\w.,:/-])(?P<n>\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?) ?- ?(?P<unit>[a-z]{3,})\b(?! ?-)")
PLACES = re.compile(r"\s(?:line|mark)\b")
DATE = re.compile(r"\b(?P<month>" + "|".join(name.title() for name in MONTH_NUMBER) + r")\b(?:\s(?P<day>\d{1,2})"
                  r"(?:st|nd|rd|th)?\b(?![:.]\d))?")  # fmt: skip
WORD = re.compile(r"[%\w']+")
YEAR = re.compile(r"(?<![\w$€£.,])(?:19|20)\d\d(?![\w,.]\d|\s?%)")
YEAR_AFTER = re.compile(r",?\s((?:19|20)\d\d)\b")
# One end of a range: "140-150", "140 to 150", "between 140 and 160" ("in 2013 and $15.8 million" is two figures).
RANGE_BEFORE = re.compile(
    r"(?:\bbetween\s[$€£]?\s?\d[\w,.]*(?:\s(?:million|billion|trillion|thousand))?\s?and|"
    r"\d[\w,.]*(?:\s(?:million|billion|trillion|thousand))?\s?(?:-|–|to)|\bbetween)\s?[$€£]?\s?$"
)
# A range read as one figure (_ranges): "5 to 11", "five to 11", "between $1.8 million and $7 million".
_END = rf"(?:US\$|[$€£¥])?\s?(?:\d[\d,.]*\d|\d|{'|'.join(sorted(NUMBER_WORDS, key=len, reverse=True))})"
RANGE = re.compile(
    rf"(?:(?P<from>\bfrom\s)|(?P<between>\bbetween\s))?(?<![\w.,:/-])(?P<low>{_END})"
    r"(?:\s?(?:thousand|million|billion|trillion|bn|mn|tn)\b)?(?:\s?%)?"
    rf"\s(?:to|(?(between)and|to))\s(?P<high>{_END})(?![\w/:-]|\.\d|,\d)",
    re.IGNORECASE,
)
# RANGE_AND_VALUE: a range and one value that is no top are never paired as one count. A reader would see "20 to
# 30" / "42" as a conflict if both told one count, but every such pair of the choosing part told two things (ECB+
# 10ecb, 10ecbplus: the Orioles' offer "between $140 million and $150 million", the Angels' "$160 million", the Red
# Sox' "$184 million").
# A toll that counts its perpetrator agrees with one a unit lower, the victims alone (allsides 6006: "at least nine
# people dead, including the gunman" / "leaving at least eight people dead").
WITH_PERPETRATOR = re.compile(r",?\s+including\s+(?:the\s+|a\s+)?(?:gunman|shooter|attacker|assailant|bomber|killer|"
                              r"suspect|perpetrator)\b", re.IGNORECASE)  # fmt: skip
# A count followed by one of these tells by how much two things differ ("five rounds sooner than", ECB+ 7ecbplus).
COMPARED_BY = re.compile(r"\s+(?:sooner|later|earlier|longer|shorter|faster|slower|higher|lower)\b", re.IGNORECASE)
# Hedges that make a figure the top of what there is, compared with a range's upper end.
TOPS = ("as high as", "up to", "as much as", "as many as")
RANGE_AFTER = re.compile(r"\s?(?:million|billion|trillion|thousand)?\s?(?:-|–|to)\s?[$€£]?\s?\d")
_stem = stemmer("english")
_CLAUSE_END = re.compile(r"[,;:()\[\]—–]|\s-\s")


@dataclass(frozen=True)
class Figure:
    text: str  # as written, with what it measures: "at least 17 killed"
    value: float
    measure: str  # "dead", "percent", "dollars", "duration", "date", or the counted noun ("soldier")
    precision: float  # the rounding the written form allows (half of it either way)
    start: int  # character offsets in the sentence
    end: int
    approximate: bool = False  # hedged: "about 940", "some 930", "nearly 2,000"
    qualifier: str | None = None  # what happened to the counted noun ("delay" in "1,500 flights delayed")
    bound: str | None = None  # "lower" ("more than 40"), "upper" ("almost 50"): the figure is a bound
    year: int | None = None  # a date's year where its sentence writes one ("July 31, 2007")
    around: int | None = None  # a date without one: the year of its article, where dated (find.py sets it)
    low: float | None = None  # a range's lower end ("aged 5 to 11 years", "between $1.8 million and $7 million")
    top: bool = False  # the top of what there is ("as high as $7 million", "up to 120 miles"): a range's upper end
    with_perpetrator: bool = False  # a toll that counts its perpetrator ("nine people dead, including the gunman")


def _precision(digits: str, scale: float, approximate: bool) -> float:
    """What the written number is rounded to: "1.5 million" to 100,000; "about 200" to 100; "200" to 1."""
    whole, _, fraction = digits.replace(",", "").replace(" ", "").partition(".")
    if fraction:
        return 10.0 ** -len(fraction) * scale
    if scale > 1 or approximate:
        zeros = len(whole) - len(whole.rstrip("0")) if whole.strip("0") else 0
        return 10.0**zeros * scale
    return 1.0


def _participle(word: str | None) -> str | None:
    """A past participle's stem ("delayed" -> "delay"), what happened to a counted noun; None for other words."""
    if word and len(word) > 4 and word.endswith("ed") and word.isalpha():
        return _stem(word)
    return None


def _compound(first: str, second: str) -> bool:
    """Whether the word after a counted word is the noun it describes ("eligible voters"), not a verb."""
    return (not first.endswith("s") and first != "people" and second.isalpha() and len(second) > 3
            and second.endswith("s") and second not in PHRASE_ENDS and not second.endswith("ed"))  # fmt: skip


def _verb_before(before: list[str]) -> str | None:
    """The word before a number once hedges are passed ("killed at least 40": "killed")."""
    for word in reversed(before):
        if word not in HEDGES:
            return word
    return None


def _measure(after: list[str], before: list[str]) -> tuple[str | None, int, str | None]:
    """What a number without currency or percent counts, how many following words it took to say so, and the
    participle said of it."""
    verb = _verb_before(before)
    noun, noun_taken, qualifier = None, 0, _participle(verb)
    for taken, word in enumerate(after[:6], start=1):
        lowered = word.lower()
        if lowered == "per" and after[taken : taken + 1] and after[taken].lower() == "cent":
            return "percent", taken + 1, None
        if lowered in CURRENCY_WORDS and noun is None:
            return CURRENCY_WORDS[lowered], taken, None
        if lowered in MEASURE_OF:
            return MEASURE_OF[lowered], taken, None
        if lowered in PHRASE_ENDS:
            break
        if noun is None:
            if lowered in BEFORE_NOUN:
                continue
            if lowered in MONTHS or lowered in DURATIONS or lowered in NOT_COUNTED or not lowered.isalpha():
                break
            if len(lowered) < 3:
                break
            noun, noun_taken = lowered, taken
            continue
        if lowered in AFTER_NOUN:
            continue
        if noun_taken == taken - 1 and _compound(noun, lowered):
            noun, noun_taken = lowered, taken  # "eligible voters", "ladder trucks": the second word is counted
            continue
        qualifier = _participle(lowered) or qualifier
        break
    if verb in MEASURE_OF:  # "killed 37", "killing at least 40 people"
        return MEASURE_OF[verb], noun_taken, None
    if noun is None:
        return None, 0, None
    noun = SPELLINGS.get(noun, noun)
    return (noun.rstrip("s") if len(noun) > 4 else noun), noun_taken, qualifier


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
    return float(digits.replace(",", "").replace(" ", "")) * scale, scale, currency, bool(match.group("percent"))


def _duration(text: str, match: re.Match[str], value: float, after: list[str]) -> Figure | None:
    """A number of days, hours, years ... as a duration in seconds ("11 years"), or None ("two weeks ago")."""
    unit = after[0].lower().rstrip("s")
    following = after[1].lower() if after[1:2] else ""
    if following in NOT_LASTING:
        return None
    end = match.end() + text[match.end() :].lower().index(after[0].lower()) + len(after[0])
    return Figure(text[match.start() : end], value * SECONDS[unit], "duration", SECONDS[unit], match.start(), end,
                  qualifier=OFFSETS.get(following))  # fmt: skip


def _number_figure(text: str, match: re.Match[str], in_range: bool = False) -> Figure | None:
    """The figure of one matched number, or None when it is none (a year, a name, a date, an age); `in_range`: the
    number is the upper end of a range read by _ranges."""
    parsed = _value(match)
    if parsed is None:
        return None
    value, scale, currency, percent = parsed
    before = WORD.findall(text[max(0, match.start() - 40) : match.start()].lower())[-3:]
    if before and (before[-1] in MONTHS or (before[-1] in NAMING and not currency and not percent)):
        return None  # "March 26": a date (read as one elsewhere); "flight 214", "Article 50": a name (not "The Row $54,600")
    after_capital = bool(
        before
        and re.search(r"[A-Z][a-z]+\s?$", text[max(0, match.start() - 20) : match.start()])
        and not (set(before[-1:]) & (APPROXIMATE | {"least", "than", "to", "of", "and"}))
    )
    if re.match(r"\s?(st|nd|rd|th)\b", text[match.end() : match.end() + 3]):
        return None  # an ordinal
    if before[-2:] in (["one", "in"], ["1", "in"]):
        return None  # "one in five children": a share, not a count of children
    if not in_range and (RANGE_BEFORE.search(text[max(0, match.start() - 40) : match.start()])
                         or RANGE_AFTER.match(text[match.end() :])):  # fmt: skip
        return None  # one end of a range ("$140-$150 million", "between 140 and 160"): neither is the figure
    after = WORD.findall(_CLAUSE_END.split(text[match.end() : match.end() + 80])[0])  # "10 kilometres, injured"
    if after and after[0].lower() in DURATIONS and not currency and not percent and scale == 1.0:
        duration = _duration(text, match, value, after)  # "over seven years" is during them, not more than them
        return replace(duration, bound=_bound([w for w in before if w != "over"])) if duration else None
    qualifier = None
    if currency:
        measure, taken = currency, 0
    elif percent:
        measure, taken = "percent", 0
    else:
        # the verb may stand past a three-word hedge ("killing as many as 200,000 people")
        leading = WORD.findall(text[max(0, match.start() - 60) : match.start()].lower())[-6:]
        found, taken, qualifier = _measure(after, leading)
        if found is None or (after_capital and found not in MEASURES):
            return None  # "Apollo 11", "Windows 10" (but "left Tanya 35 percent", "killed 17 people")
        measure = found
    approximate = bool(set(before) & APPROXIMATE)
    end = match.end()
    if taken:
        tail = re.match(r"(?:\W*[%\w']+){" + str(taken) + "}", text[end:])
        end += tail.end() if tail else 0
    if COMPARED_BY.match(text, end):
        return None  # "finished the fight five rounds sooner": a difference, not a count
    start = match.start()
    hedge = re.search(r"((?:at least|at most|more than|about|around|nearly|almost|some|over|up to)\s)$",
                      text[max(0, start - 20) : start], re.IGNORECASE)  # fmt: skip
    start -= len(hedge.group(1)) if hedge else 0
    precision = _precision(match.group("digits") or "1", scale, approximate) if not match.group("word") else 1.0
    if before[-1:] == ["minus"]:
        value = -value  # "minus 15 Fahrenheit"
    bound = _bound(before)
    top = " ".join(before[-3:]).endswith(TOPS)
    perpetrator = bool(WITH_PERPETRATOR.match(text, end))
    return Figure(text[start:end].strip(), value, measure, precision, start, end, approximate, qualifier, bound,
                  top=top, with_perpetrator=perpetrator)  # fmt: skip


def _ranges(text: str) -> list[Figure]:
    """Ranges told with "to" or "between ... and" ("children aged 5 to 11 years", "assets worth between $1.8
    million and $7 million"): the upper end's figure (what it counts, read from its phrase) with the lower end as
    `low`, in the upper end's units ("$140 to $150 million": 140 million). Not a change ("rose from 6% to 8%"), nor
    ends in falling order (a score, a tally: "voted 52 to 48")."""
    found = []
    for match in RANGE.finditer(text):
        if match.group("from") and not match.group("between"):
            continue
        ends = [FIGURE.match(text, match.start(name)) for name in ("low", "high")]
        if ends[0] is None or ends[1] is None:
            continue
        high = _number_figure(text, ends[1], in_range=True)
        low, top = _value(ends[0]), _value(ends[1])
        if high is None or low is None or top is None or top[0] == 0:
            continue
        # the lower end in the upper's units: its own scale where it writes one, else the upper's
        scale = top[1] if low[1] == 1.0 else low[1]
        unit = high.value / top[0]  # seconds a year for "5 to 11 years"; 1 for most
        low_value = low[0] * (scale / low[1]) * unit
        if not low_value < high.value:
            continue
        start = match.start("low") - (len(match.group("between")) if match.group("between") else 0)
        # one range is written to one rounding, the finer end's ("between $1.8 million and $10 million")
        precision = min(high.precision, _precision(ends[0].group("digits") or "1", scale, False) * abs(unit))
        found.append(replace(high, text=text[start : high.end].strip(), start=start, low=low_value, top=False,
                             precision=precision))  # fmt: skip
    return found


def _bound(before: list[str]) -> str | None:
    """Whether the hedge before a number makes it a bound: "upper" ("almost 50", "less than the $184 million", "no
    more than five minutes"), "lower" ("more than 40", "in excess of $160 million"); a "than" after another word
    compares ("faster than the 0.6% increase") and bounds nothing."""
    words = before[:-1] if before[-1:] in (["the"], ["a"], ["an"]) else before
    if words[-1:] == ["than"]:
        comparing = words[-2:-1]
        if not comparing or comparing[0] not in COMPARATIVES:
            return None
        upper = comparing[0] in ("less", "fewer")
        return "lower" if upper == (words[-3:-2] in (["no"], ["not"])) else "upper"
    if words[-2:] in (["excess", "of"], ["upwards", "of"]):
        return "lower"
    return "upper" if set(words[-2:]) & UPPER_BOUNDS else "lower" if set(words[-2:]) & LOWER_BOUNDS else None


def _kin_of(text: str, match: re.Match[str]) -> str | None:
    """The relative an age is of: "his 58-year-old mother", "52-year-old birth father", "stepmother, 42-year-old
    Samantha Joy Davis" (Multi-News s197); None for anyone else."""
    after = [w for w in WORD.findall(text[match.end() : match.end() + 24].lower())[:2] if w in KIN]
    if after:
        return after[0]
    apposition = re.search(r"(\w+),\s(?:a\s|the\s)?$", text[max(0, match.start() - 24) : match.start()])
    return apposition.group(1).lower() if apposition and apposition.group(1).lower() in KIN else None


def _superlative(words: list[str]) -> bool:
    """Whether a clause compares with a record ("the sharpest spike", "the most since")."""
    return any(w in SUPERLATIVES or (len(w) > 5 and w.endswith("est") and w not in NOT_SUPERLATIVES) for w in words)


def _dates(text: str) -> list[Figure]:
    """Months, with their day where given ("in August", "March 26"), as figures of the measure "date"."""
    found = []
    for match in DATE.finditer(text):
        before = WORD.findall(text[max(0, match.start() - 12) : match.start()].lower())[-1:]
        if not match.group("day") and not (set(before) & DATE_PREPOSITIONS):
            continue  # "May said": a name
        if before == ["since"] and _superlative(WORD.findall(_CLAUSE_END.split(text[: match.start()])[-1].lower())):
            continue  # "the sharpest spike since August 2008": a record's last time, not the fact's
        day = int(match.group("day") or 0)
        if day > 31:
            day = 0
        value = MONTH_NUMBER[match.group("month").lower()] * 100 + day
        # What the date is of: the content word before it ("launched ... Mantra in December"); two dates of two
        # different things ("killed on June 24", "the June 20 attack") are no conflict.
        words = [w for w in WORD.findall(text[max(0, match.start() - 60) : match.start()].lower())
                 if w not in DATE_PREPOSITIONS and w not in {"the", "a", "an", "of"}]  # fmt: skip
        anchor = _stem(words[-1]) if words else None
        if anchor and before and before[-1] in DATE_STARTS | DATE_ENDS:  # a start or an end, compared only as one
            anchor = ("since " if before[-1] in DATE_STARTS else "until ") + anchor
        # A month alone is as precise as the month: "in March" is no conflict with "March 26".
        found.append(Figure(match.group(), value, "date", 1.0 if day else 100.0, match.start(), match.end(),
                            qualifier=anchor, year=_year_of(text, match)))  # fmt: skip
    return found


def _year_of(text: str, match: re.Match[str]) -> int | None:
    """The year a date is of where its sentence writes one: right after it ("July 31, 2007"), else the sentence's
    year nearest to it ("the 2013 Christmas special (airing December 25)")."""
    written = YEAR_AFTER.match(text, match.end())
    if written:
        return int(written.group(1))
    years = [(abs(found.start() - match.start()), found.group()) for found in YEAR.finditer(text)]
    return int(min(years)[1]) if years else None


def figures_in(text: str) -> list[Figure]:
    """Every figure of a sentence with what it measures (figures that measure nothing known are left out)."""
    return list(remembered("figures", text, _figures_in))


def _figures_in(text: str) -> list[Figure]:
    ages, durations = [], []
    # Ages, hyphenated durations and units all take a hyphen, which most sentences lack: their patterns, slow to
    # try at every position, are not run on them.
    hyphen = "-" in text
    for match in AGE.finditer(text) if hyphen else ():
        written = match.group("n").lower()
        age = NUMBER_WORDS[written] if written in NUMBER_WORDS else float(written)
        measure = f"age of {kin}" if (kin := _kin_of(text, match)) else "age"
        ages.append(Figure(match.group(), age, measure, 1.0, match.start(), match.end()))
    for match in HYPHENATED.finditer(text) if hyphen else ():
        written = match.group("n").lower()
        count = NUMBER_WORDS[written] if written in NUMBER_WORDS else float(written)
        unit = SECONDS[match.group("unit").lower()]
        before = [w for w in WORD.findall(text[max(0, match.start() - 40) : match.start()].lower())[-3:] if w != "over"]
        approximate = bool(set(before) & APPROXIMATE)  # "an about 30-year mine life" is no "28 years" against it
        precision = _precision(written, 1.0, approximate) * unit if written.isdigit() else unit
        durations.append(Figure(match.group(), count * unit, "duration", precision, match.start(), match.end(),
                                approximate=approximate, bound=_bound(before)))  # fmt: skip
    for match in KIND_OF_DAYS.finditer(text) if hyphen else ():
        durations.append(Figure(match.group(), float(match.group("n")), f"{match.group('kind').lower()} days", 1.0,
                                match.start(), match.end()))  # fmt: skip
    for match in HYPHENATED_UNIT.finditer(text) if hyphen else ():
        name = SPELLINGS.get(match.group("unit"), match.group("unit"))
        if name in SECONDS or name.rstrip("s") in SECONDS or name in MEASURE_OF or PLACES.match(text[match.end() :]):
            continue  # durations are read above; "3-killed" is no unit; "the 7-yard line" is a place
        written = match.group("n").replace(",", "")
        precision = 10.0 ** -len(written.partition(".")[2])
        durations.append(Figure(match.group(), float(written), name.rstrip("s") if len(name) > 4 else name, precision,
                                match.start(), match.end()))  # fmt: skip
    numbers = [figure for match in FIGURE.finditer(text) if (figure := _number_figure(text, match)) is not None]
    ranges = _ranges(text) if (" to " in text or "between" in text.lower()) else []
    kept: list[Figure] = []
    for figure in [*ages, *ranges, *durations, *numbers, *_dates(text)]:  # one reading of each span, the most specific
        if not any(figure.start < other.end and other.start < figure.end for other in kept):
            kept.append(figure)
    return sorted(kept, key=lambda figure: figure.start)


_FIELDS = [f.name for f in fields(Figure)]
register("figures", Kind(lambda found: [[getattr(f, name) for name in _FIELDS] for f in found],
                         lambda rows: [Figure(*row) for row in rows]))  # fmt: skip
