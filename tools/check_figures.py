"""Findings per 1,000 words for each check, from a real run over a corpus.

    python tools/check_figures.py build/bench/work/x1/findings-cold.json \
        build/bench/work/x1/check-stats-cold.json > docs/check-figures.md
    python tools/docgen.py docs/checks.md      # includes docs/check-figures.md

The first file is ``locqa check --format json`` output, the second ``locqa check --stats``
output of the same run (``nox -s bench`` writes both for its ×1 cold run, LanguageTool
included). The precision column is read from ``docs/precision/figures.json`` (labelled
samples, ``nox -s precision``).
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from locqa.checks import load_checks
from locqa.checks.base import REGISTRY


def _precision(figure: dict[str, object] | None) -> str:
    if not figure or not figure.get("labelled"):
        return "not measured (no findings)"
    value = float(str(figure["precision"]))
    if figure.get("weighted_by_rule"):
        return f"{value:.0%} weighted by rule ({figure['true']} of {figure['labelled']} true)"
    return f"{value:.0%} ({figure['true']}/{figure['labelled']})"


def main(findings_path: str, stats_path: str) -> int:
    load_checks()
    findings = json.loads(Path(findings_path).read_text(encoding="utf-8"))["findings"]
    stats = json.loads(Path(stats_path).read_text(encoding="utf-8"))
    figures_file = Path(__file__).parents[1] / "docs" / "precision" / "figures.json"
    figures = json.loads(figures_file.read_text(encoding="utf-8"))["languages"]["nl"]["checks"]
    words = stats["words"]
    counts = Counter(f["check"] for f in findings)
    rules = Counter(f["rule"] for f in findings if f["check"] == "LT001")
    skipped = ", ".join(stats["skipped"]) or "none"
    print("## Rates on the development corpus\n")
    print(
        f"Measured on the Dutch side of `../shared/corpus/commerce-learn`: {stats['articles']} "
        f"articles, {stats['units']} translation units, {words:,} Dutch words (checkers "
        f"skipped: {skipped}). "
        "Reproduce with `nox -s bench` then `python tools/check_figures.py "
        "build/bench/work/x1/findings-cold.json build/bench/work/x1/check-stats-cold.json`. "
        "The last column is the precision measured on a labelled random sample of each "
        "check's findings ([measured precision](checks.md#measured-precision), "
        "`nox -s precision`).\n"
    )
    print("| Check | Findings | per 1,000 words | Precision (labelled sample) |")
    print("| --- | ---: | ---: | --- |")
    for code in sorted(REGISTRY):
        n = counts.get(code, 0)
        rate = 1000 * n / words
        print(f"| [{code}](#{code.lower()}) | {n} | {rate:.2f} | {_precision(figures.get(code))} |")
    if rules:
        top = ", ".join(f"{rule} {n}" for rule, n in rules.most_common(6))
        print(f"\nLT001 by LanguageTool rule: {top}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
