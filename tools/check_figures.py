"""Findings per 1,000 words for each check, from a real run over a corpus.

    python tools/check_figures.py build/bench/work/x1/findings-cold.json \
        build/bench/work/x1/check-stats-cold.json > docs/check-figures.md
    python tools/docgen.py docs/checks.md      # includes docs/check-figures.md

The first file is ``locqa check --format json`` output, the second ``locqa check --stats``
output of the same run (``nox -s bench`` writes both for its ×1 cold run, LanguageTool
included). What a person saw when reading a sample of each check's findings is data kept in
``tools/check_readings.json``, not measured here.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from locqa.checks import load_checks
from locqa.checks.base import REGISTRY


def main(findings_path: str, stats_path: str) -> int:
    load_checks()
    findings = json.loads(Path(findings_path).read_text(encoding="utf-8"))["findings"]
    stats = json.loads(Path(stats_path).read_text(encoding="utf-8"))
    readings_file = Path(__file__).with_name("check_readings.json")
    readings = json.loads(readings_file.read_text(encoding="utf-8"))
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
        "The last column is what we saw reading a sample of each check's findings on this "
        "mostly correct Dutch.\n"
    )
    print("| Check | Findings | per 1,000 words | Reading a sample |")
    print("| --- | ---: | ---: | --- |")
    for code in sorted(REGISTRY):
        n = counts.get(code, 0)
        rate = 1000 * n / words
        print(f"| [{code}](#{code.lower()}) | {n} | {rate:.2f} | {readings.get(code, '')} |")
    if rules:
        top = ", ".join(f"{rule} {n}" for rule, n in rules.most_common(6))
        print(f"\nLT001 by LanguageTool rule: {top}.")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
