"""Terminology checks TRM001-TRM003 on lemmas, with the shipped termbase."""

from __future__ import annotations

import dataclasses
import json
import re
from pathlib import Path

import pytest

from locqa.checks.base import REGISTRY, CheckContext, Unit
from locqa.checks.terms import DeprecatedTerm, DntAltered, MissingTerm, match_case, nl_fallback
from locqa.findings import Finding, FixSafety, Severity
from locqa.nlp import Pipelines
from locqa.termbase import load_termbase, parse_tbx

ROOT = Path(__file__).resolve().parents[1]
TBX = ROOT / "locales" / "glossary" / "en-nl.tbx"
SAMPLE = ROOT / "content" / "nl" / "b2b-b2c.md"
CORPUS = ROOT.parent / "shared" / "corpus" / "commerce-learn"


@pytest.fixture(scope="module")
def ctx() -> CheckContext:
    return CheckContext(target_lang="nl", nlp=Pipelines(), termbase=load_termbase(TBX))


def run(ctx: CheckContext, source: str, target: str, code: str | None = None) -> list[Finding]:
    unit = Unit(source, target, path="x.md", line=3)
    codes = [code] if code else ["TRM001", "TRM002", "TRM003"]
    return [f for c in codes for f in REGISTRY[c]().check(unit, ctx)]


def spans(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.msgstr[f.start : f.end], f.suggestion) for f in findings if f.start is not None]


def test_check_classes_are_documented() -> None:
    for cls, severity in ((MissingTerm, Severity.WARNING), (DeprecatedTerm, Severity.ERROR),
                          (DntAltered, Severity.ERROR)):  # fmt: skip
        assert REGISTRY[cls.code] is cls
        assert cls.name and cls.summary and cls.severity is severity
        assert all(cls.example)
    assert DeprecatedTerm.fix is FixSafety.SAFE and DntAltered.fix is FixSafety.UNSAFE


def test_examples_trigger_their_check(ctx: CheckContext) -> None:
    for cls in (MissingTerm, DeprecatedTerm, DntAltered):
        assert run(ctx, *cls.example, code=cls.code), cls.code


@pytest.mark.parametrize(
    ("source", "target", "found", "suggestion"),
    [
        ("Bulk orders", "Opsommingsopdrachten", "Opsommingsopdrachten", "Bulkbestellingen"),
        ("A bulk order", "Een opsommingsopdracht", "opsommingsopdracht", "bulkbestelling"),
        ("Live chats", "Levende chats", "Levende chats", "Livechats"),
        ("Reviews and ratings", "Revisies en beoordelingen", "Revisies", "Recensies"),
        ("BULK ORDERS", "OPSOMMINGSOPDRACHTEN", "OPSOMMINGSOPDRACHTEN", "BULKBESTELLINGEN"),
        ("Customer-focused", "Gebruikergericht", "Gebruikergericht", "Klantgericht"),
        ("Prices per customer", "Prijzen per cliënt", "cliënt", "klant"),
        ("Add items to the cart", "Voeg artikelen aan de kar toe", "kar", "winkelwagen"),
        ("Edit the file", "Bewerk het dossier", "dossier", "bestand"),
        (
            "Post-sale returns",
            "Post-sale retourneert",
            "Post-sale retourneert",
            "Retouren na aankoop",
        ),
    ],
)
def test_deprecated_term_span_case_and_number(
    ctx: CheckContext, source: str, target: str, found: str, suggestion: str
) -> None:
    findings = run(ctx, source, target, "TRM002")
    assert spans(findings) == [(found, suggestion)]
    assert findings[0].fix is FixSafety.SAFE
    assert findings[0].severity is Severity.ERROR


def test_deprecated_only_when_the_source_has_the_concept(ctx: CheckContext) -> None:
    # 'opslag' is wrong for a shop (store) but right for storage.
    assert spans(run(ctx, "Open the store", "Open de opslag", "TRM002")) == [("opslag", "winkel")]
    assert run(ctx, "Cloud storage", "Cloudopslag en opslag", "TRM002") == []


def test_verb_forms_keep_their_inflection(ctx: CheckContext) -> None:
    # 'steunt' (backs, leans on) has other senses: suggested, never applied unattended
    findings = run(ctx, "The platform supports it", "Het platform steunt het", "TRM002")
    assert spans(findings) == [("steunt", "ondersteunt")]
    assert findings[0].fix is FixSafety.UNSAFE


def test_deprecated_prefix_of_compound_is_unsafe(ctx: CheckContext) -> None:
    findings = run(ctx, "Post-sale issues", "Post-verkoopkwesties", "TRM002")
    # the compound's head is a deprecated rendering too ('issue' as 'kwestie')
    assert spans(findings) == [("Post-verkoop", "Aftersales"), ("kwesties", "problemen")]
    assert all(f.fix is not FixSafety.SAFE for f in findings)


def test_deprecated_head_of_compound_is_found_but_not_inside_an_accepted_term(
    ctx: CheckContext,
) -> None:
    findings = run(
        ctx, "Change the configuration settings", "Wijzig de configuratiemontages", "TRM002"
    )
    assert spans(findings) == [("montages", "instellingen")]
    assert findings[0].fix is not FixSafety.SAFE
    # 'ondersteunen' (accepted for 'support') ends in the deprecated 'steunen'
    assert run(ctx, "We support it", "Wij ondersteunen het", "TRM002") == []


def test_missing_term_whole_entry(ctx: CheckContext) -> None:
    findings = run(ctx, "Reorder", "Opnieuw", "TRM001")
    assert len(findings) == 1
    assert findings[0].start is None and findings[0].severity is Severity.WARNING
    assert "reorder" in findings[0].message and "opnieuw bestellen" in findings[0].message


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Bulk orders", "Bulkbestellingen"),  # plural of the preferred term
        ("Bulk orders for companies", "Bestellingen in bulk: bulkorders voor bedrijven"),
        ("Invoices", "Facturen"),  # irregular plural given in the TBX
        ("Create an invoice", "Maak een factuur"),
        ("Shopping cart price rules", "Winkelwagenprijsregels"),
        ("Live chats", "Livechatgesprekken"),  # accepted term inside a compound
        ("Payment methods", "Betaalmethoden en betalingsmethoden"),
        ("Frequently asked questions", "Veelgestelde vragen"),
        ("Product carousel", "Productcarrousel"),
        ("Consistent pricing", "Consistente prijzen"),
        ("Customer service for B2B", "Klantenservice voor B2B"),
        ("The checkout page", "De afrekenpagina"),
    ],
)
def test_correct_dutch_is_clean(ctx: CheckContext, source: str, target: str) -> None:
    assert run(ctx, source, target) == []


def test_missing_term_when_translation_avoids_it(ctx: CheckContext) -> None:
    assert run(ctx, "Send the invoice", "Stuur de rekening", "TRM001")
    assert not run(ctx, "Send the invoice", "Stuur de factuur", "TRM001")


def test_dnt_altered_recased_and_translated(ctx: CheckContext) -> None:
    findings = run(ctx, "Use Live Search with GraphQL", "Gebruik Live onderzoek met Graphql")
    assert sorted(spans(findings)) == [("Graphql", "GraphQL"), ("Live onderzoek", "Live Search")]
    assert {f.check for f in findings} == {"TRM003"}  # no TRM002 on 'search' inside the name
    assert all(f.fix is FixSafety.UNSAFE for f in findings)


def test_dnt_split_and_missing(ctx: CheckContext) -> None:
    assert spans(run(ctx, "Host it on GitHub", "Host het op Git Hub", "TRM003")) == [
        ("Git Hub", "GitHub")
    ]
    # MT's known rendering of the name (a deprecated term of its concept) is located
    assert spans(run(ctx, "Cache with Fastly", "Cache met snel", "TRM003")) == [("snel", "Fastly")]
    missing = run(ctx, "Cache with Fastly", "Cache met een CDN", "TRM003")
    assert len(missing) == 1 and missing[0].start is None and missing[0].suggestion is None


def test_dnt_kept_is_clean(ctx: CheckContext) -> None:
    assert (
        run(ctx, "B2B and B2C on Adobe Commerce", "B2B- en B2C-bedrijven op Adobe Commerce") == []
    )
    assert run(ctx, "Store SKUs", "SKU's opslaan", "TRM003") == []
    assert run(ctx, "Run `composer install`", "Voer `composer install` uit", "TRM003") == []


def test_helpers() -> None:
    assert nl_fallback("opsommingsopdrachten") == "opsommingsopdracht"
    assert nl_fallback("categorieën") == "categorie"
    assert nl_fallback("video's") == "video"
    assert nl_fallback("processen") == "proces"
    assert match_case("Levende chats", "livechats") == "Livechats"
    assert match_case("KAR", "winkelwagen") == "WINKELWAGEN"
    assert match_case("kar", "winkelwagen") == "winkelwagen"


# ---------------------------------------------------------------- safe fixes (issue 12)
# Each wrong "safe" fix seen on real articles has a regression test below, with sentences
# of the same kind (not the articles' own).


def fix_of(ctx: CheckContext, source: str, target: str) -> Finding:
    findings = [f for f in run(ctx, source, target, "TRM002") if f.start is not None]
    assert len(findings) == 1, findings
    return findings[0]


def applied(finding: Finding) -> str:
    assert finding.start is not None and finding.end is not None and finding.suggestion
    return finding.msgstr[: finding.start] + finding.suggestion + finding.msgstr[finding.end :]


def test_a_noun_is_not_replaced_by_a_verb(ctx: CheckContext) -> None:
    # was: "Een headless opstelling" -> "Een headless instellen" (the preferred term of
    # *setup* is the verb 'instellen')
    found = fix_of(ctx, "Document the headless setup of the shop",
                   "Documenteer de headless opstelling van de winkel")  # fmt: skip
    assert found.suggestion != "instellen"
    assert found.fix is not FixSafety.SAFE


def test_part_of_speech_alone_decides(ctx: CheckContext) -> None:
    """Without other senses in the way: a noun gets the first accepted noun (a choice
    among alternatives: unsafe), or the verb as display-only when there is no noun."""
    tbx = small_tbx(
        concept("setup", en=[("setup", "noun")],
                nl=[("inrichten", "verb", "preferred"), ("configuratie", "noun f", "admitted"),
                    ("opzetsel", "noun n", "deprecated")]),
        concept("rollout", en=[("rollout", "noun")],
                nl=[("uitrollen", "verb", "preferred"), ("uitrolsel", "noun n", "deprecated")]),
    )  # fmt: skip
    own = with_termbase(ctx, tbx)
    found = fix_of(own, "A headless setup", "Een headless opzetsel")
    assert (found.suggestion, found.fix) == ("configuratie", FixSafety.UNSAFE)
    found = fix_of(own, "A quick rollout", "Een snel uitrolsel")
    assert (found.suggestion, found.fix) == ("uitrollen", FixSafety.DISPLAY_ONLY)
    assert "not a noun" in found.message


@pytest.mark.parametrize(
    ("source", "target", "span", "suggestion", "safety"),
    [
        # was: "het Zoekfunctie" (a het-word replaced by a de-word, the article left)
        ("Run the command now", "Voer het bevel nu uit", "het bevel", "de opdracht", "safe"),
        ("The command", "Het bevel", "Het bevel", "De opdracht", "safe"),
        ("Copy this command", "Kopieer dit bevel", "dit bevel", "deze opdracht", "safe"),
        ("That last command", "Dat laatste bevel", "Dat laatste bevel", "Die laatste opdracht", "safe"),
        ("Each command", "Elk bevel", "Elk bevel", "Elke opdracht", "safe"),
        # after a definite determiner the adjective has one form: only the article changes
        ("Type the next command", "Typ het volgende bevel", "het volgende bevel",
         "de volgende opdracht", "safe"),
        # 'een' has one form; a bare noun after a preposition has no article
        ("Type a command", "Typ een bevel", "bevel", "opdracht", "safe"),
        ("Start with a command", "Begin met bevelen", "bevelen", "opdrachten", "safe"),
        # an adjective after 'een' changes with the gender (een nieuw bevel, een nieuwe
        # opdracht): not provable without knowing it is an adjective
        ("Type a new command", "Typ een nieuw bevel", "bevel", "opdracht", "unsafe"),
        # the relative pronoun after it refers to it (het bevel dat, de opdracht die)
        ("The command that fails", "Het bevel dat mislukt", "Het bevel", "De opdracht", "unsafe"),
        # markup between the article and the noun: no single safe edit
        ("The `xargs` command", "Het `xargs` bevel", "bevel", "opdracht", "unsafe"),
        ("Use **the** command", "Gebruik **het** bevel", "bevel", "opdracht", "unsafe"),
    ],
)  # fmt: skip
def test_the_article_agrees_with_the_replacement(
    ctx: CheckContext, source: str, target: str, span: str, suggestion: str, safety: str
) -> None:
    found = fix_of(ctx, source, target)
    assert spans([found]) == [(span, suggestion)]
    assert found.fix is FixSafety(safety)


def test_article_and_noun_are_one_edit(ctx: CheckContext) -> None:
    found = fix_of(ctx, "Run the command now", "Voer het bevel nu uit")
    assert found.proposed is not None and len(found.proposed.edits) == 1
    assert applied(found) == "Voer de opdracht nu uit"
    assert "'bevel'" in found.message  # the message names the deprecated word


def test_a_word_with_another_sense_is_never_a_safe_fix(ctx: CheckContext) -> None:
    # was: 'opslag' -> 'Winkel' where opslag meant storage
    found = fix_of(ctx, "Back up the store first: its storage holds every product image",
                   "Maak eerst een back-up van de winkel: de opslag bevat elke productafbeelding")  # fmt: skip
    assert found.suggestion == "winkel" and found.fix is FixSafety.UNSAFE
    assert "storage" in found.message  # the termbase's usage note says why
    # was: 'orde' -> 'bestelling' in a non-commerce sense
    found = fix_of(ctx, "Sort each order line in alphabetical order",
                   "Sorteer elke orderregel in alfabetische orde")  # fmt: skip
    assert found.fix is FixSafety.UNSAFE
    # the article still agrees in the suggestion: 'het onderzoek' -> 'de zoekfunctie'
    found = fix_of(ctx, "The search box is on every page", "Het onderzoek staat op elke pagina")
    assert spans([found]) == [("Het onderzoek", "De zoekfunctie")]
    assert found.fix is FixSafety.UNSAFE


def test_a_replacement_that_is_reported_as_english_is_not_safe(ctx: CheckContext) -> None:
    # was: 'beste praktijk' -> 'best practice', then reported by TRN002 as English left in
    tbx = small_tbx(
        concept("funnel", en=[("sales funnel", "noun")],
                nl=[("sales funnel", "noun m", "preferred"),
                    ("verkoopstrechter", "noun m", "deprecated")]),
    )  # fmt: skip
    own = with_termbase(ctx, tbx)
    source, target = "Improve the sales funnel", "Verbeter de verkoopstrechter"
    found = fix_of(own, source, target)
    assert found.suggestion == "sales funnel" and found.fix is FixSafety.UNSAFE
    assert "TRN002" in found.message
    english = REGISTRY["TRN002"]().check(Unit(source, applied(found)), own)
    start = found.start or 0
    assert any(f.start is not None and start <= f.start < start + 12 for f in english)


def test_safe_fixes_are_never_reported_as_english(ctx: CheckContext) -> None:
    """Whatever TRN002 counts as a Dutch loanword, a safe fix leaves nothing it reports."""
    for source, target in (
        ("Follow this best practice for caching", "Volg deze beste praktijk voor caching"),
        ("Best practices", "Beste praktijken"),
        ("Use a webhook", "Gebruik een webhaak"),
    ):
        found = fix_of(ctx, source, target)
        if found.fix is FixSafety.SAFE:
            fixed = applied(found)
            after = REGISTRY["TRN002"]().check(Unit(source, fixed), ctx)
            start = found.start or 0
            end = start + len(found.suggestion or "")
            assert not [
                f for f in after if f.start is None or (f.start < end and start < (f.end or 0))
            ]


def test_number_is_kept_or_the_fix_is_not_safe(ctx: CheckContext) -> None:
    # the MT phrase has no number of its own: a whole segment takes the source's (plural)
    found = fix_of(ctx, "Post-sale returns", "Post-sale retourneert")
    assert (found.suggestion, found.fix) == ("Retouren na aankoop", FixSafety.SAFE)
    # ... inside a sentence the verb may agree with it: not provable
    found = fix_of(ctx, "Use post-sale returns", "Gebruik post-sale retourneert vaak")
    assert found.fix is FixSafety.UNSAFE
    # a plural whose replacement has no plural in the termbase: shown, never applied
    tbx = small_tbx(
        concept("kiosk", en=[("kiosk", "noun")],
                nl=[("kiosk", "noun m", "preferred"), ("stalletje", "noun n", "deprecated"),
                    ("stalletjes", "noun n plural", "deprecated")]),
    )  # fmt: skip
    found = fix_of(with_termbase(ctx, tbx), "Kiosks", "Stalletjes")
    assert found.fix is FixSafety.DISPLAY_ONLY


def test_a_noun_used_as_a_verb_is_not_replaced_by_a_noun(ctx: CheckContext) -> None:
    found = fix_of(ctx, "Use it to query the servers", "Gebruik het om de servers te vragen")
    assert found.fix is FixSafety.DISPLAY_ONLY


def test_an_inflected_adjective_needs_an_inflected_replacement(ctx: CheckContext) -> None:
    found = fix_of(ctx, "A headless storefront", "Een koploze storefront")
    assert found.fix is FixSafety.UNSAFE  # 'headless' has no inflected form in the termbase


def test_capitalisation_is_kept(ctx: CheckContext) -> None:
    assert spans(run(ctx, "FILES", "DOSSIERS", "TRM002")) == [("DOSSIERS", "BESTANDEN")]
    assert spans(run(ctx, "Files and folders", "Dossiers en mappen", "TRM002")) == [
        ("Dossiers", "Bestanden")
    ]


def test_fixes_without_agreement_data_are_unsafe(
    ctx: CheckContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("locqa.checks.terms.grammar_of", lambda found: None)
    # not even with the same TBX gender (both neuter): nouns may decline by case, as
    # German ones do ("des Kunden"); only a grammar file says what agrees
    assert fix_of(ctx, "Edit the file", "Bewerk het dossier").fix is FixSafety.UNSAFE
    # masculine and feminine agree alike in Dutch, but only the grammar data says so
    assert fix_of(ctx, "Add items to the cart", "Voeg artikelen aan de kar toe").fix is (
        FixSafety.UNSAFE
    )
    assert fix_of(ctx, "Run the command now", "Voer het bevel nu uit").fix is FixSafety.UNSAFE


# ---------------------------------------------------------------- TRM001 matching


@pytest.mark.parametrize(
    ("source", "target"),
    [
        # a lookup lemma joins 'rate' with 'rating': longest match and the term's own form
        ("Improve the click-through rate", "Verbeter de klikfrequentie"),
        ("Tax rates per region", "Belastingtarieven per regio"),
        ("Currency rates", "Valuta"),
        # a shorter term inside a longer one of the source is not checked on its own
        ("Create a cart price rule", "Maak een winkelwagenprijsregel"),
        # terms inside constructs that are not translated: not terms of the source
        ("Run [!DNL reorder] now", "Voer het nu uit"),
        ("Run `reorder` first", "Voer het eerst uit"),
        ("See https://example.com/reorder", "Zie https://example.com/reorder"),
        ("Open [!UICONTROL Invoices]", "Open [!UICONTROL Facturen]"),
        # the translation keeps the source term as a name, code or UI label on purpose
        ("Customers can reorder", "Klanten kunnen [!DNL reorder]"),
        ("Customers can reorder", "Klanten kunnen `reorder` gebruiken"),
        ("Use the reorder option", "Gebruik de optie [!UICONTROL Reorder]"),
        # a loanword term kept in the source's own form (caching, for the term cache)
        ("Caching improves speed", "Caching verbetert de snelheid"),
    ],
)
def test_missing_term_is_not_reported(ctx: CheckContext, source: str, target: str) -> None:
    assert run(ctx, source, target, "TRM001") == []


def test_rating_is_still_checked(ctx: CheckContext) -> None:
    assert run(ctx, "Show the rating", "Toon het getal", "TRM001")
    assert not run(ctx, "Show the ratings", "Toon de beoordelingen", "TRM001")


# ---------------------------------------------------------------- --termbase


OTHER_TBX = """<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="only-here">
      <langSec xml:lang="en"><termSec><term>purchase volume</term>
        <termNote type="partOfSpeech">noun</termNote></termSec></langSec>
      <langSec xml:lang="nl"><termSec><term>inkoopomvang</term>
        <termNote type="partOfSpeech">noun</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def _terms_in_report(out: str) -> list[str]:
    report = json.loads(out)
    return [f["message"] for f in report["findings"] if f["check"].startswith("TRM")]


def test_termbase_flag_takes_effect_in_project_mode(
    sample_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from locqa.cli import main

    (sample_project / "other.tbx").write_text(OTHER_TBX, encoding="utf-8")
    monkeypatch.chdir(sample_project)
    argv = ["check", "--skip-languagetool", "--no-cache", "--format", "json"]
    assert main(["extract", "-q"]) == 0
    capsys.readouterr()
    main(argv)
    configured = _terms_in_report(capsys.readouterr().out)
    assert any("Opsommingsopdrachten" in m for m in configured)  # the project's termbase
    main([*argv, "--termbase", "other.tbx"])
    flagged = _terms_in_report(capsys.readouterr().out)
    assert flagged and all("inkoopomvang" in m for m in flagged)  # only the given one


def test_termbase_flag_is_relative_to_the_working_directory(
    sample_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from locqa.cli import main

    (sample_project / "other.tbx").write_text(OTHER_TBX, encoding="utf-8")
    monkeypatch.chdir(sample_project.parent)
    root = sample_project.name
    assert main(["extract", "-q", "--root", root]) == 0
    capsys.readouterr()
    argv = ["check", "--root", root, "--skip-languagetool", "--no-cache", "--format", "json"]
    main([*argv, "--termbase", f"{root}/other.tbx"])
    flagged = _terms_in_report(capsys.readouterr().out)
    assert flagged and all("inkoopomvang" in m for m in flagged)


# ---------------------------------------------------------------- helpers


def concept(cid: str, *, en: list[tuple[str, str]], nl: list[tuple[str, str, str]]) -> str:
    """A conceptEntry: English (term, pos); Dutch (term, "pos [gender] [plural]", status)."""

    def term(text: str, notes: str, status: str = "preferred") -> str:
        pos, *rest = notes.split()
        genders = {"m": "masculine", "f": "feminine", "n": "neuter"}
        out = f'<termSec><term>{text}</term><termNote type="partOfSpeech">{pos}</termNote>'
        if pos == "noun":
            number = "plural" if "plural" in rest else "singular"
            out += f'<termNote type="grammaticalNumber">{number}</termNote>'
        for code in rest:
            if code in genders:
                out += f'<termNote type="grammaticalGender">{genders[code]}</termNote>'
        out += f'<termNote type="administrativeStatus">{status}Term-admn-sts</termNote>'
        return out + "</termSec>"

    english = "".join(term(t, pos) for t, pos in en)
    dutch = "".join(term(t, notes, status) for t, notes, status in nl)
    return (
        f'<conceptEntry id="{cid}"><langSec xml:lang="en">{english}</langSec>'
        f'<langSec xml:lang="nl">{dutch}</langSec></conceptEntry>'
    )


def small_tbx(*concepts: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<tbx style="dca" type="TBX-Basic" '
        'xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        + "".join(concepts)
        + "</body></text></tbx>"
    ).encode()


def with_termbase(ctx: CheckContext, tbx: bytes) -> CheckContext:
    return dataclasses.replace(ctx, termbase=parse_tbx(tbx, "test.tbx"))


SAMPLE_PAIRS = [  # (English source, the Dutch MT item, the exact wrong words)
    ("Bulk orders", "Opsommingsopdrachten", "Opsommingsopdrachten"),
    ("Live chats", "Levende chats", "Levende chats"),
    ("Provide reviews and ratings", "Revisies en beoordelingen opgeven", "Revisies"),
    ("Easy checkout", "Eenvoudig uitchecken", "uitchecken"),
    ("Post-sale returns", "Post-sale retourneert", "Post-sale retourneert"),
    ("Customer-focused", "Gebruikergericht", "Gebruikergericht"),
    ("Business-focused", "Bedrijfs-gericht", "Bedrijfs-gericht"),
]


@pytest.mark.skipif(not SAMPLE.is_file(), reason="sample article absent")
def test_sample_article_deprecated_terms_at_exact_spans(ctx: CheckContext) -> None:
    """Each list item or table cell of the sample with a known wrong rendering is flagged
    exactly at the wrong words."""
    text = SAMPLE.read_text(encoding="utf-8")
    cells = [c.strip().removeprefix("- ") for ln in text.splitlines() for c in ln.split("|")]
    for source, item, wrong in SAMPLE_PAIRS:
        assert item in cells, item
        findings = run(ctx, source, item, "TRM002")
        assert [item[f.start : f.end] for f in findings if f.start is not None] == [wrong]


_FENCE = re.compile(r"^(```|~~~).*?^\1", re.S | re.M)
_KINDS = (("h", "#"), ("l", ("- ", "* ", "+ ")), ("t", "|"), ("q", ">"))


def _blocks(path: Path) -> list[str]:
    """Non-empty body lines outside front matter and code fences."""
    text = path.read_text(encoding="utf-8", errors="replace")
    if text.startswith("---"):
        text = text[text.find("\n---", 3) + 4 :]
    return [ln.strip() for ln in _FENCE.sub("", text).splitlines() if ln.strip()]


def _kind(line: str) -> str:
    return next((k for k, p in _KINDS if line.startswith(p)), "p")


def _aligned(source: str, target: str) -> bool:
    """Good enough for measurement: same block kind and a plausible length ratio."""
    return _kind(source) == _kind(target) and 0.6 <= len(target) / max(1, len(source)) <= 1.8


@pytest.mark.corpus
@pytest.mark.skipif(not CORPUS.is_dir(), reason="commerce-learn corpus absent")
def test_corpus_rates(ctx: CheckContext) -> None:
    """Findings per 1,000 Dutch words on the corpus (figures in docs/termbase.md; run with
    ``-s`` to see them). Lines are aligned by order within files whose line counts agree."""
    words = 0
    counts = dict.fromkeys(("TRM001", "TRM002", "TRM003"), 0)
    for nl in sorted((CORPUS / "nl").rglob("*.md")):
        en = CORPUS / "en" / nl.relative_to(CORPUS / "nl")
        if not en.is_file():
            continue
        a, b = _blocks(en), _blocks(nl)
        if len(a) != len(b):
            continue
        for s, t in zip(a, b, strict=True):
            if not _aligned(s, t):
                continue
            words += len(t.split())
            for code in counts:
                counts[code] += len(run(ctx, s, t, code))
    rates = {code: round(1000 * n / words, 2) for code, n in counts.items()}
    print(f"\ncorpus: {words} Dutch words; findings {counts}; per 1,000 words {rates}")
    assert words > 20000
    assert all(rate < 15 for rate in rates.values())


def test_french_terms_meet_either_apostrophe_and_a_chinese_term_is_found_as_written() -> None:
    from locqa.termbase import Concept, Term, Termbase, TermStatus

    business = Concept(
        "c1",
        terms=(Term("business credit", "en"), Term("crédit d’entreprise", "fr")),
    )
    native = Concept(
        "c2",
        terms=(
            Term("native", "en"),
            Term("原生", "zh-Hans"),
            Term("本机", "zh-Hans", status=TermStatus.DEPRECATED),
        ),
    )
    tb = Termbase((business, native), digest="t")
    fr = CheckContext(target_lang="fr", nlp=Pipelines(), termbase=tb)
    unit = Unit("Set the business credit", "Définissez le crédit d'entreprise")
    assert list(REGISTRY["TRM001"]().check(unit, fr)) == []
    zh = CheckContext(target_lang="zh-Hans", nlp=Pipelines(), termbase=tb)
    unit = Unit("Use the native integration", "使用非本机集成")  # jieba keeps 非本机 whole
    (found,) = REGISTRY["TRM002"]().check(unit, zh)
    assert unit.msgstr[found.start : found.end] == "本机"
