"""Terminology checks TRM001-TRM003 on lemmas, with the shipped termbase."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from locqa.checks.base import REGISTRY, CheckContext, Unit
from locqa.checks.terms import DeprecatedTerm, DntAltered, MissingTerm, match_case, nl_fallback
from locqa.findings import Finding, FixSafety, Severity
from locqa.nlp import Pipelines
from locqa.termbase import load_termbase

ROOT = Path(__file__).resolve().parents[1]
TBX = ROOT / "locales" / "glossary" / "en-nl.tbx"
SAMPLE = ROOT / "content" / "nl" / "b2b-b2c.md"
CORPUS = ROOT.parent / "shared" / "corpus" / "commerce-learn"


@pytest.fixture(scope="module")
def ctx() -> CheckContext:
    return CheckContext(nlp=Pipelines(), termbase=load_termbase(TBX))


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
        ("Easy checkout", "Eenvoudig uitchecken", "uitchecken", "afrekenen"),
        ("BULK ORDERS", "OPSOMMINGSOPDRACHTEN", "OPSOMMINGSOPDRACHTEN", "BULKBESTELLINGEN"),
        ("Customer-focused", "Gebruikergericht", "Gebruikergericht", "Klantgericht"),
        ("Prices per customer", "Prijzen per cliënt", "cliënt", "klant"),
        ("Add items to the cart", "Voeg artikelen aan de kar toe", "kar", "winkelwagen"),
        ("The platform supports it", "Het platform steunt het", "steunt", "ondersteunt"),
        ("Quotes overview", "Overzicht van citaten", "citaten", "offertes"),
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


def test_deprecated_prefix_of_compound_is_unsafe(ctx: CheckContext) -> None:
    findings = run(ctx, "Post-sale issues", "Post-verkoopkwesties", "TRM002")
    assert spans(findings) == [("Post-verkoop", "Aftersales")]
    assert findings[0].fix is FixSafety.UNSAFE


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
    missing = run(ctx, "Cache with Fastly", "Cache met snel", "TRM003")
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
