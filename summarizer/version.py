"""The package version, in a module of its own so that anything can read it cheaply; and the key of what some of
its code is (`code_key`), for what the archive keeps made by that code."""

from __future__ import annotations

from functools import lru_cache

__version__ = "0.1.0"


@lru_cache(maxsize=8)
def code_key(parts: tuple[str, ...]) -> str:
    """The version and a hash of these source files and folders of the package (paths below summarizer/): a change to
    any of them changes the key, and what was kept under the old one is made again."""
    import hashlib
    from pathlib import Path

    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for part in parts:
        path = package / part
        for file in sorted(path.rglob("*.py")) if path.is_dir() else [path]:
            digest.update(file.relative_to(package).as_posix().encode() + b"\0" + file.read_bytes())
    return f"{__version__}/{digest.hexdigest()[:16]}"
