"""Writing results: one helper for every command that writes a file.

- "-" is standard output.
- A regular file (or a new one) is replaced atomically: readers see the old
  content or the new, never half; its permissions are kept.
- A symbolic link is followed: the file it points to is replaced, the link stays.
- A device or a FIFO (/dev/null, /dev/stdout, a named pipe) is written into,
  never deleted and recreated.
- `check_output` runs before any work: a missing directory, a directory, an
  unwritable place or one of the inputs is refused then, not after minutes.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path

from .errors import OutputError

STDOUT = "-"


def _is_special(path: str) -> bool:
    """A device, FIFO or socket: something to write into, not to replace."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    return not stat.S_ISREG(mode) and not stat.S_ISDIR(mode)


def _input_files(inputs: Sequence[str]) -> set[str]:
    files: set[str] = set()
    for raw in inputs:
        if raw == STDOUT:
            continue
        matches = glob.glob(raw, recursive=True) if any(c in raw for c in "*?[") else [raw]
        for match in matches:
            real = os.path.realpath(match)
            if os.path.isdir(real):
                for folder, _, names in os.walk(real):
                    files.update(os.path.join(folder, name) for name in names)
            else:
                files.add(real)
    return files


def check_output(path: str, *, inputs: Sequence[str] = (), directory: bool = False) -> None:
    """Raise OutputError unless `path` can be written (a directory to create, with `directory`)."""
    if path == STDOUT and not directory:
        return
    real = os.path.realpath(path)
    if _is_special(real) and not directory:
        return
    if real in _input_files(inputs):
        raise OutputError(path, "is one of the input files; choose another output")
    if directory:
        if os.path.exists(real) and not os.path.isdir(real):
            raise OutputError(path, "exists and is not a directory")
        existing = real
        while not os.path.exists(existing):
            existing = os.path.dirname(existing)
        if not os.access(existing, os.W_OK | os.X_OK):
            raise OutputError(path, "permission denied")
        return
    if os.path.isdir(real):
        raise OutputError(path, "is a directory; give a file name")
    parent = os.path.dirname(real) or "."
    if not os.path.isdir(parent):
        raise OutputError(path, f"directory {os.path.dirname(path) or '.'} does not exist")
    if os.path.exists(real) and not os.access(real, os.W_OK):
        raise OutputError(path, "permission denied")
    if not os.access(parent, os.W_OK | os.X_OK):
        raise OutputError(path, f"permission denied in {os.path.dirname(path) or '.'}")


def write_text(path: str | os.PathLike[str], content: str) -> None:
    """Write `content` (UTF-8) to a path as described in the module docstring."""
    target = os.fspath(path)
    if target == STDOUT:
        sys.stdout.write(content)
        sys.stdout.flush()
        return
    real = os.path.realpath(target)
    if _is_special(real):
        with open(real, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(content)
        return
    write_atomic(real, content)


def write_bytes_atomic(path: str | os.PathLike[str], data: bytes) -> None:
    """Bytes to a regular file, atomically (the file a link points to, never the link)."""
    target = Path(os.path.realpath(os.fspath(path)))
    handle, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        mode = target.stat().st_mode & 0o777 if target.exists() else 0o666 & ~_umask()
        os.chmod(temporary, mode)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_atomic(path: str | os.PathLike[str], content: str) -> None:
    """Text to a regular file so that readers see the old content or the new, never half."""
    write_bytes_atomic(path, content.encode("utf-8"))


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


def check_run_paths(
    *,
    inputs: Sequence[str] = (),
    written: Mapping[str, str | None] = {},
    read: Mapping[str, str | None] = {},
    folders: Mapping[str, str | None] = {},
) -> None:
    """Before any work: no path a run writes (`written`: role -> file, `folders`: role -> directory it
    writes into) is another path the run reads or writes (`read`: role -> file, and `inputs`), nor inside
    an input directory. The message names both roles: "news.db: is also the archive; choose another output"."""
    roles = {**{r: p for r, p in read.items() if p}, **{r: p for r, p in written.items() if p},
             **{r: p for r, p in folders.items() if p}}  # fmt: skip
    real = {role: os.path.realpath(path) for role, path in roles.items() if path != STDOUT}
    files = _input_files(inputs)
    for role, path in {**written, **folders}.items():
        if not path or path == STDOUT or _is_special(os.path.realpath(path)):
            continue
        for other, other_real in real.items():
            if other != role and other_real == os.path.realpath(path):
                raise OutputError(path, f"is also the {other}; choose another {role}")
        if role in folders:
            inside = [f for f in files if f.startswith(os.path.realpath(path) + os.sep)]
            if inside:
                raise OutputError(path, f"holds input files ({os.path.basename(inside[0])}); choose another {role}")
            check_output(path, inputs=inputs, directory=True)
        elif os.path.realpath(path) in files:
            raise OutputError(path, f"is one of the input files; choose another {role}")
