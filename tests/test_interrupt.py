"""Interrupted runs: killing locqa at any moment leaves every file as it was or complete.

A generated project (:data:`ARTICLES` articles) is changed so that a run rewrites every
catalogue (extract) or every built article and MO file (build). The run is started as a
subprocess and killed with SIGKILL, at random moments and at exact points inside the
atomic write (after a temporary file's fsync, right after the rename). After each kill
every file must equal its content before the run, or be the complete new version; the only
other thing allowed is a dot-prefixed ``.tmp`` leftover, which the next run removes.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from locqa import atomic
from locqa.atomic import atomic_open, remove_stale_temps, write_bytes
from locqa.cli import main

# Small by default to keep the suite fast; the nox ``fuzz`` session runs it with 200
# articles and 10 random kills per command.
ARTICLES = int(os.environ.get("LOCQA_INTERRUPT_ARTICLES", "20"))
RANDOM_KILLS = int(os.environ.get("LOCQA_INTERRUPT_KILLS", "3"))
SRC = Path(__file__).resolve().parent.parent / "src"

# Runs locqa in a child that SIGKILLs itself at the N-th os.fsync (a temporary file fully
# written, not yet renamed) or right after the N-th os.replace (renamed, folder not synced).
KILL_AT = r"""
import os, signal, sys
mode, n = sys.argv[1], int(sys.argv[2])
calls = 0
def _hook(real, before):
    def wrapper(*args, **kwargs):
        global calls
        calls += 1
        if before and calls == n:
            os.kill(os.getpid(), signal.SIGKILL)
        result = real(*args, **kwargs)
        if not before and calls == n:
            os.kill(os.getpid(), signal.SIGKILL)
        return result
    return wrapper
if mode == "fsync":
    os.fsync = _hook(os.fsync, True)
else:
    os.replace = _hook(os.replace, False)
from locqa.cli import main
sys.exit(main(sys.argv[3:]))
"""

PYPROJECT = """[tool.locqa]
source-dir = "content/en"
target-dir = "content/{lang}"
locales-dir = "locales"
build-dir = "build"
languages = ["nl"]
"""

WORDS = {
    "en": ("Step", "Open the page", "Save the settings", "Title"),
    "nl": ("Stap", "Open de pagina", "Sla de instellingen op", "Titel"),
}


def _article(i: int, lang: str) -> str:
    step, open_, save, title = WORDS[lang]
    lines = ["---", f"title: {title} {i}", "---", "", f"# {title} {i}", ""]
    for k in range(10):
        lines += [f"{open_} {i}.{k} and {save} number {k}.", ""]
        lines += [f"- {step} {k}", f"- {step} {k} b", ""]
    lines += ["| A | B |", "|---|---|", f"| {step} x | {step} y |", ""]
    return "\n".join(lines)


def make_project(root: Path, count: int = ARTICLES) -> Path:
    root.mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    for i in range(count):
        rel = f"part{i % 5}/article-{i:03d}.md"
        for lang in ("en", "nl"):
            path = root / "content" / lang / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(_article(i, lang), encoding="utf-8")
    return root


def files(root: Path, *dirs: str) -> dict[str, bytes]:
    out = {}
    for name in dirs:
        for path in sorted((root / name).rglob("*")):
            if path.is_file():
                out[path.relative_to(root).as_posix()] = path.read_bytes()
    return out


def is_temp(rel: str) -> bool:
    name = rel.rsplit("/", 1)[-1]
    return name.startswith(".") and name.endswith(".tmp")


def po_signature(data: bytes) -> list[tuple[object, ...]]:
    """Everything in a catalogue but its dates; polib must parse it completely."""
    po = polib.pofile(data.decode("utf-8"))
    return [
        (
            e.msgctxt,
            e.msgid,
            e.msgstr,
            sorted(e.flags),
            e.previous_msgid,
            e.occurrences,
            e.comment,
            e.tcomment,
            e.obsolete,
        )
        for e in po
    ]


def comparable(rel: str, data: bytes) -> object:
    return po_signature(data) if rel.endswith((".po", ".pot")) else data


def run_child(
    root: Path, command: str, kill: tuple[str, int] | None = None, delay: float | None = None
) -> int:
    env = {**os.environ, "PYTHONPATH": f"{SRC}{os.pathsep}{os.environ.get('PYTHONPATH', '')}"}
    args = [command, "--root", str(root), "-q"]
    if kill is not None:
        cmd = [sys.executable, "-c", KILL_AT, kill[0], str(kill[1]), *args]
    else:
        cmd = [sys.executable, "-m", "locqa.cli", *args]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if delay is not None:
        time.sleep(delay)
        proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=300)
    return proc.returncode


def check_state(
    root: Path, before: dict[str, bytes], after: dict[str, bytes], dirs: tuple[str, ...]
) -> list[str]:
    """Every file is as before or as after; returns the temporary leftovers."""
    leftovers = []
    now = files(root, *dirs)
    for rel, data in now.items():
        if is_temp(rel):
            leftovers.append(rel)
            continue
        assert rel in before or rel in after, f"unexpected file {rel}"
        if rel in before and data == before[rel]:
            continue
        assert rel in after, f"{rel} changed but the complete run does not write it"
        assert comparable(rel, data) == comparable(rel, after[rel]), f"{rel} is half-written"
    for rel in before:
        assert rel in now, f"{rel} disappeared"
    assert len(leftovers) <= 1, leftovers  # one write at a time
    return leftovers


Prepare = Callable[[Path], None]


def _change_source(root: Path) -> None:
    for path in (root / "content" / "en").rglob("*.md"):
        path.write_text(
            path.read_text("utf-8").replace("Save the settings", "Save all settings"),
            encoding="utf-8",
        )


def _change_translations(root: Path) -> None:
    for path in (root / "locales").rglob("*.po"):
        path.write_text(
            path.read_text("utf-8").replace('msgstr "Stap ', 'msgstr "Etappe '), encoding="utf-8"
        )


SCENARIOS: dict[str, tuple[str, Prepare, tuple[str, ...]]] = {
    "extract": ("extract", _change_source, ("locales",)),
    "build": ("build", _change_translations, ("build",)),
}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_project(tmp_path_factory.mktemp("interrupt") / "project")
    assert main(["extract", "--root", str(root), "-q"]) == 0
    assert main(["build", "--root", str(root), "-q"]) == 0
    return root


@pytest.mark.parametrize("scenario", sorted(SCENARIOS))
def test_kill_at_any_moment_leaves_old_or_complete_files(
    baseline: Path, tmp_path: Path, scenario: str
) -> None:
    command, prepare, dirs = SCENARIOS[scenario]
    start = tmp_path / "start"
    shutil.copytree(baseline, start)
    prepare(start)
    before = files(start, *dirs)

    # the complete run: what every file looks like when nothing interrupts it
    complete = tmp_path / "complete"
    shutil.copytree(start, complete)
    t0 = time.monotonic()
    assert main([command, "--root", str(complete), "-q"]) == 0
    duration = time.monotonic() - t0 + 0.5  # + the child's interpreter start
    after = files(complete, *dirs)
    changed = [rel for rel in after if before.get(rel) != after[rel]]
    assert len(changed) >= ARTICLES  # the run really rewrites the files

    rng = random.Random(f"locqa-{scenario}")
    kills: list[tuple[tuple[str, int] | None, float | None]] = [
        (None, rng.uniform(0.1, 1.0) * duration) for _ in range(RANDOM_KILLS)
    ]
    kills += [
        (("fsync", 1), None),
        (("fsync", len(changed)), None),
        (("replace", len(changed) // 2), None),
    ]
    saw_leftover = False
    work = tmp_path / "work"
    for kill, delay in kills:
        if work.exists():
            shutil.rmtree(work)
        shutil.copytree(start, work)
        code = run_child(work, command, kill=kill, delay=delay)
        if kill is not None:
            assert code == -signal.SIGKILL, f"{kill}: the run ended before the kill point"
        leftovers = check_state(work, before, after, dirs)
        saw_leftover = saw_leftover or bool(leftovers)

    # the fsync kill leaves a temporary file; a complete run afterwards removes it
    assert saw_leftover
    shutil.rmtree(work)
    shutil.copytree(start, work)
    assert run_child(work, command, kill=("fsync", 3)) == -signal.SIGKILL
    assert any(is_temp(rel) for rel in files(work, *dirs))
    assert main([command, "--root", str(work), "-q"]) == 0
    final = files(work, *dirs)
    assert not [rel for rel in final if is_temp(rel)]
    assert {rel: comparable(rel, d) for rel, d in final.items()} == {
        rel: comparable(rel, d) for rel, d in after.items()
    }


# ------------------------------------------------------------------ atomic writes


def test_exception_inside_the_with_block_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "catalogue.po"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write(b"new and half")
        raise RuntimeError("boom")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["catalogue.po"]


def test_keyboard_interrupt_inside_the_with_block_keeps_the_old_file(tmp_path: Path) -> None:
    target = tmp_path / "article.md"
    target.write_bytes(b"old")
    with pytest.raises(KeyboardInterrupt), atomic_open(target) as handle:
        handle.write(b"new")
        raise KeyboardInterrupt
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["article.md"]


def test_write_fsyncs_the_temp_file_then_renames_it_then_fsyncs_the_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "x.po"
    target.write_bytes(b"old")
    events: list[str] = []
    real_fsync, real_replace = os.fsync, os.replace

    def fsync(fd: int) -> None:
        events.append(
            "fsync-dir" if Path(f"/proc/self/fd/{fd}").resolve().is_dir() else "fsync-file"
        )
        real_fsync(fd)

    def replace(src: str | Path, dst: str | Path) -> None:
        assert Path(src).parent == Path(dst).parent  # same folder: rename is atomic
        assert Path(src).name.startswith(".x.po.") and str(src).endswith(".tmp")
        assert target.read_bytes() == b"old"  # untouched until the rename
        events.append("replace")
        real_replace(src, dst)

    monkeypatch.setattr(os, "fsync", fsync)
    monkeypatch.setattr(os, "replace", replace)
    assert write_bytes(target, b"new") is True
    assert events == ["fsync-file", "replace", "fsync-dir"]
    assert target.read_bytes() == b"new"


def test_unchanged_content_is_not_rewritten(tmp_path: Path) -> None:
    target = tmp_path / "x.md"
    write_bytes(target, b"same")
    mtime = target.stat().st_mtime_ns
    assert write_bytes(target, b"same") is False
    assert target.stat().st_mtime_ns == mtime


def test_permissions_of_the_old_file_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    target.write_bytes(b"old")
    target.chmod(0o600)
    write_bytes(target, b"new")
    assert target.stat().st_mode & 0o777 == 0o600


def test_stale_temps_of_dead_writers_are_removed_live_ones_kept(tmp_path: Path) -> None:
    target = tmp_path / "x.po"
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    dead = tmp_path / f".x.po.{proc.pid}.abc123_z.tmp"
    live = tmp_path / f".x.po.{os.getppid()}.abc123_z.tmp"  # our parent is alive
    other = tmp_path / f".y.po.{proc.pid}.abc123_z.tmp"  # another target's: not ours to touch
    person = tmp_path / ".x.po.notes.tmp"  # not the pattern
    for path in (dead, live, other, person):
        path.write_bytes(b"partial")
    assert remove_stale_temps(target) == [dead]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        p.name for p in (live, other, person)
    )
    assert atomic.temp_pattern(target).fullmatch(live.name)
