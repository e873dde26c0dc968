"""Writing results: one helper for every command that writes a file.

- "-" is standard output.
- A regular file (or a new one) is replaced atomically: readers see the old
  content or the new, never half; its permissions are kept.
- A symbolic link is followed: the file it points to is replaced, the link stays.
- A device or a FIFO (/dev/null, /dev/stdout, a named pipe) is written into,
  never deleted and recreated.
- `check_output` runs before any work: a missing directory, a directory, an
  unwritable place or one of the inputs is refused then, not after minutes.

Files a command writes into a folder of its own (the static site, the story pages next to a daily page) go
through `write_beneath` instead, which never follows a link: see there.
"""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import secrets
import stat
import sys
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import OutputError

if TYPE_CHECKING:
    from ..comparisons.compare import Comparison

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


_FOLDER = os.O_RDONLY | os.O_DIRECTORY | getattr(os, "O_NOFOLLOW", 0)
_NEW_FILE = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


def _parts(name: str) -> list[str]:
    parts = name.split("/")
    if any(part in ("", ".", "..") or os.sep in part for part in parts):
        raise OutputError(name, "is not a file name inside the folder")
    return parts


def _open_folder(root: str, parts: list[str], shown: str, *, make: bool) -> int | None:
    """A descriptor of root/parts, each step opened without following a link (made when `make`); None when
    a step is missing and not made. A link or a file where a folder should be is an OutputError."""
    folder = os.open(root, os.O_RDONLY | os.O_DIRECTORY)
    for depth, part in enumerate(parts, start=1):
        where = os.path.join(shown, *parts[:depth])
        try:
            try:
                inner = os.open(part, _FOLDER, dir_fd=folder)
            except FileNotFoundError:
                if not make:
                    return None
                os.mkdir(part, 0o777, dir_fd=folder)
                inner = os.open(part, _FOLDER, dir_fd=folder)
        except OSError as error:
            if error.errno in (errno.ELOOP, errno.ENOTDIR):
                kind = "a symbolic link" if os.path.islink(os.path.join(root, *parts[:depth])) else "not a folder"
                raise OutputError(where, f"is {kind}; only a real folder is written into") from None
            raise _named(error, where) from None
        finally:
            os.close(folder)
        folder = inner
    return folder


def entry_kind(root: str, name: str, shown: str | None = None) -> str | None:
    """What is at root/name, never following a link: "file", "link", "folder", "other", or None (nothing)."""
    parts = _parts(name)
    folder = _open_folder(root, parts[:-1], shown or root, make=False)
    if folder is None:
        return None
    try:
        mode = os.stat(parts[-1], dir_fd=folder, follow_symlinks=False).st_mode
    except FileNotFoundError:
        return None
    finally:
        os.close(folder)
    if stat.S_ISLNK(mode):
        return "link"
    return "file" if stat.S_ISREG(mode) else "folder" if stat.S_ISDIR(mode) else "other"


def read_beneath(root: str, name: str, shown: str | None = None) -> bytes | None:
    """The bytes of the regular file root/name (None when there is none), never read through a link."""
    parts = _parts(name)
    folder = _open_folder(root, parts[:-1], shown or root, make=False)
    if folder is None:
        return None
    try:
        # O_NONBLOCK: a FIFO there is refused below instead of waiting for a writer.
        handle = os.open(parts[-1], os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0), dir_fd=folder)
    except FileNotFoundError:
        return None
    except OSError as error:
        kind = stat.S_IFLNK if error.errno == errno.ELOOP else None
        raise _refusal(os.path.join(shown or root, *parts), kind) if kind else _named(error, shown or root) from None
    finally:
        os.close(folder)
    mode = os.fstat(handle).st_mode
    if not stat.S_ISREG(mode):
        os.close(handle)
        raise _refusal(os.path.join(shown or root, *parts), stat.S_IFMT(mode))
    with os.fdopen(handle, "rb") as stream:
        return stream.read()


def _refusal(where: str, kind: int) -> OutputError:
    """What stands where a file is to be written (a stat.S_IFMT kind), refused."""
    if kind == stat.S_IFLNK:
        return OutputError(where, "is a symbolic link; nothing is written through a link (remove it)")
    if kind == stat.S_IFDIR:
        return OutputError(where, "is a directory; the page cannot be written there")
    return OutputError(where, "is not a regular file; only regular files are written there")


def _named(error: OSError, where: str) -> OSError:
    """The system's error about a file, naming the file meant (never a temporary one)."""
    return OSError(error.errno, error.strerror, where)


def write_beneath(root: str, name: str, data: bytes, *, shown: str | None = None) -> None:
    """`data` to the regular file `name` ("/"-separated) under the folder `root`, atomically and never through
    a symbolic link: a link, a directory or a device at the file or a link at a folder on the way is an
    OutputError naming it (as `shown`/name); missing folders are made; the temporary file is made in the
    real folder and renamed over the file, whose permissions are kept. Errors name the file, never the
    temporary one."""
    parts = _parts(name)
    where = os.path.join(shown or root, *parts)
    folder = _open_folder(root, parts[:-1], shown or root, make=True)
    assert folder is not None
    leaf, temporary = parts[-1], f".{parts[-1]}.{secrets.token_hex(4)}.tmp"
    try:
        try:
            existing = os.stat(leaf, dir_fd=folder, follow_symlinks=False)
        except FileNotFoundError:
            existing = None
        if existing is not None and not stat.S_ISREG(existing.st_mode):
            raise _refusal(where, stat.S_IFMT(existing.st_mode))
        try:
            handle = os.open(temporary, _NEW_FILE, 0o666, dir_fd=folder)
            with os.fdopen(handle, "wb") as stream:
                stream.write(data)
                stream.flush()
                os.fsync(stream.fileno())
                if existing is not None:
                    os.fchmod(stream.fileno(), stat.S_IMODE(existing.st_mode))
            os.replace(temporary, leaf, src_dir_fd=folder, dst_dir_fd=folder)
        except BaseException as error:
            with contextlib.suppress(OSError):
                os.unlink(temporary, dir_fd=folder)
            if isinstance(error, IsADirectoryError):  # made a directory since it was looked at
                raise _refusal(where, stat.S_IFDIR) from None
            if isinstance(error, OSError):
                raise _named(error, where) from None
            raise
    finally:
        os.close(folder)


def save_summaries(comparison: Comparison, folder: str | Path) -> int:
    """One text file per system and cluster, one sentence per line; returns the count."""
    root = Path(folder)
    count = 0
    for system in comparison.systems:
        target = root / system.system
        target.mkdir(parents=True, exist_ok=True)
        for run in system.runs:
            write_text(target / f"{run.cluster}.txt", "\n".join(run.sentences) + "\n")
            count += 1
    return count
