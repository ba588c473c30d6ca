"""Text from articles made inert for terminals and comments: control and invisible
characters as visible escapes, and a console that prints text as given."""

from __future__ import annotations

import unicodedata
from typing import TextIO

from rich.console import Console

_INVISIBLE_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})


def escape_char(char: str) -> str:
    """*char* itself when it is safe to print, else a visible Python-style escape."""
    if unicodedata.category(char) not in _INVISIBLE_CATEGORIES:
        return char
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def inert(text: str) -> str:
    """*text* with every control/invisible character replaced by a visible escape."""
    return "".join(escape_char(c) for c in text)


def inert_console(file: TextIO) -> Console:
    """A colour console that prints text as given: no markup, emoji or highlighting."""
    return Console(
        file=file,
        force_terminal=True,
        color_system="standard",
        width=10_000,
        soft_wrap=True,
        highlight=False,
        markup=False,
        emoji=False,
    )
