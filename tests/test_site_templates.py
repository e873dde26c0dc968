"""--templates DIR: the user's templates replace the shipped ones by name. A missing or broken template is one line
naming the file (and line), exit 2, before any work; autoescaping stays on and only http(s) links lead out
whatever a template does with the data; a site restyled is still the site's own (its record follows the pages)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from lxml import html as lxml_html

from summarizer.archive.pages import SiteArticle, SiteData, SiteDay, SiteStory
from summarizer.delivery.render import site as pages
from summarizer.delivery.render.templates import SHIPPED, Templates, leads_out_safely, safe_links, template_names
from summarizer.delivery.samples import checked_templates
from summarizer.errors import SettingsFileError

from .conftest import ROOT, one_line_error, run_cli
from .newsroom import DAY_ONE, QUICK, Newsroom, serving

LAYOUT = '{% extends "site/layout.html" %}\n{% block title %}Mine{% endblock %}\n{% block body %}\n'


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An archive of one day of the seeds."""
    folder = tmp_path_factory.mktemp("archive")
    result = run_cli("daily", str(ROOT / "seeds"), "--date", DAY_ONE, "--archive", str(folder / "news.db"), "-q",
                     "-f", "json", "-o", str(folder / "day.json"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    return folder / "news.db"


def templates_folder(root: Path, files: dict[str, str]) -> Path:
    folder = root / "mine"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_template_of_the_folder_replaces_the_shipped_one_of_its_name_and_only_that(
    archive: Path, tmp_path: Path
) -> None:
    mine = templates_folder(tmp_path, {"site/day.html": LAYOUT + '<h1 class="mine">{{ day }}</h1>\n{% endblock %}\n'})
    shipped, restyled = tmp_path / "shipped", tmp_path / "restyled"
    for folder, extra in ((shipped, ()), (restyled, ("--templates", str(mine)))):
        result = run_cli("site", str(folder), "--archive", str(archive), "-q", *extra)
        assert result.returncode == 0, result.stderr
    page = lxml_html.fromstring((restyled / "index.html").read_bytes())
    assert page.findtext(".//h1[@class='mine']") == DAY_ONE and page.findtext(".//title") == "Mine"
    assert page.find(".//nav") is not None  # the shipped layout it extends
    for name in ("days.html", "feed.atom"):
        assert (restyled / name).read_bytes() == (shipped / name).read_bytes()
    assert [p.name for p in (restyled / "stories").iterdir()] == [p.name for p in (shipped / "stories").iterdir()]


def test_a_site_restyled_stays_the_sites_own_and_a_users_edit_is_still_never_replaced(
    archive: Path, tmp_path: Path
) -> None:
    """Pages written with other templates are the site's (its record holds their new content): the next run may
    replace them, with the shipped templates again; a page the user edited since is refused as before."""
    site = tmp_path / "site"
    mine = templates_folder(tmp_path, {"page.css": "body { background: #fed; }\n"})
    for extra in ((), ("--templates", str(mine)), ()):
        result = run_cli("site", str(site), "--archive", str(archive), "-q", *extra)
        assert result.returncode == 0, result.stderr
    record = json.loads((site / ".summarizer-site.json").read_text())
    assert "#fed" not in (site / "index.html").read_text() and len(record["pages"]["index.html"]) == 1
    result = run_cli("site", str(site), "--archive", str(archive), "--templates", str(mine), "-f", "json")
    assert result.returncode == 0 and "index.html" in json.loads(result.stdout)["written"], result.stderr
    assert "#fed" in (site / "index.html").read_text()
    (site / "days.html").write_text((site / "days.html").read_text().replace("Every day", "My days"))
    result = run_cli("site", str(site), "--archive", str(archive), "-q")
    assert result.returncode == 2 and "days.html: has changed since the site wrote it" in one_line_error(result)
    assert "#fed" in (site / "index.html").read_text()  # refused before any page


BAD = {
    "a syntax error": ({"site/day.html": LAYOUT + "{% if day %}\n{% endblock %}\n"}, "site/day.html: line 5: "
                       "Encountered unknown tag 'endblock'"),
    "an undefined name": ({"site/day.html": LAYOUT + "{{ nothing }}\n{% endblock %}\n"}, "site/day.html: line 4: "
                          "'nothing' is undefined"),
    "a missing include": ({"site/days.html": LAYOUT + '\n{% include "site/gone.html" %}\n{% endblock %}\n'},
                          "site/days.html: line 5: no such template 'site/gone.html'"),
    "a missing layout": ({"site/story.html": '{% extends "site/gone.html" %}\n'},
                         "site/story.html: line 1: no such template 'site/gone.html'"),
    "the safe filter": ({"site/blocks.html": "{% macro story_block(story) %}{{ story.headline|safe }}{% endmacro %}"},
                        "site/blocks.html: line 1: No filter named 'safe'. (autoescaping stays on"),
    "autoescape false": ({"mail.html": "x\n{% autoescape false %}{{ date }}{% endautoescape %}"},
                         "mail.html: line 2: autoescaping stays on"),
    "a file not UTF-8": ({"site/day.html": "\udcff"}, "site/day.html: a template must be UTF-8 text"),
    "the sandbox": ({"site/day.html": LAYOUT + "{{ stories.__class__ }}\n{% endblock %}\n"},
                    "site/day.html: line 4: access to attribute '__class__' of 'list' object is unsafe"),
    "no template of the tool": ({"day.html": "<p>{{ day }}</p>"}, "mine: holds none of the templates"),
}  # fmt: skip


@pytest.mark.parametrize("case", list(BAD), ids=lambda c: c.replace(" ", "-"))
def test_a_broken_template_is_one_line_naming_its_file_and_line(tmp_path: Path, case: str) -> None:
    files, expected = BAD[case]
    folder = tmp_path / "mine"
    for name, text in files.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(text.encode("utf-8", "surrogateescape"))
    with pytest.raises(SettingsFileError) as raised:
        checked_templates(str(folder), site=True, page=True, mail=True)
    assert str(raised.value).startswith(str(folder / expected) if "/" in expected else str(folder)), raised.value
    assert expected.split(": ", 1)[-1] in str(raised.value) and "\n" not in str(raised.value)


@pytest.fixture
def newsroom() -> Iterator[Newsroom]:
    with serving() as room:
        yield room


def test_daily_refuses_a_broken_template_before_any_fetch_or_file(newsroom: Newsroom, tmp_path: Path) -> None:
    mine = templates_folder(tmp_path, {"mail.html": '{% extends "daily/day.html" %}\n{% block top %}{{ oops(\n'})
    feeds = newsroom.feed_list(tmp_path)
    result = run_cli("daily", "--feeds", str(feeds), "--archive", str(tmp_path / "news.db"), *QUICK, "--site",
                     str(tmp_path / "site"), "--mail-to", "reader@example.org", "--smtp", "127.0.0.1:9",
                     "--templates", str(mine), "-o", str(tmp_path / "day.html"), "-f", "html")  # fmt: skip
    assert result.returncode == 2
    assert one_line_error(result).startswith(f"summarizer: error: {mine / 'mail.html'}: line 2: ")
    assert not newsroom.asked and sorted(p.name for p in tmp_path.iterdir()) == ["feeds.toml", "mine"]


def test_bad_folders_and_a_run_that_writes_no_html_are_refused_before_any_work(archive: Path, tmp_path: Path) -> None:
    (tmp_path / "file").write_text("x")
    for folder, expected in (("nowhere", "nowhere: no such folder of templates"),
                             ("file", "file: is not a folder (--templates takes a folder of templates)")):  # fmt: skip
        result = run_cli("site", str(tmp_path / "site"), "--archive", str(archive), "--templates",
                         str(tmp_path / folder))  # fmt: skip
        assert result.returncode == 2 and one_line_error(result).endswith(f"{expected}\n"), result.stderr
    result = run_cli("daily", str(ROOT / "seeds"), "-f", "json", "--templates", str(SHIPPED))
    assert result.returncode == 2 and "this run writes none of them" in one_line_error(result)
    assert not (tmp_path / "site").exists()


def hostile_site() -> SiteData:
    """Every text field an address a browser would run or open, every address one of a kind never linked."""
    bad = "javascript:alert(1)"
    articles = tuple(SiteArticle(f"a{n}", bad, bad, url, "2025-04-21", "2025-04-21") for n, url in enumerate(
        (bad, "data:text/html,<script>x</script>", "file:///etc/passwd", " JaVa\tScRiPt:x", "https://ok.example/a")))  # fmt: skip
    story = SiteStory("2025-04-21-0123abcd", bad, None, ({"text": bad, "document": "a0"},), articles, ("2025-04-21",))
    day = SiteDay("2025-04-21", "2025-04-21T08:00:00+00:00", (story,))
    return SiteData("c5eadc9d-1cbe-5005-bea6-c187c6651893", (day,), {story.story_id: (story,)})


LINK_EVERYTHING = """{% extends "site/layout.html" %}
{% block body %}
{% for story in stories %}
<a href="{{ story.headline }}">h</a><img src="{{ story.sentences[0].text }}"><form action="{{ story.headline }}"></form>
<img srcset="ok.png 1x, {{ story.headline }} 2x"><a href="//evil.example/">p</a><a href="&#106;avascript:x">e</a>
<meta http-equiv="refresh" content="0; url={{ story.headline }}">
{% for article in story.articles %}
<a href="{{ article.url }}">{{ article.title }}</a><a href="{{ article.source }}">s</a>
{% endfor %}
{% endfor %}
{% endblock %}
"""


def test_only_http_links_lead_out_whatever_a_template_does_with_the_data(tmp_path: Path) -> None:
    mine = templates_folder(tmp_path, {"site/day.html": LINK_EVERYTHING})
    page = pages.day_page(hostile_site().days[0], up="", templates=Templates(str(mine)))
    tree = lxml_html.fromstring(page)
    links = [value for element in tree.iter() if isinstance(element.tag, str)
             for name, value in element.attrib.items() if name in ("href", "src", "action", "srcset")]  # fmt: skip
    assert "https://ok.example/a" in links and "feed.atom" in links
    assert all(leads_out_safely(part.strip().split(" ")[0]) for link in links for part in link.split(","))
    assert [m.get("content") for m in tree.iter("meta") if m.get("http-equiv")] == [None]
    assert "javascript:alert(1)" in tree.text_content()  # as text it stays: escaped, never a link
    assert "<script>" not in page


def test_the_shipped_pages_pass_the_link_check_unchanged_and_give_no_unsafe_address() -> None:
    data = hostile_site()
    for page in (pages.day_page(data.days[0], up=""), pages.story_page("2025-04-21-0123abcd", data.days[0].stories)):
        assert safe_links(page) == page
        hrefs = [a.get("href") for a in lxml_html.fromstring(page).iter("a")]
        assert "https://ok.example/a" in hrefs and all(leads_out_safely(h) for h in hrefs if h)
        assert "<script>" not in page and "&lt;script&gt;" not in page  # the data: URL is no link and not shown


def test_every_shipped_template_renders_from_the_samples() -> None:
    templates = checked_templates(None, site=True, page=True, mail=True)
    assert templates.folder is None
    assert {"site/day.html", "daily/day.html", "mail.html", "page.css"} <= set(template_names())
    assert all((SHIPPED / name).is_file() for name in template_names())


def test_the_page_of_daily_and_the_mail_take_the_templates_too(tmp_path: Path) -> None:
    """daily -f html with --templates: the page and the mail (read back from a real SMTP server) are restyled."""
    from .test_mail import serving

    mine = templates_folder(tmp_path, {"page.css": "body { background: #fed; }\n",
                                       "mail.html": '{% extends "daily/day.html" %}\n{% block top %}<p>Mine</p>'
                                                    "{% endblock %}\n"})  # fmt: skip
    for box, port in serving("127.0.0.1"):  # a generator: the server runs while the loop's body does
        result = run_cli("daily", str(ROOT / "seeds"), "-f", "html", "-o", str(tmp_path / "today.html"), "-q",
                         "--templates", str(mine), "--mail-to", "reader@example.org", "--smtp", f"127.0.0.1:{port}")  # fmt: skip
        assert result.returncode == 0, result.stderr
        ((_, message),) = box.messages
    page = (tmp_path / "today.html").read_text()
    assert "background: #fed" in page and "<p>Mine</p>" not in page
    html = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    assert html.count("<p>Mine</p>") == 1 and "background: #fed" in html
