import json
import os

import pytest

from summarizer import OptionsError, summarize
from summarizer.delivery.output import write_atomic
from summarizer.delivery.render.digest import FORMATS, render


@pytest.fixture(scope="module")
def digest():
    texts = [
        "The council approved the budget on Tuesday after a long debate. Taxes will not rise this year.",
        "On Tuesday the council approved the budget, ending weeks of debate. Parks get more money.",
    ]
    return summarize(texts, sentences=3)


def test_json_contract(digest):
    data = json.loads(render(digest, "json"))
    assert set(data) >= {"schema", "summarizer", "settings", "sentences", "words", "documents", "notes", "stats"}
    for sentence, original in zip(data["sentences"], digest.sentences):
        assert set(sentence) >= {"text", "document", "index", "score", "also_reported_by", "truncated", "kind"}
        assert sentence["text"] == original.text and sentence["kind"] == "extracted"
        assert sentence["also_reported_by"] == list(original.also_reported_by)
    assert data["settings"]["sentences"] == 3 and data["settings"]["similarity"] == "cosine"
    assert data["documents"][0]["id"] == "doc1"
    assert data["words"] == sum(len(s["text"].split()) for s in data["sentences"])
    assert "seconds" not in data["stats"]  # output must be byte-identical between runs


def test_text_has_markers_and_a_source_list(digest):
    text = render(digest, "text")
    assert "[1; also 2]" in text or "[2; also 1]" in text
    assert "Sources" in text and "[2] doc2" in text


def test_text_without_sources_is_one_sentence_per_line(digest):
    lines = render(digest, "text", sources=False).splitlines()
    assert lines == [s.text for s in digest.sentences]


def test_markdown(digest):
    markdown = render(digest, "markdown", explain=True)
    assert markdown.startswith("# Digest of 2 articles")
    assert "## Sources" in markdown and "## What cleaning removed" in markdown


def test_write_atomic_replaces_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    write_atomic(target, "new content")
    assert target.read_text() == "new content"
    assert os.listdir(tmp_path) == ["out.json"]


def test_unknown_format(digest):
    assert FORMATS == ("text", "markdown", "json")
    with pytest.raises(OptionsError, match="yaml"):
        render(digest, "yaml")


def test_progress_reports_each_stage_with_its_total(seed_documents):
    seen = []

    def stages(description, total):
        seen.append([description, total, 0])
        return lambda n: seen[-1].__setitem__(2, seen[-1][2] + n)

    summarize(seed_documents, sentences=2, stages=stages)
    assert seen[0] == ["cleaning and splitting articles", 5, 5]
    # three steps: the sentence graph, PageRank, the selection (a large input no longer sits at 0/1 for a minute)
    assert seen[-1][0] == "ranking and choosing sentences" and seen[-1][1] == seen[-1][2] == 3


def test_the_signature_stays_whole_on_one_line_in_a_narrow_terminal():
    from rich.console import Console

    from summarizer.delivery.render import rouge
    from summarizer.evaluation import Item, RougeSettings, evaluate_corpus

    result = evaluate_corpus([Item("a", "The cat sat.", ["A cat sat down."])], RougeSettings(resamples=0))
    console = Console(record=True, width=40)
    console.print(rouge.rich_view(result), crop=False)
    assert f"signature: {result.signature}" in console.export_text().splitlines()
    for fmt in ("table", "markdown", "csv", "json"):
        lines = [line for line in rouge.render(result, fmt).splitlines() if "mode:rouge155" in line]
        assert lines and all(result.signature in line for line in lines)


def test_markdown_links_only_http_sources(seed_documents):
    from dataclasses import replace

    documents = [replace(d, url=url) for d, url in zip(seed_documents, [
        "javascript:alert(document.cookie)", "data:text/html,<script>x</script>", "https://example.org/a (b)",
        "file:///etc/passwd", "http://example.org/e"])]  # fmt: skip
    text = render(summarize(documents, sentences=3), "markdown")
    assert "javascript:" not in text and "data:text" not in text and "file:" not in text
    assert "(https://example.org/a%20%28b%29)" in text and "(http://example.org/e)" in text


def test_a_large_input_lists_the_cited_sources_and_counts_the_rest(seed_documents):
    import random
    from dataclasses import replace

    from wordfreq import top_n_list

    words = top_n_list("en", 4000)[2000:]  # forty notes that share no fact with the seeds or with each other
    filler = [replace(seed_documents[0], id=f"extra-{n}", source=None, title=None,
                      text=" ".join(random.Random(n).sample(words, 14)).capitalize() + ".") for n in range(40)]  # fmt: skip
    digest = summarize([*seed_documents, *filler], sentences=3)
    cited = {s.document for s in digest.sentences} | {d for s in digest.sentences for d in s.also_reported_by}
    text = render(digest, "text")
    sources = text.split("\nSources\n")[1].split("\n\n")[0].splitlines()
    assert len(sources) == len(cited) + 1
    assert (
        sources[-1]
        == f"  ... and {45 - len(cited)} more articles, none of them cited (the JSON output lists every one)"
    )
    assert len(digest.to_dict()["documents"]) == 45


def test_nothing_new_since_what_was_seen_is_said_not_cut(seeds_dir):
    from ..conftest import one_line_error, run_cli

    result = run_cli("digest", str(seeds_dir), "--seen", str(seeds_dir))
    assert result.returncode == 1
    assert "nothing new: every sentence restates one already seen" in one_line_error(result)
