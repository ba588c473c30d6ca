"""Write a check run's findings in one of the output formats, to stdout or a file."""

from __future__ import annotations

from pathlib import Path

from . import __version__
from .atomic import write_text
from .checking import CheckRun
from .checks.base import REGISTRY
from .locate import Locator
from .report.json import render_json
from .report.sarif import render_sarif
from .report.text import render_text


def render(
    run: CheckRun,
    fmt: str,
    *,
    locate: Locator | None = None,
    color: bool = False,
    quiet: bool = False,
) -> str:
    if fmt == "json":
        return render_json(run.findings, skipped=run.skipped)
    if fmt == "sarif":
        return render_sarif(
            run.findings, REGISTRY, locate=locate, tool_version=__version__, skipped=run.skipped
        )
    return render_text(run.findings, color=color, quiet=quiet, skipped=run.skipped, locate=locate)


def write_report(
    run: CheckRun,
    fmt: str,
    *,
    output: Path | None = None,
    locate: Locator | None = None,
    color: bool = False,
    quiet: bool = False,
) -> str:
    """Render; write atomically to *output* if given (returning ""), else return the text."""
    text = render(run, fmt, locate=locate, color=color, quiet=quiet)
    if output is None:
        return text
    write_text(output, text)
    return ""
