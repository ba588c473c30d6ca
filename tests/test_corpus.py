"""The development corpus: every Dutch article rebuilds byte-identically from its catalogue."""

from __future__ import annotations

from pathlib import Path

from conftest import CORPUS, corpus
from locqa.build import build
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
