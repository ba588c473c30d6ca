"""tools/tbx_add.py: concepts mined with ``locqa terms`` appended to a termbase."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

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
