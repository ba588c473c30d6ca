"""Findings: immutable records of what a check found. Output formats are views over them."""

from __future__ import annotations

from collections.abc import Sequence
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
    """How a suggestion may be applied (ruff's ``Applicability``): *safe* by ``locqa fix``,
    *unsafe* with ``--unsafe-fixes``, *display-only* never automatically, only when a
    reviewer chooses it."""

    SAFE = "safe"
    UNSAFE = "unsafe"
    DISPLAY_ONLY = "display-only"


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
    def entry(self) -> EntryKey:
        """The catalogue entry the finding is about: (article path, msgctxt, msgid)."""
        return (self.path, self.msgctxt or None, self.msgid)

    @property
    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (
            self.path,
            self.line,
            -1 if self.start is None else self.start,
            self.check,
            self.message,
        )


EntryKey = tuple[str, str | None, str]  # (translated article path, msgctxt, msgid)


class Status(StrEnum):
    """Where a reported finding stands after ``locqa fix`` and review."""

    OPEN = "open"  # the checks still report it
    FIXED = "fixed"  # locqa fix changed the text and the checks no longer report it
    APPROVED = "approved"  # a reviewer (or the translation memory) decided the entry


@dataclass(frozen=True, slots=True)
class Resolution:
    """How a finding stopped being open: its status and, when known, what did it."""

    status: Status
    check: str | None = None  # fixed: the check whose fix changed the entry
    safety: FixSafety | None = None  # fixed: that fix's safety
    decision: str | None = None  # approved: accept | edit | approve | memory

    def to_json(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "safety": self.safety.value if self.safety is not None else None,
            "decision": self.decision,
        }


def ordered(findings: Sequence[Finding]) -> list[Finding]:
    """*findings* in report order: :attr:`Finding.sort_key`, ties broken on every other
    field so that the order never depends on the order the checks ran in."""
    return sorted(
        findings,
        key=lambda f: (
            f.sort_key,
            -1 if f.end is None else f.end,
            f.msgctxt or "",
            f.msgid,
            f.msgstr,
            f.rule or "",
            f.suggestion or "",
        ),
    )
