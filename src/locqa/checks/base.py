"""The check contract: each check is one small class that knows its code, docs and fix safety.

Checks are pure: they receive a :class:`Unit` (one source/target pair) and a shared
:class:`CheckContext`, and return findings. They do no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar

from ..findings import Finding, FixSafety, Severity


@dataclass(frozen=True, slots=True)
class Unit:
    """One translation unit as the checks see it."""

    msgid: str
    msgstr: str
    path: str = ""  # the translated Markdown file, relative to the project
    line: int = 0  # 1-based line of the segment in that file
    kind: str = "paragraph"  # block kind: heading, paragraph, list-item, table-cell...
    msgctxt: str | None = None
    source_path: str = ""


@dataclass
class CheckContext:
    """Shared, read-only state for one run: languages, NLP pipelines, termbase, LT results.

    Attributes are typed loosely here so that ``checks.base`` depends on nothing heavy;
    the modules that fill them document their types.
    """

    source_lang: str = "en"
    # a profile code or alias (locqa.lang); the runner sets both. The "nl" default only
    # serves tests that build CheckContext() for Dutch: it becomes "und" once they pass
    # target_lang="nl" themselves
    target_lang: str = "nl"
    nlp: Any = None  # locqa.nlp.Pipelines
    termbase: Any = None  # locqa.termbase.Termbase
    languagetool: dict[str, Sequence[Any]] = field(default_factory=dict)  # msgstr -> matches
    options: dict[str, Any] = field(default_factory=dict)


class Check:
    """Base class of a check on one unit. Subclasses set the class attributes."""

    code: ClassVar[str]  # stable id, e.g. "ENC001"
    name: ClassVar[str]  # kebab-case name, e.g. "mojibake"
    summary: ClassVar[str]  # one line: what it catches
    severity: ClassVar[Severity] = Severity.WARNING
    fix: ClassVar[FixSafety | None] = None
    # Documentation example: (source, machine translation) that triggers the check.
    example: ClassVar[tuple[str, str]] = ("", "")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def finding(
        self,
        unit: Unit,
        message: str,
        start: int | None = None,
        end: int | None = None,
        suggestion: str | None = None,
        *,
        severity: Severity | None = None,
        fix: FixSafety | bool | None = True,
        rule: str | None = None,
    ) -> Finding:
        """Build a finding located in *unit*; ``fix=True`` means "this check's fix safety"
        when a suggestion is given, ``None``/``False`` means no fix."""
        if fix is True:
            safety = self.fix if suggestion is not None else None
        elif fix is False:
            safety = None
        else:
            safety = fix
        return Finding(
            check=self.code,
            severity=severity or self.severity,
            message=message,
            path=unit.path,
            line=unit.line,
            msgid=unit.msgid,
            msgstr=unit.msgstr,
            start=start,
            end=end,
            suggestion=suggestion,
            fix=safety,
            msgctxt=unit.msgctxt,
            rule=rule,
        )


class CorpusCheck(Check):
    """A check that needs every unit of the run at once (consistency across articles)."""

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        return ()

    def check_corpus(self, units: Sequence[Unit], ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError


REGISTRY: dict[str, type[Check]] = {}


def register(cls: type[Check]) -> type[Check]:
    """Class decorator: add a check to the registry under its code."""
    code = cls.code
    if code in REGISTRY and REGISTRY[code] is not cls:
        raise ValueError(
            f"duplicate check code {code}: {cls.__name__} and {REGISTRY[code].__name__}"
        )
    REGISTRY[code] = cls
    return cls
