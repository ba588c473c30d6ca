"""The model: what a check found (:class:`Finding`), the change it proposes (:class:`Edit`,
:class:`Fix` with its applicability), and where a finding stands after fix and review.
Immutable records; every output format is a view over them."""

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
class Edit:
    """Replace ``text[start:end]`` with *replacement* (an insertion when start == end)."""

    start: int
    end: int
    replacement: str

    def apply(self, text: str) -> str:
        return text[: self.start] + self.replacement + text[self.end :]

    def fits(self, text: str) -> bool:
        """Whether the span lies inside *text* and the edit changes it."""
        inside = 0 <= self.start <= self.end <= len(text)
        return inside and text[self.start : self.end] != self.replacement

    def overlaps(self, other: Edit) -> bool:
        """Spans that share characters, or two insertions at one place."""
        if self.start == self.end == other.start == other.end:
            return True
        return self.start < other.end and other.start < self.end

    def shifted(self, delta: int) -> Edit:
        return Edit(self.start + delta, self.end + delta, self.replacement)

    @property
    def delta(self) -> int:
        """How much longer the text gets."""
        return len(self.replacement) - (self.end - self.start)


@dataclass(frozen=True, slots=True)
class Fix:
    """What applying a finding's suggestion does (ruff's ``Fix``): its edits, and how it may
    be applied."""

    edits: tuple[Edit, ...]
    applicability: FixSafety


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

    @property
    def edit(self) -> Edit | None:
        """The suggestion as an edit of ``msgstr``, when the finding has one."""
        if self.start is None or self.end is None or self.suggestion is None:
            return None
        return Edit(self.start, self.end, self.suggestion)

    @property
    def proposed(self) -> Fix | None:
        """The fix the finding proposes (its edit and applicability), if any."""
        edit = self.edit
        if edit is None or self.fix is None:
            return None
        return Fix((edit,), self.fix)

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


@dataclass(frozen=True)
class Decision:
    """What a reviewer decided (kept in the translation memory): *source*
    machine-translated as *mt* should read *translation*."""

    source: str
    mt: str
    translation: str
    decision: str  # accept (a suggestion) | edit | approve (the text as it is)
    created: str = ""
    changed: str = ""
    context: str | None = None  # msgctxt of the entry it was first made on (informative)

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.mt)


@dataclass(frozen=True)
class Change:
    """One change to one catalogue entry, as recorded in the audit log."""

    origin: str  # fix | memory | review
    po: str
    path: str
    line: int
    msgctxt: str | None
    msgid: str
    before: str
    after: str
    check: str | None = None
    safety: str | None = None
    span: tuple[int, int] | None = None
    decision: str | None = None  # review / memory: accept | edit | approve
    overrides: tuple[str, ...] | None = None  # an approval: the check codes it overrides
    comment: str | None = None  # an approval: the reviewer's note, if they wrote one

    def to_json(self, time: str) -> dict[str, Any]:
        return {
            "time": time,
            "origin": self.origin,
            "path": self.path,
            "line": self.line,
            "po": self.po,
            "msgctxt": self.msgctxt,
            "msgid": self.msgid,
            "check": self.check,
            "safety": self.safety,
            "span": list(self.span) if self.span else None,
            "decision": self.decision,
            "overrides": list(self.overrides) if self.overrides is not None else None,
            "comment": self.comment,
            "before": self.before,
            "after": self.after,
        }
