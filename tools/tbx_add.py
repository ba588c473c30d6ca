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
old one. Bad input (a line that is not JSON, not an object, or lacks a key or has one of the
wrong type, an unreadable file) is one line on stderr naming the file and line, exit code 2,
and nothing written. Usage::

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
from locqa.errors import InputError, LocqaError, from_os_error
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


def _problem(data: object) -> str | None:
    """What is wrong with one parsed line of the concepts file, or None."""
    if not isinstance(data, dict):
        return f"expected a JSON object, found {_kind(data)}"
    english = data.get("en")
    if not isinstance(english, list) or not english:
        return "a concept needs English terms ('en': [[term, part of speech], ...])"
    for pair in english:
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(x, str) for x in pair)
        ):
            return f"'en' needs [term, part of speech] pairs of strings, found {pair!r}"
    if not data.get("deprecated"):
        return "a concept needs English terms and a deprecated term"
    for status in _STATUS:
        terms = data.get(status, [])
        if not isinstance(terms, list):
            return f"'{status}' must be a list of terms, found {_kind(terms)}"
        for term in terms:
            if not isinstance(term, dict) or not isinstance(term.get("term"), str):
                return f"each '{status}' term needs a 'term' string, found {term!r}"
            for key in ("pos", "number", "gender", "usage"):
                if term.get(key) is not None and not isinstance(term[key], str):
                    return f"'{key}' of {status} term {term['term']!r} must be a string or null"
    for key in ("note", "subject"):
        if data.get(key) is not None and not isinstance(data[key], str):
            return f"'{key}' must be a string or null, found {_kind(data[key])}"
    if data.get("missing_check") not in (None, True, False):
        return "'missing_check' must be true or false"
    return None


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "a boolean"}.get(
        type(value), "null" if value is None else "a number"
    )


def read_concepts(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(line number, concept) for every non-blank line of *path*; raise
    :class:`InputError` naming the file and line at the first bad one."""
    try:
        text = path.read_text("utf-8")
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason} at byte {exc.start}", path) from None
    concepts: list[tuple[int, dict[str, Any]]] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(
                f"not valid JSON: {exc.msg} (column {exc.colno})", path, number
            ) from None
        problem = _problem(data)
        if problem is not None:
            raise InputError(problem, path, number)
        concepts.append((number, data))
    return concepts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("tbx", type=Path)
    parser.add_argument("concepts", type=Path)
    args = parser.parse_args(argv)
    try:
        return add(args.tbx, args.concepts)
    except LocqaError as exc:
        print(exc, file=sys.stderr)
        return exc.exit_code
    except OSError as exc:
        error = from_os_error(exc)
        print(error, file=sys.stderr)
        return error.exit_code


def add(tbx: Path, concepts: Path) -> int:
    """Append the concepts of *concepts* to the termbase *tbx*; the exit code."""
    termbase = load_termbase(tbx)
    targets = sorted(set(termbase.languages()) - {"en"})
    if len(targets) != 1:
        raise InputError(f"expected one language besides English, found {targets}", tbx)
    target = targets[0]
    mined = read_concepts(concepts)  # all of it read and checked before anything is written
    known = {t.text.lower() for c in termbase for t in c.terms_in("en")}
    text = tbx.read_text("utf-8")
    ids = [int(n) for n in re.findall(r'conceptEntry id="c(\d+)"', text)]
    next_id = max(ids, default=0) + 1
    added: list[str] = []
    for number, data in mined:
        words = [w.lower() for w, _pos in data["en"]]
        if all(w in known for w in words):
            print(f"{concepts}:{number}: skipped, {words[0]!r} is in the termbase")
            continue
        added.append(concept_xml(f"c{next_id:03d}", data, target))
        known.update(words)
        next_id += 1
    if not added:
        print("nothing to add")
        return 0
    at = text.rfind("    </body>")
    if at < 0:
        raise InputError("no indented '</body>' line to add concepts before", tbx)
    updated = text[:at] + "\n".join(added) + "\n" + text[at:]
    parse_tbx(updated.encode("utf-8"), str(tbx))  # refuses a broken file before writing
    write_text(tbx, updated)
    print(f"{tbx}: {len(added)} concept(s) added")
    return 0


if __name__ == "__main__":
    sys.exit(main())
