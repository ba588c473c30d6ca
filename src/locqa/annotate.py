"""Annotate a PO catalogue with findings: ``fuzzy`` flags and ``# locqa:`` translator comments.

Conventions (stable; other tools and people rely on them):

* Every translator-comment line whose text starts with ``locqa:`` belongs to locqa. All
  other translator comments were written by people and are never touched.
* An entry with findings gets one line per distinct finding, in report order::

      # locqa: ENC001 Mojibake 'cliÃ«nt': the text was decoded with the wrong encoding

  Whitespace (newlines included) collapses to one space, invisible and control characters
  become visible escapes, and the text is cut to :data:`COMMENT_WIDTH` characters (ending
  in ``…``) so that Babel's and xgettext's comment wrapping (76 columns) never splits a
  locqa line into a part that would look like a person's comment.
* When locqa sets ``fuzzy`` on an entry that was not fuzzy, it adds the marker line
  ``# locqa: fuzzy (set by locqa, cleared when its findings are fixed)``. When the findings
  are gone, locqa removes its comments, and removes ``fuzzy`` only if that marker is present
  and the entry has no ``#|`` previous msgid/msgctxt (which msgmerge or Babel add when they
  make an entry fuzzy). An entry that was fuzzy for any other reason stays fuzzy.
* Entries are matched to findings by ``(msgctxt, msgid)``; obsolete (``#~``) entries are
  left alone, and findings for entries the catalogue lacks are ignored.

Writing: :func:`annotate_po` does not re-render the catalogue. It parses it with polib,
computes the new comments and flags, and splices only the translator-comment and flag lines
of the entries that changed into the original text, so msgid/msgstr wrapping, header order
and reference lines stay byte for byte as the catalogue's writer (Babel ``write_po``, width
76) left them. The result is re-parsed and compared with the intended catalogue; should the
splice ever disagree, the whole catalogue is written by polib with ``wrapwidth=76`` instead.
Nothing is written when nothing changed; writes are atomic.
"""

from __future__ import annotations

import re
import tempfile
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import polib

from .atomic import write_bytes
from .catalog import check_duplicates, check_po_syntax
from .errors import InputError
from .findings import Finding, ordered
from .inert import inert

PREFIX = "locqa:"
FUZZY_MARKER = "locqa: fuzzy (set by locqa, cleared when its findings are fixed)"
COMMENT_WIDTH = 76
WRAPWIDTH = 76  # polib wrap width, used only by the fallback writer

Key = tuple[str | None, str]
_NEWLINE = re.compile(r"(\r\n|\r|\n)")
_LINE_IN_ERROR = re.compile(r"\(line (\d+)\)\s*:?\s*(.*)$", re.DOTALL)


def comment_for(finding: Finding) -> str:
    """The one-line translator comment (without ``# ``) for *finding*."""
    text = inert(" ".join(f"{PREFIX} {finding.check} {finding.message}".split()))
    if len(text) <= COMMENT_WIDTH:
        return text
    cut = text[: COMMENT_WIDTH - 1]
    space = cut.rfind(" ")
    if space > COMMENT_WIDTH // 2:
        cut = cut[:space]
    return cut.rstrip() + "…"


def _is_ours(line: str) -> bool:
    return line.strip().startswith(PREFIX)


def _is_marker(line: str) -> bool:
    return line.strip().startswith("locqa: fuzzy")


def _with_fuzzy(flags: list[str]) -> list[str]:
    if flags and flags == sorted(flags):
        return sorted([*flags, "fuzzy"])
    return ["fuzzy", *flags]


def plan_entry(
    comments: list[str], flags: list[str], has_previous: bool, findings: Sequence[Finding]
) -> tuple[list[str], list[str]]:
    """New translator-comment lines and flags for one entry (see the module docstring)."""
    human = [line for line in comments if not _is_ours(line)]
    had_marker = any(_is_marker(line) for line in comments)
    fuzzy = "fuzzy" in flags
    ours: list[str] = []
    new_flags = list(flags)
    if findings:
        if not fuzzy:
            new_flags = _with_fuzzy(flags)
            ours.append(FUZZY_MARKER)
        elif had_marker:
            ours.append(FUZZY_MARKER)
        for text in dict.fromkeys(comment_for(f) for f in ordered(findings)):
            ours.append(text)
    elif had_marker and fuzzy and not has_previous:
        new_flags = [flag for flag in flags if flag != "fuzzy"]
    return human + ours, new_flags


def _comment_lines(entry: polib.POEntry) -> list[str]:
    return entry.tcomment.split("\n") if entry.tcomment else []


def _has_previous(entry: polib.POEntry) -> bool:
    return bool(entry.previous_msgid or entry.previous_msgctxt or entry.previous_msgid_plural)


def annotate_catalog(po: polib.POFile, findings: Sequence[Finding]) -> None:
    """Set the ``fuzzy`` flags and ``# locqa:`` comments of *po* in place (pure: no I/O)."""
    by_key: dict[Key, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_key[(finding.msgctxt or None, finding.msgid)].append(finding)
    for entry in po:
        if entry.obsolete:
            continue
        comments, flags = plan_entry(
            _comment_lines(entry),
            list(entry.flags),
            _has_previous(entry),
            by_key.get((entry.msgctxt or None, entry.msgid), ()),
        )
        entry.tcomment = "\n".join(comments)
        entry.flags = flags


def _first_entry_line(text: str) -> int | None:
    """1-based line of the first entry of a catalogue *without* a header entry, else None."""
    lines = [line.strip() for line in _split_lines(text)]
    keywords = [line for line in lines if line and not line.startswith("#")]
    if keywords and keywords[0].split(None, 1) == ["msgid", '""']:
        return None  # the header entry
    return next((index + 1 for index, line in enumerate(lines) if line), None)


def _load(path: Path) -> polib.POFile:
    """polib's reading of *path*, corrected for catalogues without a header entry: polib
    then files the first entry's translator comments as the header and gives that entry
    line 0; here they belong to the entry, as gettext reads them."""
    po = polib.pofile(str(path), wrapwidth=WRAPWIDTH)
    first = _first_entry_line(path.read_bytes().decode(po.encoding))
    entries = [entry for entry in po if not entry.obsolete]
    if first is not None and entries and not po.metadata:
        entry = entries[0]
        if po.header:
            entry.tcomment = "\n".join(part for part in (po.header, entry.tcomment) if part)
            po.header = ""
        if not entry.linenum:
            entry.linenum = first
    return po


def _parse(path: Path, raw: bytes) -> tuple[polib.POFile, str]:
    """Parse *path* with polib; errors become :class:`InputError` with file and line."""
    try:
        po = _load(path)
        text = raw.decode(po.encoding)
        # what gettext would refuse is bad input here too (polib accepts, e.g., a string
        # cut off mid-line, and a second header entry)
        check_po_syntax(text, str(path))
        check_duplicates(path, str(path))
        return po, text
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid {exc.encoding} text: {exc.reason}", path, line) from None
    except LookupError as exc:  # an unknown charset in the header
        raise InputError(f"unknown PO charset: {exc}", path) from None
    except OSError as exc:
        match = _LINE_IN_ERROR.search(str(exc))
        if match:
            detail = match.group(2).strip() or "syntax error"
            raise InputError(f"PO syntax error: {detail}", path, int(match.group(1))) from None
        raise InputError(f"cannot read PO file: {exc}", path) from None


def _classify(line: str) -> str:
    stripped = line.strip()
    for prefix in ("#.", "#:", "#,", "#|"):
        if stripped.startswith(prefix):
            return prefix
    return "#"


def _splice_entry(
    lines: list[str], start: int, comments: list[str], flags: list[str] | None, newline: str
) -> bool:
    """Replace the comment block of the entry starting at ``lines[start]`` in place.

    *flags* is ``None`` when the flags did not change (their lines are kept verbatim).
    Returns False when the block does not look like an entry's (the caller falls back).
    """
    end = start
    while (
        end < len(lines)
        and lines[end].lstrip().startswith("#")
        and not (lines[end].lstrip().startswith("#~"))
    ):
        end += 1
    if end >= len(lines) or not lines[end].lstrip().startswith(("msgctxt", "msgid")):
        return False
    block = lines[start:end]
    human = [line for line in block if _classify(line) == "#" and not _is_ours(_text(line))]
    rest = [line for line in block if _classify(line) != "#"]
    new_comments = [f"# {text}{newline}" for text in comments if _is_ours(text)]
    if flags is not None:
        flag_line = [f"#, {', '.join(flags)}{newline}"] if flags else []
        positions = [i for i, line in enumerate(rest) if _classify(line) == "#,"]
        if positions:
            first = positions[0]
            rest = (
                [line for line in rest[:first] if _classify(line) != "#,"]
                + flag_line
                + [line for line in rest[first:] if _classify(line) != "#,"]
            )
        else:
            previous = [i for i, line in enumerate(rest) if _classify(line) == "#|"]
            at = previous[0] if previous else len(rest)
            rest = rest[:at] + flag_line + rest[at:]
    lines[start:end] = human + new_comments + rest
    return True


def _text(line: str) -> str:
    """A translator-comment line's text, as polib reads it."""
    text = line.strip().lstrip("#")
    return text[1:] if text.startswith(" ") else text


def _signature(po: polib.POFile) -> list[tuple[object, ...]]:
    return [
        (e.msgctxt, e.msgid, e.msgstr, dict(e.msgstr_plural), e.tcomment, list(e.flags), e.obsolete)
        for e in po
    ]


def _split_lines(text: str) -> list[str]:
    """Lines with their endings, split where polib splits a file (universal newlines only:
    a U+2028 inside a msgstr is not a line break here, unlike with ``str.splitlines``)."""
    parts = _NEWLINE.split(text)
    lines = [parts[i] + parts[i + 1] for i in range(0, len(parts) - 1, 2)]
    if parts[-1]:
        lines.append(parts[-1])
    return lines


def _splice(text: str, changes: dict[int, tuple[list[str], list[str] | None]]) -> str | None:
    """*text* with the comment blocks of the changed entries (keyed by polib's 1-based
    ``linenum``) replaced; None when an entry's block is not where polib said."""
    lines = _split_lines(text)
    newline = "\r\n" if lines and lines[0].endswith("\r\n") else "\n"
    for linenum in sorted(changes, reverse=True):
        comments, flags = changes[linenum]
        if not _splice_entry(lines, linenum - 1, comments, flags, newline):
            return None
    return "".join(lines)


def _reparses_as(data: bytes, po: polib.POFile) -> bool:
    """Whether *data*, read back by polib exactly as a file is read, equals *po*."""
    with tempfile.TemporaryDirectory(prefix="locqa-po-") as tmp:
        check = Path(tmp) / "check.po"
        check.write_bytes(data)
        try:
            reparsed = _load(check)
        except (OSError, UnicodeError, LookupError):
            return False
    return _signature(reparsed) == _signature(po)


def annotate_po(path: Path, findings: Sequence[Finding]) -> bool:
    """Annotate the PO file at *path* with *findings* (for that catalogue).

    Returns True when the file was rewritten. Raises :class:`InputError` for unreadable or
    malformed PO files (with the line of the error when polib reports it).
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read PO file: {exc.strerror or exc}", path) from None
    po, text = _parse(path, raw)
    before = {id(e): (e.tcomment, list(e.flags)) for e in po}
    annotate_catalog(po, findings)
    changes: dict[int, tuple[list[str], list[str] | None]] = {}
    located = True
    for entry in po:
        old_comment, old_flags = before[id(entry)]
        if (entry.tcomment, entry.flags) != (old_comment, old_flags):
            flags = None if entry.flags == old_flags else list(entry.flags)
            if entry.linenum is None:
                located = False
            else:
                changes[entry.linenum] = (_comment_lines(entry), flags)
    if not changes and located:
        return False
    spliced = _splice(text, changes) if located else None
    data = spliced.encode(po.encoding, errors="backslashreplace") if spliced is not None else None
    if data is None or not _reparses_as(data, po):
        po.wrapwidth = WRAPWIDTH
        data = str(po).encode(po.encoding, errors="backslashreplace")
    return write_bytes(path, data)
