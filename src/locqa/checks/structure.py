"""Structure checks: what the alignment of source and translation found missing or extra,
and what the catalogue says about the state of an entry (a re-delivered MT in conflict).

These are not per-unit checks: :func:`structure_findings` derives them from an aligned
:class:`~locqa.project.Article`, :func:`conflict_findings` from the catalogue's records.
The classes carry the id, docs and severity like any check.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping

from ..findings import Finding, FixSafety, Severity
from ..project import Article
from .base import Check, CheckContext, Unit, register

Key = tuple[str | None, str]  # (msgctxt, msgid)


class _StructureCheck(Check):
    """Base: findings come from the alignment, not from one unit."""

    docs_not_run = (
        "found by aligning the blocks of the source and the translation (locqa extract "
        "reports the same gaps as warnings); the example shows the two articles"
    )

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        return ()


@register
class MissingBlock(_StructureCheck):
    """A block of the source has no counterpart in the translation: the reader of the
    translation misses that paragraph, list item or table cell. Usually the source gained the
    block after the article was translated; re-translate the block (its PO entry has an
    empty msgstr) and add it to the translated article."""

    code = "STR001"
    name = "missing-block"
    summary = "A source block has no counterpart in the translation."
    severity = Severity.ERROR
    example = ("- Set the discount\n- Set the coupon code", "- Stel de korting in")


@register
class ExtraBlock(_StructureCheck):
    """The translation has a block the source does not have: left over from an older source
    or added by hand. It is kept as it is in the build; check whether it should go.

    Info, not a warning, until the alignment improves: on real machine translation 4 of 10
    such blocks were really there in the source, where the alignment paired the wrong
    blocks (a numbered list turned into bullets with one item more, a block moved)."""

    code = "STR002"
    name = "extra-block"
    summary = "The translation has a block the source does not have."
    severity = Severity.INFO
    example = ("Use coupons.", "Gebruik coupons.\n\nExtra alinea.")


@register
class ChangedBlock(_StructureCheck):
    """Aligned blocks sit at different structural positions (heading level, list depth,
    table cell): the translation changed the document structure."""

    code = "STR003"
    name = "changed-structure"
    summary = "Aligned blocks differ in kind, heading level, list depth or table position."
    severity = Severity.WARNING
    example = ("## Setup", "### Installatie")


@register
class MtConflict(_StructureCheck):
    """The machine translation of this segment was re-delivered (the translated article
    changed) after a person edited or approved the entry. ``locqa extract`` kept the
    person's text, made the entry fuzzy and recorded the new MT (``# locqa-new-mt:``);
    nothing is lost. A reviewer decides: keep the reviewed text (approve) or take the new
    MT (accept the suggestion, which is never applied automatically)."""

    code = "STR004"
    name = "mt-conflict"
    summary = "A new machine translation arrived for an entry a person had edited or approved."
    severity = Severity.ERROR
    fix = FixSafety.DISPLAY_ONLY
    example = ("Save the order.", "Sla de bestelling op.")
    docs_not_run = (
        "found by locqa extract when the translated article changes under an entry a "
        "person edited or approved; the example shows the source and the reviewed text"
    )


def conflict_findings(units: Iterable[Unit], pending: Mapping[Key, str]) -> Iterator[Finding]:
    """A :class:`MtConflict` finding for each unit whose entry has a newer MT waiting for
    review (*pending* maps (msgctxt, msgid) to that MT), over the whole reviewed text."""
    for unit in units:
        new_mt = pending.get((unit.msgctxt, unit.msgid))
        if new_mt is None or new_mt == unit.msgstr:  # the reviewer already took it
            continue
        yield Finding(
            check=MtConflict.code,
            severity=MtConflict.severity,
            message="a new machine translation arrived after this entry was reviewed: "
            f"{new_mt!r}; keep the reviewed text (approve) or take the new one",
            path=unit.path,
            line=unit.line,
            msgid=unit.msgid,
            msgstr=unit.msgstr,
            start=0,
            end=len(unit.msgstr),
            suggestion=new_mt,
            fix=FixSafety.DISPLAY_ONLY,
            msgctxt=unit.msgctxt,
        )


def structure_findings(article: Article) -> Iterator[Finding]:
    source, target = article.source, article.target
    if target is None:
        return
    for pair in article.pairs:
        if pair.target is None and pair.source is not None:
            seg = source.segments[pair.source]
            where = _nearest_target_line(article, pair.source)
            yield Finding(
                check=MissingBlock.code,
                severity=MissingBlock.severity,
                message=f"no translation for this {seg.kind} of {source.path}:{seg.line}; "
                "translate it and add it to the article",
                path=target.path,
                line=where,
                msgid=seg.text,
                msgstr="",
            )
        elif pair.source is None and pair.target is not None:
            seg = target.segments[pair.target]
            yield Finding(
                check=ExtraBlock.code,
                severity=ExtraBlock.severity,
                message=f"this {seg.kind} has no counterpart in {source.path}; "
                "remove it or update the source",
                path=target.path,
                line=seg.line,
                msgid="",
                msgstr=seg.text,
            )
        elif pair.source is not None and pair.target is not None:
            s, t = source.segments[pair.source], target.segments[pair.target]
            if s.signature != t.signature:
                yield Finding(
                    check=ChangedBlock.code,
                    severity=ChangedBlock.severity,
                    message=f"source is {s.kind} at {s.signature}, translation is {t.kind} "
                    f"at {t.signature}",
                    path=target.path,
                    line=t.line,
                    msgid=s.text,
                    msgstr=t.text,
                )


def _nearest_target_line(article: Article, source_index: int) -> int:
    """The line in the translation where the missing block would go."""
    assert article.target is not None
    line = 1
    for pair in article.pairs:
        if pair.source is not None and pair.source >= source_index:
            break
        if pair.target is not None:
            line = article.target.segments[pair.target].line
    return line
