"""Round-trip properties: what extract takes out, build puts back exactly."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locqa.build import build
from locqa.config import load_settings
from locqa.extract import extract
from locqa.markdown import parse_document, splice
from strategies import markdown_documents


@given(markdown_documents())
@settings(max_examples=300, deadline=None)
def test_pieces_are_exact_slices_in_order(text: str) -> None:
    doc = parse_document(text)
    last = -1
    for seg in doc.segments:
        if not seg.signature.startswith("fm:"):  # front matter: the parsed YAML value
            assert "\n".join(text[s:e] for s, e in seg.pieces) == seg.text
        for start, end in seg.pieces:
            assert last <= start <= end
            last = end


@given(markdown_documents(), st.data())
@settings(max_examples=300, deadline=None)
def test_translate_then_revert_is_byte_identical(text: str, data: st.DataObject) -> None:
    """Replace every segment by other text, re-parse, put the originals back: same bytes."""
    doc = parse_document(text)
    new = {}
    for i, seg in enumerate(doc.segments):
        lines = len(seg.pieces) if not seg.signature.startswith("fm:") else 1
        new[i] = "\n".join(f"Vertaald{i}x{k}" for k in range(lines))
    translated = splice(doc, new)
    redoc = parse_document(translated)
    assert [s.signature for s in redoc.segments] == [s.signature for s in doc.segments]
    assert [s.text for s in redoc.segments] == list(new.values())
    back = splice(redoc, {i: seg.text for i, seg in enumerate(doc.segments)})
    assert back == text


@given(markdown_documents())
@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_extract_then_build_reproduces_the_translation(tmp_path_factory: object, text: str) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for lang in ("en", "nl"):
            (root / "content" / lang).mkdir(parents=True)
            (root / "content" / lang / "doc.md").write_bytes(text.encode("utf-8"))
        conf = load_settings(root)
        extract(conf)
        build(conf)
        assert (root / "build" / "nl" / "doc.md").read_bytes() == text.encode("utf-8")
