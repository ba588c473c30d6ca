"""The PO editor (locqa.po): only what changed is rewritten, previous msgids stay ``#|``."""

from __future__ import annotations

import io
from pathlib import Path

import polib
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from locqa.catalog import serialize
from locqa.po import Catalogue

MERGED = """\
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"PO-Revision-Date: 2026-01-01 10:00+0000\\n"

# Checked by Anna
#. kind: paragraph
#: page.md:3
#, fuzzy
#| msgctxt "old context"
#| msgid "Bulk order"
msgctxt "new context"
msgid "Bulk orders"
msgstr "Opsommingsopdrachten"

#: page.md:5
msgid "A paragraph that another tool wrapped at a different width than Babel would"
msgstr ""
"Een alinea die een ander programma op een andere breedte "
"afbrak dan Babel zou doen"
"""


def load(tmp_path: Path, text: str) -> Catalogue:
    path = tmp_path / "page.po"
    path.write_text(text, encoding="utf-8")
    return Catalogue.load(path, "nl", "page.po")


def test_previous_lines_are_read_as_previous_not_as_comments(tmp_path: Path) -> None:
    catalogue = load(tmp_path, MERGED)
    msg = catalogue.get(("new context", "Bulk orders"))
    assert msg is not None
    assert msg.user_comments == ["Checked by Anna"]
    assert msg.previous_id == ["Bulk order"]


def test_editing_a_fuzzy_entry_keeps_its_previous_lines_verbatim(tmp_path: Path) -> None:
    catalogue = load(tmp_path, MERGED)
    msg = catalogue.get(("new context", "Bulk orders"))
    assert msg is not None
    msg.string = "Bulkbestellingen"
    catalogue.mark(("new context", "Bulk orders"))
    assert catalogue.save() is True
    text = (tmp_path / "page.po").read_text(encoding="utf-8")
    assert '#| msgctxt "old context"\n#| msgid "Bulk order"\n' in text
    assert "# |" not in text
    entry = polib.pofile(str(tmp_path / "page.po")).find("Bulk orders", msgctxt="new context")
    assert entry is not None and entry.previous_msgid == "Bulk order"
    assert entry.previous_msgctxt == "old context" and entry.msgstr == "Bulkbestellingen"


def test_untouched_groups_keep_their_bytes(tmp_path: Path) -> None:
    """A flag change leaves another tool's msgstr wrapping as it was."""
    catalogue = load(tmp_path, MERGED)
    key = (None, "A paragraph that another tool wrapped at a different width than Babel would")
    msg = catalogue.get(key)
    assert msg is not None
    msg.flags.add("fuzzy")
    catalogue.mark(key)
    catalogue.save(revised=False)
    after = (tmp_path / "page.po").read_text(encoding="utf-8")
    assert after == MERGED.replace("#: page.md:5\n", "#: page.md:5\n#, fuzzy\n")


def test_approving_clears_previous_lines(tmp_path: Path) -> None:
    catalogue = load(tmp_path, MERGED)
    msg = catalogue.get(("new context", "Bulk orders"))
    assert msg is not None
    msg.previous_id = []
    msg.flags.discard("fuzzy")
    catalogue.mark(("new context", "Bulk orders"))
    catalogue.save(revised=False)
    text = (tmp_path / "page.po").read_text(encoding="utf-8")
    assert "#|" not in text and "#, fuzzy" not in text and "# Checked by Anna" in text


def test_marked_but_unchanged_writes_nothing(tmp_path: Path) -> None:
    catalogue = load(tmp_path, MERGED)
    catalogue.mark(("new context", "Bulk orders"))
    before = (tmp_path / "page.po").stat().st_mtime_ns
    assert catalogue.save() is False
    assert (tmp_path / "page.po").stat().st_mtime_ns == before


TEXT = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\x00"),
    min_size=1,
    max_size=90,
)


@settings(
    max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    strings=st.lists(TEXT, min_size=2, max_size=6, unique=True),
    index=st.integers(0, 5),
    new=st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=120),
)
def test_one_edit_changes_one_entry_and_reads_back(
    tmp_path: Path, strings: list[str], index: int, new: str
) -> None:
    """Whatever the texts, an edit of one msgstr reads back as exactly that edit, and every
    other entry keeps its bytes."""
    catalog = Catalog(locale="nl")
    for number, text in enumerate(strings):
        catalog.add(f"source {number}", text, locations=[("page.md", number + 1)])
    path = tmp_path / "prop.po"
    path.write_bytes(serialize(catalog))
    original = path.read_bytes()
    catalogue = Catalogue.load(path, "nl", "prop.po")
    key = (None, f"source {index % len(strings)}")
    msg = catalogue.get(key)
    assert msg is not None
    msg.string = new
    catalogue.mark(key)
    catalogue.save()
    reread = read_po(io.BytesIO(path.read_bytes()))
    for number, text in enumerate(strings):
        expected = new if (None, f"source {number}") == key else text
        assert reread.get(f"source {number}").string == expected
    blocks_before = original.split(b"\n\n")[1:]
    blocks_after = path.read_bytes().split(b"\n\n")[1:]
    changed = [
        i for i, (a, b) in enumerate(zip(blocks_before, blocks_after, strict=True)) if a != b
    ]
    assert changed in ([], [index % len(strings)])
