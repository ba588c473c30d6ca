"""The JSON report: exact schema, round trip, deterministic order, inert raw text."""

from __future__ import annotations

import json
import random

from locqa.findings import Finding, FixSafety, Severity
from locqa.report.json import render_json

FINDING_KEYS = [
    "path", "line", "msgctxt", "msgid", "msgstr", "check", "rule", "severity", "message",
    "start", "end", "suggestion", "fix",
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
    assert data["version"] == 1
    assert data["summary"] == {"errors": 2, "warnings": 1, "info": 1, "skipped": ["LanguageTool"]}
    for item in data["findings"]:
        assert list(item) == FINDING_KEYS
    by_check = {item["check"]: item for item in data["findings"]}
    assert by_check["ENC001"] == {
        "path": "a.md", "line": 7, "msgctxt": "ctx", "msgid": "client", "msgstr": "cliÃ«nt",
        "check": "ENC001", "rule": None, "severity": "error", "message": "Mojibake",
        "start": 0, "end": 7, "suggestion": "cliënt", "fix": "safe",
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
        "version": 1,
        "findings": [],
        "summary": {"errors": 0, "warnings": 0, "info": 0, "skipped": []},
    }


def test_control_and_bidi_characters_are_escaped_in_the_raw_text() -> None:
    hostile = "a\x1b[31mb\x9bc\u202ed\u2028e"
    finding = Finding("ENC003", Severity.WARNING, hostile, "p.md", 1, "x", hostile, 1, 2)
    text = render_json([finding])
    for char in ("\x1b", "\x9b", "\u202e", "\u2028"):
        assert char not in text
    assert "cliënt" in render_json([findings()[1]])  # ordinary non-ASCII stays readable
    item = json.loads(text)["findings"][0]
    assert item["msgstr"] == hostile and item["message"] == hostile
