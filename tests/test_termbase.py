"""The TBX parser: data model, statuses, plural links, DNT, and refusal of unsafe XML."""

from __future__ import annotations

from pathlib import Path

import pytest

from locqa.errors import InputError
from locqa.termbase import TermStatus, load_termbase, parse_tbx

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
