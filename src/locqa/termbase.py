"""The TBX termbase: a safe parser and a small data model.

The termbase is a TBX file (ISO 30042, TBX v3 DCA style, TBX-Basic data categories).
It is parsed with :mod:`defusedxml`, which refuses DTDs, entity declarations and external
entities, so a hostile file (billion laughs, XXE) is rejected with an :class:`InputError`
instead of being expanded. See ``docs/termbase.md`` for how concepts, statuses, plural forms
and do-not-translate terms are encoded.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .errors import InputError

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DNT_SUBSET = "do-not-translate"
NO_MISSING_SUBSET = "no-missing-check"


class TermStatus(StrEnum):
    PREFERRED = "preferred"
    ADMITTED = "admitted"
    DEPRECATED = "deprecated"

    @property
    def accepted(self) -> bool:
        return self is not TermStatus.DEPRECATED


_STATUS = {
    "preferredterm-admn-sts": TermStatus.PREFERRED,
    "admittedterm-admn-sts": TermStatus.ADMITTED,
    "deprecatedterm-admn-sts": TermStatus.DEPRECATED,
    "supersededterm-admn-sts": TermStatus.DEPRECATED,
}


@dataclass(frozen=True, slots=True)
class Term:
    """One term of one concept in one language."""

    text: str
    lang: str
    status: TermStatus = TermStatus.PREFERRED
    part_of_speech: str | None = None
    number: str | None = None  # "singular" / "plural" when the TBX says so
    plural: str | None = None  # the plural form, for a singular term that has one
    dnt: bool = False

    @property
    def is_plural(self) -> bool:
        return self.number == "plural"


@dataclass(frozen=True, slots=True)
class Concept:
    """A concept entry: its terms per language and the flags the checks use."""

    id: str
    subject: str | None = None
    note: str | None = None
    subsets: frozenset[str] = frozenset()
    terms: tuple[Term, ...] = ()

    @property
    def dnt(self) -> bool:
        return DNT_SUBSET in self.subsets or any(t.dnt for t in self.terms)

    @property
    def check_missing(self) -> bool:
        """Whether the missing-term check (TRM001) applies to this concept."""
        return NO_MISSING_SUBSET not in self.subsets and not self.dnt

    def terms_in(self, lang: str, *statuses: TermStatus) -> tuple[Term, ...]:
        return tuple(
            t for t in self.terms if t.lang == lang and (not statuses or t.status in statuses)
        )

    def accepted(self, lang: str) -> tuple[Term, ...]:
        return self.terms_in(lang, TermStatus.PREFERRED, TermStatus.ADMITTED)

    def deprecated(self, lang: str) -> tuple[Term, ...]:
        return self.terms_in(lang, TermStatus.DEPRECATED)

    def preferred(self, lang: str) -> Term | None:
        """The first preferred singular (or unmarked) term, else the first accepted one."""
        accepted = self.accepted(lang)
        for term in accepted:
            if term.status is TermStatus.PREFERRED and not term.is_plural:
                return term
        return accepted[0] if accepted else None


@dataclass(frozen=True)
class Termbase:
    """All concepts of one TBX file; ``digest`` identifies its content (for caches)."""

    concepts: tuple[Concept, ...]
    digest: str
    path: str = ""
    _by_id: dict[str, Concept] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._by_id.update({c.id: c for c in self.concepts})

    def __len__(self) -> int:
        return len(self.concepts)

    def __iter__(self) -> Iterator[Concept]:
        return iter(self.concepts)

    def concept(self, concept_id: str) -> Concept:
        return self._by_id[concept_id]

    def languages(self) -> frozenset[str]:
        return frozenset(t.lang for c in self.concepts for t in c.terms)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(elem: Element, name: str) -> Iterator[Element]:
    return (child for child in elem if _local(child.tag) == name)


def _text(elem: Element) -> str:
    return " ".join("".join(elem.itertext()).split())


def _parse_terms(lang_sec: Element, lang: str, concept_dnt: bool) -> list[Term]:
    """Terms of one langSec (TBX v3 ``termSec``, TBX v2 ``tig``/``ntig``).

    A term with ``grammaticalNumber`` = plural is the plural of the nearest preceding
    singular term in the same langSec (see docs/termbase.md)."""
    terms: list[Term] = []
    for sec in lang_sec:
        if _local(sec.tag) not in ("termSec", "tig", "ntig"):
            continue
        text = ""
        notes: dict[str, str] = {}
        for node in sec.iter():
            name = _local(node.tag)
            if name == "term":
                text = _text(node)
            elif name == "termNote":
                notes[node.get("type", "")] = _text(node)
        if not text:
            continue
        status = _STATUS.get(notes.get("administrativeStatus", "").lower(), TermStatus.PREFERRED)
        transfer = notes.get("transferComment", "").lower()
        dnt = concept_dnt or "do-not-translate" in transfer or "do not translate" in transfer
        number = notes.get("grammaticalNumber") or None
        term = Term(
            text=text,
            lang=lang,
            status=status,
            part_of_speech=notes.get("partOfSpeech") or None,
            number=number,
            dnt=dnt and status.accepted,
        )
        if term.is_plural:
            for i in range(len(terms) - 1, -1, -1):
                prev = terms[i]
                if not prev.is_plural and prev.status is status:
                    terms[i] = Term(
                        prev.text, prev.lang, prev.status, prev.part_of_speech,
                        prev.number or "singular", text, prev.dnt,
                    )  # fmt: skip
                    break
        terms.append(term)
    return terms


def _parse_concept(entry: Element, index: int) -> Concept:
    concept_id = entry.get("id") or f"concept-{index}"
    subject = note = None
    subsets: set[str] = set()
    for child in entry:
        name = _local(child.tag)
        if name == "descrip" and child.get("type") == "subjectField":
            subject = _text(child)
        elif name == "admin" and child.get("type") in ("projectSubset", "customerSubset"):
            subsets.add(_text(child).lower())
        elif name == "note":
            note = _text(child)
    dnt = DNT_SUBSET in subsets
    terms: list[Term] = []
    for lang_sec in entry:
        if _local(lang_sec.tag) != "langSec":
            continue
        lang = (lang_sec.get(XML_LANG) or lang_sec.get("lang") or "").split("-")[0].lower()
        terms.extend(_parse_terms(lang_sec, lang, dnt))
    return Concept(concept_id, subject, note, frozenset(subsets), tuple(terms))


def parse_tbx(data: bytes, path: str = "<tbx>") -> Termbase:
    """Parse TBX bytes safely; raise :class:`InputError` naming *path* (and the line)."""
    try:
        root = SafeET.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as exc:
        raise InputError(
            f"refused unsafe XML in termbase ({type(exc).__name__}: DTDs and entities are not "
            "allowed in TBX files; remove the DOCTYPE)",
            path,
            _line_of_doctype(data),
        ) from exc
    except ParseError as exc:
        line = exc.position[0] if getattr(exc, "position", None) else None
        raise InputError(f"malformed TBX (XML): {exc}", path, line) from exc
    if _local(root.tag) not in ("tbx", "martif"):
        raise InputError(f"not a TBX file: root element is <{_local(root.tag)}>", path, 1)
    entries = [e for e in root.iter() if _local(e.tag) in ("conceptEntry", "termEntry")]
    concepts = tuple(_parse_concept(e, i) for i, e in enumerate(entries, 1))
    return Termbase(concepts, hashlib.sha256(data).hexdigest(), path)


def _line_of_doctype(data: bytes) -> int | None:
    for marker in (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype"):
        pos = data.find(marker)
        if pos != -1:
            return data.count(b"\n", 0, pos) + 1
    return None


def load_termbase(path: str | Path) -> Termbase:
    """Read and parse the TBX file at *path* (load it once per run)."""
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read termbase: {exc.strerror}", path) from exc
    return parse_tbx(data, str(path))
