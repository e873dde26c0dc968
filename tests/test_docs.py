"""The guide holds: every command README.md and docs/*.md show runs as they say.

The shell commands of their ```sh blocks run for real, each page's in order in a folder of its own (also its
HOME) prepared so that they succeed offline: the seeds, a feed list of a newsroom on 127.0.0.1
(tests/newsroom.py: each outlet's feed and pages on ports of their own, so the polite delay between two
requests to one host costs little), a day of articles, label files, summaries and references, a data set in
../shared/data's layout at ../shared/data, and an SMTP server on 127.0.0.1 named by $SUMMARIZER_SMTP: no
other host is ever asked. A command exits with the code its line gives (`# exit N`), else 0. An output block
right after a command's block is what its last command prints: ```text, where a line "..." stands for any
lines and a line ending in "..." for the rest of that line; ```json, where "..." stands for more keys or any
value. A `make` line is checked with `make -n` (it sets up .venv, and `make test` is the suite itself). The
```python blocks run too; every example feed list and label file reads; the links, paths and modules the
pages name exist; the README is at most 300 lines and every page's prose at most 115 characters wide."""

from __future__ import annotations

import importlib
import json
import os
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, replace
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest

from .conftest import ROOT
from .eval.conftest import BRIDGE, BRIDGE_SUMMARY, SEED_SUMMARY
from .local_server import local_server
from .newsroom import BRIDGE as HARBOUR
from .newsroom import BRIDGE_TOO as HARBOUR_TOO
from .newsroom import CUP, DAY_ONE, FEEDS, ITEMS, page, rss

PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\S*)\s*$")
SHELL, OUTPUT = {"sh", "console"}, {"text", "json"}


@dataclass(frozen=True)
class Block:
    page: str
    line: int  # of the opening fence
    lang: str
    text: str
    follows: Block | None = None  # the block right before, with only blank lines between


@dataclass(frozen=True)
class Command:
    page: str
    line: int
    text: str
    exit: int
    shown: Block | None  # the output block after its block, for the block's last command

    def __str__(self) -> str:
        return f"{self.page}:{self.line}"


def blocks(path: Path) -> list[Block]:
    found: list[Block] = []
    lines = path.read_text(encoding="utf-8").split("\n")
    index, closed_at = 0, -2
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        end = next(i for i in range(index + 1, len(lines)) if lines[i].rstrip() == "```")
        between = lines[closed_at + 1 : index] if closed_at >= 0 else ["-"]
        follows = found[-1] if found and all(not line.strip() for line in between) else None
        name = path.relative_to(ROOT).as_posix()
        found.append(Block(name, index + 1, opening[1], "\n".join(lines[index + 1 : end]), follows))
        index, closed_at = end + 1, end
    return found


def block_commands(block: Block) -> list[Command]:
    """The commands of one shell block (a line ending in a backslash goes on), with the exit codes they give."""
    found: list[Command] = []
    pending, start = "", 0
    for number, line in enumerate(block.text.split("\n")):
        if block.lang == "console":
            if not line.startswith("$ "):
                continue
            line = line[2:]
        start = start if pending else block.line + 1 + number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        text, pending = (pending + line).strip(), ""
        if text and not text.startswith("#"):
            code = re.search(r"#\s*exit (\d+)\b", text)
            found.append(Command(block.page, start, text, int(code[1]) if code else 0, None))
    return found


def commands(path: Path) -> list[Command]:
    every = blocks(path)
    found: list[Command] = []
    for block, after in zip(every, [*every[1:], None]):
        if block.lang in SHELL:
            these = block_commands(block)
            if these and after and after.follows is block and after.lang in OUTPUT:
                these[-1] = replace(these[-1], shown=after)
            found += these
    return found


ALL_COMMANDS = [command for path in PAGES for command in commands(path)]


# --------------------------------------------------------------------------
# What the commands find: a newsroom, a mailbox, the files they name


def _outlet_handler(routes: dict[str, tuple[str, str]]) -> type[BaseHTTPRequestHandler]:
    """Serves the newsroom's day one: a feed (routes: path -> (feed, its pages' base)) or a page."""
    pages = {item.path: item for item in ITEMS if item.page and item.day == DAY_ONE}

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path in routes:
                feed, base = routes[self.path]
                status, body = 200, rss(base, feed, DAY_ONE)
            elif self.path in pages:
                status, body = 200, page(pages[self.path])
            elif self.path == "/robots.txt":
                status, body = 200, b"User-agent: *\nAllow: /\n"
            else:
                status, body = 404, b"not found"
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    return Handler


@pytest.fixture(scope="session")
def newsroom() -> Iterator[list[str]]:
    """Each outlet's feed and its pages on two servers of their own; yields the feeds' URLs."""
    from contextlib import ExitStack

    with ExitStack() as stack:
        urls = []
        for feed in FEEDS:
            routes: dict[str, tuple[str, str]] = {}
            pages_base = stack.enter_context(local_server(_outlet_handler({})))
            feed_base = stack.enter_context(local_server(_outlet_handler(routes)))
            routes[feed] = (feed, pages_base)
            urls.append(feed_base + feed)
        yield urls


@pytest.fixture(scope="session")
def mailbox() -> Iterator[tuple[list, int]]:
    """An SMTP server on 127.0.0.1 keeping every message (recipients, subject)."""
    pytest.importorskip("aiosmtpd", reason="aiosmtpd is not installed (pip install -e '.[test]')")
    from aiosmtpd.controller import Controller

    from .test_mail import free_port

    received: list[tuple[list[str], bytes]] = []

    class Box:
        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            received.append((list(envelope.rcpt_tos), envelope.content))  # type: ignore[attr-defined]
            return "250 OK"

    port = free_port()
    controller = Controller(Box(), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield received, port
    finally:
        controller.stop()


def feed_list(urls: list[str]) -> str:
    lines = ["[filter]", 'block = ["horoscope"]', ""]
    for url, name in zip(urls, FEEDS.values()):
        lines += ["[[feed]]", f'url = "{url}"', f'name = "{name}"', ""]
    return "\n".join(lines)


HARBOUR_SUMMARY = "Eastport's harbour bridge reopened after two years of repairs that cost forty million dollars."
LABELS_TOML = """["Reuters"]
leaning = "centre"
country = "UK"

["foxnews.com"]
leaning = "right"
country = "US"

["DE Online"]
leaning = "right"
country = "DE"
"""  # as docs/digest.md shows it
LABELS_CSV = "outlet,leaning,country\nReuters,centre,UK\nfoxnews.com,right,US\nDE Online,right,DE\n"


def day_of_articles(folder: Path) -> None:
    """feeds/ (saved RSS feeds with their text: a bridge two outlets report, a cup final) and exports/today.jsonl
    (the seeds)."""
    (folder / "feeds").mkdir()
    (folder / "exports").mkdir()
    for outlet, title, texts, hour in (("Eastport Courier", "Harbour bridge reopens", HARBOUR, 7),
                                       ("Coast Radio", "Eastport bridge open again", HARBOUR_TOO, 9),
                                       ("County Sport", "Rovers win the county cup", CUP, 13)):  # fmt: skip
        item = (f"<item><title>{title}</title><link>https://example.org/{hour}</link><pubDate>Mon, 21 Apr 2025 "
                f"{hour:02}:00:00 GMT</pubDate><description>{' '.join(texts)}</description></item>")  # fmt: skip
        xml = f'<?xml version="1.0"?><rss version="2.0"><channel><title>{outlet}</title>{item}</channel></rss>'
        (folder / "feeds" / f"{outlet.split()[0].lower()}.rss").write_text(xml, encoding="utf-8")
    seeds = sorted((ROOT / "seeds").glob("*.txt"))
    rows = [{"id": f.stem, "text": f.read_text(encoding="utf-8"), "date": DAY_ONE} for f in seeds]
    (folder / "exports" / "today.jsonl").write_text("\n".join(map(json.dumps, rows)) + "\n", encoding="utf-8")


def data_set(root: Path) -> None:
    """../shared/data's layout: two small clusters (a bridge reopens, twice) in the TAC 2011 and Multi-News
    folders, small so that every system of `compare` runs in a moment."""
    bridge = [{"id": i, "title": t, "text": x} for i, t, x in BRIDGE]
    harbour = [{"id": f"harbour-{n}", "text": " ".join(texts)} for n, texts in enumerate((HARBOUR, HARBOUR_TOO))]
    for folder in ("tac2011_multiling_en", "multinews_test_sample250"):
        (root / folder).mkdir(parents=True)
        for name, documents, summary in (("M000", bridge, BRIDGE_SUMMARY), ("M001", harbour, HARBOUR_SUMMARY)):
            cluster = {"id": name, "documents": documents, "references": [summary, summary.upper().capitalize()]}
            (root / folder / f"{name}.json").write_text(json.dumps(cluster), encoding="utf-8")


def summaries(folder: Path) -> None:
    """sys.txt, a.txt and b.txt (a summary, two references); pairs.jsonl, ours.jsonl and theirs.jsonl."""
    (folder / "sys.txt").write_text(SEED_SUMMARY.replace(". ", ".\n") + "\n", encoding="utf-8")
    (folder / "a.txt").write_text(SEED_SUMMARY + "\n", encoding="utf-8")
    (folder / "b.txt").write_text("Putin offered talks with Ukraine.\nKyiv said it was ready.\n", encoding="utf-8")
    items = [("seeds", SEED_SUMMARY), ("bridge", BRIDGE_SUMMARY)]
    ours = [{"id": i, "summary": s, "references": [s, s.lower()]} for i, s in items]
    theirs = [{"id": i, "summary": s.split(".")[0] + ".", "references": [s, s.lower()]} for i, s in items]
    for name, rows in (("pairs", ours), ("ours", ours), ("theirs", theirs)):
        (folder / f"{name}.jsonl").write_text("\n".join(map(json.dumps, rows)) + "\n", encoding="utf-8")


def prepare(folder: Path, urls: list[str]) -> Path:
    """A page's working folder (also its HOME), with ../shared/data beside it; returns the folder."""
    work = folder / "work"
    shutil.copytree(ROOT / "seeds", work / "seeds")
    (work / "feeds.toml").write_text(feed_list(urls), encoding="utf-8")
    (work / "feeds.txt").write_text("\n".join(urls) + "\n", encoding="utf-8")
    (work / "labels.toml").write_text(LABELS_TOML, encoding="utf-8")
    (work / "labels.csv").write_text(LABELS_CSV, encoding="utf-8")
    day_of_articles(work)
    summaries(work)
    data_set(folder / "shared" / "data")
    bin_dir = folder / "bin"
    bin_dir.mkdir()
    shim = bin_dir / "summarizer"  # this checkout's command, whatever else is on the PATH
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m summarizer.cli "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return work


def environment(work: Path, smtp_port: int, plots: Path) -> dict[str, str]:
    kept = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "XDG_", "DASK_", "MPL"))}
    path = f"{work.parent / 'bin'}{os.pathsep}{Path(sys.executable).parent}{os.pathsep}{kept.get('PATH', '')}"
    # matplotlib's font cache made once for every page, not once per HOME
    return {**kept, "HOME": str(work), "PATH": path, "SUMMARIZER_SMTP": f"127.0.0.1:{smtp_port}", "NO_COLOR": "1",
            "MPLCONFIGDIR": str(plots)}  # fmt: skip


# --------------------------------------------------------------------------
# Running a page


@dataclass(frozen=True)
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_command(command: Command, work: Path, env: dict[str, str]) -> Ran:
    words = shlex.split(command.text, comments=True)
    if words[0] == "make":  # what it would run: it sets up .venv, which the suite must leave alone
        result = subprocess.run(["make", "-n", *words[1:]], cwd=ROOT, capture_output=True, text=True, timeout=60)
    else:
        result = subprocess.run(["bash", "-c", command.text], cwd=work, env=env, capture_output=True, text=True,
                                timeout=180)  # fmt: skip
    return Ran(result.returncode, result.stdout, result.stderr)


def run_page(page: str, folder: Path, urls: list[str], smtp_port: int, plots: Path) -> dict[Command, Ran]:
    work = prepare(folder, urls)
    env = environment(work, smtp_port, plots)
    ran = {}
    for command in (c for c in ALL_COMMANDS if c.page == page):
        ran[command] = run_command(command, work, env)
    for number, block in enumerate(b for b in blocks(ROOT / page) if b.lang == "python"):
        script = work / f"example_{number}.py"
        script.write_text(block.text, encoding="utf-8")
        result = subprocess.run([sys.executable, script.name], cwd=work, env=env, capture_output=True, text=True)
        ran[Command(page, block.line, "python", 0, None)] = Ran(result.returncode, result.stdout, result.stderr)
    return ran


@pytest.fixture(scope="session")
def guide(request, tmp_path_factory, newsroom, mailbox) -> Iterator[dict[str, Future]]:
    """Every page the selected tests need, three at a time (much of a page's time is the polite delay)."""
    pages = {p.relative_to(ROOT).as_posix() for p in PAGES}  # another module's tests may have a "page" too
    wanted = {item.callspec.params["page"] for item in request.session.items
              if hasattr(item, "callspec") and item.callspec.params.get("page") in pages}  # fmt: skip
    plots = tmp_path_factory.mktemp("matplotlib")
    with ThreadPoolExecutor(max_workers=3) as pool:
        futures = {page: pool.submit(run_page, page, tmp_path_factory.mktemp(Path(page).stem), newsroom, mailbox[1],
                                     plots) for page in sorted(wanted)}  # fmt: skip
        yield futures


# --------------------------------------------------------------------------
# What was shown


def line_matches(shown: str, printed: str) -> bool:
    """A shown line ending in "..." is the start of the printed one."""
    shown, printed = shown.rstrip(), printed.rstrip()
    return printed.startswith(shown[:-3]) if shown.endswith("...") else shown == printed


def lines_match(shown: list[str], printed: list[str]) -> bool:
    """Shown lines against printed ones; a line "..." stands for any number of lines."""
    if not shown:
        return not printed
    if shown[0].strip() == "...":
        return any(lines_match(shown[1:], printed[i:]) for i in range(len(printed) + 1))
    return bool(printed) and line_matches(shown[0], printed[0]) and lines_match(shown[1:], printed[1:])


def kind(value: object) -> str:
    return (
        "null" if value is None else "bool" if isinstance(value, bool) else type(value).__name__.replace("int", "float")
    )


def shape_matches(shown: object, real: object, where: str = "") -> list[str]:
    """Where the printed JSON lacks what the shown JSON has: its keys, and the kind of each value. "..." stands
    for any value, or as a key for the keys not shown; a list's shown items must each match a printed one."""
    if shown == "...":
        return []
    if kind(shown) != kind(real):
        return [f"{where or 'the top'}: {shown!r} is shown, {real!r} printed"[:300]]
    if isinstance(shown, dict) and isinstance(real, dict):
        problems = [f"{where}.{k}: shown, not printed" for k in shown if k != "..." and k not in real]
        problems += [] if "..." in shown else [f"{where}.{k}: printed, not shown" for k in real if k not in shown]
        for key in (k for k in shown if k != "..." and k in real):
            problems += shape_matches(shown[key], real[key], f"{where}.{key}")
        return problems
    if isinstance(shown, list) and isinstance(real, list):
        problems = []
        for number, item in enumerate(shown):
            tries = [shape_matches(item, other, f"{where}[{number}]") for other in real] or [[f"{where}: empty"]]
            problems += [] if any(not t for t in tries) else min(tries, key=len)
        return problems
    return []


def json_documents(text: str) -> list[object]:
    """One JSON document, or JSON Lines."""
    try:
        return [json.loads(text)]
    except json.JSONDecodeError:
        return [json.loads(line) for line in text.splitlines() if line.strip()]


# --------------------------------------------------------------------------
# The tests


def by_page(command: Command) -> object:
    return pytest.param(command.page, command, id=f"{command}:{command.text[:60]}")


@pytest.mark.parametrize(("page", "command"), [by_page(c) for c in ALL_COMMANDS])
def test_every_command_shown_runs_as_the_guide_says(page: str, command: Command, guide) -> None:
    ran = guide[page].result()[command]
    said = f"{command}: {command.text}\nexit {ran.returncode}\nstdout:\n{ran.stdout[-3000:]}\nstderr:\n{ran.stderr[-3000:]}"
    assert ran.returncode == command.exit, said
    if command.shown is None:
        return
    if command.shown.lang == "json":
        shown, printed = json_documents(command.shown.text), json_documents(ran.stdout)
        problems = [p for one, real in zip(shown, printed) for p in shape_matches(one, real)]
        assert not problems and len(shown) <= len(printed), "\n".join(problems) + "\n" + said
    else:
        printed = (ran.stdout + ran.stderr if ran.returncode else ran.stdout).rstrip("\n")
        same = lines_match(command.shown.text.rstrip("\n").split("\n"), printed.split("\n"))
        assert same, f"{said}\nshown at {command.shown.page}:{command.shown.line} is not what it printed"


@pytest.mark.parametrize("page", [p.relative_to(ROOT).as_posix() for p in PAGES if "```python" in p.read_text()])
def test_every_python_example_runs(page: str, guide) -> None:
    for command, ran in guide[page].result().items():
        if command.text == "python":
            assert ran.returncode == 0, f"{command}: {ran.stderr[-3000:]}"


def test_the_newsroom_mail_reaches_the_local_server_only(guide, mailbox) -> None:
    for future in guide.values():
        future.result()
    received = mailbox[0]
    assert all(address.endswith("@example.org") for to, _ in received for address in to)
    if any("--mail-to" in c.text for c in ALL_COMMANDS if c.page in guide):
        assert received, "a command mails the digest, and no message arrived"


def test_every_example_feed_list_and_label_file_reads(tmp_path: Path) -> None:
    from summarizer.sources.feedlist import read_feed_list
    from summarizer.sources.labels import read_labels

    for path in PAGES:
        for block in blocks(path):
            if block.lang not in ("toml", "csv"):
                continue
            example = tmp_path / f"example.{block.lang}"
            example.write_text(block.text + "\n", encoding="utf-8")
            if "[[feed]]" in block.text:
                assert read_feed_list(str(example)).feeds, f"{block.page}:{block.line}"
            else:
                assert read_labels(str(example)), f"{block.page}:{block.line}"


def test_every_json_example_parses() -> None:
    for path in PAGES:
        for block in blocks(path):
            if block.lang == "json":
                assert json_documents(block.text), f"{block.page}:{block.line}"


def test_no_shell_block_holds_what_cannot_run_here() -> None:
    for command in ALL_COMMANDS:
        assert not re.search(r"\b(crontab|systemctl|pip install|apt-get|sudo)\b", command.text), command


LINK = re.compile(r"\]\(([^)#\s]*)(?:#([^)\s]*))?\)")
NAMED_PATH = re.compile(r"`((?:summarizer|eval|tests|seeds|docs)/[\w./-]*\w)(?:/)?`")
MODULE = re.compile(r"`(summarizer(?:\.\w+)+)`")


def anchors(page: Path) -> set[str]:
    """The anchors GitHub gives a page's headings."""
    prose = re.sub(r"^```.*?^```", "", page.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)
    headings = re.findall(r"^#+ (.+)$", prose, flags=re.MULTILINE)
    return {re.sub(r"[^\w\- ]", "", heading.lower()).replace(" ", "-") for heading in headings}


def importable(name: str) -> bool:
    """A module of the package, or a name one of them holds (summarizer.Archive)."""
    parent, _, last = name.rpartition(".")
    try:
        importlib.import_module(name)
        return True
    except ImportError:
        try:
            return hasattr(importlib.import_module(parent), last)
        except ImportError:
            return False


@pytest.mark.parametrize("path", PAGES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_links_paths_and_modules_named_exist(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    problems = []
    for target, anchor in LINK.findall(text):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        linked = path.parent / target if target else path
        if not linked.exists():
            problems.append(f"link {target}")
        elif anchor and linked.suffix == ".md" and anchor not in anchors(linked):
            problems.append(f"link {target}#{anchor}")
    for named in NAMED_PATH.findall(text):
        if not (ROOT / named).exists() and not any(ROOT.glob(named)):
            problems.append(f"path {named}")
    problems += [f"module {name}" for name in MODULE.findall(text) if not importable(name)]
    assert not problems, f"{path.name} names what does not exist: {problems}"


def test_the_readme_is_short_and_every_page_reads_at_its_width() -> None:
    assert len((ROOT / "README.md").read_text(encoding="utf-8").splitlines()) <= 300
    for path in PAGES:
        fenced = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            fenced = fenced != line.startswith("```")
            wraps = " " in line.strip() and not line.startswith(("|", "```"))  # not a table row, not one long word
            if not fenced and wraps:
                assert len(line) <= 115, f"{path.name}:{number} is {len(line)} characters"
