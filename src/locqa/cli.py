"""Command line: one subcommand per stage (extract, check, fix, build) and ``run`` for all.

Exit codes: 0 success; 1 findings at or above ``--fail-on``; 2 bad input or usage;
3 an external tool (LanguageTool, Maven, Java) failed.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .build import build
from .config import Settings, load_settings
from .errors import ConfigError, LocqaError
from .extract import extract


def _common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("project paths (default: [tool.locqa] in pyproject.toml)")
    group.add_argument(
        "--root",
        type=Path,
        default=None,
        help="project directory holding pyproject.toml (default: .)",
    )
    group.add_argument("--source-dir", type=Path, help="English source articles")
    group.add_argument("--target-dir", help="translations, a pattern with {lang}")
    group.add_argument("--locales-dir", type=Path, help="where catalogues are written")
    group.add_argument("--build-dir", type=Path, help="where built articles and reports go")
    group.add_argument(
        "--lang",
        action="append",
        dest="languages",
        metavar="LANG",
        help="target language (repeatable; default: all configured)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="print only errors and counts")


def _settings(args: argparse.Namespace) -> Settings:
    overrides: dict[str, Any] = {
        "source_dir": args.source_dir,
        "target_dir": args.target_dir,
        "locales_dir": args.locales_dir,
        "build_dir": args.build_dir,
        "languages": tuple(args.languages) if args.languages else None,
    }
    for name in ("fail_on", "languagetool_url"):
        if getattr(args, name, None) is not None:
            overrides[name] = getattr(args, name)
    return load_settings(args.root, overrides)


def cmd_extract(args: argparse.Namespace) -> int:
    settings = _settings(args)
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
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.strict:
        _refuse_fuzzy(settings)
    result = build(settings, in_place=args.in_place)
    if not args.quiet:
        for path in result.written:
            print(f"wrote {path}")
    for where in result.stale:
        print(
            f"warning: {where}: no catalogue entry for this segment (run locqa extract)",
            file=sys.stderr,
        )
    print(
        f"build: {result.articles} article(s), {result.changed_segments} segment(s) changed, "
        f"{len(result.written)} file(s) written, {len(result.unchanged)} unchanged"
        + (f", {len(result.fuzzy)} fuzzy entr(y/ies) published" if result.fuzzy else "")
    )
    return 0


def _split_codes(values: Sequence[str] | None) -> list[str]:
    return [c.strip() for v in values or () for c in v.split(",") if c.strip()]


def cmd_check(args: argparse.Namespace) -> int:
    from .checking import check_pair, check_project
    from .reporting import write_report

    if args.pair:
        if len(args.pair) != 2:
            raise ConfigError("pair mode takes exactly two files: SOURCE.md TARGET.md")
        if not args.languages or len(args.languages) != 1:
            raise ConfigError("pair mode needs exactly one --lang (the target's language)")
        settings = load_settings(
            args.root or Path.cwd(),
            {
                "fail_on": args.fail_on,
                "languagetool_url": args.languagetool_url,
                "termbase": args.termbase,
            },
        )
        run, locate = check_pair(
            settings,
            Path(args.pair[0]),
            Path(args.pair[1]),
            args.languages[0],
            select=_split_codes(args.select),
            ignore=_split_codes(args.ignore),
            skip_languagetool=args.skip_languagetool,
        )
    else:
        settings = _settings(args)
        run, locate = check_project(
            settings,
            select=_split_codes(args.select),
            ignore=_split_codes(args.ignore),
            skip_languagetool=args.skip_languagetool,
            annotate=not args.no_annotate,
            jobs=args.jobs,
            use_cache=not args.no_cache,
        )
    _write_stats(args.stats, run)
    text = write_report(
        run, args.format, locate=locate, color=_color(args), quiet=args.quiet, output=args.output
    )
    if text:
        sys.stdout.write(text)
    threshold = settings.fail_on
    failing = [f for f in run.findings if f.severity.rank >= threshold.rank]
    return 1 if failing else 0


def _write_stats(path: Path | None, run: Any) -> None:
    if path is None:
        return
    import json

    from .atomic import write_text

    stats = {
        "articles": run.articles,
        "units": run.units,
        "words": run.words,
        "findings": len(run.findings),
        "seconds": run.seconds,
        "cache_hits": run.cache_hits,
        "cache_misses": run.cache_misses,
        "skipped": run.skipped,
    }
    write_text(path, json.dumps(stats, indent=2) + "\n")


def _color(args: argparse.Namespace) -> bool:
    if getattr(args, "output", None) or getattr(args, "format", "text") != "text":
        return False
    if args.color != "auto":
        return bool(args.color == "always")
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def cmd_run(args: argparse.Namespace) -> int:
    """The main job: extract → check → fix → build, leaving catalogues, articles, reports."""
    from .checking import check_project
    from .fix import fix_project
    from .report.html import write_html_report
    from .reporting import write_report

    settings = _settings(args)
    result = extract(settings)
    print(
        f"extract: {result.articles} article(s), {len(result.written)} catalogue(s) written, "
        f"{result.aligned_fully} fully aligned, {len(result.mismatches)} with alignment gaps"
    )
    run, locate = check_project(
        settings,
        skip_languagetool=args.skip_languagetool,
        annotate=True,
        jobs=args.jobs,
        use_cache=not args.no_cache,
    )
    _write_stats(args.stats, run)
    reports = settings.build_root / "reports"
    write_report(run, "json", output=reports / "findings.json", locate=locate)
    write_report(run, "sarif", output=reports / "findings.sarif", locate=locate)
    sys.stdout.write(
        write_report(run, "text", locate=locate, color=_color(args), quiet=args.quiet) or ""
    )
    fixed = fix_project(
        settings, unsafe=args.unsafe_fixes, skip_languagetool=args.skip_languagetool, jobs=args.jobs
    )
    print(f"fix: {fixed.summary()}")
    built = build(settings)
    print(f"build: {built.articles} article(s), {built.changed_segments} segment(s) corrected")
    html = write_html_report(settings, run, remaining=fixed.remaining)
    where = {
        "corrected articles": f"{settings.display(settings.build_root)}/<lang>/",
        "annotated catalogues": settings.display(settings.locales_root),
        "findings (JSON, SARIF)": f"{settings.display(reports / 'findings.json')}, "
        f"{settings.display(reports / 'findings.sarif')}",
        "audit log of fixes": settings.display(reports / "fixes.json"),
        "HTML report": settings.display(html),
    }
    print("\n".join(f"  {what:<24}{path}" for what, path in where.items()))
    failing = [f for f in fixed.remaining if f.severity.rank >= settings.fail_on.rank]
    return 1 if failing and args.fail else 0


def _refuse_fuzzy(settings: Settings) -> None:
    from .catalog import messages, read_catalog

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


def checker_options(p: argparse.ArgumentParser) -> None:
    """Options of every command that runs the checks (check, run, fix, review)."""
    p.add_argument(
        "--skip-languagetool",
        action="store_true",
        help="run without LanguageTool (stated in the summary and reports)",
    )
    p.add_argument(
        "--languagetool-url",
        help="use this LanguageTool server instead of starting one (also $LOCQA_LANGUAGETOOL_URL)",
    )
    p.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=None,
        help="worker processes across articles (default: number of cores); the "
        "output is the same for every value",
    )


def _check_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--fail-on",
        choices=("error", "warning", "info"),
        help="lowest severity that makes the exit code 1 (default: error)",
    )
    checker_options(p)
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto")
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="ignore and do not update the check cache (.cache/locqa)",
    )
    p.add_argument(
        "--stats",
        type=Path,
        metavar="FILE",
        help="write timings per phase, counts and cache hits as JSON",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="locqa",
        description="Localisation QA for machine-translated Markdown: "
        "extract → check → fix → review → build.",
    )
    parser.add_argument("--version", action="version", version=f"locqa {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("extract", help="write POT/PO catalogues from the source and the MT")
    _common(p)
    p.set_defaults(func=cmd_extract)

    p = sub.add_parser(
        "check",
        help="check the translations and report findings",
        description="Check every translation in the project, or one article "
        "pair: locqa check SOURCE.md TARGET.md --lang nl",
    )
    _common(p)
    p.add_argument(
        "pair", nargs="*", metavar="FILE", help="pair mode: a source article and its translation"
    )
    _check_options(p)
    p.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    p.add_argument("-o", "--output", type=Path, help="write the report to this file")
    p.add_argument(
        "--select",
        action="append",
        metavar="CODES",
        help="only these check codes or prefixes (comma-separated, e.g. ENC,TRM002)",
    )
    p.add_argument("--ignore", action="append", metavar="CODES", help="skip these check codes")
    p.add_argument(
        "--no-annotate",
        action="store_true",
        help="do not write fuzzy flags and # locqa: comments into the catalogues",
    )
    p.add_argument("--termbase", type=Path, help="TBX termbase (default: from the config)")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("run", help="the main job: extract → check → fix → build → reports")
    _common(p)
    _check_options(p)
    p.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="also apply fixes that may change meaning (e.g. LanguageTool's)",
    )
    p.add_argument(
        "--fail",
        action="store_true",
        help="exit 1 when findings reach --fail-on (default: report only)",
    )
    p.set_defaults(func=cmd_run)

    from . import fix, review

    fix.add_parser(sub)
    review.add_parser(sub)

    p = sub.add_parser("build", help="write the localised Markdown from the catalogues")
    _common(p)
    p.add_argument(
        "--in-place",
        action="store_true",
        help="update the translation tree instead of the build directory",
    )
    p.add_argument(
        "--strict", action="store_true", help="refuse to publish while fuzzy entries remain"
    )
    p.set_defaults(func=cmd_build)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    func: Callable[[argparse.Namespace], int] = args.func
    try:
        return func(args)
    except LocqaError as exc:
        print(f"locqa: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("locqa: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
