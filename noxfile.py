"""nox sessions: the main job (pipeline), tests, lint, docs, and benchmarks.

nox -s pipeline   extract → check → fix → build on this project's content
nox -s tests      the test suite (starts LanguageTool itself)
nox -s lint       ruff + mypy
"""

from __future__ import annotations

import nox

nox.options.sessions = ["pipeline", "tests", "lint"]
nox.options.reuse_existing_virtualenvs = True
nox.options.default_venv_backend = "venv"

PYTHON = "3.11"


@nox.session(python=PYTHON)
def pipeline(session: nox.Session) -> None:
    """The main job: extract → check → fix → build, leaving catalogues, articles, reports."""
    session.install("-e", ".")
    session.run("locqa", "run", *session.posargs)


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """The test suite. Integration tests start a real LanguageTool server (Java + Maven)."""
    session.install("-e", ".[test]")
    session.run("python", "-m", "locqa.languagetool", "fetch", external=False)
    session.run("pytest", "-q", *session.posargs)


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff (lint + format check), mypy --strict, import contracts, docs/checks.md fresh."""
    session.install("-e", ".[lint]")
    session.run("ruff", "check", "src", "tests", "tools", "noxfile.py")
    session.run("ruff", "format", "--check", "src", "tests", "tools", "noxfile.py")
    session.run("mypy")
    session.run("lint-imports")  # the layers and acyclicity contracts in pyproject.toml
    session.run("python", "tools/docgen.py", "--check", "docs/checks.md")


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """Regenerate docs/checks.md from the check registry."""
    session.install("-e", ".")
    session.run("python", "tools/docgen.py", "docs/checks.md")


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """The pipeline on ../shared/corpus (scaled ×1, ×2, ×4), cold and warm, beside pofilter.

    Writes build/bench/results.json and prints a table. ``nox -s bench -- --limit 20
    --scales 1`` is a quick smoke run.
    """
    session.install("-e", ".[test]")
    session.run("python", "-m", "locqa.languagetool", "fetch")
    session.run("python", "tools/bench.py", *session.posargs)


@nox.session(python=PYTHON)
def precision(session: nox.Session) -> None:
    """Measured precision per check on ../shared/corpus (Dutch), from the labels in
    docs/precision/nl.jsonl; not part of the default sessions or of CI.

    Runs extract + check with LanguageTool on a temporary copy of the corpus (about 10
    minutes), recomputes docs/precision/figures.json and regenerates docs/checks.md.
    Arguments go to ``tools/precision.py run`` (e.g. ``-- --corpus DIR``).
    """
    session.install("-e", ".")
    session.run("python", "-m", "locqa.languagetool", "fetch")
    findings = "build/precision/nl-findings.json"
    session.run(
        "python", "tools/precision.py", "run", "--lang", "nl", "--out", findings, *session.posargs
    )
    session.run(
        "python",
        "tools/precision.py",
        "compute",
        "--lang",
        "nl",
        "--findings",
        findings,
        "--write",
        "docs/precision/figures.json",
    )
    session.run("python", "tools/docgen.py", "docs/checks.md")


@nox.session(python=PYTHON)
def fuzz(session: nox.Session) -> None:
    """Fuzz the Markdown parser, the PO reader and the PO annotation; long kill tests.

    ``nox -s fuzz -- 300`` fuzzes each target for 300 s (default 60).
    """
    session.install("-e", ".[test,fuzz]")
    seconds = session.posargs[0] if session.posargs else "60"
    session.run("python", "tests/fuzz/run.py", "--seconds", seconds)
    session.run(
        "python",
        "-m",
        "pytest",
        "-q",
        "tests/test_interrupt.py",
        env={"LOCQA_INTERRUPT_ARTICLES": "200", "LOCQA_INTERRUPT_KILLS": "10"},
    )
