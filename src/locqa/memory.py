"""What reviewers decided, kept: approval markers and original MT in the PO, and a TMX memory.

Three records, each in a standard place:

* ``# locqa-approved: <hash> <decision> [overrides=CODE,CODE]`` — a translator comment on
  an entry a person accepted, edited or approved (or that the translation memory decided).
  ``<hash>`` is :func:`approval_hash` of (msgctxt, msgid, msgstr): when the source or the
  translation changes, the hash no longer matches and the entry is checked (and flagged)
  again. ``overrides=`` lists the check codes of the findings the approval overrode (an
  entry approved as is); long lists continue on further lines with the same hash (see
  :func:`approval_lines`); markers without it (older versions) override nothing.
  :func:`approved_keys` is what the check stage reads to leave approved entries alone
  (:func:`locqa.checks.suppress.drop_suppressed`).
* ``# locqa-original: "…"`` — the machine translation as it was before locqa or a person
  changed it, as a JSON string; a long one in numbered parts
  (``# locqa-original 1/3: "…``) of at most 74 columns (see :func:`original_comments`),
  so gettext tools that wrap comments at 76 columns (Babel, polib, xgettext) never split
  a line. Added once, with the first original; never rewritten.
* ``locales/memory/<src>-<tgt>.tmx`` — a TMX 1.4 translation memory of every human
  decision: the source, the decided translation, and (``<prop type="x-locqa-mt">``) the MT
  text it replaced. The same MT segment (same source, same MT text) anywhere in the corpus
  gets the same decision automatically when ``locqa fix`` or ``locqa review`` runs.

Lines starting ``locqa-`` are not ``locqa:`` lines, so :mod:`locqa.annotate` (which owns
only ``# locqa:`` lines) keeps them like any person's comment.

TMX is parsed with :mod:`defusedxml` (no entity expansion, no external resources) and
written with the standard library. Characters XML 1.0 cannot hold (C0 controls such as
ESC, CR, U+FFFE/U+FFFF) are written as ``<ph type="x-locqa-char">U+001B</ph>`` inside a
``<seg>`` and read back as the character, so hostile text survives the round trip.
"""

from __future__ import annotations

import hashlib
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from babel.messages.catalog import Message
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from . import __version__
from .atomic import write_bytes
from .catalog import messages, read_catalog
from .errors import InputError
from .findings import Decision
from .records import APPROVED, NEW_MT, ORIGINAL, text_comments, text_of

DECISIONS = ("accept", "edit", "approve", "memory")
OVERRIDES = "overrides="  # in a locqa-approved line: the check codes the approval overrides
_CODE = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,15}")  # a check code: TRN002, LT001
_MARKER_COLUMNS = 74  # "# locqa-approved: …" lines stay within 74 columns
_ORIGINAL_LINE = re.compile(
    r"^locqa-original(?: (?P<n>\d+)/(?P<total>\d+))?: ?(?P<text>.*)$", re.DOTALL
)
_XML_NS = "{http://www.w3.org/XML/1998/namespace}"
_CHAR_PH = "x-locqa-char"
_MT_PROP = "x-locqa-mt"
_MT_JSON_PROP = "x-locqa-mt-json"
_DECISION_PROP = "x-locqa-decision"
_CONTEXT_PROP = "x-context"


# --------------------------------------------------------------------------- original MT


def original_comments(text: str) -> list[str]:
    """Translator-comment lines (without ``# ``) that record *text* as the original MT
    (layout: :func:`locqa.records.text_comments`)."""
    return text_comments(ORIGINAL, text)


def original_of(comments: Sequence[str]) -> str | None:
    """The original MT recorded in *comments*, if any (None also when the record is
    incomplete or damaged)."""
    return text_of(ORIGINAL, comments)


def mt_text(entry: Message) -> str:
    """The machine translation of *entry*: a newer MT waiting for review, else the recorded
    original, else the msgstr."""
    newer = text_of(NEW_MT, entry.user_comments)  # a re-delivered MT waiting for review
    if newer is not None:
        return newer
    original = original_of(entry.user_comments)
    if original is not None:
        return original
    return entry.string if isinstance(entry.string, str) else ""


def keep_original(entry: Message, before: str) -> None:
    """Record *before* as the entry's original MT unless one is recorded already."""
    if not any(_ORIGINAL_LINE.match(c) for c in entry.user_comments):
        entry.user_comments.extend(original_comments(before))


# --------------------------------------------------------------------------- approval


def approval_hash(msgctxt: str | None, msgid: str, msgstr: str) -> str:
    data = json.dumps([msgctxt, msgid, msgstr], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(data).hexdigest()[:16]


def _entry_hash(entry: Message) -> str:
    msgid = entry.id if isinstance(entry.id, str) else ""
    msgstr = entry.string if isinstance(entry.string, str) else ""
    return approval_hash(entry.context, msgid, msgstr)


@dataclass(frozen=True)
class Approval:
    """One decision recorded by ``locqa-approved`` lines: the hash of the entry approved,
    the decision, and the check codes whose findings the approval overrides."""

    hash: str
    decision: str
    overrides: tuple[str, ...] = ()


def _marker_words(comment: str) -> list[str]:
    """The words after ``locqa-approved:`` (empty for any other comment)."""
    return comment[len(APPROVED) :].split() if comment.startswith(APPROVED) else []


def _parse_marker(words: Sequence[str]) -> Approval:
    """``<hash> [<decision>] [overrides=CODE,CODE]`` (old markers have no overrides)."""
    decision = words[1] if len(words) > 1 and not words[1].startswith(OVERRIDES) else ""
    overrides = tuple(
        code
        for word in words[1:]
        if word.startswith(OVERRIDES)
        for code in word[len(OVERRIDES) :].split(",")
        if code
    )
    return Approval(words[0], decision, overrides)


def approval_of(entry: Message) -> Approval | None:
    """The decision recorded for the entry's current source and msgstr, if any.

    An approval may take several lines with the same hash (see :func:`approval_lines`);
    the decision is the first line's, the overrides are those of all lines. Markers of
    older versions (``<hash> <decision>``) read as approvals overriding nothing.
    """
    current = _entry_hash(entry)
    found = [
        _parse_marker(words)
        for words in map(_marker_words, entry.user_comments)
        if words and words[0] == current
    ]
    if not found:
        return None
    overrides = sorted({code for approval in found for code in approval.overrides})
    return Approval(current, found[0].decision, tuple(overrides))


def is_approved(entry: Message) -> bool:
    """Whether a person (or the memory) approved the entry's current source and msgstr."""
    return approval_of(entry) is not None


def approval_lines(hash_: str, decision: str, overrides: Iterable[str] = ()) -> list[str]:
    """The translator-comment lines (without ``# ``) recording an approval.

    ``locqa-approved: <hash> <decision>``, with ``overrides=CODE,CODE`` when the approval
    overrides findings. Codes that do not fit in :data:`_MARKER_COLUMNS` go on further
    lines with the same hash and decision, so gettext tools that wrap comments at 76
    columns never split a line, and every line is a complete marker for older readers.
    """
    codes = sorted(set(overrides))
    for code in codes:
        if not _CODE.fullmatch(code):
            raise ValueError(f"not a check code: {code!r}")
    head = f"{APPROVED} {hash_} {decision}"
    if not codes:
        return [head]
    room = _MARKER_COLUMNS - len("# ") - len(head) - len(" ") - len(OVERRIDES)
    chunks: list[list[str]] = [[]]
    for code in codes:
        if chunks[-1] and len(",".join([*chunks[-1], code])) > room:
            chunks.append([])
        chunks[-1].append(code)
    return [f"{head} {OVERRIDES}{','.join(chunk)}" for chunk in chunks]


def mark_approved(entry: Message, decision: str, overrides: Iterable[str] = ()) -> None:
    """Mark *entry* approved as it is now, overriding the findings of the check codes
    *overrides*: ``locqa-approved`` line(s) replacing older ones, no ``locqa:`` lines; the
    caller clears ``fuzzy`` and previous msgids."""
    if decision not in DECISIONS:
        raise ValueError(f"unknown decision {decision!r}")
    kept = [
        c
        for c in entry.user_comments
        if not c.startswith(APPROVED) and not c.strip().startswith("locqa:")
    ]
    entry.user_comments[:] = [*kept, *approval_lines(_entry_hash(entry), decision, overrides)]


def approved_keys(po: Path) -> set[tuple[str | None, str, str]]:
    """(msgctxt, msgid, msgstr) of the entries of the catalogue *po* that are approved."""
    if APPROVED.encode() not in po.read_bytes():  # most catalogues: no parse needed
        return set()
    catalog = read_catalog(po, None)
    return {
        (m.context, str(m.id), str(m.string))
        for m in messages(catalog)
        if isinstance(m.string, str) and is_approved(m)
    }


# --------------------------------------------------------------------------- memory


def tmx_date(moment: datetime | None = None) -> str:
    return (moment or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass
class Memory:
    """A translation memory for one language pair, stored as TMX 1.4."""

    source_lang: str
    target_lang: str
    path: Path | None = None
    entries: dict[tuple[str, str], Decision] = field(default_factory=dict)

    @classmethod
    def load(cls, path: Path, source_lang: str, target_lang: str) -> Memory:
        memory = cls(source_lang, target_lang, path)
        if path.is_file():
            memory.merge(read_tmx(path, source_lang, target_lang))
        return memory

    def lookup(self, source: str, mt: str) -> Decision | None:
        return self.entries.get((source, mt))

    def remember(
        self,
        source: str,
        mt: str,
        translation: str,
        decision: str,
        context: str | None = None,
        moment: datetime | None = None,
    ) -> bool:
        """Add or update a decision; returns True when the memory changed."""
        old = self.entries.get((source, mt))
        if old is not None and (old.translation, old.decision) == (translation, decision):
            return False
        now = tmx_date(moment)
        self.entries[(source, mt)] = Decision(
            source,
            mt,
            translation,
            decision,
            created=old.created if old else now,
            changed=now,
            context=old.context if old else context,
        )
        return True

    def merge(self, decisions: Iterable[Decision]) -> int:
        """Take every decision of *decisions* (later ones win); returns how many changed."""
        changed = 0
        for decision in decisions:
            if self.entries.get(decision.key) != decision:
                self.entries[decision.key] = decision
                changed += 1
        return changed

    def to_tmx(self) -> bytes:
        return tmx_bytes(self.entries.values(), self.source_lang, self.target_lang)

    def save(self) -> bool:
        """Write the memory atomically (only if its content changed)."""
        if self.path is None:
            raise ValueError("this memory has no file")
        return write_bytes(self.path, self.to_tmx())


def memory_path(locales_root: Path, source_lang: str, target_lang: str) -> Path:
    return locales_root / "memory" / f"{source_lang}-{target_lang}.tmx"


# --------------------------------------------------------------------------- TMX


def _xml_forbidden(char: str) -> bool:
    code = ord(char)
    return (
        (code < 0x20 and char not in "\t\n") or 0xD800 <= code <= 0xDFFF or code in (0xFFFE, 0xFFFF)
    )


def _fill_seg(seg: ET.Element, text: str) -> None:
    """Set *seg*'s content to *text*, writing XML-forbidden characters as ``<ph>``."""
    last: ET.Element | None = None
    buffer: list[str] = []

    def flush() -> None:
        chunk = "".join(buffer)
        buffer.clear()
        if last is None:
            seg.text = (seg.text or "") + chunk
        else:
            last.tail = (last.tail or "") + chunk

    for char in text:
        if _xml_forbidden(char):
            flush()
            last = ET.SubElement(seg, "ph", {"type": _CHAR_PH})
            last.text = f"U+{ord(char):04X}"
        else:
            buffer.append(char)
    flush()


def _seg_text(seg: ET.Element) -> str:
    """The text of a ``<seg>``; our ``x-locqa-char`` placeholders become characters, the
    content of other inline elements (native codes, ``<hi>``) is kept as text."""
    parts = [seg.text or ""]
    for child in seg:
        if child.get("type") == _CHAR_PH and (child.text or "").startswith("U+"):
            try:
                parts.append(chr(int((child.text or "")[2:], 16)))
            except ValueError:
                parts.append(child.text or "")
        else:
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _mt_prop(tu: ET.Element, mt: str) -> None:
    prop = ET.SubElement(tu, "prop")
    if any(_xml_forbidden(c) for c in mt):
        prop.set("type", _MT_JSON_PROP)
        prop.text = json.dumps(mt, ensure_ascii=True)
    else:
        prop.set("type", _MT_PROP)
        prop.text = mt


def tmx_bytes(decisions: Iterable[Decision], source_lang: str, target_lang: str) -> bytes:
    """A TMX 1.4 document holding *decisions* in the given order."""
    root = ET.Element("tmx", {"version": "1.4"})
    root.text = "\n  "
    header = ET.SubElement(
        root,
        "header",
        {
            "creationtool": "locqa",
            "creationtoolversion": __version__,
            "segtype": "block",
            "o-tmf": "locqa",
            "adminlang": "en",
            "srclang": source_lang,
            "datatype": "plaintext",
        },
    )
    header.tail = "\n  "
    body = ET.SubElement(root, "body")
    body.text = "\n    "
    tu: ET.Element | None = None
    for decision in decisions:
        attrs = {"tuid": approval_hash(None, decision.source, decision.mt)}
        if decision.created:
            attrs["creationdate"] = decision.created
        if decision.changed:
            attrs["changedate"] = decision.changed
        tu = ET.SubElement(body, "tu", attrs)
        if decision.context:
            prop = ET.SubElement(tu, "prop", {"type": _CONTEXT_PROP})
            prop.text = decision.context
        prop = ET.SubElement(tu, "prop", {"type": _DECISION_PROP})
        prop.text = decision.decision
        _mt_prop(tu, decision.mt)
        for lang, text in ((source_lang, decision.source), (target_lang, decision.translation)):
            tuv = ET.SubElement(tu, "tuv", {f"{_XML_NS}lang": lang})
            _fill_seg(ET.SubElement(tuv, "seg"), text)
            tuv.text = "\n        "
            tuv[0].tail = "\n      "
            tuv.tail = "\n      "
        tu.text = "\n      "
        for child in tu[:-1]:
            child.tail = "\n      "
        tu[-1].tail = "\n    "
        tu.tail = "\n    "
    if tu is not None:
        tu.tail = "\n  "
    else:
        body.text = "\n  "
    body.tail = "\n"
    text = ET.tostring(root, encoding="unicode", short_empty_elements=True)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n").encode("utf-8")


def _lang_matches(value: str | None, lang: str) -> bool:
    if not value:
        return False
    value, lang = value.lower().replace("_", "-"), lang.lower().replace("_", "-")
    return value == lang or value.startswith(lang + "-")


def read_tmx(path: Path, source_lang: str, target_lang: str) -> list[Decision]:
    """The decisions in the TMX file *path* for the language pair (others are ignored).

    A ``<tu>`` without an ``x-locqa-mt`` property (a memory from another tool) carries no
    MT text to match against, so it is skipped. Malformed files raise :class:`InputError`.
    """
    try:
        root = fromstring(
            path.read_bytes(), forbid_dtd=False, forbid_entities=True, forbid_external=True
        )
    except OSError as exc:
        raise InputError(f"cannot read translation memory: {exc.strerror or exc}", path) from None
    except DefusedXmlException as exc:
        raise InputError(f"refusing unsafe TMX: {exc}", path) from None
    except ET.ParseError as exc:
        line = exc.position[0] if exc.position else None
        raise InputError(f"TMX is not well-formed XML: {exc.msg}", path, line) from None
    if root.tag != "tmx":
        raise InputError(f"not a TMX document (root element <{root.tag}>)", path)
    header = root.find("header")
    file_source = header.get("srclang") if header is not None else None
    decisions = []
    for tu in root.iter("tu"):
        props = {p.get("type"): p.text or "" for p in tu.findall("prop")}
        if _MT_JSON_PROP in props:
            try:
                mt: str | None = json.loads(props[_MT_JSON_PROP])
            except ValueError:
                mt = None
        else:
            mt = props.get(_MT_PROP)
        source = translation = None
        for tuv in tu.findall("tuv"):
            lang = tuv.get(f"{_XML_NS}lang") or tuv.get("lang")
            seg = tuv.find("seg")
            if seg is None:
                continue
            if _lang_matches(lang, source_lang) or (
                lang is None and _lang_matches(tu.get("srclang") or file_source, source_lang)
            ):
                source = _seg_text(seg)
            elif _lang_matches(lang, target_lang):
                translation = _seg_text(seg)
        if source is None or translation is None or not isinstance(mt, str):
            continue
        decision = props.get(_DECISION_PROP, "approve")
        decisions.append(
            Decision(
                source,
                mt,
                translation,
                decision if decision in DECISIONS else "approve",
                created=tu.get("creationdate", ""),
                changed=tu.get("changedate", ""),
                context=props.get(_CONTEXT_PROP) or None,
            )
        )
    return decisions
