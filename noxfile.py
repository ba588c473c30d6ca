"""nox sessions: the main job (pipeline), tests, lint, docs, and benchmarks.

nox -s pipeline   extract → check → fix → build on this project's content
nox -s tests      the test suite (starts LanguageTool itself)
nox -s lint       ruff + mypy
nox -s "precision(lang='fr')"   measured precision on the corpus, per language
nox -s "corpus(lang='ja')"      the corpus tests of one language
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
    session.run("pytest", "-q", "--durations=30", *session.posargs)


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


#: The languages of the development corpus (../shared/corpus/commerce-learn), one profile each.
CORPUS_LANGUAGES = ["nl", "de", "fr", "es", "ja", "zh-Hans"]


@nox.session(python=PYTHON)
@nox.parametrize("lang", CORPUS_LANGUAGES)
def precision(session: nox.Session, lang: str) -> None:
    """Measured precision per check on ../shared/corpus for one language, from the labels
    in docs/precision/<lang>.jsonl; not part of the default sessions or of CI.

    ``nox -s "precision(lang='fr')"``. Runs extract + check with LanguageTool on a temporary
    copy of the corpus (about 10 minutes), recomputes the language's part of
    docs/precision/figures.json and regenerates docs/checks.md. Arguments go to
    ``tools/precision.py run`` (e.g. ``-- --corpus DIR``).
    """
    session.install("-e", ".[align]")
    session.run("python", "-m", "locqa.languagetool", "fetch")
    findings = f"build/precision/{lang}-findings.json"
    session.run(
        "python", "tools/precision.py", "run", "--lang", lang, "--out", findings, *session.posargs
    )
    session.run(
        "python",
        "tools/precision.py",
        "compute",
        "--lang",
        lang,
        "--findings",
        findings,
        "--write",
        "docs/precision/figures.json",
    )
    session.run("python", "tools/docgen.py", "docs/checks.md")


@nox.session(python=PYTHON)
@nox.parametrize("lang", CORPUS_LANGUAGES)
def corpus(session: nox.Session, lang: str) -> None:
    """The corpus tests of one language (``nox -s "corpus(lang='ja')"``): rebuild every
    article byte for byte, check it without a crash. Slow; not part of CI's default run."""
    session.install("-e", ".[test]")
    test = "tests/test_corpus.py::test_corpus_language_rebuilds_and_checks_without_a_crash"
    session.run("pytest", "-q", "-m", "corpus_language", f"{test}[{lang}]", *session.posargs)


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
