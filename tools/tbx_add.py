"""Append concepts to a TBX termbase from a JSON-lines file, as a terminologist does after
``locqa terms`` (docs/termbase.md, "Mining terms").

One JSON object per line::

    {"en": [["setting", "noun"], ["settings", "noun"]],
     "preferred": [{"term": "instelling", "pos": "noun", "number": "singular",
                    "gender": "feminine"}],
     "deprecated": [{"term": "montage", "pos": "noun", "number": "singular",
                     "gender": "feminine", "usage": null}],
     "note": "MT reads 'setting' as 'montage' (assembly).", "subject": "configuration",
     "missing_check": false}

``admitted`` (same shape as ``preferred``) is optional. A deprecated term with a ``usage``
note is flagged ``other-senses`` (right for another sense: TRM002 never fixes it
unattended). ``missing_check: false`` adds ``no-missing-check`` (TRM001 does not run for an
ambiguous English word). A concept whose English terms are all in the termbase already is
skipped and said. The file is rewritten atomically and parsed again before it replaces the
old one. Usage::

    python tools/tbx_add.py locales/glossary/en-fr.tbx concepts.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

from locqa.atomic import write_text
from locqa.termbase import load_termbase, parse_tbx

_STATUS = {
    "preferred": "preferredTerm-admn-sts",
    "admitted": "admittedTerm-admn-sts",
    "deprecated": "deprecatedTerm-admn-sts",
}
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _term_sec(parent: ET.Element, term: dict[str, Any], status: str) -> None:
    sec = ET.SubElement(parent, "termSec")
    ET.SubElement(sec, "term").text = term["term"]
    ET.SubElement(sec, "termNote", type="partOfSpeech").text = term.get("pos") or "other"
    for key, kind in (("number", "grammaticalNumber"), ("gender", "grammaticalGender")):
        if term.get(key):
            ET.SubElement(sec, "termNote", type=kind).text = term[key]
    ET.SubElement(sec, "termNote", type="administrativeStatus").text = _STATUS[status]
    if term.get("usage"):
        ET.SubElement(sec, "termNote", type="usageNote").text = term["usage"]
        ET.SubElement(sec, "admin", type="projectSubset").text = "other-senses"


def concept_xml(concept_id: str, data: dict[str, Any], target: str) -> str:
    """One ``conceptEntry`` for *data*, indented as the shipped files are."""
    entry = ET.Element("conceptEntry", id=concept_id)
    ET.SubElement(entry, "descrip", type="subjectField").text = data.get("subject") or "general"
    if data.get("missing_check") is False:
        ET.SubElement(entry, "admin", type="projectSubset").text = "no-missing-check"
    if data.get("note"):
        ET.SubElement(entry, "note").text = data["note"]
    english = ET.SubElement(entry, "langSec", {_XML_LANG: "en"})
    for word, pos in data["en"]:
        _term_sec(english, {"term": word, "pos": pos}, "preferred")
    translated = ET.SubElement(entry, "langSec", {_XML_LANG: target})
    for status in ("preferred", "admitted", "deprecated"):
        for term in data.get(status, []):
            _term_sec(translated, term, status)
    ET.indent(entry, space="  ", level=3)
    return "      " + ET.tostring(entry, encoding="unicode")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tbx", type=Path)
    parser.add_argument("concepts", type=Path)
    args = parser.parse_args(argv)
    termbase = load_termbase(args.tbx)
    targets = sorted(set(termbase.languages()) - {"en"})
    if len(targets) != 1:
        print(f"{args.tbx}: expected one language besides English, found {targets}")
        return 2
    target = targets[0]
    known = {t.text.lower() for c in termbase for t in c.terms_in("en")}
    text = args.tbx.read_text("utf-8")
    ids = [int(n) for n in re.findall(r'conceptEntry id="c(\d+)"', text)]
    next_id = max(ids, default=0) + 1
    added: list[str] = []
    for number, line in enumerate(args.concepts.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        data = json.loads(line)
        if not data.get("en") or not data.get("deprecated"):
            print(f"{args.concepts}:{number}: a concept needs English terms and a deprecated term")
            return 2
        words = [w.lower() for w, _pos in data["en"]]
        if all(w in known for w in words):
            print(f"{args.concepts}:{number}: skipped, {words[0]!r} is in the termbase")
            continue
        added.append(concept_xml(f"c{next_id:03d}", data, target))
        known.update(words)
        next_id += 1
    if not added:
        print("nothing to add")
        return 0
    at = text.rindex("    </body>")
    updated = text[:at] + "\n".join(added) + "\n" + text[at:]
    parse_tbx(updated.encode("utf-8"), str(args.tbx))  # refuses a broken file before writing
    write_text(args.tbx, updated)
    print(f"{args.tbx}: {len(added)} concept(s) added")
    return 0


if __name__ == "__main__":
    sys.exit(main())
