"""Corpus-wide consistency: one source translated several ways (TRN006), several sources
translated one way (TRN007). Both need every unit of the run, so they are CorpusChecks.

Two translations that differ only in invisible characters (zero-width spaces, also written
as entities), entities, quotes or whitespace are the same translation. A source whose
translation is a copy of it (untranslated, TRN001's business) never sets the translation
the others should follow.
"""

from __future__ import annotations

import html
import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from .. import markup
from ..findings import Finding, FixSafety, Severity
from .base import CheckContext, CorpusCheck, Unit, register
from .translation import comparable, normalise, words

#: Segments with fewer prose words than this are too short to compare (TRN007).
AMBIGUOUS_MIN_WORDS = 3
#: TRN006 suggests the majority translation only when it has at least this many uses and
#: at least :data:`SUGGEST_MARGIN` times as many as the next translation.
SUGGEST_MIN_COUNT = 3
SUGGEST_MARGIN = 2
#: TRN007: two sources whose content words overlap at least this much (Jaccard) are two
#: wordings of one text and may share a translation, unless one has a name, number or
#: code the other lacks. (One word replaced in a short title is not enough: "Bulk orders"
#: and "Summary orders" are different texts.)
EQUIVALENT_SOURCES = 0.75
#: TRN007: a source translated the same way every time, at least this often, is a
#: deliberate (translation memory) rendering, not an accident.
DELIBERATE_MIN_COUNT = 2
#: The usual length of a Dutch translation relative to its English source (commerce-learn
#: median of target/source prose characters); TRN007 prefers the source that fits it.
TYPICAL_LENGTH_RATIO = 1.1

# link targets, bare URLs, {attribute lists}
_NOT_TEXT = re.compile(r"\]\([^)]*\)|https?://\S+|\{[^{}\n]*\}")
_CONTRACTION = re.compile(r"['’](?:ll|re|ve|d|s|m|t)$|n['’]t$", re.IGNORECASE)
_INVARIANT = re.compile(
    r"\b\w+(?:[./_]\w+)+\b|\b[A-Za-z][a-z]*[A-Z0-9][A-Za-z0-9]*\b|\b[A-Z]{2,}\b|\d+"
)


def _visible(text: str) -> str:
    """*text* without format and control characters (zero-width spaces, joiners, bidi)."""
    return "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch)[0] != "C")


def _key(text: str) -> str:
    """Whitespace collapsed, entities decoded, curly quotes straightened, invisible
    characters dropped."""
    return normalise(_visible(comparable(text))) if text.strip() else ""


def _literal_key(text: str) -> str:
    """Like :func:`_key`, but code, URLs and names in the text count: two translations
    that differ in a file name are different translations."""
    plain = html.unescape(text).replace("’", "'").replace("“", '"').replace("”", '"')
    return normalise(_visible(plain))


def _content_words(text: str, ctx: CheckContext) -> list[str]:
    """Source text reduced to its content-word lemmas: differences only in markup, case,
    inflection, contraction, punctuation or function words do not count."""
    from spacy.lang.en.stop_words import STOP_WORDS

    pipes = ctx.nlp
    out = []
    for _s, _e, word in words(markup.prose(text)):
        low = _CONTRACTION.sub("", word.lower())
        lemma = pipes.lemma(low, ctx.source_lang) if pipes is not None and low else low
        if not low or low in STOP_WORDS or lemma in STOP_WORDS:
            continue
        out.append(lemma)
    return out


def _content_key(text: str, ctx: CheckContext) -> tuple[str, ...]:
    return tuple(sorted(_content_words(text, ctx)))


def _location(unit: Unit) -> str:
    return f"{unit.path}:{unit.line}" if unit.path else "elsewhere"


def _raw_choice(texts: Iterable[str]) -> str:
    """The text to suggest among raw spellings of one translation: the most frequent one
    without entities or invisible characters, else the most frequent."""
    counts = Counter(texts)
    clean = [t for t in counts if _visible(t) == t and not markup.constructs(t, "entity")]
    pool = clean or list(counts)
    return max(pool, key=lambda t: (counts[t], t))


@register
class InconsistentTranslation(CorpusCheck):
    """One source text translated in different ways across the corpus. Variants that differ
    only in invisible characters, entities, quotes or whitespace are one translation; an
    untranslated copy of the source never counts as the translation to follow. The majority
    translation is suggested only when it is clearly the established one (at least 3 uses,
    twice as many as the next)."""

    docs_not_run = "compares every unit of the run across articles; the example shows two units"

    code = "TRN006"
    name = "inconsistent-translation"
    summary = "the same source text is translated differently across the corpus"
    severity = Severity.INFO
    fix = FixSafety.UNSAFE
    example = (
        "Frequently asked questions",
        "Vaak gestelde vragen (elsewhere: Veelgestelde vragen)",
    )

    def check_corpus(self, units: Sequence[Unit], ctx: CheckContext) -> Iterable[Finding]:
        groups: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            if unit.msgid.strip() and unit.msgstr.strip():
                groups[normalise(unit.msgid)].append(unit)
        out: list[Finding] = []
        for group in groups.values():
            variants = Counter(_key(u.msgstr) for u in group)
            if len(variants) < 2:
                continue
            copy = _key(group[0].msgid)
            ranked = [(v, n) for v, n in variants.most_common() if v != copy]
            majority = None
            if ranked and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]):
                majority = ranked[0][0]
            top_count = variants[majority] if majority is not None else 0
            runner_up = max((n for v, n in variants.items() if v != majority), default=0)
            example = {_key(u.msgstr): u for u in group}
            majority_text = None
            if majority is not None:
                majority_text = _raw_choice(u.msgstr for u in group if _key(u.msgstr) == majority)
            suggest = (
                majority_text is not None
                and top_count >= SUGGEST_MIN_COUNT
                and top_count >= SUGGEST_MARGIN * runner_up
            )
            for unit in group:
                mine = _key(unit.msgstr)
                if mine == majority:
                    continue
                if majority is not None and majority_text is not None:
                    where = _location(example[majority])
                    message = (
                        f"this source is translated {top_count}× as {majority_text!r} (e.g. "
                        f"{where}); use one translation"
                    )
                    if suggest:
                        out.append(self.finding(unit, message, 0, len(unit.msgstr), majority_text))
                    else:
                        out.append(self.finding(unit, message))
                else:
                    others = sorted(v for v in variants if v != mine)
                    out.append(
                        self.finding(
                            unit,
                            f"this source is also translated as {others[0]!r}"
                            + (f" and {len(others) - 1} other way(s)" if len(others) > 1 else "")
                            + "; choose one translation",
                        )
                    )
        return out


@register
class AmbiguousTranslation(CorpusCheck):
    """Different source texts given the same translation: at most one of them can be what
    the translation says. Not reported: sources that are two wordings of one text (content
    words overlapping at least 75%, no name, number or code of one missing from the other);
    a pair of sources each translated this way every time (a deliberate rendering from the
    translation memory); a unit whose source is mostly translated otherwise (TRN006 reports
    it) or whose translation lacks the source's inline code (TRN004 reports it). The source
    the translation fits best (its names, numbers and code and words it keeps, then the
    number of uses, then the length) owns the translation; the others are reported."""

    docs_not_run = "compares every unit of the run across articles; the example shows two units"

    code = "TRN007"
    name = "ambiguous-translation"
    summary = "different source texts are given the same translation across the corpus"
    severity = Severity.INFO
    fix = None
    example = ("Bulk orders", "Opsommingsopdrachten (also for: Summary orders)")

    def check_corpus(self, units: Sequence[Unit], ctx: CheckContext) -> Iterable[Finding]:
        translations: dict[str, Counter[str]] = defaultdict(Counter)
        for unit in units:
            if unit.msgid.strip() and unit.msgstr.strip():
                translations[normalise(unit.msgid)][_key(unit.msgstr)] += 1
        groups: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            prose_words = [w for _s, _e, w in words(markup.prose(unit.msgstr))]
            if len(prose_words) < AMBIGUOUS_MIN_WORDS:
                continue
            groups[_literal_key(unit.msgstr).casefold()].append(unit)
        out: list[Finding] = []
        for group in groups.values():
            by_source: dict[tuple[str, ...], list[Unit]] = defaultdict(list)
            for unit in group:
                by_source[_content_key(unit.msgid, ctx)].append(unit)
            if len(by_source) < 2:
                continue
            # the source the translation fits best owns it; report the other sources
            ranked = sorted(by_source.values(), key=lambda m: _fit(m, ctx), reverse=True)
            owner = ranked[0][0]
            for members in ranked[1:]:
                for unit in members:
                    if self._excused(unit, owner, translations, ctx):
                        continue
                    out.append(
                        self.finding(
                            unit,
                            f"this translation is also used for a different source: "
                            f"{normalise(owner.msgid)!r} ({_location(owner)}); check that "
                            "it renders this source",
                        )
                    )
        return out

    @staticmethod
    def _excused(
        unit: Unit, owner: Unit, translations: dict[str, Counter[str]], ctx: CheckContext
    ) -> bool:
        mine = _translated(translations, unit.msgid)
        theirs = _translated(translations, owner.msgid)
        key = _key(unit.msgstr)
        if mine.most_common(1)[0][0] != key or (
            len(mine) > 1 and mine.most_common(2)[1][1] == mine[key]
        ):
            return True  # this source is mostly translated otherwise: TRN006's finding
        if (
            len(mine) == 1
            and len(theirs) == 1
            and min(mine[key], theirs[key]) >= DELIBERATE_MIN_COUNT
        ):
            return True  # both always translated so: a deliberate rendering
        if _lost_markup(unit):
            return True  # TRN004 reports the pair
        return _equivalent(unit.msgid, owner.msgid, ctx)


def _translated(translations: dict[str, Counter[str]], msgid: str) -> Counter[str]:
    """How often each translation renders *msgid*, untranslated copies left out."""
    counts = translations[normalise(msgid)]
    copy = _key(msgid)
    kept = Counter({k: n for k, n in counts.items() if k != copy})
    return kept or counts


def _invariants(text: str) -> Counter[str]:
    """Names in capitals, with digits or inner capitals (API, B2B, GraphQL, genAI), numbers,
    file names and paths of *text* (link targets, URLs and attribute lists left out)."""
    plain = _NOT_TEXT.sub(" ", html.unescape(text))
    return Counter(m.group().lower() for m in _INVARIANT.finditer(plain))


def _lost_markup(unit: Unit) -> bool:
    """Whether inline code of the source is missing from the translation."""
    source = Counter(c.content.strip() for c in markup.constructs(unit.msgid, "code"))
    target = Counter(c.content.strip() for c in markup.constructs(unit.msgstr, "code"))
    return bool(source - target)


def _equivalent(a: str, b: str, ctx: CheckContext) -> bool:
    """Two sources that are wordings of one text: content words overlap at least
    :data:`EQUIVALENT_SOURCES`, and neither has a name, number or code the other lacks."""
    wa, wb = set(_content_words(a, ctx)), set(_content_words(b, ctx))
    if not wa or not wb:
        return False
    if len(wa & wb) / len(wa | wb) < EQUIVALENT_SOURCES:
        return False
    return not (_invariants(a) - _invariants(b)) and not (_invariants(b) - _invariants(a))


def _fit(members: Sequence[Unit], ctx: CheckContext) -> tuple[int, int, int, float, str]:
    """How well the shared translation renders these members' source: names, numbers and
    code of the source it keeps minus those it lacks; then the source's words it has
    verbatim (names, kept loanwords); then how many units use it; then how close its
    length is to the usual; then the source text (a stable order)."""
    unit = members[0]
    source, target = _invariants(unit.msgid), _invariants(unit.msgstr)
    kept = sum((source & target).values()) - sum((source - target).values())
    target_words = {w.lower() for _s, _e, w in words(markup.prose(unit.msgstr)) if len(w) > 2}
    shared = len({w.lower() for _s, _e, w in words(markup.prose(unit.msgid))} & target_words)
    src = max(len(normalise(markup.prose(unit.msgid))), 1)
    tgt = max(len(normalise(markup.prose(unit.msgstr))), 1)
    closeness = -abs(math.log(tgt / src / TYPICAL_LENGTH_RATIO))
    return (kept, shared, len(members), closeness, normalise(unit.msgid))
