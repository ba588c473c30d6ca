"""Spelling that knows documentation: whether a word a spell checker flagged is one that
documentation in the language may write (LT001; docs/languagetool.md, "Spelling that
knows documentation").

LanguageTool's speller knows the language, not documentation. A word it flags is
*accepted* here when it is

* a **documented word**: a word of the English source segment (a kept loanword, a name),
  of the project's word list (``locales/wordlists/<lang>.txt``, :func:`wordlist_path`) or
  of the profile's loanwords, as written, with one of the language's endings
  (``webhooks``) or in its English plural; or a termbase term or name in any inflection;
* a **compound with a documented part**, the other parts words of the language's
  Hunspell dictionary (the profile's ``[spelling]``, opened with chunspell): closed
  (``cachemap``, ``webhookinstelling``), with a linking element, or hyphenated
  (``headless-opstelling``) — unless the dictionary or the speller's suggestions know
  the same parts joined otherwise (``Gebruikergericht``: ``Gebruikersgericht``;
  ``Bedrijfs-gericht``: ``Bedrijfsgericht``), two parts meet on a vowel clash, or the
  documented part is cut out of a word of the language (``transform|atiehaak``);
* the first part of an **elided compound** (``xml-`` in ``xml- en PHP-bestanden``);
* where the profile says so (``dictionary_compounds``), any word the dictionary accepts,
  its own compounds included. Off for Dutch: measured, a third of the compounds Hunspell
  builds from Dutch words and LanguageTool rejects are MT calques.

A typo is never accepted for resembling an accepted word: ``Navigaton``, ``storefornt``
and ``repostory`` are no documented word, and a documented word mistyped is no compound
(:meth:`Lexicon.near_miss`).

This module is model and I/O only (a dictionary and a word list are files): the LT001
check (:mod:`locqa.checks.language`) decides what to report.
"""

from __future__ import annotations

import functools
import hashlib
import importlib
import json
import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import InputError
from .lang import LanguageProfile

#: The project's word lists: ``<locales dir>/wordlists/<language code>.txt``.
WORDLISTS = "wordlists"
#: A part of a closed compound has at least this many letters ("map", "set", "web").
MIN_PART = 3
#: Shortest stem left when an inflection ending is stripped.
MIN_STEM = 3
#: A part of a hyphenated documented word counts on its own from this length ("time" of
#: "Real-Time"; not "pre" of "pre-launch", "of" of "best-of-breed").
MIN_DOCUMENTED_PART = 4
#: A part before another one in a closed compound has at least this many letters when
#: it is only a dictionary word (dictionaries know many short words and abbreviations:
#: "apk", "hes"); a documented one, or the last part, at least :data:`MIN_PART`.
MIN_HEAD = 4
#: A word this long that is two edits from a documented word is taken as its typo.
NEAR_LONG = 8
#: Hyphen characters written between the parts of a compound.
HYPHENS = "-\u2010\u2011"
#: A word as LanguageTool's speller flags it: letters, apostrophes and hyphens inside.
_WORD = re.compile(r"[^\W\d_]+(?:['’\-\u2010\u2011][^\W\d_]+)*")
#: The words of a text (source segments, terms): names with digits too ("3rdparty").
_WORDS = re.compile(r"[^\W_]+(?:['’\-\u2010\u2011][^\W_]+)*")


def wordlist_path(locales_root: Path, code: str) -> Path:
    """Where the project's word list for language *code* is: ``wordlists/<code>.txt`` in
    the locales folder."""
    return locales_root / WORDLISTS / f"{code}.txt"


def read_wordlist(path: Path) -> frozenset[str]:
    """The words of a word list (one or more a line, ``#`` starts a comment), lowercased;
    none when the file does not exist. Unreadable or not UTF-8: :class:`InputError`."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return frozenset()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the word list: {exc}", path) from None
    return frozenset(
        _plain(w).lower() for line in text.splitlines() for w in line.split("#", 1)[0].split()
    )


def words_of(text: str) -> Iterator[str]:
    """The words of *text*: runs of letters, with apostrophes and hyphens inside."""
    return (m.group() for m in _WORDS.finditer(text))


def _plain(word: str) -> str:
    """*word* with typographic apostrophes and hyphens written plainly."""
    return word.replace("’", "'").replace("\u2010", "-").replace("\u2011", "-")


def stems(word: str, endings: Iterable[str]) -> set[str]:
    """*word* (lowercase, plain) and what is left of it without one of *endings*."""
    low = _plain(word).lower()
    out = {low}
    for ending in endings:
        if ending and low.endswith(ending) and len(low) - len(ending) >= MIN_STEM:
            out.add(low[: -len(ending)].rstrip("'"))
    return out


def _relinked(word: str, other: str) -> bool:
    """Whether *other* is *word* with up to :data:`_MAX_LINK` letters put in or left out
    strictly inside it (``gebruikergericht``, ``gebruikersgericht``): the same parts
    joined otherwise. A space or hyphen put in is a split, not a relinking."""
    if other == word or abs(len(other) - len(word)) > _MAX_LINK:
        return False
    longer, shorter = (word, other) if len(word) > len(other) else (other, word)
    prefix = next(
        (i for i, (a, b) in enumerate(zip(shorter, longer, strict=False)) if a != b), len(shorter)
    )
    rest = len(shorter) - prefix
    if prefix == 0 or rest == 0:
        return False  # letters put in at the start or the end: an inflection, no junction
    extra = len(longer) - len(shorter)
    return (
        longer[prefix + extra :] == shorter[prefix:] and longer[prefix : prefix + extra].isalpha()
    )


def _edits(a: str, b: str, limit: int) -> int:
    """The Damerau–Levenshtein distance of *a* and *b* (optimal string alignment), or
    ``limit + 1`` once it is sure to exceed *limit*."""
    previous2: list[int] = []
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = 0 if ca == cb else 1
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                current[j] = min(current[j], previous2[j - 2] + 1)
        if min(current) > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


# ----------------------------------------------------------------------------- Hunspell


class Dictionary:
    """A Hunspell dictionary (``<folder>/<name>.aff`` and ``.dic``), opened with chunspell
    on first use (in the process that uses it: worker processes open their own)."""

    def __init__(self, name: str, folder: Path) -> None:
        self.name = name
        self.folder = folder
        self._hunspell: Any = None
        self._known: dict[str, bool] = {}

    def __repr__(self) -> str:
        return f"Dictionary({self.name!r}, {str(self.folder)!r})"

    def __getstate__(self) -> dict[str, Any]:
        """Pickled without the opened dictionary (a C object): reopened on first use."""
        return {"name": self.name, "folder": self.folder}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["name"], state["folder"])  # type: ignore[misc]

    @property
    def files(self) -> tuple[Path, Path]:
        return (self.folder / f"{self.name}.aff", self.folder / f"{self.name}.dic")

    def _open(self) -> Any:
        if self._hunspell is None:
            module = importlib.import_module("hunspell")  # the chunspell distribution
            self._hunspell = module.Hunspell(self.name, hunspell_data_dir=str(self.folder))
        return self._hunspell

    def known(self, word: str) -> bool:
        """Whether Hunspell accepts *word* as written (its own compounding included)."""
        found = self._known.get(word)
        if found is None:
            found = bool(word) and bool(self._open().spell(word))
            if len(self._known) > 200_000:
                self._known.clear()
            self._known[word] = found
        return found


def find_dictionary(profile: LanguageProfile) -> tuple[Dictionary | None, str | None]:
    """*profile*'s Hunspell dictionary, or None and why not (for the run's skipped list)."""
    spec = profile.spelling
    if spec.dictionary is None:
        return None, None
    for folder in spec.paths:
        base = Path(folder)
        if profile.path is not None and not base.is_absolute():
            base = profile.path.parent / base
        if (base / f"{spec.dictionary}.aff").is_file() and (
            base / f"{spec.dictionary}.dic"
        ).is_file():
            try:
                importlib.import_module("hunspell")
            except ImportError:
                return None, _missing(profile, "the Python package chunspell is not installed")
            return Dictionary(spec.dictionary, base), None
    where = ", ".join(spec.paths) or "no folder"
    install = f"; apt-get install {spec.package}" if spec.package else ""
    return None, _missing(profile, f"no Hunspell dictionary {spec.dictionary} in {where}{install}")


def _missing(profile: LanguageProfile, why: str) -> str:
    return f"LT001 dictionary spelling of compounds for {profile.code} ({why})"


# ----------------------------------------------------------------------------- acceptance


#: The longest junction between two compound parts that still joins the same parts
#: (a linking element, or "ers" where a speller suggests another).
_MAX_LINK = 3


@dataclass(frozen=True, eq=False)
class Lexicon:
    """What spelling accepts for one language: the profile's dictionary and word data,
    and the project's word list. ``problem`` says why the dictionary is missing."""

    dictionary: Dictionary | None = None
    wordlist: frozenset[str] = frozenset()  # the project's word list, lowercase
    loanwords: frozenset[str] = frozenset()  # the profile's loanwords, lowercase
    endings: tuple[str, ...] = ()  # inflection endings (profile words.suffixes, plurals)
    linking: tuple[str, ...] = ()  # linking elements between compound parts ("s", "e")
    closed_compounds: bool = False  # the language writes compounds as one word
    dictionary_compounds: bool = False  # accept what the dictionary accepts whole
    vowel_clash: frozenset[str] = frozenset()  # letter pairs a closed compound may not join
    capitalised_nouns: bool = False  # nouns are written with a capital (German)
    function_words: frozenset[str] = frozenset()  # the profile's stop words, lowercase
    problem: str | None = None

    @functools.cached_property
    def _lists(self) -> frozenset[str]:
        """The documented forms of the word list and the loanwords (made on first use:
        the dictionary is opened only when a spelling match needs it)."""
        return self.documented((*self.wordlist, *self.loanwords))

    @functools.cached_property
    def digest(self) -> str:
        """What LT001's findings depend on here, for cache keys: the dictionary's files
        (name, size, modification time), the word list, the loanwords, the settings."""
        files: list[Any] = []
        if self.dictionary is not None:
            for path in self.dictionary.files:
                stat = path.stat()
                files.append([str(path), stat.st_size, stat.st_mtime_ns])
        data = {
            "files": files,
            "wordlist": sorted(self.wordlist),
            "loanwords": sorted(self.loanwords),
            "settings": [
                list(self.endings),
                list(self.linking),
                self.closed_compounds,
                self.dictionary_compounds,
                sorted(self.vowel_clash),
                self.capitalised_nouns,
                sorted(self.function_words),
            ],
        }
        text = json.dumps(data, sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    @classmethod
    def for_profile(
        cls, profile: LanguageProfile, wordlist: frozenset[str] = frozenset()
    ) -> Lexicon:
        """The spelling of *profile*'s language, with a project's *wordlist*."""
        dictionary, problem = find_dictionary(profile)
        endings = {*profile.words.suffixes, *profile.terms.plural_endings}
        spec = profile.spelling
        return cls(
            dictionary=dictionary,
            wordlist=wordlist,
            loanwords=profile.words.loanwords,
            endings=tuple(sorted(endings, key=lambda e: (-len(e), e))),
            linking=spec.linking,
            closed_compounds=spec.compounds,
            dictionary_compounds=spec.dictionary_compounds,
            vowel_clash=frozenset(spec.vowel_clash),
            capitalised_nouns=profile.words.capitalised_nouns,
            function_words=profile.stop_words,
            problem=problem,
        )

    def documented(self, words: Iterable[str]) -> frozenset[str]:
        """The forms under which *words* (a source segment's words) count as documented,
        the *known* of :meth:`accepts`: each word as written (lowercase); for a hyphenated
        one, also each of its parts of at least :data:`MIN_DOCUMENTED_PART` letters that
        is no dictionary word (``real-time``: not ``time``, a Dutch word; not the ``pre``
        of ``pre-launch``, nor the ``ontwikkelaar`` of ``frontend-ontwikkelaar``)."""
        out: set[str] = set()
        for word in words:
            plain = _plain(word).lower()
            parts = [plain]
            if "-" in plain:
                parts += [
                    p
                    for p in plain.split("-")
                    if len(p) >= MIN_DOCUMENTED_PART
                    and (self.dictionary is None or not self.dictionary.known(p))
                ]
            out.update(parts)
        return frozenset(out)

    def terms(self, words: Iterable[str]) -> frozenset[str]:
        """The stems of *words* (the termbase's terms and names), so that every inflection
        of a term meets every other: the *whole* of :meth:`accepts`."""
        out: set[str] = set()
        for word in words:
            out.update(stems(word, self.endings))
        return frozenset(out)

    def accepts(
        self,
        word: str,
        known: Collection[str] = frozenset(),
        whole: Collection[str] = frozenset(),
        alternatives: Iterable[str] = (),
        *,
        elided: bool = False,
    ) -> bool:
        """Whether *word* (as flagged) is a word documentation may write.

        *known*: :meth:`documented` forms of words accepted alone and as compound parts
        (the source segment's words; the word list and the loanwords count too), in any
        inflection at the end of the word; *whole*: :meth:`terms` stems accepted alone
        only (termbase terms and names: a compound of them is judged like any other).
        *alternatives* are the speller's suggestions: a compound they spell otherwise is
        not accepted. *elided*: the word ends in a hyphen that stands for a part shared
        with the next word (``xml- en PHP-bestanden``); it is judged without the hyphen,
        as the first part of a compound.
        """
        plain = _plain(word)
        if elided and plain.endswith("-"):
            plain = plain[:-1]
            if not _WORD.fullmatch(plain):
                return False
            respelled = {_plain(a).lower() for a in alternatives}
            heads = (
                [plain]
                + [  # "retournerings- en verkoopgegevens": retournering + s
                    plain[: -len(link)] for link in self.linking if link and plain.endswith(link)
                ]
            )
            return any(
                self._part(head, known, final=False) is not None
                or self._compound(head, known, respelled, need=False)
                for head in heads
                if len(head) >= MIN_PART
            )
        if self._documented(plain.lower(), known, final=True):
            return True  # "gra-split-3rdparty", "webhooks"
        if not _WORD.fullmatch(plain):
            return False  # entities, digits, punctuation: not a word to judge
        if not stems(plain, self.endings).isdisjoint(whole):
            return True
        if self.dictionary_compounds and self._in_dictionary(plain):
            return True  # the dictionary builds it from its own words
        if self.near_miss(plain.lower(), known):
            return False  # "repostory" is "repository" mistyped, not "repo" + "story"
        respelled = {_plain(a).lower() for a in alternatives}
        return self._compound(plain, known, respelled, need=True)

    def word_compound(
        self,
        word: str,
        known: Collection[str] = frozenset(),
        alternatives: Iterable[str] = (),
        refused: Collection[str] = frozenset(),
    ) -> bool:
        """Whether *word*, which :meth:`accepts` refused, is a compound made of the
        language's dictionary words (``ontwikkelaars|gids``, ``pakket|map``; with linking
        elements), which neither the speller nor the dictionary knows whole: a correct
        word that dictionaries do not list, or a word-for-word calque of an English
        compound (``erfenis|projecten`` for *legacy projects*). Spelling cannot tell them
        apart, so LT002 reports them apart from LT001's misspellings. Not such a compound:
        a documented word mistyped (:meth:`near_miss`), parts the dictionary or the
        speller's *alternatives* know joined otherwise (``prestaties|overwegingen``:
        ``prestatieoverwegingen``) or with a few letters more or fewer inside
        (``Gebruikergericht``: ``Gebruikersgericht``), a vowel clash, a part that is no
        word; words of the language joined by a hyphen where it writes them closed
        (``Inhoud-fragmenten``); words glued to a function word (``Voorcasestudy``: the
        profile's stop words); a word whose stem is in *refused* (the termbase's
        deprecated terms)."""
        plain = _plain(word)
        if self.dictionary is None or not _WORD.fullmatch(plain):
            return False
        low = plain.lower()
        if self.near_miss(low, known) or not stems(plain, self.endings).isdisjoint(refused):
            return False
        respelled = {_plain(a).lower() for a in alternatives}
        if any(_relinked(low, other) for other in respelled):
            return False
        if self.closed_compounds and any(
            (low[i - 1] + low[i + 1]) not in self.vowel_clash
            for i, c in enumerate(low)
            if c == "-" and 0 < i < len(low) - 1
        ):
            return False  # "Inhoud-fragmenten": the language joins its own words closed
        memo: dict[tuple[str, bool], bool] = {(plain, False): False}
        return any(
            head.lower() not in self.function_words  # "Voor|casestudy": words glued
            and self._split_accepted(
                plain, (head, link, tail), (), respelled, False, memo, True, True
            )
            for head, link, tail in self._splits(plain)
        )

    # -- parts

    def _documented(self, low: str, known: Collection[str], final: bool) -> bool:
        """Whether *low* is a documented word, or one in its English plural (``webhook``
        for ``webhooks``), or one hyphenated otherwise (``back-end`` for ``backend``);
        when it ends the word, also with one of the language's endings (``webhooks`` for
        ``webhook``; not ``systemen`` for ``systems``)."""
        plural = () if low.endswith("s") else (low + "s",)  # not "headles" for "headless"
        for form in (low, *plural):
            if form in known or form in self._lists:
                return True
        if "-" in low.strip("-") and self._documented(low.replace("-", ""), known, final):
            return True
        if final:
            return any(
                stem in known or stem in self._lists for stem in stems(low, self.endings) - {low}
            )
        return False

    def near_miss(self, word: str, known: Collection[str] = frozenset()) -> bool:
        """Whether *word* is a documented word (*known*, the word list, the loanwords)
        with a typo: not documented itself, the same first letter, at most one edit away
        (two from a word of :data:`NEAR_LONG` letters or more), letters swapped counting
        one: ``Navigaton`` for ``navigation``, ``Commere`` for ``Commerce``."""
        low = _plain(word).lower()
        if not low or self._documented(low, known, final=True):
            return False  # itself documented ("Deployment" beside "deployments")
        squashed = low.replace("-", "")
        for other in (*known, *self._lists):
            if other[:1] != low[:1] or other.replace("-", "") == squashed:
                continue  # a typo keeps the first letter ("Xdebug" is no "debug");
                # hyphenated otherwise is for the compound rules to judge
            limit = 2 if len(other) >= NEAR_LONG else 1
            near = abs(len(other) - len(low)) <= limit and other != low
            if near and _edits(low, other, limit) <= limit:
                return True
        return False

    def _in_dictionary(self, word: str) -> bool:
        if self.dictionary is None:
            return False
        if self.dictionary.known(word):
            return True
        bare = word[:-2] if word.lower().endswith("'s") else None  # "video's" is in it
        return bare is not None and self.dictionary.known(bare)

    def _part(self, part: str, known: Collection[str], final: bool) -> str | None:
        """How a compound part is accepted: ``"documented"`` (as written, or inflected
        when it is the *final* part), ``"dictionary"`` (a dictionary word of at least
        :data:`MIN_PART` letters) or None."""
        if self._documented(part.lower(), known, final):
            return "documented"
        if len(part) < (MIN_PART if final else MIN_HEAD) or self.dictionary is None:
            return None
        forms = {part, part.lower()}
        if self.capitalised_nouns:  # a noun inside a compound is not: "Kunden|bestellung"
            forms.add(part[:1].upper() + part[1:].lower())
        return "dictionary" if any(self.dictionary.known(f) for f in forms) else None

    def _cut_out(self, head: str, tail: str) -> bool:
        """Whether a documented *head* or *tail* is cut out of a word of the language by
        a fragment that is no word: ``transform|atiehaak`` is ``transformatie|haak``,
        ``install|atierapportages`` is ``installatie|rapportages``; then the word is no
        compound with a documented part, and LanguageTool's to judge."""
        for k in range(1, len(tail) - MIN_PART + 1):
            longer, bit, rest = head + tail[:k], tail[:k], tail[k:]
            cut = self._word(longer, final=False) and self._word(rest, final=True)
            if cut and not self._word(bit, final=False):
                return True
        for k in range(1, len(head) - MIN_HEAD + 1):
            rest, bit, longer = head[:-k], head[-k:], head[-k:] + tail
            cut = self._word(rest, final=False) and self._word(longer, final=True)
            if cut and not self._word(bit, final=True):
                return True
        return False

    def _word(self, part: str, final: bool) -> bool:
        return self._part(part, (), final) is not None

    def _compound(
        self,
        word: str,
        known: Collection[str],
        respelled: set[str],
        need: bool,
        memo: dict[tuple[str, bool], bool] | None = None,
        *,
        linked_words: bool = False,
    ) -> bool:
        """Whether *word* is a compound of accepted parts: joined closed (where the
        language writes compounds so), with a linking element, or with a hyphen; with a
        documented part where *need* and the profile ask for one; no vowel clash where
        parts meet without a hyphen; and no other joining of the same parts that the
        dictionary or *respelled* knows (``Gebruikergericht``: ``Gebruikersgericht``;
        ``Bedrijfs-gericht``: ``Bedrijfsgericht``). *linked_words*: two dictionary words
        may meet on a linking element (refused otherwise: too easily made of a typo)."""
        initial = memo is None
        memo = {} if memo is None else memo
        key = (word, need)
        if key not in memo:
            memo[key] = False  # no split reaches itself
            memo[key] = any(
                self._split_accepted(
                    word, split, known, respelled, need, memo, initial, linked_words
                )
                for split in self._splits(word)
            )
        return memo[key]

    def _splits(self, word: str) -> Iterator[tuple[str, str, str]]:
        """(head, junction, tail): a hyphen where the word has one; closed or with a
        linking element where the language writes compounds closed."""
        for i in range(1, len(word) - 1):
            head, rest = word[:i], word[i:]
            if rest[0] == "-":
                if rest[1:]:
                    yield head, "-", rest[1:]
                continue
            if not self.closed_compounds or head.endswith("-"):
                continue
            for link in ("", *self.linking):
                if rest.startswith(link) and rest[len(link) :]:
                    yield head, link, rest[len(link) :]

    def _split_accepted(
        self,
        word: str,
        split: tuple[str, str, str],
        known: Collection[str],
        respelled: set[str],
        need: bool,
        memo: dict[tuple[str, bool], bool],
        initial: bool,
        linked_words: bool = False,
    ) -> bool:
        head, junction, tail = split
        hyphen = junction == "-"
        how_head = self._part(head, known, final=False)
        if how_head is None and hyphen and initial and len(head) == 1 and head.isalpha():
            how_head = "letter"  # "e-commerce", "x-as"
        if how_head is None:
            return False
        if not hyphen and min(len(head), len(tail.split("-", 1)[0])) < MIN_PART:
            return False
        if not junction and (head[-1] + tail[0]).lower() in self.vowel_clash:
            return False  # "installatieervaring" is written "installatie-ervaring"
        still = need and how_head != "documented"
        how_tail = self._part(tail, known, final=True)
        if how_head == how_tail == "dictionary" and junction not in ("", "-") and not linked_words:
            return False  # "einst|e|lungen": two dictionary words and a linking element
            # are too easily made of a typo ("Webhookeinstelungen"); the dictionary knows
            # its own compounds whole
        documented = "documented" in (how_head, how_tail)
        if not hyphen and documented and self._cut_out(head, tail):
            return False
        tail_alone = how_tail is not None and not (still and how_tail != "documented")
        # "webhook|instellingen|pagina": else the tail is a compound itself
        if not tail_alone and not self._compound(
            tail, known, respelled, still, memo, linked_words=linked_words
        ):
            return False
        if hyphen:
            closed = head + tail
            return closed.lower() not in respelled and not self._in_dictionary(closed)
        return not self._joined_otherwise(word, head, junction, tail, respelled)

    def _joined_otherwise(
        self, word: str, head: str, link: str, tail: str, respelled: set[str]
    ) -> bool:
        """Whether the dictionary (or the speller's suggestions) has the same parts joined
        with another linking element, or with a hyphen: then *word* is a misspelling of
        that (``gebruiker|gericht`` → ``gebruikersgericht``)."""
        heads = {head}
        for element in self.linking:  # "prestaties|overwegingen": "prestatie" + "s"
            if element and head.endswith(element) and len(head) - len(element) >= MIN_PART:
                heads.add(head[: -len(element)])
        low = word.lower()
        for h in heads:
            for element in ("", *self.linking, "-"):
                other = f"{h}{element}{tail}"
                if other.lower() == low:
                    continue
                if other.lower() in respelled or other.lower() in self._lists:
                    return True
                if element != "-" and self._in_dictionary(other):
                    return True
        return False


#: No dictionary, no lists: only the segment's own words are accepted.
NO_LEXICON = Lexicon()


__all__ = [
    "NO_LEXICON",
    "WORDLISTS",
    "Dictionary",
    "Lexicon",
    "find_dictionary",
    "read_wordlist",
    "stems",
    "wordlist_path",
    "words_of",
]
