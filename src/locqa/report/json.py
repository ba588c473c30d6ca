"""The JSON report: a stable, documented schema for scripts and CI.

Schema, version 2 (keys always present, in this order)::

    {
      "version": 2,
      "findings": [
        {
          "path": "content/nl/page.md",   # translated Markdown file, relative
          "line": 12,                     # 1-based line of the segment in that file
          "msgctxt": null,                # PO context of the entry, or null
          "msgid": "...",                 # source text
          "msgstr": "...",                # translation the finding is about
          "check": "ENC001",              # locqa check code (docs/checks.md#enc001)
          "rule": null,                   # external tool's rule id (LanguageTool), or null
          "severity": "error",            # "error" | "warning" | "info"
          "message": "...",
          "start": 5, "end": 12,          # character offsets into msgstr, or null
          "suggestion": "cliënt",         # replacement for msgstr[start:end], or null
          "fix": "safe",                  # "safe" | "unsafe" | "display-only" | null
          "status": "fixed",              # "open" | "fixed" | "approved" (see below)
          "resolution": {                 # null when open
            "check": "ENC001",            # fixed: the check whose fix changed the entry
            "safety": "safe",             #   and its safety (both null if not one fix)
            "decision": null              # approved: "accept" | "edit" | "approve" | "memory"
          }
        }
      ],
      "summary": {
        "errors": 0, "warnings": 0, "info": 0,   # OPEN findings per severity
        "open": 0, "fixed": 1, "approved": 0,    # findings per status
        "skipped": ["LanguageTool"]
      }
    }

Status: ``locqa check`` reports what the checks find, every finding *open*. ``locqa run``
reports what is true after fixing (see :mod:`locqa.report.status`): the findings the
checks still report (*open*, as they are now: ``msgstr`` is the catalogue's current
text); those ``locqa fix`` resolved (*fixed*, as they were reported before the fix); and
those on entries a reviewer or the translation memory decided (*approved*). Only open
findings are counted per severity.

Version 2 added ``status``, ``resolution`` and the per-status counts; in version 1 every
finding listed was open, and ``locqa run`` listed the findings of the check before fixing.

A run of part of the project (``locqa check --shard 2/4``, ``--changed-since REF``) adds a
last key, ``"scope": {"shard": "2/4", "changed_since": "main"}`` (each key only when
used); ``locqa merge`` reads it to require every shard exactly once. A whole run has none.

Findings are ordered by :attr:`locqa.findings.Finding.sort_key` (path, line, start, check,
message). Offsets count Unicode code points (Python string indices).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from typing import Any

from ..findings import Finding, Resolution, Severity, Status, ordered

SCHEMA_VERSION = 2

# Characters that JSON allows raw inside strings but that a terminal or an editor may act on
# or hide: C1 controls, DEL, line/paragraph separators, bidi and zero-width format characters.
_UNSAFE_RAW = re.compile("[\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]")


def dumps(data: Any) -> str:
    """``json.dumps`` with readable non-ASCII text but no raw control or bidi characters.

    Outside strings JSON is pure ASCII, so escaping these characters as ``\\uXXXX``
    anywhere in the output only changes how the strings are spelled, never their value.
    """
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _UNSAFE_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", text) + "\n"


def finding_to_dict(finding: Finding, resolution: Resolution | None = None) -> dict[str, Any]:
    """One finding in the schema above; open unless a *resolution* says otherwise."""
    return {
        "path": finding.path,
        "line": finding.line,
        "msgctxt": finding.msgctxt,
        "msgid": finding.msgid,
        "msgstr": finding.msgstr,
        "check": finding.check,
        "rule": finding.rule,
        "severity": finding.severity.value,
        "message": finding.message,
        "start": finding.start,
        "end": finding.end,
        "suggestion": finding.suggestion,
        "fix": finding.fix.value if finding.fix is not None else None,
        "status": (resolution.status if resolution is not None else Status.OPEN).value,
        "resolution": resolution.to_json() if resolution is not None else None,
    }


def summary(
    findings: Sequence[Finding],
    skipped: Sequence[str] = (),
    resolutions: Mapping[Finding, Resolution] | None = None,
) -> dict[str, Any]:
    """Open findings per severity, findings per status, and the checkers that did not run."""
    resolved = resolutions or {}
    statuses = Counter(resolved[f].status if f in resolved else Status.OPEN for f in findings)
    severities = Counter(f.severity for f in findings if f not in resolved)
    return {
        "errors": severities[Severity.ERROR],
        "warnings": severities[Severity.WARNING],
        "info": severities[Severity.INFO],
        **{status.value: statuses[status] for status in Status},
        "skipped": list(skipped),
    }


def render_json(
    findings: Sequence[Finding],
    *,
    skipped: Sequence[str] = (),
    resolutions: Mapping[Finding, Resolution] | None = None,
    scope: Mapping[str, str] | None = None,
) -> str:
    """The JSON report (schema above) as text ending in a newline. *resolutions* are the
    findings no longer open and how (:class:`locqa.report.status.Outcome`); the others
    are open. *scope*: the run covered part of the project (``--shard``,
    ``--changed-since``), recorded as a last key ``"scope"`` (absent for the whole)."""
    resolved = resolutions or {}
    data: dict[str, Any] = {
        "version": SCHEMA_VERSION,
        "findings": [finding_to_dict(f, resolved.get(f)) for f in ordered(findings)],
        "summary": summary(findings, skipped, resolved),
    }
    if scope:
        data["scope"] = dict(scope)
    return dumps(data)
