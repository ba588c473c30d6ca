"""Baselines: the findings a project has accepted for now, so CI fails only on new ones.

``locqa check --baseline FILE --update-baseline`` records the current findings in *FILE*;
``locqa check --baseline FILE`` (and ``locqa run``) then report and fail only on findings
that are not in it. A finding is identified by a fingerprint that survives edits elsewhere
in the article: the translated article, the entry (msgctxt, msgid), the check code and
LanguageTool rule, and the flagged text (not its offset, nor the line). Identical
fingerprints in one entry are counted: a baseline holding two ``de de`` in an entry lets a
third one through.

The file is JSON, sorted, one object per fingerprint with the fields a person needs to
recognise it (path, msgid, check, flagged text, count); it is written atomically and is
meant to be committed.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .atomic import write_text
from .errors import InputError
from .findings import Finding, ordered

FORMAT = "locqa-baseline"
VERSION = 1


def flagged_text(finding: Finding) -> str:
    """What the finding points at: the flagged span, or "" for the whole entry."""
    if finding.start is None or finding.end is None:
        return ""
    return finding.msgstr[finding.start : finding.end]


def fingerprint(finding: Finding) -> str:
    parts = (
        finding.path,
        finding.msgctxt or "",
        finding.msgid,
        finding.check,
        finding.rule or "",
        flagged_text(finding),
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]


@dataclass(frozen=True)
class Baseline:
    """Fingerprint → how many findings with it are accepted."""

    counts: Counter[str]

    @classmethod
    def of(cls, findings: Iterable[Finding]) -> Baseline:
        return cls(Counter(fingerprint(f) for f in findings))

    def split(self, findings: Sequence[Finding]) -> tuple[list[Finding], list[Finding]]:
        """(new, known): *findings* not covered by the baseline, and those it covers."""
        left = Counter(self.counts)
        new: list[Finding] = []
        known: list[Finding] = []
        for finding in ordered(findings):
            key = fingerprint(finding)
            if left[key] > 0:
                left[key] -= 1
                known.append(finding)
            else:
                new.append(finding)
        return new, known


def read_baseline(path: Path, display: str | None = None) -> Baseline:
    """The baseline in *path*; :class:`InputError` naming the file when it is missing or
    not a locqa baseline."""
    name = display or str(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("no such baseline (create it with --update-baseline)", name) from None
    except OSError as exc:
        raise InputError(f"cannot read baseline: {exc.strerror}", name) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        line = getattr(exc, "lineno", None)
        raise InputError("not a JSON baseline file", name, line) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(f'not a locqa baseline (no "format": "{FORMAT}")', name)
    if data.get("version") != VERSION:
        raise InputError(
            f"baseline version {data.get('version')!r}; this locqa reads {VERSION}", name
        )
    counts: Counter[str] = Counter()
    for entry in data.get("findings", []):
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise InputError("baseline entry without a fingerprint", name)
        count = entry.get("count", 1)
        if not isinstance(count, int) or count < 1:
            raise InputError(f"baseline count {count!r} is not a positive number", name)
        counts[entry["fingerprint"]] += count
    return Baseline(counts)


def write_baseline(path: Path, findings: Sequence[Finding]) -> int:
    """Record *findings* as the baseline in *path* (atomically); returns how many."""
    entries: dict[str, dict[str, Any]] = {}
    for finding in ordered(findings):
        key = fingerprint(finding)
        if key in entries:
            entries[key]["count"] += 1
            continue
        entries[key] = {
            "fingerprint": key,
            "path": finding.path,
            "msgctxt": finding.msgctxt,
            "msgid": finding.msgid,
            "check": finding.check,
            "rule": finding.rule,
            "text": flagged_text(finding),
            "count": 1,
        }
    body = {
        "format": FORMAT,
        "version": VERSION,
        "findings": sorted(
            entries.values(), key=lambda e: (e["path"], e["msgid"], e["check"], e["fingerprint"])
        ),
    }
    write_text(path, json.dumps(body, ensure_ascii=False, indent=1) + "\n")
    return len(findings)
