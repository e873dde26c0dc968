"""The site in a real browser: headless Chromium (Debian's package, driven by Playwright; never a downloaded
browser) loads the index, a day and a story page at 1200 px and 400 px wide, light and dark. The checks are on
the rendered DOM: headings, links, one column and no horizontal scroll at 400 px, dark colours in dark mode,
and no request leaving file:// (no script, no outside resource)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from .newsroom import DAY_ONE, DAY_TWO, serving, two_mornings

BROWSER_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-sync",
                 "--disable-background-networking", "--disable-component-update"]  # fmt: skip


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
    with serving() as newsroom:
        return two_mornings(newsroom, folder)


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
