"""LT001: LanguageTool matches become findings (unit tests, and the real server)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from locqa.checks.base import CheckContext, Unit
from locqa.checks.language import LanguageToolCheck, is_name
from locqa.findings import FixSafety, Severity
from locqa.languagetool import DEFAULT_DISABLED_RULES, LanguageToolSession, LTMatch

SAMPLE = Path(__file__).resolve().parents[1] / "content" / "nl" / "b2b-b2c.md"


def spelling(offset: int, length: int, *replacements: str) -> LTMatch:
    return LTMatch(
        "MORFOLOGIK_RULE_NL_NL",
        "TYPOS",
        "misspelling",
        "Er is een mogelijke spelfout gevonden.",
        offset,
        length,
        replacements,
    )


def run(unit: Unit, matches: list[LTMatch], **options: object) -> list:  # type: ignore[type-arg]
    ctx = CheckContext(languagetool={unit.msgstr: matches}, options=dict(options))
    return list(LanguageToolCheck().check(unit, ctx))


def test_one_finding_per_match_with_rule_span_and_unsafe_suggestion() -> None:
    unit = Unit("Customer-oriented", "Gebruikergericht", path="a.md", line=3)
    [finding] = run(unit, [spelling(0, 16, "Gebruikersgericht", "Gebruikergerichte")])
    assert finding.check == "LT001"
    assert finding.rule == "MORFOLOGIK_RULE_NL_NL"
    assert finding.message == "Er is een mogelijke spelfout gevonden. ('Gebruikergericht')"
    assert (finding.start, finding.end) == (0, 16)
    assert finding.suggestion == "Gebruikersgericht"
    assert finding.fix is FixSafety.UNSAFE
    assert finding.severity is Severity.WARNING
    assert (finding.path, finding.line) == ("a.md", 3)


def test_style_and_typography_are_info_and_no_replacement_means_no_fix() -> None:
    unit = Unit("x", "Dit is , fout")
    style = LTMatch("SPATIE_VOOR", "PUNCTUATION", "typographical", "Spatie.", 6, 2, ())
    [finding] = run(unit, [style])
    assert finding.severity is Severity.INFO
    assert finding.suggestion is None and finding.fix is None


def test_rules_can_be_switched_off_and_defaults_switched_back_on() -> None:
    unit = Unit("x", "een fuot hier")
    assert run(unit, [spelling(4, 4)], languagetool_disabled_rules=["MORFOLOGIK_RULE_NL_NL"]) == []
    default = next(iter(DEFAULT_DISABLED_RULES))
    match = LTMatch(default, "X", "whitespace", "m", 0, 3)
    assert run(unit, [match]) == []
    assert len(run(unit, [match], languagetool_enabled_rules=[default])) == 1


def test_names_are_not_misspellings_but_sentence_starts_are_checked() -> None:
    text = "Open Workbench en TablesPlus. Voorcasestudy is fout"
    assert is_name(text, 5, 14)  # Workbench, mid-sentence
    assert is_name(text, 18, 28)  # TablesPlus
    assert not is_name(text, 30, 43)  # Voorcasestudy starts a sentence
    unit = Unit("x", text)
    found = run(unit, [spelling(5, 9), spelling(18, 10), spelling(30, 13)])
    assert [f.start for f in found] == [30]


def test_a_hyphen_tail_after_code_is_not_a_misspelling() -> None:
    unit = Unit("x", "Open het `.env`-bestand")
    assert unit.msgstr[15:23] == "-bestand"
    assert run(unit, [spelling(15, 8)]) == []


def test_lowercase_start_is_fine_when_the_source_starts_lowercase() -> None:
    match = LTMatch(
        "UPPERCASE_SENTENCE_START", "CASING", "typographical", "Hoofdletter.", 0, 2, ("Of",)
    )
    assert run(Unit("or", "of"), [match]) == []
    assert len(run(Unit("Or", "of"), [match])) == 1


def test_no_matches_for_a_unit_means_no_findings() -> None:
    assert run(Unit("x", "iets"), []) == []
    assert list(LanguageToolCheck().check(Unit("x", "iets"), CheckContext())) == []


# ----------------------------------------------------------------------------- real server


def findings_for(lt: LanguageToolSession, units: list[Unit]) -> list:  # type: ignore[type-arg]
    msgstrs = [u.msgstr for u in units]
    ctx = CheckContext(languagetool=dict(zip(msgstrs, lt.check_texts(msgstrs, "nl"), strict=True)))
    return [f for u in units for f in LanguageToolCheck().check(u, ctx)]


@pytest.mark.languagetool
def test_sample_article_defects_are_found_at_their_spans(
    languagetool_session: LanguageToolSession,
) -> None:
    units = [
        Unit(
            "Pre-sales case studies for reference", "Voorcasestudy&#39;s ter referentie verstrekken"
        ),
        Unit("Business-oriented", "Bedrijfs-gericht"),
        Unit("User-oriented", "Gebruikergericht"),
        Unit("Post-sale returns", "Post-sale retourneert"),
    ]
    found = {
        (f.msgstr[f.start : f.end], f.suggestion) for f in findings_for(languagetool_session, units)
    }
    assert ("Voorcasestudy&#39;s", None) in found
    assert ("Bedrijfs-gericht", "Bedrijfsgericht") in found
    assert ("Gebruikergericht", "Gebruikersgericht") in found
    assert any(text == "Post-sale" for text, _ in found)


@pytest.mark.languagetool
def test_correct_dutch_and_markdown_stay_clean(
    languagetool_session: LanguageToolSession,
) -> None:
    units = [
        Unit("FAQ", "Veelgestelde vragen"),
        Unit("Product carousel", "Productcarrousel"),
        Unit("Consistent pricing", "Consistente prijzen"),
        Unit("B2B companies must focus on:", "B2B-bedrijven moeten zich richten op:"),
        Unit("x", "Voer `bin/magento setup:upgrade` uit in de [!DNL Commerce]-installatie."),
        Unit(
            "x",
            "Zie [de documentatie](https://experienceleague.adobe.com/docs/a_b.html) "
            "en de **[!UICONTROL Save Config]**-knop.",
        ),
        Unit("x", "Het klantenservice-team van de GraphQL-API werkt  samen met Adobe Commerce."),
    ]
    assert findings_for(languagetool_session, units) == []


CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "commerce-learn" / "nl"


@pytest.mark.languagetool
@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus folder absent")
def test_findings_on_real_articles_point_at_their_words(
    languagetool_session: LanguageToolSession,
) -> None:
    paragraphs: list[str] = []
    for path in sorted(CORPUS.rglob("*.md"))[:1]:
        body = path.read_text(encoding="utf-8").split("---", 2)[-1]
        paragraphs += [p.strip() for p in re.split(r"\n\s*\n", body) if p.strip()]
    units = [Unit("", p) for p in paragraphs]
    for f in findings_for(languagetool_session, units):
        assert f.start is not None and f.end is not None
        assert 0 <= f.start <= f.end <= len(f.msgstr)


def test_number_prefixed_compounds_are_not_misspellings() -> None:
    unit = Unit("24/7 support", "24/7-ondersteuning")
    assert run(unit, [spelling(3, 15, "7 ondersteuning")]) == []


def test_matches_inside_a_mojibake_word_are_left_to_enc001() -> None:
    text = "per cliÃ«nt, product"
    unit = Unit("per client, product", text)
    at = text.index("nt,")
    assert run(unit, [spelling(at, 2, "NT")]) == []
    later = text.index("product")
    assert len(run(unit, [spelling(later, 7, "producten")])) == 1
