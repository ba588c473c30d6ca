"""Command line: one subcommand per stage (extract, check, fix, build) and ``run`` for all.

Exit codes: 0 success; 1 findings at or above ``--fail-on``; 2 bad input or usage
(misconfiguration included: checked before anything is read or written); 3 the
environment failed (LanguageTool, Maven, Java; a full disk); 4 an internal error (a bug).
Every failure is one line on stderr; ``LOCQA_DEBUG=1`` or ``--traceback`` adds the traceback.
"""

from __future__ import annotations

import argparse
import os
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .build import build
from .config import Origin, Settings, check_codes, load_settings, require_project
from .errors import EXIT_INTERNAL, ConfigError, LocqaError, from_os_error
from .extract import extract
from .languages import language_code

DEBUG_HINT = "run with LOCQA_DEBUG=1 or --traceback for details"


class _Parser(argparse.ArgumentParser):
    """A parser whose usage errors are one line, ``locqa: error: ...``, exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise ConfigError(f"{message} (see {self.prog} --help)")


def _common(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("project paths (default: [tool.locqa] in pyproject.toml)")
    group.add_argument(
        "--root",
        type=Path,
        default=None,
        help="project directory holding pyproject.toml (default: .)",
    )
    group.add_argument("--source-dir", type=Path, help="English source articles")
    group.add_argument(
        "--target-dir",
        help="translations: a pattern with {lang}, or the folder of the one --lang given",
    )
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
    _traceback_option(parser, default=argparse.SUPPRESS)


def _traceback_option(parser: argparse.ArgumentParser, default: Any) -> None:
    # SUPPRESS on the subcommands: their default must not overwrite `locqa --traceback CMD`
    parser.add_argument(
        "--traceback",
        action="store_true",
        default=default,
        help="print the traceback of a failure (also LOCQA_DEBUG=1)",
    )


def _settings(args: argparse.Namespace) -> Settings:
    """The project's settings, after refusing every misconfiguration: the options, the
    root, pyproject.toml and the project's folders are checked before anything is read
    or written."""
    _refuse_bad_options(args)
    root = _project_root(args.root)
    settings = load_settings(root, _overrides(args))
    require_project(settings)
    return settings


def _project_root(root: Path | None) -> Path | None:
    if root is not None and not root.is_dir():
        what = "is not a folder" if root.exists() else "no such folder"
        raise Origin("--root").error(str(root), f"{what}; give the project folder")
    return root


# options naming files that locqa writes or reads (attribute -> flag)
_OUTPUTS = {"output": "-o/--output", "stats": "--stats", "export_tmx": "--export-tmx"}
_INPUTS = {"termbase": "--termbase", "import_tmx": "--import-tmx"}
_CODES = {"select": "--select", "ignore": "--ignore"}


def _refuse_bad_options(args: argparse.Namespace) -> None:
    """Refuse bad option values before any work: output files that cannot be written,
    input files that do not exist, unknown check codes, a job count below 1."""
    for name, flag in _OUTPUTS.items():
        if getattr(args, name, None) is not None:
            _check_output(getattr(args, name), flag)
    for name, flag in _INPUTS.items():
        path = getattr(args, name, None)
        if path is not None and not path.is_file():
            raise Origin(flag).error(str(path), "no such file")
    for name, flag in _CODES.items():
        check_codes(_split_codes(getattr(args, name, None)), Origin(flag))
    jobs = getattr(args, "jobs", None)
    if jobs is not None and jobs < 1:
        raise Origin("--jobs").error(jobs, "must be 1 or more")


def _check_output(path: Path, flag: str) -> None:
    """*path* can be written: not a folder, and its folder exists or can be created."""
    if path.is_dir():
        raise Origin(flag).error(str(path), "is a folder; give a file name")
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise Origin(flag).error(str(path), f"{str(folder)!r} is a file, not a folder")
    if not os.access(folder, os.W_OK | os.X_OK):
        raise Origin(flag).error(str(path), f"cannot write in {str(folder)!r}: permission denied")


def _overrides(args: argparse.Namespace) -> dict[str, Any]:
    overrides: dict[str, Any] = {
        "source_dir": args.source_dir,
        "target_dir": args.target_dir,
        "locales_dir": args.locales_dir,
        "build_dir": args.build_dir,
        "languages": tuple(args.languages) if args.languages else None,
    }
    for name in ("fail_on", "languagetool_url", "termbase"):
        if getattr(args, name, None) is not None:
            overrides[name] = getattr(args, name)
    return overrides


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
    for line in result.redelivery_lines():
        print(line, file=out)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    settings = _settings(args)
    if args.strict:
        _refuse_fuzzy(settings)
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


def _split_codes(values: Sequence[str] | None) -> list[str]:
    return [c.strip() for v in values or () for c in v.split(",") if c.strip()]


def cmd_check(args: argparse.Namespace) -> int:
    from .checking import check_pair, check_project
    from .reporting import write_report

    if args.pair:
        settings, lang = _pair_settings(args)
        run, locate = check_pair(
            settings,
            Path(args.pair[0]),
            Path(args.pair[1]),
            lang,
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


def _pair_settings(args: argparse.Namespace) -> tuple[Settings, str]:
    """Settings and target language of pair mode (no project needed), checked first."""
    if len(args.pair) != 2:
        raise ConfigError("pair mode takes exactly two files: SOURCE.md TARGET.md")
    if not args.languages or len(args.languages) != 1:
        raise ConfigError("pair mode needs exactly one --lang (the target's language)")
    lang = language_code(args.languages[0], "--lang")
    _refuse_bad_options(args)
    for name in args.pair:
        if not Path(name).is_file():
            raise ConfigError("no such file (pair mode: SOURCE.md TARGET.md)", name)
    overrides = {
        "fail_on": args.fail_on,
        "languagetool_url": args.languagetool_url,
        "termbase": args.termbase,
    }
    return load_settings(_project_root(args.root), overrides), lang


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
    from .fix import append_audit, audit_log_path, fix_project
    from .report.status import after_fixing
    from .report.text import status_line
    from .reporting import write_report, write_run_reports

    settings = _settings(args)
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
    _write_stats(args.stats, run)
    sys.stdout.write(  # the check's report, before fixing; the files below are after it
        write_report(run, "text", locate=locate, color=_color(args), quiet=args.quiet) or ""
    )
    fixed = fix_project(
        settings, unsafe=args.unsafe_fixes, skip_languagetool=args.skip_languagetool, jobs=args.jobs
    )
    print(f"fix: {fixed.summary()}")
    built = build(settings)
    print(f"build: {built.articles} article(s), {built.changed_segments} segment(s) corrected")
    outcome = after_fixing(run.findings, fixed)
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
    parser = _Parser(
        prog="locqa",
        description="Localisation QA for machine-translated Markdown: "
        "extract → check → fix → review → build.",
    )
    parser.add_argument("--version", action="version", version=f"locqa {__version__}")
    _traceback_option(parser, default=False)
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
    """Run one command; every failure becomes one line on stderr and an exit code:
    2 bad input or usage, 3 the environment, 4 an internal error (see the module doc)."""
    debug = os.environ.get("LOCQA_DEBUG", "") not in ("", "0")
    try:
        args = build_parser().parse_args(argv)
        debug = debug or bool(args.traceback)
        func: Callable[[argparse.Namespace], int] = args.func
        return func(args)
    except KeyboardInterrupt:
        print("locqa: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # the one place where every failure is reported
        return _report_failure(exc, debug)


def _report_failure(exc: Exception, debug: bool) -> int:
    """One line for *exc* on stderr (after its traceback when *debug*); the exit code."""
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    error = from_os_error(exc) if isinstance(exc, OSError) else exc
    if isinstance(error, LocqaError):
        print(f"locqa: error: {_one_line(str(error))}", file=sys.stderr)
        return error.exit_code
    what = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
    print(f"locqa: internal error: {_one_line(what)} ({DEBUG_HINT})", file=sys.stderr)
    return EXIT_INTERNAL


def _one_line(text: str) -> str:
    return " ".join(line.strip() for line in text.splitlines() if line.strip())


if __name__ == "__main__":
    sys.exit(main())
