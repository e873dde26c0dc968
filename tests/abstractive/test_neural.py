"""The optional neural backend, with a tiny model built here from a config (nothing is downloaded)."""

import pytest

from summarizer import Document, ModelError, summarize
from summarizer.abstractive import guard
from summarizer.core.pipeline import prepare

transformers = pytest.importorskip("transformers")
pytest.importorskip("torch")


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory, seeds_dir):
    """A one-layer BART with random weights and a word-level tokenizer trained on one seed article."""
    import torch
    from tokenizers import Tokenizer, models, pre_tokenizers, trainers

    folder = tmp_path_factory.mktemp("tiny-bart")
    tokenizer = Tokenizer(models.WordLevel(unk_token="<unk>"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    text = (seeds_dir / "000_b8d4d1304aba4b28.txt").read_text()
    tokenizer.train_from_iterator([text], trainers.WordLevelTrainer(special_tokens=["<pad>", "<s>", "</s>", "<unk>"]))
    fast = transformers.PreTrainedTokenizerFast(
        tokenizer_object=tokenizer, bos_token="<s>", eos_token="</s>", unk_token="<unk>", pad_token="<pad>"
    )
    torch.manual_seed(0)
    config = transformers.BartConfig(
        vocab_size=fast.vocab_size,
        d_model=16,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=32,
        decoder_ffn_dim=32,
        max_position_embeddings=1100,
        pad_token_id=0,
        bos_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
    )
    transformers.BartForConditionalGeneration(config).save_pretrained(folder)
    fast.save_pretrained(folder)
    return str(folder)


def test_a_local_model_runs_offline_and_only_guarded_sentences_are_kept(seed_documents, tiny_model, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    first = summarize(seed_documents, sentences=3, model=tiny_model)
    again = summarize(seed_documents, sentences=3, model=tiny_model)
    assert first.to_dict() | {"stats": {}} == again.to_dict() | {"stats": {}}  # greedy decoding: deterministic
    assert len(first.sentences) <= 3
    assert first.stats["fusion"]["model_written"] > 0  # the model was asked, for each candidate group
    sources = {(u.document, u.index): u.text for u in prepare(seed_documents, language="english").units}
    for sentence in first.sentences:
        if sentence.kind == "neural":
            texts = [sources[pair] for pair in sentence.fused_from]
            assert guard(sentence.text, texts, main=texts[0], fused=len(texts) > 1) is None


RATE_RISE = [
    Document(id="wire", text="In a statement released late on Monday evening after a long meeting of its board in the capital, "
             "the central bank raised its main interest rate to 5 percent. Economists had expected the rise. "
             "Shares fell in early trading."),
    Document(id="daily", text="After a long meeting of its board on Monday evening in the capital, the central bank raised its "
             "main interest rate to 5 percent, its statement said. Shares fell in early trading on the news. "
             "The currency gained."),
    Document(id="radio", text="Following a board meeting that ran late into Monday evening, the central bank raised its main "
             "interest rate to 5 percent in a statement. Economists had expected the rise after months of high inflation."),
]  # fmt: skip


def test_model_sentences_compete_in_the_selection_and_pass_the_same_checks(tiny_model, monkeypatch):
    from summarizer.abstractive import neural

    concise = "The central bank raised its main interest rate to 5 percent after a board meeting on Monday."
    invented = "The bank of Narnia cut rates to 9 percent."  # a new name and a new number
    asked: list[str] = []

    def model_output(model_path, text, *, min_words, max_words):
        asked.append(text)
        return f"{invented} {concise}"

    monkeypatch.setattr(neural, "generate", model_output)
    extractive = summarize(RATE_RISE, words=20)
    digest = summarize(RATE_RISE, words=20, model=tiny_model)
    # No lead sentence fits 20 words; the model's wording of the shared fact does, and wins the selection.
    assert "interest rate" not in extractive.text
    assert [(s.kind, s.text) for s in digest.sentences] == [("neural", concise)]
    assert {d for d, _ in digest.sentences[0].fused_from} == {"wire", "daily", "radio"}
    assert digest.word_count <= 20 and asked
    assert digest.stats["fusion"]["guard_reasons"]["model: number not in the sources: 9"] >= 1
    assert any("the model at" in note and "1 chosen" in note for note in digest.notes)
    # With room for the original, the selection may prefer it: the model's sentence is a candidate, not a given.
    roomy = summarize(RATE_RISE, words=60, model=tiny_model)
    assert invented not in roomy.text and roomy.word_count <= 60


def test_model_sentences_that_fail_the_grammar_check_are_refused(tiny_model, monkeypatch):
    from summarizer.abstractive import neural
    from summarizer.abstractive.grammar import link_parser

    if link_parser() is None:
        pytest.skip("Link Grammar is not installed")
    salad = "Rate interest main its raised bank central the percent 5 to Monday."  # only source words
    monkeypatch.setattr(neural, "generate", lambda *args, **kwargs: salad)
    digest = summarize(RATE_RISE, words=20, model=tiny_model)
    assert salad not in digest.text
    assert digest.stats["fusion"]["model_passed"] == 0


def test_bad_model_paths_fail_before_any_work(tmp_path):
    with pytest.raises(ModelError, match="no such model directory"):
        summarize([""], model=str(tmp_path / "missing"))
    with pytest.raises(ModelError, match=r"no config\.json"):
        summarize([""], model=str(tmp_path))
