"""TRN006/TRN007 across the units of a run."""

from __future__ import annotations

from locqa.checks.base import CheckContext, Unit
from locqa.checks.consistency import AmbiguousTranslation, InconsistentTranslation
from locqa.findings import FixSafety
from locqa.nlp import Pipelines

CTX = CheckContext(nlp=Pipelines())


def unit(msgid: str, msgstr: str, path: str) -> Unit:
    return Unit(msgid, msgstr, path=path, line=3)


def test_inconsistent_translation_points_to_majority() -> None:
    units = [
        unit("Frequently asked questions", "Veelgestelde vragen", "a.md"),
        unit("Frequently  asked questions", "Veelgestelde  vragen", "b.md"),
        unit("Frequently asked questions", "Vaak gestelde vragen", "c.md"),
    ]
    (f,) = InconsistentTranslation().check_corpus(units, CTX)
    assert f.path == "c.md"
    assert (f.start, f.end, f.suggestion) == (0, len("Vaak gestelde vragen"), "Veelgestelde vragen")
    assert f.fix is FixSafety.UNSAFE


def test_inconsistent_ignores_entity_and_whitespace_variants_and_reports_ties() -> None:
    same = [unit("Videos", "Video&#39;s", "a.md"), unit("Videos", "Video's", "b.md")]
    assert list(InconsistentTranslation().check_corpus(same, CTX)) == []
    tie = [
        unit("Sales managers", "Verkoopmanagers", "a.md"),
        unit("Sales managers", "Verkoopmanager", "b.md"),
    ]
    findings = list(InconsistentTranslation().check_corpus(tie, CTX))
    assert len(findings) == 2 and all(f.suggestion is None for f in findings)


def test_ambiguous_translation_reports_minority_source() -> None:
    units = [
        unit("Bulk orders for business buyers", "Grote bestellingen voor zakelijke kopers", "a.md"),
        unit("Bulk orders for business buyers", "Grote bestellingen voor zakelijke kopers", "b.md"),
        unit(
            "Summary orders for business buyers", "Grote bestellingen voor zakelijke kopers", "c.md"
        ),
    ]
    (f,) = AmbiguousTranslation().check_corpus(units, CTX)
    assert f.path == "c.md" and "Bulk orders" in f.message


def test_ambiguous_ignores_short_and_inflection_or_markup_variants() -> None:
    units = [
        unit("Install the extension", "De extensie installeren", "a.md"),
        unit("Installing the **extension**", "De extensie installeren", "b.md"),
        unit("Price", "Prijs", "c.md"),
        unit("Pricing", "Prijs", "d.md"),
    ]
    assert list(AmbiguousTranslation().check_corpus(units, CTX)) == []
