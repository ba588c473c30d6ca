"""LT001: LanguageTool's grammar, spelling and style matches, one finding per match.

The runner checks every msgstr with LanguageTool in batches before the checks run and
puts the results in ``ctx.languagetool`` (msgstr → list of :class:`LTMatch`); this check
only turns matches into findings, so it stays pure.

Severity follows LanguageTool's issue type: misspellings, grammar and other errors of
substance are warnings; style, typography, whitespace and uncategorised hints are info.

Options (``ctx.options``):

* ``languagetool_disabled_rules``: rule ids to drop, on top of
  :data:`~locqa.languagetool.rules.DEFAULT_DISABLED_RULES`;
* ``languagetool_enabled_rules``: rule ids to keep even if disabled by default.

Two source-aware filters keep structural noise out:

* a spelling match on a *name* (a capitalised word that does not start a sentence, or a
  word with a capital or digit inside: ``Workbench``, ``TablesPlus``, ``GraphQLAPI``) is
  dropped: product names are not Dutch words, and Dutch capitalises nothing else
  mid-sentence;
* a spelling match on a fragment starting with a hyphen (``-bestand`` after inline code)
  is dropped: it is the tail of a compound whose head LanguageTool did not see;
* "sentence does not start with a capital" is dropped when the source segment does not
  start with a capital either (list items and table cells that continue a sentence).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..findings import Finding, FixSafety, Severity
from ..languagetool.match import LTMatch
from ..languagetool.rules import effective_disabled_rules
from ..markup import inside, untouchable_ranges
from .base import Check, CheckContext, Unit, register
from .encoding import mojibake_spans

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
_SENTENCE_END = ".!?:\n"
_WORD = re.compile(r"[^\W_]+")  # the word itself, without "'s", "&#39;s" or "-suffix"


def severity_for(match: LTMatch) -> Severity:
    return Severity.WARNING if match.issue_type in WARNING_ISSUE_TYPES else Severity.INFO


def is_name(text: str, start: int, end: int) -> bool:
    """True when ``text[start:end]`` looks like a proper name rather than a Dutch word."""
    word = text[start:end]
    core = _WORD.match(word)
    word = core.group() if core else ""
    if not word or not word[0].isalpha():
        return False
    if any(ch.isupper() or ch.isdigit() for ch in word[1:]):
        return True
    if not word[0].isupper():
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
    summary = "LanguageTool grammar, spelling, compound and style matches in the translation"
    severity = Severity.WARNING
    fix = FixSafety.UNSAFE
    example = ("Customer-oriented", "Gebruikergericht")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        matches = ctx.languagetool.get(unit.msgstr, ())
        if not matches:
            return
        disabled = effective_disabled_rules(ctx.options)
        for match in matches:
            if not isinstance(match, LTMatch) or match.rule_id in disabled:
                continue
            if self._is_noise(unit, match):
                continue
            flagged = unit.msgstr[match.offset : match.end]
            yield self.finding(
                unit,
                f"{match.message.rstrip()} ({flagged!r})" if flagged.strip() else match.message,
                match.offset,
                match.end,
                match.replacements[0] if match.replacements else None,
                severity=severity_for(match),
                rule=match.rule_id,
            )

    @staticmethod
    def _is_noise(unit: Unit, match: LTMatch) -> bool:
        if match.end > len(unit.msgstr):
            return True  # results for another text: never report a wrong span
        if inside(untouchable_ranges(unit.msgstr), match.offset, match.end):
            return True  # code, a URL, [!DNL …], a file name: not words of the translation
        if match.issue_type == "misspelling":
            flagged = unit.msgstr[match.offset : match.end]
            if flagged.startswith("-"):  # "-bestand" after `code` or [!DNL ...]: not a word
                return True
            if is_name(unit.msgstr, match.offset, match.end):
                return True
            if _after_number(unit.msgstr, match.offset):  # "24/7-ondersteuning", "3D-weergave"
                return True
        if _in_mojibake_word(unit.msgstr, match.offset, match.end):
            return True  # ENC001 reports the cause; LanguageTool only sees its symptoms
        return match.rule_id in _SENTENCE_START_RULES and _first_letter_is_lower(unit.msgid)
