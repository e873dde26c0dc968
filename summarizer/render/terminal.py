"""The rich terminal view of a digest."""

from __future__ import annotations

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..documents import Digest
from .formats import _explain_lines, source_label, source_marker


def print_digest(digest: Digest, console: Console, *, explain: bool = False) -> None:
    body = Text()
    for number, sentence in enumerate(digest.sentences):
        if number:
            body.append("\n\n")
        body.append(sentence.text)
        body.append(" " + source_marker(digest, sentence), style="cyan")
    title = f"Digest of {len(digest.documents)} articles · {len(digest.sentences)} sentences · {digest.word_count} words"
    console.print(Panel(body, title=title, title_align="left", border_style="blue"))
    sources = Table(show_header=False, box=None, padding=(0, 1))
    for number, info in enumerate(digest.documents, start=1):
        sources.add_row(f"[cyan][{number}][/cyan]", source_label(info))
    console.print(Group(Text("Sources", style="bold"), sources))
    for note in digest.notes:
        console.print(f"[yellow]note:[/yellow] {note}", highlight=False)
    if explain:
        console.print("\n".join(_explain_lines(digest)), highlight=False, markup=False)
