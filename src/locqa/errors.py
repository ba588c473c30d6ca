"""Errors that end a run with exit code 2 and a one-line message naming the file."""

from __future__ import annotations

from pathlib import Path


class LocqaError(Exception):
    """Bad input or usage: reported as ``path:line: message`` and exit code 2."""

    exit_code = 2

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


class ToolError(LocqaError):
    """An external tool (LanguageTool, Maven, Java) is missing or failed."""

    exit_code = 3
