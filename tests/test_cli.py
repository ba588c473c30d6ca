"""The command line end to end: the main job, pair mode, --strict, LanguageTool unreachable."""

from __future__ import annotations

import json
import re
import socket
from pathlib import Path

import ftfy
import pytest
from markdown_it import MarkdownIt

from locqa.cli import main


def structure(markdown: str) -> list[tuple[str, str, int]]:
    """Block structure: token types, tags and nesting, without the text."""
    tokens = MarkdownIt("commonmark").enable("table").parse(markdown)
    return [(t.type, t.tag, t.level) for t in tokens if t.type != "inline"]


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_main_job_publishes_corrected_sample_with_the_same_structure(
    sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert (
        main(["run", "--root", str(sample_project), "--skip-languagetool", "--color", "never"]) == 0
    )
    out = capsys.readouterr().out
    assert "HTML report" in out and "Skipped: languagetool" in out
    original = (sample_project / "content/nl/b2b-b2c.md").read_text(encoding="utf-8")
    published = (sample_project / "build/nl/b2b-b2c.md").read_text(encoding="utf-8")
    assert structure(published) == structure(original)
    assert ftfy.fix_encoding(published) == published  # no mojibake left
    assert not re.search(r"&(#\d+|#x[0-9a-f]+|[a-z]+);", published, re.I)  # no entities
    for preferred in ("Bulkbestellingen", "Retouren na aankoop", "Livechats", "Recensies"):
        assert preferred in published
    # only intended corrections: every changed line holds a fixed defect of the input
    changed = [
        (a, b) for a, b in zip(original.splitlines(), published.splitlines(), strict=True) if a != b
    ]
    assert changed
    defects = re.compile(
        r"&#39;|&quot;|Ã«|Opsommingsopdrachten|uitchecken|Levende|Revisies|Post-|Bedrijfs-gericht"
    )
    assert all(defects.search(a) for a, _ in changed)
    reports = sample_project / "build/reports"
    findings = json.loads((reports / "findings.json").read_text(encoding="utf-8"))
    assert any("languagetool" in s for s in findings["summary"]["skipped"])
    for name in ("findings.sarif", "fixes.json", "index.html"):
        assert (reports / name).is_file()


def test_pair_mode_checks_two_files_from_anywhere(
    tmp_path: Path,
    sample_project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)  # no project here
    src = sample_project / "content/en/b2b-b2c.md"
    tgt = sample_project / "content/nl/b2b-b2c.md"
    tbx = sample_project / "locales/glossary/en-nl.tbx"
    code = main(
        [
            "check",
            str(src),
            str(tgt),
            "--lang",
            "nl",
            "--format",
            "json",
            "--skip-languagetool",
            "--termbase",
            str(tbx),
        ]
    )
    assert code == 1  # errors found
    report = json.loads(capsys.readouterr().out)
    checks = {f["check"] for f in report["findings"]}
    assert {"ENC001", "ENC002", "TRM002"} <= checks
    mojibake = next(f for f in report["findings"] if f["check"] == "ENC001")
    assert mojibake["msgstr"][mojibake["start"] : mojibake["end"]] == "Ã«"
    assert not (tmp_path / "locales").exists()  # pair mode writes nothing


def test_pair_mode_needs_one_language(
    sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = sample_project / "content/en/b2b-b2c.md"
    assert main(["check", str(src), str(src), "--skip-languagetool"]) == 2
    assert "exactly one --lang" in capsys.readouterr().err


def test_build_strict_refuses_fuzzy_entries_and_names_them(
    sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["run", "--root", str(sample_project), "--skip-languagetool"]) == 0
    built = (sample_project / "build/nl/b2b-b2c.md").read_bytes()
    capsys.readouterr()
    assert main(["build", "--root", str(sample_project), "--strict"]) == 2
    err = capsys.readouterr().err
    assert "fuzzy" in err and "locales/nl/LC_MESSAGES/b2b-b2c.po:" in err
    assert (sample_project / "build/nl/b2b-b2c.md").read_bytes() == built


def test_languagetool_unreachable_fails_clearly_unless_skipped(
    sample_project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LOCQA_LANGUAGETOOL_URL", f"http://127.0.0.1:{closed_port()}")
    code = main(["run", "--root", str(sample_project)])
    err = capsys.readouterr().err
    assert code not in (0, 1)
    assert err.startswith("locqa: error:") and "LanguageTool" in err
    assert len(err.strip().splitlines()) == 1
    assert main(["run", "--root", str(sample_project), "--skip-languagetool"]) == 0
    assert "Skipped: languagetool" in capsys.readouterr().out
