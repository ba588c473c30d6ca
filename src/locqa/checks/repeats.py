"""One finding per defect: repeated identical findings of a check in one entry merged.

The same entity, invisible character or mojibake sequence three times in an entry, the same
English word left in twice, the same misspelling twice: one finding whose message says how
many (``×3``), spanning them all, with one suggestion that repairs them all. Occurrences
that one edit cannot cover without touching protected text between them (a link target,
code: :func:`locqa.markup.edit_is_allowed`), or with another finding of the check between
them, stay separate findings.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Sequence

from .. import markup
from ..findings import Finding


def merge_repeats(findings: Sequence[Finding], text: str) -> list[Finding]:
    """*findings* (of one check, in one entry) with each run of identical ones merged.

    Identical: the same flagged text, message, suggestion, severity and fix safety. A run:
    identical findings with no other finding between them, as far as one edit of
    ``text[first.start:last.end]`` may reach (:func:`locqa.markup.edit_is_allowed`) when
    they carry a suggestion. The merged finding spans the run and its suggestion applies
    every member's (without a suggestion it stays at the first member), and its message
    ends with ``(×N in this entry)``."""
    ordered = sorted(findings, key=lambda f: (f.start or 0, f.end or 0))
    out: list[Finding] = []
    run: list[Finding] = []

    def same(a: Finding, b: Finding) -> bool:
        return (
            a.start is not None
            and b.start is not None
            and text[a.start : a.end] == text[b.start : b.end]
            and (a.message, a.suggestion, a.severity, a.fix)
            == (b.message, b.suggestion, b.severity, b.fix)
        )

    def flush() -> None:
        if len(run) == 1:
            out.append(run[0])
        elif run:
            out.append(_merged(run, text))
        run.clear()

    for finding in ordered:
        if run and same(run[0], finding) and _mergeable([*run, finding], text):
            run.append(finding)
            continue
        flush()
        run.append(finding)
    flush()
    return out


def _merged_suggestion(run: Sequence[Finding], text: str) -> str | None:
    if run[0].suggestion is None:
        return None
    first, last = run[0], run[-1]
    assert first.start is not None and last.end is not None
    pieces, at = [], first.start
    for f in run:
        assert f.start is not None and f.end is not None and f.suggestion is not None
        pieces += [text[at : f.start], f.suggestion]
        at = f.end
    return "".join(pieces)


def _mergeable(run: Sequence[Finding], text: str) -> bool:
    """Findings without a suggestion merge whatever lies between them (nothing is edited);
    with one, as far as one edit may reach."""
    return run[0].suggestion is None or _coverable(run, text)


def _coverable(run: Sequence[Finding], text: str) -> bool:
    """Whether one edit over the run's span may repair every member."""
    start, end = run[0].start, run[-1].end
    if start is None or end is None or any(f.end is None for f in run):
        return False
    if any(
        b.start is not None and a.end is not None and b.start < a.end
        for a, b in itertools.pairwise(run)
    ):
        return False  # overlapping members
    replacement = _merged_suggestion(run, text)
    return markup.edit_is_allowed(text, start, end, replacement)


def _merged(run: Sequence[Finding], text: str) -> Finding:
    """One finding for the run: spanning it when its suggestion repairs every member; at
    the first member when there is nothing to apply (a reviewer is shown where it starts,
    not the text between)."""
    first = run[0]
    spans = first.suggestion is not None
    return dataclasses.replace(
        first,
        end=run[-1].end if spans else first.end,
        suggestion=_merged_suggestion(run, text),
        message=f"{first.message} (×{len(run)} in this entry)",
    )


__all__ = ["merge_repeats"]
