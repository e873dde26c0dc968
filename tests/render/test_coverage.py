"""A story's coverage by label, drawn (render/coverage.py and the templates): bars in the label file's order, as
wide as their counts, the counts in words, blindspots marked; the JSON and the text formats keep their words."""

from __future__ import annotations

import json
from pathlib import Path

from lxml import html as lxml_html

from summarizer import Document
from summarizer.archive.pages import SiteData
from summarizer.delivery.render import daily as daily_render
from summarizer.delivery.render import site as pages
from summarizer.delivery.render.coverage import (
    _colours,
    _percents,
    coverage_view,
    scale_of_labels,
    scale_of_stories,
    without_coverage,
)
from summarizer.delivery.samples import sample_site
from summarizer.sources.labels import LabelMap
from summarizer.stories import daily

from ..conftest import ROOT, one_line_error, run_cli

LABELS = LabelMap.of({"City Paper": {"leaning": "right", "country": "US"}, "Metro News": {"leaning": "left"},
                      "Harbor Times": {"leaning": "centre", "country": "UK"}})  # fmt: skip
BRIDGE = [
    Document(id="b1", source="City Paper", text="The harbor bridge reopened on Monday after two years of repairs. "
             "The mayor cut the ribbon at dawn."),
    Document(id="b2", source="Metro News", text="After two years of repair work, the harbor bridge is open again. "
             "Mayor Lee cut a ribbon on Monday morning."),
    Document(id="b3", source="Daily Wire Service", text="The harbor bridge is open again after two years of "
             "repairs, the city said on Monday."),
]  # fmt: skip


def test_the_scale_is_the_label_files_order_and_without_one_the_spectrum_or_the_alphabet() -> None:
    assert scale_of_labels(LABELS.outlets) == {"leaning": ["right", "left", "centre"], "country": ["US", "UK"]}
    stories = [{"leaning=right": 1, "leaning=Lean Left": 2}, {"leaning=center": 1, "unlabelled": 3, "owner=b": 1},
               {"owner=a": 1}]  # fmt: skip
    assert scale_of_stories(stories) == {"leaning": ["Lean Left", "center", "right"], "owner": ["a", "b"]}
    assert scale_of_stories(stories, {"leaning": ["right", "center"]})["leaning"] == ["right", "center", "Lean Left"]


def test_bars_give_every_value_of_the_scale_with_its_count_and_share() -> None:
    scale = {"leaning": ["left", "centre", "right"], "country": ["US", "UK"]}
    coverage = {"leaning=left": 2, "leaning=right": 1, "country=US": 3, "unlabelled": 1}
    leaning, country = coverage_view(coverage, ["country=US"], scale)
    assert [(s.value, s.count, s.percent) for s in leaning.segments] == [
        ("left", 2, 50), ("centre", 0, 0), ("right", 1, 25), ("unlabelled", 1, 25)]  # fmt: skip
    assert leaning.text == "Coverage by leaning: left 2, centre 0, right 1, unlabelled 1 (4 articles)"
    assert leaning.blindspot is None and country.blindspot == "US"
    assert country.text.endswith("(4 articles); blindspot: only US") and country.segments[-1].unlabelled
    assert coverage_view({}, [], scale) == [] and coverage_view({"unlabelled": 2}, [], scale) == []
    for counts in ([1, 1, 1], [2, 3, 5, 7], [1], [0, 3]):
        assert sum(_percents(counts)) == 100
    blue, middle, red = _colours(["left", "centre", "right"])
    assert _colours(["left", "centre"]) == [_colours(["left", "centre", "right", "far-right"])[0], middle]
    assert len({blue, middle, red}) == 3 and _colours(["b", "a"]) == ["#3566c8", "#c8453d"]  # the two ends


def test_the_day_page_draws_the_bar_in_place_of_the_words() -> None:
    result = daily(BRIDGE, labels=LABELS, jobs=1)
    page = daily_render.render(result, "html", scale=scale_of_labels(LABELS.outlets))
    tree = lxml_html.fromstring(page)
    (story,) = tree.iter("article")
    legends = [div.text_content() for div in story.find_class("legend")]
    # country: the labelled outlets are two, and the one that has a country is US (coverage_of's rule)
    assert legends == ["Leaning: right 1 left 1 centre 0 unlabelled 1",
                       "Country: US 1 UK 0 unlabelled 1 Blindspot: only US"]  # fmt: skip
    bar = story.find_class("bar")[0]
    assert bar.get("title") == "Coverage by leaning: right 1, left 1, centre 0, unlabelled 1 (3 articles)"
    assert [span.get("style").split(";")[0] for span in bar] == ["flex:1", "flex:1", "flex:1"]
    assert "Coverage:" not in page  # the words are the bar's now
    text = daily_render.render(result, "text")
    assert "Coverage: country=US 1 · leaning=left 1 · leaning=right 1 · unlabelled 1" in text  # text keeps them
    assert json.loads(daily_render.render(result, "json"))["stories"][0]["coverage"] == {
        "country=US": 1, "leaning=left": 1, "leaning=right": 1, "unlabelled": 1}  # fmt: skip


def test_a_blindspot_is_marked_on_the_day_page_and_linked_from_its_top() -> None:
    data: SiteData = sample_site()
    page = lxml_html.fromstring(pages.day_page(data.days[0], up="", scale={"leaning": ["left", "center", "right"]}))
    (story,) = page.iter("article")
    assert story.get("class") == "blindspot" and story.get("id") == "story-1"
    assert story.find_class("blind")[0].text_content() == "Blindspot: only left"
    notice = page.find_class("blindspots")[0]
    assert notice.text_content() == "1 blindspot, covered by one side only: 1. Talks offered (only left)"
    assert notice.find("a").get("href") == "#story-1"
    assert [d.text_content() for d in story.find_class("differs")] == [
        "Figures differ: 17 killed (Outlet A) · 20 killed (Outlet B)", "First reported by Outlet A"]  # fmt: skip
    assert without_coverage({"first": "a1", "coverage": {}, "blindspot": True, "blindspot_labels": []}) == {
        "first": "a1"}  # fmt: skip


def test_summarizer_site_takes_the_order_of_a_label_file(tmp_path: Path) -> None:
    (tmp_path / "day.jsonl").write_text("".join(json.dumps({"id": d.id, "source": d.source, "text": d.text}) + "\n"
                                                for d in BRIDGE))  # fmt: skip
    (tmp_path / "labels.csv").write_text("outlet,leaning\nHarbor Times,centre\nMetro News,left\nCity Paper,right\n")
    result = run_cli("daily", str(tmp_path / "day.jsonl"), "--date", "2025-04-21", "--archive", str(tmp_path / "a.db"),
                     "--labels", str(tmp_path / "labels.csv"), "-q", "-f", "json", "-o", str(tmp_path / "day.json"))  # fmt: skip
    assert result.returncode == 0, result.stderr
    legends = {}
    for name, extra in (("alone", ()), ("ordered", ("--labels", str(tmp_path / "labels.csv")))):
        result = run_cli("site", str(tmp_path / name), "--archive", str(tmp_path / "a.db"), "-q", *extra)
        assert result.returncode == 0, result.stderr
        legends[name] = lxml_html.fromstring((tmp_path / name / "index.html").read_bytes()).find_class("legend")
    assert legends["ordered"][0].text_content() == "Leaning: centre 0 left 1 right 1 unlabelled 1"
    assert legends["alone"][0].text_content() == "Leaning: left 1 right 1 unlabelled 1"  # the spectrum's order
    (tmp_path / "bad.csv").write_text("outlet,leaning\nAP,left\nAP,right\n")
    result = run_cli("site", str(tmp_path / "new"), "--archive", str(tmp_path / "a.db"), "--labels",
                     str(tmp_path / "bad.csv"))  # fmt: skip
    assert result.returncode == 2 and "bad.csv: line 3: 'AP' is listed twice" in one_line_error(result)
    assert not (tmp_path / "new").exists() and ROOT.is_dir()


def test_a_continuing_storys_bar_says_it_counts_the_new_articles(tmp_path: Path) -> None:
    # The card counts every article the story had; its digest and coverage are of the day's new ones: the bar says so.
    scale = {"leaning": ["left", "right"]}
    (bar,) = coverage_view({"leaning=left": 1}, [], scale, new_only=True)
    assert bar.scope == " (1 new article)" and bar.text == "Coverage by leaning: left 1, right 0 (1 new article)"
    (tmp_path / "labels.csv").write_text("outlet,leaning\nHarbor Times,centre\nMetro News,left\nCity Paper,right\n")
    later = Document(id="b4", source="Metro News", date="2025-04-22", text="The harbor bridge, open again after two "
                     "years of repairs, carried its first commuters on Tuesday. The mayor rode across at dawn.")  # fmt: skip
    for day, documents in (("2025-04-21", BRIDGE), ("2025-04-22", [later])):
        path = tmp_path / f"{day}.jsonl"
        path.write_text("".join(json.dumps({"id": d.id, "source": d.source, "text": d.text}) + "\n" for d in documents))
        result = run_cli("daily", str(path), "--date", day, "--archive", str(tmp_path / "a.db"), "--labels",
                         str(tmp_path / "labels.csv"), "-q", "-f", "json", "-o", str(tmp_path / f"{day}.json"))  # fmt: skip
        assert result.returncode == 0, result.stderr
    assert json.loads((tmp_path / "2025-04-22.json").read_text())["stories"][0]["since"] == "2025-04-21"
    result = run_cli("site", str(tmp_path / "site"), "--archive", str(tmp_path / "a.db"), "-q")
    assert result.returncode == 0, result.stderr
    page = lxml_html.fromstring((tmp_path / "site" / "days" / "2025-04-22.html").read_bytes())
    assert "4 articles" in page.find_class("meta")[0].text_content()
    assert page.find_class("legend")[0].text_content() == "Leaning (1 new article): left 1 right 0"
