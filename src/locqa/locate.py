"""Map a finding's span in a msgstr back to line and column in the translated Markdown."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from .findings import Finding
from .markdown import Document, Segment, _line_starts

Position = tuple[int, int, int, int]  # start line, start column, end line, end column (1-based)


@dataclass
class Locator:
    """Knows the segments of the translated documents of a run."""

    _segments: dict[tuple[str, int], list[Segment]] = field(default_factory=dict)
    _starts: dict[str, list[int]] = field(default_factory=dict)

    def add(self, document: Document) -> None:
        self._starts[document.path] = _line_starts(document.text)
        for seg in document.segments:
            self._segments.setdefault((document.path, seg.line), []).append(seg)

    def add_data(self, path: str, starts: list[int], segments: list[list[Any]]) -> None:
        """Add a document from cached data: line starts and [line, text, pieces, signature]."""
        self._starts[path] = starts
        for line, text, pieces, signature in segments:
            seg = Segment(
                text=text,
                kind="",
                signature=signature,
                line=line,
                pieces=tuple((a, b) for a, b in pieces),
            )
            self._segments.setdefault((path, line), []).append(seg)

    def __call__(self, finding: Finding) -> Position | None:
        starts = self._starts.get(finding.path)
        if starts is None:
            return None
        for seg in self._segments.get((finding.path, finding.line), []):
            if seg.text != finding.msgstr or seg.signature.startswith("fm:"):
                continue
            start = finding.start or 0
            end = finding.end if finding.end is not None else len(seg.text)
            a, b = _offset(seg, start), _offset(seg, end)
            la, lb = bisect.bisect_right(starts, a), bisect.bisect_right(starts, b)
            return la, a - starts[la - 1] + 1, lb, b - starts[lb - 1] + 1
        return None


def _offset(seg: Segment, index: int) -> int:
    """Document offset of character *index* of the segment text (pieces joined by \\n)."""
    for start, end in seg.pieces:
        length = end - start
        if index <= length:
            return start + index
        index -= length + 1
    return seg.pieces[-1][1]
