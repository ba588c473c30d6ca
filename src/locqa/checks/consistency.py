"""Corpus-wide consistency: one source translated several ways (TRN006), several sources
translated one way (TRN007). Both need every unit of the run, so they are CorpusChecks.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from .. import markup
from ..findings import Finding, FixSafety, Severity
from .base import CheckContext, CorpusCheck, Unit, register
from .translation import comparable, normalise, words

#: Segments with fewer prose words than this are too short to compare (TRN007).
AMBIGUOUS_MIN_WORDS = 3


def _key(text: str) -> str:
    """Whitespace collapsed, entities decoded, curly quotes straightened."""
    return comparable(text) if text.strip() else ""


def _content_key(text: str, ctx: CheckContext) -> tuple[str, ...]:
    """Source text reduced to its content-word lemmas: differences only in markup, case,
    inflection, punctuation or function words do not make two sources different."""
    from spacy.lang.en.stop_words import STOP_WORDS

    pipes = ctx.nlp
    out = []
    for _s, _e, word in words(markup.prose(text)):
        low = word.lower()
        if low in STOP_WORDS:
            continue
        out.append(pipes.lemma(low, ctx.source_lang) if pipes is not None else low)
    return tuple(sorted(out))


def _location(unit: Unit) -> str:
    return f"{unit.path}:{unit.line}" if unit.path else "elsewhere"


@register
class InconsistentTranslation(CorpusCheck):
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
            (top, top_count), (_second, second_count) = variants.most_common(2)
            majority = top if top_count > second_count else None
            example = {_key(u.msgstr): u for u in group}
            majority_text = None
            if majority is not None:
                raw = Counter(u.msgstr for u in group if _key(u.msgstr) == majority)
                majority_text = raw.most_common(1)[0][0]
            for unit in group:
                mine = _key(unit.msgstr)
                if mine == majority:
                    continue
                if majority is not None:
                    where = _location(example[majority])
                    out.append(
                        self.finding(
                            unit,
                            f"this source is translated {top_count}× as {majority_text!r} (e.g. "
                            f"{where}); use one translation",
                            0,
                            len(unit.msgstr),
                            majority_text,
                        )
                    )
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
    docs_not_run = "compares every unit of the run across articles; the example shows two units"

    code = "TRN007"
    name = "ambiguous-translation"
    summary = "different source texts are given the same translation across the corpus"
    severity = Severity.INFO
    fix = None
    example = ("Bulk orders", "Opsommingsopdrachten (also for: Summary orders)")

    def check_corpus(self, units: Sequence[Unit], ctx: CheckContext) -> Iterable[Finding]:
        groups: dict[str, list[Unit]] = defaultdict(list)
        for unit in units:
            prose_words = [w for _s, _e, w in words(markup.prose(unit.msgstr))]
            if len(prose_words) < AMBIGUOUS_MIN_WORDS:
                continue
            groups[_key(unit.msgstr).casefold()].append(unit)
        out: list[Finding] = []
        for group in groups.values():
            by_source: dict[tuple[str, ...], list[Unit]] = defaultdict(list)
            for unit in group:
                by_source[_content_key(unit.msgid, ctx)].append(unit)
            if len(by_source) < 2:
                continue
            # the most frequent source owns the translation; report the other sources
            ranked = sorted(by_source.values(), key=len, reverse=True)
            owner = ranked[0][0]
            for members in ranked[1:]:
                for unit in members:
                    out.append(
                        self.finding(
                            unit,
                            f"this translation is also used for a different source: "
                            f"{normalise(owner.msgid)!r} ({_location(owner)}); check that "
                            "it renders this source",
                        )
                    )
        return out
