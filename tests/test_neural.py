"""The optional neural backend, with a tiny model built here from a config (nothing is downloaded)."""

import pytest

from summarizer import ModelError, summarize
from summarizer.fuse import guard

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


def test_a_local_model_runs_offline_and_its_output_is_guarded(seed_documents, tiny_model, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    extractive = summarize(seed_documents, sentences=3)
    first = summarize(seed_documents, sentences=3, model=tiny_model)
    again = summarize(seed_documents, sentences=3, model=tiny_model)
    assert first.to_dict() == again.to_dict()  # greedy decoding: deterministic
    if first.sentences == extractive.sentences:
        assert "failed the guard" in first.notes[-1]
    else:
        assert all(s.kind == "neural" for s in first.sentences) and len(first.sentences) <= 3
        assert all(guard(s.text, [extractive.text], main=extractive.sentences[0].text) is None for s in first.sentences)


def test_model_sentences_that_pass_the_guard_replace_the_digest_within_budget(seed_documents, tiny_model, monkeypatch):
    from summarizer import neural

    extractive = summarize(seed_documents, words=60)
    kept_text = extractive.sentences[0].text
    invented = "Putin and Zelenskyy signed a peace treaty in Paris on 3 May."  # new name and number
    monkeypatch.setattr(neural, "generate", lambda *args, **kwargs: f"{kept_text} {invented}")
    digest = summarize(seed_documents, words=60, model=tiny_model)
    assert [s.text for s in digest.sentences] == [kept_text]
    assert digest.sentences[0].kind == "neural" and digest.word_count <= 60
    assert {d for d, _ in digest.sentences[0].fused_from} <= {d.id for d in seed_documents}


def test_bad_model_paths_fail_before_any_work(tmp_path):
    with pytest.raises(ModelError, match="no such model directory"):
        summarize([""], model=str(tmp_path / "missing"))
    with pytest.raises(ModelError, match=r"no config\.json"):
        summarize([""], model=str(tmp_path))
