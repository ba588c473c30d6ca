"""Approval markers, the original-MT comment and the TMX translation memory."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po
from hypothesis import given, settings
from hypothesis import strategies as st

from locqa.checks.suppress import drop_suppressed
from locqa.errors import InputError
from locqa.findings import Finding, Severity
from locqa.memory import (
    APPROVED,
    ORIGINAL,
    Memory,
    approval_hash,
    is_approved,
    keep_original,
    mark_approved,
    mt_text,
    original_comments,
    original_of,
    read_tmx,
    tmx_bytes,
)

HOSTILE = "a\x1b]0;pwned\x07b\x1b[2Jc\r\nd\x00e\ufffef &amp; <seg> ]]> \u202eg\U000e0041"


def _babel_roundtrip(comments: list[str]) -> list[str]:
    """The user comments as Babel writes (wrapping at 76) and reads them back."""
    catalog = Catalog(locale="nl")
    catalog["x"] = Message("x", "y", user_comments=comments)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=76)
    buffer.seek(0)
    return list(read_po(buffer).get("x").user_comments)


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_original_comment_survives_babel_wrapping(text: str) -> None:
    lines = original_comments(text)
    assert all(len(line) <= 74 for line in lines)  # "# " + line fits 76 columns
    assert all(line.startswith(ORIGINAL) for line in lines)
    assert not any(line != line.strip() for line in lines)
    assert original_of(_babel_roundtrip(lines)) == text


def test_original_comment_keeps_space_runs_and_controls() -> None:
    text = "een" + " " * 150 + "twee\n\tdrie \u2028 vier  " + HOSTILE
    lines = original_comments(text)
    assert original_of(_babel_roundtrip(lines)) == text
    assert "\x1b" not in "".join(lines)  # invisible characters are escaped in the PO
    for repetitive in ("ab" * 300, "woord " * 200, " " * 400):
        lines = original_comments(repetitive)
        assert len(set(lines)) == len(lines)  # Babel drops repeated comment lines
        assert original_of(_babel_roundtrip(lines)) == repetitive


def test_keep_original_only_once() -> None:
    msg = Message("source", "first MT", user_comments=["a person's note"])
    keep_original(msg, "first MT")
    msg.string = "second"
    keep_original(msg, "second")
    assert original_of(msg.user_comments) == "first MT"
    assert msg.user_comments[0] == "a person's note"
    assert mt_text(msg) == "first MT"
    assert mt_text(Message("s", "plain")) == "plain"


def test_approval_follows_source_and_translation() -> None:
    msg = Message(
        "Buying guides", "Aankoopgidsen", user_comments=["note", "locqa: TRM001 something"]
    )
    assert not is_approved(msg)
    mark_approved(msg, "approve")
    assert is_approved(msg)
    assert msg.user_comments[0] == "note"
    assert not any(c.startswith("locqa:") for c in msg.user_comments)
    msg.string = "Koopgidsen"
    assert not is_approved(msg)  # the translation changed
    mark_approved(msg, "edit")
    assert [c for c in msg.user_comments if c.startswith(APPROVED)] == [
        f"{APPROVED} {approval_hash(None, 'Buying guides', 'Koopgidsen')} edit"
    ]
    with pytest.raises(ValueError):
        mark_approved(msg, "maybe")


def test_drop_suppressed_keeps_findings_of_changed_entries(tmp_path: Path) -> None:
    catalog = Catalog(locale="nl")
    approved = Message("One", "Een")
    mark_approved(approved, "approve")
    catalog[approved.id] = approved
    catalog["Two"] = Message(
        "Two", "Twee", user_comments=[f"{APPROVED} {approval_hash(None, 'Two', 'Oud')} approve"]
    )  # stale approval
    po = tmp_path / "a.po"
    buffer = io.BytesIO()
    write_po(buffer, catalog)
    po.write_bytes(buffer.getvalue())

    def finding(msgid: str, msgstr: str) -> Finding:
        return Finding("ENC002", Severity.ERROR, "m", "content/nl/a.md", 1, msgid, msgstr)

    found = [finding("One", "Een"), finding("Two", "Twee"), finding("One", "Anders")]
    kept = drop_suppressed(found, {"content/nl/a.md": po})
    assert kept == found[1:]
    assert drop_suppressed(found, {}) == found  # pair mode: no catalogue, nothing dropped


def test_tmx_roundtrip_hostile_text(tmp_path: Path) -> None:
    memory = Memory("en", "nl", tmp_path / "memory" / "en-nl.tmx")
    assert memory.remember("Source & <b>", HOSTILE, HOSTILE + " fixed", "edit", "variant 2")
    assert memory.remember("Two", "Twee&#39;s", "Twee's", "accept")
    assert not memory.remember("Two", "Twee&#39;s", "Twee's", "accept")  # no change
    assert memory.save()
    assert not memory.save()  # same bytes: not rewritten
    data = memory.path.read_bytes()  # type: ignore[union-attr]
    assert b"\x1b" not in data and b"\x00" not in data and b"\r" not in data
    loaded = Memory.load(memory.path, "en", "nl")  # type: ignore[arg-type]
    assert loaded.entries == memory.entries
    hit = loaded.lookup("Source & <b>", HOSTILE)
    assert hit is not None and hit.translation == HOSTILE + " fixed"
    assert hit.decision == "edit" and hit.context == "variant 2"


def test_tmx_is_readable_by_translate_toolkit(tmp_path: Path) -> None:
    tmx = pytest.importorskip("translate.storage.tmx")
    memory = Memory("en", "nl", tmp_path / "m.tmx")
    memory.remember("Buying guides", "Koopgidsen", "Aankoopgidsen", "edit")
    memory.save()
    store = tmx.tmxfile.parsefile(str(tmp_path / "m.tmx"))
    units = [u for u in store.units if u.source]
    assert [(u.source, u.target) for u in units] == [("Buying guides", "Aankoopgidsen")]


def test_read_tmx_refuses_entity_expansion(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.tmx"
    bomb.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx [<!ENTITY a "aaaaaaaaaa">'
        '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n'
        '<tmx version="1.4"><header srclang="en"/><body><tu><prop type="x-locqa-mt">&b;</prop>'
        '<tuv xml:lang="en"><seg>x</seg></tuv><tuv xml:lang="nl"><seg>y</seg></tuv></tu>'
        "</body></tmx>",
        encoding="utf-8",
    )
    with pytest.raises(InputError, match="unsafe"):
        read_tmx(bomb, "en", "nl")
    broken = tmp_path / "broken.tmx"
    broken.write_text("<tmx><body>", encoding="utf-8")
    with pytest.raises(InputError, match="well-formed"):
        read_tmx(broken, "en", "nl")


def test_read_tmx_language_variants_and_foreign_units(tmp_path: Path) -> None:
    path = tmp_path / "other.tmx"
    path.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE tmx SYSTEM "tmx14.dtd">\n<tmx version="1.4">'
        '<header srclang="en-US" segtype="sentence" datatype="plaintext" o-tmf="x" '
        'adminlang="en" creationtool="x" creationtoolversion="1"/><body>'
        '<tu><prop type="x-locqa-mt">MT</prop><tuv xml:lang="en-US"><seg>Hello '
        '<hi>world</hi></seg></tuv><tuv xml:lang="nl-NL"><seg>Hallo wereld</seg></tuv></tu>'
        '<tu><tuv xml:lang="en"><seg>no MT</seg></tuv><tuv xml:lang="nl"><seg>geen</seg></tuv>'
        '</tu><tu><prop type="x-locqa-mt">MT</prop><tuv xml:lang="en"><seg>German</seg></tuv>'
        '<tuv xml:lang="de"><seg>Deutsch</seg></tuv></tu></body></tmx>',
        encoding="utf-8",
    )
    decisions = read_tmx(path, "en", "nl")
    assert [(d.source, d.mt, d.translation, d.decision) for d in decisions] == [
        ("Hello world", "MT", "Hallo wereld", "approve")
    ]


def test_empty_memory_is_valid_tmx() -> None:
    data = tmx_bytes([], "en", "nl")
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">')
    assert b'srclang="en"' in data
