"""Feeds units to the checks: units from catalogues or aligned pairs, the context of each
target language, and the in-process runner (pair mode, fix's re-checks).
:mod:`locqa.checks.engine` is the cached, parallel runner of whole projects; both produce
the same findings.

Every language is checked with its own context (:func:`new_context`): its profile, its
termbase (never another language's), its LanguageTool variant and rules.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from ..catalog import entry_keys, messages, read_catalog, refuse_stale
from ..config import Settings
from ..errors import InputError
from ..findings import Finding
from ..lang import find_profile
from ..nlp import Pipelines
from ..project import Article, load_article, po_path, translated_articles
from ..provenance import new_mt_of
from ..script import word_count
from . import load_checks
from .base import REGISTRY, Check, CheckContext, CorpusCheck, Unit
from .structure import conflict_findings, structure_findings

if TYPE_CHECKING:
    from ..termbase import Termbase


class TextChecker(Protocol):
    def check_texts(self, texts: Sequence[str], lang: str) -> list[list[Any]]: ...


@dataclass
class ArticleUnits:
    article: Article
    po: Path | None  # the catalogue the units come from (None in pair mode)
    units: list[Unit]


@dataclass
class CheckRun:
    findings: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    articles: int = 0  # checked and reported
    in_project: int = 0  # translated articles in the project (more when a scope narrows)
    scope: dict[str, str] | None = None  # a narrowed run: its shard / changed-since ref
    units: int = 0
    words: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    po_of: dict[str, Path] = field(default_factory=dict)  # translated path → catalogue
    cache_hits: int = 0
    cache_misses: int = 0


def units_from_catalogue(article: Article, po: Path, display: str) -> list[Unit]:
    """One unit per PO entry that has a translation, located in the translated article."""
    return catalogue_units(article, po, display)[0]


def catalogue_units(article: Article, po: Path, display: str) -> tuple[list[Unit], list[Finding]]:
    """The units of the catalogue *po* of *article*, and the findings about the entries'
    state (a re-delivered MT waiting for review). Refuses a catalogue that is stale
    against the article or lost entries."""
    assert article.target is not None
    catalog = read_catalog(po, article.lang, display)
    refuse_stale(article, catalog, display)
    located: dict[tuple[str | None, str], int] = {}
    for index, key in entry_keys(article).items():
        located.setdefault(key, index)
    units = []
    pending: dict[tuple[str | None, str], str] = {}
    for msg in messages(catalog):
        if not isinstance(msg.string, str) or not msg.string:
            continue
        assert isinstance(msg.id, str)
        where = located.get((msg.context, msg.id))
        seg = article.target.segments[where] if where is not None else None
        units.append(
            Unit(
                msgid=msg.id,
                msgstr=msg.string,
                path=article.target.path,
                line=seg.line if seg else 0,
                kind=seg.kind if seg else "paragraph",
                msgctxt=msg.context,
                source_path=article.source.path,
            )
        )
        new_mt = new_mt_of(msg)
        if new_mt is not None:
            pending[(msg.context, msg.id)] = new_mt
    return units, list(conflict_findings(units, pending))


def units_from_alignment(article: Article) -> list[Unit]:
    """Pair mode: units straight from the aligned documents, no catalogue."""
    assert article.target is not None
    units = []
    for pair in article.pairs:
        if pair.source is None or pair.target is None:
            continue
        s, t = article.source.segments[pair.source], article.target.segments[pair.target]
        units.append(
            Unit(
                msgid=s.text,
                msgstr=t.text,
                path=article.target.path,
                line=t.line,
                kind=t.kind,
                source_path=article.source.path,
            )
        )
    return units


def project_units(settings: Settings, lang: str) -> Iterator[ArticleUnits]:
    for rel in translated_articles(settings, lang):
        article = load_article(settings, rel, lang)
        po = po_path(settings, lang, rel)
        if not po.is_file():
            raise InputError(
                "no catalogue for this article: run `locqa extract` first", settings.display(po)
            )
        yield ArticleUnits(article, po, units_from_catalogue(article, po, settings.display(po)))


def selected_checks(select: Sequence[str] = (), ignore: Sequence[str] = ()) -> list[Check]:
    """Instances of the registered checks, filtered by code or code prefix; an opt-in
    check (:attr:`Check.opt_in`) only where *select* names its full code."""
    load_checks()

    def matches(code: str, patterns: Sequence[str]) -> bool:
        return any(code.startswith(p.upper()) for p in patterns)

    chosen = []
    for code in sorted(REGISTRY):
        if REGISTRY[code].opt_in and code not in {p.upper() for p in select}:
            continue
        if select and not matches(code, select):
            continue
        if ignore and matches(code, ignore):
            continue
        chosen.append(REGISTRY[code]())
    return chosen


def run_checks(
    groups: Iterable[ArticleUnits],
    *,
    source_lang: str,
    target_lang: str,
    checks: Sequence[Check],
    context: CheckContext,
    languagetool: Callable[[], AbstractContextManager[TextChecker]] | None,
    run: CheckRun | None = None,
) -> CheckRun:
    """Run *checks* over the units of *groups* (one language), in this process, uncached.

    *context* is *target_lang*'s (:func:`new_context`); a context of another language is
    refused. Pair mode and tests use this; :func:`check_project` uses the cached, parallel
    engine in :mod:`locqa.checks.engine`, which produces the same findings.
    """
    run = run or CheckRun()
    if profile_code(context.target_lang) != profile_code(target_lang):
        raise ValueError(
            f"a context for {context.target_lang!r} cannot check {target_lang!r}: "
            f"make one with new_context(settings, {target_lang!r})"
        )
    if context.source_lang != source_lang:
        context = replace(context, source_lang=source_lang)
    unit_checks = [c for c in checks if not isinstance(c, CorpusCheck)]
    corpus_checks = [c for c in checks if isinstance(c, CorpusCheck)]
    codes = {c.code for c in checks}
    all_units: list[Unit] = []
    findings: list[Finding] = []
    for group in groups:
        run.articles += 1
        all_units.extend(group.units)
        if group.po is not None and group.article.target is not None:
            run.po_of[group.article.target.path] = group.po
        findings.extend(f for f in structure_findings(group.article) if f.check in codes)
    run.units += len(all_units)
    run.words += sum(word_count(u.msgstr) for u in all_units)
    t0 = time.perf_counter()
    if languagetool is not None and any(c.code.startswith("LT") for c in checks):
        texts = sorted({u.msgstr for u in all_units})
        with languagetool() as session:
            found = zip(texts, session.check_texts(texts, target_lang), strict=True)
            context = replace(context, languagetool={**context.languagetool, **dict(found)})
    run.seconds["languagetool"] = run.seconds.get("languagetool", 0.0) + time.perf_counter() - t0
    t0 = time.perf_counter()
    for unit in all_units:
        for check in unit_checks:
            findings.extend(check.check(unit, context))
    for corpus_check in corpus_checks:
        findings.extend(corpus_check.check_corpus(all_units, context))
    run.seconds["checks"] = run.seconds.get("checks", 0.0) + time.perf_counter() - t0
    run.findings.extend(findings)
    return run


def profile_code(lang: str) -> str:
    """The code of *lang*'s profile (``de-DE`` → ``de``); *lang* when no profile claims it."""
    found = find_profile(lang)
    return found.code if found is not None else lang


def termbase_applies(termbase: Termbase, source_lang: str, lang: str) -> bool:
    """Whether *termbase* is for translations into *lang*: it has terms in *lang*, or in no
    language but the source (a list of names not to translate). A configured termbase
    with Dutch terms is not German's: one language's termbase never applies to another."""

    from ..termbase import language_key  # as the termbase keys its languages

    targets = termbase.languages() - {language_key(source_lang)}
    return not targets or language_key(lang) in targets


def new_context(settings: Settings, lang: str, *, nlp: Pipelines | None = None) -> CheckContext:
    """The context for checking translations into *lang* (a profile's code or alias): the
    profile's code, *lang*'s termbase (:meth:`Settings.termbase_path_for`: the configured
    one, else the profile's, if the file exists), the configured LanguageTool rules (each
    language's defaults are added where they are used: ``effective_disabled_rules(options,
    lang)``). *nlp* shares one set of pipelines between the contexts of a run."""
    from ..termbase import load_termbase

    options: dict[str, Any] = {
        "languagetool_disabled_rules": list(settings.languagetool_disabled_rules)
    }
    path = settings.termbase_path_for(lang)
    termbase = load_termbase(path) if path is not None and path.is_file() else None
    if termbase is not None and not termbase_applies(termbase, settings.source_lang, lang):
        termbase = None
    return CheckContext(
        source_lang=settings.source_lang,
        target_lang=profile_code(lang),
        nlp=nlp if nlp is not None else Pipelines(),
        termbase=termbase,
        options=options,
        spelling=_lexicon(settings, lang),
    )


def _lexicon(settings: Settings, lang: str) -> Any:
    """*lang*'s spelling for LT001 (``locqa.spelling``): its profile's Hunspell dictionary
    and the project's word list ``<locales>/wordlists/<code>.txt``; None without a profile."""
    from ..spelling import Lexicon, read_wordlist, wordlist_path

    found = find_profile(lang)
    if found is None:
        return None
    return Lexicon.for_profile(
        found, read_wordlist(wordlist_path(settings.locales_root, found.code))
    )


def no_languagetool() -> AbstractContextManager[TextChecker]:
    """For tests and --skip-languagetool: a checker that finds nothing."""

    class _Nothing:
        def check_texts(self, texts: Sequence[str], lang: str) -> list[list[Any]]:
            return [[] for _ in texts]

    return nullcontext(_Nothing())


# --------------------------------------------------------------------------- entry points


def languagetool_factory(settings: Settings) -> Callable[[], AbstractContextManager[TextChecker]]:
    """Starts a LanguageTool session for a run: each language is checked as its profile's
    variant with its profile's rules off, plus the configured ones."""

    def start() -> AbstractContextManager[TextChecker]:
        from ..languagetool.client import LanguageToolSession
        from ..languagetool.rules import disabled_rules_for

        return LanguageToolSession(
            url=settings.languagetool_url,
            cache_dir=settings.cache_dir,
            disabled_rules=disabled_rules_for(
                {"languagetool_disabled_rules": settings.languagetool_disabled_rules}
            ),
        )

    return start


def note_skips(
    run: CheckRun,
    contexts: Mapping[str, CheckContext],
    skip_languagetool: bool,
    checks: Sequence[Check] = (),
) -> None:
    """Say in *run* what was not checked: LanguageTool when skipped, terminology for each
    language of *contexts* (language → context) that has no termbase, and each of *checks*
    that cannot run on this machine (``Check.unavailable``)."""
    run.skipped.extend(problem for c in checks if (problem := c.unavailable()) is not None)
    if skip_languagetool:
        run.skipped.append("languagetool (--skip-languagetool)")
    else:  # LT001's spelling without its dictionary: said once per language
        run.skipped.extend(
            ctx.spelling.problem
            for ctx in contexts.values()
            if getattr(ctx.spelling, "problem", None)
        )
        for lang in contexts:  # a LanguageTool variant without a speller (ja-JP, zh-CN)
            found = find_profile(lang)
            if found is not None and not found.languagetool.spelling:
                run.skipped.append(
                    f"LT001 spelling for {lang} (LanguageTool {found.languagetool.code} has "
                    "no speller: grammar and style rules only)"
                )
    without = [lang for lang, ctx in contexts.items() if ctx.termbase is None]
    if without and len(contexts) == 1:
        run.skipped.append("terminology (no termbase found)")
    elif without:
        run.skipped.append(f"terminology for {', '.join(without)} (no termbase found)")
