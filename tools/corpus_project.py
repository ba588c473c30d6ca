"""The layout of a throw-away locqa project made from the development corpus, shared by the
development tools (bench, precision): the command-line flags that point locqa at it."""

from __future__ import annotations

from pathlib import Path


def project_flags(work: Path) -> list[str]:
    """``locqa`` flags for a project at *work* with ``content/en``, ``content/<lang>``,
    ``locales`` and ``build`` (no pyproject.toml needed)."""
    return [
        "--root",
        str(work),
        "--source-dir",
        "content/en",
        "--target-dir",
        "content/{lang}",
        "--locales-dir",
        "locales",
        "--build-dir",
        "build",
    ]
