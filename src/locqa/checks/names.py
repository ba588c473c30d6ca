"""Product and feature names the project keeps in English, altered or broken up in one place
(MNG004). Which runs of capitalised source words are names is learned from the project: a
run that the translations keep verbatim in most of the units whose source has it is a name
("Page Builder", "Adobe Commerce as a Cloud Service"); a title in title case that is
translated everywhere is not.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from typing import ClassVar

from .. import markup
from ..findings import Finding, FixSafety, Severity
from ..lang import find_profile
from .base import Check, CheckContext, CorpusCheck, Unit, register
from .meaning import statement
from .profile_needs import missing_profile_data
from .translation import in_vocabulary, is_english_name, sentence_starts, target_vocabulary, words

#: A name: seen in at least this many units, kept verbatim in at least this share of them.
MIN_UNITS = 3
KEPT_SHARE = 0.7
#: Words of a name shorter than this say nothing when they are kept alone ("of", "I").
MIN_WORD = 3

_CAPITALISED = r"(?:[A-Z][A-Za-z0-9]*(?:['’][A-Za-z]+)?|[A-Z]{2,}[a-z]?)"
_WORD = re.compile(r"[A-Za-z0-9]+")


_STOPS = ".!?:;"
_OPENERS = '(["“‘*_'


def starts_sentence(prose: str, start: int) -> bool:
    """Whether *start* begins a sentence, a line, or a bracketed, quoted or emphasised
    phrase of *prose*: the text start; after ``.!?:;`` and a space; after a line break and
    any spaces; after an opening bracket, quote or emphasis mark and any spaces. Looks back
    over the spaces before *start* only (each name costs its own length, not the text's)."""
    if start == 0:
        return True
    i = start
    while i > 0 and prose[i - 1].isspace():
        i -= 1
    if "\n" in prose[i:start]:
        return True
    if i == 0:
        return False
    before = prose[i - 1]
    return (before in _STOPS and i < start) or before in _OPENERS


@functools.cache
def _name_pattern(connectors: tuple[str, ...]) -> re.Pattern[str]:
    # the words of a name are joined by one space: blanked code or a line break ends it
    joiner = " "
    if connectors:
        words = "|".join(re.escape(c) for c in sorted(connectors, key=len, reverse=True))
        joiner = rf"(?: (?:{words})(?: (?:{words}))* | )"
    return re.compile(rf"(?<![\w/\-.]){_CAPITALISED}(?:{joiner}{_CAPITALISED})+(?![\w\-/])")


def source_names(text: str, connectors: tuple[str, ...]) -> set[str]:
    """The runs of two or more capitalised words in *text*'s prose; a run that starts a
    sentence also without its first word, which may be capitalised only as the first
    ("Use API Mesh" has the name "API Mesh")."""
    prose = markup.prose(text)
    pattern = _name_pattern(connectors)
    found: set[str] = set()
    for match in pattern.finditer(prose):
        found.add(match.group())
        if starts_sentence(prose, match.start()):
            rest = pattern.search(prose, match.start() + match.group().index(" ") + 1, match.end())
            if rest is not None and rest.end() == match.end():
                found.add(rest.group())
    return found


def _loose(name: str) -> re.Pattern[str]:
    """*name* with any case and any spacing or hyphens between and inside its words."""
    parts = [r"[\s\-‑]*".join(re.escape(ch) for ch in word) for word in name.split()]
    return re.compile(r"[\s\-‑]*".join(parts), re.IGNORECASE)


def _spaced(text: str) -> str:
    """*text* with every kind of space (no-break, narrow, ideographic) as a plain space."""
    return re.sub(r"[^\S\n]", " ", text)


def _whole_word(word: str, text: str) -> re.Match[str] | None:
    return re.search(rf"(?<![A-Za-z0-9]){re.escape(word)}(?![A-Za-z0-9])", text)


@register
class NameAltered(CorpusCheck):
    """A product or feature name that the project's translations keep in English (verbatim
    in most places its source has it) is altered here (another case, spacing or hyphen:
    "Salesforce Commerce cloud", "Adobe Developer-console") or broken up, part of it kept and
    the rest translated ("Pagina Builder" for *Page Builder*, "Edge-leveringsservices" for
    *Edge Delivery Services*). A name set in capitals in a heading, and, in a language that
    writes compounds as one word, a name joined to one by hyphens ("Adobe
    Commerce-Cloud-Projekt"), are no finding. Names are learned, not listed: a run of two or more
    capitalised source words (joined by the source profile's ``meaning.name_connectors``:
    "API Mesh for App Builder") seen in at least three units and kept verbatim in at least
    70 % of them; a connector translated is no finding ("API Mesh voor App Builder"). A
    translation that drops the name altogether is not judged (it may be another wording of
    the text). An altered name's fix (the name as written) is unsafe: a
    compound or inflection may need the hyphen."""

    code = "MNG004"
    name = "name-altered"
    summary = "a name the project keeps in English, altered or broken up here"
    severity = Severity.WARNING
    fix = FixSafety.UNSAFE
    example = ("Page Builder for developers", "Pagina Builder voor ontwikkelaars")
    docs_not_run = (
        "learns its names from every unit of the run (a name needs three units); the example"
        " shows the unit a finding is on"
    )

    def check_corpus(self, units: Sequence[Unit], ctx: CheckContext) -> Iterable[Finding]:
        source = find_profile(ctx.source_lang)
        connectors = source.meaning.name_connectors if source is not None else ()
        seen: Counter[str] = Counter()
        kept: Counter[str] = Counter()
        missing: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            if not unit.msgstr.strip() or unit.msgid.strip() == unit.msgstr.strip():
                continue
            target = _spaced(unit.msgstr)
            for name in source_names(unit.msgid, connectors):
                seen[name] += 1
                if name in target:
                    kept[name] += 1
                else:
                    missing[name].append(unit)
        target_profile = find_profile(ctx.target_lang)
        compounds = target_profile is not None and target_profile.terms.compounds
        established = sorted(
            (n for n in seen if seen[n] >= MIN_UNITS and kept[n] >= KEPT_SHARE * seen[n]),
            key=len,
            reverse=True,
        )
        findings: list[Finding] = []
        for name in established:
            others = [n for n in established if name not in n]
            for unit in missing.get(name, ()):
                found = self._judge(
                    unit, name, kept[name], seen[name], compounds, set(connectors), others
                )
                if found is not None:
                    findings.append(found)
        return findings

    def _judge(
        self,
        unit: Unit,
        name: str,
        kept: int,
        seen: int,
        compounds: bool,
        connectors: set[str],
        others: Sequence[str],
    ) -> Finding | None:
        target = markup.prose(_spaced(unit.msgstr))
        words_of_name = name.split()
        for other in others:
            if other not in target:
                continue
            if words_of_name[-len(other.split()) :] == other.split():
                return None  # a short form that is a name of its own: "App Builder"
            # another name kept whole is no part of this one: "Adobe" of an intact "Adobe
            # Edge Delivery Services" says nothing about "Adobe Commerce" (a capitalised word
            # right before the other name, a brand, goes with it)
            if not set(other.split()) <= set(words_of_name):
                target = re.sub(
                    rf"(?:(?<![\w-])[A-Z][\w-]* )?{re.escape(other)}",
                    lambda m: " " * len(m.group()),
                    target,
                )
        usual = f"kept as it is in {kept} of the {seen} places of the project that have it"
        altered = _loose(name).search(target)
        if altered is not None:
            written = altered.group()
            if written == name.upper():
                return None  # a heading set in capitals: the style, not the name
            if compounds and written.replace("-", " ").replace("‑", " ") == name:
                return None  # joined to a compound by hyphens (Adobe Commerce-Cloud-Projekt)
            return self.finding(
                unit,
                f"the name '{name}' is written '{altered.group()}' here; it is {usual}",
                altered.start(),
                altered.end(),
                suggestion=name,
            )
        words = [
            w for w in _WORD.findall(name) if len(w) >= MIN_WORD and w.lower() not in connectors
        ]
        hits = [(w, m) for w in words if (m := _whole_word(w, target)) is not None]
        if not hits or len(hits) == len(words):
            return None  # dropped or reworded altogether, or every word kept: not judged
        shown = ", ".join(f"'{w}'" for w, _ in hits)
        first = min(m.start() for _, m in hits)
        last = max(m.end() for _, m in hits)
        return self.finding(
            unit,
            f"the name '{name}' is broken up here (only {shown} kept, the rest translated); "
            f"it is {usual}",
            first,
            last,
        )


# ---------------------------------------------------------------- MNG008

_TARGET_WORD = r"[^\W\d_]+(?:['’-][^\W\d_]+)*"


@functools.cache
def _genitive_pattern(genitives: tuple[str, ...]) -> re.Pattern[str]:
    """A lowercase word, a genitive, then a capitalised word: the head noun, the joint and
    the capitalised common word of a name broken up ("gebieden van de Prijs")."""
    joints = "|".join(
        r"\s+".join(re.escape(w) for w in g.split())
        for g in sorted(genitives, key=len, reverse=True)
    )
    return re.compile(
        rf"(?<![^\W_])(?P<head>{_TARGET_WORD})\s(?:{joints})(?:\s|(?<=['’]))"
        rf"(?P<word>[^\W\d_a-z][^\W\d_A-Z]+)(?![^\W_])"
    )


@register
class NameBroken(Check):
    """A name of the source broken up word by word: a common word of the target language
    capitalised mid-sentence right after a genitive ("gebieden van de **Prijs**" for
    *Special Price fields*, "selecteur van de **Uitbreiding**" for *Expansion selector*,
    "pagina van **Meldingen**" for *Notifications page*). Dutch capitalises a common noun
    mid-sentence only as part of a name and writes a page or field name after the noun
    without a genitive ("de pagina Meldingen"); a capitalised word after one is the first
    word of an English title-case label the translation took apart. Judged only when the
    source capitalises a word mid-sentence; words copied from the source, names English
    writes capitalised and a capitalised word followed by another (a whole name, "van de
    Speciale Prijs") are no finding. The genitives are the target profile's
    ``meaning.genitives``; a language without them is not checked: German capitalises
    every noun, and French and Spanish write a name after "de" capitalised ("la página de
    Notificaciones")."""

    code = "MNG008"
    name = "name-broken"
    summary = "a source name taken apart: a common word capitalised after 'van de', 'de la'"
    severity = Severity.WARNING
    fix = None
    example = (
        "Complete the Special Price fields.",
        "Vul de Speciale gebieden van de Prijs in.",
    )

    #: The profile data it runs on: a language without genitives is not checked.
    needs_profile: ClassVar[tuple[str, ...]] = ("meaning.genitives",)

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        profile = find_profile(ctx.target_lang)
        if (
            profile is None
            or missing_profile_data(profile, self.needs_profile)
            or not unit.msgstr.strip()
        ):
            return []
        source = markup.prose(unit.msgid)
        source_words = {w.lower() for _s, _e, w in words(source)}
        starts = sentence_starts(source)
        if not any(w[0].isupper() and s not in starts for s, _e, w in words(source)):
            return []
        target = statement(unit.msgstr)  # an emphasised label is prose here
        vocabulary = target_vocabulary(ctx)
        suffixes = profile.words.suffixes
        out: list[Finding] = []
        for match in _genitive_pattern(profile.meaning.genitives).finditer(target):
            head, word = match.group("head"), match.group("word")
            after = target[match.end("word") :].lstrip(" ")
            if (
                not head[0].islower()
                or not (word[0].isupper() and word[1:].islower())
                or len(head) < MIN_WORD
                or word.lower() in source_words
                or is_english_name(word)
                or not in_vocabulary(word, vocabulary, suffixes)
                or (after[:1].isupper())
            ):
                continue
            start, end = match.start("head"), match.end("word")
            out.append(
                self.finding(
                    unit,
                    f"'{unit.msgstr[start:end]}' looks like a name of the source taken apart "
                    f"word by word ('{word}' capitalised mid-sentence); translate the name "
                    "as one label, or keep it as the product shows it",
                    start,
                    end,
                )
            )
        return out


__all__ = ["NameAltered", "NameBroken", "source_names"]
