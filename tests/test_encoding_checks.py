"""ENC001-ENC004 on the translation text."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from locqa import markup
from locqa.checks.base import CheckContext, Unit
from locqa.checks.encoding import HtmlEntity, InvisibleCharacter, Mojibake, ReplacementCharacter
from locqa.findings import Finding, FixSafety, Severity

CTX = CheckContext(target_lang="nl")
SAMPLE = Path(__file__).resolve().parents[1] / "content" / "nl" / "b2b-b2c.md"

CORRECT = [
    "Veelgestelde vragen", "Productcarrousel", "Consistente prijzen", "Prijs", "Klein volume",
    "cliënt", "vóór", "café", "€ 25", "“quotes”", "‘enkel’", "–", "—", "…", "ideeën", "coöperatie",
    "België", "naïef", "crème brûlée", "Größe", "garçon", "À la carte", "½ kg", "× 2", "©", "®",
    "São Paulo", "Ærø", "Māori", "°C", "µs", "≥ 2", "→", "», «", "façade", "reçu", "één",
]  # fmt: skip


def run(check: object, msgstr: str, msgid: str = "source") -> list[Finding]:
    return list(check.check(Unit(msgid, msgstr), CTX))  # type: ignore[attr-defined]


def apply(text: str, findings: list[Finding]) -> str:
    for f in sorted(findings, key=lambda f: f.start or 0, reverse=True):
        assert f.start is not None and f.end is not None and f.suggestion is not None
        text = text[: f.start] + f.suggestion + text[f.end :]
    return text


def test_mojibake_span_and_repair() -> None:
    text = "Dynamische prijswijzigingen per cliÃ«nt, productaantal"
    (f,) = run(Mojibake(), text)
    assert text[f.start : f.end] == "Ã«"
    assert f.suggestion == "ë"
    assert f.severity is Severity.ERROR and f.fix is FixSafety.SAFE


def test_mojibake_several_sequences() -> None:
    text = "Ã©tÃ© en itâ€™s"
    findings = run(Mojibake(), text)
    # the repeated sequence is one finding over both, with a count
    assert [text[f.start : f.end] for f in findings] == ["Ã©tÃ©", "â€™"]
    assert "×2" in findings[0].message
    assert apply(text, findings) == "été en it’s"


@pytest.mark.parametrize("word", CORRECT)
def test_correct_accents_and_typography_are_not_mojibake(word: str) -> None:
    assert run(Mojibake(), f"Dit is {word} in een zin.") == []


def test_sample_article_mojibake_is_found() -> None:
    if not SAMPLE.is_file():
        pytest.skip("sample article absent")
    text = SAMPLE.read_text(encoding="utf-8")
    inline = [
        t.content
        for t in MarkdownIt("commonmark").enable("table").parse(text)
        if t.type == "inline"
    ]
    hits = [(seg, f) for seg in inline for f in run(Mojibake(), seg)]
    assert [(seg[f.start : f.end], f.suggestion) for seg, f in hits] == [("Ã«", "ë")]


ACCENTED = "éëèïöüáóúàçñ"


@given(
    st.lists(
        st.sampled_from(["de ", "klant", "prijs ", "é", "ë", "ï", "ö", "ç", " "]), max_size=12
    ),
    st.sampled_from(list(ACCENTED)),
)
def test_applying_mojibake_suggestions_restores_text(parts: list[str], char: str) -> None:
    clean = "cli" + char + "nt " + "".join(parts)
    broken = clean.replace(char, char.encode("utf-8").decode("latin-1"), 1)
    findings = run(Mojibake(), broken)
    assert findings
    assert apply(broken, findings) == clean


def test_entities_spans_suggestions() -> None:
    text = "B2B staat voor &quot;business&quot; en auto&#39;s &amp; video&#x27;s"
    findings = run(HtmlEntity(), text)
    assert [text[f.start : f.end] for f in findings] == [
        "&quot;business&quot;",
        "&#39;",
        "&amp;",
        "&#x27;",
    ]
    assert [f.suggestion for f in findings] == ['"business"', "'", "&", "'"]
    assert "×2 in this entry" in findings[0].message
    assert all(f.fix is FixSafety.SAFE for f in findings)
    assert apply(text, findings) == "B2B staat voor \"business\" en auto's & video's"


def test_entities_not_flagged_in_code_html_or_when_in_source() -> None:
    assert run(HtmlEntity(), 'Gebruik `&quot;` of <a title="&quot;x">link</a>') == []
    assert run(HtmlEntity(), "Schrijf &nbsp; hier", msgid="Write &nbsp; here") == []
    assert run(HtmlEntity(), "Schrijf &nbsp; hier", msgid="Write here")


def test_zero_width_entity_is_removed_with_one_space() -> None:
    text = "een verdacht &#x200B; IP-adres"
    (f,) = run(HtmlEntity(), text)
    assert f.suggestion == "" and f.severity is Severity.WARNING
    assert apply(text, [f]) == "een verdacht IP-adres"


@pytest.mark.parametrize(
    "text",
    [
        "状态为&#x200B;_待处理_&#x200B;时可以编辑订单。",  # Chinese, both sides needed
        "既定のグループは、_一般_、_卸売_&#x200B;です。",  # Japanese, the closing one
    ],
)
def test_a_zero_width_entity_that_lets_emphasis_open_or_close_is_kept(text: str) -> None:
    before = [c.content for c in markup.constructs(text, "em")]
    assert before  # Markdown reads emphasis thanks to the entity's ";"
    ja = CheckContext(target_lang="ja")
    assert list(HtmlEntity().check(Unit("The status is _pending_.", text), ja)) == []
    # with spaces around the emphasis the entity carries nothing: still a leak
    spaced = "De status is &#x200B;_in behandeling_&#x200B; tot de betaling."
    assert len(list(HtmlEntity().check(Unit("The status is _pending_.", spaced), CTX))) == 2


def test_entity_that_would_create_markup_is_unsafe() -> None:
    (lt,) = run(HtmlEntity(), "Gebruik &lt;client_id> hier")
    assert lt.suggestion == "<" and lt.fix is FixSafety.UNSAFE
    (brace,) = run(HtmlEntity(), "van 0&rbrace; Product")
    assert brace.fix is FixSafety.UNSAFE
    (amp,) = run(HtmlEntity(), "Center &amp; Admin")
    assert amp.fix is FixSafety.SAFE


@given(
    st.lists(
        st.sampled_from(["tekst ", "&quot;", "&#39;", "&amp; ", "auto", "é", "&#x200B;", " "]),
        max_size=15,
    )
)
def test_applying_safe_entity_fixes_leaves_no_entities(parts: list[str]) -> None:
    text = "".join(parts)
    findings = run(HtmlEntity(), text)
    assert all(f.fix is FixSafety.SAFE for f in findings)
    fixed = apply(text, findings)
    assert markup.constructs(fixed, "entity") == []
    assert run(HtmlEntity(), fixed) == []


# ---------------------------------------------------------------- issue 12: one finding per
# defect; invisible characters the source has


def test_repeated_identical_entities_are_one_finding_with_a_count() -> None:
    text = "Kies &quot;Ja&quot;, &quot;Nee&quot; of &#x200B; laat &#x200B; leeg"
    findings = run(HtmlEntity(), text)
    assert len(findings) == 2
    quotes, spaces = findings
    assert "×4 in this entry" in quotes.message and "×2 in this entry" in spaces.message
    assert apply(text, findings) == 'Kies "Ja", "Nee" of laat leeg'


def test_repeats_apart_from_protected_text_or_other_findings_stay_separate() -> None:
    # one edit may not cover a link target: two findings, each fixable on its own
    text = "[&#x200B; Gids &#x200B;](https://example.org/a) en [&#x200B; Lijst &#x200B;](https://example.org/b)"
    findings = run(HtmlEntity(), text)
    assert len(findings) == 2 and all("×2" in f.message for f in findings)
    assert (
        apply(text, findings)
        == "[ Gids ](https://example.org/a) en [ Lijst ](https://example.org/b)"
    )
    # another entity between two identical ones: three findings that do not overlap
    text = "&quot;a&quot; &amp; &quot;b"
    findings = run(HtmlEntity(), text)
    assert [text[f.start : f.end] for f in findings] == ["&quot;a&quot;", "&amp;", "&quot;"]
    assert apply(text, findings) == '"a" & "b'


def test_invisible_character_copied_from_the_source_is_left_alone() -> None:
    source = "Why the widget\u200b matters"
    assert run(InvisibleCharacter(), "Waarom de widget\u200b belangrijk is", msgid=source) == []
    # one the source does not have at that place is still found
    text = "Waarom de widget\u200b belangrijk is\u200b"
    (f,) = run(InvisibleCharacter(), text, msgid=source)
    assert f.start == len(text) - 1


def test_repeated_invisible_characters_are_one_finding() -> None:
    text = "Stel\u200b de\u200b widget in"
    (f,) = run(InvisibleCharacter(), text)
    assert "×2 in this entry" in f.message
    assert apply(text, [f]) == "Stel de widget in"


def test_invisible_characters() -> None:
    text = "kwaadwillig\u200b is\u00ad hier\u202e en \x07"
    findings = run(InvisibleCharacter(), text)
    assert [text[f.start : f.end] for f in findings] == ["\u200b", "\u00ad", "\u202e", "\x07"]
    assert all(f.suggestion == "" for f in findings)


def test_invisible_keeps_emoji_joiners_tabs_newlines_and_nbsp() -> None:
    assert run(InvisibleCharacter(), "👩\u200d💻 team\tA\nB 10\u00a0kg ❤\ufe0f") == []
    assert run(InvisibleCharacter(), "Veelgestelde vragen") == []


def test_replacement_character() -> None:
    text = "Prijs per cli\ufffd\ufffdnt"
    (f,) = run(ReplacementCharacter(), text)
    assert (f.start, f.end, f.suggestion, f.fix) == (13, 15, None, None)
    assert run(ReplacementCharacter(), "cliënt") == []


def test_compatibility_widths_are_normalised_where_the_style_forbids_them() -> None:
    from locqa.checks.encoding import CharacterWidth

    ja = CheckContext(target_lang="ja")
    text = "ｶｰﾄでＡＰＩ２を使います。`ＡＢ`はそのまま（全角の括弧も）。"
    found = list(CharacterWidth().check(Unit("Use API2 in the cart.", text), ja))
    assert [(text[f.start : f.end], f.suggestion, f.fix) for f in found] == [
        ("ｶｰﾄ", "カート", FixSafety.SAFE),
        ("ＡＰＩ２", "API2", FixSafety.SAFE),
    ]  # code and full-width punctuation are left alone
    # Dutch has no such style rule: nothing
    assert list(CharacterWidth().check(Unit("x", "ＡＰＩ"), CTX)) == []
