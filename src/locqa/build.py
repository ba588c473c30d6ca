"""The build stage: splice each msgstr into the translated file's own text, compile MO.

Only spans of aligned segments whose msgstr differs from the translated file's text are
replaced; every other byte — front matter, spacing, table pipes, unknown extensions —
is copied as it is, so an unchanged catalogue reproduces the translation exactly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_text
from .catalog import compile_mo, entry_keys, messages, read_catalog, refuse_stale
from .config import Settings
from .errors import InputError, LocqaError
from .markdown import splice
from .project import domain_for, load_article, po_path, translated_articles


@dataclass
class BuildResult:
    articles: int = 0
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    changed_segments: int = 0
    fuzzy: list[str] = field(default_factory=list)  # "path:line" of fuzzy entries used


def build(
    settings: Settings,
    languages: Sequence[str] | None = None,
    *,
    in_place: bool = False,
) -> BuildResult:
    result = BuildResult()
    planned: list[tuple[Path, str]] = []
    mos = []
    for lang in tuple(languages or settings.languages):
        for rel in translated_articles(settings, lang):
            article = load_article(settings, rel, lang)
            assert article.target is not None
            catalog_path = po_path(settings, lang, rel)
            if not catalog_path.is_file():
                raise InputError(
                    "no catalogue for this article: run `locqa extract` first",
                    settings.display(catalog_path),
                )
            catalog = read_catalog(catalog_path, lang, settings.display(catalog_path))
            refuse_stale(article, catalog, settings.display(catalog_path))
            replacements: dict[int, str] = {}
            for index, (context, msgid) in entry_keys(article).items():
                message = catalog.get(msgid, context)
                seg = article.target.segments[index]
                where = f"{article.target.path}:{seg.line}"
                assert message is not None  # refuse_stale checked every segment
                if message.string and isinstance(message.string, str):
                    replacements[index] = message.string
                    if message.string != seg.text:
                        result.changed_segments += 1
                if message.fuzzy:
                    result.fuzzy.append(where)
            text = splice(article.target, replacements)
            out = (settings.target_dir_for(lang) if in_place else settings.build_root / lang) / rel
            planned.append((out, text))
            mo = settings.build_root / "locales" / lang / "LC_MESSAGES" / f"{domain_for(rel)}.mo"
            mos.append((mo, catalog))
            result.articles += 1
    for out, text in planned:
        shown = settings.display(out)
        (result.written if write_text(out, text) else result.unchanged).append(shown)
    for mo, catalog in mos:
        compile_mo(catalog, mo)
    return result


def refuse_fuzzy(settings: Settings) -> None:
    """``build --strict``: refuse to publish while an entry of the languages is fuzzy."""
    fuzzy = []
    for po in sorted(settings.locales_root.glob("*/LC_MESSAGES/**/*.po")):
        lang = po.relative_to(settings.locales_root).parts[0]
        if lang not in settings.languages:
            continue
        for msg in messages(read_catalog(po, lang, settings.display(po))):
            if msg.fuzzy:
                fuzzy.append(f"{settings.display(po)}:{msg.lineno}")
    if fuzzy:
        shown = ", ".join(fuzzy[:10]) + (", …" if len(fuzzy) > 10 else "")
        raise LocqaError(f"--strict: {len(fuzzy)} fuzzy entr(y/ies) need review: {shown}")
