"""The check contract: each check is one small class that knows its code, docs and fix safety.

Checks are pure: they receive a :class:`Unit` (one source/target pair) and a shared
:class:`CheckContext`, and return findings. They do no I/O.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
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


class CheckMemo:
    """Scratch space for checks that memoise work within a run (the terminology checks
    analyse a unit once for TRM001-TRM003). Apart from :class:`CheckContext` on purpose:
    a memo may make a check faster, never change what it finds, and no other check reads it.
    """

    __slots__ = ("_values",)

    def __init__(self) -> None:
        self._values: dict[str, Any] = {}

    def get(self, key: str) -> Any:
        """The value put under *key*, or None."""
        return self._values.get(key)

    def put(self, key: str, value: Any) -> None:
        self._values[key] = value

    def clear(self) -> None:
        self._values.clear()


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckContext:
    """Shared, read-only state for checking translations into one language: the
    languages, NLP pipelines, that language's termbase, LanguageTool results, options.

    One context per target language (``checks.runner.new_context``); every field is set
    when it is made and never changed (``dataclasses.replace`` makes a variant). What a
    check memoises goes into :attr:`memo`, not into the options. Attributes are typed
    loosely here so that ``checks.base`` depends on nothing heavy; the modules that fill
    them document their types.
    """

    # a language profile's code (locqa.lang); no default: every context names its language
    target_lang: str
    source_lang: str = "en"
    nlp: Any = None  # locqa.nlp.Pipelines
    termbase: Any = None  # locqa.termbase.Termbase: target_lang's termbase, or None
    languagetool: Mapping[str, Sequence[Any]] = field(default_factory=dict)  # msgstr -> matches
    spelling: Any = None  # locqa.spelling.Lexicon: dictionary and word list (LT001), or None
    options: Mapping[str, Any] = field(default_factory=dict)
    memo: CheckMemo = field(default_factory=CheckMemo, compare=False, repr=False)


class Check:
    """Base class of a check on one unit. Subclasses set the class attributes."""

    code: ClassVar[str]  # stable id, e.g. "ENC001"
    name: ClassVar[str]  # kebab-case name, e.g. "mojibake"
    summary: ClassVar[str]  # one line: what it catches
    severity: ClassVar[Severity] = Severity.WARNING
    fix: ClassVar[FixSafety | None] = None
    # Documentation example: (source, machine translation) that triggers the check.
    example: ClassVar[tuple[str, str]] = ("", "")
    # The example's target language when it is not the documentation's (Dutch): "ja"
    example_lang: ClassVar[str] = ""
    # Off by default (measured precision too low to show every user): runs only when
    # ``--select`` names its full code, as linters treat opt-in rules.
    opt_in: ClassVar[bool] = False

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        raise NotImplementedError

    def unavailable(self) -> str | None:
        """Why this check cannot run on this machine (a missing optional package), said in
        the run's "skipped" list; None when it can."""
        return None

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
