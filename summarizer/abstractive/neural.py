"""Optional neural backend: a local seq2seq model rewrites groups of sentences that state one fact.

Only a model directory on disk is used (transformers with local_files_only):
nothing is downloaded. The tool installs and runs without transformers; asking
for a model without it is a clear error. What the model writes for a group is
one more candidate of the digest's selection, beside the original sentences
and the rule-based rewrites, and must pass the same checks as a fusion: the
token guard (no new name, number or negation), the grammar check and the
information-per-word check (see summarizer.abstractive.rewrite_alternatives).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..core.segment import split_sentences
from ..errors import ModelError


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


def sentence_rewriter(model_path: str) -> Callable[[Sequence[str]], list[str]]:
    """Sentences the model writes for a group of sentences that state one fact (at most as long as the
    first, the main one); the caller guards them and lets them compete in the selection."""

    def rewrite(group: Sequence[str]) -> list[str]:
        words = max(len(group[0].split()), 8)
        return split_sentences(generate(model_path, " ".join(group), min_words=max(4, words // 3), max_words=words))

    return rewrite
