"""The development corpus: every article of every language rebuilds byte-identically from
its catalogue and is checked without a crash."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import CORPUS, corpus
from locqa.build import build
from locqa.cli import main
from locqa.config import load_settings
from locqa.extract import extract


@corpus
def test_every_dutch_article_rebuilds_byte_identically(tmp_path: Path) -> None:
    settings = load_settings(
        tmp_path,
        {
            "source_dir": CORPUS / "en",
            "target_dir": str(CORPUS / "{lang}"),
            "locales_dir": tmp_path / "locales",
            "build_dir": tmp_path / "build",
            "languages": ("nl",),
            "termbase": None,
        },
    )
    result = extract(settings)
    sources = sorted((CORPUS / "en").rglob("*.md"))
    assert result.articles == len(sources) >= 283
    assert not [o for o in result.orphans if o.side == "target"]
    # every English article extracts (one POT each) and most pairs align fully
    assert len(list((tmp_path / "locales").glob("**/*.pot"))) == len(sources)
    assert result.aligned_fully >= 0.9 * len(sources)
    build(settings)
    different = [
        str(nl.relative_to(CORPUS))
        for nl in sorted((CORPUS / "nl").rglob("*.md"))
        if (tmp_path / "build" / "nl" / nl.relative_to(CORPUS / "nl")).read_bytes()
        != nl.read_bytes()
    ]
    assert different == []


LANGUAGES = ["nl", "de", "fr", "es", "ja", "zh-Hans"]


@corpus
@pytest.mark.corpus_language
@pytest.mark.parametrize("lang", LANGUAGES)
def test_corpus_language_rebuilds_and_checks_without_a_crash(tmp_path: Path, lang: str) -> None:
    """Every article of one language: extract, rebuild byte for byte, check (without
    LanguageTool) to the end. Slow: ``nox -s "corpus(lang='ja')"``, not the default run."""
    flags = [
        "--root", str(tmp_path), "--source-dir", str(CORPUS / "en"),
        "--target-dir", str(CORPUS / "{lang}"), "--locales-dir", str(tmp_path / "locales"),
        "--build-dir", str(tmp_path / "build"), "--lang", lang, "-q",
    ]  # fmt: skip
    assert main(["extract", *flags]) == 0
    assert main(["build", *flags]) == 0
    folder = CORPUS / lang
    different = [
        str(path.relative_to(folder))
        for path in sorted(folder.rglob("*.md"))
        if (tmp_path / "build" / lang / path.relative_to(folder)).read_bytes() != path.read_bytes()
    ]
    assert different == []
    report = tmp_path / "findings.json"
    code = main(["check", *flags, "--skip-languagetool", "--format", "json", "-o", str(report)])
    assert code in (0, 1)
    findings = json.loads(report.read_text(encoding="utf-8"))["findings"]
    assert all(f["path"].startswith(f"{lang}/") or lang in f["path"] for f in findings)
