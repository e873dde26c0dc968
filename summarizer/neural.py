"""Optional neural backend: a local seq2seq summarization model rewrites a digest.

Only a model directory on disk is used (transformers with local_files_only):
nothing is downloaded. The tool installs and runs without transformers; asking
for a model without it is a clear error. Every sentence the model writes must
pass the same guard as fused sentences, against the digest it rewrites;
sentences that fail are dropped and the extractive digest stands if none pass.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from .documents import Budget, Digest, Sentence
from .errors import ModelError
from .fuse import guard
from .segment import split_sentences


def check_model_directory(path: str) -> None:
    """Raise ModelError unless path looks like a transformers model directory (cheap: no import)."""
    folder = Path(path)
    if not folder.is_dir():
        raise ModelError(f"{path}: no such model directory")
    if not (folder / "config.json").is_file():
        raise ModelError(f"{path}: not a transformers model directory (no config.json)")


@lru_cache(maxsize=2)
def _load(path: str) -> tuple[Any, Any]:
    """The model and its tokenizer, loaded once per process, from the directory only."""
    check_model_directory(path)
    try:
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
    except ImportError:
        raise ModelError(
            f"{path}: the neural backend needs transformers and torch (pip install transformers torch)"
        ) from None
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(path, local_files_only=True)
    except Exception as error:  # transformers raises many kinds for a broken model directory
        raise ModelError(f"{path}: the model could not be loaded ({type(error).__name__}: {error})") from None
    model.eval()
    return model, tokenizer


def generate(model_path: str, text: str, *, min_words: int, max_words: int) -> str:
    """The model's summary of text: greedy decoding, so the same input gives the same output."""
    import torch

    model, tokenizer = _load(model_path)
    inputs = tokenizer(text, return_tensors="pt", truncation=True, max_length=1024)
    with torch.no_grad():
        ids = model.generate(
            **inputs, do_sample=False, num_beams=1, min_new_tokens=min_words, max_new_tokens=int(max_words * 1.6)
        )
    return str(tokenizer.decode(ids[0], skip_special_tokens=True))


def rewrite_with_model(digest: Digest, model_path: str) -> Digest:
    """The digest rewritten by the model; a sentence is kept only when the guard passes it and it fits."""
    text = digest.text
    words = max(digest.word_count, 16)
    output = generate(model_path, text, min_words=max(8, words // 2), max_words=words)
    options = digest.options
    budget = Budget(sentences=options.sentences, words=options.words, bytes=options.bytes)
    if budget == Budget():
        budget = Budget(sentences=len(digest.sentences))
    guarded = [s for s in split_sentences(output) if guard(s, [text], main=digest.sentences[0].text) is None]
    sources = tuple((s.document, s.index) for s in digest.sentences)
    kept = [
        Sentence(text=s, document=digest.sentences[0].document, index=-1, score=0.0, kind="neural", fused_from=sources)
        for s in budget.fill(guarded)
    ]
    if not kept:
        return replace(
            digest, notes=(*digest.notes, "the model's rewrite failed the guard; the extractive digest stands")
        )
    return replace(digest, sentences=tuple(kept), notes=(*digest.notes, f"rewritten by the model at {model_path}"))
