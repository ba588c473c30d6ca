"""Texts kept losslessly in PO translator comments: ``label: "json"`` lines.

A text is written as a JSON string (quotes included) with invisible and control characters
as ``\\uXXXX`` escapes. When it fits, that is one line ``label: "…"``; else it is cut into
numbered parts, ``label 1/3: "…``, ``label 2/3:  …``, of at most 74 columns, so gettext
tools that wrap comments at 76 columns (Babel, polib, xgettext) never split a line, and the
numbers keep every line distinct (Babel drops repeated comment lines) and in order.
``locqa-original`` (the MT before locqa or a person changed it, :mod:`locqa.memory`) and
``locqa-new-mt`` (a newer MT waiting for review, :mod:`locqa.provenance`) use this layout.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence

_PART = 50  # per numbered line: "locqa-original 123/456: " is 24 columns

ORIGINAL = "locqa-original"  # the MT before locqa or a person changed it
NEW_MT = "locqa-new-mt"  # a newer MT waiting for a reviewer (locqa.provenance)
APPROVED = "locqa-approved:"  # a person's decision (locqa.memory)


def _single_width(label: str) -> int:
    """JSON characters that fit on an unnumbered line ``# label: …`` within 74 columns."""
    return 74 - len("# ") - len(label) - len(": ")


def _line_pattern(label: str) -> re.Pattern[str]:
    return re.compile(
        rf"^{re.escape(label)}(?: (?P<n>\d+)/(?P<total>\d+))?: ?(?P<text>.*)$", re.DOTALL
    )


def _escape_for_comment(char: str) -> str:
    if char == " " or unicodedata.category(char) not in {
        "Cc",
        "Cf",
        "Zl",
        "Zp",
        "Zs",
        "Cs",
        "Co",
        "Cn",
    }:
        return char
    code = ord(char)
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000  # a JSON surrogate pair
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def _take(encoded: str, limit: int) -> tuple[str, str]:
    """The next chunk of at most *limit* characters (never ending with a space), and the
    rest; cut before a space where possible."""
    if len(encoded) <= limit:
        return encoded, ""
    cut = encoded.rfind(" ", 1, limit + 1)
    while cut > 0 and encoded[cut - 1] == " ":
        cut -= 1
    if cut > 0:
        return encoded[:cut], encoded[cut:]
    cut = limit - 6  # no word boundary: cut anywhere; a space there becomes an escape
    chunk = encoded[:cut]
    if chunk.endswith(" "):
        chunk = chunk[:-1] + "\\u0020"
    return chunk, encoded[cut:]


def text_comments(label: str, text: str) -> list[str]:
    """Translator-comment lines (without ``# ``) that record *text* under *label*.

    Numbered parts hold at most 50 JSON characters each. A cut falls before a space where
    possible; a part never ends with a space (gettext tools strip trailing blanks), so a
    part may begin with one.
    """
    encoded = "".join(_escape_for_comment(c) for c in json.dumps(text, ensure_ascii=False))
    if len(encoded) <= _single_width(label):
        return [f"{label}: {encoded}"]
    chunks = []
    while encoded:
        chunk, encoded = _take(encoded, _PART)
        chunks.append(chunk)
    return [f"{label} {n}/{len(chunks)}: {chunk}" for n, chunk in enumerate(chunks, 1)]


def text_of(label: str, comments: Sequence[str]) -> str | None:
    """The text recorded under *label* by :func:`text_comments` in *comments*, if any
    (None also when the record is incomplete or damaged)."""
    parts: dict[int, str] = {}
    total = 1
    pattern = _line_pattern(label)
    for comment in comments:
        match = pattern.match(comment)
        if match is None:
            continue
        if match["n"]:
            total = int(match["total"])
            parts[int(match["n"])] = match["text"]
        else:
            parts[1] = match["text"]
    if not parts or sorted(parts) != list(range(1, total + 1)):
        return None
    try:
        value = json.loads("".join(parts[n] for n in sorted(parts)))
    except ValueError:
        return None
    return value if isinstance(value, str) else None
