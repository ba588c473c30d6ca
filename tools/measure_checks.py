"""Measure locqa's encoding / translation / consistency checks on a parallel corpus.

Usage::

    python tools/measure_checks.py [CORPUS] [--sample N] [--seed S] [--show CODE ...]

CORPUS defaults to ../shared/corpus/commerce-learn (relative to the repository) and
holds ``en/**.md`` and ``nl/**.md`` with the same relative paths. Every file pair is
split into blocks with markdown-it-py (each ``inline`` token: headings, paragraphs,
list-item paragraphs, table cells; plus front-matter ``title``/``description``); pairs
whose block counts match give (msgid, msgstr) units. Every registered ENC/TRN check
runs on them; the script prints findings per 1,000 Dutch words per check and, with
``--show``, a reproducible random sample of findings to read.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
from collections import Counter
from pathlib import Path

import yaml
from markdown_it import MarkdownIt

from locqa.checks import consistency, encoding, translation  # noqa: F401  (registers)
from locqa.checks.base import REGISTRY, CheckContext, CorpusCheck, Unit
from locqa.findings import Finding
from locqa.nlp import Pipelines

_FRONT = re.compile(r"\A---\r?\n(.*?)\r?\n---\r?\n", re.S)
_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")


def blocks(text: str) -> list[tuple[int, str, str]]:
    """(line, kind, inline text) for every block of a Markdown file."""
    out: list[tuple[int, str, str]] = []
    body_offset = 0
    match = _FRONT.match(text)
    if match:
        try:
            meta = yaml.safe_load(match.group(1)) or {}
        except yaml.YAMLError:
            meta = {}
        for key in ("title", "description"):
            if isinstance(meta, dict) and isinstance(meta.get(key), str):
                out.append((1, f"front-{key}", meta[key]))
        body_offset = match.group(0).count("\n")
        text = text[match.end() :]
    md = MarkdownIt("commonmark").enable("table")
    kind = "paragraph"
    for token in md.parse(text):
        if token.type.endswith("_open") and token.type != "paragraph_open":
            kind = token.type.removesuffix("_open")
        if token.type == "inline" and token.content.strip():
            line = (token.map[0] if token.map else 0) + 1 + body_offset
            out.append((line, kind, token.content))
    return out


def corpus_units(root: Path) -> tuple[list[Unit], int, int]:
    units: list[Unit] = []
    files = paired = 0
    for en_path in sorted((root / "en").rglob("*.md")):
        rel = en_path.relative_to(root / "en")
        nl_path = root / "nl" / rel
        if not nl_path.is_file():
            continue
        files += 1
        src = blocks(en_path.read_text(encoding="utf-8"))
        tgt = blocks(nl_path.read_text(encoding="utf-8"))
        if len(src) != len(tgt):
            continue
        paired += 1
        for (_, _, msgid), (line, kind, msgstr) in zip(src, tgt, strict=True):
            units.append(
                Unit(msgid, msgstr, path=f"nl/{rel}", line=line, kind=kind, source_path=f"en/{rel}")
            )
    return units, files, paired


def run(units: list[Unit], ctx: CheckContext, codes: list[str]) -> list[Finding]:
    findings: list[Finding] = []
    for code in codes:
        check = REGISTRY[code]()
        if isinstance(check, CorpusCheck):
            findings.extend(check.check_corpus(units, ctx))
        else:
            for unit in units:
                findings.extend(check.check(unit, ctx))
    return findings


def main(argv: list[str] | None = None) -> int:
    default = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "commerce-learn"
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=default)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--show", nargs="*", default=[], help="check codes to sample")
    args = parser.parse_args(argv)
    if not (args.corpus / "en").is_dir():
        print(f"{args.corpus}: no en/ folder", file=sys.stderr)
        return 2
    units, files, paired = corpus_units(args.corpus)
    words = sum(len(_WORD.findall(u.msgstr)) for u in units)
    ctx = CheckContext(target_lang="nl", nlp=Pipelines())  # the corpus pairs en/ with nl/
    codes = sorted(c for c in REGISTRY if c.startswith(("ENC", "TRN")))
    findings = run(units, ctx, codes)
    per = Counter(f.check for f in findings)
    print(
        f"{files} file pairs, {paired} with matching block counts, {len(units)} units, "
        f"{words} Dutch words"
    )
    print(f"{'check':8} {'name':28} {'findings':>8} {'per 1k words':>12}")
    for code in codes:
        name = REGISTRY[code].name
        print(f"{code:8} {name:28} {per[code]:8d} {1000 * per[code] / max(words, 1):12.2f}")
    rng = random.Random(args.seed)
    for code in args.show:
        mine = [f for f in findings if f.check == code]
        for f in rng.sample(mine, min(args.sample, len(mine))):
            where = "" if f.start is None else f" [{f.start}:{f.end}]={f.msgstr[f.start : f.end]!r}"
            print(
                f"\n{f.check} {f.path}:{f.line}{where} -> {f.suggestion!r}\n  {f.message}"
                f"\n  EN: {f.msgid[:300]!r}\n  NL: {f.msgstr[:300]!r}"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
