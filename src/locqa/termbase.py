"""The TBX termbase: a safe parser and a small data model.

The termbase is a TBX file (ISO 30042, TBX v3 DCA style, TBX-Basic data categories).
It is parsed with :mod:`defusedxml`, which refuses DTDs, entity declarations and external
entities, so a hostile file (billion laughs, XXE) is rejected with an :class:`InputError`
instead of being expanded. See ``docs/termbase.md`` for how concepts, statuses, plural forms,
part of speech and gender, words with other senses and do-not-translate terms are encoded.

The agreement data a term replacement needs beside the termbase (which determiners change
with a noun's gender, which words end a noun phrase) is language data: :class:`Grammar`,
read by :func:`load_grammar` from a small TOML file per language.
"""

from __future__ import annotations

import dataclasses
import hashlib
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as SafeET
from defusedxml import DefusedXmlException

from .errors import ConfigError, InputError
from .lang import find_profile

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DNT_SUBSET = "do-not-translate"
NO_MISSING_SUBSET = "no-missing-check"
#: Term-level ``<admin type="projectSubset">``: this (deprecated) word is also the right word
#: for another sense, so replacing it is never a safe fix (docs/termbase.md).
OTHER_SENSES_SUBSET = "other-senses"
#: TBX-Basic picklists (ISO 30042 TBX-Basic): values outside them are read as unknown.
PARTS_OF_SPEECH = frozenset({"noun", "verb", "adjective", "adverb", "properNoun", "other"})
GENDERS = frozenset({"masculine", "feminine", "neuter", "other"})
NUMBERS = frozenset({"singular", "plural", "dual", "mass", "other"})


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
    part_of_speech: str | None = None  # TBX-Basic partOfSpeech: noun, verb, adjective...
    number: str | None = None  # "singular" / "plural" when the TBX says so
    plural: str | None = None  # the plural form, for a singular term that has one
    dnt: bool = False
    gender: str | None = None  # TBX-Basic grammaticalGender: masculine, feminine, neuter, other
    other_senses: bool = False  # the word is also right for another sense (never a safe fix)
    usage: str | None = None  # termNote usageNote: how the term is (not) used

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
    singular term of the same status in the same langSec, unless that one has a plural
    already (then it is a plural variant of its own; see docs/termbase.md)."""
    terms: list[Term] = []
    for sec in lang_sec:
        if _local(sec.tag) not in ("termSec", "tig", "ntig"):
            continue
        text = ""
        notes: dict[str, str] = {}
        subsets: set[str] = set()
        for node in sec.iter():
            name = _local(node.tag)
            if name == "term":
                text = _text(node)
            elif name == "termNote":
                notes[node.get("type", "")] = _text(node)
            elif name == "admin" and node.get("type") in ("projectSubset", "customerSubset"):
                subsets.add(_text(node).lower())
        if not text:
            continue
        status = _STATUS.get(notes.get("administrativeStatus", "").lower(), TermStatus.PREFERRED)
        transfer = notes.get("transferComment", "").lower()
        dnt = concept_dnt or "do-not-translate" in transfer or "do not translate" in transfer
        term = Term(
            text=text,
            lang=lang,
            status=status,
            part_of_speech=_picklist(notes.get("partOfSpeech"), PARTS_OF_SPEECH),
            number=_picklist(notes.get("grammaticalNumber"), NUMBERS),
            dnt=dnt and status.accepted,
            gender=_picklist(notes.get("grammaticalGender"), GENDERS),
            other_senses=OTHER_SENSES_SUBSET in subsets,
            usage=notes.get("usageNote") or None,
        )
        if term.is_plural:
            for i in range(len(terms) - 1, -1, -1):
                prev = terms[i]
                if not prev.is_plural and prev.status is status:
                    if prev.plural is None:  # a second plural (a variant) stands alone
                        terms[i] = dataclasses.replace(
                            prev, number=prev.number or "singular", plural=text
                        )
                    break
        terms.append(term)
    return terms


def _picklist(value: str | None, allowed: frozenset[str]) -> str | None:
    """*value* as the TBX-Basic picklist spells it (case-insensitive), or None when it is
    absent or not on the list (unknown: no decision may rest on it)."""
    if not value:
        return None
    for name in allowed:
        if name.lower() == value.strip().lower():
            return name
    return None


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
        lang = language_key(lang_sec.get(XML_LANG) or lang_sec.get("lang") or "")
        terms.extend(_parse_terms(lang_sec, lang, dnt))
    return Concept(concept_id, subject, note, frozenset(subsets), tuple(terms))


def language_key(code: str) -> str:
    """The language a ``langSec`` is in, as the checks name it: the code of the language
    profile that knows *code* (``nl-NL`` → ``nl``, ``zh-Hans`` and ``zh_Hans`` →
    ``zh-Hans``), else its primary subtag in lower case (``it-IT`` → ``it``)."""
    found = find_profile(code) if code else None
    return found.code if found is not None else code.replace("_", "-").split("-")[0].lower()


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


# ------------------------------------------------------------------------- grammar


@dataclass(frozen=True)
class Grammar:
    """What a term replacement must keep in agreement in one language: the language data
    behind the safety of TRM002's fixes (docs/termbase.md, "Safe fixes").

    Determiner rows hold one form per agreement class, in the order of :attr:`classes`
    (Dutch: ``("de", "het")`` for common and neuter)."""

    language: str
    classes: tuple[str, ...]  # agreement classes, the column order of the rows below
    genders: dict[str, str]  # TBX grammaticalGender -> agreement class
    plural_class: str | None  # the class a plural noun agrees as (None: no such rule)
    # an adjective after these has one form whatever the noun's class: only they change
    definite: tuple[tuple[str, ...], ...] = ()
    # an adjective after these changes with the noun's class: not provable without tags
    indefinite: tuple[tuple[str, ...], ...] = ()
    definite_invariant: frozenset[str] = frozenset()
    indefinite_invariant: frozenset[str] = frozenset()
    boundaries: frozenset[str] = frozenset()  # words that end a noun phrase on its left
    boundary_marks: str = ""  # punctuation that ends a noun phrase on its left
    max_modifiers: int = 2  # words looked through between a determiner and its noun
    relatives: tuple[tuple[str, ...], ...] = ()  # relative pronouns that agree, per class
    infinitive_markers: frozenset[str] = frozenset()  # a word after these is a verb
    adjective_inflection: str = ""  # the ending of an inflected attributive adjective
    digest: str = ""

    def agreement(self, gender: str | None) -> str | None:
        """The agreement class of a TBX gender, or None when unknown."""
        return self.genders.get(gender) if gender else None

    def determiner(self, word: str) -> tuple[str, tuple[str, ...] | None]:
        """(kind, row) of a determiner: kind is ``definite``, ``indefinite`` (with the row
        of its forms per class), ``definite-invariant``, ``indefinite-invariant``, or ""
        when *word* is not one."""
        low = word.lower()
        for kind, rows in (("definite", self.definite), ("indefinite", self.indefinite)):
            for row in rows:
                if low in row:
                    return kind, row
        if low in self.definite_invariant:
            return "definite-invariant", None
        if low in self.indefinite_invariant:
            return "indefinite-invariant", None
        return "", None

    def form(self, row: tuple[str, ...], agreement: str) -> str:
        """The form of a determiner (or relative pronoun) *row* for an agreement class."""
        return row[self.classes.index(agreement)]


def load_grammar(path: str | Path) -> Grammar:
    """Read a grammar file (TOML); a wrong one is a :class:`ConfigError` naming it."""
    file = Path(path)
    try:
        raw = file.read_bytes()
        data = tomllib.loads(raw.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the grammar file: {exc}", file) from None
    return _GrammarReader(file, data).grammar(hashlib.sha256(raw).hexdigest())


_GRAMMAR_KEYS: dict[str, frozenset[str]] = {
    "": frozenset({"language", "classes", "plural_class", "gender", "determiners", "phrase"}),
    "determiners": frozenset(
        {"definite", "indefinite", "definite_invariant", "indefinite_invariant"}
    ),
    "phrase": frozenset(
        {
            "boundaries",
            "boundary_marks",
            "max_modifiers",
            "relative_pronouns",
            "infinitive_markers",
            "adjective_inflection",
        }
    ),
}


class _GrammarReader:
    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        for table, keys in _GRAMMAR_KEYS.items():
            value = data.get(table, {}) if table else data
            if not isinstance(value, dict):
                self.fail(table, "must be a table")
            for key in sorted(set(value) - keys):
                self.fail(f"{table}.{key}" if table else key, "is not a grammar key")

    def fail(self, key: str, message: str) -> NoReturn:
        raise ConfigError(f"{key} {message} (see docs/termbase.md)", self.path)

    def get(self, key: str) -> Any:
        table, _, name = key.rpartition(".")
        return (self.data.get(table, {}) if table else self.data).get(name)

    def words(self, key: str) -> frozenset[str]:
        value = self.get(key) or []
        if not isinstance(value, list) or not all(isinstance(w, str) and w for w in value):
            self.fail(key, "must be a list of words")
        return frozenset(w.lower() for w in value)

    def rows(self, key: str, width: int) -> tuple[tuple[str, ...], ...]:
        value = self.get(key) or []
        ok = isinstance(value, list) and all(
            isinstance(r, list) and len(r) == width and all(isinstance(w, str) and w for w in r)
            for r in value
        )
        if not ok:
            self.fail(key, f"must be a list of [{width} forms] rows, one form per class")
        return tuple(tuple(w.lower() for w in r) for r in value)

    def grammar(self, digest: str) -> Grammar:
        language = self.get("language")
        if not isinstance(language, str) or not language:
            self.fail("language", "is missing")
        classes = self.get("classes")
        if (
            not isinstance(classes, list)
            or not classes
            or not all(isinstance(c, str) and c for c in classes)
        ):
            self.fail("classes", "must be a list of agreement class names")
        genders = self.get("gender") or {}
        for gender, agreement in genders.items():
            if gender not in GENDERS or agreement not in classes:
                self.fail(f"gender.{gender}", f"must map a TBX gender to one of {classes}")
        plural = self.get("plural_class")
        if plural is not None and plural not in classes:
            self.fail("plural_class", f"must be one of {classes}")
        marks = self.get("phrase.boundary_marks") or ""
        ending = self.get("phrase.adjective_inflection") or ""
        most = self.get("phrase.max_modifiers")
        if not isinstance(marks, str) or not isinstance(ending, str):
            self.fail("phrase", "boundary_marks and adjective_inflection must be strings")
        if most is not None and (not isinstance(most, int) or most < 0):
            self.fail("phrase.max_modifiers", "must be a whole number, 0 or more")
        width = len(classes)
        return Grammar(
            language=language,
            classes=tuple(classes),
            genders=dict(genders),
            plural_class=plural,
            definite=self.rows("determiners.definite", width),
            indefinite=self.rows("determiners.indefinite", width),
            definite_invariant=self.words("determiners.definite_invariant"),
            indefinite_invariant=self.words("determiners.indefinite_invariant"),
            boundaries=self.words("phrase.boundaries"),
            boundary_marks=marks,
            max_modifiers=2 if most is None else most,
            relatives=self.rows("phrase.relative_pronouns", width),
            infinitive_markers=self.words("phrase.infinitive_markers"),
            adjective_inflection=ending,
            digest=digest,
        )
