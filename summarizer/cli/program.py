"""The `summarizer` command: each command parses its arguments (summarizer.cli.arguments), checks every path first, calls
the library (imported inside the command: a command loads only what it needs) and renders the result. Exit codes: 0
a result; 1 nothing usable in the input; 2 a usage problem; 70 a bug (`--debug` shows it); 130 interrupted."""

from __future__ import annotations

from . import interrupts  # first: an interrupt while the modules below load is noted, and reported by main()

# isort: split
import argparse
import contextlib
import datetime
import importlib
import os
import shlex
import sys
from argparse import Namespace
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from ..delivery.output import check_output, check_run_paths, write_bytes_atomic, write_text
from ..delivery.render.progress import Progress
from ..errors import SummarizerError
from ..sources.ingest import load_inputs
from ..text import counted
from ..version import __version__
from .archive import run_archive, run_fetch
from .arguments import COMMAND_ARGUMENTS, common_arguments, options_from, pick, rich_formatter
from .delivery import deliver, mail_settings, run_site, run_templates
from .support import (
    EXIT_INTERRUPTED,
    EXIT_NO_RESULT,
    EXIT_OK,
    EXIT_SOFTWARE,
    EXIT_USAGE,
    USAGE_ERRORS,
    Parser,
    UsageError,
    archive_path,
    check_outputs,
    emit,
    fetch_settings,
    load_articles,
    say,
    warner,
)

DESCRIPTION = "Offline multi-document news summarizer with a ROUGE evaluation toolkit."


def run_extract(args: Namespace) -> int:
    """Show what the summarizer reads: each article's id, source, date and cleaned text."""
    from ..core.extract import extract

    check_outputs(args, args.paths)
    emit(args, extract(load_articles(args, "articles").documents, raw=args.raw))
    return EXIT_OK


def run_digest(args: Namespace) -> int:
    """Merge articles about one event into one digest.

    It states each fact once, fits the length asked for and says which sources reported each sentence."""
    from ..core.options import DigestOptions
    from ..digest import summarize

    options = options_from(DigestOptions, args)
    check_outputs(args, [*args.paths, *args.seen])
    check_run_paths(inputs=[*args.paths, *args.seen], written={"output": args.output}, read={"label file": args.labels})
    labels = outlet_labels(args.labels, None)
    documents, seen = load_articles(args, "text").documents, load_inputs(args.seen).documents if args.seen else []
    with Progress(quiet=args.quiet) as bar:
        digest = summarize(documents, seen=seen, options=options, labels=labels, jobs=args.jobs, stages=bar.stage)
    emit(args, digest, sources=not args.no_sources, explain=args.explain)
    return EXIT_OK


def run_daily(args: Namespace) -> int:
    """Group a day's articles into stories, rank them and summarise each.

    With --archive (or --feeds, or --site) the day's articles are kept, stories continue from earlier days with a
    stable id, and a continuing story's digest tells only what is new since its last digest. --site keeps a
    static site of the archive; --mail-to sends the digest."""
    from ..delivery.site import check_story_folder, story_folder, write_story_pages
    from ..delivery.site_folder import check_site_paths
    from ..sources.feedlist import read_feed_list
    from ..stories import daily
    from ..stories.memory import remembered_daily_at

    remember = bool(args.archive or args.feeds or args.site)
    archive = archive_path(args) if remember else None
    if args.rebuild and not remember:
        raise UsageError(
            "--rebuild regroups the day archived with --archive (or --feeds, --site); this run keeps no archive"
        )
    to_file = args.output and args.output != "-"
    pages = str(story_folder(args.output)) if archive and to_file and args.format == "html" else None
    check_outputs(args, args.paths)
    check_run_paths(inputs=args.paths, written={"output": args.output, "archive": archive},
                    read={"feed list": args.feeds, "SMTP password file": args.smtp_password_file,
                          "label file": args.labels},
                    folders={"story pages folder": pages, "site folder": args.site})  # fmt: skip
    if args.site:  # the site's folder holds only its own pages: no archive, no output, no file of the user's replaced
        check_site_paths(args.site, archive=archive, outputs={"output": args.output})
    if pages:
        check_story_folder(pages)
    mail = mail_settings(args)
    templates = run_templates(args, site=bool(args.site), page=args.format == "html", mail=mail)
    feeds = read_feed_list(args.feeds) if args.feeds else None
    labels = outlet_labels(args.labels, feeds)
    settings = daily_options(args, weights=feeds.weights() if feeds else {})
    # Held by the call alone (popped): daily() lets go of a large day's text once it is prepared.
    loaded = [load_articles(args, "articles").documents if args.paths or not remember else []]
    run = pick(args, "jobs", "scheduler")
    with Progress(quiet=args.quiet) as bar:
        if archive:
            result = remembered_daily_at(archive, loaded.pop(), day=args.date or datetime.date.today().isoformat(),
                                         options=settings, command=args.command, feeds=feeds,
                                         fetch=fetch_settings(args) if feeds else None,
                                         labels=labels, warn=warner(args), stages=bar.stage,
                                         every_problem=args.explain, rebuild=args.rebuild, **run)  # fmt: skip
        else:
            # (named, not **run: a call with ** holds its positional arguments until it returns)
            result = daily(loaded.pop(), options=settings, labels=labels, stages=bar.stage, jobs=run["jobs"],
                           scheduler=run["scheduler"])  # fmt: skip
    if not result.stories:
        say(f"summarizer: error: {no_story_left(result, settings)}")
        return EXIT_NO_RESULT
    folder = write_story_pages(result, args.output, templates=templates) if pages else None
    return deliver(args, result, archive=archive, mail=mail, templates=templates, labels=labels,
                   explain=args.explain, **({"story_pages": folder} if folder else {}))  # fmt: skip


def no_story_left(result: Any, settings: Any) -> str:
    """Why a daily digest has no story, in one line."""
    if settings.min_sources and 0 < result.most_outlets < settings.min_sources:
        return (f"no story had {settings.min_sources} outlets (--min-sources); the most any story had was "
                f"{result.most_outlets}")  # fmt: skip
    if result.dropped_singletons and not result.most_outlets:
        stories = counted(result.dropped_singletons, "story", "stories")
        return f"no story left: {stories} of one article each, and --drop-singletons leaves those out"
    return "no story left (every article was filtered out or had no text)"


def outlet_labels(path: str | None, feeds: Any) -> Any:
    """The outlet labels of a label file and of the feed list (an outlet in both must carry the same)."""
    from ..sources.labels import LabelMap, read_labels

    labels = read_labels(path) if path else None
    if feeds is not None and feeds.labels():
        of_feeds = LabelMap.of(feeds.labels())
        labels = labels.merged(of_feeds, where=path or feeds.path) if labels else of_feeds
    return labels


def daily_options(args: Namespace, *, weights: dict[str, float]) -> Any:
    """The one way the command's arguments become DailyOptions (`weights`: the feed list's outlet weights)."""
    from ..core.options import DigestOptions
    from ..stories.options import DailyOptions, GroupingOptions

    return DailyOptions(date=args.date, stories=args.stories, words_per_story=args.words_per_story,
                        sentences_per_story=args.sentences_per_story, keep_singletons=not args.drop_singletons,
                        close_after=args.close_after, min_sources=args.min_sources, hot_hours=args.hot_hours,
                        outlet_weights=tuple(sorted(weights.items())), explain=args.explain,
                        grouping=options_from(GroupingOptions, args, method=args.grouping),
                        digest=options_from(DigestOptions, args))  # fmt: skip


def run_eval(args: Namespace) -> int:
    """ROUGE of a summary against its sources and human references."""
    from ..comparisons.sources import score_against_sources
    from ..evaluation import RougeSettings, evaluate_corpus
    from ..evaluation.perlflags import settings_from_perl_flags
    from ..sources.ingest import load_paths
    from ..sources.summary_files import read_pairs, read_sentences

    if args.perl_flags:
        settings = settings_from_perl_flags(args.perl_flags, resamples=args.resamples, confidence=args.confidence)
    else:
        settings = options_from(RougeSettings, args, metrics=tuple(args.metrics))
    check_outputs(
        args, [args.summary or "", args.pairs or "", args.baseline_pairs or "", *args.reference, *args.source]
    )
    if args.baseline_pairs and args.pairs and not (args.summary or args.reference or args.source):
        from ..evaluation import compare_corpora

        measure = args.measure or ("recall" if settings.compat == "rouge155" else "f")
        tuning = {name: value for name, value in (("resamples", args.paired_resamples), ("seed", args.seed)) if value is not None}  # fmt: skip
        result: Any = compare_corpora(read_pairs(args.pairs), read_pairs(args.baseline_pairs), settings, measure=measure,
                                      **tuning)  # fmt: skip
        notes = []
    elif given := [name for name in ("measure", "paired_resamples", "seed") if getattr(args, name) is not None]:
        options = ", ".join(f"--{name.replace('_', '-')}" for name in given)  # refused, not ignored
        raise UsageError(f"{options} appl{'ies' if len(given) == 1 else 'y'} to the paired tests only: give --pairs "
                         "FILE --baseline-pairs FILE")  # fmt: skip
    elif args.pairs and not (args.summary or args.reference or args.source):
        result = evaluate_corpus(read_pairs(args.pairs), settings)
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
    """Run several systems on a benchmark dataset and compare their ROUGE (--baseline: with paired tests)."""
    from ..comparisons.compare import compare_dataset
    from ..comparisons.systems import check_systems
    from ..delivery.output import save_summaries
    from ..delivery.render.comparison import render_per_cluster

    check_systems(args.systems, have_references=True)
    paired = paired_settings(args)
    check_outputs(args, [args.dataset], args.per_cluster)
    check_run_paths(inputs=[args.dataset], written={"output": args.output, "per-cluster file": args.per_cluster})
    if args.save_summaries:
        check_output(args.save_summaries, inputs=[args.dataset], directory=True)
    settings = pick(args, "words", "sentences", "jobs", "compat", "metrics", "stem", "command", "scheduler")
    with Progress(quiet=args.quiet) as bar:
        result = compare_dataset(args.dataset, args.systems, stages=bar.stage, paired=paired, **settings)
    if args.save_summaries:
        say(f"wrote {save_summaries(result, args.save_summaries)} summaries under {args.save_summaries}")
    if args.per_cluster:
        write_text(
            args.per_cluster, render_per_cluster(result, "csv" if args.per_cluster.endswith(".csv") else "jsonl")
        )
    emit(args, result)
    return EXIT_OK


def paired_settings(args: Namespace) -> Any:
    """--baseline's paired tests. Their options without --baseline are refused, not ignored: an eval script that
    asked for --holm would otherwise report no test at all and not know it."""
    from ..comparisons.compare import PairedSettings

    tuning = (("resamples", args.paired_resamples), ("seed", args.seed), ("holm", args.holm or None))
    given = {name: value for name, value in tuning if value is not None}
    if args.baseline:
        return PairedSettings(args.baseline, **given)
    if given:
        options = ", ".join("--paired-resamples" if name == "resamples" else f"--{name}" for name in given)
        raise UsageError(
            f"{options} appl{'ies' if len(given) == 1 else 'y'} to the paired tests only: add --baseline SYSTEM"
        )
    return None


def run_lengths(args: Namespace) -> int:
    """How ROUGE grows with summary length, for a dataset or plain articles."""
    from ..comparisons.lengths import sweep_lengths
    from ..delivery.render.lengths import density_png, plot_png

    check_outputs(args, args.input, args.plot, args.density_plot)
    with Progress(quiet=args.quiet) as bar:
        settings = pick(args, "jobs", "command")
        sweep = sweep_lengths(args.input, args.systems, args.lengths, stages=bar.stage, **settings)
    for path, picture in ((args.plot, plot_png), (args.density_plot, density_png)):
        if path:
            write_bytes_atomic(path, picture(sweep))
            say(f"wrote {path}")
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
    "digest": Command("summarizer.delivery.render.digest", COMMAND_ARGUMENTS["digest"], run_digest, DIGEST_EXAMPLES),
    "daily": Command("summarizer.delivery.render.daily", COMMAND_ARGUMENTS["daily"], run_daily),
    "eval": Command("summarizer.delivery.render.rouge", COMMAND_ARGUMENTS["eval"], run_eval, EVAL_EXAMPLES),
    "compare": Command("summarizer.delivery.render.comparison", COMMAND_ARGUMENTS["compare"], run_compare),
    "lengths": Command("summarizer.delivery.render.lengths", COMMAND_ARGUMENTS["lengths"], run_lengths),
    "extract": Command("summarizer.delivery.render.extraction", COMMAND_ARGUMENTS["extract"], run_extract),
    "fetch": Command("summarizer.delivery.render.fetch", COMMAND_ARGUMENTS["fetch"], run_fetch),
    "archive": Command("summarizer.delivery.render.archive", COMMAND_ARGUMENTS["archive"], run_archive),
    "site": Command("summarizer.delivery.render.site", COMMAND_ARGUMENTS["site"], run_site),
}


def build_parser(argv: Sequence[str] = ()) -> Parser:
    """The parser; only the chosen command's arguments are built."""
    # argparse makes a formatter for every option it adds; rich is loaded only to show help.
    formatter = rich_formatter if {"-h", "--help"} & set(argv) else argparse.RawDescriptionHelpFormatter
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
    """The command; an interrupt anywhere, even one Python printed and carried on after, is one line and 130."""
    argv = list(sys.argv[1:] if argv is None else argv)
    with interrupts.raising():
        try:
            code = EXIT_INTERRUPTED if interrupts.interrupted() else _run(argv)
        except KeyboardInterrupt:  # raised while an error was being reported
            code = EXIT_INTERRUPTED
    if code == EXIT_INTERRUPTED or interrupts.interrupted():
        say("summarizer: interrupted")
        return EXIT_INTERRUPTED
    return code


def _run(argv: list[str]) -> int:
    try:
        args = build_parser(argv).parse_args(argv)
        args.command = shlex.join(["summarizer", *argv])  # comparisons are stamped with it
        return COMMANDS[args.name].run(args)
    except (UsageError, *USAGE_ERRORS) as error:
        say(f"summarizer: error: {error}" + (" (see summarizer --help)" if isinstance(error, UsageError) else ""))
        return EXIT_USAGE
    except SummarizerError as error:
        from ..archive import ArchiveDamaged

        hint = f" with: summarizer archive recover --archive {error.where}" if isinstance(error, ArchiveDamaged) else ""
        say(f"summarizer: error: {error}{hint}")
        return EXIT_NO_RESULT
    except KeyboardInterrupt:
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
