"""Every page and the Atom feed are well-formed whatever the articles carry: the feed is built with lxml and no
character XML forbids (C0 controls but tab, newline and CR; DEL and C1; U+FFFE, U+FFFF; lone surrogates) reaches
a page, even where the loaders' own cleaning was not there (an archive an older version wrote, a library
caller's documents)."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path

from lxml import etree
from lxml import html as lxml_html

from summarizer import Document, daily
from summarizer.archive.pages import SiteArticle, SiteData, SiteDay, SiteStory
from summarizer.delivery.render import daily as daily_render
from summarizer.delivery.render import site as pages

from .conftest import ROOT, run_cli

DAY = "2025-04-21"
HOSTILE = "\x01\x08\x0b\x1b[31m\ufffe\x7f\x85\ud800"
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\ud800-\udfff]")
ATOM = "{http://www.w3.org/2005/Atom}"
STRICT = etree.XMLParser(recover=False, resolve_entities=False)


def assert_well_formed(folder: Path) -> None:
    feed = etree.parse(str(folder / "feed.atom"), STRICT).getroot()
    entries = feed.findall(f"{ATOM}entry")
    assert entries and all(e.findtext(f"{ATOM}id").startswith("urn:uuid:") for e in entries)
    found = [p for p in folder.rglob("*") if p.suffix in (".html", ".atom")]
    assert len(found) >= 4
    for page in found:
        text = page.read_text(encoding="utf-8")
        assert not CONTROL.search(text), (page, CONTROL.findall(text))


def test_hostile_titles_and_sources_in_the_input_give_a_feed_and_pages_that_parse(tmp_path: Path) -> None:
    records = []
    for number, seed in enumerate(sorted((ROOT / "seeds").glob("*.txt"))):
        text = seed.read_text().replace(". ", f".{HOSTILE[:-1]} ", 3)
        records.append({"id": f"a{number}", "title": f"Talks{HOSTILE[:-1]} {number}", "url": f"https://example.org/{number}",
                        "source": f"Outlet{HOSTILE[:-1]}{number % 3}", "text": text})  # fmt: skip
    (tmp_path / "day.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records))
    result = run_cli("daily", str(tmp_path / "day.jsonl"), "--date", DAY, "--archive", str(tmp_path / "news.db"),
                     "--site", str(tmp_path / "site"), "-f", "html", "-o", str(tmp_path / "today.html"), "-q")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert_well_formed(tmp_path / "site")
    assert not CONTROL.search((tmp_path / "today.html").read_text())


def test_hostile_text_already_in_the_archive_gives_a_feed_and_pages_that_parse(tmp_path: Path) -> None:
    """An archive written before the loaders cleaned what they read may hold control characters."""
    result = run_cli("daily", str(ROOT / "seeds"), "--date", DAY, "--archive", str(tmp_path / "news.db"), "-q",
                     "-o", str(tmp_path / "day.json"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    hostile = HOSTILE[:-1]  # SQLite stores no lone surrogate
    with sqlite3.connect(tmp_path / "news.db") as db:
        db.execute("UPDATE articles SET title = title || ?, source = coalesce(source, '') || ?", (hostile, hostile))
        db.execute("UPDATE digests SET headline = headline || ?", (hostile,))
        for row, sentences in db.execute("SELECT id, sentences FROM digests").fetchall():
            changed = [{**s, "text": s["text"] + hostile} for s in json.loads(sentences)]
            db.execute("UPDATE digests SET sentences = ? WHERE id = ?", (json.dumps(changed), row))
    result = run_cli("site", str(tmp_path / "site"), "--archive", str(tmp_path / "news.db"), "--site-url",
                     "https://news.example.org/")  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert_well_formed(tmp_path / "site")


def hostile_site() -> SiteData:
    article = SiteArticle(id=f"a{HOSTILE}", title=f"Title{HOSTILE}", source=f"Outlet{HOSTILE}",
                          url=f"https://example.org/{HOSTILE}", date=DAY, day=DAY)  # fmt: skip
    story = SiteStory(story_id="2025-04-21-0123abcd", headline=f"Headline{HOSTILE}", since=None,
                      sentences=({"text": f"A sentence{HOSTILE}.", "document": article.id},), articles=(article,),
                      days=(DAY,), details=None)  # fmt: skip
    day = SiteDay(day=DAY, updated="2025-04-21T08:00:00+00:00", stories=(story,))
    return SiteData(site_id="c5eadc9d-1cbe-5005-bea6-c187c6651893", days=(day,), timelines={story.story_id: (story,)})


def test_the_site_renderers_keep_every_forbidden_character_out() -> None:
    data = hostile_site()
    feed = etree.fromstring(pages.atom_feed(data, base=f"https://example.org/{HOSTILE}/").encode(), STRICT)
    assert feed.findtext(f"{ATOM}entry/{ATOM}title") == "Daily digest — 21 April 2025"
    content = feed.findtext(f"{ATOM}entry/{ATOM}content")
    assert "Headline[31m" in content and "A sentence[31m." in content  # the text stays, without the controls
    story = data.timelines["2025-04-21-0123abcd"]
    for page in (
        pages.day_page(data.days[0], up=""),
        pages.days_page(data),
        pages.story_page(story[0].story_id, story),
    ):
        assert not CONTROL.search(page)
        lxml_html.fromstring(page)


def test_the_daily_page_keeps_every_forbidden_character_out(seed_documents) -> None:
    """Documents a library caller made (no loader cleaned them; the pipeline itself takes no lone surrogate)."""
    bad = HOSTILE[:-1]
    documents = [Document(id=f"{d.id}{bad}", text=d.text.replace(". ", f".{bad} ", 2), title=f"T{bad}",
                          source=f"S{bad}", url=f"https://example.org/{bad}") for d in seed_documents]  # fmt: skip
    page = daily_render.render(daily(documents, jobs=1), "html")
    assert not CONTROL.search(page) and "<h2>" in page
