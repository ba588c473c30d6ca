"""Language profiles: one TOML file per language (``profiles/<code>.toml``) and their loader.

A profile says everything locqa needs to know about a language: its BCP 47 code and
aliases, its folder, its Babel locale, how spaCy tokenises it and looks up lemmas, which
LanguageTool variant checks it, which of its rules are off and which are errors with a
deterministic fix, which termbase applies, its Hunspell dictionary and how it writes
compounds, and the word lists the checks use (spelled-out numbers, loanwords, inflection
suffixes).
docs/languages.md describes every key. Code asks the profile, never "is this Dutch?".

Adding a language adds files: ``profiles/<code>.toml`` (plus any word list it names) in
this package, or in a folder named by :data:`PATH_ENV` (searched first; a profile there
replaces a shipped one with the same code).
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib
import json
import os
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any, NoReturn

from ..errors import ConfigError

#: Environment variable: folders (``os.pathsep``-separated) with more profiles.
PATH_ENV = "LOCQA_LANGUAGE_PROFILES"
#: How words are found: between spaces, or by a segmenter (spaCy's Japanese tokenizer
#: uses SudachiPy; Chinese can use jieba or one token per character).
SEGMENTATIONS = frozenset({"spaces", "sudachi", "jieba", "char"})
#: ``lower``: look lemmas up by the lowercased form (tables keyed in lowercase);
#: ``exact``: as written first, then lowercased, then capitalised (German nouns).
LEMMA_CASES = frozenset({"lower", "exact"})
#: Plural fallbacks for forms the lemma table lacks (implemented in locqa.checks.terms).
PLURAL_FALLBACKS = frozenset({"dutch"})
#: Severities a profile may give a LanguageTool rule (locqa.findings.Severity's values).
SEVERITIES = frozenset({"error", "warning", "info"})


class UnknownLanguage(ValueError):
    """No profile has this code or alias."""


@dataclass(frozen=True)
class Tokens:
    """How spaCy splits the language into words."""

    spacy: str  # the code for spacy.blank()
    segmentation: str  # one of SEGMENTATIONS
    requires: tuple[str, ...] = ()  # Python modules the segmentation needs


@dataclass(frozen=True)
class Lemmas:
    """The spacy-lookups-data tables for the language."""

    table: str | None = None  # "<lang>_lemma_lookup", or None: no lemma lookup
    case: str = "lower"  # one of LEMMA_CASES
    index: str | None = None  # "<lang>_lemma_index": its forms count as words too
    stop_words: bool = False  # spacy.lang.<spacy>.stop_words count as words too


@dataclass(frozen=True)
class LanguageTool:
    """The LanguageTool variant that checks the language, the rules turned off, and what
    the matches of some rules are worth (severity error, a safe fix)."""

    code: str  # as LanguageTool's /v2/languages spells it ("de-DE")
    spelling: bool  # whether that variant has a spell checker
    disabled_rules: frozenset[str] = frozenset()
    # LT001's severity of a rule's matches, where measured precision says other than the
    # rule's issue type: "error" (doubled word, article agreement), "warning" or "info"
    severity: Mapping[str, str] = field(default_factory=dict)
    # rules whose first replacement is the one correct edit (drop the doubled word, the
    # article that agrees): a safe fix where it touches no markup; others are unsafe
    deterministic_rules: frozenset[str] = frozenset()
    # rule -> source words: a match of the rule in a segment whose source has one of the
    # words may be wrong (Dutch "het" is an article and the pronoun "it"): a warning with
    # an unsafe fix, whatever the two keys above say
    pronouns: Mapping[str, frozenset[str]] = field(default_factory=dict)


@dataclass(frozen=True)
class Spelling:
    """The Hunspell dictionary of the language and how it writes compounds (LT001's
    spelling filter, :mod:`locqa.spelling`)."""

    dictionary: str | None = None  # Hunspell name: <folder>/<name>.aff and .dic
    paths: tuple[str, ...] = ()  # folders searched in order (relative: to the profile)
    package: str | None = None  # the Debian package that installs it, for the message
    compounds: bool = False  # closed compounds: "cachemap" is cache + map
    linking: tuple[str, ...] = ()  # linking elements between compound parts ("s", "e")
    # a word the dictionary accepts as a compound of its own words is accepted too, also
    # where LanguageTool's speller does not know it
    dictionary_compounds: bool = False
    vowel_clash: tuple[str, ...] = ()  # letter pairs that need a hyphen between parts
    # words after which a part ending in a hyphen stands for a shared part ("xml- en
    # PHP-bestanden"): the part is judged as the start of a compound
    elision: tuple[str, ...] = ()


@dataclass(frozen=True)
class Terms:
    """Terminology: the termbase and how term forms are matched."""

    termbase: str | None = None  # path pattern with {source} and {code}; None: none
    plural_fallback: str | None = None  # one of PLURAL_FALLBACKS
    plural_endings: tuple[str, ...] = ()  # a noun form ending so is taken as a plural
    compounds: bool = False  # deprecated words are also found at the start of compounds
    stem_endings: tuple[str, ...] = ()  # verb endings dropped inside compounds


@dataclass(frozen=True)
class Words:
    """Word lists of the language for the translation checks."""

    numbers: Mapping[str, str] = field(default_factory=dict)  # spelled-out number → digits
    loanwords: frozenset[str] = frozenset()  # English words that are ordinary here
    suffixes: tuple[str, ...] = ()  # inflection endings stripped to find a word
    url_values: frozenset[str] = frozenset()  # query values naming the language in a URL
    # every noun is written with a capital (German): a capitalised word inside a sentence
    # is not thereby a name
    capitalised_nouns: bool = False
    # the median length of a translation over its English source (prose characters),
    # measured on a corpus by tools/measure_length.py: TRN005's bounds scale with it
    length_ratio: float = 1.0
    # half-width katakana and full-width Latin letters and digits are not the style (ENC005)
    normalise_width: bool = False


#: Token attributes a calque pattern may use: what a blank spaCy tokenizer sets (no
#: part-of-speech tags, dependencies or morphology are available offline).
CALQUE_ATTRIBUTES = frozenset(
    {"ORTH", "LOWER", "TEXT", "NORM", "IS_PUNCT", "IS_DIGIT", "LIKE_NUM", "IS_SPACE",
     "IS_ALPHA", "IS_TITLE", "IS_UPPER", "IS_LOWER", "LENGTH"}
)  # fmt: skip
CALQUE_PREDICATES = frozenset({"IN", "NOT_IN", "REGEX"})
CALQUE_OPERATORS = frozenset({"?", "*", "+", "!"})


@dataclass(frozen=True)
class Calque:
    """A construction machine translation copies from English (MNG005): a spaCy Matcher
    token pattern, with an example it matches and a correct rewrite it does not."""

    id: str
    english: str  # the English construction it copies
    message: str
    pattern: tuple[Mapping[str, Any], ...]
    example: str
    correct: str


@dataclass(frozen=True)
class Meaning:
    """Word lists for the meaning checks (MNG001). An entry is a word, matched as a whole
    word (case-insensitive) in a spaced script and as a substring in a spaceless one; ``*``
    at its start or end matches the rest of a word (``*n't``, ``n'*``, ``kein*``)."""

    # words that negate a statement (English "not", Dutch "geen", Japanese ない)
    negations: tuple[str, ...] = ()
    # bound parts of words that negate them (Japanese 不, 未, 非, 無 as in 不要 "unneeded",
    # Dutch "on*" as in "onmogelijk"): a source negation may be rendered with one, so they
    # count against a missing negation, never as an added one
    negation_affixes: tuple[str, ...] = ()
    # words a negation entry is part of without negating (Chinese 非常 "very", 不仅 "not
    # only"): removed before negations are counted
    negation_exceptions: tuple[str, ...] = ()
    # words that carry a negation in their meaning without a negation word ("unable",
    # "prevent", "headless"): a translation may render them with one
    implicit_negations: tuple[str, ...] = ()
    # constructions machine translation copies from English (a file next to the profile)
    calques: tuple[Calque, ...] = ()
    # (the source language) lowercase words inside a multi-word name ("API Mesh for App
    # Builder"): MNG004 reads a run of capitalised words joined by them as one name
    name_connectors: tuple[str, ...] = ()
    # (a target language that writes common nouns in lowercase) words that join a noun to
    # the noun it belongs to ("van de", "de la", "del"): a name broken up word by word puts
    # a capitalised word after one ("gebieden van de Prijs" for *Price fields*), MNG008
    genitives: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False)  # one object per language: compared and hashed by identity
class LanguageProfile:
    """Everything locqa knows about one language; see docs/languages.md."""

    code: str  # BCP 47, as used in folders and settings ("nl", "zh-Hans")
    name: str
    babel: str  # Babel locale identifier ("zh_Hans")
    script: str  # ISO 15924 ("Latn", "Jpan", "Hans")
    tokens: Tokens
    lemmas: Lemmas
    languagetool: LanguageTool
    aliases: tuple[str, ...] = ()  # other codes that mean this profile ("de-DE")
    folder: str = ""  # the folder name of the language's content
    terms: Terms = field(default_factory=Terms)
    words: Words = field(default_factory=Words)
    spelling: Spelling = field(default_factory=Spelling)
    meaning: Meaning = field(default_factory=Meaning)
    path: Path | None = field(default=None, compare=False)  # the TOML file

    @property
    def codes(self) -> tuple[str, ...]:
        """The code and its aliases."""
        return (self.code, *self.aliases)

    @functools.cached_property
    def fingerprint(self) -> str:
        """A digest of every value (not where the file is): part of the cache keys of
        results that depend on the language, so that editing a profile re-checks it."""
        values = dataclasses.asdict(self)
        values.pop("path", None)
        text = json.dumps(values, sort_keys=True, ensure_ascii=False, default=_sorted)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @functools.cached_property
    def stop_words(self) -> frozenset[str]:
        """spaCy's stop words of the language (lowercase) where ``lemmas.stop_words`` says
        they are the language's words; else none."""
        if not self.lemmas.stop_words:
            return frozenset()
        module = importlib.import_module(f"spacy.lang.{self.tokens.spacy}.stop_words")
        return frozenset(str(w).lower() for w in module.STOP_WORDS)

    def termbase_path(self, source: str) -> Path | None:
        """The termbase for translations from *source* into this language (relative to the
        project), or None when the profile names none."""
        if self.terms.termbase is None:
            return None
        return Path(self.terms.termbase.format(source=source, code=self.code))


def _sorted(value: Any) -> Any:
    """JSON for the sets of a profile: their sorted items."""
    if isinstance(value, (set, frozenset)):
        return sorted(value)
    raise TypeError(f"not JSON: {value!r}")


# ------------------------------------------------------------------------- lookups


def profile(code: str) -> LanguageProfile:
    """The profile whose code or alias is *code* (``_`` and ``-`` alike); raises
    :class:`UnknownLanguage` when there is none."""
    found = find_profile(code)
    if found is None:
        raise UnknownLanguage(f"no language profile for {code!r}")
    return found


def find_profile(code: str) -> LanguageProfile | None:
    """The profile whose code or alias is *code*, or None."""
    return _index(_folders()).get(_key(code))


def profiles() -> dict[str, LanguageProfile]:
    """Every profile, by code (each code and alias checked to belong to one profile)."""
    folders = _folders()
    _index(folders)
    return dict(_load(folders))


def profile_folders() -> tuple[Path, ...]:
    """Where profiles are read from, first wins: :data:`PATH_ENV`'s folders, then ours."""
    return tuple(Path(f) for f in _folders())


def shipped_folder() -> Path:
    return Path(str(resources.files(__name__) / "profiles"))


def _folders() -> tuple[str, ...]:
    extra = [f for f in os.environ.get(PATH_ENV, "").split(os.pathsep) if f.strip()]
    return (*extra, str(shipped_folder()))


def _key(code: str) -> str:
    return code.strip().replace("_", "-")


@functools.cache
def _index(folders: tuple[str, ...]) -> dict[str, LanguageProfile]:
    index: dict[str, LanguageProfile] = {}
    # the shipped profiles claim their codes first: an added profile that claims one of
    # them is the one named in the error
    for found in reversed(_load(folders).values()):
        for code in found.codes:
            other = index.setdefault(_key(code), found)
            if other is not found:
                raise ConfigError(
                    f"language code {code!r} is claimed by the profiles {other.code!r} "
                    f"({other.path}) and {found.code!r}; give each code to one profile",
                    found.path,
                )
    return index


@functools.cache
def _load(folders: tuple[str, ...]) -> dict[str, LanguageProfile]:
    loaded: dict[str, LanguageProfile] = {}
    for folder in folders:
        base = Path(folder)
        if not base.is_dir():
            raise ConfigError(f"${PATH_ENV}: no such folder", base)
        for path in sorted(base.glob("*.toml")):
            read = load_profile(path)
            loaded.setdefault(read.code, read)  # the first folder wins
    return loaded


# ------------------------------------------------------------------------- one file

_TOP = {"code", "name", "aliases", "folder", "babel", "script"}
_TABLES: dict[str, set[str]] = {
    "tokens": {"spacy", "segmentation", "requires"},
    "lemmas": {"table", "case", "index", "stop_words"},
    "languagetool": {"code", "spelling", "disabled", "severity", "deterministic", "pronouns"},
    "terms": {"termbase", "plural_fallback", "plural_endings", "compounds", "stem_endings"},
    "words": {
        "loanwords",
        "suffixes",
        "url_values",
        "capitalised_nouns",
        "length_ratio",
        "normalise_width",
    },
    "spelling": {
        "dictionary",
        "paths",
        "package",
        "compounds",
        "linking",
        "dictionary_compounds",
        "vowel_clash",
        "elision",
    },
    "meaning": {
        "negations",
        "negation_affixes",
        "negation_exceptions",
        "implicit_negations",
        "calques",
        "name_connectors",
        "genitives",
    },
    "numbers": set(),  # any key: a spelled-out number
}


def _token_problem(token: Any) -> str | None:
    """What is wrong with one token of a calque pattern, or None."""
    if not isinstance(token, dict) or not token:
        return "each token must be a non-empty table"
    for name, value in token.items():
        if name == "OP":
            if value not in CALQUE_OPERATORS:
                return f"OP must be one of {' '.join(sorted(CALQUE_OPERATORS))}"
            continue
        if name not in CALQUE_ATTRIBUTES:
            return (
                f"{name} is not an attribute a blank pipeline sets (use "
                f"{', '.join(sorted(CALQUE_ATTRIBUTES))})"
            )
        if isinstance(value, dict):
            if not value or set(value) - CALQUE_PREDICATES:
                return f"{name} takes a value or one of {', '.join(sorted(CALQUE_PREDICATES))}"
            for predicate, argument in value.items():
                if predicate == "REGEX":
                    try:
                        re.compile(argument)
                    except (re.error, TypeError):
                        return f"{name} REGEX {argument!r} is not a regular expression"
                elif not isinstance(argument, list):
                    return f"{name} {predicate} takes a list"
        elif not isinstance(value, (str, bool, int)):
            return f"{name} takes a string, a boolean or a number"
    return None


def load_profile(path: Path) -> LanguageProfile:
    """Read and check one profile file; a wrong one is a :class:`ConfigError` naming it."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"cannot read the language profile: {exc}", path) from None
    return _Reader(path, data).profile()


class _Reader:
    """Typed access to one profile's TOML, with errors naming the file and the key."""

    def __init__(self, path: Path, data: dict[str, Any]) -> None:
        self.path = path
        self.data = data
        for key in sorted(set(data) - _TOP - set(_TABLES)):
            self.fail(key, "is not a profile key (see docs/languages.md)")
        for table, keys in _TABLES.items():
            value = data.get(table, {})
            if not isinstance(value, dict):
                self.fail(table, "must be a table")
            for key in sorted(set(value) - keys) if keys else ():
                self.fail(f"{table}.{key}", "is not a profile key (see docs/languages.md)")

    def fail(self, key: str, message: str) -> NoReturn:
        raise ConfigError(f"{key} {message}", self.path)

    def raw(self, key: str) -> Any:
        table, _, name = key.rpartition(".")
        return (self.data.get(table, {}) if table else self.data).get(name)

    def get(
        self, key: str, kind: type, default: Any = None, check: Callable[[Any], bool] = bool
    ) -> Any:
        value = self.raw(key)
        if value is None:
            if default is None:
                self.fail(key, "is missing")
            return default
        if not isinstance(value, kind) or (kind is str and not check(value)):
            self.fail(key, f"must be a {kind.__name__}" if kind is not str else "is not valid")
        return value

    def text(self, key: str, default: str | None = None, pattern: str = r".+") -> str:
        value: str = self.get(key, str, default, lambda v: re.fullmatch(pattern, v) is not None)
        return value

    def optional(self, key: str) -> str | None:
        """A string where "" (or no key) means none."""
        value = self.raw(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.fail(key, "must be a string")
        return str(value)

    def flag(self, key: str, default: bool | None = None) -> bool:
        value: bool = self.get(key, bool, default)
        return value

    def strings(self, key: str) -> tuple[str, ...]:
        value = self.raw(key)
        if value is None:
            return ()
        if not isinstance(value, list) or not all(isinstance(v, str) and v for v in value):
            self.fail(key, "must be a list of non-empty strings")
        return tuple(value)

    def word_file(self, key: str) -> frozenset[str]:
        """The words of the list file *key* names (next to the profile), lowercased;
        ``#`` starts a comment."""
        name = self.optional(key)
        if name is None:
            return frozenset()
        file = self.path.parent / name
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as exc:
            raise ConfigError(
                f"{key}: cannot read the word list {name}: {exc}", self.path
            ) from None
        return frozenset(w.lower() for line in lines for w in line.split("#", 1)[0].split())

    def calques(self, key: str) -> tuple[Calque, ...]:
        """The calque patterns of the TOML file *key* names (next to the profile); a wrong
        entry is an error naming that file and the entry."""
        name = self.optional(key)
        if name is None:
            return ()
        file = self.path.parent / name
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise ConfigError(
                f"{key}: cannot read the calque file {name}: {exc}", self.path
            ) from None
        entries = data.get("calque", [])
        if set(data) - {"calque"} or not isinstance(entries, list):
            raise ConfigError("only [[calque]] entries are allowed", file)
        found: list[Calque] = []
        seen: set[str] = set()
        for number, entry in enumerate(entries, 1):
            where = f"calque {number}"
            if not isinstance(entry, dict):
                raise ConfigError(f"{where} must be a table", file)
            fields = {"id", "english", "message", "pattern", "example", "correct"}
            if set(entry) != fields:
                raise ConfigError(
                    f"{where} must have exactly the keys {', '.join(sorted(fields))}", file
                )
            if not all(isinstance(entry[f], str) and entry[f] for f in fields - {"pattern"}):
                raise ConfigError(
                    f"{where}: every key but pattern must be a non-empty string", file
                )
            if entry["id"] in seen:
                raise ConfigError(f"{where}: the id {entry['id']!r} is used twice", file)
            seen.add(entry["id"])
            pattern = entry["pattern"]
            if not isinstance(pattern, list) or not pattern:
                raise ConfigError(
                    f"{where} ({entry['id']}): pattern must be a list of tokens", file
                )
            for token in pattern:
                problem = _token_problem(token)
                if problem:
                    raise ConfigError(f"{where} ({entry['id']}): {problem}", file)
            found.append(
                Calque(
                    id=entry["id"],
                    english=entry["english"],
                    message=entry["message"],
                    pattern=tuple(pattern),
                    example=entry["example"],
                    correct=entry["correct"],
                )
            )
        return tuple(found)

    def table(self, key: str) -> dict[str, Any]:
        value = self.raw(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(key, "must be a table")
        return value

    def severities(self, key: str) -> dict[str, str]:
        """A table of rule id → ``"error"``, ``"warning"`` or ``"info"``."""
        table = self.table(key)
        for rule, level in table.items():
            if level not in SEVERITIES:
                self.fail(f"{key}.{rule}", f"must be one of {', '.join(sorted(SEVERITIES))}")
        return {str(rule): str(level) for rule, level in table.items()}

    def word_sets(self, key: str) -> dict[str, frozenset[str]]:
        """A table of rule id → list of words (lowercased)."""
        table = self.table(key)
        for rule, words in table.items():
            if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
                self.fail(f"{key}.{rule}", "must be a list of non-empty strings")
        return {str(rule): frozenset(w.lower() for w in words) for rule, words in table.items()}

    def ratio(self, key: str) -> float:
        value = self.raw(key)
        if value is None:
            return 1.0
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
            self.fail(key, "must be a positive number")
        return float(value)

    def numbers(self) -> dict[str, str]:
        table = self.data.get("numbers", {})
        for word, digits in table.items():
            if not isinstance(digits, str) or not digits.isdigit():
                self.fail(f"numbers.{word}", 'must be a string of digits, e.g. "3"')
        return {str(w).lower(): str(d) for w, d in table.items()}

    def profile(self) -> LanguageProfile:
        from babel import localedata

        code = self.text("code", pattern=r"[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")
        if self.path.stem != code:
            self.fail("code", f"{code!r} must match the file name ({code}.toml)")
        babel = self.text("babel")
        if not localedata.exists(babel):
            self.fail("babel", f"{babel!r} is not a locale Babel knows")
        fallback = self.optional("terms.plural_fallback")
        if fallback is not None and fallback not in PLURAL_FALLBACKS:
            self.fail("terms.plural_fallback", f"must be one of {sorted(PLURAL_FALLBACKS)}")
        termbase = self.optional("terms.termbase")
        if termbase is not None:
            try:
                termbase.format(source="en", code=code)
            except (KeyError, IndexError, ValueError):
                self.fail("terms.termbase", "may hold only {source} and {code} in braces")
        return LanguageProfile(
            code=code,
            name=self.text("name"),
            babel=babel,
            script=self.text("script", pattern=r"[A-Z][a-z]{3}"),
            aliases=self.strings("aliases"),
            folder=self.text("folder", code),
            tokens=Tokens(
                spacy=self.text("tokens.spacy"),
                segmentation=self.choice("tokens.segmentation", SEGMENTATIONS),
                requires=self.strings("tokens.requires"),
            ),
            lemmas=Lemmas(
                table=self.optional("lemmas.table"),
                case=self.choice("lemmas.case", LEMMA_CASES, "lower"),
                index=self.optional("lemmas.index"),
                stop_words=self.flag("lemmas.stop_words", False),
            ),
            languagetool=LanguageTool(
                code=self.text("languagetool.code"),
                spelling=self.flag("languagetool.spelling"),
                disabled_rules=frozenset(self.strings("languagetool.disabled")),
                severity=self.severities("languagetool.severity"),
                deterministic_rules=frozenset(self.strings("languagetool.deterministic")),
                pronouns=self.word_sets("languagetool.pronouns"),
            ),
            terms=Terms(
                termbase=termbase,
                plural_fallback=fallback,
                plural_endings=self.strings("terms.plural_endings"),
                compounds=self.flag("terms.compounds", False),
                stem_endings=self.strings("terms.stem_endings"),
            ),
            words=Words(
                numbers=self.numbers(),
                loanwords=self.word_file("words.loanwords"),
                suffixes=self.strings("words.suffixes"),
                url_values=frozenset(v.lower() for v in self.strings("words.url_values")),
                capitalised_nouns=self.flag("words.capitalised_nouns", False),
                length_ratio=self.ratio("words.length_ratio"),
                normalise_width=self.flag("words.normalise_width", False),
            ),
            spelling=Spelling(
                dictionary=self.optional("spelling.dictionary"),
                paths=self.strings("spelling.paths"),
                package=self.optional("spelling.package"),
                compounds=self.flag("spelling.compounds", False),
                linking=self.strings("spelling.linking"),
                dictionary_compounds=self.flag("spelling.dictionary_compounds", False),
                vowel_clash=self.strings("spelling.vowel_clash"),
                elision=self.strings("spelling.elision"),
            ),
            meaning=Meaning(
                negations=self.strings("meaning.negations"),
                negation_affixes=self.strings("meaning.negation_affixes"),
                negation_exceptions=self.strings("meaning.negation_exceptions"),
                implicit_negations=self.strings("meaning.implicit_negations"),
                calques=self.calques("meaning.calques"),
                name_connectors=self.strings("meaning.name_connectors"),
                genitives=self.strings("meaning.genitives"),
            ),
            path=self.path,
        )

    def choice(self, key: str, allowed: frozenset[str], default: str | None = None) -> str:
        value = self.text(key, default)
        if value not in allowed:
            self.fail(key, f"{value!r} must be one of {', '.join(sorted(allowed))}")
        return value


__all__ = [
    "PATH_ENV",
    "Calque",
    "LanguageProfile",
    "LanguageTool",
    "Lemmas",
    "Meaning",
    "Spelling",
    "Terms",
    "Tokens",
    "UnknownLanguage",
    "Words",
    "find_profile",
    "load_profile",
    "profile",
    "profile_folders",
    "profiles",
]
