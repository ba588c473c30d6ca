"""``locqa merge``: the reports of ``locqa check --shard I/N`` runs put together into the
report the whole run writes, byte for byte.

Shards partition the articles, and every finding belongs to one translated article (its
``path``): so the whole run's findings are the shards' findings, and their order (by path
first, :func:`locqa.findings.ordered`) is each shard's order with the shards interleaved
by path. Merging is therefore a stable sort by path, plus the summary (JSON) or the rules,
rule indexes, notifications and counts (SARIF) computed again.

Each shard's report records its scope (``"scope": {"shard": "2/4"}``; SARIF:
``runs[0].properties.scope``), so a merge is refused unless the reports are shards 1..N of
one N, each exactly once, with the same ``--changed-since`` ref if any: a missing shard (a
crashed CI job) would otherwise make a report that looks whole with findings missing. The
merged report records what is left of the scope (the changed-since ref), so merging a
whole partition gives the whole run's report. Reports that share an article, mixed
formats, and reports of different locqa versions or schemas are refused too.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any
from urllib.parse import unquote

from ..errors import InputError
from .json import SCHEMA_VERSION, dumps


def _read(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise InputError(f"cannot read report ({err.strerror})", path) from None
    except UnicodeDecodeError:
        raise InputError("not a locqa report: not UTF-8", path) from None
    except json.JSONDecodeError as err:
        raise InputError(f"not a locqa report: {err.msg}", path, err.lineno) from None
    if not isinstance(data, dict):
        raise InputError("not a locqa report: not a JSON object", path)
    return data


def _kind(data: dict[str, Any], path: Path) -> str:
    if isinstance(data.get("runs"), list):
        return "sarif"
    if isinstance(data.get("findings"), list) and "summary" in data:
        return "json"
    raise InputError("not a locqa JSON or SARIF report", path)


def _disjoint(paths_of: Sequence[tuple[Path, set[str]]]) -> None:
    """Refuse reports that report on the same article."""
    owner: dict[str, Path] = {}
    for report, paths in paths_of:
        for article in sorted(paths):
            if article in owner:
                raise InputError(
                    f"{article} is also reported in {owner[article]}: "
                    "the reports are not shards of one partition",
                    report,
                )
            owner[article] = report


def _whole_scope(scopes: Sequence[tuple[Path, Any]]) -> dict[str, str] | None:
    """The scope of the merge: refused unless *scopes* are shards 1..N of one N, each
    once, with one changed-since ref (kept, as the merged report's scope) or none."""
    seen: dict[int, Path] = {}
    count = None
    refs = set()
    for path, scope in scopes:
        shard = scope.get("shard") if isinstance(scope, dict) else None
        if not isinstance(shard, str) or "/" not in shard:
            raise InputError("not the report of a shard (run locqa check --shard I/N)", path)
        index, _, total = shard.partition("/")
        if not (index.isdigit() and total.isdigit()):
            raise InputError(f"unreadable shard {shard!r}", path)
        if count is not None and int(total) != count:
            raise InputError(f"shard {shard} is of another partition than 1/{count}", path)
        count = int(total)
        if int(index) in seen:
            raise InputError(f"shard {shard} is also {seen[int(index)]}", path)
        seen[int(index)] = path
        refs.add(scope.get("changed_since"))
    assert count is not None
    missing = sorted(set(range(1, count + 1)) - set(seen))
    if missing:
        listed = ", ".join(f"{i}/{count}" for i in missing)
        raise InputError(f"shard(s) {listed} missing: merge every shard of the run", scopes[-1][0])
    if len(refs) > 1:
        raise InputError("shards of runs with different --changed-since refs", scopes[-1][0])
    ref = refs.pop()
    return {"changed_since": ref} if ref else None


def _union(lists: Sequence[Sequence[Any]]) -> list[Any]:
    out: list[Any] = []
    for items in lists:
        out.extend(item for item in items if item not in out)
    return out


def merge_json(reports: Sequence[tuple[Path, dict[str, Any]]]) -> str:
    for path, data in reports:
        if data.get("version") != SCHEMA_VERSION:
            raise InputError(
                f"JSON report version {data.get('version')!r}; this locqa merges "
                f"version {SCHEMA_VERSION}",
                path,
            )
    scope = _whole_scope([(path, data.get("scope")) for path, data in reports])
    _disjoint([(path, {f["path"] for f in data["findings"]}) for path, data in reports])
    findings = sorted(
        (f for _, data in reports for f in data["findings"]), key=lambda f: str(f["path"])
    )
    open_ = Counter(f["severity"] for f in findings if f["status"] == "open")
    statuses = Counter(f["status"] for f in findings)
    summary = {
        "errors": open_["error"],
        "warnings": open_["warning"],
        "info": open_["info"],
        "open": statuses["open"],
        "fixed": statuses["fixed"],
        "approved": statuses["approved"],
        "skipped": _union([data["summary"].get("skipped", []) for _, data in reports]),
    }
    merged: dict[str, Any] = {"version": SCHEMA_VERSION, "findings": findings, "summary": summary}
    if scope:
        merged["scope"] = scope
    return dumps(merged)


def _result_path(result: dict[str, Any]) -> str:
    location = result["locations"][0]["physicalLocation"]["artifactLocation"]
    return unquote(str(location["uri"]))


def merge_sarif(reports: Sequence[tuple[Path, dict[str, Any]]]) -> str:
    runs: list[tuple[Path, dict[str, Any]]] = []
    for path, data in reports:
        if len(data["runs"]) != 1 or data["runs"][0]["tool"]["driver"].get("name") != "locqa":
            raise InputError("not a SARIF log of one locqa run", path)
        runs.append((path, data["runs"][0]))
    first_path, first = runs[0]
    version = first["tool"]["driver"].get("version")
    for path, run in runs[1:]:
        if run["tool"]["driver"].get("version") != version:
            raise InputError(
                f"made by locqa {run['tool']['driver'].get('version')}, "
                f"{first_path} by {version}: merge reports of one locqa",
                path,
            )
    scope = _whole_scope([(path, run.get("properties", {}).get("scope")) for path, run in runs])
    _disjoint([(path, {_result_path(r) for r in run["results"]}) for path, run in runs])
    rules: dict[str, Any] = {}
    for _, run in runs:
        for rule in run["tool"]["driver"].get("rules", []):
            rules.setdefault(rule["id"], rule)
    codes = sorted(rules)
    index = {code: i for i, code in enumerate(codes)}
    results = sorted((r for _, run in runs for r in run["results"]), key=_result_path)
    results = [{**r, "ruleIndex": index[r["ruleId"]]} for r in results]
    driver = {**first["tool"]["driver"], "rules": [rules[code] for code in codes]}
    invocation: dict[str, Any] = {
        "executionSuccessful": all(
            inv.get("executionSuccessful", True) for _, run in runs for inv in run["invocations"]
        )
    }
    notes = _union(
        [inv.get("toolExecutionNotifications", []) for _, run in runs for inv in run["invocations"]]
    )
    if notes:
        invocation["toolExecutionNotifications"] = notes
    counts: Counter[str] = Counter()
    for _, run in runs:
        counts.update(run.get("properties", {}).get("findings", {}))
    keys = list(first.get("properties", {}).get("findings", {}))
    merged: dict[str, Any] = {
        "tool": {"driver": driver},
        "invocations": [invocation],
        "columnKind": first.get("columnKind", "unicodeCodePoints"),
        "results": results,
        "properties": {"findings": {key: counts[key] for key in keys}},
    }
    if scope:
        merged["properties"]["scope"] = scope
    document = reports[0][1]
    return dumps({"$schema": document["$schema"], "version": document["version"], "runs": [merged]})


def merge_reports(paths: Sequence[Path]) -> str:
    """The reports at *paths* (all JSON or all SARIF) merged into one, as text."""
    reports = [(path, _read(path)) for path in paths]
    kinds = {(_kind(data, path)) for path, data in reports}
    if len(kinds) > 1:
        raise InputError("mixed JSON and SARIF reports: merge one format at a time", paths[-1])
    if kinds == {"sarif"}:
        return merge_sarif(reports)
    return merge_json(reports)
