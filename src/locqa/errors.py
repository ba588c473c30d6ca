"""Errors that end a run with a one-line message naming the file, and the exit codes.

Exit codes: ``0`` success; ``1`` findings at or above ``--fail-on``; ``2`` bad input or
usage (:class:`InputError`, :class:`ConfigError`); ``3`` the environment failed (an
external tool, :class:`ToolError`; a full disk, :class:`EnvironmentFailure`); ``4`` an
internal error, a bug in locqa (any other exception).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 3
EXIT_INTERNAL = 4


class LocqaError(Exception):
    """Bad input or usage: reported as ``path:line: message`` and exit code 2."""

    exit_code = EXIT_USAGE

    def __init__(self, message: str, path: str | Path | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line

    def __str__(self) -> str:
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        return f"{where}: {self.message}" if where else self.message


class InputError(LocqaError):
    """A file locqa was asked to read is malformed (encoding, YAML, PO syntax...)."""


class ConfigError(LocqaError):
    """The configuration or the command line is wrong."""


class EnvironmentFailure(LocqaError):
    """The machine failed locqa: the disk is full, a quota is exceeded, a device failed."""

    exit_code = EXIT_ENVIRONMENT


class ToolError(EnvironmentFailure):
    """An external tool (LanguageTool, Maven, Java) is missing or failed."""


# errno values that are the machine's doing, not the user's: exit code 3
_ENVIRONMENTAL = frozenset(
    getattr(errno, name)
    for name in ("ENOSPC", "EDQUOT", "EIO", "ENOMEM", "EMFILE", "ENFILE")
    if hasattr(errno, name)
)

_HINTS = {
    errno.EACCES: "check the permissions or choose another path",
    errno.EPERM: "check the permissions or choose another path",
    errno.EISDIR: "a folder is in the way; give a file name",
    errno.ENOTDIR: "a file is in the way of a folder",
    errno.ENOSPC: "free some disk space and run again",
    errno.EROFS: "the file system is read-only; choose another path",
}


def from_os_error(exc: OSError) -> LocqaError:
    """An :class:`OSError` as a one-line error naming the path: exit 3 when the machine
    failed (disk full, I/O error, network), exit 2 otherwise (permissions, a folder in
    the way)."""
    where = " -> ".join(_shown(name) for name in (exc.filename, exc.filename2) if name)
    reason = exc.strerror or str(exc) or type(exc).__name__
    hint = _HINTS.get(exc.errno or 0)
    message = f"{reason}; {hint}" if hint else reason
    environmental = exc.errno in _ENVIRONMENTAL or isinstance(exc, ConnectionError | TimeoutError)
    kind = EnvironmentFailure if environmental else ConfigError
    return kind(message, where or None)


def _shown(name: str | bytes | int) -> str:
    """A path as given, relative to the working folder when it is below it."""
    text = os.fsdecode(name) if isinstance(name, str | bytes) else str(name)
    try:
        return Path(text).resolve().relative_to(Path.cwd()).as_posix()
    except (ValueError, OSError):
        return text
