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
    method.add_argument("--mode", choices=("extractive", "abstractive"), default="extractive",
                        help="abstractive: fuse the sentences outlets share into one and compress long ones, "
                        "each checked by a guard (default: extractive)")
    method.add_argument("--model", metavar="PATH",
                        help="a local seq2seq summarization model directory (transformers) that rewrites the digest; "
                        "offline only, and its output must pass the same guard")
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


def _load_articles(paths, what: str):
    """Documents from paths or stdin, warnings printed; the digest and daily commands share it."""
    from .ingest import load_inputs

    if not paths and sys.stdin.isatty():
        raise UsageError(f"no input: give files or directories, or pipe {what} to stdin")
    loaded = load_inputs(paths)
    for warning in loaded.warnings:
        _say(f"summarizer: warning: {warning}")
    return loaded


def _progress_bar():
    """A progress bar on stderr, shown only in a terminal."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    stderr = Console(stderr=True)
    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    console=stderr, transient=True, disable=not stderr.is_terminal)


def _run_digest(args, console: Console, errors: Console) -> int:
    from .digest import NothingToSummarize, summarize
    from .documents import DigestOptions
    from .render import print_digest, render, write_atomic

    loaded = _load_articles(args.paths, "text")
    overrides = {
        "redundancy": args.redundancy,
        "position_prior": args.position_prior,
    }
    options = DigestOptions(**{k: v for k, v in overrides.items() if v is not None})
    try:
        digest = summarize(
            loaded.documents, sentences=args.sentences, words=args.words, ratio=args.ratio,
            bytes=args.bytes, similarity=args.similarity, selection=args.selection,
            order=args.order, language=args.language, mode=args.mode, options=options,
        )
        if args.model:
            from .neural import rewrite_with_model

            digest = rewrite_with_model(digest, loaded.documents, args.model)
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


EVAL_EPILOG = """\
examples:
  summarizer eval --summary digest.txt --source seeds/            one row per source, then mean/min/max
  summarizer eval --summary sys.txt --reference a.txt --reference b.txt --compat rouge155 --stem
  summarizer eval --summary sys.txt --reference a.txt --perl-flags "-n 2 -2 4 -u -f A"
  summarizer eval --pairs pairs.jsonl --compat rouge-score --stem --metrics rouge-1,rouge-2,rouge-l

A summary or reference file holds one sentence per line (a digest's JSON output works too).
--pairs reads JSON Lines: {"id": ..., "summary": "...", "references": ["...", ...]}, sentences
separated by newlines, and prints {"signature", "items", "average", "confidence"} as JSON.

metrics: rouge-N, rouge-l (summary-level union LCS: ROUGE-1.5.5's ROUGE-L, rouge-score's
rougeLsum), rouge-l-text (one LCS over the whole text: rouge-score's rougeL), rouge-w,
rouge-sD, rouge-suD, rouge-s*, rouge-su*.
"""


def _add_eval_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "eval",
        help="ROUGE of a summary against its sources and human references",
        description="Score a summary with ROUGE (ROUGE-1.5.5-exact or rouge-score-exact) against each source "
        "article and against human reference summaries. Every result is printed with its signature.",
        epilog=EVAL_EPILOG,
        formatter_class=RawDescriptionRichHelpFormatter,
    )
    what = parser.add_argument_group("what to score")
    what.add_argument("--summary", metavar="FILE", help="the summary: a text file (one sentence per line), a digest's JSON, or - for stdin")
    what.add_argument("--reference", action="append", default=[], metavar="FILE", help="a human reference summary (repeat for several)")
    what.add_argument("--source", action="append", default=[], metavar="PATH", help="source articles: files or directories, as for digest (repeatable)")
    what.add_argument("--pairs", metavar="FILE", help="batch: JSON Lines of {id, summary, references}")
    how = parser.add_argument_group("how to score")
    how.add_argument("--metrics", default="rouge-1,rouge-2,rouge-l,rouge-su4", help="comma-separated (default: rouge-1,rouge-2,rouge-l,rouge-su4)")
    how.add_argument("--compat", choices=("rouge155", "rouge-score"), default="rouge155",
                     help="reproduce ROUGE-1.5.5 (default) or Google's rouge-score package")
    how.add_argument("--stem", action="store_true", help="stem (ROUGE-1.5.5 -m: WordNet exceptions + Porter; rouge-score: NLTK Porter)")
    how.add_argument("--stopwords", action="store_true", help="remove stop words (ROUGE-1.5.5 -s; rouge155 mode only)")
    limit = how.add_mutually_exclusive_group()
    limit.add_argument("--max-words", type=_positive_int, metavar="N", help="truncate summary and references to N words (-l)")
    limit.add_argument("--max-bytes", type=_positive_int, metavar="N", help="truncate to N bytes (-b), with ROUGE-1.5.5's quirks")
    how.add_argument("--multi-ref", choices=("pooled", "best", "max-f"), default=None,
                     help="several references: pooled counts (-f A, rouge155 default), best recall (-f B), best F (rouge-score default)")
    how.add_argument("--alpha", type=_unit_float, default=0.5, metavar="A", help="F = PR / ((1-A)P + AR) (default 0.5)")
    how.add_argument("--tokenizer", choices=("default", "unicode"), default="default",
                     help="default: the compat mode's ASCII tokenizer; unicode: any script (for text that is not English)")
    how.add_argument("--language", default="english", help="stemmer and stop words for --tokenizer unicode (default english)")
    how.add_argument("--resamples", type=int, default=1000, metavar="R", help="bootstrap resamples for confidence intervals (default 1000; 0: none)")
    how.add_argument("--confidence", type=float, default=95.0, metavar="C", help="confidence level in percent (default 95)")
    how.add_argument("--perl-flags", metavar="FLAGS", help='ROUGE-1.5.5 flags, e.g. "-n 2 -m -2 4 -u -f A -p 0.5"; they set the options above')
    out = parser.add_argument_group("output")
    out.add_argument("--format", "-f", choices=("table", "json", "csv", "markdown"), default="table")
    out.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically) instead of stdout")
    parser.set_defaults(run=_run_eval)


def _eval_settings(args):
    from .evaluation import RougeSettings
    from .evaluation.perlflags import settings_from_perl_flags

    if args.perl_flags:
        return settings_from_perl_flags(args.perl_flags, resamples=args.resamples, confidence=args.confidence)
    metrics = tuple(m.strip() for m in args.metrics.split(",") if m.strip())
    return RougeSettings(
        compat=args.compat, metrics=metrics, stem=args.stem, stopwords=args.stopwords, max_words=args.max_words,
        max_bytes=args.max_bytes, multi_ref=args.multi_ref, alpha=args.alpha, tokenizer=args.tokenizer,
        language=args.language, resamples=args.resamples, confidence=args.confidence,
    )


def _read_text_file(path: str) -> list[str]:
    """Sentences of a summary or reference file (or stdin for '-')."""
    import json as _json
    from pathlib import Path

    from .ingest import InputError, decode

    if path == "-":
        data = sys.stdin.buffer.read()
    else:
        try:
            data = Path(path).read_bytes()
        except FileNotFoundError:
            raise InputError(path, "no such file or directory")
        except IsADirectoryError:
            raise InputError(path, "is a directory, not a summary file")
        except OSError as error:
            raise InputError(path, error.strerror or "cannot be read")
    text, _ = decode(data, path) if data else ("", ())
    stripped = text.lstrip()
    if stripped.startswith("{"):
        try:
            digest = _json.loads(text)
        except ValueError:
            digest = None
        if isinstance(digest, dict) and isinstance(digest.get("sentences"), list):
            return [str(s.get("text", "")) if isinstance(s, dict) else str(s) for s in digest["sentences"]]
    return text.splitlines()


def _read_pairs(path: str):
    import json as _json
    from pathlib import Path

    from .evaluation import Item
    from .ingest import InputError, decode

    try:
        data = Path(path).read_bytes() if path != "-" else sys.stdin.buffer.read()
    except FileNotFoundError:
        raise InputError(path, "no such file or directory")
    except OSError as error:
        raise InputError(path, error.strerror or "cannot be read")
    text, _ = decode(data, path)
    items = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = _json.loads(line)
        except ValueError as error:
            raise InputError(path, f"line {number} is not JSON ({error})")
        if not isinstance(record, dict):
            raise InputError(path, f"line {number} is not a JSON object")
        summary, references = record.get("summary"), record.get("references")
        if not isinstance(summary, str):
            raise InputError(path, f"line {number} has no 'summary' string")
        if not isinstance(references, list) or not references or not all(isinstance(r, str) for r in references):
            raise InputError(path, f"line {number} needs 'references': a non-empty list of strings")
        items.append(Item(id=str(record.get("id", number)), summary=summary, references=references))
    if not items:
        raise InputError(path, "no pairs in this file")
    return items


def _emit(args, console: Console, text: str | None = None, renderable=None) -> None:
    from .render import write_atomic

    if args.output:
        write_atomic(args.output, text if text is not None else "")
        _say(f"wrote {args.output}")
    elif renderable is not None:
        console.print(renderable)
    else:
        sys.stdout.write(text or "")
        sys.stdout.flush()


def _run_eval(args, console: Console, errors: Console) -> int:
    from .evaluation import evaluate_corpus
    from .evaluation.sources import score_against_sources
    from .ingest import load_paths
    from .render.scores import rows_to_csv, rows_to_markdown, rows_to_table, to_json

    settings = _eval_settings(args)
    metrics = [m.name for m in settings.parsed_metrics]
    if args.pairs:
        if args.summary or args.reference or args.source:
            raise UsageError("--pairs cannot be combined with --summary, --reference or --source")
        result = evaluate_corpus(_read_pairs(args.pairs), settings)
        for item_id, pair in result.items:
            for note in pair.notes:
                _say(f"summarizer: note: item {item_id}: {note}")
        if args.format == "json":
            _emit(args, console, to_json(result.to_dict()))
            return EXIT_OK
        rows = [("average", result.aggregate.average)]
        rows += [(f"{item_id}", pair.scores) for item_id, pair in result.items]
    else:
        if not args.summary:
            raise UsageError("give --summary FILE (with --reference or --source), or --pairs FILE")
        if not args.reference and not args.source:
            raise UsageError("give at least one --reference FILE or --source PATH to score against")
        summary = _read_text_file(args.summary)
        references = [_read_text_file(path) for path in args.reference]
        sources = load_paths(args.source).documents if args.source else []
        report = score_against_sources(summary, sources=sources, references=references, settings=settings)
        notes = []
        if report.references is not None:
            notes += [f"references: {n}" for n in report.references.notes]
        for source_id, pair in report.sources:
            notes += [f"source {source_id}: {n}" for n in pair.notes]
        for note in dict.fromkeys(notes):
            _say(f"summarizer: note: {note}")
        if args.format == "json":
            data = {
                "signature": settings.signature(),
                "references": ({m: report.references.scores[m].as_dict() for m in metrics}
                               if report.references is not None else None),
                "sources": [{"id": i, "scores": {m: p.scores[m].as_dict() for m in metrics}}
                            for i, p in report.sources],
                "sources_summary": {name: {m: s[m].as_dict() for m in metrics}
                                    for name, s in report.summary_rows().items()},
                "notes": notes,
            }
            _emit(args, console, to_json(data))
            return EXIT_OK
        rows = []
        if report.references is not None:
            rows.append((f"references ({len(references)})", report.references.scores))
        rows += [(f"source {i}", p.scores) for i, p in report.sources]
        rows += [(name, scores) for name, scores in report.summary_rows().items()]
    signature = settings.signature()
    if args.format == "markdown":
        _emit(args, console, rows_to_markdown(rows, metrics, signature=signature))
    elif args.format == "csv":
        _emit(args, console, rows_to_csv(rows, metrics, signature=signature))
    elif args.output:
        _emit(args, console, rows_to_markdown(rows, metrics, signature=signature))
    else:
        _emit(args, console, renderable=rows_to_table(rows, metrics, signature=signature))
    return EXIT_OK


def _add_compare_parser(subparsers) -> None:
    from .systems import system_names

    parser = subparsers.add_parser(
        "compare",
        help="run several systems on a benchmark dataset and compare their ROUGE",
        description="Run every system on every cluster of a dataset (one JSON file per cluster: documents and "
        "references) and score them with the dataset's standard ROUGE settings: mean and 95%% interval per "
        "metric, and seconds per cluster.",
        epilog="systems: " + ", ".join(system_names()),
        formatter_class=RawDescriptionRichHelpFormatter,
    )
    parser.add_argument("dataset", metavar="DATASET", help="a directory of cluster files")
    parser.add_argument("--systems", default="textrank,sumy-textrank,sumy-lexrank,lead",
                        help="comma-separated system names (default: textrank,sumy-textrank,sumy-lexrank,lead)")
    budget = parser.add_mutually_exclusive_group()
    budget.add_argument("--words", type=_positive_int, metavar="N", help="summary length in words (default: the dataset's standard length)")
    budget.add_argument("--sentences", type=_positive_int, metavar="N", help="summary length in sentences")
    parser.add_argument("--jobs", "-j", type=_positive_int, default=1, metavar="N", help="worker processes (results are identical for any N)")
    parser.add_argument("--compat", choices=("rouge155", "rouge-score"), help="override the dataset's ROUGE mode")
    parser.add_argument("--metrics", help="override the dataset's metrics (comma-separated)")
    stem = parser.add_mutually_exclusive_group()
    stem.add_argument("--stem", dest="stem", action="store_const", const=True, help="override: stem")
    stem.add_argument("--no-stem", dest="stem", action="store_const", const=False, help="override: do not stem")
    parser.add_argument("--save-summaries", metavar="DIR", help="write each system's summary per cluster, one sentence per line")
    parser.add_argument("--format", "-f", choices=("table", "json", "markdown", "csv"), default="table")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the results to FILE (atomically)")
    parser.set_defaults(run=_run_compare)


def _command_line() -> str:
    import shlex

    return "summarizer " + " ".join(shlex.quote(a) for a in sys.argv[1:])


def _run_compare(args, console: Console, errors: Console) -> int:
    from .compare import compare, comparison_rows, rouge_settings, save_summaries
    from .datasets import load_dataset, standard_settings
    from .render.comparison import render_comparison
    from .systems import Budget

    clusters = load_dataset(args.dataset)
    standard = standard_settings(args.dataset)
    metrics = tuple(m.strip() for m in args.metrics.split(",")) if args.metrics else None
    settings = rouge_settings(standard, compat=args.compat, metrics=metrics, stem=args.stem)
    budget = Budget(sentences=args.sentences) if args.sentences else Budget(words=args.words or standard.words)
    systems = [name.strip() for name in args.systems.split(",") if name.strip()]
    with _progress_bar() as progress:
        task = progress.add_task("summarising", total=len(systems) * len(clusters))
        result = compare(clusters, systems, dataset=args.dataset, budget=budget, settings=settings,
                         measure=standard.measure, jobs=args.jobs, progress=lambda run: progress.advance(task))
    if args.save_summaries:
        count = save_summaries(result, args.save_summaries)
        _say(f"wrote {count} summaries under {args.save_summaries}")
    text, renderable = render_comparison(result, args.format, command=_command_line())
    _emit(args, console, text if (args.output or renderable is None) else None, renderable if not args.output else None)
    return EXIT_OK


def _add_lengths_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "lengths",
        help="how ROUGE grows with summary length, for a dataset or plain articles",
        description="Summarise at several lengths. For a dataset (cluster files with references): ROUGE-1, "
        "ROUGE-2 and ROUGE-SU4 against the references. For plain articles: ROUGE against each source and the "
        "share of each source's sentences the summary covers. Prints a terminal chart; --plot writes a PNG.",
        formatter_class=RawDescriptionRichHelpFormatter,
    )
    parser.add_argument("input", metavar="INPUT", nargs="+", help="a dataset directory, or article files/directories")
    parser.add_argument("--lengths", default="50,100,150,200,300", help="word budgets (default: 50,100,150,200,300)")
    parser.add_argument("--systems", default="textrank,sumy-textrank,sumy-lexrank,lead", help="comma-separated system names")
    parser.add_argument("--jobs", "-j", type=_positive_int, default=1, metavar="N", help="worker processes")
    parser.add_argument("--plot", metavar="FILE.png", help="write the curves as a PNG (matplotlib)")
    parser.add_argument("--format", "-f", choices=("table", "json", "markdown", "csv"), default="table")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the results to FILE (atomically)")
    parser.set_defaults(run=_run_lengths)


def _is_dataset(paths) -> bool:
    import json as _json
    from pathlib import Path

    if len(paths) != 1 or not Path(paths[0]).is_dir():
        return False
    files = sorted(Path(paths[0]).glob("*.json"))
    if not files:
        return False
    try:
        data = _json.loads(files[0].read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(data, dict) and isinstance(data.get("documents"), list) and bool(data.get("references"))


def _run_lengths(args, console: Console, errors: Console) -> int:
    import csv as _csv
    import io
    import json as _json

    from .datasets import load_dataset, standard_settings
    from .ingest import load_paths
    from .lengths import plot_png, sweep_articles, sweep_dataset, sweep_rows, terminal_chart

    try:
        lengths = sorted({int(x) for x in args.lengths.split(",") if x.strip()})
    except ValueError:
        raise UsageError(f"--lengths must be whole numbers separated by commas, not {args.lengths!r}")
    if not lengths or lengths[0] < 1:
        raise UsageError("--lengths must be positive")
    systems = [n.strip() for n in args.systems.split(",") if n.strip()]
    name = " ".join(args.input)
    if _is_dataset(args.input):
        sweep = sweep_dataset(load_dataset(args.input[0]), systems, lengths, name=name,
                              standard=standard_settings(args.input[0]), jobs=args.jobs)
    else:
        if "oracle" in systems:
            raise UsageError("the oracle needs reference summaries; plain articles have none")
        sweep = sweep_articles(load_paths(args.input).documents, systems, lengths, name=name, jobs=args.jobs)
    if args.plot:
        plot_png(sweep, args.plot)
        _say(f"wrote {args.plot}")
    rows = sweep_rows(sweep)
    signature = sweep.settings.signature()
    command = _command_line()
    if args.format == "json":
        text = _json.dumps({"input": name, "kind": sweep.kind, "measure": sweep.measure, "signature": signature,
                            "command": command, "rows": rows,
                            **({"per_source": {f"{k[0]}@{k[1]}": v for k, v in sweep.per_source.items()}}
                               if sweep.per_source else {})}, indent=2) + "\n"
    elif args.format == "csv":
        out = io.StringIO()
        writer = _csv.writer(out, lineterminator="\n")
        writer.writerow(["system", "words", "metric", "value", "low", "high", "signature", "command"])
        for r in rows:
            writer.writerow([r["system"], r["words"], r["metric"], f"{r['value']:.5f}", r["low"], r["high"],
                             signature, command])
        text = out.getvalue()
    else:
        band = "95% interval" if sweep.kind == "dataset" else "min-max over sources"
        lines = [f"### {name}: {sweep.measure} by summary length ({band})", ""]
        for metric in sweep.metrics:
            lines += [f"**{metric}**", "", "| system | " + " | ".join(f"{w} words" for w in sweep.lengths) + " |",
                      "|---|" + "---|" * len(sweep.lengths)]
            for system in sweep.systems:
                cells = []
                for w in sweep.lengths:
                    p = next(p for p in sweep.points if p.system == system and p.words == w and p.metric == metric)
                    cells.append(f"{p.value:.4f}" + (f" [{p.low:.3f}, {p.high:.3f}]" if p.low is not None else ""))
                lines.append(f"| {system} | " + " | ".join(cells) + " |")
            lines.append("")
        lines += [f"signature: `{signature}`", f"command: `{command}`", ""]
        text = "\n".join(lines)
    if args.format == "table" and not args.output:
        console.print(terminal_chart(sweep))
        console.print(signature, highlight=False, markup=False)
        return EXIT_OK
    _emit(args, console, text)
    return EXIT_OK


def _date(text: str) -> str:
    import datetime as _dt

    try:
        return _dt.date.fromisoformat(text).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}")


def _add_daily_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "daily",
        help="group a day's articles into stories, rank them and summarise each",
        description="Turn a day's articles from many outlets into one page: articles about the same event are "
        "grouped into stories (syndicated copies count once), stories are ranked by how many outlets cover "
        "them, then size and recency, and each story gets its own digest and headline.",
        formatter_class=RawDescriptionRichHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH",
                        help="files, directories, globs (text, Markdown, HTML, JSON, JSONL, RSS/Atom); '-' reads stdin")
    parser.add_argument("--date", type=_date, metavar="YYYY-MM-DD", help="keep only articles of this day (articles without a date are kept)")
    parser.add_argument("--stories", type=_positive_int, metavar="N", help="at most N stories")
    per = parser.add_mutually_exclusive_group()
    per.add_argument("--words-per-story", type=_positive_int, metavar="N", help="budget of each story's digest in words")
    per.add_argument("--sentences-per-story", type=_positive_int, metavar="N", help="budget in sentences (default 3)")
    parser.add_argument("--drop-singletons", action="store_true", help="leave out stories that only one article covers")
    parser.add_argument("--grouping", choices=("average", "incremental"), default="average",
                        help="average-linkage clustering (default) or a single incremental pass")
    parser.add_argument("--distance", type=_unit_float, default=None, metavar="D",
                        help="grouping cut, as 1 - cosine (default 0.8): higher joins more; broad topics over weeks need about 0.9")
    parser.add_argument("--jobs", "-j", type=_positive_int, default=None, metavar="N", help="processes for summarising stories (default: all cores)")
    parser.add_argument("--mode", choices=("extractive", "abstractive"), default="extractive",
                        help="abstractive: fuse what several outlets say into one sentence (guarded)")
    parser.add_argument("--format", "-f", choices=("text", "markdown", "json", "html"), default="text")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (atomically)")
    parser.set_defaults(run=_run_daily)


def _run_daily(args, console: Console, errors: Console) -> int:
    from .render import write_atomic
    from .render.daily import print_daily, render_daily
    from .documents import DigestOptions
    from .stories import GroupingOptions, daily

    loaded = _load_articles(args.paths, "articles")
    grouping = GroupingOptions(method=args.grouping, **({"distance": args.distance} if args.distance is not None else {}))
    with _progress_bar() as progress:
        task = progress.add_task("summarising stories", total=None)
        result = daily(
            loaded.documents, date=args.date, stories=args.stories, words_per_story=args.words_per_story,
            sentences_per_story=args.sentences_per_story, keep_singletons=not args.drop_singletons,
            grouping=grouping, jobs=args.jobs, progress=lambda n: progress.advance(task, n),
            options=DigestOptions(mode=args.mode),
        )
    if not result.stories:
        _say("summarizer: error: no story left (every article was filtered out or had no text)")
        return EXIT_NO_RESULT
    documents = {d.id: {"title": d.title, "url": d.url} for d in loaded.documents}
    if args.output:
        write_atomic(args.output, render_daily(result, args.format, documents=documents))
        _say(f"wrote {args.output}")
    elif args.format == "text" and console.is_terminal:
        print_daily(result, console)
    else:
        sys.stdout.write(render_daily(result, args.format, documents=documents))
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
    _add_eval_parser(subparsers)
    _add_compare_parser(subparsers)
    _add_lengths_parser(subparsers)
    _add_daily_parser(subparsers)
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
