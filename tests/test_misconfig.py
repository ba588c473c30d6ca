"""Misconfiguration is an error, never "No findings."; no exception reaches the user.

Every case runs through :func:`locqa.cli.main` for every subcommand it applies to, and
asserts the exit code, exactly one stderr line ``locqa: error: ...`` naming what is wrong,
no traceback anywhere, and that nothing on disk changed (the check cache ``.cache/``
excepted). The project has its catalogues already extracted, so that a command that does
not refuse the bad input really works, writes, and reports.
"""

from __future__ import annotations

import errno
import io
import json
import shutil
import sys
from pathlib import Path

import pytest

from conftest import REPO, snapshot
from locqa import cli
from locqa.cli import main
from locqa.errors import ConfigError
from locqa.languages import language_code

# every subcommand, with the options that keep it offline and non-interactive
COMMANDS: dict[str, tuple[str, ...]] = {
    "extract": (),
    "check": ("--skip-languagetool",),
    "fix": ("--skip-languagetool",),
    "build": (),
    "run": ("--skip-languagetool",),
    "review": ("--skip-languagetool",),
}
CHECKING = ("check", "fix", "review")  # the commands with --select and --ignore
VARIANTS = ("nl-NL", "nl_BE", "zh-Hans", "de-DE", "pt-BR")


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample project (as conftest's ``sample_project``) with its catalogues."""
    root = tmp_path_factory.mktemp("extracted") / "project"
    root.mkdir()
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    shutil.copytree(REPO / "content", root / "content")
    (root / "locales" / "glossary").mkdir(parents=True)
    tbx = REPO / "locales" / "glossary" / "en-nl.tbx"
    if tbx.exists():
        shutil.copy(tbx, root / "locales" / "glossary" / "en-nl.tbx")
    assert main(["extract", "--root", str(root), "-q"]) == 0
    return root


@pytest.fixture
def project(extracted: Path, tmp_path: Path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(extracted, dest)
    return dest


@pytest.fixture(autouse=True)
def empty_stdin(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "stdin", io.StringIO(""))
    monkeypatch.delenv("LOCQA_DEBUG", raising=False)


def state(root: Path) -> dict[str, bytes | None]:
    """Every file (with its bytes) and folder under *root*, the check cache excepted."""
    found: dict[str, bytes | None] = dict(snapshot(root))
    found.update({p.relative_to(root).as_posix(): None for p in root.rglob("*") if p.is_dir()})
    return {k: v for k, v in found.items() if k != ".cache" and not k.startswith(".cache/")}


def refused(argv: list[str], watch: Path, capsys: pytest.CaptureFixture[str], code: int = 2) -> str:
    """Run *argv*: exit *code*, one line ``locqa: error: ...``, no traceback, nothing under
    *watch* changed. Returns the message after ``locqa: error: ``."""
    before = state(watch)
    assert main(argv) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("locqa: error: "), err
    assert state(watch) == before
    return lines[0].removeprefix("locqa: error: ")


def command(name: str, *argv: str) -> list[str]:
    return [name, *argv, *COMMANDS[name]]


def configure(root: Path, line: str) -> None:
    """Set *line* (``key = value``) in the [tool.locqa] table of the project's pyproject.toml."""
    pyproject = root / "pyproject.toml"
    key = line.split("=")[0].strip()
    kept = [
        old
        for old in pyproject.read_text(encoding="utf-8").splitlines(keepends=True)
        if old.split("=")[0].strip() != key
    ]
    kept.insert(kept.index("[tool.locqa]\n") + 1, f"{line}\n")
    pyproject.write_text("".join(kept), encoding="utf-8")


# --------------------------------------------------------------------------- the project


@pytest.mark.parametrize("name", COMMANDS)
def test_missing_root_is_refused_and_not_created(
    name: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = tmp_path / "nope"
    message = refused(command(name, "--root", str(missing)), tmp_path, capsys)
    assert message.startswith("--root ") and "no such folder" in message
    assert not missing.exists()


@pytest.mark.parametrize("how", ["empty-folder", "pyproject-without-tool-locqa", "cwd"])
@pytest.mark.parametrize("name", COMMANDS)
def test_folder_without_project_is_refused(
    name: str,
    how: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    folder = tmp_path / "not-a-project"
    folder.mkdir()
    (folder / "notes.md").write_text("# Notes\n", encoding="utf-8")
    argv = command(name, "--root", str(folder))
    if how == "pyproject-without-tool-locqa":
        (folder / "pyproject.toml").write_text('[project]\nname = "x"\n', encoding="utf-8")
    elif how == "cwd":
        monkeypatch.chdir(folder)
        argv = command(name)
    message = refused(argv, folder, capsys)
    assert "not a locqa project" in message and "[tool.locqa]" in message
    assert "source folder content/en" in message and "--root" in message


# --------------------------------------------------------------------------- languages


@pytest.mark.parametrize(
    ("code", "hint"),
    [("xx", "such as nl"), ("nederlands", "did you mean 'nl'"), ("NL", "as 'nl'")],
)
@pytest.mark.parametrize("name", COMMANDS)
def test_unknown_language_is_refused_with_the_nearest_code(
    name: str, code: str, hint: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = refused(command(name, "--root", str(project), "--lang", code), project, capsys)
    assert message.startswith(f"--lang {code!r}: ") and hint in message


@pytest.mark.parametrize("code", VARIANTS)
def test_real_variants_are_language_codes(code: str) -> None:
    assert language_code(code, "--lang") == code


@pytest.mark.parametrize("code", ["xx", "nederlands", "NL", "nl-nl", "root", ""])
def test_what_no_locale_data_knows_is_not_a_language_code(code: str) -> None:
    with pytest.raises(ConfigError, match=r"^--lang "):
        language_code(code, "--lang")


@pytest.mark.parametrize("code", VARIANTS)
@pytest.mark.parametrize("name", COMMANDS)
def test_variant_without_its_folder_names_the_folder_and_the_flag(
    name: str, code: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message = refused(command(name, "--root", str(project), "--lang", code), project, capsys)
    assert message.startswith(f"--lang {code!r}: ") and f"content/{code}" in message


@pytest.mark.parametrize("code", ["xx", "nederlands", "NL", "nl-NL"])
def test_pair_mode_with_an_unknown_language_is_refused(
    code: str,
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    source, target = project / "content/en/b2b-b2c.md", project / "content/nl/b2b-b2c.md"
    argv = ["check", str(source), str(target), "--lang", code, "--skip-languagetool"]
    message = refused(argv, tmp_path, capsys)
    assert message.startswith(f"--lang {code!r}: ")
    assert "'nl'" in message or "such as nl" in message


# --------------------------------------------------------------------------- check codes


@pytest.mark.parametrize(("code", "nearest"), [("ENC01", "'ENC001'"), ("TMR", "'TRM'")])
@pytest.mark.parametrize("flag", ["--select", "--ignore"])
@pytest.mark.parametrize("name", CHECKING)
def test_unknown_check_code_is_refused_with_the_nearest(
    name: str,
    flag: str,
    code: str,
    nearest: str,
    project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    argv = command(name, "--root", str(project), flag, f"ENC,{code}")
    message = refused(argv, project, capsys)
    assert message.startswith(f"{flag} {code!r}: ") and f"did you mean {nearest}?" in message


def test_valid_prefixes_still_select(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = command("check", "--root", str(project), "--no-annotate", "--format", "json")
    assert main([*argv, "--select", "enc,TRM00", "--ignore", "TRM001"]) in (0, 1)
    found = {f["check"] for f in json.loads(capsys.readouterr().out)["findings"]}
    assert found and all(c.startswith(("ENC", "TRM00")) and c != "TRM001" for c in found)


@pytest.mark.parametrize("name", COMMANDS)
def test_unknown_disabled_check_in_the_config_is_refused(
    name: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(project, 'disabled-checks = ["TRN07"]')
    message = refused(command(name, "--root", str(project)), project, capsys)
    assert message.startswith(f"{project / 'pyproject.toml'}: disabled-checks 'TRN07': ")
    assert "did you mean 'TRN007'?" in message


def test_missing_configured_termbase_is_refused_not_skipped(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(project, 'termbase = "locales/glossary/en-nl.tbxx"')
    message = refused(command("check", "--root", str(project)), project, capsys)
    assert message.startswith(f"{project / 'pyproject.toml'}: termbase ")
    assert "no such file" in message


# --------------------------------------------------------------------------- outputs


def _outputs(project: Path, folder: Path) -> dict[str, list[str]]:
    """Commands whose output file is a folder or lies below a file (the README)."""
    pair = ["content/en/b2b-b2c.md", "content/nl/b2b-b2c.md", "--lang", "nl"]
    blocked = str(project / "content/en/b2b-b2c.md" / "reports" / "out.json")
    return {
        "check-o-folder": command("check", "--root", str(project), "-o", str(folder)),
        "check-o-below-a-file": command("check", "--root", str(project), "-o", blocked),
        "check-stats-folder": command("check", "--root", str(project), "--stats", str(folder)),
        "run-stats-folder": command("run", "--root", str(project), "--stats", str(folder)),
        "run-stats-below-a-file": command("run", "--root", str(project), "--stats", blocked),
        "review-export-tmx-folder": ["review", "--root", str(project), "--export-tmx", "build"],
        "pair-o-folder": ["check", *pair, "--skip-languagetool", "-o", str(folder)],
    }


@pytest.mark.parametrize(
    "case",
    [
        "check-o-folder",
        "check-o-below-a-file",
        "check-stats-folder",
        "run-stats-folder",
        "run-stats-below-a-file",
        "review-export-tmx-folder",
        "pair-o-folder",
    ],
)
def test_output_that_cannot_be_written_is_refused_before_any_work(
    case: str,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(project)
    folder = project / "build"
    folder.mkdir(exist_ok=True)
    argv = _outputs(project, folder)[case]
    message = refused(argv, project, capsys)
    flag = next(a for a in argv if a in ("-o", "--stats", "--export-tmx"))
    assert flag in message.split(" ", 1)[0]
    assert "is a folder; give a file name" in message or "is a file, not a folder" in message


# --------------------------------------------------------------------------- target-dir


def test_target_dir_without_lang_is_one_folder_for_one_lang(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (project / "vertaald").mkdir()
    shutil.copy(project / "content/nl/b2b-b2c.md", project / "vertaald/b2b-b2c.md")
    argv = ["extract", "--root", str(project), "--target-dir", "vertaald", "--lang", "nl"]
    assert main(argv) == 0
    assert "1 article(s)" in capsys.readouterr().out


@pytest.mark.parametrize("languages", [(), ("nl", "de")], ids=["no-lang", "two-langs"])
@pytest.mark.parametrize("name", COMMANDS)
def test_target_dir_without_lang_needs_exactly_one_lang(
    name: str, languages: tuple[str, ...], project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = command(name, "--root", str(project), "--target-dir", "content/nl")
    for lang in languages:
        argv += ["--lang", lang]
    message = refused(argv, project, capsys)
    assert message.startswith("--target-dir 'content/nl': needs {lang}")
    assert "pyproject.toml" not in message


# --------------------------------------------------------------------------- naming


@pytest.mark.parametrize(
    ("argv", "flag"),
    [
        (["check", "--fail-on", "fatal"], "--fail-on"),
        (["run", "--fail-on", "fatal"], "--fail-on"),
        (["check", "--jobs", "0"], "--jobs"),
        (["fix", "--jobs", "0"], "--jobs"),
        (["review", "--import-tmx", "missing.tmx"], "--import-tmx"),
        (["check", "--termbase", "missing.tbx"], "--termbase"),
        (["build", "--no-such-flag"], "--no-such-flag"),
        (["build", "--build-dir", "content/en/b2b-b2c.md"], "--build-dir"),
        (["run", "--locales-dir", "content/en/b2b-b2c.md/locales"], "--locales-dir"),
    ],
    ids=lambda v: "-".join(v) if isinstance(v, list) else v,
)
def test_an_error_about_a_flag_names_the_flag(
    argv: list[str], flag: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = [*argv, "--root", str(project)]
    message = refused([*argv, *COMMANDS[argv[0]]], project, capsys)
    assert flag in message and "pyproject.toml" not in message


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ('fail-on = "fatal"', "fail-on"),
        ('languages = ["NL"]', "languages"),
        ("languages = []", "languages"),
        ('target-dir = "content/{language}"', "target-dir"),
        ('target-dir = "content/nl"', "target-dir"),
        ("source-dir = 5", "source-dir"),
        ('source-dir = "bronnen"', "source-dir"),
    ],
)
@pytest.mark.parametrize("name", COMMANDS)
def test_an_error_about_a_setting_names_pyproject_and_the_key(
    name: str, line: str, key: str, project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    configure(project, line)
    message = refused(command(name, "--root", str(project)), project, capsys)
    assert message.startswith(f"{project / 'pyproject.toml'}: {key} ")


# --------------------------------------------------------------------------- failures


def _raise(exc: BaseException) -> object:
    def fail(*args: object, **kwargs: object) -> object:
        raise exc

    return fail


def test_a_bug_is_one_line_internal_error_exit_4(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.commands, "extract", _raise(RuntimeError("boom\nsecond line")))
    assert main(["extract", "--root", str(project)]) == 4
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert err == (
        "locqa: internal error: RuntimeError: boom second line "
        "(run with LOCQA_DEBUG=1 or --traceback for details)\n"
    )


@pytest.mark.parametrize("how", ["LOCQA_DEBUG", "--traceback-first", "--traceback-after"])
def test_debug_prints_the_traceback(
    how: str, project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.commands, "extract", _raise(RuntimeError("boom")))
    argv = ["extract", "--root", str(project)]
    if how == "LOCQA_DEBUG":
        monkeypatch.setenv("LOCQA_DEBUG", "1")
    elif how == "--traceback-first":
        argv.insert(0, "--traceback")
    else:
        argv.append("--traceback")
    assert main(argv) == 4
    err = capsys.readouterr().err
    assert err.startswith("Traceback") and "RuntimeError: boom" in err
    assert err.splitlines()[-1].startswith("locqa: internal error: RuntimeError: boom")


@pytest.mark.parametrize(
    ("error", "code", "reason"),
    [
        (errno.EACCES, 2, "Permission denied"),
        (errno.EISDIR, 2, "Is a directory"),
        (errno.ENOSPC, 3, "No space left on device"),
    ],
    ids=["permission-denied", "is-a-directory", "disk-full"],
)
def test_an_os_error_names_the_path(
    error: int,
    code: int,
    reason: str,
    project: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(project)
    target = project / "locales/nl/LC_MESSAGES/b2b-b2c.po"
    monkeypatch.setattr(cli.commands, "extract", _raise(OSError(error, reason, str(target))))
    message = refused(["extract", "--root", str(project)], project, capsys, code=code)
    assert message.startswith(f"locales/nl/LC_MESSAGES/b2b-b2c.po: {reason}")


def test_a_folder_in_the_way_of_a_build_output_is_exit_2_naming_it(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(project)
    (project / "build/nl/b2b-b2c.md").mkdir(parents=True)
    assert main(["build", "--root", str(project)]) == 2
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert err.startswith("locqa: error: build/nl/b2b-b2c.md") and len(err.splitlines()) == 1
