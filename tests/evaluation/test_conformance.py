"""Conformance: rouge-score mode against the rouge-score package, rouge155 mode
against ROUGE-1.5.5's own numbers (../shared/data/rouge155) and against the
genuine Perl script on generated texts."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer.evaluation import Item, RougeSettings, Scorer, evaluate_corpus
from summarizer.evaluation.perlflags import perl_metric_name, settings_from_perl_flags

from .perl_rouge import perl_problem, run_perl

WORDS = [
    "the",
    "cat",
    "sat",
    "on",
    "mat",
    "dogs",
    "running",
    "runs",
    "ran",
    "went",
    "better",
    "best",
    "said",
    "says",
    "children",
    "agreement",
    "U.S.",
    "3.5",
    "café",
    "Привет",
    "well-known",
    "The",
    "CAT",
    "x",
    "of",
    "İstanbul",
    "ﬁne",
    "don't",
    "--",
    "(",
    ")",
    "$5",
    "e-mail",
    "were",
    "is",
    "apples",
    "studies",
    "studied",
    "happily",
]

word = st.sampled_from(WORDS)
line = st.lists(word, max_size=14).map(" ".join) | st.sampled_from(["", " ", "  two  spaces ", "\t"])
text = st.lists(line, max_size=5)


# --------------------------------------------------------------------------
# rouge-score mode == the rouge-score package

rouge_score_types = ["rouge1", "rouge2", "rouge3", "rougeL", "rougeLsum"]
ours_names = {
    "rouge1": "rouge-1",
    "rouge2": "rouge-2",
    "rouge3": "rouge-3",
    "rougeL": "rouge-l-text",
    "rougeLsum": "rouge-l",
}


@pytest.mark.parametrize("stem", [False, True])
@settings(max_examples=1500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prediction=text, references=st.lists(text, min_size=1, max_size=3))
def test_rouge_score_mode_is_identical_to_rouge_score(stem, prediction, references):
    from rouge_score import rouge_scorer

    theirs = rouge_scorer.RougeScorer(rouge_score_types, use_stemmer=stem)
    ours = Scorer(RougeSettings(compat="rouge-score", stem=stem, metrics=tuple(rouge_score_types), resamples=0))
    prediction_text = "\n".join(prediction)
    reference_texts = ["\n".join(r) for r in references]
    expected = theirs.score_multi(reference_texts, prediction_text)
    got = ours.score(prediction_text, reference_texts).scores
    for name in rouge_score_types:
        g, e = got[ours_names[name]], expected[name]
        assert (g.recall, g.precision, g.f) == (e.recall, e.precision, e.fmeasure), name


# --------------------------------------------------------------------------
# rouge155 mode == ROUGE-1.5.5's recorded output


@pytest.fixture(scope="module")
def recorded(shared_data):
    return json.loads((shared_data / "rouge155" / "tac2011_rouge155.json").read_text())


RUNS = [
    "tac_official",
    "duc_l100_stem",
    "b665_stem",
    "stem_stopwords",
    "stem_best_B",
    "stem_W12_alpha08",
    "stem_skip_nolimit",
]


@pytest.mark.parametrize("run_name", RUNS)
def test_every_recorded_rouge155_number(recorded, run_name):
    run = recorded["runs"][run_name]
    items = [
        Item(id=f"{i + 1}.X", summary=item["peer_lines"], references=item["model_lines"])
        for i, item in enumerate(recorded["items"])
    ]
    result = evaluate_corpus(items, settings_from_perl_flags(run["flags"]))
    for number, (_, pair) in enumerate(result.items):
        for metric, got in pair.scores.items():
            expected = run["per_item"][str(number)][perl_metric_name(metric)]
            assert (got.recall, got.precision, got.f) == (expected["recall"], expected["precision"], expected["f"])
    for metric, got in result.aggregate.average.items():
        expected = run["average"][perl_metric_name(metric)]
        assert (got.recall, got.precision, got.f) == (expected["R"], expected["P"], expected["F"])


# --------------------------------------------------------------------------
# rouge155 mode == the genuine Perl on generated texts

PERL_FLAGS = [
    "-n 4 -2 4 -u -f A -p 0.5 -t 0",
    "-n 2 -m -2 4 -u -f A -p 0.5 -t 0",
    "-n 2 -m -s -2 4 -U -f B -p 0.5 -t 0",
    "-n 2 -m -f A -p 0.5 -t 0 -l 12",
    "-n 2 -m -f A -p 0.5 -t 0 -b 40",
    "-n 1 -m -w 1.2 -f A -p 0.7 -t 0",
    "-n 1 -2 -1 -U -f A -t 0 -x",
]

# Every text has at least one real word: ROUGE-1.5.5 stops with an error on a
# reference without tokens under ROUGE-W.
real_word = st.sampled_from([w for w in WORDS if any(c.isascii() and c.isalpha() for c in w)])
nonempty_line = st.tuples(st.lists(word, max_size=13), real_word).map(lambda t: " ".join([*t[0], t[1]]))
nonempty_text = st.lists(nonempty_line, min_size=1, max_size=5)


@pytest.mark.skipif(perl_problem() is not None, reason=perl_problem() or "")
@pytest.mark.parametrize("flags", PERL_FLAGS)
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    batch=st.lists(st.tuples(nonempty_text, st.lists(nonempty_text, min_size=1, max_size=3)), min_size=1, max_size=25)
)
def test_rouge155_mode_matches_the_perl(flags, batch):
    per_item, averages = run_perl(batch, flags)
    items = [Item(id=f"{i + 1}.X", summary=peer, references=models) for i, (peer, models) in enumerate(batch)]
    result = evaluate_corpus(items, settings_from_perl_flags(flags))
    for number, (_, pair) in enumerate(result.items, start=1):
        for metric, got in pair.scores.items():
            assert (got.recall, got.precision, got.f) == per_item[(perl_metric_name(metric), number)], metric
    for metric, got in result.aggregate.average.items():
        expected = averages[perl_metric_name(metric)]
        assert (got.recall, got.precision, got.f) == (expected["R"][0], expected["P"][0], expected["F"][0])
        interval = result.aggregate.confidence[metric]
        assert (interval["recall"].low, interval["recall"].high) == expected["R"][1:]
