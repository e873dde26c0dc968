"""Where the outlets differ, on hand-made articles: each rule (figures, revisions, rounding, claims, quotes,
omissions, first reported, labels and blindspots), through the API and the command line in every format."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from summarizer import Document, summarize
from summarizer.delivery.render.differences import difference_lines, lines_of
from summarizer.differences import LabelMap, coverage_of, differ, figures_in, read_labels
from summarizer.errors import SettingsFileError

from .conftest import one_line_error, run_cli

# Each outlet tells the background in its own words (identical texts would be versions of one wire story).
BACKGROUND = {
    "A": ["Heavy rain fell for three days across the northern province before the river rose.",
          "Farmers in the lower fields lost most of their spring planting, the farm union said."],
    "B": ["Army trucks carried sandbags to the villages along the eastern bank overnight.",
          "Schools in the district will stay closed until the end of the week."],
    "C": ["A weather service spokeswoman said more rain is expected over the weekend.",
          "Power was cut to several thousand homes after a substation was flooded."],
    "D": ["Volunteers set up a kitchen in the town hall to feed families who left their homes.",
          "The national rail operator suspended trains on the valley line."],
}  # fmt: skip


def article(doc_id: str, source: str, *lines: str, date: str | None = None) -> Document:
    background = BACKGROUND["ABCD"[sum(map(ord, doc_id)) % 4]]
    return Document(id=doc_id, text="\n\n".join([*lines, *background]), source=source, date=date)


def kinds(digest, kind: str) -> list[dict]:  # type: ignore[no-untyped-def]
    return [d for d in digest.to_dict()["differences"] if d["kind"] == kind]


TOLL_AP = "At least 17 people were killed in the floods at Alder Creek, the provincial police said on Tuesday."
TOLL_REUTERS = "20 people were killed in the floods at Alder Creek, the provincial police said on Tuesday."


def test_figures_that_differ_are_named_with_their_outlets() -> None:
    digest = summarize([article("ap", "AP", TOLL_AP), article("reuters", "Reuters", TOLL_REUTERS)], sentences=3)
    (figure,) = kinds(digest, "figure")
    assert figure["measure"] == "dead" and figure["update"] is False
    assert [(v["text"], v["documents"]) for v in figure["values"]] == [
        ("At least 17 people were killed", ["ap"]),
        ("20 people were killed", ["reuters"]),
    ]
    assert {s["document"] for s in figure["sentences"]} == {"ap", "reuters"}


def test_an_outlet_that_revises_its_own_figure_updates_it() -> None:
    early = article("ap-early", "AP", TOLL_AP, date="2025-04-22T08:00:00Z")
    late = article("ap-late", "AP", TOLL_REUTERS, date="2025-04-22T12:00:00Z")
    digest = summarize([late, early], sentences=3)
    (figure,) = kinds(digest, "figure")
    assert figure["change"] == "update" and figure["update"] is True
    assert [(v["documents"], v["when"]) for v in figure["values"]] == [
        (["ap-early"], "2025-04-22T08:00Z"),
        (["ap-late"], "2025-04-22T12:00Z"),
    ]
    assert "Figure updated: At least 17 people were killed (AP, 08:00) → 20 people were killed (AP, 12:00)" in (
        difference_lines(digest)
    )


def test_a_later_figure_from_another_outlet_is_a_later_report_not_an_update() -> None:
    early = article("ap", "AP", TOLL_AP, date="2025-04-22T08:00:00Z")
    late = article("reuters", "Reuters", TOLL_REUTERS, date="2025-04-22T12:00:00+02:00")  # 10:00 UTC
    digest = summarize([late, early], sentences=3)
    (figure,) = kinds(digest, "figure")
    assert figure["change"] == "later" and figure["update"] is False
    assert [v["documents"] for v in figure["values"]] == [["ap"], ["reuters"]]
    assert "Later report: At least 17 people were killed (AP, 08:00) → 20 people were killed (Reuters, 10:00)" in (
        difference_lines(digest)
    )
    assert digest.first == "ap"  # first reported: the earlier feed time, whatever the input order
    undated = kinds(summarize([article("ap", "AP", TOLL_AP), article("reuters", "Reuters", TOLL_REUTERS)]), "figure")
    assert undated[0]["change"] == "differ" and "when" not in undated[0]["values"][0]


def test_a_digest_archived_before_later_reports_were_told_apart_reads_right() -> None:
    old = {"kind": "figure", "measure": "dead", "update": True, "sentences": [],
           "values": [{"text": "17 killed", "documents": ["ap"]}, {"text": "20 killed", "documents": ["x"]}]}  # fmt: skip
    assert lines_of({"differences": [old]}, {"ap": "AP", "x": "Reuters"}) == [
        "Later report: 17 killed (AP) → 20 killed (Reuters)"
    ]
    assert lines_of({"differences": [old]}, {"ap": "AP", "x": "AP"}) == [
        "Figure updated: 17 killed (AP) → 20 killed (AP)"
    ]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("The floods destroyed crops worth 1.5 million dollars", "The floods destroyed crops worth 1,500,000 dollars"),
        ("The floods destroyed crops worth about 1.5 million dollars", "The floods destroyed crops worth $1,523,000"),
        ("The floods destroyed crops worth $2bn", "The floods destroyed crops worth 2 billion dollars"),
        ("The water rose by 12 percent", "The water rose by 12%"),
        ("The water rose by 12 per cent", "The water rose by 12 percent"),
        # two hedged figures within 2 %: outlets round an estimate their own way (seen on ECB+)
        ("The quake was felt some 930 miles away", "The quake was felt about 940 miles away"),
    ],
)
def test_rounding_and_units_are_no_conflict(first: str, second: str) -> None:
    (a,), (b,) = figures_in(first), figures_in(second)
    assert a.measure == b.measure and not differ(a, b)
    digest = summarize([article("a", "A", first + " at Alder Creek, officials said."),
                        article("b", "B", second + " at Alder Creek, officials said.")], sentences=3)  # fmt: skip
    assert kinds(digest, "figure") == []


def test_a_hedged_figure_still_differs_beyond_its_rounding() -> None:
    (nearly,), (exact,) = figures_in("nearly 2,800 flights were cancelled"), figures_in("3,198 flights were cancelled")
    assert differ(nearly, exact)  # 14 %: a real difference (Multi-News s159)
    (about,), (other,) = figures_in("about 930 people were hurt"), figures_in("about 990 people were hurt")
    assert differ(about, other)  # 6 %


def test_what_is_no_figure() -> None:
    assert figures_in("The dam, built in 1998, failed on March 26.") == []  # a year, a date
    assert figures_in("Flight 214 landed with 3 passengers.")[0].text == "3 passengers"  # a name is no count
    assert [f.measure for f in figures_in("17 dead, 40 injured and 3 missing")] == ["dead", "injured", "missing"]
    assert figures_in("It rained for two weeks.") == []  # durations are left out
    killed, dead = figures_in("seventeen were killed"), figures_in("20 dead")
    assert killed[0].value == 17 and differ(killed[0], dead[0])  # "killed" and "dead" count the same thing


def test_contradicted_claims() -> None:
    agreed = "The mining company agreed to pay for the repair of the Alder Creek dam, the governor said."
    refused = "The mining company did not agree to pay for the repair of the Alder Creek dam, the governor said."
    (claim,) = kinds(summarize([article("a", "A", agreed), article("b", "B", refused)], sentences=3), "claim")
    assert claim["reason"] == "negates 'agre'"
    assert [v["documents"] for v in claim["values"]] == [["a"], ["b"]]
    confirmed = "The ministry confirmed the report that the Alder Creek dam had cracked before the flood."
    denied = "The ministry denied the report that the Alder Creek dam had cracked before the flood."
    (claim,) = kinds(summarize([article("a", "A", confirmed), article("b", "B", denied)], sentences=3), "claim")
    assert claim["reason"] == "opposite words"
    # "declined to" says "not" in its own way: the two agree (seen on ECB+)
    declined = "Her representative declined to reveal why the actress entered the Alder Creek clinic on Friday."
    would_not = "Her representative would not reveal why the actress entered the Alder Creek clinic on Friday."
    assert kinds(summarize([article("a", "A", declined), article("b", "B", would_not)], sentences=3), "claim") == []


def test_a_quote_is_the_speakers() -> None:
    smith = '"We will not rebuild the Alder Creek dam this year," Mayor Smith said on Tuesday evening.'
    jones = '"We will rebuild the Alder Creek dam this year," Governor Jones said on Tuesday evening.'
    assert kinds(summarize([article("a", "A", smith), article("b", "B", jones)], sentences=3), "claim") == []
    # a negation inside quotation marks is the speaker's, not a claim of the outlet
    quoted = 'Mayor Smith said: "The company will not pay for the Alder Creek dam repair."'
    plain = "Mayor Smith said the company will pay for the Alder Creek dam repair."
    assert kinds(summarize([article("a", "A", quoted), article("b", "B", plain)], sentences=3), "claim") == []
    # "X, not Y" contrasts; it denies nothing the other says
    contrast = "The flood hit the valley at Alder Creek, not the town of Millford, the police said."
    same = "The flood hit the valley at Alder Creek and the town of Millford, the police said."
    assert kinds(summarize([article("a", "A", contrast), article("b", "B", same)], sentences=3), "claim") == []


def test_omissions_name_the_outlets_that_leave_a_fact_out() -> None:
    fact = "A bridge on the main road to Alder Creek collapsed on Tuesday morning, cutting off the valley."
    docs = [article("a", "A", fact), article("b", "B", fact.replace("Tuesday morning", "Tuesday")),
            article("c", "C", fact.replace("main road", "main highway")), article("d", "D")]  # fmt: skip
    omissions = [o for o in kinds(summarize(docs, sentences=4), "omission") if "bridge" in o["values"][0]["text"]]
    assert len(omissions) == 1 and omissions[0]["missing"] == ["d"]
    assert sorted(omissions[0]["values"][0]["documents"]) == ["a", "b", "c"]
    # An outlet with a second article that does not carry the fact still carries it: it leaves nothing out.
    docs.append(article("c2", "C"))
    omissions = [o for o in kinds(summarize(docs, sentences=4), "omission") if "bridge" in o["values"][0]["text"]]
    assert len(omissions) == 1 and omissions[0]["missing"] == ["d"]


def test_labels_coverage_and_blindspots(tmp_path: Path) -> None:
    toml = tmp_path / "labels.toml"
    toml.write_text('["AP"]\nleaning = "centre"\n\n["reuters.com"]\nleaning = "centre"\n\n["Fox"]\nleaning = "right"\n')
    labels = read_labels(str(toml))
    docs = [Document("1", "x", source="AP"), Document("2", "x", url="https://www.reuters.com/world/a"),
            Document("3", "x", source="Unknown Times")]  # fmt: skip
    coverage = coverage_of(docs, labels)
    assert coverage.counts == {"leaning=centre": 2, "unlabelled": 1}
    assert coverage.blindspot == ("leaning=centre",)  # two outlets, one side, and the map knows another side
    assert coverage_of([*docs, Document("4", "x", source="fox")], labels).blindspot == ()
    assert coverage_of(docs[:1], labels).blindspot == ()  # one outlet is no blindspot
    csv = tmp_path / "labels.csv"
    csv.write_text("outlet,leaning,country\nAP,centre,US\nBBC,,UK\n")
    assert read_labels(str(csv)).outlets == {"ap": {"leaning": "centre", "country": "US"}, "bbc": {"country": "UK"}}
    assert LabelMap.of({"AP": {"leaning": "centre"}}).labels_of(Document("1", "x", source="ap")) == {
        "leaning": "centre"
    }


@pytest.mark.parametrize(
    ("name", "text", "problem"),
    [
        ("bad.toml", '["AP"]\nleaning = "centre"\n["AP"\n', "line 3: not valid TOML"),
        ("twice.csv", "outlet,leaning\nAP,centre\nap,right\n", "line 3: 'ap' is listed twice with different labels"),
        ("columns.csv", "outlet,leaning,\nAP,centre,x\n", "line 1: unknown column ''"),
        ("header.csv", "name,leaning\nAP,centre\n", "line 1: the header's first column must be 'outlet'"),
        ("value.toml", '["AP"]\nleaning = 3\n', "line 1: 'AP' must be a table of label names to text"),
        # A quote never closed made every later line one cell, and every label was lost without a word.
        ("quote.csv", 'outlet,leaning\nAP,centre\n"Reuters,centre\nFox,right\n', "line 3: a quote that is never closed"),
        ("cell.csv", "outlet,leaning\nAP," + "x" * 1_000_000 + "\n", "line 2: a cell longer than 100 characters"),
        ("long.csv", "outlet,leaning\nAP,centre\nFox," + "x" * 101 + "\n",
         f"line 3: the label '{'x' * 40}…' is longer than 100 characters"),
        ("outlet.csv", "outlet,leaning\n" + "A" * 101 + ",centre\n",
         f"line 2: the outlet '{'A' * 40}…' is longer than 100 characters"),
        ("column.csv", "outlet," + "l" * 101 + "\nAP,centre\n", "line 1: the label name 'lll"),
        ("lines.csv", 'outlet,leaning\n"AP\nReuters",centre\n', "line 2: the outlet 'AP\\nReuters' holds a line break"),
        ("big.toml", '["AP"]\nleaning = "' + "x" * 1_000_000 + '"\n',
         f"line 2: the label '{'x' * 40}…' is longer than 100 characters"),
        ("outlet.toml", '["Fox"]\nleaning = "right"\n\n["' + "A" * 101 + '"]\nleaning = "centre"\n',
         f"line 4: the outlet '{'A' * 40}…' is longer than 100 characters"),
        ("control.toml", '["AP"]\nleaning = "centre"\ncountry = "US\\u001b[31m"\n',
         "line 3: the label 'US\\x1b[31m' holds a line break or a control character"),
    ],
)  # fmt: skip
def test_bad_label_files_name_the_file_and_line(tmp_path: Path, name: str, text: str, problem: str) -> None:
    path = tmp_path / name
    path.write_text(text)
    with pytest.raises(SettingsFileError) as caught:
        read_labels(str(path))
    assert str(caught.value) == f"{path}: {problem}" or str(caught.value).startswith(f"{path}: {problem}")
    assert "\n" not in str(caught.value) and len(str(caught.value)) < len(str(path)) + 120


def test_a_label_file_that_would_have_crashed_is_one_line_and_exit_2(tmp_path: Path, seeds_dir: Path) -> None:
    cell = tmp_path / "cell.csv"
    cell.write_text("outlet,leaning\nAP," + "x" * 1_000_000 + "\n")  # was exit 70: the csv module's field limit
    result = run_cli("digest", str(seeds_dir), "--labels", str(cell))
    assert result.returncode == 2
    assert one_line_error(result) == f"summarizer: error: {cell}: line 2: a cell longer than 100 characters (an " \
        "outlet or a label is at most that)\n"  # fmt: skip


@pytest.fixture
def flood(tmp_path: Path) -> Path:
    folder = tmp_path / "flood"
    folder.mkdir()
    search = [
        "Rescue teams searched the flooded Alder Creek valley for missing residents on Tuesday.",
        "Rescuers in boats searched the Alder Creek valley on Tuesday for residents still missing.",
        "Rescue teams with boats searched the valley of Alder Creek on Tuesday for missing people.",
    ]
    rows = [{"id": "ap", "source": "AP", "date": "2025-04-22T08:00:00Z",
             "text": "\n\n".join([TOLL_AP, search[0], BACKGROUND["A"][0]])},
            {"id": "reuters", "source": "Reuters", "date": "2025-04-22T09:00:00Z",
             "text": "\n\n".join([TOLL_REUTERS.replace("20 people", "Twenty people"), search[1], BACKGROUND["B"][0]])},
            {"id": "bbc", "source": "BBC", "date": "2025-04-22T10:00:00Z",
             "text": "\n\n".join(["The floods at Alder Creek were the worst in forty years, the provincial police said "
                                    "on Tuesday.", search[2], BACKGROUND["C"][0]])}]  # fmt: skip
    (folder / "flood.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n")
    (tmp_path / "labels.csv").write_text("outlet,leaning\nAP,centre\nReuters,centre\nFox,right\n")
    return folder


def test_the_command_line_shows_them_in_every_format(flood: Path) -> None:
    labels = str(flood.parent / "labels.csv")
    text = run_cli("digest", str(flood), "--labels", labels).stdout.decode()
    assert "Where the outlets differ" in text
    assert (
        "Later report: At least 17 people were killed (AP, 08:00) → Twenty people were killed (Reuters, 09:00)" in text
    )
    assert "First reported by AP · Coverage: leaning=centre 2 · unlabelled 1 · blindspot: only leaning=centre" in text
    markdown = run_cli("digest", str(flood), "-f", "markdown").stdout.decode()
    assert "## Where the outlets differ" in markdown and "- Later report: At least 17" in markdown
    data = json.loads(run_cli("digest", str(flood), "-f", "json", "--labels", labels).stdout)
    assert data["first"] == "ap" and data["blindspot"] is True and data["coverage"]["unlabelled"] == 1
    (figure,) = [d for d in data["differences"] if d["kind"] == "figure"]
    assert figure["change"] == "later" and [v["when"] for v in figure["values"]] == [
        "2025-04-22T08:00Z",
        "2025-04-22T09:00Z",
    ]
    quiet = json.loads(run_cli("digest", str(flood), "-f", "json", "--no-differences").stdout)
    assert quiet["differences"] == [] and quiet["first"] is None and quiet["settings"]["differences"] is False
    assert "Where the outlets differ" not in run_cli("digest", str(flood), "--no-differences").stdout.decode()
    daily = json.loads(run_cli("daily", str(flood), "-f", "json", "--labels", labels).stdout)
    story = daily["stories"][0]
    assert story["first"] == "ap" and story["differences"][0]["kind"] == "figure" and story["blindspot"] is True
    page = run_cli("daily", str(flood), "-f", "html").stdout.decode()
    assert '<div class="meta differs">Later report: At least 17 people were killed (AP, 08:00)' in page
    daily_text = run_cli("daily", str(flood), "--labels", labels).stdout.decode()
    assert "   Later report: At least 17" in daily_text and "Blindspots: 1. " in daily_text


def test_the_archive_keeps_them_and_a_bad_label_file_is_refused(flood: Path, tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    result = run_cli("daily", str(flood), "--archive", str(db), "--date", "2025-04-22", "-f", "json")
    assert result.returncode == 0, result.stderr
    with sqlite3.connect(db) as connection:
        (details,) = connection.execute("SELECT details FROM digests").fetchone()
    assert json.loads(details)["differences"][0]["kind"] == "figure"
    bad = tmp_path / "bad.csv"
    bad.write_text("outlet,leaning\nAP,centre\nAP,right\n")
    result = run_cli("daily", str(flood), "--labels", str(bad))
    assert result.returncode == 2
    assert one_line_error(result) == f"summarizer: error: {bad}: line 3: 'AP' is listed twice with different labels\n"
