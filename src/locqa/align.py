"""Align the segments of a source article with those of its translation.

Alignment is structural and tolerant: a global sequence alignment (Needleman–Wunsch)
over the two segment lists, where two segments score well when they sit at the same
structural position (same block kind, heading level, list depth, table cell) and share
the things a translation keeps: numbers, URLs, inline code, product names in
``[!DNL ...]``. A block missing from or added to the translation becomes a gap, so the
rest still aligns and the mismatch is reported instead of shifting every later entry.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .markdown import Segment

_INVARIANT = re.compile(
    r"\]\(([^)\s]+)"  # link/image target
    r"|`([^`]+)`"  # inline code
    r"|\[!DNL ([^\]]+)\]"  # do-not-localise
    r"|(\d+(?:[.,]\d+)*)"  # numbers
    r"|(https?://\S+)"
)

GAP = -2.0
_MISMATCH = -6.0  # different kind of block: only when nothing better exists


@dataclass(frozen=True, slots=True)
class Pair:
    """An aligned pair; one side is ``None`` for a block missing on that side."""

    source: int | None  # index into the source segments
    target: int | None  # index into the target segments


@dataclass(frozen=True, slots=True)
class _Features:
    signature: str
    family: str
    invariants: frozenset[str]
    length: int


def _features(seg: Segment) -> _Features:
    found = set()
    for match in _INVARIANT.finditer(seg.text):
        found.add(next(g for g in match.groups() if g is not None))
    family = seg.signature.split(":")[0].rsplit("/", 1)[-1]
    return _Features(seg.signature, family, frozenset(found), len(seg.text))


def _score(a: _Features, b: _Features) -> float:
    if a.signature == b.signature:
        score = 3.0
    elif a.family == b.family:
        score = 0.5
    else:
        return _MISMATCH
    if a.invariants or b.invariants:
        shared = len(a.invariants & b.invariants)
        differ = len(a.invariants ^ b.invariants)
        score += min(shared, 4) * 1.0 - min(differ, 4) * 0.5
    shorter, longer = sorted((a.length, b.length))
    if longer > 40 and shorter * 3 < longer:
        score -= 1.5
    return score


def align(source: Sequence[Segment], target: Sequence[Segment]) -> list[Pair]:
    """Globally align two segment lists. Identical structures align one to one."""
    if [s.signature for s in source] == [t.signature for t in target]:
        return [Pair(i, i) for i in range(len(source))]
    fa = [_features(s) for s in source]
    fb = [_features(t) for t in target]
    n, m = len(fa), len(fb)
    # score matrix and back-pointers: 0 diagonal, 1 up (source gap), 2 left (target gap)
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    back = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(1, n + 1):
        score[i][0] = i * GAP
        back[i][0] = 1
    for j in range(1, m + 1):
        score[0][j] = j * GAP
        back[0][j] = 2
    for i in range(1, n + 1):
        row, prev = score[i], score[i - 1]
        brow = back[i]
        ai = fa[i - 1]
        for j in range(1, m + 1):
            diag = prev[j - 1] + _score(ai, fb[j - 1])
            up = prev[j] + GAP
            left = row[j - 1] + GAP
            if diag >= up and diag >= left:
                row[j], brow[j] = diag, 0
            elif up >= left:
                row[j], brow[j] = up, 1
            else:
                row[j], brow[j] = left, 2
    pairs: list[Pair] = []
    i, j = n, m
    while i > 0 or j > 0:
        move = back[i][j]
        if move == 0:
            pairs.append(Pair(i - 1, j - 1))
            i, j = i - 1, j - 1
        elif move == 1:
            pairs.append(Pair(i - 1, None))
            i -= 1
        else:
            pairs.append(Pair(None, j - 1))
            j -= 1
    pairs.reverse()
    return pairs
