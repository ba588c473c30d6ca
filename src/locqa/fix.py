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

Catalogues are edited through :class:`locqa.po.Catalogue`: only the lines of the entries
that changed are rewritten, everything else stays byte for byte, and ``PO-Revision-Date``
is updated.
"""

from __future__ import annotations

import difflib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from .audit import append_audit, audit_log_path
from .catalog import Key
from .checking import Checker, LanguageToolFactory
from .config import Settings
from .findings import Change, Edit, Finding, FixSafety
from .markup import edit_is_allowed
from .memory import (
    Memory,
    is_approved,
    memory_path,
    mt_text,
)
from .provenance import mark_machine_text
from .report.status import Outcome, reconcile
from .workspace import Workspace, approve, set_translation

MAX_PASSES = 8


# --------------------------------------------------------------------------- fixes


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
        proposed, edit = f.proposed, f.edit
        if proposed is None or edit is None or proposed.applicability not in safeties:
            continue
        if not edit.fits(f.msgstr):
            continue
        if proposed.applicability is not FixSafety.DISPLAY_ONLY and not edit_is_allowed(
            f.msgstr, edit.start, edit.end, edit.replacement
        ):
            continue
        candidates.setdefault((edit.start, edit.end, f.check, edit.replacement), f)
    kept: list[Finding] = []
    dropped: list[Finding] = []
    for key in sorted(candidates):
        f = candidates[key]
        overlaps = kept and _edit(kept[-1]).overlaps(_edit(f))
        (dropped if overlaps else kept).append(f)
    return kept, dropped


def _edit(finding: Finding) -> Edit:
    edit = finding.edit
    assert edit is not None, finding
    return edit


@dataclass(frozen=True)
class Step:
    """One fix applied: the span it replaced in *before* (offsets into *before*)."""

    finding: Finding
    start: int
    end: int
    before: str
    after: str


def apply_spans(msgstr: str, fixes: Sequence[Finding]) -> list[Step]:
    """Apply the edits of non-overlapping *fixes* (sorted by start) one after the other."""
    steps = []
    delta = 0
    text = msgstr
    for f in fixes:
        edit = _edit(f).shifted(delta)
        new = edit.apply(text)
        steps.append(Step(f, edit.start, edit.end, text, new))
        delta += edit.delta
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


def apply_memory(project: Workspace, memories: dict[str, Memory]) -> list[Change]:
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
            cat.mark(key)
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
    project: Workspace,
    checker: Checker,
    safeties: Sequence[FixSafety],
    first: Sequence[Finding],
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
) -> tuple[list[Change], bool]:
    """Apply the fixes of *first* (the project's findings), then check the changed entries
    again and fix what still applies, until nothing changes. Returns the changes and
    whether that point was reached within :data:`MAX_PASSES` passes."""
    changes: list[Change] = []
    found: Sequence[Finding] = first
    for passes in range(MAX_PASSES + 1):
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
            if passes == MAX_PASSES:
                return changes, False  # still fixes to apply: stop, and say so
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
            cat.mark(key)
            changed.add((po, key))
        if not changed:
            return changes, True
        found = [
            f for lang in project.groups for f in checker.run(project.units(lang, changed), lang)
        ]
    return changes, True  # not reached: the last pass returns


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
    # False when fixes kept producing new fixes for MAX_PASSES passes (fixes that undo or
    # feed each other): what is written is consistent, but a further run may change more
    converged: bool = True

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
        if not self.converged:
            text += (
                f"; stopped after {MAX_PASSES} passes with fixes still applying (fixes that "
                "feed each other: run locqa fix again, or report it)"
            )
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
        project = Workspace.load(settings)
        result.changes.extend(apply_memory(project, load_memories(settings)))
        first, _ = checker.check_project(annotate=False)
        changes, result.converged = apply_fixes(
            project, checker, safeties, first.findings, select=select, ignore=ignore
        )
        result.changes.extend(changes)
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
