"""Writing systems that put no spaces between words (Han, Hiragana, Katakana), as regular
expression pieces.

Python's ``\\w`` counts a Han or Kana character as a word character, so ``(?<!\\w)2.3.1``
finds no number in ``Adobe Commerce 2.3.1のPage Builder`` and ``B2B(?!\\w)`` no name in
``B2B統合``. Boundaries between numbers, names and words are drawn with :data:`WORD`
instead: a word character of a script that separates its words with spaces.
"""

from __future__ import annotations

import re

#: The characters of the spaceless scripts, for a regular-expression class: CJK symbols and
#: punctuation, Hiragana, Katakana (with phonetic extensions and half-width forms), CJK
#: unified ideographs (with extension A and compatibility ideographs), full-width forms.
SPACELESS = (
    "\u3000-\u303f\u3040-\u309f\u30a0-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff00-\uffef"
)

#: A word character of a script that writes spaces between words (not Han, not Kana).
WORD = rf"[^\W{SPACELESS}]"


_COUNTED = re.compile(rf"[{SPACELESS}]|[^\s{SPACELESS}]+")
_CJK_PUNCTUATION = re.compile(
    r"[\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\uff3b-\uff40\uff5b-\uff65]"
)


def word_count(text: str) -> int:
    """Words as translation tools count them: a run of non-space characters in a spaced
    script, and each Han or Kana character (CJK punctuation not counted), as SDL Trados and
    memoQ count Chinese and Japanese."""
    return sum(1 for m in _COUNTED.finditer(text) if not _CJK_PUNCTUATION.fullmatch(m.group()))


def has_spaceless(text: str) -> bool:
    """Whether *text* has a character of a spaceless script."""
    return any(_is_spaceless(ch) for ch in text)


def _is_spaceless(ch: str) -> bool:
    code = ord(ch)
    return (
        0x3000 <= code <= 0x30FF
        or 0x31F0 <= code <= 0x31FF
        or 0x3400 <= code <= 0x4DBF
        or 0x4E00 <= code <= 0x9FFF
        or 0xF900 <= code <= 0xFAFF
        or 0xFF00 <= code <= 0xFFEF
    )


__all__ = ["SPACELESS", "WORD", "has_spaceless", "word_count"]
