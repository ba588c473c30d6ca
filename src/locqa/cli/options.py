"""Command-line options shared by the subcommands, and the settings they give.

Every option is checked here before a stage runs: misconfiguration is one line and exit
code 2, with nothing read or written (see :func:`settings_from`).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from ..checks import check_codes
from ..config import Origin, Settings, load_settings, require_project
from ..errors import ConfigError

if TYPE_CHECKING:
    from ..baseline import Baseline


class Parser(argparse.ArgumentParser):
    """A parser whose usage errors are one line, ``locqa: error: ...``, exit code 2."""

    def error(self, message: str) -> NoReturn:
        raise ConfigError(f"{message} (see {self.prog} --help)")


def common_options(parser: argparse.ArgumentParser) -> None:
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
    traceback_option(parser, default=argparse.SUPPRESS)


def traceback_option(parser: argparse.ArgumentParser, default: Any) -> None:
    # SUPPRESS on the subcommands: their default must not overwrite `locqa --traceback CMD`
    parser.add_argument(
        "--traceback",
        action="store_true",
        default=default,
        help="print the traceback of a failure (also LOCQA_DEBUG=1)",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    """The project's settings, after refusing every misconfiguration: the options, the
    root, pyproject.toml and the project's folders are checked before anything is read
    or written."""
    refuse_bad_options(args)
    root = project_root(args.root)
    settings = load_settings(root, _overrides(args))
    refuse_unknown_checks(settings)
    refuse_missing_termbase(settings)
    require_project(settings)
    return settings


def refuse_missing_termbase(settings: Settings) -> None:
    """A configured termbase (``termbase`` key or ``--termbase``) must exist: terminology
    is never skipped quietly because of a typo in a path."""
    if "termbase" in settings.origins and settings.termbase:
        path = settings.resolve(settings.termbase)
        if not path.is_file():
            raise settings.origin("termbase").error(str(settings.termbase), "no such file")


def refuse_unknown_checks(settings: Settings) -> None:
    """``disabled-checks`` names only codes or families that exist."""
    check_codes(settings.disabled_checks, settings.origin("disabled_checks"))


def project_root(root: Path | None) -> Path | None:
    if root is not None and not root.is_dir():
        what = "is not a folder" if root.exists() else "no such folder"
        raise Origin("--root").error(str(root), f"{what}; give the project folder")
    return root


# options naming files that locqa writes or reads (attribute -> flag)
_OUTPUTS = {"output": "-o/--output", "stats": "--stats", "export_tmx": "--export-tmx"}
_INPUTS = {"termbase": "--termbase", "import_tmx": "--import-tmx"}
_CODES = {"select": "--select", "ignore": "--ignore"}


def refuse_bad_options(args: argparse.Namespace) -> None:
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
        check_codes(split_codes(getattr(args, name, None)), Origin(flag))
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
    for name in ("fail_on", "languagetool_url"):
        if getattr(args, name, None) is not None:
            overrides[name] = getattr(args, name)
    if getattr(args, "termbase", None) is not None:  # a path on the command line: from here
        overrides["termbase"] = Path(args.termbase).resolve()
    return overrides


def split_codes(values: Sequence[str] | None) -> list[str]:
    return [c.strip() for v in values or () for c in v.split(",") if c.strip()]


def write_stats(path: Path | None, run: Any) -> None:
    if path is None:
        return
    import json

    from ..atomic import write_text

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


def use_color(args: argparse.Namespace) -> bool:
    if getattr(args, "output", None) or getattr(args, "format", "text") != "text":
        return False
    if args.color != "auto":
        return bool(args.color == "always")
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def code_options(p: argparse.ArgumentParser, *, select: str, ignore: str) -> None:
    """``--select`` / ``--ignore`` check codes or prefixes (comma-separated, repeatable),
    with the command's own help texts."""
    p.add_argument("--select", action="append", metavar="CODES", help=select)
    p.add_argument("--ignore", action="append", metavar="CODES", help=ignore)


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


def check_options(p: argparse.ArgumentParser) -> None:
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
    p.add_argument(
        "--baseline",
        type=Path,
        metavar="FILE",
        help="fail and report only on findings not recorded in FILE (a JSON baseline)",
    )
    p.add_argument(
        "--update-baseline",
        action="store_true",
        help="record the current findings in the --baseline FILE and exit 0",
    )


def baseline_from(args: argparse.Namespace, settings: Settings) -> Baseline | None:
    """The ``--baseline`` to compare with (None without one, or when it is being
    updated); refused before anything runs when missing or malformed."""
    from ..baseline import read_baseline

    path: Path | None = getattr(args, "baseline", None)
    if getattr(args, "update_baseline", False):
        if path is None:
            raise ConfigError("--update-baseline needs --baseline FILE")
        _check_output(path, "--baseline")
        return None
    if path is None:
        return None
    return read_baseline(path, settings.display(path) if path.is_absolute() else str(path))
