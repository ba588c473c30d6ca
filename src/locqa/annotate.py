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

Writing: :func:`annotate_po` edits the catalogue through :class:`locqa.po.Catalogue`, the
one PO editor: only the translator-comment and flag lines of the entries that changed are
rewritten; everything else stays byte for byte as it was. ``PO-Revision-Date`` is not
touched (annotations are not translations). Nothing is written when nothing changed; writes
are atomic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

from .errors import InputError
from .findings import Finding, ordered
from .inert import inert
from .po import Catalogue

PREFIX = "locqa:"
FUZZY_MARKER = "locqa: fuzzy (set by locqa, cleared when its findings are fixed)"
COMMENT_WIDTH = 76

Key = tuple[str | None, str]


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
            new_flags = [*flags, "fuzzy"]
            ours.append(FUZZY_MARKER)
        elif had_marker:
            ours.append(FUZZY_MARKER)
        for text in dict.fromkeys(comment_for(f) for f in ordered(findings)):
            ours.append(text)
    elif had_marker and fuzzy and not has_previous:
        new_flags = [flag for flag in flags if flag != "fuzzy"]
    return human + ours, new_flags


def annotate_catalogue(catalogue: Catalogue, findings: Sequence[Finding]) -> None:
    """Set the ``fuzzy`` flags and ``# locqa:`` comments of *catalogue* in memory (no I/O);
    the entries that change are marked for :meth:`Catalogue.save`."""
    by_key: dict[Key, list[Finding]] = defaultdict(list)
    for finding in findings:
        by_key[(finding.msgctxt or None, finding.msgid)].append(finding)
    for msg in catalogue.entries():
        key: Key = (msg.context, str(msg.id))
        comments, flags = plan_entry(
            list(msg.user_comments), sorted(msg.flags), bool(msg.previous_id), by_key.get(key, ())
        )
        if comments != list(msg.user_comments) or set(flags) != msg.flags:
            msg.user_comments = comments
            msg.flags = set(flags)
            catalogue.mark(key)


def annotate_po(path: Path, findings: Sequence[Finding]) -> bool:
    """Annotate the PO file at *path* with *findings* (for that catalogue).

    Returns True when the file was rewritten. Raises :class:`InputError` for unreadable or
    malformed PO files (with the line of the error).
    """
    try:
        catalogue = Catalogue.load(path, "", str(path))
    except OSError as exc:
        raise InputError(f"cannot read PO file: {exc.strerror or exc}", path) from None
    annotate_catalogue(catalogue, findings)
    return catalogue.save(revised=False)
