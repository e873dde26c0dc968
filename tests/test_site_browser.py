"""The site in a real browser: headless Chromium (Debian's package, driven by Playwright; never a downloaded
browser) loads the index, a day and a story page at 1200 px and 400 px wide, light and dark. The checks are on
the rendered DOM: headings, links, one column and no horizontal scroll at 400 px, dark colours in dark mode,
and no request leaving file:// (no script, no outside resource). The coverage bars (outlets labelled by
LABELS) are drawn in the label file's order, as wide as their counts, with the counts in words, in dark mode and
at 400 px, and a blindspot is marked on the day page; the mail's HTML draws them without its style sheet."""

from __future__ import annotations

import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .newsroom import DAY_ONE, DAY_TWO, serving, two_mornings

BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip


# The newsroom's outlets by leaning, in the order the bars follow. Day two's stories (the talks go on, a bridge
# reopens) come from outlets D and E only, both right: two blindspots; day one's talks are covered from all sides.
LABELS = "outlet,leaning\nOutlet A,left\nOutlet B,center\nOutlet C,right\nOutlet D,right\nOutlet E,right\n"
ORDER = ["left", "center", "right"]


def chromium_path() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')"
    )
    executable = chromium_path()
    if executable is None:
        pytest.skip("chromium is not installed (Debian's package 'chromium'; make test installs it where it can)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=BROWSER_FLAGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    (folder / "labels.csv").write_text(LABELS, encoding="utf-8")
    with serving() as newsroom:
        return two_mornings(newsroom, folder, "--labels", str(folder / "labels.csv"))


def continuing_story(site: Path) -> Path:
    return next(p for p in sorted((site / "stories").iterdir()) if p.read_text().count("<h3>") == 2)


def pages(site: Path) -> dict[str, Path]:
    return {"index": site / "index.html", "day": site / "days" / f"{DAY_ONE}.html", "story": continuing_story(site)}


@pytest.mark.parametrize("width", [1200, 400])
def test_pages_render_as_one_readable_column(browser: object, site: Path, width: int) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith("file:") else None)
    for name, path in pages(site).items():
        page.goto(path.as_uri())
        heading = page.locator("h1").first.inner_text()
        assert heading, name
        if name == "index":
            assert heading == "Daily digest — 22 April 2025"
            assert page.locator("article h2").count() == 2
        if name == "day":
            assert heading == "Daily digest — 21 April 2025"
        if name == "story":
            assert page.locator("h3").all_inner_texts() == ["22 April 2025", "21 April 2025"]
        links = page.eval_on_selector_all("a", "links => links.map(a => a.getAttribute('href'))")
        assert any(link.endswith("days.html") for link in links) and any(link.endswith("feed.atom") for link in links)
        assert page.locator("script").count() == 0
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{name} scrolls sideways by {overflow} px at {width} px"
        widest = page.evaluate(
            "Math.max(...[...document.querySelectorAll('article')].map(a => a.getBoundingClientRect().right))"
        )
        assert widest <= width, (name, widest)
        if width == 400:  # one column: every story starts at the same left edge, one under another
            lefts = page.evaluate(
                "[...document.querySelectorAll('article')].map(a => Math.round(a.getBoundingClientRect().left))"
            )
            assert len(set(lefts)) == 1, lefts
    # following links works from file://: the index's first story, then back to every day
    page.goto(pages(site)["index"].as_uri())
    page.locator("article h2 a").first.click()
    assert page.url.startswith((site / "stories").as_uri())
    page.locator("nav a", has_text="All days").click()
    assert page.locator("ul.days li").count() == 2 and DAY_TWO in page.locator("ul.days a").first.get_attribute("href")
    assert outside == []
    context.close()


def test_dark_mode(browser: object, site: Path) -> None:
    context = browser.new_context(color_scheme="dark", viewport={"width": 400, "height": 900})  # type: ignore[attr-defined]
    page = context.new_page()
    page.goto((site / "index.html").as_uri())
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    red, green, blue = (int(part) for part in background[background.index("(") + 1 : -1].split(",")[:3])
    assert max(red, green, blue) < 60, background
    context.close()


BARS = """[...document.querySelectorAll('article')].map(a => ({
    blind: a.classList.contains('blindspot'),
    border: getComputedStyle(a).borderLeftWidth,
    bars: [...a.querySelectorAll('.coverage')].map(c => ({
        title: c.querySelector('.bar').getAttribute('title'),
        legend: c.querySelector('.legend').innerText,
        segments: [...c.querySelectorAll('.bar span')].map(s => {
            const box = s.getBoundingClientRect();
            return {left: box.left, width: box.width, height: box.height, colour: getComputedStyle(s).backgroundColor,
                    none: s.classList.contains('none')};
        }),
    })),
}))"""


def _rgb(colour: str) -> tuple[int, ...]:
    return tuple(int(part) for part in colour[colour.index("(") + 1 : -1].split(",")[:3])


@pytest.mark.parametrize(("width", "scheme"), [(1200, "light"), (400, "dark")])
def test_coverage_is_a_bar_in_the_label_files_order_and_a_blindspot_is_marked(
    browser: object, site: Path, width: int, scheme: str
) -> None:
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)  # type: ignore[attr-defined]
    page = context.new_page()
    outside: list[str] = []
    page.on("request", lambda request: outside.append(request.url) if not request.url.startswith("file:") else None)
    for name, blindspots in (("index", 2), ("day", 0)):
        page.goto(pages(site)[name].as_uri())
        stories = page.evaluate(BARS)
        assert stories and all(story["bars"] for story in stories)  # every story of the day has its coverage drawn
        for story in stories:
            (bar,) = story["bars"]
            legend = bar["legend"].split("Blindspot")[0]
            counts = [(value, int(count)) for value, count in re.findall(r"(\w+) (\d+)", legend)]
            assert [value for value, _ in counts] == ORDER, bar["legend"]  # the label file's order, zeros too
            assert bar["title"].startswith("Coverage by leaning: " + ", ".join(f"{v} {c}" for v, c in counts))
            drawn = [c for _, c in counts if c]
            segments = bar["segments"]
            assert len(segments) == len(drawn) and all(s["height"] >= 8 for s in segments)
            assert [s["left"] for s in segments] == sorted(s["left"] for s in segments)  # left to right
            unit = segments[0]["width"] / drawn[0]
            assert all(abs(s["width"] - unit * c) <= 3 for s, c in zip(segments, drawn)), segments  # as wide as counts
            assert len({s["colour"] for s in segments}) == len(segments)
            if scheme == "dark":  # every side stands out on the dark card
                assert all(max(_rgb(s["colour"])) > 120 for s in segments)
            assert segments[-1]["left"] + segments[-1]["width"] <= width
        blind = [story for story in stories if story["blind"]]
        assert len(blind) == blindspots and all(b["bars"][0]["legend"].endswith("Blindspot: only right") for b in blind)
        assert all(s["border"] == ("4px" if s["blind"] else "1px") for s in stories)
        notice = page.locator("header .blindspots")
        assert notice.count() == (1 if blindspots else 0)
    assert any(
        story["bars"][0]["title"].startswith("Coverage by leaning: left 1, center 1, right 2") for story in stories
    )
    page.goto(pages(site)["index"].as_uri())
    assert page.locator("header .blindspots").inner_text().startswith("2 blindspots, covered by one side only: 1. ")
    page.locator("header .blindspots a").last.click()
    assert page.url.endswith("#story-2")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0 and outside == []
    context.close()


def test_the_mail_draws_the_bar_without_its_style_sheet(browser: object, tmp_path: Path) -> None:
    """Mail clients drop much CSS: the mail's bar is a table of cells coloured inline, drawn with no <style>."""
    from summarizer import Document, daily
    from summarizer.delivery.mail import MailSettings, digest_message
    from summarizer.sources.labels import LabelMap

    labels = LabelMap.of({"City Paper": {"leaning": "left"}, "Metro News": {"leaning": "left"},
                          "Harbor Times": {"leaning": "right"}})  # fmt: skip
    texts = ["The harbor bridge reopened on Monday after two years of repairs. The mayor cut the ribbon at dawn.",
             "After two years of repair work, the harbor bridge is open again. Mayor Lee cut a ribbon on Monday."]  # fmt: skip
    documents = [
        Document(id=f"d{n}", source=s, text=t) for n, (s, t) in enumerate(zip(("City Paper", "Metro News"), texts))
    ]
    result = daily(documents, labels=labels, jobs=1)
    message = digest_message(result, MailSettings(("a@example.org",)), scale={"leaning": ["left", "center", "right"]})
    page = message.get_body(("html",)).get_content()  # type: ignore[union-attr]
    bare = re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    (tmp_path / "mail.html").write_text(bare, encoding="utf-8")
    context = browser.new_context(viewport={"width": 600, "height": 900})  # type: ignore[attr-defined]
    tab = context.new_page()
    tab.goto((tmp_path / "mail.html").as_uri())
    cells = tab.evaluate("[...document.querySelectorAll('table td')].map(td => ({width: td.getBoundingClientRect()"
                         ".width, colour: getComputedStyle(td).backgroundColor}))")  # fmt: skip
    assert len(cells) == 1 and cells[0]["width"] > 100 and _rgb(cells[0]["colour"]) != (0, 0, 0)
    legend = tab.locator("table + div").first.inner_text()
    assert legend.replace("\xa0", " ") == "Leaning: ■ left 2 ■ center 0 ■ right 0 Blindspot: only left"
    assert tab.locator("table").first.get_attribute("title") == (
        "Coverage by leaning: left 2, center 0, right 0 (2 articles); blindspot: only left"
    )
    context.close()
