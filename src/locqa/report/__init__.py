"""Output formats: views over a list of findings.

- :func:`render_text` — grouped by file, spans highlighted, counts at the end (people, CI logs)
- :func:`render_json` — the stable, versioned JSON schema (scripts)
- :func:`render_sarif` — SARIF 2.1.0 (code-scanning tools such as GitHub code scanning)

Each takes the findings and, optionally, their resolutions: after ``locqa fix``, which are
fixed or approved rather than open (:mod:`locqa.report.status`).
"""

from __future__ import annotations

from .json import render_json
from .sarif import render_sarif
from .text import render_text

__all__ = ["render_json", "render_sarif", "render_text"]
