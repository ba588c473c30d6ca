"""TRN006/TRN007 across the units of a run."""

from __future__ import annotations

from locqa.checks.base import CheckContext, Unit
from locqa.checks.consistency import AmbiguousTranslation, InconsistentTranslation
from locqa.findings import FixSafety
from locqa.nlp import Pipelines

CTX = CheckContext(target_lang="nl", nlp=Pipelines())


def unit(msgid: str, msgstr: str, path: str) -> Unit:
    return Unit(msgid, msgstr, path=path, line=3)


def test_inconsistent_translation_points_to_majority() -> None:
    units = [
        unit("Frequently asked questions", "Veelgestelde vragen", "a.md"),
        unit("Frequently  asked questions", "Veelgestelde  vragen", "b.md"),
        unit("Frequently asked questions", "Veelgestelde vragen", "d.md"),
        unit("Frequently asked questions", "Vaak gestelde vragen", "c.md"),
    ]
    (f,) = InconsistentTranslation().check_corpus(units, CTX)
    assert f.path == "c.md"
    assert (f.start, f.end, f.suggestion) == (0, len("Vaak gestelde vragen"), "Veelgestelde vragen")
    assert f.fix is FixSafety.UNSAFE


def test_inconsistent_suggests_only_an_established_majority() -> None:
    # 2 against 1 is no evidence which one is better: reported, nothing suggested
    units = [
        unit("Shared code storage", "Gedeelde codeopslag", "a.md"),
        unit("Shared code storage", "Gedeelde codeopslag", "b.md"),
        unit("Shared code storage", "Opslag voor gedeelde code", "c.md"),
    ]
    (f,) = InconsistentTranslation().check_corpus(units, CTX)
    assert f.path == "c.md" and "2×" in f.message and f.suggestion is None


def test_inconsistent_ignores_invisible_characters_and_zero_width_entities() -> None:
    units = [
        unit("[Demo](../demo.md)", "[Demo](../demo.md)", "a.md"),
        unit("[Demo](../demo.md)", "[&#x200B; Demo &#x200B;](../demo.md)", "b.md"),
        unit("[Demo](../demo.md)", "[\u200bDemo\u200b](../demo.md)", "c.md"),
    ]
    assert list(InconsistentTranslation().check_corpus(units, CTX)) == []


def test_inconsistent_never_takes_an_untranslated_copy_as_the_majority() -> None:
    units = [unit("Order history", "Order history", f"{n}.md") for n in range(3)]
    units.append(unit("Order history", "Bestelgeschiedenis", "x.md"))
    findings = list(InconsistentTranslation().check_corpus(units, CTX))
    assert {f.path for f in findings} == {"0.md", "1.md", "2.md"}
    assert all("Bestelgeschiedenis" in f.message for f in findings)


def test_inconsistent_suggests_the_clean_spelling_of_the_majority() -> None:
    units = [
        unit("Saved carts", "&#x200B; Opgeslagen winkelwagens", "a.md"),
        unit("Saved carts", "&#x200B; Opgeslagen winkelwagens", "b.md"),
        unit("Saved carts", "Opgeslagen winkelwagens", "c.md"),
        unit("Saved carts", "Bewaarde karretjes", "d.md"),
    ]
    (f,) = InconsistentTranslation().check_corpus(units, CTX)
    assert f.path == "d.md" and f.suggestion == "Opgeslagen winkelwagens"


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


def test_ambiguous_allows_two_wordings_of_one_source() -> None:
    # contractions, function words and a few words more in a long text: one text
    units = [
        unit("What you will learn here", "Wat u hier gaat leren", "a.md"),
        unit("What you'll learn here", "Wat u hier gaat leren", "b.md"),
        unit(
            "Learn how to plan a widget rollout, test it in staging and monitor the result.",
            "Leer hoe u een widget-uitrol plant, test in staging en het resultaat bewaakt.",
            "c.md",
        ),
        unit(
            "Learn how to plan a widget rollout, test it in staging and carefully monitor the "
            "result.",
            "Leer hoe u een widget-uitrol plant, test in staging en het resultaat bewaakt.",
            "d.md",
        ),
    ]
    assert list(AmbiguousTranslation().check_corpus(units, CTX)) == []
    # ... but not when a name, number or code of one is missing from the other
    units = [
        unit("B2C widget price lists and rules", "Prijslijsten en regels voor widgets", "a.md"),
        unit("Widget price lists and rules", "Prijslijsten en regels voor widgets", "b.md"),
    ]
    (f,) = AmbiguousTranslation().check_corpus(units, CTX)
    assert f.path == "a.md"


def test_ambiguous_accepts_a_deliberate_rendering_used_every_time() -> None:
    units = [unit("Target readers", "Voor wie is dit artikel?", f"{n}.md") for n in range(3)]
    units += [
        unit("Who is this article for?", "Voor wie is dit artikel?", f"w{n}.md") for n in range(5)
    ]
    assert list(AmbiguousTranslation().check_corpus(units, CTX)) == []


def test_ambiguous_reports_the_source_the_translation_does_not_render() -> None:
    # the shared translation fits the short source (its names, its length), not the long one
    units = [
        unit(
            "Learn how to create a widget page in Acme Store that returns XML, including routes "
            "and controller setup.",
            "Maak een widgetpagina die XML retourneert.",
            "a.md",
        ),
        unit(
            "Create a widget page that returns XML.",
            "Maak een widgetpagina die XML retourneert.",
            "b.md",
        ),
    ]
    (f,) = AmbiguousTranslation().check_corpus(units, CTX)
    assert f.path == "a.md" and "Create a widget page" in f.message


def test_ambiguous_leaves_pairs_other_checks_report() -> None:
    units = [
        # the translation lost the source's inline code: TRN004 reports the pair
        unit("Create the `etc/widget.xml` file.", "Maak het bestand widget.php aan.", "a.md"),
        unit("Create the widget folder and a file.", "Maak het bestand widget.php aan.", "b.md"),
    ]
    findings = list(AmbiguousTranslation().check_corpus(units, CTX))
    assert [f.path for f in findings] == []
    units = [
        # "Widget content" is translated otherwise three times: TRN006 reports this unit
        *(unit("Widget content", "Widgetinhoud", f"{n}.md") for n in range(3)),
        unit("Widget content", "Voor wie is deze widget?", "x.md"),
        *(
            unit("Who is this widget for?", "Voor wie is deze widget?", f"w{n}.md")
            for n in range(3)
        ),
    ]
    assert list(AmbiguousTranslation().check_corpus(units, CTX)) == []
