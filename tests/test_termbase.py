"""The TBX parser: data model, statuses, plural links, DNT, and refusal of unsafe XML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from locqa.errors import ConfigError, InputError
from locqa.termbase import TermStatus, load_grammar, load_termbase, parse_tbx

ROOT = Path(__file__).resolve().parents[1]
TBX = ROOT / "locales" / "glossary" / "en-nl.tbx"

SMALL = b"""<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>test</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="bulk">
      <descrip type="subjectField">sales</descrip>
      <note>MT renders bulk as opsomming.</note>
      <langSec xml:lang="en"><termSec><term>bulk order</term>
        <termNote type="partOfSpeech">noun</termNote></termSec></langSec>
      <langSec xml:lang="nl">
        <termSec><term>bulkbestelling</term>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>bulkbestellingen</term>
          <termNote type="grammaticalNumber">plural</termNote>
          <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec>
        <termSec><term>bulkorder</term>
          <termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec>
        <termSec><term>opsommingsopdracht</term>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
    <conceptEntry id="gql">
      <admin type="projectSubset">do-not-translate</admin>
      <langSec xml:lang="en"><termSec><term>GraphQL</term></termSec></langSec>
      <langSec xml:lang="nl"><termSec><term>GraphQL</term></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_parses_concepts_statuses_and_plurals() -> None:
    tb = parse_tbx(SMALL, "small.tbx")
    assert len(tb) == 2
    bulk = tb.concept("bulk")
    assert bulk.subject == "sales"
    assert bulk.note == "MT renders bulk as opsomming."
    assert [t.text for t in bulk.accepted("nl")] == [
        "bulkbestelling",
        "bulkbestellingen",
        "bulkorder",
    ]
    assert [t.text for t in bulk.deprecated("nl")] == ["opsommingsopdracht"]
    preferred = bulk.preferred("nl")
    assert preferred is not None and preferred.text == "bulkbestelling"
    assert preferred.plural == "bulkbestellingen"
    assert bulk.terms_in("en")[0].part_of_speech == "noun"
    assert bulk.deprecated("nl")[0].status is TermStatus.DEPRECATED
    assert not bulk.dnt and bulk.check_missing


def test_do_not_translate_flag() -> None:
    tb = parse_tbx(SMALL)
    gql = tb.concept("gql")
    assert gql.dnt
    assert not gql.check_missing
    assert all(t.dnt for t in gql.terms)


def test_digest_follows_content() -> None:
    assert parse_tbx(SMALL).digest == parse_tbx(SMALL).digest
    assert parse_tbx(SMALL).digest != parse_tbx(SMALL.replace(b"bulkorder", b"grootorder")).digest


def test_shipped_termbase_is_rich_enough() -> None:
    tb = load_termbase(TBX)
    assert len(tb) >= 170
    assert sum(c.dnt for c in tb) >= 40
    assert sum(bool(c.deprecated("nl")) for c in tb if not c.dnt) >= 60
    names = {t.text for c in tb if c.dnt for t in c.terms_in("en")}
    for name in ("Adobe Commerce", "Magento Open Source", "GraphQL", "B2B", "SKU", "CTA", "Fastly"):
        assert name in names
    assert b"<!DOCTYPE" not in TBX.read_bytes()


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(
            b'<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n'
            b' <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">\n]>\n'
            b"<tbx>&lol2;</tbx>",
            id="billion-laughs",
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<!DOCTYPE tbx [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
            b"<tbx>&xxe;</tbx>",
            id="external-entity",
        ),
        pytest.param(
            b'<?xml version="1.0"?>\n<!DOCTYPE tbx SYSTEM "tbx.dtd">\n<tbx/>', id="doctype"
        ),
    ],
)
def test_unsafe_xml_is_refused(data: bytes) -> None:
    with pytest.raises(InputError) as info:
        parse_tbx(data, "evil.tbx")
    assert info.value.path == "evil.tbx"
    assert info.value.line == 2
    assert str(info.value).startswith("evil.tbx:2:")


def test_malformed_xml_names_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tbx"
    bad.write_bytes(b'<?xml version="1.0"?>\n<tbx>\n  <text>\n    <body>\n</tbx>\n')
    with pytest.raises(InputError) as info:
        load_termbase(bad)
    assert info.value.path == str(bad)
    assert info.value.line == 5


def test_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError):
        load_termbase(tmp_path / "absent.tbx")


def test_wrong_root_is_refused() -> None:
    with pytest.raises(InputError, match="not a TBX"):
        parse_tbx(b"<html/>", "x.tbx")


# ---------------------------------------------------------------- grammar data


GRAMMATICAL = b"""<?xml version="1.0" encoding="UTF-8"?>
<tbx style="dca" type="TBX-Basic" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <text><body>
    <conceptEntry id="cmd">
      <langSec xml:lang="en"><termSec><term>command</term>
        <termNote type="partOfSpeech">noun</termNote></termSec></langSec>
      <langSec xml:lang="nl">
        <termSec><term>opdracht</term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="grammaticalNumber">singular</termNote>
          <termNote type="grammaticalGender">Feminine</termNote></termSec>
        <termSec><term>opdrachten</term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="grammaticalNumber">plural</termNote>
          <termNote type="grammaticalGender">feminine</termNote></termSec>
        <termSec><term>bevel</term>
          <termNote type="partOfSpeech">noun</termNote>
          <termNote type="grammaticalGender">neuter</termNote>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>
          <termNote type="usageNote">a military order</termNote>
          <admin type="projectSubset">other-senses</admin></termSec>
        <termSec><term>gebod</term>
          <termNote type="partOfSpeech">substantive</termNote>
          <termNote type="grammaticalGender">common</termNote>
          <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec>
      </langSec>
    </conceptEntry>
  </body></text>
</tbx>
"""


def test_parses_gender_usage_and_other_senses() -> None:
    cmd = parse_tbx(GRAMMATICAL).concept("cmd")
    preferred = cmd.preferred("nl")
    assert preferred is not None
    assert (preferred.gender, preferred.number, preferred.plural) == (
        "feminine",  # picklist values are matched case-insensitively
        "singular",
        "opdrachten",
    )
    bevel, gebod = cmd.deprecated("nl")
    assert bevel.gender == "neuter" and bevel.other_senses and bevel.usage == "a military order"
    # values outside the TBX-Basic picklists are unknown: no decision rests on them
    assert gebod.part_of_speech is None and gebod.gender is None and not gebod.other_senses


def _term_notes(data: bytes) -> list[dict[str, str]]:
    """Every termSec of the Dutch langSecs as {note type: value}, read from the XML."""
    import xml.etree.ElementTree as ET  # the shipped file, trusted: no defusedxml needed

    ns = "{urn:iso:std:iso:30042:ed-2}"
    lang = "{http://www.w3.org/XML/1998/namespace}lang"
    out = []
    for entry in ET.fromstring(data).iter(f"{ns}conceptEntry"):
        for sec in entry.iter(f"{ns}langSec"):
            if sec.get(lang) != "nl":
                continue
            for term in sec.iter(f"{ns}termSec"):
                notes = {n.get("type", ""): n.text or "" for n in term.iter(f"{ns}termNote")}
                notes["term"] = term.findtext(f"{ns}term") or ""
                notes["subsets"] = " ".join(a.text or "" for a in term.iter(f"{ns}admin"))
                out.append(notes)
    return out


def test_shipped_termbase_has_grammar_for_every_dutch_term() -> None:
    notes = _term_notes(TBX.read_bytes())
    assert len(notes) > 900
    pos = {"noun", "verb", "adjective", "adverb", "properNoun", "other"}
    for n in notes:
        assert n.get("partOfSpeech") in pos, n
        if n["partOfSpeech"] in ("noun", "properNoun"):
            assert n.get("grammaticalGender") in {"masculine", "feminine", "neuter", "other"}, n
            # only machine-translated phrases that are neither singular nor plural lack it
            assert n.get("grammaticalNumber") in {"singular", "plural"} or n["term"].endswith(
                "retourneert"
            ), n
        else:
            assert "grammaticalGender" not in n, n
        if "other-senses" in n["subsets"]:
            assert n["administrativeStatus"] == "deprecatedTerm-admn-sts", n
            assert n.get("usageNote"), n  # says which other sense
    tb = load_termbase(TBX)
    flagged = {t.text for c in tb for t in c.deprecated("nl") if t.other_senses}
    # the renderings that were fixed wrongly as "safe" on real articles (issue 12)
    assert {"opslag", "orde", "onderzoek", "opstelling"} <= flagged
    # a plural takes its singular's gender
    for c in tb:
        for t in c.terms_in("nl"):
            if t.plural:
                plural = next(p for p in c.terms_in("nl") if p.text == t.plural)
                assert plural.gender == t.gender, (c.id, t.text)


def test_shipped_grammar_for_dutch() -> None:
    from locqa.checks.terms import grammar_of
    from locqa.lang import profile

    grammar = grammar_of(profile("nl"))
    assert grammar is not None
    assert grammar.agreement("masculine") == grammar.agreement("feminine") == "common"
    assert grammar.agreement("neuter") == "neuter" and grammar.agreement("other") is None
    kind, row = grammar.determiner("Het")
    assert kind == "definite" and row is not None and grammar.form(row, "common") == "de"
    assert grammar.determiner("een")[0] == "indefinite-invariant"
    assert grammar.determiner("mijn")[0] == "definite-invariant"
    assert grammar.determiner("opslag") == ("", None)
    assert grammar_of(profile("de")) is None  # no German agreement data: fixes stay unsafe


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('language = "nl"\nclasses = ["common"]\nspelling = 1\n', "spelling is not a grammar key"),
        ('language = "nl"\n', "classes must be a list"),
        ('language = "nl"\nclasses = ["c", "n"]\n[gender]\nneuter = "x"\n', "gender.neuter"),
        (
            'language = "nl"\nclasses = ["c", "n"]\n[determiners]\ndefinite = [["de"]]\n',
            "determiners.definite must be a list of [2 forms]",
        ),
        ('language = "nl"\nclasses = ["c"]\n[phrase]\nmax_modifiers = -1\n', "max_modifiers"),
        ("language = [", "cannot read the grammar file"),
    ],
)
def test_bad_grammar_files_are_refused(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "nl.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError, match=re.escape(message)) as info:
        load_grammar(path)
    assert info.value.path == str(path)
