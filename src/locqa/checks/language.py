"""LT001 and LT002: LanguageTool's grammar, spelling and style matches, one finding per match.

The runner checks every msgstr with LanguageTool in batches before the checks run and
puts the results in ``ctx.languagetool`` (msgstr → list of :class:`LTMatch`); this check
only turns matches into findings, so it stays pure.

Severity follows LanguageTool's issue type (misspellings, grammar and other errors of
substance are warnings; style, typography, whitespace and uncategorised hints are info),
unless the language profile gives the rule a severity of its own from its measured
precision (``[languagetool.severity]``: a doubled word, an article that does not agree
are errors). Fix safety is data too: a spelling suggestion is display-only (a person
chooses among the speller's guesses); the replacement of a rule the profile lists as
``deterministic`` (doubled word, article agreement) is safe where it touches no markup;
every other replacement is unsafe.

Options (``ctx.options``):

* ``languagetool_disabled_rules``: rule ids to drop, on top of the profile's;
* ``languagetool_enabled_rules``: rule ids to keep even if disabled by default.

Source-aware filters keep noise out:

* a spelling match on a *name* (a capitalised word that does not start a sentence, or a
  word with a capital or digit inside: ``Workbench``, ``TablesPlus``, ``GraphQLAPI``) is
  dropped: product names are not words of the language. Only the second rule holds in a
  language that capitalises its nouns (German: profile ``words.capitalised_nouns``);
* a spelling match on a word documentation may write is dropped (:mod:`locqa.spelling`):
  a word of the English source segment (a kept loanword, a name; so an English sentence
  left in is TRN001/TRN002's one finding, not one LT001 per word), a termbase term or
  do-not-translate name in any inflection, a word of the project's word list
  (``locales/wordlists/<lang>.txt``) or of the profile's loanwords, and a compound of
  such a word with dictionary words (``webhookinstelling``, ``headless-opstelling``);
* a spelling match on a fragment starting with a hyphen (``-bestand`` after inline code)
  is dropped: it is the tail of a compound whose head LanguageTool did not see;
* a grammar match that ends where a compound or a file name goes on (``het root
  `Query`-type``, ``het composer.lock-bestand``) is dropped: the article agrees with the
  compound's last part, which LanguageTool did not see;
* "sentence does not start with a capital" is dropped when the source segment does not
  start with a capital either (list items and table cells that continue a sentence).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Collection, Iterable, Iterator

from ..findings import Finding, FixSafety, Severity
from ..lang import LanguageProfile, find_profile
from ..languagetool.match import LTMatch
from ..languagetool.rules import capitals_mark_names, effective_disabled_rules
from ..markup import edit_is_allowed, inside, untouchable_ranges
from ..spelling import NO_LEXICON, Lexicon, stems, words_of
from .base import Check, CheckContext, Unit, register
from .encoding import mojibake_spans
from .repeats import merge_repeats

#: LanguageTool issue types reported as warnings; all others are info.
WARNING_ISSUE_TYPES = frozenset(
    {
        "misspelling",
        "grammar",
        "mistranslation",
        "untranslated",
        "omission",
        "addition",
        "duplication",
        "terminology",
        "characters",
        "inconsistency",
        "locale-violation",
    }
)
_SENTENCE_START_RULES = frozenset({"UPPERCASE_SENTENCE_START"})
_SIGILS = "$@%"  # a token starting so is a variable or a directive, not a word
_SENTENCE_END = ".!?:\n"
_WORD = re.compile(r"[^\W_]+")  # the word itself, without "'s", "&#39;s" or "-suffix"


def severity_for(match: LTMatch, profile: LanguageProfile | None = None) -> Severity:
    """The profile's severity for the rule, else the one of LanguageTool's issue type."""
    if profile is not None:
        level = profile.languagetool.severity.get(match.rule_id)
        if level is not None:
            return Severity(level)
    return Severity.WARNING if match.issue_type in WARNING_ISSUE_TYPES else Severity.INFO


def is_spelling(match: LTMatch) -> bool:
    """A speller's match (LanguageTool's ITS issue type ``misspelling``)."""
    return match.issue_type == "misspelling"


def fix_for(text: str, match: LTMatch, profile: LanguageProfile | None = None) -> FixSafety:
    """How the first replacement of *match* in *text* may be applied: display-only for a
    speller's guess, safe for a rule the profile calls deterministic when the edit leaves
    every protected character as it is, unsafe otherwise."""
    if is_spelling(match):
        return FixSafety.DISPLAY_ONLY
    if (
        profile is not None
        and match.rule_id in profile.languagetool.deterministic_rules
        and match.replacements
        and edit_is_allowed(text, match.offset, match.end, match.replacements[0])
    ):
        return FixSafety.SAFE
    return FixSafety.UNSAFE


def _pronoun_in_source(unit: Unit, match: LTMatch, profile: LanguageProfile | None) -> bool:
    """Whether the source has a word that makes the rule's article a possible pronoun."""
    if profile is None:
        return False
    words = profile.languagetool.pronouns.get(match.rule_id, frozenset())
    return any(w.lower() in words for w in words_of(unit.msgid))


@functools.cache
def _default_lexicon(profile: LanguageProfile) -> Lexicon:
    """The profile's dictionary without a project word list (a context made by hand)."""
    return Lexicon.for_profile(profile)


def is_name(text: str, start: int, end: int, capitals: bool = True) -> bool:
    """True when ``text[start:end]`` looks like a proper name rather than a word of the
    language: a capital or digit inside it, or (where *capitals* mark names, i.e. not in a
    language that capitalises its nouns) a capital first letter mid-sentence."""
    word = text[start:end]
    core = _WORD.match(word)
    word = core.group() if core else ""
    if not word or not word[0].isalpha():
        return False
    if any(ch.isupper() or ch.isdigit() for ch in word[1:]):
        return True
    if not capitals or not word[0].isupper():
        return False
    before = text[:start].rstrip(" \t*_([\"'“‘")
    return bool(before) and before[-1] not in _SENTENCE_END


def _first_letter_is_lower(text: str) -> bool:
    for ch in text:
        if ch.isalpha():
            return ch.islower()
    return False


def _after_number(text: str, offset: int) -> bool:
    """A match that starts inside a number-prefixed compound (LanguageTool splits it)."""
    return text[offset : offset + 1].isdigit() or (
        offset > 0 and (text[offset - 1].isdigit() or text[offset - 1] == "/")
    )


def _in_mojibake_word(text: str, start: int, end: int) -> bool:
    for a, b, _ in mojibake_spans(text):
        while a > 0 and not text[a - 1].isspace():
            a -= 1
        while b < len(text) and not text[b].isspace():
            b += 1
        if start < b and end > a:
            return True
    return False


@register
class LanguageToolCheck(Check):
    code = "LT001"
    name = "languagetool"
    summary = (
        "LanguageTool grammar, spelling and style matches in the translation; severity and "
        "fix safety per rule (docs/languagetool.md): a doubled word is an error, a spelling "
        "suggestion display-only"
    )
    severity = Severity.WARNING
    fix = FixSafety.UNSAFE
    example = ("Customer-oriented", "Gebruikergericht")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        return merge_repeats(list(self._matches(unit, ctx)), unit.msgstr)

    def _matches(self, unit: Unit, ctx: CheckContext) -> Iterator[Finding]:
        profile = find_profile(ctx.target_lang)
        for match, verdict in judged_matches(unit, ctx):
            if verdict not in (None, MISSPELLED):
                continue  # accepted, or LT002's compound of dictionary words
            flagged = unit.msgstr[match.offset : match.end]
            suggestion = match.replacements[0] if match.replacements else None
            severity, fix = severity_for(match, profile), fix_for(unit.msgstr, match, profile)
            if _pronoun_in_source(unit, match, profile):
                severity, fix = Severity.WARNING, FixSafety.UNSAFE
            yield self.finding(
                unit,
                f"{match.message.rstrip()} ({flagged!r})" if flagged.strip() else match.message,
                match.offset,
                match.end,
                suggestion,
                severity=severity,
                fix=fix if suggestion is not None else None,
                rule=match.rule_id,
            )

    @staticmethod
    def is_noise(unit: Unit, match: LTMatch) -> bool:
        if match.end > len(unit.msgstr):
            return True  # results for another text: never report a wrong span
        if inside(untouchable_ranges(unit.msgstr), match.offset, match.end):
            return True  # code, a URL, [!DNL …], a file name: not words of the translation
        if is_spelling(match):
            flagged = unit.msgstr[match.offset : match.end]
            if flagged.startswith("-"):  # "-bestand" after `code` or [!DNL ...]: not a word
                return True
            if flagged[:1] in _SIGILS:  # "$linkTypes", "@media": code outside backticks
                return True
            if _after_number(unit.msgstr, match.offset):  # "24/7-ondersteuning", "3D-weergave"
                return True
        elif _compound_goes_on(unit.msgstr, match.end):
            return True  # "het root `Query`-type": the article is the compound's, not root's
        if _in_mojibake_word(unit.msgstr, match.offset, match.end):
            return True  # ENC001 reports the cause; LanguageTool only sees its symptoms
        return match.rule_id in _SENTENCE_START_RULES and _first_letter_is_lower(unit.msgid)


@register
class UnattestedCompoundCheck(Check):
    """LT002: a word the speller does not know, made of the language's dictionary words.

    Spelling cannot tell a correct compound that dictionaries do not list
    (``ontwikkelaarsgids``) from a word-for-word calque of an English compound
    (``erfenisprojecten`` for *legacy projects*, ``flardhulpmiddel`` for *patch tool*): both
    are well-formed. Measured on the Dutch corpus, about half of them are calques
    (docs/checks.md): too few for LT001's precision, too many to drop. They are reported
    apart, as info, and only on request (``--select LT002``), for a reviewer who reads
    them with the source.
    """

    code = "LT002"
    name = "unattested-compound"
    summary = (
        "a compound of dictionary words that the speller does not know: a correct but "
        "unlisted word, or a word-for-word calque of the English"
    )
    severity = Severity.INFO
    fix = FixSafety.DISPLAY_ONLY
    example = ("legacy projects", "erfenisprojecten")
    opt_in = True  # about half are correct words (docs/checks.md): --select LT002

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        return merge_repeats(list(self._matches(unit, ctx)), unit.msgstr)

    def _matches(self, unit: Unit, ctx: CheckContext) -> Iterator[Finding]:
        for match, verdict in judged_matches(unit, ctx):
            if verdict != COMPOUND:
                continue
            flagged = unit.msgstr[match.offset : match.end]
            yield self.finding(
                unit,
                f"{flagged!r} is no dictionary word but a compound of dictionary words: "
                "check that it is the usual word for the source, not a word-for-word calque",
                match.offset,
                match.end,
                rule=match.rule_id,
            )


def judged_matches(unit: Unit, ctx: CheckContext) -> Iterator[tuple[LTMatch, str | None]]:
    """The unit's LanguageTool matches that are not switched off and not noise, each with
    what spelling says of it (:meth:`_Documented.verdict`; None for other rules)."""
    matches = ctx.languagetool.get(unit.msgstr, ())
    if not matches:
        return
    disabled = effective_disabled_rules(ctx.options, ctx.target_lang)
    capitals = capitals_mark_names(ctx.target_lang)
    documented: _Documented | None = None
    for match in matches:
        if not isinstance(match, LTMatch) or match.rule_id in disabled:
            continue
        if LanguageToolCheck.is_noise(unit, match):
            continue
        documented = documented or _Documented(unit, ctx, find_profile(ctx.target_lang))
        if not is_spelling(match):
            if not documented.is_term(match):  # "Checkout" is the termbase's word
                yield match, None
            continue
        yield match, documented.verdict(match, capitals)


def _compound_goes_on(text: str, end: int) -> bool:
    """Whether the word ending at *end* goes on as a compound or a file name: a hyphen or
    ``.`` and a letter right after it, or a hyphen after inline code that follows it
    (``root `Query`-type``)."""
    if end <= 0 or end >= len(text) or not text[end - 1].isalpha():
        return False
    after = text[end:]
    if after[0] in "-\u2010\u2011" or (after[0] == "." and after[1:2].isalpha()):
        return True
    spaced = end + len(after) - len(after.lstrip(" "))
    for a, b in untouchable_ranges(text):
        if a == spaced:  # MT may space it: "root `Query` -type"
            return text[b:].lstrip(" ")[:1] in ("-", "\u2010", "\u2011")
    return False


#: One word, letters and inner hyphens or apostrophes.
_ONE_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

#: What :class:`_Documented` says of a spelling match.
ACCEPTED, COMPOUND, MISSPELLED = "accepted", "compound", "misspelled"


class _Documented:
    """What spelling accepts in one unit: the source segment's words, the termbase's terms
    and names, the project's word list and the profile's dictionary (:mod:`locqa.spelling`).
    Made once per unit with a spelling match, the termbase's part once per context."""

    def __init__(self, unit: Unit, ctx: CheckContext, profile: LanguageProfile | None) -> None:
        self.unit = unit
        self.lexicon: Lexicon = ctx.spelling or (
            _default_lexicon(profile) if profile is not None else NO_LEXICON
        )
        self.known = self.lexicon.documented(words_of(unit.msgid))
        self.terms = _term_stems(ctx, self.lexicon)
        self.deprecated = _term_stems(ctx, self.lexicon, deprecated=True)
        self.single_terms = _term_stems(ctx, self.lexicon, whole=True)
        self.phrases = _term_phrases(ctx)
        self.elision = profile.spelling.elision if profile is not None else ()

    def is_term(self, match: LTMatch) -> bool:
        """Whether the match flags exactly one word that is an accepted termbase term (or a
        do-not-translate name) in any inflection: terminology is the termbase's to decide,
        not a style rule's (German ``CHECK_OUT`` on *Checkout*)."""
        word = self.unit.msgstr[match.offset : match.end]
        if " " in word.strip() and word.strip().lower() in self.phrases:
            return True  # "carte cadeau" as the termbase writes it (TRAIT_UNION)
        if not self.single_terms or not _ONE_WORD.fullmatch(word):
            return False
        if any(r.lower() == word.lower() for r in match.replacements):
            return False  # a capital at a sentence start: the term is written wrong
        return not stems(word, self.lexicon.endings).isdisjoint(self.single_terms)

    def verdict(self, match: LTMatch, capitals: bool) -> str:
        """:data:`ACCEPTED`, :data:`COMPOUND` (LT002's) or :data:`MISSPELLED` (LT001's)."""
        text = self.unit.msgstr
        word = text[match.offset : match.end]
        elided = word.endswith("-") and _elided(text[match.end :], self.elision)
        if self.lexicon.accepts(word, self.known, self.terms, match.replacements, elided=elided):
            return ACCEPTED
        end = match.end - 1 if elided else match.end  # "GraphQL- en REST-API's"
        if is_name(text, match.offset, end, capitals):
            # a product name, unless it is a documented word mistyped ("Navigaton")
            if not self.lexicon.near_miss(text[match.offset : end], self.known):
                return ACCEPTED
        elif not elided and self.lexicon.word_compound(
            word, self.known, match.replacements, self.deprecated
        ):
            return COMPOUND
        return MISSPELLED


def _elided(after: str, words: Collection[str]) -> bool:
    """Whether *after* (the text after a word ending in a hyphen) continues with a word
    that makes the hyphen stand for a shared part: ``xml- en PHP-bestanden``."""
    rest = after.lstrip()
    if rest[:1] in (",", "/"):
        return True
    head = rest.split(maxsplit=1)[0] if rest else ""
    return after[:1].isspace() and head.lower() in words


def _term_phrases(ctx: CheckContext) -> frozenset[str]:
    """The termbase's accepted terms of several words in the target language, lowercase."""
    termbase = ctx.termbase
    if termbase is None:
        return frozenset()
    key = f"LT001:phrases:{termbase.digest}:{ctx.target_lang}"
    found = ctx.memo.get(key)
    if found is None:
        found = frozenset(
            t.text.lower()
            for concept in termbase
            for t in concept.accepted(ctx.target_lang)
            if " " in t.text.strip()
        )
        ctx.memo.put(key, found)
    return frozenset(found)


def _term_stems(
    ctx: CheckContext, lexicon: Lexicon, deprecated: bool = False, whole: bool = False
) -> frozenset[str]:
    """The stems of the termbase's accepted terms in the target language and of its
    do-not-translate names: accepted as whole words in any inflection. *deprecated*: the
    stems of its deprecated terms instead, which are never a correct compound (LT002).
    *whole*: only of the terms that are one word (*Checkout*, not the *opnieuw* of
    *opnieuw bestellen*)."""
    termbase = ctx.termbase
    if termbase is None:
        return frozenset()
    key = f"LT001:terms:{deprecated}:{whole}:{termbase.digest}:{id(lexicon)}"
    found = ctx.memo.get(key)
    if found is None:
        words: list[str] = []
        for concept in termbase:
            if deprecated:
                words.extend(
                    w for t in concept.deprecated(ctx.target_lang) for w in words_of(t.text)
                )
                continue
            texts = [t.text for t in concept.accepted(ctx.target_lang)]
            if concept.dnt:
                texts += [t.text for t in concept.accepted(ctx.source_lang)]
            for text in texts:
                parts = list(words_of(text))
                if not whole or len(parts) == 1:
                    words.extend(parts)
        found = lexicon.terms(w for w in words if len(w) > 2)
        ctx.memo.put(key, found)
    return frozenset(found)
