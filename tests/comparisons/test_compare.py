import json

import pytest

from summarizer.comparisons.compare import compare, rouge_settings, save_summaries
from summarizer.comparisons.datasets import DEFAULT_SETTINGS, load_dataset
from summarizer.documents import Budget


@pytest.fixture
def dataset(tmp_path, seeds_dir):
    texts = [p.read_text() for p in sorted(seeds_dir.iterdir())]
    for number in range(3):
        cluster = {
            "id": f"C{number}",
            "documents": [{"id": f"C{number}-{k}", "text": t} for k, t in enumerate(texts[number : number + 3])],
            "references": [
                "Putin proposed direct talks with Ukraine for the first time in years.",
                "Zelenskyy said Ukraine wants an unconditional ceasefire.",
            ],
        }
        (tmp_path / f"C{number}.json").write_text(json.dumps(cluster))
    return tmp_path


def test_compare_gives_identical_numbers_whatever_the_jobs(dataset):
    clusters = load_dataset(dataset)
    settings = rouge_settings(DEFAULT_SETTINGS, resamples=200)
    kwargs = dict(dataset=str(dataset), budget=Budget(words=60), settings=settings)
    one = compare(clusters, ["textrank", "lead", "oracle"], jobs=1, **kwargs)
    two = compare(clusters, ["textrank", "lead", "oracle"], jobs=2, **kwargs)
    strip = lambda rows: [{k: v for k, v in r.items() if k != "seconds_per_cluster"} for r in rows]  # noqa: E731
    assert strip(one.rows()) == strip(two.rows())
    rows = one.rows()
    assert {r["system"] for r in rows} == {"textrank", "lead", "oracle"}
    assert all(r["ci_low"] <= r["f"] + 1e-9 or r["measure"] == "recall" for r in rows)


def test_save_summaries(dataset, tmp_path):
    clusters = load_dataset(dataset)
    result = compare(
        clusters, ["lead"], dataset="x", budget=Budget(words=40), settings=rouge_settings(DEFAULT_SETTINGS, resamples=0)
    )
    out = tmp_path / "summaries"
    assert save_summaries(result, out) == 3
    lines = (out / "lead" / "C0.txt").read_text().splitlines()
    assert lines and sum(len(line.split()) for line in lines) <= 40


def test_bad_dataset(tmp_path):
    from summarizer.errors import InputError

    with pytest.raises(InputError, match="no cluster files"):
        load_dataset(tmp_path)
    (tmp_path / "x.json").write_text('{"not": "a cluster"}')
    with pytest.raises(InputError, match="not a cluster file"):
        load_dataset(tmp_path)


def test_shared_datasets_load(shared_data):
    assert len(load_dataset(shared_data / "tac2011_multiling_en")) == 10
    clusters = load_dataset(shared_data / "multinews_test_sample250")
    assert len(clusters) == 250 and all(c.references for c in clusters)
