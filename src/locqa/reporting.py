"""Write a check run's findings in one of the output formats, to stdout or a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .atomic import write_text
from .checks.base import REGISTRY
from .checks.runner import CheckRun
from .locate import Locator
from .report.json import render_json
from .report.sarif import render_sarif
from .report.status import Outcome
from .report.text import render_text

if TYPE_CHECKING:
    from .config import Settings


def render(
    run: CheckRun,
    fmt: str,
    *,
    locate: Locator | None = None,
    color: bool = False,
    quiet: bool = False,
    outcome: Outcome | None = None,
) -> str:
    """*run*'s findings in *fmt*; with the *outcome* of fixing (``locqa run``), the findings
    as they stand after fixing, each open, fixed or approved (:mod:`locqa.report.status`)."""
    findings = run.findings if outcome is None else outcome.findings
    resolutions = None if outcome is None else outcome.resolutions
    if fmt == "json":
        return render_json(findings, skipped=run.skipped, resolutions=resolutions, scope=run.scope)
    if fmt == "sarif":
        return render_sarif(
            findings,
            REGISTRY,
            locate=locate,
            tool_version=__version__,
            skipped=run.skipped,
            resolutions=resolutions,
            scope=run.scope,
        )
    return render_text(
        findings,
        color=color,
        quiet=quiet,
        skipped=run.skipped,
        locate=locate,
        resolutions=resolutions,
    )


def write_report(
    run: CheckRun,
    fmt: str,
    *,
    output: Path | None = None,
    locate: Locator | None = None,
    color: bool = False,
    quiet: bool = False,
    outcome: Outcome | None = None,
) -> str:
    """Render; write atomically to *output* if given (returning ""), else return the text."""
    text = render(run, fmt, locate=locate, color=color, quiet=quiet, outcome=outcome)
    if output is None:
        return text
    write_text(output, text)
    return ""


def write_run_reports(
    settings: Settings, run: CheckRun, outcome: Outcome, *, locate: Locator | None = None
) -> dict[str, Path]:
    """The reports of ``locqa run``, as the findings of *run* stand after fixing (the
    *outcome*), written to ``<build-dir>/reports``: ``findings.json``, ``findings.sarif``
    and ``index.html``. Returns the path of each by format (json, sarif, html)."""
    from .report.html import write_html_report

    reports = settings.build_root / "reports"
    written = {"json": reports / "findings.json", "sarif": reports / "findings.sarif"}
    for fmt, path in written.items():
        write_report(run, fmt, output=path, locate=locate, outcome=outcome)
    written["html"] = write_html_report(settings, run, outcome=outcome)
    return written
