"""The semantic layer: an optional extra, loaded only when asked for, one clear error without it."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest

from summarizer import DigestOptions, Document, summarize
from summarizer.core import semantic
from summarizer.core.clean import clean
from summarizer.core.represent import build_term_space, similarity_matrix
from summarizer.core.segment import segment
from summarizer.text import stemmer

from .conftest import ROOT, one_line_error

needs_extra = pytest.mark.skipif(not semantic.available(), reason="the 'semantic' extra (wordllama) is not installed")

# Python code that runs the CLI as if the extra were not installed (find_spec and import both fail).
WITHOUT_EXTRA = (
    "import sys; sys.modules['wordllama'] = None; from summarizer.cli import main; sys.exit(main(sys.argv[1:]))"
)


def _units(text: str):
    return segment(clean(Document(id="a", text=text)), 0)


def _cli_without_extra(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", WITHOUT_EXTRA, *args], capture_output=True, cwd=ROOT, timeout=120)


def test_asking_for_meaning_without_the_extra_is_one_line_naming_it(seeds_dir):
    for command in (["digest", str(seeds_dir), "--similarity", "hybrid"],
                    ["daily", str(seeds_dir), "--similarity", "semantic"]):  # fmt: skip
        result = _cli_without_extra(*command)
        assert result.returncode == 2
        error = one_line_error(result)
        assert "summarizer[semantic]" in error and "wordllama" in error.lower()


def test_without_the_extra_the_default_digest_is_todays(seeds_dir):
    plain = subprocess.run([sys.executable, "-m", "summarizer.cli", "digest", str(seeds_dir), "-f", "json"],
                           capture_output=True, cwd=ROOT, timeout=120)  # fmt: skip
    without = _cli_without_extra("digest", str(seeds_dir), "-f", "json")
    assert plain.returncode == without.returncode == 0
    assert plain.stdout == without.stdout


def test_the_model_import_failing_is_the_same_clear_error(monkeypatch):
    monkeypatch.setitem(sys.modules, "wordllama", None)
    semantic._model.cache_clear()
    semantic._word_pieces.cache_clear()  # holds the model too: as in a fresh process
    try:
        with pytest.raises(semantic.MissingExtra, match=r"summarizer\[semantic\]"):
            semantic.text_vectors(["one sentence"])
    finally:
        semantic._model.cache_clear()
        semantic._word_pieces.cache_clear()


def loaded_meaning_modules(seeds_dir, *options: str) -> str:
    code = ("import sys; from summarizer.cli import main; main(['digest', *sys.argv[2:], sys.argv[1], '-q', '-o', '/dev/null']);"
            "print(sorted(m for m in sys.modules if m.startswith(('wordllama', 'tokenizers', 'safetensors'))))")  # fmt: skip
    result = subprocess.run([sys.executable, "-c", code, str(seeds_dir), *options], capture_output=True, text=True,
                            cwd=ROOT)  # fmt: skip
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_digest_that_does_not_ask_for_meaning_never_loads_it(seeds_dir):
    assert loaded_meaning_modules(seeds_dir, "--no-differences") == "[]"


@needs_extra
def test_the_differences_step_asks_for_meaning_where_it_is_installed(seeds_dir):
    # A fact an outlet tells in other words is not said to be left out (differences/omissions.py).
    assert "wordllama" in loaded_meaning_modules(seeds_dir)


@needs_extra
def test_a_paraphrase_is_closer_than_a_different_event():
    vectors = semantic.text_vectors([
        "Seven people were killed when an earthquake struck southern Iran on Sunday.",
        "A quake in the south of Iran left 7 dead.",
        "The central bank raised interest rates by a quarter point.",
    ])  # fmt: skip
    assert vectors.shape == (3, 256)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2
    assert np.array_equal(semantic.centred(vectors), vectors)  # three rows have no mean worth taking out
    many = semantic.text_vectors([f"Report {i} on the harbour strike, day {i}." for i in range(30)] + [
        "Seven people were killed when an earthquake struck southern Iran on Sunday.",
        "A quake in the south of Iran left 7 dead."])  # fmt: skip
    centred = semantic.centred(many)
    assert np.allclose(np.linalg.norm(centred, axis=1), 1.0)
    assert centred[0] @ centred[1] < many[0] @ many[1]  # what the input's sentences share is taken out
    assert centred[-1] @ centred[-2] > centred[0] @ centred[-1]


@needs_extra
def test_hybrid_edges_join_sentences_that_share_no_word():
    units = _units("Seven people died when an earthquake hit Iran. A quake left 7 dead across the south. "
                   "Shares rose in Tokyo.")  # fmt: skip
    space = build_term_space(units, stem=stemmer("english"))
    words = similarity_matrix(space, "cosine", neighbours=10).toarray()
    hybrid = similarity_matrix(space, "hybrid", neighbours=10).toarray()
    assert np.allclose(hybrid, hybrid.T) and np.all(np.diag(hybrid) == 0) and np.all(hybrid >= 0)
    assert words[0, 1] == 0 < hybrid[0, 1]  # no shared content word, the same fact
    assert hybrid[0, 1] > hybrid[0, 2]


@needs_extra
def test_large_inputs_reweight_the_word_graphs_edges_only():
    units = _units(" ".join(f"Item {i} of the list about harbour cranes number {i}." for i in range(40)))
    space = build_term_space(units, stem=stemmer("english"))
    words = similarity_matrix(space, "cosine", neighbours=5, dense_limit=10)
    hybrid = similarity_matrix(space, "hybrid", neighbours=5, dense_limit=10)
    assert set(zip(*hybrid.nonzero())) <= set(zip(*words.nonzero()))


@needs_extra
def test_a_query_matches_the_sentences_that_answer_it_by_meaning():
    documents = [
        Document(id="a", text="The football club signed a new striker on Monday. The fee was not disclosed. "
                              "An earthquake struck the region overnight, and rescuers pulled survivors from rubble."),
        Document(id="b", text="The club's new striker trained with the squad. Fans welcomed the signing. "
                              "Supporters queued for tickets at the stadium."),
    ]  # fmt: skip
    query = "tremor casualties and rescue efforts"  # no word in common with the quake sentence after stemming
    words = summarize(documents, sentences=1, options=DigestOptions(query=query, query_weight=0.8, differences=False))
    meaning = summarize(documents, sentences=1, options=DigestOptions(query=query, query_weight=0.8, similarity="hybrid",
                                                                      differences=False))  # fmt: skip
    assert "earthquake" not in words.sentences[0].text
    assert "earthquake" in meaning.sentences[0].text


@needs_extra
def test_a_hybrid_digest_is_byte_identical_whatever_the_hash_seed(seeds_dir):
    outputs = set()
    for seed in ("0", "1", "4242"):
        result = subprocess.run([sys.executable, "-m", "summarizer.cli", "digest", str(seeds_dir), "--similarity",
                                 "hybrid", "-f", "json"], capture_output=True, cwd=ROOT, timeout=120,
                                env={"PYTHONHASHSEED": seed, "PATH": "/usr/bin:/bin"})  # fmt: skip
        assert result.returncode == 0, result.stderr
        outputs.add(result.stdout)
    assert len(outputs) == 1
    assert json.loads(outputs.pop())["settings"]["similarity"] == "hybrid"


@needs_extra
def test_a_repeated_text_is_embedded_once_and_gets_the_vector_it_gets_alone():
    # text_vectors embeds each distinct text once (copies repeat sentences): a text's vector must not depend on
    # the texts embedded with it, or a day's output would change with which copies it has.
    texts = ["The storm cut power to 40,000 homes on Tuesday.", "Officials said schools would reopen.",
             "The storm cut power to 40,000 homes on Tuesday.", "A much longer sentence " * 12]  # fmt: skip
    together = semantic.text_vectors(texts)
    assert np.array_equal(together[0], together[2])
    for row, text in zip(together, texts):
        assert np.array_equal(row, semantic.text_vectors([text])[0])


@needs_extra
def test_embedding_by_word_pieces_is_wordllamas_embed_bit_for_bit(seeds_dir):
    # semantic._WordPieces merges each word once instead of each text from its characters up; the vectors must be
    # WordLlama's own, so that no digest changes (texts of the seeds, and spacing and tokens it treats apart).
    pieces = semantic._word_pieces()
    assert pieces is not None, "WordLlama's tokenizer is no longer the one the word pieces assume"
    texts = [u.text for path in sorted(seeds_dir.glob("*.txt")) for u in _units(path.read_text(encoding="utf-8"))]
    texts += ["", " ", "a  b", " lead", "trail ", "tab\there", "new\nline", "\u2581x", "x\u2581 y", "<s> in it",
              "a</s>b", "<unk>", "é ü ß 東京 🙂", "\u00a0nbsp", "  two  spaces  ", "A much longer sentence " * 40]  # fmt: skip
    model = semantic._model()
    expected = model.embed(texts, norm=False)
    assert np.array_equal(pieces.embed(texts).view(np.uint32), expected.view(np.uint32))
    for text, encoded in zip(texts, model.tokenizer.encode_batch(texts, add_special_tokens=False)):
        assert pieces.ids(text) == encoded.ids[: int(sum(encoded.attention_mask))], text
