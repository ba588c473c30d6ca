"""Pure batching logic: pack many texts into few LanguageTool requests and map matches back.

Texts are joined with :data:`SEPARATOR` (a paragraph break for LanguageTool, so no sentence
runs from one text into the next). A match at ``[start, end)`` of a request's document
belongs to the one text whose span contains it; matches that cross a separator are
dropped (they are artefacts of batching, not defects of either text).

LanguageTool counts offsets in UTF-16 code units (Java ``char``); Python counts code
points. :class:`Utf16Index` converts between them so characters outside the Basic
Multilingual Plane (emoji) do not shift later offsets.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

from .annotate import Piece

SEPARATOR = "\n\n"


@dataclass(frozen=True, slots=True)
class Chunk:
    """One request: the indexes of its texts and where each starts in the request document."""

    indexes: tuple[int, ...]  # positions in the list of unique texts
    starts: tuple[int, ...]  # code-point offset of each text in the joined document
    lengths: tuple[int, ...]
    pieces: tuple[Piece, ...]  # annotation of the joined document

    @property
    def size(self) -> int:
        return self.starts[-1] + self.lengths[-1] if self.starts else 0

    def locate(self, start: int, end: int) -> tuple[int, int] | None:
        """``(position in this chunk, offset in that text)`` for a match, or ``None``."""
        return locate(self.starts, self.lengths, start, end)


def locate(
    starts: Sequence[int], lengths: Sequence[int], start: int, end: int
) -> tuple[int, int] | None:
    """Which text of a joined document holds ``[start, end)``, and where inside it."""
    if end < start or not starts:
        return None
    i = bisect.bisect_right(starts, start) - 1
    if i < 0:
        return None
    base = starts[i]
    if end > base + lengths[i] or start > base + lengths[i]:
        return None
    return i, start - base


def plan_chunks(
    annotations: Sequence[Sequence[Piece]],
    lengths: Sequence[int],
    max_chars: int,
    min_chunks: int = 1,
) -> list[Chunk]:
    """Pack texts (in order) into chunks of at most *max_chars* characters each.

    A text longer than *max_chars* gets a chunk of its own. When everything would fit in
    fewer than *min_chunks* chunks, the limit is lowered so that each worker gets work.
    Empty texts are skipped (they cannot have matches).
    """
    total = sum(n + len(SEPARATOR) for n in lengths)
    limit = max(1, max_chars)
    if min_chunks > 1 and total <= limit * min_chunks:
        limit = max(1, -(-total // min_chunks))
    chunks: list[Chunk] = []
    current: list[int] = []
    size = 0
    for i, n in enumerate(lengths):
        if n == 0:
            continue
        if current and size + len(SEPARATOR) + n > limit:
            chunks.append(_build(current, annotations, lengths))
            current, size = [], 0
        size += (len(SEPARATOR) if current else 0) + n
        current.append(i)
    if current:
        chunks.append(_build(current, annotations, lengths))
    return chunks


def _build(
    indexes: Sequence[int], annotations: Sequence[Sequence[Piece]], lengths: Sequence[int]
) -> Chunk:
    starts: list[int] = []
    pieces: list[Piece] = []
    pos = 0
    for k, i in enumerate(indexes):
        if k:
            pieces.append({"text": SEPARATOR})
            pos += len(SEPARATOR)
        starts.append(pos)
        pieces.extend(annotations[i])
        pos += lengths[i]
    return Chunk(tuple(indexes), tuple(starts), tuple(lengths[i] for i in indexes), tuple(pieces))


class Utf16Index:
    """Converts UTF-16 code-unit offsets (LanguageTool's) to code-point offsets (Python's)."""

    def __init__(self, text: str):
        # UTF-16 offsets at which a non-BMP character (two code units) starts
        self._astral: list[int] = []
        units = 0
        for ch in text:
            if ord(ch) > 0xFFFF:
                self._astral.append(units)
                units += 2
            else:
                units += 1

    def to_codepoint(self, units: int) -> int:
        if not self._astral:
            return units
        # every astral character that starts before this offset counts one unit too many
        return units - bisect.bisect_left(self._astral, units)
