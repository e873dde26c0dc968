"""Where the outlets differ, on hand-made articles: each rule (figures, revisions, rounding, claims, quotes,
omissions, first reported, labels and blindspots), through the API and the command line in every format."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import replace
from pathlib import Path

import pytest

from summarizer import Document, summarize
from summarizer.core import semantic
from summarizer.delivery.render.differences import difference_lines, lines_of, outlet_names
from summarizer.differences import LabelMap, coverage_of, differ, figures_in, read_labels
from summarizer.differences.agree import context_of, hyphens_spaced, same_count
from summarizer.differences.align import _BYLINE
from summarizer.differences.find import _matched
from summarizer.differences.omissions import _told_in_its_lines
from summarizer.differences.quotes import speaker_of
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
    assert figures_in("The dam, built in 1998, was the first in Texas.") == []  # a year, an ordinal
    assert figures_in("Flight 214 landed with 3 passengers.")[0].text == "3 passengers"  # a name is no count
    assert [f.measure for f in figures_in("17 dead, 40 injured and 3 missing")] == ["dead", "injured", "missing"]
    assert figures_in("It rained two weeks ago, between 140 and 160 mm; the 12000 block.") == []  # ago, a range
    assert [(f.measure, f.value) for f in figures_in("A 33-year-old man drowned.")] == [("age", 33)]
    assert figures_in("Theresa May survived the vote.") == []  # a name, not a month
    killed, dead = figures_in("seventeen were killed"), figures_in("20 dead")
    assert killed[0].value == 17 and differ(killed[0], dead[0])  # "killed" and "dead" count the same thing


def measures(text: str) -> list[tuple[str, float, str | None]]:
    return [(f.measure, f.value, f.qualifier) for f in figures_in(text)]


def test_what_a_figure_counts_is_read_from_its_own_phrase() -> None:
    # the verb before the number, not the nearest noun after it (a real miss: "killed 37" read as injured)
    assert measures("The attack killed 37 and injured 100.") == [("dead", 37, None), ("injured", 100, None)]
    assert measures("Gunmen stormed the school, killing at least 40 people.") == [("dead", 40, None)]
    # the noun counted, whatever is said after it ("made homeless" is no count of its own)
    assert measures("More than 452,000 people made homeless were staying in schools.") == [("people", 452000, None)]
    # a count's participle tells what it counts: cancellations are no delays (a real false flag)
    assert measures("Airlines canceled more than 1,000 flights and 1,500 flights were delayed.") == [
        ("flight", 1000, "cancel"), ("flight", 1500, "delay")]  # fmt: skip
    (canceled, delayed) = figures_in("Airlines canceled more than 1,000 flights and 1,500 flights were delayed.")
    assert not same_count(canceled, delayed)


def test_durations_and_dates_are_figures() -> None:
    (trek,), (hike,) = figures_in("They set out on a two-day trek."), figures_in("They set out on a two-hour hike.")
    assert trek.measure == hike.measure == "duration" and differ(trek, hike)
    (days,), (hours,) = figures_in("The siege lasted two days."), figures_in("The siege lasted 48 hours.")
    assert not differ(days, hours)
    (eleven,), (prison,) = figures_in("Wang was sentenced to 11 years."), figures_in("He got 15 years in prison.")
    assert differ(eleven, prison)
    (august,), (september,) = figures_in("The vote was held in August."), figures_in("It was held in September.")
    assert august.measure == "date" and differ(august, september)
    (march,), (day,) = figures_in("The dam failed in March."), figures_in("The dam failed on March 26.")
    assert not differ(march, day)  # a month alone agrees with any day of it
    # The base month of a change is no date of the change (a real day's false "May · June"): only compared as a start.
    (_, _, from_may) = figures_in("Consumer prices in June rose 0.9% from May.")
    (_, in_june, _, _) = figures_in("The price index rose 0.9% in June, faster than the 0.6% increase in May.")
    assert not same_count(from_may, in_june)
    (since_may,), (since_june,) = (
        figures_in("Prices have risen since May."),
        figures_in("Prices have risen since June."),
    )
    assert same_count(since_may, since_june) and differ(since_may, since_june)
    (more,), (almost,) = figures_in("rates rose to more than 40 percent"), figures_in("rates rose to almost 50 percent")
    assert not differ(more, almost)  # two bounds one value can meet
    (over,), (twelve,) = (
        figures_in("Xu has spent more than 10 years in prison."),
        figures_in("Xu spent 12 years in prison."),
    )
    assert not differ(over, twelve)  # a lower bound and a value above it (a false flag on DUC 2003)


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


# An article on the flood (TF-IDF cosine over omissions.MIN_STORY_COSINE with the others) that tells no bridge.
FLOODED = "The river rose over its banks after the heavy rain and flooded the farms of the northern province."


def test_omissions_name_the_outlets_that_leave_a_fact_out() -> None:
    fact = "A bridge on the main road to Alder Creek collapsed on Tuesday morning, cutting off the valley."
    # d covers the story (it tells the rain, as b does) but not the bridge
    rain = "Heavy rain fell for three days across the northern province before the river rose."
    docs = [article("a", "A", fact), article("b", "B", fact.replace("Tuesday morning", "Tuesday"), rain),
            article("c", "C", fact.replace("main road", "main highway")), article("d", "D", FLOODED)]  # fmt: skip
    assert rain in docs[3].text
    omissions = [o for o in kinds(summarize(docs, sentences=4), "omission") if "bridge" in o["values"][0]["text"]]
    assert len(omissions) == 1 and omissions[0]["missing"] == ["d"]
    assert sorted(omissions[0]["values"][0]["documents"]) == ["a", "b", "c"]
    # An outlet with a second article that does not carry the fact still carries it: it leaves nothing out.
    docs.append(article("c2", "C"))
    omissions = [o for o in kinds(summarize(docs, sentences=6), "omission") if "bridge" in o["values"][0]["text"]]
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


# A wire story, and a paper's syndicated copy of it: the agency's text word for word plus one local sentence.
WIRE = [
    "A passenger train derailed near the town of Alder Creek on Tuesday morning, injuring 42 people.",
    "Six carriages left the tracks on a bend south of the station, the national rail operator said.",
    "Rescue workers used cutting equipment to free passengers trapped in two of the carriages.",
    "The operator suspended all services on the valley line while investigators examined the track.",
    "Transport minister Anna Berg said the cause of the crash was not yet known.",
]
OTHERS = {
    "reuters": ["A passenger train came off the rails near Alder Creek on Tuesday, and 42 people were hurt.",
                "Rescue teams cut open two carriages to reach trapped passengers, witnesses said.",
                "Investigators from the rail safety board arrived at the scene in the afternoon."],
    "bbc": ["Forty-two people were injured when a passenger train derailed near Alder Creek on Tuesday.",
            "All trains on the valley line were suspended while the track was examined.",
            "Local hospitals said most of the injured had cuts and broken bones."],
}  # fmt: skip


def syndicated(copy_lines: list[str], *, language: str = "english") -> list[dict]:
    docs = [Document(id="ap", text="\n\n".join(WIRE), source="AP"),
            Document(id="mirror", text="\n\n".join(copy_lines), source="Daily Mirror"),
            *(Document(id=k, text="\n\n".join(v), source=k.upper()) for k, v in OTHERS.items())]  # fmt: skip
    return summarize(docs, sentences=5, language=language).to_dict()["differences"]


def test_a_syndicated_copy_with_a_local_sentence_leaves_nothing_out() -> None:
    local = "The Daily Mirror understands two of the injured are from Millford."
    found = syndicated([*WIRE, local])
    assert not [d for d in found if d["kind"] == "omission" and {"mirror", "ap"} & set(d["missing"])], found
    # the copy and the agency are one outlet: neither confirms the other, neither is "only" against the other
    for difference in found:
        for value in difference["values"]:
            assert not {"ap", "mirror"} <= set(value["documents"]), difference


def test_a_copy_with_one_figure_changed_leaves_nothing_out() -> None:
    variant = [WIRE[0].replace("42 people", "43 people"), *WIRE[1:]]
    found = syndicated(variant)
    assert not [d for d in found if d["kind"] == "omission" and {"mirror", "ap"} & set(d["missing"])], found


GERMAN_WIRE = [
    "Ein Personenzug ist am Dienstagmorgen nahe der Stadt Erlenbach entgleist, dabei wurden 42 Menschen verletzt.",
    "Sechs Waggons sprangen in einer Kurve südlich des Bahnhofs aus den Gleisen, teilte die Bahn mit.",
    "Rettungskräfte befreiten mit schwerem Gerät Fahrgäste, die in zwei Waggons eingeklemmt waren.",
    "Die Bahn stellte den Verkehr auf der Talstrecke ein, während Ermittler die Gleise untersuchten.",
    "Verkehrsministerin Anna Berg sagte, die Ursache des Unglücks sei noch nicht bekannt.",
]
GERMAN_OTHERS = {
    "spiegel": ["Nahe Erlenbach ist am Dienstag ein Personenzug entgleist, 42 Menschen wurden verletzt.",
                "Rettungskräfte schnitten zwei Waggons auf, um eingeklemmte Fahrgäste zu erreichen.",
                "Ermittler der Unfalluntersuchung trafen am Nachmittag am Unglücksort ein."],
    "zeit": ["Bei der Entgleisung eines Personenzugs nahe Erlenbach wurden am Dienstag 42 Menschen verletzt.",
             "Der Verkehr auf der Talstrecke wurde eingestellt, während die Gleise untersucht wurden.",
             "Krankenhäuser der Region meldeten vor allem Schnittwunden und Knochenbrüche."],
}  # fmt: skip


def test_a_german_syndicated_copy_leaves_nothing_out() -> None:
    copy = [*GERMAN_WIRE, "Nach Informationen der Lokalzeitung stammen zwei Verletzte aus Mühlheim."]
    docs = [Document(id="dpa", text="\n\n".join(GERMAN_WIRE), source="dpa"),
            Document(id="lokal", text="\n\n".join(copy), source="Lokalzeitung"),
            *(Document(id=k, text="\n\n".join(v), source=k.title()) for k, v in GERMAN_OTHERS.items())]  # fmt: skip
    found = summarize(docs, sentences=5, language="german").to_dict()["differences"]
    assert not [d for d in found if d["kind"] == "omission" and {"dpa", "lokal"} & set(d["missing"])], found


def test_an_article_without_an_outlet_is_named_by_its_domain_its_headline_or_a_number() -> None:
    from summarizer.documents import DocumentInfo

    def info(doc_id: str, **fields: str | None) -> DocumentInfo:
        return DocumentInfo(id=doc_id, title=fields.get("title"), source=fields.get("source"),
                            url=fields.get("url"), date=None, path=None, sentences=1)  # fmt: skip

    names = outlet_names([info("002_4d8b66e183443c02"), info("a", source="AP"),
                          info("b", url="https://www.example.org/news/1"),
                          info("c", title="Putin Says Yes to Peace Talks — Will Ukraine Respond?"),
                          info("d")])  # fmt: skip
    assert names == {"002_4d8b66e183443c02": "unnamed source 1", "a": "AP", "b": "example.org",
                     "c": "“Putin Says Yes to Peace Talks — Will …”", "d": "unnamed source 2"}  # fmt: skip
    omission = {"kind": "omission", "values": [{"text": "Talks will resume in London.", "documents": ["a", "b"]}],
                "missing": ["002_4d8b66e183443c02"], "sentences": []}  # fmt: skip
    (line,) = lines_of({"differences": [omission]}, names)
    assert line == "Left out by unnamed source 1: “Talks will resume in London.” (carried by AP, example.org)"


def test_a_line_stays_short_and_a_quote_keeps_its_speaker() -> None:
    many = {f"d{k}": f"Outlet number {k}" for k in range(60)}
    figure = {"kind": "figure", "measure": "dead", "change": "differ", "sentences": [],
              "values": [{"text": f"{k} killed", "documents": [f"d{k}", f"d{k + 30}"]} for k in range(30)]}  # fmt: skip
    (line,) = lines_of({"differences": [figure]}, many)
    assert len(line) < 300 and "26 other figures" in line
    said = "“We hope this work will yield results in the coming weeks of talks in London,” Peskov told reporters."
    omission = {"kind": "omission", "values": [{"text": said, "documents": ["d1", "d2"], "speaker": "Peskov"}],
                "missing": ["d3"], "sentences": []}  # fmt: skip
    (line,) = lines_of({"differences": [omission]}, many)
    assert line.startswith("Left out by Outlet number 3: Peskov: “We hope this work will yield results")
    assert speaker_of(said) == "Peskov" and speaker_of("“It is crazy how it works,” he said.") is None


def test_only_in_is_in_the_json_as_in_the_text(flood: Path) -> None:
    data = json.loads(run_cli("digest", str(flood), "-f", "json").stdout)
    only = [d for d in data["differences"] if d["kind"] == "only"]
    text = run_cli("digest", str(flood)).stdout.decode()
    for difference in only:
        outlet = {"ap": "AP", "reuters": "Reuters", "bbc": "BBC"}[difference["values"][0]["documents"][0]]
        assert f"Only in {outlet}: {len(difference['values'])} sentence" in text
    assert text.count("Only in ") == len(only)


# Second round of issue 36: each case below is a planted figure conflict the detector missed (eval/differences.py).
def test_more_figures_are_read_from_their_own_phrase() -> None:
    # "in 2013 and $15.8 million" is two figures, not the end of a range; "$2 trillion to $3 trillion" is a range
    assert [f.text for f in figures_in("revenue of $47.2 million in 2013 and $15.8 million since")] == [
        "$47.2 million", "$15.8 million"]  # fmt: skip
    assert [(f.text, f.low) for f in figures_in("it would be valued at $2 trillion to $3 trillion")] == [
        ("$2 trillion to $3 trillion", 2e12)
    ]  # fmt: skip (a range is one figure, its ends together)
    # a unit in one word with its number; a yard line is a place
    assert measures("a 70-mile evacuation zone and the 4,900-page report") == [("mile", 70, None), ("page", 4900, None)]
    assert measures("Garrard drove Jacksonville to the 7-yard line.") == []
    # tokenised thousands (ECB+), a time before the event, a phrase that ends at its comma, a share
    assert measures("a tsunami that killed 170, 000 people") == [("dead", 170000, None)]
    assert measures("he entered 34 hours before the theft") == [("duration", 34 * 3600, "before")]
    assert measures("The quake, at a depth of just 10 kilometres, injured more than 200 people") == [
        ("kilometer", 10, None), ("injured", 200, None)]  # fmt: skip
    assert measures("one in five children received food stamps") == []


def test_two_bounds_of_one_kind_are_compared() -> None:
    (more,), (fewer,) = figures_in("more than 700 printed pages"), figures_in("more than 500 printed pages")
    assert differ(more, fewer)
    (during,), (exact,) = figures_in("an offer over seven years"), figures_in("an offer of eight years")
    assert during.bound is None and differ(during, exact)  # "over seven years" is during them


def test_which_way_a_bound_points() -> None:
    """ "no more than" and "less than the" are upper bounds, "faster than the" no bound (issue 36, round 4: read
    as lower bounds, they agreed with every larger figure, so a planted "84 minutes" against "60 minutes" went
    unseen next to "no more than five minutes")."""
    bounds = {text: [f.bound for f in figures_in(text)] for text in (
        "the solution needs to take no more than five minutes", "it is less than the $184 million reported",
        "in excess of $160 million", "no fewer than 20 people were hurt", "more than 40 percent",
        "rose 0.9% in June, faster than the 0.6% increase in May")}  # fmt: skip
    # the last: two dates and two percents, no bound
    assert list(bounds.values()) == [["upper"], ["upper"], ["lower"], ["lower"], ["lower"], [None] * 4]
    crew = "The crew member will have less than {} minutes to get into and seal their spacesuit."
    planted = crew.format(84) + " The solution needs to take no more than five minutes."
    mine, theirs = figures_in(planted), figures_in(crew.format(60))
    assert [(f.text, g.text) for f, g in _matched(mine, theirs, (planted, crew.format(60)))] == [
        ("84 minutes", "60 minutes")]  # fmt: skip


def figure_lines(first: str, second: str, *more: str) -> list[str]:
    digest = summarize([article("a", "AP", first), article("b", "Reuters", second, *more)], sentences=3)
    return [line for line in difference_lines(digest) if line.startswith("Figures differ")]


def test_a_participle_one_side_says_does_not_set_a_count_apart() -> None:
    assert figure_lines(
        "Graham Brady says he phoned the prime minister to advise her the threshold of 67 letters had been reached.",
        "Graham Brady says the threshold of 48 letters from lawmakers needed to trigger a leadership vote was reached.",
    ) == ["Figures differ: 67 letters (AP) · 48 letters (Reuters)"]


def test_several_figures_of_one_measure_are_paired_in_order_or_by_their_clause() -> None:
    assert figure_lines(
        "At 17:30 BST the queen had reigned for 32,516 days, 16 hours and 30 minutes, surpassing Queen Victoria.",
        "At 17:30 BST the queen had reigned for 23,226 days, 16 hours and 23 minutes, surpassing Queen Victoria.",
    ) == [
        "Figures differ: 32,516 days (AP) · 23,226 days (Reuters)",
        "Figures differ: 30 minutes (AP) · 23 minutes (Reuters)",
    ]
    assert figure_lines(
        "Instead, the driver gunned the engine and drove over Johnson, dragging her 14 feet as he sped away, said a "
        "witness who was 20 feet away.",
        "Instead, LaSalle gunned the engine and drove over Johnson, dragging her 10 feet as he sped away, a witness said.",
    ) == ["Figures differ: 14 feet (AP) · 10 feet (Reuters)"]


def test_two_sentences_that_share_most_words_are_one_fact_whatever_names_each_gives() -> None:
    tanya = ("The boys say their dad left Tanya 35 percent of his personal effects, 40 percent of his remaining estate, "
             "a $500k life insurance policy and said she could live at the ranch.")  # fmt: skip
    callau = ("He left Callau the ranch's furnishings, 25 percent of his personal effects, a $500,000 life insurance "
              "policy and 40 percent of his remaining estate.")  # fmt: skip
    widow = "His widow, Tanya Callau, still lives at the ranch."
    assert figure_lines(tanya, callau, widow) == ["Figures differ: 35 percent (AP) · 25 percent (Reuters)"]
    assert figure_lines(tanya, callau) == []  # nothing says Tanya and Callau are one person
    phillips = "On Sunday, Phillips missed three games with a sprained ankle, the team said on Monday."
    bush = "On Sunday, Bush missed four games with a sprained ankle, the team said on Monday."
    assert figure_lines(phillips, bush) == []


def test_a_hedged_duration_in_one_word_is_as_precise_as_it_is_written() -> None:
    # DUC 2007 D0716D-A, read: "over 28 years" and "an about 30-year mine life" were said to differ
    (about,), (exact,) = figures_in("over an about 30-year mine life"), figures_in("over 28 years")
    assert about.approximate and not differ(about, exact)
    (plain,) = figures_in("a 30-year mine life")
    assert differ(plain, exact)


def test_money_after_a_naming_word_and_days_of_a_kind_are_figures() -> None:
    # Multi-News s090 (choosing set): "The Row" names a fashion line, but "$54,600" after it is a price
    (price,) = figures_in("Olsen twins line The Row $54,600 backpack flying off shelves at Barneys New York")
    assert (price.measure, price.value) == ("dollars", 54600)
    assert figures_in("They sat in Row 5 of the hall.") == []  # a seat is still a name
    # allsides_days 6099 (choosing set): the recall's "30-business-day period", planted as 42
    (planted,) = figures_in("the next phase of the recall process, a 42-business-day period in which voters may")
    (told,) = figures_in("the next phase of the recall process, a 30-business-day period in which voters may submit")
    assert planted.measure == told.measure == "business days" and differ(planted, told)
    (calendar,) = figures_in("a 30-day period")
    assert not same_count(told, calendar)  # 30 business days are no 30 calendar days


def test_a_figure_agreeing_only_by_rounding_is_compared_by_its_clause() -> None:
    # allsides_days 6064 (choosing set): AP's "6.1%" planted as 8.5%; the 6% of "up from 6%" agrees with 6.1% only by
    # rounding, and the clause of 6.1% is the clause of 8.5% ("the unemployment rate rose ... to")
    planted = "The unemployment rate rose to 8.5% in April, up from 6% a month earlier."
    told = ("The economy added far fewer jobs than expected in April, just 266,000, and the unemployment rate rose "
            "slightly to 6.1%, the Bureau of Labor Statistics reported Friday.")  # fmt: skip
    digest = summarize([Document(id="a", text=planted, source="AP"), Document(id="b", text=told, source="Reuters")])
    figures = [d for d in digest.to_dict()["differences"] if d["kind"] == "figure"]
    assert [[v["text"] for v in d["values"]] for d in figures] == [["8.5%", "6.1%"]]
    # a bound agrees with any value past it, and is no rounding: "more than 3 hours" is set aside against "two weeks"
    # and not compared with "two hours" (Multi-News s042, choosing set: a definition of colic against an average)
    colic = ("The highest levels of colic – defined as crying more than 3 hours a day for at least 3 days a week in a "
             "baby– were found in the UK (28% of infants at 1-2 weeks).")  # fmt: skip
    average = "Babies cried for an average of two hours per day in the first two weeks after birth."
    assert _matched(figures_in(colic), figures_in(average), (colic, average)) == []


def test_a_speaker_is_no_name_of_the_fact() -> None:
    """ "..., Bower said" names who tells the fact, not what it is about: the sentence may be the fact another
    outlet tells of "Palmer voters" (issue 36, round 4: ECB+ 13ecbplus, a planted $4 million against $3 million)."""
    palmer = "In 2010, Palmer voters approved a $4 million bond to pay for purchase of the church property."
    bower = "Voters in 2010 approved a $3 million bond to buy the church property, Bower said."
    (figure,) = kinds(summarize([article("a", "A", palmer), article("b", "B", bower)], sentences=3), "figure")
    assert [v["text"] for v in figure["values"]] == ["$4 million", "$3 million"]
    nobody = "Voters in 2010 approved a $3 million bond to buy the church property, according to Bower."
    assert kinds(summarize([article("a", "A", palmer), article("b", "B", nobody)], sentences=3), "figure")


# Fifth round of issue 36: an omission only with evidence. The story of test_omissions_name_the_outlets_...: three
# outlets tell the bridge, b and the last outlet the rain; the last outlet is blamed only when it is an article
# on the story, dated after the bridge was first reported, that says nothing of the bridge anywhere.
BRIDGE = "A bridge on the main road to Alder Creek collapsed on Tuesday morning, cutting off the valley."
RAIN = "Heavy rain fell for three days across the northern province before the river rose."


def blamed_for_the_bridge(last: Document, *, date: str | None = None) -> list[list[str]]:
    docs = [article("a", "A", BRIDGE, date=date), article("b", "B", BRIDGE.replace("Tuesday morning", "Tuesday"),
            RAIN, date=date), article("c", "C", BRIDGE.replace("main road", "main highway"), date=date), last]  # fmt: skip
    found = kinds(summarize(docs, sentences=4), "omission")
    return [o["missing"] for o in found if "bridge" in o["values"][0]["text"]]


def test_a_page_that_is_no_article_or_of_another_story_leaves_nothing_out() -> None:
    assert blamed_for_the_bridge(article("d", "D", FLOODED)) == [["d"]]  # an article of the story
    # a video's one-line description (Multi-News s165: "Uploaded on Aug 6, 2015" and 43 words)
    video = Document(id="d", text=f"Uploaded on Aug 6, 2015\n\n{RAIN}", source="D")
    assert blamed_for_the_bridge(video) == []
    # another story put in the cluster, which happens to tell the rain too (Multi-News s229: a cruise overrun)
    match = ["United beat City by three goals to one in the derby at the old stadium on Saturday evening.",
             "The visiting striker scored twice in the first half after a long pass from the goalkeeper.",
             "The home manager said his players had lost their shape after the second goal went in.",
             "Tickets for the return match next month went on sale on Sunday morning and sold out quickly.",
             "The referee showed five yellow cards and sent off a defender in the last ten minutes.", RAIN]  # fmt: skip
    assert blamed_for_the_bridge(Document(id="d", text="\n\n".join(match), source="D")) == []


def test_an_outlet_that_tells_the_fact_in_its_headline_or_a_list_leaves_nothing_out() -> None:
    headline = replace(article("d", "D", FLOODED), title="Alder Creek cut off as main road bridge collapses")
    assert blamed_for_the_bridge(headline) == []
    listed = article("d", "D", FLOODED, "• Alder Creek: the only crossing is gone")  # a list item, in other words
    assert blamed_for_the_bridge(listed) == []
    # a line of the text that names whom the fact names, with its figures (ECB+ 22ecbplus, choosing part: "the Kraft
    # shooting of her co-workers at Kraft Foods" against "A Kraft Foods plant worker ... executed two of them")
    fact = "Barnett Slepian, 52, was shot dead by a sniper at his home in Amherst on Friday night."
    caption = Document(id="d", text="Photo: Barnett Slepian, 52, of Amherst\n\nThe vigil drew hundreds.", source="D")
    other = replace(caption, text="Photo: Barnett Slepian at a clinic in 1994\n\nThe vigil drew hundreds.")
    assert _told_in_its_lines(fact, 3, [caption], {"d": 3}, figures_in)
    assert not _told_in_its_lines(fact, 3, [other], {"d": 3}, figures_in)  # his age is not there: not the fact


def test_an_outlet_that_wrote_before_the_fact_was_reported_leaves_it_out_of_nothing() -> None:
    earlier = article("d", "D", FLOODED, date="2025-04-22T06:00:00Z")
    assert blamed_for_the_bridge(earlier, date="2025-04-22T10:00:00Z") == []
    later = article("d", "D", FLOODED, date="2025-04-22T12:00:00Z")
    assert blamed_for_the_bridge(later, date="2025-04-22T10:00:00Z") == [["d"]]


def test_a_hedge_of_three_words_leaves_the_count_to_the_verb_before_it() -> None:
    # TAC 2011 M006 (a missed plant): "killing as much as 200,000 people" was read as a count of people, not of the dead
    assert measures("An earthquake struck Haiti, killing as much as 200,000 people.") == [("dead", 200000, None)]
    assert figure_lines(
        "As many as 280,000 people were killed by the tremors, which struck on January 12, and 1.5 million people "
        "have been left without homes.",
        "An earthquake struck Haiti on January 12, killing as much as 200,000 people and largely destroying the "
        "capital; another million have been left without homes.",
    ) == ["Figures differ: 280,000 people were killed (AP) · 200,000 people (Reuters)"]


def test_the_age_of_a_relative_is_another_persons() -> None:
    # ECB+ 32ecbplus (a missed plant): the accused's age was paired with his mother's, then dropped as too far off
    assert [f.measure for f in figures_in("John, 23, killed his 58-year-old mother and a 20-year-old man.")] == [
        "age of mother", "age"]  # fmt: skip
    assert figure_lines(
        "A 32-year-old man has been charged with the murders of his mother and sister.",
        "23-year-old John Jenkin, of Millom, has been charged with the murder of his 58-year-old mother, Alice "
        "McMeekin, and sister, Kathryn Jenkin.",
    ) == ["Figures differ: 32-year-old (AP) · 23-year-old (Reuters)"]


def test_figures_are_paired_by_their_clause_among_those_that_can_be_one_count() -> None:
    # allsides 5871 (a missed plant): 1.3% and 5.4% share "prices", "rose" and "June" with 0.9% alike; only 1.3% can be it
    assert figure_lines(
        "The Labor Department said Tuesday that consumer prices in June rose 1.3% from May and 5.4% over the past year.",
        "The Labor Department said Tuesday that the consumer price index rose 0.9% in June, faster than the 0.6% "
        "increase in May.",
    ) == ["Figures differ: 1.3% (AP) · 0.9% (Reuters)"]
    # allsides 6050: "rose" and "has risen" are one verb in a figure's clause
    assert figure_lines(
        "The Consumer Price Index, which measures a basket of goods as well as energy and housing costs, rose 5.9% "
        "from a year earlier.",
        "The Consumer Price Index, which tracks the cost of consumer goods as well as housing and energy prices, has "
        "risen 4.2 percent from a year ago, notably higher than the estimated 3.6 percent.",
    ) == ["Figures differ: 5.9% (AP) · 4.2 percent (Reuters)"]


def test_two_sentences_alike_but_for_their_figures_are_one_fact() -> None:
    # Multi-News s231 (a missed plant): three content words, all shared; too few for the share rule alone
    assert figure_lines("It took under 14 seconds to hit the target.", '"It took under 10 seconds to hit the target."') == [
        "Figures differ: 14 seconds (AP) · 10 seconds (Reuters)"]  # fmt: skip
    assert figure_lines("Police took 14 seconds to arrive.", "It took 10 seconds to hit the target.") == []
    # two tweets' signatures are alike but for their dates, and say nothing (Multi-News s027, read)
    signature = "— Scout LaRue Willis (@Scout_Willis) May {}, 2014"
    assert figure_lines(signature.format(27), signature.format(28)) == []


def test_the_fourth_of_july_is_a_day_not_a_name() -> None:
    # allsides 5892 (a missed plant): "Fourth" was read as a name the other sentence lacks
    assert figure_lines(
        "There was a lot of tragedy as at least 210 people were killed by gun violence across the country throughout "
        "the weekend, reports CNN, citing data compiled by the Gun Violence Archive.",
        "A bloody Fourth of July weekend ended with at least 150 people killed in more than 400 shootings that "
        "occurred across the country, according to data compiled throughout the weekend.",
    ) == ["Figures differ: at least 210 people were killed (AP) · at least 150 people killed (Reuters)"]


def test_the_last_time_a_record_was_matched_is_no_date_of_the_fact() -> None:
    # allsides 5871, read: "the sharpest 12-month spike since August 2008" / "the largest 1-month spike since June 2008"
    assert [f.measure for f in figures_in("Prices rose 5.4%, the sharpest 12-month spike since August 2008.")] == [
        "percent", "duration"]  # fmt: skip
    assert [f.text for f in figures_in("Prices have risen since May.")] == ["May"]  # a start, compared as one


@pytest.mark.parametrize(
    ("first", "second"),
    [  # read on all 664 clusters: each pair was "Figures differ" on dates of two things
        ("Consumer prices rose 5.4% over the past year, the sharpest 12-month inflation spike since August 2008.",
         "Consumer prices rose 0.9% in June, the largest 1-month spike since June 2008, the department said."),
        ("Winfrey has been a ratings success since launching The Oprah Winfrey Show in September 1986.",
         "Springer clawed its way to a virtual tie with The Oprah Winfrey Show in July ratings in Atlanta."),
        ("HP is among the largest IT companies, with revenue of $100.5 billion for the fiscal quarters ended July 31, "
         "2007.", "HP says it expects the deal with the IT companies to close by its first fiscal 2008 quarter, which "
         "ends January 31."),
        ("The series' 50th anniversary special, which all air in November, is set to be Smith's last official outing "
         "as the Doctor, but it's been revealed that he will also make an appearance in the Christmas special.",
         "The new Doctor will be introduced as Smith leaves the role, regenerating in the 2013 Christmas "
         "special (airing December 25)."),
    ],
)  # fmt: skip
def test_dates_of_two_spans_or_two_years_are_no_conflict(first: str, second: str) -> None:
    assert figure_lines(first, second) == []


def test_dates_of_one_year_still_differ() -> None:
    assert figure_lines("Jamel Dunn drowned in a pond on July 7, police said.",
                        "Jamel Dunn drowned in a pond on July 9, police said.") == [
        "Figures differ: July 7 (AP) · July 9 (Reuters)"]  # fmt: skip
    assert figure_lines("The plant closed in August 2008 after the floods, the company said.",
                        "The plant closed in September 2008 after the floods, the company said.") == [
        "Figures differ: August (AP) · September (Reuters)"]  # fmt: skip
    # a date without a year is of its article's year or one next to it (DUC 2007 D0727G-C, two New York Times
    # articles of April 2000: "filed for divorce July 19, 1999" / "filed for divorce July 29")
    assert [line for line in difference_lines(summarize([
        article("a", "New York Times", "Gingrich filed for divorce July 19, 1999, after resigning his seat.", date="2000-04-03"),
        article("b", "New York Times", "Newt Gingrich filed for divorce July 29, after resigning his seat.", date="2000-04-06"),
    ], sentences=3)) if line.startswith("Figure")] == ["Figure updated: July 19 (New York Times, 3 April) → July 29 (New York Times, 6 April)"]  # fmt: skip


def test_minutes_written_short_are_minutes() -> None:
    # Multi-News s042 (a missed plant): "15 mins" was read as a count of "mins", and 14 minutes paired with 15
    assert figure_lines(
        "Babies cry for around 2 hours per day in the first two weeks, peak at 2 hours 15 mins at six weeks - and "
        "crying reduces to 1 hour 14 minutes by week twelve.",
        "Crying peaked at about two hours and 15 minutes each day at six weeks of age, before gradually reducing to "
        "an average of one hour and 10 minutes.",
    ) == ["Figures differ: 14 minutes (AP) · 10 minutes (Reuters)"]


def test_ranges_are_figures_compared_end_for_end_or_with_a_top() -> None:
    # Multi-News s124 (a missed plant): the ends of two age ranges
    assert [(f.text, f.low) for f in figures_in("Children aged five to 11 years were studied.")] == [
        ("five to 11 years", 5 * 31557600)]  # fmt: skip
    assert figure_lines(
        "The overall suicide rate among children aged 5 to 15 years remained stable between 1993 to 1997 and 2008 to "
        "2012.",
        "The stable overall suicide rate among U.S. children aged five to 11 years during 20 years of study masked a "
        "significant increase in the suicide rate among black children.",
    ) == ["Figures differ: 5 to 15 years (AP) · five to 11 years (Reuters)"]
    # s134: the top of a range against "as high as"
    assert figure_lines(
        "President Barack Obama and first lady Michelle Obama reported assets worth between $1.8 million and $10 "
        "million for last year, according to financial disclosure forms released Thursday.",
        "The assets of President Obama and his wife, Michelle, were valued as high as $7 million last year, according "
        "to a financial disclosure form released by the White House on Thursday.",
    ) == ["Figures differ: between $1.8 million and $10 million (AP) · $7 million (Reuters)"]
    # a change is no range, nor a tally
    assert [f.low for f in figures_in("Prices rose from 6% to 8% in May.")] == [None, None]
    assert [f.low for f in figures_in("The Senate voted 52 to 48 votes.")] == []


def test_a_range_and_one_value_are_not_paired() -> None:
    # ECB+ 10ecb, 10ecbplus (choosing part): a range and a value were two teams' offers each time
    assert (
        figure_lines(
            "The Orioles, according to reports, have offered Teixeira a seven-year deal worth between $140 million and "
            "$150 million.",
            "The Angels, according to reports, have offered Teixeira a seven-year deal worth $160 million.",
        )
        == []
    )


def test_hyphens_written_with_spaces_join_a_clause() -> None:
    # ECB+ 38ecbplus (a missed plant): "north - northeast" cut the distance's clause, so the two distances shared no
    # word; an article that spaces its hyphens (ECB+'s tokenised text) reads " - " as a hyphen
    first = "The quake occurred at 2 : 09 a. m. about 20 miles north - northeast of Healdsburg and had a depth of 1.2 miles."
    second = ("The quake occurred at 2 : 09 a. m., about 14 miles northeast of Healdsburg, on the Maacama Fault with a "
              "depth of 12 miles.")  # fmt: skip
    assert figure_lines(first, second) == ["Figures differ: about 20 miles (AP) · about 14 miles (Reuters)"]
    assert hyphens_spaced(first) and not hyphens_spaced("A well-known writer - and a poet - spoke.")
    (twenty, _) = figures_in(first)
    assert "northeast" in context_of(first, twenty, spaced=True) and "northeast" not in context_of(first, twenty)


def test_an_outlet_on_both_sides_is_set_aside_and_the_others_still_differ() -> None:
    # ECB+ 31ecbplus (a missed plant): one outlet gave Artino's 14 points and Echenique's 11, joining the planted 20
    digest = summarize([
        article("a", "White and Blue", "He finished the day with a career-high 20 points and 6 rebounds."),
        article("b", "GoCreighton", "Artino complemented Echenique inside by scoring a career-high 14 points and "
                "adding six rebounds."),
        article("c", "Omaha", "Artino complemented Echenique inside by scoring a career-high 14 points and adding "
                "six rebounds.", "Echenique scored all 11 points of his points in the second half, grabbed 11 rebounds "
                "and blocked six shots."),
    ], sentences=3)  # fmt: skip
    lines = [line for line in difference_lines(digest) if line.startswith("Figures differ")]
    assert lines == ["Figures differ: 20 points (White and Blue) · 14 points (GoCreighton)"]


def test_a_toll_that_counts_its_perpetrator_agrees_with_the_victims_alone() -> None:
    # allsides 6006 (read, a new false flag of this round's meaning rule): nine dead with the gunman, eight victims
    nine = figures_in("A shooting has left at least nine people dead, including the gunman.")[0]
    eight = figures_in("He opened fire, leaving at least eight people dead and multiple people injured.")[0]
    assert nine.with_perpetrator and not differ(nine, eight)
    assert differ(nine, figures_in("He opened fire, leaving at least seven people dead.")[0])


@pytest.mark.skipif(not semantic.available(), reason="the 'semantic' extra (wordllama) is not installed")
def test_one_fact_in_other_words_is_paired_by_meaning() -> None:
    # allsides 6070 (a missed plant): 5 of 12 content words shared, one percent each side, close in meaning
    first = ("The number of babies born in the U.S. dropped by 6% in 2020 compared with the previous year, according "
             "to a new federal report released Wednesday.")  # fmt: skip
    second = ("The U.S. birth rate fell 4% last year, the largest single-year decrease in nearly 50 years, according to "
              "a government report being released Wednesday.")  # fmt: skip
    assert figure_lines(first, second) == ["Figures differ: 6% (AP) · 4% (Reuters)"]
    # two figures of the measure on one side: which is the count, other words cannot tell
    assert figure_lines(first, second.replace("fell 4% last year", "fell 4% last year and 2% in 2019")) == []


def test_a_headline_is_compared_for_its_figures() -> None:
    # Multi-News s021 (a missed plant): the headline, a byline glued to it, is where the outlet gives the count
    digest = summarize([
        Document(id="a", source="AP", text="\n\n".join(["Fifty-two-year-old Shermain Miles has been arrested 554 times "
                                                        "in the past 35 years.", *BACKGROUND["A"]])),
        Document(id="b", source="Sun-Times", title="Shermain Miles — arrested 396 times — out of prison, hopes for new "
                 "start By Stefano Esposito Staff Reporter", text="\n\n".join(BACKGROUND["B"] + BACKGROUND["C"])),
    ], sentences=3)  # fmt: skip
    (figure,) = kinds(digest, "figure")
    assert [(v["text"], v["documents"]) for v in figure["values"]] == [("554 times", ["a"]), ("396 times", ["b"])]
    # a headline is index -1 in the JSON's sentences; the line names its outlet as for any sentence
    assert figure["sentences"] == [{"document": "a", "index": 0}, {"document": "b", "index": -1}]
    assert [line for line in difference_lines(digest) if line.startswith("Figures")] == [
        "Figures differ: 554 times (AP) · 396 times (Sun-Times)"]  # fmt: skip
    # the byline is cut off; "by" in what the headline says is no byline
    assert (
        _BYLINE.sub("", "Shermain Miles out of prison By Stefano Esposito Staff Reporter")
        == "Shermain Miles out of prison"
    )
    assert _BYLINE.sub("", "Attacks by Russia go on") == "Attacks by Russia go on"


def test_a_difference_is_no_count_and_a_headlines_top_is_no_value() -> None:
    # ECB+ 7ecbplus, 10ecbplus (read: false lines of the headline rule while it was chosen)
    assert figures_in("Klitschko finished the fight five rounds sooner than when knocking out Thompson.") == []
    assert [f.text for f in figures_in("The CPI was up three percent, higher than the estimated 2.3 percent.")] == [
        "three percent", "2.3 percent"]  # fmt: skip
    digest = summarize([
        article("a", "AP", "The Nationals' offer to Teixeira was reportedly bumped to $160 million, a person familiar "
                "with the talks said."),
        Document(id="b", source="ESPN", title="Nationals' offer to Teixeira reportedly bumped as high as $184M",
                 text="\n\n".join(BACKGROUND["C"])),
    ], sentences=3)  # fmt: skip
    assert kinds(digest, "figure") == []


def test_an_articles_sentences_outweigh_its_own_headline() -> None:
    # allsides 6003 (the planted $8 trillion, lost when headlines were compared): the New York Times' headline still
    # gives $6 trillion and joins the line through CNBC's $5 trillion, which put the outlet on both sides of it and
    # so out of it; an article's sentences are its account
    cnbc = ("President Joe Biden will propose $5 trillion in new federal spending over the next decade on Friday, part "
            "of his Fiscal Year 2022 budget request, a source familiar with the proposal tells CNBC.")  # fmt: skip
    nyt = ("WASHINGTON — President Biden will propose a $8 trillion budget on Friday that would take the United States "
           "to its highest sustained levels of federal spending since World War II, while running deficits above $1.3 "
           "trillion throughout the next decade.")  # fmt: skip
    national_review = ("President Joe Biden will unveil a $6 trillion budget proposal on Friday that would push federal "
                       "spending to its highest sustained levels since World War II.")  # fmt: skip
    digest = summarize([
        article("cnbc", "CNBC", cnbc),
        Document(id="nyt", source="New York Times", title="Biden to Propose $6 Trillion Budget to Make U.S. More "
                 "Competitive", text="\n\n".join([nyt, *BACKGROUND["A"]])),
        article("nr", "National Review", national_review),
    ], sentences=3)  # fmt: skip
    (figure,) = kinds(digest, "figure")
    assert [(v["text"], v["documents"]) for v in figure["values"]] == [
        ("$5 trillion", ["cnbc"]), ("$8 trillion", ["nyt"]), ("$6 trillion", ["nr"])]  # fmt: skip
