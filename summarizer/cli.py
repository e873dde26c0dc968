"""The `summarizer` command: a thin shell over the library.

Each command parses its arguments, checks where it will write, calls the
library, and renders the result with the renderer of its result type
(`summarizer.render.<result>`). Only the chosen command's module is loaded.

Exit codes: 0 a result was produced; 1 the input had nothing usable; 2 a
usage problem (an invalid option, a path that does not exist, an output that
cannot be written); 70 an internal error (a bug: `--debug` shows the
traceback); 130 interrupted.
"""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from typing import Any, Callable, Sequence

from .errors import InputNotFound, ModelError, OptionsError, OutputError, SummarizerError
from .version import __version__

EXIT_OK, EXIT_NO_RESULT, EXIT_USAGE, EXIT_SOFTWARE, EXIT_INTERRUPTED = 0, 1, 2, 70, 130
USAGE_ERRORS = (OptionsError, InputNotFound, OutputError, ModelError)


class UsageError(Exception):
    """A problem with how the command was called (argparse's errors end up here)."""


class Parser(argparse.ArgumentParser):
    def error(self, message: str):  # type: ignore[override]  # one line, exit 2, no usage dump
        raise UsageError(message)


def say(message: str) -> None:
    """One plain line on stderr (never wrapped, never styled)."""
    print(message, file=sys.stderr, flush=True)


def _formatter(prog: str) -> argparse.HelpFormatter:
    from rich_argparse import RawDescriptionRichHelpFormatter  # rich loads only when help is shown

    return RawDescriptionRichHelpFormatter(prog)


def _number(kind: Callable[[str], Any], low: float, high: float | None = None, *, low_open: bool = False):
    def parse(text: str) -> Any:
        try:
            value = kind(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected {'a whole number' if kind is int else 'a number'}, got {text!r}")
        if value < low or (low_open and value == low) or (high is not None and value > high):
            bounds = f"in ({low}, {high}]" if low_open else f"between {low} and {high}" if high else f"at least {low}"
            raise argparse.ArgumentTypeError(f"must be {bounds}, got {value}")
        return value

    return parse


positive = _number(int, 1)
unit_interval = _number(float, 0.0, 1.0)
ratio = _number(float, 0.0, 1.0, low_open=True)


def comma_list(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def command_line() -> str:
    return "summarizer " + " ".join(shlex.quote(a) for a in sys.argv[1:])


class Progress:
    """A progress bar on stderr in a terminal (nothing elsewhere, or with --quiet).

    `bar.task(description, total)` returns a callback that advances it by n.
    """

    def __init__(self, *, quiet: bool = False):
        self.enabled = not quiet and sys.stderr.isatty()
        self._bar: Any = None

    def __enter__(self) -> Progress:
        if self.enabled:
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            self._bar = RichProgress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                     TimeElapsedColumn(), console=Console(stderr=True), transient=True)
            self._bar.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        if self._bar is not None:
            self._bar.__exit__(*exc)

    def task(self, description: str, total: int | None = None) -> Callable[[int], None] | None:
        if self._bar is None:
            return None
        task_id = self._bar.add_task(description, total=total)
        return lambda n: self._bar.advance(task_id, n)


def load_articles(paths: Sequence[str], what: str, *, quiet: bool = False) -> Any:
    """Documents from paths or stdin, with warnings printed (digest and daily share it)."""
    from .ingest import load_inputs

    if not paths and sys.stdin.isatty():
        raise UsageError(f"no input: give files or directories, or pipe {what} to stdin")
    loaded = load_inputs(paths)
    if not quiet:
        for warning in loaded.warnings:
            say(f"summarizer: warning: {warning}")
    return loaded


def emit(args: argparse.Namespace, renderer: Any, result: Any, **options: Any) -> None:
    """Write a result: to --output, to a terminal as the rich view, or as text to a pipe."""
    from .output import write_text

    fmt = args.format
    if args.output and args.output != "-":
        write_text(args.output, renderer.render(result, fmt, **options))
        if not getattr(args, "quiet", False):
            say(f"wrote {args.output}")
    elif fmt in ("text", "table") and sys.stdout.isatty() and hasattr(renderer, "rich_view"):
        from rich.console import Console

        view_options = {k: v for k, v in options.items() if k == "explain"}
        Console(highlight=False).print(renderer.rich_view(result, **view_options), crop=False)
    else:
        write_text("-", renderer.render(result, fmt, **options))


def check_output(args: argparse.Namespace, inputs: Sequence[str] = ()) -> None:
    from .output import check_output as check

    if getattr(args, "output", None):
        check(args.output, inputs=inputs)


# --------------------------------------------------------------------------
# digest

DIGEST_EPILOG = """\
examples:
  summarizer digest seeds/                       7 sentences, sources marked
  summarizer digest seeds/ --words 120 --format markdown
  summarizer digest a.html b.txt --sentences 5 --format json --output digest.json
  cat articles.jsonl | summarizer digest - --ratio 0.05

source markers: "[2; also 1, 4]" means the sentence is taken from source 2 and
sources 1 and 4 state the same fact.
"""


def add_digest_arguments(parser: Parser) -> None:
    from .options import DigestOptions, MODES
    from .order import ORDERS
    from .render.digest import FORMATS
    from .represent import SIMILARITIES
    from .select import SELECTIONS

    default = DigestOptions()
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files, directories or globs (text, Markdown, HTML, "
                        "JSON, JSONL, RSS/Atom, cluster files); '-' or nothing reads stdin")
    budget = parser.add_argument_group("length (combine freely; all are met, none exceeded)")
    budget.add_argument("--sentences", "-n", type=positive, metavar="N", help="at most N sentences (default 7 when no budget is given)")
    budget.add_argument("--words", "-w", type=positive, metavar="N", help="at most N words")
    budget.add_argument("--ratio", "-r", type=ratio, metavar="R", help="at most R × the input's sentences (0 < R <= 1)")
    budget.add_argument("--bytes", "-b", type=positive, metavar="N", help="at most N bytes of UTF-8 text (sentences joined by spaces)")
    method = parser.add_argument_group("method")
    method.add_argument("--similarity", choices=list(SIMILARITIES), default=default.similarity,
                        help="edge weights: " + "; ".join(f"{k}: {v.description}" for k, v in SIMILARITIES.items()))
    method.add_argument("--selection", choices=list(SELECTIONS), default=default.selection,
                        help="redundancy control: " + "; ".join(f"{k}: {v.description}" for k, v in SELECTIONS.items()))
    method.add_argument("--redundancy", type=unit_interval, metavar="T", default=default.redundancy,
                        help=f"cosine above which two sentences count as the same fact (default {default.redundancy})")
    method.add_argument("--position-prior", type=unit_interval, metavar="P", default=default.position_prior,
                        help=f"share of PageRank's teleport mass given to article leads (default {default.position_prior})")
    method.add_argument("--language", default=default.language, metavar="NAME",
                        help="'auto' (default) or a language name such as english, german, french")
    method.add_argument("--mode", choices=MODES, default=default.mode, help="abstractive: fuse the sentences outlets "
                        "share into one and compress long ones, each checked by a guard (default: extractive)")
    method.add_argument("--model", metavar="PATH", help="a local seq2seq model directory (transformers) that rewrites "
                        "the digest; offline only, its output must pass the same guard")
    out = parser.add_argument_group("output")
    out.add_argument("--order", choices=list(ORDERS), default=default.order,
                     help="; ".join(f"{k}: {v.description}" for k, v in ORDERS.items()))
    out.add_argument("--format", "-f", choices=FORMATS, default="text", help="output format (a terminal gets a rich view)")
    out.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically; '-' is stdout)")
    out.add_argument("--no-sources", action="store_true", help="sentences only, one per line, without source markers")
    out.add_argument("--explain", action="store_true", help="also show what cleaning removed and which name spellings were merged")
    out.add_argument("--jobs", "-j", type=positive, metavar="N", help="processes for cleaning large inputs (default: all cores)")


def run_digest(args: argparse.Namespace) -> int:
    from .digest import summarize
    from .options import DigestOptions
    from .render import digest as renderer

    options = DigestOptions(
        sentences=args.sentences, words=args.words, ratio=args.ratio, bytes=args.bytes, similarity=args.similarity,
        selection=args.selection, order=args.order, redundancy=args.redundancy, position_prior=args.position_prior,
        language=args.language, mode=args.mode, model=args.model,
    )
    check_output(args, args.paths)
    loaded = load_articles(args.paths, "text", quiet=args.quiet)
    digest = summarize(loaded.documents, options=options, jobs=args.jobs)
    emit(args, renderer, digest, sources=not args.no_sources, explain=args.explain)
    return EXIT_OK


# --------------------------------------------------------------------------
# daily


def _date(text: str) -> str:
    import datetime

    try:
        return datetime.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}")


def add_daily_arguments(parser: Parser) -> None:
    from .options import MODES
    from .render.daily import FORMATS
    from .stories import GROUPINGS, GroupingOptions

    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, directories, globs (text, Markdown, HTML, JSON, JSONL, RSS/Atom); '-' reads stdin")
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="keep only articles of this day (undated articles are kept)")
    parser.add_argument("--stories", type=positive, metavar="N", help="at most N stories")
    per = parser.add_mutually_exclusive_group()
    per.add_argument("--words-per-story", type=positive, metavar="N", help="budget of each story's digest in words")
    per.add_argument("--sentences-per-story", type=positive, metavar="N", help="budget in sentences (default 3)")
    parser.add_argument("--drop-singletons", action="store_true", help="leave out stories that only one article covers")
    parser.add_argument("--grouping", choices=list(GROUPINGS), default=GroupingOptions.method,
                        help="average-linkage clustering (default) or a single incremental pass")
    parser.add_argument("--distance", type=unit_interval, default=GroupingOptions.distance, metavar="D",
                        help=f"grouping cut, as 1 - cosine (default {GroupingOptions.distance}): higher joins more")
    parser.add_argument("--jobs", "-j", type=positive, metavar="N", help="processes for summarising stories (default: all cores)")
    parser.add_argument("--mode", choices=MODES, default="extractive",
                        help="abstractive: fuse what several outlets say into one sentence (guarded)")
    parser.add_argument("--format", "-f", choices=FORMATS, default="text")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically; '-' is stdout)")


def run_daily(args: argparse.Namespace) -> int:
    from .options import DigestOptions
    from .render import daily as renderer
    from .stories import GroupingOptions, daily

    grouping = GroupingOptions(method=args.grouping, distance=args.distance)
    options = DigestOptions(mode=args.mode)
    check_output(args, args.paths)
    loaded = load_articles(args.paths, "articles", quiet=args.quiet)
    with Progress(quiet=args.quiet) as bar:
        result = daily(loaded.documents, date=args.date, stories=args.stories, words_per_story=args.words_per_story,
                       sentences_per_story=args.sentences_per_story, keep_singletons=not args.drop_singletons,
                       grouping=grouping, jobs=args.jobs, options=options, progress=bar.task("summarising stories"))
    if not result.stories:
        say("summarizer: error: no story left (every article was filtered out or had no text)")
        return EXIT_NO_RESULT
    emit(args, renderer, result)
    return EXIT_OK


# --------------------------------------------------------------------------
# eval

EVAL_EPILOG = """\
examples:
  summarizer eval --summary digest.txt --source seeds/            one row per source, then mean/min/max
  summarizer eval --summary sys.txt --reference a.txt --reference b.txt --compat rouge155 --stem
  summarizer eval --summary sys.txt --reference a.txt --perl-flags "-n 2 -2 4 -u -f A"
  summarizer eval --pairs pairs.jsonl --compat rouge-score --stem --metrics rouge-1,rouge-2,rouge-l

A summary or reference file holds one sentence per line; a digest's text view (its source
markers and Sources block are left out) or JSON output works too. --pairs reads JSON Lines:
{"id": ..., "summary": "...", "references": ["...", ...]}, sentences separated by newlines.

metrics: rouge-N, rouge-l (summary-level union LCS: ROUGE-1.5.5's ROUGE-L, rouge-score's
rougeLsum), rouge-l-text (one LCS over the whole text: rouge-score's rougeL), rouge-w,
rouge-sD, rouge-suD, rouge-s*, rouge-su*.
"""


def add_eval_arguments(parser: Parser) -> None:
    from .render.rouge import FORMATS

    what = parser.add_argument_group("what to score")
    what.add_argument("--summary", metavar="FILE", help="the summary: a text file (one sentence per line), a digest, or - for stdin")
    what.add_argument("--reference", action="append", default=[], metavar="FILE", help="a human reference summary (repeat for several)")
    what.add_argument("--source", action="append", default=[], metavar="PATH", help="source articles: files or directories, as for digest (repeatable)")
    what.add_argument("--pairs", metavar="FILE", help="batch: JSON Lines of {id, summary, references}")
    how = parser.add_argument_group("how to score")
    how.add_argument("--metrics", type=comma_list, default="rouge-1,rouge-2,rouge-l,rouge-su4", help="comma-separated (default: rouge-1,rouge-2,rouge-l,rouge-su4)")
    how.add_argument("--compat", choices=("rouge155", "rouge-score"), default="rouge155", help="reproduce ROUGE-1.5.5 (default) or Google's rouge-score package")
    how.add_argument("--stem", action="store_true", help="stem (ROUGE-1.5.5 -m: WordNet exceptions + Porter; rouge-score: NLTK Porter)")
    how.add_argument("--stopwords", action="store_true", help="remove stop words (ROUGE-1.5.5 -s; rouge155 mode only)")
    limit = how.add_mutually_exclusive_group()
    limit.add_argument("--max-words", type=positive, metavar="N", help="truncate summary and references to N words (-l)")
    limit.add_argument("--max-bytes", type=positive, metavar="N", help="truncate to N bytes (-b), with ROUGE-1.5.5's quirks")
    how.add_argument("--multi-ref", choices=("pooled", "best", "max-f"), help="several references: pooled counts (-f A, "
                     "rouge155 default), best recall (-f B), best F (rouge-score default)")
    how.add_argument("--alpha", type=unit_interval, default=0.5, metavar="A", help="F = PR / ((1-A)P + AR) (default 0.5)")
    how.add_argument("--tokenizer", choices=("default", "unicode"), default="default", help="default: the compat mode's "
                     "ASCII tokenizer; unicode: any script (for text that is not English)")
    how.add_argument("--language", default="english", help="stemmer and stop words for --tokenizer unicode (default english)")
    how.add_argument("--resamples", type=_number(int, 0), default=1000, metavar="R", help="bootstrap resamples (default 1000; 0: none)")
    how.add_argument("--confidence", type=_number(float, 0.0, 100.0), default=95.0, metavar="C", help="confidence level in percent (default 95)")
    how.add_argument("--perl-flags", metavar="FLAGS", help='ROUGE-1.5.5 flags, e.g. "-n 2 -m -2 4 -u -f A -p 0.5"; they set the options above')
    out = parser.add_argument_group("output")
    out.add_argument("--format", "-f", choices=FORMATS, default="table")
    out.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically; '-' is stdout)")


def eval_settings(args: argparse.Namespace) -> Any:
    from .evaluation import RougeSettings
    from .evaluation.perlflags import settings_from_perl_flags

    if args.perl_flags:
        return settings_from_perl_flags(args.perl_flags, resamples=args.resamples, confidence=args.confidence)
    metrics = args.metrics if isinstance(args.metrics, list) else comma_list(args.metrics)
    return RougeSettings(
        compat=args.compat, metrics=tuple(metrics), stem=args.stem, stopwords=args.stopwords, max_words=args.max_words,
        max_bytes=args.max_bytes, multi_ref=args.multi_ref, alpha=args.alpha, tokenizer=args.tokenizer,
        language=args.language, resamples=args.resamples, confidence=args.confidence,
    )


def run_eval(args: argparse.Namespace) -> int:
    from .ingest import load_paths, read_pairs, read_sentences

    settings = eval_settings(args)
    check_output(args, [args.summary or "", args.pairs or "", *args.reference, *args.source])
    if args.pairs:
        if args.summary or args.reference or args.source:
            raise UsageError("--pairs cannot be combined with --summary, --reference or --source")
        from .evaluation import evaluate_corpus
        from .render import rouge as renderer

        result: Any = evaluate_corpus(read_pairs(args.pairs), settings)
        notes = [f"item {item_id}: {note}" for item_id, pair in result.items for note in pair.notes]
    else:
        if not args.summary or not (args.reference or args.source):
            raise UsageError("give --summary FILE with --reference FILE or --source PATH, or --pairs FILE")
        from .comparisons.sources import score_against_sources
        from .render import sources as renderer

        sources = load_paths(args.source).documents if args.source else []
        result = score_against_sources(read_sentences(args.summary), sources=sources,
                                       references=[read_sentences(p) for p in args.reference], settings=settings)
        notes = result.notes()
    for note in notes if not args.quiet else []:
        say(f"summarizer: note: {note}")
    emit(args, renderer, result)
    return EXIT_OK


# --------------------------------------------------------------------------
# compare and lengths


def _add_system_arguments(parser: Parser, formats: Sequence[str]) -> None:
    parser.add_argument("--systems", type=comma_list, default="textrank,sumy-textrank,sumy-lexrank,lead",
                        help="comma-separated system names (default: textrank,sumy-textrank,sumy-lexrank,lead)")
    parser.add_argument("--jobs", "-j", type=positive, default=1, metavar="N", help="worker processes (results are identical for any N)")
    parser.add_argument("--format", "-f", choices=formats, default="table")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the results to FILE (atomically; '-' is stdout)")


def add_compare_arguments(parser: Parser) -> None:
    from .render.comparison import FORMATS

    parser.add_argument("dataset", metavar="DATASET", help="a directory of cluster files")
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--words", type=positive, metavar="N", help="summary length in words (default: the dataset's standard length)")
    budget.add_argument("--sentences", type=positive, metavar="N", help="summary length in sentences")
    parser.add_argument("--compat", choices=("rouge155", "rouge-score"), help="override the dataset's ROUGE mode")
    parser.add_argument("--metrics", type=comma_list, help="override the dataset's metrics (comma-separated)")
    stem = parser.add_mutually_exclusive_group()
    stem.add_argument("--stem", dest="stem", action="store_const", const=True, help="override: stem")
    stem.add_argument("--no-stem", dest="stem", action="store_const", const=False, help="override: do not stem")
    parser.add_argument("--save-summaries", metavar="DIR", help="write each system's summary per cluster, one sentence per line")
    _add_system_arguments(parser, FORMATS)


def run_compare(args: argparse.Namespace) -> int:
    from .comparisons.compare import compare_dataset, save_summaries
    from .comparisons.systems import check_systems
    from .output import check_output as check
    from .render import comparison as renderer

    systems = args.systems if isinstance(args.systems, list) else comma_list(args.systems)
    check_systems(systems, have_references=True)
    check_output(args, [args.dataset])
    if args.save_summaries:
        check(args.save_summaries, inputs=[args.dataset], directory=True)
    with Progress(quiet=args.quiet) as bar:
        result = compare_dataset(args.dataset, systems, words=args.words, sentences=args.sentences, compat=args.compat,
                                 metrics=args.metrics, stem=args.stem, jobs=args.jobs, command=command_line(),
                                 progress=bar.task("summarising"))
    if args.save_summaries:
        count = save_summaries(result, args.save_summaries)
        say(f"wrote {count} summaries under {args.save_summaries}")
    emit(args, renderer, result)
    return EXIT_OK


def add_lengths_arguments(parser: Parser) -> None:
    from .render.lengths import FORMATS

    parser.add_argument("input", metavar="INPUT", nargs="+", help="a dataset directory, or article files/directories")
    parser.add_argument("--lengths", type=lambda text: [positive(x) for x in comma_list(text)], default=[50, 100, 150, 200, 300],
                        help="word budgets (default: 50,100,150,200,300)")
    parser.add_argument("--plot", metavar="FILE.png", help="write the curves as a PNG (matplotlib)")
    _add_system_arguments(parser, FORMATS)


def run_lengths(args: argparse.Namespace) -> int:
    from .comparisons.lengths import sweep_lengths
    from .output import check_output as check
    from .render import lengths as renderer

    systems = args.systems if isinstance(args.systems, list) else comma_list(args.systems)
    check_output(args, args.input)
    if args.plot:
        check(args.plot, inputs=args.input)
    with Progress(quiet=args.quiet) as bar:
        sweep = sweep_lengths(args.input, systems, args.lengths, jobs=args.jobs, command=command_line(),
                              progress=bar.task("summarising"))
    if args.plot:
        renderer.plot_png(sweep, args.plot)
        say(f"wrote {args.plot}")
    emit(args, renderer, sweep)
    return EXIT_OK


# --------------------------------------------------------------------------
# The parser

Command = tuple[str, str, str, Callable[[Parser], None], Callable[[argparse.Namespace], int]]
COMMANDS: dict[str, Command] = {
    "digest": ("merge articles about one event into one digest",
               "Merge several articles about one event into one digest that states each fact once, fits the "
               "length asked for, and says which sources reported each sentence.", DIGEST_EPILOG,
               add_digest_arguments, run_digest),
    "daily": ("group a day's articles into stories, rank them and summarise each",
              "Turn a day's articles from many outlets into one page: articles about the same event are grouped "
              "into stories (syndicated copies count once), ranked by how many outlets cover them, then size and "
              "recency, and each story gets its own digest and headline.", "", add_daily_arguments, run_daily),
    "eval": ("ROUGE of a summary against its sources and human references",
             "Score a summary with ROUGE (ROUGE-1.5.5-exact or rouge-score-exact) against each source article and "
             "against human reference summaries. Every result is printed with its signature.", EVAL_EPILOG,
             add_eval_arguments, run_eval),
    "compare": ("run several systems on a benchmark dataset and compare their ROUGE",
                "Run every system on every cluster of a dataset (one JSON file per cluster: documents and "
                "references) and score them with the dataset's standard ROUGE settings: mean and 95%% interval "
                "per metric, and seconds per cluster.", "", add_compare_arguments, run_compare),
    "lengths": ("how ROUGE grows with summary length, for a dataset or plain articles",
                "Summarise at several lengths. For a dataset: ROUGE-1, ROUGE-2 and ROUGE-SU4 against the "
                "references. For plain articles: ROUGE against each source and the share of each source's "
                "sentences the summary covers. Prints a terminal chart; --plot writes a PNG.", "",
                add_lengths_arguments, run_lengths),
}


def build_parser(argv: Sequence[str] = ()) -> Parser:
    """The parser; only the chosen command's arguments are built (they load what that command needs)."""
    parser = Parser(prog="summarizer", formatter_class=_formatter,
                    description="Offline multi-document news summarizer with a ROUGE evaluation toolkit.")
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    parser.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=Parser)
    chosen = next((a for a in argv if not a.startswith("-")), None)
    for name, (help_text, description, epilog, add_arguments, run) in COMMANDS.items():
        if name != chosen:
            subparsers.add_parser(name, help=help_text, add_help=False)
            continue
        sub = subparsers.add_parser(name, help=help_text, description=description, epilog=epilog,
                                    formatter_class=_formatter)
        sub.add_argument("--debug", action="store_true", help="show the traceback of an internal error")
        sub.add_argument("--quiet", "-q", action="store_true", help="no progress bar and no notes on stderr")
        add_arguments(sub)
        sub.set_defaults(run=run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in argv
    try:
        args = build_parser(argv).parse_args(argv)
        if not hasattr(args, "run"):
            build_parser().print_help()
            return EXIT_USAGE
        return int(args.run(args))
    except UsageError as error:
        say(f"summarizer: error: {error} (see summarizer --help)")
        return EXIT_USAGE
    except USAGE_ERRORS as error:
        say(f"summarizer: error: {error}")
        return EXIT_USAGE
    except SummarizerError as error:
        say(f"summarizer: error: {error}")
        return EXIT_NO_RESULT
    except KeyboardInterrupt:
        say("summarizer: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        _silence_stdout()  # the reader went away (| head): nothing to say
        return EXIT_OK
    except OSError as error:
        if debug:
            raise
        where = f": {error.filename}" if error.filename else ""
        say(f"summarizer: error: {error.strerror or error}{where}")
        return EXIT_NO_RESULT
    except Exception as error:  # a bug: say so plainly
        if debug:
            raise
        say(f"summarizer: internal error: {type(error).__name__}: {error} (run with --debug for the traceback)")
        return EXIT_SOFTWARE


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass


if __name__ == "__main__":
    sys.exit(main())
