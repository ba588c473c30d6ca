"""Editing PO catalogues in place: the one way fix, review and annotate change a PO file.

A :class:`Catalogue` is a PO file as read (its bytes) plus the Babel catalogue the caller
changes. Saving writes only what changed, byte-stable:

* Entries that were not marked changed keep their bytes exactly; so do the header, the
  obsolete entries and the file's line endings.
* A changed entry's block is rebuilt line group by line group (translator comments,
  extracted comments, references, flags, previous msgid, then msgctxt/msgid/msgstr): a
  group whose content did not change keeps its lines verbatim (another tool's wrapping
  included); a changed group is written by Babel's ``write_po`` (width 76, exactly as
  ``locqa extract`` writes), except translator comments, which are one line each as gettext
  reads them, people's lines kept as they were.
* The result is read back and compared with the intended catalogue; should it ever differ,
  the whole file is written by Babel (:func:`locqa.catalog.serialize`).

The ``#|`` lines of an entry (previous msgctxt/msgid) are kept verbatim unless its
``previous_id`` changes (see :func:`locqa.catalog.split_previous`).
"""

from __future__ import annotations

import io
import itertools
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

from .atomic import write_bytes
from .catalog import (
    Key,
    catalog_signature,
    messages,
    previous_lines,
    read_catalog,
    serialize,
    split_previous,
    strip_auto_flags,
)

_REVISION = re.compile(r'^"PO-Revision-Date: [^"\\]*\\n"\r?$')
_GROUPS = ("#", "#.", "#:", "#,", "#|")  # gettext's order of an entry's comment lines


def read(path: Path, lang: str, display: str) -> Catalog:
    """The catalogue as ``locqa extract`` keeps it (without the format flags Babel guesses
    from braces and percent signs: documentation text is not a format string)."""
    catalog = read_catalog(path, lang or None, display)
    for msg in messages(catalog):
        strip_auto_flags(msg)
    return catalog


def _key(msg: Message) -> Key:
    return (msg.context, str(msg.id))


@dataclass(frozen=True)
class _Snapshot:
    """An entry's content as read, group by group (to tell which groups changed)."""

    comments: tuple[str, ...]
    auto: tuple[str, ...]
    locations: tuple[tuple[str, int | None], ...]
    flags: tuple[str, ...]
    previous: tuple[str, ...]
    body: tuple[object, ...]

    @classmethod
    def of(cls, msg: Message) -> _Snapshot:
        return cls(
            tuple(msg.user_comments),
            tuple(msg.auto_comments),
            tuple(msg.locations),
            tuple(sorted(msg.flags)),
            tuple(msg.previous_id or ()),
            (msg.context, msg.id, msg.string),
        )

    def changed_groups(self, other: _Snapshot) -> set[str]:
        pairs = zip(
            _GROUPS,
            (self.comments, self.auto, self.locations, self.flags, self.previous),
            (other.comments, other.auto, other.locations, other.flags, other.previous),
            strict=True,
        )
        return {group for group, mine, theirs in pairs if mine != theirs}


def _group(line: str) -> str:
    stripped = line.lstrip()
    for prefix in ("#.", "#:", "#,", "#|"):
        if stripped.startswith(prefix):
            return prefix
    return "#"


def _comment_text(line: str) -> str:
    """A translator-comment line's text, as Babel reads it."""
    return line.strip()[1:].strip()


@dataclass
class Catalogue:
    """One PO file being edited: its bytes as read, and the Babel catalogue we change.

    Change entries through :meth:`get` and say so with :meth:`mark`; :meth:`save` writes.
    """

    path: Path
    display: str
    lang: str  # the catalogue's language; "" when not known (read from its header)
    raw: bytes
    catalog: Catalog
    changed: set[Key] = field(default_factory=set)
    _read_as: dict[Key, _Snapshot] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, lang: str, display: str) -> Catalogue:
        raw = path.read_bytes()
        catalog = read(path, lang, display)
        return cls(path, display, lang, raw, catalog, _read_as=_snapshots(catalog))

    def get(self, key: Key) -> Message | None:
        msg = self.catalog.get(key[1], key[0])
        return msg if isinstance(msg, Message) else None

    def entries(self) -> Iterator[Message]:
        return iter(list(messages(self.catalog)))

    def mark(self, key: Key) -> None:
        """Record that the entry *key* was changed (written by the next :meth:`save`)."""
        self.changed.add(key)

    def render(self, moment: datetime | None = None, *, revised: bool = True) -> bytes:
        """The file with the changed entries rebuilt (see the module docstring); with
        *revised*, ``PO-Revision-Date`` set to *moment* (now by default)."""
        changed = {key for key in self.changed if self._differs(key)}
        if not changed:
            return self.raw
        stamp: str | None = None
        if revised:
            when = moment or datetime.now().astimezone()
            self.catalog.revision_date = when
            stamp = when.strftime("%Y-%m-%d %H:%M%z")
        spliced = self._splice(changed, stamp)
        if spliced is not None:
            try:
                if _signature_of(spliced, self.catalog) == catalog_signature(self.catalog):
                    return spliced
            except Exception:
                pass
        return serialize(self.catalog)

    def save(self, moment: datetime | None = None, *, revised: bool = True) -> bool:
        """Write the changes atomically; True when the file was written."""
        data = self.render(moment, revised=revised)
        written = data != self.raw and write_bytes(self.path, data)
        self.raw, self.changed = data, set()
        if written:
            self.catalog = read(self.path, self.lang, self.display)
            self._read_as = _snapshots(self.catalog)
        return written

    # ------------------------------------------------------------------ splicing

    def _differs(self, key: Key) -> bool:
        msg = self.get(key)
        return msg is None or self._read_as.get(key) != _Snapshot.of(msg)

    def _babel_lines(self, msg: Message) -> list[str]:
        """*msg* as Babel writes it in a catalogue of its own (no header)."""
        single = Catalog(locale=self.catalog.locale, charset=self.catalog.charset)
        single[msg.id] = msg
        text = serialize_entry(single)
        return text.rstrip("\n").split("\n")

    def _rebuild(self, old: list[str], msg: Message) -> list[str]:
        """The new lines of the entry block *old* (no line endings) for *msg*."""
        before = self._read_as.get(_key(msg))
        new = self._babel_lines(msg)
        old_head, old_body = _split_block(old)
        new_head, new_body = _split_block(new)
        if before is None:
            return new
        changed = before.changed_groups(_Snapshot.of(msg))
        head: list[str] = []
        for group in _GROUPS:
            kept = [line for line in old_head if _group(line) == group]
            if group not in changed:
                head.extend(kept)
            elif group == "#":
                head.extend(_comment_lines(kept, before.comments, msg.user_comments))
            elif group == "#|" and msg.previous_id:
                head.extend(previous_lines(msg))
            else:
                head.extend(line for line in new_head if _group(line) == group)
        body = old_body if before.body == _Snapshot.of(msg).body else new_body
        return head + body

    def _splice(self, changed: set[Key], stamp: str | None) -> bytes | None:
        charset = self.catalog.charset or "utf-8"
        lines = self.raw.decode(charset).split("\n")
        cr = "\r" if lines and lines[0].endswith("\r") else ""
        if cr:
            lines = [line.removesuffix("\r") for line in lines]
        blocks: list[tuple[int, int, list[str]]] = []
        for key in changed:
            msg = self.get(key)
            if msg is None or not msg.lineno or msg.lineno > len(lines):
                return None
            start = end = msg.lineno - 1
            while start > 0 and lines[start - 1].strip():
                start -= 1
            while end < len(lines) and lines[end].strip():
                end += 1
            blocks.append((start, end, self._rebuild(lines[start:end], msg)))
        blocks.sort(reverse=True)
        for (start, _end, _), (_, previous_end, _) in itertools.pairwise(blocks):
            if previous_end > start:
                return None  # two changed entries in one block: let Babel write the file
        for start, end, new in blocks:
            lines[start:end] = new
        if stamp is not None:
            for index, line in enumerate(lines):
                if not line.strip():
                    break
                if _REVISION.match(line):
                    lines[index] = f'"PO-Revision-Date: {stamp}\\n"'
                    break
        return (cr + "\n").join(lines).encode(charset, errors="backslashreplace")


def serialize_entry(single: Catalog) -> str:
    """The entries of *single* as Babel writes them, without header and previous lines."""
    buffer = io.BytesIO()
    write_po(buffer, single, width=76, omit_header=True, ignore_obsolete=True)
    return buffer.getvalue().decode(single.charset or "utf-8")


def _comment_lines(old: list[str], before: tuple[str, ...], after: list[str]) -> list[str]:
    """Translator-comment lines for the comments *after*, from the *old* lines that held
    *before*: removed comments lose their lines, the other lines stay verbatim (also lines
    Babel does not report, such as a second empty ``#``), added ones come last."""
    removed = Counter(before) - Counter(after)
    added = Counter(after) - Counter(before)
    lines = []
    for line in old:
        text = _comment_text(line)
        if removed[text] > 0:
            removed[text] -= 1
        else:
            lines.append(line)
    for text in after:
        if added[text] > 0:
            added[text] -= 1
            lines.append(f"# {text}".rstrip())
    return lines


def _split_block(lines: list[str]) -> tuple[list[str], list[str]]:
    """An entry block's comment lines and its msgctxt/msgid/msgstr lines."""
    at = next((i for i, line in enumerate(lines) if not line.lstrip().startswith("#")), len(lines))
    return lines[:at], lines[at:]


def _snapshots(catalog: Catalog) -> dict[Key, _Snapshot]:
    return {_key(msg): _Snapshot.of(msg) for msg in messages(catalog)}


def _signature_of(data: bytes, like: Catalog) -> object:
    """The signature of *data* read as *like* was (same locale)."""
    catalog = read_po(io.BytesIO(data), locale=like.locale)
    split_previous(catalog)
    for msg in messages(catalog):
        strip_auto_flags(msg)
    return catalog_signature(catalog)
