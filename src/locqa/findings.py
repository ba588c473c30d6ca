"""Findings: immutable records of what a check found. Output formats are views over them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class FixSafety(StrEnum):
    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, slots=True)
class Finding:
    """One defect in one translation unit.

    ``start``/``end`` are character offsets into ``msgstr`` (``None`` when the finding is
    about the whole entry); ``suggestion`` replaces ``msgstr[start:end]``.
    """

    check: str
    severity: Severity
    message: str
    path: str
    line: int
    msgid: str
    msgstr: str
    start: int | None = None
    end: int | None = None
    suggestion: str | None = None
    fix: FixSafety | None = None
    msgctxt: str | None = None
    rule: str | None = None  # an external tool's own rule id (LanguageTool)
    extra: tuple[tuple[str, str], ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["severity"] = self.severity.value
        data["fix"] = self.fix.value if self.fix else None
        data.pop("extra")
        return data

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (
            self.path,
            self.line,
            -1 if self.start is None else self.start,
            self.check,
            self.message,
        )
