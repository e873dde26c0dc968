"""Benchmark cluster files (summarizer.comparisons.datasets)."""

from __future__ import annotations


def test_a_cluster_topic_statement_reaches_the_systems_that_use_it(tmp_path) -> None:
    import json

    from summarizer.comparisons.datasets import load_dataset
    from summarizer.comparisons.systems import SYSTEMS, System
    from summarizer.documents import Budget

    folder = tmp_path / "set"
    folder.mkdir()
    cluster = {"documents": [{"text": "One sentence here. Another one there."}], "references": ["A reference."],
               "query": {"title": "Euro steps", "narrative": "Describe the steps toward the Euro."}}  # fmt: skip
    (folder / "c1.json").write_text(json.dumps(cluster))
    (loaded,) = load_dataset(folder)
    assert loaded.query == "Euro steps. Describe the steps toward the Euro."
    heard: list[dict] = []
    for uses_query in (True, False):
        system = System("probe", lambda documents, **kw: heard.append(kw) or [], uses_query=uses_query)
        system(loaded.documents, budget=Budget(words=10), query=loaded.query)
    assert heard[0]["query"] == loaded.query and "query" not in heard[1]
    assert SYSTEMS["textrank"].uses_query and not SYSTEMS["sumy-textrank"].uses_query
