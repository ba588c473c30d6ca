"""Severity follows measured precision (issue 12): a check below 80 % on real text is
info or off by default. The figures are docs/precision/figures.json (``nox -s precision``)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from locqa.checks import load_checks
from locqa.checks.base import REGISTRY
from locqa.findings import Severity
from locqa.lang import profile

FIGURES = Path(__file__).parent.parent / "docs" / "precision" / "figures.json"
#: Below this share of true findings a check may not warn or fail by default.
MIN_PRECISION = 0.8
#: Fewer labels than this say too little to hold a check to the rule.
MIN_LABELLED = 10


def measured() -> list[tuple[str, str, dict[str, float]]]:
    data = json.loads(FIGURES.read_text(encoding="utf-8"))
    return [
        (lang, code, figures)
        for lang, language in sorted(data["languages"].items())
        for code, figures in sorted(language["checks"].items())
        if figures.get("labelled", 0) >= MIN_LABELLED and figures.get("precision") is not None
    ]


def test_there_are_figures_for_every_check_with_findings() -> None:
    load_checks()
    codes = {code for _lang, code, _f in measured()}
    assert {"ENC002", "LT001", "LT002", "TRM002", "TRN002"} <= codes
    assert codes <= set(REGISTRY)


@pytest.mark.parametrize(("lang", "code", "figures"), measured())
def test_a_check_below_80_percent_is_info_or_opt_in(
    lang: str, code: str, figures: dict[str, float]
) -> None:
    load_checks()
    cls = REGISTRY[code]
    if figures.get("rules"):  # LanguageTool: the severity is the rule's, below
        return
    if figures["precision"] < MIN_PRECISION:
        assert cls.severity is Severity.INFO or cls.opt_in, (lang, code, figures["precision"])


#: A LanguageTool rule is sampled 3 times (``sample --n-rule 3``) at least.
MIN_RULE_LABELLED = 3


def measured_rules() -> list[tuple[str, str, str, dict[str, float]]]:
    data = json.loads(FIGURES.read_text(encoding="utf-8"))
    return [
        (lang, code, rule, figures)
        for lang, language in sorted(data["languages"].items())
        for code, check in sorted(language["checks"].items())
        for rule, figures in sorted(check.get("rules", {}).items())
        if not rule.startswith("(") and figures.get("labelled", 0) >= MIN_RULE_LABELLED
    ]


@pytest.mark.parametrize(("lang", "code", "rule", "figures"), measured_rules())
def test_a_languagetool_rule_below_80_percent_is_info_or_off(
    lang: str, code: str, rule: str, figures: dict[str, float]
) -> None:
    load_checks()
    if figures["precision"] >= MIN_PRECISION or REGISTRY[code].opt_in:
        return
    found = profile(lang)
    said = found.languagetool.severity.get(rule)
    assert said == "info" or rule in found.languagetool.disabled_rules, (lang, rule)
