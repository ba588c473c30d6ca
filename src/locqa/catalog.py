"""Gettext catalogues for articles: POT from the source, PO with the machine translation.

Babel does the gettext work: ``Catalog`` with headers from its locale data (Language,
Plural-Forms), ``Catalog.update`` for msgmerge-style merging (kept translations, fuzzy
matches with the previous msgid, obsolete entries), ``read_po``/``write_po`` and
``write_mo``. This module only decides *what* goes into the catalogues.

Identical source strings share one entry. Where the machine translation rendered the
same source differently, the second and later renderings get their own entry with
``msgctxt "variant N"`` so nothing is lost, and :func:`entry_keys` maps every aligned
target segment to the entry that holds its translation.
"""

from __future__ import annotations

import io
import itertools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

import polib
from babel import Locale, UnknownLocaleError
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, normalize, read_po, unescape, write_po

from . import __version__
from .atomic import remove_stale_temps, write_bytes
from .errors import ConfigError, InputError
from .lang import find_profile
from .project import Article
from .provenance import (
    Record,
    digest,
    effective_record,
    person_touched,
    set_new_mt,
    set_record,
    take_new_mt,
)

Key = tuple[str | None, str]  # (msgctxt, msgid)

AUTO_FLAGS = ("python-format", "python-brace-format")
PROJECT = "locqa"


@dataclass
class PlannedEntry:
    msgid: str
    msgctxt: str | None
    kinds: list[str] = field(default_factory=list)
    source_refs: list[tuple[str, int]] = field(default_factory=list)
    target_refs: list[tuple[str, int]] = field(default_factory=list)
    mt: str | None = None

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)


def variant_context(index: int) -> str | None:
    return None if index == 0 else f"variant {index + 1}"


def entry_keys(article: Article) -> dict[int, Key]:
    """For each aligned target segment index: the key of the entry holding its text."""
    variants: dict[str, list[str]] = {}
    keys: dict[int, Key] = {}
    assert article.target is not None or all(p.target is None for p in article.pairs)
    for pair in article.pairs:
        if pair.source is None or pair.target is None or article.target is None:
            continue
        msgid = article.source.segments[pair.source].text
        mt = article.target.segments[pair.target].text
        seen = variants.setdefault(msgid, [])
        if mt not in seen:
            seen.append(mt)
        keys[pair.target] = (variant_context(seen.index(mt)), msgid)
    return keys


def plan_entries(article: Article) -> list[PlannedEntry]:
    """The entries of the article's PO, in source order."""
    keys = entry_keys(article)
    planned: dict[Key, PlannedEntry] = {}
    for pair in article.pairs:
        if pair.source is None:
            continue
        seg = article.source.segments[pair.source]
        key: Key = keys[pair.target] if pair.target is not None else (None, seg.text)
        entry = planned.get(key)
        if entry is None:
            entry = planned[key] = PlannedEntry(msgid=key[1], msgctxt=key[0])
        if seg.kind not in entry.kinds:
            entry.kinds.append(seg.kind)
        entry.source_refs.append((article.source.path, seg.line))
        if pair.target is not None and article.target is not None:
            tseg = article.target.segments[pair.target]
            entry.target_refs.append((article.target.path, tseg.line))
            if entry.mt is None:
                entry.mt = tseg.text
    return list(planned.values())


def _message(
    msgid: str, context: str | None, auto: list[str], refs: list[tuple[str, int]]
) -> Message:
    msg = Message(msgid, "", locations=refs, auto_comments=auto, context=context)
    for flag in AUTO_FLAGS:  # documentation text is not a format string
        msg.flags.discard(flag)
    return msg


def template_catalog(article: Article) -> Catalog:
    """The POT: one entry per distinct source string."""
    cat = _new_catalog(article.domain, None)
    for entry in plan_entries(article):
        if entry.msgctxt is not None:
            continue
        cat[entry.msgid] = _message(entry.msgid, None, list(entry.kinds), entry.source_refs)
    return cat


@dataclass
class Redelivery:
    """What a new machine translation changed in one catalogue (see :mod:`locqa.provenance`)."""

    new_mt: list[Key] = field(default_factory=list)  # machine-made entries that took the new MT
    conflicts: list[Key] = field(default_factory=list)  # person-touched entries, now fuzzy


def translation_catalog(
    article: Article, existing: Catalog | None, redelivery: Redelivery | None = None
) -> Catalog:
    """The PO: *existing* merged with the article, new entries filled with the MT.

    Every entry records the MT it was imported from (:mod:`locqa.provenance`). When the MT in
    the article differs from that record, an entry only locqa has written takes the new MT;
    an entry a person edited or approved keeps the person's text, becomes fuzzy and holds
    the new MT for review. *redelivery*, when given, collects both kinds of entry.
    """
    plan = plan_entries(article)
    template = _new_catalog(article.domain, None)
    for entry in plan:
        auto = list(entry.kinds)
        auto += [f"{article.lang}: {path}:{line}" for path, line in entry.target_refs]
        if entry.msgctxt is not None:
            auto.append("the machine translation rendered this source differently here")
        template.add(
            entry.msgid, "", locations=entry.source_refs, auto_comments=auto, context=entry.msgctxt
        )
        strip_auto_flags(template.get(entry.msgid, entry.msgctxt))
    if existing is None:
        catalog = _new_catalog(article.domain, article.lang)
        before: dict[Key, tuple[Record, bool]] = {}
    else:
        catalog = existing
        before = {(m.context, str(m.id)): _state(m) for m in messages(existing)}
    catalog.update(
        template,
        no_fuzzy_matching=False,
        update_header_comment=False,
        keep_user_comments=True,
        update_creation_date=False,
    )
    found = redelivery if redelivery is not None else Redelivery()
    for entry in plan:
        msg = catalog.get(entry.msgid, entry.msgctxt)
        if msg is None:
            continue
        strip_auto_flags(msg)
        _merge_mt(msg, entry, _previous_state(msg, entry.key, before), found)
    return catalog


def _state(msg: Message) -> tuple[Record, bool]:
    """The entry's MT record and whether a person touched it since locqa wrote it."""
    record = effective_record(msg)
    return record, person_touched(msg, record)


def _previous_state(
    msg: Message, key: Key, before: dict[Key, tuple[Record, bool]]
) -> tuple[Record, bool] | None:
    """The record and person-touched state of the old entry *msg* was merged from."""
    if key in before:
        return before[key]
    if msg.previous_id:  # fuzzy-matched to an entry whose source changed
        old_id = msg.previous_id[0]
        for ctxt in (msg.context, *(k[0] for k in before)):
            if (ctxt, old_id) in before:
                return before[(ctxt, old_id)]
    return None


def _merge_mt(
    msg: Message, entry: PlannedEntry, old: tuple[Record, bool] | None, found: Redelivery
) -> None:
    mt_digest = digest(entry.mt)
    if old is None:  # a new entry
        if not msg.fuzzy and not msg.string:
            msg.string = entry.mt or ""
        set_record(msg, Record(mt_digest, digest(str(msg.string or ""))))
        return
    record, touched = old
    if record.mt == mt_digest:
        set_record(msg, record)
        return
    if touched and (entry.mt or "") != msg.string:
        set_new_mt(msg, entry.mt or "")
        set_record(msg, Record(mt_digest, record.machine))
        found.conflicts.append(entry.key)
    elif touched:  # the person's text is the new MT: nothing to decide
        set_record(msg, Record(mt_digest, record.machine))
    else:
        take_new_mt(msg, entry.mt)
        found.new_mt.append(entry.key)


def refuse_stale(article: Article, catalog: Catalog, display: str) -> None:
    """Raise :class:`InputError` at the first segment of the translated article whose
    catalogue entry is missing (a truncated or foreign catalogue) or was extracted from
    another machine translation (the MT was re-delivered after ``locqa extract``)."""
    if article.target is None:
        return
    for index, (context, msgid) in sorted(entry_keys(article).items()):
        seg = article.target.segments[index]
        msg = catalog.get(msgid, context)
        if not isinstance(msg, Message):
            raise InputError(
                f"{display} has no entry for this segment (catalogue truncated, or not "
                "extracted from this article): run `locqa extract`",
                article.target.path,
                seg.line,
            )
        if effective_record(msg).mt != digest(seg.text):
            raise InputError(
                f"the machine translation changed after {display} was extracted: "
                "run `locqa extract` (it takes the new text and keeps reviewed entries)",
                article.target.path,
                seg.line,
            )


def strip_auto_flags(msg: Message | None) -> None:
    """Drop the format flags Babel guesses from braces and percent signs (documentation
    text is not a format string)."""
    if msg is not None:
        for flag in AUTO_FLAGS:
            msg.flags.discard(flag)


def babel_locale(lang: str) -> str:
    """The Babel locale identifier of language *lang* (a profile's code or alias): the
    profile's ``babel`` value (``zh-Hans`` → ``zh_Hans``, ``de-DE`` → ``de``); for a code no
    profile claims, *lang* with ``_`` between its parts. It is the PO ``Language:`` header."""
    found = find_profile(lang)
    return found.babel if found is not None else lang.replace("-", "_")


def _new_catalog(domain: str, lang: str | None) -> Catalog:
    locale: Locale | None = None
    if lang is not None:
        try:
            locale = Locale.parse(babel_locale(lang))
        except (UnknownLocaleError, ValueError):
            raise ConfigError(
                f"unknown language code {lang!r} (Babel has no locale data)"
            ) from None
    return Catalog(
        locale=locale,
        domain=domain.replace("/", "."),
        header_comment=(
            f"# {'Translations' if lang else 'Source strings'} of the article "
            f"{domain!r}.\n# Written by locqa extract: edit msgstr (or use locqa review)."
        ),
        project=PROJECT,
        version=__version__,
        copyright_holder="",
        msgid_bugs_address="",
        last_translator="machine translation, imported by locqa <>" if lang else None,
        language_team=f"{locale.english_name} <>" if locale else None,
        charset="utf-8",
        fuzzy=False,
    )


# --------------------------------------------------------------------------- files


def read_catalog(path: Path, lang: str | None, display: str | None = None) -> Catalog:
    name = display or str(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read: {exc.strerror}", name) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError("catalogue is not valid UTF-8", name, line) from None
    check_po_syntax(text, name)
    try:
        locale = babel_locale(lang) if lang is not None else None
        catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except PoFileError as exc:
        message = re.sub(r" on \d+$", "", str(exc.args[0] if exc.args else exc))
        raise InputError(f"PO syntax error: {message}", name, exc.lineno + 1) from None
    except LookupError as exc:  # an unknown charset in the Content-Type header
        where = re.search(r"charset=", text)
        line = text.count("\n", 0, where.start()) + 1 if where else 1
        raise InputError(f"cannot parse catalogue: {exc}", name, line) from None
    except (ValueError, UnknownLocaleError) as exc:
        raise InputError(f"cannot parse catalogue: {exc}", name, 1) from None
    check_duplicates(path, name)
    split_previous(catalog)
    return catalog


def split_previous(catalog: Catalog) -> None:
    """Babel (2.19) reads a ``#|`` previous-msgid line as a translator comment, and would
    write it back as ``# | msgid …``, which gettext then takes for a person's comment: move
    those lines out of the comments, into ``previous_id``."""
    for msg in itertools.chain(messages(catalog), catalog.obsolete.values()):
        lines = [c for c in msg.user_comments if c.startswith("|")]
        if not lines:
            continue
        msg.user_comments = [c for c in msg.user_comments if not c.startswith("|")]
        parts: dict[str, list[str]] = {}
        keyword = ""
        for line in lines:
            match = _PREVIOUS.match(line)
            if match is None:
                continue
            keyword = match.group(1) or keyword
            parts.setdefault(keyword, []).append(unescape(match.group(2)))
        previous = ["".join(parts.get(k, [])) for k in ("msgid", "msgid_plural") if k in parts]
        if previous:
            msg.previous_id = previous


_PREVIOUS = re.compile(r'^\|\s*(msgctxt|msgid_plural|msgid)?\s*("(?:[^"\\]|\\.)*")\s*$')


# A PO line: blank, a comment, or an optional keyword followed by one or more complete
# C strings. Babel and polib both accept an unterminated string (a catalogue cut in the
# middle of a msgstr), so this lexical check runs first.
_PO_LINE = re.compile(
    r"[ \t]*(?:#.*|(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)[ \t]*)?"
    r'(?:"(?:[^"\\]|\\.)*"[ \t]*)+)?'
)
_PO_KEYWORD_START = re.compile(r'[ \t]*(?:(?:msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\b|")')


def check_po_syntax(text: str, name: str) -> None:
    """Raise :class:`InputError` at the first line that is not blank, a comment, or
    keyword + complete strings (e.g. a string cut off by a truncated file)."""
    # only "\n" ends a line (as for gettext and Babel): form feeds, U+2028 and the like
    # are ordinary characters inside a string
    for number, raw in enumerate(text.split("\n"), start=1):
        line = raw.removesuffix("\r")
        if _PO_LINE.fullmatch(line):
            continue
        if _PO_KEYWORD_START.match(line):
            problem = "string not terminated, or text after it (truncated file?)"
        else:
            problem = f"unexpected text {line.strip()[:40]!r}"
        raise InputError(f"PO syntax error: {problem}", name, number)


def check_duplicates(path: Path, name: str) -> None:
    """gettext refuses a catalogue with two entries for one (msgctxt, msgid); Babel merges
    them silently, losing one translation. Report the second one.

    polib reads the *file* (universal newlines): given a string it would split lines with
    ``str.splitlines`` and break strings holding U+2028, form feeds or U+001E.
    """
    seen: dict[tuple[str | None, str], int] = {}
    try:
        po = polib.pofile(str(path), encoding="utf-8")
    except (OSError, ValueError) as exc:
        line = re.search(r"\(line (\d+)\)", str(exc))
        raise InputError(
            "PO syntax error: not a keyword, string or comment where expected",
            name,
            int(line.group(1)) if line else None,
        ) from None
    for entry in po:
        if entry.obsolete:
            continue
        key = (entry.msgctxt, entry.msgid)
        if key in seen:
            what = f"msgid {entry.msgid[:40]!r}" + (
                f" (msgctxt {entry.msgctxt!r})" if entry.msgctxt is not None else ""
            )
            raise InputError(
                f"duplicate entry for {what}, first at line {seen[key]}", name, entry.linenum
            )
        seen[key] = entry.linenum or 0


def serialize(catalog: Catalog) -> bytes:
    """The catalogue as PO bytes (Babel ``write_po``, width 76, catalogue order).

    Babel (2.x) wraps a long previous msgid (``#|``) as comment *text*, cutting its strings
    across lines: gettext, msgfmt and polib then reject the file. So Babel writes the
    catalogue without them and the ``#|`` lines are put in here, in gettext's own layout.
    """
    buffer = io.BytesIO()
    write_po(
        buffer, catalog, width=76, include_previous=False, ignore_obsolete=False, sort_output=False
    )
    data = buffer.getvalue()
    previous = [previous_lines(m) for m in catalog]  # the header entry comes first
    if not any(previous):
        return data
    lines = data.decode("utf-8").split("\n")
    out: list[str] = []
    index = -1  # number of the entry being written (0: the header)
    in_context = False
    for line in lines:
        starts_entry = line.startswith("msgctxt ") or (line.startswith("msgid ") and not in_context)
        if starts_entry:
            index += 1
            out.extend(previous[index] if index < len(previous) else [])
        in_context = line.startswith("msgctxt ") or (in_context and line.startswith('"'))
        out.append(line)
    return "\n".join(out).encode("utf-8")


def previous_lines(message: Message) -> list[str]:
    if not message.previous_id or not message.id:
        return []
    out = []
    for keyword, text in zip(("msgid", "msgid_plural"), message.previous_id, strict=False):
        first, *rest = normalize(text, width=76).split("\n")
        out.append(f"#| {keyword} {first}")
        out.extend(f"#| {line}" for line in rest)
    return out


def catalog_signature(catalog: Catalog) -> Any:
    """What a catalogue says, without dates and Babel's automatic flags (for comparing)."""

    def msg_sig(m: Message) -> tuple[Any, ...]:
        flags = sorted(f for f in m.flags if f not in AUTO_FLAGS)  # Babel re-adds these on read
        return (
            m.id,
            m.context,
            m.string,
            tuple(flags),
            tuple(m.user_comments),
            tuple(m.auto_comments),
            tuple(m.locations),
            tuple(m.previous_id or ()),
        )

    header = [
        (k, v)
        for k, v in catalog.mime_headers
        if k not in ("POT-Creation-Date", "PO-Revision-Date", "Generated-By")
    ]
    return (
        header,
        [msg_sig(m) for m in catalog if m.id],
        [msg_sig(m) for m in catalog.obsolete.values()],
    )


def write_catalog(path: Path, catalog: Catalog, lang: str | None) -> bool:
    """Write *catalog* atomically unless the file already holds the same content.

    Returns True when the file was written.
    """
    remove_stale_temps(path)  # left by a killed run, even when nothing is rewritten
    if path.is_file():
        try:
            old = read_catalog(path, lang)
        except InputError:
            old = None
        if old is not None and catalog_signature(old) == catalog_signature(catalog):
            return False
        if old is not None:
            catalog.creation_date = old.creation_date
    catalog.revision_date = datetime.now().astimezone()
    return write_bytes(path, serialize(catalog))


def compile_mo(catalog: Catalog, path: Path) -> bool:
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return write_bytes(path, buffer.getvalue())


def messages(catalog: Catalog) -> Iterable[Message]:
    return (m for m in catalog if m.id and isinstance(m.id, str))
