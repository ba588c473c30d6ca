"""LTMatch: one LanguageTool match, located in the text that was checked."""

from __future__ import annotations

from dataclasses import dataclass

#: How many replacements a match keeps (LanguageTool may send dozens for a misspelling).
MAX_REPLACEMENTS = 5


@dataclass(frozen=True, slots=True)
class LTMatch:
    """A LanguageTool match. ``offset``/``length`` are code-point positions in the text
    passed to :meth:`LanguageToolSession.check_texts` (the raw Markdown segment)."""

    rule_id: str
    category: str  # LanguageTool category id: TYPOS, GRAMMAR, CASING, PUNCTUATION, ...
    issue_type: str  # ITS issue type: misspelling, grammar, typographical, style, ...
    message: str
    offset: int
    length: int
    replacements: tuple[str, ...] = ()
    sentence: str = ""

    @property
    def end(self) -> int:
        return self.offset + self.length

    def shifted(self, offset: int) -> LTMatch:
        """The same match at another offset."""
        return LTMatch(
            self.rule_id,
            self.category,
            self.issue_type,
            self.message,
            offset,
            self.length,
            self.replacements,
            self.sentence,
        )
