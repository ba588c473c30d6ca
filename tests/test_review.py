"""locqa review driven through standard input: decisions saved at once and remembered."""

from __future__ import annotations

import argparse
import io
import json
import shutil
from contextlib import redirect_stdout
from pathlib import Path

import pytest
from babel.messages.catalog import Message

from locqa import checking, review
from locqa.catalog import messages, read_catalog
from locqa.checking import check_project
from locqa.config import Settings, load_settings
from locqa.extract import extract
from locqa.fix import Checker, fix_project
from locqa.memory import APPROVED, Memory, is_approved, memory_path, original_of, read_tmx
from locqa.review import ReviewResult, review_project

PO = Path("locales/nl/LC_MESSAGES/b2b-b2c.po")
HOSTILE = "\x1b]0;pwned\x07\x1b[2J"


def _prepare(root: Path) -> Settings:
    settings = load_settings(root)
    extract(settings)
    check_project(settings, skip_languagetool=True, jobs=1)
    return settings


def _entries(root: Path, po: Path = PO) -> list[Message]:
    return list(messages(read_catalog(root / po, "nl")))


def _flagged(root: Path) -> list[Message]:
    return [m for m in _entries(root) if m.fuzzy]


def _session(root: Path, script: str, **options: object) -> tuple[ReviewResult, str]:
    out = io.StringIO()
    result = review_project(
        load_settings(root),
        stdin=io.StringIO(script),
        stdout=out,
        skip_languagetool=True,
        jobs=1,
        **options,
    )  # type: ignore[arg-type]
    return result, out.getvalue()


def _memory(root: Path) -> Memory:
    return Memory.load(memory_path(root / "locales", "en", "nl"), "en", "nl")


def _decision(msg: Message) -> str | None:
    for comment in msg.user_comments:
        if comment.startswith(APPROVED):
            return comment.split()[2]
    return None


def test_scripted_session_saves_exactly_the_decisions(sample_project: Path) -> None:
    _prepare(sample_project)
    flagged = _flagged(sample_project)
    assert len(flagged) >= 4
    first, second, third = flagged[:3]
    result, out = _session(sample_project, "a\ne\nMijn eigen vertaling\np\nq\n")
    assert (result.decisions["accept"], result.decisions["edit"], result.decisions["approve"]) == (
        1,
        1,
        1,
    )
    assert result.quit
    assert "[1/" in out and "saved (accept)" in out and "saved (edit)" in out
    assert "saved (approve)" in out and "left to review" in out

    after = {(m.context, m.id): m for m in _entries(sample_project)}
    accepted = after[(first.context, first.id)]
    assert accepted.string != first.string and not accepted.fuzzy
    assert "&quot;" not in str(accepted.string)  # the suggestions were applied
    assert original_of(accepted.user_comments) == first.string
    assert _decision(accepted) == "accept" and is_approved(accepted)
    edited = after[(second.context, second.id)]
    assert edited.string == "Mijn eigen vertaling" and _decision(edited) == "edit"
    assert original_of(edited.user_comments) == second.string
    approved = after[(third.context, third.id)]
    assert approved.string == third.string and _decision(approved) == "approve"
    assert original_of(approved.user_comments) is None  # unchanged: no original to keep
    for msg in (accepted, edited, approved):
        assert not any(c.startswith("locqa:") for c in msg.user_comments)
    for msg in flagged[3:]:  # not reached: as they were
        now = after[(msg.context, msg.id)]
        assert now.fuzzy and now.string == msg.string and _decision(now) is None

    tmx = read_tmx(memory_path(sample_project / "locales", "en", "nl"), "en", "nl")
    assert [(d.source, d.mt, d.translation, d.decision) for d in tmx] == [
        (first.id, first.string, accepted.string, "accept"),
        (second.id, second.string, "Mijn eigen vertaling", "edit"),
        (third.id, third.string, third.string, "approve"),
    ]
    log = json.loads((sample_project / "build/reports/fixes.json").read_text(encoding="utf-8"))
    assert [(r["origin"], r["decision"], r["msgid"]) for r in log] == [
        ("review", "accept", first.id),
        ("review", "edit", second.id),
        ("review", "approve", third.id),
    ]

    # the approved entries are not flagged again; the others still are
    with Checker(
        load_settings(sample_project), skip_languagetool=True, languagetool=None, jobs=1
    ) as checker:
        run, _ = checker.check_project(annotate=True)
    decided = {first.id, second.id, third.id}
    assert not [f for f in run.findings if f.msgid in decided]
    assert {f.msgid for f in run.findings} >= {m.id for m in flagged[3:]}
    again = {(m.context, m.id): m for m in _entries(sample_project)}
    assert not any(again[(m.context, m.id)].fuzzy for m in (first, second, third))
    # a second session starts after the decided entries
    result, out = _session(sample_project, "q\n")
    assert f"[1/{len(flagged) - 3}]" in out


def _hook_wired() -> bool:
    package = Path(checking.__file__).parent
    return any(
        "drop_approved" in path.read_text(encoding="utf-8")
        for path in (package / "checking.py", package / "engine.py")
        if path.exists()
    )


@pytest.mark.xfail(
    not _hook_wired(), strict=True, reason="the lead wires memory.drop_approved into check_project"
)
def test_locqa_check_does_not_flag_approved_entries(sample_project: Path) -> None:
    _prepare(sample_project)
    first = _flagged(sample_project)[0]
    _session(sample_project, "p\nq\n")
    run, _ = check_project(load_settings(sample_project), skip_languagetool=True, jobs=1)
    assert not [f for f in run.findings if f.msgid == first.id]
    now = {(m.context, m.id): m for m in _entries(sample_project)}[(first.context, first.id)]
    assert not now.fuzzy and is_approved(now)


def test_quitting_half_way_keeps_earlier_decisions(sample_project: Path) -> None:
    _prepare(sample_project)
    flagged = _flagged(sample_project)
    result, out = _session(sample_project, "p\ns\n")  # then end of input
    assert result.quit and result.decisions["approve"] == 1 and result.decisions["skip"] == 1
    after = {(m.context, m.id): m for m in _entries(sample_project)}
    assert is_approved(after[(flagged[0].context, flagged[0].id)])
    assert after[(flagged[1].context, flagged[1].id)].fuzzy  # skipped: unchanged
    assert len(_memory(sample_project).entries) == 1
    assert out.rstrip().endswith(f"{len(flagged) - 1} entr(y/ies) left to review")


def test_edit_several_lines_and_answers_that_do_not_count(sample_project: Path) -> None:
    _prepare(sample_project)
    script = 'a\nx\ne\n\ne\n"""\neerste regel\ntweede regel\n"""\nq\n'
    result, out = _session(sample_project, script, select=["TRM001"])  # no suggestions
    assert "has no suggestion" in out and "answer a, e, p, s or q" in out
    assert "edit cancelled" in out
    assert result.decisions["edit"] == 1
    edited = [m for m in _entries(sample_project) if _decision(m) == "edit"]
    assert [m.string for m in edited] == ["eerste regel\ntweede regel"]


def test_hostile_text_is_shown_inert(sample_project: Path) -> None:
    target = sample_project / "content" / "nl" / "b2b-b2c.md"
    text = target.read_text(encoding="utf-8")
    assert "auto&#39;s" in text
    target.write_text(text.replace("auto&#39;s", f"auto&#39;s{HOSTILE}"), encoding="utf-8")
    _prepare(sample_project)
    for color in (False, True):
        _, out = _session(sample_project, "s\n" * 3 + "q\n", color=color)
        current = [line for line in out.splitlines() if "pwned" in line and "current" in line]
        assert current and "\\x1b" in current[0] and "\\x07" in current[0]
        assert "\x1b]" not in out and "\x07" not in out and "\x1b[2J" not in out
        if not color:
            assert "\x1b" not in out


def test_decision_applies_to_the_same_mt_segment_elsewhere(sample_project: Path) -> None:
    for lang in ("en", "nl"):
        shutil.copy(
            sample_project / "content" / lang / "b2b-b2c.md",
            sample_project / "content" / lang / "copy.md",
        )
    _prepare(sample_project)
    first = _flagged(sample_project)[0]
    _, out = _session(sample_project, "e\nGecorrigeerd\nq\n")
    assert "also applied to 1 identical segment(s) elsewhere" in out
    copy = Path("locales/nl/LC_MESSAGES/copy.po")
    twin = {(m.context, m.id): m for m in _entries(sample_project, copy)}[(first.context, first.id)]
    assert twin.string == "Gecorrigeerd" and _decision(twin) == "memory" and not twin.fuzzy
    assert original_of(twin.user_comments) == first.string

    # an article added later gets the decision from the memory when fix runs
    for lang in ("en", "nl"):
        shutil.copy(
            sample_project / "content" / lang / "b2b-b2c.md",
            sample_project / "content" / lang / "later.md",
        )
    extract(load_settings(sample_project))
    fixed = fix_project(load_settings(sample_project), skip_languagetool=True, jobs=1)
    assert fixed.from_memory == 1
    later = {
        (m.context, m.id): m
        for m in _entries(sample_project, Path("locales/nl/LC_MESSAGES/later.po"))
    }[(first.context, first.id)]
    assert later.string == "Gecorrigeerd" and is_approved(later)


def _cli(root: Path, *argv: str) -> tuple[int, str]:
    parser = argparse.ArgumentParser(prog="locqa")
    review.add_parser(parser.add_subparsers(dest="command", required=True))
    args = parser.parse_args(["review", "--root", str(root), *argv])
    out = io.StringIO()
    with redirect_stdout(out):
        code = args.func(args)
    return code, out.getvalue()


def test_export_and_import_tmx(sample_project: Path, tmp_path: Path) -> None:
    memory = _memory(sample_project)
    memory.remember("Buying guides", "Koopgidsen", "Aankoopgidsen", "edit")
    memory.save()
    exported = tmp_path / "out.tmx"
    code, out = _cli(sample_project, "--export-tmx", str(exported))
    assert code == 0 and "exported 1 translation unit(s)" in out
    assert exported.read_bytes() == memory.to_tmx()
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(sample_project / "pyproject.toml", other / "pyproject.toml")
    code, out = _cli(other, "--import-tmx", str(exported))
    assert code == 0 and "imported 1 decision(s)" in out
    assert _memory(other).entries == memory.entries
