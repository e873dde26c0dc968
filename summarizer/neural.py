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

from .documents import Digest, Sentence
from .errors import ModelError


def check_model_directory(path: str) -> None:
    """Raise ModelError unless path looks like a transformers model directory (cheap: no import)."""
    folder = Path(path)
    if not folder.is_dir():
        raise ModelError(f"{path}: no such model directory")
    if not (folder / "config.json").is_file():
        raise ModelError(f"{path}: not a transformers model directory (no config.json)")


@lru_cache(maxsize=2)
def _load(path: str) -> Any:
    """The model's pipeline, loaded once per process."""
    check_model_directory(path)
    folder = Path(path)
    try:
        from transformers import pipeline
    except ImportError:
        raise ModelError(f"{path}: the neural backend needs transformers and torch (pip install transformers torch)")
    try:
        return pipeline("summarization", model=str(folder), tokenizer=str(folder), model_kwargs={"local_files_only": True})
    except Exception as error:  # transformers raises many kinds for a broken model directory
        raise ModelError(f"{path}: the model could not be loaded ({type(error).__name__}: {error})")


def rewrite_with_model(digest: Digest, model_path: str) -> Digest:
    """The digest rewritten by the model, sentence by sentence kept only when guarded."""
    from .fuse import guard
    from .segment import split_sentences

    summarizer = _load(model_path)
    text = digest.text
    words = max(digest.word_count, 16)
    output = summarizer(text, max_length=int(words * 1.6), min_length=max(8, int(words * 0.5)),
                        do_sample=False, truncation=True)[0]["summary_text"]
    sources = [s.text for s in digest.sentences]
    kept: list[Sentence] = []
    for sentence in split_sentences(output):
        if guard(sentence, [text], main=sources[0]) is None:
            kept.append(Sentence(text=sentence, document=digest.sentences[0].document, index=-1, score=0.0,
                                 kind="neural",
                                 fused_from=tuple((s.document, s.index) for s in digest.sentences)))
    if not kept:
        return replace(digest, notes=digest.notes + ("the model's rewrite failed the guard; the extractive digest stands",))
    return replace(digest, sentences=tuple(kept), notes=digest.notes + (f"rewritten by the model at {model_path}",))
