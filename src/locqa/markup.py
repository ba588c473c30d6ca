"""Inline Markdown constructs inside one segment, with their character spans.

A segment is the inline text of one Markdown block. :func:`parse_inline` runs
markdown-it-py's *inline* parser on it (CommonMark + the ``attrs`` plugin for
``{target="_blank"}`` lists, plus a small inline rule for Adobe's ``[!DNL ...]``,
``[!UICONTROL ...]`` and ``[!BADGE ...]`` extensions) and returns every construct
with its exact ``start``/``end`` offsets in the segment.

markdown-it tokens carry no character offsets, so each inline rule is wrapped: the
wrapper notes ``state.pos`` before the rule and stamps the tokens the rule pushed with
the range it consumed. Nested content (a link label, the inside of ``[!UICONTROL ...]``)
is tokenised recursively by the parser itself, so nesting is handled by the parser,
not by regular expressions. The only regex here finds *bare* URLs in plain text
(CommonMark has no such construct; ``linkify-it-py`` is not a dependency).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from mdit_py_plugins.attrs import attrs_plugin

from .script import SPACELESS

#: Adobe Experience League inline extensions recognised as constructs.
EXTENSIONS = frozenset({"DNL", "UICONTROL", "BADGE"})

#: Construct kinds whose whole range is not translatable prose.
NON_PROSE = frozenset(
    {"code", "html", "autolink", "url", "dnl", "uicontrol", "attrs", "entity", "identifier"}
)

_BARE_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\[\]`\"']*[^\s<>()\[\]`\"'.,;:!?]")
# Plain-text tokens that are not words: template placeholders ({{ee-feature}}), file
# paths, file names, snake_case / dotted identifiers, host names.
_TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
# "{#anchor}" / "{.class key=value}" after text, where the attrs plugin does not apply
_LOOSE_ATTRS = re.compile(r"\{(?:[#.][\w-]+|[\w-]+=)[^{}\n]*\}")
# a Han or Kana character ends a token: "2.3.1のPage" is "2.3.1", "の", "Page"
_TOKEN = re.compile(rf"[^\s()\[\]<>\"'`*,;!?{SPACELESS}]+")
_FILE_EXTENSIONS = (
    "js|mjs|ts|tsx|jsx|php|phtml|xml|xsd|json|md|yaml|yml|html|htm|css|less|scss|sql|sh|"
    "txt|csv|log|graphql|gql|env|ini|conf|py|java|zip|gz|tgz|tar|png|jpe?g|gif|svg|pdf|"
    "lock|com|net|org|io|dev|cloud"
)
_IDENTIFIER = re.compile(
    rf"""(?x)
    .*[A-Za-z0-9]_[A-Za-z0-9_].* | _[A-Za-z]\w*_?       # snake_case, _emphasis_like_
    | [~.]?/\S*                                       # /absolute or ./relative path
    | [\w.-]+/[\w.-]+/[\w./-]*                         # a/b/c
    | [\w/-]*[A-Za-z][\w-]*\.(?:[\w-]+\.)*(?:{_FILE_EXTENSIONS})  # file.ext, host.com
    | [\w-]+\.[\w-]+\.[\w.-]+                          # dotted.name.parts
    | [a-z]+[A-Z]\w*                                   # camelCase
    """
)
_MARK_START = "locqa_start"
_MARK_END = "locqa_end"
_DELIMS = frozenset("*_~")


@dataclass(frozen=True, slots=True)
class Construct:
    """One inline construct of a segment.

    ``start``/``end`` cover the whole construct (``[text](url "title")``);
    ``inner_start``/``inner_end`` cover its translatable content (the link text, the
    emphasised words, the inside of ``[!UICONTROL ...]``), equal to ``start`` when none.
    """

    kind: str  # code, link, image, strong, em, strike, html, autolink, url, attrs, entity,
    # escape, dnl, uicontrol, badge
    start: int
    end: int
    inner_start: int
    inner_end: int
    text: str  # the raw slice segment[start:end]
    content: str  # code content, link text, decoded entity, extension content, the URL
    url: str | None = None  # links, images, autolinks, bare URLs
    title: str | None = None  # links and images
    markup: str = ""  # emphasis marker ("**", "_"), entity source ("&quot;")

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


def _extension_rule(state: StateInline, silent: bool) -> bool:
    """``[!NAME content]`` for NAME in :data:`EXTENSIONS`; content tokenised recursively."""
    src, pos = state.src, state.pos
    if src[pos] != "[" or not src.startswith("[!", pos):
        return False
    head = pos + 2
    name_end = head
    while name_end < state.posMax and src[name_end].isalpha():
        name_end += 1
    name = src[head:name_end]
    if name not in EXTENSIONS or name_end >= state.posMax or src[name_end] not in " \t\n":
        return False
    label_end = state.md.helpers.parseLinkLabel(state, pos, False)
    if label_end < 0:
        return False
    if not silent:
        inner_start = name_end + 1
        opener = state.push("xl_open", "span", 1)
        opener.info = name
        opener.meta["inner"] = (inner_start, label_end)
        old_pos, old_max = state.pos, state.posMax
        state.pos, state.posMax = inner_start, label_end
        state.md.inline.tokenize(state)
        state.pos, state.posMax = old_pos, old_max
        closer = state.push("xl_close", "span", -1)
        closer.info = name
    state.pos = label_end + 1
    return True


def _stamping(
    name: str, fn: Callable[[StateInline, bool], bool]
) -> Callable[[StateInline, bool], bool]:
    """Wrap inline rule *name* so that tokens it pushes carry the source range it consumed."""

    def rule(state: StateInline, silent: bool) -> bool:
        if silent:
            return fn(state, silent)
        if state.pending:
            state.pushPending()
        start, count = state.pos, len(state.tokens)
        ok = fn(state, silent)
        if ok:
            new = state.tokens[count:]
            fresh = [t for t in new if _MARK_START not in t.meta]
            if name == "attr" and not new and state.pos > start:
                # the attrs plugin consumes "{...}" and only updates the previous token
                marker = state.push("attrs_span", "", 0)
                marker.meta[_MARK_START], marker.meta[_MARK_END] = start, state.pos
                marker.content = state.src[start : state.pos]
            elif fresh and all(t.type == "text" and set(t.content) <= _DELIMS for t in fresh):
                # emphasis / strikethrough delimiters: one token per "*" or per "~~"
                offset = start
                for token in fresh:
                    token.meta[_MARK_START] = offset
                    offset += len(token.content)
                    token.meta[_MARK_END] = offset
            else:
                for token in fresh:
                    token.meta[_MARK_START], token.meta[_MARK_END] = start, state.pos
        return ok

    return rule


@functools.cache
def _parser() -> MarkdownIt:
    md = (
        MarkdownIt("commonmark")
        .enable(["table", "strikethrough"])
        .use(attrs_plugin, after=("image", "code_inline", "link_close", "xl_close"))
    )
    md.inline.ruler.before("link", "adobe_extension", _extension_rule)
    for name in list(md.inline.ruler.get_all_rules()):
        rule = next(r for r in md.inline.ruler.__rules__ if r.name == name)
        md.inline.ruler.at(name, _stamping(name, rule.fn))
    # keep entities and escapes as their own tokens
    md.core.ruler.disable(["text_join", "replacements", "smartquotes"], ignoreInvalid=True)
    return md


def _normalise(text: str) -> str:
    """Same-length stand-in for markdown-it's newline normalisation (offsets stay valid)."""
    return text.replace("\r\n", " \n").replace("\r", "\n")


def _link_label_end(md: MarkdownIt, src: str, start: int, end: int) -> int:
    state = StateInline(src, md, {}, [])
    state.posMax = end
    return int(md.helpers.parseLinkLabel(state, start, True))


def _walk(md: MarkdownIt, src: str, tokens: Iterable[Any]) -> Iterable[Construct]:
    stack: list[tuple[str, Any]] = []
    for token in tokens:
        start = token.meta.get(_MARK_START)
        end = token.meta.get(_MARK_END)
        kind = token.type
        if kind in ("link_open", "strong_open", "em_open", "s_open", "xl_open"):
            stack.append((kind, token))
            continue
        if kind in ("link_close", "strong_close", "em_close", "s_close", "xl_close"):
            if not stack:
                continue
            _, opener = stack.pop()
            yield from _closed(md, src, opener, token)
            continue
        if start is None or end is None:
            continue
        raw = src[start:end]
        if kind == "code_inline":
            yield Construct(
                "code", start, end, start, start, raw, token.content, markup=token.markup
            )
        elif kind == "html_inline":
            yield Construct("html", start, end, start, start, raw, token.content)
        elif kind == "image":
            label_end = _link_label_end(md, src, start + 1, end)
            url = str(token.attrs.get("src", ""))
            title = token.attrs.get("title")
            inner_end = max(label_end, start + 2)
            yield Construct(
                "image",
                start,
                end,
                start + 2,
                inner_end,
                raw,
                token.content,
                url=url,
                title=str(title) if title else None,
            )
            # markdown-it parses the alt text as a separate string: parse it again here
            yield from (_shift(c, start + 2) for c in _parse_cached(src[start + 2 : inner_end]))
        elif kind == "text_special" and token.info == "entity":
            yield Construct("entity", start, end, start, start, raw, token.content, markup=raw)
        elif kind == "text_special" and token.info == "escape":
            yield Construct("escape", start, start + 1, start, start, src[start : start + 1], "")
        elif kind == "attrs_span":
            yield Construct("attrs", start, end, start, start, raw, raw)


def _shift(c: Construct, offset: int) -> Construct:
    return Construct(
        c.kind,
        c.start + offset,
        c.end + offset,
        c.inner_start + offset,
        c.inner_end + offset,
        c.text,
        c.content,
        c.url,
        c.title,
        c.markup,
    )


def _closed(md: MarkdownIt, src: str, opener: Any, closer: Any) -> Iterable[Construct]:
    start = opener.meta.get(_MARK_START)
    if opener.type in ("strong_open", "em_open", "s_open"):
        close_start = closer.meta.get(_MARK_START)
        if start is None or close_start is None:
            return
        # markdown-it turns the *inner* marker character of a "**" run into strong_open /
        # strong_close (the outer one is emptied)
        width = len(opener.markup)
        if opener.type != "s_open":  # "~~" is one token
            start -= width - 1
        end = close_start + width
        kind = {"strong_open": "strong", "em_open": "em", "s_open": "strike"}[opener.type]
        inner_start, inner_end = start + width, end - width
        yield Construct(
            kind,
            start,
            end,
            inner_start,
            inner_end,
            src[start:end],
            src[inner_start:inner_end],
            markup=opener.markup,
        )
        return
    end = opener.meta.get(_MARK_END)
    if start is None or end is None:
        return
    raw = src[start:end]
    if opener.type == "xl_open":
        inner_start, inner_end = opener.meta["inner"]
        yield Construct(
            str(opener.info).lower(),
            start,
            end,
            inner_start,
            inner_end,
            raw,
            src[inner_start:inner_end],
            markup=f"[!{opener.info}",
        )
        return
    href = str(opener.attrs.get("href", ""))
    title = opener.attrs.get("title")
    if opener.markup == "autolink" or opener.info == "auto":
        yield Construct("autolink", start, end, start, start, raw, href, url=href)
        return
    label_end = _link_label_end(md, src, start, end)
    inner_end = label_end if label_end > start else start + 1
    yield Construct(
        "link",
        start,
        end,
        start + 1,
        inner_end,
        raw,
        src[start + 1 : inner_end],
        url=href,
        title=str(title) if title is not None else None,
    )


@functools.lru_cache(maxsize=4096)
def _parse_cached(text: str) -> tuple[Construct, ...]:
    md = _parser()
    src = _normalise(text)
    tokens = md.parseInline(src)
    children = tokens[0].children or [] if tokens else []
    found = list(_walk(md, src, children))
    covered = [c.span for c in found if c.kind in NON_PROSE or c.kind in ("link", "image")]
    for match in _BARE_URL.finditer(src):
        s, e = match.span()
        if any(a <= s < b for a, b in covered):
            continue
        found.append(Construct("url", s, e, s, s, text[s:e], text[s:e], url=text[s:e]))
    found.extend(_plain_tokens(text, src, found))
    found.sort(key=lambda c: (c.start, -c.end))
    return tuple(found)


def _plain_tokens(text: str, src: str, found: list[Construct]) -> Iterable[Construct]:
    """Templates and identifier-like tokens outside every other non-prose construct."""
    covered = [c.span for c in found if c.kind in NON_PROSE]
    covered += [(c.inner_end, c.end) for c in found if c.kind in ("link", "image")]
    for match in _LOOSE_ATTRS.finditer(src):
        s, e = match.span()
        if not any(a <= s < b for a, b in covered):
            covered.append((s, e))
            yield Construct("attrs", s, e, s, s, text[s:e], text[s:e])
    for match in _TEMPLATE.finditer(src):
        s, e = match.span()
        if not any(a <= s < b for a, b in covered):
            covered.append((s, e))
            yield Construct("identifier", s, e, s, s, text[s:e], text[s:e])
    for match in _TOKEN.finditer(src):
        token = match.group().rstrip(".:")
        s, e = match.start(), match.start() + len(token)
        if any(a < e and s < b for a, b in covered) or not _IDENTIFIER.fullmatch(token):
            continue
        if not any(ch.isalpha() for ch in token):
            continue
        yield Construct("identifier", s, e, s, s, text[s:e], text[s:e])


def parse_inline(text: str) -> list[Construct]:
    """Every inline construct of *text*, sorted by start (outer before inner)."""
    return list(_parse_cached(text))


def constructs(text: str, *kinds: str) -> list[Construct]:
    """The constructs of the given kinds (all when none given)."""
    wanted = set(kinds)
    return [c for c in _parse_cached(text) if not wanted or c.kind in wanted]


def protected_ranges(text: str, drop: Collection[str] = NON_PROSE) -> list[tuple[int, int]]:
    """Character ranges of *text* that are not prose: whole constructs whose kind is in
    *drop*, and the syntax (markers, URL, title) of the other constructs."""
    ranges: list[tuple[int, int]] = []
    for c in _parse_cached(text):
        if c.kind in drop or c.kind == "escape":
            ranges.append((c.start, c.end))
        else:
            if c.inner_start > c.start:
                ranges.append((c.start, c.inner_start))
            if c.end > c.inner_end and c.inner_end >= c.inner_start:
                ranges.append((max(c.inner_end, c.inner_start), c.end))
    return sorted(ranges)


#: Construct kinds no edit may change, and no LanguageTool match may lie on. An entity is
#: not among them: decoding it is the encoding checks' fix.
UNTOUCHABLE = NON_PROSE - {"entity"}
_DESTINATION_KINDS = frozenset({"link", "image"})


def untouchable_ranges(text: str) -> list[tuple[int, int]]:
    """Ranges of *text* that are not words of the translation: code, URLs, link targets
    and titles, HTML, ``[!DNL …]`` and ``[!UICONTROL …]``, attribute lists, file names and
    identifiers, template placeholders. Checks report nothing there and fixes never edit
    them (see :func:`edit_is_allowed`)."""
    ranges: list[tuple[int, int]] = []
    for c in _parse_cached(text):
        if c.kind in UNTOUCHABLE or c.kind == "escape":
            ranges.append((c.start, c.end))
        elif c.kind in _DESTINATION_KINDS and c.end > c.inner_end >= c.inner_start:
            ranges.append((c.inner_end, c.end))
    return sorted(ranges)


def _guarded(text: str) -> list[tuple[int, int]]:
    """The ranges of *text* no edit may change: :func:`protected_ranges` (constructs that
    are not prose, and the syntax of the others), except entities, which are one
    character of prose written as an entity (decoding one is the encoding checks' fix)."""
    entities = {(c.start, c.end) for c in _parse_cached(text) if c.kind == "entity"}
    return [r for r in protected_ranges(text) if r not in entities]


def edit_is_allowed(text: str, start: int, end: int, replacement: str | None = None) -> bool:
    """Whether replacing ``text[start:end]`` (by *replacement*, when given) leaves every
    protected character as it is: the span touches no guarded range (an insertion may sit
    at its edge, not inside), and the result has the same protected texts (the replacement
    neither creates nor breaks markup)."""
    guarded = _guarded(text)
    for a, b in guarded:
        if (a < end and start < b) or (start == end and a < start < b):
            return False
    if replacement is None:
        return True
    after = text[:start] + replacement + text[end:]
    return [text[a:b] for a, b in guarded] == [after[a:b] for a, b in _guarded(after)]


def inside(ranges: Iterable[tuple[int, int]], start: int, end: int) -> bool:
    """True when ``[start, end)`` overlaps one of *ranges*."""
    return any(a < end and start < b for a, b in ranges)


def prose(text: str, drop: Collection[str] = NON_PROSE) -> str:
    """*text* with every protected range blanked by spaces (same length, offsets kept)."""
    chars = list(text)
    for a, b in protected_ranges(text, drop):
        for i in range(a, min(b, len(chars))):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)
