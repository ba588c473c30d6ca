"""Baselines: CI fails only on new findings; fingerprints survive edits elsewhere."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from locqa.baseline import Baseline, fingerprint, read_baseline, write_baseline
from locqa.cli import main
from locqa.errors import InputError
from locqa.findings import Finding, Severity


def finding(msgstr: str, start: int | None, end: int | None, check: str = "LT001") -> Finding:
    return Finding(check, Severity.WARNING, "m", "content/nl/a.md", 3, "src", msgstr, start, end)


def test_fingerprint_ignores_line_and_offset_but_not_the_flagged_text() -> None:
    one = finding("Dit is de de tekst", 7, 12)
    moved = replace(one, line=40, msgstr="Nu: dit is de de tekst", start=11, end=16)
    other = replace(one, start=0, end=3)
    assert fingerprint(one) == fingerprint(moved)
    assert fingerprint(one) != fingerprint(other)
    assert fingerprint(one) != fingerprint(replace(one, check="TRN002"))


def test_counts_let_a_further_identical_finding_through() -> None:
    twice = [finding("de de en de de", 0, 5), finding("de de en de de", 9, 14)]
    baseline = Baseline.of(twice[:1])
    new, known = baseline.split(twice)
    assert len(new) == 1 and len(known) == 1


def test_file_round_trip_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    findings = [finding("x y", 0, 1), finding("x y", 0, 1), finding("x y", None, None, "TRN001")]
    assert write_baseline(path, findings) == 3
    data = json.loads(path.read_text(encoding="utf-8"))
    assert [e["count"] for e in data["findings"]] == [2, 1]
    new, known = read_baseline(path).split(findings)
    assert new == [] and len(known) == 3
    path.write_text("{", encoding="utf-8")
    with pytest.raises(InputError, match="not a JSON baseline"):
        read_baseline(path)
    path.write_text('{"format": "other"}', encoding="utf-8")
    with pytest.raises(InputError, match="not a locqa baseline"):
        read_baseline(path)
    with pytest.raises(InputError, match="--update-baseline"):
        read_baseline(tmp_path / "missing.json")


def test_check_with_a_baseline_fails_only_on_new_findings(
    sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = ["check", "--root", str(sample_project), "--skip-languagetool", "--color", "never"]
    baseline = sample_project / "locqa-baseline.json"
    assert main(["extract", "--root", str(sample_project), "--quiet"]) == 0
    assert main([*base, "--format", "json"]) == 1  # the sample has errors
    capsys.readouterr()
    assert main([*base, "--baseline", str(baseline), "--update-baseline"]) == 0
    assert "recorded" in capsys.readouterr().err
    assert main([*base, "--baseline", str(baseline), "--format", "json"]) == 0
    captured = capsys.readouterr()
    assert json.loads(captured.out)["findings"] == []
    assert "known finding(s) not reported" in captured.err
    # a new defect in the translation fails again, and only it is reported
    article = sample_project / "content/nl/b2b-b2c.md"
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("# Wat zijn", "# Wat Ã©Ã©n zijn", 1), encoding="utf-8")
    assert main(["extract", "--root", str(sample_project), "--quiet"]) == 0
    capsys.readouterr()
    assert main([*base, "--baseline", str(baseline), "--format", "json"]) == 1
    reported = json.loads(capsys.readouterr().out)["findings"]
    # the mojibake, and what it brings along (the heading no longer matches the title)
    assert any(f["check"] == "ENC001" for f in reported)
    assert {f["msgid"] for f in reported} == {"What are B2B and B2C?"}


def test_missing_baseline_is_refused_before_anything_runs(
    sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = sorted(p for p in sample_project.rglob("*") if p.is_file())
    code = main(["check", "--root", str(sample_project), "--baseline", "nope.json"])
    assert code == 2
    err = capsys.readouterr().err
    assert "nope.json" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert sorted(p for p in sample_project.rglob("*") if p.is_file()) == before
    assert main(["check", "--root", str(sample_project), "--update-baseline"]) == 2
