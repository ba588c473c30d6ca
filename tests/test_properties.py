"""Round-trip properties beyond tests/test_roundtrip.py, on the richer generator.

Markdown: parsing never fails on valid documents and splicing puts back every byte (BOM,
CR/LF/CRLF mixed, tabs, HTML blocks and comments left open at the end of the file, deep
and mixed lists, non-ASCII). Translate → extract → build reproduces the translation
exactly. Catalogues: what Babel writes, Babel and polib read back identically and the
strict syntax check accepts. Annotation is idempotent.
"""

from __future__ import annotations

import io
import re
import tempfile
from pathlib import Path

import polib
from babel.messages.catalog import Catalog
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from locqa.annotate import annotate_po
from locqa.build import build
from locqa.catalog import check_duplicates, check_po_syntax, read_catalog, serialize
from locqa.config import load_settings
from locqa.extract import extract
from locqa.findings import Finding, Severity
from locqa.markdown import parse_document, splice
from strategies import rich_markdown_documents

QUICK = settings(max_examples=200, deadline=None)


@given(rich_markdown_documents())
@QUICK
def test_parse_and_identity_splice_keep_every_byte(text: str) -> None:
    doc = parse_document(text)
    assert splice(doc, {i: s.text for i, s in enumerate(doc.segments)}) == text
    assert splice(doc, {}) == text
    for seg in doc.segments:
        for start, end in seg.pieces:
            assert 0 <= start <= end <= len(text)


def _translate(text: str) -> str:
    doc = parse_document(text)
    new = {}
    for i, seg in enumerate(doc.segments):
        lines = 1 if seg.signature.startswith("fm:") else len(seg.pieces)
        new[i] = "\n".join(f"Vertaald {i}.{k} ë" for k in range(lines))
    return splice(doc, new)


@given(rich_markdown_documents())
@QUICK
def test_translate_then_revert_is_byte_identical(text: str) -> None:
    doc = parse_document(text)
    translated = _translate(text)
    redoc = parse_document(translated)
    assert [s.signature for s in redoc.segments] == [s.signature for s in doc.segments]
    back = splice(redoc, {i: s.text for i, s in enumerate(doc.segments)})
    if back != text:
        # Known, accepted: a changed block scalar (``title: >-`` / ``|``) in the front
        # matter is written back double-quoted: the same YAML value, another style.
        assert doc.front_matter and any(s.yaml_style in (">", "|") for s in doc.segments)
        assert parse_document(back).front_matter == doc.front_matter
        assert _body(back) == _body(text)


def _body(text: str) -> str:
    """The text after the front matter's closing fence."""
    return re.split(r"(?:\r\n|\r|\n)(?:---|\.\.\.)[ \t]*(?:\r\n|\r|\n|$)", text, maxsplit=1)[1]


@given(rich_markdown_documents())
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_extract_then_build_reproduces_a_different_translation(text: str) -> None:
    translated = _translate(text)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for lang, body in (("en", text), ("nl", translated)):
            (root / "content" / lang).mkdir(parents=True)
            (root / "content" / lang / "doc.md").write_bytes(body.encode("utf-8"))
        conf = load_settings(root)
        extract(conf)
        po = root / "locales" / "nl" / "LC_MESSAGES" / "doc.po"
        check_po_syntax(po.read_text("utf-8"), str(po))
        build(conf)
        assert (root / "build" / "nl" / "doc.md").read_bytes() == translated.encode("utf-8")
        before = po.read_bytes()
        extract(conf)  # a second extract changes nothing
        assert po.read_bytes() == before


# ------------------------------------------------------------------ catalogues

PO_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    min_size=1,
    max_size=120,
)
PO_TEXT_TYPICAL = st.one_of(
    PO_TEXT,
    st.lists(
        st.sampled_from(
            [
                "word",
                "ë",
                "\\",
                '"',
                "\t",
                "\n",
                " ",
                "  ",
                "%s",
                "{0}",
                "#",
                "msgid",
                "\r\n",
                "x" * 90,
            ]
        ),
        min_size=1,
        max_size=30,
    ).map("".join),
)


@st.composite
def catalogs(draw: st.DrawFn) -> Catalog:
    catalog = Catalog(locale="nl", domain="doc", project="locqa", version="1", fuzzy=False)
    for _ in range(draw(st.integers(1, 8))):
        msgid = draw(PO_TEXT_TYPICAL)
        context = draw(st.one_of(st.none(), st.sampled_from(["variant 2", 'x"y'])))
        if msgid.strip() == "" or (context, msgid) in {(m.context, m.id) for m in catalog}:
            continue
        catalog.add(
            msgid,
            draw(st.one_of(st.just(""), PO_TEXT_TYPICAL)),
            locations=[(f"content/en/{draw(st.sampled_from(['a', 'b c']))}.md", 3)],
            auto_comments=[draw(st.sampled_from(["paragraph", "table-cell"]))],
            flags=draw(st.sampled_from([(), ("fuzzy",)])),
            context=context,
            previous_id=draw(st.one_of(st.none(), PO_TEXT_TYPICAL)),
        )
    return catalog


def _messages(entries: object) -> list[tuple[object, ...]]:
    return sorted(
        ((m.context, m.id, m.string, m.fuzzy) for m in entries if m.id),  # type: ignore[attr-defined]
        key=repr,
    )


@given(catalogs())
@settings(max_examples=300, deadline=None)
def test_written_catalogue_reads_back_the_same_in_babel_and_polib(catalog: Catalog) -> None:
    assume(any(m.id for m in catalog))
    data = serialize(catalog)
    text = data.decode("utf-8")
    check_po_syntax(text, "x.po")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.po"
        path.write_bytes(data)
        check_duplicates(path, "x.po")
        back = read_catalog(path, "nl")
        po = polib.pofile(str(path))  # a file: polib splits a string with str.splitlines
    assert _messages(back) == _messages(catalog)
    seen = sorted(((e.msgctxt, e.msgid, e.msgstr, "fuzzy" in e.flags) for e in po), key=repr)
    assert seen == _messages(catalog)


@st.composite
def findings_for(draw: st.DrawFn, catalog: Catalog) -> list[Finding]:
    messages = [m for m in catalog if m.id]
    out = []
    for _ in range(draw(st.integers(0, 6))):
        msg = draw(st.sampled_from(messages))
        out.append(
            Finding(
                check=draw(st.sampled_from(["ENC001", "TRN003", "LT001"])),
                severity=Severity.WARNING,
                message=draw(PO_TEXT_TYPICAL),
                path="content/nl/doc.md",
                line=1,
                msgid=msg.id,
                msgstr=msg.string or "",
                msgctxt=msg.context,
            )
        )
    return out


@given(st.data())
@settings(max_examples=100, deadline=None)
def test_annotation_is_idempotent_and_reversible(data: st.DataObject) -> None:
    catalog = data.draw(catalogs())
    assume(any(m.id for m in catalog))
    found = data.draw(findings_for(catalog))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.po"
        original = serialize(catalog)
        path.write_bytes(original)
        annotate_po(path, found)
        once = path.read_bytes()
        assert annotate_po(path, found) is False  # nothing left to change
        assert path.read_bytes() == once
        before = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(path))}
        (Path(tmp) / "orig.po").write_bytes(original)
        assert before == {
            (e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(Path(tmp) / "orig.po"))
        }
        annotate_po(path, [])
        cleared = polib.pofile(str(path))
        assert not any("locqa:" in (e.tcomment or "") for e in cleared)


def test_serialize_is_stable_bytes() -> None:
    catalog = Catalog(locale="nl", domain="d", fuzzy=False)
    catalog.add('a "b" \\ c\td', "ë\n", locations=[("x.md", 1)])
    first = serialize(catalog)
    again = serialize(read_catalog_from_bytes(first))
    assert first == again


def read_catalog_from_bytes(data: bytes) -> Catalog:
    from babel.messages.pofile import read_po

    return read_po(io.BytesIO(data), locale="nl")


def test_long_previous_msgid_is_valid_gettext(tmp_path: Path) -> None:
    """Regression: Babel wrapped a long ``#| msgid`` as comment text, cutting strings across
    lines; msgfmt and polib (so annotation) rejected every catalogue in which a long
    source paragraph had changed."""
    catalog = Catalog(locale="nl", fuzzy=False)
    long = "See [the guide](https://experienceleague.adobe.com/docs/commerce/store-views.html) now."
    catalog.add("new", "nieuw", flags=("fuzzy",), previous_id="word " * 30, locations=[("a.md", 1)])
    catalog.add("other", "ander", flags=("fuzzy",), previous_id=long, context="variant 2")
    path = tmp_path / "x.po"
    path.write_bytes(serialize(catalog))
    check_po_syntax(path.read_text("utf-8"), "x.po")
    po = polib.pofile(str(path))
    assert po.find("new").previous_msgid == "word " * 30
    assert po.find("other", msgctxt="variant 2").previous_msgid == long
    read_catalog(path, "nl")


CRASHES = Path(__file__).parent / "fuzz" / "crashes"


def test_fuzz_regression_annotate_idempotent_on_mutated_catalogue() -> None:
    import sys

    sys.path.insert(0, str(Path(__file__).parent / "fuzz"))
    from run import fuzz_annotate

    fuzz_annotate((CRASHES / "annotate-not-idempotent.po").read_bytes())
