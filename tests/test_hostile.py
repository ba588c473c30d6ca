"""Hostile content: article text is data, never markup, a terminal command or a shell command.

The Dutch article carries raw HTML, ``<script>``, a ``javascript:`` link, terminal escape
sequences (clear screen, OSC 0 window title, OSC 8 hyperlink, the one-byte C1 CSI), a
bidi override and rich markup. ``locqa check`` must show all of it inertly: no raw control
character in the text report (plain or colour; colour output has only its own SGR
sequences), the JSON and SARIF files and the ``# locqa:`` comments written into the PO.
(The HTML report is tested by its owner in tests/test_report_html.py.)
"""

from __future__ import annotations

import ast
import json
import re
import unicodedata
from pathlib import Path

import pytest

from locqa.cli import main

SRC = Path(__file__).resolve().parent.parent / "src" / "locqa"

CLEAR = "\x1b[2J"
TITLE = "\x1b]0;owned\x07"
HYPERLINK = "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\"
C1_CSI = "\x9b31m"
RLO = "\u202e"
MARKUP = "[bold red]markup[/]"

EN = """# Title 1

Click [here](https://example.com/a) to continue 2 times.

Text with clear and title 3.

A link and markup and reversed 4.

<div class="note">An HTML block.</div>
"""
NL = (
    "# Titel 1 <script>alert(1)</script>\n\n"
    "Klik [hier](javascript:alert(document.cookie)) om 2 keer door te gaan.\n\n"
    f"Tekst met {CLEAR} wissen en {TITLE} titel 3.\n\n"
    f"Een {HYPERLINK} en {MARKUP} en {RLO} omgekeerd {C1_CSI} 5.\n\n"
    '<div class="note" onclick="alert(1)">Een <script>alert(2)</script> blok.</div>\n'
)
PYPROJECT = """[tool.locqa]
source-dir = "content/en"
target-dir = "content/{lang}"
locales-dir = "locales"
build-dir = "build"
languages = ["nl"]
termbase = ""
"""
# every control / format character a terminal could act on
DANGEROUS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
SGR = re.compile(r"\x1b\[[0-9;]*m")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("hostile") / "project"
    (root / "content" / "en").mkdir(parents=True)
    (root / "content" / "nl").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "content" / "en" / "a.md").write_text(EN, encoding="utf-8")
    (root / "content" / "nl" / "a.md").write_text(NL, encoding="utf-8")
    assert main(["extract", "--root", str(root), "-q"]) == 0
    return root


def check(root: Path, *args: str) -> int:
    return main(["check", "--root", str(root), "--skip-languagetool", *args])


def test_the_hostile_text_reaches_the_findings(project: Path) -> None:
    """Guard against a vacuous pass: the findings do carry the hostile msgstrs."""
    out = project / "findings.json"
    check(project, "--format", "json", "-o", str(out), "--no-annotate")
    msgstrs = {f.get("msgstr") or "" for f in json.loads(out.read_text("utf-8"))["findings"]}
    assert any(CLEAR in m for m in msgstrs)
    assert any(HYPERLINK in m and C1_CSI in m for m in msgstrs)
    assert any("<script>" in m for m in msgstrs)


def test_plain_text_report_has_no_control_characters(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(project, "--color", "never", "--no-annotate")
    out = capsys.readouterr().out
    assert "\x1b" not in out
    assert not DANGEROUS.search(out), repr(DANGEROUS.search(out))
    assert "\\x1b[2J" in out  # shown, as a visible escape
    assert "\\x9b31m" in out and "\\u202e" in out
    assert MARKUP in out and "<script>alert(1)</script>" in out  # literal text


def test_colour_report_has_only_its_own_sgr_sequences(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    check(project, "--color", "always", "--no-annotate")
    out = capsys.readouterr().out
    assert SGR.search(out), "expected colour output"
    rest = SGR.sub("", out)
    assert not DANGEROUS.search(rest), repr(DANGEROUS.search(rest))
    assert "\x1b]" not in out and "\x07" not in out
    assert MARKUP in rest  # rich markup in an article is printed, never interpreted


@pytest.mark.parametrize("fmt", ["json", "sarif"])
def test_machine_reports_escape_control_characters(project: Path, fmt: str) -> None:
    out = project / f"findings.{fmt}"
    check(project, "--format", fmt, "-o", str(out), "--no-annotate")
    raw = out.read_text("utf-8")
    assert not DANGEROUS.search(raw), repr(DANGEROUS.search(raw))
    data = json.loads(raw)
    if fmt == "json":  # the data itself survives, escaped by JSON
        assert any(CLEAR in (f.get("msgstr") or "") for f in data["findings"])
    else:
        assert len(data["runs"][0]["results"]) > 5


def test_po_annotation_comments_are_inert(project: Path) -> None:
    check(project, "--color", "never")
    po = (project / "locales/nl/LC_MESSAGES/a.po").read_text("utf-8")
    ours = [line for line in po.splitlines() if line.startswith("# locqa:")]
    assert len(ours) > 3
    for line in ours:
        assert not any(unicodedata.category(c) in ("Cc", "Cf", "Zl", "Zp") for c in line), line


# ------------------------------------------------------------------ no shell, loopback only


def _python_files() -> list[Path]:
    return sorted(SRC.rglob("*.py"))


def test_no_shell_command_is_built_anywhere() -> None:
    """No ``shell=True``, ``os.system``, ``os.popen``, ``subprocess.getoutput`` or
    ``commands``/``pty`` spawning in locqa: external tools get an argument list."""
    bad = []
    for path in _python_files():
        tree = ast.parse(path.read_text("utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for kw in node.keywords:
                    if kw.arg == "shell" and not (
                        isinstance(kw.value, ast.Constant) and kw.value.value is False
                    ):
                        bad.append(f"{path}:{node.lineno}: shell=")
                func = node.func
                if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                    name = f"{func.value.id}.{func.attr}"
                    if name in (
                        "os.system",
                        "os.popen",
                        "subprocess.getoutput",
                        "subprocess.getstatusoutput",
                        "pty.spawn",
                    ) or (func.value.id == "os" and func.attr.startswith(("spawn", "exec"))):
                        bad.append(f"{path}:{node.lineno}: {name}")
            if isinstance(node, ast.ImportFrom) and node.module == "os":
                for alias in node.names:
                    if alias.name in ("system", "popen") or alias.name.startswith("exec"):
                        bad.append(f"{path}:{node.lineno}: from os import {alias.name}")
    assert not bad, bad
    assert len(_python_files()) > 10  # the scan saw the package


def test_the_scan_would_see_a_shell_call(tmp_path: Path) -> None:
    tree = ast.parse("import subprocess, os\nsubprocess.run(cmd, shell=True)\nos.system(x)\n")
    calls = [n for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert any(kw.arg == "shell" for c in calls for kw in c.keywords)
    assert any(isinstance(c.func, ast.Attribute) and c.func.attr == "system" for c in calls)


def test_languagetool_server_is_not_started_public(tmp_path: Path) -> None:
    server = pytest.importorskip("locqa.languagetool.server")
    if not hasattr(server, "java_argv") or not hasattr(server, "HOST"):
        pytest.skip("LanguageTool server API changed")
    assert server.HOST == "127.0.0.1"
    argv = server.java_argv(tmp_path, java="/bin/true")(8081, tmp_path)
    assert "--public" not in argv and "--allow-origin" not in argv
    assert not any(a in ("0.0.0.0", "::") for a in argv)
