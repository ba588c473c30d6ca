"""Markdown segment → LanguageTool *annotated text* (``data`` parameter of ``/v2/check``).

LanguageTool accepts a document as a list of pieces, each either ``{"text": ...}`` (checked)
or ``{"markup": ..., "interpretAs": ...}`` (not checked itself; LanguageTool checks the
``interpretAs`` text in its place, and markup without it is read as nothing). Match
offsets then refer to the *original* document — text and markup together — so they are
exact character positions in the Markdown segment with no re-mapping on our side.

What is markup (found by :func:`locqa.markup.parse_inline`, which parses the segment with
markdown-it-py):

* inline code, URLs, autolinks, file names and identifiers, ``[!DNL ...]``,
  ``[!UICONTROL ...]``, ``[!BADGE ...]`` and template variables ``{{...}}``: read as
  :data:`PLACEHOLDER`, a token with no letter, so that no speller ever checks it and
  the sentence keeps a word-sized gap where the construct was;
* attribute lists ``{target="_blank"}``, ``{#anchor}``: read as nothing (not rendered);
* HTML entities: read as the character they stand for, invisible ones as nothing
  (``auto&#39;s`` is checked as ``auto's``; the entity itself is the encoding check's
  business);
* link and image syntax, emphasis markers, backslash escapes and inline HTML tags: read
  as nothing (``<br>`` as a line break); the link text and image alt text are checked;
* the name in a *name-hyphen-word* compound (``GraphQL-query``, ``B2B-bedrijven``,
  ``de Commerce-instantie``): Dutch writes a compound with a proper name or an acronym
  with a hyphen, and LanguageTool's speller does not know product names, so the name is
  read as the placeholder and the Dutch part is still checked. A name is a word with a
  capital or digit after its first character, or a capitalised word that does not start
  a sentence, unless the language capitalises every noun (German: its profile's
  ``words.capitalised_nouns``, ``capitals_mark_names=False``). (Besides false positives
  this saves time: LanguageTool spends seconds searching suggestions for every unknown
  hyphenated word.)

Why ``#``: LanguageTool puts the ``interpretAs`` text into the sentence its rules see, so
a word placeholder is spell-checked like any word (French and Spanish flagged the former
``XYZ`` on every construct, with replacements such as "Y"). Its spellers skip tokens
without a letter; a digit merges with an adjacent word (``calidad0``) and breaks Dutch
compounds (``42-aanvraag``); ``#`` is split off as a token of its own by the nl, fr and es
tokenizers alike. Markup read as nothing leaves double spaces, a space before the full
stop and articles without a noun. docs/languagetool.md has the measurements.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Sequence
from typing import TypedDict

from ..markup import Construct, parse_inline

#: What code, product names, file names and URLs are read as: a token without letters,
#: which LanguageTool's spellers never check and its tokenizers always split off.
PLACEHOLDER = "#"

#: Changes whenever the same segment is sent to LanguageTool differently (so that cached
#: LanguageTool results keyed with it are not reused): 2 = placeholder ``#``, identifiers
#: read as the placeholder, attribute lists read as nothing.
ANNOTATION_VERSION = 2

_PLACEHOLDER_KINDS = frozenset(
    {"code", "url", "autolink", "dnl", "uicontrol", "badge", "identifier", "template"}
)
_NESTED_KINDS = frozenset({"link", "image", "strong", "em", "strike"})
_FORMATTING_TAGS = frozenset(
    [
        "a",
        "abbr",
        "b",
        "bdi",
        "bdo",
        "big",
        "br",
        "cite",
        "code",
        "del",
        "dfn",
        "em",
        "font",
        "i",
        "img",
        "ins",
        "kbd",
        "mark",
        "p",
        "q",
        "s",
        "samp",
        "small",
        "span",
        "strike",
        "strong",
        "sub",
        "sup",
        "time",
        "tt",
        "u",
        "var",
        "wbr",
        "div",
    ]
)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")
_NAME_IN_COMPOUND = re.compile(r"(?<![\w-])([^\W_]+)(?=-[^\W\d_])")
_SENTENCE_END = frozenset(".!?:")
_BRACES = re.compile(r"\{\{[^{}\n]*\}\}\}?|\{[#.:%][^{}\n]*\}|\{[A-Za-z_-]+=[^{}\n]*\}")


class Piece(TypedDict, total=False):
    """One element of LanguageTool's ``annotation`` list."""

    text: str
    markup: str
    interpretAs: str


def annotate(text: str, markdown: bool = True, *, capitals_mark_names: bool = True) -> list[Piece]:
    """Split *text* into LanguageTool annotation pieces whose concatenation is *text*.

    *capitals_mark_names*: a capitalised word inside a sentence is a name (false for a
    language that capitalises its nouns)."""
    if not markdown or not text:
        return [{"text": text}] if text else []
    pieces: list[Piece] = []
    _emit_range(text, 0, len(text), _top_level(text), pieces, capitals_mark_names)
    return _merge(pieces)


def original(pieces: Sequence[Piece]) -> str:
    """The document the pieces describe (what match offsets refer to)."""
    return "".join(p.get("text", p.get("markup", "")) for p in pieces)


def placeholder_spans(pieces: Sequence[Piece]) -> list[tuple[int, int]]:
    """Where in :func:`original` the markup read as :data:`PLACEHOLDER` lies."""
    spans: list[tuple[int, int]] = []
    pos = 0
    for p in pieces:
        size = len(p.get("text", p.get("markup", "")))
        if p.get("interpretAs") == PLACEHOLDER:
            spans.append((pos, pos + size))
        pos += size
    return spans


def _top_level(text: str) -> list[Construct]:
    found = list(parse_inline(text))
    covered = [(c.start, c.end) for c in found]
    for m in _BRACES.finditer(text):
        s, e = m.span()
        if not any(a < e and s < b for a, b in covered):
            kind = "template" if m.group().startswith("{{") else "attrs"
            found.append(Construct(kind, s, e, s, s, m.group(), m.group()))
    found.sort(key=lambda c: (c.start, -c.end))
    return found


def _children(constructs: Sequence[Construct], start: int, end: int) -> list[Construct]:
    """Constructs inside ``[start, end)`` that are not nested in another such construct."""
    out: list[Construct] = []
    reach = start
    for c in constructs:
        if c.start < reach or c.end > end or c.start < start:
            continue
        if c.end <= c.start:
            continue
        out.append(c)
        reach = c.end
    return out


def _emit_range(
    text: str,
    start: int,
    end: int,
    constructs: Sequence[Construct],
    out: list[Piece],
    capitals: bool,
) -> None:
    pos = start
    for c in _children(constructs, start, end):
        if c.start > pos:
            _emit_text(text, pos, c.start, out, capitals)
        _emit_construct(text, c, constructs, out, capitals)
        pos = c.end
    if pos < end:
        _emit_text(text, pos, end, out, capitals)


def _emit_text(text: str, start: int, end: int, out: list[Piece], capitals: bool) -> None:
    """Plain text, with the names of name-hyphen-word compounds read as the placeholder."""
    pos = start
    for m in _NAME_IN_COMPOUND.finditer(text, start, end):
        if not _is_name(m.group(1), text, m.start(), capitals):
            continue
        if m.start() > pos:
            out.append({"text": text[pos : m.start()]})
        out.append({"markup": m.group(1), "interpretAs": PLACEHOLDER})
        pos = m.end()
    if pos < end:
        out.append({"text": text[pos:end]})


def _is_name(word: str, text: str, at: int, capitals: bool) -> bool:
    rest = word[1:]
    if any(ch.isupper() or ch.isdigit() for ch in rest) or word[0].isdigit():
        return any(ch.isalpha() for ch in word)  # GraphQL, B2B, PWA, 3D (not "24")
    if not capitals or not word[0].isupper():
        return False
    before = text[:at].rstrip(" \t*_([\"'“‘")
    return bool(before) and before[-1] not in _SENTENCE_END and before[-1] != "\n"


def _emit_construct(
    text: str, c: Construct, constructs: Sequence[Construct], out: list[Piece], capitals: bool
) -> None:
    raw = text[c.start : c.end]
    if c.kind in _PLACEHOLDER_KINDS:
        out.append({"markup": raw, "interpretAs": PLACEHOLDER})
    elif c.kind == "entity":
        char = html.unescape(raw)
        invisible = all(unicodedata.category(ch) in ("Cf", "Cc") for ch in char)
        out.append({"markup": raw, "interpretAs": "" if invisible else char})
    elif c.kind == "html":
        out.append({"markup": raw, "interpretAs": _html_reading(raw)})
    elif c.kind in _NESTED_KINDS and c.start <= c.inner_start <= c.inner_end <= c.end:
        if c.inner_start > c.start:
            out.append({"markup": text[c.start : c.inner_start]})
        inner = [x for x in constructs if x is not c]
        _emit_range(text, c.inner_start, c.inner_end, inner, out, capitals)
        if c.end > c.inner_end:
            out.append({"markup": text[c.inner_end : c.end]})
    else:  # escapes and anything unknown: syntax that is read as nothing
        out.append({"markup": raw})


def _html_reading(tag: str) -> str:
    m = _TAG_NAME.match(tag)
    name = m.group(1).lower() if m else ""
    if name == "br":
        return "\n"
    if name in _FORMATTING_TAGS or not m:
        return ""
    return PLACEHOLDER  # <projectid>, <your-key>: a placeholder the reader fills in


def _merge(pieces: list[Piece]) -> list[Piece]:
    """Join adjacent plain-text pieces (fewer, larger pieces for the server)."""
    merged: list[Piece] = []
    for p in pieces:
        if "text" in p and merged and "text" in merged[-1]:
            merged[-1] = {"text": merged[-1]["text"] + p["text"]}
        elif p.get("text", p.get("markup", "")):
            merged.append(p)
    return merged
