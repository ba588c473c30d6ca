"""``ignore-<check>`` flags (Weblate's convention): one entry exempt from one check, kept
through re-extraction and fix."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from locqa.checks import load_checks
from locqa.checks.suppress import ignored_by, is_ignored
from locqa.cli import main
from locqa.po import Catalogue

PO = Path("locales/nl/LC_MESSAGES/b2b-b2c.po")


def test_flags_name_codes_or_check_names_in_any_case() -> None:
    load_checks()
    ignored = ignored_by({"fuzzy", "ignore-TRM002", "Ignore-languagetool"})
    assert ignored == {"trm002", "languagetool"}
    assert is_ignored("TRM002", ignored) and is_ignored("LT001", ignored)
    assert not is_ignored("TRM001", ignored) and not is_ignored("TRM002", frozenset())


def findings(root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    main(["check", "--root", str(root), "--skip-languagetool", "--format", "json"])
    data: list[dict[str, object]] = json.loads(capsys.readouterr().out)["findings"]
    return data


def test_an_ignore_flag_silences_one_check_on_one_entry_and_survives_extract(
    sample_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["extract", "--root", str(sample_project), "--quiet"]) == 0
    before = findings(sample_project, capsys)
    target = next(f for f in before if f["check"] == "TRM002")
    context = target["msgctxt"]
    key = (str(context) if context is not None else None, str(target["msgid"]))
    others_on_entry = [
        f for f in before if (f["msgctxt"], f["msgid"]) == key and f["check"] != "TRM002"
    ]
    catalogue = Catalogue.load(sample_project / PO, "nl", str(PO))
    msg = catalogue.get(key)
    assert msg is not None
    msg.flags.add("ignore-trm002")
    catalogue.mark(key)
    catalogue.save()

    after = findings(sample_project, capsys)
    on_entry = [f for f in after if (f["msgctxt"], f["msgid"]) == key]
    assert not [f for f in on_entry if f["check"] == "TRM002"]
    assert len(on_entry) == len(others_on_entry)  # the other checks still speak
    other_trm002 = [f for f in before if f["check"] == "TRM002" and f is not target]
    assert len([f for f in after if f["check"] == "TRM002"]) == len(
        [f for f in other_trm002 if (f["msgctxt"], f["msgid"]) != key]
    )
    # re-extraction keeps the flag, and fix leaves the entry's TRM002 alone
    assert main(["extract", "--root", str(sample_project), "--quiet"]) == 0
    assert "ignore-trm002" in (sample_project / PO).read_text(encoding="utf-8")
    assert main(["fix", "--root", str(sample_project), "--skip-languagetool"]) in (0, 1)
    fixed = Catalogue.load(sample_project / PO, "nl", str(PO)).get(key)
    start, end = target["start"], target["end"]
    assert isinstance(start, int) and isinstance(end, int) and fixed is not None
    assert str(target["msgstr"])[start:end] in str(fixed.string)
