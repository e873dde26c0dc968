"""The command line's arguments: one function per command, kept as tables (one option a line), and the
value types that check every option where it is parsed.

Every value is checked here, once, with the same rule wherever an option appears (a count is a whole
number of at least 1, seconds are finite, a day is YYYY-MM-DD within years 1900-9999), and a bad value
is one line naming the option as typed: "argument --timeout: must be a number of seconds above 0 and at
most 600, not 'nan'". The library checks its own options again, in its own words.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import math
import os
from collections.abc import Callable, Sequence
from dataclasses import fields
from typing import Any, TypeVar

__all__ = [
    "COMMAND_ARGUMENTS",
    "comma_list",
    "common_arguments",
    "count",
    "day",
    "fraction",
    "rich_formatter",
    "seconds",
]

Parser = argparse.ArgumentParser
T = TypeVar("T")
FIRST_DAY, LAST_DAY = datetime.date(1900, 1, 1), datetime.date(9999, 12, 31)
MAX_TIMEOUT, MAX_DELAY = 600.0, 3600.0  # the web fetcher's bounds: a timeout of hours or a delay of days is a typo
MAX_CLOSE_AFTER = 3650
MAX_HOT_HOURS = 24.0 * 365


def _named(function: Callable[[str], Any], name: str) -> Callable[[str], Any]:
    function.__name__ = name  # argparse names the type in its own messages
    return function


def count(minimum: int = 1, maximum: int | None = None) -> Callable[[str], int]:
    """A whole number of at least `minimum` (and at most `maximum`)."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            value = None
        if value is None or value < minimum or (maximum is not None and value > maximum):
            upper = f" and at most {maximum}" if maximum is not None else ""
            raise argparse.ArgumentTypeError(f"must be a whole number of at least {minimum}{upper}, not {text!r}")
        return value

    return _named(parse, "count")


def _finite(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def seconds(
    *, above: float | None = None, at_least: float | None = None, at_most: float, unit: str = "seconds"
) -> Callable[[str], float]:
    """A finite number of seconds (or of another `unit`) in a range."""

    def parse(text: str) -> float:
        value = _finite(text)
        low_ok = value is not None and (above is None or value > above) and (at_least is None or value >= at_least)
        if value is None or not low_ok or value > at_most:
            low = f"above {above:g}" if above is not None else f"at least {at_least:g}"
            raise argparse.ArgumentTypeError(f"must be a number of {unit} {low} and at most {at_most:g}, not {text!r}")
        return value

    return _named(parse, "seconds")


def fraction(
    low: float, high: float, *, low_inclusive: bool = True, high_inclusive: bool = True
) -> Callable[[str], float]:
    """A finite number between two bounds."""

    def parse(text: str) -> float:
        value = _finite(text)
        inside = (
            value is not None
            and (value >= low if low_inclusive else value > low)
            and (value <= high if high_inclusive else value < high)
        )
        if not inside:
            left, right = "[" if low_inclusive else "(", "]" if high_inclusive else ")"
            raise argparse.ArgumentTypeError(f"must be a number in {left}{low:g}, {high:g}{right}, not {text!r}")
        return value  # type: ignore[return-value]

    return _named(parse, "number")


def day(text: str) -> str:
    """A day as YYYY-MM-DD, within years 1900-9999."""
    try:
        value = datetime.date.fromisoformat(text)
    except ValueError:
        value = None
    if value is None or not FIRST_DAY <= value <= LAST_DAY or len(text) != 10:
        raise argparse.ArgumentTypeError(
            f"must be a day as YYYY-MM-DD between {FIRST_DAY} and {LAST_DAY}, not {text!r}"
        )
    return value.isoformat()


def web_address(text: str) -> str:
    """An http(s) address with a host."""
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"must be an http(s) address such as https://example.org/news/, not {text!r}")
    return text


def smtp_server(text: str) -> str:
    """An SMTP server: HOST, HOST:PORT, [IPV6]:PORT, or an IPv6 address alone."""
    from ..delivery.mail import split_server

    try:
        split_server(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"must be HOST, HOST:PORT or [IPV6]:PORT, not {text!r} ({error})") from None
    return text


def pick(args: argparse.Namespace, *names: str) -> dict[str, Any]:
    """The arguments of these names, as keyword arguments of the library call of the same names."""
    return {name: getattr(args, name) for name in names}


def options_from(cls: type[T], args: argparse.Namespace, **given: Any) -> T:
    """An options dataclass from the arguments of the same names (one name per option, everywhere)."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{**{k: v for k, v in vars(args).items() if k in names and v is not None}, **given})


def _first_letter_raised(title: str) -> str:
    # rich-argparse's default, str.title, turns "$SUMMARIZER_SMTP" in a group's title into "$Summarizer_Smtp".
    return title[:1].upper() + title[1:]


@functools.cache
def _rich_formatter_class() -> type[argparse.HelpFormatter]:
    from rich_argparse import RawDescriptionRichHelpFormatter

    class Formatter(RawDescriptionRichHelpFormatter):
        group_name_formatter = staticmethod(_first_letter_raised)  # type: ignore[assignment]  # staticmethod: mypy reads it as bound

    return Formatter


def rich_formatter(prog: str) -> argparse.HelpFormatter:
    """Help in colour (rich is loaded only to show help); group titles as written, the first letter raised."""
    return _rich_formatter_class()(prog)


def comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def count_list(text: str) -> list[int]:
    parse = count()
    return [parse(part) for part in comma_list(text)]


COUNT, JOBS = count(), count()
SHARE = fraction(0.0, 1.0)


TEMPLATES_HELP = (
    "Jinja2 templates that replace the shipped ones of the same name (site/day.html, page.css, ...; "
    "docs/site-and-mail.md): restyle the site"
)


# fmt: off
# Arguments, one function per command, kept as tables: one option a line.
def digest_arguments(parser: Parser) -> None:
    from ..core.options import MODES, DigestOptions
    from ..core.order import ORDERS
    from ..core.represent import SIMILARITIES
    from ..core.select import SELECTIONS

    default = DigestOptions()
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or globs (text, Markdown, HTML, JSON, JSONL, RSS/Atom, cluster files); '-' or nothing reads stdin")
    budget = parser.add_argument_group("length (combine freely; all are met, none exceeded)")
    budget.add_argument("--sentences", "-n", type=COUNT, metavar="N", help="at most N sentences (default 7 when no budget is given)")
    budget.add_argument("--words", "-w", type=COUNT, metavar="N", help="at most N words")
    budget.add_argument("--ratio", "-r", type=fraction(0.0, 1.0, low_inclusive=False), metavar="R", help="at most R × the input's sentences (0 < R <= 1)")
    budget.add_argument("--bytes", "-b", type=count(4), metavar="N", help="at most N bytes of UTF-8 text (sentences joined by spaces)")
    method = parser.add_argument_group("method")
    method.add_argument("--similarity", choices=list(SIMILARITIES), default=default.similarity, help="edge weights: " + "; ".join(f"{k}: {v.description}" for k, v in SIMILARITIES.items()))
    method.add_argument("--selection", choices=list(SELECTIONS), default=default.selection, help="redundancy control: " + "; ".join(f"{k}: {v.description}" for k, v in SELECTIONS.items()))
    method.add_argument("--redundancy", type=SHARE, metavar="T", default=default.redundancy, help=f"cosine above which two sentences state the same fact (default {default.redundancy})")
    method.add_argument("--position-prior", type=SHARE, metavar="P", default=default.position_prior, help=f"share of PageRank's teleport mass given to article leads (default {default.position_prior})")
    method.add_argument("--language", default=default.language, metavar="NAME", help="'auto' (default) or a language name such as english, german, french")
    method.add_argument("--mode", choices=MODES, default=default.mode, help="abstractive: fuse the sentences outlets share into one and compress long ones, each checked by a guard")
    method.add_argument("--query", metavar="TEXT", help="focus the digest on this topic statement (PageRank teleports to the sentences it matches)")
    method.add_argument("--seen", action="append", default=[], metavar="PATH", help="articles the reader has already read: the digest tells what the new ones add (repeatable)")
    differences_arguments(method)
    method.add_argument("--model", metavar="PATH", help="a local seq2seq model directory (transformers) whose guarded rewrites compete in the selection; offline only")
    out = parser.add_argument_group("output")
    out.add_argument("--order", choices=list(ORDERS), default=default.order, help="; ".join(f"{k}: {v.description}" for k, v in ORDERS.items()))
    out.add_argument("--no-sources", action="store_true", help='sentences only, one per line, without source markers ("[2; also 1, 4]": from source 2; sources 1 and 4 state the same fact)')
    out.add_argument("--explain", action="store_true", help="also show what cleaning removed and which name spellings were merged")
    out.add_argument("--jobs", "-j", type=JOBS, metavar="N", help="processes for cleaning large inputs (default: all cores)")


def differences_arguments(parser: Any) -> None:
    parser.add_argument("--no-differences", dest="differences", action="store_false", default=None, help="leave out where the outlets differ (figures, claims, omissions, who had it first)")
    parser.add_argument("--labels", metavar="FILE", help="outlet labels (TOML or CSV: outlet name or web domain -> leaning, country, ...): coverage by label and blindspots")


def daily_arguments(parser: Parser) -> None:
    from ..core.options import MODES, DigestOptions
    from ..core.represent import SIMILARITIES
    from ..stories import GROUPINGS, GroupingOptions

    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, globs (text, Markdown, HTML, JSON, JSONL, RSS/Atom); '-' reads stdin")
    parser.add_argument("--date", type=day, metavar="YYYY-MM-DD", help="keep only articles of this day (undated articles are kept); with --archive, also the day the run is archived under (default: today)")
    parser.add_argument("--stories", type=COUNT, metavar="N", help="at most N stories")
    per = parser.add_mutually_exclusive_group()
    per.add_argument("--words-per-story", type=COUNT, metavar="N", help="budget of each story's digest in words")
    per.add_argument("--sentences-per-story", type=COUNT, metavar="N", help="budget in sentences (default 3)")
    parser.add_argument("--drop-singletons", action="store_true", help="leave out stories that only one article covers")
    parser.add_argument("--grouping", choices=list(GROUPINGS), default=GroupingOptions.method, help="centroid (default): average linkage on a sparse neighbour graph, then each article moves to the story it is closest to; average: the linkage alone")
    parser.add_argument("--distance", type=SHARE, default=GroupingOptions.distance, metavar="D", help=f"grouping cut, as 1 - cosine (default {GroupingOptions.distance}): higher joins more")
    parser.add_argument("--learned", type=SHARE, default=GroupingOptions.learned, metavar="W", help="share of article similarity from vectors learned (LSA) from the day's articles and, with --archive, the archive's latest; 0 (default): words only. Measured: 0.8 (eval/semantic_grouping.py, eval/archive_grouping.py)")
    parser.add_argument("--learned-distance", type=SHARE, default=GroupingOptions.learned_distance, metavar="D", help=f"grouping cut when learned vectors are used (default {GroupingOptions.learned_distance})")
    parser.add_argument("--learn-from", type=count(0), default=GroupingOptions.learn_from, metavar="N", help=f"use learned vectors only when the day's and the archive's articles number N or more (default {GroupingOptions.learn_from}); from fewer they group worse than words")
    parser.add_argument("--mode", choices=MODES, default="extractive", help="abstractive: fuse what several outlets say into one sentence (guarded)")
    parser.add_argument("--similarity", choices=list(SIMILARITIES), default=DigestOptions.similarity, help="edge weights of each story's sentence graph (see `digest --help`); semantic and hybrid need the 'semantic' extra")
    parser.add_argument("--jobs", "-j", type=JOBS, metavar="N", help="processes for summarising stories (default: all cores)")
    parser.add_argument("--explain", action="store_true",
                        help="say why each story's articles were joined (its strongest links) and why a single "
                             "article stayed alone (its nearest story); list every article left out (no text after "
                             "cleaning)")  # fmt: skip
    differences_arguments(parser)
    parser.add_argument("--scheduler", metavar="ADDRESS", default=os.environ.get("DASK_SCHEDULER_ADDRESS"), help="run on the Dask cluster at ADDRESS (default: $DASK_SCHEDULER_ADDRESS; needs summarizer\\[distributed])")
    memory = parser.add_argument_group("memory across days (the archive)")
    memory.add_argument("--archive", metavar="PATH", help="keep articles, stories and digests in this SQLite file: stories continue across days and tell what is new (default with --feeds: $SUMMARIZER_ARCHIVE or ~/.local/share/summarizer/archive.db)")
    memory.add_argument("--feeds", metavar="FILE", help="first fetch the RSS/Atom feeds listed in FILE (TOML with each feed's settings, OPML, or one URL per line) and the pages they link to")
    memory.add_argument("--rebuild", action="store_true", help="regroup the day's archived articles from scratch and summarise every story again (a run of a day that had one otherwise goes on from it: only new articles are cleaned and grouped, and an unchanged story keeps its digest)")
    memory.add_argument("--close-after", type=count(1, MAX_CLOSE_AFTER), default=3, metavar="DAYS", help="a story with no new article for DAYS days is closed (default 3)")
    fetch_arguments(memory, feeds=False)
    shown = parser.add_argument_group("what shows")
    shown.add_argument("--min-sources", type=COUNT, metavar="N", help="leave out stories fewer than N distinct outlets cover")
    shown.add_argument("--hot", type=seconds(above=0.0, at_most=MAX_HOT_HOURS, unit="hours"), metavar="HOURS", dest="hot_hours", help="rank stories first by the outlets that reported them in the last HOURS (before the day's newest article)")
    delivery_arguments(parser)


def delivery_arguments(parser: Parser) -> None:
    site = parser.add_argument_group("the static site")
    site.add_argument("--site", metavar="DIR", help="keep a static site of the archive up to date in DIR: index.html, a page per day and per story, feed.atom (implies --archive)")
    site.add_argument("--site-url", type=web_address, metavar="URL", help="where the site is served (https://...): the Atom feed's links become absolute and the mail links to the day's page")
    site.add_argument("--templates", metavar="DIR", help=TEMPLATES_HELP + ", the page of -f html and the mail's HTML")
    mail = parser.add_argument_group("e-mail (settings also from $SUMMARIZER_SMTP, $SUMMARIZER_SMTP_SECURITY, $SUMMARIZER_SMTP_USER, $SUMMARIZER_MAIL_FROM, $SUMMARIZER_MAIL_TO; the password only from $SUMMARIZER_SMTP_PASSWORD or --smtp-password-file)")
    mail.add_argument("--mail-to", nargs="+", action="extend", metavar="ADDRESS", help="send the day's digest to these addresses (give them after the articles' paths)")
    mail.add_argument("--smtp", type=smtp_server, metavar="HOST[:PORT]", help="the SMTP server: HOST, HOST:PORT, [IPV6]:PORT (default: $SUMMARIZER_SMTP or localhost:25)")
    mail.add_argument("--smtp-security", choices=["none", "starttls", "tls"], help="none (default), starttls (port 587) or tls (port 465); a password is sent over none only when it is given")
    mail.add_argument("--smtp-user", metavar="USER", help="log in as USER (default: $SUMMARIZER_SMTP_USER; needs a password)")
    mail.add_argument("--smtp-password-file", metavar="FILE", help="the SMTP password is the first line of FILE")
    mail.add_argument("--mail-from", metavar="ADDRESS", help="the sender (default: $SUMMARIZER_MAIL_FROM or summarizer@localhost)")


def site_arguments(parser: Parser) -> None:
    parser.add_argument("folder", metavar="DIR", help="the site's folder (made when missing)")
    parser.add_argument("--archive", metavar="PATH", help="the archive (default: $SUMMARIZER_ARCHIVE or ~/.local/share/summarizer/archive.db)")
    parser.add_argument("--site-url", type=web_address, metavar="URL", help="where the site is served: the Atom feed's links become absolute")
    parser.add_argument("--templates", metavar="DIR", help=TEMPLATES_HELP)
    parser.add_argument("--labels", metavar="FILE", help="the outlet label file whose order the coverage bars follow, left to right (the counts are the archive's)")


def fetch_arguments(parser: Any, *, feeds: bool = True) -> None:
    if feeds:
        parser.add_argument("feeds", metavar="FEEDS", help="the feed list: TOML with each feed's settings, OPML, or one URL per line")
        parser.add_argument("--archive", metavar="PATH", help="the archive to add the articles to (default: $SUMMARIZER_ARCHIVE or ~/.local/share/summarizer/archive.db)")
        parser.add_argument("--date", type=day, metavar="YYYY-MM-DD", help="the day the articles are archived under (default: today)")
    parser.add_argument("--delay", type=seconds(at_least=0.0, at_most=MAX_DELAY), default=1.0, metavar="SECONDS", help="wait between two requests to one host (default 1; robots.txt's Crawl-delay when longer)")
    parser.add_argument("--timeout", type=seconds(above=0.0, at_most=MAX_TIMEOUT), default=10.0, metavar="SECONDS", help="give up on a request after this long (default 10)")


def archive_arguments(parser: Parser) -> None:
    parser.add_argument("action", choices=["days", "stories", "story", "export", "check", "recover", "prune"], help="days: what each day holds; stories: every story (--day: of one day); story ID: its timeline and digests; export: everything as JSON; check: a full integrity check; recover: copy every row that can still be read into a new archive (--into); prune --before DATE: delete older days (--dry-run shows what would go, --yes deletes)")
    parser.add_argument("story_id", nargs="?", metavar="ID", help="the story, for 'story'")
    parser.add_argument("--archive", metavar="PATH", help="the archive (default: $SUMMARIZER_ARCHIVE or ~/.local/share/summarizer/archive.db)")
    parser.add_argument("--day", type=day, metavar="YYYY-MM-DD", help="for 'stories': only the stories with articles of this day")
    parser.add_argument("--before", type=day, metavar="YYYY-MM-DD", help="for 'prune': delete what belongs to days before this one")
    parser.add_argument("--dry-run", action="store_true", help="for 'prune': show what would be deleted, delete nothing")
    parser.add_argument("--yes", action="store_true", help="for 'prune': delete without asking")
    parser.add_argument("--into", metavar="PATH", help="for 'recover': the new archive to write (default: the archive's name with .recovered before .db; never an existing file)")


def eval_arguments(parser: Parser) -> None:
    what = parser.add_argument_group("what to score")
    what.add_argument("--summary", metavar="FILE", help="the summary: one sentence per line, a digest (text or JSON), or - for stdin")
    what.add_argument("--reference", action="append", default=[], metavar="FILE", help="a human reference summary (repeat for several)")
    what.add_argument("--source", action="append", default=[], metavar="PATH", help="source articles: files or directories, as for digest (repeatable)")
    what.add_argument("--pairs", metavar="FILE", help="batch: JSON Lines of {id, summary, references}")
    what.add_argument("--baseline-pairs", metavar="FILE", help="with --pairs: a second system's summaries of the same items; tests --pairs against it (paired bootstrap and approximate randomization)")
    what.add_argument("--measure", choices=("recall", "precision", "f"), help="with --baseline-pairs: the measure the paired tests compare (default: recall in rouge155 mode, F in rouge-score mode)")
    what.add_argument("--paired-resamples", type=count(100), metavar="N", help="with --baseline-pairs: resamples of each paired test (default 10000, at least 100)")
    what.add_argument("--seed", type=count(0), metavar="S", help="with --baseline-pairs: seed of the paired tests (default 12345)")
    how = parser.add_argument_group("how to score")
    how.add_argument("--metrics", type=comma_list, default="rouge-1,rouge-2,rouge-l,rouge-su4", help="comma-separated: rouge-N, rouge-l (summary-level union LCS), rouge-l-text (one LCS over the whole text), rouge-w, rouge-sD, rouge-suD, rouge-s*, rouge-su* (default: rouge-1,rouge-2,rouge-l,rouge-su4)")
    how.add_argument("--compat", choices=("rouge155", "rouge-score"), default="rouge155", help="reproduce ROUGE-1.5.5 (default) or Google's rouge-score package")
    how.add_argument("--stem", action="store_true", help="stem (ROUGE-1.5.5 -m: WordNet exceptions + Porter; rouge-score: NLTK Porter)")
    how.add_argument("--stopwords", action="store_true", help="remove stop words (ROUGE-1.5.5 -s; rouge155 mode only)")
    limit = how.add_mutually_exclusive_group()
    limit.add_argument("--max-words", type=COUNT, metavar="N", help="truncate summary and references to N words (-l)")
    limit.add_argument("--max-bytes", type=COUNT, metavar="N", help="truncate to N bytes (-b), with ROUGE-1.5.5's quirks")
    how.add_argument("--multi-ref", choices=("pooled", "best", "max-f"), help="several references: pooled counts (-f A, rouge155 default), best recall (-f B), best F (rouge-score default)")
    how.add_argument("--alpha", type=SHARE, default=0.5, metavar="A", help="F = PR / ((1-A)P + AR) (default 0.5)")
    how.add_argument("--tokenizer", choices=("default", "unicode"), default="default", help="default: the compat mode's ASCII tokenizer; unicode: any script")
    how.add_argument("--language", default="english", help="stemmer and stop words for --tokenizer unicode (default english)")
    how.add_argument("--resamples", type=count(0), default=1000, metavar="R", help="bootstrap resamples (default 1000; 0: none)")
    how.add_argument("--confidence", type=fraction(0.0, 100.0, low_inclusive=False, high_inclusive=False), default=95.0, metavar="C", help="confidence level in percent (default 95)")
    how.add_argument("--perl-flags", metavar="FLAGS", help='ROUGE-1.5.5 flags, e.g. "-n 2 -m -2 4 -u -f A -p 0.5"; they set the options above')


def system_arguments(parser: Parser) -> None:
    parser.add_argument("--systems", type=comma_list, default="textrank,sumy-textrank,sumy-lexrank,lead", help="comma-separated system names (default: textrank,sumy-textrank,sumy-lexrank,lead)")
    parser.add_argument("--jobs", "-j", type=JOBS, default=1, metavar="N", help="worker processes (results are identical for any N)")


def compare_arguments(parser: Parser) -> None:
    parser.add_argument("dataset", metavar="DATASET", help="a directory of cluster files")
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--words", type=COUNT, metavar="N", help="summary length in words (default: the dataset's standard length)")
    budget.add_argument("--sentences", type=COUNT, metavar="N", help="summary length in sentences")
    parser.add_argument("--compat", choices=("rouge155", "rouge-score"), help="override the dataset's ROUGE mode")
    parser.add_argument("--metrics", type=comma_list, help="override the dataset's metrics (comma-separated)")
    stem = parser.add_mutually_exclusive_group()
    stem.add_argument("--stem", dest="stem", action="store_const", const=True, help="override: stem")
    stem.add_argument("--no-stem", dest="stem", action="store_const", const=False, help="override: do not stem")
    parser.add_argument("--save-summaries", metavar="DIR", help="write each system's summary per cluster, one sentence per line")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=os.environ.get("DASK_SCHEDULER_ADDRESS"), help="run on the Dask cluster at ADDRESS (default: $DASK_SCHEDULER_ADDRESS)")
    paired = parser.add_argument_group("paired significance (against a baseline)")
    paired.add_argument("--baseline", metavar="SYSTEM", help="test every other system against this one: the mean difference, its 95%% interval by paired bootstrap, p-values by paired bootstrap and approximate randomization")
    paired.add_argument("--paired-resamples", type=count(100), metavar="N", help="with --baseline: resamples of each paired test (default 10000, at least 100)")
    paired.add_argument("--seed", type=count(0), metavar="S", help="with --baseline: seed of the paired tests (default 12345)")
    paired.add_argument("--holm", action="store_true", help="with --baseline: Holm-Bonferroni correction across the systems tested against it")
    paired.add_argument("--per-cluster", metavar="FILE", help="write every system x cluster x metric score: CSV (.csv) or JSON Lines (anything else)")
    system_arguments(parser)


def lengths_arguments(parser: Parser) -> None:
    parser.add_argument("input", metavar="INPUT", nargs="+", help="a dataset directory, or article files/directories")
    parser.add_argument("--lengths", type=count_list, default=[50, 100, 150, 200, 300], help="word budgets (default: 50,100,150,200,300)")
    parser.add_argument("--plot", metavar="FILE.png", help="write the curves as a PNG (matplotlib)")
    parser.add_argument("--density-plot", metavar="FILE.png", help="write each system's extractive coverage against density (Newsroom's view) as a PNG")
    system_arguments(parser)


def extract_arguments(parser: Parser) -> None:
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or globs, as for digest; '-' reads stdin")
    parser.add_argument("--raw", action="store_true", help="the text as extracted, before cleaning")


def common_arguments(parser: Parser, formats: Sequence[str]) -> None:
    parser.add_argument("--format", "-f", choices=formats, default=formats[0], help="output format (a terminal gets a rich view)")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically; '-' is stdout)")
    parser.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no notes on stderr")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
# fmt: on


COMMAND_ARGUMENTS: dict[str, Callable[[Parser], None]] = {
    "digest": digest_arguments,
    "daily": daily_arguments,
    "eval": eval_arguments,
    "compare": compare_arguments,
    "lengths": lengths_arguments,
    "extract": extract_arguments,
    "fetch": fetch_arguments,
    "archive": archive_arguments,
    "site": site_arguments,
}
