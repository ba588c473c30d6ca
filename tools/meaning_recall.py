"""Recall of meaning errors on labelled real machine translation, and false alarms on the
segments the labeller found correct.

Labels: one JSON object per segment pair (``article``, ``msgid``, ``msgstr``, ``ok``,
``errors``: ``kind``, ``span`` — an exact substring of msgstr, or "" — ``source_span``,
``why``). Findings: the JSON report of ``locqa check`` on the same project. An error is
*found at its place* when a finding on its entry overlaps its span; an error without a span
(an omission) is found by a finding on its entry without a span. Usage::

    python tools/meaning_recall.py LABELS FINDINGS [--checks MNG,TRM002] [--json OUT]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any


def _spans(msgstr: str, span: str) -> list[tuple[int, int]]:
    found, at = [], msgstr.find(span) if span else -1
    while at >= 0:
        found.append((at, at + len(span)))
        at = msgstr.find(span, at + 1)
    return found


def measure(labels: list[dict[str, Any]], findings: list[dict[str, Any]]) -> dict[str, Any]:
    by_entry: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for finding in findings:
        by_entry[(finding["msgid"], finding["msgstr"])].append(finding)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    by_check: Counter[str] = Counter()
    ok_segments = alarms = alarmed_segments = 0
    for label in labels:
        here = by_entry.get((label["msgid"], label["msgstr"]), [])
        if label["ok"]:
            ok_segments += 1
            alarms += len(here)
            alarmed_segments += bool(here)
            continue
        for error in label["errors"]:
            spans = _spans(label["msgstr"], error.get("span", ""))
            hits = [
                f
                for f in here
                if (
                    f.get("start") is not None
                    and any(f["start"] < b and a < f["end"] for a, b in spans)
                )
                or (f.get("start") is None and (not spans or error["kind"] == "omission"))
            ]
            kinds[error["kind"]]["errors"] += 1
            kinds[error["kind"]]["found"] += bool(hits)
            for check in {f["check"] for f in hits}:
                by_check[check] += 1
    errors = sum(c["errors"] for c in kinds.values())
    found = sum(c["found"] for c in kinds.values())
    return {
        "errors": errors,
        "found": found,
        "recall": round(found / errors, 3) if errors else None,
        "by_kind": {k: dict(v) for k, v in sorted(kinds.items())},
        "errors_found_by_check": dict(by_check.most_common()),
        "correct_segments": ok_segments,
        "findings_on_correct_segments": alarms,
        "correct_segments_with_a_finding": alarmed_segments,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("labels", type=Path)
    parser.add_argument("findings", type=Path)
    parser.add_argument("--checks", default="", help="count only these codes or prefixes")
    parser.add_argument("--json", type=Path, help="write the figures here as well")
    args = parser.parse_args(argv)
    labels = [json.loads(line) for line in args.labels.read_text("utf-8").splitlines() if line]
    report = json.loads(args.findings.read_text("utf-8"))
    findings = report["findings"] if isinstance(report, dict) else report
    prefixes = tuple(p.strip().upper() for p in args.checks.split(",") if p.strip())
    if prefixes:
        findings = [f for f in findings if f["check"].startswith(prefixes)]
    figures = measure(labels, findings)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", "utf-8")
    json.dump(figures, sys.stdout, indent=2)
    print()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
