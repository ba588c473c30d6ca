"""locqa fix on the sample article: safe fixes by default, originals kept, idempotent."""

from __future__ import annotations

import argparse
import io
import json
import random
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from babel.messages.catalog import Message

from conftest import snapshot
from locqa import fix
from locqa.catalog import messages, read_catalog
from locqa.config import Settings, load_settings
from locqa.extract import extract
from locqa.findings import Finding, FixSafety, Severity
from locqa.fix import Catalogue, apply_spans, choose_fixes, fix_project
from locqa.memory import Memory, is_approved, memory_path, original_of

PO = Path("locales/nl/LC_MESSAGES/b2b-b2c.po")


def _project(root: Path) -> Settings:
    settings = load_settings(root)
    extract(settings)
    return settings


def _entries(root: Path) -> dict[tuple[str | None, str], Message]:
    return {(m.context, str(m.id)): m for m in messages(read_catalog(root / PO, "nl"))}


def _cli(root: Path, *argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="locqa")
    fix.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["fix", "--root", str(root), "--skip-languagetool", *argv])
    out = io.StringIO()
    with redirect_stdout(out):
        code = args.func(args)
    return code, out.getvalue()


@pytest.fixture
def fixed(sample_project: Path) -> tuple[Path, dict[tuple[str | None, str], Message]]:
    _project(sample_project)
    before = _entries(sample_project)
    code, out = _cli(sample_project)
    assert code == 0, out
    return sample_project, before


def test_safe_fixes_repair_the_sample(fixed: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    root, before = fixed
    after = _entries(root)
    texts = [str(m.string) for m in after.values()]
    for defect in ("&#39;", "&quot;", "Ã«", "Revisies", "uitchecken", "Opsommingsopdrachten"):
        assert not any(defect in text for text in texts), defect
    assert any("cliënt" in text for text in texts)
    assert any(text.startswith("Recensies") for text in texts)  # capitalisation kept
    changed = [key for key in after if after[key].string != before[key].string]
    assert len(changed) >= 10
    for key in changed:  # the original MT of every changed entry is kept, once
        assert original_of(after[key].user_comments) == before[key].string
    for key in after.keys() - set(changed):
        assert not any(c.startswith("locqa-original") for c in after[key].user_comments)


def test_fixed_entries_lose_fuzzy_others_stay_flagged(fixed: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    root, before = fixed
    after = _entries(root)
    cleared = [k for k in after if before[k].fuzzy and not after[k].fuzzy]
    assert cleared, "entries whose findings are all fixed lose fuzzy"
    for key in cleared:
        assert not any(c.startswith("locqa:") for c in after[key].user_comments)
    still = [k for k in after if after[k].fuzzy]
    assert still, "entries with findings left (e.g. an English word) stay fuzzy"
    for key in still:
        assert any(c.startswith("locqa: ") for c in after[key].user_comments)


def test_audit_log_records_every_fix(fixed: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    root, before = fixed
    log = json.loads((root / "build" / "reports" / "fixes.json").read_text(encoding="utf-8"))
    assert log and all(r["origin"] == "fix" and r["safety"] == "safe" for r in log)
    assert {r["check"][:3] for r in log} >= {"ENC", "TRM"}
    after = _entries(root)
    for record in log:
        start, end = record["span"]
        assert record["path"] == "content/nl/b2b-b2c.md" and record["line"] > 0
        assert record["po"] == PO.as_posix()
        assert record["before"] != record["after"]
        assert record["before"][:start] == record["after"][:start]
        key = (record["msgctxt"], record["msgid"])
        assert key in after
    # the steps of one entry chain from the original MT to the final msgstr
    by_entry: dict[tuple[str | None, str], list[dict]] = {}  # type: ignore[type-arg]
    for record in log:
        by_entry.setdefault((record["msgctxt"], record["msgid"]), []).append(record)
    for key, records in by_entry.items():
        assert records[0]["before"] == before[key].string
        assert records[-1]["after"] == after[key].string
        for first, second in zip(records, records[1:], strict=False):
            assert first["after"] == second["before"]


def test_fix_twice_changes_nothing(fixed: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    root, _ = fixed
    state = snapshot(root / "locales")
    log = (root / "build" / "reports" / "fixes.json").read_bytes()
    code, out = _cli(root)
    assert code == 0
    assert "fixed 0 finding(s) in 0 entr(y/ies)" in out
    assert snapshot(root / "locales") == state
    assert (root / "build" / "reports" / "fixes.json").read_bytes() == log


def test_extract_after_fix_is_a_no_op(fixed: tuple[Path, dict]) -> None:  # type: ignore[type-arg]
    root, _ = fixed
    state = snapshot(root / "locales")
    result = extract(load_settings(root))
    assert result.written == []
    assert snapshot(root / "locales") == state


def test_only_fixed_entries_change_in_the_file(sample_project: Path) -> None:
    _project(sample_project)
    (sample_project / PO).write_text(
        (sample_project / PO).read_text(encoding="utf-8").replace(
            'msgid "Product data including images and videos"',
            '# checked by Anna, keep this comment\nmsgid "Product data including images '
            'and videos"'), encoding="utf-8")
    before = (sample_project / PO).read_text(encoding="utf-8").split("\n")
    fix_project(load_settings(sample_project), skip_languagetool=True)
    after = (sample_project / PO).read_text(encoding="utf-8").split("\n")
    assert "# checked by Anna, keep this comment" in after
    import difflib

    removed = [line[1:] for line in difflib.unified_diff(before, after, lineterm="", n=0)
               if line.startswith("-") and not line.startswith("---")]
    for line in removed:  # only msgstr text, flags, locqa comments and the revision date
        assert (line.startswith(('msgstr', '"', "#, fuzzy", "# locqa:"))), line
        assert not line.startswith('"POT-Creation') and not line.startswith("msgid")


def test_unsafe_fixes_only_with_the_flag(sample_project: Path) -> None:
    settings = _project(sample_project)
    result = fix_project(settings, skip_languagetool=True)
    assert all(c.safety == "safe" for c in result.fixes)
    unsafe_left = [f for f in result.remaining if f.fix is FixSafety.UNSAFE and f.suggestion]
    assert unsafe_left, "the sample has an unsafe suggestion (a term inside a compound)"
    again = fix_project(settings, skip_languagetool=True, unsafe=True)
    assert again.count(FixSafety.UNSAFE) >= 1 and again.count(FixSafety.SAFE) == 0
    assert not [f for f in again.remaining if f.fix is FixSafety.UNSAFE and f.suggestion
                and f.msgstr == unsafe_left[0].msgstr and f.start == unsafe_left[0].start]


def test_diff_is_a_dry_run(sample_project: Path) -> None:
    _project(sample_project)
    state = snapshot(sample_project)
    code, out = _cli(sample_project, "--diff")
    assert code == 1  # changes pending
    assert snapshot(sample_project) == state
    assert f"--- a/{PO.as_posix()}" in out and f"+++ b/{PO.as_posix()}" in out
    assert '-msgstr "Revisies en beoordelingen opgeven"' in out
    assert '+msgstr "Recensies en beoordelingen opgeven"' in out
    assert "would fix" in out


def test_select_restricts_the_fixes(sample_project: Path) -> None:
    settings = _project(sample_project)
    result = fix_project(settings, skip_languagetool=True, select=["ENC"])
    assert result.fixes and {c.check[:3] for c in result.fixes if c.check} == {"ENC"}
    assert any(f.check == "TRM002" for f in result.remaining)


def test_memory_decisions_apply_and_are_counted(sample_project: Path) -> None:
    settings = _project(sample_project)
    entries = _entries(sample_project)
    source, mt = "Easy checkout", str(entries[(None, "Easy checkout")].string)
    memory = Memory.load(memory_path(settings.locales_root, "en", "nl"), "en", "nl")
    memory.remember(source, mt, "Gemakkelijk afrekenen", "edit")
    memory.save()
    result = fix_project(settings, skip_languagetool=True)
    assert result.from_memory == 1
    assert "1 entr(y/ies) decided by the translation memory" in result.summary()
    entry = _entries(sample_project)[(None, source)]
    assert entry.string == "Gemakkelijk afrekenen" and is_approved(entry) and not entry.fuzzy
    assert original_of(entry.user_comments) == mt


def _finding(start: int, end: int, suggestion: str, check: str = "ENC002",
             fix_safety: FixSafety = FixSafety.SAFE, msgstr: str = "abcdefghij") -> Finding:
    return Finding(check, Severity.ERROR, "m", "a.md", 1, "src", msgstr, start, end, suggestion,
                   fix_safety)


def test_overlapping_fixes_resolve_deterministically() -> None:
    found = [
        _finding(2, 5, "X", "TRM002"),
        _finding(2, 5, "Y", "ENC001"),  # same span: the lower check code wins
        _finding(4, 6, "Z"),  # overlaps the kept one: dropped
        _finding(6, 6, "+"),  # insertion right after: kept
        _finding(6, 6, "-"),  # second insertion at the same place: dropped
        _finding(8, 10, "", "TRM001"),  # deletion
        _finding(0, 1, "q", fix_safety=FixSafety.UNSAFE),  # not selected
        _finding(1, 2, "b"),  # no change: ignored
    ]
    expected = None
    for seed in range(20):
        shuffled = found[:]
        random.Random(seed).shuffle(shuffled)
        kept, dropped = choose_fixes(shuffled, (FixSafety.SAFE,))
        outcome = ([(f.start, f.end, f.suggestion) for f in kept],
                   sorted((f.start, f.end, f.suggestion) for f in dropped))
        expected = expected or outcome
        assert outcome == expected
    kept, _ = choose_fixes(found, (FixSafety.SAFE,))
    assert [(f.check, f.suggestion) for f in kept] == [("ENC001", "Y"), ("ENC002", "+"),
                                                        ("TRM001", "")]
    assert apply_spans("abcdefghij", kept)[-1].after == "abYf+gh"
    kept, _ = choose_fixes(found, (FixSafety.SAFE, FixSafety.UNSAFE))
    assert apply_spans("abcdefghij", kept)[-1].after == "qbYf+gh"


def test_catalogue_splice_falls_back_to_babel(tmp_path: Path, sample_project: Path) -> None:
    settings = _project(sample_project)
    path = settings.root / PO
    # a catalogue written by another tool, unwrapped: the changed entry is re-rendered by
    # Babel and the rest of the file stays as it was
    text = path.read_text(encoding="utf-8")
    cat = Catalogue.load(path, "nl", PO.as_posix())
    msg = cat.get((None, "Easy checkout"))
    assert msg is not None
    msg.string = "Gemakkelijk afrekenen"
    cat.changed.add((None, "Easy checkout"))
    data = cat.render().decode("utf-8")
    assert 'msgstr "Gemakkelijk afrekenen"' in data
    assert len(data.split("\n")) == len(text.split("\n"))
    parsed = {(m.context, m.id): m.string for m in messages(read_catalog(path, "nl"))}
    path.write_text(data, encoding="utf-8")
    reparsed = {(m.context, m.id): m.string for m in messages(read_catalog(path, "nl"))}
    assert {k for k in parsed if parsed[k] != reparsed[k]} == {(None, "Easy checkout")}
