"""Meaning checks (MNG): errors of sense that no termbase entry names, found by comparing
what both sides of a unit say.

MNG001 and MNG002 compare negation; MNG005 finds constructions machine translation copies
from English (a pattern file per language). Which words negate is data: the ``[meaning]``
table of each language profile (:class:`locqa.lang.Meaning`). An entry is a word matched whole and
case-insensitively in a spaced script, a substring in a spaceless one (Japanese, Chinese);
``*`` at its start or end stands for the rest of a word (``*n't``, ``n'*``, ``kein*``), and
an entry of several words matches them with any spacing between. Words are looked for in
the *prose* of a segment (:func:`statement`): code, URLs and ``[!DNL ...]`` names are no
statements; emphasised words are.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from .. import markup
from ..findings import Finding, Severity
from ..lang import Calque, LanguageProfile, find_profile
from .base import Check, CheckContext, Unit, register
from .translation import comparable

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "ʼ": "'"})
# Markdown emphasis with underscores (_Not Logged In_): its underscores become spaces, so
# that the words inside are prose, not an identifier (offsets kept)
_EMPHASIS = re.compile(r"(?<![^\W_])_(?=[^\s_])([^_\n]*?[^\s_])_(?![^\W_])")


def statement(text: str) -> str:
    """The prose of *text* whose words are statements: emphasis kept, code and names not."""
    opened = _EMPHASIS.sub(lambda m: f" {m.group(1)} ", text)
    return markup.prose(opened)


def _pattern(entries: Sequence[str], spaceless: bool) -> re.Pattern[str] | None:
    """One regular expression for a word list (see the module docstring)."""
    parts: list[str] = []
    for entry in sorted(set(entries), key=len, reverse=True):
        word = entry.translate(_APOSTROPHES).strip("*")
        if not word:
            continue
        body = r"\s+".join(re.escape(w) for w in word.split())
        if spaceless:
            parts.append(body)
            continue
        # letters and digits bound a word, "_" does not: Markdown emphasis (_Not Logged In_)
        head = r"[^\W_]*" if entry.startswith("*") else r"(?<![^\W_])"
        tail = r"[^\W_]*" if entry.endswith("*") else r"(?![^\W_])"
        parts.append(head + body + tail)
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


@dataclass(frozen=True)
class NegationWords:
    """A language's negation lists compiled for searching prose."""

    negations: re.Pattern[str] | None
    affixes: re.Pattern[str] | None
    exceptions: re.Pattern[str] | None
    implicit: re.Pattern[str] | None

    def _plain(self, text: str) -> str:
        text = text.translate(_APOSTROPHES)
        if self.exceptions is None:
            return text
        return self.exceptions.sub(lambda m: " " * len(m.group()), text)

    def mentions(self, text: str) -> bool:
        """Whether *text* has any word or part of a word of the lists, the exceptions'
        included ("not only" mentions a negation though it negates nothing)."""
        raw = text.translate(_APOSTROPHES)
        return any(
            p is not None and p.search(raw) is not None
            for p in (self.negations, self.affixes, self.implicit)
        )

    def explicit(self, text: str) -> list[re.Match[str]]:
        """The negation words of *text* (its prose)."""
        if self.negations is None:
            return []
        return list(self.negations.finditer(self._plain(text)))

    def any_negation(self, text: str) -> bool:
        """Whether *text* negates in any way the lists know: a negation word, a negating
        part of a word, or a word with a negation in its meaning (looked for before the
        exceptions are taken out: "no-code" is one)."""
        plain = self._plain(text)
        if self.implicit is not None and self.implicit.search(text.translate(_APOSTROPHES)):
            return True
        return any(
            p is not None and p.search(plain) is not None for p in (self.negations, self.affixes)
        )


@functools.cache
def negation_words(profile: LanguageProfile) -> NegationWords:
    spaceless = profile.tokens.segmentation != "spaces"
    meaning = profile.meaning
    return NegationWords(
        negations=_pattern(meaning.negations, spaceless),
        affixes=_pattern(meaning.negation_affixes, spaceless),
        exceptions=_pattern(meaning.negation_exceptions, spaceless),
        implicit=_pattern(meaning.implicit_negations, spaceless),
    )


def _negations(
    unit: Unit, ctx: CheckContext
) -> tuple[str, str, NegationWords, NegationWords] | None:
    """Both sides' prose and negation lists, or None when the unit is not compared: a
    language without negation data, an empty or copied translation (TRN001's business)."""
    source_profile = find_profile(ctx.source_lang)
    target_profile = find_profile(ctx.target_lang)
    if source_profile is None or target_profile is None:
        return None
    source_words = negation_words(source_profile)
    target_words = negation_words(target_profile)
    if source_words.negations is None or target_words.negations is None:
        return None
    target = statement(unit.msgstr)
    if not target.strip() or comparable(unit.msgid) == comparable(unit.msgstr):
        return None
    return statement(unit.msgid), target, source_words, target_words


@register
class NegationMissing(Check):
    """The source negates and the translation does not: machine translation drops a "not"
    or "no", inverting an instruction or a bug description ("as non-complex as possible"
    rendered "as complex as possible"; "without scaling maintenance cost" rendered "scale
    maintenance cost"). The source's negation words (``not``, ``no``, ``never``,
    ``without``, ``*n't``) are looked for in the translation's language as its profile
    lists them (Dutch ``niet``, ``geen``, ``zonder``; German ``nicht``, ``kein*``; French
    ``ne``, ``n'*``, ``sans``; Japanese ない, ません; Chinese 不, 没有). A negating part of a
    word answers a negation (Dutch ``on*``, Japanese 不要, 以外); so do the idioms the
    source's profile lists as exceptions ("not only", "not uncommon", "no more than", "at
    no additional charge"). One finding per unit; the reviewer compares the sentences. A
    translation that keeps the English negation word is English left in (TRN002)."""

    code = "MNG001"
    name = "negation-missing"
    summary = "the source negates and the translation has no negation"
    severity = Severity.WARNING
    fix = None
    example = (
        "Keep the customizations as non-complex as possible.",
        "Houd de aanpassingen zo complex mogelijk.",
    )

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        compared = _negations(unit, ctx)
        if compared is None:
            return []
        source, target, source_words, target_words = compared
        said = source_words.explicit(source)
        if not said or target_words.any_negation(target):
            return []
        if source_words.explicit(target):
            return []  # the English negation word is still there: English left in
        words = ", ".join(dict.fromkeys(f'"{m.group()}"' for m in said))
        return [
            self.finding(
                unit,
                f"the source negates ({words}) but the translation has no negation: "
                "check that its meaning is not inverted",
            )
        ]


@register
class NegationAdded(Check):
    """The translation negates and the source does not. Opt-in (``--select MNG002``): a
    translation often says with a negation what English says with a word that carries one
    ("seamlessly" as "without problems", "while remaining safe" as "without compromising
    safety"); the words the source's profile lists as implicit negations (``unable``,
    ``prevent*``, ``new to``, ``*less*``) are no finding, but many more renderings are
    right (0 of 12 real before those lists, docs/precision)."""

    code = "MNG002"
    name = "negation-added"
    summary = "the translation negates and the source has no negation"
    severity = Severity.INFO
    fix = None
    opt_in = True
    example = ("Updates are frequent", "Updates komen niet vaak voor")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        compared = _negations(unit, ctx)
        if compared is None:
            return []
        source, target, source_words, target_words = compared
        rendered = target_words.explicit(target)
        if not rendered or source_words.mentions(source):
            return []
        first = rendered[0]
        return [
            self.finding(
                unit,
                f'the translation negates ("{first.group()}") but the source has no '
                "negation: check that its meaning is not inverted",
                first.start(),
                first.end(),
            )
        ]


class CalqueMatcher:
    """A language's calque patterns compiled into one spaCy Matcher over its tokenizer."""

    def __init__(self, nlp: Any, calques: Sequence[Calque]) -> None:
        from spacy.matcher import Matcher

        self.nlp = nlp
        self.matcher = Matcher(nlp.vocab)
        self.calques = {c.id: c for c in calques}
        for calque in calques:
            self.matcher.add(calque.id, [[dict(token) for token in calque.pattern]])

    def find(self, text: str) -> list[tuple[Calque, int, int]]:
        """(calque, start, end) of each match in *text*, longest first where they overlap."""
        from spacy.util import filter_spans

        doc = self.nlp.make_doc(text)
        spans = [
            _labelled(doc, start, end, self.nlp.vocab.strings[key])
            for key, start, end in self.matcher(doc)
        ]
        kept = sorted(filter_spans(spans), key=lambda span: span.start_char)
        return [(self.calques[span.label_], span.start_char, span.end_char) for span in kept]


def _labelled(doc: Any, start: int, end: int, label: str) -> Any:
    from spacy.tokens import Span

    return Span(doc, start, end, label=label)


@register
class MachineCalque(Check):
    """A construction machine translation copies from English word for word and a native
    writer never uses: Dutch "Leer hoe te ..." for "learn how to", "om het even welke" for
    "any". The constructions are data, a pattern file per language named by its profile
    (``meaning.calques``, e.g. ``nl-calques.toml``): spaCy Matcher token patterns over the
    language's tokenizer, each with the English it copies, a message saying how to write it,
    an example it matches and a correct rewrite it does not (``tests/test_meaning_checks.py``
    runs both for every pattern). Patterns see the prose: code, URLs and names are blanked.
    A language without a pattern file is not checked."""

    code = "MNG005"
    name = "calque"
    summary = "a construction machine translation copies from English word for word"
    severity = Severity.WARNING
    fix = None
    example = ("Learn how to install the module.", "Leer hoe te om de module te installeren.")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        found = find_profile(ctx.target_lang)
        if found is None or not found.meaning.calques or ctx.nlp is None:
            return []
        key = f"MNG005 {found.code}"
        matcher = ctx.memo.get(key)
        if matcher is None:
            matcher = CalqueMatcher(ctx.nlp.get(found.code), found.meaning.calques)
            ctx.memo.put(key, matcher)
        text = statement(unit.msgstr)
        return [
            self.finding(unit, calque.message, start, end, rule=calque.id)
            for calque, start, end in matcher.find(text)
        ]


__all__ = [
    "CalqueMatcher",
    "MachineCalque",
    "NegationAdded",
    "NegationMissing",
    "NegationWords",
    "negation_words",
]
