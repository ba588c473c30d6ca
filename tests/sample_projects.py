"""Small projects built for tests: several articles, with a corpus-wide finding."""

from __future__ import annotations

import shutil
from pathlib import Path

from locqa.cli import main

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
SAME_EN = "Save the configuration before you leave the page.\n"
#: one source sentence rendered two ways: a corpus-wide consistency finding
PAGES = {
    "save-a.md": "Sla de configuratie op voordat u de pagina verlaat.\n",
    "save-b.md": "Bewaar de instelling voordat je de bladzijde verlaat.\n",
}


def mixed_project(root: Path) -> Path:
    """The nested fixture tree, the sample article and two articles that disagree,
    extracted into catalogues."""
    shutil.copytree(FIXTURES / "tree", root)
    shutil.copy(REPO / "content/en/b2b-b2c.md", root / "content/en/b2b-b2c.md")
    shutil.copy(REPO / "content/nl/b2b-b2c.md", root / "content/nl/b2b-b2c.md")
    for name, nl in PAGES.items():
        (root / "content/en" / name).write_text(f"# Save\n\n{SAME_EN}", encoding="utf-8")
        (root / "content/nl" / name).write_text(f"# Opslaan\n\n{nl}", encoding="utf-8")
    assert main(["extract", "--root", str(root), "-q"]) == 0
    return root
