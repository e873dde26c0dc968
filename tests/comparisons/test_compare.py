import json

import pytest

from summarizer.comparisons.compare import compare, rouge_settings
from summarizer.comparisons.datasets import DEFAULT_SETTINGS, load_dataset
from summarizer.delivery.output import save_summaries
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


# --------------------------------------------------------------------------
# Against a baseline: paired tests, per-cluster scores, summary statistics


def test_compare_against_a_baseline_in_json_csv_and_per_cluster(dataset, tmp_path):
    from ..conftest import run_cli

    per_cluster = tmp_path / "scores.csv"
    result = run_cli("compare", str(dataset), "--systems", "textrank,lead,sumy-lexrank", "--baseline", "lead",
                     "--words", "60", "--paired-resamples", "500", "--per-cluster", str(per_cluster), "-f", "json", "-q")  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["baseline"] == "lead" and "paired:bs+ar@500|seed:12345|holm:no" in data["signature"]
    for row in data["rows"]:
        assert set(row["statistics"]) == {"words", "compression", "coverage", "density", "novel_1", "novel_2",
                                          "novel_3", "novel_4", "redundancy"}  # fmt: skip
        if row["system"] == "lead":
            assert "vs_baseline" not in row
        else:
            versus = row["vs_baseline"]
            assert set(versus) == {"system", "difference", "ci_low", "ci_high", "p_bootstrap", "p_permutation"}
            assert versus["system"] == "lead" and versus["ci_low"] <= versus["difference"] <= versus["ci_high"]
            assert 0 < versus["p_bootstrap"] <= 1 and 0 < versus["p_permutation"] <= 1
    assert len(data["per_cluster"]) == 3 * 3 * 3  # systems x clusters x metrics
    lines = per_cluster.read_text().splitlines()
    assert lines[0] == "system,cluster,metric,recall,precision,f" and len(lines) == 28
    csv = run_cli("compare", str(dataset), "--systems", "textrank,lead", "--baseline", "lead", "--words", "60",
                  "--paired-resamples", "500", "-f", "csv", "-q")  # fmt: skip
    assert "difference,diff_ci_low,diff_ci_high,p_bootstrap,p_permutation,significant" in csv.stdout.decode()


def test_paired_results_do_not_depend_on_the_jobs(dataset):
    from summarizer.comparisons.compare import PairedSettings

    clusters = load_dataset(dataset)
    kwargs = dict(dataset="x", budget=Budget(words=60), settings=rouge_settings(DEFAULT_SETTINGS, resamples=0),
                  paired=PairedSettings("lead", resamples=300, holm=True))  # fmt: skip
    one = compare(clusters, ["textrank", "lead", "textrank-bm25"], jobs=1, **kwargs)
    two = compare(clusters, ["textrank", "lead", "textrank-bm25"], jobs=2, **kwargs)
    assert one.tests == two.tests and one.adjusted == two.adjusted and one.tests
    assert all(p >= one.tests[k].p_permutation for k, p in one.adjusted.items())  # Holm never lowers a p-value


@pytest.mark.parametrize(("arguments", "message"), [
    (["--baseline", "random"], "the baseline 'random' is not among the systems compared"),
    (["--baseline", "lead", "--paired-resamples", "99"], "argument --paired-resamples: must be a whole number of at least 100"),
    # Options of the paired tests without a baseline would be ignored: an eval script would report no test at all.
    (["--holm"], "--holm applies to the paired tests only: add --baseline SYSTEM"),
    (["--paired-resamples", "500", "--seed", "7"], "--paired-resamples, --seed apply to the paired tests only"),
    (["--systems", "lead", "--baseline", "lead"], "the baseline 'lead' is the only system compared: nothing to test"),
    (["--systems", "lead,lead", "--baseline", "lead"], "the baseline 'lead' is the only system compared"),
])  # fmt: skip
def test_bad_paired_requests_are_one_line_before_any_work(dataset, arguments, message):
    from ..conftest import one_line_error, run_cli

    result = run_cli("compare", str(dataset), "--systems", "textrank,lead", *arguments)
    assert result.returncode == 2 and message in one_line_error(result)


def test_a_paired_test_needs_two_clusters(dataset, tmp_path):
    from ..conftest import one_line_error, run_cli

    single = tmp_path / "single"
    single.mkdir()
    (single / "C0.json").write_text((dataset / "C0.json").read_text())
    result = run_cli("compare", str(single), "--systems", "textrank,lead", "--baseline", "lead")
    assert result.returncode == 2 and "needs at least two clusters; the dataset has 1" in one_line_error(result)
