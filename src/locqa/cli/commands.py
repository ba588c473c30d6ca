"""The subcommands extract, check, build and run: parse → call the stage → print."""

from __future__ import annotations

import argparse
import sys
from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import Any

from ..baseline import write_baseline
from ..build import build, refuse_fuzzy
from ..config import Settings, load_settings
from ..errors import ConfigError
from ..extract import extract
from ..findings import Finding
from ..languages import language_code
from .options import (
    baseline_from,
    project_root,
    refuse_bad_options,
    refuse_unknown_checks,
    settings_from,
    split_codes,
    use_color,
    write_stats,
)


def cmd_extract(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    result = extract(settings)
    out = sys.stdout
    if not args.quiet:
        for path in result.written:
            print(f"wrote {path}", file=out)
    for orphan in result.orphans:
        what = "has no translation" if orphan.side == "source" else "has no source article"
        print(f"warning: {orphan.path}: {what} ({orphan.lang})", file=sys.stderr)
    for path, found in result.mismatches.items():
        missing = [m for m in found if m.side == "source"]
        extra = [m for m in found if m.side == "target"]
        parts = []
        if missing:
            lines = ", ".join(str(m.line) for m in missing[:5])
            parts.append(
                f"{len(missing)} block(s) of {missing[0].path} not translated "
                f"(line {lines}"
                f"{', …' if len(missing) > 5 else ''})"
            )
        if extra:
            lines = ", ".join(str(m.line) for m in extra[:5])
            parts.append(
                f"{len(extra)} extra block(s) in the translation (line {lines}"
                f"{', …' if len(extra) > 5 else ''})"
            )
        print(f"warning: {path}: alignment: {'; '.join(parts)}", file=sys.stderr)
    print(
        f"extract: {result.articles} article(s), {len(result.written)} catalogue(s) written, "
        f"{len(result.unchanged)} unchanged; {result.aligned_fully} fully aligned, "
        f"{len(result.mismatches)} with alignment gaps",
        file=out,
    )
    for line in result.redelivery_lines():
        print(line, file=out)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    settings = settings_from(args)
    if args.strict:
        refuse_fuzzy(settings)
    result = build(settings, in_place=args.in_place)
    if not args.quiet:
        for path in result.written:
            print(f"wrote {path}")
    print(
        f"build: {result.articles} article(s), {result.changed_segments} segment(s) changed, "
        f"{len(result.written)} file(s) written, {len(result.unchanged)} unchanged"
        + (f", {len(result.fuzzy)} fuzzy entr(y/ies) published" if result.fuzzy else "")
    )
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from ..checking import check_pair, check_project
    from ..reporting import write_report

    if args.pair:
        settings, lang = _pairsettings_from(args)
        baseline = baseline_from(args, settings)
        run, locate = check_pair(
            settings,
            Path(args.pair[0]),
            Path(args.pair[1]),
            lang,
            select=split_codes(args.select),
            ignore=split_codes(args.ignore),
            skip_languagetool=args.skip_languagetool,
        )
    else:
        from ..scope import scope_from

        settings = settings_from(args)
        baseline = baseline_from(args, settings)
        scope = scope_from(settings, args.shard, args.changed_since)
        if args.update_baseline and not scope.whole:
            raise ConfigError(
                "--update-baseline records every finding of the project: "
                "not with --shard or --changed-since"
            )
        with _executor(args, settings) as executor:
            run, locate = check_project(
                settings,
                select=split_codes(args.select),
                ignore=split_codes(args.ignore),
                skip_languagetool=args.skip_languagetool,
                annotate=not args.no_annotate,
                jobs=args.jobs,
                use_cache=not args.no_cache,
                scope=scope,
                executor=executor,
            )
        if not scope.whole:
            print(
                f"scope ({scope.describe()}): {run.articles} of {run.in_project} "
                "article(s) checked and reported",
                file=sys.stderr,
            )
    write_stats(args.stats, run)
    if args.update_baseline:
        count = write_baseline(args.baseline, run.findings)
        print(f"baseline: recorded {count} finding(s) in {args.baseline}", file=sys.stderr)
        return 0
    known: list[Finding] = []
    if baseline is not None:
        run.findings, known = baseline.split(run.findings)
    text = write_report(
        run, args.format, locate=locate, color=use_color(args), quiet=args.quiet, output=args.output
    )
    if text:
        sys.stdout.write(text)
    if baseline is not None:
        print(
            f"baseline: {len(known)} known finding(s) not reported ({args.baseline})",
            file=sys.stderr,
        )
    threshold = settings.fail_on
    failing = [f for f in run.findings if f.severity.rank >= threshold.rank]
    return 1 if failing else 0


def _executor(args: argparse.Namespace, settings: Settings) -> AbstractContextManager[Any]:
    """The cluster of ``--executor dask`` (closed after the run), or None for local work."""
    if args.executor != "dask":
        if args.scheduler:
            raise ConfigError("--scheduler works with --executor dask")
        return nullcontext(None)
    if not args.scheduler:
        raise ConfigError("--executor dask needs --scheduler ADDRESS (tcp://HOST:8786)")
    from ..checks.executors import DaskExecutor

    return DaskExecutor(args.scheduler, settings, languagetool=not args.skip_languagetool)


def cmd_merge(args: argparse.Namespace) -> int:
    from ..atomic import write_text
    from ..report.merge import merge_reports

    text = merge_reports(args.reports)
    if args.output is None:
        sys.stdout.write(text)
    else:
        write_text(args.output, text)
    return 0


def _pairsettings_from(args: argparse.Namespace) -> tuple[Settings, str]:
    """Settings and target language of pair mode (no project needed), checked first."""
    if args.shard or args.changed_since or args.executor != "local":
        raise ConfigError(
            "--shard, --changed-since and --executor work on a project, not on a pair"
        )
    if len(args.pair) != 2:
        raise ConfigError("pair mode takes exactly two files: SOURCE.md TARGET.md")
    if not args.languages or len(args.languages) != 1:
        raise ConfigError("pair mode needs exactly one --lang (the target's language)")
    lang = language_code(args.languages[0], "--lang")
    refuse_bad_options(args)
    for name in args.pair:
        if not Path(name).is_file():
            raise ConfigError("no such file (pair mode: SOURCE.md TARGET.md)", name)
    overrides = {
        "fail_on": args.fail_on,
        "languagetool_url": args.languagetool_url,
        "termbase": Path(args.termbase).resolve() if args.termbase else None,
    }
    settings = load_settings(project_root(args.root), overrides)
    refuse_unknown_checks(settings)
    return settings, lang


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: extract → check → fix → build, leaving catalogues, articles, reports."""
    from ..audit import append_audit, audit_log_path
    from ..checking import check_project
    from ..fix import fix_project
    from ..report.text import status_line
    from ..reporting import write_report, write_run_reports

    settings = settings_from(args)
    baseline = baseline_from(args, settings)
    result = extract(settings)
    print(
        f"extract: {result.articles} article(s), {len(result.written)} catalogue(s) written, "
        f"{result.aligned_fully} fully aligned, {len(result.mismatches)} with alignment gaps"
    )
    for line in result.redelivery_lines():
        print(line)
    run, locate = check_project(
        settings,
        skip_languagetool=args.skip_languagetool,
        annotate=True,
        jobs=args.jobs,
        use_cache=not args.no_cache,
    )
    write_stats(args.stats, run)
    sys.stdout.write(  # the check's report, before fixing; the files below are after it
        write_report(run, "text", locate=locate, color=use_color(args), quiet=args.quiet) or ""
    )
    fixed = fix_project(
        settings, unsafe=args.unsafe_fixes, skip_languagetool=args.skip_languagetool, jobs=args.jobs
    )
    print(f"fix: {fixed.summary()}")
    built = build(settings)
    print(f"build: {built.articles} article(s), {built.changed_segments} segment(s) corrected")
    outcome = fixed.outcome(run.findings)
    reports = write_run_reports(settings, run, outcome, locate=locate)
    log = audit_log_path(settings)
    append_audit(log, [], create=True)  # named below: "[]" until a fix; history is kept
    where = {
        "corrected articles": f"{settings.display(settings.build_root)}/<lang>/",
        "annotated catalogues": settings.display(settings.locales_root),
        "findings (JSON, SARIF)": f"{settings.display(reports['json'])}, "
        f"{settings.display(reports['sarif'])}",
        "audit log of fixes": settings.display(log),
        "HTML report": settings.display(reports["html"]),
    }
    print("\n".join(f"  {what:<24}{path}" for what, path in where.items()))
    print(status_line(outcome.findings, outcome.resolutions))
    remaining = fixed.remaining
    if args.update_baseline:
        count = write_baseline(args.baseline, remaining)
        print(f"baseline: recorded {count} remaining finding(s) in {args.baseline}")
        return 0
    if baseline is not None:
        remaining, known = baseline.split(remaining)
        print(f"baseline: {len(known)} known finding(s) do not fail the run ({args.baseline})")
    failing = [f for f in remaining if f.severity.rank >= settings.fail_on.rank]
    return 1 if failing and args.fail else 0


def cmd_terms(args: argparse.Namespace) -> int:
    import json

    from ..atomic import write_text
    from ..mining import mine_terms

    settings = settings_from(args)
    mined = mine_terms(settings, min_count=args.min_count, top=args.top)
    if args.format == "json":
        text = json.dumps(
            {
                "source": settings.source_lang,
                "languages": [
                    {
                        "lang": found.lang,
                        "aligned_segments": found.pairs,
                        "terms": [term.to_json() for term in found.terms],
                    }
                    for found in mined
                ],
            },
            ensure_ascii=False,
            indent=2,
        )
        text += "\n"
    else:
        text = "".join(_terms_text(found, settings.source_lang, args.min_count) for found in mined)
    if args.output is not None:
        write_text(args.output, text)
    else:
        sys.stdout.write(text)
    return 0


def _terms_text(found: object, source: str, min_count: int) -> str:
    from ..mining import MinedLanguage

    assert isinstance(found, MinedLanguage)
    lines = [
        f"terms {source} → {found.lang}: {len(found.terms)} most frequent terms seen at least "
        f"{min_count} times in {found.pairs} aligned segments (renderings by word alignment; "
        "* under 60 % for one rendering; [tb: …] the termbase's preferred term)"
    ]
    width = max((len(t.term) for t in found.terms), default=4)
    for term in found.terms:
        mark = "*" if term.consistency < 0.6 else " "
        renderings = ", ".join(f"{text or '(none)'} {n}" for text, n in term.renderings[:5])
        known = f"  [tb: {term.termbase}]" if term.termbase is not None else ""
        lines.append(f"{mark} {term.term:<{width}} {term.count:>5}  {renderings}{known}")
    return "\n".join(lines) + "\n\n"
