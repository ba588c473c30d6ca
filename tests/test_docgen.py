"""docs/checks.md generation: sections from the classes, findings from running the examples."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

import docgen
import pytest
from docgen import render_checks_markdown, run_example

from locqa.checks.base import Check, CheckContext, CorpusCheck, Unit
from locqa.findings import Finding, FixSafety, Severity


class Mojibake(Check):
    """Text decoded with the wrong encoding turns letters into garbage.

    Readers lose trust in a page that shows ``Ã«`` where ``ë`` belongs."""

    code = "ENC001"
    name = "mojibake"
    summary = "Mojibake | text decoded with the wrong encoding"
    severity = Severity.ERROR
    fix: ClassVar[FixSafety | None] = FixSafety.SAFE
    example = ("Every client", "Elke cliÃ«nt, ```code```")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        start = unit.msgstr.find("Ã«")
        if start >= 0:
            yield self.finding(unit, "Mojibake 'Ã«'; repair it to 'ë'", start, start + 2, "ë")


class Broken(Check):
    code = "TRN009"
    name = "broken-example"
    summary = "An example that does not trigger its own check"
    example = ("Hello", "Hallo")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        return ()


class Grammar(Check):
    """Grammar mistakes that LanguageTool reports."""

    code = "LT001"
    name = "grammar"
    summary = "Grammar mistake (LanguageTool)"
    example = ("He go", "Hij gaan")

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        for match in ctx.languagetool.get(unit.msgstr, ()):
            yield self.finding(unit, str(match))


class Explicit(Grammar):
    code = "LT002"
    name = "explicit"
    needs_languagetool = True

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        raise AssertionError("must not run")


class Inconsistent(CorpusCheck):
    code = "TRN010"
    name = "inconsistent"
    summary = "Same source, different translations"
    example = ("Cart", "Winkelwagen")

    def check_corpus(self, units: list[Unit], ctx: CheckContext) -> Iterable[Finding]:  # type: ignore[override]
        yield self.finding(units[0], f"{len(units)} unit(s) seen")


class Aligned(Check):
    code = "STR001"
    name = "missing-block"
    summary = "A source block has no counterpart"
    example = ("- one\n- two", "- een")
    docs_not_run = "Found by aligning whole articles, not by one unit."

    def check(self, unit: Unit, ctx: CheckContext) -> Iterable[Finding]:
        raise AssertionError("must not run")


REGISTRY: dict[str, type[Check]] = {
    cls.code: cls for cls in (Mojibake, Broken, Grammar, Explicit, Inconsistent, Aligned)
}


@pytest.fixture(scope="module")
def page() -> str:
    return render_checks_markdown(REGISTRY, ctx=CheckContext(target_lang="nl"))


def section(page: str, code: str) -> str:
    start = page.index(f'<a id="{code.lower()}"></a>')
    end = page.find('<a id="', start + 1)
    return page[start : end if end >= 0 else None]


def test_table_lists_every_check_in_code_order(page: str) -> None:
    rows = [line for line in page.splitlines() if line.startswith("| [")]
    assert [row.split("]")[0][3:] for row in rows] == sorted(REGISTRY)
    assert "| [ENC001](#enc001) | mojibake | error | safe | Mojibake \\| text decoded" in page


def test_section_from_the_class(page: str) -> None:
    text = section(page, "ENC001")
    assert "## ENC001 mojibake" in text
    assert "- **Severity:** error" in text
    assert "- **Fix:** safe" in text
    assert "Readers lose trust in a page" in text  # the docstring's prose
    assert "````text\nElke cliÃ«nt, ```code```\n````" in text  # fence longer than the content's


def test_findings_come_from_running_the_example(page: str) -> None:
    text = section(page, "ENC001")
    assert "ENC001 error [8:10]: Mojibake 'Ã«'; repair it to 'ë'" in text
    assert "suggestion: 'ë' (safe fix)" in text


def test_example_without_finding_is_flagged(page: str) -> None:
    assert "This example produces no finding" in section(page, "TRN009")
    assert "### Why it matters" not in section(page, "TRN009")  # no docstring of its own


def test_languagetool_checks_are_documented_without_running(page: str) -> None:
    for code in ("LT001", "LT002"):
        text = section(page, code)
        assert "come from LanguageTool at run time" in text
        assert "produces no finding" not in text
    assert run_example(Grammar, CheckContext(target_lang="nl")).ran is False
    assert run_example(Explicit, CheckContext(target_lang="nl")).ran is False


def test_checks_can_say_why_their_example_is_not_run(page: str) -> None:
    text = section(page, "STR001")
    assert "_Found by aligning whole articles, not by one unit._" in text
    assert "produces no finding" not in text


def test_corpus_checks_run_on_their_example(page: str) -> None:
    assert "TRN010 warning: 1 unit(s) seen" in section(page, "TRN010")


def test_main_writes_and_checks_staleness(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docgen, "_load_registry", lambda: REGISTRY)
    target = tmp_path / "docs" / "checks.md"
    assert docgen.main(["--check", str(target)]) == 1  # missing
    assert docgen.main([str(target)]) == 0
    assert target.read_text(encoding="utf-8") == render_checks_markdown(REGISTRY)
    assert docgen.main(["--check", str(target)]) == 0
    target.write_text(target.read_text(encoding="utf-8") + "edited\n", encoding="utf-8")
    assert docgen.main(["--check", str(target)]) == 1


def test_generated_page_is_deterministic() -> None:
    assert render_checks_markdown(REGISTRY) == render_checks_markdown(
        dict(reversed(REGISTRY.items()))
    )


PRECISION = {
    "command": "nox -s precision",
    "languages": {
        "nl": {
            "corpus": "../shared/corpus/commerce-learn",
            "labels": "docs/precision/nl.jsonl",
            "checks": {
                "ENC001": {
                    "findings": 120,
                    "labelled": 30,
                    "true": 26,
                    "precision": 26 / 30,
                    "low": 0.7032,
                    "high": 0.9469,
                    "weighted_by_rule": False,
                },
                "LT001": {
                    "findings": 100,
                    "labelled": 40,
                    "true": 25,
                    "precision": 0.55,
                    "low": 0.4,
                    "high": 0.7,
                    "weighted_by_rule": True,
                    "rules": {
                        "MORFOLOGIK_RULE_NL_NL": {
                            "findings": 80,
                            "labelled": 30,
                            "true": 15,
                            "precision": 0.5,
                            "low": 0.3315,
                            "high": 0.6685,
                        },
                        "(other rules)": {
                            "findings": 20,
                            "labelled": 10,
                            "true": 10,
                            "precision": 1.0,
                            "low": 0.7225,
                            "high": 1.0,
                        },
                    },
                },
                "TRN010": {"findings": 3, "labelled": 0, "true": 0, "precision": None},
            },
        }
    },
}


@pytest.fixture(scope="module")
def measured() -> str:
    return render_checks_markdown(REGISTRY, ctx=CheckContext(target_lang="nl"), precision=PRECISION)


def test_each_check_shows_its_measured_precision(measured: str) -> None:
    assert (
        "- **Precision (nl):** 87% (26/30), 95% interval 70%–95% — "
        "[measured](#measured-precision), recompute with `nox -s precision`"
    ) in section(measured, "ENC001")
    assert "45%" not in section(measured, "ENC001")
    lt = section(measured, "LT001")
    assert "- **Precision (nl):** 55% weighted by rule (25/40 labelled true), 95% interval" in lt
    assert "not measured: no findings on the development corpus" in section(measured, "LT002")
    assert "not measured yet: none of its 3 findings is labelled" in section(measured, "TRN010")


def test_precision_table_and_rules_after_the_summary(measured: str) -> None:
    overview = measured[: measured.index('<a id="enc001"></a>')]
    assert "## Measured precision" in overview
    assert "| [ENC001](#enc001) | 120 | 30 | 26 | 87% | 70%–95% |" in overview
    assert "| [LT001](#lt001) | 100 | 40 | 25 | 55% (weighted) | 40%–70% |" in overview
    assert "| [LT002](#lt002) | 0 | – | – | – | |" in overview
    assert "| MORFOLOGIK_RULE_NL_NL | 80 | 30 | 15 | 50% | 33%–67% |" in overview
    assert "(other rules): the rules with too few findings" in overview
    assert "`nox -s precision`" in overview


def test_no_precision_file_no_precision_text(page: str) -> None:
    assert "Precision (" not in page and "Measured precision" not in page


def test_main_reads_precision_beside_the_output(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(docgen, "_load_registry", lambda: REGISTRY)
    target = tmp_path / "docs" / "checks.md"
    (tmp_path / "docs" / "precision").mkdir(parents=True)
    (tmp_path / "docs" / "precision" / "figures.json").write_text(
        json.dumps(PRECISION), encoding="utf-8"
    )
    assert docgen.main([str(target)]) == 0
    assert "**Precision (nl):** 87% (26/30)" in target.read_text(encoding="utf-8")
    assert docgen.main(["--check", str(target)]) == 0
