"""Daily digest: grouping, duplicates, ranking, headlines, outputs."""

import json
from pathlib import Path

import pytest

from summarizer import Document, load_paths
from summarizer.delivery.render.daily import render as render_daily
from summarizer.stories import daily, trim_headline

OTHER_STORY = [
    Document(
        id="bridge-a",
        source="City Paper",
        date="2025-04-21",
        title="Harbor bridge reopens",
        text="The harbor bridge reopened on Monday after two years of repairs. The mayor cut the ribbon at "
        "dawn. Traffic engineers expect ten thousand cars a day to cross the bridge.",
    ),
    Document(
        id="bridge-b",
        source="Metro News",
        date="2025-04-21",
        text="After two years of repair work, the harbor bridge is open again. Mayor Lee cut a ribbon on "
        "Monday morning. About ten thousand cars a day will use the harbor bridge, engineers said.",
    ),
]
LONE = Document(
    id="recipe",
    source="Food Blog",
    date="2025-04-20",
    text="Knead the dough for ten minutes until it is smooth. Let it rise for an hour in a warm place. "
    "Bake the loaf at two hundred degrees for forty minutes.",
)


@pytest.fixture(scope="module")
def pile(seeds_dir):
    seeds = load_paths([str(seeds_dir)]).documents
    return [*seeds, *OTHER_STORY, LONE]


def test_articles_about_one_event_form_one_story(pile):
    result = daily(pile, jobs=1)
    groups = [set(story.documents) for story in result.stories]
    assert {d.id for d in pile[:5]} in groups
    assert {"bridge-a", "bridge-b"} in groups
    assert {"recipe"} in groups
    # Ranked by distinct outlets: the five-outlet story first, the lone recipe last.
    assert result.stories[0].documents == tuple(d.id for d in pile[:5])
    assert result.stories[-1].documents == ("recipe",)


def test_singletons_can_be_dropped_and_stories_capped(pile):
    result = daily(pile, keep_singletons=False, jobs=1)
    assert all(len(s.documents) > 1 for s in result.stories) and result.dropped_singletons == 1
    assert len(daily(pile, stories=1, jobs=1).stories) == 1


def test_syndicated_copies_count_once(pile):
    copy = Document(id="copy", source="Another Outlet", text=pile[0].text)
    result = daily([*pile, copy], jobs=1)
    story = next(s for s in result.stories if "copy" in s.documents)
    assert story.duplicates == {"copy": pile[0].id}
    assert "Another Outlet" not in story.sources


def test_a_later_version_adds_to_the_story_digest_but_confirms_nothing(pile):
    lead = "Kremlin officials said late on Monday that Putin would meet Zelenskyy in Istanbul on Thursday."
    later = Document(id="later", source=pile[0].source, text=lead + "\n\n" + pile[0].text)
    result = daily([*pile, later], sentences_per_story=12, jobs=1)
    story = next(s for s in result.stories if "later" in s.documents)
    assert story.duplicates == {"later": pile[0].id}
    assert lead in [s.text for s in story.digest.sentences]
    assert all("later" not in s.also_reported_by for s in story.digest.sentences)


def test_date_filter_keeps_undated_articles(pile):
    result = daily(pile, date="2025-04-21", jobs=1)
    ids = {d for s in result.stories for d in s.documents}
    assert "recipe" not in ids and "bridge-a" in ids and pile[0].id in ids
    assert result.skipped_by_date == 1


def test_budget_per_story_and_headlines(pile):
    result = daily(pile, words_per_story=40, jobs=1)
    for story in result.stories:
        assert story.digest.word_count <= 40
        assert story.headline and len(story.headline.split()) <= 15
    titled = next(s for s in result.stories if "bridge-a" in s.documents)
    assert titled.headline == "Harbor bridge reopens"


def test_results_do_not_depend_on_jobs(pile, monkeypatch):
    from summarizer.stories import preparation

    monkeypatch.setattr(preparation, "DIGEST_WORKERS_FROM_UNITS", 0)  # the story digests in workers, small as they are
    one = json.dumps(daily(pile, jobs=1).to_dict(), sort_keys=True)
    two = json.dumps(daily(pile, jobs=2).to_dict(), sort_keys=True)
    assert one == two


def test_units_spilled_to_disk_give_the_same_digest_and_are_removed(pile, tmp_path, monkeypatch):
    import importlib
    import tempfile

    daily_module = importlib.import_module("summarizer.stories.daily")  # the package's `daily` is the function

    in_memory = json.dumps(daily(pile, jobs=1).to_dict(), sort_keys=True)
    monkeypatch.setattr(daily_module, "SPILL_MIN_CHARACTERS", 0)  # spill even this small day
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    spilled_files: list[Path] = []
    spilled_units = importlib.import_module("summarizer.stories.preparation").SpilledUnits
    load = spilled_units.load

    def load_and_note(self):
        spilled_files.append(Path(self.path))
        return load(self)

    monkeypatch.setattr(spilled_units, "load", load_and_note)
    progress: dict[str, list[int]] = {}

    def stages(name, total):
        progress[name] = [total, 0]

        def advance(count):
            progress[name][1] += count

        return advance

    for jobs in (1, 2):
        assert json.dumps(daily(pile, jobs=jobs, stages=stages).to_dict(), sort_keys=True) == in_memory
        assert progress["cleaning and splitting articles"] == [len(pile), len(pile)]
    assert spilled_files and all(path.parent.parent == tmp_path for path in spilled_files)
    assert not list(tmp_path.iterdir())  # the spill directory is gone once the digest is made


def test_json_contract_and_formats(pile):
    result = daily(pile, jobs=1)
    data = json.loads(render_daily(result, "json"))
    story = data["stories"][0]
    assert {"headline", "sentences", "documents", "sources"} <= set(story)
    assert {"text", "document", "index", "score", "also_reported_by"} <= set(story["sentences"][0])
    page = render_daily(result, "html")
    assert page.startswith("<!DOCTYPE html>") and "<script" not in page and "http" not in page.split("<body>")[0]
    assert "# Daily digest" in render_daily(result, "markdown")
    assert result.stories[0].headline in render_daily(result, "text")


def test_trim_headline():
    assert (
        trim_headline("Putin proposed direct talks with Ukraine, the Kremlin said on Monday.")
        == "Putin proposed direct talks with Ukraine"
    )
    long = " ".join(["word"] * 30) + "."
    assert len(trim_headline(long).split()) <= 14


def test_daily_command(tmp_path, seeds_dir):
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[1]
    records = [
        {"id": d.id, "text": d.text, "source": d.source, "date": d.date, "title": d.title} for d in [*OTHER_STORY, LONE]
    ]
    export = tmp_path / "day.jsonl"
    export.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    out = tmp_path / "page.html"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "summarizer.cli",
            "daily",
            str(seeds_dir),
            str(export),
            "--format",
            "html",
            "--output",
            str(out),
            "--jobs",
            "1",
        ],
        capture_output=True,
        cwd=root,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "Harbor bridge reopens" in out.read_text()
    result = subprocess.run(
        [sys.executable, "-m", "summarizer.cli", "daily", str(export), "--date", "2030-01-01", "--drop-singletons"],
        capture_output=True,
        cwd=root,
        timeout=120,
    )
    assert result.returncode == 1 and b"no story left" in result.stderr
    result = subprocess.run(
        [sys.executable, "-m", "summarizer.cli", "daily", str(export), "--date", "yesterday"],
        capture_output=True,
        cwd=root,
        timeout=120,
    )
    assert result.returncode == 2 and b"YYYY-MM-DD" in result.stderr


def test_the_html_page_is_safe_with_hostile_input():
    hostile = '<script>alert("x")</script> "quoted" <b onmouseover=alert(1)>bold</b> & more'
    documents = [
        Document(id=f"h{i}<i>", title=hostile, source=f"Outlet {hostile}", url=url, date="2025-04-21",
                 text=f"The harbor bridge reopened on Monday {hostile} after repairs. The mayor cut the ribbon.")
        for i, url in enumerate(["javascript:alert(1)", "https://example.org/a?b=1&c=2", "data:text/html,x"])
    ]  # fmt: skip
    page = render_daily(daily(documents, jobs=1), "html")
    assert "<script" not in page and "onmouseover=" not in page.replace("onmouseover=alert", "")
    assert "<b " not in page and "javascript:" not in page and 'href="data:' not in page
    assert 'href="https://example.org/a?b=1&amp;c=2"' in page
    assert page.count("<a ") == 1


def test_articles_without_text_are_summarised_in_one_note():
    documents = [*OTHER_STORY, *(Document(id=f"empty{i}", text="Advertisement\n\nComments (0)") for i in range(7))]
    result = daily(documents, jobs=1)
    assert result.notes == ("7 articles had no text after cleaning: empty0, empty1, empty2, empty3, empty4 and 2 more",)
    assert len(result.left_out) == 7 and "empty6" in render_daily(result, "text", explain=True)


def test_one_line_articles_are_stories_too():
    documents = [Document(id="one", text="Tara Reid checks into rehab"), *OTHER_STORY]
    result = daily(documents, jobs=1)
    assert ("one",) in [s.documents for s in result.stories] and not result.left_out


def test_learned_vectors_below_learn_from_group_by_words_and_say_so(seed_documents):
    from summarizer.stories.options import GroupingOptions

    few = daily(seed_documents, grouping=GroupingOptions(learned=0.8))
    assert few.stats["learned_from"] == 0
    assert "grouped by words only: learned vectors need 1000 articles to learn from (--learn-from); the day had 5" in (
        few.notes
    )
    assert few.to_dict()["stories"] == daily(seed_documents).to_dict()["stories"]  # exactly the words' grouping
    enough = daily(seed_documents, grouping=GroupingOptions(learned=0.8, learn_from=5))
    assert enough.stats["learned_from"] == 5 and not any("words only" in n for n in enough.notes)


def test_a_killed_runs_spill_folder_is_removed_by_the_next_large_run_and_nothing_else(tmp_path, monkeypatch):
    # A run killed outright (SIGKILL, out of memory) cannot remove its folder of sentence units: the next run that
    # spills removes it once its lock is free, never a live run's folder, a recent one, nor anything not ours.
    import os
    import subprocess
    import sys
    import time

    from summarizer.stories import preparation

    holder = (
        "import sys, time\nfrom summarizer.stories.preparation import spill_folder\n"
        "with spill_folder(sys.argv[1]) as folder:\n    print(folder, flush=True)\n    time.sleep(60)\n"
    )
    killed = subprocess.Popen([sys.executable, "-c", holder, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    live = subprocess.Popen([sys.executable, "-c", holder, str(tmp_path)], stdout=subprocess.PIPE, text=True)
    try:
        killed_folder, live_folder = Path(killed.stdout.readline().strip()), Path(live.stdout.readline().strip())
        killed.kill()
        killed.wait()
        assert killed_folder.is_dir()  # what a killed run leaves
        (killed_folder / "units-000000000.pickle").write_bytes(b"x" * 1000)
        others = [tmp_path / "summarizer-units-not-ours", tmp_path / "keep.txt"]  # no lock file; not a folder of ours
        others[0].mkdir()
        others[1].write_text("a user's file")
        recent = tmp_path / "summarizer-units-just-made"  # ours, its lock not yet taken: a run starting
        recent.mkdir()
        (recent / preparation.SPILL_LOCK).write_text("")
        others.append(recent)
        old = time.time() - 2 * preparation.ABANDONED_AFTER
        for path in (killed_folder, live_folder, others[0]):
            os.utime(path, (old, old))
        with preparation.spill_folder(str(tmp_path)) as mine:
            assert not killed_folder.exists()
            assert live_folder.is_dir() and all(path.exists() for path in others)
            assert Path(mine).is_dir()
        os.utime(live_folder, (old, old))
        assert preparation.remove_abandoned_spills(str(tmp_path)) == []  # the live run's lock is held
    finally:
        live.kill()
        live.wait()
    assert preparation.remove_abandoned_spills(str(tmp_path)) == [str(live_folder)]  # killed too: its lock is free
    assert all(path.exists() for path in others)


def test_a_large_day_holds_no_text_once_prepared_and_its_jobs_read_it_back(pile, tmp_path, monkeypatch):
    import importlib
    import tempfile

    daily_module = importlib.import_module("summarizer.stories.daily")  # the package's `daily` is the function
    in_memory = json.dumps(daily(pile, jobs=1).to_dict(), sort_keys=True)
    monkeypatch.setattr(daily_module, "SPILL_MIN_CHARACTERS", 0)  # a large day, as far as the run can tell
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    held: list[str] = []
    made_jobs = daily_module._story_jobs

    def story_jobs(ranked, day, continues, options):
        held.extend(d.text for d in day.documents)
        return made_jobs(ranked, day, continues, options)

    monkeypatch.setattr(daily_module, "_story_jobs", story_jobs)
    for jobs in (1, 2):
        assert json.dumps(daily(pile, jobs=jobs).to_dict(), sort_keys=True) == in_memory
    assert held and not any(held)  # the text was on disk, not in the run, from the preparation to the jobs
