"""PO annotation: fuzzy flags and ``# locqa:`` comments, idempotent, people's comments kept."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import polib
import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locqa.annotate import COMMENT_WIDTH, FUZZY_MARKER, annotate_catalogue, annotate_po
from locqa.errors import InputError
from locqa.findings import Finding, Severity
from locqa.po import Catalogue

LONG = "Deze zin is lang genoeg om door Babel over meerdere regels te worden verdeeld, " * 3


def babel_catalog() -> Catalog:
    catalog = Catalog(locale="nl", domain="page", project="docs", version="1")
    catalog.add("Every client", "Elke cliÃ«nt", locations=[("content/nl/page.md", 3)],
                auto_comments=["kind: paragraph"], user_comments=["Checked by Anna"])  # fmt: skip
    catalog.add("Bulk orders", "Opsommingsopdrachten", locations=[("content/nl/page.md", 5)],
                flags=["fuzzy"], previous_id="Bulk order")  # fmt: skip
    catalog.add("Title", "Titel", context="front-matter:title",
                locations=[("content/nl/page.md", 1)])  # fmt: skip
    catalog.add("A long paragraph " * 8, LONG, locations=[("content/nl/page.md", 9)])
    catalog.add("Pending", "In afwachting", flags=["fuzzy"], locations=[("content/nl/page.md", 11)])
    return catalog


@pytest.fixture
def po_path(tmp_path: Path) -> Path:
    path = tmp_path / "page.po"
    buffer = io.BytesIO()
    write_po(buffer, babel_catalog(), width=76, include_previous=True)
    path.write_bytes(buffer.getvalue())
    return path


def finding(msgid: str, msgstr: str, check: str = "ENC001", message: str = "Mojibake",
            msgctxt: str | None = None) -> Finding:  # fmt: skip
    return Finding(check, Severity.ERROR, message, "content/nl/page.md", 3, msgid, msgstr, 0, 2,
                   msgctxt=msgctxt)  # fmt: skip


def entry(path: Path, msgid: str) -> polib.POEntry:
    found = polib.pofile(str(path)).find(msgid)
    assert found is not None
    return found


def test_annotates_and_is_idempotent(po_path: Path) -> None:
    findings = [
        finding("Every client", "Elke cliÃ«nt"),
        finding("Every client", "Elke cliÃ«nt", "TRM001", "Term 'client': use 'klant'"),
        finding("Title", "Titel", "TRN001", "Untranslated", msgctxt="front-matter:title"),
    ]
    assert annotate_po(po_path, findings) is True
    first = po_path.read_bytes()
    assert annotate_po(po_path, findings) is False
    assert po_path.read_bytes() == first
    client = entry(po_path, "Every client")
    assert client.fuzzy
    assert client.tcomment.split("\n") == [
        "Checked by Anna",
        FUZZY_MARKER,
        "locqa: ENC001 Mojibake",
        "locqa: TRM001 Term 'client': use 'klant'",
    ]
    title = polib.pofile(str(po_path)).find("Title", msgctxt="front-matter:title")
    assert title is not None and title.fuzzy
    assert "# locqa: TRN001 Untranslated" in po_path.read_text(encoding="utf-8")


def test_only_comment_and_flag_lines_change(po_path: Path) -> None:
    original = po_path.read_text(encoding="utf-8").splitlines()
    annotate_po(po_path, [finding("A long paragraph " * 8, LONG)])
    annotated = po_path.read_text(encoding="utf-8").splitlines()
    diff = list(difflib.ndiff(original, annotated))
    assert [line[2:] for line in diff if line.startswith("+ ")] == [
        f"# {FUZZY_MARKER}",
        "# locqa: ENC001 Mojibake",
        "#, fuzzy",
    ]
    assert [line for line in diff if line.startswith("- ")] == []


def test_clearing_findings_restores_the_file_byte_for_byte(po_path: Path) -> None:
    original = po_path.read_bytes()
    annotate_po(po_path, [finding("Every client", "x"), finding("Pending", "x")])
    assert po_path.read_bytes() != original
    assert annotate_po(po_path, []) is True
    assert po_path.read_bytes() == original


def test_fuzzy_that_is_not_ours_is_kept(po_path: Path) -> None:
    # "Pending" was fuzzy before locqa; "Bulk orders" is fuzzy with a #| previous msgid.
    annotate_po(po_path, [finding("Pending", "x"), finding("Bulk orders", "x", "TRM002")])
    assert FUZZY_MARKER not in entry(po_path, "Pending").tcomment
    annotate_po(po_path, [])
    pending, bulk = entry(po_path, "Pending"), entry(po_path, "Bulk orders")
    assert pending.fuzzy and pending.tcomment == ""
    assert bulk.fuzzy and bulk.previous_msgid == "Bulk order" and bulk.tcomment == ""


def test_marker_with_previous_msgid_keeps_fuzzy(tmp_path: Path) -> None:
    path = tmp_path / "merged.po"
    path.write_text(
        f'# {FUZZY_MARKER}\n# locqa: ENC001 old\n#, fuzzy\n#| msgid "Old"\nmsgid "New"\n'
        'msgstr "Nieuw"\n',
        encoding="utf-8",
    )
    assert annotate_po(path, []) is True
    assert (
        path.read_text(encoding="utf-8")
        == '#, fuzzy\n#| msgid "Old"\nmsgid "New"\nmsgstr "Nieuw"\n'
    )


def test_ours_removed_when_the_findings_are_gone_and_people_kept(po_path: Path) -> None:
    annotate_po(po_path, [finding("Every client", "x")])
    annotate_po(po_path, [finding("Every client", "x", "TRM001", "Other problem")])
    client = entry(po_path, "Every client")
    assert client.tcomment.split("\n") == [
        "Checked by Anna",
        FUZZY_MARKER,
        "locqa: TRM001 Other problem",
    ]
    annotate_po(po_path, [])
    client = entry(po_path, "Every client")
    assert client.tcomment == "Checked by Anna" and not client.fuzzy


def test_unchanged_file_is_not_rewritten(po_path: Path) -> None:
    before = po_path.stat().st_mtime_ns
    assert annotate_po(po_path, [finding("Not in this catalogue", "x")]) is False
    assert po_path.stat().st_mtime_ns == before


def test_comments_are_one_line_and_survive_babel_rewrapping(po_path: Path) -> None:
    message = "Line one\nline two\x1b[31m " + "very long words " * 12
    findings = [finding("Every client", "x", "TRM001", message)] * 2  # duplicates: one line
    annotate_po(po_path, findings)
    ours = [
        line for line in entry(po_path, "Every client").tcomment.split("\n") if "TRM001" in line
    ]
    assert len(ours) == 1
    assert len(ours[0]) <= COMMENT_WIDTH and ours[0].endswith("…")
    assert "\n" not in ours[0] and "\x1b" not in ours[0] and "\\x1b" in ours[0]
    # The catalogue writer (Babel, width 76) rewrites the file: our lines stay whole.
    with po_path.open("rb") as handle:
        catalog = read_po(handle)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76, include_previous=True)
    po_path.write_bytes(buffer.getvalue())
    assert annotate_po(po_path, findings) is False


def test_crlf_line_endings_are_kept(tmp_path: Path) -> None:
    path = tmp_path / "crlf.po"
    path.write_bytes(b'# people\r\nmsgid "a"\r\nmsgstr "b"\r\n')
    annotate_po(path, [finding("a", "b")])
    data = path.read_bytes()
    assert b"\n" not in data.replace(b"\r\n", b"")
    assert b"# locqa: ENC001 Mojibake\r\n#, fuzzy\r\nmsgid" in data


def test_annotate_catalogue_changes_memory_only(tmp_path: Path) -> None:
    path = tmp_path / "pure.po"
    original = b'msgid "a"\nmsgstr "b"\n\nmsgid "c"\nmsgstr "d"\n'
    path.write_bytes(original)
    catalogue = Catalogue.load(path, "", "pure.po")
    annotate_catalogue(catalogue, [finding("a", "b")])
    first, second = catalogue.get((None, "a")), catalogue.get((None, "c"))
    assert first is not None and second is not None
    assert first.fuzzy and first.user_comments == [FUZZY_MARKER, "locqa: ENC001 Mojibake"]
    assert not second.fuzzy and second.user_comments == []
    assert catalogue.changed == {(None, "a")}
    assert path.read_bytes() == original and [p.name for p in tmp_path.iterdir()] == ["pure.po"]


def test_syntax_error_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.po"
    original = b'msgid "a"\nmsgstr "b"\nthis is not po\n'
    path.write_bytes(original)
    with pytest.raises(InputError) as error:
        annotate_po(path, [finding("a", "b")])
    assert error.value.line == 3 and error.value.path == str(path)
    assert str(error.value).startswith(f"{path}:3: PO syntax error")
    assert path.read_bytes() == original


def test_bad_encoding_and_missing_file(tmp_path: Path) -> None:
    path = tmp_path / "latin.po"
    path.write_bytes(b'msgid "a"\n\nmsgstr "\xff"\n')
    with pytest.raises(InputError) as error:
        annotate_po(path, [])
    assert error.value.line == 3
    with pytest.raises(InputError):
        annotate_po(tmp_path / "missing.po", [])


human_lines = st.lists(
    st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Zl", "Zp")), max_size=30)
    .map(lambda s: " ".join(s.split()))
    .filter(lambda s: not s.startswith("locqa:")),
    max_size=3,
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    comments=human_lines,
    fuzzy=st.booleans(),
    codes=st.lists(st.sampled_from(["ENC001", "TRM001"]), max_size=3),
)
def test_annotate_then_clear_round_trips(
    tmp_path: Path, comments: list[str], fuzzy: bool, codes: list[str]
) -> None:
    header = "".join(f"# {line}\n" if line else "#\n" for line in comments)
    flags = "#, fuzzy\n" if fuzzy else ""
    text = f'{header}#: page.md:1\n{flags}msgid "a"\nmsgstr "b"\n'
    path = tmp_path / "prop.po"
    path.write_text(text, encoding="utf-8")
    findings = [finding("a", "b", code, f"message {i}") for i, code in enumerate(codes)]
    annotate_po(path, findings)
    annotated = path.read_bytes()
    assert annotate_po(path, findings) is False and path.read_bytes() == annotated
    assert entry(path, "a").fuzzy == (fuzzy or bool(findings))
    annotate_po(path, [])
    assert path.read_text(encoding="utf-8") == text
