from summarizer import load_paths
from summarizer.comparisons.lengths import source_coverage, sweep_articles
from summarizer.delivery.render.lengths import plot_png, rich_view


def test_sweep_over_articles_and_plot(tmp_path, seeds_dir):
    documents = load_paths([str(seeds_dir)]).documents
    sweep = sweep_articles(documents, ["textrank", "lead"], [40, 120], name="seeds")
    assert set(sweep.metrics) == {"rouge-1", "rouge-2", "rouge-su4", "coverage"}
    for point in sweep.points:
        assert 0 <= point.low <= point.value <= point.high <= 1
    longer = {p.system: p.value for p in sweep.points if p.metric == "rouge-1" and p.words == 120}
    shorter = {p.system: p.value for p in sweep.points if p.metric == "rouge-1" and p.words == 40}
    assert all(longer[s] > shorter[s] for s in longer)
    path = tmp_path / "plot.png"
    path.write_bytes(plot_png(sweep))
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    from rich.console import Console

    console = Console(record=True, width=120)
    console.print(rich_view(sweep), crop=False)
    chart = console.export_text()
    for metric in ("rouge-1", "rouge-2", "rouge-su4", "coverage"):
        assert metric in chart
    assert "textrank" in chart and "lead" in chart and "120 w" in chart
    assert sweep.signature in chart.splitlines()[-1]


def test_coverage_of_a_source_by_its_own_sentences(seeds_dir):
    documents = load_paths([str(seeds_dir)]).documents
    own = documents[2].text.splitlines()
    shares = source_coverage(documents, own)
    assert shares[documents[2].id] == 1.0
    assert all(0 <= v <= 1 for v in shares.values())


def test_the_sweep_carries_summary_statistics_and_draws_coverage_against_density(seeds_dir):
    from summarizer.delivery.render.lengths import density_png, render

    documents = load_paths([str(seeds_dir)]).documents
    sweep = sweep_articles(documents, ["textrank", "lead"], [40, 120], name="seeds")
    assert set(sweep.statistics) == {(s, w) for s in ("textrank", "lead") for w in (40, 120)}
    lead = sweep.statistics["lead", 120]
    assert lead.words <= 120 and lead.coverage > 0.9 and lead.density > 10  # lead copies long runs
    assert sweep.statistics["textrank", 40].compression > sweep.statistics["textrank", 120].compression
    assert density_png(sweep)[:8] == b"\x89PNG\r\n\x1a\n"
    assert "| lead | 120 |" in render(sweep, "markdown")
    rows = sweep.to_dict()["statistics"]
    assert {(r["system"], r["length"]) for r in rows} == set(sweep.statistics) and "density" in rows[0]
