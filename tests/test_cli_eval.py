"""`summarizer eval`: the contract eval scripts depend on, and bad input."""

import json
import subprocess

import pytest

from .conftest import run_cli


def run(*args, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return run_cli("eval", *args, stdin=stdin, timeout=180)


def test_against_each_source_json(tmp_path, seeds_dir):
    summary = tmp_path / "digest.txt"
    summary.write_text(
        "Russian President Vladimir Putin proposed bilateral talks with Ukraine.\n"
        "Zelenskyy said Kyiv was ready for any discussion.\n"
    )
    result = run("--summary", str(summary), "--source", str(seeds_dir), "--format", "json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["signature"].startswith("mode:rouge155|v:1.5.5")
    assert len(data["sources"]) == 5
    assert set(data["sources_summary"]) == {"mean", "min", "max"}
    row = data["sources"][0]["scores"]["rouge-1"]
    assert set(row) == {"recall", "precision", "f"}


def test_references_and_formats(tmp_path):
    summary = tmp_path / "s.txt"
    summary.write_text("the cat said hello.\nbetter children went home\n")
    reference = tmp_path / "r.txt"
    reference.write_text("the cat says hello\nthe children go home quickly\n")
    result = run("--summary", str(summary), "--reference", str(reference), "--stem", "--format", "csv")
    assert result.returncode == 0
    lines = result.stdout.decode().splitlines()
    assert lines[0] == "target,metric,recall,precision,f,signature"
    assert lines[1].startswith("references (1),rouge-1,0.66667,0.75000,0.70588,")
    markdown = run("--summary", str(summary), "--reference", str(reference), "--format", "markdown").stdout.decode()
    assert "signature: `mode:rouge155" in markdown


def test_perl_flags(tmp_path):
    summary = tmp_path / "s.txt"
    summary.write_text("the cat said hello.\n")
    result = run(
        "--summary", str(summary), "--reference", str(summary), "--perl-flags", "-n 2 -m -2 4 -u -x", "--format", "json"
    )
    data = json.loads(result.stdout)
    assert "metrics:rouge-1,rouge-2,rouge-su4" in data["signature"]


def test_pairs_contract(tmp_path):
    pairs = tmp_path / "pairs.jsonl"
    pairs.write_text(
        "\n".join(
            json.dumps(p)
            for p in [
                {
                    "id": "a",
                    "summary": "the cat sat.\nit slept.",
                    "references": ["a cat sat on the mat.", "the cat slept."],
                },
                {"id": "b", "summary": "dogs bark", "references": ["dogs bark loudly"]},
            ]
        )
        + "\n"
    )
    result = run("--pairs", str(pairs), "--format", "json", "--metrics", "rouge-2")
    data = json.loads(result.stdout)
    assert set(data) == {"signature", "items", "average", "confidence"}
    assert [i["id"] for i in data["items"]] == ["a", "b"]
    assert set(data["items"][0]["scores"]["rouge-2"]) == {"recall", "precision", "f"}
    assert set(data["confidence"]["rouge-2"]) == {"recall", "precision", "f"}


def test_the_same_through_the_api():
    from summarizer.evaluation import Item, RougeSettings, evaluate_corpus

    result = evaluate_corpus([Item("a", "dogs bark", ["dogs bark loudly"])], RougeSettings(metrics=("rouge-1",)))
    assert result.to_dict()["items"][0]["scores"]["rouge-1"]["recall"] == 0.66667


def one_line_error(result) -> str:
    error = result.stderr.decode()
    assert "Traceback" not in error, error
    assert error.count("\n") == 1, error
    return error


@pytest.mark.parametrize(
    "lines, message",
    [
        (["not json"], "line 1 is not JSON"),
        ([json.dumps({"id": 1, "references": ["x"]})], "line 1 has no 'summary'"),
        ([json.dumps({"id": 1, "summary": "x", "references": []})], "line 1 needs 'references'"),
        ([json.dumps({"id": 1, "summary": "x", "references": "x"})], "line 1 needs 'references'"),
    ],
)
def test_bad_pairs(tmp_path, lines, message):
    pairs = tmp_path / "bad.jsonl"
    pairs.write_text("\n".join(lines) + "\n")
    result = run("--pairs", str(pairs))
    assert result.returncode == 1
    assert message in one_line_error(result) and "bad.jsonl" in result.stderr.decode()


def test_empty_summary_and_reference_give_zero_with_notes(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    reference = tmp_path / "r.txt"
    reference.write_text("a real sentence here\n")
    result = run("--summary", str(empty), "--reference", str(reference), "--format", "json")
    assert result.returncode == 0
    assert "summary has no tokens" in result.stderr.decode()
    assert json.loads(result.stdout)["references"]["rouge-1"]["f"] == 0
    result = run("--summary", str(reference), "--reference", str(empty), "--metrics", "rouge-w", "--format", "json")
    assert result.returncode == 0 and "ROUGE-W" in result.stderr.decode()


def test_binary_and_missing_files(tmp_path):
    binary = tmp_path / "x.bin"
    binary.write_bytes(bytes(range(256)) * 4)
    result = run("--summary", str(binary), "--reference", str(binary))
    assert result.returncode == 1 and "x.bin: binary file" in one_line_error(result)
    result = run("--summary", str(tmp_path / "missing.txt"), "--reference", str(binary))
    assert result.returncode == 2 and "missing.txt: no such file" in one_line_error(result)


def test_usage_errors(tmp_path):
    summary = tmp_path / "s.txt"
    summary.write_text("x y z\n")
    assert run("--summary", str(summary)).returncode == 2
    assert run("--summary", str(summary), "--reference", str(summary), "--metrics", "bleu").returncode == 2
    result = run("--summary", str(summary), "--reference", str(summary), "--compat", "rouge-score", "--stopwords")
    assert result.returncode == 2 and "rouge-score mode" in one_line_error(result)


def _pairs(path, summaries, references):
    path.write_text("".join(json.dumps({"id": f"c{k}", "summary": s, "references": [r]}) + "\n"
                            for k, (s, r) in enumerate(zip(summaries, references))))  # fmt: skip
    return str(path)


REFERENCES = [f"The council approved budget number {k} on Tuesday after a long debate about schools and roads."
              for k in range(8)]  # fmt: skip


def test_two_summary_sets_are_tested_against_each_other(tmp_path):
    good = _pairs(tmp_path / "good.jsonl", [r.replace("Tuesday", "Monday") for r in REFERENCES], REFERENCES)
    poor = _pairs(tmp_path / "poor.jsonl", [f"Weather report {k}: rain later." for k in range(8)], REFERENCES)
    result = run_cli("eval", "--pairs", good, "--baseline-pairs", poor, "--metrics", "rouge-1,rouge-2",
                     "--paired-resamples", "1000", "-f", "json")  # fmt: skip
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["measure"] == "recall" and "paired:bs+ar@1000|seed:12345|measure:recall" in data["signature"]
    for metric in ("rouge-1", "rouge-2"):
        test = data["vs_baseline"][metric]
        assert test["difference"] > 0.5 and test["p_permutation"] < 0.05 and test["ci_low"] > 0
    table = run_cli("eval", "--pairs", good, "--baseline-pairs", poor, "--metrics", "rouge-1", "--paired-resamples",
                    "500", "-f", "markdown").stdout.decode()  # fmt: skip
    assert "| metric | system | baseline | difference |" in table and "*" in table


def test_summary_sets_that_do_not_match_are_one_line_exit_2(tmp_path):
    good = _pairs(tmp_path / "good.jsonl", REFERENCES, REFERENCES)
    fewer = _pairs(tmp_path / "fewer.jsonl", REFERENCES[:5], REFERENCES[:5])
    one = _pairs(tmp_path / "one.jsonl", REFERENCES[:1], REFERENCES[:1])
    mismatch = run_cli("eval", "--pairs", good, "--baseline-pairs", fewer)
    assert mismatch.returncode == 2 and "do not cover the same items (3 in one only" in one_line_error(mismatch)
    single = run_cli("eval", "--pairs", one, "--baseline-pairs", one)
    assert single.returncode == 2 and "needs at least two items, not 1" in one_line_error(single)


def test_paired_test_options_without_a_baseline_are_refused_not_ignored(tmp_path):
    good = _pairs(tmp_path / "good.jsonl", REFERENCES, REFERENCES)
    seed = run_cli("eval", "--pairs", good, "--seed", "7")
    assert seed.returncode == 2
    assert "--seed applies to the paired tests only: give --pairs FILE --baseline-pairs FILE" in one_line_error(seed)
    both = run_cli("eval", "--pairs", good, "--measure", "f", "--paired-resamples", "500")
    assert both.returncode == 2 and "--measure, --paired-resamples apply to the paired tests only" in one_line_error(
        both
    )
    assert run_cli("eval", "--pairs", good, "-f", "json").returncode == 0
