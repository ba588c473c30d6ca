"""The cached, parallel check engine behind ``locqa check`` and ``locqa run``.

Per language, with that language's context (its profile, its termbase, its LanguageTool
variant and rules: :func:`.runner.new_context`), four phases; the first and third run on
``--jobs`` worker processes, results are gathered in article order, so the output is
identical whatever the number of jobs:

1. **load** each article (parse, align, read the catalogue → units, structure findings,
   positions) — or take it from the cache when the three files are unchanged;
2. **LanguageTool** for the texts whose matches are not cached, in batches, on one server
   for every language of the run (not started at all when everything is cached);
3. **check** each unit with each check family whose findings for that text and that
   family's configuration are not cached;
4. **corpus checks** (consistency across articles) over all units, then PO annotation.

Workers are pure: they return plain data; only the main process touches the cache and files.
"""

from __future__ import annotations

import multiprocessing
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import AbstractContextManager, ExitStack
from dataclasses import asdict, replace
from pathlib import Path, PurePosixPath
from typing import Any

from .. import __version__
from ..cache import SCHEMA, Cache, digest, family_of, family_token
from ..config import Settings, require_profiles
from ..errors import InputError
from ..findings import Finding, FixSafety, Severity
from ..lang import profile
from ..locate import Locator
from ..markdown import _line_starts
from ..nlp import Pipelines, require_segmenter
from ..project import load_article, po_path, translated_articles
from ..scope import WHOLE, Scope
from ..script import word_count
from .base import REGISTRY, Check, CheckContext, CorpusCheck, Unit
from .executors import DaskExecutor
from .runner import (
    CheckRun,
    TextChecker,
    catalogue_units,
    languagetool_factory,
    new_context,
    note_skips,
)
from .structure import structure_findings
from .suppress import drop_suppressed
from .terms import grammar_digest

LT_FAMILY = "LT"


# --------------------------------------------------------------------------- serialisation


def finding_data(finding: Finding) -> dict[str, Any]:
    """The part of a finding that depends on the unit's text only (cacheable)."""
    return {
        "check": finding.check,
        "severity": finding.severity.value,
        "message": finding.message,
        "start": finding.start,
        "end": finding.end,
        "suggestion": finding.suggestion,
        "fix": finding.fix.value if finding.fix else None,
        "rule": finding.rule,
    }


def finding_from(data: dict[str, Any], unit: Unit) -> Finding:
    return Finding(
        check=data["check"],
        severity=Severity(data["severity"]),
        message=data["message"],
        path=unit.path,
        line=unit.line,
        msgid=unit.msgid,
        msgstr=unit.msgstr,
        start=data["start"],
        end=data["end"],
        suggestion=data["suggestion"],
        fix=FixSafety(data["fix"]) if data["fix"] else None,
        msgctxt=unit.msgctxt,
        rule=data["rule"],
    )


def full_finding_data(finding: Finding) -> dict[str, Any]:
    data = asdict(finding)
    data["severity"] = finding.severity.value
    data["fix"] = finding.fix.value if finding.fix else None
    data["extra"] = [list(pair) for pair in finding.extra]
    return data


def full_finding_from(data: dict[str, Any]) -> Finding:
    values = dict(data)
    values["severity"] = Severity(values["severity"])
    values["fix"] = FixSafety(values["fix"]) if values["fix"] else None
    values["extra"] = tuple(tuple(pair) for pair in values.get("extra", ()))
    return Finding(**values)


# --------------------------------------------------------------------------- worker side

_WORKER: dict[str, Any] = {}


def _worker_setup(
    settings: Settings, codes: Sequence[str], lang: str, context: CheckContext | None = None
) -> None:
    """Set up a worker for checking *lang*; *context* is the main process's (in process)."""
    _WORKER.clear()
    _WORKER.update(settings=settings, codes=tuple(codes), lang=lang)
    if context is not None:
        _WORKER["given"] = context


def _worker_context() -> tuple[CheckContext, dict[str, list[Check]]]:
    """The language's context and checks by family, built once per process on first use."""
    if "context" not in _WORKER:
        from . import load_checks

        load_checks()
        settings: Settings = _WORKER["settings"]
        ctx = _WORKER.get("given") or new_context(settings, _WORKER["lang"])
        by_family: dict[str, list[Check]] = {}
        for code in _WORKER["codes"]:
            check = REGISTRY[code]()
            if not isinstance(check, CorpusCheck):
                by_family.setdefault(family_of(code), []).append(check)
        _WORKER["context"], _WORKER["by_family"] = ctx, by_family
    return _WORKER["context"], _WORKER["by_family"]


def load_task(task: tuple[str, str]) -> dict[str, Any]:
    """Phase 1 for one article: units, structure findings and positions, as plain data."""
    rel, lang = task
    settings: Settings = _WORKER["settings"]
    article = load_article(settings, PurePosixPath(rel), lang)
    assert article.target is not None
    po = po_path(settings, lang, PurePosixPath(rel))
    units, conflicts = catalogue_units(article, po, settings.display(po))
    target = article.target
    return {
        "units": [asdict(u) for u in units],
        "structure": [full_finding_data(f) for f in (*structure_findings(article), *conflicts)],
        "locator": {
            "path": target.path,
            "starts": _line_starts(target.text),
            "segments": [
                [s.line, s.text, [list(p) for p in s.pieces], s.signature] for s in target.segments
            ],
        },
    }


def check_task(
    task: tuple[list[dict[str, Any]], list[list[str]], dict[str, list[dict[str, Any]]]],
) -> list[dict[str, list[dict[str, Any]]]]:
    """Phase 3 for a batch of units: for each unit, the findings of each family asked for."""
    from ..languagetool import LTMatch

    unit_data, families, lt = task
    ctx, by_family = _worker_context()
    ctx = replace(
        ctx,
        languagetool={
            text: [LTMatch(**{**m, "replacements": tuple(m["replacements"])}) for m in matches]
            for text, matches in lt.items()
        },
    )
    out = []
    for data, wanted in zip(unit_data, families, strict=True):
        unit = Unit(**data)
        result: dict[str, list[dict[str, Any]]] = {}
        for family in wanted:
            found: list[dict[str, Any]] = []
            for check in by_family.get(family, ()):
                found.extend(finding_data(f) for f in check.check(unit, ctx))
            result[family] = found
        out.append(result)
    return out


# --------------------------------------------------------------------------- main side


class Engine:
    def __init__(
        self,
        settings: Settings,
        checks: Sequence[Check],
        *,
        jobs: int | None = None,
        use_cache: bool = True,
        skip_languagetool: bool = False,
        languagetool: Callable[[], AbstractContextManager[TextChecker]] | None = None,
        scope: Scope = WHOLE,
        executor: DaskExecutor | None = None,
    ):
        self.settings = settings
        self.scope = scope
        self.executor = executor  # None: worker processes on this machine
        self.checks = list(checks)
        self.jobs = max(1, jobs or os.cpu_count() or 1)
        self.use_cache = use_cache
        self.skip_languagetool = skip_languagetool
        self.languagetool = languagetool
        self.codes = [c.code for c in self.checks]
        self.families = sorted(
            {
                family_of(c.code)
                for c in self.checks
                if not isinstance(c, CorpusCheck) and not c.code.startswith("STR")
            }
        )
        if skip_languagetool and LT_FAMILY in self.families:
            self.families.remove(LT_FAMILY)
        self._sessions: ExitStack | None = None  # open during run()
        self._session: TextChecker | None = None

    # -- helpers

    def _cache_path(self) -> Path | None:
        if not self.use_cache:
            return None
        root = self.settings.cache_dir or Path(".cache") / "locqa"
        return self.settings.resolve(root) / "checks.sqlite"

    def _map(
        self,
        fn: Callable[[Any], Any],
        tasks: list[Any],
        lang: str,
        context: CheckContext | None = None,
    ) -> list[Any]:
        """Run *fn* over *tasks* in order, on worker processes when it pays off (on the
        cluster with an executor); in this process with *context* (*lang*'s), while workers
        make their own."""
        if self.executor is not None:
            setup = (self.settings, self.codes, lang)
            key = self._worker_key(lang, context)
            return self.executor.map(fn, tasks, _worker_setup, setup, key)
        if self.jobs == 1 or len(tasks) < 2:
            _worker_setup(self.settings, self.codes, lang, context)
            return [fn(t) for t in tasks]
        fork = multiprocessing.get_context("fork")
        workers = min(self.jobs, len(tasks))
        args = (self.settings, self.codes, lang, None)
        with ProcessPoolExecutor(
            workers, mp_context=fork, initializer=_worker_setup, initargs=args
        ) as pool:
            return list(pool.map(fn, tasks, chunksize=max(1, len(tasks) // (workers * 4))))

    def _worker_key(self, lang: str, context: CheckContext | None) -> str:
        """What a remote worker's state is built from: the settings, the checks, and the
        digests of the data its context reads (profile, termbase, grammar, spelling)."""
        if context is None:
            context = new_context(self.settings, lang)
        termbase = getattr(context.termbase, "digest", None)
        return digest(
            __version__,
            repr((self.settings, self.codes, lang)),
            profile(lang).fingerprint,
            grammar_digest(profile(lang)),
            str(termbase),
            str(getattr(context.spelling, "digest", None)),
            repr(context.options),
        )

    def _article_key(self, rel: PurePosixPath, lang: str) -> str:
        s = self.settings
        parts: list[str | bytes] = [
            "article",
            __version__,
            str(SCHEMA),
            lang,
            ",".join(s.front_matter_keys),
            str(rel),
        ]
        for path in (s.source_root / rel, s.target_dir_for(lang) / rel, po_path(s, lang, rel)):
            try:
                parts += [s.display(path), path.read_bytes()]
            except OSError:
                raise InputError(
                    "cannot read file (run `locqa extract` first?)", s.display(path)
                ) from None
        return digest(*parts)

    # -- the run

    def run(self, *, annotate: bool = True) -> tuple[CheckRun, Locator]:
        settings = self.settings
        # bad input and a missing word segmenter fail before anything is created
        require_profiles(settings)
        articles = {lang: self._validate(lang) for lang in settings.languages}
        for lang in settings.languages:
            require_segmenter(profile(lang))
        nlp = Pipelines()  # shared: each language's pipeline is built on first use
        contexts = {lang: new_context(settings, lang, nlp=nlp) for lang in settings.languages}
        run = CheckRun(scope=self.scope.to_json())
        note_skips(run, contexts, self.skip_languagetool, self.checks)
        locator = Locator()
        with Cache(self._cache_path()) as cache, ExitStack() as sessions:
            self._sessions, self._session = sessions, None
            for lang in settings.languages:
                self._run_language(
                    lang, articles[lang], contexts[lang], cache, run, locator, annotate
                )
            run.cache_hits, run.cache_misses = cache.hits, cache.misses
        return run, locator

    def _validate(self, lang: str) -> list[PurePosixPath]:
        """The articles to check; refuses a translation without source or catalogue."""
        settings = self.settings
        rels = translated_articles(settings, lang)
        for rel in rels:
            if not po_path(settings, lang, rel).is_file():
                raise InputError(
                    "no catalogue for this article: run `locqa extract` first",
                    settings.display(po_path(settings, lang, rel)),
                )
        return rels

    def _run_language(
        self,
        lang: str,
        rels: list[PurePosixPath],
        context: CheckContext,
        cache: Cache,
        run: CheckRun,
        locator: Locator,
        annotate: bool,
    ) -> None:
        settings = self.settings
        corpus_checks = [c for c in self.checks if isinstance(c, CorpusCheck)]
        # the scope's articles are checked and reported; corpus checks see every article
        selected = {rel for rel in rels if self.scope.selects(lang, rel)}
        run.in_project += len(rels)
        if not corpus_checks:
            rels = [rel for rel in rels if rel in selected]

        # 1. load
        t0 = time.perf_counter()
        keys = {rel: self._article_key(rel, lang) for rel in rels}
        cached = cache.get_many("articles", keys.values())
        todo = [rel for rel in rels if keys[rel] not in cached]
        loaded = dict(
            zip(
                todo,
                self._map(load_task, [(str(r), lang) for r in todo], lang, context),
                strict=True,
            )
        )
        cache.put_many("articles", {keys[rel]: loaded[rel] for rel in todo})
        articles = [cached[keys[rel]] if keys[rel] in cached else loaded[rel] for rel in rels]
        every: list[Unit] = []  # the corpus checks' view
        units: list[Unit] = []  # the units checked and reported
        article_of: list[int] = []
        codes = set(self.codes)
        for index, (rel, data) in enumerate(zip(rels, articles, strict=True)):
            every.extend(Unit(**u) for u in data["units"])
            if rel not in selected:
                continue
            loc = data["locator"]
            locator.add_data(loc["path"], loc["starts"], loc["segments"])
            run.po_of[loc["path"]] = po_path(settings, lang, rel)
            run.articles += 1
            for u in data["units"]:
                units.append(Unit(**u))
                article_of.append(index)
            run.findings.extend(
                full_finding_from(f) for f in data["structure"] if f["check"] in codes
            )
        run.units += len(units)
        run.words += sum(word_count(u.msgstr) for u in units)
        _add_time(run, "load", t0)

        # which (unit, family) results are cached
        lt_id = self._languagetool_id()
        language = profile(lang).fingerprint
        # TRM002's fix safety also depends on the language's grammar data
        termbase_id = getattr(context.termbase, "digest", None)
        if termbase_id is not None:
            termbase_id = f"{termbase_id}+{grammar_digest(profile(lang))}"
        tokens = {
            fam: family_token(
                fam,
                termbase_digest=termbase_id,
                languagetool=lt_id,
                options=context.options,
                codes=[c for c in self.codes if family_of(c) == fam],
                language=language,
                spelling=getattr(context.spelling, "digest", None),
            )
            for fam in self.families
        }
        ukeys = [
            {
                fam: digest(tokens[fam], settings.source_lang, lang, u.kind, u.msgid, u.msgstr)
                for fam in self.families
            }
            for u in units
        ]
        have = cache.get_many("findings", (k for keys_ in ukeys for k in keys_.values()))
        wanted = [[fam for fam, key in keys_.items() if key not in have] for keys_ in ukeys]

        # 2. LanguageTool for texts not cached
        t0 = time.perf_counter()
        lt_matches: dict[str, list[dict[str, Any]]] = {}
        if LT_FAMILY in self.families:
            texts = sorted({u.msgstr for u, w in zip(units, wanted, strict=True) if LT_FAMILY in w})
            lt_matches = self._languagetool_matches(texts, lang, cache, lt_id, context)
        _add_time(run, "languagetool", t0)

        # 3. check what is not cached, batched by article
        t0 = time.perf_counter()
        batches: dict[int, list[int]] = {}
        for i, w in enumerate(wanted):
            if w:
                batches.setdefault(article_of[i], []).append(i)
        tasks = []
        for indexes in batches.values():
            lt_part = {
                units[i].msgstr: lt_matches.get(units[i].msgstr, [])
                for i in indexes
                if LT_FAMILY in wanted[i]
            }
            tasks.append(
                ([asdict(units[i]) for i in indexes], [wanted[i] for i in indexes], lt_part)
            )
        results = self._map(check_task, tasks, lang, context)
        fresh: dict[str, Any] = {}
        for indexes, result in zip(batches.values(), results, strict=True):
            for i, by_family in zip(indexes, result, strict=True):
                for fam, found_data in by_family.items():
                    fresh[ukeys[i][fam]] = found_data
        cache.put_many("findings", fresh)
        have.update(fresh)
        for unit, keys_ in zip(units, ukeys, strict=True):
            for fam in self.families:
                run.findings.extend(finding_from(d, unit) for d in have[keys_[fam]])
        _add_time(run, "checks", t0)

        # 4. corpus checks: over every article, reported for the scope's
        t0 = time.perf_counter()
        if corpus_checks:
            everything = digest(
                *(
                    f"{u.path}\0{u.line}\0{u.kind}\0{u.msgctxt}\0{u.msgid}\0{u.msgstr}"
                    for u in every
                )
            )
            ckeys = {
                c.code: digest(
                    "corpus",
                    c.code,
                    family_token(
                        family_of(c.code),
                        termbase_digest=None,
                        languagetool=None,
                        options=context.options,
                        codes=[c.code],
                        language=language,
                    ),
                    settings.source_lang,
                    lang,
                    everything,
                )
                for c in corpus_checks
            }
            have_corpus = cache.get_many("findings", ckeys.values())
            for check in corpus_checks:
                key = ckeys[check.code]
                if key not in have_corpus:
                    found_corpus = [
                        full_finding_data(f) for f in check.check_corpus(every, context)
                    ]
                    cache.put_many("findings", {key: found_corpus})
                    have_corpus[key] = found_corpus
                run.findings.extend(
                    full_finding_from(d) for d in have_corpus[key] if d["path"] in run.po_of
                )
        _add_time(run, "corpus", t0)

        # entries a reviewer approved are not flagged again until source or translation
        # change; an entry's ignore-<check> flags turn that check off for it
        run.findings = drop_suppressed(run.findings, run.po_of)

        if annotate:
            t0 = time.perf_counter()
            mine = [
                (rel, data) for rel, data in zip(rels, articles, strict=True) if rel in selected
            ]
            self._annotate(run, lang, [r for r, _ in mine], keys, [d for _, d in mine], cache)
            _add_time(run, "annotate", t0)

    def _languagetool_id(self) -> str | None:
        if LT_FAMILY not in self.families:
            return None
        from ..languagetool import ANNOTATION_VERSION, DEFAULT_VERSION

        sent = f"annotation {ANNOTATION_VERSION}"  # how segments are sent: part of the key
        if self.settings.languagetool_url:
            return f"url:{self.settings.languagetool_url}:{sent}"
        return f"local:{DEFAULT_VERSION}:{sent}"

    def _languagetool_matches(
        self, texts: list[str], lang: str, cache: Cache, lt_id: str | None, context: CheckContext
    ) -> dict[str, list[dict[str, Any]]]:
        from ..languagetool import effective_disabled_rules

        rules = ",".join(sorted(effective_disabled_rules(context.options, lang)))
        # the profile says how the language is sent (variant, names): part of the key
        language = profile(lang).fingerprint
        keys = {
            text: digest("lt", str(SCHEMA), lt_id or "", lang, language, rules, text)
            for text in texts
        }
        have = cache.get_many("languagetool", keys.values())
        todo = [t for t in texts if keys[t] not in have]
        if todo:
            if self.executor is not None and self.executor.languagetool:
                answers = self.executor.check_texts(todo, lang)  # on the workers' servers
            else:
                answers = self._languagetool_session().check_texts(todo, lang)
            fresh = {
                keys[t]: [_match_data(m) for m in ms] for t, ms in zip(todo, answers, strict=True)
            }
            cache.put_many("languagetool", fresh)
            have.update(fresh)
        return {t: have[keys[t]] for t in texts}

    def _languagetool_session(self) -> TextChecker:
        """The run's LanguageTool session, started on first use and shared by its
        languages (each is checked as its own variant with its own rules)."""
        if self._session is None:
            assert self._sessions is not None, "only during run()"
            factory = self.languagetool or languagetool_factory(self.settings)
            self._session = self._sessions.enter_context(factory())
        return self._session

    def _annotate(
        self,
        run: CheckRun,
        lang: str,
        rels: list[PurePosixPath],
        keys: dict[PurePosixPath, str],
        articles: list[dict[str, Any]],
        cache: Cache,
    ) -> None:
        from ..annotate import annotate_po

        by_po: dict[Path, list[Finding]] = {po_path(self.settings, lang, rel): [] for rel in rels}
        for finding in run.findings:
            po = run.po_of.get(finding.path)
            if po is not None and po in by_po:
                by_po[po].append(finding)
        realias: dict[str, Any] = {}
        done: dict[str, Any] = {}
        marks = {
            rel: _annotation_mark(keys[rel], by_po[po_path(self.settings, lang, rel)])
            for rel in rels
        }
        already = cache.get_many("articles", marks.values())
        for rel, data in zip(rels, articles, strict=True):
            if marks[rel] in already:  # same files, same findings as when last annotated
                continue
            po = po_path(self.settings, lang, rel)
            key = keys[rel]
            if annotate_po(po, by_po[po]):
                # the catalogue's bytes changed, its units did not: keep the cache warm
                key = self._article_key(rel, lang)
                realias[key] = data
            done[_annotation_mark(key, by_po[po])] = True
        cache.put_many("articles", done)
        cache.put_many("articles", realias)


def _add_time(run: CheckRun, phase: str, since: float) -> None:
    run.seconds[phase] = run.seconds.get(phase, 0.0) + time.perf_counter() - since


def _annotation_mark(article_key: str, findings: Sequence[Finding]) -> str:
    """Cache key saying "this catalogue was annotated with exactly these findings"."""
    lines = sorted(f"{f.check}\0{f.msgctxt}\0{f.msgid}\0{f.message}" for f in findings)
    return digest("annotated", article_key, *lines)


def _match_data(match: Any) -> dict[str, Any]:
    data = asdict(match)
    data["replacements"] = list(data["replacements"])
    return data
