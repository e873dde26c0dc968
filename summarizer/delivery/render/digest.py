"""A Digest as text (with source markers), Markdown, JSON, or a rich terminal view."""

from __future__ import annotations

from typing import Any

from ...core.result import Digest
from ...documents import DocumentInfo, Sentence
from ...text import counted
from .common import check_format, json_text, markdown_escape, markdown_link
from .differences import difference_lines

FORMATS = ("text", "markdown", "json")
# Past this many articles, Sources lists the ones the digest cites and counts the rest (16,000 lines of
# sources under a seven-sentence digest hide the digest); the JSON output always lists every one.
SOURCES_IN_FULL = 30
NOTES_IN_FULL = 20
ALSO_SHOWN = 12  # outlets named after a sentence; the rest counted ("and 60 more"), all of them in JSON


def listed_sources(digest: Digest) -> tuple[list[tuple[int, DocumentInfo]], int]:
    """The numbered sources to list, and how many others go uncited and unlisted."""
    numbered = list(enumerate(digest.documents, start=1))
    if len(numbered) <= SOURCES_IN_FULL:
        return numbered, 0
    cited = {s.document for s in digest.sentences} | {
        d for s in digest.sentences for d in s.also_reported_by[:ALSO_SHOWN]
    }
    cited |= {d for s in digest.sentences for d, _ in s.fused_from}
    shown = [(n, info) for n, info in numbered if info.id in cited]
    return shown, len(numbered) - len(shown)


def listed_notes(digest: Digest) -> list[str]:
    notes = list(digest.notes)
    if len(notes) <= NOTES_IN_FULL:
        return notes
    return [*notes[:NOTES_IN_FULL], f"... and {len(notes) - NOTES_IN_FULL} more notes (the JSON output has them all)"]


def _uncited(count: int) -> str:
    return f"... and {counted(count, 'more article')}, none of them cited (the JSON output lists every one)"


def source_numbers(digest: Digest) -> dict[str, int]:
    """Document id -> 1-based number used in source markers."""
    return {info.id: number for number, info in enumerate(digest.documents, start=1)}


def source_marker(digest: Digest, sentence: Sentence) -> str:
    """ "[2; also 1, 4]" for an extracted sentence, "[fused from 1, 3]" for a rewritten one."""
    numbers = source_numbers(digest)
    if sentence.fused_from:
        sources = ", ".join(dict.fromkeys(str(numbers[d]) for d, _ in sentence.fused_from if d in numbers))
        return f"[{sentence.kind} from {sources}]"
    main = str(numbers[sentence.document])
    shown = sentence.also_reported_by[:ALSO_SHOWN]
    others = ", ".join(str(numbers[d]) for d in shown)
    more = len(sentence.also_reported_by) - len(shown)
    others += f" and {more} more" if more else ""
    return f"[{main}; also {others}]" if others else f"[{main}]"


def source_label(info: DocumentInfo) -> str:
    version = "another version" if info.sentences else "a copy"  # a later version may add sentences of its own
    parts = [info.id + (f" ({version} of {info.copy_of}, counted once)" if info.copy_of else "")]
    if info.source:
        parts.append(info.source)
    if info.title:
        parts.append(f"“{info.title}”")
    return " — ".join(parts)


def explain_lines(digest: Digest) -> list[str]:
    """What cleaning removed from each article, and which name spellings were merged."""
    lines = ["What cleaning removed"]
    for info in digest.documents:
        lines.append(f"  {info.id}: {len(info.removed)} item(s), {info.sentences} sentences kept")
        for removal in info.removed:
            text = removal.text if len(removal.text) <= 100 else removal.text[:97] + "..."
            lines.append(f"    - {removal.step}: {text}")
    variants = digest.stats.get("merged_name_variants") or {}
    if variants:
        lines.append("Spelling variants counted as one term")
        lines.extend(f"  {a} -> {b}" for a, b in variants.items())
    return lines


def render_text(digest: Digest, *, sources: bool = True, explain: bool = False) -> str:
    if not sources:
        return "\n".join(s.text for s in digest.sentences) + "\n"
    lines = [f"{s.text} {source_marker(digest, s)}" for s in digest.sentences]
    differences = difference_lines(digest)
    lines += ["", "Where the outlets differ", *(f"  {line}" for line in differences)] if differences else []
    shown, uncited = listed_sources(digest)
    lines += ["", "Sources"]
    lines += [f"  [{n}] {source_label(info)}" for n, info in shown]
    lines += [f"  {_uncited(uncited)}"] if uncited else []
    if digest.notes:
        lines += ["", "Notes"] + [f"  {note}" for note in listed_notes(digest)]
    if explain:
        lines += ["", *explain_lines(digest)]
    return "\n".join(lines) + "\n"


def render_markdown(digest: Digest, *, sources: bool = True, explain: bool = False) -> str:
    lines = [f"# Digest of {counted(len(digest.documents), 'article')}", ""]
    if not sources:
        return "\n".join([*lines, " ".join(markdown_escape(s.text) for s in digest.sentences), ""])
    for sentence in digest.sentences:
        marker = source_marker(digest, sentence).replace("[", "\\[").replace("]", "\\]")
        lines.append(f"- {markdown_escape(sentence.text)} {marker}")
    differences = difference_lines(digest)
    lines += (
        ["", "## Where the outlets differ", "", *(f"- {markdown_escape(d)}" for d in differences)]
        if differences
        else []
    )
    lines += ["", "## Sources", ""]
    shown, uncited = listed_sources(digest)
    for number, info in shown:
        lines.append(f"{number}. {markdown_link(markdown_escape(source_label(info)), info.url)}")
    lines += ["", markdown_escape(_uncited(uncited))] if uncited else []
    if digest.notes:
        lines += ["", "## Notes", ""] + [f"- {markdown_escape(n)}" for n in listed_notes(digest)]
    if explain:
        lines += ["", "## What cleaning removed", "", "```", *explain_lines(digest)[1:], "```"]
    return "\n".join(lines) + "\n"


def render(digest: Digest, fmt: str = "text", *, sources: bool = True, explain: bool = False) -> str:
    """The digest in one of FORMATS, as a string ending in a newline."""
    check_format(fmt, FORMATS)
    if fmt == "json":
        return json_text(digest.to_dict())
    if fmt == "markdown":
        return render_markdown(digest, sources=sources, explain=explain)
    return render_text(digest, sources=sources, explain=explain)


def rich_view(digest: Digest, *, explain: bool = False) -> Any:
    """The digest in a panel, its sources and notes, for a terminal."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    body = Text()
    for number, sentence in enumerate(digest.sentences):
        if number:
            body.append("\n\n")
        body.append(sentence.text)
        body.append(" " + source_marker(digest, sentence), style="cyan")
    title = (
        f"Digest of {counted(len(digest.documents), 'article')} · {counted(len(digest.sentences), 'sentence')} · "
        f"{counted(digest.word_count, 'word')}"
    )
    sources = Table(show_header=False, box=None, padding=(0, 1))
    shown, uncited = listed_sources(digest)
    for number, info in shown:
        sources.add_row(Text(f"[{number}]", style="cyan"), Text(source_label(info)))
    if uncited:
        sources.add_row(Text(""), Text(_uncited(uncited), style="dim"))
    parts: list[Any] = [Panel(body, title=title, title_align="left", border_style="blue")]
    differences = difference_lines(digest)
    if differences:
        parts += [
            Text("Where the outlets differ", style="bold"),
            *(Text("  " + d, style="magenta") for d in differences),
        ]
    parts += [Text("Sources", style="bold"), sources]
    parts += [Text.assemble(("note: ", "yellow"), note) for note in listed_notes(digest)]
    if explain:
        parts.append(Text("\n".join(explain_lines(digest))))
    return Group(*parts)
