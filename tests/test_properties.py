"""Property-based checks: arbitrary bytes, text and options meet only the documented outcomes."""

import string
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarizer import InputError, NothingToSummarize, OptionsError, summarize
from summarizer.core.clean import clean
from summarizer.documents import Document
from summarizer.evaluation import score
from summarizer.sources.ingest import decode, parse_bytes

from .conftest import ROOT

SUFFIXES = ["", ".txt", ".md", ".html", ".json", ".jsonl", ".xml"]
# Text that looks like news often enough: words, punctuation, quotes, newlines, other scripts.
ALPHABET = string.ascii_letters + string.digits + " .,;:!?'\"“”’—-()\n\n\t" + "éüßçñøЖжیا中"
TEXT = st.text(alphabet=ALPHABET, max_size=800)
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@QUICK
@given(st.binary(max_size=3000))
def test_decoding_any_bytes_gives_text_or_an_input_error(data):
    try:
        text, notes = decode(data, "x")
    except InputError as error:
        assert str(error).startswith("x: ") and "\n" not in str(error)
        return
    assert isinstance(text, str) and all(isinstance(n, str) for n in notes)


@QUICK
@given(st.binary(max_size=3000), st.sampled_from(SUFFIXES))
def test_parsing_any_bytes_gives_documents_or_an_input_error(data, suffix):
    warnings: list[str] = []
    try:
        documents = parse_bytes(data, name="x", path="x" + suffix, suffix=suffix, warnings=warnings)
    except InputError:
        return
    assert documents and all(d.text.strip() for d in documents)


@QUICK
@given(TEXT)
def test_cleaning_never_fails_and_keeps_only_text_it_was_given(text):
    cleaned = clean(Document(id="x", text=text))
    source = " ".join(text.split())
    for paragraph in cleaned.paragraphs:
        assert paragraph.strip()
        # Cleaning removes or re-spaces; every word it keeps was in the input.
        assert all(word.strip('.!?"”’)') in source for word in paragraph.split()[:20])


@QUICK
@given(
    st.lists(TEXT, min_size=1, max_size=4),
    st.one_of(st.none(), st.integers(1, 6)),
    st.one_of(st.none(), st.integers(1, 80)),
    st.one_of(st.none(), st.integers(4, 400)),
)
def test_digests_never_exceed_their_budget(texts, sentences, words, size):
    try:
        digest = summarize(texts, sentences=sentences, words=words, bytes=size, language="english")
    except NothingToSummarize:
        return
    assert digest.sentences
    if sentences:
        assert len(digest.sentences) <= sentences
    if words:
        assert digest.word_count <= words
    if size:
        assert len(" ".join(s.text for s in digest.sentences).encode()) <= size


@QUICK
@given(st.integers(-5, 5), st.floats(-1, 2, allow_nan=False), st.text(max_size=12))
def test_bad_options_are_options_errors_and_good_ones_are_not(count, fraction, name):
    from summarizer.core.represent import SIMILARITIES
    from summarizer.core.segment import LANGUAGES

    text = ["Putin proposed talks on Monday. Kyiv said it was ready."]
    cases = [({"sentences": count}, count >= 1), ({"ratio": fraction}, 0 < fraction <= 1),
             ({"similarity": name}, name in SIMILARITIES), ({"language": name}, name == "auto" or name in LANGUAGES)]  # fmt: skip
    for options, valid in cases:
        if valid:
            assert summarize(text, **options).sentences  # a valid value gives a digest
        else:
            with pytest.raises(OptionsError):
                summarize(text, **options)


@QUICK
@given(TEXT, st.lists(TEXT, min_size=1, max_size=3), st.sampled_from(["rouge155", "rouge-score"]))
def test_rouge_scores_stay_between_zero_and_one(summary, references, compat):
    result = score(summary, references, compat=compat, metrics=("rouge-1", "rouge-2", "rouge-l", "rouge-su4"))
    for value in result.scores.values():
        assert 0 <= value.recall <= 1 and 0 <= value.precision <= 1 and 0 <= value.f <= 1


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=2000), st.sampled_from(SUFFIXES), st.sampled_from(["text", "json", "markdown"]))
def test_the_command_on_any_file_exits_0_1_or_2_in_one_line_and_leaves_it_alone(tmp_path, data, suffix, fmt):
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    result = subprocess.run([sys.executable, "-m", "summarizer.cli", "digest", str(path), "--format", fmt],
                            capture_output=True, cwd=ROOT, timeout=120)  # fmt: skip
    assert path.read_bytes() == data
    assert result.returncode in (0, 1, 2), result.stderr
    if result.returncode:
        assert b"Traceback" not in result.stderr and result.stderr.count(b"\n") == 1


pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
