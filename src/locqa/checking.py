"""The check stage: every article of the project (cached, in parallel), or one pair of
files; the findings, and the catalogues annotated with them."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from contextlib import AbstractContextManager, ExitStack, nullcontext
from pathlib import Path, PurePosixPath

from .align import align
from .annotate import annotate_po
from .checks.base import CheckContext
from .checks.engine import Engine
from .checks.executors import DaskExecutor
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
from .checks.suppress import drop_suppressed
from .config import Settings
from .findings import Finding
from .locate import Locator
from .markdown import read_document
from .nlp import MissingSegmenter
from .project import Article
from .scope import WHOLE, Scope

LanguageToolFactory = Callable[[], AbstractContextManager[TextChecker]]


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
    scope: Scope = WHOLE,
    executor: DaskExecutor | None = None,
) -> tuple[CheckRun, Locator]:
    """Check every language of the project (cached, in parallel) and annotate the catalogues;
    with a *scope*, only its articles are checked and reported (:mod:`locqa.scope`)."""
    checks = selected_checks(select, [*ignore, *settings.disabled_checks])
    engine = Engine(
        settings,
        checks,
        jobs=jobs,
        use_cache=use_cache,
        skip_languagetool=skip_languagetool,
        languagetool=languagetool,
        scope=scope,
        executor=executor,
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
    context = new_context(settings, lang)
    try:  # before any check runs: a language the NLP data lacks is a usage error
        context.nlp.get(lang)
    except MissingSegmenter:
        raise  # the language is fine, the environment lacks a package: exit 3
    except (ImportError, ValueError):
        from .errors import ConfigError

        base = lang.replace("_", "-").split("-")[0]
        hint = f"; try --lang {base!r}" if base != lang else ""
        raise ConfigError(
            f"--lang {lang!r}: spaCy has no tokenizer or lemma tables for this language{hint}"
        ) from None
    run = CheckRun()
    note_skips(run, {lang: context}, skip_languagetool, checks)
    locator = Locator()
    locator.add(tgt)
    lt = None if skip_languagetool else (languagetool or languagetool_factory(settings))
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


class Checker:
    """Runs the checks for fix and review, keeping one LanguageTool session for the run.

    Whole-project checks go through :func:`check_project` (the cached,
    parallel engine, so a fix right after ``locqa check`` costs little); the entries fix
    changed are re-checked in this process (:meth:`run`), with each language's context
    built on first use (:meth:`context_for`).
    """

    def __init__(
        self,
        settings: Settings,
        *,
        skip_languagetool: bool,
        languagetool: LanguageToolFactory | None,
        jobs: int | None = None,
    ) -> None:
        self.settings = settings
        self.checks = selected_checks(ignore=settings.disabled_checks)
        self.skip_languagetool = skip_languagetool
        self.jobs = jobs
        self._factory = languagetool
        self._contexts: dict[str, CheckContext] = {}
        self._stack = ExitStack()
        self._session: TextChecker | None = None

    def context_for(self, lang: str) -> CheckContext:
        """*lang*'s context (its profile, its termbase), made on first use; the contexts
        share one set of pipelines."""
        context = self._contexts.get(lang)
        if context is None:
            shared = next(iter(self._contexts.values()), None)
            context = new_context(
                self.settings, lang, nlp=shared.nlp if shared is not None else None
            )
            self._contexts[lang] = context
        return context

    def factory(self) -> LanguageToolFactory | None:
        if self.skip_languagetool:
            return None

        def shared() -> AbstractContextManager[TextChecker]:
            if self._session is None:
                start = self._factory
                if start is None:
                    start = languagetool_factory(self.settings)
                self._session = self._stack.enter_context(start())
            return nullcontext(self._session)

        return shared

    def run(self, groups: Iterable[ArticleUnits], lang: str) -> list[Finding]:
        """Findings for *groups* (their current units), checked in this process; those an
        entry's ``ignore-`` flags turn off are left out (approved entries are not: fix and
        review ask what the checks find on them)."""
        groups = list(groups)
        run = run_checks(
            groups,
            source_lang=self.settings.source_lang,
            target_lang=lang,
            checks=self.checks,
            context=self.context_for(lang),
            languagetool=self.factory(),
        )
        po_of = {g.article.target.path: g.po for g in groups if g.po and g.article.target}
        return drop_suppressed(run.findings, po_of, approved=False)

    def check_project(self, *, annotate: bool) -> tuple[CheckRun, Locator]:
        """``locqa check`` over the files as written (findings for approved entries and
        ``ignore-`` flags dropped by the stage); with *annotate*, the catalogues get their
        fuzzy flags and ``# locqa:`` comments."""
        run, locator = check_project(
            self.settings,
            skip_languagetool=self.skip_languagetool,
            annotate=False,
            languagetool=self.factory(),
            jobs=self.jobs,
        )
        if annotate:
            by_po: dict[Path, list[Finding]] = {po: [] for po in run.po_of.values()}
            for finding in run.findings:
                po = run.po_of.get(finding.path)
                if po is not None:
                    by_po[po].append(finding)
            for po, found in by_po.items():
                annotate_po(po, found)
        return run, locator

    def close(self) -> None:
        self._stack.close()

    def __enter__(self) -> Checker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
