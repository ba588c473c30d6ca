"""A re-delivered machine translation always reaches the catalogue, and never silently
replaces a person's text; a catalogue stale against its article is refused."""

from __future__ import annotations

import json
from pathlib import Path

import polib
import pytest

from conftest import snapshot
from locqa.cli import main

ARTICLE = "content/nl/guides/shipping.md"
PO = "locales/nl/LC_MESSAGES/guides/shipping.po"


def run(root: Path, *args: str) -> int:
    return main([*args[:1], "--root", str(root), *args[1:]])


def redeliver(root: Path, old: str, new: str) -> None:
    """The vendor sends a new MT of the article: one segment's text changes."""
    path = root / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def entry(root: Path, msgid: str) -> polib.POEntry:
    found = polib.pofile(str(root / PO)).find(msgid)
    assert found is not None
    return found


def check_json(root: Path, capsys: pytest.CaptureFixture[str]) -> list[dict[str, object]]:
    capsys.readouterr()
    main(["check", "--root", str(root), "--skip-languagetool", "--format", "json", "--no-cache"])
    data = json.loads(capsys.readouterr().out)
    findings: list[dict[str, object]] = data["findings"]
    return findings


def test_new_mt_of_an_untouched_entry_is_taken_and_checked(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tree, "extract") == 0
    redeliver(tree, "Sla de instellingen op", "Sla de &quot;instellingen&quot; op")
    capsys.readouterr()
    assert run(tree, "extract") == 0
    out = capsys.readouterr().out
    assert "1 entr(y/ies) with a new machine translation" in out
    assert entry(tree, "Save the settings").msgstr == "Sla de &quot;instellingen&quot; op"
    found = check_json(tree, capsys)
    assert any(f["check"] == "ENC002" and f["line"] == 9 for f in found)


def test_build_refuses_a_catalogue_stale_against_its_article(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tree, "extract") == 0
    redeliver(tree, "Sla de instellingen op", "Bewaar de instellingen")
    before = snapshot(tree)
    capsys.readouterr()
    assert run(tree, "build") == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert f"{ARTICLE}:9:" in err and "locqa extract" in err
    assert snapshot(tree) == before


def test_check_refuses_a_stale_catalogue(tree: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(tree, "extract") == 0
    redeliver(tree, "Vast tarief", "Vaste prijs")
    capsys.readouterr()
    assert run(tree, "check", "--skip-languagetool") == 2
    assert f"{ARTICLE}:13:" in capsys.readouterr().err


def test_edited_entry_becomes_a_conflict_with_both_texts_kept(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tree, "extract") == 0
    po = polib.pofile(str(tree / PO))
    po.find("Flat rate").msgstr = "Vast bedrag"  # a person, in a PO editor
    po.save()
    redeliver(tree, "Vast tarief", "Vaste prijs")
    capsys.readouterr()
    assert run(tree, "extract") == 0
    out = capsys.readouterr().out
    assert "1 conflict(s)" in out and f"{ARTICLE}:13" in out
    flat = entry(tree, "Flat rate")
    assert flat.msgstr == "Vast bedrag"
    assert "fuzzy" in flat.flags
    assert 'locqa-new-mt: "Vaste prijs"' in flat.tcomment
    conflicts = [f for f in check_json(tree, capsys) if f["check"] == "STR004"]
    assert len(conflicts) == 1
    assert conflicts[0]["suggestion"] == "Vaste prijs"
    assert conflicts[0]["msgstr"] == "Vast bedrag"
    assert conflicts[0]["fix"] == "display-only"
    # the catalogue is no longer stale: build publishes the person's text
    assert run(tree, "build") == 0
    assert "| Vast bedrag |" in (tree / "build/nl/guides/shipping.md").read_text()


def test_approved_entry_conflict_is_not_hidden_by_its_old_approval(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from locqa.memory import approval_hash

    assert run(tree, "extract") == 0
    po = polib.pofile(str(tree / PO))
    flat = po.find("Flat rate")
    flat.tcomment = f"locqa-approved: {approval_hash(None, 'Flat rate', flat.msgstr)} approve"
    po.save()
    redeliver(tree, "Vast tarief", "Vaste prijs")
    assert run(tree, "extract") == 0
    flat = entry(tree, "Flat rate")
    assert flat.msgstr == "Vast tarief" and "fuzzy" in flat.flags
    assert "locqa-approved" not in flat.tcomment
    assert [f["check"] for f in check_json(tree, capsys)].count("STR004") == 1


def test_entry_changed_only_by_fix_takes_the_new_mt(tree: Path) -> None:
    redeliver(tree, "Sla de instellingen op", "Sla de instellingen&#39; op")
    assert run(tree, "extract") == 0
    assert run(tree, "fix", "--skip-languagetool") == 0
    fixed = entry(tree, "Save the settings")
    assert fixed.msgstr == "Sla de instellingen' op"
    redeliver(tree, "Sla de instellingen&#39; op", "Bewaar de &quot;instellingen&quot;")
    assert run(tree, "extract") == 0
    taken = entry(tree, "Save the settings")
    assert taken.msgstr == "Bewaar de &quot;instellingen&quot;"
    assert "locqa-original" not in taken.tcomment  # it recorded the old MT
    assert "locqa-new-mt" not in taken.tcomment
    assert run(tree, "fix", "--skip-languagetool") == 0
    assert entry(tree, "Save the settings").msgstr == 'Bewaar de "instellingen"'


def test_person_edit_after_a_fix_is_kept(tree: Path) -> None:
    redeliver(tree, "Sla de instellingen op", "Sla de instellingen&#39; op")
    assert run(tree, "extract") == 0
    assert run(tree, "fix", "--skip-languagetool") == 0
    po = polib.pofile(str(tree / PO))
    po.find("Save the settings").msgstr = "Sla alle instellingen op"
    po.save()
    redeliver(tree, "Sla de instellingen&#39; op", "Bewaar de instellingen")
    assert run(tree, "extract") == 0
    kept = entry(tree, "Save the settings")
    assert kept.msgstr == "Sla alle instellingen op" and "fuzzy" in kept.flags
    assert 'locqa-new-mt: "Bewaar de instellingen"' in kept.tcomment


def test_deleted_segment_of_a_reviewed_entry_is_a_conflict(tree: Path) -> None:
    assert run(tree, "extract") == 0
    po = polib.pofile(str(tree / PO))
    po.find("Save the settings").msgstr = "Bewaar de instellingen"
    po.save()
    redeliver(tree, "2. Sla de instellingen op\n", "")
    assert run(tree, "extract") == 0
    kept = entry(tree, "Save the settings")
    assert kept.msgstr == "Bewaar de instellingen" and "fuzzy" in kept.flags
    assert 'locqa-new-mt: ""' in kept.tcomment
    assert run(tree, "build") == 0


def test_deleted_then_added_segment_of_a_machine_entry(tree: Path) -> None:
    redeliver(tree, "2. Sla de instellingen op\n", "")
    assert run(tree, "extract") == 0
    assert entry(tree, "Save the settings").msgstr == ""
    redeliver(
        tree, "   2. Selecteer `Configuration`\n", "   2. Selecteer `Configuration`\n2. Sla op\n"
    )
    assert run(tree, "extract") == 0
    assert entry(tree, "Save the settings").msgstr == "Sla op"
    assert run(tree, "build") == 0
    assert "2. Sla op" in (tree / "build/nl/guides/shipping.md").read_text()


@pytest.mark.parametrize("cut", ["empty", "last-entry", "middle-entries"])
@pytest.mark.parametrize("command", ["build", "check"])
def test_catalogue_that_lost_entries_is_refused(
    tree: Path, capsys: pytest.CaptureFixture[str], cut: str, command: str
) -> None:
    assert run(tree, "extract") == 0
    po_file = tree / PO
    text = po_file.read_text(encoding="utf-8")
    blocks = text.rstrip("\n").split("\n\n")
    if cut == "empty":
        po_file.write_bytes(b"")
    elif cut == "last-entry":
        po_file.write_text("\n\n".join(blocks[:-1]) + "\n", encoding="utf-8")
    else:
        po_file.write_text("\n\n".join(blocks[:3] + blocks[6:]), encoding="utf-8")
    before = snapshot(tree)
    args = [command] + (["--skip-languagetool"] if command == "check" else [])
    capsys.readouterr()
    assert run(tree, *args) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "locqa: error:" in err
    assert ARTICLE in err and "no entry" in err
    assert {k: v for k, v in snapshot(tree).items() if not k.startswith(".cache")} == {
        k: v for k, v in before.items() if not k.startswith(".cache")
    }


def test_run_twice_with_a_new_mt_publishes_it_fixed(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(tree, "run", "--skip-languagetool") == 0
    redeliver(tree, "Vast tarief", "Vast &quot;tarief&quot;")
    capsys.readouterr()
    assert run(tree, "run", "--skip-languagetool") == 0
    assert "1 entr(y/ies) with a new machine translation" in capsys.readouterr().out
    built = (tree / "build/nl/guides/shipping.md").read_text(encoding="utf-8")
    assert '| Vast "tarief" |' in built


def test_legacy_catalogue_without_records_still_works(tree: Path) -> None:
    """Catalogues written before the MT record existed: the msgstr is taken as the MT."""
    assert run(tree, "extract") == 0
    po_file = tree / PO
    po_file.write_text(
        "\n".join(
            line
            for line in po_file.read_text(encoding="utf-8").split("\n")
            if not line.startswith("#. locqa-mt:")
        ),
        encoding="utf-8",
    )
    assert run(tree, "build") == 0
    redeliver(tree, "Vast tarief", "Vaste prijs")
    assert run(tree, "extract") == 0
    assert entry(tree, "Flat rate").msgstr == "Vaste prijs"
    assert "#. locqa-mt:" in po_file.read_text(encoding="utf-8")


def conflict(tree: Path) -> None:
    """A person edits "Flat rate", then the vendor re-delivers its MT."""
    assert run(tree, "extract") == 0
    po = polib.pofile(str(tree / PO))
    po.find("Flat rate").msgstr = "Vast bedrag"
    po.save()
    redeliver(tree, "Vast tarief", "Vaste prijs")
    assert run(tree, "extract") == 0


def review(tree: Path, script: str) -> str:
    import io

    from locqa.config import load_settings
    from locqa.review import review_project

    out = io.StringIO()
    review_project(
        load_settings(tree),
        stdin=io.StringIO(script),
        stdout=out,
        skip_languagetool=True,
        jobs=1,
        select=["STR004"],
    )
    return out.getvalue()


def test_review_takes_the_new_mt_of_a_conflict_only_when_chosen(tree: Path) -> None:
    conflict(tree)
    out = review(tree, "a\na1\nq\n")
    assert "Vaste prijs" in out and "accept-all is not offered" in out
    taken = entry(tree, "Flat rate")
    assert taken.msgstr == "Vaste prijs" and "fuzzy" not in taken.flags
    assert "locqa-new-mt" not in taken.tcomment and "locqa-approved" in taken.tcomment


def test_review_approval_keeps_the_reviewed_text_and_ends_the_conflict(
    tree: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    conflict(tree)
    review(tree, "p\nq\n")
    kept = entry(tree, "Flat rate")
    assert kept.msgstr == "Vast bedrag" and "fuzzy" not in kept.flags
    assert "locqa-new-mt" not in kept.tcomment
    assert "STR004" not in [f["check"] for f in check_json(tree, capsys)]
    assert run(tree, "extract") == 0  # the decision stands: no new conflict
    assert "locqa-new-mt" not in entry(tree, "Flat rate").tcomment
