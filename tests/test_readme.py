"""The README's example is what a fresh clone prints, and the committed catalogues are
exactly what ``locqa extract`` writes (so the main job shows the real before and after)."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import REPO, snapshot
from locqa.cli import main
from locqa.languagetool import LanguageToolSession

README = REPO / "README.md"


def fresh_clone(tmp_path: Path) -> Path:
    """The project files a clone has: config, articles and committed catalogues."""
    dest = tmp_path / "clone"
    dest.mkdir()
    shutil.copy(REPO / "pyproject.toml", dest / "pyproject.toml")
    for folder in ("content", "locales"):
        shutil.copytree(REPO / folder, dest / folder)
    return dest


def fenced(after_heading: str, language: str) -> list[str]:
    """The lines of the first ```language block after the heading *after_heading*."""
    text = README.read_text(encoding="utf-8")
    start = text.index(after_heading)
    match = re.search(rf"```{language}\n(.*?)```", text[start:], re.DOTALL)
    assert match, f"no {language} block after {after_heading!r}"
    return match.group(1).rstrip("\n").split("\n")


def test_committed_catalogues_are_what_extract_writes(tmp_path: Path) -> None:
    clone = fresh_clone(tmp_path)
    before = snapshot(clone / "locales")
    assert main(["extract", "--root", str(clone), "-q"]) == 0
    assert snapshot(clone / "locales") == before


@pytest.mark.languagetool
@pytest.mark.slow
def test_readme_example_is_what_a_fresh_clone_prints(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    languagetool_session: LanguageToolSession,
) -> None:
    clone = fresh_clone(tmp_path)
    monkeypatch.setenv("LOCQA_LANGUAGETOOL_URL", languagetool_session.url)
    monkeypatch.chdir(clone)
    capsys.readouterr()
    assert main(["run", "--color", "never", "--no-cache"]) == 0
    printed = capsys.readouterr().out.rstrip("\n").split("\n")
    shown = [line for line in fenced("## The sample article", "text") if line != "…"]
    # every line the README shows is printed, in the same order (it shows a part)
    at = 0
    for line in shown:
        assert line in printed[at:], f"README line not printed (in order): {line!r}"
        at = printed.index(line, at) + 1
    diff = subprocess.run(
        ["diff", "content/nl/b2b-b2c.md", "build/nl/b2b-b2c.md"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout
    assert diff.rstrip("\n").split("\n") == fenced("The published `build/nl/b2b-b2c.md`", "diff")
