"""The cached, parallel engine: same findings whatever the jobs and the cache state."""

from __future__ import annotations

import shutil
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import pytest

from conftest import CORPUS, corpus
from locqa.checking import check_project
from locqa.config import load_settings
from locqa.extract import extract
from locqa.languagetool import LTMatch, effective_disabled_rules
from locqa.report.json import render_json
from test_lang_profiles import GERMAN_TBX, two_languages
from test_languagetool import RecordingLanguageTool
from test_languagetool import recording as recording  # a fixture


class FakeLanguageTool:
    """Flags every "Opnieuw" with a grammar rule (a spelling match on a dictionary word
    would be dropped); counts starts and texts checked."""

    starts = 0
    texts = 0

    def check_texts(self, texts: Sequence[str], lang: str) -> list[list[Any]]:
        FakeLanguageTool.texts += len(texts)
        out = []
        for text in texts:
            at = text.find("Opnieuw")
            out.append(
                []
                if at < 0
                else [
                    LTMatch(
                        "FAKE_RULE",
                        "GRAMMAR",
                        "grammar",
                        "Fake grammar error",
                        at,
                        7,
                        ("Nabestellen",),
                    )
                ]
            )
        return out


@contextmanager
def fake_session() -> Iterator[FakeLanguageTool]:
    FakeLanguageTool.starts += 1
    yield FakeLanguageTool()


def factory() -> AbstractContextManager[FakeLanguageTool]:
    return fake_session()


def run(root: Path, **kw: Any) -> tuple[str, Any]:
    settings = load_settings(root, kw.pop("overrides", None))
    result, _ = check_project(settings, languagetool=factory, **kw)
    return render_json(result.findings, skipped=result.skipped), result


@pytest.fixture
def project(sample_project: Path, tree: Path) -> Path:
    """The sample article plus the nested fixture tree: several articles."""
    for side in ("en", "nl"):
        shutil.copytree(
            tree / "content" / side, sample_project / "content" / side, dirs_exist_ok=True
        )
    (sample_project / "content/en/guides/only-english.md").unlink()
    (sample_project / "content/nl/guides/advanced/promotions.md").write_text(
        "# Promoties\n\nOpnieuw een winkelwagenprijsregel.\n", encoding="utf-8"
    )
    extract(load_settings(sample_project))
    return sample_project


def test_jobs_and_cache_do_not_change_the_findings(project: Path) -> None:
    cold1, _ = run(project, jobs=1, use_cache=False, annotate=False)
    cold2, r2 = run(project, jobs=2, annotate=False)
    warm2, r3 = run(project, jobs=2, annotate=False)
    warm1, r4 = run(project, jobs=1, annotate=False)
    assert cold1 == cold2 == warm2 == warm1
    assert '"FAKE_RULE"' in cold1 and '"TRM002"' in cold1 and '"ENC001"' in cold1
    assert r2.cache_misses > 0 and r3.cache_misses == 0 and r4.cache_misses == 0


def test_fully_cached_run_does_not_start_languagetool(project: Path) -> None:
    run(project, annotate=False)
    FakeLanguageTool.starts = 0
    run(project, annotate=False)
    assert FakeLanguageTool.starts == 0


def test_termbase_change_invalidates_terminology_and_languagetool_findings(
    project: Path,
) -> None:
    run(project, annotate=False)
    tbx = project / "locales/glossary/en-nl.tbx"
    tbx.write_bytes(tbx.read_bytes().replace(b"</body>", b"<!-- changed --></body>", 1))
    FakeLanguageTool.texts = 0
    _, again = run(project, annotate=False)
    assert FakeLanguageTool.texts == 0  # LanguageTool's own matches stay cached
    # two families missed for every unit: TRM, and LT (LT001 drops spelling matches on
    # termbase terms); the encoding, translation and structure findings stay cached
    assert again.cache_misses == 2 * again.units


def test_languagetool_rule_setting_invalidates_languagetool(project: Path) -> None:
    run(project, annotate=False)
    FakeLanguageTool.texts = 0
    pyproject = project / "pyproject.toml"
    pyproject.write_text(
        pyproject.read_text(encoding="utf-8").replace(
            "[tool.locqa]", '[tool.locqa]\nlanguagetool-disabled-rules = ["SOME_RULE"]', 1
        ),
        encoding="utf-8",
    )
    _, again = run(project, annotate=False)
    assert FakeLanguageTool.texts > 0
    assert again.cache_misses > 0


def test_annotation_is_cached_but_catalogues_stay_correct(project: Path) -> None:
    run(project)
    po = project / "locales/nl/LC_MESSAGES/b2b-b2c.po"
    annotated = po.read_bytes()
    assert b"# locqa: ENC001" in annotated
    run(project)
    assert po.read_bytes() == annotated


@pytest.mark.parametrize("jobs", [1, 2])
def test_two_languages_each_with_its_own_termbase_and_languagetool_variant(
    jobs: int, sample_project: Path, recording: RecordingLanguageTool
) -> None:
    # the sample's pyproject names the Dutch termbase for every language: not German's
    settings = two_languages(sample_project, configured=True)
    extract(settings)
    settings = load_settings(
        sample_project, {"languages": ("nl", "de"), "languagetool_url": recording.url}
    )
    result, _ = check_project(settings, annotate=False, jobs=jobs, use_cache=False)
    terms = {f.path.split("/")[1] for f in result.findings if f.check.startswith("TRM")}
    assert terms == {"nl"}
    assert "terminology for de (no termbase found)" in result.skipped
    # one server for both languages, each checked as its variant with its own rules
    assert recording.languages() == {
        "nl": effective_disabled_rules({}, "nl"),
        "de-DE": effective_disabled_rules({}, "de"),
    }
    assert recording.requests.count("/v2/languages") == 2  # one session: ping, list


def test_a_language_uses_its_own_termbase_from_its_profile(sample_project: Path) -> None:
    settings = two_languages(sample_project, configured=False)
    (sample_project / "locales/glossary/en-de.tbx").write_text(GERMAN_TBX, encoding="utf-8")
    extract(settings)
    result, _ = check_project(settings, skip_languagetool=True, annotate=False)
    terms = [f for f in result.findings if f.check.startswith("TRM")]
    german = [f.message for f in terms if f.path.startswith("content/de/")]
    assert german and all("Sammelbestellung" in message for message in german)
    assert not any(
        "Sammelbestellung" in f.message for f in terms if f.path.startswith("content/nl/")
    )
    assert any(f.path.startswith("content/nl/") for f in terms)  # the Dutch termbase's
    assert not any("terminology" in skipped for skipped in result.skipped)


@corpus
@pytest.mark.slow
def test_corpus_jobs_1_and_2_identical(tmp_path: Path) -> None:
    overrides = {
        "source_dir": CORPUS / "en",
        "target_dir": str(CORPUS / "{lang}"),
        "locales_dir": tmp_path / "locales",
        "build_dir": tmp_path / "build",
        "cache_dir": tmp_path / "cache",
    }
    extract(load_settings(tmp_path, overrides))
    one, _ = run(tmp_path, overrides=overrides, jobs=1, use_cache=False, annotate=False)
    two, _ = run(tmp_path, overrides=overrides, jobs=2, annotate=False)
    warm, _ = run(tmp_path, overrides=overrides, jobs=2, annotate=False)
    assert one == two == warm
