"""``locqa fix``: apply the checks' suggested fixes to the catalogues, by safety, as ruff does.

* **Safe** fixes apply by default: mojibake repair, HTML-entity decoding, deprecated →
  preferred term (capitalisation and number kept), invisible characters. ``--unsafe-fixes``
  also applies **unsafe** ones (fixes that could change meaning or rendering: a term inside
  a compound, an entity that decodes to Markdown syntax, LanguageTool replacements).
* **Overlaps.** The fixes of one entry are sorted by ``(start, end, check code,
  suggestion)``; a fix is kept unless it overlaps one kept before it (spans that share
  characters, or two insertions at the same place). Dropped fixes are not lost: fix runs
  its checks again on the entries it changed and applies what still applies, until
  nothing changes (at most :data:`MAX_PASSES` passes), so one ``locqa fix`` reaches the
  fixed point and a second run changes nothing.
* **Nothing lost.** The first original MT text of every changed entry is kept in the PO
  (``# locqa-original:``, see :mod:`locqa.memory`), and every change is appended to the
  audit log ``build/reports/fixes.json`` (the file holds the full history; it is rewritten
  atomically with the new records added at the end).
* **Review state.** After writing, the checks run again and annotate the catalogues: an
  entry whose findings are all fixed loses the ``fuzzy`` flag locqa set; one with findings
  left stays fuzzy for ``locqa review``. Entries a reviewer approved are never touched.
* **Memory.** Before fixing, decisions in the translation memory are applied to every entry
  with the same source and MT text (see :mod:`locqa.memory`).

Catalogues are not re-rendered: only the blocks of the entries that changed are replaced
(rendered by Babel's ``write_po``, width 76, exactly as ``locqa extract`` writes them) and
``PO-Revision-Date`` is updated; the result is re-read and compared with the intended
catalogue, and the whole file is written by Babel should the splice ever disagree.
"""

from __future__ import annotations

import difflib
import io
import itertools
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import AbstractContextManager, ExitStack, nullcontext
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from .annotate import annotate_po
from .atomic import write_bytes
from .audit import Change, append_audit, audit_log_path
from .catalog import catalog_signature, messages, read_catalog, serialize
from .checking import check_project
from .checks.base import CheckContext
from .checks.runner import (
    ArticleUnits,
    CheckRun,
    TextChecker,
    new_context,
    project_units,
    run_checks,
    selected_checks,
)
from .config import Settings
from .findings import Finding, FixSafety
from .locate import Locator
from .markup import edit_is_allowed
from .memory import (
    Memory,
    is_approved,
    keep_original,
    mark_approved,
    memory_path,
    mt_text,
)
from .provenance import clear_new_mt, mark_machine_text
from .report.status import Outcome, reconcile

Key = tuple[str | None, str]  # (msgctxt, msgid)
LanguageToolFactory = Callable[[], AbstractContextManager[TextChecker]]
MAX_PASSES = 8
_AUTO_FLAGS = ("python-format", "python-brace-format")
_REVISION = re.compile(r'^"PO-Revision-Date: [^"\\]*\\n"\r?$')


# --------------------------------------------------------------------------- catalogues


def _parse(data: bytes) -> Catalog:
    return read_po(io.BytesIO(data))


def _read(path: Path, lang: str, display: str) -> Catalog:
    """The catalogue as ``locqa extract`` keeps it: without the format flags Babel guesses
    from braces and percent signs (documentation text is not a format string)."""
    catalog = read_catalog(path, lang, display)
    for msg in messages(catalog):
        msg.flags.difference_update(_AUTO_FLAGS)
    return catalog


@dataclass
class Catalogue:
    """One PO file being edited: its bytes as read, and the Babel catalogue we change."""

    path: Path
    display: str
    lang: str
    raw: bytes
    catalog: Catalog
    changed: set[Key] = field(default_factory=set)

    @classmethod
    def load(cls, path: Path, lang: str, display: str) -> Catalogue:
        return cls(path, display, lang, path.read_bytes(), _read(path, lang, display))

    def get(self, key: Key) -> Message | None:
        msg = self.catalog.get(key[1], key[0])
        return msg if isinstance(msg, Message) else None

    def entries(self) -> Iterator[Message]:
        return iter(list(messages(self.catalog)))

    def render(self, moment: datetime | None = None) -> bytes:
        """The file with the changed entries' blocks replaced (see the module docstring)."""
        if not self.changed:
            return self.raw
        when = moment or datetime.now().astimezone()
        self.catalog.revision_date = when
        full = serialize(self.catalog)
        spliced = self._splice(when)
        if spliced is not None:
            try:
                if catalog_signature(_parse(spliced)) == catalog_signature(_parse(full)):
                    return spliced
            except Exception:
                pass
        return full

    def save(self, moment: datetime | None = None) -> bool:
        data = self.render(moment)
        written = write_bytes(self.path, data)
        self.raw, self.changed = data, set()
        self.catalog = _read(self.path, self.lang, self.display)
        return written

    def _render_entry(self, msg: Message) -> list[str]:
        single = Catalog(locale=self.catalog.locale, charset=self.catalog.charset)
        single[msg.id] = msg
        buffer = io.BytesIO()
        write_po(
            buffer, single, width=76, omit_header=True, include_previous=True, ignore_obsolete=True
        )
        return buffer.getvalue().decode(self.catalog.charset).rstrip("\n").split("\n")

    def _splice(self, when: datetime) -> bytes | None:
        charset = self.catalog.charset or "utf-8"
        lines = self.raw.decode(charset).split("\n")
        cr = "\r" if lines and lines[0].endswith("\r") else ""
        blocks: list[tuple[int, int, list[str]]] = []
        for key in self.changed:
            msg = self.get(key)
            if msg is None or not msg.lineno or msg.lineno > len(lines):
                return None
            start = end = msg.lineno - 1
            while start > 0 and lines[start - 1].strip():
                start -= 1
            while end < len(lines) and lines[end].strip():
                end += 1
            blocks.append((start, end, [line + cr for line in self._render_entry(msg)]))
        blocks.sort(reverse=True)
        for (start, _end, _), (_, previous_end, _) in itertools.pairwise(blocks):
            if previous_end > start:
                return None  # two changed entries in one block: let Babel write the file
        for start, end, new in blocks:
            lines[start:end] = new
        stamp = when.strftime("%Y-%m-%d %H:%M%z")
        for index, line in enumerate(lines):
            if not line.strip():
                break
            if _REVISION.match(line):
                lines[index] = f'"PO-Revision-Date: {stamp}\\n"{cr}'
                break
        return "\n".join(lines).encode(charset, errors="backslashreplace")


def set_translation(msg: Message, text: str) -> bool:
    """Change the msgstr, keeping the first original; True when it changed."""
    if msg.string == text:
        return False
    keep_original(msg, str(msg.string or ""))
    msg.string = text
    return True


def approve(msg: Message, decision: str, overrides: Iterable[str] = ()) -> None:
    """Mark *msg* decided: approval marker (recording the check codes of the findings it
    *overrides*), no ``fuzzy``, no locqa comments or previous."""
    mark_approved(msg, decision, overrides)
    clear_new_mt(msg)  # a re-delivered MT in conflict is decided too
    msg.flags.discard("fuzzy")
    msg.previous_id = []


# --------------------------------------------------------------------------- the project


@dataclass
class Project:
    """The articles' units and catalogues of every language, held in memory while editing."""

    settings: Settings
    groups: dict[str, list[ArticleUnits]]
    catalogues: dict[Path, Catalogue]
    where: dict[tuple[Path, Key], tuple[str, int]]  # first segment (path, line) of an entry
    po_of: dict[str, Path]  # translated article path → catalogue

    @classmethod
    def load(cls, settings: Settings) -> Project:
        groups: dict[str, list[ArticleUnits]] = {}
        catalogues: dict[Path, Catalogue] = {}
        where: dict[tuple[Path, Key], tuple[str, int]] = {}
        po_of: dict[str, Path] = {}
        for lang in settings.languages:
            groups[lang] = list(project_units(settings, lang))
            for group in groups[lang]:
                if group.po is None or group.article.target is None:
                    continue
                po_of[group.article.target.path] = group.po
                catalogues[group.po] = Catalogue.load(group.po, lang, settings.display(group.po))
                for unit in group.units:
                    where.setdefault((group.po, (unit.msgctxt, unit.msgid)), (unit.path, unit.line))
        return cls(settings, groups, catalogues, where, po_of)

    def units(self, lang: str, only: set[tuple[Path, Key]] | None = None) -> list[ArticleUnits]:
        """The units of *lang* with their current msgstr (only the *only* entries if given)."""
        out = []
        for group in self.groups[lang]:
            if group.po is None:
                continue
            cat = self.catalogues[group.po]
            units = []
            for unit in group.units:
                key = (unit.msgctxt, unit.msgid)
                if only is not None and (group.po, key) not in only:
                    continue
                msg = cat.get(key)
                if msg is not None and isinstance(msg.string, str) and msg.string:
                    units.append(replace(unit, msgstr=msg.string))
            if only is None or units:
                out.append(ArticleUnits(group.article, group.po, units))
        return out

    def locate(self, po: Path, key: Key) -> tuple[str, int]:
        return self.where.get((po, key), (self.catalogues[po].display, 0))

    def changed(self) -> list[Catalogue]:
        return [c for c in self.catalogues.values() if c.changed]


class Checker:
    """Runs the checks for fix and review, keeping one LanguageTool session for the run.

    Whole-project checks go through :func:`locqa.checking.check_project` (the cached,
    parallel engine, so a fix right after ``locqa check`` costs little); the entries fix
    changed are re-checked in this process (:meth:`run`), with a context built on first use.
    """

    def __init__(
        self,
        settings: Settings,
        *,
        skip_languagetool: bool,
        languagetool: LanguageToolFactory | None,
        jobs: int | None = None,
    ) -> None:
        self.settings = settings
        self.checks = selected_checks(ignore=settings.disabled_checks)
        self.skip_languagetool = skip_languagetool
        self.jobs = jobs
        self._factory = languagetool
        self._context: CheckContext | None = None
        self._stack = ExitStack()
        self._session: TextChecker | None = None

    @property
    def context(self) -> CheckContext:
        if self._context is None:
            self._context = new_context(self.settings, self.settings.termbase_path)
        return self._context

    def factory(self) -> LanguageToolFactory | None:
        if self.skip_languagetool:
            return None

        def shared() -> AbstractContextManager[TextChecker]:
            if self._session is None:
                start = self._factory
                if start is None:
                    from .checks.runner import languagetool_factory

                    start = languagetool_factory(self.settings, self.context)
                self._session = self._stack.enter_context(start())
            return nullcontext(self._session)

        return shared

    def run(self, groups: Iterable[ArticleUnits], lang: str) -> list[Finding]:
        """Findings for *groups* (their current units), checked in this process."""
        run = run_checks(
            groups,
            source_lang=self.settings.source_lang,
            target_lang=lang,
            checks=self.checks,
            context=self.context,
            languagetool=self.factory(),
        )
        return run.findings

    def check_project(self, *, annotate: bool) -> tuple[CheckRun, Locator]:
        """``locqa check`` over the files as written, findings for approved entries dropped;
        with *annotate*, the catalogues get their fuzzy flags and ``# locqa:`` comments."""
        from .memory import drop_approved

        run, locator = check_project(
            self.settings,
            skip_languagetool=self.skip_languagetool,
            annotate=False,
            languagetool=self.factory(),
            jobs=self.jobs,
        )
        run.findings = drop_approved(run.findings, run.po_of)
        if annotate:
            by_po: dict[Path, list[Finding]] = {po: [] for po in run.po_of.values()}
            for finding in run.findings:
                po = run.po_of.get(finding.path)
                if po is not None:
                    by_po[po].append(finding)
            for po, found in by_po.items():
                annotate_po(po, found)
        return run, locator

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# --------------------------------------------------------------------------- fixes


def _overlaps(a: Finding, b: Finding) -> bool:
    assert a.start is not None and a.end is not None and b.start is not None
    assert b.end is not None
    if a.start == a.end == b.start == b.end:
        return True
    return a.start < b.end and b.start < a.end


def choose_fixes(
    findings: Iterable[Finding], safeties: Sequence[FixSafety]
) -> tuple[list[Finding], list[Finding]]:
    """(kept, dropped): the applicable fixes of one entry, overlaps resolved.

    A fix applies when its safety is in *safeties*, it has a suggestion and a span inside
    the msgstr, the suggestion changes the text, and it leaves every protected span (code,
    URLs, link targets, ``[!DNL …]``, Markdown syntax: :func:`locqa.markup.edit_is_allowed`)
    as it is; only a display-only suggestion a reviewer chose (the whole text of a new MT)
    may replace them. Sorted by ``(start, end, check, suggestion)``; a fix overlapping one
    kept earlier is dropped.
    """
    candidates: dict[tuple[int, int, str, str], Finding] = {}
    for f in findings:
        if f.fix not in safeties or f.suggestion is None or f.start is None or f.end is None:
            continue
        if not 0 <= f.start <= f.end <= len(f.msgstr) or f.msgstr[f.start : f.end] == f.suggestion:
            continue
        if f.fix is not FixSafety.DISPLAY_ONLY and not edit_is_allowed(
            f.msgstr, f.start, f.end, f.suggestion
        ):
            continue
        candidates.setdefault((f.start, f.end, f.check, f.suggestion), f)
    kept: list[Finding] = []
    dropped: list[Finding] = []
    for key in sorted(candidates):
        f = candidates[key]
        (dropped if kept and _overlaps(kept[-1], f) else kept).append(f)
    return kept, dropped


@dataclass(frozen=True)
class Step:
    """One fix applied: the span it replaced in *before* (offsets into *before*)."""

    finding: Finding
    start: int
    end: int
    before: str
    after: str


def apply_spans(msgstr: str, fixes: Sequence[Finding]) -> list[Step]:
    """Apply non-overlapping *fixes* (sorted by start) one after the other."""
    steps = []
    delta = 0
    text = msgstr
    for f in fixes:
        assert f.start is not None and f.end is not None and f.suggestion is not None
        start, end = f.start + delta, f.end + delta
        new = text[:start] + f.suggestion + text[end:]
        steps.append(Step(f, start, end, text, new))
        delta += len(f.suggestion) - (f.end - f.start)
        text = new
    return steps


def load_memories(settings: Settings) -> dict[str, Memory]:
    return {
        lang: Memory.load(
            memory_path(settings.locales_root, settings.source_lang, lang),
            settings.source_lang,
            lang,
        )
        for lang in settings.languages
    }


def apply_memory(project: Project, memories: dict[str, Memory]) -> list[Change]:
    """Give every undecided entry whose (source, MT text) the memory knows its decision."""
    changes = []
    for po, cat in sorted(project.catalogues.items()):
        memory = memories.get(cat.lang)
        if memory is None:
            continue
        for msg in cat.entries():
            if not isinstance(msg.string, str) or not msg.string or is_approved(msg):
                continue
            decision = memory.lookup(str(msg.id), mt_text(msg))
            if decision is None:
                continue
            before = msg.string
            set_translation(msg, decision.translation)
            approve(msg, "memory")
            key: Key = (msg.context, str(msg.id))
            cat.changed.add(key)
            path, line = project.locate(po, key)
            changes.append(
                Change(
                    "memory",
                    cat.display,
                    path,
                    line,
                    msg.context,
                    str(msg.id),
                    before,
                    decision.translation,
                    decision=decision.decision,
                )
            )
    return changes


def _wanted(code: str, select: Sequence[str], ignore: Sequence[str]) -> bool:
    if select and not any(code.startswith(p.upper()) for p in select):
        return False
    return not (ignore and any(code.startswith(p.upper()) for p in ignore))


def apply_fixes(
    project: Project,
    checker: Checker,
    safeties: Sequence[FixSafety],
    first: Sequence[Finding],
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> list[Change]:
    """Apply the fixes of *first* (the project's findings), then check the changed entries
    again and fix what still applies, until nothing changes."""
    changes: list[Change] = []
    found: Sequence[Finding] = first
    for _ in range(MAX_PASSES):
        by_entry: dict[tuple[Path, Key], list[Finding]] = defaultdict(list)
        for finding in found:
            po = project.po_of.get(finding.path)
            if po is not None and _wanted(finding.check, select, ignore):
                by_entry[(po, (finding.msgctxt or None, finding.msgid))].append(finding)
        changed: set[tuple[Path, Key]] = set()
        for (po, key), entry_findings in sorted(by_entry.items(), key=_entry_order):
            cat = project.catalogues[po]
            msg = cat.get(key)
            if msg is None or not isinstance(msg.string, str) or is_approved(msg):
                continue
            current = [f for f in entry_findings if f.msgstr == msg.string]
            kept, _dropped = choose_fixes(current, safeties)
            if not kept:
                continue
            steps = apply_spans(msg.string, kept)
            path, line = project.locate(po, key)
            for step in steps:
                f = step.finding
                changes.append(
                    Change(
                        "fix",
                        cat.display,
                        path,
                        line,
                        key[0],
                        key[1],
                        step.before,
                        step.after,
                        check=f.check,
                        safety=f.fix.value if f.fix else None,
                        span=(step.start, step.end),
                    )
                )
            set_translation(msg, steps[-1].after)
            mark_machine_text(msg)  # locqa's text, not a person's (see locqa.provenance)
            cat.changed.add(key)
            changed.add((po, key))
        if not changed:
            break
        found = [
            f for lang in project.groups for f in checker.run(project.units(lang, changed), lang)
        ]
    return changes


def _entry_order(item: tuple[tuple[Path, Key], list[Finding]]) -> tuple[str, str, str]:
    (po, (ctxt, msgid)), _ = item
    return (str(po), msgid, ctxt or "")


@dataclass
class FixResult:
    changes: list[Change] = field(default_factory=list)
    diffs: list[str] = field(default_factory=list)  # unified diffs (dry run)
    written: list[str] = field(default_factory=list)
    remaining: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    # entries approved after fixing (by a reviewer or the memory) → the decision, and what
    # the checks find on them: not open, so not in *remaining* (see locqa.report.status)
    decisions: dict[tuple[str, str | None, str], str] = field(default_factory=dict)
    approved: list[Finding] = field(default_factory=list)

    @property
    def fixes(self) -> list[Change]:
        return [c for c in self.changes if c.origin == "fix"]

    @property
    def entries(self) -> int:
        return len({(c.po, c.msgctxt, c.msgid) for c in self.fixes})

    def count(self, safety: FixSafety) -> int:
        return sum(1 for c in self.fixes if c.safety == safety.value)

    @property
    def from_memory(self) -> int:
        return sum(1 for c in self.changes if c.origin == "memory")

    def outcome(self, before: Sequence[Finding]) -> Outcome:
        """The findings of the check before fixing (*before*), each open, fixed or
        approved after this fix (what ``locqa run`` reports)."""
        return reconcile(
            before,
            self.remaining,
            changes=self.fixes,
            decisions=self.decisions,
            approved=self.approved,
        )

    def summary(self, dry_run: bool = False) -> str:
        verb = "would fix" if dry_run else "fixed"
        text = (
            f"{verb} {len(self.fixes)} finding(s) in {self.entries} entr(y/ies) "
            f"({self.count(FixSafety.SAFE)} safe, {self.count(FixSafety.UNSAFE)} unsafe)"
        )
        if self.from_memory:
            text += f"; {self.from_memory} entr(y/ies) decided by the translation memory"
        if not dry_run:
            text += f"; {len(self.remaining)} remain"
        return text


def fix_project(
    settings: Settings,
    *,
    unsafe: bool = False,
    dry_run: bool = False,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    skip_languagetool: bool = False,
    languagetool: LanguageToolFactory | None = None,
    jobs: int | None = None,
    moment: datetime | None = None,
) -> FixResult:
    """Apply the translation memory and the fixes; write catalogues, audit log, annotations.

    With *dry_run* nothing is written and :attr:`FixResult.diffs` holds unified diffs of
    the catalogues as they would be written.
    """
    safeties = (FixSafety.SAFE, FixSafety.UNSAFE) if unsafe else (FixSafety.SAFE,)
    result = FixResult()
    with Checker(
        settings, skip_languagetool=skip_languagetool, languagetool=languagetool, jobs=jobs
    ) as checker:
        project = Project.load(settings)
        result.changes.extend(apply_memory(project, load_memories(settings)))
        first, _ = checker.check_project(annotate=False)
        result.changes.extend(
            apply_fixes(project, checker, safeties, first.findings, select=select, ignore=ignore)
        )
        changed = sorted(project.changed(), key=lambda c: c.display)
        if dry_run:
            for cat in changed:
                old = cat.raw.decode(cat.catalog.charset or "utf-8").splitlines(keepends=True)
                new = cat.render(moment).decode(cat.catalog.charset or "utf-8")
                result.diffs.append(
                    "".join(
                        difflib.unified_diff(
                            old,
                            new.splitlines(keepends=True),
                            fromfile=f"a/{cat.display}",
                            tofile=f"b/{cat.display}",
                        )
                    )
                )
            return result
        for cat in changed:
            if cat.save(moment):
                result.written.append(cat.display)
        append_audit(audit_log_path(settings), result.changes, moment)
        run, _ = checker.check_project(annotate=True)
        result.remaining = run.findings
        result.skipped = run.skipped
        # the entries decided now (reviewer or memory) and what the checks, which leave
        # them out of *remaining*, find on them: the reports show those as approved
        from .memory import approval_of

        article = {po: path for path, po in project.po_of.items()}
        decided = {
            (po, (msg.context, str(msg.id))): approval.decision or "approve"
            for po, cat in project.catalogues.items()
            for msg in cat.entries()
            if (approval := approval_of(msg)) is not None
        }
        result.decisions = {(article[po], *key): d for (po, key), d in decided.items()}
        if decided:
            result.approved = [
                f
                for lang in project.groups
                for f in checker.run(project.units(lang, set(decided)), lang)
                if f.entry in result.decisions
            ]
    return result
