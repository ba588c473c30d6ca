"""The check stage: every article of the project (cached, in parallel), or one pair of
files; the findings, and the catalogues annotated with them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from pathlib import Path, PurePosixPath

from .align import align
from .checks.engine import Engine
from .checks.runner import (
    ArticleUnits,
    CheckRun,
    TextChecker,
    languagetool_factory,
    new_context,
    note_skips,
    run_checks,
    selected_checks,
    units_from_alignment,
)
from .config import Settings
from .locate import Locator
from .markdown import read_document
from .project import Article


def check_project(
    settings: Settings,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    skip_languagetool: bool = False,
    annotate: bool = True,
    languagetool: Callable[[], AbstractContextManager[TextChecker]] | None = None,
    jobs: int | None = None,
    use_cache: bool = True,
) -> tuple[CheckRun, Locator]:
    """Check every language of the project (cached, in parallel) and annotate the catalogues."""
    checks = selected_checks(select, [*ignore, *settings.disabled_checks])
    engine = Engine(
        settings,
        checks,
        jobs=jobs,
        use_cache=use_cache,
        skip_languagetool=skip_languagetool,
        languagetool=languagetool,
    )
    return engine.run(annotate=annotate)


def check_pair(
    settings: Settings,
    source: Path,
    target: Path,
    lang: str,
    *,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    skip_languagetool: bool = False,
    languagetool: Callable[[], AbstractContextManager[TextChecker]] | None = None,
) -> tuple[CheckRun, Locator]:
    """Pair mode: check one article and its translation, no project, no catalogue."""

    keys = settings.front_matter_keys
    src = read_document(source, display=str(source), front_matter_keys=keys)
    tgt = read_document(target, display=str(target), front_matter_keys=keys)
    article = Article(
        rel=PurePosixPath(source.name),
        lang=lang,
        source=src,
        target=tgt,
        pairs=tuple(align(src.segments, tgt.segments)),
    )
    checks = selected_checks(select, [*ignore, *settings.disabled_checks])
    context = new_context(settings, settings.termbase_path)
    try:  # before any check runs: a language the NLP data lacks is a usage error
        context.nlp.get(lang)
    except (ImportError, ValueError):
        from .errors import ConfigError

        base = lang.replace("_", "-").split("-")[0]
        hint = f"; try --lang {base!r}" if base != lang else ""
        raise ConfigError(
            f"--lang {lang!r}: spaCy has no tokenizer or lemma tables for this language{hint}"
        ) from None
    run = CheckRun()
    note_skips(run, context, skip_languagetool)
    locator = Locator()
    locator.add(tgt)
    lt = None if skip_languagetool else (languagetool or languagetool_factory(settings, context))
    run_checks(
        [ArticleUnits(article, None, units_from_alignment(article))],
        source_lang=settings.source_lang,
        target_lang=lang,
        checks=checks,
        context=context,
        languagetool=lt,
        run=run,
    )
    return run, locator
