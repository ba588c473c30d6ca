"""Where each finding of ``locqa run`` stands after fixing: open, fixed or approved.

``locqa run`` checks, fixes, and checks again. :func:`reconcile` pairs every finding of the
check after fixing (each one *open*) with the finding of the check before fixing that it
continues, one to one, trying in turn, each finding in report order:

1. the same finding (:func:`identity`: where, which text, which span, which check, which
   message);
2. the same problem in changed text: the same entry, line, check, rule, message and
   flagged words, wherever they moved (a fix elsewhere in the entry shifted them);
3. the same entry, line, check and rule (a fix changed the flagged words, and the check
   still reports the entry).

A finding of the check before fixing that nothing after fixing continues is *approved*
when its entry is approved now (by a reviewer, or by the translation memory during the
fix), else *fixed*. The checks leave out approved entries, so the findings on them that
the check before fixing did not report either (entries approved in an earlier review)
come from ``locqa fix`` (:attr:`locqa.fix.FixResult.approved`) and are approved too.

The result, :class:`Outcome`, is what the reports render: :attr:`Outcome.findings` with
:attr:`Outcome.resolutions` (every finding missing from it is open).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from ..findings import EntryKey, Finding, FixSafety, Resolution, Status, ordered

if TYPE_CHECKING:
    from ..findings import Change

Resolutions = Mapping[Finding, Resolution]


def identity(f: Finding) -> tuple[object, ...]:
    """What makes two findings the same finding (also the HTML report's identity)."""
    return (f.path, f.line, f.msgctxt, f.msgid, f.msgstr, f.start, f.end, f.check, f.message)


def _same_problem(f: Finding) -> tuple[object, ...]:
    flagged = "" if f.start is None else f.msgstr[f.start : f.end]
    return (*f.entry, f.line, f.check, f.rule, f.message, flagged)


def _same_check(f: Finding) -> tuple[object, ...]:
    return (*f.entry, f.line, f.check, f.rule)


_MATCHES: tuple[Callable[[Finding], Hashable], ...] = (identity, _same_problem, _same_check)


def pair(before: Sequence[Finding], after: Sequence[Finding]) -> dict[int, int]:
    """Index in *after* → index in *before* of the finding it continues (see the module
    docstring); findings only *after* has are left out."""
    partner: dict[int, int] = {}
    for key in _MATCHES:
        taken = set(partner.values())
        free: dict[Hashable, list[int]] = defaultdict(list)
        for i, finding in enumerate(before):
            if i not in taken:
                free[key(finding)].append(i)
        for j, finding in enumerate(after):
            candidates = free.get(key(finding))
            if j not in partner and candidates:
                partner[j] = candidates.pop(0)
    return partner


@dataclass(frozen=True)
class Outcome:
    """The findings of a run reconciled with what the checks report after fixing."""

    before: tuple[Finding, ...]  # the check before fixing, in report order
    after: tuple[Finding, ...]  # the check after fixing (all open), in report order
    approved: tuple[Finding, ...] = ()  # on approved entries, in neither of the above
    resolutions: Resolutions = field(default_factory=dict)  # findings no longer open
    # each finding of *after* with the finding of *before* it continues (None: a new one)
    pairs: tuple[tuple[Finding, Finding | None], ...] = ()

    @property
    def findings(self) -> list[Finding]:
        """What the reports list: the open findings as the checks report them now, then
        those fixed or approved as they were reported before."""
        resolved = [f for f in (*self.before, *self.approved) if f in self.resolutions]
        return [*self.after, *resolved]

    def counts(self) -> Counter[Status]:
        return count_statuses(self.findings, self.resolutions)


def status_of(finding: Finding, resolutions: Resolutions | None) -> Status:
    resolution = resolutions.get(finding) if resolutions else None
    return resolution.status if resolution is not None else Status.OPEN


def count_statuses(findings: Iterable[Finding], resolutions: Resolutions | None) -> Counter[Status]:
    """Findings per status, every status present (zero when none)."""
    counts = Counter(dict.fromkeys(Status, 0))
    counts.update(status_of(f, resolutions) for f in findings)
    return counts


def open_findings(findings: Iterable[Finding], resolutions: Resolutions | None) -> list[Finding]:
    return [f for f in findings if status_of(f, resolutions) is Status.OPEN]


def describe(resolution: Resolution) -> str:
    """How a finding was resolved, for people: ``fixed by locqa fix (ENC002, safe)``."""
    if resolution.status is Status.FIXED:
        how = ", ".join(
            part
            for part in (resolution.check, resolution.safety and resolution.safety.value)
            if part
        )
        return "fixed by locqa fix" + (f" ({how})" if how else "")
    if resolution.status is Status.APPROVED:
        if resolution.decision == "memory":
            return "approved: decided by the translation memory"
        return f"approved by a reviewer ({resolution.decision or 'approve'})"
    return "open"


def _fix_resolution(changes: Sequence[Change], finding: Finding) -> Resolution:
    """Fixed, naming the fix when one check's fix (of one safety) changed the entry: the
    finding's own check's, else the only one there was."""
    own = [c for c in changes if c.check == finding.check]
    kinds = {(c.check, c.safety) for c in own or changes}
    if len(kinds) != 1:
        return Resolution(Status.FIXED)
    check, safety = kinds.pop()
    return Resolution(Status.FIXED, check, FixSafety(safety) if safety else None)


def reconcile(
    before: Sequence[Finding],
    after: Sequence[Finding],
    *,
    changes: Sequence[Change] = (),
    decisions: Mapping[EntryKey, str] | None = None,
    approved: Sequence[Finding] = (),
) -> Outcome:
    """The :class:`Outcome` of a run: *before* and *after* are the findings of the checks
    before and after fixing, *changes* the fixes applied (``FixResult.fixes``), *decisions*
    the approved entries with their decision, *approved* the findings on those entries."""
    decided = decisions or {}
    first, now = ordered(before), ordered(after)
    partner = pair(first, now)
    continued = {first[i] for i in partner.values()} | set(now)
    fixes: dict[EntryKey, list[Change]] = defaultdict(list)
    for change in changes:
        if change.origin == "fix":
            fixes[(change.path, change.msgctxt or None, change.msgid)].append(change)
    resolutions: dict[Finding, Resolution] = {}
    for finding in first:
        if finding in continued:
            continue
        decision = decided.get(finding.entry)
        resolutions[finding] = (
            Resolution(Status.APPROVED, decision=decision)
            if decision is not None
            else _fix_resolution(fixes.get(finding.entry, []), finding)
        )
    shown = {_same_check(f) for f in (*first, *now)}
    extra = [f for f in ordered(approved) if _same_check(f) not in shown]
    for finding in extra:
        resolutions[finding] = Resolution(Status.APPROVED, decision=decided.get(finding.entry))
    return Outcome(
        before=tuple(first),
        after=tuple(now),
        approved=tuple(extra),
        resolutions=resolutions,
        pairs=tuple((f, first[partner[j]] if j in partner else None) for j, f in enumerate(now)),
    )
