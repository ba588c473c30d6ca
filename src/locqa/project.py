"""Find the articles of a project and pair each source article with its translations."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from .align import Pair, align
from .config import Settings
from .errors import InputError
from .markdown import Document, read_document

ARTICLE_SUFFIXES = (".md", ".markdown")


@dataclass(frozen=True)
class Article:
    """One article in one target language: source and translation documents, aligned."""

    rel: PurePosixPath  # path relative to the source/target dirs, e.g. "cloud/setup.md"
    lang: str
    source: Document
    target: Document | None
    pairs: tuple[Pair, ...]

    @property
    def domain(self) -> str:
        return domain_for(self.rel)


@dataclass(frozen=True)
class Orphan:
    """A file present on one side only."""

    rel: PurePosixPath
    lang: str
    side: str  # "source" (translation missing) or "target" (source missing)
    path: str


def domain_for(rel: PurePosixPath) -> str:
    """The gettext domain of an article: its relative path without the suffix."""
    return rel.with_suffix("").as_posix()


def _articles_under(root: Path) -> list[PurePosixPath]:
    if not root.is_dir():
        return []
    found = [
        PurePosixPath(p.relative_to(root).as_posix())
        for p in root.rglob("*")
        if p.suffix in ARTICLE_SUFFIXES and p.is_file() and not p.name.startswith(".")
    ]
    return sorted(found)


def pot_path(settings: Settings, rel: PurePosixPath) -> Path:
    """The template catalogue of an article: ``<locales>/<domain>.pot``."""
    return settings.locales_root / f"{domain_for(rel)}.pot"


def po_path(settings: Settings, lang: str, rel: PurePosixPath) -> Path:
    """The catalogue of an article in *lang*: ``<locales>/<lang>/LC_MESSAGES/<domain>.po``."""
    return settings.locales_root / lang / "LC_MESSAGES" / f"{domain_for(rel)}.po"


def source_articles(settings: Settings) -> list[PurePosixPath]:
    return _articles_under(settings.source_root)


def orphans(settings: Settings, lang: str) -> list[Orphan]:
    """Articles that exist on only one side of the source/translation pair."""
    source = set(source_articles(settings))
    target_root = settings.target_dir_for(lang)
    target = set(_articles_under(target_root))
    out = [
        Orphan(rel, lang, "source", settings.display(settings.source_root / rel))
        for rel in sorted(source - target)
    ]
    out += [
        Orphan(rel, lang, "target", settings.display(target_root / rel))
        for rel in sorted(target - source)
    ]
    return out


def refuse_unsourced(found: Sequence[Orphan]) -> None:
    """A translation without a source article is bad input: stop before writing."""
    for orphan in found:
        if orphan.side == "target":
            raise InputError(
                "translation has no source article (expected it in the source tree); "
                "remove it or add the source",
                orphan.path,
                1,
            )


def translated_articles(settings: Settings, lang: str) -> list[PurePosixPath]:
    """The source articles that have a translation in *lang*, in order.

    A translation without a source is refused (bad input); a source without a translation
    is left out here and reported by ``locqa extract``.
    """
    found = orphans(settings, lang)
    refuse_unsourced(found)
    missing = {o.rel for o in found if o.side == "source"}
    return [rel for rel in source_articles(settings) if rel not in missing]


def load_article(settings: Settings, rel: PurePosixPath, lang: str) -> Article:
    keys = settings.front_matter_keys
    source_path = settings.source_root / rel
    source = read_document(
        source_path, display=settings.display(source_path), front_matter_keys=keys
    )
    target_path = settings.target_dir_for(lang) / rel
    target = None
    if target_path.is_file():
        target = read_document(
            target_path, display=settings.display(target_path), front_matter_keys=keys
        )
    pairs = (
        tuple(align(source.segments, target.segments))
        if target
        else tuple(Pair(i, None) for i in range(len(source.segments)))
    )
    return Article(rel=rel, lang=lang, source=source, target=target, pairs=pairs)


def iter_articles(settings: Settings, lang: str) -> Iterator[Article]:
    for rel in source_articles(settings):
        yield load_article(settings, rel, lang)
