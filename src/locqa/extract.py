"""The extract stage: source and machine translation → POT + one PO per language.

Everything is computed before anything is written, so a bad input (reported with exit
code 2) leaves every existing catalogue as it was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from babel.messages.catalog import Catalog

from .catalog import (
    Redelivery,
    plan_entries,
    read_catalog,
    template_catalog,
    translation_catalog,
    write_catalog,
)
from .config import Settings
from .project import (
    Article,
    Orphan,
    load_article,
    orphans,
    po_path,
    pot_path,
    refuse_unsourced,
    source_articles,
)


@dataclass(frozen=True)
class Mismatch:
    """A block present on one side of an aligned article only."""

    path: str  # the file that has the block
    line: int
    side: str  # "source": no translation for this source block; "target": extra block
    text: str


@dataclass
class ExtractResult:
    articles: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    mismatches: dict[str, list[Mismatch]] = field(default_factory=dict)  # by target path
    orphans: list[Orphan] = field(default_factory=list)
    aligned_fully: int = 0
    new_mt: list[str] = field(default_factory=list)  # "path:line" of entries with a new MT
    conflicts: list[str] = field(default_factory=list)  # reviewed entries whose MT changed

    def redelivery_lines(self, shown: int = 10) -> list[str]:
        """What a re-delivered MT changed, for people (nothing when nothing changed)."""
        lines = []
        if self.new_mt:
            lines.append(
                f"extract: {len(self.new_mt)} entr(y/ies) with a new machine translation "
                "(taken, to be checked again)"
            )
        if self.conflicts:
            places = ", ".join(self.conflicts[:shown])
            more = ", …" if len(self.conflicts) > shown else ""
            lines.append(
                f"extract: {len(self.conflicts)} conflict(s): the machine translation changed "
                f"under entries a person edited or approved; their text is kept, fuzzy, with "
                f"the new MT for locqa review: {places}{more}"
            )
        return lines


def mismatches(article: Article) -> list[Mismatch]:
    out = []
    for pair in article.pairs:
        if pair.target is None:
            seg = article.source.segments[pair.source]  # type: ignore[index]
            out.append(Mismatch(article.source.path, seg.line, "source", seg.text))
        elif pair.source is None and article.target is not None:
            seg = article.target.segments[pair.target]
            out.append(Mismatch(article.target.path, seg.line, "target", seg.text))
    return out


def _places(article: Article, keys: Sequence[tuple[str | None, str]]) -> list[str]:
    """ "path:line" in the translated article (else the source) of the entries *keys*."""
    where = {}
    for entry in plan_entries(article):
        refs = entry.target_refs or entry.source_refs
        if refs:
            where[entry.key] = f"{refs[0][0]}:{refs[0][1]}"
    return [where.get(key, article.source.path) for key in keys]


def extract(settings: Settings, languages: Sequence[str] | None = None) -> ExtractResult:
    langs = tuple(languages or settings.languages)
    result = ExtractResult()
    planned: list[tuple[Path, Catalog, str | None]] = []
    rels = source_articles(settings)
    for lang in langs:
        result.orphans.extend(orphans(settings, lang))
    refuse_unsourced(result.orphans)
    missing = {(o.rel, o.lang) for o in result.orphans if o.side == "source"}
    for rel in rels:
        result.articles += 1
        template: Catalog | None = None
        for lang in langs:
            article = load_article(settings, rel, lang)
            if template is None:
                template = template_catalog(article)
                planned.append((pot_path(settings, rel), template, None))
            if (rel, lang) in missing:
                continue
            target = po_path(settings, lang, rel)
            existing = (
                read_catalog(target, lang, settings.display(target)) if target.is_file() else None
            )
            redelivery = Redelivery()
            planned.append((target, translation_catalog(article, existing, redelivery), lang))
            result.new_mt += _places(article, redelivery.new_mt)
            result.conflicts += _places(article, redelivery.conflicts)
            found = mismatches(article)
            if found:
                result.mismatches[article.target.path if article.target else str(rel)] = found
            else:
                result.aligned_fully += 1
    for path, catalog, catalog_lang in planned:
        shown = (
            path.relative_to(settings.root).as_posix()
            if path.is_relative_to(settings.root)
            else str(path)
        )
        (result.written if write_catalog(path, catalog, catalog_lang) else result.unchanged).append(
            shown
        )
    return result
