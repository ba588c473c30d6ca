"""extract → build on real files, through the command line."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import polib
import pytest

from conftest import snapshot
from locqa.cli import main

MSGFMT = shutil.which("msgfmt")


def run(root: Path, *args: str) -> int:
    return main([*args[:1], "--root", str(root), *args[1:]])


def test_sample_round_trip_is_byte_identical(sample_project: Path) -> None:
    assert run(sample_project, "extract") == 0
    assert run(sample_project, "build") == 0
    built = sample_project / "build" / "nl" / "b2b-b2c.md"
    assert built.read_bytes() == (sample_project / "content" / "nl" / "b2b-b2c.md").read_bytes()
    assert (sample_project / "build" / "locales" / "nl" / "LC_MESSAGES" / "b2b-b2c.mo").is_file()


def test_second_extract_changes_nothing(sample_project: Path) -> None:
    assert run(sample_project, "extract") == 0
    before = snapshot(sample_project / "locales")
    assert run(sample_project, "extract") == 0
    assert snapshot(sample_project / "locales") == before


@pytest.mark.skipif(MSGFMT is None, reason="GNU gettext msgfmt not installed")
def test_msgfmt_check_passes_on_every_catalogue(tree: Path, sample_project: Path) -> None:
    for root in (tree, sample_project):
        assert run(root, "extract") == 0
        files = list((root / "locales").rglob("*.po")) + list((root / "locales").rglob("*.pot"))
        assert files
        for path in files:
            proc = subprocess.run(
                [MSGFMT, "--check", "-o", "/dev/null", str(path)], capture_output=True, text=True
            )
            assert proc.returncode == 0, proc.stderr


def test_po_holds_the_machine_translation(sample_project: Path) -> None:
    run(sample_project, "extract")
    po = polib.pofile(str(sample_project / "locales/nl/LC_MESSAGES/b2b-b2c.po"))
    assert po.metadata["Language"] == "nl"
    assert po.metadata["Plural-Forms"] == "nplurals=2; plural=(n != 1);"
    entry = po.find("Bulk orders")
    assert entry is not None and entry.msgstr == "Opsommingsopdrachten"
    assert entry.occurrences == [("content/en/b2b-b2c.md", "61")]
    assert "table-cell" in entry.comment
    # one source string, two different machine translations: both kept
    variants = [e for e in po if e.msgid == "Post-sale"]
    assert sorted((e.msgctxt or "", e.msgstr) for e in variants) == [
        ("", "Na verkoop"),
        ("variant 2", "Post-verkoop"),
    ]
    # identical source and identical translation: one entry, two occurrences
    carousel = po.find("Product carousel")
    assert carousel is not None and len(carousel.occurrences) == 2
    pot = polib.pofile(str(sample_project / "locales/b2b-b2c.pot"))
    assert all(e.msgstr == "" for e in pot) and pot.find("Post-sale") is not None


def test_tree_with_nested_folders(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tree, "extract") == 0
    err = capsys.readouterr().err
    assert "content/en/guides/only-english.md: has no translation" in err
    assert "content/nl/guides/advanced/promotions.md: alignment: 1 extra block(s)" in err
    assert (tree / "locales/nl/LC_MESSAGES/guides/advanced/promotions.po").is_file()
    assert run(tree, "build") == 0
    for src in (tree / "content" / "nl").rglob("*.md"):
        out = tree / "build" / "nl" / src.relative_to(tree / "content" / "nl")
        assert out.read_bytes() == src.read_bytes(), src
    promotions = polib.pofile(str(tree / "locales/nl/LC_MESSAGES/guides/advanced/promotions.po"))
    # the extra Dutch paragraph did not shift the alignment
    entry = promotions.find("Use coupons to track campaigns.")
    assert entry is not None and entry.msgstr == "Gebruik coupons om campagnes te volgen."
    assert [e.msgstr for e in promotions if e.msgid == "Create a cart price rule."] == [
        "Maak een winkelwagenprijsregel.",
        "Maak een prijsregel voor de winkelwagen.",
    ]


def test_edited_msgstr_changes_only_its_span(tree: Path) -> None:
    run(tree, "extract")
    po_file = tree / "locales/nl/LC_MESSAGES/guides/shipping.po"
    po = polib.pofile(str(po_file))
    po.find("Free shipping").msgstr = "Gratis bezorging"
    po.find(
        "Configure shipping for each store view.\nRates are calculated at checkout."
    ).msgstr = (
        "Stel verzending in per winkelweergave.\nTarieven volgen bij het afrekenen.\nNog een regel."
    )
    po.save()
    assert run(tree, "build") == 0
    original = (tree / "content/nl/guides/shipping.md").read_bytes()
    built = (tree / "build/nl/guides/shipping.md").read_bytes()
    expected = original.replace(b"| Gratis verzending |", b"| Gratis bezorging |").replace(
        b"Configureer verzending voor elke winkelweergave.  \r\nTarieven worden berekend bij het afrekenen.",
        b"Stel verzending in per winkelweergave.\r\nTarieven volgen bij het afrekenen.\r\nNog een regel.",
    )
    assert built == expected


def test_source_change_keeps_translation_as_fuzzy_with_previous_msgid(tree: Path) -> None:
    run(tree, "extract")
    src = tree / "content/en/guides/shipping.md"
    src.write_bytes(src.read_bytes().replace(b"Save the settings", b"Save the shipping settings"))
    assert run(tree, "extract") == 0
    po = polib.pofile(str(tree / "locales/nl/LC_MESSAGES/guides/shipping.po"))
    entry = po.find("Save the shipping settings")
    assert entry is not None
    assert entry.msgstr == "Sla de instellingen op"
    assert "fuzzy" in entry.flags
    assert entry.previous_msgid == "Save the settings"
    assert po.find("Free shipping").msgstr == "Gratis verzending"


def test_reviewed_translation_survives_re_extract(tree: Path) -> None:
    run(tree, "extract")
    po_file = tree / "locales/nl/LC_MESSAGES/guides/shipping.po"
    po = polib.pofile(str(po_file))
    entry = po.find("Flat rate")
    entry.msgstr = "Vast bedrag"
    entry.tcomment = "checked by a reviewer"
    po.save()
    assert run(tree, "extract") == 0
    entry = polib.pofile(str(po_file)).find("Flat rate")
    assert entry.msgstr == "Vast bedrag" and entry.tcomment == "checked by a reviewer"


BAD_INPUTS = {
    "non-utf8": (
        "content/nl/index.md",
        b"# Titel\n\n\xe9t\xe9\n",
        "content/nl/index.md:3: not valid UTF-8",
    ),
    "unterminated-front-matter": (
        "content/en/index.md",
        b"---\ntitle: x\n\n# Title\n",
        "content/en/index.md:1: front matter",
    ),
    "invalid-yaml": (
        "content/en/index.md",
        b"---\ntitle: [oops\n---\n# T\n",
        "content/en/index.md:",
    ),
    "nul-byte": (
        "content/nl/index.md",
        b"# T\n\x00\n",
        "content/nl/index.md:2: contains a NUL byte",
    ),
    "translation-without-source": (
        "content/nl/extra/new.md",
        b"# Nieuw\n",
        "content/nl/extra/new.md:1: translation has no source",
    ),
}


@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
@pytest.mark.parametrize("command", ["extract", "build"])
def test_bad_input_is_one_line_exit_2_and_changes_nothing(
    tree: Path, case: str, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tree, "extract") == 0
    assert run(tree, "build") == 0
    rel, data, message = BAD_INPUTS[case]
    (tree / rel).parent.mkdir(parents=True, exist_ok=True)
    (tree / rel).write_bytes(data)
    before = snapshot(tree)
    capsys.readouterr()
    assert run(tree, command) == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert err.startswith("locqa: error: " + message), err
    assert snapshot(tree) == before


def test_po_syntax_error_is_reported_with_line(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run(tree, "extract")
    po_file = tree / "locales/nl/LC_MESSAGES/index.po"
    lines = po_file.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.insert(25, 'msgstr "dangling"\nnonsense here\n')
    po_file.write_text("".join(lines), encoding="utf-8")
    before = snapshot(tree)
    capsys.readouterr()
    for command in ("extract", "build"):
        assert run(tree, command) == 2
        err = capsys.readouterr().err.strip()
        assert len(err.splitlines()) == 1
        assert err.startswith("locqa: error: locales/nl/LC_MESSAGES/index.po:"), err
        assert "PO syntax error" in err
    assert snapshot(tree) == before


def test_paths_from_flags_override_config(tmp_path: Path, tree: Path) -> None:
    other = tmp_path / "elsewhere"
    code = main(
        ["extract", "--root", str(tree), "--locales-dir", str(other / "loc"), "--lang", "nl"]
    )
    assert code == 0
    assert (other / "loc" / "nl" / "LC_MESSAGES" / "index.po").is_file()
    assert (
        main(
            [
                "build",
                "--root",
                str(tree),
                "--locales-dir",
                str(other / "loc"),
                "--build-dir",
                str(other / "out"),
            ]
        )
        == 0
    )
    assert (other / "out" / "nl" / "index.md").read_bytes() == (
        tree / "content/nl/index.md"
    ).read_bytes()
