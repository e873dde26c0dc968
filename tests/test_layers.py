"""The package's rooms and the way imports run between them, checked on the source so they stay that way: base
modules import nothing above them, stages never import the evaluation or the renderers, the evaluation imports no
generation code, renderers import result types only, the daily grouping knows no archive rows; no module over 500
lines, no function over 80, the command line at most 400."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"
BASE = {"errors", "checks", "text", "resources", "documents", "version", "parallel", "output", "decoding"}
STAGES = {"ingest", "feeds", "clean", "segment", "represent", "rank", "select", "order", "versions", "digest",
          "abstractive", "stories", "options", "web", "fetch", "archive", "extract", "differences"}  # fmt: skip
# Above them all: render (results to text), site (pages on disk), cli and arguments (the command line).
RESULT_TYPES = {"documents", "errors", "text", "version", "evaluation", "render"}  # what a renderer may import


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path, *, runtime_only: bool = False) -> list[tuple[str, int]]:
    """(summarizer's top-level room imported, line) for every import of the package in a module."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skipped: set[int] = set()
    if runtime_only:
        for node in ast.walk(tree):
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                skipped |= {id(inner) for inner in ast.walk(node)}
    package = module_name(path).split(".")
    if path.name != "__init__.py":
        package = package[:-1]
    found = []
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            target = [*base, *(node.module.split(".") if node.module else [])]
            if target[:1] == ["summarizer"]:
                rooms = [target[1]] if len(target) > 1 else [a.name for a in node.names]
                found += [(r, node.lineno) for r in rooms]
        elif isinstance(node, ast.Import):
            found += [(a.name.split(".")[1], node.lineno) for a in node.names if a.name.startswith("summarizer.")]
    return found


MODULES = sorted(PACKAGE.rglob("*.py"))


def room(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return parts[0]


@pytest.mark.parametrize("path", [p for p in MODULES if room(p) in BASE], ids=lambda p: p.name)
def test_base_modules_import_nothing_above_them(path: Path) -> None:
    above = [(r, line) for r, line in imports(path, runtime_only=True) if r not in BASE]
    assert not above, f"{path.name} imports {above}"


@pytest.mark.parametrize("path", [p for p in MODULES if room(p) in STAGES], ids=lambda p: str(p.relative_to(PACKAGE)))
def test_stages_never_import_the_evaluation_the_renderers_or_the_command_line(path: Path) -> None:
    wrong = [(r, line) for r, line in imports(path) if r in {"evaluation", "render", "cli", "arguments"}]
    assert not wrong, f"{path.relative_to(PACKAGE)} imports {wrong}"


@pytest.mark.parametrize("path", [p for p in MODULES if room(p) == "evaluation"], ids=lambda p: p.name)
def test_the_evaluation_imports_no_generation_code(path: Path) -> None:
    wrong = [
        (r, line) for r, line in imports(path) if r not in {"evaluation", "text", "resources", "errors", "version"}
    ]
    assert not wrong, f"evaluation/{path.name} imports {wrong}"


@pytest.mark.parametrize("path", [p for p in MODULES if room(p) == "render"], ids=lambda p: p.name)
def test_renderers_import_result_types_only(path: Path) -> None:
    wrong = [(r, line) for r, line in imports(path, runtime_only=True) if r not in RESULT_TYPES]
    assert not wrong, f"render/{path.name} imports {wrong} at run time"


def test_the_daily_grouping_knows_no_archive_rows() -> None:
    for name in ("daily.py", "grouping.py", "headlines.py", "records.py"):
        assert "archive" not in [r for r, _ in imports(PACKAGE / "stories" / name)], name


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_over_500_lines_and_no_function_over_80(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= (400 if path.name == "cli.py" else 500)
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno - node.lineno + 1 <= 80, f"{path.name}: {node.name}"


def test_the_checks_see_imports_of_every_shape() -> None:
    """The parser above reads relative imports of every shape, so the tests cannot pass by seeing nothing."""
    assert "evaluation" in [r for r, _ in imports(PACKAGE / "summary_files.py")]  # under TYPE_CHECKING, and lazily
    assert "abstractive" in [r for r, _ in imports(PACKAGE / "abstractive" / "guard.py")]  # from . import grammar
    assert "stories" in [r for r, _ in imports(PACKAGE / "render" / "daily.py")]
    assert "stories" not in [r for r, _ in imports(PACKAGE / "render" / "daily.py", runtime_only=True)]
    assert ("errors", 13) in imports(PACKAGE / "evaluation" / "rouge.py") or "errors" in [
        r for r, _ in imports(PACKAGE / "evaluation" / "rouge.py")
    ]
