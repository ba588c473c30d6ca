"""The JSON report: exact schema, round trip, deterministic order, inert raw text."""

from __future__ import annotations

import json
import random

from locqa.findings import Finding, FixSafety, Resolution, Severity, Status
from locqa.report.json import render_json

FINDING_KEYS = [
    "path", "line", "msgctxt", "msgid", "msgstr", "check", "rule", "severity", "message",
    "start", "end", "suggestion", "fix", "status", "resolution",
]  # fmt: skip


def findings() -> list[Finding]:
    return [
        Finding("TRM002", Severity.WARNING, "Deprecated term", "b.md", 4, "Bulk orders",
                "Opsommingsopdrachten", 0, 20, "Bulkbestellingen", FixSafety.SAFE),
        Finding("ENC001", Severity.ERROR, "Mojibake", "a.md", 7, "client", "cliÃ«nt", 0, 7,
                "cliënt", FixSafety.SAFE, msgctxt="ctx"),
        Finding("LT001", Severity.INFO, "Spelling", "a.md", 7, "client", "cliÃ«nt", None, None,
                rule="MORFOLOGIK_RULE_NL_NL"),
        Finding("TRN003", Severity.ERROR, "Number differs", "a.md", 2, "3 items", "4 items", 0, 1,
                "3", FixSafety.UNSAFE),
    ]  # fmt: skip


def test_exact_schema_and_round_trip() -> None:
    data = json.loads(render_json(findings(), skipped=["LanguageTool"]))
    assert list(data) == ["version", "findings", "summary"]
    assert data["version"] == 2
    assert data["summary"] == {
        "errors": 2, "warnings": 1, "info": 1, "open": 4, "fixed": 0, "approved": 0,
        "skipped": ["LanguageTool"],
    }  # fmt: skip
    for item in data["findings"]:
        assert list(item) == FINDING_KEYS
    by_check = {item["check"]: item for item in data["findings"]}
    assert by_check["ENC001"] == {
        "path": "a.md", "line": 7, "msgctxt": "ctx", "msgid": "client", "msgstr": "cliÃ«nt",
        "check": "ENC001", "rule": None, "severity": "error", "message": "Mojibake",
        "start": 0, "end": 7, "suggestion": "cliënt", "fix": "safe", "status": "open",
        "resolution": None,
    }  # fmt: skip
    assert by_check["LT001"]["start"] is None and by_check["LT001"]["fix"] is None
    assert by_check["LT001"]["rule"] == "MORFOLOGIK_RULE_NL_NL"
    assert by_check["TRN003"]["fix"] == "unsafe"


def test_order_is_deterministic_and_follows_sort_key() -> None:
    expected = render_json(findings())
    shuffled = findings()
    for seed in range(5):
        random.Random(seed).shuffle(shuffled)
        assert render_json(shuffled) == expected
    order = [(f["path"], f["line"]) for f in json.loads(expected)["findings"]]
    assert order == sorted(order)


def test_empty_report() -> None:
    data = json.loads(render_json([]))
    assert data == {
        "version": 2,
        "findings": [],
        "summary": {
            "errors": 0, "warnings": 0, "info": 0, "open": 0, "fixed": 0, "approved": 0,
            "skipped": [],
        },
    }  # fmt: skip


def test_statuses_and_counts_of_open_findings_only() -> None:
    _, enc, _, trn = findings()
    resolutions = {
        enc: Resolution(Status.FIXED, "ENC001", FixSafety.SAFE),
        trn: Resolution(Status.APPROVED, decision="edit"),
    }
    data = json.loads(render_json(findings(), resolutions=resolutions))
    assert data["summary"] == {
        "errors": 0, "warnings": 1, "info": 1, "open": 2, "fixed": 1, "approved": 1,
        "skipped": [],
    }  # fmt: skip
    by_check = {item["check"]: item for item in data["findings"]}
    assert {c: item["status"] for c, item in by_check.items()} == {
        "TRM002": "open", "ENC001": "fixed", "LT001": "open", "TRN003": "approved",
    }  # fmt: skip
    assert by_check["ENC001"]["resolution"] == {
        "check": "ENC001", "safety": "safe", "decision": None,
    }  # fmt: skip
    assert by_check["TRN003"]["resolution"] == {
        "check": None, "safety": None, "decision": "edit",
    }  # fmt: skip
    assert by_check["TRM002"]["resolution"] is None


def test_control_and_bidi_characters_are_escaped_in_the_raw_text() -> None:
    hostile = "a\x1b[31mb\x9bc\u202ed\u2028e"
    finding = Finding("ENC003", Severity.WARNING, hostile, "p.md", 1, "x", hostile, 1, 2)
    text = render_json([finding])
    for char in ("\x1b", "\x9b", "\u202e", "\u2028"):
        assert char not in text
    assert "cliënt" in render_json([findings()[1]])  # ordinary non-ASCII stays readable
    item = json.loads(text)["findings"][0]
    assert item["msgstr"] == hostile and item["message"] == hostile
