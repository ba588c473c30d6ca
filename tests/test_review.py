"""locqa review driven through standard input: decisions saved at once and remembered."""

from __future__ import annotations

import argparse
import io
import json
import re
import shutil
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext, redirect_stdout
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.catalog import Message

from locqa.catalog import messages, read_catalog
from locqa.checking import check_project
from locqa.cli import review as cli_review
from locqa.config import Settings, load_settings
from locqa.extract import extract
from locqa.fix import Checker, fix_project
from locqa.languagetool import LTMatch
from locqa.memory import (
    APPROVED,
    Approval,
    Memory,
    approval_hash,
    approval_of,
    is_approved,
    mark_approved,
    memory_path,
    original_of,
    read_tmx,
)
from locqa.po import Catalogue
from locqa.review import Answer, ReviewResult, parse_answer, review_project, touches_protected

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
        **{"skip_languagetool": True, "jobs": 1, **options},  # type: ignore[arg-type]
    )
    return result, out.getvalue()


def _memory(root: Path) -> Memory:
    return Memory.load(memory_path(root / "locales", "en", "nl"), "en", "nl")


def _decision(msg: Message) -> str | None:
    for comment in msg.user_comments:
        if comment.startswith(APPROVED):
            return comment.split()[2]
    return None


def _marker(msg: Message) -> str:
    """The entry's one ``locqa-approved`` line."""
    (line,) = [c for c in msg.user_comments if c.startswith(APPROVED)]
    return line


SECOND_FIXED = (
    "Dit staat in contrast met B2C-modellen, die doorgaans producten voor persoonlijk gebruik "
    "rechtstreeks aan individuele klanten verkopen. Dit kan reizen, kleding, auto's en nog veel "
    "meer omvatten."
)


def test_scripted_session_saves_exactly_the_decisions(sample_project: Path) -> None:
    _prepare(sample_project)
    flagged = _flagged(sample_project)
    assert len(flagged) >= 4
    first, second, third = flagged[:3]
    # first: accept all (the entities), two findings are left, approve as is; second: an edit
    # that leaves no finding; third: accept its one suggestion
    script = f"a\np\ne\n{SECOND_FIXED}\na\nq\n"
    result, out = _session(sample_project, script)
    assert (result.decisions["accept"], result.decisions["edit"], result.decisions["approve"]) == (
        2,
        1,
        1,
    )
    assert result.quit
    assert "[1/" in out and "saved (accept)" in out and "saved (edit)" in out
    assert "saved (approve), overriding MNG005, TRN002" in out and "left to review" in out
    assert "2 finding(s) left, so the entry stays flagged" in out

    after = {(m.context, m.id): m for m in _entries(sample_project)}
    approved = after[(first.context, first.id)]
    assert approved.string != first.string and not approved.fuzzy
    assert "&quot;" not in str(approved.string)  # the suggestions were applied
    assert "consumer" in str(approved.string)  # the finding no suggestion fixed: overridden
    assert original_of(approved.user_comments) == first.string
    assert _decision(approved) == "approve" and is_approved(approved)
    assert _marker(approved).endswith(" approve overrides=MNG005,TRN002")
    edited = after[(second.context, second.id)]
    assert edited.string == SECOND_FIXED and _decision(edited) == "edit"
    assert original_of(edited.user_comments) == second.string
    accepted = after[(third.context, third.id)]
    assert accepted.string == str(third.string).replace("&#39;", "'")
    assert _decision(accepted) == "accept" and is_approved(accepted)
    assert original_of(accepted.user_comments) == third.string
    for msg in (approved, edited, accepted):
        assert not any(c.startswith("locqa:") for c in msg.user_comments)
    for msg in flagged[3:]:  # not reached: as they were
        now = after[(msg.context, msg.id)]
        assert now.fuzzy and now.string == msg.string and _decision(now) is None

    tmx = read_tmx(memory_path(sample_project / "locales", "en", "nl"), "en", "nl")
    assert [(d.source, d.mt, d.translation, d.decision) for d in tmx] == [
        (first.id, first.string, approved.string, "approve"),
        (second.id, second.string, SECOND_FIXED, "edit"),
        (third.id, third.string, accepted.string, "accept"),
    ]
    log = json.loads((sample_project / "build/reports/fixes.json").read_text(encoding="utf-8"))
    assert [(r["origin"], r["decision"], r["check"], r["msgid"]) for r in log] == [
        ("review", "accept", "ENC002", first.id),  # its four &quot; are one finding
        ("review", "approve", None, first.id),
        ("review", "edit", None, second.id),
        ("review", "accept", "ENC002", third.id),
    ]
    assert [r["overrides"] for r in log if r["decision"] == "approve"] == [["MNG005", "TRN002"]]
    assert log[0]["before"] == first.string and log[1]["after"] == approved.string

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
    script = 'a\nx\na1\ne\n\ne\n"""\nNabestellen\nof opnieuw bestellen\n"""\nq\n'
    result, out = _session(sample_project, script, select=["TRM001"])  # no suggestions
    assert "has no suggestion" in out and "answer a, a<n>, e, p, s or q" in out
    assert "edit cancelled" in out
    assert result.decisions["edit"] == 1
    edited = [m for m in _entries(sample_project) if _decision(m) == "edit"]
    assert [m.string for m in edited] == ["Nabestellen\nof opnieuw bestellen"]


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
    # the edit leaves findings (the entry stays flagged), then it is approved as is
    _, out = _session(sample_project, "e\nGecorrigeerd\np\nq\n")
    assert "also applied to 1 identical segment(s) elsewhere" in out
    decided = {(m.context, m.id): m for m in _entries(sample_project)}[(first.context, first.id)]
    approval = approval_of(decided)
    assert decided.string == "Gecorrigeerd" and approval is not None
    assert approval.decision == "approve" and "TRM003" in approval.overrides
    copy = Path("locales/nl/LC_MESSAGES/copy.po")
    twin = {(m.context, m.id): m for m in _entries(sample_project, copy)}[(first.context, first.id)]
    assert twin.string == "Gecorrigeerd" and _decision(twin) == "memory" and not twin.fuzzy
    assert approval_of(twin) == replace(approval, decision="memory")  # the same overrides
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
    cli_review.add_parser(parser.add_subparsers(dest="command", required=True))
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
    for lang in ("en", "nl"):
        (other / "content" / lang).mkdir(parents=True)  # a project, its articles still to come
    shutil.copy(sample_project / "pyproject.toml", other / "pyproject.toml")
    shutil.copytree(sample_project / "locales" / "glossary", other / "locales" / "glossary")
    code, out = _cli(other, "--import-tmx", str(exported))
    assert code == 0 and "imported 1 decision(s)" in out
    assert _memory(other).entries == memory.entries


# --------------------------------------------------------------------------- what is applied

STORE_EN = """# Store settings

Open the [tax settings](https://example.com/admin/tax-settings) to change the currency.

Choose a currency and save the settings.

See the [manual](https://example.com/help/client) for the client.
"""
STORE_NL = """# Winkelinstellingen

Open de [belastinginstellingen](https://example.com/admin/shipping-settings) om de valutta te wijzigen.

Kies een valutta en sla de instelingen op.

Zie de [handleiding](https://example.com/help/cliÃ«nt) voor de cliÃ«nt.
"""
STORE_PO = Path("locales/nl/LC_MESSAGES/store.po")
#: the misspellings the stand-in LanguageTool knows, with its (first) replacement
TYPOS = {"valutta": "valuta", "instelingen": "instellingen"}


class FakeSpeller:
    """A LanguageTool stand-in: every word of :data:`TYPOS` is a spelling match."""

    def check_texts(self, texts: Sequence[str], lang: str) -> list[list[LTMatch]]:
        return [
            [
                LTMatch(
                    "FAKE_SPELLING",
                    "TYPOS",
                    "misspelling",
                    "Er is een mogelijke spelfout gevonden.",
                    match.start(),
                    len(match.group()),
                    (TYPOS[match.group()],),
                )
                for match in re.finditer(r"\w+", text)
                if match.group() in TYPOS
            ]
            for text in texts
        ]


def fake_languagetool() -> AbstractContextManager[FakeSpeller]:
    return nullcontext(FakeSpeller())


def _store(root: Path) -> Settings:
    """The sample project with one article of our own instead of the sample."""
    for lang, text in (("en", STORE_EN), ("nl", STORE_NL)):
        (root / "content" / lang / "b2b-b2c.md").unlink()
        (root / "content" / lang / "store.md").write_text(text, encoding="utf-8")
    return _prepare(root)


def _store_session(root: Path, script: str) -> tuple[ReviewResult, str]:
    return _session(root, script, skip_languagetool=False, languagetool=fake_languagetool)


def _store_entry(root: Path, start: str) -> Message:
    (msg,) = [m for m in _entries(root, STORE_PO) if str(m.string).startswith(start)]
    return msg


def _shown(out: str, number: int) -> list[str]:
    """The result texts shown for suggestion *number* (one per time the entry was shown)."""
    lines = out.splitlines()
    return [
        lines[i + 1].removeprefix(" " * 12)
        for i, line in enumerate(lines)
        if line.startswith(f"  [{number}] ")
    ]


def _prompts(out: str) -> list[str]:
    return [line for line in out.splitlines() if "[s]kip, [q]uit > " in line]


def _store_findings(root: Path, entry: Message) -> set[str]:
    run, _ = check_project(
        load_settings(root), languagetool=fake_languagetool, annotate=False, jobs=1
    )
    return {f.check for f in run.findings if f.msgid == entry.id}


def test_accept_all_is_not_offered_when_a_link_is_wrong_and_the_link_finding_survives(
    sample_project: Path,
) -> None:
    _store(sample_project)
    link = _store_entry(sample_project, "Open de [")
    # the link entry: plain "a" is refused, "a1" takes LanguageTool's word, the entry is
    # shown again with the link finding; skip it and quit
    result, out = _store_session(sample_project, "a\na1\ns\nq\n")
    first = out.split("\n[2/")[0]
    assert "TRN004" in first and "LT001 display-only, a reviewer's choice only" in first
    assert "[a]ll" not in first and not _prompts(first)[0].startswith("[a]ccept")
    assert "accept-all is not offered here" in first
    assert "1 finding(s) left, so the entry stays flagged" in first
    assert result.decisions["accept"] == 1 and result.decisions["skip"] == 1

    now = _store_entry(sample_project, "Open de [")
    assert now.string == str(link.string).replace("valutta", "valuta")  # only the chosen one
    assert "(https://example.com/admin/shipping-settings)" in str(now.string)
    assert now.fuzzy and not is_approved(now) and _decision(now) is None
    assert any(c.startswith("locqa: TRN004") for c in now.user_comments)
    assert _store_findings(sample_project, now) == {"TRN004"}  # the link finding survives
    assert not _memory(sample_project).entries  # nothing was decided


def test_per_suggestion_accept_saves_exactly_the_text_shown(sample_project: Path) -> None:
    _store(sample_project)
    entry = _store_entry(sample_project, "Kies een")
    # skip the link entry; accept only the second suggestion of the next one
    _, out = _store_session(sample_project, "s\na2\nq\n")
    shown = _shown(out.split("\n[2/")[1], 2)[0]
    saved = _store_entry(sample_project, "Kies een")
    assert saved.string == shown == str(entry.string).replace("instelingen", "instellingen")
    assert "valutta" in str(saved.string)  # suggestion 1 was not applied
    assert saved.fuzzy and not is_approved(saved)
    log = json.loads((sample_project / "build/reports/fixes.json").read_text(encoding="utf-8"))
    assert [(r["decision"], r["check"], r["before"], r["after"]) for r in log] == [
        ("accept", "LT001", entry.string, shown)
    ]
    # the entry is shown again with what is left: one suggestion, still not accept-all
    again = out.split("saved (accept)")[1]
    assert _shown(again, 1) == [str(saved.string).replace("valutta", "valuta")]
    assert _shown(again, 2) == [] and _prompts(again)[0].startswith("a1 accept suggestion 1")


def test_a_suggestion_in_protected_text_is_never_offered(sample_project: Path) -> None:
    _store(sample_project)
    entry = _store_entry(sample_project, "Zie de [")
    _, out = _store_session(sample_project, "s\ns\na1\nq\n")
    third = out.split("\n[3/")[1].split("saved")[0]
    offered = [line for line in third.splitlines() if line.startswith("  [")]
    assert len(offered) == 1 and offered[0].startswith("  [1]       ENC001 safe")
    saved = _store_entry(sample_project, "Zie de [")
    url = "(https://example.com/help/cliÃ«nt)"
    assert saved.string == str(entry.string).replace(" cliÃ«nt.", " cliënt.")
    assert url in str(saved.string)  # the URL was not touched
    assert not is_approved(saved) and "TRN004" in _store_findings(sample_project, saved)


def test_approve_as_is_records_the_findings_it_overrides(sample_project: Path) -> None:
    _store(sample_project)
    entry = _store_entry(sample_project, "Open de [")
    _, out = _store_session(sample_project, "p\nq\n")
    assert "saved (approve), overriding LT001, TRN004" in out
    approved = _store_entry(sample_project, "Open de [")
    assert approved.string == entry.string and is_approved(approved) and not approved.fuzzy
    assert _marker(approved).endswith(" approve overrides=LT001,TRN004")
    assert approval_of(approved) == Approval(
        approval_hash(None, str(entry.id), str(entry.string)), "approve", ("LT001", "TRN004")
    )
    log = json.loads((sample_project / "build/reports/fixes.json").read_text(encoding="utf-8"))
    assert [(r["decision"], r["overrides"], r["before"], r["after"]) for r in log] == [
        ("approve", ["LT001", "TRN004"], entry.string, entry.string)
    ]
    assert _store_findings(sample_project, approved) == set()  # approved: not reported


def test_old_approval_markers_still_read_as_approved(sample_project: Path) -> None:
    _prepare(sample_project)
    first = _flagged(sample_project)[0]
    old = f"{APPROVED} {approval_hash(first.context, str(first.id), str(first.string))} edit"
    catalogue = Catalogue.load(sample_project / PO, "nl", str(PO))
    msg = catalogue.get((first.context, str(first.id)))
    assert msg is not None
    msg.user_comments.append(old)  # as locqa wrote it before approvals had overrides
    catalogue.mark((first.context, str(first.id)))
    catalogue.save()

    now = {(m.context, m.id): m for m in _entries(sample_project)}[(first.context, first.id)]
    assert is_approved(now) and approval_of(now) == Approval(old.split()[1], "edit", ())
    _, out = _session(sample_project, "q\n")  # not brought up again
    assert f"[1/{len(_flagged(sample_project))}]" in out and first.id not in out.split("\n[1/")[1]
    after = {(m.context, m.id): m for m in _entries(sample_project)}[(first.context, first.id)]
    assert old in after.user_comments


def test_long_override_lists_survive_gettext_comment_wrapping(sample_project: Path) -> None:
    _prepare(sample_project)
    first = _flagged(sample_project)[0]
    codes = ("ENC001", "ENC002", "LT001", "TRM001", "TRM002", "TRM003", "TRN002", "TRN004")
    catalogue = Catalogue.load(sample_project / PO, "nl", str(PO))
    msg = catalogue.get((first.context, str(first.id)))
    assert msg is not None
    mark_approved(msg, "approve", reversed(codes))
    catalogue.mark((first.context, str(first.id)))
    catalogue.save()
    lines = [
        line
        for line in (sample_project / PO).read_text(encoding="utf-8").splitlines()
        if line.startswith(f"# {APPROVED}")
    ]
    assert len(lines) > 1 and all(len(line) <= 74 for line in lines)
    now = {(m.context, m.id): m for m in _entries(sample_project)}[(first.context, first.id)]
    approval = approval_of(now)
    assert approval is not None and (approval.decision, approval.overrides) == ("approve", codes)


@pytest.mark.parametrize(
    ("text", "old", "new", "protected"),
    [
        ("Voer `bin/console cache:flush` uit.", "console", "konsole", True),  # inline code
        ("Zie [de hulp](https://example.com/help) hier.", "help)", "hulp)", True),  # link URL
        ("Zie [de hulp](https://example.com/help) hier.", "hulp", "help", False),  # link text
        ("Open [!DNL Adobe Commerce] nu.", "Commerce", "Handel", True),  # do-not-translate
        ("Gebruik {{product-name}} hier.", "product", "produkt", True),  # placeholder
        ("Klik <b>hier</b> nu.", "<b>", "<i>", True),  # HTML
        ("Auto&#39;s en video&#39;s.", "&#39;", "'", False),  # an entity is its character
        ("Een *nieuwe* prijs.", "*nieuwe*", "nieuwe", True),  # removes emphasis markup
        ("Een nieuwe prijs.", "nieuwe", "`nieuwe`", True),  # adds a code span
    ],
)
def test_what_counts_as_changing_protected_text(
    text: str, old: str, new: str, protected: bool
) -> None:
    start = text.index(old)
    after = text[:start] + new + text[start + len(old) :]
    assert touches_protected(text, start, start + len(old), after) is protected


@pytest.mark.parametrize(
    ("line", "answer"),
    [
        ("a", Answer("accept")),
        (" AA ", Answer("accept")),
        ("a2", Answer("accept", (2,))),
        ("a 1,3", Answer("accept", (1, 3))),
        ("a 3 1 3", Answer("accept", (1, 3))),
        ("accept 2", Answer("accept", (2,))),
        ("p", Answer("approve")),
        ("skip", Answer("skip")),
        ("a-1", None),
        ("exit", None),
    ],
)
def test_answers_a_script_can_give(line: str, answer: Answer | None) -> None:
    assert parse_answer(line) == answer
