from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from lt_fixtures import languagetool_session  # noqa: F401  (a session-wide real server)

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
CORPUS = REPO.parent / "shared" / "corpus" / "commerce-learn"
sys.path.insert(0, str(REPO / "tools"))  # development tools (docgen, bench) are not in the package

corpus = pytest.mark.skipif(not CORPUS.is_dir(), reason=f"corpus not present at {CORPUS}")


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A copy of the nested fixture project (several articles, one without translation)."""
    dest = tmp_path / "tree"
    shutil.copytree(FIXTURES / "tree", dest)
    return dest


@pytest.fixture
def sample_project(tmp_path: Path) -> Path:
    """A copy of this repository's content (the sample article) with its config."""
    dest = tmp_path / "project"
    dest.mkdir()
    shutil.copy(REPO / "pyproject.toml", dest / "pyproject.toml")
    shutil.copytree(REPO / "content", dest / "content")
    (dest / "locales" / "glossary").mkdir(parents=True)
    tbx = REPO / "locales" / "glossary" / "en-nl.tbx"
    if tbx.exists():
        shutil.copy(tbx, dest / "locales" / "glossary" / "en-nl.tbx")
    return dest


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file under *root* with its bytes, to prove nothing changed."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }
