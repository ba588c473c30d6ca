"""LT001 and LT002: LanguageTool matches become findings (unit tests, and the real server)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from locqa.checks.base import CheckContext, Unit
from locqa.checks.language import (
    LanguageToolCheck,
    UnattestedCompoundCheck,
    fix_for,
    is_name,
    severity_for,
)
from locqa.findings import FixSafety, Severity
from locqa.lang import profile
from locqa.languagetool import LanguageToolSession, LTMatch
from locqa.languagetool.rules import default_disabled_rules
from locqa.spelling import Lexicon
from locqa.termbase import Concept, Term, Termbase, TermStatus

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


def grammar(rule: str, offset: int, length: int, *replacements: str) -> LTMatch:
    return LTMatch(rule, "GRAMMAR", "uncategorized", "Grammatica.", offset, length, replacements)


def at(text: str, part: str) -> tuple[int, int]:
    return text.index(part), len(part)


def run(unit: Unit, matches: list[LTMatch], **options: object) -> list:  # type: ignore[type-arg]
    ctx = CheckContext(target_lang="nl", languagetool={unit.msgstr: matches}, options=dict(options))
    return list(LanguageToolCheck().check(unit, ctx))


def run_ctx(unit: Unit, matches: list[LTMatch], **fields: object) -> list:  # type: ignore[type-arg]
    ctx = CheckContext(target_lang="nl", languagetool={unit.msgstr: matches}, **fields)  # type: ignore[arg-type]
    return list(LanguageToolCheck().check(unit, ctx))


def flagged(findings: list) -> list[str]:  # type: ignore[type-arg]
    return [f.msgstr[f.start : f.end] for f in findings]


def test_one_finding_per_match_with_rule_span_and_display_only_suggestion() -> None:
    unit = Unit("Customer-oriented", "Gebruikergericht", path="a.md", line=3)
    [finding] = run(unit, [spelling(0, 16, "Gebruikersgericht", "Gebruikergerichte")])
    assert finding.check == "LT001"
    assert finding.rule == "MORFOLOGIK_RULE_NL_NL"
    assert finding.message == "Er is een mogelijke spelfout gevonden. ('Gebruikergericht')"
    assert (finding.start, finding.end) == (0, 16)
    assert finding.suggestion == "Gebruikersgericht"
    # a speller's guess: shown to a reviewer, never applied by locqa fix
    assert finding.fix is FixSafety.DISPLAY_ONLY
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
    default = sorted(default_disabled_rules("nl"))[0]  # a Dutch default (not a German one)
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
    assert list(LanguageToolCheck().check(Unit("x", "iets"), CheckContext(target_lang="nl"))) == []


# ----------------------------------------------------------------------------- real server


def findings_for(lt: LanguageToolSession, units: list[Unit]) -> list:  # type: ignore[type-arg]
    msgstrs = [u.msgstr for u in units]
    ctx = CheckContext(
        target_lang="nl",
        languagetool=dict(zip(msgstrs, lt.check_texts(msgstrs, "nl"), strict=True)),
    )
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
    # "Post-sale" is a word of its source segment: TRN002 reports the English left in
    assert not any(text == "Post-sale" for text, _ in found)


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
    text = "per cliÃ«nt, prodcut"
    unit = Unit("per client, product", text)
    at = text.index("nt,")
    assert run(unit, [spelling(at, 2, "NT")]) == []
    later = text.index("prodcut")
    assert len(run(unit, [spelling(later, 7, "product")])) == 1


# ----------------------------------------------------------------------------- spelling that knows documentation


def spelled(text: str, *words: str) -> list[LTMatch]:
    """A spelling match on each of *words* in *text*, as LanguageTool's speller makes."""
    return [spelling(*at(text, w)) for w in words]


def test_a_word_of_the_source_segment_is_no_misspelling() -> None:
    text = "Een headless opstelling met composable commerce en upsells."
    unit = Unit("A headless setup with composable commerce and upsells.", text)
    assert run(unit, spelled(text, "headless", "composable", "upsells")) == []
    # the same words with a source that lacks them: "composable" is no Dutch word
    other = Unit("A setup", text)
    assert flagged(run(other, spelled(text, "headless", "composable"))) == ["composable"]


def test_an_english_sentence_left_in_is_not_one_finding_per_word() -> None:
    source = "Customers can track their orders in real time from the dashboard."
    unit = Unit(source, source)
    words = ["Customers", "track", "their", "orders", "real", "time", "from", "dashboard"]
    assert run(unit, spelled(source, *words)) == []  # TRN001/TRN002 report it once


def test_a_typo_in_a_loanword_is_still_reported() -> None:
    text = "Open de Navigaton en de storefornt van de headles winkel."
    unit = Unit("Open the navigation and the storefront of the headless store.", text)
    found = run(unit, spelled(text, "Navigaton", "storefornt", "headles"))
    assert flagged(found) == ["Navigaton", "storefornt", "headles"]


def test_a_name_is_still_no_misspelling() -> None:
    text = "Start Lighthouse in de browser."
    assert run(Unit("Run an audit in the browser.", text), spelled(text, "Lighthouse")) == []
    text = "Evalueer de $linkTypes in de debugger."
    assert run(Unit("Evaluate the link types.", text), spelled(text, "$linkTypes")) == []


def concept(cid: str, *terms: Term, dnt: bool = False) -> Concept:
    return Concept(cid, subsets=frozenset({"do-not-translate"} if dnt else ()), terms=terms)


def test_termbase_terms_in_any_inflection_are_no_misspellings() -> None:
    termbase = Termbase(
        (
            concept("c1", Term("bulk order", "en"), Term("bulkbestelling", "nl")),
            concept("c2", Term("headless", "en"), Term("headless", "nl")),
            concept("c3", Term("Real-Time CDP", "en"), dnt=True),
            concept(
                "c4",
                Term("cart", "en"),
                Term("winkelkar", "nl", status=TermStatus.DEPRECATED),
            ),
        ),
        digest="test",
    )
    text = "Bulkbestellingen voor headless winkels met Real-Time CDP in de winkelkar."
    unit = Unit("Orders for stores with the profile platform in the basket.", text)
    matches = spelled(text, "Bulkbestellingen", "headless", "Real-Time", "winkelkar")
    found = run_ctx(unit, matches, termbase=termbase)
    assert flagged(found) == ["winkelkar"]  # a deprecated term is no accepted word


def test_the_projects_word_list_is_used(tmp_path: Path) -> None:
    text = "Lees de zwibbel en de zwibbels."
    unit = Unit("Read the checkout flow.", text)
    matches = spelled(text, "zwibbel", "zwibbels")
    assert len(run(unit, matches)) == 2
    lexicon = Lexicon.for_profile(profile("nl"), frozenset({"zwibbel"}))
    assert run_ctx(unit, matches, spelling=lexicon) == []


@pytest.mark.skipif(not Path("/usr/share/hunspell/nl.dic").is_file(), reason="no hunspell-nl")
def test_compounds_with_a_documented_part_are_no_misspellings() -> None:
    text = (
        "Open de cachemap, de webhookinstelling en de headless-opstelling; niet de flardhulpmiddel."
    )
    unit = Unit("Open the cache folder, the webhook setting and the headless setup.", text)
    matches = spelled(
        text, "cachemap", "webhookinstelling", "headless-opstelling", "flardhulpmiddel"
    )
    assert flagged(run(unit, matches)) == []  # "flard|hulpmiddel": LT002's, below
    assert flagged(run_compounds(unit, matches)) == ["flardhulpmiddel"]


def run_compounds(unit: Unit, matches: list[LTMatch], **fields: object) -> list:  # type: ignore[type-arg]
    ctx = CheckContext(target_lang="nl", languagetool={unit.msgstr: matches}, **fields)  # type: ignore[arg-type]
    return list(UnattestedCompoundCheck().check(unit, ctx))


@pytest.mark.skipif(not Path("/usr/share/hunspell/nl.dic").is_file(), reason="no hunspell-nl")
def test_an_unlisted_compound_of_dictionary_words_is_lt002_info_not_lt001() -> None:
    text = "Lees de beheerdershandleiding over de bestelwachtrij en de vinkjeskolom."
    unit = Unit(
        "Read the administrator guide about the order queue and the checkmark column.", text
    )
    words = ("beheerdershandleiding", "bestelwachtrij", "vinkjeskolom")
    matches = spelled(text, *words)
    assert run(unit, matches) == []
    found = run_compounds(unit, matches)
    assert flagged(found) == list(words)
    assert {(f.check, f.severity, f.fix, f.suggestion) for f in found} == {
        ("LT002", Severity.INFO, None, None)
    }
    assert UnattestedCompoundCheck.fix is FixSafety.DISPLAY_ONLY  # nothing to apply
    # a word-for-word calque is such a compound too: the reviewer reads it with the source
    calque = "Migreer de erfenissystemen."
    [finding] = run_compounds(
        Unit("Migrate the legacy systems.", calque), spelled(calque, "erfenissystemen")
    )
    assert finding.rule == "MORFOLOGIK_RULE_NL_NL"


@pytest.mark.skipif(not Path("/usr/share/hunspell/nl.dic").is_file(), reason="no hunspell-nl")
def test_typos_glued_words_relinked_and_deprecated_words_stay_lt001() -> None:
    termbase = Termbase(
        (concept("c1", Term("cart", "en"), Term("winkelkar", "nl", status=TermStatus.DEPRECATED)),),
        digest="test",
    )
    text = (
        "Open de bestelwachtrji, de voorproductpagina, de gebruikergericht lijst, de winkelkar "
        "en de klant-wachtrij."
    )
    unit = Unit("Open the order queue, the product page, the customer list and the cart.", text)
    matches = [
        *spelled(text, "bestelwachtrji", "voorproductpagina"),
        spelling(*at(text, "gebruikergericht"), "gebruikersgericht"),
        *spelled(text, "winkelkar", "klant-wachtrij"),
    ]
    found = run_ctx(unit, matches, termbase=termbase)
    assert flagged(found) == [
        "bestelwachtrji",  # a typo
        "voorproductpagina",  # glued to a function word
        "gebruikergericht",  # the speller has the parts joined otherwise
        "winkelkar",  # a deprecated term
        "klant-wachtrij",  # Dutch words are joined closed, not by a hyphen
    ]
    assert run_compounds(unit, matches, termbase=termbase) == []


@pytest.mark.skipif(not Path("/usr/share/hunspell/nl.dic").is_file(), reason="no hunspell-nl")
def test_an_elided_compound_part_is_no_misspelling() -> None:
    text = (
        "Maak de xml- en PHP-bestanden in het routes.yaml- dossier voor zowel B2B- als B2C-klanten."
    )
    unit = Unit("Create the xml and PHP files in the routes.yaml file for B2B and B2C.", text)
    found = run(unit, spelled(text, "xml-", "yaml-", "B2B-"))
    assert flagged(found) == ["yaml-"]


# ----------------------------------------------------------------------------- severity and fixes as data


def test_a_doubled_word_is_an_error_with_a_safe_fix() -> None:
    text = "Open de de instellingen."
    [finding] = run(
        Unit("Open the settings.", text), [grammar("DUBBEL_DE", *at(text, "de de"), "de")]
    )
    assert finding.severity is Severity.ERROR
    assert finding.fix is FixSafety.SAFE and finding.suggestion == "de"


def test_a_doubled_word_across_markup_is_an_error_but_not_a_safe_fix() -> None:
    text = "Abonneer u op de [**de statuspagina**](https://status.example.com)."
    match = grammar("DUBBEL_DE", *at(text, "de [**de"), "de")
    [finding] = run(
        Unit("Subscribe to the [**status page**](https://status.example.com).", text), [match]
    )
    assert finding.severity is Severity.ERROR
    assert finding.fix is FixSafety.UNSAFE  # dropping "[**" would break the link


def test_an_article_that_does_not_agree_is_an_error_with_a_safe_fix() -> None:
    text = "Voeg het product toe aan het winkelwagen."
    match = grammar("HET_FIETS", *at(text, "het winkelwagen"), "de winkelwagen")
    [finding] = run(Unit("Add the product to the cart.", text), [match])
    assert (finding.severity, finding.fix) == (Severity.ERROR, FixSafety.SAFE)


def test_het_that_may_be_the_pronoun_it_is_a_warning_with_an_unsafe_fix() -> None:
    text = "Naast de catalogus verleent het klantentoegang tot gedeelde catalogi."
    unit = Unit("Next to the catalog, it provides customer access to shared catalogs.", text)
    match = grammar("HET_FIETS", *at(text, "het klantentoegang"), "de klantentoegang")
    [finding] = run(unit, [match])
    assert (finding.severity, finding.fix) == (Severity.WARNING, FixSafety.UNSAFE)


def test_an_article_before_a_compound_that_goes_on_is_not_judged() -> None:
    for text, noun in [
        ("De bewerking aan het root `Query`-type.", "het root"),
        ("De bewerking aan het root `Query` - of `Mutation` -type.", "het root"),
        ("Werk het composer.lock-bestand bij.", "het composer"),
        ("Open het GraphQL-schema.", "het GraphQL"),
    ]:
        match = grammar("HET_FIETS", *at(text, noun), "de " + noun.split()[1])
        assert run(Unit("x", text), [match]) == [], text


def test_other_replacements_are_unsafe_and_severity_follows_the_issue_type() -> None:
    text = "Dit is een waardevolle middel."
    match = LTMatch(
        "EEN_LELIJKE_MEISJE",
        "GRAMMAR",
        "grammar",
        "Bijvoeglijk.",
        *at(text, "waardevolle"),
        ("waardevol",),
    )
    [finding] = run(Unit("This is a valuable tool.", text), [match])
    assert (finding.severity, finding.fix) == (Severity.WARNING, FixSafety.UNSAFE)
    nl = profile("nl")
    assert severity_for(match, nl) is Severity.WARNING
    assert severity_for(grammar("DUBBEL_WOORD", 0, 1), nl) is Severity.ERROR
    space = LTMatch("COMMA_PARENTHESIS_WHITESPACE", "TYPOGRAPHY", "whitespace", "Spatie.", 3, 2)
    assert severity_for(space) is Severity.INFO  # LanguageTool's issue type
    assert severity_for(space, nl) is Severity.WARNING  # 10 of 10 real: the profile says so
    assert fix_for(text, spelling(0, 3, "Dat"), nl) is FixSafety.DISPLAY_ONLY


def test_startwoning_is_off_by_default() -> None:
    text = "Gebruik de startkit."
    match = grammar("STARTWONING", *at(text, "startkit"), "starterskit")
    assert run(Unit("Use the starter kit.", text), [match]) == []
    assert (
        len(
            run(
                Unit("Use the starter kit.", text),
                [match],
                languagetool_enabled_rules=["STARTWONING"],
            )
        )
        == 1
    )


@pytest.mark.languagetool
def test_grammar_errors_are_errors_on_the_real_server(
    languagetool_session: LanguageToolSession,
) -> None:
    units = [
        Unit("Add the product to the cart.", "Voeg het product toe aan het winkelwagen."),
        Unit("Open the settings.", "Open de de instellingen."),
        Unit("Use the starter kit.", "Gebruik de startkit."),
    ]
    found = {
        (f.rule, f.msgstr[f.start : f.end], f.severity, f.fix)
        for f in findings_for(languagetool_session, units)
    }
    assert found == {
        ("HET_FIETS", "het winkelwagen", Severity.ERROR, FixSafety.SAFE),
        ("DUBBEL_DE", "de de", Severity.ERROR, FixSafety.SAFE),
    }


@pytest.mark.languagetool
def test_documentation_words_on_the_real_server(languagetool_session: LanguageToolSession) -> None:
    units = [
        Unit("A headless setup with upsells.", "Een headless opstelling met upsells."),
        Unit("The cache folder and the webhook setting.", "De cachemap en de webhookinstelling."),
        Unit("The headless setup and the monorepo.", "De headless-opstelling en de monorepo."),
        Unit("The storefront and the navigation.", "De storefornt en de Navigaton."),
    ]
    found = [f.msgstr[f.start : f.end] for f in findings_for(languagetool_session, units)]
    assert found == ["storefornt", "Navigaton"]


def test_lt002_is_opt_in_by_its_full_code() -> None:
    from locqa.checks.runner import selected_checks

    def codes(select: tuple[str, ...] = ()) -> set[str]:
        return {c.code for c in selected_checks(select)}

    assert "LT001" in codes() and "LT002" not in codes()
    assert "LT002" not in codes(("LT",))  # a prefix selects only the checks on by default
    assert codes(("LT002",)) == {"LT002"}
    assert codes(("LT", "lt002")) == {"LT001", "LT002"}


def test_a_style_rule_on_a_termbase_term_is_the_termbases_to_decide() -> None:
    termbase = Termbase(
        (concept("c1", Term("checkout", "en"), Term("Checkout", "de")),), digest="test"
    )
    text = "Der Checkout ist schnell. checkout ist schnell."
    unit = Unit("The checkout is fast. Checkout is fast.", text)
    style = LTMatch("CHECK_OUT", "MISC", "style", "Check-out?", 4, 8, ("Check-out",))
    case = LTMatch("UPPERCASE_SENTENCE_START", "CASING", "typographical", "Capital", 26, 8,
                   ("Checkout",))  # fmt: skip
    ctx = CheckContext(target_lang="de", languagetool={text: [style, case]}, termbase=termbase)
    found = list(LanguageToolCheck().check(unit, ctx))
    assert [f.rule for f in found] == ["UPPERCASE_SENTENCE_START"]
    # a term of several words, as the termbase writes it
    termbase = Termbase(
        (concept("c2", Term("gift card", "en"), Term("carte cadeau", "fr")),), digest="t2"
    )
    text = "Achetez une carte cadeau."
    hyphen = LTMatch("TRAIT_UNION", "MISC", "typographical", "Trait d'union ?", 12, 12,
                     ("carte-cadeau",))  # fmt: skip
    ctx = CheckContext(target_lang="fr", languagetool={text: [hyphen]}, termbase=termbase)
    assert list(LanguageToolCheck().check(Unit("Buy a gift card.", text), ctx)) == []
