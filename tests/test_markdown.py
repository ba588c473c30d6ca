from __future__ import annotations

import pytest

from locqa.errors import InputError
from locqa.markdown import (
    decode,
    is_translatable,
    parse_document,
    splice,
    split_table_row,
    yaml_scalar,
)


def texts(md: str) -> list[tuple[str, str]]:
    return [(s.kind, s.text) for s in parse_document(md).segments]


def test_blocks_are_segments_with_exact_spans() -> None:
    md = "# Title {#t}\n\nSome *text* here.\n\n- one\n- two\n  - nested\n"
    doc = parse_document(md)
    assert [(s.kind, s.text, s.signature) for s in doc.segments] == [
        ("heading", "Title", "h1"),
        ("paragraph", "Some *text* here.", "p"),
        ("list-item", "one", "ul1/p"),
        ("list-item", "two", "ul1/p"),
        ("list-item", "nested", "ul1/ul2/p"),
    ]
    for seg in doc.segments:
        assert "\n".join(md[s:e] for s, e in seg.pieces) == seg.text
    assert [s.line for s in doc.segments] == [1, 3, 5, 6, 7]


def test_code_html_snippets_and_attributes_are_not_extracted() -> None:
    md = (
        "```python\nprint('hello world')\n```\n\n    indented code\n\n"
        "<div>\n<p>Some html text</p>\n</div>\n\n{{$include /help/_includes/x.md}}\n\n"
        ">[!VIDEO](https://video.example.com/v/1)\n\n`code only`\n\n[!DNL Adobe Commerce]\n"
    )
    assert texts(md) == []


def test_admonition_marker_is_not_text() -> None:
    md = ">[!NOTE]\n>\n>Back up first.\n>Then continue.\n"
    doc = parse_document(md)
    assert [(s.kind, s.text) for s in doc.segments] == [
        ("admonition note", "Back up first.\nThen continue.")
    ]
    assert doc.segments[0].signature == "bq!NOTE/p"


def test_front_matter_only_configured_keys() -> None:
    md = "---\ntitle: 'It''s here'\ndescription: Plain text\nexl-id: abc-123\n---\n# H\n"
    doc = parse_document(md)
    assert [(s.kind, s.text) for s in doc.segments][:2] == [
        ("front-matter title", "It's here"),
        ("front-matter description", "Plain text"),
    ]
    assert doc.front_matter is not None and doc.front_matter["exl-id"] == "abc-123"
    out = splice(doc, {0: "Het is hier", 1: "Tekst: met dubbele punt"})
    assert (
        out
        == "---\ntitle: 'Het is hier'\ndescription: \"Tekst: met dubbele punt\"\nexl-id: abc-123\n---\n# H\n"
    )
    assert parse_document(out).segments[1].text == "Tekst: met dubbele punt"


def test_table_cells_and_escaped_pipes() -> None:
    md = "| A | B \\| C |\n|---|---|\n| one | `x` |\n| two |\n"
    doc = parse_document(md)
    assert [(s.kind, s.text, s.signature) for s in doc.segments] == [
        ("table-header", "A", "th:c1"),
        ("table-header", "B \\| C", "th:c2"),
        ("table-cell", "one", "td:r1c1"),
        ("table-cell", "two", "td:r2c1"),
    ]
    assert split_table_row("| a | b \\| c |") == [(2, 3), (6, 12)]


def test_image_only_paragraph_gives_alt_text() -> None:
    doc = parse_document('![Admin panel](img/a.png){width="300"}\n')
    assert [(s.kind, s.text) for s in doc.segments] == [("image-alt", "Admin panel")]
    assert splice(doc, {0: "Beheerpaneel"}) == '![Beheerpaneel](img/a.png){width="300"}\n'


def test_splice_keeps_crlf_prefixes_and_other_bytes() -> None:
    md = "> quoted line one\r\n> line two  \r\n\r\n| a | b |\r\n|---|---|\r\n| c | d |\r\n"
    doc = parse_document(md)
    assert doc.segments[0].text == "quoted line one\nline two"
    assert splice(doc, {0: "een\ntwee"}) == md.replace("quoted line one", "een").replace(
        "line two", "twee"
    )
    three = splice(doc, {0: "een\ntwee\ndrie"})
    assert three.startswith("> een\r\n> twee\r\n> drie  \r\n")
    assert splice(doc, {4: "D"}).endswith("| c | D |\r\n")


def test_multiline_translation_in_list_item_is_indented() -> None:
    doc = parse_document("- item\n- other\n")
    assert splice(doc, {0: "regel een\nregel twee"}) == "- regel een\n  regel twee\n- other\n"


def test_heading_translation_with_newline_stays_one_line() -> None:
    doc = parse_document("## Old {#anchor}\n")
    assert splice(doc, {0: "Nieuw\nkopje"}) == "## Nieuw kopje {#anchor}\n"


def test_bom_is_kept_outside_segments() -> None:
    md = "\ufeff# Title\n"
    doc = parse_document(md)
    assert doc.segments[0].text == "Title"
    assert splice(doc, {0: "Titel"}) == "\ufeff# Titel\n"


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (b"# ok\n\xff\xfe bad\n", "not valid UTF-8", 2),
        (b"# ok\n\nnul \x00 here\n", "NUL byte", 3),
    ],
)
def test_decode_errors_name_the_line(data: bytes, message: str, line: int) -> None:
    with pytest.raises(InputError) as info:
        decode(data, "a.md")
    assert message in info.value.message and info.value.line == line
    assert str(info.value).startswith(f"a.md:{line}: ")


def test_unterminated_front_matter() -> None:
    with pytest.raises(InputError, match="never closed") as info:
        parse_document("---\ntitle: x\n# no end\n", "a.md")
    assert info.value.line == 1


def test_invalid_yaml_names_the_line() -> None:
    with pytest.raises(InputError, match="invalid YAML") as info:
        parse_document("---\ntitle: ok\ndescription: [unclosed\nother: x\n---\n", "a.md")
    assert info.value.line is not None and 3 <= info.value.line <= 5


def test_is_translatable() -> None:
    assert is_translatable("Save the **file**")
    assert not is_translatable("`bin/magento` 2.4.7")
    assert not is_translatable("[!DNL Adobe Commerce]")
    assert not is_translatable("{{$include /help/x.md}}")


@pytest.mark.parametrize(
    "value", ["plain", "it's", 'say "hi"', "a: b", "#hash", "x #y", "", " lead", "yes", "12"]
)
@pytest.mark.parametrize("style", [None, "'", '"'])
def test_yaml_scalar_round_trips(value: str, style: str | None) -> None:
    import yaml

    assert yaml.safe_load(f"k: {yaml_scalar(value, style)}\n")["k"] == value
