"""Atomic file writes: a file is either as it was or completely written, never half."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO


@contextlib.contextmanager
def atomic_open(path: str | Path, mode: str = "wb") -> Iterator[IO[bytes]]:
    """Open a temporary file next to *path*; on success fsync and rename it over *path*.

    On any exception the temporary file is removed and *path* is untouched.
    """
    if "b" not in mode or "w" not in mode:
        raise ValueError("atomic_open only supports binary write mode")
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                os.chmod(tmp, target.stat().st_mode & 0o7777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)


def _fsync_dir(directory: Path) -> None:
    with contextlib.suppress(OSError):
        fd = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def write_bytes(path: str | Path, data: bytes) -> bool:
    """Atomically write *data* to *path* unless it already holds exactly that.

    Returns True when the file was (re)written.
    """
    target = Path(path)
    try:
        if target.read_bytes() == data:
            return False
    except FileNotFoundError:
        pass
    with atomic_open(target) as handle:
        handle.write(data)
    return True


def write_text(path: str | Path, text: str) -> bool:
    """Atomically write UTF-8 *text* without newline translation."""
    return write_bytes(path, text.encode("utf-8"))
