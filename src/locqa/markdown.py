"""Markdown (+ YAML front matter) → segments with exact character spans, and splicing back.

A :class:`Segment` is the translatable text of one block: a heading, a paragraph, one
paragraph of a list item, blockquote or admonition, one table cell, the alt text of a
stand-alone image, or a configured front-matter value. Its text is always made of exact
slices ("pieces", one per source line) of the original file, so that replacing those
slices with a translation — :func:`splice` — leaves every other byte untouched.

markdown-it-py (CommonMark + GFM tables) decides what the blocks are and which lines they
cover; the pieces themselves are located in the original text, never re-rendered.
Code blocks, fences, HTML blocks, attribute lists such as ``{#id}``, snippets such as
``{{$include ...}}`` and everything else the parser does not turn into text stay as they are.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.token import Token

from .errors import InputError

DEFAULT_FRONT_MATTER_KEYS = ("title", "description")

_EOL = re.compile(r"\r\n|\r|\n")
_FM_FENCE = re.compile(r"---[ \t]*")
_FM_END = re.compile(r"(?:---|\.\.\.)[ \t]*")
# A trailing attribute list as used by docs toolchains: {#id}, {.class}, {width="300"}.
_ATTR_VALUE = r"""(?:"[^"\n]*"|'[^'\n]*'|[^\s}"']+)"""
_ATTR_ITEM = rf"(?:[#.][\w:-]+|[\w:-]+={_ATTR_VALUE})"
_TRAILING_ATTRS = re.compile(rf"[ \t]*\{{[ \t]*{_ATTR_ITEM}(?:[ \t]+{_ATTR_ITEM})*[ \t]*\}}$")
_ADMONITION = re.compile(r"\[!(?P<type>[A-Za-z]+)\][ \t]*$")
_IMAGE_ONLY = re.compile(
    r"!\[(?P<alt>(?:[^\[\]\\]|\\.)*)\]\((?:[^()\\]|\\.)*\)" + r"(?:\{[^{}\n]*\})?$"
)
# Removed before asking "is there anything to translate here?"
_NON_TEXT = re.compile(
    r"`+[^`]*`+"  # inline code
    r"|\]\((?:[^()]|\([^()]*\))*\)"  # link / image targets
    r"|\{\{.*?\}\}"  # snippets {{$include ...}}
    r"|\{[^{}\n]*\}"  # attribute lists
    r"|\[!(?:DNL|VIDEO|BADGE)\b[^\]]*\]"  # do-not-localise, video and badge markers
    r"|\[![A-Z]+\]"  # admonition markers
    r"|<[^<>\n]*>"  # inline HTML / autolinks
    r"|https?://\S+"  # bare URLs
    r"|&#?\w+;",  # character references
)
_LETTER = re.compile(r"[^\W\d_]")

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Articles larger than this are refused (InputError, line 1) before they are parsed.
MAX_ARTICLE_BYTES = 10 * 1024 * 1024
#: Deepest block nesting accepted (a list level counts 2: list + item; a quote counts 1).
#: markdown-it silently drops everything after its own limit; we stop with an error instead.
MAX_BLOCK_LEVEL = 40
#: Deepest nesting of front-matter YAML collections accepted.
MAX_YAML_DEPTH = 50


class _TooDeep(Exception):
    def __init__(self, line_index: int):
        super().__init__(line_index)
        self.line_index = line_index


def _nesting_guard(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    """First block rule: refuse nesting deeper than :data:`MAX_BLOCK_LEVEL`."""
    if state.level > MAX_BLOCK_LEVEL:
        raise _TooDeep(start_line)
    return False


_PARSER = MarkdownIt("commonmark", {"maxNesting": MAX_BLOCK_LEVEL + 3}).enable(
    ["table", "strikethrough"]
)
_PARSER.block.ruler.before(
    _PARSER.block.ruler.get_all_rules()[0], "locqa_nesting_guard", _nesting_guard
)


@dataclass(frozen=True, slots=True)
class Segment:
    """One translatable block of a document."""

    text: str
    kind: str  # heading, paragraph, list-item, blockquote, admonition, table-header, ...
    signature: str  # structural position, used for alignment: "h2", "li2/p", "td:r3c2", ...
    line: int  # 1-based line of the first piece
    pieces: tuple[tuple[int, int], ...]  # spans in Document.text, one per source line
    yaml_style: str | None = None  # for front-matter values: None (plain), "'", '"', "|", ">"

    @property
    def start(self) -> int:
        return self.pieces[0][0]

    @property
    def end(self) -> int:
        return self.pieces[-1][1]


@dataclass(frozen=True, slots=True)
class Document:
    path: str
    text: str
    segments: tuple[Segment, ...]
    front_matter: Mapping[str, Any] | None = None

    def line_of(self, offset: int) -> int:
        return _line_of(_line_starts(self.text), offset)


# --------------------------------------------------------------------------- reading


def decode(data: bytes, path: str | Path) -> str:
    """Strict UTF-8 (a BOM is kept as a character); NUL bytes are refused."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x}); convert the file to UTF-8",
            path,
            line,
        ) from None
    nul = text.find("\0")
    if nul >= 0:
        raise InputError(
            "contains a NUL byte: binary file, not Markdown", path, text.count("\n", 0, nul) + 1
        )
    return text


def read_document(
    path: str | Path,
    *,
    display: str | None = None,
    front_matter_keys: Sequence[str] = DEFAULT_FRONT_MATTER_KEYS,
) -> Document:
    name = display or str(path)
    try:
        with Path(path).open("rb") as handle:
            data = handle.read(MAX_ARTICLE_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", name) from None
    if len(data) > MAX_ARTICLE_BYTES:
        raise InputError(
            f"article is larger than {MAX_ARTICLE_BYTES // (1024 * 1024)} MiB; "
            "split it or check that it is really Markdown",
            name,
            1,
        )
    return parse_document(decode(data, name), name, front_matter_keys=front_matter_keys)


# --------------------------------------------------------------------------- parsing


def parse_document(
    text: str,
    path: str = "<string>",
    *,
    front_matter_keys: Sequence[str] = DEFAULT_FRONT_MATTER_KEYS,
) -> Document:
    """Split *text* into segments.

    Raises :class:`InputError` on malformed front matter, a code fence that is never
    closed, or nesting deeper than :data:`MAX_BLOCK_LEVEL`.
    """
    starts = _line_starts(text)
    lines = [text[starts[i] : _line_content_end(text, starts, i)] for i in range(len(starts))]
    segments: list[Segment] = []
    fm_lines = 0
    front: Mapping[str, Any] | None = None
    fm = _front_matter_bounds(lines, path)
    if fm is not None:
        first, last = fm  # line indexes of the opening and closing fences
        fm_lines = last + 1
        front, fm_segments = _front_matter_segments(
            text, starts, first, last, path, front_matter_keys
        )
        segments.extend(fm_segments)
    body_lines = [""] * fm_lines + lines[fm_lines:]
    if body_lines and body_lines[0].startswith("\ufeff"):
        body_lines[0] = body_lines[0][1:]  # pieces are located in the original text
    try:
        tokens = _PARSER.parse("\n".join(body_lines))
    except _TooDeep as exc:
        raise InputError(
            f"lists or block quotes nested more than {MAX_BLOCK_LEVEL} levels deep; "
            "flatten the structure",
            path,
            exc.line_index + 1,
        ) from None
    _refuse_unclosed_fence(tokens, path)
    segments.extend(_BlockWalker(text, starts, lines).walk(tokens))
    return Document(path=path, text=text, segments=tuple(segments), front_matter=front)


def _refuse_unclosed_fence(tokens: Sequence[Token], path: str) -> None:
    """A fence whose closing line is missing swallows the rest of its container (usually
    the whole rest of the article): valid CommonMark, but always a defect in docs."""
    for tok in tokens:
        if tok.type != "fence" or tok.map is None:
            continue
        content_lines = tok.content.count("\n") + (
            1 if tok.content and not tok.content.endswith("\n") else 0
        )
        if tok.map[1] - tok.map[0] - 1 - content_lines < 1:
            raise InputError(
                f"code fence opened with {tok.markup!r} is never closed", path, tok.map[0] + 1
            )


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _EOL.finditer(text)]


def _line_content_end(text: str, starts: list[int], index: int) -> int:
    if index + 1 < len(starts):
        end = starts[index + 1]
        while end > starts[index] and text[end - 1] in "\r\n":
            end -= 1
        return end
    return len(text)


def _line_of(starts: list[int], offset: int) -> int:
    return bisect.bisect_right(starts, offset)


def _front_matter_bounds(lines: list[str], path: str) -> tuple[int, int] | None:
    if not lines or not _FM_FENCE.fullmatch(lines[0].removeprefix("\ufeff")):
        return None
    for index in range(1, len(lines)):
        if _FM_END.fullmatch(lines[index]):
            return 0, index
    raise InputError("front matter opened with '---' is never closed", path, 1)


def _front_matter_segments(
    text: str,
    starts: list[int],
    first: int,
    last: int,
    path: str,
    keys: Sequence[str],
) -> tuple[Mapping[str, Any], list[Segment]]:
    body_start = starts[first + 1]
    body = text[body_start : starts[last]]
    loader = _Loader(body)  # libyaml when available: one parse gives nodes (with marks) and data
    try:
        _refuse_deep_yaml(body, path, first + 2)
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = first + 2 + (mark.line if mark else 0)
        problem = exc.problem or exc.context or "invalid YAML"
        raise InputError(f"invalid YAML in front matter: {problem}", path, line) from None
    except yaml.YAMLError as exc:
        raise InputError(f"invalid YAML in front matter: {exc}", path, first + 2) from None
    except RecursionError:
        raise InputError("front matter is nested too deeply", path, first + 2) from None
    finally:
        loader.dispose()
    if node is None:
        return {}, []
    if not isinstance(node, yaml.MappingNode) or not isinstance(data, dict):
        raise InputError("front matter must be a YAML mapping", path, first + 2)
    segments = []
    for key_node, value_node in node.value:
        if key_node.value not in keys or not isinstance(value_node, yaml.ScalarNode):
            continue
        if value_node.tag != "tag:yaml.org,2002:str" or not value_node.value.strip():
            continue
        start = body_start + value_node.start_mark.index
        end = body_start + value_node.end_mark.index
        if value_node.style in ("|", ">"):
            while end > start and text[end - 1] in "\r\n":
                end -= 1
        segments.append(
            Segment(
                text=value_node.value,
                kind=f"front-matter {key_node.value}",
                signature=f"fm:{key_node.value}",
                line=_line_of(starts, start),
                pieces=((start, end),),
                yaml_style=value_node.style or None,
            )
        )
    return data, segments


def _refuse_deep_yaml(body: str, path: str, first_line: int) -> None:
    """libyaml's composer recurses in C: a deeply nested value ("[[[[...") would overflow
    the C stack and kill the process. Its event parser does not recurse: measure first."""
    depth = 0
    for event in yaml.parse(body, Loader=_Loader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                line = first_line + (event.start_mark.line if event.start_mark else 0)
                raise InputError(
                    f"front matter is nested more than {MAX_YAML_DEPTH} levels deep", path, line
                )
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1


class _BlockWalker:
    """Turns markdown-it block tokens into segments located in the original text."""

    def __init__(self, text: str, starts: list[int], lines: list[str]):
        self.text = text
        self.starts = starts
        self.lines = lines

    def walk(self, tokens: Sequence[Token]) -> list[Segment]:
        out: list[Segment] = []
        stack: list[str] = []  # container path: "bq", "bq!NOTE", "ul1", "li", ...
        row = 0
        in_head = False
        i = 0
        while i < len(tokens):
            tok = tokens[i]
            kind = tok.type
            if kind == "blockquote_open":
                stack.append(self._blockquote_label(tokens, i))
            elif kind in ("bullet_list_open", "ordered_list_open"):
                depth = sum(1 for s in stack if s.startswith(("ul", "ol")))
                stack.append(("ul" if kind[0] == "b" else "ol") + str(depth + 1))
            elif kind == "list_item_open":
                stack.append("li")
            elif kind in (
                "blockquote_close",
                "bullet_list_close",
                "ordered_list_close",
                "list_item_close",
            ):
                stack.pop()
            elif kind == "thead_open":
                in_head, row = True, 0
            elif kind == "tbody_open":
                in_head = False
            elif kind == "tr_open":
                row += 0 if in_head else 1
                out.extend(self._table_row(tokens, i, row, in_head))
            elif kind == "heading_open":
                seg = self._inline_block(tokens[i + 1], "heading", f"h{tok.tag[1:]}", stack)
                if seg:
                    out.append(seg)
                i += 2
            elif kind == "paragraph_open":
                seg = self._paragraph(tokens[i + 1], stack)
                if seg:
                    out.append(seg)
                i += 2
            i += 1
        return out

    # -- containers

    def _blockquote_label(self, tokens: Sequence[Token], index: int) -> str:
        nxt = tokens[index + 1] if index + 2 < len(tokens) else None
        if nxt is not None and nxt.type == "paragraph_open":
            first_line = tokens[index + 2].content.split("\n", 1)[0]
            match = _ADMONITION.match(first_line)
            if match:
                return "bq!" + match["type"].upper()
        return "bq"

    # -- leaf blocks

    def _paragraph(self, inline: Token, stack: list[str]) -> Segment | None:
        container = stack[-1] if stack else ""
        if container == "li":
            kind = "list-item"
        elif container.startswith("bq!"):
            kind = "admonition " + container[3:].lower()
        elif container == "bq":
            kind = "blockquote"
        else:
            kind = "paragraph"
        return self._inline_block(inline, kind, "p", stack)

    def _inline_block(self, inline: Token, kind: str, tag: str, stack: list[str]) -> Segment | None:
        assert inline.map is not None
        content_lines = inline.content.split("\n")
        pieces: list[tuple[int, int]] = []
        for offset, content in enumerate(content_lines):
            span = self._locate(inline.map[0] + offset, content)
            if span is None:
                return None  # cannot be located exactly: leave the block untouched
            pieces.append(span)
        # an admonition marker line "[!NOTE]" opens the paragraph: not text
        while pieces and _ADMONITION.fullmatch(self.text[pieces[0][0] : pieces[0][1]]):
            pieces.pop(0)
        if not pieces:
            return None
        pieces = self._trim_trailing_attrs(pieces)
        if not pieces:
            return None
        text = "\n".join(self.text[s:e] for s, e in pieces)
        if len(pieces) == 1:
            image = _IMAGE_ONLY.match(text)
            if image and image.start() == 0:
                start = pieces[0][0] + image.start("alt")
                pieces = [(start, start + len(image["alt"]))]
                text, kind = image["alt"], "image-alt"
        if not is_translatable(text):
            return None
        signature = "/".join([*_structural(stack), tag])
        return Segment(
            text=text,
            kind=kind,
            signature=signature,
            line=_line_of(self.starts, pieces[0][0]),
            pieces=tuple(pieces),
        )

    def _locate(self, line_index: int, content: str) -> tuple[int, int] | None:
        """Span of *content* (a line of an inline token, whitespace-trimmed) in its line."""
        line = self.lines[line_index]
        base = self.starts[line_index]
        wanted = content.strip(" \t")
        if not wanted:
            return None
        stripped = line.rstrip(" \t")
        if stripped.endswith(wanted):
            start = len(stripped) - len(wanted)
        else:
            # ATX closing sequence ("# Title ##") or tab expansion: search from the right
            start = stripped.rfind(wanted)
            if start < 0:
                return None
        if base + start == 0 and self.text.startswith("\ufeff"):
            start += 1
            wanted = wanted.removeprefix("\ufeff")
        return base + start, base + start + len(wanted)

    def _trim_trailing_attrs(self, pieces: list[tuple[int, int]]) -> list[tuple[int, int]]:
        start, end = pieces[-1]
        match = _TRAILING_ATTRS.search(self.text, start, end)
        if match is None or match.end() != end:
            return pieces
        new_end = match.start()
        while new_end > start and self.text[new_end - 1] in " \t":
            new_end -= 1
        if new_end <= start:
            return pieces[:-1]
        return [*pieces[:-1], (start, new_end)]

    def _table_row(
        self, tokens: Sequence[Token], index: int, row: int, head: bool
    ) -> list[Segment]:
        tr = tokens[index]
        assert tr.map is not None
        line_index = tr.map[0]
        cells = split_table_row(self.lines[line_index])
        # markdown-it pads short rows and drops extra cells: count its cells
        count = 0
        j = index + 1
        while tokens[j].type != "tr_close":
            if tokens[j].type in ("th_open", "td_open"):
                count += 1
            j += 1
        base = self.starts[line_index]
        out = []
        for col, (start, end) in enumerate(cells[:count], start=1):
            if start == end:
                continue
            text = self.lines[line_index][start:end]
            if not is_translatable(text):
                continue
            tag = f"th:c{col}" if head else f"td:r{row}c{col}"
            out.append(
                Segment(
                    text=text,
                    kind="table-header" if head else "table-cell",
                    signature=tag,
                    line=line_index + 1,
                    pieces=((base + start, base + end),),
                )
            )
        return out


def _structural(stack: list[str]) -> list[str]:
    """The container path that matters for alignment (list depth, quotes, admonitions)."""
    return [s for s in stack if s != "li"]


def split_table_row(line: str) -> list[tuple[int, int]]:
    """Spans (trimmed) of the cells of a table row.

    Mirrors markdown-it's own rule exactly (a pipe right after a backslash does not split),
    so cells line up with the parser's view of the table.
    """
    spans: list[tuple[int, int]] = []
    i = len(line) - len(line.lstrip(" \t"))
    end_of_row = len(line.rstrip(" \t"))
    if i < end_of_row and line[i] == "|":
        i += 1
    cell_start = i
    while i < end_of_row:
        if line[i] == "|" and line[i - 1] != "\\":
            spans.append(_trim(line, cell_start, i))
            cell_start = i + 1
        i += 1
    if cell_start < end_of_row:
        spans.append(_trim(line, cell_start, end_of_row))
    return spans


def _trim(line: str, start: int, end: int) -> tuple[int, int]:
    while start < end and line[start] in " \t":
        start += 1
    while end > start and line[end - 1] in " \t":
        end -= 1
    return start, end


def is_translatable(text: str) -> bool:
    """True when *text* has letters outside code, URLs, attributes and DNL markers."""
    return _LETTER.search(_NON_TEXT.sub(" ", text)) is not None


# --------------------------------------------------------------------------- splicing


def splice(document: Document, replacements: Mapping[int, str]) -> str:
    """Return the document text with segment ``i``'s text replaced by ``replacements[i]``.

    Segments whose replacement equals their text are left alone, so an unchanged
    catalogue reproduces the input exactly.
    """
    edits: list[tuple[int, int, str]] = []
    for index, new in replacements.items():
        seg = document.segments[index]
        if new == seg.text:
            continue
        edits.extend(_edits_for(document.text, seg, new))
    edits.sort()
    out: list[str] = []
    cursor = 0
    for start, end, new_text in edits:
        if start < cursor:
            raise ValueError(f"overlapping edits in {document.path} at offset {start}")
        out.append(document.text[cursor:start])
        out.append(new_text)
        cursor = end
    out.append(document.text[cursor:])
    return "".join(out)


def _edits_for(text: str, seg: Segment, new: str) -> list[tuple[int, int, str]]:
    if seg.signature.startswith("fm:"):
        return [(seg.start, seg.end, yaml_scalar(new, seg.yaml_style))]
    if seg.kind in ("heading", "table-header", "table-cell", "image-alt") and (
        len(seg.pieces) == 1  # a setext heading may span lines: handled as a paragraph
    ):
        # single-line constructs: a line break would end the block
        new = re.sub(r"[ \t]*(?:\r\n|\r|\n)[ \t]*", " ", new)
        return [(seg.start, seg.end, new)]
    new_lines = _EOL.split(new)
    if len(new_lines) == len(seg.pieces):
        return [(s, e, line) for (s, e), line in zip(seg.pieces, new_lines, strict=True)]
    separator = _continuation(text, seg)
    return [(seg.start, seg.end, separator.join(new_lines))]


def _continuation(text: str, seg: Segment) -> str:
    """What goes between two lines of this block: line break + container prefix."""
    if len(seg.pieces) > 1:
        # line break + the next line's prefix; a hard break's trailing spaces stay behind
        return text[seg.pieces[0][1] : seg.pieces[1][0]].lstrip(" \t")
    line_start = text.rfind("\n", 0, seg.start) + 1
    line_start = max(line_start, text.rfind("\r", 0, seg.start) + 1)
    prefix = text[line_start : seg.start]
    # list markers become indentation; quote markers stay
    prefix = re.sub(r"[-*+](?=[ \t])|\d{1,9}[.)](?=[ \t])", lambda m: " " * len(m.group()), prefix)
    eol_match = _EOL.search(text, seg.end)
    eol = eol_match.group() if eol_match else "\n"
    return eol + prefix


def yaml_scalar(value: str, style: str | None) -> str:
    """Emit *value* as a YAML scalar, keeping the original quoting style where possible."""
    if style == "'" and "\n" not in value:
        return "'" + value.replace("'", "''") + "'"
    if style is None and "\n" not in value and _plain_safe(value):
        return value
    dumped = yaml.dump(value, default_style='"', allow_unicode=True, width=1 << 30)
    return dumped.rstrip("\n").removesuffix("\n...")


def _plain_safe(value: str) -> bool:
    if value != value.strip() or not value:
        return False
    try:
        return yaml.safe_load(value) == value and ": " not in value and " #" not in value
    except yaml.YAMLError:
        return False
