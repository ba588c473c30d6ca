"""``locqa check --shard I/N``, ``--changed-since REF`` and ``locqa merge``: shards partition
the articles stably, together they report exactly the whole run's findings (corpus-wide
checks included), merged byte for byte; a change since a ref selects just its article."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path, PurePosixPath

import pytest
from hypothesis import given
from hypothesis import strategies as st

from locqa.checks import load_checks
from locqa.checks.base import REGISTRY, CorpusCheck
from locqa.cli import main
from locqa.errors import ConfigError
from locqa.scope import Shard, shard_of
from sample_projects import mixed_project

REPO = Path(__file__).parent.parent


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return mixed_project(tmp_path / "project")


def check(root: Path, fmt: str, out: Path, *extra: str) -> int:
    args = ["check", "--root", str(root), "--skip-languagetool", "--format", fmt, "-o", str(out)]
    return main([*args, "--jobs", "1", "--no-annotate", *extra])


def paths(report: Path) -> set[str]:
    return {f["path"] for f in json.loads(report.read_text(encoding="utf-8"))["findings"]}


def test_shard_flags_are_checked() -> None:
    assert Shard.parse("2/4") == Shard(2, 4)
    for bad in ("0/4", "5/4", "1/0", "2", "a/b", "1/4/2"):
        with pytest.raises(ConfigError):
            Shard.parse(bad)


@given(st.lists(st.from_regex(r"[a-z]{1,8}(/[a-z]{1,8}){0,2}\.md", fullmatch=True), min_size=1))
def test_shards_partition_articles_and_adding_one_moves_no_other(names: list[str]) -> None:
    rels = [PurePosixPath(n) for n in names]
    for count in (1, 2, 3, 7):
        owners = {
            rel: [i for i in range(1, count + 1) if Shard(i, count).holds(rel)] for rel in rels
        }
        assert all(len(found) == 1 for found in owners.values())  # exactly one shard each
        assert {rel: found[0] for rel, found in owners.items()} == {
            rel: shard_of(rel, count) for rel in rels
        }
    # the shard of an article depends on its path only: adding others changes nothing
    before = {rel: shard_of(rel, 5) for rel in rels}
    after = {rel: shard_of(rel, 5) for rel in [*rels, PurePosixPath("zz/new.md")]}
    assert all(after[rel] == shard for rel, shard in before.items())


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_the_shards_together_are_exactly_the_whole_run(
    project: Path, tmp_path: Path, fmt: str
) -> None:
    parts = []
    for index in (1, 2, 3):  # first, and without the cache: nothing comes from a whole run
        part = tmp_path / f"shard{index}.{fmt}"
        check(project, fmt, part, "--shard", f"{index}/3", "--no-cache")
        parts.append(part)
    whole = tmp_path / f"whole.{fmt}"
    check(project, fmt, whole, "--no-cache")
    load_checks()
    corpus = {code for code, cls in REGISTRY.items() if issubclass(cls, CorpusCheck)}
    if fmt == "json":
        found = json.loads(whole.read_text(encoding="utf-8"))["findings"]
        assert {f["check"] for f in found} & corpus, "the project must have corpus findings"
        assert len({f["path"] for f in found}) >= 3
        scopes = [json.loads(p.read_text(encoding="utf-8"))["scope"] for p in parts]
        assert scopes == [{"shard": "1/3"}, {"shard": "2/3"}, {"shard": "3/3"}]
    merged = tmp_path / f"merged.{fmt}"
    assert main(["merge", *map(str, parts), "-o", str(merged)]) == 0
    assert merged.read_text(encoding="utf-8") == whole.read_text(encoding="utf-8")


def test_merge_wants_every_shard_once(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    parts = []
    for index in (1, 2):
        part = tmp_path / f"shard{index}.json"
        check(project, "json", part, "--shard", f"{index}/2")
        parts.append(part)
    capsys.readouterr()
    assert main(["merge", str(parts[0])]) == 2  # a missing shard (a crashed CI job)
    assert "2/2 missing" in capsys.readouterr().err
    assert main(["merge", str(parts[0]), str(parts[0]), str(parts[1])]) == 2
    assert "is also" in capsys.readouterr().err
    other = tmp_path / "other.json"
    check(project, "json", other, "--shard", "1/3")
    capsys.readouterr()
    assert main(["merge", *map(str, parts), str(other)]) == 2
    assert "another partition" in capsys.readouterr().err
    baseline = tmp_path / "baseline.json"
    flags = ["--baseline", str(baseline), "--update-baseline", "--shard", "1/2"]
    assert check(project, "json", tmp_path / "x.json", *flags) == 2
    assert "not with --shard" in capsys.readouterr().err and not baseline.exists()


def test_merge_refuses_overlapping_or_mixed_reports(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, sarif = tmp_path / "one.json", tmp_path / "one.sarif"
    check(project, "json", one)
    check(project, "sarif", sarif)
    capsys.readouterr()
    assert main(["merge", str(one), str(one)]) == 2
    assert "not the report of a shard" in capsys.readouterr().err
    assert main(["merge", str(one), str(sarif)]) == 2
    assert "mixed JSON and SARIF" in capsys.readouterr().err
    broken = tmp_path / "broken.json"
    broken.write_text('{"version": 2,\n "findings": [', encoding="utf-8")
    assert main(["merge", str(broken)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "broken.json:2" in err


def git(root: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(root), "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        check=True,
        capture_output=True,
    )


@pytest.fixture
def repo(project: Path) -> Path:
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "articles")
    return project


def stats_after(root: Path, tmp_path: Path, *extra: str) -> dict[str, int]:
    stats = tmp_path / "stats.json"
    check(root, "json", tmp_path / "out.json", "--stats", str(stats), *extra)
    data: dict[str, int] = json.loads(stats.read_text(encoding="utf-8"))
    return data


def test_changed_since_checks_only_the_changed_article(repo: Path, tmp_path: Path) -> None:
    assert stats_after(repo, tmp_path, "--changed-since", "HEAD", "--no-cache")["articles"] == 0
    page = repo / "content/nl/save-b.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNog een zin.\n", encoding="utf-8")
    assert main(["extract", "--root", str(repo), "-q"]) == 0
    changed = stats_after(repo, tmp_path, "--changed-since", "HEAD", "--no-cache")
    assert changed["articles"] == 1
    # its corpus-wide finding (the other, unchanged article disagrees) is reported
    load_checks()
    corpus = {code for code, cls in REGISTRY.items() if issubclass(cls, CorpusCheck)}
    found = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))["findings"]
    assert {f["path"] for f in found} == {"content/nl/save-b.md"}
    assert {f["check"] for f in found} & corpus
    everything = stats_after(repo, tmp_path)["articles"]
    assert everything > 1
    # a termbase every article depends on (configured, outside the locales): everything
    tbx = repo / "glossary" / "en-nl.tbx"
    tbx.parent.mkdir()
    shutil.copy(REPO / "locales/glossary/en-nl.tbx", tbx)
    found_all = stats_after(repo, tmp_path, "--changed-since", "HEAD", "--termbase", str(tbx))
    assert found_all["articles"] == everything


def test_changed_since_sees_a_new_article_in_a_project_inside_a_repository(
    tmp_path: Path,
) -> None:
    top = tmp_path / "monorepo"
    mixed_project(top / "docs")
    git(top, "init", "-q", "-b", "main")
    git(top, "add", "-A")
    git(top, "commit", "-q", "-m", "docs")
    root = top / "docs"
    (root / "content/en/new.md").write_text("# New\n\nA new page.\n", encoding="utf-8")
    (root / "content/nl/new.md").write_text("# Nieuw\n\nEen nieuwe pagina.\n", encoding="utf-8")
    assert main(["extract", "--root", str(root), "-q"]) == 0
    assert stats_after(root, tmp_path, "--changed-since", "HEAD")["articles"] == 1


def test_changed_since_bad_ref_or_no_repository_is_one_line(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert check(repo, "json", tmp_path / "o.json", "--changed-since", "no-such-ref") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "--changed-since" in err
    plain = tmp_path / "plain"
    shutil.copytree(repo, plain, ignore=shutil.ignore_patterns(".git"))
    assert check(plain, "json", tmp_path / "o.json", "--changed-since", "HEAD") == 2
    assert "--changed-since" in capsys.readouterr().err
