"""Inline construct spans from locqa.markup."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from locqa import markup


def kinds(text: str) -> list[tuple[str, str]]:
    return [(c.kind, text[c.start : c.end]) for c in markup.parse_inline(text)]


def test_link_with_title_and_attrs() -> None:
    text = 'Zie [dit *artikel*](https://x.com/a_b "titel"){target="_blank"} nu'
    found = markup.parse_inline(text)
    link = next(c for c in found if c.kind == "link")
    assert text[link.start : link.end] == '[dit *artikel*](https://x.com/a_b "titel")'
    assert link.url == "https://x.com/a_b"
    assert link.title == "titel"
    assert text[link.inner_start : link.inner_end] == "dit *artikel*"
    assert ("em", "*artikel*") in kinds(text)
    assert ("attrs", '{target="_blank"}') in kinds(text)


def test_adobe_extensions_nest_inside_emphasis_and_each_other() -> None:
    text = "Klik **[!UICONTROL Save]** in [!DNL Adobe Commerce] [!BADGE a [!DNL B]]{type=x}"
    got = kinds(text)
    assert ("strong", "**[!UICONTROL Save]**") in got
    assert ("uicontrol", "[!UICONTROL Save]") in got
    assert ("dnl", "[!DNL Adobe Commerce]") in got
    assert ("badge", "[!BADGE a [!DNL B]]") in got
    assert ("dnl", "[!DNL B]") in got
    assert ("attrs", "{type=x}") in got
    dnl = next(c for c in markup.parse_inline(text) if c.kind == "dnl")
    assert dnl.content == "Adobe Commerce"


def test_video_embed_is_a_link_not_an_extension() -> None:
    assert kinds("[!VIDEO](https://v.tv/1)") == [("link", "[!VIDEO](https://v.tv/1)")]


def test_code_html_entity_autolink_and_bare_url() -> None:
    text = "Run `a &amp; b` <b>x</b> &quot; <https://a.b/c> of https://foo.com/bar."
    got = kinds(text)
    assert ("code", "`a &amp; b`") in got
    assert ("html", "<b>") in got and ("html", "</b>") in got
    assert ("entity", "&quot;") in got
    assert ("autolink", "<https://a.b/c>") in got
    assert ("url", "https://foo.com/bar") in got
    assert not any(k == "entity" and s == "&amp;" for k, s in got)  # inside code


def test_entities_inside_image_alt_text_have_document_offsets() -> None:
    text = "![&#x200B; een diagram &#x200B;](/a.png) toont"
    entities = markup.constructs(text, "entity")
    assert [text[c.start : c.end] for c in entities] == ["&#x200B;", "&#x200B;"]
    assert entities[0].start == 2


def test_identifiers_and_templates_are_not_prose() -> None:
    text = "Het bestand app/etc/env.php en setup_version, {{ee-feature}} en/of e.g. tekst"
    plain = markup.prose(text)
    assert "env" not in plain and "setup" not in plain and "feature" not in plain
    assert "en/of" in plain and "e.g." in plain and "tekst" in plain


def test_strong_with_underscores_and_strike() -> None:
    got = kinds("__st__ en ~~weg~~")
    assert ("strong", "__st__") in got
    assert ("strike", "~~weg~~") in got


@given(st.text(alphabet="ab *_`[]()!{}<>&;#x\n\\", max_size=40))
def test_spans_are_inside_the_text_and_prose_keeps_length(text: str) -> None:
    for c in markup.parse_inline(text):
        assert 0 <= c.start <= c.inner_start <= c.inner_end <= c.end <= len(text)
        assert c.text == text[c.start : c.end]
    assert len(markup.prose(text)) == len(text)
