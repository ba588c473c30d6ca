"""Where each msgstr came from: the machine translation it was imported from, and whether
only locqa (not a person) has changed it since. Extract uses it to take a re-delivered MT;
build and check use it to refuse a catalogue that is stale against its article.

Two records, kept in the PO entry (the PO stays the single source of truth):

* ``#. locqa-mt: <mt> <machine>`` (an extracted comment, rewritten by ``locqa extract`` and
  ``locqa fix``): ``<mt>`` is :func:`digest` of the MT text in the translated article when
  the entry was last extracted (``-`` when the article has no segment for it), and
  ``<machine>`` the digest of the msgstr as locqa last wrote it without a person
  (the MT itself after extract, the corrected text after ``locqa fix``). A msgstr whose
  digest differs from ``<machine>`` was edited by a person (in a PO editor, or through
  ``locqa review``, which also leaves a ``# locqa-approved:`` marker).
* ``# locqa-new-mt: "…"`` (translator comments, in the layout of ``# locqa-original:``):
  a newer MT that arrived after a person edited or approved the entry. The person's text
  stays in msgstr, the entry is fuzzy, and the check ``CAT001`` reports the conflict with
  the new MT as its suggestion until a reviewer decides.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from babel.messages.catalog import Message

from .records import APPROVED, NEW_MT, ORIGINAL, text_comments, text_of

RECORD = "locqa-mt:"
NO_MT = "-"
_RECORD_LINE = re.compile(r"^locqa-mt: (?P<mt>[0-9a-f]{16}|-) (?P<machine>[0-9a-f]{16}|-)$")
_NEW_MT_LINE = re.compile(r"^locqa-new-mt(?: \d+/\d+)?: ")
_ORIGINAL_LINE = re.compile(r"^locqa-original(?: \d+/\d+)?: ")


def digest(text: str | None) -> str:
    """16 hex digits of SHA-256 of *text*; ``-`` for no text."""
    if text is None:
        return NO_MT
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True)
class Record:
    mt: str  # digest of the imported MT
    machine: str  # digest of the msgstr as locqa last wrote it

    def line(self) -> str:
        return f"{RECORD} {self.mt} {self.machine}"


def msgstr_of(msg: Message) -> str:
    return msg.string if isinstance(msg.string, str) else ""


def record_of(msg: Message) -> Record | None:
    """The entry's ``locqa-mt`` record, if it has one."""
    for comment in msg.auto_comments:
        match = _RECORD_LINE.match(comment.strip())
        if match:
            return Record(match["mt"], match["machine"])
    return None


def has_approval(msg: Message) -> bool:
    return any(c.startswith(APPROVED) for c in msg.user_comments)


def legacy_record(msg: Message) -> Record:
    """For a catalogue written before records existed: the MT is the recorded original or
    the msgstr, and the msgstr counts as locqa's unless a person approved it."""
    original = text_of(ORIGINAL, msg.user_comments)
    text = msgstr_of(msg)
    mt = digest(original if original is not None else text) if text or original else NO_MT
    return Record(mt, NO_MT if has_approval(msg) else digest(text))


def effective_record(msg: Message) -> Record:
    return record_of(msg) or legacy_record(msg)


def set_record(msg: Message, record: Record) -> None:
    """Put *record* into the entry's extracted comments (replacing an older one)."""
    kept = [c for c in msg.auto_comments if not _RECORD_LINE.match(c.strip())]
    msg.auto_comments[:] = [*kept, record.line()]


def person_touched(msg: Message, record: Record) -> bool:
    """Whether a person edited or approved the entry since locqa last wrote it."""
    return has_approval(msg) or digest(msgstr_of(msg)) != record.machine


def mark_machine_text(msg: Message) -> None:
    """After ``locqa fix`` changed the msgstr: the new text is locqa's, not a person's."""
    record = effective_record(msg)
    set_record(msg, Record(record.mt, digest(msgstr_of(msg))))


# --------------------------------------------------------------------------- conflicts


def new_mt_of(msg: Message) -> str | None:
    """The newer MT waiting for a reviewer's decision, if any."""
    return text_of(NEW_MT, msg.user_comments)


def clear_new_mt(msg: Message) -> None:
    msg.user_comments[:] = [c for c in msg.user_comments if not _NEW_MT_LINE.match(c)]


def set_new_mt(msg: Message, text: str) -> None:
    """Record *text* as the newer MT of a person-touched entry; the entry becomes fuzzy and
    loses its approval marker (the decision was made on the old MT)."""
    clear_new_mt(msg)
    lines = text_comments(NEW_MT, text)
    msg.user_comments[:] = [
        *(c for c in msg.user_comments if not c.startswith(APPROVED)),
        *lines,
    ]
    msg.flags.add("fuzzy")


def take_new_mt(msg: Message, mt: str | None) -> None:
    """Replace a machine-made msgstr with the new MT: the old original goes (it recorded
    the old MT), and so does a fuzzy state the old text had."""
    msg.string = mt or ""
    msg.user_comments[:] = [c for c in msg.user_comments if not _ORIGINAL_LINE.match(c)]
    clear_new_mt(msg)
    msg.flags.discard("fuzzy")
    msg.previous_id = []
    set_record(msg, Record(digest(mt), digest(mt or "")))
