"""The `summarizer` command. Each command parses its arguments, checks its outputs, calls the library and renders
the result (`summarizer.render.<result>`); it imports the library inside the command, so a command loads only what
it needs. Exit codes: 0 a result; 1 nothing usable in the input; 2 a usage problem (an invalid option, a missing path,
an output that cannot be written); 70 a bug (`--debug` shows it); 130 interrupted."""

from __future__ import annotations

import argparse
import contextlib
import datetime
import importlib
import os
import shlex
import sys
from argparse import Namespace
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from typing import Any, NoReturn, TypeVar

from .errors import InputNotFound, ModelError, OptionsError, OutputError, SummarizerError
from .ingest import load_inputs
from .output import check_output, write_text
from .render import renderer_for
from .render.progress import Progress
from .version import __version__

EXIT_OK, EXIT_NO_RESULT, EXIT_USAGE, EXIT_SOFTWARE, EXIT_INTERRUPTED = 0, 1, 2, 70, 130
USAGE_ERRORS = (OptionsError, InputNotFound, OutputError, ModelError)
T = TypeVar("T")
DESCRIPTION = "Offline multi-document news summarizer with a ROUGE evaluation toolkit."


class UsageError(Exception):
    """A problem with how the command was called (argparse's errors end up here)."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, no usage dump
        raise UsageError(message)


def say(message: str) -> None:  # one plain line on stderr, never wrapped or styled
    print(message, file=sys.stderr, flush=True)


def _rich_formatter(prog: str) -> argparse.HelpFormatter:
    from rich_argparse import RawDescriptionRichHelpFormatter

    return RawDescriptionRichHelpFormatter(prog)


def comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def load_articles(args: Namespace, what: str) -> Any:
    """Documents from the paths or stdin, with warnings printed (digest and daily share it)."""
    if not args.paths and sys.stdin.isatty():
        raise UsageError(f"no input: give files or directories, or pipe {what} to stdin")
    loaded = load_inputs(args.paths)
    for warning in loaded.warnings if not args.quiet else []:
        say(f"summarizer: warning: {warning}")
    return loaded


def check_outputs(args: Namespace, inputs: Sequence[str], *files: str | None) -> None:
    """Refuse, before any work, outputs that cannot be written or that are inputs."""
    for path in (args.output, *files):
        if path:
            check_output(path, inputs=inputs)


def emit(args: Namespace, result: Any, **options: Any) -> None:
    """Write a result: to --output, to a terminal as its rich view, or as text to a pipe."""
    renderer = renderer_for(result)
    if args.output and args.output != "-":
        write_text(args.output, renderer.render(result, args.format, **options))
        if not args.quiet:
            say(f"wrote {args.output}")
    elif args.format in ("text", "table") and sys.stdout.isatty() and hasattr(renderer, "rich_view"):
        from rich.console import Console

        view = renderer.rich_view(result, **{k: v for k, v in options.items() if k == "explain"})
        Console(highlight=False).print(view, crop=False)
    else:
        write_text("-", renderer.render(result, args.format, **options))


# fmt: off
# Arguments, one function per command, kept as tables: one option a line.
def digest_arguments(parser: Parser) -> None:
    from .options import MODES, DigestOptions
    from .order import ORDERS
    from .represent import SIMILARITIES
    from .select import SELECTIONS

    default = DigestOptions()
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or globs (text, Markdown, HTML, JSON, JSONL, RSS/Atom, cluster files); '-' or nothing reads stdin")
    budget = parser.add_argument_group("length (combine freely; all are met, none exceeded)")
    budget.add_argument("--sentences", "-n", type=int, metavar="N", help="at most N sentences (default 7 when no budget is given)")
    budget.add_argument("--words", "-w", type=int, metavar="N", help="at most N words")
    budget.add_argument("--ratio", "-r", type=float, metavar="R", help="at most R × the input's sentences (0 < R <= 1)")
    budget.add_argument("--bytes", "-b", type=int, metavar="N", help="at most N bytes of UTF-8 text (sentences joined by spaces)")
    method = parser.add_argument_group("method")
    method.add_argument("--similarity", choices=list(SIMILARITIES), default=default.similarity, help="edge weights: " + "; ".join(f"{k}: {v.description}" for k, v in SIMILARITIES.items()))
    method.add_argument("--selection", choices=list(SELECTIONS), default=default.selection, help="redundancy control: " + "; ".join(f"{k}: {v.description}" for k, v in SELECTIONS.items()))
    method.add_argument("--redundancy", type=float, metavar="T", default=default.redundancy, help=f"cosine above which two sentences state the same fact (default {default.redundancy})")
    method.add_argument("--position-prior", type=float, metavar="P", default=default.position_prior, help=f"share of PageRank's teleport mass given to article leads (default {default.position_prior})")
    method.add_argument("--language", default=default.language, metavar="NAME", help="'auto' (default) or a language name such as english, german, french")
    method.add_argument("--mode", choices=MODES, default=default.mode, help="abstractive: fuse the sentences outlets share into one and compress long ones, each checked by a guard")
    method.add_argument("--query", metavar="TEXT", help="focus the digest on this topic statement (PageRank teleports to the sentences it matches)")
    method.add_argument("--seen", action="append", default=[], metavar="PATH", help="articles the reader has already read: the digest tells what the new ones add (repeatable)")
    method.add_argument("--model", metavar="PATH", help="a local seq2seq model directory (transformers) whose guarded rewrites compete in the selection; offline only")
    out = parser.add_argument_group("output")
    out.add_argument("--order", choices=list(ORDERS), default=default.order, help="; ".join(f"{k}: {v.description}" for k, v in ORDERS.items()))
    out.add_argument("--no-sources", action="store_true", help='sentences only, one per line, without source markers ("[2; also 1, 4]": from source 2; sources 1 and 4 state the same fact)')
    out.add_argument("--explain", action="store_true", help="also show what cleaning removed and which name spellings were merged")
    out.add_argument("--jobs", "-j", type=int, metavar="N", help="processes for cleaning large inputs (default: all cores)")


def daily_arguments(parser: Parser) -> None:
    from .options import MODES
    from .stories import GROUPINGS, GroupingOptions

    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, directories, globs (text, Markdown, HTML, JSON, JSONL, RSS/Atom); '-' reads stdin")
    parser.add_argument("--date", type=str, metavar="YYYY-MM-DD", help="keep only articles of this day (undated articles are kept); with --archive, the day of this run (default: today)")
    parser.add_argument("--stories", type=int, metavar="N", help="at most N stories")
    per = parser.add_mutually_exclusive_group()
    per.add_argument("--words-per-story", type=int, metavar="N", help="budget of each story's digest in words")
    per.add_argument("--sentences-per-story", type=int, metavar="N", help="budget in sentences (default 3)")
    parser.add_argument("--drop-singletons", action="store_true", help="leave out stories that only one article covers")
    parser.add_argument("--grouping", choices=list(GROUPINGS), default=GroupingOptions.method, help="centroid (default): average linkage on a sparse neighbour graph, then each article moves to the story it is closest to; average: the linkage alone")
    parser.add_argument("--distance", type=float, default=GroupingOptions.distance, metavar="D", help=f"grouping cut, as 1 - cosine (default {GroupingOptions.distance}): higher joins more")
    parser.add_argument("--mode", choices=MODES, default="extractive", help="abstractive: fuse what several outlets say into one sentence (guarded)")
    parser.add_argument("--jobs", "-j", type=int, metavar="N", help="processes for summarising stories (default: all cores)")
    parser.add_argument("--explain", action="store_true", help="list every article left out (no text after cleaning)")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=os.environ.get("DASK_SCHEDULER_ADDRESS"), help="run on the Dask cluster at ADDRESS (default: $DASK_SCHEDULER_ADDRESS; needs summarizer[distributed])")
    memory = parser.add_argument_group("memory across days (the archive)")
    memory.add_argument("--archive", metavar="PATH", help="keep articles, stories and digests in this SQLite file: stories continue across days and tell what is new (default with --feeds: $SUMMARIZER_ARCHIVE or ~/.local/share/summarizer/archive.db)")
    memory.add_argument("--feeds", metavar="FILE", help="first fetch the RSS/Atom feeds listed in FILE (OPML, or one URL per line) and the pages they link to")
    memory.add_argument("--close-after", type=int, default=3, metavar="DAYS", help="a story with no new article for DAYS days is closed (default 3)")
    fetch_arguments(memory, feeds=False)


def fetch_arguments(parser: Any, *, feeds: bool = True) -> None:
    if feeds:
        parser.add_argument("feeds", metavar="FEEDS", help="OPML file, or a file of feed URLs one per line")
        parser.add_argument("--archive", metavar="PATH", help="the archive to add the articles to (default: $SUMMARIZER_ARCHIVE or ~/.local/share/summarizer/archive.db)")
        parser.add_argument("--date", metavar="YYYY-MM-DD", help="the day the articles are archived under (default: today)")
    parser.add_argument("--delay", type=float, default=1.0, metavar="SECONDS", help="wait between two requests to one host (default 1; robots.txt's Crawl-delay when longer)")
    parser.add_argument("--timeout", type=float, default=10.0, metavar="SECONDS", help="give up on a request after this long (default 10)")


def archive_arguments(parser: Parser) -> None:
    parser.add_argument("action", choices=["days", "stories", "story", "export", "prune"], help="days: what each day holds; stories: every story (--day: of one day); story ID: its timeline and digests; export: everything as JSON; prune --before DATE: delete older days")
    parser.add_argument("story_id", nargs="?", metavar="ID", help="the story, for 'story'")
    parser.add_argument("--archive", metavar="PATH", help="the archive (default: $SUMMARIZER_ARCHIVE or ~/.local/share/summarizer/archive.db)")
    parser.add_argument("--day", metavar="YYYY-MM-DD", help="for 'stories': only the stories with articles of this day")
    parser.add_argument("--before", metavar="YYYY-MM-DD", help="for 'prune': delete what belongs to days before this one")


def eval_arguments(parser: Parser) -> None:
    what = parser.add_argument_group("what to score")
    what.add_argument("--summary", metavar="FILE", help="the summary: one sentence per line, a digest (text or JSON), or - for stdin")
    what.add_argument("--reference", action="append", default=[], metavar="FILE", help="a human reference summary (repeat for several)")
    what.add_argument("--source", action="append", default=[], metavar="PATH", help="source articles: files or directories, as for digest (repeatable)")
    what.add_argument("--pairs", metavar="FILE", help="batch: JSON Lines of {id, summary, references}")
    how = parser.add_argument_group("how to score")
    how.add_argument("--metrics", type=comma_list, default="rouge-1,rouge-2,rouge-l,rouge-su4", help="comma-separated: rouge-N, rouge-l (summary-level union LCS), rouge-l-text (one LCS over the whole text), rouge-w, rouge-sD, rouge-suD, rouge-s*, rouge-su* (default: rouge-1,rouge-2,rouge-l,rouge-su4)")
    how.add_argument("--compat", choices=("rouge155", "rouge-score"), default="rouge155", help="reproduce ROUGE-1.5.5 (default) or Google's rouge-score package")
    how.add_argument("--stem", action="store_true", help="stem (ROUGE-1.5.5 -m: WordNet exceptions + Porter; rouge-score: NLTK Porter)")
    how.add_argument("--stopwords", action="store_true", help="remove stop words (ROUGE-1.5.5 -s; rouge155 mode only)")
    limit = how.add_mutually_exclusive_group()
    limit.add_argument("--max-words", type=int, metavar="N", help="truncate summary and references to N words (-l)")
    limit.add_argument("--max-bytes", type=int, metavar="N", help="truncate to N bytes (-b), with ROUGE-1.5.5's quirks")
    how.add_argument("--multi-ref", choices=("pooled", "best", "max-f"), help="several references: pooled counts (-f A, rouge155 default), best recall (-f B), best F (rouge-score default)")
    how.add_argument("--alpha", type=float, default=0.5, metavar="A", help="F = PR / ((1-A)P + AR) (default 0.5)")
    how.add_argument("--tokenizer", choices=("default", "unicode"), default="default", help="default: the compat mode's ASCII tokenizer; unicode: any script")
    how.add_argument("--language", default="english", help="stemmer and stop words for --tokenizer unicode (default english)")
    how.add_argument("--resamples", type=int, default=1000, metavar="R", help="bootstrap resamples (default 1000; 0: none)")
    how.add_argument("--confidence", type=float, default=95.0, metavar="C", help="confidence level in percent (default 95)")
    how.add_argument("--perl-flags", metavar="FLAGS", help='ROUGE-1.5.5 flags, e.g. "-n 2 -m -2 4 -u -f A -p 0.5"; they set the options above')


def system_arguments(parser: Parser) -> None:
    parser.add_argument("--systems", type=comma_list, default="textrank,sumy-textrank,sumy-lexrank,lead", help="comma-separated system names (default: textrank,sumy-textrank,sumy-lexrank,lead)")
    parser.add_argument("--jobs", "-j", type=int, default=1, metavar="N", help="worker processes (results are identical for any N)")


def compare_arguments(parser: Parser) -> None:
    parser.add_argument("dataset", metavar="DATASET", help="a directory of cluster files")
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--words", type=int, metavar="N", help="summary length in words (default: the dataset's standard length)")
    budget.add_argument("--sentences", type=int, metavar="N", help="summary length in sentences")
    parser.add_argument("--compat", choices=("rouge155", "rouge-score"), help="override the dataset's ROUGE mode")
    parser.add_argument("--metrics", type=comma_list, help="override the dataset's metrics (comma-separated)")
    stem = parser.add_mutually_exclusive_group()
    stem.add_argument("--stem", dest="stem", action="store_const", const=True, help="override: stem")
    stem.add_argument("--no-stem", dest="stem", action="store_const", const=False, help="override: do not stem")
    parser.add_argument("--save-summaries", metavar="DIR", help="write each system's summary per cluster, one sentence per line")
    parser.add_argument("--scheduler", metavar="ADDRESS", default=os.environ.get("DASK_SCHEDULER_ADDRESS"), help="run on the Dask cluster at ADDRESS (default: $DASK_SCHEDULER_ADDRESS)")
    system_arguments(parser)


def lengths_arguments(parser: Parser) -> None:
    parser.add_argument("input", metavar="INPUT", nargs="+", help="a dataset directory, or article files/directories")
    parser.add_argument("--lengths", type=lambda text: [int(part) for part in comma_list(text)], default=[50, 100, 150, 200, 300], help="word budgets (default: 50,100,150,200,300)")
    parser.add_argument("--plot", metavar="FILE.png", help="write the curves as a PNG (matplotlib)")
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


def run_extract(args: Namespace) -> int:
    """Show what the summarizer reads: each article's id, source, date and cleaned text."""
    from .extract import extract

    check_outputs(args, args.paths)
    emit(args, extract(load_articles(args, "articles").documents, raw=args.raw))
    return EXIT_OK


def pick(args: Namespace, *names: str) -> dict[str, Any]:
    """The arguments of these names, as keyword arguments of the library call of the same names."""
    return {name: getattr(args, name) for name in names}


def options_from(cls: type[T], args: Namespace, **given: Any) -> T:
    """An options dataclass from the arguments of the same names (one name per option, everywhere)."""
    names = {f.name for f in fields(cls)}  # type: ignore[arg-type]
    return cls(**{**{k: v for k, v in vars(args).items() if k in names and v is not None}, **given})


def run_digest(args: Namespace) -> int:
    """Merge articles about one event into one digest.

    It states each fact once, fits the length asked for and says which sources reported each sentence."""
    from .digest import summarize
    from .options import DigestOptions

    options = options_from(DigestOptions, args)
    check_outputs(args, [*args.paths, *args.seen])
    documents, seen = load_articles(args, "text").documents, load_inputs(args.seen).documents if args.seen else []
    with Progress(quiet=args.quiet) as bar:
        digest = summarize(documents, seen=seen, options=options, jobs=args.jobs, stages=bar.stage)
    emit(args, digest, sources=not args.no_sources, explain=args.explain)
    return EXIT_OK


def run_daily(args: Namespace) -> int:
    """Group a day's articles into stories, rank them and summarise each.

    With --archive (or --feeds) the day's articles are kept, stories continue from earlier days with a stable
    id, and a continuing story's digest tells only what is new since its last digest."""
    from .options import DigestOptions
    from .stories import GroupingOptions, daily

    grouping, options = options_from(GroupingOptions, args, method=args.grouping), options_from(DigestOptions, args)
    check_outputs(args, args.paths)
    remember = bool(args.archive or args.feeds)
    documents = load_articles(args, "articles").documents if args.paths or not remember else []
    settings = pick(args, "stories", "words_per_story", "sentences_per_story", "jobs", "scheduler")
    settings["keep_singletons"] = not args.drop_singletons
    with Progress(quiet=args.quiet) as bar:
        if remember:
            result = remembered(args, documents, grouping=grouping, options=options, stages=bar.stage, **settings)
        else:
            result = daily(documents, grouping=grouping, options=options, stages=bar.stage, date=args.date, **settings)
    if not result.stories:
        say("summarizer: error: no story left (every article was filtered out or had no text)")
        return EXIT_NO_RESULT
    pages = story_pages(args, result)
    emit(args, result, explain=args.explain, **({"story_pages": pages} if pages else {}))
    return EXIT_OK


def remembered(args: Namespace, documents: Sequence[Any], **settings: Any) -> Any:
    """daily with the archive: fetch the feeds (when given) and run in one archive transaction."""
    from .archive import Archive, check_day, default_archive_path
    from .documents import check_count
    from .stories.memory import remembered_daily

    day = check_day(args.date) if args.date else datetime.date.today().isoformat()
    check_count("close_after", args.close_after)
    gather = None
    if args.feeds:
        from .fetch import read_feed_list

        feeds = read_feed_list(args.feeds)
        gather = lambda run: fetch_into(run, feeds, args).documents  # noqa: E731
    with Archive(args.archive or default_archive_path()) as archive:
        return remembered_daily(archive, documents, day=day, command=args.command, close_after=args.close_after,
                                gather=gather, **settings)  # fmt: skip


def fetch_into(run: Any, feeds: Sequence[str], args: Namespace) -> Any:
    """Fetch feeds within an archive run: feed states and known pages come from the archive; problems are warnings."""
    from .archive import save_feed_state
    from .fetch import FetchSettings, fetch_feeds

    report = fetch_feeds(feeds, settings=FetchSettings(delay=args.delay, timeout=args.timeout),
                         state=run.archive.feed_state, known=run.archive.knows_url)  # fmt: skip
    for feed in report.feeds:
        save_feed_state(run, feed.url, etag=feed.etag, last_modified=feed.last_modified, status=feed.status)
    for problem in report.problems if not args.quiet else []:
        say(f"summarizer: warning: {problem}")
    return report


def story_pages(args: Namespace, result: Any) -> str | None:
    """With an HTML file as output, each continuing story's earlier digests go to a static page next to it."""
    if args.format != "html" or not args.output or args.output == "-":
        return None
    continuing = [s for s in result.stories if s.story_id and len(s.timeline) > 1]
    if not continuing:
        return None
    from pathlib import Path

    from .archive import story_file_name
    from .render.daily import render_story_page

    output = Path(args.output)
    folder = output.with_name(output.stem + "_stories")
    folder.mkdir(exist_ok=True)
    for story in continuing:
        write_text(folder / story_file_name(story.story_id), render_story_page(story))
    return folder.name


def run_fetch(args: Namespace) -> int:
    """Fetch RSS/Atom feeds and the pages they link to into the archive (politely; each problem is one line)."""
    from .archive import Archive, add_articles, check_day, default_archive_path
    from .fetch import read_feed_list

    check_outputs(args, [args.feeds])
    feeds = read_feed_list(args.feeds)
    day = check_day(args.date) if args.date else datetime.date.today().isoformat()
    with Archive(args.archive or default_archive_path()) as archive, archive.run(day, args.command) as run:
        report = fetch_into(run, feeds, args)
        add_articles(run, report.documents)
    emit(args, report)
    return EXIT_OK if not report.problems or report.documents else EXIT_NO_RESULT


def run_archive(args: Namespace) -> int:
    """Show what the archive holds: days, stories, a story's timeline; export it as JSON; prune old days."""
    from . import archive as store

    path = args.archive or store.default_archive_path()
    if not os.path.exists(path):
        raise InputNotFound(str(path), "no archive here yet (daily --archive or fetch makes one)")
    with store.Archive(path) as archive:
        if args.action == "story" and not args.story_id:
            raise UsageError("archive story needs a story ID (summarizer archive stories lists them)")
        if args.action == "prune" and not args.before:
            raise UsageError("archive prune needs --before YYYY-MM-DD")
        views = {
            "days": lambda: store.view_days(archive),
            "stories": lambda: store.view_stories(
                archive, day=store.check_day(args.day, "--day") if args.day else None
            ),
            "story": lambda: store.view_story(archive, args.story_id),
            "export": lambda: store.view_export(archive),
            "prune": lambda: store.ArchiveView(str(path), "prune", (store.prune(archive, before=args.before),)),
        }
        view = views[args.action]()
    emit(args, view)
    return EXIT_OK


def run_eval(args: Namespace) -> int:
    """ROUGE of a summary against its sources and human references."""
    from .comparisons.sources import score_against_sources
    from .evaluation import RougeSettings, evaluate_corpus
    from .evaluation.perlflags import settings_from_perl_flags
    from .ingest import load_paths, read_pairs, read_sentences

    if args.perl_flags:
        settings = settings_from_perl_flags(args.perl_flags, resamples=args.resamples, confidence=args.confidence)
    else:
        settings = options_from(RougeSettings, args, metrics=tuple(args.metrics))
    check_outputs(args, [args.summary or "", args.pairs or "", *args.reference, *args.source])
    if args.pairs and not (args.summary or args.reference or args.source):
        result: Any = evaluate_corpus(read_pairs(args.pairs), settings)
        notes = [f"item {item_id}: {note}" for item_id, pair in result.items for note in pair.notes]
    elif args.summary and (args.reference or args.source) and not args.pairs:
        summary = read_sentences(args.summary)
        references = [read_sentences(path) for path in args.reference]
        sources = load_paths(args.source).documents if args.source else []
        result = score_against_sources(summary, sources=sources, references=references, settings=settings)
        notes = result.notes()
    else:
        raise UsageError("give --summary FILE with --reference FILE or --source PATH, or --pairs FILE alone")
    for note in notes if not args.quiet else []:
        say(f"summarizer: note: {note}")
    emit(args, result)
    return EXIT_OK


def run_compare(args: Namespace) -> int:
    """Run several systems on a benchmark dataset and compare their ROUGE."""
    from .comparisons.compare import compare_dataset, save_summaries
    from .comparisons.systems import check_systems

    check_systems(args.systems, have_references=True)
    check_outputs(args, [args.dataset])
    if args.save_summaries:
        check_output(args.save_summaries, inputs=[args.dataset], directory=True)
    settings = pick(args, "words", "sentences", "jobs", "compat", "metrics", "stem", "command", "scheduler")
    with Progress(quiet=args.quiet) as bar:
        result = compare_dataset(args.dataset, args.systems, stages=bar.stage, **settings)
    if args.save_summaries:
        say(f"wrote {save_summaries(result, args.save_summaries)} summaries under {args.save_summaries}")
    emit(args, result)
    return EXIT_OK


def run_lengths(args: Namespace) -> int:
    """How ROUGE grows with summary length, for a dataset or plain articles."""
    from .comparisons.lengths import sweep_lengths
    from .render.lengths import plot_png

    check_outputs(args, args.input, args.plot)
    with Progress(quiet=args.quiet) as bar:
        settings = pick(args, "jobs", "command")
        sweep = sweep_lengths(args.input, args.systems, args.lengths, stages=bar.stage, **settings)
    if args.plot:
        plot_png(sweep, args.plot)
        say(f"wrote {args.plot}")
    emit(args, sweep)
    return EXIT_OK


@dataclass(frozen=True)
class Command:
    renderer: str  # the module that renders the result: its FORMATS are the --format choices
    arguments: Callable[[Parser], None]
    run: Callable[[argparse.Namespace], int]  # its docstring is the command's help
    epilog: str = ""


DIGEST_EXAMPLES = """examples:
  summarizer digest seeds/ --words 120 --format markdown
  cat articles.jsonl | summarizer digest - --ratio 0.05 --output digest.txt"""
EVAL_EXAMPLES = """examples:
  summarizer eval --summary sys.txt --reference a.txt --perl-flags "-n 2 -2 4 -u -f A"
  summarizer eval --pairs pairs.jsonl --compat rouge-score --stem --format json"""
COMMANDS: dict[str, Command] = {
    "digest": Command("summarizer.render.digest", digest_arguments, run_digest, DIGEST_EXAMPLES),
    "daily": Command("summarizer.render.daily", daily_arguments, run_daily),
    "eval": Command("summarizer.render.rouge", eval_arguments, run_eval, EVAL_EXAMPLES),
    "compare": Command("summarizer.render.comparison", compare_arguments, run_compare),
    "lengths": Command("summarizer.render.lengths", lengths_arguments, run_lengths),
    "extract": Command("summarizer.render.extraction", extract_arguments, run_extract),
    "fetch": Command("summarizer.render.fetch", fetch_arguments, run_fetch),
    "archive": Command("summarizer.render.archive", archive_arguments, run_archive),
}


def build_parser(argv: Sequence[str] = ()) -> Parser:
    """The parser; only the chosen command's arguments are built."""
    # argparse makes a formatter for every option it adds; rich is loaded only to show help.
    formatter = _rich_formatter if {"-h", "--help"} & set(argv) else argparse.RawDescriptionHelpFormatter
    parser = Parser(prog="summarizer", formatter_class=formatter, description=DESCRIPTION)
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    subparsers = parser.add_subparsers(
        title="commands", metavar="COMMAND", parser_class=Parser, dest="name", required=True
    )
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, command in COMMANDS.items():
        summary, _, details = (command.run.__doc__ or "").partition("\n\n")
        if name != chosen:
            subparsers.add_parser(name, help=summary.rstrip("."), add_help=False)
            continue
        description = " ".join(f"{summary} {details}".split())
        sub = subparsers.add_parser(
            name, help=summary, description=description, epilog=command.epilog, formatter_class=formatter
        )
        command.arguments(sub)
        common_arguments(sub, importlib.import_module(command.renderer).FORMATS)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        args = build_parser(argv).parse_args(argv)
        args.command = shlex.join(["summarizer", *argv])  # comparisons are stamped with it
        return COMMANDS[args.name].run(args)
    except (UsageError, *USAGE_ERRORS) as error:
        say(f"summarizer: error: {error}" + (" (see summarizer --help)" if isinstance(error, UsageError) else ""))
        return EXIT_USAGE
    except SummarizerError as error:
        say(f"summarizer: error: {error}")
        return EXIT_NO_RESULT
    except KeyboardInterrupt:
        say("summarizer: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:  # the reader went away (| head): nothing to say, and nothing more to flush
        with contextlib.suppress(OSError, ValueError):
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except Exception as error:
        if "--debug" in argv:
            raise
        if isinstance(error, OSError):  # a full disk, a vanished file: the system's own words
            say(f"summarizer: error: {error.strerror or error}" + (f": {error.filename}" if error.filename else ""))
            return EXIT_NO_RESULT
        say(f"summarizer: internal error: {type(error).__name__}: {error} (run with --debug for the traceback)")
        return EXIT_SOFTWARE


if __name__ == "__main__":
    sys.exit(main())
