"""Atomic file writes: a file is either as it was or completely written, never half.

:func:`atomic_open` writes to a temporary file in the target's folder, named
``.<name>.<pid>.<random>.tmp`` (dot-prefixed, so never taken for an article or a
catalogue), fsyncs it, renames it over the target and fsyncs the folder. A process killed
before the rename leaves the target untouched and, at worst, its temporary file; the next
write of the same target removes temporary files whose writer process is gone.
"""

from __future__ import annotations

import contextlib
import os
import re
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
    remove_stale_temps(target)
    fd, name = tempfile.mkstemp(
        prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
    )
    tmp = Path(name)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            with contextlib.suppress(OSError):
                tmp.chmod(target.stat().st_mode & 0o7777)
        else:
            tmp.chmod(0o644)
        tmp.replace(target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    _fsync_dir(target.parent)


def temp_pattern(target: Path) -> re.Pattern[str]:
    """Names of the temporary files :func:`atomic_open` makes for *target*."""
    return re.compile(re.escape(f".{target.name}.") + r"(\d+)\.[A-Za-z0-9_]+\.tmp")


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process (or nonsense): leave its file alone
    return True


def remove_stale_temps(target: str | Path) -> list[Path]:
    """Delete temporary files left next to *target* by a writer that was killed.

    Only files whose writer process no longer exists are removed, so a concurrent run
    writing the same file is never disturbed. Returns the files removed.
    """
    target = Path(target)
    pattern = temp_pattern(target)
    removed = []
    try:
        entries = list(target.parent.iterdir())
    except OSError:
        return []
    for entry in entries:
        match = pattern.fullmatch(entry.name)
        if match and not _alive(int(match.group(1))):
            with contextlib.suppress(OSError):
                entry.unlink()
                removed.append(entry)
    return removed


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
    remove_stale_temps(target)
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
