"""SARIF 2.1.0 for code-scanning tools (GitHub code scanning and other SARIF viewers).

The log is built as plain dicts: the Python SARIF object-model packages either ship no type
information or are unmaintained, and the tests validate every log against the official
OASIS SARIF 2.1.0 JSON schema instead.

Locations point into the translated Markdown file (``uriBaseId`` ``%SRCROOT%``). A finding
knows only its segment's line and its span inside the msgstr, so the caller may pass
``locate(finding) -> (start_line, start_col, end_line, end_col)`` (1-based, end column
exclusive, columns in Unicode code points) to give exact regions; without it a result
points at the segment's line. Safe fixes become SARIF ``fixes`` when the region is known.

Status (``locqa run``, see :mod:`locqa.report.status`): open findings are ordinary
results. Findings ``locqa fix`` fixed are left out: a result that is no longer reported is
what code-scanning tools treat as fixed (GitHub code scanning closes the alert as *fixed*
on the next upload), while a result carried with a suppression would be recorded as
dismissed, and ``baselineState`` is not read by GitHub code scanning (it compares uploads
itself), so a result carried as ``"absent"`` would show there as open. Findings on entries
a reviewer approved are results with an accepted external suppression whose justification
names the decision: viewers hide them and GitHub code scanning closes them as dismissed.
``runs[0].properties.findings`` counts the findings per status, fixed ones included.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import inspect
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from urllib.parse import quote

from ..checks.base import Check
from ..findings import Finding, FixSafety, Resolution, Severity, Status, ordered
from .json import dumps
from .status import count_statuses, describe

SARIF_VERSION = "2.1.0"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
DEFAULT_DOCS_URI = "docs/checks.md"
FINGERPRINT_KEY = "locqaFingerprint/v1"

Locator = Callable[[Finding], "tuple[int, int, int, int] | None"]

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _docstring(cls: type[Check]) -> str:
    """The check class's own docstring (not one inherited from a base class), cleaned."""
    doc = cls.__dict__.get("__doc__")
    return inspect.cleandoc(doc) if isinstance(doc, str) else ""


def _project_uri() -> str | None:
    """The project's home page from the installed package metadata, if it declares one."""
    try:
        meta = importlib.metadata.metadata("locqa")
    except importlib.metadata.PackageNotFoundError:
        return None
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        if label.strip().lower() in {"homepage", "home", "repository", "source"} and url.strip():
            return url.strip()
    homes = [str(url).strip() for url in meta.get_all("Home-page") or [] if str(url).strip()]
    return homes[0] if homes else None


def artifact_uri(path: str) -> str:
    """A relative URI reference for *path* (forward slashes, percent-encoded)."""
    posix = path.replace("\\", "/")
    while posix.startswith("./"):
        posix = posix[2:]
    return quote(posix.lstrip("/"), safe="/")


def rule_descriptor(code: str, cls: type[Check] | None, docs_uri: str) -> dict[str, Any]:
    """A ``reportingDescriptor`` for one check code."""
    if cls is None:
        return {
            "id": code,
            "shortDescription": {"text": f"locqa check {code}"},
            "helpUri": f"{docs_uri}#{code.lower()}",
        }
    doc = _docstring(cls)
    first_paragraph = " ".join(doc.split("\n\n", 1)[0].split()) if doc else ""
    descriptor: dict[str, Any] = {
        "id": code,
        "name": cls.name,
        "shortDescription": {"text": cls.summary},
        "fullDescription": {"text": first_paragraph or cls.summary},
        "helpUri": f"{docs_uri}#{code.lower()}",
        "defaultConfiguration": {"level": _LEVEL[cls.severity]},
        "properties": {"fix": cls.fix.value if cls.fix is not None else None},
    }
    if doc:
        descriptor["help"] = {"text": doc, "markdown": doc}
    return descriptor


def _region(finding: Finding, locate: Locator | None) -> dict[str, int] | None:
    where = locate(finding) if locate is not None else None
    if where is not None:
        start_line, start_col, end_line, end_col = where
        return {
            "startLine": start_line,
            "startColumn": start_col,
            "endLine": end_line,
            "endColumn": end_col,
        }
    if finding.line >= 1:
        return {"startLine": finding.line}
    return None


def _fingerprint_base(finding: Finding) -> str:
    """Stable across edits elsewhere in the file: no line numbers, only what was found."""
    span = "" if finding.start is None else finding.msgstr[finding.start : finding.end]
    parts = (
        finding.path,
        finding.check,
        finding.rule or "",
        finding.msgctxt or "",
        finding.msgid,
        span,
    )
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def _message(finding: Finding) -> str:
    if finding.suggestion is None:
        return finding.message
    replacement = finding.suggestion or "(delete)"
    return f"{finding.message} Suggested replacement: “{replacement}”."


def _fixable(finding: Finding, region: dict[str, int]) -> bool:
    """A safe suggestion for a span known to lie on one line of the file: replacing that
    region is then exactly replacing ``msgstr[start:end]`` (a span over several lines may
    cross indentation or markup that is not part of the msgstr)."""
    return (
        finding.fix is FixSafety.SAFE
        and finding.suggestion is not None
        and finding.start is not None
        and "endColumn" in region
        and region["startLine"] == region["endLine"]
    )


def _result(
    finding: Finding,
    rule_index: int,
    fingerprint: str,
    locate: Locator | None,
    resolution: Resolution | None = None,
) -> dict[str, Any]:
    artifact = {"uri": artifact_uri(finding.path), "uriBaseId": SRCROOT}
    physical: dict[str, Any] = {"artifactLocation": artifact}
    region = _region(finding, locate)
    if region is not None:
        physical["region"] = region
    result: dict[str, Any] = {
        "ruleId": finding.check,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": _message(finding)},
        "locations": [{"physicalLocation": physical}],
        "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
    }
    properties: dict[str, Any] = {}
    if finding.rule:
        properties["externalRule"] = finding.rule
    if finding.fix is not None:
        properties["fix"] = finding.fix.value
    if properties:
        result["properties"] = properties
    if resolution is not None and resolution.status is Status.APPROVED:
        result["suppressions"] = [
            {"kind": "external", "status": "accepted", "justification": describe(resolution)}
        ]
    if region is not None and _fixable(finding, region):
        result["fixes"] = [
            {
                "description": {"text": f"Replace with “{finding.suggestion}”"},
                "artifactChanges": [
                    {
                        "artifactLocation": dict(artifact),
                        "replacements": [
                            {
                                "deletedRegion": dict(region),
                                "insertedContent": {"text": finding.suggestion},
                            }
                        ],
                    }
                ],
            }
        ]
    return result


def render_sarif(
    findings: Sequence[Finding],
    rules: Mapping[str, type[Check]],
    *,
    locate: Locator | None = None,
    tool_version: str,
    skipped: Sequence[str] = (),
    information_uri: str | None = None,
    docs_uri: str = DEFAULT_DOCS_URI,
    resolutions: Mapping[Finding, Resolution] | None = None,
    scope: Mapping[str, str] | None = None,
) -> str:
    """A SARIF 2.1.0 log with one run of locqa; a narrowed run (*scope*: its shard,
    its changed-since ref) says so in ``runs[0].properties.scope``.

    *rules* maps check codes to check classes (normally ``REGISTRY``); one rule is listed per
    code that has results. *skipped* checkers become tool-execution notifications.
    *information_uri* defaults to the project URL in the package metadata (omitted if none).
    *resolutions* are the findings no longer open: fixed ones are left out, approved ones
    suppressed (see the module docstring).
    """
    resolved = resolutions or {}
    in_order = [
        f for f in ordered(findings) if f not in resolved or resolved[f].status is not Status.FIXED
    ]
    codes = sorted({f.check for f in in_order})
    index = {code: i for i, code in enumerate(codes)}
    driver: dict[str, Any] = {
        "name": "locqa",
        "version": tool_version,
        "semanticVersion": tool_version,
        "rules": [rule_descriptor(code, rules.get(code), docs_uri) for code in codes],
    }
    uri = information_uri if information_uri is not None else _project_uri()
    if uri:
        driver["informationUri"] = uri

    seen: Counter[str] = Counter()
    results = []
    for finding in in_order:
        base = _fingerprint_base(finding)
        fingerprint = f"{base}:{seen[base]}"
        seen[base] += 1
        results.append(
            _result(finding, index[finding.check], fingerprint, locate, resolved.get(finding))
        )

    invocation: dict[str, Any] = {"executionSuccessful": True}
    if skipped:
        invocation["toolExecutionNotifications"] = [
            {
                "level": "warning",
                "message": {"text": f"{name} was skipped: its checks did not run."},
                "descriptor": {"id": "skipped-checker"},
            }
            for name in skipped
        ]
    run: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "results": results,
        "properties": {
            "findings": {s.value: n for s, n in count_statuses(findings, resolved).items()}
        },
    }
    if scope:
        run["properties"]["scope"] = dict(scope)
    return dumps({"$schema": SARIF_SCHEMA, "version": SARIF_VERSION, "runs": [run]})
