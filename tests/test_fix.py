"""locqa fix on the sample article: safe fixes by default, originals kept, idempotent."""

from __future__ import annotations

import argparse
import difflib
import io
import itertools
import json
import random
import shutil
from contextlib import redirect_stdout
from dataclasses import dataclass, replace
from pathlib import Path

import pytest
from babel.messages.catalog import Message

from conftest import REPO, snapshot
from locqa.catalog import messages, read_catalog
from locqa.checking import check_project
from locqa.cli import fix as cli_fix
from locqa.config import Settings, load_settings
from locqa.extract import extract
from locqa.findings import Finding, FixSafety, Severity
from locqa.fix import FixResult, apply_spans, choose_fixes, fix_project
from locqa.memory import Memory, is_approved, memory_path, original_of
from locqa.po import Catalogue

PO = Path("locales/nl/LC_MESSAGES/b2b-b2c.po")


def _project(root: Path, *, check: bool = True) -> Settings:
    """extract (and check, which flags entries fuzzy) as the pipeline does before fix."""
    settings = load_settings(root)
    extract(settings)
    if check:
        check_project(settings, skip_languagetool=True, jobs=1)
    return settings


def _entries(root: Path) -> dict[tuple[str | None, str], Message]:
    return {(m.context, str(m.id)): m for m in messages(read_catalog(root / PO, "nl"))}


def _cli(root: Path, *argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="locqa")
    cli_fix.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["fix", "--root", str(root), "--skip-languagetool", *argv])
    out = io.StringIO()
    with redirect_stdout(out):
        code = args.func(args)
    return code, out.getvalue()


@dataclass
class Fixed:
    root: Path
    before: dict[tuple[str | None, str], Message]  # the entries after check, before fix
    text: str  # the catalogue before fix
    result: FixResult


HUMAN = "# checked by Anna, keep this comment"


@pytest.fixture(scope="module")
def fixed_once(tmp_path_factory: pytest.TempPathFactory) -> Fixed:
    """The sample project after extract → check → fix, with a person's comment added."""
    root = tmp_path_factory.mktemp("fixed") / "project"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "content", root / "content")
    shutil.copytree(REPO / "locales" / "glossary", root / "locales" / "glossary")
    _project(root)
    po = root / PO
    anchor = "#. list-item\n#. nl: content/nl/b2b-b2c.md:21\n"
    assert anchor in po.read_text(encoding="utf-8")
    po.write_text(
        po.read_text(encoding="utf-8").replace(anchor, f"{HUMAN}\n{anchor}"), encoding="utf-8"
    )
    text = po.read_text(encoding="utf-8")
    before = _entries(root)
    result = fix_project(load_settings(root), skip_languagetool=True, jobs=1)
    return Fixed(root, before, text, result)


@pytest.fixture
def fixed(fixed_once: Fixed, tmp_path: Path) -> Fixed:
    """A private copy of :func:`fixed_once`."""
    root = tmp_path / "project"
    shutil.copytree(fixed_once.root, root)
    return replace(fixed_once, root=root)


def test_safe_fixes_repair_the_sample(fixed: Fixed) -> None:
    root, before = fixed.root, fixed.before
    after = _entries(root)
    texts = [str(m.string) for m in after.values()]
    for defect in ("&#39;", "&quot;", "Ã«", "Revisies", "Opsommingsopdrachten"):
        assert not any(defect in text for text in texts), defect
    # "uitchecken" also means checking out a Git branch: the termbase marks the deprecated
    # rendering as having another sense, so replacing it is never a safe fix
    assert any("uitchecken" in text for text in texts)
    assert any("cliënt" in text for text in texts)
    assert any(text.startswith("Recensies") for text in texts)  # capitalisation kept
    changed = [key for key in after if after[key].string != before[key].string]
    assert len(changed) >= 10
    for key in changed:  # the original MT of every changed entry is kept, once
        assert original_of(after[key].user_comments) == before[key].string
    for key in after.keys() - set(changed):
        assert not any(c.startswith("locqa-original") for c in after[key].user_comments)


def test_fixed_entries_lose_fuzzy_others_stay_flagged(fixed: Fixed) -> None:
    root, before = fixed.root, fixed.before
    after = _entries(root)
    cleared = [k for k in after if before[k].fuzzy and not after[k].fuzzy]
    assert cleared, "entries whose findings are all fixed lose fuzzy"
    for key in cleared:
        assert not any(c.startswith("locqa:") for c in after[key].user_comments)
    still = [k for k in after if after[k].fuzzy]
    assert still, "entries with findings left (e.g. an English word) stay fuzzy"
    for key in still:
        assert any(c.startswith("locqa: ") for c in after[key].user_comments)


def test_audit_log_records_every_fix(fixed: Fixed) -> None:
    root, before = fixed.root, fixed.before
    log = json.loads((root / "build" / "reports" / "fixes.json").read_text(encoding="utf-8"))
    assert log and all(r["origin"] == "fix" and r["safety"] == "safe" for r in log)
    assert {r["check"][:3] for r in log} >= {"ENC", "TRM"}
    after = _entries(root)
    for record in log:
        start, _end = record["span"]
        assert record["path"] == "content/nl/b2b-b2c.md" and record["line"] > 0
        assert record["po"] == PO.as_posix()
        assert record["before"] != record["after"]
        assert record["before"][:start] == record["after"][:start]
        key = (record["msgctxt"], record["msgid"])
        assert key in after
    # the steps of one entry chain from the original MT to the final msgstr
    by_entry: dict[tuple[str | None, str], list[dict[str, object]]] = {}
    for record in log:
        by_entry.setdefault((record["msgctxt"], record["msgid"]), []).append(record)
    for key, records in by_entry.items():
        assert records[0]["before"] == before[key].string
        assert records[-1]["after"] == after[key].string
        for first, second in itertools.pairwise(records):
            assert first["after"] == second["before"]


def test_fix_twice_changes_nothing(fixed: Fixed) -> None:
    root = fixed.root
    assert "fixed" in fixed.result.summary() and fixed.result.remaining
    state = snapshot(root / "locales")
    log = (root / "build" / "reports" / "fixes.json").read_bytes()
    code, out = _cli(root, "--jobs", "1")
    assert code == 0
    assert "fixed 0 finding(s) in 0 entr(y/ies)" in out
    assert snapshot(root / "locales") == state
    assert (root / "build" / "reports" / "fixes.json").read_bytes() == log


def test_extract_after_fix_is_a_no_op(fixed: Fixed) -> None:
    root = fixed.root
    state = snapshot(root / "locales")
    result = extract(load_settings(root))
    assert result.written == []
    assert snapshot(root / "locales") == state


def test_only_fixed_entries_change_in_the_file(fixed: Fixed) -> None:
    before = fixed.text.split("\n")
    after = (fixed.root / PO).read_text(encoding="utf-8").split("\n")
    assert HUMAN in after
    removed = [
        line[1:]
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line.startswith("-") and not line.startswith("---")
    ]
    assert removed
    # only msgstr text, flags, locqa comments, the MT record and the revision date
    for line in removed:
        assert line.startswith(("msgstr", '"', "#, fuzzy", "# locqa:", "#. locqa-mt:")) or not line
        assert not line.startswith(('"POT-Creation', "msgid", "#:"))
        assert not line.startswith("#.") or line.startswith("#. locqa-mt:"), line
    assert fixed.result.written == [PO.as_posix()]


def test_unsafe_fixes_only_with_the_flag(fixed: Fixed) -> None:
    assert all(c.safety == "safe" for c in fixed.result.fixes)
    unsafe_left = [f for f in fixed.result.remaining if f.fix is FixSafety.UNSAFE]
    assert unsafe_left, "the sample has an unsafe suggestion (a term inside a compound)"
    again = fix_project(load_settings(fixed.root), skip_languagetool=True, unsafe=True, jobs=1)
    assert again.count(FixSafety.UNSAFE) >= 1 and again.count(FixSafety.SAFE) == 0
    assert not [f for f in again.remaining if f.fix is FixSafety.UNSAFE]


def test_diff_is_a_dry_run(sample_project: Path) -> None:
    _project(sample_project, check=False)

    def files() -> dict[str, bytes]:  # the check cache may be filled: it is not output
        return {k: v for k, v in snapshot(sample_project).items() if not k.startswith(".cache")}

    state = files()
    code, out = _cli(sample_project, "--diff", "--jobs", "1")
    assert code == 1  # changes pending
    assert files() == state
    assert f"--- a/{PO.as_posix()}" in out and f"+++ b/{PO.as_posix()}" in out
    assert '-msgstr "Revisies en beoordelingen opgeven"' in out
    assert '+msgstr "Recensies en beoordelingen opgeven"' in out
    assert "would fix" in out


def test_select_restricts_the_fixes(sample_project: Path) -> None:
    settings = _project(sample_project, check=False)
    result = fix_project(settings, skip_languagetool=True, select=["ENC"], jobs=1)
    assert result.fixes and {c.check[:3] for c in result.fixes if c.check} == {"ENC"}
    assert any(f.check == "TRM002" for f in result.remaining)


def test_the_fix_loop_says_when_it_stops_before_the_fixed_point(
    sample_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = _project(sample_project, check=False)
    assert fix_project(settings, skip_languagetool=True, dry_run=True, jobs=1).converged
    monkeypatch.setattr("locqa.fix.MAX_PASSES", 0)  # no pass allowed: fixes left to apply
    result = fix_project(settings, skip_languagetool=True, dry_run=True, jobs=1)
    assert not result.fixes and not result.converged
    assert "stopped after 0 passes" in result.summary(dry_run=True)


def test_memory_decisions_apply_and_are_counted(sample_project: Path) -> None:
    settings = _project(sample_project, check=False)
    entries = _entries(sample_project)
    source, mt = "Easy checkout", str(entries[(None, "Easy checkout")].string)
    memory = Memory.load(memory_path(settings.locales_root, "en", "nl"), "en", "nl")
    memory.remember(source, mt, "Gemakkelijk afrekenen", "edit")
    memory.save()
    result = fix_project(settings, skip_languagetool=True, jobs=1)
    assert result.from_memory == 1
    assert "1 entr(y/ies) decided by the translation memory" in result.summary()
    entry = _entries(sample_project)[(None, source)]
    assert entry.string == "Gemakkelijk afrekenen" and is_approved(entry) and not entry.fuzzy
    assert original_of(entry.user_comments) == mt


def _finding(
    start: int,
    end: int,
    suggestion: str,
    check: str = "ENC002",
    fix_safety: FixSafety = FixSafety.SAFE,
    msgstr: str = "abcdefghij",
) -> Finding:
    return Finding(
        check, Severity.ERROR, "m", "a.md", 1, "src", msgstr, start, end, suggestion, fix_safety
    )


def test_overlapping_fixes_resolve_deterministically() -> None:
    found = [
        _finding(2, 5, "x", "TRM002"),
        _finding(2, 5, "y", "ENC001"),  # same span: the lower check code wins
        _finding(4, 6, "z"),  # overlaps the kept one: dropped
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
        outcome = (
            [(f.start, f.end, f.suggestion) for f in kept],
            sorted((f.start, f.end, f.suggestion) for f in dropped),
        )
        expected = expected or outcome
        assert outcome == expected
    kept, _ = choose_fixes(found, (FixSafety.SAFE,))
    assert [(f.check, f.suggestion) for f in kept] == [
        ("ENC001", "y"),
        ("ENC002", "+"),
        ("TRM001", ""),
    ]
    assert apply_spans("abcdefghij", kept)[-1].after == "abyf+gh"
    kept, _ = choose_fixes(found, (FixSafety.SAFE, FixSafety.UNSAFE))
    assert apply_spans("abcdefghij", kept)[-1].after == "qbyf+gh"


def test_catalogue_splice_falls_back_to_babel(tmp_path: Path, sample_project: Path) -> None:
    settings = _project(sample_project, check=False)
    path = settings.root / PO
    # a catalogue written by another tool, unwrapped: the changed entry is re-rendered by
    # Babel and the rest of the file stays as it was
    text = path.read_text(encoding="utf-8")
    cat = Catalogue.load(path, "nl", PO.as_posix())
    msg = cat.get((None, "Easy checkout"))
    assert msg is not None
    msg.string = "Gemakkelijk afrekenen"
    cat.mark((None, "Easy checkout"))
    data = cat.render().decode("utf-8")
    assert 'msgstr "Gemakkelijk afrekenen"' in data
    assert len(data.split("\n")) == len(text.split("\n"))
    parsed = {(m.context, m.id): m.string for m in messages(read_catalog(path, "nl"))}
    path.write_text(data, encoding="utf-8")
    reparsed = {(m.context, m.id): m.string for m in messages(read_catalog(path, "nl"))}
    assert {k for k in parsed if parsed[k] != reparsed[k]} == {(None, "Easy checkout")}


def test_rewritten_entries_get_no_guessed_format_flags(tmp_path: Path) -> None:
    po = tmp_path / "a.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=utf-8\\n"\n\n'
        'msgid "Open {target} now"\nmsgstr "Open {target} nu&#39;s"\n\n'
        'msgid "Other {x}"\nmsgstr "Ander {x}"\n',
        encoding="utf-8",
    )
    cat = Catalogue.load(po, "nl", "a.po")
    msg = cat.get((None, "Open {target} now"))
    assert msg is not None
    msg.string = "Open {target} nu's"
    cat.mark((None, "Open {target} now"))
    cat.save()
    text = po.read_text(encoding="utf-8")
    assert "python-brace-format" not in text and "python-format" not in text
    assert 'msgstr "Open {target} nu\'s"' in text and 'msgstr "Ander {x}"' in text
