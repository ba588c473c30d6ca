"""Findings people have decided not to see: approved entries, and ``ignore-<check>`` flags.

Weblate's convention: a PO entry flagged ``#, ignore-trm001`` (a check code) or
``#, ignore-languagetool`` (a check name) is not reported by that check; ``ignore-lt001``
stays on the entry through re-extraction, fix and review, and only that entry is exempt.
Flags are matched case-insensitively. An approved entry (``locqa review``, the translation
memory) is not flagged again until its source or translation changes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from ..catalog import messages, read_catalog
from ..findings import Finding
from ..memory import approved_keys
from .base import REGISTRY

PREFIX = "ignore-"

EntryKey = tuple[str | None, str]  # (msgctxt, msgid)


def ignored_by(flags: Iterable[str]) -> frozenset[str]:
    """The check codes and names an entry's *flags* turn off (lowercase)."""
    return frozenset(
        flag[len(PREFIX) :].strip().lower() for flag in flags if flag.lower().startswith(PREFIX)
    )


def is_ignored(check: str, ignored: frozenset[str]) -> bool:
    """Whether the finding of *check* (a code) is turned off by *ignored*."""
    if not ignored:
        return False
    found = REGISTRY.get(check)
    return check.lower() in ignored or (found is not None and found.name.lower() in ignored)


def ignore_flags(po: Path) -> dict[EntryKey, frozenset[str]]:
    """The entries of the catalogue *po* with ``ignore-`` flags, and what they turn off."""
    if PREFIX.encode() not in po.read_bytes().lower():  # most catalogues: no parse needed
        return {}
    out: dict[EntryKey, frozenset[str]] = {}
    for msg in messages(read_catalog(po, None)):
        ignored = ignored_by(msg.flags)
        if ignored:
            out[(msg.context, str(msg.id))] = ignored
    return out


def drop_suppressed(
    findings: Sequence[Finding], po_of: Mapping[str, Path], *, approved: bool = True
) -> list[Finding]:
    """*findings* without those their entry's flags ignore and (with *approved*) those for
    approved entries. ``po_of`` maps a translated article's path to its catalogue
    (``CheckRun.po_of``); findings of files without one (pair mode) are all kept."""
    decided: dict[Path, set[tuple[str | None, str, str]]] = {}
    flags: dict[Path, dict[EntryKey, frozenset[str]]] = {}
    kept = []
    for finding in findings:
        po = po_of.get(finding.path)
        if po is not None and po.is_file():
            if po not in flags:
                decided[po] = approved_keys(po) if approved else set()
                flags[po] = ignore_flags(po)
            entry = (finding.msgctxt or None, finding.msgid)
            if (*entry, finding.msgstr) in decided[po]:
                continue
            if is_ignored(finding.check, flags[po].get(entry, frozenset())):
                continue
        kept.append(finding)
    return kept
