"""The package's layers and the way imports run between them, checked on the source so they stay that way.

The layers, lowest first (CONTRIBUTING.md draws the same map):

    base         errors, version, checks, resources, text, languages, documents (the plain types), parallel,
                 sentence_analyses (what is read from a sentence, kept across runs)
    evaluation   ROUGE and statistics: knows nothing of how a summary was made
    sources      bytes and URLs -> Documents; feed lists and label files
    archive      the SQLite archive
    core         the one-event pipeline
    abstractive, differences   steps composed onto the pipeline
    digest       one event's digest, whole (the composition)
    stories, comparisons       a day of news; systems compared on benchmarks
    delivery     output files, renderers, the site, the mail
    cli          the command line
    __init__     the public API

Every import that runs (at the top of a module or inside a function; not those under TYPE_CHECKING, which only
the type checker reads) points to its own layer or a lower one, and no modules import each other in a circle
(importing a module runs its packages' __init__ too, so that counts as an import of the package), not even
through the imports the type checker reads. Also: the
evaluation imports no generation code, renderers import result types only, the daily grouping knows no archive
rows; no module over 500 lines, no function over 80, at most 10 modules directly in summarizer/ besides
__init__, version and errors.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "summarizer"
LAYERS: tuple[frozenset[str], ...] = tuple(
    frozenset(rooms.split())
    for rooms in (
        "errors version checks resources text languages documents parallel sentence_analyses",
        "evaluation",
        "sources",
        "archive",
        "core",
        "abstractive differences",
        "digest",
        "stories comparisons",
        "delivery",
        "cli",
        "__init__ __main__",
    )
)
BASE = LAYERS[0]
RESULT_TYPES = {"documents", "errors", "text", "version", "evaluation"}  # what a renderer may import, besides render/
RESULT_MODULES = {"summarizer.core.result"}  # and the digest, which lives beside its options
MODULES = sorted(PACKAGE.rglob("*.py"))


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_module(dotted: str) -> bool:
    path = PACKAGE.parent.joinpath(*dotted.split("."))
    return path.with_suffix(".py").is_file() or (path / "__init__.py").is_file()


def imports(path: Path, *, runtime_only: bool = False) -> list[tuple[str, int]]:
    """(module of the package imported, line) for every import of the package in a module: `from .x import name`
    imports module x, `from . import sub` imports module sub."""
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
            if target[:1] != ["summarizer"]:
                continue
            for alias in node.names:
                whole = ".".join([*target, alias.name])
                found.append((whole if _is_module(whole) else ".".join(target), node.lineno))
        elif isinstance(node, ast.Import):
            found += [(a.name, node.lineno) for a in node.names if a.name.startswith("summarizer.")]
    return found


def room(module: str) -> str:
    """The first part below summarizer: a top-level module or a package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def layer(module: str) -> int:
    found = [k for k, rooms in enumerate(LAYERS) if room(module) in rooms]
    assert found, f"{module} is in no layer: add its room to LAYERS (and to CONTRIBUTING.md's map)"
    return found[0]


def runtime_graph(*, runtime_only: bool = True) -> dict[str, set[str]]:
    """module -> the modules it imports when it runs (or also for the type checker), each with the packages whose
    __init__ that runs."""
    graph: dict[str, set[str]] = {}
    for path in MODULES:
        name = module_name(path)
        targets = graph.setdefault(name, set())
        for target, _ in imports(path, runtime_only=runtime_only):
            parts = target.split(".")
            for k in range(2, len(parts) + 1):
                module = ".".join(parts[:k])
                if module != name and not name.startswith(module + "."):
                    targets.add(module)
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan's algorithm, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph.get(start, ()))))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_import_that_runs_points_to_its_layer_or_a_lower_one(path: Path) -> None:
    name = module_name(path)
    up = [(target, line) for target, line in imports(path, runtime_only=True) if layer(target) > layer(name)]
    assert not up, f"{path.relative_to(PACKAGE)} imports from a higher layer: {up}"


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert circles(runtime_graph()) == []
    assert circles(runtime_graph(runtime_only=False)) == []  # not even for the type checker


def test_the_circle_finder_finds_circles() -> None:
    assert circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert circles({"a": {"b"}, "b": set()}) == []


def test_the_one_event_pipeline_imports_neither_its_composed_steps_nor_anything_above() -> None:
    for path in (PACKAGE / "core").rglob("*.py"):
        wrong = [(t, line) for t, line in imports(path) if room(t) not in BASE | {"core", "sources"}]
        assert not wrong, f"core/{path.relative_to(PACKAGE / 'core')} imports {wrong}"


@pytest.mark.parametrize("path", [p for p in MODULES if room(module_name(p)) == "evaluation"], ids=lambda p: p.name)
def test_the_evaluation_imports_no_generation_code(path: Path) -> None:
    wrong = [
        (t, line)
        for t, line in imports(path)
        if room(t) not in {"evaluation", "text", "resources", "errors", "version"}
    ]
    assert not wrong, f"evaluation/{path.name} imports {wrong}"


RENDERERS = sorted((PACKAGE / "delivery" / "render").glob("*.py"))


@pytest.mark.parametrize("path", RENDERERS, ids=lambda p: p.name)
def test_renderers_import_result_types_only(path: Path) -> None:
    wrong = [
        (t, line)
        for t, line in imports(path, runtime_only=True)
        if room(t) not in RESULT_TYPES and t not in RESULT_MODULES and not t.startswith("summarizer.delivery.render")
    ]
    assert not wrong, f"render/{path.name} imports {wrong} at run time"


def test_the_daily_grouping_knows_no_archive_rows() -> None:
    for name in ("daily.py", "grouping.py", "headlines.py", "ranking.py", "options.py"):
        assert "archive" not in [room(t) for t, _ in imports(PACKAGE / "stories" / name)], name


def test_at_most_ten_modules_directly_in_the_package() -> None:
    top = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in {"__init__.py", "version.py", "errors.py"})
    assert len(top) <= 10, top


@pytest.mark.parametrize("path", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_module_over_500_lines_and_no_function_over_80(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count("\n") <= 500
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno - node.lineno + 1 <= 80, f"{path.name}: {node.name}"


def test_the_checks_see_imports_of_every_shape() -> None:
    """The parser above reads relative imports of every shape, so the tests cannot pass by seeing nothing."""
    summary_files = PACKAGE / "sources" / "summary_files.py"
    assert "summarizer.evaluation.corpus" in [t for t, _ in imports(summary_files)]  # under TYPE_CHECKING, and lazily
    assert "summarizer.abstractive.grammar" in [t for t, _ in imports(PACKAGE / "abstractive" / "guard.py")]
    daily_renderer = PACKAGE / "delivery" / "render" / "daily.py"
    assert "stories" in [room(t) for t, _ in imports(daily_renderer)]
    assert "stories" not in [room(t) for t, _ in imports(daily_renderer, runtime_only=True)]
    assert "summarizer.core.clean" in runtime_graph()["summarizer.core.pipeline"]  # a package's __init__ runs
