"""A day that arrives in pieces (summarizer.stories.incremental): runs of one day with the archive go on from the
day's earlier run, give the same stories for the same pieces, keep a story's id, show an unchanged story's
digest again, leave the archive as it was when they fail, and `--rebuild` gives the batch's stories."""

from __future__ import annotations

import importlib
import json
import sqlite3
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import ClassVar

import pytest

from summarizer.archive import Archive
from summarizer.core.result import Digest
from summarizer.documents import Document
from summarizer.stories import memory
from summarizer.stories.incremental import decode_prepared, encode_prepared
from summarizer.stories.memory import remembered_daily

from ..conftest import UNRELATED, run_cli

DAY = "2025-04-20"
FOOTBALL_AGAIN = Document(
    id="football-2",
    text=(
        "Bukayo Saka scored twice as Arsenal beat Chelsea 3-1 at the Emirates Stadium on Saturday. Martin Odegaard "
        "added a third goal after the break, and Arsenal moved up to second place in the Premier League table. "
        "Chelsea's manager admitted his side had been second best."
    ),
    source="Football Daily",
)


def pieces_of(seed_documents: list[Document]) -> list[list[Document]]:
    """Two pieces of one day: the first brings two seed articles and a football report, the second the rest."""
    return [[*seed_documents[:2], UNRELATED], [*seed_documents[2:], FOOTBALL_AGAIN]]


def run_pieces(path: Path, pieces: list[list[Document]]) -> list:
    with Archive(path) as archive:
        return [remembered_daily(archive, piece, day=DAY) for piece in pieces]


def table_rows(path: Path) -> dict[str, list]:
    with sqlite3.connect(path) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        return {table: db.execute(f"SELECT * FROM {table} ORDER BY rowid").fetchall() for table in tables}


def test_the_same_pieces_give_the_same_stories_and_a_continued_story_keeps_its_id(
    tmp_path: Path, seed_documents
) -> None:
    pieces = pieces_of(seed_documents)
    first = run_pieces(tmp_path / "one.db", pieces)
    again = run_pieces(tmp_path / "two.db", pieces)
    assert [json.dumps(r.to_dict()) for r in first] == [json.dumps(r.to_dict()) for r in again]
    before, after = first
    seeds = {d.id for d in seed_documents}
    (story,) = [s for s in before.stories if set(s.documents) <= seeds]
    (continued,) = [s for s in after.stories if set(s.documents) & seeds]
    assert continued.story_id == story.story_id and set(continued.documents) == seeds
    football = [s for s in after.stories if "football" in s.documents]
    assert [set(s.documents) for s in football] == [{"football", "football-2"}]
    with Archive(tmp_path / "one.db") as archive:  # the second run cleaned and split only its own articles
        runs = archive.db.execute("SELECT COUNT(DISTINCT preparation) FROM articles").fetchone()[0]
        assert runs == 1 and archive.db.execute("SELECT COUNT(*) FROM articles WHERE prepared IS NULL").fetchone() == (
            0,
        )


def test_an_unchanged_story_shows_the_digest_it_had_read_back_from_the_archive(tmp_path: Path, seed_documents) -> None:
    path = tmp_path / "news.db"
    first, second = run_pieces(path, [seed_documents, [UNRELATED]])
    (seeds_before,) = first.stories
    seeds_after = next(s for s in second.stories if s.story_id == seeds_before.story_id)
    assert second.state is not None and seeds_after.documents in second.state.reused
    assert json.dumps(seeds_after.to_dict()) == json.dumps(seeds_before.to_dict())
    written = seeds_before.digest
    read_back = Digest.from_dict(json.loads(json.dumps(written.to_dict())), written.options)
    assert read_back.to_dict() == written.to_dict()
    assert replace(read_back, stats=written.stats) == written
    with Archive(path) as archive:  # one digest of the seeds' story: the second run wrote none for it
        assert archive.db.execute("SELECT COUNT(*) FROM digests WHERE story_id = ?",
                                  (seeds_before.story_id,)).fetchone() == (1,)  # fmt: skip


def test_a_kept_article_reads_back_as_it_was_prepared(seed_documents) -> None:
    from summarizer.core.pipeline import prepare

    prepared = prepare(seed_documents[:1], language="english", jobs=1, slim=True)
    cleaned, units = decode_prepared(encode_prepared(prepared.cleaned[0], prepared.units), seed_documents[0])
    assert cleaned == prepared.cleaned[0] and units.count == len(prepared.units)
    assert units.load() == tuple(replace(u, doc_order=0) for u in prepared.units)


def test_a_crash_in_the_middle_of_a_run_leaves_the_archive_and_its_cache_as_they_were(
    tmp_path: Path, seed_documents, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "news.db"
    first_piece, second_piece = pieces_of(seed_documents)
    run_pieces(path, [first_piece])
    before = table_rows(path)

    def crash(*args, **kwargs):  # the articles, their kept forms and groups are written by now: all undone
        raise RuntimeError("the machine went down")

    monkeypatch.setattr(memory, "save_story", crash)
    with pytest.raises(RuntimeError, match="went down"):
        run_pieces(path, [second_piece])
    assert table_rows(path) == before
    with Archive(path) as archive:
        assert archive.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    monkeypatch.undo()
    run_pieces(path, [second_piece])  # the run again, as if the crash had not been
    assert table_rows(path)["articles"] == table_rows_of_pieces(tmp_path, seed_documents)


def table_rows_of_pieces(tmp_path: Path, seed_documents) -> list:
    path = tmp_path / "straight.db"
    run_pieces(path, pieces_of(seed_documents))
    return table_rows(path)["articles"]


def test_cli_rebuild_gives_the_stories_of_one_batch_run(tmp_path: Path, seed_documents) -> None:
    pieces = tmp_path / "pieces.db"
    run_pieces(pieces, pieces_of(seed_documents))
    (batch,) = run_pieces(tmp_path / "batch.db", [[d for piece in pieces_of(seed_documents) for d in piece]])
    result = run_cli("daily", "--archive", str(pieces), "--date", DAY, "--format", "json", "--quiet", "--jobs", "1",
                     "--rebuild")  # fmt: skip
    assert result.returncode == 0, result.stderr.decode()
    rebuilt = json.loads(result.stdout)
    assert [s["documents"] for s in rebuilt["stories"]] == [list(s.documents) for s in batch.stories]
    assert [s["sentences"] for s in rebuilt["stories"]] == [s.to_dict()["sentences"] for s in batch.stories]
    refused = run_cli("daily", str(tmp_path / "none.txt"), "--rebuild")
    assert refused.returncode == 2 and "--rebuild" in refused.stderr.decode()


@pytest.mark.parametrize("candidate_from", [None, 2])  # 2: the pruned candidate search of a large day, as the batch's
def test_the_day_grouped_again_on_kept_edges_gives_the_batchs_stories_and_its_edges(
    seed_documents, candidate_from: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.stories import grouping, incremental
    from summarizer.stories.grouping import grouping_of
    from summarizer.stories.incremental import earlier_run_vectors, grouping_on_kept_edges, neighbour_rows
    from summarizer.stories.options import GroupingOptions
    from summarizer.stories.preparation import prepare_day

    if candidate_from is not None:
        monkeypatch.setattr(grouping, "CANDIDATE_FROM", candidate_from)
        monkeypatch.setattr(incremental, "CANDIDATE_FROM", candidate_from)
    terms = [t for _, _, t in prepare_day([*seed_documents, UNRELATED, FOOTBALL_AGAIN], language="english", jobs=1)]
    options = GroupingOptions()
    batch = grouping_of(terms, options)
    assert [len(g) for g in batch.groups] == [len(seed_documents), 2]  # the seeds, the two football reports
    kept = neighbour_rows(batch.graph)
    for new in ([len(terms) - 1], [0, len(terms) - 1], list(range(len(terms)))):  # the last article new, and more
        rows = [None if i in new else row for i, row in enumerate(kept)]
        vectors, learn = earlier_run_vectors(terms, options)
        again = grouping_on_kept_edges(vectors, rows, options, learn=learn)
        assert again.groups == batch.groups
        assert (again.graph != batch.graph).nnz == 0  # the same edges: the searched ones as the batch found them


def test_a_story_split_keeps_its_id_on_the_part_with_most_of_its_articles() -> None:
    from summarizer.stories.memory import _kept_story_ids

    class Stories:  # what an earlier run of the day left: article row -> its story
        story_of: ClassVar = {1: "old", 2: "old", 3: "old", 4: "other"}

        def story_of_articles(self, rows):  # as the archive answers: most articles, then the lowest id
            found = Counter(self.story_of[row] for row in rows if row in self.story_of)
            return min(found.items(), key=lambda item: (-item[1], item[0])) if found else None

    class Story:
        def __init__(self, documents, story_id=None):
            self.documents, self.story_id = documents, story_id

    class Result:  # the smaller part of "old" ranked first; a new story; "other" continued by an earlier day's id
        stories: ClassVar = [
            Story(("a1",)),
            Story(("a2", "a3", "a5")),
            Story(("a6",)),
            Story(("a4",), story_id="earlier"),
        ]

    rows = {"a1": 1, "a2": 2, "a3": 3, "a4": 4, "a5": 5, "a6": 6}
    assert _kept_story_ids(Stories(), Result(), rows) == [None, "old", None, "earlier"]


def test_few_stories_to_summarise_are_summarised_here_with_the_same_digests(
    seed_documents, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    from summarizer import parallel
    from summarizer.stories import preparation, story_jobs

    daily_module = importlib.import_module("summarizer.stories.daily")  # the package's `daily` is the function
    day = [*seed_documents, UNRELATED, FOOTBALL_AGAIN]
    asked: list[int | None] = []
    real_results = parallel.parallel_results

    def watched(function, items, **options):
        if function is story_jobs.summarize_story:
            asked.append(options.get("jobs"))
        return real_results(function, items, **options)

    monkeypatch.setattr(story_jobs, "parallel_results", watched)
    here = daily_module.daily(day, jobs=2)  # a few hundred units: no worker would pay its start
    monkeypatch.setattr(preparation, "DIGEST_WORKERS_FROM_UNITS", 0)
    in_workers = daily_module.daily(day, jobs=2)
    assert asked == [1, 2]
    assert json.dumps(here.to_dict()) == json.dumps(in_workers.to_dict())


def test_a_digest_shown_again_is_the_one_summarising_its_story_again_gives(
    tmp_path: Path, seed_documents, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.stories.incremental import DayPieces

    _, reused = run_pieces(tmp_path / "reused.db", [seed_documents, [UNRELATED]])
    monkeypatch.setattr(DayPieces, "digest_of", lambda *args, **kwargs: None)  # every story summarised again
    _, remade = run_pieces(tmp_path / "remade.db", [seed_documents, [UNRELATED]])
    assert reused.state is not None and remade.state is not None
    assert reused.state.reused and not remade.state.reused
    assert json.dumps(reused.to_dict()) == json.dumps(remade.to_dict())


def test_a_story_summarised_again_reads_its_articles_kept_analyses_and_says_the_same(
    tmp_path: Path, seed_documents, monkeypatch: pytest.MonkeyPatch
) -> None:
    from summarizer.differences import figures

    made: list[str] = []
    real = figures._figures_in

    def counted(text: str) -> list:
        made.append(text)
        return real(text)

    monkeypatch.setattr(figures, "_figures_in", counted)
    first_piece, second_piece = [seed_documents[:3]], [seed_documents[3:]]
    kept, cleared = tmp_path / "kept.db", tmp_path / "cleared.db"
    run_pieces(kept, first_piece)
    run_pieces(cleared, first_piece)
    with Archive(kept) as archive:  # the first run's story kept each of its articles' analyses
        assert archive.db.execute("SELECT COUNT(analyses) FROM articles").fetchone() == (3,)
    with sqlite3.connect(cleared) as db:
        db.execute("UPDATE articles SET analyses = NULL")
    made.clear()
    (with_kept,) = run_pieces(kept, second_piece)
    made_with_kept = list(made)
    made.clear()
    (without,) = run_pieces(cleared, second_piece)
    assert json.dumps(with_kept.to_dict()) == json.dumps(without.to_dict())  # the story summarised again, the same
    assert len(with_kept.stories) == 1 and len(with_kept.stories[0].documents) == 5
    from summarizer.core.pipeline import prepare

    first_texts = {u.text for u in prepare(seed_documents[:3], language="english").units}
    assert set(made) & first_texts and not set(made_with_kept) & first_texts  # the first articles' were read back
    with Archive(kept) as archive:
        assert archive.db.execute("SELECT COUNT(analyses) FROM articles").fetchone() == (5,)


def test_kept_edges_that_do_not_read_as_edges_are_never_trusted() -> None:
    ids = {1: "a", 2: "b"}
    assert memory._kept_edges("[[2, 0.5], [9, 0.25], [1, 1]]", ids) == (("b", 0.5), ("a", 1.0))  # 9: another day's
    for damaged in (None, "", "not json", "{}", "[[2, 0.5], [1]]", '[[2, "0.5"]]', '[["2", 0.5]]', "[[2, 0.5], 3]"):
        assert memory._kept_edges(damaged, ids) is None


def test_a_kept_digest_that_does_not_read_back_is_made_again(tmp_path: Path, seed_documents) -> None:
    path = tmp_path / "news.db"
    (first,) = run_pieces(path, [seed_documents])
    for damaged in ("not json", "[1, 2]"):
        with sqlite3.connect(path) as db:
            db.execute("UPDATE digests SET digest = ?", (damaged,))
        (again,) = run_pieces(path, [[UNRELATED]]) if damaged == "not json" else run_pieces(path, [[FOOTBALL_AGAIN]])
        seeds = next(s for s in again.stories if s.story_id == first.stories[0].story_id)
        assert again.state is not None and seeds.documents not in again.state.reused  # summarised again
        assert json.dumps(seeds.digest.to_dict()) == json.dumps(first.stories[0].digest.to_dict())


def test_stored_terms_that_do_not_read_as_terms_are_made_again(tmp_path: Path, seed_documents) -> None:
    path = tmp_path / "news.db"
    (first,) = run_pieces(path, [seed_documents])
    with sqlite3.connect(path) as db:
        db.execute("UPDATE articles SET terms = ? WHERE doc_id = ?", ('{"title": []}', seed_documents[0].id))
    with Archive(path) as archive:
        terms = {a.document.id: a.terms for a in archive.articles_of_day(DAY, read_terms=memory.ArticleTerms.from_dict)}
    assert terms[seed_documents[0].id] is None and all(t is not None for t in list(terms.values())[1:])
    (again,) = run_pieces(path, [[UNRELATED]])
    assert again.state is not None and seed_documents[0].id in again.state.prepared  # made again, and kept
    seeds = next(s for s in again.stories if s.story_id == first.stories[0].story_id)
    assert json.dumps(seeds.digest.to_dict()) == json.dumps(first.stories[0].digest.to_dict())
    with sqlite3.connect(path) as db:
        (stored,) = db.execute("SELECT terms FROM articles WHERE doc_id = ?", (seed_documents[0].id,)).fetchone()
    assert json.loads(stored)["body"]  # its terms written again


def test_a_day_in_pieces_holds_no_text_once_prepared_and_its_jobs_read_it_back(
    tmp_path: Path, seed_documents, monkeypatch
) -> None:
    daily_module = importlib.import_module("summarizer.stories.daily")  # the module, not the function

    held: list[list[str]] = []
    made_jobs = daily_module._story_jobs

    def story_jobs(ranked, day, continues, options):  # type: ignore[no-untyped-def]
        held.append([d.text for d in day.documents])
        return made_jobs(ranked, day, continues, options)

    monkeypatch.setattr(daily_module, "_story_jobs", story_jobs)
    read_back = run_pieces(tmp_path / "read.db", pieces_of(seed_documents))
    assert held and all(text == "" for texts in held for text in texts)

    day_pieces = memory._day_pieces

    def holding_the_text(*args, **kwargs):  # type: ignore[no-untyped-def]
        pieces = day_pieces(*args, **kwargs)
        pieces.stored_of = None  # as before: every article's text held through the run, no analyses kept
        return pieces

    monkeypatch.setattr(memory, "_day_pieces", holding_the_text)
    held.clear()
    holding = run_pieces(tmp_path / "held.db", pieces_of(seed_documents))
    assert any(text for texts in held for text in texts)
    for with_text, without in zip(holding, read_back):
        assert [json.dumps(s.digest.to_dict()) for s in with_text.stories] == [
            json.dumps(s.digest.to_dict()) for s in without.stories
        ]
