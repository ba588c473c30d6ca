"""tools/tbx_add.py: concepts mined with ``locqa terms`` appended to a termbase."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from tbx_add import main

from locqa.termbase import TermStatus, load_termbase

REPO = Path(__file__).parent.parent

CONCEPT = {
    "en": [["gizmo", "noun"], ["gizmos", "noun"]],
    "preferred": [{"term": "gadget", "pos": "noun", "number": "singular", "gender": "neuter"}],
    "deprecated": [
        {"term": "kunstje", "pos": "noun", "number": "singular", "gender": "neuter", "usage": None},
        {"term": "truc", "pos": "noun", "number": "singular", "gender": "masculine",
         "usage": "truc is a trick: right where the source means one"},
    ],
    "note": "MT reads 'gizmo' as a trick.",
    "subject": "test",
    "missing_check": False,
}  # fmt: skip


def test_a_mined_concept_is_appended_once_and_loads(tmp_path: Path) -> None:
    tbx = tmp_path / "en-nl.tbx"
    shutil.copy(REPO / "locales" / "glossary" / "en-nl.tbx", tbx)
    before = len(load_termbase(tbx))
    concepts = tmp_path / "concepts.jsonl"
    concepts.write_text(json.dumps(CONCEPT) + "\n", "utf-8")
    assert main([str(tbx), str(concepts)]) == 0
    termbase = load_termbase(tbx)
    assert len(termbase) == before + 1
    (concept,) = [c for c in termbase if any(t.text == "gizmo" for t in c.terms_in("en"))]
    assert not concept.check_missing
    preferred = concept.preferred("nl")
    assert preferred is not None and preferred.text == "gadget"
    wrong = {t.text: t for t in concept.deprecated("nl")}
    assert set(wrong) == {"kunstje", "truc"}
    assert wrong["truc"].other_senses and not wrong["kunstje"].other_senses
    assert wrong["truc"].status is TermStatus.DEPRECATED
    # a second run adds nothing
    assert main([str(tbx), str(concepts)]) == 0
    assert len(load_termbase(tbx)) == before + 1


def test_a_concept_without_a_deprecated_term_is_refused(tmp_path: Path) -> None:
    tbx = tmp_path / "en-nl.tbx"
    shutil.copy(REPO / "locales" / "glossary" / "en-nl.tbx", tbx)
    original = tbx.read_bytes()
    concepts = tmp_path / "concepts.jsonl"
    concepts.write_text(json.dumps({**CONCEPT, "deprecated": []}) + "\n", "utf-8")
    assert main([str(tbx), str(concepts)]) == 2
    assert tbx.read_bytes() == original


def _bad_concepts(tmp_path: Path, third_line: str) -> tuple[Path, Path, bytes]:
    """A termbase copy and a concepts file whose third line is *third_line*."""
    tbx = tmp_path / "en-nl.tbx"
    shutil.copy(REPO / "locales" / "glossary" / "en-nl.tbx", tbx)
    concepts = tmp_path / "concepts.jsonl"
    good = json.dumps(CONCEPT)
    concepts.write_text(f"{good}\n\n{third_line}\n", "utf-8")
    return tbx, concepts, tbx.read_bytes()


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('{"en": [["gizmo", "noun"]], ', "not valid JSON: "),
        ("not json at all", "not valid JSON: "),
        ('[["gizmo", "noun"]]', "expected a JSON object, found a list"),
        ('"gizmo"', "expected a JSON object, found a string"),
        ("null", "expected a JSON object, found null"),
        (json.dumps({k: v for k, v in CONCEPT.items() if k != "en"}), "English terms"),
        (json.dumps({**CONCEPT, "en": ["gizmo"]}), "'en' needs [term, part of speech] pairs"),
        (json.dumps({k: v for k, v in CONCEPT.items() if k != "deprecated"}), "deprecated term"),
        (json.dumps({**CONCEPT, "deprecated": [{"pos": "noun"}]}), "needs a 'term' string"),
        (json.dumps({**CONCEPT, "preferred": "gadget"}), "'preferred' must be a list"),
        (json.dumps({**CONCEPT, "note": 3}), "'note' must be a string or null"),
    ],
)
def test_a_bad_line_is_one_error_line_naming_file_and_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], line: str, message: str
) -> None:
    tbx, concepts, original = _bad_concepts(tmp_path, line)
    assert main([str(tbx), str(concepts)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1, err
    assert err.startswith(f"{concepts}:3: ") and message in err, err
    assert tbx.read_bytes() == original  # the good first line is not added either


def test_no_traceback_from_the_command_line(tmp_path: Path) -> None:
    tbx, _concepts, original = _bad_concepts(tmp_path, '{"en": ')
    done = subprocess.run(
        [sys.executable, str(REPO / "tools" / "tbx_add.py"), "en-nl.tbx", "concepts.jsonl"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("concepts.jsonl:3: not valid JSON: "), done.stderr
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert tbx.read_bytes() == original


def test_an_unreadable_concepts_file_is_one_error_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    tbx, concepts, original = _bad_concepts(tmp_path, "")
    concepts.write_bytes(b'{"en": "\xff"}\n')
    assert main([str(tbx), str(concepts)]) == 2
    assert main([str(tbx), str(tmp_path / "missing.jsonl")]) == 2
    _out, err = capsys.readouterr()
    first, second = err.splitlines()
    assert first.startswith(f"{concepts}: not UTF-8 text")
    assert "missing.jsonl: " in second, second
    assert tbx.read_bytes() == original
