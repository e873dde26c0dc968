"""Every HTML page the tool writes comes from a Jinja2 template, through one path: `Templates.page`.

The templates ship with the package (summarizer/delivery/templates/); `Templates(folder)` reads a user's folder
first (`--templates DIR`), so a template there replaces the shipped one of the same name and the rest stay. Four
things hold whatever a template does:

- autoescaping is on: every value the tool gives a template is escaped where it is printed (as html.escape
  does); `{% autoescape false %}` and the `safe` filter are refused when the template is read;
- only http(s) links lead out: the addresses the tool gives templates are made safe before (an article's
  `url` is an http(s) address or none), and a page is checked after rendering, so that an attribute that would
  load or open anything else (javascript:, data:, file:, //host) is removed, whatever text a template put in it;
- no character XML forbids reaches a page (common.page_text);
- a template runs in Jinja's sandbox: it can read the data it is given, and nothing else of the program.

A missing or broken template is a SettingsFileError naming the file and the line (`check` finds it before any
work by rendering every page once with sample data).
"""

from __future__ import annotations

import contextlib
import html
import re
import traceback
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from ...errors import SettingsFileError
from ...text import counted
from .common import day_words, page_text, when

__all__ = ["SHIPPED", "Templates", "template_names", "view"]

SHIPPED = Path(__file__).resolve().parent.parent / "templates"
# Attributes whose value a browser loads or follows (srcset and ping hold several addresses).
_LINK_ATTRIBUTES = frozenset(
    ("href", "src", "action", "formaction", "poster", "background", "cite", "data", "longdesc", "usemap", "codebase",
     "classid", "archive", "manifest", "srcset", "ping", "xlink:href", "{http://www.w3.org/1999/xlink}href")
)  # fmt: skip
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.\-]*):")
_BLANKS = re.compile("[\x00-\x20]+")


def view(**fields: Any) -> SimpleNamespace:
    """What a template gets of a result: plain fields read as `story.headline` (a namespace, not a dict, whose
    methods such as copy or items would hide fields of those names)."""
    return SimpleNamespace(**fields)


def template_names() -> list[str]:
    """The shipped templates' names ("site/day.html", "page.css", ...)."""
    return sorted(p.relative_to(SHIPPED).as_posix() for p in SHIPPED.rglob("*") if p.is_file())


def _escaped(value: Any) -> Any:
    """Every value printed is escaped as html.escape escapes it (&quot;, &#x27;); markup a template made itself
    (a macro's output) passes as it is."""
    if hasattr(value, "__html__"):
        return value
    from markupsafe import Markup

    return Markup(html.escape(str(value)))


def leads_out_safely(link: str) -> bool:
    """Whether a link in a page is relative (within the site) or an http(s) address; what a browser ignores
    around and inside a scheme (spaces, controls, tabs and line breaks) is ignored here too."""
    value = _BLANKS.sub("", link.replace("\\", "/"))
    if value.startswith("//"):
        return False
    scheme = _SCHEME.match(value)
    return scheme is None or scheme.group(1).lower() in ("http", "https")


def _addresses(attribute: str, value: str) -> list[str]:
    if attribute == "srcset":
        return [part.strip().split(" ")[0] for part in value.split(",") if part.strip()]
    if attribute == "ping":
        return value.split()
    return [value]


def _refresh_target(content: str) -> str | None:
    found = re.search(r"url\s*=\s*['\"]?([^'\"]*)", content, re.IGNORECASE)
    return found.group(1) if found else None


def _unsafe(element: Any) -> Iterator[str]:
    """The attributes of an element that would lead somewhere other than the site or an http(s) address."""
    for attribute, value in element.attrib.items():
        if attribute.lower() in _LINK_ATTRIBUTES and not all(map(leads_out_safely, _addresses(attribute, value))):
            yield attribute
    if (element.get("http-equiv") or "").lower() == "refresh":
        target = _refresh_target(element.get("content") or "")
        if target is not None and not leads_out_safely(target):
            yield "content"


def safe_links(page: str, *, fragment: bool = False) -> str:
    """The page with every attribute that would lead to anything but the site or an http(s) address removed; a
    page with none is returned as it is (byte for byte)."""
    import lxml.html
    from lxml import etree

    if "<" not in page:
        return page
    if fragment:
        parts = lxml.html.fragments_fromstring(page)
        roots = [p for p in parts if not isinstance(p, str)]
    else:
        roots = [lxml.html.document_fromstring(page)]
    bad = [(element, attribute) for root in roots for element in root.iter() if isinstance(element.tag, str)
           for attribute in _unsafe(element)]  # fmt: skip
    if not bad:
        return page
    for element, attribute in bad:
        del element.attrib[attribute]
    if fragment:
        return "".join(p if isinstance(p, str) else etree.tostring(p, encoding="unicode", method="html") for p in parts)
    doctype = "<!DOCTYPE html>" if page.lstrip().lower().startswith("<!doctype") else None
    return lxml.html.tostring(roots[0], doctype=doctype, encoding="unicode") + "\n"


def _keep_escaping() -> type:
    """A Jinja extension that refuses `{% autoescape ... %}` blocks: autoescaping stays on in every template."""
    from jinja2.exceptions import TemplateSyntaxError
    from jinja2.ext import Extension

    class KeepEscaping(Extension):
        def filter_stream(self, stream: Any) -> Iterator[Any]:
            after_begin = False
            for token in stream:
                if after_begin and token.type == "name" and token.value == "autoescape":
                    raise TemplateSyntaxError("autoescaping stays on: {% autoescape %} is not allowed", token.lineno,
                                              stream.name, stream.filename)  # fmt: skip
                after_begin = token.type == "block_begin"
                yield token

    return KeepEscaping


class Templates:
    """The templates of a run: the shipped ones, each replaced by the file of the same name in `folder`."""

    def __init__(self, folder: str | None = None) -> None:
        self.folder = folder
        self._environment: Any = None

    @property
    def environment(self) -> Any:
        if self._environment is None:
            from jinja2 import ChoiceLoader, FileSystemLoader, StrictUndefined
            from jinja2.sandbox import ImmutableSandboxedEnvironment

            loaders = [FileSystemLoader(self.folder)] if self.folder else []
            environment = ImmutableSandboxedEnvironment(
                loader=ChoiceLoader([*loaders, FileSystemLoader(SHIPPED)]), autoescape=True, finalize=_escaped,
                trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True, undefined=StrictUndefined,
                auto_reload=False, extensions=[_keep_escaping()],
            )  # fmt: skip
            del environment.filters["safe"]
            environment.filters.update(counted=counted, day_words=day_words, when=when)
            self._environment = environment
        return self._environment

    def page(self, name: str, *, fragment: bool = False, **context: Any) -> str:
        """A whole page (or, with `fragment`, a piece of HTML such as an Atom entry's content): the template
        rendered, without the characters no page may hold, its links made safe."""
        return safe_links(page_text(self.text(name, **context)), fragment=fragment)

    def text(self, name: str, **context: Any) -> str:
        with self._named_errors(name):
            return str(self.environment.get_template(name).render(**context))

    def check(self, pages: Mapping[str, Callable[[Templates], object]] = {}) -> None:
        """Before any work: the folder holds templates, each one reads, and every page renders (`pages`: what
        renders each page with sample data); else a SettingsFileError naming the file and the line."""
        if self.folder is not None:
            folder = Path(self.folder)
            if not folder.exists():
                raise SettingsFileError(self.folder, "no such folder of templates")
            if not folder.is_dir():
                raise SettingsFileError(self.folder, "is not a folder (--templates takes a folder of templates)")
            mine = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
            shipped = template_names()
            if not mine & set(shipped):
                raise SettingsFileError(self.folder, "holds none of the templates, so nothing would change (their "
                                        f"names: {', '.join(shipped)}; copy them from {SHIPPED})")  # fmt: skip
            for name in sorted(mine):
                if name in shipped or name.endswith((".html", ".css", ".xml", ".j2", ".jinja")):
                    with self._named_errors(name):
                        self.environment.get_template(name)
        for render in pages.values():
            render(self)

    def _where(self, name: str) -> str:
        """The file a template's name is read from."""
        if self.folder and (Path(self.folder) / name).is_file():
            return str(Path(self.folder) / name)
        return str(SHIPPED / name)

    def _template_file(self, filename: str) -> bool:
        folders = [Path(self.folder).resolve()] if self.folder else []
        path = Path(filename).resolve()
        return any(path.is_relative_to(folder) for folder in [*folders, SHIPPED])

    @contextlib.contextmanager
    def _named_errors(self, name: str) -> Iterator[None]:
        """Any error of a template (reading, compiling or rendering `name` and what it includes) as one
        SettingsFileError naming the file and, where Jinja knows it, the line."""
        from jinja2.exceptions import TemplateError, TemplateNotFound, TemplateSyntaxError

        try:
            yield
        except (KeyboardInterrupt, SettingsFileError):
            raise
        except TemplateSyntaxError as error:
            refused = " (autoescaping stays on: no template prints the tool's text unescaped)" if "'safe'" in str(
                error.message) else ""  # fmt: skip
            raise SettingsFileError(error.filename or self._where(error.name or name),
                                    f"line {error.lineno}: {error.message}{refused}") from None  # fmt: skip
        except Exception as error:
            frames = [f for f in traceback.extract_tb(error.__traceback__) if self._template_file(f.filename)]
            where = frames[-1].filename if frames else self._where(name)
            line = f"line {frames[-1].lineno}: " if frames else ""
            if isinstance(error, TemplateNotFound):
                problem = f"no such template {error.name!r}" if frames else "no such template"
            elif isinstance(error, UnicodeDecodeError):
                problem = "a template must be UTF-8 text"
            elif isinstance(error, OSError):
                problem = f"cannot read the template ({error.strerror or error})"
            elif isinstance(error, TemplateError):
                problem = str(error.message)
            else:
                problem = f"{type(error).__name__}: {error}"
            raise SettingsFileError(where, f"{line}{problem}") from None


@lru_cache(maxsize=1)
def shipped() -> Templates:
    """The shipped templates, read once per process."""
    return Templates()
