"""The `summarizer` command: argument parsing and printing only.

Every decision lives in the library; this module turns options into API
calls and results into output. Exit codes: 0 a result was produced, 1 the
input had nothing usable, 2 a usage error or a path that does not exist,
130 interrupted.
"""

from __future__ import annotations

import argparse
import sys
from typing import Sequence

from rich.console import Console
from rich_argparse import RawDescriptionRichHelpFormatter

from . import __version__

EXIT_OK, EXIT_NO_RESULT, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _say(message: str) -> None:
    """One plain line on stderr (never wrapped, never styled)."""
    print(message, file=sys.stderr, flush=True)


class UsageError(Exception):
    """A problem with how the command was called."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, no usage dump
        raise UsageError(message)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}")
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _ratio(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}")
    if not 0 < value <= 1:
        raise argparse.ArgumentTypeError(f"must be in (0, 1], got {value}")
    return value


def _unit_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number, got {text!r}")
    if not 0 <= value <= 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {value}")
    return value


DIGEST_EPILOG = """\
examples:
  summarizer digest seeds/                       7 sentences, sources marked
  summarizer digest seeds/ --words 120 --format markdown
  summarizer digest a.html b.txt --sentences 5 --format json --output digest.json
  cat articles.jsonl | summarizer digest - --ratio 0.05

source markers: "[2; also 1, 4]" means the sentence is taken from source 2 and
sources 1 and 4 state the same fact.
"""


def _add_digest_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "digest",
        help="merge articles about one event into one digest",
        description="Merge several articles about one event into one digest that states each fact "
        "once, fits the length asked for, and says which sources reported each sentence.",
        epilog=DIGEST_EPILOG,
        formatter_class=RawDescriptionRichHelpFormatter,
    )
    parser.add_argument(
        "paths", nargs="*", metavar="PATH",
        help="files, directories or globs (text, Markdown, HTML, JSON, JSONL, RSS/Atom, "
        "cluster files); '-' or nothing reads stdin",
    )
    budget = parser.add_argument_group("length (combine freely; all are met, none exceeded)")
    budget.add_argument("--sentences", "-n", type=_positive_int, metavar="N", help="at most N sentences (default 7 when no budget is given)")
    budget.add_argument("--words", "-w", type=_positive_int, metavar="N", help="at most N words")
    budget.add_argument("--ratio", "-r", type=_ratio, metavar="R", help="at most R × the input's sentences (0 < R <= 1)")
    budget.add_argument("--bytes", "-b", type=_positive_int, metavar="N", help="at most N bytes of UTF-8 text (sentences joined by spaces)")
    method = parser.add_argument_group("method")
    method.add_argument("--similarity", choices=("cosine", "overlap", "bm25"), default="cosine",
                        help="edge weights: TF-IDF cosine (LexRank), word overlap (TextRank paper), or BM25 (default: cosine)")
    method.add_argument("--selection", choices=("mmr", "coverage"), default="mmr",
                        help="redundancy control: maximal marginal relevance or a submodular coverage objective (default: mmr)")
    method.add_argument("--redundancy", type=_unit_float, metavar="T", default=None,
                        help="cosine above which two sentences count as the same fact (default 0.3)")
    method.add_argument("--position-prior", type=_unit_float, metavar="P", default=None,
                        help="share of PageRank's teleport mass given to article leads (default 0.5)")
    method.add_argument("--language", default="auto", metavar="NAME",
                        help="language of the articles: 'auto' (default) or a name such as english, german, french")
    out = parser.add_argument_group("output")
    out.add_argument("--order", choices=("article", "score", "source"), default="article",
                     help="article: lead fact first, then by position in the sources (default); "
                     "score: best first; source: input order")
    out.add_argument("--format", "-f", choices=("text", "markdown", "json"), default="text",
                     help="output format (default: text; a terminal gets a rich view)")
    out.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    out.add_argument("--no-sources", action="store_true", help="sentences only, one per line, without source markers")
    out.add_argument("--explain", action="store_true", help="also show what cleaning removed and which name spellings were merged")
    parser.set_defaults(run=_run_digest)


def _run_digest(args, console: Console, errors: Console) -> int:
    from .digest import NothingToSummarize, summarize
    from .documents import DigestOptions
    from .ingest import load_inputs
    from .render import print_digest, render, write_atomic

    if not args.paths and sys.stdin.isatty():
        raise UsageError("no input: give files or directories, or pipe text to stdin")
    loaded = load_inputs(args.paths)
    for warning in loaded.warnings:
        _say(f"summarizer: warning: {warning}")
    overrides = {
        "redundancy": args.redundancy,
        "position_prior": args.position_prior,
    }
    options = DigestOptions(**{k: v for k, v in overrides.items() if v is not None})
    try:
        digest = summarize(
            loaded.documents, sentences=args.sentences, words=args.words, ratio=args.ratio,
            bytes=args.bytes, similarity=args.similarity, selection=args.selection,
            order=args.order, language=args.language, options=options,
        )
    except NothingToSummarize as error:
        where = ", ".join(args.paths) or "stdin"
        _say(f"summarizer: error: {where}: {error}")
        return EXIT_NO_RESULT
    if args.output:
        write_atomic(args.output, render(digest, args.format, sources=not args.no_sources, explain=args.explain))
        _say(f"wrote {args.output}")
    elif args.format == "text" and console.is_terminal and not args.no_sources:
        print_digest(digest, console, explain=args.explain)
    else:
        sys.stdout.write(render(digest, args.format, sources=not args.no_sources, explain=args.explain))
        sys.stdout.flush()
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="summarizer",
        description="Offline multi-document news summarizer with a ROUGE evaluation toolkit.",
        formatter_class=RawDescriptionRichHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"summarizer {__version__}")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND", parser_class=_Parser)
    _add_digest_parser(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    console = Console(highlight=False)
    errors = Console(stderr=True, highlight=False)
    parser = build_parser()
    from .ingest import InputError

    try:
        args = parser.parse_args(argv)
        if not hasattr(args, "run"):
            parser.print_help()
            return EXIT_USAGE
        return args.run(args, console, errors)
    except UsageError as error:
        _say(f"summarizer: error: {error} (see summarizer --help)")
        return EXIT_USAGE
    except InputError as error:
        _say(f"summarizer: error: {error}")
        missing = error.problem in ("no such file or directory", "no files match this pattern")
        return EXIT_USAGE if missing else EXIT_NO_RESULT
    except ValueError as error:  # invalid option values that reach the library
        _say(f"summarizer: error: {error}")
        return EXIT_USAGE
    except KeyboardInterrupt:
        _say("summarizer: interrupted")
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
