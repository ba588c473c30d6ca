"""Language identity of spans (MNG006): English left inside a translation that no single
word gives away.

TRN002 finds English words copied from the source that are not words of the target
language. A run of copied words each of which passes alone, as a loanword, a word both
languages share or a capitalised name, escapes it: *Commerce storefront speed* as link
text. MNG006 reads such a run as a whole and asks a language identifier
(:mod:`locqa.identify`) whether it is English; it reports only runs TRN002 does not, so one
defect is one finding.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .. import identify, markup
from ..findings import Finding, Severity
from .base import Check, CheckContext, Unit, register
from .translation import EnglishLeftIn, english_runs, sentence_initial, words

#: Words a run needs, and how many of them must be lowercase (not names): a title-case run
#: is most often a product or feature name kept on purpose (MNG004's business).
MIN_WORDS = 3
MIN_LOWERCASE = 2
#: lingua's confidence, English against the target language, a run needs.
MIN_CONFIDENCE = 0.95
#: Where a run stops: the end of a clause, a bracket, a quotation mark.
_CLAUSE_END = re.compile(r"[.!?;:()\[\]\"“”«»„|\n]")


@register
class EnglishRun(Check):
    """A run of words copied from the source that, read as a whole, is English: the words
    pass one by one (loanwords, words both languages share, capitalised words) but
    language identification (lingua, English against the target language) is sure the
    run is English. Runs need three words, two of them lowercase, inside one clause;
    runs with a word TRN002 already reports are left to it. Needs
    ``lingua-language-detector`` (a dependency; its models ship in the wheel). Opt-in
    (``--select MNG006``): half of its findings on the development corpus are names kept
    on purpose."""

    code = "MNG006"
    name = "english-run"
    summary = "a run of English words left in the translation, identified as English as a whole"
    severity = Severity.INFO
    fix = None
    opt_in = True
    example = (
        "See [Commerce storefront speed](speed.md).",
        "Zie [Commerce storefront speed](speed.md).",
    )

    def unavailable(self) -> str | None:
        problem = identify.missing()
        return f"MNG006 ({problem})" if problem else None

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        if not unit.msgstr.strip() or identify.missing() is not None:
            return []
        left_in = EnglishLeftIn()
        source_words = {w.lower() for _s, _e, w in words(markup.prose(unit.msgid))}
        if not source_words:
            return []
        target, copied, bridges = left_in.copied_words(unit, ctx, source_words)
        reported = {(s, e) for s, e, _w in copied}
        out: list[Finding] = []
        for run in english_runs(target, [*copied, *bridges], []):
            for part in _clauses(unit.msgstr, run):
                if len(part) < MIN_WORDS or any((s, e) in reported for s, e, _w in part):
                    continue
                lowercase = sum(
                    1
                    for s, _e, w in part
                    if w[0].islower() or (w[0].isupper() and sentence_initial(target, s))
                )
                if lowercase < MIN_LOWERCASE:
                    continue
                start, end = part[0][0], part[-1][1]
                confidence = identify.english_confidence(target[start:end], ctx.target_lang)
                if confidence is None or confidence < MIN_CONFIDENCE:
                    continue
                out.append(
                    self.finding(
                        unit,
                        f"English text {unit.msgstr[start:end]!r} left in the translation "
                        f"({len(part)} words, identified as English); translate it, or mark "
                        "a name [!DNL ...]",
                        start,
                        end,
                    )
                )
        return out


def _clauses(text: str, run: list[tuple[int, int, str]]) -> Iterable[list[tuple[int, int, str]]]:
    """*run* cut where a clause, a link label or a quotation ends between two of its words
    (*text* is the segment with its markup, where brackets still show)."""
    part: list[tuple[int, int, str]] = []
    for token in run:
        if part and _CLAUSE_END.search(text, part[-1][1], token[0]):
            yield part
            part = []
        part.append(token)
    if part:
        yield part
